"""`pipeline build` end to end on a small copy of the project: outputs, the publication report,
incremental rebuilds, --check and the completeness policy."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
from markupsafe import escape

from pipeline import build as stage
from pipeline.catalog import build_template, update_catalog
from pipeline.cli import main
from pipeline.config import load_config
from pipeline.pofile import Catalog, read_po, set_header_fields, write_po
from tests import render_support as rs

DOC = "byline-opposition-presses-on"  # the shortest seed: keeps each PDF render quick

PYPROJECT = """
[tool.pipeline]
project = "Belarus briefing packs"
source_language = "en"
languages = ["en", "be", "de"]
seeds = "seeds/seeds.toml"
locales = "locales"
templates = "templates"
dist = "dist"

[[tool.pipeline.packs]]
slug = "mini"
title = "Belarus and the War in Ukraine"
subtitle = "Five voices on Belarus, its regime and its people since February 2022"
documents = ["{doc}"]
languages = ["en", "be", "de"]
min_completeness = {minimum}
below_minimum = "{policy}"
on_check_error = "{gate}"
"""


def _project(tmp_path: Path, minimum: float = 0, policy: str = "omit", gate: str = "publish") -> Path:
    """A copy of the project with one pack of DOC.  The stand-in translations of these tests
    ("Перакладзены сказ 0.") are no real translations and fail `pipeline check` (numbers,
    punctuation), so the QA gate is off ("publish") unless a test is about it."""
    root = tmp_path / "project"
    shutil.copytree(rs.ROOT / "seeds", root / "seeds")
    shutil.copytree(rs.REPO / "templates", root / "templates")
    (root / "locales").mkdir()
    shutil.copy(rs.ROOT / "locales" / "ui.pot", root / "locales" / "ui.pot")
    for lang in ("be", "de"):
        folder = root / "locales" / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy(rs.ROOT / "locales" / lang / "LC_MESSAGES" / "ui.po", folder / "ui.po")
    (root / "pyproject.toml").write_text(PYPROJECT.format(doc=DOC, minimum=minimum, policy=policy, gate=gate), encoding="utf-8")
    return root


def _translate(root: Path, lang: str, count: int, text: str, fuzzy: tuple[int, ...] = ()) -> int:
    """Write a catalog for DOC in ``lang`` with the first ``count`` segments translated
    (those numbered in ``fuzzy`` flagged fuzzy)."""
    config = load_config(root)
    segments = rs.segments()[DOC]
    template = build_template(segments, project=config.project, now=lambda: "2022-02-24 12:00+0000")
    path = config.po_path(lang, DOC)
    catalog = update_catalog(template, path, lang, project=config.project)
    messages = []
    done = 0
    for m in catalog.messages:
        if not m.is_header and done < count:
            m = dataclasses.replace(m, msgstr=f"{text} {done}.")
            if done in fuzzy:
                m = m.with_flag("fuzzy")
            done += 1
        messages.append(m)
    write_po(path, Catalog(tuple(messages), str(path), catalog.stamp), expected=False)
    return len(catalog.entries)


def test_build_writes_site_and_pdfs_then_skips_and_rebuilds_only_what_changed(tmp_path: Path) -> None:
    root = _project(tmp_path)
    config = load_config(root)
    first = stage.build(config, built=rs.BUILT)
    dist = config.dist
    for path in ("index.html", "en/index.html", "be/index.html", "de/index.html",
                 "en/mini.pdf", "be/mini.pdf", "de/mini.pdf", "assets/screen.css", "assets/fonts/OFL.txt"):
        assert (dist / path).is_file(), path
    assert set(first.pdf_pages) == {"en/mini.pdf", "be/mini.pdf", "de/mini.pdf"}
    be = next(r for r in first.languages if r.lang == "be")
    assert be.published == 0 and be.segments == len(rs.segments()[DOC])

    again = stage.build(config, built=rs.BUILT)
    assets = len([p for p in again.skipped if p.is_relative_to(dist / "assets")])
    assert again.written == () and len(again.skipped) == 7 + assets and assets >= 2
    assert [r.lang for r in again.languages] == ["en", "be", "de"]  # the report survives a no-op

    entries = _translate(root, "be", 3, "Перакладзены сказ")
    third = stage.build(config, built=rs.BUILT)
    changed = {p.relative_to(dist).as_posix() for p in third.written}
    assert changed == {"be/mini.pdf", "be/index.html"}
    be = next(r for r in third.languages if r.lang == "be")
    assert be.published == 3 and be.segments == entries
    assert "Перакладзены сказ 0." in (dist / "be" / "index.html").read_text(encoding="utf-8")

    (dist / "de" / "mini.pdf").unlink()
    fourth = stage.build(config, built=rs.BUILT)
    assert {p.relative_to(dist).as_posix() for p in fourth.written} == {"de/mini.pdf"}

    (root / "templates" / "screen.css").write_text("body { color: black; }\n", encoding="utf-8")
    fifth = stage.build(config, built=rs.BUILT)
    # A template change rebuilds everything (and copies the changed asset, only that one).
    assert _names(fifth.written, dist) == {"index.html", "en/index.html", "be/index.html", "de/index.html",
                                           "en/mini.pdf", "be/mini.pdf", "de/mini.pdf", "assets/screen.css"}
    assert (dist / "assets" / "screen.css").read_text(encoding="utf-8") == "body { color: black; }\n"

    # An asset removed from the templates is removed from dist/ too (and, a template change, the rest rebuilt).
    (root / "templates" / "fonts" / "OFL.txt").unlink()
    sixth = stage.build(config, built=rs.BUILT)
    assert _names(sixth.removed, dist) == {"assets/fonts/OFL.txt"}
    assert not (dist / "assets" / "fonts" / "OFL.txt").exists()


def _names(paths: tuple[Path, ...], dist: Path) -> set[str]:
    return {p.relative_to(dist).as_posix() for p in paths}


def test_outputs_of_a_pack_no_longer_configured_are_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    assert main(["build", "--jobs", "1"]) == 0
    dist = root / "dist"
    kept = dist / "de" / "mini.pdf"
    kept.write_bytes(kept.read_bytes() + b"% annotated by hand\n")  # not what the build wrote: left alone
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace('slug = "mini"', 'slug = "renamed"'), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--check"]) == 1
    assert "out of date: dist/en/mini.pdf" in capsys.readouterr().out
    assert main(["build", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "removed dist/en/mini.pdf (no longer configured)" in out and "removed dist/be/mini.pdf" in out
    assert not (dist / "en" / "mini.pdf").exists() and not (dist / "be" / "mini.pdf").exists()
    assert kept.is_file() and "dist/de/mini.pdf" not in out
    assert all((dist / lang / "renamed.pdf").is_file() for lang in ("en", "be", "de"))
    assert main(["build", "--check"]) == 0


def test_cli_reports_publication_and_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    _translate(root, "de", 2, "Übersetzter Satz")
    assert main(["build", "--check"]) == 1
    assert "out of date: dist/de/mini.pdf" in capsys.readouterr().out
    assert main(["build", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    total = len(rs.segments()[DOC])
    assert re.search(rf"mini \[de\]: 1 article, 2/{total} segments published \(\d+\.\d%\), {total - 2} fell back", out)
    assert re.search(rf"{DOC}\s+2/{total}", out)
    assert "wrote dist/be/mini.pdf (" in out
    assert main(["build", "--check"]) == 0
    assert main(["build"]) == 0
    assert "up to date: 7 outputs" in capsys.readouterr().out


def test_below_minimum_omits_with_note_or_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, minimum=50, policy="omit")
    monkeypatch.chdir(root)
    assert main(["build", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "mini [be]: 0 articles" in out and "omitted (below minimum)" in out
    page = (root / "dist" / "be" / "index.html").read_text(encoding="utf-8")
    assert "1 артыкул не ўключаны" in page and "<article" not in page
    assert "<article" in (root / "dist" / "en" / "index.html").read_text(encoding="utf-8")
    assert main(["build", "--strict", "--force"]) == 1
    err = capsys.readouterr().err
    assert "below minimum completeness" in err and "seeds/" in err

    failing = _project(tmp_path / "fail", minimum=50, policy="fail")
    monkeypatch.chdir(failing)
    assert main(["build"]) == 1
    assert "pack 'mini' [be]: below minimum completeness" in capsys.readouterr().err


def test_fuzzy_and_missing_translations_are_not_published(tmp_path: Path) -> None:
    root = _project(tmp_path)
    config = load_config(root)
    _translate(root, "de", 3, "Geprüfter Satz", fuzzy=(1,))
    report = stage.build(config, built=rs.BUILT, jobs=1)
    de = next(r for r in report.languages if r.lang == "de")
    assert de.published == 2
    page = (config.dist / "de" / "index.html").read_text(encoding="utf-8")
    assert "Geprüfter Satz 0." in page and "Geprüfter Satz 2." in page
    assert "Geprüfter Satz 1." not in page  # fuzzy: the English source is shown instead
    second = rs.segments()[DOC][1].text
    assert re.search(r'<span class="fallback" lang="en">[^<]*' + re.escape(str(escape(second))[:40]), page)


def _set_translator(path: Path, value: str) -> None:
    catalog = read_po(path)
    messages = tuple(
        dataclasses.replace(m, msgstr=set_header_fields(m.msgstr, [("Last-Translator", value)])) if m.is_header else m
        for m in catalog.messages
    )
    write_po(path, Catalog(messages, catalog.path, catalog.stamp))


@pytest.mark.parametrize(("header", "shown"), [
    ("Ales Example <ales@example.org>", "Ales Example"),
    ("Ганна Перакладчыца <hanna@example.by>  ", "Ганна Перакладчыца"),
    ("machine draft, not yet reviewed", "machine draft, not yet reviewed"),
    ("Team <one> and <two@example.org>", "Team <one> and"),
    ("<nobody@example.org>", ""),
    ("FULL NAME <EMAIL@ADDRESS>", ""),
    ("", ""),
    (None, ""),
])
def test_translator_name_drops_the_email(header: str | None, shown: str) -> None:
    assert stage.translator_name(header) == shown


def test_translator_row_follows_the_catalog_header(tmp_path: Path) -> None:
    root = _project(tmp_path)
    config = load_config(root)
    _translate(root, "be", 2, "Перакладзены сказ")
    path = config.po_path("be", DOC)
    assert stage.article_catalog(config, "be", DOC).translator == ""  # a new catalog names nobody
    assert stage.article_catalog(config, "de", DOC) == stage.ArticleCatalog({})  # no catalog at all
    _set_translator(path, "Ales Example <ales@example.org>")
    found = stage.article_catalog(config, "be", DOC)
    assert found.translator == "Ales Example" and len(found.published) == 2
    assert stage.article_catalog(config, "en", DOC).translator == ""  # the source language has none

    stage.build(config, built=rs.BUILT, jobs=1)
    pages = {lang: (config.dist / lang / "index.html").read_text(encoding="utf-8") for lang in ("en", "be", "de")}
    assert '<dt>Перакладчык</dt><dd class="translator">Ales Example</dd>' in pages["be"]
    assert "ales@example.org" not in pages["be"]
    assert 'class="translator"' not in pages["de"] and 'class="translator"' not in pages["en"]

    _set_translator(path, "")  # an emptied header removes the row, and only be is rebuilt
    again = stage.build(config, built=rs.BUILT, jobs=1)
    assert {p.relative_to(config.dist).as_posix() for p in again.written} == {"be/mini.pdf", "be/index.html"}
    page = (config.dist / "be" / "index.html").read_text(encoding="utf-8")
    assert 'class="translator"' not in page and "Перакладчык" not in page
