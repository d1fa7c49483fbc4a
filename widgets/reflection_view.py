"""The ipywidgets view of a reflection or checklist: text kept in the learner's browser as they
type, exported as Markdown, and never rendered as HTML."""

from __future__ import annotations

import ipywidgets as w

from . import data_files
from .element import CourseElement
from .html import html, markdown_html
from .reflection import PRIVACY_REMINDER, Reflection, to_markdown
from .style import button, widget


class ReflectionView(CourseElement):
    """Prompts with text boxes (or tick boxes with notes); every change is kept at once."""

    def __init__(self, reflection: Reflection) -> None:
        self.reflection = reflection
        header = html(
            '<h4>{}: {}</h4>{}<p class="cop-reminder"><strong>Privacy:</strong> {}</p>',
            "Checklist" if reflection.kind == "checklist" else "Reflection",
            reflection.title,
            markdown_html(reflection.intro),
            PRIVACY_REMINDER,
        )
        self.boxes: dict[str, w.Textarea] = {}
        self.ticks: dict[str, w.Checkbox] = {}
        self._restoring = False
        super().__init__(f"reflection:{reflection.name}", header, "cop-reflection")
        rows: list[w.Widget] = []
        section = None
        for number, prompt in enumerate(reflection.prompts, start=1):
            if prompt.section and prompt.section != section:
                section = prompt.section
                rows.append(widget(html("<h5>{}</h5>", section)))
            hint = html("<p><em>{}</em></p>", prompt.hint) if prompt.hint else None
            if reflection.kind == "checklist":
                tick = w.Checkbox(value=False, description=prompt.text, indent=False, layout=w.Layout(width="auto"))
                tick.observe(lambda _c: self._keep(), "value")
                self.ticks[prompt.id] = tick
                rows.append(tick)
                note_label = f"Note on item {number} (optional)"
            else:
                rows.append(widget(html("<p><strong>{}. {}</strong></p>{}", number, prompt.text, hint or "")))
                hint = None
                note_label = f"Your answer to {number}"
            box = w.Textarea(
                value="",
                description=note_label,
                placeholder="Type here",
                style={"description_width": "initial"},
                layout=w.Layout(width="100%", height="5em"),
            )
            box.observe(lambda _c: self._keep(), "value")
            self.boxes[prompt.id] = box
            rows += [widget(hint)] if hint else []
            rows.append(box)
        export = button("Download as a Markdown file", "cop-action")
        export.on_click(lambda _b: self.export())
        self.body.children = [*rows, export]
        self.follow_store()

    def describe_saved(self, saved):
        return html("your text from {} is below; it is saved as you type.", saved["date"])

    def answers(self) -> dict[str, str]:
        return {pid: box.value for pid, box in self.boxes.items()}

    def ticked(self) -> dict[str, bool]:
        return {pid: tick.value for pid, tick in self.ticks.items()}

    def _keep(self) -> None:
        if not self._restoring:
            self.store.record(self.key, {"kind": "reflection", "answers": self.answers(), "ticked": self.ticked()})

    def restore(self, saved) -> None:
        if not saved:
            return
        self._restoring = True
        for pid, text in saved.get("answers", {}).items():
            if pid in self.boxes and isinstance(text, str):
                self.boxes[pid].value = text
        for pid, value in saved.get("ticked", {}).items():
            if pid in self.ticks:
                self.ticks[pid].value = bool(value)
        self._restoring = False

    def markdown(self) -> str:
        return to_markdown(self.reflection, self.answers(), self.ticked())

    def export(self) -> None:
        self.store.download(f"{self.reflection.name}.md", self.markdown())


def show_reflection(name: str) -> ReflectionView:
    """Show the reflection or checklist ``modules/reflections/<name>.yaml``."""
    return ReflectionView(data_files.reflection(name))
