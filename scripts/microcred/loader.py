"""Load one YAML file into plain data plus the source line of every field.

The C loader composes the node tree. A small walk then builds dicts, lists and
scalars, and records the line of each field path on the way. The walk enforces what
a record must never contain: duplicate keys, custom tags, and aliases that expand
past ``MAX_NODES``. Plain ``yes``, ``no``, ``on`` and ``off`` stay strings (YAML 1.2
rules), so a title such as ``No`` or a country code ``NO`` is never a boolean.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml missing from the build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

#: Nodes one document may expand to, aliases counted each time they are used.
#: A full record has a few hundred; the limit stops alias "billion laughs" bombs.
MAX_NODES = 20_000

FieldPath = tuple[str | int, ...]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_YAML11_ONLY_BOOLS = {"yes", "no", "on", "off", "y", "n"}


@dataclass
class LoadProblem:
    """Why a file could not be loaded, with the place and the fix."""

    code: str
    line: int
    message: str
    hint: str
    field: str = ""


@dataclass
class Document:
    """A loaded YAML mapping and the 1-based line of each field path."""

    data: dict[str, Any]
    lines: dict[FieldPath, int] = field(default_factory=dict)
    key_lines: dict[FieldPath, int] = field(default_factory=dict)

    def line(self, *path: str | int) -> int:
        """Return the line of ``path``, or of its nearest ancestor that exists."""
        parts = tuple(path)
        while parts:
            if parts in self.key_lines:
                return self.key_lines[parts]
            if parts in self.lines:
                return self.lines[parts]
            parts = parts[:-1]
        return self.lines.get((), 1)


class LoadError(Exception):
    def __init__(self, problem: LoadProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Builder:
    def __init__(self) -> None:
        self.lines: dict[FieldPath, int] = {}
        self.key_lines: dict[FieldPath, int] = {}
        self.count = 0
        self.top_level_line = 1

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise LoadError(
                LoadProblem(
                    "alias-budget",
                    self.top_level_line,
                    f"the document expands to more than {MAX_NODES} values",
                    "write the values out instead of repeating anchors and aliases (&name / *name)",
                )
            )
        self.lines.setdefault(path, node.start_mark.line + 1)
        if node.tag not in _STANDARD_TAGS:
            raise LoadError(
                LoadProblem(
                    "custom-tag",
                    node.start_mark.line + 1,
                    f"the tag {node.tag!r} is not allowed",
                    "remove the tag; records hold plain text, numbers, lists and mappings",
                    _format(path),
                )
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return _scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise LoadError(
                    LoadProblem(
                        "merge-key",
                        key_node.start_mark.line + 1,
                        "merge keys (<<) are not allowed",
                        "write the fields out in full",
                        _format(path),
                    )
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise LoadError(
                    LoadProblem(
                        "complex-key",
                        key_node.start_mark.line + 1,
                        "a mapping key must be plain text",
                        "use a plain name such as `title:` as the key",
                        _format(path),
                    )
                )
            key = str(key_node.value)
            child = path + (key,)
            if key in result:
                first = self.key_lines.get(child, 0)
                raise LoadError(
                    LoadProblem(
                        "duplicate-key",
                        key_node.start_mark.line + 1,
                        f"the key {key!r} appears twice (first on line {first})",
                        "keep one of the two entries and delete the other",
                        _format(child),
                    )
                )
            self.key_lines[child] = key_node.start_mark.line + 1
            if not path:
                self.top_level_line = key_node.start_mark.line + 1
            result[key] = self.build(value_node, child)
        return result


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    tag = node.tag
    if tag == "tag:yaml.org,2002:str" or node.style in ("'", '"', "|", ">"):
        return value
    if tag == "tag:yaml.org,2002:bool":
        if value.lower() in _YAML11_ONLY_BOOLS:
            return value
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:int":
        return _int(value)
    if tag == "tag:yaml.org,2002:float":
        return _float(value)
    if tag == "tag:yaml.org,2002:timestamp":
        return _timestamp(value)
    return value


def _int(value: str) -> int | str:
    text = value.replace("_", "")
    try:
        if text.lower().startswith(("0x", "-0x", "+0x")):
            return int(text, 16)
        if text.lower().startswith(("0o", "-0o")):
            return int(text, 8)
        if text.startswith("0b"):
            return int(text, 2)
        if ":" in text:
            return value
        if len(text) > 1 and text.startswith("0"):
            return int(text, 8)
        return int(text)
    except ValueError:
        return value


def _float(value: str) -> float | str:
    text = value.replace("_", "").lower()
    if text in (".inf", "+.inf"):
        return float("inf")
    if text == "-.inf":
        return float("-inf")
    if text == ".nan":
        return float("nan")
    try:
        return float(text)
    except ValueError:
        return value


def _timestamp(value: str) -> dt.date | dt.datetime | str:
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return value


def _format(path: FieldPath) -> str:
    from .findings import format_field_path

    return format_field_path(path)


def decode(raw: bytes) -> str:
    """Decode UTF-8 bytes, rejecting a BOM and invalid sequences with the line."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raise LoadError(
            LoadProblem(
                "bom",
                1,
                "the file starts with a byte order mark (BOM)",
                "save the file as UTF-8 without BOM",
            )
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LoadError(
            LoadProblem(
                "encoding",
                line,
                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                "save the file as UTF-8",
            )
        ) from None


def parse(text: str) -> Document:
    """Parse YAML text into a :class:`Document`, raising :class:`LoadError`."""
    if not text.strip():
        raise LoadError(LoadProblem("empty", 1, "the file is empty", "fill in the record; `microcred new` writes a template"))
    tab_line = _leading_tab_line(text)
    if tab_line:
        raise LoadError(
            LoadProblem(
                "tab",
                tab_line,
                "a tab character is used for indentation",
                "indent with spaces only",
            )
        )
    loader = _BaseLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.composer.ComposerError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        if "single document" in str(exc.context or ""):
            raise LoadError(
                LoadProblem(
                    "multi-document",
                    line,
                    "the file holds more than one YAML document",
                    "keep one record per file and remove the `---` separator",
                )
            ) from None
        raise LoadError(_syntax_problem(exc)) from None
    except yaml.YAMLError as exc:
        raise LoadError(_syntax_problem(exc)) from None
    finally:
        loader.dispose()
    if root is None:
        raise LoadError(LoadProblem("empty", 1, "the file holds no YAML content", "fill in the record; `microcred new` writes a template"))
    if not isinstance(root, yaml.MappingNode):
        kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        raise LoadError(
            LoadProblem(
                "not-mapping",
                root.start_mark.line + 1,
                f"the file holds {kind}, not a mapping of fields",
                "write the record as `field: value` lines at the top level",
            )
        )
    builder = _Builder()
    data = builder.build(root, ())
    return Document(data=data, lines=builder.lines, key_lines=builder.key_lines)


def _leading_tab_line(text: str) -> int:
    if "\t" not in text:
        return 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            return number
    return 0


def _syntax_problem(exc: yaml.YAMLError) -> LoadProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else 1
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    text = f"{context}, {problem}" if context else str(problem)
    return LoadProblem(
        "syntax",
        line,
        f"invalid YAML: {text}",
        "check the indentation and quoting on this line; quote text that contains ': ' or starts with a special character",
    )


def load_file(path: str) -> Document:
    """Read and parse one file; I/O and YAML problems raise :class:`LoadError`."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise LoadError(LoadProblem("unreadable", 0, f"cannot read the file: {exc.strerror}", "check that the file exists and is readable")) from None
    return parse(decode(raw))
