"""Take in notebooks handed in without a shared server: a folder of files or a learning platform's zip.

Each file's path (inside the folder or zip) is matched against a pattern that names the learner,
configured as `c.Intake.pattern` in nbgrader_config.py: a preset for the usual exports or a
regular expression of your own. The learner is matched to a student already in the gradebook (by
id, e-mail or full name) or added under an id made from the name. For each learner the newest
readable notebook is placed where nbgrader expects it (submitted/<id>/<assignment>/<notebook>.ipynb,
renamed if needed, with its time in timestamp.txt); everything else is reported, never silently
dropped: files that match no learner, files that are not notebooks, older or extra hand-ins.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from traitlets import Unicode
from traitlets.config import Configurable

from .course import Course
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
IGNORED = re.compile(r"(^|/)(__MACOSX|\.[^/]*|Thumbs\.db|desktop\.ini)($|/)")


class Intake(Configurable):
    pattern = Unicode("auto", help=(
        "How a handed-in file's path names its learner: 'moodle', 'canvas', 'plain', 'auto' (the first preset "
        "that matches) or a regular expression with a named group 'learner' (optional: 'number', 'filename').")
    ).tag(config=True)

    def patterns(self) -> list[re.Pattern]:
        if self.pattern == "auto":
            return [re.compile(PRESETS[name]) for name in ("moodle", "canvas", "plain")]
        return [re.compile(PRESETS.get(self.pattern, self.pattern))]


@dataclass
class HandIn:
    """One file handed in, with what its path says about whose it is."""

    path: str
    data: bytes
    time: datetime.datetime
    learner: str
    number: str
    filename: str


def read_files(inbox: Path) -> list[tuple[str, bytes, datetime.datetime]]:
    """(path inside the inbox, content, modification time in UTC) of every file in a folder or zip."""
    if zipfile.is_zipfile(inbox):
        with zipfile.ZipFile(inbox) as archive:
            return [(info.filename, archive.read(info),
                     datetime.datetime(*info.date_time, tzinfo=datetime.UTC))
                    for info in archive.infolist() if not info.is_dir() and not IGNORED.search(info.filename)]
    files = []
    for path in sorted(p for p in inbox.rglob("*") if p.is_file()):
        relative = path.relative_to(inbox).as_posix()
        if not IGNORED.search(relative):
            files.append((relative, path.read_bytes(),
                          datetime.datetime.fromtimestamp(path.stat().st_mtime, tz=datetime.UTC)))
    return files


def slug(name: str) -> str:
    """A student id from a name or e-mail: lower case ASCII letters, digits, '.', '-', '@'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9.@]+", "-", ascii_name.lower()).strip("-.") or "unnamed"


def known_students(course: Course) -> dict[str, str]:
    """Every way the gradebook names a student (id, e-mail, 'first last', 'last first') -> id, folded."""
    names = {}
    with Gradebook(course.db_url) as gb:
        for student in gb.students:
            for name in (student.id, student.email, f"{student.first_name} {student.last_name}",
                         f"{student.last_name} {student.first_name}"):
                if name and name.strip():
                    names[" ".join(name.split()).casefold()] = student.id
    return names


def match(path: str, patterns: list[re.Pattern]) -> dict | None:
    for pattern in patterns:
        if found := pattern.match(path):
            return found.groupdict()
    return None


def take_in(course: Course, assignment: str, inbox: Path, report: Report) -> None:
    """Place every learner's newest readable notebook from ``inbox``; report all the rest."""
    patterns = Intake(config=course.config).patterns()
    hand_ins: dict[tuple[str, str], list[HandIn]] = {}
    for path, data, time in read_files(inbox):
        groups = match(path, patterns)
        if not groups or not groups.get("learner", "").strip():
            report.unmatched.append(path)
            continue
        hand_in = HandIn(path, data, time, " ".join(groups["learner"].split()), groups.get("number") or "",
                         groups.get("filename") or Path(path).name)
        hand_ins.setdefault((hand_in.learner, hand_in.number), []).append(hand_in)
    names = known_students(course)
    notebooks = expected_notebooks(course, assignment)
    numbers_per_name: dict[str, set[str]] = {}
    for learner, number in hand_ins:
        numbers_per_name.setdefault(learner, set()).add(number)
    for (learner, number), files in sorted(hand_ins.items()):
        shared = len(numbers_per_name[learner]) > 1
        student = slug(f"{learner} {number}") if shared else names.get(learner.casefold(), slug(learner))
        if shared:
            report.add(student, assignment, f"another learner is also called {learner!r}: told apart by the "
                                            f"platform's number {number}; check their ids in the gradebook")
        place(course, assignment, notebooks, student, learner, files, report)


def place(course: Course, assignment: str, notebooks: list[str], student: str, learner: str, files: list[HandIn],
          report: Report) -> None:
    ensure_student(course, student, learner)
    handed = [f for f in files if f.filename.endswith(".ipynb")]
    for other in files:
        if other not in handed:
            report.add(student, assignment, f"handed in {other.path}, which is not a notebook (not graded)")
    readable = []
    for hand_in in sorted(handed, key=lambda f: (f.time, f.path)):
        if problem := why_unreadable(hand_in.data):
            report.add(student, assignment, f"handed in {hand_in.path}, but {problem}")
        else:
            readable.append(hand_in)
    if not readable:
        if handed:
            report.add(student, assignment, "no readable notebook was handed in: scored 0")
        return
    chosen = readable[-1]
    if len(readable) > 1:
        report.add(student, assignment, f"handed in {len(readable)} notebooks; took the newest, {chosen.path} "
                                        f"(not graded: {', '.join(f.path for f in readable[:-1])})")
    store(course, assignment, notebooks, student, chosen, report)


def store(course: Course, assignment: str, names: list[str], student: str, hand_in: HandIn, report: Report) -> None:
    wanted = hand_in.filename if hand_in.filename[:-len(".ipynb")] in names else f"{names[0]}.ipynb"
    if len(names) > 1 and wanted != hand_in.filename:
        report.add(student, assignment, f"handed in {hand_in.path}, which is none of {', '.join(names)}")
        return
    if not Path(hand_in.filename).stem.startswith(Path(wanted).stem):
        report.add(student, assignment, f"named the notebook {hand_in.filename!r}; taken in as {wanted}")
    folder = course.folder("submitted", student, assignment)
    existing = course.coursedir.get_existing_timestamp(str(folder))  # naive, in UTC, as nbgrader keeps it
    existing = existing.replace(tzinfo=datetime.UTC) if existing else None
    if existing and existing > hand_in.time:
        report.add(student, assignment, f"kept the newer hand-in already taken in ({existing:%Y-%m-%d %H:%M} UTC) "
                                        f"instead of {hand_in.path}")
        return
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / wanted
    if not (target.exists() and target.read_bytes() == hand_in.data and existing == hand_in.time):
        target.write_bytes(hand_in.data)
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
    found = {student: list(messages) for student, messages in report.problems.items()}
    found[""] = list(report.unmatched)
    problems_record(course, report.assignment).write_text(json.dumps(found, indent=1, sort_keys=True))


def recall_problems(course: Course, report: Report) -> None:
    record = problems_record(course, report.assignment)
    found = json.loads(record.read_text()) if record.exists() else {}
    report.unmatched += found.pop("", [])
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
