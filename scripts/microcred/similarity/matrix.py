"""Find every pair above a threshold with sparse matrix products.

Each channel (title words, title trigrams, skills, description) becomes a sparse
matrix with one unit-length row per record. The product of the target rows with
the transposed matrix gives the cosine of every pair that shares a feature, which
is what an inverted index over the features computes, done in compiled code.

Rows are taken in rank order, and each row is multiplied only with the records it
would carry a finding for (lower-ranked targets and every non-target), so a
catalogue audit computes each pair once. Rows are processed in blocks so that
memory stays near ``CELLS_PER_BLOCK`` cells whatever the pool size.
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
#: Pairs scored at once: 500,000 float64 cells are 4 MB for each part. Larger
#: blocks measured slower on 2,000 records, because each block allocates fresh
#: memory for its products and dense arrays.
CELLS_PER_BLOCK = 500_000
#: Sums in another order than Python's differ in the last bits; the margin keeps
#: such a pair, and the caller compares its total with the threshold again.
MARGIN = 1e-9
CHANNELS = ("title_words", "title_grams", "skills", "text")


def closest_pairs(
    profiles: Sequence[Profile],
    rows: Sequence[int],
    threshold: float,
    ranks: Sequence[tuple[bool, str]],
    limit: int,
) -> Iterator[tuple[int, list[tuple[int, Parts]], int]]:
    """Yield ``(row, closest, count)`` for rows with a pair at ``threshold`` or above.

    ``closest`` contains at most ``limit`` ``(other, (title, skills, text))``
    entries, strongest first, with the parts computed as :func:`score_profiles`
    does except that a shared title key does not raise the title part to 1.
    ``count`` is the number of pairs at the threshold or above. A pair of two rows
    is counted once, for the row with the higher rank in ``ranks``.
    """
    import numpy as np

    order = sorted(range(len(profiles)), key=ranks.__getitem__)
    rank = np.empty(len(profiles), dtype=np.int64)
    rank[order] = np.arange(len(profiles))
    is_row = np.zeros(len(profiles), dtype=bool)
    is_row[list(rows)] = True
    matrices = [_matrix([getattr(p, name) for p in profiles]) for name in CHANNELS]
    outside = np.nonzero(~is_row)[0]
    ranked_rows = np.asarray(sorted(rows, key=ranks.__getitem__), dtype=np.int64)
    size = max(1, CELLS_PER_BLOCK // max(len(profiles), 1))
    cutoff = _cosine_cutoff(threshold)
    for start in range(0, len(ranked_rows), size):
        block = ranked_rows[start : start + size]
        columns = np.concatenate([outside, ranked_rows[: start + len(block)]])
        cosines = _parts(matrices, block, columns)
        twice = is_row[columns][None, :] & (
            rank[columns][None, :] >= rank[block][:, None]
        )
        total = _totals(cosines, cutoff, twice)
        counts = (total >= threshold - MARGIN).sum(axis=1)
        hits = np.nonzero(counts)[0]
        best = _strongest(total[hits], limit)
        for local, strongest in zip(hits, best, strict=True):
            listed = strongest[: counts[local]]
            title, skill, prose = (
                np.power(part[local, listed], POWER).tolist() for part in cosines
            )
            closest = [
                (int(columns[c]), (title[n], skill[n], prose[n]))
                for n, c in enumerate(listed.tolist())
            ]
            yield int(block[local]), closest, int(counts[local])


def _cosine_cutoff(threshold: float) -> float:
    """Return the cosine below which a pair cannot reach ``threshold``.

    A total is never above its largest part, and a part is its cosine raised to
    ``POWER``, so a pair whose three cosines are all below
    ``threshold ** (1 / POWER)`` scores below the threshold.
    """
    return max(threshold - MARGIN, 0.0) ** (1 / POWER) * (1 - MARGIN)


def _totals(
    cosines: tuple[np.ndarray, np.ndarray, np.ndarray],
    cutoff: float,
    twice: np.ndarray,
) -> np.ndarray:
    """Return the combined score of every pair that can reach the cutoff, else 0.

    Raising to a fractional power is the slowest step, so it runs only on the few
    pairs with a cosine at the cutoff or above.
    """
    import numpy as np

    title, skill, prose = cosines
    possible = np.maximum(np.maximum(title, skill), prose) >= cutoff
    possible &= ~twice
    rows, cols = np.nonzero(possible)
    raised_title, raised_skill, raised_prose = (
        np.power(part[rows, cols], POWER) for part in cosines
    )
    content = raised_skill * SKILLS_SHARE + raised_prose * (1 - SKILLS_SHARE)
    total = np.zeros(title.shape)
    total[rows, cols] = content + np.maximum(raised_title - content, 0.0) * TITLE_BOOST
    return total


def _strongest(total: np.ndarray, limit: int) -> np.ndarray:
    """Return each row's ``limit`` strongest columns, strongest first."""
    import numpy as np

    if total.shape[1] > limit:
        total_top = np.argpartition(-total, limit - 1, axis=1)[:, :limit]
    else:
        total_top = np.tile(np.arange(total.shape[1]), (total.shape[0], 1))
    values = np.take_along_axis(total, total_top, axis=1)
    order = np.argsort(-values, axis=1, kind="stable")
    return np.take_along_axis(total_top, order, axis=1)


def _parts(
    matrices: list[csr_matrix], block: np.ndarray, columns: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the title, skills and description cosines of ``block`` by ``columns``."""
    words, grams, skills, text = matrices
    title = (words[block] @ words[columns].T) * 0.5 + (
        grams[block] @ grams[columns].T
    ) * 0.5
    return (
        _dense(title),
        _dense(skills[block] @ skills[columns].T),
        _dense(text[block] @ text[columns].T),
    )


def _dense(product: csr_matrix) -> np.ndarray:
    """Return the product as a dense array, clipped to [0, 1] against rounding."""
    import numpy as np

    dense = product.toarray()
    np.clip(dense, 0.0, 1.0, out=dense)
    return dense


def _matrix(vectors: Sequence[Vector]) -> csr_matrix:
    import numpy as np
    from scipy.sparse import csr_matrix

    features = {f for vector in vectors for f in vector}
    columns = {feature: number for number, feature in enumerate(features)}
    indices: list[int] = []
    data: list[float] = []
    indptr = [0]
    for vector in vectors:
        indices.extend(map(columns.__getitem__, vector))
        data.extend(vector.values())
        indptr.append(len(indices))
    shape = (len(vectors), max(len(columns), 1))
    arrays = (np.array(data), np.array(indices), np.array(indptr))
    return csr_matrix(arrays, shape=shape)
