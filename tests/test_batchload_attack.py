"""The split load across processes with odd files, dates and children that die."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import threading
from pathlib import Path

import pytest

from microcred import batchload
from microcred.catalogue import Catalogue, discover_record_files
from microcred.loader import Document

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "credentials" / "computing" / "data-visualization-python.yaml"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="files are split only on Linux"
)


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Split even a few files into three processes, whatever threads pytest runs."""
    monkeypatch.setattr(batchload, "MIN_PARALLEL", 2)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setenv(batchload.JOBS_VARIABLE, "3")


def _odd_catalogue(root: Path) -> list[str]:
    folder = root / "credentials" / "computing"
    folder.mkdir(parents=True)
    source = SAMPLE.read_text(encoding="utf-8")
    for number in range(12):
        (folder / f"record-{number:02d}.yaml").write_text(source, encoding="utf-8")
    (folder / "dated.yaml").write_text(
        "id: dated\nrevised_on: 2026-09-01\nat: 2026-09-01T10:00:00Z\n",
        encoding="utf-8",
    )
    (folder / "empty.yaml").write_bytes(b"")
    (folder / "tab.yaml").write_text("id: x\n\ttitle: y\n", encoding="utf-8")
    (folder / "nul.yaml").write_bytes(b"id: a\x00b\n")
    (folder / "latin1.yaml").write_bytes(b"title: caf\xe9\n")
    (folder / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    (folder / "deep.yaml").write_text("a: " + "[" * 80 + "]" * 80 + "\n")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for name, previous in zip("bcde", "abcd", strict=True):
        bomb += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]\n"
    (folder / "bomb.yaml").write_text(bomb, encoding="utf-8")
    (folder / "dangling.yaml").symlink_to(root / "missing.yaml")
    os.mkfifo(folder / "fifo.yaml")
    (folder / os.fsdecode(b"name-\xff.yaml")).write_text("id: x\n", encoding="utf-8")
    (folder / "folder.yaml").mkdir()
    return discover_record_files(root)


def _summary(items: list[batchload.Loaded]) -> list[object]:
    return [
        (item.data, item.has_dates)
        if isinstance(item, Document)
        else (item.code, item.line, item.message, item.field)
        for item in items
    ]


def test_odd_files_same_split_or_not(tmp_path: Path, forking: None) -> None:
    rels = _odd_catalogue(tmp_path)
    assert batchload._jobs(len(rels)) == 3
    split = batchload.load_documents(tmp_path, rels)
    alone = [batchload.load_one(tmp_path, rel) for rel in rels]
    assert _summary(split) == _summary(alone)
    codes = {
        Path(rel).name: item.code
        for rel, item in zip(rels, split, strict=True)
        if not isinstance(item, Document)
    }
    assert codes == {
        "bomb.yaml": "alias-budget",
        "dangling.yaml": "symlink",
        "deep.yaml": "depth",
        "empty.yaml": "empty",
        "fifo.yaml": "not-a-file",
        "folder.yaml": "not-a-file",
        "latin1.yaml": "encoding",
        "list.yaml": "not-mapping",
        os.fsdecode(b"name-\xff.yaml"): "file-name",
        "nul.yaml": "syntax",
        "tab.yaml": "tab",
    }


def test_dates_survive_the_pipe(tmp_path: Path, forking: None) -> None:
    rels = _odd_catalogue(tmp_path)
    split = batchload.load_documents(tmp_path, rels)
    dated = split[rels.index("credentials/computing/dated.yaml")]
    assert isinstance(dated, Document)
    assert dated.has_dates
    assert dated.data["revised_on"] == dt.date(2026, 9, 1)
    assert dated.data["at"] == dt.datetime(2026, 9, 1, 10, tzinfo=dt.UTC)
    assert dated.json_data()["at"] == "2026-09-01T10:00:00Z"


def test_killed_child_costs_only_time(
    tmp_path: Path, forking: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    rels = _odd_catalogue(tmp_path)
    parent = os.getpid()
    real_load_one = batchload.load_one

    def load_one_then_die(root: Path, rel: str) -> batchload.Loaded:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return real_load_one(root, rel)

    monkeypatch.setattr(batchload, "load_one", load_one_then_die)
    split = batchload.load_documents(tmp_path, rels)
    alone = [real_load_one(tmp_path, rel) for rel in rels]
    assert _summary(split) == _summary(alone)


def test_children_are_reaped(
    tmp_path: Path, forking: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    rels = _odd_catalogue(tmp_path)
    pids: list[int] = []
    real_fork = batchload._fork

    def recording_fork(root: Path, share: list[str]) -> tuple[int, int] | None:
        child = real_fork(root, share)
        assert child is not None
        pids.append(child[0])
        return child

    monkeypatch.setattr(batchload, "_fork", recording_fork)
    batchload.load_documents(tmp_path, rels)
    assert len(pids) == 2
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_catalogue_findings_same_split_or_not(
    tmp_path: Path, forking: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _odd_catalogue(tmp_path)
    split = Catalogue.load(tmp_path)
    monkeypatch.setenv(batchload.JOBS_VARIABLE, "1")
    alone = Catalogue.load(tmp_path)
    assert [r.path for r in split.records] == [r.path for r in alone.records]
    assert [(f.rule, f.path, f.line, f.message) for f in split.load_findings] == [
        (f.rule, f.path, f.line, f.message) for f in alone.load_findings
    ]
    assert split.broken_paths == alone.broken_paths
    assert "credentials/computing/name-\\xff.yaml" in split.broken_paths
