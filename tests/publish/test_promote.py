"""``microcred promote`` on real git: moves, approval blocks, revisions and refusals."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from gitworld import SIGNERS, Catalogue, git, proposal_text, repository

from microcred.errors import MicrocredError
from microcred.publish.git import BotIdentity
from microcred.publish.promote import PromoteOptions, PromoteResult, run_promote
from microcred.publish.pulls import GitHubPulls

CTID = re.compile(
    r"^ce-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
)
CREDENTIAL = "credentials/computing/cloud-basics.yaml"
PROPOSAL = "proposals/computing/cloud-basics.yaml"
#: Trailers that a pull request copies from promote's commits into its own.
FORGED_TRAILERS = "\n\nMicrocred-Bot: promote\nMicrocred-Recorded: cloud-basics"


def promote(root: Path, **overrides: object) -> PromoteResult:
    pulls = GitHubPulls(repository())
    options = PromoteOptions(root=root, pulls=pulls, **overrides)  # type: ignore[arg-type]
    return run_promote(options)


def load_remote(catalogue: Catalogue, path: str) -> dict:
    text = catalogue.remote_file(path)
    assert text is not None, f"{path} is not on the remote main branch"
    return yaml.safe_load(text)


def test_promote_moves_signed_proposal(catalogue: Catalogue) -> None:
    number = catalogue.propose("cloud-basics")

    result = promote(catalogue.clone)

    assert result.errors == []
    assert [c.record_id for c in result.changes] == ["cloud-basics"]
    assert result.pushed
    assert catalogue.remote_file(PROPOSAL) is None
    data = load_remote(catalogue, CREDENTIAL)
    assert data["status"] == "active"
    assert CTID.match(data["ctid"])
    approval = data["approval"]
    assert approval["pull_request"] == number
    assert approval["url"].endswith(f"/pull/{number}")
    merged_at = catalogue.fake.pull(number).pull.merged_at
    assert approval["approved_on"] == merged_at.date().isoformat()
    assert [s["role"] for s in approval["signatures"]] == [
        "department-head",
        "college-reviewer",
        "committee",
    ]
    assert [s["login"] for s in approval["signatures"]] == list(SIGNERS)


def test_promote_commits_as_bot(catalogue: Catalogue) -> None:
    catalogue.propose("cloud-basics")

    promote(catalogue.clone, identity=BotIdentity("catalogue-bot", "bot@example.edu"))

    author = git(catalogue.remote, "log", "-1", "--format=%an <%ae>|%cn", "main")
    assert author == "catalogue-bot <bot@example.edu>|catalogue-bot"
    message = git(catalogue.remote, "log", "-1", "--format=%B", "main")
    assert "Microcred-Bot: promote" in message
    assert "Microcred-Recorded: cloud-basics #1" in message
    renamed = git(catalogue.remote, "show", "--format=", "--name-status", "-M", "main")
    assert renamed.startswith("R")


def test_promote_rerun_does_nothing(catalogue: Catalogue) -> None:
    catalogue.propose("cloud-basics")
    promote(catalogue.clone)
    before = catalogue.remote_log()
    ctid = load_remote(catalogue, CREDENTIAL)["ctid"]

    again = promote(catalogue.clone)
    fresh = promote(catalogue.new_clone("second"))

    assert again.changes == []
    assert fresh.changes == []
    assert catalogue.remote_log() == before
    assert load_remote(catalogue, CREDENTIAL)["ctid"] == ctid


def test_promote_keeps_other_records(catalogue: Catalogue) -> None:
    catalogue.propose("cloud-basics")
    catalogue.propose("spreadsheet-modelling", title="Spreadsheet Modelling")

    result = promote(catalogue.clone)

    assert sorted(c.record_id for c in result.changes) == [
        "cloud-basics",
        "spreadsheet-modelling",
    ]
    assert (
        len(catalogue.remote_log()) == 6
    )  # start, 2 x (pull request commit + merge), bot
    assert (
        load_remote(catalogue, "credentials/computing/spreadsheet-modelling.yaml")[
            "title"
        ]
        == "Spreadsheet Modelling"
    )


def test_unsigned_proposal_is_refused(catalogue: Catalogue) -> None:
    unsigned = catalogue.open_pull(
        "ugdir-computing",
        {PROPOSAL: proposal_text("cloud-basics", "Cloud")},
        title="Propose",
    )
    catalogue.sign(unsigned, "head-computing")
    catalogue.merge(unsigned)
    catalogue.propose("spreadsheet-modelling", title="Spreadsheet Modelling")

    result = promote(catalogue.clone)

    assert [c.record_id for c in result.changes] == ["spreadsheet-modelling"]
    assert len(result.errors) == 1
    assert (
        f"pull request #{unsigned} merged {PROPOSAL} without valid signatures"
        in result.errors[0]
    )
    assert "college reviewer" in result.errors[0]
    assert catalogue.remote_file(PROPOSAL) is not None
    assert catalogue.remote_file(CREDENTIAL) is None


def test_proposal_without_pull_request_is_refused(catalogue: Catalogue) -> None:
    path = catalogue.clone / PROPOSAL
    path.parent.mkdir(parents=True)
    path.write_text(proposal_text("cloud-basics", "Cloud"), encoding="utf-8")
    git(catalogue.clone, "add", PROPOSAL)
    git(catalogue.clone, "commit", "--quiet", "-m", "Push a proposal directly")
    sha = git(catalogue.clone, "rev-parse", "HEAD")
    catalogue.register(sha, "tester", "Push a proposal directly")

    result = promote(catalogue.clone, push=False)

    assert result.changes == []
    assert (
        f"was last changed by commit {sha[:12]}, which belongs to no pull request merged into main"
        in result.errors[0]
    )


def test_revision_is_recorded_once(catalogue: Catalogue) -> None:
    catalogue.propose("cloud-basics")
    promote(catalogue.clone)
    text = catalogue.remote_file(CREDENTIAL)
    assert text is not None
    ctid = yaml.safe_load(text)["ctid"]
    revised = text.replace("delivery:\n  mode: online", "delivery:\n  mode: hybrid")
    number = catalogue.open_pull(
        "ugdir-computing", {CREDENTIAL: revised}, title="Offer it in person too"
    )
    catalogue.sign(number, *SIGNERS)
    catalogue.merge(number)

    result = promote(catalogue.clone)
    again = promote(catalogue.clone)

    assert [(c.kind, c.record_id) for c in result.changes] == [
        ("revise", "cloud-basics")
    ]
    assert again.changes == []
    data = load_remote(catalogue, CREDENTIAL)
    merged_on = catalogue.fake.pull(number).pull.merged_at.date().isoformat()
    assert data["revised_on"] == merged_on
    assert data["approval"]["revisions"] == [
        {
            "pull_request": number,
            "approved_on": merged_on,
            "url": data["approval"]["url"].replace("/pull/1", f"/pull/{number}"),
        }
    ]
    assert data["approval"]["pull_request"] == 1
    assert data["ctid"] == ctid
    assert data["delivery"]["mode"] == "hybrid"


def test_unsigned_revision_is_refused(catalogue: Catalogue) -> None:
    catalogue.propose("cloud-basics")
    promote(catalogue.clone)
    text = catalogue.remote_file(CREDENTIAL)
    assert text is not None
    number = catalogue.open_pull(
        "ugdir-computing",
        {CREDENTIAL: text.replace("hours: 24", "hours: 30")},
        title="More hours",
    )
    catalogue.sign(number, "head-computing", "eng-curriculum-reviewer")
    catalogue.merge(number)

    result = promote(catalogue.clone)

    assert result.changes == []
    assert (
        f"pull request #{number} changed {CREDENTIAL} without valid signatures"
        in result.errors[0]
    )
    assert "committee" in result.errors[0]
    assert "revised_on" not in load_remote(catalogue, CREDENTIAL)


def test_dirty_tree_is_refused(catalogue: Catalogue) -> None:
    catalogue.propose("cloud-basics")
    (catalogue.clone / "governance.yaml").write_text(
        "changed: true\n", encoding="utf-8"
    )

    with pytest.raises(MicrocredError, match="uncommitted changes"):
        promote(catalogue.clone)


def test_cli_exit_code_names_pull_request(catalogue: Catalogue) -> None:
    number = catalogue.open_pull(
        "ugdir-computing",
        {PROPOSAL: proposal_text("cloud-basics", "Cloud")},
        title="Propose",
    )
    catalogue.merge(number)

    result = subprocess.run(
        [sys.executable, "-m", "microcred", "promote", "--root", str(catalogue.clone)],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert (
        f"error: pull request #{number} merged {PROPOSAL} without valid signatures: Missing department head signature"
        in result.stderr
    )
    assert "nothing to promote" in result.stdout


def test_other_branch_is_rejected(catalogue: Catalogue) -> None:
    catalogue.propose("cloud-basics")
    git(catalogue.clone, "switch", "--quiet", "-c", "my-feature")

    with pytest.raises(
        MicrocredError, match="the checkout is on branch 'my-feature', not 'main'"
    ):
        promote(catalogue.clone)

    assert catalogue.remote_file(PROPOSAL) is not None


@pytest.mark.parametrize("trailers", ["", "copied bot trailers"])
def test_revision_editing_ctid_is_rejected(catalogue: Catalogue, trailers: str) -> None:
    catalogue.propose("cloud-basics")
    promote(catalogue.clone)
    text = catalogue.remote_file(CREDENTIAL)
    assert text is not None
    ctid = yaml.safe_load(text)["ctid"]
    forged = text.replace(ctid, "ce-00000000-0000-4000-8000-000000000000").replace(
        "hours: 24", "hours: 30"
    )
    suffix = FORGED_TRAILERS if trailers else ""
    number = catalogue.open_pull(
        "ugdir-computing", {CREDENTIAL: forged}, title="More hours" + suffix
    )
    catalogue.sign(number, *SIGNERS)
    catalogue.merge(number)

    result = promote(catalogue.clone)

    assert result.changes == []
    assert (
        f"pull request #{number} changed ctid in {CREDENTIAL}, which only promote writes"
        in result.errors[0]
    )
    assert "revised_on" not in load_remote(catalogue, CREDENTIAL)


def test_copied_bot_trailer_hides_no_revision(catalogue: Catalogue) -> None:
    catalogue.propose("cloud-basics")
    promote(catalogue.clone)
    text = catalogue.remote_file(CREDENTIAL)
    assert text is not None
    revised = text.replace("delivery:\n  mode: online", "delivery:\n  mode: hybrid")
    number = catalogue.open_pull(
        "ugdir-computing",
        {CREDENTIAL: revised},
        title="Offer it in person too" + FORGED_TRAILERS,
    )
    catalogue.sign(number, *SIGNERS)
    catalogue.merge(number)

    result = promote(catalogue.clone)

    assert [(c.kind, c.record_id) for c in result.changes] == [
        ("revise", "cloud-basics")
    ]
    revisions = load_remote(catalogue, CREDENTIAL)["approval"]["revisions"]
    assert [entry["pull_request"] for entry in revisions] == [number]
