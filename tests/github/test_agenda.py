"""microcred agenda on the sample proposals, as pull requests on the fake GitHub.

The sample calendar meets on the second Tuesday with a seven-day cut-off and a
fourteen-day decision window: the meeting of 2026-12-08 has its cut-off on
2026-12-01, and the meeting of 2026-11-10 was due to decide by 2026-11-24.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from fakegithub import FakeGitHub, FakeRepo

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-12-04"
NURSING = "proposals/nursing/medical-spanish-clinical-encounters.yaml"
MANAGEMENT = "proposals/management/small-business-bookkeeping.yaml"
PLANTS = "proposals/plant-sciences/urban-pollinator-habitat.yaml"
SQL_COPY = "proposals/computing/sql-for-analysts.yaml"


def utc(day: int, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, 16, 0, tzinfo=dt.UTC)


def sample(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def open_signed(
    repo: FakeRepo,
    path: str,
    text: str,
    heads: tuple[str, ...],
    signed: dt.datetime,
    check: str = "success",
) -> int:
    number = repo.open_pull(
        "staff-alice", {path: text}, title=f"Propose {path}", at=utc(2)
    ).number
    for login in heads:
        repo.review(number, login, "APPROVED", at=signed)
    repo.add_check_run(repo.pull(number).pull.head_sha, "validate", conclusion=check)
    return number


@pytest.fixture
def pulls(catalogue: FakeRepo) -> dict[str, int]:
    """Six open pull requests, one for each section of the agenda."""
    sql = sample("credentials/computing/sql-for-data-analysis.yaml").replace(
        "id: sql-for-data-analysis", "id: sql-for-analysts"
    )
    numbers = {
        "ready": open_signed(
            catalogue, NURSING, sample(NURSING), ("head-nursing",), utc(20)
        ),
        "awaiting": catalogue.open_pull(
            "staff-bob", {MANAGEMENT: sample(MANAGEMENT)}, at=utc(3)
        ).number,
        "late": open_signed(
            catalogue, PLANTS, sample(PLANTS), ("head-plants",), utc(3, 12)
        ),
        "duplicate": open_signed(
            catalogue, SQL_COPY, sql, ("head-computing",), utc(21)
        ),
        "failing": open_signed(
            catalogue,
            "proposals/nursing/wound-care.yaml",
            sample(NURSING).replace(
                "medical-spanish-clinical-encounters", "wound-care"
            ),
            ("head-nursing",),
            utc(20),
            check="failure",
        ),
    }
    overdue = open_signed(
        catalogue,
        "proposals/public-health/outbreak-basics.yaml",
        "id: outbreak-basics\ntitle: Outbreak Basics\nunit: public-health\n",
        ("head-publichealth",),
        utc(1),
    )
    catalogue.add_labels(overdue, ["agenda-2026-11-10"])
    numbers["overdue"] = overdue
    return numbers


def run_agenda(microcred: Any, repo_copy: Path, *extra: str) -> Any:
    result = microcred("agenda", "--today", TODAY, "--root", str(repo_copy), *extra)
    assert result.code == 0, result.err
    return result


def test_markdown_sections(
    catalogue: FakeRepo,
    pulls: dict[str, int],
    repo_copy: Path,
    microcred: Any,
    tmp_path: Path,
) -> None:
    output = tmp_path / "agenda.md"

    run_agenda(microcred, repo_copy, "--output", str(output), "--dry-run")

    text = output.read_text()
    decision = text.split("## For decision")[1].split("\n## ")[0]
    assert text.startswith(
        "<!-- microcred:agenda 2026-12-08 -->\n# Committee agenda 2026-12-08\n"
    )
    assert "- Agenda cut-off: 2026-12-01" in text
    assert "- Decisions due: 2026-12-22" in text
    assert f"### [#{pulls['ready']}](" in decision
    assert "Medical Spanish for Clinical Encounters" in decision
    assert (
        "- Unit: nursing; proposal; submitted by Assistant Dean for Undergraduate Nursing (@\u200bstaff-alice)"
        in decision
    )
    assert (
        "- Waiting 14 days since the department head signed on 2026-11-20" in decision
    )
    assert "- Summary: Take a health history" in decision
    assert f"### [#{pulls['duplicate']}](" in decision
    assert "  - MC201 line " in decision
    assert f"#{pulls['late']}]" not in decision
    assert f"#{pulls['awaiting']}]" in text.split("## Awaiting a department head")[1]
    assert f"#{pulls['late']}]" in text.split("## Signed after the cut-off")[1]
    assert "checks failing: validate" in text.split("## Not ready")[1]
    assert (
        f"- #{pulls['overdue']} Outbreak Basics (public-health): on the agenda of 2026-11-10, decision was due 2026-11-24"
        in text
    )


def test_dry_run_writes_nothing(
    github_server: FakeGitHub,
    catalogue: FakeRepo,
    pulls: dict[str, int],
    repo_copy: Path,
    microcred: Any,
) -> None:
    github_server.requests.clear()

    result = run_agenda(microcred, repo_copy, "--dry-run")

    assert "would create issue: Committee agenda 2026-12-08" in result.out
    assert github_server.writes() == []


def test_issue_labels_and_reminder(
    catalogue: FakeRepo,
    pulls: dict[str, int],
    repo_copy: Path,
    microcred: Any,
    tmp_path: Path,
) -> None:
    output = tmp_path / "agenda.md"

    run_agenda(microcred, repo_copy, "--output", str(output))

    issues = [i for i in catalogue.issues() if not i.is_pull]
    assert [i.title for i in issues] == ["Committee agenda 2026-12-08"]
    assert issues[0].labels == ["agenda"]
    assert issues[0].body == output.read_text()
    labelled = sorted(
        n for n in pulls.values() if "agenda-2026-12-08" in catalogue.labels_of(n)
    )
    # An overdue proposal that is still ready goes on the next agenda as well.
    assert labelled == sorted([pulls["ready"], pulls["duplicate"], pulls["overdue"]])
    reminders = [
        c
        for c in catalogue.comments(pulls["overdue"])
        if "<!-- microcred:overdue agenda-2026-11-10 -->" in c.body
    ]
    assert len(reminders) == 1
    assert "the decision was due on 2026-11-24" in reminders[0].body


def test_rerun_changes_nothing(
    github_server: FakeGitHub,
    catalogue: FakeRepo,
    pulls: dict[str, int],
    repo_copy: Path,
    microcred: Any,
) -> None:
    run_agenda(microcred, repo_copy)
    github_server.requests.clear()

    result = run_agenda(microcred, repo_copy)

    assert github_server.writes() == []
    assert result.out == ""
    assert github_server.unexpected == []


def test_update_after_new_signature(
    catalogue: FakeRepo, pulls: dict[str, int], repo_copy: Path, microcred: Any
) -> None:
    run_agenda(microcred, repo_copy)
    catalogue.review(pulls["awaiting"], "head-management", "APPROVED", at=utc(25))
    catalogue.add_check_run(catalogue.pull(pulls["awaiting"]).pull.head_sha, "validate")

    result = run_agenda(microcred, repo_copy)

    issue = [i for i in catalogue.issues() if not i.is_pull][0]
    assert "issue #" in result.out
    assert f"### [#{pulls['awaiting']}](" in issue.body
    assert "agenda-2026-12-08" in catalogue.labels_of(pulls["awaiting"])


def test_label_removed_when_no_longer_ready(
    catalogue: FakeRepo, pulls: dict[str, int], repo_copy: Path, microcred: Any
) -> None:
    run_agenda(microcred, repo_copy)
    catalogue.review(pulls["ready"], "mcgc-chair", "CHANGES_REQUESTED", at=utc(3, 12))

    run_agenda(microcred, repo_copy)

    assert "agenda-2026-12-08" not in catalogue.labels_of(pulls["ready"])


def test_local_checkout_without_github(
    monkeypatch: pytest.MonkeyPatch, repo_copy: Path, microcred: Any
) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)

    result = run_agenda(microcred, repo_copy)

    assert "## Proposals in this checkout (signatures are on GitHub)" in result.out
    assert "Medical Spanish for Clinical Encounters" in result.out
    assert "## For decision" not in result.out


def test_meeting_must_be_on_calendar(
    monkeypatch: pytest.MonkeyPatch, repo_copy: Path, microcred: Any
) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)

    result = microcred("agenda", "--meeting", "2026-12-09", "--root", str(repo_copy))

    assert result.code == 1
    assert "2026-12-09 is not a committee meeting" in result.err
    assert "2027-01-12" in result.err


def test_draft_not_for_decision(
    catalogue: FakeRepo, repo_copy: Path, microcred: Any
) -> None:
    number = catalogue.open_pull(
        "staff-alice", {NURSING: sample(NURSING)}, draft=True, at=utc(2)
    ).number
    catalogue.review(number, "head-nursing", "APPROVED", at=utc(20))
    catalogue.add_check_run(catalogue.pull(number).pull.head_sha, "validate")

    result = run_agenda(microcred, repo_copy, "--dry-run")

    assert "No proposal is ready for this meeting." in result.out
    assert "draft pull request" in result.out.split("## Not ready")[1]
