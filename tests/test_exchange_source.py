# mypy: disallow-untyped-calls=False
"""XLIFF and TMX exchange honour each document's source language (tests/roots/test-source-language).

The fixture has an article written in Belarusian (``minsk-volunteers``: its .pot and .po say
``X-Source-Language: be``, English is one of its targets) and one in English
(``exiles-newsrooms``).  The module makes the catalogs once through the CLI (extract, update)
and translates a few entries; every test works on its own copy.  translate-toolkit is the
independent reader of what we write.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from translate.storage import poxliff, tmx

from pipeline.cli import main
from pipeline.exchange.apply import catalog_source, plan_imports
from pipeline.exchange.project import export_docs, import_sources
from pipeline.exchange.tmx import parse_tmx
from pipeline.exchange.xliff import parse_xliff
from pipeline.config import load_config
from pipeline.pofile import Catalog, read_po, write_po
from tests.test_exchange import X, _changed_lines, _differences, _edit, _expected_xliff_view, _snapshot, _toolkit_xliff_view

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "roots" / "test-source-language"
BE_DOC, EN_DOC = "minsk-volunteers", "exiles-newsrooms"

TITLE_BE = "Валанцёры з Мінска збіраюць грошы для бежанцаў з Украіны"
BYLINE_BE = "Аўтар: Вольга Дрындава"
DATE_BE = "24 лютага 2023"
TITLE_EN = "Belarusian exiles rebuild their newsrooms in Vilnius"
# what the module's translator wrote
TRANSLATED = {
    ("en", BE_DOC): {TITLE_BE: "Volunteers from Minsk raise money for refugees from Ukraine",
                     BYLINE_BE: "By Volha Dryndava"},
    ("de", BE_DOC): {TITLE_BE: "Freiwillige aus Minsk sammeln Geld für Flüchtlinge aus der Ukraine"},
    ("de", EN_DOC): {TITLE_EN: "Belarussische Exilanten bauen ihre Redaktionen in Vilnius wieder auf"},
    ("be", EN_DOC): {TITLE_EN: "Беларускія эмігранты аднаўляюць свае рэдакцыі ў Вільні"},
}


def _po(root: Path, lang: str, doc: str) -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / f"{doc}.po"


def _cli(root: Path, *args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    return code, out.getvalue() + err.getvalue()


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("exchange-source") / "project"
    shutil.copytree(FIXTURE, root)
    for command in ("extract", "update"):
        code, out = _cli(root, command)
        assert code == 0, out
    for (lang, doc), translations in TRANSLATED.items():
        path = _po(root, lang, doc)
        catalog = read_po(path)
        messages = tuple(replace(m, msgstr=translations.get(m.msgid, m.msgstr)) for m in catalog.messages)
        write_po(path, Catalog(messages, catalog.path, catalog.stamp))
    return root


@pytest.fixture()
def project(made: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(made, root)
    return root


# --------------------------------------------------------------------------- which catalogs a language exports


def test_english_exports_the_catalogs_of_the_documents_not_written_in_english(project: Path) -> None:
    config = load_config(project)
    docs = export_docs(config, "en")
    assert [(d.doc, d.lang, d.source) for d in docs] == [(BE_DOC, "en", "be")]
    # German: both articles, each from its own language, and the ui strings from the project's
    assert [(d.doc, d.source) for d in export_docs(config, "de")] == [(EN_DOC, "en"), (BE_DOC, "be"), ("ui", "en")]
    # Belarusian: the English article only (the Belarusian one is written in it)
    assert [(d.doc, d.source) for d in export_docs(config, "be")] == [(EN_DOC, "en"), ("ui", "en")]
    assert catalog_source(config, BE_DOC) == "be" and catalog_source(config, EN_DOC) == "en"
    assert catalog_source(config, "ui") == "en"


def test_a_language_without_catalogs_says_why(project: Path) -> None:
    before = _snapshot(project)
    code, out = _cli(project, "export", "be", BE_DOC, "-o", "out")
    assert code == 1 and "Traceback" not in out
    assert (f"locales/be/LC_MESSAGES/{BE_DOC}.po: document {BE_DOC!r} is written in 'be': it has no 'be' catalog "
            "(its targets: en, de, pl)") in out
    code, out = _cli(project, "export", "en", EN_DOC, "-o", "out")
    assert code == 1 and f"document {EN_DOC!r} is written in 'en'" in out
    code, out = _cli(project, "export", "fr", "-o", "out")
    assert code == 1 and "'fr' is not a language of the project (en, be, de, pl)" in out
    # English catalogs that `update` has not made yet: it says which
    shutil.rmtree(project / "locales" / "en")
    code, out = _cli(project, "export", "en", "-o", "out")
    assert code == 1 and f"locales/en/LC_MESSAGES: no catalogs of 'en' to export (`pipeline update` makes those of {BE_DOC})" in out
    del before[_po(project, "en", BE_DOC)]
    assert _snapshot(project) == before and not (project / "out").exists()


def test_a_project_whose_documents_are_all_english_has_no_english_catalogs(project: Path) -> None:
    for path in (project / "locales").rglob(f"{BE_DOC}.*"):
        path.unlink()
    shutil.rmtree(project / "locales" / "en")
    code, out = _cli(project, "export", "en", "-o", "out")
    assert code == 1 and "no catalogs of 'en' to export: every document is written in 'en'" in out


# --------------------------------------------------------------------------- XLIFF through translate-toolkit


def test_translate_toolkit_reads_the_english_xliff_of_a_belarusian_article(project: Path) -> None:
    code, out = _cli(project, "export", "--format", "xliff", "en", "-o", "out")
    assert code == 0 and "wrote out/en.xlf (1 catalog, 8 units)" in out, out
    data = (project / "out" / "en.xlf").read_bytes()
    store = poxliff.PoXliffFile.parsestring(data)
    assert store.getsourcelanguage() == "be" and store.gettargetlanguage() == "en"
    docs = export_docs(load_config(project), "en")
    assert _differences([row for d in docs for row in _expected_xliff_view(d)], _toolkit_xliff_view(data)) == []
    seen = {str(u.source): str(u.target) for u in store.units if not u.isheader()}
    assert seen[TITLE_BE] == TRANSLATED["en", BE_DOC][TITLE_BE] and seen[DATE_BE] == ""
    # and our own reader gives the units back for the Belarusian-source catalog
    result = parse_xliff(data, "en.xlf", "en", import_sources(load_config(project)))
    assert result.refused == () and {u.msgid for u in result.units} == set(seen)
    assert {(u.doc, u.lang) for u in result.units} == {(BE_DOC, "en")}


def test_each_file_of_a_mixed_xliff_carries_its_documents_source_language(project: Path) -> None:
    code, out = _cli(project, "export", "de", "-o", "out")
    assert code == 0, out
    data = (project / "out" / "de.xlf").read_bytes()
    files = re.findall(rb'<file original="locales/de/LC_MESSAGES/([^"]+)\.po" source-language="([^"]+)" '
                       rb'target-language="de"', data)
    assert files == [(EN_DOC.encode(), b"en"), (BE_DOC.encode(), b"be"), (b"ui", b"en")]
    # translate-toolkit sees every unit, each with its source text as the catalog has it
    docs = export_docs(load_config(project), "de")
    assert _differences([row for d in docs for row in _expected_xliff_view(d)], _toolkit_xliff_view(data)) == []


# --------------------------------------------------------------------------- TMX through translate-toolkit


def _toolkit_pairs(data: bytes, lang: str) -> list[tuple[str, str, str | None]]:
    store = tmx.tmxfile.parsestring(data)
    return [(str(u.source), str(u.gettarget(lang)), u._get_source_language()) for u in store.units]


def test_translate_toolkit_reads_the_english_memory_of_a_belarusian_article(project: Path) -> None:
    code, out = _cli(project, "export", "--format", "tmx", "en", "-o", "out")
    assert code == 0 and "wrote out/en.tmx (1 catalog, 2 pairs)" in out, out
    data = (project / "out" / "en.tmx").read_bytes()
    assert b'srclang="be"' in data and b'<tuv xml:lang="be">' in data and b'xml:lang="en"><seg>Volunteers' in data
    expected = [(source, target, "be") for source, target in TRANSLATED["en", BE_DOC].items()]
    assert _toolkit_pairs(data, "en") == expected
    assert tmx.tmxfile.parsestring(data).getsourcelanguage() == "be"
    ours = parse_tmx(data, "en.tmx", "en", "en")
    assert [(e.source, e.target, e.srclang) for e in ours] == expected
    assert all(e.documents == (BE_DOC,) for e in ours)


def test_a_memory_from_documents_in_two_languages_names_each_pairs_source(project: Path) -> None:
    code, out = _cli(project, "export", "--format", "tmx", "de", "-o", "out")
    assert code == 0 and "wrote out/de.tmx (3 catalogs, 2 pairs)" in out, out
    data = (project / "out" / "de.tmx").read_bytes()
    assert re.search(rb'<header [^>]*srclang="\*all\*"', data)
    assert len(re.findall(rb'<tu tuid="t[0-9a-f]{12}" srclang="(?:en|be)">', data)) == 2
    expected = [(TITLE_EN, TRANSLATED["de", EN_DOC][TITLE_EN], "en"), (TITLE_BE, TRANSLATED["de", BE_DOC][TITLE_BE], "be")]
    assert _toolkit_pairs(data, "de") == expected
    ours = parse_tmx(data, "de.tmx", "en", "de")
    assert [(e.source, e.target, e.srclang) for e in ours] == expected
    # a memory of one source language keeps the header's srclang and no per-<tu> one
    code, out = _cli(project, "export", "--format", "tmx", "be", "-o", "out")
    be = (project / "out" / "be.tmx").read_bytes()
    assert code == 0 and re.search(rb'<header [^>]*srclang="en"', be) and b"<tu tuid" in be
    assert not re.search(rb"<tu [^>]*srclang", be)


def test_the_same_text_from_two_source_languages_is_two_pairs(project: Path) -> None:
    # a German catalog of each article translating a sentence of the same spelling: two pairs
    same = "Minsk"
    for doc, source in ((EN_DOC, "en"), (BE_DOC, "be")):
        path = _po(project, "de", doc)
        catalog = read_po(path)
        first = catalog.entries[0]
        messages = tuple(replace(m, msgid=same, msgstr="Minsk") if m is first else m for m in catalog.messages)
        write_po(path, Catalog(messages, catalog.path, catalog.stamp))
    code, out = _cli(project, "export", "--format", "tmx", "de", "-o", "out")
    assert code == 0, out
    data = (project / "out" / "de.tmx").read_bytes()
    pairs = _toolkit_pairs(data, "de")
    assert sorted(p for p in pairs if p[0] == same) == [(same, "Minsk", "be"), (same, "Minsk", "en")]
    tuids = re.findall(rb'tuid="([^"]+)"', data)
    assert len(tuids) == len(set(tuids)) == 2


# --------------------------------------------------------------------------- export, edit, import


def test_export_edit_import_changes_exactly_the_edited_english_entries(project: Path) -> None:
    code, out = _cli(project, "export", "en", "-o", "out")
    assert code == 0, out
    before = _snapshot(project)
    xlf = project / "out" / "en.xlf"
    _edit(xlf, {(BYLINE_BE, None): "Written by Volha Dryndava", (DATE_BE, None): "24 February 2023"})
    code, out = _cli(project, "import", "--check", "out/en.xlf")
    assert code == 1 and f"would change: locales/en/LC_MESSAGES/{BE_DOC}.po (2 applied, 6 unchanged)" in out, out
    assert _snapshot(project) == before
    code, out = _cli(project, "import", "out/en.xlf")
    assert code == 0 and f"wrote: locales/en/LC_MESSAGES/{BE_DOC}.po (2 applied, 6 unchanged)" in out, out
    after = _snapshot(project)
    path = _po(project, "en", BE_DOC)
    assert [p for p in before if before[p] != after[p]] == [path]
    assert _changed_lines(before[path], after[path]) == [
        '-msgstr "By Volha Dryndava"', '+msgstr "Written by Volha Dryndava"',
        '-msgstr ""', '+msgstr "24 February 2023"',
    ]
    assert read_po(path).header_value("X-Source-Language") == "be"
    code, out = _cli(project, "import", "out/en.xlf")
    assert code == 0 and _snapshot(project) == after


def test_a_mixed_german_file_imports_into_both_articles(project: Path) -> None:
    _cli(project, "export", "de", "-o", "out")
    before = _snapshot(project)
    _edit(project / "out" / "de.xlf", {(DATE_BE, None): "24. Februar 2023", ("By Anna Kovalenko", None): "Von Anna Kovalenko"})
    code, out = _cli(project, "import", "out/de.xlf")
    assert code == 0, out
    after = _snapshot(project)
    assert {p.relative_to(project).as_posix() for p in before if before[p] != after[p]} == {
        f"locales/de/LC_MESSAGES/{BE_DOC}.po", f"locales/de/LC_MESSAGES/{EN_DOC}.po"}


def _relabel(xlf: Path, file_index: int, label: str) -> tuple[int, str, str]:
    """Set the source-language of the file_index-th <file>; its line (1-based), document and old label."""
    lines = xlf.read_text(encoding="utf-8").split("\n")
    n = [i for i, line in enumerate(lines) if line.lstrip().startswith("<file ")][file_index]
    doc = re.search(r'LC_MESSAGES/([^"]+)\.po"', lines[n]).group(1)  # type: ignore[union-attr]
    right = re.search(r'source-language="([^"]+)"', lines[n]).group(1)  # type: ignore[union-attr]
    lines[n] = lines[n].replace(f'source-language="{right}"', f'source-language="{label}"')
    xlf.write_text("\n".join(lines), encoding="utf-8")
    return n + 1, doc, right


@pytest.mark.parametrize("lang, file_index, wrong", [("en", 0, "pl"), ("en", 0, "de"), ("de", 1, "pl"), ("de", 0, "be")])
def test_a_wrong_source_language_is_refused_with_its_line(project: Path, lang: str, file_index: int, wrong: str) -> None:
    _cli(project, "export", lang, "-o", "out")
    xlf = project / "out" / f"{lang}.xlf"
    _edit(xlf, {(DATE_BE, None): "24 February 2023", ("By Anna Kovalenko", None): "Von Anna Kovalenko"})
    line, doc, right = _relabel(xlf, file_index, wrong)
    before = _snapshot(project)
    code, out = _cli(project, "import", f"out/{lang}.xlf")
    assert code == 1 and "Traceback" not in out
    if right == "en":  # a document in the project's source language
        assert f"out/{lang}.xlf:{line}: source-language {wrong!r} is not the project's source language 'en'" in out
    else:
        assert (f"out/{lang}.xlf:{line}: source-language {wrong!r} is neither {right!r}, the source language of "
                f"document {doc!r}, nor the project's 'en'") in out
    assert _snapshot(project) == before, "a refused file applies nothing"


def test_a_file_from_before_documents_had_their_own_language_still_imports(project: Path) -> None:
    # exported when every <file> said the project's source language: its sources are the msgids all the same
    _cli(project, "export", "en", "-o", "out")
    xlf = project / "out" / "en.xlf"
    _edit(xlf, {(DATE_BE, None): "24 February 2023"})
    assert _relabel(xlf, 0, "en")[2] == "be"
    code, out = _cli(project, "import", "out/en.xlf")
    assert code == 0 and f"wrote: locales/en/LC_MESSAGES/{BE_DOC}.po (1 applied, 7 unchanged)" in out, out


def test_units_for_a_documents_own_language_are_refused(project: Path) -> None:
    # a file claiming to hold the Belarusian "translation" of the Belarusian article
    _cli(project, "export", "en", "-o", "out")
    xlf = project / "out" / "en.xlf"
    text = xlf.read_text(encoding="utf-8").replace("locales/en/LC_MESSAGES/", "locales/be/LC_MESSAGES/")
    xlf.write_text(text.replace('target-language="en"', 'target-language="be"'), encoding="utf-8")
    before = _snapshot(project)
    code, out = _cli(project, "import", "out/en.xlf")
    assert code == 1 and f"language 'be' is the source language of document {BE_DOC!r}, not one of its targets (en, de, pl)" in out
    assert _snapshot(project) == before and not _po(project, "be", BE_DOC).exists()


def test_plan_imports_checks_the_language_against_each_documents_targets(project: Path) -> None:
    config = load_config(project)
    result = parse_xliff((_export(project, "en")), "en.xlf", "en", import_sources(config))
    units = [replace(result.units[0], targets=("Volunteers of Minsk",))]
    plans = plan_imports(config, units + [replace(units[0], doc=EN_DOC, lang="en")])
    assert [[o.status for o in p.outcomes] for p in plans] == [["applied"], ["refused"]]
    assert f"language 'en' is the source language of document {EN_DOC!r}" in plans[1].outcomes[0].reason


def _export(root: Path, lang: str) -> bytes:
    code, out = _cli(root, "export", lang, "-o", "out", "--force")
    assert code == 0, out
    return (root / "out" / f"{lang}.xlf").read_bytes()


def test_the_fixture_is_what_these_tests_assume(made: Path) -> None:
    assert read_po(made / "locales" / f"{BE_DOC}.pot").header_value("X-Source-Language") == "be"
    assert read_po(_po(made, "en", BE_DOC)).header_value("X-Source-Language") == "be"
    assert not _po(made, "en", EN_DOC).exists() and not _po(made, "be", BE_DOC).exists()
    assert X.startswith("{urn:oasis:names:tc:xliff")
