"""Decide what promote must record: proposals to move, credential revisions to stamp.

Everything here reads the repository and the GitHub API and writes nothing. So a
plan can be made again at any time, and promote makes a fresh one after every fetch.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalogue import Catalogue
from ..governance import GOVERNANCE_FILE
from ..records import CREDENTIALS_DIR, Record
from ..yamledit import set_field
from .git import Git
from .guard import commits, edited_bot_fields, is_bot_change, records_id
from .journal import Change
from .pulls import MergedPull, PullSource

log = logging.getLogger(__name__)


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def mint_ctid() -> str:
    return f"ce-{uuid.uuid4()}"


def make_plan(root: Path, git: Git, pulls: PullSource, branch: str) -> Plan:
    plan = Plan()
    catalogue = Catalogue.load(root)
    for problem in catalogue.load_findings:
        plan.errors.append(f"{problem.location}: {problem.message}")
    for record in catalogue.proposals:
        _plan_promotion(record, root, git, pulls, branch, plan)
    for record in catalogue.credentials:
        _plan_revision(record, root, git, pulls, branch, plan)
    return plan


def _plan_promotion(
    record: Record, root: Path, git: Git, pulls: PullSource, branch: str, plan: Plan
) -> None:
    commit = git.out("log", "-1", "--format=%H", "--", record.path)
    if not commit:
        plan.errors.append(
            f"{record.path} is not committed; promote only moves proposals that a merged pull request added"
        )
        return
    pull = pulls.merged_pull(commit, branch)
    if pull is None:
        plan.errors.append(
            f"{record.path} was last changed by commit {commit[:12]}, which belongs to no pull request merged into {branch}; open a pull request for it so it can be signed"
        )
        return
    judgement = pulls.judge(pull, _base_governance(git, pull))
    if not judgement.signed:
        plan.errors.append(
            f"pull request #{pull.number} merged {record.path} without valid signatures: {judgement.missing}"
        )
        return
    unit = record.unit or record.folder_unit
    target = f"{CREDENTIALS_DIR}/{unit}/{record.id}.yaml"
    if (root / target).exists():
        plan.errors.append(
            f"{record.path} cannot be promoted: {target} already exists; edit the approved credential in a pull request instead"
        )
        return
    text = (root / record.path).read_text(encoding="utf-8")
    text = set_field(text, "status", "active")
    if not isinstance(record.data.get("ctid"), str):
        text = set_field(text, "ctid", mint_ctid())
    text = set_field(text, "approval", _approval(pull, judgement.signatures))
    plan.changes.append(
        Change(
            "promote",
            record.id,
            record.path,
            target,
            text,
            pull.number,
            pull.approved_on,
        )
    )


def _plan_revision(
    record: Record, root: Path, git: Git, pulls: PullSource, branch: str, plan: Plan
) -> None:
    commit = _last_change(git, record)
    if commit is None:
        return
    pull = pulls.merged_pull(commit, branch)
    if pull is None:
        plan.warnings.append(
            f"{record.path} was last changed by commit {commit[:12]}, which belongs to no merged pull request; no revision recorded"
        )
        return
    if pull.number in _recorded_pulls(record):
        return
    judgement = pulls.judge(pull, _base_governance(git, pull))
    if not judgement.signed:
        plan.errors.append(
            f"pull request #{pull.number} changed {record.path} without valid signatures: {judgement.missing}"
        )
        return
    edited, recorded_in = edited_bot_fields(git, record)
    if edited and recorded_in:
        fields = ", ".join(edited)
        plan.errors.append(
            f"pull request #{pull.number} changed {fields} in {record.path}, which only promote writes; restore them as commit {recorded_in[:12]} has them in a new pull request"
        )
        return
    approval = dict(record.get("approval") or {})
    revisions = list(approval.get("revisions") or [])
    revisions.append(
        {"pull_request": pull.number, "approved_on": pull.approved_on, "url": pull.url}
    )
    approval["revisions"] = revisions
    text = (root / record.path).read_text(encoding="utf-8")
    text = set_field(text, "revised_on", pull.approved_on)
    text = set_field(text, "approval", approval)
    plan.changes.append(
        Change(
            "revise",
            record.id,
            record.path,
            record.path,
            text,
            pull.number,
            pull.approved_on,
        )
    )


def _last_change(git: Git, record: Record) -> str | None:
    """Return the newest commit that changed the record and that the bot has not recorded.

    Bot commits are skipped. A bot commit that recorded this credential ends the walk:
    everything older is already in the file's approval block. A commit counts as the
    bot's only if :func:`is_bot_change` says so, so a copied trailer hides nothing.
    """
    for sha, message in commits(git, record):
        if not is_bot_change(git, sha, message, record.path):
            return sha
        if records_id(message, record.id):
            return None
    return None


def _recorded_pulls(record: Record) -> set[int]:
    approval = record.get("approval")
    if not isinstance(approval, dict):
        return set()
    numbers = {approval.get("pull_request")}
    for revision in approval.get("revisions") or []:
        if isinstance(revision, dict):
            numbers.add(revision.get("pull_request"))
    return {n for n in numbers if isinstance(n, int)}


def _approval(pull: MergedPull, signatures: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "pull_request": pull.number,
        "url": pull.url,
        "approved_on": pull.approved_on,
        "signatures": signatures,
    }


def _base_governance(git: Git, pull: MergedPull) -> str | None:
    """Return governance.yaml as the base branch had it just before the merge."""
    return git.show(f"{pull.merge_commit_sha}^1", GOVERNANCE_FILE) or git.show(
        "HEAD", GOVERNANCE_FILE
    )
