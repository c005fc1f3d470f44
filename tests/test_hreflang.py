"""The site's hreflang links: absolute under tool.pipeline.base_url, relative without it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.config import parse_config
from pipeline.errors import ConfigError
from pipeline.render import make_environment, render_chooser, render_site_page
from tests import render_support as rs

TABLE = {"languages": ["en", "be", "de"], "packs": []}


def _alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_base_url_is_optional_validated_and_ends_in_a_slash(tmp_path: Path) -> None:
    assert parse_config(tmp_path, TABLE, Path("pyproject.toml")).base_url is None
    config = parse_config(tmp_path, {**TABLE, "base_url": "https://example.org/packs"}, Path("pyproject.toml"))
    assert config.base_url == "https://example.org/packs/"
    for bad in ("example.org/packs/", "ftp://example.org/", "https://example.org/?a=1", "", "https:///x"):
        with pytest.raises(ConfigError, match=r"tool\.pipeline\.base_url"):
            parse_config(tmp_path, {**TABLE, "base_url": bad}, Path("pyproject.toml"))
    with pytest.raises(ConfigError, match=r"tool\.pipeline\.base_url"):
        parse_config(tmp_path, {**TABLE, "base_url": 3}, Path("pyproject.toml"))


@pytest.mark.parametrize("base", [None, "https://example.org/packs/"])
def test_site_pages_hreflang(base: str | None) -> None:
    env = make_environment(rs.config().templates)
    common = {"languages": ("en", "be", "de"), "built": rs.BUILT, "project": "p", "version": "t", "base_url": base}
    page = render_site_page(env, [rs.synthetic_pack("be")], rs.ui("be"), "be", **common)  # type: ignore[arg-type]
    chooser = render_chooser(env, [], rs.ui("en"), "en", **common)  # type: ignore[arg-type]
    for html, up in ((page, "../"), (chooser, "")):
        links = _alternates(html)
        root = base or up
        assert links == {
            "en": f"{root}en/index.html",
            "be": f"{root}be/index.html",
            "de": f"{root}de/index.html",
            "x-default": f"{root}index.html",
        }
        # The language switcher stays relative: the site works from any folder.
        assert f'<a href="{up}de/index.html" hreflang="de"' in html
