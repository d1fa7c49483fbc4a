"""Load sorting activities and reflections: schema, then the cross-field checks."""

from __future__ import annotations

from pathlib import Path

from .errors import CourseDataError
from .graph import check_sources
from .reflection import Prompt, Reflection
from .rules import check_breaks
from .schema_check import check
from .sort_activity import Sort, SortItem
from .yaml_reader import read_yaml


def load_sort(path: Path, known_sources: set[str] | None = None) -> Sort:
    data = read_yaml(path)
    check("sort", data, path)
    categories = tuple((c["id"], c["label"]) for c in data["categories"])
    ids = [c for c, _ in categories]
    if len(set(ids)) != len(ids):
        raise CourseDataError(path, "categories", "two categories share an id")
    safe = {c["id"] for c in data["categories"] if c.get("safe")}
    items = []
    for index, item in enumerate(data["items"]):
        if item["category"] not in ids:
            raise CourseDataError(
                path, f"items[{index}].category", f"'{item['category']}' is not a category ({', '.join(ids)})"
            )
        breaks = check_breaks(path, f"items[{index}].breaks", item.get("breaks", ()))
        if breaks and item["category"] in safe:
            raise CourseDataError(
                path,
                f"items[{index}].category",
                f"'{item['category']}' is a safe category, but the item breaks a rule ({', '.join(breaks)})",
            )
        items.append(SortItem(item["text"], item["category"], item["feedback"], breaks))
    check_sources(path, data["sources"], known_sources)
    return Sort(path.stem, data["title"], data["instructions"], categories, tuple(items), tuple(data["sources"]), path)


def load_reflection(path: Path) -> Reflection:
    data = read_yaml(path)
    check("reflection", data, path)
    seen: set[str] = set()
    for index, prompt in enumerate(data["prompts"]):
        if prompt["id"] in seen:
            raise CourseDataError(path, f"prompts[{index}].id", f"'{prompt['id']}' is used twice")
        seen.add(prompt["id"])
    return Reflection(
        path.stem, data["title"], data["kind"], data["intro"], tuple(Prompt(**p) for p in data["prompts"]), path
    )
