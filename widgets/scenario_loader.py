"""Load a scenario file: schema first, then the checks a schema cannot express (links, loops)."""

from __future__ import annotations

from pathlib import Path

from .graph import check_graph, check_sources
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
    links = {sid: [(f"steps.{sid}.choices[{i}].next", c.next) for i, c in enumerate(step.choices)]
             for sid, step in steps.items()}
    check_graph(path, data["start"], links, set(endings))
    check_sources(path, data["sources"], known_sources)
    return Scenario(
        name=path.stem, title=data["title"], summary=data["summary"], start=data["start"],
        steps=steps, endings=endings, sources=tuple(data["sources"]), path=path,
    )
