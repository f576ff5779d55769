"""A journalist's review (37) of what a search says when a filter, a field value, a sort or a
date is not what the index holds: each is said, and the right one offered where there is one.

The corpus: the seeds and the layout minutes (Hedelund, Fjordby, Havnsted, …), indexed once.
"""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import LAYOUTS, SEEDS


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from indexer.update import update_index
    from webui import create_app

    root = tmp_path_factory.mktemp("journo37")
    corpus = root / "corpus"
    corpus.mkdir()
    for path in [*SEEDS.iterdir(), *LAYOUTS.glob("f*.txt")]:
        shutil.copy(path, corpus / path.name)
    report = update_index([corpus], root / "index")
    assert not report.skipped, report.skipped
    return create_app({"TESTING": True, "INDEX_DIR": str(root / "index"), "CORPUS_DIR": str(corpus)}).test_client()


def api(client, query_string: str) -> dict:
    return client.get(f"/api/search?{query_string}").get_json()


def page(client, query_string: str) -> BeautifulSoup:
    return BeautifulSoup(client.get(f"/?{query_string}").get_data(as_text=True), "html.parser")


# 1. A wrong filter value beside a valid one


def test_a_wrong_municipality_beside_a_valid_one_is_said_as_when_alone(client):
    alone = api(client, "q=flygtninge&municipality=N%C3%A6stvd")
    both = api(client, "q=flygtninge&municipality=N%C3%A6stvd&municipality=Fjordby")
    assert alone["total"] == 0 and alone["notice"] == "Kommune «Næstvd» findes ikke i søgeindekset."
    # Fjordby's two items are found; «Næstvd» is said, not ignored in silence
    assert both["total"] == 2 and both["notice"] == "Kommune «Næstvd» findes ikke i søgeindekset."
    # the close value is named as for a value alone
    close = api(client, "q=flygtninge&municipality=Bogeskov&municipality=Fjordby")
    assert close["total"] == 2 and close["notice"] == "Kommune «Bogeskov» findes ikke i søgeindekset; mente du «Bøgeskov»?"
    assert "«Næstvd» findes ikke" in page(client, "q=flygtninge&municipality=N%C3%A6stvd&municipality=Fjordby").get_text()


def test_each_wrong_topic_beside_a_valid_one_is_said(client):
    found = api(client, "q=flygtninge&topic=xyz&topic=bolig&topic=zzz")
    assert found["total"] == 7
    assert found["notice"] == "Emne «xyz» findes ikke i søgeindekset. Emne «zzz» findes ikke i søgeindekset."
    assert api(client, "q=flygtninge&topic=bolig")["notice"] is None


# 2. A name on the other attendance list


def test_a_participant_search_for_someone_listed_as_absent_says_so_and_offers_the_absent_list(client):
    found = api(client, "q=deltager:%22Ole+Riis%22")
    assert found["total"] == 0
    assert found["notice"] == ("Ingen deltagerliste nævner «Ole Riis» som deltager, men listerne nævner «Ole Riis» som "
                               'fraværende (søg fraværende:"Ole Riis").')
    assert found["suggestion"] == 'fraværende:"Ole Riis"'
    assert api(client, "q=frav%C3%A6rende:%22Ole+Riis%22")["total"] == 5
    link = page(client, "q=deltager:%22Ole+Riis%22").select_one(".suggestion a")
    assert link.get_text() == 'fraværende:"Ole Riis"'


def test_an_absence_search_for_someone_listed_as_present_offers_the_participant_list(client):
    found = api(client, "q=frav%C3%A6rende:Yalcin")
    assert found["total"] == 0
    assert found["notice"] == ("Ingen deltagerliste nævner «Yalcin» som fraværende, men listerne nævner «Yalcin» som "
                               "deltager (søg deltager:Yalcin).")
    assert found["suggestion"] == "deltager:Yalcin"
    # someone on neither list is told so, with nothing offered
    nobody = api(client, "q=deltager:%22Helle+Waage-Jensen%22")
    assert nobody["notice"].startswith("Ingen deltagerliste nævner «Helle Waage-Jensen» som deltager (")
    assert nobody["suggestion"] is None


# 3. A sort that is none


def test_a_bad_sort_names_all_four_sorts_on_the_page_and_in_the_api_alike(client):
    said = "Den sortering findes ikke. Vælg relevans, nyeste, ældste eller senest tilføjet."
    response = client.get("/?q=flygtninge&sort=foo")
    assert response.status_code == 400
    alert = BeautifulSoup(response.get_data(as_text=True), "html.parser").select_one("[role=alert]").get_text(" ")
    assert said in alert and "relevance" not in alert  # the page's words, which the page's sort menu offers
    assert api(client, "q=flygtninge&sort=foo")["message"] == said


# 4. A case handler typed with a typo


def test_a_misspelt_case_handler_offers_the_corrected_field_query_as_the_suggestion(client):
    found = api(client, "q=sagsbehandler:Sadegi")
    assert found["total"] == 0
    assert found["suggestion"] == 'sagsbehandler:"Maryam Sadeghi"'
    assert api(client, "q=sagsbehandler:%22Maryam+Sadeghi%22")["total"] > 0
    link = page(client, "q=sagsbehandler:Sadegi").select_one(".suggestion a")
    assert link.get_text() == 'sagsbehandler:"Maryam Sadeghi"'
    # offered only where it finds items: not within another municipality
    assert api(client, "q=sagsbehandler:Sadegi&municipality=Fjordby")["suggestion"] is None


# 5. A municipality written as its official name


@pytest.mark.parametrize("typed", ["kommune:%22N%C3%A6stved+Kommune%22", "kommune:%22n%C3%A6stved+kommune%22"])
def test_a_municipality_typed_as_the_citation_writes_it_is_that_municipality(client, typed):
    plain = api(client, "q=kommune:N%C3%A6stved")
    found = api(client, f"q={typed}")
    assert found["total"] == plain["total"] == 28 and found["notice"] is None


def test_a_municipality_filter_written_as_its_official_name_filters_by_that_municipality(client):
    found = api(client, "q=flygtninge&municipality=N%C3%A6stved+Kommune")
    assert found["total"] == api(client, "q=flygtninge&municipality=N%C3%A6stved")["total"] == 11
    assert found["notice"] is None
    # counted as the municipality chosen, not a value no item has beside it
    assert found["facets"]["municipality"]["Næstved"] == 11 and "Næstved Kommune" not in found["facets"]["municipality"]


# 6. A day without its year beside other words


def test_a_day_without_its_year_beside_a_word_is_explained(client):
    found = api(client, "q=flygtninge+25/11")
    assert found["total"] > 0 and found["approximate"]
    assert found["notice"].endswith("«25/11» ligner en dato uden årstal, som søges som tegn; skriv årstallet med "
                                    "(fx 25/11 2015) for at finde mødet.")
    dotted = api(client, "q=flygtninge+21.05")
    assert "skriv årstallet med (fx 21.05.2015)" in dotted["notice"]
    # with its year the date is no characters: nothing to explain
    assert "ligner en dato" not in (api(client, "q=flygtninge+21.05.2015")["notice"] or "")
