"""The same elements in real JupyterLab: they render, play, and find the learner's kept data again
after a kernel restart, because it lives in the browser, not the kernel."""

from __future__ import annotations

import json
import re
import shutil
import urllib.error
import urllib.request

import pytest

from .conftest import FIXTURES, ROOT
from .servers import JupyterLabServer

pytestmark = pytest.mark.browser
KEY = "cop-course/v1"


def lab_serving(tmp_path_factory, modules):
    """JupyterLab on a scratch copy of ``modules``, stopped when the test module is done."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(modules, root / "modules")
    server = JupyterLabServer(root / "modules", root / "lab.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    yield from lab_serving(tmp_path_factory, FIXTURES / "modules")


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


@pytest.fixture(scope="module")
def course_lab(tmp_path_factory):
    yield from lab_serving(tmp_path_factory, ROOT / "modules")


def test_a_modules_element_cells_are_locked_folded_and_run_with_run_all(browser, course_lab):
    """A learner cannot delete or change an element's line by accident, and Run All starts them all."""
    p = browser.new_page()
    p.goto(f"{course_lab.url}/lab/tree/07_talking_with_children.ipynb")
    p.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)
    p.wait_for_function("document.querySelectorAll('.jp-Notebook .jp-Cell').length > 20", timeout=60_000)
    cells = p.locator(".jp-Notebook .jp-Cell")
    count = cells.count()
    element = p.locator(".jp-Notebook .jp-CodeCell").nth(1)
    assert element.locator(".jp-InputPlaceholder").count() == 1, "its code is folded away"
    element.locator(".jp-InputPlaceholder").click()
    p.keyboard.press("Escape")
    p.keyboard.press("d")
    p.keyboard.press("d")  # JupyterLab's "delete cell" shortcut
    p.keyboard.press("Enter")
    p.keyboard.type("oops")
    p.wait_for_timeout(500)
    assert cells.count() == count, "a locked cell cannot be deleted"
    assert "oops" not in element.inner_text(), "a locked cell cannot be edited"
    p.get_by_role("menuitem", name="Run", exact=True).click()
    p.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    p.locator(".cop-quiz").wait_for(timeout=120_000)
    assert p.locator(".cop-sort").count() == 1 and p.locator(".cop-conversation").count() >= 1
    p.close()


def page_config(url: str) -> dict:
    with urllib.request.urlopen(f"{url}/lab") as response:
        page = response.read().decode()
    return json.loads(
        re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    )


def test_learners_get_the_learners_extensions_and_no_news_or_update_checks(lab):
    """The committed configuration (etc/jupyter, installed by scripts/install_jupyter_config.py)."""
    disabled = set(page_config(lab.url)["disabledExtensions"])
    assert {
        "@jupyter/nbgrader:formgrader",
        "@jupyter/nbgrader:course-list",
        "@jupyter/nbgrader:create-assignment",
        "@jupyterlab/extensionmanager-extension:plugin",
    } <= disabled
    assert not {"@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:validate-assignment"} & disabled
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{lab.url}/formgrader")
    assert refused.value.code == 404
    with urllib.request.urlopen(f"{lab.url}/lab/api/settings/@jupyterlab/apputils-extension:notification") as response:
        defaults = json.loads(response.read())["schema"]["properties"]  # overrides.json sets the defaults
    assert defaults["fetchNews"]["default"] == "false" and defaults["checkForUpdates"]["default"] is False


def test_the_same_server_serves_the_voila_pages_with_the_course_template(lab):
    """One origin, so one record of progress: JupyterLab's own /voila/render, configured as Voilà is."""
    with urllib.request.urlopen(f"{lab.url}/voila/render/99_every_element.ipynb", timeout=120) as response:
        page = response.read().decode()
    assert '<main id="course-content">' in page and "from cop_widgets import" not in page


def test_a_trainers_lab_adds_formgrader(tmp_path):
    server = JupyterLabServer(tmp_path, tmp_path / "lab.log", trainer=True)
    try:
        assert "@jupyter/nbgrader:formgrader" not in page_config(server.url)["disabledExtensions"]
        with urllib.request.urlopen(f"{server.url}/formgrader") as response:
            assert response.status == 200
    finally:
        server.stop()
