"""Edit top-level fields of a record file without disturbing the rest of it.

Bots write a few generated fields (``ctid``, ``approval``, ``canvas``, ``status``,
``revised_on``) into files that people wrote by hand. Re-dumping the whole file
would drop comments and reflow text, so these helpers replace or append only the
block of one top-level key and leave every other line as it was.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*:")


def _block_span(lines: list[str], key: str) -> tuple[int, int] | None:
    """Return the [start, end) line span of top-level ``key``, or None."""
    start = None
    for index, line in enumerate(lines):
        match = _TOP_KEY.match(line)
        if start is None:
            if match and match.group(1) == key:
                start = index
            continue
        if match or (line.strip() and not line.startswith((" ", "#", "-"))):
            end = index
            while end > start + 1 and not lines[end - 1].strip():
                end -= 1
            return start, end
    if start is None:
        return None
    end = len(lines)
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return start, end


def dump_block(key: str, value: Any) -> str:
    """Dump ``{key: value}`` as block YAML, dates and all, ending with a newline."""
    return yaml.safe_dump(
        {key: value},
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )


def set_field(text: str, key: str, value: Any) -> str:
    """Return ``text`` with top-level ``key`` set to ``value`` (replaced or appended)."""
    lines = text.splitlines(keepends=True)
    block = dump_block(key, value).splitlines(keepends=True)
    span = _block_span(lines, key)
    if span is None:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        return "".join(lines + block)
    start, end = span
    return "".join(lines[:start] + block + lines[end:])


def remove_field(text: str, key: str) -> str:
    lines = text.splitlines(keepends=True)
    span = _block_span(lines, key)
    if span is None:
        return text
    start, end = span
    return "".join(lines[:start] + lines[end:])


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def update_fields(path: Path, fields: dict[str, Any]) -> None:
    """Set several top-level fields in the file at ``path``, atomically."""
    text = path.read_text(encoding="utf-8")
    for key, value in fields.items():
        text = set_field(text, key, value)
    write_atomic(path, text)
