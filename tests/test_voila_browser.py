"""Voilà serves the modules and nothing else; real Chromium plays a scenario by keyboard and by mouse;
axe-core finds no serious or critical violation; the console stays clean; idle kernels are culled."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request

import pytest

from .course_files import module_notebooks
from .servers import VoilaServer

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
MODULES = [p.name for p in module_notebooks()]
# Voilà 0.5's page sends its kernel-shutdown beacon without an XSRF token, so the server refuses
# it (voila issue 1458) and the browser logs the refusal. Culling idle kernels is the remedy (see
# voila.json and the last test here); only this one known refusal is tolerated.
KNOWN_VOILA_BEACON = re.compile(r"(403: |Failed to load resource: the server responded with a status of 403).*")


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    server = VoilaServer(tmp_path_factory.mktemp("voila") / "voila.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Page:
    """A browser page that records console errors and failed requests while a test uses it."""

    def __init__(self, browser, voila):
        self.page = browser.new_page()
        self.voila = voila
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.note(f"console: {m.text}", m.location))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url}"))
        self.page.on("response", lambda r: r.status >= 400 and self.note(f"{r.status}: {r.url}", {"url": r.url}))

    def note(self, problem: str, location: dict) -> None:
        """Record a problem, except the refused shutdown beacon that every Voilà 0.5 page sends."""
        beacon = "/voila/api/shutdown/" in location.get("url", "")
        if beacon and KNOWN_VOILA_BEACON.match(problem.split("console: ")[-1]):
            return
        self.problems.append(problem)

    def open(self, module: str):
        self.page.goto(f"{self.voila.url}/voila/render/{module}")
        self.page.wait_for_selector("main#course-content", state="attached", timeout=90_000)
        self.page.wait_for_function("document.querySelector('#rendered_cells').style.display !== 'none'",
                                    timeout=90_000)
        return self.page

    def close(self):
        self.page.close()


@pytest.fixture
def page(browser, voila):
    opened = Page(browser, voila)
    yield opened
    opened.close()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, ""


@pytest.mark.parametrize("module", MODULES)
def test_voila_serves_module_without_sources_or_cdn(voila, module):
    status, html = get(f"{voila.url}/voila/render/{module}")
    assert status == 200
    assert '<main id="course-content">' in html
    assert "cdn.jsdelivr.net" not in html and "fontawesome" not in html
    assert "from cop_widgets import" not in html, "sources must be stripped"


def test_landing_page_is_the_course_start_page(voila):
    status, html = get(voila.url + "/")
    assert status == 200 and "voila/render/00_start_here.ipynb" in html


@pytest.mark.parametrize("path", [
    "/voila/render/../solutions/ex01/ex01_childrens_digital_lives.ipynb",
    "/voila/render/%2E%2E/solutions/ex01/ex01_childrens_digital_lives.ipynb",
    "/voila/files/../solutions/ex01/checks.py",
    "/voila/tree/../solutions",
    "/voila/files/sources.yaml",
    "/voila/files/scenarios/01_parents_evening.yaml",
])
def test_nothing_outside_modules_is_served(voila, path):
    status, html = get(voila.url + path)
    assert status != 200 or ("BEGIN SOLUTION" not in html and "hash_answer" not in html), path
    assert "solutions/ex01" not in html


def test_start_page_link_opens_module_01(page):
    start = page.open("00_start_here.ipynb")
    start.locator('a[href="01_childrens_digital_lives.ipynb"]').first.click()
    start.wait_for_url("**/01_childrens_digital_lives.ipynb", timeout=60_000)
    start.wait_for_selector(".cop-scenario .cop-choice", timeout=90_000)
    assert page.problems == []


def focused_text(p) -> str:
    return p.evaluate("document.activeElement ? document.activeElement.innerText : ''").strip()


def test_scenario_played_to_its_debrief_by_keyboard(page):
    p = page.open("01_childrens_digital_lives.ipynb")
    scenario = p.locator(".cop-scenario").first
    scenario.locator(".cop-choice").first.wait_for(timeout=90_000)
    for _ in range(400):  # Tab from the top of the page to the scenario's first choice
        p.keyboard.press("Tab")
        if p.evaluate("document.activeElement.classList.contains('cop-choice')"):
            break
    else:
        pytest.fail("Tab never reached a scenario choice")
    for _ in range(12):
        p.keyboard.press("Enter")  # take the focused choice
        p.wait_for_function("['Continue', 'See the debrief'].includes(document.activeElement.innerText.trim())")
        last = focused_text(p) == "See the debrief"
        p.keyboard.press("Enter")
        if last:
            break
        p.wait_for_function("document.activeElement.classList.contains('cop-choice')")
    scenario.get_by_text("Debrief:").wait_for(timeout=10_000)
    assert "of a possible" in scenario.inner_text()
    assert focused_text(p) == "Play this scenario again"
    assert page.problems == []


def test_scenario_played_to_its_debrief_by_mouse(page):
    p = page.open("01_childrens_digital_lives.ipynb")
    scenario = p.locator(".cop-scenario").nth(1)
    for _ in range(12):
        scenario.locator(".cop-choice").last.click()
        go_on = scenario.get_by_role("button", name="Continue").or_(
            scenario.get_by_role("button", name="See the debrief"))
        go_on.wait_for(timeout=10_000)
        last = go_on.inner_text().strip() == "See the debrief"
        go_on.click()
        if last:
            break
    scenario.get_by_text("Debrief:").wait_for(timeout=10_000)
    assert page.problems == []


@pytest.mark.parametrize("module", MODULES)
def test_axe_finds_no_serious_or_critical_violation(page, module):
    from axe_playwright_python.sync_playwright import Axe

    p = page.open(module)
    if module != "00_start_here.ipynb":
        p.wait_for_selector(".cop-quiz", timeout=90_000)
    violations = [v for v in Axe().run(p).response["violations"] if v["impact"] in ("serious", "critical")]
    assert violations == [], [(v["id"], v["nodes"][0]["target"]) for v in violations]
    assert page.problems == []


def test_idle_kernels_are_culled_after_pages_close(voila):
    deadline = time.monotonic() + 90
    while voila.kernels() and time.monotonic() < deadline:
        time.sleep(1)
    assert voila.kernels() == [], "kernels left running after every page closed"
    log = voila.log_path.read_text()
    assert log.count("Kernel started") >= 2, "the pages should have started kernels"
    assert "Culling 'idle' kernel" in log
