"""The submissions of one assignment, which of them nbgrader will (re)grade, and which it cannot read."""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from .course import Course


@dataclass(frozen=True)
class Submission:
    student: str
    folder: Path  # submitted/<student>/<assignment>


def expected_notebooks(course: Course, assignment: str) -> list[str]:
    """The assignment's notebook names (without .ipynb), as the gradebook knows them."""
    with Gradebook(course.db_url) as gb:
        return sorted(notebook.name for notebook in gb.find_assignment(assignment).notebooks)


def submissions(course: Course, assignment: str) -> list[Submission]:
    found = sorted(course.folder("submitted").glob(f"*/{assignment}"))
    return [Submission(folder.parent.name, folder) for folder in found if folder.is_dir()]


def needs_grading(course: Course, submission: Submission, force: bool) -> bool:
    """nbgrader's own rule: not autograded yet, forced, or handed in again since it was."""
    graded = course.folder("autograded", submission.student, submission.folder.name)
    if force or not graded.exists():
        return True
    new, old = (course.coursedir.get_existing_timestamp(str(folder)) for folder in (submission.folder, graded))
    return new is not None and old is not None and new > old


def read_notebook(data: bytes):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nbformat's warnings about cell ids it adds; the notebook is fine
        return nbformat.reads(data.decode(), as_version=4)


def why_unreadable(data: bytes) -> str | None:
    """None for a notebook nbgrader can read, else what is wrong with the file, for a trainer."""
    if not data.strip():
        return "the file is empty"
    try:
        content = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        return f"the file is not a notebook (not valid JSON: {err})"
    try:
        nbformat.validate(read_notebook(json.dumps(content).encode()))
    except (nbformat.ValidationError, KeyError, AttributeError, TypeError) as err:
        return f"the file is not a Jupyter notebook ({str(err).splitlines()[0][:200]})"
    return None
