"""Shipped-content checks: this repository's own articles, catalogs and templates (current,
complete, check-clean, gettext-conformant, untouched sources).  The checks themselves are in
tests/shipped.py, written so that adding an article, a pack or a language keeps them green
(tests/test_workflow.py proves it on a copy of the project).  Every other test runs on fixture
projects (tests/roots/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests import shipped

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
needs_gettext = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext is not installed")


def test_shipped_catalogs_are_current_with_the_sources() -> None:
    shipped.check_catalogs_are_current(ROOT)


def test_shipped_languages_are_complete() -> None:
    shipped.check_shipped_languages_are_complete(ROOT)


def test_shipped_translations_are_check_clean() -> None:
    shipped.check_translations_are_check_clean(ROOT)


@needs_gettext
@pytest.mark.parametrize("path", shipped.catalogs(ROOT), ids=lambda p: str(p.relative_to(ROOT)))
def test_shipped_catalog_is_msgcat_fixed_point_and_msgfmt_clean(path: Path) -> None:
    shipped.check_catalog_is_msgcat_fixed_point_and_msgfmt_clean(path)


@pytest.mark.parametrize("path", shipped.catalogs(ROOT), ids=lambda p: str(p.relative_to(ROOT)))
def test_shipped_catalog_reads_the_same_through_polib(path: Path) -> None:
    shipped.check_catalog_reads_the_same_through_polib(path)


def test_shipped_headers_say_who_translated() -> None:
    shipped.check_headers_say_who_translated(ROOT)


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
def test_shipped_seeds_are_the_collected_texts_byte_for_byte() -> None:
    shipped.check_seeds_are_the_collected_texts(ROOT, SHARED_SEEDS)


def test_shipped_manifest_lists_every_seed() -> None:
    shipped.check_manifest_lists_every_seed(ROOT)


def test_shipped_catalogs_and_templates_name_no_model_or_vendor() -> None:
    shipped.check_no_model_or_vendor_is_named(ROOT)


def test_shipped_seeds_ingest_to_their_goldens() -> None:
    shipped.check_ingest_goldens(ROOT)
