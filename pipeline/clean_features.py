"""What clean-up measures on a unit of text: language-aware features.

Prose of an article is dense in function words ("the", "of", "und", "на"); menus, tag clouds,
button labels and keyword spam are not.  This module holds the facts the classifier in
:mod:`pipeline.clean` weighs: stopword density against the page's language (stoplists are data,
``pipeline/data/stoplists/<lang>.txt``), length, sentence punctuation, title case, link shapes,
and keyword salad in any script.  Everything here looks at one unit at a time and is linear in
its length.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

LANGUAGES = ("en", "de", "ru", "be", "uk", "pl")

_WORD = re.compile(r"[^\W\d_][\w’'\-]*", re.UNICODE)
# A note's call may follow the full stop: "... in 2025.[3]", "... of the reserve.²"
_NOTE_CALL = r"(?:\[\d{1,3}\]|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+|\*{1,3}|†|‡)?"
_TERMINAL = re.compile(rf"[.!?…:;][\"'”’»“«)\]]*{_NOTE_CALL}$")
_SENTENCE_END = re.compile(rf"[.!?…][\"'”’»)\]]*{_NOTE_CALL}(?:\s|$)")
_URL = re.compile(r"https?://|www\.|\S+@\S+\.\w{2,}|\.(?:com|org|net|html?|php)\b", re.IGNORECASE)
# Menu and breadcrumb separators between short items ("Home › News", "EN | DE | PL").
# A copied menu often keeps its items apart by tabs or runs of spaces ("News   Region   Sport").
_SEPARATOR = re.compile(r"\s(?:[|›»/·•>]|::)\s|[^\s.!?:;,](?:\t+| {2,})(?=\S)")
# Short function words that stay lowercase in English title case.
SMALL_WORDS = frozenset(
    "a an the and or but nor of in on at to for by with from as is are be if vs via per up out off so yet "
    "into onto over than that who what its it".split()
)


@cache
def stoplist(language: str) -> frozenset[str]:
    """The stopwords of ``language`` (casefolded); empty for a language without a list."""
    if language not in LANGUAGES:
        return frozenset()
    path = resources.files("pipeline").joinpath(f"data/stoplists/{language}.txt")
    return frozenset(w.strip().casefold() for w in path.read_text(encoding="utf-8").splitlines() if w.strip())


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def sentence_count(text: str) -> int:
    return len(_SENTENCE_END.findall(text))


def title_case_ratio(text: str) -> float:
    """Share of significant words that start with a capital letter (0 if there are none)."""
    significant = [w for w in words(text) if w.casefold() not in SMALL_WORDS]
    if len(significant) < 2:
        return 0.0
    return sum(1 for w in significant if w[0].isupper()) / len(significant)


# ---------------------------------------------------------------------------------------
# Language


# Letters that only some Cyrillic orthographies use: a page with "ў" is Belarusian, one
# with "ї" or "є" Ukrainian, one with "ъ" or "ы" and no "і" Russian.  They settle what the
# stoplists, which share many words, leave close.
_MARKERS = {"be": "ў", "uk": "їєґ", "ru": "ъ"}
_FORBIDDEN = {"be": "щъи", "uk": "ыэъў", "ru": "іїєўґ"}


def language_scores(text: str, limit: int = 20000) -> dict[str, float]:
    """Stopword density of ``text`` (its first ``limit`` words) for every language with a list,
    adjusted by the letters that tell Cyrillic orthographies apart."""
    tokens = [w.casefold() for w in words(text)[:limit]]
    if not tokens:
        return {}
    letters = Counter("".join(tokens))
    total = sum(letters.values()) or 1
    scores: dict[str, float] = {}
    for language in LANGUAGES:
        stops = stoplist(language)
        score = sum(1 for t in tokens if t in stops) / len(tokens)
        if language in _MARKERS and sum(letters[c] for c in _MARKERS[language]) / total > 0.001:
            score += 0.1
        if language in _FORBIDDEN and sum(letters[c] for c in _FORBIDDEN[language]) / total > 0.002:
            score -= 0.2
        scores[language] = score
    return scores


def detect_language(text: str) -> str:
    """The language of ``text`` as a code ("en", "de", "be", ...), by stopword density;
    "" when no stoplist fits (too little text, or a language without a list)."""
    scores = language_scores(text)
    if not scores:
        return ""
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] >= 0.15 else ""


# ---------------------------------------------------------------------------------------
# Features of one unit


@dataclass(frozen=True)
class Features:
    """What the classifier weighs about one unit."""

    chars: int
    words: int
    stopwords: float  # share of the words that are stopwords of the page's language
    sentences: int  # sentence ends in the text
    ends_sentence: bool
    title_case: float
    linkish: bool  # a URL, e-mail address, or menu/breadcrumb separators between short items

    @property
    def percent(self) -> str:
        return f"{round(self.stopwords * 100)}% stopwords"


def features(text: str, language: str) -> Features:
    tokens = words(text)
    stops = stoplist(language)
    density = sum(1 for t in tokens if t.casefold() in stops) / len(tokens) if tokens else 0.0
    separators = len(_SEPARATOR.findall(text))
    linkish = bool(_URL.search(text)) or (separators >= 1 and not _SENTENCE_END.search(text) and len(tokens) <= 4 * (separators + 1))
    return Features(
        chars=len(text),
        words=len(tokens),
        stopwords=density,
        sentences=sentence_count(text),
        ends_sentence=ends_sentence(text),
        title_case=title_case_ratio(text),
        linkish=linkish,
    )


# ---------------------------------------------------------------------------------------
# Keyword salad: spam and tag clouds, in any script

# Commercial terms of SEO spam injected into hacked pages, in the scripts such spam comes in.
# Words of spam that hardly occur in an article, and words of spam that an article on the
# economy uses too ("state loans", "to buy gas", "кредит"): those count only beside the
# others, or in a line that is not a sentence of prose.
_SPAM_ONLY = frozenset(
    "escort escorts bayan casino casinos viagra cialis porn porno xxx bet365 slot slots jackpot payday"
    " replica hookup camgirl onlyfans freespins poker roulette gambling cbd"
    " 1win mostbet vavada pin-up melbet 1xbet levitra tramadol xanax rolex"
    " казино эскорт проститутки индивидуалки порно букмекер букмекерская слоты виагра микрозайм микрозаймы"
    " казіно kasyno chwilówki kasino"
    " gacor maxwin togel judi".split()  # the Indonesian slot spam of many hacked sites
    + " tragamonedas cassino apostas scommesse".split()  # the Spanish, Portuguese and Italian casino spam
)
_SPAM_ALSO = frozenset(
    "betting bonus bonuses loan loans pharmacy pills cheap buy essay essays crypto forex jerseys handbags dating"
    " ставки займ займы кредит бонус купить дешево недорого скачать торрент диплом дипломы наличными"
    " кредити позики zakłady pożyczki sex wetten зеркало дзеркало люстэрка".split()  # (a casino's "mirror" site)
    + " apuestas bono bonos préstamos prestamos pronósticos bônus empréstimos giros".split()
)
_SPAM_WORDS = _SPAM_ONLY | _SPAM_ALSO


def spam_hits(tokens: list[str]) -> int:
    return sum(1 for t in tokens if t.casefold() in _SPAM_WORDS)


def spam_only_hits(tokens: list[str]) -> int:
    """Words of ``tokens`` that only spam uses (casino, viagra, 1xbet, ...)."""
    return sum(1 for t in tokens if t.casefold() in _SPAM_ONLY)


_LATIN_OR_CYRILLIC = re.compile(r"[\u1c80-\u1c8f\u1d00-\u1eff\u2c60-\u2c7f\ua640-\ua69f\ua720-\ua7ff\ufb00-\ufb06\uff21-\uff5a]")


def foreign_script(text: str) -> str | None:
    """The name of the script most of ``text``'s letters are in when it is neither Latin nor
    Cyrillic (the scripts of the pipeline's languages), else None: spam injected into a page is
    often in Chinese, Japanese, Korean, Thai or Arabic."""
    if not text or max(text) < "\u0590":
        return None  # only Latin, Greek and Cyrillic letters (the common case, at C speed)
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4:
        return None
    other: Counter[str] = Counter()
    for c in letters:
        if ord(c) < 0x0590 or _LATIN_OR_CYRILLIC.match(c):
            continue  # the common case, without a name look-up
        script = unicodedata.name(c, "").split(" ")[0]
        if script not in ("LATIN", "CYRILLIC"):
            other["CJK" if script in ("CJK", "HIRAGANA", "KATAKANA") else script.title()] += 1
    if not other:
        return None
    script, count = other.most_common(1)[0]
    return script if sum(other.values()) / len(letters) >= 0.5 else None


def salad_reason(text: str, language: str) -> str | None:
    """Why ``text`` is keyword salad (spam or a tag cloud), or None: many words, almost no
    function words of any language, no sentence, and either commercial terms or the same
    words over and over."""
    tokens = words(text)
    if not tokens:
        return None
    script = foreign_script(text)
    if script is not None:
        return f"text in another script ({script}) than the page's languages"
    folded = [t.casefold() for t in tokens]
    hits = spam_hits(tokens)
    if (hits >= 3 and hits / len(tokens) >= 0.2) or (hits >= 2 and len(tokens) <= 40 and hits / len(tokens) >= 0.1):
        if spam_only_hits(tokens) or not _prose(text, folded, language):
            return f"spam keywords make up {hits} of {len(tokens)} words"
    if len(tokens) < 8 or sentence_count(text) >= 2:
        return None
    top, count = Counter(folded).most_common(1)[0]
    if count < 3 or count / len(folded) < 0.15:
        return None  # (checked first: it is cheaper than the densities)
    density = function_word_share(folded, language)
    if density >= 0.12:
        return None
    return f"keyword salad: {round(density * 100)}% stopwords, {top!r} {count} times in {len(tokens)} words"


def function_word_share(folded: list[str], language: str) -> float:
    """The share of function words in ``folded``, in the language where it is highest."""
    return max((sum(1 for t in folded if t in stoplist(lang)) / len(folded) for lang in {language, *LANGUAGES}), default=0.0)


def _prose(text: str, folded: list[str], language: str) -> bool:
    """A sentence of prose: a dozen words or more, a third of them function words, ending in a
    full stop ("Russian state loans and by domestic bonds that state banks are told to buy.")."""
    return len(folded) >= 12 and text.rstrip().endswith(".") and function_word_share(folded, language) >= 0.3
