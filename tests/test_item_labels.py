"""Items numbered as printed, «3a», «3b», «4.1», «4.2»: found, shown and cited so.

Granhøj's minutes (tests/fixtures/unseen_layouts/) number an added item «3a» and the items under
topic 4 «4.1» and «4.2». Their `item_number` is 3 or 4, which sorts and filters; `item_label`
is the number as printed, which a reporter types and cites.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from search import SearchRequest
from conftest import soup

GRANHOEJ = Path(__file__).parent / "fixtures" / "unseen_layouts" / "granhoej_teknik_og_miljoeudvalget_2024-09-02.txt"


@pytest.fixture(scope="module")
def granhoej(tmp_path_factory):
    from indexer.update import update_index
    from search import open_index
    from webui import create_app

    root = tmp_path_factory.mktemp("granhoej")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / GRANHOEJ.name).write_bytes(GRANHOEJ.read_bytes())
    update_index([corpus], root / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(root / "index"), "CORPUS_DIR": str(corpus)}).test_client()
    return open_index(root / "index"), client


def numbers(response) -> list[tuple[int | None, str | None]]:
    return [(h.item_number, h.item_label) for h in response.hits]


@pytest.mark.parametrize("query, expected", [
    ("punkt 3a", [(3, "3a")]), ("pkt. 3B", [(3, "3b")]), ("punkt 4.1", [(4, "4.1")]), ("punkt 4.2", [(4, "4.2")]),
])
def test_an_item_is_found_by_its_number_as_printed(granhoej, query, expected):
    index, _ = granhoej
    response = index.search(SearchRequest(query=query))
    assert numbers(response) == expected and response.notice is None


def test_a_topics_number_finds_the_items_under_it(granhoej):
    index, _ = granhoej
    assert sorted(numbers(index.search(SearchRequest(query="punkt 4")))) == [(4, "4.1"), (4, "4.2")]


def test_a_label_no_item_has_is_said_so(granhoej):
    index, _ = granhoej
    response = index.search(SearchRequest(query="punkt 3c"))
    assert response.total == 0 and response.notice.startswith("Der er intet punkt 3c i søgeindekset")


def test_the_hit_the_page_and_the_citation_say_the_number_as_printed(granhoej):
    index, client = granhoej
    hit = client.get("/api/search", query_string={"q": "Trafiksikkerhedsplan"}).get_json()["hits"][0]
    assert (hit["item_number"], hit["item_label"]) == (4, "4.1")
    assert "punkt 4.1: Trafiksikkerhedsplan 2025-2028" in hit["citation"]
    listed = soup(client.get("/", query_string={"q": "Trafiksikkerhedsplan"}))
    assert "punkt 4.1" in listed.select_one("ol.hits .meta").get_text()
    page = soup(client.get(f"/passage/{hit['id']}"))
    assert page.select_one("h1 .item-no").get_text() == "4.1"
    assert page.select_one("[aria-current=page]").get_text() == "Punkt 4.1"
    document = client.get(f"/api/document/{hit['document_id']}").get_json()
    assert [p["item_label"] for p in document["passages"] if p["item_label"]] == ["3a", "3b", "4.1", "4.2"]


@pytest.mark.parametrize("cut, label", [("3a", "3a"), ("3b", "3b"), ("4-1", "4.1"), ("4-2-affald", "4.2")])
def test_a_permalink_cut_after_a_printed_number_leads_to_that_item(granhoej, cut, label):
    _, client = granhoej
    hit = client.get("/api/search", query_string={"q": "Trafiksikkerhedsplan"}).get_json()["hits"][0]
    response = client.get(f"/api/passage/{hit['document_id']}-{cut}")
    assert response.status_code == 302
    assert client.get(response.headers["Location"]).get_json()["item_label"] == label


KIRKEBY = Path(__file__).parent / "fixtures" / "unseen_layouts_3" / "kirkeby_aeldreraadet_2024-10-08.txt"


@pytest.fixture(scope="module")
def kirkeby(tmp_path_factory):
    from indexer.update import update_index
    from search import open_index
    from webui import create_app

    root = tmp_path_factory.mktemp("kirkeby")
    (root / "corpus").mkdir()
    (root / "corpus" / KIRKEBY.name).write_bytes(KIRKEBY.read_bytes())
    update_index([root / "corpus"], root / "index")
    return open_index(root / "index"), create_app({"TESTING": True, "INDEX_DIR": str(root / "index"),
                                                    "CORPUS_DIR": str(root / "corpus")}).test_client()


def test_an_item_numbered_in_roman_numerals_is_found_and_headed_so(kirkeby):
    index, client = kirkeby
    (hit,) = index.search(SearchRequest(query="punkt II")).hits
    assert (hit.item_number, hit.item_label, hit.heading_number) == (2, "II", "II.")
    assert [h.id for h in index.search(SearchRequest(query="punkt 2")).hits] == [hit.id]
    assert "punkt II:" in hit.citation
    page = soup(client.get(f"/passage/{hit.id}"))
    assert page.select_one("h1 .item-no").get_text() == "II."
    from search.syntax import parse

    assert all(c.field != "item" for group in parse("punkt i dagsordenen").groups for c in group)  # «i» is no numeral
    assert [c.text for group in parse("punkt IV").groups for c in group if c.field == "item"] == ["IV"]
    # typed in small letters, as a phone keyboard does; «vil» is a word, not a numeral
    assert [h.id for h in index.search(SearchRequest(query="punkt ii")).hits] == [hit.id]
    assert all(c.field != "item" for group in parse("punkt vil blive").groups for c in group)


EGEBJERG = Path(__file__).parent / "fixtures" / "unseen_layouts_3" / "egebjerg_integrationsraadet_2024-04-16.txt"
# Another council's item that cites a paragraph 3 of a law in its text, and is numbered 3 itself.
LAW_CITED = """Mosegård Kommune
Referat af Boligudvalgets møde den 3. marts 2024

1. Godkendelse af dagsorden
Beslutning:
Godkendt.

2. Eventuelt
Beslutning:
Intet.

3. Husleje i ældreboliger
Sagsfremstilling:
Lejen fastsættes efter § 3 i lejeloven, som forvaltningen har gennemgået.
Beslutning:
Taget til efterretning.
"""


@pytest.fixture(scope="module")
def egebjerg(tmp_path_factory):
    from indexer.update import update_index
    from search import open_index
    from webui import create_app

    root = tmp_path_factory.mktemp("egebjerg")
    (root / "corpus").mkdir()
    (root / "corpus" / EGEBJERG.name).write_bytes(EGEBJERG.read_bytes())
    (root / "corpus" / "mosegaard_boligudvalget_2024-03-03.txt").write_text(LAW_CITED, encoding="utf-8")
    update_index([root / "corpus"], root / "index")
    return open_index(root / "index"), create_app({"TESTING": True, "INDEX_DIR": str(root / "index"),
                                                    "CORPUS_DIR": str(root / "corpus")}).test_client()


@pytest.mark.parametrize("query", ["§ 3", "§3"])
def test_an_item_numbered_as_a_paragraph_is_found_first_then_the_texts_citing_it(egebjerg, query):
    """Egebjerg's protocol numbers its items «§ 3.»: a reporter types «§ 3» for that item, which
    found nothing (its heading is no text of the item); the law's «§ 3» cited in a text still counts,
    after it. Another council's item 3 is no «§ 3»."""
    index, _ = egebjerg
    hits = index.search(SearchRequest(query=query)).hits
    assert [(h.municipality, h.item_number, h.title) for h in hits] == [
        ("Egebjerg", 3, "Høring over forslag til Integrationspolitik 2024-2028"),
        ("Mosegård", 3, "Husleje i ældreboliger")]
    assert (hits[0].item_sign, hits[1].item_sign) == ("§", None)


def test_a_paragraph_with_words_narrows_to_the_item_that_has_them(egebjerg):
    index, _ = egebjerg
    assert [h.title for h in index.search(SearchRequest(query="§ 3 lejeloven")).hits] == ["Husleje i ældreboliger"]
    assert [h.title for h in index.search(SearchRequest(query="§ 3 høring")).hits] == [
        "Høring over forslag til Integrationspolitik 2024-2028"]
    assert index.search(SearchRequest(query="§ 9")).total == 0


def test_an_item_numbered_as_a_paragraph_is_cited_and_shown_so(egebjerg):
    index, client = egebjerg
    hit = client.get("/api/search", query_string={"q": "integrationspolitik"}).get_json()["hits"][0]
    assert hit["item_sign"] == "§"
    assert hit["citation"].endswith("referat af mødet 16.04.2024, § 3: Høring over forslag til Integrationspolitik 2024-2028")
    listed = soup(client.get("/", query_string={"q": "integrationspolitik"}))
    assert "§ 3" in listed.select_one("ol.hits .meta").get_text()
    page = soup(client.get(f"/passage/{hit['id']}"))
    assert page.select_one("[aria-current=page]").get_text() == "§ 3"
    other = index.search(SearchRequest(query="lejeloven")).hits[0]
    assert other.item_sign is None and "punkt 3: Husleje" in other.citation
