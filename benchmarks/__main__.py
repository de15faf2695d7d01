"""Run every ``bench_*.py`` module and rewrite docs/benchmarks.md.

Each module defines ``TITLE`` and ``run(workdir: Path) -> str`` returning Markdown.
Pass module names (``python -m benchmarks check build``) to run only some of them;
the page then keeps the other sections from its previous version.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import pkgutil
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

import benchmarks

PAGE = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
MARK = "<!-- section: {name} -->"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def old_sections() -> dict[str, str]:
    if not PAGE.exists():
        return {}
    text = PAGE.read_text(encoding="utf-8")
    found = {}
    for match in re.finditer(
        r"<!-- section: (\S+) -->\n(.*?)(?=<!-- section: |\Z)", text, re.S
    ):
        found[match.group(1)] = match.group(2).rstrip() + "\n"
    return found


def main(argv: list[str]) -> int:
    names = sorted(
        m.name[len("bench_") :]
        for m in pkgutil.iter_modules(benchmarks.__path__)
        if m.name.startswith("bench_")
    )
    wanted = argv or names
    unknown = [n for n in wanted if n not in names]
    if unknown:
        print(
            f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(names)}",
            file=sys.stderr,
        )
        return 2
    sections = old_sections()
    for name in wanted:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        print(f"== {module.TITLE}", flush=True)
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix=f"microcred-bench-{name}-") as workdir:
            body = module.run(Path(workdir))
        elapsed = time.perf_counter() - started
        stamp = f"_Measured {dt.date.today().isoformat()} with `make bench` (`python -m benchmarks {name}`), {elapsed:.0f} s in all._\n"
        sections[name] = f"## {module.TITLE}\n\n{stamp}\n{body.strip()}\n"
        print(body, flush=True)
    header = (
        "# Benchmarks\n\n"
        "Every figure on this page comes from `make bench`, which runs the modules in\n"
        "`benchmarks/` and rewrites this page. Each section compares microcred with a\n"
        "baseline measured in the same run and gives the ratio.\n\n"
        f"Machine of the last run: {machine()}.\n\n"
    )
    ordered = [MARK.format(name=n) + "\n" + sections[n] for n in names if n in sections]
    PAGE.write_text(header + "\n".join(ordered), encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
