"""Shared, cached artefacts for the rendering tests (test_render*, test_pdf*, test_safety,
test_site_browser).  PDFs are expensive, so each artefact is made once per test session
(``functools.cache``) in a temporary folder removed at exit.
"""

from __future__ import annotations

import atexit
import dataclasses
import datetime as dt
import gettext
import shutil
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from pipeline import build as build_stage
from pipeline.config import Config, load_config
from pipeline.ingest import load_documents
from pipeline.localize import LocalPack, apply_policy, localize_document
from pipeline.model import Document, Segment
from pipeline.pdf import render_pdf_bytes
from pipeline.render import make_environment, render_pdf_html, render_site_page
from pipeline.segment import segment_document
from pipeline.ui import DOMAIN, load_ui_translations

# The repository (templates, tools) and the fixture project the rendering tests build: a frozen
# copy of the shipped articles, catalogs and pack (tests/roots/test-briefing), so that a user who
# adds an article, a pack or a language to their project changes nothing these tests see.
REPO = Path(__file__).resolve().parent.parent
ROOT = REPO / "tests" / "roots" / "test-briefing"
BUILT = dt.datetime(2022, 2, 24, 12, 0, 0)

# Translations a hostile or careless translator might write: each must stay literal text.
MALICIOUS = (
    '<script>alert("pwned")</script>',
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/passwd">',
    "{{ 7*7 }}",
    "{0.__class__}",
)


def tmpdir(prefix: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, True)
    return path


@cache
def config() -> Config:
    """The fixture project's configuration, with the project's own templates."""
    return dataclasses.replace(load_config(ROOT), templates=REPO / "templates")


def copy_fixture(dest: Path, *, locales: bool = True) -> Path:
    """A writable copy of the fixture project in ``dest``, with the project's templates."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    shutil.copytree(ROOT / "seeds", dest / "seeds")
    shutil.copytree(REPO / "templates", dest / "templates")
    if locales:
        shutil.copytree(ROOT / "locales", dest / "locales")
    return dest


@cache
def documents() -> tuple[Document, ...]:
    return load_documents(config())


@cache
def segments() -> Mapping[str, tuple[Segment, ...]]:
    return {doc.slug: tuple(segment_document(doc)) for doc in documents()}


class DictTranslations(gettext.NullTranslations):
    """A ui catalog from a dict, on top of another one (for planting hostile ui strings)."""

    def __init__(self, table: Mapping[str, str], base: gettext.NullTranslations | None = None) -> None:
        super().__init__()
        self.table = dict(table)
        self.base = base or gettext.NullTranslations()

    def gettext(self, message: str) -> str:
        return self.table.get(message) or self.base.gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.table.get(msgid1) or self.base.ngettext(msgid1, msgid2, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.table.get(message) or self.base.pgettext(context, message)


def ui(lang: str) -> gettext.NullTranslations:
    return load_ui_translations(config().po_path(lang, DOMAIN))


def synthetic_published(lang: str, every: int = 2) -> dict[tuple[str | None, str], str]:
    """Translations for every ``every``-th segment, the first five of the first article hostile."""
    sample = {"be": "Беларускі пераклад сказа {n}: ўсё і ёсць.", "de": "Deutscher Satz {n}: Größe und Übermaß."}[lang]
    published: dict[tuple[str | None, str], str] = {}
    n = 0
    first = documents()[0].slug
    hostile = list(MALICIOUS)
    for slug, segs in segments().items():
        for seg in segs:
            n += 1
            if slug == first and hostile and seg.kind.value == "paragraph":
                published[(None, seg.text)] = hostile.pop(0)
            elif n % every == 0 or seg.kind.value in ("title", "heading"):
                published[(None, seg.text)] = sample.format(n=n)
    return published


@cache
def synthetic_pack(lang: str = "be") -> LocalPack:
    pack = config().packs[0]
    published = synthetic_published(lang)
    by_slug = {d.slug: d for d in documents()}
    articles = [
        localize_document(by_slug[slug], segments()[slug], published, lang, config().source_language)
        for slug in pack.documents
    ]
    return apply_policy(pack, lang, articles, source_lang=config().source_language)


@cache
def synthetic_html(lang: str = "be") -> str:
    env = make_environment(config().templates)
    return render_pdf_html(env, synthetic_pack(lang), ui(lang), built=BUILT, project=config().project, version="test")


@cache
def synthetic_site_html(lang: str = "be") -> str:
    env = make_environment(config().templates)
    return render_site_page(env, [synthetic_pack(lang)], ui(lang), lang, languages=config().languages, built=BUILT,
                            project=config().project, version="test")


@cache
def synthetic_pdf(lang: str = "be") -> Path:
    """The pack rendered with partial and hostile translations."""
    result = render_pdf_bytes(synthetic_html(lang), templates=config().templates)
    path = tmpdir("pdf-synthetic-") / f"{lang}.pdf"
    path.write_bytes(result.data)
    return path


@cache
def built_dist() -> Path:
    """The real project built into a temporary dist/ (site and the three PDFs), once."""
    dist = tmpdir("dist-")
    cfg = dataclasses.replace(config(), dist=dist)
    build_stage.build(cfg, built=BUILT)
    return dist
