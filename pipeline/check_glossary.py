"""The glossary: loading ``locales/glossary.csv`` and checking that terms are translated as fixed.

``glossary.csv`` has one row per English spelling (``en,be,de,type,note``); several spellings
map to one target (Lukashenka, Lukashenko, Aliaksandr Lukashenka … → Лукашэнка / Lukaschenko).
The side file ``glossary-exceptions.csv`` (``lang,term,kind,value,note``) holds what stemming
cannot know:

* ``form``: another accepted target form of the term, e.g. an irregular inflection or an
  accepted short form (be палітвязні for political prisoners, de russisch for Russia);
* ``ignore``: an English phrase inside which the term does not demand its target;
* ``forbidden``: a target form that must not be used at all (de Weißrussland, be Лукашенко).

Matching in the target is inflection-aware: each word of the target term is reduced to a stem
by the language's ``[glossary]`` rules in ``pipeline/data/lang/<code>.toml`` (be: final vowels,
ь, й, ў dropped; de: -e, -en, -er, -es, -s, -n, -em dropped; a language without rules: no
stemming) and a word of the translation matches if it starts with that stem and adds at most a few letters
(Лукашэнка → Лукашэнкі, Лукашэнку, Лукашэнкам; Lukaschenko → Lukaschenkos); a word that
contains the whole term word (five letters or more) may add up to eight letters, for German
derivations and compounds (Zivilgesellschaft → zivilgesellschaftlichen).  Words of a
multi-word term must appear in order, at most two words apart.  Letters the data file folds
are compared as one (be: ў as у).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.check_text import Issue
from pipeline.errors import SourceError
from pipeline.lang import language, unknown_reason

SOURCE_COLUMN = "en"  # the language of the first column: the terms that are looked up
TERM_TYPES = ("person", "place", "organisation", "publication", "term")
EXCEPTION_KINDS = ("form", "ignore", "forbidden")
_MAX_GAP = 2
_MAX_DERIVATION = 8


@dataclass(frozen=True)
class Term:
    """One English spelling of a term and its fixed target forms."""

    en: str
    targets: tuple[tuple[str, str], ...]  # (lang, form)
    type: str
    note: str
    line: int

    def target(self, lang: str) -> str:
        return dict(self.targets).get(lang, "")


@dataclass(frozen=True)
class Exception_:
    """One row of the exceptions side file."""

    lang: str  # a language code or "*"
    term: str
    kind: str
    value: str
    note: str
    line: int


@dataclass(frozen=True)
class Glossary:
    """The glossary and its exceptions, ready for matching."""

    terms: tuple[Term, ...]
    exceptions: tuple[Exception_, ...] = ()
    path: str = "locales/glossary.csv"
    languages: tuple[str, ...] = ()  # the target languages it has a column for (() = its terms')

    @property
    def columns(self) -> tuple[str, ...]:
        """The target languages the glossary fixes terms for."""
        if self.languages:
            return self.languages
        return tuple(dict.fromkeys(lang for t in self.terms for lang, _ in t.targets))

    def missing(self, languages: Iterable[str]) -> tuple[str, ...]:
        """Those of ``languages`` without a column: no glossary checks for them."""
        return tuple(lang for lang in languages if lang not in self.columns and lang != SOURCE_COLUMN)

    def missing_warning(self, languages: Iterable[str], display: str | None = None) -> str | None:
        """The one warning to show when some target languages have no column, or None."""
        missing = self.missing(languages)
        if not missing:
            return None
        names = ", ".join(missing)
        return (f"{display or self.path}: no {names} column: no glossary checks for {names} "
                f"(add the column to check {'them' if len(missing) > 1 else 'it'})")

    def invariants(self, lang: str) -> tuple[str, ...]:
        """English terms that stay the same in ``lang`` (Chatham House, Foreign Policy)."""
        return tuple(t.en for t in self.terms if t.target(lang) == t.en)

    def forms(self, term: Term, lang: str) -> tuple[str, ...]:
        extra = tuple(
            x.value for x in self.exceptions
            if x.kind == "form" and x.term in (term.en, term.target(lang)) and x.lang in (lang, "*")
        )
        return (term.target(lang), *extra)


# ---------------------------------------------------------------------------------------------
# loading

def _rows(path: Path, header: tuple[str, ...]) -> Iterable[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(path, None, f"not UTF-8: {exc}") from None
    lines = text.splitlines()
    reader = csv.reader(lines)
    try:
        first = next(reader)
    except StopIteration:
        raise SourceError(path, 1, "empty file; expected a header " + ",".join(header)) from None
    if tuple(c.strip() for c in first) != header:
        raise SourceError(path, 1, f"header must be {','.join(header)}", line_text=lines[0])
    for row in reader:
        lineno = reader.line_num
        if not row or all(not c.strip() for c in row) or row[0].startswith("#"):
            continue
        if len(row) != len(header):
            raise SourceError(path, lineno, f"expected {len(header)} columns, found {len(row)}",
                              line_text=lines[lineno - 1])
        yield lineno, {h: c.strip() for h, c in zip(header, row)}


def load_glossary(path: str | Path, exceptions: str | Path | None = None, *, languages: tuple[str, ...] | None = None) -> Glossary:
    """Read and validate ``glossary.csv`` (and ``glossary-exceptions.csv`` beside it if present).

    The header is ``en``, a column per target language, ``type``, ``note``.  A language of
    ``languages`` without a column (one just added to the project) is left out: the glossary
    checks nothing for it (``Glossary.missing`` names it, for a warning).  ``languages=None``
    takes every column the header has (the project's target languages come from its config)."""
    path = Path(path)
    languages = _columns(path, languages)
    header = ("en", *languages, "type", "note")
    terms: list[Term] = []
    seen: dict[str, Term] = {}
    for lineno, row in _rows(path, header):
        if not row["en"]:
            raise SourceError(path, lineno, "empty English term")
        if row["type"] not in TERM_TYPES:
            raise SourceError(path, lineno, f"type {row['type']!r} is not one of {', '.join(TERM_TYPES)}")
        missing = [lang for lang in languages if not row[lang]]
        if missing:
            raise SourceError(path, lineno, f"term {row['en']!r} has no {', '.join(missing)} form")
        term = Term(row["en"], tuple((lang, row[lang]) for lang in languages), row["type"], row["note"], lineno)
        if row["en"] in seen:
            raise SourceError(path, lineno, f"duplicate term {row['en']!r} (first on line {seen[row['en']].line})")
        seen[row["en"]] = term
        terms.append(term)
    if exceptions is None:
        candidate = path.with_name("glossary-exceptions.csv")
        exceptions = candidate if candidate.exists() else None
    excs: list[Exception_] = []
    if exceptions is not None:
        xpath = Path(exceptions)
        known = set(seen) | {t.target(lang) for t in terms for lang in languages}
        for lineno, row in _rows(xpath, ("lang", "term", "kind", "value", "note")):
            if row["lang"] not in (*languages, "*"):
                raise SourceError(xpath, lineno, f"lang {row['lang']!r} is not one of {', '.join(languages)} or *")
            if row["kind"] not in EXCEPTION_KINDS:
                raise SourceError(xpath, lineno, f"kind {row['kind']!r} is not one of {', '.join(EXCEPTION_KINDS)}")
            if row["term"] not in known:
                raise SourceError(xpath, lineno, f"term {row['term']!r} is not in {path.name}")
            if not row["value"]:
                raise SourceError(xpath, lineno, "empty value")
            excs.append(Exception_(row["lang"], row["term"], row["kind"], row["value"], row["note"], lineno))
    return Glossary(tuple(terms), tuple(excs), str(path), languages)


def _columns(path: Path, languages: tuple[str, ...] | None) -> tuple[str, ...]:
    """The target languages of ``languages`` (None: any) that the header has a column for, in
    order (every one of them when the header is anything else: ``_rows`` then names the
    header it expects)."""
    try:
        first = path.read_text(encoding="utf-8").partition("\n")[0]
    except (OSError, UnicodeDecodeError):
        return languages or ()
    cells = tuple(c.strip() for c in next(csv.reader([first]), []))
    if len(cells) < 3 or cells[0] != "en" or cells[-2:] != ("type", "note"):
        if languages is None:
            raise SourceError(path, 1, "header must be en, a column per target language (such as be,de), type,note",
                              line_text=first)
        return languages
    if languages is None:
        columns = cells[1:-2]
        twice = [c for i, c in enumerate(columns) if c in columns[:i]]
        if twice:
            raise SourceError(path, 1, f"column {twice[0]!r} appears twice", line_text=first)
        for column in columns:
            reason = unknown_reason(column)
            if reason is not None:
                raise SourceError(path, 1, f"column {column!r}: {reason}", line_text=first)
        return columns
    present = tuple(lang for lang in languages if lang in cells[1:-2])
    return present if present == cells[1:-2] else languages


# ---------------------------------------------------------------------------------------------
# matching

def _fold(text: str, lang: str = "") -> str:
    folded = language(lang).fold_text(text) if lang else text.casefold()
    return folded.replace("’", "'").replace("ʼ", "'")


_TOKEN_RE = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")


def stem(word: str, lang: str) -> str:
    """The part of ``word`` every inflected form of it starts with (folded)."""
    facts = language(lang)
    w = _fold(word, lang)
    if facts.strip_letters:
        base = w.rstrip(facts.strip_letters)
        # Keep three letters of longer words (Кіеў → кіе: Кіева, Кіеве), two of short ones
        # (імя → ім), and never strip a one- or two-letter word (у, па).
        if len(w) <= 2:
            return w
        return base if len(base) >= (3 if len(w) >= 4 else 2) else w[: 3 if len(w) >= 4 else 2]
    if facts.strip_suffixes:
        for ending in facts.strip_suffixes:
            if w.endswith(ending) and len(w) - len(ending) >= 4:
                return w[: -len(ending)]
        return w
    return w


def _tokens(text: str, lang: str = "") -> list[str]:
    return [_fold(m.group(), lang) for m in _TOKEN_RE.finditer(text)]


def _form_at(form: str, tokens: list[str], lang: str) -> int | None:
    """Index of the token where ``form`` (inflected) starts in ``tokens``, or None."""
    words = _tokens(form, lang)
    stems = [stem(w, lang) for w in words]
    limit = language(lang).max_suffix

    def ok(tok: str, word: str, st: str) -> bool:
        if len(word) <= 2:
            return tok == word  # prepositions and the like: exact (у/ў already folded)
        if tok.startswith(word) and len(word) >= 5:
            # The whole word, then a derivation or compound tail (zivilgesellschaftlich).
            return len(tok) - len(word) <= _MAX_DERIVATION
        return tok.startswith(st) and len(tok) - len(st) <= limit

    for i, tok in enumerate(tokens):
        if not ok(tok, words[0], stems[0]):
            continue
        pos, good = i, True
        for word, st in zip(words[1:], stems[1:]):
            nxt = next((j for j in range(pos + 1, min(len(tokens), pos + 2 + _MAX_GAP)) if ok(tokens[j], word, st)), None)
            if nxt is None:
                good = False
                break
            pos = nxt
        if good:
            return i
    return None


@lru_cache(maxsize=None)
def _first_piece(term: str) -> str:
    """The term's first literal piece, lower-cased: every match of its pattern contains it."""
    return next((p for p in re.split(r"[\s\-]+|['’]", term) if p), term).lower()


@lru_cache(maxsize=None)
def _source_pattern(term: str) -> re.Pattern[str]:
    # Cached: every entry of every catalog looks for every term (the build's QA gate checks
    # all catalogs before the PDFs can start, so this is on the build's critical path).
    parts = []
    for piece in re.split(r"([\s\-]+|['’])", term):
        if not piece:
            continue
        if piece in ("'", "’"):
            parts.append("['’]")
        elif not piece.strip(" -\t\n"):
            parts.append(r"[\s\-]+")
        else:
            parts.append(re.escape(piece))
    body = "".join(parts)
    flags = 0 if any(ch.isupper() for ch in term) else re.IGNORECASE
    return re.compile(rf"(?<![\w\-]){body}(?:e?s|['’]s|['’])?(?![\w])", flags)


def find_terms(glossary: Glossary, source: str, lang: str) -> list[Term]:
    """Glossary terms in ``source``, longest spelling first, each span counted once."""
    taken = [False] * len(source)
    ignores = [x for x in glossary.exceptions if x.kind == "ignore" and x.lang in (lang, "*")]
    found: list[Term] = []
    folded = source.lower()
    for term in sorted(glossary.terms, key=lambda t: len(t.en), reverse=True):
        if _first_piece(term.en) not in folded:
            continue  # a necessary condition, cheaper than the pattern
        for m in _source_pattern(term.en).finditer(source):
            if any(taken[m.start():m.end()]):
                continue
            for i in range(m.start(), m.end()):
                taken[i] = True
            ignored = any(
                x.term in (term.en, term.target(lang))
                and any(a <= m.start() and m.end() <= a + len(x.value) for a in _all_indexes(source, x.value))
                for x in ignores
            )
            if not ignored and term not in found:
                found.append(term)
    return found


def _all_indexes(text: str, sub: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(sub), text)]


def check_glossary(glossary: Glossary, source: str, translation: str, lang: str,
                   source_lang: str = SOURCE_COLUMN) -> list[Issue]:
    """Each glossary term of the source has its target form (inflected) in the translation,
    and no forbidden form appears.  A source in another column's language (an article written
    in Belarusian): see :func:`_check_from`."""
    if source_lang != SOURCE_COLUMN:
        return _check_from(glossary, source, translation, lang, source_lang)
    issues: list[Issue] = []
    if lang not in glossary.columns:
        return issues  # no column for this language: nothing is fixed (the caller warns once)
    tokens = _tokens(translation, lang)
    for term in find_terms(glossary, source, lang):
        target = term.target(lang)
        if not target:
            continue
        if not any(_form_at(form, tokens, lang) is not None for form in glossary.forms(term, lang)):
            issues.append(Issue("glossary", f"“{term.en}” should be translated as “{target}” (any inflected form)"))
    originals = [m.group() for m in _TOKEN_RE.finditer(translation)]
    for x in glossary.exceptions:
        at = _form_at(x.value, tokens, lang) if x.kind == "forbidden" and x.lang in (lang, "*") else None
        if at is not None:
            want = next((t.target(lang) for t in glossary.terms if x.term in (t.en, t.target(lang))), x.term)
            issues.append(Issue("glossary", f"“{originals[at]}” is not used in this project: write “{want}”"
                                + (f" ({x.note})" if x.note else "")))
    return issues


def _check_from(glossary: Glossary, source: str, translation: str, lang: str, source_lang: str) -> list[Issue]:
    """The glossary read from another of its columns: each term whose ``source_lang`` form
    (inflected: Лукашэнкі) is in the source wants, in the translation, one of its English
    spellings (an English target) or its ``lang`` form (inflected).  Warnings, not errors: a
    stem found in an inflected source may belong to a derived word (Расія, расійскі)."""
    if source_lang not in glossary.columns or (lang != SOURCE_COLUMN and lang not in glossary.columns):
        return []
    src_tokens = _tokens(source, source_lang)
    tgt_tokens = _tokens(translation, lang)
    by_form: dict[str, list[Term]] = {}
    for term in glossary.terms:
        by_form.setdefault(term.target(source_lang), []).append(term)
    issues: list[Issue] = []
    for form, terms in by_form.items():
        if not form or _form_at(form, src_tokens, source_lang) is None:
            continue
        if lang == SOURCE_COLUMN:
            ok = any(_source_pattern(t.en).search(translation) for t in terms)
            want = terms[0].en
        else:
            forms = dict.fromkeys(f for t in terms for f in glossary.forms(t, lang) if f)
            ok = not forms or any(_form_at(f, tgt_tokens, lang) is not None for f in forms)
            want = terms[0].target(lang)
        if not ok:
            issues.append(Issue("glossary", f"“{form}” should be translated as “{want}”", "warning"))
    return issues


# ---------------------------------------------------------------------------------------------
# TBX export for Weblate and other CAT tools

_TBX_FORBIDDEN = "deprecatedTerm-admn-sts"  # what translate-toolkit and Weblate read as forbidden


def format_tbx(glossary: Glossary, lang: str, source_lang: str = "en") -> str:
    """The glossary for one target language as bilingual TBX (what a Weblate glossary
    component reads, one file per language).  Each English spelling is one entry; accepted
    extra forms go in a note; forbidden forms are entries of their own whose only target
    term is marked ``deprecatedTerm-admn-sts``, which Weblate imports as forbidden."""
    from xml.etree import ElementTree as ET

    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    root = ET.Element("martif", {"type": "TBX", xml_lang: source_lang})
    header = ET.SubElement(ET.SubElement(ET.SubElement(root, "martifHeader"), "fileDesc"), "sourceDesc")
    ET.SubElement(header, "p").text = f"Generated from {Path(glossary.path).name}; edit that file, not this one."
    body = ET.SubElement(ET.SubElement(root, "text"), "body")

    def entry(ident: str, source: str, target: str, note: str, forbidden: bool = False) -> None:
        node = ET.SubElement(body, "termEntry", {"id": ident})
        if note:
            ET.SubElement(node, "descrip", {"type": "definition"}).text = note
        for code, text in ((source_lang, source), (lang, target)):
            tig = ET.SubElement(ET.SubElement(node, "langSet", {xml_lang: code}), "tig")
            ET.SubElement(tig, "term").text = text
            if code == lang and forbidden:
                ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = _TBX_FORBIDDEN

    for term in glossary.terms:
        extra = glossary.forms(term, lang)[1:]
        note = "; ".join(filter(None, [term.type, term.note, ("also: " + ", ".join(extra)) if extra else ""]))
        entry(f"line-{term.line}", term.en, term.target(lang), note)
    for x in glossary.exceptions:
        if x.kind == "forbidden" and x.lang in (lang, "*"):
            en = next((t.en for t in glossary.terms if x.term in (t.en, t.target(lang))), x.term)
            entry(f"forbidden-{x.line}", en, x.value, x.note, forbidden=True)
    ET.indent(root)
    body_xml = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd">\n'
            + body_xml + "\n")
