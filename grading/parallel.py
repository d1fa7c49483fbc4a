"""Execute a class's submissions on every core, ahead of nbgrader's sequential autograde.

Each worker prepares a submission exactly as nbgrader's autograde will, with nbgrader's own code:
the folder (the learner's files, then the exercise's files over them) and the sanitized notebook
(nbgrader's sanitize preprocessors, reading the gradebook but never writing it). It then executes
the notebook with the configured SandboxedExecute and stores the result in the run's execution
cache. Workers never touch the gradebook's writes, so SQLite's single-writer rule holds; nbgrader's
autograde, run once afterwards, finds each result in the cache and records it (see cache.py).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed

import nbformat
from nbgrader import utils
from nbgrader.converters import Autograde
from tqdm import tqdm
from traitlets import Integer
from traitlets.config import Config, Configurable

from .course import Course
from .execute import SandboxedExecute

_course: Course | None = None


class ParallelGrading(Configurable):
    workers = Integer(0, help="Submissions executed at once; 0 means one per core.").tag(config=True)


def worker_count(course: Course, requested: int | None) -> int:
    configured = requested or ParallelGrading(config=course.config).workers
    return configured or len(os.sched_getaffinity(0))


def _start_worker(root: str) -> None:
    global _course
    os.chdir(root)  # nbgrader resolves the configured paths, a relative gradebook among them, from here
    _course = Course.open(root)


def stage_folder(converter: Autograde, submitted: str, source: str, stage: str) -> None:
    """Fill ``stage`` as Autograde.init_assignment fills the autograded folder, minus the notebooks."""
    ignore = converter.coursedir.ignore + ["*.ipynb"]
    for origin, skip in (
        (submitted, set()),
        (
            source,
            {
                os.path.join(source, name)
                for name in converter.exclude_overwriting.get(converter.coursedir.assignment_id, [])
            },
        ),
    ):
        for filename in sorted(set(utils.find_all_files(origin, ignore)) - skip):
            target = os.path.join(stage, os.path.relpath(filename, origin))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if os.path.exists(target):
                os.remove(target)
            shutil.copy(filename, target)


def execute_ahead(student: str, assignment: str, notebooks: list[str], overrides: dict) -> None:
    """Sanitize and execute one learner's notebooks into the cache (runs in a worker process)."""
    if _course is None:
        raise RuntimeError("execute_ahead runs in a grading worker, opened by _start_worker")
    config = Config(_course.config)
    config.merge(Config(overrides))
    coursedir = _course.coursedir
    coursedir.assignment_id, coursedir.student_id = assignment, student
    converter = Autograde(coursedir=coursedir, config=config)
    converter.exporter = converter.exporter_class(parent=converter, config=converter.config)
    converter._sanitizing = True
    converter._init_preprocessors()
    submitted = coursedir.format_path(coursedir.submitted_directory, student, assignment)
    source = coursedir.format_path(coursedir.source_directory, ".", assignment)
    with tempfile.TemporaryDirectory(prefix="cop-stage-") as stage:
        stage_folder(converter, submitted, source, stage)
        for name in notebooks:
            path = os.path.join(submitted, f"{name}.ipynb")
            resources = converter.init_single_notebook_resources(path)
            sanitized, resources = converter.exporter.from_filename(path, resources=resources)
            resources["metadata"] = {"path": stage, "name": name}
            with utils.setenv(NBGRADER_EXECUTION="autograde"):
                SandboxedExecute(config=config).fill(nbformat.reads(sanitized, as_version=4), resources)


def execute_in_parallel(
    course: Course, assignment: str, jobs: dict[str, list[str]], overrides: dict, workers: int
) -> dict[str, str]:
    """Run every learner's notebooks (``jobs``: student -> notebook names); return errors by learner."""
    errors = {}
    context = multiprocessing.get_context("spawn")  # kernels and event loops do not survive a fork
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(str(course.root),)
    ) as pool:
        futures = {
            pool.submit(execute_ahead, student, assignment, names, overrides): student
            for student, names in sorted(jobs.items())
        }
        for future in tqdm(
            as_completed(futures),
            total=len(futures),
            desc=f"Running {assignment}",
            unit="submission",
            dynamic_ncols=True,
        ):
            if error := future.exception():
                errors[futures[future]] = f"{type(error).__name__}: {error}"
    return errors
