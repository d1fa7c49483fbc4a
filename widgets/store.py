"""The learner's progress and writing, kept in the learner's own browser (never on the server).

One LearnerStore per kernel. Every element shows a (hidden) view of it, so the browser side runs
on every page: it loads what this browser kept, and saves each change. On a shared Voilà server
each learner's browser holds only their own data; the server keeps nothing after the page closes.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import anywidget
import fastjsonschema
import traitlets

from .version import COURSE_VERSION

VERSION = 1
# Every key an element keeps its record under ("scenario:01_parents_evening", "completion").
RECORD_KEY = re.compile(r"^(?:(?:scenario|conversation|quiz|sort|reflection):[a-z0-9_]{1,80}|completion)$")
UNCLAIMED_MESSAGE = (
    "This browser also holds course progress that was saved on this shared address without a user name, "
    "so it may be someone else's. It has been set aside and is not shown. If it is yours, download it with "
    "the button below and import it; if not, delete it."
)


@cache
def _record_validator():
    text = resources.files(__package__).joinpath("schemas", "kept_record.schema.json").read_text()
    return fastjsonschema.compile(json.loads(text))


def fits(key: str, record: Any) -> bool:
    """Whether a kept record is one this course writes, field by field (kept data is untrusted)."""
    if not isinstance(key, str) or not RECORD_KEY.match(key):
        return False
    try:
        _record_validator()(record)
    except fastjsonschema.JsonSchemaValueException:
        return False
    expected = "completion" if key == "completion" else key.split(":", 1)[0]
    return record["kind"] == expected


def split_records(elements: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(records that fit, records set aside): a record that fails never reaches a page."""
    good: dict[str, Any] = {}
    aside: dict[str, Any] = {}
    for key, record in elements.items():
        (good if fits(key, record) else aside)[key] = record
    return good, aside


def named(keys) -> str:
    """Record names for a message: shortened, since a hostile file may carry anything there."""
    names = [str(k)[:60] for k in list(keys)[:5]]
    return ", ".join(names) + (f" and {len(keys) - 5} more" if len(keys) > 5 else "")


def empty() -> dict[str, Any]:
    return {"version": VERSION, "elements": {}}


def parse(text: str | None) -> dict[str, Any] | None:
    """The kept data if ``text`` is a valid saved copy, else None (never raises)."""
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("elements"), dict):
        return None
    return data


class LearnerStore(anywidget.AnyWidget):
    """Mirror of what the browser keeps; ``record`` and ``get`` are what elements use."""

    _esm = resources.files(__package__).joinpath("store.js").read_text()
    data = traitlets.Unicode("", help="the kept data as JSON; each change is saved by the browser").tag(sync=True)
    show_controls = traitlets.Bool(False, help="show export, import and delete buttons").tag(sync=True)
    revision = traitlets.Int(0, help="goes up whenever the kept data changes from the browser side")
    message = traitlets.Unicode("", help="the outcome of the last import or delete, for the learner")

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.kept = empty()
        self.on_msg(self._from_browser)

    def _from_browser(self, _widget, content: dict, _buffers) -> None:
        kind = content.get("kind")
        if kind == "load":
            saved = parse(content.get("text")) or empty()
            good, aside = split_records(saved["elements"])
            saved["elements"] = {**good, **self.kept["elements"]}  # anything done before loading wins
            saved["set_aside"] = (
                {**saved.get("set_aside", {}), **aside} if isinstance(saved.get("set_aside"), dict) else aside
            )
            if not saved["set_aside"]:
                saved.pop("set_aside")
            self._replace(saved)
            messages = []
            if aside:
                messages.append(
                    f"{len(aside)} kept record(s) did not look like this course's data and were set "
                    f"aside (not shown, but kept in your download): {named(aside)}."
                )
            if content.get("unclaimed"):
                messages.append(UNCLAIMED_MESSAGE)
            if messages:
                self.message = " ".join(messages)
            self.revision += 1
        elif kind == "import":
            imported = parse(content.get("text"))
            if imported is None:
                self.message = "That file is not a saved copy of this course's data; nothing was changed."
                return
            good, aside = split_records(imported["elements"])
            self.kept["elements"].update(good)
            if aside:
                self.kept["set_aside"] = {**self.kept.get("set_aside", {}), **aside}
            self._replace(self.kept)
            self.message = f"Imported {len(good)} records." + (
                f" {len(aside)} did not look like this course's data and were set aside (not shown): {named(aside)}."
                if aside
                else ""
            )
            self.revision += 1
        elif kind == "cleared":
            self.kept = empty()
            self.data = ""
            self.message = "Everything kept in this browser has been deleted."
            self.revision += 1
        elif kind == "unclaimed_deleted":
            self.message = "The set-aside progress has been deleted from this browser."

    def _replace(self, kept: dict[str, Any]) -> None:
        self.kept = kept
        self.data = json.dumps(kept, sort_keys=True)

    def get(self, key: str) -> dict[str, Any] | None:
        return self.kept["elements"].get(key)

    def record(self, key: str, value: dict[str, Any]) -> None:
        """Keep ``value`` for element ``key`` (e.g. "quiz:01_check"), dated today and with the course version."""
        self.kept["elements"][key] = {**value, "date": date.today().isoformat(), "course_version": COURSE_VERSION}
        self._replace(self.kept)

    def elements(self) -> dict[str, dict[str, Any]]:
        return dict(self.kept["elements"])

    def download(self, filename: str, text: str, mime: str = "text/markdown") -> None:
        """Let the learner save ``text`` as a file; the browser makes it, nothing is uploaded."""
        self.send({"kind": "download", "filename": filename, "text": text, "mime": mime})


class StorePanel(anywidget.AnyWidget):
    """The visible buttons to download, import or delete everything kept; they act on the store."""

    _esm = LearnerStore._esm
    show_controls = traitlets.Bool(True).tag(sync=True)

    def __init__(self, store: LearnerStore) -> None:
        super().__init__()
        self.on_msg(lambda widget, content, buffers: store._from_browser(widget, content, buffers))


_store: LearnerStore | None = None


def learner_store() -> LearnerStore:
    """The kernel's one store; every element shares it."""
    global _store
    if _store is None:
        _store = LearnerStore(layout={"display": "none"})
    return _store
