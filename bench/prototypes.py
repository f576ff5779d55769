"""What-if measurements for the proposed engine changes (docs/benchmarks.md), without editing search/.

    python -m bench.prototypes INDEX_DIR CASE_NUMBER [--rounds N]

Each prototype re-implements one step of `search.query.run_search` the proposed way, runs
it beside the current step on the same searcher and the same query mix, and checks that
it gives the same answer (same top hits and scores, same counts) before timing both:

1. scoring: score only the facet-filtered hit set (`skip_to` each hit) instead of letting
   Whoosh's FilterCollector walk every match of the query and test it against the filter;
2. facet counts: per-value bitsets (Python ints) and `(hits & value).bit_count()`
   instead of `Counter(map(ords.__getitem__, hits))`;
3. matching set: per-term document sets cached per index generation and intersected in C,
   instead of `docs_for_query(And([...]))` walking an IntersectionMatcher in Python.
"""

from __future__ import annotations

import argparse
import heapq
import statistics
import time
from collections import Counter, defaultdict
from functools import reduce
from pathlib import Path

from whoosh.query import And, Term


def subset_scores(searcher, query, docnums, limit: int) -> list[tuple[int, float]]:  # noqa: ANN001
    """Top `limit` (docnum, score) among `docnums`, scoring only those documents."""
    wanted = sorted(docnums)
    scored: list[tuple[float, int]] = []
    k = 0
    for leaf, offset in searcher.leaf_searchers():
        end = offset + leaf.doc_count_all()
        local = []
        while k < len(wanted) and wanted[k] < end:
            local.append(wanted[k] - offset)
            k += 1
        if not local:
            continue
        matcher = query.matcher(leaf, leaf.context())
        for d in local:
            if not matcher.is_active():
                break
            if matcher.id() < d:
                matcher.skip_to(d)
                if not matcher.is_active():
                    break
            if matcher.id() == d:
                scored.append((matcher.score(), d + offset))
    top = heapq.nlargest(limit, scored, key=lambda sd: (sd[0], -sd[1]))
    return [(d, s) for s, d in top]


class Bitsets:
    """Per facet value, the documents that have it, as one Python int (bit d = docnum d)."""

    def __init__(self, column) -> None:  # noqa: ANN001 (search.facets.FacetColumn)
        rows: dict[str, bytearray] = {}
        size = (len(column.ords) + 8) // 8
        for d, o in enumerate(column.ords):
            if o:
                for label in column.labels[o]:
                    row = rows.get(label)
                    if row is None:
                        row = rows[label] = bytearray(size)
                    row[d >> 3] |= 1 << (d & 7)
        self.values = {label: int.from_bytes(row, "little") for label, row in rows.items()}

    def count(self, hits: int) -> Counter[str]:
        out: Counter[str] = Counter()
        for label, bits in self.values.items():
            n = (hits & bits).bit_count()
            if n:
                out[label] = n
        return out


def to_bits(docnums) -> int:  # noqa: ANN001
    if not docnums:
        return 0
    row = bytearray(max(docnums) // 8 + 1)
    for d in docnums:
        row[d >> 3] |= 1 << (d & 7)
    return int.from_bytes(row, "little")


def _median_ms(fn, rounds: int) -> tuple[float, object]:  # noqa: ANN001
    times, result = [], None
    for _ in range(rounds):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("case_number")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    from bench.queries import query_mix
    from search import open_index
    from search import query as q_module
    from search.facets import FACETS, FACETS_BY_NAME
    from search.syntax import parse

    index = open_index(args.index_dir)
    searcher = index._searcher()
    snapshot = index._snapshot(searcher)
    mix = query_mix(args.case_number)
    expand = getattr(getattr(q_module, "variants", None), "expand", lambda parsed: parsed)

    started = time.perf_counter()
    bitsets = {f.name: Bitsets(snapshot.facet_column(searcher, f)) for f in FACETS}
    build_ms = (time.perf_counter() - started) * 1000
    term_cache: dict[tuple[str, str], frozenset[int]] = {}

    def term_docs(field: str, text: str) -> frozenset[int]:
        key = (field, text)
        if key not in term_cache:
            term_cache[key] = frozenset(searcher.docs_for_query(Term(field, text)))
        return term_cache[key]

    rows = []
    totals: dict[str, float] = defaultdict(float)
    for bq in mix:
        request = bq.request()
        compiled = q_module.compile_query(expand(parse(request.query)), searcher)
        if compiled.matching is None:
            continue
        matched = frozenset(searcher.docs_for_query(compiled.matching))
        facet_sets = [frozenset(searcher.docs_for_query(FACETS_BY_NAME[n].filter_query(v))) for n, v in request.filters.items()]
        hits = reduce(frozenset.__and__, facet_sets, matched)
        row = {"query": bq.label, "matches": len(matched), "hits": len(hits)}

        # 1. scoring the filtered hit set
        if facet_sets and compiled.scored is not None:
            now_ms, now = _median_ms(lambda: q_module._by_score(searcher, compiled, hits, 10), args.rounds)
            new_ms, new = _median_ms(lambda: subset_scores(searcher, compiled.scored, hits, 10), args.rounds)
            same = [d for d, _ in now] == [d for d, _ in new] and all(abs(a - b) < 1e-6 for (_, a), (_, b) in zip(now, new))
            row.update(score_now=now_ms, score_new=new_ms, score_same=same)
            totals["score_now"] += now_ms
            totals["score_new"] += new_ms

        # 2. facet counts over the hits (no selection: every facet over the same hit set)
        columns = {f.name: snapshot.facet_column(searcher, f) for f in FACETS}
        now_ms, now = _median_ms(lambda: {n: c.count(hits) for n, c in columns.items()}, args.rounds)
        conv_ms, hit_bits = _median_ms(lambda: to_bits(hits), args.rounds)
        new_ms, new = _median_ms(lambda: {n: b.count(hit_bits) for n, b in bitsets.items()}, args.rounds)
        row.update(facets_now=now_ms, facets_new=new_ms, facets_to_bits=conv_ms, facets_same=now == new)
        totals["facets_now"] += now_ms
        totals["facets_new"] += new_ms
        totals["facets_to_bits"] += conv_ms

        # 3. the matching set of word queries (AND of terms in `body`)
        terms = compiled.matching.subqueries if isinstance(compiled.matching, And) else [compiled.matching]
        if all(isinstance(t, Term) for t in terms):
            now_ms, now = _median_ms(lambda: frozenset(searcher.docs_for_query(compiled.matching)), args.rounds)
            term_cache.clear()
            cold_ms, _ = _median_ms(lambda: (term_cache.clear(), reduce(frozenset.__and__, [term_docs(t.fieldname, t.text) for t in terms]))[1], 1)
            warm_ms, new = _median_ms(lambda: reduce(frozenset.__and__, [term_docs(t.fieldname, t.text) for t in terms]), args.rounds)
            row.update(match_now=now_ms, match_cold=cold_ms, match_cached=warm_ms, match_same=now == new)
            totals["match_now"] += now_ms
            totals["match_cold"] += cold_ms
            totals["match_cached"] += warm_ms
        rows.append(row)

    print(f"bitsets built in {build_ms:.0f} ms (once per index generation)")
    keys = ("matches", "hits", "score_now", "score_new", "score_same", "facets_now", "facets_to_bits", "facets_new",
            "facets_same", "match_now", "match_cold", "match_cached", "match_same")
    print("| query | " + " | ".join(keys) + " |")
    print("|---|" + "---:|" * len(keys))
    for row in rows:
        cells = [row.get(k, "") for k in keys]
        print(f"| {row['query']} | " + " | ".join(f"{c:.1f}" if isinstance(c, float) else str(c) for c in cells) + " |")
    print("| **sum (ms)** | | | " + " | ".join(
        f"{totals[k]:.1f}" if k in totals else "" for k in keys[2:]) + " |")


if __name__ == "__main__":
    main()
