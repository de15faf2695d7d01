"""Malformed grade CSVs: a clear error or an unreadable row, never a guess or a crash."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from awards.award_fixtures import CREDENTIAL, AwardSetup, award_setup
from microcred.awards.grades import ColumnOptions, read_grades
from microcred.awards.scores import parse_percent
from microcred.cli import main
from microcred.errors import MicrocredError

__all__ = ["award_setup"]


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "grades.csv"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"\n\n\n", "the file is empty"),
        (b"Name,Score\nA,90\n", ":1: no email or login column among 'Name', 'Score'"),
        (b"Email,Name\na@example.edu,A\n", ":1: no score column"),
        (b"Email,Score,Score\na@example.edu,50,90\n", "appears in columns 2, 3"),
        (
            b"Email,E-mail,email,Score\na@example.edu,b@x.edu,c@x.edu,90\n",
            "appears in columns 1, 3",
        ),
        (
            "Name,Email,Score\nJos\xe9,a@example.edu,90\n".encode("latin-1"),
            ":2: the file is not UTF-8",
        ),
        ("Email,Score\n".encode("utf-16"), ":1: the file is not UTF-8"),
        (b"Email,Score\n" + b"a" * 200_000 + b",90\n", ":2: the CSV cannot be read"),
    ],
)
def test_unusable_file_raises(tmp_path: Path, data: bytes, message: str) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(MicrocredError) as caught:
        read_grades(path, ColumnOptions())
    assert message in str(caught.value)
    assert str(path) in str(caught.value)
    assert caught.value.hint


def test_named_duplicate_column_raises(tmp_path: Path) -> None:
    path = _write(tmp_path, b"Email,Final Score,final_score\na@example.edu,50,90\n")
    with pytest.raises(MicrocredError) as caught:
        read_grades(path, ColumnOptions(score_column="Final Score"))
    assert "appears in columns 2, 3" in str(caught.value)
    assert "--score-column" in caught.value.hint


@pytest.mark.parametrize(
    "cell",
    ["NaN", "inf", "-inf", "1e3", "=1+1", "0x50", "9" * 41, "1001", "80 85", "eighty"],
)
def test_bad_score_is_unreadable(cell: str) -> None:
    score = parse_percent(cell)
    assert score.percent is None
    assert score.problem


def test_tiny_points_possible_unreadable(tmp_path: Path) -> None:
    path = _write(tmp_path, b"Email,Score\nPoints Possible,1e-300\na@example.edu,1\n")
    sheet = read_grades(path, ColumnOptions())
    assert [row.score.percent for row in sheet.rows] == [None]
    assert "above 1000 %" in sheet.rows[0].problem


@pytest.mark.parametrize(
    ("data", "emails"),
    [
        (b"\xef\xbb\xbfEmail,Score\na@example.edu,90\n", ["a@example.edu"]),
        (b"Email;Score\na@example.edu;90,5\n", ["a@example.edu"]),
        (b"Email\tScore\na@example.edu\t90\n", ["a@example.edu"]),
        (b"Email,Score\r\na@example.edu,90\r\n", ["a@example.edu"]),
        (b'Name,Email,Score\n"A\nB",a@example.edu,90\n', ["a@example.edu"]),
    ],
)
def test_accepted_variants(tmp_path: Path, data: bytes, emails: list[str]) -> None:
    sheet = read_grades(_write(tmp_path, data), ColumnOptions())
    assert [row.email for row in sheet.rows] == emails
    assert [row.score.percent for row in sheet.rows] == [90.5 if b";" in data else 90.0]


def test_ragged_and_formula_rows_unreadable(tmp_path: Path) -> None:
    data = b"Name,Email,Score\nA,a@example.edu\n=HYPERLINK(1),=1+1,95\nB,b@example.edu,90,7\n"
    sheet = read_grades(_write(tmp_path, data), ColumnOptions())
    problems = {row.line: row.problem for row in sheet.rows}
    assert problems[2] == "the row has 2 fields, the header has 3"
    assert problems[3] == "'=1+1' is not an email address"
    assert problems[4] == ""


def test_hundred_thousand_rows(tmp_path: Path) -> None:
    lines = ["Student,Email,Final Score"]
    lines += [
        f'"Learner, {i}",l{i}@example.edu,{50 + i % 50}.5' for i in range(100_000)
    ]
    path = _write(tmp_path, ("\n".join(lines) + "\n").encode())
    started = time.monotonic()
    sheet = read_grades(path, ColumnOptions())
    assert len(sheet.rows) == 100_000
    assert time.monotonic() - started < 10


def _award(
    root: Path, grades: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    with pytest.raises(SystemExit) as caught:
        main(["award", CREDENTIAL, str(grades), "--root", str(root)])
    captured = capsys.readouterr()
    return int(caught.value.code or 0), captured.out + captured.err


def test_award_plan_duplicate_header(
    award_setup: AwardSetup, capsys: pytest.CaptureFixture[str]
) -> None:
    grades = award_setup.root / "grades" / "dup.csv"
    grades.parent.mkdir()
    grades.write_bytes(b"Email,Score,Score\na@example.edu,50,90\n")
    code, output = _award(award_setup.root, grades, capsys)
    assert code == 1, output
    assert "dup.csv:1: the header 'Score' appears in columns 2, 3" in output
    assert "Traceback" not in output
    assert award_setup.assertions() == []


def test_award_plan_absurd_score(
    award_setup: AwardSetup, capsys: pytest.CaptureFixture[str]
) -> None:
    grades = award_setup.root / "grades" / "scores.csv"
    grades.parent.mkdir()
    grades.write_bytes(
        b"Email,Score\na@example.edu," + b"9" * 41 + b"\nb@example.edu,NaN\n"
    )
    code, output = _award(award_setup.root, grades, capsys)
    assert code == 0, output
    assert "eligible         0" in output
    assert "unreadable       2" in output


@pytest.mark.parametrize(
    "address",
    [
        "mailto:a@example.edu",
        '"a"@example.edu',
        "a(b)@example.edu",
        "Ann <a@example.edu>",
    ],
)
def test_decorated_address_unreadable(tmp_path: Path, address: str) -> None:
    data = f'Email,Score\n"{address.replace(chr(34), chr(34) * 2)}",90\n'.encode()
    sheet = read_grades(_write(tmp_path, data), ColumnOptions())
    assert [row.email for row in sheet.rows] == [""]
    assert "is not an email address" in sheet.rows[0].problem


def test_excel_separator_line(tmp_path: Path) -> None:
    data = b"sep=;\r\nEmail;Score\r\na@example.edu;90,5\r\nb@example.edu\r\n"
    sheet = read_grades(_write(tmp_path, data), ColumnOptions())
    rows = [(row.line, row.email, row.score.percent) for row in sheet.rows]
    assert rows == [(3, "a@example.edu", 90.5), (4, "", None)]


def test_excel_separator_header_line(tmp_path: Path) -> None:
    path = _write(tmp_path, b"sep=,\nName,Score\nA,90\n")
    with pytest.raises(MicrocredError) as caught:
        read_grades(path, ColumnOptions())
    assert f"{path}:2: no email or login column" in str(caught.value)


@pytest.mark.parametrize("value", ["50", ".nan", "-.inf", "true"])
def test_award_plan_invalid_passing_score(
    award_setup: AwardSetup, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    record = award_setup.root / "credentials" / "computing" / f"{CREDENTIAL}.yaml"
    text = record.read_text(encoding="utf-8")
    text, count = re.subn(
        r"(?m)^  passing_score: .*$", f"  passing_score: {value}", text
    )
    assert count == 1
    record.write_text(text, encoding="utf-8")
    grades = award_setup.root / "grades" / "low.csv"
    grades.parent.mkdir()
    grades.write_bytes(b"Email,Score\na@example.edu,60\nb@example.edu,85\n")
    code, output = _award(award_setup.root, grades, capsys)
    assert code == 0, output
    assert "passing score 80 %" in output
    assert "eligible         1" in output
    assert "below the score  1" in output
