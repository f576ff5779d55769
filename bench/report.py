"""The results table of `bench/results/*.json` as Markdown (for docs/benchmarks.md)."""

from __future__ import annotations

import json
from pathlib import Path


def _f(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}".replace(",", " ")


def table(results_dir: Path) -> str:
    """One row per size: its newest results file (by the run's start), Referatsøg's figures with
    the baseline ratio."""
    latest = latest_by_size(results_dir)
    rows = [
        "| size | build s (×base) | passages/s | build peak RSS MB | index MB (×base) | incremental s (×base) "
        "| fn p50 ms (×base) | fn p95 ms (×base) | fn p99 ms | fn cold p50 / p95 ms | HTTP 8 p50 ms | HTTP 8 p95 ms (×base) | HTTP 8 req/s (×base) "
        "| HTTP errors | server RSS MB | file |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for size in sorted(latest):
        d = latest[size]
        ix, inc, fn, http = d["indexing"], d["incremental"], d["query_function"], d["http"]
        # A run that reused earlier indexes measured no build: its build columns show "–".
        ours = ix.get("median", {}).get("referatsog", {"seconds": None, "passages_per_s": None, "peak_rss_mb": None,
                                                        "index_bytes": ix.get("index_bytes", {}).get("referatsog")})
        ix_ratio = ix.get("ratio", {})
        h8 = http["median"]["referatsog"].get("8", {})
        hr = http["ratio"].get("8", {})
        rows.append(
            f"| {size:,} | {_f(ours['seconds'])} ({_f(ix_ratio.get('seconds'), 2)}) | {_f(ours['passages_per_s'], 0)} "
            f"| {_f(ours['peak_rss_mb'], 0)} | {_f(ours['index_bytes'] and ours['index_bytes'] / 2**20)} "
            f"({_f(ix_ratio.get('index_bytes'), 2)}) "
            f"| {_f(inc['median']['referatsog']['seconds'], 2)} ({_f(inc['ratio']['seconds'], 1)}) "
            f"| {_f(fn['median']['referatsog']['p50'])} ({_f(fn['ratio']['p50'], 1)}) "
            f"| {_f(fn['median']['referatsog']['p95'])} ({_f(fn['ratio']['p95'], 1)}) | {_f(fn['median']['referatsog']['p99'])} "
            f"| {_cold(fn)} "
            f"| {_f(h8.get('p50'))} | {_f(h8.get('p95'))} ({_f(hr.get('p95'), 1)}) "
            f"| {_f(h8.get('throughput_rps'), 0)} ({_f(hr.get('throughput_rps'), 2)}) | {h8.get('errors_total', '–')} "
            f"| {_f(http['server_peak_rss_mb'].get('referatsog'), 0)} | {d['_file']} |".replace(",", " ")
        )
    return "\n".join(rows)


def latest_by_size(results_dir: Path) -> dict[int, dict]:
    """The newest run of each size (the `date` a run started, not its file name: a second run of
    a day is named after its commit), with its file name under `_file`."""
    latest: dict[int, dict] = {}
    for path in sorted(p for p in results_dir.glob("*.json") if not p.name.endswith(".partial.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["_file"] = path.name
        if data["size"] not in latest or data.get("date", "") >= latest[data["size"]].get("date", ""):
            latest[data["size"]] = data
    return latest


def _cold(fn: dict) -> str:
    """The query function's p50 / p95 with an empty term cache per request (runs since the cold mode)."""
    cold = fn.get("cold", {}).get("median")
    return f"{_f(cold['p50'])} / {_f(cold['p95'])}" if cold else "–"
