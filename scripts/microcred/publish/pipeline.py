"""``microcred publish``: the whole publish order after a merge, in one run.

promote -> sync --apply -> one bot commit -> push -> build the site -> announce.

Promote commits locally. The badge class ids and hashes that sync writes are folded
into that same commit, or into one sync commit when nothing was promoted. So each
publish run adds at most one commit. A rejected push starts the order again from the
fetch; sync finds its badge classes by tag, so the second pass writes nothing new.
Deploying the built site is the workflow's job, between build and announce.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import MicrocredError
from ..yamledit import remove_field
from .git import BOT_TRAILER, Git
from .promote import PromoteOptions, PromoteResult, run_promote

log = logging.getLogger(__name__)

#: Runs one step on the repository root and returns its error messages.
Step = Callable[[Path], list[str]]


@dataclass
class PublishOptions:
    promote: PromoteOptions
    push: bool = True
    sync: Step | None = None
    build: Step | None = None
    announce: Step | None = None


@dataclass
class PublishResult:
    promoted: PromoteResult = field(default_factory=PromoteResult)
    committed: bool = False
    pushed: bool = False
    #: True when the remote branch ends at the local HEAD: pushed, or nothing to push.
    published: bool = False
    errors: list[str] = field(default_factory=list)


def run_publish(options: PublishOptions) -> PublishResult:
    root = options.promote.root
    git = Git(root)
    local = dataclasses.replace(options.promote, push=False)
    remote, branch = options.promote.remote, options.promote.branch
    if sync_output_left(git):
        log.info("committing the badge class records a crashed run left uncommitted")
        commit_sync(git, options.promote)
    for _attempt in range(options.promote.max_attempts):
        result = PublishResult(promoted=run_promote(local))
        before = git.head()
        if options.sync:
            result.errors += options.sync(root)
            options.promote.checkpoint("synced")
            commit_sync(git, options.promote)
        result.committed = bool(result.promoted.changes) or git.head() != before
        if not (options.push and remote):
            break
        if not git.ahead(git.remote_ref(remote, branch)):
            result.published = True
            break
        options.promote.checkpoint("before-push")
        if git.push(remote, branch):
            result.pushed = result.published = True
            break
        log.info("push rejected; publishing again from a fresh fetch")
    else:
        raise MicrocredError(
            f"the push to {remote}/{branch} was rejected {options.promote.max_attempts} times",
            "run publish again when the branch is quiet",
        )
    result.errors = result.promoted.errors + result.errors
    for name, step in (("build", options.build), ("announce", options.announce)):
        if step is None:
            continue
        log.info("publish: %s", name)
        result.errors += step(root)
    return result


def sync_output_left(git: Git) -> bool:
    """Return True when the only uncommitted changes are sync's ``canvas`` blocks.

    Sync records each badge class id in the credential file right after creating it,
    so a run that crashed before its commit leaves exactly these edits. Any other
    change is someone's work, and promote then stops on the dirty tree.
    """
    status = git.run(
        "status", "--porcelain", "--untracked-files=no"
    ).stdout.splitlines()
    if not status:
        return False
    for line in status:
        path = line[3:]
        if line[:2].strip() != "M" or not path.startswith("credentials/"):
            return False
        before = git.show("HEAD", path)
        after = (git.root / path).read_text(encoding="utf-8")
        if before is None or remove_field(before, "canvas") != remove_field(
            after, "canvas"
        ):
            return False
    return True


def commit_sync(git: Git, options: PromoteOptions) -> None:
    """Commit what sync wrote, into this run's unpushed promote commit when there is one."""
    if not git.run("status", "--porcelain", "--", "credentials").stdout.strip():
        return
    git.run("add", "--", "credentials")
    upstream = (
        git.remote_ref(options.remote, options.branch) if options.remote else None
    )
    ahead = git.ahead(upstream) if upstream else []
    if ahead and git.is_bot_commit(ahead[-1]):
        message = git.message("HEAD").rstrip("\n") + f"\n{BOT_TRAILER}: sync\n"
        git.run(
            "commit",
            "--quiet",
            "--amend",
            "--no-verify",
            "-F",
            "-",
            env=options.identity.env(),
            input_text=message,
        )
        log.info("added the badge class records to the bot commit %s", git.head()[:12])
        return
    message = f"Record Canvas Credentials badge classes\n\nWritten by microcred sync --apply.\n\n{BOT_TRAILER}: sync\n"
    git.commit(message, options.identity)
    log.info("committed the badge class records as %s", git.head()[:12])
