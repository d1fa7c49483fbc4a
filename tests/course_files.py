"""Find and read the course's notebooks for the content tests (no Jupyter server needed)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from cop_widgets.data_files import ELEMENT_CALL

from .conftest import MODULES, ROOT

LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
BARE_URL = re.compile(r"https?://[^\s)>\]\"']+")


def module_notebooks() -> list[Path]:
    return sorted(MODULES.glob("[0-9][0-9]_*.ipynb"))


def solution_notebooks() -> list[Path]:
    return sorted((ROOT / "solutions").glob("*/*.ipynb"))


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def markdown_cells(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def section(nb, heading: str) -> str | None:
    """The markdown cell that starts with ``heading`` (e.g. '## Sources'), if any."""
    for source in markdown_cells(nb):
        if source.lstrip().startswith(heading):
            return source
    return None


def show_calls(nb) -> list[tuple[str, str]]:
    """(kind, name) of every element cell that names a data file (show_scenario("01_x") etc.)."""
    calls = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            match = ELEMENT_CALL.match(cell.source.strip())
            if match:
                calls.append((match.group(1), match.group(2)))
    return calls
