"""Two teachers on one school computer, on a JupyterHub without per-user subdomains (one origin for
everyone): each sees only their own kept progress, and progress an earlier page kept on that origin
under no user's name is set aside for its owner, never handed to whoever loads first. A trainer,
in the hub's trainers group, gets formgrader; a teacher does not."""

from __future__ import annotations

import json

import pytest

from .browser import play_by_mouse
from .conftest import need_system
from .hub import PASSWORD, HubServer, hub_available

pytestmark = [pytest.mark.browser, pytest.mark.slow]
UNCLAIMED_RECORD = {
    "version": 1,
    "elements": {
        "scenario:02_diet_feed": {
            "kind": "scenario",
            "outcome": "secure",
            "date": "2026-11-01",
            "course_version": "0.2.0",
        }
    },
}


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    problem = hub_available()
    need_system(problem is None, problem or "JupyterHub")
    server = HubServer(tmp_path_factory.mktemp("hub"), ["alice", "bob", "tess"], trainers=("tess",))
    yield server
    server.stop()


def log_in(page, hub: HubServer, user: str) -> None:
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{user}/**", timeout=180_000)


def open_page(page, hub: HubServer, user: str, notebook: str):
    page.goto(f"{hub.url}/user/{user}/voila/render/{notebook}")
    page.locator(".cop-element").first.wait_for(timeout=120_000)
    return page


def test_two_teachers_on_one_computer_never_see_each_others_progress(browser, hub):
    context = browser.new_context()  # one browser profile: a shared school computer
    page = context.new_page()
    page.goto(f"{hub.url}/hub/login")
    page.evaluate(f"localStorage.setItem('cop-course/v1', {json.dumps(json.dumps(UNCLAIMED_RECORD))})")

    log_in(page, hub, "alice")
    open_page(page, hub, "alice", "01_childrens_digital_lives.ipynb")
    play_by_mouse(page.locator(".cop-scenario").first)
    progress = open_page(page, hub, "alice", "00_start_here.ipynb").locator(".cop-progress")
    progress.get_by_text("Scenario 01_parents_evening: done").wait_for(timeout=60_000)
    progress.get_by_text("may be someone else's").wait_for(timeout=30_000)
    assert "Scenario 02_diet_feed: not yet" in progress.inner_text(), "unclaimed progress is never shown"
    assert progress.get_by_role("button", name="Download the set-aside progress (JSON)").is_visible()

    page.goto(f"{hub.url}/hub/logout")
    log_in(page, hub, "bob")
    progress = open_page(page, hub, "bob", "00_start_here.ipynb").locator(".cop-progress")
    progress.get_by_text("Scenario 01_parents_evening: not yet").wait_for(timeout=60_000)
    assert "Scenario 02_diet_feed: not yet" in progress.inner_text()
    keys = set(page.evaluate("Object.keys(localStorage)"))
    assert "cop-course/v1/user/alice" in keys and "cop-course/v1" not in keys, keys
    assert "scenario:01_parents_evening" in page.evaluate("localStorage.getItem('cop-course/v1/user/alice')")
    context.close()


def test_a_trainer_lands_on_formgrader_and_a_teacher_cannot_open_it(browser, hub):
    """Roles from the hub's groups: the trainers group gets etc/jupyter-trainer; teachers get 404."""
    trainer = browser.new_context().new_page()
    log_in(trainer, hub, "tess")
    assert "/user/tess/formgrader" in trainer.url, "a trainer's server opens at formgrader"
    response = trainer.goto(f"{hub.url}/user/tess/formgrader")
    assert response.status == 200
    trainer.context.close()
    teacher = browser.new_context().new_page()
    log_in(teacher, hub, "alice")
    assert teacher.goto(f"{hub.url}/user/alice/formgrader").status == 404
    assert teacher.goto(f"{hub.url}/user/alice/voila/render/00_start_here.ipynb").status == 200
    teacher.context.close()
