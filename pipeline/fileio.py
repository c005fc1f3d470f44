"""Safe writes: encode everything first, write a temporary file beside the target, fsync,
then ``os.replace``.  A crash leaves either the old file or the new one, never half of one.

The temporary file is named ``.<target>.pipeline-<random>.tmp``, is private (mode 0600) while
it is written, and is held with an exclusive ``flock`` until it has been renamed.  A run that
was killed mid-write leaves such a file behind; :func:`sweep_temp_files` removes those that
are older than a few seconds and that no live process holds.  A file or folder that cannot be
written is a :class:`~pipeline.errors.FileError` naming it (``path: cannot write: …``).
"""

from __future__ import annotations

import fcntl
import os
import re
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from pipeline.errors import FileError

TEMP_MARK = ".pipeline-"
_TEMP_NAME = re.compile(r"^\..+\.pipeline-[A-Za-z0-9_]+\.tmp$")
# Before the temporary files had a mark: ".<target>.<8 random characters>.tmp", left only by a
# killed run of an older version, so swept only when it is old enough not to be anyone's.
_LEGACY_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
_LEGACY_AGE = 3600.0
# A temporary file younger than this may be one a writer has just created and not locked yet.
SWEEP_AGE = 5.0


def _os_error(path: Path, exc: OSError, verb: str = "write", *, named: bool = True) -> FileError:
    """``path: cannot write: permission denied``, naming the file the error names if ``named``
    (a parent folder that could not be made), but never a temporary file, whose name means
    nothing to a user."""
    where = str(path)
    if named and isinstance(exc.filename, str) and exc.filename and TEMP_MARK not in exc.filename:
        where = exc.filename
    return FileError(_shown(Path(where)), f"cannot {verb}: {exc.strerror or exc}", exc.errno)


def _shown(path: Path) -> str:
    """``path`` relative to the working folder when it is inside it, as a user would type it."""
    try:
        cwd = Path.cwd()
    except OSError:
        return str(path)
    return str(path.relative_to(cwd)) if path.is_absolute() and path.is_relative_to(cwd) else str(path)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (creating parent folders as needed).

    Raises :class:`~pipeline.errors.FileError` (also an ``OSError``) naming the file or folder
    that cannot be written; the target is then left as it was.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # names the folder that could not be made
        raise _os_error(path.parent, exc) from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{TEMP_MARK}", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _os_error(path, exc, named=False) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)  # held until closed, after the rename
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
            os.chmod(tmp, mode)
            os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, FileError):
            raise _os_error(path, exc) from None
        raise


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Encode ``text`` (failing before the target is touched), then write it atomically."""
    atomic_write_bytes(path, text.encode(encoding))


def is_temp_file(path: Path) -> bool:
    """Whether ``path`` is named like a temporary file of :func:`atomic_write_bytes`."""
    return bool(_TEMP_NAME.match(path.name))


def _remove_if_abandoned(path: Path, min_age: float, now: float) -> bool:
    """Remove the temporary file at ``path`` if it is older than ``min_age`` seconds and no
    process holds its lock; whether it was removed."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False  # gone already (renamed into place), a symlink, or not ours to read
    try:
        info = os.fstat(fd)
        if now - info.st_mtime < min_age:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a live writer holds it
        try:
            if os.stat(path, follow_symlinks=False).st_ino != info.st_ino:
                return False  # renamed into place and replaced meanwhile: not the file we locked
            os.unlink(path)
        except OSError:
            return False
        return True
    finally:
        os.close(fd)


def sweep_temp_files(
    folders: Iterable[Path], *, shallow: Iterable[Path] = (), min_age: float = SWEEP_AGE
) -> list[Path]:
    """Remove the temporary files an interrupted write left in ``folders`` (searched
    recursively) and in ``shallow`` (not below): those older than ``min_age`` seconds whose
    lock no live process holds.  Returns what was removed.  Folders that do not exist or
    cannot be read are passed over."""
    removed: list[Path] = []
    now = time.time()
    seen: set[Path] = set()
    walks = [(folder, True) for folder in folders] + [(folder, False) for folder in shallow]
    for folder, deep in walks:
        if not folder.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(folder, onerror=lambda exc: None):
            here = Path(dirpath)
            if not deep:
                dirnames.clear()
            if here in seen:
                dirnames.clear()
                continue
            seen.add(here)
            dirnames[:] = [d for d in dirnames if d not in (".git", "__pycache__", ".venv", "node_modules")]
            for name in filenames:
                if _TEMP_NAME.match(name):
                    age = min_age
                elif _LEGACY_NAME.match(name) and (here / name[1:].rsplit(".", 2)[0]).exists():
                    age = max(min_age, _LEGACY_AGE)  # the target beside it, so it is one of ours
                else:
                    continue
                if _remove_if_abandoned(here / name, age, now):
                    removed.append(here / name)
    return removed


_CHUNK = 1 << 20


def would_change(path: Path, data: bytes) -> bool:
    """Whether writing ``data`` to ``path`` would change it (a missing file would change).

    Compares chunk by chunk, so a large file is never held in memory beside ``data``.
    """
    view = memoryview(data)
    try:
        with open(path, "rb") as fh:
            for start in range(0, len(data) + 1, _CHUNK):
                if fh.read(_CHUNK) != view[start : start + _CHUNK]:
                    return True
    except FileNotFoundError:
        return True
    except OSError as exc:
        raise _os_error(path, exc, "read") from None
    return False


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the bytes differ; returns whether the file changed."""
    if not would_change(path, data):
        return False
    atomic_write_bytes(path, data)
    return True
