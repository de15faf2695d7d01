"""The synthetic catalogue generator used by the benchmarks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from benchmarks.synthetic import generate, write_catalogue
from click.testing import CliRunner

from microcred.cli import cli


def _contents(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted((root / "credentials").rglob("*.yaml"))
    }


def test_catalogue_of_50_passes_check(tmp_path: Path) -> None:
    paths = write_catalogue(tmp_path, 50, seed=3)

    result = CliRunner().invoke(
        cli, ["check", "--root", str(tmp_path)], catch_exceptions=False
    )

    assert len(paths) == 50
    assert len(set(paths)) == 50
    assert result.exit_code == 0, result.output
    assert (tmp_path / "governance.yaml").is_file()
    assert (tmp_path / "schema" / "proposal.schema.json").is_file()


def test_same_seed_same_files(tmp_path: Path) -> None:
    write_catalogue(tmp_path / "a", 50, seed=7, planted_duplicates=3)
    write_catalogue(tmp_path / "b", 50, seed=7, planted_duplicates=3)
    write_catalogue(tmp_path / "c", 50, seed=8, planted_duplicates=3)

    first = _contents(tmp_path / "a")

    assert first == _contents(tmp_path / "b")
    assert first != _contents(tmp_path / "c")


def test_records_are_varied(tmp_path: Path) -> None:
    paths = write_catalogue(tmp_path, 200, seed=1)
    records = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in paths]

    titles = {r["title"] for r in records}
    summaries = {r["summary"] for r in records}
    levels = {r["level"] for r in records}
    modes = {r["delivery"]["mode"] for r in records}
    units = {r["unit"] for r in records}

    assert len(titles) == 200
    assert len(summaries) > 150
    assert levels == {"undergraduate", "graduate", "professional"}
    assert modes == {"online", "in-person", "hybrid"}
    assert len(units) >= 8


def test_planted_duplicates_come_last(tmp_path: Path) -> None:
    catalogue = generate(tmp_path, 40, seed=2, planted_duplicates=4)

    planted = catalogue.paths[40:]

    assert len(catalogue.paths) == 44
    assert [pair[1] for pair in catalogue.pairs] == planted
    for original, copy in catalogue.pairs:
        first = yaml.safe_load(original.read_text(encoding="utf-8"))
        second = yaml.safe_load(copy.read_text(encoding="utf-8"))
        assert first["id"] != second["id"]
        assert first["title"] != second["title"]
        assert sorted(first["competencies"]) != sorted(second["competencies"])
        assert {s["name"] for s in first["skills"]} == {
            s["name"] for s in second["skills"]
        }


def test_planted_catalogue_fails_only_duplicates(tmp_path: Path) -> None:
    write_catalogue(tmp_path, 30, seed=5, planted_duplicates=5)

    result = CliRunner().invoke(
        cli,
        ["check", "--root", str(tmp_path), "--format", "json"],
        catch_exceptions=False,
    )
    findings = json.loads(result.output)["findings"]

    # Only the duplicate rules (MC2xx) may object to planted rewordings.
    assert [f for f in findings if not f["rule"].startswith("MC2")] == []


@pytest.mark.parametrize("count, planted", [(0, 0), (5, 6), (5, -1)])
def test_bad_sizes_raise(tmp_path: Path, count: int, planted: int) -> None:
    with pytest.raises(ValueError, match="planted_duplicates"):
        generate(tmp_path, count, planted_duplicates=planted)
