"""What a document is: minutes (referat), an agenda (dagsorden) or an annual report (årsberetning),
and a report's year.

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
from indexer.dates import year_of
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
    first = " ".join(title_lines(opening))
    if cv.ANNUAL_WORD.search(first):
        return AARSBERETNING
    if cv.AGENDA_WORD.search(first) and not cv.MINUTES_WORD.search(first) and not decided:
        return DAGSORDEN
    if annual and not cv.MINUTES_WORD.search(first) and not cv.AGENDA_WORD.search(first):
        return AARSBERETNING
    return REFERAT


def is_annual_report(report: bool, fields: dict[str, str], head: Sequence[str], items: Sequence[Item]) -> bool:
    """A document without items reads as an annual report when it has sections and a year
    they are about (seed: "Visionen 2014-2017" … "Integrationsrådets møder 2015"), and no
    meeting lines (`Mødedato`, `Til stede`, `Afbud`) open it. A note of one paragraph, undated,
    is no annual report."""
    if not report or any(fields.get(kind) for kind in ("date", "present", "absent")):
        return False
    return len(items) >= 2 and report_year(head, items) is not None


# A report's period in its title: "Beretning for 2021-2022", "Årsberetning 2021-22", "2021/22".
_PERIOD = re.compile(r"(?<![\d\-])((?:19|20)\d\d)\s*[-–/]\s*(?:(?:19|20)\d\d|\d\d)(?![\d\-])")


def report_year(head: Sequence[str], items: Sequence[Item]) -> int | None:
    """A report's year: from its title ("Årsberetning 2019"; of a period, its first year, as
    "Årsberetning 2021/22" has always been read), else the year its headings name most.

    >>> [report_year([t], []) for t in ("Årsberetning 2019", "Beretning for 2021-2022", "Årsberetning 2021-22")]
    [2019, 2021, 2021]
    >>> report_year(["Redegørelse fra Handicaprådet for 2024"], []), report_year(["STATUS 2024"], [])
    (2024, 2024)
    """
    for text in head:
        # «Status 2024», «Redegørelse fra Handicaprådet for 2024»: a report's title as well
        if re.search(r"beretning|årsrapport|redegørelse|^status(?:rapport)?\b", text, re.IGNORECASE):
            if year := year_of(text):
                return year
            if period := _PERIOD.search(text):
                return int(period.group(1))
    years = Counter(y for item in items if (y := year_of(item.title)))
    return years.most_common(1)[0][0] if years else None
