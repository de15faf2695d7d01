"""The labelled corpus: the targets hold on the tuning pairs and on the held-out pairs."""

from __future__ import annotations

import pytest

from duplicates.corpus import LABELS, evaluate, load_pairs

SETS = ("tuning", "tuning_2", "held_out")


def test_corpus_size_and_labels() -> None:
    pairs = [p for name in SETS for p in load_pairs(name)]
    assert len(pairs) >= 40
    for label in LABELS:
        assert sum(p.label == label for p in pairs) >= 10, label
    held_out = load_pairs("held_out")
    assert {p.label for p in held_out} == set(LABELS)
    assert {p.how for p in pairs if p.label == "duplicate"} == {
        "reworded",
        "abbreviated",
        "moved",
    }


@pytest.mark.parametrize("name", SETS)
def test_every_duplicate_is_an_error(name: str) -> None:
    metrics = evaluate(load_pairs(name))
    missed = [
        o.pair.b.title
        for o in metrics.outcomes
        if o.pair.label == "duplicate" and o.flag != "error"
    ]
    assert missed == []


@pytest.mark.parametrize("name", SETS)
def test_competing_flagged_at_least_90_percent(name: str) -> None:
    metrics = evaluate(load_pairs(name))
    assert metrics.rate("competing", ("error", "warning")) >= 0.9


@pytest.mark.parametrize("name", SETS)
def test_no_distinct_pair_is_an_error(name: str) -> None:
    metrics = evaluate(load_pairs(name))
    wrong = [
        o.pair.b.title
        for o in metrics.outcomes
        if o.pair.label == "distinct" and o.flag == "error"
    ]
    assert wrong == []
