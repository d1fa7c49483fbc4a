"""The first hour on a new machine: the Makefile says what is wrong and how to fix it, and the
learner's own work lives where a course update never touches it."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys

from .conftest import ROOT, bin_path

sys.path.insert(0, str(ROOT / "scripts"))
from learner_copy import copy_missing  # noqa: E402


def make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-s", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_too_old_or_missing_python_is_refused_with_the_fix(tmp_path):
    done = make("setup", "PYTHON=no-such-python3", f"VENV={tmp_path / 'venv'}")
    assert done.returncode != 0
    assert "needs Python 3.11 or newer" in done.stdout and "not found" in done.stdout
    assert "apt-get install python3" in done.stdout and "brew install" in done.stdout
    assert not (tmp_path / "venv").exists()


def test_a_busy_port_is_refused_with_the_fix_instead_of_moving_the_course_silently():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = make("course", f"PORT={port}")
    assert done.returncode != 0
    assert f"Port {port} is in use" in done.stdout and f"make course PORT={port + 1}" in done.stdout


def test_the_learners_copy_gains_new_exercises_and_never_loses_their_answers(tmp_path):
    release, mine = tmp_path / "exercises", tmp_path / "my-exercises"
    (release / "ex01").mkdir(parents=True)
    (release / "ex01" / "ex01.ipynb").write_text("release 1")
    assert copy_missing(release, mine) == [mine / "ex01" / "ex01.ipynb"]
    (mine / "ex01" / "ex01.ipynb").write_text("my answers")
    (release / "ex01" / "ex01.ipynb").write_text("release 2")
    (release / "ex02").mkdir()
    (release / "ex02" / "ex02.ipynb").write_text("new")
    assert copy_missing(release, mine) == [mine / "ex02" / "ex02.ipynb"]
    assert (mine / "ex01" / "ex01.ipynb").read_text() == "my answers"


def test_the_learners_copy_is_ignored_by_git():
    done = subprocess.run(["git", "check-ignore", "-q", "my-exercises/ex01/x.ipynb"], cwd=ROOT)
    assert done.returncode == 0


def test_nbgraders_own_commands_work_in_a_fresh_clone(tmp_path):
    """As nbgrader's documentation shows them: no scratch gradebook folder exists yet in a clone."""
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
    shutil.copytree(ROOT / "solutions" / "ex01", tmp_path / "solutions" / "ex01")
    done = subprocess.run(
        [bin_path("nbgrader"), "generate_assignment", "ex01", "--force"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0 and "ERROR" not in done.stderr, done.stderr[-3000:]
    assert (tmp_path / "exercises" / "ex01" / "ex01_childrens_digital_lives.ipynb").is_file()
