"""Shapes of text that clean-up and block classification recognise: bullets, headings,
blurbs, bylines, names, datelines, captions, credits and footnotes.

Pure functions of one string, shared by the page classifier (:mod:`pipeline.clean`), the
metadata reader (:mod:`pipeline.clean_meta`) and the text reader's block kinds.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.clean_features import ends_sentence, title_case_ratio, words

BULLETS = "•‣◦▪●◆■–"


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


# Words that open a question, and so a heading that asks one ("What the founders told me").
QUESTION_WORDS = frozenset(
    "how what why who where when which wie was warum wer wo wann welche как что почему кто где когда зачем "
    "як што чаму хто дзе калі навошта jak co dlaczego kto gdzie kiedy czy що чому де коли навіщо".split()
)


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


# Month names and their abbreviations as dates print them, in the pipeline's languages
# (genitive in the Slavonic ones: "18 квітня 2026"), with their numbers.
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            # the genitive ("4 снежня 2026") and the nominative ("снежань 2026", an issue's month)
            "jan january januar января студзеня січня stycznia январь студзень січень styczeń",
            "feb february februar февраля лютага лютого lutego февраль люты лютий luty",
            "mar march märz марта сакавіка березня marca март сакавік березень marzec",
            "apr april апреля красавіка квітня kwietnia апрель красавік квітень kwiecień",
            "may mai мая травня maja май травень maj",
            "jun june juni июня чэрвеня червня czerwca июнь чэрвень червень czerwiec",
            "jul july juli июля ліпеня липня lipca июль ліпень липень lipiec",
            "aug august августа жніўня серпня sierpnia август жнівень серпень sierpień",
            "sep sept september сентября верасня вересня września сентябрь верасень вересень wrzesień",
            "oct october oktober октября кастрычніка жовтня października октябрь кастрычнік жовтень październik",
            "nov november ноября лістапада листопада listopada ноябрь лістапад листопад listopad",
            "dec december dezember декабря снежня грудня grudnia декабрь снежань грудень grudzień",
        ),
        1,
    )
    for name in names.split()
}
_MONTHS = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE = re.compile(
    rf"\b(\d{{1,2}}\.?\s+({_MONTHS})\.?,?\s+\d{{4}}|({_MONTHS})\.?\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|\d{{1,2}}-\d{{1,2}}-\d{{4}}|({_MONTHS})\s+\d{{4}})",
    re.IGNORECASE,
)
BYLINE = re.compile(
    r"^(by|written by|von|posted (on .{1,40} )?by|published (on .{1,40} )?by|submitted (.{1,60} )?by|(veröffentlicht|geschrieben) (am .{1,40} )?von"
    r"|автор|аўтар|autor)\s*:?\s+\S.{0,80}$"
    r"|^(reporting|additional reporting|editing|writing) by\s",
    re.IGNORECASE,
)
# Credits that close a wire story: "Reporting by ...; Editing by ...".
CREDIT_LINE = re.compile(
    r"^\(?(reporting|additional reporting|editing|edited|writing|compiled|translated|translation) by:?\s"
    r"|\b(contributed|contributed reporting) to this (report|story|article)\.?$"
    r"|\bcontributed reporting\b[^.]{0,60}\.?$",
    re.IGNORECASE,
)
# "Jonas Petrauskas in Vilnius", "Anna Kowalczyk and Pavel Miranovich in Warsaw"
NAME_IN_PLACE = re.compile(
    # (names of two or three words: "Court Jails Three Volunteers in Hrodna" is a headline)
    r"^(?P<names>\S+(?: \S+){1,2}?(?: (?:and|und|и|і|i|та) \S+(?: \S+){1,2}?)?) (?:in|from|aus|в|у|w|з|из) [A-ZÀ-ÞА-ЯЁЎІЇЄ]\S+$"
)
_NAME = re.compile(r"^[A-ZÀ-ÞĀ-ŽА-ЯЁЎІЇЄҐ][\w’'.\-]+(\s+[A-ZÀ-ÞĀ-ŽА-ЯЁЎІЇЄҐ][\w’'.\-]+){1,3}$")
FOOTNOTE = re.compile(r"^(\*+|†|‡|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d+\])\s*\S")
CREDIT = re.compile(r"^(\(c\)|©|copyright\b)", re.IGNORECASE)
# "Image source, Getty Images", "Image caption, Supporters outside the prison", "Photo: ..."
CAPTION_LABEL = re.compile(
    r"^(?:(image|photo|picture|video|media|graphic|foto|bild|фото|фота|zdjęcie)s?\s*(source|caption|credit|quelle)?\s*[,:]|(?:fot|фот|abb|ill)\.)\s*\S",
    re.IGNORECASE,
)
# The nouns and abbreviations with which a page names a picture, in the pipeline's languages:
# the picture-word patterns of the readers, the clean-up and the model all live here.  The
# credit rules share these two; CAPTION_LABEL (also media, graphic) and INLINE_CREDIT (the
# nouns a caption's "Photo:" uses) keep narrower lists of their own, as before.
_PICTURE = r"(?:photo(?:graph)?|image|picture|illustration|video|foto|bild|фота|фото|zdjęcie|ілюстрацыя|иллюстрация)s?"
_PICTURE_ABBR = r"(?:fot|фот|abb|ill)\."
# A photo credit on a line of its own: "Photo: Reuters", "Image by ...", "Fot. A. Nowak", "© AFP".
PICTURE_CREDIT = re.compile(rf"^(?:{_PICTURE}\s*(?:by\b|:)|{_PICTURE_ABBR}\s*\S|credit:|\(c\)|©|copyright\b)", re.IGNORECASE)
# A photo's credit in capitals, name and agency: "ANDRIUS VAITKEVIČIUS / THE LEDGER", "REUTERS/Stringer".
SLASH_CREDIT = re.compile(r"^[A-ZÀ-ÞĀ-ŽА-ЯЁЎІЇЄҐ][A-ZÀ-ÞĀ-ŽА-ЯЁЎІЇЄҐ.'’-]+(?: [A-ZÀ-ÞĀ-ŽА-ЯЁЎІЇЄҐ.'’-]+){0,3} ?/ ?\S.{0,40}$")


def is_picture_credit(text: str) -> bool:
    """A photo's credit on a line of its own: "Photo: Reuters", "© AFP", "ANDRIUS VAITKEVIČIUS / THE LEDGER"."""
    return bool(PICTURE_CREDIT.match(text) or SLASH_CREDIT.match(text))


# A credit inside a caption: "... on November 27. Photo: Vilnius Herald / A. Nowik".
INLINE_CREDIT = re.compile(rf"\b(?:photo|image|picture|foto|фота|фото|zdjęcie)\s*:\s*\S|(?:^|\s){_PICTURE_ABBR}\s*\S", re.IGNORECASE)
# A block that starts by naming a picture ("Photos by ...", "Фота: ..."): a picture's credit.
PICTURE_WORD = re.compile(rf"^\W*(?:{_PICTURE}\b|{_PICTURE_ABBR})", re.IGNORECASE)


def is_name(text: str) -> bool:
    """Two to four capitalised words and nothing else: a person's name on its own line."""
    return bool(_NAME.match(text)) and not any(c in text for c in ":·|")


_RELATIVE_DATE = re.compile(
    r"^(published|updated|posted|last updated|veröffentlicht|aktualisiert|stand|опубликовано|обновлено|апублікавана"
    r"|абноўлена|опубліковано|оновлено|opublikowano|zaktualizowano)\b.{0,40}$"
    r"|^\d+\s+(minutes?|hours?|days?|weeks?|mins?|hrs?)\s+ago$"
    # a mail client's timestamp: "Fri, Dec 4, 7:02 AM (5 hours ago)", "pt., 4 gru, 07:02 (5 godzin temu)"
    r"|^[^!?]{0,30}\b\d{1,2}:\d\d\b[^.!?()]{0,10}\((?:vor )?\d+\s+[^\W\d_]+\.?\s*(?:ago|temu|назад|таму|тому)?\)$",
    re.IGNORECASE,
)


def is_dateline(text: str) -> bool:
    """A short line that states a date (a timestamp, "Posted on 9 November 2026", "24.06.2026",
    "Published 3 hours ago")."""
    if len(text) > 120 or ends_sentence(text.rstrip(" .")) or len(words(text)) > 14:
        return False
    return bool(DATE.search(text) or _RELATIVE_DATE.match(text))


# "Event report by Tomas Weber", "Ein Kommentar von Dr. Anna Roth", "Репортаж от ...": a credit
# of a kind of text (one or two words) to a person; "Image by ...", "Photo by ..." credit a
# picture (a caption's credit, not the article's byline).
_KIND_BY = re.compile(
    r"^(?!(?:image|photo|picture|illustration|graphic|video|map|cartoon|foto|bild|grafik|фото|фота|zdjęcie|ilustracja)s?\b)"
    r"[^\W\d_]+(?: [^\W\d_]+)? (?:by|von|от|ад|від|od) (?:(?:dr|prof|mag)\. )*(?P<name>.+)$",
    re.IGNORECASE,
)


_BESIDE = re.compile(r"\s[·|•]\s")


def is_byline(text: str) -> bool:
    """"By ...", "Posted on ... by ...", "Reporting by ...", "Event report by <name>", a name
    and a place, or a name and a role ("Sarah Novak, Eastern Europe correspondent"); any of
    them with the date beside it ("Hosted by Alena Hrytsevich · 28 November 2026")."""
    beside = _BESIDE.search(text)
    if beside is not None and DATE.search(text[beside.end() :]) and len(words(text[beside.end() :])) <= 6:
        return is_byline(text[: beside.start()])
    if beside is not None and is_dateline(text[: beside.start()]) and is_name(text[beside.end() :].strip()):
        return True  # the date, then the name: "Posted on 29 November 2026 · Yahor Klimovich"
    if BYLINE.match(text) and not (ends_sentence(text) and len(words(text)) > 14):
        return True
    name, comma, role = text.partition(", ")
    if comma and is_name(name) and 1 <= len(words(role)) <= 8 and not ends_sentence(role) and not DATE.search(role):
        return True
    kind_by = _KIND_BY.match(text)
    if kind_by is not None and is_name(kind_by.group("name")):
        return True
    names = re.split(r",? (?:and|und|и|і|i|oraz|та|&) |, ", text)
    if len(names) >= 2 and all(is_name(n) for n in names):
        return True  # the authors on a line of their own: "Mikalai Hurynovich and Elżbieta Kowalczyk"
    found = NAME_IN_PLACE.match(text)
    return found is not None and all(is_name(n) for n in re.split(r" (?:and|und|и|і|i|та) ", found.group("names")))


_BIO = re.compile(
    r"^(?P<name>\S+(?: \S+){1,3}?),? (?:is|was|has been|ist|war|является|з'яўляецца|є|jest)"
    r"(?: \S+){0,5}? (?:reporter|correspondent|editor|journalist|fellow|researcher|analyst|writer|author|professor|director"
    r"|founder|expert|contributor|lecturer|scholar|columnist|producer|photographer|Korrespondent(?:in)?|Redakteur(?:in)?"
    r"|Journalist(?:in)?|Autor(?:in)?|журналист(?:ка)?|корреспондент|журналіст(?:ка)?|карэспандэнт|dziennikar(?:z|ka))\b"
    r"|^(?P<name2>\S+(?: \S+){0,3}?) (?:covers|writes (?:about|on|for)|reports (?:on|from|for)|joined)\s",
    re.IGNORECASE,
)


def is_bio(text: str, above: str = "") -> bool:
    """An author's bio: "Marta Horban is a reporter at ...", "Anna Kowalczyk covers Poland",
    or by surname alone under the name ("ANNA KOWALCZYK" / "Kowalczyk covers Poland ...")."""
    found = _BIO.match(text)
    if found is None:
        return False
    name = found.group("name") or found.group("name2")
    if " " not in name:
        return bool(above) and is_name(above.title()) and above.split()[-1].casefold() == name.casefold()
    return is_name(name)


def is_fact_row(raw: str) -> bool:
    """A row of a box of facts (a table of two columns) copied with its tab: a short label,
    one tab, and a value of a few words ("Location<TAB>Gomel, Brest and Mogilev regions"), not
    a menu of two items."""
    label, tab, value = raw.strip().partition("\t")
    return bool(tab) and "\t" not in value and 1 <= len(words(label)) <= 3 and not ends_sentence(label) \
        and len(value.split()) >= 3 and "  " not in value


# A company's legal form after (or before) its name: "Sp. z o.o.", "GmbH & Co. KG", "UAB", "e.V.", "Inc.", "ООО".
_LEGAL_FORM = (
    r"sp\.\s*z\s*o\.\s*o\.?|sp\.\s*j\.?|sp\.\s*k\.?|s\.\s*a\.|g?gmbh(?:\s*&\s*co\.?\s*kg)?|e\.\s*v\.|z\.\s*s\.|uab|inc\.?|ltd\.?|llc|plc"
    r"|ооо|тов|таа|зао|оао|ао"
)
LEGAL_FORM = re.compile(rf"(?:^|(?<=\s)|(?<=,))(?:{_LEGAL_FORM})(?=\s|$|,)", re.IGNORECASE)
_QUOTES = "«»„“”\"'‘’‚"


def tidy_publisher(name: str) -> str:
    """A publisher's name as readers know it: without the company's legal form ("Podlasie Media
    Sp. z o.o." is Podlasie Media, "UAB „Nemuno žinios“" is Nemuno žinios), the quotes around it
    and a dash before it."""
    bare = " ".join(LEGAL_FORM.sub(" ", name).split()).strip(" ,;:—–-·")
    if len(bare) >= 2 and bare[0] in _QUOTES and bare[-1] in _QUOTES and not any(c in _QUOTES for c in bare[1:-1]):
        bare = bare[1:-1].strip()
    return bare or name


_BY_WORD = re.compile(r"^(?:by|von|від|ад|от|przez)\s+(?=\S)", re.IGNORECASE)


def tidy_name(name: str) -> str:
    """A name as a reader writes it: without a "By" left in front, and in capitals only where
    the page set it all in capitals ("RŪTA KAZLAUSKIENĖ" is Rūta Kazlauskienė)."""
    name = _BY_WORD.sub("", name.strip())
    if name.isupper() and len(name) > 3:
        name = " ".join(part.capitalize() if "-" not in part else "-".join(p.capitalize() for p in part.split("-")) for part in name.split())
    return name
