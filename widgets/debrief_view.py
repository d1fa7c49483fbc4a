"""HTML for the parts of a debrief that come from the rules: the note under a rule-breaking choice,
and the whole debrief of a path. Every learner-visible word passes through an escape."""

from __future__ import annotations

from .debrief import Debrief
from .rules import Rule, course_rules
from .text import markdown_html, plain


def rule_note_html(breaks: tuple[str, ...]) -> str:
    """Live feedback's first words on a choice that breaks a hard rule: which rule, and why."""
    if not breaks:
        return ""
    rules = course_rules()
    items = "".join(f"<li><strong>{plain(rules[r].name)}.</strong> {plain(rules[r].statement)}</li>" for r in breaks)
    return (f'<div class="cop-rule"><p><strong>This breaks a safeguarding rule'
            f"{'s' if len(breaks) > 1 else ''}:</strong></p><ul>{items}</ul></div>")


def debrief_html(debrief: Debrief, outcome: str, meaning: str, helped_heading: str) -> str:
    """The debrief of one path: title and outcome, rules broken with why, the ending's lesson, what
    helped, slips and what to revisit."""
    parts = [f"<p><strong>Debrief: {plain(debrief.title)}</strong></p>",
             f"<p><strong>Your outcome: {plain(outcome)}</strong> ({plain(meaning)}).</p>"]
    if debrief.broken:
        by_choice: dict[str, list[Rule]] = {}
        for b in debrief.broken:
            by_choice.setdefault(b.said, []).append(b.rule)
        items = "".join(
            f"<li>You chose: \u201c{plain(said)}\u201d<ul>"
            + "".join(f"<li><strong>{plain(r.name)}.</strong> {plain(r.statement)} <em>Why:</em> {plain(r.why)}</li>"
                      for r in rules)
            + "</ul></li>"
            for said, rules in by_choice.items())
        parts.append(f'<div class="cop-rule"><h5>Safeguarding rules broken on this path</h5><ul>{items}</ul>'
                     "<p>A path that breaks a safeguarding rule cannot end well, whatever else it did.</p></div>")
    else:
        parts.append("<p>No safeguarding rule was broken on this path.</p>")
    parts.extend(markdown_html(line) for line in debrief.lines)
    if debrief.went_well:
        items = "".join(f"<li>{plain(text)}</li>" for text in debrief.went_well)
        parts.append(f"<h5>{plain(helped_heading)}</h5><ul>{items}</ul>")
    if debrief.slips:
        items = "".join(f"<li>{plain(text)}</li>" for text in debrief.slips)
        parts.append(f"<h5>Moments to look at again</h5><ul>{items}</ul>")
    if debrief.revisit:
        items = "".join(f"<li>{plain(text)}</li>" for text in debrief.revisit)
        parts.append(f"<h5>Worth revisiting</h5><ul>{items}</ul>")
    return f'<div class="cop-debrief" role="status">{"".join(parts)}</div>'
