"""Check course data files and say, for each, OK or what is wrong (file, field, reason).

Usage: python scripts/check_data.py [FILE ...]   (no files: every scenario and quiz in modules/)
"""

import sys
from pathlib import Path

from cop_widgets.bibliography import load_bibliography
from cop_widgets.errors import CourseDataError
from cop_widgets.quiz_loader import load_quiz
from cop_widgets.scenario_loader import load_scenario

MODULES = Path(__file__).resolve().parent.parent / "modules"


def main(names: list[str]) -> int:
    try:
        known = set(load_bibliography(MODULES / "sources.yaml"))
    except CourseDataError as err:
        print(f"FAIL {err}")
        return 1
    files = [Path(n) for n in names] or sorted(MODULES.glob("scenarios/*.yaml")) + sorted(
        MODULES.glob("quizzes/*.yaml"))
    failed = 0
    for path in files:
        try:
            if path.parent.name == "quizzes":
                load_quiz(path)
            else:
                load_scenario(path, known)
            print(f"OK   {path}")
        except CourseDataError as err:
            failed += 1
            print(f"FAIL {err}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
