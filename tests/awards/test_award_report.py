"""The coordinator's report: contents, private permissions, never into tracked folders."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from microcred.awards import report as report_module
from microcred.awards.gitpaths import ensure_untracked
from microcred.awards.plan import AwardPlan, PlanEntry, Status
from microcred.awards.report import (
    default_report_path,
    email_report,
    report_text,
    write_report,
)
from microcred.catalogue import Catalogue
from microcred.errors import MicrocredError
from microcred.mail import MailSettings


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "catalogue"
    (repo / "docs").mkdir(parents=True)
    (repo / "docs" / "index.md").write_text("# docs\n", encoding="utf-8")
    (repo / ".gitignore").write_text(".microcred/\nreports/\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(
        repo,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.edu",
        "commit",
        "-q",
        "-m",
        "init",
    )
    return repo


def _plan() -> AwardPlan:
    plan = AwardPlan("data-visualization-python", "BC1", 80)
    plan.entries = [
        PlanEntry(
            4,
            "a@example.edu",
            "Alvarez, Maria",
            95.87,
            Status.ISSUED,
            "issued",
            "A1",
            "https://x/public/assertions/A1",
        ),
        PlanEntry(
            5,
            "b@example.edu",
            "Nguyen, Bao",
            80.0,
            Status.ALREADY,
            "active award A0",
            "A0",
            "https://x/A0",
        ),
        PlanEntry(6, "c@example.edu", "", 79.99, Status.BELOW),
        PlanEntry(8, "", "", None, Status.UNREADABLE, "blank score"),
    ]
    return plan


def test_report_rows_and_totals() -> None:
    rows = list(csv.reader(io.StringIO(report_text(_plan()))))
    assert rows[0] == [
        "line",
        "recipient",
        "name",
        "score",
        "status",
        "assertion_id",
        "assertion_url",
        "detail",
    ]
    assert rows[1] == [
        "4",
        "a@example.edu",
        "Alvarez, Maria",
        "95.87",
        "issued",
        "A1",
        "https://x/public/assertions/A1",
        "issued",
    ]
    assert rows[3][3:5] == ["79.99", "below the score"]
    assert ["total", "issued", "1"] in rows
    assert ["total", "learner rows", "4"] in rows


def test_report_written_owner_only(git_repo: Path) -> None:
    path = write_report(git_repo / ".microcred" / "reports" / "r.csv", _plan())
    assert path.stat().st_mode & 0o777 == 0o600
    assert not list(path.parent.glob(".*.tmp"))


@pytest.mark.parametrize(
    "target", ["docs/report.csv", "report.csv", "newfolder/report.csv"]
)
def test_report_refused_in_tracked_folder(git_repo: Path, target: str) -> None:
    with pytest.raises(MicrocredError) as caught:
        write_report(git_repo / target, _plan())
    assert "would be written into" in caught.value.message
    assert ".microcred/" in str(caught.value.hint)
    assert not (git_repo / target).exists()


def test_report_refused_over_tracked_file(git_repo: Path) -> None:
    with pytest.raises(MicrocredError, match="is a file tracked by git"):
        ensure_untracked(git_repo / "docs" / "index.md", "the award report")


def test_report_allowed_in_ignored_folder_and_outside(
    git_repo: Path, tmp_path: Path
) -> None:
    ensure_untracked(git_repo / "reports" / "deep" / "r.csv", "the award report")
    ensure_untracked(tmp_path / "elsewhere" / "r.csv", "the award report")


def test_report_emailed_to_coordinator(
    smtp_server, repo_copy: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    governance = Catalogue.load(repo_copy).governance
    assert governance is not None
    path = write_report(tmp_path / "award.csv", _plan())
    settings = MailSettings(
        host=smtp_server.host,
        port=smtp_server.port,
        security="none",
        sender="bot@example.edu",
    )
    email_report(path, _plan(), governance, settings)
    message = smtp_server.mailbox.messages[0]
    assert message["To"] == "altcred@example.edu"
    assert message["Subject"] == "Award report: data-visualization-python"
    parts = [p for p in message.walk() if p.get_filename()]
    assert parts[0].get_filename() == "award.csv"
    assert b"a@example.edu" in parts[0].get_payload(decode=True)
    body = next(
        p
        for p in message.walk()
        if p.get_content_type() == "text/plain" and not p.get_filename()
    )
    assert "95.87" not in body.get_payload(decode=True).decode()


def test_outbox_keeps_each_run_report(repo_copy: Path, tmp_path: Path) -> None:
    governance = Catalogue.load(repo_copy).governance
    assert governance is not None
    settings = MailSettings(outbox=tmp_path / "outbox")
    reports = tmp_path / "reports"
    first = write_report(reports / "award-data-visualization-python-1.csv", _plan())
    second = write_report(reports / "award-data-visualization-python-2.csv", _plan())

    first_eml = email_report(first, _plan(), governance, settings)
    second_eml = email_report(second, _plan(), governance, settings)

    assert first_eml != second_eml
    assert Path(first_eml).name == "award-report-data-visualization-python-1.eml"
    assert Path(second_eml).name == "award-report-data-visualization-python-2.eml"
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 2


def test_formula_cells_are_quoted() -> None:
    plan = _plan()
    plan.entries[0].name = '=HYPERLINK("http://x.invalid","click")'
    rows = list(csv.reader(io.StringIO(report_text(plan))))
    assert rows[1][2] == '\'=HYPERLINK("http://x.invalid","click")'


class _FrozenClock:
    """A stand-in for datetime.datetime whose now() is always the same second."""

    @staticmethod
    def now(tz: dt.tzinfo | None = None) -> dt.datetime:
        return dt.datetime(2026, 12, 4, 16, 59, 16, tzinfo=tz)


def test_rerun_report_keeps_earlier_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen = SimpleNamespace(datetime=_FrozenClock, UTC=dt.UTC)
    monkeypatch.setattr(report_module, "dt", frozen)
    state = tmp_path / ".microcred"

    first = default_report_path(state, "data-visualization-python")
    first.parent.mkdir(parents=True)
    first.write_text("first run\n", encoding="utf-8")
    second = default_report_path(state, "data-visualization-python")
    second.write_text("second run\n", encoding="utf-8")
    third = default_report_path(state, "data-visualization-python")

    assert first.name == "award-data-visualization-python-20261204T165916Z.csv"
    assert second.name == "award-data-visualization-python-20261204T165916Z-2.csv"
    assert third.name == "award-data-visualization-python-20261204T165916Z-3.csv"
    assert first.read_text(encoding="utf-8") == "first run\n"
