"""Posting arrays beside the segments (`search.postings`): the same postings as Whoosh's blocks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from search import SearchRequest, open_index
from search import postings as posting_arrays
from search.snapshot import _leaf_postings, read_postings

from conftest import SEEDS

QUERIES = ["flygtninge", "integrationsrådet", "rådet godkendte", '"negativ social kontrol"', "bolig OR beskæftigelse"]


def _build(index_dir: Path, corpus: Path) -> None:
    from indexer.update import update_index

    report = update_index([corpus], index_dir)
    assert not report.skipped, report.skipped


def _answers(index_dir: Path) -> list[dict]:
    index = open_index(index_dir)
    try:
        return [index.search(SearchRequest(query=q, page_size=50)).to_json() for q in QUERIES]
    finally:
        index.close()


def _terms(reader, field: str) -> list[bytes]:
    return list(reader.lexicon(field))


@pytest.fixture
def changed_index(tmp_path: Path, monkeypatch) -> Path:
    """The seeds indexed, then one file edited and reindexed: two segments, one with deletions.
    Every term with a posting is recorded (threshold 1), so every term is compared."""
    monkeypatch.setattr(posting_arrays, "MIN_POSTINGS", 1)
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    index_dir = tmp_path / "index"
    _build(index_dir, corpus)
    edited = corpus / "naestved-integrationsraadet-referat-2015-05-21.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("flygtninge", "flygtningene"), encoding="utf-8")
    _build(index_dir, corpus)
    return index_dir


def test_every_segment_records_each_terms_ids_and_weights_as_whoosh_stores_them(changed_index: Path):
    index = open_index(changed_index)
    searcher = index._searcher()
    leaves = searcher.reader().leaf_readers()
    arrays = index._snapshot(searcher).posting_arrays(searcher)
    assert len(leaves) >= 2 and all(a is not None for a in arrays)
    assert any(leaf.has_deletions() for leaf, _ in leaves)
    compared = 0
    for (leaf, _offset), segment_arrays in zip(leaves, arrays):
        for field in ("title", "decision", "body", "municipality", "case_number"):
            for text in _terms(leaf, field):
                matcher = leaf._terms.matcher(field, text, leaf.schema[field].format)  # deletions included
                ids, weights = [], []
                while matcher.is_active():
                    ids.append(matcher.id())
                    weights.append(matcher.weight())
                    matcher.next()
                recorded = segment_arrays.get(field, text)
                assert recorded is not None, (field, text)
                assert list(recorded[0]) == ids and list(recorded[1]) == weights, (field, text)
                compared += 1
    assert compared > 2000
    index.close()


def test_postings_read_from_arrays_equal_postings_read_from_whooshs_blocks(changed_index: Path):
    """Offsets of later segments added, deleted documents left out: the same as before the arrays."""
    index = open_index(changed_index)
    searcher = index._searcher()
    arrays = index._snapshot(searcher).posting_arrays(searcher)
    reader = searcher.reader()
    compared = 0
    for field in ("title", "body", "topic"):
        for text in _terms(reader, field):
            fast = read_postings(searcher, field, text, arrays)
            slow = read_postings(searcher, field, text)
            assert (list(fast.ids), list(fast.weights)) == (list(slow.ids), list(slow.weights)), (field, text)
            compared += 1
    assert compared > 1000
    index.close()


def test_rare_terms_stay_in_whooshs_blocks_only(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(posting_arrays, "MIN_POSTINGS", 8)  # the seeds have ~60 passages
    _build(tmp_path / "index", SEEDS)
    index = open_index(tmp_path / "index")
    searcher = index._searcher()
    (leaf, _), = searcher.reader().leaf_readers()
    arrays = index._snapshot(searcher).posting_arrays(searcher)[0]
    common = rare = 0
    for text in _terms(leaf, "body"):
        count = len(_leaf_postings(leaf, "body", text, with_values=False)[0])
        if count >= posting_arrays.MIN_POSTINGS:
            assert arrays.get("body", text) is not None
            common += 1
        else:
            assert arrays.get("body", text) is None
            rare += 1
    assert common and rare
    index.close()


@pytest.mark.parametrize("damage", ["missing", "truncated", "garbage"])
def test_a_segment_without_readable_arrays_answers_from_whoosh_the_same(tmp_path: Path, damage: str, monkeypatch):
    """An index written before the arrays existed, or one whose arrays file is damaged."""
    monkeypatch.setattr(posting_arrays, "MIN_POSTINGS", 1)
    index_dir = tmp_path / "index"
    _build(index_dir, SEEDS)
    before = _answers(index_dir)
    (arrays_file,) = index_dir.glob(f"*{posting_arrays.EXTENSION}")
    if damage == "missing":
        arrays_file.unlink()
    elif damage == "truncated":
        data = arrays_file.read_bytes()
        assert len(data) > 10_000
        arrays_file.write_bytes(data[: len(data) // 2])
    else:
        arrays_file.write_bytes(b"x" * 4096)
    index = open_index(index_dir)
    searcher = index._searcher()
    assert index._snapshot(searcher).posting_arrays(searcher) == [None]
    index.close()
    assert _answers(index_dir) == before
    assert before[0]["total"] > 0


def test_arrays_go_with_their_segment(tmp_path: Path):
    """A full rebuild replaces the segments; Whoosh's clean-up deletes their arrays files too."""
    from indexer.update import update_index

    index_dir = tmp_path / "index"
    _build(index_dir, SEEDS)
    first = {p.name for p in index_dir.glob(f"*{posting_arrays.EXTENSION}")}
    update_index([SEEDS], index_dir, full=True)
    second = {p.name for p in index_dir.glob(f"*{posting_arrays.EXTENSION}")}
    assert first and second and not first & second



def test_passage_and_decision_sets_from_arrays_are_whooshs(changed_index: Path):
    """The per-generation sets read from the arrays (deletions in an older segment included)."""
    from whoosh.query import Term

    from search.schema import PASSAGE

    index = open_index(changed_index)
    searcher = index._searcher()
    snapshot = index._snapshot(searcher)
    assert any(a is not None and a.get("kind", PASSAGE.encode()) is not None for a in snapshot.posting_arrays(searcher))
    assert snapshot.passages(searcher) == frozenset(searcher.docs_for_query(Term("kind", PASSAGE)))
    assert snapshot.with_decision(searcher) == frozenset(searcher.docs_for_query(Term("has_decision", "1")))
    assert len(snapshot.passages(searcher)) > len(snapshot.with_decision(searcher)) > 0
    index.close()
