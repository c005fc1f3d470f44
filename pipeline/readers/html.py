"""The HTML reader (placeholder until the trafilatura-based reader lands)."""

from __future__ import annotations

import re

from pipeline.errors import SourceError
from pipeline.manifest import Overrides
from pipeline.model import Document, SourceMeta

_HTML = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])", re.IGNORECASE | re.DOTALL)


class HtmlReader:
    name = "html"
    suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml")

    def sniff(self, head: bytes) -> bool:
        return bool(_HTML.match(head.lstrip(b"\xef\xbb\xbf")))

    def read(self, data: bytes, path: str, meta: SourceMeta, overrides: Overrides = Overrides()) -> Document:
        raise SourceError(path, None, "HTML pages are not supported yet")


READER = HtmlReader()
