"""Progress of a long award run: a bar in a terminal, plain log lines elsewhere."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

log = logging.getLogger(__name__)


def interactive() -> bool:
    """True in a terminal outside CI, where a redrawn bar is readable."""
    return sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(n)``, which moves a progress bar or logs one line per step."""
    if total and interactive():
        with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
            yield bar.update
        return
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        log.info("%s: %d of %d", label, done, total)

    yield advance


def configure_logging() -> None:
    """Log to stderr unless the caller configured logging already.

    In a terminal only warnings are shown, so that the progress bar stays readable;
    elsewhere INFO lines give the counts and ids of each step.
    """
    root = logging.getLogger()
    if not root.handlers:
        level = logging.WARNING if interactive() else logging.INFO
        logging.basicConfig(
            level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
        )
