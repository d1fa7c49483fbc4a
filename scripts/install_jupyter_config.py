"""Put the course's committed Jupyter configuration into the environment it runs from.

One script for `make setup`, Binder's postBuild and a hub image, so learners, trainers and the
tests all run with the same settings (docs/security.md): the security headers and Voilà locks,
the course's Voilà template (so plain `voila modules/` and Voilà inside JupyterLab find it), no
news or update checks, and the learner's set of extensions (no formgrader, course list,
assignment creator or extension manager). Trainers add etc/jupyter-trainer/ on top
(`make trainer`). An editable install skips data files, hence this copy.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = "share/jupyter/voila/templates/course"
# Each file goes to the same path under the environment's prefix (sys.prefix).
FILES = [
    "etc/jupyter/jupyter_server_config.json",
    "etc/jupyter/labconfig/page_config.json",
    "share/jupyter/lab/settings/overrides.json",
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / TEMPLATE).iterdir()),
]


def install(prefix: Path) -> list[Path]:
    written = []
    for name in FILES:
        destination = prefix / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, destination)
        written.append(destination)
    return written


def main() -> int:
    prefix = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(sys.prefix)
    for path in install(prefix):
        print(f"course configuration: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
