"""Reading Canvas gradebook exports and plain CSVs into learner rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from microcred.awards.grades import ColumnOptions, read_grades
from microcred.errors import MicrocredError

DATA = Path(__file__).resolve().parent / "data"
CANVAS = DATA / "canvas-gradebook.csv.sample"
CANVAS_EMAILS = DATA / "canvas-emails-muted.csv.sample"
PLAIN = DATA / "plain-semicolon.csv.sample"


def _by_line(sheet):  # type: ignore[no-untyped-def]
    return {row.line: row for row in sheet.rows}


def test_canvas_export_columns_and_skipped_rows() -> None:
    sheet = read_grades(CANVAS, ColumnOptions(email_domain="example.edu"))
    assert sheet.email_header == "SIS Login ID"
    assert sheet.score_header == "Final Score"
    assert sheet.skipped == [
        (2, "column description row"),
        (3, "Points Possible row"),
        (11, "Canvas test student"),
    ]


def test_canvas_export_rows() -> None:
    rows = _by_line(read_grades(CANVAS, ColumnOptions(email_domain="example.edu")))
    assert rows[4].email == "malvarez@example.edu"
    assert rows[4].name == "Alvarez, Maria"
    assert rows[4].score.percent == 95.87
    assert rows[6].score.percent == 79.99
    assert rows[7].score.percent == 104.17
    assert rows[8].problem == "blank score"
    assert rows[9].score.percent == 88.5
    assert rows[10].problem == "no score: not graded (-)"
    assert rows[13].problem == "the score is not a number"
    assert rows[12].email == rows[4].email


def test_logins_need_email_domain() -> None:
    with pytest.raises(MicrocredError) as caught:
        read_grades(CANVAS, ColumnOptions())
    assert (
        f"{CANVAS}:4: the login column contains logins such as 'malvarez'"
        in caught.value.message
    )
    assert "--email-domain" in str(caught.value.hint)


def test_login_column_with_emails_and_muted_row() -> None:
    sheet = read_grades(CANVAS_EMAILS, ColumnOptions())
    rows = _by_line(sheet)
    assert rows[4].email == "lee.brown@example.edu"
    assert (2, "column description row") in sheet.skipped
    assert (7, "Canvas test student") in sheet.skipped


def test_assignment_column_uses_points_possible() -> None:
    sheet = read_grades(
        CANVAS_EMAILS, ColumnOptions(score_column="Final report (3302)")
    )
    rows = _by_line(sheet)
    assert sheet.points_possible == 60.0
    assert rows[4].score.percent == pytest.approx(86.6667, abs=1e-3)
    assert rows[6].score.percent == 100.0


def test_plain_semicolon_csv() -> None:
    rows = _by_line(read_grades(PLAIN, ColumnOptions()))
    assert rows[2].score.percent == 85.5
    assert rows[3].score.percent == 85.5
    assert rows[4].problem == "blank score"
    assert rows[5].problem == "no score: excused (EX)"
    assert rows[8].score.percent == 101.0
    assert rows[11].problem == "'not-an-email' is not an email address"


def test_named_columns(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "Learner,Mail,Percent total\nA,a@example.edu,91\n", encoding="utf-8"
    )
    sheet = read_grades(
        path, ColumnOptions(email_column="mail", score_column="percent total")
    )
    assert sheet.rows[0].email == "a@example.edu"
    assert sheet.rows[0].score.percent == 91.0


def test_unknown_column_lists_headers(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("email,score\na@example.edu,91\n", encoding="utf-8")
    with pytest.raises(MicrocredError) as caught:
        read_grades(path, ColumnOptions(score_column="Total"))
    assert (
        f"{path}:1: --score-column 'Total' is not a column header"
        == caught.value.message
    )
    assert "'email', 'score'" in str(caught.value.hint)


def test_missing_score_column(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("email,Unposted Final Score\na@example.edu,91\n", encoding="utf-8")
    with pytest.raises(MicrocredError) as caught:
        read_grades(path, ColumnOptions())
    assert (
        "no score column among 'email', 'Unposted Final Score'" in caught.value.message
    )
    assert "'Unposted Final Score' is used only when named" in str(caught.value.hint)


def test_short_row_and_quoted_newline(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        'name,email,score\n"Two\nLines",b@example.edu,90\nshort,c@example.edu\n',
        encoding="utf-8",
    )
    rows = _by_line(read_grades(path, ColumnOptions()))
    assert rows[2].score.percent == 90.0
    assert rows[4].problem == "the row has 2 fields, the header has 3"


def test_not_utf8_names_line(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(b"email,score\na@example.edu,90\nb\xe9@example.edu,91\n")
    with pytest.raises(MicrocredError) as caught:
        read_grades(path, ColumnOptions())
    assert caught.value.message.startswith(f"{path}:3: the file is not UTF-8")


def test_empty_and_missing_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(MicrocredError, match="the file is empty"):
        read_grades(empty, ColumnOptions())
    with pytest.raises(MicrocredError, match="cannot read the grade export"):
        read_grades(tmp_path / "nope.csv", ColumnOptions())


@pytest.mark.parametrize(
    "domain", ["example", "exa mple.edu", "example.edu/x", "a@example.edu"]
)
def test_invalid_email_domain(domain: str) -> None:
    with pytest.raises(MicrocredError) as caught:
        read_grades(CANVAS, ColumnOptions(email_domain=domain))
    assert caught.value.message == f"--email-domain {domain!r} is not a mail domain"


def test_email_domain_with_at_sign() -> None:
    sheet = read_grades(CANVAS, ColumnOptions(email_domain="@Example.EDU"))
    assert sheet.rows[0].email == "malvarez@example.edu"
