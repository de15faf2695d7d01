"""The agenda of one committee meeting, sorted from facts about each pull request.

A proposal is on the agenda when every department head it needs signed on or before
the cut-off day, its checks pass and no signatory requested changes. It is overdue
when it carries the label of a past meeting and is still undecided after that
meeting's decision window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .calendar import ReviewCalendar

AGENDA_LABEL = "agenda"


def meeting_label(meeting: dt.date) -> str:
    return f"agenda-{meeting.isoformat()}"


def label_meeting(label: str) -> dt.date | None:
    """Return the meeting date of an ``agenda-YYYY-MM-DD`` label, or None."""
    if not label.startswith("agenda-"):
        return None
    try:
        return dt.date.fromisoformat(label.removeprefix("agenda-"))
    except ValueError:
        return None


@dataclass
class AgendaItem:
    """One pull request with a proposal or a credential revision."""

    number: int
    url: str
    title: str
    unit: str
    submitter: str
    summary: str
    kind: str
    opened_on: dt.date
    #: Day (meeting time zone) the last required department head signed, or None.
    head_signed_on: dt.date | None
    signature_state: str
    signature_label: str
    checks_pass: bool
    checks: str
    warnings: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return self.signature_label == "changes-requested"

    @property
    def signed(self) -> bool:
        return self.signature_label == "signed"

    def past_meetings(self, today: dt.date) -> list[dt.date]:
        dates = (label_meeting(name) for name in self.labels)
        return sorted(d for d in dates if d is not None and d < today)


@dataclass
class Overdue:
    item: AgendaItem
    meeting: dt.date
    due: dt.date


@dataclass
class Agenda:
    meeting: dt.date
    cutoff: dt.date
    decision_due: dt.date
    today: dt.date
    on_agenda: list[AgendaItem] = field(default_factory=list)
    after_cutoff: list[AgendaItem] = field(default_factory=list)
    not_ready: list[AgendaItem] = field(default_factory=list)
    awaiting_head: list[AgendaItem] = field(default_factory=list)
    signed: list[AgendaItem] = field(default_factory=list)
    overdue: list[Overdue] = field(default_factory=list)
    #: Set when the items come from a checkout rather than from GitHub.
    local_items: list[AgendaItem] = field(default_factory=list)


def build_agenda(
    items: list[AgendaItem], cal: ReviewCalendar, meeting: dt.date, today: dt.date
) -> Agenda:
    """Sort ``items`` into the sections of ``meeting``'s agenda."""
    agenda = Agenda(meeting, cal.cutoff(meeting), cal.decision_due(meeting), today)
    for item in sorted(items, key=lambda i: i.number):
        _place(agenda, item)
        if item.signed:
            continue
        for past in item.past_meetings(today):
            if cal.decision_due(past) < today:
                agenda.overdue.append(Overdue(item, past, cal.decision_due(past)))
                break
    return agenda


def _place(agenda: Agenda, item: AgendaItem) -> None:
    if item.signed:
        agenda.signed.append(item)
    elif item.head_signed_on is None and not item.blocked:
        agenda.awaiting_head.append(item)
    elif item.blocked or not item.checks_pass:
        agenda.not_ready.append(item)
    elif item.head_signed_on is not None and item.head_signed_on > agenda.cutoff:
        agenda.after_cutoff.append(item)
    else:
        agenda.on_agenda.append(item)


def days_between(start: dt.date | None, end: dt.date) -> int | None:
    return None if start is None else (end - start).days
