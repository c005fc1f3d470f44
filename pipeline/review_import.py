"""Corrections from a returned reviewer workbook, applied through the exchange safeguards.

:func:`plan_review_import` reads the workbook (:func:`pipeline.review_xlsx.read_xlsx`), turns
every row with a correction into an :class:`~pipeline.exchange.apply.Incoming` unit and lets
:func:`pipeline.exchange.apply.plan_apply` decide it against the current catalog, so the
reviewer's import has the same safeguards as an XLIFF import: a row whose source changed since
the export is refused and reported as ``file.xlsx:row``, never applied to another sentence;
a translation edited in the catalog since the export is not overwritten; ``#|``, flags and
comments come from the catalog; nothing else in the file changes.

A correction comes back fuzzy (a translator or editor approves it), or final with
``accept``.  A correction that only repeats the translation changes nothing (with ``accept``
it approves a fuzzy entry).  The reviewer's comment becomes a translator comment
``reviewer: …`` (so it can never be read as a ``check: ignore`` silencer).  Rows without a
correction change nothing; a comment in such a row is reported, not applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import UI_DOMAIN, Config
from pipeline.errors import PipelineError
from pipeline.exchange.apply import ApplyPlan, Incoming, Outcome, catalog_source, plan_apply, write_plan
from pipeline.pofile import read_po
from pipeline.review_xlsx import ReviewSheet, SheetRow, WorkbookError, read_xlsx

COMMENT_PREFIX = "reviewer: "


@dataclass(frozen=True)
class ReviewImport:
    """What importing one workbook does: the apply plan, the rows refused before it, and the
    rows that carry a comment but no correction (reported, not applied)."""

    sheet: ReviewSheet
    plan: ApplyPlan
    refused: tuple[Outcome, ...]  # rows the workbook itself disqualifies (source cell edited, form missing)
    comment_only: tuple[SheetRow, ...]

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        return self.refused + self.plan.outcomes

    @property
    def applied(self) -> tuple[Outcome, ...]:
        return self.plan.applied

    @property
    def rejected(self) -> tuple[Outcome, ...]:
        return self.refused + self.plan.refused

    @property
    def changed(self) -> bool:
        return self.plan.changed


def _comment(text: str | None) -> str | None:
    if text is None:
        return None
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return "\n".join(COMMENT_PREFIX + line for line in lines) or None


def _clean(correction: str, source: str) -> str:
    """The correction without the spaces and line breaks a spreadsheet adds at its edges
    (kept where the source itself has them)."""
    text = correction
    if not source[:1].isspace():
        text = text.lstrip()
    if not source[-1:].isspace():
        text = text.rstrip()
    return text


def _units(sheet: ReviewSheet, *, accept: bool) -> tuple[list[Incoming], list[Outcome]]:
    """One unit per corrected entry (the forms of a plural entry together)."""
    entries: dict[tuple[str | None, str], list[SheetRow]] = {}
    for row in sheet.rows:
        entries.setdefault((row.msgctxt, row.msgid), []).append(row)
    units: list[Incoming] = []
    refused: list[Outcome] = []
    for (msgctxt, msgid), rows in entries.items():
        corrected = [r for r in rows if r.correction is not None]
        if not corrected:
            continue
        first = corrected[0]
        origin = f"{sheet.path}:{first.row}"
        base_unit = Incoming(sheet.doc, sheet.lang, msgid, (), msgctxt=msgctxt, msgid_plural=first.msgid_plural,
                             origin=origin)
        edited_source = [r for r in corrected if r.source_shown != (r.msgid if not r.form else r.msgid_plural or "")]
        if edited_source:
            r = edited_source[0]
            refused.append(Outcome(base_unit, "refused", f"row {r.row}: the source cell was edited in the workbook; "
                                   "a correction belongs in the correction column"))
            continue
        forms = sorted(rows, key=lambda r: r.form or 0)
        if first.msgid_plural is not None and [r.form for r in forms] != list(range(len(forms))):
            refused.append(Outcome(base_unit, "refused", "a plural form's row is missing from the workbook"))
            continue
        base = tuple(r.exported for r in forms)
        targets = tuple(_clean(r.correction, r.msgid if not r.form else r.msgid_plural or "")
                        if r.correction is not None else r.exported for r in forms)
        comment = _comment("\n".join(r.comment for r in corrected if r.comment))
        # Retyping the translation as it was changes nothing; with accept it approves it.
        fuzzy = False if accept else (None if targets == base else True)
        units.append(Incoming(sheet.doc, sheet.lang, msgid, targets, msgctxt=msgctxt, msgid_plural=first.msgid_plural,
                              unit_id=first.id.split("/")[0], fuzzy=fuzzy, comment=comment, base=base, origin=origin))
    return units, refused


def plan_review_import(config: Config, path: Path, *, accept: bool = False, shown: str | None = None) -> ReviewImport:
    """Read the workbook at ``path`` and decide every correction; write nothing.

    Raises :class:`~pipeline.review_xlsx.WorkbookError` for a file that is not a reviewer
    workbook, and :class:`PipelineError` for one that names no catalog of this project.
    """
    sheet = read_xlsx(path, shown)
    catalog = config.po_path(sheet.lang, sheet.doc)
    try:
        current = read_po(catalog) if catalog.is_file() else None
    except PipelineError:
        current = None  # plan_apply reports it
    source = catalog_source(config, sheet.doc, current)
    targets = config.target_languages if sheet.doc == UI_DOMAIN else config.targets_for(source)
    if sheet.lang not in targets:
        raise WorkbookError(sheet.path, None, f"the workbook is for language {sheet.lang!r}, not a target language "
                                              f"of document {sheet.doc!r} ({', '.join(targets) or 'none'})")
    rel = catalog.relative_to(config.root).as_posix() if catalog.is_relative_to(config.root) else str(catalog)
    if sheet.catalog != rel:
        raise WorkbookError(sheet.path, None, f"the workbook was exported from {sheet.catalog}, which is not "
                                              f"{rel} of this project")
    if not catalog.is_file():
        raise PipelineError(f"{rel}: no such catalog (the workbook {sheet.path} was exported from it)")
    # Its source column is in the catalog's language (or says the project's, as workbooks made
    # before documents had languages of their own do; rows are matched by source all the same).
    if sheet.source_lang not in (source, config.source_language):
        raise WorkbookError(sheet.path, None, f"the workbook's source language is {sheet.source_lang!r}, but {rel} "
                                              f"translates from {source!r}")
    units, refused = _units(sheet, accept=accept)
    plan = plan_apply(catalog, units, shown=rel)
    comment_only = tuple(r for r in sheet.rows if r.correction is None and r.comment is not None)
    return ReviewImport(sheet, plan, tuple(refused), comment_only)


def import_reviews(config: Config, paths: Sequence[Path], *, accept: bool = False, check: bool = False,
                   display: dict[Path, str] | None = None) -> tuple[tuple[ReviewImport, ...], tuple[PipelineError, ...]]:
    """Plan every workbook, then (unless ``check``) write what each applies.

    Like every batch of the pipeline it keeps going: the corrections that pass the safeguards
    are written, a refused row is reported (``file.xlsx:row: refused: why``) and changes
    nothing, and an import run again applies nothing twice (an applied correction is then
    unchanged, its comment already there).  A workbook that cannot be read is an error and
    writes nothing."""
    done: list[ReviewImport] = []
    errors: list[PipelineError] = []
    for path in paths:
        try:
            # Planned and written one after the other: two workbooks of one catalog both apply.
            imp = plan_review_import(config, path, accept=accept, shown=(display or {}).get(path))
            if not check and imp.changed:
                write_plan(imp.plan)
        except PipelineError as exc:
            errors.append(exc)
            continue
        done.append(imp)
    return tuple(done), tuple(errors)


__all__ = ["COMMENT_PREFIX", "ReviewImport", "import_reviews", "plan_review_import"]
