"""No churn: ``update`` leaves a catalog as the translator's tool saved it until an entry changes.

Each tool of ``tests/po_tools.py`` re-saves the fixture project's catalogs without changing a
translation; ``update`` must then leave every file byte for byte as the tool wrote it, unless
the tool itself changed an entry (Babel adds ``python-format`` to any msgid with a ``%``:
the template says nothing of the kind, msgfmt --check then fails, and update takes the flag
away again, as msgmerge does).  When the template does change, the file is written in
msgcat's layout with the line ends it had.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from pipeline.build import update
from pipeline.config import load_config
from pipeline.errors import CatalogError, ConcurrentEditError
from pipeline.pocompare import canonical_messages, encode_update, same_entries
from pipeline.pofile import BOM, Catalog, Message, encode_po, parse_po, read_po, write_po
from tests.po_tools import TOOLS, available
from tests.render_support import copy_fixture

HERE = Path(__file__).parent
ROOT = HERE.parent

# Tools whose save of our catalogs changes no entry (the layout only).
LAYOUT_ONLY = ("polib", "Lokalize-style", "CRLF editor", "translate-toolkit", "msgcat")


def _update(root: Path) -> None:
    config = load_config(root)
    report = update(config)  # the documents' catalogs and the ui domain's
    assert not report.errors, report.errors


def _catalogs(root: Path) -> list[Path]:
    return sorted((root / "locales").glob("*/LC_MESSAGES/*.po"))


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")


@pytest.mark.parametrize("tool", list(TOOLS))
def test_update_leaves_a_tools_save_alone(tool: str, project: Path) -> None:
    if not available(tool):
        pytest.skip(f"{tool} is not installed")
    _update(project)  # the fixture as update leaves it
    for path in _catalogs(project):
        TOOLS[tool](path)
    saved = {p: p.read_bytes() for p in _catalogs(project)}
    if tool != "msgcat" and tool != "translate-toolkit":
        assert any(saved[p] != encode_po(read_po(p)) for p in saved), "the tool's layout should differ from msgcat's"
    _update(project)
    rewritten = [p for p in saved if p.read_bytes() != saved[p]]
    for p in rewritten:
        # only when an entry needed changing, and then msgcat's layout with the file's line ends
        assert not same_entries(parse_po(saved[p], p), read_po(p)), p
    if tool in LAYOUT_ONLY:
        assert rewritten == []
    else:
        assert tool == "Babel"
        assert len(rewritten) < len(saved)
        for p in rewritten:
            assert b"#, python-format" in saved[p] and b"#, python-format" not in p.read_bytes()
    after = {p: p.read_bytes() for p in saved}
    _update(project)
    assert {p: p.read_bytes() for p in saved} == after, "a second update must write nothing"


@pytest.mark.parametrize("tool", [t for t in TOOLS if t in LAYOUT_ONLY])
def test_a_changed_template_rewrites_the_file_and_keeps_its_line_ends(tool: str, project: Path) -> None:
    if not available(tool):
        pytest.skip(f"{tool} is not installed")
    _update(project)
    po = project / "locales" / "be" / "LC_MESSAGES" / "ak-belarus-statement.po"
    TOOLS[tool](po)
    saved = po.read_bytes()
    pot = project / "locales" / "ak-belarus-statement.pot"
    template = read_po(pot)
    first = template.entries[0]
    edited = tuple(Message(m.msgid + " Really.", references=m.references, extracted=m.extracted) if m is first else m
                   for m in template.messages)
    write_po(pot, Catalog(edited, str(pot), template.stamp))
    _update(project)
    data = po.read_bytes()
    assert data != saved
    crlf = b"\r\n" in saved
    assert (b"\r\n" in data) is crlf
    if crlf:
        assert b"\n" not in data.replace(b"\r\n", b"")
    assert data.replace(b"\r\n", b"\n") == encode_po(read_po(po)), "msgcat's layout once an entry changed"
    entry = read_po(po).find(first.msgid + " Really.")
    assert entry is not None and entry.fuzzy and entry.previous_msgid == first.msgid


def test_update_check_reports_no_change_for_a_tools_save(project: Path) -> None:
    from pipeline.cli import main

    _update(project)
    for path in _catalogs(project):
        TOOLS["Lokalize-style"](path)
    import os

    cwd = os.getcwd()
    os.chdir(project)
    try:
        assert main(["update", "--check"]) == 0
    finally:
        os.chdir(cwd)


# ------------------------------------------------------------------------ same_entries

HEADER = "Project-Id-Version: x\nContent-Type: text/plain; charset=UTF-8\nLanguage: be\n"


def _cat(*messages: Message, header: str = HEADER) -> Catalog:
    return Catalog((Message("", header), *messages))


BASE = Message("Hello.", "Прывітанне.", comments=("note",), extracted=("paragraph 1",), references=("seeds/x.txt:1",),
               flags=("fuzzy", "no-wrap"), previous_msgid="Hello")


def test_layout_differences_are_the_same_entries() -> None:
    a = _cat(BASE)
    assert same_entries(a, _cat(BASE, header="Language: be\nContent-Type: text/plain; charset=utf-8\nProject-Id-Version: x\n"))
    assert same_entries(a, _cat(replace(BASE, flags=("no-wrap", "fuzzy", "wrap"))))
    assert same_entries(a, _cat(replace(BASE, line=99)))
    split = replace(BASE, extracted=("a long note that", "a tool wrapped"))
    joined = replace(BASE, extracted=("a long note that a tool wrapped",))
    assert same_entries(_cat(split), _cat(joined))
    # obsolete entries go last and untranslated obsolete ones are dropped, as msgcat does
    old = Message("Gone.", "Няма.", obsolete=True)
    empty = Message("Empty.", obsolete=True)
    assert same_entries(_cat(old, BASE), _cat(BASE, old, empty))


@pytest.mark.parametrize("change", [
    {"msgstr": "Вітаю."}, {"msgctxt": "title"}, {"flags": ("no-wrap",)}, {"flags": ("fuzzy", "no-wrap", "python-format")},
    {"previous_msgid": None}, {"comments": ("other note",)}, {"comments": ()}, {"extracted": ("paragraph 2",)},
    {"references": ("seeds/x.txt:2",)}, {"obsolete": True}, {"msgid": "Hello!"},
], ids=str)
def test_content_differences_are_not_the_same_entries(change: dict[str, Any]) -> None:
    assert not same_entries(_cat(BASE), _cat(replace(BASE, **change)))


def test_header_values_plural_order_and_field_names_count() -> None:
    other = Message("Bye.", "Бывай.")
    assert not same_entries(_cat(BASE, other), _cat(other, BASE))
    assert not same_entries(_cat(BASE), _cat(BASE, header=HEADER.replace("be", "de")))
    assert not same_entries(_cat(BASE), _cat(BASE, header=HEADER.replace("Language:", "language:")))
    assert not same_entries(_cat(BASE), _cat(BASE, header=HEADER + "X-Translation-Status: machine-draft\n"))
    plural = Message("a day", msgid_plural="days", msgstr_plural=("дзень", "дні", "дзён"))
    assert not same_entries(_cat(plural), _cat(replace(plural, msgstr_plural=("дзень", "дні", ""))))


CATALOGS = sorted(p for folder in (HERE / "po", HERE / "roots", ROOT / "locales") for p in folder.rglob("*.po*")
                  if p.suffix in (".po", ".pot"))


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_what_the_writer_writes_reads_back_as_the_same_entries(path: Path) -> None:
    catalog = read_po(path)
    again = parse_po(encode_po(catalog), path)
    assert same_entries(catalog, again)
    assert canonical_messages(again) == canonical_messages(catalog)


# ------------------------------------------------------------------------ encode_update

def _po(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "x.po"
    path.write_bytes(data)
    return path


def test_encode_update_keeps_crlf_and_bom_when_an_entry_changes(tmp_path: Path) -> None:
    lf = encode_po(_cat(BASE))
    path = _po(tmp_path, BOM + lf.replace(b"\n", b"\r\n"))
    before = read_po(path)
    assert encode_update(path, before) == path.read_bytes()  # unchanged: the file's own bytes
    changed = Catalog((before.messages[0], BASE.with_flag("fuzzy", False)), str(path), before.stamp)
    data = encode_update(path, changed)
    assert data.startswith(BOM) and data[len(BOM):] == encode_po(changed).replace(b"\n", b"\r\n")
    assert write_po(path, changed, data=data)
    assert not read_po(path).messages[1].fuzzy


def test_encode_update_of_a_new_or_meanwhile_edited_file_is_msgcats(tmp_path: Path) -> None:
    catalog = _cat(BASE)
    assert encode_update(tmp_path / "new.po", catalog) == encode_po(catalog)
    path = _po(tmp_path, encode_po(catalog).replace(b"\n", b"\r\n"))
    read = read_po(path)
    path.write_bytes(path.read_bytes() + b"\r\n")  # a translator saved in the meantime
    data = encode_update(path, read)
    assert data == encode_po(read)
    with pytest.raises(ConcurrentEditError):
        write_po(path, read, data=data)


def test_a_nul_byte_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as info:
        parse_po(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b\x00c"\n', "x.po")
    assert str(info.value).startswith("x.po:6: NUL byte at column 10")
    assert "\\0" in str(info.value)  # shown visibly on the quoted line


def test_merge_in_place_leaves_a_tools_save_alone_like_msgmerge_update(tmp_path: Path) -> None:
    from pipeline.cli import main

    case = HERE / "po" / "merge" / "changed"
    po = tmp_path / "de.po"
    assert main(["merge", str(case / "before.po"), str(case / "new.pot"), "-o", str(po)]) == 0
    TOOLS["CRLF editor"](po)
    saved = po.read_bytes()
    assert main(["merge", str(po), str(case / "new.pot"), "-o", str(po)]) == 0
    assert po.read_bytes() == saved
    other = tmp_path / "other.po"  # to another file: msgcat's bytes, as msgmerge -o writes
    assert main(["merge", str(po), str(case / "new.pot"), "-o", str(other)]) == 0
    assert other.read_bytes() == (case / "after.po").read_bytes()


def test_header_edits_a_tool_makes_on_save_are_kept_without_a_rewrite(project: Path) -> None:
    # Babel's charset spelling, and what Lokalize or Poedit stamp on every save: update merges
    # the header fields it owns and keeps the others, so none of this is a reason to write.
    _update(project)
    po = project / "locales" / "de" / "LC_MESSAGES" / "fp-lukashenko-putin-attack.po"
    data = po.read_bytes()
    data = data.replace(b"charset=UTF-8", b"charset=utf-8")
    data = data.replace(b'"Language: de\\n"\n', b'"Language: de\\n"\n"X-Generator: Lokalize 24.02.0\\n"\n')
    data = data.replace(b'"PO-Revision-Date: ', b'"PO-Revision-Date: 2031-01-01 10:00+0100\\n"\n"X-Old-Date: ', 1)
    assert data != po.read_bytes()
    po.write_bytes(data)
    _update(project)
    assert po.read_bytes() == data


@pytest.mark.skipif(not available("msgcat"), reason="GNU gettext is not installed")
@pytest.mark.parametrize("tool", ["Lokalize-style", "CRLF editor", "polib", "Babel"])
def test_the_shipped_msgcat_check_accepts_a_tools_layout_but_not_its_content_changes(tool: str, tmp_path: Path) -> None:
    from tests import shipped

    po = tmp_path / "x.po"
    po.write_bytes((HERE / "roots" / "test-briefing" / "locales" / "be" / "LC_MESSAGES" / "belarus-digest-blame.po").read_bytes())
    TOOLS[tool](po)
    if tool == "Babel":  # its python-format on "3%" makes msgfmt --check fail
        with pytest.raises(AssertionError, match="not a valid Python format string"):
            shipped.check_catalog_is_msgcat_fixed_point_and_msgfmt_clean(po)
    else:
        shipped.check_catalog_is_msgcat_fixed_point_and_msgfmt_clean(po)
