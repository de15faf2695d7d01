"""Score a pair of records on title, skills and description.

A pair's score combines three parts: title, skills and description (see
:class:`PairScore`). :mod:`.neighbours` decides which pairs to score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Record
from .profile import Profile, Weights, cosine, raw_features

#: Share of the skills part in the content score; the description has the rest.
SKILLS_SHARE = 0.5
#: How much of the gap between the title part and the content score a matching
#: title adds (see :meth:`PairScore.total`).
TITLE_BOOST = 0.4
#: Each part is a cosine raised to this power; see :func:`score_profiles`.
POWER = 0.7


@dataclass(frozen=True)
class PairScore:
    """The combined similarity of two records and its three parts, each in [0, 1].

    Skills and description make up the content score, because two credentials
    compete when they teach the same things to the same end, whatever they are
    called. A title that matches better than the content lifts the total towards the
    title part. A title that differs never lowers it.
    """

    title: float
    skills: float
    text: float
    shared_skills: tuple[str, ...]
    same_title: bool

    @property
    def total(self) -> float:
        return combine(self.title, self.skills, self.text)

    def breakdown(self) -> str:
        return f"title {self.title:.2f}, skills {self.skills:.2f}, description {self.text:.2f}"


class SimilarityIndex:
    """Profiles of a pool of records, weighted by that pool's term frequencies."""

    def __init__(self, records: Sequence[Record]) -> None:
        raw = [raw_features(r) for r in records]
        weights = Weights(raw)
        self.profiles = [
            weights.profile(r, f) for r, f in zip(records, raw, strict=True)
        ]
        self._positions = {id(p.record): n for n, p in enumerate(self.profiles)}

    def position(self, record: Record) -> int:
        return self._positions[id(record)]

    def profile(self, record: Record) -> Profile:
        return self.profiles[self._positions[id(record)]]

    def score(self, a: Record, b: Record) -> PairScore:
        return score_profiles(self.profile(a), self.profile(b))

    def from_parts(
        self, row: int, other: int, parts: tuple[float, float, float]
    ) -> PairScore:
        """Build the score of two positions from parts computed elsewhere."""
        a, b = self.profiles[row], self.profiles[other]
        same = a.title_key == b.title_key
        return PairScore(
            title=1.0 if same else float(parts[0]),
            skills=float(parts[1]),
            text=float(parts[2]),
            shared_skills=shared_skills(a, b),
            same_title=same,
        )


def combine(title: float, skills: float, text: float) -> float:
    """Return the combined score of three parts; see :class:`PairScore`."""
    content = SKILLS_SHARE * skills + (1 - SKILLS_SHARE) * text
    return content + TITLE_BOOST * max(0.0, title - content)


def _raise(value: float) -> float:
    return min(max(value, 0.0), 1.0) ** POWER


def score_profiles(a: Profile, b: Profile) -> PairScore:
    """Score two profiles; each part is a cosine raised to :data:`POWER`.

    TF-IDF cosines of reworded text sit low (about 0.3 to 0.7 on the labelled corpus
    in tests/duplicates) while unrelated text stays near 0. The power spreads the
    reworded range without lifting the unrelated one much, so the thresholds read
    as plain fractions.
    """
    words = cosine(a.title_words, b.title_words)
    title = 0.5 * words + 0.5 * cosine(a.title_grams, b.title_grams)
    same = a.title_key == b.title_key
    return PairScore(
        title=1.0 if same else _raise(title),
        skills=_raise(cosine(a.skills, b.skills)),
        text=_raise(cosine(a.text, b.text)),
        shared_skills=shared_skills(a, b),
        same_title=same,
    )


def shared_skills(a: Profile, b: Profile) -> tuple[str, ...]:
    """Return ``a``'s names of the skills that both records list."""
    return tuple(a.skill_names[k] for k in a.skill_names if k in b.skill_names)
