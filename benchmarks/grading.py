"""How fast a class is graded: bare execution, nbgrader's sequential autograde, and cop-grade.

Builds a course directory with every exercise in solutions/ and a synthetic class of TEACHERS
learners (a third hand in the solution, a third the blank release, a third half the answers; each
notebook made unique by the learner's own note, so that no two hand-ins are identical), then
prints, as medians per submission over the exercises:

- floor: executing the same notebooks with bare nbclient, one after another, unsandboxed (no
  nbgrader, no gradebook): the least any grading can cost;
- sequential: `nbgrader autograde EXNN` (the course's configuration, sandbox included), one call per
  exercise, for the whole class;
- parallel: `cop-grade grade EXNN`'s autograde (workers executing, then nbgrader recording), and the
  whole command (with feedback and export).

Usage (from the repository, with the environment's bin/ on PATH):
    python benchmarks/grading.py [--teachers 30] [--workers N] [--exercises ex01 ex02]
It is a measurement, not a test; expect 20-40 minutes for 30 teachers on 2 cores.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_markdown_cell

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cop_grading.course import Course, nbgrader_env  # noqa: E402
from cop_grading.grade import Options, grade  # noqa: E402
from cop_grading.parallel import worker_count  # noqa: E402
from tests.fixtures.grading.classroom import dump, hand_in, released_course  # noqa: E402


def half_answered(solution, release):
    """The release with every other answer cell taken from the solution (a notebook node)."""
    nb = copy.deepcopy(release)
    answers = {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in solution.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }
    for number, cell in enumerate(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") in answers):
        if number % 2 == 0:
            cell.source = answers[cell.metadata["nbgrader"]["grade_id"]]
    return nb


def build_class(course: Path, exercises: list[str], teachers: int) -> None:
    for exercise in exercises:
        name = next((course / "exercises" / exercise).glob("*.ipynb")).name
        solution = nbformat.read(course / "solutions" / exercise / name, as_version=4)
        release = nbformat.read(course / "exercises" / exercise / name, as_version=4)
        kinds = [solution, release, half_answered(solution, release)]
        for teacher in range(teachers):
            # Every learner's notebook differs, as in a real class: cop-grade executes identical
            # hand-ins only once, which would flatter its figures.
            nb = copy.deepcopy(kinds[teacher % 3])
            nb.cells.append(new_markdown_cell(f"My own notes, teacher {teacher:02d}."))
            hand_in(course, f"teacher{teacher:02d}", dump(nb), exercise, name)


def floor(course: Path, exercises: list[str]) -> list[float]:
    """Seconds per submission for bare nbclient execution in a copy of the exercise folder."""
    times = []
    for exercise in exercises:
        for folder in sorted((course / "submitted").glob(f"*/{exercise}")):
            with tempfile.TemporaryDirectory() as work:
                shutil.copytree(course / "solutions" / exercise, work, dirs_exist_ok=True)
                for notebook in folder.glob("*.ipynb"):
                    nb = nbformat.read(notebook, as_version=4)
                    started = time.monotonic()
                    NotebookClient(nb, timeout=60, allow_errors=True, resources={"metadata": {"path": work}}).execute()
                    times.append(time.monotonic() - started)
    return times


def sequential(course: Path, exercises: list[str], teachers: int) -> list[float]:
    per_submission = []
    for exercise in exercises:
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "nbgrader", "autograde", exercise],
            cwd=course,
            env=nbgrader_env(),
            capture_output=True,
            check=False,
        )
        per_submission.append((time.monotonic() - started) / teachers)
    return per_submission


def parallel(course: Path, exercises: list[str], teachers: int, workers: int) -> tuple[list[float], list[float]]:
    autograde, whole = [], []
    for exercise in exercises:
        started = time.monotonic()
        report = grade(Course.open(course), Options(exercise, workers=workers))
        whole.append((time.monotonic() - started) / teachers)
        autograde.append((report.timings.get("execute", 0) + report.timings["autograde"]) / teachers)
        assert not report.executed_again, report.executed_again
    return autograde, whole


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teachers", type=int, default=30)
    parser.add_argument("--workers", type=int)
    parser.add_argument("--exercises", nargs="*", default=sorted(p.name for p in (ROOT / "solutions").glob("ex*")))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cop-benchmark-") as scratch:
        base = released_course(Path(scratch) / "base", assignments=tuple(args.exercises))
        build_class(base, args.exercises, args.teachers)
        workers = worker_count(Course.open(base), args.workers)
        courses = {name: shutil.copytree(base, Path(scratch) / name) for name in ("sequential", "parallel")}
        print(
            f"{args.teachers} teachers x {len(args.exercises)} exercises = "
            f"{args.teachers * len(args.exercises)} submissions; {workers} workers",
            flush=True,
        )
        results = {"floor (bare nbclient, unsandboxed)": floor(base, args.exercises)}
        print(f"floor done: {statistics.median(results['floor (bare nbclient, unsandboxed)']):.2f} s", flush=True)
        results["sequential nbgrader autograde"] = sequential(courses["sequential"], args.exercises, args.teachers)
        print("sequential done", flush=True)
        autograde, whole = parallel(courses["parallel"], args.exercises, args.teachers, workers)
        results[f"cop-grade, autograde part ({workers} workers)"] = autograde
        results["cop-grade grade, whole command (+feedback, export)"] = whole
    print("\nmedian seconds per submission")
    for name, values in results.items():
        total = sum(values) * (1 if name.startswith("floor") else args.teachers)
        print(f"  {name:<52} {statistics.median(values):6.2f}   (total {total:7.0f} s)")


if __name__ == "__main__":
    main()
