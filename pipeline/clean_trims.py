"""Junk glued to the end of an article's line: link text ("read more", "Weiterlesen",
"Читать далее", "opens new tab", "[Read this statement in Russian]"), a "Read more: <headline>"
teaser, or spam keywords after the last sentence.  Clean-up (:mod:`pipeline.clean`) cuts it off
a kept unit as a partial drop, with its columns on the source line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.clean_features import spam_hits, words


@dataclass(frozen=True)
class Trim:
    """Junk cut off the end of a kept unit: the text that stays, and what went where."""

    text: str  # the unit's text without the junk
    removed: str  # the junk as it stands on the source line
    line: int  # the source line the junk is on (the unit's last line)
    columns: tuple[int, int]  # 1-based first and last column of the junk on that line
    reason: str


_LINK_END = r"\s*:?\s*(?:\.\.\.|…|›|»|>+|→)?"
# Where a printed story jumps to another page: "▸ Continued on A4", "Fortsetzung auf Seite 4".
JUMP_AWAY = (
    r"[▸►→»>]?\s*(?:continued|cont(?:['’]d|\.)) on (?:page )?[A-Z]?\d{1,3}|fortsetzung auf seite \d{1,3}"
    r"|продолжение на (?:стр\.|странице) ?\d{1,3}|працяг на (?:стар\.|старонцы) ?\d{1,3}|продовження на (?:стор\.|сторінці) ?\d{1,3}"
    r"|ciąg dalszy na (?:str\.|stronie) ?\d{1,3}"
)
_JUNK_SUFFIX = re.compile(
    r"(?:\s+|(?<=[.!?…”\"»)]))("
    r"(?:read more|continue reading(?: (?:in|on) (?:the )?(?:app|website|site|web))?|keep reading|read the full (?:story|article|report|statement)|weiterlesen|mehr lesen"
    rf"|читать (?:далее|дальше|полностью)|чытаць далей|читати далі|czytaj (?:dalej|więcej)){_LINK_END}"
    # a printed story's jump to another page: "... a full closure of the ▸ Continued on A4"
    rf"|{JUMP_AWAY}"
    # a bare "next" with its arrow: "... в этом сомневаются Далее »", "... weiter →"
    r"|(?:далее|дальше|далей|далі|dalej|weiter|more|mehr|next)\s*(?:›|»|>+|→)"
    r"|(?:purchase licensing rights)?,? opens (?:a )?new (?:tab|window)|\(opens (?:in )?(?:a )?new (?:tab|window)\)"
    # a photo's zoom button after its caption: "... Фото: «Гродно·Плюс» Увеличить"
    r"|(?:enlarge|zoom|vergrößern|увеличить|павялічыць|збільшити|powiększ)(?: (?:image|photo|bild|фото|фота|zdjęcie))?"
    r"|purchase licensing rights"
    # a footnote's link back to its call: "... 29 November. ↩", Markdown's "[↩](#fnref2)"
    r"|\[?[↩⤴↑]\ufe0e?\]?(?:\(#[^()\s]*\))?"
    r"|share this (?:article|story|post|page)|diesen artikel teilen|поделиться (?:статьей|материалом)|падзяліцца"
    r"|udostępnij (?:artykuł|ten artykuł)"
    # a bracketed link after the text: "[Read this statement in Belarusian]", "[Читать по-русски]"
    r"|\[(?:read|see|view|download|watch|listen|lesen|ansehen|herunterladen|читать|смотреть|скачать|чытаць|глядзець"
    r"|читати|дивитися|czytaj|zobacz|pobierz)\b[^\[\]]{0,80}\]"
    r")\s*$"
    # words that end a sentence too ("... to learn more"): junk only after a sentence's end
    r"|(?<=[.!?…”\"»)])\s*("
    rf"(?:learn more|find out more|read on|mehr erfahren|подробнее|падрабязней|детальніше|dowiedz się więcej){_LINK_END}"
    r")\s*$"
    # "Updated 3 hours ago" glued to the time of a story ("... 2:41 PM GMT+2Updated 3 hours ago")
    r"|(?<=\S)("
    r"(?:last )?updated:? \d+ (?:min(?:ute)?s?|hours?|hrs?|days?) ago|aktualisiert(?: vor)? \d+ (?:minuten|stunden|tagen)(?: her)?"
    r"|обновлено:? \d+ (?:минут\w*|час\w*|дн\w*) назад|абноўлена:? \d+ (?:хвілін\w*|гадзін\w*) таму"
    r")\s*$"
    # a teaser glued after the last sentence: "... on Monday. Read more: Poland closes a crossing"
    r"|(?<=[.!?…”\"»)])\s*("
    r"(?:read more|read also|also read|see also|related|mehr zum thema|lesen sie auch|читайте также|читайте тоже"
    r"|чытайце таксама|читайте також|czytaj (?:też|także|również)|zobacz (?:też|także|również))\s*:\s*[^.!?…:]{3,140}?"
    r")\s*$",
    re.IGNORECASE,
)
# Spam glued after the last sentence of a hacked page's paragraph: "... said. slot gacor maxwin".
_SPAM_TAIL = re.compile(r"(?<=[.!?…”\"»])(\s+[^.!?…”\"»\n]{2,120})$")


def _spam_tail(text: str) -> re.Match[str] | None:
    found = _SPAM_TAIL.search(text)
    if found is None:
        return None
    tail = words(found.group(1))
    hits = spam_hits(tail)
    return found if tail and len(tail) <= 12 and hits >= 2 and hits / len(tail) >= 0.2 else None  # one hit may be a word


def trim_suffix(text: str, line: int, last_line: str) -> Trim | None:
    """The junk glued to the end of a unit's ``text`` ("… in Vilnius. read more"), if any:
    link text, or spam keywords after the last sentence.  ``line`` is the unit's last source
    line and ``last_line`` that line as it stands in the file."""
    what = "link text"
    in_text, on_line = _JUNK_SUFFIX.search(text), _JUNK_SUFFIX.search(last_line.rstrip())
    if in_text is None or on_line is None:
        what = "spam keywords"
        in_text, on_line = _spam_tail(text), _spam_tail(last_line.rstrip())
    if in_text is None or on_line is None:
        return None
    kept = text[: in_text.start()].rstrip()
    if len(words(kept)) < 2:
        return None  # the line is nothing but the junk: a line rule's business
    group = next(g for g in range(1, len(on_line.groups()) + 1) if on_line.group(g) is not None)
    junk = on_line.group(group)
    first, last = on_line.start(group) + 1 + len(junk) - len(junk.lstrip()), on_line.end(group)
    removed = last_line[first - 1 : last]
    return Trim(kept, removed, line, (first, last), f"{what} glued to the end of the line ({removed!r})")
