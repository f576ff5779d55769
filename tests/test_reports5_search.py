"""Searches of annual reports the reports5 review found answered wrongly; the reports in
tests/fixtures/reports5/ are copied from the review.

- a report of a season or a term («Årsberetning 2024/25», «Beretning for perioden 2022-2025») is
  filed under its first year: `år:2025` found nothing and said year 2025 «findes ikke i
  søgeindekset», while the period from 2025 to 2025 finds both reports;
- `afsnit 2.1` searched «punkt 2.1» and «pkt. 2.1» and found nothing, though «2.1 Medlemmer» is
  printed in afsnit 2 of the Randers report.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import FIXTURES, answered_soup, api, client_of, index_copies, words

FOLDER = FIXTURES / "reports5"  # the reviewer's reports, shared with test_reports5
REPORTS = [FOLDER / name for name in ("hjoerring-boerne-og-ungeraadet-aarsberetning-2024-25.txt",
                                      "randers-aeldreraadet-aarsberetning-2024.txt",
                                      "vordingborg-handicapraadet-beretning-2022-2025.txt")]
HJOERRING = "Årsberetningen 2024-2025 fra Børne- og Ungerådet, Hjørring Kommune"
VORDINGBORG = "2022-2025 fra Handicaprådet, Vordingborg Kommune"


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    from search import open_index

    _corpus, index_dir = index_copies(tmp_path_factory.mktemp("reports5"), REPORTS)
    with open_index(index_dir) as opened:
        yield opened


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    return client_of(tmp_path_factory.mktemp("reports5-web"), REPORTS)


def search(index, query: str = "", **options):
    from search import SearchRequest

    return index.search(SearchRequest(query=query, page_size=100, **options))


def reports_found(response) -> set[str]:
    return {hit.document_id.split("-")[0] for hit in response.hits}


# --- a year that a season's or a term's report reaches into --------------------------------------

def test_a_year_filter_names_the_reports_that_reach_into_the_year(index):
    found = search(index, filters={"year": ("2025",)})
    assert found.total == 0  # the facet keeps its meaning: a report is filed under its first year
    assert "findes ikke i søgeindekset" not in found.notice
    assert found.notice.startswith("Ingen punkter har år 2025. Årsberetningerne 2022-2025 fra Handicaprådet, "
                                   "Vordingborg Kommune, og 2024-2025 fra Børne- og Ungerådet, Hjørring Kommune, "
                                   "står under deres første år (2022 og 2024)")
    assert "søg med perioden fra 2025 til 2025 i stedet for år 2025" in found.notice
    # … and the search it points to finds them
    assert reports_found(search(index, date_from="2025-01-01", date_to="2025-12-31")) == {"hjoerring", "vordingborg"}


def test_a_year_typed_in_the_query_names_only_the_reports_its_words_find(index):
    found = search(index, "år:2025 mobilpolitik")
    assert found.total == 0
    words_found = search(index, "mobilpolitik", date_from="2025-01-01", date_to="2025-12-31")
    assert reports_found(words_found) == {"hjoerring"}
    assert f"Ingen punkter har år 2025. {HJOERRING}, står under år 2024; søg med perioden fra 2025 til 2025" \
        in found.notice
    assert "Vordingborg" not in found.notice and "findes ikke" not in found.notice
    assert found.period_search.query == "mobilpolitik"
    assert (found.period_search.date_from, found.period_search.date_to) == ("2025-01-01", "2025-12-31")


def test_a_report_already_found_under_another_year_chosen_is_not_named(index):
    found = search(index, "høringssvar", filters={"year": ("2024", "2025")})
    assert "hjoerring" in reports_found(found)  # filed under 2024, which is chosen
    assert "Hjørring" not in found.notice
    assert f"Ingen punkter har år 2025. Årsberetningen {VORDINGBORG}, står under år 2022" in found.notice


def test_a_year_no_report_reaches_into_is_still_said_to_be_missing(index):
    found = search(index, filters={"year": ("2030",)})
    assert found.notice == "År «2030» findes ikke i søgeindekset."
    assert found.period_search is None


def test_the_web_page_links_to_the_search_of_the_years_period(web):
    page = answered_soup(web.get("/", query_string={"q": "høringssvar", "year": "2025"}))
    assert "står under deres første år (2022 og 2024)" in words(page.select_one("p.notice"))
    (link,) = [a for a in page.select("a") if words(a) == "Søg med perioden fra 2025 til 2025"]
    followed = api(web, **{name: values[0] for name, values in parse_qs(urlsplit(link["href"]).query).items()})
    assert followed["filters"] == {} and followed["from"] == "2025-01-01" and followed["to"] == "2025-12-31"
    assert {hit["municipality"] for hit in followed["hits"]} == {"Hjørring", "Vordingborg"}


# --- a subsection's number printed in its section -----------------------------------------------

def test_afsnit_with_a_subsections_number_finds_the_section_it_is_printed_in(index):
    found = search(index, "afsnit 2.1")
    assert [(hit.title, hit.item_reference) for hit in found.hits] == [("Rådets sammensætning", "afsnit 2")]
    assert "Medlemmer" in found.hits[0].snippet
    assert found.notice == ("Intet afsnit eller punkt har nummeret 2.1. Et underafsnit står i teksten til sit afsnit, "
                            "så der er i stedet søgt efter «2.1» i årsberetningernes tekst og efter «afsnit 2.1» i "
                            "alle tekster.")


def test_afsnit_of_a_section_the_report_numbers_is_still_that_section(index):
    found = search(index, "afsnit 3")
    assert [hit.title for hit in found.hits] == ["Høringssvar i 2024"]
    assert found.notice is None


def test_punkt_with_a_subsections_number_still_looks_for_the_item_cited(index):
    """«punkt 2.1» is an item of minutes, cited so in their texts: not a number printed anywhere."""
    found = search(index, "punkt 2.1")
    assert found.total == 0
    assert found.notice.startswith("Der er intet punkt 2.1 i søgeindekset")
