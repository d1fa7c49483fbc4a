"""The hard safeguarding rules on screen (module 00): the same list every activity is scored by."""

from __future__ import annotations

import ipywidgets as w

from . import data_files
from .bibliography import Source, source_html
from .rules import Rule, course_rules
from .style import style_widget
from .text import plain


def _refs(keys: tuple[str, ...], sources: dict[str, Source]) -> str:
    return "".join(f"<li>{source_html(sources[k])}</li>" for k in keys)


def rules_html(rules: dict[str, Rule], sources: dict[str, Source]) -> str:
    items = []
    for rule in rules.values():
        exception = (f"<p><strong>The one exception:</strong> {plain(rule.exception)}</p>"
                     f"<ul>{_refs(rule.exception_sources, sources)}</ul>" if rule.exception else "")
        items.append(f"<li><p><strong>{plain(rule.name)}.</strong> {plain(rule.statement)}</p>"
                     f"<details><summary>Why, and the source</summary><p>{plain(rule.why)}</p>"
                     f"<ul>{_refs(rule.sources, sources)}</ul>{exception}</details></li>")
    return (f"<h4>The safeguarding rules every activity keeps ({len(rules)})</h4><ol>{''.join(items)}</ol>"
            "<p>In every scenario, conversation, sorting activity, knowledge check and exercise, a choice "
            "that breaks one of these rules is scored as the weakest response, and no later choice can "
            "turn that path into a good result. The debrief names the rule and says why.</p>")


def show_rules() -> w.VBox:
    """Show the course's hard rules with why and where each comes from."""
    box = w.VBox([style_widget(), w.HTML(rules_html(course_rules(), data_files.bibliography()))])
    box.add_class("cop-element")
    box.add_class("cop-rules")
    return box
