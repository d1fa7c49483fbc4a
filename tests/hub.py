"""A real JupyterHub for the tests, on 127.0.0.1: configurable-http-proxy from npm (installed by
`make setup-test`), local users, each user's single-user server a local process serving their own
copy of the course, with the course's Jupyter configuration (the same file learners get).

Started once per test module, stopped by its own PID. Users log in with the hub's own form
(DummyAuthenticator: any listed user, one shared password; tests only, never a deployment).
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import psutil

from .conftest import ROOT, bin_path
from .servers import Server, free_port, wait_for

PROXY = ROOT / ".venv" / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "course-test-only"  # noqa: S105 - the test hub's DummyAuthenticator, never a deployment


def hub_available() -> str | None:
    """Why the hub cannot start here, or None."""
    if shutil.which("jupyterhub", path=str(Path(sys.executable).parent)) is None:
        return "jupyterhub is not installed (make setup-test)"
    if not PROXY.exists():
        return f"configurable-http-proxy is not installed at {PROXY} (make setup-test)"
    if shutil.which("node") is None:
        return "Node.js (node) is not installed"
    return None


CONFIG = """
import os
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///{state}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{state}/cookie_secret"
c.JupyterHub.pid_file = "{state}/jupyterhub.pid"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = set({users!r})
c.JupyterHub.spawner_class = "simple"
c.Spawner.notebook_dir = "{homes}/{{username}}"
c.LocalProcessSpawner.home_dir_template = "{homes}/{{username}}"
c.Spawner.default_url = "/voila/render/00_start_here.ipynb"
c.Spawner.args = ["--allow-root"]  # everything else is the course's committed configuration
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# Trainers are a hub group; their servers add the course's trainer set (formgrader, the course list,
# the assignment creator) on top of the learners' configuration, and open at formgrader.
c.JupyterHub.load_groups = {{"trainers": {{"users": {trainers!r}}}}}
TRAINER_CONFIG = {trainer_config!r}


def give_trainers_their_tools(spawner):
    if any(group.name == "trainers" for group in spawner.user.groups):
        spawner.environment["JUPYTER_CONFIG_PATH"] = TRAINER_CONFIG
        spawner.default_url = "/formgrader"


c.Spawner.pre_spawn_hook = give_trainers_their_tools
"""


class HubServer(Server):
    """JupyterHub with local users ``users``, each served a copy of modules/ in their own home; the
    ``trainers`` among them are in the hub's trainers group."""

    def __init__(self, folder: Path, users: list[str], trainers: tuple[str, ...] = ()) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        state, homes = folder / "state", folder / "homes"
        state.mkdir(parents=True)
        for user in users:
            shutil.copytree(ROOT / "modules", homes / user, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        config = state / "jupyterhub_config.py"
        config.write_text(
            CONFIG.format(
                port=self.port,
                hub_port=free_port(),
                proxy_api_port=free_port(),
                proxy=str(PROXY),
                state=state,
                password=PASSWORD,
                users=users,
                homes=homes,
                trainers=list(trainers),
                trainer_config=str(ROOT / "etc" / "jupyter-trainer"),
            )
        )
        self.log_path = folder / "hub.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        env = dict(
            os.environ,
            CONFIGPROXY_AUTH_TOKEN=secrets.token_hex(16),
            PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        )
        self.process = subprocess.Popen(
            [bin_path("jupyterhub"), "-f", str(config)], cwd=state, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        wait_for(self.url + "/hub/api/", seconds=90)

    def stop(self) -> None:
        """The hub stops the single-user servers and the proxy it started; any left are stopped by PID."""
        started = psutil.Process(self.process.pid).children(recursive=True)
        super().stop()
        for process in started:
            if process.is_running():
                process.kill()
