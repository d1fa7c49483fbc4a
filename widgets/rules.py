"""The hard safeguarding rules, kept as data in rules.yaml beside this file, and the one check that
every kind of practice item shares: a `breaks` tag names a rule from that closed list.

Practice teaches more than text, so a choice that breaks one of these rules is always scored as the
weakest response, wherever it appears (docs/authoring.md, "The hard rules").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .errors import CourseDataError
from .schema_check import check
from .yaml_reader import read_yaml

RULES_FILE = Path(str(resources.files(__package__).joinpath("rules.yaml")))
# A choice that can break one of these means the story is about a concern someone must pass on.
REPORTING_RULES = frozenset({"emergency_first", "pass_on_now", "right_route"})
# Closes every conversation and every scenario about a concern: the principle that holds everywhere,
# England's name for the designated person as a labelled example, and the reader's own legal duty.
DUTY_TO_REPORT = (
    "Whatever happened in this practice, your duty is the same: write down what the child said, "
    "in their own words, with the date and time, and pass it to your setting's designated person (in "
    "England, the designated safeguarding lead) at once. If the child is in immediate danger, call the "
    "police or emergency services first. If the law where you work gives you a personal duty to report "
    "to the authorities, do that too. Follow your own setting's policy and local law."
)


@dataclass(frozen=True)
class Rule:
    """One hard rule: a short name, what to do, why, and where that comes from."""

    id: str
    name: str
    statement: str
    why: str
    sources: tuple[str, ...]
    exception: str = ""
    exception_sources: tuple[str, ...] = ()


def load_rules(path: Path = RULES_FILE) -> dict[str, Rule]:
    """Read and check the rules file; a bad entry raises CourseDataError naming it."""
    data = read_yaml(path)
    check("rules", data, path)
    rules = {}
    for rule_id, entry in data["rules"].items():
        if ("exception" in entry) != ("exception_sources" in entry):
            raise CourseDataError(
                path, f"rules.{rule_id}", "an exception needs exception_sources, and the other way round"
            )
        rules[rule_id] = Rule(
            rule_id,
            entry["name"],
            entry["statement"],
            entry["why"],
            tuple(entry["sources"]),
            entry.get("exception", ""),
            tuple(entry.get("exception_sources", ())),
        )
    return rules


@cache
def course_rules() -> dict[str, Rule]:
    """The course's rules, read once per process."""
    return load_rules()


def check_breaks(path: Path, field: str, tags: Iterable[str]) -> tuple[str, ...]:
    """The rule ids in ``tags``, or CourseDataError naming the first one the rules do not know."""
    known = course_rules()
    tags = tuple(tags)
    for index, tag in enumerate(tags):
        if tag not in known:
            raise CourseDataError(
                path, f"{field}[{index}]", f"unknown rule '{tag}' (the rules are: {', '.join(sorted(known))})"
            )
    return tags
