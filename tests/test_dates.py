"""Danish dates in every form the seeds and layouts print them."""

from __future__ import annotations

import re
from datetime import date

import pytest

from indexer.dates import find_dates, find_query_dates, full_year, parse_date, year_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23. februar 2017", date(2017, 2, 23)),
        ("21.05.2015", date(2015, 5, 21)),
        ("23.2.2017", date(2017, 2, 23)),
        ("REFERAT Integrationsrådet d. 04-06-2026", date(2026, 6, 4)),
        ("Mødedato Torsdag d. 04. juni 2026 kl. 16:30", date(2026, 6, 4)),
        ("Dato: Tirsdag den 13. marts 2012", date(2012, 3, 13)),
        ("STARTTIDSPUNKT 10-06-2020 16:00:00", date(2020, 6, 10)),
        ("Mandag, September 9, 2019 - 16:30", date(2019, 9, 9)),
        ("Status pr. 31.3.2015:", date(2015, 3, 31)),
        ("BESLUTNING I BESKÆFTIGELSESUDVALGET DEN 19-11-2019", date(2019, 11, 19)),
        ("perioden d. 1/12 2016 til 31/5 2018", date(2016, 12, 1)),
        ("opdateret 2015-05-21", date(2015, 5, 21)),
        ("5. sept. 2019", date(2019, 9, 5)),
    ],
)
def test_every_seed_form_parses(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Sagsnr 00.01.00-A21-1-14", "Sag 588-2021-1874", "31.02.2019", "Den 25. april", "Sagsnr.: 19/20417", "kl. 17.00-19.00"],
)
def test_things_that_are_not_dates(text):
    assert parse_date(text) is None


def test_all_dates_in_reading_order():
    text = "Punktet var udsat fra ordinært møde 19.03.2015 til mødet den 21. maj 2015."
    assert [d for d, _ in find_dates(text)] == [date(2015, 3, 19), date(2015, 5, 21)]


def test_year_of_ignores_ranges():
    assert year_of("AKTIVITETER I 2015") == 2015
    assert year_of("Visionen 2014-2017") is None


def test_long_text_finds_the_same_dates_as_short_pieces_of_it():
    """Long texts are searched only around four-digit numbers: dates at the start, the end,
    between long stretches without numbers, in every form, and near misses stay as they are."""
    filler = "Rådet drøftede sagen grundigt og tog orienteringen til efterretning. " * 8
    pieces = [
        "Mødet 21.05.2015 blev holdt.",
        "Referat fra mødet den 23. februar 2017, kl. 17.",
        "Næste møde: 2026-06-04 i byrådssalen.",
        "Sagsnr. 00.01.00-A21-1-14 og 588-2021-1874 er ikke datoer, og 21.05.20155 heller ikke.",
        "Beløbet er 12.500 kr. i 2019-2020; mødet September 9, 2019 blev aflyst.",
        "Frist 1/12-2016 og 25-11-2021.",
    ]
    text = "2011-01-05 " + filler.join(pieces) + filler + "Sidst 3.4.2024"
    assert len(text) > 2000
    found = [(d.isoformat(), text[start:end]) for d, (start, end) in find_dates(text)]
    assert found == [
        ("2011-01-05", "2011-01-05"),
        ("2015-05-21", "21.05.2015"),
        ("2017-02-23", "23. februar 2017"),
        ("2026-06-04", "2026-06-04"),
        ("2019-09-09", "September 9, 2019"),
        ("2016-12-01", "1/12-2016"),
        ("2021-11-25", "25-11-2021"),
        ("2024-04-03", "3.4.2024"),
    ]
    for piece in pieces:  # each piece alone (short: searched whole) gives the same dates
        assert [d for d, _ in find_dates(piece)] == [d for d, _ in find_dates(filler + piece + filler)]


@pytest.mark.parametrize("text", ["10. JUNI 2020", "10. juni 2020", "5. SEPT. 2019", "SEPTEMBER 9, 2019", "10-06-2020"])
def test_the_date_pattern_other_patterns_embed_reads_month_names_in_capitals(text):
    # Decision headers embed DATE_PATTERN: 'BESLUTNING I BØRNE- OG SKOLEUDVALGET DEN 10. JUNI 2020'.
    from indexer.dates import DATE_PATTERN

    assert re.fullmatch(DATE_PATTERN, text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Mødedato: 12.03.18", date(2018, 3, 12)),
    ("Dato: 04-06-26 kl. 16.30", date(2026, 6, 4)),
    ("Dato: 1/10-19", date(2019, 10, 1)),
    ("Mødedato: 12.03.18.", date(2018, 3, 12)),
    ("Dato: 23. februar 2017", date(2017, 2, 23)),
])
def test_a_labelled_date_may_have_a_two_digit_year(text, expected):
    from indexer.dates import parse_labelled_date

    assert parse_labelled_date(text) == expected


@pytest.mark.parametrize("text", ["J.nr.: 00.01.00", "Dato: 31.02.18", "Sagsnr.: 15.20.15-A00"])
def test_a_two_digit_year_is_read_only_where_a_label_says_it_is_a_date(text):
    from indexer.dates import parse_labelled_date

    assert parse_date(text) is None
    assert parse_labelled_date(text) is None


@pytest.mark.parametrize(("text", "first", "last"), [
    ("Mødedato: 4.-5. juni 2026", date(2026, 6, 4), date(2026, 6, 5)),
    ("Temadag 4. - 5. JUNI 2026 kl. 9.00", date(2026, 6, 4), date(2026, 6, 5)),
    ("Seminar 30. september - 1. oktober 2019", date(2019, 9, 30), date(2019, 10, 1)),
    ("Lukket 30. december – 2. januar 2027", date(2026, 12, 30), date(2027, 1, 2)),
])
def test_a_range_of_days_written_with_one_year_starts_on_its_first_day(text, first, last):
    # A two-day meeting or seminar is held from its first day: that is the meeting date; both days are found.
    assert parse_date(text) == first
    assert [d for d, _ in find_dates(text)] == [first, last]


@pytest.mark.parametrize("text", ["side 3 - 5. juni 2026", "kl. 16.30 - 5. juni 2026", "pkt. 3-5. juni 2026"])
def test_a_number_before_a_dash_is_no_first_day(text):
    assert [d for d, _ in find_dates(text)] == [date(2026, 6, 5)]


# --- Dates as a journalist types them in a query (query only) -----------------------------

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(("typed", "expected"), [
    ("27.5.15", date(2015, 5, 27)),
    ("27.05.15", date(2015, 5, 27)),
    ("27-05-15", date(2015, 5, 27)),
    ("27/5-15", date(2015, 5, 27)),
    ("27/5/15", date(2015, 5, 27)),
    ("1.7.27", date(2027, 7, 1)),  # next year's two digits: this century (meeting plans look ahead)
    ("1.7.28", date(1928, 7, 1)),  # further ahead: the last century
    ("3.4.98", date(1998, 4, 3)),
    ("27.maj 2015", date(2015, 5, 27)),
    ("27.maj.2015", date(2015, 5, 27)),
    ("27.Maj. 2015", date(2015, 5, 27)),
    ("27-maj-2015", date(2015, 5, 27)),
    ("5.sept.2019", date(2019, 9, 5)),
])
def test_a_query_reads_dates_as_people_type_them(typed, expected):
    short_year = not any(part.isdigit() and len(part) == 4 for part in re.split(r"[ .\-/]", typed))
    found = find_query_dates(typed, TODAY)
    assert [(d.value, d.span, d.short_year) for d in found] == [(expected, (0, len(typed)), short_year)]


@pytest.mark.parametrize("typed", ["27.5.15", "27/5-15", "27.maj 2015", "27.maj.2015", "27-maj-2015"])
def test_the_typed_forms_are_not_read_in_documents(typed):
    # find_dates dates meetings and fills the index's dates field: reading these there would
    # change what the indexer extracts (in running text "12.03.18" is as often a KLE code).
    assert find_dates(f"Mødet {typed} blev holdt.") == []
    assert len(find_query_dates(f"Mødet {typed} blev holdt.", TODAY)) == 1


@pytest.mark.parametrize("text", [
    "1.2.3",  # a section reference: a one-digit "year" is no year
    "2.7.5",  # a version
    "1.2.3.4", "21.05.15.3", "3.1.15-A",  # more parts than a date has
    "00.01.00", "17.01.00",  # KLE codes: day 0, or the topic "00" (no year 2000 is read from "00")
    "15.20.15", "27.20.00",  # KLE codes with a "month" above 12
    "00.01.00-A21-1-14", "A21-1-14", "588-2021-1874",  # case numbers
    "31.02.15", "32.1.15", "0.1.15",  # no such day
    "12.500", "kl. 17.00-19.00", "15/4410", "23/2",  # an amount, a time, a case number, a day without its year
    "27.5.155", "27.5.2",
])
def test_what_stays_a_number_in_a_query(text):
    assert find_query_dates(text, TODAY) == []


def test_a_query_finds_document_forms_and_typed_forms_in_reading_order():
    text = "21.05.2015 eller 23.2.17 eller 4.-5. juni 2026, ikke 00.01.00"
    assert [(d.value.isoformat(), text[slice(*d.span)], d.short_year) for d in find_query_dates(text, TODAY)] == [
        ("2015-05-21", "21.05.2015", False),
        ("2017-02-23", "23.2.17", True),
        ("2026-06-04", "4.", False),  # a range's first day, as find_dates reads it
        ("2026-06-05", "5. juni 2026", False),
    ]


@pytest.mark.parametrize(("short", "today", "year"), [
    (26, date(2026, 1, 1), 2026), (27, date(2026, 1, 1), 2027), (28, date(2026, 1, 1), 1928),
    (99, date(2026, 1, 1), 1999), (1, date(2026, 1, 1), 2001), (28, date(2027, 6, 1), 2028),
])
def test_a_two_digit_year_is_this_century_up_to_next_year(short, today, year):
    assert full_year(short, today) == year
