"""The write-ahead journal that lets a crashed promote run be completed by the next one.

Before promote touches the working tree it writes every planned change (paths and the
full new file text, CTIDs included) to ``<git dir>/microcred-promote.json``. The
journal lives inside .git, so it is never committed. The next run finds it and:

- if HEAD moved past the journal's base commit, the commit landed and the journal
  is simply removed;
- otherwise it puts the journal's paths back as HEAD has them and replays the
  journal, so the CTIDs minted before the crash are the ones committed.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..yamledit import write_atomic
from .git import BOT_TRAILER, RECORDED_TRAILER, Git

log = logging.getLogger(__name__)

JOURNAL_NAME = "microcred-promote.json"


@dataclass(frozen=True)
class Change:
    """One record file change: a promotion (move) or a revision (edit in place)."""

    kind: str  # "promote" or "revise"
    record_id: str
    source: str
    target: str
    text: str
    pull_request: int
    approved_on: str


@dataclass
class Journal:
    base: str
    message: str
    changes: list[Change] = field(default_factory=list)

    @property
    def paths(self) -> list[str]:
        found: list[str] = []
        for change in self.changes:
            for path in (change.source, change.target):
                if path not in found:
                    found.append(path)
        return found


def journal_path(git: Git) -> Path:
    return git.git_dir() / JOURNAL_NAME


def write(git: Git, journal: Journal) -> None:
    payload = {
        "base": journal.base,
        "message": journal.message,
        "changes": [asdict(c) for c in journal.changes],
    }
    write_atomic(journal_path(git), json.dumps(payload, indent=2, ensure_ascii=False))


def read(git: Git) -> Journal | None:
    path = journal_path(git)
    if not path.exists():
        return None
    payload = json.loads(path.read_text(encoding="utf-8"))
    changes = [Change(**item) for item in payload["changes"]]
    return Journal(base=payload["base"], message=payload["message"], changes=changes)


def remove(git: Git) -> None:
    journal_path(git).unlink(missing_ok=True)


def restore_paths(git: Git, paths: list[str]) -> None:
    """Put ``paths`` back in the index and working tree exactly as HEAD has them."""
    for path in paths:
        in_head = git.run("cat-file", "-e", f"HEAD:{path}", check=False).returncode == 0
        git.run("rm", "--quiet", "--cached", "--force", "--ignore-unmatch", "--", path)
        if in_head:
            git.run("checkout", "HEAD", "--", path)
        else:
            (git.root / path).unlink(missing_ok=True)


def commit_message(changes: list[Change]) -> str:
    promoted = [c for c in changes if c.kind == "promote"]
    revised = [c for c in changes if c.kind == "revise"]
    parts = []
    if promoted:
        parts.append(
            f"promote {len(promoted)} approved credential{'s' * (len(promoted) != 1)}"
        )
    if revised:
        parts.append(f"record {len(revised)} revision{'s' * (len(revised) != 1)}")
    subject = " and ".join(parts)
    lines = [subject[0].upper() + subject[1:], ""]
    for change in changes:
        if change.kind == "promote":
            lines.append(
                f"- {change.record_id}: approved in #{change.pull_request} on {change.approved_on}, moved to {change.target}"
            )
        else:
            lines.append(
                f"- {change.record_id}: revised in #{change.pull_request} on {change.approved_on}"
            )
    lines.append("")
    lines.append(f"{BOT_TRAILER}: promote")
    lines.extend(
        f"{RECORDED_TRAILER}: {c.record_id} #{c.pull_request}" for c in changes
    )
    return "\n".join(lines) + "\n"
