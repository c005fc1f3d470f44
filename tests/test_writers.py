"""The output protocol: a new format is one writer and one registry line.

A tiny plain-text writer, registered for a copy of the fixture project, gets what every writer
gets from the build: incremental rebuilds, removal of outputs no longer planned, --check, and
builds of a subset (kinds, languages, packs).  Nothing in the build knows its path shape.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from pipeline import build as stage
from pipeline import writers
from pipeline.cli import main
from pipeline.config import Config, load_config
from pipeline.errors import ConfigError, PipelineError
from pipeline.outputs import STATE_FILE, Inputs, Output, Selection, digest
from pipeline.writers import Context, Deferred, Rendered
from tests import render_support as rs

BUILT = rs.BUILT


class TextWriter:
    """One plain-text file per pack and language, under its own folder (``dist/text/``)."""

    kind = "text"
    parallel = False
    preload: tuple[str, ...] = ()

    def plan(self, config: Config, inputs: Inputs) -> Sequence[Output]:
        return [Output(self.kind, config.dist / "text" / f"{pack.slug}.{lang}.txt",
                       digest("text", inputs.pack(pack, lang)), pack=pack.slug, lang=lang,
                       needs=((pack.slug, lang),))
                for pack in config.packs for lang in pack.languages]

    def render(self, output: Output, context: Context) -> Rendered | Deferred:
        assert output.pack is not None and output.lang is not None
        local = context.packs[(output.pack, output.lang)]
        lines = [f"{local.pack.title} [{output.lang}]"]
        for article in local.articles:
            lines.append(article.title.text if article.title else article.slug)
            lines.extend(block.text for block in article.blocks)
        return Rendered(("\n".join(lines) + "\n").encode("utf-8"))


def upper(text: str) -> Rendered:
    """A pooled render (a module-level function, so a worker process can run it)."""
    return Rendered(text.upper().encode("utf-8"), pages=1)


class ShoutWriter(TextWriter):
    """Like TextWriter, but the work runs in the build's pool of worker processes."""

    kind = "shout"
    parallel = True

    def plan(self, config: Config, inputs: Inputs) -> Sequence[Output]:
        return [dataclasses.replace(o, kind=self.kind, path=o.path.with_suffix(".shout"))
                for o in super().plan(config, inputs)]

    def render(self, output: Output, context: Context) -> Rendered | Deferred:
        text = super().render(output, context)
        assert isinstance(text, Rendered)
        return Deferred(upper, (text.data.decode("utf-8"),))


PACKS = '''
[[tool.pipeline.packs]]
slug = "one"
title = "First pack"
documents = ["byline-opposition-presses-on"]
languages = ["en", "be", "de"]
on_check_error = "publish"

[[tool.pipeline.packs]]
slug = "two"
title = "Second pack"
documents = ["byline-opposition-presses-on", "ak-belarus-statement"]
languages = ["en", "de"]
on_check_error = "publish"
'''


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The fixture project with two packs sharing an article, building text and shout only."""
    root = rs.copy_fixture(tmp_path / "project")
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    text = text[: text.index("[[tool.pipeline.packs]]")].replace('dist = "dist"', 'dist = "dist"\noutputs = ["text", "shout"]')
    pyproject.write_text(text + PACKS, encoding="utf-8")
    monkeypatch.setitem(writers.WRITERS, "text", TextWriter())
    monkeypatch.setitem(writers.WRITERS, "shout", ShoutWriter())
    yield root


def _names(paths: Sequence[Path], dist: Path) -> set[str]:
    return {p.relative_to(dist).as_posix() for p in paths}


def test_a_registered_writer_builds_incrementally(project: Path) -> None:
    config = load_config(project)
    first = stage.build(config, built=BUILT, jobs=2)
    expected = {f"text/{pack}.{lang}.{ext}" for pack, langs in (("one", "en be de"), ("two", "en de"))
                for lang in langs.split() for ext in ("txt", "shout")}
    assert _names(first.written, config.dist) == expected  # no site, no PDF: not selected
    assert not (config.dist / "index.html").exists() and not (config.dist / "assets").exists()
    assert first.pdf_pages == {name: 1 for name in expected if name.endswith(".shout")}
    one_be = (config.dist / "text" / "one.be.txt").read_text(encoding="utf-8")
    assert one_be.startswith("First pack [be]\n")
    shout = (config.dist / "text" / "one.be.shout").read_text(encoding="utf-8")
    assert shout == one_be.upper()
    assert {(r.pack, r.lang) for r in first.languages} == {("one", "en"), ("one", "be"), ("one", "de"),
                                                           ("two", "en"), ("two", "de")}

    again = stage.build(config, built=BUILT)
    assert again.written == () and _names(again.skipped, config.dist) == expected
    assert stage.out_of_date(config) == []

    # A change to one catalog rebuilds exactly the outputs that use it.
    po = config.po_path("de", "ak-belarus-statement")
    po.write_text(po.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _names(stage.out_of_date(config), config.dist) == {"text/two.de.txt", "text/two.de.shout"}
    third = stage.build(config, built=BUILT)
    assert _names(third.written, config.dist) == {"text/two.de.txt", "text/two.de.shout"}

    # An output changed by hand is out of date and written again.
    (config.dist / "text" / "one.en.txt").write_text("edited\n", encoding="utf-8")
    assert _names(stage.build(config, built=BUILT).written, config.dist) == {"text/one.en.txt"}


def test_outputs_no_longer_planned_are_removed_for_any_writer(project: Path) -> None:
    config = load_config(project)
    stage.build(config, built=BUILT, jobs=1)
    dist = config.dist
    hand = dist / "text" / "two.en.shout"
    hand.write_bytes(hand.read_bytes() + b"annotated by hand\n")

    fewer = dataclasses.replace(config, packs=config.packs[:1])  # pack "two" is gone
    assert _names(stage.out_of_date(fewer), dist) >= {"text/two.en.txt", "text/two.de.txt"}
    report = stage.build(fewer, built=BUILT, jobs=1)
    assert _names(report.removed, dist) == {"text/two.en.txt", "text/two.de.txt", "text/two.de.shout"}
    assert hand.is_file()  # not the bytes the build wrote: left alone
    assert not (dist / "text" / "two.en.txt").exists()
    assert stage.out_of_date(fewer) == []

    # Dropping a kind from the configuration removes its outputs too, and the folder they left empty.
    text_only = dataclasses.replace(fewer, outputs=("text",))
    hand.unlink()
    removed = stage.build(text_only, built=BUILT).removed
    assert _names(removed, dist) == {"text/one.en.shout", "text/one.be.shout", "text/one.de.shout"}
    assert '"shout"' not in (dist / STATE_FILE).read_text(encoding="utf-8")
    nothing = dataclasses.replace(fewer, outputs=())
    stage.build(nothing, built=BUILT)
    assert not (dist / "text").exists()


def test_a_selection_builds_a_subset_and_leaves_the_rest(project: Path) -> None:
    config = load_config(project)
    only = Selection(kinds={"text"}, langs={"de"})
    report = stage.build(config, built=BUILT, select=only)
    assert _names(report.written, config.dist) == {"text/one.de.txt", "text/two.de.txt"}
    assert {(r.pack, r.lang) for r in report.languages} == {("one", "de"), ("two", "de")}
    # The rest is still to build, and was not removed by the partial build.
    rest = _names(stage.out_of_date(config), config.dist)
    assert "text/one.en.txt" in rest and "text/one.de.txt" not in rest
    report = stage.build(config, built=BUILT, select=Selection(packs={"two"}))
    assert _names(report.written, config.dist) == {"text/two.en.txt", "text/two.en.shout", "text/two.de.shout"}
    assert (config.dist / "text" / "one.de.txt").is_file()
    # The report of a later full no-op build still knows every pack and language.
    stage.build(config, built=BUILT)
    assert len(stage.build(config, built=BUILT).languages) == 5


def test_an_unknown_output_kind_is_a_config_error(project: Path) -> None:
    config = dataclasses.replace(load_config(project), outputs=("text", "epub"))
    with pytest.raises(ConfigError, match=r"tool\.pipeline\.outputs: unknown output 'epub' \(known: .*text"):
        stage.build(config, built=BUILT)


class BrokenWriter(TextWriter):
    kind = "broken"

    def render(self, output: Output, context: Context) -> Rendered | Deferred:
        if output.lang == "be":
            raise PipelineError(f"{output.path.name}: cannot render")
        return super().render(output, context)


def test_a_failing_output_is_reported_and_the_others_are_written(project: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(writers.WRITERS, "broken", BrokenWriter())
    config = dataclasses.replace(load_config(project), outputs=("broken",))
    with pytest.raises(stage.BuildError) as caught:
        stage.build(config, built=BUILT)
    assert [str(e) for e in caught.value.errors] == ["one.be.txt: cannot render"]
    assert (config.dist / "text" / "one.de.txt").is_file() and not (config.dist / "text" / "one.be.txt").exists()
    # What was written is recorded: the next build retries only the failed output.
    assert _names(stage.out_of_date(config), config.dist) == {"text/one.be.txt"}
    assert re.search(r'"kind": "broken"', (config.dist / STATE_FILE).read_text(encoding="utf-8"))


def test_the_cli_builds_a_subset_and_refuses_unknown_names(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(project)
    assert main(["build", "--kind", "text", "--lang", "de", "--pack", "two"]) == 0
    out = capsys.readouterr().out
    assert "wrote dist/text/two.de.txt" in out and out.count("wrote ") == 1
    assert "two [de]:" in out and "one [de]" not in out  # the report of what was built
    assert main(["build", "--check", "--kind", "text", "--lang", "de", "--pack", "two"]) == 0
    assert main(["build", "--check"]) == 1
    assert main(["build", "--lang", "pl"]) == 1
    assert "error: --lang 'pl': not a lang of this project (en, be, de)" in capsys.readouterr().err
    assert main(["build", "--kind", "pdf"]) == 1  # not selected by [tool.pipeline] outputs
    assert "--kind 'pdf': not a kind of this project (text, shout)" in capsys.readouterr().err


def test_a_selection_matches_an_output_by_its_own_pack_and_language_then_by_its_needs() -> None:
    page = Output("site", Path("de/index.html"), "x", lang="de", needs=(("one", "de"), ("two", "de")))
    chooser = Output("site", Path("index.html"), "x", needs=(("one", "en"), ("one", "de"), ("two", "en")))
    css = Output("site", Path("assets/screen.css"), "x")
    pdf = Output("pdf", Path("de/one.pdf"), "x", pack="one", lang="de", needs=(("one", "de"),))
    two_de = Selection(langs={"de"}, packs={"two"})
    assert page in two_de and pdf not in two_de and css in two_de
    assert chooser not in two_de  # it needs "two" only in English
    assert chooser in Selection(langs={"de"}) and chooser in Selection(packs={"two"})
    assert pdf in Selection(kinds={"pdf"}, langs={"de"}) and pdf not in Selection(kinds={"site"})
    assert css not in Selection(kinds={"pdf"}) and "de/one.pdf" not in Selection()
