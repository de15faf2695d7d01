"""``microcred check``: schema, references, duplicates and governance, at file:line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..check import CheckOptions, run_check
from ..repo import find_root
from ..reporters import REPORTERS
from ._options import root_option


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="Output: text for people, json for tools, github for workflow annotations plus a job summary.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--all-pairs",
    is_flag=True,
    help="Compare every record with every other record (catalogue audit).",
)
@click.option(
    "--against-open-prs",
    is_flag=True,
    help="Also compare with proposals in other open pull requests (needs GITHUB_TOKEN and GITHUB_REPOSITORY).",
)
@root_option
def command(
    paths: tuple[str, ...],
    output_format: str,
    strict: bool,
    all_pairs: bool,
    against_open_prs: bool,
    root: Path | None,
) -> int:
    """Check records; with no PATHS, the whole repository.

    Exit codes: 0 no errors, 1 errors (or warnings with --strict), 2 usage error,
    3 internal error.

    On Linux, a catalogue of 300 or more files is parsed on all available cores;
    set MICROCRED_JOBS=1 to use one process, or another number to cap them.
    """
    options = CheckOptions(
        root=find_root(root), paths=list(paths), strict=strict, all_pairs=all_pairs
    )
    if against_open_prs:
        from ..github.open_prs import records_from_open_prs

        options.extra_records = records_from_open_prs(options.root)
    result = run_check(options)
    REPORTERS[output_format](result.findings, sys.stdout, result.sections)
    return result.exit_code(strict)
