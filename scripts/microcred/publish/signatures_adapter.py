"""Judge a merged pull request with the signature check's own rules.

This module only gathers the facts (files, reviews, author, head commit) through
PyGithub and hands them to :func:`microcred.github.signatures.evaluate`; the
signatures it records are exactly the ones that function counted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from github.PullRequest import PullRequest
from github.Repository import Repository

from ..errors import MicrocredError
from ..github.signatures import PullFacts, ReviewEvent, Signatories, evaluate
from ..governance import Governance
from ..loader import LoadError, parse
from .pulls import Judgement


def judge_pull(repository: Repository, pull: PullRequest, governance_text: str | None) -> Judgement:
    signatories = Signatories.from_governance(_governance(governance_text, pull.number))
    decision = evaluate(pull_facts(pull), signatories)
    signatures = [signature_entry(s.role, s.login, s.submitted_at, s.commit_id) for s in decision.signatures]
    return Judgement(signed=decision.signed, signatures=signatures, missing=decision.description)


def pull_facts(pull: PullRequest) -> PullFacts:
    paths: list[str] = []
    for item in pull.get_files():
        paths.append(item.filename)
        if item.previous_filename:
            paths.append(item.previous_filename)
    reviews = tuple(
        ReviewEvent(login=r.user.login, state=r.state, commit_id=r.commit_id, submitted_at=r.submitted_at, user_type=r.user.type or "User")
        for r in pull.get_reviews()
        if r.user is not None and r.submitted_at is not None
    )
    return PullFacts(number=pull.number, author=pull.user.login, head_sha=pull.head.sha, changed_paths=tuple(paths), reviews=reviews)


def signature_entry(role: str, login: str, at: dt.datetime, commit: str) -> dict[str, Any]:
    """One ``approval.signatures`` item in the record schema's shape."""
    stamp = at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"role": role.replace(" ", "-"), "login": login, "at": stamp, "commit": commit}


def _governance(text: str | None, number: int) -> Governance:
    if text is None:
        raise MicrocredError(f"governance.yaml is missing at the base of pull request #{number}", "restore governance.yaml on the branch")
    try:
        return Governance.from_document(parse(text))
    except LoadError as exc:
        raise MicrocredError(f"governance.yaml at the base of pull request #{number} cannot be read: {exc.problem.message}", "fix governance.yaml in a pull request first") from None
