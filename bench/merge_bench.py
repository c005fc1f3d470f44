"""Benchmark: our catalog merge against GNU ``msgmerge --previous`` on the same large inputs.

Generates, in a temporary folder, a corpus of articles built from the seeds' sentences with
random edits (default 1,000 articles, about 60 segments each), one template and one
translated catalog per language (be, de); then a new template in which a share of the
sentences changed (reworded, renumbered, cosmetic, deleted, new).  Both tools merge the old
catalog with the new template, file to file, as separate processes:

    msgmerge --quiet --previous OLD.po NEW.pot -o OUT.po
    python -m pipeline merge --plain OLD.po NEW.pot -o OUT.po

Reported: median wall time of each (fewer msgmerge runs: it is slow), the speed ratio, peak
memory (ru_maxrss of each process), and how far our decisions agree with msgmerge's, per
entry: same translation, same fuzzy flag, same ``#| msgid``.

    python bench/merge_bench.py [--articles 1000] [--runs 3] [--msgmerge-runs 1] [--changed 0.05]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import Indel  # noqa: E402

from pipeline.catalog import plural_forms  # noqa: E402
from pipeline.pofile import Catalog, Message, read_po, write_po  # noqa: E402

VOCAB = ("regime", "people", "Minsk", "Kyiv", "sanctions", "army", "border", "opposition", "election", "protest",
         "government", "president", "war", "region", "country", "support", "neutrality", "society", "citizens")
CYR = str.maketrans("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                    "абцдэфгхіjклмнопкрстуввхызАБЦДЭФГХІЙКЛМНОПКРСТУВВХЫЗ")


def seed_sentences() -> list[str]:
    out: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n"):
            para = para.strip(" •\t")
            if len(para) > 30:
                out += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", para) if len(s) > 12]
    return list(dict.fromkeys(out))


def mutate(text: str, rnd: random.Random, strength: int) -> str:
    words = text.split()
    for _ in range(strength):
        i = rnd.randrange(len(words))
        words[i] = rnd.choice(VOCAB)
    return " ".join(words)


def edit(text: str, rnd: random.Random) -> str:
    """One editorial change of the kind the issue lists."""
    kind = rnd.random()
    if kind < 0.4:
        return mutate(text, rnd, 1)
    if kind < 0.6:
        return re.sub(r"\d+", lambda m: str(int(m.group()) + 1), text) if re.search(r"\d", text) else text + " in 2022"
    if kind < 0.75:
        return text.replace("'", "’").replace(" - ", " — ").replace(", ", ",  ", 1) + ("" if "’" in text else " ")
    if kind < 0.9:
        return text.replace(" is ", " is not ", 1) if " is " in text else "Not " + text[0].lower() + text[1:]
    words = text.split()
    return " ".join(words[: max(3, len(words) * 2 // 3)]) + "."


def translate(text: str, lang: str) -> str:
    return text.translate(CYR) if lang == "be" else "DE: " + " ".join(reversed(text.split()))


def build_corpus(folder: Path, articles: int, per_article: int, changed: float, seed: int) -> dict[str, Path]:
    rnd = random.Random(seed)
    base = seed_sentences()
    seen: set[str] = set()
    old: list[tuple[str, str]] = []  # (msgid, reference)
    for a in range(articles):
        for s in range(per_article):
            text = mutate(rnd.choice(base), rnd, rnd.randint(1, 3))
            if text in seen:
                continue
            seen.add(text)
            old.append((text, f"seeds/article-{a:04d}.txt:{s + 1}"))
    head = Message("", "Project-Id-Version: bench\nPOT-Creation-Date: 2026-01-01 00:00+0000\nMIME-Version: 1.0\n"
                       "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n")
    pot_old = Catalog((head, *(Message(t, references=(r,)) for t, r in old)))
    new: list[tuple[str, str]] = []
    for t, r in old:
        roll = rnd.random()
        if roll < changed:
            t2 = edit(t, rnd)
            if t2 not in seen:
                seen.add(t2)
                new.append((t2, r))
                continue
        elif roll < changed + 0.01:
            continue  # deleted
        new.append((t, r))
        if rnd.random() < 0.01:  # a brand-new sentence
            t3 = mutate(rnd.choice(base), rnd, 6) + f" ({len(new)})"
            if t3 not in seen:
                seen.add(t3)
                new.append((t3, r))
    new_head = Message("", head.msgstr.replace("2026-01-01", "2026-02-01"))
    paths = {"pot": folder / "new.pot"}
    write_po(paths["pot"], Catalog((new_head, *(Message(t, references=(r,)) for t, r in new))), expected=False)
    for lang in ("be", "de"):
        h = Message("", head.msgstr + f"Language: {lang}\nPlural-Forms: {plural_forms(lang)}\n")
        msgs = [h, *(Message(m.msgid, translate(m.msgid, lang), references=m.references) for m in pot_old.messages[1:])]
        paths[lang] = folder / f"{lang}.po"
        write_po(paths[lang], Catalog(tuple(msgs)), expected=False)
    return paths


# Runs the command from a small, fresh interpreter and reports the child's own peak memory:
# measured from the (large) bench process, ru_maxrss would include the pages it forked from.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one run of ``cmd``."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, check=True)
    seconds, maxrss, code = out.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out.stderr}")
    return float(seconds), int(maxrss)


def agreement(ours: Catalog, theirs: Catalog) -> dict[str, float]:
    a = {m.key: m for m in ours.entries}
    b = {m.key: m for m in theirs.entries}
    keys = set(a) & set(b)
    same = sum(1 for k in keys if (a[k].fuzzy, a[k].previous_msgid, a[k].strings) == (b[k].fuzzy, b[k].previous_msgid, b[k].strings))
    fz_b = [k for k in keys if b[k].fuzzy]
    fz_a = [k for k in keys if a[k].fuzzy]
    both = [k for k in fz_b if a[k].fuzzy and a[k].previous_msgid == b[k].previous_msgid]
    # Where both chose a fuzzy source but not the same one, is ours at least as similar?
    differ = [k for k in fz_b if a[k].fuzzy and a[k].previous_msgid != b[k].previous_msgid]
    def score(x: str, y: str | None) -> float:  # on UTF-8 bytes, as fstrcmp
        return float(Indel.normalized_similarity(x.encode(), (y or "").encode()))

    as_good = sum(1 for k in differ if score(k[1], a[k].previous_msgid) >= score(k[1], b[k].previous_msgid) - 1e-9)
    return {
        "same_fuzzy_flag_pct": 100.0 * sum(1 for k in keys if a[k].fuzzy == b[k].fuzzy) / max(1, len(keys)),
        "different_source": len(differ),
        "different_source_ours_as_similar_pct": 100.0 * as_good / max(1, len(differ)),
        "entries": len(keys),
        "identical_decisions_pct": 100.0 * same / max(1, len(keys)),
        "msgmerge_fuzzy": len(fz_b),
        "ours_fuzzy": len(fz_a),
        "same_fuzzy_source_pct_of_msgmerge": 100.0 * len(both) / max(1, len(fz_b)),
        "same_fuzzy_source_pct_of_ours": 100.0 * len(both) / max(1, len(fz_a)),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--per-article", type=int, default=60)
    ap.add_argument("--changed", type=float, default=0.05)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--msgmerge-runs", type=int, default=1)
    ap.add_argument("--seed", type=int, default=2022)
    ap.add_argument("--keep", type=Path, default=None, help="Generate into this folder and keep it.")
    args = ap.parse_args()
    if shutil.which("msgmerge") is None:
        print("msgmerge (GNU gettext) is not installed", file=sys.stderr)
        return 1
    folder = args.keep or Path(tempfile.mkdtemp(prefix="merge-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        paths = build_corpus(folder, args.articles, args.per_article, args.changed, args.seed)
        pot = read_po(paths["pot"])
        print(f"corpus: {args.articles} articles, {len(pot.entries)} entries in the new template, "
              f"{args.changed:.0%} edited (generated in {time.perf_counter() - t0:.1f} s) in {folder}")
        for lang in ("be", "de"):
            ours_out, theirs_out = folder / f"{lang}.ours.po", folder / f"{lang}.msgmerge.po"
            ours_cmd = [sys.executable, "-m", "pipeline", "merge", "--plain", str(paths[lang]), str(paths["pot"]), "-o", str(ours_out)]
            theirs_cmd = ["msgmerge", "--quiet", "--previous", str(paths[lang]), str(paths["pot"]), "-o", str(theirs_out)]
            ours_runs = []
            for _ in range(args.runs):
                ours_out.unlink(missing_ok=True)
                ours_runs.append(timed(ours_cmd))
            theirs_runs = [timed(theirs_cmd) for _ in range(max(1, args.msgmerge_runs))]
            ours_t = statistics.median(t for t, _ in ours_runs)
            theirs_t = statistics.median(t for t, _ in theirs_runs)
            ours_mem = max(m for _, m in ours_runs)
            theirs_mem = max(m for _, m in theirs_runs)
            agree = agreement(read_po(ours_out), read_po(theirs_out))  # read after timing: keeps forks small
            print(f"[{lang}] ours {ours_t:.2f} s (median of {args.runs}), msgmerge {theirs_t:.2f} s "
                  f"(median of {args.msgmerge_runs}): {theirs_t / ours_t:.1f}x faster")
            print(f"[{lang}] peak memory: ours {ours_mem / 1024:.0f} MiB, msgmerge {theirs_mem / 1024:.0f} MiB")
            print(f"[{lang}] agreement over {agree['entries']} entries: {agree['identical_decisions_pct']:.2f}% identical; "
                  f"fuzzy: msgmerge {agree['msgmerge_fuzzy']}, ours {agree['ours_fuzzy']}, same source for "
                  f"{agree['same_fuzzy_source_pct_of_msgmerge']:.1f}% of msgmerge's and "
                  f"{agree['same_fuzzy_source_pct_of_ours']:.1f}% of ours; same fuzzy flag on "
                  f"{agree['same_fuzzy_flag_pct']:.2f}% of entries; where the sources differ "
                  f"({agree['different_source']}), ours is at least as similar in "
                  f"{agree['different_source_ours_as_similar_pct']:.1f}%")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
