"""Load one YAML file into plain data plus the source line of every field.

The C loader composes the node tree. A small walk then builds dicts, lists and
scalars, and records the line of each field path on the way. The walk enforces what
a record must never contain: duplicate keys, custom tags, and aliases that expand
past ``MAX_NODES``. Plain ``yes``, ``no``, ``on`` and ``off`` stay strings (YAML 1.2
rules), so a title such as ``No`` or a country code ``NO`` is never a boolean.
"""

from __future__ import annotations

import datetime as dt
import re
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
#: Nesting levels one document may have; a record needs about five.
MAX_DEPTH = 64

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


@dataclass
class LoadProblem:
    """A reason a file could not be loaded, with its line and the fix."""

    code: str
    line: int
    message: str
    hint: str
    field: str = ""


@dataclass
class Document:
    """A loaded YAML mapping and the 1-based line of each field path.

    Line numbers are needed only when a finding is reported, so the first parse
    skips them; ``lines`` and ``key_lines`` parse ``text`` again on first use.
    """

    data: dict[str, Any]
    text: str = ""
    has_dates: bool = False
    _lines: tuple[dict[FieldPath, int], dict[FieldPath, int]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def lines(self) -> dict[FieldPath, int]:
        """Line of each value, by field path."""
        return self._line_maps()[0]

    @property
    def key_lines(self) -> dict[FieldPath, int]:
        """Line of each mapping key, by field path."""
        return self._line_maps()[1]

    def _line_maps(self) -> tuple[dict[FieldPath, int], dict[FieldPath, int]]:
        if self._lines is None:
            builder = _run_builder(self.text, track_lines=True)
            self._lines = (builder.lines, builder.key_lines)
        return self._lines

    def json_data(self) -> dict[str, Any]:
        """Return the data with dates as ISO text, as JSON Schema expects."""
        return _jsonable(self.data) if self.has_dates else self.data

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


_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_PLAIN_FLOAT = re.compile(
    r"^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$"
)
_PLAIN_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PLAIN_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[-+]\d{2}(?::?\d{2})?)?$"
)
_DATE_TYPES = (dt.date, dt.datetime)
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_SPECIAL_FLOATS = {
    ".inf": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".nan": float("nan"),
}


@dataclass
class _Frame:
    """An open mapping or sequence while the event stream is read."""

    value: dict[str, Any] | list[Any]
    path: FieldPath
    anchor: str | None
    size_at_start: int
    key: str | None = None


class _Builder:
    """Build plain data from parser events, with an explicit stack (no recursion).

    Working from events skips PyYAML's node tree and its Python resolver, which
    cost more than the C parser itself on large catalogues.
    """

    def __init__(self, loader: Any, track_lines: bool) -> None:
        self.loader = loader
        self.track_lines = track_lines
        self.has_dates = False
        self.lines: dict[FieldPath, int] = {}
        self.key_lines: dict[FieldPath, int] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.count = 0
        self.aliases_used = False
        self.top_level_line = 1
        self.result: Any = None

    def build(self) -> Any:
        stack: list[_Frame] = []
        root: Any = None
        get_event = self.loader.get_event
        while True:
            event = get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if event.tag is not None:
                    self._check_tag(event, self._child_path(stack))
                value = _scalar(event)
                if value.__class__ in _DATE_TYPES:
                    self.has_dates = True
                self.count += 1
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
                root = self._attach(stack, value, event, root)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._open(stack, event, kind is yaml.MappingStartEvent)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor:
                    self.anchors[frame.anchor] = (
                        frame.value,
                        self.count - frame.size_at_start,
                    )
                root = self._attach(stack, frame.value, event, root)
            elif kind is yaml.AliasEvent:
                root = self._attach(stack, self._alias(event), event, root)
            elif kind is yaml.DocumentEndEvent:
                self._reject_second_document()
            elif kind is yaml.StreamEndEvent:
                return root
            if self.count > MAX_NODES:
                self._over_budget()

    def _open(self, stack: list[_Frame], event: Any, is_mapping: bool) -> None:
        path = self._child_path(stack)
        if event.tag is not None:
            self._check_tag(event, path)
        self.count += 1
        if self.track_lines:
            self.lines.setdefault(path, event.start_mark.line + 1)
        container: dict[str, Any] | list[Any] = {} if is_mapping else []
        stack.append(_Frame(container, path, event.anchor, self.count))
        if len(stack) > MAX_DEPTH:
            raise LoadError(
                LoadProblem(
                    "depth",
                    event.start_mark.line + 1,
                    f"the document nests deeper than {MAX_DEPTH} levels",
                    "flatten the structure; records are at most a few levels deep",
                    _format(path),
                )
            )

    def _reject_second_document(self) -> None:
        if self.loader.check_event(yaml.DocumentStartEvent):
            line = self.loader.peek_event().start_mark.line + 1
            raise LoadError(
                LoadProblem(
                    "multi-document",
                    line,
                    "the file holds more than one YAML document",
                    "keep one record per file and remove the `---` separator",
                )
            )

    def _over_budget(self) -> None:
        if not self.aliases_used:
            raise LoadError(
                LoadProblem(
                    "too-large",
                    self.top_level_line,
                    f"the document has more than {MAX_NODES} values;"
                    " a record has a few hundred",
                    "shorten the lists in this field, or move long material to a linked page",
                )
            )
        raise LoadError(
            LoadProblem(
                "alias-budget",
                self.top_level_line,
                f"the document expands to more than {MAX_NODES} values",
                "write the values out instead of repeating anchors and aliases (&name / *name)",
            )
        )

    def _child_path(self, stack: list[_Frame]) -> FieldPath:
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame.value, list):
            return frame.path + (len(frame.value),)
        if frame.key is None:
            return frame.path
        return frame.path + (frame.key,)

    def _attach(self, stack: list[_Frame], value: Any, event: Any, root: Any) -> Any:
        if not stack:
            return value
        frame = stack[-1]
        container = frame.value
        if container.__class__ is list:
            if self.track_lines:
                self.lines.setdefault(
                    frame.path + (len(container),), event.start_mark.line + 1
                )
            container.append(value)
            return root
        if frame.key is None:
            frame.key = self._key(frame, value, event)
            return root
        if self.track_lines and not isinstance(value, dict | list):
            self.lines.setdefault(frame.path + (frame.key,), event.start_mark.line + 1)
        container[frame.key] = value  # type: ignore[call-overload]  # a dict here
        frame.key = None
        return root

    def _key(self, frame: _Frame, value: Any, event: Any) -> str:
        line = event.start_mark.line + 1
        if isinstance(value, dict | list):
            raise LoadError(
                LoadProblem(
                    "complex-key",
                    line,
                    "a mapping key must be plain text",
                    "use a plain name such as `title:` as the key",
                    _format(frame.path),
                )
            )
        if value == "<<" and type(event) is yaml.ScalarEvent and not event.style:
            raise LoadError(
                LoadProblem(
                    "merge-key",
                    line,
                    "merge keys (<<) are not allowed",
                    "write the fields out in full",
                    _format(frame.path),
                )
            )
        if value.__class__ is str:
            key = value
        elif type(event) is yaml.ScalarEvent:
            key = event.value  # the key as written: `true`, `~`, `1.0`
        else:
            key = str(value)
        if key in frame.value:
            child = frame.path + (key,)
            first = self.key_lines.get(child, 0)
            where = f" (first on line {first})" if first else ""
            raise LoadError(
                LoadProblem(
                    "duplicate-key",
                    line,
                    f"the key {key!r} appears twice{where}",
                    "keep one of the two entries and delete the other",
                    _format(child),
                )
            )
        if self.track_lines:
            self.key_lines[frame.path + (key,)] = line
        if not frame.path:
            self.top_level_line = line
        return key

    def _alias(self, event: Any) -> Any:
        line = event.start_mark.line + 1
        if event.anchor not in self.anchors:
            raise LoadError(
                LoadProblem(
                    "syntax",
                    line,
                    f"the alias *{event.anchor} has no anchor before it",
                    "define the anchor (&name) before using it, or write the value out",
                )
            )
        value, size = self.anchors[event.anchor]
        self.aliases_used = True
        self.count += size
        return value

    def _check_tag(self, event: Any, path: FieldPath) -> None:
        tag = event.tag
        if tag == "!" or tag in _STANDARD_TAGS:
            return
        raise LoadError(
            LoadProblem(
                "custom-tag",
                event.start_mark.line + 1,
                f"the tag {tag!r} is not allowed",
                "remove the tag; records hold plain text, numbers, lists and mappings",
                _format(path),
            )
        )


def _scalar(event: Any) -> Any:
    value: str = event.value
    tag = event.tag
    if tag in ("tag:yaml.org,2002:str", "!"):
        return value
    if tag is None and (event.style or not event.implicit[0]):
        return value  # quoted or block text
    return _resolve_plain(value)


def _resolve_plain(value: str) -> Any:
    """Type a plain scalar by the YAML 1.2 core rules (yes/no/on/off stay text)."""
    if value in _NULLS:
        return None

    first = value[0]
    if first in "tTfF":
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        return value
    if first not in "0123456789+-.":
        return value

    if _PLAIN_INT.match(value):
        try:
            return int(value.replace("_", ""))
        except ValueError:  # more digits than Python converts (4300 by default)
            return value
    if value.startswith("0x") and len(value) > 2:
        try:
            return int(value[2:].replace("_", ""), 16)
        except ValueError:
            return value
    if value.lower() in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value.lower()]
    if _PLAIN_FLOAT.match(value) and any(ch.isdigit() for ch in value):
        return float(value.replace("_", ""))

    if _PLAIN_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if _PLAIN_DATETIME.match(value):
        try:
            return dt.datetime.fromisoformat(
                value.replace("Z", "+00:00").replace("z", "+00:00").replace(" ", "T", 1)
            )
        except ValueError:
            return value
    return value


def _run_builder(text: str, track_lines: bool) -> _Builder:
    loader = _BaseLoader(text)
    builder = _Builder(loader, track_lines)
    try:
        builder.result = builder.build()
    except yaml.YAMLError as exc:
        raise LoadError(_syntax_problem(exc)) from None
    finally:
        loader.dispose()
    return builder


class _Unusual(Exception):
    """Signal that a document uses a feature only :class:`_Builder` handles or reports."""


def _plain_build(text: str) -> tuple[Any, bool]:
    """Build the data of a plain document: no tags, anchors or aliases.

    This is :class:`_Builder` without line tracking, written as one loop because
    it runs for every record on every check. Whatever it does not expect, such as
    a tag, an alias, a duplicate key or a second document, raises
    :class:`_Unusual` and the caller parses again with :class:`_Builder`, which
    reports the problem with its line or builds the unusual document.
    """
    loader = _BaseLoader(text)
    get_event = loader.get_event
    stack: list[Any] = []
    keys: list[str | None] = []
    root: Any = None
    has_dates = False
    count = 0
    try:
        while True:
            event: Any = get_event()
            kind = event.__class__
            if kind is _SCALAR:
                if event.tag is not None or event.anchor is not None:
                    raise _Unusual
                count += 1
                if count > MAX_NODES:
                    raise _Unusual  # Stop early: the full builder reports the size.
                if event.style or not event.implicit[0]:
                    value = event.value
                else:
                    value = _resolve_plain(event.value)
                    if value.__class__ in _DATE_TYPES:
                        has_dates = True
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                if event.tag is not None or event.anchor is not None:
                    raise _Unusual
                count += 1
                if count > MAX_NODES:
                    raise _Unusual
                stack.append({} if kind is _MAPPING_START else [])
                keys.append(None)
                if len(stack) > MAX_DEPTH:
                    raise _Unusual
                continue
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                value = stack.pop()
                keys.pop()
            elif kind is _STREAM_END:
                break
            elif kind is _DOCUMENT_END:
                if loader.check_event(yaml.DocumentStartEvent):
                    raise _Unusual
                continue
            elif kind is yaml.AliasEvent:
                raise _Unusual
            else:
                continue  # The start of the stream or of the document.
            if not stack:
                root = value
                continue
            parent = stack[-1]
            if parent.__class__ is list:
                parent.append(value)
                continue
            key = keys[-1]
            if key is None:
                if value.__class__ is not str or value == "<<" or value in parent:
                    raise _Unusual
                keys[-1] = value
            else:
                parent[key] = value
                keys[-1] = None
    except yaml.YAMLError:
        raise _Unusual from None
    finally:
        loader.dispose()
    return root, has_dates


_SCALAR = yaml.ScalarEvent
_MAPPING_START = yaml.MappingStartEvent
_SEQUENCE_START = yaml.SequenceStartEvent
_MAPPING_END = yaml.MappingEndEvent
_SEQUENCE_END = yaml.SequenceEndEvent
_DOCUMENT_END = yaml.DocumentEndEvent
_STREAM_END = yaml.StreamEndEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if value.__class__ in _DATE_TYPES:
        return value.isoformat().replace("+00:00", "Z")
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
        raise LoadError(
            LoadProblem(
                "empty",
                1,
                "the file is empty",
                "fill in the record; `microcred new` writes a template",
            )
        )
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
    try:
        data, has_dates = _plain_build(text)
    except _Unusual:
        try:
            builder = _run_builder(text, track_lines=False)
        except LoadError:
            _run_builder(text, track_lines=True)  # Raises again, with every line known.
            raise
        data, has_dates = builder.result, builder.has_dates
    if data is None:
        raise LoadError(
            LoadProblem(
                "empty",
                1,
                "the file holds no YAML content",
                "fill in the record; `microcred new` writes a template",
            )
        )
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise LoadError(
            LoadProblem(
                "not-mapping",
                _run_builder(text, track_lines=True).lines.get((), 1),
                f"the file holds {kind}, not a mapping of fields",
                "write the record as `field: value` lines at the top level",
            )
        )
    return Document(data=data, text=text, has_dates=has_dates)


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
        raise LoadError(
            LoadProblem(
                "unreadable",
                0,
                f"cannot read the file: {exc.strerror}",
                "check that the file exists and is readable",
            )
        ) from None
    return parse(decode(raw))
