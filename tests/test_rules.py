"""Practice can never reward a broken safeguarding rule: every path of every scenario and conversation
is played with the engine and checked against the tags read straight from the data files, and every
rule-tagged item of every kind is checked to be scored as the weakest response.

The expected facts come from the raw YAML, not from the engine, so a bug in the engine's own
bookkeeping cannot hide a path that ends well after a broken rule.
"""

from __future__ import annotations

import pytest
import yaml

from cop_widgets.bibliography import load_bibliography
from cop_widgets.conversation import TECHNIQUES, ConversationRun
from cop_widgets.conversation_loader import load_conversation
from cop_widgets.debrief import CLAIM, RULE_BROKEN_TITLE
from cop_widgets.exercise_keys import load_exercise_keys, solution_values
from cop_widgets.rules import course_rules, load_rules
from cop_widgets.scenario import ScenarioRun
from cop_widgets.scenario_loader import load_scenario

from .conftest import MODULES, ROOT

BIBLIOGRAPHY = set(load_bibliography(MODULES / "sources.yaml"))
SCENARIOS = sorted(MODULES.glob("scenarios/*.yaml"))
CONVERSATIONS = sorted(MODULES.glob("conversations/*.yaml"))
QUIZZES = sorted(MODULES.glob("quizzes/*.yaml"))
SORTS = sorted(MODULES.glob("sorts/*.yaml"))
# The rules the issue names as the minimum (docs/authoring.md, "The hard rules").
REQUIRED_RULES = {
    "emergency_first",
    "pass_on_now",
    "right_route",
    "need_to_know",
    "no_secrecy",
    "listen_not_investigate",
    "no_confronting",
    "sexual_images",
    "keep_evidence",
    "no_blame",
    "stay_with_child",
    "no_fear_teaching",
}


def raw(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def lines_of(ending: dict) -> list[tuple[str, set[str]]]:
    debrief = ending["debrief"]
    items = [debrief] if isinstance(debrief, str) else debrief
    return [(i, set()) if isinstance(i, str) else (i["text"].strip(), set(i["when"])) for i in items]


def test_the_rules_are_a_closed_cited_list():
    rules = load_rules()
    assert set(rules) >= REQUIRED_RULES
    for rule in rules.values():
        assert set(rule.sources) <= BIBLIOGRAPHY, rule.id
        assert set(rule.exception_sources) <= BIBLIOGRAPHY, rule.id
    exceptions = [r for r in rules.values() if r.exception]
    assert any("suicide" in r.exception for r in exceptions), "asking directly about suicide is the stated exception"


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_every_scenario_path_is_scored_and_debriefed_by_what_it_did(path):
    scenario = load_scenario(path, BIBLIOGRAPHY)
    data = raw(path)
    for route in scenario.all_paths():
        run = ScenarioRun(scenario)
        node, taken = data["start"], []
        for index in route:
            taken.append(data["steps"][node]["choices"][index])
            run.choose(index)
            node = taken[-1]["next"]
        broke = {r for c in taken for r in c.get("breaks", [])}
        facts = {f for c in taken for f in c.get("does", [])}
        debrief = run.debrief()
        where = f"{path.name} path {route}"
        assert {b.rule.id for b in debrief.broken} == broke, where
        if broke:
            assert not debrief.ends_well and debrief.outcome == "misconception", where
            assert debrief.title == RULE_BROKEN_TITLE, where
        expected = [text for text, when in lines_of(data["endings"][node]) if when <= facts]
        assert list(debrief.lines) == expected, where
        assert set(debrief.went_well) <= {c["text"] for c in taken if c["band"] == "secure"}, where


@pytest.mark.parametrize("path", CONVERSATIONS, ids=lambda p: p.name)
def test_every_conversation_path_is_scored_by_the_whole_path(path):
    conversation = load_conversation(path, BIBLIOGRAPHY)
    data = raw(path)
    good = 0
    for route in conversation.all_paths():
        run = ConversationRun(conversation)
        taken = []
        for index in route:
            before, node = run.safety, run.current
            reply = data["nodes"][node]["replies"][index]
            taken.append(reply)
            run.reply(index)
            if reply.get("breaks"):
                assert run.safety <= before, f"{path.name}: safety rose on a broken rule at {node}"
        broke = {r for t in taken for r in t.get("breaks", [])}
        facts = {f for t in taken for f in t.get("does", [])}
        debrief = run.debrief()
        where = f"{path.name} path {route}"
        assert {b.rule.id for b in debrief.broken} == broke, where
        if broke:
            assert not debrief.ends_well and debrief.outcome == "poor" and debrief.title == RULE_BROKEN_TITLE, where
        if debrief.ends_well:
            good += 1
            assert any("passing_on" in t.get("uses", []) for t in taken), f"{where}: good without passing on"
        expected = [text for text, when in lines_of(data["endings"][run.current]) if when <= facts]
        assert list(debrief.lines) == expected, where
        slips = [m for t in taken for m in t.get("mistakes", [])]
        assert len(debrief.slips) == len(slips), f"{where}: every slip is named"
        if broke & {"pass_on_now", "right_route"}:
            assert TECHNIQUES["passing_on"] not in debrief.went_well, f"{where}: credits passing on after delaying it"
    assert good, f"{path.name}: at least one path ends well"


@pytest.mark.parametrize("path", SCENARIOS + CONVERSATIONS, ids=lambda p: p.name)
def test_untagged_debrief_lines_and_titles_never_say_what_the_learner_did(path):
    for name, ending in raw(path)["endings"].items():
        assert not CLAIM.search(ending["title"]), f"{name}: title"
        for text, when in lines_of(ending):
            if not when:
                assert not CLAIM.search(text), f"{name}: {text[:80]}"


def all_tagged_items():
    """(where, kind, item) for every rule-tagged item of every kind, read from the raw data."""
    for path in SCENARIOS:
        for sid, step in raw(path)["steps"].items():
            for i, c in enumerate(step["choices"]):
                if c.get("breaks"):
                    yield f"{path.name} steps.{sid}[{i}]", "scenario", c
    for path in CONVERSATIONS:
        for tid, turn in raw(path)["nodes"].items():
            for i, r in enumerate(turn["replies"]):
                if r.get("breaks"):
                    yield f"{path.name} nodes.{tid}[{i}]", "conversation", r
    for path in QUIZZES:
        for q in raw(path)["questions"]:
            for i, o in enumerate(q["options"]):
                if o.get("breaks"):
                    yield f"{path.name} {q['id']}[{i}]", q.get("asks_for", "best"), o
    for path in SORTS:
        data = raw(path)
        safe = {c["id"] for c in data["categories"] if c.get("safe")}
        for i, item in enumerate(data["items"]):
            if item.get("breaks"):
                yield f"{path.name} items[{i}]", "sort", {**item, "safe": item["category"] in safe}


def test_every_rule_tagged_item_is_scored_as_the_weakest_everywhere():
    rules = course_rules()
    count = 0
    for where, kind, item in all_tagged_items():
        count += 1
        assert set(item["breaks"]) <= set(rules), where
        if kind == "scenario":
            assert item["band"] == "misconception", where
        elif kind == "conversation":
            assert item["effect"] <= 0, where
        elif kind == "best":
            assert item["correct"] is False, where
        elif kind == "rule_breaking":
            assert item["correct"] is True, where
        else:
            assert not item["safe"], where
    assert count >= 40, "the practice items that break rules are tagged"


def test_every_exercise_key_scores_rule_breaking_options_as_the_rules_do():
    keys = load_exercise_keys(ROOT / "solutions")
    assert keys, "solutions/rule_tags.yaml tags the exercise options that break a rule"
    for key in keys:
        notebooks = list((ROOT / "solutions" / key.exercise).glob("*.ipynb"))
        values = solution_values(notebooks[0])
        assert key.answer in values, f"{key.exercise}: no solution assigns {key.answer}"
        problem = key.problem(values[key.answer])
        assert problem is None, f"{key.exercise}.{key.answer}: {problem}"


@pytest.mark.parametrize(
    ("asks_for", "breaks", "solution", "safe", "wrong"),
    [
        ("best", {"A": ("no_secrecy",)}, "A", (), True),
        ("best", {"A": ("no_secrecy",)}, ["B", "A"], (), True),
        ("best", {"A": ("no_secrecy",)}, "B", (), False),
        ("rule_breaking", {"C": ("listen_not_investigate",)}, "C", (), False),
        ("rule_breaking", {"C": ("listen_not_investigate",)}, "B", (), True),
        ("labels", {"b": ("no_secrecy",)}, {"a": "say", "b": "avoid"}, ("say",), False),
        ("labels", {"b": ("no_secrecy",)}, {"a": "say", "b": "say"}, ("say",), True),
    ],
)
def test_the_exercise_key_check_catches_a_key_that_rewards_a_broken_rule(asks_for, breaks, solution, safe, wrong):
    from cop_widgets.exercise_keys import ExerciseKey

    key = ExerciseKey("ex00", "answer_q1", asks_for, breaks, safe)
    assert (key.problem(solution) is not None) is wrong


def test_the_exercise_rule_tags_are_never_released():
    assert not list((ROOT / "exercises").rglob("rule_tags.yaml"))
    assert not list((ROOT / "solutions").glob("ex*/rule_tags.yaml")), "keep it outside the assignment folders"
