"""Conversation practice, sorting and reflection logic, without any widget."""

import pytest

from cop_widgets.conversation import ConversationRun
from cop_widgets.data_files import conversation, reflection, sort
from cop_widgets.reflection import to_markdown
from cop_widgets.rules import DUTY_TO_REPORT
from cop_widgets.sort_activity import SortAttempt

from .conftest import FIXTURES

ROOT = FIXTURES / "modules"


@pytest.fixture
def talk():
    return conversation("fixture_talk", ROOT)


def test_good_path_opens_the_child_up_and_names_techniques(talk):
    run = ConversationRun(talk)
    assert run.safety == 2
    run.reply(0)
    assert run.safety == 3 and run.safety_words == "is starting to open up"
    run.reply(0)
    assert run.finished and run.outcome == "good"
    assert "Listening and giving time" in run.techniques_used()
    assert "Passing the concern on to your setting's designated person" in run.techniques_used()
    assert 'Open prompts ("Tell me…", "What happened then?")' in run.techniques_missed()
    debrief = run.debrief()
    assert run.rules_broken == [] and debrief.ends_well and debrief.title == "Sam felt heard"
    assert debrief.lines == (
        "Feeling heard is what lets a child keep talking.",
        "The concern was passed on, and Sam knew who would be told.",
    )


def test_leading_question_makes_the_child_stop_talking(talk):
    run = ConversationRun(talk)
    run.reply(1)  # effect -2 from 2: safety 0, the shut-down ending
    assert run.safety == 0 and run.current == "withdrawn" and run.outcome == "poor"
    assert run.rules_broken == ["listen_not_investigate"]
    assert [b.rule.name for b in run.debrief().broken] == ["Listen, do not investigate"]


def test_promising_secrecy_is_a_broken_rule_even_when_the_child_stays(talk):
    run = ConversationRun(talk)
    run.reply(0)
    run.reply(1)
    assert run.outcome == "poor" and run.rules_broken == ["no_secrecy"]


def test_a_broken_rule_turns_a_good_ending_poor_and_never_raises_safety(tmp_path):
    text = (FIXTURES / "modules" / "conversations" / "fixture_talk.yaml").read_text()
    # A path that reaches the good ending after a leading question (effect 0 keeps the child talking).
    text = text.replace(
        "effect: -2\n        breaks: [listen_not_investigate]", "effect: 0\n        breaks: [listen_not_investigate]"
    )
    path = tmp_path / "conversations" / "talk.yaml"
    path.parent.mkdir()
    path.write_text(text)
    from cop_widgets.conversation_loader import load_conversation

    run = ConversationRun(load_conversation(path))
    run.reply(1)
    assert run.safety == 2
    run.reply(0)
    assert run.node.outcome == "good" and run.outcome == "poor"
    debrief = run.debrief()
    assert not debrief.ends_well and debrief.title == "A safeguarding rule was broken on this path"
    assert debrief.broken[0].said == "Is it about your dad?"


def test_every_path_is_listed_and_restart_resets_safety(talk):
    assert sorted(talk.all_paths()) == [(0, 0), (0, 1), (1,)]
    run = ConversationRun(talk)
    run.reply(1)
    run.restart()
    assert run.current == "opening" and run.safety == 2 and run.taken == []


def test_duty_to_report_states_the_principle_england_as_an_example_and_the_readers_own_duty():
    assert "your setting's designated person" in DUTY_TO_REPORT and "emergency services" in DUTY_TO_REPORT
    assert "in England, the designated safeguarding lead" in DUTY_TO_REPORT
    assert "personal duty to report" in DUTY_TO_REPORT


def test_sorting_scores_each_item():
    attempt = SortAttempt(sort("fixture_sort", ROOT))
    attempt.place(0, "fruit")
    attempt.place(1, "fruit")
    assert not attempt.complete
    attempt.place(2, "fruit")
    assert attempt.complete and attempt.score == 2 and not attempt.is_right(1)
    with pytest.raises(ValueError):
        attempt.place(0, "vegetable")


def test_reflection_exports_markdown_as_typed():
    r = reflection("fixture_reflection", ROOT)
    text = to_markdown(r, {"first_step": "Ask what they <b>enjoy</b> first."})
    assert text.startswith("# Fixture reflection\n")
    assert "Ask what they <b>enjoy</b> first." in text  # Markdown keeps the text exactly as typed


def test_checklist_exports_ticks_and_notes_by_section():
    r = reflection("fixture_checklist", ROOT)
    text = to_markdown(r, {"lead": "Name in handbook"}, {"policy": True, "lead": False})
    assert "## Policy\n\n- [x] An online safety policy reviewed this year" in text
    assert "- [ ] A named designated safeguarding lead\n  - Note: Name in handbook" in text
