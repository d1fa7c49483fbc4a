"""The hard safeguarding rules on screen (module 00): the same list every activity is scored by."""

from __future__ import annotations

import ipywidgets as w
from markupsafe import Markup

from . import data_files
from .bibliography import Source, source_list
from .html import html, join
from .rules import Rule, course_rules
from .style import style_widget, widget


def rules_html(rules: dict[str, Rule], sources: dict[str, Source]) -> Markup:
    items = []
    for rule in rules.values():
        exception = (
            html(
                "<p><strong>The one exception:</strong> {}</p>{}",
                rule.exception,
                source_list(rule.exception_sources, sources),
            )
            if rule.exception
            else Markup("")
        )
        items.append(
            html(
                "<li><p><strong>{}.</strong> {}</p><details><summary>Why, and the source</summary>"
                "<p>{}</p>{}{}</details></li>",
                rule.name,
                rule.statement,
                rule.why,
                source_list(rule.sources, sources),
                exception,
            )
        )
    return html(
        "<h4>The safeguarding rules every activity keeps ({})</h4><ol>{}</ol>"
        "<p>In every scenario, conversation, sorting activity, knowledge check and exercise, a choice "
        "that breaks one of these rules is scored as the weakest response, and no later choice can "
        "turn that path into a good result. The debrief names the rule and says why.</p>",
        len(rules),
        join(items),
    )


def show_rules() -> w.VBox:
    """Show the course's hard rules with why and where each comes from."""
    box = w.VBox([style_widget(), widget(rules_html(course_rules(), data_files.bibliography()))])
    box.add_class("cop-element")
    box.add_class("cop-rules")
    return box
