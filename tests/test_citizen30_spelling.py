"""A citizen's review of words searched inside other words, and of corrections (citizen30).

On the seeds with two Silkeborg councils' minutes (whose items never write «Silkeborg»), a
Herning agenda with «Cykelsti langs Silkeborgvej», Holmstrup's «Handicappolitisk pris 2025»
and a water utility's minutes (lower-case «vand»):

1. "Silkeborg" found only «Silkeborgvej» «inside compounds», not Silkeborg's nine items.
2. "mente" was searched as «arrangement» and «dokument», "vind" as «forkvinde».
3. "Silkebrog", "Slikeborg" found nothing, or offered «borg».
4. "vindmøller" offered «møller» (Søren Møller's surname), "vandpris" «pris».
5. "ældreboliger" was said to be searched as «ældr» and «boliger».
"""

from __future__ import annotations


import pytest

from search import SearchRequest
from search.index_folder import open_current
from search.query import run_search
from tests.conftest import FIXTURES, SEEDS, index_copies

FILES = [
    FIXTURES / "layouts14" / "silkeborg3_handicapraadet_aarsberetning_2024.txt",
    FIXTURES / "layouts6" / "silkeborg_aeldreraadet_2024-05-13.md",
    FIXTURES / "layouts16_headings" / "herning-teknik-og-miljoeudvalget-dagsorden-2025-05-12.txt",
    FIXTURES / "layouts11" / "holmstrup-handicapraadet-referat-2025-02-19.html",
    FIXTURES / "layouts13_randers" / "randers_byraadet_referat_2025-04-28.txt",
    FIXTURES / "layouts9" / "vestforsyning-bestyrelsen-referat-2024-11-27.txt",
]
SILKEBORG_ITEMS = 9


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    root = tmp_path_factory.mktemp("citizen30")
    _, index_dir = index_copies(root, [*sorted(p for p in SEEDS.iterdir() if p.is_file()), *FILES])
    with open_current(index_dir).searcher() as searcher:
        yield searcher


def search(searcher, query: str):
    return run_search(searcher, SearchRequest(query=query, page_size=20))


def test_a_municipality_named_alone_finds_its_items_not_a_road_named_after_it(searcher):
    answer = search(searcher, "Silkeborg")
    assert answer.total == SILKEBORG_ITEMS and not answer.approximate
    assert {hit.municipality for hit in answer.hits} == {"Silkeborg"}
    assert "sammensatte ord" not in (answer.notice or "")
    assert "Silkeborgvej" not in {hit.title.split()[-1] for hit in answer.hits}


@pytest.mark.parametrize(("word", "not_inside"), [
    ("mente", ("arrangement", "dokument", "implementere", "engagement")),
    ("vind", ("forkvinde", "minoritetskvinder")),
])
def test_a_word_is_not_found_as_the_end_of_a_word_whose_beginning_is_no_word(searcher, word, not_inside):
    notice = search(searcher, word).notice or ""
    assert "sammensatte ord" not in notice
    assert not any(f"«{inside}»" in notice for inside in not_inside)


def test_a_word_after_a_known_word_is_still_found_inside_the_compound(searcher):
    answer = search(searcher, "garanti")  # «kommunegaranti»: «kommune» is a word
    assert [hit.title for hit in answer.hits] == ["Ansøgning om kommunegaranti – Randers Fjernvarme"]


@pytest.mark.parametrize("typed", ["Silkebrog", "Silkeborgg", "Slikeborg", "Silekborg"])
def test_a_misspelt_municipality_is_corrected_to_it(searcher, typed):
    answer = search(searcher, typed)
    assert answer.suggestion == "Silkeborg"
    assert answer.total == SILKEBORG_ITEMS and answer.approximate
    assert {hit.municipality for hit in answer.hits} == {"Silkeborg"}
    assert answer.notice == f"Der er søgt på lignende stavemåder: «{typed}» også som «Silkeborg»."


def test_a_compounds_end_that_the_texts_write_only_as_a_name_is_not_offered(searcher):
    answer = search(searcher, "vindmøller")  # «Møller» is a surname in the texts, «vind» no word of them
    assert answer.total == 0
    assert answer.suggestion is None
    assert "møller" not in (answer.notice or "").lower()


def test_of_two_parts_the_rarer_beginning_is_offered(searcher):
    # «vand» and «pris» each in two passages: the beginning says which price is meant
    answer = search(searcher, "vandpris")
    assert answer.total == 0
    assert answer.suggestion == "vand"
    assert answer.notice.endswith("Intet punkt har dem begge; ordets første del, «vand», står i nogle.")
    assert search(searcher, "vand").total > 0


def test_a_split_compound_names_its_parts_as_written_words_not_stems(searcher):
    answer = search(searcher, "ældreboliger")
    assert answer.notice.startswith("«ældreboliger» står ikke i teksterne; der er søgt efter punkter med både "
                                    "«ældre» og «boliger».")
    # a part that is a word of the texts stays as it is: «flygtning» («flygtningekvote»'s «e» links)
    assert "både «flygtning» og «kvote»" in search(searcher, "flygtningekvote").notice
