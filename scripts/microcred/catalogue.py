"""The catalogue: governance.yaml plus every record under proposals/ and credentials/."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .batchload import check_file_path, load_documents
from .findings import Finding
from .governance import GOVERNANCE_FILE, Governance
from .loader import Document, LoadError, LoadProblem, load_file
from .records import CREDENTIALS_DIR, PROPOSALS_DIR, Record

RECORD_DIRS = (PROPOSALS_DIR, CREDENTIALS_DIR)
RECORD_SUFFIXES = (".yaml", ".yml")


@dataclass
class Catalogue:
    """Everything loaded from one repository, plus the problems met while loading."""

    root: Path
    records: list[Record] = field(default_factory=list)
    governance: Governance | None = None
    load_findings: list[Finding] = field(default_factory=list)
    #: Record files that could not be parsed, so checks can skip them.
    broken_paths: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, root: str | Path) -> Catalogue:
        from .rules.loading import finding_for_load_problem

        catalogue = cls(root=Path(root))
        gov_path = catalogue.root / GOVERNANCE_FILE
        if gov_path.exists():
            try:
                check_file_path(catalogue.root, GOVERNANCE_FILE)
                catalogue.governance = Governance.from_document(
                    load_file(str(gov_path))
                )
            except LoadError as exc:
                catalogue.load_findings.append(
                    finding_for_load_problem(GOVERNANCE_FILE, exc.problem)
                )
        rels = discover_record_files(catalogue.root)
        for rel, loaded in zip(rels, load_documents(catalogue.root, rels), strict=True):
            if isinstance(loaded, LoadProblem):
                shown = display_path(rel)
                catalogue.load_findings.append(finding_for_load_problem(shown, loaded))
                catalogue.broken_paths.add(shown)
                continue
            catalogue.records.append(Record(path=rel, doc=loaded))
        return catalogue

    @property
    def proposals(self) -> list[Record]:
        return [r for r in self.records if r.kind == "proposal"]

    @property
    def credentials(self) -> list[Record]:
        return [r for r in self.records if r.kind == "credential"]

    @property
    def published(self) -> list[Record]:
        return [r for r in self.records if r.is_published]

    def by_id(self) -> dict[str, list[Record]]:
        index: dict[str, list[Record]] = defaultdict(list)
        for record in self.records:
            index[record.id].append(record)
        return index

    def find(self, record_id: str) -> Record | None:
        for record in self.records:
            if record.id == record_id:
                return record
        return None

    def record_at(self, rel_path: str) -> Record | None:
        for record in self.records:
            if record.path == rel_path:
                return record
        return None


def discover_record_files(root: Path) -> list[str]:
    """List record files under proposals/ and credentials/, relative and sorted."""
    found = []
    for top in RECORD_DIRS:
        base = root / top
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            # A folder, or a link to one, named like a record is listed too, so
            # that the check reports it (MC107) instead of skipping it.
            for name in filenames + dirnames:
                if name.endswith(RECORD_SUFFIXES):
                    rel = Path(dirpath, name).relative_to(root).as_posix()
                    found.append(rel)
    return sorted(found)


def display_path(rel: str) -> str:
    """Return ``rel`` printable as UTF-8, with undecodable name bytes as ``\\xNN``."""
    return os.fsencode(rel).decode("utf-8", "backslashreplace")


def record_from_text(rel_path: str, text: str) -> Record:
    """Parse a record that is not on disk, such as a file from another pull request."""
    from .loader import parse

    doc: Document = parse(text)
    return Record(path=rel_path, doc=doc)
