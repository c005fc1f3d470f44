"""Run `pipeline check` and translate-toolkit's `pofilter` on the same catalogs; tabulate.

    .venv/bin/python bench/check_compare.py                 # fixtures + locales/*/LC_MESSAGES/*.po
    .venv/bin/python bench/check_compare.py a.po b.po       # just these
    .venv/bin/python bench/check_compare.py --list          # also print every finding

pofilter runs with its defaults for the target language (``--language=be|de``), fuzzy entries
excluded (``--nofuzzy``, as `pipeline check` does not check them as final), and — to be fair to
it — the glossary terms that stay unchanged (Chatham House, Foreign Policy …) given as its
``--notranslatefile``.  pofilter has no bilingual glossary check.

Catalogs whose entries carry ``#. expect: <checks>`` (tests/check/planted) have ground truth:
each planted kind is counted as caught by a tool if a check of the matching kind fires on that
entry; any finding on an entry marked ``-`` is a false positive.  On the real catalogs there is
no ground truth; the script prints the findings so that a person can judge them (``--list``).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.check import check_files, language_of  # noqa: E402
from pipeline.check_glossary import load_glossary  # noqa: E402
from pipeline.check_style import load_house_style  # noqa: E402
from pipeline.pofile import read_po  # noqa: E402

# pofilter's test names mapped to the kinds of `pipeline check`.
POFILTER_KIND = {
    "numbers": "numbers",
    "doublequoting": "quotes", "singlequoting": "quotes",
    "brackets": "brackets",
    "endpunc": "punctuation", "startpunc": "punctuation", "puncspacing": "spacing",
    "urls": "urls", "emails": "urls",
    "doublespacing": "spacing", "doublewords": "spacing", "endwhitespace": "spacing", "startwhitespace": "spacing",
    "unchanged": "untranslated",
    "long": "length", "short": "length",
    "printf": "placeholders", "pythonbraceformat": "placeholders", "variables": "placeholders",
    "nplurals": "plurals",
    "notranslatewords": "glossary",
}
META = {"fuzzy", "silence", "catalog"}


def _entry_lines(path: Path) -> dict[tuple[str | None, str], int]:
    """(msgctxt, msgid) -> line of the msgid."""
    lines = path.read_text(encoding="utf-8").split("\n")
    out = {}
    for m in read_po(path).entries:
        line = m.line
        while not lines[line - 1].startswith("msgid "):
            line += 1
        out[(m.msgctxt, m.msgid)] = line
    return out


def expectations(path: Path) -> dict[int, set[str]] | None:
    catalog = read_po(path)
    if not any(c.startswith("expect:") for m in catalog.entries for c in m.extracted):
        return None
    keys = _entry_lines(path)
    out = {}
    for m in catalog.entries:
        expect = next((c for c in m.extracted if c.startswith("expect:")), "expect: -")
        names = set(expect.split(":", 1)[1].split()) - {"-"}
        if not names and (any(c.startswith("check:") for c in m.comments) or any(f.startswith("no-check-") for f in m.flags)):
            continue  # silenced on purpose by a person: neither tool is judged on it
        out[keys[(m.msgctxt, m.msgid)]] = names
    return out


def run_pofilter(path: Path, lang: str, notranslate: Path) -> dict[int, list[tuple[str, str]]]:
    """msgid line -> [(pofilter test, message)]."""
    keys = _entry_lines(path)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.po"
        cmd = [str(Path(sys.executable).parent / "pofilter"), f"--language={lang}", "--nofuzzy", "--progress=none",
               f"--notranslatefile={notranslate}", "-i", str(path), "-o", str(out)]
        subprocess.run(cmd, check=True, capture_output=True)
        found: dict[int, list[tuple[str, str]]] = defaultdict(list)
        if not out.exists():
            return found
        for m in read_po(out).entries:
            for c in m.comments:
                hit = re.match(r"\(pofilter\) (\w+): (.*)", c)
                if hit and (m.msgctxt, m.msgid) in keys:
                    found[keys[(m.msgctxt, m.msgid)]].append((hit.group(1), hit.group(2)))
        return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--list", action="store_true", help="print every finding of both tools")
    args = ap.parse_args()
    paths = args.paths or sorted(ROOT.glob("tests/check/planted/*/LC_MESSAGES/*.po")) + sorted(
        p for p in ROOT.glob("locales/*/LC_MESSAGES/*.po"))
    glossary = load_glossary(ROOT / "locales/glossary.csv")
    fixture_glossary = load_glossary(ROOT / "tests/check/glossary.csv")
    style = load_house_style(ROOT / "locales/style.toml") if (ROOT / "locales/style.toml").is_file() else {}
    fixture_style = load_house_style(ROOT / "tests/check/style.toml")

    planted_total: Counter[str] = Counter()
    caught: dict[str, Counter[str]] = {"pipeline check": Counter(), "pofilter": Counter()}
    false_pos: dict[str, Counter[str]] = {"pipeline check": Counter(), "pofilter": Counter()}
    clean_entries = 0
    real: dict[str, Counter[str]] = {"pipeline check": Counter(), "pofilter": Counter()}
    real_entries = 0
    listing: list[str] = []

    for path in paths:
        catalog = read_po(path)
        lang = language_of(path, catalog) or "und"
        truth = expectations(path)
        g = fixture_glossary if truth is not None else glossary
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
            # pofilter matches single words, so only one-word invariants (ECFR, Facebook, LibMod).
            fh.write("\n".join(sorted(t for t in g.invariants(lang) if " " not in t)) + "\n")
            notranslate = Path(fh.name)
        ours: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for f in check_files([path], g, style=fixture_style if truth is not None else style).findings:
            if f.check not in META:
                ours[f.line].append((f.check, f.message))
        theirs = run_pofilter(path, lang, notranslate)
        notranslate.unlink()
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        for tool, found, kind_of in (("pipeline check", ours, lambda c: c), ("pofilter", theirs, lambda c: POFILTER_KIND.get(c, c))):
            for line, items in sorted(found.items()):
                for check, message in items:
                    listing.append(f"{tool:>14}  {rel}:{line}: [{check}] {message}")
            if truth is None:
                real[tool].update(kind_of(c) if tool == "pofilter" else c for items in found.values() for c, _ in items)
                if tool == "pofilter":
                    real["pofilter raw"] = real.get("pofilter raw", Counter()) + Counter(c for items in found.values() for c, _ in items)
                continue
            for line, planted in truth.items():
                kinds = {kind_of(c) for c, _ in found.get(line, [])}
                if not planted - META:
                    if found.get(line):
                        false_pos[tool].update(c for c, _ in found[line])
                    continue
                for kind in planted - META:
                    caught[tool][kind] += kind in kinds
        if truth is not None:
            for line, planted in truth.items():
                planted_total.update(planted - META)
                clean_entries += not (planted - META)
        else:
            real_entries += sum(1 for m in catalog.entries if m.translated)

    print("## Planted errors (tests/check/planted): entries caught by a check of the right kind\n")
    print("| kind | planted | pipeline check | pofilter |")
    print("|---|---:|---:|---:|")
    for kind in sorted(planted_total):
        print(f"| {kind} | {planted_total[kind]} | {caught['pipeline check'][kind]} | {caught['pofilter'][kind]} |")
    total = sum(planted_total.values())
    print(f"| **all** | {total} | {sum(caught['pipeline check'].values())} | {sum(caught['pofilter'].values())} |")
    print(f"\nFalse positives on the {clean_entries} clean fixture entries (legitimate translations):\n")
    for tool in ("pipeline check", "pofilter"):
        fp = false_pos[tool]
        print(f"- {tool}: {sum(fp.values())}" + (f" ({', '.join(f'{c} {n}' for c, n in fp.most_common())})" if fp else ""))
    if real_entries:
        print(f"\n## Real catalogs ({real_entries} translated entries): findings per check\n")
        for tool in ("pipeline check", "pofilter raw"):
            counts = real.get(tool, Counter())
            print(f"- {tool}: {sum(counts.values())}" + (f" ({', '.join(f'{c} {n}' for c, n in counts.most_common())})" if counts else ""))
    if args.list:
        print("\n## Every finding\n")
        print("\n".join(listing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
