"""Every module and every solution notebook runs top to bottom, headless, without an error."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from .course_files import module_notebooks, read, solution_notebooks

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def execute(path) -> nbformat.NotebookNode:
    nb = read(path)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def errors(nb) -> list[str]:
    return [
        f"{o.get('ename')}: {o.get('evalue')}"
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.outputs
        if o.output_type == "error"
    ]


@pytest.mark.parametrize("path", module_notebooks(), ids=lambda p: p.name)
def test_module_executes_and_shows_its_widgets(path):
    nb = execute(path)
    assert errors(nb) == []
    shown = sum(
        any(WIDGET_VIEW in o.get("data", {}) for o in cell.outputs) for cell in nb.cells if cell.cell_type == "code"
    )
    assert shown == sum(cell.cell_type == "code" and cell.source.startswith("show_") for cell in nb.cells)


@pytest.mark.parametrize("path", solution_notebooks(), ids=lambda p: p.parent.name)
def test_solution_executes_with_every_test_passing(path):
    assert errors(execute(path)) == []
