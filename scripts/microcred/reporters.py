"""Reporters: text for people, JSON for tools, GitHub annotations plus a job summary."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from typing import TextIO

from .errors import MicrocredError
from .findings import Finding, Severity, count_by_severity

Reporter = Callable[[Sequence[Finding], TextIO, dict[str, str]], None]


def _totals(findings: Sequence[Finding]) -> str:
    counts = count_by_severity(findings)
    errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def report_text(
    findings: Sequence[Finding], out: TextIO, sections: dict[str, str]
) -> None:
    for item in findings:
        where = f" [{item.field}]" if item.field else ""
        out.write(
            f"{item.location}: {item.severity.value} {item.rule}{where}: {item.message}\n"
        )
        if item.hint:
            out.write(f"    fix: {item.hint}\n")
    out.write(f"{_totals(findings)}\n" if findings else "no problems found\n")


def report_json(
    findings: Sequence[Finding], out: TextIO, sections: dict[str, str]
) -> None:
    counts = count_by_severity(findings)
    payload = {
        "findings": [item.as_dict() for item in findings],
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "summary": sections,
    }
    json.dump(payload, out, indent=2, ensure_ascii=False)
    out.write("\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(
    findings: Sequence[Finding], out: TextIO, sections: dict[str, str]
) -> None:
    """Print workflow-command annotations and append a Markdown job summary."""
    for item in findings:
        command = "error" if item.severity is Severity.ERROR else "warning"
        props = f"file={_escape_property(item.path)}"
        if item.line:
            props += f",line={item.line}"
        props += f",title={_escape_property(item.rule + ' ' + item.field if item.field else item.rule)}"
        body = item.message + (f"\nFix: {item.hint}" if item.hint else "")
        out.write(f"::{command} {props}::{_escape_data(body)}\n")
    out.write(f"{_totals(findings)}\n" if findings else "no problems found\n")
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        try:
            with open(summary_path, "a", encoding="utf-8") as handle:
                handle.write(markdown_summary(findings, sections))
        except OSError as exc:
            raise MicrocredError(
                f"cannot write the job summary to GITHUB_STEP_SUMMARY={summary_path}: {exc.strerror}",
                "point GITHUB_STEP_SUMMARY at a writable file, or unset it outside GitHub Actions",
            ) from None


def _cell(text: str) -> str:
    return (
        text.replace("|", "\\|")
        .replace("\n", " ")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def markdown_summary(findings: Sequence[Finding], sections: dict[str, str]) -> str:
    """Render one Markdown summary: a verdict, a table of findings, then sections."""
    counts = count_by_severity(findings)
    if counts[Severity.ERROR]:
        verdict = f"### ❌ microcred check: {_totals(findings)}\n\nFix the errors below, push, and the check runs again.\n"
    elif counts[Severity.WARNING]:
        verdict = f"### ⚠️ microcred check: {_totals(findings)}\n\nWarnings do not block the merge; reviewers will read them.\n"
    else:
        verdict = "### ✅ microcred check: no problems found\n"
    lines = [verdict]
    if findings:
        lines.append("| | Where | Rule | Problem | Fix |\n|---|---|---|---|---|\n")
        for item in findings:
            icon = "❌" if item.severity is Severity.ERROR else "⚠️"
            lines.append(
                f"| {icon} | `{_cell(item.location)}` | {item.rule} | {_cell(item.message)} | {_cell(item.hint)} |\n"
            )
    for title, body in sections.items():
        lines.append(f"\n#### {title}\n\n{body}\n")
    return "".join(lines) + "\n"


REPORTERS: dict[str, Reporter] = {
    "text": report_text,
    "json": report_json,
    "github": report_github,
}
