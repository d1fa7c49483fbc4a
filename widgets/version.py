"""The course's version, kept with every result the learner's browser stores.

Results kept under an earlier version were scored by earlier rules (before 0.2.0 a path that broke
a safeguarding rule could still end well), so the progress panel marks them instead of trusting them.
"""

COURSE_VERSION = "0.2.0"
