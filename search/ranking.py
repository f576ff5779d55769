"""Ranking beyond BM25F: routine and near-empty agenda items below substantive ones, agendas below minutes.

Every meeting has its "Godkendelse af dagsorden", "Eventuelt" and "Meddelelser"; they
mention a bit of everything and are rarely what a reporter looks for. For a topical query
their score is multiplied by `ROUTINE_FACTOR`, so they come after substantive items with
a similar score but are still found (never hidden). A query that asks for the routine item
itself (it contains every word of one routine title: "godkendelse af dagsorden",
"eventuelt") is ranked as usual.

A near-empty item (a title and hardly anything else: "Lukket punkt: Køb af ejendom" with
the decision "Godkendt.", or "Beslutninger om dagsordenen" with "-") has very short fields,
and BM25's length normalisation lifts a match in a short field: for `punkt` the closed
item ranked above "Rådets fokus punkter i 2017". An item with fewer than `THIN_WORDS`
indexed words besides its title (`body` holds the title too, so the count is the body's
length minus the title's, read from the field lengths the scorer uses: no reindex) is
scaled by `THIN_FACTOR`, for every query: ranked below items with a similar score, never
hidden. A routine item that is also near-empty gets both factors.

An agenda's item is the same item as its meeting's minutes' one without the decision: with
nearly the same text it scored as high or higher (a shorter body), and a reporter searching
`status på flygtninge` got the agenda first, the decision second. Agenda items are scaled by
`AGENDA_FACTOR`: below the minutes' item of a similar score, found all the same.

The factors are applied to BM25F scores, never inside Whoosh's scorer. Where every matching
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

from indexer.models import DAGSORDEN
from search import danish, schema, scoring
from search.facets import FACETS_BY_NAME
from search.analysis import DanishAnalyzer, analyze
from search.snapshot import Snapshot

ROUTINE_FACTOR = 0.5  # set from the relevance benchmark (docs/relevance.md)
THIN_WORDS = 10  # fewer indexed words than this besides the title: a near-empty item
THIN_FACTOR = 0.5  # docs/relevance.md, "Near-empty items"
AGENDA_FACTOR = 0.9  # docs/relevance.md, "Agenda and minutes"


@lru_cache(maxsize=1)
def routine_term_sets() -> tuple[frozenset[str], ...]:
    """The analysed terms of each routine title ("godkendelse af dagsorden" → {godkend, dagsord})."""
    analyzer = DanishAnalyzer()
    return tuple(frozenset(analyze(analyzer, title)) for title in schema.current_routine_titles())


danish.when_stems_change(routine_term_sets.cache_clear)  # the titles' terms are stems


def refresh_routine_titles() -> None:
    """Take the routine titles as their file now reads (`schema.current_routine_titles`, which
    keeps the last good reading): called for each new commit, so a site running across an edit
    tells a query asking for routine items by the list its rebuild was written with."""
    routine_term_sets.cache_clear()


def asks_for_routine(terms: Collection[str]) -> bool:
    """Whether a query's terms hold every term of some routine title.

    >>> asks_for_routine({"godkend", "dagsord"}), asks_for_routine({"eventuel"}), asks_for_routine({"flygtning"})
    (True, True, False)
    """
    return any(title and title <= set(terms) for title in routine_term_sets())


def top_scored(
    searcher: Searcher, snapshot: Snapshot, query: Query, hits: frozenset[int], restricted: bool, limit: int,
    factor: float = ROUTINE_FACTOR, ordered: np.ndarray | None = None,
) -> list[tuple[int, float]]:
    """The top `limit` (docnum, score) pairs among `hits`, routine passages' scores multiplied by
    `factor` and near-empty ones' by `THIN_FACTOR` (`prior`).

    `hits` are the documents the request matched; `restricted` says facet filters or
    `decisions_only` removed some of the query's matches from them. Scores are Whoosh's
    BM25F: computed in bulk for exactly `hits` (`search.scoring`); for queries that needs
    Whoosh's matchers for, by Whoosh: over the restricted hits only (`skip_to`), or by its
    collector with the re-fetch below. `ordered`: `hits` as an ascending array, if at hand.
    """
    if limit < 1 or not hits:
        return []
    weights = prior(searcher, snapshot, factor)
    scored = scoring.score_arrays(searcher, snapshot, query, hits, ordered)
    if scored is not None:
        docnums, scores = scored
        return scoring.best_of(docnums, scores, limit, None if weights is None else weights[docnums])
    if restricted:
        return scoring.best(scoring.subset_scores(searcher, query, hits), limit, prior=weights)
    return _collected(searcher, query, limit, weights)


def prior(searcher: Searcher, snapshot: Snapshot, factor: float = ROUTINE_FACTOR) -> np.ndarray | None:
    """Each document's multiplier (`factor` for a routine item, `THIN_FACTOR` for a near-empty
    one, both for both, 1.0 otherwise), by document number and kept per generation; None when
    every multiplier is 1.0."""

    def build() -> tuple[np.ndarray | None]:  # in a tuple: the snapshot builds again what is None
        size = searcher.doc_count_all()
        weights = np.ones(size, dtype=np.float64)
        if factor != 1.0:
            weights[snapshot.routine_mask(searcher)] *= factor
        if THIN_FACTOR != 1.0:
            weights[thin_mask(searcher, snapshot)] *= THIN_FACTOR
        if AGENDA_FACTOR != 1.0:
            weights[agenda_mask(searcher, snapshot)] *= AGENDA_FACTOR
        return (None if bool((weights == 1.0).all()) else weights,)

    return snapshot.kept(f"prior:{factor!r}:{THIN_WORDS}:{THIN_FACTOR!r}:{AGENDA_FACTOR!r}", build)[0]


def agenda_mask(searcher: Searcher, snapshot: Snapshot) -> np.ndarray:
    """Agenda items (document type «dagsorden») as a boolean per document number."""
    column = snapshot.facet_column(searcher, FACETS_BY_NAME["doc_type"])
    agenda = np.array([DAGSORDEN in labels for labels in column.labels], dtype=bool)
    mask = np.zeros(searcher.doc_count_all(), dtype=bool)
    mask[: len(column.ords_np)] = agenda[column.ords_np]
    return mask


def thin_mask(searcher: Searcher, snapshot: Snapshot) -> np.ndarray:
    """Near-empty passages: fewer than `THIN_WORDS` indexed words in `body` besides the title's.
    File records have no body and no title (both lengths read 1): never thin, never hits."""
    body = np.frombuffer(snapshot.field_lengths(searcher, "body"), dtype=np.uint32).astype(np.int64)
    title = np.frombuffer(snapshot.field_lengths(searcher, "title"), dtype=np.uint32).astype(np.int64)
    passages = snapshot.passages(searcher)
    mask = np.zeros(len(body), dtype=bool)
    mask[np.fromiter(passages, dtype=np.intp, count=len(passages))] = True
    return mask & (body - title < THIN_WORDS)


def _collected(searcher: Searcher, query: Query, limit: int, weights: np.ndarray | None) -> list[tuple[int, float]]:
    """Whoosh's collector: fetch the top `n` by score, scale them by their `weights` (each at most
    1.0), fetch more only when a passage outside the fetched `n` could still overtake (never when
    the `limit`-th scaled score is at least the lowest score fetched)."""
    fetch = limit if weights is None else 2 * limit + 10
    while True:
        results = searcher.search(query, limit=fetch)
        scored = [(hit.docnum, hit.score or 0.0) for hit in results]
        if weights is None:
            return scored
        scaled = sorted(((d, s * float(weights[d])) for d, s in scored), key=lambda pair: -pair[1])
        exhausted = len(scored) < fetch
        if exhausted or len(scaled) < limit or scaled[limit - 1][1] >= scored[-1][1]:
            return scaled[:limit]
        fetch *= 2
