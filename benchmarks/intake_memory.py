"""Peak memory of reading a hostile hand-in archive: cop-grade's limited intake beside what reading
each entry whole (zipfile's `read`, as intake did before) costs, measured in one run.

Usage: python benchmarks/intake_memory.py [--bomb-gb 1.5] [--entries 20000]

Each reader runs in its own process, so its peak resident memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

READERS = {
    "read whole (zipfile.read)": """
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    for info in archive.infolist():
        archive.read(info)
""",
    "cop-grade intake (course limits)": """
import sys
from cop_grading.inbox import Inbox, Limits, Refused
limits = Limits(max_file_mb=50, max_total_mb=2000, max_files=5000, max_ratio=200)
with Inbox(__import__("pathlib").Path(sys.argv[1]), limits, lambda path: False) as inbox:
    for entry in inbox.entries():
        try:
            inbox.read(entry)
        except Refused:
            pass
""",
}
PEAK = (
    "import resource, runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0]); "
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
)


def bomb(path: Path, size: int) -> Path:
    """One entry of ``size`` zero bytes, written in chunks so that making it costs no memory."""
    chunk = bytes(1 << 24)
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("Learner Bomb_1_assignsubmission_file_ex01.ipynb", "w", force_zip64=True) as entry,
    ):
        for _ in range(size // len(chunk)):
            entry.write(chunk)
    return path


def many(path: Path, count: int) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number in range(count):
            archive.writestr(f"Learner {number}_{number}_assignsubmission_file_ex01.ipynb", b"{}")
    return path


def measure(script: Path, archive: Path) -> tuple[float, float]:
    """(peak MB, seconds) of one reader on one archive."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", PEAK, str(script), str(archive)], capture_output=True, text=True, check=True
    )
    return int(done.stdout.split()[-1]) / 1024, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bomb-gb", type=float, default=1.5)
    parser.add_argument("--entries", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        archives = {
            f"one {args.bomb_gb:g} GB entry": bomb(folder / "bomb.zip", int(args.bomb_gb * 1e9)),
            f"{args.entries} entries": many(folder / "many.zip", args.entries),
        }
        scripts = {}
        for name, code in READERS.items():
            scripts[name] = folder / f"reader{len(scripts)}.py"
            scripts[name].write_text(code)
        print(f"{'archive':28} {'packed MB':>10} {'reader':34} {'peak MB':>9} {'seconds':>8}")
        for label, archive in archives.items():
            peaks = {}
            for name, script in scripts.items():
                peaks[name], seconds = measure(script, archive)
                print(f"{label:28} {archive.stat().st_size / 1e6:10.1f} {name:34} {peaks[name]:9.0f} {seconds:8.1f}")
            whole, limited = peaks.values()
            print(f"{'':28} {'':10} {'ratio (whole / limited)':34} {whole / limited:9.1f}")
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
