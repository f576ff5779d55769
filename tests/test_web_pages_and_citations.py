"""The web parts of a review of one day's features (its findings 1, 2, 5, 6 and 12):

* a permalink cut after an item number printed «3a», «4.1» or «II», or right after the number's
  hyphen, leads to that item (302, never for good);
* on a phone, a way out of an empty search keeps its bullet beside its first line;
* where a PDF prints page numbers other than its own («Side 2» on PDF page 3), the passage page,
  the document page and the hit list say «PDF-side 3» beside the citation's «s. 2; PDF-side 3»,
  and the hit list names where a decision ends, as the citation does;
* /api/passage of an agenda item links no minutes the index does not hold;
* the empty page says which filter links give 0 too, counts «Fjern alle filtre», and names a
  period's end as its chip reads.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, PDFS, index_copies, words
from conftest import answered_soup as soup

STYLE = Path(__file__).resolve().parent.parent / "webui" / "static" / "style.css"
CUT_FILES = (FIXTURES / "unseen_layouts" / "granhoej_teknik_og_miljoeudvalget_2024-09-02.txt",
             FIXTURES / "unseen_layouts_3" / "kirkeby_aeldreraadet_2024-10-08.txt",
             FIXTURES / "citation_pdfs" / "printed-pages.pdf",
             PDFS / "referat-2026-06-04.pdf")


@pytest.fixture(scope="module")
def today(tmp_path_factory):
    """Granhøj (items 3a, 4.1), Kirkeby (items I–IV), the PDF printing «Side 2» on its page 3 and
    a PDF whose pages print their own numbers, indexed."""
    from webui import create_app

    corpus, index_dir = index_copies(tmp_path_factory.mktemp("today"), CUT_FILES)
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()


def items(client, source: str) -> list[dict]:
    """The items of the document indexed from `source`, as /api/document lists them."""
    hits = client.get("/api/search", query_string={"page_size": 100}).get_json()["hits"]
    document_id = next(h["document_id"] for h in hits if h["source"] == source)
    return client.get(f"/api/document/{document_id}").get_json()["passages"]


def item(client, source: str, printed: str) -> dict:
    (found,) = [p for p in items(client, source) if (p["item_label"] or str(p["item_number"])) == printed]
    return found


# --- 1: cut permalinks of items numbered «3a», «4.1», «II», and cut right after the number -----------

@pytest.mark.parametrize("source, printed, tail", [
    ("granhoej_teknik_og_miljoeudvalget_2024-09-02.txt", "3a", "-3a-godk"),
    ("granhoej_teknik_og_miljoeudvalget_2024-09-02.txt", "3a", "-3a-"),
    ("granhoej_teknik_og_miljoeudvalget_2024-09-02.txt", "4.1", "-4-1-traf"),
    ("granhoej_teknik_og_miljoeudvalget_2024-09-02.txt", "4.1", "-4-1-"),
    ("kirkeby_aeldreraadet_2024-10-08.txt", "II", "-ii-hoering"),
    ("kirkeby_aeldreraadet_2024-10-08.txt", "II", "-ii"),
    ("kirkeby_aeldreraadet_2024-10-08.txt", "IV", "-iv"),
    ("kirkeby_aeldreraadet_2024-10-08.txt", "IV", "-iv-"),
    ("kirkeby_aeldreraadet_2024-10-08.txt", "I", "-i-godk"),
    ("printed-pages.pdf", "102", "-102-"),
])
def test_a_permalink_cut_after_a_printed_number_reaches_the_item_not_for_good(today, source, printed, tail):
    meant = item(today, source, printed)
    document_id = client_document_id(today, meant)
    response = today.get(f"/passage/{document_id}{tail}")
    assert response.status_code == 302, (tail, response.status_code)
    assert response.headers["Location"] == meant["links"]["html"]
    answer = today.get(f"/api/passage/{document_id}{tail}")
    assert answer.status_code == 302 and answer.get_json()["code"] == "cut_passage_id"
    assert today.get(answer.headers["Location"]).get_json()["id"] == meant["id"]


def client_document_id(client, passage: dict) -> str:
    return client.get(passage["links"]["json"]).get_json()["document_id"]


def test_a_cut_after_the_hyphen_leads_where_the_cut_before_it_does(today):
    meant = item(today, "printed-pages.pdf", "102")
    document_id = client_document_id(today, meant)
    with_hyphen = today.get(f"/passage/{document_id}-102-")
    assert with_hyphen.status_code == today.get(f"/passage/{document_id}-102").status_code == 302
    assert with_hyphen.headers["Location"] == today.get(f"/passage/{document_id}-102").headers["Location"]


@pytest.mark.parametrize("tail", ["-i", "-i-", "-v", "-4", "-102-xyz"])
def test_a_cut_naming_no_one_item_is_not_found(today, tail):
    # a lone «i» is too likely a cut word; «4» numbers both 4.1 and 4.2; Kirkeby has no item V
    sources = {"-i": "kirkeby_aeldreraadet_2024-10-08.txt", "-i-": "kirkeby_aeldreraadet_2024-10-08.txt",
               "-v": "kirkeby_aeldreraadet_2024-10-08.txt", "-4": "granhoej_teknik_og_miljoeudvalget_2024-09-02.txt",
               "-102-xyz": "printed-pages.pdf"}
    document_id = client_document_id(today, items(today, sources[tail])[0])
    assert today.get(f"/passage/{document_id}{tail}").status_code == 404


# --- 2: the bullets of the empty page's wrapped links -----------------------------------------------

def test_the_empty_pages_ways_out_align_their_bullet_with_their_first_line():
    css = STYLE.read_text(encoding="utf-8")
    rules = re.findall(r"([^{}]*\.empty a\.action[^{}]*)\{([^}]*)\}", css)
    declared = " ".join(body for _, body in rules)
    assert re.search(r"vertical-align:\s*top|display:\s*block", declared), rules


# --- 5: PDF pages named so where the PDF prints other numbers ---------------------------------------

def test_the_passage_page_names_pdf_pages_beside_a_citation_of_printed_ones(today):
    meant = item(today, "printed-pages.pdf", "102")
    body = today.get(meant["links"]["json"]).get_json()
    assert body["citation"].endswith("(s. 2, beslutningen s. 2–3; PDF-side 3–4)")
    page = soup(today.get(meant["links"]["html"]))
    source = next(div for div in page.select(".facts div") if div.dt.get_text() == "Kilde")
    assert words(source.dd) == "printed-pages.pdf (PDF-side 3)"
    link = page.select_one("section.decision a.section-page")
    assert words(link) == "PDF-side 3–4 i kilden" and link["href"].endswith("#page=3")
    labels = [words(label) for label in page.select(".citation-link-label")]
    assert labels[-1] == "Kilde, PDF-side 3:"
    assert not re.search(r"(?<!PDF-)\b[Ss]ide \d", words(page.select_one("main")))


def test_the_document_page_names_pdf_pages_there_too(today):
    meant = item(today, "printed-pages.pdf", "103")
    page = soup(today.get(meant["links"]["document"]))
    rows = [words(li) for li in page.select("ol.toc > li")]
    assert any("103" in row and "PDF-side 4 i kilden" in row for row in rows), rows
    assert not any(re.search(r"(?<!PDF-)side \d", row) for row in rows), rows


def test_the_hit_list_names_pdf_pages_and_where_the_decision_ends(today):
    meant = item(today, "printed-pages.pdf", "102")
    page = soup(today.get("/", query_string={"q": "sprogcenter"}))
    article = next(a for a in page.select("ol.hits article") if a.h3.a["href"].split("?")[0] == meant["links"]["html"])
    assert words(article.select_one(".hit-source")) == "Kilde: printed-pages.pdf, PDF-side 3 (beslutningen PDF-side 3–4)"
    assert article.select_one("a.decision-page")["href"].endswith("#page=3")


def test_a_pdf_printing_its_own_numbers_keeps_side_and_shows_the_decisions_end(today):
    hit = next(h for h in today.get("/api/search", query_string={"q": "Præsentationsrunde"}).get_json()["hits"]
               if h["source"] == "referat-2026-06-04.pdf")
    assert (hit["page"], hit["decision_page"], hit["decision_end_page"], hit["printed_page"]) == (6, 6, 7, 6)
    assert hit["citation"].endswith("(s. 6, beslutningen s. 6–7)")
    page = soup(today.get("/", query_string={"q": "Præsentationsrunde"}))
    article = next(a for a in page.select("ol.hits article") if a.h3.a["href"].split("?")[0] == f"/passage/{hit['id']}")
    assert words(article.select_one(".hit-source")) == "Kilde: referat-2026-06-04.pdf, side 6 (beslutningen side 6–7)"
    passage = soup(today.get(f"/passage/{hit['id']}"))
    assert words(passage.select_one("section.decision a.section-page")) in ("Side 6–7 i kilden", "side 6–7 i kilden")


# --- 6: no link to minutes the index does not hold --------------------------------------------------

def test_an_agenda_items_json_links_no_minutes_when_the_index_has_none(tmp_path):
    from test_journalist import agenda_client, agenda_item

    client = agenda_client(tmp_path, with_minutes=False)
    agenda = agenda_item(client, "2015-06-24")
    body = client.get(f"/api/passage/{agenda['id']}").get_json()
    assert body["links"]["minutes"] is None and body["links"]["minutes_item"] is None
    assert "Referatet af mødet er ikke i søgeindekset" in words(soup(client.get(f"/passage/{agenda['id']}")))


# --- 12: the empty page's filter links ---------------------------------------------------------------

def api_total(client, **query) -> int:
    return client.get("/api/search", query_string=query).get_json()["total"]


def actions(client, **query) -> list[str]:
    return [words(a) for a in soup(client.get("/", query_string=query)).select(".empty a.action")]


def test_a_filter_link_that_still_finds_nothing_says_so_and_all_filters_off_is_counted(client):
    assert api_total(client, q="flygtninge", municipality="Roskilde", year="2015") == 0
    assert api_total(client, q="flygtninge", municipality="Roskilde") == 0  # without the year: still none
    without_municipality = api_total(client, q="flygtninge", year="2015")
    everything = api_total(client, q="flygtninge")
    assert 0 < without_municipality < everything
    assert actions(client, q="flygtninge", municipality="Roskilde", year="2015") == [
        f"Fjern filteret kommune: Roskilde – giver {without_municipality} resultater",
        "Fjern filteret år: 2015 – giver stadig 0 resultater",
        f"Fjern alle filtre – giver {everything} resultater"]


def test_the_periods_ends_are_named_as_their_chips_read(client):
    query = {"q": "flygtninge", "municipality": "Roskilde", "from": "2015-01-01", "to": "2015-12-31"}
    assert api_total(client, **query) == 0
    texts = actions(client, **query)
    assert [t for t in texts if "Fra" in t or "Til" in t] == [
        f"Fjern «Fra: 1. januar 2015»{counted(client, query, 'from')}",
        f"Fjern «Til: 31. december 2015»{counted(client, query, 'to')}"]
    assert not any("Fjern filteret fra" in t or "Fjern filteret til" in t for t in texts)


def counted(client, query: dict, end: str) -> str:
    """What the empty page should say beside the link taking `end` off, by the engine's count."""
    n = api_total(client, **{name: value for name, value in query.items() if name != end})
    return " – giver stadig 0 resultater" if n == 0 else f" – giver {n} {'resultat' if n == 1 else 'resultater'}"


@pytest.mark.parametrize("query, found", [
    ({"q": "flygtninge", "municipality": "Næstved", "year": "2015"}, True),
    ({"q": "flygtninge", "municipality": "Roskilde"}, False),  # empty, one filter: no «Fjern alle filtre»
])
def test_the_count_without_filters_is_searched_only_for_an_empty_page_offering_it(client, monkeypatch, query, found):
    from webui import search_views

    searched = []

    class Counting:
        def __init__(self, index):
            self.index = index

        def search(self, request):
            searched.append(request)
            return self.index.search(request)

        def __getattr__(self, name):
            return getattr(self.index, name)

    real = search_views.get_index
    monkeypatch.setattr(search_views, "get_index", lambda: Counting(real()))
    page = soup(client.get("/", query_string=query))
    assert bool(page.select("ol.hits article")) is found and bool(page.select(".empty")) is not found
    assert len(searched) == 1 and searched[0].filters  # the page's own search alone
    texts = [words(a) for a in page.select(".empty a.action")]
    assert not any(t.startswith("Fjern alle filtre") for t in texts)
