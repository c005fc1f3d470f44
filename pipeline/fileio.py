"""Safe writes: encode everything first, write a temporary file beside the target, fsync,
then ``os.replace``.  A crash leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (creating parent folders as needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Encode ``text`` (failing before the target is touched), then write it atomically."""
    atomic_write_bytes(path, text.encode(encoding))


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
    return False


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the bytes differ; returns whether the file changed."""
    if not would_change(path, data):
        return False
    atomic_write_bytes(path, data)
    return True
