"""Every interactive element in Voilà with real Chromium: played by keyboard to its end, result
shown, state kept in the learner's browser across reloads, axe-core clean; and the learner's
data controls: export, interrupted write, delete, two learners on one server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .browser import Page, axe_serious, play_by_keyboard, tab_to
from .servers import VoilaServer

pytestmark = pytest.mark.browser
NOTEBOOK = "99_every_element.ipynb"
KEY = "cop-course/v1"


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    server = VoilaServer(tmp_path_factory.mktemp("voila") / "voila.log", folder="tests/fixtures/modules/")
    yield server
    server.stop()


@pytest.fixture
def learner(browser):
    """One learner: a fresh browser profile (its own storage), closed after the test."""
    context = browser.new_context(accept_downloads=True)
    yield context
    context.close()


def open_page(learner, voila) -> tuple[Page, object]:
    page = Page(learner, voila)
    p = page.open(NOTEBOOK)
    p.wait_for_selector(".cop-completion", timeout=90_000)
    p.wait_for_selector(".cop-store", state="attached", timeout=30_000)
    return page, p


def kept(p) -> dict:
    text = p.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(text)["elements"] if text else {}


def test_every_element_renders_without_serious_accessibility_problems(learner, voila):
    page, p = open_page(learner, voila)
    for css in (
        ".cop-scenario",
        ".cop-quiz",
        ".cop-conversation",
        ".cop-sort",
        ".cop-reflection",
        ".cop-routes",
        ".cop-progress",
        ".cop-completion",
    ):
        assert p.locator(css).count() >= 1, css
    assert axe_serious(p) == []
    assert page.problems == []


def test_scenario_and_conversation_by_keyboard_then_kept_after_reload(learner, voila):
    page, p = open_page(learner, voila)
    tab_to(p, "el.classList.contains('cop-choice') && el.closest('.cop-scenario')")
    play_by_keyboard(p, "Play this scenario again")
    scenario = p.locator(".cop-scenario")
    assert "Your outcome: Developing" in scenario.inner_text()  # first choices: secure, developing, secure
    tab_to(p, "el.classList.contains('cop-choice') && el.closest('.cop-conversation')")
    conversation = p.locator(".cop-conversation")
    assert "2 of 4" in conversation.locator(".cop-meter").inner_text()
    play_by_keyboard(p, "Practise this conversation again")
    conversation.get_by_text("Your duty, whatever the ending").wait_for()
    assert "A good ending" in conversation.inner_text()
    assert set(kept(p)) >= {"scenario:fixture_walk", "conversation:fixture_talk"}
    p.reload()
    p.wait_for_selector(".cop-saved", timeout=90_000)
    assert "with the outcome Developing" in p.locator(".cop-scenario .cop-saved").inner_text()
    assert "a good ending" in p.locator(".cop-conversation .cop-saved").inner_text()
    assert page.problems == []


def test_quiz_and_sort_by_keyboard_unlock_the_completion_record(learner, voila):
    page, p = open_page(learner, voila)
    quiz = p.locator(".cop-quiz")
    tab_to(p, "el.type === 'radio' && el.closest('.cop-quiz')")
    p.keyboard.press("Space")  # the first option, "Right"
    tab_to(p, "el.innerText && el.innerText.trim() === 'Check answer'")
    p.keyboard.press("Enter")
    p.wait_for_function("document.activeElement.innerText.trim() === 'Next question'")
    p.keyboard.press("Enter")
    for _ in range(2):
        tab_to(p, "el.type === 'checkbox' && el.closest('.cop-quiz')")
        p.keyboard.press("Space")
    tab_to(p, "el.innerText && el.innerText.trim() === 'Check answer'")
    p.keyboard.press("Enter")
    p.wait_for_function("document.activeElement.innerText.trim() === 'See your result'")
    p.keyboard.press("Enter")
    quiz.get_by_text("Your score: 2 of 2. Passed").wait_for()

    for letter in ("F", "T", "F"):  # type-ahead picks Fruit, Tool, Fruit in each focused drop-down
        tab_to(p, "el.tagName === 'SELECT' && el.closest('.cop-sort') && el.selectedIndex === 0", limit=20)
        p.keyboard.press(letter)
    tab_to(p, "el.innerText && el.innerText.trim() === 'Check my sorting'", limit=10)
    p.keyboard.press("Enter")
    p.locator(".cop-sort").get_by_text("3 of 3 placed as the course does.").wait_for()

    completion = p.locator(".cop-completion")
    completion.get_by_text("You passed the final check.").wait_for()
    tab_to(p, "el.tagName === 'INPUT' && el.closest('.cop-completion')")
    p.keyboard.type("Ms <i>Okafor</i>")
    tab_to(p, "el.innerText && el.innerText.trim() === 'Create my record'", limit=5)
    p.keyboard.press("Enter")
    completion.get_by_text("not an accredited certificate").wait_for()
    shown = completion.locator(".cop-record").inner_text()
    assert "Ms <i>Okafor</i> completed the course" in shown, shown  # shown as typed, not as HTML
    with p.expect_download() as download:
        p.keyboard.press("Enter")  # focus moved to the download button
    record = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Ms &lt;i&gt;Okafor&lt;/i&gt;" in record and "Final knowledge check: 2 of 2" in record
    assert "passed" in p.locator(".cop-progress").inner_text()
    p.reload()
    p.wait_for_selector(".cop-quiz .cop-saved", timeout=90_000)
    assert "you scored 2 of 2 (passed)" in p.locator(".cop-quiz .cop-saved").inner_text()
    assert "you placed 3 of 3" in p.locator(".cop-sort .cop-saved").inner_text()
    assert page.problems == []


def test_reflection_and_checklist_are_kept_and_exported(learner, voila):
    page, p = open_page(learner, voila)
    tab_to(p, "el.tagName === 'TEXTAREA' && el.closest('.cop-reflection')")
    p.keyboard.type("Ask what they <b>enjoy</b> first")
    tab_to(p, "el.type === 'checkbox' && el.closest('.cop-reflection')")
    p.keyboard.press("Space")
    p.wait_for_function(f"(localStorage.getItem('{KEY}') || '').includes('enjoy')")
    with p.expect_download() as download:
        p.locator(".cop-reflection").first.get_by_role("button", name="Download as a Markdown file").click()
    assert "Ask what they <b>enjoy</b> first" in Path(download.value.path()).read_text(encoding="utf-8")
    p.reload()
    p.wait_for_selector(".cop-reflection textarea", timeout=90_000)
    p.wait_for_function("document.querySelector('.cop-reflection textarea').value.includes('enjoy')")
    assert p.locator(".cop-reflection").nth(1).locator("input[type=checkbox]").first.is_checked()
    assert p.locator(".cop-reflection b").count() == 0, "typed text must never become HTML"
    assert page.problems == []


def test_interrupted_write_keeps_what_was_saved_before(learner, voila):
    page, p = open_page(learner, voila)
    p.locator(".cop-scenario .cop-choice").nth(1).click()  # a short path: one choice to the end
    p.locator(".cop-scenario").get_by_role("button", name="See the debrief").click()
    p.wait_for_function(f"(localStorage.getItem('{KEY}') || '').includes('fixture_walk')")
    p.locator(".cop-sort select").first.select_option("Fruit")  # a second save: the first becomes the backup
    p.locator(".cop-sort select").nth(1).select_option("Tool")
    p.locator(".cop-sort select").nth(2).select_option("Fruit")
    p.locator(".cop-sort").get_by_role("button", name="Check my sorting").click()
    p.wait_for_function(f"(localStorage.getItem('{KEY}') || '').includes('fixture_sort')")
    # Simulate a save cut off half way: the main copy is truncated, the new copy never finished.
    p.evaluate(f"localStorage.setItem('{KEY}', localStorage.getItem('{KEY}').slice(0, 25))")
    p.reload()
    p.wait_for_selector(".cop-scenario .cop-saved", timeout=90_000)
    assert "Misconception" in p.locator(".cop-scenario .cop-saved").inner_text()
    assert "fixture_walk" in json.dumps(kept(p))
    assert page.problems == []


def test_delete_and_two_learners_on_one_server(browser, learner, voila):
    page, p = open_page(learner, voila)
    p.locator(".cop-scenario .cop-choice").nth(1).click()
    p.locator(".cop-scenario").get_by_role("button", name="See the debrief").click()
    p.wait_for_function(f"(localStorage.getItem('{KEY}') || '').includes('fixture_walk')")

    other = browser.new_context()
    try:
        other_page, q = open_page(other, voila)
        assert q.locator(".cop-saved").count() == 0 and kept(q) == {}, "another learner sees nothing"
        assert other_page.problems == []
    finally:
        other.close()

    delete = p.locator(".cop-progress").get_by_role("button", name="Delete everything kept in this browser")
    delete.click()
    p.locator(".cop-progress").get_by_role("button", name="Yes, delete everything (this cannot be undone)").click()
    p.locator(".cop-progress").get_by_text("Everything kept in this browser has been deleted.").wait_for()
    assert p.evaluate(f"localStorage.getItem('{KEY}')") is None
    p.reload()
    p.wait_for_selector(".cop-completion", timeout=90_000)
    p.wait_for_timeout(1000)
    assert p.locator(".cop-saved").count() == 0
    assert page.problems == []
