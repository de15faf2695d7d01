"""``microcred rules`` and ``microcred fields``: --write and --check."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from microcred.cli import cli


@pytest.mark.parametrize("name", ["rules", "fields"])
def test_check_without_write_is_usage_error(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--check"])

    assert result.exit_code == 2
    assert (
        f"--check needs --write FILE, such as --write docs/{name}.md" in result.output
    )


@pytest.mark.parametrize("name", ["rules", "fields"])
def test_check_reports_stale_file(name: str, tmp_path: Path) -> None:
    target = tmp_path / f"{name}.md"
    target.write_text("old text\n", encoding="utf-8")

    stale = CliRunner().invoke(cli, [name, "--write", str(target), "--check"])
    written = CliRunner().invoke(cli, [name, "--write", str(target)])
    current = CliRunner().invoke(cli, [name, "--write", str(target), "--check"])

    assert stale.exit_code == 1
    assert "is out of date" in stale.output
    assert written.exit_code == 0
    assert current.exit_code == 0
    assert target.read_text(encoding="utf-8") != "old text\n"
