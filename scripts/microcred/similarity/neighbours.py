"""Find each record's closest neighbours above a threshold.

For a small pool every pair is scored in Python. For a large one, :mod:`.matrix`
scores all pairs that share a feature with sparse matrix products, so the cost
grows with the number of pairs that share vocabulary, and Python only builds the
scores of the pairs it reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..records import Record
from .index import PairScore, SimilarityIndex, score_profiles

#: Below this many pairs they are scored one by one, which saves loading numpy
#: and scipy for a small catalogue.
PLAIN_LOOP_PAIRS = 20_000


@dataclass
class Neighbours:
    """A record's closest matches, strongest first, and how many more were cut."""

    record: Record
    closest: list[tuple[Record, PairScore]]
    more: int = 0


def carrier_rank(record: Record) -> tuple[bool, str]:
    """Order records: a pair's finding goes to the proposal, else the later path."""
    return (record.kind == "proposal", record.path)


def find_neighbours(
    index: SimilarityIndex, left: Sequence[Record], threshold: float, limit: int
) -> list[Neighbours]:
    """Return, for each record of ``left``, its closest records at ``threshold`` or more.

    At most ``limit`` records are listed; ``Neighbours.more`` counts the rest.

    Records with the same title key are always kept, on top of the limit. A pair of
    two records that are both in ``left`` is reported once, by the record that
    :func:`carrier_rank` ranks higher.
    """
    profiles = index.profiles
    rows = [index.position(r) for r in left]
    ranks = [carrier_rank(p.record) for p in profiles]
    if len(rows) * len(profiles) <= PLAIN_LOOP_PAIRS:
        found = dict(_plain(index, rows, ranks, threshold, limit))
    else:
        found = dict(_sparse(index, rows, ranks, threshold, limit))
    titles = _same_titles(index, rows, ranks)

    result = []
    for row in rows:
        scored, total = found.get(row, ([], 0))
        listed = {other for other, _ in scored}
        same = [o for o in titles[row] if o not in listed]
        extra = [(o, score_profiles(profiles[row], profiles[o])) for o in same]
        closest = [(profiles[o].record, s) for o, s in extra + scored]
        more = max(0, total - len(scored))
        result.append(Neighbours(profiles[row].record, closest, more))
    return result


Found = tuple[list[tuple[int, PairScore]], int]


def _sparse(
    index: SimilarityIndex,
    rows: list[int],
    ranks: list[tuple[bool, str]],
    threshold: float,
    limit: int,
) -> Iterator[tuple[int, Found]]:
    from .matrix import closest_pairs

    for row, others, total in closest_pairs(
        index.profiles, rows, threshold, ranks, limit
    ):
        scored = [(o, index.from_parts(row, o, parts)) for o, parts in others]
        kept = [(o, s) for o, s in scored if s.total >= threshold]
        yield row, (kept, total)


def _plain(
    index: SimilarityIndex,
    rows: list[int],
    ranks: list[tuple[bool, str]],
    threshold: float,
    limit: int,
) -> Iterator[tuple[int, Found]]:
    in_left = set(rows)
    for row in rows:
        mine = index.profiles[row]
        scored = []
        for other, profile in enumerate(index.profiles):
            if other == row or (other in in_left and ranks[other] >= ranks[row]):
                continue
            score = score_profiles(mine, profile)
            if score.total >= threshold:
                scored.append((other, score))
        scored.sort(key=lambda item: -item[1].total)
        yield row, (scored[:limit], len(scored))


def _same_titles(
    index: SimilarityIndex, rows: list[int], ranks: list[tuple[bool, str]]
) -> dict[int, list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for position, profile in enumerate(index.profiles):
        groups[profile.title_key].append(position)
    in_left = set(rows)
    same: dict[int, list[int]] = {}
    for row in rows:
        group = groups[index.profiles[row].title_key]
        same[row] = [
            o for o in group if o != row and (o not in in_left or ranks[row] > ranks[o])
        ]
    return same
