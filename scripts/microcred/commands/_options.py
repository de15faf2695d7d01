"""Options that several commands share, defined once so their help stays the same."""

from __future__ import annotations

from pathlib import Path

import click

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Repository root; by default the nearest folder with governance.yaml.",
)
