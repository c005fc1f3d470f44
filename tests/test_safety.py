"""A translator's text is data: hostile translations stay literal in HTML and PDF; WeasyPrint
loads nothing but files under templates/ and data: URLs."""

from __future__ import annotations

import functools
import re
from typing import Any
from pathlib import Path

import pytest
from markupsafe import escape
from pypdf import PdfReader

from pipeline.errors import RenderError
from pipeline.pdf import FetchRefused, TemplateFetcher, render_pdf_bytes
from pipeline.render import UiText, css_string, make_environment, render_pdf_html
from tests import render_support as rs


def _pdf_text(path_or_bytes: Path | bytes) -> str:
    import io

    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    text = "\n".join(page.extract_text() or "" for page in PdfReader(source).pages)
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("hostile", rs.MALICIOUS)
def test_article_translation_is_escaped_in_html(hostile: str) -> None:
    for page in (rs.synthetic_html("be"), rs.synthetic_site_html("be")):
        assert str(escape(hostile)) in page
        assert hostile not in page if "<" in hostile else True
    assert "49" not in rs.synthetic_html("be").split("{{ 7*7 }}")[0][-5:]
    assert "<class" not in rs.synthetic_html("be")


@pytest.mark.parametrize("hostile", rs.MALICIOUS)
def test_article_translation_is_literal_in_pdf(hostile: str) -> None:
    # Whitespace aside: a line may break after the slash of "file:///etc/" at the PDF's measure.
    assert re.sub(r"\s+", "", hostile) in re.sub(r"\s+", "", _pdf_text(rs.synthetic_pdf("be")))


def test_hostile_pdf_has_no_attachment_and_fetched_only_templates() -> None:
    reader = PdfReader(rs.synthetic_pdf("be"))
    root: Any = reader.trailer["/Root"]  # pypdf types a PDF dictionary as a bare PdfObject
    assert "/EmbeddedFiles" not in root.get("/Names", {})
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            assert annot.get_object().get("/Subtype") != "/FileAttachment"


def _ui_hostile(hostile: str) -> rs.DictTranslations:
    # Plant the hostile text in three ui strings: a plain one, a plural and a {% trans %} block.
    return rs.DictTranslations(
        {"Contents": hostile, "%(count)s article": hostile + " %(count)s", "Translated from %(language)s.": hostile},
        rs.ui("be"),
    )


@pytest.mark.parametrize("hostile", rs.MALICIOUS)
def test_ui_translation_is_escaped_through_gettext_and_trans(hostile: str) -> None:
    env = make_environment(rs.config().templates)
    page = render_pdf_html(env, rs.synthetic_pack("be"), _ui_hostile(hostile), built=rs.BUILT,
                           project=rs.config().project, version="test")
    assert page.count(str(escape(hostile))) >= 3
    if "<" in hostile:
        assert hostile not in page
    assert "<class" not in page and ">49<" not in page


# Each hostile string in a different ui message: plain _(), plural ngettext, {% trans %} blocks.
UI_TARGETS = ("Contents", "%(count)s article", "Translated from %(language)s.", "Sources", "Colophon")


@functools.cache
def _ui_hostile_pdf_text() -> str:
    table = {msgid: hostile for msgid, hostile in zip(UI_TARGETS, rs.MALICIOUS)}
    env = make_environment(rs.config().templates)
    pack = rs.synthetic_pack("be")
    small = type(pack)(pack.pack, pack.lang, pack.source_lang, pack.articles[:1], ())
    page = render_pdf_html(env, small, rs.DictTranslations(table, rs.ui("be")), built=rs.BUILT,
                           project=rs.config().project, version="t")
    return _pdf_text(render_pdf_bytes(page, templates=rs.config().templates).data)


@pytest.mark.parametrize("hostile", rs.MALICIOUS)
def test_ui_translation_is_literal_in_pdf(hostile: str) -> None:
    assert hostile in _ui_hostile_pdf_text()


def test_translation_with_wrong_placeholders_falls_back_to_source() -> None:
    text = UiText(rs.DictTranslations({"Built on %(date)s with pipeline %(version)s.": "{0.__class__} %(evil)s"}))
    out = text.gettext("Built on %(date)s with pipeline %(version)s.", date="today", version="1")
    assert str(out) == "Built on today with pipeline 1."
    # Like Jinja's newstyle gettext, every translation is a %-format string: "%%" is a percent
    # sign, and a stray "%" is a broken translation that falls back to the source.
    assert str(UiText(rs.DictTranslations({"Contents": "100%% {x}"})).gettext("Contents")) == "100% {x}"
    assert str(UiText(rs.DictTranslations({"Contents": "100% {x}"})).gettext("Contents")) == "Contents"


def test_page_counter_css_cannot_break_out() -> None:
    hostile = '"; } body { display: none } </style><script>x</script> %(page)s / %(pages)s'
    text = UiText(rs.DictTranslations({"Page %(page)s of %(pages)s": hostile}))
    css = str(text.page_counter("Page %(page)s of %(pages)s"))
    assert "counter(page)" in css and "counter(pages)" in css
    literal = re.sub(r'"[^"]*"|counter\(pages?\)|\s', "", css)
    assert literal == "", css  # nothing outside CSS strings and counters
    assert "<" not in css and "}" not in css.replace("\\00007d", "")
    assert css_string('a"b') == '"a\\000022b"'


# ------------------------------------------------------------------------------- the fetcher


def test_fetcher_serves_templates_and_data_only(tmp_path: Path) -> None:
    templates = rs.config().templates
    fetcher = TemplateFetcher(templates)
    assert b"@font-face" in fetcher.fetch((templates / "fonts.css").resolve().as_uri()).read()
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    refused = [
        "https://example.org/style.css",
        "http://127.0.0.1:9/x.css",
        "ftp://example.org/x",
        "file:///etc/passwd",
        outside.as_uri(),
        (templates / ".." / "pyproject.toml").as_uri(),
        "file://remote-host/share/x.css",
    ]
    link = tmp_path / "link.css"
    link.symlink_to(templates / "pdf.css")
    (templates_link := tmp_path / "evil").mkdir()
    escape = templates_link / "passwd"
    escape.symlink_to("/etc/passwd")
    refused.append(escape.as_uri())
    for url in refused:
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
    assert fetcher.refused == refused


def test_fetcher_refuses_symlink_out_of_templates(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "passwd.css").symlink_to("/etc/passwd")
    with pytest.raises(FetchRefused):
        TemplateFetcher(templates).fetch((templates / "passwd.css").as_uri())


def test_html_that_reaches_outside_is_a_render_error() -> None:
    templates = rs.config().templates
    for bad in ('<img src="file:///etc/passwd" alt="x">', '<link rel="stylesheet" href="https://example.org/a.css">'):
        page = f'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p>x</p>{bad}</body></html>'
        with pytest.raises(RenderError) as info:
            render_pdf_bytes(page, templates=templates, template_name="probe.html")
        assert "probe.html" in str(info.value) and "refused" in str(info.value)


def test_attachments_are_never_embedded() -> None:
    templates = rs.config().templates
    page = (
        '<!DOCTYPE html><html lang="en"><head><title>t</title>'
        '<link rel="attachment" href="pdf.css"></head>'
        '<body><p><a rel="attachment" href="fonts.css">file</a> text</p></body></html>'
    )
    data = render_pdf_bytes(page, templates=templates).data
    assert b"/EmbeddedFiles" not in data and b"/FileAttachment" not in data
    assert b"@font-face" not in data
