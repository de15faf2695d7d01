"""Print an award plan as a table plus totals, without any learner's score."""

from __future__ import annotations

from .plan import AwardPlan, PlanEntry, Status

PLAN_ORDER = (
    Status.NEW,
    Status.ALREADY,
    Status.BELOW,
    Status.UNREADABLE,
    Status.ISSUED,
    Status.FAILED,
)


def render_plan(plan: AwardPlan, applying: bool) -> str:
    """Return the plan as text: one row per learner, then totals and notes."""
    lines = [
        f"Award plan for {plan.credential_id} (badge class {plan.badge_class}, passing score {plan.passing_score:g} %)",
        "",
    ]
    lines.extend(_table(plan.entries))
    lines.append("")
    lines.extend(render_totals(plan))
    lines.extend(_notes(plan))
    totals = plan.totals()
    if not applying and totals[Status.NEW]:
        lines.append("")
        lines.append(
            f"Nothing was issued. Run again with --apply to issue the {totals[Status.NEW]} new award(s)."
        )
    return "\n".join(lines) + "\n"


def render_totals(plan: AwardPlan) -> list[str]:
    """Return the count of learners per status, the four plan statuses always shown."""
    totals = plan.totals()
    lines = ["Totals:"]
    for status in PLAN_ORDER:
        if totals[status] or status in PLAN_ORDER[:4]:
            lines.append(f"  {status.value:<16} {totals[status]}")
    return lines


def _table(entries: list[PlanEntry]) -> list[str]:
    if not entries:
        return ["(no learner rows)"]
    header = ("line", "recipient", "status", "detail")
    rows = [(str(e.line), e.email or "-", e.status.value, e.detail) for e in entries]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    out = []
    for row in [header, *rows]:
        cells = [row[i].ljust(widths[i]) for i in range(3)]
        out.append("  ".join([*cells, row[3]]).rstrip())
    return out


def _notes(plan: AwardPlan) -> list[str]:
    notes = []
    for email, lines in sorted(plan.duplicates.items()):
        notes.append(
            f"  {email} appears on lines {', '.join(map(str, lines))}; it is counted once"
        )
    for line, reason in plan.skipped:
        if reason != "Points Possible row":
            notes.append(f"  line {line} skipped: {reason}")
    return ["", "Notes:", *notes] if notes else []
