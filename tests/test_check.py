"""Tests of `pipeline check`: a planted error of each kind is caught, legitimate translations
are not flagged, silencers work only when they name the check.

The fixtures in tests/check/planted/<lang>/LC_MESSAGES/planted.po say what each entry should
produce in an extracted comment ``#. expect: numbers silence`` (``-`` for nothing).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.check import CHECK_NAMES, check_files, silencers
from pipeline.check_glossary import Glossary, Term, check_glossary, find_terms, load_glossary, stem
from pipeline.check_style import load_house_style
from pipeline.check_numbers import check_dates, check_numbers, numbers
from pipeline.check_text import (
    NBSP,
    TextContext,
    check_quotes,
    check_spacing,
    end_mark,
    identifiers,
    is_invariant,
)
from pipeline.cli import main
from pipeline.errors import SourceError
from pipeline.pofile import read_po

HERE = Path(__file__).parent / "check"
ROOT = Path(__file__).parent.parent
GLOSSARY = HERE / "glossary.csv"
STYLE = load_house_style(HERE / "style.toml")
PLANTED = sorted(HERE.glob("planted/*/LC_MESSAGES/*.po"))
CTX = TextContext()


def _expectations(path: Path) -> dict[int, set[str]]:
    """msgid line -> checks the fixture says it should report."""
    text = path.read_text(encoding="utf-8").split("\n")
    out: dict[int, set[str]] = {}
    for msg in read_po(path).entries:
        expect = next(c for c in msg.extracted if c.startswith("expect:"))
        names = set(expect.split(":", 1)[1].split()) - {"-"}
        line = msg.line
        while not text[line - 1].startswith("msgid "):
            line += 1
        out[line] = names
    return out


@pytest.mark.parametrize("path", PLANTED, ids=lambda p: p.parts[-3])
def test_planted_errors_are_caught_and_clean_entries_pass(path: Path) -> None:
    report = check_files([path], load_glossary(GLOSSARY), style=STYLE)
    got: dict[int, set[str]] = {}
    for f in report.findings:
        got.setdefault(f.line, set()).add(f.check)
    expected = _expectations(path)
    assert set(got) <= set(expected), "findings on lines that are not entries"
    wrong = {line: (expected[line], got.get(line, set())) for line in expected if got.get(line, set()) != expected[line]}
    assert not wrong, wrong


def test_every_check_has_a_planted_error() -> None:
    planted: set[str] = set()
    for path in PLANTED + [HERE / "plurals/de/LC_MESSAGES/ui.po"]:
        for names in _expectations(path).values():
            planted |= names
    assert set(CHECK_NAMES) <= planted
    assert {"fuzzy", "silence"} <= planted


def test_wrong_nplurals_in_header_is_reported_on_header_and_entries() -> None:
    path = HERE / "plurals/de/LC_MESSAGES/ui.po"
    report = check_files([path])
    assert [(f.line, f.check) for f in report.findings] == [(1, "plurals"), (12, "plurals")]
    assert "header says nplurals=3, but de has 2" in report.findings[0].message


def test_output_format_and_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    be = HERE / "planted/be/LC_MESSAGES/planted.po"
    assert main(["check", "--glossary", str(GLOSSARY), str(be)]) == 1
    out = capsys.readouterr().out.splitlines()
    pattern = re.compile(r"^.+\.po:\d+: \[[a-z]+\] .+$")
    assert out and all(pattern.match(line) for line in out)
    assert any(line.endswith("[numbers] number 1,500 of the source is missing: expected “1⍽500”") for line in out)


def test_broken_file_is_reported_and_the_run_goes_on(capsys: pytest.CaptureFixture[str]) -> None:
    broken = HERE / "bad/be/LC_MESSAGES/broken.po"
    ui = HERE / "plurals/de/LC_MESSAGES/ui.po"
    assert main(["check", str(broken), str(ui)]) == 1
    out = capsys.readouterr().out
    assert "bad/be/LC_MESSAGES/broken.po:11: [catalog] unterminated string\n" in out
    assert "plurals/de/LC_MESSAGES/ui.po:1: [plurals]" in out


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    de = HERE / "planted/de/LC_MESSAGES/planted.po"
    assert main(["check", "--json", "--glossary", str(GLOSSARY), str(de)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["errors"] == sum(f["severity"] == "error" for f in data["findings"])
    assert {"path", "line", "check", "severity", "message", "lang", "msgid", "msgctxt"} <= set(data["findings"][0])
    assert all(f["lang"] == "de" for f in data["findings"])


def test_warnings_fail_only_with_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = tmp_path / "be" / "LC_MESSAGES" / "w.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Only 3% support the war."\nmsgstr "Толькі 3% падтрымліваюць вайну."\n', encoding="utf-8")
    assert main(["check", str(po)]) == 0
    assert main(["check", "--strict", str(po)]) == 1
    assert "[numbers] warning:" in capsys.readouterr().out


def test_only_selects_checks_and_rejects_unknown_names(capsys: pytest.CaptureFixture[str]) -> None:
    be = HERE / "planted/be/LC_MESSAGES/planted.po"
    assert main(["check", "--only", "quotes", "--glossary", str(GLOSSARY), str(be)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and all("[quotes]" in line or "[fuzzy]" in line for line in lines)
    assert main(["check", "--only", "quotse", str(be)]) == 1
    assert "unknown check quotse" in capsys.readouterr().err


# --------------------------------------------------------------------------- silencers

def test_silencers_need_a_check_name() -> None:
    assert silencers((), ("check: ignore numbers, quotes",)) == (("numbers", "quotes"), ())
    assert silencers(("no-check-urls", "fuzzy"), ()) == (("urls",), ())
    assert silencers((), ("check: ignore",)) == ((), ("",))
    assert silencers((), ("check: ignore all",)) == ((), ("all",))
    assert silencers((), ("ignore numbers", "numbers are fine")) == ((), ())


# --------------------------------------------------------------------------- numbers and dates

@pytest.mark.parametrize(
    ("source", "translation", "lang"),
    [
        ("more than 1,500 people", f"больш за 1{NBSP}500 чалавек", "be"),
        ("more than 1,500 people", "больш за 1\u202f500 чалавек", "be"),
        ("more than 1,500 people", "больш за 1500 чалавек", "be"),  # four digits may stay ungrouped
        ("more than 1,500 people", "mehr als 1.500 Menschen", "de"),
        ("about 30,000 troops", "rund 30\u202f000 Soldaten", "de"),
        ("only 3% support it", f"толькі 3{NBSP}% падтрымліваюць", "be"),
        ("only 3% support it", "nur 3 Prozent unterstützen es", "de"),
        ("92 per cent do not regret it", "92 працэнты не шкадуюць", "be"),
        ("up to seven years", "bis zu 7 Jahre", "de"),
        ("at 5 a.m. local time", "um 5:00 Uhr Ortszeit", "de"),
        ("GDP fell by 2.5 per cent", f"ВУП упаў на 2,5{NBSP}%", "be"),
        ("the 1990s", "die 1990er-Jahre", "de"),
        ("S-400 missile systems", "зенітныя ракетныя комплексы С-400", "be"),
        ("see https://x.org/2022/05", "глядзі https://x.org/2022/05", "be"),
    ],
)
def test_numbers_accepts_locale_forms(source: str, translation: str, lang: str) -> None:
    assert [i for i in check_numbers(source, translation, lang, CTX) if i.severity == "error"] == []


@pytest.mark.parametrize(
    ("source", "translation", "lang", "fragment"),
    [
        ("more than 1,500 people", "больш за 1 600 чалавек", "be", "1,500 of the source is missing"),
        ("more than 1,500 people", "mehr als 1,500 Menschen", "de", "English notation"),
        ("grew by 2.5 per cent", "wuchs um 2.5 Prozent", "de", "expected “2,5”"),
        ("1,000 people", "1000 чалавек і 1000 іншых", "be", "1000 is not in the source"),
    ],
)
def test_numbers_reports(source: str, translation: str, lang: str, fragment: str) -> None:
    messages = " | ".join(i.message for i in check_numbers(source, translation, lang, CTX))
    assert fragment in messages


def test_number_parsing_uses_babel_separators() -> None:
    assert [t.value for t in numbers("1,500 and 3.25 and 2022", "en")] == [Decimal(1500), Decimal("3.25"), Decimal(2022)]
    assert [t.value for t in numbers("1.500 und 3,25", "de")] == [Decimal(1500), Decimal("3.25")]
    assert [t.value for t in numbers(f"1{NBSP}500 і 3,25", "be")] == [Decimal(1500), Decimal("3.25")]


@pytest.mark.parametrize(
    ("source", "translation", "lang", "ok"),
    [
        ("since 24 February 2022", "з 24 лютага 2022 года", "be", True),
        ("since February 2022", "з лютага 2022 года", "be", True),
        ("in August 2020", "у жніўні 2020 года", "be", True),
        ("on 17 March", "17 сакавіка", "be", True),
        ("on Feb. 27", "am 27. Februar", "de", True),
        ("You may go", "Вы можаце ісці", "be", True),  # the verb, not the month
        ("on 17 March", "17 красавіка", "be", False),
        ("since 24 February 2022", "seit 24 Februar 2022", "de", False),
        ("in July", "im Juni", "de", False),
    ],
)
def test_dates(source: str, translation: str, lang: str, ok: bool) -> None:
    assert (check_dates(source, translation, lang, CTX) == []) is ok


# --------------------------------------------------------------------------- quotes, punctuation, URLs

@pytest.mark.parametrize(
    ("source", "translation", "lang", "ok"),
    [
        ("He said “no.”", "Ён сказаў «не».", "be", True),
        ("“a ‘b’ c”", "«а „б“ в»", "be", True),
        ("He said “no.”", "Er sagte „nein“.", "de", True),
        ("He said “no.”", "Er sagte »nein«.", "de", True),
        ("He said “no.”", "Er sagte ‚nein‘.", "de", True),
        ("Belarus’ neighbour", "Belarus’ Nachbarn", "de", True),
        ("“I promise you", "„Ich verspreche", "de", True),  # a quotation split between segments
        ("He said “no.”", 'Er sagte "nein".', "de", False),
        ("He said “no.”", "Ён сказаў „не“.", "be", True),
        ("He said “no.”", "Ён сказаў «не.", "be", False),
        ("He said “no.”", "Ён сказаў не.", "be", False),  # warning: quotation dropped
    ],
)
def test_quotes(source: str, translation: str, lang: str, ok: bool) -> None:
    assert (check_quotes(source, translation, lang, CTX) == []) is ok


@pytest.mark.parametrize(
    ("text", "mark"),
    [("Hello.", "."), ("Why?”", "?"), ("«Так».", "."), ("More...", "…"), ("Title", ""), ("(see below:)", ":")],
)
def test_end_mark(text: str, mark: str) -> None:
    assert end_mark(text) == mark


def test_identifiers() -> None:
    assert identifiers("see https://ak-belarus.org/eng. or mail a.b@x.org, #BelBritain4Ukraine") == [
        "https://ak-belarus.org/eng", "a.b@x.org", "#BelBritain4Ukraine"]


def test_invariant_copies() -> None:
    ctx = TextContext(vocabulary=frozenset({"must", "support", "policy"}), invariants=("Foreign Policy",))
    assert is_invariant("Yarik Kryvoi", ctx)
    assert is_invariant("(c) Foreign Policy, 2022", ctx)
    assert is_invariant("https://ak-belarus.org/eng", ctx)
    assert is_invariant("1,500", ctx)
    assert not is_invariant("Belarus Must Support Ukraine", ctx)
    assert not is_invariant("509 reads", ctx)


# --------------------------------------------------------------------------- glossary

def _g(*rows: tuple[str, str, str]) -> Glossary:
    return Glossary(tuple(Term(en, (("be", be), ("de", de)), "term", "", i) for i, (en, be, de) in enumerate(rows)))


@pytest.mark.parametrize(
    "translation",
    ["Лукашэнка", "Лукашэнкі", "Лукашэнку", "Лукашэнкам", "рэжым Лукашэнкавых чыноўнікаў"],
)
def test_glossary_be_inflections(translation: str) -> None:
    assert check_glossary(_g(("Lukashenka", "Лукашэнка", "Lukaschenko")), "Lukashenka’s regime", translation, "be") == []


def test_glossary_de_inflections_and_compounds() -> None:
    g = _g(("Lukashenka", "Лукашэнка", "Lukaschenko"), ("Kastus Kalinouski battalion", "батальён імя Кастуся Каліноўскага", "Kastus-Kalinouski-Bataillon"))
    assert check_glossary(g, "Lukashenka’s regime", "Lukaschenkos Regime", "de") == []
    assert check_glossary(g, "the Kastus Kalinouski battalion", "des Kastus-Kalinouski-Bataillons", "de") == []
    assert check_glossary(g, "the Kastus Kalinouski battalion", "у батальёне імя Кастуся Каліноўскага", "be") == []
    assert check_glossary(g, "the Kastus Kalinouski battalion", "das Kalinouski-Regiment", "de") != []


def test_glossary_several_spellings_one_target() -> None:
    g = load_glossary(ROOT / "locales/glossary.csv")
    for spelling in ("Lukashenka", "Lukashenko", "Aliaksandr Lukashenka", "Alyaksandr Lukashenka",
                     "Aleksandr Lukashenko", "Alexander Lukashenka"):
        full = " " in spelling
        be = "Аляксандр Лукашэнка" if full else "Лукашэнка"
        de = "Alexander Lukaschenko" if full else "Lukaschenko"
        assert check_glossary(g, f"{spelling} said", f"{be} сказаў", "be") == [], spelling
        assert check_glossary(g, f"{spelling} said", f"{de} sagte", "de") == [], spelling
        assert check_glossary(g, f"{spelling} said", "Лукашенко сказаў", "be") != [], spelling
    # A full name in the source wants the full name: the first name was dropped here.
    assert check_glossary(g, "Aliaksandr Lukashenka said", "Лукашэнка сказаў", "be") != []
    for spelling in ("Tsikhanouskaya", "Tikhanovskaya"):
        assert check_glossary(g, f"{spelling} said", "Ціханоўская сказала", "be") == []
        assert check_glossary(g, f"{spelling} said", "Tichanowskaja sagte", "de") == []


def test_glossary_longest_match_and_ignore() -> None:
    g = load_glossary(GLOSSARY)
    assert [t.en for t in find_terms(g, "Belarus Digest is read in Belarus", "be")] == ["Belarus Digest", "Belarus"]
    # The exceptions file says "Belarus" inside "Belarus-Russia relations" demands nothing.
    assert find_terms(g, "Belarus-Russia relations", "be") == []


def test_glossary_stems() -> None:
    assert stem("Лукашэнка", "be") == "лукашэнк"
    assert stem("Кіеў", "be") == "кіе"  # Кіева, Кіеве
    assert stem("імя", "be") == "ім"
    assert stem("Gefangene", "de") == "gefangen"


def test_shipped_glossary_terms_occur_in_the_seeds_and_match_themselves() -> None:
    g = load_glossary(ROOT / "locales/glossary.csv")
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    seeds += (ROOT / "locales/ui.pot").read_text(encoding="utf-8")  # the glossary covers the UI too
    absent = [
        t.en for t in g.terms
        if not re.search(rf"(?<!\w){re.escape(t.en)}", seeds.replace("'", "’"), 0 if t.en != t.en.lower() else re.IGNORECASE)
    ]
    # Chornobyl is the Ukrainian-based spelling newer sources use; kept beside Chernobyl.
    assert set(absent) <= {"Chornobyl"}  # an added article may use it
    for t in g.terms:
        for lang in ("be", "de"):
            assert check_glossary(g, t.en, t.target(lang), lang) == [], (t.en, lang)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("en,be,be,type,note\n", "column 'be' appears twice"),
        ("be,en,de,type,note\n", "header must be en, a column per target language"),
        ("en,be,de,type\n", "header must be en, a column per target language"),
        ("en,be,xx,type,note\n", "column 'xx': unknown language code 'xx'"),
        ("en,be,de,type,note\nMinsk,Мінск,Minsk,city,\n", "type 'city' is not one of"),
        ("en,be,de,type,note\nMinsk,Мінск,Minsk,place,\nMinsk,Мінск,Minsk,place,\n", "duplicate term 'Minsk' (first on line 2)"),
        ("en,be,de,type,note\nMinsk,,Minsk,place,\n", "has no be form"),
        ("en,be,de,type,note\nMinsk,Мінск,Minsk,place\n", "expected 5 columns, found 4"),
    ],
)
def test_bad_glossary(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "glossary.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_glossary(path)
    assert message in str(info.value)
    assert str(info.value).startswith(f"{path}:")


def test_a_language_without_a_glossary_column_is_not_glossary_checked(tmp_path: Path) -> None:
    """A language just added to the project (pl) has no column yet: its catalogs get every other
    check, no glossary check, and the loader says which languages it leaves out (issue 13)."""
    path = tmp_path / "glossary.csv"
    path.write_text("en,be,de,type,note\nLukashenka,Лукашэнка,Lukaschenko,person,\n", encoding="utf-8")
    g = load_glossary(path, languages=("be", "de", "pl"))
    assert g.languages == ("be", "de") and g.missing(("be", "de", "pl")) == ("pl",)
    assert check_glossary(g, "Lukashenka spoke.", "Łukaszenka przemówił.", "pl") == []
    assert check_glossary(g, "Lukashenka spoke.", "Er sprach.", "de") != []
    assert g.missing_warning(("be", "de")) is None
    warning = g.missing_warning(("be", "de", "pl"), "locales/glossary.csv")
    assert warning == "locales/glossary.csv: no pl column: no glossary checks for pl (add the column to check it)"


def test_check_warns_once_about_a_language_without_a_glossary_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\nlanguages = ["en", "de", "pl"]\npacks = []\n', encoding="utf-8")
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "glossary.csv").write_text("en,de,type,note\nLukashenka,Lukaschenko,person,\n", encoding="utf-8")
    po = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: {lang}\\n"\n\nmsgid "Lukashenka spoke."\nmsgstr "{text}"\n'
    for lang, text in (("de", "Lukaschenko sprach."), ("pl", "Łukaszenka przemówił.")):
        folder = tmp_path / "locales" / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        for doc in ("a", "b"):
            (folder / f"{doc}.po").write_text(po.format(lang=lang, text=text), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--strict"]) == 0
    err = capsys.readouterr().err
    assert err.count("warning: locales/glossary.csv: no pl column: no glossary checks for pl") == 1, err
    assert "4 catalogs" in err


def test_bad_glossary_exception(tmp_path: Path) -> None:
    (tmp_path / "glossary.csv").write_text("en,be,de,type,note\nMinsk,Мінск,Minsk,place,\n", encoding="utf-8")
    (tmp_path / "glossary-exceptions.csv").write_text("lang,term,kind,value,note\nbe,Pinsk,form,Пінск,\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"glossary-exceptions.csv:2: term 'Pinsk' is not in glossary.csv"):
        load_glossary(tmp_path / "glossary.csv")


# --------------------------------------------------------------------------- regressions found on real text

def test_percent_in_prose_is_not_a_printf_placeholder() -> None:
    # "3% der" once read as the printf directive "% d" and hid the number.
    issues = check_numbers("only 3% in Belarus", "nur 3% der Menschen", "de", CTX)
    assert [i.message for i in issues] == ["“3%”: de writes a no-break space before %"]


@pytest.mark.parametrize(
    ("translation", "doubled"),
    [
        ("Ein Referendum, das das Konzept ändert.", False),
        ("Bürger, die die Ukraine unterstützen.", False),
        ("Er weiß, dass das das Ende ist.", False),
        ("Vor dem Hintergrund der der aktuellen Lage.", True),
        ("Falls nötig, sollten sie sie frei reisen.", True),
    ],
)
def test_german_doubled_articles(translation: str, doubled: bool) -> None:
    issues = check_spacing("Source text.", translation, "de", CTX)
    assert any("doubled word" in i.message for i in issues) is doubled


def test_russian_style_spelling_is_caught_even_when_another_word_has_the_stem() -> None:
    g = load_glossary(ROOT / "locales/glossary.csv")
    source = "thousands of Belarusians suffered, even for authoritarian Belarus."
    assert check_glossary(g, source, "тысячы беларусаў пацярпелі, нават для аўтарытарнай Беларусі.", "be") == []
    issues = check_glossary(g, source, "тысячы беларусаў пацярпелі, нават для аўтарытарнай Белорусі.", "be")
    assert [(i.check, i.message.split(":")[0]) for i in issues] == [("glossary", "“Белорусі” is not used in this project")]


def test_folders_and_language_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = tmp_path / "de" / "LC_MESSAGES" / "x.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr "Language: be\\nContent-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Contents"\nmsgstr "Inhalt"\n', encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 0  # a folder: the catalogs under it
    out = capsys.readouterr().out
    assert "x.po:1: [catalog] warning: header says Language: be, but the file is in de/LC_MESSAGES" in out
    (tmp_path / "empty").mkdir()
    assert main(["check", str(tmp_path / "empty")]) == 1
    assert "no .po files here" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("source", "translation", "ok"),
    [
        ("between ‘crimes’ and ‘errors’.", "паміж «злачынствамі» і «памылкамі».", True),
        ("Belarus’ neighbour and Russia’s war", "суседка Беларусі і вайна Расіі", True),
        ("the end of a quote’ he said", "канец цытаты» сказаў ён", True),
    ],
)
def test_source_single_quotes_and_apostrophes(source: str, translation: str, ok: bool) -> None:
    assert (check_quotes(source, translation, "be", CTX) == []) is ok


def test_check_pair_on_plain_strings() -> None:
    from pipeline.check import check_pair

    assert [i.check for i in check_pair("Over 1,500 people.", "Больш за 1 600 чалавек.", "be")] == ["numbers"] * 3
    assert check_pair("Over 1,500 people.", "Больш за паўтары тысячы чалавек.", "be", comments=["check: ignore numbers"]) == []
    assert [i.check for i in check_pair("Over 1,500 people.", "Больш за паўтары тысячы чалавек.", "be",
                                        flags=["no-check-quotes"])] == ["numbers", "silence", "silence"]


def test_a_no_check_flag_is_a_warning_because_gettext_tools_drop_it() -> None:
    from pipeline.check import check_pair

    issues = check_pair("Over 1,500 people.", "Больш за паўтары тысячы чалавек.", "be", flags=["no-check-numbers"])
    assert [(i.check, i.severity) for i in issues] == [("silence", "warning")]
    assert "“no-check-numbers” is dropped by msgcat, msgmerge and Poedit" in issues[0].message
    assert "“# check: ignore numbers” instead" in issues[0].message
    # the comment form, which every gettext tool keeps, is silent
    assert check_pair("Over 1,500 people.", "Больш за паўтары тысячы чалавек.", "be", comments=["check: ignore numbers"]) == []
    # other flags say nothing about silencing
    assert "silence" not in [i.check for i in check_pair("Over 1,500 people.", "Больш за паўтары тысячы чалавек.", "be", flags=["no-wrap"])]


# --------------------------------------------------------------------------- TBX export

def test_shipped_tbx_files_are_up_to_date(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["glossary", "--tbx", "locales/glossary", "--check"]) == 0, capsys.readouterr().out


def test_tbx_is_read_by_translate_toolkit_with_forbidden_terms() -> None:
    from translate.storage.tbx import tbxfile

    from pipeline.check_glossary import format_tbx

    g = load_glossary(ROOT / "locales/glossary.csv")
    for lang in ("be", "de"):
        units = tbxfile(format_tbx(g, lang).encode("utf-8"), sourcelanguage="en", targetlanguage=lang).units
        pairs = {(u.source, u.target) for u in units}
        assert {(t.en, t.target(lang)) for t in g.terms} <= pairs
        forbidden = {(u.source, term.text) for u in units for term in u.get_target_terms()
                     if term.administrative_status == "deprecatedTerm-admn-sts"}
        expected = {"be": ("Lukashenka", "Лукашенко"), "de": ("Belarus", "Weißrussland")}[lang]
        assert expected in forbidden
        assert len(units) == len(g.terms) + sum(x.kind == "forbidden" and x.lang in (lang, "*") for x in g.exceptions)


def test_shipped_catalogs_pass_strict(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The finished be/de catalogs: no error, no warning (a new finding is either a real
    translation problem or a false positive of the checker; both should fail CI).  Shipped-content
    check: the catalogs of an article added since may hold fuzzy entries (tests/shipped.py)."""
    from tests.shipped import SHIPPED_DOCUMENTS, SHIPPED_LANGUAGES

    monkeypatch.chdir(ROOT)
    status = main(["check", "--strict", *(f"locales/{lang}/LC_MESSAGES/{doc}.po"
                                          for lang in SHIPPED_LANGUAGES for doc in (*SHIPPED_DOCUMENTS, "ui"))])
    out = capsys.readouterr()
    assert status == 0, out.out
    assert "checked: 0 errors, 0 warnings" in out.err


# ---------------------------------------------------------------------------------------------
# typography and house style (pipeline/check_style.py)

def test_date_styles_without_a_preference_report_the_minority() -> None:
    from pipeline.check_style import odd_date_styles

    texts = {1: "у жніўні 2020 года", 2: "з 2021 года", 3: "у 2020 г.", 4: "без дат"}
    odd = odd_date_styles(texts, "be")
    assert set(odd) == {3} and "2 other entries" in odd[3].message
    assert odd_date_styles({1: "у 2020 г.", 2: "у 2021 г."}, "be") == {}  # one style: nothing to say
    assert set(odd_date_styles({1: "у 2020 г.", 2: "у 2021 г."}, "be", "года")) == {1, 2}


def test_masculine_title_policy_reports_feminine_forms() -> None:
    from pipeline.check_style import HouseStyle, check_titles

    ctx = TextContext(style={"be": HouseStyle(titles="masculine"), "de": HouseStyle(titles="masculine")})
    assert [i.check for i in check_titles("", "Беларуская аналітыца Вольга Дрындава.", "be", ctx)] == ["titles"]
    assert check_titles("", "Беларускі аналітык Вольга Дрындава.", "be", ctx) == []
    assert [i.check for i in check_titles("", "die Oppositionsführerin Swetlana Tichanowskaja", "de", ctx)] == ["titles"]
    assert check_titles("", "Беларускі аналітык Вольга Дрындава.", "be", TextContext()) == []  # no policy


@pytest.mark.parametrize(("text", "message"), [
    ('[be]\ntitles = "female"\n', r"be\.titles: expected \"feminine\" or \"masculine\""),
    ('[be]\ndates = "DD.MM."\n', r"be\.dates: expected one of"),
    ('[de]\nwomen = "Olga"\n', r"de\.women: expected a list of strings"),
    ('[de]\ncolour = "red"\n', r"de\.colour: unknown key"),
])
def test_house_style_file_is_validated(tmp_path: Path, text: str, message: str) -> None:
    from pipeline.check_style import load_house_style
    from pipeline.errors import ConfigError

    path = tmp_path / "style.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_house_style(path)


def test_the_shipped_house_style_loads() -> None:
    """Shipped-content check: locales/style.toml is valid for the project's languages."""
    from pipeline.check_style import load_house_style

    style = load_house_style(ROOT / "locales" / "style.toml", ("be", "de"))
    assert style["be"].dates == "года" and style["de"].titles == "feminine"
