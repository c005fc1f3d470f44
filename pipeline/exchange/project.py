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

from pipeline.config import Config
from pipeline.errors import BatchError, PipelineError, SourceError
from pipeline.exchange import tmx, xliff
from pipeline.exchange.apply import Incoming, Refusal
from pipeline.exchange.xliff import ExportDoc, ReadResult
from pipeline.fileio import atomic_write_bytes
from pipeline.pofile import read_po

__all__ = ["Format", "FORMATS", "ExportFile", "ImportRead", "export_docs", "plan_export", "write_export", "read_imports"]

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
    read: Callable[[bytes, str, str], ReadResult] | None


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


def export_docs(config: Config, lang: str, docs: Sequence[str] = ()) -> tuple[ExportDoc, ...]:
    """The catalogs of ``lang`` to export: the named documents, or every catalog of the language
    (the ``ui`` domain included).  Every unreadable catalog is reported, not just the first."""
    if lang not in config.target_languages:
        raise PipelineError(f"{lang!r} is not a target language of the project ({', '.join(config.target_languages)})")
    folder = config.locales / lang / "LC_MESSAGES"
    paths: list[Path] = []
    errors: list[PipelineError] = []
    for doc in docs:
        path = config.po_path(lang, doc)
        if not _NAME.fullmatch(doc) or not path.is_file():
            errors.append(PipelineError(f"{_shown(config, path) if _NAME.fullmatch(doc) else doc}: no catalog for document {doc!r}"))
        else:
            paths.append(path)
    if not docs:
        paths = sorted(folder.glob("*.po")) if folder.is_dir() else []
        if not paths:
            errors.append(PipelineError(f"{_shown(config, folder)}: no catalogs of {lang!r} to export"))
    out: list[ExportDoc] = []
    for path in dict.fromkeys(paths):
        try:
            out.append(ExportDoc(read_po(path), _shown(config, path), path.stem, lang))
        except PipelineError as exc:
            errors.append(exc)
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


def read_imports(config: Config, paths: Sequence[Path]) -> ImportRead:
    """Read every file; a file that cannot be read or parsed gives nothing and an error."""
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
            result = form.read(data, str(path), config.source_language)
        except PipelineError as exc:
            errors.append(exc)
            continue
        units += result.units
        refused += result.refused
    return ImportRead(tuple(units), tuple(refused), tuple(errors))
