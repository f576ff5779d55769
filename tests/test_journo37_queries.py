"""A journalist's review of how copied labels, «d.» and a document type's word are read.

The corpus is a newsroom folder: the seeds (Næstved's minutes and annual reports, Roskilde's
minutes) and the layout minutes (Lyngsø prints «Sagsnr.: 731-2012-10334   J.nr.: 00.01.00», its
J.nr. the journal plan number, a KLE code, which no item has as its case number).
"""

from __future__ import annotations

import pytest

from conftest import LAYOUTS, SEEDS, api, index_copies

NOT_A_CASE_NUMBER = "Intet sagsnummer i søgeindekset"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from webui import create_app

    corpus, index_dir = index_copies(tmp_path_factory.mktemp("newsroom"), [*SEEDS.iterdir(), *LAYOUTS.glob("f*.txt")])
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()


def search(client, query: str) -> dict:
    return api(client, q=query, page_size=100)


def places(answer: dict) -> list[tuple[str, int | None]]:
    return [(hit["municipality"], hit["item_number"]) for hit in answer["hits"]]


# --- 1. A case number copied with its label ------------------------------------------------

def test_a_journal_number_copied_from_the_minutes_finds_the_items_that_print_it_first(client):
    """«J.nr.: 00.01.00» copied from Lyngsø's minutes found Næstved's 14 items filed under case
    00.01.00-A21-1-14 and neither of Lyngsø's items that print it."""
    answer = search(client, "J.nr.: 00.01.00")
    assert places(answer)[:2] == [("Lyngsø", 17), ("Lyngsø", 18)]
    # the cases filed under the code stay found, after the items that print it as copied
    assert answer["total"] == 16 and {m for m, _ in places(answer)[2:]} == {"Næstved"}
    assert all(hit["case_number"] == "00.01.00-A21-1-14" for hit in answer["hits"][2:])


@pytest.mark.parametrize("query", ["J.nr.: 15.20.15", "j.nr. 15.20.15", "journalnr. 15.20.15", "15.20.15"])
def test_a_code_no_case_number_begins_with_is_found_where_the_text_prints_it(client, query):
    """«J.nr.: 15.20.15» found nothing and said no case number is or begins with «15.20.15»,
    while the plain number found Lyngsø's item 20, which prints it."""
    answer = search(client, query)
    assert places(answer) == [("Lyngsø", 20)]
    assert NOT_A_CASE_NUMBER not in (answer["notice"] or "")


def test_a_labelled_case_number_still_finds_its_case(client):
    answer = search(client, "Sagsnr.: 731-2012-10334")
    assert places(answer) == [("Lyngsø", 17), ("Lyngsø", 18)]


def test_the_case_number_field_searches_the_case_numbers_alone(client):
    """`sagsnr:` names the field: the text's J.nr. is not a case number, and the notice stays."""
    assert {m for m, _ in places(search(client, "sagsnr:00.01.00"))} == {"Næstved"}
    answer = search(client, "sagsnr:15.20.15")
    assert answer["total"] == 0 and NOT_A_CASE_NUMBER in answer["notice"]


def test_a_year_after_a_case_label_is_no_mention_of_a_case(client):
    """«sagsnr 2015» searches the case numbers: «2015» in the text is every item of that year."""
    answer = search(client, "sagsnr 2015")
    assert answer["total"] == 0 and NOT_A_CASE_NUMBER in answer["notice"]


# --- 2. «d.», the abbreviation of «den» ----------------------------------------------------

@pytest.mark.parametrize(("abbreviated", "written_out"), [
    ("flygtninge d.", "flygtninge den"),
    ("d. flygtninge", "den flygtninge"),
    ("mødet d. 25/11", "mødet den 25/11"),
    ("flygtninge d. 25.11", "flygtninge den 25.11"),
])
def test_d_with_its_full_stop_is_skipped_as_den_is(client, abbreviated, written_out):
    """«flygtninge d.» found one annual report's «Forord» (the one passage with a «d»), where
    «flygtninge den» finds 27 items."""
    answer, expected = search(client, abbreviated), search(client, written_out)
    assert answer["total"] == expected["total"] and places(answer) == places(expected)
    assert "«d»" not in (answer["notice"] or "") and "«d.»" not in (answer["notice"] or "")


def test_flygtninge_d_finds_the_refugee_items(client):
    answer = search(client, "flygtninge d.")
    assert answer["total"] == 27 and not answer["approximate"]
    assert answer["hits"][0]["title"] == "Modtagelse af flygtninge"


def test_d_before_a_day_still_asks_for_the_day(client):
    answer = search(client, "d. 4. juni")
    assert answer["total"] == 7 and {m for m, _ in places(answer)} == {"Roskilde"}
    assert answer["notice"].startswith("«4. juni» har intet årstal")


# --- 3. «årsberetning» beside other words -------------------------------------------------

@pytest.mark.parametrize(("query", "total", "first"), [
    ("årsberetning 2019", 8, "Foreningernes Dag 2019"),
    ("årsberetning Næstved", 14, "DM i Skills 2019 i Næstved"),
    ("årsberetninger flygtninge", 5, None),
    ("forord årsberetning", 1, "Forord"),
])
def test_the_annual_reports_word_beside_other_words_searches_them_in_the_annual_reports(client, query, total, first):
    """«årsberetning 2019» gave 25 approximate hits, 2019's minutes among them, each annual report
    said to miss «årsberetning», the type the word names and no text says."""
    answer = search(client, query)
    assert answer["total"] == total and not answer["approximate"]
    assert {hit["doc_type"] for hit in answer["hits"]} == {"årsberetning"}
    assert all(not hit["missing"] for hit in answer["hits"])
    word = query.split()[0] if query.split()[0].startswith("år") else query.split()[1]
    assert answer["notice"] == (f"Ingen tekst nævner «{word}»; de øvrige ord er søgt i årsberetningerne "
                                "(type:årsberetning).")
    if first:
        assert answer["hits"][0]["title"] == first


def test_the_annual_reports_word_stays_a_word_where_no_annual_report_has_the_rest(client):
    """Hedelund has no annual report: the filter would find nothing, the words' hits are Hedelund's."""
    answer = search(client, "årsberetning Hedelund")
    assert "type:årsberetning" not in (answer["notice"] or "")
    assert {hit["municipality"] for hit in answer["hits"]} == {"Hedelund"}


def test_an_ored_type_word_is_no_filter(client):
    answer = search(client, "årsberetning OR flygtninge")
    assert answer["total"] == search(client, "flygtninge")["total"]
    assert "type:årsberetning" not in (answer["notice"] or "")


@pytest.mark.parametrize("query", ["referat flygtninge", "dagsorden flygtninge"])
def test_a_type_word_the_texts_hold_stays_a_word_beside_other_words(client, query):
    """«referat» («Godkendelse af referatet») and «dagsorden» («Godkendelse af dagsorden») are in the
    texts: searched as words, as alone; read as the type they would hide the items that say them."""
    answer = search(client, query)
    assert "Ingen tekst nævner" not in (answer["notice"] or "")
    if query.startswith("referat"):
        assert answer["total"] == 2 and "årsberetning" in {hit["doc_type"] for hit in answer["hits"]}
