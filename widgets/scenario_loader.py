"""Load a scenario file: schema first, then the checks a schema cannot express (links, loops)."""

from __future__ import annotations

from pathlib import Path

from .errors import CourseDataError
from .scenario import Choice, Ending, Scenario, Step
from .schema_check import check
from .yaml_reader import read_yaml


def load_scenario(path: Path, known_sources: set[str] | None = None) -> Scenario:
    """Return the checked Scenario in ``path``; any problem raises CourseDataError."""
    data = read_yaml(path)
    check("scenario", data, path)
    steps = {
        sid: Step(sid, s["text"], tuple(Choice(**c) for c in s["choices"]))
        for sid, s in data["steps"].items()
    }
    endings = {eid: Ending(eid, e["title"], e["debrief"]) for eid, e in data["endings"].items()}
    scenario = Scenario(
        name=path.stem, title=data["title"], summary=data["summary"], start=data["start"],
        steps=steps, endings=endings, sources=tuple(data["sources"]), path=path,
    )
    _check_links(scenario, path)
    _check_paths(scenario, path)
    if known_sources is not None:
        for index, key in enumerate(scenario.sources):
            if key not in known_sources:
                raise CourseDataError(path, f"sources[{index}]",
                                      f"'{key}' is not in the bibliography (modules/sources.yaml)")
    return scenario


def _check_links(scenario: Scenario, path: Path) -> None:
    clash = sorted(set(scenario.steps) & set(scenario.endings))
    if clash:
        raise CourseDataError(path, f"endings.{clash[0]}", "a step has the same name; names must differ")
    names = set(scenario.steps) | set(scenario.endings)
    if scenario.start not in scenario.steps:
        raise CourseDataError(path, "start", f"'{scenario.start}' is not one of the steps "
                                             f"({', '.join(sorted(scenario.steps))})")
    for step in scenario.steps.values():
        for index, choice in enumerate(step.choices):
            if choice.next not in names:
                raise CourseDataError(
                    path, f"steps.{step.id}.choices[{index}].next",
                    f"'{choice.next}' is neither a step nor an ending",
                )


def _check_paths(scenario: Scenario, path: Path) -> None:
    """Every step and ending reachable from the start, and no path that loops back."""
    state: dict[str, str] = {}

    def visit(node_id: str, trail: list[str]) -> None:
        if state.get(node_id) == "open":
            loop = " → ".join([*trail[trail.index(node_id):], node_id])
            raise CourseDataError(path, f"steps.{node_id}", f"the path loops back on itself ({loop})")
        if node_id in state:
            return
        state[node_id] = "open"
        node = scenario.node(node_id)
        if isinstance(node, Step):
            for choice in node.choices:
                visit(choice.next, [*trail, node_id])
        state[node_id] = "done"

    visit(scenario.start, [])
    for group, nodes in (("steps", scenario.steps), ("endings", scenario.endings)):
        for node_id in nodes:
            if node_id not in state:
                raise CourseDataError(path, f"{group}.{node_id}", "cannot be reached from the start")
