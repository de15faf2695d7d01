"""Routes for issues, issue comments and labels (pull requests are issues too)."""

from __future__ import annotations

from typing import Any

from .routing import OWNER_REPO, Ctx, HttpError, Reply, route
from .state import Issue
from .world import FakeRepo

ISSUE = OWNER_REPO + r"/issues/(?P<number>\d+)"
COMMENT = OWNER_REPO + r"/issues/comments/(?P<id>\d+)"


def issue_json(ctx: Ctx, fake: FakeRepo, issue: Issue) -> dict[str, Any]:
    return ctx.render.issue(
        fake.data, issue, ctx.world.user(issue.user), len(fake.comments(issue.number))
    )


def _issue(ctx: Ctx, fake: FakeRepo) -> Issue:
    try:
        return fake.issue(ctx.number())
    except KeyError:
        raise HttpError(404, "Not Found") from None


@route("GET", OWNER_REPO + r"/issues")
def list_issues(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    state = ctx.query.get("state", "open")
    wanted = [
        n.strip().lower() for n in ctx.query.get("labels", "").split(",") if n.strip()
    ]
    creator = ctx.query.get("creator", "").lower()
    found = []
    for issue in fake.issues(state="all"):
        if state != "all" and issue.state != state:
            continue
        if any(name not in (n.lower() for n in issue.labels) for name in wanted):
            continue
        if creator and issue.user.lower() != creator:
            continue
        found.append(issue)
    if ctx.query.get("direction", "desc") == "desc":
        found.reverse()
    return ctx.paginate([issue_json(ctx, fake, i) for i in found])


@route("POST", OWNER_REPO + r"/issues")
def create_issue(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    labels = ctx.field("labels", list, required=False) or []
    issue = fake.create_issue(
        ctx.field("title"),
        ctx.field("body", required=False) or "",
        labels=[str(n) for n in labels],
    )
    return Reply(201, issue_json(ctx, fake, issue))


@route("GET", ISSUE)
def get_issue(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    return Reply(200, issue_json(ctx, fake, _issue(ctx, fake)))


@route("PATCH", ISSUE)
def edit_issue(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    issue = _issue(ctx, fake)
    with ctx.world.lock:
        for name in ("title", "body"):
            value = ctx.field(name, required=False)
            if value is not None:
                setattr(issue, name, value)
        labels = ctx.field("labels", list, required=False)
        if labels is not None:
            issue.labels = []
            fake.add_labels(issue.number, [str(n) for n in labels])
        state = ctx.field("state", required=False)
        if state == "closed" and issue.state == "open":
            fake.close(issue.number)
        elif state == "open":
            issue.state, issue.closed_at = "open", None
        issue.updated_at = ctx.world.clock.tick()
    return Reply(200, issue_json(ctx, fake, issue))


@route("GET", ISSUE + r"/comments")
def list_comments(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    issue = _issue(ctx, fake)
    return ctx.paginate(
        [_comment_json(ctx, fake, c) for c in fake.comments(issue.number)]
    )


@route("POST", ISSUE + r"/comments")
def create_comment(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    issue = _issue(ctx, fake)
    comment = fake.comment(issue.number, ctx.field("body"))
    return Reply(201, _comment_json(ctx, fake, comment))


@route("GET", OWNER_REPO + r"/issues/comments")
def list_repo_comments(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    comments = sorted(fake.data.comments.values(), key=lambda c: c.id)
    return ctx.paginate([_comment_json(ctx, fake, c) for c in comments])


@route("GET", COMMENT)
def get_comment(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    return Reply(200, _comment_json(ctx, fake, _comment(ctx, fake)))


@route("PATCH", COMMENT)
def edit_comment(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    comment = _comment(ctx, fake)
    with ctx.world.lock:
        comment.body = ctx.field("body")
        comment.updated_at = ctx.world.clock.tick()
    return Reply(200, _comment_json(ctx, fake, comment))


@route("DELETE", COMMENT)
def delete_comment(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    comment = _comment(ctx, fake)
    with ctx.world.lock:
        del fake.data.comments[comment.id]
    return Reply(204)


def _comment(ctx: Ctx, fake: FakeRepo):  # type: ignore[no-untyped-def]
    comment = fake.data.comments.get(int(ctx.params["id"]))
    if comment is None:
        raise HttpError(404, "Not Found")
    return comment


def _comment_json(ctx: Ctx, fake: FakeRepo, comment) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return ctx.render.comment(fake.data, comment, ctx.world.user(comment.user))


@route("GET", OWNER_REPO + r"/labels")
def list_labels(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    labels = sorted(fake.data.labels.values(), key=lambda label: label.name.lower())
    return ctx.paginate([ctx.render.label(fake.data, label) for label in labels])


@route("GET", OWNER_REPO + r"/labels/(?P<name>[^/]+)")
def get_label(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    label = fake.data.find_label(ctx.params["name"])
    if label is None:
        raise HttpError(404, "Not Found")
    return Reply(200, ctx.render.label(fake.data, label))


@route("POST", OWNER_REPO + r"/labels")
def create_label(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    name = ctx.field("name")
    if fake.data.find_label(name):
        raise HttpError(
            422,
            "Validation Failed",
            [{"resource": "Label", "code": "already_exists", "field": "name"}],
        )
    label = fake.label(
        name,
        ctx.field("color", required=False) or "ededed",
        ctx.field("description", required=False) or "",
    )
    return Reply(201, ctx.render.label(fake.data, label))


@route("GET", ISSUE + r"/labels")
def list_issue_labels(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    return ctx.paginate(ctx.render.labels(fake.data, _issue(ctx, fake)))


@route("POST", ISSUE + r"/labels")
def add_issue_labels(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    issue = _issue(ctx, fake)
    fake.add_labels(issue.number, _label_names(ctx))
    return Reply(200, ctx.render.labels(fake.data, issue))


@route("PUT", ISSUE + r"/labels")
def set_issue_labels(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    issue = _issue(ctx, fake)
    with ctx.world.lock:
        issue.labels = []
        fake.add_labels(issue.number, _label_names(ctx))
    return Reply(200, ctx.render.labels(fake.data, issue))


@route("DELETE", ISSUE + r"/labels/(?P<name>[^/]+)")
def remove_issue_label(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    issue = _issue(ctx, fake)
    with ctx.world.lock:
        kept = [n for n in issue.labels if n.lower() != ctx.params["name"].lower()]
        if len(kept) == len(issue.labels):
            raise HttpError(404, "Label does not exist")
        issue.labels = kept
    return Reply(200, ctx.render.labels(fake.data, issue))


def _label_names(ctx: Ctx) -> list[str]:
    body = ctx.body
    if isinstance(body, dict):
        body = body.get("labels")
    if not isinstance(body, list) or not all(isinstance(n, str) for n in body):
        raise HttpError(
            422,
            "Validation Failed",
            [{"resource": "Label", "field": "labels", "code": "invalid"}],
        )
    return body
