"""The MC2xx rules on the sample catalogue and on proposals written from it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from duplicates.helpers import SAMPLE, line_of, load_data, reworded_sample, write_record
from microcred.catalogue import record_from_text
from microcred.check import CheckOptions, CheckResult, run_check
from microcred.cli import cli
from microcred.findings import Finding, Severity
from microcred.github.open_prs import PullRequestRecord

REPO = Path(__file__).resolve().parents[2]
SAMPLE_TITLE = "Data Visualization with Python"


def _check(root: Path, *paths: Path, all_pairs: bool = False) -> CheckResult:
    options = CheckOptions(
        root=root, paths=[str(p) for p in paths], all_pairs=all_pairs
    )
    return run_check(options)


def _duplicates(result: CheckResult) -> list[Finding]:
    return [f for f in result.findings if f.rule.startswith("MC2")]


@pytest.mark.parametrize("all_pairs", [False, True])
def test_sample_catalogue_has_no_duplicates(all_pairs: bool) -> None:
    result = _check(REPO, all_pairs=all_pairs)
    assert _duplicates(result) == []


def test_reworded_sample_fails_naming_it(repo_copy: Path) -> None:
    path = write_record(
        repo_copy,
        "proposals",
        "writing-studies",
        "visual-data-stories",
        reworded_sample(repo_copy),
    )
    result = CliRunner().invoke(
        cli, ["check", "--root", str(repo_copy), str(path)], catch_exceptions=False
    )
    assert result.exit_code == 1, result.output
    where = (
        f"proposals/writing-studies/visual-data-stories.yaml:{line_of(path, 'title:')}"
    )
    assert f"{where}: error MC202 [title]: competes with {SAMPLE}" in result.output
    assert f'("{SAMPLE_TITLE}")' in result.output
    assert "at or above the competing threshold 0.60" in result.output
    assert "shared skills: Data visualisation, Programming in Python" in result.output
    assert "merge it with `data-visualization-python`" in result.output
    assert (
        "- {id: data-visualization-python, relation: overlaps, differs:"
        in result.output
    )


def test_score_breakdown_in_message(repo_copy: Path) -> None:
    path = write_record(
        repo_copy,
        "proposals",
        "writing-studies",
        "visual-data-stories",
        reworded_sample(repo_copy),
    )
    [finding] = _duplicates(_check(repo_copy, path))
    assert finding.rule == "MC202"
    assert finding.severity is Severity.ERROR
    assert "(title 0." in finding.message
    assert ", skills 0." in finding.message
    assert ", description 0." in finding.message


def test_lookalike_title_collides(repo_copy: Path) -> None:
    data = _unrelated(repo_copy)
    data["title"] = (
        "D\u0430t\u0430 V\u0456su\u0430l\u0456z\u0430t\u0456\u043en\u200b with Python Micro-Credential"
    )
    path = write_record(
        repo_copy, "proposals", "management", "charts-for-managers", data
    )
    found = _duplicates(_check(repo_copy, path))
    assert [f.rule for f in found] == ["MC201"]
    assert found[0].line == line_of(path, "title:")
    assert f"reads the same as the title of {SAMPLE}" in found[0].message
    assert "choose a title that says how it differs" in found[0].hint


def test_declared_relation_turns_error_into_warning(repo_copy: Path) -> None:
    data = reworded_sample(repo_copy)
    data["necessity"] = {
        "statement": "Writing students need charts for reports, taught by writing faculty.",
        "related": [
            {
                "id": "data-visualization-python",
                "relation": "overlaps",
                "differs": "This one teaches chart writing for reports, not analysis.",
            }
        ],
    }
    path = write_record(
        repo_copy, "proposals", "writing-studies", "visual-data-stories", data
    )
    result = _check(repo_copy, path)
    [finding] = _duplicates(result)
    assert finding.rule == "MC203"
    assert finding.severity is Severity.WARNING
    assert finding.line == line_of(path, "  - id: data-visualization-python")
    assert "this record declares the relation" in finding.message
    assert result.exit_code(strict=False) == 0


def test_short_differs_does_not_declare(repo_copy: Path) -> None:
    data = reworded_sample(repo_copy)
    data["necessity"] = {
        "statement": "Writing students need charts for reports, taught by writing faculty.",
        "related": [
            {
                "id": "data-visualization-python",
                "relation": "overlaps",
                "differs": "other",
            }
        ],
    }
    path = write_record(
        repo_copy, "proposals", "writing-studies", "visual-data-stories", data
    )
    rules = [f.rule for f in _duplicates(_check(repo_copy, path))]
    assert rules == ["MC202"]


def test_similar_threshold_from_governance(repo_copy: Path) -> None:
    governance = repo_copy / "governance.yaml"
    text = governance.read_text(encoding="utf-8")
    governance.write_text(
        text.replace("  competing: 0.6\n", "  competing: 0.95\n"), encoding="utf-8"
    )
    path = write_record(
        repo_copy,
        "proposals",
        "writing-studies",
        "visual-data-stories",
        reworded_sample(repo_copy),
    )
    [finding] = _duplicates(_check(repo_copy, path))
    assert finding.rule == "MC204"
    assert finding.severity is Severity.WARNING
    assert finding.line == line_of(path, "title:")
    assert f"resembles {SAMPLE}" in finding.message
    assert "at or above the similar threshold 0.40" in finding.message
    assert "necessity.related" in finding.hint


def test_open_pull_request_id_clash(repo_copy: Path) -> None:
    path = write_record(
        repo_copy,
        "proposals",
        "management",
        "charts-for-managers",
        _unrelated(repo_copy),
    )
    text = (
        (REPO / SAMPLE)
        .read_text(encoding="utf-8")
        .replace("id: data-visualization-python", "id: charts-for-managers")
    )
    other = record_from_text("proposals/computing/charts-for-managers-2.yaml", text)
    extra = PullRequestRecord(path=other.path, doc=other.doc, pull_request=7)
    options = CheckOptions(root=repo_copy, paths=[str(path)], extra_records=[extra])
    found = [f for f in run_check(options).findings if f.rule == "MC205"]
    assert len(found) == 1
    assert found[0].line == line_of(path, "id:")
    assert (
        "proposals/computing/charts-for-managers-2.yaml in open pull request #7"
        in found[0].message
    )


def test_credentials_compared_only_in_audit(repo_copy: Path) -> None:
    data = reworded_sample(repo_copy)
    data["ctid"] = "ce-00000000-0000-4000-8000-000000000000"
    write_record(
        repo_copy, "credentials", "writing-studies", "visual-data-stories", data
    )
    assert _duplicates(_check(repo_copy)) == []
    found = _duplicates(_check(repo_copy, all_pairs=True))
    assert [f.rule for f in found] == ["MC202"]
    assert found[0].path == "credentials/writing-studies/visual-data-stories.yaml"


def test_pair_of_proposals_reported_once(repo_copy: Path) -> None:
    write_record(
        repo_copy, "proposals", "management", "charts-one", reworded_sample(repo_copy)
    )
    write_record(
        repo_copy, "proposals", "nursing", "charts-two", reworded_sample(repo_copy)
    )
    found = [f for f in _duplicates(_check(repo_copy)) if "charts-" in f.message]
    assert [(f.rule, f.path) for f in found] == [
        ("MC201", "proposals/nursing/charts-two.yaml")
    ]


def test_matches_capped_per_record(repo_copy: Path) -> None:
    for number in range(7):
        data = load_data(repo_copy)
        data["ctid"] = f"ce-00000000-0000-4000-8000-00000000000{number}"
        data["title"] = f"Charts with Python {number}"
        write_record(repo_copy, "credentials", "computing", f"charts-{number}", data)
    path = write_record(
        repo_copy,
        "proposals",
        "writing-studies",
        "visual-data-stories",
        reworded_sample(repo_copy),
    )
    found = _duplicates(_check(repo_copy, path))
    assert len(found) == 5
    assert "3 more records score at or above the similar threshold" in found[-1].message


def test_impact_section_lists_neighbours(repo_copy: Path) -> None:
    data = _unrelated(repo_copy)
    data["stacks_into"] = ["data-visualization-python"]
    path = write_record(
        repo_copy, "proposals", "management", "charts-for-managers", data
    )
    feeder = load_data(
        repo_copy, "proposals/management/small-business-bookkeeping.yaml"
    )
    feeder["stacks_into"] = ["charts-for-managers"]
    write_record(
        repo_copy, "proposals", "management", "small-business-bookkeeping", feeder
    )
    sections = _check(repo_copy, path).sections
    body = sections["Impact of `charts-for-managers`"]
    assert f"Stacks into:\n- {SAMPLE_TITLE} (`{SAMPLE}`)" in body
    assert "Stacked into by:\n- " in body
    assert "(`proposals/management/small-business-bookkeeping.yaml`)" in body
    assert "Shares skills with:\n- " in body
    assert "Communication" in body


def _unrelated(repo: Path) -> dict[str, object]:
    """A proposal about spreadsheets for managers: no competitor in the sample."""
    data = load_data(repo)
    data["title"] = "Spreadsheet Budgeting for Team Leads"
    data["summary"] = (
        "Plan and track a team budget in a spreadsheet and explain variances."
    )
    data["description"] = (
        "Team leads build a yearly budget, record spending each month, and explain "
        "variances to their director with pivot tables and simple forecasts."
    )
    data["competencies"] = [
        "Build a team budget",
        "Explain budget variances to a director",
    ]
    data["skills"] = [
        {"name": "Budgeting", "framework": "custom"},
        {"name": "Spreadsheets", "framework": "custom"},
        {"name": "Communication", "framework": "NACE"},
    ]
    return data


def test_relation_declared_by_other_record(repo_copy: Path) -> None:
    first = reworded_sample(repo_copy)
    first["necessity"] = {
        "statement": "Managers need charts for budget reports, taught by business faculty.",
        "related": [
            {
                "id": "charts-two",
                "relation": "complements",
                "differs": "This one uses business data; the other uses patient data.",
            },
            {
                "id": "data-visualization-python",
                "relation": "overlaps",
                "differs": "This one teaches chart writing for reports, not analysis.",
            },
        ],
    }
    write_record(repo_copy, "proposals", "management", "charts-one", first)
    second = dict(reworded_sample(repo_copy), title="Python Charts for Nurses")
    path = write_record(repo_copy, "proposals", "nursing", "charts-two", second)
    found = [f for f in _duplicates(_check(repo_copy)) if "charts-one" in f.message]
    assert len(found) == 1
    assert found[0].rule == "MC203"
    assert found[0].path == "proposals/nursing/charts-two.yaml"
    assert found[0].line == line_of(path, "title:")
    assert "`charts-one` declares the relation" in found[0].message


def test_declared_matches_never_hide_competitor(repo_copy: Path) -> None:
    related = []
    for number in range(6):
        data = load_data(repo_copy)
        data["ctid"] = f"ce-00000000-0000-4000-8000-00000000001{number}"
        data["title"] = f"Charts with Python {number}"
        write_record(repo_copy, "credentials", "computing", f"charts-{number}", data)
        related.append(
            {
                "id": f"charts-{number}",
                "relation": "overlaps",
                "differs": "This one teaches chart writing for reports, not analysis.",
            }
        )

    data = load_data(repo_copy)
    data["ctid"] = "ce-00000000-0000-4000-8000-000000000020"
    data["title"] = "Python Charting Studio"
    data["description"] += " Learners also keep a weekly studio journal."
    write_record(repo_copy, "credentials", "computing", "zz-charting-studio", data)

    proposal = reworded_sample(repo_copy)
    proposal["necessity"] = {
        "statement": "Writing students need charts for reports, taught by writing faculty.",
        "related": related,
    }
    path = write_record(
        repo_copy, "proposals", "writing-studies", "visual-data-stories", proposal
    )

    found = _duplicates(_check(repo_copy, path))

    errors = [f for f in found if f.severity is Severity.ERROR]
    assert [f.rule for f in errors] == ["MC202", "MC202"]
    assert "data-visualization-python.yaml" in errors[0].message + errors[1].message
    assert "zz-charting-studio.yaml" in errors[0].message + errors[1].message
    assert sum(f.rule == "MC203" for f in found) == 6
