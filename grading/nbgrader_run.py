"""Run one nbgrader command for a whole class, with a progress bar drawn from nbgrader's own log."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass

from tqdm import tqdm

from .course import Course, nbgrader_env


@dataclass
class Outcome:
    returncode: int
    log: str


def run_nbgrader(
    course: Course, args: list[str], *, step: str | None = None, total: int = 0, per_item: str = ""
) -> Outcome:
    """``nbgrader ARGS`` in the course directory; ``per_item`` is a log pattern that marks one item done."""
    command = [sys.executable, "-m", "nbgrader", *args]
    lines = []
    bar = tqdm(total=total, desc=step, unit="notebook", dynamic_ncols=True, disable=not step)
    with subprocess.Popen(
        command, cwd=course.root, env=nbgrader_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        assert process.stdout is not None  # stdout=PIPE
        for line in process.stdout:
            lines.append(line)
            if per_item and re.search(per_item, line) and bar.n < total:
                bar.update()
    bar.close()
    return Outcome(process.returncode, "".join(lines))
