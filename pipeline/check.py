"""The check stage: quality checks of translated catalogs, for translators and for CI.

Every finding reads ``path.po:line: [check] message`` with ``line`` the line of the entry's
``msgid``.  Errors fail the run; warnings fail it only with ``strict``.  The checks:

==============  =====================================================================  ========
name            what it reports                                                       severity
==============  =====================================================================  ========
numbers         a source number missing or wrong in the translation; its locale form   error /
                (1 500 with a no-break space, 1.500, 3 %)                              warning
dates           a month of the source missing; German "24. Februar"                    error
quotes          quotation marks not in the target's style or unbalanced                error
brackets        brackets unbalanced differently from the source                        error
punctuation     sentence-end punctuation differs (. ? ! : ; …)                         error
urls            URLs, e-mail addresses, domains, hashtags changed                      error
spacing         double spaces, edge whitespace unlike the source; doubled words        error /
                and spaces before punctuation                                          warning
script          a word mixing Cyrillic and Latin letters (Latin i for і); a word of    error /
                the other script that is no name from the source                       warning
untranslated    the translation copies the source (names/numbers/URLs allowed)        error
length          the length ratio is an outlier for the language pair                   warning
glossary        a glossary term not translated as fixed, or a forbidden form used      error
placeholders    python-format / python-brace-format placeholders differ from msgid     error
plurals         plural forms do not number nplurals (pipeline.lang, for the language)  error
nbsp            a plain space where the language binds with a no-break space          warning
                (be «2020 г.», «5 тыс.»; de „92 Prozent“, „24. Februar“)
copyright       "(c)" written for ©                                                     warning
titles          a woman's title in the masculine (feminine policy) or a feminine       warning
                title (masculine policy); policy and names in locales/style.toml
datestyle       the catalog mixes date styles (be «2020 г.» and «2020 года»)           warning
==============  =====================================================================  ========

The last four are typography and house style (:mod:`pipeline.check_style`): the facts of each
language are data in ``pipeline/data/lang/<lang>.toml``, the project's choices in
``locales/style.toml``.

Two more kinds are listed but are not checks: ``fuzzy`` (a warning: fuzzy entries are not
checked as final) and ``silence`` (an unknown or unused silencer).

Silencing names the check, on one entry only, so nothing is silenced by accident: a
translator comment ``# check: ignore numbers, quotes`` (kept by every gettext tool), or a flag
``#, no-check-numbers`` (Weblate keeps it, but GNU msgmerge/msgcat and Poedit drop unknown
flags, so such a flag is itself a warning).  An unknown name is an error; a silencer whose
check finds nothing is a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.check_glossary import Glossary, check_glossary
from pipeline.check_numbers import check_dates, check_numbers
from pipeline.check_style import HouseStyle, check_copyright, check_nbsp, check_titles, odd_date_styles
from pipeline.check_text import (
    Issue,
    Severity,
    TextContext,
    check_brackets,
    check_length,
    check_punctuation,
    check_quotes,
    check_script,
    check_spacing,
    check_untranslated,
    check_urls,
)
from pipeline.errors import CatalogError, PipelineError
from pipeline.lang import LanguageError, language, unknown_reason
from pipeline.catalog import source_language_of
from pipeline.pofile import Catalog, Message, read_po

TextCheck = Callable[[str, str, str, TextContext], list[Issue]]

TEXT_CHECKS: dict[str, TextCheck] = {
    "numbers": check_numbers,
    "dates": check_dates,
    "quotes": check_quotes,
    "brackets": check_brackets,
    "punctuation": check_punctuation,
    "urls": check_urls,
    "spacing": check_spacing,
    "script": check_script,
    "untranslated": check_untranslated,
    "length": check_length,
    "nbsp": check_nbsp,
    "copyright": check_copyright,
    "titles": check_titles,
}
CHECK_NAMES: tuple[str, ...] = (*TEXT_CHECKS, "glossary", "placeholders", "plurals", "datestyle")


@dataclass(frozen=True)
class Finding:
    """One problem at one place of one catalog."""

    path: str
    line: int
    check: str
    message: str
    severity: Severity
    lang: str = ""
    msgid: str = ""
    msgctxt: str | None = None

    def format(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: [{self.check}] {prefix}{self.message}"

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path, "line": self.line, "check": self.check, "severity": self.severity,
            "message": self.message, "lang": self.lang, "msgid": self.msgid, "msgctxt": self.msgctxt,
        }


@dataclass(frozen=True)
class CheckReport:
    """Everything one run found, with counts for the summary line."""

    findings: tuple[Finding, ...]
    files: int
    checked: int  # translated, non-fuzzy entries that went through the checks
    fuzzy: int
    untranslated: int  # entries with an empty msgstr (not checked; see `pipeline status`)

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)

    def as_json(self) -> dict[str, object]:
        return {
            "findings": [f.as_json() for f in self.findings],
            "summary": {"files": self.files, "checked": self.checked, "fuzzy": self.fuzzy,
                        "untranslated": self.untranslated, "errors": self.errors, "warnings": self.warnings},
        }


# ---------------------------------------------------------------------------------------------
# silencing

_SILENCE_COMMENT = re.compile(r"^\s*check\s*:\s*ignore\b(.*)$", re.IGNORECASE)
_SILENCE_FLAG = "no-check-"


def _flag_silencers(flags: Iterable[str]) -> list[str]:
    """The check names of the ``no-check-<name>`` flags."""
    return [f[len(_SILENCE_FLAG):] for f in flags if f.startswith(_SILENCE_FLAG)]


def silencers(flags: Iterable[str], comments: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(named checks silenced, names that are not checks) from flags and translator comments."""
    names = _flag_silencers(flags)
    for comment in comments:
        m = _SILENCE_COMMENT.match(comment)
        if m:
            names.extend(n for n in re.split(r"[\s,]+", m.group(1).strip()) if n)
            if not m.group(1).strip():
                names.append("")  # "check: ignore" without a name silences nothing: report it
    known = tuple(dict.fromkeys(n for n in names if n in CHECK_NAMES))
    unknown = tuple(dict.fromkeys(n for n in names if n not in CHECK_NAMES))
    return known, unknown


# ---------------------------------------------------------------------------------------------
# UI entries: placeholders and plurals

_PY_FORMAT = re.compile(r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<conv>[diouxXeEfFgGcrsa%])")
_BRACE_FORMAT = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def python_placeholders(text: str) -> tuple[Counter[str], tuple[str, ...]]:
    """Named placeholders (name+conversion, counted) and the sequence of positional ones."""
    named: Counter[str] = Counter()
    positional: list[str] = []
    for m in _PY_FORMAT.finditer(text):
        if m.group("conv") == "%":
            continue
        if m.group("name") is not None:
            named[f"%({m.group('name')}){m.group('conv')}"] += 1
        else:
            positional.append("%" + m.group("conv"))
    return named, tuple(positional)


def check_placeholders(msg: Message) -> list[Issue]:
    """python-format / python-brace-format placeholders of each msgstr match the msgid."""
    flags = set(msg.flags)
    issues: list[Issue] = []
    sources = [msg.msgid] if msg.msgid_plural is None else [msg.msgid] + [msg.msgid_plural] * (len(msg.strings) - 1)
    python = "python-format" in flags or ("no-python-format" not in flags and "%(" in msg.msgid and _PY_FORMAT.search(msg.msgid))
    brace = "python-brace-format" in flags
    for i, (src, tgt) in enumerate(zip(sources, msg.strings)):
        if not tgt:
            continue
        where = f"msgstr[{i}]" if msg.msgid_plural is not None else "msgstr"
        if python:
            s_named, s_pos = python_placeholders(src)
            t_named, t_pos = python_placeholders(tgt)
            if msg.msgid_plural is not None:
                # Either form of the source may be the model (msgid for [0], plural for others).
                s_named = s_named | python_placeholders(msg.msgid)[0]
                s_named_req = python_placeholders(msg.msgid_plural)[0] if i else python_placeholders(msg.msgid)[0]
            else:
                s_named_req = s_named
            missing = sorted(set(s_named_req) - set(t_named))
            extra = sorted(set(t_named) - set(s_named))
            if missing:
                issues.append(Issue("placeholders", f"{where} lacks {', '.join(missing)}"))
            if extra:
                issues.append(Issue("placeholders", f"{where} has {', '.join(extra)}, which the msgid does not"))
            if s_pos != t_pos:
                issues.append(Issue("placeholders", f"{where} positional placeholders {' '.join(t_pos) or 'none'} "
                                    f"differ from the msgid's {' '.join(s_pos) or 'none'}"))
        if brace:
            s_set = {m.group(1) for m in _BRACE_FORMAT.finditer(src) if m.group(1) is not None}
            t_set = {m.group(1) for m in _BRACE_FORMAT.finditer(tgt) if m.group(1) is not None}
            if s_set != t_set:
                issues.append(Issue("placeholders", f"{where} has {{{'}, {'.join(sorted(t_set))}}} "
                                    f"but the msgid has {{{'}, {'.join(sorted(s_set))}}}"))
    return issues


def expected_nplurals(lang: str) -> int | None:
    """The number of plural forms gettext uses for ``lang`` (its data file, else Babel's
    CLDR data; None for a code neither knows)."""
    try:
        return language(lang).nplurals
    except LanguageError:
        return None


def check_plurals(msg: Message, lang: str) -> list[Issue]:
    """A plural entry has exactly nplurals forms, all filled once one is."""
    if msg.msgid_plural is None:
        return []
    issues: list[Issue] = []
    n = expected_nplurals(lang)
    if n is not None and len(msg.msgstr_plural) != n:
        issues.append(Issue("plurals", f"{len(msg.msgstr_plural)} plural forms, but {lang} has {n}"))
    empty = [str(i) for i, s in enumerate(msg.msgstr_plural) if not s]
    if empty and len(empty) < len(msg.msgstr_plural):
        issues.append(Issue("plurals", f"plural form{'s' if len(empty) > 1 else ''} msgstr[{', '.join(empty)}] "
                            "empty while others are translated"))
    return issues


# ---------------------------------------------------------------------------------------------
# one entry

def check_entry(
    msg: Message,
    lang: str,
    ctx: TextContext,
    glossary: Glossary | None = None,
    only: frozenset[str] | None = None,
    extra: Sequence[Issue] = (),
) -> list[Issue]:
    """All issues of one translated, non-fuzzy entry (and ``extra`` ones found by looking at
    the whole catalog), after its named silencers."""
    issues: list[Issue] = list(extra)
    pairs = [(msg.msgid, msg.msgstr)] if msg.msgid_plural is None else [
        (msg.msgid if i == 0 else msg.msgid_plural, s) for i, s in enumerate(msg.msgstr_plural)
    ]
    for source, translation in pairs:
        if not translation:
            continue
        for fn in TEXT_CHECKS.values():
            issues.extend(fn(source, translation, lang, ctx))
        if glossary is not None:
            # Msgids in another language than English (X-Source-Language) are looked up in
            # that language's column, and what is found is a warning (check_glossary).
            issues.extend(check_glossary(glossary, source, translation, lang, ctx.source_lang))
    issues.extend(check_placeholders(msg))
    issues.extend(check_plurals(msg, lang))
    issues = list(dict.fromkeys(issues))  # the same issue in two plural forms: once
    if only is not None:
        issues = [i for i in issues if i.check in only]
    silenced, unknown = silencers(msg.flags, msg.comments)
    kept = [i for i in issues if i.check not in silenced]
    if only is not None:
        return kept  # a partial run cannot tell whether a silencer is still needed
    for name in unknown:
        what = f"“{name}” is not a check" if name else "“check: ignore” names no check"
        kept.append(Issue("silence", f"{what}; silence one of: {', '.join(CHECK_NAMES)}"))
    for name in dict.fromkeys(_flag_silencers(msg.flags)):
        if name in CHECK_NAMES:
            # GNU msgcat/msgmerge and Poedit drop flags they do not know: the silencer would
            # vanish at the next merge and the finding come back.
            flag = _SILENCE_FLAG + name
            kept.append(Issue("silence", f"the flag “{flag}” is dropped by msgcat, msgmerge and Poedit, and the finding "
                                         f"comes back; write a translator comment “# check: ignore {name}” instead", "warning"))
    fired = {i.check for i in issues}
    for name in silenced:
        if name not in fired:
            kept.append(Issue("silence", f"“{name}” is silenced here but finds nothing; remove the silencer", "warning"))
    return kept


def check_pair(
    source: str,
    translation: str,
    lang: str,
    flags: Sequence[str] = (),
    comments: Sequence[str] = (),
    *,
    glossary: Glossary | None = None,
    ctx: TextContext | None = None,
) -> list[Issue]:
    """The checks of one singular entry given as plain strings (flags and translator comments
    as in the PO file, without the ``#,`` / ``#`` markers)."""
    msg = Message(msgid=source, msgstr=translation, flags=tuple(flags), comments=tuple(comments))
    if ctx is None:
        ctx = TextContext(invariants=glossary.invariants(lang) if glossary is not None else ())
    return check_entry(msg, lang, ctx, glossary)


# ---------------------------------------------------------------------------------------------
# catalogs and files

_WORD = re.compile(r"[^\W\d_]+")


def vocabulary(messages: Iterable[Message]) -> frozenset[str]:
    """Words that occur in lower case in the sources: common words, not names."""
    words: set[str] = set()
    for m in messages:
        for text in (m.msgid, m.msgid_plural or ""):
            words.update(w for w in _WORD.findall(text) if w.islower())
    return frozenset(words)


def _msgid_lines(path: Path, catalog: Catalog) -> dict[int, int]:
    """Entry line (msgctxt or msgid) -> line of its msgid."""
    try:
        lines = path.read_text(encoding=catalog.charset, errors="replace").split("\n")
    except (OSError, LookupError):
        return {}
    out: dict[int, int] = {}
    for m in catalog.messages:
        if m.msgctxt is None:
            continue
        for i in range(m.line, min(len(lines), m.line + 200)):
            if re.match(r"^(#~\s*)?msgid\s", lines[i - 1]):
                out[m.line] = i
                break
    return out


def language_of(path: Path, catalog: Catalog) -> str | None:
    """The target language: ``…/<lang>/LC_MESSAGES/x.po``, else the header's Language."""
    parts = path.parts
    if len(parts) >= 3 and parts[-2] == "LC_MESSAGES":
        return parts[-3]
    value = catalog.header_value("Language")
    return value.strip() if value else None


def check_catalog(
    catalog: Catalog,
    lang: str,
    glossary: Glossary | None = None,
    *,
    path: str | None = None,
    only: frozenset[str] | None = None,
    msgid_lines: dict[int, int] | None = None,
    style: Mapping[str, HouseStyle] | None = None,
    source_lang: str = "en",
) -> CheckReport:
    """Check every entry of ``catalog`` (a pure function of the parsed catalog).  The msgids
    are in the header's X-Source-Language, else in ``source_lang`` (the project's)."""
    shown = path or catalog.path
    lines = msgid_lines or {}
    ctx = TextContext(
        vocabulary=vocabulary(catalog.entries),
        invariants=glossary.invariants(lang) if glossary is not None else (),
        source_lang=source_language_of(catalog, source_lang),
        style=style or {},
    )
    final = [m for m in catalog.entries if m.has_translation and not m.fuzzy]
    house = (style or {}).get(lang)
    odd_dates = odd_date_styles({i: " ".join(m.strings) for i, m in enumerate(final)}, lang,
                                house.dates if house else "")
    extra = {id(final[i]): issue for i, issue in odd_dates.items()}
    findings: list[Finding] = []
    checked = fuzzy = untranslated = 0
    header = catalog.header
    n = expected_nplurals(lang)
    if header is not None and n is not None and catalog.nplurals is not None and catalog.nplurals != n:
        if only is None or "plurals" in only:
            findings.append(Finding(shown, header.line, "plurals",
                                    f"header says nplurals={catalog.nplurals}, but {lang} has {n}", "error", lang))
    for msg in catalog.entries:
        line = lines.get(msg.line, msg.line)
        if not msg.has_translation:
            untranslated += 1
            continue
        if msg.fuzzy:
            fuzzy += 1
            findings.append(Finding(shown, line, "fuzzy", "fuzzy entry, not checked as final", "warning",
                                    lang, msg.msgid, msg.msgctxt))
            continue
        checked += 1
        found = (extra[id(msg)],) if id(msg) in extra else ()
        for issue in check_entry(msg, lang, ctx, glossary, only, found):
            findings.append(Finding(shown, line, issue.check, issue.message, issue.severity, lang, msg.msgid, msg.msgctxt))
    return CheckReport(tuple(findings), 1, checked, fuzzy, untranslated)


def check_files(
    paths: Sequence[Path],
    glossary: Glossary | None = None,
    *,
    only: frozenset[str] | None = None,
    display: Callable[[Path], str] = str,
    style: Mapping[str, HouseStyle] | None = None,
    source_lang: str = "en",
) -> CheckReport:
    """Check each PO file; a file that cannot be read is a finding, and the run goes on.
    ``source_lang``: the language of msgids of a catalog without X-Source-Language."""
    findings: list[Finding] = []
    checked = fuzzy = untranslated = 0
    for path in paths:
        shown = display(path)
        if not path.exists():
            findings.append(Finding(shown, 0, "missing", "missing catalog: `pipeline update` creates it from its "
                                    "template; until then the build shows the source text", "error"))
            continue
        try:
            catalog = read_po(path)
        except CatalogError as exc:
            findings.append(Finding(shown, exc.lineno or 0, "catalog", exc.message, "error"))
            continue
        lang = language_of(path, catalog)
        declared = (catalog.header_value("Language") or "").strip().replace("-", "_")
        if lang and declared and declared.split("_")[0] != lang.split("_")[0]:
            findings.append(Finding(shown, catalog.header.line if catalog.header else 0, "catalog",
                                    f"header says Language: {declared}, but the file is in {lang}/LC_MESSAGES", "warning"))
        if not lang:
            findings.append(Finding(shown, 0, "catalog", "cannot tell the language: not in <lang>/LC_MESSAGES/ "
                                    "and no Language header", "error"))
            continue
        reason = unknown_reason(lang) or unknown_reason(source_language_of(catalog, source_lang))
        if reason is not None:
            findings.append(Finding(shown, catalog.header.line if catalog.header else 0, "catalog", reason, "error"))
            continue
        report = check_catalog(catalog, lang, glossary, path=shown, only=only,
                               msgid_lines=_msgid_lines(path, catalog), style=style, source_lang=source_lang)
        findings.extend(report.findings)
        checked += report.checked
        fuzzy += report.fuzzy
        untranslated += report.untranslated
    return CheckReport(tuple(findings), len(paths), checked, fuzzy, untranslated)


# Findings that say nothing about the published text: a misspelt silencer is the translator's
# comment, not the sentence, so it never holds a sentence back.
GATE_IGNORED: frozenset[str] = frozenset({"silence"})


def gate_errors(
    path: Path,
    catalog: Catalog,
    lang: str,
    glossary: Glossary | None = None,
    *,
    display: str | None = None,
    source_lang: str = "en",
) -> tuple[Finding, ...]:
    """The errors ``pipeline check`` reports on the translated, non-fuzzy entries of the
    catalog read from ``path``: what the build's QA gate holds back (warnings never do)."""
    report = check_catalog(catalog, lang, glossary, path=display or str(path), msgid_lines=_msgid_lines(path, catalog),
                           source_lang=source_lang)
    return tuple(f for f in report.findings
                 if f.severity == "error" and f.check not in GATE_IGNORED and (f.msgid or f.msgctxt is not None))


def parse_only(value: str | None) -> frozenset[str] | None:
    """``--only numbers,quotes`` → the set of names; unknown names are a usage error."""
    if not value:
        return None
    names = frozenset(n.strip() for n in value.split(",") if n.strip())
    unknown = sorted(names - set(CHECK_NAMES))
    if unknown:
        raise PipelineError(f"--only: unknown check {', '.join(unknown)}; known: {', '.join(CHECK_NAMES)}")
    return names
