"""Where a search spends its time: the query mix through `SearchIndex.search`, step by step.

    python -m bench.profile INDEX_DIR CASE_NUMBER [--corpus DIR] [--rounds N] [--cold] [--pyinstrument]

The filters of the mix come from the corpus the index was built from (`--corpus`; by default
bench/corpus/<size> beside bench/work/<size>/index, as `python -m bench` lays them out).

Wraps the steps of `search.query.run_search` (compile, matching set, facet filter sets,
facet counts, scoring, hits with snippets) in timers, without changing them, and prints
each step's inclusive share per query kind; `--pyinstrument` also prints a call tree;
`--cold` empties the term cache before every request, as the suite's cold mode does.
The engine is not edited: a step that no longer exists is simply not reported.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import time
from collections import defaultdict
from pathlib import Path

STEPS = {
    "search.query": ("compile_query", "_base_set", "_by_score", "_hit"),
    "search.facets.Facet": ("counts",),
    "search.snapshot.Snapshot": ("facet_column",),
}


def instrument(timings: dict[str, float]) -> None:
    import importlib

    for where, names in STEPS.items():
        module_name, _, cls = where.rpartition(".") if where[0].islower() and where.split(".")[-1][0].isupper() else (where, "", "")
        target = getattr(importlib.import_module(module_name), cls) if cls else importlib.import_module(where)
        for name in names:
            original = getattr(target, name, None)
            if original is None:
                continue

            def timed(*args, __original=original, __name=name, **kwargs):  # noqa: ANN002, ANN003, ANN202
                started = time.perf_counter()
                try:
                    return __original(*args, **kwargs)
                finally:
                    timings[__name] += time.perf_counter() - started

            setattr(target, name, functools.wraps(original)(timed))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("case_number")
    parser.add_argument("--corpus", type=Path, help="the generated corpus (default: bench/corpus/<size>)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pyinstrument", action="store_true")
    parser.add_argument("--cold", action="store_true", help="an empty term cache for every request")
    args = parser.parse_args()

    from bench.generate import mix_filters
    from bench.queries import query_mix
    from search.snapshot import TermCache
    from search import open_index

    timings: dict[str, float] = defaultdict(float)
    instrument(timings)
    index = open_index(args.index_dir)
    corpus = args.corpus or Path(__file__).resolve().parent / "corpus" / args.index_dir.resolve().parent.name
    mix = query_mix(args.case_number, *mix_filters(corpus))
    for q in mix:
        index.search(q.request())  # warm-up: snapshot columns, caches
    by_kind: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    profiler = None
    if args.pyinstrument:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
    for _ in range(args.rounds):
        for q in mix:
            timings.clear()
            if args.cold:
                snapshot = index._snapshot(index._searcher())
                snapshot.cache = TermCache(snapshot.cache.budget)  # the index's own budget (244 MB at 1M)
            started = time.perf_counter()
            response = index.search(q.request())
            total = time.perf_counter() - started
            row = by_kind[q.label]
            row["total"].append(total * 1000)
            row["hits"].append(response.total)
            for name, seconds in timings.items():
                row[name].append(seconds * 1000)
    if profiler is not None:
        profiler.stop()
    steps = [s for names in STEPS.values() for s in names]
    print("| query | matches | total ms | " + " | ".join(f"{s} ms" for s in steps) + " |")
    print("|---|---:|---:|" + "---:|" * len(steps))
    grand: dict[str, float] = defaultdict(float)
    for label, row in by_kind.items():
        cells = []
        for s in steps:
            value = statistics.median(row[s]) if row.get(s) else 0.0
            grand[s] += value
            cells.append(f"{value:.1f}")
        grand["total"] += statistics.median(row["total"])
        print(f"| {label} | {int(statistics.median(row['hits']))} | {statistics.median(row['total']):.1f} | " + " | ".join(cells) + " |")
    print("| **sum of medians** | | " + f"{grand['total']:.1f} | " + " | ".join(f"{grand[s]:.1f}" for s in steps) + " |")
    if profiler is not None:
        print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
