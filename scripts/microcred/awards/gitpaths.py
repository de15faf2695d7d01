"""Keep grade data out of git: refuse output paths that git tracks or would pick up."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

from ..errors import MicrocredError

log = logging.getLogger(__name__)


def git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=False
    )


def work_tree_of(path: Path) -> Path | None:
    """Return the top folder of the git work tree that contains ``path``, or None."""
    folder = path if path.is_dir() else path.parent
    while not folder.exists():
        folder = folder.parent
    try:
        result = git(folder, "rev-parse", "--show-toplevel")
    except FileNotFoundError:
        log.warning(
            "git is not installed, so microcred cannot tell whether %s is tracked", path
        )
        return None
    if result.returncode != 0:
        return None
    return Path(result.stdout.strip()).resolve()


def ensure_untracked(path: Path, description: str) -> None:
    """Raise MicrocredError unless ``path`` is outside git or ignored by .gitignore."""
    target = path.resolve()
    top = work_tree_of(target)
    if top is None:
        return
    rel = target.relative_to(top).as_posix()
    fix = "write it under .microcred/ (ignored by .gitignore) or outside the repository, for example --report ~/award-report.csv"
    if git(top, "ls-files", "--error-unmatch", "--", rel).returncode == 0:
        raise MicrocredError(
            f"{description} {path} is a file tracked by git in {top}", fix
        )
    if git(top, "check-ignore", "-q", "--", rel).returncode != 0:
        folder = Path(rel).parent.as_posix()
        has_tracked = (
            bool(git(top, "ls-files", "--", folder).stdout.strip())
            if folder != "."
            else True
        )
        where = (
            "a folder git tracks"
            if has_tracked
            else "a folder that .gitignore does not cover"
        )
        raise MicrocredError(
            f"{description} {path} would be written into {where} ({top})", fix
        )
