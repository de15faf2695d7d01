"""The review calendar read from governance.yaml."""

from __future__ import annotations

import datetime as dt

import pytest

from microcred.errors import MicrocredError
from microcred.github.calendar import ReviewCalendar
from microcred.governance import Governance
from microcred.loader import parse

D = dt.date


def calendar_from(block: str) -> ReviewCalendar:
    return ReviewCalendar.from_governance(
        Governance.from_document(
            parse("institution: {name: X}\nreview_calendar:\n" + block)
        )
    )


def test_second_tuesday_skips_july() -> None:
    cal = calendar_from(
        "  rule: second Tuesday\n  skip_months: [7]\n  cutoff_days: 7\n  decision_window_days: 14\n"
    )

    assert cal.meetings(D(2027, 6, 1), D(2027, 8, 31)) == [
        D(2027, 6, 8),
        D(2027, 8, 10),
    ]
    assert cal.next_meeting(D(2026, 12, 8)) == D(2026, 12, 8)
    assert cal.next_meeting(D(2026, 12, 9)) == D(2027, 1, 12)
    assert cal.cutoff(D(2026, 12, 8)) == D(2026, 12, 1)
    assert cal.decision_due(D(2026, 12, 8)) == D(2026, 12, 22)


def test_last_thursday_and_explicit_dates() -> None:
    cal = calendar_from(
        "  rule: last Thursday\n  dates: [2027-02-03]\n  cutoff_days: 0\n  decision_window_days: 10\n"
    )

    assert cal.meetings(D(2027, 1, 1), D(2027, 2, 28)) == [
        D(2027, 1, 28),
        D(2027, 2, 3),
        D(2027, 2, 25),
    ]


def test_dates_only() -> None:
    cal = calendar_from(
        "  dates: [2027-03-02, 2027-01-05]\n  cutoff_days: 5\n  decision_window_days: 10\n"
    )

    assert cal.next_meeting(D(2027, 1, 6)) == D(2027, 3, 2)
    assert cal.previous_meetings(D(2027, 3, 2)) == [D(2027, 1, 5)]
    with pytest.raises(MicrocredError, match="no committee meeting after 2027-03-03"):
        cal.next_meeting(D(2027, 3, 3))


def test_invalid_rule_names_line() -> None:
    with pytest.raises(MicrocredError) as caught:
        calendar_from(
            "  rule: every other Tuesday\n  cutoff_days: 7\n  decision_window_days: 14\n"
        )

    assert "governance.yaml:3: rule is 'every other Tuesday'" in str(caught.value)
    assert "rule: second Tuesday" in str(caught.value)


def test_missing_window_names_field() -> None:
    with pytest.raises(MicrocredError, match="decision_window_days is None"):
        calendar_from("  rule: first Monday\n  cutoff_days: 7\n")
