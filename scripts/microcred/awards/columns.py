"""Recognise the learner and score columns of a gradebook or roster by their headers.

Shared by the grade reader and by the privacy rule that keeps such files out of git.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Headers of columns with an email address, best first.
EMAIL_HEADERS = (
    "email",
    "e-mail",
    "email address",
    "e-mail address",
    "student email",
    "mail",
)
#: Headers of columns with a login that becomes an email address with ``--email-domain``.
LOGIN_HEADERS = (
    "sis login id",
    "login id",
    "login",
    "username",
    "user name",
    "netid",
    "net id",
)
#: Headers of columns with a percent score, best first. Canvas's "Final Score" counts missing
#: work as zero, which is the score a course's outcome rests on.
SCORE_HEADERS = (
    "final score",
    "score",
    "final grade",
    "percent",
    "percentage",
    "grade",
    "total",
    "current score",
)
#: Headers that look like scores but must never be picked without ``--score-column``:
#: unposted scores include grades the instructor has not released.
UNPOSTED_HEADERS = ("unposted final score", "unposted current score")
#: Words that mark a header as a grade or score, for the privacy rule.
GRADE_WORDS = ("score", "grade", "points", "percent", "mark", "result")
#: Headers that name a learner, for the privacy rule.
PERSON_HEADERS = (
    EMAIL_HEADERS
    + LOGIN_HEADERS
    + ("student", "student name", "sis user id", "student id", "learner")
)


def normalise(header: str) -> str:
    """Lower-case a header and collapse spaces, underscores and a trailing ``(123)``."""
    text = header.strip().lstrip("\ufeff").lower().replace("_", " ")
    text = re.sub(r"\s*\(\d+\)$", "", text)
    return re.sub(r"\s+", " ", text)


def find_column(headers: Sequence[str], header_name: str) -> int | None:
    """Return the index of the header equal to ``header_name`` after normalising, if any."""
    target = normalise(header_name)
    for index, header in enumerate(headers):
        if normalise(header) == target:
            return index
    return None


def first_match(headers: Sequence[str], candidates: Sequence[str]) -> int | None:
    """Return the index of the first candidate header present, in candidate order."""
    for candidate in candidates:
        index = find_column(headers, candidate)
        if index is not None:
            return index
    return None


def has_person_column(headers: Sequence[str]) -> bool:
    names = {normalise(h) for h in headers}
    return any(h in names for h in PERSON_HEADERS) or any("email" in n for n in names)


def has_grade_column(headers: Sequence[str]) -> bool:
    for header in headers:
        words = re.findall(r"[a-z]+", normalise(header))
        if any(word.rstrip("s") in GRADE_WORDS for word in words):
            return True
    return False
