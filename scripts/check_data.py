"""Check course data files and say, for each, OK or what is wrong (file, field, reason).

Usage: python scripts/check_data.py [FILE ...]   (no files: every data file in modules/)
"""

import sys
from pathlib import Path

from cop_widgets.bibliography import load_bibliography
from cop_widgets.data_files import KINDS, load_any
from cop_widgets.errors import CourseDataError
from cop_widgets.routes import load_routes

MODULES = Path(__file__).resolve().parent.parent / "modules"


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
