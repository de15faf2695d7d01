"""Decide whether a pull request is signed: pure functions over plain data.

Stable API (``microcred signatures`` and ``microcred promote`` use it)::

    signatories = Signatories.from_governance(base_governance)
    decision = evaluate(PullFacts(...), signatories)
    decision.state        # "pending" | "success" | "failure" (the commit status)
    decision.label        # awaiting-department-head | ready-for-committee |
                          # changes-requested | signed
    decision.description  # at most 140 characters, names whose signature is missing
    decision.signatures   # counted Signature(role, scope, login, submitted_at, commit_id)

The rules:

* Each unit folder the pull request touches (``proposals/<unit>/``,
  ``credentials/<unit>/``) needs an approval from one of that unit's department heads.
* Where governance.yaml lists reviewers for the unit's college, one of them must
  approve after the department head and before the committee.
* One committee member must approve after all of the above.
* Only each reviewer's latest decisive review counts (approved, changes requested,
  dismissed); a later comment does not cancel an approval.
* Only approvals of the current head commit count. The author and bots never count.
  Logins compare case-insensitively.
* One person signs in one role only. A department head of a touched unit never
  signs as college reviewer or committee member on that pull request.
* A change request from any signatory blocks until they approve or it is dismissed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..governance import Governance
from .signature_rules import (
    RoleCheck,
    Stage,
    check_stages,
    latest_decisive,
    touched_units,
)

APPROVED = "APPROVED"
CHANGES_REQUESTED = "CHANGES_REQUESTED"
DEPARTMENT_HEAD = "department head"
COLLEGE_REVIEWER = "college reviewer"
COMMITTEE = "committee"
LABELS = (
    "awaiting-department-head",
    "ready-for-committee",
    "changes-requested",
    "signed",
)
MAX_DESCRIPTION = 140


@dataclass(frozen=True)
class ReviewEvent:
    """One submitted pull request review, as the REST API lists it."""

    login: str
    state: str
    commit_id: str
    submitted_at: dt.datetime
    user_type: str = "User"


@dataclass(frozen=True)
class PullFacts:
    """Facts about one pull request: author, head commit, changed paths, reviews."""

    number: int
    author: str
    head_sha: str
    changed_paths: tuple[str, ...]
    reviews: tuple[ReviewEvent, ...]


@dataclass(frozen=True)
class Signatories:
    """Logins that may sign in each role, from governance.yaml on the base branch."""

    department_heads: dict[str, tuple[str, ...]]
    unit_colleges: dict[str, str]
    college_reviewers: dict[str, tuple[str, ...]]
    committee: tuple[str, ...]
    bots: tuple[str, ...]

    @classmethod
    def from_governance(cls, gov: Governance) -> Signatories:
        return cls(
            department_heads={u.id: u.department_heads for u in gov.units.values()},
            unit_colleges={u.id: u.college for u in gov.units.values()},
            college_reviewers={
                c.id: c.reviewers for c in gov.colleges.values() if c.reviewers
            },
            committee=gov.committee_members,
            bots=gov.bots,
        )

    def is_bot(self, login: str, user_type: str = "User") -> bool:
        lowered = login.lower()
        return (
            user_type == "Bot"
            or lowered.endswith("[bot]")
            or lowered in {b.lower() for b in self.bots}
        )


@dataclass(frozen=True)
class Signature:
    """A counted approval: the role, the unit or college it covers, who, when, on which commit."""

    role: str
    scope: str
    login: str
    submitted_at: dt.datetime
    commit_id: str


@dataclass(frozen=True)
class Missing:
    """A signature still needed, and who could give it."""

    role: str
    scope: str
    candidates: tuple[str, ...]


@dataclass(frozen=True)
class Blocker:
    """A change request from a signatory."""

    login: str
    role: str
    submitted_at: dt.datetime


@dataclass(frozen=True)
class Decision:
    state: str
    label: str
    description: str
    units: tuple[str, ...]
    signatures: tuple[Signature, ...] = ()
    missing: tuple[Missing, ...] = ()
    blockers: tuple[Blocker, ...] = ()
    unknown_units: tuple[str, ...] = ()
    #: Reviews that did not count, each with the reason, for the PR comment.
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def signed(self) -> bool:
        return self.state == "success"

    def signature(self, role: str) -> Signature | None:
        return next((s for s in self.signatures if s.role == role), None)


def evaluate(pull: PullFacts, signatories: Signatories) -> Decision:
    """Decide the ``signatures`` status of ``pull`` under ``signatories``."""
    units = touched_units(pull.changed_paths)
    unknown = tuple(u for u in units if u not in signatories.department_heads)
    notes: list[str] = []
    reviews = latest_decisive(pull, signatories, notes)

    stages = _stages(units, signatories, pull.author)
    result: RoleCheck = check_stages(stages, reviews, pull.head_sha, notes)

    state, label, description = _outcome(result, unknown)
    return Decision(
        state=state,
        label=label,
        description=shorten(description),
        units=units,
        signatures=tuple(result.signatures),
        missing=tuple(result.missing),
        blockers=tuple(result.blockers),
        unknown_units=unknown,
        notes=tuple(notes),
    )


def _outcome(result: RoleCheck, unknown: tuple[str, ...]) -> tuple[str, str, str]:
    """Return the status state, the stage label and the status description."""
    if result.blockers:
        who = ", ".join(f"{b.login} ({b.role})" for b in result.blockers)
        return "failure", "changes-requested", f"Blocked: changes requested by {who}"
    if unknown:
        units = ", ".join(unknown)
        text = f"Blocked: unit {units} not in governance.yaml on the base branch; add the unit first"
        return "failure", "changes-requested", text
    if not result.missing:
        who = ", ".join(f"{s.login} ({s.role})" for s in result.signatures)
        return "success", "signed", f"Signed by {who}"
    if result.missing[0].role == DEPARTMENT_HEAD:
        label = "awaiting-department-head"
    else:
        label = "ready-for-committee"
    return "pending", label, _missing_text(result.missing)


def _stages(
    units: tuple[str, ...], signatories: Signatories, author: str
) -> list[Stage]:
    # The author and bots are never listed as possible signatories.
    ineligible = {author.lower()} | {b.lower() for b in signatories.bots}
    heads_of_touched = ineligible | {
        h.lower() for unit in units for h in signatories.department_heads.get(unit, ())
    }
    stages = [
        Stage(
            DEPARTMENT_HEAD,
            unit,
            signatories.department_heads[unit],
            frozenset(ineligible),
            0,
        )
        for unit in units
        if unit in signatories.department_heads
    ]
    colleges = sorted(
        {signatories.unit_colleges.get(u, "") for u in units}
        & set(signatories.college_reviewers)
    )
    stages += [
        Stage(
            COLLEGE_REVIEWER,
            college,
            signatories.college_reviewers[college],
            frozenset(heads_of_touched),
            1,
        )
        for college in colleges
    ]
    stages.append(
        Stage(COMMITTEE, "", signatories.committee, frozenset(heads_of_touched), 2)
    )
    return stages


def _missing_text(missing: list[Missing]) -> str:
    role = missing[0].role
    parts = []
    for item in missing:
        if item.role != role:
            continue
        who = _either(item.candidates)
        parts.append(f"{item.scope}: {who}" if item.scope else who)
    return f"Missing {role} signature ({'; '.join(parts)})"


def _either(logins: tuple[str, ...]) -> str:
    if not logins:
        return "no eligible signatory in governance.yaml"
    if len(logins) == 1:
        return logins[0]
    return ", ".join(logins[:-1]) + " or " + logins[-1]


def shorten(text: str, limit: int = MAX_DESCRIPTION) -> str:
    """Cut ``text`` to ``limit`` characters, ending with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
