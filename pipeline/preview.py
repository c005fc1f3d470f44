"""Preview: serve ``dist/`` on 127.0.0.1, rebuild what a save affects, reload the open page.

``pipeline preview`` builds the site (HTML only, never the PDFs), serves ``dist/`` on the
loopback interface and polls ``locales/``, ``seeds/``, ``templates/`` and ``pyproject.toml``
for changes (``os.scandir`` time stamps; no file-system notification library).  A change
rebuilds only what it affects:

- ``locales/<lang>/LC_MESSAGES/<doc>.po``: that language's page (and the language chooser if
  the ui catalog changed);
- a template, a seed, the glossary or the configuration: every language's page.

Everything else follows from the build's own incremental state (:mod:`pipeline.build`), and
one :class:`~pipeline.memo.Memo` for all the preview's builds means an unchanged seed or
catalog is not ingested, read or checked again.

The open page reloads itself: the server adds a small script to every HTML response (never
to the files in ``dist/``, which stay exactly as ``pipeline build`` writes them) that listens
for Server-Sent Events on :data:`EVENTS_PATH`.  A build that fails (a ``.po`` with a syntax
error) leaves the last good site in place; the page shows the error, ``path:line``, over it
until a save fixes it.
"""

from __future__ import annotations

import collections
import errno
import functools
import hashlib
import http.server
import json
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from pipeline.config import Config, load_config
from pipeline.errors import PipelineError
from pipeline.memo import RACY_SECONDS, Memo

if TYPE_CHECKING:
    from pipeline.outputs import Selection

HOST = "127.0.0.1"  # loopback only: a preview is for the person at this machine
EVENTS_PATH = "/__preview/events"
SCRIPT_MARK = "data-pipeline-preview"  # the attribute of the injected <script>
CONFIG_FILE = "pyproject.toml"
KEEPALIVE_SECONDS = 10.0
HISTORY = 64  # events kept for a client that reconnects


class PreviewError(PipelineError):
    """The preview server cannot start (port in use, unknown language)."""


# ---------------------------------------------------------------------------------------------
# Watching


Signature = tuple[int, int, int, int, str]  # mtime_ns, ctime_ns, size, inode, hash if recent


def _ignored(name: str) -> bool:
    # Editors' and our own temporary files: swap files, backups, atomic-write temporaries.
    return name.startswith((".", "#")) or name.endswith(("~", ".tmp", ".swp")) or name == "__pycache__"


def _signature(entry: os.DirEntry[str] | Path, now_ns: int) -> Signature | None:
    try:
        st = entry.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    recent = ""
    if now_ns - st.st_mtime_ns < RACY_SECONDS * 1e9:
        # Two saves within one tick of the file system's clock can share a time stamp and a size.
        try:
            recent = hashlib.sha256(Path(entry).read_bytes()).hexdigest()
        except OSError:
            return None
    return st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, recent


class Watcher:
    """Polls folders (recursively) and single files; :meth:`poll` returns what changed."""

    def __init__(self, folders: Iterable[Path], files: Iterable[Path] = (), exclude: Iterable[Path] = ()) -> None:
        self.folders = tuple(folders)
        self.files = tuple(files)
        self.exclude = frozenset(exclude)  # folders never looked into (dist/: the build's own output)
        self.seen = self.snapshot()

    def snapshot(self) -> dict[Path, Signature]:
        now = time.time_ns()
        found: dict[Path, Signature] = {}
        stack = [f for f in self.folders if f not in self.exclude]
        while stack:
            folder = stack.pop()
            try:
                with os.scandir(folder) as it:
                    entries = list(it)
            except (FileNotFoundError, NotADirectoryError):
                continue
            for entry in entries:
                if _ignored(entry.name):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if Path(entry.path) not in self.exclude:
                        stack.append(Path(entry.path))
                elif entry.is_file():
                    sig = _signature(entry, now)
                    if sig is not None:
                        found[Path(entry.path)] = sig
        for path in self.files:
            sig = _signature(path, now)
            if sig is not None:
                found[path] = sig
        return found

    def poll(self) -> tuple[Path, ...]:
        """Files added, removed or changed since the last poll, sorted."""
        now = self.snapshot()
        old, self.seen = self.seen, now
        changed = {p for p in now.keys() | old.keys() if now.get(p) != old.get(p)}
        # A file that merely left the "recent" window has the same content: not a change.
        changed = {p for p in changed if not (p in now and p in old and now[p][:4] == old[p][:4]
                                               and "" in (now[p][4], old[p][4]))}
        return tuple(sorted(changed))


def watcher_for(config: Config) -> Watcher:
    """What the build reads: locales/, the seeds' folder, templates/ and the configuration
    (never dist/, even when a folder of the configuration contains it)."""
    return Watcher((config.locales, config.seeds.parent, config.templates), (config.root / CONFIG_FILE,),
                   exclude=(config.dist,))


# Files under locales/ that no build reads: they rebuild nothing.
_NOT_BUILD_INPUTS = (".pot", ".md", ".tbx", ".po~", ".mo")


@dataclass(frozen=True)
class Affected:
    """What a set of changed files means for the site."""

    languages: frozenset[str] | None  # the languages whose pages to rebuild; None: every one
    reload_config: bool = False


def affected(config: Config, paths: Iterable[Path]) -> Affected:
    """Which languages' pages the changed ``paths`` affect (``None``: all of them).

    A catalog ``locales/<lang>/LC_MESSAGES/*.po`` affects its language only; files the build
    does not read (``.pot`` templates, translators' notes, the TBX export of the glossary)
    none; anything else (seeds, the manifest, templates, the glossary, the configuration, a
    file the pipeline may read one day) every language: the build's own state then decides
    what is really out of date, at the cost of hashing the inputs.
    """
    langs: set[str] = set()
    every = reload = False
    for path in paths:
        if path == config.root / CONFIG_FILE:
            every = reload = True
        elif path.is_relative_to(config.locales):
            parts = path.relative_to(config.locales).parts
            if len(parts) == 3 and parts[1] == "LC_MESSAGES" and parts[2].endswith(".po"):
                langs.add(parts[0])
            elif not path.name.endswith(_NOT_BUILD_INPUTS):
                every = True
        else:  # seeds/ and templates/
            every = True
    return Affected(None if every else frozenset(langs), reload)


# ---------------------------------------------------------------------------------------------
# The injected script


_SCRIPT = Path(__file__).with_name("data") / "preview.js"


@functools.cache
def _script_source() -> str:
    return _SCRIPT.read_text(encoding="utf-8")


def _js_literal(value: object) -> str:
    """JSON that is safe inside <script>: a translator's ``</script>`` cannot end it."""
    return (json.dumps(value, ensure_ascii=False)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def preview_script(serial: int, error: str | None, held: Sequence[str] = ()) -> str:
    """The script the server adds to an HTML response: reloads on a rebuild, shows a build
    error over the page and, in a corner, the translations of the page ``held`` back by the
    QA gate (``path:line: [check] message``)."""
    code = _script_source() % {"mark": SCRIPT_MARK, "serial": serial, "error": _js_literal(error),
                               "held": _js_literal(list(held)), "events": EVENTS_PATH}
    return f"<script {SCRIPT_MARK}>\n{code}</script>\n"


def inject(html: bytes, script: str) -> bytes:
    """``html`` with ``script`` before its last ``</body>`` (or at the end if it has none)."""
    data = script.encode("utf-8")
    at = html.lower().rfind(b"</body>")
    return html + data if at < 0 else html[:at] + data + html[at:]


_ERROR_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Preview: build failed</title></head>
<body><h1>The preview could not build this page</h1>
<pre>%s</pre>
<p>Save the fix: this page reloads by itself.</p></body></html>
"""


# ---------------------------------------------------------------------------------------------
# The server


@dataclass(frozen=True)
class Event:
    """One message to the open pages: ``reload`` (pages rebuilt) or ``failed`` (a build error)."""

    serial: int
    name: str
    data: dict[str, Any]

    def encode(self) -> bytes:
        return f"id: {self.serial}\nevent: {self.name}\ndata: {json.dumps(self.data, ensure_ascii=False)}\n\n".encode()


@dataclass(frozen=True)
class Outcome:
    """What one rebuild did."""

    changed: tuple[Path, ...]
    written: tuple[Path, ...] = ()
    error: str | None = None
    seconds: float = 0.0
    event: Event | None = None


@dataclass
class _Pending:
    every: bool = True
    languages: set[str] = field(default_factory=set)

    def add(self, langs: frozenset[str] | None) -> None:
        if langs is None:
            self.every = True
        else:
            self.languages |= langs


def site_selection(languages: Iterable[str] | None = None) -> Selection:
    """What the preview builds: the site writer's outputs (of ``languages``; None: all)."""
    from pipeline.outputs import Selection
    from pipeline.writers.site import SiteWriter

    return Selection(kinds=(SiteWriter.kind,), langs=None if languages is None else tuple(sorted(languages)))


def out_of_date(config: Config, lang: str | None = None) -> list[Path]:
    """The site's files the preview would build (or remove) at start (``pipeline preview --check``)."""
    from pipeline.build import out_of_date as stale

    if lang is not None and lang not in config.languages:
        raise PreviewError(f"--lang {lang}: not one of the project's languages ({', '.join(config.languages)})")
    return stale(config, site_selection(None if lang is None else (lang,)))


class Preview:
    """The preview of one project: the HTTP server, the watcher, the builds and their events.

    ``start()`` builds and starts serving; ``run()`` watches until ``stop()`` (or Ctrl-C in the
    caller); ``poll()`` is one round of watching, for tests and benchmarks.
    """

    def __init__(self, config: Config, *, port: int = 8000, lang: str | None = None, interval: float = 0.1,
                 settle: float = 0.05, say: Callable[[str], None] | None = None) -> None:
        if lang is not None and lang not in config.languages:
            raise PreviewError(f"--lang {lang}: not one of the project's languages ({', '.join(config.languages)})")
        self.config = config
        self.port = port
        self.lang = lang
        self.interval = interval
        self.settle = settle
        self.say = say or (lambda message: None)
        self.memo = Memo()
        self.watcher = watcher_for(config)
        self.pending = _Pending()
        self.reload_config = False
        self.serial = 0
        self.error: str | None = None
        self.held: dict[str, tuple[str, ...]] = {}  # lang -> what the QA gate held back, path:line: [check] …
        self.history: collections.deque[Event] = collections.deque(maxlen=HISTORY)
        self.changed = threading.Condition()
        self.closing = False
        self.stopped = threading.Event()
        self.server: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- building

    def rebuild(self, changed: Sequence[Path] = ()) -> Outcome:
        """Rebuild what ``changed`` affects (and whatever an earlier failed build left to do)."""
        from pipeline.build import build

        started = time.perf_counter()
        what = affected(self.config, changed)
        self.pending.add(what.languages)
        self.reload_config = self.reload_config or what.reload_config
        try:
            if self.reload_config:  # until it loads: a broken pyproject.toml is not passed over
                self.config = load_config(self.config.root)
                self.watcher = watcher_for(self.config)
                self.reload_config = False
            if not self.pending.every and not self.pending.languages:
                return Outcome(tuple(changed), seconds=time.perf_counter() - started)
            languages: set[str] | None = None if self.pending.every else set(self.pending.languages)
            if self.lang is not None:
                languages = {self.lang}
            report = build(self.config, select=site_selection(languages), memo=self.memo)
        except PipelineError as exc:
            return self._failed(changed, str(exc), started)
        except Exception as exc:  # a bug: say so, and keep serving the last good build
            self.say(traceback.format_exc())
            return self._failed(changed, f"internal error: {type(exc).__name__}: {exc}", started)
        self.pending = _Pending(every=False)
        held: dict[str, list[str]] = {}
        for lang_report in report.languages:
            held.setdefault(lang_report.lang, []).extend(lang_report.held)
        with self.changed:  # before the event: a page reloading on it must see these
            self.held.update((lang, tuple(dict.fromkeys(found))) for lang, found in held.items())
        written = tuple(p for p in report.written if p.is_relative_to(self.config.dist))
        event = None
        if written or self.error is not None:
            pages = sorted("/" + p.relative_to(self.config.dist).as_posix() for p in written)
            event = self._publish("reload", {"pages": pages, "all": self.error is not None}, error=None)
        return Outcome(tuple(changed), written, None, time.perf_counter() - started, event)

    def _failed(self, changed: Sequence[Path], message: str, started: float) -> Outcome:
        root = str(self.config.root) + os.sep
        message = message.replace(root, "")  # project-relative paths, as the other commands show them
        event = self._publish("failed", {"error": message}, error=message)
        return Outcome(tuple(changed), (), message, time.perf_counter() - started, event)

    def _publish(self, name: str, data: dict[str, Any], *, error: str | None) -> Event:
        with self.changed:
            self.serial += 1
            self.error = error
            event = Event(self.serial, name, {"serial": self.serial, **data})
            self.history.append(event)
            self.changed.notify_all()
        return event

    def events_since(self, serial: int, timeout: float) -> list[Event] | None:
        """The events after ``serial``, waiting up to ``timeout`` for one; None once closing."""
        with self.changed:
            if serial > self.serial:  # a page from an earlier server: reload it
                return [Event(self.serial, "reload", {"serial": self.serial, "pages": [], "all": True})]
            self.changed.wait_for(lambda: self.closing or self.serial > serial, timeout)
            if self.closing:
                return None
            if self.serial <= serial:
                return []
            events = [e for e in self.history if e.serial > serial]
            if not events or events[0].serial > serial + 1:  # missed some: reload everything
                events = [Event(self.serial, "reload", {"serial": self.serial, "pages": [], "all": True})]
                if self.error is not None:
                    events.append(Event(self.serial, "failed", {"serial": self.serial, "error": self.error}))
            return events

    # -- watching

    def poll(self) -> Outcome | None:
        """One round: if files changed, wait until they stay put, then rebuild."""
        changed = set(self.watcher.poll())
        if not changed:
            return None
        for _ in range(20):  # an editor may save in several writes; wait for a quiet moment
            time.sleep(self.settle)
            more = self.watcher.poll()
            if not more:
                break
            changed.update(more)
        return self.rebuild(sorted(changed))

    def run(self) -> None:
        """Watch and rebuild until :meth:`stop`."""
        while not self.stopped.wait(self.interval):
            outcome = self.poll()
            if outcome is not None:
                self._tell(outcome)

    def _tell(self, outcome: Outcome) -> None:
        root = self.config.root
        names = ", ".join(p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p) for p in outcome.changed)
        if outcome.error is not None:
            self.say(f"changed {names}: the build failed, the last good build stays:\n{outcome.error}")
        elif outcome.written:
            pages = [p.relative_to(self.config.dist).as_posix() for p in outcome.written if p.suffix == ".html"]
            self.say(f"changed {names}: rebuilt {', '.join(pages) or 'assets'} in {outcome.seconds:.2f} s")
        else:
            self.say(f"changed {names}: nothing to rebuild")

    # -- serving

    def start(self) -> str:
        """Build what is out of date, start serving; returns the URL of the page to open."""
        try:
            server = http.server.ThreadingHTTPServer((HOST, self.port), _handler(self))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PreviewError(f"{HOST}:{self.port}: the port is in use; choose another with --port") from None
            raise PreviewError(f"{HOST}:{self.port}: cannot listen: {exc.strerror}") from None
        # Handler threads (an open event stream lasts as long as its page) must never keep the
        # process alive on Ctrl-C: they are daemons, and closing does not wait for them.
        server.daemon_threads = True
        server.block_on_close = False
        self.server = server
        outcome = self.rebuild()
        if outcome.error is not None:
            self.say(f"the build failed; serving what dist/ has:\n{outcome.error}")
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="preview-http", daemon=True)
        self._thread.start()
        return self.url(f"{self.lang}/index.html" if self.lang else "")

    def url(self, path: str = "") -> str:
        port = self.server.server_address[1] if self.server is not None else self.port
        return f"http://{HOST}:{port}/{path.lstrip('/')}"

    def stop(self) -> None:
        """Stop watching and serving; open event streams end."""
        self.stopped.set()
        with self.changed:
            self.closing = True
            self.changed.notify_all()
        if self.server is not None:
            if self._thread is not None:  # shutdown() waits for serve_forever: only if it runs
                self.server.shutdown()
            self.server.server_close()
            self.server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None


def _handler(preview: Preview) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(_PreviewHandler):
        owner = preview

    return Handler


class _PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """``dist/`` as files, HTML with the preview script added, and the event stream."""

    owner: Preview

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=str(self.owner.config.dist), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # only the CLI prints; a request log would drown the rebuild messages

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")  # a reload must see the rebuilt files
        super().end_headers()

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _respond(self, *, head: bool) -> None:
        url = urlsplit(self.path)
        if url.path == EVENTS_PATH:
            self._events(url.query)
            return
        if url.path.startswith("/__preview/"):
            self.send_error(404)
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir() and url.path.endswith("/"):
            target = target / "index.html"
        if target.suffix != ".html" or target.is_dir():
            (super().do_HEAD if head else super().do_GET)()
            return
        self._html(target, head)

    def _html(self, target: Path, head: bool) -> None:
        lang = target.relative_to(self.owner.config.dist).parts[0] if target.is_relative_to(self.owner.config.dist) else ""
        with self.owner.changed:
            serial, error, held = self.owner.serial, self.owner.error, self.owner.held.get(lang, ())
        status = 200
        try:
            html = target.read_bytes()
        except OSError:
            if error is None:
                self.send_error(404)
                return
            status, html = 503, (_ERROR_PAGE % escape(error, quote=False)).encode("utf-8")
        body = inject(html, preview_script(serial, error, held))
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self, query: str) -> None:
        # A reconnecting EventSource says the last event it saw; a new one, the page's serial.
        given = self.headers.get("Last-Event-ID") or parse_qs(query).get("since", ["0"])[0]
        try:
            since = int(given)
        except ValueError:
            since = 0
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while True:
                events = self.owner.events_since(since, KEEPALIVE_SECONDS)
                if events is None:
                    return
                if not events:
                    self.wfile.write(b": keep-alive\n\n")
                for event in events:
                    self.wfile.write(event.encode())
                    since = max(since, event.serial)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


__all__ = [
    "Affected",
    "EVENTS_PATH",
    "Event",
    "HOST",
    "Outcome",
    "Preview",
    "PreviewError",
    "SCRIPT_MARK",
    "Watcher",
    "affected",
    "inject",
    "out_of_date",
    "preview_script",
    "site_selection",
    "watcher_for",
]
