"""A search that found nothing and offered nothing, for a compound no text holds even inside
longer words, offers the part of it that the texts do hold: "skolelukning" was a bare zero
although «skole» stands in several items (the lexicon splits a compound only into parts it
knows, and «lukning» is in no text). Danish compounds are right-headed, so the end of the word
is offered before its beginning. On the benchmark corpus (`searcher`, as `referatsog eval`)."""

from __future__ import annotations

import pytest

from search import SearchRequest, suggest
from search.query import run_search


def search(searcher, query: str, **options):
    return run_search(searcher, SearchRequest(query=query, **options))


@pytest.mark.parametrize(("word", "part", "where"), [
    ("vindmølleplacering", "placering", "sidste"),  # the end: what the compound is
    ("skolelukning", "skole", "første"),  # no end is a word of its own («lukning» is in no text)
    ("Bibliotekslukning", "bibliotek", "første"),  # the linking «s» left off the beginning
])
def test_a_zero_offers_the_part_of_the_word_the_texts_hold(searcher, word, part, where):
    response = search(searcher, word)
    assert response.total == 0 and not response.hits
    assert response.suggestion == part
    assert response.notice == (f"«{word}» står ikke i teksterne, heller ikke som del af længere ord; "
                               f"ordets {where} del, «{part}», gør.")
    assert search(searcher, part).total > 0  # the link leads to items


def test_a_split_compound_that_found_nothing_offers_its_last_part_without_repeating_itself(searcher):
    response = search(searcher, "boligkontrakt")
    assert response.total == 0
    assert response.suggestion == "kontrakt"
    assert response.notice.count("står ikke i teksterne") == 1  # said once, by the split
    assert response.notice.endswith("Intet punkt har dem begge; ordets sidste del, «kontrakt», står i nogle.")


def test_each_word_without_items_is_replaced_by_its_part_and_the_rest_of_the_query_kept(searcher):
    response = search(searcher, "skolelukning vindmølleplacering")
    assert response.total == 0
    assert response.suggestion == "skole placering"
    assert "ordets første del, «skole», gør" in response.notice and "ordets sidste del, «placering», gør" in response.notice
    assert search(searcher, "skole placering").total > 0


def test_a_part_found_only_outside_the_filters_is_said_not_offered(searcher):
    response = search(searcher, "skolelukning", filters={"municipality": ("Hedelund",)})
    assert response.total == 0 and response.suggestion is None
    assert "«skole» giver heller ingen resultater med de valgte filtre; uden dem findes" in response.notice


def test_with_decisions_only_the_part_must_stand_in_a_decision(searcher):
    response = search(searcher, "vindmølleplacering", decisions_only=True)
    placering_in_decisions = search(searcher, "placering", decisions_only=True).total
    assert (response.suggestion == "placering") == bool(placering_in_decisions)


@pytest.mark.parametrize("query", ["skolelukning*", "-skolelukning", "titel:skolelukning", "xyzzyqwerty"])
def test_no_part_is_offered_for_a_truncated_excluded_or_fielded_word_or_one_without_parts(searcher, query):
    response = search(searcher, query)
    assert response.suggestion is None
    assert "ordets første del" not in (response.notice or "") and "ordets sidste del" not in (response.notice or "")


def test_a_word_the_texts_hold_has_no_part_offered(searcher):
    assert suggest.word_part(searcher, "boligplacering") is None  # in the texts itself
    assert suggest.word_part(searcher, "hospitalsxyzqw") is None  # neither part is a word of the texts
    assert suggest.word_part(searcher, "skolen") is None  # too short to be a compound


def test_a_suffix_that_is_no_word_is_not_offered(searcher):
    # «ning» ends every «-ning» word; the lexicon never splits it off
    assert suggest.word_part(searcher, "skolelukning") == "skole"


@pytest.mark.parametrize("query", ["vedtaget", "integrationspolitik"])
def test_with_decisions_only_a_word_the_whole_items_hold_is_no_typo_and_no_unknown_compound(searcher, query):
    # «vedtaget» found an approximate «vedlagt» in a decision, and «integrationspolitik» was said
    # to be in no text, with «politik» offered: the whole items hold both, exactly
    whole = search(searcher, query)
    assert whole.total > 0 and not whole.approximate
    response = search(searcher, query, decisions_only=True)
    assert response.total == 0 and not response.approximate and response.suggestion is None
    assert "står ikke i teksterne" not in (response.notice or "")
    assert [(w.parameter, w.total) for w in response.widenings if w.parameter == "decisions_only"] == [
        ("decisions_only", whole.total)]


def test_a_word_typed_twice_is_said_once_and_replaced_each_time(searcher):
    response = search(searcher, "skolelukning Skolelukning")
    assert response.notice.count("«skolelukning» står ikke i teksterne") == 1
    assert response.suggestion == "skole skole"
