"""The data that flows between stages: small, frozen, typed.

Stages pass these as return values; nothing here is mutated after creation.
Everything carries where it came from, so catalogs can write ``#: seeds/x.txt:12``
and errors can point at a line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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
    """One source line dropped by clean-up, and why."""

    line: int
    text: str
    rule: str
    reason: str


@dataclass(frozen=True)
class Document:
    """A cleaned, structured source article."""

    meta: SourceMeta
    path: str  # as written in references, e.g. "seeds/000_x.txt"
    blocks: tuple[Block, ...]
    removals: tuple[Removal, ...] = ()
    line_count: int = 0

    @property
    def slug(self) -> str:
        return self.meta.slug

    @property
    def kept_lines(self) -> int:
        """How many source lines the blocks hold (each line of a hard-wrapped block counts)."""
        return sum(b.last_line - b.line + 1 for b in self.blocks)


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
