"""Facts about languages as data (pipeline/lang.py over pipeline/data/lang/<code>.toml).

Every data file loads and agrees with Babel's CLDR data where both say something (plural rule
and count, script); a bad data file names its file, line and key (tests/bad/lang/); a code
without a data file still works from Babel alone; an unknown code is a clear error.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
import re
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural

from pipeline import lang as lang_mod
from pipeline.errors import ConfigError, SourceError
from pipeline.lang import Language, LanguageError, data_codes, language, length_ratio, load_language, unknown_reason

BAD = Path(__file__).parent / "bad" / "lang"
BAD_FILES = sorted(BAD.glob("*.toml"))


def _rule(forms: str) -> Callable[[int], int]:
    expr = re.search(r"plural\s*=\s*(.+?);?\s*$", forms)
    assert expr, forms
    return gettext.c2py(expr.group(1))


def test_the_shipped_data_files_are_the_five_languages() -> None:
    assert set(data_codes()) >= {"en", "be", "de", "ru", "pl"}


@pytest.mark.parametrize("code", data_codes())
def test_each_data_file_loads_and_its_plural_rule_is_babels(code: str) -> None:
    facts = language(code)
    assert facts.data_file == f"pipeline/data/lang/{code}.toml"
    babel = get_plural(code)
    assert facts.nplurals == babel.num_plurals
    ours, theirs = _rule(facts.plural_forms), _rule(babel.plural_forms)
    assert [ours(n) for n in range(0, 1001)] == [theirs(n) for n in range(0, 1001)]


@pytest.mark.parametrize("code", data_codes())
def test_each_data_file_names_the_script_cldr_gives(code: str) -> None:
    assert language(code).script == lang_mod._babel_script(code)


def test_the_plural_forms_are_pinned_as_the_catalogs_have_them() -> None:
    # Changing one of these churns the Plural-Forms header of every catalog of the language.
    assert language("be").plural_forms == (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);")
    assert language("de").plural_forms == language("en").plural_forms == "nplurals=2; plural=(n != 1);"


@pytest.mark.parametrize("code", ["cs", "uk", "lt", "fr"])
def test_a_language_without_a_data_file_is_babels(code: str) -> None:
    assert not (lang_mod.DATA_DIR / f"{code}.toml").exists()
    facts = language(code)
    assert facts.data_file == ""
    assert facts.plural_forms == get_plural(code).plural_forms and facts.nplurals == get_plural(code).num_plurals
    assert facts.script in ("Latin", "Cyrillic")
    assert facts.quotes.primary is None and facts.one_letter_words == () and facts.strip_letters == ""
    assert facts.name and facts.name[0].isupper()


def test_a_regional_code_falls_back_to_its_language_file() -> None:
    assert language("de-AT").data_file.endswith("/de.toml")
    assert language("de-AT").quotes == language("de").quotes


@pytest.mark.parametrize("code", ["xx", "qq", "1x", "", "en us", "e"])
def test_an_unknown_code_is_named(code: str) -> None:
    assert unknown_reason(code) is not None
    with pytest.raises(LanguageError) as info:
        load_language(code)
    assert repr(code) in str(info.value)


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.stem for p in BAD_FILES])
def test_a_bad_data_file_names_file_line_and_key(path: Path) -> None:
    expected = path.with_name(path.name + ".expect").read_text(encoding="utf-8").strip()
    with pytest.raises(SourceError) as info:
        load_language("pl", path, shown="xx.toml")
    assert str(info.value).splitlines()[0].startswith(expected), str(info.value)


def test_quotes_are_shown_from_the_data() -> None:
    assert language("be").quotes.shown == "«…» („…“ inside)"
    assert language("de").quotes.shown == "„…“ (‚…‘ inside; »…« also accepted)"
    assert language("de").quotes.pairs == {"„": "“", "‚": "‘", "»": "«", "›": "‹"}


def test_percent_spacing_comes_from_cldr_unless_a_file_says() -> None:
    assert language("de").percent_space and language("be").percent_space
    assert not language("en").percent_space and not language("pl").percent_space  # CLDR: 50%


def test_length_ratio_combines_two_languages_ratios_to_english() -> None:
    assert length_ratio("en", "de") == (1.16, 0.65, 1.8)
    typical, low, high = length_ratio("be", "en") or (0, 0, 0)
    assert typical == pytest.approx(1 / 0.97) and low < typical < high
    assert length_ratio("en", "pl") is None  # not measured: the check's default bounds apply
    assert length_ratio("de", "de") is None


def test_fold_text_applies_the_languages_letter_equivalences() -> None:
    assert language("be").fold_text("Ўладзімір") == "уладзімір"
    assert language("de").fold_text("Ўладзімір") == "ўладзімір"


def test_language_is_a_frozen_dataclass() -> None:
    facts = language("be")
    assert isinstance(facts, Language)
    with pytest.raises(AttributeError):
        facts.script = "Latin"  # type: ignore[misc]


def test_config_refuses_an_unknown_language_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.config import load_config

    monkeypatch.chdir(tmp_path)  # paths in messages are shown relative to the working folder

    (tmp_path / "pyproject.toml").write_text(
        '[tool.pipeline]\nlanguages = ["en", "be", "xx"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value) == ("pyproject.toml: tool.pipeline.languages[2]: unknown language code 'xx': "
                               "CLDR (Babel) has no data for it")
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\nsource_language = "zz"\nlanguages = ["zz"]\n',
                                             encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^pyproject\.toml: tool\.pipeline\.source_language: unknown language code 'zz'"):
        load_config(tmp_path)


def test_the_cli_reports_an_unknown_code_without_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.cli import main

    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\nlanguages = ["en", "xyz"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["status"]) != 0
    err = capsys.readouterr().err
    assert "pyproject.toml: tool.pipeline.languages[1]: unknown language code 'xyz'" in err
    assert "Traceback" not in err and "UnknownLocaleError" not in err


def test_check_names_a_catalog_in_an_unknown_language(tmp_path: Path) -> None:
    from pipeline.check import check_files

    path = tmp_path / "xq" / "LC_MESSAGES" / "a.po"
    path.parent.mkdir(parents=True)
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "One."\nmsgstr "Adzin."\n',
                    encoding="utf-8")
    report = check_files([path], display=lambda p: "a.po")
    assert [(f.path, f.check, f.severity) for f in report.findings] == [("a.po", "catalog", "error")]
    assert "unknown language code 'xq'" in report.findings[0].message
