"""Recognise grade tables and spreadsheets on disk, for the privacy rule.

Spreadsheets are read with the standard library only: .xlsx and .ods are zip
archives of XML, and the strings of a legacy .xls are searched in its bytes.
"""

from __future__ import annotations

import csv
import fnmatch
import io
import os
import re
import zipfile
import zlib
from pathlib import Path

TABLE_SUFFIXES = (".csv", ".tsv")
SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".ods")
GRADE_NAME = re.compile(r"grade|score|roster|marks|results|transcript", re.IGNORECASE)
PERSON_WORDS = re.compile(r"e-?mail|login|student|learner|sis user id", re.IGNORECASE)
GRADE_WORDS = re.compile(r"score|grade|points possible|percent", re.IGNORECASE)
#: Folders never scanned, whatever .gitignore contains.
ALWAYS_SKIPPED = {".git", ".venv", "node_modules", "__pycache__"}
HEAD_BYTES = 65536
SPREADSHEET_BYTES = 20_000_000
#: Uncompressed bytes read from each XML part of a spreadsheet; headers come first.
MEMBER_BYTES = 1_000_000
#: A damaged or unusual archive is left unread, like any file that cannot be opened:
#: corrupt data (zlib.error, EOFError), an unsupported compression method
#: (NotImplementedError) or an encrypted member (RuntimeError).
UNREADABLE_ARCHIVE = (
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    zipfile.BadZipFile,
    zlib.error,
)


def table_header(path: Path, suffix: str) -> list[str]:
    """Return the first non-empty row of a CSV or TSV, or [] when it cannot be read."""
    if not path.is_file():  # a pipe or device would block the read
        return []
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES).decode("utf-8-sig", errors="replace")
    except OSError:
        return []
    first = next((line for line in head.splitlines() if line.strip()), "")
    delimiter = (
        "\t"
        if suffix == ".tsv"
        else (";" if first.count(";") > first.count(",") else ",")
    )
    rows = list(csv.reader(io.StringIO(first), delimiter=delimiter))
    return rows[0] if rows else []


def spreadsheet_signs(path: Path) -> str:
    """Return why a spreadsheet looks like grades, or "" when nothing suggests it."""
    if GRADE_NAME.search(path.name):
        return f"its name {path.name!r} suggests grades"
    text = _spreadsheet_text(path)
    if PERSON_WORDS.search(text) and GRADE_WORDS.search(text):
        return "its cells hold a learner column and a grade column"
    return ""


def _spreadsheet_text(path: Path) -> str:
    if not path.is_file():
        return ""
    try:
        if path.stat().st_size > SPREADSHEET_BYTES:
            return ""
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                names = [
                    n
                    for n in archive.namelist()
                    if n.endswith(("sharedStrings.xml", "content.xml"))
                    or "worksheets/sheet" in n
                ]
                return " ".join(_member_text(archive, name) for name in names[:5])
        data = path.read_bytes()
    except UNREADABLE_ARCHIVE:
        return ""
    return data.decode("latin-1") + " " + data.decode("utf-16-le", errors="ignore")


def _member_text(archive: zipfile.ZipFile, name: str) -> str:
    """Return the start of one archive member; a zip bomb is never expanded whole."""
    with archive.open(name) as member:
        return member.read(MEMBER_BYTES).decode("utf-8", errors="replace")


def files_on_disk(root: Path) -> list[str]:
    """List files under ``root`` that git would consider, skipping what .gitignore covers.

    NOTE: reads only the root .gitignore and supports plain names, globs and
    trailing-slash folder patterns, not negation (``!``) or nested .gitignore files.
    """
    patterns = _ignore_patterns(root)
    found = []
    for folder, dirs, files in os.walk(root):
        rel_folder = Path(folder).relative_to(root)
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in ALWAYS_SKIPPED
            and not _ignored((rel_folder / d).as_posix(), patterns, True)
        )
        for name in sorted(files):
            rel = (rel_folder / name).as_posix()
            if not _ignored(rel, patterns, False):
                found.append(rel)
    return found


def _ignore_patterns(root: Path) -> list[str]:
    try:
        lines = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [
        line.strip()
        for line in lines
        if line.strip() and not line.startswith(("#", "!"))
    ]


def _ignored(rel: str, patterns: list[str], is_dir: bool) -> bool:
    name = rel.rsplit("/", 1)[-1]
    for pattern in patterns:
        if pattern.endswith("/"):
            if not is_dir:
                continue
            pattern = pattern.rstrip("/")
        anchored = pattern.startswith("/") or "/" in pattern
        subject = rel if anchored else name
        if fnmatch.fnmatch(subject, pattern.lstrip("/")):
            return True
    return False
