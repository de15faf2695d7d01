"""MC110-MC125: a record's fields, file place, references and lifecycle."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from pathlib import Path

from ..findings import Finding, Severity, format_field_path
from ..records import Record
from ..schema import PROPOSAL_SCHEMA, validate
from . import CheckContext, Rule, checker, register

MAX_REVIEW_YEARS = 3
_EMAIL = re.compile(r"^[^@\s]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$")


@register
class SchemaViolation(Rule):
    """A field does not match the record schema.

    The message names the field and the hint states what the schema expects. The
    field reference (docs/fields.md) lists every field with an example; editors that
    read the ``# yaml-language-server: $schema=...`` line show the same help inline.
    """

    id = "MC110"


@register
class IdMismatch(Rule):
    """The ``id`` differs from the file name.

    A record's id is its file name without ``.yaml``. Rename the file or change the
    id so that both agree.
    """

    id = "MC111"


@register
class DuplicateId(Rule):
    """Two records share one id.

    Ids are unique across proposals/ and credentials/, because the id names the
    badge class, the page and the CTID. Choose a new id for the proposal.
    """

    id = "MC112"


@register
class UnknownUnit(Rule):
    """The ``unit`` is not a unit in governance.yaml.

    The unit decides who signs the proposal. Use one of the unit ids listed in
    governance.yaml, or ask the coordinator to add the unit there first.
    """

    id = "MC113"


@register
class UnitFolderMismatch(Rule):
    """The record is filed under another unit's folder.

    A record lives in ``proposals/<unit>/<id>.yaml`` or ``credentials/<unit>/<id>.yaml``
    and its ``unit`` field names that folder. CODEOWNERS assigns reviewers by folder,
    so a mismatch would ask the wrong department head.
    """

    id = "MC114"


@register
class MisplacedFile(Rule):
    """A record file is not at ``<proposals|credentials>/<unit>/<id>.yaml``.

    Move the file into its unit's folder and give it the ``.yaml`` ending.
    """

    id = "MC115"


@register
class UnresolvedReference(Rule):
    """A ``stacks_into`` or ``necessity.related`` id names no record.

    References point at ids of credentials or proposals in this repository. Fix the
    spelling, or remove the reference if the other credential was withdrawn.
    """

    id = "MC116"


@register
class ExternalContactEmail(Rule):
    """A contact email is outside the institution's email domain.

    Contacts should be institutional addresses that outlive one person. This is a
    warning: a partner's address may be intended.
    """

    id = "MC117"
    severity = Severity.WARNING


@register
class ReviewDate(Rule):
    """The review-by date has passed, or lies more than three years ahead.

    A proposal must carry a review date in the future and at most three years out.
    An approved credential whose review date has passed gets a warning so the unit
    reviews it.
    """

    id = "MC118"


@register
class IncompleteApproval(Rule):
    """An approved credential lacks its approval record.

    Files in credentials/ carry ``ctid`` and an ``approval`` block with the pull
    request, the approval date and at least a department-head and a committee
    signature. ``microcred promote`` writes them; restore them from the file's git
    history if they were lost.
    """

    id = "MC119"


@register
class GeneratedFieldInProposal(Rule):
    """A proposal sets a field that only the publish step writes.

    ``ctid``, ``approval``, ``canvas`` and ``revised_on`` are written when the
    proposal is approved. Remove them from the proposal.
    """

    id = "MC120"


@register
class StatusMismatch(Rule):
    """The ``status`` does not fit where the file is.

    A proposal has ``status: proposed``. An approved credential is ``active``,
    ``suspended`` or ``retired``.
    """

    id = "MC121"


@register
class SelfReference(Rule):
    """A record stacks into or relates to itself, or its stacking forms a cycle.

    Stacking points from a smaller credential to a larger one; a cycle means none
    of them can be the larger. Remove the reference that closes the cycle.
    """

    id = "MC122"


@register
class MissingBadgeImage(Rule):
    """The supplied badge image file does not exist.

    ``badge.image`` is relative to the record file. Add the image next to the record
    or remove the field to use a generated badge.
    """

    id = "MC123"


@register
class InvalidEmail(Rule):
    """A contact email address is not valid.

    Write a full address such as ``programs@example.edu``.
    """

    id = "MC124"


@checker("records")
def check_records(context: CheckContext) -> Iterator[Finding]:
    ids = context.catalogue.by_id()
    for record in context.targets:
        yield from _schema(record)
        yield from _single_line(record)
        yield from _place(record, context)
        yield from _identity(record, ids)
        yield from _lifecycle(record, context.today)
        yield from _contacts(record, context)
        yield from _badge_image(record, context)
    yield from _references(context)


#: Fields that become one line in page titles, email subjects and issue titles.
SINGLE_LINE_FIELDS: tuple[tuple[str, ...], ...] = (
    ("title",),
    ("summary",),
    ("contacts", "submitter", "name"),
    ("contacts", "program_administrator", "name"),
    ("contacts", "unit_contact", "name"),
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def _single_line(record: Record) -> Iterator[Finding]:
    for path in SINGLE_LINE_FIELDS:
        value = record.get(*path)
        if isinstance(value, str) and _CONTROL.search(value):
            yield SchemaViolation.at(
                record.path,
                record.line(*path),
                f"`{format_field_path(path)}` contains a line break or control character",
                "write it on one line without tabs; it becomes an email subject and a page title",
                path,
            )


def _schema(record: Record) -> Iterator[Finding]:
    reported: set[tuple[str | int, ...]] = set()
    for problem in validate(PROPOSAL_SCHEMA, record.doc.json_data(), plain=True):
        field = problem.field if problem.field is not None else problem.path
        if field in reported:
            continue  # One finding per field: an empty enum field fails type and enum.
        reported.add(field)
        yield SchemaViolation.at(
            record.path,
            record.line(*problem.path),
            problem.message,
            problem.hint,
            field,
        )


def _place(record: Record, context: CheckContext) -> Iterator[Finding]:
    parts = record.path.split("/")
    if len(parts) != 3 or not record.path.endswith(".yaml"):
        hint = f"move it to {parts[0]}/<unit>/{Path(record.path).stem}.yaml"
        yield MisplacedFile.at(
            record.path, 1, f"{record.path} is not at {parts[0]}/<unit>/<id>.yaml", hint
        )
    gov = context.catalogue.governance
    unit = record.unit
    if gov is not None and unit and unit not in gov.units:
        close = difflib.get_close_matches(unit, list(gov.units), n=1)
        tip = f"did you mean `{close[0]}`? " if close else ""
        yield UnknownUnit.on(
            record,
            ("unit",),
            f"unit `{_short(unit)}` is not defined in governance.yaml",
            f"{tip}known units: {', '.join(sorted(gov.units))}",
        )
    if unit and record.folder_unit and unit != record.folder_unit:
        target = f"{parts[0]}/{unit}/{parts[-1]}"
        yield UnitFolderMismatch.on(
            record,
            ("unit",),
            f"unit `{_short(unit)}` does not match the folder `{record.folder_unit}`",
            f"move the file to {target}, or set `unit: {record.folder_unit}`",
        )


def _identity(record: Record, ids: dict[str, list[Record]]) -> Iterator[Finding]:
    value = record.data.get("id")
    if isinstance(value, str) and value != record.file_id:
        yield IdMismatch.on(
            record,
            ("id",),
            f"id `{_short(value)}` differs from the file name `{record.file_id}.yaml`",
            f"rename the file to {_short(value)}.yaml or set `id: {record.file_id}`",
        )
    others = [o for o in ids.get(record.id, []) if o.path != record.path]
    for other in others:
        yield DuplicateId.on(
            record,
            ("id",),
            f"id `{_short(record.id)}` is also used by {other.path}",
            "choose an id that no other proposal or credential uses",
        )


def _lifecycle(record: Record, today: dt.date) -> Iterator[Finding]:
    status = record.data.get("status")
    if record.kind == "proposal":
        for name in ("ctid", "approval", "canvas", "revised_on"):
            if name in record.data:
                yield GeneratedFieldInProposal.on(
                    record,
                    (name,),
                    f"a proposal must not set `{name}`",
                    f"remove `{name}`; it is written when the proposal is approved",
                )
        if isinstance(status, str) and status != "proposed":
            yield StatusMismatch.on(
                record,
                ("status",),
                f"a proposal has status `{_short(status)}`",
                "write `status: proposed`; the status changes when the proposal is approved",
            )
    else:
        if status == "proposed":
            yield StatusMismatch.on(
                record,
                ("status",),
                "an approved credential has status `proposed`",
                "write `status: active` (or `suspended`, `retired`)",
            )
        yield from _approval(record)
    review = record.review_by()
    if review is None:
        return
    if review <= today:
        severity = Severity.ERROR if record.kind == "proposal" else Severity.WARNING
        yield ReviewDate.on(
            record,
            ("review_by",),
            f"review-by date {review.isoformat()} is not in the future",
            "set a date after today, at most three years ahead"
            if record.kind == "proposal"
            else "review the credential with the unit and set a new review-by date in a revision",
            severity,
        )
    elif record.kind == "proposal" and review > _add_years(today, MAX_REVIEW_YEARS):
        yield ReviewDate.on(
            record,
            ("review_by",),
            f"review-by date {review.isoformat()} is more than {MAX_REVIEW_YEARS} years ahead",
            f"choose a date before {_add_years(today, MAX_REVIEW_YEARS).isoformat()}",
        )


def _approval(record: Record) -> Iterator[Finding]:
    if not record.data.get("ctid"):
        yield IncompleteApproval.on(
            record,
            (),
            "approved credential has no `ctid`",
            "run `microcred promote`, or restore the field from the file's git history",
        )
    approval = record.data.get("approval")
    if not isinstance(approval, dict):
        yield IncompleteApproval.on(
            record,
            (),
            "approved credential has no `approval` block",
            "run `microcred promote`, or restore the block from the file's git history",
        )
        return
    signatures = approval.get("signatures")
    roles = (
        {s.get("role") for s in signatures if isinstance(s, dict)}
        if isinstance(signatures, list)
        else set()
    )
    for role in ("department-head", "committee"):
        if role not in roles:
            yield IncompleteApproval.on(
                record,
                ("approval", "signatures"),
                f"the approval has no `{role}` signature",
                "restore the signatures recorded at approval from the file's git history",
            )


def _contacts(record: Record, context: CheckContext) -> Iterator[Finding]:
    contacts = record.data.get("contacts")
    if not isinstance(contacts, dict):
        return
    gov = context.catalogue.governance
    domain = gov.email_domain if gov else ""
    for role, person in contacts.items():
        if not isinstance(person, dict) or not isinstance(person.get("email"), str):
            continue
        email = person["email"]
        path = ("contacts", role, "email")
        if not _EMAIL.match(email):
            yield InvalidEmail.on(
                record,
                path,
                f"`contacts.{role}.email` is not a valid address: {_short(email)!r}",
                "write a full address such as programs@example.edu",
            )
        elif (
            domain
            and not email.lower().endswith("@" + domain)
            and not email.lower().endswith("." + domain)
        ):
            yield ExternalContactEmail.on(
                record,
                path,
                f"`contacts.{role}.email` {_short(email)} is outside {domain}",
                f"use an @{domain} address unless a partner is meant",
            )


def _badge_image(record: Record, context: CheckContext) -> Iterator[Finding]:
    image = record.get("badge", "image")
    if isinstance(image, str) and ".." not in Path(image).parts:
        target = context.catalogue.root / Path(record.path).parent / image
        if not target.is_file():
            yield MissingBadgeImage.on(
                record,
                ("badge", "image"),
                f"badge image {_short(image)} not found next to {record.path}",
                "add the image file or remove `badge.image` to use a generated badge",
            )
    elif isinstance(image, str):
        yield MissingBadgeImage.on(
            record,
            ("badge", "image"),
            f"badge image {_short(image)} points outside the unit's folder",
            "keep the image next to the record file",
        )


def _references(context: CheckContext) -> Iterator[Finding]:
    known = {r.id for r in context.catalogue.records} | {
        r.id for r in context.extra_records
    }
    graph = {r.id: r.stacks_into for r in context.catalogue.records}
    for record in context.targets:
        for index, target in enumerate(record.stacks_into):
            path: tuple[str | int, ...] = ("stacks_into", index)
            if target == record.id:
                yield SelfReference.on(
                    record,
                    path,
                    f"`{_short(record.id)}` stacks into itself",
                    "remove this entry",
                )
            elif target not in known:
                yield _unresolved(record, path, target, known)
            elif _reaches(graph, target, record.id):
                yield SelfReference.on(
                    record,
                    path,
                    f"stacking `{_short(record.id)}` into `{_short(target)}` forms a cycle",
                    f"remove this entry or the path from `{_short(target)}` back to `{_short(record.id)}`",
                )
        for index, related in enumerate(record.related):
            related_id = related.get("id")
            if not isinstance(related_id, str):
                continue
            target = related_id
            path = ("necessity", "related", index, "id")
            if target == record.id:
                yield SelfReference.on(
                    record,
                    path,
                    f"`{_short(record.id)}` names itself as related",
                    "remove this entry",
                )
            elif target not in known:
                yield _unresolved(record, path, target, known)


def _unresolved(
    record: Record, path: tuple[str | int, ...], target: str, known: set[str]
) -> Finding:
    close = difflib.get_close_matches(target, sorted(known), n=1)
    tip = (
        f"did you mean `{close[0]}`?"
        if close
        else "check the id of the other credential"
    )
    return UnresolvedReference.on(
        record,
        path,
        f"`{_short(target)}` is not the id of any credential or proposal",
        tip,
    )


def _reaches(graph: dict[str, list[str]], start: str, goal: str) -> bool:
    seen: set[str] = set()
    stack = [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node in seen:
            continue
        seen.add(node)
        stack.extend(graph.get(node, []))
    return False


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _short(value: object, limit: int = 80) -> str:
    """Return ``value`` as text cut to ``limit`` characters, for quoting in a message."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
