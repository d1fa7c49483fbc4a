"""Shared test fixtures: paths, the rule for system-dependent skips, and one Voilà server per run."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "modules"
FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")

# .ci/run sets this: a missing system part (Chromium, bubblewrap, PostgreSQL) then fails instead of skipping.
REQUIRE_SYSTEM = os.environ.get("COURSE_REQUIRE_SYSTEM") == "1"


# Each test file belongs to one tier of the pyramid (DESIGN.md); `make check` runs the fast tiers.
TIERS = {
    "unit": {
        "test_scenario_model",
        "test_elements_model",
        "test_quiz_model",
        "test_loader_errors",
        "test_store",
        "test_views",
        "test_grading_units",
        "test_lint",
        "test_inbox_limits",
        "test_store_js",
        "test_player_js",
        "test_untrusted_units",
        "test_html_by_construction",
    },
    "content": {"test_content", "test_country_terms", "test_rules"},
    "notebooks": {"test_notebooks"},
    "nbgrader": {
        "test_nbgrader",
        "test_grading_class",
        "test_grading_exchange",
        "test_grading_parallel",
        "test_grading_postgres",
        "test_untrusted_grading",
    },
    "browser": {"test_elements_browser", "test_jupyterlab_browser", "test_voila_browser", "test_hub_browser"},
    "environment": {"test_environment", "test_first_hour"},
}
TIER_OF = {module: tier for tier, modules in TIERS.items() for module in modules}


def pytest_collection_modifyitems(config, items):
    """Mark every test with its file's tier, so `-m "unit or content"` picks the fast loop."""
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1]
        if module not in TIER_OF:
            raise pytest.UsageError(f"{module}.py has no tier in tests/conftest.py TIERS")
        item.add_marker(getattr(pytest.mark, TIER_OF[module]))


@pytest.fixture(autouse=True)
def fresh_learner_store(monkeypatch):
    """Every test starts with no learner store: what one test records never leaks into the next."""
    store = sys.modules.get("cop_widgets.store")
    if store is not None:
        monkeypatch.setattr(store, "_store", None)


def need_system(available: bool, what: str) -> None:
    """Skip when ``what`` is missing on a developer's machine; fail in CI, where it must exist."""
    if available:
        return
    if REQUIRE_SYSTEM:
        pytest.fail(f"{what} is required (COURSE_REQUIRE_SYSTEM=1) but not available")
    pytest.skip(f"{what} not available; set COURSE_REQUIRE_SYSTEM=1 to make this a failure")


def bin_path(name: str) -> str:
    """A console script from this environment (nbgrader, voila, jupyter), found beside python."""
    found = shutil.which(name)
    if not found:
        pytest.fail(f"'{name}' is not on PATH: run the tests through `make test`")
    return found


@pytest.fixture(scope="session")
def chromium_path() -> str:
    need_system(Path(CHROMIUM).exists(), f"Chromium at {CHROMIUM}")
    return CHROMIUM


@pytest.fixture(scope="module")
def browser(chromium_path):
    """The system Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    from .browser import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
