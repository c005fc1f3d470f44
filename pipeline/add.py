"""``pipeline add``: bring a new source article into the project.

A file or a URL is read (downloaded with a timeout for a URL), ingested once to prove that it
holds an article and to detect its metadata, then copied byte for byte into the seeds folder,
and a ``[[seed]]`` entry with the detected metadata is appended to the manifest (and the slug
to a pack's ``documents`` with ``--pack``).  Everything is computed and validated before the
first write; the manifest and ``pyproject.toml`` are replaced atomically, so a failure leaves
the project as it was.  :func:`plan` is pure apart from reading; :func:`apply` writes.
"""

from __future__ import annotations

import http.client
import json
import re
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pipeline import tomlfile
from pipeline.config import Config
from pipeline.errors import ConfigError, PipelineError, SourceError, TomlError
from pipeline.fileio import atomic_write_bytes, atomic_write_text
from pipeline.ingest import display, load_seeds
from pipeline.manifest import is_date, parse_manifest
from pipeline.model import Document, SourceMeta
from pipeline.readers import reader_for

MAX_DOWNLOAD = 20 * 1024 * 1024  # bytes; a saved article page is far smaller
_URL = re.compile(r"^https?://", re.IGNORECASE)
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіўєїґ",
        "a b v g d e io zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e iu ia i u ie i g".split(),
    )
)


@dataclass(frozen=True)
class Source:
    """The bytes of a new article and where they came from."""

    data: bytes
    origin: str  # the path or URL, as shown in messages
    url: str = ""  # the URL it was downloaded from ("" for a local file)
    suffix: str = ""  # the file suffix it came with, if any (".html", ".txt")


@dataclass(frozen=True)
class Plan:
    """What ``add`` will write: checked, encoded, and not yet written."""

    seed_path: Path
    data: bytes
    manifest_path: Path
    seed_shown: str  # the paths as messages show them, relative to the project root
    manifest_shown: str
    manifest_text: str
    pyproject_path: Path | None  # None when no pack is changed
    pyproject_text: str
    document: Document  # the source as ingested, for the report
    meta: SourceMeta  # the manifest entry
    warnings: tuple[str, ...]


def read_source(target: str, timeout: float = 30.0) -> Source:
    """A URL (``http://``/``https://``) is downloaded; anything else is a local file."""
    if _URL.match(target):
        return download(target, timeout)
    path = Path(target)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(target, None, f"cannot read: {exc.strerror}") from None
    return Source(data, target, suffix=path.suffix.lower())


def download(url: str, timeout: float = 30.0) -> Source:
    """GET ``url``; every failure is a :class:`SourceError` naming the URL, never a traceback."""
    request = urllib.request.Request(url, headers={"User-Agent": "pipeline-add/1 (+briefing packs)", "Accept": "text/html, text/plain;q=0.9"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if kind not in ("text/html", "application/xhtml+xml", "text/plain"):
                raise SourceError(url, None, f"not a web page or text: the server sent {kind}")
            expected = response.headers.get("Content-Length")
            data = response.read(MAX_DOWNLOAD + 1)
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise SourceError(url, None, f"download failed: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise SourceError(url, None, f"cannot download: {exc.reason} (is the machine offline?)") from None
    except http.client.IncompleteRead as exc:
        raise SourceError(url, None, f"truncated download: the connection closed after {len(exc.partial)} bytes") from None
    except (TimeoutError, OSError, http.client.HTTPException) as exc:
        raise SourceError(url, None, f"cannot download: {exc or type(exc).__name__}") from None
    if len(data) > MAX_DOWNLOAD:
        raise SourceError(url, None, f"download larger than {MAX_DOWNLOAD // (1024 * 1024)} MB; save the page and add the file")
    if expected is not None and expected.isdigit() and int(expected) != len(data):
        raise SourceError(url, None, f"truncated download: got {len(data)} of {expected} bytes")
    if not data.strip():
        raise SourceError(url, None, "empty download: the server sent no content")
    suffix = ".txt" if kind == "text/plain" else ".html"
    return Source(data, url, url=final, suffix=suffix)


def slugify(text: str, limit: int = 60) -> str:
    """A manifest slug from a title: ASCII, lowercase, hyphens, at most ``limit`` characters
    and cut at a word.  Cyrillic is transliterated; other scripts are dropped."""
    folded = "".join(_CYRILLIC.get(c, c) for c in text.casefold()).replace("-", " ")
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or (words[0][:limit] if words else "")


def _toml(value: str) -> str:
    # A JSON string is a valid TOML basic string: the same escapes, \uXXXX included.
    return json.dumps(value, ensure_ascii=False)


def entry_text(meta: SourceMeta) -> str:
    """The ``[[seed]]`` table for ``meta``, in the manifest's own layout."""
    authors = ", ".join(_toml(a) for a in meta.authors)
    return (
        "\n[[seed]]\n"
        f"file = {_toml(meta.file)}\n"
        f"slug = {_toml(meta.slug)}\n"
        f"title = {_toml(meta.title)}\n"
        f"authors = [{authors}]\n"
        f"publisher = {_toml(meta.publisher)}\n"
        f"url = {_toml(meta.url)}\n"
        f"date = {_toml(meta.date)}\n"
        f"language = {_toml(meta.language)}\n"
    )


def _with_document(text: str, pack_slug: str, slug: str, path: Path) -> str:
    """``pyproject.toml`` text with ``slug`` appended to the pack's ``documents`` array.

    The edit is textual, to keep the user's comments and layout, and is proved by parsing the
    result: anything else changed, or nothing, and the edit is refused."""
    sections = list(re.finditer(r"(?m)^\s*\[\[tool\.pipeline\.packs\]\]\s*$", text))
    for i, header in enumerate(sections):
        end = sections[i + 1].start() if i + 1 < len(sections) else len(text)
        nxt = re.search(r"(?m)^\s*\[", text[header.end() : end])
        end = header.end() + nxt.start() if nxt else end
        body = text[header.end() : end]
        if not re.search(rf'(?m)^\s*slug\s*=\s*"{re.escape(pack_slug)}"\s*(#.*)?$', body):
            continue
        docs = re.search(r"(?ms)^(\s*documents\s*=\s*\[)(.*?)(\]\s*(#.*)?$)", body)
        if docs is None:
            break
        items = docs.group(2)
        if "\n" in items:
            stripped = items.rstrip()
            indent = re.search(r"\n([ \t]*)\S", items)
            pad = indent.group(1) if indent else "    "
            comma = "" if stripped.endswith((",", "[")) or not stripped.strip() else ","
            new_items = f"{stripped}{comma}\n{pad}{_toml(slug)},\n"
        else:
            stripped = items.rstrip().rstrip(",")
            new_items = f"{stripped}, {_toml(slug)}" if stripped.strip() else _toml(slug)
        start = header.end() + docs.start(2)
        stop = header.end() + docs.end(2)
        return text[:start] + new_items + text[stop:]
    raise ConfigError(path, "tool.pipeline.packs", f"cannot add to pack {pack_slug!r}: no such pack with a documents list")


def _proved_edit(before: str, after: str, pack_slug: str, slug: str, path: Path) -> None:
    try:
        old = tomlfile.parse(before, path)["tool"]["pipeline"]
        new = tomlfile.parse(after, path)["tool"]["pipeline"]
    except (TomlError, KeyError) as exc:
        raise ConfigError(path, "tool.pipeline.packs", f"cannot edit the pack safely ({exc}); add {slug!r} by hand") from None
    for table in old.get("packs", []):
        if table.get("slug") == pack_slug:
            table["documents"] = [*table["documents"], slug]
    if old != new:
        raise ConfigError(path, "tool.pipeline.packs", f"cannot edit the pack safely; add {slug!r} to its documents by hand")


def plan(config: Config, source: Source, slug: str | None = None, pack: str | None = None) -> Plan:
    """Check everything ``add`` is about to do and prepare every byte it will write."""
    manifest_shown = display(config.seeds, config.root)
    seeds = load_seeds(config)
    for seed in seeds:
        if seed.path.is_file() and seed.path.read_bytes() == source.data:
            raise SourceError(source.origin, None, f"already in the project as {seed.meta.slug!r} ({seed.meta.file})")
    if pack is not None and pack not in {p.slug for p in config.packs}:
        known = ", ".join(p.slug for p in config.packs) or "none"
        raise ConfigError(
            "pyproject.toml", "tool.pipeline.packs",
            f"no pack {pack!r} (packs: {known}); for a new pack, add the article without --pack and list its slug"
            " in the `documents` of a new [[tool.pipeline.packs]] entry",
        )
    name = PurePosixPath(urllib.parse.urlparse(source.origin).path).name if source.url else Path(source.origin).name
    reader = reader_for(name or "page", source.data)
    trial = SourceMeta(slug=slug or "new-article", file=name, language="")
    doc = reader.read(source.data, source.origin, trial)  # raises when there is no article
    found = doc.detected
    title = found.title or next((b.text for b in doc.blocks if b.kind.value == "title"), "")
    taken = {s.meta.slug for s in seeds}
    if slug is None:
        base = slugify(title) or slugify(Path(name).stem) or "article"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
    elif slug in taken:
        raise ConfigError(manifest_shown, "seed.slug", f"slug {slug!r} is already taken")
    suffix = source.suffix if source.suffix in reader.suffixes else reader.suffixes[0]
    file = f"{slug}{suffix}"
    seed_path = config.seeds.parent / file
    if seed_path.exists():
        raise SourceError(seed_path, None, "a file of that name is already in the seeds folder; pass --slug")
    warnings: list[str] = []
    date = found.date if is_date(found.date) else ""
    if found.date and not date:
        warnings.append(f"date {found.date!r} is not YYYY[-MM[-DD]]; left empty")
    language = found.language or config.source_language
    if language not in config.languages:
        warnings.append(f"the page's language is {language!r}, which is not in tool.pipeline.languages: "
                        "add it there, or correct the entry's language")
    meta = SourceMeta(
        slug=slug, file=file, title=title, authors=found.authors, publisher=found.publisher,
        url=found.url or source.url, date=date, language=language,
    )
    old_manifest = config.seeds.read_text(encoding="utf-8")
    manifest_text = old_manifest + ("" if old_manifest.endswith("\n") else "\n") + entry_text(meta)
    pyproject = config.root / "pyproject.toml"
    pyproject_text = ""
    if pack is not None:
        before = pyproject.read_text(encoding="utf-8")
        pyproject_text = _with_document(before, pack, slug, pyproject)
        _proved_edit(before, pyproject_text, pack, slug, pyproject)
    return Plan(
        seed_path, source.data, config.seeds, display(seed_path, config.root), manifest_shown, manifest_text, pyproject if pack else None, pyproject_text, doc, meta,
        tuple(warnings) + doc.warnings,
    )


def apply(plan: Plan) -> None:
    """Write the plan: the seed file first, then the manifest, then the pack.  The new
    manifest is validated with the seed in place; on any failure what was written is undone."""
    old_manifest = plan.manifest_path.read_bytes()
    written: list[Path] = []
    try:
        atomic_write_bytes(plan.seed_path, plan.data)
        written.append(plan.seed_path)
        parse_manifest(plan.manifest_path, tomlfile.parse(plan.manifest_text, plan.manifest_shown), plan.manifest_shown)
        atomic_write_text(plan.manifest_path, plan.manifest_text)
        written.append(plan.manifest_path)
        if plan.pyproject_path is not None:
            atomic_write_text(plan.pyproject_path, plan.pyproject_text)
    except (PipelineError, OSError) as exc:
        if plan.manifest_path in written:
            atomic_write_bytes(plan.manifest_path, old_manifest)
        plan.seed_path.unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, PipelineError):
            raise SourceError(exc.filename or plan.seed_path, None, f"cannot write: {exc.strerror}") from None
        raise
