"""Print the pip pins of environment.yml, one per line, with only the standard library.

The local setup installs with pip into a venv (no conda), before PyYAML exists, so this reads the
one simple shape environment.yml keeps: a `- pip:` entry followed by indented `- name==version`.
tests/test_environment.py checks that the result equals a real YAML parse.
"""

import sys
from pathlib import Path


def pip_pins(text: str) -> list[str]:
    pins: list[str] = []
    in_pip = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#") or not stripped:
            continue
        if stripped == "- pip:":
            in_pip = True
            continue
        if in_pip and line.startswith("      - "):
            pins.append(stripped[2:].strip())
        elif in_pip:
            in_pip = False
    return pins


if __name__ == "__main__":
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "environment.yml")
    pins = pip_pins(source.read_text(encoding="utf-8"))
    if not pins:
        sys.exit(f"{source}: field 'dependencies[pip]': no pinned packages found")
    print("\n".join(pins))
