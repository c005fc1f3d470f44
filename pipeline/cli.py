"""The command line: a thin click layer over the stages.

Only this module prints.  ``main(argv=None)`` returns an exit code so tests can call it
directly.  Every stage raises :class:`pipeline.errors.PipelineError` for user errors; they are
printed here as ``path:line: message`` with a non-zero exit.
"""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline.errors import PipelineError

if TYPE_CHECKING:  # the stages are imported by the commands that use them, to keep start-up quick
    from pipeline.build import ArticleReport
    from pipeline.model import StageReport
    from pipeline.config import Config


class _Group(click.Group):
    """Turns PipelineError (and an OSError no stage turned into one) into a clean message and
    exit status 1 (no traceback)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except PipelineError as exc:
            click.echo(f"error: {exc}", err=True)
            raise SystemExit(1) from None
        except OSError as exc:  # the last resort: path and reason, still no traceback
            reason = exc.strerror or str(exc)
            click.echo(f"error: {exc.filename}: {reason}" if exc.filename is not None else f"error: {reason}", err=True)
            raise SystemExit(1) from None


@click.group(cls=_Group)
@click.option("--project", "project", type=click.Path(path_type=Path, file_okay=False), envvar="PIPELINE_PROJECT",
              default=None, help="The project's folder (default: the working folder; also $PIPELINE_PROJECT).")
@click.version_option(package_name="pipeline")
@click.pass_context
def cli(ctx: click.Context, project: Path | None) -> None:
    """Turn English source articles into translated HTML and PDF briefing packs."""
    ctx.obj = project


def _load_config() -> Config:
    """The configuration of the project the command runs in (the working folder, or
    ``--project DIR``; never a parent folder).  Removes, once per run, the temporary files an
    interrupted write left in the project, and says so."""
    from pipeline.config import load_config
    from pipeline.fileio import sweep_temp_files

    ctx = click.get_current_context(silent=True)
    project = ctx.find_root().obj if ctx is not None else None
    config = load_config(project if isinstance(project, Path) else None)
    meta = ctx.find_root().meta if ctx is not None else {}
    if not meta.get("pipeline.swept"):
        meta["pipeline.swept"] = True
        deep = [config.locales, config.dist] + ([config.seeds.parent] if config.seeds.parent != config.root else [])
        for path in sweep_temp_files(deep, shallow=[config.root]):
            shown = path.relative_to(config.root) if path.is_relative_to(config.root) else path
            click.echo(f"removed {shown}: left behind by an interrupted write", err=True)
    return config


def _fallback_languages(default: str, lang: str, articles: Sequence[ArticleReport]) -> str:
    """"English", "Belarusian and English": the source languages fallbacks are shown in."""
    from babel.lists import format_list

    from pipeline.lang import language

    codes = dict.fromkeys(a.source_lang or default for a in articles if a.fallback and (a.source_lang or default) != lang)
    return format_list([language(c).name for c in codes] or [language(default).name], locale="en")


def _report_stale(config: Config, stale: Sequence[Path], fresh: str) -> None:
    """What a --check of outputs prints: each output out of date (then exit 1), else ``fresh``."""
    for path in stale:
        click.echo(f"out of date: {path.relative_to(config.root)}")
    if stale:
        raise SystemExit(1)
    click.echo(fresh)


def _count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _progress(label: str, total: int) -> Callable[[str], None]:
    """A progress callback: a bar on a terminal, one plain line per step elsewhere (CI)."""
    if sys.stderr.isatty() and total > 1:
        bar = click.progressbar(length=total, label=label, file=sys.stderr)
        bar.__enter__()
        seen = [0]

        def tick(item: str) -> None:
            seen[0] += 1
            bar.update(1)
            if seen[0] >= total:
                bar.__exit__(None, None, None)

        return tick
    if total > 1:
        return lambda item: click.echo(f"… {label} {item}", err=True)
    return lambda item: None


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--report", is_flag=True, help="Show every dropped line with the rule that dropped it.")
@click.option("--json", "json_path", type=click.Path(path_type=Path), help="Write the clean-up report as JSON ('-' for stdout).")
@click.option("--blocks", is_flag=True, help="Show the structure: every kept block with its kind and line.")
def ingest(files: tuple[Path, ...], report: bool, json_path: Path | None, blocks: bool) -> None:
    """Clean the sources and show what was kept and dropped.

    Without FILES, works on the seeds of the manifest; with FILES, on those files (text or
    HTML), each with its manifest entry (slug, metadata, overrides) when it has one, to try a
    new article before adding it.  Reads only; writes nothing but --json.
    """
    from pipeline import ingest as stage
    from pipeline.fileio import atomic_write_text

    if files:
        result = stage.ingest_files(files, stage.seeds_by_path(_optional_config()), progress=_progress("ingest", len(files)))
    else:
        config = _load_config()
        seeds = stage.load_seeds(config)
        result = stage.ingest_seeds(seeds, config.root, progress=_progress("ingest", len(seeds)))
    for doc in result.documents:
        partial = sum(1 for r in doc.removals if r.columns is not None)
        dropped = len({r.line for r in doc.removals if r.columns is None})
        click.echo(
            f"{doc.path}: {doc.slug}: {_count(len(doc.blocks), 'block')} from {_count(doc.kept_lines, 'line')}, "
            f"{_count(dropped, 'line')} dropped" + (f", {_count(partial, 'line end')} trimmed" if partial else "")
        )
        for warning in doc.warnings:
            click.echo(f"warning: {doc.path}: {warning}", err=True)
        unpictured = len(doc.blocks) - len(doc.published_blocks)
        if unpictured:
            click.echo(f"  {_count(unpictured, 'caption or credit', 'captions and credits')} of pictures the pack does not carry: "
                       "kept here, not printed nor sent to translators")
        if blocks:
            for block in doc.blocks:
                mark = "  (not printed: no picture)" if doc.unpublished(block) else ""
                click.echo(f"  {block.line:>4}  {block.kind.value:<10} {block.index:>3}  {_short(block.text, 90)}{mark}")
        if report:
            for removal in doc.removals:
                where = f"{removal.line}" + (f":{removal.columns[0]}-{removal.columns[1]}" if removal.columns else "")
                click.echo(f"  {where:>9}  {removal.rule:<16} {_short(removal.text, 60):<60}  {removal.reason}")
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


def _optional_config() -> Config | None:
    """The project's configuration if the command runs inside one (ad-hoc files need none; a
    broken pyproject.toml is still an error)."""
    from pipeline.errors import NoProjectError

    try:
        return _load_config()
    except NoProjectError:
        return None


@cli.command()
@click.argument("source")
@click.option("--slug", help="The document's slug (default: made from the detected title).")
@click.option("--pack", help="Also append the document to this pack's documents.")
@click.option("--timeout", type=click.FloatRange(min=1), default=30.0, show_default=True, help="Download timeout in seconds.")
@click.option("--check", is_flag=True, help="Write nothing; show what would be added and exit 1.")
def add(source: str, slug: str | None, pack: str | None, timeout: float, check: bool) -> None:
    """Add an article (a saved page or a URL) to the seeds and the manifest.

    The page is copied byte for byte into the seeds folder and a [[seed]] entry with the
    metadata found in the page (title, authors, date, publisher, URL, language) is appended
    to the manifest: check it, and correct it there.
    """
    from pipeline import add as stage

    config = _load_config()
    plan = stage.plan(config, stage.read_source(source, timeout), slug=slug, pack=pack)
    meta, doc = plan.meta, plan.document
    shown = plan.seed_shown
    verb = "would add" if check else "added"
    if not check:
        stage.apply(plan)
    click.echo(
        f"{verb} {shown} as {meta.slug!r} ({doc.reader}: {_count(len(doc.blocks), 'block')}, "
        f"{_count(len(doc.removals), 'piece')} of page text dropped)"
    )
    for key, value in (("title", meta.title), ("authors", ", ".join(meta.authors)), ("date", meta.date),
                       ("publisher", meta.publisher), ("url", meta.url), ("language", meta.language)):
        click.echo(f"  {key:<10} {value or '(not found: fill it in)'}")
    if pack:
        click.echo(f"{verb} {meta.slug!r} to pack {pack!r} in pyproject.toml")
    for warning in plan.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"next: correct the entry in {plan.manifest_shown} if needed, "
               f"then `pipeline ingest --report {shown}`")
    if check:
        raise SystemExit(1)


@cli.command()
@click.option("--strict", is_flag=True, help="Fail when an article is below the pack's minimum completeness, "
              "or when `pipeline check` reports an error on a translation (whatever on_check_error says).")
@click.option("--force", is_flag=True, help="Rebuild every output even if its inputs did not change.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="PDF render processes (default: cores).")
@click.option("--check", is_flag=True, help="Build nothing; exit 1 if any output is out of date.")
@click.option("--kind", "kinds", multiple=True, help="Build only outputs of this kind (site, pdf, …); repeatable.")
@click.option("--lang", "langs", multiple=True, help="Build only outputs of this language; repeatable.")
@click.option("--pack", "packs", multiple=True, help="Build only outputs of this pack; repeatable.")
def build(strict: bool, force: bool, jobs: int | None, check: bool,
          kinds: tuple[str, ...], langs: tuple[str, ...], packs: tuple[str, ...]) -> None:
    """Render the HTML site and the PDF packs into dist/ (incremental).

    Prints, per pack and language, what was published and what fell back to the source language.
    With --kind, --lang or --pack only those outputs are built; the rest of dist/ is left as it is.
    """
    from pipeline import build as stage

    config = _load_config()
    select = stage.Selection(kinds or None, langs or None, packs or None)
    if check:
        _report_stale(config, stage.out_of_date(config, select), "dist/ is up to date")
        return
    report = stage.build(config, strict=strict, force=force, jobs=jobs, select=select,
                         progress=lambda s: click.echo(f"… {s}", err=True))
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for lang_report in report.languages:
        total, done = lang_report.segments, lang_report.published
        shown = [a for a in lang_report.articles if not a.omitted]
        omitted = [a for a in lang_report.articles if a.omitted]
        share = 100.0 if total == 0 else 100.0 * done / total
        held = sum(a.withheld for a in shown)
        click.echo(
            f"{lang_report.pack} [{lang_report.lang}]: {_count(len(shown), 'article')}, "
            f"{done}/{total} segments published ({share:.1f}%), {total - done} fell back to "
            + _fallback_languages(config.source_language, lang_report.lang, shown)
            + (f" ({held} held back by check errors)" if held else "")
            + (f", {len(omitted)} omitted" if omitted else "")
        )
        rows = list(lang_report.articles) + ([lang_report.strings] if lang_report.strings else [])
        for art in rows:
            pct = 100.0 if art.segments == 0 else 100.0 * art.published / art.segments
            status = "omitted (below minimum)" if art.omitted else f"{art.fallback} fell back"
            if art.withheld:
                status += f", {art.withheld} of them held back by check errors ({', '.join(art.checks)})"
            click.echo(f"  {art.slug:<32} {art.published:>4}/{art.segments:<4} {pct:5.1f}%  {status}")
        for finding in lang_report.held:
            click.echo(f"  held back: {finding}")
    root = config.root
    assets = [p for p in report.written if p.is_relative_to(config.dist / "assets")]
    if assets:
        click.echo(f"copied {_count(len(assets), 'file')} to {(config.dist / 'assets').relative_to(root)}/")
    for path in report.written:
        if path in assets:
            continue
        page_count = report.pdf_pages.get(path.relative_to(config.dist).as_posix())
        click.echo(f"wrote {path.relative_to(root)}" + (f" ({page_count} pages)" if page_count else ""))
    for path in report.removed:
        click.echo(f"removed {path.relative_to(root)} (no longer configured)")
    skipped = [p for p in report.skipped if not p.is_relative_to(config.dist / "assets")]
    if skipped:
        click.echo(f"up to date: {_count(len(skipped), 'output')}")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the findings and a summary as JSON.")
@click.option("--strict", is_flag=True, help="Fail on warnings too (length, doubled words, fuzzy entries, …).")
@click.option("--glossary", "glossary_path", type=click.Path(path_type=Path), default=None,
              help="Glossary CSV (default: <locales>/glossary.csv; its -exceptions.csv beside it).")
@click.option("--only", default=None, help="Run only these checks, e.g. numbers,quotes.")
def check(paths: tuple[Path, ...], as_json: bool, strict: bool, glossary_path: Path | None, only: str | None) -> None:
    """Check translations: numbers, quotes, punctuation, URLs, spacing, glossary, placeholders, …

    With no PATHS, checks every locales/<lang>/LC_MESSAGES/*.po of the target languages.
    Prints `path.po:line: [check] message`; exits 1 on errors (on warnings too with --strict).
    Silence one check on one entry with a translator comment `# check: ignore NAME`.
    """
    from pipeline import check as stage
    from pipeline.check_glossary import load_glossary

    names = stage.parse_only(only)
    cwd = Path.cwd()
    config = None
    if not paths or glossary_path is None:
        from pipeline.errors import NoProjectError

        try:
            config = _load_config()
        except NoProjectError:
            if not paths:
                raise
    files: list[Path] = []
    for path in paths:  # a folder stands for the catalogs under it
        files.extend(sorted(path.rglob("*.po")) if path.is_dir() else [path])
    if paths and not files:
        raise PipelineError(f"{', '.join(map(str, paths))}: no .po files here")
    if not paths and config is not None:
        from pipeline.catalog import expected_catalogs

        for lang in config.languages:  # English too: the catalogs of documents in another language
            files.extend(sorted((config.locales / lang / "LC_MESSAGES").glob("*.po")))
        files.extend(p for p in expected_catalogs(config) if not p.exists())  # reported as missing
        if not files:
            raise PipelineError(f"{config.locales}: no catalogs to check (locales/<lang>/LC_MESSAGES/*.po)")
    if glossary_path is None and config is not None and (config.locales / "glossary.csv").is_file():
        glossary_path = config.locales / "glossary.csv"
    # The project's target languages; without a project, the glossary's own columns.
    languages = config.target_languages if config is not None else None
    glossary = load_glossary(glossary_path, languages=languages) if glossary_path is not None else None
    if languages is None:
        languages = glossary.columns if glossary is not None else ()

    def shown(p: Path) -> str:
        return str(p.relative_to(cwd)) if p.is_absolute() and p.is_relative_to(cwd) else str(p)

    warning = glossary.missing_warning(languages, shown(glossary_path)) if glossary and glossary_path else None
    if warning:
        click.echo(f"warning: {warning}", err=True)

    style = None
    style_path = (glossary_path.parent if glossary_path is not None else config.locales if config else None)
    if style_path is not None and (style_path / "style.toml").is_file():
        from pipeline.check_style import load_house_style

        style = load_house_style(style_path / "style.toml")
    report = stage.check_files(files, glossary, only=names, display=shown, style=style,
                               source_lang=config.source_language if config is not None else "en")
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        for finding in report.findings:
            click.echo(finding.format())
        click.echo(
            f"{_count(report.files, 'catalog')}, {_count(report.checked, 'entry', 'entries')} checked: "
            f"{_count(report.errors, 'error')}, {_count(report.warnings, 'warning')}"
            + (f", {report.fuzzy} fuzzy" if report.fuzzy else "")
            + (f", {report.untranslated} untranslated (not checked)" if report.untranslated else "")
            + (f"; glossary {shown(glossary_path.resolve())}" if glossary_path else "; no glossary"),
            err=True,
        )
    if report.failed(strict):
        raise SystemExit(1)


def _stage_outcome(report: StageReport, check: bool, root: Path) -> None:
    """Print a stage's report; exit 1 on errors, or with --check if anything would change."""
    for change in report.changes:
        shown = change.path.relative_to(root) if change.path.is_relative_to(root) else change.path
        state = ("would change" if check else "wrote") if change.changed else "unchanged"
        click.echo(f"{state}: {shown}" + (f" ({change.summary})" if change.summary else ""))
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if report.errors or (check and report.changed):
        raise SystemExit(1)


@cli.command()
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a template would change.")
def extract(check: bool) -> None:
    """Write locales/<slug>.pot for every document and locales/ui.pot for the templates.

    No bytes are written when nothing changed, and none when any source or template fails.
    """
    from pipeline import build as stages

    config = _load_config()
    _stage_outcome(stages.extract(config, check=check), check, config.root)


@cli.command()
@click.argument("slugs", nargs=-1)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a catalog would change.")
@click.option("--no-memory", is_flag=True, help="Do not fill new entries from other catalogs of the same language.")
def update(slugs: tuple[str, ...], check: bool, no_memory: bool) -> None:
    """Merge the templates into locales/<lang>/LC_MESSAGES/<slug>.po (msgmerge semantics)."""
    from pipeline import build as stages

    config = _load_config()
    _stage_outcome(stages.update(config, slugs or None, check=check, memory=not no_memory), check, config.root)


@cli.command()
@click.argument("definitions", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("reference", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Where to write the result (default: standard output).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if OUTPUT would change.")
@click.option("--plain", is_flag=True, help="Like msgmerge: cosmetic edits become fuzzy too.")
def merge(definitions: Path, reference: Path, output: Path | None, check: bool, plain: bool) -> None:
    """Merge DEF.po with REF.pot like `msgmerge --previous DEF.po REF.pot -o OUT.po`."""
    from pipeline.catalog import merge_files
    from pipeline.fileio import would_change
    from pipeline.pocompare import encode_update
    from pipeline.pofile import current_stamp, encode_po, write_po

    # What OUTPUT holds before we read anything: if a translator saves it while we merge (it
    # is often DEF itself), the write below refuses instead of overwriting their work.
    before = current_stamp(output) if output is not None and str(output) != "-" else None
    result = merge_files(definitions, reference, carry_cosmetic=not plain)
    if output is None or str(output) == "-":
        if check:
            raise click.UsageError("--check needs -o OUTPUT")
        sys.stdout.buffer.write(encode_po(result.catalog))
        return
    # In place (like msgmerge -U), a file whose entries the merge does not change stays as is.
    data = encode_update(output, result.catalog) if output.resolve() == definitions.resolve() else encode_po(result.catalog)
    changed = would_change(output, data)
    counts = ", ".join(f"{result.count(k)} {k}" for k in ("exact", "revived", "cosmetic", "fuzzy", "new") if result.count(k))
    if check:
        click.echo(f"{'would change' if changed else 'unchanged'}: {output} ({counts})")
        if changed:
            raise SystemExit(1)
        return
    if changed:
        write_po(output, result.catalog, expected=before, data=data)
    click.echo(f"{'wrote' if changed else 'unchanged'}: {output} ({counts}, {len(result.obsoleted)} obsoleted)", err=True)


@cli.command()
@click.argument("slugs", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
@click.option("--min", "minimum", type=click.FloatRange(0, 100), default=None,
              help="Exit 1 if any catalog is below PERCENT translated.")
def status(slugs: tuple[str, ...], as_json: bool, minimum: float | None) -> None:
    """Translated, fuzzy, untranslated and obsolete segments (and words) per document and language."""
    from pipeline.catalog import status_report

    config = _load_config()
    rows, errors = status_report(config, slugs or None)
    below = [r for r in rows if minimum is not None and r.percent < minimum]
    if as_json:
        click.echo(json.dumps({"catalogs": [r.as_dict() for r in rows], "minimum": minimum,
                               "below_minimum": [f"{r.document}/{r.language}" for r in below]}, indent=2, ensure_ascii=False))
    else:
        click.echo(f"{'document':<32} {'lang':<4} {'transl.':>8} {'fuzzy':>6} {'untr.':>6} {'obsol.':>6} {'words':>11} {'%':>6}")
        for r in rows:
            click.echo(
                f"{_short(r.document, 32):<32} {r.language:<4} {r.translated:>8} {r.fuzzy:>6} {r.untranslated:>6} "
                f"{r.obsolete:>6} {f'{r.translated_words}/{r.total_words}':>11} {r.percent:>5.1f}%"
                + ("  missing" if r.missing else "")
            )
    for r in rows:
        if r.missing:
            shown = config.po_path(r.language, r.document)
            click.echo(f"warning: {shown.relative_to(config.root) if shown.is_relative_to(config.root) else shown}: "
                       f"missing catalog: counted from the template; `pipeline update` creates it", err=True)
    for error in errors:
        click.echo(f"error: {error}", err=True)
    if below:
        click.echo(f"below {minimum:g}%: " + ", ".join(f"{r.document} [{r.language}] {r.percent:.1f}%" for r in below), err=True)
    if errors or below:
        raise SystemExit(1)


@cli.command()
@click.option("--tbx", "tbx_dir", type=click.Path(path_type=Path), default=None,
              help="Write <DIR>/<lang>.tbx for each target language (what a Weblate glossary reads).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a TBX file is out of date.")
def glossary(tbx_dir: Path | None, check: bool) -> None:
    """Validate locales/glossary.csv (and glossary-exceptions.csv); export it as TBX."""
    from pipeline.check_glossary import format_tbx, load_glossary
    from pipeline.fileio import would_change, write_if_changed

    config = _load_config()
    path = config.locales / "glossary.csv"
    if not path.is_file():
        raise PipelineError(f"{path.relative_to(config.root)}: no glossary")
    g = load_glossary(path, languages=config.target_languages)
    kinds = ", ".join(f"{sum(x.kind == k for x in g.exceptions)} {k}" for k in ("form", "ignore", "forbidden"))
    click.echo(f"{path.relative_to(config.root)}: {_count(len(g.terms), 'term')}; exceptions: {kinds}")
    if tbx_dir is None:
        return
    stale = []
    warning = g.missing_warning(config.target_languages, path.relative_to(config.root).as_posix())
    if warning:
        click.echo(f"warning: {warning}", err=True)
    for lang in g.languages:
        out = tbx_dir / f"{lang}.tbx"
        data = format_tbx(g, lang, config.source_language).encode("utf-8")
        if not check:
            click.echo(f"{'wrote' if write_if_changed(out, data) else 'unchanged'}: {out}")
        elif would_change(out, data):
            stale.append(out)
            click.echo(f"out of date: {out}")
    if stale:
        raise SystemExit(1)


@cli.command("segment")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", help="Language of FILES (default: the manifest's, else the source language), e.g. en, de, be, ru, uk, pl.")
@click.option("--lines", "raw_lines", is_flag=True, help="Split each line of FILES as it is, without clean-up (to try the rules).")
@click.option("--json", "as_json", is_flag=True, help="Print the segments as JSON.")
def segment_command(files: tuple[Path, ...], lang: str | None, raw_lines: bool, as_json: bool) -> None:
    """Show the sentence segments translators will see.

    Without FILES, every segment of the seeds with its place (file:line, paragraph 7, sentence
    2/3); with FILES (text or HTML), the segments of each file read and cleaned as `ingest`
    reads it, with its manifest entry when it has one; with --lines, each line of FILES split
    into sentences as it is, to try the rules in pipeline/data/segment/<lang>.toml.
    """
    import dataclasses

    from pipeline import ingest
    from pipeline import segment as stage

    rows: list[dict[str, object]] = []
    if files and raw_lines:
        lang = lang or _load_config().source_language
        for file in files:
            lines = ingest.decode(file.read_bytes(), str(file)).splitlines()
            for lineno, line in enumerate(lines, 1):
                for start, end in stage.sentence_spans(line, lang):
                    rows.append({"ref": f"{file}:{lineno}", "column": start + 1, "text": line[start:end]})
    else:
        if files:
            result = ingest.ingest_files(files, ingest.seeds_by_path(_optional_config()))
            for error in result.errors:
                click.echo(f"error: {error}", err=True)
            if result.errors:
                raise SystemExit(1)
            docs = tuple(d if lang is None else dataclasses.replace(d, meta=dataclasses.replace(d.meta, language=lang))
                         for d in result.documents)
        else:
            docs = ingest.load_documents(_load_config())
        for doc in docs:
            for s in stage.segment_document(doc):
                rows.append({"ref": s.reference, "column": s.column, "position": s.position, "text": s.text})
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for row in rows:
        where = f"{row['ref']}:{row['column']}"
        click.echo(f"{where:<34} {row.get('position', ''):<28} {row['text']}" if "position" in row else f"{where}: {row['text']}")


@cli.command("review")
@click.argument("arguments", nargs=-1, metavar="LANG [DOC...]")
@click.option("--import", "imports", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              metavar="FILE.xlsx", help="Bring a reviewer's corrections back into the catalogs (repeatable).")
@click.option("--accept", is_flag=True, help="With --import: corrections become final translations, not fuzzy ones.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if anything would change (or a row is refused).")
def review_command(arguments: tuple[str, ...], imports: tuple[Path, ...], accept: bool, check: bool) -> None:
    """Reviewer editions: dist/review/LANG/DOC.pdf and DOC.xlsx, source and translation side by side.

    Without DOC, every document.  The PDF is for reading and notes; in the XLSX a reviewer fills
    in the "correction" and "comment" columns and sends it back.  `review --import FILE.xlsx`
    puts the corrections into the catalogs as fuzzy entries (final with --accept), the comment
    as a translator comment; a row whose sentence changed since the export is refused and
    named as FILE.xlsx:ROW.  Rows without a correction change nothing.
    """
    config = _load_config()
    if not imports:
        if accept:
            raise click.UsageError("--accept goes with --import")
        if not arguments:
            raise click.UsageError("name a language: pipeline review LANG [DOC...]")
        _review_editions(config, arguments[0], arguments[1:], check)
        return
    if arguments:
        raise click.UsageError("--import takes workbooks only, no LANG or DOC")
    from pipeline.review_import import import_reviews

    cwd = Path.cwd()
    shown = {p: str(p.relative_to(cwd)) if p.is_absolute() and p.is_relative_to(cwd) else str(p) for p in imports}
    done, errors = import_reviews(config, imports, accept=accept, check=check, display=shown)
    failed = bool(errors)
    for imp in done:
        for outcome in imp.outcomes:
            if outcome.status != "unchanged" or outcome.reason:
                click.echo(outcome.format(), err=outcome.status == "refused")
        for row in imp.comment_only:
            click.echo(f"{imp.sheet.path}:{row.row}: not applied: a comment without a correction", err=True)
        state = ("would change" if check else "wrote") if imp.changed else "unchanged"
        click.echo(f"{state}: {imp.plan.shown} ({_count(len(imp.applied), 'correction')} applied, "
                   f"{len(imp.rejected)} refused, from {imp.sheet.path})")
        failed = failed or bool(imp.rejected) or (check and imp.changed)
    for error in errors:
        click.echo(f"error: {error}", err=True)
    if failed:
        raise SystemExit(1)


def _review_editions(config: Config, lang: str, docs: Sequence[str], check: bool) -> None:
    """`pipeline review LANG [DOC...]`: the reviewer editions, built by the build (incremental)."""
    import dataclasses

    from pipeline import build as stage
    from pipeline.outputs import Selection
    from pipeline.review import output_path
    from pipeline.writers.review import KINDS, review_documents

    if lang not in config.languages:  # English too: a target of an article written in another language
        raise PipelineError(f"{lang}: not a language of the project (languages: {', '.join(config.languages)})")
    known = review_documents(config)
    unknown = [d for d in docs if d not in known]
    if unknown:
        raise PipelineError(f"{', '.join(unknown)}: not a document of any pack (documents: {', '.join(known)})")
    missing = [d for d in (docs or known) if not config.po_path(lang, d).is_file()]
    for doc in missing:
        where = config.po_path(lang, doc).relative_to(config.root)
        click.echo(f"{'error' if docs else 'skipped'}: {where}: no catalog (`pipeline update` makes it, unless the "
                   f"article is written in {lang})", err=True)
    if docs and missing:
        raise SystemExit(1)
    if config.outputs is not None:  # a project that lists its outputs still gets reviewer editions on demand
        config = dataclasses.replace(config, outputs=tuple(dict.fromkeys(config.outputs + KINDS)))
    paths = {output_path(config, kind, lang, d) for kind in KINDS for d in (docs or known) if d not in missing}
    select = Selection(kinds=KINDS, langs=(lang,), paths=paths)
    if check:
        stale = [p for p in stage.out_of_date(config, select) if p in paths]
        _report_stale(config, stale, f"{_count(len(paths), 'reviewer edition')} up to date")
        return
    report = stage.build(config, select=select, progress=lambda s: click.echo(f"… {s}", err=True))
    for path in report.written:
        pages = report.pdf_pages.get(path.relative_to(config.dist).as_posix())
        click.echo(f"wrote {path.relative_to(config.root)}" + (f" ({pages} pages)" if pages else ""))
    for path in report.removed:
        click.echo(f"removed {path.relative_to(config.root)} (no longer configured)")
    if report.skipped:
        click.echo(f"up to date: {_count(len(report.skipped), 'reviewer edition')}")



# --------------------------------------------------------------------------- exchange (XLIFF, TMX)


@cli.command("export")
@click.argument("lang")
@click.argument("docs", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["xliff", "tmx"]), default="xliff", show_default=True,
              help="XLIFF 1.2 for CAT tools, or TMX 1.4 (the language's translation memory).")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Folder to write <LANG>.xlf (<LANG>-todo.xlf with --todo) or <LANG>.tmx into.")
@click.option("--todo", is_flag=True, help="XLIFF: only the entries still to do (untranslated or fuzzy).")
@click.option("--force", is_flag=True, help="Replace an existing file that differs from this export.")
@click.option("--check", is_flag=True, help="Write nothing; say what would be written and exit 1 if it would change.")
def export_command(lang: str, docs: tuple[str, ...], fmt: str, out_dir: Path, todo: bool, force: bool, check: bool) -> None:
    """Export LANG's catalogs (or those of DOCS) for a CAT tool: one XLIFF <file> per catalog."""
    from pipeline.config import load_config
    from pipeline.exchange.project import plan_export, write_export

    export = plan_export(load_config(), fmt, lang, docs, out_dir, todo=todo)
    what = f"({_count(export.catalogs, 'catalog')}, {_count(export.units, export.format.unit)})"
    if export.state == "unchanged":
        click.echo(f"unchanged: {export.path} {what}")
        return
    if check:
        click.echo(f"would {'write' if export.state == 'new' else 'overwrite'}: {export.path} {what}")
        raise SystemExit(1)
    write_export(export, force=force)
    click.echo(f"wrote {export.path} {what}")


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--check", is_flag=True, help="Write nothing; show what would be applied and refused; exit 1 if "
              "anything would change or is refused.")
def import_command(files: tuple[Path, ...], check: bool) -> None:
    """Apply the targets of XLIFF FILES to the current catalogs, with safeguards.

    A unit whose source no longer matches its catalog entry (or that is obsolete, or edited in
    the catalog since the export) is refused and listed as FILE:LINE; it is never applied to
    another sentence.  Exits 1 if any unit is refused.
    """
    from pipeline.config import load_config
    from pipeline.exchange.apply import plan_imports, write_plan
    from pipeline.exchange.project import read_imports

    config = load_config()
    read = read_imports(config, files)
    errors = list(read.errors)
    refused = len(read.refused)
    changed = False
    for refusal in read.refused:
        click.echo(refusal.format(), err=True)
    for plan in plan_imports(config, read.units):
        for outcome in plan.refused:
            click.echo(outcome.format(), err=True)
        refused += len(plan.refused)
        counts = (f"{len(plan.applied)} applied, {len(plan.unchanged)} unchanged"
                  + (f", {len(plan.refused)} refused" if plan.refused else ""))
        if plan.before is None:
            continue
        if check:
            changed = changed or plan.changed
            click.echo(f"{'would change' if plan.changed else 'unchanged'}: {plan.shown} ({counts})")
            continue
        try:
            state = "wrote" if write_plan(plan) else "unchanged"
        except PipelineError as exc:
            errors.append(exc)
            continue
        click.echo(f"{state}: {plan.shown} ({counts})")
    for error in errors:
        click.echo(f"error: {error}", err=True)
    if refused:
        click.echo(f"{_count(refused, 'unit')} refused", err=True)
    if errors or refused or (check and changed):
        raise SystemExit(1)


# --------------------------------------------------------------------------- preview


@cli.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--lang", default=None, help="Open this language's page, and rebuild only its pages.")
@click.option("--no-open", is_flag=True, help="Do not open the page in a browser.")
@click.option("--check", is_flag=True, help="Serve nothing; exit 1 if the pages the preview would build are out of date.")
def preview(port: int, lang: str | None, no_open: bool, check: bool) -> None:
    """Serve dist/ on 127.0.0.1; rebuild and reload the page when a catalog, seed or template changes.

    Builds the site's HTML (never the PDFs) of the languages a save affects and reloads the
    open page; a build error (a .po with a syntax error) is shown on the page, path:line, and
    the last good build stays.  The reload script is added by the server only: the files in
    dist/ stay as `pipeline build` writes them.  Ctrl-C stops.
    """
    import webbrowser

    from pipeline.preview import Preview, out_of_date

    config = _load_config()
    if check:
        _report_stale(config, out_of_date(config, lang), "the site is up to date")
        return
    session = Preview(config, port=port, lang=lang, say=lambda message: click.echo(message, err=True))

    def interrupted(signum: int, frame: object) -> None:
        # Ctrl-C (or SIGTERM) asks the watch loop to stop; it checks several times a second.  A
        # second Ctrl-C interrupts whatever is running.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        session.stopped.set()

    previous = {sig: signal.signal(sig, interrupted) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        url = session.start()
        click.echo(f"serving {session.config.dist.name}/ at {url} (Ctrl-C stops)")
        if not no_open:
            webbrowser.open(url)
        session.run()
    except KeyboardInterrupt:
        pass
    finally:
        session.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    click.echo("stopped", err=True)


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
