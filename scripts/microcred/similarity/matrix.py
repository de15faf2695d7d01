"""Find every pair above a threshold with sparse matrix products.

Each channel (title words, title trigrams, skills, description) becomes a sparse
matrix with one unit-length row per record. The product of the target rows with
the transposed matrix gives the cosine of every pair that shares a feature, which
is what an inverted index over the features computes, done in compiled code.
Pairs that share no feature cost nothing. The targets are processed in blocks so
that memory stays near ``CELLS_PER_BLOCK`` cells whatever the pool size.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .index import POWER, SKILLS_SHARE, TITLE_BOOST
from .profile import Profile, Vector

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

Parts = tuple[float, float, float]
#: Pairs scored at once: 2,000,000 float64 cells are 16 MB for each part.
CELLS_PER_BLOCK = 2_000_000
#: Scores are recomputed exactly in Python afterwards; the margin keeps a pair
#: whose matrix score rounds just below the threshold.
MARGIN = 1e-6


def _matrix(vectors: Sequence[Vector]) -> csr_matrix:
    import numpy as np
    from scipy.sparse import csr_matrix

    columns: dict[str, int] = {}
    indices: list[int] = []
    data: list[float] = []
    indptr = [0]
    for vector in vectors:
        for feature, weight in vector.items():
            indices.append(columns.setdefault(feature, len(columns)))
            data.append(weight)
        indptr.append(len(indices))
    shape = (len(vectors), max(len(columns), 1))
    return csr_matrix((np.array(data), np.array(indices), np.array(indptr)), shape=shape)


def closest_pairs(
    profiles: Sequence[Profile],
    rows: Sequence[int],
    threshold: float,
    ranks: Sequence[object],
    limit: int,
) -> Iterator[tuple[int, list[tuple[int, Parts]], int]]:
    """Yield ``(row, closest, count)`` for each row with a pair at ``threshold`` or above.

    ``closest`` holds at most ``limit`` ``(other, (title, skills, text))`` entries,
    strongest first, with the parts computed as :func:`score_profiles` does except
    that a shared title key does not raise the title part to 1. ``count`` is the
    number of pairs at the threshold or above. A pair of two rows is counted once,
    for the row with the higher rank in ``ranks``.
    """
    import numpy as np

    order = sorted(range(len(profiles)), key=ranks.__getitem__)
    rank = np.empty(len(profiles), dtype=np.int64)
    rank[order] = np.arange(len(profiles))
    is_row = np.zeros(len(profiles), dtype=bool)
    is_row[list(rows)] = True
    words, grams, skills, text = (
        _matrix([getattr(p, name) for p in profiles])
        for name in ("title_words", "title_grams", "skills", "text")
    )
    size = max(1, CELLS_PER_BLOCK // max(len(profiles), 1))
    for start in range(0, len(rows), size):
        block = np.asarray(rows[start : start + size])
        title = _part((words[block] @ words.T) * 0.5 + (grams[block] @ grams.T) * 0.5)
        skill = _part(skills[block] @ skills.T)
        prose = _part(text[block] @ text.T)
        content = skill * SKILLS_SHARE + prose * (1 - SKILLS_SHARE)
        total = content + np.maximum(title - content, 0.0) * TITLE_BOOST
        twice = is_row[None, :] & (rank[None, :] >= rank[block][:, None])
        total[twice] = 0.0
        counts = (total >= threshold - MARGIN).sum(axis=1)
        for local in np.nonzero(counts)[0]:
            line = total[local]
            best = np.argsort(-line, kind="stable")[: min(limit, int(counts[local]))]
            closest = [
                (int(o), (float(title[local, o]), float(skill[local, o]), float(prose[local, o])))
                for o in best
            ]
            yield int(block[local]), closest, int(counts[local])


def _part(product: csr_matrix) -> np.ndarray:
    import numpy as np

    return np.power(np.clip(product.toarray(), 0.0, 1.0), POWER)
