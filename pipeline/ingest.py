"""Ingest: raw saved web articles → clean, structured :class:`Document` objects.

The stage picks a reader per file (:mod:`pipeline.readers`: by suffix, then by content) and
runs a batch that keeps going past a bad file.  Decoding is strict (UTF-8 with or without BOM,
CRLF accepted, NFC applied; undecodable bytes and binary files are errors with line and
column).  Every piece of source text ends up either in a block or in the removal list with the
rule that removed it, so nothing is lost silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from pipeline.config import Config
from pipeline.errors import BatchError, PipelineError, SourceError
from pipeline.manifest import Seed, load_manifest
from pipeline.model import Document, Removal, SourceMeta, StageReport
from pipeline.readers import decode, reader_for
from pipeline.readers.text import ingest_text, unaccounted_lines

__all__ = [
    "IngestResult", "decode", "display", "ingest_file", "ingest_files", "ingest_seeds", "ingest_text",
    "load_documents", "load_seeds", "report_data", "unaccounted_lines",
]

_T = TypeVar("_T")
Progress = Callable[[str], None]  # called with the name of each item when it is done


# ---------------------------------------------------------------------------------------
# I/O


def display(path: Path, root: Path | None) -> str:
    """``path`` as messages show it: relative to the project root (or the working folder)."""
    try:
        return path.resolve().relative_to((root or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return str(path)


def ingest_file(path: Path, seed: Seed | None = None, root: Path | None = None) -> Document:
    """Read, decode and ingest one file (manifest metadata optional for ad-hoc files)."""
    shown = display(path, root)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(shown, None, f"cannot read: {exc.strerror}") from None
    reader = reader_for(path, data)
    if seed is None:
        meta = SourceMeta(slug=re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "document", file=path.name)
        return reader.read(data, shown, meta)
    return language_warning(reader.read(data, shown, seed.meta, seed.overrides))


def language_warning(doc: Document) -> Document:
    """Warn when the page's own language is not the one the manifest gives it."""
    found, said = doc.detected.language, doc.meta.language
    if not found or found.split("-")[0].lower() == said.split("-")[0].lower():
        return doc
    warning = f"the page's language looks like {found!r} but the manifest says {said!r}"
    return replace(doc, warnings=(*doc.warnings, warning))


# A batch: the documents that ingested, and every failure (a batch keeps going).
IngestResult = StageReport


def _batch(items: Iterable[_T], ingest: Callable[[_T], Document], name: Callable[[_T], str], progress: Progress | None) -> IngestResult:
    docs: list[Document] = []
    errors: list[PipelineError] = []
    for item in items:
        try:
            docs.append(ingest(item))
        except PipelineError as exc:
            errors.append(exc)
        if progress is not None:
            progress(name(item))
    return StageReport(documents=tuple(docs), errors=tuple(errors))


def ingest_seeds(seeds: Iterable[Seed], root: Path | None = None, progress: Progress | None = None) -> IngestResult:
    """Ingest every seed of the manifest, collecting failures instead of stopping at one."""
    return _batch(seeds, lambda seed: ingest_file(seed.path, seed, root), lambda seed: seed.meta.file, progress)


def ingest_files(paths: Iterable[Path], seeds: Mapping[Path, Seed] | None = None, progress: Progress | None = None) -> IngestResult:
    """Ingest the given files, each with its manifest entry when ``seeds`` has one (so its
    slug, metadata and overrides apply), collecting failures instead of stopping."""
    known = seeds or {}
    return _batch(paths, lambda path: ingest_file(path, known.get(path.resolve())), str, progress)


def seeds_by_path(config: Config | None) -> dict[Path, Seed]:
    """The manifest's seeds by resolved file path (empty outside a project)."""
    if config is None:
        return {}
    return {seed.path.resolve(): seed for seed in load_seeds(config)}


def load_seeds(config: Config) -> tuple[Seed, ...]:
    return load_manifest(config.seeds, display(config.seeds, config.root))


def load_documents(config: Config) -> tuple[Document, ...]:
    """Every seed of the manifest as a Document, in manifest order; all failures at once."""
    result = ingest_seeds(load_seeds(config), config.root)
    if result.errors:
        raise BatchError(list(result.errors))
    return result.documents


# ---------------------------------------------------------------------------------------
# The audit report


def _metadata(doc: Document) -> dict[str, object]:
    """The manifest's word where it has one, else what the page itself states."""
    meta, found = doc.meta, doc.detected
    return {
        "title": meta.title or found.title,
        "authors": list(meta.authors or found.authors),
        "date": meta.date or found.date,
        "publisher": meta.publisher or found.publisher,
        "url": meta.url or found.url,
        "language": meta.language,
        "detected": {
            "title": found.title,
            "authors": list(found.authors),
            "date": found.date,
            "publisher": found.publisher,
            "url": found.url,
            "language": found.language,
        },
    }


def _removal(removal: Removal) -> dict[str, object]:
    row: dict[str, object] = {"line": removal.line, "rule": removal.rule, "reason": removal.reason, "text": removal.text}
    if removal.columns is not None:
        row["columns"] = list(removal.columns)
    return row


def report_data(docs: Sequence[Document]) -> dict[str, object]:
    """Per document: metadata, the blocks kept and everything clean-up removed, as plain data
    (for ``pipeline ingest --json``)."""
    return {
        "documents": [
            {
                "slug": doc.slug,
                "path": doc.path,
                "reader": doc.reader,
                "metadata": _metadata(doc),
                "lines": doc.line_count,
                "kept_lines": doc.kept_lines,
                "dropped_lines": len({r.line for r in doc.removals if r.columns is None}),
                "blocks": [{"kind": b.kind.value, "text": b.text, "line": b.line, "printed": not doc.unpublished(b)}
                           for b in doc.blocks],
                "dropped": [_removal(r) for r in doc.removals],
                "warnings": list(doc.warnings),
            }
            for doc in docs
        ]
    }
