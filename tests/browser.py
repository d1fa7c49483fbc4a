"""Shared Playwright helpers for the browser tests: launch the system Chromium, record problems."""

from __future__ import annotations

import re

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Voilà 0.5's page sends its kernel-shutdown beacon without an XSRF token, so the server refuses
# it (voila issue 1458) and the browser logs the refusal. Culling idle kernels is the remedy (see
# voila.json and the culling test); only this one known refusal is tolerated.
KNOWN_VOILA_BEACON = re.compile(r"(403: |Failed to load resource: the server responded with a status of 403).*")


class Page:
    """A browser page that records console errors and failed requests while a test uses it."""

    def __init__(self, browser_or_context, voila):
        self.page = browser_or_context.new_page()
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

    def open(self, notebook: str):
        self.page.goto(f"{self.voila.url}/voila/render/{notebook}")
        self.page.wait_for_selector("main#course-content", state="attached", timeout=90_000)
        self.page.wait_for_function(
            "document.querySelector('#rendered_cells').style.display !== 'none'", timeout=90_000
        )
        return self.page

    def close(self):
        self.page.close()


def tab_to(page, test_js: str, limit: int = 400) -> None:
    """Press Tab until ``test_js`` (about document.activeElement, as `el`) is true."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({test_js}); }})()"):
            return
    pytest.fail(f"Tab never reached an element where {test_js}")


def axe_serious(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [(v["id"], v["nodes"][0]["target"]) for v in violations if v["impact"] in ("serious", "critical")]


GO_ON = "['Continue', 'See the debrief'].includes(document.activeElement.innerText.trim())"


def play_by_keyboard(p, last_button: str) -> None:
    """Enter on the focused choice, Enter on Continue, until focus lands on ``last_button``."""
    for _ in range(10):
        p.keyboard.press("Enter")
        p.wait_for_function(GO_ON, timeout=15_000)
        p.keyboard.press("Enter")
        p.wait_for_function(f"!({GO_ON})", timeout=15_000)
        if p.evaluate("document.activeElement.innerText.trim()") == last_button:
            return
    pytest.fail(f"never reached '{last_button}'")


def play_by_mouse(scenario, pick: str = "first", chosen: bool = False, timeout: int = 30_000) -> None:
    """Click a choice (the ``pick``: "first" or "last"), then Continue, until the debrief is shown.

    ``chosen``: the test has just clicked a choice of its own, so start with its Continue."""
    for _ in range(12):
        if not chosen:
            getattr(scenario.locator(".cop-choice"), pick).click(timeout=timeout)
        chosen = False
        go_on = scenario.get_by_role("button", name="Continue").or_(
            scenario.get_by_role("button", name="See the debrief")
        )
        last = go_on.inner_text(timeout=10_000).strip() == "See the debrief"
        go_on.click()
        if last:
            scenario.locator(".cop-debrief").wait_for(timeout=10_000)
            return
    pytest.fail("the scenario never reached its debrief")
