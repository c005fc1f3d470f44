"""Other tools' saves of a PO file, for the no-churn tests and ``bench/churn_bench.py``.

Each ``save_*`` re-saves a catalog in place the way that tool does when a translator opens
it and saves it without changing a translation: same entries, the tool's own layout.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.pofile import Message, read_po


def save_polib(path: Path) -> None:
    """``polib.pofile(path).save()`` (wraps at 78 columns, its own flag and header order)."""
    import polib  # type: ignore[import-untyped]

    polib.pofile(str(path), wrapwidth=78).save()


def save_babel(path: Path) -> None:
    """Babel's ``read_po`` + ``write_po`` as ``pybabel update --previous`` writes (76 columns,
    ``charset=utf-8``, ``Generated-By``, sorted flags)."""
    from babel.messages.pofile import read_po as babel_read, write_po as babel_write

    with open(path, "rb") as fh:
        catalog = babel_read(fh, abort_invalid=True)
    with open(path, "wb") as fh:
        babel_write(fh, catalog, include_previous=True, width=76)


def save_translate_toolkit(path: Path) -> None:
    """translate-toolkit's ``po.pofile`` parsed and saved (what ``pot2po``/Pootle/Virtaal do)."""
    from translate.storage import po

    store = po.pofile.parsefile(str(path))  # type: ignore[no-untyped-call]
    path.write_bytes(bytes(store))


def save_msgcat(path: Path) -> None:
    """GNU ``msgcat -o FILE FILE``."""
    subprocess.run(["msgcat", "-o", str(path), str(path)], check=True, capture_output=True)


def save_crlf(path: Path) -> None:
    """An editor on Windows that saves with CRLF line ends (Notepad, a misconfigured IDE)."""
    data = path.read_bytes().replace(b"\r\n", b"\n")
    path.write_bytes(data.replace(b"\n", b"\r\n"))


# --------------------------------------------------------------------------- Lokalize
#
# Lokalize (KDE) keeps each entry's comment block and the obsolete entries as it read them and
# writes msgctxt/msgid/msgstr with its own "lazy wrapping" (GettextExportPlugin::writeKeyword,
# default width 80): the escaped text is cut after each \n and then at the last space, & or %
# before column 78, the space going to the START of the next line; a string that does not fit
# on the keyword's line starts with "".  Its header update moves Plural-Forms last (the real
# program also stamps PO-Revision-Date, Last-Translator and X-Generator, which is a content
# change and not emulated here).

_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"}


def _lokalize_keyword(keyword: str, text: str, width: int = 80) -> list[str]:
    if not text:
        return [f'{keyword} ""']
    escaped = "".join(_ESC.get(ch, ch) for ch in text).replace("\\n", "\\n\n")
    pieces = [p for p in escaped.split("\n") if p]
    limit = width - 2
    out: list[str] = []
    prepended = False
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        if len(pieces) == 1 and len(keyword) + 1 + len(piece) >= limit and not prepended:
            prepended = True
            out.append("")
        if len(piece) > limit:
            cut = max(piece.rfind(c, 0, limit) for c in " &%")
            if cut <= limit // 2:
                cut = limit
                while cut > 2 and piece[cut - 1] == "\\":
                    cut -= 1
            pieces[i : i + 1] = [piece[:cut], piece[cut:]]
        out.append(pieces[i])
        i += 1
    if not prepended and len(out) > 1:
        out.insert(0, "")
    return [f'{keyword} "{out[0]}"'] + [f'"{line}"' for line in out[1:]]


def save_lokalize(path: Path) -> None:
    """A Lokalize-style save: entries rewrapped as Lokalize does, comments and obsolete
    entries kept as read, Plural-Forms moved to the end of the header."""
    data = path.read_bytes()
    crlf = b"\r\n" in data
    text = data.decode("utf-8").replace("\r\n", "\n")
    catalog = read_po(path)
    blocks = text.rstrip("\n").split("\n\n")
    out: list[str] = []
    active = [m for m in catalog.messages if not m.obsolete]
    kept_obsolete = [b for b in blocks if all(line.startswith("#") for line in b.split("\n")) and "#~ msgid" in b]
    for m in active:
        lines = [line for line in _comment_block(m)]
        msgstr = m.msgstr
        if m.is_header:
            fields = [f for f in msgstr.split("\n") if f]
            plural = [f for f in fields if f.startswith("Plural-Forms:")]
            msgstr = "".join(f + "\n" for f in [f for f in fields if f not in plural] + plural)
            lines.append('msgid ""')
            lines += _lokalize_keyword("msgstr", msgstr)
            out.append("\n".join(lines))
            continue
        if m.msgctxt is not None:
            lines += _lokalize_keyword("msgctxt", m.msgctxt)
        lines += _lokalize_keyword("msgid", m.msgid)
        if m.msgid_plural is None:
            lines += _lokalize_keyword("msgstr", msgstr)
        else:
            lines += _lokalize_keyword("msgid_plural", m.msgid_plural)
            for n, s in enumerate(m.msgstr_plural):
                lines += _lokalize_keyword(f"msgstr[{n}]", s)
        out.append("\n".join(lines))
    result = "\n\n".join(out + kept_obsolete) + "\n"
    path.write_bytes(result.replace("\n", "\r\n").encode("utf-8") if crlf else result.encode("utf-8"))


def _comment_block(m: Message) -> list[str]:
    from pipeline.powrap import wrap, wrap_references

    lines = [f"# {c}" if c else "#" for c in m.comments]
    lines += [f"#. {e}" if e else "#." for e in m.extracted]
    lines += wrap_references(m.references) if m.references else []
    if m.flags:
        lines.append("#, " + ", ".join(m.flags))
    for kw, value in (("msgctxt", m.previous_msgctxt), ("msgid", m.previous_msgid), ("msgid_plural", m.previous_msgid_plural)):
        if value is not None:
            lines += wrap(kw, value, "#| ")
    return lines


TOOLS: dict[str, Callable[[Path], None]] = {
    "polib": save_polib,
    "Babel": save_babel,
    "Lokalize-style": save_lokalize,
    "CRLF editor": save_crlf,
    "translate-toolkit": save_translate_toolkit,
    "msgcat": save_msgcat,
}


def available(name: str) -> bool:
    """Whether the tool can run here (msgcat needs GNU gettext)."""
    return name != "msgcat" or shutil.which("msgcat") is not None


# --------------------------------------------------------------------------- polib as a reader
#
# polib is the independent second reader of tests/test_polib_differential.py and of the
# shipped-content check.  Where polib itself is wrong (GNU msgcat reads the file as we do; the
# golden tests of tests/po/format show it), the difference is named and allowed, and only there:
#   - a comment "#text" without a space after "#": polib calls it a syntax error;
#   - \xHH and \OOO escapes: polib leaves them undecoded in the string;
#   - "#~| msgid" of an obsolete entry: polib drops it.

POLIB_LIMITS = ("comment-without-space", "numeric-escapes", "obsolete-previous")
_NUMERIC_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]+|[0-7]{1,3})")


def _decode_numeric(text: str) -> str:
    return _NUMERIC_ESCAPE.sub(lambda m: chr(int(m.group(1)[1:], 16) if m.group(1)[0] == "x" else int(m.group(1), 8)), text)


def _our_view(m: Message) -> dict[str, object]:
    plural = m.msgid_plural is not None
    return {
        "msgctxt": m.msgctxt, "msgid": m.msgid, "msgid_plural": m.msgid_plural,
        "msgstr": "" if plural else m.msgstr, "msgstr_plural": list(m.msgstr_plural) if plural else [],
        "flags": sorted(m.flags), "previous": (m.previous_msgctxt, m.previous_msgid, m.previous_msgid_plural),
        "comments": "\n".join(m.comments), "extracted": "\n".join(m.extracted),
        "references": list(m.references), "obsolete": m.obsolete,
    }


def _polib_view(e: Any, limits: set[str]) -> dict[str, object]:
    plural = bool(e.msgid_plural)
    view: dict[str, object] = {
        "msgctxt": e.msgctxt, "msgid": e.msgid, "msgid_plural": e.msgid_plural if plural else None,
        "msgstr": e.msgstr, "msgstr_plural": [e.msgstr_plural[k] for k in sorted(e.msgstr_plural)] if plural else [],
        "flags": sorted(dict.fromkeys(e.flags)), "previous": (e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural),
        "comments": e.tcomment or "", "extracted": e.comment or "",
        "references": [f"{f}:{n}" if n else f for f, n in e.occurrences], "obsolete": bool(e.obsolete),
    }
    for key in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
        value = view[key]
        if isinstance(value, str) and _NUMERIC_ESCAPE.search(value):
            view[key] = _decode_numeric(value)
            limits.add("numeric-escapes")
    plurals = view["msgstr_plural"]
    assert isinstance(plurals, list)
    if any(_NUMERIC_ESCAPE.search(s) for s in plurals):
        view["msgstr_plural"] = [_decode_numeric(s) for s in plurals]
        limits.add("numeric-escapes")
    return view


def compare_with_polib(path: Path) -> set[str]:
    """Assert that polib reads ``path`` as our reader does (entries in order, obsolete ones,
    the header's fields and comment); return which of :data:`POLIB_LIMITS` it ran into."""
    import polib

    limits: set[str] = set()
    catalog = read_po(path)
    try:
        other = polib.pofile(str(path), wrapwidth=79)
    except OSError as exc:
        m = re.search(r"\(line (\d+)\)", str(exc))
        assert m, exc
        line = path.read_text(encoding="utf-8").split("\n")[int(m.group(1)) - 1]
        assert re.match(r"#[^ ~.:,|]", line), f"polib rejects {path}: {exc}"
        return {"comment-without-space"}
    header = catalog.header
    active = [_our_view(m) for m in catalog.messages if not m.obsolete and m is not header]
    obsolete = [_our_view(m) for m in catalog.messages if m.obsolete]
    assert active == [_polib_view(e, limits) for e in other if not e.obsolete], path
    theirs = [_polib_view(e, limits) for e in other.obsolete_entries()]
    for mine, them in zip(obsolete, theirs):
        if them["previous"] == (None, None, None) and mine["previous"] != them["previous"]:
            mine["previous"] = them["previous"]
            limits.add("obsolete-previous")
    assert obsolete == theirs, path
    if header is not None:
        assert dict(catalog.header_fields) == {k: v.strip() for k, v in other.metadata.items()}, path
        assert "\n".join(header.comments) == (other.header or ""), path
    return limits
