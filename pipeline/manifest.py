"""The seed manifest (``seeds/seeds.toml``): which source files exist and what they are.

One ``[[seed]]`` table per file.  Validation is strict: a missing file, a duplicate slug or
file, or an unknown key is an error that names the entry, e.g.
``seeds/seeds.toml: seed[2].slug: duplicate slug 'x' (also seed[0])``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.config import UI_DOMAIN
from pipeline.errors import ConfigError
from pipeline.model import BlockKind, SourceMeta

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_SEED_KEYS = {"file", "slug", "title", "authors", "publisher", "url", "date", "language", "overrides"}
_OVERRIDE_KEYS = {"keep", "drop", "keep_whole", "kinds"}


@dataclass(frozen=True)
class Overrides:
    """Per-document clean-up overrides: an editor's word beats the heuristics."""

    keep: tuple[int, ...] = ()  # lines kept whatever the rules say
    drop: tuple[int, ...] = ()  # lines dropped whatever the rules say
    keep_whole: tuple[int, ...] = ()  # prose blocks (by line) not split into sentences
    keep_whole_all: bool = False  # no prose block of this document is split
    kinds: tuple[tuple[int, BlockKind], ...] = ()  # forced block kinds by line


@dataclass(frozen=True)
class Seed:
    """A manifest entry: the file, its metadata, its overrides."""

    path: Path
    meta: SourceMeta
    overrides: Overrides


def _lines(manifest: Path, key: str, value: Any) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value):
        raise ConfigError(manifest, key, "expected a list of line numbers (positive integers)")
    return tuple(value)


def _overrides(manifest: Path, prefix: str, table: Any) -> Overrides:
    if not isinstance(table, dict):
        raise ConfigError(manifest, prefix, "expected a table")
    for key in table:
        if key not in _OVERRIDE_KEYS:
            raise ConfigError(manifest, f"{prefix}.{key}", f"unknown key (expected one of {', '.join(sorted(_OVERRIDE_KEYS))})")
    keep = _lines(manifest, f"{prefix}.keep", table.get("keep", []))
    drop = _lines(manifest, f"{prefix}.drop", table.get("drop", []))
    both = sorted(set(keep) & set(drop))
    if both:
        raise ConfigError(manifest, f"{prefix}.drop", f"line {both[0]} is both kept and dropped")
    whole = table.get("keep_whole", [])
    whole_all = whole is True
    if isinstance(whole, bool):
        whole = []
    kinds: list[tuple[int, BlockKind]] = []
    raw_kinds = table.get("kinds", {})
    if not isinstance(raw_kinds, dict):
        raise ConfigError(manifest, f"{prefix}.kinds", 'expected a table like { "12" = "heading" }')
    for line, kind in raw_kinds.items():
        if not line.isdigit() or int(line) < 1:
            raise ConfigError(manifest, f"{prefix}.kinds.{line}", "expected a line number as key")
        try:
            kinds.append((int(line), BlockKind(kind)))
        except ValueError:
            names = ", ".join(k.value for k in BlockKind)
            raise ConfigError(manifest, f"{prefix}.kinds.{line}", f"unknown block kind {kind!r} (expected one of {names})") from None
    return Overrides(keep, drop, _lines(manifest, f"{prefix}.keep_whole", whole), whole_all, tuple(sorted(kinds)))


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
        if date and not _DATE.match(date):
            raise ConfigError(shown, f"{prefix}.date", f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {date!r}")
        language = _string(shown, f"{prefix}.language", entry.get("language", "en"))
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
    try:
        with manifest.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(shown, "", "manifest not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(shown, "", f"invalid TOML: {exc}") from None
    return parse_manifest(manifest, data, shown)
