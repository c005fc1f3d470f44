"""The catalog stage: templates from segments, per-language updates, status, and the
read-side API the renderer uses (translations, published) — through the CLI as a user would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.catalog import (
    Status,
    build_template,
    catalog_status,
    published,
    template_messages,
    translations,
    update_catalog,
)
from pipeline.build import update
from pipeline.cli import main
from pipeline.config import load_config
from pipeline.errors import ConcurrentEditError
from pipeline.model import BlockKind, Segment
from pipeline.pofile import Catalog, Message, format_po, parse_po, read_po, write_po
from tests.render_support import copy_fixture

HERE = Path(__file__).parent
# A fixture project (five articles, en/be/de, one pack), not the shipped content: see its pyproject.toml.
ROOT = HERE / "roots" / "test-briefing"
needs_gettext = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext is not installed")


def seg(text: str, line: int, kind: BlockKind = BlockKind.PARAGRAPH, index: int = 1, sentence: int = 1, sentences: int = 1) -> Segment:
    return Segment(text, "seeds/x.txt", line, kind, index, sentence, sentences)


SEGMENTS = (
    seg("Belarus and the war", 1, BlockKind.TITLE),
    seg("Sanctions", 3, BlockKind.HEADING, 1),
    seg("Sanctions work.", 5, BlockKind.PARAGRAPH, 1, 1, 2),
    seg("They must be kept.", 5, BlockKind.PARAGRAPH, 1, 2, 2),
    seg("Sanctions", 7, BlockKind.PARAGRAPH, 2),
    seg("They must be kept.", 9, BlockKind.PARAGRAPH, 3),
)


def test_template_entries_carry_position_references_and_context_only_when_needed() -> None:
    messages = template_messages(SEGMENTS)
    assert [(m.msgctxt, m.msgid) for m in messages] == [
        (None, "Belarus and the war"),
        ("heading", "Sanctions"),
        (None, "Sanctions work."),
        (None, "They must be kept."),
        ("paragraph", "Sanctions"),
    ]
    assert messages[0].extracted == ("title 1: the article title",)
    assert messages[1].extracted == ("heading 1: a section heading",)
    assert messages[2].extracted == ("paragraph 1, sentence 1/2",)
    kept = messages[3]
    assert kept.references == ("seeds/x.txt:5", "seeds/x.txt:9")
    assert kept.extracted == ("paragraph 1, sentence 2/2", "paragraph 3")


def test_creation_date_changes_only_with_content() -> None:
    first = build_template(SEGMENTS, project="P", now=lambda: "2026-01-01 00:00+0000")
    again = build_template(SEGMENTS, project="P", previous=first, now=lambda: "2026-03-03 00:00+0000")
    assert format_po(again) == format_po(first)
    changed = build_template(SEGMENTS[:-1], project="P", previous=first, now=lambda: "2026-03-03 00:00+0000")
    assert changed.header_value("POT-Creation-Date") == "2026-03-03 00:00+0000"


# ----------------------------------------------------------------------------- a project


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy_fixture(tmp_path, locales=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.rglob("*.po*"))}


def test_extract_update_and_status_through_the_cli(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract"]) == 0
    pots = sorted(p for p in (project / "locales").glob("*.pot") if p.stem != "ui")
    assert len(pots) == 5
    snap = _snapshot(project / "locales")
    assert main(["extract"]) == 0 and main(["extract", "--check"]) == 0
    assert _snapshot(project / "locales") == snap, "a second extract must write no bytes"

    assert main(["update", "--check"]) == 1  # catalogs do not exist yet
    assert not (project / "locales" / "be").exists()
    assert main(["update"]) == 0
    assert main(["update", "--check"]) == 0
    config = load_config(project)
    slug = pots[0].stem
    be = read_po(config.po_path("be", slug))
    assert be.header_value("Language") == "be"
    assert be.nplurals == 3
    assert be.header_value("Content-Type") == "text/plain; charset=UTF-8"
    assert be.header_value("Project-Id-Version") == config.project
    assert read_po(config.po_path("de", slug)).nplurals == 2

    # A translator translates everything in German; an editor then changes one sentence.
    de_path = config.po_path("de", slug)
    de = read_po(de_path)
    done = Catalog(tuple(m if m.is_header else Message(m.msgid, f"DE {m.msgid}", m.msgctxt, extracted=m.extracted,
                                                       references=m.references) for m in de.messages), de.path, de.stamp)
    write_po(de_path, done)
    seed = project / "seeds" / "000_31f3ad923358b7b1.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Over 1,000 people were arrested", "Over 1,200 people were arrested"), encoding="utf-8")
    assert main(["extract", "--check"]) == 1
    assert main(["extract"]) == 0 and main(["update"]) == 0
    after = read_po(config.po_path("de", "ak-belarus-statement"))
    edited = [m for m in after.entries if "1,200" in m.msgid]
    assert edited and all(m.fuzzy and m.previous_msgid and "1,000" in m.previous_msgid for m in edited)
    assert all(m.msgstr.startswith("DE ") for m in after.entries)

    capsys.readouterr()
    assert main(["status", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = {(r["document"], r["language"]): r for r in data["catalogs"]}
    row = rows[("ak-belarus-statement", "de")]
    assert row["fuzzy"] == len(edited) and row["untranslated"] == 0
    assert row["translated"] + row["fuzzy"] == row["total"]
    assert rows[("ak-belarus-statement", "be")]["percent"] == 0
    assert main(["status", "--min", "50"]) == 1
    assert main(["status", "--min", "0"]) == 0


@needs_gettext
def test_every_written_catalog_is_a_msgcat_fixed_point_and_passes_msgfmt(project: Path) -> None:
    assert main(["extract"]) == 0 and main(["update"]) == 0
    files = sorted((project / "locales").rglob("*.po*"))
    assert len([p for p in files if p.stem != "ui"]) == 15
    for path in files:
        assert subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout == path.read_bytes(), path
        if path.suffix == ".po":
            check = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True)
            assert check.returncode == 0, check.stderr


def test_update_fills_from_the_other_catalogs_as_they_are_written(project: Path) -> None:
    """Translation memory reads each neighbour as it is on disk when its turn comes, also
    one this very run has just rewritten (a before b before c)."""
    config = load_config(project)
    header = Message("", "Content-Type: text/plain; charset=UTF-8\n")

    def pot(slug: str, *texts: str) -> None:
        path = config.locales / f"{slug}.pot"
        write_po(path, Catalog((header, *(Message(t) for t in texts))), expected=False)

    pot("a", "Alpha.")
    pot("b", 'They said "no".')
    pot("c", "Gamma.")
    assert not update(config, ["a", "b", "c"]).errors
    b_be = config.po_path("be", "b")
    write_po(b_be, Catalog((header, Message('They said "no".', "Яны сказалі «не».")), b_be.as_posix(), read_po(b_be).stamp))
    pot("b", "They said “no”.")  # a cosmetic edit: b keeps its translation under the new msgid
    pot("c", "Gamma.", "They said “no”.")
    report = update(config, ["a", "b", "c"])
    assert not report.errors
    summaries = {c.path: c.summary for c in report.changes}
    assert summaries[b_be] == "1 cosmetic"
    assert summaries[config.po_path("be", "c")] == "1 exact, 1 memory"
    filled = read_po(config.po_path("be", "c")).find("They said “no”.")
    assert filled is not None and filled.msgstr == "Яны сказалі «не»." and not filled.fuzzy


def test_update_refuses_when_a_translator_saved_meanwhile(tmp_path: Path) -> None:
    template = build_template(SEGMENTS, project="P", now=lambda: "2026-01-01 00:00+0000")
    path = tmp_path / "be.po"
    write_po(path, update_catalog(template, path, "be"))
    updated = update_catalog(template, path, "be")
    path.write_bytes(path.read_bytes().replace(b'msgid "Sanctions work."\nmsgstr ""', 'msgid "Sanctions work."\nmsgstr "Санкцыі дзейнічаюць."'.encode()))
    saved = path.read_bytes()
    with pytest.raises(ConcurrentEditError):
        write_po(path, updated)
    assert path.read_bytes() == saved


def test_update_works_for_plural_templates(tmp_path: Path) -> None:
    template = Catalog((Message("", "Content-Type: text/plain; charset=UTF-8\n"),
                        Message("%(num)d article", msgid_plural="%(num)d articles", msgstr_plural=("", ""), flags=("python-format",))))
    be = update_catalog(template, tmp_path / "ui.po", "be")
    assert be.entries[0].msgstr_plural == ("", "", "")
    assert parse_po(format_po(be).encode()).nplurals == 3


def test_merge_command_matches_the_golden(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    case = HERE / "po" / "merge" / "changed"
    out = tmp_path / "out.po"
    assert main(["merge", str(case / "before.po"), str(case / "new.pot"), "-o", str(out)]) == 0
    assert out.read_bytes() == (case / "after.po").read_bytes()
    assert main(["merge", str(case / "before.po"), str(case / "new.pot"), "-o", str(out), "--check"]) == 0
    capsysbinary.readouterr()
    assert main(["merge", str(case / "before.po"), str(case / "new.pot")]) == 0
    assert capsysbinary.readouterr().out == out.read_bytes()
    stale = tmp_path / "stale.po"
    stale.write_bytes((case / "before.po").read_bytes())
    assert main(["merge", str(case / "before.po"), str(case / "new.pot"), "-o", str(stale), "--check"]) == 1
    assert stale.read_bytes() == (case / "before.po").read_bytes()


def test_merge_command_reports_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = HERE / "bad" / "po" / "unterminated.po"
    assert main(["merge", str(bad), str(HERE / "po" / "merge" / "changed" / "new.pot"), "-o", str(tmp_path / "x.po")]) == 1
    assert f"{bad}:6: unterminated string" in capsys.readouterr().err
    assert not (tmp_path / "x.po").exists()


def test_merge_command_in_place_refuses_a_translators_save_during_the_merge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import pipeline.catalog

    case = HERE / "po" / "merge" / "changed"
    po = tmp_path / "de.po"
    po.write_bytes((case / "before.po").read_bytes())
    saved = po.read_bytes().replace(b'msgstr ""\n"Project', b'msgstr ""\n"X-Saved: yes\\n"\n"Project', 1)
    assert saved != po.read_bytes()
    real = pipeline.catalog.merge_files

    def merge_while_poedit_saves(*args: object, **kwargs: bool) -> object:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        po.write_bytes(saved)  # the translator's save lands after we read DEF, before we write
        return result

    monkeypatch.setattr(pipeline.catalog, "merge_files", merge_while_poedit_saves)
    assert main(["merge", str(po), str(case / "new.pot"), "-o", str(po)]) == 1
    assert "changed on disk since it was read" in capsys.readouterr().err
    assert po.read_bytes() == saved
    monkeypatch.setattr(pipeline.catalog, "merge_files", real)
    assert main(["merge", str(po), str(case / "new.pot"), "-o", str(po)]) == 0
    assert b"X-Saved: yes" in po.read_bytes()


# ----------------------------------------------------------------------------- read side

BE_PLURALS = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"


@pytest.fixture()
def be_catalog(tmp_path: Path) -> Path:
    catalog = Catalog((
        Message("", f"Content-Type: text/plain; charset=UTF-8\nLanguage: be\nPlural-Forms: {BE_PLURALS}\n"),
        Message("Contents", "Змест"),
        Message("Belarus", "Беларусь", msgctxt="heading"),
        Message("Draft", "Чарнавік", flags=("fuzzy",)),
        Message("Untranslated", ""),
        Message("%(num)d article", msgid_plural="%(num)d articles",
                msgstr_plural=("%(num)d артыкул", "%(num)d артыкулы", "%(num)d артыкулаў")),
        Message("%(num)d page", msgid_plural="%(num)d pages", msgstr_plural=("%(num)d старонка", "", "")),
        Message("Gone", "Няма", obsolete=True),
    ))
    path = tmp_path / "be.po"
    write_po(path, catalog)
    return path


def test_translations_follow_plural_forms_and_skip_fuzzy(be_catalog: Path) -> None:
    t = translations(be_catalog)
    assert t.gettext("Contents") == "Змест"
    assert t.gettext("Draft") == "Draft"
    assert t.gettext("Untranslated") == "Untranslated"
    assert t.gettext("Belarus") == "Belarus" and t.pgettext("heading", "Belarus") == "Беларусь"
    assert [t.ngettext("%(num)d article", "%(num)d articles", n) for n in (1, 3, 5, 21, 11)] == [
        "%(num)d артыкул", "%(num)d артыкулы", "%(num)d артыкулаў", "%(num)d артыкул", "%(num)d артыкулаў"]
    assert t.ngettext("%(num)d page", "%(num)d pages", 2) == "%(num)d pages"  # incomplete plural: English
    assert t.npgettext("x", "%(num)d article", "%(num)d articles", 2) == "%(num)d articles"


def test_published_has_only_translated_non_fuzzy_entries(be_catalog: Path) -> None:
    assert published(be_catalog) == {(None, "Contents"): "Змест", ("heading", "Belarus"): "Беларусь"}


def test_status_counts_segments_and_words(be_catalog: Path) -> None:
    status = catalog_status(read_po(be_catalog), "doc", "be")
    assert status == Status("doc", "be", translated=3, fuzzy=1, untranslated=2, obsolete=1,
                            translated_words=4, fuzzy_words=1, untranslated_words=3, obsolete_words=1)
    assert status.total == 6 and round(status.percent, 1) == 50.0
