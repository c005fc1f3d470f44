"""The command line: a thin click layer over the stages.

Only this module prints.  ``main(argv=None)`` returns an exit code so tests can call it
directly.  Every stage raises :class:`pipeline.errors.PipelineError` for user errors; they are
printed here as ``path:line: message`` with a non-zero exit.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from pipeline.errors import PipelineError


class _Group(click.Group):
    """Turns PipelineError into a clean message and exit status 1 (no traceback)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except PipelineError as exc:
            click.echo(f"error: {exc}", err=True)
            raise SystemExit(1) from None


@click.group(cls=_Group)
@click.version_option(package_name="pipeline")
def cli() -> None:
    """Turn English source articles into translated HTML and PDF briefing packs."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of exiting."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="pipeline", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 1
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
