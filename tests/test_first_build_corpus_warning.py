"""`serve`'s startup check of the corpus folder reads the index through the search API
(`SearchIndex.source_files`) and one `inside_corpus` rule, and only an index it cannot read
(the API's errors, the file system's) silences it: a bug in the check is not a quiet "no
warning" (code review, finding 6)."""

from __future__ import annotations

import shutil

import pytest

from conftest import SEEDS
from webui.corpus_paths import inside_corpus
from webui.first_build import corpus_warning


def test_source_files_names_where_the_first_files_were_read_from(seed_index):
    every = sorted(SEEDS / source for source in seed_index.sources())
    assert sorted(seed_index.source_files(100)) == every
    first = seed_index.source_files(2)
    assert len(first) == 2 and set(first) <= set(every)
    assert seed_index.source_files(0) == []


def test_the_warning_reads_a_few_records_and_names_a_wrong_folder(seed_index_dir, tmp_path):
    other = tmp_path / "andre"
    other.mkdir()
    assert corpus_warning(seed_index_dir, SEEDS) is None
    assert corpus_warning(seed_index_dir, other) == (
        f"Advarsel: kildemappen {other} rummer ingen af søgeindeksets kildefiler – "
        "links til kildefilerne vil svare 404 (angiv --corpus).")


def test_an_index_that_cannot_be_read_gives_no_warning(tmp_path):
    # no index, or an empty folder: the site says so itself when it is asked
    assert corpus_warning(tmp_path / "intet-indeks", SEEDS) is None
    (tmp_path / "tom").mkdir()
    assert corpus_warning(tmp_path / "tom", SEEDS) is None


def test_a_fault_in_the_check_is_not_swallowed(seed_index_dir, monkeypatch):
    from search.index import SearchIndex

    def broken(self, limit, corpus=None):
        raise KeyError("root")  # a stored record of another shape: a bug to see, not "no warning"

    monkeypatch.setattr(SearchIndex, "source_files", broken)
    with pytest.raises(KeyError):
        corpus_warning(seed_index_dir, SEEDS)


def test_inside_corpus_is_a_regular_file_under_the_folder_links_resolved(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    outside = tmp_path / "udenfor.txt"
    outside.write_text("hemmeligt", encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside)
    (corpus / "ring.txt").symlink_to(corpus / "ring.txt")
    seed = next(p for p in corpus.iterdir() if p.is_file())

    assert inside_corpus(seed, corpus)
    assert not inside_corpus(corpus / "link.txt", corpus)  # leads out of the corpus
    assert not inside_corpus(corpus / "ring.txt", corpus)
    assert not inside_corpus(corpus / "findes-ikke.txt", corpus)
    assert not inside_corpus(corpus, corpus)  # a folder is no source file
    assert not inside_corpus(outside, corpus)
