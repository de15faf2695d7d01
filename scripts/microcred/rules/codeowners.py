"""MC400-MC401: .github/CODEOWNERS matches governance.yaml."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..github.codeowners import (
    CODEOWNERS_PATH,
    REGENERATE,
    CodeownersError,
    render_codeowners,
)
from . import CheckContext, Rule, checker, register


@register
class CodeownersDrift(Rule):
    """.github/CODEOWNERS does not match governance.yaml.

    CODEOWNERS is generated: each unit's proposals/ and credentials/ folders belong
    to its department heads and the committee, everything else to the committee and
    the coordinator. After a change to governance.yaml, run `microcred codeowners`
    and commit .github/CODEOWNERS with it.
    """

    id = "MC400"


@register
class CodeownersMissing(Rule):
    """.github/CODEOWNERS is missing.

    The repository has a .github/ folder but no CODEOWNERS file, so GitHub requests
    no reviews of proposals. Run `microcred codeowners` and commit the file.
    A repository without a .github/ folder is not checked.
    """

    id = "MC401"


@checker("codeowners")
def check_codeowners(context: CheckContext) -> Iterator[Finding]:
    gov = context.catalogue.governance
    if not context.whole_repository or gov is None:
        return
    root = context.catalogue.root
    target = root / CODEOWNERS_PATH
    path = CODEOWNERS_PATH.as_posix()
    if target.is_symlink() or (target.exists() and not target.is_file()):
        yield CodeownersDrift.at(
            path,
            0,
            f"{path} is not a regular file (a link, folder, pipe or device)",
            f"delete it, run `{REGENERATE}` and commit {path}",
        )
        return
    if not target.exists():
        if target.parent.is_dir():
            yield CodeownersMissing.at(
                path, 0, f"{path} is missing", f"run `{REGENERATE}` and commit {path}"
            )
        return
    try:
        expected = render_codeowners(gov)
    except CodeownersError:
        return  # the governance checker reports the invalid value at its line
    current = target.read_text(encoding="utf-8", errors="replace")
    if current != expected:
        line = _first_difference(current, expected)
        yield CodeownersDrift.at(
            path,
            line,
            f"{path} does not match governance.yaml (first difference at line {line})",
            f"run `{REGENERATE}` and commit {path}",
        )


def _first_difference(current: str, expected: str) -> int:
    have, want = current.splitlines(), expected.splitlines()
    for number, (left, right) in enumerate(zip(have, want, strict=False), start=1):
        if left != right:
            return number
    return min(len(have), len(want)) + 1
