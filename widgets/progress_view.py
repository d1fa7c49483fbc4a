"""Progress on the start page, the learner's data controls, and the completion record.

Everything shown here comes from the learner's own browser (see store.py); the record is a
self-attested summary the learner prints or saves, not an accredited certificate.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import ipywidgets as w

from .bands import BAND_LABELS
from .data_files import modules_dir
from .element import CourseElement
from .rules import course_rules
from .store import StorePanel
from .style import button
from .text import plain
from .version import COURSE_VERSION

CALL = re.compile(r'^show_(scenario|quiz|conversation|sort|reflection)\("([a-z0-9_]+)"\)$')
KIND_WORDS = {"scenario": "Scenario", "quiz": "Knowledge check", "conversation": "Conversation practice",
              "sort": "Sorting activity", "reflection": "Reflection"}
COURSE_TITLE = "Child Online Protection for Educators"
NOT_A_CERTIFICATE = ("This is a self-attested record of learning, made by the learner from their own "
                     "progress in the course. It is not an accredited certificate and does not replace "
                     "statutory or local safeguarding training.")


def course_map(root: Path | None = None) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(module number, title, [(kind, name), …]) read from the module notebooks themselves."""
    found = []
    for path in sorted((root or modules_dir()).glob("[0-9][0-9]_*.ipynb")):
        # Plain JSON, not nbformat: nbformat's validator costs seconds of import on every page view.
        nb = json.loads(path.read_text(encoding="utf-8"))
        meta = nb.get("metadata", {}).get("course", {})
        calls = [m.groups() for c in nb.get("cells", []) if c.get("cell_type") == "code"
                 and (m := CALL.match("".join(c.get("source", "")).strip()))]
        found.append((meta.get("module", path.name[:2]), meta.get("title", path.stem), calls))
    return found


def from_earlier_version(saved: dict) -> bool:
    """Kept under another course version, so scored by other rules (see version.py)."""
    return saved.get("course_version") != COURSE_VERSION


def describe(kind: str, saved: dict | None) -> str:
    """One line of HTML on a kept result; every kept value is escaped, it came from the browser."""
    if not saved:
        return "not yet"
    if kind == "scenario":
        line = f"done ({BAND_LABELS.get(saved.get('outcome'), '?')})"
    elif kind == "quiz":
        line = (f"{plain(str(saved.get('score')))} of {plain(str(saved.get('total')))}, "
                f"{'passed' if saved.get('passed') else 'not passed yet'}")
    elif kind == "conversation":
        line = f"done ({'good' if saved.get('outcome') == 'good' else 'poor'} ending)"
    elif kind == "sort":
        line = f"done ({plain(str(saved.get('score')))} of {plain(str(saved.get('total')))})"
    else:
        line = "started"
    rules = course_rules()
    broken = [rules[r].name for r in saved.get("rules_broken") or () if isinstance(r, str) and r in rules]
    if broken:
        line += f"; safeguarding rule broken: {plain('; '.join(broken))}"
    if kind != "reflection" and from_earlier_version(saved):
        line += "; from an earlier version of the course, scored by earlier rules"
    return line


class ProgressView(CourseElement):
    """Which modules, scenarios and checks are done, from this browser; with export and delete."""

    def __init__(self) -> None:
        self.table = w.HTML("")
        header = ("<h4>Your progress</h4><p>Kept only in this browser. Nothing is sent anywhere. "
                  "Use the buttons below to download, import or delete it.</p>"
                  "<p><strong>On a shared computer</strong>, download what you want to keep and then delete it "
                  "here before you leave, or the next person to open the course in this browser will see it "
                  "(on a course server that gives each person their own login, each keeps their own).</p>")
        super().__init__("progress", header, "cop-progress")
        self.panel = StorePanel(self.store)
        self.message = w.HTML("")
        self.store.observe(lambda c: setattr(self.message, "value", f'<p role="status">{plain(c["new"])}</p>'),
                           "message")
        self.body.children = [self.table, self.panel, self.message]
        self.follow_store("data")  # live, as elements finish

    def describe_saved(self, saved) -> str:
        return ""

    def _show_saved(self) -> None:
        rows = []
        for number, title, calls in course_map():
            if not calls:
                continue
            items = "".join(f"<li>{KIND_WORDS[k]} {plain(n)}: {describe(k, self.store.get(f'{k}:{n}'))}</li>"
                            for k, n in calls)
            rows.append(f"<li><strong>Module {plain(number)}: {plain(title)}</strong><ul>{items}</ul></li>")
        self.table.value = f"<ul>{''.join(rows)}</ul>"


def show_progress() -> ProgressView:
    return ProgressView()


class CompletionView(CourseElement):
    """The completion record, unlocked once the final knowledge check is passed."""

    def __init__(self, final_check: str) -> None:
        self.final_key = f"quiz:{final_check}"
        # continuous_update=False: the name is sent whole when the box loses focus, never mid-typing.
        self.name_box = w.Text(value="", description="Your name as it should appear on the record",
                               continuous_update=False, style={"description_width": "initial"},
                               layout=w.Layout(width="100%"))
        self.make_button = button("Create my record", "cop-action")
        self.make_button.on_click(lambda _b: self.make_record())
        self.record = w.HTML("")
        header = "<h4>Your completion record</h4>"
        super().__init__("completion", header, "cop-completion")
        self.follow_store("data")  # unlocks as soon as the final check is passed

    def describe_saved(self, saved) -> str:
        return f"you created a record on {plain(saved['date'])}."

    def restore(self, saved) -> None:
        final = self.store.get(self.final_key)
        if not (final and final.get("passed")):
            self.body.children = [w.HTML(
                '<p role="status"><strong>Locked:</strong> the record opens once you pass the final '
                "knowledge check (70% or more, with no answer that breaks a safeguarding rule) in this "
                "browser.</p>")]
            return
        if from_earlier_version(final):
            self.body.children = [w.HTML(
                '<p role="status"><strong>Locked:</strong> your pass of the final check is from an earlier '
                "version of the course, scored before answers were checked against the safeguarding rules. "
                "Please take the final check again to create your record.</p>")]
            return
        if saved and saved.get("name") and not self.name_box.value:
            self.name_box.value = saved["name"]
        if len(self.body.children) < 4:  # draw the form once; later saves must not reset it
            self.body.children = [w.HTML("<p>You passed the final check. Well done.</p>"), self.name_box,
                                  self.make_button, self.record]

    def record_html(self, name: str, on: date | None = None) -> str:
        """The record as a self-contained HTML document; the name is shown escaped, never as HTML."""
        final = self.store.get(self.final_key) or {}
        lines = []
        for number, title, calls in course_map():
            if calls:
                items = "".join(f"<li>{KIND_WORDS[k]} {plain(n)}: {describe(k, self.store.get(f'{k}:{n}'))}</li>"
                                for k, n in calls)
                lines.append(f"<li>Module {plain(number)}: {plain(title)}<ul>{items}</ul></li>")
        when = (on or date.today()).isoformat()
        return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Record of learning: '
                f"{plain(name)}</title></head><body><main><h1>Record of learning</h1>"
                f"<p><strong>{plain(name)}</strong> completed the course <em>{COURSE_TITLE}</em>.</p>"
                f"<p>Date: {when}. Final knowledge check: {plain(str(final.get('score')))} of "
                f"{plain(str(final.get('total')))} "
                f"(passed on {plain(str(final.get('date')))}).</p><ul>{''.join(lines)}</ul>"
                f"<p><strong>{NOT_A_CERTIFICATE}</strong></p></main></body></html>")

    def make_record(self) -> None:
        name = self.name_box.value.strip()
        if not name:
            self.record.value = '<p role="status">Please type the name you want on the record first.</p>'
            return
        document = self.record_html(name)
        self.store.record("completion", {"kind": "completion", "name": name})
        download = button("Download the record (printable HTML)", "cop-action")
        download.on_click(lambda _b: self.store.download("record-of-learning.html", document, "text/html"))
        body = document.split("<main>")[1].split("</main>")[0]
        self.record.value = f'<div class="cop-record" role="status">{body}</div>'
        self.body.children = [*self.body.children[:4], download]
        download.focus()


def show_completion(final_check: str = "10_final_check") -> CompletionView:
    return CompletionView(final_check)
