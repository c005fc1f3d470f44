"""The gettext functions the templates call for ui strings, shared by both ends.

:mod:`pipeline.render` gives the templates these functions; :mod:`pipeline.ui` hands the same
list to Babel's Jinja2 extractor, which finds their calls (and ``{% trans %}`` blocks) when the
``ui`` domain is extracted.  The values are Babel's keyword specs: which arguments are the
msgid, the plural and the context.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

UI_KEYWORDS: Mapping[str, Any] = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "page_counter": None,
}

__all__ = ["UI_KEYWORDS"]
