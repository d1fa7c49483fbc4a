"""nbgrader configuration for the course (read by every nbgrader command run in this folder).

solutions/ is nbgrader's source (instructor notebooks with solutions, hidden tests and mark
schemes); exercises/ is its release. Trainers grade a cohort in a course directory OUTSIDE the
repository (docs/trainer-guide.md); the gradebook and submissions never live here.
"""

from pathlib import Path

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

c.CourseDirectory.course_id = "cop-educators"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# Scratch gradebook for `make exercises` and nbgrader's own commands run here; git ignores it. It is
# made here, beside this file, so that `nbgrader generate_assignment ex01 --force` works in a fresh
# clone (nbgrader deletes the old release before it opens the database).
_scratch = Path(__file__).resolve().parent / ".nbgrader"
_scratch.mkdir(exist_ok=True)
c.CourseDirectory.db_url = f"sqlite:///{_scratch / 'gradebook.db'}"
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

# A submission that loops or waits forever must not stall a whole class: per-cell limits.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True
c.ExecutePreprocessor.timeout = 60
# Put back a test cell that a learner deleted, and score it, instead of leaving it ungraded.
c.OverwriteCells.add_missing_cells = True

# Trainer grading (docs/trainer-guide.md). Each submission runs in a bubblewrap sandbox with its
# output capped; what the learner wrote and what their code displayed is made inert before it is
# saved, so formgrader and feedback never run a learner's script (docs/security.md); a notebook that
# tampers with the test machinery is flagged and its automatic score withheld for review; feedback
# tracebacks never quote hidden tests.
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "cop_grading.sanitize.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "cop_grading.sanitize.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.Autograde.autograde_preprocessors = [
    "cop_grading.execute.SandboxedExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "cop_grading.untrusted.MakeLearnerContentInert",
    "nbgrader.preprocessors.SaveAutoGrades",
    "cop_grading.integrity.WithholdTamperedScores",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# Hand-ins taken in by cop-grade from a folder or a zip are read within these limits; a file beyond
# them is refused with a line in the summary and the export, and the rest of the class is graded.
c.Intake.max_file_mb = 50  # one notebook; the course's largest with outputs is well under 1 MB
c.Intake.max_total_mb = 2000  # one inbox
c.Intake.max_files = 5000
c.Intake.max_ratio = 200  # unpacked / packed size beyond the first MB: higher is a zip bomb

# Feedback returned to a learner shows neither hidden tests nor the trainer's mark scheme
# (nbgrader issue 917: hidden tests leak into feedback by default).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "cop_grading.feedback.HideHiddenTestTracebacks",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbgrader.preprocessors.ClearMarkScheme",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
