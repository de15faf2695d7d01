"""``microcred emulator``: run a local Canvas Credentials server for demos and tests."""

from __future__ import annotations

import logging
import os
import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import MicrocredError

if TYPE_CHECKING:
    from ..canvas.emulator import Emulator


def issuer_from_governance(root: Path | None) -> str:
    """Return ``canvas.issuer`` of the nearest governance.yaml, or the demo issuer."""
    from ..canvas.emulator import DEFAULT_ISSUER
    from ..governance import Governance
    from ..loader import LoadError, load_file
    from ..repo import find_root

    try:
        folder = find_root(root)
        governance = Governance.from_document(
            load_file(str(folder / "governance.yaml"))
        )
    except (MicrocredError, LoadError):
        return DEFAULT_ISSUER
    issuer = governance.section("canvas").get("issuer")
    return issuer if isinstance(issuer, str) and issuer else DEFAULT_ISSUER


def stop_on_signal(signum: int, frame: object) -> None:
    """Turn SIGTERM into the same clean stop as Ctrl-C."""
    raise KeyboardInterrupt


def check_state_folder(state_file: Path) -> None:
    """Raise a MicrocredError unless the emulator can save ``state_file``.

    The emulator saves after every change, so a folder it cannot write to would
    otherwise fail the first API request that stores something.
    """
    folder = state_file.parent
    if not folder.is_dir():
        raise MicrocredError(
            f"cannot save the state file {state_file}: the folder {folder} does not exist",
            f"create it with `mkdir -p {folder}`, or pass another --state",
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise MicrocredError(
            f"cannot save the state file {state_file}: the folder {folder} is not writable",
            "pass a --state path in a folder you can write to",
        )


def print_banner(emulator: Emulator, state_file: Path | None) -> None:
    """Print the address, the demo account and the variables that point at it."""
    saved = f", saved to {state_file}" if state_file else ""
    click.echo(f"Canvas Credentials emulator on {emulator.url}")
    click.echo(f"  issuer entityId: {emulator.issuer_id}")
    click.echo(f"  demo account:    {emulator.username} / {emulator.password}")
    click.echo(f"  state:           {emulator.url}/_emulator/state{saved}")
    click.echo("Use it from another terminal:")
    click.echo(f"  export CANVAS_CREDENTIALS_URL={emulator.url}")
    click.echo(f"  export CANVAS_CREDENTIALS_USERNAME={emulator.username}")
    click.echo(f"  export CANVAS_CREDENTIALS_PASSWORD={emulator.password}")
    click.echo("Press Ctrl-C to stop.", err=True)


@click.command("emulator")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="TCP port on 127.0.0.1; 0 picks a free one.",
)
@click.option(
    "--state",
    "state_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSON file to load the state from and save it to after each change.",
)
@click.option(
    "--latency",
    "latency_ms",
    type=click.FloatRange(0),
    default=0,
    show_default=True,
    help="Delay added to every API request, in milliseconds.",
)
@click.option(
    "--fault-rate",
    type=click.FloatRange(0, 1),
    default=0,
    show_default=True,
    help="Share of API requests (0 to 1) that fail with a random injected fault.",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Seed of the fault generator, to repeat a run.",
)
@click.option(
    "--token-lifetime",
    type=click.FloatRange(min=0, min_open=True),
    default=86400,
    show_default=True,
    help="Seconds an access token stays valid; a short one exercises refreshes.",
)
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Catalogue whose canvas.issuer the emulator serves; by default the nearest one.",
)
def command(
    port: int,
    state_file: Path | None,
    latency_ms: float,
    fault_rate: float,
    seed: int,
    token_lifetime: float,
    root: Path | None,
) -> int:
    """Run a local Canvas Credentials (Badgr v2) server until Ctrl-C or SIGTERM.

    It prints the URL and the demo account. Point microcred at it with the
    CANVAS_CREDENTIALS_* variables it prints. GET /_emulator/state shows what it
    stores and how many requests it served.
    """
    from ..canvas.emulator import Emulator

    logging.basicConfig(
        level=logging.INFO, format="%(levelname)s %(name)s: %(message)s"
    )
    if state_file is not None:
        check_state_folder(state_file)
    try:
        emulator = Emulator(
            port=port,
            issuer_id=issuer_from_governance(root),
            state_file=state_file,
            latency_ms=latency_ms,
            seed=seed,
            token_lifetime=token_lifetime,
        )
    except OSError as exc:
        raise MicrocredError(
            f"cannot listen on 127.0.0.1:{port}: {exc.strerror}",
            "pick another --port, or 0 for a free one",
        ) from None
    except ValueError as exc:
        raise MicrocredError(
            f"cannot read the state file {state_file}: {exc}",
            "delete it or pass another --state",
        ) from None
    if fault_rate:
        emulator.set_fault_rate(fault_rate, seed=seed)
    signal.signal(signal.SIGTERM, stop_on_signal)
    emulator.start()
    try:
        print_banner(emulator, state_file)
        threading.Event().wait()
    except KeyboardInterrupt:
        click.echo("stopping", err=True)
    finally:
        emulator.stop()
    return 0
