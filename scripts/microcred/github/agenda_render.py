"""Markdown of a committee agenda: the issue body and the ``--output`` file."""

from __future__ import annotations

from .agenda_model import Agenda, AgendaItem, days_between, meeting_label

MARKER = "<!-- microcred:agenda {date} -->"


def agenda_title(agenda: Agenda) -> str:
    return f"Committee agenda {agenda.meeting.isoformat()}"


def render_agenda(agenda: Agenda, time: str = "", timezone: str = "") -> str:
    """Return the agenda as GitHub-flavoured Markdown; the same input gives the same text."""
    when = " ".join(
        part
        for part in (agenda.meeting.strftime("%A %d %B %Y"), time, timezone)
        if part
    )
    lines = [
        MARKER.format(date=agenda.meeting.isoformat()),
        f"# {agenda_title(agenda)}",
        "",
        f"- Meeting: {when}",
        f"- Agenda cut-off: {agenda.cutoff.isoformat()} (department head signatures up to this day)",
        f"- Decisions due: {agenda.decision_due.isoformat()}",
        f"- Pull requests on this agenda carry the label `{meeting_label(agenda.meeting)}`.",
        f"- Prepared on {agenda.today.isoformat()} by `microcred agenda`; it rewrites this text when rerun.",
        "",
    ]
    if not agenda.local_items:
        empty = "No proposal is ready for this meeting."
        lines += _section("For decision", agenda.on_agenda, agenda, True, empty)
    if agenda.overdue:
        lines += ["## Overdue decisions", ""]
        lines += [
            f"- #{o.item.number} {o.item.title} ({o.item.unit}): on the agenda of {o.meeting.isoformat()}, decision was due {o.due.isoformat()}"
            for o in agenda.overdue
        ]
        lines.append("")
    lines += _section(
        "Signed after the cut-off (next meeting)", agenda.after_cutoff, agenda
    )
    lines += _section(
        "Not ready: checks failing or changes requested", agenda.not_ready, agenda
    )
    lines += _section("Awaiting a department head", agenda.awaiting_head, agenda)
    lines += _section("Signed, waiting to be merged", agenda.signed, agenda)
    lines += _section(
        "Proposals in this checkout (signatures are on GitHub)",
        agenda.local_items,
        agenda,
        detailed=True,
    )
    return "\n".join(lines).rstrip("\n") + "\n"


def _section(
    title: str,
    items: list[AgendaItem],
    agenda: Agenda,
    detailed: bool = False,
    empty: str = "",
) -> list[str]:
    if not items and not empty:
        return []
    lines = [f"## {title}", ""]
    if not items:
        return lines + [empty, ""]
    for item in items:
        lines += _detailed(item, agenda) if detailed else [_brief(item, agenda)]
    return lines + [""]


def _detailed(item: AgendaItem, agenda: Agenda) -> list[str]:
    heading = f"### {_link(item)} {_escape(item.title)}"
    lines = [heading, ""]
    lines.append(
        f"- Unit: {item.unit}; {item.kind}; submitted by {_escape(item.submitter)}"
    )
    waiting = days_between(item.head_signed_on, agenda.today)
    if waiting is not None:
        lines.append(
            f"- Waiting {waiting} days since the department head signed on {item.head_signed_on}"
        )
    elif item.opened_on:
        lines.append(
            f"- Waiting {days_between(item.opened_on, agenda.today)} days since {item.opened_on}"
        )
    if item.signature_state:
        lines.append(f"- Signatures: {_escape(item.signature_state)}")
    if item.checks:
        lines.append(f"- Checks: {item.checks}")
    if item.summary:
        lines.append(f"- Summary: {_escape(item.summary)}")
    if item.warnings:
        lines.append("- Duplicate warnings:")
        lines += [f"  - {_escape(w)}" for w in item.warnings]
    else:
        lines.append("- Duplicate warnings: none")
    return lines + [""]


def _brief(item: AgendaItem, agenda: Agenda) -> str:
    since = item.head_signed_on or item.opened_on
    days = days_between(since, agenda.today)
    state = (
        item.signature_state
        if item.checks_pass
        else f"{item.signature_state}; checks {item.checks}"
    )
    return f"- {_link(item)} {_escape(item.title)} ({item.unit}, {_escape(item.submitter)}, {days} days): {_escape(state)}"


def _link(item: AgendaItem) -> str:
    return f"[#{item.number}]({item.url})" if item.number else f"`{item.url}`"


def _escape(text: str) -> str:
    """Keep record text from opening HTML or mentioning people in the issue."""
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("@", "@\u200b")
