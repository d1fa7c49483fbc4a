"""Run each grading kernel inside bubblewrap, because a submission is someone else's code.

The kernel sees its own submission folder (read-write, always at /submission so that outputs and
tracebacks do not depend on where the course lives), the Python it runs on and a few system files
(read-only), an empty /tmp and home, and nothing else: not the gradebook, not the other learners'
work, not the instructor's source with its hidden tests. It has no network (it talks to the grader
over Unix sockets in a private folder instead of TCP), no capabilities, runs as `nobody` in its own
user, PID and IPC namespaces, dies with its grader and has a memory ceiling.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from traitlets import Integer, List, Unicode

SUBMISSION_DIR = "/submission"
HOME_DIR = "/home/learner"
NOBODY = "65534"

# System folders a Python kernel needs; /etc only file by file, since it holds secrets
# (/etc/shadow, private keys) that the owner (root, which the kernel maps to) could read.
SYSTEM_DIRS = ("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin")
ETC_FILES = (
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "localtime",
    "timezone",
    "nsswitch.conf",
    "passwd",
    "group",
    "hosts",
    "mime.types",
    "fonts",
    "ssl/certs",
    "ca-certificates",
)
# Environment that passes into the sandbox; everything else (tokens, PGPASSWORD, ...) stays out.
PASSED_ENV = ("NBGRADER_EXECUTION", "LANG", "TZ")


class SandboxUnavailable(RuntimeError):
    """Grading must not run a submission unsandboxed unless the trainer said so explicitly."""


def python_dirs() -> list[str]:
    """Where this interpreter and its packages live (a venv and the Python it was made from)."""
    places = {
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        sys.base_exec_prefix,
        str(Path(os.path.realpath(sys.executable)).parent.parent),
        sysconfig.get_paths()["purelib"],
    }
    outer = [p for p in places if p and not any(p.startswith(other + "/") for other in [*places, *SYSTEM_DIRS])]
    return sorted(set(outer))


def sandbox_command(
    command: list[str], work_dir: str, runtime_dir: str, *, memory_mb: int, read_only: Sequence[str] = ()
) -> list[str]:
    """bwrap arguments that run ``command`` with ``work_dir`` as /submission and nothing else of the host."""
    args = [
        bwrap_path(),
        "--unshare-all",
        "--uid",
        NOBODY,
        "--gid",
        NOBODY,
        "--cap-drop",
        "ALL",
        "--die-with-parent",
        "--new-session",
        "--clearenv",
    ]
    for folder in SYSTEM_DIRS:
        if os.path.islink(folder):
            args += ["--symlink", os.readlink(folder), folder]
        elif os.path.isdir(folder):
            args += ["--ro-bind", folder, folder]
    for name in ETC_FILES:
        args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    # Empty /tmp and /home first: the Python environment often lives below one of them (a venv in
    # the trainer's home), and a later mount would hide it.
    args += [
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--tmpfs",
        "/tmp",  # noqa: S108 - an empty tmpfs inside the sandbox
        "--tmpfs",
        "/home",
        "--dir",
        HOME_DIR,
    ]
    for folder in [*python_dirs(), *read_only]:
        args += ["--ro-bind", folder, folder]
    args += [
        "--bind",
        work_dir,
        SUBMISSION_DIR,
        "--bind",
        runtime_dir,
        runtime_dir,
        "--remount-ro",
        "/",
        "--chdir",
        SUBMISSION_DIR,
    ]
    path = os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"])
    env = {
        "HOME": HOME_DIR,
        "PATH": path,
        "PYTHONNOUSERSITE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "MPLBACKEND": "agg",
        "USER": "learner",
    }
    env.update({name: os.environ[name] for name in PASSED_ENV if name in os.environ})
    for name, value in sorted(env.items()):
        args += ["--setenv", name, value]
    limit = str(memory_mb * 1024 * 1024)
    return [*args, "--", shutil.which("prlimit") or "/usr/bin/prlimit", f"--as={limit}", "--core=0", *command]


def bwrap_path() -> str:
    return shutil.which("bwrap") or "/usr/bin/bwrap"


def why_unavailable() -> str | None:
    """None when the sandbox works here, else the reason in a sentence (checked by really using it)."""
    if not shutil.which("bwrap"):
        return (
            "bubblewrap (bwrap) is not installed; install it (Debian/Ubuntu: apt-get install bubblewrap) "
            "so that submissions cannot read the gradebook or other learners' work"
        )
    with tempfile.TemporaryDirectory() as work, tempfile.TemporaryDirectory() as runtime:
        probe = sandbox_command([sys.executable, "-c", "print('ok')"], work, runtime, memory_mb=1024)
        done = subprocess.run(probe, capture_output=True, text=True, timeout=60)
    if done.returncode != 0 or done.stdout.strip() != "ok":
        return f"bubblewrap is installed but cannot start a sandbox here: {done.stderr.strip()[-400:]}"
    return None


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels run in the sandbox and talk over Unix sockets in a private folder."""

    memory_limit_mb = Integer(4096, help="Address-space ceiling for a grading kernel, in MiB.").tag(config=True)
    read_only_paths = List(Unicode(), help="Extra host folders a kernel may read (e.g. a shared data set).").tag(
        config=True
    )

    def __init__(self, **kwargs):
        # Unix sockets need no network; the folder holding them and the connection file is the
        # only channel between grader and kernel, and is removed with the kernel.
        self._runtime_dir = tempfile.mkdtemp(prefix="cop-kernel-")
        kwargs.setdefault("transport", "ipc")
        kwargs.setdefault("connection_file", os.path.join(self._runtime_dir, "kernel.json"))
        kwargs.setdefault("ip", os.path.join(self._runtime_dir, "ipc"))
        super().__init__(**kwargs)

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        command = super().format_kernel_cmd(extra_arguments)
        # Set by pre_start_kernel; jupyter_client types the values as traitlets.Any, the trait class.
        launch: dict[str, Any] | None = self._launch_args
        if launch is None:
            raise RuntimeError("no launch arguments: a kernel command is made only as the kernel starts")
        work_dir = os.path.realpath(launch.get("cwd") or os.getcwd())
        return sandbox_command(
            command, work_dir, self._runtime_dir, memory_mb=self.memory_limit_mb, read_only=list(self.read_only_paths)
        )

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        # What a submission prints to the kernel's own stdout/stderr is its business, not the grader's terminal.
        kw.update(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        await super()._async_launch_kernel(kernel_cmd, **kw)

    async def _async_interrupt_kernel(self) -> None:
        # The kernel runs in its own session, out of reach of a signal to the sandbox's process
        # group; ipykernel interrupts itself on a control-channel request instead.
        if not self.has_kernel:
            return await super()._async_interrupt_kernel()
        self._connect_control_socket()
        self.session.send(self._control_socket, self.session.msg("interrupt_request", content={}))

    interrupt_kernel = _async_interrupt_kernel

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(self._runtime_dir, ignore_errors=True)

    cleanup_resources = _async_cleanup_resources
