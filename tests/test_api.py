"""The JSON API as a developer or a data journalist uses it, beside the HTML it mirrors.

Every HTML view has a JSON twin with the same parameters and the same answer; a client can
page through a search by the `Link` header, revalidate with an ETag, build a filter URL from
a facet value, follow permalinks from a passage to its page, document, neighbours and
source; every error is JSON with a status, a code and a Danish message.
"""

from __future__ import annotations

import json
import re
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import PDFS, UNTITLED_MINUTES, run
from webui import create_app

QUERY = "flygtninge boligplacering"
BROAD = "integrationsrådet"  # matches every seed
JSON_TYPE = "application/json; charset=utf-8"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def links(response) -> dict[str, str]:
    """The `Link` header as rel -> URL."""
    found = re.findall(r'<([^>]*)>; rel="([^"]+)"', response.headers.get("Link", ""))
    return {rel: url for url, rel in found}


def api(client, **params) -> dict:
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


# --- The HTML page and /api/search give the same answer ------------------------------------

@pytest.mark.parametrize("params", [
    {"q": QUERY},
    {"q": BROAD, "page": "2", "page_size": "5", "sort": "newest"},
    {"q": BROAD, "municipality": "naestved", "year": ["2015", "2019"]},
    {"q": "flygtnigne"},  # approximate hits and a "Mente du" suggestion
    {"q": '"flygtninge bolig'},  # a notice of how the query was read
    {"q": "flygtninge", "municipality": "Odense"},  # a notice of an unknown filter value, no hits
    {"q": "flygtninge", "decisions_only": "1"},
])
def test_the_page_and_its_json_twin_agree(client, params):
    page_response = client.get("/", query_string=params)
    body = api(client, **params)
    page = soup(page_response)
    assert page_response.status_code == 200
    hrefs = [a["href"] for a in page.select("ol.hits h3 a")]
    assert [h.split("?")[0] for h in hrefs] == [f"/passage/{h['id']}" for h in body["hits"]]
    # each hit opens its passage with the words it was found by marked (approximate: the nearest spellings)
    searched = body["suggestion"] if body["approximate"] else body["query"]
    assert all(query(h)["q"] == [searched] for h in hrefs), (hrefs, searched)
    count = page.select_one("h2.count").get_text(" ", strip=True)
    assert count.startswith(str(body["total"]) if body["total"] else "Ingen")
    shown = " ".join(p.get_text(" ", strip=True) for p in page.select(".notice, .approximate"))
    assert (body["notice"] or "") in shown and bool(page.select_one(".approximate")) == body["approximate"]
    suggestion = page.select_one(".suggestion a")
    assert (suggestion.get_text() if suggestion else None) == body["suggestion"]
    # Facet counts: each facet link's URL adds one value; the JSON counts that value the same
    # (beside a selected value of a single-valued facet, as the results the click adds: "+4").
    for section in page.select("section.facet"):
        name = section["aria-labelledby"].removeprefix("facet-")
        for link in section.select("a:not(.selected)"):
            (value,) = set(query(link["href"])[name]) - set(body["filters"].get(name, ()))
            shown = link.select_one(".n").find(string=True, recursive=False)
            assert body["facets"][name][value] == int(shown), (name, value)
            assert link.select_one(".n").get_text().startswith("+") == bool(body["filters"].get(name)), (name, value)
    # The page links to its twin, the twin to the page.
    twin = page.select_one('link[rel=alternate][type="application/json"]')["href"]
    assert client.get(twin).get_json() == body
    alternate = links(client.get("/api/search", query_string=params))["alternate"]
    assert soup(client.get(alternate)).select("ol.hits h3 a") == page.select("ol.hits h3 a")


@pytest.mark.parametrize("params, order", [
    ({"q": QUERY}, "relevance"),
    ({"q": "kommune:Næstved"}, "newest"),  # no words to rank by
    ({"q": "sagsnr:00.01.00-A21-1-14"}, "newest"),
    ({}, "newest"),
    ({"municipality": "Næstved", "from": "maj 2015"}, "newest"),  # filters alone
    ({"q": QUERY, "sort": "oldest"}, "oldest"),
])
def test_the_json_says_how_hits_are_ordered_as_the_page_does(client, params, order):
    """Under the default sort a search with no words to rank by lists the newest meetings first:
    the page says so beside its sort, the JSON in `order` (`sort` stays what was asked)."""
    body = api(client, **params)
    assert body["total"] > 0 and body["sort"] == params.get("sort", "relevance") and body["order"] == order
    note = soup(client.get("/", query_string=params)).select_one(".sort-note")
    assert (note is not None) == (body["sort"] == "relevance" and order == "newest")


def test_facet_values_are_what_a_filter_url_takes(client):
    """Every facet is named by its URL parameter and every value, as given, selects its count."""
    body = api(client, q=BROAD)
    assert set(body["facets"]) == {"municipality", "council", "year", "case_handler", "topic", "doc_type", "outcome"}
    for name, values in body["facets"].items():
        for value, count in values.items():
            narrowed = api(client, q=BROAD, **{name: value})
            assert narrowed["total"] == count and narrowed["filters"] == {name: [value]}, (name, value)


def test_filters_echo_the_facets_spelling_of_the_values_given(client):
    """`municipality=naestved` was echoed as given while the facet said «Næstved»: a client could
    not tell which facet entry was selected without folding as the engine does."""
    body = api(client, q="flygtninge", municipality=["naestved", "NÆSTVED"], doc_type="Aarsberetning",
               topic="RÅDETS ARBEJDE")
    assert body["total"] > 0
    assert body["filters"] == {"municipality": ["Næstved"], "doc_type": ["årsberetning"], "topic": ["rådets arbejde"]}
    for name, values in body["filters"].items():
        assert set(values) <= set(body["facets"][name]), name
    # a value no item has stays as given (and finds nothing)
    assert api(client, q="flygtninge", municipality="Atlantis")["filters"] == {"municipality": ["Atlantis"]}


@pytest.mark.parametrize("typed", ["Helle\u00a0Waage-Jensen", "Helle\u202fWaage-Jensen", "Helle  Waage-Jensen ",
                                   "Ｈｅｌｌｅ Waage-Jensen"])
def test_a_filter_value_copied_with_odd_spaces_or_full_width_letters_is_the_indexed_value(client, typed):
    """A name copied from a PDF or a web page (a no-break space, full-width letters) found
    nothing and said «findes ikke» about a name shown exactly as the facet shows it."""
    plain = api(client, q="flygtninge", case_handler="Helle Waage-Jensen")
    body = api(client, q="flygtninge", case_handler=typed)
    assert body["total"] == plain["total"] > 0 and body["notice"] is None
    assert body["filters"] == {"case_handler": ["Helle Waage-Jensen"]}


def test_a_parameter_named_as_people_name_it_is_said_to_be_ignored(client):
    """`kommune=Næstved` (the query's field name) and `limit=3` (the command line's option) were
    answered unfiltered, ten to a page, without a word."""
    plain = api(client, q="flygtninge")
    body = api(client, q="flygtninge", kommune="Roskilde", limit="3")
    assert body["total"] == plain["total"] and body["filters"] == {} and body["page_size"] == plain["page_size"]
    assert body["notice"] == ("Parametrene «kommune» (hedder municipality) og «limit» (hedder page_size) kendes ikke "
                              "og blev ignoreret.")
    # what a shared link carries is not the reader's doing: not said
    assert api(client, q="flygtninge", utm_source="nyhedsbrev", fbclid="x")["notice"] is None
    page = client.get("/", query_string={"q": "flygtninge", "Sagsbehandler": "Helle Waage-Jensen"})
    assert "«Sagsbehandler» (hedder case_handler) kendes ikke og blev ignoreret." in page.get_data(as_text=True)


def test_a_filter_value_typed_without_danish_letters_is_answered_with_the_value_it_names(client):
    """A reporter without æ, ø and å on the keyboard: `municipality=Nastved` found nothing and
    said «findes ikke» about a municipality the index holds."""
    body = api(client, q="flygtninge", municipality="Nastved")
    assert body["total"] == 0 and body["notice"] == "Kommune «Nastved» findes ikke i søgeindekset; mente du «Næstved»?"
    typed = api(client, q='flygtninge sagsbehandler:"Helle Wage Jensen"')
    assert typed["notice"] == ('Sagsbehandler «Helle Wage Jensen» findes ikke i søgeindekset; '
                               'mente du «sagsbehandler:"Helle Waage-Jensen"»?')
    # a value that names none stays as it was said
    assert api(client, q="flygtninge", municipality="Atlantis")["notice"] == "Kommune «Atlantis» findes ikke i søgeindekset."


# --- Pagination --------------------------------------------------------------------------------

def test_the_link_header_pages_through_every_hit_once(client):
    first = client.get("/api/search", query_string={"q": BROAD, "page_size": 3})
    body = first.get_json()
    assert body["pages"] == -(-body["total"] // 3) > 2
    rels = links(first)
    assert "prev" not in rels and query(rels["first"])["page_size"] == ["3"]
    assert query(rels["last"])["page"] == [str(body["pages"])] and rels["next"].startswith("/api/search?")
    seen, response, visited = [], first, 0
    while True:
        visited += 1
        seen += [h["id"] for h in response.get_json()["hits"]]
        rels = links(response)
        if "next" not in rels:
            break
        response = client.get(rels["next"])
        assert response.status_code == 200 and links(response)["prev"]
    assert visited == body["pages"] and len(seen) == len(set(seen)) == body["total"]


def test_a_page_past_the_last_is_404_in_json_as_on_the_page(client):
    pages = api(client, q=QUERY)["pages"]
    html = client.get("/", query_string={"q": QUERY, "page": pages + 1})
    response = client.get("/api/search", query_string={"q": QUERY, "page": pages + 1})
    assert html.status_code == response.status_code == 404
    assert response.content_type == JSON_TYPE
    body = response.get_json()
    assert body["code"] == "page_out_of_range" and body["parameter"] == "page" and body["pages"] == pages
    assert body["message"] == f"Side {pages + 1} findes ikke i denne søgning; den har {pages} {'side' if pages == 1 else 'sider'}."
    rels = links(response)
    assert client.get(rels["last"]).status_code == 200 and "next" not in rels
    assert "page" not in query(rels["first"]) and query(rels["alternate"])["page"] == [str(pages + 1)]


def test_a_search_that_finds_nothing_has_one_page_and_a_later_one_is_past_it_on_both(client):
    # a script paging until a 404 stopped at once on a search with no hits, not at page 100,000
    body = api(client, q="xylofonkoncert", page="1")
    assert body["total"] == 0 and body["hits"] == [] and body["pages"] == 1
    params = {"q": "xylofonkoncert", "page": "3"}
    assert client.get("/", query_string=params).status_code == 404
    past = client.get("/api/search", query_string=params)
    assert past.status_code == 404
    assert past.get_json()["code"] == "page_out_of_range"
    assert past.get_json()["total"] == 0 and past.get_json()["pages"] == 1


# --- Parameters ----------------------------------------------------------------------------------

def test_a_repeated_single_parameter_takes_its_last_value_and_facets_or(client):
    assert api(client, q=["bolig", QUERY], sort=["oldest", "newest"]) == api(client, q=QUERY, sort="newest")
    both = api(client, q=BROAD, year=["2015", "2019"])
    assert both["total"] == sum(api(client, q=BROAD, year=y)["total"] for y in ("2015", "2019"))


def test_unknown_and_empty_parameters_change_nothing(client):
    plain = api(client, q=QUERY)
    assert api(client, q=QUERY, utm_source="x", _="1700000000") == plain
    # a name someone meant for a filter searches the same, and says it was ignored (below)
    assert {**api(client, q=QUERY, kommune="Roskilde"), "notice": plain["notice"]} == plain
    assert api(client, q=QUERY, page="", page_size="", sort="", decisions_only="", year="", topic="") == plain


@pytest.mark.parametrize("raw, parameter", [
    ("q=fl%F8gtninge", "q"),  # ø in Latin-1
    ("q=flygtninge&municipality=N%E6stved", "municipality"),
    ("q=flygtninge&sort=%FFnewest", "sort"),
])
def test_a_value_that_is_not_utf8_is_refused_not_searched_as_escapes(client, raw, parameter):
    response = client.get(f"/api/search?{raw}")
    assert response.status_code == 400 and response.content_type == JSON_TYPE
    body = response.get_json()
    assert body["code"] == "invalid_encoding" and body["parameter"] == parameter
    assert "UTF-8" in body["message"] and "%" not in body["message"]


def test_the_page_drops_a_value_that_is_not_utf8_and_keeps_the_rest(client):
    response = client.get("/?q=fl%F8gtninge&municipality=N%E6stved&year=2015&sort=newest")
    assert response.status_code == 400
    page = soup(response)
    assert "UTF-8" in page.select_one("[role=alert]").get_text()
    again = query(page.select_one("[role=alert] a")["href"])
    assert again == {"year": ["2015"], "sort": ["newest"]}
    assert page.select_one("#q")["value"] == ""


def test_an_unknown_parameter_may_be_any_bytes(client):
    assert client.get("/api/search?q=flygtninge&x=%FF").status_code == 200


def test_very_long_values_are_refused_or_not_found_briefly(client):
    long_query = client.get("/api/search", query_string={"q": "bolig " * 4000})
    assert long_query.status_code == 400 and long_query.get_json()["code"] == "query_too_long"
    long_id = client.get("/api/passage/" + "x" * 5000)
    assert long_id.status_code == 404 and long_id.content_type == JSON_TYPE
    assert len(long_id.get_json()["message"]) < 200


# --- Errors ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("method, path, status, code", [
    ("get", "/api", 404, "not_found"),
    ("get", "/api/", 404, "not_found"),
    ("get", "/api/search/", 404, "not_found"),
    ("get", "/api/passage/", 404, "not_found"),
    ("get", "/api/document/findes-ikke", 404, "unknown_document"),
    ("post", "/api/search?q=bolig", 405, "method_not_allowed"),
    ("delete", "/api/passage/findes-ikke", 405, "method_not_allowed"),
    ("get", "/api/search?page_size=0", 400, "invalid_page_size"),
    ("get", "/api/search?sort=tilfældig", 400, "invalid_sort"),
    ("get", "/api/search?q=bolig&decisions_only=kanske", 400, "invalid_decisions_only"),
])
def test_every_api_error_is_json_with_a_code_and_a_danish_message(client, method, path, status, code):
    response = getattr(client, method)(path)
    assert response.status_code == status and response.content_type == JSON_TYPE
    body = response.get_json()
    assert body["status"] == status and body["code"] == code
    assert re.search(r"[æøå]|ikke|findes", body["message"]) and "Traceback" not in response.get_data(as_text=True)
    assert "ETag" not in response.headers
    if status == 405:
        assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize("word", ["1", "true", "on", "yes", "ja", "JA", "True"])
def test_every_documented_yes_to_decisions_only_keeps_only_decisions(client, word):
    """README: `1` (also `true`, `on`, `yes`, `ja`); saved links and clients use them all."""
    everything = api(client, q=BROAD, page_size=100)
    decided = api(client, q=BROAD, page_size=100, decisions_only=word)
    assert decided["decisions_only"] is True
    assert 0 < decided["total"] < everything["total"]
    assert decided["hits"] == api(client, q=BROAD, page_size=100, decisions_only="1")["hits"]
    assert all(hit["decision"] for hit in decided["hits"])


@pytest.mark.parametrize("word", ["0", "false", "off", "no", "nej", "NEJ", ""])
def test_every_documented_no_to_decisions_only_keeps_everything(client, word):
    """README: `0` (also `false`, `off`, `no`, `nej`); an empty value is the default, 0."""
    answer = api(client, q=BROAD, page_size=100, decisions_only=word)
    assert answer["decisions_only"] is False
    assert answer["hits"] == api(client, q=BROAD, page_size=100)["hits"]
    assert any(not hit["decision"] for hit in answer["hits"])


def test_a_decisions_only_that_is_no_yes_or_no_names_the_parameter(client):
    response = client.get("/api/search", query_string={"q": BROAD, "decisions_only": "kanske"})
    assert response.status_code == 400
    body = response.get_json()
    assert (body["code"], body["parameter"]) == ("invalid_decisions_only", "decisions_only")
    assert body["message"] == "Kun beslutninger skal være 1 eller 0."


@pytest.mark.parametrize("path", ["/api/search?q=bolig", "/api/passage/findes-ikke", "/api/document/findes-ikke",
                                  "/api/status", "/healthz"])
def test_options_under_the_api_is_json_listing_the_methods(client, path):
    """A client (or a CORS preflight) asking what a URL answers got an empty text/html body:
    under /api/ every answer is JSON. The methods are in the body and in `Allow`."""
    response = client.options(path)
    assert response.status_code == 200 and response.content_type == JSON_TYPE
    assert response.get_json() == {"status": 200, "allow": ["GET", "HEAD", "OPTIONS"]}
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
    assert "ETag" not in response.headers  # nothing to revalidate: not the resource's answer
    assert client.options("/api/intet-her").get_json()["code"] == "not_found"
    page = client.options("/?q=bolig")  # the HTML pages keep Flask's empty answer
    assert page.status_code == 200 and page.mimetype == "text/html" and not page.data


def test_a_page_on_another_host_may_call_the_api_and_read_its_paging_headers(client):
    """A newsroom's page on its own host calling /api/search from the browser got no
    Access-Control-Allow-Origin: the browser hid every answer. The API is public and read-only
    (no cookies, no logins): any origin may read it, its Link and ETag too."""
    origin = {"Origin": "https://avis.example"}
    answer = client.get("/api/search", query_string={"q": "bolig", "page_size": 2}, headers=origin)
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert {"Link", "ETag"} <= set(answer.headers["Access-Control-Expose-Headers"].split(", "))
    assert client.get("/api/passage/findes-ikke", headers=origin).headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/search?q=bolig", headers={**origin, "Access-Control-Request-Method": "GET",
                                                               "Access-Control-Request-Headers": "if-none-match"})
    assert preflight.status_code == 200 and preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert preflight.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in preflight.headers["Access-Control-Allow-Headers"]
    # the HTML pages are for this site's own visitors
    assert "Access-Control-Allow-Origin" not in client.get("/?q=bolig", headers=origin).headers


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/search?q=bolig", "/api/passage/findes-ikke", "/api/document/findes-ikke",
                                  "/api/status"])
def test_a_method_the_api_does_not_take_is_a_json_405(client, method, path):
    response = getattr(client, method)(path, data="a=b")
    assert response.status_code == 405 and response.content_type == JSON_TYPE
    assert response.get_json() == {"status": 405, "code": "method_not_allowed", "message": "Den metode er ikke tilladt her."}
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_an_old_passage_id_redirects_in_json_with_the_query_kept(client, seed_index):
    """Ids were `<document>-<place from 01>` before they named the item: a client holding one
    is sent on (301) to the passage at that place, told so in the API's shape."""
    pid = api(client, q="flygtninge")["hits"][0]["id"]
    document = seed_index.passage(pid).document_id
    second = seed_index.document(document)[1]
    response = client.get(f"/api/passage/{document}-02", query_string={"q": "bolig", "municipality": "Næstved"})
    assert response.status_code == 301 and response.content_type == JSON_TYPE
    location = f"/api/passage/{second.id}?q=bolig&municipality=N%C3%A6stved"
    assert response.headers["Location"] == location
    body = response.get_json()
    assert body == {"status": 301, "code": "passage_moved", "message": body["message"], "location": location}
    assert "ny adresse" in body["message"] and "ETag" not in response.headers
    assert client.get(location).get_json()["id"] == second.id


def test_an_unexpected_error_in_a_passage_is_json_without_detail(app, monkeypatch):
    def broken(passage_id):
        raise RuntimeError("/srv/secret/path")

    monkeypatch.setattr("webui.passage_views.load_passage", broken)
    response = app.test_client().get("/api/passage/x")
    assert response.status_code == 500 and response.content_type == JSON_TYPE
    assert response.get_json()["code"] == "internal_error" and b"secret" not in response.data


# --- Content type and caching ---------------------------------------------------------------------

def test_json_is_utf8_and_says_so(client, seed_index):
    response = client.get("/api/search", query_string={"q": "Næstved"})
    assert response.content_type == JSON_TYPE
    assert "Næstved".encode() in response.data and b"\\u00e6" not in response.data
    pid = response.get_json()["hits"][0]["id"]
    document_id = seed_index.passage(pid).document_id
    for path in (f"/api/passage/{pid}", f"/api/document/{document_id}"):
        assert client.get(path).content_type == JSON_TYPE


def test_an_answer_can_be_revalidated_by_its_etag(client, seed_index):
    pid = api(client, q=QUERY)["hits"][0]["id"]
    for path in (f"/api/search?q={QUERY}", f"/api/passage/{pid}", f"/api/document/{seed_index.passage(pid).document_id}"):
        first = client.get(path)
        etag = first.headers["ETag"]
        assert first.headers["Cache-Control"] == "no-cache"
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.data == b""
        assert client.get(path, headers={"If-None-Match": '"anders"'}).status_code == 200
    other = client.get("/api/search", query_string={"q": QUERY, "page_size": 1})
    assert other.headers["ETag"] != client.get(f"/api/search?q={QUERY}").headers["ETag"]


# --- Permalinks ----------------------------------------------------------------------------------

def test_a_passage_links_to_its_page_document_neighbours_and_their_json(client, seed_index):
    pid = next(h["id"] for h in api(client, q=QUERY)["hits"] if h["title"] == "Modtagelse af flygtninge")
    response = client.get(f"/api/passage/{pid}")
    body = response.get_json()
    passage_links = body["links"]
    assert passage_links["html"] == f"/passage/{pid}" and passage_links["json"] == f"/api/passage/{pid}"
    assert client.get(passage_links["document_json"]).get_json()["id"] == body["document_id"]
    previous = client.get(passage_links["previous_json"]).get_json()
    following = client.get(passage_links["next_json"]).get_json()
    assert previous["links"]["next_json"] == following["links"]["previous_json"] == f"/api/passage/{pid}"
    assert previous["links"]["html"] == passage_links["previous"] and following["links"]["html"] == passage_links["next"]
    assert links(response) == {"alternate": f"/passage/{pid}", "prev": passage_links["previous_json"],
                               "next": passage_links["next_json"]}
    # The citation is the one the page shows.
    page = soup(client.get(passage_links["html"]))
    assert page.select_one("#citation").get_text(strip=True) == body["citation"]
    # Opened from a search, its HTML twin is the page with that search's marks, as the page names
    # this JSON with them (an API review: the twin dropped the query); the permalink stays plain.
    searched = client.get(f"/api/passage/{pid}", query_string={"q": "flygtninge"})
    assert links(searched)["alternate"] == f"/passage/{pid}?q=flygtninge"
    assert searched.get_json()["links"]["html"] == f"/passage/{pid}"
    twin = soup(client.get(links(searched)["alternate"])).select_one('link[rel=alternate][type="application/json"]')
    assert twin["href"] == f"/api/passage/{pid}?q=flygtninge"


def test_the_first_and_last_passage_have_no_neighbour_on_that_side(client, seed_index):
    pid = api(client, q=QUERY)["hits"][0]["id"]
    items = seed_index.document(seed_index.passage(pid).document_id)
    first = client.get(f"/api/passage/{items[0].id}")
    last = client.get(f"/api/passage/{items[-1].id}")
    assert first.get_json()["links"]["previous"] is None and first.get_json()["links"]["previous_json"] is None
    assert last.get_json()["links"]["next"] is None and last.get_json()["links"]["next_json"] is None
    assert "prev" not in links(first) and "next" not in links(last)


def test_a_document_lists_its_passages_in_order_as_its_page_does(client, seed_index):
    pid = next(h["id"] for h in api(client, q=QUERY)["hits"] if h["title"] == "Modtagelse af flygtninge")
    document_id = seed_index.passage(pid).document_id
    response = client.get(f"/api/document/{document_id}")
    body = response.get_json()
    items = body["passages"]
    assert [p["position"] for p in items] == sorted(p["position"] for p in items)
    page = soup(client.get(body["links"]["html"]))
    assert [a["href"] for a in page.select("ol.toc > li > a")] == [p["links"]["html"] for p in items]
    # What the page shows beside each item (case handler, what was decided) is in the JSON too.
    for li, item in zip(page.select("ol.toc li"), items):
        assert (item["case_handler"] or "") in li.get_text()
        decided = li.select_one(".decision-preview")
        assert bool(decided) == item["has_decision"] == bool(item["decision"])
        if decided:
            # (labelled with its outcome: «Beslutning (godkendt): …»)
            shown = re.sub(r"^Beslutning(?: \([^)]*\))?: ", "", decided.get_text(" ", strip=True)).rstrip("…")
            assert " ".join(item["decision"].split()).startswith(" ".join(shown.split())), (shown, item["decision"])
    handled = next(p for p in items if p["id"] == pid)
    assert handled["case_handler"] == "Mette Jung Christensen" and handled["case_number"] == "00.01.00-A21-1-14"
    assert all(client.get(p["links"]["json"]).get_json()["id"] == p["id"] for p in items)
    assert links(response) == {"alternate": f"/document/{document_id}"}


@pytest.fixture(scope="module")
def pdf_client(tmp_path_factory):
    from indexer.update import update_index

    root = tmp_path_factory.mktemp("pdf-api")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(PDFS / "referat-2015-05-21.pdf", corpus / "referat-2015-05-21.pdf")
    update_index([corpus], root / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(root / "index"), "CORPUS_DIR": str(corpus)}).test_client()


def test_a_pdf_passage_links_its_source_at_its_page_and_cites_it(pdf_client):
    hit = next(h for h in api(pdf_client, q=QUERY)["hits"] if h["title"] == "Modtagelse af flygtninge")
    body = pdf_client.get(f"/api/passage/{hit['id']}").get_json()
    assert hit["page"] > 1 and body["page"] == hit["page"]
    assert body["links"]["source"] == f"/source/{hit['document_id']}#page={hit['page']}"
    assert body["citation"].endswith(f"(s. {hit['page']}, beslutningen s. 6)")  # decided two pages on
    with pdf_client.get(body["links"]["source"].split("#")[0]) as source:
        assert source.status_code == 200 and source.mimetype == "application/pdf"
    document = pdf_client.get(body["links"]["document_json"]).get_json()
    assert document["links"]["source"] == f"/source/{hit['document_id']}"  # the whole file, from its start
    assert all(p["links"]["source"].endswith(f"#page={p['page']}") for p in document["passages"])


@pytest.mark.parametrize("value", ["0", "101", "-3"])
def test_a_page_size_out_of_range_names_the_real_range(client, value):
    """page_size=0 said 'mellem 1 og 100000' while 101 said 'højst 100': one message, the real range."""
    answer = client.get("/api/search", query_string={"q": "flygtninge", "page_size": value})
    assert answer.status_code == 400
    assert answer.get_json()["message"] == "Antal pr. side skal være mellem 1 og 100."


def test_a_page_out_of_range_names_its_range_with_the_danish_thousands_point(client):
    answer = client.get("/api/search", query_string={"q": "flygtninge", "page": "0"})
    assert answer.status_code == 400 and answer.get_json()["message"] == "Siden skal være mellem 1 og 100.000."


# --- A hit carries what cites it ---------------------------------------------------------------

def cites_as_its_passage(client, hit) -> dict:
    """`hit`'s citation fields are its passage's: the citation its page shows, its decision's
    date and page. Returns the passage's JSON."""
    body = client.get(f"/api/passage/{hit['id']}").get_json()
    assert hit["citation"] and hit["citation"] == body["citation"]
    assert hit["decision_date"] == body["decision_date"]
    decided = [d["page"] for d in body["section_details"] if d["is_decision"]]
    assert hit["decision_page"] == (decided[0] if decided else None)
    return body


def test_every_hit_cites_as_its_passage_page_does(client):
    """A reporter citing from /api/search fetched /api/passage/<id> for each hit: hits had no citation."""
    hits = api(client, q=BROAD, page_size=100)["hits"]
    assert {h["doc_type"] for h in hits} == {"referat", "årsberetning"}
    for hit in hits:
        cites_as_its_passage(client, hit)


def test_a_text_hit_cites_no_page_and_its_own_decision_date(client):
    hit = next(h for h in api(client, q="medborgerskabspolitikken")["hits"] if h["title"] == "Medborgerskabspolitikken")
    cites_as_its_passage(client, hit)
    assert hit["page"] is None and hit["decision_page"] is None
    assert hit["meeting_date"] == "2015-05-21" and hit["decision_date"] == "2015-03-19"  # decided at an earlier meeting
    assert hit["citation"] == ("Integrationsrådet, Næstved Kommune, referat af mødet 21.05.2015, "
                               "punkt 16: Medborgerskabspolitikken")


def test_an_annual_report_hit_cites_its_year(client):
    hits = api(client, q=QUERY, doc_type="årsberetning")["hits"]
    assert hits
    for hit in hits:
        cites_as_its_passage(client, hit)
        assert hit["citation"].startswith(f"Integrationsrådet, Næstved Kommune, årsberetning {hit['year']}: ")
        assert hit["decision_date"] is None and hit["decision_page"] is None


def test_a_pdf_hit_decided_on_a_later_page_cites_both_pages(pdf_client):
    hit = next(h for h in api(pdf_client, q=QUERY)["hits"] if h["title"] == "Modtagelse af flygtninge")
    cites_as_its_passage(pdf_client, hit)
    assert (hit["page"], hit["decision_page"], hit["decision_date"]) == (4, 6, "2015-05-21")
    assert hit["citation"] == ("Integrationsrådet, Næstved Kommune, referat af mødet 21.05.2015, "
                               "punkt 15: Modtagelse af flygtninge (s. 4, beslutningen s. 6)")




def test_an_untitled_hit_is_cited_by_the_item_before_it(tmp_path):
    """An item printed without number and title is cited "punktet uden titel efter punkt 39" on
    its page; its hit must say the same, not only the meeting."""
    from indexer.update import update_index
    from search import open_index
    from search.hits import _previous

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "socialudvalget-referat-2018-03-12.txt").write_text(UNTITLED_MINUTES.format(municipality="Tornby Kommune"),
                                                                    encoding="utf-8")
    assert not update_index([corpus], tmp_path / "index").skipped
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}).test_client()
    hit = next(h for h in api(client, q="modtagelsen")["hits"] if h["item_number"] is None)
    cites_as_its_passage(client, hit)
    assert hit["citation"] == "Socialudvalget, Tornby Kommune, referat af mødet 12.03.2018, punktet uden titel efter punkt 39"
    # Where the item before is not the document number before, the document's items are read.
    index = open_index(tmp_path / "index")
    searcher = index._searcher()
    untitled = index.passage(hit["id"])
    after = searcher.document_number(id=next(p.id for p in index.document(untitled.document_id) if p.item_number == 40))
    assert _previous(searcher, after, untitled).item_number == 39


@pytest.mark.parametrize(("danish", "sort"), [("nyeste", "newest"), ("ældste", "oldest"), ("Relevans", "relevance")])
def test_a_sort_in_danish_is_the_sort_it_names_in_the_api_and_the_cli(client, runner, seed_index_dir, danish, sort):
    # "nyeste" is what the page's own label says; it was refused with a 400.
    asked = api(client, q=BROAD, sort=danish)
    assert (asked["sort"], [h["id"] for h in asked["hits"]]) == (sort, [h["id"] for h in api(client, q=BROAD, sort=sort)["hits"]])
    typed = json.loads(run(runner, "search", BROAD, "--sort", danish, "--json", "--index-dir", seed_index_dir).output)
    assert (typed["sort"], [h["id"] for h in typed["hits"]]) == (sort, [h["id"] for h in asked["hits"]])


@pytest.mark.parametrize("dash", ["\u2010", "\u2011", "\u2013", "\u2014", "\u2212"])
def test_a_case_number_pasted_with_any_dash_finds_its_items(client, dash):
    """A case number copied from a PDF or a letter comes with the dash its program set."""
    typed = dash.join(("00.01.00", "A21", "1", "14"))
    body = api(client, q=typed)
    assert body["total"] > 0 and {hit["case_number"] for hit in body["hits"]} == {"00.01.00-A21-1-14"}
    assert body["total"] == api(client, q="00.01.00-A21-1-14")["total"]


@pytest.mark.parametrize("typed, meant", [
    ("»status på flygtninge«", '"status på flygtninge"'),  # Danish quotes, and the others a keyboard gives
    ("«status på flygtninge»", '"status på flygtninge"'),
    ("„status på flygtninge“", '"status på flygtninge"'),
    ("“status på flygtninge”", '"status på flygtninge"'),
    ("flygtninge –boligplacering", "flygtninge -boligplacering"),  # an en dash as the exclusion's sign
    ("flygtninge −boligplacering", "flygtninge -boligplacering"),
    ("\ufb02ygtninge", "flygtninge"),  # a ligature copied from a PDF viewer
    ("ＦＬＹＧＴＮＩＮＧＥ", "FLYGTNINGE"),
])
def test_quotes_signs_and_letters_as_keyboards_and_pdfs_type_them(client, typed, meant):
    """«status på flygtninge» was searched as loose words (5 hits for 1), '–bolig' found the
    items holding bolig, and 'ﬂygtninge' nothing: silently, each time."""
    got, wanted = api(client, q=typed), api(client, q=meant)
    assert wanted["total"] > 0 and got["total"] == wanted["total"]
    assert [h["id"] for h in got["hits"]] == [h["id"] for h in wanted["hits"]]
    assert got["query"] == meant  # the answer shows the query as it was read
