"""cop-grade: the trainer's commands (init a course directory, grade an assignment, forget a learner)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import course as course_module
from .course import Course
from .forget import forget
from .grade import Options, grade
from .nbgrader_run import run_nbgrader
from .parallel import worker_count


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="cop-grade", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)

    init = commands.add_parser("init", help="create a course directory (outside the repository) and release")
    init.add_argument("directory", type=Path)
    init.add_argument("--roster", type=Path, help="CSV of learners (id,first_name,last_name,email) to import")

    run = commands.add_parser("grade", help="collect, autograde, feedback and export one assignment")
    run.add_argument("assignment", help="e.g. ex01")
    run.add_argument("--course", type=Path, default=Path.cwd(), help="course directory (default: here)")
    run.add_argument(
        "--inbox",
        type=Path,
        action="append",
        default=[],
        help="folder or zip of hand-ins to take in first (repeatable)",
    )
    run.add_argument("--exchange", action="store_true", help="collect from nbgrader's exchange and release feedback")
    run.add_argument(
        "--workers", type=int, help="submissions run at once (default: ParallelGrading.workers, else one per core)"
    )
    run.add_argument("--force", action="store_true", help="regrade every submission, not only new ones")
    run.add_argument(
        "--unsafe-no-sandbox",
        action="store_true",
        help="run submissions without the sandbox (only for trusted submissions)",
    )

    erase = commands.add_parser("forget", help="delete everything kept about one learner")
    erase.add_argument("student")
    erase.add_argument("--course", type=Path, default=Path.cwd())
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "init":
        course_module.create(args.directory)
        course = Course.open(args.directory)
        steps = [["generate_assignment", "*", "--force"]]
        if args.roster:
            steps.append(["db", "student", "import", str(args.roster.resolve())])
        for step in steps:
            done = run_nbgrader(course, step)
            if done.returncode != 0:
                print(done.log[-3000:], file=sys.stderr)
                return 1
        print(f"Course directory ready: {course.root}\nRelease: {course.folder('release')}")
        return 0
    course = Course.open(args.course)
    if args.command == "forget":
        if not args.yes and input(f"Delete all data about {args.student!r} in {course.root}? [y/N] ") != "y":
            return 1
        print("\n".join(forget(course, args.student)) or f"nothing was kept about {args.student}")
        return 0
    if args.unsafe_no_sandbox:
        print(
            "WARNING: grading without the sandbox: submissions can read and change anything you can.", file=sys.stderr
        )
    options = Options(
        args.assignment,
        args.inbox,
        args.exchange,
        worker_count(course, args.workers),
        args.force,
        sandbox=not args.unsafe_no_sandbox,
    )
    print(grade(course, options).render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
