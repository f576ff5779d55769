"""The same item said alike by the search page, the document page, the feed, the passage page and
the CLI (a web review).

A decision cut to the words found («…på mødet. Det blev derfor aftalt …») was «Beslutning (udsat,
uddrag)» in the feed but «Beslutning (udsat)» on the page, the document page and in the terminal;
the feed never said «Lukket punkt»; an empty search of filters alone was told to use fewer words
and check its spelling, and an outcome filter on agendas was not told that agendas have no outcome;
the passage page's «Udfald» was the one fact that led nowhere.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, api, client_of, run, soup, words

FOLDER = FIXTURES / "web_consistency"
MINUTES = FOLDER / "fjordby-oekonomiudvalget-referat-2025-03-03.txt"
AGENDA = FOLDER / "fjordby-oekonomiudvalget-dagsorden-2025-03-03.txt"
ATOM = "{http://www.w3.org/2005/Atom}"
POSTPONED = "Udpegning af repræsentant til Folkeoplysningsudvalget"
CLOSED = "Køb af ejendom på Havnevej"
NOTED = "Orientering om regnskab for budgetåret 2024"


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return tmp_path_factory.mktemp("web_consistency")


@pytest.fixture(scope="module")
def client(root):
    return client_of(root, [MINUTES, AGENDA])


def feed_summaries(client, **query) -> dict[str, BeautifulSoup]:
    """Each entry's summary (as HTML) by the title the feed gives it, «N. Title»."""
    response = client.get("/feed", query_string=query)
    assert response.status_code == 200, response.get_data(as_text=True)
    entries = ET.fromstring(response.get_data()).findall(f"{ATOM}entry")
    return {entry.find(f"{ATOM}title").text: BeautifulSoup(entry.find(f"{ATOM}summary").text, "html.parser")
            for entry in entries}


def page_hits(client, **query) -> dict[str, BeautifulSoup]:
    """The search page's hits by title."""
    page = soup(client.get("/", query_string=query))
    return {words(article.h3): article for article in page.select("li.hit article")}


def label(preview) -> str:
    return preview.strong.get_text()


def cli_lines(root, *args) -> list[str]:
    from click.testing import CliRunner

    result = run(CliRunner(), "search", *args, "--index-dir", root / "index")
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


# --- 3: one label for a cut decision -------------------------------------------------------------


def test_a_decision_cut_to_the_words_found_is_an_excerpt_on_the_page_in_the_feed_and_in_the_terminal(client, root):
    query = {"q": "Lisbeth takket", "decisions_only": "1"}
    (hit,) = api(client, **query)["hits"]
    assert hit["snippet_from"] == "decision" and hit["snippet"].startswith("…næste møde i april")

    page = page_hits(client, **query)[POSTPONED].select_one(".decision-preview")
    assert label(page) == "Beslutning (udsat, uddrag):"
    assert words(page).startswith("Beslutning (udsat, uddrag): …næste møde i april")

    feed = feed_summaries(client, **query)[f"1. {POSTPONED}"]
    assert label(feed.find("strong").parent) == "Beslutning (udsat, uddrag):"

    decision = next(line for line in cli_lines(root, "Lisbeth takket", "--decisions-only")
                    if line.strip().startswith("Beslutning"))
    assert decision.strip().startswith("Beslutning (udsat, uddrag): …næste møde i april")


def test_a_whole_decision_is_labelled_by_its_outcome_alone_everywhere(client, root):
    query = {"q": "orienteringen", "decisions_only": "1"}
    page = page_hits(client, **query)[NOTED].select_one(".decision-preview")
    assert words(page) == "Beslutning (taget til efterretning): Orienteringen blev taget til efterretning."
    feed = feed_summaries(client, **query)[f"3. {NOTED}"]
    assert label(feed.find("strong").parent) == "Beslutning (taget til efterretning):"
    assert "   Beslutning (taget til efterretning): [Orienteringen] blev taget til efterretning." in cli_lines(
        root, "orienteringen", "--decisions-only")


def test_a_decision_shown_below_a_text_snippet_cut_at_its_end_is_an_excerpt_on_the_page_and_in_the_feed(client):
    # found in the item's text: the decision stands below it, cut to its first 300 characters
    query = {"q": "resten af perioden", "doc_type": "referat"}
    (hit,) = api(client, **query)["hits"]
    assert hit["snippet_from"] == "text" and hit["decision"].endswith("hvor formanden…")
    page = page_hits(client, **query)[POSTPONED].select_one(".decision-preview")
    assert label(page) == "Beslutning (udsat, uddrag):"
    (feed,) = feed_summaries(client, **query).values()
    assert label(feed.find("strong").parent) == "Beslutning (udsat, uddrag):"


def test_the_document_page_labels_a_decision_it_cuts_as_an_excerpt(client):
    (hit,) = api(client, q="Lisbeth", decisions_only="1")["hits"]
    page = soup(client.get(f"/document/{hit['document_id']}"))
    previews = {words(item.a): item.select_one(".decision-preview") for item in page.select("ol.toc > li")}
    # the document page shows a decision's first 220 characters: the rest of this one is left out
    assert label(previews[f"1. {POSTPONED}"]) == "Beslutning (udsat, uddrag):"
    assert words(previews[f"1. {POSTPONED}"]).endswith("…")
    assert words(previews[f"2. {CLOSED}"]) == "Beslutning (godkendt): Godkendt."


# --- 4: the feed says a closed item is closed ----------------------------------------------------


def test_the_feed_says_lukket_punkt_as_the_page_does(client):
    meta = {title: summary.p.get_text() for title, summary in feed_summaries(client, q="ejendom Havnevej").items()}
    assert meta == {f"2. {CLOSED}": "Referat · Lukket punkt · Økonomiudvalget · Fjordby · 3. marts 2025 · punkt 2"}
    page = page_hits(client, q="ejendom Havnevej")[CLOSED].select_one("p.meta")
    assert words(page) == "Referat · Lukket punkt · Fjordby · Økonomiudvalget · 3. marts 2025 · punkt 2"
    # an item of the open part says nothing of it
    (summary,) = feed_summaries(client, q="regnskab", doc_type="referat").values()
    assert "Lukket" not in summary.p.get_text()


# --- 7: advice for an empty search fits the search ----------------------------------------------


def test_an_empty_search_of_filters_alone_gets_no_advice_about_words(client):
    page = soup(client.get("/", query_string={"doc_type": "dagsorden", "outcome": "Godkendt"}))
    advice = words(page.select_one("section.empty"))
    assert "Brug færre ord" not in advice and "Tjek stavningen" not in advice
    # what it gets instead: why agendas have no outcome, and the filter to take off
    assert ("En dagsorden udsendes før mødet og har ingen beslutninger og derfor heller intet udfald: "
            "filteret udfald finder kun punkter i referater.") in advice
    assert "Fjern filteret dokumenttype: Dagsorden – giver 1 resultat" in advice


def test_an_empty_search_of_words_still_gets_advice_about_words_and_no_word_about_agendas(client):
    advice = words(soup(client.get("/", query_string={"q": "flygtningekvote"})).select_one("section.empty"))
    assert "Brug færre ord" in advice and "Tjek stavningen" in advice
    assert "dagsorden" not in advice
    # minutes with an outcome that finds nothing are no matter of agendas either
    advice = words(soup(client.get("/", query_string={"q": "flygtningekvote", "doc_type": "referat",
                                                      "outcome": "Godkendt"})).select_one("section.empty"))
    assert "Tjek stavningen" in advice and "En dagsorden udsendes" not in advice


# --- 10: the passage page's outcome leads to the items decided alike ----------------------------


@pytest.mark.parametrize("title, outcome", [(POSTPONED, "Udsat"), (NOTED, "Taget til efterretning")])
def test_the_passage_pages_outcome_links_the_search_for_it(client, title, outcome):
    (hit,) = [h for h in api(client, q=title, doc_type="referat")["hits"] if h["title"] == title]
    page = soup(client.get(f"/passage/{hit['id']}"))
    facts = {words(dt): dd for dt, dd in zip(page.select("dl.facts dt"), page.select("dl.facts dd"))}
    link = facts["Udfald"].a
    assert words(link) == outcome
    url = urlsplit(link["href"])
    assert url.path == "/" and parse_qs(url.query) == {"outcome": [outcome]}
    # followed, it finds the item
    found = page_hits(client, **parse_qs(url.query))
    assert title in found and all(
        words(h.select_one(".decision-preview")).startswith(f"Beslutning ({outcome.lower()}") for h in found.values())


def test_the_help_page_says_what_a_decisions_label_says_and_that_agendas_have_no_outcome(client):
    help_text = words(soup(client.get("/hjaelp")).select_one("#afgraens"))
    assert "Foran hver beslutning står dens udfald, fx «Beslutning (udsat):», og «uddrag», når kun en del af beslutningen vises." in help_text
    assert "Kun referater har et udfald: en dagsorden udsendes før mødet og har ingen beslutning." in help_text
