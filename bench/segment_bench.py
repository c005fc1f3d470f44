"""Sentence segmentation: our segmenter against pySBD, side by side in one run.

    .venv/bin/python bench/segment_bench.py [--eval-dir ../shared/eval/segmentation] [--runs 5]

The corpus is built exactly as ``evaluate.py`` builds it (imported from the evaluation
folder at run time, never copied): every English gold text, joined with blank lines into one
article, repeated with a different shuffle per copy up to ~1 MB, one call per article.
Sentences per second count the *gold* sentences.  pySBD is far slower, so it runs on the
first few articles of the same corpus (per-article work is the same, so sentences/s compare).
Each figure is the median of several runs.  Then linear scaling: one call on 1×, 10× and
100× the input (also as a single line without line breaks), and pathological inputs at 1×
and 10×.  Before the timings it prints the accuracy of both segmenters on the project's own
news-style cases (tests/segment).  Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.segment import segment  # noqa: E402

Segmenter = Callable[[str, str], list[str]]


def load_evaluate(folder: Path) -> ModuleType:
    path = folder / "evaluate.py"
    if not path.is_file():
        raise SystemExit(f"{path}: not found (pass --eval-dir)")
    spec = importlib.util.spec_from_file_location("segmentation_evaluate", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(seg: Segmenter, docs: Sequence[str], lang: str = "en") -> tuple[float, int]:
    t0 = time.perf_counter()
    n = sum(len(seg(d, lang)) for d in docs)
    return time.perf_counter() - t0, n


def median_time(seg: Segmenter, docs: Sequence[str], runs: int) -> tuple[float, list[float], int]:
    seg("Warm-up call. It is not timed.", "en")
    times, produced = [], 0
    for _ in range(runs):
        dt, produced = timed(seg, docs)
        times.append(dt)
    return statistics.median(times), times, produced


def pysbd_segmenter() -> Segmenter | None:
    try:
        import pysbd
    except ImportError:
        return None
    cache: dict[str, object] = {}

    def seg(text: str, lang: str) -> list[str]:
        s = cache.get(lang)
        if s is None:
            s = cache[lang] = pysbd.Segmenter(language=lang, clean=False)
        return list(s.segment(text))  # type: ignore[attr-defined]

    return seg


def pathological(unit_mb: float) -> dict[str, str]:
    n = int(unit_mb * 1_000_000)
    shapes = {
        "full stops": ".",
        "full stop + space": ". ",
        "initials 'A. '": "A. ",
        "unclosed quotes": "“a ",
        "straight quotes": '"a ',
        "list markers 'a) '": "a) ",
        "bullets": " • 1. A",
        "spaced ellipses": ". . . . ",
        "no sentence end": "word ",
        "no space at all": "x",
        "control characters": "\x00\x07\x1b\x7f",
        "mixed scripts": "Лукашэнка said: „Ja.“ 中文。 مرحبا! ",
        "line breaks": "\n",
    }
    return {name: (unit * (n // len(unit) + 1))[:n] for name, unit in shapes.items()}


def own_cases(sbd: Segmenter | None) -> None:
    """Accuracy on the project's own news-style cases (tests/segment/*.txt), beside pySBD's.

    A case counts when the segments, stripped, are exactly the expected ones.  The cases were
    written alongside our segmenter, so its score on them says little; pySBD's says where it
    fails on news text.  pySBD has no Belarusian or Ukrainian: it gets those cases with its
    Russian rules.
    """
    from tests.test_segment import ALL_CASES

    print("own cases (tests/segment), exact segmentation per case:")
    langs = sorted({lang for lang, *_ in ALL_CASES})
    for lang in langs:
        cases = [(text, [e.strip() for e in expected]) for code, _, text, expected in ALL_CASES if code == lang]
        ours = sum([s.strip() for s in segment(text, lang) if s.strip()] == expected for text, expected in cases)
        line = f"  {lang}: {len(cases):3d} cases  ours {ours / len(cases):.3f}"
        if sbd is not None:
            code = lang if lang in ("en", "de", "ru", "pl") else "ru"
            theirs = sum([s.strip() for s in sbd(text, code) if s.strip()] == expected for text, expected in cases)
            line += f"  pySBD {theirs / len(cases):.3f}" + ("" if code == lang else f" (its {code} rules)")
        print(line)
    print()


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval" / "segmentation")
    ap.add_argument("--mb", type=float, default=1.0, help="corpus size, as evaluate.py (default 1.0)")
    ap.add_argument("--runs", type=int, default=5, help="runs per figure; the median is reported")
    ap.add_argument("--pysbd-runs", type=int, default=3)
    ap.add_argument("--pysbd-articles", type=int, default=3, help="articles of the corpus pySBD segments")
    ap.add_argument("--scale-mb", type=float, default=0.1, help="1× input for the scaling table")
    ap.add_argument("--no-pysbd", action="store_true")
    args = ap.parse_args(argv)

    ev = load_evaluate(args.eval_dir.resolve())
    docs, gold = ev.build_corpus(ev.load_sets([str(args.eval_dir.resolve())]), int(args.mb * 1e6))
    per_article = gold / len(docs)
    size = sum(len(d.encode("utf-8")) for d in docs)
    print(f"corpus: {len(docs)} articles, {size / 1e6:.2f} MB, {gold} gold sentences (built by evaluate.py)")

    sbd = None if args.no_pysbd else pysbd_segmenter()
    own_cases(sbd)

    ours, ours_times, produced = median_time(segment, docs, args.runs)
    ours_sps = gold / ours
    print(
        f"ours : median {ours:.4f} s of {args.runs} runs "
        f"({', '.join(f'{t:.3f}' for t in ours_times)}) => {ours_sps:,.0f} sent/s, "
        f"{size / 1e6 / ours:.2f} MB/s, {produced} segments"
    )
    if sbd is not None:
        k = max(1, min(args.pysbd_articles, len(docs)))
        sub = docs[:k]
        sbd_t, sbd_times, sbd_produced = median_time(sbd, sub, args.pysbd_runs)
        sbd_sps = per_article * k / sbd_t
        ours_sub, _, _ = median_time(segment, sub, args.runs)
        print(
            f"pySBD: median {sbd_t:.3f} s of {args.pysbd_runs} runs on {k} of the articles "
            f"({', '.join(f'{t:.2f}' for t in sbd_times)}) => {sbd_sps:,.0f} sent/s, {sbd_produced} segments"
        )
        print(f"ratio: {ours_sps / sbd_sps:,.0f}× pySBD's sentences/s (whole corpus); "
              f"{(per_article * k / ours_sub) / sbd_sps:,.0f}× on the same {k} articles")
    else:
        print("pySBD: not installed (pip install -e '.[bench]') or --no-pysbd")

    print(f"\nlinear scaling, one call per input (1× = {args.scale_mb} MB of the corpus):")
    base_text = "\n\n".join(docs)
    unit = base_text[: int(args.scale_mb * 1e6)]
    for label, text0 in (("with line breaks", unit), ("as one line", " ".join(unit.split()))):
        first = None
        for factor in (1, 10, 100):
            text = text0 * factor
            dt = statistics.median(timed(segment, [text])[0] for _ in range(max(1, args.runs // 2)))
            first = first or dt
            print(
                f"  {label:17s} {factor:>3}×  {len(text) / 1e6:7.2f} MB  {dt:8.3f} s  "
                f"{len(text) / 1e6 / dt:6.2f} MB/s  time/1× = {dt / first:6.1f}"
            )

    print(f"\nbad input, one call, 1× = {args.scale_mb} MB and 10×:")
    small, big = pathological(args.scale_mb), pathological(args.scale_mb * 10)
    for name in small:
        t1 = statistics.median(timed(segment, [small[name]])[0] for _ in range(3))
        t10 = statistics.median(timed(segment, [big[name]])[0] for _ in range(3))
        print(f"  {name:22s} 1×: {t1:7.4f} s   10×: {t10:7.4f} s   ratio {t10 / max(t1, 1e-9):5.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
