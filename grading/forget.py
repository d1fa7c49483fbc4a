"""Delete everything the course directory and the exchange keep about one learner.

Used when the retention period ends or a learner asks for their data to be erased: their folders in
every pipeline step, their gradebook entries, their hand-ins in the exchange, the intake records
and their rows in the exported grade files.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.exchange.default.exchange import Exchange

from .course import Course


def forget(course: Course, student: str) -> list[str]:
    """Remove ``student``'s data; return what was removed, for the trainer's record."""
    removed = []
    for step in ("submitted", "autograded", "feedback"):
        folder = course.folder(step, student)
        if folder.exists():
            shutil.rmtree(folder)
            removed.append(str(folder))
    exchange = exchange_inbound(course)
    for hand_in in sorted(exchange.glob(f"{student}+*")) if exchange else []:
        shutil.rmtree(hand_in)
        removed.append(str(hand_in))
    for record in sorted((course.root / ".nbgrader").glob("intake-*.json")):
        taken = json.loads(record.read_text())
        if taken.pop(student, None) is not None:
            record.write_text(json.dumps(taken, indent=1, sort_keys=True))
            removed.append(f"{record} (entry)")
    for export in sorted((course.root / "exports").glob("*.csv")):
        with export.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        kept = [row for row in rows if row.get("student_id") != student]
        if len(kept) < len(rows):
            with export.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(kept)
            removed.append(f"{export} (row)")
    with Gradebook(course.db_url) as gb:
        try:
            record = gb.find_student(student)
        except MissingEntry:
            return removed
        for submission in list(record.submissions):
            gb.remove_submission(submission.assignment.name, student)
        gb.remove_student(student)
        removed.append("gradebook: student and all their grades and comments")
    return removed


def exchange_inbound(course: Course) -> Path | None:
    """The exchange's inbound folder for this course, when the course uses nbgrader's exchange."""
    course_id = course.coursedir.course_id
    folder = Path(Exchange(config=course.config).root) / course_id / "inbound"
    return folder if course_id and folder.exists() else None
