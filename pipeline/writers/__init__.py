"""Writers: one per output format, behind one small protocol, found by a registry.

A writer plans its outputs as data (:class:`pipeline.outputs.Output`) and renders one output at
a time from the localized packs (:class:`Context`).  Everything else — which outputs are out of
date, skipping the fresh ones, removing those no longer planned, writing safely, the pool of
worker processes — is the build's, the same for every writer.  A new output format is one module
here and one line in :data:`WRITERS`::

    class TextWriter:
        kind = "text"
        parallel = False
        preload = ()
        def plan(self, config, inputs): return [Output("text", ..., inputs.pack(pack, lang), ...)]
        def render(self, output, context): return Rendered(b"...")

``render`` either returns the bytes (:class:`Rendered`) or, for slow formats (``parallel =
True``), a :class:`Deferred` call that a worker process runs; each worker imports the writer's
``preload`` modules once, before its first job.  ``[tool.pipeline] outputs`` selects the kinds a
build makes (default: every registered writer).
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import import_module
from typing import TYPE_CHECKING, Any, Protocol

from pipeline.config import Config
from pipeline.errors import ConfigError, PipelineError
from pipeline.outputs import Inputs, Output

if TYPE_CHECKING:  # Jinja2 and Babel: imported only when something is rendered
    from pathlib import Path

    import jinja2

    from pipeline.localize import LocalPack


@dataclass(frozen=True)
class Rendered:
    """The bytes of one output (and its page count, for formats that have pages)."""

    data: bytes
    pages: int | None = None


@dataclass(frozen=True)
class Deferred:
    """A render to run in a worker process: ``call(*args)`` returns :class:`Rendered`.

    ``call`` is a module-level function and ``args`` plain data, so both can be pickled.
    """

    call: Callable[..., Rendered]
    args: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Context:
    """What a writer renders from: the localized packs, the ui strings, the build's facts."""

    config: Config
    packs: Mapping[tuple[str, str], LocalPack]  # (pack slug, lang) -> the localized pack
    ui: Mapping[str, Any]  # lang -> its ui translations (gettext-like: what the templates need)
    built: dt.datetime
    version: str
    # Makes the environment of a templates folder (default render.make_environment); the
    # preview passes its memo's, which keeps the compiled templates until one changes.
    environment: Callable[[Path], jinja2.Environment] | None = None

    @cached_property
    def env(self) -> jinja2.Environment:
        """The Jinja2 environment of the project's templates (made once, shared by writers)."""
        from pipeline.render import make_environment

        return (self.environment or make_environment)(self.config.templates)

    def packs_of(self, lang: str) -> list[LocalPack]:
        """Every pack of ``lang``, in the order of the configuration."""
        return [self.packs[(p.slug, lang)] for p in self.config.packs if (p.slug, lang) in self.packs]


class Writer(Protocol):
    """One output format."""

    kind: str  # the name in [tool.pipeline] outputs and in the build state
    parallel: bool  # render returns Deferred work for the pool of worker processes
    preload: tuple[str, ...]  # modules a worker imports once, before its first job

    def plan(self, config: Config, inputs: Inputs) -> Sequence[Output]:
        """Every output of this format the configuration asks for, with its input digest."""
        ...

    def render(self, output: Output, context: Context) -> Rendered | Deferred:
        """The bytes of ``output`` (or the work that makes them); raises PipelineError."""
        ...


def _registry() -> dict[str, Writer]:
    from pipeline.writers.pdf import PdfWriter
    from pipeline.writers.review import ReviewPdfWriter, ReviewXlsxWriter
    from pipeline.writers.site import SiteWriter

    return {"site": SiteWriter(), "pdf": PdfWriter(), "review-pdf": ReviewPdfWriter(), "review-xlsx": ReviewXlsxWriter()}


# kind -> writer.  Register a new format here (tests may add one for a fixture project).
WRITERS: dict[str, Writer] = _registry()


def selected_writers(config: Config) -> list[Writer]:
    """The writers of the kinds ``config`` asks for, in its order."""
    kinds = config.outputs if config.outputs is not None else tuple(WRITERS)
    unknown = [k for k in kinds if k not in WRITERS]
    if unknown:
        raise ConfigError("pyproject.toml", "tool.pipeline.outputs",
                          f"unknown output {unknown[0]!r} (known: {', '.join(sorted(WRITERS))})")
    return [WRITERS[k] for k in kinds]


def default_kinds(config: Config) -> frozenset[str] | None:
    """The kinds a plain ``pipeline build`` makes: every selected writer but those made on
    demand (``on_demand = True``: the reviewer editions, made by ``pipeline review``), unless
    ``[tool.pipeline] outputs`` names the kinds itself (None: no restriction).

    On-demand outputs are still planned, so a build neither rebuilds nor removes them.
    """
    if config.outputs is not None:
        return None
    return frozenset(w.kind for w in selected_writers(config) if not getattr(w, "on_demand", False))


def plan(config: Config, inputs: Inputs) -> list[Output]:
    """Every output of every selected writer."""
    return [o for writer in selected_writers(config) for o in writer.plan(config, inputs)]


# ---------------------------------------------------------------------------------------------
# The pool: slow renders of any writer in worker processes


def _worker_init(modules: tuple[str, ...]) -> None:
    for name in modules:  # e.g. WeasyPrint, once per worker, before the first job arrives
        import_module(name)


def _run(job: Deferred) -> Rendered:
    return job.call(*job.args)


class Pool:
    """Runs :class:`Deferred` renders in worker processes, one per core.

    Started before ingest, so the workers import their ``preload`` modules while the main
    process ingests, localizes and renders the fast outputs.  With one job or one core it runs
    them in-process.
    """

    def __init__(self, workers: int, jobs: int, preload: tuple[str, ...] = ()) -> None:
        self._pool: cf.ProcessPoolExecutor | None = None
        self._pending: list[tuple[Output, Deferred]] = []
        self._futures: list[tuple[Output, cf.Future[Rendered]]] = []
        count = min(workers, jobs)
        if count > 1:
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
            self._pool = cf.ProcessPoolExecutor(max_workers=count, mp_context=ctx, initializer=_worker_init,
                                                initargs=(preload,))
            for _ in range(count):
                self._pool.submit(_worker_init, preload)  # start the workers now

    def submit(self, output: Output, job: Deferred) -> None:
        """Queue one render; with workers it starts at once, while the caller goes on."""
        if self._pool is None:
            self._pending.append((output, job))
        else:
            self._futures.append((output, self._pool.submit(_run, job)))

    def results(self) -> Iterator[tuple[Output, Rendered | PipelineError]]:
        """(output, its bytes or the error of that job) for every submitted job."""
        for output, job in self._pending:
            try:
                yield output, _run(job)
            except PipelineError as exc:
                yield output, exc
        for output, future in self._futures:
            try:
                yield output, future.result()
            except PipelineError as exc:
                yield output, exc

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def preload_of(writers: Iterable[Writer]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m for w in writers if w.parallel for m in w.preload))


__all__ = [
    "Context",
    "Deferred",
    "Pool",
    "Rendered",
    "WRITERS",
    "Writer",
    "default_kinds",
    "plan",
    "preload_of",
    "selected_writers",
]
