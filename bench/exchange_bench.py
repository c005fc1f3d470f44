"""Benchmark: what a PO → XLIFF → PO round trip loses, ours beside translate-toolkit's.

For every catalog (the shipped ones, ``locales/*/LC_MESSAGES/*.po``, and the exchange test
fixture ``tests/roots/test-exchange``, which has fuzzy entries with ``#|``, msgctxt and
plurals the shipped catalogs lack):

- **ours**: ``pipeline export`` (XLIFF 1.2) → ``pipeline import`` of that file into the
  catalog → the catalog;
- **translate-toolkit**: ``po2xliff`` → ``xliff2po`` → a PO file;

and then the same again after a CAT tool edited the target of every 7th translated unit
(each tool's XLIFF is edited the same way), to see that exactly the edited entries change.

Differences are counted per entry and field, layout aside (both sides are read by
``pipeline.pofile`` and compared in :func:`pipeline.pocompare.canonical_message` form):
entries lost or added, obsolete entries revived or lost, msgctxt lost, translations, fuzzy
flags, ``#|`` previous msgids, translator and extracted comments, references, other flags,
header fields.  ``lines`` is the number of lines of the .po file the round trip rewrote.

    python bench/exchange_bench.py [--fixture-only] [--json FILE]
"""

from __future__ import annotations

import argparse
import difflib
import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402  (lxml is a dependency of the package)
from translate.convert.po2xliff import po2xliff  # noqa: E402
from translate.convert.xliff2po import xliff2po  # noqa: E402
from translate.storage import po as tt_po  # noqa: E402

from pipeline.catalog import source_language_of  # noqa: E402
from pipeline.exchange.apply import plan_apply, write_plan  # noqa: E402
from pipeline.exchange.xliff import NAMESPACE, ExportDoc, format_xliff, parse_xliff  # noqa: E402
from pipeline.pocompare import canonical_message  # noqa: E402
from pipeline.pofile import Catalog, Message, parse_po, read_po  # noqa: E402

FIELDS = ("msgstr", "fuzzy", "#| previous", "translator comments", "extracted comments", "references", "flags")
EDIT_EVERY = 7
X = f"{{{NAMESPACE}}}"
TT_NS = "{urn:oasis:names:tc:xliff:document:1.1}"


def _view(m: Message) -> dict[str, object]:
    c = canonical_message(m)
    return {
        "msgstr": c.strings, "fuzzy": m.fuzzy and m.has_translation,
        "#| previous": (c.previous_msgctxt, c.previous_msgid, c.previous_msgid_plural),
        "translator comments": c.comments, "extracted comments": c.extracted, "references": c.references,
        "flags": tuple(f for f in c.flags if f != "fuzzy"),
    }


def differences(original: Catalog, back: Catalog, edited: set[tuple[str | None, str]] = frozenset()) -> Counter[str]:  # type: ignore[assignment]
    """Field-level differences between two catalogs; ``edited`` entries may differ in msgstr."""
    out: Counter[str] = Counter()
    active = {m.key: m for m in back.entries}
    obsolete = {m.key for m in back.obsolete}
    msgids = {m.msgid for m in back.entries}
    for m in original.entries:
        other = active.get(m.key)
        if other is None:
            out["msgctxt lost" if m.msgctxt is not None and m.msgid in msgids else "entry lost"] += 1
            continue
        a, b = _view(m), _view(other)
        for field in FIELDS:
            if a[field] != b[field] and not (field == "msgstr" and m.key in edited):
                out[field] += 1
        if m.key in edited and a["msgstr"] == b["msgstr"]:
            out["edit not applied"] += 1
    originals = {m.key for m in original.entries}
    for m in back.entries:
        if m.key not in originals:
            out["obsolete revived" if m.key in {o.key for o in original.obsolete} else "entry added"] += 1
    kept = [m for m in original.obsolete if m.strings and m.strings[0]]
    out["obsolete lost"] += sum(1 for m in kept if m.key not in obsolete and m.key not in active)
    header_a = dict(original.header_fields)
    header_b = dict(back.header_fields)
    out["header fields"] += sum(1 for k in header_a.keys() | header_b.keys() if header_a.get(k) != header_b.get(k))
    return +out


def lines(before: bytes, after: bytes) -> int:
    a, b = before.split(b"\n"), after.split(b"\n")
    ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    return max(sum(i2 - i1 for _, i1, i2, _, _ in ops), sum(j2 - j1 for _, _, _, j1, j2 in ops))


def _edit_targets(data: bytes, unit_tag: str, edited_sources: set[str]) -> bytes:
    """The XLIFF with the target of every unit whose source is in ``edited_sources`` changed,
    as a CAT tool would write it (approved, state translated)."""
    root = etree.fromstring(data)
    for tu in root.iter(unit_tag):
        source = tu.find(unit_tag.replace("trans-unit", "source"))
        target = tu.find(unit_tag.replace("trans-unit", "target"))
        if source is not None and target is not None and source.text in edited_sources and target.text:
            target.text = target.text + " (edited)"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def ours(path: Path, work: Path, edit: bool) -> tuple[Counter[str], int]:
    original = read_po(path)
    copy = work / path.parent.parent.name / "LC_MESSAGES" / path.name
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, copy)
    source = source_language_of(original, "en")  # an article written in Belarusian says so
    data = format_xliff([ExportDoc(original, str(path.relative_to(ROOT)), path.stem, copy.parent.parent.name, source)],
                        "en").encode()
    edited = _edited(original) if edit else set()
    if edit:
        data = _edit_targets(data, f"{X}trans-unit", {k[1] for k in edited})
    result = parse_xliff(data, "ours.xlf", "en", lambda doc, lang: source)
    write_plan(plan_apply(copy, result.units))
    return differences(original, read_po(copy), edited), lines(path.read_bytes(), copy.read_bytes())


def translate_toolkit(path: Path, edit: bool) -> tuple[Counter[str], int]:
    original = read_po(path)
    data = po2xliff().convertstore(tt_po.pofile.parsestring(path.read_bytes()))
    edited = _edited(original) if edit else set()
    if edit:
        data = _edit_targets(data, f"{TT_NS}trans-unit", {k[1] for k in edited})
    back = bytes(xliff2po().convertstore(data))
    return differences(original, parse_po(back, "tt.po"), edited), lines(path.read_bytes(), back)


def _edited(catalog: Catalog) -> set[tuple[str | None, str]]:
    singular = [m for m in catalog.entries if m.translated and m.msgid_plural is None and m.msgctxt is None]
    return {m.key for m in singular[::EDIT_EVERY]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="also write the numbers as JSON")
    parser.add_argument("--fixture-only", action="store_true", help="only the test fixture (for the test suite)")
    args = parser.parse_args(argv)
    sets = {
        "shipped": sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po")),
        "test-exchange fixture": sorted((ROOT / "tests/roots/test-exchange/locales").glob("*/LC_MESSAGES/*.po")),
    }
    if args.fixture_only:
        del sets["shipped"]
    report: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, paths in sets.items():
            for edit in (False, True):
                label = f"{name}, {'every 7th target edited' if edit else 'unedited'}"
                totals = {"ours": Counter[str](), "translate-toolkit": Counter[str]()}
                changed = {"ours": 0, "translate-toolkit": 0}
                edits = sum(len(_edited(read_po(p))) for p in paths) if edit else 0
                for i, path in enumerate(paths):
                    diff, n = ours(path, Path(tmp) / f"{name}-{edit}-{i}", edit)
                    totals["ours"] += diff
                    changed["ours"] += n
                    diff, n = translate_toolkit(path, edit)
                    totals["translate-toolkit"] += diff
                    changed["translate-toolkit"] += n
                entries = sum(len(read_po(p).entries) for p in paths)
                print(f"\n{label}: {len(paths)} catalogs, {entries} entries" + (f", {edits} targets edited" if edit else ""))
                kinds = sorted(set(totals["ours"]) | set(totals["translate-toolkit"]))
                print(f"  {'difference':<22} {'ours':>6} {'translate-toolkit':>18}")
                for kind in kinds:
                    print(f"  {kind:<22} {totals['ours'][kind]:>6} {totals['translate-toolkit'][kind]:>18}")
                print(f"  {'total':<22} {sum(totals['ours'].values()):>6} {sum(totals['translate-toolkit'].values()):>18}")
                print(f"  {'.po lines rewritten':<22} {changed['ours']:>6} {changed['translate-toolkit']:>18}")
                report[label] = {tool: {"differences": dict(totals[tool]), "total": sum(totals[tool].values()),
                                        "lines_rewritten": changed[tool]} for tool in totals}
                report[label]["edits"] = edits  # type: ignore[index]
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
