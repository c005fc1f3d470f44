"""Apply externally edited translations to the current catalogs, with safeguards.

Every importer (XLIFF from a CAT tool, a reviewer's XLSX table, …) turns its file into
:class:`Incoming` units and hands them here; nothing else writes an imported translation.

* A unit names its entry by source (msgctxt, msgid, msgid_plural), never by position: when
  the catalog has no active entry with that source any more (the sentence was edited or
  removed since the export), the unit is **refused** and reported with its ``file:line`` —
  never applied to another sentence.  An obsolete entry stays obsolete.
* A unit's id, when it is one of ours, must be :func:`unit_id` of its source, so an id and a
  source that disagree (one of them edited by hand) are refused rather than guessed at.
  Another tool's ids (translate-toolkit's po2xliff numbers its units) are not checked; such
  a unit without msgctxt is refused when the catalog has its source with a msgctxt too.
* When the unit says what the translation was at export time (``base``, or its digest), a
  catalog whose translation changed since then is never overwritten: the unit is refused if
  the file changed it too, and left out (unchanged) if the file did not.
* The fuzzy state comes from the unit (``fuzzy=True``/``False``), or stays as the catalog has
  it (``None``).  ``#|`` previous msgids, flags, references and comments come from the current
  catalog; an entry that stops being fuzzy loses its ``#|`` strings (as after a merge, only a
  fuzzy entry shows what its source used to be).  A reviewer's comment is added as a
  translator comment.
* Unchanged entries are left exactly as they are; a catalog nothing changes in is not
  written at all.  The result is written like every other catalog: msgcat's layout with the
  file's line ends (:func:`pipeline.pocompare.encode_update`), atomically, refusing a file
  that changed on disk since it was planned (:func:`pipeline.pofile.write_po`).

:func:`plan_apply` is pure (it reads the catalog, writes nothing); :func:`write_plan` writes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from pipeline.catalog import source_language_of, template_source
from pipeline.config import UI_DOMAIN, Config
from pipeline.errors import PipelineError
from pipeline.fileio import would_change
from pipeline.pocompare import encode_update
from pipeline.pofile import Catalog, Message, read_po, write_po

__all__ = ["Incoming", "Refusal", "Outcome", "ApplyPlan", "catalog_source", "unit_id", "targets_digest", "plan_apply",
           "plan_imports", "write_plan"]

Status = Literal["applied", "unchanged", "refused"]

# gettext's separator between msgctxt and msgid in a compiled catalog.
_CONTEXT_SEPARATOR = "\x04"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_OUR_ID = re.compile(r"u[0-9a-f]{12}")  # what unit_id() gives; another tool's ids name no source


def unit_id(msgctxt: str | None, msgid: str) -> str:
    """The stable id of an entry in exchange files: a short hash of msgctxt and msgid.

    The same source gives the same id in every export, and a changed source a new one.
    """
    key = msgid if msgctxt is None else f"{msgctxt}{_CONTEXT_SEPARATOR}{msgid}"
    return "u" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def targets_digest(targets: Sequence[str]) -> str:
    """A short digest of a translation (all its forms), for a file that records what it was
    exported with without carrying the text twice (see ``Incoming.base_digest``)."""
    return hashlib.sha1("\0".join(targets).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Incoming:
    """One edited unit from an exchange file, for the catalog ``<lang>/LC_MESSAGES/<doc>.po``.

    ``targets`` holds one string for a singular entry and one per plural form for a plural
    one.  ``fuzzy``: ``True`` marks the entry fuzzy, ``False`` final, ``None`` keeps the
    catalog's state.  ``base`` is the translation the file was exported with, if it says
    (or ``base_digest``, its :func:`targets_digest`).
    ``origin`` is where the unit is written (``file:line``), for the report.
    """

    doc: str
    lang: str
    msgid: str
    targets: tuple[str, ...]
    msgctxt: str | None = None
    msgid_plural: str | None = None
    unit_id: str = ""
    fuzzy: bool | None = None
    comment: str | None = None
    base: tuple[str, ...] | None = None
    base_digest: str = ""
    origin: str = ""


@dataclass(frozen=True)
class Refusal:
    """A unit of an exchange file that a reader could not even turn into an :class:`Incoming`
    (inline markup with no PO equivalent, a plural group whose sources disagree, …)."""

    origin: str
    reason: str

    def format(self) -> str:
        return f"{self.origin}: refused: {self.reason}"


@dataclass(frozen=True)
class Outcome:
    """What became of one unit: applied, unchanged or refused (with the reason)."""

    unit: Incoming
    status: Status
    reason: str = ""
    line: int = 0  # of the catalog entry, when there is one

    def format(self) -> str:
        where = self.unit.origin or f"{self.unit.lang}/{self.unit.doc}"
        return f"{where}: {self.status}" + (f": {self.reason}" if self.reason else "")


@dataclass(frozen=True)
class ApplyPlan:
    """The catalog before and after applying the units, and what would be written."""

    path: Path
    shown: str
    before: Catalog | None
    after: Catalog | None
    outcomes: tuple[Outcome, ...]
    data: bytes | None = None  # the bytes write_plan writes; None when nothing changes

    def _with(self, status: Status) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.status == status)

    @property
    def applied(self) -> tuple[Outcome, ...]:
        return self._with("applied")

    @property
    def unchanged(self) -> tuple[Outcome, ...]:
        return self._with("unchanged")

    @property
    def refused(self) -> tuple[Outcome, ...]:
        return self._with("refused")

    @property
    def changed(self) -> bool:
        """Whether :func:`write_plan` would change the file."""
        return self.data is not None


def _short(text: str, width: int = 60) -> str:
    text = text.replace("\n", "\\n")
    return text if len(text) <= width else text[: width - 1] + "…"


def _entry_where(shown: str, m: Message) -> str:
    return f"{shown}:{m.line}" if m.line else shown


def _newline_problem(msgid: str, target: str) -> str | None:
    """msgfmt --check's rule: a translation begins and ends with a newline iff its source does."""
    if not target:
        return None
    if msgid.startswith("\n") != target.startswith("\n"):
        return "the target must begin with a newline exactly when the source does (msgfmt --check)"
    if msgid.endswith("\n") != target.endswith("\n"):
        return "the target must end with a newline exactly when the source does (msgfmt --check)"
    return None


def _comment_lines(comment: str | None) -> tuple[str, ...]:
    if comment is None:
        return ()
    return tuple(line.strip() for line in comment.replace("\r\n", "\n").split("\n") if line.strip())


class _Planner:
    """Decides every unit of one catalog in turn."""

    def __init__(self, catalog: Catalog, shown: str, doc: str, lang: str) -> None:
        self.catalog = catalog
        self.shown = shown
        self.doc = doc
        self.lang = lang
        self.messages = list(catalog.messages)
        self.index: dict[tuple[str | None, str], int] = {}
        self.obsolete: dict[tuple[str | None, str], Message] = {}
        self.moved: dict[tuple[str | None, str], Message] = {}  # old source (#|) -> fuzzy entry now
        for i, m in enumerate(self.messages):
            if m.obsolete:
                self.obsolete.setdefault(m.key, m)
            elif not m.is_header:
                self.index[m.key] = i
                if m.previous_msgid is not None:
                    self.moved.setdefault((m.previous_msgctxt, m.previous_msgid), m)
        self.with_context = {m.msgid: m.msgctxt for m in catalog.entries if m.msgctxt is not None}
        self.first: dict[tuple[str | None, str], Incoming] = {}
        self.catalog_lang = catalog.header_value("Language") or ""

    def refuse(self, unit: Incoming, reason: str, line: int = 0) -> Outcome:
        return Outcome(unit, "refused", reason, line)

    def decide(self, unit: Incoming) -> Outcome:
        if unit.doc != self.doc:
            return self.refuse(unit, f"the unit is for document {unit.doc!r}, not {self.doc!r} ({self.shown})")
        if unit.lang != self.lang or (self.catalog_lang and self.catalog_lang != unit.lang):
            return self.refuse(unit, f"the unit is for language {unit.lang!r}; {self.shown} is {self.catalog_lang or self.lang!r}")
        key = (unit.msgctxt, unit.msgid)
        if _OUR_ID.fullmatch(unit.unit_id) and unit.unit_id != unit_id(*key):
            return self.refuse(unit, f"unit id {unit.unit_id!r} does not belong to its source (that would be "
                                     f"{unit_id(*key)!r}): the id or the source was edited")
        if unit.msgid == "" and unit.msgctxt is None:
            return self.refuse(unit, "the catalog header is not imported")
        index = self.index.get(key)
        if index is None:
            return self.missing(unit, key)
        entry = self.messages[index]
        where = _entry_where(self.shown, entry)
        if unit.msgctxt is None and not _OUR_ID.fullmatch(unit.unit_id) and unit.msgid in self.with_context:
            # A file that does not carry msgctxt (translate-toolkit's po2xliff drops it) cannot
            # say whether it means the plain entry or the one with a context.
            return self.refuse(unit, f"ambiguous: {self.shown} has this source with msgctxt "
                                     f"{self.with_context[unit.msgid]!r} too, and the unit names no msgctxt", entry.line)
        if unit.msgid_plural != entry.msgid_plural:
            return self.refuse(unit, f"the plural source differs from {where} "
                                     f"({_short(unit.msgid_plural or '(none)')!r} vs {_short(entry.msgid_plural or '(none)')!r})",
                               entry.line)
        first = self.first.get(key)
        if first is not None:
            if (first.targets, first.fuzzy, first.comment) == (unit.targets, unit.fuzzy, unit.comment):
                return Outcome(unit, "unchanged", f"same as the unit at {first.origin}", entry.line)
            return self.refuse(unit, f"a second, different unit for {where} (first at {first.origin})", entry.line)
        self.first[key] = unit
        if self.older_copy(unit, entry):
            return Outcome(unit, "unchanged", f"{where} was edited since the export and the file left this unit as it "
                                              "was: the catalog's newer translation stays", entry.line)
        problem = self.problem(unit, entry)
        if problem:
            return self.refuse(unit, problem, entry.line)
        new = self.edited(unit, entry)
        if new == entry:
            return Outcome(unit, "unchanged", "", entry.line)
        self.messages[index] = new
        return Outcome(unit, "applied", where, entry.line)

    def missing(self, unit: Incoming, key: tuple[str | None, str]) -> Outcome:
        old = self.obsolete.get(key)
        if old is not None:
            return self.refuse(unit, f"the entry is obsolete in {_entry_where(self.shown, old)} (its sentence left the "
                                     "article); an obsolete entry is not revived")
        now = self.moved.get(key)
        if now is not None:
            return self.refuse(unit, f"the source changed since the export: {_entry_where(self.shown, now)} now reads "
                                     f"{_short(now.msgid)!r} (fuzzy, #| the exported source); translate it there",
                               now.line)
        return self.refuse(unit, f"no entry with this source in {self.shown} (changed or removed since the export): "
                                 f"{_short(unit.msgid)!r}")

    @staticmethod
    def older_copy(unit: Incoming, entry: Message) -> bool:
        """The file kept the translation it was exported with, and the catalog's has changed
        since: nothing of the unit applies (its state was about the old text)."""
        if unit.base is not None:
            return unit.targets == unit.base and entry.strings != unit.base
        if unit.base_digest:
            return targets_digest(unit.targets) == unit.base_digest != targets_digest(entry.strings)
        return False

    def problem(self, unit: Incoming, entry: Message) -> str | None:
        """Why the unit's targets cannot go into ``entry``, or None."""
        current = entry.strings
        if len(unit.targets) != len(current):
            what = "plural forms" if entry.msgid_plural is not None else "targets"
            return f"{len(unit.targets)} {what}, but the entry has {len(current)}"
        for i, target in enumerate(unit.targets):
            if "\0" in target:
                return "the target holds a NUL character (gettext cuts a string there)"
            bad = _newline_problem(entry.msgid, target)
            if bad:
                return bad
            if not target and current[i]:
                form = f" (plural form {i})" if entry.msgid_plural is not None else ""
                return f"an empty target{form} would erase the translation; clear it in the catalog itself if meant"
        was = unit.base is not None and unit.base != current
        was = was or bool(unit.base_digest) and unit.base_digest != targets_digest(current)
        if was and unit.targets != current:
            return (f"the catalog's translation changed since the export (now {_short(' | '.join(current))!r}); "
                    "both were edited: merge by hand")
        return None

    def edited(self, unit: Incoming, entry: Message) -> Message:
        if entry.msgid_plural is None:
            new = replace(entry, msgstr=unit.targets[0])
        else:
            new = replace(entry, msgstr_plural=unit.targets)
        fuzzy = entry.fuzzy if unit.fuzzy is None else unit.fuzzy
        if not any(unit.targets):
            fuzzy = entry.fuzzy  # nothing to approve or to mark
        if fuzzy != entry.fuzzy:
            new = new.with_flag("fuzzy", fuzzy)
        if entry.fuzzy and not fuzzy:
            new = replace(new, previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)
        added = tuple(line for line in _comment_lines(unit.comment) if line not in entry.comments)
        if added:
            new = replace(new, comments=entry.comments + added)
        return new


def plan_apply(catalog_path: Path, units: Sequence[Incoming], *, shown: str | None = None) -> ApplyPlan:
    """Decide each unit against the catalog at ``catalog_path``; write nothing.

    ``catalog_path`` is ``…/<lang>/LC_MESSAGES/<doc>.po``; every unit must name that document
    and language.  A missing catalog refuses every unit; an unreadable one raises
    :class:`~pipeline.errors.CatalogError`.  ``shown`` is the path as reports name it.
    """
    path = Path(catalog_path)
    shown = shown or str(path)
    doc, lang = path.stem, path.parent.parent.name
    if not path.exists():
        outcomes = tuple(Outcome(u, "refused", f"no catalog {shown}") for u in units)
        return ApplyPlan(path, shown, None, None, outcomes)
    before = read_po(path)
    planner = _Planner(before, shown, doc, lang)
    outcomes = tuple(planner.decide(u) for u in units)
    if not any(o.status == "applied" for o in outcomes):
        return ApplyPlan(path, shown, before, before, outcomes)
    after = Catalog(tuple(planner.messages), before.path, before.stamp)
    data = encode_update(path, after)
    return ApplyPlan(path, shown, before, after, outcomes, data if would_change(path, data) else None)


def catalog_source(config: Config, doc: str, catalog: Catalog | None = None) -> str:
    """The language of the msgids of ``doc``'s catalogs: the catalog's X-Source-Language, else
    its template's, else the project's source language (the ``ui`` domain's is the project's)."""
    if doc == UI_DOMAIN:
        return config.source_language
    default = template_source(config, doc)
    return source_language_of(catalog, default) if catalog is not None else default


def _not_a_target(config: Config, doc: str, lang: str) -> str:
    """Why units for ``<lang>/LC_MESSAGES/<doc>.po`` cannot be imported, or ''."""
    if not (_NAME.fullmatch(doc) and _NAME.fullmatch(lang)):
        return f"document {doc!r} / language {lang!r} is not a catalog name"
    if doc == UI_DOMAIN:
        targets = config.target_languages
    else:
        path = config.po_path(lang, doc)
        try:
            catalog = read_po(path) if path.is_file() else None
        except PipelineError:
            catalog = None  # plan_apply reports it
        targets = config.targets_for(catalog_source(config, doc, catalog))
    if lang in targets:
        return ""
    if lang not in config.languages:
        return f"language {lang!r} is not a language of the project ({', '.join(config.languages)})"
    return (f"language {lang!r} is the source language of document {doc!r}, not one of its targets "
            f"({', '.join(targets) or 'none'})")


def plan_imports(config: Config, units: Iterable[Incoming]) -> tuple[ApplyPlan, ...]:
    """:func:`plan_apply` for each catalog the units name, in the order first named.

    A unit whose language is not a target of its document (every language of the project but
    the one the document is written in: English too, for a Belarusian article), or whose
    document or language is not a plain name (a path, say), is refused without touching any
    file.
    """
    groups: dict[tuple[str, str], list[Incoming]] = {}
    for unit in units:
        groups.setdefault((unit.doc, unit.lang), []).append(unit)
    plans: list[ApplyPlan] = []
    for (doc, lang), group in groups.items():
        reason = _not_a_target(config, doc, lang)
        if reason:
            plans.append(ApplyPlan(config.locales, f"{lang}/{doc}", None, None,
                                   tuple(Outcome(u, "refused", reason) for u in group)))
            continue
        path = config.po_path(lang, doc)
        shown = path.relative_to(config.root).as_posix() if path.is_relative_to(config.root) else str(path)
        plans.append(plan_apply(path, group, shown=shown))
    return tuple(plans)


def write_plan(plan: ApplyPlan) -> bool:
    """Write the planned catalog; return whether the file changed.

    Refuses (:class:`~pipeline.errors.ConcurrentEditError`) when the file changed on disk
    since :func:`plan_apply` read it.
    """
    if plan.data is None or plan.after is None:
        return False
    return write_po(plan.path, plan.after, data=plan.data)
