"""The QA gate: what of one catalog the build may publish, and what it says about who translated.

Reads a catalog once and returns its published (translated, non-fuzzy) entries together with
the errors ``pipeline check`` reports on them, so the build can hold those back (the pack's
``on_check_error``), and the header facts the colophon shows: the translator without e-mail
address, and whether the catalog is an unreviewed machine draft (``X-Translation-Status:
machine-draft``; README, "Translator credit").  Only :mod:`pipeline.build` calls this module
(through :mod:`pipeline.memo`, which keeps what it returns between the preview's builds).
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.config import UI_DOMAIN, Config
from pipeline.errors import CatalogError

if TYPE_CHECKING:  # the check stage pulls in Babel: imported only when something is built
    from pipeline.check import Finding
    from pipeline.check_glossary import Glossary

GLOSSARY_FILES = ("glossary.csv", "glossary-exceptions.csv")
# The header value that marks a catalog as an unreviewed machine draft.
MACHINE_DRAFT_STATUS = "machine-draft"

Key = tuple[str | None, str]


@dataclass(frozen=True)
class ArticleCatalog:
    """What the renderer takes from one article's catalog in one language (one read of the file)."""

    published: Mapping[Key, str]  # (msgctxt, msgid) -> msgstr, publishable only
    translator: str = ""  # the Last-Translator header without its e-mail address; "" if none
    errors: tuple[Finding, ...] = ()  # `pipeline check` errors on published entries (the QA gate)
    machine_draft: bool = False  # X-Translation-Status: machine-draft (no reviewer has signed)

    def withheld(self) -> dict[Key, tuple[str, ...]]:
        """(msgctxt, msgid) -> the checks that reported an error on that entry."""
        out: dict[Key, tuple[str, ...]] = {}
        for f in self.errors:
            key = (f.msgctxt, f.msgid)
            if key in self.published and f.check not in out.get(key, ()):
                out[key] = out.get(key, ()) + (f.check,)
        return out

    def gated(self, policy: str) -> tuple[Mapping[Key, str], dict[Key, tuple[str, ...]]]:
        """(what to publish, what is held back) under the pack's ``on_check_error`` policy."""
        if policy == "publish":
            return self.published, {}
        held = self.withheld()
        return {k: v for k, v in self.published.items() if k not in held}, held


# The header value xgettext (and our own .pot) puts in a template: nobody has translated yet.
_PLACEHOLDER_TRANSLATOR = "FULL NAME <EMAIL@ADDRESS>"
_TRAILING_EMAIL = re.compile(r"\s*<[^<>]*>\s*$")


def translator_name(last_translator: str | None) -> str:
    """``Last-Translator`` as readers should see it: without a trailing `` <email>``.

    Empty (so the colophon leaves the row out) when the header is missing, empty or still
    the template's placeholder.
    """
    value = (last_translator or "").strip()
    if value == _PLACEHOLDER_TRANSLATOR:
        return ""
    return _TRAILING_EMAIL.sub("", value).strip()


def _shown(config: Config, path: Path) -> str:
    return path.relative_to(config.root).as_posix() if path.is_relative_to(config.root) else str(path)


def load_build_glossary(config: Config) -> Glossary | None:
    """``locales/glossary.csv`` (with its exceptions), which the QA gate checks against; or none."""
    path = config.locales / GLOSSARY_FILES[0]
    if not path.is_file():
        return None
    from pipeline.check_glossary import load_glossary

    return load_glossary(path, languages=config.target_languages)


def article_catalog(config: Config, lang: str, slug: str, glossary: Glossary | None = None,
                    source_lang: str | None = None) -> ArticleCatalog:
    """The published translations, their check errors and the translator of ``slug`` in
    ``lang`` (or of the ui domain), from one read.  ``source_lang``: the document's language
    (default: the project's), which has no catalog."""
    path = config.po_path(lang, slug)
    source_lang = source_lang or config.source_language
    if lang == source_lang or not path.exists():
        return ArticleCatalog({})  # no catalog yet: everything falls back to English
    from pipeline.catalog import published_entries, read_po
    from pipeline.check import gate_errors

    catalog = read_po(path)
    status = (catalog.header_value("X-Translation-Status") or "").strip().lower()
    return ArticleCatalog(
        published_entries(catalog),
        translator_name(catalog.header_value("Last-Translator")),
        gate_errors(path, catalog, lang, glossary, display=_shown(config, path), source_lang=source_lang),
        status == MACHINE_DRAFT_STATUS,
    )


def ui_translations(config: Config, lang: str, withheld: Iterable[Key] = ()) -> Any:
    """The ui catalog of ``lang`` (translated, non-fuzzy entries only, less the ``withheld``
    keys, which the QA gate holds back), or none."""
    path = config.po_path(lang, UI_DOMAIN)
    if lang == config.source_language or not path.exists():
        return gettext.NullTranslations()
    from pipeline.ui import load_ui_translations

    return load_ui_translations(path, withheld=frozenset(withheld))


@dataclass(frozen=True)
class MissingCatalog:
    """A catalog a pack needs that does not exist: its language shows that domain in the source."""

    lang: str
    domain: str  # a document's slug or the ui domain
    path: Path
    packs: tuple[str, ...]

    def message(self, shown: str, source_language: str) -> str:
        what = "the template strings" if self.domain == UI_DOMAIN else repr(self.domain)
        packs = ", ".join(repr(p) for p in self.packs)
        return (f"{shown}: missing catalog: [{self.lang}] falls back to the source language ({source_language}) "
                f"for {what} in pack {packs}; `pipeline update` creates it")


def missing_catalogs(config: Config) -> tuple[MissingCatalog, ...]:
    """Every catalog a configured pack needs (its documents and, when there is a ``ui.pot``,
    the ui domain, in each of its target languages) that does not exist."""
    from pipeline.catalog import template_source

    needed: dict[tuple[str, str], list[str]] = {}
    ui = config.pot_path(UI_DOMAIN).exists()
    sources: dict[str, str] = {}  # a document's own language needs no catalog
    for pack in config.packs:
        for domain in (*pack.documents, *((UI_DOMAIN,) if ui else ())):
            if domain not in sources:
                sources[domain] = template_source(config, domain)
            for lang in pack.languages:
                if lang != sources[domain]:
                    needed.setdefault((lang, domain), []).append(pack.slug)
    return tuple(MissingCatalog(lang, domain, config.po_path(lang, domain), tuple(packs))
                 for (lang, domain), packs in needed.items() if not config.po_path(lang, domain).exists())


def missing_catalog_message(config: Config, missing: MissingCatalog) -> str:
    """``locales/be/LC_MESSAGES/x.po: missing catalog: [be] falls back to …`` (for the build report)."""
    from pipeline.catalog import template_source

    return missing.message(_shown(config, missing.path), template_source(config, missing.domain))


def gate_error(finding: Finding, pack: str, lang: str, strict: bool) -> CatalogError:
    """A check error that stops the build (``on_check_error = "fail"`` or ``--strict``)."""
    why = "--strict" if strict else 'on_check_error = "fail"'
    return CatalogError(finding.path, finding.line,
                        f"[{finding.check}] {finding.message} (pack {pack!r} [{lang}], {why})")


__all__ = [
    "ArticleCatalog",
    "GLOSSARY_FILES",
    "MACHINE_DRAFT_STATUS",
    "article_catalog",
    "MissingCatalog",
    "gate_error",
    "load_build_glossary",
    "missing_catalog_message",
    "missing_catalogs",
    "translator_name",
    "ui_translations",
]
