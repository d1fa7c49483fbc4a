"""Trainer grading for the course: sandboxed, parallel nbgrader autograding with clear reports.

Run `cop-grade --help` (or `python -m cop_grading.cli --help`); docs/trainer-guide.md explains the workflow.
"""
