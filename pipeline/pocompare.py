"""No churn: whether two catalogs hold the same entries, and the bytes ``update`` leaves.

A translator's tool (Poedit, Lokalize, polib, Babel, a CRLF editor) saves a catalog in its
own layout: other wrapping, flag order, header order, line ends.  ``update`` must not
rewrite such a file when the merge changes none of its entries, or every cycle produces a
diff of reformatting.  "The same entries" means: what our writer would write reads back
the same, compared field by field (:func:`canonical_message`), never the bytes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from pipeline.errors import CatalogError
from pipeline.pofile import BOM, Catalog, FileStamp, Message, encode_po, flag_rank, parse_po


def _charset_lower(value: str) -> str:
    # gettext looks charset names up case-insensitively (po_charset_canonicalize), so Babel's
    # "charset=utf-8" and msgcat's "charset=UTF-8" name the same catalog.
    return re.sub(r"(charset=)([^\s;]+)", lambda m: m.group(1) + m.group(2).lower(), value, flags=re.IGNORECASE)


def _header_key(msgstr: str) -> str:
    """The header's fields as gettext reads them: field order and charset case do not count."""
    fields: list[str] = []
    for line in msgstr.split("\n"):
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        if colon:
            value = value.strip()
            if key.strip().lower() == "content-type":
                value = _charset_lower(value)
            fields.append(f"{key.strip()}: {value}")
        else:
            fields.append(line)
    return "\n".join(sorted(fields))


def canonical_message(m: Message) -> Message:
    """``m`` as compared by :func:`same_entries`: what our writer writes of it, read back.

    Flags are a set in canonical order (``wrap`` is the default and never written,
    ``possible-X-format`` is written ``X-format``, ``fuzzy`` only on an entry with a
    translation; an obsolete entry keeps only ``fuzzy``), a multi-line translator comment is
    one comment per line, the extracted comments are one text with its whitespace collapsed,
    the header's fields are sorted (:func:`_header_key`), a plural entry has no ``msgstr``
    and at least one ``msgstr[N]``.
    """
    if m.obsolete:
        flags: tuple[str, ...] = ("fuzzy",) if m.fuzzy else ()
    else:
        # gettext writes "possible-X-format" as "X-format"
        shown = {f.removeprefix("possible-") if f.endswith("-format") else f for f in m.flags if f not in ("fuzzy", "wrap")}
        flags = tuple(sorted(shown, key=lambda f: (flag_rank(f), f)))
        if m.fuzzy and m.strings and m.strings[0]:
            flags = ("fuzzy",) + flags
    comments = tuple(part for c in m.comments for part in c.split("\n"))
    # Extracted comments are the template's notes to translators: polib and Babel re-wrap a
    # long one into several "#." lines, which is layout (the merge takes them from the
    # template anyway).  Translator comments are compared line by line: a "# check: ignore"
    # silencer is one line.
    extracted = (" ".join(" ".join(m.extracted).split()),) if m.extracted else ()
    plural = m.msgid_plural is not None
    msgstr = _header_key(m.msgstr) if m.is_header else ("" if plural else m.msgstr)
    return replace(
        m,
        msgstr=msgstr,
        msgstr_plural=(m.msgstr_plural or ("",)) if plural else (),
        comments=comments,
        extracted=extracted,
        flags=flags,
        line=0,
    )


def canonical_messages(catalog: Catalog) -> tuple[Message, ...]:
    """The entries as the writer orders them (active, then obsolete ones that hold a
    translation), each in :func:`canonical_message` form."""
    active = [canonical_message(m) for m in catalog.messages if not m.obsolete]
    obsolete = [canonical_message(m) for m in catalog.messages if m.obsolete and m.strings and m.strings[0]]
    return tuple(active + obsolete)


def same_entries(a: Catalog, b: Catalog) -> bool:
    """Whether ``a`` and ``b`` hold the same entries for a translator and for the merge.

    Compares msgctxt, msgid, msgid_plural, every msgstr, flags, previous msgids, translator
    and extracted comments, references, obsolete entries and their order, and the header
    fields (in any order; the charset name case-insensitively, as gettext does); never the
    layout (wrapping, flag order, line ends, a BOM).
    """
    return canonical_messages(a) == canonical_messages(b)


def _line_end(data: bytes) -> bytes:
    """The line end of ``data``'s first line (LF when it has none)."""
    end = data.find(b"\n")
    return b"\r\n" if end > 0 and data[end - 1 : end] == b"\r" else b"\n"


def encode_update(path: Path, catalog: Catalog) -> bytes:
    """The bytes ``update`` should leave at ``path`` for ``catalog``: no churn.

    When the file on disk holds the same entries (:func:`same_entries`), its own bytes, so
    nothing is written and the translator's tool keeps its layout.  Otherwise
    :func:`encode_po` (msgcat's layout) with the file's line ends (a CRLF file stays CRLF)
    and its BOM, if it had one.  A missing file, or one that changed since ``catalog`` was
    read (``write_po`` then refuses), gets plain :func:`encode_po`.
    """
    data = encode_po(catalog)
    try:
        old = Path(path).read_bytes()
    except FileNotFoundError:
        return data
    except OSError as exc:
        raise CatalogError(path, None, f"cannot read: {exc.strerror}") from None
    if catalog.stamp is not None and FileStamp.of(old) != catalog.stamp:
        return data
    if old == data:
        return old
    try:
        before = parse_po(old, path)
    except CatalogError:
        return data  # unreadable now: write_po's stamp check decides
    if same_entries(before, catalog):
        return old
    if _line_end(old) == b"\r\n" and "\n".encode(catalog.charset) == b"\n":
        data = data.replace(b"\n", b"\r\n")  # no raw CR or LF inside strings: they are escaped
    if old.startswith(BOM) and not data.startswith(BOM):
        data = BOM + data
    return data
