"""evaluate() on plain data: the cases the pull request scenarios do not reach."""

from __future__ import annotations

import datetime as dt

from microcred.github.signature_rules import touched_units
from microcred.github.signatures import (
    Decision,
    PullFacts,
    ReviewEvent,
    Signatories,
    evaluate,
    shorten,
)

HEAD = "a" * 40
OLD = "b" * 40
SIGNATORIES = Signatories(
    department_heads={
        "nursing": ("head-nursing",),
        "food": ("head-food", "deputy-food"),
    },
    unit_colleges={"nursing": "health", "food": "agriculture"},
    college_reviewers={},
    committee=("chair", "member"),
    bots=("microcred-bot",),
)


def at(minute: int) -> dt.datetime:
    return dt.datetime(2026, 11, 2, 9, minute, tzinfo=dt.UTC)


def decide(paths: tuple[str, ...], *reviews: tuple[str, str, int]) -> Decision:
    events = tuple(
        ReviewEvent(login, state, HEAD, at(minute)) for login, state, minute in reviews
    )
    return evaluate(PullFacts(1, "author", HEAD, paths, events), SIGNATORIES)


def test_touched_units_from_paths() -> None:
    paths = [
        "proposals/food/a.yaml",
        "credentials/nursing/b.png",
        "proposals/README.md",
        "docs/x.md",
    ]

    assert touched_units(paths) == ("food", "nursing")


def test_no_unit_needs_committee_only() -> None:
    decision = decide(("schema/proposal.schema.json",), ("chair", "APPROVED", 1))

    assert decision.state == "success"
    assert [s.role for s in decision.signatures] == ["committee"]


def test_either_department_head_signs() -> None:
    decision = decide(
        ("proposals/food/a.yaml",),
        ("deputy-food", "APPROVED", 1),
        ("member", "APPROVED", 2),
    )

    assert decision.state == "success"
    assert decision.signature("department head").login == "deputy-food"


def test_second_head_of_unit_cannot_sign_as_committee() -> None:
    signatories = Signatories(**{**SIGNATORIES.__dict__, "committee": ("deputy-food",)})
    events = (
        ReviewEvent("head-food", "APPROVED", HEAD, at(1)),
        ReviewEvent("deputy-food", "APPROVED", HEAD, at(2)),
    )

    decision = evaluate(
        PullFacts(1, "author", HEAD, ("proposals/food/a.yaml",), events), signatories
    )

    assert decision.state == "pending"
    assert decision.missing[0].candidates == ()
    assert (
        decision.description
        == "Missing committee signature (no eligible signatory in governance.yaml)"
    )


def test_comment_keeps_approval() -> None:
    decision = decide(
        ("proposals/nursing/a.yaml",),
        ("head-nursing", "APPROVED", 1),
        ("head-nursing", "COMMENTED", 2),
        ("chair", "APPROVED", 3),
    )

    assert decision.state == "success"


def test_later_approval_replaces_change_request() -> None:
    decision = decide(
        ("proposals/nursing/a.yaml",),
        ("chair", "CHANGES_REQUESTED", 1),
        ("head-nursing", "APPROVED", 2),
        ("chair", "APPROVED", 3),
    )

    assert decision.state == "success"
    assert decision.blockers == ()


def test_stale_change_request_still_blocks() -> None:
    events = (
        ReviewEvent("member", "CHANGES_REQUESTED", OLD, at(1)),
        ReviewEvent("head-nursing", "APPROVED", HEAD, at(2)),
        ReviewEvent("chair", "APPROVED", HEAD, at(3)),
    )

    decision = evaluate(
        PullFacts(1, "author", HEAD, ("proposals/nursing/a.yaml",), events), SIGNATORIES
    )

    assert decision.state == "failure"
    assert decision.label == "changes-requested"


def test_bot_type_never_counts() -> None:
    events = (ReviewEvent("head-nursing", "APPROVED", HEAD, at(1), user_type="Bot"),)

    decision = evaluate(
        PullFacts(1, "author", HEAD, ("proposals/nursing/a.yaml",), events), SIGNATORIES
    )

    assert decision.label == "awaiting-department-head"
    assert decision.notes == ("head-nursing is a bot, so its review does not count",)


def test_description_fits_status_limit() -> None:
    heads = {f"unit-{i}": (f"head-of-unit-{i}",) for i in range(20)}
    signatories = Signatories(heads, {}, {}, ("chair",), ())
    paths = tuple(f"proposals/unit-{i}/a.yaml" for i in range(20))

    decision = evaluate(PullFacts(1, "author", HEAD, paths, ()), signatories)

    assert len(decision.description) == 140
    assert decision.description.endswith("…")


def test_shorten_leaves_short_text() -> None:
    assert shorten("Signed") == "Signed"


def test_committee_waiting_on_head_gets_note() -> None:
    decision = decide(("proposals/nursing/a.yaml",), ("chair", "APPROVED", 1))

    assert decision.label == "awaiting-department-head"
    assert decision.notes == (
        "chair approved as committee before the earlier signatures were complete; approve again after them",
    )
