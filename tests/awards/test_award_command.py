"""``microcred award`` end to end against the Canvas Credentials emulator."""

from __future__ import annotations

import csv
import logging
import subprocess
from pathlib import Path

import pytest
from award_fixtures import CREDENTIAL, AwardSetup
from click.testing import CliRunner

from microcred.cli import cli, main

EMAIL_DOMAIN = ["--email-domain", "example.edu"]
EXPECTED = {
    "malvarez@example.edu",
    "bnguyen@example.edu",
    "cokafor@example.edu",
    "ytanaka@example.edu",
}


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run the real entry point, whose handler turns user errors into exit code 1."""
    with pytest.raises(SystemExit) as caught:
        main(list(args))
    captured = capsys.readouterr()
    return int(caught.value.code or 0), captured.out + captured.err


def _award(setup: AwardSetup, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["award", *args, "--root", str(setup.root)], catch_exceptions=False
    )
    return result.exit_code, result.output


def test_plan_issues_nothing(award_setup: AwardSetup) -> None:
    grades = award_setup.grades("canvas-gradebook.csv.sample")
    code, output = _award(award_setup, CREDENTIAL, str(grades), *EMAIL_DOMAIN)
    assert code == 0, output
    assert "  eligible         4" in output
    assert "  unreadable       3" in output
    assert "Run again with --apply to issue the 4 new award(s)." in output
    assert award_setup.assertions() == []
    assert not (award_setup.root / ".microcred" / "reports").exists()


def test_apply_issues_each_once_with_notify(award_setup: AwardSetup) -> None:
    grades = award_setup.grades("canvas-gradebook.csv.sample")
    code, output = _award(
        award_setup, CREDENTIAL, str(grades), *EMAIL_DOMAIN, "--apply"
    )
    assert code == 0, output
    assert "Issued 4 award(s) in 1 issue request(s)." in output
    recipients = [a["recipient"]["plaintextIdentity"] for a in award_setup.assertions()]
    assert sorted(recipients) == sorted(EXPECTED)
    notified = {
        n["recipient"]
        for n in award_setup.emulator.state()["notifications"]
        if n["reason"] == "notify"
    }
    assert notified == EXPECTED
    assert all(a["expires"] for a in award_setup.assertions())


def test_rerun_issues_nothing_twice(award_setup: AwardSetup) -> None:
    grades = award_setup.grades("canvas-gradebook.csv.sample")
    _award(award_setup, CREDENTIAL, str(grades), *EMAIL_DOMAIN, "--apply")
    before = award_setup.emulator.request_counts()["by_route"]
    code, output = _award(
        award_setup, CREDENTIAL, str(grades), *EMAIL_DOMAIN, "--apply"
    )
    after = award_setup.emulator.request_counts()["by_route"]
    assert code == 0, output
    assert "  already awarded  4" in output
    assert "  eligible         0" in output
    assert len(award_setup.assertions()) == 4
    route = "POST /v2/badgeclasses/{badge_class}/issue"
    assert after.get(route, 0) == before.get(route, 0)


def test_batches_of_two(award_setup: AwardSetup) -> None:
    grades = award_setup.grades("canvas-gradebook.csv.sample")
    code, output = _award(
        award_setup,
        CREDENTIAL,
        str(grades),
        *EMAIL_DOMAIN,
        "--apply",
        "--batch-size",
        "2",
    )
    assert code == 0, output
    assert "Issued 4 award(s) in 2 issue request(s)." in output
    assert (
        award_setup.emulator.request_counts()["by_route"][
            "POST /v2/badgeclasses/{badge_class}/issue"
        ]
        == 2
    )


def test_revoked_award_not_reissued(award_setup: AwardSetup) -> None:
    grades = award_setup.grades("canvas-gradebook.csv.sample")
    _award(award_setup, CREDENTIAL, str(grades), *EMAIL_DOMAIN, "--apply")
    revoke = [
        "revoke",
        CREDENTIAL,
        "cokafor@example.edu",
        "--reason",
        "Grade entered in error",
        "--apply",
    ]
    assert (
        CliRunner().invoke(cli, [*revoke, "--root", str(award_setup.root)]).exit_code
        == 0
    )
    code, output = _award(
        award_setup, CREDENTIAL, str(grades), *EMAIL_DOMAIN, "--apply"
    )
    assert code == 0, output
    assert "revoked award" in output
    assert len(award_setup.assertions()) == 4


def test_report_lists_every_learner(award_setup: AwardSetup) -> None:
    grades = award_setup.grades("canvas-gradebook.csv.sample")
    report = award_setup.root / "reports" / "dv.csv"
    code, output = _award(
        award_setup,
        CREDENTIAL,
        str(grades),
        *EMAIL_DOMAIN,
        "--apply",
        "--report",
        str(report),
    )
    assert code == 0, output
    rows = list(
        csv.DictReader(report.read_text(encoding="utf-8").split("\n\n")[0].splitlines())
    )
    by_email = {row["recipient"]: row for row in rows}
    assert by_email["cokafor@example.edu"]["status"] == "issued"
    assert by_email["cokafor@example.edu"]["score"] == "104.17"
    assert by_email["cokafor@example.edu"]["assertion_url"].startswith(
        award_setup.emulator.url + "/public/assertions/"
    )
    assert by_email["sobrien@example.edu"]["status"] == "below the score"
    assert "total,issued,4" in report.read_text(encoding="utf-8")


def test_default_report_under_state_dir(award_setup: AwardSetup) -> None:
    grades = award_setup.grades("canvas-emails-muted.csv.sample")
    code, output = _award(award_setup, CREDENTIAL, str(grades), "--apply")
    assert code == 0, output
    reports = list(
        (award_setup.root / ".microcred" / "reports").glob(f"award-{CREDENTIAL}-*.csv")
    )
    assert len(reports) == 1
    assert f"Report for the coordinator: {reports[0]}" in output


def test_report_refused_in_git_tracked_folder(
    award_setup: AwardSetup, capsys: pytest.CaptureFixture[str]
) -> None:
    root = award_setup.root
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / ".gitignore").write_text(".microcred/\ngrades/\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(root), "add", "."], check=True)
    grades = award_setup.grades("canvas-emails-muted.csv.sample")
    report = str(root / "credentials" / "r.csv")
    code, output = _main(
        capsys,
        "award",
        CREDENTIAL,
        str(grades),
        "--apply",
        "--report",
        report,
        "--root",
        str(root),
    )
    assert code == 1
    assert "would be written into a folder git tracks" in output
    assert award_setup.assertions() == []


def test_notify_coordinator_emails_report(
    award_setup: AwardSetup, smtp_server, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    for key, value in smtp_server.env().items():
        monkeypatch.setenv(key, value)
    grades = award_setup.grades("canvas-emails-muted.csv.sample")
    code, output = _award(
        award_setup, CREDENTIAL, str(grades), "--apply", "--notify-coordinator"
    )
    assert code == 0, output
    assert "Report sent to the coordinator" in output
    message = smtp_server.mailbox.messages[0]
    assert message["To"] == "altcred@example.edu"
    attachment = next(p for p in message.walk() if p.get_filename())
    assert b"lee.brown@example.edu" in attachment.get_payload(decode=True)


def test_missing_badge_class_says_sync(
    repo_copy: Path, canvas_env, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    grades = repo_copy / "g.csv"
    grades.write_text("email,score\na@example.edu,90\n", encoding="utf-8")
    code, output = _main(
        capsys, "award", CREDENTIAL, str(grades), "--root", str(repo_copy)
    )
    assert code == 1
    assert "canvas.badge_class is not recorded" in output
    assert "run `microcred sync --apply` first" in output


def test_unknown_credential(
    award_setup: AwardSetup, capsys: pytest.CaptureFixture[str]
) -> None:
    grades = award_setup.grades("canvas-emails-muted.csv.sample")
    code, output = _main(
        capsys, "award", "no-such-thing", str(grades), "--root", str(award_setup.root)
    )
    assert code == 1
    assert "credential 'no-such-thing' not found" in output


def test_retired_without_badge_class(
    repo_copy: Path, canvas_env, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    grades = repo_copy / "g.csv"
    grades.write_text("email,score\na@example.edu,90\n", encoding="utf-8")
    code, output = _main(
        capsys,
        "award",
        "hybrid-teaching-foundations",
        str(grades),
        "--root",
        str(repo_copy),
    )
    assert code == 1
    assert (
        "hybrid-teaching-foundations is retired and never had a badge class" in output
    )
    assert "run `microcred sync --apply` first" not in output


def test_misspelt_credential_suggests_id(
    award_setup: AwardSetup, capsys: pytest.CaptureFixture[str]
) -> None:
    grades = award_setup.grades("canvas-emails-muted.csv.sample")
    code, output = _main(
        capsys,
        "award",
        "data-visualisation-python",
        str(grades),
        "--root",
        str(award_setup.root),
    )
    assert code == 1
    assert "did you mean 'data-visualization-python'?" in output
    assert "telehealth-nursing-practice" in output


def test_credential_by_path(award_setup: AwardSetup) -> None:
    grades = award_setup.grades("canvas-emails-muted.csv.sample")
    path = award_setup.root / "credentials" / "computing" / f"{CREDENTIAL}.yaml"
    code, output = _award(award_setup, str(path), str(grades))
    assert code == 0, output
    assert "  eligible         2" in output


def test_logs_counts_never_scores(
    award_setup: AwardSetup, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    grades = award_setup.grades("canvas-gradebook.csv.sample")
    code, _ = _award(award_setup, CREDENTIAL, str(grades), *EMAIL_DOMAIN, "--apply")
    assert code == 0
    assert "Issuing data-visualization-python: 4 of 4" in caplog.text
    assert "batch 1: issued 4 awards" in caplog.text
    for score in ("95.87", "104.17", "79.99", "88.5"):
        assert score not in caplog.text
    assert award_setup.emulator.password not in caplog.text
