"""The build's QA gate on a tiny fixture project (tests/gate/project).

Its Belarusian catalog has three planted errors that `pipeline check` reports: a wrong number
(1 100 for 1,200), an unbalanced «…» and a Latin i in «працягвалiся»; its German catalog is
clean.  The pack's subtitle is untranslated in be.  ``on_check_error = "fallback"`` publishes
the three sentences in English, marked and counted; ``"fail"`` and ``--strict`` stop the build
naming ``path.po:line`` and the check; ``"publish"`` publishes them as written.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from markupsafe import escape
from pypdf import PdfReader

from pipeline import build as stage
from pipeline.cli import main
from pipeline.config import load_config
from pipeline.errors import ConfigError
from tests import render_support as rs

FIXTURE = Path(__file__).parent / "gate" / "project"
PLANTED = {  # msgid line in locales/be/LC_MESSAGES/tiny.po -> the check that fires
    29: "numbers",
    36: "quotes",
    41: "script",
}
ENGLISH = (
    "In August 2020, more than 1,200 people were detained in Minsk in one night.",
    "Officials called the arrests “a necessary measure”.",
    "The protests went on for months.",
)


def _copy(tmp_path: Path, policy: str = "fallback") -> Path:
    root = tmp_path / "gate"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(rs.REPO / "templates", root / "templates")
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8").replace('on_check_error = "fallback"', f'on_check_error = "{policy}"')
    pyproject.write_text(text, encoding="utf-8")
    return root


def _pdf_text(path: Path) -> str:
    # The PDF binds words with no-break spaces (render.bind_spaces): read them as spaces.
    return " ".join((page.extract_text() or "") for page in PdfReader(path).pages).replace("\xa0", " ")


def test_fallback_publishes_the_english_marked_and_counted(tmp_path: Path) -> None:
    config = load_config(_copy(tmp_path))
    report = stage.build(config, built=rs.BUILT, jobs=1)
    be = next(r for r in report.languages if r.lang == "be")
    (article,) = be.articles
    assert (article.segments, article.published, article.withheld) == (5, 2, 3)
    assert set(article.checks) == {"numbers", "quotes", "script"}
    assert be.strings is not None and (be.strings.published, be.strings.fallback, be.strings.withheld) == (1, 1, 0)
    held = "\n".join(be.held)
    for line, check in PLANTED.items():
        assert f"locales/be/LC_MESSAGES/tiny.po:{line}: [{check}]" in held
    de = next(r for r in report.languages if r.lang == "de")
    assert de.published == de.segments and de.held == ()  # a clean catalog: nothing held back

    page = (config.dist / "be" / "index.html").read_text(encoding="utf-8")
    for sentence in ENGLISH:
        assert re.search(r'<span class="fallback" lang="en">' + re.escape(str(escape(sentence))), page)
    assert "1\u00a0100" not in page and "«неабходнай мерай." not in page and "працягвалiся" not in page
    assert "Мінск лічыць затрыманых" in page  # the clean entries are published
    # The pack's title is translated; its untranslated subtitle is English, marked like a sentence.
    assert '<h1 id="tiny-pack-title">Маленькая падборка</h1>' in page
    assert re.search(r'<p class="subtitle"><span class="fallback" lang="en">One article, three planted errors'
                     r'<span class="fallback-mark" aria-hidden="true">EN</span>', page)
    chooser = (config.dist / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="chooser-subtitle"><span class="fallback" lang="en">One article, three planted errors'
                     r'<span class="fallback-mark"', chooser)
    assert '<span class="chooser-pack"><span lang="be">Маленькая падборка</span></span>' in chooser
    # The colophon counts both kinds and says why (the fixture's ui.po is the shipped one).
    assert "1 сказ яшчэ не перакладзены" in page
    assert "3 перакладзеныя сказы не апублікаваныя, бо аўтаматычная праверка знайшла ў іх памылку" in page

    pdf = _pdf_text(config.dist / "be" / "tiny-pack.pdf")
    assert "more than 1,200 people" in pdf and "1 100" not in pdf
    assert "аўтаматычная праверка" in pdf


def test_machine_draft_is_said_not_credited(tmp_path: Path) -> None:
    config = load_config(_copy(tmp_path))
    stage.build(config, built=rs.BUILT, jobs=1)
    be = (config.dist / "be" / "index.html").read_text(encoding="utf-8")
    de = (config.dist / "de" / "index.html").read_text(encoding="utf-8")
    # be: a reviewer signed (Last-Translator, no X-Translation-Status): named, without the e-mail.
    assert '<dd class="translator">Ганна Праверчыца</dd>' in be and "hanna@example.by" not in be
    assert 'class="review"' not in be
    # de: X-Translation-Status: machine-draft: no translator row, the draft is said as such.
    assert 'class="translator"' not in de and "maschineller Übersetzungsentwurf" not in de
    assert '<dd class="review">Maschineller Übersetzungsentwurf, noch nicht geprüft</dd>' in de
    assert "Die Übersetzung ist ein maschineller Entwurf" in de


def test_fail_policy_stops_the_build_naming_each_entry(tmp_path: Path) -> None:
    config = load_config(_copy(tmp_path, "fail"))
    with pytest.raises(stage.BuildError) as info:
        stage.build(config, built=rs.BUILT, jobs=1)
    text = str(info.value)
    for line, check in PLANTED.items():
        assert f"locales/be/LC_MESSAGES/tiny.po:{line}: [{check}]" in text
    assert "de/LC_MESSAGES" not in text
    assert not (config.dist / "be" / "tiny-pack.pdf").exists()


def test_strict_fails_whatever_the_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    root = _copy(tmp_path, "publish")
    monkeypatch.chdir(root)
    assert main(["build", "--strict", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "locales/be/LC_MESSAGES/tiny.po:29: [numbers] number 1,200 of the source is missing" in err
    assert "--strict" in err
    assert main(["build", "--jobs", "1"]) == 0  # "publish": published as written
    out = capsys.readouterr().out
    assert "held back" not in out
    assert "1\u00a0100" in (root / "dist" / "be" / "index.html").read_text(encoding="utf-8")


def test_cli_report_says_how_many_and_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    root = _copy(tmp_path)
    monkeypatch.chdir(root)
    assert main(["build", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "tiny-pack [be]: 1 article, 2/5 segments published (40.0%), 3 fell back to English (3 held back by check errors)" in out
    assert re.search(r"tiny\s+2/5\s+40\.0%\s+3 fell back, 3 of them held back by check errors \(numbers, quotes, script\)", out)
    assert re.search(r"\(pack title, subtitle\)\s+1/2", out)
    assert "held back: locales/be/LC_MESSAGES/tiny.po:41: [script]" in out
    assert main(["build"]) == 0  # a no-op rebuild reports the same from the saved state
    assert "3 held back by check errors" in capsys.readouterr().out


def test_warnings_never_block(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    po = root / "locales" / "de" / "LC_MESSAGES" / "tiny.po"
    text = po.read_text(encoding="utf-8").replace("Die Proteste dauerten monatelang", "Die Proteste dauerten dauerten monatelang")
    po.write_text(text, encoding="utf-8")  # a doubled word: a warning only
    config = load_config(root)
    report = stage.build(config, built=rs.BUILT, jobs=1)
    de = next(r for r in report.languages if r.lang == "de")
    assert de.published == de.segments
    assert "dauerten dauerten" in (config.dist / "de" / "index.html").read_text(encoding="utf-8")


def test_on_check_error_is_validated(tmp_path: Path) -> None:
    root = _copy(tmp_path, "ignore")
    with pytest.raises(ConfigError, match=r"tool\.pipeline\.packs\[0\]\.on_check_error: expected"):
        load_config(root)


def test_a_planted_error_in_a_shipped_catalog_falls_back_and_strict_names_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped Belarusian catalog of one article, with one translator's slip planted in it
    (800 detainees become 900): the sentence is published in English, marked and counted, in
    the HTML and the PDF; the rest of the catalog is published; --strict names the entry."""
    from tests.test_render_build import DOC, _project

    root = _project(tmp_path, gate="fallback")
    target = root / "locales" / "be" / "LC_MESSAGES" / f"{DOC}.po"
    shipped = (rs.ROOT / "locales" / "be" / "LC_MESSAGES" / f"{DOC}.po").read_text(encoding="utf-8")
    assert shipped.count("больш за 800 чалавек") == 1
    target.write_text(shipped.replace("больш за 800 чалавек", "больш за 900 чалавек"), encoding="utf-8")
    line = next(i for i, text in enumerate(shipped.split("\n"), 1)
                if text.startswith("msgid") and "Radio Free Europe" in "".join(shipped.split("\n")[i - 1:i + 2]))
    config = load_config(root)
    report = stage.build(config, built=rs.BUILT, jobs=1)
    be = next(r for r in report.languages if r.lang == "be")
    assert be.articles[0].withheld == 1 and be.articles[0].fallback == 1 and be.articles[0].checks == ("numbers",)
    assert be.held == (f"locales/be/LC_MESSAGES/{DOC}.po:{line}: [numbers] number 800 of the source is missing: "
                       "expected “800”",)
    english = "According to Radio Free Europe, over 800 individuals were detained for their involvement in the protests."
    page = (config.dist / "be" / "index.html").read_text(encoding="utf-8")
    assert '<span class="fallback" lang="en">' + english in page and "900 чалавек" not in page
    assert "1 перакладзены сказ не апублікаваны, бо аўтаматычная праверка знайшла ў ім памылку" in page
    assert "Пераклад — машынны чарнавік, яго яшчэ не праверыў перакладчык." in page  # the shipped header says so
    pdf = _pdf_text(config.dist / "be" / "mini.pdf")
    assert "over 800 individuals" in pdf and "900" not in pdf and "аўтаматычная праверка" in pdf

    monkeypatch.chdir(root)
    assert main(["build", "--strict", "--force", "--jobs", "1"]) == 1
    assert f"locales/be/LC_MESSAGES/{DOC}.po:{line}: [numbers] number 800 of the source is missing" in capsys.readouterr().err


def test_the_shipped_catalogs_hold_nothing_back() -> None:
    """Shipped-content check: the QA gate finds no error in any shipped catalog."""
    config = load_config(rs.REPO)
    glossary = stage.load_build_glossary(config)
    for lang in config.target_languages:
        for domain in (*{d for p in config.packs for d in p.documents}, "ui"):
            assert stage.article_catalog(config, lang, domain, glossary).errors == (), (lang, domain)


def test_a_template_string_with_an_error_shows_its_english(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    po = root / "locales" / "be" / "LC_MESSAGES" / "ui.po"
    text = po.read_text(encoding="utf-8")
    assert text.count('msgstr "Змест"') == 1
    po.write_text(text.replace('msgstr "Змест"', 'msgstr "Змeст"'), encoding="utf-8")  # a Latin e
    config = load_config(root)
    report = stage.build(config, built=rs.BUILT, jobs=1)
    be = next(r for r in report.languages if r.lang == "be")
    assert any("ui.po" in f and "[script]" in f for f in be.held)
    page = (config.dist / "be" / "index.html").read_text(encoding="utf-8")
    assert ">Contents</h2>" in page and "Змeст" not in page
