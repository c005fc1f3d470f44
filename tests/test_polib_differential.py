"""polib as an independent reader: every valid PO/POT file of the tests and the shipped
catalogs must read the same through our reader and through polib.

polib is the second opinion on what a file says (it is not used by the package: our reader
is stricter, and our writer is msgcat's).  Compared per entry, in file order: msgctxt,
msgid, msgid_plural, msgstr, msgstr[N], flags, previous msgctxt/msgid/msgid_plural,
translator and extracted comments, references, obsolete; and the header's fields.
Files under ``tests/bad/`` are invalid on purpose and left out.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib  # type: ignore[import-untyped]
import pytest

from pipeline.pofile import Message, read_po

HERE = Path(__file__).parent
ROOT = HERE.parent
VALID = sorted(
    p for folder in (HERE, ROOT / "locales") for p in folder.rglob("*")
    if p.suffix in (".po", ".pot") and "bad" not in p.relative_to(ROOT).parts and p.is_file()
)


def ours(m: Message) -> dict[str, object]:
    plural = m.msgid_plural is not None
    return {
        "msgctxt": m.msgctxt, "msgid": m.msgid, "msgid_plural": m.msgid_plural,
        "msgstr": "" if plural else m.msgstr, "msgstr_plural": list(m.msgstr_plural) if plural else [],
        "flags": sorted(m.flags), "previous": (m.previous_msgctxt, m.previous_msgid, m.previous_msgid_plural),
        "comments": "\n".join(m.comments), "extracted": "\n".join(m.extracted),
        "references": list(m.references), "obsolete": m.obsolete,
    }


def theirs(e: polib.POEntry) -> dict[str, object]:
    plural = bool(e.msgid_plural)
    return {
        "msgctxt": e.msgctxt, "msgid": e.msgid, "msgid_plural": e.msgid_plural if plural else None,
        "msgstr": e.msgstr, "msgstr_plural": [e.msgstr_plural[k] for k in sorted(e.msgstr_plural)] if plural else [],
        "flags": sorted(dict.fromkeys(e.flags)), "previous": (e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural),
        "comments": e.tcomment or "", "extracted": e.comment or "",
        "references": [f"{f}:{n}" if n else f for f, n in e.occurrences], "obsolete": bool(e.obsolete),
    }


def test_there_are_files_to_compare() -> None:
    assert len(VALID) > 50
    assert any(p.suffix == ".pot" for p in VALID) and any("LC_MESSAGES" in p.parts for p in VALID)


# Where polib is the one that is wrong (GNU msgcat reads these files as we do: see the
# golden tests of tests/po/format), named so that any other disagreement still fails.
POLIB_REJECTS = {"tests/po/format/comments.po": 7}  # "#no space": polib calls a comment without a space a syntax error
POLIB_LEAVES_ESCAPES = {"tests/po/format/escapes.po"}  # polib does not decode \x41 or \101
POLIB_DROPS_OBSOLETE_PREVIOUS = {"tests/po/format/obsolete.po"}  # polib loses "#~| msgid" of obsolete entries
_NUMERIC_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]|[0-7])")


@pytest.mark.parametrize("path", VALID, ids=lambda p: str(p.relative_to(ROOT)))
def test_polib_reads_the_same_entries(path: Path) -> None:
    name = path.relative_to(ROOT).as_posix()
    catalog = read_po(path)
    if name in POLIB_REJECTS:
        with pytest.raises(OSError, match=f"line {POLIB_REJECTS[name]}"):
            polib.pofile(str(path))
        return
    other = polib.pofile(str(path), wrapwidth=79)
    header = catalog.header
    mine = [ours(m) for m in catalog.messages if not m.obsolete and m is not header]
    mine_obsolete = [ours(m) for m in catalog.messages if m.obsolete]
    active = [theirs(e) for e in other if not e.obsolete]
    obsolete = [theirs(e) for e in other.obsolete_entries()]
    if name in POLIB_LEAVES_ESCAPES:
        undecoded = [i for i, e in enumerate(active) if any(_NUMERIC_ESCAPE.search(str(e[k] or "")) for k in ("msgid", "msgstr"))]
        assert undecoded, "polib learnt the escapes: drop the exception"
        mine = [m for i, m in enumerate(mine) if i not in undecoded]
        active = [e for i, e in enumerate(active) if i not in undecoded]
    if name in POLIB_DROPS_OBSOLETE_PREVIOUS:
        assert any(m["previous"] != (None, None, None) for m in mine_obsolete)
        assert all(e["previous"] == (None, None, None) for e in obsolete), "polib learnt #~|: drop the exception"
        mine_obsolete = [{**m, "previous": (None, None, None)} for m in mine_obsolete]
    assert mine == active
    assert mine_obsolete == obsolete
    if header is not None:
        assert dict(catalog.header_fields) == {k: v.strip() for k, v in other.metadata.items()}
        assert "\n".join(header.comments) == (other.header or "")
