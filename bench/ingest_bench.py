"""Score ingest clean-up against the labelled corpus (tests/ingest/corpus), ours and peers.

    .venv/bin/python bench/ingest_bench.py                  # the table
    .venv/bin/python bench/ingest_bench.py --pages          # and a line per page and tool
    .venv/bin/python bench/ingest_bench.py --json out.json  # and every number as JSON

Then a metadata table: per field (title, authors, date, publisher, language), half and format,
on how many pages ours (a bare ingest) and ``trafilatura.extract_metadata`` detect what the
page's ``meta.toml`` states (casefolded; authors as a set; a date at the page's precision).

Two figures per tool, half (tune, and each fresh set, never pooled) and format (.txt / .html):

- **article kept**: the share of the article's lines / blocks (labels K and T) in the output;
- **boilerplate dropped**: the share of boilerplate lines / blocks (label D) not in the output.

Below the table, for ours: how many of the article lines / blocks kept are left out of the pack
all the same, as the caption or credit of a picture the pack does not carry (by design for a
real caption, which the labels count as article; a loss for anything else).

Tools:

- ``ours``: :func:`pipeline.ingest.ingest_file` on the bare file (an ad-hoc ingest, no manifest
  entry), and ``ours + manifest meta`` with the manifest entry a user would write for the page
  (title, authors, publisher, date, language from its ``meta.toml``; no overrides), which is how
  the pipeline ingests its seeds.  On ``.txt`` a source line is kept if it lies
  in the line range of one of the Document's blocks (``line`` .. ``last_line``); no text
  matching is needed.  For T lines (article with junk glued to the end) the trim is checked
  too: the report records a partial drop of exactly the junk's columns on that line (the
  block's text need not be the line's: a Markdown reader shows a link as its words).
  On ``.html``, if ingest raises, or gives blocks with markup in them (the file read as plain
  text), the row says ``n/a``.
- ``jusText`` on ``.txt``: every non-blank source line becomes one ``<p>`` of a minimal HTML
  document; jusText runs with the stoplist of the page's language; a line is kept if its
  paragraph is not classified as boilerplate.  On ``.html`` it runs on the page as saved and its
  non-boilerplate paragraphs are matched by text (below).
- ``trafilatura`` on ``.html``: ``extract(html, output_format="txt", include_comments=False,
  favor_precision=False)``, and a second row with ``favor_recall=True``; matched by text.
  Its plain-text output is the body only: title, byline and date go to its metadata, so those
  K blocks count as lost unless they are repeated in the body.

Text matching (every HTML row, the same rule for every tool): a text is reduced to its words,
``re.findall(r"\\w+")`` after NFKC and casefold, so that white space, punctuation, quotes and
dashes do not matter.  The tool's output is a list of blocks (ours: block texts; trafilatura:
the lines of its text; jusText: its paragraphs).

- A K block is kept if its words occur as a contiguous run in the words of the whole output.
- A D block is *not* dropped if, when it has 4 words or more, its words occur as a contiguous
  run in the words of the whole output; when it has fewer (``Share``, ``Europe``, ``Reply``),
  only if they equal the words of one output block.  Containment would count a menu item
  ``Europe`` as kept whenever the article mentions Europe; whole-block equality does not (it
  misses a short label glued onto a kept block, which the tools here rarely produce).
- A D block that this rule would find in the article's own K blocks (its words equal a K
  block, or a long D block is contained in the article) cannot be judged by text and is left
  out of the D figures of every text-matched row; the table says how many.  Blocks with no
  word at all (``∙``) are left out of all figures.

Nothing here is a test: the numbers are what they are, nothing is asserted or timed.
"""

from __future__ import annotations

import argparse
import html as html_lib
import json
import re
import sys
import tomllib
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # import the checkout's pipeline package

from pipeline.ingest import ingest_file  # noqa: E402
from pipeline.manifest import Overrides, Seed  # noqa: E402
from pipeline.model import SourceMeta  # noqa: E402

CORPUS = ROOT / "tests" / "ingest" / "corpus"
HALVES = ("tune", "holdout")  # then every fresh* folder, a set not yet tuned on (holdout/ is gone: README, "History")
FORMATS = (".txt", ".html")
SHORT_D = 4  # D blocks with fewer words are matched by whole-block equality only
JUSTEXT_LANGUAGE = {"en": "English", "de": "German", "be": "Belarusian", "ru": "Russian", "uk": "Ukrainian",
                    "pl": "Polish", "lt": "Lithuanian"}
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^<>]*>")


# ---------------------------------------------------------------------------------------
# The corpus


@dataclass(frozen=True)
class Gold:
    label: str  # K, D or T
    text: str  # the line (txt) or the block's text (html)
    line: int = 0  # source line (txt)
    suffix: str = ""  # the junk of a T line


@dataclass(frozen=True)
class Page:
    path: Path
    half: str
    meta: dict[str, object]
    gold: tuple[Gold, ...]

    @property
    def fmt(self) -> str:
        return self.path.suffix

    @property
    def language(self) -> str:
        return str(self.meta.get("language", "en"))


def source_lines(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def load_page(path: Path, half: str) -> Page:
    labels = path.with_name(path.name + ".labels").read_text(encoding="utf-8").split("\n")[:-1]
    with path.with_name(path.stem + ".meta.toml").open("rb") as f:
        meta = tomllib.load(f)
    gold: list[Gold] = []
    if path.suffix == ".txt":
        lines = source_lines(path)
        if len(lines) != len(labels):
            raise SystemExit(f"{path}: {len(labels)} labels for {len(lines)} lines (run tests/test_ingest_corpus.py)")
        for n, (line, label) in enumerate(zip(lines, labels), 1):
            if label == "-":
                continue
            if label.startswith("T\t"):
                gold.append(Gold("T", line, n, label[2:]))
            else:
                gold.append(Gold(label, line, n))
    else:
        for label in labels:
            kind, _, text = label.partition("\t")
            gold.append(Gold(kind, text))
    return Page(path, half, meta, tuple(gold))


def halves(corpus: Path) -> tuple[str, ...]:
    """tune, holdout, and the fresh sets in the order they were written."""
    fresh = sorted((p.name for p in corpus.glob("fresh*") if p.is_dir()), key=lambda n: (len(n), n))
    return HALVES + tuple(fresh)


def load_corpus(corpus: Path) -> list[Page]:
    pages = []
    for half in halves(corpus):
        folder = corpus / half
        if folder.is_dir():
            pages += [load_page(p, half) for p in sorted(folder.iterdir()) if p.suffix in FORMATS]
    return pages


# ---------------------------------------------------------------------------------------
# Text matching


# Where two inline elements meet with no space between them ("<span>Alena Shylovich</span><time>December
# 3, 2026</time>"), the labels' visible text glues the words ("ShylovichDecember"); a reader may set
# them apart.  Both sides are cut there alike, so neither way of reading the page counts as a loss.
_CASE_TURN = re.compile(r"(?<=[a-zà-ÿа-яёўіїєґ])(?=[A-ZÀ-ÞА-ЯЁЎІЇЄҐ])")


def words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", _CASE_TURN.sub(" ", unicodedata.normalize("NFKC", text)).casefold()))


def _run(ws: Sequence[str]) -> str:
    return " " + " ".join(ws) + " "


class Output:
    """A tool's output blocks, ready for the matching rule."""

    def __init__(self, blocks: Sequence[str]) -> None:
        self.stream = _run([w for b in blocks for w in words(b)])
        self.whole = {words(b) for b in blocks}

    def has(self, ws: tuple[str, ...], short_by_equality: bool) -> bool:
        if short_by_equality and len(ws) < SHORT_D:
            return ws in self.whole
        return _run(ws) in self.stream


def ambiguous_d(page: Page) -> set[int]:
    """Indexes of D blocks the text rule would find in the article's own K blocks."""
    article = Output([g.text for g in page.gold if g.label != "D"])
    return {i for i, g in enumerate(page.gold) if g.label == "D" and words(g.text) and article.has(words(g.text), True)}


# ---------------------------------------------------------------------------------------
# Scores


@dataclass
class Score:
    k_total: int = 0
    k_kept: int = 0
    d_total: int = 0
    d_dropped: int = 0
    d_ambiguous: int = 0
    t_total: int = 0
    t_trimmed: int = 0
    t_untrimmed: int = 0
    k_unprinted: int = 0  # article kept, but left out of the pack as a picture's caption or credit
    na: str = ""  # why the tool could not be scored on a page
    misses: list[str] = field(default_factory=list)  # K not kept
    leaks: list[str] = field(default_factory=list)  # D not dropped

    def add(self, other: Score) -> None:
        for name in ("k_total", "k_kept", "d_total", "d_dropped", "d_ambiguous", "t_total", "t_trimmed", "t_untrimmed", "k_unprinted"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if other.na and not self.na:
            self.na = other.na

    def figures(self) -> dict[str, object]:
        out: dict[str, object] = {
            "article_kept": _ratio(self.k_kept, self.k_total), "k_kept": self.k_kept, "k_total": self.k_total,
            "boilerplate_dropped": _ratio(self.d_dropped, self.d_total), "d_dropped": self.d_dropped,
            "d_total": self.d_total, "d_ambiguous_left_out": self.d_ambiguous, "k_unprinted": self.k_unprinted,
        }
        if self.t_total:
            out.update(t_total=self.t_total, t_trimmed=self.t_trimmed, t_untrimmed=self.t_untrimmed)
        if self.na:
            out["n/a"] = self.na
        return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def score_lines(page: Page, kept: Callable[[Gold], bool]) -> Score:
    """Line-based scoring of a .txt page: ``kept(gold line)`` says whether the tool kept it."""
    s = Score()
    for g in page.gold:
        if g.label == "D":
            s.d_total += 1
            if kept(g):
                s.leaks.append(g.text)
            else:
                s.d_dropped += 1
        else:
            s.k_total += 1
            if kept(g):
                s.k_kept += 1
            else:
                s.misses.append(g.text)
    return s


def score_text(page: Page, blocks: Sequence[str]) -> Score:
    """Text-matched scoring: the tool's output blocks against the page's gold blocks."""
    out = Output(blocks)
    skip = ambiguous_d(page)
    s = Score()
    for i, g in enumerate(page.gold):
        ws = words(g.text)
        if not ws:
            continue
        if g.label == "D":
            if i in skip:
                s.d_ambiguous += 1
                continue
            s.d_total += 1
            if out.has(ws, True):
                s.leaks.append(g.text)
            else:
                s.d_dropped += 1
        else:
            s.k_total += 1
            if out.has(ws, False):
                s.k_kept += 1
            else:
                s.misses.append(g.text)
    return s


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(str.maketrans("‘’‚‛“”„‟«»–—‑‒―", "''''\"\"\"\"\"\"-----"))
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------
# Tools


def _seed(page: Page) -> Seed:
    """The manifest entry a user would write for the page: what its meta.toml states."""
    m = page.meta
    meta = SourceMeta(
        slug=re.sub(r"[^a-z0-9]+", "-", page.path.stem.lower()).strip("-"), file=page.path.name,
        title=str(m.get("title", "")), authors=tuple(str(a) for a in m.get("authors", [])),  # type: ignore[attr-defined]
        publisher=str(m.get("publisher", "")), date=str(m.get("date", "")), language=page.language,
    )
    return Seed(page.path, meta, Overrides())


def ours(page: Page, with_meta: bool = False) -> Score:
    try:
        doc = ingest_file(page.path, _seed(page) if with_meta else None, root=ROOT)
    except Exception as exc:  # noqa: BLE001 - any failure is reported, not raised
        s = Score(na=f"ingest_file raised {type(exc).__name__}: {exc}")
        return s
    if page.fmt == ".html":
        if not doc.blocks or any(_MARKUP.search(b.text) for b in doc.blocks):
            return Score(na="no HTML reader: ingest_file reads the page as plain text (markup in its blocks)")
        s = score_text(page, [b.text for b in doc.blocks])
        s.k_unprinted = s.k_kept - score_text(page, [b.text for b in doc.published_blocks]).k_kept
        return s
    by_line = {}
    for b in doc.blocks:
        for n in range(b.line, b.last_line + 1):
            by_line[n] = b
    s = score_lines(page, lambda g: g.line in by_line)
    printed = {id(b) for b in doc.published_blocks}
    s.k_unprinted = sum(1 for g in page.gold if g.label != "D" and g.line in by_line and id(by_line[g.line]) not in printed)
    for g in page.gold:
        if g.label != "T":
            continue
        s.t_total += 1
        block = by_line.get(g.line)
        if block is None:
            continue
        # trimmed: the report records a partial drop of exactly the junk on that line (the
        # block's text may differ from the line's: a Markdown link is shown as its words)
        first = len(g.text) - len(g.suffix.lstrip()) + 1
        if any(r.line == g.line and r.columns == (first, len(g.text.rstrip())) for r in doc.removals):
            s.t_trimmed += 1
        elif _fold(g.text) in _fold(block.text) or not any(r.line == g.line and r.columns for r in doc.removals):
            s.t_untrimmed += 1
    return s


def _justext_paragraphs(markup: str, language: str) -> list[object]:
    import justext

    stoplist = justext.get_stoplist(JUSTEXT_LANGUAGE.get(language, "English"))
    return list(justext.justext(markup.encode("utf-8"), stoplist, encoding="utf-8"))


def justext_tool(page: Page) -> Score:
    if page.fmt == ".html":
        paragraphs = _justext_paragraphs(page.path.read_text(encoding="utf-8"), page.language)
        return score_text(page, [p.text for p in paragraphs if not p.is_boilerplate])  # type: ignore[attr-defined]
    lines = [g for g in page.gold]  # non-blank lines, in order
    body = "".join(f"<p>{html_lib.escape(g.text)}</p>\n" for g in lines)
    markup = f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title></title></head><body>\n{body}</body></html>\n"
    paragraphs = _justext_paragraphs(markup, page.language)
    if len(paragraphs) != len(lines):
        return Score(na=f"jusText made {len(paragraphs)} paragraphs of {len(lines)} lines")
    kept = {g.line for g, p in zip(lines, paragraphs) if not p.is_boilerplate}  # type: ignore[attr-defined]
    return score_lines(page, lambda g: g.line in kept)


def trafilatura_tool(favor_recall: bool) -> Callable[[Page], Score]:
    def run(page: Page) -> Score:
        import trafilatura

        text = trafilatura.extract(
            page.path.read_text(encoding="utf-8"), output_format="txt", include_comments=False,
            favor_precision=False, favor_recall=favor_recall,
        )
        return score_text(page, (text or "").split("\n"))

    return run


# ---------------------------------------------------------------------------------------
# Metadata: what a tool detects against what the page states (its meta.toml)

FIELDS = ("title", "authors", "date", "publisher", "language")


def _meta_equal(field_name: str, gold: object, found: object) -> bool:
    if field_name == "authors":
        return sorted(_fold(str(a)) for a in gold) == sorted(_fold(str(a)) for a in found)  # type: ignore[attr-defined]
    gold_s, found_s = _fold(str(gold or "")), _fold(str(found or ""))
    if field_name == "date":  # a page less precise than the tool: the tool's date at the page's precision
        return bool(found_s) and found_s[: len(gold_s)] == gold_s
    return gold_s == found_s


def ours_meta(page: Page) -> dict[str, object] | None:
    try:
        found = ingest_file(page.path, None, root=ROOT).detected
    except Exception:  # noqa: BLE001
        return None
    return {"title": found.title, "authors": list(found.authors), "date": found.date, "publisher": found.publisher,
            "language": found.language}


def trafilatura_meta(page: Page) -> dict[str, object] | None:
    import trafilatura

    found = trafilatura.extract_metadata(page.path.read_text(encoding="utf-8"))
    if found is None:
        return None
    authors = [a.strip() for a in (found.author or "").split(";") if a.strip()]
    return {"title": found.title or "", "authors": authors, "date": found.date or "", "publisher": found.sitename or "",
            "language": getattr(found, "language", None) or ""}


META_TOOLS: list[tuple[str, tuple[str, ...], Callable[[Page], dict[str, object] | None]]] = [
    ("ours", (".txt", ".html"), ours_meta),
    ("trafilatura.extract_metadata", (".html",), trafilatura_meta),
]


def metadata_report(pages: Sequence[Page], halves: Sequence[str], misses: bool) -> dict[str, object]:
    """Per field, half and format: on how many pages the tool's value equals the page's."""
    print()
    print("metadata (bare ingest, no manifest): pages where the detected field equals the page's meta.toml")
    header = f"{'tool':<29} {'fmt':<5} {'half':<8}" + "".join(f" {f:>10}" for f in FIELDS)
    print(header)
    print("-" * len(header))
    out: dict[str, object] = {}
    wrong: list[str] = []
    for name, formats, tool in META_TOOLS:
        for fmt in formats:
            for h in halves:
                chosen = [p for p in pages if p.half == h and p.fmt == fmt]
                if not chosen:
                    continue
                hits = dict.fromkeys(FIELDS, 0)
                for page in chosen:
                    found = tool(page)
                    for f in FIELDS:
                        gold = page.meta.get(f, [] if f == "authors" else "")
                        if found is not None and _meta_equal(f, gold, found[f]):
                            hits[f] += 1
                        elif misses:
                            wrong.append(f"{h}/{page.path.name} {name} {f}: {found[f] if found else None!r}, page says {gold!r}")
                print(f"{name:<29} {fmt[1:]:<5} {h:<8}" + "".join(f" {f'{hits[f]}/{len(chosen)}':>10}" for f in FIELDS))
                out[f"{name}|{h}|{fmt[1:]}"] = {f: [hits[f], len(chosen)] for f in FIELDS}
    print("(trafilatura.extract_metadata does not detect the language: its column counts pages it could not have)")
    for line in wrong:
        print(f"    {line}")
    return out


# (row name, formats it runs on, function)
TOOLS: list[tuple[str, tuple[str, ...], Callable[[Page], Score]]] = [
    ("ours", (".txt", ".html"), ours),
    ("ours + manifest meta", (".txt", ".html"), lambda page: ours(page, with_meta=True)),
    ("jusText", (".txt", ".html"), justext_tool),
    ("trafilatura", (".html",), trafilatura_tool(False)),
    ("trafilatura favor_recall", (".html",), trafilatura_tool(True)),
]


# ---------------------------------------------------------------------------------------
# Report


def _cell(s: Score | None, k: bool) -> str:
    if s is None:
        return "—"
    if s.na:
        return "n/a"
    num, den = (s.k_kept, s.k_total) if k else (s.d_dropped, s.d_total)
    if not den:
        return "—"
    return f"{100 * num / den:5.1f}% {num:>3}/{den:<3}"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="a folder with tune/ and fresh*/ (default: %(default)s)")
    ap.add_argument("--pages", action="store_true", help="also print each page's figures per tool")
    ap.add_argument("--misses", action="store_true", help="also print the article lines lost and boilerplate kept")
    ap.add_argument("--json", type=Path, default=None, help="write every number here")
    args = ap.parse_args(argv)

    pages = load_corpus(args.corpus)
    if not pages:
        print(f"no pages in {args.corpus}/{{{','.join(halves(args.corpus))}}}", file=sys.stderr)
        return 2
    per_page: dict[tuple[str, str], Score] = {}
    totals: dict[tuple[str, str, str], Score] = {}
    for name, formats, tool in TOOLS:
        for page in pages:
            if page.fmt not in formats:
                continue
            s = tool(page)
            per_page[(name, f"{page.half}/{page.path.name}")] = s
            totals.setdefault((name, page.half, page.fmt), Score()).add(s)

    print(f"Ingest clean-up on {len(pages)} labelled pages ({args.corpus.relative_to(ROOT) if args.corpus.is_relative_to(ROOT) else args.corpus})")
    print("kept = article lines/blocks in the output (K recall); dropped = boilerplate lines/blocks not in the output")
    print(".txt is scored by line; .html by text matching of blocks (see the docstring); halves are never pooled")
    print()
    present = [h for h in halves(args.corpus) if any(p.half == h for p in pages)]
    header = f"{'tool':<25} {'fmt':<5}" + "".join(f" | {h + ' kept':<15} {h + ' dropped':<15}" for h in present)
    print(header)
    print("-" * len(header))
    notes: list[str] = []
    for name, formats, _ in TOOLS:
        for fmt in formats:
            row = f"{name:<25} {fmt[1:]:<5}"
            for h in present:
                s = totals.get((name, h, fmt))
                row += f" | {_cell(s, True):<15} {_cell(s, False):<15}"
                if s is not None and s.na and f"{name} {fmt[1:]}: {s.na}" not in notes:
                    notes.append(f"{name} {fmt[1:]}: {s.na}")
            print(row)
    print()
    for name in ("ours", "ours + manifest meta"):  # the peers do not trim within a line
        for h in present:
            s = totals.get((name, h, ".txt"))
            if s is not None and not s.na and s.t_total:
                other = s.t_total - s.t_trimmed - s.t_untrimmed
                print(f"{name}, trimming junk glued to article lines ({h}): {s.t_trimmed} of {s.t_total} T lines "
                      f"trimmed, {s.t_untrimmed} kept with the junk, {other} lost or changed otherwise")
    for h in present:
        for fmt in FORMATS:
            s = totals.get(("ours", h, fmt))
            if s is not None and not s.na:
                print(f"ours, article kept but left out of the pack as a picture's caption or credit ({h} {fmt[1:]}): "
                      f"{s.k_unprinted} of {s.k_kept}")
    for h in present:
        amb = [totals[(n, h, ".html")].d_ambiguous for n, f, _ in TOOLS if (n, h, ".html") in totals
               and not totals[(n, h, ".html")].na]
        if amb:
            print(f"text matching ({h}): {amb[0]} D blocks left out (their words are also the article's)")
    for note in notes:
        print(f"n/a — {note}")

    meta_scores = metadata_report(pages, present, args.misses)

    if args.pages or args.misses:
        print()
        print(f"{'page':<52} {'tool':<25} {'kept':<15} {'dropped':<15}")
        for (name, page_name), s in sorted(per_page.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            print(f"{page_name:<52} {name:<25} {_cell(s, True):<15} {_cell(s, False):<15}")
            if args.misses and not s.na:
                for text in s.misses:
                    print(f"    lost K: {text[:100]}")
                for text in s.leaks:
                    print(f"    kept D: {text[:100]}")

    if args.json:
        data = {
            "corpus": str(args.corpus),
            "totals": {f"{n}|{h}|{f[1:]}": s.figures() for (n, h, f), s in sorted(totals.items())},
            "pages": {f"{n}|{p}": s.figures() for (n, p), s in sorted(per_page.items())},
            "metadata": meta_scores,
        }
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
