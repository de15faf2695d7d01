"""The whole publish path on real git, the fake GitHub, the Canvas emulator and SMTP.

A proposal is signed and merged, then ``microcred publish`` promotes, syncs, commits,
pushes, builds and announces. A second run changes nothing. A signed revision and a
signed retirement then go through the same path.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from gitworld import REPO, SIGNERS, Catalogue, git, repository

from fixtures_mail import SmtpServer
from microcred.mail import MailSettings
from microcred.publish.announce import AnnounceOptions, run_announce
from microcred.publish.messages import MARKER
from microcred.publish.pipeline import PublishOptions, PublishResult, run_publish
from microcred.publish.promote import PromoteOptions
from microcred.publish.pulls import GitHubPulls
from microcred.publish.steps import build_step, sync_step

CREDENTIAL = "credentials/computing/cloud-basics.yaml"
PAGE = Path("credentials/cloud-basics/index.html")


def publish(root: Path, site: Path, mail: MailSettings) -> PublishResult:
    def announce(root: Path) -> list[str]:
        options = AnnounceOptions(
            root=root, repository=repository(), mail=mail, window_days=3650
        )
        return run_announce(options).errors

    options = PublishOptions(
        promote=PromoteOptions(root=root, pulls=GitHubPulls(repository())),
        sync=sync_step,
        build=build_step(site),
        announce=announce,
    )
    return run_publish(options)


def add_site_files(catalogue: Catalogue) -> None:
    """Commit what the site build needs next to the records, straight to main."""
    git(catalogue.author, "checkout", "--quiet", "-B", "main", "origin/main")
    shutil.copy2(REPO / "mkdocs.yml", catalogue.author / "mkdocs.yml")
    shutil.copytree(REPO / "docs", catalogue.author / "docs")
    git(catalogue.author, "add", "mkdocs.yml", "docs")
    git(catalogue.author, "commit", "--quiet", "-m", "Add the site")
    git(catalogue.author, "push", "--quiet", "origin", "main")


def canvas_writes(emulator) -> int:  # type: ignore[no-untyped-def]
    return int(emulator.request_counts()["writes"])


def badge_classes(emulator) -> list[dict]:  # type: ignore[no-untyped-def]
    return [
        b
        for b in emulator.state()["badge_classes"]
        if "microcred:cloud-basics" in b.get("tags", [])
    ]


def edit_and_merge(catalogue: Catalogue, change: tuple[str, str], title: str) -> int:
    text = catalogue.remote_file(CREDENTIAL)
    assert text is not None
    assert change[0] in text
    number = catalogue.open_pull(
        "ugdir-computing", {CREDENTIAL: text.replace(*change)}, title=title
    )
    catalogue.sign(number, *SIGNERS)
    catalogue.merge(number)
    return number


@pytest.mark.slow
def test_merge_publishes_once(
    catalogue: Catalogue, canvas_env, smtp_server: SmtpServer, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    add_site_files(catalogue)
    site = tmp_path / "site"
    mail = MailSettings(
        host=smtp_server.host,
        port=smtp_server.port,
        security="none",
        outbox=tmp_path / "outbox",
    )
    number = catalogue.propose("cloud-basics", title="Cloud Basics")

    first = publish(catalogue.clone, site, mail)

    assert first.errors == []
    assert first.pushed
    data = yaml.safe_load(catalogue.remote_file(CREDENTIAL) or "")
    assert data["approval"]["pull_request"] == number
    [badge] = badge_classes(canvas_env)
    assert data["canvas"]["badge_class"] == badge["entityId"]
    assert (
        len(catalogue.remote_log()) == 5
    )  # start, site, pull request commit, merge, one bot commit
    assert "Microcred-Bot: sync" in git(
        catalogue.remote, "log", "-1", "--format=%B", "main"
    )
    assert (site / PAGE).is_file()
    assert "credentials/cloud-basics/" in (site / "feed.xml").read_text(
        encoding="utf-8"
    )
    assert len(smtp_server.mailbox.messages) == 1
    assert len([c for c in catalogue.fake.comments(number) if MARKER in c.body]) == 1

    log_before, canvas_before = catalogue.remote_log(), canvas_writes(canvas_env)
    github_writes = len(catalogue.server.writes())

    second = publish(catalogue.clone, site, mail)

    assert second.errors == []
    assert not second.committed
    assert second.published
    assert not second.pushed
    assert catalogue.remote_log() == log_before
    assert canvas_writes(canvas_env) == canvas_before
    assert len(smtp_server.mailbox.messages) == 1
    assert len(catalogue.server.writes()) == github_writes

    revision = edit_and_merge(
        catalogue, ("Complete four weekly", "Complete five weekly"), "Add a lab"
    )
    revised = publish(catalogue.clone, site, mail)

    assert revised.errors == []
    assert revised.pushed
    data = yaml.safe_load(catalogue.remote_file(CREDENTIAL) or "")
    assert data["approval"]["revisions"][0]["pull_request"] == revision
    assert data["revised_on"] == data["approval"]["revisions"][0]["approved_on"]
    assert canvas_writes(canvas_env) == canvas_before + 1
    assert "Last revised on" in (site / PAGE).read_text(encoding="utf-8")
    assert len(smtp_server.mailbox.messages) == 1

    edit_and_merge(
        catalogue, ("status: active", "status: retired"), "Retire Cloud Basics"
    )
    retired = publish(catalogue.clone, site, mail)

    assert retired.errors == []
    assert retired.pushed
    [badge] = badge_classes(canvas_env)
    assert "microcred-status:retired" in badge["tags"]
    page = (site / PAGE).read_text(encoding="utf-8")
    assert "This credential is retired" in page
    assert "credentials/cloud-basics/" not in (site / "index.html").read_text(
        encoding="utf-8"
    )
    assert len(smtp_server.mailbox.messages) == 1

    final_log, final_writes = catalogue.remote_log(), canvas_writes(canvas_env)
    fresh = publish(catalogue.new_clone("ci-checkout"), tmp_path / "site-2", mail)
    assert fresh.errors == []
    assert fresh.committed is False
    assert catalogue.remote_log() == final_log
    assert canvas_writes(canvas_env) == final_writes
