"""The journal: append-only, survives torn lines, and finds batches in flight."""

from __future__ import annotations

from pathlib import Path

from microcred.awards.journal import Journal, state_dir


def test_in_flight_batches(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.jsonl")
    journal.start(1, ["a@x.edu"])
    journal.done(1, {"a@x.edu": "A1"})
    journal.start(2, ["b@x.edu", "c@x.edu"])
    pending = journal.in_flight()
    assert len(pending) == 1
    assert pending[0].recipients == ("b@x.edu", "c@x.edu")
    assert pending[0].run == journal.run


def test_reconciled_closes_batch_of_other_run(tmp_path: Path) -> None:
    first = Journal(tmp_path / "j.jsonl")
    first.start(1, ["a@x.edu"])
    second = Journal(tmp_path / "j.jsonl")
    assert second.in_flight()[0].run == first.run
    second.reconciled(first.run, 1, found=1, missing=0)
    assert second.in_flight() == []


def test_torn_line_is_skipped_and_closed(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    journal = Journal(path)
    journal.start(1, ["a@x.edu"])
    with open(path, "ab") as handle:
        handle.write(b'{"event": "done", "run": "')
    journal.start(2, ["b@x.edu"])
    assert [b.batch for b in journal.in_flight()] == [1, 2]
    assert path.read_text(encoding="utf-8").count("\n") == 3


def test_state_dir_from_environment(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("MICROCRED_STATE_DIR", raising=False)
    assert state_dir(tmp_path) == tmp_path / ".microcred"
    monkeypatch.setenv("MICROCRED_STATE_DIR", str(tmp_path / "state"))
    assert state_dir(tmp_path) == tmp_path / "state"


def test_journal_holds_no_scores(tmp_path: Path) -> None:
    journal = Journal.for_badge_class(tmp_path, "BC1")
    journal.start(1, ["a@x.edu"])
    assert journal.path == tmp_path / "journal" / "award-BC1.jsonl"
    assert "score" not in journal.path.read_text(encoding="utf-8")
