"""The catalog stage: segments → ``locales/<slug>.pot`` → ``locales/<lang>/LC_MESSAGES/<slug>.po``.

* :func:`build_template` turns a document's segments into a template (msgid = sentence,
  ``#:`` seeds/x.txt:12, ``#.`` "paragraph 7, sentence 2/3", msgctxt only where the same text
  has different roles in one document).  ``POT-Creation-Date`` changes only with the content.
* :func:`update_catalog` merges a template into a language's catalog with msgmerge semantics
  plus change-aware carry-over and translation memory (:mod:`pipeline.merge`).
* :func:`catalog_status`, :func:`translations` and :func:`published` serve reports and the
  renderer (only translated, non-fuzzy strings are ever published).

Pure over its inputs: the functions here make, merge and count catalogs; reading the files
and writing them, and the order of the stages, are the orchestrator's (:mod:`pipeline.build`).
Plural rules come from :mod:`pipeline.lang`.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from pipeline.config import UI_DOMAIN, Config
from pipeline.errors import CatalogError, PipelineError
from pipeline.lang import language
from pipeline.merge import MergeResult, merge_catalogs
from pipeline.model import BlockKind, FileChange, Segment, StageReport
from pipeline.pofile import (
    Catalog,
    Message,
    format_header,
    format_po,
    nplurals_of,
    parse_po,
    read_po,
    set_header_fields,
    write_po,
)

__all__ = [
    "Catalog", "Message", "Status", "FileChange", "read_po", "write_po", "format_po", "parse_po",
    "build_template", "update_catalog", "update_result", "merge_update", "merge_files", "catalog_status",
    "translations", "published", "published_entries", "plural_forms", "status_report", "StageReport",
]


# What a non-prose block is, for the translator.
KIND_NOTES = {
    BlockKind.TITLE: "the article title",
    BlockKind.STANDFIRST: "the standfirst below the title",
    BlockKind.HEADING: "a section heading",
    BlockKind.LIST_ITEM: "a list item",
    BlockKind.QUOTE: "a block quotation",
    BlockKind.CAPTION: "an image caption",
    BlockKind.CREDIT: "a photo credit",
    BlockKind.BYLINE: "the author byline",
    BlockKind.NOTE: "an editor's note",
}


def plural_forms(lang: str) -> str:
    """The Plural-Forms header value for ``lang`` (pinned in its data file, else Babel's CLDR)."""
    return language(lang).plural_forms


def _nplurals(forms: str) -> int:
    n = nplurals_of(forms)
    return 2 if n is None else n


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M+0000")


# ----------------------------------------------------------------------------- templates


# The header field that names the language of a template's msgids when it is not the
# project's source language (a document whose manifest entry says language = "be").  update
# copies it into every catalog of the document, so check and the build read it from there.
SOURCE_LANGUAGE_FIELD = "X-Source-Language"


def template_header(project: str, creation_date: str, source_language: str | None = None) -> str:
    fields = [
        ("Project-Id-Version", project),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", creation_date),
        ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
        ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
        ("Language-Team", "LANGUAGE <LL@li.org>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    if source_language:
        fields.append((SOURCE_LANGUAGE_FIELD, source_language))
    return format_header(fields)


def source_language_of(catalog: Catalog, default: str) -> str:
    """The language of ``catalog``'s msgids: its X-Source-Language, else ``default`` (the
    project's source language)."""
    return (catalog.header_value(SOURCE_LANGUAGE_FIELD) or "").strip() or default


def _note(seg: Segment) -> str:
    note = seg.position
    if seg.kind in KIND_NOTES and not seg.kind.is_prose:
        note += f": {KIND_NOTES[seg.kind]}"
    return note


def template_messages(segments: Iterable[Segment]) -> tuple[Message, ...]:
    """One entry per distinct text (per role where a text has several roles), in order."""
    segments = [s for s in segments if s.text.strip()]
    kinds: dict[str, set[BlockKind]] = {}
    for s in segments:
        kinds.setdefault(s.text, set()).add(s.kind)
    groups: dict[tuple[str | None, str], list[Segment]] = {}
    for s in segments:
        ctx = s.kind.value if len(kinds[s.text]) > 1 else None
        groups.setdefault((ctx, s.text), []).append(s)
    return tuple(
        Message(
            msgid=text,
            msgctxt=ctx,
            extracted=tuple(dict.fromkeys(_note(s) for s in segs)),
            references=tuple(dict.fromkeys(s.reference for s in segs)),
        )
        for (ctx, text), segs in groups.items()
    )


def build_template(
    segments: Iterable[Segment],
    *,
    project: str,
    title: str = "",
    previous: Catalog | None = None,
    now: Callable[[], str] = _now,
    source_language: str | None = None,
) -> Catalog:
    """The template of one document; reuses ``previous``'s date when the content is unchanged.
    ``source_language`` (the document's language, when it is not the project's) goes into the
    header as X-Source-Language."""
    messages = template_messages(segments)
    comments = (f"{project}: {title}" if title else project,)

    def make(date: str) -> Catalog:
        header = Message(msgid="", msgstr=template_header(project, date, source_language), comments=comments, flags=("fuzzy",))
        return Catalog((header, *messages), previous.path if previous else "", previous.stamp if previous else None)

    if previous is not None:
        date = previous.header_value("POT-Creation-Date")
        if date:
            candidate = make(date)
            if format_po(candidate) == format_po(previous):
                return previous
    return make(now())


# ----------------------------------------------------------------------------- updating


def language_header(project: str, lang: str, pot_date: str, old: str | None = None, source_language: str | None = None) -> str:
    """The header msgstr of ``lang``'s catalog; keeps an existing header's other fields.
    ``source_language``: the template's X-Source-Language, copied."""
    forms = plural_forms(lang)
    source = [(SOURCE_LANGUAGE_FIELD, source_language)] if source_language else []
    if old:
        fields: list[tuple[str, str]] = [
            ("Project-Id-Version", project),
            ("POT-Creation-Date", pot_date),
            ("Language", lang),
            ("Content-Type", "text/plain; charset=UTF-8"),
            *source,
        ]
        current = re.search(r"^Plural-Forms:\s*(.*)$", old, re.M)
        if current is None or _nplurals(current.group(1)) != _nplurals(forms):
            fields.append(("Plural-Forms", forms))
        return set_header_fields(old, fields)
    team = language(lang).name
    return format_header([
        ("Project-Id-Version", project),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", pot_date),
        ("PO-Revision-Date", pot_date),
        ("Last-Translator", ""),
        ("Language-Team", team),
        ("Language", lang),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", forms),
        *source,
    ])


def merge_update(
    template: Catalog,
    existing: Catalog | None,
    lang: str,
    *,
    path: Path | str = "",
    memory: Sequence[Catalog] = (),
    project: str | None = None,
) -> MergeResult:
    """Merge ``template`` into ``existing`` (None: a new catalog for ``lang`` at ``path``).

    Pure: the result's catalog (header updated as msgmerge does, plural forms of ``lang``)
    is for the caller to write; it remembers what ``existing`` held when it was read.
    """
    n = _nplurals(plural_forms(lang))
    result = merge_catalogs(existing, template, memory=memory, nplurals=n)
    project = project or template.header_value("Project-Id-Version") or ""
    pot_date = template.header_value("POT-Creation-Date") or _now()
    messages = list(result.catalog.messages)
    old_header = existing.header.msgstr if existing is not None and existing.header is not None else None
    header = language_header(project, lang, pot_date, old_header, template.header_value(SOURCE_LANGUAGE_FIELD))
    if messages and messages[0].is_header:
        comments = messages[0].comments if old_header is not None else template.header.comments if template.header else ()
        messages[0] = replace(messages[0], msgstr=header, comments=comments, flags=tuple(f for f in messages[0].flags if f != "fuzzy"))
    else:
        messages.insert(0, Message(msgid="", msgstr=header))
    catalog = Catalog(tuple(messages), str(path), existing.stamp if existing else None)
    return replace(result, catalog=catalog)


def update_result(
    template: Catalog,
    po_path: Path,
    lang: str,
    *,
    memory: Sequence[Catalog] = (),
    project: str | None = None,
) -> MergeResult:
    """:func:`merge_update` of the catalog at ``po_path`` (new if missing)."""
    existing = read_po(po_path) if Path(po_path).exists() else None
    return merge_update(template, existing, lang, path=po_path, memory=memory, project=project)


def update_catalog(
    template: Catalog,
    po_path: Path,
    lang: str,
    *,
    memory: Sequence[Catalog] = (),
    project: str | None = None,
) -> Catalog:
    """The updated catalog for ``lang`` (not written; pass it to :func:`write_po`).

    Works for any template, including plural entries (msgstr[0..nplurals-1]).  The result
    remembers what the file held when read, so :func:`write_po` refuses to overwrite a
    translator's concurrent save.
    """
    return update_result(template, po_path, lang, memory=memory, project=project).catalog


def merge_files(def_path: Path, ref_path: Path, *, carry_cosmetic: bool = True) -> MergeResult:
    """``msgmerge --previous DEF REF`` with our semantics (header as msgmerge updates it)."""
    definitions = read_po(def_path)
    template = read_po(ref_path)
    return merge_catalogs(definitions, template, carry_cosmetic=carry_cosmetic)


# ----------------------------------------------------------------------------- status


@dataclass(frozen=True)
class Status:
    """Progress of one document in one language (segments and source words)."""

    document: str
    language: str
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    translated_words: int
    fuzzy_words: int
    untranslated_words: int
    obsolete_words: int
    missing: bool = False  # no .po file: counted from the template, all untranslated

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def total_words(self) -> int:
        return self.translated_words + self.fuzzy_words + self.untranslated_words

    @property
    def percent(self) -> float:
        """Share of segments that are translated and not fuzzy (100 for an empty document)."""
        return 100.0 * self.translated / self.total if self.total else 100.0

    def as_dict(self) -> dict[str, object]:
        return {
            "document": self.document, "language": self.language,
            "translated": self.translated, "fuzzy": self.fuzzy,
            "untranslated": self.untranslated, "obsolete": self.obsolete,
            "translated_words": self.translated_words, "fuzzy_words": self.fuzzy_words,
            "untranslated_words": self.untranslated_words, "obsolete_words": self.obsolete_words,
            "total": self.total, "percent": round(self.percent, 1), "missing": self.missing,
        }


def _words(text: str) -> int:
    return len(text.split())


def catalog_status(catalog: Catalog, document: str = "", language: str = "") -> Status:
    """Count entries (and their source words) by state."""
    counts = {"translated": [0, 0], "fuzzy": [0, 0], "untranslated": [0, 0], "obsolete": [0, 0]}
    for m in catalog.messages:
        if m.is_header:
            continue
        if m.obsolete:
            state = "obsolete"
        elif m.translated:
            state = "translated"
        elif m.fuzzy and m.has_translation:
            state = "fuzzy"
        else:
            state = "untranslated"
        counts[state][0] += 1
        counts[state][1] += _words(m.msgid)
    return Status(
        document, language or (catalog.header_value("Language") or ""),
        counts["translated"][0], counts["fuzzy"][0], counts["untranslated"][0], counts["obsolete"][0],
        counts["translated"][1], counts["fuzzy"][1], counts["untranslated"][1], counts["obsolete"][1],
    )


# ----------------------------------------------------------------------------- rendering


def published_entries(catalog: Catalog) -> dict[tuple[str | None, str], str]:
    """(msgctxt, msgid) → msgstr for translated, non-fuzzy singular entries of ``catalog``."""
    return {m.key: m.msgstr for m in catalog.entries if m.translated and m.msgid_plural is None}


def published(path: Path) -> dict[tuple[str | None, str], str]:
    """:func:`published_entries` of the catalog at ``path``."""
    return published_entries(read_po(path))


class CatalogTranslations(gettext.NullTranslations):
    """gettext-compatible access to a catalog's published (translated, non-fuzzy) strings."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        self._singular = published_entries(catalog)
        self._plural = {m.key: m.msgstr_plural for m in catalog.entries if m.translated and m.msgid_plural is not None}
        forms = catalog.header_value("Plural-Forms") or "nplurals=2; plural=(n != 1);"
        expr = re.search(r"plural\s*=\s*([^;]+)", forms)
        try:
            self._plural_index: Callable[[int], int] = gettext.c2py(expr.group(1) if expr else "n != 1")
        except (ValueError, SyntaxError):
            raise CatalogError(catalog.path, None, f"invalid Plural-Forms expression: {forms}") from None

    def gettext(self, message: str) -> str:
        return self._singular.get((None, message), message)

    def pgettext(self, context: str, message: str) -> str:
        return self._singular.get((context, message), message)

    def _plural_form(self, key: tuple[str | None, str], singular: str, plural: str, n: int) -> str:
        forms = self._plural.get(key)
        if forms is not None:
            i = self._plural_index(n)
            if 0 <= i < len(forms):
                return forms[i]
        return singular if n == 1 else plural

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._plural_form((None, msgid1), msgid1, msgid2, n)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self._plural_form((context, msgid1), msgid1, msgid2, n)


def translations(path: Path) -> CatalogTranslations:
    """A gettext.NullTranslations-compatible object over ``path``'s published strings."""
    return CatalogTranslations(read_po(path))


# ----------------------------------------------------------------------------- status of a project


def _template_slugs(config: Config) -> list[str]:
    """The documents that have a template (``locales/<slug>.pot``), the ui domain aside."""
    return sorted(p.stem for p in config.locales.glob("*.pot") if p.stem != UI_DOMAIN)


def status_report(config: Config, slugs: Sequence[str] | None = None) -> tuple[tuple[Status, ...], tuple[PipelineError, ...]]:
    """Status of every (document, language), then of the ui domain's catalogs.

    A missing catalog counts as all untranslated, and is marked ``missing``.
    """
    if slugs is None:
        slugs = _template_slugs(config) + ([UI_DOMAIN] if config.pot_path(UI_DOMAIN).exists() else [])
    rows: list[Status] = []
    errors: list[PipelineError] = []
    for slug in slugs:
        try:
            template = read_po(config.pot_path(slug))
        except PipelineError as exc:
            errors.append(exc)
            continue
        for lang in domain_targets(config, slug, template):
            path = config.po_path(lang, slug)
            try:
                if path.exists():
                    rows.append(catalog_status(read_po(path), slug, lang))
                else:
                    rows.append(replace(catalog_status(template, slug, lang), missing=True))
            except PipelineError as exc:
                errors.append(exc)
    return tuple(rows), tuple(errors)


def expected_catalogs(config: Config) -> tuple[Path, ...]:
    """The catalog every template (``locales/<domain>.pot``, the ui domain's too) should have in
    every target language, whether it exists or not (``pipeline check`` reports a missing one)."""
    out: list[Path] = [config.po_path(lang, UI_DOMAIN) for lang in config.target_languages] if config.pot_path(UI_DOMAIN).exists() else []
    for slug in _template_slugs(config):
        out.extend(config.po_path(lang, slug) for lang in config.targets_for(template_source(config, slug)))
    return tuple(out)


def domain_targets(config: Config, domain: str, template: Catalog) -> tuple[str, ...]:
    """The languages ``domain``'s catalogs are in, given its template: the ui domain's are the
    project's targets; a document is translated into every language but its own (English too,
    for a Belarusian article)."""
    if domain == UI_DOMAIN:
        return config.target_languages
    return config.targets_for(source_language_of(template, config.source_language))


def template_source(config: Config, domain: str) -> str:
    """The language of ``locales/<domain>.pot``'s msgids (X-Source-Language, else the project's)."""
    path = config.pot_path(domain)
    if domain == UI_DOMAIN or not path.exists():
        return config.source_language
    try:
        return source_language_of(read_po(path), config.source_language)
    except PipelineError:
        return config.source_language  # reported where the template is read for its own sake
