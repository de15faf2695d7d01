"""Write proposal files derived from the sample catalogue for duplicate-check tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/proposal.schema.json\n"
SAMPLE = "credentials/computing/data-visualization-python.yaml"
GENERATED = ("ctid", "approval", "canvas", "revised_on")


def load_data(repo: Path, rel_path: str = SAMPLE) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((repo / rel_path).read_text(encoding="utf-8"))
    return data


def write_record(
    repo: Path, folder: str, unit: str, record_id: str, data: dict[str, Any]
) -> Path:
    """Write ``data`` as ``<folder>/<unit>/<record_id>.yaml`` and return the path."""
    record = dict(data, id=record_id, unit=unit)
    if folder == "proposals":
        record = {k: v for k, v in record.items() if k not in GENERATED}
        record["status"] = "proposed"
        review = dt.date.today() + dt.timedelta(days=365)
        record["review_by"] = review.isoformat()
    target = repo / folder / unit / f"{record_id}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=1000)
    target.write_text(SCHEMA_LINE + body, encoding="utf-8")
    return target


def reworded_sample(repo: Path) -> dict[str, Any]:
    """Return the sample credential as another unit would write it."""
    data = load_data(repo)
    data["title"] = "Visualising Data in Python"
    data["summary"] = (
        "Make clear and honest charts from untidy tables using Python, and explain "
        "them to people who never open a spreadsheet."
    )
    data["description"] = (
        "Analysts explain numbers as often as they compute them. Learners tidy a "
        "public data set, choose the chart that answers each question, and publish "
        "a brief visual report built in Jupyter notebooks with pandas and "
        "matplotlib, after peer review of each other's charts for misleading scales."
    )
    data["skills"] = [
        {"name": "Data visualisation", "framework": "custom"},
        {"name": "Programming in Python", "framework": "custom"},
        {"name": "Data cleaning", "framework": "custom"},
        {"name": "Communication", "framework": "NACE"},
    ]
    return data


def line_of(path: Path, prefix: str) -> int:
    """Return the 1-based number of the first line that starts with ``prefix``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(prefix):
            return number
    raise AssertionError(f"no line starting with {prefix!r} in {path}")
