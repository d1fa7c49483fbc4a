"""The one error the course raises for bad data, so that every message names file, field and reason."""

from __future__ import annotations

from pathlib import Path


class CourseDataError(ValueError):
    """A course data file is unusable; the message says where and why, for a subject expert to fix."""

    def __init__(self, path: str | Path, field: str, reason: str) -> None:
        self.path = str(path)
        self.field = field
        self.reason = reason
        super().__init__(f"{self.path}: field '{field}': {reason}")

    def _render_traceback_(self) -> list[str]:
        """IPython shows this instead of a traceback: the reader needs the file and field, not frames."""
        return [f"Course data problem: {self}", "Please tell the course maintainers (see README)."]
