"""An edited stem-exclusion list reaches a running site with the rebuild it forces (a docs
review: after the edit and `referatsog index`, the site still stemmed queries the old way and
found 3 items where the command line found 10)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from search import SearchRequest, danish
from search.index import _refresh_data_files, open_index
from conftest import SEEDS, seeds_in


@pytest.fixture
def exclusions_copy(tmp_path, monkeypatch):
    """The exclusion list read from a copy the test may edit; the shipped list again after."""
    copy = tmp_path / "stem_exclusions.txt"
    shutil.copy(danish._EXCLUSIONS_FILE, copy)
    monkeypatch.setattr(danish, "_EXCLUSIONS_FILE", copy)
    monkeypatch.setattr(danish, "_exclusions_read", danish.file_stamp(copy))
    yield copy
    monkeypatch.undo()
    danish._exclusions_read = None  # read the shipped file again
    _refresh_data_files()
    assert danish.stem("flygtninge") == "flygtning"


def test_queries_are_stemmed_by_the_edited_list_from_the_next_commit_on(tmp_path, exclusions_copy):
    from indexer.update import update_index

    corpus = seeds_in(tmp_path / "corpus", ["naestved-integrationsraadet-referat-2015-05-21.txt"])
    update_index([corpus], tmp_path / "index")
    with open_index(tmp_path / "index") as index:
        before = index.search(SearchRequest(query="flygtninge"))
        assert before.total > 0 and not before.approximate
        with exclusions_copy.open("a", encoding="utf-8") as edit:
            edit.write("flygtninge -> refugiat\n")
        # the list is not read again under a commit written with the old one
        assert index.search(SearchRequest(query="flygtninge")) == before
        shutil.copy(SEEDS / "naestved-integrationsraadet-referat-2017-02-23.md", corpus)
        # a new commit, by another process, as `referatsog index` is (here with the shipped list)
        subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from indexer.update import "
                        "update_index; update_index([Path(sys.argv[1])], Path(sys.argv[2]))", str(corpus),
                        str(tmp_path / "index")], check=True, cwd=Path(__file__).parent.parent)
        assert danish.stem("flygtninge") == "flygtning"  # nothing here has read the list yet
        # stemmed «refugiat» now, which no text has: only the nearest spellings are offered
        assert index.search(SearchRequest(query="flygtninge")).approximate
        assert danish.stem("flygtninge") == "refugiat"


def test_a_half_written_list_is_not_taken(tmp_path, exclusions_copy):
    exclusions_copy.write_bytes(b"\xff\xfe broken")
    assert not danish.refresh_exclusions()
    assert danish.stem("haven") == danish.STEM_EXCLUSIONS["haven"]  # the list read before stays


def test_a_query_stemmed_during_a_refresh_gets_the_old_or_the_new_list_never_none(exclusions_copy):
    """The list was emptied and refilled in place: a request thread stemming in between got
    Snowball's «hav» for «haven» (a code review, 24,925 times in 3,000 refreshes)."""
    import threading

    wrong: list[str] = []
    stop = threading.Event()

    def stem_while_refreshing() -> None:
        while not stop.is_set():
            danish._cached_stem.cache_clear()  # every call reads the table, not the memo
            if (stem := danish.stem("haven")) != "haven":
                wrong.append(stem)

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads change hands as often as they can
    threads = [threading.Thread(target=stem_while_refreshing) for _ in range(3)]
    try:
        for thread in threads:
            thread.start()
        for n in range(300):
            exclusions_copy.write_text(exclusions_copy.read_text(encoding="utf-8") + f"# {n}\n", encoding="utf-8")
            assert danish.refresh_exclusions()
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        sys.setswitchinterval(switch)
    assert wrong == []


def test_an_edited_routine_title_list_is_read_at_the_next_commit(tmp_path, monkeypatch):
    """A query naming a routine item («eventuelt») is not pushed down as routine: a title added
    to the list on a running site is known from the next commit it opens, not from a restart."""
    from search import ranking, schema

    copy = tmp_path / "routine_titles.txt"
    shutil.copy(schema.ROUTINE_TITLES, copy)
    monkeypatch.setattr(schema, "ROUTINE_TITLES", copy)
    ranking.routine_term_sets.cache_clear()
    assert not ranking.asks_for_routine({"orienteringspunk"})
    with copy.open("a", encoding="utf-8") as edit:
        edit.write("Orienteringspunkt\n")
    assert not ranking.asks_for_routine({"orienteringspunk"})  # the memo until a commit is opened
    _refresh_data_files()
    assert ranking.asks_for_routine({"orienteringspunk"})
    monkeypatch.undo()
    ranking.routine_term_sets.cache_clear()
    assert not ranking.asks_for_routine({"orienteringspunk"})


def test_an_edit_no_rebuild_followed_is_not_taken_by_a_thread_opening_the_same_commit(tmp_path, exclusions_copy):
    """Each request thread opens its first searcher of a commit itself: reading the list then
    made a running site stem by an edit the index was not built with, and kept it after the
    edit was undone (a data-files review)."""
    import threading

    from indexer.update import update_index

    corpus = seeds_in(tmp_path / "corpus", ["naestved-integrationsraadet-referat-2015-05-21.txt"])
    update_index([corpus], tmp_path / "index")
    with open_index(tmp_path / "index") as index:
        before = index.search(SearchRequest(query="flygtninge"))
        with exclusions_copy.open("a", encoding="utf-8") as edit:
            edit.write("flygtninge -> refugiat\n")
        answers = []
        thread = threading.Thread(target=lambda: answers.append(index.search(SearchRequest(query="flygtninge"))))
        thread.start()
        thread.join()
        assert answers == [before] and danish.stem("flygtninge") == "flygtning"


def test_a_thread_opening_the_new_commit_meanwhile_waits_for_the_new_list(tmp_path, exclusions_copy, monkeypatch):
    """The commit was marked read before the list was: a second thread opening it meanwhile
    searched with the old stems while the first was still reading the new ones (a code review)."""
    import threading
    import time

    from indexer.update import update_index

    corpus = seeds_in(tmp_path / "corpus", ["naestved-integrationsraadet-referat-2015-05-21.txt"])
    update_index([corpus], tmp_path / "index")
    with open_index(tmp_path / "index") as index:
        index.search(SearchRequest(query="flygtninge"))
        with exclusions_copy.open("a", encoding="utf-8") as edit:
            edit.write("flygtninge -> refugiat\n")
        read = danish.load_stem_exclusions
        monkeypatch.setattr(danish, "load_stem_exclusions", lambda path: (time.sleep(0.5), read(path))[1])
        index._data_files_read_for = None  # as when a rebuild's commit arrives
        stems: list[str] = []
        first = threading.Thread(target=index._searcher)
        second = threading.Thread(target=lambda: (time.sleep(0.1), index._searcher(), stems.append(danish.stem("flygtninge"))))
        first.start()
        second.start()
        first.join()
        second.join()
        assert stems == ["refugiat"]
