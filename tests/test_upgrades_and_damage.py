"""An administrator's index over months: upgrades that rebuild it, runs stopped half-way,
bookkeeping that cannot be written, a damaged index (found by an operations review)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SEEDS, seeds_in
from indexer.update import update_index
from search.index_folder import VERSION_FILE, remembered_folders


def _as_older_version(index_dir: Path) -> None:
    marker = index_dir / VERSION_FILE
    content = json.loads(marker.read_text(encoding="utf-8"))
    marker.write_text(json.dumps({**content, "schema_version": content["schema_version"] - 1}), encoding="utf-8")


def test_an_upgrade_rebuild_that_stops_half_way_keeps_the_folders_the_index_was_built_from(tmp_path):
    """The rebuild recreates the index empty first; the marker it wrote held no folders, so a
    rebuild stopped there left an index whose next bare `referatsog index` built the seeds."""
    from search import open_index

    corpus = seeds_in(tmp_path / "referater", ["naestved-integrationsraadet-referat-2015-05-21.txt"])
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    _as_older_version(index_dir)
    open_index(index_dir, create=True)  # what the rebuild does before it reads a file
    assert remembered_folders(index_dir) == [str(corpus)]


def test_serve_rebuilds_an_older_index_from_the_folders_it_holds_not_their_common_folder(tmp_path, capsys):
    """`index multi/a multi/b`, then an upgrade: serve rebuilt from `multi`, and the drafts in
    `multi/privat`, never indexed, were published."""
    from search import SearchRequest, open_index
    from webui.first_build import build_index

    a = seeds_in(tmp_path / "multi" / "a", ["naestved-integrationsraadet-referat-2015-05-21.txt"])
    b = seeds_in(tmp_path / "multi" / "b", ["naestved-integrationsraadet-referat-2017-02-23.md"])
    seeds_in(tmp_path / "multi" / "privat", ["roskilde-integrationsraadet-referat-2026-06-04.txt"])
    index_dir = tmp_path / "index"
    update_index([a, b], index_dir)
    _as_older_version(index_dir)
    build_index(index_dir, tmp_path / "multi")
    sources = set(open_index(index_dir).sources())
    assert sources == {"a/naestved-integrationsraadet-referat-2015-05-21.txt",
                       "b/naestved-integrationsraadet-referat-2017-02-23.md"}
    assert open_index(index_dir).search(SearchRequest(filters={"municipality": ("Roskilde",)})).total == 0
    assert f"bygger det forfra fra {a}, {b}" in capsys.readouterr().out


def test_a_damaged_index_is_said_to_be_so_and_a_full_build_recreates_it(tmp_path, runner):
    """A segment file gone (deleted by hand, a copy cut short): searches failed with «uventet
    fejl» (FileNotFoundError), /healthz answered 500, and `index --full` failed too, reading
    the old passages first."""
    from indexer.cli import main
    from webui import create_app
    from webui.first_build import index_needed
    from webui.serve_error import ServeError

    corpus = seeds_in(tmp_path / "referater", ["naestved-integrationsraadet-referat-2015-05-21.txt"])
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    (terms,) = index_dir.glob("MAIN_*.trm")
    terms.unlink()
    damaged = (f"Indekset i {index_dir} er beskadiget: {terms.name} mangler eller kan ikke læses. "
               "Byg det forfra med «referatsog index --full")
    searched = runner.invoke(main, ["search", "flygtninge", "--index-dir", str(index_dir)])
    assert searched.exit_code == 1 and damaged in searched.output and "uventet" not in searched.output
    updated = runner.invoke(main, ["index", str(corpus), "--index-dir", str(index_dir)])
    assert updated.exit_code == 1 and damaged in updated.output
    with pytest.raises(ServeError, match="beskadiget"):  # serve says so at start, builds nothing unasked
        index_needed(index_dir, corpus)
    health = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client().get("/healthz")
    assert health.status_code == 503 and health.get_json()["code"] == "index_missing"

    rebuilt = runner.invoke(main, ["index", str(corpus), "--full", "--index-dir", str(index_dir)])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert runner.invoke(main, ["search", "flygtninge", "--index-dir", str(index_dir)]).exit_code == 0
    assert remembered_folders(index_dir) == [str(corpus)]


def test_bookkeeping_that_cannot_be_written_is_a_danish_warning_and_claims_no_redirects(tmp_path, runner):
    """The map of moved ids could not be written (a full disk, here a folder in its way): the
    summary said «Viderestillet: 7 gamle punktadresser …» while an English log line said it
    was lost, and the exit code was 0 under --strict."""
    from indexer.cli import main
    from search.index_folder import MOVED_FILE

    name = "naestved-integrationsraadet-referat-2015-05-21.txt"
    corpus = seeds_in(tmp_path / "referater", [name])
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    (corpus / name).rename(corpus / name.replace(".txt", "-kopi.txt"))
    (index_dir / f"{MOVED_FILE}.tmp").mkdir()
    result = runner.invoke(main, ["index", str(corpus), "--index-dir", str(index_dir), "--strict"])
    assert result.exit_code == 1
    assert "Viderestillet" not in result.output
    assert ("Advarsel: de 7 flyttede punkters gamle adresser kunne ikke gemmes "
            f"({MOVED_FILE}.tmp: er en mappe, ikke en fil); de giver 404.") in result.output
    assert "could not" not in result.output


def test_a_run_without_the_extra_topics_the_index_was_built_with_says_so(tmp_path, runner, monkeypatch):
    """The indexing job sets REFERATSOG_TOPICS, a manual run in another shell does not: the
    whole archive was rebuilt «because the data files changed», which nobody had edited."""
    from indexer.cli import main

    corpus = seeds_in(tmp_path / "referater", ["naestved-integrationsraadet-referat-2015-05-21.txt"])
    index_dir = tmp_path / "index"
    extra = tmp_path / "emner.txt"
    extra.write_text("kultur: kulturnat, festival\n", encoding="utf-8")
    monkeypatch.setenv("REFERATSOG_TOPICS", str(extra))
    assert runner.invoke(main, ["index", str(corpus), "--index-dir", str(index_dir)]).exit_code == 0
    monkeypatch.delenv("REFERATSOG_TOPICS")
    again = runner.invoke(main, ["index", str(corpus), "--index-dir", str(index_dir)])
    assert again.exit_code == 0
    assert ("Bygger hele indekset igen: REFERATSOG_TOPICS var sat ved sidste fulde opbygning, men er ikke sat nu; "
            "de ekstra emner forsvinder") in again.output
    assert "datafilerne" not in again.output


def test_a_line_of_the_extra_topics_that_is_no_topic_stops_the_run_naming_it(tmp_path, runner, monkeypatch):
    from indexer.cli import main

    corpus = seeds_in(tmp_path / "referater", ["naestved-integrationsraadet-referat-2015-05-21.txt"])
    extra = tmp_path / "emner.txt"
    extra.write_text("# mine emner\nkultur: kulturnat\nidræt fodbold, håndbold\n", encoding="utf-8")
    monkeypatch.setenv("REFERATSOG_TOPICS", str(extra))
    result = runner.invoke(main, ["index", str(corpus), "--index-dir", str(tmp_path / "index")])
    assert result.exit_code == 1
    assert (f"REFERATSOG_TOPICS: emneordlisten {extra}, linje 3: «idræt fodbold, håndbold» er ikke på formen "
            "«emne: nøgleord, nøgleord».") in result.output
    assert not (tmp_path / "index").exists() or not list((tmp_path / "index").glob("MAIN_*"))


def test_a_site_starting_while_another_process_builds_its_index_waits_for_it_instead_of_stopping(tmp_path, capsys,
                                                                                                   monkeypatch):
    """A second serve (or a site started while the indexing job's first build runs) stopped
    with «opdateres allerede af en anden proces»; it answers 503 until the other commits."""
    from search.api import IndexLocked
    from webui import first_build
    from webui.serve_error import ServeError

    def locked(*args, **kwargs):
        raise IndexLocked("Indekset opdateres allerede af en anden proces.")

    monkeypatch.setattr("indexer.update.update_index", locked)
    waited = []
    monkeypatch.setattr(first_build, "_wait_for_other_writer", waited.append)
    first_build.build_index(tmp_path / "index", SEEDS, serving=True)
    assert waited == [tmp_path / "index"]  # «being built» stays on until the other process is done
    assert "bygges af en anden proces; siden svarer med 503, til det er færdigt" in capsys.readouterr().out
    with pytest.raises(ServeError, match="anden proces"):  # not serving (one process): nothing to wait in
        first_build.build_index(tmp_path / "index", SEEDS, serving=False)


def test_source_links_follow_a_reindex_into_another_folder_without_a_restart(tmp_path):
    """The site fixed its corpus folder at start; after `index nyt --full` the hits were the new
    folder's and every source link answered 404 («Kildefilen findes ikke») until a restart."""
    from search import SearchRequest, open_index
    from webui import create_app

    name = "naestved-integrationsraadet-referat-2015-05-21.txt"
    old = seeds_in(tmp_path / "gammel", [name])
    new = seeds_in(tmp_path / "nyt", ["naestved-integrationsraadet-referat-2017-02-23.md"])
    index_dir = tmp_path / "index"
    update_index([old], index_dir)
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()  # no folder named
    assert client.application.config["CORPUS_DIR"] == str(old)
    update_index([new], index_dir, full=True)
    with open_index(index_dir) as index:
        (document,) = {h.document_id for h in index.search(SearchRequest(page_size=100)).hits}
    with client.get(f"/source/{document}") as answer:
        assert answer.status_code == 200
        assert answer.data == (new / "naestved-integrationsraadet-referat-2017-02-23.md").read_bytes()


@pytest.mark.parametrize("cut", ["._stored.col", ".trm"])
def test_an_index_file_cut_short_is_damage_too_and_a_full_build_recovers(tmp_path, runner, cut):
    """A copy that stopped half-way: «uventet fejl (OSError: Invalid argument)» on every search,
    and --full failed too (code review)."""
    from indexer.cli import main

    corpus = seeds_in(tmp_path / "referater", ["naestved-integrationsraadet-referat-2015-05-21.txt",
                                              "naestved-integrationsraadet-referat-2017-02-23.md"])
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    (damaged,) = index_dir.glob(f"MAIN_*{cut}")
    damaged.write_bytes(damaged.read_bytes()[: damaged.stat().st_size // 2])
    searched = runner.invoke(main, ["search", "flygtninge", "--index-dir", str(index_dir)])
    assert searched.exit_code == 1 and "er beskadiget" in searched.output and "uventet" not in searched.output
    rebuilt = runner.invoke(main, ["index", str(corpus), "--full", "--index-dir", str(index_dir)])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert runner.invoke(main, ["search", "flygtninge", "--index-dir", str(index_dir)]).exit_code == 0


@pytest.mark.parametrize("column", ["municipality", "order", "_body_len"])
def test_a_deleted_column_file_is_damage_not_an_empty_facet(tmp_path, runner, column):
    """Whoosh reads a missing column file as a column nobody wrote: without the municipality
    column every facet count was gone, without «order» every hit sorted as undated, without the
    body lengths every score changed, and the search answered as if nothing were wrong."""
    from indexer.cli import main

    corpus = seeds_in(tmp_path / "referater", ["naestved-integrationsraadet-referat-2015-05-21.txt"])
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    (deleted,) = index_dir.glob(f"MAIN_*.{column}.col")
    deleted.unlink()
    searched = runner.invoke(main, ["search", "flygtninge", "--index-dir", str(index_dir)])
    assert searched.exit_code == 1, searched.output
    assert "er beskadiget" in searched.output and deleted.name in searched.output
    rebuilt = runner.invoke(main, ["index", str(corpus), "--full", "--index-dir", str(index_dir)])
    assert rebuilt.exit_code == 0, rebuilt.output
    answer = runner.invoke(main, ["search", "flygtninge", "--json", "--index-dir", str(index_dir)])
    assert answer.exit_code == 0 and json.loads(answer.output)["facets"]["municipality"] == {"Næstved": 3}


def test_a_segment_without_a_facet_value_has_no_column_file_and_is_not_damaged(tmp_path, runner):
    from indexer.cli import main

    corpus = tmp_path / "referater"
    corpus.mkdir()
    (corpus / "referat.txt").write_text("Integrationsrådet\nReferat 21.05.2015\n\n1. Godkendelse af dagsorden\n"
                                        "Beslutning: Godkendt.\n", encoding="utf-8")
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    assert not list(index_dir.glob("MAIN_*.case_handler.col"))  # no item names a case handler
    answer = runner.invoke(main, ["search", "dagsorden", "--json", "--index-dir", str(index_dir)])
    assert answer.exit_code == 0 and json.loads(answer.output)["total"] == 1


def test_waiting_for_another_writer_ends_when_its_lock_is_free(tmp_path):
    import threading

    from search.index_folder import storage_lock
    from webui.first_build import _wait_for_other_writer

    index_dir = tmp_path / "index"
    index_dir.mkdir()
    lock = storage_lock(index_dir)
    assert lock.acquire(blocking=False)
    done = threading.Event()
    waiter = threading.Thread(target=lambda: (_wait_for_other_writer(index_dir, poll=0.05), done.set()))
    waiter.start()
    assert not done.wait(0.3)  # still held: still waiting
    lock.release()
    assert done.wait(5)
    waiter.join()


def test_a_damaged_index_tells_visitors_and_the_administrator_the_remedy(tmp_path):
    from webui import create_app

    corpus = seeds_in(tmp_path / "referater", ["naestved-integrationsraadet-referat-2015-05-21.txt"])
    index_dir = tmp_path / "index"
    update_index([corpus], index_dir)
    (terms,) = index_dir.glob("MAIN_*.trm")
    terms.unlink()
    answer = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client().get("/api/search?q=x")
    assert answer.status_code == 503 and "referatsog index --full" in answer.get_json()["message"]


def test_an_index_written_before_first_indexed_times_answers_until_its_rebuild_adds_them(tmp_path, monkeypatch):
    """Release 0.2.0's index has no first-indexed column. Raising the schema version for it made
    the next run recreate the index empty, the site answering 503 for the whole rebuild; the
    upgrade's changed build stamp rebuilds aside instead, and that rebuild commits the column."""
    import indexer.pipeline
    import search.index
    import search.index_writer
    import search.schema
    from search import open_index
    from search.api import SearchRequest
    from search.schema import CHANGED_AT, FINGERPRINT, FIRST_INDEXED
    from webui import create_app

    def without_column():  # the writer leaves out what the schema it writes to lacks
        schema = build_schema()
        for name in (FIRST_INDEXED, CHANGED_AT, FINGERPRINT):
            schema.remove(name)
        return schema

    build_schema = search.schema.build_schema
    monkeypatch.setattr(search.index, "build_schema", without_column)
    monkeypatch.setattr(search.index_writer, "build_schema", without_column)
    monkeypatch.setattr(indexer.pipeline, "READING_VERSION", indexer.pipeline.READING_VERSION - 1)
    corpus = seeds_in(tmp_path / "corpus", ["naestved-integrationsraadet-referat-2015-05-21.txt",
                                          "naestved-integrationsraadet-referat-2017-02-23.md"])
    update_index([corpus], tmp_path / "index")  # as the release before wrote it
    monkeypatch.undo()

    with open_index(tmp_path / "index") as old:  # this code reads it as it is: searches and the feed answer
        assert FIRST_INDEXED not in old._ix.schema.names()
        total = old.search(SearchRequest(query="flygtninge")).total
        assert total > 0
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}).test_client()
    assert client.get("/feed", query_string={"q": "flygtninge"}).status_code == 200

    report = update_index([corpus], tmp_path / "index")  # the upgrade's run: a whole rebuild, not a recreation
    assert report.rebuilt_because
    with open_index(tmp_path / "index") as rebuilt:
        assert FIRST_INDEXED in rebuilt._ix.schema.names()
        assert rebuilt.search(SearchRequest(query="flygtninge")).total == total
        passages = [p for record in rebuilt.sources().values() for p in rebuilt.document(record["document_id"])]
        times = rebuilt.first_indexed([p.id for p in passages])
        assert len(times) == len(passages)
        # as of each item's meeting, as the feed listed them before: not the whole archive new at the upgrade
        assert {p.id: times[p.id].date().isoformat() for p in passages} == {p.id: p.meeting_date for p in passages}
