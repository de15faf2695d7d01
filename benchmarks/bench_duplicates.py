"""Duplicate and competing credentials: speed on synthetic catalogues, quality on
the labelled corpus in tests/duplicates/corpus/."""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

from benchmarks.synthetic import generate
from benchmarks.timing import tool
from microcred.catalogue import Catalogue
from microcred.similarity.compare import Thresholds, find_matches

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from duplicates.corpus import evaluate, load_pairs  # noqa: E402

TITLE = "Duplicate and competing credentials"
SIZE = 2000
PLANTED = 40
GROWTH = (250, 500, 1000, 2000)
REPEAT = 5
BASELINE_RECORDS = 100
THRESHOLDS = Thresholds(competing=0.6, similar=0.4)
#: Parse in this process only, to show what the split across cores saves.
ONE_JOB = {"MICROCRED_JOBS": "1"}
AFTER_START = """
import sys, time
from pathlib import Path
from microcred.check import CheckOptions, run_check
from microcred.rules import load_all
import microcred.similarity.compare
load_all()
started = time.perf_counter()
run_check(CheckOptions(root=Path(sys.argv[1]), paths=sys.argv[2:]))
print(time.perf_counter() - started)
"""


def run(workdir: Path) -> str:
    load = os.getloadavg()[0]
    root = workdir / f"catalogue-{SIZE}"
    catalogue = generate(root, SIZE, seed=11, planted_duplicates=PLANTED)
    check = [tool("microcred"), "check"]
    plain = {
        "plain": _best(check, root),
        "start": _best([tool("microcred"), "--help"], root),
    }
    proposal = _add_proposal(root)
    timings = plain | _command_timings(root, proposal)
    timings["one_search"] = _one_search(root, proposal)
    found, counts = _planted_found(root, catalogue.pairs)
    growth = [_audit_time(workdir, size) for size in GROWTH]
    naive = _naive_per_pair(root)
    page = _page(timings, found, counts, growth, naive, _corpus_rows())
    after = os.getloadavg()[0]
    loads = f"{load:.1f} when the run started and {after:.1f} when it ended"
    return page + f"\nLoad average (1 minute) of the machine: {loads}.\n"


def _add_proposal(root: Path) -> Path:
    """Copy one credential as a proposal with a new title, as a unit might open it."""
    source = sorted((root / "credentials").rglob("*.yaml"))[7]
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    for name in ("ctid", "approval", "canvas", "revised_on"):
        data.pop(name, None)
    data.update(id="bench-proposal", status="proposed", title="New: " + data["title"])
    target = root / "proposals" / data["unit"] / "bench-proposal.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return target


def _command_timings(root: Path, proposal: Path) -> dict[str, float]:
    check = [tool("microcred"), "check"]
    return {
        "all_pairs": _best([*check, "--all-pairs"], root),
        "all_pairs_one_job": _best([*check, "--all-pairs"], root, ONE_JOB),
        "one": _best([*check, str(proposal)], root),
        "one_after_start": _after_start(root, proposal, {}),
        "one_after_start_one_job": _after_start(root, proposal, ONE_JOB),
    }


def _after_start(root: Path, proposal: Path, env: dict[str, str]) -> float:
    """Return the shortest time of ``run_check`` for ``proposal``, modules loaded."""
    times = []
    for _ in range(REPEAT):
        script = [sys.executable, "-c", AFTER_START, str(root), str(proposal)]
        output = subprocess.run(
            script,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **env},
        )
        times.append(float(output.stdout.strip()))
    return min(times)


def _best(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """Return the shortest wall time of ``REPEAT`` runs of a command.

    The shortest run is the one least disturbed by other work on a shared machine,
    as with ``timeit``; exit code 1 (findings) counts as a normal run.
    """
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        result = subprocess.run(
            args,
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, **(env or {})},
        )
        times.append(time.perf_counter() - started)
        if result.returncode not in (0, 1):
            raise RuntimeError(
                f"{' '.join(args)} exited {result.returncode}:\n{result.stderr[-2000:]}"
            )
    return min(times)


def _one_search(root: Path, proposal: Path) -> float:
    """Time the duplicate search for one proposal, vectors of the pool included."""
    records = Catalogue.load(root).records
    target = [r for r in records if (root / r.path) == proposal]
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        find_matches(target, records, THRESHOLDS, all_pairs=False)
        times.append(time.perf_counter() - started)
    return min(times)


def _planted_found(
    root: Path, pairs: list[tuple[Path, Path]]
) -> tuple[int, Counter[str]]:
    records = Catalogue.load(root).records
    matches = find_matches(records, records, THRESHOLDS, all_pairs=True)
    errors = {
        frozenset((m.record.path, m.other.path))
        for m in matches
        if m.level in ("same-title", "competing")
    }
    found = 0
    for original, copy in pairs:
        key = frozenset(
            (original.relative_to(root).as_posix(), copy.relative_to(root).as_posix())
        )
        found += key in errors
    return found, Counter(m.level for m in matches)


def _audit_time(workdir: Path, size: int) -> tuple[int, float, int]:
    root = workdir / f"growth-{size}"
    generate(root, size, seed=size, planted_duplicates=size // 50)
    records = Catalogue.load(root).records
    times = []
    for _ in range(3):
        started = time.perf_counter()
        matches = find_matches(records, records, THRESHOLDS, all_pairs=True)
        times.append(time.perf_counter() - started)
    return size, min(times), len(matches)


def _naive_per_pair(root: Path) -> float:
    """Time difflib's ratio on the descriptions of every pair of the first records."""
    records = Catalogue.load(root).records[:BASELINE_RECORDS]
    texts = [r.description for r in records]
    started = time.perf_counter()
    pairs = 0
    for i, first in enumerate(texts):
        for second in texts[i + 1 :]:
            difflib.SequenceMatcher(None, first, second).ratio()
            pairs += 1
    return (time.perf_counter() - started) / pairs


def _corpus_rows() -> list[str]:
    rows = []
    for name, sets in (("tuning", ("tuning", "tuning_2")), ("held out", ("held_out",))):
        metrics = evaluate([p for s in sets for p in load_pairs(s)])
        dup, comp, dist = (
            metrics.count(label) for label in ("duplicate", "competing", "distinct")
        )
        rows.append(
            f"| {name} | {len(metrics.outcomes)} "
            f"| {metrics.count('duplicate', ('error',))}/{dup} "
            f"| {metrics.count('competing', ('error', 'warning'))}/{comp} "
            f"| {metrics.count('distinct', ('error',))}/{dist} "
            f"| {metrics.count('distinct', ('warning',))}/{dist} "
            f"| {metrics.precision():.2f} | {metrics.recall():.2f} |"
        )
    return rows


def _verdict(seconds: float, target: float) -> str:
    return "within the target" if seconds < target else "over the target"


def _page(
    timings: dict[str, float],
    found: int,
    counts: Counter[str],
    growth: list[tuple[int, float, int]],
    naive: float,
    corpus: list[str],
) -> str:
    pairs = SIZE * (SIZE - 1) // 2
    naive_total = naive * pairs
    audit = dict((size, seconds) for size, seconds, _ in growth)[SIZE]
    growth_rows = "\n".join(
        f"| {size:,} | {size * (size - 1) // 2:,} | {seconds:.2f} s | {found:,} |"
        for size, seconds, found in growth
    )
    print(
        json.dumps({"timings": timings, "planted_found": found, "levels": counts}),
        flush=True,
    )
    return f"""
The synthetic catalogue (`benchmarks/synthetic.py`) has {SIZE:,} approved credentials
plus {PLANTED} planted duplicates (reworded, reordered and often filed under another
unit). Command times are the best of {REPEAT} runs of the whole command, process start
included; `microcred --help` shows the start-up alone.

| command on {SIZE:,} records | time |
|---|---:|
| `microcred check --all-pairs` (audit: every record against every other) | {timings["all_pairs"]:.2f} s |
| the same, parsing in one process (`MICROCRED_JOBS=1`) | {timings["all_pairs_one_job"]:.2f} s |
| `microcred check` (no proposals, so no pairs to score) | {timings["plain"]:.2f} s |
| `microcred check <one proposal>` | {timings["one"]:.2f} s |
| the same, work after start-up (`run_check` timed inside Python, modules loaded) | {timings["one_after_start"]:.2f} s |
| the same, parsing in one process (`MICROCRED_JOBS=1`) | {timings["one_after_start_one_job"]:.2f} s |
| of which the duplicate search (`find_matches` for that proposal) | {timings["one_search"]:.2f} s |
| `microcred --help` (start-up, every command imported for the list) | {timings["start"]:.2f} s |

On Linux, `microcred check` parses the record files on every available core:
this process and forked children each parse a share and the children send their
documents back (`scripts/microcred/batchload.py`). The rows with
`MICROCRED_JOBS=1` parse everything in one process, as on a one-core machine.

Targets: the audit under 2 s with the schema checks, and one proposal against
{SIZE:,} records under 1 s of work after start-up.

Result: the audit took {timings["all_pairs"]:.2f} s, {_verdict(timings["all_pairs"], 2.0)};
`microcred check` with no pairs to score (loading and the other rules) takes
{timings["plain"]:.2f} s of that. One proposal took {timings["one_after_start"]:.2f} s of
work after start-up, {_verdict(timings["one_after_start"], 1.0)}, of which
{timings["one_search"]:.2f} s was the duplicate search; the rest is loading the
{SIZE:,} files and the other rules.

**Planted duplicates found as errors:** {found} of {PLANTED}. The audit reported
{counts["same-title"]} same-title pairs (MC201), {counts["competing"]} competing
pairs (MC202) and {counts["similar"]} similar pairs (MC204), at most five per record.
The generator writes up to fourteen variants of each topic ("Foundations",
"Bootcamp", "Practicum" and so on) with shared skills and description phrases, and
the check reports most of those variants as competing: they are the same subject
for the same skills.

### How the cost grows

Each record becomes four sparse TF-IDF vectors (title words, title trigrams, skills,
description). For an audit, sparse matrix products (scipy) give the cosine of every
pair that shares a feature, each pair computed once, in blocks of at most
500,000 cells, and each record's five closest pairs become findings. A pair's
score is never above its largest part, and a part is its cosine raised to 0.7,
so only pairs with a cosine at or above the similar threshold raised to 1/0.7
are scored in full. Building the vectors is linear in the catalogue. The products grow
with the number of pairs that share vocabulary, at worst with the square of the
catalogue, but run in compiled code. One proposal is scored against every record
directly in Python (linear), without loading scipy. The table times the duplicate
search alone (`find_matches`, vectors included) in this process, best of three.

| records | pairs | audit time | pairs reported |
|---:|---:|---:|---:|
{growth_rows}

**Baseline:** difflib's `SequenceMatcher.ratio()` on the descriptions of every
pair, measured on {BASELINE_RECORDS} records ({naive * 1e3:.2f} ms a pair) and
extrapolated, not run, to {SIZE:,} records ({pairs:,} pairs): about
{naive_total / 60:.0f} minutes, {naive_total / audit:,.0f} times the audit above.

### Quality on the labelled corpus

Pairs in `tests/duplicates/corpus/`: duplicates must be errors (MC201 or MC202),
competing pairs must be flagged (error or warning), distinct pairs must not be
errors. Precision is the share of flagged pairs that are duplicate or competing;
recall is the share of duplicate and competing pairs that are flagged. The tuning
pairs include a first held-out set that a previous version of the method failed
(2 of 7 competing pairs flagged); the held-out pairs were written after the method
was fixed and nothing was changed for them.

| set | pairs | duplicates as errors | competing flagged | distinct as errors | distinct as warnings | precision | recall |
|---|---:|---:|---:|---:|---:|---:|---:|
{chr(10).join(corpus)}
"""
