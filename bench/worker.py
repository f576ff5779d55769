"""One measured job per process: `python -m bench.worker JOB ARGS…` prints one JSON line.

Each build, update and query-function run is its own process so its peak memory is its
own and no cache from an earlier job helps it. The runner (`bench.run`) samples the RSS
of the process and its children from outside.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path


def build(corpus: Path, index_dir: Path) -> dict:
    """Referatsøg's real full build: `update_index(..., full=True)`."""
    from indexer.update import update_index

    started = time.perf_counter()
    report = update_index([corpus], index_dir, full=True)
    return {"seconds": time.perf_counter() - started, "passages": report.passages, "files": report.indexed,
            "skipped": len(report.skipped)}


def update(corpus: Path, index_dir: Path) -> dict:
    """Referatsøg's incremental run after a change: `update_index(...)`."""
    from indexer.update import update_index

    started = time.perf_counter()
    report = update_index([corpus], index_dir)
    return {"seconds": time.perf_counter() - started, "passages": report.passages, "files": report.indexed,
            "unchanged": report.unchanged}


def _read(job: tuple[Path, Path]):  # noqa: ANN202
    from indexer.pipeline import read_document

    return read_document(*job)


def baseline_build(corpus: Path, db: Path) -> dict:
    """The baseline's build: the same pipeline in the same number of processes, then FTS5."""
    import multiprocessing

    from bench.baseline import Loader
    from indexer.corpus import list_corpus
    from indexer.update import _worker_count

    started = time.perf_counter()
    files = list(list_corpus([corpus], exclude=db).files.values())
    root = corpus.resolve()
    loader = Loader(db)
    passages = 0
    with multiprocessing.get_context("fork").Pool(_worker_count(None)) as pool:
        for document in pool.imap(_read, [(path, root) for path in files], 4):
            passages += loader.add(document)
    loader.finish()
    return {"seconds": time.perf_counter() - started, "sqlite_seconds": loader.seconds, "passages": passages,
            "files": len(files)}


def baseline_update(corpus: Path, db: Path, changed: Path) -> dict:
    """The baseline's incremental update of one known file (it is told which; no scan)."""
    from bench.baseline import open_existing
    from indexer.pipeline import read_document

    started = time.perf_counter()
    loader = open_existing(db)
    passages = loader.replace(read_document(changed, corpus.resolve()))
    loader.finish(create_indexes=False)
    return {"seconds": time.perf_counter() - started, "passages": passages}


def query_function(index_dir: Path, db: Path, case_number: str, municipality: str, year: str, rounds: int,
                   reps: int) -> dict:
    """Both engines through their query functions, rounds interleaved; latencies in ms."""
    from bench.baseline import connect, search
    from bench.queries import query_mix
    from search import open_index

    mix = query_mix(case_number, municipality, year)
    index = open_index(index_dir)
    conn = connect(db)
    engines = {
        "referatsog": lambda q: index.search(q.request()).total,
        "baseline": lambda q: search(conn, q.text, dict(q.filters))["total"],
    }
    totals = {name: [run(q) for q in mix] for name, run in engines.items()}  # warm-up, and what each found
    samples: dict[str, list[list[float]]] = {name: [] for name in engines}
    per_query: dict[str, list[list[float]]] = {name: [[] for _ in mix] for name in engines}
    for _round in range(rounds):
        for name, run in engines.items():
            latencies = []
            for _rep in range(reps):
                for k, q in enumerate(mix):
                    started = time.perf_counter()
                    run(q)
                    ms = (time.perf_counter() - started) * 1000
                    latencies.append(ms)
                    per_query[name][k].append(ms)
            samples[name].append(latencies)
    # Cold: every request starts with an empty term cache, as the first request for its words
    # after a commit does (per-generation columns stay built). The baseline has no such cache.
    from search.snapshot import TermCache

    cold: list[list[float]] = []
    cold_per_query: list[list[float]] = [[] for _ in mix]
    for _round in range(rounds):
        latencies = []
        for k, q in enumerate(mix):
            snapshot = index._snapshot(index._searcher())
            snapshot.cache = TermCache(snapshot.cache.budget)  # the index's own budget (244 MB at 1M)
            started = time.perf_counter()
            engines["referatsog"](q)
            ms = (time.perf_counter() - started) * 1000
            latencies.append(ms)
            cold_per_query[k].append(ms)
        cold.append(latencies)
    import psutil

    return {
        "mix": [q.to_json() for q in mix],
        "totals": totals,
        "rounds": samples,
        "per_query_median_ms": {name: [statistics.median(v) for v in values] for name, values in per_query.items()},
        "cold_rounds": cold,
        "cold_per_query_median_ms": [statistics.median(v) for v in cold_per_query],
        "rss_mb": psutil.Process().memory_info().rss / 2**20,
    }


def main(argv: list[str]) -> None:
    job, *args = argv
    if job == "build":
        out = build(Path(args[0]), Path(args[1]))
    elif job == "update":
        out = update(Path(args[0]), Path(args[1]))
    elif job == "baseline-build":
        out = baseline_build(Path(args[0]), Path(args[1]))
    elif job == "baseline-update":
        out = baseline_update(Path(args[0]), Path(args[1]), Path(args[2]))
    elif job == "query-function":
        out = query_function(Path(args[0]), Path(args[1]), args[2], args[3], args[4], int(args[5]), int(args[6]))
    elif job == "baseline-serve":
        from bench.baseline import serve

        serve(Path(args[0]), int(args[1]))
        return
    else:
        raise SystemExit(f"unknown job {job!r}")
    out["pid"] = os.getpid()
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
