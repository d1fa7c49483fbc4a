"""Load a scenario file: schema first, then the checks a schema cannot express (links, loops, the
hard rules' tags and the debrief lines' facts)."""

from __future__ import annotations

from pathlib import Path

from .bands import BANDS
from .debrief import check_no_claim, parse_lines
from .errors import CourseDataError
from .graph import check_graph, check_sources
from .rules import check_breaks
from .scenario import Choice, Ending, Scenario, Step
from .schema_check import check
from .yaml_reader import read_yaml

LOWEST_BAND = BANDS[0]


def setting_fields(data: dict) -> dict:
    """Where a story is set, the topics it practises and its content note (shared with conversations)."""
    place = data.get("place", {})
    return {
        "place": (place.get("country", ""), place.get("continent", "")),
        "topics": tuple(data.get("topics", ())),
        "content_note": data.get("content_note", ""),
    }


def _choice(path: Path, field: str, raw: dict) -> Choice:
    breaks = check_breaks(path, f"{field}.breaks", raw.get("breaks", ()))
    if breaks and raw["band"] != LOWEST_BAND:
        raise CourseDataError(
            path,
            f"{field}.band",
            f"'{raw['band']}' for a choice that breaks a rule "
            f"({', '.join(breaks)}); a rule-breaking choice is always '{LOWEST_BAND}'",
        )
    return Choice(
        raw["text"],
        raw["band"],
        raw["feedback"],
        raw["next"],
        raw.get("revisit", ""),
        breaks,
        tuple(raw.get("does", ())),
    )


def load_scenario(path: Path, known_sources: set[str] | None = None) -> Scenario:
    """Return the checked Scenario in ``path``; any problem raises CourseDataError."""
    data = read_yaml(path)
    check("scenario", data, path)
    steps = {
        sid: Step(
            sid, s["text"], tuple(_choice(path, f"steps.{sid}.choices[{i}]", c) for i, c in enumerate(s["choices"]))
        )
        for sid, s in data["steps"].items()
    }
    facts = {fact for step in steps.values() for c in step.choices for fact in c.does}
    endings = {}
    for eid, e in data["endings"].items():
        check_no_claim(path, f"endings.{eid}.title", e["title"])
        endings[eid] = Ending(eid, e["title"], parse_lines(path, f"endings.{eid}.debrief", e["debrief"], facts))
    links = {
        sid: [(f"steps.{sid}.choices[{i}].next", c.next) for i, c in enumerate(step.choices)]
        for sid, step in steps.items()
    }
    check_graph(path, data["start"], links, set(endings))
    check_sources(path, data["sources"], known_sources)
    return Scenario(
        name=path.stem,
        title=data["title"],
        summary=data["summary"],
        start=data["start"],
        steps=steps,
        endings=endings,
        sources=tuple(data["sources"]),
        path=path,
        **setting_fields(data),
    )
