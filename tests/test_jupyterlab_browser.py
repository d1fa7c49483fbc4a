"""The same elements in real JupyterLab: they render, play, and find the learner's kept data again
after a kernel restart, because it lives in the browser, not the kernel."""

from __future__ import annotations

import shutil

import pytest

from .conftest import FIXTURES
from .servers import JupyterLabServer

pytestmark = pytest.mark.browser
KEY = "cop-course/v1"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(FIXTURES / "modules", root / "modules")
    server = JupyterLabServer(root / "modules", root / "lab.log")
    yield server
    server.stop()


def to_top(p) -> None:
    """Wait for the last element's output, then bring the first scenario into view."""
    p.locator(".cop-completion").wait_for(state="attached", timeout=120_000)
    p.locator(".cop-scenario").scroll_into_view_if_needed()


def run_all(p) -> None:
    p.get_by_role("menuitem", name="Run", exact=True).click()
    p.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    to_top(p)


def restart_and_run_all(p) -> None:
    p.get_by_role("menuitem", name="Kernel", exact=True).click()
    p.get_by_role("menuitem", name="Restart Kernel and Run All Cells…").click()
    p.get_by_role("button", name="Confirm Kernel Restart").click()
    p.locator(".cop-completion").wait_for(state="detached", timeout=60_000)
    to_top(p)


def test_elements_work_in_jupyterlab_and_survive_a_kernel_restart(browser, lab):
    context = browser.new_context()
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.goto(f"{lab.url}/lab/tree/99_every_element.ipynb")
    p.wait_for_selector(".jp-Notebook", timeout=120_000)
    p.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)
    run_all(p)
    scenario = p.locator(".cop-scenario")
    scenario.locator(".cop-choice").first.wait_for(timeout=120_000)
    scenario.locator(".cop-choice").nth(1).click()  # the short path: one choice to the end
    scenario.get_by_role("button", name="See the debrief").click()
    scenario.get_by_text("Your outcome: Misconception").wait_for(timeout=30_000)
    p.wait_for_function(f"(localStorage.getItem('{KEY}') || '').includes('fixture_walk')", timeout=30_000)
    restart_and_run_all(p)
    p.locator(".cop-scenario .cop-saved").wait_for(timeout=120_000)
    assert "with the outcome Misconception" in p.locator(".cop-scenario .cop-saved").inner_text()
    assert errors == []
    context.close()
