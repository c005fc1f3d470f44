"""Benchmark: how many lines of a translator's file ``pipeline update`` rewrites (churn).

For each tool a translator may save a catalog with (polib, Babel, a Lokalize-style save,
an editor saving CRLF, translate-toolkit, msgcat; see ``tests/po_tools.py``), a copy of the
project's shipped catalogs is saved with it, without changing any entry; then ``update``
runs (templates unchanged) and we count the lines of the saved files it rewrote:

- ``before``: the old write decision (write whenever msgcat's bytes differ from the file's),
  measured by running the same update with that decision put back;
- ``after``: the current one (``pofile.encode_update``: the file is left alone unless an
  entry changed, and keeps its line ends);
- ``msgmerge -U``: GNU ``msgmerge --update --previous --backup=none`` of the same saved file
  with its template, the peer.

A line counts as rewritten when the diff of the file before and after (lines split at LF,
so a CRLF→LF change counts every line) removes or adds it: the larger of the number of
lines removed and the number added.

    python bench/churn_bench.py [--tools polib,Babel] [--catalogs N] [--json FILE]
"""

from __future__ import annotations

import argparse
import difflib
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pipeline.pocompare as pocompare_module  # noqa: E402
from pipeline.build import update  # noqa: E402
from pipeline.config import load_config  # noqa: E402
from pipeline.pocompare import canonical_messages  # noqa: E402
from pipeline.pofile import encode_po, parse_po  # noqa: E402
from tests.po_tools import TOOLS, available  # noqa: E402


def rewritten(before: bytes, after: bytes) -> int:
    """Lines of ``before`` that ``after`` replaced, deleted or inserted (see the module doc)."""
    a, b = before.split(b"\n"), after.split(b"\n")
    ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    return max(sum(i2 - i1 for _, i1, i2, _, _ in ops), sum(j2 - j1 for _, _, _, j1, j2 in ops))


def project_copy(dest: Path, catalogs: int | None) -> list[Path]:
    """A copy of the project's configuration, templates and catalogs; the .po files to save."""
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    for folder in ("seeds", "templates", "locales"):
        shutil.copytree(ROOT / folder, dest / folder)
    files = sorted((dest / "locales").glob("*/LC_MESSAGES/*.po"))
    if catalogs is not None:
        keep = set(files[:catalogs])
        for extra in set(files) - keep:
            extra.unlink()
        files = sorted(keep)
    return files


def entries_changed(before: bytes, after: bytes) -> int:
    """Entries (the header counts as one) the tool's save changed, added or dropped."""
    a, b = set(canonical_messages(parse_po(before))), set(canonical_messages(parse_po(after)))
    return max(len(a - b), len(b - a))


@contextmanager
def old_write_decision() -> Iterator[None]:
    """The update as it was: msgcat's bytes, written whenever they differ from the file's."""
    modules = (pocompare_module,)  # the orchestrator looks it up there at each update
    saved = [getattr(m, "encode_update") for m in modules]
    for module in modules:
        setattr(module, "encode_update", lambda path, catalog: encode_po(catalog))
    try:
        yield
    finally:
        for module, function in zip(modules, saved):
            setattr(module, "encode_update", function)


def run_update(root: Path, files: list[Path]) -> dict[Path, bytes]:
    config = load_config(root)
    report = update(config, sorted({p.stem for p in files} - {"ui"}) + (["ui"] if any(p.stem == "ui" for p in files) else []))
    errors = list(report.errors)
    if errors:
        raise SystemExit("update failed:\n" + "\n".join(str(e) for e in errors))
    return {p: p.read_bytes() for p in files}


def measure(tool: str, catalogs: int | None) -> dict[str, int]:
    save = TOOLS[tool]
    row: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mode in ("before", "after", "msgmerge"):
            root = Path(tmp) / mode
            root.mkdir()
            files = project_copy(root, catalogs)
            original = {p: p.read_bytes() for p in files}
            for p in files:
                save(p)
            saved = {p: p.read_bytes() for p in files}
            row["saved"] = sum(rewritten(original[p], saved[p]) for p in files)
            row["entries_changed"] = sum(entries_changed(original[p], saved[p]) for p in files)
            row["lines"] = sum(data.count(b"\n") for data in saved.values())
            if mode == "msgmerge":
                if shutil.which("msgmerge") is None:
                    row[mode] = -1
                    continue
                for p in files:
                    pot = root / "locales" / f"{p.stem}.pot"
                    subprocess.run(["msgmerge", "--quiet", "--update", "--previous", "--backup=none", str(p), str(pot)], check=True)
                out = {p: p.read_bytes() for p in files}
            elif mode == "before":
                with old_write_decision():
                    out = run_update(root, files)
            else:
                out = run_update(root, files)
            row[mode] = sum(rewritten(saved[p], out[p]) for p in files)
            if mode == "after":
                row["files_written"] = sum(saved[p] != out[p] for p in files)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated, of: " + ", ".join(TOOLS))
    parser.add_argument("--catalogs", type=int, default=None, help="only the first N catalogs (for a quick run)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    tools = [t for t in args.tools.split(",") if t]
    unknown = [t for t in tools if t not in TOOLS]
    if unknown:
        parser.error(f"unknown tool(s): {', '.join(unknown)}")
    results: dict[str, dict[str, int]] = {}
    print("Lines of the saved catalogs that `pipeline update` rewrites after each tool saved them (no translation edited)")
    print(f"{'tool':<18} {'lines':>6} {'tool changed':>12} {'entries':>7} {'update before':>13} {'update after':>12} {'files written':>13} {'msgmerge -U':>11}")
    for tool in tools:
        if not available(tool):
            print(f"{tool:<18} (not installed)")
            continue
        row = results[tool] = measure(tool, args.catalogs)
        peer = "n/a" if row["msgmerge"] < 0 else str(row["msgmerge"])
        print(f"{tool:<18} {row['lines']:>6} {row['saved']:>12} {row['entries_changed']:>7} {row['before']:>13} {row['after']:>12} {row['files_written']:>13} {peer:>11}")
    print("lines: of the saved catalogs; tool changed: lines the tool's save changed; entries: entries whose")
    print("content the save changed (then update rightly rewrites: it restores what the template says)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    # Exit 1 when update still rewrites a file whose entries the tool did not change.
    return 1 if any(r["after"] and not r["entries_changed"] for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
