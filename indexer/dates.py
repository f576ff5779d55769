"""Danish dates in every form council documents print them. The one module that parses dates.

>>> [d.isoformat() for d, _ in find_dates("Mødedato Torsdag d. 04. juni 2026, før: 21.05.2015 og 23.2.2017")]
['2026-06-04', '2015-05-21', '2017-02-23']
>>> parse_date("STARTTIDSPUNKT 10-06-2020 16:00:00").isoformat()
'2020-06-10'
>>> parse_date("Mandag, September 9, 2019 - 16:30").isoformat()
'2019-09-09'
>>> parse_date("29. oktober 2020.").isoformat()
'2020-10-29'
>>> parse_date("Sagsnr 00.01.00-A21-1-14") is None
True
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

# The months' full Danish names, January first. Abbreviations are read only in documents:
# in a query "jul 2019" is as likely Christmas as July.
MONTH_NAMES = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
               "oktober", "november", "december")
_DANISH_MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)} | {
    "jan": 1, "feb": 2, "febr": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "dec": 12,
}
_ENGLISH_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

# Case-insensitive inline, so that DATE_PATTERN, used in other patterns, reads "19. NOVEMBER 2019" too.
_DANISH_MONTH_RE = "(?i:" + "|".join(sorted(_DANISH_MONTHS, key=len, reverse=True)) + ")"
_ENGLISH_MONTH_RE = "(?i:" + "|".join(_ENGLISH_MONTHS) + ")"
DANISH_MONTH_PATTERN = _DANISH_MONTH_RE  # a Danish month's name or abbreviation, any case

# Each pattern names its groups day/month/year; month may be a number or a name.
_PATTERNS = [
    # 2015-05-21
    re.compile(r"(?<![\d.\-/])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\d\-])"),
    # 21.05.2015, 23.2.2017 (not inside case numbers such as 00.01.00-A21-1-14)
    re.compile(r"(?<![\d.\-])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?![\d\-]|\.\d)"),
    # 25-11-2021, 04-06-2026 (not inside case numbers such as 588-2021-1874)
    re.compile(r"(?<![\d.\-])(?P<day>\d{1,2})-(?P<month>\d{1,2})-(?P<year>\d{4})(?![\d\-])"),
    # 1/12 2016, 1/12-2016, 21/05/2015 (as Outlook, Excel and web forms write a date)
    re.compile(r"(?<![\d/\-])(?P<day>\d{1,2})/(?P<month>\d{1,2})[ \-/](?P<year>\d{4})(?!\d)"),
    # 23. februar 2017, 04. juni 2026, 13 marts 2012, 5. sept. 2019
    re.compile(
        rf"(?<!\d)(?P<day>\d{{1,2}})\.?\s+(?P<month>{_DANISH_MONTH_RE})\.?\s+(?P<year>\d{{4}})(?!\d)",
        re.IGNORECASE,
    ),
    # September 9, 2019
    re.compile(rf"\b(?P<month>{_ENGLISH_MONTH_RE})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})(?!\d)", re.IGNORECASE),
]

# Any form, for callers that need to recognise "a date sits here" inside a larger pattern.
DATE_PATTERN = "(?:" + "|".join(
    re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p in _PATTERNS
) + ")"


def _month(value: str) -> int | None:
    if value.isdigit():
        return int(value)
    key = value.lower().rstrip(".")
    return _DANISH_MONTHS.get(key) or _ENGLISH_MONTHS.get(key)


def _to_date(match: re.Match[str]) -> date | None:
    month = _month(match.group("month"))
    year = int(match.group("year"))
    if month is None or not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, int(match.group("day")))
    except ValueError:
        return None


# Every date has a year of four digits, so in a long text only the stretches around
# four-digit numbers are searched (the patterns' leading look-behinds make a scan of the
# whole text slow: a sixth of a build's time went here). A window reaches `_DATE_REACH`
# characters before a year, more than any date written with sane spacing takes, and
# `_AFTER_YEAR` after it: an ISO date's "-MM-DD" and what the look-aheads read.
_YEAR_RUN = re.compile(r"\d{4}")
_DATE_REACH = 80
_LOOKAHEAD = 2
_AFTER_YEAR = len("-05-21") + _LOOKAHEAD
_WHOLE_TEXT_BELOW = 400  # characters: shorter texts are searched whole


# Two numeric dates joined by a hyphen, a two-day meeting: «04.06.2026-05.06.2026», «04-06-2026-05-06-2026».
# The hyphen guards of `_PATTERNS` (case numbers such as «588-2021-1874») refused both dates.
# Only days of one meeting (at most `_MEETING_DAYS` apart): «perioden 01.01.2025-31.12.2029» is a
# lease's term, no meeting's date (code review 14), and stays unread as before.
_HYPHENED_RANGE = re.compile(
    r"(?<![\d.\-])(\d{1,2}([.\-])\d{1,2}\2\d{4})-(?=(\d{1,2}\2\d{1,2}\2\d{4})(?![\d\-]|\.\d))")
_MEETING_DAYS = 3


def _meeting_days(match: re.Match[str]) -> str:
    """The range with its hyphen read as a space when its dates are days of one meeting."""
    first, second = (_numeric_date(match.group(k), match.group(2)) for k in (1, 3))
    if first and second and 0 < (second - first).days <= _MEETING_DAYS:
        return match.group(1) + " "
    return match.group(0)


def _numeric_date(text: str, separator: str) -> date | None:
    day, month, year = (int(part) for part in text.split(separator))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[date, tuple[int, int]]]:
    """All valid dates in a text with their character spans, in reading order.

    >>> [(d.isoformat(), s) for d, s in find_dates("Mødedato: 04.06.2026-05.06.2026")]
    [('2026-06-04', (10, 20)), ('2026-06-05', (21, 31))]
    >>> find_dates("Sagsnr. 588-2021-1874"), find_dates("00.01.00-A21-1-14"), find_dates("perioden 01.01.2025-31.12.2029")
    ([], [], [])
    """
    if "-" in text:  # the range's hyphen read as a space: the spans stay those of the text
        text = _HYPHENED_RANGE.sub(_meeting_days, text)
    found: list[tuple[date, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    windows = _year_windows(text)
    for pattern in _PATTERNS:
        for start, end in windows:
            for match in pattern.finditer(text, start, end):
                span = match.span()
                if span[1] > end - _LOOKAHEAD and end < len(text):
                    continue  # its look-ahead read the window's end, not the text
                if any(span[0] < stop and begin < span[1] for begin, stop in taken):
                    continue
                value = _to_date(match)
                if value is not None:
                    found.append((value, span))
                    taken.append(span)
    found += [first for value, span in found if (first := _range_start(text, value, span))]
    return sorted(found, key=lambda item: item[1][0])


# The first day of a range written with the year once: "4.-5. juni 2026", "30. september - 1. oktober 2019".
_RANGE_START = re.compile(
    rf"(?<![\d.])(?P<day>\d{{1,2}})(?:\.\s*|\s+(?=[^\W\d]))(?:(?P<month>{_DANISH_MONTH_RE})\.?\s*)?[-–]\s*$")
_RANGE_REACH = 30  # characters before a date that can hold the start of its range


def _range_start(text: str, end: date, span: tuple[int, int]) -> tuple[date, tuple[int, int]] | None:
    """The first day of a range ending at the date at `span` (written with a month name), or None.

    >>> [(d.isoformat(), s) for d, s in find_dates("Temadag 4.-5. juni 2026 og 30. december - 2. januar 2027")]
    [('2026-06-04', (8, 10)), ('2026-06-05', (11, 23)), ('2026-12-30', (27, 39)), ('2027-01-02', (42, 56))]
    >>> find_dates("side 3 - 5. juni 2026")[0][0].isoformat()
    '2026-06-05'
    """
    if not any(c.isalpha() for c in text[span[0]:span[1]]):
        return None  # "04.06.2026-05.06.2026" gives both dates whole
    before = max(0, span[0] - _RANGE_REACH)
    match = _RANGE_START.search(text[before:span[0]])
    if match is None:
        return None
    month = _month(match.group("month")) if match.group("month") else end.month
    try:
        first = date(end.year, month, int(match.group("day")))
    except ValueError:
        return None
    if first > end:  # "30. december - 2. januar 2027"
        first = first.replace(year=end.year - 1)
    start = before + match.start()
    return first, (start, start + len(match.group(0).rstrip(" -–")))


def _year_windows(text: str) -> list[tuple[int, int]]:
    """The stretches of `text` that can hold a date, merged and in order."""
    if len(text) < _WHOLE_TEXT_BELOW:
        return [(0, len(text))]
    windows: list[tuple[int, int]] = []
    for match in _YEAR_RUN.finditer(text):
        start = max(0, match.start() - _DATE_REACH)
        end = min(len(text), match.end() + _AFTER_YEAR + 1)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


# A month written alone: "maj 2015", "Maj. 2015", "2015-05", "05.2015", "5/2015", "05-2015".
_MONTH_PATTERNS = [
    re.compile(rf"(?P<month>{_DANISH_MONTH_RE}|{_ENGLISH_MONTH_RE})\.?\s+(?P<year>\d{{4}})", re.IGNORECASE),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})"),
    re.compile(r"(?P<month>\d{1,2})[./\-](?P<year>\d{4})"),
]


def parse_month(text: str) -> tuple[int, int] | None:
    """A whole text that is one month, as (year, month); None for anything else (a date too).

    >>> parse_month("maj 2015"), parse_month("MAJ 2015"), parse_month("2015-05"), parse_month("5.2015")
    ((2015, 5), (2015, 5), (2015, 5), (2015, 5))
    >>> parse_month("13.2015"), parse_month("21. maj 2015"), parse_month("maj")
    (None, None, None)
    """
    text = text.strip()
    for pattern in _MONTH_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            month, year = _month(match.group("month")), int(match.group("year"))
            return (year, month) if month is not None and 1 <= month <= 12 and 1900 <= year <= 2100 else None
    return None


def parse_date(text: str) -> date | None:
    """The first date in a text, or None."""
    found = find_dates(text)
    return found[0][0] if found else None


# A day and a month printed without a year ("Møde 3. marts", "Mandag den 3. marts kl. 10.00"): some
# templates print the year only in the title ("Ældrerådet 2025"). Read only where the caller knows
# the year (`year_completed_date`); a day without its dot takes a month's full name ("3 marts"), as
# "3 mar" is as likely something else.
_WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
_DAY_MONTH = re.compile(
    rf"(?:(?P<weekday>{'|'.join(_WEEKDAYS)}),?\s+(?:(?:den|d\.)\s*)?)?(?<![\d.])(?P<day>\d{{1,2}})(?P<dot>\.?)\s+"
    rf"(?P<month>{_DANISH_MONTH_RE})\.?(?![\wæøåÆØÅ])(?!\.?\s*\d{{4}})",
    re.IGNORECASE)


def year_completed_date(text: str, year: int) -> date | None:
    """The first day and month `text` prints without a year, in `year`; None if there is none, or
    if the weekday printed with it is not that day's (then the year is not the one meant).

    >>> year_completed_date("Mødedato: Mandag den 3. marts kl. 10.00", 2025), year_completed_date("Møde 3. marts", 2025)
    (datetime.date(2025, 3, 3), datetime.date(2025, 3, 3))
    >>> year_completed_date("Mødedato: Tirsdag den 3. marts", 2025), year_completed_date("Punkt 3 mar", 2025)
    (None, None)
    """
    for match in _DAY_MONTH.finditer(text):
        if not match.group("dot") and match.group("month").lower() not in MONTH_NAMES:
            continue
        try:
            value = date(year, _month(match.group("month")), int(match.group("day")))
        except (TypeError, ValueError):
            continue
        weekday = match.group("weekday")
        if weekday and _WEEKDAYS.index(weekday.lower()) != value.weekday():
            return None
        return value
    return None


# "12.03.18", "12-03-18", "1/10-19": a two-digit year, read only where a label says a date stands
# there ("Mødedato: 12.03.18"); in running text such numbers are KLE codes ("00.01.00") or amounts.
_SHORT_YEAR = re.compile(r"(?<![\d.\-/])(?P<day>\d{1,2})[.\-/](?P<month>\d{1,2})[.\-/ ](?P<year>\d{2})(?!\d|[.\-/]\d)")
_CENTURY_PIVOT = 70  # '69 is 2069, '70 is 1970


def parse_labelled_date(text: str) -> date | None:
    """The date in a field labelled as one: any form `parse_date` reads, or a two-digit year.

    >>> [parse_labelled_date(t) for t in ("Mødedato: 12.03.18", "Dato: 1/10-19 kl. 16.00", "Dato: 04.06.2026")]
    [datetime.date(2018, 3, 12), datetime.date(2019, 10, 1), datetime.date(2026, 6, 4)]
    >>> parse_labelled_date("Dato: 31.02.18"), parse_labelled_date("J.nr.: 00.01.00")
    (None, None)
    """
    found = parse_date(text)
    if found is not None:
        return found
    for match in _SHORT_YEAR.finditer(text):
        short = int(match.group("year"))
        year = 2000 + short if short < _CENTURY_PIVOT else 1900 + short
        try:
            return date(year, int(match.group("month")), int(match.group("day")))
        except ValueError:
            continue
    return None


# --- Dates as people type them in a search box ----------------------------------------------
# A journalist pastes or types a date the way the minutes print it, and more loosely than the
# document patterns read: a two-digit year ("21.5.15"), no space after the day ("21.maj
# 2015"), an ISO date with one-digit parts ("2015-5-21"). These forms are read in queries only:
# `find_dates` also dates meetings and fills the index's `dates` field, and reading them there
# would change what the indexer extracts.

class QueryDate(NamedTuple):
    """A date found in a query: its value, its span, and whether its year had two digits."""

    value: date
    span: tuple[int, int]
    short_year: bool


# Each with a two-digit year, day and month as numbers: "21.5.15", "21.05.15", "21-05-15",
# "21/5-15", "21/5/15". Not inside a longer number ("00.01.00-A21-1-14", "1.2.3.4") nor after
# a letter ("A21-1-14"): the look-arounds refuse a word character or a separator and a word
# character on either side.
_QUERY_SHORT_YEAR = [
    re.compile(rf"(?<![\w.\-/])(?P<day>\d{{1,2}}){separators}(?P<year>\d{{2}})(?!\w|[.\-/]\w)")
    for separators in (r"\.(?P<month>\d{1,2})\.", r"-(?P<month>\d{1,2})-", r"/(?P<month>\d{1,2})[/\-]")
]
# An ISO date with a one-digit month or day, as typed rather than printed: "2015-5-21", "2015-05-1".
# Not inside a case number ("588-2021-1874", "731-2012-10870"): no dash or digit on either side.
_QUERY_LOOSE_ISO = re.compile(r"(?<![\w.\-/])(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\w|[.\-/]\w)")
# A month's name with any of ".", "-" or spaces around it: "21.maj 2015", "21.maj.2015", "21 maj 2015",
# "21-maj-2015" (the forms `find_dates` reads match too; it is asked first).
_QUERY_WRITTEN = re.compile(
    rf"(?<![\w.])(?P<day>\d{{1,2}})(?:\.\s*|\s+|-)(?P<month>{_DANISH_MONTH_RE})(?:\.\s*|\s+|-)(?P<year>\d{{4}})(?!\d)",
    re.IGNORECASE)


def full_year(short: int, today: date | None = None) -> int | None:
    """The year a two-digit year typed in a query means: this century up to next year, else the
    last (in 2026: "27" is 2027, "28" is 1928; minutes are not dated further ahead than that).
    "00" is no year: "17.01.00" is a KLE code (the journal plan's topic 00), not 17 January 2000.

    The indexer's labelled dates (`parse_labelled_date`) keep their fixed pivot: a change there
    would change the dates of indexed meetings.

    >>> [full_year(short, date(2026, 12, 3)) for short in (15, 27, 28, 0)]
    [2015, 2027, 1928, None]
    """
    if short == 0:
        return None
    return (2000 if short <= (today or date.today()).year % 100 + 1 else 1900) + short


# Two full dates joined by a dash without spaces ("04.06.2026-05.06.2026"): `find_dates` reads
# neither (a date must not run on into more digits), so a query would search it as one word.
_QUERY_DATE_RANGE = re.compile(r"(?<![\w.])(\d{1,2}\.\d{1,2}\.\d{4})[-–](\d{1,2}\.\d{1,2}\.\d{4})(?![\w.])")


def find_query_dates(text: str, today: date | None = None) -> list[QueryDate]:
    """The dates in a search query, in reading order: every form `find_dates` reads, a range of
    days' first day included ("4.-5. juni 2026"), and the typed forms it does not (above).

    >>> [(d.value.isoformat(), d.short_year) for d in find_query_dates("27.5.15 og 27.maj 2015", date(2026, 1, 1))]
    [('2015-05-27', True), ('2015-05-27', False)]
    >>> find_query_dates("punkt 1.2.3, version 2.7.5, 00.01.00-A21-1-14 og KLE 17.01.00")
    []
    >>> [d.value.isoformat() for d in find_query_dates("04.06.2026-05.06.2026")]
    ['2026-06-04', '2026-06-05']
    >>> [d.value.isoformat() for d in find_query_dates("21/05/2015, 21/5/2015 og 2015-5-21")]
    ['2015-05-21', '2015-05-21', '2015-05-21']
    """
    found = [QueryDate(value, span, False) for value, span in find_dates(text)]
    for match in _QUERY_DATE_RANGE.finditer(text):  # "04.06.2026-05.06.2026": both days
        for group in (1, 2):
            start, end = match.span(group)
            if (dates := find_dates(match.group(group))) and dates[0][1] == (0, end - start) and not any(
                    start < stop and begin < end for _, (begin, stop), _ in found):
                found.append(QueryDate(dates[0][0], (start, end), False))
    for pattern in [*_QUERY_SHORT_YEAR, _QUERY_LOOSE_ISO, _QUERY_WRITTEN]:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < stop and begin < end for _, (begin, stop), _ in found):
                continue
            short = len(match.group("year")) == 2
            year = full_year(int(match.group("year")), today) if short else int(match.group("year"))
            month = _month(match.group("month"))
            if year is None or month is None or not 1900 <= year <= 2100:
                continue
            try:
                value = date(year, month, int(match.group("day")))
            except ValueError:
                continue
            found.append(QueryDate(value, (start, end), short))
    return sorted(found, key=lambda item: item.span[0])


def parse_typed_date(text: str, today: date | None = None) -> QueryDate | None:
    """A whole text that is one date in a form the query box reads (`find_query_dates`), or
    None: a period's ends read what the query box reads, a two-digit year by the same rule.

    >>> [parse_typed_date(t, date(2026, 12, 3)).value.isoformat() for t in ("21/05/2015", "21.5.15", " 1/1-17", "2015-5-21")]
    ['2015-05-21', '2015-05-21', '2017-01-01', '2015-05-21']
    >>> parse_typed_date("21.05.2015 og mere"), parse_typed_date("4.-5. juni 2026"), parse_typed_date("17.01.00")
    (None, None, None)
    >>> [parse_typed_date(t).value.isoformat() for t in ("d. 04-06-2026", "Torsdag den 4. juni 2026 kl. 17.00",
    ...  "Mødedato: 4. juni 2026, kl. 17.00-19.00")]
    ['2026-06-04', '2026-06-04', '2026-06-04']
    """
    text = _DATE_ONLY.sub("", text.strip()).strip()
    found = find_query_dates(text, today)
    return found[0] if len(found) == 1 and found[0].span == (0, len(text)) else None


# What a meeting's head prints around its date, pasted with it into a period's field (a dates review):
# «Mødedato: », «Torsdag », «den », «d. » before it, «, kl. 17.00» or «kl. 17.00-19.00» after it.
_DATE_ONLY = re.compile(
    r"^(?:(?i:mødedato|dato)\s*:\s*)?(?:(?i:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\b,?\s*)?"
    r"(?:(?i:den|d\.)\s*(?=\d))?"
    r"|,?\s+(?i:kl\.?|klokken)\s*\d{1,2}[.:]\d{2}(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?$")


def year_of(text: str) -> int | None:
    """A single four-digit year standing alone (not part of a range such as 2014-2017)."""
    match = re.search(r"(?<![\d\-])(19\d\d|20\d\d)(?![\d\-])", text)
    return int(match.group(1)) if match else None


def parse_iso(value: str | None) -> date | None:
    """The date of an ISO 8601 value ("2015-05-21", or a timestamp beginning so), else None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def danish_date(iso: str | None) -> str:
    """An ISO date as Danes and the minutes write it ("" for none; a value that is no date as given).

    >>> danish_date("2019-05-21"), danish_date(None), danish_date("ukendt")
    ('21.05.2019', '', 'ukendt')
    """
    d = parse_iso(iso)
    return d.strftime("%d.%m.%Y") if d else (iso or "")


def long_date(iso: str | None) -> str:
    """An ISO date written out, as the web pages show it ("" for none; a value that is no date as given).

    >>> long_date("2015-05-21"), long_date(None)
    ('21. maj 2015', '')
    """
    d = parse_iso(iso)
    return f"{d.day}. {MONTH_NAMES[d.month - 1]} {d.year}" if d else (iso or "")
