"""Benchmark of the reviewer edition: the XLSX round trip, and the time to write the editions.

    .venv/bin/python bench/review_bench.py [--lang be] [--runs 3] [--corrections 10] [--doc D ...]
                                           [--root PROJECT] [--json out.json]

On a temporary copy of the project (default: this checkout's shipped content; never changed):

* round trip: `pipeline review LANG` writes each document's XLSX; a reviewer (openpyxl, as
  a spreadsheet saves it) fills in N corrections spread over the table, plus a comment-only
  row and a row that retypes the translation as it was; `pipeline review --import` brings it
  back.  Counted per catalog: entries changed (must be N), and lines changed outside those
  entries (must be 0), byte for byte.
* time: writing the editions (PDF + XLSX) of every document of LANG through the build
  (`build(select=review kinds, force)`, in a fresh process, one render process so that it
  compares with the floor), beside the floor: WeasyPrint alone, in a fresh process, setting
  the very same HTML one after the other.  Median of --runs; the ratio is ours / floor.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
sys.path.insert(0, str(ROOT))

OURS = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    t0 = time.perf_counter()
    from pipeline.build import build
    from pipeline.config import load_config
    from pipeline.outputs import Selection
    from pipeline.review import output_path
    from pipeline.writers.review import KINDS
    config = load_config(Path(sys.argv[1]))
    lang, docs = sys.argv[2], sys.argv[4:]
    paths = {output_path(config, kind, lang, doc) for kind in KINDS for doc in docs}
    report = build(config, select=Selection(kinds=KINDS, langs=(lang,), paths=paths), force=True, jobs=int(sys.argv[3]))
    print(json.dumps({"inner": time.perf_counter() - t0, "written": len(report.written)}))
    """
)

FLOOR = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    t0 = time.perf_counter()
    import weasyprint
    from pipeline.pdf import TemplateFetcher
    templates = Path(sys.argv[1])
    for html in sys.argv[2:]:
        weasyprint.HTML(string=Path(html).read_text(encoding="utf-8"), base_url=templates.resolve().as_uri() + "/",
                        url_fetcher=TemplateFetcher(templates)).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    print(json.dumps({"inner": time.perf_counter() - t0}))
    """
)


def _copy(src: Path, dest: Path) -> Path:
    dest.mkdir(parents=True)
    shutil.copy(src / "pyproject.toml", dest / "pyproject.toml")
    for name in ("seeds", "locales"):
        shutil.copytree(src / name, dest / name)
    # A fixture project (tests/roots/) has no templates of its own: it uses the checkout's.
    shutil.copytree(src / "templates" if (src / "templates").is_dir() else ROOT / "templates", dest / "templates")
    return dest


def _run(code: str, *args: str) -> float:
    out = subprocess.run([PY, "-c", code, *args], cwd=ROOT, check=True, capture_output=True, text=True)
    return float(json.loads(out.stdout.strip().splitlines()[-1])["inner"])


def round_trip(root: Path, lang: str, docs: list[str], n: int) -> list[dict[str, object]]:
    """Export, correct ``n`` rows per workbook, import; count what changed in each catalog."""
    import os

    from openpyxl import load_workbook

    from pipeline.cli import main
    from pipeline.config import load_config
    from pipeline.exchange.apply import unit_id
    from pipeline.pofile import parse_po

    config = load_config(root)
    here = Path.cwd()
    os.chdir(root)
    quiet = io.StringIO()
    try:
        with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
            code = main(["review", lang, *docs])
        if code != 0:
            raise SystemExit("review failed")
        rows = []
        for doc in docs:
            xlsx = config.dist / "review" / lang / f"{doc}.xlsx"
            po = config.po_path(lang, doc)
            before = po.read_bytes()
            wb = load_workbook(xlsx)
            ws = wb["Review"]
            total = ws.max_row - 1
            picks = sorted({2 + (i * total) // n for i in range(n)})
            ids = set()
            for k, r in enumerate(picks):
                ws.cell(row=r, column=8).value = f"Выпраўленне рэцэнзента {k}."
                ws.cell(row=r, column=9).value = f"Заўвага {k}"
                ids.add(str(ws.cell(row=r, column=1).value).split("/")[0])
            spare = [r for r in range(2, ws.max_row + 1) if r not in picks]
            ws.cell(row=spare[0], column=9).value = "a comment without a correction"
            ws.cell(row=spare[1], column=8).value = ws.cell(row=spare[1], column=4).value  # retyped as it was
            returned = root / f"{doc}.returned.xlsx"
            wb.save(returned)
            t0 = time.perf_counter()
            with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
                code = main(["review", "--import", str(returned)])
            elapsed = time.perf_counter() - t0
            after = po.read_bytes()
            old = {m.key: m for m in parse_po(before, po).entries}
            new = {m.key: m for m in parse_po(after, po).entries}
            changed = {k for k in new if new[k] != old.get(k)}
            corrected = {k for k in new if unit_id(*k) in ids}
            # msgcat's layout: one block per message, in order; a block that differs must be a corrected entry's.
            messages = parse_po(after, po).messages
            a_blocks, b_blocks = before.split(b"\n\n"), after.split(b"\n\n")
            outside = abs(len(a_blocks) - len(b_blocks))
            for i, (a, b) in enumerate(zip(a_blocks, b_blocks)):
                if a != b and (i >= len(messages) or messages[i].key not in corrected or messages[i].is_header):
                    outside += max(a.count(b"\n"), b.count(b"\n")) + 1
            rows.append({"doc": doc, "rows": total, "corrections": len(picks), "exit": code,
                         "entries_changed": len(changed), "changed_are_corrected": changed == corrected,
                         "lines_changed_outside": outside, "import_s": elapsed})
        return rows
    finally:
        os.chdir(here)


def timings(root: Path, lang: str, docs: list[str], runs: int) -> dict[str, object]:
    from pipeline.config import load_config
    from pipeline.render import make_environment
    from pipeline.review import load_review, review_html
    from pipeline.gate import ui_translations

    config = load_config(root)
    env = make_environment(config.templates)
    ui = ui_translations(config, lang)
    folder = root / "html"
    folder.mkdir(exist_ok=True)
    pages = []
    for doc in docs:
        path = folder / f"{doc}.html"
        path.write_text(review_html(env, load_review(config, lang, doc), ui, version="0.1.0"), encoding="utf-8")
        pages.append(str(path))
    ours1 = [_run(OURS, str(root), lang, "1", *docs) for _ in range(runs)]
    ours2 = [_run(OURS, str(root), lang, "2", *docs) for _ in range(runs)]
    floor = [_run(FLOOR, str(config.templates), *pages) for _ in range(runs)]
    m1, m2, mf = statistics.median(ours1), statistics.median(ours2), statistics.median(floor)
    return {"documents": len(pages), "ours_jobs1_s": m1, "ours_jobs2_s": m2, "floor_s": mf,
            "ratio_jobs1": m1 / mf, "ratio_jobs2": m2 / mf, "runs": runs}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=ROOT)
    ap.add_argument("--lang", default="be")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corrections", type=int, default=10)
    ap.add_argument("--doc", action="append", default=None, help="documents (default: every document of the packs)")
    ap.add_argument("--no-timing", action="store_true")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    from pipeline.config import load_config
    from pipeline.writers.review import review_documents

    docs = args.doc or list(review_documents(load_config(args.root)))
    result: dict[str, object] = {"lang": args.lang}
    with tempfile.TemporaryDirectory(prefix="review-bench-") as tmp:
        root = _copy(args.root, Path(tmp) / "trip")
        trip = round_trip(root, args.lang, docs, args.corrections)
        result["round_trip"] = trip
        print(f"XLSX round trip [{args.lang}]: corrections applied, entries changed, lines changed outside them")
        for row in trip:
            print(f"  {row['doc']:<32} {row['corrections']:>3} of {row['rows']:>3} rows -> {row['entries_changed']:>3} entries "
                  f"changed{' (exactly the corrected ones)' if row['changed_are_corrected'] else ' (NOT the corrected ones)'}, "
                  f"{row['lines_changed_outside']} lines outside; import {row['import_s']:.2f} s, exit {row['exit']}")
        if not args.no_timing:
            t = timings(_copy(args.root, Path(tmp) / "time"), args.lang, docs, args.runs)
            result["timing"] = t
            print(f"reviewer editions of {t['documents']} documents [{args.lang}], median of {t['runs']}: "
                  f"ours {t['ours_jobs1_s']:.2f} s (1 process; {t['ours_jobs2_s']:.2f} s with 2), "
                  f"WeasyPrint alone on the same HTML {t['floor_s']:.2f} s: ratio {t['ratio_jobs1']:.2f}× "
                  f"({t['ratio_jobs2']:.2f}× with 2 processes)")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
