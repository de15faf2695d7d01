"""Decide which pairs of records to compare and how close each one is.

In a normal run every target proposal is compared with every other record: the
approved credentials, the other proposals, and the proposals of other open pull
requests. Approved credentials are compared with each other only in an audit
(``all_pairs``), where every target record is compared with every other record.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..records import Record
from .index import PairScore, SimilarityIndex
from .neighbours import find_neighbours

log = logging.getLogger(__name__)

#: Undeclared matches reported per record, closest first. A record that resembles
#: more records than this needs rethinking, and the last finding counts the rest.
#: Declared relations are reported on top, so they never hide an undeclared match.
MAX_MATCHES = 5
#: Shortest ``differs`` statement that declares a relation (the schema's minimum).
MIN_DIFFERS = 20


@dataclass(frozen=True)
class Thresholds:
    competing: float
    similar: float


@dataclass(frozen=True)
class Match:
    """A target record, a record it resembles, and how closely."""

    record: Record
    other: Record
    score: PairScore
    level: str  # "same-title", "competing" or "similar"
    #: Index of the entry in the record's ``necessity.related`` that names ``other``.
    declared_at: int | None
    #: True when ``other`` names ``record`` in its own ``necessity.related``.
    declared_by_other: bool = False
    #: Further records above the similar threshold that were left out of the report.
    more: int = 0

    @property
    def declared(self) -> bool:
        return self.declared_at is not None or self.declared_by_other


def competitor_pool(records: Sequence[Record], extra: Sequence[Record]) -> list[Record]:
    """Return the catalogue's records, then the extra records not among them."""
    seen = {(r.path, r.id) for r in records}
    pool = list(records)
    for record in extra:
        if (record.path, record.id) not in seen:
            seen.add((record.path, record.id))
            pool.append(record)
    return pool


def find_matches(
    targets: Sequence[Record],
    pool: Sequence[Record],
    thresholds: Thresholds,
    all_pairs: bool,
) -> list[Match]:
    """Return the targets' matches: same title key, or at the similar threshold or above."""
    checked = [r for r in targets if all_pairs or r.kind == "proposal"]
    if not checked:
        return []
    index = SimilarityIndex(pool)
    limit = MAX_MATCHES + _max_declarations(checked, pool)
    matches = []
    for found in find_neighbours(index, checked, thresholds.similar, limit):
        mine = []
        undeclared = 0
        for other, score in found.closest:
            level = _level(score, thresholds)
            if not level or other.path == found.record.path:
                continue
            declared = declared_index(found.record, other)
            theirs = declared_index(other, found.record) is not None
            match = Match(found.record, other, score, level, declared, theirs)
            if not match.declared:
                if undeclared == MAX_MATCHES:
                    found.more += 1
                    continue
                undeclared += 1
            mine.append(match)
        if mine and found.more:
            mine[-1] = replace(mine[-1], more=found.more)
        matches.extend(mine)
    log.debug(
        "compared %d records with %d: %d matches", len(checked), len(pool), len(matches)
    )
    return matches


def _max_declarations(checked: Sequence[Record], pool: Sequence[Record]) -> int:
    """Return the maximum number of relations that a checked record takes part in.

    A record's declared matches can fill at most this many places among its
    closest matches, so listing this many more than ``MAX_MATCHES`` keeps every
    undeclared match that ranks among the closest ``MAX_MATCHES`` undeclared ones.
    """
    named: Counter[str] = Counter()
    for record in pool:
        named.update({str(entry.get("id")) for entry in record.related})
    return max(
        (len(record.related) + named[record.id] for record in checked), default=0
    )


def _level(score: PairScore, thresholds: Thresholds) -> str:
    if score.same_title:
        return "same-title"
    if score.total >= thresholds.competing:
        return "competing"
    if score.total >= thresholds.similar:
        return "similar"
    return ""


def declared_index(record: Record, other: Record) -> int | None:
    """Return the index of ``record``'s related entry for ``other`` with a reason."""
    for position, entry in enumerate(record.related):
        differs = entry.get("differs")
        if entry.get("id") == other.id and isinstance(differs, str):
            if len(differs.strip()) >= MIN_DIFFERS:
                return position
    return None
