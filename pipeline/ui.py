"""The ``ui`` gettext domain: every string of the templates, plus translatable configuration.

Template strings are extracted with Babel's Jinja2 extractor (``jinja2.ext.babel_extract``):
``_()``, ``gettext()``, ``ngettext()``, ``pgettext()``, ``{% trans %}`` blocks and
``page_counter()`` (the localized "Page X of Y" footer).  A ``{# Translators: … #}`` comment
before a string becomes an extracted comment.

Strings that come from configuration are part of the same domain, each with a msgctxt naming
its role, so translators see them beside the template strings in ``ui.po``:

* ``project`` — the project name (site header, PDF cover);
* ``pack title`` / ``pack subtitle`` — every pack's title and subtitle.

This module only turns sources into messages and a template; the orchestrator
(:mod:`pipeline.build`) writes ``locales/ui.pot`` and merges it into every
``locales/<lang>/LC_MESSAGES/ui.po`` with the same code as the article domains.  A template
that does not parse is an error naming the template and line (Babel's extractor would skip it
silently, and ``ui.pot`` would lose its strings).
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from babel.messages.extract import extract_from_file

from pipeline.catalog import CatalogTranslations, template_header, translations
from pipeline.config import UI_DOMAIN, Config
from pipeline.errors import BatchError, PipelineError, RenderError
from pipeline.keywords import UI_KEYWORDS
from pipeline.pofile import Catalog, Message, read_po

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
    """(reference path, line, msgctxt, msgid, msgid_plural, comments) from every template.

    Raises :class:`RenderError` (or a :class:`BatchError` of them) naming every template that
    does not parse, with its line: nothing is extracted from a broken set of templates.
    """
    found: list[tuple[str, int, str | None, str, str | None, tuple[str, ...]]] = []
    errors: list[PipelineError] = []
    for path in sorted(config.templates.glob(TEMPLATE_GLOB)):
        shown = path.relative_to(config.root).as_posix() if path.is_relative_to(config.root) else str(path)
        try:
            messages = list(extract_from_file(
                "jinja2.ext:babel_extract",
                str(path),
                keywords=dict(UI_KEYWORDS),
                comment_tags=("Translators:",),
                # silent=false: Babel's default skips a template with a syntax error, silently.
                options={"extensions": "jinja2.ext.i18n", "trimmed": "true", "silent": "false"},
                strip_comment_tags=True,
            ))
        except Exception as exc:  # noqa: BLE001 - Jinja syntax errors carry the line
            line = getattr(exc, "lineno", None)
            message = getattr(exc, "message", None) or str(exc)
            errors.append(RenderError(shown, line, f"template does not parse: {message}", line_text=_line(path, line)))
            continue
        for lineno, message, comments, context in messages:
            if isinstance(message, tuple):
                singular, plural = message[0], message[1] if len(message) > 1 else None
            else:
                singular, plural = message, None
            if singular:
                found.append((shown, lineno, context, singular, plural, tuple(comments)))
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise BatchError(errors)
    return found


def _line(path: Path, lineno: int | None) -> str | None:
    if not lineno:
        return None
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return lines[lineno - 1] if 0 < lineno <= len(lines) else None


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


def ui_template_for(config: Config, messages: Sequence[UiMessage], previous: Catalog | None, now: str) -> Catalog:
    """The ``ui.pot`` for ``messages``, keeping ``previous``'s ``POT-Creation-Date`` when its
    entries are the same, so an unchanged extraction writes no bytes.  Pure: writes nothing."""
    date = now
    if previous is not None and _same_entries(previous, ui_template(config, messages, now)):
        date = previous.header_value("POT-Creation-Date") or now
    new = ui_template(config, messages, date)
    return replace(new, stamp=previous.stamp) if previous is not None else new


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
    "TEMPLATE_GLOB",
    "UiMessage",
    "extract_ui",
    "load_ui_translations",
    "ui_template",
    "ui_template_for",
]
