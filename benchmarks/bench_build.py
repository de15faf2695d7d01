"""``microcred build`` against a plain mkdocs-material build of as many pages."""

from __future__ import annotations

import itertools
import shutil
import statistics
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

import yaml

from benchmarks.synthetic import write_catalogue
from benchmarks.timing import tool

TITLE = "Building the site: microcred build against a plain mkdocs-material build"
SIZES = (200, 1000, 2000)
REPEAT = 3
REPO = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.3


def run(workdir: Path) -> str:
    rows = []
    outputs = itertools.count()
    for size in SIZES:
        root = workdir / f"catalogue-{size}"
        paths = write_catalogue(root, size, seed=size)
        _copy_site_config(root)
        floor_root = workdir / f"floor-{size}"
        write_floor_site(floor_root, paths)
        ours, floor = [], []
        for _ in range(REPEAT):
            site = workdir / f"site-{next(outputs)}"
            ours.append(
                time_build([tool("microcred"), "build", "--site-dir", str(site)], root)
            )
            site = workdir / f"site-{next(outputs)}"
            floor.append(
                time_build(
                    [tool("mkdocs"), "build", "--strict", "--quiet"]
                    + ["--site-dir", str(site)],
                    floor_root,
                )
            )
        rows.append((size, statistics.median(ours), statistics.median(floor)))
        print(
            f"{size}: microcred build {rows[-1][1]:.2f} s, floor {rows[-1][2]:.2f} s",
            flush=True,
        )
    table = "\n".join(
        f"| {size:,} | {ours:.2f} s | {floor:.2f} s | {ours / floor:.2f} |"
        for size, ours, floor in rows
    )
    return f"""
`microcred build` checks a synthetic catalogue (`benchmarks/synthetic.py`) and builds
the whole site: a page per credential, unit and college, the filterable home page,
badges and every export (JSON, Open Badges 2.0 and 3.0, CTDL, feed). The floor is
`mkdocs build` with mkdocs-material and the same hand-written docs, plus one plain
Markdown page per credential (title, summary, description, outcomes and skills),
kept out of the nav like the generated pages. Both sites have search: the floor's
pages are indexed by mkdocs-material's search plugin, microcred's credential pages
from the HTML the plugin rendered (`scripts/microcred/site/search.py`), which skips
a second HTML parse of every page. Times are medians of {REPEAT} runs of
the whole command, process start included, the two builds taking turns. Every run
writes into a new folder, as on a fresh clone in CI, and the folders are deleted
when the benchmark ends. Deleting a previous output just before a run slows that
run's file writes on this machine. It slows microcred more, because it writes about
six files per credential (page, badge and four exports) where the floor writes one.
A 2,000-credential build took 13.8 to 14.9 s right after the previous output was
deleted, and 8.1 to 8.7 s into a new folder. The outputs of all runs take about
1 GB of disk until the end.

Target: at most {TARGET_RATIO} times the floor.

| credentials | microcred build | floor | ratio |
|---:|---:|---:|---:|
{table}
"""


def time_build(args: Sequence[str], cwd: Path) -> float:
    """Run one build and return its wall time in seconds."""
    started = time.perf_counter()
    result = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args)} exited {result.returncode}:\n{result.stderr[-2000:]}"
        )
    return elapsed


def _copy_site_config(root: Path) -> None:
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True)


def write_floor_site(root: Path, record_paths: list[Path]) -> None:
    """Write a plain mkdocs-material site with one Markdown page per record."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - microcred\n", "")
    config += "\nnot_in_nav: |\n  /credentials/\n"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    pages = root / "docs" / "credentials"
    pages.mkdir()
    for path in record_paths:
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        (pages / f"{record['id']}.md").write_text(_plain_page(record), encoding="utf-8")


def _plain_page(record: dict[str, object]) -> str:
    competencies = "\n".join(f"- {item}" for item in record.get("competencies", []))
    skills = "\n".join(f"- {item['name']}" for item in record.get("skills", []))
    return (
        f"# {record['title']}\n\n{record['summary']}\n\n"
        f"## About\n\n{record['description']}\n\n"
        f"## What you will be able to do\n\n{competencies}\n\n"
        f"## Skills\n\n{skills}\n"
    )
