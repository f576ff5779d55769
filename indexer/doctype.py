"""What a document is: minutes (referat), an agenda (dagsorden) or an annual report (årsberetning),
whether it is a supplement («Tillægsdagsorden»), and a report's year and period.

The document type is what the document calls itself in its first lines (`document_type`);
minutes that record this council's decisions are minutes whatever their title, an annual
report without the word must read as one, and a document that says nothing is filed as
minutes and claims no meeting.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from indexer import conventions as cv
from indexer.dates import DANISH_MONTH_PATTERN, year_of
from indexer.models import AARSBERETNING, DAGSORDEN, REFERAT, Item

TITLE_LINES = 12  # a document says what it is within its first lines


def title_lines(head: Sequence[str]) -> list[str]:
    """The head's first lines without its contents list: an agenda item listed there
    ("2. Årsberetning 2019 for Integrationsrådet") names no document type.

    >>> title_lines(["Referat", "", "PUNKTER", "1. Godkendelse af dagsorden", "2. Årsberetning 2019", "Eventuelt.....7"])
    ['Referat']
    """
    return [text for text in head if text and not _is_contents_line(text)][:TITLE_LINES]


def _is_contents_line(text: str) -> bool:
    return bool(cv.CONTENTS_HEADER.match(text) or (cv.NUMBERED_ENTRY.match(text) and not _QUARTER.match(text))
                or cv.DOTTED_ENTRY.match(text) or cv.CAPS_ENTRY.match(text))


# «1. kvartal 2025», «2. halvår 2024»: a report's period in its title, no numbered contents entry (the
# document lost its year: a dates review)
_QUARTER = re.compile(r"^[1-4]\.\s+(?i:kvartal|halvår)\s+(?:19|20)\d{2}$")


def document_type(opening: Sequence[str], decided: bool, annual: bool) -> str:
    """What the document calls itself in its opening lines; else, without items, an annual
    report only where it reads as one (`is_annual_report`); else minutes, the records the
    corpus is made of, which claims no meeting, date or council the document does not give.

    A document recording this council's decisions is its minutes, whatever its title:
    "Dagsorden med beslutninger" and "Åben dagsorden - beslutninger" are minutes; an agenda
    quotes only earlier committees.
    """
    titles = title_lines(opening)
    first = " ".join(titles)
    if cv.ANNUAL_WORD.search(first):
        return AARSBERETNING
    agenda = any(cv.AGENDA_WORD.search(text) for text in titles if not _SENTENCE.search(text))
    minutes = any(_names_minutes(text) for text in titles)
    if agenda and not minutes and not decided:
        return DAGSORDEN
    if annual and not minutes and not agenda:
        return AARSBERETNING
    return REFERAT


def titled_as_minutes(opening: Sequence[str], annual: bool) -> bool:
    """Whether the document is minutes by its title alone, before any decision is read: it calls itself
    minutes, or an agenda with its decisions («Dagsorden med beslutninger», «Dagsorden og referat»: code
    review 42), or nothing (untitled documents are minutes by default).

    >>> titled_as_minutes(["Byrådet", "Dagsorden med beslutninger"], False), titled_as_minutes(["Dagsorden"], False)
    (True, False)
    """
    if document_type(opening, False, annual) == REFERAT:
        return True
    return any(_WITH_DECISIONS.search(text) for text in title_lines(opening))


# An agenda's title naming its decisions, the words ending it: «Dagsorden med beslutninger», «Åben dagsorden -
# beslutninger», «Dagsorden og referat»; not «Dagsorden – referat følger» nor a head's «Beslutninger
# offentliggøres efter mødet» (code review 43).
_WITH_DECISIONS = re.compile(r"(?i)dagsorden\s*(?:med|og|[-–:])\s*(?:beslutninger|referat)\s*$")


# A sentence of the head, not a title: it ends in a word and a full stop («Protokol fra seneste møde er
# vedlagt som bilag.», «Referat fra seneste møde …»: an agenda's, code review 38). A title ending in a
# date («… 3. juni 2025.») is none.
_SENTENCE = re.compile(r"[a-zæøå]{2,}\.$")
# «Protokol» names the document as a title: alone, or «Protokol for/fra/over …», never a phrase's subject
# («Protokol og referat udsendes efter mødet», code review 38).
_PROTOCOL_IN_PHRASE = re.compile(r"\s+(?!(?:for|fra|over|af|den)\b)[a-zæøå]")  # after the word
# Any minutes word as the subject of a sentence saying they come later, without its full stop: an agenda's
# «Referat sendes ud efter mødet», «Referat følger», «Referat vil blive offentliggjort» (a gap noted at 0.7.0).
_MINUTES_TO_COME = re.compile(  # after the word, «fra mødet» between them or not, in any case (code review 44)
    r"(?i)\s+(?:(?:fra|af)\s+(?:mødet|dagens\s+møde)\s+)?(?:vil|bliver|kan|kommer|foreligger|følger|[a-zæøå]+[^n\W]es)\b")


def _names_minutes(text: str) -> bool:
    """Whether a title line names the document minutes (`cv.MINUTES_WORD`), not a sentence or a phrase
    that mentions earlier minutes (`_SENTENCE`, `_PROTOCOL_IN_PHRASE`).

    >>> [_names_minutes(t) for t in ("Referat", "Protokol", "Protokol for Handicaprådet 3. juni 2025", "Mødeprotokol",
    ...  "Protokol fra seneste møde er vedlagt som bilag.", "Protokol og referat udsendes efter mødet",
    ...  "Referat fra seneste møde er vedlagt som bilag.", "Referat fra mødet den 3. juni 2025.",
    ...  "Referat sendes ud efter mødet", "Referat følger", "Referat Kultur- og Fritidsudvalget",
    ...  "REFERAT UDSENDES EFTER MØDET", "Referat fra mødet udsendes efter mødet", "Referat kommer efter mødet",
    ...  "Referat kan læses på kommunens hjemmeside efter mødet", "Referat fra mødet i Byrådet")]
    [True, True, True, True, False, False, False, True, False, False, True, False, False, False, False, True]
    """
    if _SENTENCE.search(text):
        return False
    return any(not (match.group().lower().endswith("protokol") and _PROTOCOL_IN_PHRASE.match(text, match.end()))
               and not _MINUTES_TO_COME.match(text, match.end())
               for match in cv.MINUTES_WORD.finditer(text))


def is_annual_report(report: bool, fields: dict[str, str], head: Sequence[str], items: Sequence[Item]) -> bool:
    """A document without items reads as an annual report when it has sections and a year
    they are about (seed: "Visionen 2014-2017" … "Integrationsrådets møder 2015"), and no
    meeting lines (`Mødedato`, `Til stede`, `Afbud`) open it. A note of one paragraph, undated,
    is no annual report."""
    if not report or any(fields.get(kind) for kind in ("date", "present", "absent")):
        return False
    return len(items) >= 2 and report_year(head, items) is not None


# A report's period in its title: "Beretning for 2021-2022", "Årsberetning 2021-22", "2021/22".
# Not «2024 – 30. juni 2025»: a day's number («30.») is no year (a code review read it as «2024-2030»).
_PERIOD = re.compile(r"(?<![\d\-])((?:19|20)\d\d)\s*[-–/]\s*(?:(?:19|20)\d\d|\d\d(?!\.\s*[^\W\d_]))(?![\d\-])")
# A period from date to date: «for perioden 1. juli 2024 – 30. juni 2025».
_DATED_PERIOD = re.compile(r"((?:19|20)\d\d)\s*[-–]\s*(?:den\s+)?\d{1,2}\.\s*[^\W\d_]+\.?\s+((?:19|20)\d\d)(?!\d)")


def report_year(head: Sequence[str], items: Sequence[Item]) -> int | None:
    """A report's year: from its title ("Årsberetning 2019"; of a period, its first year, as
    "Årsberetning 2021/22" has always been read), else the year its headings name most.

    >>> [report_year([t], []) for t in ("Årsberetning 2019", "Beretning for 2021-2022", "Årsberetning 2021-22")]
    [2019, 2021, 2021]
    >>> report_year(["Redegørelse fra Handicaprådet for 2024"], []), report_year(["STATUS 2024"], [])
    (2024, 2024)
    """
    for text in _report_titles(head):
        if year := year_of(text):
            return year
        if period := _PERIOD.search(text):
            return int(period.group(1))
    years = Counter(y for item in items if (y := year_of(item.title)))
    return years.most_common(1)[0][0] if years else None


_REPORT_TITLE = re.compile(r"beretning|årsrapport|redegørelse|^status(?:rapport)?\b", re.IGNORECASE)
_SUBTITLE_WORDS = 8  # a title's second line: «2024», «Ældrerådets arbejde i 2025»


def _report_titles(head: Sequence[str]) -> list[str]:
    """The head's lines naming a report («Status 2024», «Redegørelse fra Handicaprådet for 2024»), each with
    the short line under it, where the year may stand alone («Beretning for Handicaprådet» / «2024»: the
    report had no year, layouts review 19).

    >>> _report_titles(["Beretning for Handicaprådet", "", "2024", "Indledning"])
    ['Beretning for Handicaprådet', '2024']
    """
    lines = [text for text in head if text.strip()]
    out: list[str] = []
    for k, text in enumerate(lines):
        if _REPORT_TITLE.search(text):
            out.append(text)
            under = lines[k + 1] if k + 1 < len(lines) else ""
            # not a date of the report's own («Vedtaget på rådets møde 12. marts 2025», «Udgivet april 2025»:
            # the year after the one reported on, code review 49)
            if (under and len(under.split()) <= _SUBTITLE_WORDS and not _REPORT_TITLE.search(under)
                    and not re.search(rf"(?i)\b(?:{DANISH_MONTH_PATTERN})\b|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}", under)):
                out.append(under)
    return out


def report_period(head: Sequence[str]) -> str | None:
    """A report's period as its title (the one `report_year` reads) prints it, written out as a
    reader writes it: «2024-2025» for «2024-25», «2024/25» and «2024–2025»; None for a single year.

    >>> [report_period([t]) for t in ("Årsberetning 2024-2025", "Beretning for 2021-2022", "Årsberetning 2021-22")]
    ['2024-2025', '2021-2022', '2021-2022']
    >>> report_period(["Årsberetning 2024/25"]), report_period(["Årsberetning 2024 – 2025"]), report_period(["Årsberetning 2019"])
    ('2024-2025', '2024-2025', None)
    >>> report_period(["Årsberetning 2024-23"]), report_period(["Årsberetning 1999/00"])
    (None, '1999-2000')
    >>> report_period(["Årsberetning for perioden 1. juli 2024 – 30. juni 2025"]), report_period(["Beretning 2024 – 30. juni"])
    ('2024-2025', None)
    """
    for text in _report_titles(head):
        if dated := _DATED_PERIOD.search(text):
            first, end = int(dated.group(1)), int(dated.group(2))
            return f"{first}-{end}" if 0 < end - first <= 10 else None
        year = year_of(text)
        match = _PERIOD.search(text)
        if match and year in (None, int(match.group(1))):
            first = int(match.group(1))
            end = int(re.split(r"\s*[-–/]\s*", match.group(0))[1])
            if end < 100:  # «2024-25»: in the first year's century, or the next one's (1999/00)
                end += first // 100 * 100 + (100 if end < first % 100 else 0)
            # a season or a council's term; «2024-23» is no period a report covers
            return f"{first}-{end}" if 0 < end - first <= 10 else None
        if year or match:
            return None  # the title `report_year` read names a single year
    return None


# A supplement's own title: «Tillægsdagsorden», «Tillægsreferat», «TILLÆGSDAGSORDEN til byrådets møde»
_SUPPLEMENT = re.compile(r"till(?:æ|ae)gs-?\s*(?:dagsorden|referat)", re.IGNORECASE)


def is_supplement(opening: Sequence[str], doc_type: str, source: str) -> bool:
    """Whether an agenda or minutes is a supplement to a meeting's first: its own title (the first
    of its opening lines that names a document type) says «Tillægsdagsorden» or «Tillægsreferat»,
    or its file name does («…-tillaegsdagsorden-…»). A «Tillægsdagsorden» header inside an
    ordinary agenda, over the items added to it, stands below the title and makes none.

    >>> is_supplement(["Vejle Kommune", "TILLÆGSDAGSORDEN", "Byrådet"], "dagsorden", "vejle.txt")
    True
    >>> is_supplement(["Dagsorden", "Tillægsdagsorden"], "dagsorden", "vejle.txt")
    False
    >>> is_supplement(["Dagsorden"], "dagsorden", "x/vejle-byraad-tillaegsdagsorden-2025-03-12.pdf")
    True
    """
    if doc_type not in (DAGSORDEN, REFERAT):
        return False
    if _SUPPLEMENT.search(source.rsplit("/", 1)[-1]):
        return True
    title = next((text for text in title_lines(opening)
                  if cv.AGENDA_WORD.search(text) or cv.MINUTES_WORD.search(text) or _SUPPLEMENT.search(text)), "")
    return bool(_SUPPLEMENT.search(title))
