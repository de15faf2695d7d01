"""Routes for pull requests, their files, commits and reviews."""

from __future__ import annotations

from typing import Any

from .routing import OWNER_REPO, Ctx, HttpError, Reply, route
from .state import Issue, Pull
from .world import FakeRepo

PULL = OWNER_REPO + r"/pulls/(?P<number>\d+)"


def pull_json(ctx: Ctx, fake: FakeRepo, issue: Issue) -> dict[str, Any]:
    return ctx.render.pull(
        fake.data, issue, ctx.world.user(issue.user), ctx.world.user(fake.data.owner)
    )


def _pull(ctx: Ctx, fake: FakeRepo) -> tuple[Issue, Pull]:
    issue = fake.data.issues.get(ctx.number())
    if issue is None or issue.pull is None:
        raise HttpError(404, "Not Found")
    return issue, issue.pull


@route("GET", OWNER_REPO + r"/pulls")
def list_pulls(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    state = ctx.query.get("state", "open")
    base = ctx.query.get("base")
    head = ctx.query.get("head")
    found = []
    for issue in fake.issues(state="all"):
        pull = issue.pull
        if pull is None or (state != "all" and issue.state != state):
            continue
        if base and pull.base_ref != base:
            continue
        if head and f"{fake.data.owner}:{pull.head_ref}" != head:
            continue
        found.append(issue)
    if ctx.query.get("direction", "desc") == "desc":
        found.reverse()
    return ctx.paginate([pull_json(ctx, fake, i) for i in found])


@route("GET", PULL)
def get_pull(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    issue, _ = _pull(ctx, fake)
    return Reply(200, pull_json(ctx, fake, issue))


@route("GET", PULL + r"/files")
def list_pull_files(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    _, pull = _pull(ctx, fake)
    return ctx.paginate(
        [ctx.render.pull_file(fake.data, pull.head_sha, f) for f in pull.files]
    )


@route("GET", PULL + r"/commits")
def list_pull_commits(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    _, pull = _pull(ctx, fake)
    commits = [fake.data.commits[sha] for sha in pull.commits]
    return ctx.paginate(
        [ctx.render.commit(fake.data, c, ctx.world.user(c.author)) for c in commits]
    )


@route("GET", PULL + r"/merge")
def get_merged(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    _, pull = _pull(ctx, fake)
    if pull.merged_at is None:
        raise HttpError(404, "Not Found")
    return Reply(204)


@route("GET", PULL + r"/reviews")
def list_reviews(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    issue, pull = _pull(ctx, fake)
    reviews = [
        ctx.render.review(fake.data, issue.number, r, ctx.world.user(r.user))
        for r in pull.reviews
        if r.state != "PENDING"
    ]
    return ctx.paginate(reviews)


@route("POST", PULL + r"/reviews")
def create_review(ctx: Ctx) -> Reply:
    """Submit a review as the token's user, as ``pr.create_review`` does."""
    fake = ctx.repo()
    issue, _ = _pull(ctx, fake)
    event = ctx.field("event", required=False) or "PENDING"
    states = {
        "APPROVE": "APPROVED",
        "REQUEST_CHANGES": "CHANGES_REQUESTED",
        "COMMENT": "COMMENTED",
        "PENDING": "PENDING",
    }
    if event not in states:
        raise HttpError(
            422,
            "Validation Failed",
            [{"resource": "PullRequestReview", "field": "event", "code": "invalid"}],
        )
    if event == "APPROVE" and ctx.world.token_login.lower() == issue.user.lower():
        raise HttpError(
            422, "Unprocessable Entity: Can not approve your own pull request"
        )
    review = fake.review(
        issue.number,
        ctx.world.token_login,
        states[event],
        ctx.field("commit_id", required=False),
        body=ctx.field("body", required=False) or "",
    )
    return Reply(
        200,
        ctx.render.review(fake.data, issue.number, review, ctx.world.user(review.user)),
    )


@route("PUT", PULL + r"/reviews/(?P<id>\d+)/dismissals")
def dismiss_review(ctx: Ctx) -> Reply:
    fake = ctx.repo()
    issue, _ = _pull(ctx, fake)
    try:
        review = fake.dismiss(issue.number, int(ctx.params["id"]))
    except KeyError:
        raise HttpError(404, "Not Found") from None
    return Reply(
        200,
        ctx.render.review(fake.data, issue.number, review, ctx.world.user(review.user)),
    )
