"""``microcred build`` against a plain mkdocs-material build of as many pages."""

from __future__ import annotations

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
    for size in SIZES:
        root = workdir / f"catalogue-{size}"
        paths = write_catalogue(root, size, seed=size)
        _copy_site_config(root)
        site = workdir / "site"
        ours = time_fresh_build(
            [tool("microcred"), "build", "--site-dir", str(site)], root, site
        )
        floor_root = workdir / f"floor-{size}"
        write_floor_site(floor_root, paths)
        floor = time_fresh_build(
            [tool("mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(site)],
            floor_root,
            site,
        )
        rows.append((size, ours, floor))
        print(f"{size}: microcred build {ours:.2f} s, floor {floor:.2f} s", flush=True)
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
kept out of the nav like the generated pages. Times are medians of {REPEAT} runs of
the whole command, process start included, each into an empty site folder as on a
fresh clone in CI. Rebuilding over an earlier output adds the time mkdocs takes to
delete it, which grows with the number of files: microcred writes about six files per
credential (page, badge and four exports) where the floor writes one.

Target: at most {TARGET_RATIO} times the floor.

| credentials | microcred build | floor | ratio |
|---:|---:|---:|---:|
{table}
"""


def time_fresh_build(args: Sequence[str], cwd: Path, site: Path) -> float:
    """Run a build ``REPEAT`` times into an empty ``site`` and return the median seconds."""
    times = []
    for _ in range(REPEAT):
        shutil.rmtree(site, ignore_errors=True)
        started = time.perf_counter()
        result = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args)} exited {result.returncode}:\n{result.stderr[-2000:]}"
            )
    shutil.rmtree(site, ignore_errors=True)
    return statistics.median(times)


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
