"""Write an agenda to GitHub: one issue per meeting, PR labels, overdue reminders.

Every write is idempotent: the issue is found by its marker and edited only when
its text changed, labels are added only where missing, and each overdue pull
request gets one reminder per meeting, found again by its marker.
"""

from __future__ import annotations

import logging

from github.Issue import Issue
from github.Repository import Repository

from .agenda_model import AGENDA_LABEL, Agenda, Overdue, meeting_label
from .agenda_render import MARKER, agenda_title
from .sticky import IsBot, LabelSpec, ensure_labels, find_marked

log = logging.getLogger(__name__)
OVERDUE_MARKER = "<!-- microcred:overdue {label} -->"


def find_agenda_issue(repo: Repository, agenda: Agenda) -> Issue | None:
    marker = MARKER.format(date=agenda.meeting.isoformat())
    title = agenda_title(agenda)
    for issue in repo.get_issues(state="all", labels=[AGENDA_LABEL]):
        if issue.pull_request is None and (
            marker in (issue.body or "") or issue.title == title
        ):
            return issue
    return None


def publish_agenda(
    repo: Repository, agenda: Agenda, body: str, is_bot: IsBot, dry_run: bool
) -> list[str]:
    """Create or update the agenda issue, label its pull requests, remind overdue ones."""
    actions: list[str] = []
    label = meeting_label(agenda.meeting)
    specs = [
        LabelSpec(AGENDA_LABEL, "1d76db", "Committee meeting agenda"),
        LabelSpec(
            label, "c5def5", f"On the committee agenda of {agenda.meeting.isoformat()}"
        ),
    ]
    if not dry_run:
        actions += [f"label {name} created" for name in ensure_labels(repo, specs)]
    actions += _write_issue(repo, agenda, body, dry_run)
    actions += _label_pulls(repo, agenda, label, dry_run)
    for overdue in agenda.overdue:
        actions += _remind(repo, overdue, is_bot, dry_run)
    return actions


def _write_issue(
    repo: Repository, agenda: Agenda, body: str, dry_run: bool
) -> list[str]:
    issue = find_agenda_issue(repo, agenda)
    title = agenda_title(agenda)
    if issue is None:
        if not dry_run:
            issue = repo.create_issue(title=title, body=body, labels=[AGENDA_LABEL])
            return [f"issue #{issue.number} created: {title}"]
        return [f"would create issue: {title}"]
    if issue.body == body and issue.title == title:
        return []
    if not dry_run:
        issue.edit(title=title, body=body)
    return [f"issue #{issue.number} {'would be ' if dry_run else ''}updated"]


def _label_pulls(
    repo: Repository, agenda: Agenda, label: str, dry_run: bool
) -> list[str]:
    actions = []
    wanted = {item.number for item in agenda.on_agenda}
    for item in agenda.on_agenda:
        if label not in item.labels:
            if not dry_run:
                repo.get_issue(item.number).add_to_labels(label)
            actions.append(f"#{item.number}: label {label} added")
    if agenda.meeting < agenda.today:
        return (
            actions  # after the meeting the labels are the record of what was discussed
        )
    others = (
        agenda.not_ready + agenda.after_cutoff + agenda.awaiting_head + agenda.signed
    )
    for item in others:
        if label in item.labels and item.number not in wanted:
            if not dry_run:
                repo.get_issue(item.number).remove_from_labels(label)
            actions.append(f"#{item.number}: label {label} removed")
    return actions


def _remind(
    repo: Repository, overdue: Overdue, is_bot: IsBot, dry_run: bool
) -> list[str]:
    marker = OVERDUE_MARKER.format(label=meeting_label(overdue.meeting))
    issue = repo.get_issue(overdue.item.number)
    if find_marked(issue, marker, is_bot):
        return []
    body = (
        f"{marker}\n"
        f"This pull request was on the committee agenda of {overdue.meeting.isoformat()}, "
        f"and the decision was due on {overdue.due.isoformat()}. "
        "Committee members: please approve, request changes, or close it with a reason. "
        f"Current state: {overdue.item.signature_state}\n"
    )
    if not dry_run:
        issue.create_comment(body)
    return [
        f"#{overdue.item.number}: overdue reminder {'would be ' if dry_run else ''}posted"
    ]
