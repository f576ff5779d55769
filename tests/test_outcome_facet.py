"""The outcome facet («Udfald»): what each decision says became of the item, to narrow a search by
(a journalist hunting postponed or rejected cases), in the API, the CLI, the query syntax, the
page, the passage page and the CSV; and an index written before the facet answers until its
rebuild adds it. The classification itself: tests/test_outcome.py."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import api, run, soup
from indexer.update import update_index

MINUTES = """Teknik- og Miljøudvalget
Referat af mødet den 12. marts 2025

1. Godkendelse af dagsorden
Beslutning: Godkendt.

2. Ny cykelsti langs Ringvejen
Sagsbehandler: Anne Holm
Indstilling: Forvaltningen indstiller, at cykelstien anlægges.
Beslutning: Sagen blev udsat til næste møde, idet udvalget ønsker en trafiktælling.

3. Forslag om lukning af genbrugsstationen ved cykelstien
Beslutning: Forslaget om cykelstien blev forkastet.

4. Orientering om vejarbejde og cykelsti
Beslutning: Taget til efterretning.

5. Cykelsti ved skolen
Sagen behandles på næste møde.
"""


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("outcomes")
    corpus = root / "referater"
    corpus.mkdir()
    (corpus / "aarhus-teknik-og-miljoeudvalget-referat-2025-03-12.txt").write_text(MINUTES, encoding="utf-8")
    update_index([corpus], root / "index")
    return root / "index"


@pytest.fixture(scope="module")
def outcome_client(index_dir):
    from webui import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()


def test_each_decided_item_counts_once_under_its_outcome_and_items_without_a_decision_under_none(outcome_client):
    body = api(outcome_client, q="cykelsti")
    assert body["total"] == 4
    assert body["facets"]["outcome"] == {"Udsat": 1, "Afvist": 1, "Taget til efterretning": 1}
    by_title = {h["title"]: h["outcome"] for h in body["hits"]}
    assert by_title == {"Ny cykelsti langs Ringvejen": "Udsat",
                        "Forslag om lukning af genbrugsstationen ved cykelstien": "Afvist",
                        "Orientering om vejarbejde og cykelsti": "Taget til efterretning",
                        "Cykelsti ved skolen": None}


def test_choosing_an_outcome_narrows_the_hits_to_it(outcome_client):
    body = api(outcome_client, q="cykelsti", outcome="Udsat")
    assert [h["title"] for h in body["hits"]] == ["Ny cykelsti langs Ringvejen"]
    assert body["filters"] == {"outcome": ["Udsat"]}
    # several values of one facet combine with OR
    either = api(outcome_client, q="cykelsti", outcome=["Udsat", "afvist"])
    assert either["total"] == 2


def test_the_query_syntax_takes_udfald_as_the_filter_does(outcome_client):
    typed = api(outcome_client, q="cykelsti udfald:udsat")
    assert [h["title"] for h in typed["hits"]] == ["Ny cykelsti langs Ringvejen"]


def test_the_cli_takes_outcome_and_answers_as_the_api(outcome_client, index_dir, runner):
    result = run(runner, "search", "cykelsti", "--outcome", "Afvist", "--json", "--index-dir", str(index_dir))
    answer = json.loads(result.output)
    assert [h["title"] for h in answer["hits"]] == ["Forslag om lukning af genbrugsstationen ved cykelstien"]
    assert answer["facets"]["outcome"] == api(outcome_client, q="cykelsti", outcome="Afvist")["facets"]["outcome"]


def test_the_page_offers_the_facet_and_labels_each_decision_with_its_outcome(outcome_client):
    page = soup(outcome_client.get("/", query_string={"q": "cykelsti"}))
    groups = {g.find(["h2", "h3", "legend"]).get_text(" ", strip=True): g for g in page.select(".facet")}
    assert any(label.startswith("Udfald") for label in groups), list(groups)
    previews = [p.get_text(" ", strip=True) for p in page.select(".decision-preview")]
    assert any(text.startswith("Beslutning (udsat):") for text in previews), previews
    assert any(text.startswith("Beslutning (taget til efterretning):") for text in previews), previews


def test_the_passage_page_names_the_outcome(outcome_client):
    hit = next(h for h in api(outcome_client, q="cykelsti")["hits"] if h["outcome"] == "Udsat")
    page = soup(outcome_client.get(f"/passage/{hit['id']}"))
    facts = {dt.get_text(strip=True): dd.get_text(" ", strip=True)
             for dt, dd in zip(page.select("dl.facts dt"), page.select("dl.facts dd"))}
    assert facts.get("Udfald") == "Udsat"
    assert outcome_client.get(f"/api/passage/{hit['id']}").get_json()["outcome"] == "Udsat"
    listed = outcome_client.get(f"/api/document/{hit['document_id']}").get_json()["passages"]
    assert [p["outcome"] for p in listed] == ["Godkendt", "Udsat", "Afvist", "Taget til efterretning", None]


def test_the_csv_has_an_outcome_column(outcome_client):
    answer = outcome_client.get("/api/search.csv", query_string={"q": "cykelsti"})
    rows = list(csv.DictReader(io.StringIO(answer.data.decode("utf-8-sig"), newline="")))
    assert {r["titel"]: r["udfald"] for r in rows}["Ny cykelsti langs Ringvejen"] == "Udsat"
    assert {r["titel"]: r["udfald"] for r in rows}["Cykelsti ved skolen"] == ""


def test_an_index_written_before_the_facet_answers_and_its_rebuild_adds_it(tmp_path, monkeypatch):
    """An upgrade's first run rebuilds aside (a changed build stamp) while the site answers from
    the old index, whose schema has no outcome field: counting, filtering and `udfald:` must not fail."""
    import indexer.pipeline
    import search.index
    import search.index_writer
    import search.schema
    from search import open_index
    from search.api import SearchRequest

    def without_outcome():
        schema = build_schema()
        schema.remove("outcome")
        return schema

    build_schema = search.schema.build_schema
    monkeypatch.setattr(search.index, "build_schema", without_outcome)
    monkeypatch.setattr(search.index_writer, "build_schema", without_outcome)
    monkeypatch.setattr(indexer.pipeline, "READING_VERSION", indexer.pipeline.READING_VERSION - 1)
    corpus = tmp_path / "referater"
    corpus.mkdir()
    (corpus / "aarhus-teknik-og-miljoeudvalget-referat-2025-03-12.txt").write_text(MINUTES, encoding="utf-8")
    update_index([corpus], tmp_path / "index")
    monkeypatch.undo()

    with open_index(tmp_path / "index") as old:
        assert "outcome" not in old._ix.schema.names()
        answer = old.search(SearchRequest(query="cykelsti"))
        assert answer.total == 4 and answer.facets["outcome"] == ()
        filtered = old.search(SearchRequest(query="cykelsti", filters={"outcome": ("Udsat",)}))
        # not «findes ikke»: the items shown say «Udsat» (an upgrade review)
        assert filtered.total == 0 and "bygget igen af denne udgave" in filtered.notice
        typed = old.search(SearchRequest(query="cykelsti udfald:udsat"))
        assert typed.total == 0 and "bygget igen af denne udgave" in typed.notice
    from webui import create_app

    page = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client().get(
        "/", query_string={"q": "cykelsti", "outcome": "Udsat"})
    assert page.status_code == 200

    assert update_index([corpus], tmp_path / "index").rebuilt_because
    with open_index(tmp_path / "index") as rebuilt:
        assert rebuilt.search(SearchRequest(query="cykelsti", filters={"outcome": ("Udsat",)})).total == 1


def test_the_cli_labels_each_decision_with_its_outcome_as_the_page_does(index_dir, runner):
    result = run(runner, "search", "cykelsti", "--index-dir", str(index_dir))
    assert "Beslutning (udsat): Sagen blev udsat til næste møde" in result.output
    assert "Beslutning (afvist): Forslaget om [cykelstien] blev forkastet." in result.output  # the query's word marked


@pytest.mark.parametrize(("typed", "meant"), [("Godkent", "Godkendt"), ("udsadt", "Udsat"), ("Afvisst", "Afvist")])
def test_an_outcome_typed_with_a_typo_is_answered_with_the_one_meant(outcome_client, typed, meant):
    body = api(outcome_client, q="cykelsti", outcome=typed)
    assert body["total"] == 0 and f"mente du «{meant}»?" in body["notice"]
    typed_in_query = api(outcome_client, q=f"cykelsti udfald:{typed}")
    assert f"mente du «udfald:{meant}»?" in (typed_in_query["notice"] or "")


def test_an_outcome_no_item_has_is_not_suggested(outcome_client):
    """Valg is an outcome, but no item of this index has it: suggesting it would find nothing too."""
    body = api(outcome_client, q="cykelsti", outcome="Valgg")
    assert body["total"] == 0 and "mente du" not in body["notice"]


def test_the_document_page_labels_each_decision_with_its_outcome(outcome_client):
    hit = next(h for h in api(outcome_client, q="cykelsti")["hits"] if h["outcome"] == "Udsat")
    page = soup(outcome_client.get(f"/document/{hit['document_id']}"))
    labels = [p.strong.get_text(strip=True) for p in page.select(".decision-preview")]
    assert labels == ["Beslutning (godkendt):", "Beslutning (udsat):", "Beslutning (afvist):",
                      "Beslutning (taget til efterretning):"]


def test_the_feed_labels_each_decision_with_its_outcome_as_the_page_does(outcome_client):
    feed = outcome_client.get("/feed", query_string={"q": "cykelsti"}).get_data(as_text=True)
    assert "Beslutning (udsat):" in feed and "Beslutning (afvist):" in feed
