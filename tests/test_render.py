"""Localize (publication policy), render (templates, ui domain, Babel formatting), errors."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.config import PackConfig
from pipeline.errors import RenderError
from pipeline.localize import CompletenessError, apply_policy, localize_document
from pipeline.model import Block, BlockKind, Document, Segment, SourceMeta
from pipeline.pofile import read_po
from pipeline.render import L10n, UiText, make_environment, render_html, render_pdf_html, render_site_page
from pipeline.ui import DOMAIN, extract_ui, ui_template
from tests import render_support as rs
from tests.shipped import untranslated_ui

META = SourceMeta(slug="doc", file="doc.txt", title="Title", authors=("A. Author",), publisher="Pub", date="2022-02-24")


def _doc() -> tuple[Document, list[Segment]]:
    blocks = (
        Block(BlockKind.TITLE, "Title", 1, 1),
        Block(BlockKind.PARAGRAPH, "One. Two. Three.", 3, 1),
        Block(BlockKind.HEADING, "Title", 5, 1),  # same text, another role: the catalog adds a msgctxt
    )
    segs = [
        Segment("Title", "doc.txt", 1, BlockKind.TITLE, 1),
        Segment("One.", "doc.txt", 3, BlockKind.PARAGRAPH, 1, 1, 3),
        Segment("Two.", "doc.txt", 3, BlockKind.PARAGRAPH, 1, 2, 3),
        Segment("Three.", "doc.txt", 3, BlockKind.PARAGRAPH, 1, 3, 3),
        Segment("Title", "doc.txt", 5, BlockKind.HEADING, 1),
    ]
    return Document(META, "doc.txt", blocks), segs


def test_missing_sentences_fall_back_to_english_runs() -> None:
    doc, segs = _doc()
    published = {("title", "Title"): "Загаловак", ("heading", "Title"): "Раздзел", (None, "One."): "Адзін.",
                 (None, "Three."): "Тры."}
    art = localize_document(doc, segs, published, "be")
    assert art.title is not None and art.title.text == "Загаловак"
    para, heading = art.blocks
    assert [(r.text, r.lang, r.fallback) for r in para.runs] == [
        ("Адзін.", "be", False), ("Two.", "en", True), ("Тры.", "be", False)]
    assert heading.text == "Раздзел"
    assert (art.status.segments, art.status.published, art.status.fallback) == (5, 4, 1)


def test_consecutive_fallbacks_join_into_one_run_and_source_language_never_falls_back() -> None:
    doc, segs = _doc()
    art = localize_document(doc, segs, {}, "de")
    assert [(r.text, r.fallback) for r in art.blocks[0].runs] == [("One. Two. Three.", True)]
    assert art.status.percent == 0
    en = localize_document(doc, segs, {}, "en")
    assert en.status.percent == 100 and not any(b.has_fallback for b in en.blocks)


def test_policy_omits_or_fails_below_minimum() -> None:
    doc, segs = _doc()
    half = localize_document(doc, segs, {(None, "One."): "Eins.", ("title", "Title"): "Titel"}, "de")
    pack = PackConfig("p", "P", "", ("doc",), ("en", "de"), min_completeness=50, below_minimum="omit")
    local = apply_policy(pack, "de", [half])
    assert local.articles == () and len(local.omitted) == 1 and local.omitted[0].status.percent == 40
    with pytest.raises(CompletenessError, match=r"doc\.txt: 40% translated, 50% required"):
        apply_policy(pack, "de", [half], strict=True)
    failing = PackConfig("p", "P", "", ("doc",), ("en", "de"), min_completeness=50, below_minimum="fail")
    with pytest.raises(CompletenessError):
        apply_policy(failing, "de", [half])
    assert apply_policy(failing, "en", [localize_document(doc, segs, {}, "en")]).articles


def test_omitted_article_gets_a_note_in_the_pdf_html() -> None:
    doc, segs = _doc()
    pack = PackConfig("p", "Belarus and the War in Ukraine", "", ("doc",), ("en", "be"), min_completeness=90)
    local = apply_policy(pack, "be", [localize_document(doc, segs, {}, "be")])
    env = make_environment(rs.config().templates)
    page = render_pdf_html(env, local, rs.ui("be"), built=rs.BUILT, project="x", version="t")
    assert "1 артыкул не ўключаны" in page
    assert "перакладзена толькі 0\u00a0%, патрабуецца 90\u00a0%" in page


def test_fallback_markup_has_lang_and_marker() -> None:
    page = rs.synthetic_html("be")
    assert '<html lang="be">' in page
    spans = re.findall(r'<span class="fallback" lang="en">(.*?)<span class="fallback-mark"', page)
    assert spans, "fallback runs are marked"
    assert 'class="fallback-mark" aria-hidden="true">EN</span>' in page


@pytest.mark.parametrize(("n", "expected"), [(1, "1 артыкул"), (2, "2 артыкулы"), (5, "5 артыкулаў"),
                                             (11, "11 артыкулаў"), (21, "21 артыкул"), (22, "22 артыкулы")])
def test_belarusian_plural_forms(n: int, expected: str) -> None:
    ui = UiText(rs.ui("be"))
    assert str(ui.ngettext("%(count)s article", "%(count)s articles", n, count=n)) == expected


@pytest.mark.parametrize(("n", "expected"), [(1, "1 Artikel"), (2, "2 Artikel")])
def test_german_plural_forms(n: int, expected: str) -> None:
    assert str(UiText(rs.ui("de")).ngettext("%(count)s article", "%(count)s articles", n, count=n)) == expected


def test_babel_dates_numbers_and_language_names() -> None:
    day = dt.date(2022, 2, 24)
    assert L10n("be").date(day) == "24 лютага 2022\u202fг."
    assert L10n("de").date(day) == "24. Februar 2022"
    assert L10n("de").date("2022-02-24") == "24. Februar 2022"
    assert L10n("de").date("2022") == "2022"
    assert L10n("be").percent(87.9) == "87\u00a0%"
    assert L10n("be").language("en") == "англійская"
    assert L10n("de").language("be", own=True) == "Беларуская"
    assert L10n("be").list(["A", "B"]) == "A і B"


def test_shipped_ui_template_is_up_to_date_and_catalogs_complete() -> None:
    """Shipped-content check: the project's ui.pot is what the templates give, and the shipped
    languages translate all of it (an added language may not yet)."""
    from pipeline.config import load_config

    config = load_config(rs.REPO)
    pot = read_po(config.pot_path(DOMAIN))
    extracted = ui_template(config, extract_ui(config), pot.header_value("POT-Creation-Date") or "")
    assert [m.key for m in pot.entries] == [m.key for m in extracted.entries], "run `pipeline extract`"
    assert [m.references for m in pot.entries] == [m.references for m in extracted.entries]
    keys = {m.key for m in pot.entries}
    assert (None, "Contents") in keys and ("pack title", config.packs[0].title) in keys
    assert (None, "Page %(page)s of %(pages)s") in keys
    for lang, nplurals in (("be", 3), ("de", 2)):
        po = read_po(config.po_path(lang, DOMAIN))
        assert po.nplurals == nplurals
        assert {m.key for m in po.entries} == keys
        assert untranslated_ui(rs.REPO, lang) == []  # but the title of a pack added since
        for m in po.entries:
            if m.msgid_plural is not None:
                assert len(m.msgstr_plural) == nplurals
            for form in m.strings:
                assert set(re.findall(r"%\((\w+)\)s", form)) <= set(re.findall(r"%\((\w+)\)s", m.msgid + (m.msgid_plural or "")))


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")
@pytest.mark.parametrize("lang", ["be", "de"])
def test_ui_catalogs_pass_msgfmt_check_and_are_msgcat_fixed_points(lang: str) -> None:
    path = rs.config().po_path(lang, DOMAIN)
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)
    assert subprocess.run(["msgcat", str(path)], check=True, capture_output=True).stdout == path.read_bytes()


def test_template_errors_name_the_template_and_line(tmp_path: Path) -> None:
    (tmp_path / "broken.html").write_text("<p>\n{% if x %}\n<b>never closed\n", encoding="utf-8")
    (tmp_path / "undefined.html").write_text("<p>\n\n{{ no_such_name }}</p>\n", encoding="utf-8")
    (tmp_path / "outer.html").write_text('{% include "undefined.html" %}\n', encoding="utf-8")
    env = make_environment(tmp_path)
    ui = rs.DictTranslations({})
    with pytest.raises(RenderError, match=rf"{tmp_path.name}/broken\.html:\d+: template syntax error"):
        render_html(env, "broken.html", ui, "en")
    with pytest.raises(RenderError, match=rf"{tmp_path.name}/undefined\.html:3: render failed: UndefinedError"):
        render_html(env, "outer.html", ui, "en")
    with pytest.raises(RenderError, match="template not found"):
        render_html(env, "missing.html", ui, "en")


def test_two_packs_sharing_an_article_have_unique_ids_and_their_own_contents_links() -> None:
    """The site shows every pack of a language on one page: ids carry the pack, so the second
    pack's contents links land in the second pack, not in the first (issue 13)."""
    import dataclasses

    first = rs.synthetic_pack("be")
    shared = first.articles[1]
    second = dataclasses.replace(first, pack=dataclasses.replace(first.pack, slug="second-pack", documents=(shared.slug,)),
                                 articles=(shared,))
    env = make_environment(rs.config().templates)
    page = render_site_page(env, [first, second], rs.ui("be"), "be", languages=rs.config().languages, built=rs.BUILT,
                               project=rs.config().project, version="test")
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    sections = page.split('<section class="pack"')[1:]
    assert len(sections) == 2
    for section, pack in zip(sections, (first, second)):
        links = re.findall(r'<nav class="toc".*?</nav>', section, re.S)[0]
        for href in re.findall(r'href="#([^"]+)"', links):
            assert f'id="{href}"' in section, (pack.pack.slug, href)  # the link lands in its own pack
    assert f'href="#second-pack--{shared.slug}"' in sections[1]
