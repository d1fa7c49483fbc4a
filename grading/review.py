"""Say, per learner, what in a submission nbgrader handled silently: edited, deleted, duplicated or
moved cells, a kernel that died or looped, output cut, tampering flagged, or no grade at all."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import nbformat
from nbgrader import utils

from .course import Course
from .execute import CELL_DID_NOT_STOP, KERNEL_DIED, NOTES_KEY, OUTPUT_CUT
from .report import Report
from .submissions import Submission, read_notebook, why_unreadable

CUT_MARK = OUTPUT_CUT.split("{")[0]


def grade_id(cell) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def cell_changes(submitted, released, source) -> list[str]:
    """How the learner's notebook differs from the release in the cells nbgrader tracks."""
    changes = []
    released_cells = {grade_id(cell): cell for cell in released.cells if grade_id(cell)}
    source_text = {grade_id(cell): cell.source for cell in source.cells if grade_id(cell)}
    ids = [grade_id(cell) for cell in submitted.cells if grade_id(cell)]
    for name, count in Counter(ids).items():
        if count > 1:
            changes.append(f"cell {name} appears {count} times (only the last copy was graded)")
    for name, cell in released_cells.items():
        if name not in ids:
            if utils.is_grade(cell) and not utils.is_solution(cell):
                changes.append(f"test cell {name} was deleted (it was put back and scored)")
            elif utils.is_solution(cell) or utils.is_task(cell):
                changes.append(f"answer cell {name} was deleted (it scores 0)")
    for cell in submitted.cells:
        original = released_cells.get(grade_id(cell))
        if (
            original is not None
            and utils.is_locked(original)
            and cell.source not in (original.source, source_text.get(grade_id(cell)))
        ):
            changes.append(f"locked cell {grade_id(cell)} was edited (the original was put back)")
    order = [name for name in dict.fromkeys(ids) if name in released_cells]
    if order != [name for name in released_cells if name in order]:
        changes.append(
            "cells were moved: they ran in the learner's order, so some tests may have run before their answers"
        )
    return list(dict.fromkeys(changes))


def run_problems(autograded) -> list[str]:
    """What went wrong while the notebook ran, from the outputs SandboxedExecute and nbgrader left."""
    problems = list(autograded.metadata.get(NOTES_KEY, {}).get("findings", []))
    if problems:
        problems = ["flagged for review, automatic score withheld: " + "; ".join(problems)]
    for index, cell in enumerate(autograded.cells):
        label = grade_id(cell) or f"cell {index + 1}"
        for output in cell.get("outputs", []):
            if output.output_type == "error" and output.ename == KERNEL_DIED:
                problems.append(f"the kernel died in {label}; the cells after it were not run and score 0")
            elif output.output_type == "error" and output.ename == CELL_DID_NOT_STOP:
                problems.append(
                    f"{label} ran past the time limit and ignored the interrupt; "
                    "the cells after it were not run and score 0"
                )
            elif output.output_type == "error" and output.ename == "CellTimeoutError":
                problems.append(f"{label} ran past the time limit and was stopped")
            elif output.output_type == "stream" and CUT_MARK in output.text:
                problems.append(f"{label} printed too much: its output was cut")
    return problems


def review(course: Course, subs: list[Submission], report: Report) -> None:
    assignment = report.assignment
    released_folder = course.folder("release", ".", assignment)
    source_folder = course.folder("source", ".", assignment)
    # Each released notebook and its source, read once for the whole class.
    originals = {
        path: (nbformat.read(path, as_version=4), nbformat.read(source_folder / path.name, as_version=4))
        for path in sorted(released_folder.glob("*.ipynb"))
    }
    for submission in subs:
        graded_folder = course.folder("autograded", submission.student, assignment)
        for released_path, (released, source) in originals.items():
            submitted_path = submission.folder / released_path.name
            if not submitted_path.exists():
                report.add(submission.student, assignment, f"{released_path.name} was not handed in (scores 0)")
                continue
            data = submitted_path.read_bytes()
            if problem := why_unreadable(data):
                report.add(submission.student, assignment, f"{released_path.name}: {problem}; not graded (scores 0)")
                continue
            for change in cell_changes(read_notebook(data), released, source):
                report.add(submission.student, assignment, change)
            graded_path = graded_folder / released_path.name
            if graded_path.exists():
                for problem in run_problems(nbformat.read(graded_path, as_version=4)):
                    report.add(submission.student, assignment, problem)
            else:
                report.add(
                    submission.student,
                    assignment,
                    f"{released_path.name} could not be graded by "
                    f"nbgrader (scores 0; see {log_path(course, assignment)})",
                )


def log_path(course: Course, assignment: str) -> Path:
    """Where cop-grade keeps the output of the nbgrader commands it ran for an assignment."""
    return course.root / ".nbgrader" / f"grade-{assignment}.log"
