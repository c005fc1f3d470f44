"""What every reader shares: the protocol, strict decoding, and override bookkeeping."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Protocol

from pipeline.errors import ConfigError, SourceError
from pipeline.manifest import Match, Overrides
from pipeline.model import BlockKind, Document, SourceMeta

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class Reader(Protocol):
    """One input format.  ``read`` is pure: bytes in, a Document out, or a SourceError."""

    name: str  # "text", "html": shown in reports and recorded on the Document
    suffixes: tuple[str, ...]  # lowercase, with the dot: (".html", ".htm")

    def sniff(self, head: bytes) -> bool:
        """Do these first bytes of a file with an unknown suffix look like this format?"""
        ...

    def read(self, data: bytes, path: str, meta: SourceMeta, overrides: Overrides = Overrides()) -> Document:
        """The whole file's bytes → a Document that accounts for every piece of its text."""
        ...


def decode(data: bytes, path: str) -> str:
    """Bytes of a source → NFC text with ``\\n`` line ends; errors name line and column.

    Strict UTF-8 (with or without BOM); CRLF and CR line ends are accepted."""
    if not data.strip():
        raise SourceError(path, None, "empty file: nothing to ingest")
    if b"\x00" in data:
        lineno = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise SourceError(path, lineno, "binary file (NUL byte); expected UTF-8 text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        lineno = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        line_end = data.find(b"\n", exc.start)
        shown = data[line_start : line_end if line_end >= 0 else len(data)].decode("utf-8", errors="replace")
        raise SourceError(
            path, lineno, f"invalid UTF-8 byte 0x{data[exc.start]:02x} ({exc.reason})", column=column, line_text=shown
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _CONTROL.search(text)
    if bad:
        lineno = text.count("\n", 0, bad.start()) + 1
        line_start = text.rfind("\n", 0, bad.start()) + 1
        line_end = text.find("\n", bad.start())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        raise SourceError(
            path, lineno, f"control character U+{ord(bad.group()):04X} in text", column=bad.start() - line_start + 1, line_text=line
        )
    return unicodedata.normalize("NFC", text)


# A lone bullet line that heads the paragraphs under it is the section's heading: short, with no
# sentence punctuation at its end (a "?" is a heading's), a paragraph right below, and no other
# item beside it.  Two items side by side are a list, whatever they look like.
_LONE_ITEM_WORDS = 14
_LONE_ITEM_END = re.compile(r"[.!:;,…]\W*$")


def lone_items_as_headings(kinds: Sequence[BlockKind], texts: Sequence[str], forced: Sequence[bool] = ()) -> list[BlockKind]:
    """``kinds`` with every lone list item that heads a paragraph turned into a heading.

    ``kinds``/``texts`` are a document's kept blocks in order; ``forced[i]`` marks a kind set
    by an override (never changed).  Decided at ingest, so translators see a heading as one."""
    out = list(kinds)
    item, para = BlockKind.LIST_ITEM, BlockKind.PARAGRAPH
    for i, kind in enumerate(kinds):
        if kind is not item or (forced and forced[i]):
            continue
        if (i > 0 and kinds[i - 1] is item) or i + 1 >= len(kinds) or kinds[i + 1] is not para:
            continue
        text = texts[i].strip()
        if len(text.split()) > _LONE_ITEM_WORDS or _LONE_ITEM_END.search(text):
            continue
        out[i] = BlockKind.HEADING
    return out


class AppliedOverrides:
    """A document's overrides as a reader applies them, remembering which ones hit a unit, so
    that :meth:`check` can report a stale one (an error, not a no-op)."""

    def __init__(self, overrides: Overrides) -> None:
        self.overrides = overrides
        self.used: set[Match] = set()

    def hits(self, matches: Sequence[Match], first_line: int, last_line: int, text: str) -> bool:
        """Does any of ``matches`` apply to the unit?  Every one that does counts as used."""
        found = [m for m in matches if m.hits(first_line, last_line, text)]
        self.used.update(found)
        return bool(found)

    def kind(self, first_line: int, last_line: int, text: str) -> BlockKind | None:
        """The kind the first matching ``kinds`` override forces, or None."""
        found = [(m, k) for m, k in self.overrides.kinds if m.hits(first_line, last_line, text)]
        self.used.update(m for m, _ in found)
        return found[0][1] if found else None

    def check(self, path: str, line_count: int) -> None:
        """Every override must still point at something."""
        for match in self.overrides.all:
            if match.line and match.line > line_count:
                raise ConfigError(match.where, "", f"line {match.line} is past the end of {path} ({line_count} lines)")
            if match not in self.used:
                raise ConfigError(match.where, "", f"{match.shown} matches no text of {path}")
