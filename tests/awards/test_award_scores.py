"""Score cells: every accepted form, and every form left out with its reason."""

from __future__ import annotations

import pytest

from microcred.awards.scores import parse_percent, parse_points_possible


@pytest.mark.parametrize(
    ("cell", "percent"),
    [
        ("85.5", 85.5),
        ("85.5%", 85.5),
        (" 85.5 % ", 85.5),
        ("85,5", 85.5),
        ("85,5%", 85.5),
        ("80", 80.0),
        ("104.17", 104.17),
        ("0", 0.0),
        (".5", 0.5),
    ],
)
def test_score_accepted(cell: str, percent: float) -> None:
    score = parse_percent(cell)
    assert score.ok
    assert score.percent == percent


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("", "blank score"),
        ("   ", "blank score"),
        ("EX", "no score: excused (EX)"),
        ("ex", "no score: excused (EX)"),
        ("-", "no score: not graded (-)"),
        ("N/A", "no score: not applicable (N/A)"),
        ("abc", "the score is not a number"),
        ("85.5.1", "the score is not a number"),
        ("B+", "the score is not a number"),
        (
            "1,000",
            "the score is ambiguous: its comma may separate thousands or decimals",
        ),
        ("-4", "the score is negative"),
        ("nan", "the score is not a number"),
        ("inf", "the score is not a number"),
    ],
)
def test_score_rejected(cell: str, problem: str) -> None:
    score = parse_percent(cell)
    assert not score.ok
    assert score.problem == problem


def test_problem_never_quotes_cell() -> None:
    assert "7,125" not in parse_percent("7,125").problem
    assert "abc" not in parse_percent("abc").problem


def test_points_converted_to_percent() -> None:
    assert parse_percent("45", points_possible=50).percent == 90.0
    assert parse_percent("45%", points_possible=50).percent == 45.0
    assert not parse_percent("45", points_possible=0).ok


def test_points_possible_cell() -> None:
    assert parse_points_possible("50.00") == 50.0
    assert parse_points_possible("(read only)") is None
    assert parse_points_possible("") is None
