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
from .rows import ColumnOptions, GradeRow, Layout, cell
from .scores import parse_points_possible

__all__ = ["ColumnOptions", "GradeRow", "GradeSheet", "read_grades"]

TEST_STUDENTS = {"student, test", "test student"}
EXCEL_SEPARATOR_LINE = re.compile(r"^sep=([,;\t|])\r?$")
COLUMN_DESCRIPTION_MARKS = ("points possible", "muted", "manual posting", "(read only)")


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
    layout = Layout.from_headers(path, header_line, headers, options)
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
    separator = EXCEL_SEPARATOR_LINE.match(first_line)
    start = 1
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    if separator:
        # Excel writes "sep=;" as the first line when asked for a separator.
        _, _, text = text.partition("\n")
        start = 2
        delimiter = separator.group(1)
    else:
        try:
            dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        delimiter = dialect.delimiter
    reader = csv.reader(io.StringIO(text, newline=""), dialect, delimiter=delimiter)
    offset = start - 1
    records = []
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1 + offset
    except csv.Error as exc:
        raise MicrocredError(
            f"{path}:{start}: the CSV cannot be read: {exc}",
            "check the quotes on that line",
        ) from None
    return [(line, cells) for line, cells in records if cells]


def _non_learner_reason(cells: list[str], layout: Layout) -> str:
    first = cells[0].strip().lower() if cells else ""
    if first == "points possible":
        return "Points Possible row"
    if first in TEST_STUDENTS or (
        layout.name is not None and cell(cells, layout.name).lower() in TEST_STUDENTS
    ):
        return "Canvas test student"
    if not cell(cells, layout.email) and any(
        c.strip().lower() in COLUMN_DESCRIPTION_MARKS for c in cells
    ):
        return "column description row"
    return ""
