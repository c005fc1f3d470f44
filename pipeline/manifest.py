"""The seed manifest (``seeds/seeds.toml``): which source files exist and what they are.

One ``[[seed]]`` table per file.  Validation is strict: a missing file, a duplicate slug or
file, or an unknown key is an error that names the entry, e.g.
``seeds/seeds.toml: seed[2].slug: duplicate slug 'x' (also seed[0])``.
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import tomlfile
from pipeline.config import UI_DOMAIN
from pipeline.errors import ConfigError, FileError
from pipeline.lang import unknown_reason
from pipeline.model import BlockKind, SourceMeta

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def is_date(value: str) -> bool:
    """Is ``value`` a manifest date: YYYY, YYYY-MM or YYYY-MM-DD?"""
    return bool(_DATE.match(value))
_SEED_KEYS = {"file", "slug", "title", "authors", "publisher", "url", "date", "language", "overrides"}
_OVERRIDE_KEYS = {"keep", "drop", "keep_whole", "kinds"}


@dataclass(frozen=True)
class Match:
    """What an override points at: a line number, a piece of text, or a regular expression.

    Text and patterns match every line that contains them, so an override survives edits
    above it and catches every copy of a repeated line; ``where`` names the manifest key
    for messages (``seeds/seeds.toml: seed[2].overrides.drop[1]``)."""

    where: str
    line: int = 0
    text: str = ""
    pattern: re.Pattern[str] | None = None

    def hits(self, first_line: int, last_line: int, text: str) -> bool:
        """Does this override apply to a unit spanning those lines with that text?"""
        if self.line:
            return first_line <= self.line <= last_line
        if self.pattern is not None:
            return self.pattern.search(text) is not None
        return self.text.casefold() in text.casefold()

    @property
    def shown(self) -> str:
        if self.line:
            return f"line {self.line}"
        if self.pattern is not None:
            return f"pattern {self.pattern.pattern!r}"
        return f"text {self.text!r}"


@dataclass(frozen=True)
class Overrides:
    """Per-document clean-up overrides: an editor's word beats the heuristics."""

    keep: tuple[Match, ...] = ()  # units kept whatever the rules say
    drop: tuple[Match, ...] = ()  # units dropped whatever the rules say
    keep_whole: tuple[Match, ...] = ()  # prose blocks not split into sentences
    keep_whole_all: bool = False  # no prose block of this document is split
    kinds: tuple[tuple[Match, BlockKind], ...] = ()  # forced block kinds

    @property
    def all(self) -> tuple[Match, ...]:
        return self.keep + self.drop + self.keep_whole + tuple(m for m, _ in self.kinds)


@dataclass(frozen=True)
class Seed:
    """A manifest entry: the file, its metadata, its overrides."""

    path: Path
    meta: SourceMeta
    overrides: Overrides


def lines(*numbers: int) -> tuple[Match, ...]:
    """Line-number overrides, for code and tests (``Overrides(keep=lines(3, 5))``)."""
    return tuple(Match(f"line {n}", line=n) for n in numbers)


def _match(where: str, value: Any) -> Match:
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            raise ConfigError(where, "", "expected a line number of 1 or more")
        return Match(where, line=value)
    if isinstance(value, str):
        if not value.strip():
            raise ConfigError(where, "", "expected some text to match, got an empty string")
        return Match(where, text=value)
    if isinstance(value, dict) and set(value) == {"regex"} and isinstance(value["regex"], str):
        try:
            return Match(where, pattern=re.compile(value["regex"]))
        except re.error as exc:
            raise ConfigError(where, "", f"invalid regular expression: {exc}") from None
    raise ConfigError(where, "", 'expected a line number, a text to match, or { regex = "..." }')


def _matches(manifest: Path, key: str, value: Any) -> tuple[Match, ...]:
    if not isinstance(value, list):
        raise ConfigError(manifest, key, 'expected a list of line numbers, texts or { regex = "..." } tables')
    return tuple(_match(f"{manifest}: {key}[{i}]", v) for i, v in enumerate(value))


def _overrides(manifest: Path, prefix: str, table: Any) -> Overrides:
    if not isinstance(table, dict):
        raise ConfigError(manifest, prefix, "expected a table")
    for key in table:
        if key not in _OVERRIDE_KEYS:
            raise ConfigError(manifest, f"{prefix}.{key}", f"unknown key (expected one of {', '.join(sorted(_OVERRIDE_KEYS))})")
    keep = _matches(manifest, f"{prefix}.keep", table.get("keep", []))
    drop = _matches(manifest, f"{prefix}.drop", table.get("drop", []))
    both = sorted({m.line for m in keep if m.line} & {m.line for m in drop if m.line})
    if both:
        raise ConfigError(manifest, f"{prefix}.drop", f"line {both[0]} is both kept and dropped")
    whole = table.get("keep_whole", [])
    whole_all = whole is True
    if isinstance(whole, bool):
        whole = []
    kinds: list[tuple[Match, BlockKind]] = []
    raw_kinds = table.get("kinds", {})
    if not isinstance(raw_kinds, dict):
        raise ConfigError(manifest, f"{prefix}.kinds", 'expected a table like { "12" = "heading" }')
    for key, kind in raw_kinds.items():
        where = f"{manifest}: {prefix}.kinds.{key}"
        target: Match = _match(where, int(key)) if key.isdigit() else _match(where, key)
        try:
            kinds.append((target, BlockKind(kind)))
        except ValueError:
            names = ", ".join(k.value for k in BlockKind)
            raise ConfigError(manifest, f"{prefix}.kinds.{key}", f"unknown block kind {kind!r} (expected one of {names})") from None
    return Overrides(keep, drop, _matches(manifest, f"{prefix}.keep_whole", whole), whole_all, tuple(kinds))


def _string(manifest: Path, key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError(manifest, key, f"expected a string, got {type(value).__name__}")
    return value


def parse_manifest(manifest: Path, data: dict[str, Any], display: str | None = None) -> tuple[Seed, ...]:
    """Validate parsed manifest ``data``; file paths are resolved next to ``manifest``."""
    shown = Path(display) if display else manifest
    unknown = sorted(set(data) - {"seed"})
    if unknown:
        raise ConfigError(shown, unknown[0], "unknown key (expected [[seed]] tables)")
    entries = data.get("seed", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError(shown, "seed", "expected one or more [[seed]] tables")
    seeds: list[Seed] = []
    slugs: dict[str, int] = {}
    files: dict[str, int] = {}
    for i, entry in enumerate(entries):
        prefix = f"seed[{i}]"
        if not isinstance(entry, dict):
            raise ConfigError(shown, prefix, "expected a table")
        for key in entry:
            if key not in _SEED_KEYS:
                raise ConfigError(shown, f"{prefix}.{key}", f"unknown key (expected one of {', '.join(sorted(_SEED_KEYS))})")
        for key in ("file", "slug"):
            if key not in entry:
                raise ConfigError(shown, f"{prefix}.{key}", "missing required key")
        file = _string(shown, f"{prefix}.file", entry["file"])
        slug = _string(shown, f"{prefix}.slug", entry["slug"])
        if not _SLUG.match(slug):
            raise ConfigError(shown, f"{prefix}.slug", f"{slug!r} is not a slug (lowercase letters, digits and hyphens)")
        if slug == UI_DOMAIN:
            raise ConfigError(shown, f"{prefix}.slug", f"{slug!r} is reserved for the catalogs of the templates' UI strings")
        if slug in slugs:
            raise ConfigError(shown, f"{prefix}.slug", f"duplicate slug {slug!r} (also seed[{slugs[slug]}])")
        if file in files:
            raise ConfigError(shown, f"{prefix}.file", f"duplicate file {file!r} (also seed[{files[file]}])")
        slugs[slug] = files[file] = i
        path = manifest.parent / file
        if not path.is_file():
            raise ConfigError(shown, f"{prefix}.file", f"no such file: {file}")
        authors = entry.get("authors", [])
        if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
            raise ConfigError(shown, f"{prefix}.authors", "expected a list of strings")
        date = _string(shown, f"{prefix}.date", entry.get("date", ""))
        if date and not is_date(date):
            raise ConfigError(shown, f"{prefix}.date", f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {date!r}")
        language = _string(shown, f"{prefix}.language", entry.get("language", "en"))
        reason = unknown_reason(language)  # the catalogs, checks and pages need CLDR's data for it
        if reason is not None:
            raise ConfigError(shown, f"{prefix}.language", reason)
        overrides = _overrides(shown, f"{prefix}.overrides", entry.get("overrides", {}))
        meta = SourceMeta(
            slug=slug,
            file=file,
            title=_string(shown, f"{prefix}.title", entry.get("title", "")),
            authors=tuple(authors),
            publisher=_string(shown, f"{prefix}.publisher", entry.get("publisher", "")),
            url=_string(shown, f"{prefix}.url", entry.get("url", "")),
            date=date,
            language=language,
            keep_whole=overrides.keep_whole_all,
        )
        seeds.append(Seed(path, meta, overrides))
    return tuple(seeds)


def load_manifest(manifest: Path, display: str | None = None) -> tuple[Seed, ...]:
    """Read and validate the manifest file."""
    shown = display or str(manifest)
    if not manifest.exists():
        raise FileError(shown, "manifest not found", errno.ENOENT)
    return parse_manifest(manifest, tomlfile.load(manifest, shown), shown)
