"""Ingest: structure, clean-up with an audit trail, strict decoding, the manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.config import load_config
from pipeline.errors import ConfigError, PipelineError, SourceError
from pipeline.ingest import decode, ingest_file, ingest_text, load_documents, load_seeds, unaccounted_lines
from pipeline.manifest import Match, Overrides, lines, load_manifest
from pipeline.model import BlockKind, Document, SourceMeta
from tests import shipped

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
GOLDEN = TESTS / "golden" / "ingest"
UNSEEN = sorted((TESTS / "ingest").glob("*.txt"))
BAD_INPUTS = sorted(p for p in (TESTS / "bad" / "ingest").iterdir() if not p.name.endswith(".expect"))
BAD_MANIFESTS = sorted(p for p in (TESTS / "bad" / "manifest").iterdir() if p.is_dir())


_snapshot = shipped.ingest_snapshot


def _golden_cases(*, existing: bool = True) -> list[tuple[str, Document, Path]]:
    """Every seed of the manifest and every unseen page with its golden file; with ``existing``,
    only those that have one, so that an article a user adds needs no golden until they make one."""
    config = load_config(ROOT)
    cases = [(doc.slug, doc, GOLDEN / f"{doc.slug}.expect.json") for doc in load_documents(config)]
    for path in UNSEEN:
        doc = ingest_file(path, root=ROOT)
        cases.append((path.name, doc, path.with_name(path.name + ".expect.json")))
    return [case for case in cases if case[2].is_file()] if existing else cases


def regenerate_goldens() -> list[Path]:
    written = []
    for _, doc, golden in _golden_cases(existing=False):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(_snapshot(doc), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(golden)
    return written


@pytest.mark.parametrize("name,doc,golden", _golden_cases(), ids=lambda v: v if isinstance(v, str) else "")
def test_golden(name: str, doc: Document, golden: Path) -> None:
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert _snapshot(doc) == expected, f"regenerate with `make goldens` if the change is intended ({golden})"


def test_shipped_seeds_have_goldens() -> None:
    """Shipped-content check: the seeds the project ships are pinned by a golden (a new seed may
    have none until `make goldens`)."""
    assert {path.name for path in GOLDEN.glob("*.expect.json")} >= {f"{slug}.expect.json" for slug in BOILERPLATE}


def test_every_line_of_every_seed_is_accounted_for() -> None:
    config = load_config(ROOT)
    for seed in load_seeds(config):
        lines = seed.path.read_text(encoding="utf-8").split("\n")
        doc = ingest_file(seed.path, seed, ROOT)
        if doc.reader != "text":
            # An HTML page is accounted for character by character, not by line (the audit
            # law in tests/test_html_reader.py); here only that every place is in the file.
            assert all(1 <= r.line <= doc.line_count for r in doc.removals)
            assert all(1 <= b.line <= b.last_line <= doc.line_count for b in doc.blocks)
            continue
        assert unaccounted_lines(doc, lines) == []
        dropped = {r.line for r in doc.removals if r.columns is None}  # a trimmed line end stays in its block
        in_blocks = {n for b in doc.blocks for n in range(b.line, b.last_line + 1)}
        assert not dropped & in_blocks
        non_blank = {n for n, line in enumerate(lines, 1) if line.strip()}
        assert dropped | in_blocks == non_blank


# The boilerplate the foundation issue lists, by seed and line, with the rule expected to catch it.
BOILERPLATE = {
    "ak-belarus-statement": {49: "bare-url"},
    "belarus-digest-blame": {
        1: "site-header", 2: "support-prompt", 6: "more-teaser", 56: "donation-appeal",
        59: "duplicate", 61: "article-chrome", 62: "seo-spam",
    },
    "byline-opposition-presses-on": {
        1: "site-header", 2: "privacy", 10: "newsletter", 12: "newsletter", 22: "teaser", 24: "teaser",
        34: "teaser", 36: "teaser", 44: "article-chrome", 46: "article-chrome",
    },
    "fp-lukashenko-putin-attack": {1: "page-chrome", 36: "social", 38: "social", 39: "social", 40: "social", 41: "page-chrome"},
    "ecfr-dual-intentions": {12: "pull-quote", 33: "newsletter", 35: "privacy"},
}


def test_shipped_seeds_lose_exactly_the_boilerplate() -> None:
    """Shipped-content check, per shipped seed (an added article is not listed here)."""
    docs = {doc.slug: doc for doc in load_documents(load_config(ROOT))}
    assert set(docs) >= set(BOILERPLATE)
    for slug, expected in BOILERPLATE.items():
        assert {r.line: r.rule for r in docs[slug].removals} == expected, slug


def test_shipped_seed_structure_highlights() -> None:
    docs = {doc.slug: doc for doc in load_documents(load_config(ROOT))}
    kinds = {slug: {b.line: b.kind for b in doc.blocks} for slug, doc in docs.items()}
    assert kinds["belarus-digest-blame"][4] is BlockKind.TITLE
    assert kinds["belarus-digest-blame"][14] is BlockKind.HEADING
    assert kinds["belarus-digest-blame"][18] is BlockKind.CAPTION
    assert kinds["belarus-digest-blame"][58] is BlockKind.BYLINE
    assert kinds["ak-belarus-statement"][11] is BlockKind.HEADING  # a lone bullet line heading its section
    assert kinds["ak-belarus-statement"][47] is BlockKind.NOTE
    assert kinds["fp-lukashenko-putin-attack"][5] is BlockKind.BYLINE
    assert kinds["fp-lukashenko-putin-attack"][33] is BlockKind.CREDIT
    assert kinds["ecfr-dual-intentions"][3] is BlockKind.STANDFIRST
    assert kinds["ecfr-dual-intentions"][5] is BlockKind.CAPTION
    assert kinds["ecfr-dual-intentions"][6] is BlockKind.CREDIT
    assert kinds["byline-opposition-presses-on"][8] is BlockKind.CAPTION
    # a bullet is markup, not text
    item = next(b for b in docs["ak-belarus-statement"].blocks if b.line == 11)
    assert item.text == "Dictator Lukashenka makes Belarus a war party with no right"


def test_decoding_bom_crlf_nfc() -> None:
    data = "\ufeffTitle\r\n\r\nCafe\u0301 life.\r\n".encode()
    assert decode(data, "x.txt") == "Title\n\nCaf\u00e9 life.\n"


@pytest.mark.parametrize("path", BAD_INPUTS, ids=lambda p: p.name)
def test_bad_inputs(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(TESTS)
    kind, _, message = path.with_name(path.name + ".expect").read_text(encoding="utf-8").strip().partition(": ")
    with pytest.raises(PipelineError) as info:
        ingest_file(path.relative_to(TESTS), root=TESTS)
    assert type(info.value).__name__ == kind
    assert str(info.value).startswith(message)
    assert main(["ingest", str(path.relative_to(TESTS))]) == 1


@pytest.mark.parametrize("folder", BAD_MANIFESTS, ids=lambda p: p.name)
def test_bad_manifests(folder: Path) -> None:
    kind, _, message = (folder / "expect").read_text(encoding="utf-8").strip().partition(": ")
    with pytest.raises(PipelineError) as info:  # ConfigError, or TomlError for a syntax error
        load_manifest(folder / "seeds.toml", "seeds.toml")
    assert type(info.value).__name__ == kind
    assert str(info.value).startswith(message)


def test_batch_reports_every_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A Title\n\nSome text.\n", encoding="utf-8")
    (tmp_path / "bad1.txt").write_bytes(b"\xff\n")
    (tmp_path / "bad2.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    assert main(["ingest", "bad1.txt", "good.txt", "bad2.txt"]) == 1
    out, err = capsys.readouterr()
    assert "good.txt: good: 2 blocks" in out
    assert "bad1.txt:1:1: invalid UTF-8" in err and "bad2.txt: empty file" in err


def test_report_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    target = tmp_path / "report.json"
    assert main(["ingest", "--report", "--json", str(target)]) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    rows = {d["slug"]: d for d in data["documents"]}
    assert rows["belarus-digest-blame"]["dropped_lines"] == 7
    spam = [r for r in rows["belarus-digest-blame"]["dropped"] if r["rule"] == "seo-spam"]
    assert spam and spam[0]["line"] == 62 and spam[0]["reason"]


def test_overrides_beat_rules() -> None:
    text = "Title\n\nKeep me, I am Subscribe to our newsletter.\n\nA paragraph.\n\nCaption-like line\n"
    meta = SourceMeta(slug="t", file="t.txt")
    plain = ingest_text(text, "t.txt", meta)
    assert [r.line for r in plain.removals] == [3]
    forced = ingest_text(text, "t.txt", meta, Overrides(keep=lines(3), drop=lines(5), kinds=((Match('kinds.7', line=7), BlockKind.HEADING),), keep_whole=lines(3)))
    assert [r.line for r in forced.removals] == [5]
    assert forced.removals[0].rule == "override"
    assert {b.line: b.kind for b in forced.blocks}[7] is BlockKind.HEADING
    assert {b.line: b.keep_whole for b in forced.blocks}[3] is True


def test_wrapped_lines_are_joined_and_accounted() -> None:
    text = (
        "Title\n\nThe first paragraph was saved from a page that wraps its lines at a fixed\n"
        "width, so the sentence continues here.\n"
    )
    doc = ingest_text(text, "w.txt", SourceMeta(slug="w", file="w.txt"))
    para = doc.blocks[1]
    assert (para.line, para.last_line) == (3, 4)
    assert para.text.endswith("fixed width, so the sentence continues here.")


_BRIEF = (
    "A reform of the reserve\n\n"
    "By Jan Kowal\n\n"
    "The amended law makes three changes that matter for this paper and for the region around it.\n\n"
    "Policy options\n\n"
    "The Ministry of Finance plans a deficit of about 2.5 per cent of GDP for\n"
    "2027, the largest since the pandemic. It will be covered mostly by\n"
    "Russian state loans and by domestic bonds that state banks are told to buy.\n\n"
    "We argue that the reform is less about war than about control of the men.\u00b2\n\n"
    "What the founders told me about their first year\n\n"
    "Here is what your money paid for:\n"
    "\U0001F691 the vehicle itself, bought from a fire service\n"
    "\u26FD fuel for the drive and the first month of work\n\n"
    "A road sign in the Lithuanian capital Vilnius on a winter morning\n\n"
    "The last paragraph of the article ends here, as every article has to end somewhere.\n"
)


def test_lines_without_a_full_stop_are_headings_items_and_paragraphs_not_captions() -> None:
    """A caption is left out of the pack, so a line is taken for one only on its shape: a
    sentence-case heading, an emoji list, a paragraph ending in a note's call and a paragraph
    wrapped before a number or after a function word are the article's and printed."""
    doc = ingest_text(_BRIEF, "b.txt", SourceMeta(slug="b", file="b.txt", language="en"))
    kinds = {b.text[:24]: b.kind for b in doc.blocks}
    assert kinds["Policy options"] is BlockKind.HEADING
    assert kinds["What the founders told m"] is BlockKind.HEADING
    assert kinds["The Ministry of Finance "] is BlockKind.PARAGRAPH
    wrapped = next(b for b in doc.blocks if b.text.startswith("The Ministry"))
    assert (wrapped.line, wrapped.last_line) == (9, 11)
    assert kinds["We argue that the reform"] is BlockKind.PARAGRAPH
    assert kinds["the vehicle itself, boug"] is BlockKind.LIST_ITEM
    assert kinds["fuel for the drive and t"] is BlockKind.LIST_ITEM
    assert kinds["A road sign in the Lithu"] is BlockKind.CAPTION  # a photo's caption, once the photo is gone
    assert [b.text[:14] for b in doc.blocks if doc.unpublished(b)] == ["A road sign in"]


# ---- property: ingest never loses a line silently ------------------------------------------

_SEED_LINES = [
    line
    for path in sorted((TESTS / "roots" / "test-briefing" / "seeds").glob("*.txt"))  # a fixture: stable data
    for line in path.read_text(encoding="utf-8").split("\n")
]
_line = st.one_of(
    st.sampled_from(_SEED_LINES),
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=80),
    st.just(""),
    st.sampled_from(["  • Grey Facebook Icon", "More...", "By Someone", "Photo: X", "* Note", "top of page", "Accept All"]),
    st.sampled_from(_SEED_LINES).map(lambda line: line + " read more" if line.strip() else line),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_line, min_size=1, max_size=40))
def test_ingest_never_loses_a_line(lines: list[str]) -> None:
    text = "\n".join(lines)
    meta = SourceMeta(slug="p", file="p.txt")
    try:
        doc = ingest_text(text, "p.txt", meta)
    except SourceError as exc:
        # only "nothing left" is an acceptable refusal, and it is a clear error, not a loss
        assert "no text" in exc.message or "dropped every line" in exc.message
        return
    source = text.split("\n")
    assert unaccounted_lines(doc, source) == []
    dropped = {r.line for r in doc.removals if r.columns is None}
    # a partial drop cuts the end of a kept line: that line without it is what the block holds
    for r in doc.removals:
        if r.columns is not None:
            first, last = r.columns
            assert source[r.line - 1][first - 1 : last] == r.text and not source[r.line - 1][last:].strip()
            source[r.line - 1] = source[r.line - 1][: first - 1]
    for block in doc.blocks:
        assert not dropped & set(range(block.line, block.last_line + 1))
        # the block holds exactly the words of its source lines
        joined = " ".join(source[n - 1] for n in range(block.line, block.last_line + 1))
        expected = " ".join(joined.split())
        bare = expected.lstrip("•‣◦▪●◆■– ")
        if block.kind is BlockKind.LIST_ITEM and expected.startswith("* "):
            bare = expected[2:].strip()  # "* " lines one after another are a list: the star is markup too
        if block.kind is BlockKind.LIST_ITEM or (block.kind is BlockKind.HEADING and bare != expected):
            expected = bare  # the bullet is markup, the rest is text (a lone bullet line heading a section)
        assert expected == " ".join(block.text.split())


# ---- overrides by text and pattern; stale overrides; the manifest entry of a file ----------

_REPEATS = "Title\n\nSubscribe now\n\nA paragraph of the article.\n\nSubscribe now\n\nAnother paragraph.\n"


def _overrides(toml: str, tmp_path: Path) -> Overrides:
    (tmp_path / "t.txt").write_text(_REPEATS, encoding="utf-8")
    (tmp_path / "seeds.toml").write_text(f'[[seed]]\nfile = "t.txt"\nslug = "t"\n[seed.overrides]\n{toml}\n', encoding="utf-8")
    return load_manifest(tmp_path / "seeds.toml", "seeds.toml")[0].overrides


def test_text_override_hits_every_copy(tmp_path: Path) -> None:
    meta = SourceMeta(slug="t", file="t.txt")
    keep = ingest_text(_REPEATS, "t.txt", meta, _overrides('keep = ["subscribe NOW"]', tmp_path))
    assert [b.line for b in keep.blocks if b.text == "Subscribe now"] == [3, 7]
    drop = ingest_text(_REPEATS, "t.txt", meta, _overrides('drop = [{ regex = "^Another" }]', tmp_path))
    assert [(r.line, r.rule) for r in drop.removals if r.rule == "override"] == [(9, "override")]


def test_dropping_one_copy_does_not_revive_the_next(tmp_path: Path) -> None:
    text = "Title\n\nA paragraph of the article.\n\nRelated: see our other story\n\nMore text of the article.\n\nRelated: see our other story\n"
    meta = SourceMeta(slug="t", file="t.txt")
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    doc = ingest_text(text, "t.txt", meta, Overrides(drop=lines(5)))
    assert 9 not in {b.line for b in doc.blocks}


@pytest.mark.parametrize(
    "toml,message",
    [
        ("drop = [40]", "seeds.toml: seed[0].overrides.drop[0]: line 40 is past the end of t.txt (9 lines)"),
        ('keep = ["no such words"]', "seeds.toml: seed[0].overrides.keep[0]: text 'no such words' matches no text of t.txt"),
        ('kinds = { "Nothing here" = "heading" }', "seeds.toml: seed[0].overrides.kinds.Nothing here: text 'Nothing here' matches no text"),
    ],
)
def test_stale_overrides_are_errors(tmp_path: Path, toml: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        ingest_text(_REPEATS, "t.txt", SourceMeta(slug="t", file="t.txt"), _overrides(toml, tmp_path))
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(
    "toml,message",
    [
        ('drop = [{ regex = "(" }]', "seeds.toml: seed[0].overrides.drop[0]: invalid regular expression"),
        ('drop = [""]', "seeds.toml: seed[0].overrides.drop[0]: expected some text"),
        ("drop = [0]", "seeds.toml: seed[0].overrides.drop[0]: expected a line number of 1 or more"),
        ("drop = [1.5]", "seeds.toml: seed[0].overrides.drop[0]: expected a line number, a text"),
        ("drop = 3", "seeds.toml: seed[0].overrides.drop: expected a list"),
    ],
)
def test_bad_override_values(tmp_path: Path, toml: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        _overrides(toml, tmp_path)
    assert str(info.value).startswith(message)


def test_ingest_file_uses_its_manifest_entry(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\nlanguages = ["en"]\n', encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "t.txt").write_text(_REPEATS, encoding="utf-8")
    (tmp_path / "seeds" / "seeds.toml").write_text(
        '[[seed]]\nfile = "t.txt"\nslug = "the-slug"\n[seed.overrides]\ndrop = ["Another paragraph"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["ingest", "--report", "seeds/t.txt"]) == 0
    out = capsys.readouterr().out
    assert "seeds/t.txt: the-slug:" in out and "override" in out


def test_json_report_shape(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.txt"
    page.write_text("A Title Here\n\nThe article says something long enough to be a sentence.\n\nSubscribe now\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["ingest", "--json", "out.json", "page.txt"]) == 0
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["documents"][0]
    assert {"slug", "path", "metadata", "blocks", "dropped"} <= set(doc)
    assert set(doc["metadata"]) >= {"title", "authors", "date", "publisher", "url"}
    assert isinstance(doc["metadata"]["authors"], list)
    assert doc["blocks"][0] == {"kind": "title", "text": "A Title Here", "line": 1, "printed": True}
    assert all({"line", "rule", "reason", "text"} <= set(row) for row in doc["dropped"])


def test_language_mismatch_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from dataclasses import replace

    from pipeline import ingest as stage
    from pipeline.model import Metadata

    seed_doc = ingest_text(_REPEATS, "t.txt", SourceMeta(slug="t", file="t.txt", language="en"))
    warned = stage.language_warning(replace(seed_doc, detected=Metadata(language="de")))
    assert warned.warnings == ("the page's language looks like 'de' but the manifest says 'en'",)
    assert stage.language_warning(replace(seed_doc, detected=Metadata(language="en-GB"))).warnings == ()
