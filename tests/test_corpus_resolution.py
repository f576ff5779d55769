"""Where the corpus (the documents folder) is: one rule for `serve`, `create_app` and `index`.

`indexer.settings.resolve_corpus`: a folder named outright, else $REFERATSOG_CORPUS, else the
folder the index was last built from (when it still is one), else the seeds. A site built with
`create_app({"INDEX_DIR": ...})` alone, under another WSGI server, once served a 404 for every
source link of an index built from another folder: its CORPUS_DIR was the seeds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SEEDS
from indexer.settings import default_corpus, remembered_corpus, resolve_corpus
from indexer.update import update_index
from webui import create_app

SEED = "naestved-integrationsraadet-referat-2015-05-21.txt"
# A line no seed holds: the bytes served are this folder's copy, not the seeds' own file.
MARK = "\nTilføjet i testens egen kopi: fyrtårnsprojektet.\n"


@pytest.fixture
def no_corpus_variable(monkeypatch, tmp_path):
    """No $REFERATSOG_CORPUS, and a working folder without ./seeds (the default is the project's)."""
    monkeypatch.delenv("REFERATSOG_CORPUS", raising=False)
    monkeypatch.chdir(tmp_path)


def archive_of(folder: Path) -> Path:
    """A corpus in `folder`: one seed, in a year folder, with a line of its own."""
    year = folder / "2015"
    year.mkdir(parents=True)
    (year / SEED).write_bytes((SEEDS / SEED).read_bytes() + MARK.encode())
    return folder


def source_of_first_hit(client, query: str) -> tuple[int, bytes, str]:
    hit = client.get("/api/search", query_string={"q": query}).get_json()["hits"][0]
    with client.get(f"/source/{hit['document_id']}") as response:  # closes the file it streams
        return response.status_code, response.data, hit["source"]


def test_create_app_serves_the_source_files_of_the_folder_the_index_was_built_from(tmp_path, no_corpus_variable):
    archive = archive_of(tmp_path / "arkiv")
    index_dir = tmp_path / "index"
    update_index([archive], index_dir)

    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)})

    assert Path(app.config["CORPUS_DIR"]) == archive
    status, data, source = source_of_first_hit(app.test_client(), "fyrtårnsprojektet")
    assert (status, source) == (200, f"2015/{SEED}")
    assert data == (archive / "2015" / SEED).read_bytes()


def test_several_folders_are_served_from_their_common_folder(tmp_path, no_corpus_variable):
    archive = archive_of(tmp_path / "arkiv" / "referater")
    reports = tmp_path / "arkiv" / "beretninger"
    reports.mkdir()
    shutil.copy(SEEDS / "naestved-integrationsraadet-aarsberetning-2019.txt", reports)
    index_dir = tmp_path / "index"
    update_index([archive, reports], index_dir)

    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()

    status, data, source = source_of_first_hit(client, "fyrtårnsprojektet")
    assert (status, source) == (200, f"referater/2015/{SEED}")
    assert data == (archive / "2015" / SEED).read_bytes()


def test_a_folder_named_outright_or_by_the_variable_wins_over_the_remembered_one(tmp_path, monkeypatch,
                                                                                  no_corpus_variable):
    archive = archive_of(tmp_path / "arkiv")
    index_dir = tmp_path / "index"
    update_index([archive], index_dir)
    elsewhere = tmp_path / "andetsteds"
    elsewhere.mkdir()

    assert resolve_corpus(None, index_dir) == archive
    assert resolve_corpus(elsewhere, index_dir) == elsewhere
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(elsewhere)})
    assert Path(app.config["CORPUS_DIR"]) == elsewhere
    assert source_of_first_hit(app.test_client(), "fyrtårnsprojektet")[0] == 404  # not inside the folder named

    monkeypatch.setenv("REFERATSOG_CORPUS", str(elsewhere))
    assert remembered_corpus(index_dir) == []  # `referatsog index` without paths reads the variable's folder
    assert resolve_corpus(None, index_dir) == elsewhere
    assert Path(create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).config["CORPUS_DIR"]) == elsewhere


def test_a_remembered_folder_that_is_gone_or_no_index_gives_the_default(tmp_path, no_corpus_variable):
    archive = archive_of(tmp_path / "arkiv")
    index_dir = tmp_path / "index"
    update_index([archive], index_dir)
    assert remembered_corpus(index_dir) == [archive]

    shutil.move(archive, tmp_path / "flyttet")  # a share not mounted: the seeds are no worse
    assert resolve_corpus(None, index_dir) == default_corpus() == SEEDS
    assert resolve_corpus(None, tmp_path / "intet-indeks") == SEEDS
    assert Path(create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "intet-indeks")}).config["CORPUS_DIR"]) == SEEDS
