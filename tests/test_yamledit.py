from __future__ import annotations

from pathlib import Path

from microcred.loader import parse
from microcred.yamledit import remove_field, set_field, update_fields

TEXT = """# a comment that must survive
id: sample
title: Sample  # inline comment
canvas:
  badge_class: old

  synced_hash: abc
status: proposed
description: |
  Line one.

  Line two.
"""


def test_set_field_replaces_block_keeps_rest():
    out = set_field(TEXT, "canvas", {"badge_class": "new"})
    assert "# a comment that must survive" in out
    assert "title: Sample  # inline comment" in out
    assert parse(out).data["canvas"] == {"badge_class": "new"}
    assert parse(out).data["status"] == "proposed"
    assert "old" not in out


def test_set_field_appends_missing_key():
    out = set_field(TEXT, "ctid", "ce-1")
    assert out.endswith("ctid: ce-1\n")
    assert parse(out).data["description"] == "Line one.\n\nLine two.\n"


def test_set_field_last_block_keeps_text():
    out = set_field(TEXT, "description", "Short.")
    assert parse(out).data["description"] == "Short."
    assert parse(out).data["status"] == "proposed"


def test_remove_field():
    out = remove_field(TEXT, "canvas")
    data = parse(out).data
    assert "canvas" not in data
    assert data["status"] == "proposed"


def test_update_fields_atomic(tmp_path: Path):
    target = tmp_path / "r.yaml"
    target.write_text(TEXT, encoding="utf-8")
    update_fields(target, {"status": "active", "approval": {"pull_request": 3}})
    data = parse(target.read_text()).data
    assert data["status"] == "active"
    assert data["approval"] == {"pull_request": 3}
    assert list(tmp_path.iterdir()) == [target]
