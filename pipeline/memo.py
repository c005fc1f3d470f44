"""Memo: what a build read, kept between builds of one process (the preview server).

A build ingests every seed and reads and checks every catalog.  The preview server rebuilds
after each save of one file, so it hands the same :class:`Memo` to every build: a seed or a
catalog whose content did not change is not read again.  A fresh ``Memo`` per build (what
``pipeline build`` uses) reads everything once, as before.

Each value is keyed by the *content* of the files it was made from (SHA-256), never by the
time stamp alone: ``touch`` or a save without a change costs a hash, not a re-ingest.  The
hash itself is kept per file with its ``stat`` signature (mtime, ctime, size, inode), so an
unchanged file is not even read; a file modified in the last :data:`RACY_SECONDS` is always
hashed again, because two saves within one tick of the file system's clock can leave the same
time stamp (git's "racy" index entries).  Only the newest value of each slot (one per seed,
per catalog) is kept, so memory does not grow with the number of saves.
"""

from __future__ import annotations

import gettext
import hashlib
import os
import time
from collections.abc import Callable, Hashable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pipeline.config import Config
from pipeline.errors import BatchError, PipelineError

if TYPE_CHECKING:
    import jinja2

    from pipeline.check_glossary import Glossary
    from pipeline.gate import ArticleCatalog
    from pipeline.model import Document

# A file modified less than this long ago is hashed again even when its stat signature is the
# one recorded (time stamps can be as coarse as a clock tick, or a second on some file systems).
RACY_SECONDS = 2.0
MISSING = "<missing>"

_T = TypeVar("_T")


def stat_signature(path: Path) -> tuple[int, int, int, int] | None:
    """(mtime_ns, ctime_ns, size, inode) of ``path``, or None when it is missing."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino


class Memo:
    """Content-keyed cache of ingested documents, checked catalogs and ui translations."""

    def __init__(self) -> None:
        self._hashes: dict[Path, tuple[tuple[int, int, int, int], str]] = {}
        self._slots: dict[Hashable, tuple[Hashable, Any]] = {}
        self.hits = 0
        self.misses = 0

    # -- files

    def digest(self, path: Path) -> str:
        """SHA-256 of the file's bytes (:data:`MISSING` if there is none), hashed only when
        its stat signature changed or it was modified within :data:`RACY_SECONDS`."""
        sig = stat_signature(path)
        if sig is None:
            self._hashes.pop(path, None)
            return MISSING
        known = self._hashes.get(path)
        if known is not None and known[0] == sig and time.time_ns() - sig[0] > RACY_SECONDS * 1e9:
            return known[1]
        try:
            value = hashlib.sha256(path.read_bytes()).hexdigest()
        except (FileNotFoundError, IsADirectoryError):
            return MISSING
        self._hashes[path] = (sig, value)
        return value

    def _slot(self, slot: Hashable, version: Hashable, make: Callable[[], _T]) -> _T:
        """The value kept in ``slot`` if it was made from ``version``, else a new one."""
        kept = self._slots.get(slot)
        if kept is not None and kept[0] == version:
            self.hits += 1
            value: _T = kept[1]
            return value
        self.misses += 1
        made = make()
        self._slots[slot] = (version, made)
        return made

    # -- what a build reads

    def documents(self, config: Config) -> tuple[Document, ...]:
        """Every seed of the manifest as a Document (``ingest.load_documents``), re-ingesting
        only the seeds whose file or manifest entry changed; all failures at once."""
        from pipeline.ingest import ingest_file, load_seeds

        seeds = load_seeds(config)
        docs: list[Document] = []
        errors: list[PipelineError] = []
        for seed in seeds:
            version = (repr(seed), self.digest(seed.path), str(config.root))
            try:
                docs.append(self._slot(("document", seed.path), version, partial(ingest_file, seed.path, seed, config.root)))
            except PipelineError as exc:
                errors.append(exc)
        if errors:
            raise BatchError(errors)
        return tuple(docs)

    def _glossary_version(self, config: Config) -> tuple[str, ...]:
        from pipeline.gate import GLOSSARY_FILES

        return (str(config.locales), *config.target_languages,
                *(self.digest(config.locales / name) for name in GLOSSARY_FILES))

    def glossary(self, config: Config) -> Glossary | None:
        """``gate.load_build_glossary``, read again only when a glossary file changed."""
        from pipeline.gate import load_build_glossary

        return self._slot(("glossary", config.locales), self._glossary_version(config),
                          lambda: load_build_glossary(config))

    def catalog(self, config: Config, lang: str, domain: str, glossary: Glossary | None,
                source_lang: str | None = None) -> ArticleCatalog:
        """``gate.article_catalog``: read and checked again only when the .po or the glossary changed."""
        from pipeline.gate import article_catalog

        path = config.po_path(lang, domain)
        version = (self.digest(path), self._glossary_version(config), config.source_language, source_lang,
                   str(config.root))
        return self._slot(("catalog", path), version,
                          lambda: article_catalog(config, lang, domain, glossary, source_lang))

    def environment(self, templates: Path) -> jinja2.Environment:
        """``render.make_environment``: a new one (its compiled templates) only when a file
        under ``templates`` changed, was added or was removed."""
        from pipeline.render import make_environment

        files = sorted(p for p in templates.rglob("*") if p.is_file())
        version = tuple((str(p), self.digest(p)) for p in files)
        return self._slot(("environment", templates), version, lambda: make_environment(templates))

    def ui(self, config: Config, lang: str, withheld: Iterable[tuple[str | None, str]] = ()) -> gettext.NullTranslations:
        """``gate.ui_translations``: read again only when the ui .po or what is held back changed."""
        from pipeline.config import UI_DOMAIN
        from pipeline.gate import ui_translations

        held = frozenset(withheld)
        path = config.po_path(lang, UI_DOMAIN)
        version = (self.digest(path), held, config.source_language)
        translations: gettext.NullTranslations = self._slot(("ui", path), version,
                                                            lambda: ui_translations(config, lang, held))
        return translations


__all__ = ["MISSING", "Memo", "RACY_SECONDS", "stat_signature"]
