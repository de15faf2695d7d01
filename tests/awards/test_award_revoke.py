"""``microcred revoke``: find the learner's award and revoke it with the reason."""

from __future__ import annotations

import pytest
from award_fixtures import CREDENTIAL, AwardSetup
from click.testing import CliRunner

from microcred.cli import cli, main


def _issue(setup: AwardSetup) -> None:
    grades = setup.grades("canvas-emails-muted.csv.sample")
    result = CliRunner().invoke(
        cli, ["award", CREDENTIAL, str(grades), "--apply", "--root", str(setup.root)]
    )
    assert result.exit_code == 0, result.output


def _revoke(
    capsys: pytest.CaptureFixture[str], setup: AwardSetup, *args: str
) -> tuple[int, str]:
    with pytest.raises(SystemExit) as caught:
        main(["revoke", CREDENTIAL, *args, "--root", str(setup.root)])
    captured = capsys.readouterr()
    return int(caught.value.code or 0), captured.out + captured.err


def _award_of(setup: AwardSetup, email: str) -> dict:  # type: ignore[type-arg]
    return next(
        a for a in setup.assertions() if a["recipient"]["plaintextIdentity"] == email
    )


def test_revoke_plan_then_apply(
    award_setup: AwardSetup, capsys: pytest.CaptureFixture[str]
) -> None:
    _issue(award_setup)
    award = _award_of(award_setup, "sam.evans@example.edu")
    code, output = _revoke(
        capsys,
        award_setup,
        "Sam.Evans@example.edu",
        "--reason",
        "Score entered for the wrong learner",
    )
    assert code == 0, output
    assert f"Would revoke active award {award['entityId']}" in output
    assert not _award_of(award_setup, "sam.evans@example.edu")["revoked"]

    code, output = _revoke(
        capsys,
        award_setup,
        "sam.evans@example.edu",
        "--reason",
        "Score entered for the wrong learner",
        "--apply",
    )
    assert code == 0, output
    assert "Revoked 1 award(s)." in output
    revoked = _award_of(award_setup, "sam.evans@example.edu")
    assert revoked["revoked"] is True
    assert revoked["revocationReason"] == "Score entered for the wrong learner"


def test_revoke_twice_is_an_error(
    award_setup: AwardSetup, capsys: pytest.CaptureFixture[str]
) -> None:
    _issue(award_setup)
    _revoke(
        capsys,
        award_setup,
        "sam.evans@example.edu",
        "--reason",
        "wrong learner",
        "--apply",
    )
    code, output = _revoke(
        capsys,
        award_setup,
        "sam.evans@example.edu",
        "--reason",
        "wrong learner",
        "--apply",
    )
    assert code == 1
    assert (
        "every award of data-visualization-python to sam.evans@example.edu is already revoked"
        in output
    )


def test_revoke_without_award(
    award_setup: AwardSetup, capsys: pytest.CaptureFixture[str]
) -> None:
    _issue(award_setup)
    code, output = _revoke(
        capsys, award_setup, "ana.diaz@example.edu", "--reason", "x", "--apply"
    )
    assert code == 1
    assert "ana.diaz@example.edu has no award of data-visualization-python" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("not-an-address", "--reason", "x"),
            "'not-an-address' is not an email address",
        ),
        (("a@example.edu", "--reason", "  "), "--reason is empty"),
    ],
)
def test_revoke_bad_input(
    award_setup: AwardSetup,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    code, output = _revoke(capsys, award_setup, *args)
    assert code == 1
    assert message in output


def test_revoke_requires_reason(
    award_setup: AwardSetup, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = _revoke(capsys, award_setup, "a@example.edu")
    assert code == 2
    assert "Missing option '--reason'" in output
