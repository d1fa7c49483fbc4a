"""Compile a scenario or a conversation into one self-contained JSON document for the browser.

Python keeps every safeguarding decision: the loader's checks, the rules engine and the debrief of
each path. The compiled document carries their results, so a player in the browser (player.js)
only looks things up and never scores anything itself:

- ``positions``: for every prefix of choice indexes ("" at the start, "0.2" after two choices),
  the node it reaches (in a conversation, [node, how safe the child feels there]);
- ``debriefs``: for every complete path, its debrief (``debrief_fields``): the verdict (title,
  outcome, whether it ends well, the ending's lines shown), stored once in ``verdicts`` and shared
  by every path that earns it, then what helped, the rules broken, slips and what to revisit;
- ``texts``: every sentence once (module 07 has about 1,750 paths sharing a few hundred lines).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from .conversation import (
    MAX_SAFETY,
    SAFETY_WORDS,
    TECHNIQUES,
    Conversation,
    ConversationRun,
    Turn,
)
from .debrief import RULE_BROKEN_TITLE, Debrief
from .rules import DUTY_TO_REPORT, course_rules
from .scenario import Scenario, ScenarioRun, Step
from .version import COURSE_VERSION

FORMAT = 1  # bump when the compiled document changes shape; the player checks it


class Table:
    """Keeps each distinct record once; others refer to it by index."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.records: list[Any] = []

    def __call__(self, record: Any) -> int:
        key = json.dumps(record, sort_keys=True)
        if key not in self.ids:
            self.ids[key] = len(self.records)
            self.records.append(record)
        return self.ids[key]


class Texts:
    """Interns strings: each distinct text is stored once and referred to by its index."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        return self.ids.setdefault(text, len(self.ids))

    def table(self) -> list[str]:
        return list(self.ids)


def prefix_key(taken: tuple[int, ...]) -> str:
    return ".".join(map(str, taken))


DEBRIEF_FIELDS = ("verdict", "went_well", "broken", "slips", "revisit", "missed")
VERDICT_FIELDS = ("title", "outcome", "ends_well", "lines")


def debrief_record(debrief: Debrief, text: Texts, verdicts: Table, missed: tuple[str, ...] = ()) -> list[Any]:
    """A path's debrief as positional lists (DEBRIEF_FIELDS): its verdict, shared by many paths,
    stored once; then what this path's own choices did."""
    verdict = verdicts([text(debrief.title), debrief.outcome, debrief.ends_well, [text(t) for t in debrief.lines]])
    return [
        verdict,
        [text(t) for t in debrief.went_well],
        [[b.rule.id, text(b.said)] for b in debrief.broken],
        [text(t) for t in debrief.slips],
        [text(t) for t in debrief.revisit],
        [text(t) for t in missed],
    ]


def walk_tables(runs: Iterator[tuple[tuple[int, ...], Any]], text: Texts) -> tuple[dict, dict, Table]:
    """Positions at every prefix and debriefs of every complete path, from a walk of all runs."""
    positions: dict[str, Any] = {}
    debriefs: dict[str, list[Any]] = {}
    verdicts = Table()
    for taken, run in runs:
        key = prefix_key(taken)
        conversation = isinstance(run, ConversationRun)
        positions[key] = [run.current, run.safety] if conversation else run.current
        if run.finished:
            missed = tuple(run.techniques_missed()) if conversation else ()
            debriefs[key] = debrief_record(run.debrief(), text, verdicts, missed)
    return positions, debriefs, verdicts


def document(
    kind: str,
    name: str,
    runs: Iterator[tuple[tuple[int, ...], Any]],
    used: set[str],
    text: Texts,
    fields: dict[str, Any],
) -> dict[str, Any]:
    """The compiled document: what every kind has, the kind's own ``fields``, and the texts last
    (so that every text the tables refer to is in it)."""
    positions, debriefs, verdicts = walk_tables(runs, text)
    return {
        "format": FORMAT,
        "course_version": COURSE_VERSION,
        "kind": kind,
        "name": name,
        **fields,
        "positions": positions,
        "debrief_fields": DEBRIEF_FIELDS,
        "debriefs": debriefs,
        "verdict_fields": VERDICT_FIELDS,
        "verdicts": verdicts.records,
        "rules": rules_table(used),
        "texts": text.table(),
    }


def rules_table(used: set[str]) -> dict[str, dict[str, str]]:
    rules = course_rules()
    return {
        rid: {"name": rules[rid].name, "statement": rules[rid].statement, "why": rules[rid].why} for rid in sorted(used)
    }


def every_prefix(
    start: Any, options: Callable[[Any], int], branch: Callable[[Any, int], Any]
) -> Iterator[tuple[tuple[int, ...], Any]]:
    """Every prefix of every path from ``start`` (the start included), each with a run that has taken
    it; ``branch(run, index)`` is a copy of ``run`` that has taken option ``index`` too."""

    def walk(run: Any) -> Iterator[tuple[tuple[int, ...], Any]]:
        yield tuple(i for _node, i in run.taken), run
        for index in range(options(run)):
            yield from walk(branch(run, index))

    return walk(start)


def scenario_runs(scenario: Scenario) -> Iterator[tuple[tuple[int, ...], ScenarioRun]]:
    def branch(run: ScenarioRun, index: int) -> ScenarioRun:
        taken = ScenarioRun(scenario, run.current, list(run.taken))
        taken.choose(index)
        return taken

    return every_prefix(ScenarioRun(scenario), lambda r: len(r.node.choices) if isinstance(r.node, Step) else 0, branch)


def conversation_runs(conversation: Conversation) -> Iterator[tuple[tuple[int, ...], ConversationRun]]:
    def branch(run: ConversationRun, index: int) -> ConversationRun:
        taken = ConversationRun(conversation, run.current, run.safety, list(run.taken))
        taken.reply(index)
        return taken

    return every_prefix(
        ConversationRun(conversation), lambda r: len(r.node.replies) if isinstance(r.node, Turn) else 0, branch
    )


def compile_scenario(scenario: Scenario) -> dict[str, Any]:
    text = Texts()
    steps = {
        sid: {
            "text": text(step.text),
            "choices": [
                {"text": text(c.text), "band": c.band, "feedback": text(c.feedback), "breaks": list(c.breaks)}
                for c in step.choices
            ],
        }
        for sid, step in scenario.steps.items()
    }
    used = {r for step in scenario.steps.values() for c in step.choices for r in c.breaks}
    return document(
        "scenario",
        scenario.name,
        scenario_runs(scenario),
        used,
        text,
        {
            "title": text(scenario.title),
            "summary": text(scenario.summary),
            "content_note": text(scenario.content_note) if scenario.content_note else None,
            "longest_path": scenario.longest_path,
            "steps": steps,
            "endings": {eid: {"title": text(e.title)} for eid, e in scenario.endings.items()},
            "rule_broken_title": text(RULE_BROKEN_TITLE),
            "duty": text(DUTY_TO_REPORT) if scenario.about_a_concern else None,
            "sources": list(scenario.sources),
        },
    )


def compile_conversation(conversation: Conversation) -> dict[str, Any]:
    text = Texts()
    turns = {
        tid: {
            "child_says": text(turn.child_says),
            "note": text(turn.note) if turn.note else None,
            "replies": [
                {"text": text(r.text), "feedback": text(r.feedback), "breaks": list(r.breaks)} for r in turn.replies
            ],
        }
        for tid, turn in conversation.turns.items()
    }
    endings = {
        eid: {"title": text(e.title), "child_says": text(e.child_says) if e.child_says else None}
        for eid, e in conversation.endings.items()
    }
    used = {r for turn in conversation.turns.values() for reply in turn.replies for r in reply.breaks}
    return document(
        "conversation",
        conversation.name,
        conversation_runs(conversation),
        used,
        text,
        {
            "title": text(conversation.title),
            "child": {"name": conversation.child_name, "age": conversation.child_age},
            "situation": text(conversation.situation),
            "setting": text(conversation.setting),
            "content_note": text(conversation.content_note) if conversation.content_note else None,
            "max_safety": MAX_SAFETY,
            "safety_words": [SAFETY_WORDS[n] for n in range(MAX_SAFETY + 1)],
            "techniques": list(TECHNIQUES.values()),
            "turns": turns,
            "endings": endings,
            "duty": text(DUTY_TO_REPORT),
            "sources": list(conversation.sources),
        },
    )
