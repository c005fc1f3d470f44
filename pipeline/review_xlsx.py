"""The reviewer edition as an XLSX workbook: the only module that imports openpyxl.

Sheet ``Review`` holds one row per segment, the same rows and ids as the PDF: segment,
position, source, translation, status, checks, translator's comments, and two columns for the
reviewer, *correction* and *comment* (the only unlocked cells; the sheet is protected without
a password, so a reviewer can still sort, filter and resize).  A hidden sheet ``pipeline``
records the document, the language, the catalog and, per segment, its key (msgctxt, msgid,
msgid_plural, plural form), the hash of its source and the translation shown, so
that the import can tell a row whose sentence changed since the export (and refuse it) and
never depends on the visible cells, which a reviewer may edit or sort.

:func:`format_xlsx` returns bytes that depend only on the rows (fixed zip timestamps and
document properties), so ``--check`` and the incremental build can compare them;
:func:`read_xlsx` reads a returned workbook strictly: anything that is not a workbook written
by :func:`format_xlsx` is an error naming the file (and the row), and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.errors import PipelineError, SourceError
from pipeline.review import ReviewDoc, source_hash

MARKER = "pipeline reviewer edition"
FORMAT = 1
REVIEW_SHEET = "Review"
META_SHEET = "pipeline"
# (key, label name in review.LABELS, width in characters, editable)
COLUMNS: tuple[tuple[str, str, float, bool], ...] = (
    ("id", "id", 11, False),
    ("position", "", 16, False),
    ("source", "source", 48, False),
    ("target", "target", 48, False),
    ("status", "status", 13, False),
    ("checks", "checks", 34, False),
    ("comments", "comments", 26, False),
    ("correction", "correction", 48, True),
    ("comment", "comment", 32, True),
)
LETTERS = {key: chr(ord("A") + i) for i, (key, *_rest) in enumerate(COLUMNS)}
META_FIELDS = ("doc", "lang", "source_lang", "catalog", "revision")
META_TABLE = ("id", "has_msgctxt", "msgctxt", "msgid", "msgid_plural", "form", "source_hash", "target")
MAX_CELL = 32767  # characters an Excel cell holds
MAX_UNPACKED = 256 * 2**20  # bytes a returned workbook may unpack to (no zip bombs)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_FONT = Font(bold=True)
_LOCKED_FILL = PatternFill("solid", fgColor="F1F1F1")
_EDIT_FILL = PatternFill("solid", fgColor="FFF5CC")
_STATUS_FILL = {"fuzzy": PatternFill("solid", fgColor="FBF0D5"), "untranslated": PatternFill("solid", fgColor="F7E0E0")}
_RULE = Border(bottom=Side(style="thin", color="999999"))


def _set(cell: Cell | MergedCell, value: str | int | None, where: str) -> None:
    """Put text in a cell as text: never a formula (a source may start with "="), never cut."""
    assert isinstance(cell, Cell)  # a new sheet has no merged cells
    if isinstance(value, str) and len(value) > MAX_CELL:
        raise PipelineError(f"{where}: {len(value)} characters, more than an XLSX cell holds ({MAX_CELL})")
    try:
        cell.value = value
    except IllegalCharacterError:
        raise PipelineError(f"{where}: a control character that XLSX cannot store") from None
    if isinstance(value, str):
        cell.data_type = "s"


def _checks(row: Any) -> str:
    return "\n".join(f"{'error' if f.severity == 'error' else 'warning'} [{f.check}] {f.message}" for f in row.findings)


def format_xlsx(doc: ReviewDoc, labels: Mapping[str, str], headers: Mapping[str, str] | None = None) -> bytes:
    """The workbook of ``doc`` with the column titles and status words of ``labels`` (from
    :func:`pipeline.review.labels`); ``headers`` may override a column's title."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = REVIEW_SHEET
    titles = {key: (headers or {}).get(key) or (labels.get(name, "") if name else "") for key, name, _w, _e in COLUMNS}
    for i, (key, _name, width, editable) in enumerate(COLUMNS, 1):
        cell = ws.cell(row=1, column=i)
        _set(cell, titles[key], f"{doc.catalog}: column {key}")
        cell.font = _HEADER_FONT
        cell.alignment = _WRAP
        cell.fill = _EDIT_FILL if editable else _LOCKED_FILL
        cell.border = _RULE
        ws.column_dimensions[LETTERS[key]].width = width
    for r, row in enumerate(doc.rows, 2):
        where = f"{doc.catalog}:{row.line}"
        values = {
            "id": row.id, "position": row.position, "source": row.source, "target": row.target,
            "status": labels.get(row.status, row.status), "checks": _checks(row),
            "comments": "\n".join(row.comments), "correction": None, "comment": None,
        }
        for i, (key, _name, _width, editable) in enumerate(COLUMNS, 1):
            cell = ws.cell(row=r, column=i)
            _set(cell, values[key] or None, where)
            cell.alignment = _WRAP
            if editable:
                cell.protection = Protection(locked=False)
                cell.fill = _EDIT_FILL
            elif key in ("status", "target") and row.status in _STATUS_FILL:
                cell.fill = _STATUS_FILL[row.status]
    ws.freeze_panes = "B2"
    # Printed: landscape, as wide as the page, the header row on every page.
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.auto_filter.ref = f"A1:{LETTERS['comment']}{max(2, len(doc.rows) + 1)}"
    # Protected without a password: the source, ids and translation are not typed over by
    # accident, and a reviewer may still sort, filter and resize.
    ws.protection.sheet = True
    ws.protection.sort = False
    ws.protection.autoFilter = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False
    _meta_sheet(wb.create_sheet(META_SHEET), doc)
    wb.properties.creator = "pipeline"
    wb.properties.title = f"{doc.slug} ({doc.lang})"
    stamp = _revision_time(doc.revision)
    wb.properties.created = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    return _stable_zip(buffer.getvalue(), stamp)


def _revision_time(revision: str) -> dt.datetime:
    """The catalog's PO-Revision-Date as the workbook's date (a fixed one if it has none)."""
    try:
        return dt.datetime.strptime(revision.strip(), "%Y-%m-%d %H:%M%z").astimezone(dt.UTC).replace(tzinfo=None)
    except ValueError:
        return dt.datetime(2000, 1, 1)


def _meta_sheet(ws: Worksheet, doc: ReviewDoc) -> None:
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    values = {"doc": doc.slug, "lang": doc.lang, "source_lang": doc.source_lang, "catalog": doc.catalog,
              "revision": doc.revision}
    ws.append([MARKER, FORMAT])
    for name in META_FIELDS:
        ws.append([name, values[name]])
    ws.append(["columns", " ".join(f"{k}={LETTERS[k]}" for k in ("id", "source", "correction", "comment"))])
    ws.append(list(META_TABLE))
    for row in doc.rows:
        r = ws.max_row + 1
        cells = [row.id, 1 if row.msgctxt is not None else 0, row.msgctxt or "", row.msgid, row.msgid_plural or "",
                 "" if row.form is None else row.form, row.source_hash, row.target]
        for c, value in enumerate(cells, 1):
            _set(ws.cell(row=r, column=c), value if value != "" else None, f"{doc.catalog}:{row.line}")


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _stable_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """The same archive with fixed timestamps (openpyxl dates ``modified`` at save time), so
    equal workbooks are equal bytes."""
    out = io.BytesIO()
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            part = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                part = _MODIFIED.sub(lambda m: m.group(1) + when + m.group(2), part)
            dst.writestr(fixed, part)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Reading a returned workbook


@dataclass(frozen=True)
class SheetRow:
    """One row of a returned Review sheet, joined with what the export recorded for its id."""

    row: int  # of the Review sheet, for `file:row` messages
    id: str
    msgctxt: str | None
    msgid: str
    msgid_plural: str | None
    form: int | None
    source_hash: str  # as recorded at export
    exported: str  # the translation (of this form) the workbook was exported with
    source_shown: str  # the Review sheet's source cell now
    correction: str | None
    comment: str | None


@dataclass(frozen=True)
class ReviewSheet:
    """A returned reviewer workbook."""

    path: str
    doc: str
    lang: str
    source_lang: str
    catalog: str
    revision: str
    rows: tuple[SheetRow, ...]  # every segment row of the Review sheet, in sheet order


class WorkbookError(SourceError):
    """A returned workbook that cannot be imported: names the file, and the row when known."""


def _text(value: Any, path: str, row: int, what: str) -> str | None:
    """A cell's value as the text the reviewer meant; None if empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise WorkbookError(path, row, f"{what}: TRUE/FALSE, not text")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        raise WorkbookError(path, row, f"{what}: the spreadsheet turned it into a date or time; format the cell as text")
    if not isinstance(value, str):
        raise WorkbookError(path, row, f"{what}: not text ({type(value).__name__})")
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.strip() else None


def _load(path: Path, shown: str) -> Any:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise WorkbookError(shown, None, f"cannot read: {exc.strerror}") from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WorkbookError(shown, None, "not an XLSX workbook (not a zip archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise WorkbookError(shown, None, f"not an XLSX workbook (a damaged zip archive: {exc})") from None
    if unpacked > MAX_UNPACKED:  # a reviewer edition of one article is a few hundred kB
        raise WorkbookError(shown, None, f"unpacks to {unpacked // 2**20} MiB, more than a reviewer edition can hold "
                                         f"({MAX_UNPACKED // 2**20} MiB)")
    try:
        return load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken or foreign file
        raise WorkbookError(shown, None, f"not an XLSX workbook openpyxl can read: {type(exc).__name__}: {exc}") from None


def _meta(wb: Any, shown: str) -> tuple[dict[str, str], dict[str, str], dict[str, tuple[Any, ...]]]:
    if META_SHEET not in wb.sheetnames or REVIEW_SHEET not in wb.sheetnames:
        raise WorkbookError(shown, None, f"not a reviewer edition of `pipeline review` (no sheets {REVIEW_SHEET!r} "
                                         f"and {META_SHEET!r})")
    rows = list(wb[META_SHEET].iter_rows(values_only=True))
    if not rows or rows[0][:2] != (MARKER, FORMAT):
        raise WorkbookError(shown, None, f"sheet {META_SHEET!r} is not what `pipeline review` writes "
                                         f"(expected {MARKER!r}, format {FORMAT})")
    fields: dict[str, str] = {}
    for r in rows[1 : 1 + len(META_FIELDS)]:
        if r and isinstance(r[0], str):
            fields[r[0]] = "" if r[1] is None else str(r[1])
    missing = [f for f in META_FIELDS if f not in fields]
    if missing:
        raise WorkbookError(shown, None, f"sheet {META_SHEET!r} lacks {', '.join(missing)}")
    for name in ("doc", "lang", "source_lang"):
        if not _SLUG.match(fields[name]) or ".." in fields[name]:
            raise WorkbookError(shown, None, f"sheet {META_SHEET!r}: {name} {fields[name]!r} is not a name")
    at = 1 + len(META_FIELDS)
    columns: dict[str, str] = {}
    if len(rows) > at and rows[at][0] == "columns" and isinstance(rows[at][1], str):
        columns = dict(part.split("=", 1) for part in rows[at][1].split() if "=" in part)
    if set(columns) != {"id", "source", "correction", "comment"} or any(not re.fullmatch(r"[A-Z]", v) for v in columns.values()):
        raise WorkbookError(shown, None, f"sheet {META_SHEET!r}: no valid column map")
    if len(rows) <= at + 1 or tuple(rows[at + 1][: len(META_TABLE)]) != META_TABLE:
        raise WorkbookError(shown, None, f"sheet {META_SHEET!r}: no segment table")
    table: dict[str, tuple[Any, ...]] = {}
    for r in rows[at + 2 :]:
        if r and r[0] is not None:
            table[str(r[0])] = tuple(r[: len(META_TABLE)]) + (None,) * (len(META_TABLE) - len(r))
    return fields, columns, table


def read_xlsx(path: Path, shown: str | None = None) -> ReviewSheet:
    """Read a workbook written by :func:`format_xlsx` and returned by a reviewer.

    Rows are matched by segment id (a reviewer may sort or filter), joined with the key and
    hashes the export recorded.  Raises :class:`WorkbookError` (``file:row: message``) for a
    file that is not such a workbook, a row whose id is missing, unknown or repeated, and a
    correction that is not text.
    """
    where = shown or str(path)
    wb = _load(path, where)
    fields, columns, table = _meta(wb, where)
    ws = wb[REVIEW_SHEET]
    index = {k: ord(v) - ord("A") for k, v in columns.items()}
    out: list[SheetRow] = []
    seen: dict[str, int] = {}
    for r, values in enumerate(ws.iter_rows(min_row=2, values_only=True), 2):
        cells = tuple(values) + (None,) * (max(index.values()) + 1 - len(values))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            continue
        raw_id = cells[index["id"]]
        sid = _text(raw_id, where, r, "segment id")
        correction = _text(cells[index["correction"]], where, r, "correction")
        comment = _text(cells[index["comment"]], where, r, "comment")
        for what, text in (("correction", correction), ("comment", comment)):
            if text is not None and text.startswith("="):
                cell = ws.cell(row=r, column=index[what] + 1)
                if cell.data_type == "f":
                    raise WorkbookError(where, r, f"{what}: a formula, not text")
        if sid is None:
            if correction is None and comment is None:
                continue
            raise WorkbookError(where, r, "a correction or comment in a row without a segment id")
        if sid not in table:
            raise WorkbookError(where, r, f"segment id {sid!r} is not one this workbook was exported with")
        if sid in seen:
            raise WorkbookError(where, r, f"segment id {sid!r} appears twice (also in row {seen[sid]})")
        seen[sid] = r
        rid, has_ctx, ctx, msgid, plural, form, shash, exported = table[sid]
        if not isinstance(msgid, (str, int)) or not isinstance(shash, str):
            raise WorkbookError(where, r, f"sheet {META_SHEET!r}: the record of segment {sid!r} is damaged")
        msgctxt = (str(ctx) if ctx is not None else "") if has_ctx == 1 else None
        msgid_text, plural_text = str(msgid), (str(plural) if plural not in (None, "") else None)
        if source_hash(msgctxt, msgid_text, plural_text) != shash:
            raise WorkbookError(where, r, f"sheet {META_SHEET!r}: the record of segment {sid!r} does not match its hash")
        out.append(SheetRow(
            row=r, id=sid, msgctxt=msgctxt, msgid=msgid_text, msgid_plural=plural_text,
            form=int(form) if isinstance(form, (int, float)) else None, source_hash=shash,
            exported="" if exported is None else str(exported),
            source_shown=_text(cells[index["source"]], where, r, "source") or "",
            correction=correction, comment=comment,
        ))
    return ReviewSheet(where, fields["doc"], fields["lang"], fields["source_lang"], fields["catalog"],
                       fields["revision"], tuple(out))


__all__ = ["COLUMNS", "FORMAT", "MARKER", "ReviewSheet", "SheetRow", "WorkbookError", "format_xlsx", "read_xlsx"]
