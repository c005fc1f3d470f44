"""The layout patches of pipeline/pdf.py: no page ends in a word broken by an inserted hyphen
(its last line is laid out again to end at a space, or goes over, and the page is never more
than a line short for it), no more than two lines in a row end in one, and a clear error when
the WeasyPrint 70 internals they wrap are missing.

Each layout test renders a small German document twice: as the build does, and with the patch
taken out (the wrapped WeasyPrint function put back), which shows that the fixture needs it.
The lines are read back from the PDF with bench/typeset_audit.py.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from weasyprint.layout import block, inline  # type: ignore[import-untyped]

import pipeline.pdf as pdf_stage
from pipeline.errors import RenderError
from pipeline.pdf import render_pdf_bytes
from tests import render_support as rs

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import typeset_audit as ta  # noqa: E402

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

TEXT = (
    "Das Bundesverfassungsgericht prüfte die Sanktionsmaßnahmen der Europäischen Union gegen "
    "die Nichtregierungsorganisationen und Menschenrechtsorganisationen, die nach der "
    "Präsidentschaftswahl und dem Verfassungsreferendum verboten wurden; die "
    "Donaudampfschifffahrtsgesellschaft und die Rechtsschutzversicherungsgesellschaften "
    "berichteten über Grundstücksverkehrsgenehmigungen und Arbeitsunfähigkeitsbescheinigungen. "
)


def _html(paragraphs: list[str], size: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>t</title>'
        '<link rel="stylesheet" href="fonts.css"><style>'
        f"@page {{ size: {size}; margin: 6mm }} "
        'html { font: 10pt/14pt "Briefing Serif"; hyphens: auto; hyphenate-limit-chars: 6 3 3; orphans: 2; widows: 2 } '
        "p { margin: 0 0 7pt }"
        f"</style></head><body>{body}</body></html>"
    )


def _lines(html: str, tmp_path: Path, name: str) -> list[ta.Line]:
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(render_pdf_bytes(html, templates=rs.config().templates).data)
    return ta.body_lines(ta.read_lines(pdf))


@contextmanager
def _unpatched(module: Any, *names: str) -> Iterator[None]:
    """WeasyPrint's own functions in place of the patches named (their ``__wrapped__``)."""
    saved = {name: getattr(module, name) for name in names}
    for name, patched in saved.items():
        setattr(module, name, patched.__wrapped__)
    try:
        yield
    finally:
        for name, patched in saved.items():
            setattr(module, name, patched)


def _pages(lines: list[ta.Line]) -> dict[int, list[str]]:
    pages: dict[int, list[str]] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line.text)
    return pages


def _hyphenated(text: str) -> bool:
    return text.endswith("\u2010")


def _words(lines: list[ta.Line]) -> list[str]:
    """The words of ``lines`` in order, a word broken by an inserted hyphen made whole."""
    return " ".join(line.text for line in lines).replace("\u2010 ", "").split()


def _turn(pages: dict[int, list[str]]) -> int:
    """The first page ending in an inserted hyphen with a page after it."""
    return next(page for page, texts in sorted(pages.items()) if _hyphenated(texts[-1]) and page + 1 in pages)


def _assert_broken_again(before: list[ta.Line], after: list[ta.Line]) -> int:
    """Up to the first page WeasyPrint alone ends in a hyphen, both are the same; that page
    keeps its number of lines, its last line now ends at a space before the broken word, and
    the next page starts with the rest of it; no word is lost or moved.  Returns that page."""
    old, new = _pages(before), _pages(after)
    turn = _turn(old)
    assert all(old[page] == new[page] for page in range(1, turn))
    assert len(new[turn]) == len(old[turn]) and new[turn][:-1] == old[turn][:-1], (old[turn], new[turn])
    last = new[turn][-1]
    assert not _hyphenated(last) and old[turn][-1].startswith(last + " "), (old[turn][-1], last)
    broken = old[turn][-1].split()[-1].rstrip("\u2010")
    assert new[turn + 1][0].startswith(broken), new[turn + 1]
    assert _words(after) == _words(before)
    audit = ta.audit_lines("patched", after)
    assert audit.page_turn_hyphens == 0, [(line.page, line.text) for line in after]
    assert audit.widows == audit.orphans == 0, audit.examples
    return turn


@needs_poppler
def test_a_page_s_last_line_is_broken_again_at_a_space(tmp_path: Path) -> None:
    """One long paragraph on pages six lines high: WeasyPrint alone ends page 1 in
    'Menschen‐' (``_break_line``); the patch lays that line out again without automatic
    hyphenation ('nisationen und'): the page stays full and 'Menschenrechts...' starts page 2."""
    html = _html([TEXT * 3], "70mm 43mm")
    with _unpatched(block, "_break_line", "find_earlier_page_break"):
        before = _lines(html, tmp_path, "weasyprint")
    assert ta.audit_lines("weasyprint", before).page_turn_hyphens >= 2, "the fixture should need the patch"
    after = _lines(html, tmp_path, "patched")
    assert _assert_broken_again(before, after) == 1
    # Where the line laid out again would hold a single word ('über'), the line goes over
    # instead and its page ends one line short: never more than one.
    pages = _pages(after)
    assert pages[5][-1] == "rungsgesellschaften berichteten" and pages[6][0] == "über Grundstücksverkehrsge‐"
    assert len(pages[5]) == max(len(texts) for texts in pages.values()) - 1


def _kept_with_the_last(words: int) -> str:
    """A paragraph of ``words`` words, then one that must not start a page (``break-before:
    avoid``, as the shipped CSS asks of an article's last block)."""
    last = "Der letzte Absatz bleibt mit dem vorigen zusammen und hat drei Zeilen oder mehr davon."
    html = _html([" ".join((TEXT * 2).split()[:words]), last], "70mm 43mm")
    return html.replace("p { margin", "p:last-child { break-before: avoid } p { margin")


@needs_poppler
def test_the_last_line_before_a_block_kept_with_it_is_broken_again(tmp_path: Path) -> None:
    """The block kept with the paragraph before takes its last lines along
    (``find_earlier_page_break`` keeps all but ``widows`` of them); when the last line left ends
    in a hyphen ('Menschen‐'), it is laid out again and ends at a space."""
    html = _kept_with_the_last(48)
    with _unpatched(block, "find_earlier_page_break"):
        before = _lines(html, tmp_path, "weasyprint")
    assert _assert_broken_again(before, _lines(html, tmp_path, "patched")) == 4


@needs_poppler
def test_a_line_that_cannot_be_broken_again_goes_over(tmp_path: Path) -> None:
    """Laid out without hyphenation, the last line left ('gegen die Nichtregierungsorga‐')
    would keep two short words: it goes over with the others and the page ends one line short."""
    html = _kept_with_the_last(45)
    with _unpatched(block, "find_earlier_page_break"):
        old = _pages(_lines(html, tmp_path, "weasyprint"))
    new = _pages(_lines(html, tmp_path, "patched"))
    turn = _turn(old)
    assert old[turn][-1] == "gegen die Nichtregierungsorga‐"
    assert new[turn] == old[turn][:-1] and new[turn + 1][0] == old[turn][-1]


@needs_poppler
def test_a_hyphen_stays_rather_than_leave_a_hole(tmp_path: Path) -> None:
    """A paragraph starting at the foot of a page with two lines there (orphans: 2), the
    second broken by a hyphen ('prüfte die Sanktionsmaßnah‐') that laid out again would keep
    two short words.  Carrying it over would leave one line, so the orphans rule would move the
    whole paragraph and leave a hole of three lines (the rule before this one did): the hyphen
    stays and the page is the same as WeasyPrint's own."""
    first = "Ein kurzer erster Absatz, der drei Zeilen füllt und dann schon endet, ganz kurz und gut."
    html = _html([first, TEXT * 2], "70mm 43mm")
    with _unpatched(block, "_break_line", "find_earlier_page_break"):
        before = _pages(_lines(html, tmp_path, "weasyprint"))
    after = _pages(_lines(html, tmp_path, "patched"))
    assert before[1][-2:] == ["Das Bundesverfassungsgericht", "prüfte die Sanktionsmaßnah‐"], before[1]
    assert after[1] == before[1] and after[2][0] == before[2][0]


@needs_poppler
def test_no_three_lines_in_a_row_end_in_a_hyphen(tmp_path: Path) -> None:
    """A narrow column of German compounds: WeasyPrint alone hyphenates three lines and more
    in a row; with the patch, the line after two hyphenated ones breaks at a space."""
    html = _html([TEXT * 2], "80mm 400mm")
    with _unpatched(block, "iter_line_boxes"), _unpatched(inline, "split_first_line"):
        before = [line.text for line in _lines(html, tmp_path, "weasyprint")]
    after = [line.text for line in _lines(html, tmp_path, "patched")]
    runs = [i for i in range(len(before) - 2) if all(_hyphenated(t) for t in before[i : i + 3])]
    assert runs, "the fixture should need the patch"
    assert not [i for i in range(len(after) - 2) if all(_hyphenated(t) for t in after[i : i + 3])], after
    # The lines before the first ladder are the same; its third line now ends at a space.
    third = runs[0] + 2
    assert after[:third] == before[:third]
    assert not _hyphenated(after[third]) and after[third].split()[-1] != before[third].split()[-1]
    assert " ".join(after).replace("\u2010 ", "") == " ".join(before).replace("\u2010 ", "")  # the same words


def test_each_patch_fails_loudly_without_the_internals_it_wraps(monkeypatch: pytest.MonkeyPatch) -> None:
    """A WeasyPrint without the functions the patches wrap (or with other parameters) is a
    RenderError naming the function, not a silently different layout."""
    installed = block._break_line
    pdf_stage._avoid_page_turn_hyphens()  # installed once: a second call changes nothing
    assert block._break_line is installed and installed._pipeline_turns
    monkeypatch.delattr(block, "_break_line")
    with pytest.raises(RenderError, match=r"block\._break_line: WeasyPrint .* has no _break_line\(context, box, line"):
        pdf_stage._avoid_page_turn_hyphens()
    monkeypatch.setattr(block, "iter_line_boxes", block.iter_line_boxes.__wrapped__)
    monkeypatch.setattr(inline, "split_first_line", lambda text, context: None)
    with pytest.raises(RenderError, match=r"has no split_first_line\(text, style, context, max_width"):
        pdf_stage._limit_hyphen_ladders()
    assert block.iter_line_boxes is inline.iter_line_boxes  # nothing was installed halfway
