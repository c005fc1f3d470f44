"""A user's own repository stays green when its content changes (issue 13).

On a copy of this project (its git-tracked files), an editor does what the README says: adds an
article with ``pipeline add --pack``, an article written in Belarusian, a second pack sharing
an article with the first, and two languages (pl, which has a data file in pipeline/data/lang,
and one that has none, such as cs; glossary.csv has a column for neither); then extract →
update → check → build, all through ``pipeline.cli.main``.  The workflow must work (the new
article in every catalog, the Belarusian one in every catalog but Belarusian's, English among
them; Polish shown in the source languages and marked EN or BE, and saying so in English until
its ui.po is translated; unique ids across packs, one glossary warning) and the shipped-content
checks (tests/shipped.py), run over the copy, must still pass.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural

from pipeline.cli import main
from pipeline.config import load_config
from pipeline.lang import DATA_DIR
from pipeline.pofile import read_po
from tests import shipped

REPO = Path(__file__).resolve().parent.parent
SHARED_SEEDS = REPO.parent / "shared" / "seeds"
SECOND = "test-workflow-second-pack"

# An article no project has yet (pipeline add refuses a copy of a seed it already holds).
ARTICLE = """\
Hrodna court jails three volunteers for aiding Ukrainian refugees

By Anna Kovalenko
12 March 2024

A court in Hrodna on Tuesday sentenced three Belarusian volunteers to prison terms of up to four years for helping Ukrainian refugees find housing and medicine.

The volunteers, two women and a man, were accused of "financing extremist activity" after they collected donations online, according to the human rights group Viasna.

Their lawyers said the charges were political and that the money had been spent on food, transport and medical care for families who had fled the war.

The verdict comes as the authorities in Belarus continue a crackdown on civil society that began after the disputed presidential election of 2020.

More than 1,400 people are now held as political prisoners in the country, Viasna says.
"""

# An article written in Belarusian: its manifest entry says language = "be" (pipeline add
# finds the language in the text).
ARTICLE_BE = """\
Валанцёры з Гародні дапамагаюць сем'ям палітвязняў

Аўтар: Вольга Дрындава
5 сакавіка 2024

Некалькі валанцёраў з Гародні штомесяц збіраюць ежу і лекі для сем'яў палітычных вязняў.

Яны не карыстаюцца сацыяльнымі сеткамі і сустракаюцца толькі з людзьмі, якім давяраюць.

Паводле праваабаронцаў, у Беларусі цяпер больш за 1 400 палітвязняў.
"""

SECOND_PACK = f"""
[[tool.pipeline.packs]]
slug = "{SECOND}"
title = "The Opposition in Exile"
subtitle = "Two articles on the Belarusian opposition"
documents = ["SHARED", "NEW", "BELARUSIAN"]
languages = ["en", LANGS]
"""

needs_git = pytest.mark.skipif(shutil.which("git") is None or not (REPO / ".git").exists(), reason="not a git checkout")


def _copy_project(dest: Path) -> Path:
    """The project as the user's work tree has it: every tracked file, and every new one not
    ignored (an article added but not yet committed)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = REPO / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def _one_glossary_warning(err: str, lang: str) -> None:
    """One warning, naming the new language among those glossary.csv has no column for."""
    said = [line for line in err.splitlines() if "no glossary checks for" in line]
    assert len(said) == 1 and said[0].startswith("warning: locales/glossary.csv: no "), err
    assert lang in said[0].partition("no glossary checks for ")[2].partition(" (")[0].split(", "), err


def _ids(page: str) -> list[str]:
    return re.findall(r'\bid="([^"]+)"', page)


@pytest.mark.workflow
@needs_git
def test_adding_an_article_a_pack_and_a_language_keeps_the_project_green(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _copy_project(tmp_path / "project")
    monkeypatch.chdir(root)
    before = load_config(root)  # whatever the user's project holds already
    first = before.packs[0]
    shared = first.documents[0]
    lang = next(code for code in ("pl", "cs", "lt", "uk") if code not in before.languages)
    # ... and a language pipeline/data/lang has no file for: CLDR (Babel) alone.
    bare = next(code for code in ("cs", "lt", "uk", "sk", "sl")
                if code not in before.languages and code != lang and not (DATA_DIR / f"{code}.toml").exists())
    article = tmp_path / "hrodna-court.txt"
    article.write_text(ARTICLE, encoding="utf-8")

    # 1. An article, added to the first pack.
    assert main(["add", str(article), "--slug", "test-workflow-article", "--pack", first.slug]) == 0
    new = "test-workflow-article"
    assert f'"{new}"' in (root / "pyproject.toml").read_text(encoding="utf-8")
    article_be = tmp_path / "hrodna-volunteers.txt"
    article_be.write_text(ARTICLE_BE, encoding="utf-8")
    belarusian = "test-workflow-belarusian"
    assert main(["add", str(article_be), "--slug", belarusian]) == 0
    entry = (root / "seeds" / "seeds.toml").read_text(encoding="utf-8").split(f'slug = "{belarusian}"')[1]
    assert 'language = "be"' in entry.split("[[seed]]")[0]

    # 2. A second pack sharing an article with the first, and 3. two new languages (Polish and
    # one without a data file), in tool.pipeline.languages and the first pack's languages
    # (every `languages = [...]` line).
    config = (root / "pyproject.toml").read_text(encoding="utf-8")
    config, n = re.subn(r'(?m)^(languages = \[[^\]\n]*?)\s*\]', rf'\1, "{lang}", "{bare}"]', config)
    assert n >= 2, config
    second = (SECOND_PACK.replace("SHARED", shared).replace("NEW", new).replace("BELARUSIAN", belarusian)
              .replace("LANGS", f'"{lang}", "{bare}"'))
    (root / "pyproject.toml").write_text(config + second, encoding="utf-8")
    after = load_config(root)
    assert {lang, bare} <= set(after.languages) and {lang, bare} <= set(after.packs[0].languages)
    assert len(after.packs) == len(before.packs) + 1

    # extract → update → check → build, as the README says.
    assert main(["extract"]) == 0
    assert main(["update"]) == 0
    capsys.readouterr()
    assert main(["check"]) == 0
    err = capsys.readouterr().err
    _one_glossary_warning(err, lang)
    _one_glossary_warning(err, bare)
    assert main(["build", "--jobs", "2"]) == 0
    out, err = capsys.readouterr()
    _one_glossary_warning(err, lang)

    # The new article is in the catalogs of every target language, untranslated.
    pot = (root / "locales" / f"{new}.pot").read_text(encoding="utf-8")
    assert "Hrodna court jails three volunteers for aiding Ukrainian refugees" in pot
    for code in after.target_languages:
        assert (root / "locales" / code / "LC_MESSAGES" / f"{new}.po").is_file(), code
        assert (root / "locales" / code / "LC_MESSAGES" / "ui.po").is_file(), code
    # The Belarusian article's msgids are Belarusian; English is one of its targets.
    pot_be = (root / "locales" / f"{belarusian}.pot").read_text(encoding="utf-8")
    assert '"X-Source-Language: be\\n"' in pot_be and "Валанцёры з Гародні" in pot_be
    assert not (root / "locales" / "be" / "LC_MESSAGES" / f"{belarusian}.po").exists()
    for code in after.targets_for("be"):
        assert (root / "locales" / code / "LC_MESSAGES" / f"{belarusian}.po").is_file(), code
    # The language without a data file has CLDR's plural forms.
    # (read as a header value: a long rule, Lithuanian's, is wrapped over lines in the file)
    bare_po = read_po(root / "locales" / bare / "LC_MESSAGES" / f"{new}.po")
    assert bare_po.header_value("Plural-Forms") == get_plural(bare).plural_forms

    # Polish is published in English, marked EN, and says so in the build report.
    articles = len(first.documents) + 1
    assert re.search(rf"{first.slug} \[{lang}\]: {articles} articles, 0/\d+ segments published \(0\.0%\)", out), out
    assert re.search(rf"{SECOND} \[{lang}\]: 3 articles, 0/\d+ segments published .*fell back to English and Belarusian", out), out
    assert re.search(rf"{SECOND} \[{bare}\]: 3 articles, 0/\d+ segments published", out), out
    pl = (root / "dist" / lang / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in pl
    assert '<span class="fallback" lang="en">Hrodna court jails three volunteers' in pl
    assert 'class="fallback-mark" aria-hidden="true">EN</span>' in pl
    assert re.search(r'<span class="fallback" lang="be">Валанцёры з Гародні[^<]*<span class="fallback-mark" '
                     r'aria-hidden="true">BE</span>', pl)
    # Until Polish ui.po is translated, the colophon says so in English; with nothing translated
    # yet, it does not say the edition is "Translated from" anything.
    assert "are shown in the original, marked with their language code (EN, BE)." in pl and "angielski" not in pl
    assert "Translated from" not in pl
    en_page = (root / "dist" / "en" / "index.html").read_text(encoding="utf-8")
    assert '<span class="fallback" lang="be">Валанцёры з Гародні' in en_page
    bare_page = (root / "dist" / bare / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{bare}"' in bare_page and '<span class="fallback" lang="en">Hrodna court jails' in bare_page
    for code in first.languages + (lang, bare):
        assert (root / "dist" / code / f"{first.slug}.pdf").is_file(), code
    assert (root / "dist" / lang / f"{SECOND}.pdf").is_file()
    assert not (root / "dist" / "be" / f"{SECOND}.pdf").exists()  # the second pack is en and {lang} only

    # Unique ids on every language page; each pack's contents links land in that pack.
    for code in after.languages:
        page = (root / "dist" / code / "index.html").read_text(encoding="utf-8")
        ids = _ids(page)
        assert len(ids) == len(set(ids)), (code, sorted({i for i in ids if ids.count(i) > 1}))
        for section in page.split('<section class="pack"')[1:]:
            toc = re.search(r'<nav class="toc".*?</nav>', section, re.S)
            assert toc
            for href in re.findall(r'href="#([^"]+)"', toc.group()):
                assert f'id="{href}"' in section, (code, href)
    assert f'href="#{SECOND}--{shared}"' in pl and f'href="#{first.slug}--{shared}"' in pl

    # The shipped-content checks still pass on the changed project.
    shipped.check_all(root)
    if SHARED_SEEDS.is_dir():
        shipped.check_seeds_are_the_collected_texts(root, SHARED_SEEDS)
