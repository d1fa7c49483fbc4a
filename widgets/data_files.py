"""Where the course's data files live, and loading them by the short names notebooks use.

Notebooks run with the module folder as working directory (JupyterLab, Voilà and nbclient all do
this), so `show_scenario("01_first_phone")` finds `scenarios/01_first_phone.yaml` beside the
notebook. COURSE_MODULES_DIR overrides that for scripts and tests.
"""

from __future__ import annotations

import os
from pathlib import Path

from .bibliography import Source, load_bibliography
from .errors import CourseDataError
from .quiz import Quiz
from .quiz_loader import load_quiz
from .scenario import Scenario
from .scenario_loader import load_scenario


def modules_dir() -> Path:
    configured = os.environ.get("COURSE_MODULES_DIR")
    return Path(configured) if configured else Path.cwd()


def bibliography(root: Path | None = None) -> dict[str, Source]:
    return load_bibliography((root or modules_dir()) / "sources.yaml")


def _named(kind: str, name: str, root: Path | None) -> Path:
    path = (root or modules_dir()) / kind / f"{name}.yaml"
    if not path.is_file():
        available = sorted(p.stem for p in path.parent.glob("*.yaml"))
        raise CourseDataError(path, "(file)", f"no {kind[:-1]} named '{name}' "
                                              f"(available: {', '.join(available) or 'none'})")
    return path


def scenario(name: str, root: Path | None = None) -> Scenario:
    return load_scenario(_named("scenarios", name, root), set(bibliography(root)))


def quiz(name: str, root: Path | None = None) -> Quiz:
    return load_quiz(_named("quizzes", name, root))
