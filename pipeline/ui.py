"""The ``ui`` gettext domain: every string of the templates, plus translatable configuration.

Template strings are extracted with Babel's Jinja2 extractor (``jinja2.ext.babel_extract``):
``_()``, ``gettext()``, ``ngettext()``, ``pgettext()``, ``{% trans %}`` blocks and
``page_counter()`` (the localized "Page X of Y" footer).  A ``{# Translators: … #}`` comment
before a string becomes an extracted comment.

Strings that come from configuration are part of the same domain, each with a msgctxt naming
its role, so translators see them beside the template strings in ``ui.po``:

* ``project`` — the project name (site header, PDF cover);
* ``pack title`` / ``pack subtitle`` — every pack's title and subtitle.

This module only turns sources into messages; :mod:`pipeline.catalog` writes the template and
merges it into ``locales/<lang>/LC_MESSAGES/ui.po`` with the same code as the article domains.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from babel import Locale
from babel.messages.extract import extract_from_file
from babel.messages.plurals import get_plural

import pipeline
from pipeline.config import Config
from pipeline.merge import merge_catalogs
from pipeline.pofile import Catalog, Message, format_header, read_po, set_header_fields, write_po
from pipeline.errors import RenderError
from pipeline.render import UI_KEYWORDS

DOMAIN = "ui"
TEMPLATE_GLOB = "**/*.html"
_PYTHON_FORMAT = re.compile(r"%\(\w+\)s")


@dataclass(frozen=True)
class UiMessage:
    """One ui string with every place it occurs."""

    msgid: str
    msgid_plural: str | None
    msgctxt: str | None
    references: tuple[str, ...]
    comments: tuple[str, ...]

    @property
    def python_format(self) -> bool:
        return bool(_PYTHON_FORMAT.search(self.msgid) or (self.msgid_plural and _PYTHON_FORMAT.search(self.msgid_plural)))


def _template_messages(config: Config) -> Iterable[tuple[str, int, str | None, str, str | None, tuple[str, ...]]]:
    """(reference path, line, msgctxt, msgid, msgid_plural, comments) from every template."""
    for path in sorted(config.templates.glob(TEMPLATE_GLOB)):
        shown = path.relative_to(config.root).as_posix()
        try:
            found = extract_from_file(
                "jinja2.ext:babel_extract",
                str(path),
                keywords=dict(UI_KEYWORDS),
                comment_tags=("Translators:",),
                options={"extensions": "jinja2.ext.i18n", "trimmed": "true"},
                strip_comment_tags=True,
            )
        except Exception as exc:  # noqa: BLE001 - Jinja syntax errors carry the line
            line = getattr(exc, "lineno", None)
            raise RenderError(shown, line, f"cannot extract ui strings: {exc}") from None
        for lineno, message, comments, context in found:
            if isinstance(message, tuple):
                singular, plural = message[0], message[1] if len(message) > 1 else None
            else:
                singular, plural = message, None
            if not singular:
                continue
            yield shown, lineno, context, singular, plural, tuple(comments)


def extract_ui(config: Config) -> tuple[UiMessage, ...]:
    """Every ui string, in first-occurrence order: templates first, then configuration."""
    order: list[tuple[str | None, str]] = []
    data: dict[tuple[str | None, str], dict[str, object]] = {}

    def add(ctx: str | None, msgid: str, plural: str | None, ref: str, comments: tuple[str, ...]) -> None:
        key = (ctx, msgid)
        if key not in data:
            order.append(key)
            data[key] = {"plural": plural, "refs": [], "comments": []}
        entry = data[key]
        refs = entry["refs"]
        assert isinstance(refs, list)
        if ref not in refs:
            refs.append(ref)
        notes = entry["comments"]
        assert isinstance(notes, list)
        for comment in comments:
            if comment not in notes:
                notes.append(comment)
        if plural and not entry["plural"]:
            entry["plural"] = plural

    for shown, lineno, ctx, msgid, plural, comments in _template_messages(config):
        add(ctx, msgid, plural, f"{shown}:{lineno}", comments)
    pyproject = "pyproject.toml"
    add("project", config.project, None, pyproject, ("The project name, shown in the site header and on PDF covers.",))
    for pack in config.packs:
        add("pack title", pack.title, None, pyproject, (f"Title of the briefing pack {pack.slug!r}.",))
        if pack.subtitle:
            add("pack subtitle", pack.subtitle, None, pyproject, (f"Subtitle of the briefing pack {pack.slug!r}.",))
    messages = []
    for key in order:
        entry = data[key]
        refs, notes, plural = entry["refs"], entry["comments"], entry["plural"]
        assert isinstance(refs, list) and isinstance(notes, list)
        messages.append(
            UiMessage(key[1], plural if isinstance(plural, str) else None, key[0], tuple(refs), tuple(notes))
        )
    return tuple(messages)


def ui_template(config: Config, messages: Sequence[UiMessage], creation_date: str) -> Catalog:
    """The ``ui.pot`` catalog for ``messages`` (header first, then entries in order)."""
    header = Message(
        "",
        format_header(
            [
                ("Project-Id-Version", f"{config.project} {pipeline.__version__}"),
                ("Report-Msgid-Bugs-To", ""),
                ("POT-Creation-Date", creation_date),
                ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
                ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
                ("Language-Team", "LANGUAGE <LL@li.org>"),
                ("Language", ""),
                ("MIME-Version", "1.0"),
                ("Content-Type", "text/plain; charset=UTF-8"),
                ("Content-Transfer-Encoding", "8bit"),
                ("Plural-Forms", "nplurals=INTEGER; plural=EXPRESSION;"),
            ]
        ),
        comments=(f"User-interface strings of {config.project}: templates/ and pyproject.toml.",),
        flags=("fuzzy",),
    )
    entries = [
        Message(
            m.msgid,
            msgctxt=m.msgctxt,
            msgid_plural=m.msgid_plural,
            msgstr_plural=("", "") if m.msgid_plural else (),
            extracted=m.comments,
            references=m.references,
            flags=("python-format",) if m.python_format else (),
        )
        for m in messages
    ]
    return Catalog((header, *entries), str(ui_template_path(config).relative_to(config.root)))


def _same_entries(a: Catalog, b: Catalog) -> bool:
    return [m for m in a.messages if not m.is_header] == [m for m in b.messages if not m.is_header]


def write_ui_template(config: Config, *, now: str | None = None) -> tuple[Path, bool]:
    """Extract the ui strings and write ``locales/ui.pot``; return (path, whether it changed).

    ``POT-Creation-Date`` changes only when the entries change, so an unchanged extraction
    writes no bytes.
    """
    path = ui_template_path(config)
    old = read_po(path) if path.exists() else None
    date = now or dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M+0000")
    new = ui_template(config, extract_ui(config), date)
    if old is not None and _same_entries(old, new):
        kept = old.header_value("POT-Creation-Date")
        new = ui_template(config, extract_ui(config), kept or date)
    changed = write_po(path, new, expected=False)
    return path, changed


def update_ui_catalog(config: Config, lang: str) -> tuple[Path, bool]:
    """Merge ``ui.pot`` into ``locales/<lang>/LC_MESSAGES/ui.po`` (msgmerge semantics)."""
    template = read_po(ui_template_path(config))
    path = ui_catalog_path(config, lang)
    old = read_po(path) if path.exists() else None
    plural = get_plural(lang)
    result = merge_catalogs(old, template, nplurals=plural.num_plurals)
    header = result.catalog.header
    messages = list(result.catalog.messages)
    if header is not None:
        fields = [("Language", lang), ("Plural-Forms", plural.plural_forms)]
        if old is None:
            fields.append(("Language-Team", Locale.parse(lang).get_display_name("en") or lang))
        new_header = replace(header, msgstr=set_header_fields(header.msgstr, fields),
                             flags=tuple(f for f in header.flags if f != "fuzzy"))
        messages[messages.index(header)] = new_header
    catalog = Catalog(tuple(messages), str(path.relative_to(config.root)), stamp=old.stamp if old else None)
    changed = write_po(path, catalog, expected=old.stamp if old else None)
    return path, changed


class PoTranslations(gettext.NullTranslations):
    """A gettext object over a .po file: only translated, non-fuzzy entries; its Plural-Forms."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self._single: dict[tuple[str | None, str], str] = {}
        self._plural: dict[tuple[str | None, str], tuple[str, ...]] = {}
        for m in catalog.entries:
            if not m.translated:
                continue
            if m.msgid_plural is None:
                self._single[m.key] = m.msgstr
            else:
                self._plural[m.key] = m.msgstr_plural
        match = re.search(r"plural\s*=\s*([^;]+)", catalog.header_value("Plural-Forms") or "")
        self._plural_index = gettext.c2py(match.group(1)) if match else (lambda n: int(n != 1))

    def _choose(self, key: tuple[str | None, str], singular: str, plural: str, n: int) -> str:
        forms = self._plural.get(key)
        if forms:
            index = self._plural_index(n)
            if 0 <= index < len(forms):
                return forms[index]
        return singular if n == 1 else plural

    def gettext(self, message: str) -> str:
        return self._single.get((None, message), message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._choose((None, msgid1), msgid1, msgid2, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._single.get((context, message), message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self._choose((context, msgid1), msgid1, msgid2, n)


def load_ui_translations(path: Path) -> gettext.NullTranslations:
    """The ui catalog at ``path`` as a gettext object (empty when the file does not exist)."""
    if not path.exists():
        return gettext.NullTranslations()
    return PoTranslations(read_po(path))


def ui_template_path(config: Config) -> Path:
    return config.locales / f"{DOMAIN}.pot"


def ui_catalog_path(config: Config, lang: str) -> Path:
    return config.locales / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


__all__ = [
    "DOMAIN",
    "PoTranslations",
    "load_ui_translations",
    "UiMessage",
    "extract_ui",
    "ui_catalog_path",
    "ui_template",
    "ui_template_path",
    "update_ui_catalog",
    "write_ui_template",
]
