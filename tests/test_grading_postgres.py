"""The gradebook on PostgreSQL, for several trainers: nbgrader's db_url pointing at a real server
that this test starts from Debian's postgresql package on 127.0.0.1, and a class graded into it.
A submission that tries to reach that server from the grading sandbox finds no network."""

from __future__ import annotations

import csv
import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from cop_grading.course import nbgrader_env

from .conftest import need_system
from .fixtures.grading.classroom import STABLE, hand_in, make_course, notebooks
from .fixtures.grading.classroom import appended as with_cells
from .servers import free_port

pytestmark = pytest.mark.slow


def postgres_bin() -> Path | None:
    """Debian keeps the server's programs out of PATH, under /usr/lib/postgresql/<version>/bin."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    initdb = found[-1] if found else shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def server_user() -> pwd.struct_passwd:
    """PostgreSQL refuses to run as root: use the package's own user, else nobody."""
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    pytest.fail("no unprivileged user to run PostgreSQL as")


@pytest.fixture(scope="module")
def database():
    binaries = postgres_bin()
    need_system(binaries is not None, "PostgreSQL server (Debian package postgresql)")
    user = server_user()
    data = Path(tempfile.mkdtemp(prefix="cop-pg-"))
    os.chown(data, user.pw_uid, user.pw_gid)
    as_user = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": [], "cwd": data}
    subprocess.run(
        [binaries / "initdb", "-D", data / "db", "-U", "grader", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
        **as_user,
    )
    port = free_port()
    server = subprocess.Popen(
        [binaries / "postgres", "-D", data / "db", "-p", str(port), "-h", "127.0.0.1", "-k", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        **as_user,
    )
    try:
        for _ in range(100):
            ready = subprocess.run([binaries / "pg_isready", "-h", "127.0.0.1", "-p", str(port)], capture_output=True)
            if ready.returncode == 0:
                break
            time.sleep(0.2)
        subprocess.run(
            [binaries / "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "grader", "gradebook"],
            check=True,
            capture_output=True,
        )
        yield f"postgresql://grader@127.0.0.1:{port}/gradebook", port
    finally:
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="module")
def graded(database, tmp_path_factory):
    need_system(shutil.which("bwrap") is not None, "bubblewrap (bwrap)")
    url, port = database
    course = make_course(tmp_path_factory.mktemp("pg") / "course", f"c.CourseDirectory.db_url = {url!r}\n", fresh=True)
    solution, release = notebooks(course)
    probe = (
        f"import socket\ntry:\n    socket.create_connection(('127.0.0.1', {port}), timeout=5)\n"
        "    print('REACHED the gradebook server')\nexcept OSError as err:\n    print('no network:', err)"
    )
    hand_in(course, "amira", STABLE["full"](solution, release))
    hand_in(course, "ben", STABLE["blank"](solution, release))
    hand_in(course, "carla", with_cells(solution, probe))
    done = subprocess.run(
        [sys.executable, "-m", "cop_grading", "grade", "ex01", "--workers", "2"],
        cwd=course,
        env=nbgrader_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return course, url


def test_grades_are_stored_in_postgresql(graded):
    course, url = graded
    with Gradebook(url) as gb:
        scores = {s.student.id: s.score for s in gb.find_assignment("ex01").submissions}
    assert scores == {"amira": 6.0, "ben": 0.0, "carla": 6.0}
    assert not (course / ".nbgrader" / "gradebook.db").exists()
    with (course / "exports" / "ex01-grades.csv").open(newline="") as handle:
        assert {row["student_id"]: row["score"] for row in csv.DictReader(handle)} == {
            "amira": "6",
            "ben": "0",
            "carla": "6",
        }


def test_a_submission_cannot_reach_the_gradebook_server(graded):
    course = graded[0]
    executed = nbformat.read(next((course / "autograded" / "carla" / "ex01").glob("*.ipynb")), as_version=4)
    printed = "".join(output.get("text", "") for output in executed.cells[-1].outputs)
    assert printed.startswith("no network:"), printed
