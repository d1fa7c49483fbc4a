"""Load a conversation file: schema, graph rules, and the endings that every conversation needs."""

from __future__ import annotations

from pathlib import Path

from .conversation import Conversation, ConversationEnding, Reply, Turn
from .errors import CourseDataError
from .graph import check_graph, check_sources
from .schema_check import check
from .yaml_reader import read_yaml


def load_conversation(path: Path, known_sources: set[str] | None = None) -> Conversation:
    """Return the checked Conversation in ``path``; any problem raises CourseDataError."""
    data = read_yaml(path)
    check("conversation", data, path)
    turns = {
        tid: Turn(tid, t["child_says"], tuple(
            Reply(r["text"], r["effect"], r["feedback"], r["next"], tuple(r.get("uses", ())),
                  tuple(r.get("mistakes", ()))) for r in t["replies"]), t.get("note", ""))
        for tid, t in data["nodes"].items()
    }
    endings = {eid: ConversationEnding(eid, e["outcome"], e["title"], e["debrief"], e.get("child_says", ""))
               for eid, e in data["endings"].items()}
    links = {tid: [(f"nodes.{tid}.replies[{i}].next", r.next) for i, r in enumerate(t.replies)]
             for tid, t in turns.items()}
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
        name=path.stem, title=data["title"], child_name=child["name"], child_age=child["age"],
        situation=child["situation"], setting=data["setting"], start=data["start"],
        start_safety=data["start_safety"], shut_down=shut, turns=turns, endings=endings,
        sources=tuple(data["sources"]), path=path,
    )
