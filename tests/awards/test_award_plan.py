"""Plans: who is eligible, already awarded, below the score or unreadable."""

from __future__ import annotations

from pathlib import Path

from microcred.awards.grades import ColumnOptions, GradeRow, GradeSheet, read_grades
from microcred.awards.plan import ExistingAward, Status, build_plan
from microcred.awards.render import render_plan
from microcred.awards.scores import Score

DATA = Path(__file__).resolve().parent / "data"


def _sheet(*rows: tuple[int, str, float | None]) -> GradeSheet:
    sheet = GradeSheet(Path("g.csv"), "email", "score")
    for line, email, percent in rows:
        score = Score(percent) if percent is not None else Score(None, "blank score")
        sheet.rows.append(GradeRow(line, "", email, score, score.problem))
    return sheet


def _status(plan, email: str) -> Status:  # type: ignore[no-untyped-def]
    return next(e.status for e in plan.entries if e.email == email)


def test_passing_score_is_inclusive() -> None:
    plan = build_plan(
        "c", "BC", 80, _sheet((2, "a@x.edu", 80.0), (3, "b@x.edu", 79.9999)), []
    )
    assert _status(plan, "a@x.edu") is Status.NEW
    assert _status(plan, "b@x.edu") is Status.BELOW


def test_raised_passing_score() -> None:
    plan = build_plan("c", "BC", 85, _sheet((2, "a@x.edu", 84.0)), [])
    assert _status(plan, "a@x.edu") is Status.BELOW


def test_revoked_and_expired_count_as_awarded() -> None:
    existing = [
        ExistingAward("a@x.edu", "A1", "u1", "revoked"),
        ExistingAward("B@X.edu", "A2", "u2", "expired"),
    ]
    plan = build_plan(
        "c", "BC", 80, _sheet((2, "a@x.edu", 90.0), (3, "b@x.edu", 95.0)), existing
    )
    assert _status(plan, "a@x.edu") is Status.ALREADY
    assert _status(plan, "b@x.edu") is Status.ALREADY
    assert plan.entries[0].detail == "revoked award A1"
    assert plan.entries[1].assertion_id == "A2"


def test_below_score_with_award_points_at_revoke() -> None:
    plan = build_plan(
        "c",
        "BC",
        80,
        _sheet((2, "a@x.edu", 50.0)),
        [ExistingAward("a@x.edu", "A1", "", "active")],
    )
    assert plan.entries[0].status is Status.BELOW
    assert "microcred revoke" in plan.entries[0].detail


def test_duplicate_rows_counted_once() -> None:
    plan = build_plan(
        "c", "BC", 80, _sheet((2, "a@x.edu", 90.0), (7, "a@x.edu", 91.0)), []
    )
    assert len(plan.new) == 1
    assert plan.duplicates == {"a@x.edu": [2, 7]}


def test_conflicting_duplicates_left_out() -> None:
    plan = build_plan(
        "c", "BC", 80, _sheet((2, "a@x.edu", 90.0), (7, "a@x.edu", 60.0)), []
    )
    assert plan.entries[0].status is Status.UNREADABLE
    assert (
        plan.entries[0].detail
        == "on lines 2, 7 with results on both sides of the passing score"
    )


def test_duplicate_with_unreadable_row_left_out() -> None:
    plan = build_plan(
        "c", "BC", 80, _sheet((2, "a@x.edu", 90.0), (5, "a@x.edu", None)), []
    )
    assert plan.entries[0].status is Status.UNREADABLE
    assert plan.entries[0].line == 5


def test_canvas_export_plan_totals() -> None:
    sheet = read_grades(
        DATA / "canvas-gradebook.csv.sample", ColumnOptions(email_domain="example.edu")
    )
    plan = build_plan(
        "data-visualization-python",
        "BC",
        80,
        sheet,
        [ExistingAward("bnguyen@example.edu", "A1", "", "active")],
    )
    totals = plan.totals()
    assert totals[Status.NEW] == 3
    assert totals[Status.ALREADY] == 1
    assert totals[Status.BELOW] == 1
    assert totals[Status.UNREADABLE] == 3


def test_rendered_plan_has_no_scores() -> None:
    sheet = read_grades(
        DATA / "canvas-gradebook.csv.sample", ColumnOptions(email_domain="example.edu")
    )
    text = render_plan(build_plan("dv", "BC", 80, sheet, []), applying=False)
    assert "cokafor@example.edu    eligible" in text
    assert "  eligible         4" in text
    assert "line 11 skipped: Canvas test student" in text
    assert "malvarez@example.edu appears on lines 4, 12; it is counted once" in text
    assert "Run again with --apply to issue the 4 new award(s)." in text
    for score in ("95.87", "104.17", "79.99", "88.5"):
        assert score not in text
