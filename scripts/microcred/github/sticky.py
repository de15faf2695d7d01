"""Sticky bot comments and labels on issues and pull requests."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from github.Issue import Issue
from github.IssueComment import IssueComment
from github.PullRequest import PullRequest
from github.Repository import Repository

log = logging.getLogger(__name__)
IsBot = Callable[[str, str], bool]


@dataclass(frozen=True)
class LabelSpec:
    name: str
    color: str
    description: str


def find_marked(
    thread: Issue | PullRequest, marker: str, is_bot: IsBot
) -> list[IssueComment]:
    """Return the bot's comments on ``thread`` that contain ``marker``, oldest first.

    Only comments by bots count, so a person who pastes the marker cannot take
    over the bot's comment.
    """
    comments = (
        thread.get_issue_comments()
        if isinstance(thread, PullRequest)
        else thread.get_comments()
    )
    return [
        c
        for c in comments
        if marker in (c.body or "")
        and c.user is not None
        and is_bot(c.user.login, c.user.type)
    ]


def upsert_comment(
    thread: Issue | PullRequest, marker: str, body: str, is_bot: IsBot
) -> str:
    """Keep exactly one bot comment with ``marker``; returns created, updated or unchanged."""
    if marker not in body:
        raise ValueError("a sticky comment body must contain its marker")
    found = find_marked(thread, marker, is_bot)
    for extra in found[1:]:
        log.info("deleting duplicate sticky comment %s on #%s", extra.id, thread.number)
        extra.delete()
    if not found:
        thread.create_issue_comment(body) if isinstance(
            thread, PullRequest
        ) else thread.create_comment(body)
        return "created"
    if found[0].body == body:
        return "unchanged"
    found[0].edit(body)
    return "updated"


def ensure_labels(repo: Repository, specs: Iterable[LabelSpec]) -> list[str]:
    """Create the labels in ``specs`` that the repository lacks; returns their names."""
    existing = {label.name.lower() for label in repo.get_labels()}
    created = []
    for spec in specs:
        if spec.name.lower() not in existing:
            repo.create_label(spec.name, spec.color, spec.description)
            created.append(spec.name)
    return created


def set_one_label(
    thread: Issue | PullRequest, wanted: str, family: Iterable[str]
) -> tuple[list[str], list[str]]:
    """Put ``wanted`` on ``thread`` and remove the other labels of ``family``.

    Returns the labels added and removed; labels outside ``family`` stay.
    """
    current = {label.name.lower(): label.name for label in thread.get_labels()}
    removed = []
    for name in family:
        if name.lower() != wanted.lower() and name.lower() in current:
            thread.remove_from_labels(current[name.lower()])
            removed.append(name)
    added = []
    if wanted.lower() not in current:
        thread.add_to_labels(wanted)
        added.append(wanted)
    return added, removed
