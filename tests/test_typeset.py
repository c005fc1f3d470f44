"""Typesetting of the PDF: measure, hyphenation, no-break spaces (bench/typeset_audit.py).

The fixtures are small documents rendered with the shipped stylesheets (long German
compounds, long Belarusian words, glossary names); the audit of the shipped packs is a check
of the shipped content and named as such.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from pipeline.pdf import render_pdf_bytes
from pipeline.render import NBSP, bind_spaces
from tests import render_support as rs

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import typeset_audit as ta  # noqa: E402

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

# --- The no-break-space filter --------------------------------------------------------------

_TAGS = re.compile(r"<[^>]*>")

HOSTILE = (
    '<!DOCTYPE html><html lang="be"><head><title>у з а</title>'
    "<style>p::before { content: 'у з 5 тыс.' }</style></head>"
    '<body><p class="a b" title="у Мінску і 5 тыс. a b" data-label="з дому">Ён быў у Мінску '
    'і ў Гродне, а 5 тыс. чалавек <span lang="en" class="fallback">went to a rally'
    '<span class="fallback-mark" aria-hidden="true">EN</span></span> учора ўвечары.</p>\n'
    '<h2 id="x y">Кароткі загаловак тут</h2><p>Адно</p>'
    "<script>var a = 'у з';</script></body></html>"
)


def test_bind_spaces_never_touches_markup_or_attributes() -> None:
    out = bind_spaces(HOSTILE, "be")
    assert _TAGS.findall(out) == _TAGS.findall(HOSTILE)
    head_end = HOSTILE.index("<body")
    assert out[:head_end] == HOSTILE[:head_end]
    assert "<script>var a = 'у з';</script>" in out
    assert out.replace(NBSP, " ") == HOSTILE  # only spaces became no-break spaces


def test_bind_spaces_binds_one_letter_words_units_and_last_pairs() -> None:
    out = bind_spaces(HOSTILE, "be")
    assert f"у{NBSP}Мінску" in out and f"і{NBSP}ў{NBSP}Гродне" in out and f"а{NBSP}5" in out
    assert f"5{NBSP}тыс." in out
    assert f"учора{NBSP}ўвечары." in out  # the last two words of the paragraph
    assert f"загаловак{NBSP}тут" in out
    assert "went to a rally" in out  # English "a" is Latin, never bound as Belarusian а


def test_bind_spaces_german_units_and_long_last_pair_left_alone() -> None:
    html = "<html><body><p>Mehr als 92 Prozent stimmten gegen Menschenrechtsorganisationen Nichtregierungsorganisationen</p></body></html>"
    out = bind_spaces(html, "de")
    assert f"92{NBSP}Prozent" in out
    assert f"Menschenrechtsorganisationen{NBSP}" not in out  # a pair too long to bind


# --- Fixtures rendered to PDF ---------------------------------------------------------------

DE_TEXT = (
    "Das Bundesverfassungsgericht prüfte die Sanktionsmaßnahmen der Europäischen Union gegen "
    "die Nichtregierungsorganisationen und Menschenrechtsorganisationen, die nach der "
    "Präsidentschaftswahl und dem Verfassungsreferendum verboten wurden; die "
    "Donaudampfschifffahrtsgesellschaft und die Rechtsschutzversicherungsgesellschaften "
    "berichteten über Grundstücksverkehrsgenehmigungen und Arbeitsunfähigkeitsbescheinigungen. "
)
BE_TEXT = (
    "Беларусь і Беларусі дэмакратычных незалежнасці Лукашэнка і Лукашэнкам, міжнароднай "
    "супольнасці, палітвязняў і рэпрэсіямі, у тым ліку нелегітымным прэзідэнцкіх выбараў; "
    "Украіна і Украіне, Расія і Расіі, Ціханоўская і Ціханоўскай, узброеных фармаванняў "
    "выкарыстоўваецца для ваенных нападаў на Украіну, канстытуцыйнага рэферэндуму. "
)


def _fixture_pdf(tmp_path: Path, lang: str, text: str) -> Path:
    paragraphs = "".join(f"<p>{text * (i % 3 + 1)}</p>" for i in range(6))
    html = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>t</title>'
        '<link rel="stylesheet" href="fonts.css"><link rel="stylesheet" href="pdf.css"></head>'
        f'<body><article class="article"><h2 class="article-title" data-label="t">T</h2>{paragraphs}'
        "</article></body></html>"
    )
    result = render_pdf_bytes(bind_spaces(html, lang), templates=rs.config().templates)
    path = tmp_path / f"{lang}.pdf"
    path.write_bytes(result.data)
    return path


def _hyphen_breaks(body: list[ta.Line]) -> list[tuple[str, str]]:
    return [
        (ta._letters_before_hyphen(a.words[-1]), ta._letters_at_start(b.words[0]))
        for a, b in zip(body, body[1:])
        if a.words[-1].endswith(ta.HYPHENS) and len(a.words[-1]) > 1
    ]


@needs_poppler
@pytest.mark.parametrize(("lang", "text"), [("de", DE_TEXT), ("be", BE_TEXT)])
def test_long_words_break_with_three_letters_each_side(tmp_path: Path, lang: str, text: str) -> None:
    body = ta.body_lines(ta.read_lines(_fixture_pdf(tmp_path, lang, text)))
    breaks = _hyphen_breaks(body)
    assert breaks, "the fixture should need some hyphenation"
    assert all(len(before) >= 3 and len(after) >= 3 for before, after in breaks), breaks
    audit = ta.audit_lines(lang, body)
    assert 60 <= audit.p90_chars <= 75, audit


@needs_poppler
def test_belarusian_glossary_names_are_never_broken(tmp_path: Path) -> None:
    body = ta.body_lines(ta.read_lines(_fixture_pdf(tmp_path, "be", BE_TEXT)))
    stems = ("беларус", "лукашэнк", "ціханоўск", "украін", "расі")
    for before, after in _hyphen_breaks(body):
        word = (before + after).lower()
        assert not word.startswith(stems), f"{before}‐{after}"


# --- The shipped packs (shipped content) ----------------------------------------------------

TARGETS = {"en": 0.12, "de": 0.20, "be": 0.22}


@needs_poppler
@pytest.mark.parametrize("lang", sorted(TARGETS))
def test_shipped_packs_hold_the_typesetting_targets(lang: str) -> None:
    pdf = rs.built_dist() / lang / f"{rs.config().packs[0].slug}.pdf"
    audit = ta.audit_pdf(pdf)
    assert 60 <= audit.p90_chars <= 75, audit
    assert audit.hyphen_share <= TARGETS[lang], audit
    assert audit.short_fragments == 0, audit.examples


def test_no_running_head_on_an_articles_first_page() -> None:
    """Shipped content: the title is on an article's first page once (its heading), and in the
    running head of the page after it."""
    from pypdf import PdfReader

    reader = PdfReader(rs.built_dist() / "de" / f"{rs.config().packs[0].slug}.pdf")
    tops = [item for item in reader.outline if not isinstance(item, list)][1:-1]  # the articles
    assert tops
    for item in tops:
        number = reader.get_destination_page_number(item)
        assert number is not None, item.title
        start = re.sub(r"\s+", " ", str(item.title))[:15]
        first = re.sub(r"\s+", " ", reader.pages[number].extract_text() or "")
        assert first.count(start) == 1, (item.title, number + 1)
        nxt = re.sub(r"\s+", " ", reader.pages[number + 1].extract_text() or "")
        assert start in nxt, (item.title, number + 2)
