"""Start and stop the real servers the browser tests use, on 127.0.0.1, by their own PID."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import psutil

from .conftest import ROOT, bin_path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


class Server:
    """A server process this test run started; stopped by its own PID, its log kept for the tests."""

    process: subprocess.Popen
    log: object

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class VoilaServer(Server):
    """`voila modules/` with the course's voila.json, idle kernels culled after a few seconds."""

    def __init__(self, log_path: Path, cull_after: int = 6, folder: str = "modules/") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ)
        self.log_path = log_path
        self.log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                bin_path("voila"),
                folder,
                f"--port={self.port}",
                "--no-browser",
                f"--MappingKernelManager.cull_idle_timeout={cull_after}",
                "--MappingKernelManager.cull_interval=2",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for(self.url + "/")

    def kernels(self) -> list[psutil.Process]:
        """Kernel processes this server started (ipykernel children)."""
        alive = []
        for child in psutil.Process(self.process.pid).children(recursive=True):
            try:  # a culled kernel may linger briefly as a zombie until Voilà reaps it: not running
                if child.status() != psutil.STATUS_ZOMBIE and "ipykernel" in " ".join(child.cmdline()):
                    alive.append(child)
            except (psutil.NoSuchProcess, psutil.ZombieProcess):
                continue
        return alive


class JupyterLabServer(Server):
    """JupyterLab on 127.0.0.1 without a token, serving ``root`` (a scratch copy), for one test run."""

    def __init__(self, root: Path, log_path: Path, trainer: bool = False) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # Draw every cell (no windowing), so a test can find any output without scrolling.
        settings = log_path.parent / "lab-settings"
        tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
        tracker.parent.mkdir(parents=True, exist_ok=True)
        tracker.write_text('{"windowingMode": "none"}')
        env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings))
        if trainer:  # the trainer's set of extensions on top of the learner's, as `make trainer` runs it
            env["JUPYTER_CONFIG_PATH"] = str(ROOT / "etc" / "jupyter-trainer")
        self.log_path = log_path
        self.log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                bin_path("jupyter"),
                "lab",
                "--no-browser",
                "--allow-root",
                "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={self.port}",
                "--IdentityProvider.token=",
                "--ServerApp.password=",
                f"--ServerApp.root_dir={root}",
            ],
            cwd=root,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for(self.url + "/api/status", seconds=90)
