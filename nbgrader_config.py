"""nbgrader configuration for the course (read by every nbgrader command run in this folder).

solutions/ is nbgrader's source (instructor notebooks with solutions, hidden tests and mark
schemes); exercises/ is its release. Trainers grade a cohort in a course directory OUTSIDE the
repository (see README); the gradebook and submissions never live here.
"""

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

c.CourseDirectory.course_id = "cop-educators"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# Scratch gradebook for `make exercises`; git ignores it.
c.CourseDirectory.db_url = "sqlite:///.nbgrader/gradebook.db"
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

# A submission that loops or waits forever must not stall a whole class: per-cell limits.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True
c.ExecutePreprocessor.timeout = 60
# Put back a test cell that a learner deleted, and score it, instead of leaving it ungraded.
c.OverwriteCells.add_missing_cells = True

# Feedback returned to a learner shows neither hidden tests nor the trainer's mark scheme
# (nbgrader issue 917: hidden tests leak into feedback by default).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbgrader.preprocessors.ClearMarkScheme",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
