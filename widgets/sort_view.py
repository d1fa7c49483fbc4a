"""The ipywidgets view of a sorting activity: one labelled drop-down per item (keyboard-native),
then feedback per item in words."""

from __future__ import annotations

import ipywidgets as w

from . import data_files
from .bibliography import Source, source_html
from .debrief_view import rule_note_html
from .element import CourseElement
from .sort_activity import Sort, SortAttempt
from .style import button
from .text import markdown_html, plain

UNSET = "Choose a category"


class SortView(CourseElement):
    """A sorting activity on screen. ``place`` and ``check`` are what the controls call."""

    def __init__(self, sort: Sort, sources: dict[str, Source]) -> None:
        self.attempt = SortAttempt(sort)
        self.sources = sources
        header = f"<h4>Sorting activity: {plain(sort.title)}</h4>{markdown_html(sort.instructions)}"
        super().__init__(f"sort:{sort.name}", header, "cop-sort")
        self.pickers: list[w.Dropdown] = []
        rows = []
        labels = [UNSET, *(label for _id, label in sort.categories)]
        for index, item in enumerate(sort.items):
            picker = w.Dropdown(options=labels, value=UNSET, description=f"Item {index + 1} goes in",
                                style={"description_width": "initial"}, layout=w.Layout(width="auto"))
            picker.observe(lambda change, i=index: self._picked(i, change["new"]), "value")
            self.pickers.append(picker)
            rows.append(w.VBox([w.HTML(f"<p><strong>Item {index + 1}:</strong> {plain(item.text)}</p>"), picker]))
        self.check_button = button("Check my sorting", "cop-action")
        self.check_button.on_click(lambda _b: self.check())
        self.result = w.HTML("")
        self.body.children = [*rows, self.check_button, self.result]
        self.follow_store()

    def describe_saved(self, saved) -> str:
        return f"on {plain(saved['date'])} you placed {saved.get('score')} of {saved.get('total')} as the course does."

    def _picked(self, item: int, label: str) -> None:
        ids = {lab: cid for cid, lab in self.attempt.sort.categories}
        if label in ids:
            self.attempt.place(item, ids[label])

    def place(self, item: int, category: str) -> None:
        """Choose ``category`` for ``item``, exactly as picking it in the drop-down does."""
        self.pickers[item].value = self.attempt.sort.label(category)

    def check(self) -> None:
        sort = self.attempt.sort
        if not self.attempt.complete:
            missing = [str(i + 1) for i in range(len(sort.items)) if i not in self.attempt.placed]
            self.result.value = f'<p role="status">Please choose a category for item(s) {", ".join(missing)} first.</p>'
            return
        lines = []
        for index, item in enumerate(sort.items):
            chosen = sort.label(self.attempt.placed[index])
            if self.attempt.is_right(index):
                verdict = f"Right: {plain(chosen)}."
            else:
                right = plain(sort.label(item.category))
                verdict = f"Not quite: you chose {plain(chosen)}; the course places it in {right}."
            lines.append(f"<li><strong>Item {index + 1}. {verdict}</strong> {rule_note_html(item.breaks)}"
                         f"{markdown_html(item.feedback)}</li>")
        total = len(sort.items)
        self.store.record(self.key, {"kind": "sort", "score": self.attempt.score, "total": total})
        refs = "".join(f"<li>{source_html(self.sources[k])}</li>" for k in sort.sources)
        self.result.value = (f'<div class="cop-feedback" role="status"><p><strong>{self.attempt.score} of {total} '
                             f"placed as the course does.</strong></p><ul>{''.join(lines)}</ul></div>"
                             f"<p>Sources:</p><ul>{refs}</ul>")


def show_sort(name: str) -> SortView:
    """Show the sorting activity ``modules/sorts/<name>.yaml``."""
    return SortView(data_files.sort(name), data_files.bibliography())
