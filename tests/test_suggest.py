""""Mente du …?" and the approximate fallback for typos that used to find nothing.

Searched through the product (`SearchIndex.search`) on the seeds, and on the seeds plus the
layout minutes (whose extra passages put compounds such as "Integrationsrådet" before the
plain word in the index), with the suggestion and the spellings searched as the user sees them.
"""

from __future__ import annotations

import shutil

import pytest

from search import SearchRequest, open_index, suggest
from tests.conftest import LAYOUTS, SEEDS


@pytest.fixture(scope="module")
def wide_index(tmp_path_factory):
    """The seeds and the layout minutes in one index, as a reporter's archive would hold them."""
    from indexer.update import update_index

    corpus = tmp_path_factory.mktemp("seeds-and-layouts")
    for path in [*SEEDS.iterdir(), *LAYOUTS.glob("*.txt")]:
        if path.is_file():
            shutil.copy(path, corpus / path.name)
    index_dir = tmp_path_factory.mktemp("wide-index")
    report = update_index([corpus], index_dir)
    assert not report.skipped, report.skipped
    index = open_index(index_dir)
    yield index
    index.close()


def search(index, query: str):
    return index.search(SearchRequest(query=query))


def spelt_as(response) -> str:
    return response.notice.split("Der er søgt på lignende stavemåder: ", 1)[1]


# 1. A term whose first passages have it only inside compounds or in a farther form


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [("integrtion", "integration"), ("beskæftigese", "beskæftigelse"), ("integartion", "integration"),
     ("beskæftigesle", "beskæftigelse")],
)
def test_a_word_found_first_only_inside_compounds_is_still_suggested(wide_index, typed, suggestion):
    response = search(wide_index, typed)
    assert response.suggestion == suggestion
    assert response.approximate and response.total > 0
    assert spelt_as(response) == f"«{typed}» også som «{suggestion}»."


def test_passages_are_read_until_a_word_one_edit_from_the_typo(wide_index, seed_index):
    wide = wide_index._searcher()
    # The first passage with "integration" has only compounds ("Integrationsrådets").
    assert suggest.spelling(wide, "integration", "integrtion", passages=1) is None
    assert suggest.spelling(wide, "integration", "integrtion") == "integration"
    # The first passage with "raad" has "rådets", two edits from "radet" once the ending counts.
    assert suggest.spelling(wide, "raad", "radet", passages=1) == "rådets"
    assert suggest.spelling(wide, "raad", "radet") == "rådet"
    assert suggest.spelling(seed_index._searcher(), "raad", "radet", passages=1) is None


# 2. Two neighbouring letters swapped


# Swapped letters in a short word (two edits to Whoosh's automaton), and æ, ø and å typed as
# a and o on a foreign keyboard.
@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [("socail", "social"), ("bolgi", "bolig"), ("kontorl", "kontrol"), ("ædlre", "ældre"),
     ("radet", "rådet"), ("beskaftigelse", "beskæftigelse"), ("born og unge", "børn og unge")],
)
def test_swapped_letters_and_danish_letters_typed_without_are_corrected(seed_index, typed, suggestion):
    response = search(seed_index, typed)
    assert response.suggestion == suggestion
    assert response.approximate and response.total > 0


def test_a_swap_in_a_query_of_several_words_finds_the_item(seed_index):
    response = search(seed_index, "negativ socail kontrol")
    assert response.suggestion == "negativ social kontrol"
    assert response.hits[0].title == "Fokus på forebyggelse af negativ social kontrol"


# 3. æ, ø and å typed as a and o


def test_born_finds_the_passages_about_children(seed_index):
    exact = search(seed_index, "børn og unge")
    typed = search(seed_index, "born og unge")
    assert typed.total == exact.total > 0
    assert {h.id for h in typed.hits} == {h.id for h in exact.hits}


def test_a_four_letter_word_in_the_index_gets_no_other_spellings(seed_index):
    searcher = seed_index._searcher()
    assert suggest.corrections(searcher, "valg") == []  # although "vælg" is in the index too
    assert [c.spelling for c in suggest.corrections(searcher, "born")] == ["børn"]
    assert suggest.corrections(searcher, "bxrn") == []  # a four-letter word is not otherwise corrected


def test_variants_of_a_long_word_are_bounded():
    word = "kommunalbestyrelsesmødebeslutningsprotokollatsopfølgningsarbejdsgruppe"
    variants = suggest._variants(word)
    assert len(variants) <= (suggest._MAX_VARIANT_LETTERS - 1) + 2 * suggest._MAX_FOLD_LETTERS
    assert "kommunalbestyrelsesmødebeslutningsprotokollatsopfølgningsarbejdsgruppe" not in variants


# 4. The suggestion is cased as the user typed the word


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [("Vordinborg", "Vordingborg"), ("Nastved", "Næstved"), ("nastved", "næstved"), ("NASTVED", "NÆSTVED")],
)
def test_a_suggestion_keeps_the_users_capitals(seed_index, typed, suggestion):
    response = search(seed_index, typed)
    assert response.suggestion == suggestion
    assert spelt_as(response) == f"«{typed}» også som «{suggestion}»."


def test_a_capitalised_word_is_corrected_in_the_layout_minutes(wide_index):
    assert search(wide_index, "Kildehlom").suggestion == "Kildeholm"
    assert search(wide_index, "Mosveang").suggestion == "Mosevang"


def test_a_word_in_the_index_gets_alternatives_spelt_as_the_documents_spell_them(wide_index):
    # "udvælget" (a/æ) analyses to the term of "udvælge" but is no word: only a query typo may use its variant.
    assert [c.spelling for c in suggest.corrections(wide_index._searcher(), "udvalget")] == ["udvælge"]


# 5. Only the spellings nearest letter by letter


def test_a_clearly_farther_spelling_of_the_same_distance_is_not_searched(seed_index):
    # "flygtet" is one edit from "flygtnige" once a changed ending counts as one, but four letter by letter.
    response = search(seed_index, "flygtnige")
    assert response.suggestion == "flygtninge"
    assert spelt_as(response) == "«flygtnige» også som «flygtninge»."
    assert not any("<mark>flygtet" in h.snippet.lower() for h in response.hits)
