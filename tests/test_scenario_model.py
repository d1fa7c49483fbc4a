"""The scenario model: choices, scores, endings and restart, without any widget."""

import pytest

from cop_widgets.bands import outcome
from cop_widgets.data_files import scenario
from cop_widgets.debrief import RULE_BROKEN_TITLE
from cop_widgets.scenario import Ending, ScenarioRun, Step

from .conftest import FIXTURES


@pytest.fixture
def walk():
    return scenario("fixture_walk", FIXTURES / "modules")


def test_run_starts_at_the_start_step(walk):
    run = ScenarioRun(walk)
    assert isinstance(run.node, Step) and run.node.id == "first"
    assert run.decision_number == 1 and run.choices_taken == [] and not run.finished


def test_choose_returns_feedback_and_moves_on(walk):
    run = ScenarioRun(walk)
    choice = run.choose(0)
    assert choice.feedback == "This keeps the path going well."
    assert run.current == "second" and run.outcome == "secure" and run.decision_number == 2


def test_all_secure_path_is_secure_with_nothing_to_revisit(walk):
    run = ScenarioRun(walk)
    for index in (0, 1, 0):
        run.choose(index)
    assert run.finished and isinstance(run.node, Ending)
    assert run.node.id == "good_end"
    assert run.outcome == "secure" and run.to_revisit == []


def test_one_developing_choice_brings_the_outcome_down_and_names_what_to_revisit(walk):
    run = ScenarioRun(walk)
    for index in (0, 0, 0):
        run.choose(index)
    assert run.outcome == "developing"
    assert run.to_revisit == ["Walking well (Module 01)"]


def test_short_path_ends_early_with_its_own_debrief(walk):
    run = ScenarioRun(walk)
    run.choose(1)
    debrief = run.debrief()
    assert run.finished and debrief.lines == ("The debrief of the early ending.",)
    assert run.outcome == "misconception" and debrief.revisit == ("Why the walk matters (Module 00)",)


def test_a_broken_rule_names_the_rule_and_replaces_the_title(walk):
    run = ScenarioRun(walk)
    run.choose(1)
    debrief = run.debrief()
    assert [b.rule.id for b in debrief.broken] == ["pass_on_now"] and debrief.broken[0].said == "Stop early"
    assert debrief.title == RULE_BROKEN_TITLE and not debrief.ends_well


def test_a_debrief_line_with_facts_shows_only_on_paths_that_set_them(walk):
    run = ScenarioRun(walk)
    for index in (0, 1, 0):
        run.choose(index)
    debrief = run.debrief()
    assert debrief.title == "Good ending" and debrief.ends_well and not debrief.broken
    assert debrief.lines == (
        "The debrief of the good ending.",
        "Shown only on paths that went on well at the first decision.",
    )
    assert debrief.went_well == ("Go on well", "Very good", "Finish well")


def test_debrief_before_the_end_is_refused(walk):
    with pytest.raises(RuntimeError, match="not ended"):
        ScenarioRun(walk).debrief()


def test_choosing_after_the_end_is_refused(walk):
    run = ScenarioRun(walk)
    run.choose(1)
    with pytest.raises(RuntimeError, match="has ended"):
        run.choose(0)


def test_choice_out_of_range_is_refused(walk):
    with pytest.raises(IndexError, match="has 2 choices"):
        ScenarioRun(walk).choose(5)


def test_restart_clears_choices(walk):
    run = ScenarioRun(walk)
    run.choose(0)
    run.restart()
    assert run.current == "first" and run.taken == []


def test_all_paths_lists_every_route(walk):
    assert sorted(walk.all_paths()) == [(0, 0, 0), (0, 0, 1), (0, 1, 0), (0, 1, 1), (1,)]
    assert walk.longest_path == 3


@pytest.mark.parametrize(
    ("bands", "expected"),
    [
        (["secure", "secure"], "secure"),
        (["secure", "secure", "developing"], "developing"),
        (["secure", "emerging"], "developing"),
        (["emerging", "developing", "emerging"], "emerging"),
        (["secure", "secure", "misconception"], "misconception"),
    ],
)
def test_outcome_rule(bands, expected):
    assert outcome(bands) == expected


def test_a_broken_rule_makes_any_path_a_misconception():
    assert outcome(["secure", "secure", "secure"], broke_a_rule=True) == "misconception"


def test_outcome_needs_a_choice():
    with pytest.raises(ValueError):
        outcome([])
