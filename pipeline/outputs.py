"""Outputs as data, and what makes a build incremental.

Every file a build writes into ``dist/`` is an :class:`Output`: which writer makes it (its
``kind``), for which pack and language, where, and the digest of everything it is made from.
Writers plan their outputs (:mod:`pipeline.writers`); this module hashes the inputs
(:func:`compute_inputs`), remembers what was written (:class:`State`, ``dist/.build-state.json``)
and decides, for any writer alike, what is out of date, what is up to date and what an earlier
build wrote that is no longer planned (:func:`triage`, :func:`retire`).  Nothing here knows a
path shape or a format.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.config import UI_DOMAIN, Config, PackConfig
from pipeline.fileio import atomic_write_bytes
from pipeline.gate import GLOSSARY_FILES

STATE_FILE = ".build-state.json"


# ---------------------------------------------------------------------------------------------
# Input hashing


def digest(*parts: bytes | str) -> str:
    """A hash of ``parts`` in order (length-prefixed, so no two sequences collide)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def file_digest(path: Path) -> str:
    try:
        return digest(str(path.name), path.read_bytes())
    except FileNotFoundError:
        return digest(str(path.name), "<missing>")


def tree_digest(folder: Path, pattern: str = "**/*") -> str:
    files = sorted(p for p in folder.glob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    return digest(*(f"{p.relative_to(folder)}\0{file_digest(p)}" for p in files))


def pipeline_version() -> str:
    """The installed distribution's version (works however the package was imported)."""
    try:
        return importlib.metadata.version("pipeline")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


def code_version() -> str:
    """Hash of the pipeline's own source files: a code change rebuilds everything."""
    return tree_digest(Path(__file__).resolve().parent, "**/*.py")


@dataclass(frozen=True)
class Inputs:
    """The hashes an output depends on, computed without ingesting anything."""

    base: str  # code, templates, configuration, glossary
    sources: Mapping[str, str]  # document slug -> hash of its seed file (and the manifest)
    catalogs: Mapping[tuple[str, str], str]  # (lang, domain) -> hash of the .po

    def pack(self, pack: PackConfig, lang: str) -> str:
        """The digest of one pack in one language: its sources, its catalogs and the ui catalog."""
        return digest(
            self.base,
            lang,
            *(self.sources.get(slug, "?") for slug in pack.documents),
            *(self.catalogs.get((lang, slug), "") for slug in pack.documents),
            self.catalogs.get((lang, UI_DOMAIN), ""),
        )


def compute_inputs(config: Config) -> Inputs:
    """Hash every input of the build: cheap, so a no-op rebuild stays a small fraction."""
    from pipeline.manifest import load_manifest

    seeds = load_manifest(config.seeds)
    manifest = file_digest(config.seeds)
    sources = {seed.meta.slug: digest(manifest, file_digest(seed.path)) for seed in seeds}
    config_text = repr(
        (config.project, config.source_language, config.languages, config.packs, str(config.dist.name), config.base_url)
    )
    # The glossary decides what the QA gate holds back, so it is an input of every output.
    glossary = digest(*(file_digest(config.locales / name) for name in GLOSSARY_FILES))
    base = digest(code_version(), tree_digest(config.templates), config_text, pipeline_version(), glossary)
    catalogs: dict[tuple[str, str], str] = {}
    domains = {slug for pack in config.packs for slug in pack.documents} | {UI_DOMAIN}
    for lang in config.languages:  # lang: the source language of one document is a target of another
        for domain in sorted(domains):
            catalogs[(lang, domain)] = file_digest(config.po_path(lang, domain))
    return Inputs(base, sources, catalogs)


# ---------------------------------------------------------------------------------------------
# Outputs


@dataclass(frozen=True)
class Output:
    """One file of ``dist/``: who makes it, for what, where, and the digest of its inputs.

    ``pack`` and ``lang`` are set when the output belongs to one pack or one language (None
    for a page of every pack of a language, or the language chooser).  ``needs`` lists the
    (pack, lang) pairs the writer renders it from: the build localizes just those.
    """

    kind: str
    path: Path
    inputs: str
    pack: str | None = None
    lang: str | None = None
    needs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Selection:
    """Which outputs a build makes: kinds, languages, packs and paths (None: all of them)."""

    kinds: Collection[str] | None = None
    langs: Collection[str] | None = None
    packs: Collection[str] | None = None
    paths: Collection[Path] | None = None  # exactly these files (`pipeline review LANG DOC`)

    def __contains__(self, output: object) -> bool:
        """Whether ``output`` is selected: by its own language and pack, and by what it needs.

        An output without its own pack or language (a site page of every pack, the language
        chooser) is selected when one (pack, language) it needs is; one that needs none (a
        stylesheet) serves every language and pack, and only its kind selects it.
        """
        if not isinstance(output, Output):
            return False
        if self.kinds is not None and output.kind not in self.kinds:
            return False
        if self.paths is not None and output.path not in self.paths:
            return False
        if output.lang is not None and not self._lang(output.lang):
            return False
        if output.pack is not None and not self._pack(output.pack):
            return False
        if output.needs and (output.lang is None or output.pack is None):
            return any(self._pack(pack) and self._lang(lang) for pack, lang in output.needs)
        return True

    def _lang(self, lang: str) -> bool:
        return self.langs is None or lang in self.langs

    def _pack(self, pack: str) -> bool:
        return self.packs is None or pack in self.packs


EVERYTHING = Selection()


class State:
    """``dist/.build-state.json``: per output, its kind, input hash and the hash of the bytes written."""

    def __init__(self, dist: Path) -> None:
        self.path = dist / STATE_FILE
        self.dist = dist
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            data = {}
        self.outputs: dict[str, dict[str, str]] = data.get("outputs", {}) if isinstance(data, dict) else {}
        reports = data.get("reports", []) if isinstance(data, dict) else []
        self.reports: list[Any] = reports if isinstance(reports, list) else []

    def key(self, path: Path) -> str:
        return path.relative_to(self.dist).as_posix()

    def fresh(self, output: Output) -> bool:
        """Whether ``output`` was written from the same inputs and still holds those bytes."""
        entry = self.outputs.get(self.key(output.path))
        if not entry or entry.get("inputs") != output.inputs:
            return False
        try:
            return hashlib.sha256(output.path.read_bytes()).hexdigest() == entry.get("output")
        except FileNotFoundError:
            return False

    def record(self, output: Output, data: bytes) -> None:
        self.outputs[self.key(output.path)] = {
            "kind": output.kind, "inputs": output.inputs, "output": hashlib.sha256(data).hexdigest(),
        }

    def save(self) -> None:
        text = json.dumps({"outputs": self.outputs, "reports": self.reports}, indent=1, sort_keys=True)
        atomic_write_bytes(self.path, text.encode("utf-8") + b"\n")


@dataclass(frozen=True)
class Triage:
    """What a build has to write, what it can skip and what it has to remove."""

    state: State
    stale: tuple[Output, ...]
    up_to_date: tuple[Output, ...]
    retired: tuple[Path, ...]  # recorded in the state by an earlier build, no longer planned


def triage(state: State, planned: Sequence[Output], select: Selection = EVERYTHING, *, force: bool = False) -> Triage:
    """Sort the ``planned`` outputs (of every writer) by ``select`` and freshness; changes nothing.

    Outputs outside ``select`` are neither built nor retired: a partial build leaves the rest
    of ``dist/`` as it is.
    """
    chosen = [o for o in planned if o in select]
    stale = tuple(o for o in chosen if force or not state.fresh(o))
    up_to_date = tuple(o for o in chosen if o not in stale)
    keys = {state.key(o.path) for o in planned}
    retired = tuple(state.dist / key for key in sorted(state.outputs) if key not in keys)
    return Triage(state, stale, up_to_date, retired)


def retire(state: State, paths: Sequence[Path]) -> list[Path]:
    """Delete earlier outputs that are no longer planned; return those deleted.

    A file is deleted only if it still holds the bytes the build wrote: anything someone put
    there by hand is left alone (and forgotten by the state).
    """
    removed = []
    for path in paths:
        recorded = state.outputs.pop(state.key(path), {}).get("output")
        try:
            if hashlib.sha256(path.read_bytes()).hexdigest() != recorded:
                continue
        except FileNotFoundError:
            continue
        path.unlink()
        removed.append(path)
        parent = path.parent
        while parent != state.dist and parent.is_relative_to(state.dist) and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    return removed


__all__ = [
    "EVERYTHING",
    "Inputs",
    "Output",
    "STATE_FILE",
    "Selection",
    "State",
    "Triage",
    "code_version",
    "compute_inputs",
    "digest",
    "file_digest",
    "pipeline_version",
    "retire",
    "tree_digest",
    "triage",
]
