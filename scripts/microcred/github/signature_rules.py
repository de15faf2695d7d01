"""The steps of the signature decision: units touched, reviews that count, stages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..records import CREDENTIALS_DIR, PROPOSALS_DIR

if TYPE_CHECKING:
    from .signatures import (
        Blocker,
        Missing,
        PullFacts,
        ReviewEvent,
        Signatories,
        Signature,
    )

DECISIVE = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")
UNIT_FOLDERS = (PROPOSALS_DIR, CREDENTIALS_DIR)


@dataclass(frozen=True)
class Stage:
    """One signature to collect: a role for a unit or college, at an order level.

    ``excluded`` contains lower-case logins that may not sign this role on this pull
    request. ``level`` orders the stages (0 department heads, 1 college, 2 committee).
    """

    role: str
    scope: str
    candidates: tuple[str, ...]
    excluded: frozenset[str]
    level: int


@dataclass
class RoleCheck:
    signatures: list[Signature] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    blockers: list[Blocker] = field(default_factory=list)


def touched_units(paths: Iterable[str]) -> tuple[str, ...]:
    """Return the unit folders under proposals/ and credentials/ that ``paths`` touch."""
    units = set()
    for path in paths:
        parts = path.split("/")
        if len(parts) >= 3 and parts[0] in UNIT_FOLDERS and parts[1]:
            units.add(parts[1])
    return tuple(sorted(units))


def latest_decisive(
    pull: PullFacts, signatories: Signatories, notes: list[str]
) -> dict[str, ReviewEvent]:
    """Return each eligible reviewer's latest decisive review, keyed by lower-case login.

    Comments are skipped, so a comment after an approval leaves the approval in place.
    Dismissed reviews, the author's and bots' reviews are dropped with a note.
    """
    latest: dict[str, ReviewEvent] = {}
    for review in sorted(pull.reviews, key=lambda r: r.submitted_at):
        if review.state in DECISIVE:
            latest[review.login.lower()] = review

    eligible = {}
    for login, review in latest.items():
        if login == pull.author.lower():
            notes.append(
                f"{review.login} opened this pull request, so their review does not count"
            )
        elif signatories.is_bot(review.login, review.user_type):
            notes.append(f"{review.login} is a bot, so its review does not count")
        elif review.state == "DISMISSED":
            notes.append(f"{review.login}'s latest review was dismissed")
        else:
            eligible[login] = review
    return eligible


def check_stages(
    stages: list[Stage],
    reviews: dict[str, ReviewEvent],
    head_sha: str,
    notes: list[str],
) -> RoleCheck:
    """Collect signatures stage by stage; a stage counts only approvals after the previous ones."""
    from .signatures import Missing, Signature

    result = RoleCheck()
    result.blockers = _blockers(stages, reviews, notes)
    used: set[str] = set()
    previous: dt.datetime | None = None
    blocked = False
    for level in sorted({s.level for s in stages}):
        times = []
        for stage in (s for s in stages if s.level == level):
            review = _pick(stage, reviews, head_sha, previous, used, notes, blocked)
            if review is None:
                allowed = tuple(
                    c for c in stage.candidates if c.lower() not in stage.excluded
                )
                result.missing.append(Missing(stage.role, stage.scope, allowed))
                continue
            used.add(review.login.lower())
            times.append(review.submitted_at)
            result.signatures.append(
                Signature(
                    stage.role,
                    stage.scope,
                    review.login,
                    review.submitted_at,
                    review.commit_id,
                )
            )
        blocked = blocked or bool(result.missing)
        previous = max([*times, previous] if previous else times, default=previous)
    return result


def _pick(
    stage: Stage,
    reviews: dict[str, ReviewEvent],
    head_sha: str,
    after: dt.datetime | None,
    used: set[str],
    notes: list[str],
    blocked: bool = False,
) -> ReviewEvent | None:
    """Pick the earliest approval that counts for ``stage``; note the ones that do not.

    ``blocked`` means an earlier stage is still unsigned, so no approval counts yet.
    """
    valid = []
    for login in dict.fromkeys(c.lower() for c in stage.candidates):
        review = reviews.get(login)
        if review is None or review.state != "APPROVED" or login in used:
            continue
        if login in stage.excluded:
            _note(
                notes,
                f"{review.login} is a department head of a unit this pull request touches, so they cannot also sign as {stage.role}",
            )
        elif review.commit_id != head_sha:
            _note(
                notes,
                f"{review.login} approved commit {review.commit_id[:7]}, not the current head {head_sha[:7]}; approve again",
            )
        elif blocked:
            _note(
                notes,
                f"{review.login} approved as {stage.role} before the earlier signatures were complete; approve again after them",
            )
        elif after is not None and review.submitted_at <= after:
            _note(
                notes,
                f"{review.login} approved as {stage.role} before the signatures that must come first; approve again",
            )
        else:
            valid.append(review)
    return min(valid, key=lambda r: r.submitted_at, default=None)


def _blockers(
    stages: list[Stage], reviews: dict[str, ReviewEvent], notes: list[str]
) -> list[Blocker]:
    from .signatures import Blocker

    roles: dict[str, str] = {}
    for stage in stages:
        for login in stage.candidates:
            roles.setdefault(login.lower(), stage.role)
    found = []
    for login, review in reviews.items():
        if review.state != "CHANGES_REQUESTED":
            continue
        if login in roles:
            found.append(Blocker(review.login, roles[login], review.submitted_at))
        else:
            _note(
                notes,
                f"{review.login} requested changes but is not a signatory of this pull request",
            )
    return sorted(found, key=lambda b: b.submitted_at)


def _note(notes: list[str], text: str) -> None:
    if text not in notes:
        notes.append(text)
