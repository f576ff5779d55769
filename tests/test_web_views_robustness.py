"""The web review's findings on the views (findings 2, 5, 9 and 13): a word pasted with an
invisible character finds what the word finds, a permalink cut after its item number leads to
that item and never permanently to another, the feed keeps a decision's lines and answers a
feed reader's errors in plain text, and the help and follow pages have JSON twins.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import api, soup
from indexer.normalise import normalise
from search.api import without_controls

ATOM = "{http://www.w3.org/2005/Atom}"
JSON_TYPE = "application/json; charset=utf-8"
# Minutes of 21 May 2015: items 11, 12, 14, 15, 16, 16 (two items printed with 16) and 17.
MINUTES_2015 = "naestved-integrationsraadet-referat-2015-05-21-0785a4"


def text(tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


def items(client, document_id: str) -> list[dict]:
    return client.get(f"/api/document/{document_id}").get_json()["passages"]


# --- 2: invisible characters in a pasted query ----------------------------------------------------

# What a word copied from a PDF or a council's web page may carry: soft hyphen (&shy;), zero-width
# space, (non-)joiners, direction marks, word joiner, BOM.
INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff"]


@pytest.mark.parametrize("mark", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_a_word_pasted_with_an_invisible_character_finds_what_the_word_finds(client, mark):
    """`flygt&shy;ninge` found nothing (total 0, no suggestion, no notice): the indexer takes
    these characters out of the texts, the query kept them."""
    typed = api(client, q="flygtninge", page_size=50)
    assert typed["total"] > 0
    pasted = api(client, q=f"flygt{mark}ninge", page_size=50)
    assert pasted["query"] == "flygtninge"
    assert (pasted["total"], [h["id"] for h in pasted["hits"]]) == (typed["total"], [h["id"] for h in typed["hits"]])
    # the passage page opened with it marks the word, as the hit's snippet did
    marked = client.get(f"/api/passage/{typed['hits'][0]['id']}", query_string={"q": f"flygt{mark}ninge"}).get_json()
    assert marked["marked"]["query"] == "flygtninge" and marked["marked"]["found"]


def test_a_query_of_invisible_characters_alone_is_the_empty_query(client):
    """`/?q=%E2%80%8B` said «76 resultater for «»», its title began with the invisible character."""
    everything = api(client)
    for query in ("\u200b", "\u00ad \ufeff", "\u2060\u200e"):
        answer = api(client, q=query)
        assert answer["query"] == "" and answer["total"] == everything["total"]
        page = client.get("/", query_string={"q": query}).get_data(as_text=True)
        assert not any(mark in page for mark in INVISIBLE), repr(query)


def test_the_query_loses_every_invisible_character_the_indexer_takes_out_of_a_text():
    """One set, the indexer's: whatever `indexer.normalise` removes from inside a word, the
    query side removes too (controls become spaces, as before)."""
    removed = [chr(c) for c in range(sys.maxunicode + 1)
               if not 0xD800 <= c <= 0xDFFF and normalise(f"a{chr(c)}b", "NFC") == "ab"]
    assert "\u200b" in removed and "\ufeff" in removed
    for character in removed:
        expected = "a b" if ord(character) < 0x20 or 0x7F <= ord(character) <= 0x9F else "ab"
        assert without_controls(f"a{character}b") == expected, f"U+{ord(character):04X}"
    assert without_controls("øko\u00adnomiske") == "økonomiske"  # the soft hyphen, which indexer.clean removes
    assert without_controls("Waage\u2011Jensen") == "Waage-Jensen"  # Word's non-breaking hyphen, as indexed


# --- 5: a permalink cut after its item number -------------------------------------------------------

def test_a_permalink_cut_after_its_number_leads_to_the_item_of_that_number_not_for_good(client):
    """`…-15` answered 404 though item 15 exists, while `…-3` went permanently (301) to the
    third item, 14, as if it were an id of the old form, which never had one digit."""
    fifteen = next(p for p in items(client, MINUTES_2015) if p["item_number"] == 15)
    response = client.get(f"/passage/{MINUTES_2015}-15", query_string={"q": "flygtninge"})
    assert response.status_code == 302  # a client keeps asking at the cut address
    assert response.headers["Location"] == f"/passage/{fifteen['id']}?q=flygtninge"
    page = soup(response)
    assert [a["href"] for a in page.select("main p > a")][:2] == [response.headers["Location"], f"/document/{MINUTES_2015}"]
    assert "Punkt 15" in text(page.select_one("main")) and "Modtagelse af flygtninge" in text(page.select_one("main"))
    assert client.get(response.headers["Location"]).status_code == 200
    answer = client.get(f"/api/passage/{MINUTES_2015}-15")
    assert answer.status_code == 302 and answer.content_type == JSON_TYPE
    assert answer.headers["Location"] == f"/api/passage/{fifteen['id']}"
    body = answer.get_json()
    assert body == {"status": 302, "code": "cut_passage_id", "message": body["message"], "location": answer.headers["Location"],
                    "see_also": [{"text": f"Punkt 15: {fifteen['title']}", "url": answer.headers["Location"]},
                              {"text": body["see_also"][1]["text"], "url": f"/api/document/{MINUTES_2015}"}]}
    assert "afkortet" in body["message"] and "Modtagelse af flygtninge" in body["message"]


@pytest.mark.parametrize("cut", ["15-modtagelse", "15-modtagelse-af-", "15-mod", "16-medb", "16-meddel"])
def test_a_permalink_cut_inside_its_title_leads_to_the_one_item_it_begins(client, cut):
    """An e-mail client wraps a long address at a hyphen in the title part: `…-15-modtagelse`
    answered 404, though one item's id begins so (a journalist review). Not for good: 302."""
    listed = items(client, MINUTES_2015)
    (meant,) = [p for p in listed if p["id"].startswith(f"{MINUTES_2015}-{cut.rstrip('-')}")]
    response = client.get(f"/passage/{MINUTES_2015}-{cut}", query_string={"q": "flygtninge"})
    assert response.status_code == 302 and response.headers["Location"] == f"/passage/{meant['id']}?q=flygtninge"
    answer = client.get(f"/api/passage/{MINUTES_2015}-{cut}")
    assert answer.status_code == 302 and answer.get_json()["code"] == "cut_passage_id"


@pytest.mark.parametrize("cut", ["16-med", "15-xyz", "15-modtagelse-af-flygtninge-og-mere"])
def test_a_cut_title_that_begins_several_items_or_none_is_not_found(client, cut):
    # "16-med" begins both items printed with 16 (Medborgerskabspolitikken, Meddelelser).
    response = client.get(f"/passage/{MINUTES_2015}-{cut}")
    assert response.status_code == 404 and "Location" not in response.headers
    assert f"/document/{MINUTES_2015}" in [a["href"] for a in soup(response).select("main a")]


@pytest.mark.parametrize("cut", ["16", "16-med"])
def test_a_cut_address_that_names_two_items_links_both(client, cut):
    """The minutes print two items «16.» (Medborgerskabspolitikken and Meddelelser): `…-16` may
    be either, so it is no redirect, but the page offered only the document (web review)."""
    response = client.get(f"/passage/{MINUTES_2015}-{cut}")
    assert response.status_code == 404
    links = [(text(a), a["href"]) for a in soup(response).select("main a")]
    both = [(f"Punkt 16: {p['title']}", f"/passage/{p['id']}") for p in items(client, MINUTES_2015)
            if p["item_number"] == 16]
    assert len(both) == 2 and links[:3] == [*both, links[2]] and links[2][1] == f"/document/{MINUTES_2015}"
    # one item 15, a title part that is not its title: that item linked (tests/test_web_polish.py), no redirect
    one = client.get(f"/passage/{MINUTES_2015}-15-xyz")
    fifteen = next(p["id"] for p in items(client, MINUTES_2015) if p["item_number"] == 15)
    assert one.status_code == 404 and [a["href"] for a in soup(one).select("main a")][:2] == [
        f"/passage/{fifteen}", f"/document/{MINUTES_2015}"]


@pytest.mark.parametrize("tail", ["3", "1", "5", "16", "20"])
def test_a_number_no_single_item_has_is_not_found_with_the_document_linked(client, tail):
    """Items 11–17 have no 3, 1 or 5 (the old form wrote the third place `03`) and two items
    printed with 16: none of them is the item meant for certain, so the page links the document."""
    for path in (f"/passage/{MINUTES_2015}-{tail}", f"/api/passage/{MINUTES_2015}-{tail}"):
        response = client.get(path)
        assert response.status_code == 404 and "Location" not in response.headers, path
    assert client.get(f"/api/passage/{MINUTES_2015}-{tail}").get_json()["code"] == "unknown_passage"
    links = [a["href"] for a in soup(client.get(f"/passage/{MINUTES_2015}-{tail}")).select("main a")]
    assert f"/document/{MINUTES_2015}" in links


def test_an_id_of_the_old_form_still_moves_permanently_to_the_item_at_its_place(client):
    listed = items(client, MINUTES_2015)
    for place in (1, 4, 7):
        response = client.get(f"/api/passage/{MINUTES_2015}-{place:02d}")
        assert response.status_code == 301 and response.get_json()["code"] == "passage_moved"
        assert response.headers["Location"] == f"/api/passage/{listed[place - 1]['id']}"
    assert client.get(f"/passage/{MINUTES_2015}-08").status_code == 404  # seven items


def test_an_item_number_is_certain_only_where_the_old_form_names_the_same_item(seed_index):
    """`numbered_item` on twelve items: numbered 1–12 from the first, `…-10` is the tenth and item
    10 either way (301); numbered 2–13, item 10 is the ninth, so `…-10` may be an old link to the
    tenth: the item numbered 10, not for good (302)."""
    from webui.passage_views import numbered_item

    model = seed_index.document(MINUTES_2015)[0]
    from_one = [replace(model, id=f"d-{n}", position=n, item_number=n + 1) for n in range(12)]
    from_two = [replace(p, item_number=p.item_number + 1) for p in from_one]
    both = numbered_item("10", from_one)
    assert (both.passage.id, both.certain) == ("d-9", True)
    number = numbered_item("10", from_two)
    assert (number.passage.item_number, number.passage.id, number.certain) == (10, "d-8", False)
    old = numbered_item("01", from_two)  # never an item number: the first place
    assert (old.passage.id, old.certain) == ("d-0", True)
    assert numbered_item("1", from_two) is None  # no item 1, and "1" was never an old id
    twice = from_one[:3] + [replace(from_one[3], item_number=3)] + from_one[4:]
    assert numbered_item("3", twice) is None


# --- 9: the Atom feed ---------------------------------------------------------------------------

def feed(client, **query) -> ET.Element:
    response = client.get("/feed", query_string=query)
    assert response.status_code == 200 and response.mimetype == "application/atom+xml", response.get_data(as_text=True)
    return ET.fromstring(response.get_data())


def test_a_decision_keeps_its_lines_in_the_feed_as_on_the_page(client):
    """«…opfordrer til:\\n1) …\\n2) …» stood in one <p> with raw newlines: a feed reader ran the
    numbered points together. The page breaks them with <br>."""
    hits = {h["id"]: h for h in api(client, sort="newest", page_size=100)["hits"]}
    checked = 0
    for entry in feed(client).findall(f"{ATOM}entry"):
        hit = hits[entry.find(f"{ATOM}link").get("href").split("?")[0].rsplit("/", 1)[1]]
        if "\n" not in hit["decision"]:
            continue
        summary = BeautifulSoup(entry.find(f"{ATOM}summary").text, "html.parser")
        decision = next(p for p in summary.select("p") if p.strong and p.strong.get_text().startswith("Beslutning"))
        label = decision.strong.get_text()
        # labelled with its outcome as the page labels it (tests/test_outcome_facet.py)
        said = [hit["outcome"].lower()] if hit["outcome"] not in (None, "Andet") else []
        said += ["uddrag"] if hit["decision"].endswith("…") else []
        assert label == (f"Beslutning ({', '.join(said)}):" if said else "Beslutning:")
        assert len(decision.select("br")) == hit["decision"].count("\n")
        lines = [line.strip() for line in decision.get_text("\n").split("\n") if line.strip()]
        assert " ".join(lines) == f"{label} " + " ".join(line.strip() for line in hit["decision"].split("\n") if line.strip())
        checked += 1
    assert checked >= 2


def test_a_feed_entry_says_when_its_decision_is_cut_and_when_its_item_has_no_date(seed_index):
    """«…Imod stemte Jens Olsen (Ø)», the end of a decision cut to the words found, read as a
    rejection of a sale the council approved; an undated item was dated by the index's commit,
    the newest meeting to a feed reader (journalist review)."""
    from search import SearchRequest
    from webui import create_app
    from webui.search_views import feed_entry

    hit = seed_index.search(SearchRequest(page_size=1)).hits[0]
    cut = replace(hit, decision="Salget blev godkendt …", decision_html="", snippet_from="text",
                  meeting_date=None, year=None)
    with create_app({"TESTING": True, "INDEX_DIR": str(seed_index.path)}).test_request_context("/feed"):
        entry = feed_entry(cut, "2026-12-04T20:00:00Z", {})
        whole = feed_entry(replace(cut, decision="Godkendt."), "2026-12-04T20:00:00Z", {})
        dated = feed_entry(hit, "2026-12-04T20:00:00Z", {})
    assert "<strong>Beslutning (uddrag):</strong>" in entry["summary"]
    assert "<strong>Beslutning:</strong> Godkendt." in whole["summary"]
    assert entry["title"].endswith(" (udateret)") and entry["updated"] == "2026-12-04T20:00:00Z"
    assert not dated["title"].endswith("(udateret)") and dated["updated"] != "2026-12-04T20:00:00Z"


def test_a_decision_without_marks_is_escaped_line_by_line(seed_index):
    from search import SearchRequest
    from webui.search_views import decision_lines

    hit = replace(seed_index.search(SearchRequest(page_size=1)).hits[0],
                  decision='Godkendt <script>x</script>\n1) "a" & b', decision_html="")
    assert str(decision_lines(hit)) == "Godkendt &lt;script&gt;x&lt;/script&gt;<br>1) &#34;a&#34; &amp; b"


def test_the_feed_s_page_is_the_search_listed_as_the_feed_lists_it(client):
    """`/feed?q=flygtninge&page=99` linked `/?q=flygtninge&page=99`, a 404 page; a page the feed
    ignores is no part of its page (nor of its address), and the page lists what the feed does."""
    root = feed(client, q="flygtninge", page=99, page_size=5, sort="oldest")
    alternate = next(link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "alternate")
    url = urlsplit(alternate)
    assert url.path == "/" and parse_qs(url.query) == {"q": ["flygtninge"], "sort": ["added"]}
    shown = client.get(f"{url.path}?{url.query}")
    assert shown.status_code == 200
    entries = [e.find(f"{ATOM}link").get("href").split("?")[0].rsplit("/", 1)[1] for e in root.findall(f"{ATOM}entry")]
    page_ids = [h["id"] for h in api(client, **{k: v[0] for k, v in parse_qs(url.query).items()})["hits"]]
    assert page_ids and entries[:len(page_ids)] == page_ids
    self_link = next(link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert parse_qs(urlsplit(self_link).query) == {"q": ["flygtninge"]}


@pytest.mark.parametrize("params", [{"page": "abc"}, {"sort": "tilfældig"}, {"page_size": "0"}])
def test_a_parameter_the_feed_ignores_is_no_error(client, params):
    assert feed(client, q="flygtninge", **params).findall(f"{ATOM}entry")


@pytest.mark.parametrize("params, code", [
    ({"year": "abc"}, "invalid_year"),
    ({"from": "igår"}, "invalid_date"),
    ({"from": "2017", "to": "2015"}, "invalid_period"),
    ({"decisions_only": "måske"}, "invalid_decisions_only"),
    ({"q": "x" * 501}, "query_too_long"),
])
def test_a_bad_parameter_of_the_feed_is_told_in_plain_danish_text_with_the_api_s_code(client, params, code):
    """`/feed?year=abc` answered an HTML page to a feed reader."""
    response = client.get("/feed", query_string={"q": "flygtninge", **params})
    assert response.status_code == 400 and response.content_type == "text/plain; charset=utf-8"
    body = response.get_data(as_text=True)
    expected = client.get("/api/search", query_string={"q": "flygtninge", **params}).get_json()
    assert expected["code"] == code
    assert body == f"Ugyldig forespørgsel\n{expected['message']}\nFejlkode: {code} (parameter: {expected['parameter']})\n"
    assert "<" not in body


def test_other_errors_of_the_feed_are_plain_text_too(client):
    raw = client.get("/feed?q=N%E6stved")  # Latin-1, not UTF-8
    assert raw.status_code == 400 and raw.mimetype == "text/plain"
    assert "invalid_encoding" in raw.get_data(as_text=True)
    posted = client.post("/feed")
    assert posted.status_code == 405 and posted.mimetype == "text/plain"
    assert posted.get_data(as_text=True).startswith("Ikke tilladt\nDen metode er ikke tilladt her.")
    assert client.get("/", query_string={"year": "abc"}).mimetype == "text/html"  # the pages stay pages


# --- 13: JSON twins of the help and follow pages -------------------------------------------------

def searches(urls) -> list[tuple[str, tuple]]:
    """Search URLs as comparable values: path and sorted parameters."""
    out = []
    for href in urls:
        url = urlsplit(href)
        out.append((url.path, tuple(sorted((k, tuple(v)) for k, v in parse_qs(url.query).items()))))
    return sorted(out)


def test_the_help_page_s_examples_are_listed_as_json(client):
    """`/api/hjaelp` answered 404: the help page was the one view without a JSON twin."""
    response = client.get("/api/hjaelp")
    assert response.status_code == 200 and response.content_type == JSON_TYPE
    assert response.headers["Link"] == '</hjaelp>; rel="alternate"; type="text/html"'
    body = response.get_json()
    page = client.get("/hjaelp")
    assert page.headers["Link"] == '</api/hjaelp>; rel="alternate"; type="application/json"'
    html = soup(page)
    examples = [e for section in body["sections"] for e in section["examples"]]
    shown = [a["href"] for a in html.select("article.help a[href]") if urlsplit(a["href"]).path == "/" and urlsplit(a["href"]).query]
    assert len(examples) >= 30 and searches(e["url"] for e in examples) == searches(shown)
    for section in body["sections"]:
        anchor = urlsplit(section["url"]).fragment
        heading = html.select_one(f"section#{anchor} h2")
        assert section["id"] == anchor and heading.get_text() == section["title"]
    for example in examples:
        assert parse_qs(urlsplit(example["url"]).query).get("q") == [example["query"]]
        assert urlsplit(example["json"]).query == urlsplit(example["url"]).query
        answer = client.get(example["json"])
        assert answer.status_code == 200 and answer.get_json()["total"] > 0, example


def test_the_follow_page_has_a_json_twin_with_the_feed_and_the_search(client):
    params = {"q": "flygtninge", "municipality": "Næstved", "sort": "oldest", "page": "2"}
    response = client.get("/api/foelg", query_string=params)
    assert response.status_code == 200 and response.content_type == JSON_TYPE
    body = response.get_json()
    page_response = client.get("/foelg", query_string=params)
    page = soup(page_response)
    assert page_response.headers["Link"] == f'<{body["links"]["json"]}>; rel="alternate"; type="application/json"'
    assert response.headers["Link"] == f'<{body["links"]["html"]}>; rel="alternate"; type="text/html"'
    assert body["description"] == page.select_one(".lead strong").get_text() == "«flygtninge» · Kommune: Næstved"
    assert body["feed_address"] == page.select_one("#feed-adresse")["value"]
    assert urlsplit(body["feed_address"]).path == "/feed" and body["links"]["feed"] == page.select_one("a.feed-link")["href"]
    back = next(a["href"] for a in page.select("main a") if a.get_text() == "Tilbage til søgningen")
    assert body["links"]["search"] == back
    assert client.get(body["links"]["search_json"]).get_json() == api(client, **params)
    assert client.get(body["links"]["feed"]).mimetype == "application/atom+xml"
    bad = client.get("/api/foelg", query_string={"year": "abc"})
    assert bad.status_code == 400 and bad.get_json()["code"] == "invalid_year"


@pytest.mark.parametrize("typed", ["naestved", "NÆSTVED"])
def test_the_follow_page_spells_a_filter_as_its_feed_and_the_api_do(client, typed):
    """`/api/foelg?municipality=naestved` described «Kommune: naestved» while the feed it links is
    titled «Kommune: Næstved» and `/api/search` says the filter as «Næstved» (an API review)."""
    import xml.etree.ElementTree as ET

    params = {"q": "flygtninge", "municipality": typed}
    body = client.get("/api/foelg", query_string=params).get_json()
    page = soup(client.get("/foelg", query_string=params))
    feed_title = ET.fromstring(client.get(body["links"]["feed"]).get_data()).find("{http://www.w3.org/2005/Atom}title").text
    assert api(client, **params)["filters"] == {"municipality": ["Næstved"]}
    assert body["description"] == page.select_one(".lead strong").get_text() == "«flygtninge» · Kommune: Næstved"
    assert feed_title == "Referatsøg: " + body["description"]


@pytest.mark.parametrize(("page", "params"), [("/hjaelp", {}), ("/foelg", {"q": "flygtninge", "municipality": "Næstved"})])
def test_help_and_follow_pages_name_their_json_twin_in_the_head_too(client, page, params):
    # A crawler or a Datasette-minded user reads <link rel="alternate">, as on the other pages.
    link = soup(client.get(page, query_string=params)).select_one('link[rel="alternate"][type="application/json"]')
    assert link is not None
    twin = client.get(link["href"])
    assert twin.status_code == 200 and twin.is_json
    if params:
        assert parse_qs(urlsplit(link["href"]).query) == {k: [v] for k, v in params.items()}
        assert "flygtninge" in twin.get_json()["description"]


@pytest.mark.parametrize("tail", ["/", ".", ")", ".)"])
def test_a_pasted_permalink_with_a_trailing_slash_or_punctuation_leads_to_its_page(client, tail):
    """`/passage/<id>/` and `/document/<id>.` (a pasted link picks up a slash or a sentence's full
    stop) gave a bare 404 (a web review). Ids are letters, digits and hyphens: a redirect for good."""
    fifteen = next(p for p in items(client, MINUTES_2015) if p["item_number"] == 15)
    pages = [f"/passage/{fifteen['id']}", f"/document/{MINUTES_2015}"] + ([] if tail == "/" else [f"/api/passage/{fifteen['id']}"])
    for page in pages:
        response = client.get(page + tail, query_string={"q": "flygtninge"} if tail == "/" else None)
        assert response.status_code == 301, (page, tail)
        assert response.headers["Location"] == page + ("?q=flygtninge" if tail == "/" else "")
        assert client.get(response.headers["Location"]).status_code == 200
    assert client.get("/findes-ikke/").status_code == 404


def test_an_item_opened_with_a_query_that_is_not_utf8_shows_no_search_note(client):
    """`?q=%ff` is refused by the search page (400) but was shown on an item page as a search
    «%FF» whose words were not in the item (a web review)."""
    fifteen = next(p for p in items(client, MINUTES_2015) if p["item_number"] == 15)
    response = client.get(f"/passage/{fifteen['id']}?q=%ff")
    assert response.status_code == 200 and soup(response).select_one(".marked-note") is None
    assert client.get("/?q=%ff").status_code == 400
