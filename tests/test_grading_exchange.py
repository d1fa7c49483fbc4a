"""With JupyterHub and nbgrader's exchange, end to end: the trainer releases, two teachers fetch and
submit as JupyterHub runs them (user `jovyan`, JUPYTERHUB_USER naming the learner), one
`cop-grade grade --exchange` collects, grades and returns feedback, and each teacher fetches their own.

The teachers' commands run in a bubblewrap user namespace that maps them to `jovyan`, so nbgrader's
exchange sees distinct learners exactly as it does on a JupyterHub, without creating system users.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cop_grading.course import nbgrader_env

from .conftest import need_system
from .fixtures.grading.classroom import NOTEBOOK, STABLE, make_course, notebooks

pytestmark = pytest.mark.slow
COURSE_ID = "cop-educators"


def as_teacher(name: str, home: Path, exchange: Path, *args: str) -> subprocess.CompletedProcess:
    """``nbgrader ARGS`` as JupyterHub runs a teacher's server: user jovyan, JUPYTERHUB_USER=name."""
    passwd = home.parent / f"{name}.passwd"
    passwd.write_text("jovyan:x:1000:1000::/home/jovyan:/bin/sh\nroot:x:0:0::/root:/bin/sh\n")
    command = [
        "bwrap",
        "--bind",
        "/",
        "/",
        "--dev",
        "/dev",
        "--unshare-user",
        "--uid",
        "1000",
        "--gid",
        "1000",
        "--ro-bind",
        str(passwd),
        "/etc/passwd",
        "--setenv",
        "JUPYTERHUB_USER",
        name,
        "--setenv",
        "HOME",
        str(home),
        "--chdir",
        str(home),
        "--",
        sys.executable,
        "-m",
        "nbgrader",
        *args,
        "--course",
        COURSE_ID,
        f"--Exchange.root={exchange}",
    ]
    return subprocess.run(command, env=nbgrader_env(), capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    need_system(shutil.which("bwrap") is not None, "bubblewrap (bwrap)")
    base = tmp_path_factory.mktemp("hub")
    exchange = base / "exchange"
    exchange.mkdir()
    os.chmod(exchange, 0o777)  # noqa: S103 - the exchange is shared by every hub user, as nbgrader's docs set it up
    course = make_course(base / "course", f"c.Exchange.root = {str(exchange)!r}\n")
    released = subprocess.run(
        [sys.executable, "-m", "nbgrader", "release_assignment", "ex01"],
        cwd=course,
        env=nbgrader_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert released.returncode == 0, released.stdout[-2000:] + released.stderr[-2000:]
    solution, release = notebooks(course)
    for name, answers in (("amira", STABLE["full"](solution, release)), ("ben", STABLE["blank"](solution, release))):
        home = base / "home" / name
        home.mkdir(parents=True)
        fetched = as_teacher(name, home, exchange, "fetch_assignment", "ex01")
        assert fetched.returncode == 0, fetched.stderr[-2000:]
        (home / "ex01" / NOTEBOOK).write_bytes(answers)  # what the teacher saved in JupyterLab
        submitted = as_teacher(name, home, exchange, "submit", "ex01")
        assert submitted.returncode == 0, submitted.stderr[-2000:]
    graded = subprocess.run(
        [sys.executable, "-m", "cop_grading", "grade", "ex01", "--exchange", "--workers", "2"],
        cwd=course,
        env=nbgrader_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert graded.returncode == 0, graded.stdout[-3000:] + graded.stderr[-3000:]
    for name in ("amira", "ben"):
        returned = as_teacher(name, base / "home" / name, exchange, "fetch_feedback", "ex01")
        assert returned.returncode == 0, returned.stderr[-2000:]
    return base, course, graded.stdout


def test_the_class_is_collected_graded_and_exported(round_trip):
    _, course, summary = round_trip
    assert "2 submission(s) graded now" in summary
    with (course / "exports" / "ex01-grades.csv").open(newline="") as handle:
        scores = {row["student_id"]: row["score"] for row in csv.DictReader(handle)}
    assert scores == {"amira": "6", "ben": "0"}


def test_each_teacher_fetches_only_their_own_feedback(round_trip):
    base = round_trip[0]
    for name, other in (("amira", "ben"), ("ben", "amira")):
        pages = list((base / "home" / name / "ex01" / "feedback").glob("*/*.html"))
        assert len(pages) == 1, pages
        text = pages[0].read_text()
        assert "HIDDEN TESTS" not in text and "Mark scheme" not in text
        assert other not in text
