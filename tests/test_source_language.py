"""The source language per document (issue 13), on tests/roots/test-source-language.

The fixture has an article written in Belarusian (its manifest entry says ``language = "be"``)
and one in English, in a pack of four languages, and a second pack (en, pl) sharing the
Belarusian article.  As a user would, the test adds a fifth
language that has no data file (``cs``: CLDR alone), then runs extract → update → check →
build through the CLI: the Belarusian article's msgids are Belarusian (X-Source-Language),
English is one of its targets, check reads its numbers and months as Belarusian, and every
page and PDF marks its text with its real language ("Translated from Belarusian" only where an
article is translated; fallback runs ``lang="be"``, marked BE).
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural

from pipeline.check import check_pair
from pipeline.check_text import TextContext
from pipeline.cli import main
from pipeline.config import load_config
from pipeline.lang import DATA_DIR
from pipeline.pofile import Catalog, read_po, write_po

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "roots" / "test-source-language"
BE_DOC, EN_DOC = "minsk-volunteers", "exiles-newsrooms"
ADDED = "cs"  # a language with no pipeline/data/lang file

TITLE_BE = "Валанцёры з Мінска збіраюць грошы для бежанцаў з Украіны"
TITLE_EN = "Volunteers from Minsk raise money for refugees from Ukraine"
TITLE_EXILES = "Belarusian exiles rebuild their newsrooms in Vilnius"
STANDFIRST_BE = ("Група валанцёраў з Мінска за год сабрала больш за 1 500 рублёў для сем'яў, "
                 "якія ўцяклі ад вайны ва Украіне.")


def _translate(path: Path, translations: dict[str, str]) -> None:
    catalog = read_po(path)
    messages = tuple(replace(m, msgstr=translations.get(m.msgid, m.msgstr)) for m in catalog.messages)
    write_po(path, Catalog(messages, catalog.path, catalog.stamp))


class Project:
    """The fixture, copied and run once for the module."""

    def __init__(self, root: Path, outputs: dict[str, tuple[int, str, str]]) -> None:
        self.root = root
        self.outputs = outputs  # command -> (exit code, stdout, stderr)

    def page(self, lang: str) -> str:
        return (self.root / "dist" / lang / "index.html").read_text(encoding="utf-8")

    def po(self, lang: str, slug: str) -> Path:
        return self.root / "locales" / lang / "LC_MESSAGES" / f"{slug}.po"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("source-language") / "project"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(REPO / "templates", root / "templates")
    # Adding a language is a line in pyproject.toml (here: the project's and the pack's lists).
    config = (root / "pyproject.toml").read_text(encoding="utf-8")
    config, n = re.subn(r'(?m)^(languages = \[[^\]\n]*?)\s*\]', rf'\1, "{ADDED}"]', config)
    assert n == 3
    (root / "pyproject.toml").write_text(config, encoding="utf-8")
    outputs: dict[str, tuple[int, str, str]] = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        def run(*args: str) -> None:
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(list(args))
            outputs[" ".join(args)] = (code, out.getvalue(), err.getvalue())

        run("extract")
        run("update")
        # A translator translates the title and the standfirst into English.
        _translate(root / "locales" / "en" / "LC_MESSAGES" / f"{BE_DOC}.po", {
            TITLE_BE: TITLE_EN,
            STANDFIRST_BE: "In a year, a group of volunteers from Minsk has raised more than 1,500 roubles "
                           "for families who fled the war in Ukraine.",
        })
        # And the titles into Belarusian and Polish; Czech and German stay untranslated.
        _translate(root / "locales" / "be" / "LC_MESSAGES" / f"{EN_DOC}.po", {TITLE_EXILES: "Беларускія эмігранты аднаўляюць рэдакцыі ў Вільні"})
        _translate(root / "locales" / "pl" / "LC_MESSAGES" / f"{EN_DOC}.po", {TITLE_EXILES: "Białoruscy emigranci odbudowują redakcje w Wilnie"})
        _translate(root / "locales" / "pl" / "LC_MESSAGES" / f"{BE_DOC}.po", {TITLE_BE: "Wolontariusze z Mińska zbierają pieniądze dla uchodźców z Ukrainy"})
        run("status")
        run("check")
        run("build", "--jobs", "1")
    return Project(root, outputs)


def test_every_command_succeeds(project: Project) -> None:
    for command, (code, _, err) in project.outputs.items():
        assert code == 0, (command, err)
        assert "Traceback" not in err, command


def test_the_template_names_the_documents_source_language(project: Project) -> None:
    pot = read_po(project.root / "locales" / f"{BE_DOC}.pot")
    assert pot.header_value("X-Source-Language") == "be"
    assert TITLE_BE in {m.msgid for m in pot.entries}
    # A document in the project's source language needs no such header.
    assert read_po(project.root / "locales" / f"{EN_DOC}.pot").header_value("X-Source-Language") is None


def test_english_is_a_target_like_the_others(project: Project) -> None:
    targets = ("en", "de", "pl", ADDED)
    for lang in targets:
        po = read_po(project.po(lang, BE_DOC))
        assert po.header_value("X-Source-Language") == "be", lang
        assert po.header_value("Language") == lang
    assert not project.po("be", BE_DOC).exists()  # the source language has no catalog
    assert not project.po("en", EN_DOC).exists()
    for lang in ("be", "de", "pl", ADDED):
        assert project.po(lang, EN_DOC).is_file()
    status = project.outputs["status"][1]
    rows = {tuple(line.split()[:2]) for line in status.splitlines()[1:]}
    assert {(BE_DOC, lang) for lang in targets} <= rows
    assert (BE_DOC, "be") not in rows and (EN_DOC, "en") not in rows
    assert re.search(rf"(?m)^{BE_DOC}\s+en\s+2\s", status), status  # the two entries translated above


def test_a_language_without_a_data_file_gets_cldr_plural_forms(project: Project) -> None:
    assert not (DATA_DIR / f"{ADDED}.toml").exists()
    po = read_po(project.po(ADDED, BE_DOC))
    assert po.header_value("Plural-Forms") == get_plural(ADDED).plural_forms
    assert po.header_value("Language-Team") == "Czech"
    assert read_po(project.po(ADDED, "ui")).nplurals == 3


def test_check_reads_the_source_in_its_own_language(project: Project) -> None:
    _, out, err = project.outputs["check"]
    assert out == "" and re.search(r"\b5 entries checked: 0 errors, 0 warnings\b", err), out + err  # the 2 English, 3 titles
    be = TextContext(source_lang="be")
    # "1 500" in Belarusian is 1,500 in English; 1,600 is another number.
    assert not [i for i in check_pair(STANDFIRST_BE, "More than 1,500 roubles were raised.", "en", ctx=be)
                if i.check == "numbers"]
    found = check_pair(STANDFIRST_BE, "More than 1,600 roubles were raised.", "en", ctx=be)
    assert any(i.check == "numbers" and "1 500" in i.message and "1,500" in i.message for i in found), found
    # A Belarusian month ("лютага") must be named in the English translation.
    source = "З 24 лютага 2022 года былі затрыманыя сотні беларусаў."
    dates = [i for i in check_pair(source, "Since 24 March 2022, hundreds were detained.", "en", ctx=be)
             if i.check == "dates"]
    assert dates and "February" in dates[0].message
    assert not [i for i in check_pair(source, "Since 24 February 2022, hundreds were detained.", "en", ctx=be)
                if i.check == "dates"]
    # English quotation marks are the style of an English target.
    quotes = check_pair("«Мы не палітыкі», — кажа яна.", "«We are not politicians», she says.", "en", ctx=be)
    assert any(i.check == "quotes" for i in quotes)
    assert not [i for i in check_pair("«Мы не палітыкі», — кажа яна.", "“We are not politicians,” she says.", "en",
                                      ctx=be) if i.check == "quotes"]


def test_the_english_edition_marks_belarusian_fallbacks(project: Project) -> None:
    page = project.page("en")
    assert '<html lang="en"' in page
    assert TITLE_EN in page
    assert re.search(r'<span class="fallback" lang="be">Яны купляюць ежу[^<]*<span class="fallback-mark" '
                     r'aria-hidden="true">BE</span>', page)
    assert 'lang="en">Dozens of Belarusian journalists' not in page  # the English article is original
    assert "Translated from Belarusian." in page
    assert "Translated from English" not in page and "Translated from Belarusian and English" not in page
    # The colophon says where the untranslated sentences are shown: in their original, marked BE.
    assert re.search(r"\d+ sentences are not yet translated and are shown in the original, marked with their "
                     r"language code \(BE\)\.", page), page
    assert "1 translated sentence is held back" not in page and "English original" not in page
    assert re.search(r"25% translated; 6 sentences shown in the original", page)


def test_the_belarusian_edition_shows_its_article_as_the_original(project: Project) -> None:
    page = project.page("be")
    article = page[page.index(f'id="neighbours--{BE_DOC}"'):]
    assert "Яны купляюць ежу" in article
    assert 'class="fallback" lang="be"' not in page  # nothing Belarusian is a fallback here
    assert re.search(r'<span class="fallback" lang="en">Dozens of Belarusian journalists', page)
    # The colophon: the English article is translated, the Belarusian one is the original.
    assert "Translated from English." in page and "Belarusian." not in page.split("Translated from")[1][:40]
    assert "Original text" in page
    # Only English is shown untranslated here: the colophon's sentence names the English original.
    assert "are shown in the English original, marked EN." in page and "language code" not in page


@pytest.mark.parametrize("lang", ["pl", ADDED, "de"])
def test_an_untranslated_edition_names_both_source_languages_in_english(project: Project, lang: str) -> None:
    """Polish has a title of each article translated, Czech and German nothing: only the Polish
    edition says what it is translated from; all say where the rest is shown."""
    page = project.page(lang)
    assert f'<html lang="{lang}"' in page
    if lang == "pl":
        assert "Translated from Belarusian and English." in page
    else:
        assert "Translated from" not in page, lang  # nothing is translated yet
    assert "are shown in the original, marked with their language code (BE, EN)." in page
    # The sentence is not translated yet, so the names are not in the reader's language.
    for foreign in ("białoruski", "angielski", "běloruština", "angličtina", "Belarussisch", "Englisch"):
        assert foreign not in page, (lang, foreign)
    assert re.search(r'<span class="fallback" lang="be">[^<]*<span class="fallback-mark" aria-hidden="true">BE</span>', page)
    assert re.search(r'<span class="fallback" lang="en">[^<]*<span class="fallback-mark" aria-hidden="true">EN</span>', page)


def test_the_build_report_names_the_languages_fallen_back_to(project: Project) -> None:
    out = project.outputs["build --jobs 1"][1]
    assert re.search(r"neighbours \[en\]: 2 articles, \d+/\d+ segments published .*fell back to Belarusian\b", out), out
    assert re.search(r"neighbours \[be\]: .*fell back to English\b", out), out
    assert re.search(r"neighbours \[pl\]: .*fell back to Belarusian and English\b", out), out


def test_the_pdfs_say_what_they_were_translated_from(project: Project) -> None:
    import pypdf

    def cover(lang: str) -> tuple[str, object]:
        reader = pypdf.PdfReader(project.root / "dist" / lang / "neighbours.pdf")
        root = reader.trailer["/Root"].get_object()
        assert isinstance(root, pypdf.generic.DictionaryObject)
        return reader.pages[0].extract_text().replace("\xa0", " "), root.get("/Lang")

    text, lang = cover("en")
    assert "Translated from Belarusian." in text and lang == "en"
    text, lang = cover("pl")
    assert "Translated from Belarusian and English." in text and lang == "pl"
    text, lang = cover(ADDED)
    assert "Translated from" not in text and lang == ADDED  # not one sentence of it is translated yet


def test_targets_for_is_every_language_but_the_documents() -> None:
    """config.targets_for is what update and status use: every language but the document's."""
    config = load_config(FIXTURE)
    assert config.targets_for("be") == ("en", "de", "pl")
    assert config.targets_for("en") == config.target_languages == ("be", "de", "pl")
    assert config.targets_for(None) == config.target_languages


def test_two_packs_sharing_the_article_build_and_report(project: Project) -> None:
    out = project.outputs["build --jobs 1"][1]
    assert re.search(r"(?m)^volunteers \[en\]: 1 article, 2/8 segments published .*fell back to Belarusian$", out), out
    assert re.search(r"(?m)^volunteers \[pl\]: 1 article, 1/8 segments published .*fell back to Belarusian$", out), out
    assert re.search(rf"(?m)^volunteers \[{ADDED}\]: 1 article", out), out
    for lang in ("en", "pl", ADDED):
        assert (project.root / "dist" / lang / "volunteers.pdf").is_file(), lang
    assert not (project.root / "dist" / "be" / "volunteers.pdf").exists()
    for lang in ("en", "be", "de", "pl", ADDED):
        page = project.page(lang)
        ids = re.findall(r'\bid="([^"]+)"', page)
        assert len(ids) == len(set(ids)), (lang, sorted({i for i in ids if ids.count(i) > 1}))
    pl = project.page("pl")
    assert 'id="neighbours--minsk-volunteers"' in pl and 'id="volunteers--minsk-volunteers"' in pl
    # The second pack translates only from Belarusian; the first from both.
    first, second = pl.split('<section class="pack" aria-labelledby="volunteers-title">')
    assert "Translated from Belarusian." in second and "Translated from Belarusian and English." not in second
    assert "Translated from Belarusian and English." in first


class _Polish:
    """A ui catalog that translates only the "Translated from" sentence."""

    def __init__(self, translated: bool) -> None:
        self.translated = translated

    def gettext(self, message: str, /) -> str:
        if self.translated and message == "Translated from %(language)s.":
            return "Przetłumaczono z języka: %(language)s."
        return message

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str, /) -> str:
        return message


@pytest.mark.parametrize("translated,expected", [
    (False, "Translated from Belarusian and English."),
    (True, "Przetłumaczono z języka: białoruski i angielski."),
])
def test_language_names_follow_the_language_of_the_sentence(translated: bool, expected: str) -> None:
    from pipeline.render import L10n, Localized, UiText

    names = L10n("pl").languages(["be", "en"])
    assert isinstance(names, Localized) and names == "białoruski i angielski" and names.source == "Belarusian and English"
    assert UiText(_Polish(translated)).gettext("Translated from %(language)s.", language=names) == expected
    assert L10n("pl").language("en") == "angielski" and L10n("pl").language("pl", own=True) == "Polski"


def test_the_glossary_is_read_from_the_source_languages_column() -> None:
    from pipeline.check_glossary import check_glossary, load_glossary

    glossary = load_glossary(REPO / "tests" / "roots" / "test-briefing" / "locales" / "glossary.csv")
    source = "Лукашэнку падтрымлівае Крэмль."  # an inflected form of Лукашэнка

    def found(translation: str, lang: str) -> list[str]:
        return [i.message for i in check_glossary(glossary, source, translation, lang, "be") if i.check == "glossary"]

    assert found("The Kremlin supports Lukashenka.", "en") == []
    assert found("The Kremlin supports Lukashenko.", "en") == []  # any English spelling of the term
    missing = found("The Kremlin supports him.", "en")
    assert missing and "“Лукашэнка” should be translated as “Lukashenka”" in missing[0]
    assert found("Der Kreml unterstützt Lukaschenko.", "de") == []
    assert found("Der Kreml unterstützt ihn.", "de")
    # Looked up from Belarusian, a finding is a warning: a stem may belong to a derived word.
    assert {i.severity for i in check_glossary(glossary, source, "The Kremlin supports him.", "en", "be")} == {"warning"}
    assert check_glossary(glossary, source, "Kreml wspiera go.", "pl", "be") == []  # no pl column: nothing fixed


def test_a_missing_catalog_of_the_belarusian_article_falls_back_to_belarusian(project: Project) -> None:
    from pipeline.gate import missing_catalog_message, missing_catalogs

    config = load_config(project.root)
    assert missing_catalogs(config) == ()  # be has no catalog of the Belarusian article, and needs none
    path = project.po("en", BE_DOC)
    kept = path.read_bytes()
    path.unlink()
    try:
        missing = missing_catalogs(config)
        assert [(m.lang, m.domain) for m in missing] == [("en", BE_DOC)]
        message = missing_catalog_message(config, missing[0])
        assert message.startswith(f"locales/en/LC_MESSAGES/{BE_DOC}.po: missing catalog: [en] falls back to the "
                                  "source language (be)"), message
    finally:
        path.write_bytes(kept)


def test_a_new_translation_of_the_belarusian_article_rebuilds_the_english_outputs(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """locales/en/LC_MESSAGES/<be doc>.po is an input of the English outputs (incremental build)."""
    root = tmp_path / "copy"
    shutil.copytree(project.root, root)
    monkeypatch.chdir(root)
    assert main(["build", "--jobs", "1"]) == 0
    assert "up to date" in capsys.readouterr().out
    _translate(root / "locales" / "en" / "LC_MESSAGES" / f"{BE_DOC}.po", {
        "Яны купляюць ежу, лекі і цёплае адзенне, а таксама дапамагаюць знайсці жыллё ў Літве і Польшчы.":
            "They buy food, medicine and warm clothes, and help find housing in Lithuania and Poland.",
    })
    assert main(["build", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "wrote dist/en/index.html" in out and "wrote dist/en/neighbours.pdf" in out, out
    assert "wrote dist/pl/" not in out and "wrote dist/be/" not in out, out
    assert "They buy food, medicine and warm clothes" in (root / "dist" / "en" / "index.html").read_text(encoding="utf-8")
