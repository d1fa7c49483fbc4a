"""HTML for the parts of a debrief that come from the rules: the note under a rule-breaking choice,
and the whole debrief of a path."""

from __future__ import annotations

from markupsafe import Markup

from .debrief import Debrief
from .html import html, join, markdown_html
from .rules import DUTY_TO_REPORT, Rule, course_rules


def rule_note_html(breaks: tuple[str, ...]) -> Markup:
    """Live feedback's first words on a choice that breaks a hard rule: which rule, and why."""
    if not breaks:
        return Markup("")
    rules = course_rules()
    items = join(html("<li><strong>{}.</strong> {}</li>", rules[r].name, rules[r].statement) for r in breaks)
    return html(
        '<div class="cop-rule"><p><strong>This breaks a safeguarding rule{}:</strong></p><ul>{}</ul></div>',
        "s" if len(breaks) > 1 else "",
        items,
    )


def content_note_html(note: str) -> Markup:
    """An element's content note, before anything else it shows (heavy topics carry one)."""
    if not note:
        return Markup("")
    return html(
        '<div class="cop-reminder" role="note"><p><strong>Content note:</strong></p>{}</div>', markdown_html(note)
    )


def duty_html() -> Markup:
    """The duty that closes an element about a concern, whatever its ending."""
    return html(
        '<div class="cop-duty"><p><strong>Your duty, whatever the ending:</strong> {}</p></div>', DUTY_TO_REPORT
    )


def items_html(heading: str, texts) -> Markup:
    """A heading and a list, or nothing when the list is empty."""
    if not texts:
        return Markup("")
    return html("<h5>{}</h5><ul>{}</ul>", heading, join(html("<li>{}</li>", text) for text in texts))


def debrief_html(debrief: Debrief, outcome: str, meaning: str, helped_heading: str) -> Markup:
    """The debrief of one path: title and outcome, rules broken with why, the ending's lesson, what
    helped, slips and what to revisit."""
    if debrief.broken:
        by_choice: dict[str, list[Rule]] = {}
        for b in debrief.broken:
            by_choice.setdefault(b.said, []).append(b.rule)
        items = join(
            html(
                "<li>You chose: \u201c{}\u201d<ul>{}</ul></li>",
                said,
                join(
                    html("<li><strong>{}.</strong> {} <em>Why:</em> {}</li>", r.name, r.statement, r.why) for r in rules
                ),
            )
            for said, rules in by_choice.items()
        )
        rules_part = html(
            '<div class="cop-rule"><h5>Safeguarding rules broken on this path</h5><ul>{}</ul>'
            "<p>A path that breaks a safeguarding rule cannot end well, whatever else it did.</p></div>",
            items,
        )
    else:
        rules_part = html("<p>No safeguarding rule was broken on this path.</p>")
    return html(
        '<div class="cop-debrief" role="status"><p><strong>Debrief: {}</strong></p>'
        "<p><strong>Your outcome: {}</strong> ({}).</p>{}{}{}{}{}</div>",
        debrief.title,
        outcome,
        meaning,
        rules_part,
        join(markdown_html(line) for line in debrief.lines),
        items_html(helped_heading, debrief.went_well),
        items_html("Moments to look at again", debrief.slips),
        items_html("Worth revisiting", debrief.revisit),
    )
