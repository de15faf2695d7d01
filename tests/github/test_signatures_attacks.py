"""Signature check scenarios on the fake GitHub, each ending in one status.

Sample governance: computing (college engineering, which has the reviewer
eng-curriculum-reviewer) is headed by head-computing; nursing (college health, no
reviewers) by head-nursing; the committee is mcgc-chair, mcgc-registrar-rep,
mcgc-faculty-rep and mcgc-workforce-rep; microcred-bot is a listed bot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fakegithub import FakeRepo

PROPOSAL = "proposals/computing/applied-sql.yaml"
NURSING = "proposals/nursing/wound-care.yaml"
COMPUTING_CHAIN = ("head-computing", "eng-curriculum-reviewer", "mcgc-chair")


def open_pr(repo: FakeRepo, *paths: str, user: str = "staff-alice") -> int:
    changes = {
        path: f"id: {path.rsplit('/', 1)[-1][:-5]}\n" for path in paths or (PROPOSAL,)
    }
    return repo.open_pull(user, changes).number


def approve(repo: FakeRepo, number: int, *logins: str) -> None:
    for login in logins:
        repo.review(number, login, "APPROVED")


def check(
    repo: FakeRepo, number: int, microcred: Callable[..., Any]
) -> tuple[str, str]:
    result = microcred("signatures", "--pr", str(number))
    assert result.code == 0, result.err
    status = repo.status(repo.pull(number).pull.head_sha, "signatures")
    assert status is not None
    assert len(status.description) <= 140
    return status.state, status.description


def test_happy_path_with_college_reviewer(catalogue: FakeRepo, microcred) -> None:
    number = open_pr(catalogue)
    approve(catalogue, number, *COMPUTING_CHAIN)

    state, description = check(catalogue, number, microcred)

    assert state == "success"
    assert (
        description
        == "Signed by head-computing (department head), eng-curriculum-reviewer (college reviewer), mcgc-chair (committee)"
    )
    assert catalogue.labels_of(number) == ["signed"]


def test_happy_path_without_college_reviewer(catalogue: FakeRepo, microcred) -> None:
    number = open_pr(catalogue, NURSING)
    approve(catalogue, number, "head-nursing", "mcgc-registrar-rep")

    state, description = check(catalogue, number, microcred)

    assert state == "success"
    assert (
        description
        == "Signed by head-nursing (department head), mcgc-registrar-rep (committee)"
    )


def test_no_reviews_awaits_department_head(catalogue: FakeRepo, microcred) -> None:
    number = open_pr(catalogue)

    state, description = check(catalogue, number, microcred)

    assert state == "pending"
    assert (
        description == "Missing department head signature (computing: head-computing)"
    )
    assert catalogue.labels_of(number) == ["awaiting-department-head"]


def test_author_approves_own_pr(catalogue: FakeRepo, microcred) -> None:
    number = open_pr(catalogue, NURSING, user="head-nursing")
    approve(catalogue, number, "head-nursing", "mcgc-chair")

    state, description = check(catalogue, number, microcred)

    assert state == "pending"
    assert (
        description
        == "Missing department head signature (nursing: no eligible signatory in governance.yaml)"
    )
    comment = catalogue.comments(number)[0].body
    assert (
        "head-nursing opened this pull request, so their review does not count"
        in comment
    )


def test_approval_on_older_commit(catalogue: FakeRepo, microcred) -> None:
    number = open_pr(catalogue, NURSING)
    approve(catalogue, number, "head-nursing", "mcgc-chair")
    catalogue.push(number, {NURSING: "id: wound-care\ntitle: changed after approval\n"})

    state, description = check(catalogue, number, microcred)

    assert state == "pending"
    assert description.startswith("Missing department head signature (nursing")
    assert "not the current head" in catalogue.comments(number)[0].body


def test_approval_then_later_comment(catalogue: FakeRepo, microcred) -> None:
    number = open_pr(catalogue, NURSING)
    approve(catalogue, number, "head-nursing", "mcgc-chair")
    catalogue.review(number, "head-nursing", "COMMENTED", body="one more thought")
    catalogue.review(number, "mcgc-chair", "COMMENTED")

    state, _ = check(catalogue, number, microcred)

    assert state == "success"


def test_approval_then_dismissal(catalogue: FakeRepo, microcred) -> None:
    number = open_pr(catalogue, NURSING)
    catalogue.review(number, "head-nursing", "APPROVED")
    committee = catalogue.review(number, "mcgc-chair", "APPROVED")
    catalogue.dismiss(number, committee.id)

    state, description = check(catalogue, number, microcred)

    assert state == "pending"
    assert description.startswith("Missing committee signature (mcgc-chair, ")
    assert catalogue.labels_of(number) == ["ready-for-committee"]


def test_pr_edits_governance_to_add_its_author(catalogue: FakeRepo, microcred) -> None:
    governance = catalogue.read("governance.yaml").replace(
        "department_heads: [head-computing]",
        "department_heads: [head-computing, staff-mallory]",
    )
    number = catalogue.open_pull(
        "staff-mallory", {"governance.yaml": governance, PROPOSAL: "id: applied-sql\n"}
    ).number
    catalogue.review(
        number, "staff-mallory", "APPROVED"
    )  # GitHub forbids this; the check must ignore it anyway
    approve(catalogue, number, "eng-curriculum-reviewer", "mcgc-chair")

    state, description = check(catalogue, number, microcred)

    assert state == "pending"
    assert (
        description == "Missing department head signature (computing: head-computing)"
    )
    assert (
        catalogue.read("governance.yaml", ref=catalogue.pull(number).pull.head_sha)
        == governance
    )


def test_governance_read_from_base_branch(
    github_server, catalogue: FakeRepo, microcred
) -> None:
    number = open_pr(catalogue)

    check(catalogue, number, microcred)

    reads = github_server.calls("GET", r"/contents/governance\.yaml$")
    assert [r.query.get("ref") for r in reads] == ["main"]


def test_same_person_on_both_lists(
    github_server, catalogue: FakeRepo, microcred
) -> None:
    governance = catalogue.read("governance.yaml").replace(
        "members: [mcgc-chair,", "members: [head-nursing, mcgc-chair,"
    )
    catalogue.commit({"governance.yaml": governance})
    number = open_pr(catalogue, NURSING)
    approve(catalogue, number, "head-nursing")

    state, description = check(catalogue, number, microcred)

    assert state == "pending"
    assert description.startswith("Missing committee signature (mcgc-chair, ")
    assert "head-nursing" not in description
    approve(catalogue, number, "mcgc-faculty-rep")
    assert check(catalogue, number, microcred)[0] == "success"


def test_committee_before_department_head(catalogue: FakeRepo, microcred) -> None:
    number = open_pr(catalogue, NURSING)
    approve(catalogue, number, "mcgc-chair", "head-nursing")

    state, description = check(catalogue, number, microcred)

    assert state == "pending"
    assert description.startswith("Missing committee signature")
    assert (
        "mcgc-chair approved as committee before the signatures that must come first"
        in catalogue.comments(number)[0].body
    )
    approve(catalogue, number, "mcgc-chair")
    assert check(catalogue, number, microcred)[0] == "success"


def test_college_reviewer_before_department_head(
    catalogue: FakeRepo, microcred
) -> None:
    number = open_pr(catalogue)
    approve(
        catalogue, number, "eng-curriculum-reviewer", "head-computing", "mcgc-chair"
    )

    state, description = check(catalogue, number, microcred)

    assert state == "pending"
    assert (
        description
        == "Missing college reviewer signature (engineering: eng-curriculum-reviewer)"
    )
    assert catalogue.labels_of(number) == ["ready-for-committee"]


def test_bot_approval_ignored(github_server, catalogue: FakeRepo, microcred) -> None:
    github_server.user("head-nursing-helper", type="Bot")
    number = open_pr(catalogue, NURSING)
    approve(
        catalogue,
        number,
        "head-nursing",
        "microcred-bot",
        "dependabot[bot]",
        "head-nursing-helper",
    )

    state, description = check(catalogue, number, microcred)

    assert state == "pending"
    assert description.startswith("Missing committee signature")
    comment = catalogue.comments(number)[0].body
    assert "microcred-bot is a bot" in comment
    assert "dependabot[bot] is a bot" in comment


def test_bot_listed_as_committee_ignored(catalogue: FakeRepo, microcred) -> None:
    governance = catalogue.read("governance.yaml").replace(
        "members: [mcgc-chair,", "members: [microcred-bot, mcgc-chair,"
    )
    catalogue.commit({"governance.yaml": governance})
    number = open_pr(catalogue, NURSING)
    approve(catalogue, number, "head-nursing", "microcred-bot")

    assert check(catalogue, number, microcred)[0] == "pending"


def test_two_units_only_one_head(catalogue: FakeRepo, microcred) -> None:
    number = open_pr(catalogue, NURSING, "proposals/public-health/outbreaks.yaml")
    approve(catalogue, number, "head-nursing", "mcgc-chair")

    state, description = check(catalogue, number, microcred)

    assert state == "pending"
    assert (
        description
        == "Missing department head signature (public-health: head-publichealth)"
    )
    assert catalogue.labels_of(number) == ["awaiting-department-head"]


def test_mixed_case_logins(catalogue: FakeRepo, microcred) -> None:
    number = open_pr(catalogue, NURSING, user="Staff-Alice")
    approve(catalogue, number, "Head-Nursing", "MCGC-Chair", "staff-ALICE")

    state, description = check(catalogue, number, microcred)

    assert state == "success"
    assert (
        description
        == "Signed by Head-Nursing (department head), MCGC-Chair (committee)"
    )


def test_mixed_case_author_cannot_sign(catalogue: FakeRepo, microcred) -> None:
    number = open_pr(catalogue, NURSING, user="HEAD-NURSING")
    approve(catalogue, number, "head-nursing", "mcgc-chair")

    assert check(catalogue, number, microcred)[0] == "pending"


def test_committee_change_request_after_approval(
    catalogue: FakeRepo, microcred
) -> None:
    number = open_pr(catalogue, NURSING)
    approve(catalogue, number, "head-nursing", "mcgc-chair")
    catalogue.review(number, "mcgc-workforce-rep", "CHANGES_REQUESTED")

    state, description = check(catalogue, number, microcred)

    assert state == "failure"
    assert description == "Blocked: changes requested by mcgc-workforce-rep (committee)"
    assert catalogue.labels_of(number) == ["changes-requested"]


def test_change_request_then_approval_unblocks(catalogue: FakeRepo, microcred) -> None:
    number = open_pr(catalogue, NURSING)
    catalogue.review(number, "head-nursing", "CHANGES_REQUESTED")
    assert check(catalogue, number, microcred)[0] == "failure"

    approve(catalogue, number, "head-nursing", "mcgc-chair")

    assert check(catalogue, number, microcred)[0] == "success"
    assert catalogue.labels_of(number) == ["signed"]


def test_outsider_change_request_does_not_block(catalogue: FakeRepo, microcred) -> None:
    number = open_pr(catalogue, NURSING)
    catalogue.review(number, "random-student", "CHANGES_REQUESTED")
    approve(catalogue, number, "head-nursing", "mcgc-chair")

    assert check(catalogue, number, microcred)[0] == "success"


def test_unknown_unit_blocks(catalogue: FakeRepo, microcred) -> None:
    number = open_pr(catalogue, "proposals/astrology/horoscopes.yaml")
    approve(catalogue, number, "mcgc-chair")

    state, description = check(catalogue, number, microcred)

    assert state == "failure"
    assert description.startswith("Blocked: unit astrology not in governance.yaml")
