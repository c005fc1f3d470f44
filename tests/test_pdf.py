"""The PDF briefing packs, read back with pypdf: text, /Lang, outline, fonts, PDF/UA, metadata.

The PDFs are rendered once per session (tests/render_support.py): the real project built into
a temporary dist/, and a Belarusian pack with partial and hostile translations.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape
from pypdf import PdfReader

from pipeline import build as build_stage
from pipeline.errors import RenderError
from pipeline.pdf import render_pdf_bytes
from tests import render_support as rs

LANGS = ("en", "be", "de")


def _pdf(lang: str) -> PdfReader:
    return PdfReader(rs.built_dist() / lang / f"{rs.config().packs[0].slug}.pdf")


def _text(reader: PdfReader) -> str:
    # The PDF binds words with no-break spaces (render.bind_spaces): read them as spaces.
    return "\n".join(page.extract_text() or "" for page in reader.pages).replace("\xa0", " ")


def _flat_outline(reader: PdfReader, items: list[Any] | None = None, depth: int = 0) -> list[tuple[int, str, int]]:
    out: list[tuple[int, str, int]] = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            out += _flat_outline(reader, item, depth + 1)
        else:
            number = reader.get_destination_page_number(item)
            assert number is not None, item.title
            out.append((depth, str(item.title), number + 1))
    return out


def _struct_langs(reader: PdfReader) -> dict[str, int]:
    found: dict[str, int] = {}

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, dict):
            if "/Lang" in node:
                found[str(node["/Lang"])] = found.get(str(node["/Lang"]), 0) + 1
            if "/K" in node:
                walk(node["/K"])
        elif isinstance(node, list):
            for child in node:
                walk(child)

    root: Any = reader.trailer["/Root"]  # pypdf types a PDF dictionary as a bare PdfObject
    walk(root["/StructTreeRoot"])
    return found


def _fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
            for desc in font.get("/DescendantFonts", []):
                desc = desc.get_object()
                assert "/FontFile2" in desc["/FontDescriptor"] or "/FontFile3" in desc["/FontDescriptor"]
    return names


@pytest.mark.parametrize("lang", LANGS)
def test_document_language_metadata_and_pdf_ua(lang: str) -> None:
    reader = _pdf(lang)
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp
    meta = reader.metadata
    assert meta is not None
    title = {"en": "Belarus and the War in Ukraine", "be": "Беларусь і вайна ва Украіне",
             "de": "Belarus und der Krieg in der Ukraine"}[lang]
    assert meta.title == title
    assert "Yarik Kryvoi" in (meta.author or "")
    assert meta.creation_date is not None and meta.creation_date.year == rs.BUILT.year


@pytest.mark.parametrize("lang", LANGS)
def test_fonts_are_the_named_family_embedded(lang: str) -> None:
    fonts = _fonts(_pdf(lang))
    assert fonts, "no fonts"
    families = {re.sub(r"^/[A-Z]{6}\+", "", name).split("-")[0] for name in fonts}
    # Only our named family: a missing glyph would pull in a fallback font (or a .notdef box).
    assert families == {"Briefing"}, fonts


@pytest.mark.parametrize("lang", LANGS)
def test_outline_has_articles_and_headings_and_toc_page_numbers_match(lang: str) -> None:
    reader = _pdf(lang)
    outline = _flat_outline(reader)
    top = [(title, page) for depth, title, page in outline if depth == 0]
    nested = [title for depth, title, _ in outline if depth == 1]
    assert len(top) == len(rs.config().packs[0].documents) + 2  # contents, articles, colophon
    assert nested, "headings are bookmarked under their article"
    # The table of contents (page 2) prints, via target-counter, the page each article starts on.
    toc = reader.pages[1].extract_text()
    for title, page in top[1:]:
        assert re.search(rf"\.\s*{page}\s*$", toc, re.M), (title, page)
    # Articles start where the outline says, and their titles appear in the running header.
    for _title, page in top[1:-1]:
        assert reader.pages[page - 1].extract_text().strip()


def test_localized_text_footer_and_babel_dates() -> None:
    be = _text(_pdf("be"))
    assert "Змест" in be and "Выхадныя звесткі" in be
    pages = len(_pdf("be").pages)
    assert f"Старонка 3 з {pages}" in be
    assert "24 лютага 2022\u202fг." in be  # the build date, from Babel (narrow no-break space)
    assert "5 артыкулаў" in be
    de = _text(_pdf("de"))
    assert "Inhalt" in de and f"Seite 3 von {len(_pdf('de').pages)}" in de
    assert "24. Februar 2022" in de
    assert "5 Artikel" in de
    en = _text(_pdf("en"))
    assert "Contents" in en and "February 24, 2022" in en


def test_colophon_lists_every_source() -> None:
    text = _text(_pdf("en"))
    colophon = text[text.index("Sources"):]
    for doc in rs.documents():
        assert doc.meta.publisher in colophon
        for author in doc.meta.authors:
            assert author in colophon
        if doc.meta.url:
            assert doc.meta.url in colophon.replace("\n", "")


TRANSLATOR_LABEL = {"be": "Перакладчык", "de": "Übersetzt von"}
SOURCES_HEADING = {"en": "Sources", "be": "Крыніцы", "de": "Quellen"}


REVIEW_ROW = {"be": ("Праверка", "Машынны чарнавік перакладу, яшчэ не правераны"),
              "de": ("Prüfung", "Maschineller Übersetzungsentwurf, noch nicht geprüft")}


@pytest.mark.parametrize("lang", LANGS)
def test_colophon_says_who_translated_or_that_it_is_a_machine_draft(lang: str) -> None:
    """PDF and site: per article, a row with the catalog's Last-Translator (no e-mail) when a
    reviewer signed it, or a row saying it is an unreviewed machine draft (X-Translation-Status:
    machine-draft), in which case the header's Last-Translator is not shown as a credit; none in en."""
    config = rs.config()
    pack = config.packs[0]
    assert len(config.packs) == 1  # the site page then holds exactly this pack's colophon
    catalogs = [build_stage.article_catalog(config, lang, slug) for slug in pack.documents]
    text = _text(_pdf(lang))
    colophon = " ".join(text[text.rindex(SOURCES_HEADING[lang]):].split())
    page = (rs.built_dist() / lang / "index.html").read_text(encoding="utf-8")
    if lang == config.source_language:
        assert [c.translator for c in catalogs] == [""] * len(pack.documents)
        assert "Translator" not in text and "Translator" not in page and 'class="translator"' not in page
        assert 'class="review"' not in page
        return
    assert all(c.translator for c in catalogs)  # every shipped catalog says who or what translated it
    drafts = [c for c in catalogs if c.machine_draft]
    signed = [c for c in catalogs if not c.machine_draft]
    label, note = REVIEW_ROW[lang]
    assert page.count(f'<dt>{label}</dt><dd class="review">{note}</dd>') == len(drafts)
    assert colophon.count(note) == len(drafts)
    assert page.count('<dd class="translator">') == len(signed)
    for c in drafts:
        assert c.translator not in colophon and f'class="translator">{escape(c.translator)}' not in page
    for name in {c.translator for c in signed}:
        row = f'<dt>{TRANSLATOR_LABEL[lang]}</dt><dd class="translator">{escape(name)}</dd>'
        assert page.count(row) == [c.translator for c in signed].count(name)


def test_fallbacks_are_tagged_english_and_counted() -> None:
    reader = PdfReader(rs.synthetic_pdf("be"))
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "be"
    langs = _struct_langs(reader)
    assert langs.get("en", 0) > 0, langs
    pack = rs.synthetic_pack("be")
    fallbacks = pack.status.fallback
    assert fallbacks > 0
    text = _text(reader)
    # Colophon count with the Belarusian plural form for that number.
    form = ("сказ" if fallbacks % 10 == 1 and fallbacks % 100 != 11 else
            "сказы" if 2 <= fallbacks % 10 <= 4 and not 12 <= fallbacks % 100 <= 14 else "сказаў")
    assert f"{fallbacks} {form} яшчэ не" in text.replace("\n", " ")
    assert "EN" in text


def test_running_header_shows_article_title_without_marker() -> None:
    reader = _pdf("de")
    outline = _flat_outline(reader)
    first_title, first_page = next((t, p) for d, t, p in outline if d == 0 and p > 2)
    second_page = reader.pages[first_page]  # the page after the article's first page
    assert first_title[:30] in second_page.extract_text().replace("\n", " ")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pages_rasterize(tmp_path: Path) -> None:
    pdf = rs.built_dist() / "be" / f"{rs.config().packs[0].slug}.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "20", "-f", "1", "-l", "3", str(pdf), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == 3


def test_missing_font_names_the_stylesheet_line(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(rs.config().templates, templates)
    (templates / "fonts" / "NotoSans-Bold.ttf").unlink()
    html = rs.synthetic_html("be")
    with pytest.raises(RenderError) as info:
        render_pdf_bytes(html, templates=templates)
    message = str(info.value)
    assert re.match(r"templates/fonts\.css:\d+: font 'Briefing Sans' cannot be loaded", message), message


def test_stylesheet_error_names_the_stylesheet_line(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(rs.config().templates, templates)
    css = templates / "pdf.css"
    lines = css.read_text(encoding="utf-8").splitlines()
    css.write_text("\n".join([*lines, "body { colour: red; }"]) + "\n", encoding="utf-8")
    with pytest.raises(RenderError) as info:
        render_pdf_bytes(rs.synthetic_html("be"), templates=templates)
    expected = f"templates/pdf.css:{len(lines) + 1}:8: Ignored `colour: red`, unknown property"
    assert str(info.value).startswith(expected), str(info.value)


def test_every_character_is_in_the_shipped_fonts() -> None:
    """No glyph can fall back to a missing-glyph box: the subsets cover every character of the
    sources, the ui catalogs and any translation shipped so far."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    from pipeline.pofile import read_po

    fonts = rs.config().templates / "fonts"
    covered = {
        name: set(TTFont(fonts / f"{name}.ttf").getBestCmap())
        for name in ("NotoSerif-Regular", "NotoSerif-Bold", "NotoSerif-Italic", "NotoSerif-BoldItalic",
                     "NotoSans-Regular", "NotoSans-Bold")
    }
    text = "".join(seg.text for segs in rs.segments().values() for seg in segs)
    # the fixture's catalogs and the project's own, with whatever has been translated since
    for po in sorted([*(rs.ROOT / "locales").glob("*/LC_MESSAGES/*.po"), *(rs.REPO / "locales").glob("*/LC_MESSAGES/*.po")]):
        text += "".join("".join(m.strings) for m in read_po(po).entries)
    text += rs.synthetic_html("be") + rs.synthetic_html("de")
    needed = {ord(ch) for ch in text if ch.isprintable() and not ch.isspace()} | {0x00A0, 0x202F}
    for name, cmap in covered.items():
        missing = sorted(chr(c) for c in needed - cmap)
        assert missing == [], f"{name} lacks {missing}"


def test_the_sites_woff2_fonts_are_the_pdfs_subsets() -> None:
    """site-fonts.css names a WOFF2 file for every face of fonts.css, made from the same subset
    (same characters, same glyph outlines' names): regenerated whenever a TTF is."""
    from fontTools.ttLib import TTFont

    templates = rs.config().templates
    faces = re.findall(r'url\("fonts/([\w-]+)\.ttf"\)', (templates / "fonts.css").read_text(encoding="utf-8"))
    site = (templates / "site-fonts.css").read_text(encoding="utf-8")
    assert faces and re.findall(r'url\("fonts/([\w-]+)\.woff2"\)', site) == faces
    assert site.count("font-display: swap") == len(faces)
    for name in faces:
        ttf, woff2 = TTFont(templates / "fonts" / f"{name}.ttf"), TTFont(templates / "fonts" / f"{name}.woff2")
        assert woff2.flavor == "woff2"
        assert ttf.getBestCmap() == woff2.getBestCmap(), name
        assert ttf.getGlyphOrder() == woff2.getGlyphOrder(), name


# --- Page fill: no near-empty page, no heading at the foot of a page ---------------------------

MIN_BODY_LINES = 4


def _page_margins_pt() -> tuple[float, float]:
    """The top and bottom page margins of pdf.css (``@page { margin: T R B L }`` in mm), in points:
    text outside them is the running header and the footer."""
    css = (rs.config().templates / "pdf.css").read_text(encoding="utf-8")
    found = re.search(r"@page\s*\{[^}]*?margin:\s*([\d.]+)mm\s+[\d.]+mm\s+([\d.]+)mm", css)
    assert found, "pdf.css: @page { margin: T R B L } in mm"
    return float(found.group(1)) * 72 / 25.4, float(found.group(2)) * 72 / 25.4


class _Line:
    """One text line of a page's content area: its baseline, fonts and text."""

    def __init__(self, y: float) -> None:
        self.y = y
        self.fonts: set[str] = set()
        self.text = ""


def _body_lines(page: Any, tolerance: float = 4.0) -> list[_Line]:
    """The text lines of a page's content area, top to bottom.

    Baselines come from the text and transformation matrices pypdf passes to the visitor, so the
    running header and footer (in the page margins) are left out by position, whatever their
    language; runs closer than ``tolerance`` points (a superscript marker) share a line."""
    top, bottom = _page_margins_pt()
    height = float(page.mediabox.height)
    runs: list[tuple[float, int, str, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, _size: float) -> None:
        if text.strip() and font is not None:
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            if bottom < y < height - top:
                runs.append((y, -len(runs), re.sub(r"^/[A-Z]{6}\+", "", str(font["/BaseFont"])), text))

    page.extract_text(visitor_text=visit)
    lines: list[_Line] = []
    for y, _order, font, text in sorted(runs, reverse=True):
        if not lines or lines[-1].y - y > tolerance:
            lines.append(_Line(y))
        lines[-1].fonts.add(font)
        lines[-1].text += text
    return lines


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_is_nearly_empty_and_no_page_ends_with_a_heading(lang: str) -> None:
    """Each article starts on a new page, so a short last paragraph pushed over alone would leave a
    near-empty page; pdf.css keeps the end of an article (and headings) with the text around it."""
    reader = _pdf(lang)
    for number, page in enumerate(reader.pages[1:], start=2):  # not the cover
        lines = _body_lines(page)
        assert len(lines) >= MIN_BODY_LINES, (number, len(lines), page.extract_text())
        assert "Briefing-Sans-Bold" not in lines[-1].fonts, (number, "ends with a heading", lines[-1].text)


def test_body_lines_leave_out_header_and_footer() -> None:
    """The line counter itself, on a full page inside the first article."""
    reader = _pdf("en")
    title, first = next((t, p) for d, t, p in _flat_outline(reader) if d == 0 and p > 2)
    page = reader.pages[first]  # the page after the article's first page
    text = page.extract_text() or ""
    assert re.search(rf"Page {first + 1} of {len(reader.pages)}", text)  # footer and header are there
    assert title[:30] in text.replace("\n", " ")
    lines = _body_lines(page)
    assert 30 <= len(lines) <= 47  # a full page of 10.5pt text at 1.45 line height: at most 47
    assert not any("Page " in line.text or title[:30] in line.text for line in lines)
    assert " ".join(lines[0].text.split())[:20] in " ".join(text.split())
    # The heading face is recognised: the article's first line is its title, in Briefing Sans Bold.
    opening = _body_lines(reader.pages[first - 1])
    assert opening[0].fonts == {"Briefing-Sans-Bold"}, (opening[0].fonts, opening[0].text)


# --- PDF/UA: the pdfua checker (a machine-checkable subset; see the README) --------------------


@pytest.mark.parametrize("lang", LANGS)
def test_pdfua_checker_finds_nothing(lang: str) -> None:
    pdfua = pytest.importorskip("pdfua")
    for path in (rs.built_dist() / lang / f"{rs.config().packs[0].slug}.pdf", *([rs.synthetic_pdf(lang)] if lang != "en" else [])):
        report = pdfua.validate(str(path))
        assert report.findings == (), [(f.rule_id, f.message) for f in report.findings]
        ran = {o.rule_id for o in report.outcomes if not o.skipped}
        # Tagged content, structure tree, language, link descriptions: the rules that matter here ran.
        assert {"UA-01-003", "UA-01-005", "UA-06-001", "UA-18-005"} <= ran, ran
