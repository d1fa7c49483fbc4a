"""What every interactive element shares: the course styles, the learner's store, and a line that
shows what this browser kept from last time (so a reload or a kernel restart loses nothing)."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from .store import learner_store
from .style import style_widget


class CourseElement(w.VBox):
    """Base for the elements; subclasses fill ``body`` and say how to describe a saved result."""

    def __init__(self, key: str, header_html: str, css_class: str) -> None:
        self.store = learner_store()
        self.key = key
        self.body = w.VBox()
        self.saved_line = w.HTML("")
        super().__init__([style_widget(), self.store, w.HTML(header_html), self.saved_line, self.body])
        self.add_class("cop-element")
        self.add_class(css_class)
        self.store.observe(lambda _change: self._show_saved(), "revision")
        self._show_saved()

    def _show_saved(self) -> None:
        saved = self.store.get(self.key)
        self.saved_line.value = (
            f'<p class="cop-saved"><strong>Kept in this browser:</strong> {self.describe_saved(saved)}</p>'
            if saved else ""
        )
        self.restore(saved)

    def describe_saved(self, saved: dict[str, Any]) -> str:
        """One line (HTML-escaped by the subclass) on what the learner did last time."""
        raise NotImplementedError

    def restore(self, saved: dict[str, Any] | None) -> None:
        """Put kept text back into inputs; elements without inputs have nothing to restore."""
