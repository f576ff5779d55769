"""Code review 13, the search layer: a running site's variants after a stem-list edit and rebuild
(finding 3), a scored field's length file cut short (finding 5), and a current index's later
columns deleted (finding 8)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import built_index, cut_short, damage_said, run, seeds_in
from indexer.update import update_index
from search import SearchRequest, danish
from search.index import _refresh_data_files, open_index

ROOT = Path(__file__).resolve().parents[1]
NAMES = ["roskilde-integrationsraadet-referat-2026-06-04.txt", "naestved-integrationsraadet-referat-2017-02-23.md"]


def _built(tmp_path: Path) -> tuple[Path, Path]:
    return built_index(tmp_path, NAMES)


_cut = cut_short
_damage_said = damage_said


# Finding 3


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    """A `$REFERATSOG_DATA` folder with a copy of the stem list, which this process reads too; the
    shipped list again after."""
    data = tmp_path / "data"
    data.mkdir()
    copy = data / "stem_exclusions.txt"
    shutil.copy(danish._EXCLUSIONS_FILE, copy)
    monkeypatch.setattr(danish, "_EXCLUSIONS_FILE", copy)
    monkeypatch.setattr(danish, "_exclusions_read", danish.file_stamp(copy))
    yield data
    monkeypatch.undo()
    danish._exclusions_read = None  # read the shipped file again
    _refresh_data_files()


def _in_fresh_process(data: Path, script: str, *args: str) -> str:
    env = {**os.environ, "REFERATSOG_DATA": str(data), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", script, *args], env=env, cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout


def test_a_stem_list_edit_and_rebuild_reach_a_running_sites_variants(tmp_path, data_folder):
    """The site kept the variants table stemmed the old way: «forperson» found 2 items, the
    command line 8, until variants.txt itself was touched."""
    corpus, index_dir = _built(tmp_path)
    count = ("import sys; from search import open_index, SearchRequest; "
             "print(open_index(sys.argv[1]).search(SearchRequest(query='forperson')).total)")
    with open_index(index_dir) as site:
        before = site.search(SearchRequest(query="forperson")).total
        assert before > 1  # «formand» and «forkvinde» found too
        with (data_folder / "stem_exclusions.txt").open("a", encoding="utf-8") as edit:
            edit.write("forperson -> forpersonstilling\n")
        # `referatsog index` in its own process: the edit forces a whole rebuild
        _in_fresh_process(data_folder, "import sys; from pathlib import Path; from indexer.update import update_index; "
                          "print(update_index([Path(sys.argv[1])], Path(sys.argv[2])).rebuilt_because)",
                          str(corpus), str(index_dir))
        fresh = int(_in_fresh_process(data_folder, count, str(index_dir)))
        assert fresh == before  # the variants still find each other under the new stem
        assert site.search(SearchRequest(query="forperson")).total == fresh
        assert danish.stem("forperson") == "forpersonstilling"  # the site read the new list


# Finding 5


@pytest.mark.parametrize("field", ["title", "decision", "present"])
def test_a_scored_fields_length_file_cut_short_is_damage_named_at_opening(tmp_path, runner, field):
    """A title's length file cut short opened as healthy, `index` said nothing, and a search
    reaching the cut said «dets filer kan ikke læses», naming no file."""
    from webui import create_app

    corpus, index_dir = _built(tmp_path)
    (cut,) = index_dir.glob(f"MAIN_*._{field}_len.col")
    _cut(cut, 3)
    _damage_said(run(runner, "search", "budget", "--index-dir", index_dir), index_dir, cut.name)
    _damage_said(run(runner, "index", corpus, "--index-dir", index_dir), index_dir, cut.name)
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()
    assert client.get("/healthz").status_code == 503
    assert run(runner, "index", corpus, "--full", "--index-dir", index_dir).exit_code == 0
    assert run(runner, "search", "budget", "--index-dir", index_dir).exit_code == 0


def test_a_length_file_cut_where_no_opening_check_reaches_is_named_by_the_search(tmp_path, runner, monkeypatch):
    """Beyond the opening check's reach, the scorer meets the missing length: the file is named."""
    import search.segment_files

    corpus, index_dir = _built(tmp_path)
    (cut,) = index_dir.glob("MAIN_*._decision_len.col")
    _cut(cut, 3)
    monkeypatch.setattr(search.segment_files, "check_field_lengths", lambda leaf, schema: None, raising=False)
    _damage_said(run(runner, "search", "rådet", "--index-dir", index_dir), index_dir, cut.name)


def test_an_intact_index_whose_last_passages_lack_a_field_opens(tmp_path):
    """Passages without a decision or attendance are no damage (no length, and no term either)."""
    corpus = seeds_in(tmp_path / "referater", ["naestved-integrationsraadet-aarsberetning-2019.txt"])
    update_index([corpus], tmp_path / "index")
    with open_index(tmp_path / "index") as index:
        assert index.search(SearchRequest(query="integrationsrådet")).total > 0


# Finding 8


@pytest.mark.parametrize("column", ["first_indexed", "changed_at", "fingerprint"])
def test_a_current_indexs_later_column_deleted_is_damage_naming_it(tmp_path, runner, column):
    """Read as a column nobody wrote: every hit's `first_indexed` null and the feed ordered by
    meeting date, silently, where a deleted `order.col` is damage."""
    from webui import create_app

    corpus, index_dir = _built(tmp_path)
    assert json.loads((index_dir / "referatsog-index.json").read_text(encoding="utf-8"))["schema_version"] == 13
    (gone,) = index_dir.glob(f"MAIN_*.{column}.col")
    gone.unlink()
    _damage_said(run(runner, "search", "budget", "--index-dir", index_dir), index_dir, gone.name)
    _damage_said(run(runner, "index", corpus, "--index-dir", index_dir), index_dir, gone.name)
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()
    assert client.get("/feed", query_string={"q": "budget"}).status_code == 503
    assert run(runner, "index", corpus, "--full", "--index-dir", index_dir).exit_code == 0
    assert run(runner, "search", "budget", "--index-dir", index_dir).exit_code == 0


def test_an_index_written_before_the_changed_columns_still_opens(tmp_path, monkeypatch):
    """An index of this schema version written with `first_indexed` but before `changed_at` and
    `fingerprint` (its pickled schema lacks them) is no damage: it answers until its rebuild."""
    import search.index
    import search.index_writer
    import search.schema
    from search.schema import CHANGED_AT, FINGERPRINT

    def without_columns():
        schema = build_schema()
        for name in (CHANGED_AT, FINGERPRINT):
            schema.remove(name)
        return schema

    build_schema = search.schema.build_schema
    monkeypatch.setattr(search.index, "build_schema", without_columns)
    monkeypatch.setattr(search.index_writer, "build_schema", without_columns)
    corpus, index_dir = _built(tmp_path)
    monkeypatch.undo()
    assert not list(index_dir.glob("MAIN_*.changed_at.col")) and list(index_dir.glob("MAIN_*.first_indexed.col"))
    with open_index(index_dir) as index:
        assert index.search(SearchRequest(query="budget")).total > 0
