"""XLIFF 1.2: what memoQ, Trados, OmegaT, Poedit and Weblate read and write.

One ``<file>`` per catalog (``original`` = the ``.po`` path, ``source-language``,
``target-language``, ``datatype="po"``).  One ``<trans-unit>`` per active entry, with the
stable id :func:`~pipeline.exchange.apply.unit_id` (a hash of msgctxt and msgid), and the
conventions of translate-toolkit's ``po2xliff`` where it has them, so that its readers (and
Weblate, built on them) see the same entry:

* translated: ``approved="yes"``, ``<target state="translated">``; fuzzy: ``approved="no"``,
  ``state="needs-review-translation"``; untranslated: ``approved="no"``, an empty target with
  ``state="needs-translation"``;
* references as ``<context-group name="po-reference" purpose="location">`` (sourcefile,
  linenumber); extracted comments as ``<note from="developer">`` and translator comments as
  ``<note from="po-translator">``, each also as a ``po-entry`` context; msgctxt as a
  ``po-entry`` context ``x-po-msgctxt`` and as ``resname``; flags as ``x-po-flags``;
* the ``#|`` previous msgid of a fuzzy entry as ``<alt-trans origin="previous">`` (its source
  is the old English) and as ``<note from="po-previous">``;
* a plural entry as ``<group restype="x-gettext-plurals">`` with one trans-unit per form
  (ids ``<id>[0]``, ``<id>[1]``, …; form 0's source is msgid, the others' msgid_plural);
* ``extradata="base:<digest>"`` (the attribute XLIFF keeps for the tool that wrote the file)
  records a digest of the translation as exported, so an import can tell that the catalog
  was edited meanwhile.

Obsolete entries and the header are not exported.  Reading accepts XLIFF 1.1 and 1.2 and
gives :class:`~pipeline.exchange.apply.Incoming` units for :mod:`pipeline.exchange.apply`;
the text of a target is taken as it is (``<mrk>`` and ``<g>`` give their text; any other
inline element has no PO equivalent and refuses the unit).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from pipeline.errors import CatalogError, SourceError
from pipeline.exchange.apply import Incoming, Refusal, targets_digest, unit_id
from pipeline.exchange.xmlio import Element, attr, inner_text, line_of, local, parse, text, xml_problem
from pipeline.pofile import Catalog, Message

__all__ = ["NAMESPACE", "ExportDoc", "ReadResult", "SourceOf", "format_xliff", "parse_xliff", "lang_matches"]

SourceOf = Callable[[str, str], str]  # (document, language) -> the language of that catalog's msgids

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
_NAMESPACES = (NAMESPACE, "urn:oasis:names:tc:xliff:document:1.1")
_BASE = "base:"  # extradata="base:<digest of the exported translation>"
PLURALS = "x-gettext-plurals"
_INLINE_TEXT = frozenset({"mrk", "g"})  # inline elements whose text is the text
_OUR_NOTES = frozenset({"developer", "po-translator", "po-previous"})
# XLIFF 1.2 target states: which say the target needs work (fuzzy) and which that it is done.
# "new" and "needs-translation" (what an untranslated unit is exported with) say nothing about
# a target someone has since written: the catalog's state stays (a new translation is final,
# as when it is typed in Poedit).
_FUZZY_STATES = frozenset({"needs-adaptation", "needs-l10n", "needs-review-translation", "needs-review-adaptation",
                           "needs-review-l10n"})
_SILENT_STATES = frozenset({"new", "needs-translation"})
_FINAL_STATES = frozenset({"translated", "signed-off", "final"})


@dataclass(frozen=True)
class ExportDoc:
    """One catalog to export: ``original`` is its path as the file names it; ``source`` is
    the language of its msgids (its document's source language; empty: the project's)."""

    catalog: Catalog
    original: str
    doc: str
    lang: str
    source: str = ""


@dataclass(frozen=True)
class ReadResult:
    """The units read from an exchange file, and those refused while reading."""

    units: tuple[Incoming, ...]
    refused: tuple[Refusal, ...]


# --------------------------------------------------------------------------- writing


class _Writer:
    def __init__(self, doc: ExportDoc) -> None:
        self.doc = doc
        self.lines: list[str] = []

    def check(self, m: Message, *values: str | None) -> None:
        for value in values:
            if value is not None and (problem := xml_problem(value)):
                raise CatalogError(self.doc.catalog.path or self.doc.original, m.line or None, f"{problem}: not exported")

    def add(self, indent: int, line: str) -> None:
        self.lines.append("  " * indent + line)

    def context(self, indent: int, name: str, purpose: str, contexts: Sequence[tuple[str, str]]) -> None:
        inner = "".join(f'<context context-type="{attr(kind)}">{text(value)}</context>' for kind, value in contexts)
        self.add(indent, f'<context-group name="{name}" purpose="{purpose}">{inner}</context-group>')

    def notes(self, m: Message, indent: int) -> None:
        """References, msgctxt, comments and flags: on the trans-unit, or on a plural's group
        (context groups before notes, the order a <group> requires)."""
        contexts: list[tuple[str, str, list[tuple[str, str]]]] = []
        notes: list[tuple[str, str]] = []
        if m.msgctxt is not None:
            contexts.append(("po-entry", "information", [("x-po-msgctxt", m.msgctxt)]))
        for ref in m.references:
            head, _, tail = ref.rpartition(":")
            location = [("sourcefile", head), ("linenumber", tail)] if head and tail.isdigit() else [("sourcefile", ref)]
            contexts.append(("po-reference", "location", location))
        if m.extracted:
            contexts.append(("po-entry", "information", [("x-po-autocomment", "\n".join(m.extracted))]))
            notes.append(("developer", "\n".join(m.extracted)))
        if m.comments:
            contexts.append(("po-entry", "information", [("x-po-trancomment", "\n".join(m.comments))]))
            notes.append(("po-translator", "\n".join(m.comments)))
        flags = [f for f in m.flags if f != "fuzzy"]
        if flags:
            contexts.append(("po-entry", "information", [("x-po-flags", ", ".join(flags))]))
        if m.fuzzy and m.previous_msgid is not None:
            previous = m.previous_msgid + ("" if m.previous_msgid_plural is None else f"\n{m.previous_msgid_plural}")
            notes.append(("po-previous", previous))
        for name, purpose, pairs in contexts:
            self.context(indent, name, purpose, pairs)
        for origin, value in notes:
            self.add(indent, f'<note from="{origin}">{text(value)}</note>')

    def unit(self, m: Message, uid: str, source: str, target: str, previous: str | None, indent: int,
             extra: str = "", base: bool = True) -> None:
        if m.translated:
            approved, state = "yes", "translated"
        elif m.fuzzy and m.has_translation:
            approved, state = "no", "needs-review-translation"
        else:
            approved, state = "no", "needs-translation"
        base_attr = f' extradata="{_BASE}{targets_digest(m.strings)}"' if base else ""
        self.add(indent, f'<trans-unit id="{attr(uid)}"{extra} xml:space="preserve" approved="{approved}"{base_attr}>')
        self.add(indent + 1, f"<source>{text(source)}</source>")
        self.add(indent + 1, f'<target state="{state}">{text(target)}</target>')
        if previous is not None:
            ctx = ""
            if m.previous_msgctxt is not None:
                ctx = ('<context-group name="po-entry" purpose="information"><context context-type="x-po-msgctxt">'
                       f"{text(m.previous_msgctxt)}</context></context-group>")
            self.add(indent + 1, f'<alt-trans origin="previous" xml:space="preserve"><source>{text(previous)}</source>'
                                 f"<target>{text(target)}</target>{ctx}</alt-trans>")

    def entry(self, m: Message, uid: str) -> None:
        self.check(m, m.msgctxt, m.msgid, m.msgid_plural, *m.strings, *m.comments, *m.extracted, *m.references,
                   m.previous_msgctxt, m.previous_msgid, m.previous_msgid_plural, *m.flags)
        resname = f' resname="{attr(m.msgctxt)}"' if m.msgctxt is not None else ""
        show_previous = m.fuzzy and m.previous_msgid is not None
        if m.msgid_plural is None:
            self.unit(m, uid, m.msgid, m.msgstr, m.previous_msgid if show_previous else None, 3, resname)
            self.notes(m, 4)
            self.add(3, "</trans-unit>")
            return
        # approved on the group too: translate-toolkit (and Weblate) read a plural's state there
        approved = "yes" if m.translated else "no"
        self.add(3, f'<group id="{attr(uid)}"{resname} restype="{PLURALS}" xml:space="preserve" approved="{approved}" '
                    f'extradata="{_BASE}{targets_digest(m.strings)}">')
        self.notes(m, 4)
        for i, form in enumerate(m.msgstr_plural):
            source = m.msgid if i == 0 else m.msgid_plural
            previous = (m.previous_msgid if i == 0 else m.previous_msgid_plural or m.previous_msgid) if show_previous else None
            self.unit(m, f"{uid}[{i}]", source, form, previous, 4, base=False)
            self.add(4, "</trans-unit>")
        self.add(3, "</group>")

    def file(self, source_language: str, todo: bool) -> list[str]:
        d = self.doc
        self.add(1, f'<file original="{attr(d.original)}" source-language="{attr(d.source or source_language)}" '
                    f'target-language="{attr(d.lang)}" datatype="po">')
        self.add(2, '<header><tool tool-id="pipeline" tool-name="pipeline"/></header>')
        self.add(2, "<body>")
        seen: dict[str, Message] = {}
        for m in d.catalog.entries:
            if todo and m.translated:
                continue
            uid = unit_id(m.msgctxt, m.msgid)
            if uid in seen:  # 48 bits of hash: never seen, but never silently merged either
                raise CatalogError(d.catalog.path or d.original, m.line or None,
                                   f"entry shares its exchange id {uid} with line {seen[uid].line}")
            seen[uid] = m
            self.entry(m, uid)
        self.add(2, "</body>")
        self.add(1, "</file>")
        return self.lines


def format_xliff(docs: Sequence[ExportDoc], source_language: str, *, todo: bool = False) -> str:
    """An XLIFF 1.2 document with one ``<file>`` per catalog, each with its document's source
    language (``source_language``, the project's, for a catalog that names none); with
    ``todo``, only the entries still to do (untranslated or fuzzy).  The same catalogs give
    the same bytes every time."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<xliff version="1.2" xmlns="{NAMESPACE}">']
    for doc in docs:
        lines += _Writer(doc).file(source_language, todo)
    lines.append("</xliff>")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- reading


def _norm_lang(code: str) -> str:
    return code.strip().replace("_", "-").lower()


def lang_matches(declared: str, lang: str) -> bool:
    """Whether a file's language code names ``lang`` (``be``, ``be-BY``, ``be_BY`` name ``be``)."""
    a, b = _norm_lang(declared), _norm_lang(lang)
    return a == b or a.startswith(b + "-")


class _Reader:
    def __init__(self, path: str, source_language: str, source_of: SourceOf | None) -> None:
        self.path = path
        self.source_language = source_language
        self.source_of = source_of
        self.units: list[Incoming] = []
        self.refused: list[Refusal] = []

    def where(self, element: Element) -> str:
        return f"{self.path}:{line_of(element)}"

    def error(self, element: Element, message: str) -> SourceError:
        return SourceError(self.path, line_of(element) or None, message)

    def file(self, element: Element) -> None:
        original = (element.get("original") or "").replace("\\", "/")
        if not original:
            raise self.error(element, "<file> has no original attribute (the catalog it came from)")
        parts = PurePosixPath(original).parts
        target = element.get("target-language") or ""
        lang = parts[-3] if len(parts) >= 3 and parts[-2] == "LC_MESSAGES" else _norm_lang(target)
        if not lang:
            raise self.error(element, "<file> has no target-language")
        if target and not lang_matches(target, lang):
            raise self.error(element, f"target-language {target!r} does not match the catalog {original!r}")
        doc = PurePosixPath(original).stem
        source = element.get("source-language") or ""
        expected = self.source_of(doc, lang) if self.source_of is not None else self.source_language
        # The project's source language is taken too: what every <file> said before documents
        # had languages of their own (the units' sources are matched against the msgids anyway).
        if not (lang_matches(source, expected) or lang_matches(source, self.source_language)):
            whose = (f"is not the project's source language {expected!r}" if expected == self.source_language
                     else f"is neither {expected!r}, the source language of document {doc!r}, nor the project's "
                          f"{self.source_language!r}")
            raise self.error(element, f"source-language {source!r} {whose}")
        bodies = [child for child in element if local(child) == "body"]
        if len(bodies) != 1:
            raise self.error(element, "<file> needs exactly one <body>")
        for node in self.walk(bodies[0]):
            if local(node) == "group":
                self.plural(node, doc, lang)
            else:
                self.singular(node, doc, lang)

    def walk(self, element: Element) -> Iterator[Element]:
        """Trans-units and plural groups, through any other groups."""
        for child in element:
            name = local(child)
            if name == "trans-unit":
                yield child
            elif name == "group":
                if child.get("restype") == PLURALS:
                    yield child
                else:
                    yield from self.walk(child)

    def children(self, element: Element, name: str) -> list[Element]:
        return [child for child in element if local(child) == name]

    def msgctxt(self, element: Element) -> str | None:
        for group in self.children(element, "context-group"):
            for context in self.children(group, "context"):
                if context.get("context-type") == "x-po-msgctxt":
                    return inner_text(context, frozenset())[0]
        resname = element.get("resname")
        return resname if resname is not None else None

    def comment(self, element: Element) -> str | None:
        """Notes the file gained (a reviewer's or a CAT tool's), not the ones we exported."""
        added = [inner_text(n, _INLINE_TEXT)[0].strip() for n in self.children(element, "note") if n.get("from") not in _OUR_NOTES]
        added = [n for n in added if n]
        return "\n".join(added) if added else None

    def form(self, unit: Element) -> tuple[str, str | None, bool | None, str | None]:
        """(source, target or None, fuzzy, problem) of one trans-unit."""
        sources = self.children(unit, "source")
        if len(sources) != 1:
            return "", None, None, "a trans-unit needs exactly one <source>"
        source, other = inner_text(sources[0], _INLINE_TEXT)
        if other:
            return source, None, None, f"<{other}> in the source has no PO equivalent"
        targets = self.children(unit, "target")
        if len(targets) > 1:
            return source, None, None, "more than one <target>"
        if not targets:
            return source, None, None, None
        target, other = inner_text(targets[0], _INLINE_TEXT)
        if other:
            return source, None, None, f"<{other}> in the target has no PO equivalent; write it as text"
        state = targets[0].get("state")
        approved = unit.get("approved")
        fuzzy: bool | None = None
        if state in _FUZZY_STATES:
            fuzzy = True
        elif state in _FINAL_STATES:
            fuzzy = False
        elif state in _SILENT_STATES:
            fuzzy = None
        elif approved is not None:
            fuzzy = approved != "yes"
        return source, target, fuzzy, None

    def singular(self, unit: Element, doc: str, lang: str) -> None:
        if unit.get("translate") == "no" or unit.get("restype") == "x-gettext-domain-header":
            return  # po2xliff exports the header as a unit; a header is never imported
        source, target, fuzzy, problem = self.form(unit)
        if problem:
            self.refused.append(Refusal(self.where(unit), problem))
            return
        self.units.append(Incoming(
            doc=doc, lang=lang, msgid=source, targets=("" if target is None else target,), msgctxt=self.msgctxt(unit),
            unit_id=unit.get("id") or "", fuzzy=fuzzy if target else None, comment=self.comment(unit),
            base_digest=_base(unit), origin=self.where(unit),
        ))

    def plural(self, group: Element, doc: str, lang: str) -> None:
        forms = [self.form(u) for u in self.walk(group) if local(u) == "trans-unit"]
        problems = [p for *_, p in forms if p]
        if not forms or problems:
            self.refused.append(Refusal(self.where(group), problems[0] if problems else "a plural group without trans-units"))
            return
        sources = [f[0] for f in forms]
        if len(sources) > 1 and len(set(sources[1:])) != 1:
            self.refused.append(Refusal(self.where(group), "the plural forms' sources disagree"))
            return
        targets = tuple("" if f[1] is None else f[1] for f in forms)
        states = {f[2] for f in forms if f[1]}
        fuzzy = True if True in states else (False if states == {False} else None)
        gid = group.get("id") or ""
        self.units.append(Incoming(
            doc=doc, lang=lang, msgid=sources[0], msgid_plural=sources[1] if len(sources) > 1 else None, targets=targets,
            msgctxt=self.msgctxt(group), unit_id=gid, fuzzy=fuzzy, comment=self.comment(group),
            base_digest=_base(group), origin=self.where(group),
        ))


def _base(element: Element) -> str:
    extradata = element.get("extradata") or ""
    return extradata[len(_BASE):] if extradata.startswith(_BASE) else ""


def parse_xliff(data: bytes, path: str, source_language: str, source_of: SourceOf | None = None) -> ReadResult:
    """The units of an XLIFF 1.1/1.2 file; a malformed or foreign file raises SourceError
    (``path:line``) and gives nothing.  Each ``<file>``'s source-language must be
    ``source_of(<its document>, <its language>)`` or the project's ``source_language`` (what
    a file exported before documents had their own source language says)."""
    root = parse(data, path)
    if local(root) != "xliff" or not isinstance(root.tag, str) or not root.tag.startswith("{") \
            or root.tag[1:].partition("}")[0] not in _NAMESPACES:
        raise SourceError(path, line_of(root) or None, "not an XLIFF 1.2 file (the root is not <xliff> in the XLIFF namespace)")
    version = root.get("version") or ""
    if not re.fullmatch(r"1\.[12]", version):
        raise SourceError(path, line_of(root) or None, f"XLIFF version {version!r}: only 1.1 and 1.2 are read")
    reader = _Reader(path, source_language, source_of)
    files = [child for child in root if local(child) == "file"]
    if not files:
        raise SourceError(path, line_of(root) or None, "no <file> in this XLIFF")
    for element in files:
        reader.file(element)
    return ReadResult(tuple(reader.units), tuple(reader.refused))
