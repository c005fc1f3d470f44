"""`pipeline preview` on a copy of the fixture project: the server adds its reload script to
the HTML it serves and never to dist/; a .po save rebuilds that language's page only (and no
PDF); the open page gets an event; a broken .po is shown (path:line) while the last good build
stays and the server lives on; 127.0.0.1 only; port in use and Ctrl-C end cleanly.

No timings: every wait is for an event or a file, with a generous deadline.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from pipeline import build as stage
from pipeline.cli import main
from pipeline.config import Config, load_config
from pipeline.memo import Memo
from pipeline.outputs import Selection
from pipeline.pofile import Catalog, read_po, write_po
from pipeline.preview import (
    EVENTS_PATH,
    SCRIPT_MARK,
    Affected,
    Outcome,
    Preview,
    PreviewError,
    Watcher,
    affected,
    inject,
    preview_script,
)
from tests import render_support as rs

DOC = "byline-opposition-presses-on"
SITE = Selection(kinds=("site",))  # what the preview builds: the site writer's outputs
DEADLINE = 120.0  # seconds; generous, for a loaded machine (never an assertion about speed)


# ---------------------------------------------------------------------------------------------
# Fixtures: one built copy of the fixture project per session, copied for each test


@cache
def _built_template() -> Path:
    """The fixture project with its site (HTML only) built once, as a preview leaves it."""
    root = rs.copy_fixture(rs.tmpdir("preview-built-") / "project")
    stage.build(load_config(root), select=SITE)
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(_built_template(), root)
    return root


@pytest.fixture
def session(project: Path) -> Iterator[Preview]:
    """A started preview (port chosen by the system), not yet watching: tests call poll()."""
    preview = Preview(load_config(project), port=0, interval=0.05, settle=0.02)
    preview.start()
    yield preview
    preview.stop()


@pytest.fixture
def running(session: Preview) -> Iterator[Preview]:
    """The session, watching in a background thread as `pipeline preview` does."""
    thread = threading.Thread(target=session.run, daemon=True)
    thread.start()
    yield session
    session.stop()
    thread.join(timeout=DEADLINE)


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=DEADLINE) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def _poll(preview: Preview) -> Outcome:
    """Poll until the preview sees the change and has rebuilt."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        outcome = preview.poll()
        if outcome is not None:
            return outcome
        time.sleep(0.02)
    raise AssertionError("the preview saw no change")


def _fingerprints(dist: Path) -> dict[str, tuple[int, str]]:
    return {p.relative_to(dist).as_posix(): (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(dist.rglob("*")) if p.is_file()}


def _edit_translation(config: Config, lang: str, word: str) -> str:
    """Insert ``word`` into a published translation of DOC in ``lang``; return the new text."""
    path = config.po_path(lang, DOC)
    catalog = read_po(path)
    page = (config.dist / lang / "index.html").read_text(encoding="utf-8")
    target = next(m for m in catalog.entries if m.translated and m.msgid_plural is None and " " in m.msgstr
                  and html.escape(m.msgstr, quote=False) in page and len(m.msgstr) > 40)
    new = target.msgstr.replace(" ", f" {word} ", 1)
    messages = tuple(dataclasses.replace(m, msgstr=new) if m is target else m for m in catalog.messages)
    write_po(path, Catalog(messages, str(path), catalog.stamp))
    return new


class EventStream:
    """A minimal Server-Sent Events client (what the page's EventSource does)."""

    def __init__(self, preview: Preview, since: int) -> None:
        assert preview.server is not None
        host, port = preview.server.server_address[:2]
        self.conn = http.client.HTTPConnection(str(host), int(port), timeout=DEADLINE)
        self.conn.request("GET", f"{EVENTS_PATH}?since={since}")
        self.response = self.conn.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type", "").startswith("text/event-stream")

    def next(self, name: str | None = None) -> tuple[str, dict[str, Any]]:
        """The next event (of kind ``name``), skipping comments and retry lines."""
        while True:
            event, data = "message", ""
            while True:
                line = self.response.fp.readline().decode("utf-8")
                if not line:
                    raise AssertionError("the event stream ended")
                line = line.rstrip("\n")
                if not line:
                    break
                field, _, value = line.partition(": ")
                if field == "event":
                    event = value
                elif field == "data":
                    data = value
            if data and (name is None or event == name):
                return event, json.loads(data)

    def close(self) -> None:
        self.conn.close()


# ---------------------------------------------------------------------------------------------
# Pure parts


def test_inject_puts_the_script_before_the_last_body_end_tag() -> None:
    script = preview_script(3, None)
    assert inject(b"<html><BODY>x</BODY></html>", script) == f"<html><BODY>x{script}</BODY></html>".encode()
    assert inject(b"<p>no body", script) == f"<p>no body{script}".encode()
    assert inject(b"<body></body><!-- </body> --></body>", "S") == b"<body></body><!-- </body> -->S</body>"


def test_the_error_in_the_script_cannot_end_it() -> None:
    hostile = 'x.po:3: bad </script><script>alert(1)</script> & "quotes" \u2028'
    script = preview_script(1, hostile)
    body = script.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert "</script" not in body.lower() and "<" not in body
    literal = body.split("error = ", 1)[1].split(", held = ", 1)[0]
    assert json.loads(literal) == hostile


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("error, held", [(None, ()), ('x.po:3: "bad"\n    msgid "</script>', ("a.po:1: [script] x", "b"))])
def test_the_script_is_valid_javascript(tmp_path: Path, error: str | None, held: tuple[str, ...]) -> None:
    script = preview_script(7, error, held)
    body = script.split(">", 1)[1].rsplit("</script>", 1)[0]
    (tmp_path / "preview.js").write_text(body, encoding="utf-8")
    done = subprocess.run(["node", "--check", str(tmp_path / "preview.js")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_affected_languages(tmp_path: Path) -> None:
    config = load_config(rs.copy_fixture(tmp_path / "p", locales=False))
    po = config.po_path("be", DOC)
    assert affected(config, [po]) == Affected(frozenset({"be"}))
    assert affected(config, [po, config.po_path("de", "ui")]) == Affected(frozenset({"be", "de"}))
    assert affected(config, [config.templates / "site" / "base.html"]).languages is None
    assert affected(config, [config.seeds.parent / "000_31f3ad923358b7b1.txt"]).languages is None
    assert affected(config, [config.seeds]).languages is None
    assert affected(config, [config.locales / "glossary.csv"]).languages is None
    assert affected(config, [config.root / "pyproject.toml"]) == Affected(None, reload_config=True)
    # files the build does not read rebuild nothing
    assert affected(config, [config.pot_path(DOC), config.locales / "STYLE-be.md",
                             config.locales / "glossary" / "be.tbx"]) == Affected(frozenset())
    assert affected(config, [config.locales / "style.toml"]).languages is None  # the build decides


def test_watcher_sees_added_changed_removed_files_and_ignores_temporaries(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.po").write_text("one", encoding="utf-8")
    single = tmp_path / "pyproject.toml"
    single.write_text("[tool]", encoding="utf-8")
    watcher = Watcher([tmp_path / "a", tmp_path / "missing"], [single])
    assert watcher.poll() == ()
    (tmp_path / "a" / "x.po").write_text("two", encoding="utf-8")  # same size, same second
    (tmp_path / "a" / "sub").mkdir()
    (tmp_path / "a" / "sub" / "y.po").write_text("new", encoding="utf-8")
    for name in (".x.po.swp", "x.po~", ".x.po.abc.tmp", "#x.po#"):
        (tmp_path / "a" / name).write_text("editor", encoding="utf-8")
    assert watcher.poll() == (tmp_path / "a" / "sub" / "y.po", tmp_path / "a" / "x.po")
    single.unlink()
    assert watcher.poll() == (single,)
    assert watcher.poll() == ()
    # an excluded folder (dist/ inside a watched one) is never looked into
    (tmp_path / "a" / "dist").mkdir()
    watcher = Watcher([tmp_path / "a"], exclude=[tmp_path / "a" / "dist"])
    (tmp_path / "a" / "dist" / "index.html").write_text("built", encoding="utf-8")
    assert watcher.poll() == ()


def test_memo_reuses_what_did_not_change(tmp_path: Path) -> None:
    config = load_config(rs.copy_fixture(tmp_path / "p"))
    memo = Memo()
    docs = memo.documents(config)
    glossary = memo.glossary(config)
    be = memo.catalog(config, "be", DOC, glossary)
    assert memo.documents(config) == docs and all(a is b for a, b in zip(memo.documents(config), docs, strict=True))
    assert memo.catalog(config, "be", DOC, memo.glossary(config)) is be
    # A seed changes: that document is ingested again, the others are kept.
    seed = next(d for d in docs if d.slug == DOC)
    path = config.root / seed.path
    path.write_text(path.read_text(encoding="utf-8") + "\nA new closing paragraph of the article.\n", encoding="utf-8")
    again = memo.documents(config)
    assert [a is b for a, b in zip(again, docs, strict=True)] == [d.slug != DOC for d in docs]
    # A catalog changes but keeps its size and time stamp: its content decides.
    po = config.po_path("be", DOC)
    before = po.stat()
    text = po.read_text(encoding="utf-8")
    found = re.search(r'^msgstr "[А-Яа-яІіЎў]', text, re.M)
    assert found is not None
    i = found.end() - 1
    swap = "Ж" if text[i] != "Ж" else "Щ"  # a letter of the same UTF-8 length: the size stays
    po.write_text(text[:i] + swap + text[i + 1:], encoding="utf-8")
    os.utime(po, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert po.stat().st_size == before.st_size
    assert memo.catalog(config, "be", DOC, memo.glossary(config)) is not be


def test_build_for_the_preview_writes_no_pdf_and_leaves_them_out_of_date(project: Path) -> None:
    config = load_config(project)
    assert not list(config.dist.rglob("*.pdf"))
    stale = stage.out_of_date(config)
    assert sorted(p.relative_to(config.dist).as_posix() for p in stale) == [
        "be/belarus-and-the-war.pdf", "de/belarus-and-the-war.pdf", "en/belarus-and-the-war.pdf"]
    base = config.templates / "site" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- one language -->\n</body>"), encoding="utf-8")
    report = stage.build(config, select=Selection(kinds=("site",), langs=("de",)), memo=Memo())
    assert sorted(p.relative_to(config.dist).as_posix() for p in report.written) == ["de/index.html", "index.html"]
    assert "one language" not in (config.dist / "be" / "index.html").read_text(encoding="utf-8")
    assert not list(config.dist.rglob("*.pdf"))


# ---------------------------------------------------------------------------------------------
# The server


def test_served_page_has_the_script_and_dist_files_have_none(session: Preview) -> None:
    dist = session.config.dist
    for page in ("", "be/", "be/index.html", "de/index.html", "en/index.html"):
        status, text = _get(session.url(page))
        assert status == 200
        assert SCRIPT_MARK in text and EVENTS_PATH in text
        published = dist / (page + "index.html" if page.endswith("/") or not page else page)
        assert text.count("<script") == 1 + published.read_text(encoding="utf-8").count("<script")
    status, css = _get(session.url("assets/screen.css"))
    assert status == 200 and SCRIPT_MARK not in css
    # every published file is as `pipeline build` writes it
    for path in dist.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SCRIPT_MARK.encode() not in data and b"__preview" not in data, path
    assert _get(session.url("__preview/nothing"))[0] == 404
    assert _get(session.url("no-such-page.html"))[0] == 404


def test_a_po_save_rebuilds_that_language_only(session: Preview) -> None:
    config = session.config
    before = _fingerprints(config.dist)
    text = _edit_translation(config, "be", "праглядны")
    outcome = _poll(session)
    assert outcome.error is None
    assert outcome.changed == (config.po_path("be", DOC),)
    assert [p.relative_to(config.dist).as_posix() for p in outcome.written] == ["be/index.html"]
    after = _fingerprints(config.dist)
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert changed == [".build-state.json", "be/index.html"]
    assert not list(config.dist.rglob("*.pdf"))
    status, page = _get(session.url("be/index.html"))
    assert status == 200 and html.escape(text, quote=False) in page
    assert outcome.event is not None and outcome.event.data["pages"] == ["/be/index.html"]


def test_the_open_page_gets_a_reload_event(running: Preview) -> None:
    config = running.config
    stream = EventStream(running, running.serial)
    try:
        _edit_translation(config, "de", "Vorschau")
        name, data = stream.next()
        assert name == "reload"
        assert data["pages"] == ["/de/index.html"] and data["all"] is False
        assert data["serial"] == running.serial
    finally:
        stream.close()
    assert "Vorschau" in _get(running.url("de/index.html"))[1]


def test_a_template_change_rebuilds_every_language(session: Preview) -> None:
    config = session.config
    base = config.templates / "site" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- edited template -->\n</body>"),
                    encoding="utf-8")
    outcome = _poll(session)
    assert outcome.error is None
    assert sorted(p.relative_to(config.dist).as_posix() for p in outcome.written) == [
        "be/index.html", "de/index.html", "en/index.html", "index.html"]
    assert not list(config.dist.rglob("*.pdf"))
    for page in ("index.html", "be/index.html", "de/index.html", "en/index.html"):
        assert "edited template" in (config.dist / page).read_text(encoding="utf-8")


def test_a_broken_po_is_shown_and_the_last_good_build_stays(running: Preview) -> None:
    config = running.config
    po = config.po_path("be", DOC)
    good = po.read_bytes()
    page_before = (config.dist / "be" / "index.html").read_bytes()
    stream = EventStream(running, running.serial)
    try:
        lines = good.decode("utf-8").splitlines(keepends=True)
        at = next(i for i, line in enumerate(lines) if line.startswith("msgstr ") and i > 20)
        lines[at] = lines[at].rstrip('"\n') + "\n"  # an unterminated string
        po.write_text("".join(lines), encoding="utf-8")
        name, data = stream.next()
        assert name == "failed"
        where = f"locales/be/LC_MESSAGES/{DOC}.po:{at + 1}:"
        assert where in data["error"]
        # the server is alive, serves the last good page, with the error over it
        status, page = _get(running.url("be/index.html"))
        assert status == 200
        assert (config.dist / "be" / "index.html").read_bytes() == page_before
        assert json.dumps(where)[1:-1] in page
        assert _get(running.url("de/index.html"))[0] == 200
        # fixing the file recovers: the pages reload and the error is gone
        po.write_bytes(good)
        name, data = stream.next()
        assert name == "reload" and data["all"] is True
        assert running.error is None
        assert "unterminated" not in _get(running.url("be/index.html"))[1]
    finally:
        stream.close()


def test_the_page_says_which_translations_the_qa_gate_holds_back(session: Preview) -> None:
    config = session.config
    before = _get(session.url("be/index.html"))[1].split("held = ", 1)[1].split(";\n", 1)[0]
    assert not any(f"{DOC}.po" in h for h in json.loads(before))
    text = _edit_translation(config, "be", "слов\u0430a")  # Cyrillic and a Latin "a" in one word
    outcome = _poll(session)
    assert outcome.error is None and outcome.written  # built: the sentence falls back to English
    status, page = _get(session.url("be/index.html"))
    assert html.escape(text, quote=False) not in page
    literal = page.split("held = ", 1)[1].split(";\n", 1)[0]
    held = json.loads(literal)
    assert any(f"locales/be/LC_MESSAGES/{DOC}.po:" in h and "[script]" in h for h in held), held
    de = _get(session.url("de/index.html"))[1].split("held = ", 1)[1].split(";\n", 1)[0]
    assert not any("/be/" in h for h in json.loads(de))


def test_a_broken_template_is_shown_until_fixed(session: Preview) -> None:
    base = session.config.templates / "site" / "base.html"
    good = base.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "</body>" in line)
    lines[at] = lines[at].replace("</body>", "{% if %}</body>")
    base.write_text("".join(lines), encoding="utf-8")
    outcome = _poll(session)
    assert outcome.error is not None and f"templates/site/base.html:{at + 1}: template syntax error" in outcome.error
    assert SCRIPT_MARK in _get(session.url("be/index.html"))[1]  # still served
    base.write_text(good, encoding="utf-8")
    assert _poll(session).error is None and session.error is None


def test_a_bug_in_a_build_does_not_stop_the_preview(session: Preview, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(stage, "build", broken)
    _edit_translation(session.config, "be", "памылка")
    outcome = _poll(session)
    assert outcome.error == "internal error: ZeroDivisionError: a bug"
    monkeypatch.undo()
    _edit_translation(session.config, "be", "выпраўлена")
    assert _poll(session).error is None


def test_an_error_in_another_language_keeps_its_page_to_do(session: Preview) -> None:
    """A save of de while be is broken: the build fails; once be is fixed, de is rebuilt too."""
    config = session.config
    be = config.po_path("be", DOC)
    good = be.read_bytes()
    be.write_bytes(good + b'\nmsgid "unterminated\n')
    assert _poll(session).error is not None
    _edit_translation(config, "de", "Zwischenstand")
    assert _poll(session).error is not None
    be.write_bytes(good)
    outcome = _poll(session)
    assert outcome.error is None
    assert "Zwischenstand" in (config.dist / "de" / "index.html").read_text(encoding="utf-8")


def test_a_broken_configuration_is_shown_until_fixed(session: Preview) -> None:
    pyproject = session.config.root / "pyproject.toml"
    good = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(good.replace('source_language = "en"', 'source_language = 7'), encoding="utf-8")
    outcome = _poll(session)
    assert outcome.error is not None and "tool.pipeline.source_language" in outcome.error
    _edit_translation(session.config, "be", "яшчэ")  # a save elsewhere does not pass over it
    assert _poll(session).error is not None
    pyproject.write_text(good, encoding="utf-8")
    assert _poll(session).error is None


def test_a_missing_site_is_built_first_html_only(tmp_path: Path) -> None:
    root = rs.copy_fixture(tmp_path / "fresh")
    preview = Preview(load_config(root), port=0)
    try:
        url = preview.start()
        assert url == preview.url("")
        dist = root / "dist"
        assert sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*.html")) == [
            "be/index.html", "de/index.html", "en/index.html", "index.html"]
        assert not list(dist.rglob("*.pdf"))
        assert SCRIPT_MARK in _get(url)[1]
    finally:
        preview.stop()


def test_a_site_that_cannot_be_built_shows_the_error(tmp_path: Path) -> None:
    root = rs.copy_fixture(tmp_path / "fresh")
    config = load_config(root)
    po = config.po_path("de", DOC)
    po.write_bytes(po.read_bytes() + b'\nmsgid "no end\n')
    lines = po.read_bytes().count(b"\n")
    preview = Preview(config, port=0, lang="de")
    try:
        url = preview.start()
        assert url.endswith("/de/index.html")
        status, page = _get(url)
        assert status == 503
        where = f"locales/de/LC_MESSAGES/{DOC}.po:{lines}: unterminated string"
        assert f"<pre>{where}\n    msgid \"no end</pre>" in page  # readable without scripts
        assert json.dumps(where)[1:-1] in page  # and in the overlay's script
        assert not (root / "dist" / "de" / "index.html").exists()
    finally:
        preview.stop()


def test_it_listens_on_loopback_only(session: Preview) -> None:
    assert session.server is not None
    host, port = session.server.server_address[:2]
    assert host == "127.0.0.1"
    outward = _outward_address()
    if outward is None or outward.startswith("127."):
        pytest.skip("this machine has no other interface to try")
    with pytest.raises(OSError):
        socket.create_connection((outward, port), timeout=5).close()


def _outward_address() -> str | None:
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: nothing is sent over UDP by connect()
        address: str = probe.getsockname()[0]
        return address
    except OSError:
        return None
    finally:
        probe.close()


def test_port_in_use_is_a_clear_error(project: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PreviewError, match=f"127.0.0.1:{port}: the port is in use"):
            Preview(load_config(project), port=port).start()
        monkeypatch.chdir(project)
        assert main(["preview", "--port", str(port), "--no-open"]) == 1
    err = capsys.readouterr().err
    assert f"127.0.0.1:{port}: the port is in use" in err and "Traceback" not in err


def test_unknown_language_is_a_clear_error(project: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(project)
    assert main(["preview", "--lang", "fr", "--no-open", "--port", "0"]) == 1
    assert "--lang fr: not one of the project's languages" in capsys.readouterr().err


def test_check_says_what_the_preview_would_build(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(project)
    assert main(["preview", "--check"]) == 0
    assert "the site is up to date" in capsys.readouterr().out
    _edit_translation(load_config(project), "be", "праверка")
    assert main(["preview", "--check", "--lang", "de"]) == 0
    capsys.readouterr()
    assert main(["preview", "--check"]) == 1
    assert capsys.readouterr().out.splitlines() == ["out of date: dist/be/index.html"]
    assert (project / "dist" / "be" / "index.html").read_bytes() == (_built_template() / "dist" / "be" / "index.html").read_bytes()


def test_the_command_serves_rebuilds_and_stops_on_ctrl_c(project: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "preview", "--port", "0", "--no-open"], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("serving dist/ at http://127.0.0.1:"), line
        url = line.split(" at ", 1)[1].split()[0]
        status, page = _get(url + "be/index.html")
        assert status == 200 and SCRIPT_MARK in page
        config = load_config(project)
        _edit_translation(config, "be", "камандны")
        _wait_for(lambda: "камандны" in _get(url + "be/index.html")[1])
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=DEADLINE)
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "stopped" in err
    assert f"changed locales/be/LC_MESSAGES/{DOC}.po: rebuilt be/index.html" in err


def _wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


# ---------------------------------------------------------------------------------------------
# In a browser


CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run",
        "--disable-component-update", "--disable-sync"]


@pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed")
def test_the_page_updates_in_a_browser_and_shows_errors(running: Preview) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    config = running.config
    po = config.po_path("be", DOC)
    good = po.read_bytes()
    timeout = DEADLINE * 1000
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 700})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(running.url("be/"))
            page.wait_for_function("() => document.readyState === 'complete'", timeout=timeout)
            # a save: the body is replaced in place (same window, same scroll position)
            page.evaluate("() => { window.scrollTo(0, 1500); window.samePage = true; document.body.dataset.old = '1'; }")
            y = page.evaluate("() => window.scrollY")
            assert y > 0
            text = _edit_translation(config, "be", "браўзерны")
            page.wait_for_function("() => document.body.innerText.includes('браўзерны')", timeout=timeout)
            assert text.split()[1] == "браўзерны"
            assert page.evaluate("() => [window.samePage, document.body.dataset.old, window.scrollY]") == [True, None, y]
            # a translation the QA gate holds back: the page says so, in a corner
            _edit_translation(config, "be", "слов\u0430a")
            page.wait_for_selector("#pipeline-preview-held", timeout=timeout)
            notice = page.inner_text("#pipeline-preview-held")
            assert "shown untranslated" in notice and "[script]" in notice and f"{DOC}.po:" in notice
            page.click("#pipeline-preview-held")
            assert page.query_selector("#pipeline-preview-held") is None
            # the body's script still listens after two swaps: a third save shows too
            _edit_translation(config, "be", "трэці")
            page.wait_for_function("() => document.body.innerText.includes('трэці')", timeout=timeout)
            # a broken catalog: an overlay with path:line over the page as it was
            page.evaluate("() => { document.body.dataset.old = '1'; }")
            po.write_bytes(po.read_bytes() + b'\nmsgid "broken\n')
            page.wait_for_selector("#pipeline-preview-error", timeout=timeout)
            shown = page.inner_text("#pipeline-preview-error")
            assert f"locales/be/LC_MESSAGES/{DOC}.po:" in shown and "unterminated" in shown
            assert page.evaluate("() => document.body.dataset.old") == "1"
            # fixed: a full reload, the overlay is gone
            po.write_bytes(good)
            page.wait_for_function("() => !window.samePage", timeout=timeout)
            page.wait_for_load_state("load", timeout=timeout)
            assert page.query_selector("#pipeline-preview-error") is None
            assert "браўзерны" not in page.inner_text("body")
            assert errors == []
        finally:
            browser.close()
