"""The benchmarks still run.

They import the pipeline's stages directly, so a refactoring can break them without any other
test noticing (it happened: build_bench reached for a helper that had been removed).  Each one
runs here on a tiny input; nothing is timed or compared, only that it finishes and reports.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.config import load_config

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "segmentation"


def _bench(script: str, *args: str, timeout: int = 300, ok: tuple[int, ...] = (0,)) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode in ok, f"{script} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.mark.skipif(not (EVAL / "evaluate.py").exists(), reason="../shared/eval/segmentation is not beside the checkout")
def test_segment_bench_runs() -> None:
    out = _bench("segment_bench.py", "--mb", "0.02", "--runs", "1", "--pysbd-runs", "1", "--pysbd-articles", "1",
                 "--scale-mb", "0.002")
    assert "pySBD's sentences/s" in out
    assert "own cases (tests/segment)" in out and "  be: " in out
    assert "time/1×" in out


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU gettext is not installed")
def test_merge_bench_runs() -> None:
    out = _bench("merge_bench.py", "--articles", "4", "--per-article", "20", "--runs", "1", "--msgmerge-runs", "1")
    assert "msgmerge" in out


def test_build_bench_runs(tmp_path: Path) -> None:
    # Exit 1 means "targets not met": timing on a busy test machine says nothing, so it is not
    # judged here; only that every figure was measured.
    _bench("build_bench.py", "--runs", "1", "--jobs", "1", "--json", str(tmp_path / "build.json"), ok=(0, 1))
    result = json.loads((tmp_path / "build.json").read_text(encoding="utf-8"))
    config = load_config(ROOT)
    assert result["outputs"] == sorted(f"{p.slug}.{lang}.html" for p in config.packs for lang in p.languages)
    assert result["full_build_s"] > 0 and result["floor_s"] > 0 and result["noop_rebuild_s"] > 0


@pytest.mark.parametrize("script", ["check_compare.py", "check_mutations.py"])
def test_check_benches_run(script: str) -> None:
    out = _bench(script, str(ROOT / "locales" / "be" / "LC_MESSAGES" / "fp-lukashenko-putin-attack.po"))
    assert "pofilter" in out


def test_text_bench_runs() -> None:
    out = _bench("text_bench.py", "--sizes", "0.01", "--runs", "1")
    assert "jusText" in out and "s per MB" in out


def test_ingest_bench_runs(tmp_path: Path) -> None:
    # One page of each format from the tune half, so that every tool and both scorings run.
    tune = ROOT / "tests" / "ingest" / "corpus" / "tune"
    (tmp_path / "tune").mkdir()
    for stem, fmt in (("wire-potash-transit", ".txt"), ("newsletter-border-diary", ".html")):
        for name in (stem + fmt, stem + fmt + ".labels", stem + ".meta.toml"):
            shutil.copy(tune / name, tmp_path / "tune" / name)
    out = _bench("ingest_bench.py", "--corpus", str(tmp_path), "--pages", "--json", str(tmp_path / "ingest.json"))
    assert "trafilatura favor_recall" in out and "jusText" in out and "T lines" in out
    result = json.loads((tmp_path / "ingest.json").read_text(encoding="utf-8"))
    assert set(result["totals"]) >= {"ours|tune|txt", "jusText|tune|txt", "trafilatura|tune|html"}
    assert result["totals"]["ours|tune|txt"]["k_total"] > 0


def test_html_bench_runs() -> None:
    out = _bench("html_bench.py", "--mb", "0.05", "--runs", "1")
    assert "trafilatura" in out


def test_churn_bench_runs(tmp_path: Path) -> None:
    out = _bench("churn_bench.py", "--tools", "polib,CRLF editor", "--catalogs", "2", "--json", str(tmp_path / "churn.json"))
    assert "update before" in out and "msgmerge -U" in out
    result = json.loads((tmp_path / "churn.json").read_text(encoding="utf-8"))
    assert set(result) == {"polib", "CRLF editor"}
    assert result["CRLF editor"]["before"] > 0 and result["CRLF editor"]["after"] == 0


def test_lang_compare_runs_and_the_pinned_plurals_agree() -> None:
    out = _bench("lang_compare.py", "--upto", "200", "be", "de", "pl", "cs")
    assert "babel: agrees in value on 4/4 languages" in out
    assert re.search(r"(?m)^be\s+yes\s+3\s+agrees", out) and re.search(r"(?m)^cs\s+no\s+3\s+agrees", out)


def test_preview_bench_runs(tmp_path: Path) -> None:
    # Exit 1 means "target not met" (a busy machine): not judged here, only that it measured.
    fixture = ROOT / "tests" / "roots" / "test-briefing"
    project = tmp_path / "project"  # the fixture with a one-article pack: its PDFs render quickly
    for name in ("seeds", "locales"):
        shutil.copytree(fixture / name, project / name)
    text = (fixture / "pyproject.toml").read_text(encoding="utf-8")
    start = text.index("documents = [")
    end = text.index("]", start) + 1
    (project / "pyproject.toml").write_text(text[:start] + 'documents = ["byline-opposition-presses-on"]' + text[end:],
                                            encoding="utf-8")
    out = _bench("preview_bench.py", "--project", str(project), "--runs", "2",
                 "--build-runs", "1", "--json", str(tmp_path / "preview.json"), ok=(0, 1))
    assert "save → page served with the change" in out and "`pipeline build` after the same save" in out
    result = json.loads((tmp_path / "preview.json").read_text(encoding="utf-8"))
    assert result["runs"] == 2
    assert result["save_to_page_s"] > 0 and result["pipeline_build_s"] > 0 and result["html_build_without_memo_s"] > 0
