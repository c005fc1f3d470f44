"""The reviewer editions: ``dist/review/<lang>/<doc>.pdf`` and ``.xlsx`` for every document of
the packs in every target language (:mod:`pipeline.review`).

Made on demand (``on_demand``): ``pipeline review LANG [DOC...]`` builds them through the
build, which plans them like every output (incremental, removed when their document or
language leaves the configuration) but leaves them out of a plain ``pipeline build`` unless
``[tool.pipeline] outputs`` names the kinds.  They are rendered from the catalogs, not from
the localized packs, so building them ingests nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import UI_DOMAIN, Config
from pipeline.outputs import Inputs, Output, digest, file_digest
from pipeline.writers import Context, Deferred, Rendered

if TYPE_CHECKING:
    from pipeline.pofile import FileStamp
    from pipeline.review import ReviewDoc

KINDS = ("review-pdf", "review-xlsx")


def review_documents(config: Config) -> tuple[str, ...]:
    """Every document of the packs, in the order of the configuration."""
    return tuple(dict.fromkeys(slug for pack in config.packs for slug in pack.documents))


def _plan(kind: str, config: Config, inputs: Inputs) -> list[Output]:
    from pipeline.review import output_path

    style = file_digest(config.locales / "style.toml")  # the house style decides some findings
    return [
        Output(kind, output_path(config, kind, lang, slug),
               digest(kind, inputs.base, style, lang, inputs.catalogs.get((lang, slug), ""),
                      inputs.catalogs.get((lang, UI_DOMAIN), "")),
               lang=lang)
        for lang in config.languages  # English too, for an article written in another language
        for slug in review_documents(config)
        if config.po_path(lang, slug).is_file()  # none yet, or the article is written in ``lang``
    ]


@lru_cache(maxsize=16)
def _review(config: Config, lang: str, slug: str, stamps: tuple[FileStamp | None, ...]) -> ReviewDoc:
    """One read and check of a catalog for both editions (``stamps``: what the catalog, the
    glossary and the house style hold, so an edit between two builds is seen)."""
    from pipeline.review import load_review

    return load_review(config, lang, slug)


def _doc(output: Output, config: Config) -> ReviewDoc:
    from pipeline.gate import GLOSSARY_FILES
    from pipeline.pofile import current_stamp

    assert output.lang is not None  # as planned
    slug = output.path.stem
    files = (config.po_path(output.lang, slug), *(config.locales / n for n in (*GLOSSARY_FILES, "style.toml")))
    return _review(config, output.lang, slug, tuple(current_stamp(p) for p in files))


def set_review_pdf(html: str, templates: str) -> Rendered:
    """Typeset the reviewer edition's HTML with WeasyPrint (in a worker process)."""
    from pipeline.pdf import render_pdf_bytes
    from pipeline.review import TEMPLATE

    result = render_pdf_bytes(html, templates=Path(templates), template_name=TEMPLATE)
    return Rendered(result.data, result.pages)


class ReviewPdfWriter:
    """The bilingual PDF of one article's catalog, to read and annotate (A4 landscape)."""

    kind = "review-pdf"
    parallel = True
    preload: tuple[str, ...] = ("pipeline.pdf",)
    on_demand = True

    def plan(self, config: Config, inputs: Inputs) -> Sequence[Output]:
        return _plan(self.kind, config, inputs)

    def render(self, output: Output, context: Context) -> Rendered | Deferred:
        from pipeline.review import review_html

        doc = _doc(output, context.config)
        html = review_html(context.env, doc, context.ui[doc.lang], version=context.version)
        return Deferred(set_review_pdf, (html, str(context.config.templates)))


class ReviewXlsxWriter:
    """The same table as an XLSX workbook with "correction" and "comment" columns to send back."""

    kind = "review-xlsx"
    parallel = False
    preload: tuple[str, ...] = ()
    on_demand = True

    def plan(self, config: Config, inputs: Inputs) -> Sequence[Output]:
        return _plan(self.kind, config, inputs)

    def render(self, output: Output, context: Context) -> Rendered | Deferred:
        from pipeline.review import review_xlsx

        doc = _doc(output, context.config)
        return Rendered(review_xlsx(doc, context.ui[doc.lang]))


__all__ = ["KINDS", "ReviewPdfWriter", "ReviewXlsxWriter", "review_documents", "set_review_pdf"]
