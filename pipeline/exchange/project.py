"""Export and import at the level of a project: which catalogs, which files, which format.

The formats are siblings behind one small record (:class:`Format`) in :data:`FORMATS`; a new
one is a module and a line here.  :func:`plan_export` builds the file in memory and says
whether it is new, the same as the file on disk, or different from it; :func:`write_export`
writes it (a different existing file only with ``force``).  :func:`read_imports` reads
exchange files into units for :func:`pipeline.exchange.apply.plan_imports`, one bad file
never stopping the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pipeline.config import UI_DOMAIN, Config
from pipeline.errors import BatchError, PipelineError, SourceError
from pipeline.exchange import tmx, xliff
from pipeline.exchange.apply import Incoming, Refusal, catalog_source
from pipeline.exchange.xliff import ExportDoc, ReadResult, SourceOf
from pipeline.fileio import atomic_write_bytes
from pipeline.pofile import read_po

__all__ = ["Format", "FORMATS", "ExportFile", "ImportRead", "export_docs", "import_sources", "plan_export", "write_export",
           "read_imports"]

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _xliff_export(docs: Sequence[ExportDoc], source: str, lang: str, todo: bool) -> tuple[str, int]:
    text = xliff.format_xliff(docs, source, todo=todo)
    count = sum(1 for d in docs for m in d.catalog.entries if not (todo and m.translated))
    return text, count


def _tmx_export(docs: Sequence[ExportDoc], source: str, lang: str, todo: bool) -> tuple[str, int]:
    if todo:
        raise PipelineError("--todo: a translation memory holds finished translations only; use it with --format xliff")
    return tmx.format_tmx(docs, source, lang)


@dataclass(frozen=True)
class Format:
    """An exchange format: its file suffix, its writer and, if it is imported, its reader."""

    name: str
    suffix: str
    unit: str  # what a count of its units is called
    export: Callable[[Sequence[ExportDoc], str, str, bool], tuple[str, int]]
    read: Callable[[bytes, str, str, SourceOf | None], ReadResult] | None


FORMATS: dict[str, Format] = {
    "xliff": Format("xliff", ".xlf", "unit", _xliff_export, xliff.parse_xliff),
    "tmx": Format("tmx", ".tmx", "pair", _tmx_export, None),
}


@dataclass(frozen=True)
class ExportFile:
    """An export built in memory: where it goes, its bytes, and how it compares with the disk."""

    path: Path
    data: bytes
    state: Literal["new", "unchanged", "differs"]
    catalogs: int
    units: int
    format: Format


def _shown(config: Config, path: Path) -> str:
    return path.relative_to(config.root).as_posix() if path.is_relative_to(config.root) else str(path)


def _not_a_target(config: Config, lang: str) -> PipelineError:
    """Why ``lang`` has no catalogs at all: not a language of the project, or the language every
    document (and the ui domain) is written in."""
    if lang not in config.languages:
        return PipelineError(f"{lang!r} is not a language of the project ({', '.join(config.languages)})")
    folder = _shown(config, config.locales / lang / "LC_MESSAGES")
    templates = sorted(p.stem for p in config.locales.glob("*.pot")) if config.locales.is_dir() else []
    wanted = [t for t in templates if lang in (config.target_languages if t == UI_DOMAIN
                                               else config.targets_for(catalog_source(config, t)))]
    if wanted:
        return PipelineError(f"{folder}: no catalogs of {lang!r} to export (`pipeline update` makes those of "
                             f"{', '.join(wanted)})")
    return PipelineError(f"{folder}: no catalogs of {lang!r} to export: every document is written in {lang!r}, "
                         "so none is translated into it")


def export_docs(config: Config, lang: str, docs: Sequence[str] = ()) -> tuple[ExportDoc, ...]:
    """The catalogs of ``lang`` to export: the named documents, or every catalog of the language
    (the ``ui`` domain included).  ``lang`` must be a target of each document's own source
    language (English is one for a Belarusian article).  Every unreadable catalog is reported,
    not just the first."""
    if lang not in config.languages:
        raise _not_a_target(config, lang)
    folder = config.locales / lang / "LC_MESSAGES"
    paths: list[Path] = []
    errors: list[PipelineError] = []
    for doc in docs:
        path = config.po_path(lang, doc)
        if not _NAME.fullmatch(doc):
            errors.append(PipelineError(f"{doc}: no catalog for document {doc!r}"))
        elif path.is_file():
            paths.append(path)
        elif lang == catalog_source(config, doc) and config.pot_path(doc).is_file():
            errors.append(PipelineError(f"{_shown(config, path)}: document {doc!r} is written in {lang!r}: it has no "
                                        f"{lang!r} catalog (its targets: {', '.join(config.targets_for(lang))})"))
        else:
            errors.append(PipelineError(f"{_shown(config, path)}: no catalog for document {doc!r}"))
    if not docs:
        paths = sorted(folder.glob("*.po")) if folder.is_dir() else []
        if not paths:
            errors.append(_not_a_target(config, lang))
    out: list[ExportDoc] = []
    for path in dict.fromkeys(paths):
        try:
            catalog = read_po(path)
        except PipelineError as exc:
            errors.append(exc)
            continue
        source = catalog_source(config, path.stem, catalog)
        if lang not in (config.target_languages if path.stem == UI_DOMAIN else config.targets_for(source)):
            errors.append(PipelineError(f"{_shown(config, path)}: the catalog's source language is {source!r}, its own "
                                        "language: there is nothing to translate"))
            continue
        out.append(ExportDoc(catalog, _shown(config, path), path.stem, lang, source))
    if errors:
        raise errors[0] if len(errors) == 1 else BatchError(errors)
    return tuple(out)


def plan_export(config: Config, fmt: str, lang: str, docs: Sequence[str], out_dir: Path, *, todo: bool = False) -> ExportFile:
    """Build ``<out_dir>/<lang>.xlf`` (``<lang>-todo.xlf`` with ``todo``) or ``<lang>.tmx``."""
    form = FORMATS[fmt]
    exported = export_docs(config, lang, docs)
    text, count = form.export(exported, config.source_language, lang, todo)
    data = text.encode("utf-8")
    path = out_dir / f"{lang}{'-todo' if todo else ''}{form.suffix}"
    try:
        state: Literal["new", "unchanged", "differs"] = "unchanged" if path.read_bytes() == data else "differs"
    except FileNotFoundError:
        state = "new"
    except OSError as exc:
        raise SourceError(path, None, f"cannot read: {exc.strerror}") from None
    return ExportFile(path, data, state, len(exported), count, form)


def write_export(export: ExportFile, *, force: bool = False) -> bool:
    """Write the export; return whether the file changed.  A different existing file is
    refused unless ``force`` (it may hold a translator's work)."""
    if export.state == "unchanged":
        return False
    if export.state == "differs" and not force:
        raise PipelineError(f"{export.path}: exists and differs from this export; not overwriting (--force to replace it)")
    atomic_write_bytes(export.path, export.data)
    return True


@dataclass(frozen=True)
class ImportRead:
    """What the exchange files hold: units to apply, units refused while reading, bad files."""

    units: tuple[Incoming, ...]
    refused: tuple[Refusal, ...]
    errors: tuple[PipelineError, ...]


def _reader(path: Path, data: bytes) -> Format:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if path.suffix.lower() == ".tmx" or re.search(rb"<tmx[\s>]", head):
        raise SourceError(path, None, "a TMX file is a translation memory: load it into the CAT tool "
                                      "(`pipeline import` reads XLIFF)")
    return FORMATS["xliff"]


def import_sources(config: Config) -> SourceOf:
    """The source language an imported ``<file>`` must declare for (document, language): that
    of the catalog it is imported into (:func:`catalog_source`), read once per catalog."""
    known: dict[tuple[str, str], str] = {}

    def source_of(doc: str, lang: str) -> str:
        if (doc, lang) not in known:
            path = config.po_path(lang, doc) if _NAME.fullmatch(doc) and _NAME.fullmatch(lang) else None
            try:
                catalog = read_po(path) if path is not None and path.is_file() else None
            except PipelineError:
                catalog = None  # reported when the units are applied to it
            known[(doc, lang)] = catalog_source(config, doc, catalog) if _NAME.fullmatch(doc) else config.source_language
        return known[(doc, lang)]

    return source_of


def read_imports(config: Config, paths: Sequence[Path]) -> ImportRead:
    """Read every file; a file that cannot be read or parsed gives nothing and an error.  Each
    ``<file>`` must declare its own document's source language."""
    source_of = import_sources(config)
    units: list[Incoming] = []
    refused: list[Refusal] = []
    errors: list[PipelineError] = []
    for path in paths:
        try:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise SourceError(path, None, f"cannot read: {exc.strerror}") from None
            form = _reader(path, data)
            assert form.read is not None
            result = form.read(data, str(path), config.source_language, source_of)
        except PipelineError as exc:
            errors.append(exc)
            continue
        units += result.units
        refused += result.refused
    return ImportRead(tuple(units), tuple(refused), tuple(errors))
