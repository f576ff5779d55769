"""The index as the indexer and the web UI use it: open, write atomically, lock, read back, refresh."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from search import IndexLocked, IndexMissing, SearchRequest, index_exists, open_index
from search.examples import example_document, example_passage
from search.index import INDEX_NAME, VERSION_FILE

PROJECT = Path(__file__).resolve().parent.parent


def minutes(source: str, *titles: str, **fields) -> object:
    """A document whose items have the given titles (and a line of body text each)."""
    return example_document(source, [example_passage(t, f"Sagsfremstilling om {t.lower()}.") for t in titles], **fields)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text("tekst\n", encoding="utf-8")
    return folder


@pytest.fixture
def index(tmp_path: Path, corpus: Path):
    index = open_index(tmp_path / "index", create=True)
    with index.writer() as writer:
        writer.add(minutes("a.txt", "Modtagelse af flygtninge", "Eventuelt"), corpus, size=6)
        writer.add(minutes("b.txt", "Foreningernes dag", meeting_date="2017-02-23", year=2017), corpus, size=6)
    yield index
    index.close()


def answers(index) -> list[dict]:
    """What a handful of queries answer, to compare an index before and after a failed write."""
    queries = ["flygtninge", "", "foreningernes dag", "eventuelt OR dag"]
    return [index.search(SearchRequest(query=q, page_size=50)).to_json() for q in queries]


def segment_names(path: Path) -> set[str]:
    """The segments whose files are in an index folder (a segment is MAIN_<id>.<ext> files)."""
    return {f.split(".")[0] for f in os.listdir(path) if f.startswith(f"{INDEX_NAME}_") and "WRITELOCK" not in f}


# Opening


def test_open_missing_index_raises_and_create_makes_one(tmp_path: Path):
    path = tmp_path / "nested" / "index"
    assert not index_exists(path)
    with pytest.raises(IndexMissing, match="intet indeks"):
        open_index(path)
    index = open_index(path, create=True)
    assert index_exists(path)
    assert index.search(SearchRequest()).total == 0
    assert index.stats()["passages"] == 0


def test_index_of_another_schema_version_is_refused_then_recreated(index, tmp_path: Path):
    (tmp_path / "index" / VERSION_FILE).write_text(json.dumps({"schema_version": 0}), encoding="utf-8")
    with pytest.raises(IndexMissing, match="anden version"):
        open_index(tmp_path / "index")
    fresh = open_index(tmp_path / "index", create=True)
    assert fresh.sources() == {}
    with pytest.raises(IndexMissing, match="intet indeks"):  # recreated, but not built yet
        open_index(tmp_path / "index")


def test_index_whose_analyzer_classes_are_gone_is_refused_then_recreated(index, tmp_path: Path, monkeypatch):
    """Whoosh unpickles the analyzers by class name: a rename must not crash opening."""
    monkeypatch.delattr("search.analysis.PartsFilter")
    assert index_exists(tmp_path / "index")
    with pytest.raises(IndexMissing):
        open_index(tmp_path / "index")
    monkeypatch.undo()
    assert open_index(tmp_path / "index", create=True).stats()["passages"] == 3  # readable again: kept


# Reading back


def test_passage_and_document_round_trip_losslessly(tmp_path: Path, corpus: Path):
    document = example_document(
        "a.txt",
        [
            example_passage("Godkendelse af referatet", decision="Godkendt."),
            example_passage(
                "Modtagelse af flygtninge",
                "Kvoten er fastsat til 225.",
                "Der nedsættes en arbejdsgruppe.",
                topics=("flygtninge", "bolig"),
                present=("Dusan Jovanovic",),
                absent=("Aligo Francis",),
                place="Rådmandshaven 20",
                page=3,
                decision_date="2015-03-19",
            ),
        ],
    )
    index = open_index(tmp_path / "index", create=True)
    with index.writer() as writer:
        assert writer.add(document, corpus) == 2
    for passage in document.passages:
        assert index.passage(passage.id) == passage
    assert index.document(document.id) == list(document.passages)
    assert index.passage("no-such-id") is None
    assert index.document("no-such-document") == []


def test_sources_record_what_the_indexer_needs(index, corpus: Path):
    sources = index.sources()
    assert set(sources) == {"a.txt", "b.txt"}
    record = sources["a.txt"]
    assert record["root"] == str(corpus.resolve())
    assert record["sha256"] == minutes("a.txt", "x").source_sha256
    assert record["document_id"] == minutes("a.txt", "x").id
    assert record["size"] == 6 and record["passages"] == 2


def test_source_file_only_inside_the_corpus_root(tmp_path: Path, corpus: Path):
    outside = tmp_path / "secret.txt"
    outside.write_text("hemmeligt", encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside)
    index = open_index(tmp_path / "index", create=True)
    docs = {name: minutes(name, "Punkt") for name in ("a.txt", "b.txt", "../secret.txt", "link.txt")}
    with index.writer() as writer:
        for doc in docs.values():
            writer.add(doc, corpus)
    assert index.source_file(docs["a.txt"].id) == (corpus / "a.txt").resolve()
    (corpus / "b.txt").unlink()
    assert index.source_file(docs["b.txt"].id) is None  # gone from disk
    assert index.source_file(docs["../secret.txt"].id) is None  # escapes the root
    assert index.source_file(docs["link.txt"].id) is None  # resolves outside the root
    assert index.source_file("unknown") is None


def test_stats_count_documents_and_passages(index):
    stats = index.stats()
    assert (stats["documents"], stats["passages"]) == (2, 3)
    assert stats["last_commit"].endswith("Z")


# Writing


def test_add_replaces_every_passage_of_a_source(index, corpus: Path):
    old_ids = [p.id for p in index.document(minutes("a.txt", "x").id)]
    with index.writer() as writer:
        writer.add(minutes("a.txt", "Mødeplan 2016"), corpus)
    assert [p.title for p in index.document(minutes("a.txt", "x").id)] == ["Mødeplan 2016"]
    assert index.search(SearchRequest(query="flygtninge")).total == 0
    assert index.stats()["passages"] == 2
    assert old_ids[1] not in {p.id for p in index.document(minutes("a.txt", "x").id)}


def test_delete_removes_passages_and_source_record(index):
    with index.writer() as writer:
        writer.delete("a.txt")
    assert set(index.sources()) == {"b.txt"}
    assert index.search(SearchRequest()).total == 1


def test_clear_rebuilds_in_one_transaction(index, corpus: Path):
    with index.writer() as writer:
        writer.clear()
        writer.add(minutes("c.txt", "Status på flygtninge"), corpus)
        # Until the commit, readers still see the old index, not an empty one.
        assert index.search(SearchRequest()).total == 3
        assert set(index.sources()) == {"a.txt", "b.txt"}
    assert set(index.sources()) == {"c.txt"}
    assert [h.title for h in index.search(SearchRequest(query="flygtninge")).hits] == ["Status på flygtninge"]


def test_a_whole_build_writes_with_this_codes_analyzers_not_the_ones_pickled_in_the_index(tmp_path, corpus, monkeypatch):
    """Whoosh pickles the schema, analyzers included, into the index: a rebuild for a changed
    analyzer (`ANALYSIS_VERSION`) must write with the new one, or the change never lands."""
    import search.index
    from search.analysis import ExactValueAnalyzer
    from search.schema import build_schema

    def schema_of_an_older_release():
        schema = build_schema()
        schema["case_number"].analyzer = ExactValueAnalyzer()  # before case numbers' tails were indexed
        return schema

    monkeypatch.setattr(search.index, "build_schema", schema_of_an_older_release)
    old = open_index(tmp_path / "old", create=True)
    with old.writer() as writer:
        writer.add(minutes("a.txt", "Modtagelse af flygtninge"), corpus)
    monkeypatch.undo()
    try:
        assert old.search(SearchRequest(query="sagsnr:00.01.00-A21-1-14")).total == 1
        assert old.search(SearchRequest(query="sagsnr:A21-1-14")).total == 0
        with old.writer() as writer:  # an increment keeps the index's analyzers: its terms stay alike
            writer.add(minutes("b.txt", "Foreningernes dag"), corpus)
        assert old.search(SearchRequest(query="sagsnr:A21-1-14")).total == 0
        with old.writer() as writer:
            writer.clear()
            writer.add(minutes("a.txt", "Modtagelse af flygtninge"), corpus)
            writer.add(minutes("b.txt", "Foreningernes dag"), corpus)
        assert old.search(SearchRequest(query="sagsnr:A21-1-14")).total == 2
        with old.writer() as writer:  # and the next increment writes the same way
            writer.add(minutes("c.txt", "Mødeplan 2016"), corpus)
        assert old.search(SearchRequest(query="A21-1-14")).total == 3
    finally:
        old.close()


def test_a_whole_build_records_its_stamp_in_its_commit_and_increments_keep_it(index, tmp_path: Path, corpus: Path):
    assert index.build_stamp is None  # the fixture's build gave none
    with index.writer(build_stamp="data-2") as writer:
        writer.add(minutes("c.txt", "Status på flygtninge"), corpus)  # an increment: not a whole build
    assert index.build_stamp is None
    with index.writer(build_stamp="data-2") as writer:
        writer.clear()
        writer.add(minutes("c.txt", "Status på flygtninge"), corpus)
        assert index.build_stamp is None  # until the commit
    assert index.build_stamp == "data-2"
    with index.writer() as writer:
        writer.add(minutes("d.txt", "Mødeplan 2016"), corpus)
    reopened = open_index(tmp_path / "index")
    try:
        assert reopened.build_stamp == "data-2"  # from the committed generation, across processes too
    finally:
        reopened.close()


def test_one_source_twice_in_one_write_is_refused(index, corpus: Path):
    with pytest.raises(ValueError), index.writer() as writer:
        writer.add(minutes("c.txt", "Et"), corpus)
        writer.add(minutes("c.txt", "To"), corpus)
    assert "c.txt" not in index.sources()


def test_exception_mid_batch_leaves_the_previous_index(index, corpus: Path):
    before = answers(index)
    with pytest.raises(RuntimeError), index.writer() as writer:
        writer.clear()
        writer.add(minutes("c.txt", "Flygtninge igen"), corpus)
        raise RuntimeError("the PDF reader crashed")
    assert answers(index) == before
    with index.writer() as writer:  # the lock was released
        writer.add(minutes("c.txt", "Flygtninge igen"), corpus)
    assert index.search(SearchRequest(query="flygtninge")).total == 2


def _child(script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=PROJECT,
    )


KILLED_WRITER = """
    import os, signal, sys
    from pathlib import Path
    from search import open_index
    from search.examples import example_document, example_passage
    index = open_index(sys.argv[1])
    writer = index.writer(limitmb=1)
    writer.clear()
    for n in range(300):
        passages = [example_passage(f"Flygtninge {n} {k}", "Boligplacering " * 200) for k in range(5)]
        writer.add(example_document(f"new/{n}.txt", passages), Path(sys.argv[2]))
    print("written", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_killed_writer_process_leaves_the_previous_index_and_no_lock(index, tmp_path: Path, corpus: Path):
    before = answers(index)
    files_before = set(os.listdir(tmp_path / "index"))
    child = _child(KILLED_WRITER, str(tmp_path / "index"), str(corpus))
    out, err = child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL, err
    assert out.strip() == "written"
    assert set(os.listdir(tmp_path / "index")) - files_before, "the child wrote segment data before it died"
    assert answers(index) == before
    assert answers(open_index(tmp_path / "index")) == before  # a fresh reader too
    index.writer().cancel()  # the kernel dropped the dead process's lock; the next writer removes its files
    assert set(os.listdir(tmp_path / "index")) == files_before
    with index.writer() as writer:
        writer.add(minutes("c.txt", "Eventuelt"), corpus)
    assert len(segment_names(tmp_path / "index")) <= 2


HOLDING_WRITER = """
    import sys, time
    from search import open_index
    writer = open_index(sys.argv[1]).writer()
    print("locked", flush=True)
    time.sleep(60)
"""


def test_second_writer_fails_at_once_in_this_and_another_process(index, tmp_path: Path):
    with index.writer():
        started = time.monotonic()
        with pytest.raises(IndexLocked, match="opdateres allerede"):
            open_index(tmp_path / "index").writer()
        assert time.monotonic() - started < 1.0
    child = _child(HOLDING_WRITER, str(tmp_path / "index"))
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        with pytest.raises(IndexLocked):
            index.writer()
    finally:
        child.kill()
        child.communicate(timeout=10)  # reaps the child and closes its pipes
    with index.writer():  # the lock went with the process
        pass


def test_uncommitted_writes_are_invisible_until_commit(index, corpus: Path):
    writer = index.writer()
    writer.add(minutes("c.txt", "Status på flygtninge"), corpus)
    assert index.search(SearchRequest(query="flygtninge")).total == 1
    writer.commit()
    assert index.search(SearchRequest(query="flygtninge")).total == 2


# Refreshing and threads


def test_commit_by_another_index_object_is_picked_up(index, tmp_path: Path, corpus: Path):
    assert index.search(SearchRequest(query="status")).total == 0
    other = open_index(tmp_path / "index")
    with other.writer() as writer:
        writer.add(minutes("c.txt", "Status på flygtninge"), corpus)
    assert index.refresh() is True
    assert index.refresh() is False
    assert index.search(SearchRequest(query="status")).total == 1
    assert set(index.sources()) == {"a.txt", "b.txt", "c.txt"}


def test_warming_up_builds_what_searches_share_once_per_generation(index, tmp_path: Path, corpus: Path, monkeypatch):
    """`warm_up` builds a new generation's facet columns and date orders (and the rest), so
    that the searches after it build nothing; the next commit makes it build again."""
    from search import facets, snapshot

    def no_build(*args, **kwargs):
        raise AssertionError("built by a search, not by the warm-up")

    other = open_index(tmp_path / "index")
    with other.writer() as writer:
        writer.add(minutes("c.txt", "Status på flygtninge"), corpus)
    assert index.warm_up() is True
    assert index.warm_up() is False
    with monkeypatch.context() as patched:
        patched.setattr(facets.FacetColumn, "load", no_build)
        patched.setattr(snapshot, "build_ranks", no_build)
        patched.setattr(snapshot, "_build_lengths", no_build)
        for sort in ("relevance", "newest", "oldest"):
            assert index.search(SearchRequest(query="status", sort=sort)).total == 1
        assert index.search(SearchRequest(query="", sort="newest")).total >= 1
    with other.writer() as writer:
        writer.add(minutes("d.txt", "Status på boliger"), corpus)
    assert index.warm_up() is True
    assert index.search(SearchRequest(query="status")).total == 2


def test_a_served_index_is_warmed_in_the_background_after_a_commit(tmp_path: Path, corpus: Path):
    """`start_warming` (what `referatsog serve` runs): a commit made while the site runs is
    warmed by the thread, before any search asks; a missing index is waited for quietly."""
    from webui import create_app
    from webui.index import EXTENSION_KEY, start_warming

    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)})
    stop = start_warming(app, interval=0.05)
    try:
        time.sleep(0.2)  # no index yet: the thread keeps trying
        created = open_index(tmp_path / "index", create=True)
        with created.writer() as writer:
            writer.add(minutes("c.txt", "Status på flygtninge"), corpus)
        served = app.extensions[EXTENSION_KEY].get()
        generation = created.stats()["generation"]

        def warmed() -> bool:
            # by commit: its generation number and its TOC file's identity (`SearchIndex._commit`)
            snapshot = next((kept for commit, kept in served._snapshots.items() if commit[0] == generation), None)
            return snapshot is not None and "warm" in snapshot._data

        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not warmed():
            time.sleep(0.05)
        assert warmed()
        assert served.warm_up() is False  # already done by the thread
    finally:
        stop.set()


def test_threads_search_while_another_commits(index, corpus: Path):
    errors: list[BaseException] = []
    seen: list[list[int]] = []
    stop = threading.Event()

    def search_loop() -> None:
        totals: list[int] = []
        try:
            while not stop.is_set():
                response = index.search(SearchRequest(query="sagsfremstilling", page_size=5))
                assert len(response.hits) == min(5, response.total)
                assert sum(v.count for v in response.facets["municipality"]) == response.total
                totals.append(response.total)
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        seen.append(totals)

    threads = [threading.Thread(target=search_loop) for _ in range(6)]
    for thread in threads:
        thread.start()
    for n in range(8):
        with index.writer() as writer:
            writer.add(minutes(f"extra/{n}.txt", f"Punkt {n}"), corpus)
        time.sleep(0.02)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert all(totals == sorted(totals) for totals in seen)  # each thread only moves forward
    assert index.search(SearchRequest(query="sagsfremstilling")).total == 3 + 8


def test_searchers_of_ended_threads_are_closed(index, corpus: Path):
    def search_once() -> None:
        index.search(SearchRequest(query="flygtninge"))

    for _ in range(3):
        thread = threading.Thread(target=search_once)
        thread.start()
        thread.join()
    with index.writer() as writer:
        writer.add(minutes("c.txt", "Eventuelt"), corpus)
    index.search(SearchRequest())  # a new generation: this thread reopens and prunes
    assert list(index._searchers) == [threading.get_ident()]


# Segment files


def test_segments_are_plain_files_and_old_compound_ones_stay_readable_until_a_full_build(tmp_path: Path, corpus: Path):
    """Compound segments gave every per-thread searcher a copy of the index in memory."""
    from search.schema import file_fields, passage_fields

    index = open_index(tmp_path / "index", create=True)
    document = minutes("a.txt", "Modtagelse af flygtninge")
    old_writer = index._ix.writer()  # as this code wrote segments before: one compound .seg file
    for passage in document.passages:
        old_writer.add_document(**passage_fields(passage))
    old_writer.add_document(**file_fields(document, corpus.resolve(), {}))
    old_writer.commit()
    assert any(f.endswith(".seg") for f in os.listdir(tmp_path / "index"))
    assert index.search(SearchRequest(query="flygtninge")).total == 1
    with index.writer() as writer:  # an incremental write adds a plain segment beside it
        writer.add(minutes("b.txt", "Flygtninge igen"), corpus)
    assert index.search(SearchRequest(query="flygtninge")).total == 2
    with index.writer() as writer:
        writer.clear()
        writer.add(minutes("b.txt", "Flygtninge igen"), corpus)
    assert not any(f.endswith(".seg") for f in os.listdir(tmp_path / "index"))
    assert index.search(SearchRequest(query="flygtninge")).total == 1
    index.close()


def test_a_searcher_of_the_previous_generation_answers_after_its_files_were_deleted(index, corpus: Path):
    """A request in flight keeps answering from its generation while a full build replaces the segments."""
    from search.query import run_search
    from search.snapshot import Snapshot

    searcher = index._searcher()
    before = run_search(searcher, SearchRequest(query="flygtninge"), Snapshot(-1)).to_json()
    files_before = set(os.listdir(index.path))
    with open_index(index.path).writer() as writer:
        writer.clear()
        writer.add(minutes("c.txt", "Noget helt andet"), corpus)
    assert not files_before & set(os.listdir(index.path)) - {"MAIN_WRITELOCK", VERSION_FILE}  # old files deleted
    again = run_search(searcher, SearchRequest(query="flygtninge"), Snapshot(-2)).to_json()  # fresh caches: reads columns
    assert again == before and before["total"] == 1
    assert index.search(SearchRequest(query="flygtninge")).total == 0  # a new search sees the new generation


def test_segment_writer_writes_the_same_files_as_whooshs(tmp_path: Path, seed_passages):
    """`search.writing.SegmentWriter` only looks field lengths up faster when it flushes and adds
    its posting arrays: the segment's files (postings with their blocks' length statistics,
    terms, lengths, stored records) are byte for byte those of Whoosh's own writer, with a
    textless last document (the length columns end before it)."""
    from whoosh import index as whoosh_index
    from whoosh import writing

    from search import writing as ours
    from search.schema import build_schema, passage_fields

    def build(folder: Path, writer_class) -> dict[str, bytes]:
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), build_schema(), indexname="MAIN")
        writer = writer_class(ix, compound=False)
        for passage in seed_passages:
            writer.add_document(**passage_fields(passage))
        # last, a document without text (as a file record is): the length columns end early
        writer.add_document(kind="file", document_id="x", source="x.txt", record="{}")
        writer.commit()
        segment = ix._segments()[0].segment_id()
        return {f.name.replace(segment, "SEG"): f.read_bytes() for f in folder.iterdir() if segment in f.name}

    whoosh_files = build(tmp_path / "whoosh", writing.SegmentWriter)
    our_files = build(tmp_path / "ours", ours.SegmentWriter)
    assert {name.rsplit(".", 1)[-1] for name in our_files} >= {"pst", "trm", "col", "arrays"}
    assert {name: data for name, data in our_files.items() if not name.endswith(".arrays")} == whoosh_files


def test_a_commit_is_made_durable_before_and_after_its_toc_is_renamed(index, corpus: Path, monkeypatch):
    """Power loss: every file of the new generation's segments and the TOC's bytes are synced
    before the TOC's rename makes the generation current, and the folder after it."""
    from whoosh.filedb.filestore import FileStorage

    from search import writing

    events: list[tuple[str, ...]] = []
    sync, rename = writing.fsync_path, FileStorage.rename_file

    def recording_sync(path: str) -> None:
        events.append(("sync", os.path.relpath(path, index.path)))
        sync(path)

    def recording_rename(self, frm: str, to: str, safe: bool = False) -> None:
        events.append(("rename", frm, to))
        rename(self, frm, to, safe=safe)

    monkeypatch.setattr(writing, "fsync_path", recording_sync)
    monkeypatch.setattr(FileStorage, "rename_file", recording_rename)
    with index.writer() as writer:
        writer.add(minutes("c.txt", "Budget 2017"), corpus)
    (place, (_, temporary, toc)), = [(i, e) for i, e in enumerate(events) if e[0] == "rename"]
    assert toc.endswith(".toc") and os.path.exists(index.path / toc)
    assert events[place - 1] == ("sync", temporary) and events[place + 1] == ("sync", ".")
    synced_before = {e[1] for e in events[:place] if e[0] == "sync"}
    live = {f for f in os.listdir(index.path) if f.split(".")[0] in segment_names(index.path)}
    assert {f.rsplit(".", 1)[-1] for f in live} >= {"pst", "trm", "col", "arrays"}
    assert live <= synced_before, live - synced_before
    assert index.search(SearchRequest(query="budget")).total == 1


# A write that fails (the disk is full)


def disk_full_while(where: str, monkeypatch) -> None:
    """Make the next write fail with ENOSPC after it wrote files: when its segment is flushed,
    or when the table of contents is written (its temporary file exists by then)."""
    import errno

    from search import writing

    def full() -> OSError:
        return OSError(errno.ENOSPC, "No space left on device")

    if where == "flush":
        flush = writing.SegmentWriter._flush_segment

        def failing_flush(self):
            flush(self)
            raise full()

        monkeypatch.setattr(writing.SegmentWriter, "_flush_segment", failing_flush)
    else:
        def failing_toc_write(toc, storage, indexname):
            with storage.create_file(f"_{indexname}_{toc.generation}.toc.{time.time()}") as stream:
                stream.write(b"half a table of contents")
            raise full()

        monkeypatch.setattr(writing.TOC, "write", failing_toc_write)


@pytest.mark.parametrize("where", ["flush", "toc"])
def test_a_write_that_fails_on_a_full_disk_leaves_only_the_committed_files(index, tmp_path: Path, corpus: Path,
                                                                           monkeypatch, where):
    folder = tmp_path / "index"
    before, files_before = answers(index), set(os.listdir(folder))
    disk_full_while(where, monkeypatch)
    with pytest.raises(OSError, match="No space"), index.writer() as writer:
        writer.add(minutes("c.txt", "Flygtninge igen"), corpus)
    assert set(os.listdir(folder)) == files_before
    assert answers(index) == before and answers(open_index(folder)) == before
    monkeypatch.undo()  # space freed: the retry succeeds
    with index.writer() as writer:
        writer.add(minutes("c.txt", "Flygtninge igen"), corpus)
    assert index.search(SearchRequest(query="flygtninge")).total == 2


@pytest.mark.parametrize("documents", [3, 70])  # 70: a helper process writes half (search.spool)
def test_a_first_build_that_fails_leaves_no_index_and_a_retry_builds_it(tmp_path: Path, corpus: Path, monkeypatch,
                                                                        documents):
    folder = tmp_path / "fresh"
    index = open_index(folder, create=True)
    files_before = set(os.listdir(folder))
    disk_full_while("flush", monkeypatch)
    with pytest.raises(OSError), index.writer() as writer:
        for n in range(documents):
            writer.add(minutes(f"{n}.txt", f"Flygtninge {n}"), corpus)
    assert set(os.listdir(folder)) == files_before  # no segment, no temporary table of contents
    with pytest.raises(IndexMissing, match="intet indeks"):  # not an empty index that answers "0 results"
        open_index(folder)
    monkeypatch.undo()
    with open_index(folder, create=True).writer() as writer:
        for n in range(documents):
            writer.add(minutes(f"{n}.txt", f"Flygtninge {n}"), corpus)
    assert open_index(folder).search(SearchRequest(query="flygtninge")).total == documents


def test_an_index_built_from_no_files_is_an_index(tmp_path: Path):
    """Generation 0 is "never built"; a build that committed nothing still counts as built."""
    open_index(tmp_path / "index", create=True).writer().commit()
    assert open_index(tmp_path / "index").search(SearchRequest()).total == 0


def test_names_a_passage_page_shows_beside_the_text_are_searchable(tmp_path: Path):
    """A decision's note (who did not take part) and the absent list are on the passage page:
    a reporter who reads a name there must find the item by it. Those present are not
    searched: every item of the meeting would match."""
    from conftest import LAYOUTS
    from indexer.update import update_index
    from search.api import parse_request

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("f1_hedelund_integrationsraadet_2015-05-27.txt", "f4_boegeskov_integrationsraadet_2016-09-14.txt"):
        (corpus / name).write_bytes((LAYOUTS / name).read_bytes())
    update_index([corpus], tmp_path / "index")
    index = open_index(tmp_path / "index")

    def hits(query: str) -> list:
        return list(index.search(parse_request({"q": [query], "page_size": ["100"]})).hits)

    noted = hits('"Mogens Ravn"')  # "Mogens Ravn deltog ikke i behandlingen af punktet."
    assert noted and all("Mogens Ravn" in " ".join(s.note for s in index.passage(h.id).sections) for h in noted)
    absent = index.search(parse_request({"q": ['"Hassan Jaber"'], "page_size": ["100"]}))
    assert absent.total and all("Hassan Jaber" in index.passage(h.id).absent for h in absent.hits)
    passages = index.search(parse_request({"q": [""], "page_size": ["100"]})).total
    assert absent.total < passages  # present at the meeting does not count


def test_an_item_indexed_from_its_text_and_its_pdf_is_one_hit_counted_once(tmp_path: Path):
    """A meeting published as text and as PDF (or on a web page) is found once, as the PDF
    (published, with page numbers); when the PDF goes, the text copy is found again."""
    import shutil

    from conftest import PDFS, SEEDS
    from indexer.update import update_index
    from search.api import parse_request

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "naestved-integrationsraadet-referat-2015-05-21.txt"
    shutil.copy(SEEDS / text, corpus / text)
    update_index([corpus], tmp_path / "index")
    alone = open_index(tmp_path / "index").search(parse_request({"q": ["flygtninge"], "page_size": ["100"]}))

    shutil.copy(PDFS / "referat-2015-05-21.pdf", corpus / "referat-2015-05-21.pdf")
    update_index([corpus], tmp_path / "index")
    index = open_index(tmp_path / "index")
    both = index.search(parse_request({"q": ["flygtninge"], "page_size": ["100"]}))
    assert both.total == alone.total and sum(v.count for v in both.facets["municipality"]) == both.total
    assert sorted(h.title for h in both.hits) == sorted(h.title for h in alone.hits)
    assert {h.source for h in both.hits} == {"referat-2015-05-21.pdf"}
    every = index.search(parse_request({"q": [""], "page_size": ["100"]}))
    assert len({(h.item_number, h.title) for h in every.hits}) == every.total  # no item twice
    text_copy = next(h for h in alone.hits if h.title == "Modtagelse af flygtninge")
    assert index.passage(text_copy.id) is not None  # a copy is still there, by its id
    [pdf_copy] = index.copies(text_copy.id)  # and each copy names the other, with its page
    assert (pdf_copy.source, pdf_copy.title, pdf_copy.page) == ("referat-2015-05-21.pdf", "Modtagelse af flygtninge", 4)
    assert [p.id for p in index.copies(pdf_copy.id)] == [text_copy.id]
    assert index.copies("no-such-passage") == []

    (corpus / "referat-2015-05-21.pdf").unlink()
    update_index([corpus], tmp_path / "index")
    again = open_index(tmp_path / "index").search(parse_request({"q": ["flygtninge"], "page_size": ["100"]}))
    assert [h.id for h in again.hits] == [h.id for h in alone.hits]
    assert open_index(tmp_path / "index").copies(text_copy.id) == []


def test_items_alike_in_different_meetings_are_not_copies(tmp_path: Path):
    from search.examples import example_document

    index = open_index(tmp_path / "index", create=True)
    with index.writer() as writer:
        for day in ("2015-05-21", "2015-06-18"):
            item = example_passage("Eventuelt", "Intet at bemærke.", meeting_date=day, item_number=9)
            writer.add(example_document(f"referat-{day}.pdf", [item], meeting_date=day), tmp_path)
    assert index.search(SearchRequest(query="eventuelt")).total == 2


def test_an_index_is_not_written_into_a_folder_of_other_files(tmp_path: Path):
    """`--index-dir` pointed at a folder of documents by mistake: refused, nothing written there."""
    from search.api import IndexWriteFailed

    folder = tmp_path / "referater"
    folder.mkdir()
    (folder / "referat.txt").write_text("1. Eventuelt\n", encoding="utf-8")
    with pytest.raises(IndexWriteFailed, match="rummer andre filer end et søgeindeks"):
        open_index(folder, create=True)
    assert [p.name for p in folder.iterdir()] == ["referat.txt"]
    open_index(tmp_path / "ny", create=True)  # a new folder, and an existing index, are fine
    assert open_index(tmp_path / "ny", create=True) is not None
    disk = tmp_path / "disk"  # the root of a mounted disk, a folder kept in git
    (disk / "lost+found").mkdir(parents=True)
    (disk / ".keep").touch()
    assert open_index(disk, create=True) is not None


@pytest.fixture
def copies_corpus(tmp_path: Path) -> Path:
    """The 2015 and 2017 minutes as text and as PDF, and a second, edited text copy of 2017."""
    import shutil

    from conftest import PDFS, SEEDS

    corpus = tmp_path / "corpus"
    (corpus / "kopi").mkdir(parents=True)
    for seed in ("naestved-integrationsraadet-referat-2015-05-21.txt", "naestved-integrationsraadet-referat-2017-02-23.md"):
        shutil.copy(SEEDS / seed, corpus / seed)
    for pdf in ("referat-2015-05-21.pdf", "referat-2017-02-23.pdf"):
        shutil.copy(PDFS / pdf, corpus / pdf)
    text = (SEEDS / "naestved-integrationsraadet-referat-2017-02-23.md").read_text(encoding="utf-8")
    edited = text.replace("Fast punkt fra CAM", "Fast punkt fra CAM. Rettelse: boligplacering og husleje i midlertidig bolig.", 1)
    assert edited != text
    (corpus / "kopi" / "referat-2017-02-23-rettet.md").write_text(edited, encoding="utf-8")
    return corpus


def every_hit(index, **params) -> list:
    from search.api import parse_request

    hits, page = [], 1
    while True:
        response = index.search(parse_request({**{k: [v] for k, v in params.items()}, "page": [str(page)]}))
        hits += response.hits
        if page >= response.pages:
            return hits if len(hits) == response.total else pytest.fail(f"{len(hits)} hits for a total of {response.total}")
        page += 1


@pytest.mark.parametrize("query", ["", "flygtninge -bolig", "flygtninge NOT bolig", "rådet -kommune:Roskilde",
                                   "flygtninge", "status"])
def test_every_item_is_one_hit_whatever_the_query(copies_corpus: Path, tmp_path: Path, query: str):
    """Exclusions rank through Whoosh's collector, which sees every match: copies must stay out."""
    from indexer.update import update_index

    update_index([copies_corpus], tmp_path / "index")
    items = [(h.meeting_date, h.item_number, h.title) for h in every_hit(open_index(tmp_path / "index"), q=query)]
    assert items and len(items) == len(set(items))


def test_the_copy_that_matches_is_shown_and_a_filter_finds_it(copies_corpus: Path, tmp_path: Path):
    from indexer.update import update_index

    update_index([copies_corpus], tmp_path / "index")
    index = open_index(tmp_path / "index")
    [edited] = every_hit(index, q="rettelse")  # only the edited copy says it: that one, once
    assert edited.source == "kopi/referat-2017-02-23-rettet.md"
    assert "bolig" in edited.topics
    filtered = every_hit(index, q="", topic="bolig", year="2017")  # a value only that copy has
    assert edited.id in {h.id for h in filtered}
    unedited = every_hit(index, q="CAM")
    assert {h.source for h in unedited if h.meeting_date == "2017-02-23"} == {"referat-2017-02-23.pdf"}


def test_a_pdf_saved_under_another_name_is_still_the_copy_shown(copies_corpus: Path, tmp_path: Path):
    """The PDF copy is shown whatever it is named: «referat.pdf.txt», read as PDF by its content,
    lost to the text copy when its name sorted after it."""
    from indexer.update import update_index

    (copies_corpus / "referat-2015-05-21.pdf").rename(copies_corpus / "zz-referat-2015-05-21.pdf.txt")
    update_index([copies_corpus], tmp_path / "index")
    hits = [h for h in every_hit(open_index(tmp_path / "index"), q="flygtninge") if h.meeting_date == "2015-05-21"]
    assert hits and {(h.source, h.page is not None) for h in hits} == {("zz-referat-2015-05-21.pdf.txt", True)}


def test_corrected_minutes_that_decide_differently_are_found_beside_the_first_version(tmp_path: Path):
    """A "rettet referat" whose decision on an item differs is no copy: a reader finds both
    decisions; its items that decide the same stay one hit each."""
    import shutil

    from conftest import SEEDS
    from indexer.update import update_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = "naestved-integrationsraadet-referat-2015-05-21.txt"
    shutil.copy(SEEDS / seed, corpus / seed)
    update_index([corpus], tmp_path / "index")
    first = every_hit(open_index(tmp_path / "index"), q="")
    [item] = [h for h in first if h.title == "Modtagelse af flygtninge"]
    opening = "Når man laver indsamlinger er det vigtigt"
    assert open_index(tmp_path / "index").passage(item.id).decision.startswith(opening)
    text = (SEEDS / seed).read_text(encoding="utf-8")
    assert text.count(opening) == 1
    corrected = text.replace(opening, "Dog udsat til næste møde. " + opening)
    (corpus / "rettet-referat-2015-05-21.txt").write_text(corrected, encoding="utf-8")
    update_index([corpus], tmp_path / "index")
    index = open_index(tmp_path / "index")
    both = every_hit(index, q="")
    assert len(both) == len(first) + 1
    versions = [h for h in both if h.title == "Modtagelse af flygtninge"]
    assert sorted(h.source for h in versions) == sorted([seed, "rettet-referat-2015-05-21.txt"])
    assert [h.source for h in every_hit(index, q="udsat næste møde")] == ["rettet-referat-2015-05-21.txt"]


def test_a_marker_marks_a_querys_words_in_any_passage_text_as_hits_do(seed_index):
    """The passage page opened from a hit marks the query's words throughout the item."""
    marker = seed_index.marker('flygtninge "negativ social kontrol" -bolig')
    text = seed_index.passage(seed_index.search(SearchRequest(query="Modtagelse af flygtninge")).hits[0].id).text
    html = marker(text)
    assert html.count("<mark>") == len(re.findall(r"(?i)\bflygtning\w*", text)) > 3
    assert "<mark>" not in marker("Boligen <b>er</b> klar") and "&lt;b&gt;" in marker("<b>")  # excluded, escaped
    assert marker("Negativ social kontrol") == "<mark>Negativ</mark> <mark>social</mark> <mark>kontrol</mark>"
    assert seed_index.marker("placering")("Permanent boligplacering") == "Permanent <mark>boligplacering</mark>"
    for nothing in ("", '"', "-bolig", "OR"):
        assert not seed_index.marker(nothing), nothing


def test_sections_of_one_name_are_copies_only_when_their_texts_agree(tmp_path: Path):
    """Two annual reports of one council and year may both have a "Forord": the same name
    (council, year, title), other words, so both are found. The same report as text and as
    PDF (a caption more in one) stays one hit."""
    from search.examples import example_document

    def report(source: str, foreword: str):
        section = example_passage("Forord", foreword, doc_type="årsberetning", meeting_date=None, year=2019, item_number=1)
        return example_document(source, [section], doc_type="årsberetning", meeting_date=None, year=2019)

    foreword = ("Integrationsrådet har i 2019 arbejdet med boligplacering af flygtninge, mødt foreningerne "
                "og afholdt fællesmøder med rådene i Vordingborg og Lolland.")
    other = ("Året stod i beskæftigelsens tegn: nye virksomhedspraktikker, sprogkurser for voksne og et "
             "samarbejde med erhvervsskolerne om lærepladser.")
    index = open_index(tmp_path / "index", create=True)
    with index.writer() as writer:
        writer.add(report("aarsberetning-2019.txt", foreword), tmp_path)
        writer.add(report("aarsberetning-2019.pdf", "Foto: Næstved Kommune. " + foreword), tmp_path)
        writer.add(report("aarsberetning-2019-kort.txt", other), tmp_path)
    hits = index.search(SearchRequest(query="forord")).hits
    assert sorted(h.source for h in hits) == ["aarsberetning-2019-kort.txt", "aarsberetning-2019.pdf"]
    pdf = next(h for h in hits if h.source.endswith(".pdf"))
    assert [p.source for p in index.copies(pdf.id)] == ["aarsberetning-2019.txt"]
    short = next(h for h in hits if h.source.endswith("kort.txt"))
    assert index.copies(short.id) == []
