"""A CSV export's load on the site: one search for its rows, a revalidation answered before any
search, and no more exports at once than `CSV_CONCURRENT` (`webui.exports`)."""

from __future__ import annotations

import pytest

from search import query
from search.api import SearchRequest
from search.index import SearchIndex
from search.schema import decision_record
from tests.conftest import SEEDS, client_of
from tests.test_csv_export import corrected_site
from webui import exports
from webui.exports import BOM, csv_text, spelt_otherwise


def paged_csv(index: SearchIndex, search: SearchRequest, page_size: int, link) -> str:
    """The CSV as the export built it before: the search's pages of `page_size` one after another,
    then each hit's passage read for its whole decision and each id looked up for a later version."""
    hits, typos, page = {}, set(), 1
    while True:
        response = index.search(search.with_changes(page=page, page_size=page_size, all_values=""))
        for hit in response.hits:
            (typos.add(hit.id) if spelt_otherwise(hit, response) else hits.setdefault(hit.id, hit))
        if len(hits) + len(typos) >= min(response.total, exports.CSV_MAX_ROWS) or len(response.hits) < page_size:
            break
        page += 1
    rows = list(hits.values())
    decisions = {}
    for hit in rows:
        passage = index.passage(hit.id)
        records = [f"{s.label.rstrip(':').strip()}: {s.text}" if s.label.strip() else s.text
                   for s in decision_record(passage)]
        decisions[hit.id] = "\n\n".join([passage.decision, *records]) if passage.has_decision else ""
    return csv_text(rows, decisions, link, index.superseded_by([hit.id for hit in rows]))


PARAMS = [{}, {"q": "flygtninge"}, {"q": "flygtninge", "sort": "oldest"}, {"q": "integration", "sort": "newest"},
          {"q": "integration", "decisions_only": "1"}, {"municipality": "Næstved", "from": "2015", "to": "2017"},
          {"q": "flygtnige"}, {"q": "boligplacering"}]


@pytest.fixture(scope="module")
def seeds_site(tmp_path_factory):
    return client_of(tmp_path_factory.mktemp("seeds"), sorted(SEEDS.iterdir()))


def same_as_paged(client, params: dict[str, str]) -> None:
    from webui.index import get_index
    from webui.state import absolute_url, request_state_without

    answer = client.get("/api/search.csv", query_string=params)
    assert answer.status_code == 200
    with client.application.test_request_context("/api/search.csv", query_string=params):
        search = request_state_without(exports.CSV_IGNORES).request
        expected = paged_csv(get_index(), search, 3, lambda hit: absolute_url("passages.passage", passage_id=hit.id))
    assert expected.count("\r\n") > 1 or params.get("decisions_only")  # rows to compare
    assert answer.data == (BOM + expected).encode("utf-8")


@pytest.mark.parametrize("params", PARAMS)
def test_the_file_is_byte_for_byte_the_one_built_page_by_page(seeds_site, params):
    """The seeds' searches, and a typo's approximate hits: the same bytes as the search's pages of
    3 read one after another, each hit's passage read again for its decision."""
    same_as_paged(seeds_site, params)


@pytest.mark.parametrize("params", [{}, {"sort": "oldest"}, {"q": "boligplacering"}])
def test_a_superseded_version_s_row_is_byte_for_byte_the_same_too(tmp_path, monkeypatch, params):
    same_as_paged(corrected_site(tmp_path, monkeypatch), params)


def test_the_rows_are_one_search_without_snippets_nor_passages_read_again(seeds_site, monkeypatch):
    """50 searches of 100 hits, each hit's snippet cut and marked, then 5,000 passages read again:
    4–8 s for `q=og` at 100,000 passages, where a page takes 10 ms."""
    searches = []
    real = query.run_search

    def counted(*args, **kwargs):
        searches.append(kwargs.get("rows", 0))
        return real(*args, **kwargs)

    def no_snippet(*args, **kwargs):
        raise AssertionError("a snippet no column shows")

    def no_passage(*args, **kwargs):
        raise AssertionError("a passage read again")

    monkeypatch.setattr("search.index.run_search", counted)
    monkeypatch.setattr(query, "_hit", no_snippet)
    monkeypatch.setattr(SearchIndex, "passage", no_passage)
    monkeypatch.setattr(SearchIndex, "superseded_by", lambda self, ids: {} if not ids else no_passage())
    answer = seeds_site.get("/api/search.csv", query_string={"q": "flygtninge"})
    assert answer.status_code == 200 and answer.data.count(b"\r\n") > 2
    assert searches == [exports.CSV_MAX_ROWS]


def test_a_revalidation_is_answered_304_before_any_search(seeds_site, monkeypatch):
    first = seeds_site.get("/api/search.csv", query_string={"q": "flygtninge"})
    tag = first.headers["ETag"]
    assert first.status_code == 200 and tag and first.headers["Cache-Control"] == "no-cache"

    built = []
    real = exports.searched_hits
    monkeypatch.setattr(exports, "searched_hits", lambda *args: built.append(args) or real(*args))
    for method in (seeds_site.get, seeds_site.head):
        again = method("/api/search.csv", query_string={"q": "flygtninge"}, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.headers["ETag"] == tag and not again.data
    assert built == []
    # another search is another file, built
    other = seeds_site.get("/api/search.csv", query_string={"q": "integration"}, headers={"If-None-Match": tag})
    assert other.status_code == 200 and other.headers["ETag"] != tag and len(built) == 1


def test_a_new_commit_is_a_new_file(tmp_path):
    from indexer.update import update_index

    files = sorted(SEEDS.iterdir())
    client = client_of(tmp_path, files[:-1])
    tag = client.get("/api/search.csv", query_string={"q": "integration"}).headers["ETag"]
    assert client.get("/api/search.csv", query_string={"q": "integration"},
                      headers={"If-None-Match": tag}).status_code == 304
    (tmp_path / "dokumenter" / files[-1].name).write_bytes(files[-1].read_bytes())
    update_index([tmp_path / "dokumenter"], tmp_path / "index")
    after = client.get("/api/search.csv", query_string={"q": "integration"}, headers={"If-None-Match": tag})
    assert after.status_code == 200 and after.headers["ETag"] != tag and files[-1].name.encode() in after.data


def test_more_exports_at_once_than_allowed_are_told_to_come_back_while_searches_go_on(seeds_site):
    """Abandoned downloads kept running (waitress cannot stop them) and a plain search waited 47 s:
    an export beyond `CSV_CONCURRENT` is answered 503 at once, in Danish, with when to retry."""
    held = 0
    try:
        while exports._exports.acquire(blocking=False):
            held += 1
        assert 1 <= held <= exports.CSV_CONCURRENT
        busy = seeds_site.get("/api/search.csv", query_string={"q": "flygtninge"})
        assert busy.status_code == 503
        assert busy.headers["Retry-After"] == str(exports.CSV_RETRY_SECONDS)
        body = busy.get_json()
        assert body["code"] == "export_busy" and body["status"] == 503
        assert "Prøv igen om lidt" in body["message"] and "CSV" in body["message"]
        assert seeds_site.get("/api/search", query_string={"q": "flygtninge"}).status_code == 200
    finally:
        for _ in range(held):
            exports._exports.release()
    after = seeds_site.get("/api/search.csv", query_string={"q": "flygtninge"})
    assert after.status_code == 200 and after.data.startswith(BOM.encode("utf-8"))


def test_a_failed_export_gives_its_place_back(seeds_site, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("broken")

    monkeypatch.setattr(exports, "searched_hits", broken)
    for _ in range(exports.CSV_CONCURRENT + 2):
        assert seeds_site.get("/api/search.csv", query_string={"q": "x"}).status_code == 500
    monkeypatch.undo()
    assert seeds_site.get("/api/search.csv", query_string={"q": "flygtninge"}).status_code == 200


@pytest.mark.parametrize("threads, allowed", [(12, 2), (3, 2), (2, 1), (1, 1)])
def test_a_worker_s_exports_never_take_every_thread(threads, allowed):
    before = exports._exports
    try:
        exports.limit_exports(threads)
        held = 0
        while exports._exports.acquire(blocking=False):
            held += 1
        assert held == allowed
    finally:
        exports._exports = before


def test_an_edited_variants_file_is_a_new_file(seeds_site, tmp_path, monkeypatch):
    """The variants are read again when their file changes, with no commit: the rows may change."""
    tag = seeds_site.get("/api/search.csv", query_string={"q": "flygtninge"}).headers["ETag"]
    (tmp_path / "variants.txt").write_text("flygtninge, asylansøgere\n", encoding="utf-8")
    monkeypatch.setenv("REFERATSOG_DATA", str(tmp_path))
    again = seeds_site.get("/api/search.csv", query_string={"q": "flygtninge"}, headers={"If-None-Match": tag})
    assert again.status_code == 200 and again.headers["ETag"] != tag
