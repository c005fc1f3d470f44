"""Configuration: data, never code.

Loaded from ``pyproject.toml`` ``[tool.pipeline]`` into a frozen :class:`Config`, validated
strictly: unknown keys and wrong types are errors that name the key path, for example
``pyproject.toml: tool.pipeline.packs[0].languages: expected a list of strings``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import tomlfile
from pipeline.errors import ConfigError, NoProjectError, PipelineError

# The gettext domain of the templates' UI strings: locales/ui.pot, locales/<lang>/LC_MESSAGES/ui.po.
# No document may take it as its slug (the manifest refuses it).
UI_DOMAIN = "ui"


@dataclass(frozen=True)
class PackConfig:
    """One briefing pack: which documents, in which order, in which languages."""

    slug: str
    title: str
    subtitle: str
    documents: tuple[str, ...]
    languages: tuple[str, ...]
    # Minimum share (0–100) of published (translated, non-fuzzy) segments an article needs.
    min_completeness: float = 0.0
    # What happens to an article below the minimum: "omit" (left out with a note) or "fail".
    below_minimum: str = "omit"
    # What happens to an entry that `pipeline check` reports an error on: "fallback" (shown in
    # English, marked and counted like an untranslated one), "fail" (the build stops, naming
    # path.po:line and the check) or "publish" (published anyway).  Warnings never block.
    on_check_error: str = "fallback"


CHECK_ERROR_POLICIES = ("fallback", "fail", "publish")


@dataclass(frozen=True)
class Config:
    """The whole pipeline configuration, with paths resolved against the project root."""

    root: Path
    project: str
    source_language: str
    languages: tuple[str, ...]
    seeds: Path
    locales: Path
    templates: Path
    dist: Path
    packs: tuple[PackConfig, ...]
    # The kinds of output a build makes (pipeline.writers.WRITERS); None: every registered one.
    outputs: tuple[str, ...] | None = None
    # The site's public address ("https://example.org/briefings/"), ending in "/": hreflang
    # links are absolute under it; None: relative.
    base_url: str | None = None

    @property
    def target_languages(self) -> tuple[str, ...]:
        """Languages that have translation catalogs (all but the source language)."""
        return tuple(lang for lang in self.languages if lang != self.source_language)

    def targets_for(self, source: str | None) -> tuple[str, ...]:
        """The languages a document written in ``source`` is translated into: every language
        of the project but its own (English too, for a Belarusian article)."""
        return tuple(lang for lang in self.languages if lang != (source or self.source_language))

    def po_path(self, lang: str, domain: str) -> Path:
        """``locales/<lang>/LC_MESSAGES/<domain>.po``: a document's slug or :data:`UI_DOMAIN`."""
        return self.locales / lang / "LC_MESSAGES" / f"{domain}.po"

    def pot_path(self, domain: str) -> Path:
        """``locales/<domain>.pot``."""
        return self.locales / f"{domain}.pot"


class _Reader:
    """Typed access to a TOML table that reports the key path on every error."""

    def __init__(self, path: Path, table: Mapping[str, Any], prefix: str) -> None:
        self.path = path
        self.table = table
        self.prefix = prefix
        self.seen: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix else name

    def _get(self, name: str, default: Any) -> Any:
        self.seen.add(name)
        if name not in self.table:
            if default is _REQUIRED:
                raise ConfigError(self.path, self.key(name), "missing required key")
            return default
        return self.table[name]

    def string(self, name: str, default: Any = None) -> str:
        value = self._get(name, _REQUIRED if default is None else default)
        if not isinstance(value, str):
            raise ConfigError(self.path, self.key(name), f"expected a string, got {type(value).__name__}")
        return value

    def strings(self, name: str, default: Any = None) -> tuple[str, ...]:
        value = self._get(name, _REQUIRED if default is None else default)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(self.path, self.key(name), "expected a list of strings")
        return tuple(value)

    def number(self, name: str, default: float) -> float:
        value = self._get(name, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(self.path, self.key(name), f"expected a number, got {type(value).__name__}")
        return float(value)

    def flag(self, name: str, default: bool) -> bool:
        value = self._get(name, default)
        if not isinstance(value, bool):
            raise ConfigError(self.path, self.key(name), f"expected true or false, got {value!r}")
        return value

    def tables(self, name: str) -> list[Mapping[str, Any]]:
        value = self._get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise ConfigError(self.path, self.key(name), "expected an array of tables")
        return value

    def finish(self) -> None:
        unknown = sorted(set(self.table) - self.seen)
        if unknown:
            raise ConfigError(self.path, self.key(unknown[0]), "unknown key")


_REQUIRED = object()


def _pack(path: Path, table: Mapping[str, Any], prefix: str, languages: tuple[str, ...]) -> PackConfig:
    r = _Reader(path, table, prefix)
    pack = PackConfig(
        slug=r.string("slug"),
        title=r.string("title"),
        subtitle=r.string("subtitle", ""),
        documents=r.strings("documents"),
        languages=r.strings("languages", list(languages)),
        min_completeness=r.number("min_completeness", 0.0),
        below_minimum=r.string("below_minimum", "omit"),
        on_check_error=r.string("on_check_error", "fallback"),
    )
    r.finish()
    if not 0 <= pack.min_completeness <= 100:
        raise ConfigError(path, r.key("min_completeness"), "expected a percentage between 0 and 100")
    if pack.below_minimum not in ("omit", "fail"):
        raise ConfigError(path, r.key("below_minimum"), 'expected "omit" or "fail"')
    if pack.on_check_error not in CHECK_ERROR_POLICIES:
        raise ConfigError(path, r.key("on_check_error"), 'expected "fallback", "fail" or "publish"')
    for lang in pack.languages:
        if lang not in languages:
            raise ConfigError(path, r.key("languages"), f"{lang!r} is not in tool.pipeline.languages")
    if not pack.documents:
        raise ConfigError(path, r.key("documents"), "a pack needs at least one document")
    return pack


def _check_codes(path: Path, key: str, codes: tuple[str, ...]) -> None:
    """Every code is a language CLDR knows (pipeline.lang); else an error naming the key."""
    from pipeline.lang import unknown_reason

    for i, code in enumerate(codes):
        reason = unknown_reason(code)
        if reason is not None:
            raise ConfigError(path, f"{key}[{i}]" if key.endswith("languages") else key, reason)


def parse_config(root: Path, data: Mapping[str, Any], path: Path) -> Config:
    """Validate the ``[tool.pipeline]`` table ``data`` (already parsed TOML)."""
    r = _Reader(path, data, "tool.pipeline")
    source = r.string("source_language", "en")
    languages = r.strings("languages")
    if source not in languages:
        raise ConfigError(path, r.key("languages"), f"must include the source language {source!r}")
    if len(set(languages)) != len(languages):
        raise ConfigError(path, r.key("languages"), "duplicate language")
    _check_codes(path, r.key("source_language"), (source,))
    _check_codes(path, r.key("languages"), languages)
    project = r.string("project", "briefing-packs")
    seeds = root / r.string("seeds", "seeds/seeds.toml")
    locales = root / r.string("locales", "locales")
    templates = root / r.string("templates", "templates")
    dist = root / r.string("dist", "dist")
    packs = tuple(
        _pack(path, table, f"tool.pipeline.packs[{i}]", languages) for i, table in enumerate(r.tables("packs"))
    )
    outputs = r.strings("outputs") if "outputs" in data else None  # checked against the writers by the build
    base_url = _base_url(path, r.key("base_url"), r.string("base_url", "")) if "base_url" in data else None
    r.finish()
    slugs = [p.slug for p in packs]
    for i, slug in enumerate(slugs):
        if slug in slugs[:i]:
            raise ConfigError(path, f"tool.pipeline.packs[{i}].slug", f"duplicate pack slug {slug!r}")
    return Config(root, project, source, languages, seeds, locales, templates, dist, packs, outputs=outputs, base_url=base_url)


def _base_url(path: Path, key: str, value: str) -> str:
    """``tool.pipeline.base_url``: an absolute http(s) URL with no query or fragment, ending in "/"."""
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(path, key, f"expected an absolute http(s) URL such as https://example.org/packs/, got {value!r}")
    return value if value.endswith("/") else value + "/"


PYPROJECT = "pyproject.toml"


def _pipeline_table(path: Path, shown: str) -> Mapping[str, Any] | None:
    """The ``[tool.pipeline]`` table of the pyproject.toml at ``path``, or None if it has none.
    A syntax error is a :class:`~pipeline.errors.TomlError` with its line and column."""
    data = tomlfile.load(path, shown)
    tool = data.get("tool", {})
    if not isinstance(tool, dict) or "pipeline" not in tool:
        return None
    table = tool["pipeline"]
    if not isinstance(table, dict):
        raise ConfigError(shown, "tool.pipeline", "expected a table")
    return table


def _shown(folder: Path, given: Path | None) -> str:
    """How messages name the pyproject.toml of ``folder``: as the user gave the folder, else
    relative to the working folder when it is inside it."""
    if given is not None:
        return (given / PYPROJECT).as_posix()
    cwd = Path.cwd().resolve()
    return (folder / PYPROJECT).relative_to(cwd).as_posix() if folder.is_relative_to(cwd) else str(folder / PYPROJECT)


def _nearest_project(folder: Path) -> Path | None:
    """The nearest folder above ``folder`` whose pyproject.toml has ``[tool.pipeline]`` (a hint
    only: one that does not parse or cannot be read is passed over)."""
    for parent in folder.parents:
        candidate = parent / PYPROJECT
        if candidate.is_file():
            try:
                if _pipeline_table(candidate, str(candidate)) is not None:
                    return parent
            except PipelineError:
                continue
    return None


def _hint(project: Path) -> str:
    try:
        shown = Path(os.path.relpath(project, Path.cwd().resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        shown = str(project)
    return f"; did you mean --project {shown} ?"


def find_project(root: Path | None = None) -> tuple[Path, Mapping[str, Any], str]:
    """The project at ``root`` (default: the working folder), never one above it: its folder,
    its ``[tool.pipeline]`` table and how messages name its pyproject.toml.

    Raises :class:`NoProjectError` when the folder has no pyproject.toml with
    ``[tool.pipeline]`` (naming the nearest parent that has one, as a hint), and
    :class:`~pipeline.errors.TomlError` when its pyproject.toml does not parse.
    """
    folder = (root if root is not None else Path.cwd()).resolve()
    shown = _shown(folder, root if root is not None and not root.is_absolute() else None)
    candidate = folder / PYPROJECT
    if not folder.is_dir():
        raise NoProjectError(root if root is not None else folder, "", "no such folder")
    table = _pipeline_table(candidate, shown) if candidate.is_file() else None
    if table is not None:
        return folder, table, shown
    what = "has no [tool.pipeline] table" if candidate.is_file() else "not found"
    parent = _nearest_project(folder)
    hint = _hint(parent) if parent is not None else ""
    raise NoProjectError(shown, "", f"{what}: this folder is not a pipeline project{hint}")


def load_config(root: Path | None = None) -> Config:
    """Load and validate the configuration of the project at ``root`` (default: the working
    folder; never a parent folder)."""
    folder, table, shown = find_project(root)
    return parse_config(folder, table, Path(shown))
