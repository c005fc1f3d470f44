"""polib as an independent reader: every valid PO/POT file of the tests must read the same
through our reader and through polib (the shipped catalogs: ``test_shipped.py``).

polib is the second opinion on what a file says (the package does not use it: our reader
is stricter, and our writer is msgcat's).  Compared per entry, in file order: msgctxt,
msgid, msgid_plural, msgstr, msgstr[N], flags, previous msgctxt/msgid/msgid_plural,
translator and extracted comments, references, obsolete; and the header's fields and
comment (``tests/po_tools.compare_with_polib``).  Files under ``tests/bad/`` are invalid on
purpose and left out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.po_tools import POLIB_LIMITS, compare_with_polib

HERE = Path(__file__).parent
ROOT = HERE.parent
VALID = sorted(p for p in HERE.rglob("*") if p.suffix in (".po", ".pot") and "bad" not in p.relative_to(HERE).parts and p.is_file())


def test_there_are_files_to_compare() -> None:
    assert len(VALID) > 50
    assert any(p.suffix == ".pot" for p in VALID) and any("LC_MESSAGES" in p.parts for p in VALID)


@pytest.mark.parametrize("path", VALID, ids=lambda p: str(p.relative_to(ROOT)))
def test_polib_reads_the_same_entries(path: Path) -> None:
    compare_with_polib(path)


def test_each_allowed_polib_limit_is_met_in_the_fixtures_and_only_there() -> None:
    # Each allowance is needed (polib still has the limit) and is met only where expected.
    met = {path.relative_to(ROOT).as_posix(): compare_with_polib(path) for path in VALID}
    assert {k: v for k, v in met.items() if v} == {
        "tests/po/format/comments.po": {"comment-without-space"},
        "tests/po/format/escapes.po": {"numeric-escapes"},
        "tests/po/format/obsolete.po": {"obsolete-previous"},
    }
    assert set().union(*met.values()) == set(POLIB_LIMITS)
