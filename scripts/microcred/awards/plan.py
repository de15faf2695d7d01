"""Sort the rows of a grade export against the awards already in Canvas Credentials."""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .grades import GradeRow, GradeSheet


class Status(enum.StrEnum):
    NEW = "eligible"
    ALREADY = "already awarded"
    BELOW = "below the score"
    UNREADABLE = "unreadable"
    ISSUED = "issued"
    FAILED = "not issued"


@dataclass(frozen=True)
class ExistingAward:
    """An assertion of the badge class, as listed by Canvas Credentials."""

    email: str
    assertion_id: str
    url: str
    state: str  # "active", "revoked" or "expired"


@dataclass
class PlanEntry:
    line: int
    email: str
    name: str
    percent: float | None
    status: Status
    detail: str = ""
    assertion_id: str = ""
    url: str = ""


@dataclass
class AwardPlan:
    credential_id: str
    badge_class: str
    passing_score: float
    entries: list[PlanEntry] = field(default_factory=list)
    #: Learners on more than one row: email -> CSV line numbers.
    duplicates: dict[str, list[int]] = field(default_factory=dict)
    skipped: list[tuple[int, str]] = field(default_factory=list)

    def with_status(self, status: Status) -> list[PlanEntry]:
        return [e for e in self.entries if e.status is status]

    @property
    def new(self) -> list[PlanEntry]:
        return self.with_status(Status.NEW)

    def totals(self) -> Counter[Status]:
        return Counter(e.status for e in self.entries)


def build_plan(
    credential_id: str,
    badge_class: str,
    passing: float,
    sheet: GradeSheet,
    existing: Iterable[ExistingAward],
) -> AwardPlan:
    """Classify every learner as eligible (new), already awarded, below the score or unreadable."""
    awards = _by_email(existing)
    plan = AwardPlan(credential_id, badge_class, passing, skipped=list(sheet.skipped))
    groups: dict[str, list[GradeRow]] = defaultdict(list)
    for row in sheet.rows:
        if row.email:
            groups[row.email].append(row)
        else:
            plan.entries.append(
                PlanEntry(row.line, "", row.name, None, Status.UNREADABLE, row.problem)
            )

    for email, rows in groups.items():
        if len(rows) > 1:
            plan.duplicates[email] = [r.line for r in rows]
        plan.entries.append(_classify(rows, passing, awards.get(email, [])))
    plan.entries.sort(key=lambda e: (list(Status).index(e.status), e.line))
    return plan


def _classify(
    rows: list[GradeRow], passing: float, awards: list[ExistingAward]
) -> PlanEntry:
    first = rows[0]
    entry = PlanEntry(
        first.line, first.email, first.name, first.score.percent, Status.UNREADABLE
    )
    problems = [r for r in rows if r.problem]
    if problems:
        entry.line = problems[0].line
        entry.detail = problems[0].problem
        return entry
    verdicts = {
        r.score.percent is not None and r.score.percent >= passing for r in rows
    }
    if len(verdicts) > 1:
        lines = ", ".join(str(r.line) for r in rows)
        entry.detail = (
            f"on lines {lines} with results on both sides of the passing score"
        )
        return entry

    award = _best(awards)
    if verdicts == {True}:
        entry.status = Status.ALREADY if award else Status.NEW
    else:
        entry.status = Status.BELOW
    if award:
        entry.assertion_id, entry.url = award.assertion_id, award.url
        entry.detail = _award_detail(award, len(awards), entry.status)
    if len(rows) > 1:
        entry.detail = "; ".join(
            filter(
                None,
                [
                    entry.detail,
                    f"also on line(s) {', '.join(str(r.line) for r in rows[1:])}",
                ],
            )
        )
    return entry


def _award_detail(award: ExistingAward, count: int, status: Status) -> str:
    detail = f"{award.state} award {award.assertion_id}"
    if count > 1:
        detail += f" (and {count - 1} more)"
    if status is Status.BELOW:
        detail += "; has an award while below the score: revoke it with `microcred revoke` if it was issued in error"
    return detail


def _best(awards: list[ExistingAward]) -> ExistingAward | None:
    order = {"active": 0, "expired": 1, "revoked": 2}
    return min(awards, key=lambda a: order.get(a.state, 3)) if awards else None


def _by_email(existing: Iterable[ExistingAward]) -> dict[str, list[ExistingAward]]:
    index: dict[str, list[ExistingAward]] = defaultdict(list)
    for award in existing:
        index[award.email.lower()].append(award)
    return index
