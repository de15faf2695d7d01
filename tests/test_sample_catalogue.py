"""The sample catalogue shipped with the repository: valid, varied and consistent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from microcred.catalogue import Catalogue
from microcred.cli import cli
from microcred.records import Record
from microcred.schema import PROPOSAL_SCHEMA, load_schema

REPO = Path(__file__).resolve().parents[1]
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/proposal.schema.json"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(REPO)


def _enum(*path: str) -> set[str]:
    node = load_schema(PROPOSAL_SCHEMA)
    for name in path:
        node = node["properties"][name]
    return set(node["enum"])


def test_sample_passes_strict_check() -> None:
    # NOTE: review-by dates pass with time (the earliest is 2028-01-31) and then
    # raise MC118; move them forward when that happens.
    result = CliRunner().invoke(
        cli, ["check", "--strict", "--root", str(REPO)], catch_exceptions=False
    )

    assert result.exit_code == 0, result.output
    assert "no problems found" in result.output


def test_sample_sizes(catalogue: Catalogue) -> None:
    assert len(catalogue.credentials) >= 12
    assert len(catalogue.proposals) >= 3


def test_sample_covers_levels_modes_colleges(catalogue: Catalogue) -> None:
    governance = catalogue.governance
    assert governance is not None

    levels = {r.level for r in catalogue.records}
    modes = {r.get("delivery", "mode") for r in catalogue.records}
    colleges = {governance.college_of(r.unit) for r in catalogue.records}

    assert levels == _enum("level")
    assert modes == _enum("delivery", "mode")
    assert len(colleges) >= 5


def test_sample_covers_scores_costs_frameworks(catalogue: Catalogue) -> None:
    records = catalogue.records

    scores = {r.passing_score for r in records}
    costs = {r.get("delivery", "cost", "amount") for r in records}
    frameworks = {s.get("framework") for r in records for s in r.get("skills")}

    assert min(scores) == 80
    assert max(scores) > 80
    assert 0 in costs
    assert max(costs) > 0
    assert {"NACE", "ESCO", "Lightcast", "custom"} <= frameworks


def test_sample_lifecycle_examples(catalogue: Catalogue) -> None:
    credentials = catalogue.credentials

    retired = [r for r in credentials if r.status == "retired"]
    revised = [r for r in credentials if r.get("revised_on")]

    assert len(retired) == 1
    assert len(revised) == 1
    assert revised[0].get("approval", "revisions")
    assert any(r.related for r in catalogue.proposals)
    assert all(r.related[0].get("differs") for r in catalogue.records if r.related)


def test_sample_stacks_into_larger_credential(catalogue: Catalogue) -> None:
    targets: dict[str, list[Record]] = {}
    for record in catalogue.credentials:
        for target in record.stacks_into:
            targets.setdefault(target, []).append(record)

    larger = {name: parts for name, parts in targets.items() if len(parts) >= 2}
    assert larger, "no credential has two smaller credentials stacking into it"
    for name, parts in larger.items():
        whole = catalogue.find(name)
        assert whole is not None
        hours = whole.get("delivery", "hours")
        assert all(hours > part.get("delivery", "hours") for part in parts)


def test_sample_signatures_follow_governance(catalogue: Catalogue) -> None:
    governance = catalogue.governance
    assert governance is not None
    committee = set(governance.committee_members)

    for record in catalogue.credentials:
        signatures = record.get("approval", "signatures")
        roles = [s["role"] for s in signatures]
        times = [dt.datetime.fromisoformat(s["at"]) for s in signatures]
        unit = governance.units[record.unit]
        reviewers = governance.colleges[unit.college].reviewers

        assert roles[0] == "department-head", record.path
        assert signatures[0]["login"] in unit.department_heads, record.path
        assert roles[-1] == "committee", record.path
        assert signatures[-1]["login"] in committee, record.path
        assert ("college-reviewer" in roles) == bool(reviewers), record.path
        assert times == sorted(times), record.path
        approved = dt.date.fromisoformat(record.get("approval", "approved_on"))
        assert approved >= times[-1].date(), record.path


def test_sample_identifiers_unique(catalogue: Catalogue) -> None:
    credentials = catalogue.credentials

    ctids = [r.get("ctid") for r in credentials]
    pulls = [r.get("approval", "pull_request") for r in credentials]

    assert len(set(ctids)) == len(ctids)
    assert len(set(pulls)) == len(pulls)
    for record in credentials:
        url = record.get("approval", "url")
        assert url.endswith(f"/pull/{record.get('approval', 'pull_request')}")


def test_sample_proposals_are_open(catalogue: Catalogue) -> None:
    for record in catalogue.proposals:
        first_line = (REPO / record.path).read_text(encoding="utf-8").splitlines()[0]

        assert first_line == SCHEMA_LINE, record.path
        assert record.status == "proposed", record.path
        assert "ctid" not in record.data, record.path
        assert "approval" not in record.data, record.path
        assert record.data["credit_bearing"] is False, record.path
