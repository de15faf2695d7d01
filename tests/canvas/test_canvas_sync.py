"""microcred sync against the emulator: plans, writes, recovery and the written ids."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from canvas_helpers import assert_converged, badge_body

from microcred.canvas.client import CanvasClient
from microcred.canvas.emulator import Emulator
from microcred.canvas.errors import CanvasError
from microcred.canvas.plan import Action, render_plan
from microcred.canvas.sync import run_sync
from microcred.catalogue import Catalogue
from microcred.yamledit import remove_field, set_field, write_atomic

SAMPLE = "credentials/computing/data-visualization-python.yaml"
RETIRED = "credentials/digital-learning/hybrid-teaching-foundations.yaml"


def credential_count(root: Path) -> int:
    return len(Catalogue.load(root).credentials)


def edit(root: Path, rel: str, key: str, value: object) -> None:
    path = root / rel
    write_atomic(path, set_field(path.read_text(encoding="utf-8"), key, value))


@pytest.fixture
def synced(repo_copy: Path, client: CanvasClient, canvas_emulator: Emulator) -> Path:
    """The sample catalogue after one applied sync, with request counts reset."""
    _, result = run_sync(repo_copy, client, apply=True)
    assert result.errors == []
    with canvas_emulator.store.lock:
        canvas_emulator.counts.clear()
    return repo_copy


def test_plan_alone_writes_nothing(
    repo_copy: Path, client: CanvasClient, canvas_emulator: Emulator
) -> None:
    before = (repo_copy / SAMPLE).read_text(encoding="utf-8")
    plan, result = run_sync(repo_copy, client, apply=False)
    retired = 1 if (repo_copy / RETIRED).exists() else 0
    assert plan.count(Action.CREATE) == credential_count(repo_copy) - retired
    assert result.written == []
    assert canvas_emulator.request_counts()["writes"] == 0
    assert (repo_copy / SAMPLE).read_text(encoding="utf-8") == before


def test_plan_text_lines(repo_copy: Path, client: CanvasClient) -> None:
    plan, _ = run_sync(repo_copy, client, apply=False)
    text = render_plan(
        plan, "esuIssuer0000000000001", "http://127.0.0.1:1", applying=False
    )
    lines = text.splitlines()
    assert (
        lines[0]
        == "Canvas Credentials sync plan for issuer esuIssuer0000000000001 at http://127.0.0.1:1"
    )
    row = next(line for line in lines if " data-visualization-python " in line)
    assert row.split()[:3] == ["create", "data-visualization-python", "(new)"]
    assert row.endswith(
        "no badge class is recorded or tagged microcred:data-visualization-python"
    )
    assert (
        lines[-1]
        == "Nothing was changed. Run again with --apply to make these changes."
    )
    assert lines[-2].startswith("Plan: ")


def test_apply_creates_and_records(synced: Path, canvas_emulator: Emulator) -> None:
    assert_converged(synced, canvas_emulator.state())
    text = (synced / SAMPLE).read_text(encoding="utf-8")
    assert "\ncanvas:\n  badge_class: " in text
    assert "  synced_hash: sha256:" in text
    assert text.startswith("# yaml-language-server:")


def test_badge_class_content(synced: Path, canvas_emulator: Emulator) -> None:
    stored = next(
        b
        for b in canvas_emulator.state()["badge_classes"]
        if "microcred:data-visualization-python" in b["tags"]
    )
    assert stored["name"] == "Data Visualization with Python"
    assert (
        stored["criteriaUrl"]
        == "https://example-university.github.io/microcredentials/credentials/data-visualization-python/"
    )
    assert "a score of at least 80 %" in stored["criteriaNarrative"]
    assert "- Complete four weekly charting labs" in stored["criteriaNarrative"]
    assert stored["expires"] == {"amount": 36, "duration": "months"}
    assert stored["alignments"][0] == {
        "targetName": "Data visualization",
        "targetUrl": "https://lightcast.io/open-skills/skills/KS121F45VPV8C9W3QFYH",
        "targetFramework": "Lightcast",
        "targetCode": "KS121F45VPV8C9W3QFYH",
    }
    assert stored["alignments"][2]["targetUrl"].endswith(
        "/credentials/data-visualization-python/#skills"
    )
    assert stored["_imageMime"] == "image/svg+xml"


def test_unchanged_rerun_costs_listing_only(
    synced: Path, client: CanvasClient, canvas_emulator: Emulator
) -> None:
    plan, result = run_sync(synced, client, apply=True)
    assert plan.count(Action.UNCHANGED) == credential_count(synced)
    assert result.written == []
    counts = canvas_emulator.request_counts()
    assert counts["writes"] == 0
    assert counts["total"] == 1
    assert counts["by_route"] == {"GET /v2/issuers/{issuer}/badgeclasses": 1}


def test_changed_credential_one_write(
    synced: Path, client: CanvasClient, canvas_emulator: Emulator
) -> None:
    edit(synced, SAMPLE, "title", "Data Visualization with Python and Pandas")
    plan, result = run_sync(synced, client, apply=True)
    assert [(i.action, i.credential_id) for i in plan.writes] == [
        (Action.UPDATE, "data-visualization-python")
    ]
    assert plan.writes[0].reason == "the credential changed since the last sync"
    assert canvas_emulator.request_counts()["writes"] == 1
    assert len(result.written) == 1
    assert_converged(synced, canvas_emulator.state())


def test_governance_change_updates_all(synced: Path, client: CanvasClient) -> None:
    governance = synced / "governance.yaml"
    text = governance.read_text(encoding="utf-8")
    governance.write_text(
        text.replace(
            "https://example-university.github.io/microcredentials/",
            "https://badges.example.edu/",
        ),
        encoding="utf-8",
    )
    plan, _ = run_sync(synced, client, apply=False)
    assert (
        plan.count(Action.UNCHANGED) == 1
    )  # only the retired credential without a badge class


def test_lost_record_found_by_tag(
    synced: Path, client: CanvasClient, canvas_emulator: Emulator
) -> None:
    path = synced / SAMPLE
    write_atomic(path, remove_field(path.read_text(encoding="utf-8"), "canvas"))
    plan, _ = run_sync(synced, client, apply=True)
    item = next(i for i in plan.writes)
    assert item.action is Action.UPDATE
    assert (
        item.reason
        == "found by tag microcred:data-visualization-python; the credential file does not record it"
    )
    assert (
        canvas_emulator.request_counts()["by_route"].get(
            "POST /v2/issuers/{issuer}/badgeclasses"
        )
        is None
    )
    assert_converged(synced, canvas_emulator.state())


def test_deleted_badge_class_recreated(
    synced: Path, client: CanvasClient, canvas_emulator: Emulator
) -> None:
    old = (
        Catalogue.load(synced)
        .find("data-visualization-python")
        .get("canvas", "badge_class")
    )  # type: ignore[union-attr]
    with canvas_emulator.store.lock:
        del canvas_emulator.store.badge_classes[old]
    plan, _ = run_sync(synced, client, apply=True)
    assert plan.writes[0].action is Action.CREATE
    assert plan.writes[0].reason == f"the recorded badge class {old} no longer exists"
    assert_converged(synced, canvas_emulator.state())


def test_retired_badge_class_marked(
    synced: Path, client: CanvasClient, canvas_emulator: Emulator
) -> None:
    edit(synced, SAMPLE, "status", "retired")
    plan, _ = run_sync(synced, client, apply=True)
    assert [i.action for i in plan.writes] == [Action.RETIRE]
    stored = next(
        b
        for b in canvas_emulator.state()["badge_classes"]
        if "microcred:data-visualization-python" in b["tags"]
    )
    assert "microcred-status:retired" in stored["tags"]
    assert stored["criteriaNarrative"].startswith("**Retired:**")
    assert not any(
        m["action"] == "delete_badge_class"
        for m in canvas_emulator.state()["mutations"]
    )
    again, _ = run_sync(synced, client, apply=True)
    assert again.writes == []


def test_create_500_after_write_matched(
    repo_copy: Path, client: CanvasClient, canvas_emulator: Emulator
) -> None:
    canvas_emulator.set_fault(
        "500-after-write", route="POST /v2/issuers/*/badgeclasses", times=2
    )
    _, result = run_sync(repo_copy, client, apply=True)
    assert result.errors == []
    counts = canvas_emulator.request_counts()["by_route"]
    assert counts["GET /v2/issuers/{issuer}/badgeclasses"] == 3
    assert_converged(repo_copy, canvas_emulator.state())


def test_create_500_before_write_retried(
    repo_copy: Path, client: CanvasClient, canvas_emulator: Emulator
) -> None:
    canvas_emulator.set_fault(
        "500-html", route="POST /v2/issuers/*/badgeclasses", times=1
    )
    _, result = run_sync(repo_copy, client, apply=True)
    assert result.errors == []
    assert_converged(repo_copy, canvas_emulator.state())


def test_create_timeout_matched(
    repo_copy: Path, make_client: Callable[..., CanvasClient], canvas_emulator: Emulator
) -> None:
    client = make_client(timeout=0.3)
    canvas_emulator.set_fault(
        "slow", route="POST /v2/issuers/*/badgeclasses", times=1, delay_ms=700
    )
    _, result = run_sync(repo_copy, client, apply=True)
    assert result.errors == []
    assert_converged(repo_copy, canvas_emulator.state())


def test_create_gives_up_after_three(
    repo_copy: Path, client: CanvasClient, canvas_emulator: Emulator
) -> None:
    canvas_emulator.set_fault("503", route="POST /v2/issuers/*/badgeclasses")
    _, result = run_sync(repo_copy, client, apply=True)
    assert len(result.errors) == len(Catalogue.load(repo_copy).credentials) - 1
    assert "creating the badge class for credential " in result.errors[0]
    assert "failed 3 times with no badge class stored" in result.errors[0]
    assert canvas_emulator.state()["badge_classes"] == []


def test_duplicate_tag_warned(
    synced: Path, client: CanvasClient, canvas_emulator: Emulator
) -> None:
    extra = client.create_badge_class(
        badge_body(tags=["microcred:data-visualization-python"])
    )
    orphan = client.create_badge_class(badge_body(tags=["microcred:gone-credential"]))
    plan, _ = run_sync(synced, client, apply=False)
    assert any(
        "2 badge classes carry microcred:data-visualization-python" in w
        and extra["entityId"] in w
        for w in plan.warnings
    )
    assert any(
        orphan["entityId"] in w and "no credential has that id" in w
        for w in plan.warnings
    )
    assert plan.writes == []


def test_missing_title_is_error(
    repo_copy: Path, client: CanvasClient, canvas_emulator: Emulator
) -> None:
    edit(repo_copy, SAMPLE, "title", "")
    _, result = run_sync(repo_copy, client, apply=True)
    assert len(result.errors) == 1
    assert result.errors[0].startswith(f"{SAMPLE}:")
    assert "does not match the schema; run microcred check" in result.errors[0]
    assert not any(
        "Data Visualization with Python" == b["name"]
        for b in canvas_emulator.state()["badge_classes"]
    )


@pytest.mark.parametrize("damage", ["unreadable file", "empty title"])
def test_failed_credential_not_called_orphan(
    synced: Path, client: CanvasClient, damage: str
) -> None:
    path = synced / SAMPLE
    if damage == "unreadable file":
        path.write_text(path.read_text(encoding="utf-8") + "title: [unclosed\n")
    else:
        edit(synced, SAMPLE, "title", "")

    plan, result = run_sync(synced, client, apply=False)

    assert len(result.errors) == 1
    assert result.errors[0].startswith(f"{SAMPLE}:")
    assert not any("no credential has that id" in w for w in plan.warnings)


def test_rejected_write_reported(
    repo_copy: Path,
    client: CanvasClient,
    canvas_emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    edit(repo_copy, SAMPLE, "title", "x" * 300)
    # The schema stops such a title before any request, so switch that check off
    # to reach the server's own validation error.
    monkeypatch.setattr("microcred.canvas.sync.validate", lambda *args, **kwargs: [])
    _, result = run_sync(repo_copy, client, apply=True)
    assert any("title is longer than 255 characters" in e for e in result.errors)


def test_schema_stops_long_title_locally(
    repo_copy: Path, client: CanvasClient, canvas_emulator: Emulator
) -> None:
    edit(repo_copy, SAMPLE, "title", "x" * 300)
    _, result = run_sync(repo_copy, client, apply=True)
    assert any("does not match the schema" in e for e in result.errors)
    names = [b["name"] for b in canvas_emulator.state()["badge_classes"]]
    assert "x" * 300 not in names


def test_sync_logs_no_secrets(
    repo_copy: Path,
    client: CanvasClient,
    canvas_emulator: Emulator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    canvas_emulator.set_fault_rate(0.3, seed=5)
    errors = []
    for _ in range(5):
        try:
            _, result = run_sync(repo_copy, client, apply=True)
        except CanvasError as exc:
            errors.append(str(exc))
            continue
        errors.extend(result.errors)
    tokens = client.transport.tokens
    text = caplog.text + "\n".join(errors)
    assert "retry" in caplog.text
    assert canvas_emulator.password not in text
    assert tokens.access is not None
    assert tokens.access not in text


def test_copied_canvas_block_not_reused(
    synced: Path, client: CanvasClient, canvas_emulator: Emulator
) -> None:
    catalogue = Catalogue.load(synced)
    source = catalogue.find("data-visualization-python")
    copy = catalogue.find("sql-for-data-analysis")
    assert source is not None
    assert copy is not None
    edit(synced, copy.path, "canvas", source.get("canvas"))
    plan, _ = run_sync(synced, client, apply=True)
    item = plan.writes[0]
    assert item.credential_id == "sql-for-data-analysis"
    assert item.action is Action.UPDATE
    assert item.reason.startswith("found by tag microcred:sql-for-data-analysis")
    assert_converged(synced, canvas_emulator.state())


def test_copied_block_new_credential_created(
    synced: Path, client: CanvasClient, canvas_emulator: Emulator
) -> None:
    catalogue = Catalogue.load(synced)
    source = catalogue.find("data-visualization-python")
    copy = catalogue.find("sql-for-data-analysis")
    assert source is not None
    assert copy is not None
    with canvas_emulator.store.lock:
        del canvas_emulator.store.badge_classes[copy.get("canvas", "badge_class")]
    edit(synced, copy.path, "canvas", source.get("canvas"))
    plan, _ = run_sync(synced, client, apply=True)
    assert [(i.action, i.credential_id) for i in plan.writes] == [
        (Action.CREATE, "sql-for-data-analysis")
    ]
    assert (
        plan.writes[0].reason
        == f"the recorded badge class {source.get('canvas', 'badge_class')} is tagged for another credential"
    )
    assert_converged(synced, canvas_emulator.state())
