"""The Python API that tests use to set up and inspect the fake GitHub's state.

The HTTP routes call the same methods, so a comment posted through the API and one
added by a test end up in the same place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import threading

from .state import (
    CheckRun,
    Clock,
    Comment,
    Commit,
    Issue,
    Label,
    Pull,
    PullFile,
    Repo,
    Review,
    Status,
    User,
    blob_sha,
)

Changes = dict[str, str | bytes | None]
REVIEW_STATES = ("APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING")


class World:
    """Users and repositories, guarded by one lock shared with the HTTP handler."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.lock = threading.RLock()
        self.clock = Clock(start) if start else Clock()
        self.ids = itertools.count(1001)
        self.users: dict[str, User] = {}
        self.repos: dict[str, Repo] = {}
        self.token = "fake-token-0123456789"
        self.token_login = "github-actions[bot]"

    def user(self, login: str, type: str | None = None) -> User:
        """Return the user ``login``, creating it; a login ending in [bot] is a bot."""
        with self.lock:
            key = login.lower()
            if key not in self.users:
                kind = type or ("Bot" if login.endswith("[bot]") else "User")
                self.users[key] = User(login=login, id=next(self.ids), type=kind)
            elif type:
                self.users[key].type = type
            return self.users[key]

    def create_repo(
        self, full_name: str, files: Changes | None = None, default_branch: str = "main"
    ) -> FakeRepo:
        owner, name = full_name.split("/")
        with self.lock:
            self.user(owner)
            repo = Repo(
                id=next(self.ids), owner=owner, name=name, default_branch=default_branch
            )
            self.repos[full_name.lower()] = repo
            handle = FakeRepo(self, repo)
            handle.commit(
                files or {"README.md": "sample\n"},
                branch=default_branch,
                message="Initial commit",
                author=owner,
            )
            return handle

    def repo(self, full_name: str) -> FakeRepo:
        return FakeRepo(self, self.repos[full_name.lower()])

    def find_repo(self, owner: str, name: str) -> Repo | None:
        return self.repos.get(f"{owner}/{name}".lower())


class FakeRepo:
    """One repository's state plus the operations tests and routes perform on it."""

    def __init__(self, world: World, data: Repo) -> None:
        self.world = world
        self.data = data

    @property
    def full_name(self) -> str:
        return self.data.full_name

    # -- git ---------------------------------------------------------------

    def commit(
        self,
        changes: Changes,
        branch: str | None = None,
        message: str = "Update files",
        author: str | None = None,
        at: dt.datetime | None = None,
    ) -> str:
        """Commit ``changes`` (path -> text, bytes, or None to delete) on ``branch``."""
        with self.world.lock:
            branch = branch or self.data.default_branch
            parent = self.data.branches.get(branch)
            return self._commit(
                changes, parent, branch, message, author or self.data.owner, at
            )

    def _commit(
        self,
        changes: Changes,
        parent: str | None,
        branch: str | None,
        message: str,
        author: str,
        at: dt.datetime | None,
    ) -> str:
        files = dict(self.data.commits[parent].files) if parent else {}
        for path, content in changes.items():
            if content is None:
                files.pop(path, None)
            else:
                files[path] = content.encode() if isinstance(content, str) else content
        date = self.world.clock.tick(at)
        unique = next(self.world.ids)
        seed = f"{parent}{sorted(files.items())}{message}{date.isoformat()}{unique}"
        sha = hashlib.sha1(seed.encode()).hexdigest()
        self.data.commits[sha] = Commit(
            sha=sha,
            files=files,
            parents=[parent] if parent else [],
            message=message,
            author=author,
            date=date,
        )
        if branch:
            self.data.branches[branch] = sha
        return sha

    def branch(self, name: str, from_ref: str | None = None) -> str:
        with self.world.lock:
            start = self.data.resolve(from_ref)
            if start is None:
                raise KeyError(f"no commit for ref {from_ref!r}")
            self.data.branches[name] = start.sha
            return start.sha

    def read(self, path: str, ref: str | None = None) -> str | None:
        commit = self.data.resolve(ref)
        if commit is None or path not in commit.files:
            return None
        return commit.files[path].decode()

    # -- pull requests -----------------------------------------------------

    def open_pull(
        self,
        user: str,
        changes: Changes,
        title: str = "Add a proposal",
        body: str = "",
        base: str | None = None,
        head_ref: str | None = None,
        draft: bool = False,
        labels: tuple[str, ...] = (),
        at: dt.datetime | None = None,
    ) -> Issue:
        """Open a pull request whose head is one commit of ``changes`` on ``base``."""
        with self.world.lock:
            self.world.user(user)
            base = base or self.data.default_branch
            base_sha = self.data.branches[base]
            number = self._next_number()
            head_ref = head_ref or f"{user}/change-{number}"
            head_sha = self._commit(changes, base_sha, head_ref, title, user, at)
            created = self.world.clock.tick(at)
            pull = Pull(
                head_ref=head_ref,
                head_sha=head_sha,
                base_ref=base,
                base_sha=base_sha,
                commits=[head_sha],
                draft=draft,
            )
            issue = Issue(
                number=number,
                title=title,
                body=body,
                user=user,
                created_at=created,
                updated_at=created,
                pull=pull,
            )
            self.data.issues[number] = issue
            self._refresh_files(pull)
            for name in labels:
                self.add_labels(number, [name])
            return issue

    def push(self, number: int, changes: Changes, at: dt.datetime | None = None) -> str:
        """Add a commit to the pull request's head branch; returns the new head sha."""
        with self.world.lock:
            issue = self.issue(number)
            pull = _pull_of(issue)
            sha = self._commit(
                changes, pull.head_sha, pull.head_ref, "Update", issue.user, at
            )
            pull.head_sha = sha
            pull.commits.append(sha)
            issue.updated_at = self.data.commits[sha].date
            self._refresh_files(pull)
            return sha

    def _refresh_files(self, pull: Pull) -> None:
        before = self.data.commits[pull.base_sha].files
        after = self.data.commits[pull.head_sha].files
        files = []
        for path in sorted(set(before) | set(after)):
            old, new = before.get(path), after.get(path)
            if old == new:
                continue
            if old is None:
                status = "added"
            elif new is None:
                status = "removed"
            else:
                status = "modified"
            lines_new = len((new or b"").splitlines())
            lines_old = len((old or b"").splitlines())
            files.append(
                PullFile(
                    filename=path,
                    status=status,
                    sha=blob_sha(new or b""),
                    additions=lines_new,
                    deletions=lines_old,
                )
            )
        pull.files = files

    def pull(self, number: int) -> Issue:
        issue = self.issue(number)
        _pull_of(issue)
        return issue

    def review(
        self,
        number: int,
        user: str,
        state: str,
        commit_id: str | None = None,
        at: dt.datetime | None = None,
        body: str = "",
    ) -> Review:
        """Submit a review; ``commit_id`` defaults to the current head."""
        state = state.upper()
        if state not in REVIEW_STATES:
            raise ValueError(f"review state {state!r} is not one of {REVIEW_STATES}")
        with self.world.lock:
            self.world.user(user)
            pull = _pull_of(self.issue(number))
            review = Review(
                id=next(self.world.ids),
                user=user,
                state=state,
                commit_id=commit_id or pull.head_sha,
                submitted_at=self.world.clock.tick(at),
                body=body,
            )
            pull.reviews.append(review)
            return review

    def dismiss(self, number: int, review_id: int) -> Review:
        """Dismiss a review the way GitHub does: its state becomes DISMISSED."""
        with self.world.lock:
            for review in _pull_of(self.issue(number)).reviews:
                if review.id == review_id:
                    review.state = "DISMISSED"
                    return review
            raise KeyError(f"pull request #{number} has no review {review_id}")

    def merge(
        self, number: int, by: str | None = None, at: dt.datetime | None = None
    ) -> str:
        """Merge the pull request into its base branch; returns the merge commit sha."""
        with self.world.lock:
            issue = self.issue(number)
            pull = _pull_of(issue)
            head = self.data.commits[pull.head_sha].files
            base = self.data.commits[self.data.branches[pull.base_ref]].files
            changes: Changes = {
                path: content
                for path, content in head.items()
                if base.get(path) != content
            }
            changes.update(
                {
                    path: None
                    for path in base
                    if path not in head
                    and path in self.data.commits[pull.base_sha].files
                }
            )
            sha = self._commit(
                changes,
                self.data.branches[pull.base_ref],
                pull.base_ref,
                f"Merge pull request #{number}",
                by or issue.user,
                at,
            )
            pull.merge_commit_sha = sha
            pull.merged_at = self.data.commits[sha].date
            pull.merged_by = by or self.data.owner
            self.close(number, at=pull.merged_at)
            return sha

    # -- issues, comments, labels ------------------------------------------

    def _next_number(self) -> int:
        return max(self.data.issues, default=0) + 1

    def issue(self, number: int) -> Issue:
        if number not in self.data.issues:
            raise KeyError(f"{self.full_name} has no issue or pull request #{number}")
        return self.data.issues[number]

    def issues(self, state: str = "all") -> list[Issue]:
        found = [
            i for i in self.data.issues.values() if state == "all" or i.state == state
        ]
        return sorted(found, key=lambda i: i.number)

    def create_issue(
        self,
        title: str,
        body: str = "",
        user: str | None = None,
        labels: tuple[str, ...] | list[str] = (),
        at: dt.datetime | None = None,
    ) -> Issue:
        with self.world.lock:
            user = user or self.world.token_login
            self.world.user(user)
            created = self.world.clock.tick(at)
            issue = Issue(
                number=self._next_number(),
                title=title,
                body=body,
                user=user,
                created_at=created,
                updated_at=created,
            )
            self.data.issues[issue.number] = issue
            self.add_labels(issue.number, list(labels))
            return issue

    def close(self, number: int, at: dt.datetime | None = None) -> None:
        with self.world.lock:
            issue = self.issue(number)
            issue.state = "closed"
            issue.closed_at = issue.updated_at = self.world.clock.tick(at)

    def comment(
        self,
        number: int,
        body: str,
        user: str | None = None,
        at: dt.datetime | None = None,
    ) -> Comment:
        with self.world.lock:
            user = user or self.world.token_login
            self.world.user(user)
            issue = self.issue(number)
            now = self.world.clock.tick(at)
            comment = Comment(
                id=next(self.world.ids),
                issue_number=number,
                user=user,
                body=body,
                created_at=now,
                updated_at=now,
            )
            self.data.comments[comment.id] = comment
            issue.updated_at = now
            return comment

    def comments(self, number: int) -> list[Comment]:
        return sorted(
            (c for c in self.data.comments.values() if c.issue_number == number),
            key=lambda c: c.id,
        )

    def label(self, name: str, color: str = "ededed", description: str = "") -> Label:
        """Return the label ``name`` (case-insensitive), creating it."""
        with self.world.lock:
            found = self.data.find_label(name)
            if found is None:
                found = Label(
                    id=next(self.world.ids),
                    name=name,
                    color=color,
                    description=description,
                )
                self.data.labels[name] = found
            return found

    def add_labels(self, number: int, names: list[str]) -> None:
        with self.world.lock:
            issue = self.issue(number)
            for name in names:
                label = self.label(name)
                if label.name not in issue.labels:
                    issue.labels.append(label.name)

    def labels_of(self, number: int) -> list[str]:
        return sorted(self.issue(number).labels)

    # -- statuses -----------------------------------------------------------

    def set_status(
        self,
        sha: str,
        state: str,
        context: str = "default",
        description: str = "",
        target_url: str = "",
        creator: str | None = None,
    ) -> Status:
        with self.world.lock:
            status = Status(
                id=next(self.world.ids),
                sha=sha,
                state=state,
                context=context,
                description=description,
                target_url=target_url,
                creator=creator or self.world.token_login,
                created_at=self.world.clock.tick(),
            )
            self.data.statuses.append(status)
            return status

    def statuses(self, sha: str) -> list[Status]:
        """Statuses of ``sha``, newest first, as GitHub lists them."""
        return [s for s in reversed(self.data.statuses) if s.sha == sha]

    def add_check_run(
        self,
        sha: str,
        name: str,
        conclusion: str | None = "success",
        status: str = "completed",
    ) -> CheckRun:
        """Record a check run (a workflow job) on ``sha``; conclusion None while running."""
        with self.world.lock:
            done = self.world.clock.tick() if status == "completed" else None
            run = CheckRun(next(self.world.ids), sha, name, status, conclusion, done)
            self.data.check_runs.append(run)
            return run

    def status(self, sha: str, context: str) -> Status | None:
        """The latest status of ``context`` on ``sha``, or None."""
        return next((s for s in self.statuses(sha) if s.context == context), None)


def _pull_of(issue: Issue) -> Pull:
    if issue.pull is None:
        raise KeyError(f"#{issue.number} is an issue, not a pull request")
    return issue.pull
