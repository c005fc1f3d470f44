"""Ingest: raw saved web articles → clean, structured :class:`Document` objects.

Decoding is strict (UTF-8 with or without BOM, CRLF accepted, NFC applied; undecodable bytes
and binary files are errors with line and column).  Structure is recognised from the shapes
plain text gives a news article.  Clean-up (:mod:`pipeline.clean`) drops page furniture and
spam; every source line ends up either in a block, blank, or in the removal list with the rule
that removed it, so nothing is lost silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pipeline import clean
from pipeline.clean import Drop, Unit
from pipeline.config import Config
from pipeline.errors import BatchError, PipelineError, SourceError
from pipeline.manifest import Overrides, Seed, load_manifest
from pipeline.model import Block, BlockKind, Document, Removal, SourceMeta

_SPACES = re.compile(r"[ \t\u00a0]{2,}|\t")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BYLINE = re.compile(r"^(by|written by|von)\s+\S.{0,60}$", re.IGNORECASE)
_CREDIT = re.compile(r"^((image|photo|picture|illustration|photograph|video)s?\s*(by\b|:)|credit:|\(c\)|©|copyright\b)", re.IGNORECASE)
_INLINE_CREDIT = re.compile(r"\b(photo|image|picture)\s*:\s*\S", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^(\*+|†|‡)\s")
_QUOTE_OPEN = "“\"«„‘"
_QUOTE_CLOSE = "”\"»“’"
_T = TypeVar("_T")


# ---------------------------------------------------------------------------------------
# Decoding


def decode(data: bytes, path: str) -> str:
    """Bytes of a seed → NFC text with ``\\n`` line ends; errors name line and column."""
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
    for lineno, line in enumerate(text.split("\n"), 1):
        bad = _CONTROL.search(line)
        if bad:
            raise SourceError(
                path, lineno, f"control character U+{ord(bad.group()):04X} in text", column=bad.start() + 1, line_text=line
            )
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------------------
# Units: non-blank lines, with hard-wrapped continuation lines joined


def split_units(lines: Sequence[str]) -> list[Unit]:
    """Group source lines into units.  A line that starts with a lowercase letter continues
    the unit above it when that one looks cut off mid-sentence (long, no final punctuation):
    a hard-wrapped paragraph.  Every other non-blank line starts a unit."""
    units: list[Unit] = []
    blank = True
    for lineno, raw in enumerate(lines, 1):
        text = _SPACES.sub(" ", raw).strip()
        if not text:
            blank = True
            continue
        previous = None if blank else units[-1]  # the unit that ends on the line above
        if (
            previous is not None
            and text[0].islower()
            and len(lines[lineno - 2].strip()) >= 50
            and not clean.ends_sentence(previous.text)
        ):
            units[-1] = Unit(f"{previous.text} {text}", previous.line, lineno, previous.blank_before)
        else:
            units.append(Unit(text, lineno, lineno, blank))
        blank = False
    return units


# ---------------------------------------------------------------------------------------
# Clean-up


def _judge(units: Sequence[Unit], overrides: Overrides, title: str) -> dict[int, Drop]:
    """Index of unit → why it is dropped.  Overrides win over every rule."""
    forced_keep = {i for i, u in enumerate(units) if any(n in overrides.keep for n in u.lines)}
    # The site header is judged on the page as saved: its lines are glued together whatever
    # other rules say of each of them.  A more specific line rule's reason wins below.
    drops: dict[int, Drop] = {i: d for i, d in clean.site_header(units, title).items() if i not in forced_keep}
    for i, unit in enumerate(units):
        if any(n in overrides.drop for n in unit.lines):
            drops[i] = Drop("override", "dropped by the manifest's overrides")
        elif i not in forced_keep:
            verdict = clean.line_verdict(unit.text)
            if verdict:
                drops[i] = verdict
    for rule in clean.CONTEXT_RULES:
        kept = [i for i in range(len(units)) if i not in drops]
        for local, verdict in rule([units[i] for i in kept], title).items():
            index = kept[local]
            if index not in forced_keep:
                drops[index] = verdict
    return drops


# ---------------------------------------------------------------------------------------
# Structure


def _is_block_quote(text: str) -> bool:
    body = text.rstrip(".")
    if len(body) < 2 or body[0] not in _QUOTE_OPEN or body[-1] not in _QUOTE_CLOSE:
        return False
    inner = body[1:-1]
    return not any(c in _QUOTE_CLOSE or c in _QUOTE_OPEN for c in inner if c not in "’‘'")


def classify(units: Sequence[Unit], forced: dict[int, BlockKind]) -> list[tuple[BlockKind, str]]:
    """Block kind and block text for each kept unit, in order."""
    result: list[tuple[BlockKind, str]] = []
    body_started = False
    for i, unit in enumerate(units):
        text = unit.text
        item = clean.strip_bullet(text)
        kind: BlockKind
        if unit.line in forced:
            kind = forced[unit.line]
            if kind is BlockKind.LIST_ITEM and item is not None:
                text = item
        elif i == 0:
            kind = BlockKind.TITLE
        elif item is not None:
            kind, text = BlockKind.LIST_ITEM, item
        elif _FOOTNOTE.match(text):
            kind = BlockKind.NOTE
        elif _BYLINE.match(text) and not clean.ends_sentence(text):
            kind = BlockKind.BYLINE
        elif i + 1 < len(units) and units[i + 1].text.startswith(text + " is ") and len(clean.words(text)) <= 4:
            kind = BlockKind.BYLINE  # an author box: the name, then "Name is ..."
        elif _CREDIT.match(text):
            kind = BlockKind.CREDIT
        elif i + 1 < len(units) and not units[i + 1].blank_before and _CREDIT.match(units[i + 1].text):
            kind = BlockKind.CAPTION  # the line right above a photo credit
        elif _is_block_quote(text):
            kind = BlockKind.QUOTE
        elif clean.is_heading_shaped(text):
            kind = BlockKind.HEADING
        elif _INLINE_CREDIT.search(text) and len(text) <= 300:
            kind = BlockKind.CAPTION
        elif not body_started and len(text) <= 400 and not text.endswith(":"):
            kind = BlockKind.STANDFIRST
        elif not clean.ends_sentence(text) and len(text) <= 300:
            kind = BlockKind.CAPTION
        else:
            kind = BlockKind.PARAGRAPH
        if kind in (BlockKind.STANDFIRST, BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.LIST_ITEM, BlockKind.QUOTE):
            body_started = True
        result.append((kind, text))
    return result


def ingest_text(text: str, path: str, meta: SourceMeta, overrides: Overrides = Overrides()) -> Document:
    """Pure core: decoded text → Document (blocks + removals), accounting for every line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last line does not start another
    units = split_units(lines)
    if not units:
        raise SourceError(path, None, "no text: the file has only blank lines")
    drops = _judge(units, overrides, meta.title)
    kept = [u for i, u in enumerate(units) if i not in drops]
    if not kept:
        raise SourceError(path, units[0].line, "clean-up dropped every line; nothing is left of the article")
    forced = dict(overrides.kinds)
    counters: dict[BlockKind, int] = {}
    blocks: list[Block] = []
    for unit, (kind, block_text) in zip(kept, classify(kept, forced)):
        counters[kind] = counters.get(kind, 0) + 1
        whole = meta.keep_whole or unit.line in overrides.keep_whole
        end = unit.end_line if unit.end_line != unit.line else 0
        blocks.append(Block(kind, block_text, unit.line, counters[kind], whole, end))
    removals = tuple(
        Removal(line, lines[line - 1].strip(), drop.rule, drop.reason)
        for i, drop in sorted(drops.items())
        for line in units[i].lines
    )
    doc = Document(meta, path, tuple(blocks), removals, len(lines))
    missing = unaccounted_lines(doc, lines)
    if missing:  # a bug, never a user error: refuse rather than lose text
        raise SourceError(path, missing[0], "internal error: line neither kept nor dropped")
    return doc


def unaccounted_lines(doc: Document, lines: Sequence[str]) -> list[int]:
    """Source lines that are neither blank, nor in a block, nor recorded as removed."""
    seen: set[int] = {r.line for r in doc.removals}
    for block in doc.blocks:
        seen.update(range(block.line, block.last_line + 1))
    return [n for n, line in enumerate(lines, 1) if line.strip() and n not in seen]


# ---------------------------------------------------------------------------------------
# I/O


def _display(path: Path, root: Path | None) -> str:
    try:
        return path.resolve().relative_to((root or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return str(path)


def ingest_file(path: Path, seed: Seed | None = None, root: Path | None = None) -> Document:
    """Read, decode and ingest one file (manifest metadata optional for ad-hoc files)."""
    shown = _display(path, root)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(shown, None, f"cannot read: {exc.strerror}") from None
    text = decode(data, shown)
    if seed is None:
        meta = SourceMeta(slug=re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "document", file=path.name)
        return ingest_text(text, shown, meta)
    return ingest_text(text, shown, seed.meta, seed.overrides)


@dataclass(frozen=True)
class IngestResult:
    """A batch: the documents that ingested, and every failure (a batch keeps going)."""

    documents: tuple[Document, ...]
    errors: tuple[PipelineError, ...]


def _batch(items: Iterable[_T], ingest: Callable[[_T], Document]) -> IngestResult:
    docs: list[Document] = []
    errors: list[PipelineError] = []
    for item in items:
        try:
            docs.append(ingest(item))
        except PipelineError as exc:
            errors.append(exc)
    return IngestResult(tuple(docs), tuple(errors))


def ingest_seeds(seeds: Iterable[Seed], root: Path | None = None) -> IngestResult:
    """Ingest every seed of the manifest, collecting failures instead of stopping at one."""
    return _batch(seeds, lambda seed: ingest_file(seed.path, seed, root))


def ingest_files(paths: Iterable[Path]) -> IngestResult:
    """Ingest ad-hoc text files (no manifest entry), collecting failures instead of stopping."""
    return _batch(paths, ingest_file)


def load_seeds(config: Config) -> tuple[Seed, ...]:
    return load_manifest(config.seeds, _display(config.seeds, config.root))


def load_documents(config: Config) -> tuple[Document, ...]:
    """Every seed of the manifest as a Document, in manifest order; all failures at once."""
    result = ingest_seeds(load_seeds(config), config.root)
    if result.errors:
        raise BatchError(list(result.errors))
    return result.documents


# ---------------------------------------------------------------------------------------
# The audit report


def report_data(docs: Sequence[Document]) -> dict[str, object]:
    """Everything clean-up removed, per document, as plain data (for JSON and tables)."""
    return {
        "documents": [
            {
                "slug": doc.slug,
                "path": doc.path,
                "lines": doc.line_count,
                "blocks": len(doc.blocks),
                "kept_lines": doc.kept_lines,
                "dropped_lines": len(doc.removals),
                "dropped": [
                    {"line": r.line, "rule": r.rule, "reason": r.reason, "text": r.text} for r in doc.removals
                ],
            }
            for doc in docs
        ]
    }
