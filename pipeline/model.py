"""The data that flows between stages: small, frozen, typed.

Stages pass these as return values; nothing here is mutated after creation.
Everything carries where it came from, so catalogs can write ``#: seeds/x.txt:12``
and errors can point at a line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from enum import StrEnum
from pathlib import Path

from pipeline.errors import PipelineError

from pipeline.clean_shapes import PICTURE_WORD

# The start of a picture's credit: "Photo: ...", "Image by ...", "Foto: ...", "Фота: ...".


class BlockKind(StrEnum):
    """The roles a block of a news article can play."""

    TITLE = "title"
    STANDFIRST = "standfirst"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    QUOTE = "quote"
    CAPTION = "caption"
    CREDIT = "credit"
    BYLINE = "byline"
    NOTE = "note"

    @property
    def is_prose(self) -> bool:
        """Prose blocks are split into sentences; the others are one segment each."""
        return self in (BlockKind.STANDFIRST, BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.NOTE)


@dataclass(frozen=True)
class SourceMeta:
    """What the manifest says about a seed (empty strings where the text does not say)."""

    slug: str
    file: str
    title: str = ""
    authors: tuple[str, ...] = ()
    publisher: str = ""
    url: str = ""
    date: str = ""
    language: str = "en"
    keep_whole: bool = False


@dataclass(frozen=True)
class Metadata:
    """What a reader found the page itself to state (empty where it does not say).

    The manifest's :class:`SourceMeta` is the editor's word and wins; this is what
    ``pipeline add`` proposes and what a mismatch warning compares against."""

    title: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""  # ISO: YYYY, YYYY-MM or YYYY-MM-DD
    publisher: str = ""
    url: str = ""
    language: str = ""  # a language code such as "en", or "" when not detected


@dataclass(frozen=True)
class Block:
    """One structural unit of an article, with the source line it starts on."""

    kind: BlockKind
    text: str
    line: int
    index: int  # 1-based position among blocks of the same kind ("paragraph 7")
    keep_whole: bool = False  # do not split into sentences
    end_line: int = 0  # last source line when a block was joined from wrapped lines (0: same as line)

    @property
    def last_line(self) -> int:
        return self.end_line or self.line


@dataclass(frozen=True)
class Removal:
    """Source text dropped by clean-up, and why: a whole line, or the end of a kept line.

    ``columns`` is ``None`` for a whole line; for a partial drop it is the 1-based first and
    last column of the removed text on that line (``text`` is then just the removed part)."""

    line: int
    text: str
    rule: str
    reason: str
    columns: tuple[int, int] | None = None


@dataclass(frozen=True)
class Document:
    """A cleaned, structured source article."""

    meta: SourceMeta
    path: str  # as written in references, e.g. "seeds/000_x.txt"
    blocks: tuple[Block, ...]
    removals: tuple[Removal, ...] = ()
    line_count: int = 0
    detected: Metadata = Metadata()
    reader: str = "text"  # the name of the reader that read the source (see pipeline.readers)
    warnings: tuple[str, ...] = ()  # things the editor should look at, e.g. a language mismatch

    @property
    def slug(self) -> str:
        return self.meta.slug

    @cached_property
    def published_blocks(self) -> tuple[Block, ...]:
        """The blocks a pack prints and translators are given: all but the captions of
        pictures and their photo credits, since a pack carries no pictures (a caption without
        its photo reads as a stray line).  A credit that is not a picture's ("(c) Foreign
        Policy, 2022", "Reporting by ...") is printed.  Ingest keeps them all in :attr:`blocks`."""
        return tuple(b for i, b in enumerate(self.blocks) if not self._pictures(i))

    def _pictures(self, i: int) -> bool:
        block = self.blocks[i]
        if block.kind is BlockKind.CAPTION:
            return True
        if block.kind is not BlockKind.CREDIT:
            return False
        beside = [self.blocks[j].kind for j in (i - 1, i + 1) if 0 <= j < len(self.blocks)]
        return BlockKind.CAPTION in beside or bool(PICTURE_WORD.match(block.text))

    def unpublished(self, block: Block) -> bool:
        """Is ``block`` (one of :attr:`blocks`) left out of the pack: a picture's caption or credit?"""
        return block not in self.published_blocks  # computed once per document

    @property
    def kept_lines(self) -> int:
        """How many source lines the blocks hold (each line of a hard-wrapped block counts)."""
        return len({n for b in self.blocks for n in range(b.line, b.last_line + 1)})


@dataclass(frozen=True)
class Segment:
    """A translation unit: one sentence of a prose block, or a whole short block."""

    text: str
    path: str
    line: int
    kind: BlockKind
    block_index: int
    sentence: int = 1
    sentences: int = 1
    column: int = field(default=1, compare=False)

    @property
    def reference(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def position(self) -> str:
        """Human description for translators, e.g. ``paragraph 7, sentence 2/3``."""
        where = f"{self.kind.value.replace('-', ' ')} {self.block_index}"
        if self.sentences > 1:
            where += f", sentence {self.sentence}/{self.sentences}"
        return where


# --------------------------------------------------------------------------- what a stage reports


@dataclass(frozen=True)
class FileChange:
    """One file a stage wrote (or would write, with --check), and what changed in it."""

    path: Path
    changed: bool
    summary: str = ""


@dataclass(frozen=True)
class StageReport:
    """What one stage did: the one result type of every stage and every keep-going loop.

    A batch goes on past a bad input and reports every failure here at the end: ``documents``
    made (ingest), ``changes`` to files (extract, update), ``errors`` (each names its file and
    line) and ``warnings``.  Reports of several stages or domains add up with ``+``.
    """

    changes: tuple[FileChange, ...] = ()
    errors: tuple[PipelineError, ...] = ()
    warnings: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()

    @property
    def changed(self) -> tuple[FileChange, ...]:
        return tuple(c for c in self.changes if c.changed)

    @property
    def ok(self) -> bool:
        return not self.errors

    def __add__(self, other: StageReport) -> StageReport:
        return StageReport(self.changes + other.changes, self.errors + other.errors,
                           self.warnings + other.warnings, self.documents + other.documents)
