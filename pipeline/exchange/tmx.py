"""TMX 1.4: the translation memory of a language, for a CAT tool to pre-translate from.

Every translated, non-fuzzy entry of the language's catalogs becomes a ``<tu>`` with the
source and target ``<tuv>``; a plural entry gives one ``<tu>`` per form (form 0 pairs with
msgid, the others with msgid_plural, as translate-toolkit's ``po2tmx`` pairs them).  msgctxt is ``<prop type="x-context">`` (what
translate-toolkit reads as the context), and the documents a pair comes from are
``<prop type="x-document">``.  A pair found in several documents is written once.  The file
holds no date, so the same catalogs give the same bytes.

The source of a pair is its document's source language: when every pair has the same one,
the header's ``srclang`` names it; a memory whose pairs come from documents written in
different languages (the German catalogs of an English and of a Belarusian article) has
``srclang="*all*"`` in the header and each ``<tu>`` its own ``srclang`` (TMX 1.4 allows both;
translate-toolkit reads the ``<tu>``'s).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline import __version__
from pipeline.errors import CatalogError, SourceError
from pipeline.exchange.xliff import ExportDoc, lang_matches
from pipeline.exchange.xmlio import attr, inner_text, line_of, local, parse, text, xml_problem

__all__ = ["MemoryEntry", "format_tmx", "parse_tmx"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class MemoryEntry:
    """One source/target pair of a translation memory, with where it is written."""

    source: str
    target: str
    context: str | None = None
    documents: tuple[str, ...] = ()
    origin: str = ""
    srclang: str = ""  # the language of ``source``


def _tuid(context: str | None, source: str, target: str) -> str:
    key = f"{context or ''}\x04{source}\x00{target}"
    return "t" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def memory_entries(docs: Sequence[ExportDoc], source_language: str = "") -> tuple[MemoryEntry, ...]:
    """The distinct pairs of ``docs``' translated, non-fuzzy entries, first seen first; each
    pair's ``srclang`` is its document's source (``source_language`` where a doc names none)."""
    pairs: dict[tuple[str, str | None, str, str], list[str]] = {}
    for d in docs:
        srclang = d.source or source_language
        for m in d.catalog.entries:
            if not m.translated:
                continue
            sources = (m.msgid,) if m.msgid_plural is None else (m.msgid,) + (m.msgid_plural,) * (len(m.msgstr_plural) - 1)
            for source, target in zip(sources, m.strings):
                for value in (m.msgctxt, source, target):
                    if value is not None and (problem := xml_problem(value)):
                        raise CatalogError(d.catalog.path or d.original, m.line or None, f"{problem}: not exported")
                docs_of = pairs.setdefault((srclang, m.msgctxt, source, target), [])
                if d.doc not in docs_of:
                    docs_of.append(d.doc)
    return tuple(MemoryEntry(source, target, ctx, tuple(where), srclang=srclang)
                 for (srclang, ctx, source, target), where in pairs.items())


def format_tmx(docs: Sequence[ExportDoc], source_language: str, lang: str) -> tuple[str, int]:
    """The TMX 1.4 document of ``docs`` (all of one target language ``lang``) and its count of
    <tu>.  ``source_language`` (the project's) is the admin language, and the source of the
    pairs of a doc that names none."""
    entries = memory_entries(docs, source_language)
    sources = {e.srclang for e in entries} or {d.source or source_language for d in docs} or {source_language}
    mixed = len(sources) > 1
    header_source = "*all*" if mixed else next(iter(sources))
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f'  <header creationtool="pipeline" creationtoolversion="{attr(__version__)}" segtype="sentence" o-tmf="PO" '
        f'adminlang="{attr(source_language)}" srclang="{attr(header_source)}" datatype="plaintext"/>',
        "  <body>",
    ]
    for e in entries:
        # the tuid of a pair in the project's source language is what it always was
        key = e.source if e.srclang == source_language else f"{e.srclang}\x01{e.source}"
        srclang = f' srclang="{attr(e.srclang)}"' if mixed else ""
        lines.append(f'    <tu tuid="{_tuid(e.context, key, e.target)}"{srclang}>')
        if e.context is not None:
            lines.append(f'      <prop type="x-context">{text(e.context)}</prop>')
        lines += [f'      <prop type="x-document">{text(doc)}</prop>' for doc in e.documents]
        lines.append(f'      <tuv xml:lang="{attr(e.srclang)}"><seg>{text(e.source)}</seg></tuv>')
        lines.append(f'      <tuv xml:lang="{attr(lang)}"><seg>{text(e.target)}</seg></tuv>')
        lines.append("    </tu>")
    lines += ["  </body>", "</tmx>"]
    return "\n".join(lines) + "\n", len(entries)


def parse_tmx(data: bytes, path: str, source_language: str, lang: str) -> tuple[MemoryEntry, ...]:
    """The pairs into ``lang`` of a TMX 1.4 file, each from the source its ``<tu>`` names
    (its ``srclang``, else the header's; ``source_language`` where both say ``*all*``); a
    malformed file raises SourceError with ``path:line``.  A <tu> without both languages is
    skipped."""
    root = parse(data, path)
    if local(root) != "tmx" or root.get("version") != "1.4":
        raise SourceError(path, line_of(root) or None, "not a TMX 1.4 file (the root is not <tmx version=\"1.4\">)")
    header = next((c for c in root if local(c) == "header"), None)
    header_source = header.get("srclang") if header is not None else None
    if not header_source:
        raise SourceError(path, line_of(header if header is not None else root) or None,
                          "the header has no srclang (TMX 1.4 requires it)")
    body = next((c for c in root if local(c) == "body"), None)
    if body is None:
        raise SourceError(path, line_of(root) or None, "no <body> in this TMX")
    out: list[MemoryEntry] = []
    for tu in body:
        if local(tu) != "tu":
            continue
        srclang = tu.get("srclang") or header_source
        if srclang == "*all*":
            srclang = source_language
        if lang_matches(srclang, lang):
            continue  # a pair out of ``lang``, not into it
        segs: dict[str, str] = {}
        context: str | None = None
        documents: list[str] = []
        for child in tu:
            name = local(child)
            if name == "prop" and child.get("type") == "x-context":
                context = inner_text(child, frozenset())[0]
            elif name == "prop" and child.get("type") == "x-document":
                documents.append(inner_text(child, frozenset())[0])
            elif name == "tuv":
                code = child.get(_XML_LANG) or child.get("lang") or ""
                seg = next((c for c in child if local(c) == "seg"), None)
                if seg is not None:
                    key = "source" if lang_matches(code, srclang) else "target" if lang_matches(code, lang) else ""
                    if key and key not in segs:
                        segs[key] = inner_text(seg, frozenset({"hi", "sub"}))[0]
        if "source" in segs and "target" in segs:
            out.append(MemoryEntry(segs["source"], segs["target"], context, tuple(documents), f"{path}:{line_of(tu)}",
                                   srclang))
    return tuple(out)
