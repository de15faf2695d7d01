"""Decide which pairs of records to compare and how close each one is.

In a normal run every target proposal is compared with every other record: the
approved credentials, the other proposals, and the proposals of other open pull
requests. Approved credentials are compared with each other only in an audit
(``all_pairs``), where every target record is compared with every other record.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Record
from .index import PairScore, SimilarityIndex

log = logging.getLogger(__name__)

#: Shortest ``differs`` statement that counts as declaring a relation (the schema's minimum).
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

    @property
    def declared(self) -> bool:
        return self.declared_at is not None or self.declared_by_other


def competitor_pool(records: Sequence[Record], extra: Sequence[Record]) -> list[Record]:
    """Return the catalogue's records followed by extra records at paths not seen yet."""
    seen = {(r.path, r.id) for r in records}
    pool = list(records)
    for record in extra:
        if (record.path, record.id) not in seen:
            seen.add((record.path, record.id))
            pool.append(record)
    return pool


def find_matches(
    targets: Sequence[Record], pool: Sequence[Record], thresholds: Thresholds, all_pairs: bool
) -> list[Match]:
    """Return every target's matches at or above the similar threshold, or with its title."""
    checked = [r for r in targets if all_pairs or r.kind == "proposal"]
    if not checked:
        return []
    index = SimilarityIndex(pool)
    matches = []
    for record, other in index.pairs(checked):
        if record.path == other.path:
            continue
        score = index.score(record, other)
        level = _level(score, thresholds)
        if level:
            mine, theirs = declared_index(record, other), declared_index(other, record)
            matches.append(Match(record, other, score, level, mine, theirs is not None))
    log.debug("compared %d records with %d: %d matches", len(checked), len(pool), len(matches))
    return matches


def _level(score: PairScore, thresholds: Thresholds) -> str:
    if score.same_title:
        return "same-title"
    if score.total >= thresholds.competing:
        return "competing"
    if score.total >= thresholds.similar:
        return "similar"
    return ""


def declared_index(record: Record, other: Record) -> int | None:
    """Return where ``record`` declares ``other`` as related with a reason, if it does."""
    for position, entry in enumerate(record.related):
        differs = entry.get("differs")
        if entry.get("id") == other.id and isinstance(differs, str):
            if len(differs.strip()) >= MIN_DIFFERS:
                return position
    return None
