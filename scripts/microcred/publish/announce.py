"""``microcred announce``: tell people about newly approved credentials, once.

Which credentials are new comes from the repository: files in credentials/ whose
first approval (``approval.approved_on``) lies within the last ``window_days``, and,
with ``since``, that changed after that git revision.

Whether an announcement went out is recorded on GitHub, on the approving pull request:
one sticky bot comment with a hidden state marker. The comment is written first with
``email=pending``, then the email is sent, then the comment is edited to
``email=sent``. A rerun skips every credential whose comment records ``sent`` and resends
only a ``pending`` one. The record survives fresh clones and reruns of the workflow,
and people can see it.

NOTE: a run that dies after the mail server accepted the email and before the comment
edit leaves ``pending``, so the next run sends the email a second time. It reuses the
Message-ID, which lets mail clients drop the copy.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from github.GithubException import GithubException
from github.IssueComment import IssueComment
from github.Repository import Repository

from ..catalogue import Catalogue
from ..errors import MicrocredError
from ..governance import Governance
from ..mail import MailSettings, build_message, deliver
from ..records import Record
from . import messages
from .git import Git

log = logging.getLogger(__name__)

DEFAULT_WINDOW_DAYS = 30
STATE = re.compile(
    r"<!-- microcred:announcement-state id=(?P<id>\S+) email=(?P<state>\w+) -->"
)


@dataclass
class AnnounceOptions:
    root: Path
    repository: Repository
    mail: MailSettings
    since: str | None = None
    window_days: int = DEFAULT_WINDOW_DAYS
    today: dt.date = field(default_factory=lambda: dt.datetime.now(dt.UTC).date())


@dataclass
class AnnounceResult:
    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def run_announce(options: AnnounceOptions) -> AnnounceResult:
    catalogue = Catalogue.load(options.root)
    if catalogue.governance is None:
        raise MicrocredError(
            f"governance.yaml cannot be loaded from {options.root}",
            "run microcred check to see why",
        )
    result = AnnounceResult()
    for record in candidates(catalogue, options):
        try:
            announce_one(record, catalogue.governance, options, result)
        except (GithubException, MicrocredError) as exc:
            log.error("announcing %s failed: %s", record.id, exc)
            result.errors.append(f"{record.path}: announcing failed: {exc}")
    return result


def candidates(catalogue: Catalogue, options: AnnounceOptions) -> list[Record]:
    changed = _changed_since(options.root, options.since) if options.since else None
    oldest = options.today - dt.timedelta(days=options.window_days)
    found = []
    for record in catalogue.credentials:
        approved = _approved_on(record)
        if approved is None or approved < oldest or record.status == "retired":
            continue
        if changed is not None and record.path not in changed:
            continue
        found.append(record)
    return found


def announce_one(
    record: Record,
    governance: Governance,
    options: AnnounceOptions,
    result: AnnounceResult,
) -> None:
    number = record.get("approval", "pull_request")
    if not isinstance(number, int):
        raise MicrocredError(
            f"{record.path} has no approval.pull_request",
            "restore the approval block from the file's git history",
        )
    issue = options.repository.get_issue(number)
    comment = find_comment(issue.get_comments(), record.id, governance)
    state = _state(comment, record.id)
    if state == "sent":
        result.skipped.append(record.id)
        return
    item = messages.build(record, governance, issue.user.login)
    if comment is None:
        comment = issue.create_comment(
            messages.comment_body(item, "pending", "sending")
        )
        log.info(
            "posted the announcement on pull request #%d for %s",
            issue.number,
            record.id,
        )
    if not item.to:
        raise MicrocredError(
            f"{record.path} has no contacts.submitter.email",
            "add the submitter's email, then run announce again",
        )
    message = build_message(
        options.mail.sender,
        list(item.to),
        list(item.cc),
        item.subject,
        messages.email_body(item),
        item.message_id,
    )
    where = deliver(message, options.mail, f"announce-{record.id}")
    delivery = (
        "sent"
        if options.mail.sends
        else f"written to {Path(where).name} (no SMTP settings)"
    )
    comment.edit(messages.comment_body(item, "sent", delivery))
    result.sent.append(record.id)


def find_comment(
    comments: object, record_id: str, governance: Governance
) -> IssueComment | None:
    """Return the bot's announcement comment; comments by people never count."""
    bots = {login.lower() for login in governance.bots}
    for comment in comments:  # type: ignore[attr-defined]
        login = comment.user.login.lower()
        by_bot = comment.user.type == "Bot" or login.removesuffix("[bot]") in bots
        if (
            by_bot
            and messages.MARKER in comment.body
            and _state(comment, record_id) is not None
        ):
            return comment
    return None


def _state(comment: IssueComment | None, record_id: str) -> str | None:
    if comment is None:
        return None
    for match in STATE.finditer(comment.body):
        if match["id"] == record_id:
            return match["state"]
    return None


def _approved_on(record: Record) -> dt.date | None:
    value = record.get("approval", "approved_on")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _changed_since(root: Path, since: str) -> set[str]:
    git = Git(root)
    if (
        git.run(
            "rev-parse", "--verify", "--quiet", f"{since}^{{commit}}", check=False
        ).returncode
        != 0
    ):
        raise MicrocredError(
            f"--since {since!r} names no commit in {root}",
            "pass a commit SHA, a tag or a branch name",
        )
    return set(
        git.out("diff", "--name-only", since, "HEAD", "--", "credentials").splitlines()
    )
