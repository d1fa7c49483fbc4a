"""Flag a submission that tampers with the test machinery and withhold its automatic score.

Runs inside nbgrader's autograde, right after SaveAutoGrades, so that every way of autograding
(cop-grade, plain `nbgrader autograde`, formgrader's button) treats tampering the same. A flagged
notebook shows in formgrader with its flag, every automatic score set to 0 pending review, and the
reasons in the comment of its first answer; the trainer reviews and enters the scores they judge
right. The reasons also go into the autograded notebook's metadata, for cop-grade's summary.
"""

from __future__ import annotations

import functools
import os

import nbformat
from nbgrader import utils
from nbgrader.api import Gradebook
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor

from .execute import NOTES_KEY
from .tamper import Exercise, scan_notebook

WITHHELD = "Automatic score withheld until your trainer has reviewed this notebook"
PYTHON_FILES = (".py", ".pth", ".pyc", ".so")


@functools.cache
def exercise_of(source_notebook: str) -> Exercise:
    return Exercise.from_source(nbformat.read(source_notebook, as_version=4))


def module_files(folder: str, shipped: str) -> list[str]:
    """Python files in ``folder`` that the exercise does not ship: they would shadow real modules."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            relative = os.path.relpath(os.path.join(root, name), folder)
            if name.endswith(PYTHON_FILES) and not os.path.exists(os.path.join(shipped, relative)):
                found.append(
                    f"its folder holds {relative}, which Python would import in place of a module of that name"
                )
    return found


class WithholdTamperedScores(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        ids = resources["nbgrader"]
        coursedir = CourseDirectory(config=self.config)
        source = coursedir.format_path(coursedir.source_directory, ".", ids["assignment"])
        findings = [
            str(finding) for finding in scan_notebook(nb, exercise_of(os.path.join(source, f"{ids['notebook']}.ipynb")))
        ]
        findings += resources.get(NOTES_KEY, {}).get("notes", [])
        findings += module_files(resources["metadata"]["path"], source)
        nb.metadata.pop(NOTES_KEY, None)
        if findings:
            nb.metadata[NOTES_KEY] = {"findings": findings}
            self.withhold(ids, nb, findings)
        return nb, resources

    def withhold(self, ids: dict, nb, findings: list[str]) -> None:
        self.log.warning("Flagged %s/%s: %s", ids["student"], ids["notebook"], "; ".join(findings))
        with Gradebook(ids["db_url"]) as gb:
            submitted = gb.find_submission_notebook(ids["notebook"], ids["assignment"], ids["student"])
            submitted.flagged = True
            for grade in submitted.grades:
                if grade.auto_score is not None:
                    grade.manual_score, grade.needs_manual_grade = 0.0, True
            answers = [cell for cell in nb.cells if utils.is_solution(cell) or utils.is_task(cell)]
            if answers:
                comment = gb.find_comment(
                    answers[0].metadata.nbgrader["grade_id"], ids["notebook"], ids["assignment"], ids["student"]
                )
                comment.auto_comment = f"{WITHHELD}: " + "; ".join(findings) + "."
            gb.db.commit()
