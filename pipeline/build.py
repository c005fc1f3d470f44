"""Build: the one orchestrator, the only place that knows the order of the stages.

    ingest → segment → extract → update → check → localize → render (every writer)

``extract(config)`` and ``update(config)`` run the catalog stages for the documents and for the
``ui`` domain alike; ``build(config)`` renders every output of every selected writer
(:mod:`pipeline.writers`: the site's ``dist/<lang>/index.html``, ``dist/index.html`` and the
stylesheets and fonts under ``dist/assets/``; the PDFs ``dist/<lang>/<pack>.pdf``; and any
writer registered there).

Incremental, for any writer: each output records the hash of its inputs in
``dist/.build-state.json`` (:mod:`pipeline.outputs`).  An output whose input hash is unchanged
and whose file is still the one written is skipped; when nothing is out of date the build does
not even ingest.  Slow renders (PDFs) run in a pool, one process per core.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import writers
from pipeline.config import UI_DOMAIN, Config
from pipeline.errors import BatchError, PipelineError
from pipeline.fileio import atomic_write_bytes
from pipeline.model import FileChange, StageReport
from pipeline.gate import (
    GLOSSARY_FILES,
    ArticleCatalog,
    article_catalog,
    gate_error,
    load_build_glossary,
    missing_catalog_message,
    missing_catalogs,
    translator_name,
    ui_translations,
)
from pipeline.memo import Memo
from pipeline.outputs import (
    EVERYTHING,
    STATE_FILE,
    Inputs,
    Output,
    Selection,
    State,
    code_version,
    compute_inputs,
    pipeline_version,
    retire,
    triage,
)
from pipeline.writers import WRITERS, plan

if TYPE_CHECKING:  # localize pulls in Babel and Jinja2: imported only when something is built
    from pipeline.check import Finding
    from pipeline.localize import LocalPack
    from pipeline.pofile import Catalog

class BuildError(BatchError):
    """Several things failed; the build went on and reports them all."""


# ---------------------------------------------------------------------------------------------
# What a build reports


@dataclass(frozen=True)
class ArticleReport:
    """One article in one language: what was published, what fell back, whether it was left out."""

    slug: str
    path: str
    segments: int
    published: int
    omitted: bool = False
    withheld: int = 0  # of the fallbacks: translated, but held back by a `pipeline check` error
    checks: tuple[str, ...] = ()  # the checks that held them back
    source_lang: str = ""  # lang: the language its fallbacks are shown in ("" = the project's)

    @property
    def fallback(self) -> int:
        return self.segments - self.published


@dataclass(frozen=True)
class LanguageReport:
    """One pack in one language."""

    pack: str
    lang: str
    articles: tuple[ArticleReport, ...]
    strings: ArticleReport | None = None  # the pack's own title and subtitle (ui catalog)
    held: tuple[str, ...] = ()  # each check error that held a translation back, as path:line: [check] …

    @property
    def segments(self) -> int:
        return sum(a.segments for a in self.articles if not a.omitted)

    @property
    def published(self) -> int:
        return sum(a.published for a in self.articles if not a.omitted)


@dataclass(frozen=True)
class BuildReport:
    """What ``build`` wrote, what it skipped as up to date, and the per-language publication."""

    written: tuple[Path, ...]
    skipped: tuple[Path, ...]
    languages: tuple[LanguageReport, ...]
    pdf_pages: Mapping[str, int] = field(default_factory=dict)
    removed: tuple[Path, ...] = ()  # outputs of packs or languages no longer configured
    warnings: tuple[str, ...] = ()


def _report(pack: LocalPack, held: Sequence[str] = ()) -> LanguageReport:
    articles = [
        ArticleReport(a.slug, a.document.path, a.status.segments, a.status.published,
                      withheld=a.status.withheld, checks=a.status.checks, source_lang=a.source_lang) for a in pack.articles
    ] + [ArticleReport(o.document.slug, o.document.path, o.status.segments, o.status.published, True,
                       o.status.withheld, o.status.checks, o.document.meta.language) for o in pack.omitted]
    order = {slug: i for i, slug in enumerate(pack.pack.documents)}
    articles.sort(key=lambda a: order.get(a.slug, 0))
    strings = None
    if pack.text is not None:
        st = pack.text.status
        strings = ArticleReport("(pack title, subtitle)", UI_DOMAIN, st.segments, st.published,
                                withheld=st.withheld, checks=st.checks)
    return LanguageReport(pack.pack.slug, pack.lang, tuple(articles), strings, tuple(held))


def _article_to_json(a: ArticleReport) -> dict[str, Any]:
    return {**a.__dict__, "checks": list(a.checks)}


def _article_from_json(data: Mapping[str, Any]) -> ArticleReport:
    return ArticleReport(**{**data, "checks": tuple(data.get("checks", ()))})


def _report_to_json(report: LanguageReport) -> dict[str, Any]:
    return {"pack": report.pack, "lang": report.lang, "articles": [_article_to_json(a) for a in report.articles],
            "strings": _article_to_json(report.strings) if report.strings else None, "held": list(report.held)}


def _report_from_json(data: Mapping[str, Any]) -> LanguageReport:
    strings = data.get("strings")
    return LanguageReport(data["pack"], data["lang"], tuple(_article_from_json(a) for a in data["articles"]),
                          _article_from_json(strings) if strings else None, tuple(data.get("held", ())))


def _planned(config: Config, select: Selection = EVERYTHING) -> tuple[State, list[Output]]:
    """The state of ``dist/`` and every planned output; a selection naming nothing known is an error."""
    known = {
        "kind": [w.kind for w in writers.selected_writers(config)],
        "lang": list(config.languages),
        "pack": [p.slug for p in config.packs],
    }
    for what, chosen in (("kind", select.kinds), ("lang", select.langs), ("pack", select.packs)):
        unknown = sorted(set(chosen or ()) - set(known[what]))
        if unknown:
            raise PipelineError(f"--{what} {unknown[0]!r}: not a {what} of this project ({', '.join(known[what])})")
    return State(config.dist), writers.plan(config, compute_inputs(config))


def out_of_date(config: Config, select: Selection = EVERYTHING) -> list[Path]:
    """The outputs a build would write or remove now, without building (``pipeline build --check``)."""
    state, planned = _planned(config, select)
    t = triage(state, planned, _by_default(config, select))
    return [o.path for o in t.stale] + list(t.retired)


def _by_default(config: Config, select: Selection) -> Selection:
    """``select``, less the on-demand kinds (reviewer editions) when it names no kinds."""
    return dataclasses.replace(select, kinds=writers.default_kinds(config)) if select.kinds is None else select


def build(
    config: Config,
    *,
    strict: bool = False,
    force: bool = False,
    jobs: int | None = None,
    built: dt.datetime | None = None,
    progress: Callable[[str], None] | None = None,
    select: Selection = EVERYTHING,
    memo: Memo | None = None,
) -> BuildReport:
    """Build every output of every selected writer; skip those whose inputs did not change.

    ``select`` builds a subset (kinds, languages, packs); the rest of ``dist/`` is left alone.
    ``memo`` keeps what a build read (seeds, checked catalogs, templates) for the next one:
    the preview server (:mod:`pipeline.preview`) passes one to all its builds, so a rebuild
    after one save re-reads only what changed.
    Outputs an earlier build wrote that are no longer planned are removed.  Raises
    :class:`BuildError` listing every failure (the build keeps going past one).
    """
    say = progress or (lambda message: None)
    built = built or _build_time()
    state, planned = _planned(config, select)
    t = triage(state, planned, _by_default(config, select), force=force)
    removed = tuple(retire(state, t.retired))
    skipped = tuple(o.path for o in t.up_to_date)
    if not t.stale:
        if t.retired:
            state.save()
        # Said by every build, not only the one that rendered the fallback (localize_all says it then).
        missing = tuple(missing_catalog_message(config, m) for m in missing_catalogs(config))
        if strict and missing:
            raise BuildError([PipelineError(f"{m} (--strict)") for m in missing])
        return BuildReport((), skipped, _selected_reports(_stored_reports(state, config), select), removed=removed,
                           warnings=missing)

    chosen = [w for w in writers.selected_writers(config) if any(o.kind == w.kind for o in t.stale)]
    slow = sum(1 for o in t.stale for w in chosen if w.parallel and w.kind == o.kind)
    pool = writers.Pool(jobs or os.cpu_count() or 1, slow, writers.preload_of(chosen))
    try:
        report = _build_stale(config, state, t.stale, pool, strict=strict, built=built, say=say,
                              memo=memo or Memo())
    finally:
        pool.close()
    return dataclasses.replace(report, skipped=skipped, removed=removed,
                               languages=_selected_reports(report.languages, select))


def _selected_reports(reports: Sequence[LanguageReport], select: Selection) -> tuple[LanguageReport, ...]:
    return tuple(r for r in reports if (select.packs is None or r.pack in select.packs)
                 and (select.langs is None or r.lang in select.langs))


@dataclass(frozen=True)
class Localized:
    """Every pack in every language, and what the QA gate held back on the way."""

    packs: Mapping[tuple[str, str], LocalPack]  # (pack slug, lang) -> the localized pack
    held: Mapping[tuple[str, str], tuple[str, ...]]  # (pack slug, lang) -> findings held back
    ui_withheld: Mapping[str, frozenset[tuple[str | None, str]]]  # lang -> ui entries held back
    warnings: tuple[str, ...] = ()  # said once per build (a language the glossary has no column for)


def localize_packs(
    config: Config, *, strict: bool = False, say: Callable[[str], None] | None = None
) -> dict[tuple[str, str], LocalPack]:
    """Every configured pack in every one of its languages, keyed ``(pack slug, lang)``.

    Ingests and segments the documents the packs need, publishes what each catalog has
    translated (less what the QA gate holds back) and applies the pack's completeness policy.
    Raises :class:`BuildError` listing every unknown document, every article below its minimum
    under ``strict``, and every check error under ``strict`` or ``on_check_error = "fail"``.
    """
    return dict(localize_all(config, strict=strict, say=say).packs)


def localize_all(
    config: Config,
    *,
    strict: bool = False,
    say: Callable[[str], None] | None = None,
    only: Collection[tuple[str, str]] | None = None,
    memo: Memo | None = None,
) -> Localized:
    """:func:`localize_packs`, with what the QA gate held back (for the build report).

    ``only`` limits the work to those (pack slug, lang) pairs (what the stale outputs need).
    Each seed and catalog is read once (through ``memo``: not at all if unchanged since the
    ``memo``'s last build).
    """
    from pipeline.localize import CompletenessError, apply_policy, localize_document, localize_pack_text
    from pipeline.segment import segment_document

    say = say or (lambda message: None)
    memo = memo or Memo()
    say("ingest")
    documents = {doc.slug: doc for doc in memo.documents(config)}
    errors: list[PipelineError] = []
    for pack in config.packs:
        for slug in pack.documents:
            if slug not in documents:
                errors.append(PipelineError(f"{config.seeds.name}: pack {pack.slug!r}: no document {slug!r}"))
    if errors:
        raise BuildError(errors)
    wanted = [(pack, lang) for pack in config.packs for lang in pack.languages
              if only is None or (pack.slug, lang) in only]
    say("segment")
    needed = {slug for pack, _ in wanted for slug in pack.documents}
    segments = {slug: tuple(segment_document(documents[slug])) for slug in sorted(needed)}  # as extract sees them

    say("check")
    glossary = memo.glossary(config)

    def catalog(lang: str, domain: str) -> ArticleCatalog:
        source = documents[domain].meta.language if domain in documents else None  # lang: per document
        return memo.catalog(config, lang, domain, glossary, source)

    say("localize")
    local: dict[tuple[str, str], LocalPack] = {}
    held: dict[tuple[str, str], tuple[str, ...]] = {}
    ui_withheld: dict[str, frozenset[tuple[str | None, str]]] = {}
    for lang in config.languages:
        # Template strings are shared by every pack of a language: held back unless all say "publish".
        policies = {p.on_check_error for p in config.packs if lang in p.languages}
        ui_withheld[lang] = frozenset() if policies <= {"publish"} else frozenset(catalog(lang, UI_DOMAIN).withheld())
    for pack, lang in wanted:
        articles = []
        found_errors: list[Finding] = []
        for slug in pack.documents:
            found = catalog(lang, slug)
            found_errors.extend(found.errors)
            published, withheld = found.gated(pack.on_check_error)
            articles.append(localize_document(documents[slug], segments[slug], published, lang,
                                              documents[slug].meta.language, translator=found.translator,
                                              machine_draft=found.machine_draft, withheld=withheld))
        ui = catalog(lang, UI_DOMAIN)
        found_errors.extend(ui.errors)
        published, withheld = ui.gated(pack.on_check_error)
        text = localize_pack_text(pack, lang, published, config.source_language, withheld=withheld)
        if found_errors and (strict or pack.on_check_error == "fail"):
            errors.extend(gate_error(f, pack.slug, lang, strict) for f in found_errors)
            continue
        if pack.on_check_error != "publish":
            held[(pack.slug, lang)] = tuple(f.format() for f in found_errors)
        try:
            local[(pack.slug, lang)] = apply_policy(
                pack, lang, articles, strict=strict, source_lang=config.source_language, text=text
            )
        except CompletenessError as exc:
            errors.append(exc)
    missing = tuple(missing_catalog_message(config, m) for m in missing_catalogs(config))
    if strict:
        errors.extend(PipelineError(f"{m} (--strict)") for m in missing)
    if errors:
        raise BuildError(errors)
    display = (config.locales / GLOSSARY_FILES[0]).relative_to(config.root).as_posix() if glossary is not None else None
    warning = glossary.missing_warning(config.target_languages, display) if glossary is not None else None
    return Localized(local, held, ui_withheld, ((warning,) if warning else ()) + missing)


def _build_stale(
    config: Config,
    state: State,
    stale: Sequence[Output],
    pool: writers.Pool,
    *,
    strict: bool,
    built: dt.datetime,
    say: Callable[[str], None],
    memo: Memo,
) -> BuildReport:
    needs = {need for output in stale for need in output.needs}
    # Outputs that need no pack (copied assets) need no ingest either.
    localized = localize_all(config, strict=strict, say=say, only=needs, memo=memo) if needs else Localized({}, {}, {})
    local = localized.packs
    # The state keeps the latest report of every configured pack and language, built now or before.
    known = {(r.pack, r.lang): r for r in _stored_reports(state, config)}
    known.update(((p.slug, lang), _report(local[(p.slug, lang)], localized.held.get((p.slug, lang), ())))
                 for p in config.packs for lang in p.languages if (p.slug, lang) in local)
    reports = tuple(known[(p.slug, lang)] for p in config.packs for lang in p.languages if (p.slug, lang) in known)
    state.reports = [_report_to_json(r) for r in reports]

    say("render")
    uis = {lang: memo.ui(config, lang, localized.ui_withheld.get(lang, ())) for lang in config.languages}
    context = writers.Context(config, local, uis, built, pipeline_version(), memo.environment)
    done = StageReport(warnings=localized.warnings)  # what was written, and every failure
    pages: dict[str, int] = {}

    def keep(output: Output, rendered: writers.Rendered) -> StageReport:
        atomic_write_bytes(output.path, rendered.data)
        state.record(output, rendered.data)
        if rendered.pages is not None:
            pages[state.key(output.path)] = rendered.pages
        return StageReport((FileChange(output.path, True, f"{rendered.pages} pages" if rendered.pages else ""),))

    by_kind = {w.kind: w for w in writers.selected_writers(config)}
    # Slow (pooled) writers first, so their workers start while the fast outputs render.
    for output in sorted(stale, key=lambda o: not by_kind[o.kind].parallel):
        try:
            result = by_kind[output.kind].render(output, context)
        except PipelineError as exc:
            done += StageReport(errors=(exc,))
            continue
        if isinstance(result, writers.Deferred):
            pool.submit(output, result)
        else:
            done += keep(output, result)

    say("pdf")
    for output, pooled in pool.results():
        done += StageReport(errors=(pooled,)) if isinstance(pooled, PipelineError) else keep(output, pooled)
    state.save()
    if done.errors:
        raise BuildError(done.errors)
    return BuildReport(tuple(c.path for c in done.changes), (), reports, pages, warnings=done.warnings)


def _stored_reports(state: State, config: Config) -> tuple[LanguageReport, ...]:
    """The reports an earlier build left in the state, of packs and languages still configured."""
    configured = {(p.slug, lang) for p in config.packs for lang in p.languages}
    try:
        stored = tuple(_report_from_json(r) for r in state.reports)
    except (KeyError, TypeError, AttributeError):
        return ()  # unreadable: the next build that localizes writes them again
    return tuple(r for r in stored if (r.pack, r.lang) in configured)


# ---------------------------------------------------------------------------------------------
# The catalog stages: ingest → segment → extract → update, for the documents and the ui domain


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M+0000")


def _read_previous(path: Path) -> Catalog | None:
    from pipeline.pofile import read_po

    return read_po(path) if path.exists() else None


def _batch_errors(exc: PipelineError) -> tuple[PipelineError, ...]:
    return exc.errors if isinstance(exc, BatchError) else (exc,)


def extract(config: Config, *, check: bool = False, now: Callable[[], str] = _now) -> StageReport:
    """``pipeline extract``: ``locales/<slug>.pot`` for every document, ``locales/ui.pot`` for
    the templates and configuration.

    Every template is made in memory first; if any source fails (a seed that does not ingest,
    a template that does not parse), nothing is written and every failure is reported.  An
    unchanged template is not rewritten (``POT-Creation-Date`` changes only with the entries).
    """
    from pipeline.catalog import build_template
    from pipeline.ingest import ingest_seeds, load_seeds
    from pipeline.segment import segment_document
    from pipeline.ui import extract_ui, ui_template_for

    ingested = ingest_seeds(load_seeds(config), config.root)
    errors = list(ingested.errors)
    made: list[tuple[Path, Catalog, str]] = []  # (path, template, summary)
    for doc in ingested.documents:
        path = config.pot_path(doc.slug)
        try:
            source = doc.meta.language if doc.meta.language != config.source_language else None
            pot = build_template(segment_document(doc), project=config.project, title=doc.meta.title,
                                 previous=_read_previous(path), now=now, source_language=source)
            made.append((path, pot, f"{len(pot.entries)} entries"))
        except PipelineError as exc:
            errors.extend(_batch_errors(exc))
    try:
        messages = extract_ui(config)
        path = config.pot_path(UI_DOMAIN)
        made.append((path, ui_template_for(config, messages, _read_previous(path), now()), f"{len(messages)} ui strings"))
    except PipelineError as exc:
        errors.extend(_batch_errors(exc))
    if errors:
        return StageReport(errors=tuple(errors), warnings=("nothing written: the templates are written together, "
                                                           "once every source reads",))
    return _write_catalogs(made, check=check, update=False)


def update(
    config: Config, domains: Sequence[str] | None = None, *, check: bool = False, memory: bool = True
) -> StageReport:
    """``pipeline update``: merge every template (or those of ``domains``) into each target
    language's catalog, the ui domain with the same code (without translation memory).

    Keeps going past a bad catalog.  A file whose entries do not change keeps its bytes.
    """
    from pipeline.catalog import domain_targets, merge_update
    from pipeline.pofile import read_po

    if domains is None:  # every document that has a template, then the ui domain
        domains = sorted(p.stem for p in config.locales.glob("*.pot") if p.stem != UI_DOMAIN) + [UI_DOMAIN]
    report = StageReport()
    parsed: dict[Path, tuple[bytes, Catalog | None]] = {}
    for domain in domains:
        try:
            template = read_po(config.pot_path(domain))
        except PipelineError as exc:
            report += StageReport(errors=_batch_errors(exc))
            continue
        for lang in domain_targets(config, domain, template):
            path = config.po_path(lang, domain)
            try:
                mem = _memory(config, lang, path, parsed) if memory and domain != UI_DOMAIN else []
                result = merge_update(template, _read_previous(path), lang, path=path, memory=mem, project=config.project)
            except PipelineError as exc:
                report += StageReport(errors=_batch_errors(exc))
                continue
            summary = ", ".join(f"{result.count(k)} {k}" for k in _SUMMARY_KINDS if result.count(k))
            if result.obsoleted:
                summary += f", {len(result.obsoleted)} obsoleted"
            # Written one at a time: the next catalog's memory reads this one as it is now.
            report += _write_catalogs([(path, result.catalog, summary if domain != UI_DOMAIN else "")],
                                      check=check, update=True)
    return report


# The merge decisions the summary of an update counts, in this order.
_SUMMARY_KINDS = ("exact", "cosmetic", "fuzzy", "memory", "memory-fuzzy", "new")


def _write_catalogs(
    items: Sequence[tuple[Path, Catalog, str]], *, check: bool, update: bool
) -> StageReport:
    """Write each (path, catalog, summary) whose bytes change (nothing with ``check``).

    For an update, a file whose entries the merge does not change keeps its own bytes.
    """
    from pipeline.fileio import would_change
    from pipeline.pocompare import encode_update
    from pipeline.pofile import encode_po, write_po

    changes: list[FileChange] = []
    errors: list[PipelineError] = []
    for path, catalog, summary in items:
        try:
            data = encode_update(path, catalog) if update else encode_po(catalog)
            changed = would_change(path, data)
            if changed and not check:
                write_po(path, catalog, data=data)
            changes.append(FileChange(path, changed, summary))
        except PipelineError as exc:
            errors.append(exc)
    return StageReport(tuple(changes), tuple(errors))


def _memory(config: Config, lang: str, exclude: Path, parsed: dict[Path, tuple[bytes, Catalog | None]]) -> list[Catalog]:
    """The other catalogs of ``lang`` as they are on disk now: the translation memory.

    ``parsed`` keeps each file's bytes and catalog between calls, so that a file is parsed
    again only when it changed (each update would otherwise re-parse all its neighbours).
    """
    from pipeline.pofile import parse_po

    folder = config.locales / lang / "LC_MESSAGES"
    out: list[Catalog] = []
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else ():
        if path != exclude and path.stem != UI_DOMAIN:
            try:
                data = path.read_bytes()
            except OSError:
                continue
            seen = parsed.get(path)
            if seen is None or seen[0] != data:
                shown = path.relative_to(config.root).as_posix() if path.is_relative_to(config.root) else str(path)
                try:
                    catalog: Catalog | None = dataclasses.replace(parse_po(data, path), path=shown)
                except PipelineError:
                    catalog = None  # a broken neighbour is reported when it is updated itself
                seen = parsed[path] = (data, catalog)
            if seen[1] is not None:
                out.append(seen[1])
    return out


def _build_time() -> dt.datetime:
    """Now (UTC), or ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


__all__ = [
    "ArticleCatalog",
    "ArticleReport",
    "BuildError",
    "BuildReport",
    "Inputs",
    "LanguageReport",
    "article_catalog",
    "build",
    "code_version",
    "extract",
    "update",
    "compute_inputs",
    "localize_all",
    "localize_packs",
    "load_build_glossary",
    "Localized",
    "EVERYTHING",
    "Output",
    "STATE_FILE",
    "Selection",
    "State",
    "WRITERS",
    "out_of_date",
    "plan",
    "translator_name",
    "ui_translations",
]
