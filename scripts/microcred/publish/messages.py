"""The words of an announcement: the pull request comment and the email.

Both are built from the credential record and governance.yaml alone, so a rerun
produces the same text and the same Message-ID.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..governance import Governance
from ..records import Record
from ..site.urls import SiteUrls

#: The governance.yaml office copied for each credential level.
LEVEL_OFFICES = {
    "undergraduate": "undergraduate",
    "graduate": "graduate",
    "professional": "professional",
}
MARKER = "<!-- microcred:announcement -->"


@dataclass(frozen=True)
class Announcement:
    """Everything sent for one newly approved credential."""

    record_id: str
    pull_request: int
    title: str
    unit_name: str
    page_url: str
    approved_on: str
    mentions: tuple[str, ...]
    #: The unit contact by name and email, for the comment, when no login is known.
    contact_without_login: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    faculty_text: str
    offering_url: str
    message_id: str

    @property
    def subject(self) -> str:
        return f"Approved micro-credential: {self.title} ({self.unit_name})"


def build(record: Record, governance: Governance, author: str) -> Announcement:
    unit = governance.units.get(record.unit)
    unit_name = unit.name if unit else record.unit
    urls = SiteUrls(governance.site_url)
    page_url = urls.absolute(urls.credential(record))
    approval = record.get("approval") or {}
    approved_on = str(approval.get("approved_on", ""))

    submitter_login = _text(record.get("contacts", "submitter", "github")) or author
    contact_login = _text(record.get("contacts", "unit_contact", "github"))
    mentions = tuple(
        dict.fromkeys(
            f"@{login}" for login in (submitter_login, contact_login) if login
        )
    )
    contact_without_login = "" if contact_login else _contact(record)

    to = _addresses(record.get("contacts", "submitter", "email"))
    cc = _addresses(
        record.get("contacts", "unit_contact", "email"),
        unit.contact if unit else "",
        governance.office("registrar").get("email"),
        governance.office(LEVEL_OFFICES.get(record.level, "")).get("email")
        if record.level in LEVEL_OFFICES
        else "",
    )
    cc = tuple(address for address in cc if address not in to)

    offering = _text(record.get("delivery", "enrolment_url")) or (
        unit.url if unit else ""
    )
    domain = governance.email_domain or "microcred.invalid"
    return Announcement(
        record_id=record.id,
        pull_request=int(approval.get("pull_request", 0)),
        title=record.title or record.id,
        unit_name=unit_name,
        page_url=page_url,
        approved_on=approved_on,
        mentions=mentions,
        contact_without_login=contact_without_login,
        to=to,
        cc=cc,
        faculty_text=faculty_text(
            record, unit_name, page_url, governance.institution_name
        ),
        offering_url=offering,
        message_id=f"<announce.{record.id}.{approval.get('pull_request', 0)}@{domain}>",
    )


def faculty_text(
    record: Record, unit_name: str, page_url: str, institution: str
) -> str:
    """Write a short announcement the unit can forward to its faculty and staff as it is."""
    summary = " ".join(record.summary.split())
    return (
        f"{unit_name} has a new micro-credential: {record.title}.\n\n"
        f"{summary}\n\n"
        f"It was approved by the {institution} micro-credential governance committee and is "
        f"listed in the catalogue at {page_url}. Please point interested learners to that page, "
        f"and share this note with colleagues who advise or teach them."
    )


def next_steps(item: Announcement) -> list[str]:
    offering = f" ({item.offering_url})" if item.offering_url else ""
    return [
        f"Update the unit's offering page{offering} so it links to the catalogue page {item.page_url}",
        "Share the announcement below with the unit's faculty and staff",
        "Check the badge in Canvas Credentials before the first learners finish",
        "After each offering, the program administrator awards the badge with `microcred award`",
    ]


def comment_body(item: Announcement, state: str, delivery: str) -> str:
    steps = "\n".join(f"- [ ] {step}" for step in next_steps(item))
    quoted = "\n".join(
        f"> {line}" if line else ">" for line in item.faculty_text.splitlines()
    )
    names = list(item.mentions)
    if item.contact_without_login:
        names.append(f"the unit contact, {item.contact_without_login}")
    addressees = " and ".join(names) or "The submitter"
    lines = [
        MARKER,
        f"## {item.title} is approved and published",
        "",
        f"{addressees}: the committee approved this micro-credential on {item.approved_on}. Its page is {item.page_url}.",
        "",
        "### Next steps",
        steps,
        "",
        "### Announcement for faculty and staff",
        quoted,
        "",
        f"Email to {', '.join(item.to) or 'nobody (no submitter email)'}, copied to {', '.join(item.cc) or 'nobody'}: {delivery}.",
        "",
        state_marker(item.record_id, state),
    ]
    return "\n".join(lines) + "\n"


def email_body(item: Announcement) -> str:
    steps = "\n".join(f"  [ ] {step}" for step in next_steps(item))
    return (
        f"Hello,\n\n{item.title} ({item.unit_name}) was approved on {item.approved_on} and is now "
        f"in the catalogue: {item.page_url}\n\nNext steps for the unit:\n{steps}\n\n"
        f"Announcement for the unit's faculty and staff (ready to forward):\n\n{item.faculty_text}\n\n"
        f"The approval record is on pull request #{item.pull_request}.\n"
    )


def state_marker(record_id: str, state: str) -> str:
    return f"<!-- microcred:announcement-state id={record_id} email={state} -->"


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _contact(record: Record) -> str:
    name = _text(record.get("contacts", "unit_contact", "name"))
    email = _text(record.get("contacts", "unit_contact", "email"))
    if name and email:
        return f"{name} ({email})"
    return name or email


def _addresses(*values: object) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        if isinstance(value, str) and "@" in value and value not in found:
            found.append(value)
    return tuple(found)
