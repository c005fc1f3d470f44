"""Build: the one place that knows the order of the stages.

    ingest → segment → localize → render → pdf

``build(config)`` writes, for every pack and language, ``dist/<lang>/<pack>.pdf``, the site page
``dist/<lang>/index.html`` (every pack of the language) and the language chooser
``dist/index.html``, plus the stylesheets and fonts under ``dist/assets/``.

Incremental: each output records the hash of its inputs (its sources, catalogs, the templates,
the configuration and the pipeline's own code) in ``dist/.build-state.json``.  An output whose
input hash is unchanged and whose file is still the one written is skipped; when nothing is out
of date the build does not even ingest.  PDFs are rendered in parallel, one process per core,
each importing WeasyPrint once.
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import datetime as dt
import hashlib
import importlib.metadata
import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.config import UI_DOMAIN, Config, PackConfig
from pipeline.errors import BatchError, PipelineError
from pipeline.fileio import atomic_write_bytes, write_if_changed
from pipeline.gate import (
    GLOSSARY_FILES,
    ArticleCatalog,
    article_catalog,
    gate_error,
    load_build_glossary,
    translator_name,
    ui_translations,
)

if TYPE_CHECKING:  # localize pulls in Babel and Jinja2: imported only when something is built
    from pipeline.check import Finding
    from pipeline.localize import LocalPack

STATE_FILE = ".build-state.json"
ASSET_SUFFIXES = (".css", ".ttf", ".otf", ".woff", ".woff2", ".txt", ".md")


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


# ---------------------------------------------------------------------------------------------
# Input hashing


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _file_digest(path: Path) -> str:
    try:
        return _digest(str(path.name), path.read_bytes())
    except FileNotFoundError:
        return _digest(str(path.name), "<missing>")


def _tree_digest(folder: Path, pattern: str = "**/*") -> str:
    files = sorted(p for p in folder.glob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    return _digest(*(f"{p.relative_to(folder)}\0{_file_digest(p)}" for p in files))


def pipeline_version() -> str:
    """The installed distribution's version (works however the package was imported)."""
    try:
        return importlib.metadata.version("pipeline")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


def code_version() -> str:
    """Hash of the pipeline's own source files: a code change rebuilds everything."""
    return _tree_digest(Path(__file__).resolve().parent, "*.py")


@dataclass(frozen=True)
class Inputs:
    """The hashes an output depends on, computed without ingesting anything."""

    base: str  # code, templates, configuration
    sources: Mapping[str, str]  # document slug -> hash of its seed file (and the manifest)
    catalogs: Mapping[tuple[str, str], str]  # (lang, domain) -> hash of the .po

    def pack(self, pack: PackConfig, lang: str) -> str:
        return _digest(
            self.base,
            lang,
            *(self.sources.get(slug, "?") for slug in pack.documents),
            *(self.catalogs.get((lang, slug), "") for slug in pack.documents),
            self.catalogs.get((lang, UI_DOMAIN), ""),
        )


def compute_inputs(config: Config) -> Inputs:
    """Hash every input of the build: cheap, so a no-op rebuild stays a small fraction."""
    from pipeline.manifest import load_manifest

    seeds = load_manifest(config.seeds)
    manifest = _file_digest(config.seeds)
    sources = {seed.meta.slug: _digest(manifest, _file_digest(seed.path)) for seed in seeds}
    config_text = repr(
        (config.project, config.source_language, config.languages, config.packs, str(config.dist.name), config.base_url)
    )
    # The glossary decides what the QA gate holds back, so it is an input of every output.
    glossary = _digest(*(_file_digest(config.locales / name) for name in GLOSSARY_FILES))
    base = _digest(code_version(), _tree_digest(config.templates), config_text, pipeline_version(), glossary)
    catalogs: dict[tuple[str, str], str] = {}
    domains = {slug for pack in config.packs for slug in pack.documents} | {UI_DOMAIN}
    for lang in config.target_languages:
        for domain in sorted(domains):
            catalogs[(lang, domain)] = _file_digest(config.po_path(lang, domain))
    return Inputs(base, sources, catalogs)


@dataclass(frozen=True)
class Output:
    """One file of dist/ and the hash of what it is made from."""

    path: Path
    inputs: str


def plan(config: Config, inputs: Inputs) -> tuple[list[Output], list[Output]]:
    """(PDF outputs, HTML outputs) with their input hashes."""
    pdfs = [
        Output(config.dist / lang / f"{pack.slug}.pdf", inputs.pack(pack, lang))
        for pack in config.packs
        for lang in pack.languages
    ]
    pages = []
    for lang in config.languages:
        packs = [p for p in config.packs if lang in p.languages]
        pages.append(Output(config.dist / lang / "index.html", _digest("site", *(inputs.pack(p, lang) for p in packs))))
    chooser = _digest("chooser", inputs.base, *(inputs.catalogs.get((lang, UI_DOMAIN), "") for lang in config.languages))
    pages.append(Output(config.dist / "index.html", chooser))
    return pdfs, pages


class State:
    """``dist/.build-state.json``: per output, the input hash and the hash of the bytes written."""

    def __init__(self, dist: Path) -> None:
        self.path = dist / STATE_FILE
        self.dist = dist
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            data = {}
        self.outputs: dict[str, dict[str, str]] = data.get("outputs", {}) if isinstance(data, dict) else {}
        reports = data.get("reports", []) if isinstance(data, dict) else []
        self.reports: list[Any] = reports if isinstance(reports, list) else []

    def key(self, path: Path) -> str:
        return path.relative_to(self.dist).as_posix()

    def fresh(self, output: Output) -> bool:
        entry = self.outputs.get(self.key(output.path))
        if not entry or entry.get("inputs") != output.inputs:
            return False
        try:
            return hashlib.sha256(output.path.read_bytes()).hexdigest() == entry.get("output")
        except FileNotFoundError:
            return False

    def record(self, output: Output, data: bytes) -> None:
        self.outputs[self.key(output.path)] = {"inputs": output.inputs, "output": hashlib.sha256(data).hexdigest()}

    def save(self) -> None:
        text = json.dumps({"outputs": self.outputs, "reports": self.reports}, indent=1, sort_keys=True)
        atomic_write_bytes(self.path, text.encode("utf-8") + b"\n")


# ---------------------------------------------------------------------------------------------
# The stages


def _pdf_worker_init() -> None:
    # Import WeasyPrint once per worker process, before the first job arrives.
    import pipeline.pdf  # noqa: F401


def _pdf_job(html: str, target: str, templates: str) -> tuple[str, int, bytes]:
    from pipeline.pdf import render_pdf_bytes

    result = render_pdf_bytes(html, templates=Path(templates))
    return target, result.pages, result.data


class PdfRenderer:
    """Renders PDFs in worker processes, one per core, each importing WeasyPrint once.

    Started before ingest, so the workers load WeasyPrint while the main process ingests,
    localizes and renders the HTML.  With one job or one core it renders in-process.
    """

    def __init__(self, templates: Path, workers: int, jobs: int) -> None:
        self.templates = templates
        self.pool: cf.ProcessPoolExecutor | None = None
        self.pending: list[tuple[str, Path]] = []
        self.futures: list[cf.Future[tuple[str, int, bytes]]] = []
        count = min(workers, jobs)
        if count > 1:
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
            self.pool = cf.ProcessPoolExecutor(max_workers=count, mp_context=ctx, initializer=_pdf_worker_init)
            for _ in range(count):
                self.pool.submit(_pdf_worker_init)  # start the workers now

    def submit(self, html: str, target: Path) -> None:
        """Queue one PDF; with workers it starts at once, while the caller renders the site."""
        if self.pool is None:
            self.pending.append((html, target))
        else:
            self.futures.append(self.pool.submit(_pdf_job, html, str(target), str(self.templates)))

    def results(self) -> Iterable[tuple[Path, int, bytes] | PipelineError]:
        """(target, pages, bytes) for every submitted PDF, or the error of that job."""
        for html, target in self.pending:
            try:
                _, pages, data = _pdf_job(html, str(target), str(self.templates))
                yield target, pages, data
            except PipelineError as exc:
                yield exc
        for future in self.futures:
            try:
                target_s, pages, data = future.result()
                yield Path(target_s), pages, data
            except PipelineError as exc:
                yield exc

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def copy_assets(config: Config) -> list[Path]:
    """Stylesheets and fonts the site needs, copied from templates/ to dist/assets/ when changed."""
    written = []
    for src in sorted(config.templates.rglob("*")):
        if src.is_file() and src.suffix in ASSET_SUFFIXES and not src.name.startswith("."):
            target = config.dist / "assets" / src.relative_to(config.templates)
            if write_if_changed(target, src.read_bytes()):
                written.append(target)
    return written


def _report(pack: LocalPack, held: Sequence[str] = ()) -> LanguageReport:
    articles = [
        ArticleReport(a.slug, a.document.path, a.status.segments, a.status.published,
                      withheld=a.status.withheld, checks=a.status.checks) for a in pack.articles
    ] + [ArticleReport(o.document.slug, o.document.path, o.status.segments, o.status.published, True,
                       o.status.withheld, o.status.checks) for o in pack.omitted]
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


@dataclass(frozen=True)
class _Triage:
    state: State
    stale_pdfs: list[Output]
    stale_pages: list[Output]
    up_to_date: list[Path]
    retired: list[Path]  # recorded in the state by an earlier build, no longer planned


def _triage(config: Config, force: bool = False) -> _Triage:
    """What a build has to write, what it can skip and what it has to remove; changes nothing."""
    pdf_outputs, page_outputs = plan(config, compute_inputs(config))
    state = State(config.dist)
    stale_pdfs = [o for o in pdf_outputs if force or not state.fresh(o)]
    stale_pages = [o for o in page_outputs if force or not state.fresh(o)]
    up_to_date = [o.path for o in pdf_outputs + page_outputs if o not in stale_pdfs and o not in stale_pages]
    planned = {state.key(o.path) for o in pdf_outputs + page_outputs}
    retired = [config.dist / key for key in sorted(state.outputs) if key not in planned]
    return _Triage(state, stale_pdfs, stale_pages, up_to_date, retired)


def out_of_date(config: Config) -> list[Path]:
    """The outputs a build would write or remove now, without building (``pipeline build --check``)."""
    t = _triage(config)
    return [o.path for o in t.stale_pdfs + t.stale_pages] + t.retired


def _retire(state: State, paths: Sequence[Path]) -> list[Path]:
    """Delete earlier outputs that are no longer planned; return those deleted.

    A file is deleted only if it still holds the bytes the build wrote: anything someone put
    there by hand is left alone (and forgotten by the state).
    """
    removed = []
    for path in paths:
        recorded = state.outputs.pop(state.key(path), {}).get("output")
        try:
            if hashlib.sha256(path.read_bytes()).hexdigest() != recorded:
                continue
        except FileNotFoundError:
            continue
        path.unlink()
        removed.append(path)
        if path.parent != state.dist and not any(path.parent.iterdir()):
            path.parent.rmdir()
    return removed


def build(
    config: Config,
    *,
    strict: bool = False,
    force: bool = False,
    jobs: int | None = None,
    built: dt.datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build every pack in every language; skip outputs whose inputs did not change.

    Raises :class:`BuildError` listing every failure (the build keeps going past one).
    """
    say = progress or (lambda message: None)
    built = built or _build_time()
    workers = jobs or os.cpu_count() or 1
    t = _triage(config, force)
    state = t.state
    assets = copy_assets(config)
    removed = tuple(_retire(state, t.retired))
    if not t.stale_pdfs and not t.stale_pages:
        try:
            reports = tuple(_report_from_json(r) for r in state.reports)
        except (KeyError, TypeError):
            reports = ()
        if t.retired:
            state.save()
        return BuildReport(tuple(assets), tuple(t.up_to_date), reports, removed=removed)

    renderer = PdfRenderer(config.templates, workers, len(t.stale_pdfs))
    try:
        report = _build_stale(config, state, t.stale_pdfs, t.stale_pages, t.up_to_date, assets, renderer,
                              strict=strict, built=built, say=say)
    finally:
        renderer.close()
    return dataclasses.replace(report, removed=removed)


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


def localize_all(config: Config, *, strict: bool = False, say: Callable[[str], None] | None = None) -> Localized:
    """:func:`localize_packs`, with what the QA gate held back (for the build report)."""
    from pipeline.ingest import load_documents
    from pipeline.localize import CompletenessError, apply_policy, localize_document, localize_pack_text
    from pipeline.segment import segment_document

    say = say or (lambda message: None)
    say("ingest")
    documents = {doc.slug: doc for doc in load_documents(config)}
    errors: list[PipelineError] = []
    for pack in config.packs:
        for slug in pack.documents:
            if slug not in documents:
                errors.append(PipelineError(f"{config.seeds.name}: pack {pack.slug!r}: no document {slug!r}"))
    if errors:
        raise BuildError(errors)
    say("segment")
    needed = {slug for pack in config.packs for slug in pack.documents}
    segments = {slug: tuple(segment_document(documents[slug])) for slug in sorted(needed)}  # as extract sees them

    say("check")
    glossary = load_build_glossary(config)
    catalogs: dict[tuple[str, str], ArticleCatalog] = {}  # (lang, domain): each catalog read once per build

    def catalog(lang: str, domain: str) -> ArticleCatalog:
        if (lang, domain) not in catalogs:
            catalogs[(lang, domain)] = article_catalog(config, lang, domain, glossary)
        return catalogs[(lang, domain)]

    say("localize")
    local: dict[tuple[str, str], LocalPack] = {}
    held: dict[tuple[str, str], tuple[str, ...]] = {}
    ui_withheld: dict[str, frozenset[tuple[str | None, str]]] = {}
    for lang in config.languages:
        # Template strings are shared by every pack of a language: held back unless all say "publish".
        policies = {p.on_check_error for p in config.packs if lang in p.languages}
        ui_withheld[lang] = frozenset() if policies <= {"publish"} else frozenset(catalog(lang, UI_DOMAIN).withheld())
    for pack in config.packs:
        for lang in pack.languages:
            articles = []
            found_errors: list[Finding] = []
            for slug in pack.documents:
                found = catalog(lang, slug)
                found_errors.extend(found.errors)
                published, withheld = found.gated(pack.on_check_error)
                articles.append(localize_document(documents[slug], segments[slug], published, lang,
                                                  config.source_language, translator=found.translator,
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
    if errors:
        raise BuildError(errors)
    display = (config.locales / GLOSSARY_FILES[0]).relative_to(config.root).as_posix() if glossary is not None else None
    warning = glossary.missing_warning(config.target_languages, display) if glossary is not None else None
    return Localized(local, held, ui_withheld, (warning,) if warning else ())


def _build_stale(
    config: Config,
    state: State,
    stale_pdfs: Sequence[Output],
    stale_pages: Sequence[Output],
    up_to_date: Sequence[Path],
    assets: Sequence[Path],
    renderer: PdfRenderer,
    *,
    strict: bool,
    built: dt.datetime,
    say: Callable[[str], None],
) -> BuildReport:
    # Heavy imports only when something has to be built.
    from pipeline.render import (
        ChooserEntry,
        L10n,
        UiText,
        bind_spaces,
        make_environment,
        render_chooser,
        render_pdf_html,
        render_site_page,
    )

    localized = localize_all(config, strict=strict, say=say)
    local = localized.packs
    errors: list[PipelineError] = []
    reports = tuple(_report(local[(p.slug, lang)], localized.held.get((p.slug, lang), ()))
                    for p in config.packs for lang in p.languages)
    state.reports = [_report_to_json(r) for r in reports]

    say("render")
    env = make_environment(config.templates)
    uis = {lang: ui_translations(config, lang, localized.ui_withheld.get(lang, ())) for lang in config.languages}
    version = pipeline_version()
    written: list[Path] = list(assets)
    for output in stale_pdfs:  # first, so the workers start on them while the site renders
        lang, slug = output.path.parent.name, output.path.stem
        try:
            html = render_pdf_html(env, local[(slug, lang)], uis[lang], built=built, project=config.project, version=version)
            html = bind_spaces(html, lang)  # no-break spaces: the typesetting of the PDF
        except PipelineError as exc:
            errors.append(exc)
            continue
        renderer.submit(html, output.path)
    for output in stale_pages:
        try:
            if output.path.parent == config.dist:
                entries = [
                    ChooserEntry(lang, L10n(lang).language(lang, own=True), f"{lang}/index.html", UiText(uis[lang]),
                                 tuple(p for p in config.packs if lang in p.languages),
                                 tuple(t for p in config.packs if lang in p.languages
                                       for t in (local[(p.slug, lang)].text,) if t is not None))
                    for lang in config.languages
                ]
                html = render_chooser(env, entries, uis[config.source_language], config.source_language,
                                      languages=config.languages, built=built, project=config.project, version=version,
                                      base_url=config.base_url)
            else:
                lang = output.path.parent.name
                packs = [local[(p.slug, lang)] for p in config.packs if lang in p.languages]
                html = render_site_page(env, packs, uis[lang], lang, languages=config.languages, built=built,
                                        project=config.project, version=version, base_url=config.base_url)
        except PipelineError as exc:
            errors.append(exc)
            continue
        data = html.encode("utf-8")
        atomic_write_bytes(output.path, data)
        state.record(output, data)
        written.append(output.path)

    say("pdf")
    pages: dict[str, int] = {}
    by_path = {o.path: o for o in stale_pdfs}
    for result in renderer.results():
        if isinstance(result, PipelineError):
            errors.append(result)
            continue
        target, count, data = result
        atomic_write_bytes(target, data)
        state.record(by_path[target], data)
        written.append(target)
        pages[str(target.relative_to(config.dist))] = count
    state.save()
    if errors:
        raise BuildError(errors)
    return BuildReport(tuple(written), tuple(up_to_date), reports, pages, warnings=localized.warnings)


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
    "compute_inputs",
    "copy_assets",
    "localize_all",
    "localize_packs",
    "load_build_glossary",
    "Localized",
    "out_of_date",
    "plan",
    "translator_name",
    "ui_translations",
]
