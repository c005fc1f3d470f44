"""Junk glued to the end of an article's line: link text ("read more", "Weiterlesen",
"Читать далее", "opens new tab", "[Read this statement in Russian]"), a "Read more: <headline>"
teaser, or spam keywords after the last sentence.  Clean-up (:mod:`pipeline.clean`) cuts it off
a kept unit as a partial drop, with its columns on the source line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.clean_features import spam_hits, stoplist, words
from pipeline.clean_shapes import DATE


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
    # the same note in a link's title in the other languages: "(otwiera się w nowej karcie)"
    r"|\((?:öffnet (?:sich )?in (?:einem )?neue[mn] (?:tab|fenster)|otwiera się w now(?:ej|ym) (?:karcie|oknie)"
    r"|открывается в новой (?:вкладке|окне)|откроется в новой (?:вкладке|окне)|адкрываецца ў новай (?:укладцы|акне)"
    r"|відкривається в новій (?:вкладці|вікні)|відкриється в новій (?:вкладці|вікні)"
    r"|external link|link zewnętrzny|externer link|внешняя ссылка|знешняя спасылка|зовнішнє посилання)\)"
    # a mail's link after the text it stands for: "... in der taz. (https://minsker-notizen.de/r/112-1)"
    r"|(?<=[.!?…”\"»])\s*\((?:https?://|www\.)[^\s()]+\)"
    # a mail client's link target or inline picture: "... (AP Photo/Name) <https://...>", "[cid:image002.png@01DD...]"
    r"|<https?://[^<>\s]+>|\[cid:[^\[\]\s]+\]"
    # a vote that an answer helped, glued to it: "... w ciągu 30 dni. 👍 Pomocne (12)"
    r"|(?:[👍👎]\ufe0f?\s*)(?:helpful|hilfreich|полезно|карысна|корисно|pomocne|przydatne)\s*\(\d+\)"
    # a messenger's mark on an edited post, with its time: "... Суспільне Чернігів Відредаговано 10:47", "Edited 9:14"
    r"|(?-i:Edited|Bearbeitet|Изменено|Отредактировано|Зменена|Адрэдагавана|Відредаговано|Змінено|Edytowano)(?:\s+\d{1,2}:\d\d)?"
    # a wiki's failed macro where a ticket was linked: "... MON-214 - Getting issue details... STATUS"
    r"|[A-Z][A-Z0-9]+-\d+ - Getting issue details\.\.\. STATUS"
    # a chat's or a wire's marks: "(edited)", "(edytowano)", and a take's "(MORE)"
    r"|\((?:edited|edytowano|bearbeitet|изменено|змінено|зменена|more|mehr)\)"
    # a heading's anchor link, copied as "#": "Raketen ohne Schlüssel #"
    r"|(?<=[^\W\d_] )#"
    # a share button for one sentence or a quote: "Diesen Satz teilen", "Share this quote"
    r"|(?:diesen satz teilen|zitat teilen|share this (?:sentence|quote)|tweet this|поделиться цитатой|падзяліцца цытатай|поділитися цитатою|udostępnij cytat)"
    # a counter of comments or views glued to a headline: "... в России затоварено 💬 37"
    r"|(?:[💬👁🗨👍❤♥🔥✉]\ufe0f?\s*\d[\d.,]*\s*[kKкК]?\s*)+"
    # a post's counters after its date: "4-12-2026, 10:15 | Просмотров: 1 287 | Комментариев: 3", "| Views: 412"
    r"|(?:\s*[|·•]\s*(?:views|comments|hits|reads|aufrufe|kommentare|просмотров|просмотры|комментариев|комментарии|прагляд\w*|камента\w*"
    r"|перегляд\w*|коментар\w*|wyświetle\w*|odsło\w*|komentarz\w*)\s*:?\s*\d[\d\s\u00a0.,]*[kKкК]?)+"
    # a thread's markers after its first and last post: "Ein Thread. 🧵👇", "... erscheint. /Ende", "(1/11)"
    r"|(?<=[.!?…”\"»):])\s*(?:🧵\ufe0f?\s*)?👇\ufe0f?(?:\s*👇\ufe0f?)*|(?<=[.!?…”\"»)])\s*🧵\ufe0f?"
    r"|(?<=[.!?…”\"»)])\s*/(?:end|ende|fin|конец|канец|кінець|koniec)"
    # a teletext page's subpage counter and page reference: "Grenze zu Belarus     1/3", "... unter Druck zu setzen. >127"
    r"|\d{1,2}/\d{1,2}|>\d{3}"
    # a photo's zoom button after its caption: "... Фото: «Гродно·Плюс» Увеличить", "⤢ На весь екран"
    r"|(?:enlarge|zoom|vergrößern|увеличить|павялічыць|збільшити|powiększ)(?: (?:image|photo|bild|фото|фота|zdjęcie))?"
    r"|(?:[⤢⛶🔍]\ufe0f?\s*)?(?:full ?screen|vollbild|на весь экран|на ўвесь экран|на весь екран|pełny ekran)"
    # a gallery's link after a caption: "... Fot. Marta Jaroszuk Zobacz galerię (12 zdjęć) »"
    r"|(?:(?:see|view) (?:the )?(?:gallery|photos)|galerie ansehen|zur bildergalerie|смотреть (?:галерею|все фото)|глядзець галерэю|дивитися (?:галерею|всі фото)"
    r"|zobacz (?:galerię|zdjęcia))(?:\s*\(\d+[^()]{0,20}\))?(?:\s*[»›→>])?"
    r"|purchase licensing rights"
    # a footnote's link back to its call: "... 29 November. ↩", Markdown's "[↩](#fnref2)"
    r"|\[?[↩⤴↑]\ufe0e?\]?(?:\(#[^()\s]*\))?"
    r"|share this (?:article|story|post|page)|diesen artikel teilen|поделиться (?:статьей|материалом)|падзяліцца"
    r"|udostępnij (?:artykuł|ten artykuł)"
    # a bracketed link after the text: "[Read this statement in Belarusian]", "[Читать по-русски]"
    r"|\[(?:read|see|view|download|watch|listen|lesen|ansehen|herunterladen|читать|смотреть|скачать|чытаць|глядзець"
    r"|читати|дивитися|czytaj|zobacz|pobierz)\b[^\[\]]{0,80}\]"
    # hashtags after the last sentence: "... Пішыце ім лісты. #палітвязні #лісты"
    r"|(?<=[.!?…”\"»)])(?:\s*#[^\W\d_][\w\-]*)+"
    # the separator left over from a meta line's next item: "28 лістапада 2026 г. · "
    r"|(?<=\s)[·•|]"
    r")\s*$"
    # a wiki's section edit link glued to its heading: "History[edit]", "Гісторыя[рэд. | рэд. код]"
    r"|(?<=\S)\s*(\[(?:edit|edit source|bearbeiten|quelltext bearbeiten|править|править код|правка|рэд\.|рэдагаваць"
    r"|ред\.|редагувати|edytuj|edytuj kod)(?:\s*\|\s*[^\[\]|]{1,24})?\])\s*$"
    # a capitalised link word glued after the last word, with no full stop: "... рабочих Подробнее"
    r"|(?<=[^\W\d_])\s+((?-i:Learn more|Find out more|Mehr erfahren|Подробнее|Падрабязней|Детальніше|Докладніше|Dowiedz się więcej)"
    rf"{_LINK_END})\s*$"
    # a link to the whole text after the last sentence: "Czytaj więcej na: https://...", "👉 Повна версія: https://..."
    r"|(?<=[.!?…”\"»)])\s*((?:[👉➡→▶]\ufe0f?\s*)?(?:read more at|more at|full (?:version|story|text)|czytaj więcej na|więcej na|pełna wersja"
    r"|weiterlesen auf|mehr auf|vollständige version|читать далее на|подробнее на|полная версия|чытаць далей на|поўная версія"
    r"|читайте більше на|докладніше на|повна версія)\s*:?\s*(?:https?://|www\.)\S+)\s*$"
    # a plug for the outlet's channel after the last sentence: "📲 Читайте Укрінформ у Telegram", "Follow us on WhatsApp"
    r"|(?<=[.!?…”\"»)])\s*((?:[📲📱👉➡✅]\ufe0f?\s*)?(?:read|follow|subscribe to|join|читайте|чытайце|подписывайтесь на|падпісвайцеся на"
    r"|підписуйтесь на|obserwuj|czytaj|folgen sie|lesen sie)\s[^.!?]{0,40}\b(?:telegram|viber|whatsapp|youtube|instagram|facebook|threads)\b[^.!?]{0,20})\s*$"
    # the app a post was sent from, after the last sentence: "Posted via LiveJournal app for Android.", "Sent from my iPhone"
    r"|(?<=[.!?…”\"»)])\s*((?:posted|sent|shared) (?:via|from|with) (?:my |the )?[\w .-]{2,30}?(?: app)?(?: for (?:android|ios|iphone|ipad))?\.?)\s*$"
    # the site's name after the headline, as a video's or a feed's title gives it: "... Покровськ | Суспільне Новини"
    r"|(?<=[^\s|])\s+(\|\s+[A-ZÀ-ÞА-ЯЁЎІЇЄҐ][\w’'.&-]*(?:\s+[A-ZÀ-ÞА-ЯЁЎІЇЄҐ][\w’'.&-]*){0,3})\s*$"
    # the prompt to report a typo, after the last sentence: "... не поступило. Нашли ошибку? Выделите её и нажмите Ctrl+Enter"
    r"|(?<=[.!?…”\"»)])\s*([^.!?]{3,40}\?\s*[^.!?]{3,80}\b(?:ctrl|strg)\s*\+\s*enter\.?)\s*$"
    # words that end a sentence too ("... to learn more"): junk only after a sentence's end
    r"|(?<=[.!?…”\"»)])\s*("
    rf"(?:learn more|find out more|read on|mehr erfahren|подробнее|падрабязней|детальніше|dowiedz się więcej){_LINK_END}"
    r")\s*$"
    # "Updated 3 hours ago" glued to the time of a story ("... 2:41 PM GMT+2Updated 3 hours ago")
    r"|(?<=\S)\s*("
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
_SUBPAGE = re.compile(r"^\d{1,2}/\d{1,2}$")
# Junk glued to a line's end is short: the patterns are tried on the line's last characters
# only (a lookbehind still sees the text before them), so a long paragraph costs no more.
_WINDOW = 400
# Spam glued after the last sentence of a hacked page's paragraph: "... said. slot gacor maxwin",
# "... We respected that. cá cược bóng đá trực tuyến uy tín".  A dot inside a word is the
# spam's domain ("➤ luckyspin-bet.top"), not a sentence's end.
_SPAM_TAIL = re.compile(r"(?<=[.!?…”\"»])(\s+(?:[^.!?…”\"»\n]|\.(?=\w)){2,120})$")
# Markers of spam in a tail: a brand with digits ("slot88", "sbobet88") or a domain.
_BRAND_DIGITS = re.compile(r"^[a-z]{3,}\d{2,}$")
_DOMAIN = re.compile(r"\b[\w-]+\.(?:top|xyz|bet|win|club|site|online|vip|shop|com|net|org|info|ru|io)\b", re.IGNORECASE)
# The letters each language of the page writes with; a tail whose words need others is not
# in the page's language (Vietnamese "kèo nhà cái" on an English page, Latin on a Cyrillic one).
_ALPHABETS = {
    "en": "abcdefghijklmnopqrstuvwxyz",
    "de": "abcdefghijklmnopqrstuvwxyzäöüß",
    "pl": "abcdefghijklmnopqrstuvwxyząćęłńóśźż",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "be": "абвгдеёжзйклмнопрстуўфхцчшыьэюяі’'",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя’'",
}


def _foreign_words(tail: list[str], language: str) -> int:
    alphabet = _ALPHABETS.get(language)
    if alphabet is None:
        return 0
    return sum(1 for w in tail if any(c.isalpha() and c not in alphabet for c in w.casefold()))


def _spam_tail(text: str, language: str) -> re.Match[str] | None:
    found = _SPAM_TAIL.search(text, max(0, len(text) - _WINDOW))
    if found is None:
        return None
    tail = words(found.group(1))
    if not tail or len(tail) > 14:
        return None
    markers = sum(1 for w in tail if _BRAND_DIGITS.match(w)) + len(_DOMAIN.findall(found.group(1)))
    hits = spam_hits([w.rstrip("0123456789") for w in tail]) + markers
    if hits >= 2 and hits / len(tail) >= 0.2:  # one hit may be a word
        return found
    # Words in no sentence, not capitalised like a credit ("Photo: John Smith"), fewer than a
    # fifth of them function words of the page's language, and foreign to it or marked as spam.
    lower = sum(1 for w in tail if not w[0].isupper())  # (Hangul and Thai have no capitals)
    stops = stoplist(language)
    if len(tail) >= 3 and lower * 3 >= len(tail) * 2 and sum(1 for w in tail if w.casefold() in stops) * 5 < len(tail):
        if hits or _foreign_words(tail, language) * 3 >= len(tail):
            return found
    return None


def trim_suffix(text: str, line: int, last_line: str, language: str = "en") -> Trim | None:
    """The junk glued to the end of a unit's ``text`` ("… in Vilnius. read more"), if any:
    link text, or spam after the last sentence.  ``line`` is the unit's last source line,
    ``last_line`` that line as it stands in the file, ``language`` the page's."""
    last_line = last_line.rstrip()
    # The source line is searched only once the unit's text has junk at its end (most have none).
    if (in_text := _JUNK_SUFFIX.search(text, max(0, len(text) - _WINDOW))) is not None:
        found = _trim(text, line, last_line, "link text", in_text, _JUNK_SUFFIX.search(last_line, max(0, len(last_line) - _WINDOW)))
        if found is not None:
            return found
    if (in_text := _spam_tail(text, language)) is not None:
        return _trim(text, line, last_line, "spam keywords", in_text, _spam_tail(last_line, language))
    return None


def _trim(text: str, line: int, last_line: str, what: str, in_text: re.Match[str], on_line: re.Match[str] | None) -> Trim | None:
    if on_line is None:
        return None
    kept = text[: in_text.start()].rstrip()
    tail = text[in_text.start() :].strip()
    if len(words(kept)) < (1 if tail.startswith("[") or tail in ("·", "•", "|") else 2) and not DATE.search(kept):
        return None  # the line is nothing but the junk: a line rule's business (a date is something: "4-12-2026 | Просмотров: 12")
    group = next(g for g in range(1, len(on_line.groups()) + 1) if on_line.group(g) is not None)
    junk = on_line.group(group)
    first, last = on_line.start(group) + 1 + len(junk) - len(junk.lstrip()), on_line.end(group)
    removed = last_line[first - 1 : last]
    if removed.startswith("|") and "|" in kept:
        return None  # a menu's last item ("Minsk | Brest | Hrodna"), not a site's name after a headline
    if _SUBPAGE.match(removed) and not last_line[: first - 1].endswith("   "):
        return None  # "2/3" after a word is text ("won by 2/3", "24/7"); a teletext counter stands apart, after a run of spaces
    return Trim(kept, removed, line, (first, last), f"{what} glued to the end of the line ({removed!r})")
