"""A meeting's agenda and its minutes share a date: sorted newest first, the minutes (with the
decisions) come above the agenda, as a journalist reading the latest news wants; oldest first,
the agenda (sent before the meeting) comes first. Each document keeps its items in their order."""

from __future__ import annotations

import random

import pytest

from conftest import ranks_written_out
from indexer.update import update_index
from search import open_index
from search.analysis import VALUE_SEPARATOR
from search.api import SearchRequest

AGENDA = """Teknik- og Miljøudvalget
Dagsorden til mødet den 12. marts 2025

1. Godkendelse af dagsorden

2. Ny cykelsti langs Ringvejen
Indstilling: Forvaltningen indstiller, at cykelstien anlægges.
"""

MINUTES = """Teknik- og Miljøudvalget
Referat af mødet den 12. marts 2025

1. Godkendelse af dagsorden
Beslutning: Godkendt.

2. Ny cykelsti langs Ringvejen
Indstilling: Forvaltningen indstiller, at cykelstien anlægges.
Beslutning: Cykelstien anlægges.
"""

EARLIER_MINUTES = """Teknik- og Miljøudvalget
Referat af mødet den 5. februar 2025

1. Godkendelse af dagsorden
Beslutning: Godkendt.

2. Cykelsti ved skolen
Beslutning: Sagen blev udsat.
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    root = tmp_path_factory.mktemp("same-day")
    corpus = root / "referater"
    corpus.mkdir()
    # The agenda's file name sorts before the minutes' (as "dagsorden" before "referat").
    for name, text in [("aarhus-teknik-og-miljoeudvalget-dagsorden-2025-03-12.txt", AGENDA),
                       ("aarhus-teknik-og-miljoeudvalget-referat-2025-03-12.txt", MINUTES),
                       ("aarhus-teknik-og-miljoeudvalget-referat-2025-02-05.txt", EARLIER_MINUTES)]:
        (corpus / name).write_text(text, encoding="utf-8")
    update_index([corpus], root / "index")
    return open_index(root / "index")


def listed(index, sort: str) -> list[tuple[str, str | None, int | None]]:
    response = index.search(SearchRequest(query="", sort=sort, page_size=50))
    return [(hit.doc_type, hit.meeting_date, hit.item_number) for hit in response.hits]


def test_newest_lists_a_meetings_minutes_before_its_agenda(index):
    assert listed(index, "newest") == [
        ("referat", "2025-03-12", 1), ("referat", "2025-03-12", 2),
        ("dagsorden", "2025-03-12", 1), ("dagsorden", "2025-03-12", 2),
        ("referat", "2025-02-05", 1), ("referat", "2025-02-05", 2),
    ]


def test_oldest_lists_a_meetings_agenda_before_its_minutes(index):
    assert listed(index, "oldest") == [
        ("referat", "2025-02-05", 1), ("referat", "2025-02-05", 2),
        ("dagsorden", "2025-03-12", 1), ("dagsorden", "2025-03-12", 2),
        ("referat", "2025-03-12", 1), ("referat", "2025-03-12", 2),
    ]


def test_a_query_sorted_newest_keeps_the_same_order(index):
    response = index.search(SearchRequest(query="cykelsti", sort="newest", page_size=50))
    assert [(hit.doc_type, hit.meeting_date, hit.item_number) for hit in response.hits] == [
        ("referat", "2025-03-12", 2), ("dagsorden", "2025-03-12", 2), ("referat", "2025-02-05", 2)]


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_marked_keys_sort_alike_whole_and_part_by_part(sort):
    """The bytes-at-once path of `ranks_of` and the part-by-part one agree on same-day marks,
    undated and empty keys included, against the rule written out in Python."""
    from search import orders

    rng = random.Random(5)
    dates = ["", "2015-05-21", "2017-02-23"]
    documents = ["0:a-dagsorden", "2:a-referat", "1:a-aarsberetning", "0:b", "2:b", "b", "10", ""]
    keys = [VALUE_SEPARATOR.join((rng.choice(dates), rng.choice(documents), f"{rng.randint(0, 5):09d}")).encode()
            for _ in range(2000)]
    keys[:2] = [b"", b""]
    split = [k.decode().split(VALUE_SEPARATOR) if k else ["", "", ""] for k in keys]
    expected, docnums = ranks_written_out(split, sort, [orders._same_day_mark(s[1]) for s in split])
    assert list(orders.ranks_of(keys)[sort]) == expected
    by_parts = orders._orders_by_parts(keys)[sort]
    assert [int(d) for d in by_parts] == docnums
