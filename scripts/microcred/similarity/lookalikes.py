"""Fold text to the plain Latin letters it looks like.

A title typed with Cyrillic or Greek letters (``Dаtа`` with Cyrillic ``а``) reads the
same as a Latin title, so exact-collision checks compare the folded forms. The
look-alike table is Unicode's confusables data (UTS #39), as shipped by the
``confusable-homoglyphs`` package.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Zero-width characters that are not in Unicode category Cf but still hide in text.
_INVISIBLE = {"\u180e", "\u3164", "\u115f", "\u1160", "\uffa0"}


def is_invisible(char: str) -> bool:
    """True for format controls: zero-width characters, bidi marks and isolates."""
    return unicodedata.category(char) == "Cf" or char in _INVISIBLE


@lru_cache(maxsize=4096)
def latin_lookalike(char: str) -> str:
    """Return the ASCII text that ``char`` looks like, else ``char`` itself."""
    if char.isascii():
        return char
    # Imported here because loading its table takes about 50 ms, and most
    # catalogues are plain ASCII.
    from confusable_homoglyphs import confusables

    found = confusables.is_confusable(char, preferred_aliases=["latin"], greedy=True)
    if not found:
        return char
    for glyph in found[0]["homoglyphs"]:
        text = glyph["c"]
        if text.isascii() and text.isalnum():
            return text
    return char


def strip_marks(text: str) -> str:
    """Drop combining accents, so ``café`` and ``cafe`` compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Apply NFKC, drop invisible controls, map look-alikes to Latin, strip accents
    and casefold."""
    if text.isascii():
        return text.casefold()
    text = unicodedata.normalize("NFKC", text)
    text = "".join(latin_lookalike(c) for c in text if not is_invisible(c))
    return strip_marks(text).casefold()
