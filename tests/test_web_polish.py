"""The web UI's finish, as a citizen on a phone, a reporter and a screen-reader user meet it:
long queries wrap, facet numbers say what a click gives, dead links lead somewhere, the
feed is explained, dates are typed as Danes write them, and the copy reads naturally.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import SEEDS, api, soup

ATOM = "{http://www.w3.org/2005/Atom}"
# What a citizen pastes into the box: the council's own link to the minutes.
PASTED_URL = "https://www.naestved.dk/dagsordener-og-referater/integrationsraadet/2015/21-05-2015-referat"
LONG_WORD = "sagsnr:00.01.00-A21-1-14-" + "x" * 300


def text(tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


def hit_id(client, title: str, query: str = "flygtninge") -> str:
    return next(h["id"] for h in api(client, q=query, page_size=50)["hits"] if h["title"] == title)


# --- Facets -------------------------------------------------------------------------------

def test_a_selected_value_stays_in_sight_when_the_facet_folds(client, monkeypatch):
    """"Sundhed" (3 items) sorts ninth of ten topics, and was selected inside the closed
    "Vis alle": the facet column did not show that a topic filter was on. Folded after seven
    here, so two values stay folded beside it (one alone is not folded)."""
    monkeypatch.setattr("webui.facets.VISIBLE_VALUES", 7)
    page = soup(client.get("/", query_string={"topic": "sundhed"}))
    facet = page.select_one("#filtre section.facet:has(h3#facet-topic)")
    assert facet.select_one("details"), "the seeds have more topics than fit unfolded"
    [selected] = facet.select("a.selected")
    assert selected.find_parent("details") is None and selected.select_one(".value").get_text() == "sundhed"
    assert not facet.select("details a.selected")
    shown = len(facet.select(":scope > ul a")) + len(facet.select("details a"))
    assert facet.summary.get_text(" ", strip=True).startswith(f"Vis alle {shown}")


@pytest.mark.parametrize("params, facet", [
    ({"q": "flygtninge", "year": "2015"}, "year"),  # single-valued: a year's items are its own
    ({"topic": "sundhed"}, "topic"),  # an item has several topics: some are in the results already
])
def test_beside_a_selected_value_a_number_is_what_a_click_adds(client, params, facet):
    """Values of one facet are ORed: beside "2015", "2019" showed 4 (its own count) and the
    click gave 8 results. Now it says "+4", heard as "4 flere resultater", and it is exact."""
    before = api(client, **params)["total"]
    page = soup(client.get("/", query_string=params))
    links = page.select(f"#filtre section.facet:has(h3#facet-{facet}) a:not(.selected)")
    assert links
    for link in links:
        number = link.select_one(".n")
        shown = int(number.find(string=True, recursive=False))
        assert number.get_text().startswith(f"+{shown}")
        heard = number.select_one(".visually-hidden").get_text().strip()
        assert heard == ("resultat mere" if shown == 1 else "flere resultater")
        clicked = parse_qs(urlsplit(link["href"]).query)
        assert api(client, **clicked)["total"] == before + shown, link.select_one(".value").get_text()
    # the other facets still give their own counts, which is what a click there gives
    other = page.select_one("#filtre section.facet:has(h3#facet-doc_type) a")
    assert not other.select_one(".n").get_text().startswith("+")
    assert api(client, **parse_qs(urlsplit(other["href"]).query))["total"] == int(other.select_one(".n").contents[0])


def test_the_help_page_explains_the_added_number(client):
    help_text = text(soup(client.get("/hjaelp")).select_one("#afgraens"))
    assert "tallet ved hver værdi siger, hvor mange resultater den giver" in help_text
    assert "står der fx «+4» ved de andre, fordi et klik på en af dem giver 4 resultater mere" in help_text


# --- Pages not found ----------------------------------------------------------------------

def test_an_unknown_item_says_so_in_plain_danish_and_offers_a_search(client):
    response = client.get("/passage/nope")
    page = soup(response)
    assert response.status_code == 404 and page.h1.get_text() == "Ikke fundet"
    words = text(page.select_one("main"))
    assert words.startswith("Ikke fundet Punktet findes ikke (længere). Måske er adressen skrevet forkert eller afkortet")
    assert not re.search(r"passage|unknown_|\bid\b|HTTP", words, re.IGNORECASE), words
    form = page.select_one("main form[role=search]")
    assert form["action"] == "/" and form.select_one("input[name=q]")
    assert [a.get_text() for a in page.select("main a")] == ["Gå til søgningen"]
    # a program still gets the code it branches on
    answer = client.get("/api/passage/nope")
    assert answer.status_code == 404 and answer.get_json()["code"] == "unknown_passage"


def test_a_permalink_cut_in_an_email_leads_to_its_document(client):
    """Permalinks run to 100 characters and get cut when wrapped; what is left still names the
    document, whose page lists the item. (A cut that begins one item's id leads to that item:
    tests/test_web_views_robustness.py; "-16-med" begins two.)"""
    item = client.get(f"/api/passage/{hit_id(client, 'Medborgerskabspolitikken', 'medborgerskabspolitikken')}").get_json()
    document = item["document_id"]
    cut = item["id"][:len(document) + len("-16-med")]
    assert cut.startswith(document + "-") and cut != item["id"]
    response = client.get(f"/passage/{cut}")
    assert response.status_code == 404
    link = next(a for a in soup(response).select("main a") if a.get_text().startswith("Se dokumentet: "))
    assert link["href"] == f"/document/{document}"
    assert link.get_text() == "Se dokumentet: Referat: Integrationsrådet, Næstved Kommune, 21. maj 2015"
    assert client.get(link["href"]).status_code == 200
    # the JSON twin offers the same ways on, as the API's addresses (a web review)
    links = [(text(a), a["href"]) for a in soup(response).select("main p > a, main li > a") if "/passage/" in a["href"]
             or "/document/" in a["href"]]
    assert client.get(f"/api/passage/{cut}").get_json() == {
        "status": 404, "code": "unknown_passage", "message": text(soup(response).select_one("p.lead")),
        "see_also": [{"text": t, "url": "/api" + href} for t, href in links]}


def test_a_permalink_with_its_title_part_mistyped_links_the_item_of_its_number(client):
    """`…-15-modtagelse-af-flygtningene`: the document and the number are right, the title part
    is not (mistyped, or the title renamed since): no redirect to a guess, a link to item 15."""
    item = client.get(f"/api/passage/{hit_id(client, 'Modtagelse af flygtninge', 'flygtninge boligplacering')}").get_json()
    wrong = f"{item['document_id']}-{item['item_number']}-modtagelse-af-flygtningene"
    assert wrong != item["id"]
    response = client.get(f"/passage/{wrong}")
    assert response.status_code == 404
    links = [(a.get_text(), a["href"]) for a in soup(response).select("main a")]
    assert links[:2] == [(f"Punkt {item['item_number']}: Modtagelse af flygtninge", f"/passage/{item['id']}"),
                         ("Se dokumentet: Referat: Integrationsrådet, Næstved Kommune, 21. maj 2015",
                          f"/document/{item['document_id']}")]
    # a number the document has not: the document only
    response = client.get(f"/passage/{item['document_id']}-99-modtagelse-af-flygtninge")
    assert [a.get_text() for a in soup(response).select("main a")][0].startswith("Se dokumentet: ")


def test_a_documents_id_given_as_an_items_links_the_document(client):
    """A hit's `document_id` sent to /api/passage (the likeliest mix-up of an API user) was a
    404 with no way on; a cut item id was not."""
    item = client.get(f"/api/passage/{hit_id(client, 'Modtagelse af flygtninge', 'flygtninge boligplacering')}").get_json()
    answer = client.get(f"/api/passage/{item['document_id']}")
    assert answer.status_code == 404 and answer.get_json()["code"] == "unknown_passage"
    assert answer.get_json()["see_also"] == [{"text": "Se dokumentet: Referat: Integrationsrådet, Næstved Kommune, 21. maj 2015",
                                           "url": f"/api/document/{item['document_id']}"}]
    page = soup(client.get(f"/passage/{item['document_id']}"))
    assert [a["href"] for a in page.select("main a") if a.get_text().startswith("Se dokumentet: ")] == [
        f"/document/{item['document_id']}"]


# --- Following a search -------------------------------------------------------------------

def test_follow_the_search_explains_the_feed_and_gives_its_address(client):
    """"Følg søgningen" opened the Atom XML, which a browser shows as code."""
    page = soup(client.get("/", query_string={"q": "flygtninge", "municipality": "Næstved", "sort": "oldest"}))
    link = page.select_one(".results-head a.follow-link")
    assert text(link) == "Følg søgningen i en feedlæser"
    response = client.get(link["href"])
    assert response.status_code == 200 and response.mimetype == "text/html"
    follow = soup(response)
    assert follow.title.get_text() == "Følg søgningen «flygtninge» · Kommune: Næstved · Referatsøg"
    assert "Søgningen «flygtninge» · Kommune: Næstved kan følges i en feedlæser" in text(follow.select_one("main"))
    address = follow.select_one("input#feed-adresse")
    assert address.has_attr("readonly") and follow.select_one("label[for=feed-adresse]")
    assert follow.select_one("button[data-copy=feed-adresse]")["data-copied"] == "Adressen er kopieret."
    feed_url = urlsplit(address["value"])
    assert feed_url.path == "/feed" and parse_qs(feed_url.query) == {"q": ["flygtninge"], "municipality": ["Næstved"]}
    feed = client.get(f"{feed_url.path}?{feed_url.query}")
    assert feed.mimetype == "application/atom+xml"
    root = ET.fromstring(feed.get_data())
    assert root.find(f"{ATOM}title").text == "Referatsøg: «flygtninge» · Kommune: Næstved"
    back = follow.select_one("nav.breadcrumbs a")
    assert parse_qs(urlsplit(back["href"]).query) == {"q": ["flygtninge"], "municipality": ["Næstved"], "sort": ["oldest"]}


# --- The period ---------------------------------------------------------------------------

def test_the_period_takes_a_date_a_month_or_a_year_as_typed(client):
    """Fra/Til were date pickers, which take only a whole date in the browser's own format:
    "2016" typed into one became 0006-02-01."""
    page = soup(client.get("/", query_string={"q": "flygtninge"}))
    period = page.select_one("section.period")
    assert [i["type"] for i in period.select("#period-from, #period-to")] == ["text", "text"]
    assert period.select_one("#period-format").get_text() == "Fx 21.05.2015, maj 2015 eller 2015."
    assert period.select_one("#period-from")["aria-describedby"] == "period-format"
    narrowed = soup(client.get("/", query_string={"q": "flygtninge", "from": "maj 2015", "to": "2015"}))
    chips = [c.get_text(" ", strip=True).split(" (")[0] for c in narrowed.select("a.chip")]
    assert chips == ["Fra: 1. maj 2015", "Til: 31. december 2015"]
    assert narrowed.select_one("#period-from")["value"] == "01.05.2015"
    assert narrowed.select_one("h2.count").get_text(" ", strip=True).startswith(
        f"{api(client, q='flygtninge', **{'from': '2015-05-01', 'to': '2015-12-31'})['total']} resultat")


# --- Copy ---------------------------------------------------------------------------------

def test_one_hit_on_a_page_is_counted_as_one(client):
    """"Viser 1–1" and "Viser 11–11" read as a typo."""
    assert soup(client.get("/", query_string={"q": "sprogcenter"})).select_one("p.range").get_text(" ", strip=True).startswith(
        "Viser resultat 1 ")
    total = api(client, q="flygtninge")["total"]
    last = soup(client.get("/", query_string={"q": "flygtninge", "page_size": total - 1, "page": 2}))
    assert text(last.select_one("p.range")).startswith(f"Viser resultat {total} · side 2 af 2")
    first = soup(client.get("/", query_string={"q": "flygtninge", "page_size": 5}))
    assert text(first.select_one("p.range")).startswith("Viser 1–5 · side 1 af")


def test_no_hits_says_so_once_and_then_what_to_do(client):
    page = soup(client.get("/", query_string={"q": "xyzzyqq"}))
    assert text(page.select_one("h2.count")) == "Ingen resultater for «xyzzyqq»"
    assert text(page.select_one(".empty h3")) == "Forslag til en ny søgning"
    assert "xyzzyqq" not in text(page.select_one(".empty"))
    filtered = soup(client.get("/", query_string={"q": "xyzzyqq", "municipality": "Næstved"}))
    assert "Søgningen er afgrænset med filtre; uden dem kan der være resultater." in text(filtered.select_one(".empty"))


def test_quotes_are_the_same_on_every_page_and_in_the_feed(client):
    query = "flygtninge"
    search = soup(client.get("/", query_string={"q": query}))
    assert f"for «{query}»" in text(search.select_one("h2.count"))
    passage = soup(client.get(f"/passage/{hit_id(client, 'Modtagelse af flygtninge')}", query_string={"q": query}))
    assert text(passage.select_one(".marked-note")).startswith(f"Ordene fra søgningen «{query}» er markeret.")
    feed = ET.fromstring(client.get("/feed", query_string={"q": query}).get_data())
    assert feed.find(f"{ATOM}title").text == f"Referatsøg: «{query}»"
    for page in (search, passage):  # no »…« left: a » opening a word
        assert not re.search(r"»\w", text(page.select_one("main")))


def test_the_hint_names_the_danish_operator(client):
    hint = soup(client.get("/")).select_one("#q-hint").get_text()
    assert "ELLER (eller OR) mellem alternativer" in hint


def test_a_bad_sort_is_explained_in_the_pages_words(client):
    response = client.get("/", query_string={"q": "flygtninge", "sort": "foo"})
    alert = text(soup(response).select_one("[role=alert]"))
    assert response.status_code == 400 and "Den sortering findes ikke. Vælg relevans, nyeste, ældste eller senest tilføjet." in alert
    assert "relevance" not in alert and "newest" not in alert
    # the API keeps the values it takes
    assert client.get("/api/search", query_string={"q": "flygtninge", "sort": "foo"}).get_json()["code"] == "invalid_sort"


def test_a_snippet_does_not_run_on_into_the_decision_shown_below_it(client):
    """"Status på flygtninge" matched by its title: its snippet fell back to the start of the
    text, ran into the decision, and the decision box below said it again."""
    page = soup(client.get("/", query_string={"q": "flygtninge", "page_size": 50}))
    hit = next(h for h in page.select("li.hit") if text(h.h3) == "Status på flygtninge")
    decision = text(hit.select_one("p.decision-preview"))
    assert decision.startswith("Beslutning: Slides fra præsentation er vedlagt som bilag.")
    snippet = text(hit.select_one("p.snippet"))
    # from the first sentence, not the «Kompetenceudvalg: Integrationsrådet» label line (a citizen review)
    assert snippet.startswith("Administrationen indstiller") and "Slides fra præsentation" not in snippet
    # a word found only in the decision is still shown where it stands
    repatriation = soup(client.get("/", query_string={"q": "repatriering"}))
    hit = next(h for h in repatriation.select("li.hit") if text(h.h3) == "Status på flygtninge")
    assert [m.get_text() for m in hit.select("p.snippet mark, p.decision-preview mark")]


def test_a_cut_decision_ends_in_one_mark_of_omission(client):
    page = soup(client.get("/", query_string={"q": "flygtninge boligplacering"}))
    previews = [text(p) for p in page.select("p.decision-preview")]
    assert previews and any(p.endswith("…") for p in previews)
    assert not [p for p in previews if re.search(r"[.,;:]…", p)], previews


def test_document_page_decision_previews_have_no_blank_lines(client):
    """The hit list compacts a decision; the document page kept the source's blank lines, so
    a 220-character preview spread over five lines."""
    item = client.get(f"/api/passage/{hit_id(client, 'Modtagelse af flygtninge')}").get_json()
    decisions = [p["decision"] for p in client.get(f"/api/document/{item['document_id']}").get_json()["passages"]]
    assert any("\n\n" in d for d in decisions), "the seed's decisions have blank lines"
    page = soup(client.get(f"/document/{item['document_id']}"))
    previews = page.select("p.decision-preview")
    assert len(previews) == sum(1 for d in decisions if d)
    for preview in previews:
        lines = [line.strip() for line in preview.decode_contents().split("<br/>")]
        assert all(lines) and len(lines) <= 3 and len(preview.get_text()) <= len(preview.strong.get_text() + " ") + 221, lines


def test_a_most_words_hit_names_the_words_it_lacks(client):
    """"flygtninge Roskilde": no item holds both; Roskilde's items came first and read as
    being about refugees. Each hit now says which word it lacks, as the JSON does."""
    body = api(client, q="flygtninge Roskilde")
    assert body["approximate"] and {tuple(h["missing"]) for h in body["hits"]} == {("flygtninge",), ("Roskilde",)}
    page = soup(client.get("/", query_string={"q": "flygtninge Roskilde"}))
    shown = [text(hit.select_one("p.missing")) for hit in page.select("li.hit")]
    assert shown == ["Mangler: " + ", ".join(f"«{word}»" for word in h["missing"]) for h in body["hits"]]
    entries = ET.fromstring(client.get("/feed", query_string={"q": "flygtninge Roskilde"}).get_data()).findall(f"{ATOM}entry")
    assert entries and all(re.search(r"<p>Mangler: «(flygtninge|Roskilde)»</p>", e.find(f"{ATOM}summary").text) for e in entries)
    # hits that hold every word say nothing of the kind
    assert not soup(client.get("/", query_string={"q": "flygtninge boligplacering"})).select("p.missing")


# --- A phone ------------------------------------------------------------------------------

@pytest.mark.browser
def test_a_long_query_echoed_on_a_phone_does_not_scroll_sideways(tmp_path):
    """A pasted link or case number is echoed in a heading or a notice: at 375 px the page was
    452 px (a URL) to 5,000 px (one long token) wide (WCAG 1.4.10)."""
    from playwright.sync_api import sync_playwright

    from webui.screenshot import CHROMIUM, MISSING_CHROMIUM, launch_chromium, running_server

    assert Path(CHROMIUM).exists(), MISSING_CHROMIUM
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    with running_server(tmp_path / "index", corpus) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        phone = browser.new_page(viewport={"width": 375, "height": 812})
        item = phone.request.get(base + "/api/search?q=flygtninge").json()["hits"][0]["id"]
        urls = {
            "no hits": f"/?q={PASTED_URL}",
            "one long token": f"/?q={LONG_WORD}",
            "approximate": "/?q=flygtninge+" + "x" * 300,
            "marked note": f"/passage/{item}?q={'x' * 300}",
            "follow": f"/foelg?q={LONG_WORD}",
            "not found": f"/passage/{item}-{'x' * 300}",
        }
        for width in (375, 320):
            phone.set_viewport_size({"width": width, "height": 812})
            for name, url in urls.items():
                phone.goto(base + url)
                assert phone.evaluate("document.documentElement.scrollWidth") <= width, (width, name)
        phone.goto(base + urls["approximate"])
        assert phone.locator("p.approximate").count() == 1  # the case the flex item's min-width is for
        browser.close()


# --- An item opened from a search by its case ---------------------------------------------------

@pytest.mark.parametrize("query, marked", [
    ('sagsnr:"00.01.00-A21-1-14"', "00.01.00-A21-1-14"), ("A21-1-14", "00.01.00-A21-1-14"),
    ("Helle Waage-Jensen", "Helle Waage-Jensen")])
def test_an_item_found_by_its_case_number_or_handler_marks_them_in_its_facts(client, query, marked):
    """The page said «Ordene fra søgningen … står ikke i teksten her» of the very item the case
    number or the case handler found (a web review)."""
    item = next(h for h in api(client, q=query, page_size=50)["hits"] if h["case_handler"] == "Helle Waage-Jensen")
    page = soup(client.get(f"/passage/{item['id']}", query_string={"q": query}))
    assert text(page.select_one(".marked-note")).startswith(f"Ordene fra søgningen «{query}» er markeret.")
    facts = {text(dt): dd for dt, dd in ((div.dt, div.dd) for div in page.select("dl.facts > div"))}
    key = "Sagsnr." if "sagsnr" in query or "A21" in query else "Sagsbehandler"
    assert " ".join(m.get_text() for m in facts[key].select("mark")) == marked



def test_search_again_without_the_invalid_value_keeps_the_valid_values_of_that_parameter(client):
    """«year=2015&year=abc»: «Søg igen uden den ugyldige indstilling» dropped 2015 too (a web review)."""
    page = soup(client.get("/", query_string=[("q", "flygtninge"), ("municipality", "Næstved"), ("year", "2015"),
                                              ("year", "abc"), ("sort", "oldest")]))
    again = next(a for a in page.select("#fejl a") if text(a) == "Søg igen uden den ugyldige indstilling")
    assert parse_qs(urlsplit(again["href"]).query) == {"q": ["flygtninge"], "municipality": ["Næstved"],
                                                        "year": ["2015"], "sort": ["oldest"]}


def test_an_unlabelled_section_has_no_empty_heading(tmp_path):
    """An item's unlabelled text (above its first label) was shown under an empty <h2>: a blank
    stop in a screen reader's list of headings (a journalist review, i_hoering.pdf's item 3)."""
    import shutil

    from conftest import FIXTURES
    from indexer.update import update_index
    from webui import create_app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(FIXTURES / "pdf_printed" / "i_hoering.pdf", corpus)
    update_index([corpus], tmp_path / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()
    hits = client.get("/api/search", query_string={"q": "lokalplan"}).get_json()["hits"]
    assert hits
    for hit in hits:
        page = soup(client.get(f"/passage/{hit['id']}"))
        assert page.select("section.section")
        assert all(h.get_text(strip=True) for h in page.select("h1, h2, h3")), hit["id"]
