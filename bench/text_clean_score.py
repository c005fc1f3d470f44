"""Score plain-text clean-up per source line against a labelled corpus, beside jusText.

Usage: ``python -m bench.text_clean_score DIR [--titles] [--verbose]``, where DIR holds
``<page>.txt`` files with ``<page>.txt.labels`` sidecars (one label per source line: ``K``
article, ``D`` boilerplate, ``-`` blank, ``T<TAB>suffix`` article line whose suffix is junk) and
``<page>.meta.toml`` (expected metadata).  By default pages are ingested as an editor's ad-hoc
file would be (no manifest title, language left to detection); ``--titles`` passes the expected
title and language as a manifest would.  jusText gets each unit (a line, or hard-wrapped lines joined) as a paragraph.
"""

from __future__ import annotations

import argparse
import html
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pipeline.model import SourceMeta
from pipeline.readers.text import ingest_text, split_units

_JUSTEXT_NAMES = {"en": "English", "de": "German", "ru": "Russian", "be": "Belarusian", "uk": "Ukrainian", "pl": "Polish"}


@dataclass
class Score:
    article: int = 0
    article_kept: int = 0
    junk: int = 0
    junk_dropped: int = 0
    trims: int = 0
    trims_done: int = 0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self) -> str:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:5.1f}%" if b else "    -"
        return (
            f"article kept {pct(self.article_kept, self.article)} ({self.article_kept}/{self.article})  "
            f"boilerplate dropped {pct(self.junk_dropped, self.junk)} ({self.junk_dropped}/{self.junk})  "
            f"suffixes trimmed {self.trims_done}/{self.trims}"
        )


def _labels(path: Path) -> list[tuple[str, str]]:
    rows = []
    for raw in path.read_text(encoding="utf-8").split("\n"):
        if not raw:
            continue
        label, _, suffix = raw.partition("\t")
        rows.append((label, suffix))
    return rows


def score_ours(text: str, labels: list[tuple[str, str]], meta: SourceMeta, verbose: bool, name: str) -> tuple[Score, dict[str, object]]:
    doc = ingest_text(text, name, meta)
    kept = {n for b in doc.blocks for n in range(b.line, b.last_line + 1)}
    trimmed = {r.line: r.text for r in doc.removals if r.columns is not None}
    why = {r.line: f"{r.rule}: {r.reason}" for r in doc.removals if r.columns is None}
    lines = text.split("\n")
    score = Score()
    for n, (label, suffix) in enumerate(labels, 1):
        ok = True
        if label in ("K", "T"):
            score.article += 1
            score.article_kept += n in kept
            ok = n in kept
            if label == "T":
                score.trims += 1
                done = trimmed.get(n, "").strip() == suffix.strip()
                score.trims_done += done
                ok = ok and done
        elif label == "D":
            score.junk += 1
            score.junk_dropped += n not in kept
            ok = n not in kept
        if verbose and not ok:
            print(f"  {name}:{n}: {label} {'kept' if n in kept else 'dropped'} {lines[n - 1][:70]!r} {why.get(n, '')}")
    found = {"title": doc.detected.title, "authors": list(doc.detected.authors), "date": doc.detected.date,
             "publisher": doc.detected.publisher, "language": doc.detected.language, "warnings": list(doc.warnings)}
    return score, found


def score_justext(text: str, labels: list[tuple[str, str]], language: str) -> Score:
    import justext  # the peer, only for the benchmark

    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    units = split_units(lines)  # hard-wrapped lines joined, as ours sees them
    page = "<html><body>" + "".join(f"<p>{html.escape(u.text)}</p>" for u in units) + "</body></html>"
    paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist(_JUSTEXT_NAMES.get(language, "English")))
    kept = {n for u, p in zip(units, paragraphs) if not p.is_boilerplate for n in u.lines}
    score = Score()
    for n, (label, _) in enumerate(labels, 1):
        if label in ("K", "T"):
            score.article += 1
            score.article_kept += n in kept
            score.trims += label == "T"
        elif label == "D":
            score.junk += 1
            score.junk_dropped += n not in kept
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--titles", action="store_true", help="pass the expected title and language as a manifest would")
    parser.add_argument("--verbose", action="store_true", help="list every line we get wrong")
    args = parser.parse_args(argv)
    ours, peer = Score(), Score()
    meta_hits: dict[str, list[int]] = {}
    pages = sorted(p for d in args.dirs for p in d.glob("*.txt"))
    for page in pages:
        labels = _labels(page.with_name(page.name + ".labels"))
        expected = tomllib.loads(page.with_name(page.name.removesuffix(".txt") + ".meta.toml").read_text(encoding="utf-8"))
        text = page.read_text(encoding="utf-8")
        meta = SourceMeta(slug="p", file=page.name)
        if args.titles:
            meta = SourceMeta(slug="p", file=page.name, title=expected.get("title", ""), language=expected.get("language", "en"))
        started = time.perf_counter()
        score, found = score_ours(text, labels, meta, args.verbose, page.name)
        elapsed = time.perf_counter() - started
        theirs = score_justext(text, labels, expected.get("language", "en"))
        ours.add(score)
        peer.add(theirs)
        print(f"{page.name}: ours    {score.line()}  ({elapsed * 1000:.0f} ms)")
        print(f"{' ' * len(page.name)}  jusText {theirs.line()}")
        for key in ("title", "authors", "date", "publisher", "language"):
            want = expected.get(key)
            if want is None:
                continue
            got = found[key]
            hit = (list(got) if isinstance(got, list) else got) == want
            meta_hits.setdefault(key, [0, 0])
            meta_hits[key][0] += hit
            meta_hits[key][1] += 1
            if args.verbose and not hit:
                print(f"  {page.name}: {key}: expected {want!r}, found {got!r}")
        if args.verbose and found["warnings"]:
            print(f"  {page.name}: warnings {found['warnings']}")
    print(f"ALL ({len(pages)} pages): ours    {ours.line()}")
    print(f"{' ' * (len(str(len(pages))) + 12)}jusText {peer.line()}")
    print("metadata: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in meta_hits.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
