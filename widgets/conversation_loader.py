"""Load a conversation file: schema, graph rules, and the endings that every conversation needs."""

from __future__ import annotations

from pathlib import Path

from .conversation import Conversation, ConversationEnding, Reply, Turn
from .debrief import check_no_claim, parse_lines
from .errors import CourseDataError
from .graph import check_graph, check_sources
from .rules import check_breaks
from .scenario_loader import setting_fields
from .schema_check import check
from .yaml_reader import read_yaml


def _reply(path: Path, field: str, raw: dict) -> Reply:
    breaks = check_breaks(path, f"{field}.breaks", raw.get("breaks", ()))
    if breaks and raw["effect"] > 0:
        raise CourseDataError(
            path,
            f"{field}.effect",
            f"+{raw['effect']} for a reply that breaks a rule "
            f"({', '.join(breaks)}); a rule-breaking reply never makes the child feel safer "
            "(use 0 or less)",
        )
    return Reply(
        raw["text"],
        raw["effect"],
        raw["feedback"],
        raw["next"],
        tuple(raw.get("uses", ())),
        tuple(raw.get("mistakes", ())),
        breaks,
        tuple(raw.get("does", ())),
    )


def load_conversation(path: Path, known_sources: set[str] | None = None) -> Conversation:
    """Return the checked Conversation in ``path``; any problem raises CourseDataError."""
    data = read_yaml(path)
    check("conversation", data, path)
    turns = {
        tid: Turn(
            tid,
            t["child_says"],
            tuple(_reply(path, f"nodes.{tid}.replies[{i}]", r) for i, r in enumerate(t["replies"])),
            t.get("note", ""),
        )
        for tid, t in data["nodes"].items()
    }
    facts = {fact for turn in turns.values() for r in turn.replies for fact in r.does}
    endings = {}
    for eid, e in data["endings"].items():
        check_no_claim(path, f"endings.{eid}.title", e["title"])
        endings[eid] = ConversationEnding(
            eid,
            e["outcome"],
            e["title"],
            parse_lines(path, f"endings.{eid}.debrief", e["debrief"], facts),
            e.get("child_says", ""),
        )
    links = {
        tid: [(f"nodes.{tid}.replies[{i}].next", r.next) for i, r in enumerate(t.replies)] for tid, t in turns.items()
    }
    shut = data["shut_down"]
    if shut not in endings or endings[shut].outcome != "poor":
        raise CourseDataError(path, "shut_down", f"'{shut}' must name an ending whose outcome is poor")
    # The shut-down ending is reached by the safety rule, not by a link; the graph check counts it.
    links_with_shutdown = {tid: [*edges, ("shut_down", shut)] for tid, edges in links.items()}
    check_graph(path, data["start"], links_with_shutdown, set(endings), node_group="nodes")
    for wanted in ("good", "poor"):
        if not any(e.outcome == wanted for e in endings.values()):
            raise CourseDataError(path, "endings", f"needs at least one ending whose outcome is {wanted}")
    check_sources(path, data["sources"], known_sources)
    child = data["child"]
    return Conversation(
        name=path.stem,
        title=data["title"],
        child_name=child["name"],
        child_age=child["age"],
        situation=child["situation"],
        setting=data["setting"],
        start=data["start"],
        start_safety=data["start_safety"],
        shut_down=shut,
        turns=turns,
        endings=endings,
        sources=tuple(data["sources"]),
        path=path,
        **setting_fields(data),
    )
