# mypy: disallow-untyped-calls=False
"""Exchange with CAT tools: applying edited targets (apply), XLIFF 1.2 and TMX 1.4.

Runs on the fixture project ``tests/roots/test-exchange`` (two documents in be and de with
fuzzy entries and their ``#|`` previous msgids, plurals, msgctxt, comments, XML-special text
and obsolete entries), copied to a temporary folder for every test that writes.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.errors import ConcurrentEditError
from pipeline.exchange.apply import Incoming, plan_apply, plan_imports, unit_id, write_plan
from pipeline.pofile import Catalog, Message, encode_po, parse_po, read_po, write_po

HERE = Path(__file__).parent
FIXTURE = HERE / "roots" / "test-exchange"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(FIXTURE, dest)
    return dest


def _po(root: Path, lang: str = "be", doc: str = "alpha") -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / f"{doc}.po"


def _entry(path: Path, msgid: str, msgctxt: str | None = None) -> Message:
    m = read_po(path).find(msgid, msgctxt)
    assert m is not None, msgid
    return m


def _unit(path: Path, msgid: str, targets: tuple[str, ...] | str, **kw: object) -> Incoming:
    """A unit for the entry ``msgid`` of the catalog at ``path``, as an importer makes it."""
    m = _entry(path, msgid, kw.pop("msgctxt", None))  # type: ignore[arg-type]
    if isinstance(targets, str):
        targets = (targets,)
    fields: dict[str, object] = {
        "doc": path.stem, "lang": path.parent.parent.name, "msgid": m.msgid, "msgctxt": m.msgctxt,
        "msgid_plural": m.msgid_plural, "targets": targets, "unit_id": unit_id(m.msgctxt, m.msgid),
        "origin": f"edited.xlf:{m.line}",
    }
    fields.update(kw)
    return Incoming(**fields)  # type: ignore[arg-type]


def _changed_lines(before: bytes, after: bytes) -> list[str]:
    return [line for line in difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def _msgfmt_check(path: Path) -> None:
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext is not installed")
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True, capture_output=True)


# --------------------------------------------------------------------------- apply


def test_an_applied_target_changes_exactly_its_entry(project: Path) -> None:
    path = _po(project)
    before = path.read_bytes()
    unit = _unit(path, "Minsk in winter", "Мінск зімой")
    plan = plan_apply(path, [unit])
    assert [o.status for o in plan.outcomes] == ["applied"]
    assert plan.changed and path.read_bytes() == before, "planning writes nothing"
    assert write_plan(plan)
    after = path.read_bytes()
    assert _changed_lines(before, after) == ['-msgstr "Мінск узімку"', '+msgstr "Мінск зімой"']
    assert encode_po(read_po(path)) == after, "written in msgcat's layout"
    _msgfmt_check(path)


def test_units_that_change_nothing_leave_the_file_untouched(project: Path) -> None:
    path = _po(project)
    before = path.read_bytes()
    catalog = read_po(path)
    units = [_unit(path, m.msgid, m.strings, msgctxt=m.msgctxt) for m in catalog.entries]
    plan = plan_apply(path, units)
    assert {o.status for o in plan.outcomes} == {"unchanged"}
    assert not plan.changed
    assert not write_plan(plan)
    assert path.read_bytes() == before


def test_several_units_change_only_their_entries_and_keep_everything_else(project: Path) -> None:
    path = _po(project)
    before = read_po(path)
    units = [
        _unit(path, "Nobody knows how many were detained.", "Ніхто не ведае, колькі затрымалі."),
        _unit(path, "Aftermath", "Вынікі", msgctxt="heading"),
        _unit(path, "One photo", ("Адно фота", "%d фота", "%d фота")),
    ]
    plan = plan_apply(path, units)
    assert [o.status for o in plan.outcomes] == ["applied"] * 3
    write_plan(plan)
    after = read_po(path)
    changed = {m.key for m in before.messages} - {m.key for m in after.messages}
    assert not changed, "no entry appears or disappears"
    differ = [(a.msgctxt, a.msgid) for a, b in zip(before.messages, after.messages) if a != b]
    assert differ == [(None, "Nobody knows how many were detained."), ("heading", "Aftermath"), (None, "One photo")]
    assert after.find("Aftermath").msgstr == "Пасля ўсяго"  # type: ignore[union-attr]
    assert after.find("One photo").msgstr_plural == ("Адно фота", "%d фота", "%d фота")  # type: ignore[union-attr]
    assert [m.msgid for m in after.obsolete] == [m.msgid for m in before.obsolete]
    _msgfmt_check(path)


def test_a_stale_unit_is_refused_and_never_lands_on_another_sentence(project: Path) -> None:
    path = _po(project)
    unit = _unit(path, "Minsk in winter", "Мінск зімой")
    # Since the export, the source sentence changed; update made the entry fuzzy with #|.
    catalog = read_po(path)
    old = catalog.find("Minsk in winter")
    assert old is not None
    moved = replace(old, msgid="Minsk in a cold winter", previous_msgid=old.msgid).with_flag("fuzzy")
    write_po(path, Catalog(tuple(moved if m is old else m for m in catalog.messages), catalog.path, catalog.stamp))
    before = path.read_bytes()
    plan = plan_apply(path, [unit])
    [outcome] = plan.outcomes
    assert outcome.status == "refused"
    assert "source changed since the export" in outcome.reason and "Minsk in a cold winter" in outcome.reason
    assert outcome.format().startswith(f"edited.xlf:{old.line}: refused: ")
    assert not plan.changed and not write_plan(plan)
    assert path.read_bytes() == before
    # a sentence that is gone altogether
    catalog = read_po(path)
    gone = replace(unit, msgid="A sentence nobody wrote.", unit_id=unit_id(None, "A sentence nobody wrote."))
    [outcome] = plan_apply(path, [gone]).outcomes
    assert outcome.status == "refused" and "no entry with this source" in outcome.reason


def test_an_obsolete_entry_stays_obsolete(project: Path) -> None:
    path = _po(project)
    before = path.read_bytes()
    msgid = "This sentence was removed from the article."
    unit = Incoming("alpha", "be", msgid, ("Новы пераклад.",), unit_id=unit_id(None, msgid), origin="x.xlf:9")
    plan = plan_apply(path, [unit])
    assert plan.outcomes[0].status == "refused" and "obsolete" in plan.outcomes[0].reason
    assert not write_plan(plan) and path.read_bytes() == before


def test_fuzzy_state_is_kept_or_set_as_the_unit_says(project: Path) -> None:
    path = _po(project)
    fuzzy_id = "The police arrived shortly after noon."
    # kept: a new target for a fuzzy entry stays fuzzy, with its #| previous msgid
    plan = plan_apply(path, [_unit(path, fuzzy_id, "Міліцыя прыехала неўзабаве пасля поўдня.")])
    write_plan(plan)
    m = _entry(path, fuzzy_id)
    assert m.fuzzy and m.previous_msgid == "The police arrived at noon." and m.msgstr.startswith("Міліцыя прыехала неўзабаве")
    # approved: not fuzzy any more, and #| goes with the fuzzy flag (as after a merge)
    write_plan(plan_apply(path, [_unit(path, fuzzy_id, m.msgstr, fuzzy=False)]))
    m = _entry(path, fuzzy_id)
    assert not m.fuzzy and m.previous_msgid is None and m.comments == () and m.references == ("seeds/alpha.txt:3",)
    # marked for review: a translated entry becomes fuzzy, keeping its text
    write_plan(plan_apply(path, [_unit(path, "Minsk in winter", "Мінск узімку", fuzzy=True)]))
    assert _entry(path, "Minsk in winter").fuzzy
    # fuzzy=None on an unchanged target changes nothing
    before = path.read_bytes()
    assert not plan_apply(path, [_unit(path, "Minsk in winter", "Мінск узімку")]).changed
    assert path.read_bytes() == before
    _msgfmt_check(path)


def test_a_fuzzy_plural_keeps_its_previous_strings(project: Path) -> None:
    path = _po(project)
    msgid = "One day later"
    write_plan(plan_apply(path, [_unit(path, msgid, ("Праз адзін дзень", "Праз %d дні", "Праз %d дзён"))]))
    m = _entry(path, msgid)
    assert m.fuzzy and (m.previous_msgid, m.previous_msgid_plural) == ("One day ago", "%d days ago")
    assert m.msgstr_plural[0] == "Праз адзін дзень"


def test_a_reviewer_comment_becomes_a_translator_comment_once(project: Path) -> None:
    path = _po(project)
    msgid = "Crowds gathered on Independence Square on Sunday."
    unit = _unit(path, msgid, "Людзі сабраліся на плошчы Незалежнасці ў нядзелю.", comment="review: simpler word\nchecked by A.")
    write_plan(plan_apply(path, [unit]))
    m = _entry(path, msgid)
    assert m.comments == ("Keep the name of the square as locals say it.", "review: simpler word", "checked by A.")
    plan = plan_apply(path, [unit])  # the same import again
    assert plan.outcomes[0].status == "unchanged" and not plan.changed


def test_plural_units_need_every_form(project: Path) -> None:
    path = _po(project)
    [outcome] = plan_apply(path, [_unit(path, "One photo", ("Адно фота", "%d фота"))]).outcomes
    assert outcome.status == "refused" and "2 plural forms, but the entry has 3" in outcome.reason
    unit = replace(_unit(path, "One photo", ("a", "b", "c")), msgid_plural="%d pictures")
    [outcome] = plan_apply(path, [unit]).outcomes
    assert outcome.status == "refused" and "plural source differs" in outcome.reason


def test_an_id_that_does_not_match_its_source_is_refused(project: Path) -> None:
    path = _po(project)
    unit = replace(_unit(path, "Minsk in winter", "Мінск зімой"), unit_id=unit_id(None, "Trucks waited for three days."))
    [outcome] = plan_apply(path, [unit]).outcomes
    assert outcome.status == "refused" and "does not belong to its source" in outcome.reason
    # no id at all: the source alone names the entry
    assert plan_apply(path, [replace(unit, unit_id="")]).outcomes[0].status == "applied"


def test_a_translation_edited_on_both_sides_is_refused(project: Path) -> None:
    path = _po(project)
    unit = _unit(path, "Minsk in winter", "Мінск зімой", base=("Мінск узімку",))
    assert plan_apply(path, [unit]).outcomes[0].status == "applied"
    write_plan(plan_apply(path, [_unit(path, "Minsk in winter", "Мінск у зімовы час")]))  # edited in the catalog meanwhile
    before = path.read_bytes()
    plan = plan_apply(path, [unit])
    assert plan.outcomes[0].status == "refused" and "changed since the export" in plan.outcomes[0].reason
    assert not write_plan(plan) and path.read_bytes() == before


def test_an_empty_target_never_erases_a_translation(project: Path) -> None:
    path = _po(project)
    [outcome] = plan_apply(path, [_unit(path, "Minsk in winter", "")]).outcomes
    assert outcome.status == "refused" and "erase" in outcome.reason
    [outcome] = plan_apply(path, [_unit(path, "Nobody knows how many were detained.", "")]).outcomes
    assert outcome.status == "unchanged"
    forms = ("Затрыманы %(n)d чалавек.", "", "Затрымана %(n)d чалавек.")
    [outcome] = plan_apply(path, [_unit(path, "%(n)d person was detained.", forms)]).outcomes
    assert outcome.status == "refused" and "plural form 1" in outcome.reason


def test_targets_msgfmt_would_reject_are_refused(project: Path) -> None:
    path = _po(project)
    for target in ("Мінск\n", "\nМінск", "Мі\0нск"):
        [outcome] = plan_apply(path, [_unit(path, "Minsk in winter", target)]).outcomes
        assert outcome.status == "refused", target
    msgid = "  Two spaces before,\ta tab inside,\nand a new line.  "
    [outcome] = plan_apply(path, [_unit(path, msgid, "  Два прабелы,\tтаб,\nновы радок.  ")]).outcomes
    assert outcome.status == "applied"


def test_conflicting_duplicates_refuse_the_second(project: Path) -> None:
    path = _po(project)
    first = _unit(path, "Minsk in winter", "Мінск зімой", origin="a.xlf:3")
    same = replace(first, origin="a.xlf:30")
    other = replace(first, targets=("Зімовы Мінск",), origin="a.xlf:40")
    plan = plan_apply(path, [first, same, other])
    assert [o.status for o in plan.outcomes] == ["applied", "unchanged", "refused"]
    assert "first at a.xlf:3" in plan.outcomes[2].reason
    write_plan(plan)
    assert _entry(path, "Minsk in winter").msgstr == "Мінск зімой"


def test_units_for_another_catalog_are_refused(project: Path) -> None:
    path = _po(project)
    unit = _unit(path, "Minsk in winter", "Minsk im Winter")
    assert plan_apply(path, [replace(unit, lang="de")]).outcomes[0].status == "refused"
    assert plan_apply(path, [replace(unit, doc="beta")]).outcomes[0].status == "refused"
    # a catalog whose Language header disagrees with its folder
    wrong = _po(project, "de", "alpha")
    moved = _po(project, "be", "gamma")
    shutil.copy(wrong, moved)  # Language: de, in the be folder
    [outcome] = plan_apply(moved, [replace(unit, doc="gamma")]).outcomes
    assert outcome.status == "refused" and "is 'de'" in outcome.reason


def test_plan_imports_groups_by_catalog_and_refuses_names_that_are_not_catalogs(project: Path) -> None:
    config = load_config(project)
    be, de = _po(project, "be"), _po(project, "de")
    units = [
        _unit(be, "Minsk in winter", "Мінск зімой"),
        _unit(de, "Minsk in winter", "Minsk im kalten Winter"),
        _unit(be, "Aftermath", "Потым"),
        replace(_unit(be, "Aftermath", "x"), doc="../../../etc/passwd"),
        replace(_unit(be, "Aftermath", "x"), lang="fr"),
        replace(_unit(be, "Aftermath", "x"), doc="nonexistent"),
    ]
    plans = plan_imports(config, units)
    assert [p.shown for p in plans] == ["locales/be/LC_MESSAGES/alpha.po", "locales/de/LC_MESSAGES/alpha.po",
                                        "be/../../../etc/passwd", "fr/alpha", "locales/be/LC_MESSAGES/nonexistent.po"]
    assert [[o.status for o in p.outcomes] for p in plans] == [["applied", "applied"], ["applied"], ["refused"], ["refused"], ["refused"]]
    assert "not a catalog name" in plans[2].outcomes[0].reason and "not a language of the project" in plans[3].outcomes[0].reason
    assert "no catalog" in plans[4].outcomes[0].reason
    assert [write_plan(p) for p in plans] == [True, True, False, False, False]


def test_a_concurrent_edit_is_never_overwritten(project: Path) -> None:
    path = _po(project)
    plan = plan_apply(path, [_unit(path, "Minsk in winter", "Мінск зімой")])
    edited = path.read_bytes().replace("Гродна".encode(), "Гродна".encode()) + b"\n# a translator saved meanwhile\n"
    path.write_bytes(edited)
    with pytest.raises(ConcurrentEditError):
        write_plan(plan)
    assert path.read_bytes() == edited


def test_a_crlf_catalog_stays_crlf(project: Path) -> None:
    path = _po(project)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    write_plan(plan_apply(path, [_unit(path, "Minsk in winter", "Мінск зімой")]))
    data = path.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")
    assert parse_po(data, path).find("Minsk in winter").msgstr == "Мінск зімой"  # type: ignore[union-attr]


# --------------------------------------------------------------------------- XLIFF and TMX through translate-toolkit

from lxml import etree  # type: ignore[import-untyped]  # noqa: E402
from translate.storage import poxliff, tmx  # noqa: E402  (the independent reader)

from pipeline.cli import main  # noqa: E402
from pipeline.exchange.tmx import format_tmx, parse_tmx  # noqa: E402
from pipeline.exchange.xliff import NAMESPACE, ExportDoc, format_xliff, parse_xliff  # noqa: E402

BRIEFING = HERE / "roots" / "test-briefing"
X = f"{{{NAMESPACE}}}"
# translate-toolkit's state numbers (translate.storage.xliff.xliffunit)
TT_TRANSLATED, TT_NEEDS_REVIEW, TT_NEEDS_TRANSLATION = 100, 80, 30


def _catalogs(root: Path, lang: str) -> list[Path]:
    return sorted((root / "locales" / lang / "LC_MESSAGES").glob("*.po"))


def _docs(root: Path, lang: str) -> list[ExportDoc]:
    return [ExportDoc(read_po(p), p.relative_to(root).as_posix(), p.stem, lang) for p in _catalogs(root, lang)]


def _expected_xliff_view(doc: ExportDoc) -> list[dict[str, object]]:
    """What a reader must see of each active entry, written out from the catalog alone."""
    out = []
    for m in doc.catalog.entries:
        n = len(m.strings)
        sources = [m.msgid] if m.msgid_plural is None else [m.msgid] + [m.msgid_plural] * (n - 1)
        fuzzy = m.fuzzy and m.has_translation
        previous: list[str] = []
        if fuzzy and m.previous_msgid is not None:
            previous = [m.previous_msgid] if m.msgid_plural is None else \
                [m.previous_msgid] + [m.previous_msgid_plural or m.previous_msgid] * (n - 1)
        state = TT_TRANSLATED if m.translated else TT_NEEDS_REVIEW if fuzzy else TT_NEEDS_TRANSLATION
        out.append({
            "id": f"{doc.original}\x04{unit_id(m.msgctxt, m.msgid)}", "msgctxt": m.msgctxt, "sources": sources,
            "targets": list(m.strings), "fuzzy": fuzzy, "translated": m.translated, "states": [state] * n,
            "developer": "\n".join(m.extracted), "translator": "\n".join(m.comments), "locations": list(m.references),
            "previous": previous, "plural": m.msgid_plural is not None,
        })
    return out  # type: ignore[return-value]


def _strings(value: object) -> list[str]:
    return [str(s) for s in value.strings] if hasattr(value, "strings") else [str(value)]  # multistring or str


def _toolkit_xliff_view(data: bytes) -> list[dict[str, object]]:
    store = poxliff.PoXliffFile.parsestring(data)
    out = []
    for u in store.units:
        if u.isheader():
            continue
        contexts = [text for group in u.getcontextgroups("po-entry") for kind, text in group if kind == "x-po-msgctxt"]
        forms = u.units if u.hasplural() else [u]
        previous = [a.source for a in u.getalttrans("previous")]
        out.append({
            "id": u.getid(), "msgctxt": contexts[0] if contexts else None, "sources": _strings(u.source),
            "targets": _strings(u.target), "fuzzy": u.isfuzzy(), "translated": u.istranslated(),
            "states": [f.get_state_n() for f in forms], "developer": u.getnotes("developer"),
            "translator": u.getnotes("translator"), "locations": u.getlocations(),
            "previous": [s for p in previous for s in _strings(p)], "plural": u.hasplural(),
        })
    return out


def _differences(ours: list[dict[str, object]], theirs: list[dict[str, object]]) -> list[str]:
    diffs = [f"{len(ours)} entries, the reader sees {len(theirs)}"] if len(ours) != len(theirs) else []
    for a, b in zip(ours, theirs):
        diffs += [f"{a['id']!r}: {k}: {a[k]!r} != {b[k]!r}" for k in a if a[k] != b.get(k)]
    return diffs


@pytest.mark.parametrize("root", [FIXTURE, BRIEFING], ids=["test-exchange", "test-briefing"])
@pytest.mark.parametrize("lang", ["be", "de"])
def test_translate_toolkit_reads_our_xliff_as_the_catalogs(root: Path, lang: str) -> None:
    docs = _docs(root, lang)
    data = format_xliff(docs, "en").encode()
    store = poxliff.PoXliffFile.parsestring(data)
    assert store.getsourcelanguage() == "en" and store.gettargetlanguage() == lang
    expected = [row for d in docs for row in _expected_xliff_view(d)]
    assert _differences(expected, _toolkit_xliff_view(data)) == []
    # obsolete entries are not exported
    obsolete = {m.msgid for d in docs for m in d.catalog.obsolete} - {m.msgid for d in docs for m in d.catalog.entries}
    assert not obsolete & {s for row in _toolkit_xliff_view(data) for s in row["sources"]}  # type: ignore[attr-defined]


def test_the_fixture_has_what_the_round_trip_must_carry() -> None:
    rows = [row for d in _docs(FIXTURE, "be") for row in _expected_xliff_view(d)]
    assert any(r["plural"] and r["fuzzy"] and r["previous"] for r in rows)
    assert any(r["msgctxt"] for r in rows) and any(r["translator"] for r in rows)
    assert any(not r["translated"] and not r["fuzzy"] for r in rows)
    assert any(m.obsolete for d in _docs(FIXTURE, "be") for m in d.catalog.messages)


@pytest.mark.parametrize("root", [FIXTURE, BRIEFING], ids=["test-exchange", "test-briefing"])
def test_our_reader_gives_back_every_entry(root: Path) -> None:
    docs = _docs(root, "be")
    result = parse_xliff(format_xliff(docs, "en").encode(), "be.xlf", "en")
    assert result.refused == ()
    entries = [(d.doc, m) for d in docs for m in d.catalog.entries]
    assert len(result.units) == len(entries)
    for unit, (doc, m) in zip(result.units, entries):
        assert (unit.doc, unit.lang, unit.msgctxt, unit.msgid, unit.msgid_plural, unit.targets) == \
            (doc, "be", m.msgctxt, m.msgid, m.msgid_plural, m.strings)
        assert unit.unit_id == unit_id(m.msgctxt, m.msgid) and unit.comment is None
        assert unit.fuzzy == (None if not m.has_translation else m.fuzzy)


def test_export_is_stable_and_todo_has_only_what_is_left() -> None:
    docs = _docs(FIXTURE, "be")
    assert format_xliff(docs, "en") == format_xliff(_docs(FIXTURE, "be"), "en")
    todo = parse_xliff(format_xliff(docs, "en", todo=True).encode(), "t.xlf", "en").units
    left = [m.msgid for d in docs for m in d.catalog.entries if not m.translated]
    assert [u.msgid for u in todo] == left and len(left) >= 4


def test_special_characters_survive_both_readers(tmp_path: Path) -> None:
    tricky = ["a\rb", "tab\there", "\u00a0nbsp\u2009thin", "quote \" and ' and ]]> and &amp; literally", "𝔘nicode 🙂",
              "line\nbreak", " lead and trail ", "<x id='1'/> not markup"]
    messages = [Message("", "Language: be\nContent-Type: text/plain; charset=UTF-8\n")]
    messages += [Message(f"{t} #{i}", f"{t} (be) #{i}", msgctxt=(t if i % 2 else None)) for i, t in enumerate(tricky)]
    catalog = Catalog(tuple(messages), "locales/be/LC_MESSAGES/x.po")
    data = format_xliff([ExportDoc(catalog, catalog.path, "x", "be")], "en").encode()
    ours = parse_xliff(data, "x.xlf", "en").units
    assert [(u.msgctxt, u.msgid, u.targets[0]) for u in ours] == [(m.msgctxt, m.msgid, m.msgstr) for m in messages[1:]]
    theirs = _toolkit_xliff_view(data)
    assert [(r["msgctxt"], r["sources"], r["targets"]) for r in theirs] == \
        [(m.msgctxt, [m.msgid], [m.msgstr]) for m in messages[1:]]


def test_a_character_xml_cannot_hold_is_an_error_naming_the_catalog_line(tmp_path: Path) -> None:
    path = tmp_path / "locales" / "be" / "LC_MESSAGES" / "x.po"
    path.parent.mkdir(parents=True)
    path.write_bytes(b'msgid ""\nmsgstr "Language: be\\n"\n\nmsgid "bell"\nmsgstr "\\a"\n')
    from pipeline.errors import CatalogError

    with pytest.raises(CatalogError) as info:
        format_xliff([ExportDoc(read_po(path), "x.po", "x", "be")], "en")
    assert str(info.value).startswith(f"{path}:4: U+0007 cannot be written in XML 1.0")


@pytest.mark.parametrize("lang", ["be", "de"])
@pytest.mark.parametrize("root", [FIXTURE, BRIEFING], ids=["test-exchange", "test-briefing"])
def test_translate_toolkit_reads_our_tmx_as_the_translated_entries(root: Path, lang: str) -> None:
    docs = _docs(root, lang)
    data, count = format_tmx(docs, "en", lang)
    expected: dict[tuple[str, str, str], None] = {}
    for d in docs:
        for m in d.catalog.entries:
            if m.translated:
                sources = [m.msgid] + [m.msgid_plural or ""] * (len(m.strings) - 1)
                for source, target in zip(sources, m.strings):
                    expected[(m.msgctxt or "", source, target)] = None
    store = tmx.tmxfile.parsestring(data.encode())
    seen = [(u.getcontext(), u.source, u.gettarget(lang)) for u in store.units]
    assert seen == list(expected) and count == len(seen)
    ours = parse_tmx(data.encode(), "x.tmx", "en", lang)
    assert [(e.context or "", e.source, e.target) for e in ours] == seen
    # the same pairs as translate-toolkit's own po2tmx
    from translate.convert.po2tmx import po2tmx

    peer = tmx.tmxfile()
    for path in _catalogs(root, lang):
        with path.open("rb") as fh:
            po2tmx().convertfiles(fh, peer, "en", lang)
    assert {(u.getcontext(), u.source, u.gettarget(lang)) for u in peer.units} == set(expected)


# --------------------------------------------------------------------------- the command line: export, edit, import


def _run(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    monkeypatch.chdir(project)
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


def _snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((root / "locales").rglob("*.po"))}


def _edit(path: Path, edits: dict[tuple[str, int | None], str], state: dict[str, tuple[str, str]] | None = None) -> None:
    """Set the target of units (by source, form index for plurals) as a CAT tool would; set
    (state, approved) of some units by source."""
    tree = etree.parse(str(path))
    for tu in tree.iter(f"{X}trans-unit"):
        source = tu.find(f"{X}source").text or ""
        form = int(tu.get("id")[-2]) if tu.get("id").endswith("]") else None
        key = (source, form)
        target = tu.find(f"{X}target")
        if key in edits:
            target.text = edits[key]
        if state and source in state:
            target.set("state", state[source][0])
            tu.set("approved", state[source][1])
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def test_export_edit_import_changes_exactly_the_edited_entries(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(project, monkeypatch, capsys, "export", "--format", "xliff", "be", "-o", "out")
    assert code == 0 and "wrote out/be.xlf (2 catalogs, 15 units)" in out
    before = _snapshot(project)
    xlf = project / "out" / "be.xlf"
    _edit(xlf, {
        ("Minsk in winter", None): "Мінск зімой",
        ("The police arrived shortly after noon.", None): "Міліцыя прыехала неўзабаве пасля поўдня.",
        ("One photo", 0): "%d фотаздымак", ("%d photos", 1): "%d фотаздымкі", ("%d photos", 2): "%d фотаздымкаў",
        ("Trucks waited for three days.", None): "Грузавікі чакалі тры дні.",
    }, state={"The police arrived shortly after noon.": ("translated", "yes")})
    code, out = _run(project, monkeypatch, capsys, "import", "--check", "out/be.xlf")
    assert code == 1 and "would change: locales/be/LC_MESSAGES/alpha.po (3 applied, 9 unchanged)" in out
    assert _snapshot(project) == before, "--check writes nothing"
    code, out = _run(project, monkeypatch, capsys, "import", "out/be.xlf")
    assert code == 0, out
    assert "wrote: locales/be/LC_MESSAGES/alpha.po (3 applied, 9 unchanged)" in out
    assert "wrote: locales/be/LC_MESSAGES/beta.po (1 applied, 2 unchanged)" in out
    after = _snapshot(project)
    assert [p.name for p in before if before[p] != after[p]] == ["alpha.po", "beta.po"]
    alpha = _po(project)
    assert _changed_lines(before[alpha], after[alpha]) == [
        '-msgstr "Мінск узімку"', '+msgstr "Мінск зімой"',
        "-#, fuzzy", '-#| msgid "The police arrived at noon."',
        '-msgstr "Міліцыя прыехала апоўдні."', '+msgstr "Міліцыя прыехала неўзабаве пасля поўдня."',
        '-msgstr[0] ""', '-msgstr[1] ""', '-msgstr[2] ""',
        '+msgstr[0] "%d фотаздымак"', '+msgstr[1] "%d фотаздымкі"', '+msgstr[2] "%d фотаздымкаў"',
    ]
    beta = _po(project, doc="beta")
    assert _changed_lines(before[beta], after[beta]) == ['-msgstr ""', '+msgstr "Грузавікі чакалі тры дні."']
    for path in (alpha, beta):
        _msgfmt_check(path)
    # the same file again changes nothing
    code, out = _run(project, monkeypatch, capsys, "import", "out/be.xlf")
    assert code == 0 and _snapshot(project) == after
    assert "unchanged: locales/be/LC_MESSAGES/alpha.po (0 applied, 12 unchanged)" in out


def test_import_refuses_stale_and_obsolete_units_and_applies_the_rest(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    _run(project, monkeypatch, capsys, "export", "be", "alpha", "-o", "out")
    xlf = project / "out" / "be.xlf"
    _edit(xlf, {("Minsk in winter", None): "Мінск зімой", ("Nobody knows how many were detained.", None): "Ніхто не ведае.",
                ("Crowds gathered on Independence Square on Sunday.", None): "Людзі сабраліся."})
    # since the export: one sentence changed (update made it fuzzy), one left the article
    path = _po(project)
    catalog = read_po(path)
    messages = []
    for m in catalog.messages:
        if m.msgid == "Minsk in winter":
            m = replace(m, msgid="Minsk in deep winter", previous_msgid=m.msgid).with_flag("fuzzy")
        elif m.msgid == "Nobody knows how many were detained.":
            m = replace(m, msgstr="Ніхто не ведае.", obsolete=True)
        messages.append(m)
    obsolete_last = [m for m in messages if not m.obsolete] + [m for m in messages if m.obsolete]
    write_po(path, Catalog(tuple(obsolete_last), catalog.path, catalog.stamp))
    before = read_po(path)
    code, out = _run(project, monkeypatch, capsys, "import", "out/be.xlf")
    assert code == 1
    lines = {line.split(": refused")[0]: line for line in out.splitlines() if ": refused:" in line}
    tree = etree.parse(str(xlf))
    line_of = {tu.find(f"{X}source").text: tu.sourceline for tu in tree.iter(f"{X}trans-unit")}
    assert f"out/be.xlf:{line_of['Minsk in winter']}" in lines
    assert "source changed since the export" in lines[f"out/be.xlf:{line_of['Minsk in winter']}"]
    assert "obsolete" in lines[f"out/be.xlf:{line_of['Nobody knows how many were detained.']}"]
    assert "2 units refused" in out
    after = read_po(path)
    assert after.find("Minsk in deep winter").msgstr == "Мінск узімку"  # type: ignore[union-attr]
    assert after.find("Crowds gathered on Independence Square on Sunday.").msgstr == "Людзі сабраліся."  # type: ignore[union-attr]
    assert [m.msgid for m in after.obsolete] == [m.msgid for m in before.obsolete]
    assert "Nobody knows how many were detained." in [m.msgid for m in after.obsolete]


@pytest.mark.parametrize("damage", [
    lambda s: s[: len(s) // 2],
    lambda s: s.replace("</source>", "</sauce>", 3),
    lambda s: s.replace("&amp;", "&", 1),
    lambda s: s.replace("\n", '\n<!DOCTYPE xliff [<!ENTITY e "boom">]>\n', 1).replace("Мінск зімой", "&e;"),
], ids=["truncated", "mismatched-tag", "bare-ampersand", "entity"])
def test_malformed_xml_names_its_line_and_writes_nothing(damage: object, project: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    _run(project, monkeypatch, capsys, "export", "be", "-o", "out")
    xlf = project / "out" / "be.xlf"
    _edit(xlf, {("Minsk in winter", None): "Мінск зімой"})
    text = xlf.read_text(encoding="utf-8")
    xlf.write_text(damage(text), encoding="utf-8")  # type: ignore[operator]
    before = _snapshot(project)
    code, out = _run(project, monkeypatch, capsys, "import", "out/be.xlf")
    assert code == 1 and "Traceback" not in out
    [error] = [line for line in out.splitlines() if line.startswith("error: ")]
    assert error.startswith("error: out/be.xlf:")
    line = int(error.split(":")[2])
    assert 1 <= line <= text.count("\n") + 2
    assert _snapshot(project) == before


def test_inline_markup_a_po_file_cannot_hold_refuses_the_unit(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    _run(project, monkeypatch, capsys, "export", "be", "alpha", "-o", "out")
    xlf = project / "out" / "be.xlf"
    text = xlf.read_text(encoding="utf-8")
    text = text.replace('<target state="translated">Мінск узімку</target>',
                        '<target state="translated">Мінск <x id="1"/>узімку</target>')
    text = text.replace('<target state="translated">Наступствы</target>',
                        '<target state="translated"><mrk mtype="seg" mid="1">Вынікі</mrk></target>')
    xlf.write_text(text, encoding="utf-8")
    code, out = _run(project, monkeypatch, capsys, "import", "out/be.xlf")
    assert code == 1 and "<x> in the target has no PO equivalent" in out
    assert _entry(_po(project), "Minsk in winter").msgstr == "Мінск узімку"
    assert _entry(_po(project), "Aftermath", "heading").msgstr == "Вынікі"


def test_a_reviewer_note_added_in_the_cat_tool_becomes_a_comment(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    _run(project, monkeypatch, capsys, "export", "be", "alpha", "-o", "out")
    xlf = project / "out" / "be.xlf"
    tree = etree.parse(str(xlf))
    tu = next(tu for tu in tree.iter(f"{X}trans-unit") if tu.find(f"{X}source").text == "Minsk in winter")
    etree.SubElement(tu, f"{X}note", {"from": "reviewer"}).text = "Title case? Checked with the editor."
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    code, out = _run(project, monkeypatch, capsys, "import", "out/be.xlf")
    assert code == 0, out
    m = _entry(_po(project), "Minsk in winter")
    assert m.comments == ("Title case? Checked with the editor.",) and m.msgstr == "Мінск узімку"


def test_xliff_from_translate_toolkit_po2xliff_imports_by_source(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from translate.convert.po2xliff import po2xliff
    from translate.storage import po

    path = _po(project, "de")
    store = po.pofile.parsestring(path.read_bytes())
    data = po2xliff().convertstore(store)
    data = data.replace(b'original=""', b'original="locales/de/LC_MESSAGES/alpha.po"')
    data = data.replace("Minsk im Winter".encode(), "Minsk im Winter 2026".encode())
    (project / "tt.xlf").write_bytes(data)
    code, out = _run(project, monkeypatch, capsys, "import", "tt.xlf")
    # po2xliff drops msgctxt: both "Aftermath" units could be the heading or the plain one,
    # so both are refused; it exports the obsolete entry, which stays obsolete.
    assert code == 1 and "wrote: locales/de/LC_MESSAGES/alpha.po (1 applied, 4 unchanged, 3 refused)" in out
    assert out.count("refused: ambiguous") == 2 and "an obsolete entry is not revived" in out
    assert _entry(path, "Minsk in winter").msgstr == "Minsk im Winter 2026"
    assert _entry(path, "Aftermath", "heading").msgstr == "Nachspiel" and _entry(path, "Aftermath").msgstr == "Danach"


def test_export_refuses_to_overwrite_a_different_file(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(project, monkeypatch, capsys, "export", "be", "-o", "out", "--check")
    assert code == 1 and "would write: out/be.xlf" in out and not (project / "out").exists()
    assert _run(project, monkeypatch, capsys, "export", "be", "-o", "out")[0] == 0
    code, out = _run(project, monkeypatch, capsys, "export", "be", "-o", "out", "--check")
    assert code == 0 and "unchanged: out/be.xlf" in out
    xlf = project / "out" / "be.xlf"
    _edit(xlf, {("Minsk in winter", None): "a translator's work"})
    edited = xlf.read_bytes()
    code, out = _run(project, monkeypatch, capsys, "export", "be", "-o", "out")
    assert code == 1 and "exists and differs" in out and xlf.read_bytes() == edited
    code, out = _run(project, monkeypatch, capsys, "export", "be", "-o", "out", "--check")
    assert code == 1 and "would overwrite: out/be.xlf" in out
    code, out = _run(project, monkeypatch, capsys, "export", "be", "-o", "out", "--force")
    assert code == 0 and xlf.read_bytes() != edited
    code, out = _run(project, monkeypatch, capsys, "export", "--format", "tmx", "de", "-o", "out")
    assert code == 0 and "wrote out/de.tmx (1 catalog, 6 pairs)" in out
    code, out = _run(project, monkeypatch, capsys, "export", "be", "alpha", "--todo", "-o", "out")
    assert code == 0 and "wrote out/be-todo.xlf (1 catalog, 4 units)" in out


@pytest.mark.parametrize("args, message", [
    (["export", "fr", "-o", "out"], "'fr' is not a language of the project (en, be, de)"),
    (["export", "en", "-o", "out"], "locales/en/LC_MESSAGES: no catalogs of 'en' to export: every document is written in 'en'"),
    (["export", "be", "gamma", "-o", "out"], "locales/be/LC_MESSAGES/gamma.po: no catalog for document 'gamma'"),
    (["export", "be", "../x", "-o", "out"], "../x: no catalog"),
    (["export", "--format", "tmx", "be", "--todo", "-o", "out"], "--todo: a translation memory"),
    (["import", "missing.xlf"], "missing.xlf: cannot read: No such file"),
])
def test_export_and_import_errors(args: list[str], message: str, project: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(project)
    code, out = _run(project, monkeypatch, capsys, *args)
    assert code != 0 and message in out and "Traceback" not in out
    assert _snapshot(project) == before and not (project / "out").exists()


def test_import_of_a_tmx_or_foreign_xml_is_an_error(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    _run(project, monkeypatch, capsys, "export", "--format", "tmx", "be", "-o", "out")
    (project / "other.xlf").write_text('<?xml version="1.0"?>\n<html><body/></html>\n', encoding="utf-8")
    code, out = _run(project, monkeypatch, capsys, "import", "out/be.tmx", "other.xlf")
    assert code == 1
    assert "error: out/be.tmx: a TMX file is a translation memory" in out
    assert "error: other.xlf:2: not an XLIFF 1.2 file" in out


def test_exchange_bench_runs(tmp_path: Path) -> None:
    import json
    import sys

    out = tmp_path / "bench.json"
    subprocess.run([sys.executable, str(HERE.parent / "bench" / "exchange_bench.py"), "--fixture-only", "--json", str(out)],
                   check=True, capture_output=True, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    unedited, edited = report["test-exchange fixture, unedited"], report["test-exchange fixture, every 7th target edited"]
    assert unedited["ours"]["total"] == 0 and unedited["ours"]["lines_rewritten"] == 0
    assert edited["ours"]["total"] == 0 and 0 < edited["ours"]["lines_rewritten"] <= edited["edits"] * 3
    # translate-toolkit's po2xliff -> xliff2po loses #| and msgctxt and revives obsolete entries
    theirs = unedited["translate-toolkit"]["differences"]
    assert theirs["#| previous"] > 0 and theirs["obsolete revived"] > 0 and theirs["msgctxt lost"] > 0


def test_a_translation_edited_in_the_catalog_since_the_export_is_not_overwritten(
        project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _run(project, monkeypatch, capsys, "export", "de", "-o", "out")
    xlf = project / "out" / "de.xlf"
    _edit(xlf, {("Minsk in winter", None): "Minsk im Winter (CAT)", ("Nobody knows how many were detained.", None): "Niemand weiß es."})
    # meanwhile a translator edits one of them in the .po file
    path = _po(project, "de")
    write_plan(plan_apply(path, [_unit(path, "Minsk in winter", "Minsk im Winter (Poedit)")]))
    code, out = _run(project, monkeypatch, capsys, "import", "out/de.xlf")
    assert code == 1 and "changed since the export (now 'Minsk im Winter (Poedit)')" in out
    assert _entry(path, "Minsk in winter").msgstr == "Minsk im Winter (Poedit)"
    assert _entry(path, "Nobody knows how many were detained.").msgstr == "Niemand weiß es."
    # a unit the file left alone does not undo the catalog's newer translation, nor refuses
    write_plan(plan_apply(path, [_unit(path, "Aftermath", "Danach (Poedit)")]))
    code, out = _run(project, monkeypatch, capsys, "import", "out/de.xlf")
    assert code == 1 and "(0 applied, 6 unchanged, 1 refused)" in out and "1 unit refused" in out  # Minsk again
    assert _entry(path, "Aftermath").msgstr == "Danach (Poedit)"


def test_a_unit_the_file_did_not_change_keeps_the_catalogs_newer_translation(project: Path) -> None:
    path = _po(project)
    unit = _unit(path, "Minsk in winter", "Мінск узімку", base=("Мінск узімку",), fuzzy=False)
    write_plan(plan_apply(path, [_unit(path, "Minsk in winter", "Мінск зімовы", fuzzy=True)]))  # edited meanwhile
    [outcome] = plan_apply(path, [unit]).outcomes
    assert outcome.status == "unchanged" and "newer translation stays" in outcome.reason
    empty = _unit(path, "Nobody knows how many were detained.", "", base=("",))
    write_plan(plan_apply(path, [_unit(path, "Nobody knows how many were detained.", "Ніхто не ведае.")]))
    assert plan_apply(path, [empty]).outcomes[0].status == "unchanged"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# Any text XML 1.0 can hold (tab, LF and CR included), which is what a PO string may hold too.
_XML_TEXT = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="".join(
    chr(c) for c in range(32) if c not in (9, 10, 13)) + "\ufffe\uffff"), max_size=40)


@settings(max_examples=40, deadline=None)
@given(entries=st.lists(st.tuples(st.none() | _XML_TEXT, _XML_TEXT.filter(bool), _XML_TEXT), min_size=1, max_size=6,
                        unique_by=lambda e: (e[0], e[1])))
def test_any_text_survives_both_readers(entries: list[tuple[str | None, str, str]]) -> None:
    header = Message("", "Language: be\nContent-Type: text/plain; charset=UTF-8\n")
    messages = [Message(msgid, msgstr, msgctxt=ctx) for ctx, msgid, msgstr in entries]
    catalog = Catalog((header, *messages), "locales/be/LC_MESSAGES/x.po")
    data = format_xliff([ExportDoc(catalog, catalog.path, "x", "be")], "en").encode()
    ours = parse_xliff(data, "x.xlf", "en").units
    assert [(u.msgctxt, u.msgid, u.targets) for u in ours] == [(m.msgctxt, m.msgid, (m.msgstr,)) for m in messages]
    theirs = _toolkit_xliff_view(data)
    assert [(r["msgctxt"], r["sources"], r["targets"]) for r in theirs] == [(m.msgctxt, [m.msgid], [m.msgstr]) for m in messages]
    tmx_data, _ = format_tmx([ExportDoc(catalog, catalog.path, "x", "be")], "en", "be")
    pairs = [(m.msgctxt or "", m.msgid, m.msgstr) for m in messages if m.msgstr]
    store = tmx.tmxfile.parsestring(tmx_data.encode())
    assert sorted((u.getcontext(), u.source, u.gettarget("be")) for u in store.units) == sorted(set(pairs))


def test_a_translate_toolkit_save_of_our_xliff_imports_exactly_its_edits(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Weblate edits XLIFF through translate-toolkit: its save (own layout, own serializer) of
    our file must bring back exactly the edits and the states it set."""
    from translate.misc.multistring import multistring

    _run(project, monkeypatch, capsys, "export", "be", "-o", "out")
    xlf = project / "out" / "be.xlf"
    store = poxliff.PoXliffFile.parsestring(xlf.read_bytes())
    for u in store.units:
        if u.source == "Minsk in winter":
            u.target = "Мінск зімой"
        elif u.source == "The police arrived shortly after noon.":
            u.target = "Міліцыя прыехала неўзабаве."
            u.markfuzzy(False)
        elif u.hasplural() and str(u.source.strings[0]) == "One photo":
            u.target = multistring(["%d фота", "%d фота", "%d фота"])
            u.markfuzzy(False)
    xlf.write_bytes(bytes(store))
    before = _snapshot(project)
    code, out = _run(project, monkeypatch, capsys, "import", "out/be.xlf")
    assert code == 0, out
    after = _snapshot(project)
    assert [p.name for p in before if before[p] != after[p]] == ["alpha.po"]
    assert _changed_lines(before[_po(project)], after[_po(project)]) == [
        '-msgstr "Мінск узімку"', '+msgstr "Мінск зімой"',
        "-#, fuzzy", '-#| msgid "The police arrived at noon."',
        '-msgstr "Міліцыя прыехала апоўдні."', '+msgstr "Міліцыя прыехала неўзабаве."',
        '-msgstr[0] ""', '-msgstr[1] ""', '-msgstr[2] ""',
        '+msgstr[0] "%d фота"', '+msgstr[1] "%d фота"', '+msgstr[2] "%d фота"',
    ]
