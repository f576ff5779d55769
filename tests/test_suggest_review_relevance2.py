"""A relevance review of the spelling help, on the benchmark corpus (`searcher`, as `referatsog eval`):

1. A part of a word offered for a search that found nothing must be a word the texts write, not
   a stub sharing a stem with one: "refugees" offered «ugees» (the stem of «uger») and
   "kommissionen" offered «komm» (the stem of «kommer»).
2. A case handler's name typed with a typo is corrected: the body holds the name, but the
   spelling was read from the title and text only, so "Sadegi" found nothing and offered
   nothing; `sagsbehandler:Sadegi` only said «findes ikke».
3. A word misspelt in the sources is found by the word spelt right, after the exact hits:
   Næstved's «Etableringen af pavillioner på Skyttemarksvej» was reached only by "pavillioner".
"""

from __future__ import annotations

import pytest

from tests.conftest import search_all


def _where(hit) -> tuple[str | None, int | None]:
    return hit.municipality, hit.item_number


@pytest.mark.parametrize("query", ["refugees", "kommissionen", "kommisionen", "housing refugees"])
def test_no_stub_of_a_word_is_offered_as_a_part_of_it(searcher, query):
    response = search_all(searcher, query)
    assert response.total == 0
    assert response.suggestion is None
    notice = response.notice or ""
    assert "«ugees»" not in notice and "«komm»" not in notice
    assert "ordets sidste del" not in notice and "ordets første del" not in notice


@pytest.mark.parametrize(("word", "part"), [
    ("vindmølleplacering", "placering"),  # the last part of «boligplacering»
    ("skolelukning", "skole"),  # written so
    ("boligkontrakt", "kontrakt"),  # written inflected: «kontrakten»
])
def test_a_part_the_texts_write_is_still_offered(searcher, word, part):
    assert search_all(searcher, word).suggestion == part


@pytest.mark.parametrize(("typed", "spelt", "municipality", "item"), [
    ("Sadegi", "Sadeghi", "Havnsted", 3),
    ("Haddat", "Haddad", "Hedelund", 2),
])
def test_a_case_handlers_name_with_a_typo_is_corrected(searcher, typed, spelt, municipality, item):
    response = search_all(searcher, typed)
    assert response.suggestion == spelt
    assert response.approximate
    assert f"«{typed}» også som «{spelt}»" in response.notice
    assert (municipality, item) in [_where(hit) for hit in response.hits]
    assert spelt in response.hits[0].case_handler


@pytest.mark.parametrize(("query", "named"), [
    ("sagsbehandler:Sadegi", 'sagsbehandler:"Maryam Sadeghi"'),
    ("sagsbehandler:Haddat", 'sagsbehandler:"Karim Haddad"'),
    ('sagsbehandler:"Maryam Sadegi"', 'sagsbehandler:"Maryam Sadeghi"'),
])
def test_a_case_handler_filter_with_a_typo_names_the_nearest_case_handler(searcher, query, named):
    response = search_all(searcher, query)
    assert response.total == 0
    assert f"findes ikke i søgeindekset; mente du «{named}»?" in response.notice
    assert search_all(searcher, named).total > 0  # the value named finds the items


def test_a_case_handler_filter_far_from_every_name_names_none(searcher):
    response = search_all(searcher, "sagsbehandler:Xyzzyqwe")
    assert response.notice == "Sagsbehandler «Xyzzyqwe» findes ikke i søgeindekset."


def test_the_case_handler_option_with_a_typo_names_the_nearest_case_handler(searcher):
    response = search_all(searcher, "flygtninge", filters={"case_handler": ("Sadegi",)})
    assert response.total == 0
    assert "Sagsbehandler «Sadegi» findes ikke i søgeindekset; mente du «Maryam Sadeghi»?" in response.notice


@pytest.mark.parametrize("query", ["pavilloner", "pavillon"])
def test_a_word_misspelt_in_the_source_is_found_after_the_exact_hits(searcher, query):
    exact = search_all(searcher, "pavillioner")
    assert [_where(hit) for hit in exact.hits] == [("Næstved", 15)]  # only the misspelling reached it
    response = search_all(searcher, query)
    places = [_where(hit) for hit in response.hits]
    assert places[-1] == ("Næstved", 15) and places.count(("Næstved", 15)) == 1
    assert response.total == len(places) == 4
    assert not response.approximate  # the first three hold the word as typed
    assert all(not hit.missing for hit in response.hits[:-1])
    assert response.hits[-1].missing == (query,)  # labelled: it holds a close form only
    assert "<mark>pavillioner</mark>" in response.hits[-1].snippet
    assert (f"Efter de eksakte træf vises punkter med en lignende stavemåde, måske en stavefejl i teksten: "
            f"«{query}» også som «pavillioner».") in response.notice


@pytest.mark.parametrize("query", ["udvalget", "vedtaget", "bidrage", "flygtninge", "integration", "medvirker"])
def test_an_ordinary_word_is_not_widened_by_another_word_one_letter_away(searcher, query):
    response = search_all(searcher, query)
    assert response.total > 0
    assert "stavefejl i teksten" not in (response.notice or "")
    assert all(not hit.missing for hit in response.hits)


def test_a_search_that_found_more_than_a_page_or_two_is_not_widened_by_rare_spellings(searcher, monkeypatch):
    # In a large archive most words have some rare misspelt form: only a search with few exact
    # hits looks for them (`suggest.SOURCE_TYPO_MAX_HITS`). Here three exact hits are "many".
    from search import suggest

    monkeypatch.setattr(suggest, "SOURCE_TYPO_MAX_HITS", 2)
    response = search_all(searcher, "pavilloner")
    assert response.total == 3
    assert ("Næstved", 15) not in [_where(hit) for hit in response.hits]
    assert "stavefejl i teksten" not in (response.notice or "")
