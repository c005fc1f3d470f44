"""The reviewer edition of an article written in another language than the project's
(tests/roots/test-source-language): the English edition of the Belarusian article.

Its source column is Belarusian (the PDF marks it ``lang="be"``, the XLSX header says so),
``pipeline review en`` makes it although English is the project's source language, and a
reviewer's workbook comes back into ``locales/en/LC_MESSAGES/minsk-volunteers.po`` through the
exchange safeguards, changing exactly the corrected entries.
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline.config import load_config
from pipeline.pofile import Catalog, parse_po, read_po, write_po
from pipeline.render import make_environment
from pipeline.review import load_review, review_html
from pipeline.review_xlsx import META_SHEET, REVIEW_SHEET
from tests.test_exchange import _snapshot
from tests.test_exchange_source import _cli

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "roots" / "test-source-language"
BE_DOC, EN_DOC = "minsk-volunteers", "exiles-newsrooms"
TITLE_BE = "Валанцёры з Мінска збіраюць грошы для бежанцаў з Украіны"
BYLINE_BE = "Аўтар: Вольга Дрындава"
DATE_BE = "24 лютага 2023"
TRANSLATED = {TITLE_BE: "Volunteers from Minsk raise money for refugees from Ukraine", BYLINE_BE: "By Volha Dryndava"}
CORRECTION, SOURCE = 8, 3  # the XLSX's columns (1-based)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("review-source") / "project"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(REPO / "templates", root / "templates")
    for command in ("extract", "update"):
        code, out = _cli(root, command)
        assert code == 0, out
    path = root / "locales" / "en" / "LC_MESSAGES" / f"{BE_DOC}.po"
    catalog = read_po(path)
    write_po(path, Catalog(tuple(replace(m, msgstr=TRANSLATED.get(m.msgid, m.msgstr)) for m in catalog.messages),
                           catalog.path, catalog.stamp))
    code, out = _cli(root, "review", "en")
    assert code == 0, out
    return root


@pytest.fixture()
def project(made: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(made, root)
    return root


def test_review_en_makes_the_english_edition_of_the_belarusian_article_only(made: Path) -> None:
    editions = sorted(p.relative_to(made).as_posix() for p in (made / "dist" / "review").rglob("*.*"))
    assert editions == [f"dist/review/en/{BE_DOC}.pdf", f"dist/review/en/{BE_DOC}.xlsx"]
    code, out = _cli(made, "review", "en", EN_DOC)
    assert code == 1 and f"locales/en/LC_MESSAGES/{EN_DOC}.po: no catalog" in out
    code, out = _cli(made, "review", "fr")
    assert code == 1 and "fr: not a language of the project" in out and "Traceback" not in out


def test_the_workbook_heads_its_source_column_with_the_articles_language(made: Path) -> None:
    wb = load_workbook(made / "dist" / "review" / "en" / f"{BE_DOC}.xlsx")
    ws = wb[REVIEW_SHEET]
    assert ws.cell(row=1, column=SOURCE).value == "Source (Belarusian)"
    assert ws.cell(row=1, column=SOURCE + 1).value == "Translation (English)"
    assert ws.cell(row=2, column=SOURCE).value == TITLE_BE and ws.cell(row=2, column=SOURCE + 1).value == TRANSLATED[TITLE_BE]
    meta = {r[0]: r[1] for r in wb[META_SHEET].iter_rows(values_only=True, max_row=6)}
    assert (meta["doc"], meta["lang"], meta["source_lang"]) == (BE_DOC, "en", "be")


def test_the_pdf_marks_the_source_belarusian_and_the_translation_english(made: Path) -> None:
    config = load_config(made)
    doc = load_review(config, "en", BE_DOC)
    assert doc.source_lang == "be"
    html = review_html(make_environment(made / "templates"), doc, gettext.NullTranslations())
    assert re.search(r'<html lang="en"', html) and f'<h1 lang="be">{TITLE_BE}</h1>' in html
    sources = re.findall(r'<td class="c-source" lang="([^"]+)">', html)
    assert sources and set(sources) == {"be"}
    assert re.search(r'Source <span class="lang-name">Belarusian</span>', html)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(made / "dist" / "review" / "en" / f"{BE_DOC}.pdf"), "-"],
                              check=True, capture_output=True, text=True).stdout
        assert "Аўтар: Вольга Дрындава" in text and "By Volha Dryndava" in text


def _rows(path: Path) -> dict[str, int]:
    ws = load_workbook(path)[REVIEW_SHEET]
    return {str(ws.cell(row=r, column=SOURCE).value): r for r in range(2, ws.max_row + 1)}


def test_the_workbook_round_trip_changes_exactly_the_corrected_entries(project: Path) -> None:
    xlsx = project / "dist" / "review" / "en" / f"{BE_DOC}.xlsx"
    rows = _rows(xlsx)
    wb = load_workbook(xlsx)
    ws = wb[REVIEW_SHEET]
    corrections = {BYLINE_BE: "By Volha Dryndava, Nasha Niva", DATE_BE: "24 February 2023"}
    for source, text in corrections.items():
        ws.cell(row=rows[source], column=CORRECTION).value = text
    wb.save(project / "returned.xlsx")
    before = _snapshot(project)
    code, out = _cli(project, "review", "--import", "returned.xlsx")
    assert code == 0 and "2 corrections applied, 0 refused" in out, out
    after = _snapshot(project)
    po = project / "locales" / "en" / "LC_MESSAGES" / f"{BE_DOC}.po"
    assert [p for p in before if before[p] != after[p]] == [po]
    old = {m.key: m for m in parse_po(before[po], po).entries}
    new = read_po(po)
    assert {m.msgid for m in new.entries if m != old[m.key]} == set(corrections)
    for source, text in corrections.items():
        m = new.find(source)
        assert m is not None and m.msgstr == text and m.fuzzy  # a correction is fuzzy until accepted
    assert new.header_value("X-Source-Language") == "be"
    # byte for byte, every other block is as it was
    differ = [a for a, b in zip(before[po].split(b"\n\n"), after[po].split(b"\n\n")) if a != b]
    assert len(differ) == 2
    code, out = _cli(project, "review", "--import", "returned.xlsx")
    assert code == 0 and "0 corrections applied" in out and _snapshot(project) == after


def _meta_edit(src: Path, dst: Path, field: str, value: str) -> None:
    wb = load_workbook(src)
    for row in wb[META_SHEET].iter_rows(max_row=8):
        if row[0].value == field:
            row[1].value = value
    wb.save(dst)


def test_a_workbook_in_the_wrong_source_language_is_refused(project: Path) -> None:
    xlsx = project / "dist" / "review" / "en" / f"{BE_DOC}.xlsx"
    wb = load_workbook(xlsx)
    ws = wb[REVIEW_SHEET]
    ws.cell(row=_rows(xlsx)[DATE_BE], column=CORRECTION).value = "24 February 2023"
    wb.save(project / "corrected.xlsx")
    _meta_edit(project / "corrected.xlsx", project / "wrong.xlsx", "source_lang", "pl")
    before = _snapshot(project)
    code, out = _cli(project, "review", "--import", "wrong.xlsx")
    assert code == 1 and "Traceback" not in out
    assert (f"wrong.xlsx: the workbook's source language is 'pl', but locales/en/LC_MESSAGES/{BE_DOC}.po "
            "translates from 'be'") in out
    assert _snapshot(project) == before
    # a workbook made before the article's language was known (it says the project's) still imports
    _meta_edit(project / "corrected.xlsx", project / "older.xlsx", "source_lang", "en")
    code, out = _cli(project, "review", "--import", "older.xlsx")
    assert code == 0 and "1 correction applied, 0 refused" in out, out


def test_a_workbook_for_the_articles_own_language_is_refused(project: Path) -> None:
    xlsx = project / "dist" / "review" / "en" / f"{BE_DOC}.xlsx"
    wb = load_workbook(xlsx)
    for row in wb[META_SHEET].iter_rows(max_row=8):
        if row[0].value == "lang":
            row[1].value = "be"
        elif row[0].value == "catalog":
            row[1].value = f"locales/be/LC_MESSAGES/{BE_DOC}.po"
    wb.save(project / "own.xlsx")
    before = _snapshot(project)
    code, out = _cli(project, "review", "--import", "own.xlsx")
    assert code == 1 and f"own.xlsx: the workbook is for language 'be', not a target language of document {BE_DOC!r} (en, de, pl)" in out
    assert _snapshot(project) == before
