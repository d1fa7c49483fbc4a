"""What learners write is inert wherever a trainer or a learner sees it, and a hostile hand-in archive
cannot take the trainer's machine down: one real `cop-grade grade` of a Moodle-style zip holding
hostile free text, hostile outputs, a zip bomb, an oversized file, a path that leaves the archive
and too many files; then formgrader and the feedback page in real Chromium, with a sentinel that
any script from the learner would set."""

from __future__ import annotations

import copy
import csv
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell
from nbgrader.api import Gradebook

from cop_grading.course import nbgrader_env
from cop_grading.untrusted import MARKER

from .conftest import need_system
from .fixtures.grading.classroom import NOTEBOOK, dump, make_course, notebooks
from .html_check import live_parts
from .servers import JupyterLabServer

pytestmark = pytest.mark.slow
SENTINEL = "top.__pwned=(top.__pwned||0)+1"
WORDS = "I would stay calm, thank her for telling me and take it to the designated person today."
HOSTILE_TEXT = f"""{WORDS}

<img src=x onerror="{SENTINEL}"> <svg onload="{SENTINEL}"></svg> <script>{SENTINEL}</script>
<iframe srcdoc="<script>{SENTINEL}</script>"></iframe> <a href="javascript:{SENTINEL}">a link</a>
[another link](javascript:{SENTINEL}) [a third](java&#115;cript:{SENTINEL}) ![tracker](https://example.org/t.png)
<details open ontoggle="{SENTINEL}">details</details> $\\href{{javascript:{SENTINEL}}}{{tex}}$
"""
HOSTILE_OUTPUTS = f'''
class Page:
    def _repr_html_(self):
        return '<b>html words</b><img src=x onerror="{SENTINEL}"><iframe srcdoc="<script>{SENTINEL}</script>">'
    def _repr_svg_(self):
        return '<svg xmlns="http://www.w3.org/2000/svg" onload="{SENTINEL}"><text>svg</text></svg>'
    def _repr_javascript_(self):
        return "{SENTINEL}"
    def _repr_markdown_(self):
        return '<img src=x onerror="{SENTINEL}">'
display(Page())
print("printed words stay")
'''
LIMITS = "c.Execute.timeout = 15\nc.Intake.max_file_mb = 10\nc.Intake.max_files = 40\n"


def learner(case: str) -> str:
    return f"learner-{case}"


def hostile_notebook(solution) -> bytes:
    nb = copy.deepcopy(solution)
    answer = next(i for i, c in enumerate(nb.cells) if c.source.strip() == "Write your answer here.")
    nb.cells[answer].source = HOSTILE_TEXT
    nb.cells.insert(answer + 1, new_code_cell(HOSTILE_OUTPUTS))
    return dump(nb)


def hostile_zip(course: Path, target: Path) -> Path:
    solution, _release = notebooks(course)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(number: int, case: str, data: bytes, name: str = NOTEBOOK) -> None:
            archive.writestr(f"Learner {case.title()}_{number}_assignsubmission_file_{name}", data)

        add(100, "hostile", hostile_notebook(solution))
        add(101, "full", dump(solution))
        add(102, "bomb", bytes(30_000_000))  # packs to about 30 kB
        add(103, "big", os.urandom(11_000_000))  # does not pack: over the 10 MB limit
        archive.writestr(f"../../Learner Escape_104_assignsubmission_file_{NOTEBOOK}", dump(solution))
        for number in range(60):
            add(200 + number, "many", b"notes", name=f"notes-{number}.txt")
    return target


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    need_system(shutil.which("bwrap") is not None, "bubblewrap (bwrap)")
    course = make_course(tmp_path_factory.mktemp("hostile") / "course", LIMITS)
    inbox = hostile_zip(course, tmp_path_factory.mktemp("downloads") / "moodle-ex01.zip")
    done = subprocess.run(
        [sys.executable, "-m", "cop_grading", "grade", "ex01", "--inbox", str(inbox), "--workers", "2"],
        cwd=course,
        env=nbgrader_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return course, done.stdout


def export(course: Path, name: str = "grades") -> list[dict]:
    with (course / "exports" / f"ex01-{name}.csv").open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_refused_hand_ins_are_named_and_the_rest_of_the_class_is_graded(graded):
    course, summary = graded
    rows = {row["student_id"]: row for row in export(course)}
    assert rows[learner("full")]["score"] == "6"
    assert "as a zip bomb does: refused" in rows[learner("bomb")]["problems"]
    assert "larger than c.Intake.max_file_mb (10 MB): refused" in rows[learner("big")]["problems"]
    assert "zip bomb" in summary and "c.Intake.max_file_mb" in summary
    refused = {row["file"]: row["reason"] for row in export(course, "refused")}
    assert "leaves the archive" in refused[f"../../Learner Escape_104_assignsubmission_file_{NOTEBOOK}"]
    assert any("c.Intake.max_files (40)" in reason for reason in refused.values())
    assert "Files refused at intake" in summary and not (course.parent.parent / NOTEBOOK).exists()


def test_the_stored_copy_is_inert_and_the_original_untouched(graded):
    course = graded[0]
    autograded = nbformat.read(course / "autograded" / learner("hostile") / "ex01" / NOTEBOOK, as_version=4)
    answer = next(c for c in autograded.cells if c.cell_type == "markdown" and MARKER in c.source)
    assert WORDS in answer.source and live_parts(answer.source) == []
    shown = [
        o
        for c in autograded.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.output_type in ("display_data", "execute_result")
    ]
    kinds = {kind for o in shown for kind in o.data}
    assert kinds <= {"text/plain", "text/html", "image/png", "image/jpeg"}, kinds
    assert all(live_parts(o.data["text/html"]) == [] for o in shown if "text/html" in o.data)
    submitted = (course / "submitted" / learner("hostile") / "ex01" / NOTEBOOK).read_text()
    assert SENTINEL in submitted, "the learner's own file is kept as handed in"


def no_script_ran(page) -> None:
    page.wait_for_timeout(1500)  # long enough for an onerror or onload to fire
    assert page.evaluate("() => window.__pwned") is None, "a learner's script ran"
    live = page.evaluate("""() => document.querySelectorAll(
        '[onerror], [onload], [ontoggle], a[href^="javascript"], iframe[srcdoc], .cop-learner-text script').length""")
    assert live == 0


@pytest.mark.browser
def test_formgrader_shows_the_words_and_runs_no_script(graded, browser, tmp_path):
    course = graded[0]
    with Gradebook(f"sqlite:///{course / '.nbgrader' / 'gradebook.db'}") as gb:
        submission = gb.find_submission_notebook(NOTEBOOK[:-6], "ex01", learner("hostile")).id
    server = JupyterLabServer(course, tmp_path / "lab.log", trainer=True)
    try:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        response = page.goto(f"{server.url}/formgrader/submissions/{submission}/")
        page.get_by_text("I would stay calm").first.wait_for(timeout=60_000)
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.get_by_text("printed words stay").first.wait_for(timeout=10_000)
        no_script_ran(page)
        assert dialogs == []
        page.close()
    finally:
        server.stop()


@pytest.mark.browser
def test_the_feedback_page_shows_the_words_and_runs_no_script(graded, browser):
    course = graded[0]
    feedback = next((course / "feedback" / learner("hostile") / "ex01").glob("*.html"))
    page = browser.new_page()
    page.goto(feedback.as_uri())
    page.get_by_text("I would stay calm").first.wait_for(timeout=30_000)
    no_script_ran(page)
    page.close()
