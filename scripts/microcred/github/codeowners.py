"""Generate .github/CODEOWNERS from governance.yaml.

Each unit's proposals/<unit>/ and credentials/<unit>/ folders belong to the unit's
department heads and the committee members. Everything else, including
governance.yaml, schema/, scripts/ and .github/, belongs to the committee and the
coordinator. GitHub applies the last matching pattern, so the catch-all comes first.
Bots own nothing.

CODEOWNERS only requests reviews: any one listed owner satisfies it, in any order.
The order and the two-signature rule are enforced by the ``signatures`` status.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..governance import Governance
from ..records import CREDENTIALS_DIR, PROPOSALS_DIR

CODEOWNERS_PATH = Path(".github") / "CODEOWNERS"
REGENERATE = "microcred codeowners"
# GitHub logins: letters, digits and single hyphens, 39 characters at most.
LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
# Unit ids become folder patterns, so they may not contain spaces or glob characters.
UNIT_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
GOVERNED_PATHS = ("/governance.yaml", "/schema/", "/scripts/", "/.github/")


class CodeownersError(ValueError):
    """A login or unit id in governance.yaml that CODEOWNERS cannot express."""


def owners(logins: list[str] | tuple[str, ...], bots: tuple[str, ...]) -> list[str]:
    """Return ``@login`` owners in order, without repeats (case-insensitive) or bots."""
    skip = {b.lower() for b in bots}
    seen: set[str] = set()
    result = []
    for login in logins:
        if not LOGIN.match(login):
            raise CodeownersError(f"{login!r} is not a valid GitHub login")
        if login.lower() in seen or login.lower() in skip:
            continue
        seen.add(login.lower())
        result.append("@" + login)
    return result


def render_codeowners(gov: Governance) -> str:
    """Return the text of .github/CODEOWNERS for ``gov``; raises CodeownersError."""
    committee = list(gov.committee_members)
    coordinator = gov.section("coordinator").get("github")
    stewards = owners(
        committee + ([coordinator] if isinstance(coordinator, str) else []), gov.bots
    )
    lines = [
        f"# Generated from governance.yaml by `{REGENERATE}`. Do not edit by hand:",
        f"# change governance.yaml, then run `{REGENERATE}` and commit the result.",
        "# `microcred check` reports this file when it no longer matches.",
        "#",
        "# GitHub applies the last pattern that matches a path.",
        "",
        "# Everything else: the governance committee and the coordinator.",
        "* " + " ".join(stewards),
        "",
        "# Rules, signatories and automation.",
    ]
    lines += [f"{path} {' '.join(stewards)}" for path in GOVERNED_PATHS]
    for unit in sorted(gov.units.values(), key=lambda u: u.id):
        if not UNIT_ID.match(unit.id):
            raise CodeownersError(f"unit id {unit.id!r} is not kebab-case")
        unit_owners = " ".join(
            owners(list(unit.department_heads) + committee, gov.bots)
        )
        lines += [
            "",
            f"# {' '.join(unit.name.split())} ({unit.id}): department heads and the committee.",
            f"/{PROPOSALS_DIR}/{unit.id}/ {unit_owners}",
            f"/{CREDENTIALS_DIR}/{unit.id}/ {unit_owners}",
        ]
    return "\n".join(lines) + "\n"
