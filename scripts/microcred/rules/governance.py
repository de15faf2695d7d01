"""MC300-MC305: governance.yaml itself."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..findings import Finding, Severity
from ..governance import GOVERNANCE_FILE, Governance
from ..schema import GOVERNANCE_SCHEMA, validate
from . import CheckContext, Rule, checker, register


@register
class GovernanceMissing(Rule):
    """governance.yaml is missing.

    Every check needs the list of units and signatories. Create governance.yaml at
    the repository root; docs/setup.md walks through it.
    """

    id = "MC300"


@register
class GovernanceSchema(Rule):
    """governance.yaml does not match its schema.

    The message names the field; schema/governance.schema.json documents each one.
    """

    id = "MC301"


@register
class UnknownCollege(Rule):
    """A unit names a college that governance.yaml does not define.

    Add the college under ``colleges:`` or correct the unit's ``college``.
    """

    id = "MC302"


@register
class DuplicateGovernanceId(Rule):
    """Two colleges or two units share one id.

    Ids name folders and owners, so each must be unique.
    """

    id = "MC303"


@register
class DualRole(Rule):
    """One login is both a department head and a committee member.

    That is allowed, but one person never signs a pull request twice: on a proposal
    from their own unit another committee member must give the second signature.
    """

    id = "MC304"
    severity = Severity.WARNING


@checker("governance")
def check_governance(context: CheckContext) -> Iterator[Finding]:
    if not context.whole_repository:
        return
    gov = context.catalogue.governance
    if gov is None:
        if not any(f.path == GOVERNANCE_FILE for f in context.catalogue.load_findings):
            yield GovernanceMissing.at(
                GOVERNANCE_FILE,
                0,
                "governance.yaml not found at the repository root",
                "create it; see docs/setup.md",
            )
        return
    doc = gov.doc
    for problem in validate(GOVERNANCE_SCHEMA, doc.data):
        field = problem.field if problem.field is not None else problem.path
        yield GovernanceSchema.at(
            GOVERNANCE_FILE,
            doc.line(*problem.path),
            problem.message,
            problem.hint,
            field,
        )
    yield from _duplicates(gov, "colleges")
    yield from _duplicates(gov, "units")
    units = _entries(gov, "units")
    for index, unit in enumerate(units):
        if (
            isinstance(unit, dict)
            and isinstance(unit.get("college"), str)
            and unit["college"] not in gov.colleges
        ):
            path = ("units", index, "college")
            yield UnknownCollege.at(
                GOVERNANCE_FILE,
                doc.line(*path),
                f"unit `{unit.get('id')}` names unknown college `{unit['college']}`",
                f"known colleges: {', '.join(sorted(gov.colleges))}",
                path,
            )
    committee = {m.lower() for m in gov.committee_members}
    for index, unit in enumerate(units):
        if not isinstance(unit, dict):
            continue
        heads = unit.get("department_heads")
        for head in heads if isinstance(heads, list) else []:
            if isinstance(head, str) and head.lower() in committee:
                path = ("units", index, "department_heads")
                yield DualRole.at(
                    GOVERNANCE_FILE,
                    doc.line(*path),
                    f"`{head}` is department head of `{unit.get('id')}` and a committee member",
                    "nothing to change if intended: another committee member must sign that unit's proposals",
                    path,
                )


def _duplicates(gov: Governance, section: str) -> Iterator[Finding]:
    items = _entries(gov, section)
    ids = [
        item["id"]
        for item in items
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    ]
    for value, count in Counter(ids).items():
        if count > 1:
            last = max(
                i
                for i, item in enumerate(items)
                if isinstance(item, dict) and item.get("id") == value
            )
            path = (section, last, "id")
            yield DuplicateGovernanceId.at(
                GOVERNANCE_FILE,
                gov.doc.line(*path),
                f"{section} id `{value}` is defined {count} times",
                "rename or merge the duplicate entries",
                path,
            )


def _entries(gov: Governance, section: str) -> list[object]:
    """Return the list under ``section``; the schema check reports any other shape."""
    items = gov.data.get(section)
    return items if isinstance(items, list) else []
