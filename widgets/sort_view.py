"""The ipywidgets view of a sorting activity: one labelled drop-down per item (keyboard-native),
then feedback per item in words."""

from __future__ import annotations

import ipywidgets as w

from . import data_files
from .bibliography import Source, sources_html
from .debrief_view import rule_note_html
from .element import CourseElement
from .html import html, join, markdown_html
from .sort_activity import Sort, SortAttempt
from .style import button, widget

UNSET = "Choose a category"


class SortView(CourseElement):
    """A sorting activity on screen. ``place`` and ``check`` are what the controls call."""

    def __init__(self, sort: Sort, sources: dict[str, Source]) -> None:
        self.attempt = SortAttempt(sort)
        self.sources = sources
        header = html("<h4>Sorting activity: {}</h4>{}", sort.title, markdown_html(sort.instructions))
        super().__init__(f"sort:{sort.name}", header, "cop-sort")
        self.pickers: list[w.Dropdown] = []
        rows = []
        labels = [UNSET, *(label for _id, label in sort.categories)]
        for index, item in enumerate(sort.items):
            picker = w.Dropdown(
                options=labels,
                value=UNSET,
                description=f"Item {index + 1} goes in",
                style={"description_width": "initial"},
                layout=w.Layout(width="auto"),
            )
            picker.observe(lambda change, i=index: self._picked(i, change["new"]), "value")
            self.pickers.append(picker)
            rows.append(w.VBox([widget(html("<p><strong>Item {}:</strong> {}</p>", index + 1, item.text)), picker]))
        self.check_button = button("Check my sorting", "cop-action")
        self.check_button.on_click(lambda _b: self.check())
        self.result = widget()
        self.body.children = [*rows, self.check_button, self.result]
        self.follow_store()

    def describe_saved(self, saved):
        return html(
            "on {} you placed {} of {} as the course does.", saved["date"], saved.get("score"), saved.get("total")
        )

    def _picked(self, item: int, label: str) -> None:
        """Picking a category places the item; going back to "Choose a category" takes it out again."""
        ids = {lab: cid for cid, lab in self.attempt.sort.categories}
        if label in ids:
            self.attempt.place(item, ids[label])
        else:
            self.attempt.unplace(item)

    def place(self, item: int, category: str) -> None:
        """Choose ``category`` for ``item``, exactly as picking it in the drop-down does."""
        self.pickers[item].value = self.attempt.sort.label(category)

    def check(self) -> None:
        sort = self.attempt.sort
        if not self.attempt.complete:
            missing = [str(i + 1) for i in range(len(sort.items)) if i not in self.attempt.placed]
            self.result.value = html(
                '<p role="status">Please choose a category for item(s) {} first.</p>', ", ".join(missing)
            )
            return
        lines = []
        for index, item in enumerate(sort.items):
            chosen = sort.label(self.attempt.placed[index])
            verdict = (
                html("Right: {}.", chosen)
                if self.attempt.is_right(index)
                else html("Not quite: you chose {}; the course places it in {}.", chosen, sort.label(item.category))
            )
            lines.append(
                html(
                    "<li><strong>Item {}. {}</strong> {}{}</li>",
                    index + 1,
                    verdict,
                    rule_note_html(item.breaks),
                    markdown_html(item.feedback),
                )
            )
        total = len(sort.items)
        self.store.record(self.key, {"kind": "sort", "score": self.attempt.score, "total": total})
        self.result.value = html(
            '<div class="cop-feedback" role="status"><p><strong>{} of {} placed as the course '
            "does.</strong></p><ul>{}</ul></div>{}",
            self.attempt.score,
            total,
            join(lines),
            sources_html(sort.sources, self.sources),
        )


def show_sort(name: str) -> SortView:
    """Show the sorting activity ``modules/sorts/<name>.yaml``."""
    return SortView(data_files.sort(name), data_files.bibliography())
