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
   query fall back to Whoosh (`top_scores` returns None).
2. A term's score for a document is Whoosh's `bm25(idf, weight, length, avgfl, B, K1)`
   with the constants taken from Whoosh's own scorer object; the weights come from the
   term's cached postings (`Snapshot.postings`) and the lengths from a per-generation
   array, so each partial score is computed by the same float operations as Whoosh's.
3. Partial scores are added following the plan's tree (sums of floats depend on their
   order), so every document gets the score Whoosh would give it, bit for bit.

Phrases are scored as Whoosh scores them (the sum of their words' BM25F in the field),
restricted to the documents where the phrase occurs in that field (`Snapshot.docs`).
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left
from collections.abc import Collection, Iterable
from itertools import compress
from typing import Any

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

from search.snapshot import Snapshot

Scores = dict[int, float]


class Unsupported(Exception):
    """The query's matcher tree holds a matcher this module does not evaluate."""


def top_scores(
    searcher: Searcher, snapshot: Snapshot, query: Query, candidates: Collection[int], limit: int,
    routine: frozenset[int] = frozenset(), factor: float = 1.0,
) -> list[tuple[int, float]] | None:
    """The top `limit` (docnum, score) among `candidates` that match `query`, best first.

    Scores are Whoosh's; routine documents' scores are multiplied by `factor`; ties keep the
    order Whoosh gives them (higher unscaled score, then lower document number). None when
    the query needs Whoosh's own matchers (see the module docstring).
    """
    scores = all_scores(searcher, snapshot, query, candidates)
    if scores is None:
        return None
    return best(scores, limit, routine, factor)


def all_scores(searcher: Searcher, snapshot: Snapshot, query: Query, candidates: Collection[int]) -> Scores | None:
    """Whoosh's score of every document of `candidates` that `query` matches, or None."""
    ordered = sorted(candidates)
    context = searcher.context()
    scores: Scores = {}
    try:
        for leaf, offset in searcher.leaf_searchers():
            end = offset + leaf.doc_count_all()
            start_i = _bisect(ordered, offset)
            local = ordered[start_i:_bisect(ordered, end)]
            if not local:
                continue
            plan = _segment_plan(snapshot, query, leaf, offset, context)
            wanted = candidates if len(local) == len(candidates) and isinstance(candidates, (set, frozenset)) else set(local)
            scores.update(_evaluate(plan, searcher, snapshot, local, wanted, offset, end))
    except Unsupported:
        return None
    return scores


def best(scores: Scores, limit: int, routine: frozenset[int] = frozenset(), factor: float = 1.0) -> list[tuple[int, float]]:
    """The `limit` best (docnum, score), routine ones scaled, in Whoosh's order for equal scores."""
    if limit < 1 or not scores:
        return []
    original: Scores = {}
    if factor != 1.0 and routine:
        scaled = dict(scores)
        for d in routine.intersection(scores):
            original[d] = scores[d]
            scaled[d] = scores[d] * factor
        scores = scaled
    if len(scores) > limit:  # the limit-th best score, by a C-level comparison of floats
        floor = heapq.nlargest(limit, scores.values())[-1]
        scores = dict(compress(scores.items(), map(floor.__le__, scores.values())))
    ranked = sorted(scores.items(), key=lambda item: (-item[1], -original.get(item[0], item[1]), item[0]))
    return ranked[:limit]


def _bisect(ordered: list[int], value: int) -> int:
    return bisect_left(ordered, value)


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
    text = _text(text)
    postings = snapshot.postings(searcher, field, text)
    lo, hi = postings.leaf(start, end)
    if lo == hi:
        return {}
    ids = postings.ids
    values = snapshot.cache.get(("bm25", field, text, params), lambda: _term_bm25(snapshot, searcher, field, postings, params),
                                lambda v: 8 * len(v) + 100)
    if len(local) * 16 < hi - lo:  # few candidates: find each in the postings
        out = {}
        for d in local:
            i = bisect_left(ids, d, lo, hi)
            if i < hi and ids[i] == d:
                out[d] = values[i]
        return out
    section = ids[lo:hi]  # many: keep the postings of wanted documents, in C
    return dict(compress(zip(section, values[lo:hi]), map(wanted.__contains__, section)))


def _term_bm25(snapshot: Snapshot, searcher: Searcher, field: str, postings: Any, params: tuple | None) -> array:
    """The term's score in every document of its postings (cached per generation with them).

    Whoosh: ``idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))``; `norm[d]`
    is the ``K1 * (...)`` part computed by the same operations, so the result is the same
    float. An unscored field (facets, ids) scores its weight.
    """
    if params is None:
        return array("d", postings.weights)
    idf, avgfl, b, k1 = params
    norm = _norms(snapshot, searcher, field, avgfl, b, k1)
    k1_plus_1 = k1 + 1
    return array("d", [idf * ((w * k1_plus_1) / (w + norm[d])) for d, w in zip(postings.ids, postings.weights)])


def _norms(snapshot: Snapshot, searcher: Searcher, field: str, avgfl: float, b: float, k1: float) -> Any:
    def build() -> list[float]:
        lengths = snapshot.field_lengths(searcher, field)
        return [k1 * ((1 - b) + b * fl / avgfl) for fl in lengths]

    return snapshot._get(f"norms:{field}:{avgfl!r}:{b!r}:{k1!r}", build)


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
