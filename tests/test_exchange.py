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
    assert "not a catalog name" in plans[2].outcomes[0].reason and "not a target language" in plans[3].outcomes[0].reason
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
