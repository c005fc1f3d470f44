"""Render: Jinja2 templates → HTML strings.  Pure: nothing here writes a file.

Safety rules, enforced here and tested in ``tests/test_safety.py``:

* ``Environment(autoescape=True, undefined=StrictUndefined)``;
* a translator's text is data.  Jinja's i18n extension wraps every translation in ``Markup``
  (trusted HTML), so ``<script>`` in a ``ui.po`` entry would reach the page verbatim.  The
  ``gettext``/``ngettext``/``pgettext`` functions given to the templates escape the translation
  first and only then substitute (escaped) variables;
* translations are never templates or ``str.format`` strings: only ``%(name)s`` placeholders
  are substituted, and a translation whose placeholders do not match falls back to the source;
* text placed into CSS (the localized page footer) is emitted as CSS escapes only.

A template that fails to compile or render raises :class:`RenderError` naming the template and
line.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import jinja2
from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from markupsafe import Markup, escape

from pipeline import tomlfile
from pipeline.config import PackConfig
from pipeline.errors import RenderError
from pipeline.keywords import UI_KEYWORDS  # noqa: F401 - re-exported: the functions the templates get
from pipeline.lang import display_name, language
from pipeline.localize import Article, LocalBlock, LocalPack, PackText
from pipeline.model import BlockKind

_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")


class UiTranslations(Protocol):
    """What the templates need from a ui catalog (gettext.GNUTranslations fits)."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...

    def pgettext(self, context: str, message: str, /) -> str: ...


def _placeholders(text: str) -> set[str]:
    return {m.group(1) for m in _PLACEHOLDER.finditer(text) if m.group(1)}


class Localized(str):
    """A value in the reader's language that knows its form in the templates' own language
    (``source``), for a UI sentence shown untranslated: a Polish page whose "Translated from
    %(language)s." is not translated yet says "Translated from English", not "angielski"."""

    source: str

    def __new__(cls, text: str, source: str) -> Localized:
        value = super().__new__(cls, text)
        value.source = source
        return value


# The language the templates' UI strings are written in (the msgids of ui.pot).
UI_SOURCE_LANGUAGE = "en"


def _format(translated: str, source: str, variables: Mapping[str, Any]) -> Markup:
    """Escape ``translated`` and substitute escaped ``variables``; fall back to ``source``.

    Only ``%(name)s`` is substituted; braces, Jinja syntax and attribute access mean nothing.
    Shown untranslated (``translated`` is ``source``), a :class:`Localized` variable is given
    in the source's language.
    """
    if _placeholders(translated) - set(variables):
        translated = source  # a translator's typo must not break the build or leak syntax
    if translated == source:
        variables = {k: v.source if isinstance(v, Localized) else v for k, v in variables.items()}
    safe = escape(translated)
    if not variables and "%" not in translated:
        return safe
    try:
        return safe % {k: v for k, v in variables.items()}
    except (KeyError, ValueError, TypeError):
        return escape(source) % dict(variables)


@dataclass(frozen=True)
class UiText:
    """The template-facing i18n functions for one language, all escaping."""

    translations: UiTranslations

    def gettext(self, message: str, /, **variables: Any) -> Markup:
        return _format(self.translations.gettext(message), message, variables)

    def ngettext(self, singular: str, plural: str, n: int, /, **variables: Any) -> Markup:
        variables.setdefault("num", n)
        source = singular if n == 1 else plural
        return _format(self.translations.ngettext(singular, plural, n), source, variables)

    def pgettext(self, context: str, message: str, /, **variables: Any) -> Markup:
        return _format(self.translations.pgettext(context, message), message, variables)

    def npgettext(self, context: str, singular: str, plural: str, n: int, /, **variables: Any) -> Markup:
        variables.setdefault("num", n)
        npgettext = getattr(self.translations, "npgettext", None)
        translated = npgettext(context, singular, plural, n) if npgettext else self.translations.ngettext(
            singular, plural, n
        )
        return _format(translated, singular if n == 1 else plural, variables)

    def page_counter(self, message: str) -> Markup:
        """A CSS ``content`` value for a footer such as "Page %(page)s of %(pages)s".

        The translation is cut at its placeholders; the literal pieces become CSS strings made of
        escapes only, so nothing a translator writes can end the string, the rule or the
        ``<style>`` element.
        """
        translated = self.translations.gettext(message)
        if _placeholders(translated) != _placeholders(message) or "%%" in translated:
            translated = message
        parts: list[str] = []
        pos = 0
        for m in _PLACEHOLDER.finditer(translated):
            if m.start() > pos:
                parts.append(css_string(translated[pos : m.start()]))
            parts.append(f"counter({m.group(1)})")
            pos = m.end()
        if pos < len(translated):
            parts.append(css_string(translated[pos:]))
        return Markup(" ".join(parts) or '""')

    def config_text(self, context: str, text: str) -> Markup:
        """A string from configuration (pack title, project name) translated in the ui domain.

        Not an extraction keyword: pipeline/ui.py adds these strings to ui.pot from the config.
        """
        return self.pgettext(context, text)

    def functions(self) -> dict[str, Callable[..., Markup]]:
        return {
            "config_text": self.config_text,
            "_": self.gettext,
            "gettext": self.gettext,
            "ngettext": self.ngettext,
            "pgettext": self.pgettext,
            "npgettext": self.npgettext,
            "page_counter": self.page_counter,
        }


def css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string in which every non-alphanumeric is an escape."""
    out = []
    for ch in text:
        if ch.isalnum() and ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):06x}")
    return '"' + "".join(out) + '"'


@dataclass(frozen=True)
class L10n:
    """Babel formatting for the page's locale (dates, numbers, lists, language names)."""

    lang: str

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.lang)

    def date(self, value: dt.date | str) -> str:
        """A long date (24 лютага 2022 г. / 24. Februar 2022); "2022" or "2022-02" stay partial."""
        if isinstance(value, str):
            text = value.strip()
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                value = dt.date.fromisoformat(text)
            elif re.fullmatch(r"\d{4}-\d{2}", text):
                month = dt.date.fromisoformat(text + "-01")
                return format_date(month, "LLLL y", locale=self.locale)
            else:
                return text
        return format_date(value, "long", locale=self.locale)

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)

    def percent(self, value: float) -> str:
        """``value`` is 0–100; rounded down to whole percent so 99.6 % never shows as 100 %."""
        whole = int(value) if value < 100 else 100
        return format_percent(whole / 100, locale=self.locale)

    def language(self, code: str, *, own: bool = False) -> str:
        """The name of language ``code`` in the page's language, or in its own (``own``).

        Not ``own``, it is a :class:`Localized`: a UI sentence that falls back to the
        template's English ("Translated from %(language)s.") shows the English name, never
        the reader's ("Translated from angielski")."""
        if own:
            name = Locale.parse(code).get_display_name(Locale.parse(code)) or code
            return name[:1].upper() + name[1:]
        return Localized(display_name(code, self.lang), display_name(code, UI_SOURCE_LANGUAGE))

    def languages(self, codes: Sequence[str]) -> str:
        """The names of ``codes`` as a list in the page's language ("англійскай і нямецкай"
        as CLDR writes it), a :class:`Localized` like :meth:`language`."""
        names = [self.language(code) for code in codes]
        english = [n.source if isinstance(n, Localized) else n for n in names]
        return Localized(format_list(names, locale=self.locale), format_list(english, locale=UI_SOURCE_LANGUAGE))

    def list(self, items: Sequence[str]) -> str:
        return format_list(list(items), locale=self.locale) if items else ""


@dataclass(frozen=True)
class BlockGroup:
    """Consecutive blocks that share one container (list items share a ``<ul>``)."""

    kind: BlockKind
    blocks: tuple[LocalBlock, ...]


def group_blocks(blocks: Iterable[LocalBlock]) -> list[BlockGroup]:
    """Group consecutive list items so the templates can wrap them in one list."""
    groups: list[BlockGroup] = []
    for block in blocks:
        if block.kind is BlockKind.LIST_ITEM and groups and groups[-1].kind is BlockKind.LIST_ITEM:
            groups[-1] = BlockGroup(block.kind, groups[-1].blocks + (block,))
        else:
            groups.append(BlockGroup(block.kind, (block,)))
    return groups


@dataclass(frozen=True)
class Alternate:
    """One entry of the language switcher: the same page in another language."""

    lang: str
    href: str
    name: str  # in its own language
    current: bool


def make_environment(templates: Path) -> jinja2.Environment:
    """The one Jinja2 environment: autoescaping, strict about undefined names, i18n enabled."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.policies["ext.i18n.trimmed"] = True
    # Newstyle gettext: {% trans %} calls gettext(msg, **vars) and leaves the substitution to it.
    # The callables themselves come with each render (UiText), so one environment serves all
    # languages and Jinja's Markup-wrapping defaults are never installed.
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.globals.update(group_blocks=group_blocks, BlockKind=BlockKind)
    return env


def _template_frame(exc: BaseException, templates: Path) -> tuple[str, int | None]:
    """The innermost traceback frame inside a template (Jinja rewrites frames to template lines)."""
    root = str(templates.resolve())
    found: tuple[str, int | None] = ("", None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename and str(Path(frame.filename).resolve()).startswith(root):
            found = (frame.filename, frame.lineno)
    return found


def _display(path: str, templates: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(templates.resolve().parent))
    except ValueError:
        return path


def render_html(
    env: jinja2.Environment,
    template: str,
    ui: UiTranslations,
    lang: str,
    **context: Any,
) -> str:
    """Render ``template`` for ``lang`` with the ui translations and ``context``.

    Raises :class:`RenderError` with the template path and line when the template is broken.
    """
    loader = env.loader
    templates = Path(loader.searchpath[0]) if isinstance(loader, jinja2.FileSystemLoader) else Path(".")
    try:
        tmpl = env.get_template(template)
        return tmpl.render(
            lang=lang,
            l10n=L10n(lang),
            **UiText(ui).functions(),
            **context,
        )
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or str(templates / (exc.name or template))
        raise RenderError(_display(where, templates), exc.lineno, f"template syntax error: {exc.message}",
                          line_text=exc.source.splitlines()[exc.lineno - 1] if exc.source and exc.lineno else None
                          ) from None
    except jinja2.TemplateNotFound as exc:
        raise RenderError(_display(str(templates / template), templates), None,
                          f"template not found: {exc.name}") from None
    except Exception as exc:  # noqa: BLE001 - every render failure must name the template line
        path, line = _template_frame(exc, templates)
        if not path:
            path = str(templates / template)
        raise RenderError(_display(path, templates), line, f"render failed: {type(exc).__name__}: {exc}") from exc


# ---------------------------------------------------------------------------------------------
# Page contexts


def _authors(pack: LocalPack) -> list[str]:
    seen: list[str] = []
    for article in pack.articles:
        for author in article.document.meta.authors:
            if author not in seen:
                seen.append(author)
    return seen


def pack_context(pack: LocalPack, *, built: dt.datetime, project: str, version: str) -> dict[str, Any]:
    """What both the PDF and the site page of a pack need."""
    return {
        "pack": pack,
        "articles": pack.articles,
        "omitted": pack.omitted,
        "source_lang": pack.source_lang,
        "authors": _authors(pack),
        "built": built,
        "project": project,
        "version": version,
    }


def render_pdf_html(
    env: jinja2.Environment,
    pack: LocalPack,
    ui: UiTranslations,
    *,
    built: dt.datetime,
    project: str,
    version: str,
) -> str:
    """The HTML of the pack's PDF (paged-media stylesheet), as the templates write it.

    The build passes it through :func:`bind_spaces` before WeasyPrint sets it (the site's
    HTML is left alone: a browser window has no fixed measure to set for).
    """
    return render_html(
        env, "pack.pdf.html", ui, pack.lang, **pack_context(pack, built=built, project=project, version=version)
    )



# --- Typesetting filter: no-break spaces in the HTML given to WeasyPrint ------------------------

NBSP = "\u00a0"
_TAG = re.compile(r"(<[^>]*>)")
# A closing or opening tag of these ends the run of text the last-two-words rule looks at.
_BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li dd dt blockquote figcaption div section header footer nav article "
    "aside ol ul dl table tr td th br hr".split()
)
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
# The last two words of a block are bound when they are this short together (a longer pair
# would leave a visibly short line above it).
LAST_PAIR_MAX = 22
# Display type (headings, the cover's subtitle) is bound up to a longer pair: a one-word last
# line is worse there than a short line above it.  Each limit is about what one line of the
# element holds at its size in pdf.css (the cover's 30 pt title: ~22 characters).
DISPLAY_PAIR_MAX = {"h1": 22, "h2": 32, "h3": 40, "h4": 40, "subtitle": 36}
_SUBTITLE = re.compile(r'\bclass="(?:[^"]* )?subtitle[ "]')


@functools.cache
def _text_rules(lang: str) -> tuple[re.Pattern[str], ...]:
    facts = language(lang)  # pipeline/data/lang/<lang>.toml: [typeset] and [nbsp]
    rules = []
    if facts.one_letter_words:
        words = "|".join(re.escape(w) for w in facts.one_letter_words)
        rules.append(re.compile(rf"(?<![\w&#;.-])({words}) +", re.IGNORECASE))
    units = [re.escape(u) + (r"(?!\w)" if u[-1].isalnum() else "") for u in facts.after_number]
    units += [re.escape(u) + r"\w*" for u in facts.after_number_stems]
    if units:
        rules.append(re.compile(rf"(?<![\w&#])(\d[\d.,]*) +(?=(?:{'|'.join(units)}))"))
    return tuple(rules)


def _bind_text(text: str, rules: Sequence[re.Pattern[str]]) -> str:
    for rule in rules:
        text = rule.sub(lambda m: m.group(1) + NBSP, text)
    return text


def bind_spaces(html: str, lang: str) -> str:
    """Put no-break spaces into the text of ``html``'s body, never into its markup.

    * after the one-letter words of ``lang`` (be: у, з, і, ў, а, о), so none ends a line;
    * between a number and its unit (``data/lang/<lang>.toml`` [nbsp]: «5 тыс.», „92 Prozent“);
    * between the last two words of every block (paragraph, heading, list item, …) when they
      are short (longer pairs in headings and the subtitle: ``DISPLAY_PAIR_MAX``), so that no
      paragraph or heading ends with one word alone on its line.

    Only text between tags inside ``<body>`` changes (``<style>`` and ``<script>`` never);
    the HTML is Jinja's autoescaped output, so a ``>`` inside an attribute is ``&gt;``.
    """
    start = html.find("<body")
    if start < 0:
        return html
    head, body = html[:start], html[start:]
    rules = _text_rules(lang)
    tokens = _TAG.split(body)
    # Text tokens of the current block: (token index, offset of the token in the block's text).
    block: list[tuple[int, int]] = []
    length = 0
    raw = False  # inside <style> or <script>
    limit = LAST_PAIR_MAX

    def close_block() -> None:
        nonlocal length
        _bind_last_pair(tokens, block, limit)
        block.clear()
        length = 0

    for i, token in enumerate(tokens):
        if i % 2:  # a tag
            name_match = _TAG_NAME.match(token)
            name = name_match.group(1).lower() if name_match else ""
            if name in ("style", "script"):
                raw = not token.startswith("</")
            if name in _BLOCK_TAGS:
                close_block()
                opening = not token.startswith("</")
                display = name if name in DISPLAY_PAIR_MAX else "subtitle" if _SUBTITLE.search(token) else ""
                limit = DISPLAY_PAIR_MAX[display] if opening and display else LAST_PAIR_MAX
            continue
        if raw or not token:
            continue
        tokens[i] = _bind_text(token, rules)
        block.append((i, length))
        length += len(tokens[i])
    close_block()
    return head + "".join(tokens)


# Words are runs of anything but breakable spaces (a no-break space already joins a word).
_LAST_PAIR = re.compile(r"([^ \t\n]+)([ \t\n]+)([^ \t\n]+)[ \t\n]*$")


def _bind_last_pair(tokens: list[str], block: Sequence[tuple[int, int]], limit: int = LAST_PAIR_MAX) -> None:
    """Replace the space between the last two words of ``block`` with a no-break space."""
    if not block:
        return
    text = "".join(tokens[i] for i, _ in block)
    m = _LAST_PAIR.search(text)
    if m is None or len(m.group(1)) + len(m.group(3)) > limit:
        return
    gap_start, gap_end = m.span(2)
    for index, offset in block:
        token = tokens[index]
        if offset <= gap_start and gap_end <= offset + len(token):
            a, b = gap_start - offset, gap_end - offset
            tokens[index] = token[:a] + NBSP + token[b:]
            return
    # The gap spans a tag boundary: leave it (rare, and never worth touching markup for).


def alternates(languages: Sequence[str], current: str, href: Callable[[str], str]) -> list[Alternate]:
    """The language switcher's entries, each language named in its own language."""
    return [Alternate(lang, href(lang), L10n(lang).language(lang, own=True), lang == current) for lang in languages]


def _site_links(languages: Sequence[str], current: str, up: str, base_url: str | None = None) -> dict[str, Any]:
    """The links of site/base.html from a page ``up`` ("../" or "") below ``dist/``.

    The hreflang ``<link rel="alternate">`` URLs are absolute under ``base_url`` when the
    configuration gives one (search engines ask for absolute URLs), relative otherwise.
    """
    root = base_url or up
    return {
        "alternates": alternates(languages, current, lambda code: f"{up}{code}/index.html"),
        "hreflang": alternates(languages, current, lambda code: f"{root}{code}/index.html"),
        "hreflang_default": f"{root}index.html",
        "home": f"{up}index.html",
        "assets": f"{up}assets",
    }


def render_site_page(
    env: jinja2.Environment,
    packs: Sequence[LocalPack],
    ui: UiTranslations,
    lang: str,
    *,
    languages: Sequence[str],
    built: dt.datetime,
    project: str,
    version: str,
    base_url: str | None = None,
) -> str:
    """``dist/<lang>/index.html``: every pack of the language with its articles."""
    return render_html(
        env,
        "site/pack.html",
        ui,
        lang,
        packs=packs,
        **_site_links(languages, lang, "../", base_url),
        built=built,
        project=project,
        version=version,
    )


@dataclass(frozen=True)
class ChooserEntry:
    """One language on the chooser page; its texts come from that language's ui catalog."""

    lang: str
    name: str  # in its own language
    href: str
    ui: UiText
    packs: tuple[PackConfig, ...]
    # The packs' titles and subtitles as localized (English fallbacks marked); empty: the
    # template translates them itself, unmarked.
    texts: tuple[PackText, ...] = ()


def render_chooser(
    env: jinja2.Environment,
    entries: Sequence[ChooserEntry],
    ui: UiTranslations,
    lang: str,
    *,
    languages: Sequence[str],
    built: dt.datetime,
    project: str,
    version: str,
    base_url: str | None = None,
) -> str:
    """``dist/index.html``: choose a language (each offered in its own language)."""
    return render_html(
        env,
        "site/chooser.html",
        ui,
        lang,
        entries=entries,
        **_site_links(languages, "", "", base_url),
        built=built,
        project=project,
        version=version,
    )


__all__ = [
    "Alternate",
    "Article",
    "BlockGroup",
    "ChooserEntry",
    "L10n",
    "UI_KEYWORDS",
    "UiText",
    "UiTranslations",
    "alternates",
    "css_string",
    "group_blocks",
    "make_environment",
    "pack_context",
    "render_chooser",
    "render_html",
    "bind_spaces",
    "render_pdf_html",
    "render_site_page",
]
