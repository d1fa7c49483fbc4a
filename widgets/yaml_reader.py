"""Read a YAML data file strictly: duplicate keys and syntax errors become CourseDataError.

PyYAML silently keeps the last of two identical keys; in a scenario that would drop a step or a
choice without a word, so duplicates are refused here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import CourseDataError


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key '{key}' (first on line {seen[key] + 1})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay text ("2026-11-28"): the schemas check their form, and authors see what they typed.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> Any:
    """Return the parsed content of ``path`` or raise CourseDataError saying what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CourseDataError(path, "(file)", "file not found") from None
    except UnicodeDecodeError as err:
        raise CourseDataError(path, "(file)", f"not UTF-8 text ({err.reason})") from None
    if not text.strip():
        raise CourseDataError(path, "(file)", "file is empty")
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        problem = err.problem or err.context or "invalid YAML"
        raise CourseDataError(path, "(file)", f"invalid YAML at {where}: {problem}") from None
    except yaml.YAMLError as err:
        raise CourseDataError(path, "(file)", f"invalid YAML: {err}") from None
