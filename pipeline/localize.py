"""Localize: apply a language's published translations to a document's segments.

Pure functions over the data model.  The publication policy lives here:

* only translated, non-fuzzy entries are published (the caller passes the catalog's
  ``published`` mapping, which holds nothing else);
* a missing or fuzzy segment falls back to the source (in the document's own language:
  English, or Belarusian for an article written in it) and is marked as a fallback, so the
  templates can give it ``lang="en"`` (``lang="be"``) and a visible marker, and the colophon
  can count it;
* so does a translated segment that ``pipeline check`` reports an error on, when the pack's
  ``on_check_error`` is ``"fallback"`` (the caller passes those entries as ``withheld``, with the
  names of the checks); it is counted apart, so the colophon can say why;
* an article whose share of published segments is below the pack's ``min_completeness`` is
  either omitted with a note or fails the build (``below_minimum = "fail"`` or ``--strict``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pipeline.config import PackConfig
from pipeline.errors import PipelineError
from pipeline.model import BlockKind, Document, Segment

# (msgctxt, msgid) -> msgstr; msgctxt is None for entries without a context.
Published = Mapping[tuple[str | None, str], str]
# (msgctxt, msgid) -> names of the checks that reported an error on the entry's translation.
Withheld = Mapping[tuple[str | None, str], tuple[str, ...]]


@dataclass(frozen=True)
class Run:
    """Consecutive text of one block in one language.

    ``fallback`` is true when the text is the English source shown because the translation is
    missing or fuzzy.
    """

    text: str
    lang: str
    fallback: bool = False


@dataclass(frozen=True)
class LocalBlock:
    """A block of the article as the reader sees it: runs of translated and fallback text."""

    kind: BlockKind
    runs: tuple[Run, ...]
    line: int
    index: int

    @property
    def lang(self) -> str:
        """The block's language when all its runs share one, else the first run's."""
        return self.runs[0].lang if self.runs else ""

    @property
    def text(self) -> str:
        return " ".join(run.text for run in self.runs)

    @property
    def has_fallback(self) -> bool:
        return any(run.fallback for run in self.runs)


@dataclass(frozen=True)
class Status:
    """How much of an article is published in a language."""

    segments: int
    published: int
    withheld: int = 0  # of the fallbacks: translated, but held back by a check error
    checks: tuple[str, ...] = ()  # the checks that held them back, each once

    @property
    def untranslated(self) -> int:
        """Fallbacks because there is no published translation (missing or fuzzy)."""
        return self.fallback - self.withheld

    @property
    def fallback(self) -> int:
        return self.segments - self.published

    @property
    def percent(self) -> float:
        """Share of published segments, 0–100 (an article with no segments counts as complete)."""
        return 100.0 if self.segments == 0 else 100.0 * self.published / self.segments


@dataclass(frozen=True)
class Article:
    """One document localized into one language."""

    document: Document
    lang: str
    source_lang: str
    title: LocalBlock | None
    blocks: tuple[LocalBlock, ...]  # everything but the title, in reading order
    status: Status
    translator: str = ""  # who translated it (the catalog's Last-Translator, no e-mail); "" if unknown
    machine_draft: bool = False  # the catalog is an unreviewed machine draft (X-Translation-Status)

    @property
    def slug(self) -> str:
        return self.document.slug


@dataclass(frozen=True)
class Omission:
    """An article left out of a pack in one language, and why."""

    document: Document
    status: Status
    minimum: float


@dataclass(frozen=True)
class PackText:
    """The pack's own strings (from the ui catalog) as the reader sees them.

    Each is a run: translated, or the English of the configuration marked as a fallback.
    ``status`` counts them like an article's sentences.
    """

    title: Run
    subtitle: Run | None
    status: Status


@dataclass(frozen=True)
class LocalPack:
    """A pack in one language: the articles that are published and the ones left out."""

    pack: PackConfig
    lang: str
    source_lang: str
    articles: tuple[Article, ...]
    omitted: tuple[Omission, ...]
    text: PackText | None = None  # None: the templates translate title and subtitle themselves

    @property
    def translated_from(self) -> tuple[str, ...]:
        """The source languages of the articles this edition translates (none: every article
        is in its original language), in order of first appearance."""
        return tuple(dict.fromkeys(a.source_lang for a in self.articles if a.source_lang != self.lang))

    @property
    def translations_from(self) -> tuple[str, ...]:
        """The source languages of the articles this edition has published translations of:
        :attr:`translated_from` less the articles of which no sentence is translated yet (an
        edition nobody has translated yet does not say "Translated from English")."""
        return tuple(dict.fromkeys(a.source_lang for a in self.articles if a.source_lang != self.lang and a.status.published))

    @property
    def fallback_langs(self) -> tuple[str, ...]:
        """The languages of the text shown untranslated (each article's source language, the
        configuration's for the pack's own strings), in order of first appearance."""
        runs = (self.text.title, self.text.subtitle) if self.text is not None else ()
        return tuple(dict.fromkeys((
            *(a.source_lang for a in self.articles if a.status.fallback and a.source_lang != self.lang),
            *(r.lang for r in runs if r is not None and r.fallback),
        )))

    @property
    def status(self) -> Status:
        """Totals over the published articles."""
        return _total(a.status for a in self.articles)

    @property
    def shown_status(self) -> Status:
        """Totals over everything the reader sees: the published articles and the pack's strings."""
        extra = (self.text.status,) if self.text is not None else ()
        return _total((*(a.status for a in self.articles), *extra))


def _total(statuses: Iterable[Status]) -> Status:
    items = tuple(statuses)
    return Status(
        segments=sum(s.segments for s in items),
        published=sum(s.published for s in items),
        withheld=sum(s.withheld for s in items),
        checks=tuple(dict.fromkeys(c for s in items for c in s.checks)),
    )


class CompletenessError(PipelineError):
    """Articles are below the pack's minimum completeness and the policy says fail."""

    def __init__(self, pack: str, lang: str, omissions: Sequence[Omission]) -> None:
        self.pack = pack
        self.lang = lang
        self.omissions = tuple(omissions)
        details = "; ".join(
            f"{o.document.path}: {o.status.percent:.0f}% translated, {o.minimum:g}% required"
            for o in omissions
        )
        super().__init__(f"pack {pack!r} [{lang}]: below minimum completeness: {details}")


class _Lookup:
    """Finds the published translation of a segment, whatever context the catalog gave it.

    The catalog adds a msgctxt (the block kind, e.g. ``heading``) only where the same text has
    several roles in a document; the lookup tries the segment's role, then no context.
    """

    def __init__(self, published: Published) -> None:
        self._by_msgid: dict[str, dict[str | None, str]] = {}
        for (ctx, msgid), msgstr in published.items():
            if msgstr:
                self._by_msgid.setdefault(msgid, {})[ctx or None] = msgstr

    def get(self, segment: Segment) -> str | None:
        found = self._by_msgid.get(segment.text)
        if not found:
            return None
        for ctx in (segment.kind.value, None):
            if ctx in found:
                return found[ctx]
        return None  # another role's translation is not this segment's


def _runs(parts: Iterable[tuple[str, bool]], lang: str, source_lang: str) -> tuple[Run, ...]:
    """Join consecutive sentences of the same kind (translated or fallback) into runs."""
    runs: list[Run] = []
    for text, fallback in parts:
        run_lang = source_lang if fallback else lang
        if runs and runs[-1].fallback == fallback:
            runs[-1] = Run(runs[-1].text + " " + text, run_lang, fallback)
        else:
            runs.append(Run(text, run_lang, fallback))
    return tuple(runs)


def localize_document(
    document: Document,
    segments: Sequence[Segment],
    published: Published,
    lang: str,
    source_lang: str = "en",
    *,
    translator: str = "",
    machine_draft: bool = False,
    withheld: Withheld | None = None,
) -> Article:
    """Apply ``published`` translations to ``document`` for ``lang``.

    Every block keeps its place; each sentence is either its published translation or the
    English source marked as a fallback.  A sentence whose entry is in ``withheld`` (a check
    error) falls back too, and is counted in ``Status.withheld``.  In the source language
    nothing falls back, and there is no translator (``translator`` is ignored).
    """
    by_block: dict[tuple[BlockKind, int], list[Segment]] = {}
    for seg in segments:
        by_block.setdefault((seg.kind, seg.block_index), []).append(seg)
    lookup = _Lookup(published)
    held = _Lookup({key: " ".join(checks) for key, checks in (withheld or {}).items()})
    total = done = blocked = 0
    checks: list[str] = []
    title: LocalBlock | None = None
    blocks: list[LocalBlock] = []
    for block in document.published_blocks:
        parts: list[tuple[str, bool]] = []
        block_segments = by_block.get((block.kind, block.index))
        if not block_segments:
            # A block without segments (none given for it) is still shown, as source text.
            block_segments = [Segment(block.text, document.path, block.line, block.kind, block.index)]
        for seg in sorted(block_segments, key=lambda s: s.sentence):
            total += 1
            if lang == source_lang:
                parts.append((seg.text, False))
                done += 1
                continue
            translated = lookup.get(seg)
            if translated is None:
                parts.append((seg.text, True))
                why = held.get(seg)
                if why is not None:
                    blocked += 1
                    checks.extend(why.split())
            else:
                parts.append((translated, False))
                done += 1
        local = LocalBlock(block.kind, _runs(parts, lang, source_lang), block.line, block.index)
        if block.kind is BlockKind.TITLE and title is None:
            title = local
        else:
            blocks.append(local)
    status = Status(total, done, blocked, tuple(dict.fromkeys(checks)))
    return Article(document, lang, source_lang, title, tuple(blocks), status,
                   translator="" if lang == source_lang else translator,
                   machine_draft=machine_draft and lang != source_lang)


def localize_pack_text(
    pack: PackConfig,
    lang: str,
    published: Published,
    source_lang: str = "en",
    *,
    withheld: Withheld | None = None,
) -> PackText:
    """The pack's title and subtitle in ``lang`` from the ui catalog's ``published`` entries
    (msgctxt ``pack title`` / ``pack subtitle``), each falling back to English like a sentence."""
    runs: list[Run] = []
    done = blocked = 0
    checks: list[str] = []
    strings = [("pack title", pack.title)] + ([("pack subtitle", pack.subtitle)] if pack.subtitle else [])
    for ctx, text in strings:
        translated = published.get((ctx, text)) if lang != source_lang else text
        if translated:
            runs.append(Run(translated, lang))
            done += 1
        else:
            runs.append(Run(text, source_lang, True))
            why = (withheld or {}).get((ctx, text))
            if why:
                blocked += 1
                checks.extend(why)
    return PackText(runs[0], runs[1] if len(runs) > 1 else None,
                    Status(len(strings), done, blocked, tuple(dict.fromkeys(checks))))


def fallback_title(document: Document) -> LocalBlock:
    """A title block made from the manifest's title, for documents whose text has none."""
    text = document.meta.title or document.slug
    return LocalBlock(BlockKind.TITLE, (Run(text, document.meta.language, False),), 1, 1)


def apply_policy(
    pack: PackConfig,
    lang: str,
    articles: Sequence[Article],
    *,
    strict: bool = False,
    source_lang: str = "en",
    text: PackText | None = None,
) -> LocalPack:
    """Keep the articles that meet the pack's minimum completeness in ``lang``.

    Below the minimum an article is omitted (and listed, so the templates print a note), or,
    with ``below_minimum = "fail"`` or ``strict``, a :class:`CompletenessError` is raised.
    """
    kept: list[Article] = []
    omitted: list[Omission] = []
    for article in articles:
        if lang != article.source_lang and article.status.percent < pack.min_completeness:
            omitted.append(Omission(article.document, article.status, pack.min_completeness))
        else:
            kept.append(article)
    if omitted and (strict or pack.below_minimum == "fail"):
        raise CompletenessError(pack.slug, lang, omitted)
    return LocalPack(pack, lang, source_lang, tuple(kept), tuple(omitted), text)


__all__ = [
    "Article",
    "CompletenessError",
    "LocalBlock",
    "LocalPack",
    "Omission",
    "PackText",
    "Published",
    "Run",
    "Status",
    "apply_policy",
    "fallback_title",
    "localize_document",
    "localize_pack_text",
    "Withheld",
]
