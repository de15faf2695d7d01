"""The committee's review calendar from governance.yaml ``review_calendar``.

Meetings follow a monthly rule ("second Tuesday", "last Thursday") and/or explicit
dates, minus ``skip_months``. A proposal makes a meeting's agenda when its
department head signed before the cut-off, ``cutoff_days`` before the meeting. The
committee decides within ``decision_window_days`` after the meeting.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import NoReturn

from ..errors import MicrocredError
from ..governance import GOVERNANCE_FILE, Governance

ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1}
WEEKDAYS = {name: index for index, name in enumerate(calendar.day_name)}
SEARCH_MONTHS = 24


@dataclass(frozen=True)
class ReviewCalendar:
    rule: tuple[int, int] | None  # (ordinal index, weekday index)
    dates: tuple[dt.date, ...]
    skip_months: frozenset[int]
    cutoff_days: int
    decision_window_days: int

    @classmethod
    def from_governance(cls, gov: Governance) -> ReviewCalendar:
        """Read ``review_calendar``; a missing or invalid value raises MicrocredError."""
        section = gov.section("review_calendar")
        if not section:
            _fail(
                gov,
                (),
                "review_calendar is missing",
                "add review_calendar with a rule such as 'second Tuesday', cutoff_days and decision_window_days",
            )
        rule = _rule(gov, section.get("rule"))
        dates = tuple(
            _date(gov, index, value)
            for index, value in enumerate(section.get("dates") or [])
        )
        if rule is None and not dates:
            _fail(
                gov,
                ("review_calendar",),
                "review_calendar has neither a rule nor dates",
                "add rule: second Tuesday, or dates: [YYYY-MM-DD, ...]",
            )
        skip = section.get("skip_months") or []
        if not isinstance(skip, list) or not all(
            isinstance(m, int) and 1 <= m <= 12 for m in skip
        ):
            _fail(
                gov,
                ("review_calendar", "skip_months"),
                f"skip_months is {skip!r}, expected months 1-12",
                "write e.g. skip_months: [7]",
            )
        return cls(
            rule=rule,
            dates=dates,
            skip_months=frozenset(skip),
            cutoff_days=_days(gov, section, "cutoff_days", 0),
            decision_window_days=_days(gov, section, "decision_window_days", 1),
        )

    def meetings(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Meeting dates from ``start`` to ``end``, both included, in order."""
        found = {d for d in self.dates if start <= d <= end}
        if self.rule is not None:
            year, month = start.year, start.month
            while (year, month) <= (end.year, end.month):
                day = _nth_weekday(year, month, *self.rule)
                if start <= day <= end:
                    found.add(day)
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return sorted(d for d in found if d.month not in self.skip_months)

    def next_meeting(self, today: dt.date) -> dt.date:
        """Return the first meeting on or after ``today``."""
        upcoming = self.meetings(today, today + dt.timedelta(days=31 * SEARCH_MONTHS))
        if not upcoming:
            raise MicrocredError(
                f"no committee meeting after {today} in governance.yaml review_calendar",
                "add future dates, or a rule, to review_calendar",
            )
        return upcoming[0]

    def previous_meetings(
        self, before: dt.date, months: int = SEARCH_MONTHS
    ) -> list[dt.date]:
        """Meetings in the ``months`` months before ``before`` (excluded), oldest first."""
        return [
            d
            for d in self.meetings(before - dt.timedelta(days=31 * months), before)
            if d < before
        ]

    def is_meeting(self, day: dt.date) -> bool:
        return day in self.meetings(day, day)

    def cutoff(self, meeting: dt.date) -> dt.date:
        """Return the last day on which a department head's signature makes the agenda."""
        return meeting - dt.timedelta(days=self.cutoff_days)

    def decision_due(self, meeting: dt.date) -> dt.date:
        return meeting + dt.timedelta(days=self.decision_window_days)


def _nth_weekday(year: int, month: int, ordinal: int, weekday: int) -> dt.date:
    days = [
        week[weekday] for week in calendar.monthcalendar(year, month) if week[weekday]
    ]
    return dt.date(year, month, days[ordinal])


def _rule(gov: Governance, value: object) -> tuple[int, int] | None:
    if value is None:
        return None
    parts = value.split() if isinstance(value, str) else []
    if (
        len(parts) != 2
        or parts[0].lower() not in ORDINALS
        or parts[1].capitalize() not in WEEKDAYS
    ):
        _fail(
            gov,
            ("review_calendar", "rule"),
            f"rule is {value!r}, expected '<first|second|third|fourth|last> <weekday>'",
            "write e.g. rule: second Tuesday",
        )
    return ORDINALS[parts[0].lower()], WEEKDAYS[parts[1].capitalize()]


def _date(gov: Governance, index: int, value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        _fail(
            gov,
            ("review_calendar", "dates", index),
            f"date {value!r} is not YYYY-MM-DD",
            "write dates as 2027-01-12",
        )


def _days(gov: Governance, section: dict[str, object], name: str, minimum: int) -> int:
    value = section.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        _fail(
            gov,
            ("review_calendar", name),
            f"{name} is {value!r}, expected a whole number of days >= {minimum}",
            f"set review_calendar.{name}, e.g. 7",
        )
    return int(value)  # type: ignore[arg-type]


def _fail(
    gov: Governance, path: tuple[str | int, ...], message: str, hint: str
) -> NoReturn:
    line = gov.doc.line(*path) if path else 1
    raise MicrocredError(f"{GOVERNANCE_FILE}:{line}: {message}", hint)
