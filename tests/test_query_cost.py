"""What a query of many unknown words costs is bounded by the work done, not by how many such
words it has (a review, 2026-12: 32 invented compounds or misspelt words cost up to 1.1 s each
on 100k passages, ~10 ms typical). Counted, never timed: the lists of the index's words spelt
backwards, which finding compounds by their last part needs, are read once per generation of
the index, however full the term cache; and a search that found nothing looks for the parts
of at most `suggest.MAX_WORDS` of its words, while the first ones are still answered as
before. On the benchmark corpus (`searcher`, as `referatsog eval`)."""

from __future__ import annotations

import pytest
from whoosh.reading import SegmentReader

from search import SearchRequest, suggest
from search.query import run_search
from search.snapshot import Snapshot

# Words no passage holds, long enough to be looked into for parts, that no part or close
# spelling of the benchmark corpus matches.
INVENTED = ["qzxwvkjhq", "xkcdqwpzv", "vbnqzxkjw", "jqxzvkwpq", "wqzxjkvbn", "zxqjwvkpt", "kqzxwjvbt",
            "pqzxwjvkt", "tqzxwjvkp", "bqzxwjvkt", "nqzxwjvkt"]


@pytest.fixture
def lexicon_reads(monkeypatch):
    """How many times a segment's terms of the body field were read from start to end."""
    reads = []
    original = SegmentReader.lexicon

    def counted(self, fieldname):
        if fieldname == "body":
            reads.append(fieldname)
        return original(self, fieldname)

    monkeypatch.setattr(SegmentReader, "lexicon", counted)
    return reads


def test_the_words_spelt_backwards_are_read_once_for_many_queries_even_with_a_full_term_cache(searcher, lexicon_reads):
    # A term cache too small to hold anything: what it evicts was read again by every query.
    snapshot = Snapshot(searcher.reader().generation() or 0, cache_bytes=1)
    segments = len(searcher.reader().leaf_readers())
    for query in ("garanti", "spisning", "lejr", "garanti spisning", "lejr"):
        response = run_search(searcher, SearchRequest(query=query), snapshot)
        assert response.approximate and "fundet som del af sammensatte ord" in response.notice
    assert len(lexicon_reads) == segments  # one pass over each segment's terms, for all five
    # kept beside the term cache, its memory counted: some 70 bytes a word
    letters = "abcdefghijklmnopqrstuvwxyzæøå"
    words = sum(len(suggest._reversed_vocabulary(searcher, "body", letter, snapshot)) for letter in letters)
    assert 60 * words < snapshot.kept_bytes["reversed-vocabulary:body"] < 100 * words + 2_000
    assert len(lexicon_reads) == segments


def test_the_compounds_of_a_word_are_found_as_before_with_the_words_kept(searcher):
    snapshot = Snapshot(searcher.reader().generation() or 0, cache_bytes=1)
    response = run_search(searcher, SearchRequest(query="garanti"), snapshot)
    assert response.notice == "«garanti» fundet som del af sammensatte ord: «kommunegaranti»."
    assert response.hits[0].title == "Ansøgning om kommunegaranti til Ravnsø Idrætsforening"


@pytest.fixture
def looked_into(monkeypatch) -> list[str]:
    """The words `suggest.word_part` is asked to look into, in order."""
    words: list[str] = []
    original = suggest.word_part

    def counted(searcher, word, field="body"):
        words.append(word)
        return original(searcher, word, field)

    monkeypatch.setattr(suggest, "word_part", counted)
    return words


def test_a_zero_with_many_unknown_words_looks_for_parts_of_the_first_ones_only(searcher, looked_into):
    query = " ".join(["skolelukning", *INVENTED])  # 12 words no text holds
    response = run_search(searcher, SearchRequest(query=query))
    assert response.total == 0
    assert looked_into[:suggest.MAX_WORDS] == ["skolelukning", *INVENTED[:suggest.MAX_WORDS - 1]]
    # the query offered instead ("skole …", whose first word the texts hold) is looked into the
    # same way, when it is counted: its first eight unknown words; the last three words typed never
    assert looked_into[suggest.MAX_WORDS:] == INVENTED[:suggest.MAX_WORDS]
    assert not set(looked_into) & set(INVENTED[suggest.MAX_WORDS:])
    # the first word still has its part offered and said, as when it is typed alone
    assert "«skolelukning» står ikke i teksterne, heller ikke som del af længere ord; " \
           "ordets første del, «skole», gør." in response.notice


def test_words_the_texts_hold_or_too_short_to_be_compounds_do_not_count_against_the_limit(searcher, looked_into):
    # eight short invented words first: too short to be looked into, they leave room for the last
    query = " ".join(["qzxw", "xkcq", "vbnq", "jqxz", "wqzx", "zxqj", "kqzx", "pqzx", "skolelukning"])
    response = run_search(searcher, SearchRequest(query=query))
    assert response.total == 0
    assert set(looked_into) == {"skolelukning"}
    assert "ordets første del, «skole», gør." in response.notice
