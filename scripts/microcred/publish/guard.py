"""Catch pull requests that edit the fields only promote writes.

``ctid`` is minted once and ``approval`` records who signed what. Since the bot
commit that last recorded a credential, only sync may have touched the file (its
``canvas`` block), so any change to these fields came from a pull request.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..loader import LoadError, parse
from ..records import Record
from .git import BOT_TRAILER, RECORDED_TRAILER, Git, trailers

#: Fields of an approved credential that only promote and sync write.
BOT_FIELDS = frozenset({"approval", "canvas", "ctid", "revised_on"})


def is_bot_change(git: Git, sha: str, message: str, path: str) -> bool:
    """Tell whether commit ``sha`` is the bot's own change to the record at ``path``.

    A pull request commit can copy the bot's trailer into its message, so the
    trailer is not enough. The commit must also change no field of the record
    except ``BOT_FIELDS``, or create the record and delete the proposal of the
    same name in one commit, as promote does.
    """
    if not trailers(message, BOT_TRAILER):
        return False
    before, after = git.show(f"{sha}^", path), git.show(sha, path)
    if after is None:
        return False
    if before is None:
        deleted = git.out("show", "--no-renames", "--name-status", "--format=", sha)
        name = "/" + path.rsplit("/", 1)[-1]
        return any(
            line.startswith("D\tproposals/") and line.endswith(name)
            for line in deleted.splitlines()
        )
    try:
        old, new = parse(before).data, parse(after).data
    except LoadError:
        return False
    return _without(old, BOT_FIELDS) == _without(new, BOT_FIELDS)


def commits(git: Git, record: Record) -> Iterator[tuple[str, str]]:
    """Yield the SHA and message of each commit that changed ``record``, newest first."""
    log_text = git.out("log", "--format=%H%x1f%B%x1e", "--", record.path)
    for entry in log_text.split("\x1e"):
        sha, _, message = entry.strip().partition("\x1f")
        if sha:
            yield sha, message


def records_id(message: str, record_id: str) -> bool:
    """Tell whether a commit message has a Recorded trailer for ``record_id``."""
    recorded = {item.split()[0] for item in trailers(message, RECORDED_TRAILER) if item}
    return record_id in recorded


def last_recording(git: Git, record: Record) -> str | None:
    """Return the newest bot commit that recorded ``record``, or None."""
    for sha, message in commits(git, record):
        if records_id(message, record.id) and is_bot_change(
            git, sha, message, record.path
        ):
            return sha
    return None


def edited_bot_fields(git: Git, record: Record) -> tuple[list[str], str | None]:
    """Return the bot-written fields that differ from the last recording, and its commit."""
    sha = last_recording(git, record)
    old_text = git.show(sha, record.path) if sha else None
    if sha is None or old_text is None:
        return [], sha
    try:
        old = parse(old_text).data
    except LoadError:
        return [], sha
    changed = []
    if old.get("ctid") != record.get("ctid"):
        changed.append("ctid")
    old_approval, new_approval = (
        _mapping(old.get("approval")),
        _mapping(record.get("approval")),
    )
    if _without_revisions(old_approval) != _without_revisions(new_approval):
        changed.append("approval")
    if old_approval.get("revisions") != new_approval.get("revisions"):
        changed.append("approval.revisions")
    return changed, sha


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _without(data: dict[str, Any], names: frozenset[str]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in names}


def _without_revisions(approval: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in approval.items() if key != "revisions"}
