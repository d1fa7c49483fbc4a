"""The ipywidgets views: the same clicks a learner makes, driven from Python, show the right things."""

import pytest

from cop_widgets import show_completion, show_conversation, show_quiz, show_reflection, show_scenario, show_sort
from cop_widgets.version import COURSE_VERSION

from .conftest import FIXTURES


@pytest.fixture(autouse=True)
def fixture_modules(monkeypatch):
    monkeypatch.setenv("COURSE_MODULES_DIR", str(FIXTURES / "modules"))


def html_of(view) -> str:
    return " ".join(getattr(child, "value", "") for child in view.body.children)


def test_scenario_buttons_carry_full_choice_text():
    view = show_scenario("fixture_walk")
    assert [b.description for b in view.choice_buttons] == ["A. Go on well", "B. Stop early"]


def test_scenario_played_by_clicks_to_its_debrief():
    view = show_scenario("fixture_walk")
    for index in (0, 1, 0):
        view.choice_buttons[index].click()
        assert "Secure:" in html_of(view)
        view.body.children[-1].click()  # Continue / See the debrief
    page = html_of(view)
    assert "Debrief: Good ending" in page and "Your outcome: Secure" in page
    assert "https://doi.org/10.21241/ssoar.71817" in page


def test_feedback_says_in_words_how_good_a_choice_was():
    view = show_scenario("fixture_walk")
    view.choice_buttons[1].click()
    assert "Misconception:" in html_of(view)


def test_debrief_names_what_to_revisit_and_the_rule():
    view = show_scenario("fixture_walk")
    view.choose(1)
    view.go_on()
    page = html_of(view)
    assert "Your outcome: Misconception" in page and "Why the walk matters (Module 00)" in page
    assert "How the outcome is worked out" in page


def test_a_scenario_about_a_concern_closes_with_the_duty_to_report_whatever_the_ending():
    view = show_scenario("fixture_walk")  # a choice in it can break pass_on_now
    view.choose(1)
    view.go_on()
    assert "Your duty, whatever the ending:" in html_of(view)
    assert "your setting&#39;s designated person (in England, the designated safeguarding lead)" in html_of(view)


def test_restart_returns_to_the_first_decision():
    view = show_scenario("fixture_walk")
    view.choose(1)
    view.go_on()
    view.body.children[-1].click()  # Play this scenario again
    assert "Decision 1 of up to 3" in html_of(view)


def test_author_html_is_shown_as_text(tmp_path, monkeypatch):
    modules = tmp_path / "modules"
    (modules / "scenarios").mkdir(parents=True)
    (modules / "sources.yaml").write_text((FIXTURES / "modules" / "sources.yaml").read_text())
    text = (FIXTURES / "modules" / "scenarios" / "fixture_walk.yaml").read_text()
    text = text.replace("The first decision of the fixture.", "<script>alert(1)</script> decision")
    (modules / "scenarios" / "x.yaml").write_text(text)
    monkeypatch.setenv("COURSE_MODULES_DIR", str(modules))
    page = html_of(show_scenario("x"))
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_quiz_played_to_its_result():
    view = show_quiz("fixture_check")
    view.selector.value = view.selector.options[0]
    view.check_button.click()
    assert "Right." in html_of(view) and "(you chose this)" in html_of(view)
    view.body.children[-1].click()
    view.selector[2].value = True
    view.check_button.click()
    assert "Not quite." in html_of(view)
    view.body.children[-1].click()
    result = html_of(view)
    assert "Your score: 1 of 2" in result and "Not passed yet" in result
    assert "Objective one: 1 of 1" in result and "Objective two: 0 of 1" in result


def test_quiz_asks_for_an_answer_before_checking():
    view = show_quiz("fixture_check")
    view.check_button.click()
    assert "Please choose an answer first." in view.message.value


@pytest.fixture
def fresh_store():
    """The learner store this test's elements record into (conftest gives each test a new one)."""
    from cop_widgets import store

    return store.learner_store()


def test_conversation_played_by_clicks_shows_meter_debrief_and_duty(fresh_store):
    view = show_conversation("fixture_talk")
    assert 'aria-valuenow="2"' in view.meter.value and "2 of 4" in view.meter.value
    view.reply_buttons[0].click()
    assert "Sam feels a little safer." in html_of(view)
    view.body.children[-1].click()
    view.reply_buttons[0].click()
    view.body.children[-1].click()
    page = html_of(view)
    assert "Your outcome: A good ending" in page and "Techniques you used" in page
    assert "No safeguarding rule was broken on this path." in page and "Your duty, whatever the ending" in page
    assert fresh_store.get("conversation:fixture_talk")["outcome"] == "good"


def test_conversation_rule_broken_is_named_live_and_in_the_debrief(fresh_store):
    view = show_conversation("fixture_talk")
    view.reply_buttons[0].click()
    view.body.children[-1].click()
    view.reply_buttons[1].click()  # "I won't tell anyone, I promise."
    live = html_of(view)
    assert "This breaks a safeguarding rule:" in live and "Never promise secrecy." in live
    assert "feels a little safer" not in live
    view.body.children[-1].click()
    page = html_of(view)
    assert "A safeguarding rule was broken on this path" in page and "Safeguarding rules broken on this path" in page
    assert "You chose: “I won&#39;t tell anyone, I promise.”" in page
    kept = fresh_store.get("conversation:fixture_talk")
    assert kept["outcome"] == "poor" and kept["rules_broken"] == ["no_secrecy"]


def test_sort_needs_every_item_then_explains_each(fresh_store):
    view = show_sort("fixture_sort")
    view.place(0, "fruit")
    view.check_button.click()
    assert "Please choose a category for item(s) 2, 3 first." in view.result.value
    view.place(1, "fruit")
    view.place(2, "fruit")
    view.check_button.click()
    assert "2 of 3 placed as the course does." in view.result.value
    assert "Not quite: you chose Fruit; the course places it in Tool." in view.result.value
    kept = fresh_store.get("sort:fixture_sort")
    assert kept == {"kind": "sort", "score": 2, "total": 3, "date": kept["date"], "course_version": COURSE_VERSION}


def test_reflection_keeps_text_as_typed_and_restores_it(fresh_store):
    view = show_reflection("fixture_reflection")
    view.boxes["first_step"].value = "<script>alert(1)</script> ask about games"
    kept = fresh_store.get("reflection:fixture_reflection")
    assert kept["answers"]["first_step"].startswith("<script>")
    again = show_reflection("fixture_reflection")  # e.g. after a reload
    assert again.boxes["first_step"].value == "<script>alert(1)</script> ask about games"
    assert "<script>" not in again.saved_line.value
    assert "Never type a real child" in html_of_header(again)


def html_of_header(view) -> str:
    return " ".join(child.value for child in view.children if isinstance(getattr(child, "value", None), str))


def test_completion_is_locked_until_the_final_check_is_passed(fresh_store):
    locked = show_completion(final_check="fixture_check")
    assert "Locked" in html_of(locked)
    quiz = show_quiz("fixture_check")
    quiz.answer([0])
    quiz.next_question()
    quiz.answer([0, 1])
    quiz.next_question()
    assert fresh_store.get("quiz:fixture_check")["passed"] is True
    record = show_completion(final_check="fixture_check")
    record.name_box.value = "<b>Ms Okafor</b>"
    record.make_button.click()
    assert "&lt;b&gt;Ms Okafor&lt;/b&gt;" in record.record.value
    assert "not an accredited certificate" in record.record.value
    assert fresh_store.get("completion")["name"] == "<b>Ms Okafor</b>"


def test_failed_final_check_keeps_the_record_locked(fresh_store):
    quiz = show_quiz("fixture_check")
    quiz.answer([1])
    quiz.next_question()
    quiz.answer([2])
    quiz.next_question()
    assert "Locked" in html_of(show_completion(final_check="fixture_check"))


def test_quiz_names_a_rule_breaking_answer_live_and_in_the_result(fresh_store):
    view = show_quiz("fixture_check")
    view.selector.value = view.selector.options[1]  # "Wrong", which breaks no_secrecy
    view.check_button.click()
    assert "This breaks a safeguarding rule:" in html_of(view) and "Never promise secrecy." in html_of(view)
    view.body.children[-1].click()
    view.selector[0].value = view.selector[1].value = True
    view.check_button.click()
    view.body.children[-1].click()
    result = html_of(view)
    assert "an answer you chose would break a safeguarding rule" in result and "Question 1: “Wrong”" in result
    kept = fresh_store.get("quiz:fixture_check")
    assert kept["passed"] is False and kept["rules_broken"] == ["no_secrecy"]


def test_progress_marks_broken_rules_and_results_from_an_earlier_version():
    from cop_widgets.progress_view import describe

    now = {"outcome": "secure", "course_version": COURSE_VERSION}
    assert describe("scenario", now) == "done (Secure)"
    broken = {"outcome": "misconception", "rules_broken": ["no_secrecy"], "course_version": COURSE_VERSION}
    assert describe("scenario", broken) == "done (Misconception); safeguarding rule broken: Never promise secrecy"
    old = {"outcome": "developing"}
    assert describe("scenario", old).endswith("from an earlier version of the course, scored by earlier rules")
    hostile = {"score": "<img src=x onerror=alert(1)>", "total": 3, "course_version": COURSE_VERSION}
    assert "<img" not in describe("quiz", hostile) and "&lt;img" in describe("quiz", hostile)


def test_a_final_check_passed_under_an_earlier_version_must_be_taken_again(fresh_store):
    fresh_store.record("quiz:fixture_check", {"kind": "quiz", "score": 2, "total": 2, "passed": True})
    fresh_store.kept["elements"]["quiz:fixture_check"].pop("course_version")
    view = show_completion(final_check="fixture_check")
    assert "from an earlier version of the course" in html_of(view) and "take the final check again" in html_of(view)


def test_choosing_no_category_again_takes_the_item_out(fresh_store):
    from cop_widgets.sort_view import UNSET

    view = show_sort("fixture_sort")
    for item, category in ((0, "fruit"), (1, "tool"), (2, "fruit")):
        view.place(item, category)
    view.pickers[0].value = UNSET  # the screen now shows item 1 unanswered, so must the check
    view.check_button.click()
    assert "Please choose a category for item(s) 1 first." in view.result.value
    assert fresh_store.get("sort:fixture_sort") is None
