"""A fake GitHub REST API on 127.0.0.1 that PyGithub talks to unchanged.

Start it with the ``github_server`` fixture (or ``FakeGitHub().start()``) and point
PyGithub at ``server.base_url`` (``http://127.0.0.1:PORT/api/v3``) with
``server.token``; the ``github_env`` fixture sets GITHUB_API_URL, GITHUB_TOKEN and
GITHUB_REPOSITORY for code that reads them. Every URL in its answers keeps that host,
port and prefix, and lists are paginated with ``Link`` headers.

State API (all times are UTC; an event without ``at=`` is one minute after the last):

``server.user(login, type=None)``
    get or create a user; logins ending in ``[bot]`` have type ``Bot``.
``server.create_repo("owner/name", files={path: text}, default_branch="main")``
    returns a :class:`FakeRepo`; ``server.repo("owner/name")`` finds it again.
``repo.commit({path: text or None}, branch=None)`` -> sha
    commit on a branch (default branch by default); ``None`` deletes the file.
``repo.read(path, ref=None)``
    file text at a branch or sha, or None.
``repo.open_pull(user, {path: text}, title=..., body=..., labels=...)`` -> Issue
    one head commit on the base branch; ``issue.pull`` holds head/base sha, files,
    reviews, merged_at and merge_commit_sha.
``repo.push(number, changes)`` -> new head sha; ``repo.close(number)``;
``repo.merge(number, by=...)`` -> merge sha.
``repo.review(number, user, state, commit_id=None, at=None)`` -> Review
    state is APPROVED, CHANGES_REQUESTED or COMMENTED; the commit defaults to the
    head. ``repo.dismiss(number, review.id)`` sets a review's state to DISMISSED.
``repo.create_issue(title, body, labels=...)``, ``repo.comment(number, body)``,
``repo.comments(number)``, ``repo.label(name)``, ``repo.add_labels(number, names)``,
``repo.labels_of(number)``, ``repo.issues(state="all")``.
``repo.set_status(sha, state, context, description)``, ``repo.statuses(sha)`` (newest
first), ``repo.status(sha, context)`` (latest or None).
``repo.add_check_run(sha, name, conclusion="success", status="completed")``.

Inspection: ``server.requests`` lists every request (method, path without the prefix,
query, JSON body, answered status); ``server.calls(method, path_regex)`` and
``server.writes()`` filter it; ``server.unexpected`` lists requests that matched no
route (answered 404 JSON). ``server.fail(method, path_regex, status, times=1)``
injects error answers. Requests without ``Authorization: token <server.token>`` get 401.

Routes: users, repositories, branches, commits, ``commits/{sha}/pulls``, statuses
(create, list, combined), check runs of a commit, contents at a ref, pulls (list, get, files, commits,
reviews, dismissals, merge check), issues (list with state/labels/creator filters,
create, edit), issue comments (list, create, get, edit, delete), labels (repository
and issue), and ``search/issues`` with the repo:, is:, label:, author: and state:
qualifiers. The token user is ``github-actions[bot]``, as in GitHub Actions.
"""

from __future__ import annotations

from .server import FakeGitHub, RecordedRequest
from .world import FakeRepo, World

__all__ = ["FakeGitHub", "FakeRepo", "RecordedRequest", "World"]
