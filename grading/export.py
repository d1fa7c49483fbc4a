"""Grades of one assignment as a CSV file that a spreadsheet or a learning platform imports.

One row per learner in the gradebook, including those who handed in nothing (score 0), with the
final score after any late penalty, whether a trainer still has to grade or review something, and
the problems the run found, so that nobody's grade is uploaded without its caveats.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from .course import Course

COLUMNS = [
    "student_id",
    "last_name",
    "first_name",
    "email",
    "assignment",
    "platform_number",
    "submitted",
    "score",
    "max_score",
    "late_penalty",
    "needs_manual_grading",
    "flagged",
    "problems",
]


TEXT_COLUMNS = ("student_id", "last_name", "first_name", "email", "platform_number", "problems")
# A spreadsheet runs a cell that starts with one of these as a formula; names and file names come
# from learners, so such text is prefixed with an apostrophe (OWASP's advice on CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def number(value: float | None) -> str:
    return f"{(value or 0.0):g}"


def as_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def export_grades(course: Course, assignment: str, problems: dict[str, list[str]]) -> tuple[Path, list[dict]]:
    """Write the CSV; return its path and its rows (the summary counts what still awaits a trainer)."""
    record = course.root / ".nbgrader" / f"intake-{assignment}.json"
    platform = json.loads(record.read_text()) if record.exists() else {}
    rows = []
    with Gradebook(course.db_url) as gb:
        max_score = gb.find_assignment(assignment).max_score
        for student in sorted(gb.students, key=lambda s: s.id):
            row = {
                "student_id": student.id,
                "last_name": student.last_name or "",
                "first_name": student.first_name or "",
                "email": student.email or "",
                "assignment": assignment,
                "max_score": number(max_score),
                "platform_number": platform.get(student.id, {}).get("number", ""),
                "problems": "; ".join(problems.get(student.id, [])),
            }
            try:
                submission = gb.find_submission(assignment, student.id)
            except MissingEntry:
                row.update(submitted="no", score="0", late_penalty="0", needs_manual_grading="no", flagged="no")
            else:
                penalty = submission.late_submission_penalty or 0.0
                row.update(
                    submitted="yes",
                    score=number(max(0.0, submission.score - penalty)),
                    late_penalty=number(penalty),
                    needs_manual_grading="yes" if submission.needs_manual_grade else "no",
                    flagged="yes" if any(nb.flagged for nb in submission.notebooks) else "no",
                )
            rows.append({**row, **{column: as_text(row[column]) for column in TEXT_COLUMNS}})
    target = course.root / "exports" / f"{assignment}-grades.csv"
    target.parent.mkdir(exist_ok=True)
    partial = target.with_suffix(".partial")
    with partial.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    os.replace(partial, target)
    return target, rows


def export_refused(course: Course, assignment: str, refused: list[tuple[str, str]]) -> Path | None:
    """The files the intake limits refused that name no learner, beside the grades (none: no file)."""
    target = course.root / "exports" / f"{assignment}-refused.csv"
    if not refused:
        target.unlink(missing_ok=True)
        return None
    target.parent.mkdir(exist_ok=True)
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "reason"])
        writer.writerows([as_text(path), as_text(why)] for path, why in refused)
    return target
