"""The course's widget styles, shared by every element so they look the same in JupyterLab and Voilà.

Colours use JupyterLab's theme variables, so contrast follows the theme; meaning is always also in
words (e.g. "Strong choice"), never in colour alone.
"""

from __future__ import annotations

import ipywidgets as w
import traitlets
from markupsafe import Markup

CSS = """
<style>
.cop-element { max-width: 52rem; margin: 0.5rem 0 1rem 0; padding: 0.75rem 1rem;
  border: 1px solid var(--jp-border-color1, #767676); border-radius: 6px; }
.cop-element p, .cop-element li { font-size: 1rem; line-height: 1.5; }
.cop-element .widget-html-content { font-size: 1rem; line-height: 1.5; }
.cop-element button.cop-choice, .cop-element .cop-choice {
  height: auto; min-height: 2.75rem; width: 100%; white-space: normal; text-align: left;
  padding: 0.5rem 0.75rem; line-height: 1.4; font-size: 1rem; }
.cop-element .cop-action { height: auto; min-height: 2.75rem; font-size: 1rem; width: auto; }
.cop-element button:focus-visible { outline: 3px solid var(--jp-brand-color1, #1a5fb4); outline-offset: 2px; }
.cop-element .widget-radio-box label, .cop-element .widget-checkbox label { min-height: 24px; }
.cop-element input[type="radio"], .cop-element input[type="checkbox"] { width: 24px; height: 24px; }
.cop-element .widget-radio-box, .cop-element .widget-checkbox { height: auto; }
.cop-feedback { border-left: 4px solid var(--jp-border-color1, #767676); padding-left: 0.75rem; }
.cop-element .widget-checkbox label, .cop-element .widget-label, .cop-element .widget-radio-box label {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto; line-height: 1.4; }
.cop-element .widget-checkbox { height: auto; min-height: 2rem; }
.cop-element .widget-textarea textarea { font-size: 1rem; }
.cop-meter { margin: 0.5rem 0; }
.cop-meter-blocks { font-size: 1.4rem; letter-spacing: 0.15rem; }
.cop-duty, .cop-reminder { border: 2px solid var(--jp-border-color1, #767676); padding: 0.5rem 0.75rem; }
.cop-element table { border-collapse: collapse; margin: 0.5rem 0; }
.cop-element th, .cop-element td { border: 1px solid var(--jp-border-color1, #767676); padding: 0.3rem 0.5rem;
  text-align: left; vertical-align: top; }
.cop-store-controls button { min-height: 2.75rem; font-size: 1rem; margin: 0.25rem 0; }
.cop-rule { border: 2px solid var(--jp-border-color1, #767676); border-left-width: 6px; padding: 0.5rem 0.75rem;
  margin: 0.5rem 0; }
.cop-debrief h5 { font-size: 1rem; margin: 0.75rem 0 0.25rem 0; }
.cop-meta { color: var(--jp-ui-font-color1, #1f1f1f); }
</style>
"""


class SafeHTML(w.HTML):
    """An ipywidgets HTML widget that takes only Markup (see html.py), so no caller can pass raw text."""

    @traitlets.validate("value")
    def _only_markup(self, proposal):
        if not isinstance(proposal["value"], Markup):
            raise TypeError("SafeHTML takes Markup built with cop_widgets.html.html(), not a plain string")
        return proposal["value"]


def widget(content: Markup = Markup(""), **options) -> SafeHTML:  # noqa: B008 - Markup is immutable
    return SafeHTML(content, **options)


def style_widget() -> SafeHTML:
    """An invisible HTML widget that carries the shared CSS; each element includes one."""
    return widget(Markup(CSS), layout=w.Layout(display="none"))  # noqa: S704 - the course's own constant


def button(label: str, css_class: str) -> w.Button:
    """A course button: full text visible (no ellipsis), large enough to hit, labelled by its text."""
    b = w.Button(description=label, layout=w.Layout(width="auto", height="auto"))
    b.add_class(css_class)
    return b
