"""Routes for users, repositories, commits, statuses, contents and search."""

from __future__ import annotations

import re

from .routing import OWNER_REPO, Ctx, HttpError, Reply, route
from .state import Issue, Repo

STATUS_STATES = ("error", "failure", "pending", "success")


@route("GET", r"/user")
def get_token_user(ctx: Ctx) -> Reply:
    return Reply(200, ctx.render.user(ctx.world.user(ctx.world.token_login)))


@route("GET", r"/users/(?P<login>[^/]+)")
def get_user(ctx: Ctx) -> Reply:
    user = ctx.world.users.get(ctx.params["login"].lower())
    if user is None:
        raise HttpError(404, "Not Found")
    return Reply(200, ctx.render.user(user))


@route("GET", OWNER_REPO)
def get_repo(ctx: Ctx) -> Reply:
    repo = ctx.repo().data
    return Reply(200, ctx.render.repo(repo, ctx.world.user(repo.owner)))


@route("GET", OWNER_REPO + r"/branches/(?P<branch>.+)")
def get_branch(ctx: Ctx) -> Reply:
    repo = ctx.repo().data
    sha = repo.branches.get(ctx.params["branch"])
    if sha is None:
        raise HttpError(404, "Branch not found")
    commit = repo.commits[sha]
    return Reply(
        200,
        {
            "name": ctx.params["branch"],
            "protected": False,
            "commit": ctx.render.commit(repo, commit, ctx.world.user(commit.author)),
        },
    )


@route("GET", OWNER_REPO + r"/commits/(?P<ref>[^/]+)")
def get_commit(ctx: Ctx) -> Reply:
    repo = ctx.repo().data
    commit = _commit_or_404(repo, ctx.params["ref"])
    return Reply(200, ctx.render.commit(repo, commit, ctx.world.user(commit.author)))


@route("GET", OWNER_REPO + r"/commits/(?P<ref>[^/]+)/pulls")
def get_commit_pulls(ctx: Ctx) -> Reply:
    repo = ctx.repo().data
    sha = _commit_or_404(repo, ctx.params["ref"]).sha
    found = [
        i
        for i in repo.pulls()
        if i.pull and (sha in i.pull.commits or i.pull.merge_commit_sha == sha)
    ]
    return ctx.paginate([_pull_json(ctx, repo, i) for i in found])


@route("POST", OWNER_REPO + r"/statuses/(?P<sha>[0-9a-f]{40})")
def create_status(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    if ctx.params["sha"] not in fake.data.commits:
        raise HttpError(422, "No commit found for SHA: " + ctx.params["sha"])
    state = ctx.field("state")
    if state not in STATUS_STATES:
        raise HttpError(
            422,
            "Validation Failed",
            [
                {
                    "resource": "Status",
                    "field": "state",
                    "code": "custom",
                    "message": f"state is not included in the list {STATUS_STATES}",
                }
            ],
        )
    description = ctx.field("description", required=False) or ""
    if len(description) > 140:
        raise HttpError(
            422,
            "Validation Failed",
            [
                {
                    "resource": "Status",
                    "field": "description",
                    "code": "custom",
                    "message": "description is too long (maximum is 140 characters)",
                }
            ],
        )
    status = fake.set_status(
        ctx.params["sha"],
        state,
        ctx.field("context", required=False) or "default",
        description,
        ctx.field("target_url", required=False) or "",
    )
    return Reply(
        201, ctx.render.status(fake.data, status, ctx.world.user(status.creator))
    )


@route("GET", OWNER_REPO + r"/statuses/(?P<ref>[^/]+)")
@route("GET", OWNER_REPO + r"/commits/(?P<ref>[^/]+)/statuses")
def list_statuses(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    sha = _commit_or_404(fake.data, ctx.params["ref"]).sha
    return ctx.paginate(
        [
            ctx.render.status(fake.data, s, ctx.world.user(s.creator))
            for s in fake.statuses(sha)
        ]
    )


@route("GET", OWNER_REPO + r"/commits/(?P<ref>[^/]+)/status")
def combined_status(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    sha = _commit_or_404(fake.data, ctx.params["ref"]).sha
    latest = {}
    for status in fake.statuses(sha):
        latest.setdefault(status.context, status)
    states = {s.state for s in latest.values()}
    overall = (
        "failure"
        if states & {"failure", "error"}
        else "pending"
        if "pending" in states or not states
        else "success"
    )
    statuses = [
        ctx.render.status(fake.data, s, ctx.world.user(s.creator))
        for s in latest.values()
    ]
    url = f"{ctx.render.repo_url(fake.data)}/commits/{sha}/status"
    return Reply(
        200,
        {
            "state": overall,
            "sha": sha,
            "total_count": len(statuses),
            "statuses": statuses,
            "url": url,
            "commit_url": f"{ctx.render.repo_url(fake.data)}/commits/{sha}",
        },
    )


@route("GET", OWNER_REPO + r"/commits/(?P<ref>[^/]+)/check-runs")
def list_check_runs(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    sha = _commit_or_404(fake.data, ctx.params["ref"]).sha
    runs = [r for r in reversed(fake.data.check_runs) if r.sha == sha]
    name = ctx.query.get("check_name")
    if name:
        runs = [r for r in runs if r.name == name]
    reply = ctx.paginate([ctx.render.check_run(fake.data, r) for r in runs])
    reply.body = {"total_count": len(runs), "check_runs": reply.body}
    return reply


@route("GET", OWNER_REPO + r"/contents(?:/(?P<path>.*))?")
def get_contents(ctx: Ctx) -> Reply:
    repo = ctx.repo().data
    ref = ctx.query.get("ref") or repo.default_branch
    commit = repo.resolve(ref)
    if commit is None:
        raise HttpError(404, f"No commit found for the ref {ref}")
    path = (ctx.params.get("path") or "").strip("/")
    if path in commit.files:
        return Reply(200, ctx.render.content(repo, ref, path, commit.files[path]))
    prefix = path + "/" if path else ""
    children: dict[str, str] = {}
    for name in commit.files:
        if name.startswith(prefix):
            rest = name[len(prefix) :]
            child = rest.split("/", 1)[0]
            children[prefix + child] = "dir" if "/" in rest else "file"
    if not children:
        raise HttpError(404, "Not Found")
    return Reply(
        200,
        [ctx.render.entry(repo, ref, p, kind) for p, kind in sorted(children.items())],
    )


@route("GET", r"/search/issues")
def search_issues(ctx: Ctx) -> Reply:
    """Search issues with the qualifiers repo, is, type, state, label and author."""
    terms = re.findall(r'(\w+):("[^"]*"|\S+)|(\S+)', ctx.query.get("q", ""))
    repos = [r for r in ctx.world.repos.values()]
    words: list[str] = []
    filters: list[tuple[str, str]] = []
    for key, value, word in terms:
        if word:
            words.append(word.lower())
        else:
            filters.append((key.lower(), value.strip('"')))
    items = []
    for repo in repos:
        for issue in repo.issues.values():
            if all(
                _qualifies(repo, issue, key, value) for key, value in filters
            ) and all(
                w in issue.title.lower() or w in issue.body.lower() for w in words
            ):
                user = ctx.world.user(issue.user)
                items.append(
                    ctx.render.issue(
                        repo,
                        issue,
                        user,
                        len(
                            [
                                c
                                for c in repo.comments.values()
                                if c.issue_number == issue.number
                            ]
                        ),
                    )
                )
    reply = ctx.paginate(items)
    reply.body = {
        "total_count": len(items),
        "incomplete_results": False,
        "items": reply.body,
    }
    return reply


def _qualifies(repo: Repo, issue: Issue, key: str, value: str) -> bool:
    merged = issue.pull is not None and issue.pull.merged_at is not None
    checks = {
        "repo": lambda: repo.full_name.lower() == value.lower(),
        "is": lambda: {
            "pr": issue.is_pull,
            "issue": not issue.is_pull,
            "open": issue.state == "open",
            "closed": issue.state == "closed",
            "merged": merged,
            "unmerged": not merged,
        }.get(value, False),
        "type": lambda: {"pr": issue.is_pull, "issue": not issue.is_pull}.get(
            value, False
        ),
        "state": lambda: issue.state == value,
        "label": lambda: value.lower() in (n.lower() for n in issue.labels),
        "author": lambda: issue.user.lower() == value.lower(),
        "in": lambda: True,
    }
    if key not in checks:
        raise HttpError(
            422,
            f"Validation Failed: the fake server does not support the qualifier {key}:",
        )
    return bool(checks[key]())


def _commit_or_404(repo: Repo, ref: str):  # type: ignore[no-untyped-def]
    commit = repo.resolve(ref)
    if commit is None:
        raise HttpError(422, f"No commit found for SHA: {ref}")
    return commit


def _pull_json(ctx: Ctx, repo: Repo, issue: Issue) -> dict[str, object]:
    return ctx.render.pull(
        repo, issue, ctx.world.user(issue.user), ctx.world.user(repo.owner)
    )
