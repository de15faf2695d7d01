"""``microcred check`` against check-jsonschema on the same synthetic files."""

from __future__ import annotations

from pathlib import Path

from benchmarks.synthetic import write_catalogue
from benchmarks.timing import time_command, tool

TITLE = "Checking the catalogue: microcred check against check-jsonschema"
SIZES = (200, 1000, 2000)
REPEAT = 5
BASELINE_REPEAT = 3


def run(workdir: Path) -> str:
    rows = []
    for size in SIZES:
        root = workdir / f"catalogue-{size}"
        paths = write_catalogue(root, size, seed=size)
        ours = time_command([tool("microcred"), "check"], root, REPEAT)
        files = [str(p.relative_to(root)) for p in paths]
        baseline = time_command(
            [
                tool("check-jsonschema"),
                "--schemafile",
                "schema/proposal.schema.json",
                *files,
            ],
            root,
            BASELINE_REPEAT,
        )
        rows.append((size, ours, baseline))
        print(
            f"{size}: microcred {ours:.2f} s, check-jsonschema {baseline:.2f} s",
            flush=True,
        )
    table = "\n".join(
        f"| {size:,} | {ours:.2f} s | {base:.2f} s | {ours / base:.2f} |"
        for size, ours, base in rows
    )
    return f"""
Both tools read the same synthetic credential files (`benchmarks/synthetic.py`) and
validate them against `schema/proposal.schema.json`. `microcred check` also runs every
other rule: references, governance, duplicates and competing credentials, CODEOWNERS
drift and the grade-export scan. Times are medians of {REPEAT} runs of the whole command
({BASELINE_REPEAT} for check-jsonschema), process start included.

Targets: at most a quarter of check-jsonschema's time, and at most 2 s for 2,000 files.

| credentials | microcred check | check-jsonschema | ratio |
|---:|---:|---:|---:|
{table}
"""
