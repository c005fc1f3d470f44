"""The Markdown reader: a page written in Markdown, or copied "as Markdown" from a browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.model import BlockKind, SourceMeta
from pipeline.readers import markdown, reader_for, text
from pipeline.readers.markdown import ingest_markdown, inline, looks_like
from pipeline.readers.text import unaccounted_lines

META = SourceMeta(slug="t", file="t.md")

PAGE = """\
[Skip to content](#main)

[![Logo](https://blog.example/logo.png)](https://blog.example/) [Notes from Białystok](https://blog.example/)

- [Home](https://blog.example/)
- [About me](https://blog.example/about/)
- [Archive](https://blog.example/archive/)

A Christmas fair in exile: how Białystok's Belarusians sell towels and hope
===========================================================================

*Posted on 29 November 2026 · Yahor Klimovich*

![A table with towels and straw spiders at the fair](https://blog.example/fair.jpg)
*Straw spiders by Tamara Zhuk. Photo: Yahor Klimovich*

On Saturday the Christmas fair gathered again in the hall of the Orthodox parish on Lipowa street, for the third year running.[^1]

This year there were **twenty-two** tables. Last year there were fifteen, and the year before only nine.

## Towels for złoty, spiders for dollars

Tamara Zhuk from Homel weaves straw spiders. She says that in Poland it is Poles who buy them, not Belarusians, who have *no room* for them.

> "It matters to me that the pattern is not lost," she says. "The village is almost gone, but the pattern is here."

> **Read also:** [How I learned Polish at sixty](https://blog.example/2026/10/polish/)

Part of the money goes, as in earlier years, to parcels for political prisoners, the organisers said in the evening.

[](https://blog.example/pixel)

---

[^1]: The organisers' figures, counted on the evening of 29 November. [↩](#fnref1)

**Tags:** [exile](https://blog.example/tag/exile/) · [Białystok](https://blog.example/tag/bialystok/) · [crafts](https://blog.example/tag/crafts/)

**Share:** [Facebook](https://facebook.example/share) · [Telegram](https://t.example/share) · [X](https://x.example/intent)

### 7 comments

**Ales** · 29.11.2026 at 21:14
Thank you for the text! We went with the children and bought an angel.

[Leave a comment](#respond)

© 2024–2026 Notes from Białystok · Made with WordPress · [RSS](https://blog.example/feed/)
"""


def _line(needle: str) -> int:
    return next(n for n, line in enumerate(PAGE.splitlines(), 1) if needle in line)


def test_marks_are_read_through_and_structure_kept() -> None:
    doc = ingest_markdown(PAGE, "t.md", META)
    assert doc.reader == "markdown"
    by_line = {b.line: b for b in doc.blocks}
    assert by_line[_line("A Christmas fair")].kind is BlockKind.TITLE
    assert by_line[_line("## Towels")].kind is BlockKind.HEADING
    assert by_line[_line("## Towels")].text == "Towels for złoty, spiders for dollars"
    assert by_line[_line("> \"It matters")].kind is BlockKind.QUOTE
    assert by_line[_line("![A table")].kind is BlockKind.CAPTION  # the picture's description
    assert by_line[_line("*Straw spiders")].kind is BlockKind.CAPTION  # the emphasised line under it
    assert "twenty-two" in by_line[_line("This year")].text and "**" not in by_line[_line("This year")].text
    assert "*" not in by_line[_line("Tamara Zhuk from")].text
    for block in doc.blocks:
        assert "](" not in block.text and "**" not in block.text, block.text
    assert doc.detected.authors == ("Yahor Klimovich",) and doc.detected.date == "2026-11-29"  # "Posted on <date> · <name>"


def test_furniture_in_markdown_is_dropped_by_the_text_rules() -> None:
    doc = ingest_markdown(PAGE, "t.md", META)
    kept = {n for b in doc.blocks for n in range(b.line, b.last_line + 1)}
    for needle in ("Read also", "**Tags:**", "**Share:**", "### 7 comments", "**Ales**", "Leave a comment", "© 2024", "- [Home]", "=====", "---"):
        assert _line(needle) not in kept, needle
    removed = {r.line: r for r in doc.removals if r.columns is None}
    assert removed[_line("**Tags:**")].text.startswith("**Tags:** [exile](")  # the source line as it stands


def test_every_source_line_is_accounted_for_and_trims_have_source_columns() -> None:
    doc = ingest_markdown(PAGE, "t.md", META)
    lines = PAGE.splitlines()
    assert unaccounted_lines(doc, lines) == []
    empty = _line("[](https://blog.example/pixel)")
    assert next(r for r in doc.removals if r.line == empty).rule == "markup"
    note = _line("[^1]: The organisers")
    trim = next(r for r in doc.removals if r.line == note and r.columns is not None)
    assert trim.columns is not None
    first, last = trim.columns
    assert lines[note - 1][first - 1 : last] == "[↩](#fnref1)" == trim.text
    block = next(b for b in doc.blocks if b.line == note)
    assert block.kind is BlockKind.NOTE and block.text == "[1] The organisers' figures, counted on the evening of 29 November."


@pytest.mark.parametrize(
    ("marked", "shown"),
    [
        ("[text](https://x.example/a_(b))", "text"),
        ("**bold** and *em* and _em_ and `code`", "bold and em and em and code"),
        ("a snake_case_name stays, 2*3*4 too", "a snake_case_name stays, 2*3*4 too"),
        ("see [^12] and <https://x.example>", "see [12] and https://x.example"),
        ("\\*not emphasis\\*", "*not emphasis*"),
        ("[ref link][1] here", "ref link here"),
    ],
)
def test_inline_marks(marked: str, shown: str) -> None:
    assert inline(marked) == shown


def test_which_files_are_read_as_markdown(tmp_path: Path) -> None:
    data = PAGE.encode()
    assert reader_for("page.md", data) is markdown.READER
    assert reader_for("page.txt", data) is markdown.READER  # copied as Markdown, saved as text
    assert reader_for("page", data) is markdown.READER
    plain = b"A title\n\nA paragraph with [a bracket] and a * star, (and parentheses).\n\n## not quite\n"
    assert not looks_like(plain.decode())
    assert reader_for("page.txt", plain) is text.READER
