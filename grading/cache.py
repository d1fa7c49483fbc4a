"""A content-addressed store of executed notebooks: how parallel grading stays identical to sequential.

Workers execute submissions ahead of time and store the result here; nbgrader's own sequential
autograde then finds each result by a key made of exactly what determines the execution: the
notebook it is about to run, every other file in the folder it runs in, and the execution
settings. A key that differs (anything nbgrader did differently) is a miss, and nbgrader's run
executes that notebook itself, so the cache can make grading faster but never different.

An entry also holds what the run did to its folder (files written or deleted), replayed on a hit,
so the autograded folder ends up as it would have after a sequential run.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat


def notebook_digest(nb) -> str:
    """Digest of everything in ``nb`` that can change its execution; cell ids cannot (and may be random)."""
    cells = [{key: value for key, value in cell.items() if key != "id"} for cell in nb.cells]
    return hashlib.sha256(json.dumps({**nb, "cells": cells}, sort_keys=True).encode()).hexdigest()


def folder_state(folder: str) -> dict[str, str]:
    """Relative path -> SHA-256 of every regular file in ``folder`` except notebooks (nbgrader writes those)."""
    state = {}
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            if name.endswith(".ipynb") or not os.path.isfile(path) or os.path.islink(path):
                continue
            state[os.path.relpath(path, folder)] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return state


def execution_key(nb, folder: str, settings: dict) -> str:
    material = {"notebook": notebook_digest(nb), "folder": folder_state(folder), "settings": settings}
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()


@dataclass
class Entry:
    """One executed notebook with what its run changed in its folder and noted about it."""

    notebook: nbformat.NotebookNode
    written: dict[str, bytes] = field(default_factory=dict)
    deleted: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class ExecutionCache:
    def __init__(self, directory: str):
        self.directory = Path(directory)

    def load(self, key: str) -> Entry | None:
        place = self.directory / key
        if not (place / "done").exists():
            return None
        meta = json.loads((place / "meta.json").read_text())
        written = {name: (place / "files" / name).read_bytes() for name in meta["written"]}
        notebook = nbformat.read(place / "notebook.ipynb", as_version=4)
        return Entry(notebook, written, meta["deleted"], meta["notes"])

    def store(self, key: str, entry: Entry) -> None:
        """Write the entry atomically; when two workers ran the same key, the first one stays."""
        self.directory.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(dir=self.directory, prefix=".partial-"))
        nbformat.write(entry.notebook, scratch / "notebook.ipynb")
        for name, data in entry.written.items():
            (scratch / "files" / name).parent.mkdir(parents=True, exist_ok=True)
            (scratch / "files" / name).write_bytes(data)
        meta = {"written": sorted(entry.written), "deleted": entry.deleted, "notes": entry.notes}
        (scratch / "meta.json").write_text(json.dumps(meta))
        (scratch / "done").touch()
        try:
            scratch.rename(self.directory / key)
        except OSError:
            shutil.rmtree(scratch, ignore_errors=True)

    def record_miss(self, label: str) -> None:
        (self.directory / "misses").mkdir(parents=True, exist_ok=True)
        (self.directory / "misses" / label).touch()

    def misses(self) -> list[str]:
        folder = self.directory / "misses"
        return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def folder_changes(before: dict[str, str], folder: str) -> tuple[dict[str, bytes], list[str]]:
    """Files a run wrote (new or changed, with their bytes) and deleted, relative to ``before``."""
    after = folder_state(folder)
    written = {name: Path(folder, name).read_bytes() for name, digest in after.items() if before.get(name) != digest}
    return written, sorted(set(before) - set(after))


def replay_changes(entry: Entry, folder: str) -> None:
    for name, data in entry.written.items():
        Path(folder, name).parent.mkdir(parents=True, exist_ok=True)
        Path(folder, name).write_bytes(data)
    for name in entry.deleted:
        Path(folder, name).unlink(missing_ok=True)
