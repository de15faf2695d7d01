"""Judge a merged pull request with the signature check's own rules.

The facts (files, reviews, author, head commit) come from the signature check's own
collector, and :func:`microcred.github.signatures.evaluate` decides. The signatures
recorded here are exactly the ones that function counted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from github.PullRequest import PullRequest
from github.Repository import Repository

from ..errors import MicrocredError
from ..github.signature_check import pull_facts
from ..github.signatures import Signatories, evaluate
from ..governance import Governance
from ..loader import LoadError, parse
from .pulls import Judgement


def judge_pull(
    repository: Repository, pull: PullRequest, governance_text: str | None
) -> Judgement:
    signatories = Signatories.from_governance(_governance(governance_text, pull.number))
    decision = evaluate(pull_facts(pull), signatories)
    signatures = [
        signature_entry(s.role, s.login, s.submitted_at, s.commit_id)
        for s in decision.signatures
    ]
    return Judgement(
        signed=decision.signed, signatures=signatures, missing=decision.description
    )


def signature_entry(
    role: str, login: str, at: dt.datetime, commit: str
) -> dict[str, Any]:
    """Build one ``approval.signatures`` item in the record schema's shape."""
    stamp = at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "role": role.replace(" ", "-"),
        "login": login,
        "at": stamp,
        "commit": commit,
    }


def _governance(text: str | None, number: int) -> Governance:
    if text is None:
        raise MicrocredError(
            f"governance.yaml is missing at the base of pull request #{number}",
            "restore governance.yaml on the branch",
        )
    try:
        return Governance.from_document(parse(text))
    except LoadError as exc:
        raise MicrocredError(
            f"governance.yaml at the base of pull request #{number} cannot be read: {exc.problem.message}",
            "fix governance.yaml in a pull request first",
        ) from None
