"""Who published a page, as its text says: the holder its copyright line names, the name a
publication gives itself ("Thanks for reading Dnipro Dispatch!"), the full name behind the
initials a site goes by ("CESS" is the Centre for Eastern Security Studies), and the platforms
that host other people's publications (a post "on Medium" is not Medium's).

Both readers use these: the plain-text reader on its units, the HTML reader on its blocks after
trafilatura's metadata.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.clean_features import words
from pipeline.clean_shapes import LEGAL_FORM

COPYRIGHT = re.compile(r"(?:^|\s)(?:©|\(c\)|copyright\b)\s*(.+)$", re.IGNORECASE)


def copyright_holder(text: str) -> str:
    """The holder a copyright line names ("© 2026 Podlasie Media Sp. z o.o. Copying without
    permission prohibited" is Podlasie Media), or ""."""
    m = COPYRIGHT.search(text)
    if m is None or ("©" not in text and "(c)" not in text.casefold() and not re.search(r"\b(?:19|20)\d\d\b", text)):
        return ""  # the word alone, with no sign and no year, is a link's label: "Copyright Policy"
    holder = m.group(1)
    # a legal form after a name ends it ("Podlasie24 TV sp. z o.o. 2026  Privacy  Cookies");
    # one before it is the start ("UAB „Nemuno žinios“")
    form = LEGAL_FORM.search(holder)
    if form is not None and re.search(r"[^\W\d_]", holder[: form.start()]):
        holder = holder[: form.start()]
    holder = re.split(r"\s{2,}|\t", holder.strip())[0]  # a footer's items apart by runs of spaces
    rest = re.split(
        r"\s[·|]\s|\.\s|\ball rights reserved\b|\balle rechte\b|\bвсе права\b|\bусе правы\b|\b(?:всі|усі) права\b|\bwszelkie prawa\b"
        r"|\s(?:or|and) its (?:affiliated|affiliates|licensors)",
        LEGAL_FORM.sub(" ", holder),  # ("Sp. z o.o." is no sentence end)
        flags=re.IGNORECASE,
    )[0]
    rest = re.sub(r"\b(?:\d{4}(?:\s*[-–]\s*\d{4})?)\b|©|\(c\)", " ", rest, flags=re.IGNORECASE)
    return " ".join(rest.split()).strip(" .,;:")


# Where a publication names itself: "Thanks for reading Dnipro Dispatch!", "Minsk Ledger is a
# reader-supported publication", "You're reading The Eastern Ledger", "Published in The
# Borderline", in the pipeline's languages.  The name runs to the sentence's end (sentence case:
# "Дзякуй, што чытаеце Памежныя нататкі!").
_SELF_NAMED = re.compile(
    r"(?:^|[.!?]\s+)(?i:thanks? (?:you )?for reading|you(?:'|’)?re reading|you are reading|danke(?:,)? (?:dass sie|dass du|fürs lesen von)"
    r"|спасибо, что читаете|дзякуй, што чытаеце|дякуємо, що читаєте|dziękujemy za (?:lekturę|czytanie)) ([^\s!.?,;:][^!.?,;:\n]{1,59}?)(?=[!.?,;:]|$)"
    r"|^([^\s.!?][^.!?\n]{1,59}?) (?i:is a reader-supported publication|is reader-supported|ist leserfinanziert|ist ein leserfinanziertes)"
    r"|^(?i:published in) ([^\s.!?][^.!?\n]{1,59}?)$",
)


def self_named(texts: Iterable[str]) -> str:
    """The name a publication gives itself in ``texts`` ("Thanks for reading X!"), or ""."""
    for text in texts:
        found = _SELF_NAMED.search(text)
        if found is not None:
            name = next(g for g in found.groups() if g is not None).strip()
            if name[0].isupper() or name[0] in "«„“\"":
                return name
    return ""


# Sites that host other people's publications: a page's site name that says only where it is.
PLATFORMS = frozenset(
    "medium substack tumblr notion linkedin blogger blogspot wordpress wordpress.com telegram telegraph facebook instagram"
    " x twitter threads mastodon livejournal ghost beehiiv buttondown mailchimp wix tilda squarespace webflow weebly"
    " youtube reddit patreon discord teletype dzen яндекс.дзен yahoo msn flipboard gmail outlook thunderbird".split()
) | {"google docs", "google sites", "yahoo news", "google news", "apple news", "яндекс дзен", "yahoo mail", "proton mail"}


def is_platform(name: str) -> bool:
    return " ".join(name.casefold().split()) in PLATFORMS


# Words an organisation's initials skip: "Centre for Eastern Security Studies" is CESS.
_SMALL = frozenset("of for and the on in at to für und der die des das de du la le et".split()
                   + "і и па по для ў в у та й z i w na dla".split())
_ACRONYM = re.compile(r"[A-ZА-ЯЁЎІЇЄҐ]{2,7}")


def expand_acronym(name: str, texts: Iterable[str]) -> str:
    """The full name in ``texts`` whose initials ``name`` is ("BIA": "Белорусское информационное
    агентство"), or "" (``name`` is not initials, or the page never spells them out)."""
    if not _ACRONYM.fullmatch(name):
        return ""
    for text in texts:
        tokens = words(text)
        for start, first in enumerate(tokens):
            if first[0] != name[0] or not first[0].isupper():
                continue
            letters, end = 0, start
            while end < len(tokens) and letters < len(name) and end - start <= len(name) + 3:
                token = tokens[end]
                if token[0].upper() == name[letters]:
                    letters += 1
                elif token.casefold() not in _SMALL:
                    break
                end += 1
            if letters == len(name):
                found = re.search(r"\W+".join(re.escape(t) for t in tokens[start:end]), text)
                if found is not None:
                    return found.group(0).strip(" .,;:")
    return ""
