"""Score pairs of records, and find the pairs worth scoring without trying them all.

Scoring one pair costs a few sparse dot products. Comparing every record with every
other would still grow with the square of the catalogue, so :meth:`SimilarityIndex.pairs`
first generates candidates from an inverted index: each record posts a short
signature (its title words, its skills and its highest-weighted description terms),
and only records that share at least :data:`MIN_SHARED` signature features, or the
same title key, are scored. Features that too many records share (``max_postings``)
are left out of the index because they cannot tell records apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..records import Record
from .profile import Profile, Weights, cosine, raw_features

#: Weight of each part in the combined score; they add up to 1.
TITLE_WEIGHT = 0.4
SKILLS_WEIGHT = 0.25
TEXT_WEIGHT = 0.35
#: Description terms per record that go into its signature.
SIGNATURE_TERMS = 12
MIN_SHARED = 2


@dataclass(frozen=True)
class PairScore:
    """The combined similarity of two records and its three parts, each in [0, 1]."""

    title: float
    skills: float
    text: float
    shared_skills: tuple[str, ...]
    same_title: bool

    @property
    def total(self) -> float:
        return TITLE_WEIGHT * self.title + SKILLS_WEIGHT * self.skills + TEXT_WEIGHT * self.text

    def breakdown(self) -> str:
        return f"title {self.title:.2f}, skills {self.skills:.2f}, description {self.text:.2f}"


class SimilarityIndex:
    """Profiles of a pool of records, weighted by that pool's term frequencies."""

    def __init__(self, records: Sequence[Record]) -> None:
        raw = [raw_features(r) for r in records]
        weights = Weights(raw)
        self.profiles = [weights.profile(r, f) for r, f in zip(records, raw, strict=True)]
        self._by_path = {id(p.record): p for p in self.profiles}
        self.max_postings = max(50, len(records) // 20)
        self._postings: dict[str, list[int]] | None = None

    def profile(self, record: Record) -> Profile:
        return self._by_path[id(record)]

    def score(self, a: Record, b: Record) -> PairScore:
        return score_profiles(self.profile(a), self.profile(b))

    def pairs(self, left: Iterable[Record]) -> Iterator[tuple[Record, Record]]:
        """Yield candidate pairs ``(one of left, any other record in the pool)``."""
        postings = self._index()
        for record in left:
            mine = self.profile(record)
            shared: dict[int, int] = defaultdict(int)
            for feature in signature(mine):
                for position in postings.get(feature, ()):
                    shared[position] += 1
            for position, count in shared.items():
                other = self.profiles[position]
                if other is mine:
                    continue
                if count >= MIN_SHARED or other.title_key == mine.title_key:
                    yield record, other.record

    def _index(self) -> dict[str, list[int]]:
        if self._postings is None:
            postings: dict[str, list[int]] = defaultdict(list)
            for position, profile in enumerate(self.profiles):
                for feature in signature(profile):
                    postings[feature].append(position)
            self._postings = {
                f: p for f, p in postings.items() if len(p) <= self.max_postings or f[0] == "k"
            }
        return self._postings


def signature(profile: Profile) -> set[str]:
    """Return the features a record posts in the candidate index."""
    top = sorted(profile.text, key=profile.text.__getitem__, reverse=True)[:SIGNATURE_TERMS]
    features = {"k:" + profile.title_key}
    features.update("t:" + w for w in profile.title_words)
    features.update("s:" + s for s in profile.skills)
    features.update("x:" + t for t in top)
    return features


def score_profiles(a: Profile, b: Profile) -> PairScore:
    title = 0.5 * cosine(a.title_words, b.title_words) + 0.5 * cosine(a.title_grams, b.title_grams)
    same = a.title_key == b.title_key
    shared = tuple(a.skill_names[k] for k in a.skill_names if k in b.skill_names)
    return PairScore(
        title=1.0 if same else min(title, 1.0),
        skills=min(cosine(a.skills, b.skills), 1.0),
        text=min(cosine(a.text, b.text), 1.0),
        shared_skills=shared,
        same_title=same,
    )
