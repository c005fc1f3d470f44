"""The PDF writer: ``dist/<lang>/<pack>.pdf``, one briefing pack in one language.

The HTML of the pack is rendered (and its no-break spaces bound) in the main process; WeasyPrint
sets it in a worker process of the build's pool (:mod:`pipeline.pdf` is the only module that
touches WeasyPrint, imported once per worker).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.config import Config
from pipeline.outputs import Inputs, Output
from pipeline.writers import Context, Deferred, Rendered


def set_pdf(html: str, templates: str) -> Rendered:
    """Typeset ``html`` with WeasyPrint (in a worker process)."""
    from pipeline.pdf import render_pdf_bytes

    result = render_pdf_bytes(html, templates=Path(templates))
    return Rendered(result.data, result.pages)


class PdfWriter:
    """An A4 PDF/UA file per pack and language."""

    kind = "pdf"
    parallel = True
    preload: tuple[str, ...] = ("pipeline.pdf",)

    def plan(self, config: Config, inputs: Inputs) -> Sequence[Output]:
        return [
            Output(self.kind, config.dist / lang / f"{pack.slug}.pdf", inputs.pack(pack, lang),
                   pack=pack.slug, lang=lang, needs=((pack.slug, lang),))
            for pack in config.packs
            for lang in pack.languages
        ]

    def render(self, output: Output, context: Context) -> Rendered | Deferred:
        from pipeline.render import bind_spaces, render_pdf_html

        assert output.pack is not None and output.lang is not None  # as planned
        config = context.config
        html = render_pdf_html(context.env, context.packs[(output.pack, output.lang)], context.ui[output.lang],
                               built=context.built, project=config.project, version=context.version)
        html = bind_spaces(html, output.lang)  # no-break spaces: the typesetting of the PDF
        return Deferred(set_pdf, (html, str(config.templates)))


__all__ = ["PdfWriter", "set_pdf"]
