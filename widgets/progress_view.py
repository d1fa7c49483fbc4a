"""Progress on the start page, the learner's data controls, and the completion record.

Everything shown here comes from the learner's own browser (see store.py); the record is a
self-attested summary the learner prints or saves, not an accredited certificate.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as w
from markupsafe import Markup

from .bands import BAND_LABELS
from .data_files import ELEMENT_CALL, modules_dir
from .element import CourseElement
from .html import html, join
from .rules import course_rules
from .store import StorePanel
from .style import button, widget
from .version import COURSE_VERSION

KIND_WORDS = {
    "scenario": "Scenario",
    "quiz": "Knowledge check",
    "conversation": "Conversation practice",
    "sort": "Sorting activity",
    "reflection": "Reflection",
}
COURSE_TITLE = "Child Online Protection for Educators"
NOT_A_CERTIFICATE = (
    "This is a self-attested record of learning, made by the learner from their own "
    "progress in the course. It is not an accredited certificate and does not replace "
    "statutory or local safeguarding training."
)


def course_map(root: Path | None = None) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(module number, title, [(kind, name), …]) read from the module notebooks themselves."""
    found: list[tuple[str, str, list[tuple[str, str]]]] = []
    for path in sorted((root or modules_dir()).glob("[0-9][0-9]_*.ipynb")):
        # Plain JSON, not nbformat: nbformat's validator costs seconds of import on every page view.
        nb = json.loads(path.read_text(encoding="utf-8"))
        meta = nb.get("metadata", {}).get("course", {})
        calls = [
            (m[1], m[2])
            for c in nb.get("cells", [])
            if c.get("cell_type") == "code" and (m := ELEMENT_CALL.match("".join(c.get("source", "")).strip()))
        ]
        found.append((meta.get("module", path.name[:2]), meta.get("title", path.stem), calls))
    return found


def from_earlier_version(saved: dict) -> bool:
    """Kept under another course version, so scored by other rules (see version.py)."""
    return saved.get("course_version") != COURSE_VERSION


def describe(kind: str, saved: dict[str, Any] | None) -> Markup:
    """One line on a kept result; every kept value is escaped (it came from the browser)."""
    if not saved:
        return Markup("not yet")
    if kind == "scenario":
        line = html("done ({})", BAND_LABELS.get(saved.get("outcome", ""), "?"))
    elif kind == "quiz":
        line = html(
            "{} of {}, {}",
            saved.get("score"),
            saved.get("total"),
            "passed" if saved.get("passed") else "not passed yet",
        )
    elif kind == "conversation":
        line = html("done ({} ending)", "good" if saved.get("outcome") == "good" else "poor")
    elif kind == "sort":
        line = html("done ({} of {})", saved.get("score"), saved.get("total"))
    else:
        line = Markup("started")
    rules = course_rules()
    broken = [rules[r].name for r in saved.get("rules_broken") or () if isinstance(r, str) and r in rules]
    if broken:
        line += html("; safeguarding rule broken: {}", "; ".join(broken))
    if kind != "reflection" and from_earlier_version(saved):
        line += html("; from an earlier version of the course, scored by earlier rules")
    return line


def modules_html(store, item: str) -> Markup:
    """Every module with its activities and what this browser kept of each; ``item`` wraps a module."""
    return join(
        html(
            item,
            number=number,
            title=title,
            items=join(
                html("<li>{} {}: {}</li>", KIND_WORDS[k], n, describe(k, store.get(f"{k}:{n}"))) for k, n in calls
            ),
        )
        for number, title, calls in course_map()
        if calls
    )


class ProgressView(CourseElement):
    """Which modules, scenarios and checks are done, from this browser; with export and delete."""

    def __init__(self) -> None:
        self.table = widget()
        header = html(
            "<h4>Your progress</h4><p>Kept only in this browser. Nothing is sent anywhere. "
            "Use the buttons below to download, import or delete it.</p>"
            "<p><strong>On a shared computer</strong>, download what you want to keep and then delete "
            "it here before you leave, or the next person to open the course in this browser will see "
            "it (on a course server that gives each person their own login, each keeps their own).</p>"
        )
        super().__init__("progress", header, "cop-progress")
        self.panel = StorePanel(self.store)
        self.message = widget()
        self.store.observe(
            lambda c: setattr(self.message, "value", html('<p role="status">{}</p>', c["new"])), "message"
        )
        self.body.children = [self.table, self.panel, self.message]
        self.follow_store("data")  # live, as elements finish

    def describe_saved(self, saved):
        return Markup("")

    def _show_saved(self) -> None:
        self.table.value = html(
            "<ul>{}</ul>",
            modules_html(self.store, "<li><strong>Module {number}: {title}</strong><ul>{items}</ul></li>"),
        )


def show_progress() -> ProgressView:
    return ProgressView()


class CompletionView(CourseElement):
    """The completion record, unlocked once the final knowledge check is passed."""

    def __init__(self, final_check: str) -> None:
        self.final_key = f"quiz:{final_check}"
        # continuous_update=False: the name is sent whole when the box loses focus, never mid-typing.
        self.name_box = w.Text(
            value="",
            description="Your name as it should appear on the record",
            continuous_update=False,
            style={"description_width": "initial"},
            layout=w.Layout(width="100%"),
        )
        self.make_button = button("Create my record", "cop-action")
        self.make_button.on_click(lambda _b: self.make_record())
        self.record = widget()
        super().__init__("completion", html("<h4>Your completion record</h4>"), "cop-completion")
        self.follow_store("data")  # unlocks as soon as the final check is passed

    def describe_saved(self, saved):
        return html("you created a record on {}.", saved["date"])

    def restore(self, saved) -> None:
        final = self.store.get(self.final_key)
        if not (final and final.get("passed")):
            self.body.children = [
                widget(
                    html(
                        '<p role="status"><strong>Locked:</strong> the record opens once you pass the final '
                        "knowledge check (70% or more, with no answer that breaks a safeguarding rule) in this "
                        "browser.</p>"
                    )
                )
            ]
            return
        if from_earlier_version(final):
            self.body.children = [
                widget(
                    html(
                        '<p role="status"><strong>Locked:</strong> your pass of the final check is from an earlier '
                        "version of the course, scored before answers were checked against the safeguarding rules. "
                        "Please take the final check again to create your record.</p>"
                    )
                )
            ]
            return
        if saved and saved.get("name") and not self.name_box.value:
            self.name_box.value = saved["name"]
        if len(self.body.children) < 4:  # draw the form once; later saves must not reset it
            self.body.children = [
                widget(html("<p>You passed the final check. Well done.</p>")),
                self.name_box,
                self.make_button,
                self.record,
            ]

    def record_body(self, name: str, on: date | None = None) -> Markup:
        """What the record says; the name is shown escaped, never as HTML."""
        final = self.store.get(self.final_key) or {}
        return html(
            "<h1>Record of learning</h1><p><strong>{}</strong> completed the course <em>{}</em>.</p>"
            "<p>Date: {}. Final knowledge check: {} of {} (passed on {}).</p><ul>{}</ul>"
            "<p><strong>{}</strong></p>",
            name,
            COURSE_TITLE,
            (on or date.today()).isoformat(),
            final.get("score"),
            final.get("total"),
            final.get("date"),
            modules_html(self.store, "<li>Module {number}: {title}<ul>{items}</ul></li>"),
            NOT_A_CERTIFICATE,
        )

    def record_html(self, name: str, on: date | None = None) -> Markup:
        """The record as a self-contained HTML document to download and print."""
        return html(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Record of learning: {}'
            "</title></head><body><main>{}</main></body></html>",
            name,
            self.record_body(name, on),
        )

    def make_record(self) -> None:
        name = self.name_box.value.strip()
        if not name:
            self.record.value = html('<p role="status">Please type the name you want on the record first.</p>')
            return
        document = self.record_html(name)
        self.store.record("completion", {"kind": "completion", "name": name})
        download = button("Download the record (printable HTML)", "cop-action")
        download.on_click(lambda _b: self.store.download("record-of-learning.html", document, "text/html"))
        self.record.value = html('<div class="cop-record" role="status">{}</div>', self.record_body(name))
        self.body.children = [*self.body.children[:4], download]
        download.focus()


def show_completion(final_check: str = "10_final_check") -> CompletionView:
    return CompletionView(final_check)
