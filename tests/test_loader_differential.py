"""The plain fast path and the full builder agree on tricky and generated YAML."""

from __future__ import annotations

import math
import random
from typing import Any

import pytest

from microcred import loader

SCALARS = [
    "a", "'a'", '"a"', "", "~", "null", "NULL", "true", "FALSE", "yes", "No", "on",
    "0x1F", "0x", "0o17", "0b101", "1e3", "1E3", ".inf", "-.Inf", "+.INF", ".NaN",
    "1_000", "+1", "-0", "00", "012", "1.", ".5", "1_0.0_1", "1e400", "0_1", "1__2",
    "2024-02-30", "2024-02-29", "2024-13-01", "2024-01-01T10:00:00Z",
    "2024-01-01 10:00:00", "2024-01-01t10:00:00.123456789+05:30", "2024-01-01T10:00+0530",
    "2001-12-14 21:59:43.10 -5", "12:30:00", "é", "'<<'", "<<", "'it''s'",
    '"\\u00e9\\x41"', "[1, 2, a]", "{a: 1, b: [x]}", "[]", "{}", "a # comment",
    "1:2", "+", "-", ".", "e1", "x" * 3000, "9" * 5000,
]  # fmt: skip
KEYS = [
    "a", "'a'", '"b"', "1", "'1'", "true", "null", "~", "'<<'", "2024-01-01", "é",
    "1.5", "a b", "-x", "''",
]  # fmt: skip
EDGE_CASES = [
    "a: 1\n...\n",
    "---\na: 1\n...\n# trailing comment\n",
    "%YAML 1.2\n---\na: 1\n",
    "--- !!map\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "a: 1\n...\n---\n",
    "---\n...\n---\na: 1\n",
    "a: x\r\nb: |\r\n  one\r\n  two\r\n",
    "'<<': 1\n",
    "<<: {a: 1}\n",
    "'a': 1\na: 2\n",
    "1: x\n'1': y\n",
    "? [a]\n: 1\n",
    "? |\n  block key\n: v\n",
    "{a: 1, a: 2}\n",
    "a: &x [1]\nb: *x\n",
    "a: !foo x\n",
    "a: !<tag:yaml.org,2002:str> 1\n",
    "a: ! 1\n",
    "a: !!int '3'\n",
    "a: " + "[" * 63 + "]" * 63 + "\n",
    "a: " + "[" * 64 + "]" * 64 + "\n",
    "a: [" + ",".join(["1"] * 19998) + "]\n",
    "a: [" + ",".join(["1"] * 19999) + "]\n",
    "a: 'unterminated\n",
    "a: b: c\n",
    "a: 1\u2028b: 2\n",
    "a: 1\n\x85b: 2\n",
    "'a\n  b': c\n",
    "- a\n- b\n",
    "plain text\n",
    "a: 0001-01-01T00:00:00-23:59\n",
    "2024-01-01: x\n",
]


def _comparable(value: Any) -> Any:
    """Return ``value`` with NaN made comparable and every type kept visible."""
    if isinstance(value, dict):
        return {key: _comparable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_comparable(item) for item in value]
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    return (type(value).__name__, value)


def _generated(count: int) -> list[str]:
    generator = random.Random(20261204)
    texts = []
    for _ in range(count):
        lines = []
        for _ in range(generator.randint(1, 5)):
            key, value = generator.choice(KEYS), generator.choice(SCALARS)
            shape = generator.random()
            if shape < 0.2:
                lines.append(f"{key}:\n  - {value}\n  - {generator.choice(SCALARS)}")
            elif shape < 0.35:
                lines.append(f"{key}:\n  {generator.choice(KEYS)}: {value}")
            else:
                lines.append(f"{key}: {value}")
        text = "\n".join(lines) + "\n"
        if generator.random() < 0.2:
            text = text.replace("\n", "\r\n")
        texts.append(text)
    return texts


def _builder_outcome(text: str) -> tuple[Any, ...]:
    try:
        builder = loader._run_builder(text, track_lines=False)
    except loader.LoadError as exc:
        return ("error", exc.problem.code, exc.problem.line)
    return ("data", _comparable(builder.result), builder.has_dates)


@pytest.mark.parametrize("text", EDGE_CASES + _generated(400))
def test_fast_path_agrees_with_builder(text: str) -> None:
    try:
        data, has_dates = loader._plain_build(text)
    except loader._Unusual:
        return  # parse() hands this text to the full builder.
    assert _builder_outcome(text) == ("data", _comparable(data), has_dates)


@pytest.mark.parametrize("text", EDGE_CASES)
def test_parse_edge_cases_as_builder(text: str) -> None:
    expected = _builder_outcome(text)
    try:
        document = loader.parse(text)
    except loader.LoadError as exc:
        if expected[0] == "error":
            assert (exc.problem.code, exc.problem.line) == expected[1:]
        else:  # The builder accepted the text, so parse() rejects only non-mappings.
            assert exc.problem.code == "not-mapping"
        return
    assert ("data", _comparable(document.data), document.has_dates) == expected
