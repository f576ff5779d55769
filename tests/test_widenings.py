"""A search that finds nothing with filters on says what each filter taken off finds.

A journalist with «Kun beslutninger» on searched `boligplacering` and got nothing: the
decisions say «Anbefalet» or «Taget til efterretning», not the topic word. The page only said
«uden dem kan der være resultater», so each filter had to be tried by hand (a journalist review).
"""

from __future__ import annotations

from search import SearchRequest
from conftest import api, soup


def widenings(response) -> dict[str, int]:
    return {w.parameter: w.total for w in response.widenings}


def test_decisions_only_taken_off_counts_the_items_the_words_find(seed_index):
    response = seed_index.search(SearchRequest(query="boligplacering", decisions_only=True))
    everywhere = seed_index.search(SearchRequest(query="boligplacering"))
    assert response.total == 0 and everywhere.total > 0
    assert widenings(response) == {"decisions_only": everywhere.total}


def test_each_facet_taken_off_is_counted_and_one_that_finds_nothing_is_left_out(seed_index):
    request = SearchRequest(query="flygtninge", filters={"municipality": ("Roskilde",), "year": ("2015",)})
    response = seed_index.search(request)
    without_municipality = seed_index.search(SearchRequest(query="flygtninge", filters={"year": ("2015",)}))
    without_year = seed_index.search(SearchRequest(query="flygtninge", filters={"municipality": ("Roskilde",)}))
    assert response.total == 0 and without_municipality.total > 0 and without_year.total == 0
    assert widenings(response) == {"municipality": without_municipality.total}


def test_an_end_of_the_period_taken_off_keeps_the_other(seed_index):
    response = seed_index.search(SearchRequest(query="flygtninge", date_from="2016-01-01", date_to="2016-12-31"))
    only_to = seed_index.search(SearchRequest(query="flygtninge", date_to="2016-12-31"))
    only_from = seed_index.search(SearchRequest(query="flygtninge", date_from="2016-01-01"))
    assert response.total == 0 and only_to.total > 0 and only_from.total > 0
    assert widenings(response) == {"from": only_to.total, "to": only_from.total}


def test_a_search_with_hits_or_without_filters_has_none(seed_index):
    assert seed_index.search(SearchRequest(query="flygtninge", decisions_only=True)).widenings == ()
    assert seed_index.search(SearchRequest(query="xyzzyqq")).widenings == ()
    assert seed_index.search(SearchRequest(query="xyzzyqq", filters={"municipality": ("Næstved",)})).widenings == ()


def test_the_json_twin_lists_them(client):
    data = api(client, q="boligplacering", decisions_only="1")
    assert data["total"] == 0
    assert data["widenings"] == [{"parameter": "decisions_only", "total": api(client, q="boligplacering")["total"]}]
    assert api(client, q="flygtninge")["widenings"] == []


def test_the_empty_page_names_the_count_beside_the_link_that_removes_the_filter(client):
    total = api(client, q="flygtninge", year="2015")["total"]
    page = soup(client.get("/", query_string={"q": "flygtninge", "municipality": "Roskilde", "year": "2015"}))
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select(".empty a.action")}
    assert f"Fjern filteret kommune: Roskilde – giver {total} resultater" in links
    assert "Fjern filteret år: 2015 – giver stadig 0 resultater" in links  # finds nothing without it either
    assert "uden et af dem er der resultater" in page.select_one(".empty").get_text()
    decided = soup(client.get("/", query_string={"q": "boligplacering", "decisions_only": "1"}))
    assert any(text.startswith("Søg i hele punkterne, ikke kun i beslutningerne – giver")
               for text in (a.get_text(" ", strip=True) for a in decided.select(".empty a.action")))


def test_decisions_only_whose_removal_finds_nothing_says_so_beside_its_link(client):
    # Roskilde has no item about refugees at all: the whole items find nothing either.
    assert api(client, q="flygtninge", municipality="Roskilde")["total"] == 0
    page = soup(client.get("/", query_string={"q": "flygtninge", "municipality": "Roskilde", "decisions_only": "1"}))
    texts = [a.get_text(" ", strip=True) for a in page.select(".empty a.action")]
    assert "Søg i hele punkterne, ikke kun i beslutningerne – giver stadig 0 resultater" in texts
    # a wider search that only guesses (close spellings) is no count, and no «stadig 0» either
    guessed = soup(client.get("/", query_string={"q": "boligplasering", "decisions_only": "1"}))
    assert "Søg i hele punkterne, ikke kun i beslutningerne" in [
        a.get_text(" ", strip=True) for a in guessed.select(".empty a.action")]


def test_a_typo_with_decisions_only_on_says_what_the_whole_items_give(seed_index):
    # No decision holds «boligplacering» or a close spelling; the whole items do.
    response = seed_index.search(SearchRequest(query="boligplasering", decisions_only=True))
    wider = seed_index.search(SearchRequest(query="boligplasering"))
    assert response.total == 0 and wider.approximate and wider.total > 0
    assert response.notice == ("Ingen beslutning indeholder ordene eller en lignende stavemåde; i hele punkterne er "
                               f"der {wider.total} omtrentlige resultater med «boligplacering».")
    assert seed_index.search(SearchRequest(query="xyzzyqq", decisions_only=True)).notice is None


def test_each_of_two_values_of_one_facet_finds_nothing_either_not_the_facets_count(client):
    # Each chip removes one value, which narrows the ORed values: nothing either (said, as for a
    # single value), never the count of the facet with both taken off.
    page = soup(client.get("/", query_string={"q": "flygtninge", "municipality": ["Roskilde", "Hedelund"],
                                              "year": "2015"}))
    texts = [a.get_text(" ", strip=True) for a in page.select(".empty a.action")]
    assert [t for t in texts if "kommune" in t] == ["Fjern filteret kommune: Roskilde – giver stadig 0 resultater",
                                                    "Fjern filteret kommune: Hedelund – giver stadig 0 resultater"]
