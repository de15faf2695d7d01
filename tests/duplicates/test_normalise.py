"""Title normalisation: the form in which two titles that read the same are equal."""

from __future__ import annotations

from collections import Counter

import pytest

from microcred.similarity.lookalikes import fold
from microcred.similarity.text import stem, term_counts, terms, title_key

BASE = "data visualization with python"


@pytest.mark.parametrize(
    "title",
    [
        "Data Visualization with Python",
        "DATA   visualization,  with Python!",
        "Data-Visualization with Python",
        # NFKC: full-width letters and a ligature.
        "Ｄａｔａ Visualization with Python",
        "Data Visualization with Python\ufb01"[:-1],
        # Zero-width space, zero-width joiner, soft hyphen and a word joiner.
        "Data\u200b Visuali\u200dzation with Py\u00adthon\u2060",
        # Bidirectional controls: a right-to-left override and isolates.
        "\u202eData Visualization\u202c with \u2067Python\u2069",
        # Cyrillic а, і, о and Greek ο that look like Latin letters.
        "D\u0430t\u0430 V\u0456su\u0430l\u0456z\u0430t\u0456\u043en with Pyth\u03bfn",
        # Filler words and phrases.
        "Data Visualization with Python Micro-Credential",
        "Data Visualization with Python Microcredential",
        "Data Visualization with Python (Digital Badge)",
        "Certificate in Data Visualization with Python",
        "Introduction to Data Visualization with Python",
        "Intro to Data Visualization with Python: Badge",
        # Accents.
        "Dàta Visualizatión with Pythön",
    ],
)
def test_title_key_equal_variants(title: str) -> None:
    assert title_key(title) == BASE


@pytest.mark.parametrize(
    "title",
    [
        "Data Visualization with R",
        "Data Visualization in Python",
        "Advanced Data Visualization with Python",
    ],
)
def test_title_key_keeps_real_differences(title: str) -> None:
    assert title_key(title) != BASE


def test_title_key_of_only_filler_is_kept() -> None:
    assert title_key("Micro-credential") != ""
    assert title_key("Badge") == title_key("badge!")


def test_title_key_expands_abbreviations() -> None:
    assert title_key("GIS for Urban Planning") == title_key(
        "Geographic Information Systems for Urban Planning"
    )
    assert title_key("Intro to ML") == title_key("Machine Learning")
    assert title_key("Data & Society") == title_key("Data and Society")


def test_ligature_folds_to_letters() -> None:
    assert fold("\ufb01nance") == "finance"


def test_fold_keeps_non_latin_text_without_lookalike() -> None:
    assert fold("日本語") == "日本語"


def test_stem_meets_spelling_variants() -> None:
    assert stem("visualisation") == stem("visualization") == stem("visualizing")
    assert stem("managing") == stem("manage") == stem("management")
    assert stem("business") == "business"


def test_terms_drop_stopwords_and_expand() -> None:
    assert terms("An intro to the ML lab") == [
        stem("introduction"),
        stem("machine"),
        stem("learning"),
        "lab",
    ]


def test_term_counts_match_terms() -> None:
    text = "Learners visualise data; visualising DATA with Python & R, intro to ML."
    assert term_counts(text) == Counter(terms(text))
