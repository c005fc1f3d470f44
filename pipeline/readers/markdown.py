"""The Markdown reader: a page written in Markdown, or copied "as Markdown" from a browser.

Markdown is plain text with marks, so this reader is the plain-text reader
(:mod:`pipeline.readers.text`) looking through the marks: every line is judged, and kept, as
the text a reader of the rendered page sees ("**Tags:** [exile](…) · [Białystok](…)" is
"Tags: exile · Białystok"), so that the clean-up's rules and features apply to Markdown as
they do to text, and translators are not given link targets and asterisks.  What the marks
say about structure is kept: ``#`` and underlined (setext) headings are headings, ``>`` lines
block quotes, ``-``/``*``/``+`` items list items, and a line that is only a picture is the
picture's description (a caption, left out of a pack, which carries no pictures).

The source lines are still those of the file: a removal names the line as it stands there, a
line that is nothing but marks (an empty link, a picture with no description) is recorded as
removed markup, and junk trimmed off the end of a kept line gets its columns in the file.
A ``.txt`` file is read as Markdown when its text is plainly Markdown (:func:`looks_like`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.manifest import Overrides
from pipeline.model import BlockKind, Document, SourceMeta
from pipeline.readers.base import decode
from pipeline.readers.text import ingest_text

# ![alt](target "title") and [text](target "title"): the text stays (one level of parentheses in the target).
_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"(!?)\[([^\[\]]+)\]\[[^\[\]]*\]")  # [text][ref]
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_FOOTNOTE_REF = re.compile(r"\[\^([^\[\]\s]{1,20})\](:?)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])|(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE = re.compile(r"`([^`\n]+)`")
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_ITEM = re.compile(r"^( {0,3})([-*+])[ \t]+(?=\S)")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_WHOLLY_EMPHASISED = re.compile(r"^\s*([*_])(?=[^\s*_]).*[^\s*_]\1\s*$")
_ESCAPED = re.compile("[\ue000-\ue07f]")
_ONLY_PICTURE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$")


def inline(text: str) -> str:
    """A line's text as the rendered page shows it: links and pictures by their text,
    emphasis and code without their marks, a footnote reference "[^2]" as "[2]"."""
    if not any(c in text for c in "[*_`~<\\"):
        return text
    # An escaped mark is text: set it aside (as a private-use character) until the marks are read.
    private = bool(_ESCAPED.search(text))  # (a source that uses those characters itself keeps them)
    if not private:
        text = _ESCAPE.sub(lambda m: chr(0xE000 + ord(m.group(1))), text)
    text = _CODE.sub(r"\1", text)
    text = _LINK.sub(lambda m: m.group(2), text)
    text = _REF_LINK.sub(lambda m: m.group(2), text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _FOOTNOTE_REF.sub(lambda m: f"[{m.group(1)}]", text)
    for _ in range(2):  # "***both***"
        text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    text = _STRIKE.sub(r"\1", text)
    if private:
        return _ESCAPE.sub(r"\1", text)
    return _ESCAPED.sub(lambda m: chr(ord(m.group(0)) - 0xE000), text)


def rendered(lines: Sequence[str]) -> tuple[list[str], dict[int, BlockKind]]:
    """Each source line as the rendered page shows it (the same number of lines), and what
    the marks say a line is (by 1-based line number): a heading, a quote, a picture."""
    shown: list[str] = []
    kinds: dict[int, BlockKind] = {}
    picture = -9  # the line of the last picture: an emphasised line right under it is its caption
    for n, line in enumerate(lines, 1):
        under_text = n > 1 and bool(lines[n - 2].strip()) and not _ITEM.match(lines[n - 2])
        if _SETEXT.match(line) and under_text:
            kinds.setdefault(n - 1, BlockKind.HEADING)  # the line above is a heading, this its underline
            shown.append(line)
            continue
        if _RULE.match(line):
            shown.append(line)  # a thematic break: a line of marks, judged as such
            continue
        text = line
        if (atx := _ATX.match(text)) is not None:
            text = atx.group(2)
            kinds[n] = BlockKind.HEADING
        elif _QUOTE.match(text):
            while (quote := _QUOTE.match(text)) is not None:
                text = text[quote.end() :]
            kinds[n] = BlockKind.QUOTE
        if (item := _ITEM.match(text)) is not None:
            text = f"{item.group(1)}• {text[item.end() :]}"
            kinds.pop(n, None)  # an item is an item, also inside a quote
        if _ONLY_PICTURE.match(text):
            kinds[n], picture = BlockKind.CAPTION, n
        elif n - picture <= 2 and _WHOLLY_EMPHASISED.match(text) and all(not s.strip() for s in lines[picture : n - 1]):
            kinds[n] = BlockKind.CAPTION  # "*Straw spiders by Tamara Zhuk. Photo: ...*" under the picture
        shown.append(inline(text))
    return shown, kinds


# What makes a text plainly Markdown rather than text that happens to hold a bracket.
_SIGNS = re.compile(r"\]\((?:https?:|/|#|\.)[^)\s]*\)|^ {0,3}#{1,6} \S|^ {0,3}(?:=+|-+)\s*$|\*\*\S[^*\n]*\S\*\*|^\[\^[^\]]+\]:", re.MULTILINE)


def looks_like(text: str) -> bool:
    """Is this text Markdown: links with targets, ``#`` headings, underlines, ``**`` marks or
    footnote definitions, at least six of them and of at least two kinds?"""
    found = [m.group(0) for m in _SIGNS.finditer(text[:200_000])]
    kinds = {"link" if s.startswith("](") else "heading" if s.lstrip().startswith("#") else "strong" if s.startswith("**") else "note" if s.startswith("[^") else "rule" for s in found}
    return len(found) >= 6 and len(kinds) >= 2


class MarkdownReader:
    """Markdown, written as such or copied from a page with a "copy as Markdown" tool."""

    name = "markdown"
    suffixes: tuple[str, ...] = (".md", ".markdown")

    def sniff(self, head: bytes) -> bool:
        return looks_like(head.decode("utf-8", errors="replace"))

    def read(self, data: bytes, path: str, meta: SourceMeta, overrides: Overrides = Overrides()) -> Document:
        return ingest_markdown(decode(data, path), path, meta, overrides)


def ingest_markdown(text: str, path: str, meta: SourceMeta, overrides: Overrides = Overrides()) -> Document:
    """Pure core: decoded Markdown → Document, the source lines accounted for as the text reader does."""
    return ingest_text(text, path, meta, overrides, view=rendered, reader="markdown")


READER = MarkdownReader()

__all__ = ["READER", "MarkdownReader", "ingest_markdown", "inline", "looks_like", "rendered"]
