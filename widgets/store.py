"""The learner's progress and writing, kept in the learner's own browser (never on the server).

One LearnerStore per kernel. Every element shows a (hidden) view of it, so the browser side runs
on every page: it loads what this browser kept, and saves each change. On a shared Voilà server
each learner's browser holds only their own data; the server keeps nothing after the page closes.
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from typing import Any

import anywidget
import traitlets

from .version import COURSE_VERSION

VERSION = 1


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
            saved["elements"].update(self.kept["elements"])  # anything done before loading wins
            self._replace(saved)
            self.revision += 1
        elif kind == "import":
            imported = parse(content.get("text"))
            if imported is None:
                self.message = "That file is not a saved copy of this course's data; nothing was changed."
                return
            self.kept["elements"].update(imported["elements"])
            self._replace(self.kept)
            self.message = f"Imported {len(imported['elements'])} records."
            self.revision += 1
        elif kind == "cleared":
            self.kept = empty()
            self.data = ""
            self.message = "Everything kept in this browser has been deleted."
            self.revision += 1

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
