"""What a document is, as a citation names it (a journalist's review):

- an annual report for a season («Årsberetning 2024-2025», «2024/25») is cited by its period, not by
  its first year, which stays its `year` (the facet);
- a supplementary agenda or minutes («Tillægsdagsorden», «Tillægsreferat» as the document's own
  title, or in its file name) is cited as one; its `doc_type` stays dagsorden/referat. A
  «Tillægsdagsorden» header inside an ordinary agenda, over the items added to it, makes none.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import client_of, read_written, run, soup
from indexer.citation import citation, document_title
from indexer.models import Passage
from indexer.pipeline import read_document

FIXTURES = Path(__file__).parent / "fixtures"
KINDS = FIXTURES / "document_kinds"
ODSHERRED = FIXTURES / "reports4" / "odsherred-handicapraadet-aarsberetning-2024-2025.txt"
SUPPLEMENT = KINDS / "vejle-byraadet-2025-03-12.txt"

REPORT = """Odsherred Kommune
Handicaprådet

{title}

1. Indledning

Handicaprådet er sammensat af repræsentanter for Danske Handicaporganisationer og byrådet.

2. Rådets arbejde

Rådet har fokuseret på tilgængelighed ved strandene.
"""

AGENDA = """Vejle Kommune

Byrådet

{title}

Mødedato: 12. marts 2025

Punkt 47: Salg af erhvervsgrund
Sagsnr.: 02.34.02-G01-88-23

Indstilling
Direktionen indstiller, at grunden sælges.

Beslutning
-
{between}
Punkt 48: Vinterberedskab
Sagsnr.: 05.01.10-Ø00-2-24

Indstilling
Direktionen indstiller, at beredskabet udvides.

Beslutning
-
"""


def extracted(runner, path: Path) -> list[dict]:
    result = run(runner, "extract", path, "--json")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


# --- a report for a season --------------------------------------------------------------------


def test_a_season_report_is_cited_by_its_period_and_keeps_its_first_year_as_year(runner):
    passages = extracted(runner, ODSHERRED)
    assert {(p["year"], p["period"]) for p in passages} == {(2024, "2024-2025")}
    p = read_document(ODSHERRED, ODSHERRED.parent).passages[0]
    assert citation(p) == "Handicaprådet, Odsherred Kommune, årsberetning 2024-2025, afsnit 1: Indledning"
    assert document_title(p) == "Årsberetning 2024-2025: Handicaprådet, Odsherred Kommune"


@pytest.mark.parametrize(("title", "year", "period"), [
    ("Årsberetning 2024-2025", 2024, "2024-2025"), ("Beretning for 2021-2022", 2021, "2021-2022"),
    ("Årsberetning 2021-22", 2021, "2021-2022"), ("Årsberetning 2024/25", 2024, "2024-2025"),
    ("Årsberetning 2024–2025", 2024, "2024-2025"), ("Årsberetning 2024", 2024, None),
    # a day's number is no year (a code review read «2024-2030»)
    ("Årsberetning for perioden 1. juli 2024 – 30. juni 2025", 2024, "2024-2025")])
def test_a_reports_period_is_written_out_as_a_reader_writes_it(tmp_path, title, year, period):
    passages = read_written(tmp_path, "odsherred-handicapraadet.txt", REPORT.format(title=title)).passages
    assert {(p.doc_type, p.year, p.period) for p in passages} == {("årsberetning", year, period)}
    assert citation(passages[0]).startswith(f"Handicaprådet, Odsherred Kommune, årsberetning {period or year}, afsnit 1: ")


def test_a_minutes_period_in_an_item_title_makes_no_period(tmp_path):
    text = ("Odsherred Kommune\nHandicaprådet\nReferat\n\nMødedato: 12. marts 2025\n\n"
            "1. Årsberetning 2024-2025\nBeslutning: Godkendt.\n\n2. Eventuelt\nBeslutning: Intet.\n")
    passages = read_written(tmp_path, "odsherred-handicapraadet-referat.txt", text).passages
    assert {(p.doc_type, p.period, p.supplement) for p in passages} == {("referat", None, False)}


# --- a supplementary agenda -------------------------------------------------------------------


def test_a_supplementary_agenda_is_cited_as_one_and_stays_an_agenda(runner):
    passages = extracted(runner, SUPPLEMENT)
    assert {(p["doc_type"], p["supplement"]) for p in passages} == {("dagsorden", True)}
    p = read_document(SUPPLEMENT, KINDS).passages[0]
    assert citation(p) == "Byrådet, Vejle Kommune, tillægsdagsorden til mødet 12.03.2025, punkt 48: Vinterberedskab"
    assert document_title(p) == "Tillægsdagsorden: Byrådet, Vejle Kommune, 12. marts 2025"


@pytest.mark.parametrize(("title", "name", "kind"), [
    ("Tillægsdagsorden", "vejle-byraadet-2025-03-12.txt", "tillægsdagsorden til mødet"),
    ("Tillægsdagsorden til byrådets møde", "vejle-byraadet-2025-03-12.txt", "tillægsdagsorden til mødet"),
    ("Tillægsreferat", "vejle-byraadet-2025-03-12.txt", "tillægsreferat af mødet"),
    ("Dagsorden", "vejle-byraadet-tillaegsdagsorden-2025-03-12.txt", "tillægsdagsorden til mødet"),
    ("Dagsorden", "vejle-byraadet-dagsorden-2025-03-12.txt", "dagsorden til mødet")])
def test_the_documents_own_title_or_file_name_makes_it_a_supplement(tmp_path, title, name, kind):
    text = AGENDA.format(title=title, between="")
    if "referat" in title.casefold():
        text = text.replace("Beslutning\n-", "Beslutning\nGodkendt.")
    passages = read_written(tmp_path, name, text).passages
    assert {p.doc_type for p in passages} == {"referat" if "referat" in kind else "dagsorden"}
    assert {p.supplement for p in passages} == {kind.startswith("tillægs")}
    assert citation(passages[0]) == f"Byrådet, Vejle Kommune, {kind} 12.03.2025, punkt 47: Salg af erhvervsgrund"


@pytest.mark.parametrize("header", ["Tillægsdagsorden", "TILLÆGSDAGSORDEN", "Tillægsreferat"])
def test_a_supplementary_header_inside_an_agenda_makes_no_supplement(tmp_path, header):
    text = AGENDA.format(title="Dagsorden", between=f"\n{header}\n")
    passages = read_written(tmp_path, "vejle-byraadet-2025-03-12.txt", text).passages
    assert [p.item_number for p in passages] == [47, 48]
    assert {(p.doc_type, p.supplement) for p in passages} == {("dagsorden", False)}
    assert "tillægs" not in citation(passages[1])


def test_a_record_stored_before_the_fields_reads_back_with_their_defaults():
    p = read_document(ODSHERRED, ODSHERRED.parent).passages[0]
    record = p.to_record()
    del record["period"], record["supplement"]
    old = Passage.from_record(record)
    assert (old.period, old.supplement) == (None, False)
    assert citation(old) == "Handicaprådet, Odsherred Kommune, årsberetning 2024, afsnit 1: Indledning"


# --- the pages --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kinds_client(tmp_path_factory):
    return client_of(tmp_path_factory.mktemp("document_kinds"), [ODSHERRED, SUPPLEMENT])


def _passage_id(path: Path, position: int = 0) -> str:
    return read_document(path, path.parent).passages[position].id


def _page_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return re.sub(r"\s+", " ", soup(response).get_text(" "))


def test_the_passage_page_cites_a_season_report_by_its_period(kinds_client):
    passage_id = _passage_id(ODSHERRED)
    text = _page_text(kinds_client, f"/passage/{passage_id}")
    assert "Handicaprådet, Odsherred Kommune, årsberetning 2024-2025, afsnit 1: Indledning" in text
    assert "Årsberetning 2024-2025: Handicaprådet, Odsherred Kommune" in text
    assert "Periode 2024-2025" in text
    body = kinds_client.get(f"/api/passage/{passage_id}").get_json()
    assert (body["year"], body["period"], body["supplement"]) == (2024, "2024-2025", False)
    assert body["citation"] == "Handicaprådet, Odsherred Kommune, årsberetning 2024-2025, afsnit 1: Indledning"


def test_the_passage_and_document_pages_name_a_supplementary_agenda(kinds_client):
    passage = read_document(SUPPLEMENT, KINDS).passages[0]
    page = soup(kinds_client.get(f"/passage/{passage.id}"))
    assert page.select_one(".kicker").get_text(" ", strip=True).startswith("Tillægsdagsorden")
    text = re.sub(r"\s+", " ", page.get_text(" "))
    assert "Byrådet, Vejle Kommune, tillægsdagsorden til mødet 12.03.2025, punkt 48: Vinterberedskab" in text
    assert "Tillægsdagsorden: Byrådet, Vejle Kommune, 12. marts 2025" in text
    document = soup(kinds_client.get(f"/document/{passage.document_id}"))
    assert document.select_one("h1").get_text(strip=True) == "Tillægsdagsorden: Byrådet, Vejle Kommune, 12. marts 2025"
    body = kinds_client.get(f"/api/document/{passage.document_id}").get_json()
    assert (body["doc_type"], body["supplement"], body["period"]) == ("dagsorden", True, None)


def test_a_hit_cites_as_its_passage_page(kinds_client):
    from conftest import api

    hits = api(kinds_client, q="Vinterberedskab")["hits"]
    assert hits[0]["citation"] == "Byrådet, Vejle Kommune, tillægsdagsorden til mødet 12.03.2025, punkt 48: Vinterberedskab"


def test_a_hit_names_a_supplement_by_its_kind_on_the_page_and_in_the_cli(kinds_client, runner):
    """The passage page said «Tillægsdagsorden», the hit list «Dagsorden» (a code review)."""
    from conftest import api

    hit = api(kinds_client, q="Vinterberedskab")["hits"][0]
    assert hit["supplement"] is True
    page = soup(kinds_client.get("/", query_string={"q": "Vinterberedskab"}))
    assert page.select_one("li.hit .doctype").get_text(strip=True) == "Tillægsdagsorden"
    index_dir = kinds_client.application.config["INDEX_DIR"]
    result = run(runner, "search", "Vinterberedskab", "--index-dir", str(index_dir))
    assert "Tillægsdagsorden (før mødet, uden beslutning) · Vejle" in result.output


def test_the_feed_and_the_cli_name_a_season_report_by_its_period_and_a_supplement_by_its_kind(kinds_client, runner):
    """The feed said «Årsberetning 2024: …» and «Dagsorden: …», the CLI «· 2024», where the item's
    page says «2024-2025» and «Tillægsdagsorden» (an upgrade review)."""
    feed = kinds_client.get("/feed", query_string={"q": "Indledning OR Vinterberedskab"}).get_data(as_text=True)
    assert "<title>Årsberetning 2024-2025: 1. Indledning</title>" in feed
    assert "<title>Tillægsdagsorden: 48. Vinterberedskab</title>" in feed
    index_dir = kinds_client.application.config["INDEX_DIR"]
    result = run(runner, "search", "Indledning", "--index-dir", str(index_dir))
    assert "Odsherred · Handicaprådet · 2024-2025" in result.output


def test_a_hit_and_its_feed_entry_name_a_season_report_by_its_period(kinds_client):
    """The hit list said «2024» for a report its page calls «Periode 2024-2025» (a web review)."""
    page = soup(kinds_client.get("/", query_string={"q": "Indledning"}))
    meta = page.select_one("li.hit").get_text(" ", strip=True)
    assert "2024-2025" in meta
    feed = kinds_client.get("/feed", query_string={"q": "Indledning OR Vinterberedskab"}).get_data(as_text=True)
    assert "Odsherred · 2024-2025" in feed and "Tillægsdagsorden · Byrådet · Vejle" in feed


@pytest.mark.parametrize(("start", "end", "found"), [
    ("2025", "", True),  # the season reaches into 2025
    ("1.3.2025", "31.12.2025", True),
    ("", "2024", True),  # and began in 2024
    ("2026", "", False),
    ("", "2023", False)])
def test_a_season_report_is_in_a_period_that_either_of_its_years_overlaps(kinds_client, start, end, found):
    """«Fra 2025» left out «Årsberetning 2024-2025», dated by its first year alone."""
    from conftest import api

    hits = api(kinds_client, q="Indledning", **{"from": start, "to": end})["hits"]
    assert any(hit["period"] == "2024-2025" for hit in hits) is found


def test_a_report_of_a_term_of_years_is_in_a_period_that_any_of_its_years_overlaps(tmp_path):
    """Only the year before the period's start was looked up: «Beretning 2022-2025» was left out
    of «Fra 2024» (a code review)."""
    from conftest import api

    report = tmp_path / "corpus" / "odsherred-handicapraadet-beretning-2022-2025.txt"
    report.parent.mkdir()
    report.write_text("Handicaprådet, Odsherred Kommune\n\nBeretning 2022-2025\n\nINDLEDNING\n\n"
                      "Rådet har i valgperioden arbejdet med tilgængelighed på strandene.\n", encoding="utf-8")
    client = client_of(tmp_path, [report])
    assert [h["period"] for h in api(client, q="tilgængelighed")["hits"]] == ["2022-2025"]
    for start, end, found in [("2024", "", True), ("2025", "2025", True), ("2023", "2023", True),
                              ("2026", "", False), ("", "2021", False)]:
        hits = api(client, q="tilgængelighed", **{"from": start, "to": end})["hits"]
        assert bool(hits) is found, (start, end)
