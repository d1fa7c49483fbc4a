"""Regenerate exercises/ from solutions/ with nbgrader, the only way exercises/ is ever written.

Runs `nbgrader generate_assignment "*"` in the repository with the scratch gradebook that
nbgrader_config.py names (.nbgrader/, ignored by git), after clearing exercises/ so that an
exercise removed from solutions/ disappears from the release too.
"""

import shutil
import subprocess
import sys
from pathlib import Path

from cop_grading.course import nbgrader_env

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    shutil.rmtree(ROOT / "exercises", ignore_errors=True)
    shutil.rmtree(ROOT / ".nbgrader", ignore_errors=True)
    (ROOT / ".nbgrader").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", "*", "--force"],
        cwd=ROOT, env=nbgrader_env(), capture_output=True, text=True,
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
