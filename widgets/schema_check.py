"""Validate parsed data against the course's JSON Schemas and turn the first problem into plain words."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from .errors import CourseDataError


@cache
def _validator(kind: str) -> Draft202012Validator:
    text = resources.files(__package__).joinpath("schemas", f"{kind}.schema.json").read_text()
    return Draft202012Validator(json.loads(text))


def field_name(parts) -> str:
    """Render a JSON path as a reader sees it: ``steps.arrival.choices[0].next``."""
    name = ""
    for part in parts:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "(top level)"


def _explain(error: ValidationError) -> tuple[str, str]:
    """Return (field, reason) for one schema error, worded for an author rather than a programmer."""
    path = list(error.absolute_path)
    value = error.instance
    kind = error.validator
    if kind == "required":
        missing = next(p for p in error.validator_value if p not in value)
        return field_name([*path, missing]), "required field is missing"
    if kind == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        extra = sorted(set(value) - set(known))
        return field_name([*path, extra[0]]), f"unknown field (allowed here: {', '.join(known)})"
    if kind == "type":
        expected = error.validator_value
        return field_name(path), f"must be {_article(expected)}, not {_describe(value)}"
    if kind in ("minLength", "minItems", "minProperties"):
        return field_name(path), f"is too short or empty (at least {error.validator_value} needed)"
    if kind in ("maxItems",):
        return field_name(path), f"has too many entries (at most {error.validator_value})"
    if kind in ("minimum", "maximum", "exclusiveMinimum"):
        return field_name(path), f"value {value!r} is out of range: {error.message}"
    if kind == "pattern":
        return field_name(path), f"{value!r} is not a valid name (use lower-case letters, digits and _)"
    if kind == "propertyNames":
        bad = error.instance if not isinstance(error.instance, dict) else "a name"
        return field_name(path), f"{bad!r} is not a valid name (use lower-case letters, digits and _)"
    if kind == "uniqueItems":
        return field_name(path), "lists the same entry twice"
    return field_name(path), error.message


def _article(expected: Any) -> str:
    words = {"object": "a mapping of fields", "array": "a list", "string": "text",
             "integer": "a whole number", "number": "a number", "boolean": "true or false"}
    if isinstance(expected, list):
        return " or ".join(words.get(e, e) for e in expected)
    return words.get(expected, expected)


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def check(kind: str, data: Any, path: Path) -> None:
    """Raise CourseDataError for the most relevant schema problem in ``data``, if any."""
    error = best_match(_validator(kind).iter_errors(data))
    if error is not None:
        field, reason = _explain(error)
        raise CourseDataError(path, field, reason)
