"""A reporter quotes the decision: the hit list and the document page name and link the PDF
page where it stands, when that is not the page the item starts on.

Item 15 of the 21.05.2015 minutes (PDF) starts on page 4 and is decided on page 6; item 16
starts on page 7 and is decided on page 8; the others are decided on their first page. The
seeds beside it are text files, which have no pages.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import PDFS, words
from conftest import answered_soup as soup

PDF = "referat-2015-05-21.pdf"


@pytest.fixture
def client(corpus, tmp_path):
    """The seeds (text) and the fixture PDF of the 21.05.2015 minutes, indexed."""
    from indexer.update import update_index
    from webui import create_app

    shutil.copy(PDFS / PDF, corpus / PDF)
    report = update_index([corpus], tmp_path / "index")
    assert not report.skipped, report.skipped
    return create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}).test_client()


def api_hits(client, **query) -> list[dict]:
    return client.get("/api/search", query_string={"page_size": 100, **query}).get_json()["hits"]


def hit_article(client, hit_id: str, **query):
    page = soup(client.get("/", query_string={"page_size": 100, **query}))
    return next(a for a in page.select("ol.hits article") if a.h3.a["href"].split("?")[0] == f"/passage/{hit_id}")


@pytest.mark.parametrize("title, start, decided", [("Modtagelse af flygtninge", 4, 6), ("Medborgerskabspolitikken", 7, 8)])
def test_a_hit_decided_pages_on_links_the_item_and_the_decision(client, title, start, decided):
    hit = next(h for h in api_hits(client, q=title) if h["source"] == PDF and h["title"] == title)
    assert (hit["page"], hit["decision_page"]) == (start, decided)
    links = client.get(f"/api/passage/{hit['id']}").get_json()["links"]
    source = links["source"].split("#")[0]
    # the JSON twin gives the citation's link too, not only where the item starts
    assert (links["source"], links["cited_source"]) == (f"{source}#page={start}", f"{source}#page={decided}")
    line = hit_article(client, hit["id"], q=title).select_one(".hit-source")
    assert words(line) == f"Kilde: {PDF}, side {start} (beslutningen side {decided})"
    item, decision = line.find_all("a")
    assert item["href"] == f"{source}#page={start}" and item.get_text() == f"Kilde: {PDF}, side {start}"
    assert decision["href"] == f"{source}#page={decided}" and decision.get_text() == f"beslutningen side {decided}"
    # the same page the passage page's citation links the source at
    passage = soup(client.get(f"/passage/{hit['id']}"))
    assert passage.select_one("#source-permalink")["href"] == decision["href"]


def test_a_hit_decided_on_its_first_page_names_one_page(client):
    hit = next(h for h in api_hits(client, q="Foreningernes dag") if h["source"] == PDF)
    assert hit["page"] and hit["decision_page"] == hit["page"]
    line = hit_article(client, hit["id"], q="Foreningernes dag").select_one(".hit-source")
    assert words(line) == f"Kilde: {PDF}, side {hit['page']}"
    assert [a["href"].split("#")[1] for a in line.find_all("a")] == [f"page={hit['page']}"]
    assert "beslutningen" not in line.get_text()


def test_a_text_file_hit_has_no_page_and_no_decision_page(client):
    hits = [h for h in api_hits(client, q="flygtninge") if not h["source"].endswith(".pdf")]
    decided = [h for h in hits if h["decision"]]
    assert decided  # text items with a decision: the case the PDF links are made for
    page = soup(client.get("/", query_string={"q": "flygtninge", "page_size": 100}))
    shown = {a.h3.a["href"].split("?")[0]: a for a in page.select("ol.hits article")}
    checked = 0
    for hit in hits:
        article = shown.get(f"/passage/{hit['id']}")
        if article is None:  # a copy of a PDF item, shown once as the PDF
            continue
        line = article.select_one(".hit-source")
        assert [a["href"] for a in line.find_all("a")] == [f"/source/{hit['document_id']}"]
        assert words(line) == f"Kilde: {hit['source']}"
        assert "#page=" not in str(article)
        checked += 1
    assert checked


def test_the_document_page_links_each_items_page_and_a_decision_pages_on(client):
    hit = next(h for h in api_hits(client, q="Modtagelse af flygtninge") if h["source"] == PDF)
    source = f"/source/{hit['document_id']}"
    document = soup(client.get(f"/document/{hit['document_id']}"))
    rows = {li.a.get_text(): li for li in document.select("ol.toc > li")}
    row = rows["15. Modtagelse af flygtninge"]
    assert "· side 4 i kilden (beslutningen side 6)" in words(row)  # "i kilden" for a screen reader
    links = {a.get_text(" ", strip=True): a["href"] for a in row.select(".muted a")}
    assert links == {"side 4 i kilden": f"{source}#page=4", "beslutningen side 6": f"{source}#page=6"}
    assert rows["16. Medborgerskabspolitikken"].select_one("a.decision-page")["href"] == f"{source}#page=8"
    # decided on the page it starts on: that page, once
    same = rows["14. Foreningernes dag 2015"]
    assert same.select_one("a.decision-page") is None and "beslutningen side" not in same.get_text()
    assert [a["href"] for a in same.select(".muted a")] == [f"{source}#page=3"]
    assert all(rows[name].select_one(".decision-preview") for name in ("14. Foreningernes dag 2015", "15. Modtagelse af flygtninge"))


def test_a_text_files_document_page_names_no_page(client):
    """The same meeting as text (the search shows its PDF; the passage names the text copy)."""
    hit = next(h for h in api_hits(client, q="Modtagelse af flygtninge") if h["source"] == PDF)
    [copy] = client.get(f"/api/passage/{hit['id']}").get_json()["copies"]
    assert copy["source"].endswith(".txt") and copy["page"] is None
    document = soup(client.get(copy["links"]["document"]))
    toc = document.select_one("ol.toc")
    assert toc.select(".decision-preview")  # the decisions are there, without pages
    assert "#page=" not in str(document) and "side " not in toc.get_text() and not toc.select("a.decision-page")


def test_the_command_line_names_the_decisions_page_too(runner, tmp_path):
    """The web hit said "side 4 (beslutningen side 6)", the terminal only "side 4": a reporter
    at the command line quoted the decision from the wrong page."""
    from conftest import run

    corpus = tmp_path / "pdf"
    corpus.mkdir()
    shutil.copy(PDFS / PDF, corpus / PDF)
    assert run(runner, "index", corpus, "--index-dir", tmp_path / "idx", "-q").exit_code == 0

    found = run(runner, "search", "Modtagelse af flygtninge", "--index-dir", tmp_path / "idx")
    extracted = run(runner, "extract", corpus / PDF)

    assert f"   {PDF}, side 4 (beslutningen side 6) · " in found.stdout
    assert "  15. Modtagelse af flygtninge  (side 4, beslutningen side 6)" in extracted.stdout
    assert "  14. Foreningernes dag 2015  (side 3)" in extracted.stdout  # decided on its own page


def test_a_decision_heading_dated_before_the_meeting_is_not_called_the_decision_date(client):
    """Item 16 of 21.05.2015, put off from 19.03.2015, keeps the date its decision heading
    prints ("Integrationsrådet 19.03.2015"); the page called it "Beslutningsdato" and a reporter
    dated the decision two months early. It says what the date is, and where the decision stands."""
    hit = next(h for h in api_hits(client, q="Medborgerskabspolitikken") if h["source"] == PDF)
    assert (hit["meeting_date"], hit["decision_date"]) == ("2015-05-21", "2015-03-19")
    facts = {words(div.dt): words(div.dd) for div in soup(client.get(f"/passage/{hit['id']}")).select("dl.facts > div")}
    assert "Beslutningsdato" not in facts
    assert facts["Beslutningens overskrift er dateret"] == (
        "19. marts 2015 – før mødet; beslutningen står i referatet af mødet 21. maj 2015")
