"""Read a Canvas gradebook export, or a plain CSV with email and score columns.

A Canvas export starts with a header row, then one or more rows that describe the
columns rather than learners ("Points Possible", and in older exports "Muted" or
"Manual Posting"), and may contain Canvas's "Student, Test" learner. Those rows are
skipped. Every other row becomes a :class:`GradeRow`; a row that cannot be read keeps
its CSV line number and the reason, and is never guessed.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import MicrocredError
from . import columns
from .scores import Score, parse_percent, parse_points_possible

EMAIL_PATTERN = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[A-Za-z]{2,}$")
TEST_STUDENTS = {"student, test", "test student"}
COLUMN_DESCRIPTION_MARKS = ("points possible", "muted", "manual posting", "(read only)")


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


@dataclass
class GradeSheet:
    path: Path
    email_header: str
    score_header: str
    points_possible: float | None = None
    rows: list[GradeRow] = field(default_factory=list)
    #: Rows that are not learners, as (line, reason): Points Possible, the test student.
    skipped: list[tuple[int, str]] = field(default_factory=list)


def read_grades(path: Path, options: ColumnOptions) -> GradeSheet:
    """Read ``path``; raise MicrocredError when the file or its columns are unusable."""
    records = _records(path, _decode(path))
    if not records:
        raise MicrocredError(
            f"{path}: the file is empty", "export the gradebook again from Canvas"
        )
    header_line, headers = records[0]
    layout = _Layout.from_headers(path, header_line, headers, options)
    sheet = GradeSheet(path, headers[layout.email], headers[layout.score])

    for line, cells in records[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        reason = _non_learner_reason(cells, layout)
        if reason:
            sheet.skipped.append((line, reason))
            if reason == "Points Possible row" and layout.score < len(cells):
                sheet.points_possible = parse_points_possible(cells[layout.score])
            continue
        sheet.rows.append(layout.row(line, cells, len(headers), sheet.points_possible))
    return sheet


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MicrocredError(
            f"cannot read the grade export {path}: {exc.strerror}", "check the path"
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise MicrocredError(
            f"{path}:{line}: the file is not UTF-8 (byte 0x{data[exc.start]:02x})",
            "export it again from Canvas, or save it from a spreadsheet as 'CSV UTF-8'",
        ) from None


def _records(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """Split the CSV into (first line number, cells) pairs, quoted newlines included."""
    first_line = text.split("\n", 1)[0]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            first_line, delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    records = []
    start = 1
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise MicrocredError(
            f"{path}:{start}: the CSV cannot be read: {exc}",
            "check the quotes on that line",
        ) from None
    return [(line, cells) for line, cells in records if cells]


def _non_learner_reason(cells: list[str], layout: _Layout) -> str:
    first = cells[0].strip().lower() if cells else ""
    if first == "points possible":
        return "Points Possible row"
    if first in TEST_STUDENTS or (
        layout.name is not None and _cell(cells, layout.name).lower() in TEST_STUDENTS
    ):
        return "Canvas test student"
    if not _cell(cells, layout.email) and any(
        c.strip().lower() in COLUMN_DESCRIPTION_MARKS for c in cells
    ):
        return "column description row"
    return ""


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


@dataclass(frozen=True)
class _Layout:
    path: Path
    email: int
    score: int
    name: int | None
    email_domain: str
    login_column: bool

    @classmethod
    def from_headers(
        cls, path: Path, line: int, headers: list[str], options: ColumnOptions
    ) -> _Layout:
        email, login = _email_column(path, line, headers, options)
        score = _score_column(path, line, headers, options)
        name = columns.first_match(headers, ("student", "name", "student name"))
        domain = options.email_domain.strip().lstrip("@").lower()
        return cls(path, email, score, name, domain, login)

    def row(
        self, line: int, cells: list[str], width: int, points: float | None
    ) -> GradeRow:
        name = _cell(cells, self.name) if self.name is not None else ""
        if len(cells) < width:
            return GradeRow(
                line,
                name,
                "",
                Score(None),
                f"the row has {len(cells)} fields, the header has {width}",
            )
        email, problem = self._email(line, _cell(cells, self.email))
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
    index = columns.first_match(headers, columns.EMAIL_HEADERS)
    if index is not None:
        return index, False
    index = columns.first_match(headers, columns.LOGIN_HEADERS)
    if index is not None:
        return index, True
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


def _list(headers: list[str]) -> str:
    return ", ".join(repr(h.strip()) for h in headers if h.strip()) or "(no headers)"
