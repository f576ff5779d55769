"""A reporter's day with Referatsøg: find decisions, follow a case over time, cite precisely.

The corpus is a realistic newsroom folder: the seeds, the good fixture PDFs (the same
meetings as published) and the eight other layouts, indexed once for the module.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LAYOUTS, PDFS, SEEDS, UNTITLED_MINUTES

GOOD_PDFS = ("aarsberetning-2019.pdf", "referat-2015-05-21.pdf", "referat-2017-02-23.pdf", "referat-2026-06-04.pdf")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory) -> tuple[Path, Path]:
    """(corpus folder, index folder) of the seeds, the good PDFs and the layouts."""
    from indexer.update import update_index

    root = tmp_path_factory.mktemp("newsroom")
    corpus = root / "corpus"
    corpus.mkdir()
    for path in [*SEEDS.iterdir(), *(PDFS / name for name in GOOD_PDFS), *LAYOUTS.glob("f*.txt")]:
        shutil.copy(path, corpus / path.name)
    report = update_index([corpus], root / "index")
    assert not report.skipped, report.skipped
    return corpus, root / "index"


@pytest.fixture
def client(newsroom):
    from webui import create_app

    corpus, index_dir = newsroom
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def api_hits(client, **query) -> list[dict]:
    return client.get("/api/search", query_string={"page_size": 100, **query}).get_json()["hits"]


# --- Following a search through its items and back ---------------------------------------

SEARCH = {"q": "flygtninge", "municipality": "Næstved", "decisions_only": "1", "from": "2015-01-01",
          "to": "2019-12-31", "sort": "newest", "page_size": "3", "page": "2"}


def test_a_hit_keeps_the_search_it_came_from_all_the_way_back(client):
    """A reporter narrows a search (municipality, decisions only, a period, newest first,
    page 2), reads an item, walks to the next item and to the meeting's document: every way
    back lands on the same hits, not on a bare search for the words."""
    page = soup(client.get("/", query_string=SEARCH))
    hit = page.select_one("ol.hits h3 a")["href"]
    assert params(hit) == {name: [value] for name, value in SEARCH.items()}

    passage = soup(client.get(hit))
    back = passage.select_one(".breadcrumbs a")
    assert back.get_text() == "Søgeresultater" and params(back["href"]) == params(hit)
    returned = soup(client.get(back["href"]))
    assert [a["href"] for a in returned.select("ol.hits h3 a")] == [a["href"] for a in page.select("ol.hits h3 a")]
    # the plain item is the page's canonical address, whatever search it was opened from
    assert passage.select_one('link[rel="canonical"]')["href"] == urlsplit(hit).path

    # onward, to a neighbouring item and to the meeting's document: the search travels along
    neighbour = (passage.select_one('a[rel="next"]') or passage.select_one('a[rel="prev"]'))["href"]
    assert params(neighbour) == params(hit)
    assert all(params(a["href"]) == params(hit) for a in passage.select("nav.siblings a"))
    document_url = passage.select(".breadcrumbs a")[1]["href"]
    assert params(document_url) == params(hit)
    document = soup(client.get(document_url))
    assert params(document.select_one(".breadcrumbs a")["href"]) == params(hit)
    assert all(params(a["href"]) == params(hit) for a in document.select("ol.toc > li > a"))
    assert document.select_one('link[rel="canonical"]')["href"] == urlsplit(document_url).path
    # the item still marks the searched words
    assert soup(client.get(neighbour)).select(".marked-note")


def test_an_item_opened_without_a_search_offers_the_search_page(client):
    hit = api_hits(client, q="flygtninge")[0]
    passage = soup(client.get(f"/passage/{hit['id']}"))
    assert [(a.get_text(), a["href"]) for a in passage.select(".breadcrumbs a")][0] == ("Søg", "/")
    assert passage.select_one('link[rel="canonical"]') is None
    assert "?" not in passage.select_one('a[rel="next"], a[rel="prev"]')["href"]


def test_a_broken_search_in_an_items_address_drops_the_broken_part_not_the_page(client):
    """A link pasted into a chat, cut or edited by hand, still opens the item; the way back
    keeps what the search page can use."""
    hit = api_hits(client, q="flygtninge")[0]
    answer = client.get(f"/passage/{hit['id']}", query_string={"q": "flygtninge", "from": "igår",
                                                                 "page": "zz", "sort": "bedst", "municipality": "Næstved"})
    back = soup(answer).select_one(".breadcrumbs a")["href"]
    assert params(back) == {"q": ["flygtninge"], "municipality": ["Næstved"]}
    assert client.get(back).status_code == 200
    not_utf8 = client.get(f"/passage/{hit['id']}?q=N%E6stved&municipality=N%C3%A6stved")
    assert params(soup(not_utf8).select_one(".breadcrumbs a")["href"]) == {"municipality": ["Næstved"]}


# --- A published link does not die ------------------------------------------------------------

def old_id(document: dict, place: int) -> str:
    """A passage's id as it was formed before ids named the item (c43f9ff): its document's id
    and its place in the document, counted from 01."""
    return f"{document['id']}-{place:02d}"


def test_a_link_published_with_an_old_passage_id_still_opens_the_item(client):
    """A reporter's article links `…-referat-2015-05-21-<hash>-04`, the minutes' fourth item,
    from before ids named their item: the link leads there (301, a search engine updates it),
    with the search it carried."""
    hit = next(h for h in api_hits(client, q="flygtninge") if h["source"] == "referat-2015-05-21.pdf")
    document = client.get(f"/api/document/{hit['document_id']}").get_json()
    assert len(document["passages"]) > 4
    fourth = document["passages"][3]
    answer = client.get(f"/passage/{old_id(document, 4)}", query_string={"q": "flygtninge", "municipality": "Næstved"})
    assert answer.status_code == 301
    location = answer.headers["Location"]
    assert urlsplit(location).path == f"/passage/{fourth['id']}"
    assert params(location) == {"q": ["flygtninge"], "municipality": ["Næstved"]}
    assert "Siden er flyttet" in answer.get_data(as_text=True)  # in Danish for a client that shows it
    page = soup(client.get(location))
    assert page.h1.get_text(" ", strip=True).endswith(fourth["title"]) and page.select(".marked-note")
    assert client.get(f"/passage/{old_id(document, 1)}").headers["Location"] == f"/passage/{document['passages'][0]['id']}"
    # the item's JSON twin likewise, and its answer is JSON
    api_answer = client.get(f"/api/passage/{old_id(document, 4)}")
    assert api_answer.status_code == 301 and api_answer.headers["Location"] == f"/api/passage/{fourth['id']}"
    assert api_answer.get_json()["code"] == "passage_moved" and api_answer.get_json()["location"] == api_answer.headers["Location"]


def test_an_old_id_beyond_its_document_or_of_no_document_is_not_found(client):
    hit = api_hits(client, q="flygtninge")[0]
    document = client.get(f"/api/document/{hit['document_id']}").get_json()
    for unknown in (old_id(document, len(document["passages"]) + 1), old_id(document, 0), "findes-ikke-04",
                    f"{document['id']}-x4", f"{document['id']}-04-5"):
        assert client.get(f"/passage/{unknown}").status_code == 404, unknown
        assert client.get(f"/api/passage/{unknown}").get_json()["code"] == "unknown_passage"


# --- Citing: the citation names where a reader finds the item --------------------------------

def decided_on_its_first_page(client, hit: dict) -> bool:
    return client.get(f"/api/passage/{hit['id']}").get_json()["section_pages"].get("beslutning") == hit["page"]


def test_the_citation_of_a_pdf_item_links_to_the_item_and_to_the_pdf_at_its_page(client):
    """An item decided on the page it starts on: the citation names that one page."""
    hit = next(h for h in api_hits(client, q="flygtninge")
               if h["source"].endswith(".pdf") and h["page"] and decided_on_its_first_page(client, h))
    passage = soup(client.get(f"/passage/{hit['id']}", query_string={"q": "flygtninge"}))
    block = passage.select_one("#citation-block")
    assert block.select_one("#citation").get_text().endswith(f"(s. {hit['page']})")
    # written out in full to paste into an article; the link itself is the same address on this site
    permalink = block.select_one("#permalink")
    shown = urlsplit(permalink.get_text())
    assert shown.scheme == "http" and shown.netloc == "localhost" and not shown.query
    assert shown.path == permalink["href"] == f"/passage/{hit['id']}"
    source = block.select_one("#source-permalink")
    shown = urlsplit(source.get_text())
    assert shown.netloc == "localhost" and f"{shown.path}#{shown.fragment}" == source["href"]
    assert source["href"].endswith(f"#page={hit['page']}")
    assert f"Kilde, side {hit['page']}:" in block.get_text(" ", strip=True)
    assert "Link til punktet:" in block.get_text(" ", strip=True)
    with client.get(urlsplit(source["href"]).path) as pdf:
        assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    # the copy button copies the whole block: the citation and its links
    assert passage.select_one("button.copy")["data-copy"] == "citation-block"


@pytest.mark.parametrize("title, start, decided", [("Modtagelse af flygtninge", 4, 6), ("Medborgerskabspolitikken", 7, 8)])
def test_an_item_decided_pages_after_its_heading_is_cited_and_linked_at_its_decision(client, title, start, decided):
    """Item 15 of the 2015 minutes starts on page 4 and is decided on page 6 (item 16: 7 and
    8): a reporter quotes the decision, so the citation names its page, the decision shows it,
    and the source is linked there; the item's facts still give the page it starts on."""
    hit = next(h for h in api_hits(client, q=title) if h["title"] == title and h["source"] == "referat-2015-05-21.pdf")
    assert hit["page"] == start
    passage = soup(client.get(f"/passage/{hit['id']}"))
    source = f"/source/{hit['document_id']}"
    block = passage.select_one("#citation-block")
    citation = block.select_one("#citation").get_text()
    assert citation.endswith(f"{title} (s. {start}, beslutningen s. {decided})")
    assert block.select_one("#source-permalink")["href"] == f"{source}#page={decided}"
    assert block.select_one("#source-permalink").get_text().endswith(f"{source}#page={decided}")
    assert f"Kilde, side {decided} (beslutningen):" in block.get_text(" ", strip=True)
    [decision] = passage.select("section.decision")
    link = decision.select_one("a.section-page")
    assert link["href"] == f"{source}#page={decided}" and link.get_text() == f"side {decided} i kilden"
    assert passage.find("a", string="referat-2015-05-21.pdf")["href"] == f"{source}#page={start}"
    # the JSON twin: each section's page beside its text, and the same citation
    body = client.get(f"/api/passage/{hit['id']}").get_json()
    assert body["citation"] == citation and body["page"] == start
    assert body["section_pages"]["beslutning"] == decided and body["section_pages"]["indstilling"] == start
    assert set(body["section_pages"]) == set(body["sections"])
    assert [d["page"] for d in body["section_details"] if d["is_decision"]] == [decided]
    assert body["links"]["source"] == f"{source}#page={start}"  # the item, where it starts


def test_a_text_item_names_no_page_anywhere(client):
    """The same item as text (the seed beside the PDF) has no pages: no "s.", no page link."""
    pdf_hit = next(h for h in api_hits(client, q="Modtagelse af flygtninge") if h["source"] == "referat-2015-05-21.pdf")
    [copy] = [c for c in client.get(f"/api/passage/{pdf_hit['id']}").get_json()["copies"] if c["source"].endswith(".txt")]
    passage = soup(client.get(f"/passage/{copy['id']}"))
    block = passage.select_one("#citation-block").get_text(" ", strip=True)
    assert "s. " not in passage.select_one("#citation").get_text() and "Kilde:" in block and "side" not in block
    assert not passage.select("a.section-page") and "#page=" not in str(passage)
    assert passage.select_one("section.decision")  # it has a decision, shown without a page
    body = client.get(f"/api/passage/{copy['id']}").get_json()
    assert body["page"] is None and set(body["section_pages"]) == set(body["sections"])
    assert set(body["section_pages"].values()) == {None} and {d["page"] for d in body["section_details"]} == {None}


def test_an_annual_reports_section_is_called_a_section_in_its_citation_links(client):
    hit = next(h for h in api_hits(client, q="visionen") if h["doc_type"] == "årsberetning" and not h["page"])
    passage = soup(client.get(f"/passage/{hit['id']}"))
    block = passage.select_one("#citation-block").get_text(" ", strip=True)
    assert "Link til afsnittet:" in block and "Kilde:" in block and "#page=" not in block
    assert passage.select_one("footer a").get_text() == "Afsnittet som JSON"


def test_a_hit_links_its_source_file_at_the_items_page(client):
    page = soup(client.get("/", query_string={"q": "flygtninge", "page_size": 50}))
    hits = {h["id"]: h for h in api_hits(client, q="flygtninge")}
    checked = 0
    for article in page.select("ol.hits article"):
        hit = hits[urlsplit(article.h3.a["href"]).path.rsplit("/", 1)[1]]
        link = article.select_one(".hit-source a")
        expected = f"/source/{hit['document_id']}" + (f"#page={hit['page']}" if hit["page"] else "")
        assert link["href"] == expected
        checked += bool(hit["page"])
    assert checked  # PDFs among the hits


def test_the_document_page_shows_each_items_case_number_and_pdf_page(client):
    """A meeting's list of items is where a reporter picks the case to follow and the page to cite."""
    hit = next(h for h in api_hits(client, q="flygtninge") if h["source"].endswith(".pdf") and h["case_number"])
    document = soup(client.get(f"/document/{hit['document_id']}"))
    row = next(li for li in document.select("ol.toc > li") if li.a["href"].endswith(hit["id"]))
    text = row.get_text(" ", strip=True)
    assert f"sagsnr. {hit['case_number']}" in text and f"side {hit['page']}" in text


# --- The feed in a feed reader ----------------------------------------------------------------

def feed_entries(client, **query) -> list[ET.Element]:
    answer = client.get("/feed", query_string=query)
    assert answer.status_code == 200
    return ET.fromstring(answer.get_data()).findall(f"{ATOM}entry")


def test_feed_summaries_label_the_case_handler_and_case_number_as_the_page_does(client):
    entries = feed_entries(client, q="flygtninge")
    hits = {h["id"]: h for h in api_hits(client, q="flygtninge")}
    handled = numbered = unlabelled = 0
    for entry in entries:
        hit = hits[entry.find(f"{ATOM}link").get("href").split("?")[0].rsplit("/", 1)[1]]
        meta = BeautifulSoup(entry.find(f"{ATOM}summary").text, "html.parser").p.get_text()
        assert meta.startswith({"referat": "Referat", "dagsorden": "Dagsorden", "årsberetning": "Årsberetning"}[hit["doc_type"]])
        if hit["case_handler"]:
            assert f"sagsbehandler {hit['case_handler']}" in meta
            handled += 1
        else:
            assert "sagsbehandler" not in meta
        if hit["case_number"]:
            assert f"sagsnr. {hit['case_number']}" in meta
            numbered += 1
        else:
            assert "sagsnr." not in meta
            unlabelled += 1
    assert handled and numbered and unlabelled  # each branch taken: both labels and their absence


def test_a_feed_entrys_link_carries_the_search_with_its_filters_and_decisions_only(client):
    # The entries linked ?q= alone: «Kun beslutninger» and the filters were lost (a journalist review).
    from urllib.parse import parse_qs, urlsplit

    entries = feed_entries(client, q="flygtninge", decisions_only="1", municipality="Næstved", sort="oldest", page="2")
    assert entries
    for entry in entries:
        query = parse_qs(urlsplit(entry.find(f"{ATOM}link").get("href")).query)
        assert query == {"q": ["flygtninge"], "municipality": ["Næstved"], "decisions_only": ["1"]}


def test_an_annual_reports_section_in_the_feed_is_titled_with_its_report(client):
    """A feed reader lists titles alone: "Forord" says nothing, "Årsberetning 2019: Forord" does."""
    entries = feed_entries(client, q="forord", doc_type="årsberetning")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles and all(t.startswith("Årsberetning 20") for t in titles)
    assert "Årsberetning 2019: Forord" in titles


def test_an_item_whose_one_mark_is_the_first_says_the_words_are_marked(client):
    """Item 5 of 23 February 2017 has "flygtninge" once, in its decision: the page marks it and
    must not say that the search's words are not in the text."""
    hit = next(h for h in api_hits(client, q="flygtninge") if h["title"] == "Rådets fokus punkter i 2017")
    passage = soup(client.get(f"/passage/{hit['id']}", query_string={"q": "flygtninge"}))
    marks = passage.select("article.passage mark")
    assert len(marks) == 1 and marks[0]["id"] == "foerste-markering"
    note = passage.select_one(".marked-note").get_text(" ", strip=True)
    assert note.startswith("Ordene fra søgningen «flygtninge» er markeret.") and "Gå til første markering" in note


# --- An agenda leads to what was decided ----------------------------------------------------

AGENDA_ITEMS = """
1. Godkendelse af dagsorden

Sagsbehandler: Pia Lund Thomsen
Sagsnr.: 15/3906

Resumé
Dagsordenen forelægges til godkendelse.
{decision1}
2. Boligplacering af flygtninge - status for 2. kvartal 2015

Sagsbehandler: Pia Lund Thomsen
Sagsnr.: 15/2210

Resumé
Integrationsrådet orienteres om boligplaceringen af flygtninge i 2. kvartal 2015.

Sagsfremstilling
Kommunen har i 2. kvartal modtaget 11 flygtninge, der er boligplaceret i midlertidige boliger.
{decision2}"""


def meeting_file(kind: str, date: str, decisions: bool) -> str:
    items = AGENDA_ITEMS.format(decision1="\nBeslutning\nGodkendt.\n" if decisions else "",
                                decision2="\nBeslutning\nTaget til efterretning.\n" if decisions else "")
    return f"Hedelund Kommune\n\n{kind}\n\nIntegrationsrådet\n\nMødedato:    {date}\nMødested:    Rådhuset\n{items}"


def agenda_client(tmp_path, with_minutes: bool):
    from indexer.update import update_index
    from webui import create_app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "dagsorden-2015-06-24.txt").write_text(meeting_file("DAGSORDEN", "24.06.2015", False), encoding="utf-8")
    (corpus / "dagsorden-2015-09-02.txt").write_text(meeting_file("DAGSORDEN", "02.09.2015", False), encoding="utf-8")
    if with_minutes:
        (corpus / "referat-2015-06-24.txt").write_text(meeting_file("REFERAT", "24.06.2015", True), encoding="utf-8")
        # the next meeting's minutes name their items differently
        (corpus / "referat-2015-09-02.txt").write_text(
            meeting_file("REFERAT", "02.09.2015", True).replace("status for 2. kvartal", "status"), encoding="utf-8")
    update_index([corpus], tmp_path / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}).test_client()


def agenda_item(client, date: str) -> dict:
    return next(h for h in api_hits(client, q="kvartal", doc_type="dagsorden") if h["meeting_date"] == date)


def test_an_agenda_item_leads_to_its_decision_in_the_minutes(tmp_path):
    """An agenda has no decision by nature: its page says so (not "no decision was registered")
    and leads to the same item in the meeting's minutes, or to the minutes."""
    client = agenda_client(tmp_path, with_minutes=True)
    page = soup(client.get(f"/passage/{agenda_item(client, '2015-06-24')['id']}"))
    note = page.select_one(".no-decision")
    assert note.get_text(" ", strip=True).startswith("Dagsordenen er udsendt før mødet og indeholder ingen beslutning.")
    decided = soup(client.get(note.a["href"]))
    assert decided.select_one(".kicker").get_text().startswith("Referat")
    assert "Taget til efterretning." in decided.select_one("section.decision").get_text()
    assert note.a.get_text() == "punkt 2, Boligplacering af flygtninge - status for 2. kvartal 2015"

    # opened from a search, the way to the minutes' item keeps it, as every other link on the page does
    searched = soup(client.get(f"/passage/{agenda_item(client, '2015-06-24')['id']}",
                               query_string={"q": "kvartal", "sort": "newest"}))
    assert params(searched.select_one(".no-decision a")["href"]) == {"q": ["kvartal"], "sort": ["newest"]}

    other = soup(client.get(f"/passage/{agenda_item(client, '2015-09-02')['id']}")).select_one(".no-decision")
    assert other.a.get_text() == "Se referatet af mødet" and "(2 punkter)" in other.get_text()
    minutes = soup(client.get(other.a["href"]))
    assert {m.get_text(" ", strip=True).split(" · ")[0] for m in minutes.select("ol.hits .meta")} == {"Referat"}
    assert all("2. september 2015" in m.get_text() for m in minutes.select("ol.hits .meta"))
    assert len(minutes.select("ol.hits article")) == 2


def test_an_agenda_items_json_links_its_decision_in_the_minutes_as_its_page_does(tmp_path):
    # The JSON twin had no way to the minutes (a journalist review).
    client = agenda_client(tmp_path, with_minutes=True)
    agenda = client.get(f"/api/passage/{agenda_item(client, '2015-06-24')['id']}").get_json()
    decided = client.get(agenda["links"]["minutes_item_json"]).get_json()
    assert decided["doc_type"] == "referat" and decided["meeting_date"] == "2015-06-24"
    assert decided["title"] == agenda["title"] and "Taget til efterretning." in decided["sections"]["beslutning"]
    assert agenda["links"]["minutes_item"] == decided["links"]["html"]
    other = client.get(f"/api/passage/{agenda_item(client, '2015-09-02')['id']}").get_json()
    assert other["links"]["minutes_item"] is None and other["links"]["minutes"].startswith("/?")
    assert decided["links"]["minutes"] is None  # minutes are no agenda


def test_a_minutes_item_leads_back_to_its_agenda_item(tmp_path):
    """The minutes' item did not say where it was put before the council (a review of a meeting's
    documents): its page and JSON link the agenda item of the same meeting and title."""
    client = agenda_client(tmp_path, with_minutes=True)
    agenda = agenda_item(client, "2015-06-24")
    minutes = next(h for h in api_hits(client, q="kvartal", doc_type="referat") if h["meeting_date"] == "2015-06-24")
    link = soup(client.get(f"/passage/{minutes['id']}")).select_one(".agenda-link a")
    assert link.get_text() == "punkt 2, Boligplacering af flygtninge - status for 2. kvartal 2015"
    assert link["href"].startswith(f"/passage/{agenda['id']}")
    assert client.get(f"/api/passage/{minutes['id']}").get_json()["links"]["agenda_item"] == f"/passage/{agenda['id']}"
    # an agenda item has no agenda of its own to lead to
    assert client.get(f"/api/passage/{agenda['id']}").get_json()["links"]["agenda_item"] is None


def test_an_agenda_links_the_corrected_minutes_indexed_last(tmp_path, monkeypatch):
    """Minutes and their corrected copy both indexed: the agenda linked the superseded decision."""
    import search.index_writer
    from indexer.update import update_index

    client = agenda_client(tmp_path, with_minutes=True)
    later = search.index_writer.utc_now() + 60
    monkeypatch.setattr(search.index_writer, "utc_now", lambda: later)  # the correction comes a minute on
    corrected = meeting_file("REFERAT", "24.06.2015", True).replace("Taget til efterretning.", "Sendt tilbage.")
    (tmp_path / "corpus" / "referat-2015-06-24-rettet.txt").write_text(corrected, encoding="utf-8")
    update_index([tmp_path / "corpus"], tmp_path / "index")
    note = soup(client.get(f"/passage/{agenda_item(client, '2015-06-24')['id']}")).select_one(".no-decision")
    decided = soup(client.get(note.a["href"]))
    assert "Sendt tilbage." in decided.select_one("section.decision").get_text()


def test_the_minutes_item_ranks_above_the_agenda_item_of_the_same_meeting(tmp_path):
    """The agenda's item, the same text without the decision (a shorter body), scored higher: a
    reporter got what was sent out before the meeting first, what was decided second."""
    client = agenda_client(tmp_path, with_minutes=True)
    hits = [h for h in api_hits(client, q="boligplacering flygtninge kvartal") if h["meeting_date"] == "2015-06-24"]
    assert [h["doc_type"] for h in hits] == ["referat", "dagsorden"]


def versions_at_once_client(tmp_path, with_agenda: bool = False):
    """One first build of the minutes and their corrected copy (item 2 decided otherwise), and
    the meeting's agenda if asked: both versions with the same first-indexed time."""
    from indexer.update import update_index
    from webui import create_app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    if with_agenda:
        (corpus / "dagsorden-2015-06-24.txt").write_text(meeting_file("DAGSORDEN", "24.06.2015", False), encoding="utf-8")
    minutes = meeting_file("REFERAT", "24.06.2015", True)
    (corpus / "referat-2015-06-24.txt").write_text(minutes, encoding="utf-8")
    (corpus / "referat-2015-06-24-rettet.txt").write_text(minutes.replace("Taget til efterretning.", "Sendt tilbage."),
                                                          encoding="utf-8")
    update_index([corpus], tmp_path / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}).test_client()


def test_two_minutes_indexed_at_once_are_not_guessed_between(tmp_path):
    """The minutes and a corrected copy in one first build: the same first-indexed time, and the
    agenda linked whichever sorted first by id, the superseded one (a code review). Neither is
    linked; the meeting's minutes are."""
    client = versions_at_once_client(tmp_path, with_agenda=True)
    note = soup(client.get(f"/passage/{agenda_item(client, '2015-06-24')['id']}")).select_one(".no-decision")
    assert note.a.get_text() == "Se referatet af mødet" and "punkter)" in note.get_text()


def corrected_minutes_client(tmp_path, monkeypatch):
    """The meeting's agenda and minutes, then a minute on their corrected copy, whose item 2
    was decided otherwise («Sendt tilbage.») and whose item 1 is the same (a copy)."""
    import search.index_writer
    from indexer.update import update_index

    client = agenda_client(tmp_path, with_minutes=True)
    later = search.index_writer.utc_now() + 60
    monkeypatch.setattr(search.index_writer, "utc_now", lambda: later)
    corrected = meeting_file("REFERAT", "24.06.2015", True).replace("Taget til efterretning.", "Sendt tilbage.")
    (tmp_path / "corpus" / "referat-2015-06-24-rettet.txt").write_text(corrected, encoding="utf-8")
    update_index([tmp_path / "corpus"], tmp_path / "index")
    return client


def minutes_items(client, title_word: str) -> dict[str, dict]:
    """The 24.06.2015 minutes' items whose title has `title_word`, by source file."""
    hits = api_hits(client, q="", doc_type="referat", **{"from": "2015-06-24", "to": "2015-06-24"})
    return {h["source"]: h for h in hits if title_word in h["title"]}


def test_the_superseded_decision_names_the_corrected_minutes(tmp_path, monkeypatch):
    """A reporter opening the first minutes' item, decided otherwise in the corrected minutes
    indexed later, read and cited the superseded decision with nothing on the page to say a
    correction exists (a journalist review). The page says so at the top, and both pages list
    the item's versions with when each was indexed; the JSON twin carries them."""
    client = corrected_minutes_client(tmp_path, monkeypatch)
    items = minutes_items(client, "Boligplacering")
    assert set(items) == {"referat-2015-06-24.txt", "referat-2015-06-24-rettet.txt"}
    first, corrected = items["referat-2015-06-24.txt"], items["referat-2015-06-24-rettet.txt"]

    page = soup(client.get(f"/passage/{first['id']}"))
    warning = page.select_one(".newer-version")
    assert "findes med en anden tekst i en fil, der er indekseret senere" in warning.get_text()
    assert warning.a.get_text() == "referat-2015-06-24-rettet.txt"
    assert "Sendt tilbage." in soup(client.get(warning.a["href"])).select_one("section.decision").get_text()
    [listed] = page.select("section.versions li")
    assert listed.a["href"] == f"/passage/{corrected['id']}" and listed.get_text().endswith("(senere end denne)")

    page = soup(client.get(f"/passage/{corrected['id']}"))
    assert page.select_one(".newer-version") is None  # the newest version warns of nothing
    [listed] = page.select("section.versions li")
    assert listed.a["href"] == f"/passage/{first['id']}" and listed.get_text().endswith("(før denne)")

    body = client.get(f"/api/passage/{first['id']}").get_json()
    [version] = body["versions"]
    assert (version["id"], version["relation"], version["links"]["html"]) == (corrected["id"], "newer",
                                                                              f"/passage/{corrected['id']}")
    assert version["first_indexed"].endswith("Z")
    assert client.get(f"/api/passage/{corrected['id']}").get_json()["versions"][0]["relation"] == "older"


def test_an_item_decided_alike_in_both_versions_is_a_copy_not_a_version(tmp_path, monkeypatch):
    """Item 1 reads the same in the corrected minutes: one hit, named as a copy in another
    file, no warning; the agenda's item of the meeting is no version of the minutes' item."""
    client = corrected_minutes_client(tmp_path, monkeypatch)
    [item] = minutes_items(client, "Godkendelse").values()
    page = soup(client.get(f"/passage/{item['id']}"))
    assert page.select_one(".newer-version") is None and page.select_one("section.versions") is None
    assert page.select_one("section.copies li") is not None
    agenda = soup(client.get(f"/passage/{agenda_item(client, '2015-06-24')['id']}"))
    assert agenda.select_one("section.versions") is None


def test_versions_indexed_at_once_are_listed_without_calling_one_newer(tmp_path):
    """One first build of an archive holding the minutes and their corrected copy: which one is
    the correction cannot be told from the times, so neither page warns; each lists the other."""
    client = versions_at_once_client(tmp_path)
    items = minutes_items(client, "Boligplacering")
    assert len(items) == 2
    for item in items.values():
        page = soup(client.get(f"/passage/{item['id']}"))
        assert page.select_one(".newer-version") is None
        [listed] = page.select("section.versions li")
        assert listed.get_text().endswith("(samtidig med denne)")


def test_a_meeting_without_a_municipality_links_no_other_document(tmp_path):
    """«Byrådet» on a date, no municipality named: the minutes linked another town's agenda."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, kind, decisions in (("dagsorden.txt", "DAGSORDEN", False), ("referat.txt", "REFERAT", True)):
        text = meeting_file(kind, "24.06.2015", decisions).replace("Hedelund Kommune\n\n", "")
        (corpus / name).write_text(text, encoding="utf-8")
    from indexer.update import update_index
    from webui import create_app

    update_index([corpus], tmp_path / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}).test_client()
    minutes = next(h for h in api_hits(client, q="kvartal", doc_type="referat"))
    assert minutes["municipality"] is None
    assert client.get(f"/api/passage/{minutes['id']}").get_json()["links"]["agenda_item"] is None


def test_a_title_only_agenda_item_says_it_holds_no_decision_and_leads_to_it(tmp_path):
    """«8. Lukket punkt: Personalesag» on an agenda, a heading alone: its page said nothing of
    the minutes, as the notice stood among the sections it has none of."""
    from indexer.update import update_index

    client = agenda_client(tmp_path, with_minutes=True)
    agenda = tmp_path / "corpus" / "dagsorden-2015-06-24.txt"
    agenda.write_text(agenda.read_text(encoding="utf-8") + "\n3. Lukket punkt: Personalesag\n", encoding="utf-8")
    update_index([tmp_path / "corpus"], tmp_path / "index")
    closed = next(h for h in api_hits(client, q="personalesag") if h["doc_type"] == "dagsorden")
    page = soup(client.get(f"/passage/{closed['id']}"))
    assert page.select_one(".no-decision").get_text(" ", strip=True).startswith(
        "Dagsordenen er udsendt før mødet og indeholder ingen beslutning.")


def test_a_passages_json_gives_what_a_citation_needs_without_building_addresses(client):
    hit = next(h for h in api_hits(client, q="flygtninge") if h["page"] and h["decision_page"]
               and h["decision_page"] > h["page"])
    item = client.get(f"/api/passage/{hit['id']}").get_json()
    assert item["decision_page"] == hit["decision_page"] == item["section_pages"]["beslutning"]
    assert item["permalink"] == f"http://localhost/passage/{hit['id']}"
    assert item["cited_source_permalink"] == f"http://localhost{item['links']['cited_source']}"
    assert item["cited_source_permalink"].endswith(f"#page={hit['decision_page']}")
    listed = client.get(item["links"]["document_json"]).get_json()["passages"]
    assert next(p for p in listed if p["id"] == hit["id"])["decision_page"] == hit["decision_page"]


def test_an_agenda_without_its_minutes_says_they_are_not_indexed(tmp_path):
    client = agenda_client(tmp_path, with_minutes=False)
    note = soup(client.get(f"/passage/{agenda_item(client, '2015-06-24')['id']}")).select_one(".no-decision")
    assert note.get_text(" ", strip=True) == ("Dagsordenen er udsendt før mødet og indeholder ingen beslutning. "
                                              "Referatet af mødet er ikke i søgeindekset.")
    assert note.a is None


# --- The period at its edges -----------------------------------------------------------------

@pytest.mark.parametrize("entered, invalid", [({"from": "2019", "to": "2015"}, "to"), ({"from": "31.02.2019"}, "from")])
def test_a_period_typed_wrong_is_corrected_where_it_is_explained(client, entered, invalid):
    """A reversed period or a date that does not exist: the error page shows the period as
    typed in a form that keeps the rest of the search, and the corrected form searches."""
    answer = client.get("/", query_string={"q": "flygtninge", "municipality": "Næstved", "sort": "newest", **entered})
    assert answer.status_code == 400
    form = BeautifulSoup(answer.get_data(as_text=True), "html.parser").select_one(".alert form.period-fix")
    assert {i["name"]: i["value"] for i in form.select("input[type=hidden]")} == {
        "q": "flygtninge", "municipality": "Næstved", "sort": "newest"}
    typed = {i["name"]: i["value"] for i in form.select("input[type=text]")}
    assert typed == {"from": entered["from"], "to": entered.get("to", "")}
    assert form.select_one(f"input[name={invalid}]")["aria-invalid"] == "true"
    fixed = {i["name"]: i["value"] for i in form.select("input")} | {"from": "2015", "to": "2019"}
    corrected = soup(client.get(form["action"], query_string=fixed))
    assert corrected.select_one("ol.hits") and len(corrected.select("a.chip")) == 3  # municipality, from, to


# --- Following a case: the order the page claims is the order it shows ------------------------

def test_a_case_number_search_says_its_relevance_order_is_newest_first(client):
    """The case number on an item page opens `sagsnr:"…"`: no words to rank by, so the hits
    come newest first while "Relevans" is the sort chosen; the page says so. A search with
    words is ranked and says nothing of the kind."""
    hit = next(h for h in api_hits(client, q="flygtninge") if h["case_number"])
    passage = soup(client.get(f"/passage/{hit['id']}"))
    case = next(a for a in passage.select("dl.facts a") if a.get_text().startswith(hit["case_number"]))
    listed = soup(client.get(case["href"]))
    assert listed.select_one(".sort a[aria-current]").get_text() == "Relevans"
    assert listed.select_one(".sort-note").get_text() == "Søgningen har ingen ord at rangere efter, så de nyeste møder står først."
    query = params(case["href"])["q"][0]
    assert [h["id"] for h in api_hits(client, q=query)] == [h["id"] for h in api_hits(client, q=query, sort="newest")]
    assert not soup(client.get("/", query_string={"q": "flygtninge"})).select(".sort-note")
    assert not soup(client.get(case["href"] + "&sort=oldest")).select(".sort-note")


def test_the_front_page_says_its_list_is_newest_first_without_naming_a_search(client):
    assert soup(client.get("/")).select_one(".sort-note").get_text() == "De nyeste møder står først."


def test_a_hit_links_its_case_to_all_its_items(client):
    """From the hit list, one click lists every item filed under the case."""
    hit = next(h for h in api_hits(client, q="flygtninge") if h["case_number"] == "00.01.00-A21-1-14")
    case_items = {h["id"] for h in api_hits(client, q='sagsnr:"00.01.00-A21-1-14"')}
    assert hit["id"] in case_items and len(case_items) > 10  # Næstved's two meetings
    page = soup(client.get("/", query_string={"q": "flygtninge", "page_size": 50}))
    article = next(a for a in page.select("ol.hits article") if a.h3.a["href"].split("?")[0].endswith(hit["id"]))
    link = article.select_one(".meta a.case-link")
    assert link.get_text(" ", strip=True).startswith("00.01.00-A21-1-14")
    listed = soup(client.get(link["href"]))
    first_page = client.get("/api/search", query_string={"q": 'sagsnr:"00.01.00-A21-1-14"'}).get_json()["hits"]
    assert [a["href"].split("?")[0].rsplit("/", 1)[1] for a in listed.select("ol.hits h3 a")] == [h["id"] for h in first_page]


def test_the_feed_is_offered_beside_the_hits_and_when_nothing_matches_yet(client):
    """Following a search is a daily job: its feed is linked where the hits are, and also when
    nothing matches yet, since the first item that does is the news."""
    page = soup(client.get("/", query_string={"q": "flygtninge", "municipality": "Næstved"}))
    # the link beside the hits leads to a page that explains the feed and gives its address
    follow = soup(client.get(page.select_one(".results-head a.follow-link")["href"]))
    feed = follow.select_one("a.feed-link")["href"]
    assert feed == page.select_one('link[rel="alternate"][type="application/atom+xml"]')["href"]
    assert follow.select_one("input#feed-adresse")["value"] == "http://localhost" + feed
    empty = soup(client.get("/", query_string={"q": "letbane", "municipality": "Næstved"}))
    assert not empty.select("ol.hits")
    link = soup(client.get(empty.select_one(".empty a.follow-link")["href"])).select_one("a.feed-link")
    assert params(link["href"]) == {"q": ["letbane"], "municipality": ["Næstved"]}
    assert feed_entries(client, **{k: v[0] for k, v in params(link["href"]).items()}) == []


def test_the_period_hint_says_what_a_period_does_with_an_annual_report(client):
    """June 2015 finds the whole annual report of 2015 (its year overlaps the period); the hint
    said the year had to lie in the period, which a month never holds."""
    june = api_hits(client, **{"from": "2015-06-01", "to": "2015-06-30"})
    assert any(h["doc_type"] == "årsberetning" and h["year"] == 2015 for h in june)
    hint = soup(client.get("/", query_string={"from": "2015-06-01", "to": "2015-06-30"})).select_one("#period-hint")
    assert hint.get_text() == "Mødedato. En årsberetning tæller med, hvis perioden rammer blot en del af dens år."


@pytest.mark.browser
def test_the_copy_button_copies_the_citation_with_its_links_one_per_line(newsroom, client):
    """In Chromium: what lands on the clipboard is what a reporter pastes under a quote."""
    from playwright.sync_api import sync_playwright

    from webui.screenshot import launch_chromium, running_server

    corpus, index_dir = newsroom
    # an item decided pages after its heading: the source line leads to the decision
    hit = next(h for h in api_hits(client, q="flygtninge") if h["title"] == "Modtagelse af flygtninge" and h["page"])
    citation = client.get(f"/api/passage/{hit['id']}").get_json()["citation"]
    with running_server(index_dir, corpus) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(f"{base}/passage/{hit['id']}?q=flygtninge")
        page.get_by_role("button", name="Kopiér henvisning").click()
        page.locator(".copy-status").get_by_text("Henvisningen er kopieret.").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        browser.close()
    assert copied.split("\n") == [citation, f"Link til punktet: {base}/passage/{hit['id']}",
                                  f"Kilde, side 6 (beslutningen): {base}/source/{hit['document_id']}#page=6"]


# --- Who was there: a name search lands where the name stands ---------------------------------

def hit_titled(client, title: str, **query) -> dict:
    return next(h for h in api_hits(client, **query) if h["title"] == title)


def test_a_name_absent_from_a_decision_is_marked_in_its_attendance_note(client):
    """"Ole Riis" finds Havnsted's items by the note under each decision ("Fraværende: Ole
    Riis (O)"): the page marks the name there and leads to it; it said the name was not in
    the item, right above the note that names him."""
    hit = hit_titled(client, "Forlængelse af projekt Job i Fokus for flygtninge og familiesammenførte", q="Ole Riis")
    page = soup(client.get(f"/passage/{hit['id']}", query_string={"q": "Ole Riis"}))
    note = page.select_one("section.decision .note")
    assert [m.get_text() for m in note.select("mark")] == ["Ole", "Riis"]
    assert note.mark["id"] == "foerste-markering"
    assert page.select_one(".marked-note").get_text(" ", strip=True).startswith("Ordene fra søgningen «Ole Riis» er markeret.")
    marked = client.get(f"/api/passage/{hit['id']}", query_string={"q": "Ole Riis"}).get_json()["marked"]
    assert marked["found"] and marked["notes_html"][0] == "Fraværende: <mark>Ole</mark> <mark>Riis</mark> (O)"


def test_a_member_absent_from_the_meeting_is_marked_among_its_people(client):
    """Who was absent on 23 February 2017? Each item of the meeting is found by the names on its
    attendance list, shown beside the item: marked there, not said to be missing."""
    hit = hit_titled(client, "Mødeplan 2017", q="Sahra Buruk")
    page = soup(client.get(f"/passage/{hit['id']}", query_string={"q": "Sahra Buruk"}))
    absent = next(div for div in page.select("aside dl.facts div") if div.dt.get_text() == "Fraværende")
    assert [m.get_text() for m in absent.select("mark")] == ["Sahra", "Buruk"]
    assert [li.get_text() for li in absent.select("li")][:2] == ["Aligo Francis", "Sahra Buruk"]  # the list itself as before
    assert page.select_one(".marked-note a")["href"] == "#foerste-markering" and absent.mark["id"] == "foerste-markering"
    # words that stand nowhere on the page are still said to be missing
    other = soup(client.get(f"/passage/{hit['id']}", query_string={"q": "Sahra flygtninge OR Buruk"}))
    assert other.select("aside mark")
    unrelated = soup(client.get(f"/passage/{hit['id']}", query_string={"q": "repatriering"}))
    assert "står ikke i teksten her" in unrelated.select_one(".marked-note").get_text()
    assert not unrelated.select("mark")


def shown_lines(element) -> list[str]:
    """An element's text as a reader sees its lines: broken at each <br>."""
    return [BeautifulSoup(part, "html.parser").get_text() for part in element.decode_contents().split("<br/>")]


def test_the_attendance_lines_of_a_decision_stay_two_lines(client):
    """"Fraværende: Poul Erik Sand" and "Inger Lund deltog ikke i behandlingen af punktet." ran
    together into one line naming a "Poul Erik Sand Inger Lund"."""
    hit = hit_titled(client, "Høringssvar fra Ældrerådet om kvalitetsstandard for praktisk hjælp 2020", q="kvalitetsstandard")
    for query in ({}, {"q": "Inger Lund"}):
        note = soup(client.get(f"/passage/{hit['id']}", query_string=query)).select_one("section.decision .note")
        assert shown_lines(note) == ["Fraværende: Poul Erik Sand", "Inger Lund deltog ikke i behandlingen af punktet."], query
    assert [m.get_text() for m in note.select("mark")] == ["Inger", "Lund"]


def test_a_decision_label_printed_in_capitals_keeps_the_councils_capital(client):
    """"BESLUTNING I BESKÆFTIGELSESUDVALGET DEN 19-11-2019" read "Beslutning i
    beskæftigelsesudvalget …": a council's name is a proper noun."""
    hit = hit_titled(client, "Godkendelse af dagsorden", q="dagsorden", municipality="Havnsted")
    heading = soup(client.get(f"/passage/{hit['id']}")).select_one("section.decision h2")
    assert heading.get_text(" ", strip=True) == "Beslutning Beslutning i Beskæftigelsesudvalget den 19-11-2019"


# --- The decision on the hit list ------------------------------------------------------------

def hit_article(page: BeautifulSoup, hit_id: str):
    return next(a for a in page.select("ol.hits article") if urlsplit(a.h3.a["href"]).path.endswith(hit_id))


def test_a_decision_of_several_lines_shows_them_as_lines_on_the_hit_list(client):
    """The votes of Kildeholm's item 3 and the fate of its second point are two lines of the
    decision; the list showed them run together, as on the document page."""
    hit = hit_titled(client, "Beslutning om ny model for modtagelsesklasser", q="modtagelsesklasser")
    assert "\n" in hit["decision"]
    page = soup(client.get("/", query_string={"q": "modtagelsesklasser"}))
    preview = hit_article(page, hit["id"]).select_one(".decision-preview")
    # labelled with its outcome (tests/test_outcome_facet.py)
    assert shown_lines(preview) == ["Beslutning (anbefalet): " + line if n == 0 else line
                                    for n, line in enumerate(hit["decision"].split("\n"))]
    assert shown_lines(preview)[0] == ("Beslutning (anbefalet): Indstillingens punkt 1 blev anbefalet. "
                                       "For stemte 5 (A, V, C), imod stemte 1 (F).")
    document = soup(client.get(f"/document/{hit['document_id']}"))
    row = next(li for li in document.select("ol.toc > li") if li.a["href"].endswith(hit["id"]))
    assert row.select_one(".decision-preview br")


def test_the_query_words_are_marked_in_the_decision_on_the_hit_list(client):
    """Scanning a list for what was decided, a reporter sees at a glance whether the decision
    itself names the words searched; the preview was plain text under a marked snippet."""
    query = {"q": "deltagelse stand", "municipality": "Næstved"}
    hit = hit_titled(client, "Foreningernes dag 2015", **query)
    assert hit["snippet_from"] == "text"
    assert "<mark>deltagelse</mark>" in hit["decision_html"] and "<mark>stand</mark>" in hit["decision_html"]
    page = soup(client.get("/", query_string=query))
    preview = hit_article(page, hit["id"]).select_one(".decision-preview")
    # by stem and compound part, as the snippet marks them
    assert [m.get_text() for m in preview.select("mark")] == ["deltagelse", "stand", "deltager", "foreningsstande"]
    # the decision cut after its third line is labelled an excerpt, as the feed labels it
    assert hit["decision"].endswith("…")
    assert shown_lines(preview) == ["Beslutning (uddrag): " + line if n == 0 else line for n, line in enumerate(hit["decision"].split("\n"))]

    # cut from the decision, the snippet is the preview: not marked twice
    decided = hit_titled(client, "Foreningernes dag 2015", decisions_only=1, **query)
    assert (decided["snippet_from"], decided["decision_html"]) == ("decision", "")


def test_a_hit_without_a_decision_says_so(client):
    """Scanning a list for what was decided, a reporter tells an item that decided nothing
    (Roskilde's "Beslutninger om dagsordenen": "Beslutning -") from one whose decision is shown;
    an annual report's section decides nothing and says nothing of it."""
    page = soup(client.get("/", query_string={"municipality": "Roskilde", "page_size": 50}))
    undecided = hit_titled(client, "Beslutninger om dagsordenen", municipality="Roskilde")
    assert undecided["decision"] == ""
    article = hit_article(page, undecided["id"])
    assert article.select_one(".no-decision-preview").get_text() == "Ingen beslutning registreret under punktet."
    assert not article.select(".decision-preview")
    decided = [a for a in page.select("ol.hits article") if a.select(".decision-preview")]
    assert decided and not any(a.select(".no-decision-preview") for a in decided)
    report = soup(client.get("/", query_string={"q": "forord", "doc_type": "årsberetning"}))
    assert report.select("ol.hits article") and not report.select(".no-decision-preview, .decision-preview")


def test_an_agenda_hit_says_it_holds_no_decision(tmp_path):
    client = agenda_client(tmp_path, with_minutes=False)
    page = soup(client.get("/", query_string={"q": "kvartal"}))
    notes = [a.select_one(".no-decision-preview").get_text() for a in page.select("ol.hits article")]
    assert notes and set(notes) == {"Dagsorden: udsendt før mødet, uden beslutning."}


# --- Citations: the official name, and an item printed without number and title --------------



def minutes_client(tmp_path, municipality: str):
    from indexer.update import update_index
    from webui import create_app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "socialudvalget-referat-2018-03-12.txt").write_text(
        UNTITLED_MINUTES.format(municipality=municipality), encoding="utf-8")
    report = update_index([corpus], tmp_path / "index")
    assert not report.skipped, report.skipped
    return create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}).test_client()


def test_an_item_without_number_and_title_is_cited_by_the_item_before_it(tmp_path):
    """The citation of the untitled item between items 39 and 40 named only the meeting, as if
    it were the whole minutes; its page had an empty heading and an empty breadcrumb."""
    client = minutes_client(tmp_path, "Tornby Kommune")
    hit = next(h for h in api_hits(client, q="modtagelsen") if h["item_number"] is None)
    assert hit["title"] == ""
    expected = "Socialudvalget, Tornby Kommune, referat af mødet 12.03.2018, punktet uden titel efter punkt 39"
    page = soup(client.get(f"/passage/{hit['id']}"))
    assert page.select_one("#citation").get_text() == expected
    assert client.get(f"/api/passage/{hit['id']}").get_json()["citation"] == expected
    assert page.h1.get_text() == "(uden titel)"
    assert page.select_one(".breadcrumbs li[aria-current]").get_text() == "Punkt uden titel"
    # the numbered items are cited as before
    numbered = next(h for h in api_hits(client, q="eventuelt") if h["item_number"] == 40)
    assert client.get(f"/api/passage/{numbered['id']}").get_json()["citation"] == (
        "Socialudvalget, Tornby Kommune, referat af mødet 12.03.2018, punkt 40: Eventuelt")


@pytest.mark.parametrize("printed, place, official", [
    ("KØBENHAVNS KOMMUNE", "København", "Københavns Kommune"),
    ("Vesthimmerlands Kommune", "Vesthimmerland", "Vesthimmerlands Kommune"),
])
def test_a_municipality_with_a_genitive_name_is_cited_by_its_official_name(tmp_path, printed, place, official):
    """Faceted by its place, "København", the municipality was cited as "København Kommune":
    its name is "Københavns Kommune", as a reporter must print it."""
    client = minutes_client(tmp_path, printed)
    hit = next(h for h in api_hits(client, q="eventuelt") if h["item_number"] == 40)
    assert hit["municipality"] == place
    passage = soup(client.get(f"/passage/{hit['id']}"))
    assert passage.select_one("#citation").get_text().startswith(f"Socialudvalget, {official}, referat af mødet 12.03.2018")
    assert passage.select_one(".kicker").get_text() == f"Referat · Socialudvalget · {official}"
    assert client.get(f"/api/document/{hit['document_id']}").get_json()["title"] == (
        f"Referat: Socialudvalget, {official}, 12. marts 2018")


def test_a_meetings_people_link_the_meetings_each_attended_or_missed(client):
    """Fjordby lists every member under 'Medlemmer' and then 'Fraværende: Fatima Osmani'."""
    hit = api_hits(client, q="Boligplacering af flygtninge i 2022")[0]
    page = soup(client.get(f"/passage/{hit['id']}"))
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in page.select("dl.facts dt")}
    present = [a.get_text() for a in facts["Til stede"].select("a")]
    assert "Rasmus Kvist" in present and "Fatima Osmani" not in present  # away, so not "til stede"
    away = facts["Fraværende"].select("a")
    assert [a.get_text() for a in away] == ["Fatima Osmani"]
    # Each name is a search for that person's meetings, which finds this one.
    for link, field in ((facts["Til stede"].select("a")[0], "deltager"), (away[0], "fraværende")):
        query = params(link["href"])["q"][0]
        assert query.startswith(f'{field}:"')
        found = client.get("/api/search", query_string={"q": query}).get_json()
        assert hit["id"] in {h["id"] for h in found["hits"]}, query
    twin = client.get(f"/api/passage/{hit['id']}").get_json()
    assert "Fatima Osmani" not in twin["present"] and twin["absent"] == ["Fatima Osmani"]
    # The document page links them the same way.
    document = soup(client.get(f"/document/{hit['document_id']}"))
    assert [params(a["href"])["q"][0] for a in document.select("dl.facts dd ul.people a")][-1] == 'fraværende:"Fatima Osmani"'


def test_a_hit_says_where_a_decision_running_over_a_page_break_ends(client):
    # Item 11 of 4 June 2026 (fixture PDF): the decision starts on page 6 and ends on page 7.
    hit = next(h for h in api_hits(client, q="præsentationsrunde") if h["source"].endswith(".pdf"))
    assert (hit["decision_page"], hit["decision_end_page"]) == (6, 7)
    assert "beslutningen s. 6–7" in hit["citation"]
    hits = api_hits(client, q="flygtninge")
    assert any(h["decision_page"] and h["decision_end_page"] == h["decision_page"] for h in hits)  # one page
    assert all(h["decision_end_page"] is None for h in hits if h["decision_page"] is None)


# --- An earlier committee's decision quoted under an item ---------------------------------------


@pytest.mark.parametrize("query", ["pkt. 148", "148", '"17. september 2019"', "Social- og Integrationsudvalget"])
def test_the_heading_of_an_earlier_committees_decision_is_searchable(client, query):
    """Ravnsø's item 130 quotes «Økonomiudvalget, 17. september 2019, pkt. 148» and «Social- og
    Integrationsudvalget, 4. september 2019, pkt. 77» as headings of the decisions it passes on;
    the page shows them, but no search found them."""
    found = [(h["municipality"], h["item_number"]) for h in api_hits(client, q=query)]
    assert ("Ravnsø", 130) in found


@pytest.mark.parametrize("query", ["88412", "sagsnr 88412", "2011-88412", "731-2011-88412"])
def test_the_serial_number_that_ends_a_case_number_finds_the_case(client, query):
    """A reporter has «88412» from a letter: Lyngsø files item 19 under «731-2011-88412»."""
    hits = api_hits(client, q=query)
    assert [(h["municipality"], h["item_number"], h["case_number"]) for h in hits][:1] == [
        ("Lyngsø", 19, "731-2011-88412")]


def test_a_number_that_ends_no_case_number_is_searched_as_a_number(client):
    assert api_hits(client, q="12345") == []
    assert any(h["title"] == "Modtagelse af flygtninge" for h in api_hits(client, q="225"))



def test_a_placeholder_decision_is_no_section_and_no_snippet(client):
    """Roskilde's «Beslutninger om dagsordenen» has «-» under Beslutning: the page said no decision
    is recorded and then showed a Beslutning section reading «-»; its hit's snippet was «-»."""
    (hit,) = [h for h in api_hits(client, q="Beslutninger om dagsordenen") if h["municipality"] == "Roskilde"
              and h["title"] == "Beslutninger om dagsordenen"]
    assert hit["snippet"] == "" and not hit["decision"]
    page = soup(client.get(f"/passage/{hit['id']}"))
    assert page.select_one(".no-decision").get_text(strip=True) == "Der er ikke registreret nogen beslutning under dette punkt."
    assert page.select("section.decision") == []


def test_an_annual_reports_section_page_calls_itself_a_section(client):
    hit = next(h for h in api_hits(client, q="forord", doc_type="årsberetning"))
    assert soup(client.get(f"/passage/{hit['id']}")).select_one("aside.passage-aside")["aria-label"] == "Om afsnittet"


def test_an_agendas_empty_decision_label_shows_no_empty_decision_section(tmp_path):
    # «Beslutning» printed with nothing under it, awaiting the meeting: the page said there is no
    # decision and then showed a marked «Beslutning» heading with nothing in it (a journalist review)
    from conftest import FIXTURES, index_copies
    from webui import create_app

    corpus, index = index_copies(tmp_path, [FIXTURES / "small_councils" / "greve-kommunalbestyrelsen-dagsorden-2025-03-17.txt"])
    client = create_app({"TESTING": True, "INDEX_DIR": str(index), "CORPUS_DIR": str(corpus)}).test_client()
    hit = api_hits(client, q="Takstblad")[0]
    assert hit["doc_type"] == "dagsorden"
    assert list(client.get(f"/api/passage/{hit['id']}").get_json()["sections"])[0] == "beslutning"
    page = soup(client.get(f"/passage/{hit['id']}"))
    assert page.select_one(".no-decision").get_text(" ", strip=True).startswith("Dagsordenen er udsendt før mødet")
    assert not page.select("section.decision") and not page.select(".badge")
    assert [h.get_text(" ", strip=True) for h in page.select("section.section h2")][0] != "Beslutning"


def test_a_citation_missing_facts_the_document_does_not_give_says_so(tmp_path, client):
    # «Socialudvalget, referat, punkt 1: Takster for madservice» read as a whole citation
    from conftest import index_copies
    from webui import create_app

    source = tmp_path / "socialudvalget.txt"
    source.write_text("Socialudvalget\nReferat\n\n1. Takster for madservice\nSagsnr.: 25/1\n\nBeslutning\nGodkendt.\n",
                      encoding="utf-8")
    (tmp_path / "run").mkdir()
    corpus, index = index_copies(tmp_path / "run", [source])
    small = create_app({"TESTING": True, "INDEX_DIR": str(index), "CORPUS_DIR": str(corpus)}).test_client()
    hit = api_hits(small, q="madservice")[0]
    body = small.get(f"/api/passage/{hit['id']}").get_json()
    assert body["citation"] == "Socialudvalget, referat, punkt 1: Takster for madservice"
    assert body["citation_gaps"] == ["kommune", "mødedato"]
    page = soup(small.get(f"/passage/{hit['id']}"))
    assert page.select_one("#citation-gaps").get_text(strip=True) == (
        "Dokumentet angiver ikke kommune og mødedato; henvisningen mangler dem. Tjek kilden.")
    assert not page.select("#citation-block #citation-gaps")  # not copied with the citation
    # a complete citation says nothing more
    seed = api_hits(client, q="flygtninge boligplacering")[0]
    assert client.get(f"/api/passage/{seed['id']}").get_json()["citation_gaps"] == []
    assert not soup(client.get(f"/passage/{seed['id']}")).select("#citation-gaps")


def test_a_decision_cut_to_the_words_found_still_shows_what_was_decided(tmp_path):
    # «…Søren Krogh (O) ønskede sin stemme ført til protokol» showed the dissent without the outcome
    from conftest import index_copies
    from webui import create_app

    filler = " ".join(["Udvalget drøftede sagen grundigt og lagde vægt på økonomien og tidsplanen."] * 6)
    source = tmp_path / "referat.txt"
    source.write_text("Fjordby Kommune\nSocialudvalget\nReferat\nMødedato: 3. marts 2025\n\n"
                      "1. Nyt plejecenter\nSagsnr.: 25/1\n\nBeslutning\nAnbefalet.\n" + filler +
                      "\nSøren Krogh (O) ønskede sin stemme ført til protokol.\n", encoding="utf-8")
    (tmp_path / "run").mkdir()
    corpus, index = index_copies(tmp_path / "run", [source])
    client = create_app({"TESTING": True, "INDEX_DIR": str(index), "CORPUS_DIR": str(corpus)}).test_client()
    (hit,) = api_hits(client, q="protokol", decisions_only="1")
    assert hit["snippet_from"] == "decision"
    assert hit["snippet"].startswith("Anbefalet. …") and "<mark>protokol</mark>" in hit["snippet"]
    feed = client.get("/feed", query_string={"q": "protokol", "decisions_only": "1"}).get_data(as_text=True)
    assert "Beslutning (anbefalet, uddrag):" in feed and "Anbefalet. …" in feed
    # a window from the decision's start needs nothing before it
    (start,) = api_hits(client, q="anbefalet", decisions_only="1")
    assert start["snippet"].startswith("<mark>Anbefalet</mark>.") and start["snippet"].count("Anbefalet") == 1


def _feed_entries(client, **query) -> dict[str, str]:
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(client.get("/feed", query_string=query).get_data())
    return {e.find(f"{atom}title").text: e.find(f"{atom}id").text for e in root.findall(f"{atom}entry")}


def test_a_feed_entry_keeps_its_id_when_its_file_moves_or_gets_a_copy(tmp_path):
    # Ids of passages changed with their file: a moved file, or its web page indexed beside the
    # text, and a reader showed every item again as new (a feed review).
    from indexer.update import update_index
    from webui import create_app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    minutes = "Hedelund Kommune\n\nREFERAT\n\nÆldrerådet\n\nMødedato: 03.03.2025\n\n" \
              "1. Madservice\nSagsnr.: 25/1\n\nBeslutning\nGodkendt.\n\n2. Eventuelt\nSagsnr.: 25/2\n\nBeslutning\nIntet.\n"
    (corpus / "referat.txt").write_text(minutes, encoding="utf-8")

    def entries() -> dict[str, str]:
        update_index([corpus], tmp_path / "index")
        app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)})
        return _feed_entries(app.test_client(), q="madservice")

    first = entries()
    assert list(first) == ["1. Madservice"] and first["1. Madservice"].startswith("urn:uuid:")
    (corpus / "2025").mkdir()
    (corpus / "referat.txt").rename(corpus / "2025" / "aeldreraadet-referat.txt")
    assert entries() == first  # moved
    (corpus / "2025" / "aeldreraadet-referat.md").write_text(minutes, encoding="utf-8")
    assert entries() == first  # a copy beside it
    # the agenda of the same meeting is another entry, and says what it is in a reader's list
    (corpus / "dagsorden.txt").write_text(minutes.replace("REFERAT", "DAGSORDEN").replace("\nBeslutning\nGodkendt.\n", "")
                                          .replace("\nBeslutning\nIntet.\n", ""), encoding="utf-8")
    both = entries()
    assert both["1. Madservice"] == first["1. Madservice"] and both["Dagsorden: 1. Madservice"] != first["1. Madservice"]


def test_a_feed_says_when_its_entries_are_not_what_was_asked_for(client):
    import xml.etree.ElementTree as ET

    subtitle = ET.fromstring(client.get("/feed", query_string={"q": "flygtnige"}).get_data()).find(
        "{http://www.w3.org/2005/Atom}subtitle").text
    assert subtitle.startswith("Omtrentlige resultater: Der er søgt på lignende stavemåder: «flygtnige» også som «flygtninge».")
    plain = ET.fromstring(client.get("/feed", query_string={"q": "flygtninge"}).get_data()).find(
        "{http://www.w3.org/2005/Atom}subtitle").text
    assert plain == "Senest tilføjede først · Referatsøg"


def test_a_hit_of_the_superseded_decision_names_the_later_version(tmp_path, monkeypatch):
    """Both versions of a corrected item among the hits, nothing to tell them apart, the
    superseded one often first (a newsdesk review): its hit links the version indexed later."""
    client = corrected_minutes_client(tmp_path, monkeypatch)
    items = minutes_items(client, "Boligplacering")
    first, corrected = items["referat-2015-06-24.txt"], items["referat-2015-06-24-rettet.txt"]
    assert (first["superseded_by"], corrected["superseded_by"]) == (corrected["id"], None)
    page = soup(client.get("/", query_string={"q": "boligplacering", "doc_type": "referat"}))
    notes = {a.select_one("h3 a")["href"].split("?")[0]: a.select_one(".superseded-note") for a in page.select("ol.hits article")}
    assert notes[f"/passage/{corrected['id']}"] is None
    note = notes[f"/passage/{first['id']}"]
    assert note.get_text(" ", strip=True) == "Punktet findes med en anden tekst i en fil, der er indekseret senere: se den ."
    assert note.a["href"].split("?")[0] == f"/passage/{corrected['id']}"
    # an item decided alike in both files is one hit, a copy, no version
    assert all(h["superseded_by"] is None for h in minutes_items(client, "Godkendelse").values())


def test_the_cli_says_a_hit_was_superseded_by_a_later_version(tmp_path, monkeypatch, runner):
    """`referatsog search` printed the superseded decision with no note (a case review): a terminal
    user quoted the old figure. The hit names the version indexed later, as the web page does."""
    from conftest import run

    client = corrected_minutes_client(tmp_path, monkeypatch)
    items = minutes_items(client, "Boligplacering")
    first, corrected = items["referat-2015-06-24.txt"], items["referat-2015-06-24-rettet.txt"]
    output = run(runner, "search", "boligplacering", "--doc-type", "referat", "--index-dir", tmp_path / "index").output
    blocks = {block.splitlines()[-1].split(" · ")[-1].strip(): block for block in output.split("\n\n")[1:]}
    note = f"En senere indekseret version af punktet, med en anden tekst: {corrected['id']}"
    assert note in blocks[first["id"]], output
    assert "En senere indekseret version" not in blocks[corrected["id"]], output


def test_a_superseded_hit_names_the_later_version_the_search_did_not_find_or_show(tmp_path, monkeypatch):
    """`superseded_by` was told only among the hits of one page (an API review): the old decision
    alone matching («efterretning» is not in the corrected decision), or its corrected version on
    the next page, left the old hit unmarked in JSON while the CSV download marked it."""
    client = corrected_minutes_client(tmp_path, monkeypatch)
    items = minutes_items(client, "Boligplacering")
    first, corrected = items["referat-2015-06-24.txt"], items["referat-2015-06-24-rettet.txt"]
    [only] = [h for h in api_hits(client, q="efterretning", decisions_only="1", doc_type="referat",
                                                  **{"from": "2015-06-24", "to": "2015-06-24"}) if "Boligplacering" in h["title"]]
    assert (only["id"], only["superseded_by"]) == (first["id"], corrected["id"])
    paged = [api_hits(client, q="boligplacering", doc_type="referat", page_size="1", page=str(n),
                      **{"from": "2015-06-24", "to": "2015-06-24"})[0] for n in (1, 2)]
    assert {h["id"]: h["superseded_by"] for h in paged} == {first["id"]: corrected["id"], corrected["id"]: None}


def test_versions_indexed_at_once_are_not_marked_superseded(tmp_path):
    client = versions_at_once_client(tmp_path)
    assert [h["superseded_by"] for h in minutes_items(client, "Boligplacering").values()] == [None, None]


def test_the_agenda_and_the_minutes_documents_link_each_other(tmp_path):
    """The items linked agenda and minutes both ways, their document pages neither (a newsdesk
    review): each document names the meeting's other document, the JSON twin too."""
    client = agenda_client(tmp_path, with_minutes=True)
    agenda = client.get(f"/api/passage/{agenda_item(client, '2015-06-24')['id']}").get_json()
    document = soup(client.get(agenda["links"]["document"]))
    link = next(a for a in document.select(".facts a") if a.get_text() == "Se referatet af mødet")
    minutes_page = soup(client.get(link["href"]))
    [minutes_hit] = [a for a in minutes_page.select("ol.hits h3 a") if "Boligplacering" in a.get_text()]
    minutes = client.get(f"/api/passage/{minutes_hit['href'].split('/passage/')[1].split('?')[0]}").get_json()
    minutes_document = client.get(minutes["links"]["document_json"]).get_json()
    assert minutes_document["links"]["agenda"] and minutes_document["links"]["minutes"] is None
    back = soup(client.get(minutes_document["links"]["agenda"]))
    assert [a.get_text() for a in back.select("ol.hits h3 a")] and all(
        "Dagsorden" in m.get_text() for m in back.select("ol.hits .meta .doctype"))
    assert client.get(agenda["links"]["document_json"]).get_json()["links"]["minutes"] == link["href"]


def test_a_documents_page_names_no_other_document_the_index_lacks(tmp_path):
    client = agenda_client(tmp_path, with_minutes=False)
    agenda = client.get(f"/api/passage/{agenda_item(client, '2015-06-24')['id']}").get_json()
    assert client.get(agenda["links"]["document_json"]).get_json()["links"]["minutes"] is None
    assert "Se referatet af mødet" not in client.get(agenda["links"]["document"]).get_data(as_text=True)
