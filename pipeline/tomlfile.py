"""Reading TOML: the one place that calls :mod:`tomllib`.

tomllib reports a syntax error as a bare message ending in ``(at line L, column C)`` or
``(at end of document)``; :func:`parse` turns that into ``path:L:C: invalid TOML: message``
followed by the offending line, like every other error of the pipeline.  A file that cannot be
read is a :class:`~pipeline.errors.FileError` naming it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pipeline.errors import FileError, TomlError

_AT = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)\s*$")


def _lines(text: str) -> list[str]:
    # TOML's newlines are LF and CRLF only: a line number of tomllib counts those.
    return text.replace("\r\n", "\n").split("\n")


def decode_error(exc: tomllib.TOMLDecodeError, text: str, shown: str) -> TomlError:
    """The :class:`TomlError` for a ``tomllib`` error raised while parsing ``text``."""
    message = str(exc)
    match = _AT.search(message)
    lines = _lines(text)
    if match is None:  # a message without a place (none known today): keep the file at least
        return TomlError(shown, None, f"invalid TOML: {message}")
    message = message[: match.start()]
    if match.group(1) is not None:
        lineno, column = int(match.group(1)), int(match.group(2))
    else:  # "at end of document": point just past the last character
        while len(lines) > 1 and lines[-1] == "":
            lines.pop()
        lineno, column = len(lines), len(lines[-1]) + 1
    line_text = lines[lineno - 1] if 0 < lineno <= len(lines) else None
    text_shown = message[:1].lower() + message[1:]
    return TomlError(shown, lineno, f"invalid TOML: {text_shown}", column=column, line_text=line_text)


def parse(text: str, shown: str | Path) -> dict[str, Any]:
    """Parse ``text`` (read from the file named ``shown`` in messages)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise decode_error(exc, text, str(shown)) from None


def load(path: Path, shown: str | Path | None = None) -> dict[str, Any]:
    """Read and parse the TOML file at ``path``; errors name it as ``shown`` (default: ``path``)."""
    where = str(path if shown is None else shown)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileError(where, f"cannot read: {exc.strerror or exc}", exc.errno) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        lineno = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise TomlError(where, lineno, "invalid TOML: not UTF-8", column=column) from None
    return parse(text, where)


__all__ = ["decode_error", "load", "parse"]
