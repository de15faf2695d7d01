"""Every record and governance rule fires on its negative example, at its line."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from microcred.check import CheckOptions, run_check
from microcred.rules import RULES, load_all

EXAMPLES = Path(__file__).resolve().parent / "examples"
INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))
TODAY = dt.date(2026, 12, 4)


def _expectation(path: Path) -> tuple[str, int, str, str]:
    first, second = path.read_text(encoding="utf-8").splitlines()[:2]
    match = re.match(r"# expect: (MC\d{3}) (\d+) ?(\S*)", first)
    place = re.match(r"# place: (\S+)", second)
    assert match and place, f"{path.name} needs '# expect:' and '# place:' header lines"
    return match.group(1), int(match.group(2)), match.group(3), place.group(1)


def _check_one(repo: Path, rel: str):
    return run_check(CheckOptions(root=repo, paths=[str(repo / rel)], today=TODAY))


@pytest.mark.parametrize("example", INVALID, ids=[p.stem for p in INVALID])
def test_negative_example_reports_rule(example: Path, repo_copy: Path) -> None:
    rule, line, field, place = _expectation(example)
    target = repo_copy / place / example.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(example, target)
    result = _check_one(repo_copy, target.relative_to(repo_copy).as_posix())
    matching = [f for f in result.findings if f.rule == rule]
    assert matching, (
        f"expected {rule}, got {[(f.rule, f.line, f.message) for f in result.findings]}"
    )
    if line:
        assert line in [f.line for f in matching]
    if field:
        assert field in [f.field for f in matching]
    assert all(f.message and f.hint for f in matching)


def test_positive_examples_pass(repo_copy: Path) -> None:
    for example in sorted((EXAMPLES / "valid").glob("*.yaml")):
        target = repo_copy / "proposals" / "computing" / example.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(example, target)
        result = _check_one(repo_copy, target.relative_to(repo_copy).as_posix())
        assert [f.as_dict() for f in result.findings if f.rule.startswith("MC1")] == []


@pytest.mark.parametrize(
    ("raw", "rule", "line"),
    [
        (b"\xef\xbb\xbfid: x\n", "MC104", 1),
        (b"id: x\ntitle: caf\xe9\n", "MC104", 2),
        (b"", "MC105", 1),
        (b"   \n\n", "MC105", 1),
        (b"just a string\n", "MC105", 1),
    ],
    ids=["bom", "latin1", "empty", "blank", "scalar"],
)
def test_unreadable_bytes(raw: bytes, rule: str, line: int, repo_copy: Path) -> None:
    target = repo_copy / "proposals" / "computing" / "broken.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(raw)
    result = _check_one(repo_copy, "proposals/computing/broken.yaml")
    assert [(f.rule, f.line) for f in result.findings] == [(rule, line)]


def _edit_governance(repo: Path, old: str, new: str) -> None:
    path = repo / "governance.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _governance_findings(repo: Path) -> list[tuple[str, int, str]]:
    result = run_check(CheckOptions(root=repo, today=TODAY))
    return [
        (f.rule, f.line, f.field)
        for f in result.findings
        if f.path == "governance.yaml"
    ]


def test_governance_missing(repo_copy: Path) -> None:
    (repo_copy / "governance.yaml").unlink()
    result = run_check(CheckOptions(root=repo_copy, today=TODAY))
    assert ("MC300", "governance.yaml") in [(f.rule, f.path) for f in result.findings]


def test_governance_schema(repo_copy: Path) -> None:
    _edit_governance(repo_copy, "  region: US", "  region: MARS")
    found = _governance_findings(repo_copy)
    assert any(rule == "MC301" and field == "canvas.region" for rule, _, field in found)


def test_governance_unknown_college(repo_copy: Path) -> None:
    _edit_governance(repo_copy, "    college: business", "    college: busyness")
    found = _governance_findings(repo_copy)
    assert any(
        rule == "MC302" and field == "units[4].college" for rule, _, field in found
    )


def test_governance_duplicate_unit(repo_copy: Path) -> None:
    _edit_governance(repo_copy, "  - id: civil-engineering", "  - id: computing")
    found = _governance_findings(repo_copy)
    assert "MC303" in [rule for rule, _, _ in found]


def test_governance_dual_role_warns(repo_copy: Path) -> None:
    _edit_governance(
        repo_copy, "department_heads: [head-nursing]", "department_heads: [MCGC-Chair]"
    )
    result = run_check(CheckOptions(root=repo_copy, today=TODAY))
    dual = [f for f in result.findings if f.rule == "MC304"]
    assert dual and dual[0].severity.value == "warning"
    assert result.exit_code(strict=False) == 0
    assert result.exit_code(strict=True) == 1


def test_governance_syntax_error_reported(repo_copy: Path) -> None:
    _edit_governance(repo_copy, "  name: Example State University", "  name: [Example")
    found = _governance_findings(repo_copy)
    assert found and found[0][0] == "MC100"


def test_every_record_and_governance_rule_has_a_test() -> None:
    load_all()
    covered = {_expectation(p)[0] for p in INVALID} | {
        "MC104",
        "MC105",
        "MC107",  # tests/test_bad_input_records.py
        "MC300",
        "MC301",
        "MC302",
        "MC303",
        "MC304",
    }
    owned = {rule for rule in RULES if rule.startswith(("MC1", "MC3"))}
    assert owned - covered == set()


def test_rule_ids_are_well_formed() -> None:
    load_all()
    for rule_id, rule in RULES.items():
        assert re.fullmatch(r"MC\d{3}", rule_id)
        assert rule.summary().endswith("."), f"{rule_id} summary should be a sentence"
