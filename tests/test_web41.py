"""Web review 41 (2026-12-05): what a hit, a notice and an item page say about the decision, the later
version, the filters and a resumed item, checked on Thisted's minutes (tests/fixtures/layouts16_decisions/).

The findings: a «Kun beslutninger» hit found by DF's «Mindretalsudtalelse» showed the dissent under
«Beslutning»; the note on a superseded item said the later version stood among the hits where it did not; with
«Kun beslutninger» a word of the items' texts was said not to be in the texts; an unfilled decision form was a
second «Beslutning» on the item page; a topic's whole word in the URL («trafik») was named unknown without a
suggestion; a misspelt filter value in the URL was corrected in words only; a resumed item's two parts did not
point to each other.
"""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, api, client_of

LAYOUTS16 = FIXTURES / "layouts16_decisions"
THISTED = "thisted-social-og-sundhedsudvalget-referat-2025-03-11.txt"
WEB41 = FIXTURES / "web41"
APRIL = "thisted-social-og-sundhedsudvalget-referat-2025-04-08.txt"  # another meeting, written for these tests


@pytest.fixture(scope="module")
def thisted(tmp_path_factory):
    return client_of(tmp_path_factory.mktemp("web41_thisted"), [LAYOUTS16 / THISTED])


def _page(client, path: str = "/", **params) -> str:
    response = client.get(path, query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data(as_text=True)


def _text(html: str) -> str:
    """The page's words as read: tags out, spacing collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- 1. A minority's statement is no part of the decision ----------------------------------------------


def test_a_decisions_only_hit_found_in_the_dissent_shows_it_under_its_own_label(thisted):
    hit = api(thisted, q="administrationen", decisions_only="1")["hits"][0]
    assert hit["title"] == "Lukning af Hanstholm Plejecenter"
    assert hit["snippet_from"] == "decision_record"
    assert hit["snippet_label"] == "Mindretalsudtalelse"
    assert "Besparelsen bør findes i <mark>administrationen</mark>" in hit["snippet"]
    assert "Anbefales" not in hit["snippet"]  # the decision is not cut together with the dissent
    page = _text(_page(thisted, q="administrationen", decisions_only="1"))
    assert "Beslutning (anbefalet): Anbefales over for Økonomiudvalget og Byrådet." in page
    assert "Mindretalsudtalelse (uddrag): " in page
    assert not re.search(r"Beslutning[^:]*: [^:]*Besparelsen bør findes", page)


def test_the_terminal_labels_a_dissent_hit_as_the_page_does(tmp_path):
    from conftest import run
    from click.testing import CliRunner

    from indexer.update import update_index

    update_index([LAYOUTS16], tmp_path / "index")
    output = run(CliRunner(), "search", "administrationen", "--decisions-only", "--index-dir", tmp_path / "index").output
    assert "   Mindretalsudtalelse (uddrag): " in output and "Besparelsen bør findes i" in output
    assert "   Beslutning (anbefalet): Anbefales over for Økonomiudvalget og Byrådet." in output


def test_a_compound_split_with_decisions_only_is_said_not_to_be_in_the_decisions(tmp_path):
    from conftest import SEEDS

    client = client_of(tmp_path, sorted(SEEDS.glob("*.txt")))
    assert api(client, q="lokalplan", decisions_only="1")["notice"] == (
        "«lokalplan» står ikke i beslutningerne; der er søgt efter punkter med både «lokal» og «plan».")
    assert api(client, q="lokalplan")["notice"].startswith("«lokalplan» står ikke i teksterne;")


def test_a_decisions_only_hit_found_in_the_decision_is_labelled_as_the_decision(thisted):
    hit = api(thisted, q="sprogskole", decisions_only="1")["hits"][0]
    assert (hit["snippet_from"], hit["snippet_label"]) == ("decision", "")
    assert "Beslutning (godkendt): Godkendt, idet initiativet om sprogskole" in _text(
        _page(thisted, q="sprogskole", decisions_only="1"))


# --- 3. «Kun beslutninger» searched the decisions, not the texts ----------------------------------------


def test_a_word_not_in_the_decisions_is_said_not_to_be_in_the_decisions(tmp_path):
    # March: «Hanstholm Plejecenter» in an item's text, not its decision; April: Mette Kirk attends, and a
    # decision says «center»
    client = client_of(tmp_path, [LAYOUTS16 / THISTED, WEB41 / APRIL])
    found = api(client, q='deltager:"Mette Kirk" plejecenter', decisions_only="1")
    assert found["total"] == 0
    assert found["notice"] == ("«plejecenter» står ikke i beslutningerne, heller ikke som del af længere ord; "
                               "ordets sidste del, «center», gør.")
    assert api(client, q="plejecenter")["total"] == 1  # the word is in the texts


# --- 4. An unfilled decision form is no second decision ---------------------------------------------------


def test_an_unfilled_decision_form_is_headed_as_not_filled_in(tmp_path):
    from conftest import SEEDS

    client = client_of(tmp_path, [SEEDS / "roskilde-integrationsraadet-referat-2026-06-04.txt"])
    item = next(h for h in api(client, page_size=50)["hits"] if h["item_number"] == 14)
    html = _page(client, f"/passage/{item['id']}")
    headings = [_text(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]
    assert "Beslutning (ikke udfyldt)" in headings
    assert headings.count("Beslutning") == 1  # the decision's badge alone


# --- 5. A topic's word in the URL names the topic -----------------------------------------------------------


@pytest.fixture(scope="module")
def two_meetings(tmp_path_factory):
    """March (the dissent, the resumed item) and April (a cycle path: «trafik og veje»; an extension: «plan og
    byggeri»; a decision saying «center»)."""
    return client_of(tmp_path_factory.mktemp("web41_two"), [LAYOUTS16 / THISTED, WEB41 / APRIL])


@pytest.mark.parametrize("typed, topic", [("trafik", "trafik og veje"), ("byggeri", "plan og byggeri")])
def test_a_whole_word_of_one_topic_is_suggested_for_the_topic_filter(two_meetings, typed, topic):
    found = api(two_meetings, topic=typed)
    assert found["total"] == 0
    assert found["notice"] == f"Emne «{typed}» findes ikke i søgeindekset; mente du «{topic}»?"
    assert api(two_meetings, topic=topic)["total"] >= 1


def test_a_word_of_several_topics_or_none_is_not_guessed(two_meetings):
    assert api(two_meetings, topic="og")["notice"] == "Emne «og» findes ikke i søgeindekset."
    assert api(two_meetings, topic="skibsfart")["notice"] == "Emne «skibsfart» findes ikke i søgeindekset."


# --- 6. A misspelt filter value in the URL is corrected by a link ------------------------------------------


def test_a_misspelt_filter_value_in_the_url_links_the_search_with_the_value_corrected(two_meetings):
    params = {"q": "budget", "outcome": "Godkent", "topic": "trafik og veje", "sort": "oldest",
              "from": "2025-01-01", "to": "2025-12-31"}
    found = api(two_meetings, **params)
    assert found["total"] == 0
    assert "Udfald «Godkent» findes ikke i søgeindekset; mente du «Godkendt»?" in found["notice"]
    assert found["filter_suggestions"] == [{"parameter": "outcome", "value": "Godkent", "suggestion": "Godkendt"}]
    html = _page(two_meetings, **params)
    link = re.search(r'<p class="suggestion filter-suggestion">Mente du udfald <a href="([^"]+)">«Godkendt»</a>\?</p>', html)
    assert link is not None, html
    followed = two_meetings.get(link.group(1).replace("&amp;", "&"))
    from urllib.parse import parse_qs, urlsplit

    assert parse_qs(urlsplit(link.group(1).replace("&amp;", "&")).query) == {
        "q": ["budget"], "outcome": ["Godkendt"], "topic": ["trafik og veje"], "sort": ["oldest"],
        "from": ["2025-01-01"], "to": ["2025-12-31"]}
    assert "Ny cykelsti til Thy Ældrehjem" in followed.get_data(as_text=True)


def test_a_filter_value_without_a_close_one_gets_no_link(two_meetings):
    found = api(two_meetings, q="budget", outcome="Xyzzy")
    assert found["filter_suggestions"] == []
    assert "filter-suggestion" not in _page(two_meetings, q="budget", outcome="Xyzzy")


# --- 7. The two parts of an item taken up again later in the meeting point to each other ------------------


def test_the_parts_of_a_resumed_item_link_each_other(thisted):
    parts = [h for h in api(thisted, q="sagsnr:25-000119", sort="oldest")["hits"]]
    first, resumed = sorted(parts, key=lambda h: h["line"])
    assert (first["outcome"], resumed["title"]) == ("Udsat", "Handleplan for rekruttering af sosu-personale (genoptaget)")
    first_page = _page(thisted, f"/passage/{first['id']}")
    assert re.search(rf'Punktet blev genoptaget senere på mødet: <a href="/passage/{re.escape(resumed["id"])}[^"]*">'
                     r"Handleplan for rekruttering af sosu-personale \(genoptaget\)</a> – godkendt\.", first_page)
    resumed_page = _page(thisted, f"/passage/{resumed['id']}")
    assert re.search(rf'Punktet blev først behandlet tidligere på mødet: <a href="/passage/{re.escape(first["id"])}[^"]*">'
                     r"Handleplan for rekruttering af sosu-personale</a> – udsat\.", resumed_page)
    assert "genoptaget senere på mødet" not in resumed_page


def test_an_item_not_taken_up_again_has_no_such_note(thisted):
    hit = api(thisted, q="sagsnr:24-021773")["hits"][0]  # the care home's closing: decided once
    page = _page(thisted, f"/passage/{hit['id']}")
    assert "resumed-note" not in page


# --- 8. A word's compound is not said to be found when no hit shown holds it ----------------------------------


def test_a_most_words_notice_does_not_claim_a_compound_no_hit_holds(two_meetings):
    found = api(two_meetings, q="cykelsti fortov Silkeborg")
    assert [hit["title"] for hit in found["hits"]] == ["Ny cykelsti til Thy Ældrehjem"]
    assert found["hits"][0]["missing"] == ["Silkeborg"]
    assert found["notice"] == ("Intet punkt indeholder alle ordene; her er de punkter, der indeholder flest af dem "
                               "(2 af 3). «Silkeborg» står ikke i nogen af dem.")
    assert "Silkeborgvej" not in _text(_page(two_meetings, q="cykelsti fortov Silkeborg"))


def test_a_most_words_notice_still_names_the_compound_a_hit_shown_holds(two_meetings):
    found = api(two_meetings, q="ventetiden Silkeborg cykelsti")
    assert [hit["title"] for hit in found["hits"]] == ["Genoptræning i Thisted"]
    assert found["notice"].startswith("«Silkeborg» fundet som del af sammensatte ord: «Silkeborgvej». Intet punkt")
