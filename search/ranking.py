"""Ranking beyond BM25F: routine agenda items below substantive ones for topical searches.

Every meeting has its "Godkendelse af dagsorden", "Eventuelt" and "Meddelelser"; they
mention a bit of everything and are rarely what a reporter looks for. For a topical query
their score is multiplied by `ROUTINE_FACTOR`, so they come after substantive items with
a similar score but are still found (never hidden). A query that asks for the routine item
itself (it contains every word of one routine title: "godkendelse af dagsorden",
"eventuelt") is ranked as usual.

The factor is applied to the top of Whoosh's ranking rather than inside its scorer, which
keeps Whoosh's block-quality skipping: fetch the top `n` by score, scale the routine ones,
and fetch more only when a passage outside the fetched `n` could still overtake (never
when the `limit`-th scaled score is at least the lowest score fetched).
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

from whoosh.query import Query
from whoosh.searching import Searcher

from search.analysis import DanishAnalyzer, analyze
from search.schema import routine_titles

ROUTINE_FACTOR = 0.5  # set from the relevance benchmark (docs/relevance.md)


@lru_cache(maxsize=1)
def routine_term_sets() -> tuple[frozenset[str], ...]:
    """The analysed terms of each routine title ("godkendelse af dagsorden" → {godkend, dagsord})."""
    analyzer = DanishAnalyzer()
    return tuple(frozenset(analyze(analyzer, title)) for title in routine_titles())


def asks_for_routine(terms: Collection[str]) -> bool:
    """Whether a query's terms hold every term of some routine title.

    >>> asks_for_routine({"godkend", "dagsord"}), asks_for_routine({"eventuelt"}), asks_for_routine({"flygtning"})
    (True, True, False)
    """
    return any(title and title <= set(terms) for title in routine_term_sets())


def top_scored(
    searcher: Searcher, query: Query, allowed: frozenset[int] | None, limit: int, factor: float = ROUTINE_FACTOR
) -> list[tuple[int, float]]:
    """The top `limit` (docnum, score) pairs, routine passages' scores multiplied by `factor`."""
    routine = searcher.reader().column_reader("routine") if factor != 1.0 else None
    fetch = limit if routine is None else 2 * limit + 10
    while True:
        results = searcher.search(query, limit=fetch, filter=set(allowed) if allowed is not None else None)
        scored = [(hit.docnum, hit.score or 0.0) for hit in results]
        if routine is None:
            return scored
        scaled = sorted(((d, s * factor if routine[d] else s) for d, s in scored), key=lambda pair: -pair[1])
        exhausted = len(scored) < fetch
        if exhausted or len(scaled) < limit or scaled[limit - 1][1] >= scored[-1][1]:
            return scaled[:limit]
        fetch *= 2
