"""The reviewer edition: one article's catalog as a bilingual table for people who do not use
gettext, as a PDF to read and annotate and as an XLSX workbook to send corrections back.

A row is one translation unit (one form of a plural entry) with its stable segment id, the
English source, the translation, its status (translated, fuzzy, untranslated), what
``pipeline check`` finds in it and the translator's comments.  Both editions show the same rows
with the same ids; the XLSX adds a *correction* and a *comment* column and records, per row,
the hash of the source it showed, so that :mod:`pipeline.review_import` can refuse a
correction whose sentence has changed since (never applying it to another sentence).

This module is the pure core: :func:`review_document` turns a parsed catalog and its check
findings into a :class:`ReviewDoc`, :func:`review_html` renders the PDF's HTML
(``templates/review.pdf.html``); :mod:`pipeline.review_xlsx` writes and reads the workbook,
:mod:`pipeline.pdf` typesets.  Reading files and writing outputs is :func:`load_review` and
the ``review-pdf`` and ``review-xlsx`` writers (:mod:`pipeline.writers.review`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pipeline.config import UI_DOMAIN, Config
from pipeline.errors import CatalogError, PipelineError
from pipeline.pofile import Catalog, Message, read_po

if TYPE_CHECKING:  # the check stage pulls in Babel; Jinja2 only when the PDF is rendered
    import jinja2

    from pipeline.check import Finding
    from pipeline.check_glossary import Glossary
    from pipeline.check_style import HouseStyle
    from pipeline.render import UiTranslations

RowStatus = Literal["translated", "fuzzy", "untranslated"]
STATUSES: tuple[RowStatus, ...] = ("translated", "fuzzy", "untranslated")

# Every label of both editions, as (msgctxt, msgid) of the ui domain.  The PDF template uses
# each of them (so `pipeline extract` puts them in ui.pot); the XLSX looks up the same ones.
LABELS: Mapping[str, tuple[str, str]] = {
    "id": ("review column", "Segment"),
    "source": ("review column", "Source"),
    "target": ("review column", "Translation"),
    "status": ("review column", "Status"),
    "checks": ("review column", "Checks"),
    "comments": ("review column", "Translator’s comments"),
    "notes": ("review column", "Notes"),
    "correction": ("review column", "Correction"),
    "comment": ("review column", "Reviewer’s comment"),
    "translated": ("review status", "translated"),
    "fuzzy": ("review status", "fuzzy"),
    "untranslated": ("review status", "untranslated"),
}


def segment_id(msgctxt: str | None, msgid: str) -> str:
    """The stable id of an entry: the exchange formats' unit id (a short hash of the key), so
    a segment has one id in the PDF, the XLSX and an XLIFF file."""
    from pipeline.exchange.apply import unit_id

    return unit_id(msgctxt, msgid)


def source_hash(msgctxt: str | None, msgid: str, msgid_plural: str | None = None) -> str:
    """The hash of everything that identifies an entry's source, recorded per XLSX row."""
    text = "\x04".join((msgctxt or "", msgid, msgid_plural or ""))
    return hashlib.sha256((("c" if msgctxt is not None else "-") + text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RowFinding:
    """One ``pipeline check`` finding on a row's entry."""

    check: str
    severity: str  # "error" or "warning"
    message: str


@dataclass(frozen=True)
class ReviewRow:
    """One translation unit as the reviewer sees it (one form of a plural entry)."""

    id: str  # segment_id, with "/<form>" for the forms of a plural entry
    position: str  # where it is in the article ("paragraph 2, sentence 1/2"), from the catalog
    msgctxt: str | None
    msgid: str
    msgid_plural: str | None
    form: int | None  # the plural form, or None
    source: str  # the English shown (msgid, or msgid_plural for forms > 0)
    target: str
    status: RowStatus
    findings: tuple[RowFinding, ...]
    comments: tuple[str, ...]  # translator comments
    previous: str | None  # `#|` previous msgid of a fuzzy entry
    line: int  # of the entry in the catalog

    @property
    def source_hash(self) -> str:
        return source_hash(self.msgctxt, self.msgid, self.msgid_plural)


@dataclass(frozen=True)
class ReviewDoc:
    """One article's catalog in one language, ready for both editions."""

    slug: str
    lang: str
    source_lang: str
    catalog: str  # the catalog's path as shown (relative to the project root)
    title: str  # the article's title in the source language
    title_translated: str  # its translation, "" if none
    revision: str  # PO-Revision-Date of the catalog
    rows: tuple[ReviewRow, ...]

    def count(self, status: RowStatus) -> int:
        return sum(1 for r in self.rows if r.status == status)


def _status(m: Message, target: str) -> RowStatus:
    """The status of one form: an empty form is untranslated even in a fuzzy entry."""
    if not target:
        return "untranslated"
    return "fuzzy" if m.fuzzy else "translated"


def _position(m: Message) -> str:
    """The catalog's note of the unit's place ("paragraph 2, sentence 1/2"; "title 1: …" → "title")."""
    for note in m.extracted:
        text = note.split(":", 1)[0].strip()
        if text:
            return text.removesuffix(" 1") if text.startswith(("title ", "standfirst ")) else text
    return ""


def _findings(findings: Iterable[Finding]) -> dict[tuple[str | None, str], tuple[RowFinding, ...]]:
    out: dict[tuple[str | None, str], list[RowFinding]] = {}
    for f in findings:
        # A fuzzy entry's "not checked" note is its status, already shown.
        if f.check == "fuzzy" or not (f.msgid or f.msgctxt is not None):
            continue
        out.setdefault((f.msgctxt, f.msgid), []).append(RowFinding(f.check, f.severity, f.message))
    return {k: tuple(v) for k, v in out.items()}


def review_rows(catalog: Catalog, findings: Iterable[Finding] = ()) -> tuple[ReviewRow, ...]:
    """The rows of ``catalog`` (active entries in file order) with their check findings."""
    by_key = _findings(findings)
    rows: list[ReviewRow] = []
    seen: set[str] = set()
    for m in catalog.entries:
        base = segment_id(m.msgctxt, m.msgid)
        if base in seen:  # two keys with one short hash: never let one id name two sentences
            raise CatalogError(catalog.path, m.line, f"segment id {base} is not unique in this catalog")
        seen.add(base)
        common: dict[str, Any] = dict(
            position=_position(m), msgctxt=m.msgctxt, msgid=m.msgid, msgid_plural=m.msgid_plural,
            findings=by_key.get(m.key, ()), comments=m.comments,
            previous=m.previous_msgid if m.fuzzy else None, line=m.line,
        )
        if m.msgid_plural is None:
            rows.append(ReviewRow(id=base, form=None, source=m.msgid, target=m.msgstr, status=_status(m, m.msgstr),
                                  **common))
            continue
        for i, form in enumerate(m.msgstr_plural):
            rows.append(ReviewRow(id=f"{base}/{i}", form=i, source=m.msgid if i == 0 else m.msgid_plural,
                                  target=form, status=_status(m, form), **common))
    return tuple(rows)


def _title(catalog: Catalog, slug: str) -> tuple[str, str]:
    for m in catalog.entries:
        if any(e.startswith("title") for e in m.extracted):
            return m.msgid, m.msgstr if m.translated else ""
    return slug, ""


def review_document(
    catalog: Catalog, slug: str, lang: str, source_lang: str, *, shown: str, findings: Iterable[Finding] = ()
) -> ReviewDoc:
    """The reviewer's view of one parsed catalog (a pure function of the catalog and its findings)."""
    title, translated = _title(catalog, slug)
    return ReviewDoc(
        slug=slug, lang=lang, source_lang=source_lang, catalog=shown, title=title, title_translated=translated,
        revision=(catalog.header_value("PO-Revision-Date") or "").strip(),
        rows=review_rows(catalog, findings),
    )


# ---------------------------------------------------------------------------------------------
# Reading a project


@dataclass(frozen=True)
class CheckContext:
    """What ``pipeline check`` checks a catalog against: the glossary and the house style."""

    glossary: Glossary | None
    style: Mapping[str, HouseStyle] | None


def check_context(config: Config) -> CheckContext:
    """The project's glossary and ``locales/style.toml``, as ``pipeline check`` loads them."""
    from pipeline.check_style import load_house_style
    from pipeline.gate import load_build_glossary

    style_path = config.locales / "style.toml"
    style = load_house_style(style_path) if style_path.is_file() else None
    return CheckContext(load_build_glossary(config), style)


def shown_path(config: Config, path: Path) -> str:
    return path.relative_to(config.root).as_posix() if path.is_relative_to(config.root) else str(path)


def load_review(config: Config, lang: str, slug: str, context: CheckContext | None = None) -> ReviewDoc:
    """Read ``locales/<lang>/LC_MESSAGES/<slug>.po`` and check it, as ``pipeline check`` would."""
    from pipeline.check import _msgid_lines, check_catalog

    if slug == UI_DOMAIN:
        raise PipelineError(f"{slug}: the ui domain has no reviewer edition (it is not an article)")
    path = config.po_path(lang, slug)
    shown = shown_path(config, path)
    if not path.is_file():
        pot = config.pot_path(slug)
        hint = "run `pipeline update`" if pot.is_file() else f"no document {slug!r} ({shown_path(config, pot)} is missing)"
        raise CatalogError(shown, None, f"no catalog: {hint}")
    from pipeline.catalog import source_language_of

    catalog = read_po(path)
    ctx = context or check_context(config)
    report = check_catalog(catalog, lang, ctx.glossary, path=shown, msgid_lines=_msgid_lines(path, catalog),
                           style=ctx.style, source_lang=config.source_language)
    # An article written in another language than the project's says so in its catalog.
    source = source_language_of(catalog, config.source_language)
    return review_document(catalog, slug, lang, source, shown=shown, findings=report.findings)


# ---------------------------------------------------------------------------------------------
# Rendering

TEMPLATE = "review.pdf.html"


def labels(ui: UiTranslations) -> dict[str, str]:
    """Every label of :data:`LABELS` in the reader's language (English where not translated)."""
    return {name: ui.pgettext(ctx, msgid) for name, (ctx, msgid) in LABELS.items()}


def review_html(env: jinja2.Environment, doc: ReviewDoc, ui: UiTranslations, *, version: str = "") -> str:
    """The HTML of the reviewer PDF of ``doc`` (``templates/review.pdf.html``)."""
    from pipeline.render import render_html

    return render_html(env, TEMPLATE, ui, doc.lang, doc=doc, source_lang=doc.source_lang, version=version,
                       statuses=STATUSES)


def review_pdf(templates: Path, doc: ReviewDoc, ui: UiTranslations, *, version: str = "") -> bytes:
    """The reviewer PDF of ``doc``: A4 landscape, source and translation side by side."""
    from pipeline.pdf import render_pdf_bytes
    from pipeline.render import make_environment

    html = review_html(make_environment(templates), doc, ui, version=version)
    return render_pdf_bytes(html, templates=templates, template_name=TEMPLATE).data


def review_xlsx(doc: ReviewDoc, ui: UiTranslations) -> bytes:
    """The reviewer workbook of ``doc`` (column titles and status words in the reader's language)."""
    from pipeline.render import L10n
    from pipeline.review_xlsx import format_xlsx

    words = labels(ui)
    l10n = L10n(doc.lang)
    headers = {"source": f"{words['source']} ({l10n.language(doc.source_lang)})",
               "target": f"{words['target']} ({l10n.language(doc.lang)})"}
    return format_xlsx(doc, words, headers)


# ---------------------------------------------------------------------------------------------
# The outputs: dist/review/<lang>/<doc>.pdf and .xlsx

REVIEW_DIR = "review"
SUFFIXES = {"review-pdf": ".pdf", "review-xlsx": ".xlsx"}


def output_path(config: Config, kind: str, lang: str, slug: str) -> Path:
    """Where the build puts an edition: ``dist/review/<lang>/<doc>.pdf`` (or ``.xlsx``)."""
    return config.dist / REVIEW_DIR / lang / f"{slug}{SUFFIXES[kind]}"


__all__ = [
    "LABELS", "REVIEW_DIR", "STATUSES", "SUFFIXES", "CheckContext", "ReviewDoc", "ReviewRow", "RowFinding",
    "check_context", "labels", "load_review", "output_path", "review_document", "review_html", "review_pdf",
    "review_rows", "review_xlsx", "segment_id", "source_hash",
]
