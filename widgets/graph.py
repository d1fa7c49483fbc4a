"""Checks shared by every branching data file: links resolve, all reachable, no loops.

A scenario and a conversation are both graphs of named nodes; these rules are what make "every
path ends in a debrief" true, so they live in one place.
"""

from __future__ import annotations

from pathlib import Path

from .errors import CourseDataError


def check_graph(
    path: Path, start: str, links: dict[str, list[tuple[str, str]]], endings: set[str], node_group: str = "steps"
) -> None:
    """``links`` maps each node to its (field, target) pairs; raise on the first broken rule."""
    clash = sorted(set(links) & endings)
    if clash:
        raise CourseDataError(path, f"endings.{clash[0]}", f"a {node_group[:-1]} has the same name; names must differ")
    if start not in links:
        raise CourseDataError(path, "start", f"'{start}' is not one of the {node_group} ({', '.join(sorted(links))})")
    for targets in links.values():
        for field, target in targets:
            if target not in links and target not in endings:
                raise CourseDataError(path, field, f"'{target}' is neither a {node_group[:-1]} nor an ending")
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> None:
        if state.get(node) == "open":
            loop = " → ".join([*trail[trail.index(node) :], node])
            raise CourseDataError(path, f"{node_group}.{node}", f"the path loops back on itself ({loop})")
        if node in state:
            return
        state[node] = "open"
        for _field, target in links.get(node, []):
            visit(target, [*trail, node])
        state[node] = "done"

    visit(start, [])
    for group, names in ((node_group, list(links)), ("endings", sorted(endings))):
        for name in names:
            if name not in state:
                raise CourseDataError(path, f"{group}.{name}", "cannot be reached from the start")


def check_sources(path: Path, keys, known: set[str] | None, field: str = "sources") -> None:
    """Every source key must be in the bibliography (when the bibliography is given)."""
    if known is None:
        return
    for index, key in enumerate(keys):
        if key not in known:
            raise CourseDataError(
                path, f"{field}[{index}]", f"'{key}' is not in the bibliography (modules/sources.yaml)"
            )
