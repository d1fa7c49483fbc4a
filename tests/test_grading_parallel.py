"""Parallel grading gives exactly what nbgrader's own sequential autograde gives.

The same class is graded twice from copies of one course directory: once by plain `nbgrader
autograde` and `nbgrader generate_feedback` (sequential, nbgrader's code alone), once by
`cop-grade grade --workers 2`. Every gradebook entry, every file of the autograded folders and
every feedback page must be equal; only what differs between two sequential runs as well
(execution times, nbformat's random ids for cells it adds) is left out of the comparison. The
parallel run must also have executed every submission in its workers (no cache miss), or the
equality would prove nothing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from cop_grading.course import Course, nbgrader_env
from cop_grading.grade import Options, grade

from .conftest import need_system
from .fixtures.grading.classroom import STABLE, hand_in, make_course, notebooks

pytestmark = pytest.mark.slow
CASES = [
    "full",
    "blank",
    "wrong-q4",
    "deleted-test",
    "reordered",
    "duplicated",
    "edited-test",
    "megabytes",
    "kills-kernel",
    "input-transformer",
    "writes-files",
]


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    need_system(shutil.which("bwrap") is not None, "bubblewrap (bwrap)")
    base = tmp_path_factory.mktemp("parallel")
    original = make_course(base / "original")
    sequential, parallel = base / "sequential", base / "parallel"
    solution, release = notebooks(original)
    for course in (sequential, parallel):
        shutil.copytree(original, course)
        for case in CASES:
            hand_in(course, case, STABLE[case](solution, release))
        hand_in(course, "blank-again", STABLE["blank"](solution, release))
    for step in (["autograde", "ex01"], ["generate_feedback", "ex01"]):
        subprocess.run(
            [sys.executable, "-m", "nbgrader", *step],
            cwd=sequential,
            env=nbgrader_env(),
            capture_output=True,
            text=True,
            timeout=900,
        )
    report = grade(Course.open(parallel), Options("ex01", workers=2))
    return sequential, parallel, report


def gradebook(course: Path) -> dict:
    with Gradebook(f"sqlite:///{course / '.nbgrader' / 'gradebook.db'}") as gb:
        state = {}
        for submission in gb.find_assignment("ex01").submissions:
            for notebook in submission.notebooks:
                key = (submission.student.id, notebook.name)
                state[key] = {
                    "timestamp": str(submission.timestamp),
                    "flagged": notebook.flagged,
                    "grades": sorted(
                        (g.name, g.auto_score, g.manual_score, g.extra_credit, g.needs_manual_grade)
                        for g in notebook.grades
                    ),
                    "comments": sorted((c.name, c.auto_comment, c.manual_comment) for c in notebook.comments),
                }
        return state


def comparable(path: Path) -> str:
    """A file's content, without what differs between any two runs (timings, random cell ids)."""
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text())
        for cell in nb["cells"]:
            cell.pop("id", None)
            cell["metadata"].pop("execution", None)
        return json.dumps(nb, sort_keys=True)
    text = path.read_text(errors="replace")
    return re.sub(r'id="cell-id=[0-9a-f-]+"', "", text) if path.suffix == ".html" else text


def tree(course: Path, step: str) -> dict[str, str]:
    root = course / step
    return {str(p.relative_to(root)): comparable(p) for p in sorted(root.rglob("*")) if p.is_file()}


def test_every_submission_was_executed_by_the_parallel_workers(two_runs):
    report = two_runs[2]
    assert report.executed_again == [] and report.workers == 2
    assert sorted(report.graded) == sorted([*CASES, "blank-again"])


def test_the_gradebooks_are_identical(two_runs):
    sequential, parallel, _ = two_runs
    expected = gradebook(sequential)
    assert len(expected) == len(CASES) + 1
    assert gradebook(parallel) == expected


@pytest.mark.parametrize("step", ["autograded", "feedback"])
def test_the_autograded_and_feedback_folders_are_identical(two_runs, step):
    sequential, parallel, _ = two_runs
    expected = tree(sequential, step)
    assert len(expected) >= len(CASES)
    got = tree(parallel, step)
    assert sorted(got) == sorted(expected)
    differ = [name for name in expected if got[name] != expected[name]]
    assert differ == [], differ
