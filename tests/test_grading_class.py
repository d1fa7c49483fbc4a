"""Without a shared server, end to end: a Moodle-style zip of a whole class, every bad submission
the issue lists among them, taken in and graded by one `cop-grade grade` call in the sandbox; then
a rerun, manual grading in formgrader in Chromium, feedback, and deleting a learner's data."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from cop_grading.course import nbgrader_env

from .conftest import need_system
from .fixtures.grading.classroom import (
    NOT_NOTEBOOKS,
    NOTEBOOK,
    STABLE,
    endless_loop,
    ignores_interrupt,
    make_course,
    notebooks,
    reads_gradebook,
)
from .servers import JupyterLabServer

pytestmark = pytest.mark.slow
OLD, NEW = (2026, 11, 20, 9, 0, 0), (2026, 11, 21, 9, 0, 0)


def learner(case: str) -> str:
    return f"learner-{case}"


def cop_grade(course: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cop_grading", *args],
        cwd=course,
        env=nbgrader_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )


def moodle_zip(course: Path, target: Path) -> Path:
    solution, release = notebooks(course)
    cases = {
        **STABLE,
        "reads-gradebook": reads_gradebook(str(course)),
        "endless-loop": endless_loop,
        "ignores-interrupt": ignores_interrupt,
    }
    with zipfile.ZipFile(target, "w") as archive:

        def add(number: int, case: str, data: bytes, name: str = NOTEBOOK, when=OLD) -> None:
            prefix = f"Learner {case.title()}_{number}_assignsubmission_file_"
            archive.writestr(zipfile.ZipInfo(prefix + name, date_time=when), data)

        for number, (case, make) in enumerate(sorted(cases.items()), start=100):
            add(number, case, make(solution, release))
        for number, (case, data) in enumerate(sorted(NOT_NOTEBOOKS.items()), start=200):
            add(number, case, data)
        add(300, "wrong-name", STABLE["full"](solution, release), name="my homework.ipynb")
        add(301, "twice", STABLE["blank"](solution, release), when=OLD)
        add(301, "twice", STABLE["full"](solution, release), name=NOTEBOOK.replace(".ipynb", " (1).ipynb"), when=NEW)
        archive.writestr("README.txt", "exported from the learning platform")
    return target


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    need_system(shutil.which("bwrap") is not None, "bubblewrap (bwrap)")
    course = make_course(tmp_path_factory.mktemp("class") / "course", "c.Execute.timeout = 15\n")
    inbox = moodle_zip(course, tmp_path_factory.mktemp("downloads") / "moodle-ex01.zip")
    done = cop_grade(course, "grade", "ex01", "--inbox", str(inbox), "--workers", "2")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return course, inbox, done.stdout


def rows(course: Path) -> dict[str, dict]:
    with (course / "exports" / "ex01-grades.csv").open(newline="") as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


def section(summary: str, student: str) -> str:
    """The summary's lines about one learner."""
    return summary.split(f"\n  {student}\n", 1)[1].split("\n  learner-", 1)[0] if f"\n  {student}\n" in summary else ""


# case -> (score in the export, text the summary must say about that learner, flagged)
EXPECTED = {
    "full": ("6", None, "no"),
    "blank": ("0", None, "no"),
    "wrong-q4": ("4", None, "no"),
    "deleted-test": ("6", "test cell test_q1 was deleted (it was put back and scored)", "no"),
    "reordered": ("5", "cells were moved", "no"),
    "duplicated": ("6", "cell answer_q1 appears 2 times", "no"),
    "edited-test": ("0", "locked cell test_q1 was edited", "no"),
    "megabytes": ("6", "answer_q2 printed too much: its output was cut", "no"),
    "kills-kernel": ("1", "the kernel died in answer_q2", "no"),
    "endless-loop": ("5", "answer_q1 ran past the time limit and was stopped", "no"),
    "ignores-interrupt": ("0", "ignored the interrupt", "yes"),
    "input-transformer": ("0", "input_transformers_post", "yes"),
    "redefines-builtin": ("0", "redefines abs", "yes"),
    "shadows-helper": ("0", "redefines hash_answer", "yes"),
    "patches-module": ("0", "changes hashlib.sha256", "yes"),
    "writes-files": ("0", "pandas.py", "yes"),
    "reads-gradebook": ("6", None, "no"),
    "not-json": ("0", "not valid JSON", "no"),
    "not-a-notebook": ("0", "not a Jupyter notebook", "no"),
    "empty": ("0", "the file is empty", "no"),
    "wrong-name": ("6", "named the notebook 'my homework.ipynb'", "no"),
    "twice": ("6", "handed in 2 notebooks; took the newest", "no"),
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_each_submission_is_graded_safely_or_reported_clearly(graded, case):
    course, _, summary = graded
    score, said, flagged = EXPECTED[case]
    row = rows(course)[learner(case)]
    assert (row["score"], row["flagged"]) == (score, flagged), row
    if said:
        assert said in section(summary, learner(case)), summary
        assert said in row["problems"]
    else:
        assert section(summary, learner(case)) == "", summary


def test_the_summary_names_who_awaits_marking_in_formgrader(graded):
    course, _, summary = graded
    line = next(line for line in summary.splitlines() if line.startswith("To mark in formgrader"))
    waiting = {row["student_id"] for row in rows(course).values() if row["needs_manual_grading"] == "yes"}
    assert waiting and all(student in line for student in waiting), line


def test_files_naming_no_learner_are_listed(graded):
    assert "Files that name no learner" in graded[2] and "README.txt" in graded[2]
    assert {"platform_number", "needs_manual_grading", "problems"} <= set(next(iter(rows(graded[0]).values())))
    assert rows(graded[0])[learner("full")]["platform_number"].isdigit()


def test_a_submission_cannot_read_the_gradebook_or_write_outside_its_folder(graded):
    course = graded[0]
    executed = nbformat.read(course / "autograded" / learner("reads-gradebook") / "ex01" / NOTEBOOK, as_version=4)
    printed = "".join(output.get("text", "") for output in executed.cells[-1].outputs)
    assert printed.startswith("PROBE") and "'READ'" not in printed and "('others', [])" in printed, printed
    assert f"('{course}/pwned.txt', 'FileNotFoundError')" in printed and "('../pwned.txt', 'OSError')" in printed
    assert not (course / "pwned.txt").exists() and not Path("/tmp/pwned.txt").exists()
    assert not any(course.glob("autograded/*/pwned.txt")) and not any(course.glob("submitted/*/pwned.txt"))
    writer = course / "autograded" / learner("writes-files") / "ex01"
    assert (writer / "notes.txt").read_text() == "my notes" and not (writer / "link.txt").exists()


def test_tampering_is_flagged_in_the_gradebook_with_its_reason(graded):
    with Gradebook(f"sqlite:///{graded[0] / '.nbgrader' / 'gradebook.db'}") as gb:
        notebook = gb.find_submission_notebook(NOTEBOOK[:-6], "ex01", learner("input-transformer"))
        assert notebook.flagged and notebook.score == 0
        assert all(g.needs_manual_grade for g in notebook.grades if g.auto_score is not None)
        comment = gb.find_comment("answer_q1", NOTEBOOK[:-6], "ex01", learner("input-transformer"))
        assert "withheld" in comment.auto_comment and "input_transformers_post" in comment.auto_comment


def test_feedback_shows_no_hidden_test_not_even_in_a_traceback(graded):
    course = graded[0]
    autograded = (course / "autograded" / learner("wrong-q4") / "ex01" / NOTEBOOK).read_text()
    assert "_survey.loc" in autograded and "highest_country is not right" in autograded
    page = next((course / "feedback" / learner("wrong-q4") / "ex01").glob("*.html")).read_text()
    assert "highest_country is not right" in page
    assert "_survey" not in page and "HIDDEN TESTS" not in page and "Mark scheme" not in page


def test_a_rerun_grades_nothing_again_and_gives_the_same_result(graded):
    course, inbox, _ = graded
    before = (course / "exports" / "ex01-grades.csv").read_text()
    done = cop_grade(course, "grade", "ex01", "--inbox", str(inbox), "--workers", "2")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "0 submission(s) graded now" in done.stdout, done.stdout[:500]
    assert (course / "exports" / "ex01-grades.csv").read_text() == before


def saved_manual_grade(course: Path, student: str) -> tuple[float | None, str | None]:
    with Gradebook(f"sqlite:///{course / '.nbgrader' / 'gradebook.db'}") as gb:
        grade = gb.find_grade("task_q5", NOTEBOOK[:-6], "ex01", student)
        comment = gb.find_comment("task_q5", NOTEBOOK[:-6], "ex01", student)
        return grade.manual_score, comment.manual_comment


@pytest.mark.browser
def test_manual_grades_and_comments_reach_the_feedback_and_the_export(graded, browser, tmp_path):
    """A grader marks the free-text answer in formgrader (JupyterLab's server, Chromium, keyboard),
    seeing the mark scheme; the feedback then shows the comment but never the mark scheme."""
    course = graded[0]
    with Gradebook(f"sqlite:///{course / '.nbgrader' / 'gradebook.db'}") as gb:
        submission = gb.find_submission_notebook(NOTEBOOK[:-6], "ex01", learner("full")).id
    server = JupyterLabServer(course, tmp_path / "lab.log", trainer=True)
    try:
        page = browser.new_page()
        page.goto(f"{server.url}/formgrader/submissions/{submission}/")
        page.get_by_text("Mark scheme").first.wait_for(timeout=60_000)
        score, comment = page.locator("input.score#task_q5"), page.locator("textarea#task_q5-comment")
        score.fill("3.5")
        score.press("Tab")  # formgrader saves on change
        comment.fill("Calm and practical.")
        comment.press("Tab")
        deadline = time.monotonic() + 30
        while (
            saved_manual_grade(course, learner("full")) != (3.5, "Calm and practical.") and time.monotonic() < deadline
        ):
            time.sleep(0.5)
        page.close()
    finally:
        server.stop()
    saved = saved_manual_grade(course, learner("full"))
    assert saved == (3.5, "Calm and practical."), server.log_path.read_text()[-2000:]
    done = cop_grade(course, "grade", "ex01", "--workers", "2")
    assert done.returncode == 0, done.stderr[-3000:]
    page = next((course / "feedback" / learner("full") / "ex01").glob("*.html")).read_text()
    assert "Calm and practical." in page and "Mark scheme" not in page
    assert rows(course)[learner("full")]["score"] == "9.5"
    # A rerun without --inbox still reports what the last intake found, in the summary and the export.
    assert "not valid JSON" in section(done.stdout, learner("not-json"))
    assert "not valid JSON" in rows(course)[learner("not-json")]["problems"]


def test_forgetting_a_learner_removes_their_data_everywhere(graded):
    course = graded[0]
    done = cop_grade(course, "forget", learner("twice"), "--yes")
    assert done.returncode == 0, done.stderr[-2000:]
    assert not list(course.glob(f"*/{learner('twice')}"))
    assert learner("twice") not in rows(course)
    assert learner("twice") not in (course / ".nbgrader" / "intake-ex01.json").read_text()
    with Gradebook(f"sqlite:///{course / '.nbgrader' / 'gradebook.db'}") as gb:
        assert learner("twice") not in {student.id for student in gb.students}


def test_grading_refuses_to_run_without_a_sandbox(graded, tmp_path):
    course = graded[0]
    env = dict(nbgrader_env(), PATH=str(Path(sys.executable).parent))  # no bwrap on PATH
    done = subprocess.run(
        [sys.executable, "-m", "cop_grading", "grade", "ex01"],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode != 0
    assert "Refusing to grade" in done.stderr and "--unsafe-no-sandbox" in done.stderr
