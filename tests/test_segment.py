"""Sentence segmentation: the cases in tests/segment/, properties, bad input, documents, seeds."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import PipelineError
from pipeline.model import Block, BlockKind, Document, Segment, SourceMeta
from pipeline.segment import (
    SegmentError,
    languages,
    load_rules,
    rules,
    segment,
    segment_document,
    sentence_spans,
)

CASES = Path(__file__).parent / "segment"
LANGS = ("en", "de", "be", "ru", "uk", "pl")


def _read_cases(path: Path) -> list[tuple[str, str, list[str]]]:
    """(id, input, expected segments) from one case file (format: tests/segment/README.md)."""
    cases: list[tuple[str, str, list[str]]] = []
    current: tuple[int, str, list[str]] | None = None
    for lineno, line in enumerate([*path.read_text(encoding="utf-8").splitlines(), ""], 1):
        if line.startswith("#"):
            continue
        if line.startswith("> "):
            assert current is None, f"{path.name}:{lineno}: a case needs a blank line before the next"
            current = (lineno, line[2:].replace("\\n", "\n"), [])
        elif line.strip():
            assert current is not None, f"{path.name}:{lineno}: expected segment outside a case"
            current[2].append(line)
        elif current is not None:
            assert current[2], f"{path.name}:{current[0]}: case without expected segments"
            cases.append((f"{path.stem}:{current[0]}", current[1], current[2]))
            current = None
    return cases


ALL_CASES = [(path.stem, *case) for path in sorted(CASES.glob("*.txt")) for case in _read_cases(path)]


def test_every_language_has_cases() -> None:
    assert {lang for lang, *_ in ALL_CASES} == set(LANGS)
    assert len(ALL_CASES) >= 80


@pytest.mark.parametrize(("lang", "case_id", "text", "expected"), ALL_CASES, ids=[c[1] for c in ALL_CASES])
def test_case(lang: str, case_id: str, text: str, expected: list[str]) -> None:
    assert segment(text, lang) == expected


# --------------------------------------------------------------------------------------
# Properties


def _covers(text: str, parts: list[str]) -> bool:
    """Every part is stripped and non-empty; only whitespace lies between and around them."""
    pos = 0
    for part in parts:
        if not part or part != part.strip():
            return False
        i = text.find(part, pos)
        if i < 0 or text[pos:i].strip():
            return False
        pos = i + len(part)
    return not text[pos:].strip()


_ALPHABET = st.sampled_from(
    list("aZ.!?…. .\n\t\"'“”‘’„«»()[]•-–—,;:0123456789@/") + ["Mr.", "U.S.", " г. ", "1. ", "a) ", " Ab", "Я", "ß", "\x00", "\u2028"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=80).map("".join), st.sampled_from(LANGS))
def test_segments_cover_the_text_exactly(text: str, lang: str) -> None:
    parts = segment(text, lang)
    assert _covers(text, parts)
    spans = sentence_spans(text, lang)
    assert [text[s:e] for s, e in spans] == parts
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.sampled_from(LANGS))
def test_any_unicode_text_is_covered(text: str, lang: str) -> None:
    assert _covers(text, segment(text, lang))


# --------------------------------------------------------------------------------------
# Languages and rule files


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(SegmentError, match=r"no sentence-segmentation rules for language 'xx'.*known: be, de, en, pl, ru, uk"):
        segment("Hello. World.", "xx")
    assert issubclass(SegmentError, PipelineError)
    with pytest.raises(SegmentError):
        segment("", "../en")


def test_language_tags_with_regions() -> None:
    assert segment("Er kam am 3. Mai. Dann ging er.", "de-AT") == ["Er kam am 3. Mai.", "Dann ging er."]
    assert rules("be_BY").lang == "be"
    assert set(languages()) >= set(LANGS)


def test_rule_files_ship_as_package_data() -> None:
    data = resources.files("pipeline").joinpath("data", "segment")
    for lang in LANGS:
        assert data.joinpath(f"{lang}.toml").is_file()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[abbreviations]\nprepositive = "Mr"\n', r"abbreviations\.prepositive: expected a list of strings"),
        ('[abbreviations]\nother = ["ok", 3]\n', r"abbreviations\.other\[1\]: expected a non-empty string"),
        ("[abbreviations]\nsomething = []\n", r"abbreviations\.something: unknown key"),
        ("[grammar]\nx = 1\n", r"grammar: unknown section"),
        ('[quotes]\npairs = ["«»", "“"]\n', r"quotes\.pairs\[1\]: expected an opening and a closing mark"),
        ('[rules]\ndialogue_dash = "maybe"\n', r"rules\.dialogue_dash: expected 'splits' or 'continues'"),
        ("[rules]\nmin_words = true\n", r"rules\.min_words: expected int"),
        ("[rules\n", r":1:7: invalid TOML: expected ']' at the end of a table declaration"),
    ],
)
def test_bad_rule_files_name_the_file_and_key(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "xx.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SegmentError, match=re.escape(str(path)) + ".*" + message):
        load_rules(path)


def test_a_linguist_can_add_an_abbreviation(tmp_path: Path) -> None:
    base = (resources.files("pipeline") / "data" / "segment" / "en.toml").read_text(encoding="utf-8")
    text = "The office is at Kalinoŭskaha vul. Nothing else is known."
    assert len(segment(text, "en")) == 2
    extended = tmp_path / "en.toml"
    extended.write_text(base.replace('prepositive = [', 'prepositive = [\n    "vul",', 1), encoding="utf-8")
    r = load_rules(extended)
    assert "vul" in r.prepositive and r.lang == "en"


# --------------------------------------------------------------------------------------
# Bad input


@pytest.mark.parametrize("lang", LANGS)
def test_empty_and_blank_text(lang: str) -> None:
    assert segment("", lang) == []
    assert segment(" \n\t\n ", lang) == []
    assert sentence_spans("", lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_text_without_a_sentence_end(lang: str) -> None:
    assert segment("  no end in sight here  ", lang) == ["no end in sight here"]


def test_one_megabyte_single_line() -> None:
    line = "Lukashenka met Putin in Sochi on Friday. " * 25_000  # ~1 MB, no line break
    parts = segment(line, "en")
    assert len(parts) == 25_000 and set(parts) == {"Lukashenka met Putin in Sochi on Friday."}
    assert segment("." * 1_000_000, "en") == ["." * 1_000_000]
    assert len(segment("A. " * 300_000, "be")) == 1


def test_control_characters_and_mixed_scripts() -> None:
    text = "Start\x00 here. Second\x07 one!\x1b Third ok. 中文。 مرحبا! Лукашэнка сказаў: «Не». End."
    parts = segment(text, "be")
    assert _covers(text, parts)
    assert parts[0] == "Start\x00 here."
    assert parts[-1] == "End."


# --------------------------------------------------------------------------------------
# Documents


def _doc(blocks: list[Block], *, language: str = "en", keep_whole: bool = False) -> Document:
    meta = SourceMeta(slug="x", file="x.txt", language=language, keep_whole=keep_whole)
    return Document(meta, "seeds/x.txt", tuple(blocks), (), 20)


def test_segment_document_splits_prose_and_keeps_other_blocks_whole() -> None:
    doc = _doc(
        [
            Block(BlockKind.TITLE, "Belarus must support Ukraine. Now.", 1, 1),
            Block(BlockKind.PARAGRAPH, "Mr. Smith came. He left at 5 p.m. on Friday. Nobody saw him.", 3, 1),
            Block(BlockKind.LIST_ITEM, "Apply sanctions. Grant visas.", 5, 1),
            Block(BlockKind.HEADING, "What now? A plan.", 7, 1),
            Block(BlockKind.PARAGRAPH, "One sentence only.", 9, 2),
            Block(BlockKind.CREDIT, "(c) Foreign Policy. 2022.", 10, 1),
            Block(BlockKind.BYLINE, "By A. N. Other", 11, 1),
        ]
    )
    segs = segment_document(doc)
    assert [(s.kind, s.text, s.sentence, s.sentences, s.line, s.block_index) for s in segs] == [
        (BlockKind.TITLE, "Belarus must support Ukraine. Now.", 1, 1, 1, 1),
        (BlockKind.PARAGRAPH, "Mr. Smith came.", 1, 3, 3, 1),
        (BlockKind.PARAGRAPH, "He left at 5 p.m. on Friday.", 2, 3, 3, 1),
        (BlockKind.PARAGRAPH, "Nobody saw him.", 3, 3, 3, 1),
        (BlockKind.LIST_ITEM, "Apply sanctions. Grant visas.", 1, 1, 5, 1),
        (BlockKind.HEADING, "What now? A plan.", 1, 1, 7, 1),
        (BlockKind.PARAGRAPH, "One sentence only.", 1, 1, 9, 2),
        (BlockKind.CREDIT, "(c) Foreign Policy. 2022.", 1, 1, 10, 1),
        (BlockKind.BYLINE, "By A. N. Other", 1, 1, 11, 1),
    ]
    assert [s.column for s in segs[1:4]] == [1, 17, 46]
    assert all(s.path == "seeds/x.txt" for s in segs)
    assert segs[2].position == "paragraph 1, sentence 2/3"
    assert segs[2].reference == "seeds/x.txt:3"


def test_columns_point_into_the_block_text() -> None:
    text = "First one.   Second one!  «Third»"
    doc = _doc([Block(BlockKind.QUOTE, text, 4, 1)], language="be")
    for s in segment_document(doc):
        assert text[s.column - 1 : s.column - 1 + len(s.text)] == s.text


def test_keep_whole_per_block_and_per_document() -> None:
    blocks = [
        Block(BlockKind.PARAGRAPH, "One. Two. Three.", 1, 1, keep_whole=True),
        Block(BlockKind.PARAGRAPH, "Four. Five.", 3, 2),
    ]
    assert [s.text for s in segment_document(_doc(blocks))] == ["One. Two. Three.", "Four.", "Five."]
    assert [s.text for s in segment_document(_doc(blocks, keep_whole=True))] == ["One. Two. Three.", "Four. Five."]


def test_document_segments_are_stripped_and_blank_blocks_dropped() -> None:
    doc = _doc([Block(BlockKind.PARAGRAPH, "  Padded sentence.  ", 2, 1), Block(BlockKind.HEADING, "   ", 3, 1)])
    segs = segment_document(doc)
    assert [(s.text, s.column) for s in segs] == [("Padded sentence.", 3)]


def test_document_in_an_unknown_language_names_the_file() -> None:
    with pytest.raises(SegmentError, match=r"^seeds/x\.txt: no sentence-segmentation rules for language 'xx'"):
        segment_document(_doc([Block(BlockKind.PARAGRAPH, "Hello.", 1, 1)], language="xx"))


def test_german_and_belarusian_documents() -> None:
    de = _doc([Block(BlockKind.PARAGRAPH, "Am 24. Februar begann der Krieg. Belarus half mit.", 1, 1)], language="de")
    assert [s.text for s in segment_document(de)] == ["Am 24. Februar begann der Krieg.", "Belarus half mit."]
    be = _doc([Block(BlockKind.PARAGRAPH, "У 2020 г. Лукашэнка прайграў. Ён застаўся.", 1, 1)], language="be")
    assert [s.text for s in segment_document(be)] == ["У 2020 г. Лукашэнка прайграў.", "Ён застаўся."]


# --------------------------------------------------------------------------------------
# The real seeds


@pytest.fixture(scope="module")
def seed_segments() -> list[tuple[Document, tuple[Segment, ...]]]:
    from pipeline.config import load_config
    from pipeline.ingest import load_documents

    return [(doc, segment_document(doc)) for doc in load_documents(load_config())]


def test_seed_segments_cover_their_blocks(seed_segments: list[tuple[Document, tuple[Segment, ...]]]) -> None:
    from pipeline.config import load_config
    from pipeline.ingest import load_seeds

    assert len(seed_segments) == len(load_seeds(load_config()))  # whatever the manifest lists
    for doc, segs in seed_segments:
        for block in doc.published_blocks:  # captions of pictures the pack does not carry are not segmented
            mine = [s for s in segs if (s.line, s.kind, s.block_index) == (block.line, block.kind, block.index)]
            assert _covers(block.text, [s.text for s in mine]), (doc.path, block.line)
            assert [s.sentence for s in mine] == list(range(1, len(mine) + 1))
            if not block.kind.is_prose:
                assert len(mine) == 1


def test_no_seed_segment_is_obviously_wrong(seed_segments: list[tuple[Document, tuple[Segment, ...]]]) -> None:
    texts = [s.text for _, segs in seed_segments for s in segs]
    for _, segs in seed_segments:
        for before, seg in zip((None, *segs), segs):
            # a sentence of prose cut in two (a list item may start in lower case: "• closed hearings");
            # a letter's first paragraph under its greeting may too ("Dzień dobry," / "w tym tygodniu ...")
            under_greeting = seg.sentence == 1 and before is not None and before.text.endswith(",")
            assert not (seg.kind.is_prose and seg.text[0].islower() and not under_greeting), seg.text
    for text in texts:
        assert not re.search(r"\b(?:a\.m|p\.m|Feb|Mr|Dr|St|No|U\.S|e\.g|i\.e)\.$", text), text
        assert text.count("“") == text.count("”"), text  # quotations are never split inside
    expected = [
        "According to Belarusian state media, Lukashenko spoke to Putin at 5 a.m. local time on Thursday, "
        "just after Russia’s invasion of Ukraine began.",
        "(c) Foreign Policy, 2022",
        "According to Belarusian authorities’ estimates, losses from sanctions could reach up to $18 billion.",
        "For example, in the first six months of 2022, the outflow of specialists from this area amounted to "
        "10,000 people.",
        "“I don’t know if Belarus will survive this war. What we are witnessing is the beginning of something "
        "very dangerous. We need tough sanctions and a refusal [from Western leaders] to recognize Lukashenko "
        "and his supporters.”",
        "“The Belarusian people want to have a neutral status in this conflict. They just cannot go out on the "
        "street and show their opposition because of the crackdown on dissent.”",
        "In Poland, a video capturing the behaviour of a dangerous driver, demanding a Belarusian driver "
        "“go back to your Lukashenka.”",
        "(Under the agreement, Ukraine was also supposed to have the same security and sovereignty guarantees.)",
        "And the foreign press wrote with admiration about the country’s “peaceful revolution”.",
    ]
    for sentence in expected:
        assert sentence in texts
    starts = {
        "Belarusians are also going to the polls on Feb. 27 to vote": "Belarusian soil.",
        "According to many election observers": "had never been a public figure before.",
        "For example, the #BelBritain4Ukraine initiative": "a military hospital in Lviv.",
        "The two have also discussed strengthening": "alarm bells across Europe.",
        "“I don’t think it was the political will": "a Belarusian analyst.",
    }
    for start, end in starts.items():
        found = [t for t in texts if t.startswith(start)]
        assert len(found) == 1 and found[0].endswith(end), (start, found)
    assert any("—despite his many years in power— not to an experienced politician" in t for t in texts)


def test_cli_segment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.cli import main

    sample = tmp_path / "sample.txt"
    sample.write_text("Am 24. Februar begann der Krieg. Belarus half mit.\n\nEnde\n", encoding="utf-8")
    assert main(["segment", "--lines", "--lang", "de", str(sample)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{sample}:1:1: Am 24. Februar begann der Krieg.",
        f"{sample}:1:34: Belarus half mit.",
        f"{sample}:3:1: Ende",
    ]
    assert main(["segment", "--lines", "--lang", "xx", str(sample)]) == 1
    assert "no sentence-segmentation rules for language 'xx'" in capsys.readouterr().err
    assert main(["segment", "--json"]) == 0
    rows = __import__("json").loads(capsys.readouterr().out)
    assert {"ref", "column", "position", "text"} <= set(rows[0]) and len(rows) > 200
    broken = tmp_path / "broken.txt"
    broken.write_bytes("Erste Zeile.\nZweite \xff Zeile.\n".encode("latin-1"))
    for mode in (["--lines"], []):
        assert main(["segment", *mode, "--lang", "de", str(broken)]) == 1
        err = capsys.readouterr().err
        assert f"{broken.name}:2:" in err and "Traceback" not in err


def test_cli_segment_of_a_page_shows_what_translators_get(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A saved page is read and cleaned as ingest reads it: its sentences, not its markup."""
    from pipeline.cli import main

    page = tmp_path / "page.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Figures Published Late</title></head><body>'
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Figures Published Late</h1>'
        "<p>The ministry published the figures on Monday. Officials blamed a change of method.</p>"
        "<p>Opposition economists said the new method hides the real rate of inflation.</p></article>"
        "<footer>© 2026 Example News. All rights reserved.</footer></body></html>", encoding="utf-8")
    assert main(["segment", "--json", str(page)]) == 0
    rows = __import__("json").loads(capsys.readouterr().out)
    texts = [r["text"] for r in rows]
    assert texts == ["Figures Published Late", "The ministry published the figures on Monday.",
                     "Officials blamed a change of method.",
                     "Opposition economists said the new method hides the real rate of inflation."]
    assert rows[2]["position"] == "paragraph 1, sentence 2/2"
