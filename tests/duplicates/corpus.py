"""The labelled corpus of record pairs and how the similarity check classifies them.

Each pair is scored inside one index built over every corpus record plus the sample
catalogue, so that IDF weights come from a realistic collection rather than from
two records alone. A pair is flagged as an error when the check would report MC201
or MC202 on it, and as a warning for MC204.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from microcred.catalogue import Catalogue
from microcred.governance import DEFAULT_COMPETING, DEFAULT_SIMILAR
from microcred.loader import Document
from microcred.records import Record
from microcred.similarity.index import PairScore, SimilarityIndex

CORPUS = Path(__file__).resolve().parent / "corpus"
REPO = Path(__file__).resolve().parents[2]
LABELS = ("duplicate", "competing", "distinct")


@dataclass
class Pair:
    label: str
    a: Record
    b: Record
    how: str = ""


@dataclass
class Outcome:
    pair: Pair
    score: PairScore
    flag: str  # "error", "warning" or ""


@dataclass
class Metrics:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(
        self, label: str, flags: tuple[str, ...] = ("error", "warning", "")
    ) -> int:
        return sum(
            1 for o in self.outcomes if o.pair.label == label and o.flag in flags
        )

    def rate(self, label: str, flags: tuple[str, ...]) -> float:
        total = self.count(label)
        return self.count(label, flags) / total if total else 0.0

    def precision(self) -> float:
        """Share of flagged pairs (error or warning) that are duplicate or competing."""
        flagged = [o for o in self.outcomes if o.flag]
        right = [o for o in flagged if o.pair.label != "distinct"]
        return len(right) / len(flagged) if flagged else 1.0

    def recall(self) -> float:
        """Share of duplicate and competing pairs flagged as an error or a warning."""
        wanted = [o for o in self.outcomes if o.pair.label != "distinct"]
        found = [o for o in wanted if o.flag]
        return len(found) / len(wanted) if wanted else 1.0


def load_pairs(name: str) -> list[Pair]:
    """Load ``corpus/<name>.yaml`` into pairs of records."""
    raw = yaml.safe_load((CORPUS / f"{name}.yaml").read_text(encoding="utf-8"))
    pairs = []
    for number, item in enumerate(raw):
        if item["label"] not in LABELS:
            raise ValueError(
                f"{name}.yaml pair {number}: unknown label {item['label']!r}"
            )
        a = _record(item["a"], f"{name}-{number}-a", "credentials")
        b = _record(item["b"], f"{name}-{number}-b", "proposals")
        pairs.append(Pair(item["label"], a, b, item.get("how", "")))
    return pairs


def _record(data: dict[str, Any], tag: str, folder: str) -> Record:
    slug = re.sub(r"[^a-z0-9]+", "-", data["title"].lower()).strip("-")
    record_id = f"{slug}-{tag}"
    fields = dict(data, id=record_id, skills=[{"name": s} for s in data["skills"]])
    return Record(
        path=f"{folder}/{data['unit']}/{record_id}.yaml", doc=Document(data=fields)
    )


def evaluate(
    pairs: list[Pair],
    competing: float = DEFAULT_COMPETING,
    similar: float = DEFAULT_SIMILAR,
) -> Metrics:
    """Score every pair and classify it the way the check's rules would."""
    background = Catalogue.load(REPO).records
    pool = background + [r for p in pairs for r in (p.a, p.b)]
    index = SimilarityIndex(pool)
    metrics = Metrics()
    for pair in pairs:
        score = index.score(pair.b, pair.a)
        if score.same_title or score.total >= competing:
            flag = "error"
        elif score.total >= similar:
            flag = "warning"
        else:
            flag = ""
        metrics.outcomes.append(Outcome(pair, score, flag))
    return metrics
