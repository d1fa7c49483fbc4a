"""nbgrader's Execute, made fit for untrusted submissions and for parallel grading.

Configured in place of `nbgrader.preprocessors.Execute` in `Autograde.autograde_preprocessors`, so
that plain `nbgrader autograde`, formgrader's autograde button and `cop-grade` all run submissions
the same way:

- each kernel runs in the bubblewrap sandbox (see sandbox.py), or grading refuses to run;
- a cell's output is cut after `max_output_chars`, so a cell printing megabytes cannot fill the
  grader's memory or the feedback;
- a kernel that dies, or a cell that ignores the interrupt after its timeout, ends the run with
  an error in that cell and in every cell after it, so that no test that did not run is credited;
- links and special files the code made in its folder are removed, since nbgrader would later
  follow them when copying the folder (into feedback, for instance);
- with `cache_dir` set (by cop-grade, per run) a notebook already executed by a parallel worker
  is taken from the cache instead of being run again (see cache.py).
"""

from __future__ import annotations

import functools
import os
import stat

from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer, Unicode

from .cache import Entry, ExecutionCache, execution_key, folder_changes, folder_state, replay_changes
from .sandbox import SandboxedKernelManager, SandboxUnavailable, why_unavailable

OUTPUT_CUT = "[Output cut: this cell printed more than {limit} characters.]"
KERNEL_DIED = "KernelDied"
CELL_DID_NOT_STOP = "CellDidNotStop"
NOT_RUN = "NotRun"
NOTES_KEY = "cop_grading"


@functools.cache
def sandbox_problem() -> str | None:
    return why_unavailable()


def error_output(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


def remove_links_and_special_files(folder: str) -> list[str]:
    """Delete what is not a plain file or folder, and say what was deleted."""
    notes = []
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(root, name)
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode) or not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                os.unlink(path)
                notes.append(
                    f"made '{os.path.relpath(path, folder)}', a link or special file, in its folder "
                    "(removed: it could point the grader at files outside the folder)"
                )
    return notes


class SandboxedExecute(Execute):
    sandbox = Bool(
        True,
        help=(
            "Run each grading kernel in the bubblewrap sandbox. Set to False only where no sandbox can be had "
            "and every submission is trusted: the code can then read and change anything the grader can."
        ),
    ).tag(config=True)
    cache_dir = Unicode("", help="Execution cache filled by cop-grade's parallel workers (set per run).").tag(
        config=True
    )
    max_output_chars = Integer(100_000, help="Characters of output kept per cell; the rest is cut.").tag(config=True)

    def settings(self) -> dict:
        """Everything besides the notebook and its folder that changes what an execution produces."""
        kernel = {k: str(v) for k, v in self.config.get("SandboxedKernelManager", {}).items()}
        return {
            "timeout": self.timeout,
            "interrupt": self.interrupt_on_timeout,
            "sandbox": self.sandbox,
            "max_output_chars": self.max_output_chars,
            "extra_arguments": list(self.extra_arguments),
            "kernel": kernel,
            "format": 1,
        }

    def preprocess(self, nb, resources=None, km=None):
        folder = resources["metadata"]["path"]
        if self.cache_dir:
            cache = ExecutionCache(self.cache_dir)
            entry = cache.load(execution_key(nb, folder, self.settings()))
            if entry is not None:
                for cell, executed in zip(nb.cells, entry.notebook.cells, strict=True):
                    if "id" in cell:
                        executed["id"] = cell["id"]
                replay_changes(entry, folder)
                resources.setdefault(NOTES_KEY, {})["notes"] = entry.notes
                return entry.notebook, resources
            nbgrader = resources.get("nbgrader", {})
            cache.record_miss(f"{nbgrader.get('student')}+{nbgrader.get('notebook')}")
        return self.run(nb, resources, km)

    def fill(self, nb, resources) -> None:
        """Execute ``nb`` and store the result in the cache, as a parallel worker does."""
        key = execution_key(nb, resources["metadata"]["path"], self.settings())
        cache = ExecutionCache(self.cache_dir)
        if cache.load(key) is None:
            self.run(nb, resources, None, store=(cache, key))

    def run(self, nb, resources, km, store: tuple[ExecutionCache, str] | None = None):
        folder = resources["metadata"]["path"]
        if self.sandbox and (problem := sandbox_problem()):
            raise SandboxUnavailable(
                f"{problem}. Grading refuses to run submissions unsandboxed unless "
                "SandboxedExecute.sandbox is set to False."
            )
        self.kernel_manager_class = SandboxedKernelManager if self.sandbox else AsyncKernelManager
        before = folder_state(folder)
        self._cell_index = 0
        self._output_size: dict[int, int] = {}  # characters of output kept so far, by cell index
        try:
            nb, resources = super().preprocess(nb, resources, km)
        except (DeadKernelError, CellTimeoutError) as err:
            self.stop_cells(nb, self._cell_index, err)
        notes = remove_links_and_special_files(folder)
        resources.setdefault(NOTES_KEY, {})["notes"] = notes
        if store:
            cache, key = store
            cache.store(key, Entry(nb, *folder_changes(before, folder), notes))
        return nb, resources

    def preprocess_cell(self, cell, resources, index):
        self._cell_index = index
        return super().preprocess_cell(cell, resources, index)

    def stop_cells(self, nb, index: int, err: Exception) -> None:
        """Score nothing that did not run: the stopping cell and every code cell after it get an error.

        What the stopping cell printed before the kernel stopped, and whether its number arrived, is a
        race with the kernel's end; both are dropped so that every run of the same notebook agrees.
        """
        if isinstance(err, DeadKernelError):
            reason = (
                KERNEL_DIED,
                "The Python kernel stopped while running this cell (the code ended its own "
                "process or used too much memory). The cells below were not run.",
            )
        else:
            reason = (
                CELL_DID_NOT_STOP,
                f"This cell ran longer than {self.timeout} s and did not stop when "
                "interrupted. The cells below were not run.",
            )
        code_cells = [cell for cell in nb.cells[index:] if cell.cell_type == "code"]
        for number, cell in enumerate(code_cells):
            cell.execution_count = None
            cell.outputs = [
                error_output(*reason)
                if number == 0
                else error_output(NOT_RUN, "Not run: an earlier cell stopped the kernel.")
            ]

    def output(self, outs, msg, display_id, cell_index):
        """Keep at most ``max_output_chars`` of a cell's output, and say so where it was cut."""
        used = self._output_size.get(cell_index, 0)
        if used > self.max_output_chars:
            return None
        out = super().output(outs, msg, display_id, cell_index)
        if out is None:
            return None
        size = len(out.get("text", "")) + sum(len(str(value)) for value in out.get("data", {}).values())
        self._output_size[cell_index] = used + size
        if used + size > self.max_output_chars:
            if out.get("output_type") == "stream":
                out["text"] = out["text"][: max(0, self.max_output_chars - used)]
            else:
                outs.remove(out)
            outs.append(
                NotebookNode(
                    output_type="stream",
                    name="stdout",
                    text="\n" + OUTPUT_CUT.format(limit=self.max_output_chars) + "\n",
                )
            )
        return out
