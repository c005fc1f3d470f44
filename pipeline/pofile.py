"""PO files: a strict, loss-proof reader and a writer whose bytes equal GNU ``msgcat``'s.

The reader rejects what polib silently accepts (unterminated strings, duplicates, a missing
``msgstr``, bad escapes, unknown or mismatching charsets, wrong plural counts) with
:class:`~pipeline.errors.CatalogError` naming ``path:line``.  The writer reproduces
``write-po.c``: comment order, canonical flags, ``#|`` previous strings, obsolete entries last
with ``#~``, and 79-column wrapping (see :mod:`pipeline.powrap`).  :func:`write_po` encodes
first, writes a temporary file in the same folder, ``os.replace``-s it, and refuses to
overwrite a file that changed on disk since it was read.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.errors import CatalogError, ConcurrentEditError
from pipeline.fileio import atomic_write_bytes
from pipeline.powrap import PAGE_WIDTH, wrap, wrap_references

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Message:
    """One catalog entry.  ``msgstr_plural`` is used (and ``msgstr`` is empty) iff plural."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()  # translator comments ("# ...")
    extracted: tuple[str, ...] = ()  # "#. ..."
    references: tuple[str, ...] = ()  # "#: file:line" items
    flags: tuple[str, ...] = ()  # "#, fuzzy, python-format"
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int = field(default=0, compare=False)

    @property
    def key(self) -> tuple[str | None, str]:
        """Identity of an entry within a catalog: (msgctxt, msgid)."""
        return (self.msgctxt, self.msgid)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def strings(self) -> tuple[str, ...]:
        """All msgstr forms (one for singular entries)."""
        return self.msgstr_plural if self.msgid_plural is not None else (self.msgstr,)

    @property
    def has_translation(self) -> bool:
        """Some translation text exists (fuzzy or not)."""
        return any(self.strings)

    @property
    def translated(self) -> bool:
        """Complete and not fuzzy: what may be published."""
        return all(self.strings) and bool(self.strings) and not self.fuzzy

    def with_flag(self, flag: str, on: bool = True) -> Message:
        """A copy with ``flag`` added or removed."""
        flags = tuple(f for f in self.flags if f != flag)
        return replace(self, flags=((flag,) + flags) if on else flags)


@dataclass(frozen=True)
class FileStamp:
    """What a file held when it was read, to detect edits made in the meantime."""

    size: int
    sha256: str

    @staticmethod
    def of(data: bytes) -> FileStamp:
        return FileStamp(len(data), hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class Catalog:
    """A PO/POT file: entries in file order (the header, if any, first)."""

    messages: tuple[Message, ...]
    path: str = ""
    stamp: FileStamp | None = field(default=None, compare=False)

    @property
    def header(self) -> Message | None:
        for m in self.messages:
            if m.is_header and not m.obsolete:
                return m
        return None

    @property
    def header_fields(self) -> tuple[tuple[str, str], ...]:
        header = self.header
        return parse_header(header.msgstr) if header is not None else ()

    def header_value(self, name: str) -> str | None:
        for key, value in self.header_fields:
            if key.lower() == name.lower():
                return value
        return None

    @property
    def charset(self) -> str:
        ctype = self.header_value("Content-Type") or ""
        m = re.search(r"charset=([^\s;]+)", ctype)
        if not m or m.group(1) == "CHARSET":
            return "UTF-8"
        return m.group(1)

    @property
    def nplurals(self) -> int | None:
        return nplurals_of(self.header_value("Plural-Forms") or "")

    @property
    def entries(self) -> tuple[Message, ...]:
        """Active entries without the header."""
        return tuple(m for m in self.messages if not m.obsolete and not m.is_header)

    @property
    def obsolete(self) -> tuple[Message, ...]:
        return tuple(m for m in self.messages if m.obsolete)

    def find(self, msgid: str, msgctxt: str | None = None) -> Message | None:
        """The active entry with this key."""
        for m in self.messages:
            if not m.obsolete and m.msgid == msgid and m.msgctxt == msgctxt:
                return m
        return None


def parse_header(msgstr: str) -> tuple[tuple[str, str], ...]:
    """``Key: value`` lines of a header msgstr, in order."""
    fields: list[tuple[str, str]] = []
    for line in msgstr.split("\n"):
        if ":" in line:
            key, _, value = line.partition(":")
            fields.append((key.strip(), value.strip()))
    return tuple(fields)


def nplurals_of(plural_forms: str) -> int | None:
    """The ``nplurals=N`` of a Plural-Forms value, or None if it names none."""
    m = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    return int(m.group(1)) if m else None


def format_header(fields: Iterable[tuple[str, str]]) -> str:
    return "".join(f"{k}: {v}\n" for k, v in fields)


def set_header_fields(msgstr: str, updates: Iterable[tuple[str, str]]) -> str:
    """Replace (or append) header fields, keeping the order and unknown lines."""
    pending = dict(updates)
    lines = msgstr.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out: list[str] = []
    for line in lines:
        key = line.partition(":")[0].strip()
        if ":" in line and key in pending:
            out.append(f"{key}: {pending.pop(key)}")
        else:
            out.append(line)
    out += [f"{k}: {v}" for k, v in pending.items()]
    return "".join(line + "\n" for line in out)


# --------------------------------------------------------------------------- reading

_STRING = re.compile(r'"((?:[^"\\]++|\\.)*+)"[ \t]*$')  # possessive: no backtracking
_ESCAPE = re.compile(r"\\(?:([ntrabfv\\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.|$))")
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "\\": "\\", '"': '"'}
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+(.*)$")


class _Entry:
    """A message being parsed."""

    __slots__ = ("fields", "order", "line", "comments", "extracted", "references", "flags", "previous", "obsolete", "last", "kw_line")

    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}
        self.order: list[str] = []
        self.line = 0
        self.comments: list[str] = []
        self.extracted: list[str] = []
        self.references: list[str] = []
        self.flags: list[str] = []
        self.previous: dict[str, list[str]] = {}
        self.obsolete = False
        self.last: list[str] | None = None
        self.kw_line: dict[str, int] = {}

    @property
    def has_comments(self) -> bool:
        return bool(self.comments or self.extracted or self.references or self.flags or self.previous)

    @property
    def has_msgstr(self) -> bool:
        """A msgstr or msgstr[N] was read: the next keyword or comment starts a new entry."""
        return "msgstr" in self.fields or any(k.startswith("msgstr[") for k in self.fields)


def _iter_lines(text: str) -> Iterator[str]:
    """``text.split("\n")`` one line at a time: a large catalog is not held twice."""
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:]


class _Parser:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text  # "\n" line ends
        self.messages: list[Message] = []
        self.seen: dict[tuple[bool, str | None, str], int] = {}

    def error(self, lineno: int, message: str) -> CatalogError:
        lines = self.text.split("\n")
        text = lines[lineno - 1] if 0 < lineno <= len(lines) else None
        return CatalogError(self.path, lineno, message, line_text=text)

    def string(self, lineno: int, text: str) -> str:
        text = text.rstrip(" \t")
        if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
            inner = text[1:-1]
            if "\\" not in inner and '"' not in inner:
                return inner  # the common case: no escapes
        m = _STRING.match(text)
        if m is None:
            stripped = text.rstrip()
            if not stripped.startswith('"'):
                raise self.error(lineno, "expected a quoted string")
            body = re.match(r'"((?:[^"\\]++|\\.)*+)', stripped)
            if body is None or body.end() >= len(stripped) or stripped[body.end()] != '"':
                raise self.error(lineno, "unterminated string")
            raise self.error(lineno, "unexpected text after the closing quote")
        value = m.group(1)
        if "\\" not in value:
            return value

        def unescape(e: re.Match[str]) -> str:
            if e.group(1) is not None:
                return _SIMPLE[e.group(1)]
            if e.group(2) is not None or e.group(3) is not None:
                code = int(e.group(2), 8) if e.group(2) is not None else int(e.group(3), 16)
                if code == 0:
                    raise self.error(lineno, f"{e.group(0)} is a NUL character: gettext cuts the string there; remove it")
                if code > 0x10FFFF:
                    raise self.error(lineno, f"escape sequence {e.group(0)} is out of range")
                return chr(code)
            raise self.error(lineno, f"invalid escape sequence \\{e.group(4)}")

        return _ESCAPE.sub(unescape, value)

    def parse(self) -> list[Message]:
        entry = _Entry()
        for lineno, raw in enumerate(_iter_lines(self.text), 1):
            line = raw.strip()
            if not line:
                continue
            obsolete = False
            if line.startswith("#~"):
                obsolete = True
                line = line[2:].lstrip(" \t")
                if line.startswith("|"):
                    line = "#" + line
                elif not line:
                    continue
            if line.startswith("#"):
                if entry.has_msgstr:
                    entry = self.finish(entry)
                elif entry.fields:
                    raise self.error(entry.line, "missing msgstr")
                self.comment(entry, lineno, line, obsolete)
                continue
            if line.startswith('"'):
                if entry.last is None:
                    raise self.error(lineno, "string without a keyword")
                entry.last.append(self.string(lineno, line))
                continue
            m = _KEYWORD.match(line)
            if m is None:
                raise self.error(lineno, "syntax error: expected a keyword, a string or a comment")
            kw = m.group(1)
            f = entry.fields
            has_str = entry.has_msgstr
            if kw in ("msgctxt", "msgid"):
                if has_str:
                    entry = self.finish(entry)
                elif "msgid" in f:
                    raise self.error(entry.line, "missing msgstr")
                elif kw in f:
                    raise self.error(lineno, f"duplicate {kw} in one entry")
                if not entry.fields:
                    entry.line = lineno
                    entry.obsolete = obsolete
            elif "msgid" not in f or (has_str and (kw in f or kw in ("msgstr", "msgid_plural"))):
                raise self.error(lineno, f"{kw} without msgid")
            elif kw in f:
                raise self.error(lineno, f"duplicate {kw} in one entry")
            if obsolete != entry.obsolete:
                raise self.error(lineno, "an entry mixes obsolete (#~) and active lines")
            value = [self.string(lineno, m.group(3))]
            entry.fields[kw] = value
            entry.order.append(kw)
            entry.kw_line[kw] = lineno
            entry.last = value
        if entry.fields or entry.has_comments:
            self.finish(entry)
        return self.messages

    def comment(self, entry: _Entry, lineno: int, line: str, obsolete: bool) -> None:
        kind = line[1:2]
        if kind == "|":
            rest = line[2:].strip()
            if rest.startswith('"'):
                if entry.last is None or not entry.previous:
                    raise self.error(lineno, "string without a keyword")
                entry.last.append(self.string(lineno, rest))
                return
            m = _KEYWORD.match(rest)
            if m is None or m.group(1) not in ("msgctxt", "msgid", "msgid_plural"):
                raise self.error(lineno, "syntax error in previous-string comment (#|)")
            value = [self.string(lineno, m.group(3))]
            entry.previous[m.group(1)] = value
            entry.last = value
            return
        entry.last = None
        if kind == ".":
            text = line[2:]
            entry.extracted.append(text[1:] if text.startswith(" ") else text)
        elif kind == ":":
            entry.references.extend(line[2:].split())
        elif kind == ",":
            entry.flags.extend(f for f in re.split(r"[,\s]+", line[2:]) if f)
        else:
            text = line[1:]
            entry.comments.append(text[1:] if text.startswith(" ") else text)

    def finish(self, entry: _Entry) -> _Entry:
        f = entry.fields
        if "msgid" not in f:
            if f or entry.has_comments:
                if not f:
                    return entry  # trailing comments with no entry are kept for the next one
                raise self.error(entry.line, "msgctxt without msgid")
            return _Entry()
        plural_keys = [k for k in entry.order if k.startswith("msgstr[")]
        if "msgid_plural" in f:
            if "msgstr" in f:
                raise self.error(entry.kw_line["msgstr"], "a plural entry needs msgstr[0], msgstr[1], … instead of msgstr")
            if not plural_keys:
                raise self.error(entry.line, "missing msgstr[0]")
            for i, k in enumerate(plural_keys):
                if k != f"msgstr[{i}]":
                    raise self.error(entry.kw_line[k], f"expected msgstr[{i}], found {k}")
        else:
            if plural_keys:
                raise self.error(entry.kw_line[plural_keys[0]], f"{plural_keys[0]} without msgid_plural")
            if "msgstr" not in f:
                raise self.error(entry.line, "missing msgstr")
        msgid = "".join(f["msgid"])
        msgctxt = "".join(f["msgctxt"]) if "msgctxt" in f else None
        key = (entry.obsolete, msgctxt, msgid)
        if key in self.seen:
            what = f"msgid {msgid!r}" + (f" with msgctxt {msgctxt!r}" if msgctxt is not None else "")
            raise self.error(entry.line, f"duplicate {what}; first defined at {self.path}:{self.seen[key]}")
        self.seen[key] = entry.line
        prev = entry.previous
        self.messages.append(
            Message(
                msgid=msgid,
                msgstr="".join(f["msgstr"]) if "msgstr" in f else "",
                msgctxt=msgctxt,
                msgid_plural="".join(f["msgid_plural"]) if "msgid_plural" in f else None,
                msgstr_plural=tuple("".join(f[k]) for k in plural_keys),
                comments=tuple(entry.comments),
                extracted=tuple(entry.extracted),
                references=tuple(entry.references),
                flags=tuple(dict.fromkeys(entry.flags)),
                previous_msgctxt="".join(prev["msgctxt"]) if "msgctxt" in prev else None,
                previous_msgid="".join(prev["msgid"]) if "msgid" in prev else None,
                previous_msgid_plural="".join(prev["msgid_plural"]) if "msgid_plural" in prev else None,
                obsolete=entry.obsolete,
                line=entry.line,
            )
        )
        return _Entry()


def _declared_charset(data: bytes, path: str) -> str:
    """The charset named in the header (UTF-8 when none is); an unknown one is an error."""
    text = data.decode("latin-1")
    m = re.search(r"charset=([^\s\"\\]+)", text)
    if m is None or m.group(1) == "CHARSET":
        return "UTF-8"
    name = m.group(1)
    try:
        codecs.lookup(name)
    except LookupError:
        lineno = text.count("\n", 0, m.start()) + 1
        line = text.split("\n")[lineno - 1]
        raise CatalogError(path, lineno, f"unknown charset {name!r}", line_text=line) from None
    return name


def parse_po(data: bytes, path: str | Path = "<string>") -> Catalog:
    """Parse PO bytes strictly; every problem raises CatalogError with ``path:line``."""
    path = str(path)
    stamp = FileStamp.of(data)
    if data.startswith(BOM):
        data = data[len(BOM) :]
    charset = _declared_charset(data, path)
    try:
        text = data.decode(charset)
    except UnicodeDecodeError as exc:
        lineno = data.count(b"\n", 0, exc.start) + 1
        line = data.split(b"\n")[lineno - 1].decode(charset, errors="replace")
        raise CatalogError(path, lineno, f"bytes do not match the declared charset {charset}: {exc.reason}", line_text=line) from None
    del data  # large catalogs: hold one copy of the text at a time
    if "\0" in text:
        # gettext keeps strings NUL-terminated: msgfmt would silently cut the string there.
        nul = text.index("\0")
        lineno = text.count("\n", 0, nul) + 1
        line = text.split("\n")[lineno - 1].replace("\0", "\\0").rstrip("\r")
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise CatalogError(path, lineno, f"NUL byte at column {column}: gettext cuts a string there; remove it", line_text=line)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if text.endswith("\r"):
            text = text[:-1]
    parser = _Parser(path, text)
    catalog = Catalog(tuple(parser.parse()), path, stamp)
    n = catalog.nplurals
    if n is not None:
        for m in catalog.messages:
            if m.msgid_plural is not None and not m.obsolete and len(m.msgstr_plural) != n:
                raise parser.error(m.line, f"{len(m.msgstr_plural)} plural forms, but the header says nplurals={n}")
    return catalog


def read_po(path: Path) -> Catalog:
    """Read a PO/POT file strictly (see :func:`parse_po`)."""
    try:
        return parse_po(Path(path).read_bytes(), path)  # no local name: parse_po can free the bytes
    except OSError as exc:
        raise CatalogError(path, None, f"cannot read: {exc.strerror}") from None


# --------------------------------------------------------------------------- writing

# gettext's format_language[] order, used to sort "#," flags like msgcat does.
_FORMATS = (
    "c", "objc", "sh", "python", "python-brace", "lisp", "elisp", "librep", "scheme", "smalltalk", "java",
    "csharp", "awk", "object-pascal", "ycp", "tcl", "perl", "perl-brace", "php", "gcc-internal",
    "gfc-internal", "qt", "qt-plural", "kde", "kde-kuit", "boost", "lua", "javascript",
)
_FORMAT_RANK = {name: i for i, name in enumerate(_FORMATS)}


def flag_rank(flag: str) -> tuple[int, int]:
    if flag.endswith("-format"):
        lang = flag[: -len("-format")]
        for prefix in ("no-", "possible-"):
            if lang.startswith(prefix) and lang[len(prefix) :] in _FORMAT_RANK:
                lang = lang[len(prefix) :]
        if lang in _FORMAT_RANK:
            return (1, _FORMAT_RANK[lang])
    if flag.startswith("range:"):
        return (2, 0)
    if flag == "no-wrap":
        return (3, 0)
    return (4, 0)


def _flags_line(m: Message) -> str | None:
    printable = [f for f in m.flags if f not in ("fuzzy", "wrap")]
    printable.sort(key=flag_rank)
    # gettext prints "possible-X-format" as "X-format".
    shown = [f[len("possible-") :] if f.startswith("possible-") and f.endswith("-format") else f for f in printable]
    if m.fuzzy and m.strings and m.strings[0]:
        shown.insert(0, "fuzzy")
    return "#, " + ", ".join(shown) if shown else None


def _comment_lines(m: Message) -> list[str]:
    out: list[str] = []
    for c in m.comments:
        out += [f"# {part}" if part else "#" for part in c.split("\n")]
    out += [f"#. {e}" if e else "#." for e in m.extracted]
    if m.references:
        out += wrap_references(m.references)
    return out


def format_message(m: Message, page_width: int = PAGE_WIDTH) -> list[str]:
    """The lines gettext writes for one entry (obsolete entries with ``#~``)."""
    no_wrap = "no-wrap" in m.flags
    out = _comment_lines(m)
    if m.obsolete:
        if m.fuzzy:
            out.append("#, fuzzy")
        prev, kw = "#~| ", "#~ "
    else:
        flags = _flags_line(m)
        if flags:
            out.append(flags)
        prev, kw = "#| ", ""
    if m.previous_msgctxt is not None:
        out += wrap("msgctxt", m.previous_msgctxt, prev, page_width, no_wrap=no_wrap)
    if m.previous_msgid is not None:
        out += wrap("msgid", m.previous_msgid, prev, page_width, no_wrap=no_wrap)
    if m.previous_msgid_plural is not None:
        out += wrap("msgid_plural", m.previous_msgid_plural, prev, page_width, no_wrap=no_wrap)
    if m.msgctxt is not None:
        out += wrap("msgctxt", m.msgctxt, kw, page_width, no_wrap=no_wrap)
    out += wrap("msgid", m.msgid, kw, page_width, no_wrap=no_wrap)
    if m.msgid_plural is None:
        out += wrap("msgstr", m.msgstr, kw, page_width, no_wrap=no_wrap)
    else:
        out += wrap("msgid_plural", m.msgid_plural, kw, page_width, no_wrap=no_wrap)
        for i, s in enumerate(m.msgstr_plural or ("",)):
            out += wrap(f"msgstr[{i}]", s, kw, page_width, no_wrap=no_wrap)
    return out


def format_po(catalog: Catalog, page_width: int = PAGE_WIDTH) -> str:
    """The catalog as msgcat would write it: active entries in order, then obsolete ones.

    Obsolete entries without a translation are dropped, as gettext does (they hold nothing).
    """
    return "\n".join(_blocks(catalog, page_width))


def _blocks(catalog: Catalog, page_width: int) -> Iterator[str]:
    """The entries as formatted text, each ending in a newline; a blank line goes between."""
    for m in catalog.messages:
        if not m.obsolete:
            yield "\n".join(format_message(m, page_width)) + "\n"
    for m in catalog.messages:
        if m.obsolete and m.strings and m.strings[0]:
            yield "\n".join(format_message(m, page_width)) + "\n"


def encode_po(catalog: Catalog) -> bytes:
    """``format_po`` encoded in the catalog's declared charset; fails before anything is written.

    Encodes entry by entry, so a large catalog is not held as text and as bytes at once.
    """
    where = catalog.path or "<catalog>"
    charset = catalog.charset
    try:
        "".encode(charset)
    except LookupError:
        raise CatalogError(where, None, f"unknown charset {charset!r}") from None
    parts: list[bytes] = []
    lineno = 1  # of the block's first line
    for block in _blocks(catalog, PAGE_WIDTH):
        if parts:
            parts.append(b"\n")
            lineno += 1
        try:
            parts.append(block.encode(charset))
        except UnicodeEncodeError as exc:
            line = lineno + block.count("\n", 0, exc.start)
            raise CatalogError(where, line, f"cannot encode {block[exc.start:exc.end]!r} in the declared charset {charset}") from None
        lineno += block.count("\n")
    return b"".join(parts)


def current_stamp(path: Path) -> FileStamp | None:
    """The stamp of what ``path`` holds now (``None`` if missing), read in chunks."""
    try:
        with open(path, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256")
            size = fh.tell()
    except FileNotFoundError:
        return None
    return FileStamp(size, digest.hexdigest())


def write_po(path: Path, catalog: Catalog, *, expected: FileStamp | None | bool = True, data: bytes | None = None) -> bool:
    """Safely write ``catalog`` to ``path``; return whether the file's bytes changed.

    ``expected`` is what the file held when it was read (default: ``catalog.stamp``); if the
    file now holds something else, a translator saved it in the meantime and we refuse with
    :class:`~pipeline.errors.ConcurrentEditError`.  Pass ``None`` to require that the file
    does not exist, or ``False`` to skip the check.  ``data`` may pass ``encode_po(catalog)``
    when the caller already has it.
    """
    path = Path(path)
    if data is None:
        data = encode_po(catalog)
    on_disk = current_stamp(path)
    want = catalog.stamp if expected is True else expected
    if expected is not False and (expected is not True or want is not None) and on_disk != want:
        raise ConcurrentEditError(f"{path}: changed on disk since it was read; not overwriting (re-run to merge the new version)")
    if on_disk is not None and on_disk == FileStamp.of(data):
        return False
    atomic_write_bytes(path, data)
    return True
