"""A reporter's day with Referatsøg: find decisions, follow a case over time, cite precisely.

The corpus is a realistic newsroom folder: the seeds, the good fixture PDFs (the same
meetings as published) and the eight other layouts, indexed once for the module.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LAYOUTS, PDFS, SEEDS

GOOD_PDFS = ("aarsberetning-2019.pdf", "referat-2015-05-21.pdf", "referat-2017-02-23.pdf", "referat-2026-06-04.pdf")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory) -> tuple[Path, Path]:
    """(corpus folder, index folder) of the seeds, the good PDFs and the layouts."""
    from indexer.update import update_index

    root = tmp_path_factory.mktemp("newsroom")
    corpus = root / "corpus"
    corpus.mkdir()
    for path in [*SEEDS.iterdir(), *(PDFS / name for name in GOOD_PDFS), *LAYOUTS.glob("f*.txt")]:
        shutil.copy(path, corpus / path.name)
    report = update_index([corpus], root / "index")
    assert not report.skipped, report.skipped
    return corpus, root / "index"


@pytest.fixture
def client(newsroom):
    from webui import create_app

    corpus, index_dir = newsroom
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def api_hits(client, **query) -> list[dict]:
    return client.get("/api/search", query_string={"page_size": 100, **query}).get_json()["hits"]


# --- The feed in a feed reader ----------------------------------------------------------------

def feed_entries(client, **query) -> list[ET.Element]:
    answer = client.get("/feed", query_string=query)
    assert answer.status_code == 200
    return ET.fromstring(answer.get_data()).findall(f"{ATOM}entry")


def test_feed_summaries_label_the_case_handler_and_case_number_as_the_page_does(client):
    entries = feed_entries(client, q="flygtninge")
    hits = {h["id"]: h for h in api_hits(client, q="flygtninge")}
    labelled = 0
    for entry in entries:
        hit = hits[entry.find(f"{ATOM}id").text.rsplit("/", 1)[1]]
        meta = BeautifulSoup(entry.find(f"{ATOM}summary").text, "html.parser").p.get_text()
        assert meta.startswith({"referat": "Referat", "dagsorden": "Dagsorden", "årsberetning": "Årsberetning"}[hit["doc_type"]])
        if hit["case_handler"]:
            assert f"sagsbehandler {hit['case_handler']}" in meta
            labelled += 1
        if hit["case_number"]:
            assert f"sagsnr. {hit['case_number']}" in meta
    assert labelled


def test_an_annual_reports_section_in_the_feed_is_titled_with_its_report(client):
    """A feed reader lists titles alone: "Forord" says nothing, "Årsberetning 2019: Forord" does."""
    entries = feed_entries(client, q="forord", doc_type="årsberetning")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles and all(t.startswith("Årsberetning 20") for t in titles)
    assert "Årsberetning 2019: Forord" in titles
