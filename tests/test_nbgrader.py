"""The nbgrader pipeline, for real: release equals a fresh generate, solutions score full marks,
the blank release scores zero, and feedback hides hidden tests and mark schemes."""

from __future__ import annotations

import filecmp
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cop_grading.course import nbgrader_env

from .conftest import ROOT, bin_path, need_system

ASSIGNMENTS = sorted(p.name for p in (ROOT / "solutions").glob("ex*") if p.is_dir())


def app_errors(stderr: str) -> list[str]:
    """nbgrader's own ERROR lines; a kernel's shutdown noise on stderr is not a grading error."""
    return [line for line in stderr.splitlines() if re.match(r"\[\w+App \| (ERROR|CRITICAL)\]", line)]


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    """Run nbgrader in ``course`` with this environment's bin/ on PATH (it shells out to alembic)."""
    return subprocess.run(
        [bin_path("nbgrader"), *args], cwd=course, env=nbgrader_env(), capture_output=True, text=True, timeout=900
    )


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A trainer's course directory outside the repository, released from a copy of solutions/."""
    course = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(
        ROOT / "solutions", course / "solutions", ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    )
    (course / ".nbgrader").mkdir()
    done = nbgrader(course, "generate_assignment", "*", "--force")
    assert done.returncode == 0 and not app_errors(done.stderr), done.stderr[-3000:]
    return course


def tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def test_exercises_equal_a_fresh_generate_assignment(course):
    fresh, committed = course / "exercises", ROOT / "exercises"
    assert tree(fresh) == tree(committed), "run `make exercises` and commit the result"
    differ = [name for name in tree(fresh) if not filecmp.cmp(fresh / name, committed / name, shallow=False)]
    assert differ == [], f"exercises/ drifted from solutions/: {differ}; run `make exercises`"


def test_release_hides_solutions_hidden_tests_and_mark_schemes(course):
    for notebook in (course / "exercises").glob("*/*.ipynb"):
        text = notebook.read_text()
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "BEGIN MARK SCHEME"):
            assert marker not in text, f"{notebook.name} shows {marker}"


def test_validate_passes_solutions_and_fails_the_blank_release(course):
    solutions = sorted(str(p) for p in (course / "solutions").glob("*/*.ipynb"))
    done = nbgrader(course, "validate", *solutions)
    assert done.stdout.count("Success! Your notebook passes all the tests.") == len(solutions), done.stdout
    released = sorted(str(p) for p in (course / "exercises").glob("*/*.ipynb"))
    inverted = nbgrader(course, "validate", "--invert", *released)
    assert inverted.stdout.count("Success! The notebook does not pass any test") == len(released), inverted.stdout


@pytest.fixture(scope="module")
def graded(course) -> Path:
    """Two learners hand in every exercise: 'full' the solution itself, 'blank' the untouched release.

    nbgrader_config.py runs every submission in the bubblewrap sandbox, as a trainer's grading does."""
    need_system(shutil.which("bwrap") is not None, "bubblewrap (bwrap), the grading sandbox")
    for assignment in ASSIGNMENTS:
        for student, origin in (("full", "solutions"), ("blank", "exercises")):
            target = course / "submitted" / student / assignment
            target.mkdir(parents=True)
            for notebook in (course / origin / assignment).glob("*.ipynb"):
                shutil.copy(notebook, target / notebook.name)
    done = nbgrader(course, "autograde", "*", "--create")
    assert done.returncode == 0 and not app_errors(done.stderr), done.stderr[-3000:]
    return course


def scores(course: Path) -> dict[tuple[str, str], tuple[float, float]]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / '.nbgrader' / 'gradebook.db'}") as gb:
        return {
            (a, s): (gb.find_submission(a, s).code_score, gb.find_submission(a, s).max_code_score)
            for a in ASSIGNMENTS
            for s in ("full", "blank")
        }


def test_solution_scores_full_automatic_marks_and_blank_scores_zero(graded):
    result = scores(graded)
    for assignment in ASSIGNMENTS:
        got, most = result[(assignment, "full")]
        assert most > 0 and got == most, f"{assignment}: solution scored {got} of {most}"
        assert result[(assignment, "blank")][0] == 0, f"{assignment}: blank release scored points"


def test_feedback_hides_hidden_tests_and_mark_schemes(graded):
    done = nbgrader(graded, "generate_feedback", "*", "--student", "full")
    assert done.returncode == 0, done.stderr[-3000:]
    pages = list((graded / "feedback" / "full").glob("*/*.html"))
    assert len(pages) == len(ASSIGNMENTS)
    for page in pages:
        text = page.read_text()
        assert "HIDDEN TESTS" not in text and "MARK SCHEME" not in text and "Mark scheme" not in text


def test_no_lab_extension_is_incompatible():
    done = subprocess.run([bin_path("jupyter"), "labextension", "list"], capture_output=True, text=True)
    report = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)  # drop colour codes
    assert done.returncode == 0, report
    lines = [line for line in report.splitlines() if " enabled " in line or " disabled " in line]
    assert any("@jupyter-widgets/jupyterlab-manager" in line for line in lines), report
    assert all(" OK" in line for line in lines), report
    assert "incompatible" not in report.lower(), report
