"""Line wrapping of PO strings exactly as GNU gettext writes them.

gettext's ``write-po.c`` ``wrap()`` escapes a string, cuts it after every ``\\n``, and breaks
each piece at the Unicode line-break opportunities of libunistring (the UAX #14 pair table of
``lbrktables.c``) so that no line exceeds the page width (79 columns).  We reproduce that
here so that every file we write is a fixed point of ``msgcat``; the test suite compares our
bytes with ``msgcat`` on many strings.

Speed matters (the merge benchmark writes tens of thousands of entries), so strings that fit
on one line take a fast path, and runs of letters or digits are handled as one token.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

PAGE_WIDTH = 79

# libunistring's line-break classes; the first 27 index the pair table.
(WJ, GL, B2, BA, BB, HY, CL, CP, EX, IN, NS, OP, QU, IS, NU, PO, PR, SY, AL, H2, H3, ID, JL, JV, JT, HL, RI) = range(27)
BK, CM, ZW, SP = 27, 28, 29, 30

# Table 7.3 of UTR #14 as libunistring has it (rows: before, columns: after).
# D = direct break, I = break only after spaces, P = prohibited.
_TABLE_ROWS = (
    "PIIIIIPPPIIIIPIIIPIIIIIIIII",  # WJ
    "PIIIIIPPPIIIIPIIIPIIIIIIIII",  # GL
    "PIPIDIPPPIIDIPDDDPDDDDDDDDD",  # B2
    "PDDIDIPPPIIDIPDDDPDDDDDDDDD",  # BA
    "PIIIIIPPPIIIIPIIIPIIIIIIIII",  # BB
    "PDDIDIPPPIIDIPIDDPDDDDDDDDD",  # HY
    "PIDIDIPPPIPDIPDIIPDDDDDDDDD",  # CL
    "PIDIDIPPPIIDIPIIIPIDDDDDDID",  # CP
    "PIDIDIPPPIIDIPDDDPDDDDDDDDD",  # EX
    "PIDIDIPPPIIDIPDDDPDDDDDDDDD",  # IN
    "PIDIDIPPPIIDIPDDDPDDDDDDDDD",  # NS
    "PPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP
    "PIIIIIPPPIIPIPIIIPIIIIIIIII",  # QU
    "PIDIDIPPPIIDIPIDDPDDDDDDDDD",  # IS
    "PIDIDIPPPIIIIPIIIPIDDDDDDID",  # NU
    "PIDIDIPPPIIIIPIDDPIDDDDDDID",  # PO
    "PIDIDIPPPIIIIPIDDPIIIIIIIID",  # PR
    "PIDIDIPPPIIDIPIDDPDDDDDDDID",  # SY
    "PIDIDIPPPIIIIPIIIPIDDDDDDID",  # AL
    "PIDIDIPPPIIDIPDIDPDDDDDIIDD",  # H2
    "PIDIDIPPPIIDIPDIDPDDDDDDIDD",  # H3
    "PIDIDIPPPIIDIPDIDPDDDDDDDDD",  # ID
    "PIDIDIPPPIIDIPDIDPDIIDIIDDD",  # JL
    "PIDIDIPPPIIDIPDIDPDDDDDIIDD",  # JV
    "PIDIDIPPPIIDIPDIDPDDDDDDIDD",  # JT
    "PIDIDIPPPIIIIPIIIPIDDDDDDID",  # HL
    "PIDIDIPPPIIDIPDDDPDDDDDDIDI",  # RI
)
_D, _I, _P = 1, 2, 3
_TABLE = tuple(tuple({"D": _D, "I": _I, "P": _P}[c] for c in row) for row in _TABLE_ROWS)

# Explicit classes of the characters a news text is likely to contain; everything else is
# derived from the Unicode category below (close to LineBreak.txt for letters and marks).
_EXPLICIT: dict[str, int] = {
    "\t": BA, " ": SP, "!": EX, '"': QU, "#": AL, "$": PR, "%": PO, "&": AL, "'": QU,
    "(": OP, ")": CP, "*": AL, "+": PR, ",": IS, "-": HY, ".": IS, "/": SY, ":": IS, ";": IS,
    "<": AL, "=": AL, ">": AL, "?": EX, "@": AL, "[": OP, "\\": PR, "]": CP, "^": AL, "_": AL,
    "`": AL, "{": OP, "|": BA, "}": CL, "~": AL,
    "\u0085": BK, "\u00a0": GL, "\u00a1": OP, "\u00a2": PO, "\u00a3": PR, "\u00a4": PR,
    "\u00a5": PR, "\u00a7": AL, "\u00a8": AL, "\u00ab": QU, "\u00ad": BA, "\u00b0": PO,
    "\u00b1": PR, "\u00b4": BB, "\u00bb": QU, "\u00bf": OP, "\u00d7": AL, "\u00f7": AL,
    "\u034f": GL, "\u2007": GL, "\u200b": ZW, "\u200c": CM, "\u200d": CM, "\u2010": BA,
    "\u2011": GL, "\u2012": BA, "\u2013": BA, "\u2014": B2, "\u2015": AL, "\u2018": QU,
    "\u2019": QU, "\u201a": OP, "\u201b": QU, "\u201c": QU, "\u201d": QU, "\u201e": OP,
    "\u201f": QU, "\u2022": AL, "\u2024": IN, "\u2025": IN, "\u2026": IN, "\u2027": BA,
    "\u2028": BK, "\u2029": BK, "\u202f": GL, "\u2030": PO, "\u2031": PO, "\u2032": PO,
    "\u2033": PO, "\u2034": PO, "\u2035": PO, "\u2036": PO, "\u2037": PO, "\u2039": QU,
    "\u203a": QU, "\u203c": NS, "\u2044": IS, "\u2047": NS, "\u2048": NS, "\u2049": NS,
    "\u205f": BA, "\u2060": WJ, "\u20ac": PR, "\u2116": PR, "\u2212": PR, "\u2e3a": B2,
    "\u2e3b": B2, "\u3000": BA, "\u3001": CL, "\u3002": CL, "\ufeff": WJ,
    "\uff0c": CL, "\uff0e": CL,
}


def _derive(ch: str) -> int:
    """Line-break class of a character not in the explicit table."""
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Mc"):
        return CM
    if cat == "Nd":
        return NU
    if cat == "Zs":
        return BA
    if cat in ("Zl", "Zp"):
        return BK
    if cat == "Cc":
        return CM  # gettext escapes the common ones; the rest behave as attached
    if cat == "Ps":
        return OP
    if cat == "Pe":
        return CL
    if cat in ("Pi", "Pf"):
        return QU
    if cat == "Pd":
        return BA
    if cat == "Sc":
        return PR
    o = ord(ch)
    if 0x1100 <= o <= 0x115F:
        return JL
    if 0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF:
        return ID
    if 0x20000 <= o <= 0x3FFFD:
        return ID
    if 0x05D0 <= o <= 0x05EA:
        return HL
    if 0x1F1E6 <= o <= 0x1F1FF:
        return RI
    return AL


@lru_cache(maxsize=4096)
def _char_class(ch: str) -> int:
    return _EXPLICIT[ch] if ch in _EXPLICIT else _derive(ch)


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    """Column width as libunistring's uc_width counts it (ambiguous width is 1)."""
    if ch < "\u0300":
        return 0 if ch < " " or "\x7f" <= ch < "\xa0" else 1
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Cf") or ch == "\u200b":
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


class _WidthMap(dict[int, str]):
    """str.translate table: width-0 characters vanish, width-2 ones double (len = columns)."""

    def __missing__(self, code: int) -> str:
        w = _char_width(chr(code))
        value = "" if w == 0 else chr(code) * w
        self[code] = value
        return value


_WIDTH_MAP = _WidthMap()


class _WordChars(dict[str, bool]):
    """Whether a character is of class AL or NU, between which a line never breaks."""

    def __missing__(self, ch: str) -> bool:
        value = self[ch] = _char_class(ch) in (AL, NU)
        return value


_WORD_CHARS = _WordChars()


def _text_width(text: str) -> int:
    if text.isascii():
        return len(text) - sum(1 for c in text if c < " " or c == "\x7f") if not text.isprintable() else len(text)
    if not _slow_chars().search(text):
        return len(text)  # every character is one column wide
    return len(text.translate(_WIDTH_MAP))


# Tokens of the slow path: runs of ASCII letters/digits (no break inside), spaces, or one char.
_TOKEN = re.compile(r"[A-Za-z]+|[0-9]+| +|.", re.S)


def _possible_breaks(portion: str) -> tuple[list[int], list[int]]:
    """Indexes before which a line may break, and indexes of mandatory breaks."""
    possible: list[int] = []
    mandatory: list[int] = []
    last_prop = BK
    seen_space = -1
    table = _TABLE
    for m in _TOKEN.finditer(portion):
        tok = m.group()
        i = m.start()
        c = tok[0]
        if c == " ":  # the only character of class SP
            seen_space = i + len(tok) - 1
            continue
        if "a" <= c <= "z" or "A" <= c <= "Z":
            prop = AL
        elif "0" <= c <= "9":
            prop = NU
        else:
            prop = _char_class(c)
        if prop == BK:
            mandatory.append(i)
            last_prop = BK
            seen_space = -1
            continue
        if prop == ZW:
            last_prop = ZW
            seen_space = -1
            continue
        if prop == CM:
            if last_prop == ZW:
                possible.append(i)
                last_prop = ID
                continue
            if seen_space >= 0:
                # libunistring 1.0 breaks before a mark that follows a space, whatever precedes.
                possible.append(i)
                last_prop = AL
                seen_space = -1
                continue
            if last_prop != BK:
                continue  # attaches to the preceding character
            prop = AL  # UAX #14 LB10: a mark at the start acts as AL
        if last_prop == BK:
            pass
        elif last_prop == ZW:
            possible.append(i)
        else:
            kind = table[last_prop][prop]
            if kind == _D or (kind == _I and seen_space >= 0):
                possible.append(i)
        last_prop = prop
        seen_space = -1
    return possible, mandatory


_SLOW: re.Pattern[str] | None = None


def _slow_chars() -> re.Pattern[str]:
    """Characters the fast path cannot handle: marks, zero-width, wide, breaks, controls."""
    global _SLOW
    if _SLOW is None:
        singles = [
            chr(c) for c in range(0x80, 0x10000)
            if not 0xD800 <= c <= 0xDFFF and (_char_width(chr(c)) != 1 or _char_class(chr(c)) in (BK, CM, ZW))
        ]
        ranges: list[str] = []
        for ch in singles:
            if ranges and ord(ranges[-1][-1]) + 1 == ord(ch):
                ranges[-1] = ranges[-1][0] + ch
            else:
                ranges.append(ch)
        body = "".join(re.escape(r) if len(r) == 1 else f"{re.escape(r[0])}-{re.escape(r[-1])}" for r in ranges)
        _SLOW = re.compile(f"[\x00-\x1f\x7f{body}\U00010000-\U0010ffff]")
    return _SLOW


def _opportunity(portion: str, i: int, prohibited: frozenset[int] | set[int]) -> bool:
    """Whether a line may break before ``portion[i]`` (fast-path characters only)."""
    c = portion[i]
    if c == " " or i in prohibited:
        return False
    cls = _char_class(c)
    j = i - 1
    if portion[j] == " ":
        while j >= 0 and portion[j] == " ":
            j -= 1
        return j >= 0 and _TABLE[_char_class(portion[j])][cls] != _P
    return _TABLE[_char_class(portion[j])][cls] == _D


def _fast_width_breaks(portion: str, width: int, startcol: int, prohibited: frozenset[int] | set[int]) -> list[int]:
    """Greedy breaking as ulc_width_linebreaks does it, for one-column characters: each line
    ends at the last opportunity that fits, or at the first one if none does."""
    n = len(portion)
    breaks: list[int] = []
    start, col = 0, startcol
    word = _WORD_CHARS
    while n - start + col > width:
        limit = min(start + width - col, n - 1)
        end = -1
        for i in range(limit, start, -1):
            # No break inside a word (AL or NU on both sides, UAX #14 LB23/LB25/LB28): skip those
            # without a call, since most lines end after a space well before the limit.
            if portion[i] == " " or (word[portion[i]] and word[portion[i - 1]]):
                continue
            if _opportunity(portion, i, prohibited):
                end = i
                break
        if end < 0:
            for i in range(max(limit + 1, start + 1), n):
                if _opportunity(portion, i, prohibited):
                    end = i
                    break
            if end < 0:
                break
        breaks.append(end)
        start, col = end, 0
    return breaks


def _width_breaks(portion: str, width: int, startcol: int, prohibited: frozenset[int] | set[int]) -> list[int]:
    """The positions where gettext inserts a line break (ulc_width_linebreaks), for any text;
    :func:`_fast_width_breaks` gives the same for text of one-column characters only."""
    possible, mandatory = _possible_breaks(portion)
    events: list[tuple[int, bool]] = [(p, False) for p in possible if p not in prohibited]
    if mandatory:
        events += [(p, True) for p in mandatory]
        events.sort()
    result: list[int] = []
    last_p = -1
    last_column = startcol
    prev = 0
    piece_width = 0
    for pos, is_mandatory in events:
        piece_width += _text_width(portion[prev:pos])
        prev = pos
        if last_p >= 0 and last_column + piece_width > width:
            result.append(last_p)
            last_column = 0
        if is_mandatory:
            last_p = -1
            last_column = 0
            piece_width = 0
            prev = pos + 1  # the break character itself has no width
        else:
            last_p = pos
            last_column += piece_width
            piece_width = 0
    piece_width += _text_width(portion[prev:])
    if last_p >= 0 and last_column + piece_width > width:
        result.append(last_p)
    return sorted(result)


_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v", "\\": "\\\\", '"': '\\"'}
_NEEDS_ESCAPE = re.compile(r'[\a\b\f\n\r\t\v\\"]')


def _escape(piece: str) -> tuple[str, set[int]]:
    """Escape one piece; return it with the indexes that must not start a line."""
    if not _NEEDS_ESCAPE.search(piece):
        return piece, set()
    out: list[str] = []
    prohibited: set[int] = set()
    n = 0
    for ch in piece:
        esc = _ESCAPES.get(ch)
        if esc is None:
            out.append(ch)
            n += 1
        else:
            out.append(esc)
            prohibited.add(n + 1)
            n += 2
    return "".join(out), prohibited


def _pieces(value: str) -> list[str]:
    """Cut after every newline, as gettext does ("a\\nb" → "a\\n", "b")."""
    if "\n" not in value:
        return [value]
    parts = value.split("\n")
    pieces = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        pieces.append(parts[-1])
    return pieces


def wrap(name: str, value: str, prefix: str = "", page_width: int = PAGE_WIDTH, *, no_wrap: bool = False) -> list[str]:
    """The lines (without newline) gettext writes for ``name "value"`` after ``prefix``."""
    prefix_len = len(prefix)
    after_break = prefix_len + 1
    width = (2**31 - 1 if no_wrap else page_width) - 1 - after_break
    pieces = _pieces(value)
    lines: list[str] = []
    first_line = True
    for index, raw in enumerate(pieces):
        portion, prohibited = _escape(raw)
        if raw.endswith("\n") and len(portion) >= 2:
            prohibited.add(len(portion) - 2)
        more = index + 1 < len(pieces)
        # Decided once per portion: whether every character is one column wide (the fast path).
        one_column = (portion.isascii() and portion.isprintable()) or not _slow_chars().search(portion)
        columns = len(portion) if one_column else _text_width(portion)
        breaker = _fast_width_breaks if one_column else _width_breaks
        while True:
            startcol = prefix_len + (len(name) + 1 if first_line else 0) + 1 - after_break
            if columns + startcol <= width:
                breaks: list[int] = []
            else:
                breaks = breaker(portion, width, startcol, prohibited)
            if first_line and portion and (more or startcol > width or breaks):
                lines.append(f'{prefix}{name} ""')
                first_line = False
                continue
            break
        head = f"{prefix}{name} " if first_line else prefix
        first_line = False
        start = 0
        for b in breaks:
            lines.append(f'{head}"{portion[start:b]}"')
            head = prefix
            start = b
        lines.append(f'{head}"{portion[start:]}"')
    return lines


def wrap_references(references: tuple[str, ...] | list[str], prefix: str = "", page_width: int = PAGE_WIDTH) -> list[str]:
    """``#:`` lines as gettext writes them (byte columns, a new line before overflowing)."""
    lines: list[str] = []
    current = prefix + "#:"
    column = 2
    for ref in references:
        while ref.startswith("./"):
            ref = ref[2:]
        length = len(ref.encode("utf-8")) + 1
        if column > 2 and column + length > page_width:
            lines.append(current)
            current = prefix + "#:"
            column = 2
        current += " " + ref
        column += length
    lines.append(current)
    return lines
