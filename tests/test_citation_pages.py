"""What a running header says, the page numbers a PDF prints, where a decision ends, and a
decision dated before its meeting (journalist review, findings 1, 3, 4 and 6).

The PDFs in fixtures/citation_pdfs are written by its make.py: `running-header.pdf` names its
municipality, council and date only in the header on every page; `printed-pages.pdf` has an
unnumbered cover, so PDF page 3 prints "Side 2".
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, PDFS
from indexer.citation import citation
from indexer.clean import running_chrome
from indexer.extract import extract
from indexer.models import Passage
from indexer.pipeline import read_document

CITATION_PDFS = FIXTURES / "citation_pdfs"


def read(name: str, folder: Path = CITATION_PDFS):
    return read_document(folder / name, folder)


def by_number(document, number: int) -> Passage:
    return next(p for p in document.passages if p.item_number == number)


# --- Finding 1: the running header names the municipality, the council and the date ---------------


def test_a_municipality_council_and_date_printed_only_in_the_running_header_are_the_documents():
    document = read("running-header.pdf")

    assert (document.municipality, document.council, document.meeting_date) == ("Holbæk", "Byrådet", "2019-03-12")
    assert {(p.municipality, p.council, p.meeting_date) for p in document.passages} == {("Holbæk", "Byrådet", "2019-03-12")}
    assert citation(by_number(document, 41)) == (
        "Byrådet, Holbæk Kommune, referat af mødet 12.03.2019, punkt 41: Godkendelse af dagsorden (s. 1)")


def test_the_running_header_beats_a_neighbour_the_text_names_and_stays_out_of_the_passages():
    document = read("running-header.pdf")
    item = by_number(document, 42)

    assert "Kalundborg Kommune" in item.text  # the only municipality the text itself names
    assert document.municipality == "Holbæk"
    for p in document.passages:
        shown = [p.text, *(s.text for s in p.sections), *(s.note for s in p.sections)]
        assert not any("Holbæk" in text or "12.03.2019" in text or "Side 1 af 2" in text for text in shown)


def test_running_chrome_keeps_what_the_header_says_and_the_numbers_it_prints():
    chrome = running_chrome(extract(CITATION_PDFS / "printed-pages.pdf", CITATION_PDFS))

    assert chrome.lines == ("Vejlø Kommune · Økonomiudvalget · 05.11.2020", "Side 1")
    assert chrome.printed == ((2, 1), (3, 2), (4, 3))  # the cover prints no number
    assert all("Vejlø Kommune · Økonomiudvalget" not in page.text for page in chrome.pages)


def test_a_text_file_names_its_municipality_in_a_running_header_of_its_pages(tmp_path):
    """A text export keeps the PDF's header above each `Side N af M`: the cleaner cuts pages there."""
    pages = []
    for n, (number, title) in enumerate([(1, "Godkendelse af dagsorden"), (2, "Budget 2020"), (3, "Eventuelt")], 1):
        pages.append(f"Holbæk Kommune · Byrådet · 12.03.2019\n\n{number}. {title}\n\nBeslutning\nGodkendt.\n\nSide {n} af 3\n")
    (tmp_path / "referat.txt").write_text("Referat\n\n" + "".join(pages), encoding="utf-8")

    document = read("referat.txt", tmp_path)

    assert (document.municipality, document.council, document.meeting_date) == ("Holbæk", "Byrådet", "2019-03-12")
    assert [p.page for p in document.passages] == [None, None, None]  # a text file still has no pages
    assert all(p.printed_pages == () for p in document.passages)


# --- Finding 3: the page numbers the document prints ---------------------------------------------


def test_a_pdf_with_an_unnumbered_cover_is_cited_by_its_printed_page_numbers():
    document = read("printed-pages.pdf")
    budget, sale = by_number(document, 101), by_number(document, 102)

    assert citation(budget).endswith("punkt 101: Budget 2021 (s. 1; PDF-side 2)")
    assert citation(sale).endswith("punkt 102: Salg af Vejlø Sprogcenter (s. 2, beslutningen s. 2–3; PDF-side 3–4)")
    assert (sale.page, sale.printed_page(sale.page), sale.decision_page, sale.decision_end_page) == (3, 2, 3, 4)
    body = sale.to_json()
    assert (body["page"], body["printed_page"], body["printed_pages"]) == (3, 2, {"3": 2, "4": 3})


@pytest.mark.parametrize("name", ["referat-2015-05-21.pdf", "referat-2017-02-23.pdf", "referat-2026-06-04.pdf"])
def test_fixture_pdfs_print_their_pdf_page_numbers_and_cite_them_as_before(name):
    document = read(name, PDFS)

    for p in document.passages:
        assert p.printed_page(p.page) == p.page
        assert all(printed == page for page, printed in p.printed_pages)
        assert "PDF-side" not in citation(p)
    if name == "referat-2015-05-21.pdf":
        [item15] = [p for p in document.passages if p.item_number == 15]
        assert citation(item15).endswith("Modtagelse af flygtninge (s. 4, beslutningen s. 6)")


# --- Finding 4: a decision that runs over a page break ---------------------------------------------


def test_a_decision_that_runs_onto_the_next_page_is_cited_by_both_pages():
    item = by_number(read("running-header.pdf"), 42)

    assert "ført til protokol" in item.decision  # the part printed on page 2
    assert (item.page, item.decision_page, item.decision_end_page) == (1, 1, 2)
    assert citation(item).endswith("Salg af grund til sprogcenter (s. 1, beslutningen s. 1–2)")
    body = item.to_json()
    assert body["decision_end_page"] == 2
    assert [(d["key"], d["page"], d["end_page"]) for d in body["section_details"]] == [
        ("beslutning", 1, 2), ("sagsfremstilling", 1, 1)]


def test_the_2026_fixture_item_11_is_decided_on_pages_6_and_7():
    """Its decision ends "Forvaltningen tilkendegav, at der udarbejdes et oplæg …" on page 7."""
    item = by_number(read("referat-2026-06-04.pdf", PDFS), 11)

    assert "Forvaltningen tilkendegav" in item.decision
    assert (item.page, item.decision_page, item.decision_end_page) == (6, 6, 7)
    assert citation(item).endswith("Præsentationsrunde ved rådets medlemmer (s. 6, beslutningen s. 6–7)")


def test_a_decision_on_one_page_names_one_page():
    document = read("referat-2015-05-21.pdf", PDFS)

    assert [(p.item_number, p.decision_page, p.decision_end_page) for p in document.passages if p.has_decision] == [
        (11, 1, 1), (12, 2, 2), (14, 3, 3), (15, 6, 6), (16, 8, 8), (16, 9, 9), (17, 10, 10)]


def test_a_record_stored_before_end_pages_and_printed_pages_reads_and_cites_as_then():
    item = by_number(read("running-header.pdf"), 42)
    record = json.loads(json.dumps(item.to_record()))
    for section in record["sections"]:
        del section["end_page"]
    del record["printed_pages"]

    old = Passage.from_record(record)

    assert old.decision_end_page == old.decision_page == 1 and old.printed_pages == ()
    assert citation(old).endswith("(s. 1)")
    assert Passage.from_record(json.loads(json.dumps(item.to_record()))) == item  # and a new one reads whole


# --- Finding 6: a decision dated before the meeting ------------------------------------------------


def test_a_deferred_items_decision_dated_before_the_meeting_is_flagged():
    document = read("printed-pages.pdf")

    flags = {p.item_number: (p.decision_date, p.to_json()["decision_date_before_meeting"]) for p in document.passages}
    # 101 and 102 under a plain "Beslutning": decided on the meeting's date, no earlier date to flag
    assert flags == {101: ("2020-11-05", False), 102: ("2020-11-05", False), 103: ("2020-10-08", True)}
    assert document.meeting_date == "2020-11-05"


@pytest.fixture
def client(tmp_path):
    """The two citation PDFs and the fixture PDF of 21.05.2015, indexed and served."""
    from indexer.update import update_index
    from webui import create_app

    corpus = tmp_path / "corpus"
    shutil.copytree(CITATION_PDFS, corpus, ignore=shutil.ignore_patterns("*.py"))
    shutil.copy(PDFS / "referat-2015-05-21.pdf", corpus / "referat-2015-05-21.pdf")
    report = update_index([corpus], tmp_path / "index")
    assert not report.skipped, report.skipped
    return create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}).test_client()


def api_hits(client, **query) -> list[dict]:
    return client.get("/api/search", query_string={"page_size": 100, **query}).get_json()["hits"]


def test_the_header_only_municipality_is_found_by_its_facet_and_its_name(client):
    assert {h["title"] for h in api_hits(client, q="kommune:Holbæk")} == {
        "Godkendelse af dagsorden", "Salg af grund til sprogcenter", "Boligplacering af flygtninge 2019"}
    hit = next(h for h in api_hits(client, q="Holbæk sprogcenter") if h["title"] == "Salg af grund til sprogcenter")
    assert hit["municipality"] == "Holbæk"
    assert hit["citation"].startswith("Byrådet, Holbæk Kommune, referat af mødet 12.03.2019, punkt 42")


def test_the_passage_page_and_json_cite_the_printed_page_and_link_the_pdf_page(client):
    hit = next(h for h in api_hits(client, q="sprogcenter") if h["title"] == "Salg af Vejlø Sprogcenter")
    body = client.get(f"/api/passage/{hit['id']}").get_json()

    assert body["citation"].endswith("(s. 2, beslutningen s. 2–3; PDF-side 3–4)") and hit["citation"] == body["citation"]
    assert (body["printed_page"], body["decision_end_page"]) == (2, 4)
    assert body["links"]["cited_source"].endswith("#page=3")  # a viewer opens the PDF's own page
    page = BeautifulSoup(client.get(f"/passage/{hit['id']}").get_data(as_text=True), "html.parser")
    assert page.select_one("#citation").get_text() == body["citation"]
    link = page.select_one("section.decision a.section-page")
    # the PDF's pages, named so beside a citation of the printed ones (s. 2 is PDF page 3)
    assert link.get_text() == "PDF-side 3–4 i kilden" and link["href"].endswith("#page=3")


def test_the_decision_block_warns_that_its_date_is_before_the_meeting(client):
    for title, date, meeting in [("Medborgerskabspolitik", "8. oktober 2020", "5. november 2020"),
                                 ("Medborgerskabspolitikken", "19. marts 2015", "21. maj 2015")]:
        hit = next(h for h in api_hits(client, q=title) if h["title"] == title)
        assert client.get(f"/api/passage/{hit['id']}").get_json()["decision_date_before_meeting"] is True
        page = BeautifulSoup(client.get(f"/passage/{hit['id']}").get_data(as_text=True), "html.parser")
        [decision] = page.select("section.decision")
        line = " ".join(decision.select_one(".section-date").get_text().split())
        assert line.startswith(f"{date} – før mødet; beslutningen står i referatet af mødet {meeting}"), line
    other = next(h for h in api_hits(client, q="Budget 2021") if h["title"] == "Budget 2021")
    assert client.get(f"/api/passage/{other['id']}").get_json()["decision_date_before_meeting"] is False
    page = BeautifulSoup(client.get(f"/passage/{other['id']}").get_data(as_text=True), "html.parser")
    assert "før mødet" not in page.select_one("section.decision").get_text()


def test_a_hit_carries_the_printed_page_numbers_and_the_early_decision_flag_as_its_passage_does(tmp_path):
    # A script citing from search hits had the citation string only (a review of the citation features, finding 13).
    from indexer.update import update_index
    from search import SearchRequest, open_index

    update_index([Path(__file__).parent / "fixtures" / "citation_pdfs"], tmp_path / "index")
    index = open_index(tmp_path / "index")
    hits = index.search(SearchRequest(page_size=100)).hits
    assert hits
    for hit in hits:
        passage = index.passage(hit.id)
        assert hit.printed_page == passage.printed_page(passage.page)
        assert hit.printed_decision_page == passage.printed_page(passage.decision_page)
        assert hit.decision_date_before_meeting == passage.decision_date_before_meeting
    assert any(h.printed_page is not None and h.printed_page != h.page for h in hits)
    assert any(h.decision_date_before_meeting for h in hits)


def test_an_item_on_an_unnumbered_cover_is_named_by_its_pdf_page_wherever_its_citation_is(client, runner, tmp_path):
    """Item 1 starts and is decided on the cover, which prints no number; its appendix runs onto
    the page printed «Side 1». The citation says «PDF-side 1»; the hit list and the terminal said
    «side 1» beside it, because the item's own pages print no number that differs."""
    item = by_number(read("cover-item.pdf"), 1)
    assert (item.page, item.decision_page, item.printed_pages) == (1, 1, ((2, 1),))
    assert citation(item).endswith("punkt 1: Godkendelse af dagsorden (PDF-side 1)")

    hit = next(h for h in api_hits(client, q="Godkendelse af dagsorden") if h["source"] == "cover-item.pdf")
    assert (hit["prints_other_pages"], hit["printed_page"]) == (True, None)
    listed = BeautifulSoup(client.get("/", query_string={"q": "dagsorden kommune:Vejlø"}).get_data(as_text=True),
                           "html.parser")
    sources = [" ".join(p.get_text().split()) for p in listed.select("p.hit-source")]
    assert "Kilde: cover-item.pdf, PDF-side 1" in sources, sources

    from indexer.cli import main

    cli = runner.invoke(main, ["search", "Godkendelse af dagsorden", "--municipality", "Vejlø",
                               "--index-dir", client.application.config["INDEX_DIR"]])
    assert cli.exit_code == 0 and f"cover-item.pdf, PDF-side 1 · {hit['id']}" in cli.output, cli.output
