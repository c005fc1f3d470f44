"""Benchmark of `pipeline preview`: save-to-page latency, beside `pipeline build` for the same save.

    .venv/bin/python bench/preview_bench.py [--runs 10] [--browser-runs N] [--build-runs 10] [--project DIR] [--json out.json]

On a copy of the project (default: this repository's shipped content) in a temporary folder:

* preview: `pipeline preview --port 0 --no-open` runs in its own process, as a translator
  starts it; the bench listens to its event stream as the open page does.  Each run inserts a
  new word into a published Belarusian translation of one article and saves the .po (written
  whole, as an editor does); the latency is from the save until the reload event has arrived
  and the page served then holds the new word.  Also reported: save → event alone.
  The same in headless Chromium (Playwright): from the save until the reloaded page shows it.
* peer: `pipeline build` in a fresh process after the same kind of save, what a translator
  runs without the preview (it rebuilds that language's page and its PDF), and `build()` of the
  site only but without the preview's memo (everything ingested and checked again),
  in one warm process: what the memo saves.

Each figure is the median of its runs.  Target (issue 14): a saved .po shows on the page in
under a second.
"""

from __future__ import annotations

import argparse
import dataclasses
import html
import importlib.util
import http.client
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
sys.path.insert(0, str(ROOT))  # import the checkout's pipeline package

LANG = "be"
LETTERS = "абвгдежзійклмнопрстуўфхцчшыэюя"
TARGET_S = 1.0


def _copy_project(source: Path, dest: Path) -> Path:
    for name in ("seeds", "locales"):
        shutil.copytree(source / name, dest / name)
    shutil.copytree(source / "templates" if (source / "templates").is_dir() else ROOT / "templates", dest / "templates")
    shutil.copy(source / "pyproject.toml", dest / "pyproject.toml")
    return dest


def _word(i: int) -> str:
    """A new Belarusian-looking word per run (no digits: the number check would hold it back)."""
    return "правер" + LETTERS[i % len(LETTERS)] + LETTERS[(i // len(LETTERS)) % len(LETTERS)]


def _target(root: Path) -> tuple[Path, str, str]:
    """(catalog, msgid, msgstr) of a published translation shown on the language's page."""
    from pipeline.config import load_config
    from pipeline.pofile import read_po

    config = load_config(root)
    page = (config.dist / LANG / "index.html").read_text(encoding="utf-8")
    for pack in config.packs:
        for slug in pack.documents:
            path = config.po_path(LANG, slug)
            if not path.exists():
                continue
            for m in read_po(path).entries:
                if (m.translated and m.msgid_plural is None and " " in m.msgstr and len(m.msgstr) > 40
                        and html.escape(m.msgstr, quote=False) in page):
                    return path, m.msgid, m.msgstr
    raise SystemExit(f"no published {LANG} translation on dist/{LANG}/index.html to edit")


def _save(path: Path, msgid: str, original: str, word: str) -> str:
    """Save the catalog with ``word`` inserted into the translation of ``msgid``."""
    from pipeline.pofile import Catalog, read_po, write_po

    catalog = read_po(path)
    new = original.replace(" ", f" {word} ", 1)
    messages = tuple(dataclasses.replace(m, msgstr=new) if m.msgid == msgid and not m.obsolete else m
                     for m in catalog.messages)
    write_po(path, Catalog(messages, str(path), catalog.stamp))
    return new


class _Events:
    """The page's event stream, from the serial the page was served with (as its script does)."""

    def __init__(self, url: str) -> None:
        with urllib.request.urlopen(f"{url}{LANG}/index.html", timeout=120) as response:
            page = response.read().decode("utf-8")
        found = re.search(r"var serial = (\d+)", page)
        if found is None:
            raise SystemExit("the served page has no preview script")
        self.last = int(found.group(1))
        host, port = url.split("//", 1)[1].rstrip("/").split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=120)
        self.conn.request("GET", f"/__preview/events?since={self.last}")
        self.response = self.conn.getresponse()

    def reload(self, page: str) -> None:
        """Wait for the next reload event naming ``page`` (events before it are skipped)."""
        while True:
            event, data = "", ""
            while True:
                line = self.response.fp.readline().decode("utf-8")
                if not line:
                    raise SystemExit("the preview's event stream ended")
                line = line.rstrip("\n")
                if not line:
                    break
                key, _, value = line.partition(": ")
                event, data = (value, data) if key == "event" else (event, value if key == "data" else data)
            if event == "failed":
                raise SystemExit(f"the preview's build failed:\n{json.loads(data)['error']}")
            if event == "reload":
                payload: dict[str, Any] = json.loads(data)
                if payload["serial"] > self.last and (payload["all"] or page in payload["pages"]):
                    self.last = payload["serial"]
                    return


CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run"]


def _in_browser(url: str, root: Path, runs: int) -> list[float]:
    """Save → the new word in the page's text in headless Chromium (the page reloads itself)."""
    from playwright.sync_api import sync_playwright

    path, msgid, original = _target(root)
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{url}{LANG}/index.html")
            page.wait_for_load_state("load")
            for i in range(runs):
                word = _word(300 + i)
                start = time.perf_counter()
                _save(path, msgid, original, word)
                page.wait_for_function(f"() => document.body && document.body.innerText.includes({json.dumps(word)})",
                                       timeout=120_000, polling="raf")
                times.append(time.perf_counter() - start)
                time.sleep(0.3)
        finally:
            browser.close()
    return times


def _preview(root: Path, runs: int, browser_runs: int) -> tuple[list[float], list[float], list[float]]:
    proc = subprocess.Popen([PY, "-m", "pipeline", "preview", "--port", "0", "--no-open"], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if " at http://" not in line:
            raise SystemExit(f"pipeline preview did not start: {line}{proc.stderr.read() if proc.stderr else ''}")
        url = line.split(" at ", 1)[1].split()[0]
        path, msgid, original = _target(root)
        events = _Events(url)
        latencies, to_event = [], []
        for i in range(runs):
            word = _word(i)
            start = time.perf_counter()
            _save(path, msgid, original, word)
            events.reload(f"/{LANG}/index.html")
            evented = time.perf_counter()
            with urllib.request.urlopen(f"{url}{LANG}/index.html", timeout=120) as response:
                page = response.read().decode("utf-8")
            done = time.perf_counter()
            if word not in page:
                raise SystemExit(f"run {i}: the page served after the reload event lacks the saved word {word!r}")
            latencies.append(done - start)
            to_event.append(evented - start)
            time.sleep(0.3)  # a translator does not save ten times a second
        in_browser = _in_browser(url, root, browser_runs) if browser_runs else []
    finally:
        proc.terminate()
        proc.communicate(timeout=60)
    return latencies, to_event, in_browser


def _full_builds(root: Path, runs: int) -> list[float]:
    path, msgid, original = _target(root)
    subprocess.run([PY, "-m", "pipeline", "build"], cwd=root, check=True, capture_output=True)  # PDFs up to date
    times = []
    for i in range(runs):
        _save(path, msgid, original, _word(100 + i))
        start = time.perf_counter()
        subprocess.run([PY, "-m", "pipeline", "build"], cwd=root, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def _unmemoized_html_builds(root: Path, runs: int) -> list[float]:
    from pipeline.build import build
    from pipeline.config import load_config
    from pipeline.outputs import Selection

    config = load_config(root)
    path, msgid, original = _target(root)
    build(config, select=Selection(kinds=("site",)))  # warm: imports, compiled regexes
    times = []
    for i in range(runs):
        _save(path, msgid, original, _word(200 + i))
        start = time.perf_counter()
        build(config, select=Selection(kinds=("site",)))
        times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--runs", type=int, default=10, help="saves measured through the preview")
    parser.add_argument("--build-runs", type=int, default=10, help="`pipeline build` runs (each renders a PDF)")
    parser.add_argument("--browser-runs", type=int, default=None,
                        help="saves measured in headless Chromium (default: --runs if Chromium and Playwright are here)")
    parser.add_argument("--project", type=Path, default=ROOT, help="project to copy (default: this repository)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.browser_runs is None:
        args.browser_runs = args.runs if CHROMIUM.exists() and importlib.util.find_spec("playwright") else 0

    with tempfile.TemporaryDirectory(prefix="preview-bench-") as tmp:
        root = _copy_project(args.project.resolve(), Path(tmp) / "project")
        latencies, to_event, in_browser = _preview(root, args.runs, args.browser_runs)
        unmemo = _unmemoized_html_builds(root, args.build_runs)
        builds = _full_builds(root, args.build_runs)

    def med(xs: list[float]) -> float:
        return statistics.median(xs)

    result = {
        "runs": args.runs,
        "save_to_page_s": med(latencies),
        "save_to_page_min_s": min(latencies),
        "save_to_page_max_s": max(latencies),
        "save_to_event_s": med(to_event),
        "browser_runs": args.browser_runs,
        "save_to_browser_s": med(in_browser) if in_browser else None,
        "build_runs": args.build_runs,
        "pipeline_build_s": med(builds),
        "html_build_without_memo_s": med(unmemo),
        "target_s": TARGET_S,
    }
    print(f"project: {args.project}  (a {LANG} .po saved {args.runs}×, median)")
    print(f"  preview, save → page served with the change : {result['save_to_page_s']:.3f} s"
          f"  (min {result['save_to_page_min_s']:.3f}, max {result['save_to_page_max_s']:.3f}; target < {TARGET_S:.0f} s)")
    print(f"  preview, save → reload event                 : {result['save_to_event_s']:.3f} s")
    if in_browser:
        print(f"  preview, save → new text in Chromium's page  : {result['save_to_browser_s']:.3f} s"
              f"  (median of {args.browser_runs}; the page updates itself)")
    print(f"  peer: `pipeline build` after the same save    : {result['pipeline_build_s']:.3f} s"
          f"  (fresh process, that language's page and PDF; median of {args.build_runs})")
    print(f"  site-only build() without the preview's memo: {result['html_build_without_memo_s']:.3f} s"
          f"  (warm process, everything re-ingested and re-checked)")
    print(f"  ratio `pipeline build` / preview             : {result['pipeline_build_s'] / result['save_to_page_s']:.1f}×")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0 if result["save_to_page_s"] < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
