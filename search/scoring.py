"""Whoosh's BM25F scores for a known set of documents, computed over whole posting lists.

Whoosh ranks by walking a tree of matchers in Python, a few method calls per matching
document and query term: at 100k passages a three-word query spent ~400 ms there scoring
6,800 matches through three field matchers per word (docs/engine-performance.md). Here the
same scores are computed in bulk, for exactly the documents a search already knows match
(its matching set, after facet filters):

1. For each segment, Whoosh itself builds the matcher tree of the query (`query.matcher`),
   as its collector would: which fields and terms, which boosts, and in which order the
   partial scores are added (Whoosh orders the tree by term frequency, per segment). The
   tree becomes a plan (`_plan`); a matcher this module does not know makes the whole
   query fall back to Whoosh (`score_arrays` returns None).
2. A term's score for a document is Whoosh's `bm25(idf, weight, length, avgfl, B, K1)`
   with the constants taken from Whoosh's own scorer object; the weights come from the
   term's cached postings (`Snapshot.postings`) and the lengths from a per-generation
   array, so each partial score is computed by the same float operations as Whoosh's.
3. Partial scores are added following the plan's tree (sums of floats depend on their
   order), so every document gets the score Whoosh would give it, bit for bit.

Phrases are scored as Whoosh scores them (the sum of their words' BM25F in the field),
restricted to the documents where the phrase occurs in that field (`Snapshot.docs`).

A segment where the candidates are a fair share of its documents (a common word) is
evaluated over numpy arrays indexed by document (`_dense`), other segments candidate by
candidate in dictionaries (`_evaluate`); numpy's float64 additions and multiplications are
the same IEEE operations as Python's, done in the same order, so both give the same bits.
The best `limit` are then picked in numpy too (`best_of`).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Collection, Iterable
from itertools import compress
from typing import Any

import numpy as np
from whoosh.matching import (
    ArrayUnionMatcher,
    FilterMatcher,
    IntersectionMatcher,
    NullMatcherClass,
    UnionMatcher,
    WrappingMatcher,
)
from whoosh.query import Phrase, Query
from whoosh.query.spans import SpanNear2
from whoosh.scoring import BM25FScorer, WeightScorer
from whoosh.searching import Searcher

from search.facets import sorted_docnums
from search.snapshot import Snapshot

Scores = dict[int, float]


class Unsupported(Exception):
    """The query's matcher tree holds a matcher this module does not evaluate."""


def all_scores(searcher: Searcher, snapshot: Snapshot, query: Query, candidates: Collection[int]) -> Scores | None:
    """Whoosh's score of every document of `candidates` that `query` matches, or None (a
    dictionary view of `score_arrays`, which the search itself uses)."""
    scored = score_arrays(searcher, snapshot, query, candidates)
    if scored is None:
        return None
    docnums, scores = scored
    return dict(zip(docnums.tolist(), scores.tolist()))


def score_arrays(
    searcher: Searcher, snapshot: Snapshot, query: Query, candidates: Collection[int], ordered: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray] | None:
    """`all_scores` as arrays: the matching candidates' document numbers, ascending, and their
    scores; None when the query needs Whoosh's own matchers. `ordered`: the candidates as an
    ascending array, when the caller has one.

    A segment where candidates are a fair share of the documents (a common word) is scored
    densely, with numpy arrays over the segment's documents (`_dense`); otherwise sparsely,
    candidate by candidate or posting by posting (`_evaluate`). Both add the same floats in
    the same order.
    """
    if ordered is None:
        ordered = sorted_docnums(candidates, searcher.doc_count_all())
    context = searcher.context()
    parts: list[tuple[np.ndarray, np.ndarray]] = []
    try:
        for leaf, offset in searcher.leaf_searchers():
            end = offset + leaf.doc_count_all()
            first, last = np.searchsorted(ordered, (offset, end)).tolist()
            if first == last:
                continue
            plan = _segment_plan(snapshot, query, leaf, offset, context)
            if (last - first) * DENSE_SHARE >= end - offset:
                wanted = np.zeros(end - offset, dtype=bool)
                wanted[ordered[first:last] - offset] = True
                mask, values = _dense(plan, searcher, snapshot, wanted, offset, end)
                found = np.flatnonzero(mask)
                parts.append((found + offset, values[found]))
            else:
                local = ordered[first:last].tolist()
                scores = _evaluate(plan, searcher, snapshot, local, set(local), offset, end)
                docnums = sorted(scores)
                parts.append((np.array(docnums, dtype=np.intp), np.array([scores[d] for d in docnums], dtype=np.float64)))
    except Unsupported:
        return None
    if not parts:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float64)
    return np.concatenate([d for d, _ in parts]), np.concatenate([s for _, s in parts])


def best(scores: Scores, limit: int, prior: np.ndarray | None = None) -> list[tuple[int, float]]:
    """The `limit` best (docnum, score), each scaled by its `prior` (a multiplier per document
    number, `ranking.prior`; None for 1.0), in Whoosh's order for equal scores."""
    docnums = np.fromiter(scores, dtype=np.intp, count=len(scores))
    values = np.fromiter(scores.values(), dtype=np.float64, count=len(scores))
    return best_of(docnums, values, limit, None if prior is None else prior[docnums])


def best_of(docnums: np.ndarray, scores: np.ndarray, limit: int, weights: np.ndarray | None = None) -> list[tuple[int, float]]:
    """`best` over arrays (`weights`: each score's multiplier, aligned with `docnums`, None for
    1.0): the scaled scores and the `limit`-th best of them in numpy, the few at or above it
    sorted in Python. Equal scaled scores: the higher unscaled score first, then the lower
    document number."""
    if limit < 1 or not len(docnums):
        return []
    scaled = scores * weights if weights is not None else scores
    if len(scaled) > limit:
        floor = np.partition(scaled, len(scaled) - limit)[len(scaled) - limit]
        keep = np.flatnonzero(scaled >= floor)
        docnums, scaled, scores = docnums[keep], scaled[keep], scores[keep]
    ranked = sorted(zip(docnums.tolist(), scaled.tolist(), scores.tolist()), key=lambda t: (-t[1], -t[2], t[0]))
    return [(d, s) for d, s, _ in ranked[:limit]]


# Plans: ("term", field, text, scorer) | ("scale", boost, child) | ("union", a, b)
#        | ("fold", boost, children) | ("and", a, b) | ("phrase", field, words, slop, child) | ("none",)


def _live(m: Any) -> Any:
    """`m` without the wrapper Whoosh puts around a leaf in a segment with deletions (the
    documents scored are live ones only, so the exclusion it adds never applies)."""
    while type(m) is FilterMatcher and m._exclude:
        m = m.child
    return m


def _segment_plan(snapshot: Snapshot, query: Query, leaf: Any, offset: int, context: Any) -> tuple:
    """The plan of `query` in the segment at `offset`, kept per generation: building Whoosh's
    matcher tree opens a matcher per field and term and reads each one's first block (~2 ms
    per segment for one word at 100k), and a generation's plans never change (raises
    Unsupported, also when remembered)."""

    def build() -> tuple:
        try:
            return _plan(query.matcher(leaf, context))
        except Unsupported as error:
            return ("unsupported", str(error))

    plan = snapshot.cache.get(("plan", query, offset), build, lambda _plan: 2_000)
    if plan[0] == "unsupported":
        raise Unsupported(plan[1])
    return plan


def _plan(m: Any) -> tuple:
    """The evaluation plan of one segment's matcher tree (raises Unsupported)."""
    m = _live(m)
    cls = type(m)
    if isinstance(m, NullMatcherClass):
        return ("none",)
    if cls is WrappingMatcher:
        child = _plan(m.child)
        return child if m.boost == 1.0 else ("scale", m.boost, child)
    if cls is UnionMatcher:
        return ("union", _plan(m.a), _plan(m.b))
    if cls is IntersectionMatcher:
        return ("and", _plan(m.a), _plan(m.b))
    if cls is ArrayUnionMatcher and m._scored:
        return ("fold", m._boost, tuple(_plan(sub) for sub in m._submatchers))
    if cls is SpanNear2.SpanNear2Matcher and m.ordered and m.mindist == 1:
        words = []
        for sub in map(_live, m.ms):
            term = sub.term() if hasattr(sub, "term") else None
            if term is None:
                raise Unsupported(repr(sub))
            words.append(term)
        fields = {f for f, _ in words}
        if len(fields) != 1:
            raise Unsupported(repr(m))
        return ("phrase", fields.pop(), tuple(t for _, t in words), m.slop, _plan(m.child))
    term = m.term() if hasattr(m, "term") and m.is_leaf() else None
    if term is not None:
        scorer = getattr(m, "scorer", None)
        if type(scorer) is BM25FScorer:
            return ("term", term[0], term[1], (scorer.idf, scorer.avgfl, scorer.B, scorer.K1))
        if type(scorer) is WeightScorer:
            return ("term", term[0], term[1], None)
    raise Unsupported(repr(m))


def _evaluate(
    plan: tuple, searcher: Searcher, snapshot: Snapshot, local: list[int], wanted: Collection[int], start: int, end: int
) -> Scores:
    """Scores of the documents of `local` (sorted, all in [start, end); `wanted`: the same as a set) that the plan matches."""
    kind = plan[0]
    if kind == "none":
        return {}
    if kind == "term":
        return _term_scores(plan, searcher, snapshot, local, wanted, start, end)
    if kind == "scale":
        boost = plan[1]
        return {d: s * boost for d, s in _evaluate(plan[2], searcher, snapshot, local, wanted, start, end).items()}
    if kind == "union":
        a = _evaluate(plan[1], searcher, snapshot, local, wanted, start, end)
        b = _evaluate(plan[2], searcher, snapshot, local, wanted, start, end)
        if len(a) < len(b):
            a, b = b, a  # a + b == b + a for floats: only the grouping of sums matters
        out = dict(a)
        for d, s in b.items():
            out[d] = out[d] + s if d in out else s
        return out
    if kind == "and":
        a = _evaluate(plan[1], searcher, snapshot, local, wanted, start, end)
        if not a:
            return {}
        b = _evaluate(plan[2], searcher, snapshot, local, wanted, start, end)
        if len(a) > len(b):
            a, b = b, a
        return {d: s + b[d] for d, s in a.items() if d in b}
    if kind == "fold":  # Whoosh's ArrayUnionMatcher: 0 + s1*boost + s2*boost + ... in sub order
        boost = plan[1]
        out: Scores = {}
        for sub in plan[2]:
            for d, s in _evaluate(sub, searcher, snapshot, local, wanted, start, end).items():
                out[d] = out.get(d, 0) + s * boost
        return {d: s for d, s in out.items() if s > 0}
    if kind == "phrase":
        _, field, words, slop, child = plan
        phrase_docs = snapshot.docs(searcher, Phrase(field, [_text(w) for w in words], slop=slop))
        inside = [d for d in local if d in phrase_docs]
        if not inside:
            return {}
        return _evaluate(child, searcher, snapshot, inside, set(inside), start, end)
    raise Unsupported(kind)  # pragma: no cover


def _text(word: str | bytes) -> str:
    return word.decode("utf-8") if isinstance(word, bytes) else word


def _term_scores(
    plan: tuple, searcher: Searcher, snapshot: Snapshot, local: list[int], wanted: Collection[int], start: int, end: int
) -> Scores:
    _, field, text, params = plan
    postings, values = _term_postings(snapshot, searcher, field, _text(text), params)
    lo, hi = postings.leaf(start, end)
    if lo == hi:
        return {}
    ids = postings.ids
    if len(local) * 16 < hi - lo:  # few candidates: find each in the postings
        out = {}
        for d in local:
            i = bisect_left(ids, d, lo, hi)
            if i < hi and ids[i] == d:
                out[d] = values[i]
        return out
    section = ids[lo:hi]  # many: keep the postings of wanted documents, in C
    return dict(compress(zip(section, values[lo:hi]), map(wanted.__contains__, section)))


def _term_postings(snapshot: Snapshot, searcher: Searcher, field: str, text: str, params: tuple | None) -> tuple[Any, array]:
    """A term's postings and its score in each of them (both cached per generation)."""
    postings = snapshot.postings(searcher, field, text)
    values = snapshot.cache.get(("bm25", field, text, params), lambda: _term_bm25(snapshot, searcher, field, postings, params),
                                lambda v: 8 * len(v) + 100)
    return postings, values


# A segment is scored densely when at least 1/DENSE_SHARE of its documents are candidates:
# there a few vectorised passes over the segment cost less than dictionaries of candidates.
DENSE_SHARE = 64


def _dense(
    plan: tuple, searcher: Searcher, snapshot: Snapshot, wanted: np.ndarray, start: int, end: int
) -> tuple[np.ndarray, np.ndarray]:
    """`_evaluate` over arrays indexed by document number - `start`: which of the `wanted`
    documents the plan matches, and their scores (0.0 where it does not match, so that a
    sum with a partial score that is absent adds 0.0, which leaves every float as it was)."""
    kind = plan[0]
    size = end - start
    if kind == "term":
        _, field, text, params = plan
        postings, values = _term_postings(snapshot, searcher, field, _text(text), params)
        lo, hi = postings.leaf(start, end)
        mask, scores = np.zeros(size, dtype=bool), np.zeros(size, dtype=np.float64)
        if lo < hi:
            ids = np.frombuffer(postings.ids, dtype=np.dtype(f"u{postings.ids.itemsize}"))[lo:hi].astype(np.intp) - start
            keep = wanted[ids]
            mask[ids[keep]] = True
            scores[ids[keep]] = np.frombuffer(values, dtype=np.float64)[lo:hi][keep]
        return mask, scores
    if kind == "scale":
        mask, scores = _dense(plan[2], searcher, snapshot, wanted, start, end)
        return mask, scores * plan[1]
    if kind == "union":
        mask_a, scores_a = _dense(plan[1], searcher, snapshot, wanted, start, end)
        mask_b, scores_b = _dense(plan[2], searcher, snapshot, wanted, start, end)
        return mask_a | mask_b, scores_a + scores_b
    if kind == "and":
        mask_a, scores_a = _dense(plan[1], searcher, snapshot, wanted, start, end)
        mask_b, scores_b = _dense(plan[2], searcher, snapshot, wanted, start, end)
        mask = mask_a & mask_b
        return mask, np.where(mask, scores_a + scores_b, 0.0)
    if kind == "fold":  # 0 + s1*boost + s2*boost + ... in sub order
        boost = plan[1]
        present, total = np.zeros(size, dtype=bool), np.zeros(size, dtype=np.float64)
        for sub in plan[2]:
            mask, scores = _dense(sub, searcher, snapshot, wanted, start, end)
            present |= mask
            total = total + scores * boost
        mask = present & (total > 0)
        return mask, np.where(mask, total, 0.0)
    if kind == "phrase":
        _, field, words, slop, child = plan
        phrase_docs = snapshot.docs(searcher, Phrase(field, [_text(w) for w in words], slop=slop))
        found = np.fromiter(phrase_docs, dtype=np.intp, count=len(phrase_docs))
        inside = np.zeros(size, dtype=bool)
        inside[found[(found >= start) & (found < end)] - start] = True
        return _dense(child, searcher, snapshot, wanted & inside, start, end)
    if kind == "none":
        return np.zeros(size, dtype=bool), np.zeros(size, dtype=np.float64)
    raise Unsupported(kind)  # pragma: no cover


def _term_bm25(snapshot: Snapshot, searcher: Searcher, field: str, postings: Any, params: tuple | None) -> array:
    """The term's score in every document of its postings (cached per generation with them).

    Whoosh: ``idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))``; `norm[d]`
    is the ``K1 * (...)`` part computed by the same operations, so the result is the same
    float. The same operations in the same order over numpy's float64 are Python's float
    operations, so computing them per array gives the same bits. An unscored field (facets,
    ids) scores its weight.
    """
    if params is None:
        return array("d", postings.weights)
    idf, avgfl, b, k1 = params
    norm = _norms(snapshot, searcher, field, avgfl, b, k1)
    weights = np.frombuffer(postings.weights, dtype=np.float32).astype(np.float64)
    ids = np.frombuffer(postings.ids, dtype=np.dtype(f"u{postings.ids.itemsize}"))
    scores = idf * ((weights * (k1 + 1)) / (weights + norm[ids]))
    return array("d", scores.tobytes())


def _norms(snapshot: Snapshot, searcher: Searcher, field: str, avgfl: float, b: float, k1: float) -> np.ndarray:
    def build() -> np.ndarray:
        lengths = np.frombuffer(snapshot.field_lengths(searcher, field), dtype=np.uint32).astype(np.float64)
        return k1 * ((1 - b) + b * lengths / avgfl)  # Python's float operations, in its order

    return snapshot.kept(f"norms:{field}:{avgfl!r}:{b!r}:{k1!r}", build)


def subset_scores(searcher: Searcher, query: Query, allowed: Iterable[int]) -> Scores:
    """Whoosh's own scores of the documents of `allowed` that `query` matches, by `skip_to`.

    The fallback for queries `all_scores` does not evaluate, when facet filters restrict the
    hits: instead of Whoosh's filter collector walking every match of the query and testing
    it against the set, the matcher visits only the allowed documents. Same scores.
    """
    wanted = sorted(allowed)
    scores: Scores = {}
    k = 0
    context = searcher.context()
    for leaf, offset in searcher.leaf_searchers():
        end = offset + leaf.doc_count_all()
        local = []
        while k < len(wanted) and wanted[k] < end:
            local.append(wanted[k] - offset)
            k += 1
        if not local:
            continue
        matcher = query.matcher(leaf, context)
        for d in local:
            if not matcher.is_active():
                break
            if matcher.id() < d:
                matcher.skip_to(d)
                if not matcher.is_active():
                    break
            if matcher.id() == d:
                scores[d + offset] = matcher.score()
    return scores
