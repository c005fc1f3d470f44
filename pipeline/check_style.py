"""Typography and house-style checks of a translation (part of the check stage).

The facts of each language (which words a number is bound to with a no-break space, the ways
a date is written, masculine and feminine titles of persons) are data in
``pipeline/data/lang/<lang>.toml`` (read through :mod:`pipeline.lang`).  The project's own decisions (the date style of running
text, the title policy and whom it applies to) are data too, in ``locales/style.toml``::

    [be]
    dates = "года"            # a key of [dates] styles in pipeline/data/lang/be.toml
    titles = "feminine"       # or "masculine" (the generic masculine)
    women = ["Вольга Дрындава", "Святлана Ціханоўская"]

The checks:

``nbsp``       a plain space where the language wants a no-break space: between a number and a
               unit, currency or abbreviation (be «2020 г.», «5 тыс.», «3 млн»; de „92 Prozent“,
               „5 Uhr“, „18 Milliarden“), and in German between day and month („24. Februar“);
``copyright``  "(c)" written for ©;
``datestyle``  a catalog mixing date styles (be «2020 г.» and «2020 года»): every entry in a
               style other than the project's (or, without one, the catalog's usual one);
``titles``     the title of a woman in the masculine under the ``feminine`` policy (a masculine
               title right before her name, or right after it in apposition), or any feminine
               title under the ``masculine`` policy.

All of them are warnings: they never hold a sentence back from publication.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline import tomlfile
from pipeline.check_text import Issue, TextContext, mask_identifiers
from pipeline.errors import ConfigError
from pipeline.lang import language

TITLE_POLICIES = ("feminine", "masculine")


@dataclass(frozen=True)
class HouseStyle:
    """The project's decisions for one language (``locales/style.toml``)."""

    dates: str = ""  # the date style of running text; "" = whichever the catalog mostly uses
    titles: str = ""  # "feminine", "masculine" or "" (no policy)
    women: tuple[str, ...] = ()  # names (as the translation writes them) the feminine policy applies to


def load_house_style(path: Path, languages: Iterable[str] | None = None) -> dict[str, HouseStyle]:
    """``locales/style.toml``: one table per language.  Unknown keys, a title policy that is
    not one of :data:`TITLE_POLICIES` and a date style the language does not have are errors
    naming the key."""
    data = tomlfile.load(path)
    out: dict[str, HouseStyle] = {}
    for lang, table in data.items():
        if not isinstance(table, dict):
            raise ConfigError(path, lang, "expected a table")
        if languages is not None and lang not in languages:
            raise ConfigError(path, lang, "not a target language of the project")
        unknown = sorted(set(table) - {"dates", "titles", "women"})
        if unknown:
            raise ConfigError(path, f"{lang}.{unknown[0]}", "unknown key")
        dates, titles, women = table.get("dates", ""), table.get("titles", ""), table.get("women", [])
        if not isinstance(dates, str) or not isinstance(titles, str):
            raise ConfigError(path, f"{lang}.{'dates' if not isinstance(dates, str) else 'titles'}", "expected a string")
        if not isinstance(women, list) or not all(isinstance(w, str) for w in women):
            raise ConfigError(path, f"{lang}.women", "expected a list of strings")
        if titles and titles not in TITLE_POLICIES:
            raise ConfigError(path, f"{lang}.titles", f'expected "feminine" or "masculine", got {titles!r}')
        known = [name for name, _ in language(lang).date_styles]
        if dates and dates not in known:
            raise ConfigError(path, f"{lang}.dates", f"expected one of {', '.join(map(repr, known)) or 'nothing'}")
        out[lang] = HouseStyle(dates, titles, tuple(women))
    return out


def _show(text: str) -> str:
    return text.replace("\u00a0", "⍽")


# ---------------------------------------------------------------------------------------------
# nbsp

@lru_cache(maxsize=None)
def _months(lang: str) -> str:
    """The month names of ``lang`` (CLDR, as dates write them) as a regex alternation."""
    from babel import Locale

    names = Locale.parse(lang.replace("-", "_")).months["format"]["wide"]
    return "|".join(sorted((re.escape(str(n)) for n in names.values()), key=len, reverse=True))


@lru_cache(maxsize=None)
def _nbsp_re(lang: str) -> re.Pattern[str] | None:
    facts = language(lang)
    words = [re.escape(w) + (r"(?!\w)" if w[-1].isalnum() else "") for w in facts.after_number]
    words += [re.escape(s) + r"\w*" for s in facts.after_number_stems]
    if not words:
        return None
    return re.compile(r"(?<![\w.,])(\d+(?:[.,\u00a0]\d+)*)( )(" + "|".join(sorted(words, key=len, reverse=True)) + ")")


def check_nbsp(source: str, translation: str, lang: str, ctx: TextContext) -> list[Issue]:
    """A plain space where ``lang`` binds with a no-break space (number–unit; de day–month)."""
    text = mask_identifiers(translation)
    found: list[str] = []
    pattern = _nbsp_re(lang)
    if pattern is not None:
        found += [f"{m.group(1)} {m.group(3)}" for m in pattern.finditer(text)]
    if language(lang).day_month:
        found += [f"{m.group(1)} {m.group(2)}" for m in re.finditer(rf"(?<![\d.])(\d{{1,2}}\.) ({_months(lang)})(?!\w)", text)]
    return [Issue("nbsp", f"“{f}”: a no-break space belongs here, not a plain space (“{_show(f.replace(' ', chr(0xa0)))}”)",
                  "warning") for f in dict.fromkeys(found)]


# ---------------------------------------------------------------------------------------------
# copyright

_C_IN_PARENS = re.compile(r"\([cC]\)(?=\s*[\w©])")


def check_copyright(source: str, translation: str, lang: str, ctx: TextContext) -> list[Issue]:
    """"(c)" for the copyright sign ©; "(a) … (b) … (c)" enumerations are left alone."""
    if not _C_IN_PARENS.search(translation) or re.search(r"\([bB]\)", translation):
        return []
    return [Issue("copyright", "“(c)” for the copyright sign: write “©”", "warning")]


# ---------------------------------------------------------------------------------------------
# titles of persons

_TOKEN = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*|[,;:.!?()«»„“”—–]")


def _title_form(word: str, lang: str) -> str | None:
    """"m" or "f" if ``word`` is an inflected form of one of the language's titles."""
    facts = language(lang)
    low = word.lower()
    for masc, fem in facts.title_pairs:
        m, f = masc.lower(), fem.lower()
        if facts.title_compounds:  # compounds: Oppositionsführerin, Analytikerinnen
            if low.endswith(f) or low.endswith(f + "nen"):
                return "f"
            if any(low.endswith(m + e) for e in facts.masculine_endings) and (word[:1].isupper()):
                return "m"
        else:
            if low.startswith(f[:-1]) and len(low) <= len(f) + 2:
                return "f"
            if any(low == m + e for e in facts.masculine_endings):
                return "m"
    return None


def _name_stems(name: str) -> tuple[str, ...]:
    return tuple(w[:-2] if len(w) > 5 else w for w in name.split())


def _women_at(tokens: list[str], women: Iterable[str]) -> list[tuple[int, int, str]]:
    """(first token, last token, name) of each mention of one of ``women``."""
    out = []
    for name in women:
        stems = _name_stems(name)
        for i in range(len(tokens)):
            for k in (len(stems), 1):  # the full name, or the surname alone
                part = stems if k == len(stems) else stems[-1:]
                window = tokens[i:i + len(part)]
                if len(window) == len(part) and all(t.startswith(s) and t[:1].isupper() for t, s in zip(window, part)):
                    out.append((i, i + len(part) - 1, name))
                    break
    return out


def check_titles(source: str, translation: str, lang: str, ctx: TextContext) -> list[Issue]:
    """The title policy of ``ctx.style`` (feminine: a woman's title is feminine; masculine:
    the generic masculine, no feminine titles)."""
    style = ctx.style.get(lang)
    if style is None or not style.titles:
        return []
    tokens = _TOKEN.findall(translation)
    facts = language(lang)
    fem_of = {m.lower(): f for m, f in facts.title_pairs}
    issues: list[Issue] = []
    if style.titles == "masculine":
        for t in tokens:
            if _title_form(t, lang) == "f":
                issues.append(Issue("titles", f"“{t}”: the house style uses the generic masculine for titles", "warning"))
        return issues
    for first, last, name in _women_at(tokens, style.women):
        candidates: list[str] = []
        for j in range(first - 1, max(-1, first - 4), -1):  # the nearest title before the name
            if not tokens[j][:1].isalpha():
                break
            if _title_form(tokens[j], lang):
                candidates.append(tokens[j])
                break
        if last + 1 < len(tokens) and tokens[last + 1] == ",":  # "Olga Dryndova, a Belarusian analyst"
            for j in range(last + 2, min(len(tokens), last + 6)):
                if not tokens[j][:1].isalpha():
                    break
                if _title_form(tokens[j], lang):
                    candidates.append(tokens[j])
                    break
        for word in candidates:
            if _title_form(word, lang) == "m":
                base = next((f for m, f in fem_of.items() if word.lower().startswith(m) or word.lower().endswith(m)), "")
                issues.append(Issue("titles", f"“{word}” for {name}: the house style gives women's titles in the "
                                    f"feminine{f' (“{base}”)' if base else ''}", "warning"))
    return issues


# ---------------------------------------------------------------------------------------------
# date styles across one catalog

def date_styles(translation: str, lang: str) -> tuple[str, ...]:
    """The date styles of the language (its data file's [dates]) that ``translation`` uses."""
    return tuple(name for name, pattern in language(lang).date_styles if pattern.search(translation))


def odd_date_styles(translations: Mapping[int, str], lang: str, preferred: str = "") -> dict[int, Issue]:
    """For entries (by any key) of one catalog: the issue of each that writes a date in a style
    other than ``preferred`` or, without one, than the catalog's most used style.  A catalog
    with one style and no preference has nothing to report."""
    used = {key: date_styles(text, lang) for key, text in translations.items()}
    counts = Counter(s for styles in used.values() for s in styles)
    if not counts:
        return {}
    if preferred:
        keep = preferred
    elif len(counts) == 1:
        return {}
    else:
        keep = max(counts, key=lambda s: (counts[s], -list(counts).index(s)))
    why = "the house style" if preferred else f"{counts[keep]} other entr{'y' if counts[keep] == 1 else 'ies'} of this catalog"
    out: dict[int, Issue] = {}
    for key, styles in used.items():
        other = [s for s in styles if s != keep]
        if other:
            out[key] = Issue("datestyle", f"dates written “… {other[0]}” here, “… {keep}” in {why}: keep to one style",
                             "warning")
    return out


__all__ = [
    "HouseStyle",
    "TITLE_POLICIES",
    "check_copyright",
    "check_nbsp",
    "check_titles",
    "date_styles",
    "load_house_style",
    "odd_date_styles",
]
