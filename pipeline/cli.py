"""The command line: a thin click layer over the stages.

Only this module prints.  ``main(argv=None)`` returns an exit code so tests can call it
directly.  Every stage raises :class:`pipeline.errors.PipelineError` for user errors; they are
printed here as ``path:line: message`` with a non-zero exit.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

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


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--report", is_flag=True, help="Show every dropped line with the rule that dropped it.")
@click.option("--json", "json_path", type=click.Path(path_type=Path), help="Write the clean-up report as JSON ('-' for stdout).")
@click.option("--blocks", is_flag=True, help="Show the structure: every kept block with its kind and line.")
def ingest(files: tuple[Path, ...], report: bool, json_path: Path | None, blocks: bool) -> None:
    """Clean the sources and show what was kept and dropped.

    Without FILES, works on the seeds of the manifest; with FILES, on those text files (to try
    a new article before adding it to the manifest).  Reads only; writes nothing but --json.
    """
    from pipeline import ingest as stage
    from pipeline.config import load_config
    from pipeline.fileio import atomic_write_text

    if files:
        docs, errors = [], []
        for file in files:
            try:
                docs.append(stage.ingest_file(file))
            except PipelineError as exc:
                errors.append(exc)
        result = stage.IngestResult(tuple(docs), tuple(errors))
    else:
        config = load_config()
        result = stage.ingest_seeds(stage.load_seeds(config), config.root)
    for doc in result.documents:
        kept = sum(b.last_line - b.line + 1 for b in doc.blocks)
        click.echo(
            f"{doc.path}: {doc.slug}: {_count(len(doc.blocks), 'block')} from {_count(kept, 'line')}, "
            f"{_count(len(doc.removals), 'line')} dropped"
        )
        if blocks:
            for block in doc.blocks:
                click.echo(f"  {block.line:>4}  {block.kind.value:<10} {block.index:>3}  {_short(block.text, 90)}")
        if report:
            for removal in doc.removals:
                click.echo(f"  {removal.line:>4}  {removal.rule:<16} {_short(removal.text, 70)}")
    if json_path is not None:
        text = json.dumps(stage.report_data(result.documents), ensure_ascii=False, indent=2) + "\n"
        if str(json_path) == "-":
            click.echo(text, nl=False)
        else:
            atomic_write_text(json_path, text)
            click.echo(f"wrote {json_path}")
    for error in result.errors:
        click.echo(f"error: {error}", err=True)
    if result.errors:
        raise SystemExit(1)


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
