"""Readers: one module per input format, all producing the same :class:`~pipeline.model.Document`.

A reader is any object with the small :class:`Reader` protocol: a ``name``, the file
``suffixes`` it claims, a ``sniff`` test on the first bytes for files whose suffix says
nothing, and ``read``.  Adding a format means adding one module here and one line to
``READERS``.  The plain-text reader is the fallback: it reads anything that decodes.
"""

from __future__ import annotations

from pathlib import PurePath

from pipeline.readers import html, markdown, text
from pipeline.readers.base import Reader, decode

__all__ = ["READERS", "Reader", "decode", "reader_for"]

# Most specific first: the text reader claims ``.txt`` and, as the last entry, everything else.
READERS: tuple[Reader, ...] = (html.READER, markdown.READER, text.READER)


def reader_for(path: str | PurePath, data: bytes) -> Reader:
    """The reader for a file: by suffix, then by sniffing its first bytes, then plain text.
    A ``.txt`` file that is plainly Markdown (a page copied "as Markdown") is read as Markdown."""
    suffix = PurePath(path).suffix.lower()
    head = data[:4096]
    for reader in READERS:
        if suffix in reader.suffixes:
            if reader is text.READER and markdown.READER.sniff(head):
                return markdown.READER
            return reader
    for reader in READERS:
        if reader.sniff(head):
            return reader
    return text.READER

