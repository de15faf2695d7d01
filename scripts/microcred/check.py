"""The check pipeline: load the catalogue, pick the targets, run every checker."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalogue import RECORD_DIRS, RECORD_SUFFIXES, Catalogue, display_path
from .errors import MicrocredError
from .findings import Finding, Severity, sort_findings
from .governance import GOVERNANCE_FILE
from .records import Record
from .rules import CHECKERS, CheckContext, load_all

RECORD_DIRS_PREFIXES = tuple(f"{folder}/" for folder in RECORD_DIRS)


@dataclass
class CheckOptions:
    root: Path
    paths: list[str] = field(default_factory=list)
    strict: bool = False
    all_pairs: bool = False
    today: dt.date = field(default_factory=dt.date.today)
    extra_records: list[Record] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class CheckResult:
    findings: list[Finding]
    sections: dict[str, str]
    catalogue: Catalogue

    def exit_code(self, strict: bool) -> int:
        if any(f.severity is Severity.ERROR for f in self.findings):
            return 1
        if strict and self.findings:
            return 1
        return 0


def run_check(options: CheckOptions) -> CheckResult:
    """Check the catalogue at ``options.root``, or only the given paths within it."""
    load_all()
    catalogue = Catalogue.load(options.root)
    targets, wanted = _select(catalogue, options)
    context = CheckContext(
        catalogue=catalogue,
        targets=targets,
        today=options.today,
        whole_repository=not options.paths,
        all_pairs=options.all_pairs,
        extra_records=options.extra_records,
        options=options.options,
    )
    findings = [
        f for f in catalogue.load_findings if wanted is None or f.path in wanted
    ]
    for run in CHECKERS.values():
        findings.extend(run(context))
    if wanted is not None and GOVERNANCE_FILE in wanted and options.paths:
        context.whole_repository = True
        findings.extend(CHECKERS["governance"](context))
    return CheckResult(sort_findings(findings), context.summary_sections, catalogue)


def _select(
    catalogue: Catalogue, options: CheckOptions
) -> tuple[list[Record], set[str] | None]:
    if not options.paths:
        return list(catalogue.records), None
    wanted: set[str] = set()
    for raw in options.paths:
        path = Path(raw)
        absolute = path if path.is_absolute() else Path.cwd() / path
        if not os.path.lexists(absolute):
            raise MicrocredError(
                f"{raw}: no such file",
                "pass paths of record files, or no paths to check everything",
            )
        # A link is checked as the link it is (MC107), never as its target, so
        # only a real folder counts as a folder and only the parent is resolved.
        is_folder = absolute.is_dir() and not absolute.is_symlink()
        try:
            located = (
                absolute.resolve()
                if is_folder
                else (absolute.parent.resolve() / absolute.name)
            )
            rel = display_path(located.relative_to(options.root.resolve()).as_posix())
        except ValueError:
            raise MicrocredError(
                f"{raw} is outside the repository {options.root}",
                "pass files inside the catalogue repository",
            ) from None
        if not is_folder and not _is_catalogue_file(rel):
            raise MicrocredError(
                f"{raw} is not a record or governance.yaml",
                "pass .yaml files under proposals/ or credentials/, or governance.yaml",
            )
        if is_folder:
            prefix = "" if rel == "." else rel + "/"
            wanted.update(
                r.path for r in catalogue.records if r.path.startswith(prefix)
            )
            wanted.update(p for p in catalogue.broken_paths if p.startswith(prefix))
        else:
            wanted.add(rel)
    targets = [r for r in catalogue.records if r.path in wanted]
    return targets, wanted


def _is_catalogue_file(rel: str) -> bool:
    if rel == GOVERNANCE_FILE:
        return True
    return rel.startswith(RECORD_DIRS_PREFIXES) and rel.endswith(RECORD_SUFFIXES)
