"""Where the course's data files live, and loading them by the short names notebooks use.

Notebooks run with the module folder as working directory (JupyterLab, Voilà and nbclient all do
this), so `show_scenario("01_parents_evening")` finds `scenarios/01_parents_evening.yaml` beside the
notebook. COURSE_MODULES_DIR overrides that for scripts and tests.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from .activity_loaders import load_reflection, load_sort
from .bibliography import Source, load_bibliography
from .conversation import Conversation
from .conversation_loader import load_conversation
from .errors import CourseDataError
from .quiz import Quiz
from .quiz_loader import load_quiz
from .reflection import Reflection
from .routes import RouteList, load_routes
from .scenario import Scenario
from .scenario_loader import load_scenario
from .sort_activity import Sort

KINDS = {
    "scenarios": "scenario",
    "quizzes": "quiz",
    "conversations": "conversation",
    "sorts": "sorting activity",
    "reflections": "reflection",
}
# The one code line a module notebook has per element, e.g. show_scenario("01_parents_evening"),
# and the data folder each show_ function reads from.
ELEMENT_CALL = re.compile(r'^show_(scenario|quiz|conversation|sort|reflection)\("([a-z0-9_]+)"\)$')
FOLDERS = {
    "scenario": "scenarios",
    "quiz": "quizzes",
    "conversation": "conversations",
    "sort": "sorts",
    "reflection": "reflections",
}


def modules_dir() -> Path:
    configured = os.environ.get("COURSE_MODULES_DIR")
    return Path(configured) if configured else Path.cwd()


def bibliography(root: Path | None = None) -> dict[str, Source]:
    """The bibliography, read once per change of the file (every element needs it)."""
    path = (root or modules_dir()) / "sources.yaml"
    return _bibliography(path, path.stat().st_mtime_ns if path.exists() else 0)


@cache
def _bibliography(path: Path, _modified: int) -> dict[str, Source]:
    return load_bibliography(path)


def _named(kind: str, name: str, root: Path | None) -> Path:
    path = (root or modules_dir()) / kind / f"{name}.yaml"
    if not path.is_file():
        available = sorted(p.stem for p in path.parent.glob("*.yaml"))
        raise CourseDataError(
            path, "(file)", f"no {KINDS[kind]} named '{name}' (available: {', '.join(available) or 'none'})"
        )
    return path


def scenario(name: str, root: Path | None = None) -> Scenario:
    return load_scenario(_named("scenarios", name, root), set(bibliography(root)))


def quiz(name: str, root: Path | None = None) -> Quiz:
    return load_quiz(_named("quizzes", name, root), set(bibliography(root)))


def conversation(name: str, root: Path | None = None) -> Conversation:
    return load_conversation(_named("conversations", name, root), set(bibliography(root)))


def sort(name: str, root: Path | None = None) -> Sort:
    return load_sort(_named("sorts", name, root), set(bibliography(root)))


def reflection(name: str, root: Path | None = None) -> Reflection:
    return load_reflection(_named("reflections", name, root))


def reporting_routes(root: Path | None = None) -> RouteList:
    root = root or modules_dir()
    return load_routes(root / "reporting_routes.yaml", set(bibliography(root)))


def load_any(path: Path, known_sources: set[str]) -> object:
    """Load a data file by the folder it sits in (used by scripts/check_data.py and the tests)."""
    kind = path.parent.name
    if kind == "quizzes":
        return load_quiz(path)
    if kind == "reflections":
        return load_reflection(path)
    loader = {"scenarios": load_scenario, "conversations": load_conversation, "sorts": load_sort}.get(kind)
    if loader is None:
        raise CourseDataError(path, "(file)", f"unknown kind of data file (folder '{kind}')")
    return loader(path, known_sources)
