"""The debrief of one path, built from what that path actually did.

Endings are shared by many paths, so an authored sentence may only state what the learner did when
it carries `when:` facts, and it is shown only on paths whose choices set every one of them (`does:`
tags). Rules broken, what helped and what to revisit come from the choices taken, never from the
ending. So no debrief can praise an action the learner did not take (docs/authoring.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import CourseDataError
from .rules import Rule

RULE_BROKEN_TITLE = "A safeguarding rule was broken on this path"

# A sentence that tells the learner what they did ("you called", "you did not look", "you were
# honest"). Untagged lines must be general teaching; a claim about the path needs `when:` facts.
_PAST = (
    r"\w+ed|did|didn't|were|weren't|kept|told|gave|made|said|went|sent|saw|left|let|got|chose|put|"
    r"spoke|found|thought|knew|felt|wrote|took|brought|began|stayed|meant|heard|held|stood|walked|"
    r"sat|ran|paid|read|showed|managed|answered|avoided|offered|decided|handled|named"
)
CLAIM = re.compile(
    rf"\byou(?:'d| had| have)?\s+(?:(?:not|never|also|all|both|then|still|even|really|just|"
    rf"already|rightly|calmly|clearly|quickly|kindly|gently|honestly)\s+)*(?:{_PAST})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DebriefLine:
    """An authored paragraph of a debrief, shown only on paths that set every fact in ``when``."""

    text: str
    when: frozenset[str] = frozenset()

    def holds(self, facts: set[str] | frozenset[str]) -> bool:
        return self.when <= facts


def parse_lines(path: Path, field: str, raw, facts_set: set[str]) -> tuple[DebriefLine, ...]:
    """Read an ending's `debrief` (text, or a list of text and {text, when}) and check its claims."""
    items = [raw] if isinstance(raw, str) else list(raw)
    lines = []
    for index, item in enumerate(items):
        where = field if isinstance(raw, str) else f"{field}[{index}]"
        text, when = (item, []) if isinstance(item, str) else (item["text"], item.get("when", []))
        for fact in when:
            if fact not in facts_set:
                raise CourseDataError(
                    path,
                    f"{where}.when",
                    f"fact '{fact}' is not set by any `does:` in this file "
                    f"(facts here: {', '.join(sorted(facts_set)) or 'none'})",
                )
        if not when:
            check_no_claim(path, where, text)
        lines.append(DebriefLine(text.strip(), frozenset(when)))
    return tuple(lines)


def check_no_claim(path: Path, field: str, text: str) -> None:
    """Refuse text shown on many paths that tells the learner what they did."""
    match = CLAIM.search(text)
    if match:
        raise CourseDataError(
            path,
            field,
            f'says what the learner did ("{match.group(0)}") but is shown on '
            "every path to this ending: give it `when:` facts, or word it as general advice",
        )


@dataclass(frozen=True)
class Broken:
    """A rule broken on the path, and the words the learner chose that broke it."""

    rule: Rule
    said: str


@dataclass(frozen=True)
class Debrief:
    """Everything the debrief says about one path."""

    title: str
    outcome: str
    ends_well: bool
    lines: tuple[str, ...]
    went_well: tuple[str, ...]
    broken: tuple[Broken, ...]
    slips: tuple[str, ...] = ()
    revisit: tuple[str, ...] = ()


def broken_rules(taken: Iterable[tuple[str, tuple[str, ...]]], rules: dict[str, Rule]) -> tuple[Broken, ...]:
    """One entry per (rule, words) from the (words, breaks) of each choice taken, in path order."""
    seen: dict[tuple[str, str], Broken] = {}
    for said, breaks in taken:
        for rule_id in breaks:
            seen.setdefault((rule_id, said), Broken(rules[rule_id], said))
    return tuple(seen.values())


def shown_lines(lines: Iterable[DebriefLine], facts: set[str]) -> tuple[str, ...]:
    return tuple(line.text for line in lines if line.holds(facts))
