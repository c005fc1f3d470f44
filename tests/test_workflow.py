"""A user's own repository stays green when its content changes (issue 13).

On a copy of this project (its git-tracked files), an editor does what the README says: adds an
article with ``pipeline add --pack``, a second pack sharing an article with the first, and a
fourth language (pl, which glossary.csv has no column for); then extract → update → check →
build, all through ``pipeline.cli.main``.  The workflow must work (the new article in every
catalog, Polish shown in English and marked EN, unique ids across packs, one glossary warning)
and the shipped-content checks (tests/shipped.py), run over the copy, must still pass.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.config import load_config
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

SECOND_PACK = f"""
[[tool.pipeline.packs]]
slug = "{SECOND}"
title = "The Opposition in Exile"
subtitle = "Two articles on the Belarusian opposition"
documents = ["SHARED", "NEW"]
languages = ["en", "LANG"]
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
    article = tmp_path / "hrodna-court.txt"
    article.write_text(ARTICLE, encoding="utf-8")

    # 1. An article, added to the first pack.
    assert main(["add", str(article), "--slug", "test-workflow-article", "--pack", first.slug]) == 0
    new = "test-workflow-article"
    assert f'"{new}"' in (root / "pyproject.toml").read_text(encoding="utf-8")

    # 2. A second pack sharing an article with the first, and 3. a new language (Polish), in
    # tool.pipeline.languages and the first pack's languages (every `languages = [...]` line).
    config = (root / "pyproject.toml").read_text(encoding="utf-8")
    config, n = re.subn(r'(?m)^(languages = \[[^\]\n]*?)\s*\]', rf'\1, "{lang}"]', config)
    assert n >= 2, config
    second = SECOND_PACK.replace("SHARED", shared).replace("NEW", new).replace("LANG", lang)
    (root / "pyproject.toml").write_text(config + second, encoding="utf-8")
    after = load_config(root)
    assert lang in after.languages and lang in after.packs[0].languages and len(after.packs) == len(before.packs) + 1

    # extract → update → check → build, as the README says.
    assert main(["extract"]) == 0
    assert main(["update"]) == 0
    capsys.readouterr()
    assert main(["check"]) == 0
    _one_glossary_warning(capsys.readouterr().err, lang)
    assert main(["build", "--jobs", "2"]) == 0
    out, err = capsys.readouterr()
    _one_glossary_warning(err, lang)

    # The new article is in the catalogs of every target language, untranslated.
    pot = (root / "locales" / f"{new}.pot").read_text(encoding="utf-8")
    assert "Hrodna court jails three volunteers for aiding Ukrainian refugees" in pot
    for code in after.target_languages:
        assert (root / "locales" / code / "LC_MESSAGES" / f"{new}.po").is_file(), code
        assert (root / "locales" / code / "LC_MESSAGES" / "ui.po").is_file(), code

    # Polish is published in English, marked EN, and says so in the build report.
    articles = len(first.documents) + 1
    assert re.search(rf"{first.slug} \[{lang}\]: {articles} articles, 0/\d+ segments published \(0\.0%\)", out), out
    assert re.search(rf"{SECOND} \[{lang}\]: 2 articles, 0/\d+ segments published", out), out
    pl = (root / "dist" / lang / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in pl
    assert '<span class="fallback" lang="en">Hrodna court jails three volunteers' in pl
    assert 'class="fallback-mark" aria-hidden="true">EN</span>' in pl
    for code in first.languages + (lang,):
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
