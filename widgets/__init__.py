"""Interactive elements of the Child Online Protection course: one short call per notebook cell."""

from .errors import CourseDataError
from .quiz_view import show_quiz
from .scenario_view import show_scenario

__all__ = ["CourseDataError", "show_quiz", "show_scenario"]
