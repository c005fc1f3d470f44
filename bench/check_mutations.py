"""Recall on real translations: plant one realistic error per entry, see which tool notices.

    .venv/bin/python bench/check_mutations.py                    # locales/*/LC_MESSAGES/*.po
    .venv/bin/python bench/check_mutations.py path/to/*.po

For each mutation kind (a changed digit, English number notation, a wrong month, English
quotes, a dropped closing quote or bracket, a lost full stop, a changed URL, a double space, a
doubled word, trailing whitespace, a copied source, a truncated translation, a wrong spelling
of a glossary name, a Latin i typed for Belarusian і; and the typography and house-style slips
the reviews found: a plain space for a no-break space before a unit or month, "(c)" for ©, a
date in the other style, a woman's title turned masculine), every translated entry it applies
to gets that one error.  Both tools
run on the untouched catalog (baseline) and on the mutated one; a tool *catches* a mutation
if a check of the matching kind fires on the entry and did not fire on the baseline.
pofilter runs as in bench/check_compare.py.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from babel import Locale  # noqa: E402
from check_compare import POFILTER_KIND, run_pofilter  # noqa: E402

from pipeline.check import check_files, language_of  # noqa: E402
from pipeline.check_glossary import load_glossary  # noqa: E402
from pipeline.check_style import HouseStyle, load_house_style  # noqa: E402
from pipeline.lang import language  # noqa: E402
from pipeline.check_numbers import numbers  # noqa: E402
from pipeline.check_text import TextContext, is_invariant  # noqa: E402
from pipeline.pofile import Catalog, Message, format_po, read_po  # noqa: E402

Mutation = Callable[[str, str, str], str | None]  # (source, translation, lang) -> new or None

WRONG_SPELLINGS = {
    "be": [("Лукашэнк", "Лукашенк"), ("Ціханоўск", "Тихановск"), ("Беларус", "Белорус"), ("Пуцін", "Путін"),
           ("Мінск", "Минск"), ("Кіе", "Кие")],
    "de": [("Lukaschenko", "Lukaschenka"), ("Tichanowskaja", "Tsikhanouskaya"), ("Belarus", "Weißrussland"),
           ("Kiew", "Kyiv"), ("Sotschi", "Sochi"), ("Moskau", "Moscow")],
}


def _digit(src: str, tr: str, lang: str) -> str | None:
    src_values = {t.value for t in numbers(src, "en")}
    for tok in numbers(tr, lang):
        if tok.value in src_values:
            text = tok.text
            i = max(i for i, ch in enumerate(text) if ch.isdigit())
            new = text[:i] + str((int(text[i]) + 1) % 10) + text[i + 1:]
            return tr[:tok.start] + new + tr[tok.start + len(text):]
    return None


def _english_notation(src: str, tr: str, lang: str) -> str | None:
    for s in numbers(src, "en"):
        if s.grouped:
            for t in numbers(tr, lang):
                if t.value == s.value:
                    return tr[:t.start] + s.text + tr[t.start + len(t.text):]
    return None


def _percent(src: str, tr: str, lang: str) -> str | None:
    new = re.sub(r"(\d)[\u00a0\u202f ]%", r"\1%", tr, count=1)
    return new if new != tr else None


def _month(src: str, tr: str, lang: str) -> str | None:
    months = Locale.parse(lang).months["format"]["wide"]
    for n in range(1, 13):
        if re.search(rf"\b{months[n]}\b", tr):
            return re.sub(rf"\b{months[n]}\b", months[n % 12 + 1], tr, count=1)
    return None


def _english_quotes(src: str, tr: str, lang: str) -> str | None:
    opener, closer = ("«", "»") if lang == "be" else ("„", "“")
    if opener not in tr:
        return None
    return tr.replace(closer, "”").replace(opener, "“")


def _drop_close_quote(src: str, tr: str, lang: str) -> str | None:
    closer = "»" if lang == "be" else "“"
    i = tr.rfind(closer)
    return tr[:i] + tr[i + 1:] if i >= 0 and tr.count(closer) else None


def _drop_bracket(src: str, tr: str, lang: str) -> str | None:
    i = tr.rfind(")")
    return tr[:i] + tr[i + 1:] if i >= 0 else None


def _full_stop(src: str, tr: str, lang: str) -> str | None:
    t = tr.rstrip()
    return t[:-1] if t.endswith(".") and not t.endswith("..") else None


def _url(src: str, tr: str, lang: str) -> str | None:
    m = re.search(r"https?://\S+?(?=[.,;]?(?:\s|$))|#\w+", tr)
    return tr[:m.end() - 1] + tr[m.end():] if m else None


def _double_space(src: str, tr: str, lang: str) -> str | None:
    parts = tr.split(" ")
    return " ".join(parts[:3]) + "  " + " ".join(parts[3:]) if len(parts) > 4 else None


def _double_word(src: str, tr: str, lang: str) -> str | None:
    parts = tr.split(" ")
    if len(parts) > 5 and parts[3].isalpha():
        return " ".join(parts[:4] + [parts[3]] + parts[4:])
    return None


def _trailing(src: str, tr: str, lang: str) -> str | None:
    return tr + " " if not tr.endswith(" ") else None


def _copy(src: str, tr: str, lang: str) -> str | None:
    return src if src != tr and not is_invariant(src, TextContext()) else None


def _truncate(src: str, tr: str, lang: str) -> str | None:
    words = tr.split()
    return " ".join(words[: max(1, len(words) * 2 // 5)]) + "." if len(words) >= 10 else None


def _spelling(src: str, tr: str, lang: str) -> str | None:
    for right, wrong in WRONG_SPELLINGS[lang]:
        if right in tr:
            return tr.replace(right, wrong, 1)
    return None


def _homoglyph(src: str, tr: str, lang: str) -> str | None:
    # The classic invisible slip: Latin i for Belarusian і; Cyrillic а in a German word.
    old, new = ("і", "i") if lang == "be" else ("a", "а")
    i = tr.find(old)
    return tr[:i] + new + tr[i + 1:] if i >= 0 else None


def _plain_space(src: str, tr: str, lang: str) -> str | None:
    # The review's most frequent typography slip: an ordinary space where a no-break one
    # binds a number to its unit, currency or month ("92 Prozent", "24. Februar", "5 тыс.").
    new = re.sub(r"(\d\.?)\u00a0(?=[^\W\d_])", r"\1 ", tr, count=1)
    return new if new != tr else None


def _copyright(src: str, tr: str, lang: str) -> str | None:
    return tr.replace("©", "(c)", 1) if "©" in tr else None


_DE_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember")


def _date_style(src: str, tr: str, lang: str) -> str | None:
    # The other date style of the language in one entry of a catalog that keeps to one.
    if lang == "be":
        new = re.sub(r"(\d{4}) (?:года|годзе|году)(?!\w)", "\\1\u00a0г.", tr, count=1)
    else:
        new = re.sub(r"(?<!\d)(\d{1,2})\.[\u00a0 ](" + "|".join(_DE_MONTHS) + r") (\d{4})",
                     lambda m: f"{int(m.group(1)):02d}.{_DE_MONTHS.index(m.group(2)) + 1:02d}.{m.group(3)}", tr, count=1)
    return new if new != tr else None


def _masculine_title(src: str, tr: str, lang: str) -> str | None:
    # A woman's title turned masculine, where it stands right before a capitalised name.
    for masc, fem in language(lang).title_pairs:
        if lang == "de":
            m = re.search(rf"(\w*){re.escape(fem)}(?=\s+[A-ZÄÖÜ])", tr)
            if m:
                return tr[:m.start()] + m.group(1) + masc + tr[m.end():]
        else:
            m = re.search(rf"\b{re.escape(fem[:-1])}\w{{0,2}}(?=(?:\s+[^\W\d_]+){{0,2}}\s+[А-ЯЁІЎ])", tr)
            if m:
                return tr[:m.start()] + masc + ("" if m.group().endswith(("а", "ца")) else "а") + tr[m.end():]
    return None


MUTATIONS: dict[str, tuple[str, Mutation]] = {
    "digit changed": ("numbers", _digit),
    "English number notation": ("numbers", _english_notation),
    "no space before %": ("numbers", _percent),
    "wrong month": ("dates", _month),
    "English quotes “…”": ("quotes", _english_quotes),
    "closing quote dropped": ("quotes", _drop_close_quote),
    "closing bracket dropped": ("brackets", _drop_bracket),
    "full stop dropped": ("punctuation", _full_stop),
    "URL/hashtag changed": ("urls", _url),
    "double space": ("spacing", _double_space),
    "doubled word": ("spacing", _double_word),
    "trailing space": ("spacing", _trailing),
    "source copied": ("untranslated", _copy),
    "truncated to 40 %": ("length", _truncate),
    "wrong spelling of a name": ("glossary", _spelling),
    "homoglyph (Latin i for і)": ("script", _homoglyph),
    "plain space for no-break (unit, month)": ("nbsp", _plain_space),
    "(c) for ©": ("copyright", _copyright),
    "date in the other style": ("datestyle", _date_style),
    "woman's title made masculine": ("titles", _masculine_title),
}

Key = tuple[str | None, str]


STYLE: dict[str, HouseStyle] = {}


def ours(path: Path, glossary: object) -> dict[Key, set[str]]:
    out: dict[Key, set[str]] = {}
    for f in check_files([path], glossary, style=STYLE).findings:  # type: ignore[arg-type]
        out.setdefault((f.msgctxt, f.msgid), set()).add(f.check)
    return out


def theirs(path: Path, lang: str, notranslate: Path) -> dict[Key, set[str]]:
    keys = {}
    lines = path.read_text(encoding="utf-8").split("\n")
    for m in read_po(path).entries:
        line = m.line
        while not lines[line - 1].startswith("msgid "):
            line += 1
        keys[line] = (m.msgctxt, m.msgid)
    return {keys[line]: {POFILTER_KIND.get(c, c) for c, _ in items}
            for line, items in run_pofilter(path, lang, notranslate).items()}


def main() -> int:
    paths = [Path(p) for p in sys.argv[1:]] or sorted(ROOT.glob("locales/*/LC_MESSAGES/*.po"))
    glossary = load_glossary(ROOT / "locales/glossary.csv")
    if (ROOT / "locales/style.toml").is_file():
        STYLE.update(load_house_style(ROOT / "locales/style.toml"))
    applied: Counter[str] = Counter()
    caught = {"pipeline check": Counter[str](), "pofilter": Counter[str]()}
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            catalog = read_po(path)
            lang = language_of(path, catalog) or "und"
            notranslate = Path(tmp) / "notranslate.txt"
            notranslate.write_text("\n".join(t for t in glossary.invariants(lang) if " " not in t) + "\n", encoding="utf-8")
            base_dir = Path(tmp) / "base" / lang / "LC_MESSAGES"
            base_dir.mkdir(parents=True, exist_ok=True)
            base = base_dir / path.name
            base.write_text(format_po(catalog), encoding="utf-8")
            baseline = {"pipeline check": ours(base, glossary), "pofilter": theirs(base, lang, notranslate)}
            for name, (kind, mutate) in MUTATIONS.items():
                changed: set[Key] = set()
                messages: list[Message] = []
                for m in catalog.messages:
                    if m.is_header or m.obsolete or not m.translated or m.msgid_plural is not None:
                        messages.append(m)
                        continue
                    new = mutate(m.msgid, m.msgstr, lang)
                    if new is None or new == m.msgstr:
                        messages.append(m)
                        continue
                    messages.append(replace(m, msgstr=new))
                    changed.add(m.key)
                if not changed:
                    continue
                out_dir = Path(tmp) / "mut" / lang / "LC_MESSAGES"
                out_dir.mkdir(parents=True, exist_ok=True)
                mutated = out_dir / path.name
                mutated.write_text(format_po(Catalog(tuple(messages))), encoding="utf-8")
                found = {"pipeline check": ours(mutated, glossary), "pofilter": theirs(mutated, lang, notranslate)}
                applied[name] += len(changed)
                for tool in caught:
                    for key in changed:
                        new_kinds = found[tool].get(key, set()) - baseline[tool].get(key, set())
                        caught[tool][name] += kind in new_kinds
    print(f"## Mutations planted in real translations ({len(paths)} catalogs)\n")
    print("| mutation | entries | pipeline check | pofilter |")
    print("|---|---:|---:|---:|")
    for name in MUTATIONS:
        if applied[name]:
            print(f"| {name} | {applied[name]} | {caught['pipeline check'][name]} | {caught['pofilter'][name]} |")
    total = sum(applied.values())
    a, b = sum(caught["pipeline check"].values()), sum(caught["pofilter"].values())
    print(f"| **all** | {total} | {a} ({100 * a / max(total, 1):.0f} %) | {b} ({100 * b / max(total, 1):.0f} %) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
