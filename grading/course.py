"""The trainer's course directory: its nbgrader configuration, folders and the checks grading relies on."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from nbgrader.coursedir import CourseDirectory
from traitlets.config import Config, PyFileConfigLoader

CONFIG_FILE = "nbgrader_config.py"
REPOSITORY = Path(__file__).resolve().parent.parent

# Settings grading is unsafe or wrong without, each with the line that provides it.
REQUIRED = {
    (
        "Autograde",
        "sanitize_preprocessors",
        "cop_grading.sanitize.OverwriteCells",
    ): "put deleted test cells back instead of failing the submission",
    ("Autograde", "autograde_preprocessors", "cop_grading.execute.SandboxedExecute"): "run submissions in the sandbox",
    (
        "Autograde",
        "autograde_preprocessors",
        "cop_grading.integrity.WithholdTamperedScores",
    ): "flag tampering instead of crediting it",
    (
        "Autograde",
        "autograde_preprocessors",
        "cop_grading.untrusted.MakeLearnerContentInert",
    ): "make learners' text and outputs inert before formgrader or feedback shows them",
    (
        "GenerateFeedback",
        "preprocessors",
        "cop_grading.feedback.HideHiddenTestTracebacks",
    ): "keep hidden tests out of feedback tracebacks",
    (
        "GenerateFeedback",
        "preprocessors",
        "nbgrader.preprocessors.ClearHiddenTests",
    ): "keep hidden tests out of feedback",
}


@dataclass
class Course:
    """A course directory (outside the repository) and the configuration nbgrader reads there."""

    root: Path
    config: Config

    @classmethod
    def open(cls, root: str | os.PathLike) -> Course:
        root = Path(root).resolve()
        if not (root / CONFIG_FILE).exists():
            raise SystemExit(f"{root} is not a course directory: it has no {CONFIG_FILE} (see `cop-grade init`)")
        return cls(root, PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config())

    @property
    def coursedir(self) -> CourseDirectory:
        return CourseDirectory(config=self.config, root=str(self.root))

    def folder(self, step: str, student: str = ".", assignment: str = ".") -> Path:
        """nbgrader's folder for a pipeline step ('submitted', 'autograded', ...), as configured."""
        coursedir = self.coursedir
        return Path(coursedir.format_path(getattr(coursedir, f"{step}_directory"), student, assignment))

    @property
    def db_url(self) -> str:
        """The gradebook's URL, with a relative SQLite path made absolute (nbgrader reads it from the root)."""
        url = self.coursedir.db_url
        prefix = "sqlite:///"
        if url.startswith(prefix) and not url[len(prefix) :].startswith("/"):
            return prefix + str(self.root / url[len(prefix) :])
        return url

    def missing_settings(self) -> list[str]:
        """What nbgrader_config.py lacks for safe grading, each as what it is for."""
        missing = []
        for (section, option, value), purpose in REQUIRED.items():
            configured = [
                getattr(item, "__module__", "") + "." + getattr(item, "__name__", "")
                if isinstance(item, type)
                else str(item)
                for item in self.config.get(section, {}).get(option, [])
            ]
            if value not in configured:
                missing.append(f"c.{section}.{option} must include {value!r} ({purpose})")
        return missing


def nbgrader_env() -> dict[str, str]:
    """nbgrader shells out to `alembic` by name: put this environment's bin/ first on PATH."""
    return dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")


def create(root: Path, repository: Path = REPOSITORY) -> None:
    """Lay out a new course directory from the repository: configuration, source, empty gradebook folder."""
    if (root / CONFIG_FILE).exists():
        raise SystemExit(f"{root} already holds a course ({CONFIG_FILE} exists); nothing changed")
    if root.resolve().is_relative_to(repository.resolve()):
        raise SystemExit("a course directory holds learners' work: create it outside the repository")
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(repository / CONFIG_FILE, root / CONFIG_FILE)
    source = Course.open(root).coursedir.source_directory
    shutil.copytree(
        repository / "solutions", root / source, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    )
    (root / ".nbgrader").mkdir(exist_ok=True)
