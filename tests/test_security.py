"""The web UI and JSON API against a hostile visitor and hostile documents.

Each test here reproduces an attack that once worked (a 500, a page tens of megabytes long
from one request, a request that kept a worker busy for seconds, a cached error) and checks
the outcome a visitor gets now. Escaping of queries and documents in the ordinary pages is
covered in `test_webui.py` (`test_a_malicious_query_is_inert`, `test_a_malicious_document_is_inert`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from search.api import MAX_PAGE, MAX_PAGE_SIZE
from webui import create_app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
INPUTS = ROOT / "tests" / "fixtures" / "inputs"
JSON_TYPE = "application/json; charset=utf-8"

MINUTES = """Skurkeby Kommune

REFERAT

Byrådet

Mødedato: 02.02.2020

1. Xylofonkoncert i rådhushallen

Sagsfremstilling

Der søges om lov til en xylofonkoncert.

Beslutning

Godkendt.
"""


def build(tmp_path: Path, files: dict[str, str | Path]) -> tuple[Path, object]:
    """A corpus of `files` (name -> text, or a file to copy), its index, and a test client."""
    from indexer.update import update_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, content in files.items():
        if isinstance(content, Path):
            shutil.copyfile(content, corpus / name)
        else:
            (corpus / name).write_text(content, encoding="utf-8")
    index_dir = tmp_path / "index"
    report = update_index([corpus], index_dir)
    assert not report.skipped, report.skipped
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)})
    return corpus, app.test_client()


def document_of(client, source: str) -> str:
    hits = client.get("/api/search", query_string={"page_size": 100}).get_json()["hits"]
    return next(h["document_id"] for h in hits if h["source"] == source)


# --- Source files --------------------------------------------------------------------------------

@pytest.mark.parametrize("brk", ["\n", "\u2028", "\u2029"])
def test_a_source_file_whose_name_holds_a_line_break_is_served_not_a_500(tmp_path, brk):
    """Linux allows a line break in a file name, a header never: the download name was put
    into Content-Disposition as it was, and werkzeug refused the header (500). Werkzeug
    refuses every break `str.splitlines` knows, Unicode's line and paragraph separators too."""
    name = f'skurkeby-byraadet-referat-2020-02-02 "a";b{brk}X-Injected: 1.txt'
    corpus, client = build(tmp_path, {name: MINUTES})
    with client.get(f"/source/{document_of(client, name)}") as response:
        assert response.status_code == 200
        assert response.data == (corpus / name).read_bytes()
        assert response.mimetype == "text/plain"
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith("inline;") and len(disposition.splitlines()) == 1
        assert "X-Injected" not in response.headers
    # The page that links to it shows the name as text, as ever.
    assert b"X-Injected: 1.txt" in client.get(f"/document/{document_of(client, name)}").data


def test_an_html_source_is_shown_sandboxed_never_as_a_page_of_our_origin(tmp_path):
    """A council's web page holds its own scripts (analytics, cookie banners): served inline from
    our origin it would be stored XSS. It runs in a CSP sandbox with an opaque origin, with no
    script, form or framing."""
    name = "boegeskov-integrationsraadet-referat-2016-09-14.html"
    _corpus, client = build(tmp_path, {name: INPUTS / name})
    with client.get(f"/source/{document_of(client, name)}") as response:
        assert response.status_code == 200 and response.mimetype == "text/html"
        assert b"<script>" in response.data  # the file as published, scripts and all …
        directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in response.headers["Content-Security-Policy"].split(";"))
        assert "sandbox" in directives and directives["sandbox"] == ""  # … but none of it may run
        assert "'unsafe-inline'" not in directives.get("script-src", "") and directives["default-src"] == "'none'"
        assert directives["frame-ancestors"] == "'none'" and directives["form-action"] == "'none'"
        assert "'self'" not in directives["img-src"]  # an <img> could make each reader run a search
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"


HOSTILE_PAGE = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>Byrådet - Referat 3. marts 2020 | Skurkeby Kommune</title>
<meta http-equiv="refresh" content="0;url=/?q=omdirigeret">
<script>document.title = "KØRT"; alert("script"); fetch("/api/search?q=script-hentede");</script>
</head><body onload="alert('onload')">
<h1>Byrådet - Referat</h1>
<p>Dato: 3. marts 2020</p>
<h2>1. Xylofonkoncert i hallen</h2>
<h3>Sagsfremstilling</h3>
<p>Der søges om en xylofonkoncert. <img src="/api/search?q=billede-hentede" onerror="alert('img')"></p>
<form action="/?q=formular-sendt" method="get"><button id="send">Send</button></form>
<h3>Beslutning</h3>
<p>Godkendt.</p>
</body></html>
"""


@pytest.mark.browser
def test_an_html_source_runs_nothing_in_a_real_browser(tmp_path):
    """What the CSP sandbox promises, in Chromium: the page shows, and none of its scripts,
    handlers, redirects, forms or requests to our origin run."""
    from playwright.sync_api import sync_playwright

    from webui.screenshot import CHROMIUM, MISSING_CHROMIUM, launch_chromium, running_server

    assert Path(CHROMIUM).exists(), MISSING_CHROMIUM
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "skurkeby-byraadet-referat-2020-03-03.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    with running_server(tmp_path / "index", corpus) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        dialogs: list[str] = []
        requested: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("response", lambda response: requested.append(response.url))  # what reached the server
        hits = page.goto(base + "/api/search?q=xylofonkoncert").json()["hits"]
        assert hits, "the page was not indexed"
        page.goto(f"{base}/source/{hits[0]['document_id']}")
        page.wait_for_timeout(1500)  # time for a redirect, a script or an image to happen
        page.click("#send", timeout=5000)
        page.wait_for_timeout(500)
        assert page.title() == "Byrådet - Referat 3. marts 2020 | Skurkeby Kommune"
        assert page.url == f"{base}/source/{hits[0]['document_id']}"
        assert page.locator("h2").inner_text() == "1. Xylofonkoncert i hallen"
        assert dialogs == []
        assert not [url for url in requested if "hentede" in url or "omdirigeret" in url or "formular" in url]
        browser.close()

def test_a_markdown_source_named_markdown_is_shown_as_text_like_md(tmp_path):
    """The indexer reads `.markdown` as it reads `.md`; the source link downloaded it as an
    attachment of a type no browser shows, where `.md` is shown as text."""
    _corpus, client = build(tmp_path, {"skurkeby-byraadet-referat-2020-02-02.markdown": MINUTES})
    with client.get(f"/source/{document_of(client, 'skurkeby-byraadet-referat-2020-02-02.markdown')}") as response:
        assert response.status_code == 200
        assert response.mimetype == "text/plain" and response.mimetype_params["charset"] == "utf-8"
        assert response.headers["Content-Disposition"].startswith("inline;")



def test_a_range_past_the_end_of_a_source_says_how_long_the_file_is(tmp_path):
    """A 416 must name the file's length (RFC 9110: Content-Range: bytes */length), so a client
    can ask again; the error handler kept only Allow of werkzeug's headers."""
    corpus, client = build(tmp_path, {"skurkeby-byraadet-referat-2020-02-02.txt": MINUTES})
    size = (corpus / "skurkeby-byraadet-referat-2020-02-02.txt").stat().st_size
    response = client.get(f"/source/{document_of(client, 'skurkeby-byraadet-referat-2020-02-02.txt')}",
                          headers={"Range": f"bytes={size + 10}-{size + 20}"})
    assert response.status_code == 416 and response.headers["Content-Range"] == f"bytes */{size}"
    assert "Den ønskede del af filen findes ikke" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"

@pytest.mark.parametrize("asked", ["bytes=abc", "bytes=5-1", "bytes=0-1,3-4,5-6", "items=0-5"])
def test_a_range_that_cannot_be_served_is_ignored_and_the_whole_file_sent(tmp_path, asked):
    """RFC 9110: a malformed Range, or one asking for several parts, is ignored (werkzeug
    answered 416 with the error page); one valid range is served as asked."""
    corpus, client = build(tmp_path, {"skurkeby-byraadet-referat-2020-02-02.txt": MINUTES})
    whole = (corpus / "skurkeby-byraadet-referat-2020-02-02.txt").read_bytes()
    address = f"/source/{document_of(client, 'skurkeby-byraadet-referat-2020-02-02.txt')}"
    with client.get(address, headers={"Range": asked}) as response:
        assert response.status_code == 200 and response.data == whole
    with client.get(address, headers={"Range": "bytes=0-9"}) as response:
        assert response.status_code == 206 and response.data == whole[:10]


# --- Errors are not cached ---------------------------------------------------------------------

@pytest.mark.parametrize("method, path, status", [
    ("get", "/passage/findes-ikke", 404),
    ("get", "/api/passage/findes-ikke", 404),
    ("get", "/source/findes-ikke", 404),
    ("get", "/intet-her", 404),
    ("get", "/?page=0", 400),
    ("get", "/api/search?page=0", 400),
    ("get", "/?q=integrationsr%C3%A5det&page=999", 404),
    ("get", "/api/search?q=integrationsr%C3%A5det&page=999", 404),
    ("post", "/", 405),
    ("post", "/hjaelp", 405),
    ("put", "/api/search", 405),
])
def test_an_error_is_never_stored_by_a_browser_or_proxy(client, method, path, status):
    """An error answer held no Cache-Control: a 404 is cacheable by default (RFC 9111), so a
    proxy could keep answering "not found" for a passage after the reindex that adds it."""
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response.headers["Cache-Control"] == "no-store"
    assert "ETag" not in response.headers


def test_the_help_page_repeats_nothing_a_visitor_sends(client):
    """The help page is the same for everyone: a query string or a forged Host header puts
    nothing into it (its example links are built by the site, root-relative)."""
    plain = client.get("/hjaelp").get_data(as_text=True)
    hostile = client.get('/hjaelp?q=<script>alert(1)</script>&from="><img src=x>',
                         headers={"Host": "angriber.example"})
    assert hostile.status_code == 200 and hostile.get_data(as_text=True) == plain
    assert "angriber" not in plain and "alert(" not in plain and "<img" not in plain


def test_an_error_while_no_index_exists_is_never_stored(tmp_path):
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none"), "CORPUS_DIR": str(SEEDS)}).test_client()
    for path in ("/", "/api/search", "/healthz"):
        response = client.get(path)
        assert response.status_code == 503 and response.headers["Cache-Control"] == "no-store"


def test_a_successful_answer_keeps_its_own_caching(client):
    assert client.get("/api/search?q=bolig").headers["Cache-Control"] == "no-cache"
    assert client.get("/healthz").headers["Cache-Control"] == "no-store"
    with client.get("/static/style.css") as response:
        assert response.headers["Cache-Control"] == "no-cache"




# --- The Atom feed ---------------------------------------------------------------------------------

def test_a_noncharacter_in_a_document_or_the_query_never_breaks_the_feed(tmp_path):
    """XML 1.0 allows U+FFFE/U+FFFF nowhere, not even escaped. A document holding one (a broken
    UTF-16 conversion leaves U+FFFE; the indexer keeps it as text) made every feed that listed it,
    the feed of all items included, unreadable to every feed reader: one bad file stopped every
    subscriber's feed."""
    import xml.etree.ElementTree as ET

    minutes = MINUTES.replace("en xylofonkoncert.", "en xylofonkoncert \ufffe med \uffff tegn.")
    _corpus, client = build(tmp_path, {"skurkeby-byraadet-referat-2020-02-02.txt": minutes.replace(
        "1. Xylofonkoncert i rådhushallen", "1. Xylofonkoncert \ufffe i rådhushallen")})
    hits = client.get("/api/search", query_string={"q": "xylofonkoncert"}).get_json()["hits"]
    assert "\ufffe" in hits[0]["title"]  # kept by the engine, as text
    for query in ("xylofonkoncert", "", "xylofon\ufffekoncert\uffff"):
        response = client.get("/feed", query_string={"q": query})
        assert response.status_code == 200 and response.mimetype == "application/atom+xml"
        feed = ET.fromstring(response.data)  # raised "not well-formed (invalid token)"
        atom = "{http://www.w3.org/2005/Atom}"
        if query == "xylofonkoncert":
            assert feed.find(f"{atom}entry/{atom}title").text == "1. Xylofonkoncert  i rådhushallen"

# --- Parameters --------------------------------------------------------------------------------

@pytest.mark.parametrize("query, status, expected", [
    ("page=" + "9" * 5000, 400, "invalid_page"),  # Python refuses int() of over 4,300 digits: it was a 500
    ("page_size=" + "1" * 4301, 400, "invalid_page_size"),
    ("page=-" + "9" * 5000, 400, "invalid_page"),
    ("page=" + "0" * 5000 + "2", 200, 2),  # a number, however many leading zeros it is written with
    ("page=+0000003", 200, 3),
])
def test_a_page_number_of_thousands_of_digits_is_a_danish_400_not_a_500(client, query, status, expected):
    name = query.split("=")[0]
    for path in ("/", "/api/search"):
        response = client.get(f"{path}?q=integrationsr%C3%A5det&page_size=1&{query}")
        assert response.status_code == status, response.get_data(as_text=True)[:300]
        if path == "/api/search":
            body = response.get_json()
            if status == 400:
                # The error names the parameter that was wrong, and that parameter's range.
                highest = {"page": MAX_PAGE, "page_size": MAX_PAGE_SIZE}[name]
                assert (body["code"], body["parameter"]) == (expected, name)
                assert body["message"].endswith(f"skal være mellem 1 og {highest:,}.".replace(",", "."))
            else:
                assert body["page"] == expected


def test_an_invalid_number_is_quoted_cut_short(client):
    """The error quoted the whole value: a 100 KB parameter came back in the answer."""
    response = client.get("/api/search?page_size=" + "x" * 100_000)
    assert response.status_code == 400 and len(response.data) < 500
    assert "«" + "x" * 40 + "…»" in response.get_json()["message"]
    assert len(client.get("/?page=" + "x" * 100_000).data) < 20_000

# --- One request, one page of bounded size -------------------------------------------------------

def filters(count: int, length: int, facets=("municipality", "council", "case_handler", "topic", "doc_type")):
    """`count` made-up values of `length` characters (æ: six bytes each in a URL) per facet."""
    return [(facet, f"{i:02d}" + "æ" * (length - 2)) for facet in facets for i in range(count)]


def test_many_long_filter_values_are_refused_not_repeated_in_every_link(client):
    """Each facet took 20 values of 200 characters, and every link of the page (each facet value,
    chip, sort and page) repeats them all: a 120 KB request made a 35 MB page in two seconds,
    and a 360 KB Link header in the API, more than any proxy forwards."""
    from urllib.parse import urlencode

    query = urlencode([("q", "integrationsrådet"), *filters(20, 200)])
    page = client.get("/?" + query)
    assert page.status_code == 400 and len(page.data) < 50_000
    text = page.get_data(as_text=True)
    assert "for mange filtre" in text and "Traceback" not in text
    assert 'value="integrationsrådet"' in text  # the form keeps the query, without the filters
    answer = client.get("/api/search?" + query)
    assert answer.status_code == 400 and answer.content_type == JSON_TYPE
    body = answer.get_json()
    assert body["code"] == "too_many_filter_values" and "for mange filtre" in body["message"]
    assert len(answer.data) < 1000 and "Link" not in answer.headers


def test_the_largest_state_allowed_still_gives_a_page_of_bounded_size(client):
    """The longest query and as many filter characters as are allowed: the page stays under a
    megabyte, and the Link header under what a proxy forwards by default (nginx: 4-8 KB per
    header buffer, here with a margin for the longest query)."""
    from urllib.parse import urlencode

    query = urlencode([("q", "integrationsrådet -" + "æ" * 480), ("municipality", "Næstved"),
                       *filters(5, 198, facets=("topic",))])
    page = client.get("/?" + query)
    assert page.status_code == 200 and len(page.data) < 1_000_000
    answer = client.get("/api/search?" + query)
    assert answer.status_code == 200 and len(answer.headers["Link"]) < 32_000


def test_everyday_multiple_choice_is_not_refused(client):
    """Twenty municipalities, ten councils and five topics at once are well inside the bound."""
    params = ([("municipality", f"Kommune nummer {i}") for i in range(20)]
              + [("council", f"Beskæftigelses- og integrationsudvalg {i}") for i in range(10)]
              + [("topic", f"emne {i}") for i in range(5)] + [("q", "integrationsrådet")])
    for path in ("/", "/api/search"):
        assert client.get(path, query_string=params).status_code == 200


# --- Pathological queries ---------------------------------------------------------------------

@pytest.fixture
def fuzzy_lookups(monkeypatch):
    """Counts the index's close-spelling look-ups (a Levenshtein automaton walked over the terms each)."""
    from search import suggest

    calls: list[str] = []
    original = suggest._terms_within

    def counted(terms, probe, limit):
        calls.append(probe)
        return original(terms, probe, limit)

    monkeypatch.setattr(suggest, "_terms_within", counted)
    return calls


def test_a_very_long_made_up_word_is_not_looked_up_for_close_spellings(client, fuzzy_lookups):
    """A query that matches nothing looks its words up for close spellings; the automaton grows
    with the word, so a 500-letter word kept a worker busy for 0.5-2 s (10k passages) on every
    request. Such a word is no Danish word, and nothing is close to it."""
    assert client.get("/api/search", query_string={"q": "flygtnige"}).get_json()["approximate"]
    assert fuzzy_lookups  # an ordinary typo is looked up …
    fuzzy_lookups.clear()
    for query in ("flygtninge" * 50, "bolig" + "x" * 495, " ".join(["æøåæøåæøåæøåæøåæøåæøåæøåæøåæøåæøåæøåæøå"] * 8)):
        body = client.get("/api/search", query_string={"q": query}).get_json()
        assert body["total"] == 0 and body["suggestion"] is None
    assert fuzzy_lookups == []  # … a made-up word of hundreds of letters is not


def test_a_long_compound_is_still_corrected(client):
    """The bound leaves real words alone: a typo in a long compound is still corrected."""
    body = client.get("/api/search", query_string={"q": "arbejdsmarkedstilknytnig"}).get_json()
    assert body["suggestion"].startswith("arbejdsmarkedstilknytning") and body["total"] > 0


def test_serving_a_large_text_source_does_not_hold_it_in_memory(tmp_path):
    """The charset of a text source was found by reading the whole file into memory and decoding
    it, on every request (a Range request for one byte too): a 200 MB file, the largest the
    indexer takes, cost 400 MB per concurrent request. It is read in pieces now, once per
    version of the file."""
    import tracemalloc

    corpus, client = build(tmp_path, {"skurkeby-byraadet-referat-2020-02-02.txt": MINUTES})
    source = corpus / "skurkeby-byraadet-referat-2020-02-02.txt"
    document = document_of(client, source.name)
    with source.open("a", encoding="utf-8") as file:  # the file grew after it was indexed
        file.write("Æblegrød og rådhus. " * 500_000)  # 10 MB of UTF-8
    tracemalloc.start()
    try:
        for headers in ({}, {"Range": "bytes=0-0"}):
            tracemalloc.reset_peak()
            response = client.get(f"/source/{document}", headers=headers)  # the body is not read yet
            peak = tracemalloc.get_traced_memory()[1]
            assert response.status_code in (200, 206) and response.mimetype_params["charset"] == "utf-8"
            response.close()
            assert peak < 2_000_000, peak
    finally:
        tracemalloc.stop()


def test_the_charset_of_a_text_source_follows_the_file(tmp_path):
    name = "lyngsoe-beskaeftigelses-og-integrationsudvalget-2012-03-13-latin1.txt"
    corpus, client = build(tmp_path, {name: INPUTS / name})
    document = document_of(client, name)
    with client.get(f"/source/{document}") as response:
        assert response.mimetype_params["charset"] == "windows-1252"
    legacy = (corpus / name).read_bytes()
    (corpus / name).write_bytes(legacy.decode("cp1252").encode("utf-8"))  # re-saved as UTF-8
    with client.get(f"/source/{document}") as response:
        assert response.mimetype_params["charset"] == "utf-8"
        assert response.data.decode("utf-8") == legacy.decode("cp1252")


def test_at_most_four_phrases_walk_positions_the_rest_are_searched_as_words(client, monkeypatch):
    """Each phrase walks the positions of its words in every passage holding them all: at 100k
    passages 25 phrases of common words ORed in one query took 5-12 s. The first four are
    phrases; later ones are their words, all required in any order, and the answer says so."""
    from whoosh.query import Phrase

    walked: set[tuple[str, ...]] = set()
    original = Phrase.matcher

    def counted(self, searcher, context=None):
        walked.add(tuple(self.words))
        return original(self, searcher, context)

    monkeypatch.setattr(Phrase, "matcher", counted)
    unmatched = [f'"xylofon{i} zebra{i}"' for i in range(4)]
    # "kontrol social" is no phrase of the seeds (they say "social kontrol"), but its words are there
    body = client.get("/api/search", query_string={"q": " OR ".join([*unmatched, '"kontrol social"', '"fra borger"'])}).get_json()
    assert body["total"] > 0 and "mere end 4 fraser" in body["notice"]
    assert body["hits"][0]["snippet"].count("<mark>") >= 2
    assert len(walked) <= 4 and ("kontrol", "social") not in walked
    # Four phrases are four phrases: the reversed one finds nothing, and nothing is said.
    body = client.get("/api/search", query_string={"q": " OR ".join([*unmatched[:3], '"kontrol social"'])}).get_json()
    assert body["total"] == 0 and "fraser" not in (body["notice"] or "")


# --- Search engines -------------------------------------------------------------------------
# A search for a person's name or a case became a page of its own in a search engine when a link
# to it was crawled (a privacy review): searches, the API and the feeds are not for listing.


@pytest.mark.parametrize("path, listed", [
    ("/?q=Ole+Madsen", False), ("/?municipality=N%C3%A6stved", False), ("/api/search?q=flygtninge", False),
    ("/feed?q=flygtninge", False), ("/foelg?q=flygtninge", False), ("/api/status", False),
    ("/", True), ("/hjaelp", True),
])
def test_searches_and_the_api_ask_search_engines_not_to_list_them(client, path, listed):
    response = client.get(path)
    assert response.status_code == 200
    assert (response.headers.get("X-Robots-Tag") is None) is listed


def test_an_agenda_items_page_may_be_listed(client):
    item = client.get("/api/search", query_string={"q": "flygtninge"}).get_json()["hits"][0]
    response = client.get(f"/passage/{item['id']}")
    # the item's own page, served: no noindex header, and robots.txt does not keep crawlers out
    assert response.status_code == 200
    assert response.headers.get("X-Robots-Tag") is None
    assert item["title"] in response.get_data(as_text=True)
    disallowed = [line.removeprefix("Disallow: ") for line in
                  client.get("/robots.txt").get_data(as_text=True).splitlines() if line.startswith("Disallow: ")]
    assert disallowed and not any(f"/passage/{item['id']}".startswith(rule) for rule in disallowed)


def test_robots_txt_keeps_crawlers_out_of_searches_under_the_sites_prefix(client):
    assert client.get("/robots.txt").get_data(as_text=True).splitlines() == [
        "User-agent: *", "Disallow: /?", "Disallow: /feed", "Disallow: /foelg", "Disallow: /api/"]
    prefixed = client.get("/robots.txt", environ_overrides={"SCRIPT_NAME": "/referatsog"}).get_data(as_text=True)
    assert "Disallow: /referatsog/?" in prefixed.splitlines()
