"""A bad data file fails with its file, the field and the reason: never a bare traceback."""

from pathlib import Path

import pytest
import yaml

from cop_widgets.data_files import quiz, scenario
from cop_widgets.errors import CourseDataError
from cop_widgets.quiz_loader import load_quiz
from cop_widgets.scenario_loader import load_scenario

from .conftest import FIXTURES

GOOD = (FIXTURES / "modules" / "scenarios" / "fixture_walk.yaml").read_text()
GOOD_QUIZ = (FIXTURES / "modules" / "quizzes" / "fixture_check.yaml").read_text()


def edited(change) -> str:
    data = yaml.safe_load(GOOD)
    change(data)
    return yaml.safe_dump(data, sort_keys=False)


def write(tmp_path: Path, text: str, name="bad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BAD_SCENARIOS = {
    "empty file": ("", "(file)", "file is empty"),
    "not YAML": ("title: [unclosed\n", "(file)", "invalid YAML at line"),
    "top level is a list": ("- a\n- b\n", "(top level)", "must be a mapping of fields, not a list"),
    "missing field": (edited(lambda d: d.pop("summary")), "summary", "required field is missing"),
    "unknown field (typo)": (
        edited(lambda d: d["steps"]["first"]["choices"][0].update(feedbak="x")),
        "steps.first.choices[0].feedbak",
        "unknown field",
    ),
    "wrong type": (
        edited(lambda d: d["steps"]["first"]["choices"][0].update(text=5)),
        "steps.first.choices[0].text",
        "must be text, not a number",
    ),
    "band not allowed": (
        edited(lambda d: d["steps"]["first"]["choices"][0].update(band="excellent")),
        "steps.first.choices[0].band",
        "'excellent' is not one of: secure, developing, emerging, misconception",
    ),
    "empty text": (edited(lambda d: d["steps"]["second"].update(text="")), "steps.second.text", "too short"),
    "one choice only": (
        edited(lambda d: d["steps"]["third"]["choices"].pop()),
        "steps.third.choices",
        "too short",
    ),
    "next names nothing": (
        edited(lambda d: d["steps"]["second"]["choices"][1].update(next="nowhere")),
        "steps.second.choices[1].next",
        "'nowhere' is neither a step nor an ending",
    ),
    "start names nothing": (edited(lambda d: d.update(start="begin")), "start", "not one of the steps"),
    "unreachable step": (
        edited(
            lambda d: d["steps"].update(
                lost={"text": "Nobody comes here at all.", "choices": d["steps"]["third"]["choices"]}
            )
        ),
        "steps.lost",
        "cannot be reached from the start",
    ),
    "path loops back": (
        edited(lambda d: d["steps"]["third"]["choices"][1].update(next="first")),
        "steps.first",
        "loops back on itself (first → second → third → first)",
    ),
    "duplicate key": (
        GOOD.replace("endings:\n", "endings:\n  good_end:\n    title: Twice\n    debrief: A second copy here.\n"),
        "(file)",
        "duplicate key 'good_end'",
    ),
    "unknown source": (edited(lambda d: d.update(sources=["nobody_2020"])), "sources[0]", "not in the bibliography"),
    "unknown rule": (
        edited(lambda d: d["steps"]["first"]["choices"][1].update(breaks=["be_nice"])),
        "steps.first.choices[1].breaks[0]",
        "unknown rule 'be_nice' (the rules are: ",
    ),
    "rule on a band above the lowest": (
        edited(lambda d: d["steps"]["second"]["choices"][0].update(breaks=["no_secrecy"])),
        "steps.second.choices[0].band",
        "'developing' for a choice that breaks a rule (no_secrecy)",
    ),
    "debrief says what the learner did": (
        edited(lambda d: d["endings"]["early_end"].update(debrief="You called the police first, well done.")),
        "endings.early_end.debrief",
        'says what the learner did ("You called")',
    ),
    "ending title says what the learner did": (
        edited(lambda d: d["endings"]["early_end"].update(title="You kept him safe")),
        "endings.early_end.title",
        "says what the learner did",
    ),
    "debrief fact no choice sets": (
        edited(lambda d: d["endings"]["good_end"]["debrief"][1].update(when=["went_well"])),
        "endings.good_end.debrief[1].when",
        "fact 'went_well' is not set by any `does:` in this file",
    ),
    "bad step name": (
        edited(lambda d: d["steps"].update({"Step One": d["steps"]["third"]})),
        "steps",
        "is not a valid name",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_SCENARIOS))
def test_bad_scenario_names_file_field_and_reason(tmp_path, case):
    text, field, reason = BAD_SCENARIOS[case]
    path = write(tmp_path, text)
    with pytest.raises(CourseDataError) as caught:
        load_scenario(path, {"core_4cs_2021"})
    err = caught.value
    assert err.path == str(path)
    assert err.field == field, str(err)
    assert reason in err.reason, str(err)
    assert str(err).startswith(f"{path}: field '{field}': ")


def test_missing_file_names_the_available_ones(tmp_path):
    with pytest.raises(CourseDataError, match=r"no scenario named 'nope' \(available: fixture_walk\)"):
        scenario("nope", FIXTURES / "modules")


def test_not_utf8(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("title: caf\xe9\n".encode("latin-1"))
    with pytest.raises(CourseDataError, match="not UTF-8 text"):
        load_scenario(path)


BAD_QUIZZES = {
    "no correct option": (
        GOOD_QUIZ.replace("correct: true", "correct: false"),
        "questions[0].options",
        "no option is marked correct",
    ),
    "duplicate question id": (GOOD_QUIZ.replace("id: several", "id: single"), "questions[1].id", "used twice"),
    "pass mark above 1": ("pass_mark: 70\n" + GOOD_QUIZ, "pass_mark", "out of range"),
    "rule-breaking option marked right": (
        GOOD_QUIZ.replace("correct: false\n        breaks", "correct: true\n        breaks"),
        "questions[0].options[1].correct",
        "an option that breaks a rule (no_secrecy) cannot be a right answer",
    ),
    "spot-the-rule question whose right option breaks nothing": (
        GOOD_QUIZ.replace("  - id: several\n", "  - id: several\n    asks_for: rule_breaking\n"),
        "questions[1].options[0].correct",
        "right exactly when it has `breaks:`",
    ),
    "correct is not true/false": (
        GOOD_QUIZ.replace("correct: true", "correct: yes please", 1),
        "questions[0].options[0].correct",
        "must be true or false",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_QUIZZES))
def test_bad_quiz_names_file_field_and_reason(tmp_path, case):
    text, field, reason = BAD_QUIZZES[case]
    path = write(tmp_path, text, "bad_check.yaml")
    with pytest.raises(CourseDataError) as caught:
        load_quiz(path)
    assert caught.value.field == field, str(caught.value)
    assert reason in caught.value.reason, str(caught.value)


def test_error_shows_as_one_clear_line_in_a_notebook():
    err = CourseDataError("modules/scenarios/x.yaml", "start", "missing")
    assert err._render_traceback_()[0] == "Course data problem: modules/scenarios/x.yaml: field 'start': missing"


def test_good_fixtures_load():
    assert scenario("fixture_walk", FIXTURES / "modules").title == "Fixture walk"
    assert len(quiz("fixture_check", FIXTURES / "modules").questions) == 2


GOOD_TALK = (FIXTURES / "modules" / "conversations" / "fixture_talk.yaml").read_text()
GOOD_SORT = (FIXTURES / "modules" / "sorts" / "fixture_sort.yaml").read_text()
GOOD_CHECKLIST = (FIXTURES / "modules" / "reflections" / "fixture_checklist.yaml").read_text()
GOOD_ROUTES = (FIXTURES / "modules" / "reporting_routes.yaml").read_text()

BAD_OTHER_KINDS = {
    "conversation: shut-down ending is not poor": (
        "conversations",
        GOOD_TALK.replace("shut_down: withdrawn", "shut_down: heard"),
        "shut_down",
        "must name an ending whose outcome is poor",
    ),
    "conversation: no good ending": (
        "conversations",
        GOOD_TALK.replace("outcome: good", "outcome: poor"),
        "endings",
        "needs at least one ending whose outcome is good",
    ),
    "conversation: unknown technique": (
        "conversations",
        GOOD_TALK.replace("uses: [listening]", "uses: [mind_reading]"),
        "nodes.opening.replies[0].uses[0]",
        "'mind_reading' is not one of",
    ),
    "conversation: effect too large": (
        "conversations",
        GOOD_TALK.replace("effect: -2", "effect: -5"),
        "nodes.opening.replies[1].effect",
        "out of range",
    ),
    "conversation: child too old": (
        "conversations",
        GOOD_TALK.replace("age: 10", "age: 19"),
        "child.age",
        "out of range",
    ),
    "conversation: rule-breaking reply raises safety": (
        "conversations",
        GOOD_TALK.replace("effect: 0\n        breaks: [no_secrecy]", "effect: 1\n        breaks: [no_secrecy]"),
        "nodes.middle.replies[1].effect",
        "a rule-breaking reply never makes the child feel safer",
    ),
    "conversation: a hard rule filed as a slip": (
        "conversations",
        GOOD_TALK.replace("breaks: [no_secrecy]", "mistakes: [promise_secrecy]"),
        "nodes.middle.replies[1].mistakes[0]",
        "'promise_secrecy' is not one of: dismissing, panic",
    ),
    "conversation: unknown rule": (
        "conversations",
        GOOD_TALK.replace("breaks: [no_secrecy]", "breaks: [secrecy]"),
        "nodes.middle.replies[1].breaks[0]",
        "unknown rule 'secrecy'",
    ),
    "sort: rule-breaking item in a safe category": (
        "sorts",
        GOOD_SORT.replace("{id: fruit, label: Fruit}", "{id: fruit, label: Fruit, safe: true}").replace(
            "{text: An apple, category: fruit,", "{text: An apple, category: fruit, breaks: [no_blame],"
        ),
        "items[0].category",
        "'fruit' is a safe category, but the item breaks a rule (no_blame)",
    ),
    "sort: item in no category": (
        "sorts",
        GOOD_SORT.replace("category: tool", "category: toy"),
        "items[1].category",
        "'toy' is not a category",
    ),
    "reflection: prompt id used twice": (
        "reflections",
        GOOD_CHECKLIST.replace("id: lead", "id: policy"),
        "prompts[1].id",
        "used twice",
    ),
    "reflection: unknown kind": (
        "reflections",
        GOOD_CHECKLIST.replace("kind: checklist", "kind: diary"),
        "kind",
        "'diary' is not one of",
    ),
    "routes: impossible date": (
        "routes",
        GOOD_ROUTES.replace("checked: 2026-11-28", "checked: 2026-13-40"),
        "routes[0].checked",
        "is not a real date",
    ),
    "routes: address not https": (
        "routes",
        GOOD_ROUTES.replace("https://example.org/one", "http://example.org/one"),
        "routes[0].url",
        "must be an address starting with https://",
    ),
    "routes: date written another way": (
        "routes",
        GOOD_ROUTES.replace("checked: 2026-11-28", "checked: 28/11/2026"),
        "routes[0].checked",
        "must be a date written like 2026-11-28",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_OTHER_KINDS))
def test_bad_files_of_every_other_kind_name_field_and_reason(tmp_path, case):
    from cop_widgets.data_files import load_any
    from cop_widgets.routes import load_routes

    kind, text, field, reason = BAD_OTHER_KINDS[case]
    folder = tmp_path / kind
    folder.mkdir()
    path = write(folder, text)
    with pytest.raises(CourseDataError) as caught:
        if kind == "routes":
            load_routes(path, {"core_4cs_2021"})
        else:
            load_any(path, {"core_4cs_2021"})
    assert caught.value.field == field, str(caught.value)
    assert reason in caught.value.reason, str(caught.value)
