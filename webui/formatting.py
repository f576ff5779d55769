"""How things read on the page: Danish dates, counts, citations, and the one trusted snippet.

Everything here returns plain text that Jinja escapes, except `snippet_html`: the only
place where engine output becomes markup (see its docstring).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from markupsafe import Markup

# Moved to `indexer.citation` and `indexer.dates` (the search's hits cite too, without importing
# the web UI); re-exported for the templates' filters, the views and the tests.
from indexer.citation import (OFFICIAL_NAMES, citation, cited_pages, document_title,  # noqa: F401
                              municipality_name, untitled_place)
from indexer.dates import MONTH_NAMES, danish_date, long_date, parse_iso  # noqa: F401
from indexer.numbers import danish_number

# Any "<" that does not open or close a bare <mark> tag.
_NOT_MARK = re.compile(r"<(?!/?mark>)")


def snippet_html(snippet: str) -> Markup:
    """The engine's snippet as markup: it guarantees escaped text plus `<mark>` tags.

    Defence in depth: any other `<` is escaped anyway, so a broken guarantee shows
    visible tags instead of running them.

    >>> str(snippet_html("a <mark>b</mark> <script>"))
    'a <mark>b</mark> &lt;script>'
    """
    return Markup(_NOT_MARK.sub("&lt;", snippet))


# A passage page shows at most this much of one text (a file without any structure can be
# one passage of megabytes); the whole text stays searchable and in the source file.
MAX_SHOWN_TEXT = 100_000


def shown_text(text: str, limit: int = MAX_SHOWN_TEXT) -> str:
    """`text`, or its beginning cut at a word with a Danish note when it is longer than `limit`.

    >>> print(shown_text("et, to, tre, fire", limit=8))
    et, to,
    <BLANKLINE>
    […] Teksten er afkortet her (17 tegn i alt); hele teksten står i kildefilen.
    """
    if len(text) <= limit:
        return text
    head = text[:limit]
    in_word = not head[-1].isspace() and not text[limit].isspace()
    if in_word and any(c.isspace() for c in head):  # the last word is cut: leave it out
        head = head.rsplit(None, 1)[0]
    cut = head.rstrip()
    total = danish_number(len(text))
    return f"{cut}\n\n[…] Teksten er afkortet her ({total} tegn i alt); hele teksten står i kildefilen."


def count_label(total: int) -> str:
    if total == 0:
        return "Ingen resultater"
    number = danish_number(total)
    return f"{number} resultat" if total == 1 else f"{number} resultater"


def person_query(field: str, name: str) -> str:
    """The search for a person's meetings from an attendance list: the name without its role or
    party, quoted ("deltager", "Ole Riis (O)" -> 'deltager:"Ole Riis"').

    >>> person_query("fraværende", "Ole Riis (O)"), person_query("deltager", 'Rasmus "Ras" Kvist (formand)')
    ('fraværende:"Ole Riis"', 'deltager:"Rasmus Ras Kvist"')
    """
    plain = " ".join(re.sub(r"\([^)]*\)", " ", name).replace('"', " ").split())
    return f'{field}:"{plain}"'


def people_shown(names: tuple[str, ...] | list[str], marked: Markup | None) -> list[Markup | str]:
    """Each name of an attendance list as the page shows it: its part of `marked` (the list
    joined with ", " and marked for a search) when the parts line up, else the name itself.

    >>> people_shown(["Ole Riis (O)", "Bodil Krag"], Markup("<mark>Ole</mark> Riis (O), Bodil Krag"))
    [Markup('<mark>Ole</mark> Riis (O)'), Markup('Bodil Krag')]
    >>> people_shown(["Ole Riis"], None)
    ['Ole Riis']
    """
    if marked is None:
        return list(names)
    parts = [Markup(part) for part in str(marked).split(", ")]
    return parts if len(parts) == len(names) else list(names)


# A council's name in a label printed in capitals: "…UDVALGET", "…RÅDETS", "…BESTYRELSEN", with the words
# joined before it: «BØRNE- OG SKOLEUDVALGET», «KULTUR-, FRITIDS- OG IDRÆTSUDVALGET».
_COUNCIL_WORD = re.compile(r"\b(?:\w+-(?:,\s*\w+-)*\s+og\s+)?\w+(?:udvalg|råd|bestyrelse)(?:et|ets|en|ens)\b")
_FIRST_LETTERS = re.compile(r"(?:^|(?<=\s))\w")  # of the joined words and the council word


def _council_capitals(name: str) -> str:
    return _FIRST_LETTERS.sub(lambda m: m[0].upper(), name).replace(" Og ", " og ")


def section_label(label: str, council: str | None = None) -> str:
    """'BESLUTNING' -> 'Beslutning': printed labels shout; headings should not. A council the
    label names keeps its capital (the passage's own `council` as it writes itself).

    >>> section_label("BESLUTNING I BESKÆFTIGELSESUDVALGET DEN 19-11-2019", "Beskæftigelsesudvalget")
    'Beslutning i Beskæftigelsesudvalget den 19-11-2019'
    >>> section_label("ØKONOMIUDVALGETS BESLUTNING"), section_label("BESLUTNING I BØRNE- OG SKOLEUDVALGET")
    ('Økonomiudvalgets beslutning', 'Beslutning i Børne- og Skoleudvalget')
    >>> section_label("BESLUTNING I KULTUR-, FRITIDS- OG IDRÆTSUDVALGET DEN 3. MARTS 2025")
    'Beslutning i Kultur-, Fritids- og Idrætsudvalget den 3. marts 2025'
    >>> section_label("BESLUTNING I BØRNE- OG SKOLEUDVALGET", "Børne- og Skoleudvalget")
    'Beslutning i Børne- og Skoleudvalget'
    """
    label = label.strip().rstrip(":").strip()
    if not label.isupper():
        return label
    label = _COUNCIL_WORD.sub(lambda m: _council_capitals(m[0]), label.capitalize())
    if council and council.strip():
        at = label.casefold().find(council.strip().casefold())
        if at > 0 and len(label.casefold()) == len(label):  # casefold kept the positions
            label = label[:at] + council.strip() + label[at + len(council.strip()):]
    return label


def added_day(stamp: str | None) -> str:
    """The day, in Danish time, of a UTC moment as a hit gives it («2026-12-05T23:30:00Z» →
    «6. december 2026»): when an item entered the search, as «Senest tilføjet» lists it.

    >>> added_day("2026-12-05T23:30:00Z"), added_day(None)
    ('6. december 2026', '')
    """
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return long_date(danish_day(moment))


def danish_day(moment: datetime) -> str:
    """The ISO date of a moment in Danish time: the calendar the pages' readers live by."""
    return moment.astimezone(_danish_time()).date().isoformat()


@lru_cache(maxsize=1)
def _danish_time() -> tzinfo:
    try:
        return ZoneInfo("Europe/Copenhagen")
    except ZoneInfoNotFoundError:  # a system without time-zone data: UTC, a day off near midnight at worst
        return timezone.utc
