"""The web and the API read `sort` in any case, as the command line's --sort does.

`/api/search?sort=NEWEST` was refused (400 invalid_sort) while `referatsog search … --sort
NEWEST` was taken (hostile-input review, finding 4). The state, and so every link the page and
the API give (sort links, pages, the `Link` header, a hit's way back), carries the canonical
lower-case name; a sort that names none is still refused.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import api, run, soup

BROAD = "integrationsrådet"  # matches every seed: enough hits for a second page


def sorts_in_links(urls) -> set[str]:
    """The `sort` values of every URL in `urls` that has one."""
    return {value for url in urls for value in parse_qs(urlsplit(url).query).get("sort", [])}


@pytest.mark.parametrize(("typed", "canonical"), [
    ("NEWEST", "newest"), ("Oldest", "oldest"), ("RELEVANCE", "relevance"),
    ("NYESTE", "newest"), ("ÆLDSTE", "oldest"), ("AELDSTE", "oldest"), ("Relevans", "relevance"),
])
def test_the_api_takes_a_sort_in_any_case_and_answers_with_its_canonical_name(client, typed, canonical):
    asked = api(client, q=BROAD, sort=typed, page_size=3)
    plain = api(client, q=BROAD, sort=canonical, page_size=3)
    assert asked["sort"] == canonical
    assert [h["id"] for h in asked["hits"]] == [h["id"] for h in plain["hits"]]
    assert asked["total"] == plain["total"] > 3


def test_the_api_links_to_its_pages_with_the_canonical_sort(client):
    response = client.get("/api/search", query_string={"q": BROAD, "sort": "NEWEST", "page_size": 2})
    assert response.status_code == 200
    urls = re.findall(r"<([^>]*)>", response.headers["Link"])
    assert len(urls) >= 2  # first, next, last
    assert sorts_in_links(urls) == {"newest"}


def test_the_page_marks_the_sort_and_every_link_carries_its_canonical_name(client):
    response = client.get("/", query_string={"q": BROAD, "sort": "NeWeSt", "page_size": 2})
    assert response.status_code == 200
    page = soup(response)
    current = page.select_one("nav.sort a[aria-current]")
    assert current is not None and current.get_text(strip=True) == "Nyeste"
    hrefs = [a["href"] for a in page.select("a[href]")]
    # the pages, facet values and hits all carry the state; the other sorts' links name theirs
    assert "newest" in sorts_in_links(hrefs)
    assert all(value == value.lower() for value in sorts_in_links(hrefs)), sorts_in_links(hrefs)
    assert not any("NeWeSt" in href for href in hrefs)
    next_page = page.select_one('nav.pagination a[rel="next"]')
    assert next_page is not None and parse_qs(urlsplit(next_page["href"]).query)["sort"] == ["newest"]


def test_a_hit_opened_from_a_search_in_capitals_links_back_with_the_canonical_sort(client):
    hit = api(client, q=BROAD, sort="newest", page_size=1)["hits"][0]
    response = client.get(f"/passage/{hit['id']}", query_string={"q": BROAD, "sort": "NEWEST"})
    assert response.status_code == 200
    back = [a["href"] for a in soup(response).select("a[href]") if urlsplit(a["href"]).path == "/"]
    assert back and sorts_in_links(back) == {"newest"}


@pytest.mark.parametrize("typed", ["tilfældig", "NEWESTX", "newest first", "NEW"])
def test_a_sort_that_names_none_is_still_refused(client, typed):
    response = client.get("/api/search", query_string={"q": BROAD, "sort": typed})
    assert response.status_code == 400
    body = response.get_json()
    assert (body["code"], body["parameter"]) == ("invalid_sort", "sort")


def test_the_api_and_the_cli_agree_on_a_sort_in_capitals(client, runner, seed_index_dir):
    asked = api(client, q=BROAD, sort="OLDEST")
    typed = json.loads(run(runner, "search", BROAD, "--sort", "OLDEST", "--json", "--index-dir", seed_index_dir).output)
    assert (asked["sort"], typed["sort"]) == ("oldest", "oldest")
    assert [h["id"] for h in asked["hits"]] == [h["id"] for h in typed["hits"]]


def test_the_command_line_takes_every_sort_the_api_takes(runner, seed_index_dir):
    """`--sort tilfoejet` (and `aeldste`) were refused by the command line while the API took
    them (a code review): the CLI's choices are the API's names, English and Danish."""
    from search.api import DANISH_SORTS, SORTS

    for typed in (*SORTS, *DANISH_SORTS):
        result = run(runner, "search", BROAD, "--sort", typed, "--json", "--index-dir", str(seed_index_dir))
        assert result.exit_code == 0, (typed, result.output)
        assert json.loads(result.stdout)["sort"] == DANISH_SORTS.get(typed, typed)
