"""MC500-MC501: grade exports and rosters never enter the repository.

The checks look at the files git tracks (``git ls-files``). Outside a git checkout
they look at the files under the root instead, leaving out what .gitignore covers.
"""

from __future__ import annotations

import logging
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

from ..awards import columns
from ..awards.sniff import (
    SPREADSHEET_SUFFIXES,
    TABLE_SUFFIXES,
    files_on_disk,
    spreadsheet_signs,
    table_header,
)
from ..catalogue import display_path
from ..findings import Finding
from . import CheckContext, Rule, checker, register

log = logging.getLogger(__name__)


@register
class TrackedGradeTable(Rule):
    """A file in git looks like a grade export or roster.

    The file is a CSV or TSV whose header has a learner column (email, login,
    student) and a grade column (score, grade, points, percent). Grades are
    private: once committed they stay in the history of every clone. Remove the
    file from git (``git rm --cached FILE``), purge it from the history with
    ``git filter-repo --invert-paths --path FILE``, force-push, and ask everyone
    to clone again. Keep exports under ``grades/`` or ``.microcred/``, which
    ``.gitignore`` covers.
    """

    id = "MC500"


@register
class TrackedGradeSpreadsheet(Rule):
    """A spreadsheet in git looks like grades or a roster.

    The file is an .xlsx, .xls or .ods whose name (grade, gradebook, score,
    roster, marks) or cells (a learner column and a grade column) suggest grades.
    Remove it from git and from the history as for MC500.
    """

    id = "MC501"


def _hint(path: str) -> str:
    return (
        f"run `git rm --cached '{path}'` and commit, then purge it from the history with "
        f"`git filter-repo --invert-paths --path '{path}'`, force-push and ask everyone to clone again"
    )


def tracked_files(root: Path) -> tuple[list[str], bool]:
    """Return (paths relative to ``root``, True when they come from ``git ls-files``)."""
    try:
        # Bytes, not text: git prints file names as stored, which need not be UTF-8.
        result = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--cached"],
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        result = None
    if result is not None and result.returncode == 0:
        return [os.fsdecode(p) for p in result.stdout.split(b"\0") if p], True
    return files_on_disk(root), False


@checker("privacy")
def check_privacy(context: CheckContext) -> Iterator[Finding]:
    if not context.whole_repository:
        return
    root = context.catalogue.root
    paths, from_git = tracked_files(root)
    if not from_git:
        note = f"{root} is not a git checkout: scanned {len(paths)} files on disk outside the folders .gitignore covers"
        log.info(note)
        context.summary_sections["Grade privacy"] = note + ".\n"
    where = (
        "tracked by git"
        if from_git
        else "in the repository folder (not a git checkout)"
    )
    for path in paths:
        yield from _check_file(root, path, where)


def _check_file(root: Path, path: str, where: str) -> Iterator[Finding]:
    rel = display_path(path)
    suffix = Path(path).suffix.lower()
    if suffix in TABLE_SUFFIXES:
        header = table_header(root / path, suffix)
        if (
            header
            and columns.has_person_column(header)
            and columns.has_grade_column(header)
        ):
            message = f"{rel} is {where} and looks like a grade export or roster (columns: {', '.join(h.strip() for h in header[:8])})"
            yield TrackedGradeTable.at(rel, 1, message, _hint(rel))
    elif suffix in SPREADSHEET_SUFFIXES:
        reason = spreadsheet_signs(root / path)
        if reason:
            yield TrackedGradeSpreadsheet.at(
                rel,
                0,
                f"{rel} is {where} and looks like grades: {reason}",
                _hint(rel),
            )
