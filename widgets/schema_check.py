"""Validate parsed data against the course's JSON Schemas and turn the first problem into plain words.

fastjsonschema compiles each schema once and imports in milliseconds (jsonschema's optional format
grammars cost seconds on every Voilà page view); its first error is turned into (field, reason).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import fastjsonschema

from .errors import CourseDataError

_WORDS = {
    "object": "a mapping of fields",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


@cache
def _validator(kind: str):
    text = resources.files(__package__).joinpath("schemas", f"{kind}.schema.json").read_text()
    return fastjsonschema.compile(json.loads(text))


def _field(name: str | None) -> str:
    """fastjsonschema names fields 'data.steps.first'; authors see 'steps.first'."""
    field = re.sub(r"^data\.?", "", name or "")
    return field or "(top level)"


def _joined(field: str, key: str) -> str:
    return key if field == "(top level)" else f"{field}.{key}"


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def _explain(error: fastjsonschema.JsonSchemaValueException) -> tuple[str, str]:
    """Return (field, reason) for one schema error, worded for an author rather than a programmer."""
    field, value, rule, definition = _field(error.name), error.value, error.rule, error.definition or {}
    if rule == "required":
        missing = next(k for k in definition["required"] if k not in value)
        return _joined(field, missing), "required field is missing"
    if rule == "additionalProperties":
        known = sorted(definition.get("properties", {}))
        extra = sorted(set(value) - set(known))
        return _joined(field, extra[0]), f"unknown field (allowed here: {', '.join(known)})"
    if rule == "type":
        expected: str | list[str] = definition["type"]
        wanted = " or ".join(_WORDS.get(t, t) for t in (expected if isinstance(expected, list) else [expected]))
        return field, f"must be {wanted}, not {_describe(value)}"
    if rule in ("minLength", "minItems", "minProperties"):
        return field, f"is too short or empty (at least {definition[rule]} needed)"
    if rule == "maxItems":
        return field, f"has too many entries (at most {definition[rule]})"
    if rule in ("minimum", "maximum", "exclusiveMinimum"):
        return field, f"value {value!r} is out of range ({rule} {definition[rule]})"
    if rule == "pattern" and definition.get("pattern", "").startswith("^https"):
        return field, f"{value!r} must be an address starting with https://"
    if rule == "pattern" and "[0-9]{4}" in definition.get("pattern", ""):
        return field, f"{value!r} must be a date written like 2026-11-28"
    if rule in ("pattern", "propertyNames"):
        return field, f"{value!r} is not a valid name (use lower-case letters, digits and _)"
    if rule == "enum":
        return field, f"{value!r} is not one of: {', '.join(map(str, definition['enum']))}"
    if rule == "uniqueItems":
        return field, "lists the same entry twice"
    return field, error.message


def check(kind: str, data: Any, path: Path) -> None:
    """Raise CourseDataError for the first schema problem in ``data``, if any."""
    try:
        _validator(kind)(data)
    except fastjsonschema.JsonSchemaValueException as error:
        field, reason = _explain(error)
        raise CourseDataError(path, field, reason) from None
