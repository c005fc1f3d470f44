"""Clean-up rules: what in a saved web page is not part of the article.

Each rule is general (phrase patterns, keyword density, duplicate detection, teaser shapes),
never a list of one corpus's lines.  A rule looks at a :class:`Unit` (one source line, or
hard-wrapped lines joined) in the context of the whole page and either passes or returns a
reason.  Rules run in order over the units that are still kept, so that, for example, a
"More..." teaser is gone before duplicates are judged.  The ingest stage records every drop
with its rule name: the audit trail.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

BULLETS = "•‣◦▪●◆■–"
_TERMINAL = re.compile(r"[.!?…:;][\"'”’»“«)\]]*$")
_WORD = re.compile(r"[^\W\d_][\w’'\-]*", re.UNICODE)
# Short function words that stay lowercase in English title case.
_SMALL_WORDS = frozenset(
    "a an the and or but nor of in on at to for by with from as is are be if vs via per up out off so yet "
    "into onto over than that who what its it".split()
)


@dataclass(frozen=True)
class Unit:
    """A candidate block: the stripped text and the source lines it spans."""

    text: str
    line: int
    end_line: int
    blank_before: bool  # separated from the previous unit by a blank line (or first on the page)

    @property
    def lines(self) -> range:
        return range(self.line, self.end_line + 1)


@dataclass(frozen=True)
class Drop:
    """A rule's verdict on one unit."""

    rule: str
    reason: str


# ---------------------------------------------------------------------------------------
# Shapes shared by the rules and by block classification


def normalize(text: str) -> str:
    """A comparison key: case, quotes, dashes, spacing and final punctuation folded."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[‘’‚‛`´]", "'", text)
    text = re.sub(r"[“”„‟«»\"]", '"', text)
    text = re.sub(r"[‐‑‒–—―]", "-", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(" .!?…:;\"'")


def strip_bullet(text: str) -> str | None:
    """The item text if ``text`` starts with a bullet character, else None."""
    if text and text[0] in BULLETS and (len(text) == 1 or text[1].isspace()):
        return text[1:].strip()
    return None


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def title_case_ratio(text: str) -> float:
    """Share of significant words that start with a capital letter (0 if there are none)."""
    significant = [w for w in words(text) if w.casefold() not in _SMALL_WORDS]
    if len(significant) < 2:
        return 0.0
    return sum(1 for w in significant if w[0].isupper()) / len(significant)


def is_heading_shaped(text: str) -> bool:
    """Short, unpunctuated (a question mark is allowed), and in title case."""
    stripped = text.rstrip()
    if len(stripped) > 120 or len(words(stripped)) > 16:
        return False
    if ends_sentence(stripped) and not stripped.endswith("?"):
        return False
    return title_case_ratio(stripped) >= 0.75


def is_blurb_shaped(text: str) -> bool:
    """A one-sentence summary with no final punctuation, as under a teaser headline."""
    return 40 <= len(text) <= 300 and not ends_sentence(text) and not is_heading_shaped(text)


# ---------------------------------------------------------------------------------------
# Line rules: judge one unit on its own text


def _pattern_rule(name: str, reason: str, *patterns: str, max_len: int = 200) -> Callable[[str], Drop | None]:
    compiled = [re.compile(p, re.IGNORECASE) for p in patterns]

    def rule(text: str) -> Drop | None:
        if len(text) <= max_len and any(p.search(text) for p in compiled):
            return Drop(name, reason)
        return None

    return rule


_page_chrome = _pattern_rule(
    "page-chrome",
    "page furniture (navigation marker, menu or widget label)",
    r"^(top|bottom|end) of (the )?page$",
    r"^(back to top|skip to (the )?(main )?content|main menu|menu|search|home|print( this( article)?)?"
    r"|share( this( article| story| post)?)?|log ?in|sign ?in|advertisement|sponsored|related( articles| posts| stories)?"
    r"|read next|most read|comments?|leave a (comment|reply)|next article|previous article|cookie settings)$",
)
_newsletter = _pattern_rule(
    "newsletter",
    "newsletter offer or sign-up prompt",
    r"^newsletter( offer| sign[- ]?up)?$",
    r"\bsubscribe\b.{0,60}\bnewsletters?\b",
    r"\bsign up\b.{0,40}\b(newsletter|updates|mailing list)\b",
    r"^subscribe( now| today| here)?[.!]?$",
    max_len=240,
)
_support_prompt = _pattern_rule(
    "support-prompt",
    "fundraising prompt of the publishing site",
    r"^why (support|donate to|subscribe to|fund)\b.*\?$",
    r"^(support|fund) (us|our (work|journalism|reporting))\b",
    r"^(become a|join our) (member|patron|supporter)s?\b",
)
_article_chrome = _pattern_rule(
    "article-chrome",
    "article page furniture (byline widget, filing label, counter, tags)",
    r"^written by:?$",
    r"^(this (article|post|story|entry) was )?(filed|posted|published) (under|in):?$",
    r"^(tags?|topics?|categories|filed under)\s*:",
    r"^\d[\d,.\u00a0 ]*\s*k?\s*(reads|views|comments|shares|likes)$",
)
_social = _pattern_rule(
    "social",
    "social-media icon or follow prompt",
    r"^((grey|gray|white|black|blue|red|colou?r(ed)?)\s+)?(facebook|twitter|x|youtube|instagram|linkedin|telegram|tiktok"
    r"|whatsapp|vk|rss|e-?mail|mastodon|bluesky|threads|reddit|pinterest)(\s+(icon|logo|link|button))?$",
    r"^(follow|like|join)\s+(us|[\w’' ]{1,40}?)\s+(on|for)\b.{0,60}$",
    r"^share (on|via) \w+$",
)
_bare_url = _pattern_rule("bare-url", "bare link line (the source URL belongs in the manifest)", r"^(https?://|www\.)\S+$")

_PRIVACY_TERMS = re.compile(
    r"e-?mail address|unsubscribe|opt[- ]out|privacy (notice|policy|statement)|\bcookies?\b|analytics|\btracking\b"
    r"|personal data|\bgdpr\b|terms of (service|use)",
    re.IGNORECASE,
)


def _privacy(text: str) -> Drop | None:
    found = {m.group(0).casefold() for m in _PRIVACY_TERMS.finditer(text)}
    if len(found) >= 2:
        return Drop("privacy", f"privacy or tracking boilerplate ({', '.join(sorted(found))})")
    return None


_SPAM_WORDS = frozenset(
    "escort escorts bayan casino casinos viagra cialis porn porno xxx betting bet365 slot slots jackpot payday"
    " replica hookup camgirl onlyfans".split()
)


def _spam(text: str) -> Drop | None:
    tokens = [w.casefold() for w in words(text)]
    hits = sum(1 for t in tokens if t in _SPAM_WORDS)
    if hits >= 3 and hits / len(tokens) >= 0.2:
        return Drop("seo-spam", f"spam keywords make up {hits} of {len(tokens)} words")
    return None


_DONATE = re.compile(
    r"\b(please )?(donate|donation|donating)\b|\bsupport (us|our work|our journalism)\b|\bbecome a (member|patron|supporter)\b"
    r"|\bgenerosity of (its|our) readers\b",
    re.IGNORECASE,
)
_SELF = re.compile(r"\b(we|us|our)\b", re.IGNORECASE)


def _donation(text: str) -> Drop | None:
    if _DONATE.search(text) and _SELF.search(text):
        return Drop("donation-appeal", "the publisher's appeal for donations")
    return None


LINE_RULES: tuple[Callable[[str], Drop | None], ...] = (
    _spam,
    _page_chrome,
    _newsletter,
    _privacy,
    _social,
    _support_prompt,
    _article_chrome,
    _donation,
    _bare_url,
)


def line_verdict(text: str) -> Drop | None:
    """The first line rule that drops ``text`` (bullets are judged by their item text)."""
    item = strip_bullet(text)
    subject = item if item is not None else text
    for rule in LINE_RULES:
        verdict = rule(subject)
        if verdict is not None:
            return verdict
    return None


# ---------------------------------------------------------------------------------------
# Context rules: judge units against the rest of the page

_MORE = re.compile(r"\s*(\bmore|\bread more|\bcontinue reading)\s*(\.\.\.|…|›|»|>+)?\s*$", re.IGNORECASE)
_BYLINE = re.compile(r"^by\s+\S", re.IGNORECASE)


def site_header(units: Sequence[Unit], title: str) -> dict[int, Drop]:
    """A cluster of lines at the very top, packed without a blank line, is the site's header.

    A well-formed article starts with its title on a line of its own.  Lines that precede it
    glued together (tag lists, slogans, menu items) are site chrome.  The manifest title and
    byline-shaped lines are never taken for chrome.
    """
    cluster: list[int] = []
    for i, unit in enumerate(units):
        if i and unit.blank_before:
            break
        cluster.append(i)
    if len(cluster) < 2 or len(cluster) == len(units):
        return {}
    wanted = normalize(title) if title else None
    if any(normalize(units[i].text) == wanted or _BYLINE.match(units[i].text) for i in cluster):
        return {}
    return {i: Drop("site-header", "site header: lines packed together above the article title") for i in cluster}


def more_teasers(units: Sequence[Unit], title: str = "") -> dict[int, Drop]:
    """A summary ending in "More..." whose text is repeated by the article that follows."""
    drops: dict[int, Drop] = {}
    for i, unit in enumerate(units):
        match = _MORE.search(unit.text)
        if not match or match.start() == 0:
            continue
        body = normalize(unit.text[: match.start()])
        later = " ".join(normalize(u.text) for u in units[i + 1 :])
        probe = body[:80]
        if probe and probe in later:
            drops[i] = Drop("more-teaser", '"More..." teaser repeating the text that follows')
    return drops


def teasers(units: Sequence[Unit], title: str = "") -> dict[int, Drop]:
    """A title-case headline followed by an unpunctuated blurb, inside the body: a link to
    another article.  Real section headings are followed by full sentences; the article's
    own title and standfirst (the manifest title) are never a teaser."""
    drops: dict[int, Drop] = {}
    own = normalize(title) if title else None
    for i in range(1, len(units) - 2):
        head, blurb = units[i], units[i + 1]
        if normalize(head.text) == own:
            continue
        if strip_bullet(head.text) is not None or strip_bullet(blurb.text) is not None:
            continue
        if is_heading_shaped(head.text) and blurb.blank_before and is_blurb_shaped(blurb.text):
            reason = "teaser for another article: headline followed by an unpunctuated blurb"
            drops[i] = Drop("teaser", reason)
            drops[i + 1] = Drop("teaser", reason)
    return drops


def duplicates(units: Sequence[Unit], title: str = "") -> dict[int, Drop]:
    """Exact repeats (after folding case, quotes and spacing) and pull quotes: a passage that
    repeats part of a longer block of the same page."""
    drops: dict[int, Drop] = {}
    keys = [normalize(u.text) for u in units]
    first_seen: dict[str, int] = {}
    for i, key in enumerate(keys):
        if not key:
            continue
        if key in first_seen:
            drops[i] = Drop("duplicate", f"repeats line {units[first_seen[key]].line}")
        else:
            first_seen[key] = i
    for i, key in enumerate(keys):
        if i in drops or i == 0 or len(key) < 60 or len(words(key)) < 8:
            continue
        for j, other in enumerate(keys):
            if j != i and j not in drops and len(other) > len(key) and key in other:
                drops[i] = Drop("pull-quote", f"pull quote repeating part of line {units[j].line}")
                break
    return drops


ContextRule = Callable[[Sequence[Unit], str], dict[int, Drop]]
CONTEXT_RULES: tuple[ContextRule, ...] = (more_teasers, teasers, duplicates)
