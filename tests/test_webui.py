"""The web UI through Flask's test client, over real indexes built from the seeds.

Examples of use: a citizen searches, narrows by facets, reads a passage, cites it, opens
the source; a hostile query or document stays inert text; errors answer in Danish.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LAYOUTS, PDFS, api, soup
from search.api import FacetValue, InvalidParameter, SearchResponse, parse_request
from webui.links import with_hit_links
from webui import create_app
from webui.formatting import citation, snippet_html
from webui.help_examples import date_forms

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
QUERY = "flygtninge boligplacering"
BROAD = "integrationsrådet"  # matches every seed, in both municipalities


def hit_titles(page: BeautifulSoup) -> list[str]:
    return [" ".join(h.get_text().split()) for h in page.select("ol.hits h3")]


def passage_id(client, title: str, query: str = QUERY) -> str:
    hits = api(client, q=query, page_size=50)["hits"]
    return next(h["id"] for h in hits if h["title"] == title)


# --- Search page -------------------------------------------------------------------------

def test_search_page_shows_hits_in_danish(client):
    page = soup(client.get("/", query_string={"q": QUERY}))
    assert page.html["lang"] == "da"
    assert "Modtagelse af flygtninge" in hit_titles(page)
    count = page.select_one("h2.count").get_text(" ", strip=True)
    total = api(client, q=QUERY)["total"]
    assert count.startswith(f"{total} resultat")
    assert page.select_one("label[for=q]") and page.select_one("a.skip-link[href='#indhold']")


def test_every_hit_links_to_its_passage_and_shows_metadata(client):
    page = soup(client.get("/", query_string={"q": QUERY}))
    article = next(a for a in page.select("ol.hits article") if "Modtagelse af flygtninge" in a.h3.get_text())
    meta = article.select_one(".meta").get_text(" ", strip=True)
    for part in ("Næstved", "Integrationsrådet", "21. maj 2015", "punkt 15", "Mette Jung Christensen"):
        assert part in meta
    assert article.h3.a["href"].startswith("/passage/")
    assert article.select_one(".snippet mark"), "the snippet highlights the matching words"
    assert article.select_one(".decision-preview")
    hit = next(h for h in api(client, q=QUERY)["hits"] if h["title"] == "Modtagelse af flygtninge")
    assert hit["case_number"] and f"sagsnr. {hit['case_number']}" in meta
    assert article.select_one(".hit-source").get_text(strip=True) == f"Kilde: {hit['source']}"


@pytest.mark.parametrize("query, marked", [('"Mette Jung Christensen"', ["Mette", "Jung", "Christensen"]),
                                           ("00.01.00-A21-1-14", ["00.01.00-A21-1-14"])])
def test_a_search_by_case_handler_or_case_number_marks_it_in_the_hit(client, query, marked):
    """The text need not repeat the name or the case number: the meta line shows why the item matched."""
    article = soup(client.get("/", query_string={"q": query})).select_one("ol.hits article")
    assert [m.get_text() for m in article.select(".meta mark")] == marked


def pdf_site(tmp_path: Path):
    """A site of one corpus holding the fixture PDF of the 21.05.2015 minutes: (client, corpus, pdf)."""
    from indexer.update import update_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pdf = next(p for p in sorted(PDFS.glob("*.pdf")) if "2015-05-21" in p.name)
    shutil.copy(pdf, corpus / pdf.name)
    update_index([corpus], tmp_path / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}).test_client()
    return client, corpus, pdf


def test_a_pdf_hit_names_its_file_and_page(tmp_path):
    client, _corpus, pdf = pdf_site(tmp_path)
    hit = next(h for h in api(client, q=QUERY)["hits"] if h["title"] == "Modtagelse af flygtninge")
    article = next(a for a in soup(client.get("/", query_string={"q": QUERY})).select("ol.hits article")
                   if "Modtagelse af flygtninge" in a.h3.get_text())
    assert hit["page"] and article.select_one(".hit-source a").get_text(strip=True) == f"Kilde: {pdf.name}, side {hit['page']}"
    passage = soup(client.get(f"/passage/{hit['id']}"))
    # item 15 starts on page 4 and is decided on page 6: the citation names both
    assert passage.select_one("#citation").get_text(strip=True).endswith(
        f"Modtagelse af flygtninge (s. {hit['page']}, beslutningen s. 6)")
    assert passage.select_one("section.copies") is None  # published once: no other files to name


def test_a_passage_page_names_the_same_item_in_other_files(tmp_path):
    """The search shows one copy of an agenda item published as text and PDF; its page, and its
    JSON, lead a reader to the other file (the PDF with its page)."""
    from indexer.update import update_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "naestved-integrationsraadet-referat-2015-05-21.txt"
    shutil.copy(SEEDS / text, corpus / text)
    shutil.copy(PDFS / "referat-2015-05-21.pdf", corpus / "referat-2015-05-21.pdf")
    update_index([corpus], tmp_path / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}).test_client()
    [shown] = [h for h in api(client, q=QUERY)["hits"] if h["title"] == "Modtagelse af flygtninge"]
    assert shown["source"] == "referat-2015-05-21.pdf"
    page = soup(client.get(f"/passage/{shown['id']}"))
    [other] = page.select("section.copies li a")
    assert other.get_text(strip=True) == text
    text_page = soup(client.get(other["href"]))
    assert text_page.select_one("h1").get_text(" ", strip=True).endswith("Modtagelse af flygtninge")
    [back] = text_page.select("section.copies li a")
    assert back.get_text(strip=True) == f"referat-2015-05-21.pdf, side {shown['page']}"
    assert back["href"] == f"/passage/{shown['id']}"
    copies = client.get(other["href"].replace("/passage/", "/api/passage/")).get_json()["copies"]
    assert [(c["id"], c["source"], c["page"]) for c in copies] == [(shown["id"], "referat-2015-05-21.pdf", shown["page"])]
    assert copies[0]["links"]["source"].endswith(f"#page={shown['page']}")


def test_facet_links_narrow_hits_and_counts_consistently(client):
    before = api(client, q=BROAD)
    counts = before["facets"]["municipality"]
    assert len(counts) >= 2, counts
    for value, count in counts.items():
        after = api(client, q=BROAD, municipality=value)
        assert after["total"] == count
        assert {h["municipality"] for h in after["hits"]} == {value}
    for facet in ("municipality", "year", "doc_type", "council"):  # single-valued facets add up
        assert sum(before["facets"][facet].values()) == before["total"], facet


def test_one_facet_ors_and_different_facets_and(client):
    before = api(client, q=BROAD)
    years = sorted(before["facets"]["year"])[:2]
    both = api(client, q=BROAD, year=years)
    assert both["total"] == sum(before["facets"]["year"][y] for y in years)
    naestved = api(client, q=BROAD, municipality="Næstved")
    combined = api(client, q=BROAD, municipality="Næstved", doc_type="referat")
    assert combined["total"] == naestved["facets"]["doc_type"]["referat"]
    assert all(h["municipality"] == "Næstved" and h["doc_type"] == "referat" for h in combined["hits"])


def test_clicking_a_facet_shows_a_chip_that_removes_it(client):
    page = soup(client.get("/", query_string={"q": BROAD}))
    link = next(a for a in page.select("#facet-municipality ~ ul a") if "Roskilde" in a.get_text())
    count = int(link.select_one(".n").contents[0])
    narrowed = client.get(link["href"])
    narrowed_page = soup(narrowed)
    assert narrowed_page.select_one("h2.count").get_text(" ", strip=True).startswith(f"{count} resultat")
    chip = narrowed_page.select_one("a.chip")
    assert "Kommune:" in chip.get_text() and "Roskilde" in chip.get_text()
    assert parse_qs(urlsplit(link["href"]).query) == {"q": [BROAD], "municipality": ["Roskilde"]}
    assert parse_qs(urlsplit(chip["href"]).query) == {"q": [BROAD]}
    # The search form keeps the filter, so a new query searches within it.
    assert narrowed_page.select_one("form input[type=hidden][name=municipality]")["value"] == "Roskilde"
    # The selected value links to the URL without it.
    selected = narrowed_page.select_one(".facet a.selected")
    assert parse_qs(urlsplit(selected["href"]).query) == {"q": [BROAD]}


def test_sort_decisions_only_and_pagination_live_in_the_url(client):
    page = soup(client.get("/", query_string={"q": BROAD, "page_size": 3}))
    sort_links = {a.get_text(strip=True): a["href"] for a in page.select("nav.sort a")}
    assert set(sort_links) == {"Relevans", "Nyeste", "Ældste", "Senest tilføjet"}
    assert parse_qs(urlsplit(sort_links["Senest tilføjet"]).query)["sort"] == ["added"]
    assert parse_qs(urlsplit(sort_links["Nyeste"]).query)["sort"] == ["newest"]
    newest = api(client, q=BROAD, sort="newest", page_size=50)["hits"]
    dates = [h["meeting_date"] for h in newest if h["meeting_date"]]
    assert dates == sorted(dates, reverse=True)
    next_link = page.select_one("nav.pagination a[rel=next]")["href"]
    assert parse_qs(urlsplit(next_link).query)["page"] == ["2"]
    second = soup(client.get(next_link))
    assert second.select_one("nav.pagination a[aria-current=page]").get_text(strip=True).endswith("2")
    first_ids = {a["href"] for a in page.select("ol.hits h3 a")}
    second_ids = {a["href"] for a in second.select("ol.hits h3 a")}
    assert len(first_ids) == 3 and second_ids and first_ids.isdisjoint(second_ids)
    decisions = api(client, q=QUERY, decisions_only=1)
    assert decisions["decisions_only"] is True and decisions["total"] <= api(client, q=QUERY)["total"]
    switched = soup(client.get("/", query_string={"q": QUERY, "decisions_only": 1}))
    assert switched.select_one("#decisions_only").has_attr("checked")
    chip = next(c for c in switched.select("a.chip") if "Kun beslutninger" in c.get_text())
    assert parse_qs(urlsplit(chip["href"]).query) == {"q": [QUERY]}


def test_the_decisions_only_hint_names_no_particular_council(client):
    """Minutes come from city councils, committees and boards alike: the switch's hint said
    "rådet", which is wrong for a committee's or a board's decisions."""
    hint = soup(client.get("/")).select_one("#decisions-hint").get_text(" ", strip=True)
    assert hint == "– søg kun i det, der blev besluttet."
    assert "råd" not in hint.casefold()


def test_a_decision_snippet_is_shown_once_as_the_decision(client):
    """With "Kun beslutninger" the snippet is cut from the decision: each hit shows its decision
    once, with the match marked, not a snippet and then the same decision again."""
    for params in ({"q": "godkendt", "decisions_only": 1}, {"q": "beslutning:godkendt"}):
        page = soup(client.get("/", query_string=params))
        hit = next(h for h in page.select("li.hit") if h.h3.get_text().strip() == "Mødeplan 2017")
        assert hit.select_one("p.snippet") is None, params
        [decision] = hit.select("p.decision-preview")
        assert [m.get_text() for m in decision.select("mark")] == ["godkendt"], params
    everywhere = soup(client.get("/", query_string={"q": "mødeplan"}))
    hit = next(h for h in everywhere.select("li.hit") if h.h3.get_text().strip() == "Mødeplan 2017")
    # searched everywhere: a snippet of the text, and the decision below with its own marks (8266031)
    assert hit.select_one("p.snippet mark") and [m.get_text() for m in hit.select("p.decision-preview mark")] == ["Mødeplan"]


def test_empty_state_suggests_removing_filters(client):
    response = client.get("/", query_string={"q": QUERY, "municipality": "Roskilde", "decisions_only": "1"})
    page = soup(response)
    assert response.status_code == 200
    assert page.select_one("h2.count").get_text(strip=True).startswith("Ingen resultater")
    suggestions = {a.get_text(" ", strip=True): a["href"] for a in page.select(".empty a")}
    remove = next(href for text, href in suggestions.items() if "Roskilde" in text)
    assert parse_qs(urlsplit(remove).query) == {"q": [QUERY], "decisions_only": ["1"]}
    whole_items = next(href for text, href in suggestions.items() if "ikke kun i beslutningerne" in text)
    assert parse_qs(urlsplit(whole_items).query) == {"q": [QUERY], "municipality": ["Roskilde"]}
    (remove_all,) = [href for text, href in suggestions.items() if text.startswith("Fjern alle filtre")]
    assert "Modtagelse af flygtninge" in hit_titles(soup(client.get(remove_all)))


def test_suggestion_approximate_and_notice_are_shown(app, monkeypatch):
    def fake_search(state):
        # approximate hits (a page past them: no Hit to build); nothing found shows no banner (test_web_phone.py)
        return SearchResponse(request=state.request, total=3, hits=(), facets={"year": (FacetValue("2015", 0),)},
                              suggestion="flygtninge", approximate=True,
                              notice="Et citationstegn manglede; søgningen er læst uden det.")

    monkeypatch.setattr("webui.search_views.run_search", fake_search)
    page = soup(app.test_client().get("/", query_string={"q": '"flygtnige'}))
    suggestion = page.select_one(".suggestion a")
    assert suggestion.get_text() == "flygtninge"
    assert parse_qs(urlsplit(suggestion["href"]).query) == {"q": ["flygtninge"]}
    approximate = page.select_one(".approximate").get_text()
    assert "Omtrentlige resultater" in approximate and "citationstegn manglede" in approximate
    assert page.select_one(".notice") is None  # one box says both, not two boxes the same thing


def test_a_notice_without_approximate_hits_has_its_own_box(app, monkeypatch):
    def fake_search(state):
        return SearchResponse(request=state.request, total=0, hits=(), facets={},
                              notice="Et citationstegn manglede; søgningen er læst uden det.")

    monkeypatch.setattr("webui.search_views.run_search", fake_search)
    page = soup(app.test_client().get("/", query_string={"q": '"flygtninge'}))
    assert "citationstegn manglede" in page.select_one(".notice").get_text()
    assert page.select_one(".approximate") is None


# --- JSON API ----------------------------------------------------------------------------

def test_api_search_equals_the_engine_response(client, seed_index):
    params = {"q": QUERY, "municipality": ["Næstved"], "year": ["2015", "2019"], "sort": "newest"}
    response = client.get("/api/search", query_string=params)
    expected = seed_index.search(parse_request({k: v if isinstance(v, list) else [v] for k, v in params.items()}))
    assert response.get_json() == json.loads(json.dumps(with_hit_links(expected.to_json())))
    assert all(hit["id"] for hit in response.get_json()["hits"])


def test_a_hits_links_are_its_passage_pages_links_and_answer(client):
    """A client archiving a search built every address itself (and re-implemented which page a
    citation opens) or asked /api/passage once per hit (an API review): each hit links as its
    passage does, and every link answers."""
    hits = api(client, q="flygtninge", page_size=20)["hits"]
    assert len(hits) > 5
    for hit in hits:
        passage = client.get(hit["links"]["json"]).get_json()
        assert hit["links"] == {name: passage["links"][name] for name in hit["links"]}
        assert set(hit["links"]) == {"html", "json", "document", "document_json", "source", "cited_source"}
        for name, url in hit["links"].items():
            with client.get(url.split("#")[0]) as linked:  # a source file's answer holds it open
                assert linked.status_code == 200, name


def test_a_hits_links_carry_the_prefix_the_site_is_served_under(client):
    hit = client.get("/api/search", query_string={"q": "flygtninge"},
                     environ_overrides={"SCRIPT_NAME": "/referatsog"}).get_json()["hits"][0]
    assert all(url.startswith("/referatsog/") for url in hit["links"].values())


def test_api_search_equals_cli_json(client, seed_index_dir):
    from click.testing import CliRunner

    from indexer.cli import main

    result = CliRunner().invoke(main, ["search", QUERY, "--municipality", "Næstved", "--json",
                                       "--index-dir", str(seed_index_dir)])
    assert result.exit_code == 0, result.output
    cli = json.loads(result.output)
    web = api(client, q=QUERY, municipality="Næstved")
    assert web == cli


@pytest.mark.parametrize("params, code", [
    ({"year": "tyve"}, "invalid_year"),
    ({"sort": "tilfældig"}, "invalid_sort"),
    ({"page": "0"}, "invalid_page"),
    ({"page": "x"}, "invalid_page"),
    ({"decisions_only": "måske"}, "invalid_decisions_only"),
    ({"page_size": "1000"}, "invalid_page_size"),
    ({"q": "a" * 501}, "query_too_long"),
])
def test_bad_parameters_give_json_400_in_danish(client, params, code):
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 400
    body = response.get_json()
    with pytest.raises(InvalidParameter) as expected:
        parse_request({name: [value] for name, value in params.items()})
    assert body == {"status": 400, "code": code, "message": expected.value.message,
                    "parameter": expected.value.parameter}


def test_bad_parameter_on_the_page_explains_in_danish(client):
    response = client.get("/", query_string={"q": QUERY, "year": "tyve"})
    assert response.status_code == 400
    alert = soup(response).select_one("[role=alert]")
    assert "År skal være et årstal" in alert.get_text()
    assert parse_qs(urlsplit(alert.a["href"]).query) == {"q": [QUERY]}


def test_a_bad_parameter_keeps_every_other_setting(client):
    """A typo in one parameter must not throw away the filters the reader chose."""
    params = {"q": QUERY, "municipality": "Næstved", "year": "2015", "decisions_only": "1", "sort": "tilfældig"}
    response = client.get("/", query_string=params)
    assert response.status_code == 400
    page = soup(response)
    again = parse_qs(urlsplit(page.select_one("[role=alert] a")["href"]).query)
    assert again == {"q": [QUERY], "municipality": ["Næstved"], "year": ["2015"], "decisions_only": ["1"]}
    form = page.select_one("form.search-form")
    assert {(i["name"], i["value"]) for i in form.select("input[type=hidden]")} == {("municipality", "Næstved"), ("year", "2015")}
    assert form.select_one("#decisions_only").has_attr("checked") and form.select_one("#q")["value"] == QUERY
    # the page's own words for the sorts, not the API's (relevance, newest)
    assert "Den sortering findes ikke. Vælg relevans, nyeste, ældste eller senest tilføjet." in page.select_one("[role=alert]").get_text()


def test_several_bad_parameters_are_all_left_out(client):
    response = client.get("/", query_string={"q": QUERY, "page": "1_0", "year": "15", "topic": "bolig"})
    assert response.status_code == 400
    again = parse_qs(urlsplit(soup(response).select_one("[role=alert] a")["href"]).query)
    assert again == {"q": [QUERY], "topic": ["bolig"]}


@pytest.mark.parametrize("params, code", [
    ({"page": "1_0"}, "invalid_page"),  # int() would read 10
    ({"page": "\u0662"}, "invalid_page"),  # an Arabic-Indic two
    ({"year": "15"}, "invalid_year"),
    ({"year": "\u0662\u0660\u0661\u0665"}, "invalid_year"),  # Arabic-Indic digits pass str.isdigit()
    ({"topic": [f"emne {i}" for i in range(21)]}, "too_many_filter_values"),
    ({"municipality": "x" * 201}, "filter_value_too_long"),
])
def test_numbers_are_ascii_and_filters_are_bounded(client, params, code):
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 400 and response.get_json()["code"] == code


def test_a_year_in_full_width_digits_is_the_year(client):
    """Full-width digits (copied from a PDF viewer) are read as the texts are, in their plain
    form: «２０１５» is 2015, as in a query's `år:` and in `from`/`to`."""
    assert api(client, q=QUERY, year="２０１５")["hits"] == api(client, q=QUERY, year="2015")["hits"] != []


def test_a_page_past_the_last_shows_no_range_and_answers_404(client):
    total = api(client, q=QUERY)["total"]
    response = client.get("/", query_string={"q": QUERY, "page": 99})
    assert response.status_code == 404 and total < 990
    page = soup(response)
    assert page.select_one(".range") is None and page.select_one("nav.sort") is None
    first = page.select_one(".results a[href*='q=']")
    assert "Side 99 findes ikke i denne søgning" in page.select_one(".results").get_text()
    assert "page" not in parse_qs(urlsplit(first["href"]).query)


def test_a_page_past_the_last_says_how_many_there_are_and_links_the_last(client):
    """A reader far past the end (an old link, a changed index) was offered the first page only."""
    pages = api(client, q="flygtninge", page_size=2)["pages"]
    response = client.get("/", query_string={"q": "flygtninge", "page": 99, "page_size": 2})
    results = soup(response).select_one(".results")
    assert response.status_code == 404 and pages > 1
    assert f"Side 99 findes ikke i denne søgning; den har {pages} sider." in results.get_text()
    last = results.find("a", string="Gå til sidste side")
    assert parse_qs(urlsplit(last["href"]).query)["page"] == [str(pages)]
    assert client.get(last["href"]).status_code == 200


def test_control_characters_never_reach_the_page(client):
    for response in (client.get("/?q=flygtninge%00boligplacering%1b"), client.get("/?municipality=N%C3%A6stved%00"),
                     client.get("/passage/x%00y"), client.get("/document/%01")):
        text = response.get_data(as_text=True)
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text), response.request.url
    assert api(client, q="flygtninge\x00boligplacering")["total"] == api(client, q=QUERY)["total"]


def test_one_filter_spelled_two_ways_is_one_chip_labelled_as_indexed(client):
    def chip_labels(params) -> list[str]:
        chips = soup(client.get("/", query_string=params)).select("a.chip")
        return ["".join(a.find_all(string=True, recursive=False)).strip() for a in chips]

    assert chip_labels([("q", BROAD), ("municipality", "naestved"), ("municipality", "Næstved")]) == ["Næstved"]
    assert chip_labels({"q": BROAD, "municipality": "naestved"}) == ["Næstved"]


def test_one_result_is_counted_in_the_singular(client):
    page = soup(client.get("/", query_string={"q": "flygtninge"}))
    counts = [link.select_one(".n").get_text().split() for link in page.select(".facet li a")]
    assert ["1", "resultat"] in counts and any(n != "1" for n, _ in counts)
    assert all(word == ("resultat" if n == "1" else "resultater") for n, word in counts)


def test_doubled_slashes_are_not_found_in_danish_not_redirected(client):
    page = client.get("/passage//x")
    assert page.status_code == 404 and soup(page).h1.get_text() == "Ikke fundet"
    api_answer = client.get("/api//search")
    assert api_answer.status_code == 404 and api_answer.get_json()["code"] == "not_found"


def test_a_hit_opens_its_passage_with_the_searched_words_marked(client, seed_index):
    """A long agenda item read from a hit: the query's words are marked throughout, as in the
    snippet; the page says so, offers the unmarked page (`mark=0`, the way back kept), and
    keeps the marks when the reader walks on to the next item."""
    page = soup(client.get("/", query_string={"q": QUERY}))
    link = next(a.h3.a["href"] for a in page.select("ol.hits article") if "Modtagelse af flygtninge" in a.h3.get_text())
    assert link.endswith("?q=flygtninge+boligplacering")
    opened = soup(client.get(link))
    marked = [m.get_text().lower() for m in opened.select("article.passage mark")]
    text = seed_index.passage(link.split("/")[-1].split("?")[0]).text
    assert len(marked) == len(re.findall(r"(?i)\b(flygtning\w*|boligplacer\w*)", text)) + 1  # + the title's
    assert {"flygtninge", "boligplacering"} <= set(marked)
    note = opened.select_one(".marked-note")
    assert note.get_text(" ", strip=True).startswith("Ordene fra søgningen «flygtninge boligplacering» er markeret.")
    jump, plain = (a["href"] for a in note.select("a"))  # to the first mark in the text, and the plain page
    [first] = opened.select(jump)
    assert first.name == "mark" and first.find_parent("section") and first == opened.select("section mark")[0]
    assert opened.select_one('link[rel="canonical"]')["href"] == urlsplit(plain).path
    assert parse_qs(urlsplit(plain).query) == {"q": [QUERY], "mark": ["0"]}
    assert not soup(client.get(plain)).select("article.passage mark")
    assert opened.select_one('a[rel="next"]')["href"].endswith("?q=flygtninge+boligplacering")
    assert opened.select_one(".breadcrumbs a")["href"] == "/?q=flygtninge+boligplacering"
    # the JSON twin carries the same marks
    body = client.get(link.replace("/passage/", "/api/passage/")).get_json()
    assert body["marked"]["found"] and "<mark>flygtninge</mark>" in body["marked"]["title_html"].lower()
    assert "marked" not in client.get(plain.replace("/passage/", "/api/passage/")).get_json()


def test_the_item_shown_without_marks_keeps_its_way_back_to_the_search(client):
    """"Vis uden markering" led to the bare item: the reader lost "Søgeresultater" and the
    search's filters, sort and page. Now only the marks go, and they can be brought back."""
    search = {"q": "flygtninge", "municipality": "Næstved", "sort": "newest", "page_size": "3"}
    pid = passage_id(client, "Modtagelse af flygtninge")
    opened = soup(client.get(f"/passage/{pid}", query_string=search))
    back = opened.select_one(".breadcrumbs a")["href"]
    plain_link = next(a for a in opened.select(".marked-note a") if a.get_text() == "Vis uden markering")
    assert parse_qs(urlsplit(plain_link["href"]).query) == {**{k: [v] for k, v in search.items()}, "mark": ["0"]}

    plain = soup(client.get(plain_link["href"]))
    assert not plain.select("article.passage mark")
    assert plain.select_one(".breadcrumbs a").get_text() == "Søgeresultater"
    assert plain.select_one(".breadcrumbs a")["href"] == back  # the same hits, not a bare search
    # the reader goes on without marks: to the document, the next and previous item, and from
    # the document to its items
    unmarked = {**{k: [v] for k, v in search.items()}, "mark": ["0"]}
    document_link = plain.select(".breadcrumbs a")[1]["href"]
    assert parse_qs(urlsplit(document_link).query) == unmarked
    for link in plain.select("li.prev a, li.next a"):
        assert parse_qs(urlsplit(link["href"]).query) == unmarked
        assert not soup(client.get(link["href"])).select("article.passage mark")
    assert plain.select("li.prev a, li.next a")
    document = soup(client.get(document_link))
    item_links = [a["href"] for a in document.select("a[href*='/passage/']")]
    assert item_links and all(parse_qs(urlsplit(href).query).get("mark") == ["0"] for href in item_links)
    note = plain.select_one(".marked-note")
    assert note.get_text(" ", strip=True).startswith("Ordene fra søgningen «flygtninge» er ikke markeret.")
    again = note.select_one("a")
    assert again.get_text() == "Markér dem" and parse_qs(urlsplit(again["href"]).query) == parse_qs(urlsplit(back).query)
    assert soup(client.get(again["href"])).select("article.passage mark")
    # the JSON twin agrees: no marks asked for, none given
    body = client.get(f"/api/passage/{pid}", query_string={**search, "mark": "0"}).get_json()
    assert "marked" not in body


def test_a_passage_opened_from_a_search_it_does_not_contain_says_so_and_escapes_the_query(client):
    pid = passage_id(client, "Modtagelse af flygtninge")
    opened = soup(client.get(f"/passage/{pid}", query_string={"q": "<script>Abekatte</script>"}))
    assert not opened.select("script:not([src])") and not opened.select("article.passage mark")
    assert opened.select_one(".marked-note").get_text(" ", strip=True).startswith(
        "Ordene fra søgningen «<script>Abekatte</script>» står ikke i teksten her.")
    for nothing in ("", "-flygtninge", '"'):  # nothing to mark: the plain page
        assert not soup(client.get(f"/passage/{pid}", query_string={"q": nothing})).select(".marked-note, mark")


def test_api_passage_is_the_passage_json_plus_links(client, seed_index):
    pid = passage_id(client, "Modtagelse af flygtninge")
    body = client.get(f"/api/passage/{pid}").get_json()
    links = body.pop("links")
    assert body.pop("citation").endswith("punkt 15: Modtagelse af flygtninge")
    assert body.pop("copies") == []  # the seeds publish each item once
    assert body.pop("versions") == []  # nor any item in two versions
    assert body.pop("first_indexed") == body.pop("changed_at") is not None  # indexed once, unchanged since
    assert body.pop("permalink") == f"http://localhost/passage/{pid}"
    assert body.pop("cited_source_permalink") == f"http://localhost{links['cited_source']}"
    assert body.pop("decision_page") is None  # a text file has no pages
    assert body.pop("citation_gaps") == []  # the seed names its council, municipality, date and item
    assert body == json.loads(json.dumps(seed_index.passage(pid).to_json()))
    assert body["sections"] and list(body["sections"])[0] == "beslutning"
    for name in ("html", "json", "document", "source", "previous", "next"):
        with client.get(links[name].split("#")[0]) as linked:
            assert linked.status_code == 200, name


def test_api_document_lists_its_passages_in_order(client, seed_index):
    pid = passage_id(client, "Modtagelse af flygtninge")
    document_id = seed_index.passage(pid).document_id
    body = client.get(f"/api/document/{document_id}").get_json()
    assert [p["id"] for p in body["passages"]] == [p.id for p in seed_index.document(document_id)]
    assert body["meeting_date"] == "2015-05-21" and body["municipality"] == "Næstved"


# --- Passage, document and source pages ----------------------------------------------------

def test_passage_page_shows_the_decision_first_and_the_meeting(client, seed_index):
    pid = passage_id(client, "Modtagelse af flygtninge")
    page = soup(client.get(f"/passage/{pid}"))
    assert "Modtagelse af flygtninge" in page.h1.get_text()
    sections = page.select("article.passage section.section")
    assert "decision" in sections[0]["class"] and "Beslutning" in sections[0].h2.get_text()
    assert sections[0].select_one(".text").get_text(strip=True)
    assert "21. maj 2015" in page.select_one("dl.facts").get_text()
    assert page.select_one("#citation").get_text(strip=True) == (
        "Integrationsrådet, Næstved Kommune, referat af mødet 21.05.2015, punkt 15: Modtagelse af flygtninge")
    siblings = [p.id for p in seed_index.document(seed_index.passage(pid).document_id)]
    at = siblings.index(pid)
    assert page.select_one("a[rel=prev]")["href"] == f"/passage/{siblings[at - 1]}"
    assert page.select_one("a[rel=next]")["href"] == f"/passage/{siblings[at + 1]}"
    others = [a["href"] for a in page.select("nav.siblings a")]
    assert others == [f"/passage/{s}" for s in siblings]
    source = page.find("a", string="naestved-integrationsraadet-referat-2015-05-21.txt")
    assert source["href"] == f"/source/{seed_index.passage(pid).document_id}"


def test_a_placeholder_decision_has_no_decision_badge(client):
    hits = api(client, municipality="Roskilde", page_size=50)["hits"]
    item = next(h for h in hits if h["item_number"] == 9)
    page = soup(client.get(f"/passage/{item['id']}"))
    assert page.select_one(".no-decision") is not None
    assert page.select(".badge") == [] and page.select("section.decision") == []
    # nor a «Beslutning» heading over the «-» the template left, under the line that says none is recorded
    assert "Beslutning" not in [h2.get_text(strip=True) for h2 in page.select("main h2")]
    assert item["id"] not in {h["id"] for h in api(client, municipality="Roskilde", decisions_only=1, page_size=50)["hits"]}
    data = client.get(f"/api/passage/{item['id']}").get_json()
    assert data["has_decision"] is False
    assert [d["is_decision"] for d in data["section_details"] if d["key"] == "beslutning"] == [False]


def test_api_passage_keeps_each_sections_label_date_and_note(client, seed_index):
    """`sections` joins repeated keys into one text; `section_details` keeps what the page shows."""
    hits = api(client, municipality="Roskilde", page_size=50)["hits"]
    item = next(h for h in hits if h["item_number"] == 14)  # a decision, and an unfilled decision form
    data = client.get(f"/api/passage/{item['id']}").get_json()
    passage = seed_index.passage(item["id"])
    assert data["has_decision"] is True
    assert [(d["key"], d["label"], d["date"], d["note"], d["text"]) for d in data["section_details"]] == [
        (s.key, s.label, s.date, s.note, s.text) for s in passage.sections]
    assert [(d["key"], d["is_decision"]) for d in data["section_details"] if d["label"] == "Beslutning"] == [
        ("beslutning", True), ("uudfyldt_beslutning", False)]


def test_a_passage_page_shows_a_bounded_part_of_a_huge_text(tmp_path):
    from indexer.update import update_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sentence = "Integrationsrådet drøftede boligplacering af flygtninge i kommunens boliger. "
    (corpus / "notat.txt").write_text(sentence * 20_000, encoding="utf-8")  # 1.5 MB on one line
    update_index([corpus], tmp_path / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}).test_client()
    hit = api(client, q="boligplacering")["hits"][0]
    response = client.get(f"/passage/{hit['id']}")
    assert response.status_code == 200 and len(response.data) < 250_000
    assert "Teksten er afkortet her" in soup(response).select_one(".passage").get_text()


def test_passage_page_of_an_annual_report(client):
    hits = api(client, q=QUERY, doc_type="årsberetning")["hits"]
    assert hits
    page = soup(client.get(f"/passage/{hits[0]['id']}"))
    assert page.select_one("#citation").get_text(strip=True).startswith(
        f"Integrationsrådet, Næstved Kommune, årsberetning {hits[0]['year']}: ")
    assert "Alle afsnit i dokumentet" in page.get_text()


def test_document_page_lists_every_item(client, seed_index):
    pid = passage_id(client, "Modtagelse af flygtninge")
    document_id = seed_index.passage(pid).document_id
    page = soup(client.get(f"/document/{document_id}"))
    assert page.html["lang"] == "da" and "21. maj 2015" in page.h1.get_text()
    assert [a["href"] for a in page.select("ol.toc a")] == [f"/passage/{p.id}" for p in seed_index.document(document_id)]


def test_source_serves_the_indexed_file_by_id(client, seed_index):
    pid = passage_id(client, "Modtagelse af flygtninge")
    with client.get(f"/source/{seed_index.passage(pid).document_id}") as response:
        assert response.status_code == 200
        assert response.mimetype == "text/plain" and response.mimetype_params["charset"] == "utf-8"
        assert response.data == (SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt").read_bytes()


@pytest.mark.parametrize("path", [
    "/source/..%2F..%2Fetc%2Fpasswd", "/source/%2Fetc%2Fpasswd", "/source/../pyproject.toml",
    "/source/naestved-integrationsraadet-referat-2015-05-21.txt", "/source/seeds", "/source/",
])
def test_source_refuses_anything_not_indexed(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"root:" not in response.data and b"[project]" not in response.data


def test_source_refuses_files_outside_the_corpus_folder(seed_index_dir, tmp_path):
    """The index knows the file, but the site serves only from its own corpus folder."""
    app = create_app({"TESTING": True, "INDEX_DIR": str(seed_index_dir), "CORPUS_DIR": str(tmp_path)})
    client = app.test_client()
    document_id = api(client, q=QUERY)["hits"][0]["document_id"]
    response = client.get(f"/source/{document_id}")
    assert response.status_code == 404 and "Kildefilen findes ikke" in response.get_data(as_text=True)


def test_pdf_source_links_open_at_the_passage_page(tmp_path):
    from indexer.update import update_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pdf = corpus / "referat-2015-05-21.pdf"
    pdf.write_bytes((ROOT / "tests" / "fixtures" / "pdf" / pdf.name).read_bytes())
    update_index([corpus], tmp_path / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}).test_client()
    hit = next(h for h in api(client, q=QUERY)["hits"] if h["title"] == "Modtagelse af flygtninge")
    assert hit["page"] and hit["page"] > 1
    page = soup(client.get(f"/passage/{hit['id']}"))
    source = page.find("a", string=pdf.name)
    assert source["href"] == f"/source/{hit['document_id']}#page={hit['page']}"
    assert f"(side {hit['page']})" in source.parent.get_text()
    with client.get(source["href"].split("#")[0]) as response:
        assert response.mimetype == "application/pdf" and response.data == pdf.read_bytes()
        assert response.headers["X-Content-Type-Options"] == "nosniff"


# --- Errors ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/passage/findes-ikke", "/document/findes-ikke", "/source/findes-ikke", "/intet-her"])
def test_unknown_ids_give_danish_404_pages(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response.mimetype == "text/html"
    page = soup(response)
    assert page.html["lang"] == "da" and page.h1.get_text() == "Ikke fundet"
    assert re.search(r"findes (ikke|ingen|intet)", page.get_text())


def search_link(response) -> str:
    assert response.mimetype == "text/html"
    return next(a["href"] for a in soup(response).select(".error-page a") if a.get_text() == "Gå til søgningen")


def test_an_error_page_leads_back_to_the_search_it_was_opened_from(client):
    """An item gone since the search (a reindex renamed it) is opened from a hit, which carries
    the search: "Gå til søgningen" returns to those hits, not to an empty search page."""
    carried = {"q": "flygtninge", "municipality": "Næstved", "sort": "newest", "page": "2"}
    for path in ("/passage/findes-ikke", "/document/findes-ikke"):
        response = client.get(path, query_string=carried)
        assert response.status_code == 404
        back = search_link(response)
        assert urlsplit(back).path == "/" and parse_qs(urlsplit(back).query) == {k: [v] for k, v in carried.items()}
        assert client.get(back).status_code == 200
    # what the search page would refuse is left out, the rest kept; no search: the search page
    broken = search_link(client.get("/passage/findes-ikke", query_string={"q": "bolig", "from": "igår", "x": "1"}))
    assert broken == "/?q=bolig"
    assert search_link(client.get("/passage/findes-ikke")) == "/"
    assert search_link(client.get("/intet-her?q=%3Cscript%3E")) == "/?q=%3Cscript%3E"


def test_a_503_page_leads_back_to_the_same_search_to_try_again(tmp_path):
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "intet"), "CORPUS_DIR": str(SEEDS)}).test_client()
    response = client.get("/", query_string={"q": "flygtninge", "decisions_only": "1"})
    assert response.status_code == 503
    assert search_link(response) == "/?q=flygtninge&decisions_only=1"


@pytest.mark.parametrize("path, code", [("/api/passage/findes-ikke", "unknown_passage"),
                                         ("/api/document/findes-ikke", "unknown_document"),
                                         ("/api/intet-her", "not_found")])
def test_unknown_ids_give_json_404(client, path, code):
    response = client.get(path)
    assert response.status_code == 404
    assert response.get_json()["code"] == code and "findes" in response.get_json()["message"]


def test_unexpected_errors_show_a_danish_page_without_traceback(app, monkeypatch):
    def broken(state):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr("webui.search_views.run_search", broken)
    client = app.test_client()
    page = client.get("/", query_string={"q": QUERY})
    assert page.status_code == 500 and "Serverfejl" in page.get_data(as_text=True)
    assert "secret internal detail" not in page.get_data(as_text=True) and "Traceback" not in page.get_data(as_text=True)
    body = client.get("/api/search", query_string={"q": QUERY}).get_json()
    assert body == {"status": 500, "code": "internal_error", "message": body["message"]}


def test_missing_index_explains_how_to_build_one(tmp_path):
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "intet"), "CORPUS_DIR": str(SEEDS)}).test_client()
    response = client.get("/", query_string={"q": QUERY})
    assert response.status_code == 503 and "referatsog index" in response.get_data(as_text=True)
    assert client.get("/api/search").get_json()["code"] == "index_missing"


# --- Escaping and security --------------------------------------------------------------------

HOSTILE = '<script>alert("q")</script>"><img src=x onerror=alert(1)>'


def test_a_malicious_query_is_inert(client):
    for response in (client.get("/", query_string={"q": HOSTILE}),
                     client.get("/", query_string={"q": HOSTILE, "municipality": HOSTILE}),
                     client.get("/", query_string={"q": HOSTILE, "year": HOSTILE})):
        text = response.get_data(as_text=True)
        assert "<script>alert" not in text and "<img src=x" not in text
        assert "&lt;script&gt;alert(" in text
        assert not soup(response).select("img, main script")


# The cleaner strips complete tags from text files, but unclosed ones and entities survive.
MALICIOUS_MINUTES = """Skurkeby Kommune

REFERAT

Integrationsrådet

Mødedato: 01.02.2020

1. Velkomst <img src=x onerror=alert(1)

Sagsbehandler: Eva

Sagsfremstilling

Xylofonkoncert &lt;script&gt;alert(2)&lt;/script&gt; <svg onload=alert(3)
og "><img src=x onerror=alert(4)> slut.

Beslutning

Godkendt xylofonkoncert <iframe src=x.

2. Eventuelt

Beslutning

Intet.
"""
SCRIPT = "<script>alert('x')</script>"
DANGEROUS = ("<script>alert", "<img src=x", "<svg onload", "<iframe src")


@pytest.fixture(scope="module", params=["pipeline", "writer"])
def hostile_app(request, tmp_path_factory):
    """An index holding hostile text: via the indexer, and written directly with raw <script> tags."""
    from dataclasses import replace

    from indexer.pipeline import read_document
    from indexer.update import update_index
    from search import open_index

    corpus = tmp_path_factory.mktemp("hostile-corpus")
    source = corpus / "skurkeby-integrationsraadet-referat-2020-02-01.txt"
    source.write_text(MALICIOUS_MINUTES, encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("hostile-index")
    if request.param == "pipeline":
        update_index([corpus], index_dir)
    else:
        document = read_document(source, corpus)
        passages = tuple(
            replace(p, title=p.title + SCRIPT, case_handler=SCRIPT, place=SCRIPT, present=(SCRIPT,), text=p.text + SCRIPT,
                    sections=tuple(replace(s, text=s.text + SCRIPT, label=s.label + SCRIPT) for s in p.sections))
            for p in document.passages)
        index = open_index(index_dir, create=True)
        with index.writer() as writer:
            writer.add(replace(document, passages=passages), corpus)
        index.close()
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)})


def test_a_malicious_document_is_inert(hostile_app):
    client = hostile_app.test_client()
    response = client.get("/", query_string={"q": "xylofonkoncert"})
    hits = client.get("/api/search", query_string={"q": "xylofonkoncert"}).get_json()["hits"]
    assert hits and "<" in hits[0]["title"]
    pages = [response, client.get(f"/passage/{hits[0]['id']}"), client.get(f"/document/{hits[0]['document_id']}")]
    for page in pages:
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        for raw in DANGEROUS:
            assert raw not in text
        assert "&lt;img src=x onerror=alert(1)" in text
        assert not soup(page).select("main script, main img, main iframe, main svg, main b")
        assert "onerror" not in {attr for tag in soup(page).find_all(True) for attr in tag.attrs}
    passage_text = pages[1].get_data(as_text=True)
    assert "&amp;lt;script&amp;gt;alert(2)" in passage_text  # entities in the source stay literal text
    # The snippet is the one place markup passes, and it holds only <mark>.
    marks = soup(response).select(".snippet mark")
    assert marks and {m.name for m in soup(response).select(".snippet *")} == {"mark"}
    # So is the title, where the query's words are marked too.
    title = soup(client.get("/", query_string={"q": "velkomst"})).select_one("ol.hits h3 a")
    assert [m.get_text() for m in title.select("mark")] == ["Velkomst"] and "<img src=x" in title.get_text()
    assert {m.name for m in title.find_all(True)} == {"mark"}


def test_snippet_html_trusts_only_mark():
    assert str(snippet_html("a <mark>b</mark> &lt;c&gt;")) == "a <mark>b</mark> &lt;c&gt;"
    assert "<script" not in str(snippet_html("<script>x</script><mark onclick=x>y</mark>"))
    assert "<mark onclick" not in str(snippet_html("<mark onclick=x>y</mark>"))


def test_security_headers_and_nothing_from_other_hosts(client):
    pid = passage_id(client, "Modtagelse af flygtninge")
    for path in ("/", f"/?q={QUERY}", f"/passage/{pid}", "/api/search?q=x", "/findes-ikke", "/hjaelp"):
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        if response.mimetype == "text/html":
            page = soup(response)
            urls = [tag.get(attr) for tag in page.find_all(True) for attr in ("src", "href", "action") if tag.get(attr)]
            assert urls and all(u.startswith(("/", "#", "?")) for u in urls), urls
    stylesheets = soup(client.get("/")).select("link[rel=stylesheet]")
    assert [s["href"] for s in stylesheets] == ["/static/style.css"]
    with client.get("/static/style.css") as css:
        assert b"@import" not in css.data and b"url(" not in css.data


# --- App factory, config and the shared index ------------------------------------------------

def test_config_from_mapping_instance_folder_and_environment(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text("PAGE_SIZE = 25\nCORPUS_DIR = '/fra/instance'\n", encoding="utf-8")
    monkeypatch.setenv("REFERATSOG_INDEX", str(tmp_path / "env-index"))
    monkeypatch.setenv("REFERATSOG_CORPUS", str(tmp_path / "env-corpus"))
    app = create_app(instance_path=str(instance))
    assert app.config["INDEX_DIR"] == str(tmp_path / "env-index")
    assert app.config["CORPUS_DIR"] == str(tmp_path / "env-corpus")  # environment beats the instance file
    assert app.config["PAGE_SIZE"] == 25
    app = create_app({"PAGE_SIZE": 5, "INDEX_DIR": "/fra/mapping"}, instance_path=str(instance))
    assert (app.config["PAGE_SIZE"], app.config["INDEX_DIR"]) == (5, "/fra/mapping")
    monkeypatch.delenv("REFERATSOG_INDEX")
    monkeypatch.delenv("REFERATSOG_CORPUS")
    app = create_app(instance_path=str(tmp_path / "no-instance"))
    assert app.config["INDEX_DIR"].endswith("referatsog/index") and app.config["PAGE_SIZE"] == 10


def test_one_index_is_shared_and_a_reindex_shows_up_without_restart(corpus, tmp_path):
    from indexer.update import update_index

    roskilde = corpus / "roskilde-integrationsraadet-referat-2026-06-04.txt"
    held_back = tmp_path / roskilde.name
    roskilde.rename(held_back)
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)})
    client = app.test_client()
    assert "Roskilde" not in api(client, q=BROAD)["facets"]["municipality"]
    with app.app_context():
        from webui.index import get_index

        first = get_index()
        assert get_index() is first  # one index object for every request
    held_back.rename(roskilde)
    update_index([corpus], index_dir)
    assert "Roskilde" in api(client, q=BROAD)["facets"]["municipality"]


def test_serve_builds_a_missing_index_once(tmp_path):
    from webui.serve import ensure_index

    index_dir = tmp_path / "index"
    assert ensure_index(index_dir, SEEDS) is True
    assert ensure_index(index_dir, SEEDS) is False
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(SEEDS)}).test_client()
    assert "Modtagelse af flygtninge" in [h["title"] for h in api(client, q=QUERY)["hits"]]


# --- View helpers ---------------------------------------------------------------------------

def test_citations_handle_reports_and_missing_numbers_and_dates():
    from indexer.models import Passage

    def passage(**changes) -> Passage:
        fields = dict(id="x", document_id="d", position=0, doc_type="referat", municipality="Næstved",
                      council="Integrationsrådet", meeting_date="2015-05-21", year=2015, item_number=15,
                      title="Modtagelse af flygtninge", case_handler=None, case_number=None, place=None,
                      present=(), absent=(), topics=(), source="a.txt", source_sha256="", line=1, page=None,
                      sections=(), text="")
        return Passage(**{**fields, **changes})

    assert citation(passage()) == ("Integrationsrådet, Næstved Kommune, referat af mødet 21.05.2015, "
                                   "punkt 15: Modtagelse af flygtninge")
    assert citation(passage(doc_type="årsberetning", meeting_date=None, year=2019, item_number=None,
                            title="Forord")) == "Integrationsrådet, Næstved Kommune, årsberetning 2019: Forord"
    assert citation(passage(item_number=None, meeting_date=None)) == (
        "Integrationsrådet, Næstved Kommune, referat af mødet i 2015: Modtagelse af flygtninge")
    assert citation(passage(municipality=None, council=None, meeting_date=None, year=None, item_number=None)) == (
        "Referat: Modtagelse af flygtninge")
    assert citation(passage(page=4, source="a.pdf")) == ("Integrationsrådet, Næstved Kommune, referat af mødet "
                                                         "21.05.2015, punkt 15: Modtagelse af flygtninge (s. 4)")
    assert citation(passage(doc_type="dagsorden", municipality="Roskilde Kommune")).startswith(
        "Integrationsrådet, Roskilde Kommune, dagsorden til mødet 21.05.2015, punkt 15")


def test_a_passage_links_its_case_and_case_handler_to_their_other_items(client, seed_index):
    """A journalist follows a case (all items filed under its case number) or a case handler
    across meetings from the item at hand."""
    pid = passage_id(client, "Modtagelse af flygtninge")
    passage = seed_index.passage(pid)
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in soup(client.get(f"/passage/{pid}")).select("dl.facts dt")}
    case = soup(client.get(facts["Sagsnr."].a["href"]))
    in_case = api(client, q=f'sagsnr:"{passage.case_number}"', page_size=50)
    assert in_case["total"] > 1 and all(h["case_number"] == passage.case_number for h in in_case["hits"])
    assert case.select_one("h2.count").get_text(" ", strip=True).startswith(f"{in_case['total']} resultater")
    handler = client.get(facts["Sagsbehandler"].a["href"])
    chips = [c.get_text(" ", strip=True) for c in soup(handler).select(".chips a")]
    assert any(passage.case_handler in chip for chip in chips), chips
    assert {h["case_handler"] for h in api(client, case_handler=passage.case_handler)["hits"]} == {passage.case_handler}


def test_a_period_narrows_the_search_shows_as_chips_and_lives_in_the_url(client):
    """The period form is a plain GET form carrying the rest of the state; its ends show as
    chips that each remove one end; the JSON twin says the same."""
    page = soup(client.get("/", query_string={"q": "flygtninge", "municipality": "Næstved", "decisions_only": 1}))
    form = page.select_one("section.period form")
    carried = [(i["name"], i["value"]) for i in form.select("input[type=hidden]")]
    assert carried == [("q", "flygtninge"), ("municipality", "Næstved"), ("decisions_only", "1")]
    assert [label.get_text() for label in form.select("label")] == ["Fra", "Til"]

    params = {"q": "flygtninge", "from": "2017-01-01", "to": "2017-12-31"}
    narrowed = soup(client.get("/", query_string=params))
    body = api(client, **params)
    assert (body["from"], body["to"]) == ("2017-01-01", "2017-12-31")
    assert 0 < body["total"] < api(client, q="flygtninge")["total"] and set(body["facets"]["year"]) == {"2017"}
    # shown as the minutes write dates, and taken back as typed
    assert (narrowed.select_one("#period-from")["value"], narrowed.select_one("#period-to")["value"]) == ("01.01.2017", "31.12.2017")
    chips = {c.get_text(" ", strip=True).split(" (")[0]: c["href"] for c in narrowed.select("a.chip")}
    assert set(chips) == {"Fra: 1. januar 2017", "Til: 31. december 2017"}
    assert parse_qs(urlsplit(chips["Fra: 1. januar 2017"]).query) == {"q": ["flygtninge"], "to": ["2017-12-31"]}
    assert parse_qs(urlsplit(chips["Til: 31. december 2017"]).query) == {"q": ["flygtninge"], "from": ["2017-01-01"]}
    searched_again = narrowed.select_one("form.search-form")
    assert ("from", "2017-01-01") in [(i["name"], i["value"]) for i in searched_again.select("input[type=hidden]")]


def test_a_bad_period_is_explained_in_danish_on_the_page_and_in_json(client):
    page = client.get("/", query_string={"q": "flygtninge", "from": "2019", "to": "2018"})
    assert page.status_code == 400
    assert "Perioden slutter (31.12.2018), før den begynder (01.01.2019)." in soup(page).select_one(".alert").get_text()
    answer = client.get("/api/search", query_string={"q": "flygtninge", "from": "igår"})
    assert answer.status_code == 400 and answer.get_json()["code"] == "invalid_date"


# --- The Atom feed of a search -------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def atom(response):
    """The feed as (feed element, its entries), parsed as XML: a feed reader's view."""
    import xml.etree.ElementTree as ET

    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.get_data())
    return root, root.findall(f"{ATOM}entry")


def test_a_search_has_an_atom_feed_of_its_newest_items(client):
    """A reporter follows a search in a feed reader: the page names its feed; the feed holds
    the search's newest items (whatever the page's sort), each linking to its passage page."""
    page = soup(client.get("/", query_string={"q": "flygtninge", "municipality": "Næstved", "sort": "oldest", "page": 2}))
    feed_url = page.select_one('link[rel="alternate"][type="application/atom+xml"]')["href"]
    assert parse_qs(urlsplit(feed_url).query) == {"q": ["flygtninge"], "municipality": ["Næstved"]}
    assert any(a["href"] == feed_url for a in page.select("footer a"))

    root, entries = atom(client.get(feed_url))
    newest = api(client, q="flygtninge", municipality="Næstved", sort="newest", page_size=20)["hits"]
    assert [e.find(f"{ATOM}link").get("href").split("?")[0].rsplit("/", 1)[1] for e in entries] == [h["id"] for h in newest]
    assert root.find(f"{ATOM}title").text == "Referatsøg: «flygtninge» · Kommune: Næstved"
    # the seeds are indexed in one run: every item first indexed at once, then newest meeting first
    assert len({e.find(f"{ATOM}updated").text for e in entries}) == 1
    # published at the meeting; an annual report (a year, no meeting date) has no <published>
    published = [e.find(f"{ATOM}published") for e in entries]
    assert [p is None for p in published] == [not h["meeting_date"] for h in newest]
    dates = [p.text for p in published if p is not None]
    assert dates == sorted(dates, reverse=True) and dates[0].startswith(next(h["meeting_date"] for h in newest if h["meeting_date"]))
    first = entries[0]
    assert first.find(f"{ATOM}author/{ATOM}name").text == "Integrationsrådet, Næstved"
    link = first.find(f"{ATOM}link").get("href")
    assert link.endswith(f"/passage/{newest[0]['id']}?q=flygtninge&municipality=N%C3%A6stved")  # the search, filters too
    assert client.get(urlsplit(link).path).status_code == 200
    summary = BeautifulSoup(first.find(f"{ATOM}summary").text, "html.parser")
    assert summary.select("mark") and "Integrationsrådet · Næstved" in summary.p.get_text()


def test_the_feed_is_capped_answers_bad_parameters_in_danish_and_is_conditional(client, seed_index, monkeypatch):
    import webui.search_views

    assert len(atom(client.get("/feed"))[1]) == 35  # every seed item: fewer than a large meeting has
    monkeypatch.setattr(webui.search_views, "FEED_SIZE", 20)
    _, entries = atom(client.get("/feed"))
    # the seeds have more items; the meeting of the 20th entry is not cut partway (its 2 items after it)
    assert len(entries) == 22 and len({e.find(f"{ATOM}published").text for e in entries[19:]}) == 1
    bad = client.get("/feed", query_string={"q": "flygtninge", "from": "igår"})
    assert bad.status_code == 400 and "Fra-datoen «igår» er ikke en dato" in bad.get_data(as_text=True)
    first = client.get("/feed", query_string={"q": "flygtninge"})
    again = client.get("/feed", query_string={"q": "flygtninge"}, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    # no Last-Modified, which no date gets right (a removed entry moves the newest one back):
    # a reader asking «since» its date gets the feed, never a 304 for a changed one
    assert "Last-Modified" not in first.headers
    since = client.get("/feed", query_string={"q": "flygtninge"},
                       headers={"If-Modified-Since": "Sun, 01 Jan 2090 00:00:00 GMT"})
    assert since.status_code == 200
    # dated by when its newest entry was first indexed (the seeds' build), not by a meeting
    root, entries = atom(first)
    newest = max(e.find(f"{ATOM}updated").text for e in entries)
    pid = entries[0].find(f"{ATOM}link").get("href").split("?")[0].rsplit("/", 1)[1]
    built = seed_index.first_indexed([pid])[pid]
    assert root.find(f"{ATOM}updated").text == newest == built.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_malicious_document_is_inert_in_the_feed(hostile_app):
    root, entries = atom(hostile_app.test_client().get("/feed", query_string={"q": "xylofonkoncert"}))
    assert entries
    for entry in entries:
        title = entry.find(f"{ATOM}title").text
        summary = BeautifulSoup(entry.find(f"{ATOM}summary").text, "html.parser")
        assert not summary.find_all(lambda tag: tag.name not in ("p", "strong", "mark"))
        assert "onerror" not in {attr for tag in summary.find_all(True) for attr in tag.attrs}
        assert "<" in title or "<" in summary.get_text()  # the hostile text is there, as text


def test_a_feed_of_a_misspelt_search_links_its_entries_with_the_nearest_spelling(client):
    _, entries = atom(client.get("/feed", query_string={"q": "flygtnigne"}))
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links and all(link.endswith("?q=flygtninge") for link in links)


# --- Absolute links: BASE_URL, not the Host header ------------------------------------------

SPOOFED = {"Host": "angriber.example"}


def absolute_links(client, path: str, **kwargs) -> list[str]:
    """Every absolute URL the feed or a passage page writes, asked for with a forged Host."""
    response = client.get(path, headers=SPOOFED, **kwargs)
    assert response.status_code == 200
    return [url for url in re.findall(r"https?://[^\s\"<>]+", response.get_data(as_text=True))
            if not url.startswith("http://www.w3.org/")]  # the Atom namespace


def test_absolute_links_are_built_on_base_url_not_on_the_host_header(seed_index_dir, monkeypatch):
    """Any client can send `Host: angriber.example`; the feed (cached by feed readers and
    proxies) and a passage's citation put that host into their links. With BASE_URL set, every
    absolute link is on the site's own address, its path prefix included once."""
    monkeypatch.setenv("REFERATSOG_BASE_URL", "https://referater.example.dk/sog/")
    client = create_app({"TESTING": True, "INDEX_DIR": str(seed_index_dir), "CORPUS_DIR": str(SEEDS)}).test_client()
    pid = passage_id(client, "Modtagelse af flygtninge")
    for path, kwargs in (("/feed?q=flygtninge", {}), (f"/passage/{pid}", {}),
                         ("/feed?q=flygtninge", {"environ_overrides": {"SCRIPT_NAME": "/sog"}})):
        found = absolute_links(client, path, **kwargs)
        assert found and all(url.startswith("https://referater.example.dk/sog/") for url in found), found
        assert not any("/sog/sog/" in url for url in found)
    root, entries = atom(client.get("/feed?q=flygtninge", headers=SPOOFED))
    assert root.find(f"{ATOM}id").text == "https://referater.example.dk/sog/feed?q=flygtninge"
    assert entries[0].find(f"{ATOM}link").get("href").startswith("https://referater.example.dk/sog/passage/")
    assert entries[0].find(f"{ATOM}id").text.startswith("urn:uuid:")  # of the item, not of the site's address
    page = soup(client.get(f"/passage/{pid}", headers=SPOOFED))
    assert page.select_one("#permalink").get_text() == f"https://referater.example.dk/sog/passage/{pid}"
    assert page.select_one("#permalink")["href"] == f"/passage/{pid}"  # links on the site stay root-relative


def test_without_base_url_absolute_links_follow_the_request_as_before(client):
    found = absolute_links(client, "/feed?q=flygtninge")
    assert found and all(url.startswith("http://angriber.example/") for url in found)


@pytest.mark.parametrize("value", ["ftp://referater.example.dk", "referater.example.dk", "https://",
                                   "https://referater.example.dk/?side=1", "javascript:alert(1)",
                                   "https://referater.example.dk:99999", "https://bruger@referater.example.dk",
                                   "https://referater.example.dk/\nX-Header: 1"])
def test_a_bad_base_url_is_refused_with_one_danish_line_naming_it(tmp_path, monkeypatch, value):
    from webui.config import ConfigError

    monkeypatch.setenv("REFERATSOG_BASE_URL", value)
    with pytest.raises(ConfigError) as raised:
        create_app({"TESTING": True, "INDEX_DIR": str(tmp_path)})
    message = str(raised.value)
    assert message.startswith("REFERATSOG_BASE_URL skal være en http- eller https-adresse som https://referater.example.dk")
    assert "\n" not in message
    monkeypatch.delenv("REFERATSOG_BASE_URL")
    (tmp_path / "config.py").write_text(f"BASE_URL = {value!r}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        create_app({"TESTING": True, "INDEX_DIR": str(tmp_path)}, instance_path=str(tmp_path))
    assert str(raised.value).startswith(f"BASE_URL i {tmp_path}/config.py skal være en http- eller https-adresse")


def test_base_url_from_the_instance_config_or_the_environment(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text('BASE_URL = "http://intern.example:8080/"\n', encoding="utf-8")
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path)}, instance_path=str(tmp_path))
    assert app.config["BASE_URL"] == "http://intern.example:8080"
    monkeypatch.setenv("REFERATSOG_BASE_URL", "https://referater.example.dk")
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path)}, instance_path=str(tmp_path))
    assert app.config["BASE_URL"] == "https://referater.example.dk"
    monkeypatch.delenv("REFERATSOG_BASE_URL")
    assert create_app({"TESTING": True}, instance_path=str(tmp_path / "intet")).config["BASE_URL"] == ""


def test_an_index_folder_removed_under_the_running_site_answers_503_not_500(tmp_path, caplog):
    """An administrator deletes the index folder to rebuild it: until the new build commits,
    visitors get the 'not ready' answer in Danish (the health check too), not an error 500,
    and the log says once what the administrator must do."""
    from indexer.update import update_index
    from webui import create_app

    index_dir = tmp_path / "index"
    update_index([SEEDS], index_dir)
    client = create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()
    assert client.get("/api/search?q=flygtninge").status_code == 200
    shutil.rmtree(index_dir)

    with caplog.at_level("WARNING"):
        answers = [client.get(url) for url in ("/api/search?q=flygtninge", "/healthz", "/?q=flygtninge", "/api/search?q=bolig")]

    assert [a.status_code for a in answers] == [503] * 4
    assert answers[0].get_json()["code"] == answers[1].get_json()["code"] == "index_missing"
    page = answers[2].get_data(as_text=True)
    assert "Søgeindekset er ikke klar" in page and "Prøv igen om lidt" in page  # visitors: wait, not a command
    assert [r.getMessage() for r in caplog.records if "intet indeks" in r.getMessage()] == [
        f"Der er intet indeks i {index_dir} længere (mappen er tømt eller fjernet). Byg det med «referatsog index»."]

    update_index([SEEDS], index_dir)  # the rebuild: the same site answers again without a restart
    assert client.get("/api/search?q=flygtninge").get_json()["total"] > 0


def test_a_source_file_the_server_cannot_read_is_a_danish_error_and_one_log_line(tmp_path, monkeypatch, caplog):
    """The server's user lost access to a file the index names (permissions changed, a share
    gone): a Danish error page and a log line naming the file, not a traceback."""
    import webui.passage_views

    client, corpus, pdf = pdf_site(tmp_path)
    document_id = api(client, q=QUERY)["hits"][0]["document_id"]
    served = client.get(f"/source/{document_id}")
    served.close()
    assert served.status_code == 200

    def no_access(path, *args, **kwargs):  # what opening the file raises for a user without access
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(webui.passage_views, "send_file", no_access)
    with caplog.at_level("WARNING"):
        answer = client.get(f"/source/{document_id}")

    assert answer.status_code == 500
    assert "Kildefilen kan ikke læses på serveren lige nu." in answer.get_data(as_text=True)
    assert "Traceback" not in answer.get_data(as_text=True)
    assert [r.getMessage() for r in caplog.records if "Kildefilen" in r.getMessage()] == [
        f"Kildefilen {corpus.resolve() / pdf.name} kan ikke læses: ingen adgang"]


# --- "Sådan søger du": the query syntax with examples that run ------------------------------

# The query fields README's "Query syntax" documents, by their Danish names.
HELP_FIELDS = ("kommune:", "råd:", "år:", "sagsbehandler:", "emne:", "type:", "titel:", "beslutning:",
               "sagsnr:", "deltager:", "fraværende:")


def help_examples(client, **kwargs) -> list[tuple[str, str, bool]]:
    """Every link on the help page that runs a search, page or API: (href, link text, whether it
    stands under "Stavefejl og omtrentlige svar", where approximate hits are the point)."""
    response = client.get("/hjaelp", **kwargs)
    assert response.status_code == 200
    page = soup(response)
    return [(link["href"], " ".join(link.get_text(" ").split()), bool(link.find_parent(id="stavning")))
            for link in page.select("main a[href]") if urlsplit(link["href"]).query]


def assert_every_help_example_finds_something(client, fewest: int) -> list[tuple[str, str, bool]]:
    """Each link of the help page runs its search (as a visitor's click would) and lists at
    least one hit, an exact one unless the example shows what a misspelling or a long question
    gives; at least `fewest` examples, none twice. Returns the examples."""
    examples = help_examples(client)
    assert len(examples) >= fewest
    assert len({href for href, _, _ in examples}) == len(examples)  # no example twice
    for href, label, approximate_allowed in examples:
        response = client.get(href)
        assert response.status_code == 200, (label, response.status_code)
        if urlsplit(href).path == "/api/search":
            assert response.get_json()["total"] >= 1, label
            continue
        page = soup(response)
        assert page.select("ol.hits li.hit"), (label, "no hits")
        assert approximate_allowed or not page.select(".approximate"), (label, "approximate hits only")
    return examples


def test_every_example_in_the_help_finds_something(client):
    """The help page advertises no dead example on the seed index, and shows the hand-picked
    ones there (they find something) rather than words picked by frequency."""
    assert_every_help_example_finds_something(client, 40)
    queries = help_queries(client)
    assert {"flygtninge boligplacering", '"negativ social kontrol"', 'sagsbehandler:"Mette Jung Christensen"'} <= set(queries)


def help_queries(client) -> list[str]:
    return [parse_qs(urlsplit(href).query).get("q", [""])[0] for href, _, _ in help_examples(client)]


def layout_index(tmp_path: Path, *names: str) -> tuple[Path, Path]:
    """A corpus of the named layout fixtures (other municipalities than the seeds') and its index."""
    from indexer.update import update_index

    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(LAYOUTS / name, corpus / name)
    index_dir = tmp_path / "index"
    report = update_index([corpus], index_dir, workers=1)
    assert not report.skipped, report.skipped
    return corpus, index_dir


LAYOUT_FILES = ("f1_hedelund_integrationsraadet_2015-05-27.txt", "f2_fjordby_integrationsraadet_2021-11-25.txt",
                "f5_havnsted_beskaeftigelsesudvalget_2019-11-19.txt")


def test_the_help_examples_come_from_the_index_of_another_corpus(tmp_path, layout_expectations):
    """On a deployment indexing other municipalities than the seeds, the help page's examples
    name that index's municipalities, people, dates and case numbers, and every one finds something."""
    corpus, index_dir = layout_index(tmp_path, *LAYOUT_FILES)
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()

    examples = assert_every_help_example_finds_something(client, 35)

    labels = " ".join(label for _, label, _ in examples)
    # The seeds' own municipalities, people, case numbers and dates; their hand-picked words
    # ("flygtninge boligplacering", "sprogcenter OR sprogskole") stay where this index has them.
    for seed_value in ("Roskilde", "Næstved", "Naestved", "Mette Boye", "Gunver Nielsen", "Mette Jung Christensen",
                       "00.01.00", "21.05.2015", "maj 2015", "punkt 15"):
        assert seed_value not in labels, seed_value
    queries = help_queries(client)
    specs = [layout_expectations[name] for name in LAYOUT_FILES]
    municipalities = {spec["municipality"] for spec in specs}
    assert any(q in {f"kommune:{m}" for m in municipalities} for q in queries), queries
    case_numbers = {item["case_number"] for spec in specs for item in spec["items"]}
    assert any(q in case_numbers for q in queries) and any(q.removeprefix("sagsnr:") in case_numbers for q in queries)
    dotted = {".".join(reversed(spec["meeting_date"].split("-"))) for spec in specs}
    assert any(q in dotted for q in queries), queries
    handlers = {item.get("case_handler") for spec in specs for item in spec["items"]}
    assert any(q.startswith("sagsbehandler:") and q.split(":", 1)[1].strip('"') in handlers for q in queries)
    assert any(q.startswith("deltager:") for q in queries) and any(q.startswith("fraværende:") for q in queries)
    for field in HELP_FIELDS:
        assert any(q.startswith(field) for q in queries), field


def test_the_help_examples_follow_a_reindex(tmp_path):
    """The examples are chosen once per index generation: a reindex that swaps the corpus's
    municipality changes them on the next request, without a restart."""
    corpus, index_dir = layout_index(tmp_path, LAYOUT_FILES[0])
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()
    assert "kommune:Hedelund" in help_queries(client)
    assert help_queries(client) == help_queries(client)

    (corpus / LAYOUT_FILES[0]).unlink()
    layout_index(tmp_path, LAYOUT_FILES[1])

    queries = help_queries(client)
    assert "kommune:Fjordby" in queries and not any("Hedelund" in q for q in queries)


def test_the_help_shows_every_field_and_operator_the_readme_documents(client):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    hrefs = [href for href, _, _ in help_examples(client)]
    queries = [parse_qs(urlsplit(href).query).get("q", [""])[0] for href in hrefs]
    for field in HELP_FIELDS:
        assert f"`{field}`" in readme, field
        assert any(q.startswith(field) or f" {field}" in q for q in queries), field
    for operator in (" OR ", " ELLER ", " -", " IKKE ", '"'):
        assert any(operator in q for q in queries), operator
    # a meeting date of the index in every form the README shows, and an item of that meeting
    dotted = next(q for q in queries if re.fullmatch(r"\d\d\.\d\d\.\d{4}", q))
    forms = date_forms(f"{dotted[6:]}-{dotted[3:5]}-{dotted[:2]}")
    for form in (forms.long, forms.iso, forms.short, forms.slashed, forms.month, forms.days, forms.date_line):
        assert form in queries, form
    assert re.fullmatch(r"\d{1,2}\. [a-zæø]+ \d{4}", forms.long) and re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d\d", forms.short)
    item = next(q for q in queries if re.fullmatch(r"punkt \d+", q))
    assert f"{item} {dotted}" in queries
    case_number = next(q.removeprefix("sagsnr:") for q in queries if q.startswith("sagsnr:"))
    assert case_number in queries and case_number.split("-")[0] in queries  # the case number and its KLE number
    settings = {name for href in hrefs for name in parse_qs(urlsplit(href).query)}
    assert {"municipality", "year", "decisions_only", "sort", "from", "to"} <= settings
    assert any(urlsplit(href).path == "/api/search" for href in hrefs)


def test_a_misspelt_example_in_the_help_gets_mente_du_and_approximate_hits(client):
    """A misspelling is a word of the index with one letter left out; the search suggests the word."""
    href, label = next((href, label) for href, label, spelling in help_examples(client)
                       if spelling and " " not in label)
    page = soup(client.get(href))
    suggestion = " ".join(page.select_one(".suggestion").get_text().split())
    word = re.fullmatch(r"Mente du (\w+)\?", suggestion).group(1)
    assert len(word) == len(label) + 1 and any(word[:i] + word[i + 1:] == label for i in range(len(word))), suggestion
    assert page.select_one(".approximate") and page.select("ol.hits li.hit")


def test_the_help_pages_question_example_shows_the_items_with_most_of_its_words(client):
    # The page says so of it; «hvad vedtog …» stopped doing it once «vedtog» was read as what is asked.
    sections = client.get("/api/hjaelp").get_json()["sections"]
    (spelling,) = [section for section in sections if section["id"] == "stavning"]
    question = spelling["examples"][-1]
    assert question["query"].startswith("hvad kritiserede ")
    answer = client.get(question["json"]).get_json()
    assert answer["approximate"] and "her er de punkter, der indeholder flest af dem" in answer["notice"]
    assert answer["hits"] and all(hit["missing"] for hit in answer["hits"])


def test_the_help_is_linked_beside_the_search_box_and_from_a_search_that_finds_nothing(client):
    for url in ("/", f"/?q={QUERY}"):
        form = soup(client.get(url)).select_one("form.search-form")
        assert [a["href"] for a in form.select("a.help-link")] == ["/hjaelp"], url
        assert "Sådan søger du" not in form.select_one("#q-hint").get_text()  # the box's description stays the hint
    empty = soup(client.get("/", query_string={"q": "xyzzyqq"}))
    link = empty.select_one(".empty a[href='/hjaelp']")
    assert link and link.get_text() == "Sådan søger du"
    help_page = soup(client.get("/hjaelp"))
    assert help_page.h1.get_text() == "Sådan søger du"
    assert help_page.select_one("nav.breadcrumbs a")["href"] == "/"


def test_the_help_links_carry_the_path_prefix_and_need_no_index(client, tmp_path):
    """Under a path prefix every link of the help page carries it (url_for), and its examples run
    there; the page needs no index (its examples are then the seeds'), so it answers while the first one is being built."""
    examples = help_examples(client, environ_overrides={"SCRIPT_NAME": "/sog"})
    assert examples and all(href.startswith("/sog/") for href, _, _ in examples)
    page = soup(client.get("/hjaelp", environ_overrides={"SCRIPT_NAME": "/sog"}))
    urls = [tag.get(attr) for tag in page.find_all(True) for attr in ("src", "href") if tag.get(attr)]
    assert all(url.startswith(("/sog/", "#")) for url in urls), urls
    href = examples[0][0]
    hits = soup(client.get(href[len("/sog"):], environ_overrides={"SCRIPT_NAME": "/sog"})).select("ol.hits li.hit")
    assert hits
    without_index = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "intet"), "CORPUS_DIR": str(SEEDS)})
    response = without_index.test_client().get("/hjaelp")
    assert response.status_code == 200 and "Sådan søger du" in response.get_data(as_text=True)
    # with nothing to ask, the examples are the seeds' (what the index being built will most likely hold)
    assert "kommune:Roskilde" in response.get_data(as_text=True)


def test_a_phrase_finds_its_words_in_other_forms_as_the_help_page_says(client):
    """A reporter checking a quote read «"mister arbejdstimer"» finding «vil miste arbejdstimer» as
    confirming the wording: the help page says that quotes keep the words together, not their forms."""
    answer = api(client, q='"mister arbejdstimer"')
    (hit,) = [h for h in answer["hits"] if h["title"] == "Modtagelse af flygtninge" and h["meeting_date"] == "2015-05-21"]
    assert "<mark>miste</mark> <mark>arbejdstimer</mark>" in hit["snippet"]  # the words as the item has them, marked
    phrases = soup(client.get("/hjaelp")).select_one("#fraser p").get_text(" ", strip=True)
    assert "finder også «miste arbejdstimer»" in " ".join(phrases.split())
