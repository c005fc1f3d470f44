"""Checks of the shipped content, as functions over a project root.

tests/test_shipped.py runs them on this repository; tests/test_workflow.py runs them on a copy
to which an article, a pack and a language were added as the README says, and they must still
pass there.  So each says what the *shipped* content promises (these five articles complete in
Belarusian and German, every catalog check-clean and gettext-conformant, the collected texts
untouched) and only that: an added article or language may be untranslated, which the build
shows in English, marked EN.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

from pipeline.cli import main
from pipeline.model import Document

# What the project ships: the articles of the first pack and the languages translated so far.
SHIPPED_DOCUMENTS = (
    "ak-belarus-statement",
    "belarus-digest-blame",
    "byline-opposition-presses-on",
    "fp-lukashenko-putin-attack",
    "ecfr-dual-intentions",
)
SHIPPED_LANGUAGES = ("be", "de")
SHIPPED_PACK = "belarus-and-the-war"
VENDOR_WORDS = ("claude", "anthropic", "openai", "chatgpt", "gpt-", "gemini", "deepl", "ai model", "ki-modell", "(ші)", "мадэль шi", "мадэль ші")


@contextlib.contextmanager
def _in(root: Path) -> Iterator[io.StringIO]:
    """Run the CLI in ``root``, collecting what it prints."""
    out = io.StringIO()
    cwd = Path.cwd()
    os.chdir(root)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            yield out
    finally:
        os.chdir(cwd)


def catalogs(root: Path) -> list[Path]:
    locales = root / "locales"
    return sorted(locales.glob("*/LC_MESSAGES/*.po")) + sorted(locales.glob("*.pot"))


def check_catalogs_are_current(root: Path) -> None:
    """Re-extracting and re-merging would change nothing: nobody edited a seed and forgot."""
    with _in(root):
        assert main(["extract", "--check"]) == 0
        assert main(["update", "--check"]) == 0


def check_shipped_languages_are_complete(root: Path) -> None:
    """The shipped articles and the template strings are fully translated in the shipped languages;
    every other catalog exists (an added article or language may be untranslated)."""
    with _in(root) as out:
        assert main(["status", "--json"]) == 0
    rows = {(r["document"], r["language"]): r for r in json.loads(out.getvalue())["catalogs"]}
    for lang in SHIPPED_LANGUAGES:
        for doc in SHIPPED_DOCUMENTS:
            row = rows[(doc, lang)]
            assert row["fuzzy"] == 0 and row["untranslated"] == 0 and row["translated"] == row["total"], row
        assert untranslated_ui(root, lang) == [], lang
    languages = {lang for _, lang in rows}
    assert languages >= set(SHIPPED_LANGUAGES)
    # Every template (the ui domain too) has a row in each language but its source's
    # (X-Source-Language: English is a target of a document written in Belarusian).
    from pipeline.catalog import source_language_of
    from pipeline.config import UI_DOMAIN, load_config
    from pipeline.pofile import read_po

    config = load_config(root)
    expected = set()
    for pot in (root / "locales").glob("*.pot"):
        source = source_language_of(read_po(pot), config.source_language)
        targets = config.target_languages if pot.stem == UI_DOMAIN else config.targets_for(source)
        expected |= {(pot.stem, lang) for lang in targets}
    assert expected == set(rows)


def untranslated_ui(root: Path, lang: str) -> list[str]:
    """The template strings of ``lang`` not translated, leaving out the titles of added packs
    (which are shown in English, marked, until someone translates them)."""
    from pipeline.config import load_config
    from pipeline.pofile import read_po

    config = load_config(root)
    shipped_packs = [p for p in config.packs if p.slug == SHIPPED_PACK]
    own = {("pack title", p.title) for p in shipped_packs} | {("pack subtitle", p.subtitle) for p in shipped_packs}
    catalog = read_po(config.po_path(lang, "ui"))
    return [m.msgid for m in catalog.entries
            if not (m.translated and not m.fuzzy)
            and not (m.msgctxt in ("pack title", "pack subtitle") and (m.msgctxt, m.msgid) not in own)]


def check_translations_are_check_clean(root: Path) -> None:
    """`pipeline check --strict` finds nothing in the shipped catalogs, and `pipeline check` no
    error in any (an added article's entries filled from translation memory are fuzzy, which is a
    warning for its translator)."""
    locales = root / "locales"
    mine = [str(locales / lang / "LC_MESSAGES" / f"{doc}.po") for lang in SHIPPED_LANGUAGES for doc in (*SHIPPED_DOCUMENTS, "ui")]
    with _in(root) as out:
        assert main(["check", "--strict", *mine]) == 0, out.getvalue()
        assert main(["check"]) == 0, out.getvalue()


def check_catalog_is_msgcat_fixed_point_and_msgfmt_clean(path: Path) -> None:
    """GNU msgcat writes, byte for byte, what our writer writes for this catalog, and msgfmt
    --check passes.

    The file itself may be in a translator's tool's layout (Lokalize, polib, CRLF line ends):
    ``update`` leaves such a file alone until an entry changes (README, "The translation
    workflow"), so requiring msgcat's layout of the file would send the translator back to
    reformatting it.  What it says must be what msgcat says.
    """
    from pipeline.pofile import encode_po, parse_po

    data = path.read_bytes().replace(b"\r\n", b"\n")  # msgcat keeps a CR in comments
    formatted = subprocess.run(["msgcat", "-"], input=data, capture_output=True, check=True).stdout
    assert formatted == encode_po(parse_po(data, path)), path
    if path.suffix == ".po":
        result = subprocess.run(["msgfmt", "--check", "-o", os.devnull, "-"], input=data, capture_output=True)
        assert result.returncode == 0, f"{path}: {result.stderr.decode('utf-8', 'replace')}"


def check_catalog_reads_the_same_through_polib(path: Path) -> None:
    """polib, an independent reader, finds the same entries as the pipeline (tests/po_tools.py)."""
    from tests.po_tools import compare_with_polib

    compare_with_polib(path)


def check_headers_say_who_translated(root: Path) -> None:
    """Every catalog names its language; a shipped one with any translation names who (or
    what) made it.  (A catalog an editor adds and translates in a text editor may leave
    Last-Translator empty: its colophon then credits nobody, which is the editor's call.)"""
    from pipeline.pofile import read_po

    for path in (root / "locales").glob("*/LC_MESSAGES/*.po"):
        text = path.read_text(encoding="utf-8")
        assert "Language: " + path.parts[-3] in text, path
        shipped = path.parts[-3] in SHIPPED_LANGUAGES and path.stem in (*SHIPPED_DOCUMENTS, "ui")
        if shipped and any(m.translated for m in read_po(path).entries):
            assert '"Last-Translator: \\n"' not in text, path


def check_seeds_are_the_collected_texts(root: Path, collected: Path) -> None:
    """Nobody edited a source to make the pipeline's job easier (added articles are extra files)."""
    shared = {p.name: p.read_bytes() for p in collected.iterdir() if p.is_file()}
    ours = {p.name: p.read_bytes() for p in (root / "seeds").iterdir() if p.is_file() and p.name != "seeds.toml"}
    assert {name: ours.get(name) for name in shared} == shared


def check_manifest_lists_every_seed(root: Path) -> None:
    from pipeline.manifest import load_manifest

    listed = {entry.path.name for entry in load_manifest(root / "seeds" / "seeds.toml")}
    assert listed == {p.name for p in (root / "seeds").iterdir() if p.is_file() and p.name != "seeds.toml"}


def check_no_model_or_vendor_is_named(root: Path) -> None:
    """Readers see the catalogs' headers (colophon) and the templates' text; neither names an AI
    model or vendor.  An unreviewed catalog says what it is, in its own language, and is marked as
    a machine draft for the colophon."""
    for path in [*(root / "locales").glob("*/LC_MESSAGES/*.po"), *(root / "templates").rglob("*.html")]:
        text = path.read_text(encoding="utf-8").lower()
        assert not [w for w in VENDOR_WORDS if w in text], path
    for path in (root / "locales").glob("*/LC_MESSAGES/*.po"):
        text = path.read_text(encoding="utf-8")
        if '"X-Translation-Status: machine-draft\\n"' in text and path.parts[-3] in SHIPPED_LANGUAGES:
            assert ("чарнавік" in text) if path.parts[-3] == "be" else ("entwurf" in text.lower()), path


def ingest_snapshot(doc: Document) -> dict[str, object]:
    """What an ingest golden file (tests/golden/ingest/<slug>.expect.json) pins of a document."""
    return {
        "slug": doc.slug,
        "path": doc.path,
        "lines": doc.line_count,
        "blocks": [
            {"line": b.line, **({"end_line": b.end_line} if b.end_line else {}), "kind": b.kind.value, "index": b.index, "text": b.text}
            for b in doc.blocks
        ],
        "dropped": [{"line": r.line, "rule": r.rule, "text": r.text} for r in doc.removals],
    }


def check_ingest_goldens(root: Path) -> None:
    """Every seed that has a golden file still ingests to it (an added seed has none until
    `make goldens`); every shipped seed has one."""
    from pipeline.config import load_config
    from pipeline.ingest import load_documents

    golden = root / "tests" / "golden" / "ingest"
    docs = {doc.slug: doc for doc in load_documents(load_config(root))}
    assert set(docs) >= set(SHIPPED_DOCUMENTS)
    for slug, doc in docs.items():
        path = golden / f"{slug}.expect.json"
        if slug in SHIPPED_DOCUMENTS or path.is_file():
            assert ingest_snapshot(doc) == json.loads(path.read_text(encoding="utf-8")), slug


def check_all(root: Path) -> None:
    """Every shipped-content check that needs nothing beside the project (not ../shared)."""
    check_ingest_goldens(root)
    check_catalogs_are_current(root)
    check_shipped_languages_are_complete(root)
    check_translations_are_check_clean(root)
    for path in catalogs(root):
        check_catalog_is_msgcat_fixed_point_and_msgfmt_clean(path)
        check_catalog_reads_the_same_through_polib(path)
    check_headers_say_who_translated(root)
    check_manifest_lists_every_seed(root)
    check_no_model_or_vendor_is_named(root)
