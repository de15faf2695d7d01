"""``microcred announce``: one comment and one email per new credential, never twice."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from email.message import Message
from pathlib import Path

import pytest
from gitworld import Catalogue, git, repository

from fixtures_mail import SmtpServer
from microcred.errors import MicrocredError
from microcred.mail import MailSettings
from microcred.publish.announce import AnnounceOptions, AnnounceResult, run_announce
from microcred.publish.messages import MARKER
from microcred.publish.promote import PromoteOptions, run_promote
from microcred.publish.pulls import GitHubPulls
from microcred.yamledit import set_field

CREDENTIAL = "credentials/computing/cloud-basics.yaml"


def promote(catalogue: Catalogue) -> None:
    pulls = GitHubPulls(repository())
    result = run_promote(PromoteOptions(root=catalogue.clone, pulls=pulls))
    assert result.errors == []


def announce(
    catalogue: Catalogue, mail: MailSettings, **overrides: object
) -> AnnounceResult:
    settings: dict[str, object] = {"today": dt.date(2026, 11, 20), **overrides}
    options = AnnounceOptions(
        root=catalogue.clone,
        repository=repository(),
        mail=mail,
        **settings,  # type: ignore[arg-type]
    )
    return run_announce(options)


def smtp_settings(smtp: SmtpServer, tmp_path: Path) -> MailSettings:
    return MailSettings(
        host=smtp.host,
        port=smtp.port,
        security="none",
        sender="microcred <bot@example.edu>",
        outbox=tmp_path / "outbox",
    )


def bot_comments(catalogue: Catalogue, number: int) -> list[str]:
    return [c.body for c in catalogue.fake.comments(number) if MARKER in c.body]


@pytest.fixture
def approved(catalogue: Catalogue) -> int:
    number = catalogue.propose("cloud-basics", title="Cloud Basics")
    promote(catalogue)
    return number


def test_announce_sends_email_once(
    catalogue: Catalogue, approved: int, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    mail = smtp_settings(smtp_server, tmp_path)

    first = announce(catalogue, mail)
    second = announce(catalogue, mail)

    assert first.sent == ["cloud-basics"]
    assert first.errors == []
    assert second.sent == []
    assert second.skipped == ["cloud-basics"]
    assert len(smtp_server.mailbox.messages) == 1
    message: Message = smtp_server.mailbox.messages[0]
    assert message["To"] == "ugprograms-computing@example.edu"
    assert (
        message["Cc"]
        == "computing@example.edu, registrar@example.edu, undergrad-ed@example.edu"
    )
    assert (
        message["Subject"]
        == "Approved micro-credential: Cloud Basics (School of Computing)"
    )
    assert message["Message-ID"] == "<announce.cloud-basics.1@example.edu>"
    body = message.get_payload(decode=True).decode()
    assert (
        "https://example-university.github.io/microcredentials/credentials/cloud-basics/"
        in body
    )
    _, recipients = smtp_server.mailbox.envelopes[0]
    assert sorted(recipients) == sorted(
        [
            "ugprograms-computing@example.edu",
            "computing@example.edu",
            "registrar@example.edu",
            "undergrad-ed@example.edu",
        ]
    )


def test_announce_comment_is_sticky(
    catalogue: Catalogue, approved: int, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    mail = smtp_settings(smtp_server, tmp_path)
    announce(catalogue, mail)
    writes_after_first = len(catalogue.server.writes())

    announce(catalogue, mail)

    comments = bot_comments(catalogue, approved)
    assert len(comments) == 1
    body = comments[0]
    assert (
        "@ugdir-computing and the unit contact, School of Computing Advising (computing@example.edu): the committee approved"
        in body
    )
    assert "- [ ] Update the unit's offering page" in body
    assert (
        "- [ ] Share the announcement below with the unit's faculty and staff" in body
    )
    assert "> School of Computing has a new micro-credential: Cloud Basics." in body
    assert "id=cloud-basics email=sent" in body
    assert len(catalogue.server.writes()) == writes_after_first


@pytest.mark.parametrize(
    ("level", "office"),
    [("graduate", "gradcollege@example.edu"), ("professional", "cpe@example.edu")],
)
def test_level_picks_office(
    catalogue: Catalogue,
    smtp_server: SmtpServer,
    tmp_path: Path,
    level: str,
    office: str,
) -> None:
    catalogue.propose("cloud-basics")
    promote(catalogue)
    path = catalogue.clone / CREDENTIAL
    path.write_text(
        set_field(path.read_text(encoding="utf-8"), "level", level), encoding="utf-8"
    )

    announce(catalogue, smtp_settings(smtp_server, tmp_path))

    assert smtp_server.mailbox.messages[0]["Cc"].split(", ")[-1] == office
    assert "undergrad-ed@example.edu" not in smtp_server.mailbox.messages[0]["Cc"]


def test_without_smtp_writes_eml(
    catalogue: Catalogue, approved: int, tmp_path: Path
) -> None:
    outbox = tmp_path / "outbox"

    result = announce(catalogue, MailSettings(outbox=outbox))

    assert result.sent == ["cloud-basics"]
    assert [p.name for p in outbox.iterdir()] == ["announce-cloud-basics.eml"]
    assert (
        "Approved micro-credential: Cloud Basics"
        in (outbox / "announce-cloud-basics.eml").read_text()
    )
    assert (
        "written to announce-cloud-basics.eml (no SMTP settings)"
        in bot_comments(catalogue, approved)[0]
    )


def test_pending_comment_is_completed(
    catalogue: Catalogue, approved: int, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    broken = MailSettings(
        host="127.0.0.1", port=1, security="none", outbox=tmp_path / "outbox"
    )

    failed = announce(catalogue, broken)

    assert failed.sent == []
    assert "sending mail through 127.0.0.1:1 failed" in failed.errors[0]
    assert "email=pending" in bot_comments(catalogue, approved)[0]

    result = announce(catalogue, smtp_settings(smtp_server, tmp_path))

    assert result.sent == ["cloud-basics"]
    assert len(smtp_server.mailbox.messages) == 1
    comments = bot_comments(catalogue, approved)
    assert len(comments) == 1
    assert "email=sent" in comments[0]


def test_marker_from_person_is_ignored(
    catalogue: Catalogue, approved: int, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    fake_state = (
        f"{MARKER}\n<!-- microcred:announcement-state id=cloud-basics email=sent -->"
    )
    catalogue.fake.comment(approved, fake_state, user="ugdir-computing")

    result = announce(catalogue, smtp_settings(smtp_server, tmp_path))

    assert result.sent == ["cloud-basics"]
    assert len(smtp_server.mailbox.messages) == 1


def test_old_approvals_are_not_announced(
    catalogue: Catalogue, approved: int, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    result = announce(
        catalogue, smtp_settings(smtp_server, tmp_path), today=dt.date(2027, 3, 1)
    )

    assert result.sent == []
    assert result.skipped == []
    assert smtp_server.mailbox.messages == []


def test_since_limits_to_changed_files(
    catalogue: Catalogue, approved: int, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    head = git(catalogue.clone, "rev-parse", "HEAD")
    mail = smtp_settings(smtp_server, tmp_path)

    none = announce(catalogue, mail, since=head)
    some = announce(catalogue, mail, since=f"{head}~1")

    assert none.sent == []
    assert some.sent == ["cloud-basics"]


def test_since_unknown_revision(
    catalogue: Catalogue, approved: int, tmp_path: Path
) -> None:
    with pytest.raises(MicrocredError, match="names no commit"):
        announce(
            catalogue, MailSettings(outbox=tmp_path / "outbox"), since="no-such-ref"
        )


def test_contact_login_is_mentioned(
    catalogue: Catalogue, approved: int, tmp_path: Path
) -> None:
    path = catalogue.clone / CREDENTIAL
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "    email: computing@example.edu\n",
            "    email: computing@example.edu\n    github: advising-computing\n",
        ),
        encoding="utf-8",
    )

    announce(catalogue, MailSettings(outbox=tmp_path / "outbox"))

    [body] = bot_comments(catalogue, approved)
    assert "@ugdir-computing and @advising-computing: the committee approved" in body


def test_cli_announces_then_skips(
    catalogue: Catalogue, approved: int, smtp_server: SmtpServer
) -> None:
    env = {
        **os.environ,
        **smtp_server.env(),
        "SMTP_USERNAME": "",
        "MICROCRED_GITHUB_WRITE_DELAY": "0",
    }
    command = [
        sys.executable,
        "-m",
        "microcred",
        "announce",
        "--root",
        str(catalogue.clone),
        "--window-days",
        "3650",
    ]

    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    second = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=60
    )

    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == ["announced cloud-basics"]
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines() == ["already announced cloud-basics"]
    assert len(smtp_server.mailbox.messages) == 1
