"""Give the learner their own copy of the exercises, in my-exercises/ (ignored by git).

A teacher's answers then live outside the files a course update changes: `git pull` never
conflicts with their work, and running this again adds new exercises without touching a file
that already exists.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_missing(source: Path, target: Path) -> list[Path]:
    """Copy every file of ``source`` that ``target`` lacks; never overwrite. Returns what was added."""
    added = []
    for path in sorted(source.rglob("*")):
        if path.is_file() and ".ipynb_checkpoints" not in path.parts:
            copy = target / path.relative_to(source)
            if not copy.exists():
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, copy)
                added.append(copy)
    return added


def main() -> int:
    added = copy_missing(ROOT / "exercises", ROOT / "my-exercises")
    if added:
        print(f"my-exercises/: {len(added)} new file(s) for you to work in; your existing work is untouched")
    return 0


if __name__ == "__main__":
    sys.exit(main())
