"""Text normalisation shared by the exact-collision and the similarity checks.

``title_key`` is the form two titles must share to collide: folded (see
:mod:`.lookalikes`), punctuation and whitespace collapsed, common abbreviations
written out, and filler words such as "micro-credential" or "introduction to"
removed. ``terms`` turns free text into stemmed content words for TF-IDF.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .lookalikes import fold

_WORD = re.compile(r"[a-z0-9]+")
_HYPHENATED_FILLER = re.compile(r"\bmicro\W*credentials?\b|\be\W*badges?\b")

#: Phrases that name the kind of credential, not its subject. Longest first.
FILLER_PHRASES = (
    "an introduction to",
    "introduction to",
    "intro to",
    "fundamentals of",
    "foundations of",
    "essentials of",
    "basics of",
    "principles of",
    "digital badge",
    "micro credential",
    "microcredential",
    "microcredentials",
    "essentials",
    "fundamentals",
    "foundations",
    "basics",
    "introductory",
    "certificate in",
    "certificate of",
    "certificate",
    "certification",
    "credential",
    "badge",
)

#: Short forms that programs use in titles and skill names, with their long form.
ABBREVIATIONS = {
    "viz": "visualization",
    "vis": "visualization",
    "dataviz": "data visualization",
    "intro": "introduction",
    "mgmt": "management",
    "mgt": "management",
    "comms": "communication",
    "comm": "communication",
    "dev": "development",
    "env": "environmental",
    "info": "information",
    "tech": "technology",
    "stats": "statistics",
    "stat": "statistics",
    "prog": "programming",
    "ai": "artificial intelligence",
    "ml": "machine learning",
    "gis": "geographic information systems",
    "ux": "user experience",
    "ui": "user interface",
    "hr": "human resources",
    "pm": "project management",
    "qa": "quality assurance",
    "esl": "english as a second language",
    "ehr": "electronic health records",
    "sql": "structured query language",
    "adv": "advanced",
    "govt": "government",
    "admin": "administration",
    "mktg": "marketing",
    "acct": "accounting",
    "fin": "finance",
    "w": "with",
    "n": "and",
}

STOPWORDS = frozenset(
    """a an and are as at be by for from in into is it its of on or that the their
    this to with you your will we our can each who how what which when using use
    through about across all also any both more most new other per than then these
    they those under via while within without learners learner students student
    course courses credential credentials module modules program programs""".split()
)

_SUFFIXES = (
    ("isations", "ize"),
    ("izations", "ize"),
    ("isation", "ize"),
    ("ization", "ize"),
    ("ising", "ize"),
    ("izing", "ize"),
    ("ised", "ize"),
    ("ized", "ize"),
    ("ises", "ize"),
    ("izes", "ize"),
    ("ise", "ize"),
    ("ational", "ate"),
    ("ations", "ate"),
    ("ation", "ate"),
    ("ements", ""),
    ("ement", ""),
    ("ments", "ment"),
    ("nesses", "ness"),
    ("ities", "ity"),
    ("ies", "y"),
    ("ing", ""),
    ("ed", ""),
    ("es", ""),
    ("s", ""),
)


_FILLER = re.compile(r"\b(?:" + "|".join(FILLER_PHRASES) + r")\b")


def words(text: str) -> list[str]:
    """Split folded text into lowercase ASCII words, abbreviations written out."""
    found: list[str] = []
    for word in _WORD.findall(fold(text).replace("&", " and ")):
        found.extend(ABBREVIATIONS.get(word, word).split())
    return found


def title_key(title: str) -> str:
    """Return the form in which two titles that read the same are equal."""
    folded = fold(title)
    unhyphenated = " ".join(words(_HYPHENATED_FILLER.sub(" ", folded)))
    stripped = " ".join(_FILLER.sub(" ", unhyphenated).split())
    return stripped or " ".join(words(folded))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Reduce a word to a crude stem, so that plurals and -ise/-ize spellings meet."""
    if len(word) <= 3 or word.isdigit() or word.endswith("ss"):
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + replacement
            break
    # A final silent e goes too, so that "manage" and "managing" share a stem.
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


@lru_cache(maxsize=200_000)
def _word_terms(word: str) -> tuple[str, ...]:
    expanded = ABBREVIATIONS.get(word, word).split()
    return tuple(stem(w) for w in expanded if w not in STOPWORDS and len(w) > 1)


def term_counts(text: str) -> Counter[str]:
    """Count the stemmed content words of ``text``; the same as ``Counter(terms(text))``."""
    counts: Counter[str] = Counter()
    for word, count in Counter(_WORD.findall(fold(text).replace("&", " and "))).items():
        for term in _word_terms(word):
            counts[term] += count
    return counts


def terms(text: str) -> list[str]:
    """Return the stemmed content words of ``text``, stopwords removed."""
    found: list[str] = []
    for word in _WORD.findall(fold(text).replace("&", " and ")):
        found.extend(_word_terms(word))
    return found
