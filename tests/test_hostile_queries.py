"""Queries that cost a web worker far more than a search should: a made-up word of hundreds
of letters (split as a compound at every cut, each ending stemmed and remembered: 0.6 s and
280 MB per worker), and many truncated words (each walking thousands of index terms). A
review measured them against `referatsog serve`; these tests pin the bounds, not the times."""

from __future__ import annotations

import random

import pytest
from whoosh.reading import SegmentReader

from search import SearchRequest, danish, decompound
from search.compile import MAX_PREFIX_TERMS
from search.query import run_search
from search.syntax import MAX_PREFIXES, parse


def _made_up_word(letters: int, seed: int) -> str:
    chance = random.Random(seed)
    return "".join(chance.choice("æøå") for _ in range(letters))


def test_a_word_far_longer_than_any_compound_is_not_split():
    lexicon = decompound.default_lexicon()
    assert decompound.split("integrationsboligplaceringsudvalget", lexicon)  # a long real compound still is
    assert len("boligplacering" * 4) < decompound.MAX_COMPOUND < len("boligplacering" * 5)
    assert decompound.split("boligplacering" * 4, lexicon)
    assert decompound.split("boligplacering" * 5, lexicon) == ()  # 70 letters: no compound, not looked into


def test_long_made_up_words_leave_the_stem_memory_as_it_was(searcher):
    run_search(searcher, SearchRequest(query="flygtninge"))
    before = danish._cached_stem.cache_info().currsize
    for seed in range(20):
        response = run_search(searcher, SearchRequest(query=_made_up_word(499, seed)))
        assert response.total == 0
    assert danish._cached_stem.cache_info().currsize - before < 20 * 4  # no endings of each word kept
    # stemmed all the same, as the cached path stems a short word: «…erne» loses its ending
    long_word = "flygtning" * 50
    assert danish.stem(long_word + "erne") == danish.stem(long_word + "en") == danish.stem(long_word) == long_word


def test_more_than_four_different_truncated_words_search_the_rest_as_whole_words():
    parsed = parse("flygt* bolig* integr* beskæf* sprog* flygt*")
    prefixes = [clause.prefix for (clause,) in parsed.groups]
    assert prefixes == [True, True, True, True, False, True]  # a repeat is no new word
    assert parsed.groups[4][0].text == "sprog"
    assert any(f"mere end {MAX_PREFIXES} forskellige ord med *" in n for n in parsed.notices)


def test_a_repeated_truncated_word_walks_the_index_terms_once(searcher, monkeypatch):
    walks = []
    original = SegmentReader.iter_prefix

    def counted(self, fieldname, prefix):
        walks.append((fieldname, prefix))
        return original(self, fieldname, prefix)

    monkeypatch.setattr(SegmentReader, "iter_prefix", counted)
    response = run_search(searcher, SearchRequest(query=" ".join(["integrati*"] * 20)))
    once = run_search(searcher, SearchRequest(query="integrati*"))
    assert response.total == once.total > 0
    assert len([w for w in walks if w[1] == "integrati"]) <= 1  # remembered for this index generation
    assert len(once.hits[0].snippet) > 0 and MAX_PREFIX_TERMS >= 1


@pytest.mark.parametrize("query", ["år:2015-2017", "år:2015..2017", "år:[2015 TO 2017]", "year:{2017 TO 2015}",
                                   "år:2017 ELLER år:2015 ELLER år:2016"])
def test_a_range_of_years_finds_the_items_of_each_year(searcher, query):
    response = run_search(searcher, SearchRequest(query=query))
    years = {int(v.value) for v in response.facets["year"] if v.count}
    assert years and years <= {2015, 2016, 2017}
    assert response.total == sum(v.count for v in response.facets["year"])
    assert response.notice is None  # nothing ignored, no word searched


def test_a_range_of_years_can_be_left_out(searcher):
    everything = run_search(searcher, SearchRequest(query="flygtninge"))
    without = run_search(searcher, SearchRequest(query="flygtninge -år:2015..2017"))
    assert 0 < without.total < everything.total
    assert not {"2015", "2016", "2017"} & {v.value for v in without.facets["year"] if v.count}


def test_a_range_outside_the_years_a_period_may_have_is_ignored_and_said(searcher):
    response = run_search(searcher, SearchRequest(query="år:1800-2015"))
    assert "«1800-2015» er ikke et årstal og blev ignoreret." in response.notice


def test_a_range_of_years_the_index_does_not_have_says_so(searcher):
    # a silent zero: `år:1990` said its year is not in the index, `år:1990-1995` said nothing
    for query in ("år:1990-1995", "budget år:1990-1995"):
        response = run_search(searcher, SearchRequest(query=query))
        assert response.total == 0 and "År «1990-1995» findes ikke i søgeindekset." in response.notice


def test_many_ranges_of_years_read_the_years_once_each(searcher, monkeypatch):
    from search.facets import Facet

    calls = []
    original = Facet.user_query
    monkeypatch.setattr(Facet, "user_query", lambda self, reader, text: calls.append(text) or original(self, reader, text))
    response = run_search(searcher, SearchRequest(query=" ".join(["år:1900-2100"] * 30)))
    assert response.total > 0 and calls == []  # not once per year of each range (6,000 lookups)
