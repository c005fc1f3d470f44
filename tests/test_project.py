"""The shipped project itself: catalogs current, complete, clean, and gettext-conformant."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po")) + sorted((ROOT / "locales").glob("*.pot"))


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_catalogs_are_current_with_the_sources() -> None:
    """Re-extracting and re-merging would change nothing: nobody edited a seed and forgot."""
    assert main(["extract", "--check"]) == 0
    assert main(["update", "--check"]) == 0


def test_every_language_is_complete(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--json", "--min", "100"]) == 0
    rows = json.loads(capsys.readouterr().out)
    rows = rows["catalogs"]
    assert {r["language"] for r in rows} == {"be", "de"}
    assert {r["document"] for r in rows} == {p.stem for p in (ROOT / "locales").glob("*.pot")}  # the ui domain too
    assert len(rows) == 12
    for row in rows:
        assert row["fuzzy"] == 0 and row["untranslated"] == 0, row


def test_checks_find_nothing_in_the_shipped_translations(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict"]) == 0, capsys.readouterr().out


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalog_is_msgcat_fixed_point_and_msgfmt_clean(path: Path) -> None:
    formatted = subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
    assert formatted == path.read_bytes()
    if path.suffix == ".po":
        result = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_headers_say_who_translated() -> None:
    for path in (ROOT / "locales").glob("*/LC_MESSAGES/*.po"):
        text = path.read_text(encoding="utf-8")
        assert '"Last-Translator: \\n"' not in text, path
        assert "Language: " + path.parts[-3] in text, path


SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
def test_seeds_are_the_collected_texts_byte_for_byte() -> None:
    """Nobody edited a source to make the pipeline's job easier."""
    shared = {p.name: p.read_bytes() for p in SHARED_SEEDS.iterdir() if p.is_file()}
    ours = {p.name: p.read_bytes() for p in (ROOT / "seeds").iterdir() if p.is_file() and p.name != "seeds.toml"}
    assert ours == shared


def test_manifest_lists_every_seed() -> None:
    from pipeline.manifest import load_manifest

    listed = {entry.path.name for entry in load_manifest(ROOT / "seeds" / "seeds.toml")}
    assert listed == {p.name for p in (ROOT / "seeds").glob("*.txt")}


VENDOR_WORDS = ("claude", "anthropic", "openai", "chatgpt", "gpt-", "gemini", "deepl", "ai model", "ki-modell", "(ші)", "мадэль шi", "мадэль ші")


def test_catalogs_and_templates_name_no_model_or_vendor() -> None:
    """Shipped-content check: readers see the catalogs' headers (colophon) and the templates'
    text; neither names an AI model or vendor.  An unreviewed catalog says what it is, in its
    own language, and is marked as a machine draft for the colophon."""
    for path in [*(ROOT / "locales").glob("*/LC_MESSAGES/*.po"), *(ROOT / "templates").rglob("*.html")]:
        text = path.read_text(encoding="utf-8").lower()
        assert not [w for w in VENDOR_WORDS if w in text], path
    for path in (ROOT / "locales").glob("*/LC_MESSAGES/*.po"):
        text = path.read_text(encoding="utf-8")
        if '"X-Translation-Status: machine-draft\\n"' in text:
            assert ("чарнавік" in text) if path.parts[-3] == "be" else ("entwurf" in text.lower()), path
