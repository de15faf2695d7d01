"""``microcred promote``: record approvals in git, safely under races and crashes.

The remote branch is the lock. Each attempt fetches, rebases the local branch onto
the remote, plans from what is now there, commits as the bot and pushes. A rejected
push means another run got there first: fetch, rebase and try again, up to
``max_attempts``. When the rebase conflicts (both runs promoted the same proposal),
the unpushed bot commits are dropped and the plan is made again from the remote,
which then has nothing left to promote. A crash is completed by the next run through
the journal (see :mod:`microcred.publish.journal`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import MicrocredError
from ..yamledit import write_atomic
from . import journal
from .git import BotIdentity, Git
from .journal import Change, Journal, commit_message
from .plan import make_plan
from .pulls import PullSource

log = logging.getLogger(__name__)

Checkpoint = Callable[[str], None]
MANAGED_DIRS = ("proposals", "credentials")


@dataclass
class PromoteOptions:
    root: Path
    pulls: PullSource
    remote: str | None = "origin"
    branch: str = "main"
    push: bool = True
    identity: BotIdentity = field(default_factory=BotIdentity)
    max_attempts: int = 5
    #: Called with a step name between steps; tests raise from it to simulate a crash.
    checkpoint: Checkpoint = lambda step: None


@dataclass
class PromoteResult:
    changes: list[Change] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pushed: bool = False


def run_promote(options: PromoteOptions) -> PromoteResult:
    git = Git(options.root)
    _require_branch(git, options.branch)
    recover(git, options)
    _require_clean(git)
    result = PromoteResult()
    for attempt in range(1, options.max_attempts + 1):
        if options.remote:
            _integrate(git, options, result)
        plan = make_plan(options.root, git, options.pulls, options.branch)
        result.errors, result.warnings = plan.errors, plan.warnings
        if plan.changes:
            apply_changes(git, options, plan.changes)
            result.changes.extend(plan.changes)
        if not (options.push and options.remote):
            return result
        upstream = git.remote_ref(options.remote, options.branch)
        if not git.ahead(upstream):
            return result
        options.checkpoint("before-push")
        if git.push(options.remote, options.branch):
            result.pushed = True
            return result
        log.info(
            "attempt %d of %d: push rejected, fetching again",
            attempt,
            options.max_attempts,
        )
    raise MicrocredError(
        f"the push to {options.remote}/{options.branch} was rejected {options.max_attempts} times",
        "another job keeps pushing to the branch; run promote again when it is quiet",
    )


def _integrate(git: Git, options: PromoteOptions, result: PromoteResult) -> None:
    assert options.remote
    git.fetch(options.remote, options.branch)
    upstream = git.remote_ref(options.remote, options.branch)
    if git.rebase(upstream):
        return
    ahead = git.ahead(upstream)
    foreign = [sha for sha in ahead if not git.is_bot_commit(sha)]
    if foreign:
        raise MicrocredError(
            f"rebasing onto {options.remote}/{options.branch} conflicts, and {len(foreign)} local commit(s) are not the bot's",
            "push or drop your own commits first, then run promote again",
        )
    log.info(
        "dropping %d unpushed bot commit(s) that conflict with %s; planning again",
        len(ahead),
        upstream,
    )
    git.run("reset", "--quiet", "--hard", upstream)
    result.changes.clear()


def apply_changes(git: Git, options: PromoteOptions, changes: list[Change]) -> str:
    """Write, stage and commit ``changes`` as one bot commit, journalled first."""
    entry = Journal(base=git.head(), message=commit_message(changes), changes=changes)
    journal.write(git, entry)
    options.checkpoint("journal-written")
    _replay(git, options, entry)
    sha = git.commit(entry.message, options.identity)
    options.checkpoint("committed")
    journal.remove(git)
    for change in changes:
        log.info(
            "%s %s from pull request #%d in %s",
            "promoted" if change.kind == "promote" else "recorded revision of",
            change.record_id,
            change.pull_request,
            sha[:12],
        )
    return sha


def _replay(git: Git, options: PromoteOptions, entry: Journal) -> None:
    for change in entry.changes:
        if change.source != change.target:
            (git.root / change.target).parent.mkdir(parents=True, exist_ok=True)
            git.run("mv", change.source, change.target)
            options.checkpoint("moved")
        write_atomic(git.root / change.target, change.text)
        options.checkpoint("written")
        git.run("add", "--", change.target)
    options.checkpoint("staged")


def recover(git: Git, options: PromoteOptions) -> None:
    """Complete or clear the journal a crashed run left behind."""
    entry = journal.read(git)
    if entry is None:
        return
    if git.head() != entry.base:
        log.info(
            "the journalled promotion was committed before the crash; clearing the journal"
        )
        journal.remove(git)
        return
    log.info(
        "completing a promotion interrupted by a crash: %s",
        ", ".join(c.record_id for c in entry.changes),
    )
    journal.restore_paths(git, entry.paths)
    _replay(git, options, entry)
    git.commit(entry.message, options.identity)
    journal.remove(git)


def _require_branch(git: Git, branch: str) -> None:
    """Reject a checkout of another branch, because its commits would be pushed to ``branch``."""
    current = git.current_branch()
    if current not in (branch, "HEAD"):
        raise MicrocredError(
            f"the checkout is on branch {current!r}, not {branch!r}",
            f"run `git switch {branch}` first, or pass --branch {current}",
        )


def _require_clean(git: Git) -> None:
    dirty = [
        path for path in git.dirty_paths() if not path.startswith(("site/", "outbox/"))
    ]
    tracked = [
        line
        for line in git.run(
            "status", "--porcelain", "--untracked-files=no"
        ).stdout.splitlines()
        if line
    ]
    managed = [p for p in dirty if p.startswith(tuple(d + "/" for d in MANAGED_DIRS))]
    if tracked or managed:
        shown = ", ".join((managed or [line[3:] for line in tracked])[:5])
        raise MicrocredError(
            f"the working tree has uncommitted changes ({shown})",
            "commit or stash them; promote commits only its own changes",
        )
