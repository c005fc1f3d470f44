"""The PO reader and writer: gettext-exact output, strict input, safe writes.

GNU gettext is the reference peer: every formatted file must be a fixed point of ``msgcat``
and pass ``msgfmt --check``.  Bad inputs live in ``tests/bad/po``; each starts with a
``# expect: LINE: message`` comment that the raised CatalogError must match.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.errors import CatalogError, ConcurrentEditError
from pipeline.fileio import would_change
from pipeline.pofile import Catalog, FileStamp, Message, current_stamp, encode_po, format_po, parse_po, read_po, write_po
from pipeline.powrap import wrap

HERE = Path(__file__).parent
ROOT = HERE.parent
FORMAT_CASES = sorted((HERE / "po" / "format").glob("*.po"))
BAD_CASES = sorted((HERE / "bad" / "po").glob("*.po"))

needs_gettext = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext is not installed")


def msgcat(path: Path) -> bytes:
    return subprocess.run(["msgcat", str(path)], check=True, capture_output=True).stdout


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True)


# ------------------------------------------------------------------------ formatting


@pytest.mark.parametrize("case", FORMAT_CASES, ids=lambda p: p.name)
def test_format_matches_msgcat_golden(case: Path) -> None:
    expected = case.with_name(case.name + ".expect").read_bytes()
    catalog = read_po(case)
    assert format_po(catalog).encode() == expected


@needs_gettext
@pytest.mark.parametrize("case", FORMAT_CASES, ids=lambda p: p.name)
def test_golden_is_what_msgcat_writes(case: Path, tmp_path: Path) -> None:
    expected = case.with_name(case.name + ".expect")
    assert msgcat(expected) == expected.read_bytes(), "golden is not a msgcat fixed point"
    if not case.read_bytes().startswith(b"\xef\xbb\xbf"):  # msgcat itself rejects a BOM
        assert msgcat(case) == expected.read_bytes()
    assert msgfmt_check(expected).returncode == 0


@pytest.mark.parametrize("case", FORMAT_CASES, ids=lambda p: p.name)
def test_write_then_read_gives_the_catalog_back(case: Path) -> None:
    catalog = read_po(case)
    again = parse_po(format_po(catalog).encode(), case)
    kept = [m for m in catalog.messages if not (m.obsolete and not any(m.strings))]
    assert [_loose(m) for m in again.messages] == [_loose(m) for m in _obsolete_last(kept)]


def _obsolete_last(messages: list[Message]) -> list[Message]:
    return [m for m in messages if not m.obsolete] + [m for m in messages if m.obsolete]


def _loose(m: Message) -> Message:
    # The writer canonicalizes flag order and drops "fuzzy" from untranslated entries.
    flags = tuple(sorted(f for f in m.flags if f != "fuzzy" or (m.strings and m.strings[0]) or m.obsolete))
    return Message(m.msgid, m.msgstr, m.msgctxt, m.msgid_plural, m.msgstr_plural, m.comments, m.extracted,
                   m.references, flags, m.previous_msgctxt, m.previous_msgid, m.previous_msgid_plural, m.obsolete)


def _random_texts(seed: int, count: int) -> list[str]:
    """Sentences mixing the seeds' words with punctuation, Cyrillic, escapes and odd spacing."""
    rng = random.Random(seed)
    words = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "roots" / "test-briefing" / "seeds").glob("*.txt"))).split()
    extra = list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") + [
        "—", "–", "«", "»", "„", "“", "”", "’", "…", "°", "€", "№", "\u00a0", "ў", "Ё", "\t", "\n", "é", "×",
        "\u0301", "  ", "https://example.org/a/b?c=d", "1,000", "24.02.2022",
    ]
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 40)):
            r = rng.random()
            token = rng.choice(words) if r < 0.65 else rng.choice(extra) if r < 0.85 else rng.choice(words) + rng.choice(extra) + rng.choice(words)
            parts.append(token + rng.choice(["  ", " ", " ", " ", ""]))
        out.append("".join(parts).strip(" "))
    return out


@needs_gettext
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_catalog_is_a_msgcat_fixed_point(seed: int, tmp_path: Path) -> None:
    texts = _random_texts(seed, 700)
    rng = random.Random(seed)
    messages = [Message("", "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n")]
    for i, text in enumerate(texts):
        text = f"{text} {i}"  # unique msgids
        kind = i % 5
        ctx = f"ctx {i}" if kind == 1 else None
        if kind == 2:
            messages.append(Message(text, msgctxt=ctx, msgid_plural=text.upper(),
                                    msgstr_plural=(text.swapcase(), text.title(), text.lower()), references=(f"seeds/x.txt:{i}",)))
        else:
            messages.append(Message(
                text, text.swapcase(), msgctxt=ctx, flags=("fuzzy",) if kind == 3 else (),
                previous_msgid=texts[i - 1] if kind == 3 else None, comments=("reviewed",) if kind == 4 else (),
                extracted=(f"paragraph {i}, sentence 1/2",), obsolete=kind == 4 and rng.random() < 0.5,
            ))
    path = tmp_path / "random.po"
    write_po(path, Catalog(tuple(messages)))
    assert msgcat(path) == path.read_bytes()
    assert msgfmt_check(path).returncode == 0


def test_wrap_keeps_short_strings_on_one_line() -> None:
    assert wrap("msgid", "Belarus") == ['msgid "Belarus"']
    assert wrap("msgid", "") == ['msgid ""']
    assert wrap("msgstr", "a\nb") == ['msgstr ""', '"a\\n"', '"b"']


def test_wrap_lines_fit_in_79_columns() -> None:
    for text in _random_texts(7, 200):
        for line in wrap("msgid", text.replace("\n", " ")):
            pieces = re.findall(r"\S+", line)
            if len(pieces) > 1 or len(line) <= 79:
                continue
            assert " " not in line[8:-1].strip(), line  # only unbreakable runs may overflow


# ------------------------------------------------------------------------ strict reading


@pytest.mark.parametrize("case", BAD_CASES, ids=lambda p: p.name)
def test_bad_input_is_rejected_with_path_and_line(case: Path) -> None:
    first = case.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    m = re.match(r"# expect: (\d+): (.*)$", first)
    assert m, f"{case.name} lacks an '# expect: LINE: message' first line"
    rel = case.relative_to(ROOT)
    with pytest.raises(CatalogError) as info:
        read_po(rel if Path.cwd() == ROOT else case)
    exc = info.value
    assert exc.lineno == int(m.group(1))
    assert m.group(2).replace("tests/bad/po/", str(Path(exc.path).parent) + "/") in str(exc)
    assert str(exc).startswith(f"{exc.path}:{m.group(1)}: ")


def test_duplicate_names_both_lines() -> None:
    with pytest.raises(CatalogError) as info:
        parse_po(b'msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n', "dup.po")
    assert str(info.value).startswith("dup.po:4: duplicate msgid 'a'; first defined at dup.po:1")


def test_bom_is_stripped_and_crlf_read() -> None:
    plain = read_po(HERE / "po" / "format" / "plural-be.po")
    bom = read_po(HERE / "po" / "format" / "bom-crlf.po")
    assert bom.messages == plain.messages
    assert not any("\r" in s for m in bom.messages for s in (m.msgid, *m.strings, *m.comments))


def test_latin1_catalog_is_decoded_by_its_charset() -> None:
    data = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "a"\nmsgstr "Stra\xdfe"\n'.encode("latin-1")
    assert parse_po(data).find("a") == Message("a", "Straße")


def test_obsolete_previous_and_context_are_read() -> None:
    catalog = read_po(HERE / "po" / "format" / "obsolete.po")
    gone = catalog.obsolete
    assert gone[0].previous_msgid == "The sanctions will have maximum effect only if they target both regimes."
    assert gone[0].fuzzy and gone[0].comments == ("checked by Anna",)
    assert gone[1].msgctxt == "heading"
    active = catalog.entries[0]
    assert active.previous_msgid == "Over 1,000 people were arrested as a result." and active.fuzzy


# ------------------------------------------------------------------------ safe writing


def _catalog(text: str = "Беларусь") -> Catalog:
    return Catalog((Message("", "Content-Type: text/plain; charset=UTF-8\n"), Message("Belarus", text)))


def test_write_is_skipped_when_bytes_are_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    assert write_po(path, _catalog()) is True
    before = path.stat().st_mtime_ns
    assert write_po(path, read_po(path)) is False
    assert path.stat().st_mtime_ns == before


def test_refuses_to_overwrite_a_file_changed_since_it_was_read(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    write_po(path, _catalog())
    catalog = read_po(path)
    path.write_bytes(path.read_bytes().replace("Беларусь".encode(), "Беларусь!".encode()))  # a translator saves
    saved = path.read_bytes()
    with pytest.raises(ConcurrentEditError, match="changed on disk since it was read"):
        write_po(path, Catalog(catalog.messages[:1] + (Message("Belarus", "Белараша"),), catalog.path, catalog.stamp))
    assert path.read_bytes() == saved


def test_refuses_to_overwrite_a_file_created_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_text('msgid "a"\nmsgstr "b"\n')
    with pytest.raises(ConcurrentEditError):
        write_po(path, _catalog(), expected=None)


def test_crash_during_write_leaves_the_original_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.po"
    write_po(path, _catalog())
    original = path.read_bytes()
    catalog = read_po(path)

    def crash(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        write_po(path, Catalog((*catalog.messages[:1], Message("Belarus", "Белараша")), catalog.path, catalog.stamp))
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.po"]  # no temporary file left


def test_unencodable_text_fails_before_the_file_is_touched(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=ASCII\\n"\n\nmsgid "a"\nmsgstr "b"\n')
    original = path.read_bytes()
    catalog = read_po(path)
    bad = Catalog((*catalog.messages[:1], Message("a", "Беларусь")), catalog.path, catalog.stamp)
    with pytest.raises(CatalogError, match=r"x\.po:5: cannot encode"):
        write_po(path, bad)
    assert path.read_bytes() == original


def test_long_unterminated_string_is_rejected_without_backtracking() -> None:
    # A naive string regex backtracks exponentially here; the reader must answer at once.
    data = b'msgid "' + b"word " * 5000 + b'\nmsgstr ""\n'
    with pytest.raises(CatalogError, match=r"long\.po:1: unterminated string"):
        parse_po(data, "long.po")


def test_encode_error_names_the_line_of_the_formatted_file() -> None:
    head = Message("", "Content-Type: text/plain; charset=ISO-8859-1\n")
    long = "A sentence long enough to be wrapped by the writer at seventy-nine columns, " * 3
    messages = (head, Message(long, "Ein Satz"), Message("b", "Grüße", obsolete=True), Message("c", "Grüße"),
                Message("d", "Bye ≠ hi"), Message("e", "x"))
    catalog = Catalog(messages, "many.po")
    text = format_po(Catalog(tuple(m if m.msgid != "d" else replace(m, msgstr="Bye hi") for m in messages)))
    expected = text.split("\n").index('msgstr "Bye hi"') + 1
    with pytest.raises(CatalogError) as info:
        encode_po(catalog)
    assert (info.value.lineno, "'≠'" in str(info.value)) == (expected, True)


@pytest.mark.parametrize("chunk", [1, 3, 4, 1 << 20])
def test_would_change_compares_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    import pipeline.fileio

    monkeypatch.setattr(pipeline.fileio, "_CHUNK", chunk)
    path = tmp_path / "f"
    path.write_bytes(b"abcdefghij")
    for data, changed in [(b"abcdefghij", False), (b"abcdefghi", True), (b"abcdefghijk", True), (b"", True),
                          (b"abcdefghiX", True), (b"Xbcdefghij", True), (b"abcd", True)]:
        assert would_change(path, data) is changed, data
    path.write_bytes(b"")
    assert (would_change(path, b""), would_change(path, b"a")) == (False, True)
    assert would_change(tmp_path / "missing", b"") is True
    assert current_stamp(path) == FileStamp.of(b"") and current_stamp(tmp_path / "missing") is None
