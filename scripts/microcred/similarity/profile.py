"""Profiles: the weighted features of one record that similarity is computed on.

A profile has four sparse vectors, each a dict from feature to weight with unit
length, so that the dot product of two vectors is their cosine:

- ``title_words``: stemmed content words of the title key, weighted by IDF;
- ``title_grams``: character trigrams of the title key's words, weighted by IDF, which
  meet where spellings and abbreviations differ (``visual``, ``visualize``);
- ``skills``: normalised skill names, weighted by IDF, so a skill that many records
  list (Communication) counts for less than a rare one;
- ``text``: sublinear TF-IDF of the summary, description and competencies.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..records import Record
from .text import term_counts, terms, title_key

Vector = dict[str, float]
#: Description terms kept per record, highest weights first; the long tail is
#: mostly vocabulary that every record in a field shares.
TEXT_TERMS = 50


@dataclass
class RawFeatures:
    """Unweighted features of one record, computed once per record."""

    title_key: str
    title_words: set[str]
    title_grams: set[str]
    skills: dict[str, str]
    skill_words: set[str]
    text: Counter[str]


@dataclass
class Profile:
    record: Record
    title_key: str
    #: Normalised skill key -> the skill name as the record spells it.
    skill_names: dict[str, str]
    title_words: Vector = field(default_factory=dict)
    title_grams: Vector = field(default_factory=dict)
    skills: Vector = field(default_factory=dict)
    text: Vector = field(default_factory=dict)


@lru_cache(maxsize=65536)
def skill_key(name: str) -> str:
    """Return the normalised form of a skill name: sorted stems of its content words."""
    return " ".join(sorted(set(terms(name)))) or name.casefold().strip()


def raw_features(record: Record) -> RawFeatures:
    key = title_key(record.title or record.id.replace("-", " "))
    words = set(terms(key))
    grams = {g for w in key.split() for g in _trigrams(w)}
    skills: dict[str, str] = {}
    for name in record.skills:
        skills.setdefault(skill_key(name), name)
    skill_words = {"w:" + w for name in skills for w in name.split()}
    body = [record.summary, record.description, *record.competencies]
    text = term_counts("\n".join(body))
    return RawFeatures(key, words, grams, skills, skill_words, text)


def _trigrams(word: str) -> Iterable[str]:
    padded = f" {word} "
    return (padded[i : i + 3] for i in range(len(padded) - 2))


class Weights:
    """Document frequencies over a pool of records, turned into IDF weights."""

    def __init__(self, features: Iterable[RawFeatures]) -> None:
        self.count = 0
        self.title_words: Counter[str] = Counter()
        self.title_grams: Counter[str] = Counter()
        self.skills: Counter[str] = Counter()
        self.text: Counter[str] = Counter()
        for item in features:
            self.count += 1
            self.title_words.update(item.title_words)
            self.title_grams.update(item.title_grams)
            self.skills.update(item.skills.keys())
            self.skills.update(item.skill_words)
            self.text.update(item.text.keys())

        self.idf = {
            name: _idf(self.count, counts)
            for name, counts in (
                ("title_words", self.title_words),
                ("title_grams", self.title_grams),
                ("skills", self.skills),
                ("text", self.text),
            )
        }

    def profile(self, record: Record, raw: RawFeatures) -> Profile:
        """Weight ``raw`` by IDF and normalise every vector to unit length."""
        idf = self.idf
        words, grams, skills, text = (
            idf["title_words"],
            idf["title_grams"],
            idf["skills"],
            idf["text"],
        )
        skill_features = (*raw.skills, *raw.skill_words)
        return Profile(
            record=record,
            title_key=raw.title_key,
            skill_names=raw.skills,
            title_words=_unit({w: words.get(w, 0.0) for w in raw.title_words}),
            title_grams=_unit({g: grams.get(g, 0.0) for g in raw.title_grams}),
            skills=_unit({s: skills.get(s, 0.0) for s in skill_features}),
            text=_unit(
                _top(
                    {
                        t: (1 + math.log(n)) * text.get(t, 0.0)
                        for t, n in raw.text.items()
                    }
                )
            ),
        )


def _idf(count: int, frequencies: Counter[str]) -> dict[str, float]:
    return {f: math.log((1 + count) / (1 + n)) + 1.0 for f, n in frequencies.items()}


def _top(vector: Vector) -> Vector:
    if len(vector) <= TEXT_TERMS:
        return vector
    kept = sorted(vector, key=vector.__getitem__, reverse=True)[:TEXT_TERMS]
    return {k: vector[k] for k in kept}


def _unit(vector: Vector) -> Vector:
    norm = math.hypot(*vector.values())
    return {k: v / norm for k, v in vector.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    """Return the dot product of two unit vectors."""
    return sum(a[key] * b[key] for key in a.keys() & b.keys())
