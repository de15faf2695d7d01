"""microcred signatures: what it writes, what a rerun writes, and its errors."""

from __future__ import annotations

from typing import Any

from fakegithub import FakeGitHub, FakeRepo

NURSING = "proposals/nursing/wound-care.yaml"
MARKER = "<!-- microcred:signatures -->"


def signed_pr(repo: FakeRepo) -> int:
    number = repo.open_pull(
        "staff-alice", {NURSING: "id: wound-care\n"}, labels=("proposal",)
    ).number
    repo.review(number, "head-nursing", "APPROVED")
    repo.review(number, "mcgc-chair", "APPROVED")
    return number


def test_comment_table_lists_signatures(catalogue: FakeRepo, microcred: Any) -> None:
    number = signed_pr(catalogue)
    head = catalogue.pull(number).pull.head_sha

    microcred("signatures", "--pr", str(number))

    comments = catalogue.comments(number)
    assert len(comments) == 1
    body = comments[0].body
    assert body.startswith(MARKER)
    assert "| department head | nursing | `head-nursing` | 2026-11-02 " in body
    assert "| committee | - | `mcgc-chair` | " in body
    assert f"`{head[:7]}` |" in body
    assert comments[0].user == "github-actions[bot]"


def test_status_targets_pull_request(catalogue: FakeRepo, microcred: Any) -> None:
    number = signed_pr(catalogue)

    microcred("signatures", "--pr", str(number))

    status = catalogue.status(catalogue.pull(number).pull.head_sha, "signatures")
    assert status.target_url.endswith(f"/{catalogue.full_name}/pull/{number}")


def test_rerun_writes_nothing(
    github_server: FakeGitHub, catalogue: FakeRepo, microcred: Any
) -> None:
    number = signed_pr(catalogue)
    microcred("signatures", "--pr", str(number))
    github_server.requests.clear()

    result = microcred("signatures", "--pr", str(number))

    assert result.code == 0
    assert github_server.writes() == []
    assert len(catalogue.comments(number)) == 1
    assert github_server.unexpected == []


def test_new_review_updates_same_comment(catalogue: FakeRepo, microcred: Any) -> None:
    number = catalogue.open_pull("staff-alice", {NURSING: "id: wound-care\n"}).number
    microcred("signatures", "--pr", str(number))
    first = catalogue.comments(number)[0]
    catalogue.review(number, "head-nursing", "APPROVED")

    microcred("signatures", "--pr", str(number))

    comments = catalogue.comments(number)
    assert [c.id for c in comments] == [first.id]
    assert "`head-nursing`" in comments[0].body
    assert catalogue.labels_of(number) == ["ready-for-committee"]


def test_pasted_marker_not_taken_over(catalogue: FakeRepo, microcred: Any) -> None:
    number = signed_pr(catalogue)
    forged = catalogue.comment(
        number, MARKER + "\nSigned by everyone", user="staff-alice"
    )

    microcred("signatures", "--pr", str(number))

    comments = catalogue.comments(number)
    assert len(comments) == 2
    assert comments[0].body == forged.body
    assert comments[1].user == "github-actions[bot]"


def test_other_labels_kept(catalogue: FakeRepo, microcred: Any) -> None:
    number = signed_pr(catalogue)
    catalogue.add_labels(number, ["awaiting-department-head", "ready-for-committee"])

    microcred("signatures", "--pr", str(number))

    assert catalogue.labels_of(number) == ["proposal", "signed"]


def test_dry_run_writes_nothing(
    github_server: FakeGitHub, catalogue: FakeRepo, microcred: Any
) -> None:
    number = signed_pr(catalogue)

    result = microcred("signatures", "--pr", str(number), "--dry-run")

    assert result.code == 0
    assert result.out.startswith(
        "signatures: success (signed) - Signed by head-nursing"
    )
    assert MARKER in result.out
    assert github_server.writes() == []


def test_missing_base_governance_sets_error(
    catalogue: FakeRepo, microcred: Any
) -> None:
    catalogue.commit({"governance.yaml": None})
    number = signed_pr(catalogue)

    result = microcred("signatures", "--pr", str(number))

    assert result.code == 1
    assert "governance.yaml not found on branch main" in result.err
    status = catalogue.status(catalogue.pull(number).pull.head_sha, "signatures")
    assert status.state == "error"


def test_broken_base_governance_names_line(catalogue: FakeRepo, microcred: Any) -> None:
    catalogue.commit({"governance.yaml": "units:\n  - id: a\n   bad: indent\n"})
    number = signed_pr(catalogue)

    result = microcred("signatures", "--pr", str(number), "--dry-run")

    assert result.code == 1
    assert "governance.yaml:" in result.err
    assert "on main" in result.err
    assert "Traceback" not in result.err


def test_unknown_pull_request(catalogue: FakeRepo, microcred: Any) -> None:
    result = microcred("signatures", "--pr", "99", "--dry-run")

    assert result.code == 1
    assert "pull request #99 not found" in result.err


def test_missing_token(monkeypatch: Any, catalogue: FakeRepo, microcred: Any) -> None:
    monkeypatch.delenv("GITHUB_TOKEN")

    result = microcred("signatures", "--pr", "1")

    assert result.code == 1
    assert "GITHUB_TOKEN is not set" in result.err


def test_head_sha_finds_pull_request(catalogue: FakeRepo, microcred: Any) -> None:
    catalogue.open_pull("staff-bob", {"proposals/management/x.yaml": "id: x\n"})
    number = signed_pr(catalogue)
    head = catalogue.pull(number).pull.head_sha

    result = microcred("signatures", "--head-sha", head)

    assert result.code == 0, result.err
    assert f"belongs to pull request #{number}" in result.out
    assert catalogue.status(head, "signatures").state == "success"


def test_head_sha_of_closed_pull_request(catalogue: FakeRepo, microcred: Any) -> None:
    number = signed_pr(catalogue)
    catalogue.close(number)

    result = microcred("signatures", "--head-sha", catalogue.pull(number).pull.head_sha)

    assert result.code == 1
    assert "no open pull request" in result.err


def test_head_sha_of_unknown_commit(catalogue: FakeRepo, microcred: Any) -> None:
    signed_pr(catalogue)

    result = microcred("signatures", "--head-sha", "deadbeef", "--dry-run")

    assert result.code == 1
    assert "no open pull request in" in result.err
    assert "has head commit deadbeef" in result.err
    assert "internal error" not in result.err


def test_pr_and_head_sha_exclusive(catalogue: FakeRepo, microcred: Any) -> None:
    assert microcred("signatures").code == 2
    assert microcred("signatures", "--pr", "1", "--head-sha", "abc").code == 2
