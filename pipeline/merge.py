"""Update semantics for catalogs: msgmerge ``--previous``, then better.

Given the old translations (*definitions*) and a new template (*reference*):

* an exact (msgctxt, msgid) match keeps translation, flags and translator comments; an
  obsolete entry whose sentence returns comes back active;
* an edit that only touches whitespace, quote style or dashes carries the translation over
  without ``fuzzy``; anything else (and always a changed number, negation or proper name)
  goes through the similarity search and comes back ``fuzzy`` with ``#| msgid``;
* a new sentence is looked up in the translation memory (other catalogs of the same
  language): an exact match is filled in (before any fuzzy match of the catalog itself);
  failing both, a close match comes in fuzzy with a translator comment naming its source;
* every old entry whose msgid left the template and that was not carried over to an edited
  sentence becomes obsolete (``#~``), so no translation is ever dropped.

The similarity search is an inverted index over word tokens (blocking on the rarest shared
words) scored with rapidfuzz's normalized Indel ratio, the measure behind gettext's fstrcmp;
the threshold is msgmerge's 0.6.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import process
from rapidfuzz.distance import Indel

from pipeline.lang import all_negations
from pipeline.pofile import Catalog, Message, set_header_fields

FUZZY_THRESHOLD = 0.6
_WORD = re.compile(r"\w+")
_OLDER = "older translation: "  # the comment that keeps a colliding obsolete translation


# ----------------------------------------------------------------------- change analysis

_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"})
_DASH = re.compile(r"\s*[-‐‑‒–—―−]+\s*")
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[^\W\d_][\w'’-]*")  # then: capitalised, in any script


def _names(text: str) -> Counter[str]:
    return Counter(w for w in _NAME.findall(text) if w[0].isupper())


def normalize(text: str) -> str:
    """The text with whitespace, quote style and dashes made uniform."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    text = _DASH.sub("-", text)
    return _SPACE.sub(" ", text).strip()


def _negations(text: str) -> Counter[str]:
    words = _WORD.findall(text.lower().replace("n't", " n't"))
    negations = all_negations()  # every language's [merge] negations: msgids are in any source language
    found: Counter[str] = Counter(w for w in words if w in negations)
    found["n't"] += text.lower().count("n't")
    return +found


def critical_change(old: str, new: str) -> str | None:
    """Why an edit must be reviewed whatever its similarity: a number, a negation or a name."""
    if _NUMBER.findall(old) != _NUMBER.findall(new):
        return "number changed"
    if _negations(old) != _negations(new):
        return "negation changed"
    if _names(old) != _names(new):
        return "proper name changed"
    return None


def cosmetic_change(old: str, new: str) -> bool:
    """True if only whitespace, quote style or dashes differ (translation still valid)."""
    return old != new and normalize(old) == normalize(new) and critical_change(normalize(old), normalize(new)) is None


# ----------------------------------------------------------------------- similarity index


class SimilarityIndex:
    """Finds the most similar msgid among many, by blocking on rare shared words.

    Candidates are entries sharing one of the query's rarest words; they are ranked by
    how many such words they share, and the best few are scored exactly.  Scoring is
    ``Indel.normalized_similarity`` (2·LCS / (len a + len b)), the measure of gettext's fstrcmp.
    """

    def __init__(self, texts: Sequence[str], *, probe_words: int = 6, max_candidates: int = 600) -> None:
        self.texts = list(texts)
        # Scored on UTF-8 bytes, as gettext's fstrcmp does (a curly quote weighs three).
        self.encoded = [t.encode("utf-8") for t in self.texts]
        self.probe_words = probe_words
        self.max_candidates = max_candidates
        self.postings: dict[str, list[int]] = {}
        for i, text in enumerate(self.texts):
            for word in set(_WORD.findall(text.lower())):
                self.postings.setdefault(word, []).append(i)
        self.lengths = [len(t) for t in self.encoded]

    def best(self, query: str, threshold: float = FUZZY_THRESHOLD) -> tuple[int, float] | None:
        """Index and score of the most similar text (first one on ties), or None below threshold."""
        words = set(_WORD.findall(query.lower()))
        postings = sorted((self.postings[w] for w in words if w in self.postings), key=len)
        # Probe the rarest words first; if that finds nothing, every shared word.
        common = max(64, len(self.texts) // 50)
        rare = [p for p in postings[: self.probe_words] if len(p) <= common]
        hit = self._search(query, rare, threshold) if rare else None
        if hit is None and len(rare) < len(postings):
            hit = self._search(query, postings, threshold)
        return hit

    def _search(self, query: str, probe: Sequence[list[int]], threshold: float) -> tuple[int, float] | None:
        counts: Counter[int] = Counter()
        for plist in probe:
            counts.update(plist)
        if not counts:
            return None
        encoded = query.encode("utf-8")
        qlen = len(encoded)
        # 2·min/(a+b) ≥ threshold bounds the length ratio of any candidate.
        lo = qlen * threshold / (2 - threshold)
        hi = qlen * (2 - threshold) / threshold
        lengths = self.lengths
        ids = sorted(i for i, _ in counts.most_common(self.max_candidates) if lo <= lengths[i] <= hi)
        if not ids:
            return None
        texts = self.encoded
        hit = process.extractOne(encoded, [texts[i] for i in ids], scorer=Indel.normalized_similarity,
                                 processor=None, score_cutoff=threshold)
        if hit is None:
            return None
        return ids[hit[2]], float(hit[1])


# ----------------------------------------------------------------------- merging


@dataclass(frozen=True)
class Decision:
    """What happened to one template entry."""

    msgctxt: str | None
    msgid: str
    kind: str  # exact, revived, cosmetic, fuzzy, memory, memory-fuzzy, new
    source: str | None = None  # the old msgid (fuzzy/cosmetic) or the memory catalog path
    reason: str | None = None  # for fuzzy: why review is needed


@dataclass(frozen=True)
class MergeResult:
    catalog: Catalog
    decisions: tuple[Decision, ...]
    obsoleted: tuple[Message, ...]  # entries made obsolete by this merge

    def count(self, kind: str) -> int:
        return sum(1 for d in self.decisions if d.kind == kind)


def _fit_plurals(template: Message, old: Message, nplurals: int) -> tuple[str, tuple[str, ...], bool]:
    """msgstr / msgstr_plural for ``template`` from ``old``'s translation; True if reshaped."""
    if template.msgid_plural is None:
        if old.msgid_plural is None:
            return old.msgstr, (), False
        return (old.msgstr_plural[0] if old.msgstr_plural else ""), (), True
    forms = old.msgstr_plural if old.msgid_plural is not None else (old.msgstr,)
    fitted = tuple(forms[:nplurals]) + ("",) * max(0, nplurals - len(forms))
    return "", fitted, fitted != forms or old.msgid_plural is None


def _from_template(
    t: Message,
    *,
    msgstr: str = "",
    msgstr_plural: tuple[str, ...] = (),
    comments: tuple[str, ...] = (),
    flags: tuple[str, ...] | None = None,
    previous_msgctxt: str | None = None,
    previous_msgid: str | None = None,
    previous_msgid_plural: str | None = None,
) -> Message:
    """The template entry with a translation (and its review state) filled in."""
    return Message(
        t.msgid, msgstr, t.msgctxt, t.msgid_plural, msgstr_plural, comments, t.extracted, t.references,
        tuple(f for f in t.flags if f != "fuzzy") if flags is None else flags,
        previous_msgctxt, previous_msgid, previous_msgid_plural, False, t.line,
    )


def _template_flags(t: Message, old: Message, fuzzy: bool) -> tuple[str, ...]:
    flags = [f for f in t.flags if f != "fuzzy"]
    flags += [f for f in old.flags if f not in flags and f != "fuzzy" and not f.endswith("-format")]
    return (("fuzzy",) if fuzzy else ()) + tuple(flags)


def _carried(
    t: Message, m: Message, nplurals: int, previous: tuple[str | None, str | None, str | None], *, fuzzy: bool = False
) -> Message:
    """``t`` with ``m``'s translation, comments and flags.  It is fuzzy if ``fuzzy``, if ``m``
    was, or if its plural forms had to be reshaped; a fuzzy entry shows ``previous`` (msgctxt,
    msgid, msgid_plural) as its ``#|`` strings."""
    msgstr, plural, reshaped = _fit_plurals(t, m, nplurals)
    fuzzy = fuzzy or m.fuzzy or reshaped
    ctx, msgid, msgid_plural = previous if fuzzy else (None, None, None)
    return _from_template(t, msgstr=msgstr, msgstr_plural=plural, comments=m.comments, flags=_template_flags(t, m, fuzzy),
                          previous_msgctxt=ctx, previous_msgid=msgid, previous_msgid_plural=msgid_plural)


def merge_catalogs(
    definitions: Catalog | None,
    template: Catalog,
    *,
    memory: Sequence[Catalog] = (),
    nplurals: int | None = None,
    fuzzy_matching: bool = True,
    carry_cosmetic: bool = True,
) -> MergeResult:
    """Merge old translations into a new template (see the module docstring).

    ``definitions`` may be None for a new catalog.  ``nplurals`` defaults to the
    definitions' header (else 2).  The header is the old one with POT-Creation-Date taken
    from the template; callers adjust other fields.  ``carry_cosmetic=False`` gives plain
    msgmerge behaviour (cosmetic edits become fuzzy too).
    """
    old = definitions.messages if definitions is not None else ()
    n = nplurals or (definitions.nplurals if definitions is not None else None) or 2
    active: dict[tuple[str | None, str], int] = {}
    dead: dict[tuple[str | None, str], int] = {}
    for i, m in enumerate(old):
        if not m.is_header:
            (dead if m.obsolete else active)[m.key] = i
    used: set[int] = set()
    out: list[Message] = []
    decisions: list[Decision] = []

    old_header = definitions.header if definitions is not None else None
    t_header = template.header
    if old_header is not None:
        msgstr = old_header.msgstr
        pot_date = template.header_value("POT-Creation-Date")
        if pot_date is not None:
            msgstr = set_header_fields(msgstr, [("POT-Creation-Date", pot_date)])
        out.append(replace(old_header, msgstr=msgstr))
    elif t_header is not None:
        out.append(replace(t_header, flags=tuple(f for f in t_header.flags if f != "fuzzy")))

    # Candidates for fuzzy matching: translated old entries, active first (msgmerge's order).
    pool = [i for i, m in enumerate(old) if not m.is_header and m.has_translation and not m.obsolete]
    pool += [i for i, m in enumerate(old) if not m.is_header and m.has_translation and m.obsolete]
    by_norm: dict[tuple[str | None, str], int] | None = None  # built on first need
    index: SimilarityIndex | None = None
    mem_exact: dict[str, tuple[Message, str]] = {}
    mem_list: list[tuple[Message, str]] = []
    for cat in memory:
        for m in cat.entries:
            if m.translated and m.msgid_plural is None:
                mem_exact.setdefault(m.msgid, (m, cat.path))
                mem_list.append((m, cat.path))
    mem_index: SimilarityIndex | None = None

    for t in template.messages:
        if t.is_header or t.obsolete:
            continue
        found = active.get(t.key)
        kind = "exact"
        if found is None:
            found = dead.get(t.key)
            kind = "revived"
        if found is not None:
            m = old[found]
            used.add(found)
            out.append(_carried(t, m, n, (m.previous_msgctxt, m.previous_msgid, m.previous_msgid_plural)))
            decisions.append(Decision(t.msgctxt, t.msgid, kind))
            continue
        if carry_cosmetic:
            if by_norm is None:
                by_norm = {}
                for k in pool:
                    by_norm.setdefault((old[k].msgctxt, normalize(old[k].msgid)), k)
            j = by_norm.get((t.msgctxt, normalize(t.msgid)))
            if j is not None and cosmetic_change(old[j].msgid, t.msgid) and (old[j].msgid_plural is None) == (t.msgid_plural is None):
                m = old[j]
                used.add(j)
                out.append(_carried(t, m, n, (None, m.msgid, None)))
                decisions.append(Decision(t.msgctxt, t.msgid, "cosmetic", m.msgid))
                continue
        # An exact translation elsewhere beats a fuzzy one here.
        if t.msgid_plural is None and t.msgid in mem_exact:
            m, where = mem_exact[t.msgid]
            out.append(_from_template(t, msgstr=m.msgstr, comments=m.comments))
            decisions.append(Decision(t.msgctxt, t.msgid, "memory", where))
            continue
        if fuzzy_matching and pool:
            if index is None:
                index = SimilarityIndex([old[k].msgid for k in pool])
            hit = index.best(t.msgid)
            if hit is not None:
                m = old[pool[hit[0]]]
                used.add(pool[hit[0]])  # as msgmerge: the source lives on in the fuzzy entry
                out.append(_carried(t, m, n, (m.msgctxt, m.msgid, m.msgid_plural), fuzzy=True))
                reason = critical_change(m.msgid, t.msgid) or "source changed"
                decisions.append(Decision(t.msgctxt, t.msgid, "fuzzy", m.msgid, reason))
                continue
        if fuzzy_matching and t.msgid_plural is None and mem_list:
            if mem_index is None:
                mem_index = SimilarityIndex([m.msgid for m, _ in mem_list])
            hit = mem_index.best(t.msgid)
            if hit is not None:
                m, where = mem_list[hit[0]]
                note = f"translation memory: {where} ({round(hit[1] * 100)}% similar)"
                out.append(_from_template(t, msgstr=m.msgstr, comments=(note,), flags=_template_flags(t, m, True),
                                          previous_msgid=m.msgid))
                decisions.append(Decision(t.msgctxt, t.msgid, "memory-fuzzy", where, critical_change(m.msgid, t.msgid)))
                continue
        plural = ("",) * n if t.msgid_plural is not None else ()
        out.append(_from_template(t, msgstr_plural=plural))
        decisions.append(Decision(t.msgctxt, t.msgid, "new"))

    # Everything not carried over by key becomes (or stays) obsolete: nothing is lost.
    in_output: dict[tuple[str | None, str], tuple[str, ...]] = {}
    for o in out:
        if not o.is_header:
            in_output.setdefault(o.key, o.strings)
    obsoleted: list[Message] = []
    for i, m in enumerate(old):
        if m.is_header or i in used or not m.has_translation:
            continue
        if m.obsolete:
            if in_output.get(m.key) == m.strings:
                continue  # came back through another route with the same translation
            out.append(m)
            continue
        gone = replace(m, obsolete=True, references=(), extracted=())
        out.append(gone)
        obsoleted.append(gone)
    out = _unique_obsolete(out)
    path = definitions.path if definitions is not None else ""
    stamp = definitions.stamp if definitions is not None else None
    return MergeResult(Catalog(tuple(out), path, stamp), tuple(decisions), tuple(obsoleted))


def _unique_obsolete(messages: list[Message]) -> list[Message]:
    """One obsolete entry per key: a colliding older translation is kept as a comment."""
    first: dict[tuple[str | None, str], int] = {}
    out: list[Message] = []
    for m in messages:
        if not m.obsolete:
            out.append(m)
            continue
        j = first.get(m.key)
        if j is None:
            first[m.key] = len(out)
            out.append(m)
            continue
        kept = out[j]
        if m.strings != kept.strings:
            note = _OLDER + " | ".join(m.strings)
            if note not in kept.comments:
                out[j] = replace(kept, comments=kept.comments + (note,))
    return out


def lost_translations(before: Catalog, after: Catalog) -> list[Message]:
    """Entries of ``before`` whose translation text is nowhere in ``after`` (should be empty).

    A translation may move (to a fuzzy entry for the edited sentence, or to an obsolete
    entry), but its text must still be there for a translator to reuse.
    """
    have: set[tuple[str, ...]] = set()
    for m in after.messages:
        have.add(m.strings)
        for c in m.comments:
            if c.startswith(_OLDER):
                have.add(tuple(c[len(_OLDER) :].split(" | ")))
    return [m for m in before.messages if not m.is_header and m.has_translation and m.strings not in have]
