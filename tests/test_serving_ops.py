"""A running site under an operator's hands (an operations review): a segment file deleted,
an index folder swapped in place, a corpus folder moved and named again with --corpus.

Each was reproduced against the served app: a damaged index answered 500 after 2.3 s with a
traceback per request; a swapped folder of the same generation number was never read (and one
answer mixed the new hits with the old facets); a moved corpus answered 404 for every source
link while `serve` warned that --corpus held none of the index's files.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from pathlib import Path

import pytest

from conftest import SEEDS
from indexer.update import update_index
from search import SearchRequest, open_index
from search.api import IndexDamaged
from webui import create_app
from webui.first_build import corpus_warning

NAESTVED = sorted(p.name for p in SEEDS.iterdir() if p.name.startswith("naestved-"))
ROSKILDE = sorted(p.name for p in SEEDS.iterdir() if p.name.startswith("roskilde-"))
SEED = "naestved-integrationsraadet-referat-2015-05-21.txt"


def corpus_of(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        shutil.copy(SEEDS / name, folder / name)
    return folder


def in_new_thread(call):
    """`call()` in a thread of its own (as a waitress thread that has no searcher yet)."""
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(call()))
    thread.start()
    thread.join()
    return result[0]


# 1. A segment file deleted under the running site


def test_a_deleted_segment_file_is_a_quick_503_with_one_line_in_the_log(tmp_path: Path, caplog):
    index_dir = tmp_path / "idx"
    update_index([corpus_of(tmp_path / "corpus", NAESTVED)], index_dir)
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(tmp_path / "corpus")})
    client = app.test_client()
    assert client.get("/healthz").status_code == 200  # this thread holds a searcher with its files open

    segment = next(index_dir.glob("MAIN_*.pst"))
    segment.unlink()
    expected = (f"Indekset i {index_dir} er beskadiget: {segment.name} mangler eller kan ikke læses. "
                f"Byg det forfra med «referatsog index --full --index-dir {index_dir}».")
    with caplog.at_level(logging.WARNING):
        for url in ("/?q=integration", "/api/search?q=integration", "/healthz", "/api/status"):
            started = time.monotonic()
            response = in_new_thread(lambda url=url: client.get(url))
            # not five times Whoosh's ten retries (seconds); generous, as the machine may be loaded (0.43 s once)
            assert time.monotonic() - started < 1.5, url
            assert response.status_code == 503, url
            if url != "/?q=integration":
                body = response.get_json()
                assert body["code"] == "index_missing" and "beskadiget" in body["message"]
            else:
                assert "beskadiget" in response.get_data(as_text=True)
        # every thread says the same, the one that still had the files open too
        assert client.get("/healthz").status_code == 503
    said = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in said] == [expected]  # once, the CLI's line
    assert not any(r.exc_info for r in said)  # no traceback


def test_a_damaged_commit_is_remembered_until_a_new_one_appears(tmp_path: Path, monkeypatch):
    corpus = corpus_of(tmp_path / "corpus", NAESTVED)
    index_dir = tmp_path / "idx"
    update_index([corpus], index_dir)
    index = open_index(index_dir)
    next(index_dir.glob("MAIN_*.pst")).unlink()
    with pytest.raises(IndexDamaged):  # this thread opens its first searcher
        index.stats()

    opened = []
    real = type(index)._open_searcher
    monkeypatch.setattr(type(index), "_open_searcher", lambda self, *a: opened.append(1) or real(self, *a))
    for _ in range(3):
        with pytest.raises(IndexDamaged):
            index.stats()
    assert opened == []  # answered from memory, not by opening the files again

    update_index([corpus], index_dir, full=True)  # a new commit: read at once, no restart
    assert index.stats()["passages"] > 0
    assert index.search(SearchRequest(query="integration")).total > 0


# 2. An index folder swapped in place (a backup restored), of the same generation number


def test_a_folder_swapped_in_place_is_read_and_never_mixed_with_the_old_one(tmp_path: Path):
    old_dir, other_dir = tmp_path / "idx", tmp_path / "other"
    update_index([corpus_of(tmp_path / "a", NAESTVED)], old_dir)
    update_index([corpus_of(tmp_path / "b", ROSKILDE)], other_dir)
    index = open_index(old_dir)
    assert index.stats()["generation"] == open_index(other_dir).stats()["generation"]
    before = index.search(SearchRequest(query="integrationsrådet"))
    assert {v.value for v in before.facets["municipality"]} == {"Næstved"}

    old_dir.rename(tmp_path / "idx.old")
    shutil.copytree(other_dir, old_dir)  # as `cp -a`: the same names, times and generation

    # this thread, which had a searcher of the old folder
    after = index.search(SearchRequest(query="integrationsrådet"))
    assert {v.value for v in after.facets["municipality"]} == {"Roskilde"}
    assert {h.municipality for h in after.hits} == {"Roskilde"}
    # a thread opening its first searcher now: the new folder's hits with its own facets
    fresh = in_new_thread(lambda: index.search(SearchRequest(query="integrationsrådet")))
    assert fresh.total == after.total
    assert sum(v.count for v in fresh.facets["municipality"]) == fresh.total
    assert {v.value for v in fresh.facets["municipality"]} == {"Roskilde"}
    assert index.stats()["passages"] == open_index(other_dir).stats()["passages"]


# 3. The corpus folder moved, and --corpus naming its new place


def moved_archive(tmp_path: Path) -> tuple[Path, Path, str]:
    """An index of two folders (`index a b`: sources named from their common folder), whose
    common folder then moved (a share mounted elsewhere); the new place and one document id."""
    share = tmp_path / "share"
    corpus_of(share / "referater" / "2015", [SEED])
    corpus_of(share / "beretninger", [n for n in NAESTVED if "aarsberetning" in n][:1])
    index_dir = tmp_path / "idx"
    update_index([share / "referater", share / "beretninger"], index_dir)
    with open_index(index_dir) as index:
        document_id = next(r["document_id"] for s, r in index.sources().items() if s == f"referater/2015/{SEED}")
    (tmp_path / "mnt").mkdir()
    moved = tmp_path / "mnt" / "share"
    share.rename(moved)
    return index_dir, moved, document_id


def test_source_files_are_served_from_the_corpus_folder_named_after_it_moved(tmp_path: Path):
    index_dir, moved, document_id = moved_archive(tmp_path)
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(moved)}).test_client()
    with client.get(f"/source/{document_id}") as response:
        assert response.status_code == 200
        assert response.data == (moved / "referater" / "2015" / SEED).read_bytes()
    assert corpus_warning(index_dir, moved) is None  # serve's check looks where the site serves from


def test_a_corpus_folder_without_the_files_is_still_warned_of_and_serves_nothing(tmp_path: Path):
    index_dir, moved, document_id = moved_archive(tmp_path)
    elsewhere = tmp_path / "andet"
    corpus_of(elsewhere / "referater", [])  # no 2015/ in it
    (tmp_path / "share").symlink_to(moved)  # the recorded root exists again, outside the folder named
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(elsewhere)}).test_client()
    assert client.get(f"/source/{document_id}").status_code == 404  # never from outside CORPUS_DIR
    assert corpus_warning(index_dir, elsewhere).startswith(f"Advarsel: kildemappen {elsewhere} rummer ingen")


def test_an_index_of_a_subfolder_is_served_from_the_corpus_folder_holding_it(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus_of(corpus / "2015", [SEED])
    index_dir = tmp_path / "idx"
    update_index([corpus / "2015"], index_dir)  # sources named from 2015/ itself
    with open_index(index_dir) as index:
        document_id = next(iter(index.sources().values()))["document_id"]
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()
    with client.get(f"/source/{document_id}") as response:  # the recorded root, inside the corpus folder
        assert (response.status_code, response.data) == (200, (corpus / "2015" / SEED).read_bytes())
    assert corpus_warning(index_dir, corpus) is None


# 4. Idle threads' searchers of an older commit hold the files a rebuild deleted


def deleted_files_open(index_dir: Path) -> list[str]:
    """Files of `index_dir` this process holds open though they were deleted (Linux)."""
    found = []
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = str(fd.readlink())
        except OSError:
            continue
        if target.startswith(str(index_dir)) and target.endswith(" (deleted)"):
            found.append(target)
    return found


class Worker:
    """A thread that searches when told and stays alive between requests, as a waitress thread."""

    def __init__(self, index) -> None:
        self.index = index
        self.asked = threading.Semaphore(0)
        self.answered = threading.Semaphore(0)
        self.totals: list[int] = []
        self.stop = False
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while True:
            self.asked.acquire()
            if self.stop:
                return
            self.totals.append(self.index.search(SearchRequest(query="integration")).total)
            self.answered.release()

    def request(self) -> int:
        self.asked.release()
        assert self.answered.acquire(timeout=10)
        return self.totals[-1]

    def end(self) -> None:
        self.stop = True
        self.asked.release()
        self.thread.join()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads /proc")
def test_an_idle_threads_searcher_of_an_older_commit_is_closed_when_a_newer_one_opens(tmp_path: Path):
    corpus = corpus_of(tmp_path / "corpus", NAESTVED)
    index_dir = tmp_path / "idx"
    update_index([corpus], index_dir)
    index = open_index(index_dir)
    worker = Worker(index)
    try:
        before = worker.request()
        held = index._searchers[worker.thread.ident]
        update_index([corpus], index_dir, full=True)  # every segment replaced, the old files deleted
        assert index.search(SearchRequest(query="integration")).total == before  # this thread opens the new commit

        assert held.is_closed  # the idle worker's, not kept until its next request
        assert deleted_files_open(index_dir) == []
        assert worker.request() == before  # and it reopens when it is asked again
    finally:
        worker.end()
        index.close()


def test_a_searcher_in_use_is_not_closed_by_another_threads_newer_commit(tmp_path: Path, monkeypatch):
    import search.index

    corpus = corpus_of(tmp_path / "corpus", NAESTVED)
    index_dir = tmp_path / "idx"
    update_index([corpus], index_dir)
    index = open_index(index_dir)
    expected = index.search(SearchRequest(query="integration")).total
    inside, go_on = threading.Event(), threading.Event()
    real = search.index.run_search

    def slow(searcher, request, snapshot):
        if threading.current_thread().name == "slow":
            inside.set()
            assert go_on.wait(10)
        return real(searcher, request, snapshot)

    monkeypatch.setattr(search.index, "run_search", slow)
    answers: list[object] = []

    def request() -> None:
        try:
            answers.append(index.search(SearchRequest(query="integration")).total)
        except Exception as error:  # noqa: BLE001 (the assertion below shows it)
            answers.append(error)

    slow_thread = threading.Thread(target=request, name="slow")
    slow_thread.start()
    assert inside.wait(10)  # its searcher (of the first commit) is in use
    update_index([corpus], index_dir, full=True)
    assert index.search(SearchRequest(query="integration")).total == expected
    go_on.set()
    slow_thread.join()
    assert answers == [expected]  # answered from its commit's files, not from a closed searcher
    index.close()


def test_a_named_corpus_folder_serves_the_indexed_file_before_one_of_the_same_name_above_it(tmp_path):
    """An index of «c1/naestved» served with --corpus c1: «c1/referat.txt», another
    municipality's minutes one level up, was served for «naestved/referat.txt» (a code review)."""
    from search.index import served_source

    (tmp_path / "naestved").mkdir()
    (tmp_path / "naestved" / "referat.txt").write_text("Næstved", encoding="utf-8")
    (tmp_path / "referat.txt").write_text("Roskilde", encoding="utf-8")
    served = served_source(str(tmp_path / "naestved"), "referat.txt", tmp_path)
    assert served == (tmp_path / "naestved" / "referat.txt").resolve()
    # moved away from where it was indexed: found by its name under the corpus folder
    assert served_source(str(tmp_path / "gone"), "naestved/referat.txt", tmp_path) == served
