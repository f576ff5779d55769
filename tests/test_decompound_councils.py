"""The head of a council's name is a compound part: `handicap` finds «Handicaprådet» (a citizen-UX review).

A corpus may hold «handicap» as a word of its own only once or never («Handicaprådet»,
«handicappolitik» everywhere), below the twice it takes to be learned, so the shipped word
list names the heads of council names.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, index_copies
from search import SearchRequest, danish, decompound
from search.index import open_index

HOLMSTRUP = FIXTURES / "layouts11" / "holmstrup-handicapraadet-referat-2025-02-19.html"
HEARING = "Høring: Kvalitetsstandard for hjælpemidler 2025"  # its text: «Handicaprådet afgav følgende høringssvar»
PRIZE = "Handicappolitisk pris 2025"  # its text: «medarbejdere med handicap»


@pytest.mark.parametrize(("name", "parts"), [
    ("Handicaprådet", ("handicap", "raadet")),
    ("Seniorrådet", ("senior", "raadet")),
    ("Folkeoplysningsudvalget", ("folkeoplysning", "udvalget")),
    ("Sundhedsudvalget", ("sundhed", "udvalget")),
    ("Økonomiudvalget", ("oekonomi", "udvalget")),
    ("Klimaudvalg", ("klima", "udvalg")),
    ("handicappolitikken", ("handicap", "politikken")),
])
def test_council_names_split_by_the_shipped_lexicon(name, parts):
    assert decompound.split(danish.fold(name.lower())) == parts


def test_handicap_finds_the_item_that_names_handicapraadet_below_the_one_that_says_handicap(tmp_path):
    _, index_dir = index_copies(tmp_path, [HOLMSTRUP])
    index = open_index(index_dir)
    try:
        titles = [hit.title for hit in index.search(SearchRequest(query="handicap", page_size=100)).hits]
        assert titles == [PRIZE, HEARING]  # the word itself first, then the council's name in the text
        # The part joins other words as any word does: the hearing's «Handicaprådet … borgere».
        both = index.search(SearchRequest(query="handicap borgere", page_size=100))
        assert [hit.title for hit in both.hits][:1] == [HEARING] and both.notice is None
    finally:
        index.close()
