"""The ``microcred`` command line: a click group whose commands load on demand.

Each module in ``microcred.commands`` defines one click command named ``command``;
the module name, with ``_`` as ``-``, is the command name. Commands import only
when used, so ``microcred check`` does not pay for the GitHub or Canvas clients.
"""

from __future__ import annotations

import importlib
import logging
import os
import pkgutil
import platform
import sys
import tempfile
import traceback
from typing import NoReturn

import click

from . import __version__, commands
from .errors import MicrocredError

EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BUG = 3


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        names = [
            m.name.replace("_", "-") for m in pkgutil.iter_modules(commands.__path__)
        ]
        return sorted(n for n in names if not n.startswith("-"))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.list_commands(ctx):
            return None
        module = importlib.import_module(
            f"{commands.__name__}.{cmd_name.replace('-', '_')}"
        )
        command: click.Command = module.command
        return command

    def invoke(self, ctx: click.Context) -> object:
        """Turn a command's integer return value into the process exit code."""
        result = super().invoke(ctx)
        if isinstance(result, int) and result:
            ctx.exit(result)
        return result


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="microcred")
def cli() -> None:
    """Run a university's micro-credential catalogue from a git repository."""


def main(argv: list[str] | None = None) -> None:
    """Run the CLI with one top-level handler: user errors exit 1, bugs exit 3.

    Run as the ``microcred`` program (``argv`` is None), the process ends without
    the interpreter's teardown, which frees every loaded record one by one and
    takes about a tenth of a second on a catalogue of 2,000 records.
    """
    code = _run(argv)
    if argv is None and sys.getprofile() is None and sys.gettrace() is None:
        _exit_now(code)  # A profiler or coverage tool writes its results at exit.
    sys.exit(code)


def _run(argv: list[str] | None) -> int:
    try:
        code = cli.main(args=argv, prog_name="microcred", standalone_mode=False)
    except MicrocredError as exc:
        click.echo(f"error: {exc}", err=True)
        return EXIT_FINDINGS
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return EXIT_FINDINGS
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    except Exception:  # noqa: BLE001 - the one place that turns a bug into a report
        return _crash_report(argv)
    return code if isinstance(code, int) else 0


def _exit_now(code: int) -> NoReturn:
    """End the process with ``code`` once logs and output are flushed."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue  # Started with the stream closed, for example `2>&-`.
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # The reader has gone, for example `microcred check | head`.
    os._exit(code)


def _crash_report(argv: list[str] | None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    report = (
        "### microcred crash report\n\n"
        f"- microcred {__version__}, Python {platform.python_version()}, {platform.platform()}\n"
        f"- command: `microcred {' '.join(args)}`\n\n"
        "```\n" + traceback.format_exc() + "```\n"
    )
    with tempfile.NamedTemporaryFile(
        "w", prefix="microcred-crash-", suffix=".md", delete=False
    ) as handle:
        handle.write(report)
    last = traceback.format_exception_only(*sys.exc_info()[:2])[-1].strip()
    click.echo(f"microcred failed with an internal error: {last}", err=True)
    click.echo(
        f"This is a bug. Please open an issue and paste the report saved at {handle.name}",
        err=True,
    )
    return EXIT_BUG


if __name__ == "__main__":  # pragma: no cover
    main()
