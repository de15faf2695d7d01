"""``microcred build``: the check gates the build, and mkdocs runs in strict mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitekit import copy_catalogue

from microcred.cli import main
from microcred.commands.build import build_site
from microcred.errors import MicrocredError

RECORD = "credentials/computing/data-visualization-python.yaml"


def _run(root: Path, site: Path) -> int:
    with pytest.raises(SystemExit) as raised:
        main(["build", "--root", str(root), "--site-dir", str(site)])
    return int(raised.value.code or 0)


def test_errors_stop_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_catalogue(tmp_path / "repo")
    record = root / RECORD
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("level: undergraduate", "level: beginner"))

    code = _run(root, tmp_path / "site")
    captured = capsys.readouterr()

    assert code == 1
    assert f"{RECORD}:" in captured.out
    assert "MC110" in captured.out
    assert "The site was not built" in captured.err
    assert not (tmp_path / "site").exists()


def test_strict_warning_fails_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_catalogue(tmp_path / "repo")
    proposing = root / "docs" / "proposing.md"
    proposing.write_text(
        proposing.read_text() + "\nSee [the missing page](missing.md).\n"
    )

    code = _run(root, tmp_path / "site")
    captured = capsys.readouterr()

    assert code == 1
    assert "mkdocs build failed" in captured.err
    assert "missing.md" in captured.err


def test_unreadable_record_fails_strict(tmp_path: Path) -> None:
    root = copy_catalogue(tmp_path / "repo")
    (root / "credentials" / "computing" / "broken.yaml").write_text("id: [unclosed\n")

    with pytest.raises(MicrocredError) as raised:
        build_site(root, tmp_path / "site")

    assert "mkdocs build failed" in str(raised.value)
