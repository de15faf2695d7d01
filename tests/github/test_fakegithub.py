"""PyGithub round trips against the fake GitHub server."""

from __future__ import annotations

import pytest

from fakegithub import FakeGitHub
from github import Auth, Github, GithubException, UnknownObjectException

REPO = "example-university/microcredentials"


@pytest.fixture
def gh(github_server: FakeGitHub) -> Github:
    return Github(
        auth=Auth.Token(github_server.token),
        base_url=github_server.base_url,
        seconds_between_requests=0,
        seconds_between_writes=0,
        retry=None,
    )


def test_repository_and_contents_at_ref(github_server: FakeGitHub, gh: Github) -> None:
    fake = github_server.create_repo(
        REPO, {"governance.yaml": "units: []\n", "docs/a.md": "a"}
    )
    old = fake.data.branches["main"]
    fake.commit({"governance.yaml": "units: [x]\n"})

    repo = gh.get_repo(REPO)

    assert repo.default_branch == "main"
    assert repo.get_contents("governance.yaml").decoded_content == b"units: [x]\n"
    assert (
        repo.get_contents("governance.yaml", ref=old).decoded_content == b"units: []\n"
    )
    assert [c.path for c in repo.get_contents("docs")] == ["docs/a.md"]
    with pytest.raises(UnknownObjectException):
        repo.get_contents("missing.yaml", ref=old)


def test_urls_keep_host_port_and_prefix(github_server: FakeGitHub, gh: Github) -> None:
    fake = github_server.create_repo(REPO)
    fake.open_pull("alice", {"proposals/computing/x.yaml": "id: x\n"})

    pull = gh.get_repo(REPO).get_pull(1)

    assert pull.url.startswith(github_server.base_url + "/repos/")
    assert pull.issue_url.startswith(github_server.base_url + "/repos/")
    assert pull.head.repo.url.startswith(github_server.base_url)


def test_pull_files_reviews_and_commit_pulls(
    github_server: FakeGitHub, gh: Github
) -> None:
    fake = github_server.create_repo(REPO, {"README.md": "r"})
    issue = fake.open_pull(
        "alice", {"proposals/computing/x.yaml": "id: x\n", "README.md": "r2"}
    )
    first = issue.pull.head_sha
    fake.review(1, "head-computing", "APPROVED")
    second = fake.push(1, {"proposals/computing/x.yaml": "id: x\ntitle: X\n"})
    fake.review(1, "mcgc-chair", "CHANGES_REQUESTED")

    pull = gh.get_repo(REPO).get_pull(1)
    reviews = list(pull.get_reviews())

    assert pull.head.sha == second
    assert pull.user.login == "alice"
    assert sorted(f.filename for f in pull.get_files()) == [
        "README.md",
        "proposals/computing/x.yaml",
    ]
    assert [(r.user.login, r.state, r.commit_id) for r in reviews] == [
        ("head-computing", "APPROVED", first),
        ("mcgc-chair", "CHANGES_REQUESTED", second),
    ]
    assert reviews[0].submitted_at < reviews[1].submitted_at
    assert [p.number for p in gh.get_repo(REPO).get_commit(first).get_pulls()] == [1]


def test_merged_pull_found_by_merge_commit(
    github_server: FakeGitHub, gh: Github
) -> None:
    fake = github_server.create_repo(REPO)
    fake.open_pull("alice", {"proposals/computing/x.yaml": "id: x\n"})
    merge_sha = fake.merge(1, by="mcgc-chair")

    pull = gh.get_repo(REPO).get_commit(merge_sha).get_pulls()[0]

    assert pull.merged is True
    assert pull.merge_commit_sha == merge_sha
    assert pull.state == "closed"
    assert fake.read("proposals/computing/x.yaml") == "id: x\n"


def test_statuses_round_trip(github_server: FakeGitHub, gh: Github) -> None:
    fake = github_server.create_repo(REPO)
    sha = fake.open_pull("alice", {"a.yaml": "a"}).pull.head_sha
    commit = gh.get_repo(REPO).get_commit(sha)

    commit.create_status(
        "pending", target_url="http://x/1", description="waiting", context="signatures"
    )
    commit.create_status("success", description="signed", context="signatures")

    assert fake.status(sha, "signatures").state == "success"
    assert [s.state for s in commit.get_statuses()] == ["success", "pending"]
    assert commit.get_combined_status().state == "success"
    with pytest.raises(GithubException) as caught:
        commit.create_status("success", description="x" * 141, context="signatures")
    assert caught.value.status == 422


def test_issue_comments_and_labels(github_server: FakeGitHub, gh: Github) -> None:
    github_server.create_repo(REPO)
    repo = gh.get_repo(REPO)
    issue = repo.create_issue("Agenda 2026-12-08", "body", labels=["agenda"])
    comment = issue.create_comment("hello")

    comment.edit("hello again")
    issue.add_to_labels("meeting")
    issue.remove_from_labels("agenda")
    issue.edit(title="Agenda for 2026-12-08")

    fake = github_server.repo(REPO)
    assert [c.body for c in fake.comments(issue.number)] == ["hello again"]
    assert fake.labels_of(issue.number) == ["meeting"]
    assert [i.title for i in repo.get_issues(state="open", labels=["meeting"])] == [
        "Agenda for 2026-12-08"
    ]
    assert list(repo.get_issues(labels=["agenda"])) == []
    comment.delete()
    assert fake.comments(issue.number) == []
    assert repo.get_label("meeting").name == "meeting"


def test_pagination_follows_link_headers(github_server: FakeGitHub) -> None:
    fake = github_server.create_repo(REPO)
    fake.open_pull("alice", {"a.yaml": "a"})
    for index in range(7):
        fake.comment(1, f"comment {index}", user="bob")
    gh = Github(
        auth=Auth.Token(github_server.token),
        base_url=github_server.base_url,
        per_page=3,
        seconds_between_requests=0,
        seconds_between_writes=0,
    )

    bodies = [c.body for c in gh.get_repo(REPO).get_pull(1).get_issue_comments()]

    assert bodies == [f"comment {i}" for i in range(7)]
    pages = github_server.calls("GET", r"/issues/1/comments$")
    assert len(pages) == 3


def test_search_issues_with_qualifiers(github_server: FakeGitHub, gh: Github) -> None:
    fake = github_server.create_repo(REPO)
    fake.open_pull("alice", {"a.yaml": "a"}, labels=("signed",))
    fake.open_pull("bob", {"b.yaml": "b"})

    found = gh.search_issues(f"repo:{REPO} is:pr is:open label:signed")

    assert [i.number for i in found] == [1]


def test_unknown_route_recorded(github_server: FakeGitHub, gh: Github) -> None:
    github_server.create_repo(REPO)

    with pytest.raises(UnknownObjectException):
        gh.get_repo(REPO).get_git_tree("main")

    assert [r.path for r in github_server.unexpected] == [
        f"/repos/{REPO}/git/trees/main"
    ]


def test_bad_token_rejected(github_server: FakeGitHub) -> None:
    github_server.create_repo(REPO)
    gh = Github(auth=Auth.Token("wrong"), base_url=github_server.base_url, retry=None)

    with pytest.raises(GithubException) as caught:
        gh.get_repo(REPO)

    assert caught.value.status == 401


def test_injected_fault_answers_once(github_server: FakeGitHub, gh: Github) -> None:
    github_server.create_repo(REPO)
    github_server.fail("GET", r"/pulls$", status=502, times=1)
    repo = gh.get_repo(REPO)

    with pytest.raises(GithubException):
        list(repo.get_pulls())

    assert list(repo.get_pulls()) == []
    assert github_server.writes() == []


def test_check_runs_listed(github_server: FakeGitHub, gh: Github) -> None:
    fake = github_server.create_repo(REPO)
    sha = fake.open_pull("alice", {"a.yaml": "a"}).pull.head_sha
    fake.add_check_run(sha, "validate", conclusion="failure")
    fake.add_check_run(sha, "tests", conclusion=None, status="in_progress")

    runs = list(gh.get_repo(REPO).get_commit(sha).get_check_runs())

    assert [(r.name, r.status, r.conclusion) for r in runs] == [
        ("tests", "in_progress", None),
        ("validate", "completed", "failure"),
    ]
