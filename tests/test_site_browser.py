"""The built site in a real browser (Debian's chromium driven by Playwright): the language
chooser and switcher work, nothing logs to the console, axe-core finds nothing serious, and the
pages render at phone and desktop widths (screenshots kept in the test's tmp folder, or in
$SITE_SCREENSHOTS if set)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import render_support as rs

CHROMIUM = Path("/usr/bin/chromium")
AXE = rs.REPO / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run",
        "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """The built dist/ served over HTTP on localhost (as a reader's browser would get it)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(rs.built_dist()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("SITE_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


class Console:
    def __init__(self, page: Any) -> None:
        self.messages: list[str] = []
        page.on("console", lambda msg: self.messages.append(f"{msg.type}: {msg.text}") if msg.type in ("error", "warning") else None)
        page.on("pageerror", lambda exc: self.messages.append(f"pageerror: {exc}"))
        page.on("requestfailed", lambda req: self.messages.append(f"requestfailed: {req.url}"))


def _open(browser: Any, width: int = 1200, height: int = 900) -> tuple[Any, Console]:
    context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=True)
    page = context.new_page()
    return page, Console(page)


def test_chooser_and_language_switcher(browser: Any, site: str, shots: Path) -> None:
    dist = rs.built_dist()
    page, console = _open(browser)
    page.goto(f"{site}/index.html")
    assert page.locator("html").get_attribute("lang") == "en"
    page.screenshot(path=str(shots / "chooser.png"), full_page=True)
    page.locator('main a[hreflang="be"]').click()
    page.wait_for_load_state()
    assert page.url.endswith("/be/index.html")
    assert page.locator("html").get_attribute("lang") == "be"
    assert page.locator("h1").first.inner_text() == "Беларусь і вайна ва Украіне"
    alternates = page.locator('link[rel="alternate"]').evaluate_all("els => els.map(e => e.hreflang)")
    assert set(alternates) == {"en", "be", "de", "x-default"}
    page.screenshot(path=str(shots / "be-top.png"))
    # Follow the switcher to German, then to English.
    page.locator('nav.language-switcher a[hreflang="de"]').click()
    page.wait_for_load_state()
    assert page.url.endswith("/de/index.html") and page.locator("html").get_attribute("lang") == "de"
    assert page.locator('nav.language-switcher a[aria-current="page"]').get_attribute("hreflang") == "de"
    page.locator('nav.language-switcher a[hreflang="en"]').click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == "Belarus and the War in Ukraine"
    # Table of contents links land on the articles; the PDF link points at the built file.
    first = page.locator("nav.toc a").first.get_attribute("href")
    assert first and first.startswith("#") and page.locator(first).count() == 1
    pdf = page.locator(".download a").get_attribute("href")
    assert pdf and (dist / "en" / pdf).is_file()
    assert console.messages == []


@pytest.mark.parametrize("lang", ["en", "be", "de"])
def test_no_serious_accessibility_violations(browser: Any, site: str, lang: str) -> None:
    if not AXE.exists():
        pytest.skip("axe-core not installed (make setup installs it)")
    page, console = _open(browser)
    page.goto(f"{site}/{lang}/index.html")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert console.messages == []


def test_chooser_accessibility(browser: Any, site: str) -> None:
    if not AXE.exists():
        pytest.skip("axe-core not installed")
    page, _ = _open(browser)
    page.goto(f"{site}/index.html")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run()")
    assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []


def test_readable_without_javascript_and_on_a_phone(browser: Any, site: str, shots: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False, is_mobile=True)
    page = context.new_page()
    page.goto(f"{site}/be/index.html")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, f"horizontal overflow: {width}px"
    assert page.locator("article").count() == len(rs.config().packs[0].documents)
    fonts = page.evaluate("() => getComputedStyle(document.querySelector('main article p:not([class])')).fontFamily")
    assert "Briefing Serif" in fonts
    page.screenshot(path=str(shots / "be-phone.png"))
    page.emulate_media(media="print")
    assert page.locator("nav.language-switcher").is_hidden()


def test_html_is_well_formed_html5() -> None:
    """Parse every page strictly: no stray end tags, unique ids, lang on <html>."""
    from html.parser import HTMLParser

    void = {"meta", "link", "br", "img", "hr", "input", "source", "wbr"}

    class Checker(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []
            self.ids: list[str] = []
            self.errors: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.ids += [v for k, v in attrs if k == "id" and v]
            if tag not in void:
                self.stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            if not self.stack or self.stack[-1] != tag:
                self.errors.append(f"unexpected </{tag}> at {self.getpos()}, open: {self.stack[-3:]}")
            else:
                self.stack.pop()

    for page in sorted(rs.built_dist().rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>"), page
        checker = Checker()
        checker.feed(text)
        assert checker.errors == [] and checker.stack == [], (page, checker.errors, checker.stack)
        assert len(checker.ids) == len(set(checker.ids)), page
        assert "<script" not in text, page  # no JavaScript anywhere


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_screenshots_were_written(shots: Path) -> None:
    # Runs last in this module: the screenshots above exist for a person to look at.
    assert list(shots.glob("*.png"))
