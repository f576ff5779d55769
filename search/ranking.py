"""Ranking beyond BM25F: routine agenda items below substantive ones for topical searches.

Every meeting has its "Godkendelse af dagsorden", "Eventuelt" and "Meddelelser"; they
mention a bit of everything and are rarely what a reporter looks for. For a topical query
their score is multiplied by `ROUTINE_FACTOR`, so they come after substantive items with
a similar score but are still found (never hidden). A query that asks for the routine item
itself (it contains every word of one routine title: "godkendelse af dagsorden",
"eventuelt") is ranked as usual.

The factor is applied to BM25F scores, never inside Whoosh's scorer. Where every matching
document is scored (`search.scoring`, the usual path) the routine ones are simply scaled
before taking the top; where Whoosh's collector ranks (queries the bulk scorer leaves to
Whoosh), the top `n` by score is fetched, the routine ones scaled, and more fetched only
when a passage outside the fetched `n` could still overtake (never when the `limit`-th
scaled score is at least the lowest score fetched). Equal scaled scores keep Whoosh's
order: the higher unscaled score first, then the lower document number.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

import numpy as np
from whoosh.query import Query
from whoosh.searching import Searcher

from search import scoring
from search.analysis import DanishAnalyzer, analyze
from search.schema import routine_titles
from search.snapshot import Snapshot

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
    searcher: Searcher, snapshot: Snapshot, query: Query, hits: frozenset[int], restricted: bool, limit: int,
    factor: float = ROUTINE_FACTOR, ordered: np.ndarray | None = None,
) -> list[tuple[int, float]]:
    """The top `limit` (docnum, score) pairs among `hits`, routine passages' scores multiplied by `factor`.

    `hits` are the documents the request matched; `restricted` says facet filters or
    `decisions_only` removed some of the query's matches from them. Scores are Whoosh's
    BM25F: computed in bulk for exactly `hits` (`search.scoring`); for queries that needs
    Whoosh's matchers for, by Whoosh: over the restricted hits only (`skip_to`), or by its
    collector with the re-fetch below. `ordered`: `hits` as an ascending array, if at hand.
    """
    if limit < 1 or not hits:
        return []
    routine = snapshot.routine(searcher) if factor != 1.0 else frozenset()
    scored = scoring.score_arrays(searcher, snapshot, query, hits, ordered)
    if scored is not None:
        docnums, scores = scored
        is_routine = snapshot.routine_mask(searcher)[docnums] if factor != 1.0 else np.zeros(len(docnums), dtype=bool)
        return scoring.best_of(docnums, scores, limit, is_routine, factor)
    if restricted:
        return scoring.best(scoring.subset_scores(searcher, query, hits), limit, routine, factor)
    return _collected(searcher, query, limit, routine, factor)


def _collected(searcher: Searcher, query: Query, limit: int, routine: frozenset[int], factor: float) -> list[tuple[int, float]]:
    """Whoosh's collector: fetch the top `n` by score, scale the routine ones, fetch more only when
    a passage outside the fetched `n` could still overtake (never when the `limit`-th scaled
    score is at least the lowest score fetched)."""
    fetch = limit if factor == 1.0 else 2 * limit + 10
    while True:
        results = searcher.search(query, limit=fetch)
        scored = [(hit.docnum, hit.score or 0.0) for hit in results]
        if factor == 1.0:
            return scored
        scaled = sorted(((d, s * factor if d in routine else s) for d, s in scored), key=lambda pair: -pair[1])
        exhausted = len(scored) < fetch
        if exhausted or len(scaled) < limit or scaled[limit - 1][1] >= scored[-1][1]:
            return scaled[:limit]
        fetch *= 2
