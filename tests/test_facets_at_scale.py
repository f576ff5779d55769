"""Facets of a large archive, through the web app: a facet's values beyond the first 50
(«Vis alle N», `all_values`), a facet with as many values selected as a search takes, and the
passage page's case handler scoped to the item's municipality (a reviewer's 5,000-passage run).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import api, soup
from search import open_index
from search.api import MAX_FILTER_VALUES
from search.examples import example_document, example_passage

# 60 municipalities, more than a facet lists (50): municipality n has 1 + n % 3 items, so counts
# tie and the order of equal counts shows. Each item has its own case handler, but «MJC» works
# in two of them: two people with the same initials.
MUNICIPALITIES = [f"{name} Kommune" for name in (
    "Aabenraa", "Aalborg", "Ærø", "Årslev", "Øster", "Allerød", "Assens", "Ballerup", "Billund", "Bornholm",
    "Brøndby", "Brønderslev", "Dragør", "Egedal", "Esbjerg", "Fanø", "Favrskov", "Faxe", "Fredensborg", "Fredericia",
    "Frederiksberg", "Frederikshavn", "Frederikssund", "Furesø", "Faaborg", "Gentofte", "Gladsaxe", "Glostrup",
    "Greve", "Gribskov", "Guldborgsund", "Haderslev", "Halsnæs", "Hedensted", "Helsingør", "Herlev", "Herning",
    "Hillerød", "Hjørring", "Holbæk", "Holstebro", "Horsens", "Hvidovre", "Høje-Taastrup", "Hørsholm", "Ikast",
    "Ishøj", "Jammerbugt", "Kalundborg", "Kerteminde", "Kolding", "København", "Køge", "Langeland", "Lejre",
    "Lemvig", "Lolland", "Lyngby", "Læsø", "Mariagerfjord")]
assert len(MUNICIPALITIES) == 60


def _items(n: int) -> int:
    return 1 + n % 3


@pytest.fixture(scope="module")
def big_app(tmp_path_factory):
    root = tmp_path_factory.mktemp("facets-at-scale")
    index = open_index(root / "index", create=True)
    with index.writer() as writer:
        for n, municipality in enumerate(MUNICIPALITIES):
            source = f"kommune-{n:02d}-referat-2024-03-01.txt"
            passages = [example_passage(f"Budget {n} punkt {k}", "Budgettet blev drøftet.", municipality=municipality,
                                        case_handler="MJC" if n in (0, 1) and k == 0 else f"Sagsbehandler {n:02d}-{k}",
                                        meeting_date="2024-03-01", year=2024)
                        for k in range(_items(n))]
            writer.add(example_document(source, passages, municipality=municipality), root)
    index.close()
    from webui import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(root / "index"), "CORPUS_DIR": str(root)})


@pytest.fixture
def big(big_app):
    return big_app.test_client()


def _facet(page, name):
    return page.find("section", attrs={"aria-labelledby": f"facet-{name}"})


def _values(section) -> list[str]:
    return [value.get_text(strip=True) for value in section.select("li .value")]


def _params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_a_truncated_facet_links_to_a_page_listing_all_its_values_and_back(big):
    """50 of 60 municipalities listed, the rest reachable only by typing a name: «Vis alle 60»
    lists every one (with its count) on the same search, «Vis færre» goes back."""
    page = soup(big.get("/", query_string={"q": "budget"}))
    facet = _facet(page, "municipality")
    assert len(_values(facet)) == 50
    show_all = facet.find("a", class_="facet-all")
    assert show_all is not None and show_all.get_text(" ", strip=True).startswith("Vis alle 60")
    assert _params(show_all["href"]) == {"q": ["budget"], "all_values": ["municipality"]}
    assert show_all["href"].endswith("#facet-municipality")

    full = soup(big.get(show_all["href"]))
    facet = _facet(full, "municipality")
    listed = _values(facet)
    assert sorted(listed) == sorted(MUNICIPALITIES)
    assert facet.find("a", class_="facet-all") is None and "færre resultater" not in facet.get_text()
    assert facet.find("details").has_attr("open")
    # every value with its count, most frequent first, equal counts by name
    counts = {link.select_one(".value").get_text(strip=True): int(link.select_one(".n").get_text(" ", strip=True).split()[0])
              for link in facet.select("li a")}
    assert counts == {m: _items(n) for n, m in enumerate(MUNICIPALITIES)}
    assert listed == sorted(MUNICIPALITIES, key=lambda m: (-counts[m], m.casefold()))
    # a value's link keeps the full list open; the way back leaves it
    added = facet.find("a", string=None, href=lambda h: h and "municipality=" in h)
    assert _params(added["href"])["all_values"] == ["municipality"]
    fewer = facet.find("a", class_="facet-fewer")
    assert fewer.get_text(" ", strip=True).startswith("Vis færre")
    assert _params(fewer["href"]) == {"q": ["budget"]}
    assert len(_values(_facet(soup(big.get(fewer["href"])), "municipality"))) == 50
    # only the facet named is listed in full: the case handlers keep their limit and their link
    handlers = _facet(full, "case_handler")
    assert len(_values(handlers)) == 50
    assert _params(handlers.find("a", class_="facet-all")["href"])["all_values"] == ["case_handler"]


def test_the_api_lists_every_value_of_the_facet_it_names(big):
    plain = api(big, q="budget")
    assert len(plain["facets"]["municipality"]) == 50
    assert plain["facets_more"] == {"municipality": 10, "case_handler": 69}
    full = api(big, q="budget", all_values="municipality")
    assert full["total"] == plain["total"]
    assert full["facets"]["municipality"] == {m: _items(n) for n, m in enumerate(MUNICIPALITIES)}
    assert list(full["facets"]["municipality"]) == sorted(MUNICIPALITIES, key=lambda m: (-full["facets"]["municipality"][m],
                                                                                        m.casefold()))
    assert full["facets_more"] == {"case_handler": 69}  # what is still left out, and only that
    response = big.get("/api/search", query_string={"q": "budget", "all_values": "case_handler"})
    assert len(response.get_json()["facets"]["case_handler"]) == 119 and response.get_json()["facets_more"] == {
        "municipality": 10}
    # the page and the next page of the JSON keep the listing (the Link header)
    assert "all_values=case_handler" in response.headers["Link"].split(">")[0]
    assert response.headers["Link"].count("all_values=case_handler") == response.headers["Link"].count("<")


def test_an_unknown_facet_to_list_in_full_is_refused_in_danish(big):
    response = big.get("/api/search", query_string={"q": "budget", "all_values": "kommunen"})
    assert response.status_code == 400
    assert response.get_json()["parameter"] == "all_values" and response.get_json()["code"] == "invalid_all_values"
    assert "«kommunen»" in response.get_json()["message"]
    page = big.get("/", query_string={"q": "budget", "all_values": "kommunen"})
    assert page.status_code == 400
    back = soup(page).find("a", string="Søg igen uden den ugyldige indstilling")
    assert _params(back["href"]) == {"q": ["budget"]}


def test_a_facet_with_as_many_values_as_a_search_takes_offers_no_more(big):
    """With 20 municipalities chosen, the 21st value's link led to a 400 page: the others are
    shown with their counts but not linked, with a note why; each chosen one can be removed."""
    chosen = MUNICIPALITIES[:MAX_FILTER_VALUES]
    page = soup(big.get("/", query_string={"q": "budget", "municipality": chosen, "all_values": "municipality"}))
    facet = _facet(page, "municipality")
    assert "Højst 20 værdier ad gangen" in facet.get_text(" ", strip=True)
    links = facet.select("li a")
    assert len(links) == MAX_FILTER_VALUES and all("selected" in link["class"] for link in links)
    unlinked = [span.select_one(".value").get_text(strip=True) for span in facet.select("li .unlinked")]
    assert sorted(unlinked) == sorted(MUNICIPALITIES[MAX_FILTER_VALUES:])
    for link in links:  # each link removes its value and leaves the others
        assert len(_params(link["href"])["municipality"]) == MAX_FILTER_VALUES - 1
    # one fewer: every value is offered again
    fewer = soup(big.get("/", query_string={"q": "budget", "municipality": chosen[:-1], "all_values": "municipality"}))
    facet = _facet(fewer, "municipality")
    assert not facet.select("li .unlinked") and len(facet.select("li a")) == 60
    assert "Højst 20" not in facet.get_text()


def test_the_error_page_for_a_21st_value_keeps_the_first_20(big):
    chosen = MUNICIPALITIES[:MAX_FILTER_VALUES + 1]
    page = big.get("/", query_string={"q": "budget", "municipality": chosen, "sort": "newest"})
    assert page.status_code == 400
    back = soup(page).find("a", string="Søg igen uden den ugyldige indstilling")
    params = _params(back["href"])
    assert params["municipality"] == chosen[:MAX_FILTER_VALUES] and params["sort"] == ["newest"]
    assert big.get(back["href"]).status_code == 200


def test_the_error_page_for_too_many_characters_keeps_the_values_that_fit(big):
    """The characters of all filter values together are bounded too (1,000): the values of the
    facet that passes the bound go from the last, the first ones stay."""
    long = [f"{m} {'x' * 150}" for m in MUNICIPALITIES[:8]]
    page = big.get("/", query_string={"q": "budget", "municipality": long})
    assert page.status_code == 400
    back = soup(page).find("a", string="Søg igen uden den ugyldige indstilling")
    fits = max(n for n in range(len(long)) if sum(map(len, long[:n])) <= 1000)
    assert fits >= 5 and _params(back["href"])["municipality"] == long[:fits]
    assert big.get(back["href"]).status_code == 200


def test_the_case_handler_link_of_a_passage_is_scoped_to_its_municipality(big):
    """«MJC» in Aabenraa and «MJC» in Aalborg are two people: the passage's link to the case
    handler's items searched both municipalities."""
    both = api(big, case_handler="MJC")
    assert both["total"] == 2
    hit = next(h for h in both["hits"] if h["municipality"] == MUNICIPALITIES[1])
    page = soup(big.get(f"/passage/{hit['id']}"))
    link = page.find("a", href=lambda h: h and "case_handler=" in h)
    assert _params(link["href"]) == {"municipality": [MUNICIPALITIES[1]], "case_handler": ["MJC"]}
    assert f"i {MUNICIPALITIES[1]}" in link.get_text(" ", strip=True)
    found = api(big, **{k: v[0] for k, v in _params(link["href"]).items()})
    assert [h["id"] for h in found["hits"]] == [hit["id"]]
