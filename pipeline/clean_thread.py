"""A thread of posts copied from a social site (Mastodon, X, Bluesky, Threads): every post
under a header of the poster's name, ``@handle`` and time, with its buttons below; and a chat
(Discord, Slack) with an article pasted into it.

The article is the posts of the thread's author (the first header's handle); a post under
another handle is a reply, and replies are not the article, however well written.  The header
repeated over each of the author's later posts, and the buttons under every post, are the
site's.  In a chat, the article is the long messages; the short ones are chat.  Clean-up
(:mod:`pipeline.clean`) asks :func:`find_thread` and :func:`chat_drops` for this before it
looks for the body, so a reply between two posts does not end the article there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipeline.clean_features import ends_sentence, words
from pipeline.clean_phrases import CLOCK_TIME, Drop, is_reactions
from pipeline.clean_shapes import is_dateline, normalize

# "@yanadub", "@yanadub@mastodon.social", "@yanadub.bsky.social"
_HANDLE = r"@[A-Za-z0-9_][\w.-]*(?:@[\w-]+(?:\.[\w-]+)+)?"
_HANDLE_LINE = re.compile(rf"^({_HANDLE})$")
# "Yana Dubrouskaya @yanadub · Nov 29" (an X copy: name, handle and time on one line)
_HEADER_LINE = re.compile(rf"^(?P<name>[^@\n]{{1,60}}?)\s+(?P<handle>{_HANDLE})(?:\s*[·•]\s*(?P<when>.{{1,40}}))?$")
_MONTH_DAY = re.compile(
    r"^(?:\d{1,2}\.?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|jän|mär|okt|dez"
    r"|янв|фев|мар|апр|мая|июн|июл|авг|сен|окт|ноя|дек|сту|лют|сак|кра|тра|чэр|ліп|жні|вер|кас|ліс|сне"
    r"|січ|бер|кві|тра|чер|лип|сер|вер|жов|лис|гру|sty|lut|kwi|maj|cze|lip|sie|wrz|paź|lis|gru)[\w.]*\.?(?:\s+\d{1,2})?(?:,?\s+\d{4})?$",
    re.IGNORECASE,
)
_AGO = re.compile(r"^\d{1,3}\s?(?:s|m|h|d|w|min|mins|hrs?|std\.?|ч\.?|мин\.?|гадз\.?|хв\.?|год\.?|godz\.?|dni|дн\.?)$", re.IGNORECASE)
_MAX_POST_UNITS = 6  # a post is a few paragraphs; more under one header is not a thread


@dataclass(frozen=True)
class Post:
    header: range  # the units of its header (name, handle, time)
    body: range  # the units under it, up to the next header
    handle: str


@dataclass(frozen=True)
class Thread:
    author: str  # the first post's handle
    posts: tuple[Post, ...]

    @property
    def start(self) -> int:
        return self.posts[0].header.start


def _when(text: str) -> bool:
    return is_dateline(text) or bool(_MONTH_DAY.match(text) or _AGO.match(text))


def _header_at(texts: Sequence[str], i: int) -> tuple[range, str] | None:
    """The header whose handle is unit ``i``: its units and the handle, or None."""
    one = _HEADER_LINE.match(texts[i])
    if one is not None and len(words(one.group("name"))) <= 6 and not ends_sentence(one.group("name")):
        return range(i, i + 1), one.group("handle").casefold()
    alone = _HANDLE_LINE.match(texts[i])
    if alone is None:
        return None
    first = i - 1 if i > 0 and len(texts[i - 1]) <= 60 and not ends_sentence(texts[i - 1]) and not texts[i - 1].startswith("@") else i
    last = i + 1 if i + 1 < len(texts) and _when(texts[i + 1]) else i
    return range(first, last + 1), alone.group(1).casefold()


def find_thread(texts: Sequence[str]) -> Thread | None:
    """The thread on a page of units ``texts``, or None when the page is not one: at least
    three post headers, none of the posts longer than a few units, and either two posts or
    more under the first post's handle, or replies addressed to someone ("@yanadub Thank you")."""
    headers: list[tuple[range, str]] = []
    for i in range(len(texts)):
        found = _header_at(texts, i)
        if found is not None and (not headers or found[0].start > headers[-1][0].stop - 1):
            headers.append(found)
    if len(headers) < 3:
        return None
    posts = []
    for n, (header, handle) in enumerate(headers):
        stop = headers[n + 1][0].start if n + 1 < len(headers) else min(len(texts), header.stop + _MAX_POST_UNITS)
        body = range(header.stop, stop)
        if n + 1 < len(headers) and sum(1 for j in body if len(words(texts[j])) >= 5) > _MAX_POST_UNITS:
            return None  # an article that quotes posts, not a thread (its buttons and counts are short)
        posts.append(Post(header, body, handle))
    author = posts[0].handle
    others = [p for p in posts if p.handle != author]
    answers = sum(1 for p in others if any(texts[j].startswith("@") for j in p.body))
    if sum(1 for p in posts if p.handle == author) < 2 and answers * 2 < len(others):
        return None  # posts of several accounts, none of them a thread or its replies: quoted posts
    return Thread(author, tuple(posts))


def _content(text: str) -> bool:
    return len(words(text)) >= 5 or (ends_sentence(text) and len(words(text)) >= 2)


def thread_drops(thread: Thread, texts: Sequence[str], drops: Mapping[int, Drop]) -> tuple[dict[int, Drop], frozenset[int]]:
    """What the thread decides, given the line rules' ``drops``: what is above the first post
    is the site's; a reply (a post under another handle, or the author's post addressed to
    someone, "@olena I'll ask them") is dropped whole; so are the header over each of the
    author's later posts and the counts and buttons under a post's text.  Also returns the
    units clean-up should weigh as neither for nor against the body: the thread goes on below
    a reply."""
    out: dict[int, Drop] = {}
    neutral: set[int] = set()
    for j in range(thread.start):
        out[j] = Drop("site-header", f"above the first post of {thread.author}'s thread")
    for n, post in enumerate(thread.posts):
        content = [j for j in post.body if j not in drops and _content(texts[j])]
        if post.handle != thread.author or (content and texts[content[0]].startswith("@")):
            stop = post.body.stop
            if n + 1 == len(thread.posts):  # the last reply: its text, up to its buttons
                stop = next((j for j in post.body if j in drops and j > post.body.start), stop)
            for j in range(post.header.start, stop):
                out[j] = Drop("comments", f"a reply by {post.handle} under the thread of {thread.author}")
                neutral.add(j)
            continue
        if n > 0:
            for j in post.header:
                out[j] = Drop("article-chrome", f"the header over each post of {thread.author}'s thread")
                neutral.add(j)
        else:
            for j in post.header:
                if j > post.header.start and _HANDLE_LINE.match(texts[j]):
                    out[j] = Drop("article-chrome", "the author's handle under the name (the byline)")
        last = content[-1] if content else post.body.start - 1
        for j in post.body:
            if j > last and j not in drops and not (n == 0 and j == last + 1 and is_dateline(texts[j])):
                out[j] = Drop("article-chrome", "the counts and buttons under a post")
            if j > last or j in drops:
                neutral.add(j)
    return out, frozenset(neutral)


# A chat's message header (Discord, Slack, Matrix): "bartek_hjn — Dzisiaj o 14:12", "Kuba Z. — Yesterday at 9:05 PM".
_CHAT_HEADER = re.compile(
    r"^(?P<name>[^—–\n]{1,40}?)\s+[—–]\s+(?:(?:today|yesterday|dzisiaj|wczoraj|сегодня|вчера|сёння|учора|сьогодні|вчора|heute|gestern)\b.{0,8}?"
    r"\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?|\d{1,2}[./]\d{1,2}[./]\d{2,4},?\s+\d{1,2}:\d{2})$",
    re.IGNORECASE,
)


def is_message_header(text: str) -> bool:
    """A chat message's header line: "name — Today at 14:12" (it never continues the line above)."""
    return bool(_CHAT_HEADER.match(text))


_LINK = re.compile(r"https?://\S+|www\.\S+")
_TIME_ONLY = re.compile(r"^\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?$", re.IGNORECASE)


def chat_drops(texts: Sequence[str], drops: Mapping[int, Drop]) -> tuple[dict[int, Drop], frozenset[int]]:
    """A chat copied with an article pasted into it (Discord, Slack): three message headers or
    more ("name — Today at 14:12").  A message of fewer than 40 words (a link's own words not
    counted) is chat, dropped whole with the preview under its link; a long one (the pasted
    article, in pieces) is kept without its header and its continuation times ("14:22").  What
    is above the first message is the site's.  Returns the drops and the units to weigh as
    nothing (nothing at all when the page is not a chat)."""
    headers = [(i, m.group("name")) for i, t in enumerate(texts) if (m := _CHAT_HEADER.match(t)) is not None]
    if len(headers) < 3:
        return {}, frozenset()
    out: dict[int, Drop] = {}
    neutral: set[int] = set()
    for j in range(headers[0][0]):
        out[j] = Drop("site-header", "above the chat's first message")
    for n, (start, name) in enumerate(headers):
        stop = headers[n + 1][0] if n + 1 < len(headers) else len(texts)
        body = [j for j in range(start + 1, stop) if j not in drops]
        if n + 1 == len(headers):  # the last message: up to the chat's furniture below it
            body = body[: next((k for k, j in enumerate(body) if k and j - body[k - 1] > 1), len(body))]
        out[start] = Drop("article-chrome", f"the header of {name}'s message in the chat")
        neutral.add(start)
        link = next((k for k, j in enumerate(body) if _LINK.search(texts[j])), None)
        said = body if link is None else body[: link + 1]
        size = sum(len(words(_LINK.sub(" ", texts[j]))) for j in said if not _TIME_ONLY.match(texts[j]))  # (a link's words are no text)
        if link is not None and size < 40 and len(body) - len(said) <= 4:
            for j in body[len(said) :]:  # the site's name, title and description the chat shows under a link
                out[j] = Drop("related-link", f"the preview of a link {name} posted in the chat")
                neutral.add(j)
            body = said
        if size < 40:
            for j in body:
                out[j] = Drop("comments", f"a message by {name} in the chat around the article")
                neutral.add(j)
        else:
            for j in body:
                if _TIME_ONLY.match(texts[j]):
                    out[j] = Drop("article-chrome", "the time of a message's next part in the chat")
                    neutral.add(j)
        neutral.update(j for j in range(start + 1, stop) if j in drops)
    return out, frozenset(neutral)


__all__ = ["Post", "Thread", "chat_drops", "feed_drops", "find_thread", "is_message_header", "thread_drops"]


# What a channel's feed (a Telegram channel's web preview, a WhatsApp channel) prints under each
# post: the views and the time ("6.12K  14:05", "11.4K  edited  19:40"), the reactions
# ("👍 87 😢 12"), the time alone ("19:40").
_VIEWS_TIME = re.compile(r"^\d[\d.,]*\s*[kKmMкКтис.]*\s+(?:edited\s+|изменено\s+|зменена\s+|змінено\s+)?\d{1,2}:\d\d$")
_TIME = re.compile(rf"^{CLOCK_TIME}$", re.IGNORECASE)


def _footer(text: str) -> tuple[bool, bool]:
    """Is ``text`` a line of a post's footer, and does it count the post's readers or reactions?"""
    if _VIEWS_TIME.match(text) or is_reactions(text):
        return True, True
    return bool(_TIME.match(text)), False


def feed_drops(texts: Sequence[str], drops: Mapping[int, Drop], title: str = "") -> dict[int, Drop]:
    """A channel's feed: posts one under another, each over its footer of views, reactions and
    time, three or more of them counted.  The article is one post (the one with the manifest's
    title, else the longest); the others are the channel's, and so is what comes before the
    first post's and after the last footer."""
    marks = [_footer(t) for t in texts]
    groups: list[tuple[int, int]] = []  # (first, last) unit of each footer
    counted = 0
    i = 0
    while i < len(texts):
        if not marks[i][0]:
            i += 1
            continue
        j = i
        while j + 1 < len(texts) and marks[j + 1][0]:
            j += 1
        groups.append((i, j))
        counted += any(counts for _, counts in marks[i : j + 1])
        i = j + 1
    if counted < 3:
        return {}
    segments = [range(0, groups[0][0])] + [range(a[1] + 1, b[0]) for a, b in zip(groups, groups[1:])]
    wanted = normalize(title) if title else ""

    def size(seg: range) -> int:
        return sum(len(words(texts[k])) for k in seg if k not in drops)

    chosen = next((s for s in segments if wanted and any(normalize(texts[k]) == wanted for k in s)), None)  # (as the title finder matches it)
    if chosen is None:
        chosen = max(segments, key=size)
        if size(chosen) * 2 < sum(size(s) for s in segments):
            return {}  # no post stands out: an article with embedded posts and their counters, not a feed
    found: dict[int, Drop] = {}
    footers = {k for a, b in groups for k in range(a, b + 1)}
    for k in range(len(texts)):
        if k not in chosen and k not in drops and k not in footers:
            found[k] = Drop("feed-post", "another post of the channel's feed, or the feed's furniture")
    # the channel's name over each post, the chosen one's too: "Савіцкі. Нататкі"
    heads = [texts[k] for s in segments if s is not chosen for k in list(s)[:3]]
    for k in list(chosen)[:3]:
        if k not in drops and heads.count(texts[k]) >= 2:
            found[k] = Drop("feed-post", "the channel's name over each of its posts")
    return found
