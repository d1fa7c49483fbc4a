"""Voilà serves the modules and nothing else; real Chromium plays a scenario by keyboard and by mouse;
axe-core finds no serious or critical violation; the console stays clean; idle kernels are culled."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest

from .browser import Page, axe_serious, play_by_keyboard, play_by_mouse, tab_to
from .course_files import module_notebooks
from .servers import VoilaServer

pytestmark = pytest.mark.browser

MODULES = [p.name for p in module_notebooks()]


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    server = VoilaServer(tmp_path_factory.mktemp("voila") / "voila.log")
    yield server
    server.stop()


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


@pytest.mark.parametrize(
    "path",
    [
        "/voila/render/../solutions/ex01/ex01_childrens_digital_lives.ipynb",
        "/voila/render/%2E%2E/solutions/ex01/ex01_childrens_digital_lives.ipynb",
        "/voila/files/../solutions/ex01/checks.py",
        "/voila/tree/../solutions",
        "/voila/files/sources.yaml",
        "/voila/files/scenarios/01_parents_evening.yaml",
    ],
)
def test_nothing_outside_modules_is_served(voila, path):
    status, html = get(voila.url + path)
    assert status != 200 or ("BEGIN SOLUTION" not in html and "hash_answer" not in html), path
    assert "solutions/ex01" not in html


def test_start_page_link_opens_module_01(page):
    start = page.open("00_start_here.ipynb")
    # Let the page's widgets finish drawing first: a widget still rendering when the link closes the
    # kernel connection logs "Cannot send" in the old page, a race of the test's speed, not a fault.
    start.locator(".cop-progress").get_by_text("Module 01").first.wait_for(timeout=90_000)
    start.locator(".cop-rules").wait_for(timeout=90_000)
    start.locator('a[href="01_childrens_digital_lives.ipynb"]').first.click()
    start.wait_for_url("**/01_childrens_digital_lives.ipynb", timeout=60_000)
    start.wait_for_selector(".cop-scenario .cop-choice", timeout=90_000)
    assert page.problems == []


def test_scenario_played_to_its_debrief_by_keyboard(page):
    p = page.open("01_childrens_digital_lives.ipynb")
    scenario = p.locator(".cop-scenario").first
    scenario.locator(".cop-choice").first.wait_for(timeout=90_000)
    tab_to(p, "el.classList.contains('cop-choice')")  # from the top of the page to the first choice
    play_by_keyboard(p, "Play this scenario again")
    scenario.get_by_text("Debrief:").wait_for(timeout=10_000)
    assert "Your outcome:" in scenario.inner_text()
    assert page.problems == []


def test_scenario_played_to_its_debrief_by_mouse(page):
    p = page.open("01_childrens_digital_lives.ipynb")
    scenario = p.locator(".cop-scenario").nth(1)
    scenario.locator(".cop-choice").last.wait_for(timeout=90_000)
    play_by_mouse(scenario, "last")
    scenario.get_by_text("Debrief:").wait_for(timeout=10_000)
    assert page.problems == []


def test_a_rule_breaking_path_is_named_and_never_ends_well(page):
    """Module 08's first scenario, played by mouse: put off telling the lead until tomorrow, then the
    strongest choice at every later step; the debrief still names the broken rule."""
    p = page.open("08_when_a_child_tells_you.ipynb")
    scenario = p.locator(".cop-scenario").first
    scenario.locator(".cop-choice", has_text="tomorrow").click(timeout=90_000)
    scenario.get_by_text("This breaks a safeguarding rule").wait_for(timeout=10_000)
    play_by_mouse(scenario, "first", chosen=True)
    text = scenario.locator(".cop-debrief").inner_text()
    assert "A safeguarding rule was broken on this path" in text
    assert "Safeguarding rules broken on this path" in text and "Pass a concern on at once" in text
    assert "Your outcome: Misconception" in text
    assert page.problems == []


@pytest.mark.parametrize("module", MODULES)
def test_axe_finds_no_serious_or_critical_violation(page, module):
    p = page.open(module)
    if module != "00_start_here.ipynb":
        p.wait_for_selector(".cop-quiz", timeout=90_000)
    assert axe_serious(p) == []
    assert page.problems == []


def test_idle_kernels_are_culled_after_pages_close(voila):
    deadline = time.monotonic() + 90
    while voila.kernels() and time.monotonic() < deadline:
        time.sleep(1)
    assert voila.kernels() == [], "kernels left running after every page closed"
    log = voila.log_path.read_text()
    assert log.count("Kernel started") >= 2, "the pages should have started kernels"
    assert "Culling 'idle' kernel" in log


@pytest.mark.parametrize("query", ["template=lab", "theme=dark"])
def test_a_url_cannot_swap_the_course_template_or_theme(voila, query):
    status, html = get(f"{voila.url}/voila/render/00_start_here.ipynb?{query}")
    assert status == 200 and '<main id="course-content">' in html
    assert "cdn.jsdelivr.net" not in html and "theme-dark" not in html


def test_pages_carry_a_policy_that_keeps_them_on_their_own_origin(voila):
    with urllib.request.urlopen(f"{voila.url}/voila/render/00_start_here.ipynb", timeout=60) as response:
        policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy and "object-src 'none'" in policy


HOSTILE_SCRIPT = "top.__pwned=(top.__pwned||0)+1"
GOOD_SCENARIO = {
    "kind": "scenario",
    "outcome": "secure",
    "ending": "good_start",
    "date": "2026-11-01",
    "course_version": "0.2.0",
}
HOSTILE_KEPT = {
    "version": 1,
    "elements": {
        "scenario:01_parents_evening": GOOD_SCENARIO,
        "quiz:10_final_check": {
            "kind": "quiz",
            "score": f"<img src=x onerror={HOSTILE_SCRIPT}>",
            "total": 27,
            "passed": True,
            "date": "2026-11-01",
        },
        "sort:06_screen_quality": {"kind": "sort", "score": 1, "total": "<svg onload=alert(1)>", "date": "2026-11-01"},
        "completion": {"kind": "completion", "name": f"<img src=x onerror={HOSTILE_SCRIPT}>", "date": "2026-11-01"},
    },
}


def test_hostile_kept_data_runs_no_script_and_is_set_aside_with_a_message(page):
    import json

    page.page.add_init_script(
        "if (!sessionStorage.getItem('seeded')) {"
        f" localStorage.setItem('cop-course/v1', {json.dumps(json.dumps(HOSTILE_KEPT))});"
        " sessionStorage.setItem('seeded', '1'); }"
    )
    for module in ("00_start_here.ipynb", "10_final_check.ipynb"):
        p = page.open(module)
        p.locator(".cop-element").first.wait_for(timeout=90_000)
        if module == "00_start_here.ipynb":
            progress = p.locator(".cop-progress")
            progress.get_by_text("did not look like this course's data").wait_for(timeout=30_000)
            assert "Scenario 01_parents_evening: done (Secure)" in progress.inner_text()
            assert "Knowledge check 10_final_check: not yet" in progress.inner_text()
        else:
            p.get_by_text("Locked:").first.wait_for(timeout=30_000)
        p.wait_for_timeout(1000)
        assert p.evaluate("() => window.__pwned") is None, f"a kept value ran as script on {module}"
    assert page.problems == []


def test_a_hostile_import_file_runs_no_script_and_keeps_what_fits(page, tmp_path):
    import json

    hostile = tmp_path / "my-data.json"
    hostile.write_text(json.dumps(HOSTILE_KEPT))
    p = page.open("00_start_here.ipynb")
    progress = p.locator(".cop-progress")
    progress.locator("input[type=file]").set_input_files(str(hostile), timeout=90_000)
    progress.get_by_text("Imported 2 records. 2 did not look like this course's data").wait_for(timeout=30_000)
    progress.get_by_text("Scenario 01_parents_evening: done (Secure)").wait_for(timeout=30_000)
    p.wait_for_timeout(1000)
    assert p.evaluate("() => window.__pwned") is None
    assert page.problems == []
