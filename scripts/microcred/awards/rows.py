"""Turn one CSV row of a grade export into a :class:`GradeRow`.

``Layout`` finds the email (or login) and score columns by their headers once, then
reads each row: the address, built from a login with ``--email-domain`` when needed,
and the score parsed as a percent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import MicrocredError
from . import columns
from .scores import Score, parse_percent

DOMAIN_PATTERN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$")
#: One plain address: no display name, quotes, brackets or ``mailto:`` prefix.
EMAIL_PATTERN = re.compile(
    r"^[^@\s,;:<>()\[\]\"\\]+@[^@\s,;:<>()\[\]\"\\]+\.[A-Za-z]{2,}$"
)


@dataclass(frozen=True)
class ColumnOptions:
    """Column choices from the command line; empty strings mean "find by header"."""

    email_column: str = ""
    score_column: str = ""
    email_domain: str = ""


@dataclass(frozen=True)
class GradeRow:
    """One learner row. ``problem`` is set when the row is left out."""

    line: int
    name: str
    email: str
    score: Score
    problem: str = ""


def cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


@dataclass(frozen=True)
class Layout:
    path: Path
    email: int
    score: int
    name: int | None
    email_domain: str
    login_column: bool

    @classmethod
    def from_headers(
        cls, path: Path, line: int, headers: list[str], options: ColumnOptions
    ) -> Layout:
        email, login = _email_column(path, line, headers, options)
        score = _score_column(path, line, headers, options)
        _require_unique(path, line, headers, email, "--email-column")
        _require_unique(path, line, headers, score, "--score-column")
        name = columns.first_match(headers, ("student", "name", "student name"))
        domain = options.email_domain.strip().lstrip("@").lower()
        if domain and not DOMAIN_PATTERN.match(domain):
            raise MicrocredError(
                f"--email-domain {options.email_domain!r} is not a mail domain",
                "pass the part after @ of the learners' addresses, such as example.edu",
            )
        return cls(path, email, score, name, domain, login)

    def row(
        self, line: int, cells: list[str], width: int, points: float | None
    ) -> GradeRow:
        name = cell(cells, self.name) if self.name is not None else ""
        if len(cells) < width:
            return GradeRow(
                line,
                name,
                "",
                Score(None),
                f"the row has {len(cells)} fields, the header has {width}",
            )
        email, problem = self._email(line, cell(cells, self.email))
        score = parse_percent(cells[self.score], points)
        return GradeRow(line, name, email, score, problem or score.problem)

    def _email(self, line: int, value: str) -> tuple[str, str]:
        if not value:
            return "", "no email address or login"
        if "@" not in value and self.login_column:
            if not self.email_domain:
                raise MicrocredError(
                    f"{self.path}:{line}: the login column contains logins such as {value!r}, not email addresses",
                    "pass --email-domain with the institution's mail domain, such as --email-domain example.edu",
                )
            value = f"{value}@{self.email_domain}"
        if not EMAIL_PATTERN.match(value):
            return "", f"{value!r} is not an email address"
        return value.lower(), ""


def _email_column(
    path: Path, line: int, headers: list[str], options: ColumnOptions
) -> tuple[int, bool]:
    if options.email_column:
        index = _named_column(
            path, line, headers, options.email_column, "--email-column"
        )
        return index, True
    email_index = columns.first_match(headers, columns.EMAIL_HEADERS)
    if email_index is not None:
        return email_index, False
    login_index = columns.first_match(headers, columns.LOGIN_HEADERS)
    if login_index is not None:
        return login_index, True
    raise MicrocredError(
        f"{path}:{line}: no email or login column among {_list(headers)}",
        "name the column with --email-column, and add --email-domain if it contains logins",
    )


def _score_column(
    path: Path, line: int, headers: list[str], options: ColumnOptions
) -> int:
    if options.score_column:
        return _named_column(
            path, line, headers, options.score_column, "--score-column"
        )
    index = columns.first_match(headers, columns.SCORE_HEADERS)
    if index is not None:
        return index
    hint = (
        "name the column with --score-column, for example --score-column 'Final Score'"
    )
    unposted = columns.first_match(headers, columns.UNPOSTED_HEADERS)
    if unposted is not None:
        hint += f"; {headers[unposted].strip()!r} is used only when named, because it includes unreleased grades"
    raise MicrocredError(f"{path}:{line}: no score column among {_list(headers)}", hint)


def _named_column(
    path: Path, line: int, headers: list[str], header_name: str, option: str
) -> int:
    index = columns.find_column(headers, header_name)
    if index is None:
        raise MicrocredError(
            f"{path}:{line}: {option} {header_name!r} is not a column header",
            f"use one of {_list(headers)}",
        )
    return index


def _require_unique(
    path: Path, line: int, headers: list[str], index: int, option: str
) -> None:
    """Reject a chosen column whose header appears twice: picking one would be a guess."""
    name = columns.normalise(headers[index])
    positions = [
        str(number)
        for number, header in enumerate(headers, start=1)
        if columns.normalise(header) == name
    ]
    if len(positions) > 1:
        raise MicrocredError(
            f"{path}:{line}: the header {headers[index].strip()!r} appears in columns "
            f"{', '.join(positions)}, so the column to read is ambiguous",
            f"rename or delete the extra columns, or pick another column with {option}",
        )


def _list(headers: list[str]) -> str:
    return ", ".join(repr(h.strip()) for h in headers if h.strip()) or "(no headers)"
