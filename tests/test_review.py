"""The reviewer edition (pipeline/review*.py): the bilingual PDF and XLSX of an article's
catalog, and the import of a reviewer's corrections through the exchange safeguards.

Runs on copies of the fixture project (tests/roots/test-briefing) whose catalogs are changed
here to hold every case a reviewer meets: fuzzy entries with a previous source, untranslated
ones, translations ``pipeline check`` finds errors in, translator comments.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

import tests.render_support as rs
from pipeline import build as stage
from pipeline.cli import main
from pipeline.config import Config, load_config
from pipeline.exchange.apply import unit_id
from pipeline.pofile import Catalog, Message, parse_po, read_po, write_po
from pipeline.review import LABELS, load_review, review_document, review_rows, source_hash
from pipeline.review_import import COMMENT_PREFIX, _units
from pipeline.review_xlsx import META_SHEET, REVIEW_SHEET, WorkbookError, format_xlsx, read_xlsx

DOC = "belarus-digest-blame"
LANG = "be"

# The review labels in Belarusian, as the shipped ui.po has them (the fixture's ui.po predates
# the reviewer edition, so the copies get them here).
BE_LABELS = {
    ("review column", "Segment"): "Сегмент",
    ("review column", "Source"): "Арыгінал",
    ("review column", "Translation"): "Пераклад",
    ("review column", "Status"): "Статус",
    ("review column", "Checks"): "Праверкі",
    ("review column", "Translator’s comments"): "Каментары перакладчыка",
    ("review column", "Notes"): "Нататкі",
    ("review column", "Correction"): "Выпраўленне",
    ("review column", "Reviewer’s comment"): "Каментар рэцэнзента",
    ("review status", "translated"): "перакладзена",
    ("review status", "fuzzy"): "няпэўна",
    ("review status", "untranslated"): "не перакладзена",
    ("review", "Reviewer edition"): "Выданне для рэцэнзента",
    ("review", "Previous source"): "Ранейшы арыгінал",
}

# Entries (by index among the active entries) given each case in the copies.
FUZZY = (3, 10)
UNTRANSLATED = (5, 20)
CHECK_ERROR = 7  # a number changed: a `numbers` error
COMMENTED = 8


def _add_labels(config: Config) -> None:
    path = config.po_path(LANG, "ui")
    catalog = read_po(path)
    extra = tuple(Message(msgid, msgstr, msgctxt=ctx) for (ctx, msgid), msgstr in BE_LABELS.items()
                  if catalog.find(msgid, ctx) is None)
    write_po(path, dataclasses.replace(catalog, messages=catalog.messages + extra))


def _vary(config: Config) -> None:
    """Give the DOC catalog fuzzy, untranslated, check-failing and commented entries."""
    path = config.po_path(LANG, DOC)
    catalog = read_po(path)
    entries = [m for m in catalog.messages if not m.is_header and not m.obsolete]
    changed: dict[int, Message] = {}
    for i in FUZZY:
        m = entries[i]
        changed[id(m)] = dataclasses.replace(m.with_flag("fuzzy"), previous_msgid=m.msgid.replace("the", "a", 1) + " (old)")
    for i in UNTRANSLATED:
        changed[id(entries[i])] = dataclasses.replace(entries[i], msgstr="")
    m = next(e for e in entries[CHECK_ERROR:] if re.search(r"\d", e.msgid) and re.search(r"\d", e.msgstr)
             and id(e) not in changed and e is not entries[COMMENTED])
    changed[id(m)] = dataclasses.replace(m, msgstr=re.sub(r"\d", lambda d: str((int(d.group()) + 1) % 10), m.msgstr, count=1))
    changed[id(entries[COMMENTED])] = dataclasses.replace(entries[COMMENTED], comments=("Перакладчык: праверыць тэрмін.",))
    messages = tuple(changed.get(id(m), m) for m in catalog.messages)
    write_po(path, dataclasses.replace(catalog, messages=messages))


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Config]:
    root = rs.copy_fixture(tmp_path / "project")
    config = load_config(root)
    _add_labels(config)
    _vary(config)
    monkeypatch.chdir(root)
    yield config


def _snapshot(config: Config) -> dict[str, bytes]:
    return {p.relative_to(config.root).as_posix(): p.read_bytes() for p in sorted(config.locales.rglob("*")) if p.is_file()}


def _export(config: Config, doc: str = DOC) -> Path:
    assert main(["review", LANG, doc]) == 0
    path = config.dist / "review" / LANG / f"{doc}.xlsx"
    assert path.is_file() and path.with_suffix(".pdf").is_file()
    return path


def _rows_by_id(path: Path) -> dict[str, int]:
    ws = load_workbook(path)[REVIEW_SHEET]
    return {str(ws.cell(row=r, column=1).value): r for r in range(2, ws.max_row + 1)}


def _blocks(data: bytes) -> list[bytes]:
    return data.split(b"\n\n")


# ---------------------------------------------------------------------------------------------
# rows


def test_rows_carry_ids_status_findings_and_comments(project: Config) -> None:
    doc = load_review(project, LANG, DOC)
    catalog = read_po(project.po_path(LANG, DOC))
    assert [r.id for r in doc.rows] == [unit_id(m.msgctxt, m.msgid) for m in catalog.entries]
    assert len({r.id for r in doc.rows}) == len(doc.rows)
    assert (doc.count("translated"), doc.count("fuzzy"), doc.count("untranslated")) == (len(doc.rows) - 4, 2, 2)
    rows = doc.rows
    for i in FUZZY:
        assert rows[i].status == "fuzzy" and (rows[i].previous or "").endswith(" (old)")
    for i in UNTRANSLATED:
        assert rows[i].status == "untranslated" and rows[i].target == ""
    assert [f.check for r in rows for f in r.findings if f.severity == "error"] == ["numbers"]
    assert rows[COMMENTED].comments == ("Перакладчык: праверыць тэрмін.",)
    assert rows[0].position == "title" and rows[2].position.startswith("paragraph 1")
    assert doc.title == rows[0].source and doc.title_translated == rows[0].target


def test_plural_entries_give_one_row_per_form_and_come_back_together(tmp_path: Path) -> None:
    header = Message("", "Language: be\nContent-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=3; plural=0;\n")
    plural = Message("%(n)s article", msgid_plural="%(n)s articles", msgstr_plural=("a", "b", ""), msgctxt="x")
    catalog = Catalog((header, Message("=SUM(A1)", "=Формула"), plural), "locales/be/LC_MESSAGES/d.po")
    doc = review_document(catalog, "d", "be", "en", shown=catalog.path)
    assert [(r.id, r.form, r.source, r.status) for r in doc.rows[1:]] == [
        (f"{unit_id('x', '%(n)s article')}/{i}", i, src, status)
        for i, (src, status) in enumerate((("%(n)s article", "translated"), ("%(n)s articles", "translated"),
                                           ("%(n)s articles", "untranslated")))
    ]
    labels = {k: msgid for k, (_ctx, msgid) in LABELS.items()}
    data = format_xlsx(doc, labels)
    path = tmp_path / "d.xlsx"
    path.write_bytes(data)
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # "=SUM(A1)" is text, not a formula
    wb = load_workbook(path)
    wb[REVIEW_SHEET]["H5"] = "в"
    wb.save(path)
    sheet_in = read_xlsx(path)
    assert sheet_in.rows[0].source_shown == "=SUM(A1)"
    units, refused = _units(sheet_in, accept=False)
    assert not refused
    assert [(u.msgid, u.targets, u.base, u.fuzzy) for u in units] == [("%(n)s article", ("a", "b", "в"), ("a", "b", ""), True)]
    # A formula typed as a correction is refused, not evaluated or imported as its text.
    wb = load_workbook(path)
    wb[REVIEW_SHEET]["H2"] = "=1+1"
    wb.save(path)
    with pytest.raises(WorkbookError, match=r"d\.xlsx:2: correction: a formula, not text"):
        read_xlsx(path)


# ---------------------------------------------------------------------------------------------
# XLSX: layout and the round trip


def test_xlsx_is_laid_out_for_a_reviewer(project: Config) -> None:
    path = _export(project)
    wb = load_workbook(path)
    ws = wb[REVIEW_SHEET]
    head = [c.value for c in ws[1]]
    assert head[0] == "Сегмент" and head[2] == "Арыгінал (англійская)" and head[3] == "Пераклад (беларуская)"
    assert head[7:] == ["Выпраўленне", "Каментар рэцэнзента"]
    assert ws.freeze_panes == "B2"
    assert ws.print_title_rows == "$1:$1" and ws.page_setup.orientation == "landscape"
    assert ws.protection.sheet and not ws.protection.sort and not ws.protection.autoFilter
    assert all(ws.column_dimensions[c].width >= 10 for c in "ABCDEFGHI")
    for r in (2, 10):
        assert ws.cell(row=r, column=3).protection.locked and ws.cell(row=r, column=1).protection.locked
        assert not ws.cell(row=r, column=8).protection.locked and not ws.cell(row=r, column=9).protection.locked
        assert ws.cell(row=r, column=3).alignment.wrap_text
    statuses = {ws.cell(row=r, column=5).value for r in range(2, ws.max_row + 1)}
    assert statuses == {"перакладзена", "няпэўна", "не перакладзена"}
    checks = "\n".join(str(ws.cell(row=r, column=6).value or "") for r in range(2, ws.max_row + 1))
    assert "error [numbers]" in checks
    assert wb[META_SHEET].sheet_state == "hidden"
    # The same rows and ids as the PDF, and the same bytes when nothing changed.
    assert list(_rows_by_id(path)) == [r.id for r in load_review(project, LANG, DOC).rows]
    before = path.read_bytes()
    assert main(["review", LANG, DOC, "--check"]) == 0
    assert main(["review", LANG, DOC]) == 0 and path.read_bytes() == before


def test_round_trip_applies_exactly_the_corrections(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    path = _export(project)
    po = project.po_path(LANG, DOC)
    before = po.read_bytes()
    doc = load_review(project, LANG, DOC)
    ids = _rows_by_id(path)
    picks = {doc.rows[i].id: f"Выпраўленне {n}: ўсё і ёсць." for n, i in enumerate((1, FUZZY[0], UNTRANSLATED[0], 14, 30))}
    wb = load_workbook(path)
    ws = wb[REVIEW_SHEET]
    for sid, text in picks.items():
        ws.cell(row=ids[sid], column=8).value = text + ("\n" if sid == doc.rows[1].id else "")
    ws.cell(row=ids[doc.rows[14].id], column=9).value = "Тэрмін з гласарыя.\ncheck: ignore numbers"
    ws.cell(row=ids[doc.rows[40].id], column=9).value = "Толькі каментар, без выпраўлення"
    ws.cell(row=ids[doc.rows[41].id], column=8).value = doc.rows[41].target  # retyped as it was
    ws.auto_filter.ref = None
    # A reviewer sorts the table by status: rows are matched by id, not by position.
    data = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    data.sort(key=lambda r: str(r[4]))
    for r, values in enumerate(data, 2):
        for c, value in enumerate(values, 1):
            ws.cell(row=r, column=c).value = value
    returned = project.root / "returned.xlsx"
    wb.save(returned)
    capsys.readouterr()

    assert main(["review", "--import", "returned.xlsx", "--check"]) == 1  # would change
    assert po.read_bytes() == before
    capsys.readouterr()
    assert main(["review", "--import", "returned.xlsx"]) == 0
    out = capsys.readouterr()
    assert out.out.count(": applied: ") == 5
    assert "5 corrections applied, 0 refused" in out.out
    assert re.search(r"returned\.xlsx:\d+: not applied: a comment without a correction", out.err)

    after = read_po(po)
    old = {m.key: m for m in parse_po(before, po).entries}
    changed = {m.key for m in after.entries if m != old[m.key]}
    assert changed == {(None, doc.rows[i].msgid) for i in (1, FUZZY[0], UNTRANSLATED[0], 14, 30)}
    for m in after.entries:
        sid = unit_id(m.msgctxt, m.msgid)
        if sid in picks:
            assert m.msgstr == picks[sid] and m.fuzzy
            assert m.previous_msgid == old[m.key].previous_msgid  # `#|` from the catalog
    commented = after.find(doc.rows[14].msgid)
    assert commented is not None and commented.comments == (f"{COMMENT_PREFIX}Тэрмін з гласарыя.",
                                                             f"{COMMENT_PREFIX}check: ignore numbers")
    # Byte for byte, every other entry (and the header) is as it was.
    old_blocks, new_blocks = _blocks(before), _blocks(po.read_bytes())
    assert len(old_blocks) == len(new_blocks)
    differ = [i for i, (a, b) in enumerate(zip(old_blocks, new_blocks)) if a != b]
    assert len(differ) == 5
    # Everything else of the project is untouched; importing again changes nothing.
    assert main(["review", "--import", "returned.xlsx"]) == 0
    assert "0 corrections applied" in capsys.readouterr().out


def test_accept_makes_corrections_final(project: Config) -> None:
    path = _export(project)
    doc = load_review(project, LANG, DOC)
    ids = _rows_by_id(path)
    wb = load_workbook(path)
    ws = wb[REVIEW_SHEET]
    fuzzy_row, plain_row = doc.rows[FUZZY[1]], doc.rows[2]
    ws.cell(row=ids[fuzzy_row.id], column=8).value = fuzzy_row.target  # approve the fuzzy one as it is
    ws.cell(row=ids[plain_row.id], column=8).value = "Новы пераклад."
    wb.save(project.root / "ok.xlsx")
    assert main(["review", "--import", "ok.xlsx", "--accept"]) == 0
    after = read_po(project.po_path(LANG, DOC))
    approved, corrected = after.find(fuzzy_row.msgid), after.find(plain_row.msgid)
    assert approved is not None and not approved.fuzzy and approved.previous_msgid is None
    assert approved.msgstr == fuzzy_row.target
    assert corrected is not None and corrected.msgstr == "Новы пераклад." and not corrected.fuzzy


def test_a_stale_row_is_refused_with_file_and_row(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    path = _export(project)
    doc = load_review(project, LANG, DOC)
    stale, fine, both = doc.rows[12], doc.rows[13], doc.rows[15]
    ids = _rows_by_id(path)
    wb = load_workbook(path)
    ws = wb[REVIEW_SHEET]
    for row in (stale, fine, both):
        ws.cell(row=ids[row.id], column=8).value = "Выпраўленне рэцэнзента."
    wb.save(project.root / "late.xlsx")
    # Meanwhile the article changed (the sentence was edited: update made it fuzzy, #| the old
    # source) and a translator edited another translation.
    po = project.po_path(LANG, DOC)
    catalog = read_po(po)
    messages = []
    for m in catalog.messages:
        if m.msgid == stale.msgid:
            m = dataclasses.replace(m.with_flag("fuzzy"), msgid=m.msgid + " Edited.", previous_msgid=m.msgid)
        elif m.msgid == both.msgid:
            m = dataclasses.replace(m, msgstr=m.msgstr + " Праўка перакладчыка.")
        messages.append(m)
    write_po(po, dataclasses.replace(catalog, messages=tuple(messages)))
    edited = po.read_bytes()
    capsys.readouterr()
    assert main(["review", "--import", "late.xlsx"]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"late\.xlsx:{ids[stale.id]}: refused: the source changed since the export", err)
    assert re.search(rf"late\.xlsx:{ids[both.id]}: refused: the catalog's translation changed since the export", err)
    after = read_po(po)
    assert after.find(stale.msgid + " Edited.") == parse_po(edited, po).find(stale.msgid + " Edited.")
    assert after.find(both.msgid) == parse_po(edited, po).find(both.msgid)
    fixed = after.find(fine.msgid)
    assert fixed is not None and fixed.msgstr == "Выпраўленне рэцэнзента." and fixed.fuzzy
    # The source cell typed over (the sheet is protected without a password) is refused too.
    wb = load_workbook(path)
    ws = wb[REVIEW_SHEET]
    ws.cell(row=ids[fine.id], column=3).value = "Something else."
    ws.cell(row=ids[fine.id], column=8).value = "Іншае."
    wb.save(project.root / "typed.xlsx")
    assert main(["review", "--import", "typed.xlsx"]) == 1
    assert re.search(rf"typed\.xlsx:{ids[fine.id]}: refused: row {ids[fine.id]}: the source cell was edited",
                     capsys.readouterr().err)


def _foreign(root: Path) -> list[Path]:
    text = root / "notes.xlsx"
    text.write_text("segment,correction\n1,x\n", encoding="utf-8")
    other = root / "budget.xlsx"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Segment", "Correction"])
    ws.append(["u123", "x"])
    wb.save(other)
    zipped = root / "archive.xlsx"
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    return [text, other, zipped]


def test_a_malformed_or_foreign_workbook_names_the_file_and_writes_nothing(
    project: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _export(project)
    bad = _foreign(project.root)
    # A reviewer edition whose hidden record was damaged, and one with an unknown id.
    wb = load_workbook(path)
    meta = wb[META_SHEET]
    meta.cell(row=10, column=4).value = "Tampered source."
    wb[REVIEW_SHEET]["H9"] = "x"
    wb.save(project.root / "tampered.xlsx")
    wb = load_workbook(path)
    wb[REVIEW_SHEET]["A5"] = "u000000000000"
    wb[REVIEW_SHEET]["H5"] = "x"
    wb.save(project.root / "unknown.xlsx")
    wb = load_workbook(path)
    del wb[META_SHEET]
    wb.save(project.root / "nometa.xlsx")
    (project.root / "cut.xlsx").write_bytes(path.read_bytes()[: path.stat().st_size // 2])  # a broken download
    bad += [project.root / n for n in ("tampered.xlsx", "unknown.xlsx", "nometa.xlsx", "cut.xlsx")]
    before = _snapshot(project)
    expected = {
        "notes.xlsx": "not an XLSX workbook (not a zip archive)",
        "budget.xlsx": "not a reviewer edition",
        "archive.xlsx": "not an XLSX workbook openpyxl can read",
        "tampered.xlsx": "does not match its hash",
        "unknown.xlsx": "segment id 'u000000000000' is not one this workbook was exported with",
        "nometa.xlsx": "not a reviewer edition",
        "cut.xlsx": "not an XLSX workbook",
    }
    for file in bad:
        capsys.readouterr()
        assert main(["review", "--import", file.name]) == 1
        err = capsys.readouterr().err
        assert re.search(rf"^error: {re.escape(file.name)}(:\d+)?: .*{re.escape(expected[file.name])}", err, re.M), err
        assert "Traceback" not in err
    line = re.search(r"unknown\.xlsx:(\d+):", "\n".join([str(e) for e in _errors(project, "unknown.xlsx")]))
    assert line is not None and line.group(1) == "5"
    assert _snapshot(project) == before


def _errors(config: Config, name: str) -> list[WorkbookError]:
    try:
        read_xlsx(config.root / name, name)
    except WorkbookError as exc:
        return [exc]
    return []


def test_usage_errors_are_clean(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "pl"]) == 1
    assert "pl: not a language of the project" in capsys.readouterr().err
    assert main(["review", LANG, "no-such-doc"]) == 1
    assert "no-such-doc: not a document of any pack" in capsys.readouterr().err
    assert main(["review", LANG, "ui"]) == 1
    assert main(["review", LANG, DOC, "--check"]) == 1  # not written yet
    assert not (project.dist / "review").exists()
    assert main(["review", "--accept", LANG]) != 0
    assert main(["review", LANG, "--import", "x.xlsx"]) != 0


def test_editions_are_outputs_of_the_build(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    """The editions are a writer's outputs: incremental, made on demand, kept by `pipeline build`,
    and removed when their document leaves the packs."""
    xlsx = _export(project)
    pdf = xlsx.with_suffix(".pdf")
    other = _export(project, "fp-lukashenko-putin-attack")
    assert main(["review", LANG, DOC, "fp-lukashenko-putin-attack", "--check"]) == 0
    capsys.readouterr()
    assert main(["review", LANG, DOC]) == 0 and "up to date: 2 reviewer editions" in capsys.readouterr().out
    # A catalog edit makes both out of date (and only this document's).
    po = project.po_path(LANG, DOC)
    catalog = read_po(po)
    write_po(po, dataclasses.replace(catalog, messages=tuple(
        dataclasses.replace(m, msgstr="Новы загаловак") if m.line == catalog.entries[0].line else m for m in catalog.messages)))
    capsys.readouterr()
    assert main(["review", LANG, DOC, "fp-lukashenko-putin-attack", "--check"]) == 1
    stale = capsys.readouterr().out.splitlines()
    assert other.is_file()
    assert sorted(stale) == sorted(f"out of date: {p.relative_to(project.root)}" for p in (pdf, xlsx))
    # A plain build makes no reviewer editions and leaves these alone.
    state = stage.build(project)
    assert not any(p.is_relative_to(project.dist / "review") for p in state.written)
    assert pdf.is_file() and xlsx.is_file()
    assert not (project.dist / "review" / "de").exists()
    # The document leaves the pack: the next build removes its editions.
    text = (project.root / "pyproject.toml").read_text(encoding="utf-8")
    (project.root / "pyproject.toml").write_text(text.replace(f'    "{DOC}",\n', ""), encoding="utf-8")
    removed = stage.build(load_config(project.root)).removed
    assert {pdf, xlsx} <= set(removed) and not pdf.exists()


# ---------------------------------------------------------------------------------------------
# PDF


def _pdftotext(path: Path, page: int | None = None) -> str:
    """The text of the PDF (or of one page), cell by cell in reading order."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(path), "-"], check=True, capture_output=True, text=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_shows_both_languages_status_and_findings(project: Config) -> None:
    pdf = _export(project).with_suffix(".pdf")
    doc = load_review(project, LANG, DOC)
    text = _pdftotext(pdf)
    flat = re.sub(r"\s+", " ", re.sub(r"-\n\s*", "", text))
    for status in ("перакладзена", "няпэўна", "не перакладзена"):
        assert status in flat
    assert "ВЫДАННЕ ДЛЯ РЭЦЭНЗЕНТА" in flat  # the kicker, in capitals
    assert "locales/be/LC_MESSAGES/belarus-digest-blame.po" in flat
    for word in ("Belarusians", "Lukashenka", "Беларусі", "ў", "і"):
        assert word in flat
    assert doc.rows[0].source in flat and doc.rows[0].target in flat
    assert "numbers" in flat and "Перакладчык: праверыць тэрмін." in flat
    assert doc.rows[FUZZY[0]].previous is not None and "(old)" in flat and "Ранейшы арыгінал" in flat
    for row in doc.rows:
        assert row.id in flat
    # The table's header repeats on every page.
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                            check=True).stdout).group(1))  # type: ignore[union-attr]
    assert pages > 3
    for page in range(1, pages + 1):
        assert "Арыгінал" in _pdftotext(pdf, page) and "Нататкі" in _pdftotext(pdf, page)
    # Only the shipped faces (Noto as "Briefing Serif/Sans"), embedded: no glyph fell back to a
    # system font, and no slanted face was faked.
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    names = {f.split()[0].split("+")[-1] for f in fonts}
    assert names <= {"Briefing-Serif", "Briefing-Serif-Bold", "Briefing-Serif-Italic", "Briefing-Sans", "Briefing-Sans-Bold"}, fonts
    assert {"Briefing-Serif", "Briefing-Sans"} <= names and all(" yes yes " in f for f in fonts)
    # Tagged as PDF/UA like the packs: the checker finds nothing (the column headers carry /Scope).
    pdfua = pytest.importorskip("pdfua")
    report = pdfua.validate(str(pdf))
    assert report.findings == (), [(f.rule_id, f.message) for f in report.findings]
    assert "UA-15-003" in {o.rule_id for o in report.outcomes if not o.skipped}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_german_edition_renders(project: Config) -> None:
    assert main(["review", "de", "ak-belarus-statement"]) == 0
    pdf = project.dist / "review" / "de" / "ak-belarus-statement.pdf"
    flat = re.sub(r"\s+", " ", re.sub(r"-\n\s*", "", _pdftotext(pdf)))
    german = read_po(project.po_path("de", "ak-belarus-statement")).entries[0].msgstr
    assert german in flat and "Belarus must support Ukraine" in flat
    assert re.search(r"[äöüß]", flat)


def test_source_hash_distinguishes_context_and_plural() -> None:
    assert len({source_hash(None, "a"), source_hash("", "a"), source_hash(None, "a", "b"), source_hash("c", "a")}) == 4
    assert review_rows(Catalog((Message("a", "б"),))) [0].id == unit_id(None, "a")


def test_review_bench_runs(tmp_path: Path) -> None:
    """bench/review_bench.py still runs (on the fixture project, tiny); nothing is timed here."""
    out = subprocess.run([sys.executable, str(rs.REPO / "bench" / "review_bench.py"), "--root", str(rs.ROOT), "--runs", "1",
                          "--doc", "fp-lukashenko-putin-attack", "--corrections", "2", "--json", str(tmp_path / "r.json")],
                         cwd=rs.REPO, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    assert "2 entries changed (exactly the corrected ones), 0 lines outside" in out.stdout
    assert "WeasyPrint alone on the same HTML" in out.stdout


def test_two_workbooks_of_one_catalog_both_apply(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    """Two reviewers return their copies of one edition in one run: each applies its rows."""
    path = _export(project)
    doc = load_review(project, LANG, DOC)
    ids = _rows_by_id(path)
    for name, row in (("first.xlsx", doc.rows[2]), ("second.xlsx", doc.rows[4])):
        wb = load_workbook(path)
        wb[REVIEW_SHEET].cell(row=ids[row.id], column=8).value = f"Праўка з {name}."
        wb.save(project.root / name)
    assert main(["review", "--import", "first.xlsx", "--import", "second.xlsx"]) == 0
    after = read_po(project.po_path(LANG, DOC))
    assert [after.find(doc.rows[i].msgid).msgstr for i in (2, 4)] == ["Праўка з first.xlsx.", "Праўка з second.xlsx."]  # type: ignore[union-attr]


def test_an_article_without_a_catalog_is_named_and_not_planned(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.outputs import compute_inputs
    from pipeline.writers.review import ReviewPdfWriter

    project.po_path(LANG, DOC).unlink()
    assert main(["review", LANG, DOC]) == 1
    assert f"error: locales/be/LC_MESSAGES/{DOC}.po: no catalog" in capsys.readouterr().err
    planned = {o.path.name for o in ReviewPdfWriter().plan(project, compute_inputs(project)) if o.lang == LANG}
    assert f"{DOC}.pdf" not in planned and len(planned) == 4
