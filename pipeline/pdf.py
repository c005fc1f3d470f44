"""PDF: the only module that imports WeasyPrint.

``render_pdf_bytes(html, templates=...)`` turns the final HTML of a pack into the bytes of a
tagged PDF/UA-1 file (the build writes them safely with :mod:`pipeline.fileio`).  Everything
the HTML refers to is fetched by :class:`TemplateFetcher`, which serves files under
``templates/`` and ``data:`` URLs and nothing else: no network, no ``file://`` outside the
folder, no redirects, no attachments.  WeasyPrint's own warnings about fonts that cannot be
loaded or resources that were refused become a :class:`RenderError` naming the template (and
the stylesheet line for a font), never a silently different PDF.
"""

from __future__ import annotations

import inspect
import logging
import mimetypes
import re
import sys
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import weasyprint  # type: ignore[import-untyped]
from weasyprint.formatting_structure import boxes  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcher, URLFetcherResponse  # type: ignore[import-untyped]

from pipeline.errors import RenderError
from pipeline.tagtree import finish_tag_tree

PDF_VARIANT = "pdf/ua-1"


def _visible_text(element: Any) -> str:
    """The text of an HTML element as a reader hears it: without ``aria-hidden`` parts."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.get("aria-hidden") == "true":
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return " ".join("".join(parts).split())


def _tag_elements() -> None:
    """Give WeasyPrint's structure elements what the tag-tree post-pass needs.

    WeasyPrint 70's tagger builds one structure element per box in
    ``weasyprint.pdf.tags._build_box_tree`` (WeasyPrint is pinned to 70.x; the tests check the
    result).  We wrap that generator and add to the element of each box:

    * ``/Lang`` when its HTML element has its own ``lang`` (PDF/UA asks that text in another
      language than the document's declares it: our English fallbacks in a Belarusian pack);
    * the private keys :func:`pipeline.tagtree.finish_tag_tree` reads and then removes:
      ``/PipelineKey`` (the identity of the HTML element, the same for every page's piece of
      it), ``/PipelineTag`` (its tag), and for a link its visible text and the
      ``data-link-label`` pattern that describes it.
    """
    import pydyf  # type: ignore[import-untyped]
    from weasyprint.pdf import tags  # type: ignore[import-untyped]

    original = getattr(tags, "_build_box_tree", None)
    if original is None or getattr(original, "_pipeline_tags", False):
        return

    def build_box_tree(box: Any, parent: Any, pdf: Any, *args: Any) -> Iterator[Any]:
        element = getattr(box, "element", None)
        element_tag = getattr(box, "element_tag", None)
        has_attrs = element is not None and hasattr(element, "get")
        lang = element.get("lang") if element is not None and has_attrs else None
        own = lang and element_tag not in ("html", "body")
        for struct in original(box, parent, pdf, *args):
            if isinstance(struct, dict) and struct.get("P") == parent.reference:
                if own and "Lang" not in struct:
                    struct["Lang"] = pydyf.String(lang)
                if element is not None and has_attrs and element_tag not in (None, "html", "body") and "PipelineKey" not in struct:
                    struct["PipelineKey"] = pydyf.String(f"{id(element)}:{element_tag}")
                    struct["PipelineTag"] = pydyf.String(element_tag)
                    if element_tag == "a":
                        struct["PipelineText"] = pydyf.String(_visible_text(element))
                        if element.get("data-link-label"):
                            struct["PipelineLabel"] = pydyf.String(element.get("data-link-label"))
                    scope = _SCOPES.get(element.get("scope") or "") if element_tag == "th" else None
                    if scope:  # <th scope="col">: which cells the header heads (WeasyPrint sets /O /Table only)
                        attributes = struct.get("A")
                        if not isinstance(attributes, dict):
                            attributes = struct["A"] = pydyf.Dictionary({"O": "/Table"})
                        attributes.setdefault("Scope", scope)
            yield struct

    build_box_tree._pipeline_tags = True  # type: ignore[attr-defined]
    tags._build_box_tree = build_box_tree


_SCOPES = {"col": "/Column", "row": "/Row", "colgroup": "/Column", "rowgroup": "/Row"}


def _unhyphenated(box: Any) -> str | None:
    """The text of a text box without the hyphen the line breaker inserted, or None.

    WeasyPrint appends ``hyphenate-character`` (U+2010 by default, never typed in our
    sources' compounds, which use U+002D) to the first part of a word it hyphenates; a soft
    hyphen it broke at stays before it.
    """
    text = getattr(box, "text", None)
    style = getattr(box, "style", None)
    if not text or style is None:
        return None
    mark = style["hyphenate_character"]
    if not mark or not text.endswith(mark) or len(text) <= len(mark):
        return None
    stem = text[: -len(mark)].rstrip("\u00ad")
    return stem if stem and stem[-1].isalpha() else None


def _mark_hyphens() -> None:
    """Marked content of a text box ending in an inserted hyphen gets ``/ActualText``.

    ``ActualText`` is the box's text without the hyphen, so that copy, search and screen
    readers get whole words ("Russian", not "Russi- an"); the post-pass copies it to the
    span's structure element.  This replaces ``weasyprint.pdf.stream.Stream.marked`` (12 lines
    in WeasyPrint 70) with the same code plus that key.
    """
    import pydyf
    from weasyprint.pdf.stream import Stream  # type: ignore[import-untyped]

    if getattr(Stream.marked, "_pipeline_hyphens", False):
        return

    @contextmanager
    def marked(self: Any, box: Any, tag: str) -> Iterator[None]:
        if self._tags is not None:
            mcid = len(self._tags)
            assert box not in self._tags
            self._tags[box] = {"tag": tag, "mcid": mcid}
            properties = pydyf.Dictionary({"MCID": mcid})
            actual = _unhyphenated(box)
            if actual is not None:
                properties["ActualText"] = pydyf.String(actual)
            pydyf.Stream.begin_marked_content(self, tag, properties)
        try:
            yield
        finally:
            if self._tags is not None:
                pydyf.Stream.end_marked_content(self)

    marked._pipeline_hyphens = True  # type: ignore[attr-defined]
    Stream.marked = marked


_tag_elements()
_mark_hyphens()


def _internal(module: Any, name: str, params: tuple[str, ...]) -> Any:
    """``module.name``, a WeasyPrint 70 function one of the layout patches below wraps.

    WeasyPrint is pinned to 70.x (pyproject.toml); a later version may rename or reshape its
    internals, and a patch that silently stopped applying would give other pages without a
    word.  So a function that is missing, or whose first parameters are not ``params``, is a
    :class:`RenderError` when ``pipeline.pdf`` is imported.
    """
    function = getattr(module, name, None)
    try:
        found = tuple(inspect.signature(function).parameters)[: len(params)] if callable(function) else None
    except (TypeError, ValueError):
        found = None
    if found != params:
        raise RenderError(
            f"{module.__name__}.{name}",
            None,
            f"WeasyPrint {weasyprint.__version__} has no {name}({', '.join(params)}, ...), which "
            "pipeline/pdf.py wraps (its layout patches are written for WeasyPrint 70.x)",
        )
    return function


def _wrapper(patched: Any, original: Any, marker: str) -> Any:
    """``patched``, marked as the pipeline's (``marker``: installed once) and keeping the
    WeasyPrint function it wraps as ``__wrapped__`` (the tests put it back to compare)."""
    patched.__wrapped__ = original
    setattr(patched, marker, True)
    return patched


def _ends_hyphenated(line: Any) -> bool:
    """Whether a laid-out line box ends in a hyphen WeasyPrint inserted (:func:`_unhyphenated`):
    its last in-flow piece is a text box ending in ``hyphenate-character``.  A typed hyphen
    (``Russia-Ukraine``) is not one."""
    box = line
    while isinstance(box, (boxes.LineBox, boxes.InlineBox)):  # a line, or a span ending it
        pieces = [
            child for child in box.children
            if child.is_in_normal_flow() and not (isinstance(child, boxes.TextBox) and not child.text.strip())
        ]
        if not pieces:
            return False
        box = pieces[-1]
    return isinstance(box, boxes.TextBox) and _unhyphenated(box) is not None


class _LineState:
    """Whether the line WeasyPrint is laying out may take an automatic hyphen
    (:func:`_limit_hyphen_ladders`, :func:`_relaid`; layout is single-threaded, one render at a
    time)."""

    automatic = True


_LINE = _LineState()


@dataclass(frozen=True)
class _LineStart:
    """Where a laid-out line started: the arguments ``iter_line_boxes`` needs to lay it out again
    (the paragraph's line box, the skip stack of its first character, ...)."""

    linebox: Any
    skip_stack: Any
    bottom_space: float
    containing_block: Any
    first_letter_style: Any
    first_line_style: Any


# Each line box yielded by the line iterator -> where it started (weak: gone with the layout).
_STARTS: weakref.WeakKeyDictionary[Any, _LineStart] = weakref.WeakKeyDictionary()


def _words(line: Any) -> list[str]:
    return " ".join(box.text for box in line.descendants() if isinstance(box, boxes.TextBox)).split()


def _relaid(context: Any, line: Any, absolute_boxes: Any, fixed_boxes: Any) -> Any:
    """``line`` laid out again from where it started, without automatic hyphenation, or None.

    The new line ends at a space (the rest of the word starts the next page).  None when that
    is not a good line: where the start is unknown, the line holds a footnote call, or the new
    one ends the paragraph, is taller, holds a single word (an overfull line), has less than
    half the letters of the old one (too loose), or still ends in a hyphen (a soft one).
    """
    start = _STARTS.get(line)
    if start is None or any(box.footnote for box in line.descendants()):
        return None
    lines = _ORIGINAL_LINES(
        context, start.linebox, line.position_y, start.bottom_space, start.skip_stack, start.containing_block,
        absolute_boxes, fixed_boxes, start.first_letter_style, start.first_line_style,
    )
    outer, _LINE.automatic = _LINE.automatic, False
    try:
        new, resume_at = next(lines, (None, None))
    finally:
        _LINE.automatic = outer
        lines.close()
    if new is None:
        return None
    words, old = _words(new), _words(line)
    if (
        resume_at is None
        or new.position_y + new.height > line.position_y + line.height + 0.01
        or len(words) < 2
        or 2 * sum(map(len, words)) < sum(map(len, old))
        or _ends_hyphenated(new)
    ):
        _REMOVE(context, new.children, absolute_boxes, fixed_boxes)
        return None
    new.resume_at = resume_at
    _STARTS[new] = start
    return new


def _page_end(
    context: Any, lines: list[Any], keep: int, orphans: int, page_is_empty: bool, absolute_boxes: Any, fixed_boxes: Any
) -> tuple[int, Any]:
    """How many of a paragraph's ``lines`` stay on the page (``keep`` proposed by WeasyPrint),
    and a line laid out again to be the last of them (or None): the page-turn rule of
    :func:`_avoid_page_turn_hyphens`."""
    if keep < 1 or not _ends_hyphenated(lines[keep - 1]):
        return keep, None
    new = _relaid(context, lines[keep - 1], absolute_boxes, fixed_boxes)
    if new is not None:
        return keep, new  # the page stays full
    if keep - 1 >= max(orphans, 1):  # carry the line over: the page ends one line short
        if not _ends_hyphenated(lines[keep - 2]):
            return keep - 1, None
        new = _relaid(context, lines[keep - 2], absolute_boxes, fixed_boxes)
        if new is not None:
            return keep - 1, new
    elif keep <= 1 and not page_is_empty:
        return 0, None  # the paragraph goes over whole, leaving one line free
    return keep, None  # the hyphen stays: better than a hole of more than a line


def _avoid_page_turn_hyphens() -> None:
    """No page ends in a word broken by an inserted hyphen (TeX's ``\\brokenpenalty``), and no
    page ends more than a line short for it.

    WeasyPrint 70 breaks a paragraph over pages in ``weasyprint.layout.block._break_line``:
    the line that overflows and the ``needed`` lines before it (for ``widows``) go over.  When
    the break after the paragraph is to be avoided, ``block.find_earlier_page_break`` does it
    instead, keeping all but ``widows`` of its lines.  Both are wrapped.  When the last line
    that would stay ends in an inserted hyphen (:func:`_page_end`):

    1. that line is laid out again from where it started with automatic hyphenation off
       (:func:`_relaid`: ``inline.iter_line_boxes`` from the line's start, which the ladder
       patch's line iterator notes, ``split_first_line`` getting ``hyphens: manual``): the
       page keeps its lines and ends at a space;
    2. if that gives no good line, the line goes over while ``orphans`` lines stay (the page
       ends a line short, as in TeX), unless the line before it ends in a hyphen too and
       cannot be laid out again either;
    3. otherwise the hyphen stays, rather than let the orphans rule move the whole paragraph
       and leave a hole of several lines (a paragraph with one line on the page goes over).
    """
    from weasyprint.layout import block, inline  # type: ignore[import-untyped]

    global _ORIGINAL_LINES, _REMOVE
    if getattr(getattr(block, "_break_line", None), "_pipeline_turns", False):
        return
    break_line = _internal(
        block, "_break_line",
        ("context", "box", "line", "new_children", "needed", "page_is_empty", "index", "skip_stack", "resume_at",
         "absolute_boxes", "fixed_boxes"),
    )
    earlier = _internal(block, "find_earlier_page_break", ("context", "children", "absolute_boxes", "fixed_boxes"))
    remove = _internal(block, "remove_placeholders", ("context", "box_list", "absolute_boxes", "fixed_boxes"))
    _ORIGINAL_LINES = _internal(inline, "iter_line_boxes", _LINE_PARAMS)
    _REMOVE = remove

    def patched_break_line(
        context: Any, box: Any, line: Any, new_children: list[Any], needed: int, page_is_empty: bool, index: int,
        skip_stack: Any, resume_at: Any, absolute_boxes: Any, fixed_boxes: Any,
    ) -> Any:
        keep, new = len(new_children) - needed, None
        if keep >= box.style["orphans"] or page_is_empty:  # else WeasyPrint moves the paragraph whole
            keep, new = _page_end(
                context, new_children, keep, box.style["orphans"], page_is_empty, absolute_boxes, fixed_boxes
            )
        result = break_line(
            context, box, line, new_children, len(new_children) - keep, page_is_empty, index, skip_stack, resume_at,
            absolute_boxes, fixed_boxes,
        )
        if new is not None and not result[0]:
            remove(context, new_children[-1].children, absolute_boxes, fixed_boxes)
            new_children[-1] = new  # _linebox_layout resumes after new_children[-1]
        return result

    def patched_earlier(context: Any, children: list[Any], absolute_boxes: Any, fixed_boxes: Any) -> Any:
        if not children or not isinstance(children[0], boxes.LineBox):
            return earlier(context, children, absolute_boxes, fixed_boxes)
        style = children[0].style
        proposed = len(children) - style["widows"]
        if proposed < style["orphans"]:
            return earlier(context, children, absolute_boxes, fixed_boxes)  # no break in the paragraph
        keep, new = _page_end(context, children, proposed, style["orphans"], False, absolute_boxes, fixed_boxes)
        lines = children[: keep + style["widows"]] if keep else children[:0]
        if new is not None:
            lines = [*lines[: keep - 1], new, *lines[keep:]]
        result = earlier(context, lines, absolute_boxes, fixed_boxes) if keep else None
        if result is not None:
            remove(context, children[len(lines) :], absolute_boxes, fixed_boxes)
            if new is not None:
                remove(context, children[keep - 1].children, absolute_boxes, fixed_boxes)
        elif new is not None:
            remove(context, new.children, absolute_boxes, fixed_boxes)
        return result

    block._break_line = _wrapper(patched_break_line, break_line, "_pipeline_turns")
    block.find_earlier_page_break = _wrapper(patched_earlier, earlier, "_pipeline_turns")


_LINE_PARAMS = (
    "context", "box", "position_y", "bottom_space", "skip_stack", "containing_block", "absolute_boxes",
    "fixed_boxes", "first_letter_style", "first_line_style",
)
_ORIGINAL_LINES: Any = None  # inline.iter_line_boxes, set by _avoid_page_turn_hyphens
_REMOVE: Any = None  # block.remove_placeholders, likewise


def _limit_hyphen_ladders() -> None:
    """At most two lines in a row end in an inserted hyphen (TeX's ``\\doublehyphendemerits``,
    InDesign's hyphen limit 2).

    WeasyPrint 70 lays out the lines of a paragraph one at a time in the generator
    ``weasyprint.layout.inline.iter_line_boxes`` (``block`` calls the name it imported), and
    each text box of a line is broken by ``inline.split_first_line``, which hyphenates when the
    style's ``hyphens`` is ``auto``.  Both are wrapped: after two lines that ended in an
    inserted hyphen, the generator lays out the next one with automatic hyphenation off (the
    wrapped ``split_first_line`` gets a copy of the style with ``hyphens: manual``), so that
    line breaks at a space.  The flag is saved and restored around each line, so the lines of
    an inline-block laid out inside one keep their own count.  The generator also notes where
    each line started (``_STARTS``), for the page-turn rule to lay a page's last line out again.
    """
    from weasyprint.layout import block, inline

    if getattr(getattr(block, "iter_line_boxes", None), "_pipeline_ladders", False):
        return
    iter_lines = _internal(block, "iter_line_boxes", _LINE_PARAMS)
    split = _internal(inline, "split_first_line", ("text", "style", "context", "max_width"))

    def patched_iter(
        context: Any, box: Any, position_y: float, bottom_space: float, skip_stack: Any, containing_block: Any,
        absolute_boxes: Any, fixed_boxes: Any, first_letter_style: Any, first_line_style: Any,
    ) -> Iterator[Any]:
        lines = iter_lines(
            context, box, position_y, bottom_space, skip_stack, containing_block, absolute_boxes, fixed_boxes,
            first_letter_style, first_line_style,
        )
        start = _LineStart(box, skip_stack, bottom_space, containing_block, first_letter_style, first_line_style)
        in_a_row = 0
        while True:
            outer, _LINE.automatic = _LINE.automatic, in_a_row < 2
            try:
                item = next(lines, None)
            finally:
                _LINE.automatic = outer
            if item is None:
                return
            _STARTS[item[0]] = start
            yield item
            in_a_row = in_a_row + 1 if _ends_hyphenated(item[0]) else 0
            start = _LineStart(box, item[1], bottom_space, containing_block, None, None)

    def patched_split(text: str, style: Any, *args: Any, **kwargs: Any) -> Any:
        if not _LINE.automatic and style["hyphens"] == "auto":
            style = style.copy()
            style["hyphens"] = "manual"
        return split(text, style, *args, **kwargs)

    block.iter_line_boxes = _wrapper(patched_iter, iter_lines, "_pipeline_ladders")
    inline.split_first_line = _wrapper(patched_split, split, "_pipeline_ladders")


_avoid_page_turn_hyphens()
_limit_hyphen_ladders()

HYPHENATION = Path(__file__).parent / "data" / "hyph"


def _register_hyphenation() -> None:
    """Give pyphen (WeasyPrint's hyphenator) the dictionaries and exceptions it lacks.

    Each ``data/hyph/hyph_<lang>.dic`` (libhyphen format) is registered under ``<lang>``,
    replacing pyphen's own for that code: for ``be``, the TeX hyph-be patterns plus our
    exceptions (glossary names never broken) instead of pyphen's ``hyph_be_BY.dic``.  The
    stems of ``data/hyph/names.toml`` are added to the dictionary pyphen uses for their
    language when pyphen parses it (WeasyPrint's hyphenator asks pyphen): a pattern with an 8
    between every two letters of the stem, so no break falls inside it.
    """
    import tomllib

    import pyphen  # type: ignore[import-untyped]

    for dic in sorted(HYPHENATION.glob("hyph_*.dic")):
        lang = dic.stem.removeprefix("hyph_")
        pyphen.LANGUAGES[lang] = dic
        pyphen.LANGUAGES_LOWERCASE[lang.lower()] = lang
    names = tomllib.loads((HYPHENATION / "names.toml").read_text(encoding="utf-8"))
    stems: dict[Path, list[str]] = {}
    for lang, words in sorted(names.items()):
        code = pyphen.language_fallback(lang)
        if code is not None:
            stems.setdefault(Path(pyphen.LANGUAGES[code]), []).extend(w.lower() for w in words if len(w) >= 2)
    base = pyphen.HyphDict
    if getattr(base, "_pipeline_names", False):
        return

    class HyphDict(base):  # type: ignore[misc, valid-type]
        """pyphen's parsed dictionary, plus our stems for its language (parsed when first used:
        a dictionary takes up to a second and a PDF worker needs only its own languages)."""

        _pipeline_names = True
        maxlen: int
        patterns: dict[str, tuple[int, list[int]]]

        def __init__(self, path: Any) -> None:
            super().__init__(path)
            for stem in stems.get(Path(path), ()):
                start, values = self.patterns.get(stem, (1, [0] * (len(stem) - 1)))
                full = [0] * (len(stem) + 1)
                full[start : start + len(values)] = values
                full[1 : len(stem)] = [max(v, 8) for v in full[1 : len(stem)]]
                self.patterns[stem] = (1, full[1 : len(stem)])
                self.maxlen = max(self.maxlen, len(stem))

    pyphen.HyphDict = HyphDict
    pyphen.hdcache.clear()


_register_hyphenation()

_FONT_TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}


class FetchRefused(ValueError):
    """A resource the pipeline does not let WeasyPrint load."""


class TemplateFetcher(URLFetcher):  # type: ignore[misc]
    """Serves files under ``root`` and ``data:`` URLs; refuses everything else.

    WeasyPrint 70 calls ``fetch(url, headers)`` for stylesheets, fonts, images and attachments
    and turns an exception into a logged warning.  Attachments are dropped separately in
    :func:`render_pdf_bytes`, because WeasyPrint does not tell the fetcher what a URL is for.
    """

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, timeout=1)
        self.root = root.resolve()
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            self.served.append(url[:40])
            return super().fetch(url, headers)
        if scheme != "file":
            self._refuse(url, "only files under templates/ and data: URLs are allowed")
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            self._refuse(url, "remote file URL")
        path = Path(url2pathname(unquote(parts.path)))
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            self._refuse(url, "no such file")
        if not resolved.is_relative_to(self.root) or not resolved.is_file():
            self._refuse(url, "outside templates/")
        kind = _FONT_TYPES.get(resolved.suffix.lower()) or mimetypes.guess_type(resolved.name)[0]
        self.served.append(str(resolved))
        return URLFetcherResponse(resolved.as_uri(), resolved.read_bytes(), {"Content-Type": kind or "application/octet-stream"})

    def _refuse(self, url: str, why: str) -> Any:
        self.refused.append(url)
        raise FetchRefused(f"refused {url}: {why}")


class _Collector(logging.Handler):
    """Collects WeasyPrint's warnings and errors during one render.

    WeasyPrint's CSS warnings say ``at 37:19`` but not in which stylesheet; the handler runs
    inside the call that warns, so it looks up the stack for the ``CSS`` being parsed and
    records its URL (None for a ``<style>`` element of the HTML).
    """

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.sources: list[str | None] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad log record must not break the build
            message = str(record.msg)
        source = None
        frame = sys._getframe()
        while frame is not None:
            if frame.f_code.co_name == "__init__" and type(frame.f_locals.get("self")).__name__ == "CSS":
                source = frame.f_locals.get("url") or frame.f_locals.get("filename")
                break
            frame = frame.f_back  # type: ignore[assignment]
        self.messages.append(message)
        self.sources.append(str(source) if source else None)


@contextmanager
def _collect() -> Iterator[_Collector]:
    handler = _Collector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


_CSS_WARNING = re.compile(r"^(Ignored `.*`|Invalid .*) at (\d+):(\d+), (.*?)\.?$", re.S)
_FONT_FAILED = re.compile(r"Font-face '([^']*)' cannot be loaded")


def _font_error(message: str, templates: Path) -> RenderError | None:
    """Turn "Font-face 'X' cannot be loaded" into an error at the @font-face rule's line."""
    m = _FONT_FAILED.search(message)
    if not m:
        return None
    family = m.group(1)
    for css in sorted(templates.glob("*.css")):
        for lineno, line in enumerate(css.read_text(encoding="utf-8").splitlines(), 1):
            if "@font-face" in line and family in line:
                return RenderError(
                    f"{templates.name}/{css.name}", lineno, f"font {family!r} cannot be loaded", line_text=line
                )
    return RenderError(f"{templates.name}/", None, f"font {family!r} cannot be loaded")


@dataclass(frozen=True)
class PdfResult:
    """A rendered PDF and what the fetcher served while making it."""

    data: bytes
    pages: int
    served: tuple[str, ...]


def render_pdf_bytes(html: str, *, templates: Path, template_name: str = "pack.pdf.html") -> PdfResult:
    """Render ``html`` (whose relative URLs resolve inside ``templates``) to PDF/UA-1 bytes.

    Raises :class:`RenderError` naming ``template_name`` when WeasyPrint fails, a resource is
    refused or a font cannot be loaded.
    """
    fetcher = TemplateFetcher(templates)
    base = templates.resolve().as_uri() + "/"
    where = f"{templates.name}/{template_name}"
    with _collect() as log:
        try:
            document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher).render(
                pdf_variant=PDF_VARIANT, pdf_tags=True
            )
            # Attachments (<link rel=attachment>, <a rel=attachment>) are never embedded.
            document.metadata.attachments = []
            for page in document.pages:
                page.links = [link for link in page.links if link[0] != "attachment"]
            data = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
        except RenderError:
            raise
        except Exception as exc:  # noqa: BLE001 - name the template whatever WeasyPrint raised
            raise RenderError(where, None, f"PDF render failed: {type(exc).__name__}: {exc}") from exc
    for message, source in zip(log.messages, log.sources):
        font = _font_error(message, templates)
        if font is not None:
            raise font
        css = _CSS_WARNING.search(message)
        if css:
            # A stylesheet WeasyPrint did not understand: a template bug, reported where it is.
            if source:
                shown = f"{templates.name}/{Path(url2pathname(urlsplit(source).path)).name}"
                raise RenderError(shown, int(css.group(2)), f"{css.group(1)}, {css.group(4)}", column=int(css.group(3)))
            raise RenderError(where, None, f"in a <style> element, line {css.group(2)}: {css.group(1)}, {css.group(4)}")
    if fetcher.refused:
        raise RenderError(where, None, "refused to load: " + ", ".join(sorted(set(fetcher.refused))))
    if not isinstance(data, bytes):  # pragma: no cover - write_pdf() without target returns bytes
        raise RenderError(where, None, "WeasyPrint returned no PDF")
    try:
        data = finish_tag_tree(data)
    except Exception as exc:  # noqa: BLE001 - a tag tree we cannot finish is a build error
        raise RenderError(where, None, f"tag tree post-pass failed: {type(exc).__name__}: {exc}") from exc
    return PdfResult(data, len(document.pages), tuple(fetcher.served))


__all__ = ["FetchRefused", "PDF_VARIANT", "PdfResult", "TemplateFetcher", "render_pdf_bytes"]
