"""The YAML loader: types, line numbers and every way a file can be malformed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from microcred.loader import MAX_DEPTH, LoadError, parse

REPO = Path(__file__).resolve().parents[1]


def test_types_follow_yaml_core_schema() -> None:
    doc = parse(
        "i: 12\nf: 1.5\nneg: -3\nt: true\nn: null\nempty:\nd: 2026-01-31\n"
        "ts: 2026-01-31T10:00:00Z\nq: '12'\nno: no\non: on\nyes: Yes\nhex: 0x1f\n"
        "ver: 1.2.3\ninf: .inf\ns: !!str 42\n"
    )
    data = doc.data
    assert data["i"] == 12
    assert data["f"] == 1.5
    assert data["neg"] == -3
    assert data["t"] is True
    assert data["n"] is None
    assert data["empty"] is None
    assert data["d"] == dt.date(2026, 1, 31)
    assert data["ts"] == dt.datetime(2026, 1, 31, 10, 0, tzinfo=dt.UTC)
    assert data["q"] == "12"
    assert data["no"] == "no"
    assert data["on"] == "on"
    assert data["yes"] == "Yes"
    assert data["hex"] == 31
    assert data["ver"] == "1.2.3"
    assert data["inf"] == float("inf")
    assert data["s"] == "42"


def test_lines_of_nested_fields() -> None:
    doc = parse("a: 1\nb:\n  - x: 1\n    y:\n      - 2\n  - z: 3\nc: |\n  text\n")
    assert doc.line("a") == 1
    assert doc.line("b") == 2
    assert doc.line("b", 0, "y") == 4
    assert doc.line("b", 0, "y", 0) == 5
    assert doc.line("b", 1, "z") == 6
    assert doc.line("c") == 7
    assert doc.line("b", 1, "missing") == 6


def test_sample_records_load_like_pyyaml() -> None:
    for path in sorted((REPO / "credentials").rglob("*.yaml")) + sorted(
        (REPO / "proposals").rglob("*.yaml")
    ):
        text = path.read_text(encoding="utf-8")
        assert parse(text).data == yaml.safe_load(text), path


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a: 1\nb: 2\na: 3\n", "duplicate-key", 3),
        ("a:\n  b: 1\n  b: 1\n", "duplicate-key", 3),
        ("a: !!python/object/apply:os.system ['echo hi']\n", "custom-tag", 1),
        ("a: !custom x\n", "custom-tag", 1),
        ("base: &b {x: 1}\nc:\n  <<: *b\n", "merge-key", 3),
        ("? [a, b]\n: 1\n", "complex-key", 1),
        ("a: *nothing\n", "syntax", 1),
        ("a: 1\n---\nb: 2\n", "multi-document", 2),
        ("- 1\n- 2\n", "not-mapping", 1),
        ("plain text\n", "not-mapping", 1),
        ("", "empty", 1),
        ("# only a comment\n", "empty", 1),
        ("a:\n\tb: 1\n", "tab", 2),
        ("a: [1, 2\nb: 3\n", "syntax", 2),
        ("a: 'unterminated\n", "syntax", 2),
    ],
)
def test_malformed_documents(text: str, code: str, line: int) -> None:
    with pytest.raises(LoadError) as error:
        parse(text)
    assert error.value.problem.code == code
    assert error.value.problem.line == line
    assert error.value.problem.hint


def test_alias_bomb_is_stopped() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    with pytest.raises(LoadError) as error:
        parse("\n".join(lines) + "\n")
    assert error.value.problem.code == "alias-budget"


def test_small_aliases_are_allowed() -> None:
    doc = parse("base: &b [1, 2]\ncopy: *b\n")
    assert doc.data["copy"] == [1, 2]


def test_deep_nesting_is_a_finding_not_a_crash() -> None:
    with pytest.raises(LoadError) as error:
        parse("a: " + "[" * 100 + "]" * 100 + "\n")
    assert error.value.problem.code == "depth"
    assert str(MAX_DEPTH) in error.value.problem.message


def test_very_deep_nesting_is_rejected() -> None:
    with pytest.raises(LoadError):
        parse("a: " + "[" * 50_000 + "]" * 50_000 + "\n")
