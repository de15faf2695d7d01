"""Loading many files: the plain fast path and the split across processes."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

import pytest

from microcred import batchload, loader
from microcred.catalogue import Catalogue, discover_record_files
from microcred.errors import MicrocredError
from microcred.loader import Document, LoadProblem

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "tests" / "examples").rglob("*.yaml"))
SAMPLES = sorted((REPO / "credentials").rglob("*.yaml")) + sorted(
    (REPO / "proposals").rglob("*.yaml")
)


@pytest.mark.parametrize("path", SAMPLES + EXAMPLES, ids=lambda p: p.name)
def test_fast_path_matches_full_builder(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    try:
        full = loader._run_builder(text, track_lines=False)
    except loader.LoadError:
        with pytest.raises(loader._Unusual):
            loader._plain_build(text)
        return
    try:
        data, has_dates = loader._plain_build(text)
    except loader._Unusual:
        return  # Only the full builder handles this file, so there is nothing to compare.
    assert data == full.result
    assert has_dates == full.has_dates


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: !custom 1\n",
        "a: 1\na: 2\n",
        "base: {a: 1}\nmore:\n  <<: {b: 2}\n",
        "a: 1\n---\nb: 2\n",
        "1: one\n",
        "a: [\n",
        "a:\n" + "  - " * 70 + "x\n",
    ],
    ids=[
        "alias",
        "standard-tag",
        "custom-tag",
        "duplicate-key",
        "merge-key",
        "two-documents",
        "number-key",
        "syntax-error",
        "deep",
    ],
)
def test_fast_path_rejects_unusual_documents(text: str) -> None:
    with pytest.raises(loader._Unusual):
        loader._plain_build(text)


def test_parse_unusual_documents_unchanged() -> None:
    assert loader.parse("a: &x 1\nb: *x\n").data == {"a": 1, "b": 1}
    assert loader.parse("a: !!str 1\n").data == {"a": "1"}
    with pytest.raises(loader.LoadError) as raised:
        loader.parse("title: a\ntitle: b\n")
    assert raised.value.problem.code == "duplicate-key"
    assert raised.value.problem.line == 2


def _many_records(root: Path, count: int) -> list[str]:
    source = (REPO / "credentials").rglob("*.yaml").__next__().read_text("utf-8")
    folder = root / "credentials" / "computing"
    folder.mkdir(parents=True)
    for number in range(count):
        (folder / f"record-{number:03d}.yaml").write_text(source, encoding="utf-8")
    (folder / "broken-a.yaml").write_text("title: [\n", encoding="utf-8")
    (folder / "broken-b.yaml").write_bytes(b"\xef\xbb\xbftitle: x\n")
    (folder / "link.yaml").symlink_to(folder / "record-000.yaml")
    return discover_record_files(root)


def _summary(items: list[batchload.Loaded]) -> list[object]:
    return [
        (item.data, item.text, item.has_dates)
        if isinstance(item, Document)
        else (item.code, item.line, item.message)
        for item in items
    ]


linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="files are split only on Linux"
)


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let small sets of files be split, whatever threads the test run has started."""
    monkeypatch.setattr(batchload, "MIN_PARALLEL", 2)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setenv(batchload.JOBS_VARIABLE, "3")


@linux_only
def test_split_load_matches_single_process(tmp_path: Path, forking: None) -> None:
    rels = _many_records(tmp_path, 40)
    assert batchload._jobs(len(rels)) == 3
    split = batchload.load_documents(tmp_path, rels)
    alone = [batchload.load_one(tmp_path, rel) for rel in rels]
    assert _summary(split) == _summary(alone)
    problems = {
        rel: item.code
        for rel, item in zip(rels, split, strict=True)
        if isinstance(item, LoadProblem)
    }
    assert problems == {
        "credentials/computing/broken-a.yaml": "syntax",
        "credentials/computing/broken-b.yaml": "bom",
        "credentials/computing/link.yaml": "symlink",
    }


@linux_only
def test_split_load_survives_failed_child(
    tmp_path: Path, forking: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    rels = _many_records(tmp_path, 20)

    def broken_pack(item: batchload.Loaded) -> tuple[object, ...]:
        raise RuntimeError("child failed before sending its documents")

    monkeypatch.setattr(batchload, "_pack", broken_pack)  # Only children call _pack.
    split = batchload.load_documents(tmp_path, rels)
    alone = [batchload.load_one(tmp_path, rel) for rel in rels]
    assert _summary(split) == _summary(alone)


@linux_only
def test_catalogue_same_split_or_not(
    tmp_path: Path, forking: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _many_records(tmp_path, 30)
    split = Catalogue.load(tmp_path)
    monkeypatch.setenv(batchload.JOBS_VARIABLE, "1")
    alone = Catalogue.load(tmp_path)
    assert [r.path for r in split.records] == [r.path for r in alone.records]
    assert [r.doc.data for r in split.records] == [r.doc.data for r in alone.records]
    assert [(f.rule, f.path, f.line) for f in split.load_findings] == [
        (f.rule, f.path, f.line) for f in alone.load_findings
    ]


def test_jobs_one_for_few_files_or_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(batchload.JOBS_VARIABLE, "2")
    assert batchload._jobs(batchload.MIN_PARALLEL - 1) == 1
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert batchload._jobs(5000) == 1


@linux_only
def test_split_load_with_sigchld_ignored(tmp_path: Path, forking: None) -> None:
    rels = _many_records(tmp_path, 20)
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        split = batchload.load_documents(tmp_path, rels)
    finally:
        signal.signal(signal.SIGCHLD, previous)
    alone = [batchload.load_one(tmp_path, rel) for rel in rels]
    assert _summary(split) == _summary(alone)


@pytest.mark.parametrize("value", ["abc", "0", "-1", "²", "1.5"])
def test_jobs_variable_invalid(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(batchload.JOBS_VARIABLE, value)
    with pytest.raises(MicrocredError) as raised:
        batchload._jobs(5000)
    assert batchload.JOBS_VARIABLE in str(raised.value)
    assert "whole number" in raised.value.hint


def test_oversized_record_rejected_early(monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[object] = []

    class CountingLoader(loader._BaseLoader):  # type: ignore[misc, valid-type]
        def get_event(self) -> object:
            event = super().get_event()
            events.append(event)
            return event

    monkeypatch.setattr(loader, "_BaseLoader", CountingLoader)
    text = "id: big\nitems:\n" + "  - x\n" * 300_000
    with pytest.raises(loader._Unusual):
        loader._plain_build(text)
    assert len(events) < loader.MAX_NODES + 10
    with pytest.raises(loader.LoadError) as raised:
        loader.parse(text)
    assert raised.value.problem.code == "too-large"
