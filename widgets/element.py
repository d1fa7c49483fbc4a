"""What every interactive element shares: the course styles, the learner's store, and a line that
shows what this browser kept from last time (so a reload or a kernel restart loses nothing)."""

from __future__ import annotations

from typing import Any, Generic, Protocol, TypeVar

import ipywidgets as w
from markupsafe import Markup

from .html import html
from .store import learner_store
from .style import button, style_widget, widget


class CourseElement(w.VBox):
    """Base for the elements; subclasses fill ``body`` and say how to describe a saved result."""

    def __init__(self, key: str, header_html: Markup, css_class: str) -> None:
        self.store = learner_store()
        self.key = key
        self.body = w.VBox()
        self.saved_line = widget()
        super().__init__([style_widget(), self.store, widget(header_html), self.saved_line, self.body])
        self.add_class("cop-element")
        self.add_class(css_class)

    def follow_store(self, trait: str = "revision") -> None:
        """Show what the browser kept, and again whenever the store's ``trait`` changes.

        Each element calls this last in its __init__, once everything restore() touches exists.
        """
        self.store.observe(lambda _change: self._show_saved(), trait)
        self._show_saved()

    def _show_saved(self) -> None:
        saved = self.store.get(self.key)
        self.saved_line.value = (
            html('<p class="cop-saved"><strong>Kept in this browser:</strong> {}</p>', self.describe_saved(saved))
            if saved
            else Markup("")
        )
        self.restore(saved)

    def present(self, content: Markup, label: str, action) -> w.Button:
        """Show ``content`` and one button that does ``action``; focus moves to it for keyboard users."""
        go_on = button(label, "cop-action")
        go_on.on_click(lambda _b: action())
        self.body.children = [widget(content), go_on]
        go_on.focus()
        return go_on

    def describe_saved(self, saved: dict[str, Any]) -> Markup:
        """One line on what the learner did last time (kept data: built with html(), so escaped)."""
        raise NotImplementedError

    def restore(self, saved: dict[str, Any] | None) -> None:
        """Put kept text back into inputs; elements without inputs have nothing to restore."""


class BranchingRun(Protocol):
    """What a branching element asks of its run (ScenarioRun, ConversationRun)."""

    @property
    def node(self) -> object: ...

    @property
    def finished(self) -> bool: ...

    def restart(self) -> None: ...


Run = TypeVar("Run", bound=BranchingRun)


class BranchingElement(CourseElement, Generic[Run]):
    """A scenario or a conversation: a run that moves from node to node until an ending."""

    run: Run

    def after_choice(self, content: Markup) -> None:
        """Show the feedback on what was chosen, then Continue (or, at the end, the debrief)."""
        self.present(content, "See the debrief" if self.run.finished else "Continue", self.go_on)

    def go_on(self) -> None:
        self.show_node()

    def restart(self) -> None:
        self.run.restart()
        self.show_node()

    def show_node(self) -> None:
        if self.run.finished:
            self.show_ending(self.run.node)
        else:
            self.show_choices(self.run.node)

    def show_choices(self, node) -> None:
        raise NotImplementedError

    def show_ending(self, ending) -> None:
        raise NotImplementedError
