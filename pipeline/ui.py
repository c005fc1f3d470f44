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

from babel.messages.extract import extract_from_file

from pipeline.catalog import (
    CatalogTranslations,
    FileChange,
    StageReport,
    template_header,
    translations,
    update_catalog,
)
from pipeline.config import UI_DOMAIN, Config
from pipeline.errors import PipelineError, RenderError
from pipeline.fileio import would_change
from pipeline.pocompare import encode_update
from pipeline.pofile import Catalog, Message, encode_po, read_po, write_po
from pipeline.render import UI_KEYWORDS

DOMAIN = UI_DOMAIN
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
    found: dict[tuple[str | None, str], UiMessage] = {}  # insertion order = first occurrence

    def add(ctx: str | None, msgid: str, plural: str | None, ref: str, comments: tuple[str, ...]) -> None:
        old = found.get((ctx, msgid), UiMessage(msgid, None, ctx, (), ()))
        found[(ctx, msgid)] = UiMessage(
            msgid,
            old.msgid_plural or plural,
            ctx,
            old.references + ((ref,) if ref not in old.references else ()),
            old.comments + tuple(c for c in comments if c not in old.comments),
        )

    for shown, lineno, ctx, msgid, plural, comments in _template_messages(config):
        add(ctx, msgid, plural, f"{shown}:{lineno}", comments)
    pyproject = "pyproject.toml"
    add("project", config.project, None, pyproject, ("The project name, shown in the site header and on PDF covers.",))
    for pack in config.packs:
        add("pack title", pack.title, None, pyproject, (f"Title of the briefing pack {pack.slug!r}.",))
        if pack.subtitle:
            add("pack subtitle", pack.subtitle, None, pyproject, (f"Subtitle of the briefing pack {pack.slug!r}.",))
    return tuple(found.values())


def ui_template(config: Config, messages: Sequence[UiMessage], creation_date: str) -> Catalog:
    """The ``ui.pot`` catalog for ``messages`` (header first, then entries in order)."""
    header = Message(
        "",
        template_header(config.project, creation_date),
        comments=(f"{config.project}: user-interface strings (templates/ and pyproject.toml)",),
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
    return Catalog((header, *entries), str(config.pot_path(DOMAIN).relative_to(config.root)))


def _same_entries(a: Catalog, b: Catalog) -> bool:
    return [m for m in a.messages if not m.is_header] == [m for m in b.messages if not m.is_header]


def write_ui_template(
    config: Config, messages: Sequence[UiMessage], *, now: str | None = None, check: bool = False
) -> tuple[Path, bool]:
    """Write ``locales/ui.pot`` for ``messages`` (from :func:`extract_ui`); return (path,
    whether it changed).

    ``POT-Creation-Date`` changes only when the entries change, so an unchanged extraction
    writes no bytes.
    """
    path = config.pot_path(DOMAIN)
    old = read_po(path) if path.exists() else None
    date = now or dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M+0000")
    new = ui_template(config, messages, date)
    if old is not None and _same_entries(old, new):
        kept = old.header_value("POT-Creation-Date")
        new = ui_template(config, messages, kept or date)
    changed = would_change(path, encode_po(new))
    if changed and not check:
        write_po(path, new, expected=old.stamp if old else None)
    return path, changed


def update_ui_catalog(config: Config, lang: str, *, check: bool = False) -> tuple[Path, bool]:
    """Merge ``ui.pot`` into ``locales/<lang>/LC_MESSAGES/ui.po`` with the catalogs' update code.

    Returns (path, whether it changed); with ``check`` nothing is written.
    """
    template = read_po(config.pot_path(DOMAIN))
    path = config.po_path(lang, DOMAIN)
    catalog = update_catalog(template, path, lang, project=config.project)
    data = encode_update(path, catalog)  # the file's own bytes if no entry changed
    changed = would_change(path, data)
    if changed and not check:
        write_po(path, catalog, data=data)
    return path, changed


def extract_stage(config: Config, *, check: bool = False) -> StageReport:
    """``pipeline extract`` for the ui domain, reported like the article templates."""
    try:
        messages = extract_ui(config)
        path, changed = write_ui_template(config, messages, check=check)
    except PipelineError as exc:
        return StageReport((), (exc,))
    return StageReport((FileChange(path, changed, f"{len(messages)} ui strings"),), ())


def update_stage(config: Config, *, check: bool = False) -> StageReport:
    """``pipeline update`` for the ui domain: every target language's ui.po."""
    changes: list[FileChange] = []
    errors: list[PipelineError] = []
    for lang in config.target_languages:
        try:
            path, changed = update_ui_catalog(config, lang, check=check)
            changes.append(FileChange(path, changed))
        except PipelineError as exc:
            errors.append(exc)
    return StageReport(tuple(changes), tuple(errors))


def load_ui_translations(
    path: Path, withheld: frozenset[tuple[str | None, str]] = frozenset()
) -> gettext.NullTranslations:
    """The ui catalog at ``path`` (translated, non-fuzzy entries only), or none if missing.

    Entries whose (msgctxt, msgid) is in ``withheld`` (held back by the QA gate) are left out,
    so the templates show their English source.
    """
    if not path.exists():
        return gettext.NullTranslations()
    if not withheld:
        return translations(path)
    catalog = read_po(path)
    kept = tuple(
        replace(m, msgstr="", msgstr_plural=tuple("" for _ in m.msgstr_plural)) if m.key in withheld else m
        for m in catalog.messages
    )
    return CatalogTranslations(Catalog(kept, catalog.path))


__all__ = [
    "DOMAIN",
    "load_ui_translations",
    "UiMessage",
    "extract_stage",
    "extract_ui",
    "update_stage",
    "ui_template",
    "update_ui_catalog",
    "write_ui_template",
]
