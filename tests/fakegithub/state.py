"""In-memory state of the fake GitHub: users, repositories, commits, issues, pulls."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

UTC = dt.UTC
DEFAULT_START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def blob_sha(content: bytes) -> str:
    """Return the git blob id of ``content``, as GitHub reports it for files."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


class Clock:
    """Fake time: every event that takes no explicit time is one minute later."""

    def __init__(self, start: dt.datetime = DEFAULT_START) -> None:
        self.current = start

    def tick(self, at: dt.datetime | None = None) -> dt.datetime:
        if at is not None:
            self.current = max(self.current, at)
            return at
        self.current += dt.timedelta(minutes=1)
        return self.current


@dataclass
class User:
    login: str
    id: int
    type: str = "User"


@dataclass
class Commit:
    sha: str
    files: dict[str, bytes]
    parents: list[str]
    message: str
    author: str
    date: dt.datetime


@dataclass
class PullFile:
    filename: str
    status: str
    sha: str
    additions: int = 0
    deletions: int = 0


@dataclass
class Review:
    id: int
    user: str
    state: str
    commit_id: str
    submitted_at: dt.datetime
    body: str = ""


@dataclass
class Comment:
    id: int
    issue_number: int
    user: str
    body: str
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass
class Label:
    id: int
    name: str
    color: str = "ededed"
    description: str = ""


@dataclass
class Pull:
    """Pull-request side of an issue; ``base_sha`` is the merge base."""

    head_ref: str
    head_sha: str
    base_ref: str
    base_sha: str
    commits: list[str] = field(default_factory=list)
    files: list[PullFile] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    draft: bool = False
    merged_at: dt.datetime | None = None
    merge_commit_sha: str | None = None
    merged_by: str | None = None


@dataclass
class Issue:
    number: int
    title: str
    body: str
    user: str
    created_at: dt.datetime
    updated_at: dt.datetime
    state: str = "open"
    labels: list[str] = field(default_factory=list)
    closed_at: dt.datetime | None = None
    pull: Pull | None = None

    @property
    def is_pull(self) -> bool:
        return self.pull is not None


@dataclass
class Status:
    id: int
    sha: str
    state: str
    context: str
    description: str
    target_url: str
    creator: str
    created_at: dt.datetime


@dataclass
class CheckRun:
    id: int
    sha: str
    name: str
    status: str
    conclusion: str | None
    completed_at: dt.datetime | None


@dataclass
class Repo:
    id: int
    owner: str
    name: str
    default_branch: str = "main"
    branches: dict[str, str] = field(default_factory=dict)
    commits: dict[str, Commit] = field(default_factory=dict)
    issues: dict[int, Issue] = field(default_factory=dict)
    comments: dict[int, Comment] = field(default_factory=dict)
    labels: dict[str, Label] = field(default_factory=dict)
    statuses: list[Status] = field(default_factory=list)
    check_runs: list[CheckRun] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    def resolve(self, ref: str | None) -> Commit | None:
        """Find the commit a branch name, a full sha or a sha prefix (7+) names."""
        ref = ref or self.default_branch
        for prefix in ("refs/heads/", "heads/"):
            ref = ref.removeprefix(prefix)
        if ref in self.branches:
            return self.commits[self.branches[ref]]
        if ref in self.commits:
            return self.commits[ref]
        if len(ref) >= 7:
            found = [c for sha, c in self.commits.items() if sha.startswith(ref)]
            if len(found) == 1:
                return found[0]
        return None

    def pulls(self) -> list[Issue]:
        return [i for i in self.issues.values() if i.pull is not None]

    def find_label(self, name: str) -> Label | None:
        for label in self.labels.values():
            if label.name.lower() == name.lower():
                return label
        return None
