"""Take in notebooks handed in without a shared server: a folder of files or a learning platform's zip.

Each file's path (inside the folder or zip) is matched against a pattern that names the learner,
configured as `c.Intake.pattern` in nbgrader_config.py: a preset for the usual exports or a
regular expression of your own. The learner is matched to a student already in the gradebook (by
id, e-mail or full name) or added under an id made from the name. For each learner the newest
readable notebook is placed where nbgrader expects it (submitted/<id>/<assignment>/<notebook>.ipynb,
renamed if needed, with its time in timestamp.txt); everything else is reported, never silently
dropped: files that match no learner, files that are not notebooks, older or extra hand-ins, and
files refused by the intake limits (inbox.py).
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from traitlets import Float, Integer, Unicode
from traitlets.config import Configurable

from .course import Course
from .inbox import Entry, Inbox, Limits, Refused
from .report import Report
from .submissions import expected_notebooks, why_unreadable

PRESETS = {
    # Moodle "Download all submissions": "Full Name_12345_assignsubmission_file_name.ipynb", or the same
    # prefix as a folder; 12345 is the learner's participant number in that assignment.
    "moodle": r"^(?P<learner>[^_/]+)_(?P<number>\d+)_assignsubmission_file[_/](?:.*/)?(?P<filename>[^/]+)$",
    # Canvas "Download submissions": "lastfirst_12345_67890_name.ipynb" (with "_late" after the name if late).
    "canvas": r"^(?P<learner>[a-z]+)(?:_late)?_(?P<number>\d+)_\d+_(?P<filename>[^/]+)$",
    # By hand (e-mail): "learner/anything.ipynb" or "learner_anything.ipynb".
    "plain": r"^(?P<learner>[^/_]+)[/_](?:.*/)?(?P<filename>[^/]+)$",
}
REFUSED_KEY = "*refused*"  # never a student id: ids are made of [a-z0-9.@-]
IGNORED = re.compile(r"(^|/)(__MACOSX|\.[^/]*|Thumbs\.db|desktop\.ini)($|/)")


class Intake(Configurable):
    pattern = Unicode(
        "auto",
        help=(
            "How a handed-in file's path names its learner: 'moodle', 'canvas', 'plain', 'auto' (the first preset "
            "that matches) or a regular expression with a named group 'learner' (optional: 'number', 'filename')."
        ),
    ).tag(config=True)
    max_file_mb = Float(50.0, help="Largest file taken in, in MB; a larger hand-in is refused.").tag(config=True)
    max_total_mb = Float(
        2000.0, help="Most data taken in from one inbox (folder or zip), in MB; files read after that are refused."
    ).tag(config=True)
    max_files = Integer(5000, help="Most files taken in from one inbox; the rest are refused.").tag(config=True)
    max_ratio = Float(
        200.0,
        help="Highest ratio of unpacked to packed size accepted for a zip entry beyond "
        "its first MB; a higher one is a zip bomb and is refused.",
    ).tag(config=True)

    def limits(self) -> Limits:
        return Limits(self.max_file_mb, self.max_total_mb, self.max_files, self.max_ratio)

    def patterns(self) -> list[re.Pattern]:
        if self.pattern == "auto":
            return [re.compile(PRESETS[name]) for name in ("moodle", "canvas", "plain")]
        return [re.compile(PRESETS.get(self.pattern, self.pattern))]


@dataclass
class HandIn:
    """One file handed in, with what its path says about whose it is (read only when needed)."""

    entry: Entry
    learner: str
    number: str
    filename: str

    @property
    def path(self) -> str:
        return self.entry.path

    @property
    def time(self) -> datetime.datetime:
        return self.entry.time


def ignored(path: str) -> bool:
    return bool(IGNORED.search(path))


def slug(name: str) -> str:
    """A student id from a name or e-mail: lower case ASCII letters, digits, '.', '-', '@'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9.@]+", "-", ascii_name.lower()).strip("-.") or "unnamed"


def known_students(course: Course) -> dict[str, str]:
    """Every way the gradebook names a student (id, e-mail, 'first last', 'last first') -> id, folded."""
    names = {}
    with Gradebook(course.db_url) as gb:
        for student in gb.students:
            for name in (
                student.id,
                student.email,
                f"{student.first_name} {student.last_name}",
                f"{student.last_name} {student.first_name}",
            ):
                if name and name.strip():
                    names[" ".join(name.split()).casefold()] = student.id
    return names


def match(path: str, patterns: list[re.Pattern]) -> dict | None:
    for pattern in patterns:
        if found := pattern.match(path):
            return found.groupdict()
    return None


def take_in(course: Course, assignment: str, inbox_path: Path, report: Report) -> None:
    """Place every learner's newest readable notebook from the inbox; report all the rest."""
    intake = Intake(config=course.config)
    patterns = intake.patterns()
    hand_ins: dict[tuple[str, str], list[HandIn]] = {}
    with Inbox(inbox_path, intake.limits(), ignored) as inbox:
        for entry in inbox.entries():
            if entry.refusal:  # its path cannot be trusted to name a learner either
                report.refused.append((entry.path, entry.refusal))
                continue
            groups = match(entry.path, patterns)
            if not groups or not groups.get("learner", "").strip():
                report.unmatched.append(entry.path)
                continue
            hand_in = HandIn(
                entry,
                " ".join(groups["learner"].split()),
                groups.get("number") or "",
                groups.get("filename") or Path(entry.path).name,
            )
            hand_ins.setdefault((hand_in.learner, hand_in.number), []).append(hand_in)
        if inbox.too_many:
            report.refused.append(
                (
                    f"{inbox.too_many} more file(s) in {inbox_path.name}",
                    f"the inbox holds more than c.Intake.max_files ({intake.max_files}) files, so these were not read",
                )
            )
        names = known_students(course)
        notebooks = expected_notebooks(course, assignment)
        numbers_per_name: dict[str, set[str]] = {}
        for learner, number in hand_ins:
            numbers_per_name.setdefault(learner, set()).add(number)
        for (learner, number), files in sorted(hand_ins.items()):
            shared = len(numbers_per_name[learner]) > 1
            student = slug(f"{learner} {number}") if shared else names.get(learner.casefold(), slug(learner))
            if shared:
                report.add(
                    student,
                    assignment,
                    f"another learner is also called {learner!r}: told apart by the "
                    f"platform's number {number}; check their ids in the gradebook",
                )
            place(course, assignment, notebooks, student, learner, files, report, inbox)


def place(
    course: Course,
    assignment: str,
    notebooks: list[str],
    student: str,
    learner: str,
    files: list[HandIn],
    report: Report,
    inbox: Inbox,
) -> None:
    ensure_student(course, student, learner)
    handed = [f for f in files if f.filename.endswith(".ipynb")]
    for other in files:
        if other not in handed:
            report.add(student, assignment, f"handed in {other.path}, which is not a notebook (not graded)")
    readable: list[HandIn] = []
    newest = b""  # only the newest readable notebook's bytes are kept: memory stays one file per learner
    for hand_in in sorted(handed, key=lambda f: (f.time, f.path)):
        try:
            data = inbox.read(hand_in.entry)
        except Refused as refusal:
            report.add(student, assignment, f"handed in {hand_in.path}, but {refusal}")
            continue
        if problem := why_unreadable(data):
            report.add(student, assignment, f"handed in {hand_in.path}, but {problem}")
        else:
            readable.append(hand_in)
            newest = data
    if not readable:
        if handed:
            report.add(student, assignment, "no readable notebook was handed in: scored 0")
        return
    chosen = readable[-1]
    if len(readable) > 1:
        report.add(
            student,
            assignment,
            f"handed in {len(readable)} notebooks; took the newest, {chosen.path} "
            f"(not graded: {', '.join(f.path for f in readable[:-1])})",
        )
    store(course, assignment, notebooks, student, chosen, newest, report)


def store(
    course: Course, assignment: str, names: list[str], student: str, hand_in: HandIn, data: bytes, report: Report
) -> None:
    wanted = hand_in.filename if hand_in.filename[: -len(".ipynb")] in names else f"{names[0]}.ipynb"
    if len(names) > 1 and wanted != hand_in.filename:
        report.add(student, assignment, f"handed in {hand_in.path}, which is none of {', '.join(names)}")
        return
    if not Path(hand_in.filename).stem.startswith(Path(wanted).stem):
        report.add(student, assignment, f"named the notebook {hand_in.filename!r}; taken in as {wanted}")
    folder = course.folder("submitted", student, assignment)
    existing = course.coursedir.get_existing_timestamp(str(folder))  # naive, in UTC, as nbgrader keeps it
    existing = existing.replace(tzinfo=datetime.UTC) if existing else None
    if existing and existing > hand_in.time:
        report.add(
            student,
            assignment,
            f"kept the newer hand-in already taken in ({existing:%Y-%m-%d %H:%M} UTC) instead of {hand_in.path}",
        )
        return
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / wanted
    if not (target.exists() and target.read_bytes() == data and existing == hand_in.time):
        target.write_bytes(data)
        (folder / "timestamp.txt").write_text(hand_in.time.strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
    record = course.root / ".nbgrader" / f"intake-{assignment}.json"
    taken = json.loads(record.read_text()) if record.exists() else {}
    taken[student] = {"file": hand_in.path, "number": hand_in.number}
    record.write_text(json.dumps(taken, indent=1, sort_keys=True))


def problems_record(course: Course, assignment: str) -> Path:
    """Where the last intake's problems are kept: a later run without --inbox still reports them."""
    return course.root / ".nbgrader" / f"intake-{assignment}-problems.json"


def remember_problems(course: Course, report: Report) -> None:
    """Keep what this run's intake found (learner -> problems; "" -> files that name no learner)."""
    found: dict[str, list[str] | list[tuple[str, str]]] = {
        student: list(messages) for student, messages in report.problems.items()
    }
    found[""] = list(report.unmatched)
    found[REFUSED_KEY] = list(report.refused)
    problems_record(course, report.assignment).write_text(json.dumps(found, indent=1, sort_keys=True))


def recall_problems(course: Course, report: Report) -> None:
    record = problems_record(course, report.assignment)
    found = json.loads(record.read_text()) if record.exists() else {}
    report.unmatched += found.pop("", [])
    report.refused += [(path, why) for path, why in found.pop(REFUSED_KEY, [])]
    for student, messages in found.items():
        for message in messages:
            report.add(student, report.assignment, message)


def ensure_student(course: Course, student: str, learner: str) -> None:
    """Add the learner to the gradebook, so that the export lists them even if nothing could be graded."""
    with Gradebook(course.db_url) as gb:
        try:
            gb.find_student(student)
        except MissingEntry:
            if "@" in learner:
                gb.update_or_create_student(student, email=learner)
            else:
                first, _, last = learner.rpartition(" ")
                gb.update_or_create_student(student, first_name=first or last, last_name=last if first else "")
