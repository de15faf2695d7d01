"""``microcred build``: check the catalogue, then build the site with mkdocs --strict."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from ..check import CheckOptions, run_check
from ..errors import MicrocredError
from ..findings import Severity
from ..repo import find_root
from ..reporters import report_text
from ._options import root_option

log = logging.getLogger(__name__)


@click.command("build")
@root_option
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the site into; by default site_dir from mkdocs.yml (site/).",
)
def command(root: Path | None, site_dir: Path | None) -> int:
    """Check the catalogue and build the site into the site folder.

    Exit codes: 0 built, 1 the check found errors or the build failed, 2 usage error,
    3 internal error.
    """
    repo = find_root(root)
    result = run_check(CheckOptions(root=repo))
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    if errors:
        report_text(result.findings, sys.stdout, result.sections)
        click.echo("The site was not built because the catalogue has errors.", err=True)
        return 1
    if result.findings:
        report_text(result.findings, sys.stderr, result.sections)

    from ..site.plugin import preload

    preload(result.catalogue)
    build_site(repo, site_dir)
    return 0


def build_site(repo: Path, site_dir: Path | None) -> None:
    """Run ``mkdocs build --strict`` in this process for the catalogue at ``repo``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    config_file = repo / "mkdocs.yml"
    if not config_file.is_file():
        raise MicrocredError(
            f"{config_file} not found", "add mkdocs.yml at the repository root"
        )
    overrides: dict[str, Any] = {"strict": True}
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir.resolve())
    with _mkdocs_log_to_stderr():
        try:
            config = load_config(str(config_file), **overrides)
            build(config)
        except (Abort, ConfigurationError) as exc:
            raise MicrocredError(
                f"mkdocs build failed: {exc}",
                "fix the problem above and run `microcred build` again",
            ) from None
    log.info("site built in %s", config.site_dir)


@contextlib.contextmanager
def _mkdocs_log_to_stderr() -> Iterator[None]:
    """Print mkdocs' messages to stderr while the build runs, as its own CLI does."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
