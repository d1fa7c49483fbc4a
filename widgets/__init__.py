"""Interactive elements of the Child Online Protection course: one short call per notebook cell."""

from .conversation_view import show_conversation
from .errors import CourseDataError
from .progress_view import show_completion, show_progress
from .quiz_view import show_quiz
from .reflection_view import show_reflection
from .routes_view import show_reporting_routes
from .rules_view import show_rules
from .scenario_view import show_scenario
from .sort_view import show_sort

__all__ = [
    "CourseDataError",
    "show_completion",
    "show_conversation",
    "show_progress",
    "show_quiz",
    "show_reflection",
    "show_reporting_routes",
    "show_rules",
    "show_scenario",
    "show_sort",
]
