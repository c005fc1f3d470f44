"""The labelled ingest corpus (tests/ingest/corpus) is well formed.

Only the corpus itself is checked here: every page has its labels and its metadata, the labels
line up with the page, and the halves keep their shape.  No score is asserted; how well a tool
does on the corpus is a benchmark (bench/ingest_bench.py), not a test.
"""

from __future__ import annotations

import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "ingest" / "corpus"
HALVES = ("tune", "holdout", "fresh6", "fresh7")
PAGES = sorted(p for half in HALVES if (CORPUS / half).is_dir() for p in (CORPUS / half).iterdir() if p.suffix in (".txt", ".html"))
KINDS = {"wire", "daily", "broadcaster", "thinktank", "ngo", "newsletter", "blog", "hacked"}
META_KEYS = {"kind", "language", "title", "authors", "date", "publisher"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# Tags that do not end a block of visible text; every other tag does.  Text inside SKIPPED
# tags is not visible.  The same rule was used to cut the pages into labelled blocks.
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "img", "input", "kbd",
          "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"}
SKIPPED = {"head", "script", "style", "noscript", "template", "title"}


def page_lines(path: Path) -> list[str]:
    """Source lines as the ingest stage counts them (CRLF or CR ends a line too)."""
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skip += 1
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skip = max(0, self.skip - 1)
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def visible_text(path: Path) -> str:
    parser = _Visible()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return " ".join("".join(parser.parts).split())


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def read_labels(page: Path) -> list[str]:
    return page.with_name(page.name + ".labels").read_text(encoding="utf-8").split("\n")[:-1]


def read_meta(page: Path) -> dict[str, object]:
    with page.with_name(page.stem + ".meta.toml").open("rb") as f:
        return tomllib.load(f)


def kept_texts(page: Path) -> list[str]:
    """The article's blocks (K, and T with the junk suffix cut off), whitespace collapsed."""
    labels = read_labels(page)
    out: list[str] = []
    if page.suffix == ".txt":
        for line, label in zip(page_lines(page), labels):
            if label == "K":
                out.append(line)
            elif label.startswith("T\t"):
                out.append(line[: -len(label[2:])])
    else:
        out = [label[2:] for label in labels if label.startswith("K\t")]
    return [" ".join(t.split()) for t in out]


def test_corpus_shape() -> None:
    assert len(PAGES) >= 16
    for half in HALVES:
        pages = [p for p in PAGES if p.parent.name == half]
        if half == "holdout":
            # Its plain-text pages were scored and moved to tune (README, "History"); what is
            # left are its four HTML pages.
            assert len(pages) >= 4 and {p.suffix for p in pages} == {".html"}, half
            continue
        assert len(pages) >= 8, half
        assert {p.suffix for p in pages} == {".txt", ".html"}, half
        assert len({read_meta(p)["kind"] for p in pages}) >= 5, f"{half}: too few kinds of site"
    kinds = {read_meta(p)["kind"] for p in PAGES}
    assert kinds == KINDS
    assert any(read_meta(p)["language"] != "en" for p in PAGES)
    assert any(b"\r\n" in p.read_bytes() for p in PAGES if p.suffix == ".txt"), "one plain-text page has CRLF"
    # A page name is in one half only, and nothing but pages and their sidecars is there.
    names = [p.name for p in PAGES]
    assert len(names) == len(set(names))
    for half in HALVES:
        for f in (CORPUS / half).iterdir():
            base = f.name.removesuffix(".labels")
            assert f.suffix in (".txt", ".html") or base != f.name or f.name.endswith(".meta.toml"), f
            assert (f.parent / base).exists() or f.name.endswith(".meta.toml"), f
            if f.name.endswith(".meta.toml"):
                stem = f.name.removesuffix(".meta.toml")
                assert (f.parent / f"{stem}.txt").exists() or (f.parent / f"{stem}.html").exists(), f


def test_no_seed_text_in_corpus() -> None:
    """The corpus is written for the purpose; no paragraph of a seed article is reused."""
    seed_lines = {" ".join(line.split()) for s in (ROOT / "seeds").glob("*.txt")
                  for line in s.read_text(encoding="utf-8").splitlines() if len(line.strip()) >= 60}
    for page in PAGES:
        text = " ".join(page.read_text(encoding="utf-8").split())
        reused = [line for line in seed_lines if line in text]
        assert not reused, f"{page.name} reuses seed text: {reused[0][:80]}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_meta(page: Path) -> None:
    meta = read_meta(page)
    assert set(meta) == META_KEYS
    assert meta["kind"] in KINDS
    assert isinstance(meta["language"], str) and re.fullmatch(r"[a-z]{2}", meta["language"])
    assert isinstance(meta["title"], str) and meta["title"].strip()
    assert isinstance(meta["publisher"], str) and meta["publisher"].strip()
    authors = meta["authors"]
    assert isinstance(authors, list) and all(isinstance(a, str) and a.strip() for a in authors)
    assert isinstance(meta["date"], str) and DATE.match(meta["date"]), meta["date"]
    # What the metadata states is stated on the page, in the article's own lines.
    kept = kept_texts(page)
    assert " ".join(meta["title"].split()) in kept, "the title is one of the page's article blocks"
    article = " ".join(kept).casefold()  # a wire's byline may be in capitals
    for author in authors:
        assert author.casefold() in article, f"author {author!r} is not named in the article's blocks"


@pytest.mark.parametrize("page", [p for p in PAGES if p.suffix == ".txt"], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_text_labels(page: Path) -> None:
    page.read_bytes().decode("utf-8")  # strict: the page is UTF-8
    lines = page_lines(page)
    labels = read_labels(page)
    assert len(labels) == len(lines), f"{len(labels)} labels for {len(lines)} lines"
    for n, (line, label) in enumerate(zip(lines, labels), 1):
        if not line.strip():
            assert label == "-", f"line {n} is blank, labelled {label!r}"
            continue
        assert label in ("K", "D") or label.startswith("T\t"), f"line {n}: bad label {label!r}"
        if label.startswith("T\t"):
            suffix = label[2:]
            assert suffix.strip(), f"line {n}: empty junk suffix"
            assert line.endswith(suffix), f"line {n} does not end with {suffix!r}"
            assert line[: -len(suffix)].strip(), f"line {n}: the suffix is the whole line"
    assert any(label == "K" for label in labels) and "D" in labels


@pytest.mark.parametrize("page", [p for p in PAGES if p.suffix == ".html"], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_html_labels(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert re.search(r"<title>[^<]+</title>", html)
    visible = visible_text(page)
    labels = read_labels(page)
    position = 0
    for n, label in enumerate(labels, 1):
        kind, tab, text = label.partition("\t")
        assert kind in ("K", "D") and tab, f"label {n}: {label!r}"
        assert text and text == " ".join(text.split()), f"label {n}: whitespace is not collapsed: {text!r}"
        found = visible.find(text, position)
        assert found >= 0, f"label {n} not in the visible text (in order): {text!r}"
        position = found + len(text)
    # Every visible word is in exactly one labelled block, in order: nothing left unlabelled.
    assert [w for label in labels for w in words(label[2:])] == words(visible)
    assert {label[0] for label in labels} == {"K", "D"}
