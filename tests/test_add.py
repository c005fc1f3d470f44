"""`pipeline add`: a file or a URL becomes a seed and a manifest entry, or nothing changes.

Runs on a small fixture project made in a temporary folder (never on the shipped content),
and downloads from an HTTP server on 127.0.0.1 started by the test.
"""

from __future__ import annotations

import http.server
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.add import slugify
from pipeline.cli import main
from pipeline.config import load_config
from pipeline.ingest import load_documents

PYPROJECT = """\
[tool.pipeline]
project = "Fixture packs"
source_language = "en"
languages = ["en", "de"]
seeds = "seeds/seeds.toml"

# The one pack; comments and layout must survive `add --pack`.
[[tool.pipeline.packs]]
slug = "main"
title = "Main pack"
documents = [
    "first",  # the first article
]

[[tool.pipeline.packs]]
slug = "short"
title = "Short pack"
documents = ["first"]
"""

MANIFEST = """\
# Fixture manifest.

[[seed]]
file = "first.txt"
slug = "first"
title = "The First Article"
"""

ARTICLE = """\
Border Queues Grow Again

Trucks waited for days at the crossing, drivers said on Monday, as new checks slowed traffic.

"We have never seen it this bad," said one of them.
"""

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sanctions Bite in Minsk | Example Daily</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Sanctions Bite in Minsk</h1>
<p>Prices for imported medicine rose by a third this year, pharmacists in the Belarusian capital said.</p>
<p>The government blamed Western sanctions, while economists pointed to the weak rouble and to new import rules.</p>
</article><footer>© 2026 Example Daily</footer></body></html>
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "seeds" / "seeds.toml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "seeds" / "first.txt").write_text("The First Article\n\nIt has one sentence.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_add_file_copies_bytes_and_appends_a_valid_entry(project: Path) -> None:
    source = project / "incoming.txt"
    source.write_bytes(ARTICLE.replace("\n", "\r\n").encode())  # CRLF: copied as it is
    assert main(["add", "incoming.txt", "--pack", "main"]) == 0
    copied = project / "seeds" / "border-queues-grow-again.txt"
    assert copied.read_bytes() == source.read_bytes()
    manifest = (project / "seeds" / "seeds.toml").read_text(encoding="utf-8")
    assert manifest.startswith(MANIFEST)  # appended, nothing rewritten
    seed = tomllib.loads(manifest)["seed"][-1]
    assert seed["slug"] == "border-queues-grow-again" and seed["title"] == "Border Queues Grow Again"
    pyproject = (project / "pyproject.toml").read_text(encoding="utf-8")
    assert "# the first article" in pyproject and "# The one pack" in pyproject
    assert load_config(project).packs[0].documents == ("first", "border-queues-grow-again")
    assert load_config(project).packs[1].documents == ("first",)
    assert [d.slug for d in load_documents(load_config(project))] == ["first", "border-queues-grow-again"]


def test_add_to_a_one_line_documents_list(project: Path) -> None:
    (project / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["add", "a.txt", "--slug", "queues", "--pack", "short"]) == 0
    assert load_config(project).packs[1].documents == ("first", "queues")


def test_check_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "a.txt").write_text(ARTICLE, encoding="utf-8")
    before = _snapshot(project)
    assert main(["add", "a.txt", "--pack", "main", "--check"]) == 1
    assert _snapshot(project) == before
    assert "would add seeds/border-queues-grow-again.txt" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args,message",
    [
        (["add", "missing.txt"], "missing.txt: cannot read"),
        (["add", "seeds/first.txt"], "already in the project as 'first'"),
        (["add", "a.txt", "--slug", "first"], "slug 'first' is already taken"),
        (["add", "a.txt", "--pack", "nope"], "no pack 'nope' (packs: main, short)"),
        (["add", "empty.txt"], "empty.txt: empty file"),
        (["add", "http://127.0.0.1:9/closed-port"], "http://127.0.0.1:9/closed-port: cannot download"),
    ],
)
def test_refusals_change_nothing(project: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    (project / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (project / "empty.txt").write_bytes(b"\n\n")
    before = _snapshot(project)
    assert main(args) == 1
    assert message in capsys.readouterr().err
    assert _snapshot(project) == before


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        routes: dict[str, tuple[int, str, bytes, int | None]] = {
            "/article.html": (200, "text/html; charset=utf-8", PAGE.encode(), None),
            "/empty": (200, "text/html", b"", None),
            "/truncated": (200, "text/html", PAGE.encode()[:200], len(PAGE.encode())),
            "/image.png": (200, "image/png", b"\x89PNG....", None),
        }
        if self.path not in routes:
            self.send_error(404, "Not Found")
            return
        status, kind, body, length = routes[self.path]
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length if length is not None else len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize(
    "path,message",
    [
        ("/missing", "download failed: HTTP 404"),
        ("/empty", "empty download"),
        ("/truncated", "truncated download"),
        ("/image.png", "not a web page or text: the server sent image/png"),
    ],
)
def test_bad_downloads_are_clear_errors(project: Path, server: str, capsys: pytest.CaptureFixture[str], path: str, message: str) -> None:
    before = _snapshot(project)
    assert main(["add", server + path, "--timeout", "5"]) == 1
    err = capsys.readouterr().err
    assert f"{server}{path}: " in err and message in err
    assert "Traceback" not in err
    assert _snapshot(project) == before


def test_add_url_downloads_the_page(project: Path, server: str) -> None:
    url = server + "/article.html"
    assert main(["add", url, "--slug", "sanctions"]) == 0
    assert (project / "seeds" / "sanctions.html").read_bytes() == PAGE.encode()
    seed = tomllib.loads((project / "seeds" / "seeds.toml").read_text(encoding="utf-8"))["seed"][-1]
    assert seed["url"] == url and seed["language"] == "en"


@pytest.mark.parametrize(
    "title,slug",
    [
        ("Lukashenka's Dual Game: Why It Matters", "lukashenka-s-dual-game-why-it-matters"),
        ("Лукашэнка і вайна ва Украіне", "lukashenka-i-vaina-va-ukraine"),
        ("Über die Grenze — ein Bericht", "uber-die-grenze-ein-bericht"),
        ("东京", ""),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug
