"""Check course data files and say, for each, OK or what is wrong (file, field, reason).

Usage: python scripts/check_data.py [FILE ...]   (no files: every data file in modules/)
"""

import sys
from pathlib import Path

from cop_widgets.bibliography import load_bibliography
from cop_widgets.data_files import KINDS, load_any
from cop_widgets.errors import CourseDataError
from cop_widgets.exercise_keys import TAGS_FILE, load_exercise_keys
from cop_widgets.routes import load_routes
from cop_widgets.rules import RULES_FILE, load_rules

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "modules"


def check_rules_and_keys(known: set[str]) -> None:
    """The hard rules (cited from the bibliography) and the exercises' rule tags."""
    for rule in load_rules().values():
        for field, keys in (("sources", rule.sources), ("exception_sources", rule.exception_sources)):
            for index, key in enumerate(keys):
                if key not in known:
                    raise CourseDataError(
                        RULES_FILE,
                        f"rules.{rule.id}.{field}[{index}]",
                        f"'{key}' is not in the bibliography (modules/sources.yaml)",
                    )
    load_exercise_keys(ROOT / "solutions")


def main(names: list[str]) -> int:
    try:
        known = set(load_bibliography(MODULES / "sources.yaml"))
    except CourseDataError as err:
        print(f"FAIL {err}")
        return 1
    files = [Path(n) for n in names] or [p for kind in KINDS for p in sorted(MODULES.glob(f"{kind}/*.yaml"))]
    if not names and (MODULES / "reporting_routes.yaml").exists():
        files.append(MODULES / "reporting_routes.yaml")
    failed = 0
    if not names:
        try:
            check_rules_and_keys(known)
            print(f"OK   {RULES_FILE}\nOK   {ROOT / 'solutions' / TAGS_FILE}")
        except CourseDataError as err:
            failed += 1
            print(f"FAIL {err}")
    for path in files:
        try:
            if path.name == "reporting_routes.yaml":
                load_routes(path, known)
            else:
                load_any(path, known)
            print(f"OK   {path}")
        except CourseDataError as err:
            failed += 1
            print(f"FAIL {err}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
