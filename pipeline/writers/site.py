"""The site writer: ``dist/<lang>/index.html`` (every pack of the language), the language
chooser ``dist/index.html``, and the stylesheets and fonts the pages link to, copied from
``templates/`` into ``dist/assets/`` (outputs like the pages: a font removed from the templates
is removed from ``dist/`` too)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.config import UI_DOMAIN, Config
from pipeline.outputs import Inputs, Output, digest, file_digest
from pipeline.writers import Context, Deferred, Rendered

CHOOSER = "index.html"
ASSETS = "assets"
ASSET_SUFFIXES = (".css", ".ttf", ".otf", ".woff", ".woff2", ".txt", ".md")


def asset_sources(config: Config) -> list[Path]:
    """The files of ``templates/`` the pages link to (stylesheets, fonts and their licences)."""
    return [src for src in sorted(config.templates.rglob("*"))
            if src.is_file() and src.suffix in ASSET_SUFFIXES and not src.name.startswith(".")]


class SiteWriter:
    """HTML pages for reading on screen."""

    kind = "site"
    parallel = False
    preload: tuple[str, ...] = ()

    def plan(self, config: Config, inputs: Inputs) -> Sequence[Output]:
        outputs = []
        for lang in config.languages:
            packs = [p for p in config.packs if lang in p.languages]
            outputs.append(Output(self.kind, config.dist / lang / "index.html",
                                  digest("site", *(inputs.pack(p, lang) for p in packs)),
                                  lang=lang, needs=tuple((p.slug, lang) for p in packs)))
        chooser = digest("chooser", inputs.base,
                         *(inputs.catalogs.get((lang, UI_DOMAIN), "") for lang in config.languages))
        everything = tuple((p.slug, lang) for p in config.packs for lang in p.languages)
        outputs.append(Output(self.kind, config.dist / CHOOSER, chooser, needs=everything))
        for src in asset_sources(config):  # made from nothing but their own bytes
            outputs.append(Output(self.kind, config.dist / ASSETS / src.relative_to(config.templates), file_digest(src)))
        return outputs

    def render(self, output: Output, context: Context) -> Rendered | Deferred:
        from pipeline.render import render_site_page

        config = context.config
        assets = config.dist / ASSETS
        if output.path.is_relative_to(assets):
            return Rendered((config.templates / output.path.relative_to(assets)).read_bytes())
        if output.lang is None:
            return Rendered(_chooser(context).encode("utf-8"))
        html = render_site_page(context.env, context.packs_of(output.lang), context.ui[output.lang], output.lang,
                                languages=config.languages, built=context.built, project=config.project,
                                version=context.version, base_url=config.base_url)
        return Rendered(html.encode("utf-8"))


def _chooser(context: Context) -> str:
    from pipeline.render import ChooserEntry, L10n, UiText, render_chooser

    config = context.config
    entries = [
        ChooserEntry(lang, L10n(lang).language(lang, own=True), f"{lang}/index.html", UiText(context.ui[lang]),
                     tuple(p for p in config.packs if lang in p.languages),
                     tuple(local.text for local in context.packs_of(lang) if local.text is not None))
        for lang in config.languages
    ]
    source = config.source_language
    return render_chooser(context.env, entries, context.ui[source], source, languages=config.languages,
                          built=context.built, project=config.project, version=context.version, base_url=config.base_url)


__all__ = ["ASSETS", "ASSET_SUFFIXES", "SiteWriter", "asset_sources"]
