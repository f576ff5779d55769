"""API review 38 (2026-12-05): what an integrator of the JSON API, the feed and the CSV found.

The findings: the feed of `sagsnr:25-000119` had one entry for the item's two parts (the first
postponed, the second resumed later in the meeting and decided), as both were titled alike and so
were one item; a «Kun beslutninger» hit found through the minority's statement printed with the
decision showed no match; a renamed document's old passage ids redirected only when given whole, not
cut after the item's number or inside its title, nor with a pasted full stop; and `offset`,
`per_page` and `size` were ignored without a word, while `limit` was named in the notice.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from conftest import FIXTURES, SEEDS, api, client_of, index_copies

THISTED = FIXTURES / "layouts16_decisions" / "thisted-social-og-sundhedsudvalget-referat-2025-03-11.txt"
ATOM = "{http://www.w3.org/2005/Atom}"
MINUTES_2015 = "naestved-integrationsraadet-referat-2015-05-21.txt"


@pytest.fixture(scope="module")
def thisted(tmp_path_factory):
    return client_of(tmp_path_factory.mktemp("api38_thisted"), [THISTED])


# --- An item taken up again later in the meeting ---------------------------------------------------------


def test_the_feed_has_an_entry_for_each_part_of_an_item_taken_up_again(thisted):
    found = api(thisted, q="sagsnr:25-000119")
    assert [(hit["title"], hit["outcome"]) for hit in found["hits"]] == [
        ("Handleplan for rekruttering af sosu-personale", "Udsat"),
        ("Handleplan for rekruttering af sosu-personale (genoptaget)", "Godkendt")]
    feed = thisted.get("/feed", query_string={"q": "sagsnr:25-000119"})
    assert feed.status_code == 200
    entries = ET.fromstring(feed.get_data()).findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert len({entry.find(f"{ATOM}id").text for entry in entries}) == 2
    assert sorted(entry.find(f"{ATOM}title").text.endswith("(genoptaget)") for entry in entries) == [False, True]


def test_the_two_parts_of_an_item_taken_up_again_cite_differently(thisted):
    first, resumed = api(thisted, q="sagsnr:25-000119")["hits"]
    assert first["citation"] != resumed["citation"]
    assert resumed["citation"].endswith("punkt 3: Handleplan for rekruttering af sosu-personale (genoptaget)")
    assert resumed["case_handler"] == first["case_handler"] == "Rikke Bundgaard"  # still inherited


# --- A decisions-only hit found through the minority's statement -------------------------------------------


def test_a_decisions_only_hit_found_through_the_dissent_marks_it(thisted):
    found = api(thisted, q="Dansk Folkeparti", decisions_only="1")
    assert found["total"] == 1
    hit = found["hits"][0]
    # cut from the dissent and labelled by it (web review 41): under «Beslutning» it read as what was decided
    assert (hit["snippet_from"], hit["snippet_label"]) == ("decision_record", "Mindretalsudtalelse")
    assert "<mark>Dansk</mark> <mark>Folkeparti</mark> kan ikke støtte en lukning" in hit["snippet"]
    assert hit["decision"].startswith("Anbefales over for Økonomiudvalget og Byrådet.")
    assert "Folkeparti" not in hit["decision"]  # the hit's decision is the decision alone


def test_a_decisions_only_hit_found_in_the_decision_is_cut_as_before(thisted):
    hit = api(thisted, q="sprogskole", decisions_only="1")["hits"][0]
    assert hit["snippet_from"] == "decision"
    assert hit["snippet"] == "Godkendt, idet initiativet om <mark>sprogskole</mark> finansieres inden for rammen."


# --- A renamed document's old ids, cut or with a full stop after them ---------------------------------------


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """A client of an index of the 2015 minutes renamed after a first run: (client, old document id,
    present document id)."""
    from indexer.update import update_index
    from search import open_index
    from webui import create_app

    root = tmp_path_factory.mktemp("api38_renamed")
    corpus, index_dir = index_copies(root, [SEEDS / MINUTES_2015])

    def document_id() -> str:
        index = open_index(index_dir)
        try:
            (record,) = index.sources().values()
            return record["document_id"]
        finally:
            index.close()

    old = document_id()
    (corpus / MINUTES_2015).rename(corpus / "integrationsraadet-2015-05-21.txt")
    update_index([corpus], index_dir)
    present = document_id()
    assert present != old
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()
    return client, old, present


def test_a_renamed_document_s_old_id_given_whole_still_redirects(renamed):
    client, old, present = renamed
    answer = client.get(f"/api/passage/{old}-11-godkendelse-af-referatet")
    assert answer.status_code == 301
    assert answer.headers["Location"] == f"/api/passage/{present}-11-godkendelse-af-referatet"


@pytest.mark.parametrize("cut", ["11", "11-godk"])
def test_a_renamed_document_s_old_id_cut_leads_to_the_item(renamed, cut):
    client, old, present = renamed
    answer = client.get(f"/api/passage/{old}-{cut}")
    assert answer.status_code == 302, answer.get_json()
    assert answer.get_json()["code"] == "cut_passage_id"
    assert answer.headers["Location"] == f"/api/passage/{present}-11-godkendelse-af-referatet"
    page = client.get(f"/passage/{old}-{cut}?q=referat")
    assert page.status_code == 302
    assert page.headers["Location"] == f"/passage/{present}-11-godkendelse-af-referatet?q=referat"


def test_a_renamed_document_s_old_id_with_a_full_stop_redirects(renamed):
    client, old, present = renamed
    answer = client.get(f"/api/passage/{old}-12-nyt-fra-foreningerne.")
    assert answer.status_code == 301 and answer.get_json()["code"] == "passage_moved"
    assert answer.headers["Location"] == f"/api/passage/{present}-12-nyt-fra-foreningerne"


def test_an_unknown_item_of_a_renamed_document_links_the_present_document(renamed):
    client, old, present = renamed
    answer = client.get(f"/api/passage/{old}-99-ingen-saadan-sag")
    assert answer.status_code == 404
    body = answer.get_json()
    assert body["code"] == "unknown_passage"
    assert [link["url"] for link in body["see_also"]] == [f"/api/document/{present}"]


# --- Paging parameters as other APIs name them --------------------------------------------------------------


@pytest.mark.parametrize("name", ["per_page", "size", "pagesize", "perPage"])
def test_a_page_size_under_another_name_is_named_in_the_notice(thisted, name):
    found = api(thisted, **{"q": "Hanstholm", name: "5"})
    assert found["notice"] == f"Parameteren «{name}» (hedder page_size) kendes ikke og blev ignoreret."
    assert found["page_size"] == 10  # said, not read: the default page size


@pytest.mark.parametrize("name", ["offset", "start"])
def test_an_offset_is_no_page_number_and_is_said(thisted, name):
    found = api(thisted, **{"q": "Hanstholm", name: "10"})
    assert found["page"] == 1
    assert found["notice"] == (f"Parameteren «{name}» kendes ikke og blev ignoreret: vælg siden med page "
                               "(1, 2, 3 …), ikke med et antal hits at springe over.")


def test_the_sort_is_echoed_under_its_canonical_name(thisted):
    # as the README now says: the sort asked for, not as typed
    assert api(thisted, q="Hanstholm", sort="nyeste")["sort"] == "newest"


def test_the_parts_of_an_item_taken_up_again_link_each_other_in_the_api(thisted):
    # the page says «Punktet blev genoptaget senere på mødet» with a link (web review 41); its JSON twin
    # gave a script no way from the postponed part to the part where the decision stands
    first, resumed = api(thisted, q="sagsnr:25-000119")["hits"]
    first_links = thisted.get(f"/api/passage/{first['id']}").get_json()["links"]
    resumed_links = thisted.get(f"/api/passage/{resumed['id']}").get_json()["links"]
    assert first_links["resumed_later"] == f"/passage/{resumed['id']}"
    assert first_links["resumed_later_json"] == f"/api/passage/{resumed['id']}"
    assert first_links["begun_earlier"] is None
    assert resumed_links["begun_earlier_json"] == f"/api/passage/{first['id']}"
    assert resumed_links["resumed_later"] is None
    decided = thisted.get(first_links["resumed_later_json"]).get_json()
    assert decided["outcome"] == "Godkendt"
