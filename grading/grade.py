"""Grade one assignment for a whole class: collect, autograde, feedback, export, and report.

Every step is nbgrader's own command, run once for the class; what cop-grade adds is around them:
taking in hand-ins without a server, executing the submissions on every core before nbgrader's
autograde records them (parallel.py), and saying clearly what needs the trainer's attention. A
rerun grades only what is new or handed in again and gives the same result for the rest.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .cache import ExecutionCache
from .course import Course
from .export import export_grades, export_refused
from .intake import recall_problems, remember_problems, take_in
from .nbgrader_run import run_nbgrader
from .parallel import execute_in_parallel
from .report import Report
from .review import log_path, review
from .sandbox import why_unavailable
from .submissions import Submission, expected_notebooks, needs_grading, submissions, why_unreadable


@dataclass
class Options:
    assignment: str
    inboxes: list[Path] = field(default_factory=list)
    exchange: bool = False
    workers: int = 1
    force: bool = False
    sandbox: bool = True


class GradingRefused(SystemExit):
    """Grading cannot run safely as configured; the message says why and what to change."""


def check_ready(course: Course, options: Options) -> None:
    if missing := course.missing_settings():
        raise GradingRefused(
            "nbgrader_config.py is not set up for safe grading:\n  "
            + "\n  ".join(missing)
            + "\nSee docs/trainer-guide.md, 'The course configuration'."
        )
    if options.sandbox and (problem := why_unavailable()):
        raise GradingRefused(
            f"Refusing to grade: {problem}.\nA submission is someone else's code: without a "
            "sandbox it could read the gradebook and every learner's work, and change them. If every "
            "submission is trusted, run again with --unsafe-no-sandbox."
        )


def name_the_notebook(names: list[str], assignment: str, submission: Submission, report: Report) -> None:
    """With one notebook expected and one other handed in (renamed by the learner), grade that one."""
    handed = sorted(submission.folder.glob("*.ipynb"))
    if len(names) == 1 and len(handed) == 1 and handed[0].stem != names[0]:
        handed[0].rename(submission.folder / f"{names[0]}.ipynb")
        report.add(submission.student, assignment, f"named the notebook {handed[0].name!r}; graded as {names[0]}")


def unreadable_learners(subs: list[Submission], names: list[str]) -> list[str]:
    """Learners whose notebook nbgrader could not read; they are left out of its run and reported."""
    return [
        sub.student
        for sub in subs
        if any(
            (sub.folder / f"{name}.ipynb").exists() and why_unreadable((sub.folder / f"{name}.ipynb").read_bytes())
            for name in names
        )
    ]


def grade(course: Course, options: Options) -> Report:
    assignment = options.assignment
    check_ready(course, options)
    report = Report(assignment, workers=options.workers)
    log = log_path(course, assignment)
    log.parent.mkdir(exist_ok=True)
    log.write_text("")

    def nbgrader(args: list[str], **progress) -> None:
        started = time.monotonic()
        outcome = run_nbgrader(course, args, **progress)
        report.timings[args[0]] = report.timings.get(args[0], 0.0) + time.monotonic() - started
        with log.open("a") as handle:
            handle.write(f"$ nbgrader {' '.join(args)}\n{outcome.log}(exit {outcome.returncode})\n\n")
        if outcome.returncode != 0 and args[0] in ("collect", "release_feedback"):
            raise SystemExit(f"nbgrader {args[0]} failed; see {log}")

    if options.exchange:
        nbgrader(["collect", assignment, "--update"])
    for inbox in options.inboxes:
        take_in(course, assignment, inbox, report)
    if options.inboxes:
        remember_problems(course, report)
    else:
        recall_problems(course, report)
    subs = submissions(course, assignment)
    names = expected_notebooks(course, assignment)
    for sub in subs:
        name_the_notebook(names, assignment, sub, report)
    skipped = unreadable_learners(subs, names)
    todo = [sub for sub in subs if sub.student not in skipped and needs_grading(course, sub, options.force)]
    report.graded = [sub.student for sub in todo]
    report.unchanged = [sub.student for sub in subs if sub not in todo and sub.student not in skipped]
    if todo:
        with tempfile.TemporaryDirectory(dir=log.parent, prefix="execution-cache-") as cache:
            overrides = {"SandboxedExecute": {"sandbox": options.sandbox, "cache_dir": cache}}
            jobs = {sub.student: [n for n in names if (sub.folder / f"{n}.ipynb").exists()] for sub in todo}
            started = time.monotonic()
            for student, error in execute_in_parallel(course, assignment, jobs, overrides, options.workers).items():
                # nbgrader's own pass executes this one again; the trainer still learns why the worker failed
                report.add(student, assignment, f"its parallel run failed ({error}); nbgrader ran it again itself")
            report.timings["execute"] = time.monotonic() - started
            args = [
                "autograde",
                assignment,
                f"--SandboxedExecute.cache_dir={cache}",
                f"--SandboxedExecute.sandbox={options.sandbox}",
            ]
            if skipped:
                args.append(f"--CourseDirectory.student_id_exclude={','.join(skipped)}")
            if options.force:
                args.append("--force")
            nbgrader(args, step=f"Recording {assignment}", total=len(todo) * len(names), per_item=r"\] Autograding ")
            report.executed_again = [miss.split("+")[0] for miss in ExecutionCache(cache).misses()]
    nbgrader(
        ["generate_feedback", assignment, "--force"],
        step=f"Feedback {assignment}",
        total=len(subs) * len(names),
        per_item=r"\] Writing .*\.html",
    )
    if options.exchange:
        nbgrader(["release_feedback", assignment])
    review(course, subs, report)
    grades, rows = export_grades(course, assignment, report.problems)
    report.to_mark = [row["student_id"] for row in rows if row["needs_manual_grading"] == "yes"]
    report.outputs = [
        f"Grades: {grades}",
        f"Feedback: {course.folder('feedback', '*', assignment)}/",
        f"nbgrader's output: {log}",
    ]
    if refused := export_refused(course, assignment, report.refused):
        report.outputs.insert(1, f"Refused at intake, naming no learner: {refused}")
    return report
