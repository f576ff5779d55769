"""Layouts review 16 (2026-12-05), decisions (files in tests/fixtures/layouts16_decisions/, copied from the
review).

The findings: Thisted's «Mindretalsudtalelse:» under the decision was a section of its own that «Kun
beslutninger» did not search and the CSV's «beslutning» column left out, while Region Sjælland's «Protokollat
fra Enhedslisten (Ø):» written inside the decision was found; Thisted's item 3, postponed and taken up again
later in the meeting as «3. Handleplan for rekruttering af sosu-personale (genoptaget)», lost its case number
and case handler there and kept the mark in its title.
"""

from __future__ import annotations

import csv
import io
from functools import partial

import pytest

from conftest import FIXTURES, api, client_of, read_fixture, read_rewritten

LAYOUTS16 = FIXTURES / "layouts16_decisions"
read = partial(read_fixture, LAYOUTS16)

THISTED = "thisted-social-og-sundhedsudvalget-referat-2025-03-11.txt"
REGION_SJAELLAND = "region-sjaelland-regionsraadet-referat-2025-03-24.txt"
DISSENT = "Dansk Folkeparti kan ikke støtte en lukning"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return client_of(tmp_path_factory.mktemp("layouts16_decisions"),
                     [LAYOUTS16 / THISTED, LAYOUTS16 / REGION_SJAELLAND])


def _csv_rows(client, **params) -> list[dict[str, str]]:
    answer = client.get("/api/search.csv", query_string=params)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"), newline="")))


# --- A minority's statement printed with the decision ----------------------------------------------------


def test_a_minority_statement_stays_a_section_of_its_own_and_does_not_change_the_outcome():
    closing = next(p for p in read(THISTED).passages if p.title == "Lukning af Hanstholm Plejecenter")
    statement = next(s for s in closing.sections if s.key == "mindretalsudtalelse")
    assert not statement.is_decision
    assert statement.text.startswith("Karsten Kjeldgaard (DF) ønsker følgende ført til protokol")
    assert DISSENT not in closing.decision  # the decision as the page shows it under «Beslutning»
    assert closing.outcome == "Anbefalet"  # the majority recommended; the dissent is no rejection


def test_decisions_only_finds_a_minority_statement_under_its_own_label(client):
    found = api(client, q='"Dansk Folkeparti"', decisions_only="1")
    assert [hit["title"] for hit in found["hits"]] == ["Lukning af Hanstholm Plejecenter"]
    assert found["hits"][0]["outcome"] == "Anbefalet"


def test_decisions_only_still_finds_a_protocol_entry_inside_the_decision(client):
    found = api(client, q="ventelisterne psykiatrien", decisions_only="1")
    assert len(found["hits"]) == 1 and "Regnskab 2024" in found["hits"][0]["title"]


def test_decisions_only_does_not_search_the_rest_of_the_item(client):
    # «Thy Plejecenter» is in the item's case text, not in its decision or the dissent
    assert api(client, q='"Thy Plejecenter"', decisions_only="1")["hits"] == []
    assert [hit["title"] for hit in api(client, q='"Thy Plejecenter"')["hits"]] == ["Lukning af Hanstholm Plejecenter"]


def test_the_csv_decision_column_holds_the_minority_statement_under_its_label(client):
    rows = _csv_rows(client, q="Hanstholm", decisions_only="0")
    closing = next(row for row in rows if row["titel"] == "Lukning af Hanstholm Plejecenter")
    decision = closing["beslutning"]
    assert decision.startswith("Anbefales over for Økonomiudvalget og Byrådet.")
    assert "Mindretalsudtalelse: Karsten Kjeldgaard (DF) ønsker følgende ført til protokol" in decision
    assert DISSENT in decision
    assert closing["udfald"] == "Anbefalet"


def test_the_item_page_shows_the_minority_statement_as_its_own_section(client):
    hit = api(client, q='"Dansk Folkeparti"')["hits"][0]
    page = client.get(f"/passage/{hit['id']}").get_data(as_text=True)
    assert "Mindretalsudtalelse" in page and DISSENT in page


# --- An item taken up again later in the meeting -----------------------------------------------------------


def test_an_item_taken_up_again_is_numbered_as_its_first_part_and_keeps_its_printed_title():
    passages = read(THISTED).passages
    parts = [p for p in passages if p.item_number == 3]
    # The resumed part keeps «(genoptaget)» as printed (API review 38): without it both parts had one
    # identity, so the feed kept one of them and both cited alike.
    assert [(p.title, p.case_number, p.case_handler) for p in parts] == [
        ("Handleplan for rekruttering af sosu-personale", "25-000119", "Rikke Bundgaard"),
        ("Handleplan for rekruttering af sosu-personale (genoptaget)", "25-000119", "Rikke Bundgaard")]
    first, resumed = parts
    assert first.position < passages[3].position < resumed.position  # item 4 between them, as printed
    assert resumed.decision == "Godkendt, idet initiativet om sprogskole finansieres inden for rammen."
    assert (first.outcome, resumed.outcome) == ("Udsat", "Godkendt")  # each part its own decision


def test_the_case_number_finds_both_parts_of_an_item_taken_up_again(client):
    found = api(client, q="sagsnr:25-000119")
    assert sorted(hit["outcome"] for hit in found["hits"]) == ["Godkendt", "Udsat"]
    assert {hit["case_handler"] for hit in found["hits"]} == {"Rikke Bundgaard"}


def test_a_resumed_mark_under_another_title_is_kept_as_printed(tmp_path):
    # the same number, but a title no item before it has: no part of item 3, its heading as printed
    resumed = "3. Handleplan for rekruttering af sosu-personale (genoptaget)"
    document = read_rewritten(LAYOUTS16, tmp_path, THISTED,
                              lambda text: text.replace(resumed, "3. Elevpladser på sosu-skolen (genoptaget)"))
    other = [p for p in document.passages if p.item_number == 3][-1]
    assert (other.title, other.case_number, other.case_handler) == ("Elevpladser på sosu-skolen (genoptaget)", None, None)
