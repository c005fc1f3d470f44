"""Update semantics: golden triples (before.po + new.pot → after.po), msgmerge as a peer,
change-aware carry-over, translation memory, and a property test that no translation is lost.

Regenerate the goldens with ``python -m tests.regen`` and review the diff.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.merge import (
    SimilarityIndex,
    cosmetic_change,
    critical_change,
    lost_translations,
    merge_catalogs,
    normalize,
)
from pipeline.pofile import Catalog, Message, format_po, parse_po, read_po

HERE = Path(__file__).parent
ROOT = HERE.parent
CASES = sorted(p for p in (HERE / "po" / "merge").iterdir() if p.is_dir())
needs_gettext = pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU gettext is not installed")


def _merge_case(case: Path) -> bytes:
    before = read_po(case / "before.po")
    template = read_po(case / "new.pot")
    result = merge_catalogs(before, template, memory=_memory(case))
    return format_po(result.catalog).encode()


def _memory(case: Path) -> list[Catalog]:
    # Named relative to the project, as the pipeline names them, so goldens do not depend on the checkout.
    return [replace(read_po(p), path=p.relative_to(ROOT).as_posix()) for p in sorted((case / "memory").glob("*.po"))]


def regenerate_goldens() -> list[Path]:
    written = []
    for case in CASES:
        target = case / "after.po"
        data = _merge_case(case)
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
            written.append(target)
    return written


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_merge_golden(case: Path) -> None:
    assert _merge_case(case) == (case / "after.po").read_bytes()


@needs_gettext
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_merge_output_is_valid_for_gettext(case: Path) -> None:
    after = case / "after.po"
    assert subprocess.run(["msgcat", str(after)], capture_output=True, check=True).stdout == after.read_bytes()
    check = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(after)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_merge_loses_no_translation(case: Path) -> None:
    after = parse_po(_merge_case(case), "after.po")
    assert lost_translations(read_po(case / "before.po"), after) == []


def _msgmerge(case: Path, tmp: Path) -> Catalog:
    out = tmp / f"{case.name}.po"
    subprocess.run(["msgmerge", "--quiet", "--previous", str(case / "before.po"), str(case / "new.pot"), "-o", str(out)], check=True)
    return read_po(out)


def _decisions(catalog: Catalog) -> dict[tuple[str | None, str], tuple[bool, str | None, tuple[str, ...]]]:
    return {m.key: (m.fuzzy, m.previous_msgid, m.strings) for m in catalog.entries}


@needs_gettext
@pytest.mark.parametrize("name", ["exact", "changed", "removed-and-restored", "critical", "plural", "context"])
def test_same_decisions_as_msgmerge(name: str, tmp_path: Path) -> None:
    case = HERE / "po" / "merge" / name
    theirs = _msgmerge(case, tmp_path)
    ours = merge_catalogs(read_po(case / "before.po"), read_po(case / "new.pot")).catalog
    assert _decisions(ours) == _decisions(theirs)
    assert {m.key: m.strings for m in ours.obsolete} == {m.key: m.strings for m in theirs.obsolete}


@needs_gettext
@pytest.mark.parametrize("name", ["exact", "changed", "removed-and-restored", "critical", "plural", "context", "cosmetic"])
def test_plain_merge_is_byte_identical_to_msgmerge(name: str, tmp_path: Path) -> None:
    case = HERE / "po" / "merge" / name
    out = tmp_path / "theirs.po"
    subprocess.run(["msgmerge", "--quiet", "--previous", str(case / "before.po"), str(case / "new.pot"), "-o", str(out)], check=True)
    plain = merge_catalogs(read_po(case / "before.po"), read_po(case / "new.pot"), carry_cosmetic=False).catalog
    assert format_po(plain).encode() == out.read_bytes()


@needs_gettext
def test_cosmetic_edits_are_fuzzy_for_msgmerge_but_not_for_us(tmp_path: Path) -> None:
    case = HERE / "po" / "merge" / "cosmetic"
    theirs = _msgmerge(case, tmp_path)
    ours = merge_catalogs(read_po(case / "before.po"), read_po(case / "new.pot")).catalog
    assert all(m.fuzzy for m in theirs.entries)
    assert not any(m.fuzzy for m in ours.entries) and all(m.translated for m in ours.entries)
    plain = merge_catalogs(read_po(case / "before.po"), read_po(case / "new.pot"), carry_cosmetic=False).catalog
    assert _decisions(plain) == _decisions(theirs)


def test_exact_match_keeps_translation_flags_and_comments() -> None:
    case = HERE / "po" / "merge" / "exact"
    ours = merge_catalogs(read_po(case / "before.po"), read_po(case / "new.pot")).catalog
    entry = ours.find("Belarus must support Ukraine")
    assert entry is not None
    assert entry.msgstr == "Беларусь павінна падтрымаць Украіну"
    assert entry.fuzzy and entry.comments == ("Checked against the official statement.",)
    assert entry.extracted == ("title 1: the article title",) and entry.references == ("seeds/000.txt:1",)


def test_removed_sentence_comes_back_active() -> None:
    case = HERE / "po" / "merge" / "removed-and-restored"
    result = merge_catalogs(read_po(case / "before.po"), read_po(case / "new.pot"))
    back = result.catalog.find("Over 1,000 people were arrested as a result.")
    assert back is not None and back.translated
    assert [m.msgid for m in result.obsoleted] == ["There is also a high risk that Russian forces will remain in Belarus after the war."]
    assert result.count("revived") == 1


def test_memory_fills_exact_and_marks_close_matches() -> None:
    case = HERE / "po" / "merge" / "memory"
    result = merge_catalogs(read_po(case / "before.po"), read_po(case / "new.pot"), memory=_memory(case))
    exact = result.catalog.find("Belarus must support Ukraine")
    close = result.catalog.find("Belarus must support Ukraine now")
    none = result.catalog.find("Completely unrelated words appear here.")
    assert exact is not None and exact.translated and exact.msgstr == "Беларусь павінна падтрымаць Украіну"
    assert close is not None and close.fuzzy and close.has_translation
    assert any("other-article.po" in c for c in close.comments)
    assert none is not None and not none.has_translation


# --------------------------------------------------------------------- change analysis


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Lukashenka's regime - a co-aggressor", "Lukashenka’s regime — a co-aggressor"),
        ('He said "no"  twice.', "He said “no” twice."),
        ("A\tB", "A B"),
    ],
)
def test_cosmetic_changes(old: str, new: str) -> None:
    assert cosmetic_change(old, new)
    assert normalize(old) == normalize(new)


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        ("Over 1,000 people were arrested.", "Over 1,200 people were arrested.", "number"),
        ("The army will take part in the war.", "The army will not take part in the war.", "negation"),
        ("The army will take part in the war.", "The army won't take part in the war.", "negation"),
        ("It was imposed by the European Union.", "It was imposed by the United Kingdom.", "proper name"),
    ],
)
def test_critical_changes_are_named(old: str, new: str, why: str) -> None:
    reason = critical_change(old, new)
    assert reason is not None and why in reason
    assert not cosmetic_change(old, new)


def test_similarity_index_finds_the_closest_text() -> None:
    texts = ["The cat sat on the mat.", "Belarus must support Ukraine.", "Sanctions were imposed on the regime."]
    index = SimilarityIndex(texts)
    hit = index.best("Belarus must support Ukraine now.")
    assert hit is not None and hit[0] == 1 and hit[1] > 0.9
    assert index.best("Nothing in common whatsoever here") is None


# --------------------------------------------------------------------- never lose a translation


def _seed_sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted((HERE / "roots" / "test-briefing" / "seeds").glob("*.txt")):  # a fixture: stable data
        for para in path.read_text(encoding="utf-8").split("\n"):
            para = para.strip(" •\t")
            if len(para) > 40:
                sentences += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", para) if len(s) > 15]
    return list(dict.fromkeys(sentences))


SENTENCES = _seed_sentences()
HEADER = Message("", "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n")
OPS = ("reword", "split", "merge", "reorder", "delete", "restore", "cosmetic", "number", "translate")


def _template(texts: list[str]) -> Catalog:
    unique = list(dict.fromkeys(t for t in texts if t.strip()))
    return Catalog((HEADER, *(Message(t, references=(f"seeds/x.txt:{i}",)) for i, t in enumerate(unique, 1))))


def _apply(op: str, texts: list[str], deleted: list[str], rnd: "random.Random") -> list[str]:  # type: ignore[name-defined]  # noqa: F821
    texts = list(texts)
    if not texts:
        return [rnd.choice(SENTENCES)]
    i = rnd.randrange(len(texts))
    words = texts[i].split()
    if op == "reword" and len(words) > 3:
        j = rnd.randrange(len(words))
        words[j] = rnd.choice(["regime", "people", "Minsk", "quickly", "the", "war"])
        texts[i] = " ".join(words)
    elif op == "split" and len(words) > 5:
        k = rnd.randrange(2, len(words) - 2)
        texts[i: i + 1] = [" ".join(words[:k]) + ".", " ".join(words[k:]).capitalize()]
    elif op == "merge" and i + 1 < len(texts):
        texts[i: i + 2] = [texts[i].rstrip(".") + ", and " + texts[i + 1][:1].lower() + texts[i + 1][1:]]
    elif op == "reorder":
        rnd.shuffle(texts)
    elif op == "delete":
        deleted.append(texts.pop(i))
    elif op == "restore" and deleted:
        texts.insert(i, deleted.pop(rnd.randrange(len(deleted))))
    elif op == "cosmetic":
        texts[i] = texts[i].replace("'", "’").replace(" - ", " — ").replace(" ", "  ", 1)
    elif op == "number":
        texts[i] = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), texts[i]) if re.search(r"\d", texts[i]) else texts[i] + " 2022"
    return texts


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.lists(st.integers(0, len(SENTENCES) - 1), min_size=1, max_size=12),
    ops=st.lists(st.sampled_from(OPS), min_size=1, max_size=8),
    seed=st.integers(0, 2**32 - 1),
)
def test_no_translation_is_ever_lost(start: list[int], ops: list[str], seed: int) -> None:
    import random

    rnd = random.Random(seed)
    texts = [SENTENCES[i] for i in start]
    deleted: list[str] = []
    # Everything starts translated.
    catalog = Catalog((HEADER, *(Message(t, f"[{n}] {t[::-1]}") for n, t in enumerate(dict.fromkeys(texts)))))
    ever: list[Message] = [m for m in catalog.messages if m.has_translation and not m.is_header]
    for op in ops:
        if op == "translate":  # a translator fills in and reviews
            catalog = Catalog(tuple(
                m if m.is_header or m.obsolete else Message(m.msgid, m.msgstr or f"new {m.msgid[::-1]}", m.msgctxt,
                                                            references=m.references)
                for m in catalog.messages
            ))
            ever += [m for m in catalog.entries]
            continue
        texts = _apply(op, texts, deleted, rnd)
        result = merge_catalogs(catalog, _template(texts))
        # What is written and read back is what counts.
        after = parse_po(format_po(result.catalog).encode(), "after.po")
        before_all = Catalog((HEADER, *ever))
        assert lost_translations(before_all, after) == []
        for m in after.entries:  # nothing published that a reviewer has not seen
            if m.translated:
                assert any(e.msgid == m.msgid or normalize(e.msgid) == normalize(m.msgid) for e in ever)
        catalog = after


def test_memory_exact_match_beats_a_fuzzy_match_in_the_catalog() -> None:
    own = Catalog((HEADER, Message("Belarus must support Ukraine now", "Беларусь павінна падтрымаць Украіну цяпер")))
    other = Catalog((HEADER, Message("Belarus must support Ukraine", "Беларусь павінна падтрымаць Украіну")), "locales/be/LC_MESSAGES/x.po")
    result = merge_catalogs(own, _template(["Belarus must support Ukraine"]), memory=[other])
    entry = result.catalog.find("Belarus must support Ukraine")
    assert entry is not None and entry.translated and entry.msgstr == "Беларусь павінна падтрымаць Украіну"
    assert result.decisions[0].kind == "memory" and result.decisions[0].source == "locales/be/LC_MESSAGES/x.po"
    # The catalog's own old translation is not lost: it stays as an obsolete entry.
    assert [m.msgid for m in result.catalog.obsolete] == ["Belarus must support Ukraine now"]
