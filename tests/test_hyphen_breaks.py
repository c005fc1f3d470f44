"""The layout patches of pipeline/pdf.py: no page ends in a word broken by an inserted hyphen,
no more than two lines in a row end in one, and a clear error when the WeasyPrint 70
internals they wrap are missing.

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


def _assert_carried_over(before: list[ta.Line], after: list[ta.Line]) -> None:
    """Up to the first page WeasyPrint alone ends in a hyphen, both are the same; that page now
    stops before its hyphenated last lines, and the next page starts with them."""
    assert ta.audit_lines("weasyprint", before).page_turn_hyphens >= 1, "the fixture should need the patch"
    audit = ta.audit_lines("patched", after)
    assert audit.page_turn_hyphens == 0, [(line.page, line.text) for line in after]
    assert audit.widows == audit.orphans == 0, audit.examples
    old, new = _pages(before), _pages(after)
    turn = next(page for page, texts in sorted(old.items()) if _hyphenated(texts[-1]) and page + 1 in old)
    assert all(old[page] == new[page] for page in range(1, turn))
    kept = len(old[turn])
    while _hyphenated(old[turn][kept - 1]):
        kept -= 1
    assert kept >= 2 and new[turn] == old[turn][:kept]
    assert new[turn + 1][: len(old[turn]) - kept] == old[turn][kept:]


@needs_poppler
def test_no_page_ends_in_a_word_broken_by_a_hyphen(tmp_path: Path) -> None:
    """One long paragraph on pages six lines high: WeasyPrint alone leaves pages ending in
    'Menschen‐' (``_break_line``); the patch carries that line over too, and the page ends a
    line short."""
    html = _html([TEXT * 3], "70mm 43mm")
    with _unpatched(block, "_break_line", "find_earlier_page_break"):
        before = _lines(html, tmp_path, "weasyprint")
    assert ta.audit_lines("weasyprint", before).page_turn_hyphens >= 2
    _assert_carried_over(before, _lines(html, tmp_path, "patched"))


@needs_poppler
def test_no_hyphen_at_the_page_end_before_a_block_kept_with_it(tmp_path: Path) -> None:
    """A block that must not start a page (``break-before: avoid``, as the shipped CSS asks of
    an article's last block) takes the last lines of the paragraph before it along
    (``find_earlier_page_break`` keeps all but ``widows`` of them); when the last line left
    ends in a hyphen, one more goes."""
    last = "Der letzte Absatz bleibt mit dem vorigen zusammen und hat drei Zeilen oder mehr davon."
    html = _html([" ".join((TEXT * 2).split()[:29]), last], "70mm 43mm")
    html = html.replace("p { margin", "p:last-child { break-before: avoid } p { margin")
    with _unpatched(block, "find_earlier_page_break"):
        before = _lines(html, tmp_path, "weasyprint")
    _assert_carried_over(before, _lines(html, tmp_path, "patched"))


@needs_poppler
def test_a_paragraph_that_cannot_leave_orphans_goes_over_whole(tmp_path: Path) -> None:
    """A paragraph starting at the foot of a page with two lines there (orphans: 2), the
    second broken by a hyphen: carrying that line over would leave one, so WeasyPrint's
    orphans rule moves the whole paragraph, as it does for a paragraph too short to break."""
    first = "Ein kurzer erster Absatz, der drei Zeilen füllt und dann schon endet, ganz kurz und gut."
    html = _html([first, TEXT * 2], "70mm 43mm")
    with _unpatched(block, "_break_line", "find_earlier_page_break"):
        before = _pages(_lines(html, tmp_path, "weasyprint"))
    after = _pages(_lines(html, tmp_path, "patched"))
    start = TEXT.split()[0]
    assert _hyphenated(before[1][-1]) and before[1][-2].startswith(start), before[1]
    assert not any(line.startswith(start) for line in after[1]), after[1]
    assert after[1] == before[1][:-2] and after[2][:2] == before[1][-2:]


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
