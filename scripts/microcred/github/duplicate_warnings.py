"""Duplicate and competition findings (rules MC2xx) for records from pull requests.

The records are written into a temporary copy of the catalogue and checked with the
normal check pipeline, so the agenda shows exactly what ``microcred check`` reports.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..check import CheckOptions, run_check
from ..governance import GOVERNANCE_FILE
from ..records import CREDENTIALS_DIR, PROPOSALS_DIR, Record

DUPLICATE_RULE_PREFIX = "MC2"
COPIED = (GOVERNANCE_FILE, "schema", PROPOSALS_DIR, CREDENTIALS_DIR)


def duplicate_warnings(
    root: Path, records: list[Record], others: Iterable[Record] = ()
) -> list[str]:
    """Return ``RULE line N: message`` for each MC2xx finding on ``records``.

    ``others`` (records of other open pull requests) compete but are not reported.
    """
    if not records:
        return []
    with tempfile.TemporaryDirectory(prefix="microcred-agenda-") as folder:
        copy = Path(folder)
        for name in COPIED:
            source = root / name
            if source.is_dir():
                shutil.copytree(source, copy / name)
            elif source.is_file():
                shutil.copy2(source, copy / name)
        for record in records:
            target = copy / record.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(record.doc.text, encoding="utf-8")
        options = CheckOptions(
            root=copy,
            paths=[str(copy / r.path) for r in records],
            extra_records=list(others),
        )
        findings = run_check(options).findings
    wanted = {r.path for r in records}
    return [
        f"{f.rule} line {f.line}: {f.message}"
        for f in findings
        if f.rule.startswith(DUPLICATE_RULE_PREFIX) and f.path in wanted
    ]
