"""XML for the exchange formats: exact escaping on the way out, a strict, safe parser on the
way in.  The only module of the package that touches lxml.

Writing is done by hand (the formats are small and the output must be byte-stable across
runs): :func:`text` and :func:`attr` escape what XML 1.0 needs escaped, including a carriage
return (a parser would turn a raw one into a line feed) and the white space of attribute
values (a parser would turn it into spaces).  A character XML 1.0 cannot hold at all (most C0
controls, U+FFFE, U+FFFF, lone surrogates) is an error naming the catalog line, never dropped.

Reading refuses a DTD (entities could expand without bound or reach for files), never
touches the network, and turns every syntax error into ``path:line:column: message``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeAlias

import lxml.etree as etree  # type: ignore[import-untyped]

from pipeline.errors import SourceError

__all__ = ["Element", "text", "attr", "xml_problem", "parse", "inner_text", "local", "line_of"]

Element: TypeAlias = Any  # lxml.etree._Element (lxml ships no type stubs)

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTR = {**_TEXT, '"': "&quot;", "\t": "&#9;", "\n": "&#10;"}
_TEXT_RE = re.compile("[&<>\r]")
_ATTR_RE = re.compile('[&<>\r"\t\n]')


def xml_problem(value: str) -> str | None:
    """Why ``value`` cannot be written in XML 1.0, or None."""
    m = _INVALID.search(value)
    if m is None:
        return None
    return f"U+{ord(m.group(0)):04X} cannot be written in XML 1.0"


def text(value: str) -> str:
    """``value`` escaped as element content (check it with :func:`xml_problem` first)."""
    return _TEXT_RE.sub(lambda m: _TEXT[m.group(0)], value)


def attr(value: str) -> str:
    """``value`` escaped as a double-quoted attribute value."""
    return _ATTR_RE.sub(lambda m: _ATTR[m.group(0)], value)


def parse(data: bytes, path: str | Path) -> Element:
    """The root element of ``data``; any syntax error, or a DTD, raises SourceError with the line."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, None)
        message = re.sub(r", line \d+, column \d+$", "", exc.msg or str(exc))
        raise SourceError(path, line or None, f"not well-formed XML: {message}", column=column) from None
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None or tree.docinfo.externalDTD is not None or _has_entity(root):
        raise SourceError(path, 1, "a DTD or entity declaration is not accepted in an exchange file")
    return root


def _has_entity(root: Element) -> bool:
    return any(isinstance(e, etree._Entity) for e in root.iter())


def local(element: Element) -> str:
    """The element's name without its namespace ('' for a comment or processing instruction)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def line_of(element: Element) -> int:
    return int(element.sourceline or 0)


def inner_text(element: Element, allowed: frozenset[str]) -> tuple[str, str | None]:
    """The text content of ``element``; inline children named in ``allowed`` give their text,
    comments and processing instructions none.  Returns (text, the first other child's name)."""
    parts: list[str] = []
    other: list[str] = []

    def walk(node: Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            name = local(child)
            if name in allowed:
                walk(child)
            elif name:
                other.append(name)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts), (other[0] if other else None)
