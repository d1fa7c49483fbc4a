"""Branching scenario: the data model and a run through it, with no ipywidgets import.

Keeping the logic here lets every path of every scenario be played in tests in milliseconds;
the view only draws what a ScenarioRun says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import bands
from .debrief import RULE_BROKEN_TITLE, Debrief, DebriefLine, broken_rules, shown_lines
from .rules import REPORTING_RULES, course_rules


@dataclass(frozen=True)
class Choice:
    """One option at a decision point, with the feedback that explains why it helps or not."""

    text: str
    band: str
    feedback: str
    next: str
    revisit: str = ""
    breaks: tuple[str, ...] = ()  # ids of the hard rules this choice breaks (rules.yaml)
    does: tuple[str, ...] = ()  # facts this choice makes true, for debrief lines that state them


@dataclass(frozen=True)
class Step:
    """A decision point: a situation and the choices the learner has."""

    id: str
    text: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class Ending:
    """Where a path stops: a title and the debrief lines, each shown on the paths it is true of."""

    id: str
    title: str
    debrief: tuple[DebriefLine, ...]


@dataclass(frozen=True)
class Scenario:
    """A whole scenario as loaded and checked from its data file."""

    name: str
    title: str
    summary: str
    start: str
    steps: dict[str, Step]
    endings: dict[str, Ending]
    sources: tuple[str, ...]
    path: Path | None = None
    place: tuple[str, str] = ("", "")  # (country, continent) where the story is set
    topics: tuple[str, ...] = ()  # the trainer-expected topics it practises (schema enum)
    content_note: str = ""  # shown before the story, with a pointer to support

    def node(self, node_id: str) -> Step | Ending:
        return self.steps.get(node_id) or self.endings[node_id]

    @cached_property
    def about_a_concern(self) -> bool:
        """True when a choice can break a reporting rule: the story is about a concern to pass on."""
        return any(set(c.breaks) & REPORTING_RULES for step in self.steps.values() for c in step.choices)

    @cached_property
    def longest_path(self) -> int:
        """Most decisions any path asks for; the view says 'decision 2 of up to 3'."""
        depth: dict[str, int] = {}

        def visit(node_id: str) -> int:
            if node_id not in depth:
                node = self.node(node_id)
                depth[node_id] = 0 if isinstance(node, Ending) else 1 + max(visit(c.next) for c in node.choices)
            return depth[node_id]

        return visit(self.start)

    def all_paths(self) -> list[tuple[int, ...]]:
        """Every sequence of choice indexes from the start to an ending."""
        paths: list[tuple[int, ...]] = []

        def walk(node_id: str, taken: tuple[int, ...]) -> None:
            node = self.node(node_id)
            if isinstance(node, Ending):
                paths.append(taken)
                return
            for index, choice in enumerate(node.choices):
                walk(choice.next, (*taken, index))

        walk(self.start, ())
        return paths


@dataclass
class ScenarioRun:
    """One learner's way through a scenario: where they are, what they chose, their outcome."""

    scenario: Scenario
    current: str = ""
    taken: list[tuple[str, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.current = self.current or self.scenario.start

    @property
    def node(self) -> Step | Ending:
        return self.scenario.node(self.current)

    @property
    def finished(self) -> bool:
        return isinstance(self.node, Ending)

    @property
    def choices_taken(self) -> list[Choice]:
        return [self.scenario.steps[step].choices[i] for step, i in self.taken]

    @property
    def rules_broken(self) -> list[str]:
        """Ids of the hard rules broken so far, in the order first broken."""
        return list(dict.fromkeys(r for c in self.choices_taken for r in c.breaks))

    @property
    def outcome(self) -> str:
        """The outcome band of the path so far (see bands.OUTCOME_RULE)."""
        return bands.outcome([c.band for c in self.choices_taken], broke_a_rule=bool(self.rules_broken))

    @property
    def facts(self) -> set[str]:
        return {fact for c in self.choices_taken for fact in c.does}

    @property
    def to_revisit(self) -> list[str]:
        """What the learner should look at again: the 'revisit' notes of choices short of secure."""
        notes = [c.revisit for c in self.choices_taken if c.band != "secure" and c.revisit]
        return list(dict.fromkeys(notes))

    def debrief(self) -> Debrief:
        """The debrief of the path taken: only what it did, each rule it broke, what to revisit."""
        ending = self.node
        if not isinstance(ending, Ending):
            raise RuntimeError(f"scenario '{self.scenario.name}' has not ended yet")
        broken = broken_rules(((c.text, c.breaks) for c in self.choices_taken), course_rules())
        outcome = self.outcome
        return Debrief(
            title=RULE_BROKEN_TITLE if broken else ending.title,
            outcome=outcome,
            ends_well=bands.ends_well(outcome),
            lines=shown_lines(ending.debrief, self.facts),
            went_well=tuple(c.text for c in self.choices_taken if c.band == "secure"),
            broken=broken,
            revisit=tuple(self.to_revisit),
        )

    @property
    def decision_number(self) -> int:
        """1-based number of the decision now on screen."""
        return len(self.taken) + 1

    def choose(self, index: int) -> Choice:
        """Take choice ``index`` at the current step; return it so its feedback can be shown."""
        node = self.node
        if not isinstance(node, Step):
            raise RuntimeError(f"scenario '{self.scenario.name}' has ended; restart to play again")
        if not 0 <= index < len(node.choices):
            raise IndexError(f"step '{node.id}' has {len(node.choices)} choices, not {index + 1}")
        choice = node.choices[index]
        self.taken.append((node.id, index))
        self.current = choice.next
        return choice

    def restart(self) -> None:
        self.current = self.scenario.start
        self.taken.clear()
