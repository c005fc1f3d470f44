"""Phrase rules: the universal furniture of web pages, in the pipeline's languages.

Each rule is a handful of patterns for something every site has (skip links, cookie banners,
share buttons, newsletter boxes, "Read also:", "All rights reserved"), written for English,
German, Russian, Belarusian, Ukrainian and Polish pages.  They are never a list of one
corpus's lines.  A rule judges one unit's text on its own and returns a :class:`Drop` or None;
:func:`line_verdict` runs them in order.  ``SECTION_LABEL`` marks the labels that open a box of
other content (related articles, comments, the author's bio): the classifier treats them as
strong evidence that the article's body has ended.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from pipeline.clean_features import salad_reason, words


@dataclass(frozen=True)
class Drop:
    """A rule's verdict on one unit."""

    rule: str
    reason: str


SECTION_LABEL = "section-label"

_Rule = Callable[[str], "Drop | None"]


def _alternatives(pattern: str) -> list[str]:
    """``pattern`` cut at each ``|`` outside its groups and character classes."""
    parts, start, depth, in_class, escaped = [], 0, 0, False, False
    for i, c in enumerate(pattern):
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif in_class:
            in_class = c != "]"  # (no pattern here puts "]" first in a class)
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    return parts + [pattern[start:]]


def factored(*patterns: str) -> str:
    """One pattern that matches where any of ``patterns`` does, with the alternatives that all
    start with ``^`` or ``\\b`` grouped behind it once.  The regex engine skips an alternative
    whose first letter does not fit at a glance, but not one that opens with an assertion: forty
    alternatives each opening with ``\\b`` are forty tries at every position of the text."""
    groups: dict[str, list[str]] = {"^": [], "\\b": [], "": []}
    for alternative in (a for p in patterns for a in _alternatives(p)):
        lead = next((lead for lead in ("^", "\\b") if alternative.startswith(lead)), "")
        groups[lead].append(alternative[len(lead) :] if lead else f"(?:{alternative})")
    return "|".join(f"{lead}(?:{'|'.join(alts)})" if lead else "|".join(alts) for lead, alts in groups.items() if alts)


def _pattern_rule(name: str, reason: str, *patterns: str, max_len: int = 200) -> _Rule:
    compiled = re.compile(factored(*patterns), re.IGNORECASE)  # one search per rule

    def rule(text: str) -> Drop | None:
        if len(text) <= max_len and compiled.search(text):
            return Drop(name, reason)
        return None

    return rule


_TAG_LIST = (
    r"^(tags?|topics?|categories|category|kategorie|kategoria|рубрика|рубрыка|рубрика|категория|катэгорыя|категорія|filed under|suggested topics|schlagwörter|schlagworte|themen|теги|тэгі|теґи|tagi"
    r"|labels|пазнакі|ярлыки|мітки|etykiety|labels)\s*:",
    # a tag list whose label is glued to the first tag (screen-reader text): "TagsIrpin, shelters, work camp"
    r"^(tags|topics|schlagwörter|теги|тэгі|теґи|tagi)(?=[A-ZÀ-ÞА-ЯЁЎІЇЄҐ][^\s,]*,)",
)
# The article's tags: the page's furniture after the article, as good a sign that its text has
# ended as a box label ("Related articles").
TAG_LIST = re.compile("|".join(f"(?:{p})" for p in _TAG_LIST), re.IGNORECASE)

# A unit with no word at all ("* * *", "___", "---"): a rule, an ornament or a section break.
SEPARATOR = Drop("separator", "marks with no word (a rule, an ornament or a section break): nothing to translate")
_WORD_CHAR = re.compile(r"[^\W_]")


def is_separator(text: str) -> bool:
    return not _WORD_CHAR.search(text)


# A label under which a newsletter or page prints an advertiser's copy (not the placeholders
# "Advertisement" / "Anzeige", which news pages put between two paragraphs of the article).
SPONSOR = re.compile(
    r"^(sponsored( by\b.{0,60})?|sponsor|from our sponsors?|partner content|paid post|promoted|presented by\b.{0,60}"
    r"|(this|today'?s) (issue|newsletter|edition|episode|post|dispatch) is (supported|sponsored|brought to you|made possible) by\b.{0,60}"
    r"|(supported|brought to you) by( our (sponsor|partner)s?)?:?)$",
    re.I,
)

# Where a paged copy says the text goes on: "Fortsetzung auf Unterseite 2 ►", "Continued on page 3",
# "Продолжение на стр. 4" (the start of the line; the rule below drops the line that is nothing else).
PAGE_TURN = (
    r"(?:fortsetzung|weiter) auf (?:unter)?seite \d{1,3}|(?:continued|continues) on (?:sub)?page \d{1,3}"
    r"|(?:продолжение|працяг|продовження) (?:на|на наступнай|на наступній) (?:стр|стар|стор)[\w.]*(?: \d{1,3})?"
)

# A time of day as a message or a post prints it: "19:40", "7:02 PM", "10:52 ✓✓" (read, in a messenger).
CLOCK_TIME = r"\d{1,2}:\d\d(?:\s?[ap]\.?m\.?)?(?:\s*[✓✔]+)?"

_page_chrome = _pattern_rule(
    "page-chrome",
    "page furniture (navigation marker, menu or widget label)",
    r"^(top|bottom|end) of (the )?page$",
    # a picture's description copied as text: "Katrin Wehlau Profile picture", "Аватар пользователя"
    r"^[^.!?]{0,60}\b(profile (picture|photo|image)|avatar|profilbild|zdjęcie profilowe|фото профиля|аватар\w*|фота профілю|фото профілю)$"
    r"|^(аватар\w*|avatar) [^.!?]{1,40}$",
    # an avatar's initials, set as text where a person has no picture: "MK", "АЛ"
    r"^(?-i:[A-ZÀ-ÞĀ-ŽА-ЯЁЎІЇЄҐ]{2})$",
    # a wiki's or an intranet's page history: "Created by Ana P., last modified by Dzmitry H. on Dec 04, 2026"
    r"^(created|edited|last (modified|updated|edited)) by [^.!?]{2,60}?(, last (modified|updated|edited) by [^.!?]{2,60}?)? on [^.!?]{3,30}$"
    r"|^(erstellt|zuletzt geändert|bearbeitet) von [^.!?]{2,60}?(, zuletzt geändert von [^.!?]{2,60}?)? am [^.!?]{3,30}$",
    # a form's and a document viewer's furniture: "* Indicates required question", "Displaying report.pdf."
    r"^\*\s*(indicates required( question| field)?|required( field)?|обязательн\w+ (вопрос|поле)|абавязков\w+ (пытанне|поле)|обов'?язков\w+ (питання|поле)"
    r"|wymagan\w+( pytanie| pole)?|pflichtfeld|erforderlich)\.?$|^sign in to google to save your progress\b|^displaying [^\s]+\.(pdf|docx?|xlsx?|pptx?)\.?$",
    # a player's or an app's link to the same item elsewhere: "Смотреть на LSM+", "Listen on Spotify", "Oglądaj w TVP VOD"
    r"^(watch|listen|смотреть|слушать|глядзець|слухаць|дивитися|слухати|oglądaj|słuchaj|ansehen|anhören)( (it|now|сейчас|зараз|тепер|teraz|jetzt))?"
    r" (on|in|на|у|ў|w|auf|bei) [\w .+&-]{2,30}$",
    # a file's size and its download button: "312 КБ Скачать", "Download (1.2 MB)"
    r"^\d+([.,]\d+)?\s*(kb|mb|кб|мб|kib|mib)\s+(download|скачать|спампаваць|завантажити|pobierz|herunterladen)$"
    r"|^(download|скачать|спампаваць|завантажити|pobierz|herunterladen)\s*\(?\d+([.,]\d+)?\s*(kb|mb|кб|мб)\)?$",
    # a date's label left alone by its date: "Обновлено", "Updated"
    r"^(last updated|обновлено|абноўлена|оновлено|aktualisiert|zaktualizowano)\s*:?$",  # (not "Published" / "Updated" over "2 hours ago": a date line)
    # a thread reader's or a feed's link to another thread: "Read 8 tweets", "Read 12 posts"
    r"^(read|view|show) (all )?\d+ (tweets|posts|replies|toots|skeets)$",
    # teletext: "Fortsetzung auf Unterseite 2 ►", and its navigation row "Übersicht 101 ◄ Ausland 120 ► 125"
    rf"^(?:{PAGE_TURN})\s*[►>→]?$"
    r"|^(?=.*[◄►])(?=(?:.*?\b\d{3}\b){2})[^.!?]{0,60}$",
    # a social site's login prompts: "Forgot account?", "Create new account", "Забылі ўліковы запіс?"
    r"^(forgot (your )?(account|password)\??|create (a )?new account|konto vergessen\??|passwort vergessen\??|neues konto erstellen"
    r"|забыли (аккаунт|пароль)\??|создать (новый )?аккаунт|забылі (ўліковы запіс|пароль)\??|стварыць (новы )?ўліковы запіс"
    r"|забули (обліковий запис|пароль)\??|створити (новий )?обліковий запис|nie pamiętasz (nazwy konta|hasła)\??|utwórz (nowe )?konto)$",
    # a document's or a report's contents label: "Contents", "Содержание", "Spis treści"
    r"^(contents|table of contents|inhalt|inhaltsverzeichnis|содержание|оглавление|змест|зміст|spis treści)\s*:?$",
    # a platform's line naming the publication a post appeared in: "Published in The Borderline"
    r"^published in (?!(?:\d|the (?:year|spring|summer|autumn|fall|winter)\b|(?:january|february|march|april|may|june|july|august"
    r"|september|october|november|december)\b))[A-Z][\w’'&. -]{1,60}$",
    # an event page's registration prompts: "Register for the public panel", "Registration closes on 8 December"
    r"^(register (now|here|today|online)?\s*(for (the|this|our) [\w -]{2,40})?|registration (closes|is open|is required|opens)\b.{0,100}"
    r"|places (in the hall )?are limited\b.{0,160}|jetzt anmelden|anmeldung (erforderlich|bis)\b.{0,80}|зарегистрироваться|регистрация (открыта|обязательна|до)\b.{0,80}"
    r"|зарэгістравацца|реєстрація (відкрита|обов['’]язкова|до)\b.{0,80}|zarejestruj się\b.{0,60}|rejestracja (trwa|do|obowiązkowa)\b.{0,80})$",
    # a browser's print header and footer: "3.12.2026, 14:41 Headline - Site", "https://site/article 1/3"
    r"^\d{1,2}[./]\d{1,2}[./]\d{2,4},?\s+\d{1,2}:\d{2}(\s?[ap]m)?\s+.{5,200}?\s[-–|]\s[^.!?\s][^.!?]{1,59}$"
    r"|^(https?://|www\.)\S+\s+(\d{1,3}/\d{1,3}|page \d{1,3} of \d{1,3}|seite \d{1,3} von \d{1,3}|strona \d{1,3} z \d{1,3})$",
    # a wire feed's ANPA slug and editor's note (the text reader shows them without "^…<"):
    # "AP-EU-Belarus-Prisoners, 1st Ld-Writethru,0742", "Eds: UPDATES with Tsikhanouskaya comment"
    r"^\^?(?:[A-Z]{2,}(?:-[A-Z][\w]*){2,},\s?[\w ,-]{0,60}\d{3,4}|eds?:\s+[A-Z]{3,}\b[^<>]{0,300})<?$",
    # a press office's contact line: "Media enquiries: press@…", "Kontakt für Medien:", "Контакты для СМИ:"
    r"^(media|press) (enquiries|inquiries|contacts?)\s*:.{0,200}$|^(pressekontakt|kontakt für (die )?medien|kontakt dla (mediów|prasy)"
    r"|контакты для (сми|прессы)|кантакты для (смі|прэсы)|контакти для (змі|преси))\s*:.{0,200}$",
    # a journal entry's header fields: "Current mood: 😴 tired", "Current music: ...", "Настроение: ..."
    r"^(current (location|mood|music)|настроение|музыка|местонахождение|настрой|настрій|музика)\s*:.{1,80}$",
    # a picture's placeholder, copied as its alt text: "[фота: паркоўка, каробкі — націсніце, каб павялічыць]"
    r"^\[(photo|image|picture|foto|bild|фота|фото|zdjęcie|obraz|ілюстрацыя|иллюстрация)\s*:[^\[\]]{0,160}\]$",
    # a gemlog's navigation links: "=> ← Previous: …", "⇒ ↩ Back to the gemlog", "⇒ 🏷 #belarus"
    r"^(=>|⇒)\s*(←|→|↩|🏷|⬅|➡)",
    # a post's notes on Tumblr: "kasia-reads liked this", "x reblogged this from y", "x posted this", "Show more notes"
    r"^[\w.-]{2,40} (liked this|reblogged this( from [\w.-]{2,40})?|posted this)$|^[\w.-]{2,40} replied:\s.{0,200}$|^(reblog|show more notes|\d[\d,.]* notes)$",
    # a blog platform's share buttons: "Email This", "BlogThis!", "Share to X", "Апублікаваць у Facebook"
    r"^(email this|blogthis!|share to (x|twitter|facebook|pinterest|linkedin|whatsapp|telegram)|отправить по электронной почте|написать об этом в блоге!?"
    r"|опубликовать в (x|twitter|facebook|pinterest)|адправіць па электроннай пошце|напісаць пра гэта ў блогу!?|апублікаваць у (x|twitter|facebook|pinterest)"
    r"|надіслати електронною поштою|написати про це в блозі!?|опублікувати в (x|twitter|facebook|pinterest)|wyślij e-mailem|napisz o tym na blogu!?"
    r"|udostępnij (w|na) (x|twitter|facebooku?|pinterest)|per e-mail versenden|in einem blog posten!?|in (x|twitter|facebook|pinterest) teilen)$",
    # buttons under a list: "Load more", "View more", "Показать ещё"; a wiki's "2 backlinks"
    r"^(load more|view more|show more|see more|mehr laden|mehr anzeigen|загрузить (ещё|еще)|показать (ещё|еще)|паказаць яшчэ|загрузіць яшчэ"
    r"|завантажити ще|показати ще|załaduj więcej|pokaż więcej|zobacz więcej)$|^\d+ backlinks?$",
    # a radio story's programme and transcript buttons: "Heard on Morning Edition", "Transcript"
    r"^heard on [A-Z][\w’' &.-]{2,40}$|^(show |hide |read |full )?(transcript|transkript|transkrypcja|расшифровка|стенограмма|транскрипт)$"
    r"|^(show|hide) timestamps$|^(zeitstempel|zeitmarken) (anzeigen|ausblenden)$|^(pokaż|ukryj) znaczniki czasu$",
    # a document published from an office suite: "Updated automatically every 5 minutes"
    r"^(updated automatically every \d+ minutes|automatisch alle \d+ minuten aktualisiert|alle \d+ minuten automatisch aktualisiert"
    r"|автоматически обновляется каждые \d+ минут|аўтаматычна абнаўляецца кожныя \d+ хвілін|оновлюється автоматично кожні \d+ хвилин"
    r"|aktualizowany automatycznie co \d+ minut)$",
    # a messenger's placeholder for what the web preview cannot show: "Please open Telegram to view this post"
    r"^(please )?open (telegram|the app) to view this (post|message|media)$|^view in telegram$",
    # a messenger's forwarding header: "Forwarded from Палітвязні. Хроніка"
    r"^(forwarded from|переслано от|пераслана ад|переслано від|weitergeleitet von|przekazane od|przesłane dalej od)\s.{1,60}$",
    # a breadcrumb's label: "You are here: Home › Statements › ...", "Jesteś tutaj:", "Вы здесь:"
    r"^(you are here|jesteś tutaj|znajdujesz się (tutaj|w)|sie sind hier|вы здесь|вы находитесь (здесь|тут)|вы тут|вы знаходзіцеся|ви тут|ви знаходитесь( тут)?)\s*:",
    # a search engine's cached copy: "This is Google's cache of https://...", its "Full version  Text-only version  View source" and its tip
    r"^(this is google['’]s cache of|это кэш google для|гэта кэш google для|це кеш google для|dies ist der cache von google|to jest kopia z pamięci podręcznej google)\b"
    r"|^(the current page could have changed in the meantime|за это время текущая страница могла измениться|die aktuelle seite könnte sich in(zwischen| der zwischenzeit) geändert haben"
    r"|aktualna strona mogła w tym czasie ulec zmianie)\b.{0,40}$"
    r"|^(full version|полная версия|поўная версія|повна версія|vollständige version|pełna wersja)\s+(text-only version|текстовая версия|тэкставая версія|текстова версія|nur-text-version|wersja tekstowa)\b.{0,40}$"
    r"|^(tip|совет|парада|порада|tipp|wskazówka)\s*[.:]\s*(to quickly find|чтобы быстро найти|каб хутка знайсці|щоб швидко знайти|um ihren suchbegriff|aby szybko znaleźć)\b.{0,160}$",
    # a wiki's tagline under the title: "From Wikipedia, the free encyclopedia", "Aus Wikipedia, der freien Enzyklopädie"
    r"^(from|aus|z|з|материал из|матеріал з) [\w .’'-]{2,40}(,| —| -) (the|der|die|das|свободной|свабоднай|вільної|wolnej)"
    r" (free |open |freien |offenen )?(encyclop(a)?edia|reference|wiki|enzyklopädie|энциклопедии|энцыклапедыі|енциклопедії|encyklopedii)\b.{0,60}$",
    # a mailing list archive's navigation (Mailman's pipermail): "Next message (by thread): ...", "Messages sorted by: [ date ] ..."
    r"^(previous|next) message( \(by (thread|date)\))?:.{0,160}$|^messages sorted by:.{0,80}$|^more information about the .{1,60} mailing list$",
    # a printed edition's contents: "Seimas passes 2027 budget .......... A3"
    r"^.{3,120}?\s*(\.{4,}|…{2,}|·{4,})\s*[A-Z]?\d{1,3}$",
    # a broadcaster's programme note: "Dieses Thema im Programm: MDR AKTUELL RADIO | 29. Oktober 2026"
    r"^(dieses thema im programm|diese sendung|sendung|this (story|item) (was )?(on|in) the programme)\s*:.{0,120}$",
    r"^skip (to|next section)\b.{0,40}$|^send us (your )?feedback$|^(give|send) feedback$",
    r"^(back to top|skip to (the )?(main )?(content|navigation)|main menu|menu|search( for)?:?|home|print( this( article)?)?"
    r"|share( this( article| story| post| page)?| with)?:?|log ?in|log ?out|sign ?in|sign ?out|register|my account|my news|sponsored"
    r"|next article|previous article|cookie settings|close|open menu"
    r"|download( (the )?(pdf|mp3|mp4|audio|episode|file|report|as pdf))?( \([^)]*\))?|email|e-mail|copy link|listen( to this article)?|save|video|videos|podcasts?"
    r"|live|watch live|view (this email|it) in (your|a|the) browser|view (online|in browser)|open in app)$",
    # a messenger's web preview of a channel: "Preview channel", "If you have Telegram, you can view and join X right away."
    r"^preview (channel|post|group|chat)$|^if you have telegram, you can (view|join|contact|open)\b.{0,100}$",
    # app chrome of a messenger's or a platform's web preview: "View in Telegram", "Open in the app"
    r"^(view|open|read|watch|continue|join)( this)?( post| message| channel| chat)? (in|on|with) (the )?[\w ]{0,20}?"
    r"(app|telegram|whatsapp|viber|signal|instagram|facebook|youtube|x|tiktok|vk)$",
    r"^(открыть|смотреть|посмотреть|читать|адкрыць|глядзець|чытаць|відкрити|дивитися|читати|otwórz|zobacz|czytaj)"
    r" (в|у|w) (приложении|праграме|дадатку|застосунку|додатку|aplikacji|telegram|viber|whatsapp)$",
    r"^(in der app|in telegram|in whatsapp) (öffnen|ansehen|anzeigen|lesen)$",
    # a media player's buttons: "Play audio", "Audio abspielen", "Слушать"
    r"^(play|pause|replay|listen( now)?|(audio|video|podcast|folge|beitrag) (abspielen|anhören)|abspielen|anhören|jetzt anhören"
    r"|слушать|прослушать|слухаць|паслухаць|слухати|послухати|posłuchaj|odtwórz|odsłuchaj)"
    r"( (the )?(audio|video|podcast|episode|story|article|аудио|аўдыё|аудіо|audycji|nagrania))?( \(?\d{1,2}:\d\d( min\.?)?\)?)?$",
    # German, Russian, Belarusian, Ukrainian, Polish
    r"^((direkt )?zum (haupt)?inhalt( springen)?|zur navigation( springen)?|zur suche|suche|startseite|menü|anmelden|abmelden|registrieren"
    r"|teilen|teilen mit:|versenden|drucken|artikel (teilen|drucken|merken)|merken|schließen|mein konto)$",
    r"^(перейти к (содержанию|основному содержанию)|перайсці да (зместу|асноўнага зместу)|перейти до (змісту|основного змісту)|главная|меню|поиск|войти|выйти|регистрация|печать|поделиться"
    r"|галоўная|пошук|увайсці|падзяліцца|друк|головна|пошук|увійти|поділитися|надрукувати"
    r"|przejdź do (treści|nawigacji)|strona główna|szukaj|zaloguj( się)?|wyloguj|udostępnij|drukuj|zarejestruj( się)?)$",
    r"^(read more|continue reading|weiterlesen|mehr lesen|читать (далее|дальше)|чытаць далей|читати далі|czytaj (dalej|więcej))"
    r"\s*(\.\.\.|…|›|»|>+|→)?$",
    r"^(←|→|‹|›|«|»)?\s*(previous|next|older|newer)( post| article| story)?\s*:.{0,120}$",
    r"^.{0,100}\s(→|›|»)$",
    r"\bpowered by (wordpress|ghost|substack|blogger|drupal|wix|squarespace)\b",
    # the mailing service under a newsletter: "Sent with Postbird", "Delivered via Mailchimp"
    r"^(sent|delivered|made) (with|via|using) [\w .-]{2,30}$",
    r"^theme:\s",
    # "Download this statement (PDF, 180 KB)", "Bericht herunterladen (PDF)", "Скачать доклад в PDF"
    r"^(download|herunterladen|скачать|спампаваць|завантажити|pobierz)\b.{0,60}\b(pdf|docx?|epub)\b.{0,30}$"
    r"|^.{0,60}\b(herunterladen)\s*\(?(pdf|docx?)\b.{0,30}$",
)
_cookies = _pattern_rule(
    "cookie-notice",
    "cookie banner or consent button",
    r"^(accept|reject|decline|allow|deny)( all| all cookies| cookies| necessary( cookies)?)?$",
    r"^(manage|customi[sz]e|change) (cookies|preferences|cookie preferences|consent|settings)$",
    r"^(ok|i agree|agree|got it|alle akzeptieren|alle ablehnen|akzeptieren|ablehnen|einstellungen"
    r"|принять( все)?|отклонить|прыняць|прийняти|відхилити|akceptuję|akceptuj( wszystkie)?|odrzuć( wszystkie)?)$",
    # a consent button that says where it leads: "Akceptuję i przechodzę do serwisu", "Accept and continue"
    r"^(accept|agree|akzeptieren|zustimmen|akceptuję|zgadzam się|принять|согласен|прыняць|згодны|прийняти)"
    r"( all| alle| wszystkie| все)? (and|und|i|и|і) (continue|close|weiter|fortfahren|przechodzę( do (serwisu|strony))?|przejdź dalej|продолжить|працягнуць|продовжити)\b.{0,30}$",
    r"\b(we|this (site|website)|wir|мы|мы|ми|my|ta strona)\s+(use|uses|verwenden|nutzen|используем|выкарыстоўваем"
    r"|використовуємо|używamy|używa|wykorzystujemy|stosujemy)\b.{0,60}\b(cookies?|куки|cookie-файл|файлы cookie|pliki cookie|ciasteczka)",
    # "Ta strona korzysta z plików cookie", "Сайт использует файлы cookie", "Diese Website verwendet Cookies"
    r"\b(korzysta z plików cookie|wykorzystuje pliki cookie|использует (файлы )?cookie|выкарыстоўвае (файлы )?cookie|використовує (файли )?cookie"
    r"|(verwendet|nutzt|benutzt) cookies|uses cookies)\b",
    # "Wir und unsere 187 Partner verwenden Cookies", "We and our partners use cookies"
    r"^(we|wir|мы|my) (and|und|и|i) (our|unsere|наши|nasi) .{0,30}\b(use|verwenden|nutzen|используем|używamy)\b.{0,40}\b(cookies?|куки|ciasteczka)",
    # the consent's fine print: "Zgodę możesz w każdej chwili wycofać ...", "You can withdraw your consent at any time"
    r"\b(withdraw|change) your consent\b|\bzgodę możesz\b.{0,40}\bwycofać\b|\bihre einwilligung\b.{0,40}\bwiderrufen\b"
    r"|\b(согласие|згоду|згоду) (можно|можаце|можете)\b.{0,40}\b(отозвать|адклікаць|відкликати)\b",
    max_len=600,
)
_advertisement = _pattern_rule(
    "advertisement",
    "advertisement marker",
    r"^(advertisement|advert|ad|sponsored( content)?|anzeige|werbung|реклама|рэклама|reklama|partner content)"
    r"(\s*[·|•\-–—]\s*(scroll to continue|continue reading below|story continues below))?:?$",
    r"^(report this ad|scroll to continue|story continues below( advertisement)?|continue reading below)$",
    # "the article goes on below the advert", in the pipeline's languages
    r"^((the )?(article|story|text) continues (below|after) (the )?(advertisement|advert|ad)|(der )?artikel (wird )?(geht )?unter der (anzeige|werbung) (fortgesetzt|weiter)"
    r"|(артыкул|статья|стаття|tekst|artykuł) (працягваецца|продолжается|продовжується|jest kontynuowany) (пад|под|під|pod) (рэкламай|рекламой|рекламою|reklamą))\.?$",
    # an ad break marked in a transcript or a player: "[Ad break – 00:08:40]", "(Werbung)"
    r"^[\[(](ad|ads|advert|advertisement|ad break|sponsor( message| break)?|werbung|werbepause|реклама|рэклама|reklama)"
    r"(\s*[–—:-]?\s*\d{1,2}(:\d\d){1,2})?[\])]$",
)
_newsletter = _pattern_rule(
    "newsletter",
    "newsletter offer or sign-up prompt",
    r"^newsletter( offer| sign[- ]?up)?$",
    r"\bsubscribe\b.{0,60}\bnewsletters?\b",
    # a newsletter's blurb that ends in its sign-up link: "The Daily Briefing newsletter provides ... Sign up here."
    r"\bnewsletter\b.{0,260}\b(sign up|subscribe|jetzt abonnieren|anmelden|подпишитесь|падпішыцеся|підпишіться|zapisz się)( here| now| today| hier)?[.!]?$",
    # a tip line: "Schreiben Sie uns an hinweise@...", "Write to us at tips@..."
    r"\b(write to us|email us|e-mail us|send (us )?(your )?tips|schreiben sie uns|напишите нам|напішыце нам|напишіть нам|napisz do nas|napiszcie do nas)\b.{0,60}@\S+$",
    r"\bsign up\b.{0,40}\b(newsletter|updates|mailing list)\b",
    r"^(subscribe|sign up|register)( now| today| here| for free)?[.!]?$",
    r"^(e-?mail( address)?|your e-?mail( address)?|(enter|type) your e-?mail( address)?)\s*\*?:?(\.\.\.|…)?$",
    r"^thanks for reading\b.{0,80}\bsubscribe\b",
    r"\bis (a )?reader-supported\b.{0,80}\bsubscri|\bconsider becoming a (free or )?paid subscriber\b|\bbecome a (free or )?paid subscriber\b",
    # the promise of a sign-up box: "... straight to your inbox", "... in Ihr Postfach"
    r"^.{0,120}\b(in|to|into) your inbox[.!]?$|^.{0,120}\b(in ihr(em)? (postfach|posteingang)|in ihre mailbox)[.!]?$"
    r"|^.{0,120}\b(на (вашу|твою) (почту|пошту)|в ваш почтовый ящик|у (вашу|тваю) (скриньку|скрынку)|do (twojej|waszej) skrzynki|na (twoją|waszą) skrzynkę)[.!]?$",
    r"\bsubscribe\b.{0,30}\b(to receive|for free|to get)\b.{0,40}\b(posts|updates|articles|stories|newsletter)\b",
    r"^subscribe to [\w’'&.\- ]{1,40}$",
    r"^subscribe to (the |our )?[\w’'&.\- ]{1,40}?\b(newsletter|brief|briefing|digest|bulletin|podcast|updates|alerts)\b.{0,40}$",
    r"\bnewsletter\b.{0,60}\b(abonnieren|bestellen|anmelden)\b|\bподпи(шитесь|саться)\b.{0,40}\bрассылк",
    r"^(newsletter abonnieren|jetzt abonnieren|подписаться|падпісацца|підписатися|zapisz się( do newslettera)?|zapisuję się|zapisz mnie)[.!]?$",
    r"^(twój|ваш|ваш|твой|ihre|deine) (adres )?(e-?mail|электронн\w* адрес|e-?mail-adresse)( address| adres)?\s*\*?:?$",
    # the button once pressed
    r"^((you'?re|you are) )?subscribed[.!]?$|^(abonniert|вы подписаны|подписка оформлена|вы падпісаны|ви підписані"
    r"|subskrybujesz|zapisano)[.!]?$",
    # a referral box's label: "Tell your friends", "Раскажыце сябрам", "Poleć znajomym"
    r"^(tell (your|a) friends?|share (it )?with (a|your) friends?|refer a friend|erzählen sie es (ihren )?freunden|empfehlen sie uns weiter"
    r"|расскажите друзьям|раскажыце сябрам|розкажіть друзям|powiedz znajomym|poleć (nas )?znajomym)\s*[.!]?$",
    # a newsletter platform's referral and feedback boxes: "You currently have 0 referrals", "Join 12,400+ subscribers", "How did you like this issue?"
    r"\byou currently have \d+ referrals?\b|^join [\d,.\s]+\+? (other )?(subscribers|readers)\b.{0,40}$"
    r"|^(how (did you like|was|would you rate) (this|today'?s) (issue|edition|newsletter|e-?mail|post)|what did you think of (this|today'?s) (issue|edition|newsletter)"
    r"|wie hat ihnen (diese|die heutige) ausgabe gefallen|как вам (этот|сегодняшний) (выпуск|номер)|як вам (гэты|сённяшні) выпуск|як вам (цей|сьогоднішній) випуск"
    r"|jak (ci|wam) się podoba(ło)? (to|dzisiejsze) wydanie)\s*\??$",
    max_len=240,
)
_support_prompt = _pattern_rule(
    "support-prompt",
    "fundraising prompt of the publishing site",
    r"^why (support|donate to|subscribe to|fund)\b.*\?$",
    r"^(support|fund) (us|our (work|journalism|reporting)|this (blog|site|newsletter))\b",
    r"^(become a|join our) ((paying|paid|founding|monthly) )?(member|patron|supporter|subscriber)s?\b",
    r"^(donate|spenden|jetzt spenden|поддержать|падтрымаць|підтримати|wesprzyj( nas)?)( now| today)?[.!]?$",
    r"^(pledge|show|give) (your|us your) support[.!]?$",
    # a newsletter's paywall upsell: "Upgrade to paid", "Paid subscribers get the full ..."
    r"\bupgrade to (paid|premium)\b|\b(paid|premium) (subscribers|members) (get|receive|can)\b|\bfür zahlende (abonnent\w*|leser\w*)\b"
    r"|\bплатн\w+ (подписчик|падпісчык|передплатник)\w*|\bpłatn\w+ (subskrybent|prenumerator)\w*",
)
_article_chrome = _pattern_rule(
    "article-chrome",
    "article page furniture (byline widget, filing label, counter, tags)",
    r"^written by:?$",
    r"^(this (article|post|story|entry) was )?(filed|posted|published) (under|in):?$",
    # a message's or a post's time on its own line, under it in a feed: "19:40", "7:02 PM", "10:52 ✓✓"
    rf"^{CLOCK_TIME}$",
    # a messenger's note on its channels: "Messages in channels are not end-to-end encrypted. Learn more"
    r"^[^.!?]{0,40}\b(not )?(end-to-end|наскрізно|сквозным|скразным|ende-zu-ende) (encrypted|зашифрован\w*|шифрован\w*|verschlüsselt|szyfrowan\w*)\b",
    r"^\+\d{1,2}$",  # a gallery's "+3" more pictures
    *_TAG_LIST,
    r"^\d[\d,.\u00a0 ]*\s*k?\s*(reads|views|shares|likes)$",
    # a post's view counter, with the time it was posted: "3.1K views 18:02", "2,4 тыс. просмотров"
    r"^(👁\ufe0f?\s*)?\d[\d,.\u00a0 ]*\s*(k|m|тыс\.?|тис\.?|tys\.?)?\s*(views|aufrufe|просмотр\w*|прагляд\w*|перегляд\w*|wyświetle\w*)"
    r"(\s*[·•,]?\s*(edited\s*)?\d{1,2}:\d{2})?$",
    # a video's channel and view counts: "1,47 млн підписників", "41 тис. переглядів  3 груд. 2026 р.  #Білорусь"
    r"^\d[\d,.\u00a0 ]*\s*(k|m|тыс\.?|тис\.?|млн|tys\.?|mln|mio\.?)?\s*(subscribers|abonnenten|подписчик\w*|падпісчык\w*|підписник\w*|subskrybent\w*|obserwując\w*)$",
    r"^\d[\d,.\u00a0 ]*\s*(k|m|тыс\.?|тис\.?|млн|tys\.?|mln|mio\.?)?\s*(views|aufrufe|просмотр\w*|прагляд\w*|перегляд\w*|wyświetle\w*)\s+[\d#].{0,100}$",
    # a counter with its label before the number: "Liczba odwiedzin: 412", "Колькасць наведванняў: 0148725", "Hits: 1207"
    r"^(views|visits|hits|page views|visitors|aufrufe|besuche|zugriffe|просмотр(ов|ы)|посещени[йя]|прагляд(аў|ы)|наведванн(яў|і)"
    r"|колькасць (праглядаў|наведванняў)|количество (просмотров|посещений)|перегляд(ів|и)|відвідуван(ь|ня)|кількість (переглядів|відвідувань)"
    r"|wyświetle(ń|nia)|odsłon(y)?|odwiedzin(y)?|liczba (odwiedzin|odsłon|wyświetleń))\s*:?\s*\d[\d\s.,]*$",
    # hashtags and nothing else: "#news #Minsk", "#кнігі #мова"
    r"^#[^\W_][\w-]*([\s,·]+#[^\W_][\w-]*)*$",
    r"^\d+\s*(min(ute)?s?|мин(ут[аы]?)?|хв(ілін[аы]?)?)\.?\s*(read|reading time|lesezeit|чтения|чытання|читання|czytania)$",
    r"^\W*(estimated reading time|lesezeit|geschätzte lesezeit|reading time|время чтения|час чытання|час читання|czas czytania)\s*:?\s*\d+\s*\w*\.?$",
    # a page number of a printed or PDF copy on its own line, and a slide counter without its word: "12", "1 of 2"
    r"^\d{1,3}$",
    r"^\d+\s+(of|из|з|із|z|von)\s+\d+$",
    r"^isbn(-1[03])?[\s:]+[\d-]{10,17}[\dx]?$",
    # a print view's footer: "Printed on 01.12.2026, 14:07"
    r"^(printed|print date|gedruckt|druckdatum|напечатано|дата печати|надрукавана|wydrukowano)( on| am| dnia)?:? .{0,20}\d.{0,20}$",
    # the typo-report widget of Slavonic news sites: "Заметили ошибку? Выделите её и нажмите Ctrl+Enter"
    r"\bctrl\s*\+\s*enter\b",
    # a reading time glued to the date and time of the story: "4 minute readNovember 27, 2026 6:41 PM UTC"
    r"^\d+\s*(min(ute)?s?)\s*read(?=[A-Z]).{0,100}$",
    # a reading time on its own: "7–9 Minuten", "5 minutes", "4 хвіліны"
    r"^\d+(\s*[–-]\s*\d+)?\s*(minutes?|minuten|минут[аы]?|хвілін[аы]?|хвилин[аи]?|minut[ay]?)$",
    r"^(item|image|photo|picture|slide|bild|фото|фота|zdjęcie)\s*\d+\s*(of|von|из|з|z|/)\s*\d+$",
    r"^\[?\d+\s*/\s*\d+\]?$",
    # a thread's or an article's pagination: "Page 1 of 3  1 2 3 »", "Страница 1 из 3"
    r"^(page|страница|старонка|сторінка|strona|seite)\s+\d+\s+(of|из|з|із|z|von)\s+\d+\b[\d\s»›>….|-]*$",
    r"^(like this|like loading|gefällt mir)\W*$",
    r"^(purchase licensing rights|licensing rights)(, opens new tab)?$",
    r",? opens new tab$",
    r"^(en|de|ru|be|uk|pl|fr)( [|/·] (en|de|ru|be|uk|pl|fr))+$",
)
_petition = _pattern_rule(
    "form",
    "a petition's signature form and counter",
    r"^(sign( the petition| now)?|add your (name|signature)|подписать( петицию)?|подпишите( петицию)?|падпісаць( петыцыю)?"
    r"|падпішыце( петыцыю)?|підписати( петицію)?|підпишіть( петицію)?|podpisz( petycję)?|podpisuję|(jetzt )?unterschreiben|petition unterschreiben)[.!]?$",
    r"^\d[\d\u00a0\u202f ,.]*\s+(signatures|signed|подпис\w*|подпіс\w*|підпис\w*|podpis\w*|unterschriften|unterzeichnet)\b.{0,40}$",
    r"^(осталось|засталося|залишилося|zostało|noch|only)\s+\d[\d\u00a0\u202f ,.]*(\s+\w+){0,3}$",
)
_comment_label = _pattern_rule(
    SECTION_LABEL,
    "label or count over a comment thread (the comments are not the article)",
    r"^\d+\s+(thoughts|comments|responses) on\s",
    r"^(kommentar (schreiben|verfassen)|комментарии|каментары|коментарі|komentarze)$",
    r"^\W*\d+\s+(comments?|responses|replies|kommentare|комментари[йяев]*|каментар[ыяў]*|коментар[іяів]*|komentarz[ey]?)\W*$",
)
_comments = _pattern_rule(
    "comments",
    "comment thread or comment form",
    r"^(reply|antworten|ответить|адказаць|відповісти|odpowiedz)$",
    # the prompt over a thread: "Чтобы оставить комментарий, войдите через Facebook или Google."
    r"^(to (leave|post|write|add) a comment|чтобы (оставить|написать|добавить) комментарий|каб (пакінуць|напісаць) каментар\w*"
    r"|щоб (залишити|написати|додати) коментар\w*|aby (dodać|napisać|zostawić) komentarz|um (einen kommentar|zu kommentieren))\b.{0,120}$",
    # a comment button with its count, a thread's sort switch: "Skomentuj (8)", "Sortuj: od najstarszych | od najnowszych"
    r"^(comment|comments|kommentieren|комментировать|каментаваць|коментувати|skomentuj|komentarze)\s*\(\d+\)$"
    r"|^(sort( by)?|sortieren( nach)?|сортировать( по)?|сартаваць|сортувати|sortuj( według)?)\s*:.{0,80}$",
    r"^leave a (reply|comment)( cancel reply)?$|^cancel reply$|^post comment$|^submit comment$",
    r"^(your e-?mail address will not be published|required fields are marked)",
    r"^save my name, e-?mail",
    r"^(name|e-?mail|website|comment|message|kommentar)\s*\*\s*$|^website$",
    # a form's fields and boxes in the pipeline's other languages: "Имя *", "Прозвішча *", "Nazwisko *", "☐ Сообщать мне о новостях"
    r"^(first name|last name|surname|country|city|phone|vorname|nachname|land|stadt|telefon|имя|фамилия|страна|город|телефон"
    r"|імя|прозвішча|краіна|горад|ім['’]я|прізвище|країна|місто|imię|nazwisko|kraj|miasto)\s*\*\s*$",
    r"^[☐☑☒□■✓✔]\s+\S.{0,160}$|^\[[ x]\]\s+\S.{0,160}$",
    # the button under the thread: "Load more comments"
    r"^(load|show|view|see|read) (more|all|older|previous)( \d+)? (comments|replies)$|^(weitere|alle) kommentare( (laden|anzeigen))?$"
    r"|^(показать|загрузить) (ещё|еще|все) комментарии$|^(паказаць|загрузіць) (яшчэ|усе) каментары$|^(показати|завантажити) (ще|всі) коментарі$"
    r"|^(pokaż|załaduj|wczytaj) (więcej|wszystkie) komentarz[ey]?$",
    # a comment count on its own, over the thread: "2 каментарыі", "14 comments", "3 Kommentare"
    r"^\d{1,5} (comments?|responses?|каментар\w*|комментари\w*|коментар\w*|komentarz\w*|kommentare?)$",
)
_email_chrome = _pattern_rule(
    "email-chrome",
    "e-mail newsletter furniture (browser link, forwarding, preferences, unsubscribe)",
    r"\bview (this e-?mail|this newsletter|it) (in|on) (your|a|the|our) (browser|website)\b",
    r"\b(forwarded this e-?mail|was this (e-?mail )?forwarded to you|someone forwarded (you )?this)\b",
    r"^(just )?reply to this (e-?mail|newsletter|message)\b|^antworten sie (einfach )?auf diese (e-?mail|nachricht)\b"
    r"|^(ответьте|адкажыце|дайте відповідь) на (это|гэты|цей) (письмо|ліст|лист)\b|^odpowiedz na (ten|tego) (e-?mail|maila)\b",
    r"\byou('re| are) receiving this (e-?mail|newsletter|message|because)\b|\byou (signed|subscribed) up (for|to|at)\b",
    r"\b(unsubscribe|update (your )?(e-?mail )?preferences|manage (your )?(subscription|preferences)|add us to your address book)\b",
    r"\b(diese e-?mail im browser|newsletter abbestellen|abmelden)\b|\bотписаться\b|\bадпісацца\b|\bвідписатися\b|\bwypisz się\b",
    # the link to the web copy of a mail, in every wording: "Nie widzisz dobrze tej wiadomości? Wersja w przeglądarce:",
    # "Having trouble viewing this email?", "Im Browser lesen", "Открыть в браузере", "Праглядзець у браўзеры"
    r"\b(having trouble (viewing|reading) this (e-?mail|message)|can'?t see this (e-?mail|message)|(view|read|open) (it |this )?(online|in (your|a|the) browser))\b"
    r"|\b(wird diese e-?mail nicht (richtig|korrekt) angezeigt|im browser (lesen|ansehen|öffnen|anzeigen)|webversion)\b"
    r"|\b(nie widzisz (dobrze |poprawnie )?tej wiadomości|wersja w przeglądarce|(otwórz|wyświetl|zobacz) w przeglądarce)\b"
    r"|\b(открыть|смотреть|посмотреть|читать) в браузере\b|\bписьмо (не )?отображается\b|\b(адкрыць|праглядзець|чытаць) у браўзеры\b"
    r"|\b(відкрити|переглянути|читати) (в|у) браузері\b|\bлист (не )?відображається\b",
    max_len=300,
)
_social = _pattern_rule(
    "social",
    "social-media icon or follow prompt",
    r"^((grey|gray|white|black|blue|red|colou?r(ed)?)\s+)?(facebook|twitter|x|youtube|instagram|linkedin|telegram|tiktok"
    r"|whatsapp|vk|rss|e-?mail|mastodon|bluesky|threads|reddit|pinterest|flipboard|вконтакте|одноклассники)(\s+(icon|logo|link|button))?$",
    r"^(follow|like|join)\s+(us|[\w’' ]{1,40}?)\s+(on|for)\b.{0,60}$",
    r"^share (on|via) \w+$",
    # a share bar's copy-link button and its tooltip: "Copy Link copied", "Link kopieren", "Скопировать ссылку"
    r"^((copy|share) (the )?link|link copied|link kopieren|link kopiert|kopiuj link|(link )?skopiowan[oy]( link)?|скопировать ссылку"
    r"|ссылка скопирована|скапіяваць спасылку|спасылка скапіяваная|копіювати посилання|посилання скопійовано)"
    r"(\s+(copy|share)?\s*(link )?(copied|kopiert|skopiowany|скопирована|скапіяваная|скопійовано))?\s*$",
    r"^@[\w.]{2,30}$",
    r"^(folgen sie uns|подписывайтесь на нас|падпісвайцеся|підписуйтеся|obserwuj nas)\b.{0,60}$",
    # the label over the icons: "Follow us", "Мы в соцсетях", "Мы ў сацсетках", "Jesteśmy w mediach społecznościowych"
    r"^(follow us|find us( online| on social media)?|we('re| are) on social media|мы (в|у|ў) (соцсетях|социальных сетях|сацсетках|сацыяльных сетках)"
    r"|ми (в|у) (соцмережах|соціальних мережах)|jesteśmy w (mediach społecznościowych|social mediach)|wir sind in den sozialen (medien|netzwerken)"
    r"|(uns )?in den sozialen (medien|netzwerken)|social media)\s*:?$",
    # "All the main news, in our Telegram channel. Subscribe": a channel plug in any of the pipeline's languages
    r"\b(our|unserem|нашем|нашым|нашому|naszym) (telegram|whatsapp|viber|youtube|instagram)[\w-]*\b.{0,40}$",
)
_NETWORK = re.compile(
    r"(?<!\w)(facebook|twitter|x|youtube|instagram|linkedin|telegram|tiktok|whatsapp|viber|signal|vk|vkontakte|reddit"
    r"|pinterest|flipboard|mastodon|bluesky|threads|e-?mail|вконтакте|одноклассники)(?!\w)",
    re.IGNORECASE,
)


_TAG = re.compile(r"<[a-zA-Z/!][^<>]{0,300}>")
_FIELD = re.compile(r"^(\[\s*[^\[\]]{1,40}?\s*\]\s*){1,4}$")


def _markup(text: str) -> Drop | None:
    """HTML pasted into a page's text: a hacked page's hidden links (``<a href=...>loans</a>``),
    or a form copied as its fields and buttons ("[ Type your email… ]  [ Subscribe ]")."""
    tags = _TAG.findall(text)
    if len(tags) >= 2 and sum(map(len, tags)) >= len(text) / 3:
        return Drop("markup", "HTML markup in the text (links or code pasted or injected into the page)")
    if _FIELD.match(text) and not words(text[:1]):
        return Drop("form", "a form's fields and buttons, copied as text")
    return None


def _share_bar(text: str) -> Drop | None:
    """A share or follow bar in any language: a short line that names two social networks or
    more and says nothing else in a sentence ("Udostępnij  Facebook  X  WhatsApp  Kopiuj link")."""
    if len(text) > 120 or re.search(r"[.!?…]\s", text) or text.endswith((".", "!", "?")):
        return None
    tokens = words(text)
    networks = len(_NETWORK.findall(text))
    if networks >= 2 and len(tokens) <= 2 * networks + 3:
        return Drop("social", "share or follow bar (the names of social networks and little else)")
    return None


_related = _pattern_rule(
    "related-link",
    "link to another article",
    r"^(read also|also read|see also|read more|related|more on this( story| topic)?|more:|recommended|watch|listen"
    r"|mehr zum thema|lesen sie (auch|mehr)|auch interessant|siehe auch|das könnte sie auch interessieren"
    r"|читайте (также|тоже)|смотрите также|чытайце (таксама|яшчэ)|глядзіце таксама|читайте (також|ще)|дивіться також"
    r"|czytaj (też|także|również|więcej)|przeczytaj (też|także|również)|прочитайте (также|тоже)|zobacz (też|także|również)"
    r"|up next|read next|next story|next article|nächster artikel|следующая статья|наступны артыкул|наступна стаття|następny artykuł)\s*[:\-–—|»›]",
    r"^[»›>•→]\s*(read (also|more)|see also|related|lesen sie (auch|mehr)|читайте (также|тоже)|чытайце (таксама|яшчэ)|przeczytaj (też|także)|czytaj (też|także))\b",
)
_signature = _pattern_rule(
    SECTION_LABEL,
    "signature delimiter: the post or the letter ends here (what follows is its signature and the replies)",
    r"^(_{5,}|-- ?)$",
    max_len=80,
)
_profile = _pattern_rule(
    "article-chrome",
    "a poster's profile beside a forum post (rank, registration date, post count, location)",
    r"^(registered|joined|member since|posts|messages|location|from|регистрация|зарегистрирован|сообщений|откуда|рэгістрацыя"
    r"|паведамленняў|адкуль|реєстрація|повідомлень|звідки|dołączył|rejestracja|posty|postów|skąd|registriert|beiträge|wohnort|herkunft)"
    r"\s*:\s*[\w .,\u00a0/-]{1,30}$",
    r"^(спасибо|дзякуй|дякую|thanks|danke|dziękuję|likes?)\s*:\s*\d+\b.{0,60}$",
    # a vote that an answer helped, with its count: "👍 Pomocne (12)", "Helpful (3)"
    r"^(?:[👍👎]\ufe0f?\s*)?(helpful|hilfreich|полезно|полезный ответ|карысна|корисно|pomocne|przydatne)\s*\(\d+\)$",
    # a post's age beside its author: "· 3h", "· 2 d"
    r"^[·•]\s*\d+\s*(s|m|h|d|w|min|mins|hrs?|std|ч|мин|гадз|год|дн|g|godz)\.?$",
)
_bio_line = _pattern_rule(
    "author-bio",
    "an author's or an expert's bio, under its label on the same line",
    # "O ekspertce: Agnieszka Sołowiej – adwokatka z Białegostoku, ..."
    r"^(about the (author|authors|expert|writer|speaker)|o (autorze|autorce|autorach|ekspercie|ekspertce)|об (авторе|авторах|эксперте)"
    r"|пра (аўтара|аўтарку|эксперта)|про (автора|авторку|експерта)|über (den autor|die autorin|die expertin|den experten))\s*:\s*\S.{10,400}$",
    max_len=450,
)
_support_details = _pattern_rule(
    "support-prompt",
    "how to pay or give to the publisher (bank details, a donate button, a tax allocation)",
    r"\biban\b[:\s]*[a-z]{2}\d{2}|\bswift\b[:\s]*[a-z]{6}|\bkrs\b[:\s]*\d{10}\b|\bbic\b[:\s]*[a-z]{6}[a-z0-9]{2}",
    r"^(donate( now| today)?|give now|jetzt spenden|spenden|wpłać( teraz)?|wesprzyj( nas)?|ахвяраваць|ахвяруйце|пожертвовать|поддержать|підтримати)[.!]?$",
)
_funding_note = _pattern_rule(
    "disclaimer",
    "the site's note on who funds it or who is responsible for its views",
    # (present tense, no one reported as saying it: "The project was funded by the council, she said" is a story)
    r"^(this|the) (project|publication|report|paper|brief|website|site|article|work|research) (is|was|has been) (co-?)?(funded|financed|supported|made possible)"
    r" (by|with|through)\b"
    r"(?!.*\b(said|says|told|according)\b).{0,200}$",
    r"^(projekt|publikacja|strona) (jest )?(współ)?finansowan[ya]\b.{0,200}$",
    # a machine transcript's note: "This transcript was generated automatically and checked by an editor."
    r"^(this|the|dieses|diese|это|гэта|ця|цей|ta|ten) (transcript|transkript|abschrift|расшифровка|стэнаграма|транскрипт|transkrypcja|subtitles|untertitel)\b"
    r".{0,40}\b(generated|produced|created|made|erstellt|erzeugt|создан\w*|створен\w*|створ\w+|wygenerowan\w*|згенеравана)\b.{0,160}$",
    r"^(das|dieses|diese) (projekt|publikation|website|institut)\b.{0,80}\b(gefördert|finanziert)\b.{0,120}$",
    # "Das ZOiS ist ein Institut der Leibniz-Gemeinschaft und wird vom Auswärtigen Amt gefördert."
    r"^(das|der|die|unser|unsere) [\w-]+ (ist|wird)\b(?!.*\b(sagte|sagt|erklärte|teilte|so)\b).{0,140}\b(gefördert|finanziert)\.?$",
    r"^(проект|публикация|издание) (со)?финансируется\b.{0,200}$|\bтреści wyrażone\b",
    # the funder's disclaimer: "This publication was produced with the financial support of the European Union. Its contents are ..."
    r"\b(produced|published|prepared|made possible) with the (financial )?support of\b(?!.*\b(said|says|told)\b)"
    r"|\bsole responsibility of\b.{0,80}\b(do|does) not necessarily reflect\b",
    # whose views: "The views expressed are those of the author and not of the Institute"
    r"\b(views|opinions) expressed( in this [\w ]{2,30}| here(in)?)? are (solely |only |entirely )?((those|the views|the opinions) of the authors?\b"
    r"|(the )?authors?['’]s? own\b)",
    r"\bмнение (автора|авторов) (может )?не (совпадает|совпадать) с (мнением|позицией) редакции\b"
    r"|\bмеркаванне (аўтара|аўтараў) (можа )?не (супадае|супадаць) з (меркаваннем|пазіцыяй) рэдакцыі\b"
    r"|\bдумка (автора|авторів) може не збігатися\b|\b(opinie|poglądy) wyrażone\b.{0,60}\bautor"
    r"|\b(geäußerten|vertretenen|dargestellten) (meinungen|ansichten|positionen)\b.{0,80}\b(autor|autorin|autoren|autorinnen)\b"
    # "This article is for information only and is not legal advice", in the pipeline's languages
    # (said of the page, not by a writer of themselves: "This is not legal advice. I am a translator" is a blog's text)
    r"|^(this|the) (article|page|information|text|content|material|publication|guide)\b.{0,60}\b((is|are) (provided )?for (general )?information(al)? purposes only|(is|does) not (constitute )?legal advice)\b"
    r"|^(эта|данная) (статья|информация|публикация|страница)\b.{0,60}\b(не является (юридической )?консультацией|носит (исключительно )?информационный характер)\b"
    r"|^(гэты|гэтая|гэта) (артыкул|інфармацыя|старонка)\b.{0,60}\bне з['’]яўляецца юрыдычнай кансультацыяй\b"
    r"|^(ця|дана) (стаття|інформація|сторінка)\b.{0,60}\bне є юридичною консультацією\b"
    r"|^(ten|niniejszy) (artykuł|tekst|materiał)\b.{0,60}\bnie stanowi porady prawnej\b|^(dieser|dieses|diese) (artikel|text|beitrag|information)\b.{0,60}\bstellt keine rechtsberatung dar\b"
    # "Die Analyse gibt die Meinung der Autor*innen wieder, nicht notwendigerweise die des Instituts."
    r"|\bgibt (ausschließlich |allein |nur )?die (meinung|auffassung|ansicht|position)(en)? der (autor|autorin|autoren|autorinnen|autor[*:_]innen)\b.{0,20}\bwieder\b",
    max_len=320,
)
_attachment = _pattern_rule(
    "page-chrome",
    "a link to a file to download ('… (PDF, 120 KB)')",
    r"\((pdf|docx?|xlsx?|pptx?|odt|rtf|csv|zip|epub|mp3|mp4|m4a|ogg|wav),?\s*\d+([.,]\d+)?\s*(kb|mb|gb|кб|мб)\)"
    r"(\s*(download|pobierz|herunterladen|скачать|спампаваць|завантажити|ściągnij))?\s*$",
    # the label over a page's attachments: "Załączniki:", "Attachments:", "Прикріплені файли:"
    r"^(attachments?|attached files|downloads|załączniki|pliki do pobrania|anhänge|dateien|downloads|вложения|прикрепл[её]нные файлы"
    r"|файлы|далучаныя файлы|далучэнні|прикріплені файли|вкладення|файли)\s*:$",
    # a short link to a file: "Manuskript zur Sendung (PDF)", "Full report [PDF]"
    r"^[^.!?]{0,60}[(\[](pdf|docx?|mp3|mp4|epub)[)\]]$",
    max_len=160,
)
_paywall = _pattern_rule(
    SECTION_LABEL,
    "paywall: the rest of the article is for subscribers (its offer is not the article)",
    # a price per period, in any currency the pipeline's pages use: "19,90 zł/mies.", "$4.99 a month"
    r"(\d+([.,]\d\d)?\s*(zł|€|eur|usd|\$|£|руб\.?|₽|byn|грн|₴)|(€|\$|£)\s*\d+([.,]\d\d)?)\s*"
    r"(/|a |per |pro |im |за |na |в |у )\s*(mo(nth)?|mies(iąc)?\.?|monat|мес(яц)?\.?|месяц|месяц|month|год|рок|year|jahr|rok)\b",
    r"^(this (article|story|content) is (only )?(available|reserved|for) (only )?(to |for )?(subscribers|members)"
    r"|subscribe (now )?to (continue|keep) reading|(to )?continue reading,? (please )?(subscribe|log ?in|sign in)"
    r"|already (a subscriber|have an account)\??|dieser (artikel|beitrag|inhalt) ist (nur )?(für )?abonnent|jetzt weiterlesen mit"
    r"|ten artykuł jest dostępny tylko dla (prenumeratorów|subskrybentów)|subskrybuj,? aby czytać dalej|masz już (prenumeratę|subskrypcję)"
    r"|(эта статья|этот материал) доступ(на|ен) только (для )?подписчик|гэты (артыкул|матэрыял) даступны толькі (для )?падпісчык"
    r"|ця стаття доступна лише (для )?передплатник)",
    max_len=240,
)
_section = _pattern_rule(
    SECTION_LABEL,
    "label of a box of other content (related articles, comments, author bio, tags)",
    r"^(related|more|other|latest|recent|popular|top|suggested|recommended|further) (articles|posts|stories|news|reading"
    r"|publications|analysis|reports|topics|content)$|^(related|powiązane|похожие|падобныя|схожі) [^\W\d_]+$",
    r"^most (read|viewed|popular|clicked|shared|commented|e-?mailed)( (last|this) (week|month|year)| today| (stories|articles|posts|issues))?\s*:?$",
    r"^(related|read next|up next|most read|most popular|most viewed|trending|recent posts|archives|categories|you may also like"
    r"|you might also like|recommended for you|more (from|by) @?[\w .&'’-]{2,40}|keep (current|up) with @?[\w .&'’-]{2,40}"
    r"|(more|other) (posts|threads|articles|stories) (from|by) @?[\w .&'’-]{2,40}"
    r"|housekeeping|(press|media) (contacts?|enquiries|inquiries)|(latest|recent|all|more|other|related) (press releases|releases|statements|news releases)"
    r"|about the authors?|about us|about the (site|blog)"
    r"|share this|comments|discussion|join the discussion|audio and video|in other news|elsewhere|top stories"
    r"|related topics|more on this story|features|editor'?s picks|don'?t miss|explore more|show more( stories)?"
    r"|(full|more|live|latest) coverage(:.{0,60})?)\s*:?$",
    r"^([\w.&'’-]+ ){0,3}(empfiehlt|empfehlen|recommends|picks)$",
    r"^(mehr (zum thema|artikel|aus|von)|weitere (artikel|beiträge|themen|nachrichten)|meistgelesen|das könnte sie"
    r" (auch )?interessieren|audio und video( zum thema)?|über (den autor|die autorin|die autor[*:_]?innen|die autorinnen und autoren|die autoren|uns)|kommentare|themen|schlagwörter"
    r"|impressum|datenschutz(erklärung)?|barrierefreiheit(serklärung)?|kontakt|sprachen|nachrichten|live tv)\s*:?$",
    r"^(читайте также|похожие (статьи|материалы|новости)|популярное|самое (читаемое|популярное)|другие (статьи|новости)"
    r"|об авторе|о нас|комментарии|читайце таксама|падобныя (артыкулы|матэрыялы)|папулярнае|пра аўтара|каментары"
    r"|читайте також|схожі (статті|матеріали)|популярне|про автора|коментарі"
    r"|czytaj także|zobacz (też|także|również)|powiązane( artykuły)?|najczęściej czytane|popularne|o autorze|komentarze|polecane|polecamy"
    r"|об (инициативе|организации|авторах|проекте)|о (нас|проекте|фонде)|пра (нас|арганізацыю|ініцыятыву)|про (нас|організацію)"
    r"|o (nas|fundacji|organizacji|projekcie)|über (uns|die organisation|das projekt)|about (the )?(organi[sz]ation|initiative|foundation|project)"
    r"|рекомендуем|рэкамендуем|рекомендуємо|wir empfehlen|we recommend"
    r"|pressekontakte?|kontakt für (die )?(presse|medien)|kontakt dla (mediów|prasy)|контакты для (сми|прессы)|кантакты для (смі|прэсы)|контакти для (змі|преси)"
    r"|(alle |weitere )?pressemitteilungen|(wszystkie |inne )?komunikaty( prasowe)?|(все |другие )?пресс-релизы|(усе |іншыя )?прэс-рэлізы|(всі |інші )?пресрелізи)\s*:?$",
    # a press release's "About <the organisation>": "Об Инициативе «Голос»", "About Viasna", "O Fundacji Dom"
    r"^(об|о|пра|про|about|über|o) (инициативе|организации|фонде|объединении|ініцыятыве|арганізацыі|фондзе|ініціативу|організацію"
    r"|the (initiative|organi[sz]ation|foundation|association|centre|center|network)|die organisation|den verein|die stiftung"
    r"|fundacji|organizacji|stowarzyszeniu|inicjatywie)(\s+\S+){1,5}\s*:?$",
    r"^about (the )?([\w’'-]+ ){0,6}(network|association|foundation|centre|center|institute|initiative|organi[sz]ation|union"
    r"|committee|coalition|society|fund|project|alliance)( \([A-Z]{2,8}\))?\s*:?$",
    # a newsletter platform's box of earlier issues: "Keep Reading", "Weiterlesen", "Читайте дальше"
    r"^(keep reading|more from the archive|from the archive|previous issues|past issues|weiterlesen|frühere ausgaben|читайте дальше|предыдущие выпуски"
    r"|папярэднія выпускі|попередні випуски|poprzednie wydania|czytaj dalej)\s*:?$",
    # a reference work's lists of other pages: "See also", "External links", "Siehe auch", "Ссылки"
    r"^(see also|external links|siehe auch|weblinks|см\. также|смотрите также|внешние ссылки|ссылки|глядзіце таксама|гл\. таксама"
    r"|спасылкі|вонкавыя спасылкі|див\. також|дивіться також|посилання|зовнішні посилання|linki zewnętrzne)\s*:?$",
    # a newsletter's contents: "In this issue", "У цьому випуску:", "W tym wydaniu"
    r"^(in (this|today'?s) (issue|edition|newsletter)|in dieser ausgabe|в (этом|сегодняшнем) выпуске|у гэтым выпуску|у цьому випуску"
    r"|w (tym|dzisiejszym) (numerze|wydaniu))\s*:?$",
    # how to cite the page: "Cite this", "Suggested citation", "Zitiervorschlag", "Как цитировать"
    r"^(cite this( article| analysis| publication| page| report| paper| brief)?|suggested citation|how to cite( this)?|citation"
    r"|zitiervorschlag|zitierweise|как цитировать|як цытаваць|як цитувати|jak cytować|sposób cytowania)\s*:?$",
    r"^(privacy( policy| notice)?|terms( of (use|service))?|imprint|accessibility( statement)?|contact( us)?|legal notice"
    r"|cookie policy|sitemap|careers|advertise( with us)?|press)\s*:?$",
)
_bare_url = _pattern_rule("bare-url", "bare link line (the source URL belongs in the manifest)", r"^(https?://|www\.)\S+$")
_copyright = _pattern_rule(
    "copyright",
    "copyright notice of the site",
    r"\b(all rights reserved|alle rechte vorbehalten|все права защищены|усе правы абаронены|всі права захищені"
    r"|wszelkie prawa zastrzeżone)\b",
    r"^(©|\(c\)|copyright)\s*.{0,60}\s[·|]\s",
    # a republication notice: "При использовании материалов ссылка на БИА обязательна", "Nachdruck nur mit Genehmigung"
    r"^(при (использовании|перепечатке|цитировании)|пры (выкарыстанні|перадруку)|при (використанні|передруку)|przedruk|nachdruck)\b.{0,80}$",
    r"\b(ссылка|спасылка|посилання)\b.{0,40}\b(обязательна|абавязковая|обов'язкове|обов’язкове)\b",
    # terms of republication: "Материал распространяется свободно с указанием источника", "Nachdruck mit Quellenangabe"
    r"^.{0,100}\b(с указанием источника|з указаннем крыніцы|са спасылкай на крыніцу|із зазначенням джерела|z podaniem źródła"
    r"|mit (angabe der )?quelle(nangabe)?|with (attribution|credit) to the source|(may|can) be (freely )?republished)\b.{0,60}$",
)
# The rights notice of a text: "Dieses Manuskript ist urheberrechtlich geschützt und darf ...", "This transcript is protected by copyright"
_rights = _pattern_rule(
    "copyright",
    "copyright notice of the text (how it may be used)",
    r"\b(dieses|diese|dieser|this|these|этот|эта|это|гэты|гэта|цей|ця|це|ten|ta|to)\b.{0,40}\b(urheberrechtlich geschützt|(is |are )?protected by copyright"
    r"|copyright[- ]protected|защищен\w* авторским правом|ахоўва\w* аўтарскім правам|захищен\w* авторським правом|chronion\w* prawem autorskim)",
    max_len=700,
)
_exchange = _pattern_rule(
    "exchange-notice",
    "market-data delay notice",
    r"\b(quotes?|data|prices?) (are )?delayed (by )?(a minimum of |at least |up to )?\d+ minutes\b",
    r"\bkurse?\b.{0,30}\bverzögert\b",
    max_len=300,
)

_PRIVACY_TERMS = re.compile(
    r"e-?mail address|unsubscribe|opt[- ]out|privacy (notice|policy|statement)|\bcookies?\b|analytics|\btracking\b"
    r"|personal data|\bgdpr\b|terms of (service|use)|datenschutz\w*|personenbezogene\w*|персональн\w+ данн\w+"
    r"|політик\w+ конфіденційності|polityk\w+ prywatności|dane osobowe|administratorem (twoich )?danych",
    re.IGNORECASE,
)


def _privacy(text: str) -> Drop | None:
    if len(text) > 800:
        return None  # a paragraph that long is prose that mentions privacy, not a notice
    found = {m.group(0).casefold() for m in _PRIVACY_TERMS.finditer(text)}
    if len(found) >= 2:
        return Drop("privacy", f"privacy or tracking boilerplate ({', '.join(sorted(found))})")
    return None


# The ask of a donation appeal, not the word "donation" (a report on people jailed for their
# donations is not an appeal): "Please donate", "Support our journalism", "Падтрымайце нас".
_DONATE = re.compile(factored(
    r"\bplease (donate|support|give|chip in|consider (donating|supporting|a donation))\b|\bdonate (now|today|here|to (us|our|keep))\b"
    r"|(?:^|[.!?]\s+)donate\b|\bneeds? your (support|help|donations?)\b|\bbraucht ihre unterstützung\b"
    r"|\bsupport (us|our work|our journalism|independent journalism)\b|\bbecome a (member|patron|supporter)\b"
    r"|\bgenerosity of (its|our) readers\b|\bmake a donation\b|\bjetzt spenden\b|\bspenden sie\b|\bunterstützen sie (uns|unsere)\b"
    r"|\bпожертвуйте\b|\bподдержите (нас|наш\w*|редакци\w*)\b|\bахвяруйце\b|\bпадтрымайце (нас|наш\w*|рэдакцы\w*)\b"
    r"|\bпідтримайте (нас|наш\w*|редакці\w*)\b|\bwesprzyj\b|\bwpłać\b|\bprzekaż darowiznę\b"),
    re.IGNORECASE,
)
_SELF = re.compile(r"\b(we|(?<!of )(?<!among )us|our|wir|uns|unsere?n?|мы|нас|наш\w*|ми|нам|my|nas|nasz\w*)\b", re.IGNORECASE)


def _donation(text: str) -> Drop | None:
    if len(text) > 1200:
        return None
    if _DONATE.search(text) and _SELF.search(text):
        return Drop("donation-appeal", "the publisher's appeal for donations")
    return None


_COUNT = re.compile(r"\d[\d,.\u00a0]*\s*(k|m|тыс\.?|тис\.?|tys\.?)?(?![^\W\d_])", re.IGNORECASE)


# The buttons under a post or a newsletter issue: "♥ Like 💬 Comment ↗ Share", "Gefällt mir · Kommentieren · Teilen".
_ACTIONS = frozenset(
    "like likes comment comments share reply repost restack retweet save bookmark follow subscribe gefällt mir kommentieren teilen antworten "
    "speichern нравится комментировать ответить поделиться сохранить падабаецца каментаваць адказаць падзяліцца "
    "подобається коментувати відповісти поділитися зберегти lubię to komentuj komentarz odpowiedz udostępnij zapisz".split()
)


def _action_bar(text: str) -> Drop | None:
    tokens = [t.casefold() for t in words(text)]
    if 2 <= len(tokens) <= 8 and len(text) <= 80 and all(t in _ACTIONS for t in tokens) and len(set(tokens)) >= 2:
        return Drop("article-chrome", "the buttons under a post (like, comment, share)")
    return None


def is_reactions(text: str) -> bool:
    """Reaction counters: emoji and numbers and nothing else ("👍 482 ❤️ 217", "🔥 1.2K")."""
    if len(text) > 120 or not any(c.isdigit() for c in text):
        return False
    rest = _COUNT.sub("", text)
    return not any(c.isalnum() for c in rest) and any(unicodedata.category(c) == "So" for c in rest)


def _reactions(text: str) -> Drop | None:
    return Drop("article-chrome", "reaction counters (emoji and numbers)") if is_reactions(text) else None


def _spam(text: str) -> Drop | None:
    reason = salad_reason(text, "")
    if reason is not None:
        return Drop("seo-spam", reason)
    return None


LINE_RULES: tuple[_Rule, ...] = (
    _spam,
    _page_chrome,
    _cookies,
    _advertisement,
    _newsletter,
    _privacy,
    _email_chrome,
    _social,
    _share_bar,
    _action_bar,
    _support_prompt,
    _article_chrome,
    _reactions,
    _comment_label,
    _comments,
    _petition,
    _related,
    _support_details,
    _funding_note,
    _attachment,
    _signature,
    _profile,
    _bio_line,
    _paywall,
    _section,
    _copyright,
    _rights,
    _exchange,
    _donation,
    _markup,
    _bare_url,
)


@lru_cache(maxsize=1 << 14)  # a page repeats its furniture; the rules are a pure function of the text
def line_verdict(text: str) -> Drop | None:
    """The first phrase rule that drops ``text`` (a bulleted line is judged by its item text)."""
    subject = text
    if text and text[0] in "•‣◦▪●◆■–" and (len(text) == 1 or text[1].isspace()):
        subject = text[1:].strip()
    if not words(subject) and len(subject) <= 3 and not subject.isdigit():
        return None  # a bullet or a dash on its own (a page number is furniture: judged below)
    for rule in LINE_RULES:
        verdict = rule(subject)
        if verdict is not None:
            return verdict
    return None
