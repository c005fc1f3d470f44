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


@cli.command()
@click.option("--strict", is_flag=True, help="Fail when an article is below the pack's minimum completeness.")
@click.option("--force", is_flag=True, help="Rebuild every output even if its inputs did not change.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="PDF render processes (default: cores).")
@click.option("--check", is_flag=True, help="Build nothing; exit 1 if any output is out of date.")
def build(strict: bool, force: bool, jobs: int | None, check: bool) -> None:
    """Render the HTML site and the PDF packs into dist/ (incremental).

    Prints, per pack and language, what was published and what fell back to English.
    """
    from pipeline import build as stage
    from pipeline.config import load_config

    config = load_config()
    if check:
        state = stage.State(config.dist)
        pdfs, pages = stage.plan(config, stage.compute_inputs(config))
        stale = [o.path for o in pdfs + pages if not state.fresh(o)]
        for path in stale:
            click.echo(f"out of date: {path.relative_to(config.root)}")
        if stale:
            raise SystemExit(1)
        click.echo("dist/ is up to date")
        return
    report = stage.build(config, strict=strict, force=force, jobs=jobs, progress=lambda s: click.echo(f"… {s}", err=True))
    for lang_report in report.languages:
        total, done = lang_report.segments, lang_report.published
        shown = [a for a in lang_report.articles if not a.omitted]
        omitted = [a for a in lang_report.articles if a.omitted]
        share = 100.0 if total == 0 else 100.0 * done / total
        click.echo(
            f"{lang_report.pack} [{lang_report.lang}]: {_count(len(shown), 'article')}, "
            f"{done}/{total} segments published ({share:.1f}%), {total - done} fell back to English"
            + (f", {len(omitted)} omitted" if omitted else "")
        )
        for art in lang_report.articles:
            pct = 100.0 if art.segments == 0 else 100.0 * art.published / art.segments
            status = "omitted (below minimum)" if art.omitted else f"{art.fallback} fell back"
            click.echo(f"  {art.slug:<32} {art.published:>4}/{art.segments:<4} {pct:5.1f}%  {status}")
    root = config.root
    for path in report.written:
        pages = report.pdf_pages.get(str(path.relative_to(config.dist))) if path.is_relative_to(config.dist) else None
        click.echo(f"wrote {path.relative_to(root)}" + (f" ({pages} pages)" if pages else ""))
    if report.skipped:
        click.echo(f"up to date: {_count(len(report.skipped), 'output')}")


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
