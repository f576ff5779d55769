"""What a web review found between the page and its twins (the CSV, the empty page, the query box):

- the CSV names a document's kind and period as the hit does: «Tillægsdagsorden», not «Dagsorden»;
  a season's annual report has its period («2024-2025») beside its first year;
- on a page that found nothing, each value of a facet with several chosen says what its removal
  gives («giver stadig 0 resultater»), as a single value's chip does;
- `udfald:taget til efterretning` typed as the help lists the value, without quotes, is the
  outcome, not «udfald:taget» and the words «til efterretning».
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import api, client_of, run, soup

FIXTURES = Path(__file__).parent / "fixtures"
SUPPLEMENT = FIXTURES / "document_kinds" / "vejle-byraadet-2025-03-12.txt"
SEASON_REPORT = FIXTURES / "reports4" / "odsherred-handicapraadet-aarsberetning-2024-2025.txt"
# Horsens' committee, 4 June 2024: four items on refugees, two noted (one «Udvalget blev
# orienteret», without the words «til efterretning»), one postponed, one approved.
MINUTES = FIXTURES / "web_exports_and_widenings" / "horsens-social-og-sundhedsudvalget-referat-2024-06-04.txt"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return client_of(tmp_path_factory.mktemp("web_exports_and_widenings"), [SUPPLEMENT, SEASON_REPORT, MINUTES])


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# --- the CSV ----------------------------------------------------------------------------------


def test_the_csv_names_a_supplementary_agenda_by_its_kind_as_the_hit_does(client):
    hit = api(client, q="Vinterberedskab")["hits"][0]
    (row,) = csv_rows(client.get("/api/search.csv", query_string={"q": "Vinterberedskab"}).data)
    assert (hit["doc_type"], hit["supplement"]) == ("dagsorden", True)
    assert (row["titel"], row["dokumenttype"], row["år"], row["periode"]) == ("Vinterberedskab", "Tillægsdagsorden", "2025", "")


def test_the_csv_gives_a_season_reports_period_beside_its_first_year(client):
    rows = csv_rows(client.get("/api/search.csv", query_string={"q": "Indledning"}).data)
    report = next(r for r in rows if r["kommune"] == "Odsherred")
    assert (report["dokumenttype"], report["år"], report["periode"]) == ("Årsberetning", "2024", "2024-2025")
    # minutes have no period, and their kind stays as it was
    minutes = csv_rows(client.get("/api/search.csv", query_string={"q": "flygtninge"}).data)
    assert {(r["dokumenttype"], r["år"], r["periode"]) for r in minutes} == {("Referat", "2024", "")}


def test_referatsog_search_csv_has_the_same_columns(client, runner):
    index_dir = client.application.config["INDEX_DIR"]
    result = run(runner, "search", "Vinterberedskab OR Indledning", "--csv", "--index-dir", index_dir)
    assert result.exit_code == 0, result.output
    rows = {r["titel"]: r for r in csv_rows(result.stdout.encode())}
    assert (rows["Vinterberedskab"]["dokumenttype"], rows["Vinterberedskab"]["periode"]) == ("Tillægsdagsorden", "")
    assert rows["Indledning"]["periode"] == "2024-2025"


# --- the empty page ---------------------------------------------------------------------------


def test_each_of_several_values_of_a_facet_says_that_its_removal_finds_nothing_either(client):
    """`outcome=Udsat&outcome=Godkendt&year=2025`: the year's chip said «giver 2 resultater», the
    outcome chips nothing, and led to another empty page each."""
    params = {"q": "flygtninge", "outcome": ["Udsat", "Godkendt"], "year": "2025"}
    assert api(client, **params)["total"] == 0
    page = soup(client.get("/", query_string=params))
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select(".empty a.action")}
    assert "Fjern filteret år: 2025 – giver 2 resultater" in links
    for outcome in ("Udsat", "Godkendt"):
        removes = links[f"Fjern filteret udfald: {outcome} – giver stadig 0 resultater"]
        followed = client.get(removes.replace("/?", "/api/search?", 1)).get_json()
        assert followed["total"] == 0 and followed["filters"]["outcome"] == [o for o in ("Udsat", "Godkendt") if o != outcome]


def test_a_facet_with_one_value_still_gets_the_engines_count(client):
    page = soup(client.get("/", query_string={"q": "flygtninge", "outcome": "Udsat", "year": "2025"}))
    texts = [a.get_text(" ", strip=True) for a in page.select(".empty a.action")]
    assert "Fjern filteret år: 2025 – giver 1 resultat" in texts
    assert "Fjern filteret udfald: Udsat – giver stadig 0 resultater" in texts


# --- `udfald:` in the query -------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["udfald:taget til efterretning", "udfald:Taget til efterretning",
                                   "outcome:taget til efterretning", "udfald:taget til efterretning,",
                                   'udfald:"taget til efterretning"'])
def test_an_outcome_of_several_words_typed_without_quotes_is_the_outcome(client, typed):
    filtered = api(client, q="flygtninge", outcome="Taget til efterretning")
    assert filtered["total"] == 2  # «Taget til efterretning» and «Udvalget blev orienteret»
    body = api(client, q=f"{typed} flygtninge")
    assert sorted(h["title"] for h in body["hits"]) == sorted(h["title"] for h in filtered["hits"])
    assert body["notice"] is None


def test_the_words_after_a_known_outcome_stay_words(client):
    assert [h["title"] for h in api(client, q="udfald:udsat flygtninge")["hits"]] == ["Boliger til flygtninge"]
    assert [h["title"] for h in api(client, q="udfald:taget til efterretning botilbud")["hits"]] == [
        "Orientering om flygtninge på botilbud"]
    # excluded whole: the two items noted are left out, exactly (it found none, and guessed
    # «the items with most of the words» when «efterretning» was a word of the text)
    excluded = api(client, q="flygtninge -udfald:taget til efterretning")
    assert sorted(h["title"] for h in excluded["hits"]) == ["Boliger til flygtninge", "Budget for modtagelse af flygtninge"]
    assert (excluded["approximate"], excluded["notice"]) == (False, None)
