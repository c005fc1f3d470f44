"""Structure decided at ingest for what the pack prints: a lone bullet line heading its
section is a heading; captions and credits of pictures the pack does not carry are kept by
ingest (accounted for) but neither printed nor sent to translators."""

from __future__ import annotations

from pipeline.localize import localize_document
from pipeline.manifest import Match, Overrides
from pipeline.model import BlockKind, SourceMeta
from pipeline.readers.base import lone_items_as_headings
from pipeline.readers.html import HtmlReader
from pipeline.readers.text import ingest_text
from pipeline.segment import segment_document

META = SourceMeta(slug="s", file="s.txt")

BODY = ("The ministry published the figures on Monday, two weeks later than it had promised. "
        "Officials said the delay was caused by a change of method.")
BODY2 = ("In the regions, prices of food and fuel rose by almost a fifth over the year, according to "
         "the statistics office, while wages in the capital kept pace with them.")
BODY3 = ("Opposition economists in exile said the new method hides the real rate of inflation, and "
         "called on the ministry to publish the data it had used before the change.")

SECTIONS = f"""Ministry Publishes Delayed Figures

{BODY}

  • Prices rose faster in the regions

{BODY2}

  • What the opposition says

{BODY3}
"""

LIST = f"""Ministry Publishes Delayed Figures

{BODY} The report names three causes:

  • higher energy prices
  • a weaker currency
  • new import duties

{BODY2}
"""


def _kinds(text: str, overrides: Overrides = Overrides()) -> list[tuple[BlockKind, str]]:
    doc = ingest_text(text, "s.txt", META, overrides)
    return [(b.kind, b.text) for b in doc.blocks]


def test_a_lone_bullet_heading_its_section_is_a_heading() -> None:
    kinds = _kinds(SECTIONS)
    assert (BlockKind.HEADING, "Prices rose faster in the regions") in kinds
    assert (BlockKind.HEADING, "What the opposition says") in kinds
    assert not any(k is BlockKind.LIST_ITEM for k, _ in kinds)


def test_a_list_stays_a_list() -> None:
    kinds = _kinds(LIST)
    assert [t for k, t in kinds if k is BlockKind.LIST_ITEM] == ["higher energy prices", "a weaker currency", "new import duties"]


def test_an_override_has_the_last_word() -> None:
    forced = Overrides(kinds=((Match("kinds", text="prices rose"), BlockKind.LIST_ITEM),))
    kinds = _kinds(SECTIONS, forced)
    assert (BlockKind.LIST_ITEM, "Prices rose faster in the regions") in kinds
    assert (BlockKind.HEADING, "What the opposition says") in kinds


def test_the_rule() -> None:
    P, I = BlockKind.PARAGRAPH, BlockKind.LIST_ITEM
    H = BlockKind.HEADING
    # a sentence, a long line, one before another item, one with no paragraph below, a forced one
    assert lone_items_as_headings([P, I, P], ["x", "Prices rose.", "y"]) == [P, I, P]
    assert lone_items_as_headings([P, I, P], ["x", " ".join(["word"] * 15), "y"]) == [P, I, P]
    assert lone_items_as_headings([P, I, I, P], ["x", "One", "Two", "y"]) == [P, I, I, P]
    assert lone_items_as_headings([P, I], ["x", "Last words"]) == [P, I]
    assert lone_items_as_headings([P, I, P], ["x", "Heading", "y"], [False, True, False]) == [P, I, P]
    assert lone_items_as_headings([P, I, P], ["x", "Why now?", "y"]) == [P, H, P]


def test_html_one_item_list_heading_its_section() -> None:
    page = f"""<!DOCTYPE html><html lang="en"><head><title>Ministry Publishes Delayed Figures</title></head>
<body><article><h1>Ministry Publishes Delayed Figures</h1>
<p>{BODY}</p>
<ul><li>Prices rose faster in the regions</li></ul>
<p>{BODY2}</p>
<p>{BODY3}</p>
<ul><li>higher energy prices</li><li>a weaker currency</li></ul>
<p>{BODY2} {BODY}</p>
</article></body></html>"""
    doc = HtmlReader().read(page.encode(), "s.html", META)
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert (BlockKind.HEADING, "Prices rose faster in the regions") in kinds
    assert (BlockKind.LIST_ITEM, "higher energy prices") in kinds


PICTURED = f"""Ministry Publishes Delayed Figures

{BODY}

The ministry's building in Minsk
Photo: Jan Kowalski

{BODY2}

{BODY3}
"""


def test_captions_without_their_picture_are_kept_but_not_published() -> None:
    doc = ingest_text(PICTURED, "s.txt", META)
    kinds = {b.kind for b in doc.blocks}
    assert {BlockKind.CAPTION, BlockKind.CREDIT} <= kinds  # ingest accounts for them
    assert not any(b.kind in (BlockKind.CAPTION, BlockKind.CREDIT) for b in doc.published_blocks)
    segments = segment_document(doc)
    assert not any("Kowalski" in s.text or "building in Minsk" in s.text for s in segments)  # not sent to translators
    article = localize_document(doc, segments, {}, "de")
    printed = " ".join(run.text for block in article.blocks for run in block.runs)
    assert "Kowalski" not in printed and "building in Minsk" not in printed
    assert "prices of food and fuel" in printed and "Opposition economists" in printed


def test_a_credit_that_is_not_a_pictures_is_printed() -> None:
    text = f"""Ministry Publishes Delayed Figures

{BODY}

{BODY2}

{BODY3}

(c) Foreign Policy, 2022
"""
    doc = ingest_text(text, "s.txt", META)
    credit = next(b for b in doc.blocks if b.kind is BlockKind.CREDIT)
    assert credit in doc.published_blocks and not doc.unpublished(credit)
