"""JSON Schema validation with messages that name the field and the fix."""

from __future__ import annotations

import difflib
import functools
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema_rs

from .errors import MicrocredError

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"
PROPOSAL_SCHEMA = "proposal.schema.json"
GOVERNANCE_SCHEMA = "governance.schema.json"


@dataclass(frozen=True)
class SchemaProblem:
    """One schema violation: where it is, what is wrong, what to do."""

    path: tuple[str | int, ...]
    message: str
    hint: str
    #: The field the problem is about, when it differs from ``path`` (the place to
    #: point at): a missing field is reported at its parent's line.
    field: tuple[str | int, ...] | None = None


def schema_dir() -> Path:
    """Return the folder of the JSON Schemas.

    An editable install reads the schemas of its own checkout. An installed copy,
    such as the one pre-commit builds, has no such folder and reads the schemas of
    the catalogue repository it runs in.
    """
    if (SCHEMA_DIR / PROPOSAL_SCHEMA).is_file():
        return SCHEMA_DIR
    from .repo import find_root

    found = find_root() / "schema"
    if not (found / PROPOSAL_SCHEMA).is_file():
        raise MicrocredError(
            f"{found / PROPOSAL_SCHEMA} not found",
            "run microcred inside a catalogue repository that has the schema/ folder",
        )
    return found


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    with open(schema_dir() / name, encoding="utf-8") as handle:
        result: dict[str, Any] = json.load(handle)
    return result


@functools.cache
def _validator(name: str) -> Any:
    return jsonschema_rs.Draft202012Validator(load_schema(name), validate_formats=True)


def validate(name: str, data: Any, plain: bool = False) -> list[SchemaProblem]:
    """Validate ``data`` against the schema file ``name``; no problems means valid.

    Pass ``plain=True`` when ``data`` already contains dates as text.
    """
    validator = _validator(name)
    instance = data if plain else _jsonable(data)
    if validator.is_valid(instance):
        return []
    schema = load_schema(name)
    problems: list[SchemaProblem] = []
    for error in validator.iter_errors(instance):
        if _keyword(error) == "additionalProperties":
            problems.extend(_unknown_fields(schema, instance, error))
        else:
            problems.append(_explain(schema, instance, error))
    return problems


def _keyword(error: Any) -> str:
    schema_path = list(error.schema_path)
    return str(schema_path[-1]) if schema_path else ""


def _unknown_fields(
    schema: dict[str, Any], data: Any, error: Any
) -> list[SchemaProblem]:
    """Report every unknown field of one mapping; the validator reports them as one."""
    path = tuple(error.instance_path)
    sub = _subschema(schema, list(error.schema_path)[:-1])
    allowed = sorted(sub.get("properties", {})) if isinstance(sub, dict) else []
    value = _value_at(data, path)
    extras = [k for k in value if k not in allowed] if isinstance(value, dict) else []
    problems = []
    for extra in extras or ["?"]:
        close = difflib.get_close_matches(extra, allowed, n=1)
        tip = (
            f"did you mean `{close[0]}`?"
            if close
            else f"allowed fields here: {', '.join(allowed)}"
        )
        problems.append(
            SchemaProblem(
                path + (extra,),
                f"unknown field `{_join(path, extra)}`",
                f"{tip} Remove or rename it.",
            )
        )
    return problems


def _jsonable(value: Any) -> Any:
    """Turn YAML dates into ISO strings, as JSON Schema expects text for dates."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text.replace("+00:00", "Z")
    return value


def _explain(schema: dict[str, Any], data: Any, error: Any) -> SchemaProblem:
    path = tuple(error.instance_path)
    schema_path = list(error.schema_path)
    keyword = schema_path[-1] if schema_path else ""
    sub = _subschema(schema, schema_path[:-1])
    name = _field_name(path)
    value = _value_at(data, path)
    examples = sub.get("examples") if isinstance(sub, dict) else None
    example = (
        f" For example: {json.dumps(examples[0], ensure_ascii=False)}."
        if examples and not isinstance(examples[0], dict | list)
        else ""
    )

    if keyword == "required":
        missing = _missing_key(error.message)
        prop = (
            sub.get("properties", {}).get(missing, {}) if isinstance(sub, dict) else {}
        )
        about = prop.get("description", "") if isinstance(prop, dict) else ""
        return SchemaProblem(
            path,
            f"missing required field `{_join(path, missing)}`",
            f"add `{missing}:`. {about}".strip(),
            path + (missing,),
        )
    if keyword == "const" and path and path[-1] == "credit_bearing":
        return SchemaProblem(
            path,
            "`credit_bearing` must be false: micro-credentials in this catalogue carry no academic credit",
            "write `credit_bearing: false`; propose credit-bearing programs through the curriculum process instead",
        )
    if keyword == "minimum" and path and path[-1] == "passing_score":
        return SchemaProblem(
            path,
            f"passing score {value} is below 80",
            "the passing score may be raised above 80 but never lowered; write 80 or more",
        )
    if keyword == "enum":
        allowed = ", ".join(str(v) for v in sub.get("enum", []))
        close = difflib.get_close_matches(
            str(value), [str(v) for v in sub.get("enum", [])], n=1
        )
        tip = f" Did you mean `{close[0]}`?" if close else ""
        return SchemaProblem(
            path,
            f"`{name}` is {_shorten(json.dumps(value, ensure_ascii=False))}, which is not an allowed value",
            f"use one of: {allowed}.{tip}",
        )
    if keyword == "type":
        expected = sub.get("type")
        hint = f"write {_type_words(expected)}.{example}"
        if expected == "boolean" or (
            isinstance(value, str) and value.lower() in {"yes", "no", "on", "off"}
        ):
            hint = "write true or false without quotes; yes/no/on/off are read as text"
        return SchemaProblem(
            path,
            f"`{name}` must be {_type_words(expected)}, not {_describe(value)}",
            hint,
        )
    if keyword in ("pattern", "format"):
        about = sub.get("description", "") if isinstance(sub, dict) else ""
        if not about and len(schema_path) > 2 and schema_path[-2] == "items":
            # A list item's format is described on the list itself.
            parent = _subschema(schema, schema_path[:-2])
            parent_about = parent.get("description") if isinstance(parent, dict) else ""
            about = f"each entry: {parent_about}" if parent_about else ""
        return SchemaProblem(
            path,
            f"`{name}` has an invalid format: {_shorten(json.dumps(value, ensure_ascii=False))}",
            f"{about}{example}".strip()
            or "write the value in the format the field reference gives",
        )
    if keyword in _LIMIT_KEYWORDS:
        return _limit_problem(path, name, keyword, sub, value, error.message)
    return SchemaProblem(
        path,
        f"`{name or 'record'}`: {_shorten(error.message)}",
        f"{sub.get('description', '') if isinstance(sub, dict) else ''}".strip()
        or "see the field reference",
    )


_LIMIT_KEYWORDS = {
    "minItems",
    "maxItems",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "uniqueItems",
}
_YAML_SPECIAL = {"nan": ".nan", "inf": ".inf", "-inf": "-.inf"}
#: Characters of a field's value or of a validator message quoted in a finding.
MAX_QUOTED = 120


def _limit_problem(
    path: tuple[str | int, ...],
    name: str,
    keyword: str,
    sub: Any,
    value: Any,
    message: str,
) -> SchemaProblem:
    """Explain a size or range limit without quoting a long value in full."""
    sub = sub if isinstance(sub, dict) else {}
    limit = sub.get(keyword)
    about = str(sub.get("description", "")).strip()
    if keyword in ("minLength", "maxLength") and isinstance(value, str):
        bound = "at least" if keyword == "minLength" else "at most"
        text = f"`{name}` has {len(value)} characters; it must have {bound} {limit}"
        fix = "lengthen the text" if keyword == "minLength" else "shorten the text"
    elif keyword in ("minItems", "maxItems") and isinstance(value, list):
        bound = "at least" if keyword == "minItems" else "at most"
        text = f"`{name}` has {len(value)} entries; it must have {bound} {limit}"
        fix = "add entries" if keyword == "minItems" else "remove entries"
    elif keyword == "uniqueItems":
        text = f"`{name}` lists the same entry more than once"
        fix = "remove the repeated entries"
    else:
        text = f"`{name}`: {_shorten(message)}"
        fix = "change the value to fit the allowed range"
    return SchemaProblem(path, text, f"{fix}. {about}".strip())


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_QUOTED else text[: MAX_QUOTED - 3] + "..."


def _subschema(schema: dict[str, Any], parts: list[Any]) -> Any:
    node: Any = schema
    for part in parts:
        if isinstance(node, dict):
            node = node.get(part, {})
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return {}
    return node


def _value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _missing_key(message: str) -> str:
    return message.split('"')[1] if message.count('"') >= 2 else message


def _field_name(path: tuple[str | int, ...]) -> str:
    from .findings import format_field_path

    return format_field_path(path)


def _join(path: tuple[str | int, ...], key: str) -> str:
    return _field_name(path + (key,))


def _type_words(expected: Any) -> str:
    words = {
        "string": "text",
        "number": "a number",
        "integer": "a whole number",
        "boolean": "true or false",
        "array": "a list",
        "object": "a mapping of fields",
        "null": "empty",
    }
    if isinstance(expected, list):
        return " or ".join(words.get(str(t), str(t)) for t in expected)
    return words.get(str(expected), str(expected))


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the text {json.dumps(value, ensure_ascii=False)[:60]}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"the non-finite value {_YAML_SPECIAL.get(str(value), str(value))}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def iter_schema_fields(
    schema: dict[str, Any], prefix: str = ""
) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """Yield ``(dotted name, subschema, required)`` for every documented field."""
    required = set(schema.get("required", []))
    for name, sub in schema.get("properties", {}).items():
        dotted = f"{prefix}{name}"
        yield dotted, sub, name in required
        if sub.get("type") == "object":
            yield from iter_schema_fields(sub, dotted + ".")
        items = sub.get("items")
        if (
            sub.get("type") == "array"
            and isinstance(items, dict)
            and items.get("type") == "object"
        ):
            yield from iter_schema_fields(items, dotted + "[].")
