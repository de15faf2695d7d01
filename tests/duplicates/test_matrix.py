"""The sparse-matrix search finds the same neighbours as scoring every pair."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.synthetic import generate

from microcred.catalogue import Catalogue
from microcred.similarity import matrix, neighbours
from microcred.similarity.index import POWER, SimilarityIndex, combine


def _found(
    index: SimilarityIndex, plain: bool, monkeypatch: pytest.MonkeyPatch
) -> dict[tuple[str, str], float]:
    limit = 10**9 if plain else 0
    monkeypatch.setattr(neighbours, "PLAIN_LOOP_PAIRS", limit)
    records = [p.record for p in index.profiles]
    result = neighbours.find_neighbours(index, records, 0.4, limit=5)
    return {(n.record.path, o.path): s.total for n in result for o, s in n.closest}


def test_matrix_matches_plain_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(tmp_path, 120, seed=3, planted_duplicates=6)
    index = SimilarityIndex(Catalogue.load(tmp_path).records)
    plain = _found(index, True, monkeypatch)
    sparse = _found(index, False, monkeypatch)
    assert plain.keys() == sparse.keys()
    for key, total in plain.items():
        assert sparse[key] == pytest.approx(total, abs=1e-9)


def test_planted_duplicates_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = generate(tmp_path, 120, seed=5, planted_duplicates=6)
    index = SimilarityIndex(Catalogue.load(tmp_path).records)
    found = _found(index, False, monkeypatch)
    for original, copy in catalogue.pairs:
        a = original.relative_to(tmp_path).as_posix()
        b = copy.relative_to(tmp_path).as_posix()
        score = found.get((a, b), found.get((b, a)))
        assert score is not None and score >= 0.6, (a, b)


@pytest.mark.parametrize("threshold", [0.4, 0.6, 0.85])
def test_cosine_cutoff_keeps_every_reachable_pair(threshold: float) -> None:
    cutoff = matrix._cosine_cutoff(threshold)
    grid = [cutoff * step / 20 for step in range(20)]
    below = max(
        combine(t**POWER, s**POWER, d**POWER) for t in grid for s in grid for d in grid
    )
    assert below < threshold
    just_above = (cutoff * (1 + 1e-6)) ** POWER
    assert combine(just_above, just_above, just_above) >= threshold - matrix.MARGIN
