"""Regenerate exercises/ from solutions/ with nbgrader, the only way exercises/ is ever written.

First copies the one canonical solutions/checks.py into every exercise folder (nbgrader releases
and restores the files of each assignment folder, so each needs its own copy; edit only the
canonical file). Then runs `nbgrader generate_assignment "*"` in the repository with the scratch
gradebook that nbgrader_config.py names (.nbgrader/, ignored by git), after clearing exercises/
so that an exercise removed from solutions/ disappears from the release too.
"""

import shutil
import subprocess
import sys
from pathlib import Path

from cop_grading.course import nbgrader_env

ROOT = Path(__file__).resolve().parent.parent
CHECKS = ROOT / "solutions" / "checks.py"
COPY_NOTE = "# Copied from solutions/checks.py by `make exercises`: edit that file, never this copy.\n"


def checks_copy() -> str:
    """What every exercise folder's checks.py must hold."""
    return COPY_NOTE + CHECKS.read_text(encoding="utf-8")


def copy_checks() -> None:
    for folder in sorted((ROOT / "solutions").glob("ex*/")):
        (folder / "checks.py").write_text(checks_copy(), encoding="utf-8")


def main() -> int:
    copy_checks()
    shutil.rmtree(ROOT / "exercises", ignore_errors=True)
    shutil.rmtree(ROOT / ".nbgrader", ignore_errors=True)
    (ROOT / ".nbgrader").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", "*", "--force"],
        cwd=ROOT,
        env=nbgrader_env(),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or "ERROR" in done.stderr:
        print(done.stderr, file=sys.stderr)
        print("nbgrader generate_assignment failed; exercises/ is incomplete", file=sys.stderr)
        return 1
    for path in sorted((ROOT / "exercises").rglob("*")):
        if path.is_file():
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
