"""Numbers as the minutes print them: decimal commas, section references (`§ 18`) and amounts
with or without thousands separators are searched as the numbers they are.

Split at the comma, `1,8 mio` found «4,8 mio. kr. og 1,2 mio. kr.» and marked every «1»;
`§ 18` searched the word «18» and ranked «18. juni» first; `150000` and `150 000` found
nothing where the text has «150.000 kr.».
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import LAYOUTS, SEEDS
from whoosh.formats import Positions

from search import danish
from search.analysis import DanishAnalyzer, DanishPositions, analyze
from search.syntax import parse

ANALYZER = DanishAnalyzer()


def query_terms(text: str) -> list[str]:
    return analyze(ANALYZER, text)


def index_terms(text: str) -> list[str]:
    return analyze(ANALYZER, text, mode="index")


# ---- The analyzer: what each way of writing a number is searched as ----


def test_a_decimal_comma_keeps_the_number_whole():
    assert query_terms("ca. 1,8 mio. kr.") == ["ca", "1,8", "mio", "kr"]
    assert query_terms("3,6 pct. mod 3,9 pct.") == ["3,6", "pct", "3,9", "pct"]
    assert query_terms("2,5-3 mio. kr.") == ["2,5", "3", "mio", "kr"]  # a range: each end a number
    # A comma between digits in Danish prose is a decimal comma; a list puts a space after it.
    assert query_terms("1,2 og 3") == ["1,2", "3"]
    assert query_terms("forslag 1, 2 og 3") == ["forslag", "1", "2", "3"]
    assert query_terms("1,2,3") == ["1", "2", "3"]  # commas in a run of digits: a list, not decimals


def test_a_decimal_comma_is_not_a_dot():
    """A dot before fewer than three digits numbers things (sections 1.8, KLE codes, dates);
    it is no decimal point in Danish, so `1.8` does not find `1,8`."""
    assert query_terms("1.8") == ["1.8"] and query_terms("1,8") == ["1,8"]


def test_thousands_separators_and_decimal_zeros_do_not_matter():
    for written in ("150000", "150.000", "150 000", "150\u00a0000", "150.000,00", "150 000,00"):
        assert query_terms(written) == ["150000"], written
    assert query_terms("1.234.567,50") == query_terms("1 234 567,5") == ["1234567,5"]
    assert query_terms("1,50") == query_terms("1,5") == ["1,5"]


@pytest.mark.parametrize("text, expected", [
    ("00.01.00-A21-1-14", ["00.01.00-a21-1-14"]),  # a case number
    ("15.20.15", ["15.20.15"]),  # a KLE code
    ("27.20.00", ["27.20.00"]),
    ("731-2012-10870", ["731-2012-10870"]),  # a document number
    ("21.05.2015", ["21.05.2015"]),  # dates
    ("d. 1/12 2016 til 31/5 2018", ["d", "1/12", "2016", "31/5", "2018"]),
    ("2015 2016", ["2015", "2016"]),  # years next to each other
    ("budget 2015 100 000 kr.", ["budget", "2015", "100000", "kr"]),  # a year before an amount
    ("tlf. 43 33 45 67", ["tlf", "43", "33", "45", "67"]),  # phone numbers
    ("tlf. 4333 4567", ["tlf", "4333", "4567"]),
    ("punkt 15, 16 og 17", ["punk", "15", "16", "17"]),  # item numbers
    ("5.100.10", ["5.100.10"]),  # three digits inside a longer code is no thousands group
    ("1.000-1.500 kr.", ["1.000-1.500", "kr"]),  # a range written as one word stays one word
])
def test_numbers_that_are_no_amounts_stay_as_written(text, expected):
    assert query_terms(text) == expected


def test_a_space_between_numbers_that_may_be_a_gap_keeps_each_number_findable():
    """Digit groups split by a space are one number ("150 000"), but in a table or after an
    item number the space may separate two numbers ("42 120 personer"): the index holds the
    groups too, at the same place, so both readings are found."""
    assert index_terms("42 120 personer") == ["42120", "42", "120", "person"]
    assert query_terms("42 120 personer") == ["42120", "person"]


def test_a_section_reference_is_a_term_of_its_own():
    for written in ("§ 18", "§18", "§\u00a018", "servicelovens §\n18", "servicelovens § 18, stk. 2"):
        assert "§18" in query_terms(written) and "18" not in query_terms(written), written
    assert query_terms("§ 18, stk. 2") == ["§18", "stk", "2"]  # one § takes no list after a comma
    assert query_terms("§§ 12 og 13") == ["§12", "§13"]
    assert query_terms("§§ 18-20") == ["§18", "§19", "§20"]
    assert query_terms("§ 18a") == ["§18a"]
    assert query_terms("§ 2015") == ["2015"]  # no section has four digits: a year after a stray §
    # In the index a section is findable by its plain number too, at the same position.
    assert index_terms("servicelovens § 18") == ["servicelov", "§18", "18"]


def test_the_word_memo_writes_the_same_postings_for_numbers():
    """DanishPositions analyses each token once; with tokens that span a space and lookbehinds in
    the token pattern, its postings must still be exactly Whoosh's own."""
    text = ("Forslag 1 vil koste ca. 1,8 mio. kr., 1,2,3 og 1,2 og 3; 2,5-3 mio. kr. efter servicelovens "
            "§ 18, §18, §\n18 og §§ 12 og 13, §§ 18-20. Puljen er 150.000 kr. (150 000 kr., 150000 kr., 150.000,00 kr.). "
            "Sagsnr. 00.01.00-A21-1-14 (21.05.2015), J.nr. 15.20.15, 2015 2016, tlf. 43 33 45 67, "
            "d. 1/12 2016, 42 120 personer, 1.8 og 1,8 og 1 000 000-2 000 000.")
    fast = DanishPositions(field_boost=1.0)
    for _ in range(2):  # the second round answers from the memo
        assert list(fast.word_values(text, ANALYZER, mode="index")) == list(
            Positions(field_boost=1.0).word_values(text, ANALYZER, mode="index"))


def test_the_tokens_of_a_text_match_the_analyzers():
    """The highlighter and the topic tagger find words with `danish.tokens`' pattern."""
    assert danish.tokens("servicelovens § 18, 1,8 mio. og 150 000 kr.") == [
        "servicelovens", "§ 18", "1,8", "mio", "og", "150 000", "kr"]


# ---- The query language: a number written across a space is one word ----


def test_a_query_keeps_a_number_written_across_a_space_whole():
    groups = [[c.text for c in group] for group in parse("servicelovens § 18 150 000 kr. §§ 12 og 13 2015 2016").groups]
    assert groups == [["servicelovens"], ["§ 18"], ["150 000"], ["kr."], ["§§ 12 og 13"], ["2015"], ["2016"]]
    assert [[c.text for c in g] for g in parse("-§ 18 pulje").groups] == [["§ 18"], ["pulje"]]
    assert parse("-§ 18 pulje").groups[0][0].negated


# ---- Searching: the items the findings named come first, marked as written ----


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    from indexer.update import update_index
    from search import open_index

    root = tmp_path_factory.mktemp("numbers")
    corpus = root / "corpus"
    corpus.mkdir()
    for path in [*sorted(LAYOUTS.glob("*.txt")), SEEDS / "roskilde-integrationsraadet-referat-2026-06-04.txt"]:
        shutil.copy(path, corpus / path.name)
    report = update_index([corpus], root / "index")
    assert not report.skipped, report.skipped
    yield open_index(root / "index")


def search(index, query: str):
    from search.api import parse_request

    return index.search(parse_request({"q": [query], "page_size": ["20"]}))


def where(hit) -> tuple[str, int | None]:
    """The municipality of a hit's file and its item number: ("mosevang", 60)."""
    name = Path(hit.source).name
    return name.split("_")[1] if "_" in name else name.split("-")[0], hit.item_number


def test_a_decimal_amount_finds_only_the_item_with_that_amount(index):
    response = search(index, "1,8 mio")
    assert [where(h) for h in response.hits] == [("mosevang", 60)]  # not Ravnsø #132's «4,8 … 1,2 mio.»
    snippet = response.hits[0].snippet
    assert "<mark>1,8</mark> <mark>mio</mark>" in snippet
    assert "<mark>1</mark>" not in snippet and "<mark>8</mark>" not in snippet  # «Forslag 1» is not marked
    assert [where(h) for h in search(index, "4,8 mio").hits] == [("ravnsoe", 132)]
    assert [where(h) for h in search(index, "3,6 pct.").hits] == [("havnsted", 2)]


@pytest.mark.parametrize("query", ["§ 18", "§18", "servicelovens § 18", '"§ 18"'])
def test_a_section_reference_finds_the_item_citing_it_not_every_18(index, query):
    response = search(index, query)
    assert [where(h) for h in response.hits] == [("lyngsoe", 21)]  # «servicelovens § 18»; not «18. juni»
    assert "<mark>§ 18</mark>" in response.hits[0].snippet


def test_a_plain_number_still_finds_the_section_with_that_number(index):
    found = [where(h) for h in search(index, "18").hits]
    assert ("lyngsoe", 21) in found and ("roskilde", 14) in found  # «§ 18» and «18. juni»


def test_a_list_of_sections_finds_each(index):
    for query in ("§§ 12 og 13", "§ 12", "§ 13", "integrationslovens § 13"):
        response = search(index, query)
        assert [where(h) for h in response.hits] == [("fjordby", 42)], query
        assert "<mark>§§ 12 og 13</mark>" in response.hits[0].snippet


@pytest.mark.parametrize("query", ["150000", "150 000", "150.000", "150.000,00", "150000 kr."])
def test_an_amount_is_found_however_its_thousands_are_written(index, query):
    response = search(index, query)
    assert [where(h) for h in response.hits] == [("hedelund", 2)]  # «aktivitetspulje på 150.000 kr.»
    assert "<mark>150.000</mark>" in response.hits[0].snippet


def test_a_case_number_and_a_date_are_still_found_as_written(index):
    assert [where(h) for h in search(index, "731-2012-10870").hits][:1] == [("lyngsoe", 20)]
    assert ("roskilde", 14) in [where(h) for h in search(index, "18.06.2026").hits]  # «senest den 18. juni 2026»
    assert search(index, "150 001").total == 0
