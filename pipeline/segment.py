"""The segment stage: split prose into sentences, the units translators work on.

:func:`segment` splits a text in English, German, Belarusian, Russian, Ukrainian or
Polish; the segments cover the text exactly (only whitespace lies between and around them).
:func:`segment_document` turns a :class:`~pipeline.model.Document` into
:class:`~pipeline.model.Segment` s that know their source line, column and position
("paragraph 7, sentence 2/3").

How it works: one compiled regular expression finds the places where a sentence may end
(final punctuation with the closing quotes and the space after it, line breaks, quotations,
list markers, bullets); a few cheap checks on the word before and the word after decide.
The language knowledge (abbreviations, words that start sentences, quotation marks,
ordinals, the dialogue dash) lives in ``pipeline/data/segment/<lang>.toml``, so a linguist
can extend it without touching code.  Nothing here loops over characters, and every
look-back is bounded, so time grows linearly with the input.

Conventions:

* a line break always ends a segment; a bullet after whitespace starts one;
* a quotation (opened and closed on the same line) is never split inside, so a translator
  gets it whole with balanced marks: ``“I don’t know. We need sanctions.”`` is one segment,
  as in the project's translation memory; it ends a sentence when a new one follows it,
  and not when its sentence carries on (``"Yes!" she said``, ``„…“, sagte er``); a
  straight ``'`` between two letters is an apostrophe, not a quotation mark (see _APOS);
* a bracketed remark right after a quotation that ends in ``!`` or ``?`` belongs to its
  sentence if it opens in lowercase or with a joining word of the rule file (a clause
  about what was said: ``'We won!' (Which nobody expected.)``) or if the sentence goes
  on in lowercase after it; otherwise it starts a sentence of its own;
* an inline list (``1. … 2. …``, ``a) … b) …``) is split before each marker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline import tomlfile
from pipeline.errors import FileError, PipelineError, TomlError
from pipeline.model import Document, Segment

__all__ = ["Rules", "SegmentError", "languages", "load_rules", "rules", "segment", "segment_document", "sentence_spans"]


class SegmentError(PipelineError):
    """An unknown language, or a broken rule file under ``pipeline/data/segment``."""


# --------------------------------------------------------------------------------------
# Characters

_LB = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines() breaks at
_TERM = ".!?…‼⁇⁈⁉．。！？"  # sentence-final punctuation
_STRONG = frozenset("!?‼⁇⁈⁉。！？")  # ends a sentence whatever word precedes it
_CLOSE = "\"'”’“‘»«›‹)]}"  # may follow the final punctuation: .” .“ .» .)
_OPEN = "\"'“‘„‚«»‹›([{¿¡"  # may precede the first word of a sentence
_DASH = "-‐‒–—―"
_BULLET = "•◦▪▫‣⁃∙●○■□►▸➢➤"
_OPEN_BULLET = _OPEN + _BULLET
_NO_START = frozenset(",;:)]}%")  # cannot begin a sentence
# A straight ' between two letters is an apostrophe (don't); an opening quote follows the start,
# a space, a bracket or a double quote and precedes a letter (not the '90s); a closing one
# follows a non-space and precedes no letter or digit.
_APOS = r"(?<=[^\W\d_])'(?=[^\W\d_])"
_OPENING = re.escape("([{\"“„«‹")
_ASIDE = re.compile(rf"\([^(){_LB}]*\)|\[[^\[\]{_LB}]*\]")  # a bracketed remark on one line

_HS = rf"[^\S{_LB}]"  # horizontal whitespace
_UP = "[A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽА-ЯЁІЎЄЇҐ]"  # capitals that a sentence glued to the previous one starts with (Polish Ł, Ś, Ż, Lithuanian Š, …)
_HS_RUN = re.compile(_HS + "*")
_CLOSE_RUN = re.compile(f"[{re.escape(_CLOSE)}]*")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
_REFERENCE = re.compile(r"(?:\[\d{1,3}(?:[–-]\d{1,3})?\])+|\d{1,3}(?:\ \d{1,3})*(?!\S)")
_SHORT_DOTTED = re.compile(r"[^\W\d_]{1,4}\.")
_CHAIN = re.compile(r"(?:[^\W\d_]{1,4}\.)+[^\W\d_]{1,4}")  # U.S, e.g, Ph.D, a.m, Л.Н
_MARKER_ONLY = re.compile(rf"\s*[{_BULLET}*]?\s*\(?(?:\d{{1,3}}|[^\W\d_]|[ivxlc]{{1,6}}|[IVXLC]{{1,6}})\s*")
_ROMAN = dict(zip("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split(), range(1, 21)))


def _skip(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where a run of ``pattern`` (which may match empty) that starts at ``pos`` ends."""
    m = pattern.match(text, pos)
    return m.end() if m else pos


def _quote_patterns(pairs: Iterable[str]) -> tuple[str, str]:
    """(opening marks, alternatives) for quotations; each alternative starts *after* its
    opening mark and checks it by look-behind.  A quotation never spans a line break."""
    closers: dict[str, str] = {}
    for pair in pairs:
        closers[pair[0]] = closers.get(pair[0], "") + pair[1]
    alts = []
    for o, cs in closers.items():
        eo, ec, eoc = re.escape(o), re.escape(cs), re.escape(o + cs)
        if o == cs == '"':
            alts.append(rf'(?<!\w")(?<=")(?=\S)[^"{_LB}]*"(?!\w)')
        elif o == cs == "'":  # see _APOS
            alts.append(rf"(?<![^\s{_OPENING}]')(?<=')(?=[^\W\d_])[^'{_LB}]*+(?:{_APOS}[^'{_LB}]*+)*+(?<=\S)'(?!\w)")
        elif cs == "’":  # the closing mark doubles as the apostrophe of dragon’s
            alts.append(rf"(?<={eo})(?:[^{eoc}{_LB}]|’(?=\w))*’(?!\w)")
        else:
            alts.append(rf"(?<={eo})[^{eoc}{_LB}]*[{ec}]")
    return "".join(closers), "|".join(alts) or "(?!)"


def _scan_pattern(pairs: Iterable[str]) -> re.Pattern[str]:
    """The candidate finder.  It begins with one character class of every character that
    can start a candidate, so the regex engine skips plain text in a tight C loop; the
    alternatives then look behind at that first character."""
    openers, quotes = _quote_patterns(pairs)
    t, c = re.escape(_TERM), re.escape(_CLOSE)
    first = re.escape(openers + _TERM + _LB + ")" + _BULLET)
    return re.compile(
        f"[{first}](?:"
        f"(?P<q>{quotes})"
        # final punctuation (from the start of its run: no quadratic retries inside "....."),
        # closing marks, then a space and no line break (those cut anyway),
        # or no space before a capital after a lowercase letter or digit ("world.Today", not
        # "U.S.A"), a reference ("martyr.[1]") or a digit after a non-digit ("martyr.11 12")
        rf"|(?<=[{t}])(?<![{t}][{t}])(?<![{t}]\ [{t}])(?P<t>[{t}]*+(?:\ [{t}]+)*+)(?P<c>[{c}]*+)"
        rf"(?P<s>{_HS}++(?![{_LB}]|\Z)|(?<!{_UP}[.．])(?={_UP})|(?=\[)|(?<!\d[.．])(?=\d))"
        rf"|(?<=[{_LB}])(?P<n>\s*)"
        rf"|(?<=\))(?<![^\s(]{{7}}\))(?P<p>)(?={_HS})"  # ")" after a short token
        rf"|(?<=\s[{re.escape(_BULLET)}])(?P<b>))"
    )


# --------------------------------------------------------------------------------------
# Language rules (data)


@dataclass(frozen=True)
class Rules:
    """The rules of one language, as read from ``pipeline/data/segment/<lang>.toml``."""

    lang: str
    prepositive: frozenset[str]
    before_numbers: frozenset[str]
    sentence_final: frozenset[str]
    other: frozenset[str]
    exclamatory: frozenset[str]
    starters: frozenset[str]
    aside_joiners: frozenset[str]
    ordinal_followers: frozenset[str]
    year_abbreviations: frozenset[str]
    year_prepositions: frozenset[str]
    min_words: int
    dash_continues: bool
    known: frozenset[str]
    pattern: re.Pattern[str]


_LISTS = "prepositive before_numbers sentence_final other exclamatory".split()
_SCHEMA: dict[str, dict[str, type]] = {
    "abbreviations": dict.fromkeys(_LISTS, list),
    "sentence_starters": {"words": list},
    "ordinals": {"followers": list},
    "years": {"abbreviations": list, "prepositions": list},
    "quotes": {"pairs": list, "aside_joiners": list},
    "rules": {"min_words": int, "dialogue_dash": str},
}


def _key(entry: str) -> str:
    """How abbreviations are compared: no case, no final stop, no inner spaces."""
    return entry.strip().rstrip(".").replace(" ", "").lower()


def _table(data: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Check a rule file against :data:`_SCHEMA`; errors name the file and the key."""
    out: dict[str, Any] = {}
    for section, value in data.items():
        if section not in _SCHEMA or not isinstance(value, dict):
            raise SegmentError(f"{where}: {section}: unknown section (expected one of {', '.join(_SCHEMA)})")
        for key, item in value.items():
            want = _SCHEMA[section].get(key)
            name = f"{section}.{key}"
            if want is None:
                raise SegmentError(f"{where}: {name}: unknown key")
            if not isinstance(item, want) or isinstance(item, bool):
                expected = "a list of strings" if want is list else want.__name__
                raise SegmentError(f"{where}: {name}: expected {expected}")
            if isinstance(item, list):
                for i, s in enumerate(item):
                    if not isinstance(s, str) or not s.strip():
                        raise SegmentError(f"{where}: {name}[{i}]: expected a non-empty string")
            out[name] = item
    for i, pair in enumerate(out.get("quotes.pairs", [])):
        if len(pair) != 2:
            raise SegmentError(f"{where}: quotes.pairs[{i}]: expected an opening and a closing mark, got {pair!r}")
    dash = out.get("rules.dialogue_dash", "splits")
    if dash not in ("splits", "continues"):
        raise SegmentError(f"{where}: rules.dialogue_dash: expected 'splits' or 'continues', got {dash!r}")
    return out


def _data_dir() -> Path:
    return Path(__file__).with_name("data") / "segment"


def languages() -> tuple[str, ...]:
    """The languages that have a rule file, e.g. ``("be", "de", "en", "pl", "ru", "uk")``."""
    return tuple(sorted(p.stem for p in _data_dir().glob("*.toml")))


@lru_cache(maxsize=32)
def rules(lang: str) -> Rules:
    """The rules for ``lang`` (``"en"``, ``"de-AT"`` and ``"be_BY"`` all work).

    Raises :class:`SegmentError` for a language without a rule file.
    """
    code = lang.strip().lower().replace("_", "-").split("-")[0]
    path = _data_dir() / f"{code}.toml"
    if not re.fullmatch(r"[a-z]{2,3}", code) or not path.is_file():
        raise SegmentError(
            f"no sentence-segmentation rules for language {lang!r} (known: {', '.join(languages())}); "
            "add pipeline/data/segment/<code>.toml to support another language"
        )
    return load_rules(path, f"pipeline/data/segment/{code}.toml")


def load_rules(path: Path, where: str = "") -> Rules:
    """Read and check one rule file; errors name the file (``where``) and the key."""
    where = where or str(path)
    try:
        data = _table(tomlfile.load(path, where), where)
    except (TomlError, FileError) as exc:  # "path:line:col: invalid TOML: …", "path: cannot read: …"
        raise SegmentError(str(exc)) from None

    def keys(name: str) -> frozenset[str]:
        return frozenset(_key(s) for s in data.get(name, ()))

    abbr = {name: keys(f"abbreviations.{name}") for name in _LISTS}
    years = keys("years.abbreviations")
    pairs = tuple(data.get("quotes.pairs", ()))
    return Rules(
        lang=path.stem,
        prepositive=abbr["prepositive"],
        before_numbers=abbr["before_numbers"],
        sentence_final=abbr["sentence_final"],
        other=abbr["other"],
        exclamatory=abbr["exclamatory"],
        starters=frozenset(s.strip() for s in data.get("sentence_starters.words", ())),
        aside_joiners=keys("quotes.aside_joiners"),
        ordinal_followers=frozenset(s.strip() for s in data.get("ordinals.followers", ())),
        year_abbreviations=years,
        year_prepositions=keys("years.prepositions"),
        min_words=int(data.get("rules.min_words", 4)),
        dash_continues=data.get("rules.dialogue_dash", "splits") == "continues",
        known=frozenset().union(*(abbr[n] for n in _LISTS if n != "exclamatory"), years),
        pattern=_scan_pattern(pairs),
    )


# --------------------------------------------------------------------------------------
# The scanner


class _Scanner:
    """Finds the cut positions of one text.  A cut is where a new segment starts."""

    __slots__ = ("text", "n", "r", "cuts", "seg", "marker", "vetoed", "retro")

    def __init__(self, text: str, r: Rules) -> None:
        self.text = text
        self.n = len(text)
        self.r = r
        self.cuts: list[int] = []
        self.seg = 0  # start of the segment being built
        # the last list marker: (style, values, start, cut made right after it or -1)
        self.marker: tuple[str, tuple[tuple[str, int], ...], int, int] | None = None
        self.vetoed: set[int] = set()
        self.retro = False  # cuts were added out of order

    def cut(self, pos: int) -> None:
        if pos > self.seg:
            self.cuts.append(pos)
            self.seg = pos

    def run(self) -> list[int]:
        """The cut positions, in order."""
        text, known, cuts = self.text, self.r.known, self.cuts
        for m in self.r.pattern.finditer(text):
            kind = m.lastindex  # the groups, in order: q t c s n p b (see _scan_pattern)
            if kind == 4:
                regs = m.regs
                rs, after = regs[0]
                te, ce = regs[2][1], regs[3][1]
                if after == ce:  # no space: "world.Today", "martyr.[1] The", "U.S.A"
                    if te - rs == 1 and ce == te:
                        self.no_space(rs, after)
                    continue
                if te - rs == 1 and rs >= 2 and text[rs - 1].islower() and text[rs - 2].isalpha():
                    # The common case, decided here for speed: a word of two or more letters
                    # before one mark, then a lowercase (no cut) or capital letter (cut unless
                    # the word is an abbreviation, a Roman numeral or half of "т. зв.").
                    c = text[after]
                    if c.islower():
                        continue
                    if c.isupper() and text[rs] == ".":
                        lo = self.seg if self.seg > rs - 64 else rs - 64
                        ws = text.rfind(" ", lo, rs) + 1 or lo
                        word = text[ws:rs]
                        key = word.lower()
                        if key not in known and key not in _ROMAN and word.isalpha() and text[ws - 2 : ws - 1] != ".":
                            if after > self.seg:
                                cuts.append(after)
                                self.seg = after
                            continue
                marker = self.marker
                cut = self.decide(rs, te, ce, after)
                if cut >= 0:
                    self.cut(cut)
                    if self.marker is not marker and self.marker is not None:  # "Hello 1. The first"
                        self.marker = (*self.marker[:3], cut)
            elif kind == 5:
                after = m.end()
                if after > self.seg:
                    cuts.append(after)
                    self.seg = after
            elif kind == 1:
                self.quotation(m.start(), m.end())
            elif kind == 6:
                self.paren(m.start())
            else:
                self.cut(m.start())
        return sorted(set(cuts) - self.vetoed) if self.retro else cuts

    def token_start(self, end: int) -> int:
        """Start of the whitespace-delimited token ending at ``end`` (at most 64 back)."""
        text = self.text
        lo = self.seg if self.seg > end - 64 else end - 64
        start = text.rfind(" ", lo, end) + 1 or lo
        token = text[start:end]
        if "\t" in token or "\xa0" in token:
            start = max(start, text.rfind("\t", lo, end) + 1, text.rfind("\xa0", lo, end) + 1)
        return start

    # -- the decision at a sentence-final punctuation mark followed by a space -----------

    def decide(self, rs: int, te: int, ce: int, after: int) -> int:
        """Where to cut for the punctuation ``text[rs:te]`` (closers up to ``ce``) or -1."""
        text, r, n = self.text, self.r, self.n
        c = text[after]
        if c in _NO_START or (c.islower() and rs >= 2 and text[rs - 2].isalpha()):
            return -1  # (a one-letter word before the stop may be a list marker: "a. here")
        j = after  # the first letter of what follows, behind opening marks or a dash
        while j < n and j - after < 4 and text[j] in _OPEN:
            j += 1
        dash = j < n and text[j] in _DASH
        if dash:
            while j < n and j - after < 8 and (text[j] in _DASH or text[j] == " "):
                j += 1
        c2 = text[j] if j < n else ""
        ws = self.token_start(rs)
        word = text[ws:rs].lstrip(_OPEN_BULLET).rstrip(_CLOSE)
        run = text[rs:te]
        if run == "." and word and (len(word) == 1 or word.isdigit() or word.lower() in _ROMAN):
            closers = text[te:ce]
            if closers == ")" or not (closers or word.isupper() or (word.isdigit() and not c2.isupper())):
                self.list_marker(ws, word, "." + closers, c2, j)
        if rs - self.seg <= 12 and _MARKER_ONLY.fullmatch(text, self.seg, rs):
            return -1  # "1. The first item", "• 9. The first", "Q. What is ..."
        if dash and (r.dash_continues or not c2.isupper()):
            return -1  # «…? – спытала маці. – Заўтра …», "1. -3. Jahrhundert"
        if not c2 or c2.islower():
            return -1
        if not _STRONG.isdisjoint(run):
            if word.lower() in r.exclamatory:
                return after if self.starts(j) else -1
            if c2.isdigit() and self.inside_brackets(rs):
                return -1
            return after
        if run not in (".", "．"):  # an ellipsis; "[...]" and ". . ." mark omissions inside a sentence
            compact = run.replace(" ", "")
            if not c2.isupper() or (rs > 0 and text[rs - 1] in "[(") or (compact != run and len(compact) <= 3):
                return -1
            if compact == "...." and compact != run and not text[rs - 1 : rs].isspace():
                return rs + 1  # "compounds. . . . The": the spaced ellipsis opens the next sentence
            return after
        return self.after_period(ws, rs, word, after, j, c2)

    def after_period(self, ws: int, rs: int, word: str, after: int, j: int, c2: str) -> int:
        """The decision after a single full stop followed by a capital, digit or symbol."""
        text, r = self.text, self.r
        key = word.lower()
        if 0 < len(word) <= 4 and word.isalpha():
            if ws >= 3 and text[ws - 1] == " " and text[ws - 2] == ".":  # "z. B", "і г. д", "т. зв"
                p = self.token_start(ws - 1)
                joined = text[p : ws - 1].lower() + key
                if 2 <= ws - 1 - p <= 5 and joined in r.known:
                    key = joined
            fm = _SHORT_DOTTED.match(text, after) if text.find(".", after, after + 5) > 0 else None
            if fm and f"{key}.{fm.group()[:-1].lower()}" in r.known:
                return -1  # the first half of "z. B.", "т. зв.", "d. h."
        if c2.isdigit():
            return -1 if key in r.known else after
        if key in r.prepositive:
            return -1
        if key in r.year_abbreviations:
            return self.after_year(ws, after, j, c2)
        if text[after] == "(" and (key in r.known or _CHAIN.fullmatch(word)):
            return -1  # "Acme Inc. (“Company A”)", "L.F. Rothschild & Co. (cited from …)"
        if key in r.sentence_final:
            m = _WORD.match(text, j)
            if m and ((len(m.group()) >= 2 and m.group().isupper()) or text.startswith(" time", m.end())):
                return -1  # "GmbH & Co. KG", "at 5 p.m. Moscow time"
            if text.count(" ", self.seg, min(rs, self.seg + 200)) + 1 < r.min_words:
                return -1  # "At 5 a.m. Mr. Smith went ..."
            return after
        if key in r.other or (len(word) == 1 and word.isalpha()) or _CHAIN.fullmatch(word):
            return after if self.starts(j) else -1  # "the U.S. Army" / "the U.S. The ..."
        if r.ordinal_followers and word.lstrip("-–").isdigit():
            m = _WORD.match(text, j)
            if m and m.group() in r.ordinal_followers:
                return -1  # "am 24. Februar 2022"
        return after

    def after_year(self, ws: int, after: int, j: int, c2: str) -> int:
        """``г.``: after a number a year ("1898 г. В 1854 …"), otherwise a city ("г. Мінск")."""
        text, r = self.text, self.r
        p = self.token_start(ws - 1) if ws > 0 else ws
        number = text[p : ws - 1] if ws > 0 else ""
        if not number[:1].isdigit():
            return -1
        if self.starts(j):
            return after
        q = self.token_start(p - 1) if p > 0 else p
        before = text[q : p - 1].lower() if p > 0 else ""
        return -1 if before in r.year_prepositions or not c2.isupper() else after

    def starts(self, j: int) -> bool:
        """Does a typical sentence-opening word start at ``j``?"""
        m = _WORD.match(self.text, j)
        if not m:
            return False
        w, e = m.group(), m.end()
        if e < self.n and self.text[e] == ".":
            if len(w) == 1:
                return False  # an initial: "J. A. Smith"
            if w.lower() in self.r.prepositive:
                return True  # "... in the U.S. Mr. Biden said"
        return w in self.r.starters

    def inside_brackets(self, pos: int) -> bool:
        lo = max(self.seg, pos - 200)
        t = self.text
        return t.count("(", lo, pos) > t.count(")", lo, pos) or t.count("[", lo, pos) > t.count("]", lo, pos)

    def no_space(self, rs: int, after: int) -> None:
        """``Hello world.Today is …``: cut unless the token is a URL, an e-mail, an initialism.

        A reference glued to the full stop (``martyr.[1] The``, ``consultation.11 12 Take``)
        ends the sentence with it.
        """
        text = self.text
        if rs == 0 or after + 1 >= self.n:
            return
        prev, nxt, nxt2 = text[rs - 1], text[after], text[after + 1]
        if nxt == "[" or (nxt.isdigit() and (prev.isalpha() or prev == ")")):
            m = _REFERENCE.match(text, after)
            if m:
                a = _skip(_HS_RUN, text, m.end())
                if a > m.end() and a < self.n and text[a].isupper():
                    self.cut(a)
            return
        if not (prev.islower() or prev.isdigit()) or not (nxt.isupper() and nxt2.islower()):
            return
        hi = text.find(" ", after, after + 64)
        token = text[self.token_start(rs) : hi if hi >= 0 else after + 64]
        if "@" in token or "/" in token or ":" in token or "www" in token.lower():
            return
        self.cut(after)

    # -- quotations, lists ----------------------------------------------------------------

    def quotation(self, qs: int, qe: int) -> None:
        """A quotation ``text[qs:qe]`` with its marks: never split inside, but it may end a sentence."""
        text, n = self.text, self.n
        i = qe - 2  # the last character inside, behind nested closing marks
        while i > qs and text[i] in _CLOSE and qe - i < 5:
            i -= 1
        ends = i > qs and text[i] in _TERM
        ce = _skip(_CLOSE_RUN, text, qe)
        nxt = text[ce] if ce < n else ""
        if nxt and nxt in _TERM:
            return  # "«…?»." : the punctuation after it ends the sentence
        e, a = ce, _skip(_HS_RUN, text, ce)  # e: the end of the quotation and a remark on it
        aside = _ASIDE.match(text, a) if nxt and text[i] in _STRONG else None
        if aside and self.joins(a, aside.end()):
            e = aside.end()
            if e < n and text[e] in _TERM:
                return
            a = _skip(_HS_RUN, text, e)
        c = text[a] if a < n else ""
        broken_off = text[i] in _DASH  # "… afore she comes, to--" At this moment
        if not (ends or broken_off) or (nxt and nxt in ",;:") or self.continues(a):
            return  # part of a longer sentence: "Help yourself," shouted Candy / "No!" she said
        if broken_off and a > ce and c.isupper():
            self.cut(a)
        elif a > e and c and c not in _LB:
            rs = i
            while rs > qs + 1 and i - rs < 8 and text[rs - 1] in _TERM:
                rs -= 1
            cut = self.decide(rs, i + 1, ce, a)
            if cut >= 0:
                self.cut(cut)

    def joins(self, a: int, e: int) -> bool:
        """Is the remark ``text[a:e]`` on a quotation part of its sentence (module docstring)?"""
        w = _WORD.match(self.text, a + 1)  # (Which nobody expected.) / (in Belarusian) / (Long live!) is
        joined = bool(w and w.group().lower() in self.r.aside_joiners)
        return joined or self.continues(a) or self.continues(_skip(_HS_RUN, self.text, e))

    def continues(self, a: int) -> bool:
        """Does the sentence go on at ``a`` (a lowercase word, also behind "(" or a dash)?"""
        text, n = self.text, self.n
        if a >= n:
            return False
        c = text[a]
        if c in "([" and a + 1 < n:
            c = text[a + 1]
        elif c in _DASH:
            b = a
            while b < n and b - a < 6 and (text[b] in _DASH or text[b] == " "):
                b += 1
            c = text[b] if b < n else ""
            if self.r.dash_continues:
                return True
        return c.islower()

    def paren(self, pos: int) -> None:
        """``a)``, ``(iii)``, ``2)`` followed by a space: maybe an item of an inline list."""
        ws = self.token_start(pos)
        if pos - ws <= 7:
            body = self.text[ws:pos].lstrip(_BULLET)
            paren = body[:1] == "("
            self.list_marker(ws, body[1:] if paren else body, "()" if paren else ")", "", -1)

    def list_marker(self, start: int, body: str, style: str, c2: str, j: int) -> None:
        """Remember a list marker; two in sequence (1. 2. / a) b) / (iv) (v)) split a list.

        ``style`` is how it is written: ``.`` (1.), ``.)`` (1.), ``)`` (a)) or ``()`` ((iv)).
        An item starts at its bullet: "• 9. The first item".
        """
        text = self.text
        if start >= 2 and text[start - 1] in " \t" and text[start - 2] in _BULLET:
            start -= 2
        low = body.lower()
        if body.isdigit():
            if len(body) > 2 or (style == "." and not c2.isupper()):
                return  # "for 1. above" is no list
            if style == ".":
                m = _WORD.match(text, j)
                if m and m.group() in self.r.ordinal_followers:
                    return  # "am 1. März … am 2. April"
            values: tuple[tuple[str, int], ...] = (("n", int(body)),)
            style += "9"
        elif body.isalpha() and (len(body) == 1 or low in _ROMAN):
            if style == "." and not (body.islower() and body.isascii()):
                return  # "John A. Smith … Jane B. Smith" are initials; "і г. д." is no list
            values = ((("a", ord(low)),) if len(body) == 1 else ()) + ((("r", _ROMAN[low]),) if low in _ROMAN else ())
            style += "a" if body.islower() else "A"
        else:
            return
        if start > self.seg and not text[start - 1].isspace():
            return
        prev = self.marker
        self.marker = (style, values, start, -1)
        if prev is None or prev[0] != style or start - prev[2] > 1000:
            return
        if any((k, v + 1) in values for k, v in prev[1]):
            self.retro = True
            if prev[2] > 0:
                self.cuts.append(prev[2])
            if prev[3] >= 0:
                self.vetoed.add(prev[3])
            self.cuts.append(start)
            self.seg = max(self.seg, start)


# --------------------------------------------------------------------------------------
# Public API


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of ``text``; ends are stripped of whitespace."""
    r = rules(lang)
    spans: list[tuple[int, int]] = []
    a = 0
    for b in [*_Scanner(text, r).run(), len(text)] if text else ():
        piece = text[a:b]
        body = piece.lstrip()
        if body:
            start = a + len(piece) - len(body)
            spans.append((start, start + len(body.rstrip())))
        a = b
    return spans


def segment(text: str, lang: str) -> list[str]:
    """Split ``text`` into sentences (stripped).  Only whitespace lies between and around them.

    ``lang`` is one of :func:`languages` (``en``, ``de``, ``be``, ``ru``, ``uk``, ``pl``); another
    raises :class:`SegmentError`.  Line breaks always end a sentence.
    """
    r = rules(lang)
    cuts = _Scanner(text, r).run() if text else []
    pieces = [text[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(text)])]
    return [p for p in pieces if p]


def segment_document(doc: Document) -> tuple[Segment, ...]:
    """The translation units of ``doc``, in order.

    Prose blocks (:attr:`BlockKind.is_prose`) are split into sentences unless the block or
    the whole document is marked ``keep_whole``; titles, headings, list items, captions,
    credits and bylines are one segment each.  Every segment carries ``doc.path``, the
    block's line, kind and index, its number among the block's sentences, and ``column``:
    the 1-based offset of the sentence in ``block.text`` (the source line without its
    leading and trailing whitespace; for a block joined from wrapped lines, the offset in
    the joined text).  Segment texts never start or end with whitespace.
    """
    lang = doc.meta.language or "en"
    try:
        rules(lang)
    except SegmentError as exc:
        raise SegmentError(f"{doc.path}: {exc}") from None
    out: list[Segment] = []
    whole_doc = doc.meta.keep_whole
    for block in doc.published_blocks:
        text = block.text
        if block.kind.is_prose and not (whole_doc or block.keep_whole):
            spans = sentence_spans(text, lang)
        else:
            body = text.strip()
            start = len(text) - len(text.lstrip())
            spans = [(start, start + len(body))] if body else []
        for i, (s, e) in enumerate(spans, 1):
            out.append(Segment(text[s:e], doc.path, block.line, block.kind, block.index, i, len(spans), s + 1))
    return tuple(out)
