"""The grading package's pure parts, in milliseconds: tamper scan, intake patterns, file checks,
execution-cache keys, cell-change review, feedback tracebacks, configuration and sandbox command."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_output
from traitlets.config import Config

from cop_grading.cache import execution_key
from cop_grading.course import Course
from cop_grading.export import as_text
from cop_grading.feedback import HideHiddenTestTracebacks
from cop_grading.intake import PRESETS, Intake, match, slug
from cop_grading.review import cell_changes
from cop_grading.sandbox import SUBMISSION_DIR, sandbox_command
from cop_grading.submissions import read_notebook, why_unreadable
from cop_grading.tamper import Exercise, scan_notebook

from .conftest import ROOT, need_system
from .fixtures.grading.classroom import NOT_NOTEBOOKS, STABLE, cell

ASSIGNMENTS = sorted(p.name for p in (ROOT / "solutions").glob("ex*") if p.is_dir())


def source_and_release(assignment: str = "ex01"):
    name = next((ROOT / "solutions" / assignment).glob("*.ipynb")).name
    return (
        nbformat.read(ROOT / "solutions" / assignment / name, as_version=4),
        nbformat.read(ROOT / "exercises" / assignment / name, as_version=4)
        if (ROOT / "exercises" / assignment / name).exists()
        else None,
    )


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_course_s_own_solutions_are_not_flagged(assignment):
    source, release = source_and_release(assignment)
    exercise = Exercise.from_source(source)
    assert scan_notebook(source, exercise) == []
    if release is not None:
        assert scan_notebook(release, exercise) == []


TAMPERING = {
    "input-transformer": "input_transformers_post",
    "redefines-builtin": "redefines abs",
    "shadows-helper": "redefines hash_answer",
    "patches-module": "changes hashlib.sha256",
}


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_tampering_is_found_with_its_reason(case):
    source, release = source_and_release()
    findings = [
        str(f) for f in scan_notebook(read_notebook(STABLE[case](source, release)), Exercise.from_source(source))
    ]
    assert any(TAMPERING[case] in finding for finding in findings), findings


@pytest.mark.parametrize(
    "code, reason",
    [
        ("exec(bytes.fromhex('7072696e74').decode())", "uses exec"),
        ("getattr(__builtins__, 'abs')", "uses getattr"),
        ("x = ().__class__.__base__.__subclasses__()", "__subclasses__"),
        ("%config InteractiveShell.ast_node_interactivity='none'", "get_ipython"),
        ("import sys\nsys.modules['checks'].hash_answer = len", "imports sys"),
        ("from IPython import get_ipython", "imports IPython"),
        ("import builtins\nbuiltins.isinstance = lambda a, b: True", "imports builtins"),
        ("import pandas as pd\npd = None", "redefines pd"),
    ],
)
def test_each_door_to_the_test_machinery_is_flagged(code, reason):
    source, release = source_and_release()
    nb = copy.deepcopy(release)
    cell(nb, "answer_q1").source = code
    findings = [str(f) for f in scan_notebook(nb, Exercise.from_source(source))]
    assert any(reason in finding for finding in findings), findings


def test_ordinary_pandas_options_are_not_tampering():
    source, release = source_and_release()
    nb = copy.deepcopy(release)
    cell(nb, "answer_q4").source = 'import pandas as pd\npd.options.display.max_rows = 5\nsurvey = pd.read_csv("x")'
    assert scan_notebook(nb, Exercise.from_source(source)) == []


@pytest.mark.parametrize(
    "path, learner, number",
    [
        ("Amira Haddad_12345_assignsubmission_file_ex01_childrens_digital_lives.ipynb", "Amira Haddad", "12345"),
        ("Amira Haddad_12345_assignsubmission_file/ex01_childrens_digital_lives.ipynb", "Amira Haddad", "12345"),
        ("haddadamira_late_4321_98765_ex01_childrens_digital_lives.ipynb", "haddadamira", "4321"),
        ("amira.haddad@school.example/ex01.ipynb", "amira.haddad@school.example", None),
        ("amira.haddad@school.example_ex01.ipynb", "amira.haddad@school.example", None),
    ],
)
def test_the_usual_exports_name_their_learner(path, learner, number):
    groups = match(path, Intake(config=Config()).patterns())
    assert groups["learner"] == learner and groups.get("number") == number


def test_a_trainer_s_own_pattern_comes_from_nbgrader_config():
    config = Config({"Intake": {"pattern": r"^(?P<filename>ex\d+)-(?P<learner>[a-z]+)\.ipynb$"}})
    assert match("ex01-amira.ipynb", Intake(config=config).patterns())["learner"] == "amira"
    assert match("Amira_1_assignsubmission_file_x.ipynb", Intake(config=config).patterns()) is None
    assert set(PRESETS) == {"moodle", "canvas", "plain"}


def test_student_ids_are_safe_folder_names():
    assert slug("Zoë  O'Brien-Núñez") == "zoe-o-brien-nunez"
    assert slug("amira.haddad@school.example") == "amira.haddad@school.example"
    assert slug("../../etc") == "etc"


def test_files_that_are_not_notebooks_are_named_as_such():
    assert "empty" in why_unreadable(NOT_NOTEBOOKS["empty"])
    assert "not valid JSON" in why_unreadable(NOT_NOTEBOOKS["not-json"])
    assert "not a Jupyter notebook" in why_unreadable(NOT_NOTEBOOKS["not-a-notebook"])
    assert why_unreadable((ROOT / "exercises" / "ex01" / "ex01_childrens_digital_lives.ipynb").read_bytes()) is None


def test_the_cache_key_covers_the_folder_and_settings_but_not_random_cell_ids(tmp_path):
    _, release = source_and_release()
    (tmp_path / "data.csv").write_text("a\n1\n")
    key = execution_key(release, str(tmp_path), {"timeout": 60})
    renamed = copy.deepcopy(release)
    for index, each in enumerate(renamed.cells):
        each["id"] = f"random-{index}"
    assert execution_key(renamed, str(tmp_path), {"timeout": 60}) == key
    assert execution_key(release, str(tmp_path), {"timeout": 30}) != key
    (tmp_path / "data.csv").write_text("a\n2\n")
    assert execution_key(release, str(tmp_path), {"timeout": 60}) != key


@pytest.mark.parametrize(
    "case, change",
    [
        ("deleted-test", "test cell test_q1 was deleted"),
        ("duplicated", "cell answer_q1 appears 2 times"),
        ("edited-test", "locked cell test_q1 was edited"),
        ("reordered", "cells were moved"),
    ],
)
def test_cell_changes_are_reported(case, change):
    source, release = source_and_release()
    changes = cell_changes(read_notebook(STABLE[case](source, release)), release, source)
    assert any(change in each for each in changes), changes
    assert cell_changes(read_notebook(STABLE["full"](source, release)), release, source) == []


def test_feedback_tracebacks_do_not_quote_hidden_tests():
    source, _ = source_and_release()
    nb = copy.deepcopy(source)
    test = cell(nb, "test_q4")
    test.outputs = [
        new_output(
            "error",
            ename="AssertionError",
            evalue="highest_country is not right.",
            traceback=["----> 4 assert highest_country == _survey.loc[...]"],
        )
    ]
    nb, _ = HideHiddenTestTracebacks().preprocess(nb, {})
    assert cell(nb, "test_q4").outputs[0].traceback == ["AssertionError: highest_country is not right."]


def test_the_repository_config_has_every_grading_setting():
    missing = Course.open(ROOT).missing_settings()
    assert missing == [], "nbgrader_config.py lacks:\n" + "\n".join(missing)


def test_the_sandbox_shows_the_kernel_its_folder_and_no_secrets(tmp_path):
    command = sandbox_command(["python"], str(tmp_path), str(tmp_path / "runtime"), memory_mb=1024)
    text = " ".join(command)
    assert f"--bind {tmp_path} {SUBMISSION_DIR}" in text and "--chdir /submission" in text
    for flag in ("--unshare-all", "--clearenv", "--cap-drop ALL", "--die-with-parent", "--new-session"):
        assert flag in text
    assert not re.search(r"--(ro-)?bind /etc /etc\b", text) and "/etc/shadow" not in text
    for private in ("/root", "/home", str(Path.home())):
        assert not re.search(rf"--(ro-)?bind {re.escape(private)} ", text), private


def test_folders_below_tmp_or_home_stay_visible_in_the_sandbox(tmp_path):
    """A Python environment or a shared data set often lives below /tmp or /home, where the sandbox
    mounts empty folders: those must not hide it (pytest's tmp_path is below /tmp)."""
    need_system(shutil.which("bwrap") is not None, "bubblewrap (bwrap)")
    shared, work, runtime = (tmp_path / name for name in ("shared", "work", "runtime"))
    for folder in (shared, work, runtime):
        folder.mkdir()
    (shared / "data.csv").write_text("year,count\n2026,3\n")
    command = sandbox_command(
        ["/bin/cat", str(shared / "data.csv")], str(work), str(runtime), memory_mb=512, read_only=[str(shared)]
    )
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.stdout == "year,count\n2026,3\n", done.stderr


@pytest.mark.parametrize(
    "text, written",
    [
        ('=HYPERLINK("http://example.org")', '\'=HYPERLINK("http://example.org")'),
        ("+1 555", "'+1 555"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-cmd", "'-cmd"),
        ("Amira Haddad", "Amira Haddad"),
        ("", ""),
    ],
)
def test_learner_text_in_the_export_never_runs_as_a_spreadsheet_formula(text, written):
    assert as_text(text) == written
