"""Measuring one job: peak RSS of a process tree, worker processes, percentiles and ratios."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LATENCY_KEYS = ("p50", "p95", "p99", "mean")


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class RssSampler:
    """Peak RSS of a process and all its children, sampled every 50 ms from a thread."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                tree = [self.process, *self.process.children(recursive=True)]
                self.peak = max(self.peak, sum(rss(p) for p in tree))
            except psutil.Error:
                pass
            self._stop.wait(0.05)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20


def rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


def job(*args: str, timeout: float = 4 * 3600) -> tuple[dict, float]:
    """Run `python -m bench.worker ARGS…`; its JSON answer and its peak tree RSS in MB."""
    process = subprocess.Popen([PYTHON, "-m", "bench.worker", *args], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    sampler = RssSampler(process.pid)
    out, err = process.communicate(timeout=timeout)
    peak = sampler.stop()
    if process.returncode != 0:
        raise RuntimeError(f"bench.worker {' '.join(args)} failed ({process.returncode}):\n{err[-3000:]}")
    return json.loads(out.strip().splitlines()[-1]), peak


def disk_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def summary(latencies: list[float]) -> dict[str, float]:
    return {"n": len(latencies), "p50": percentile(latencies, 50), "p95": percentile(latencies, 95),
            "p99": percentile(latencies, 99), "mean": statistics.fmean(latencies) if latencies else float("nan")}


def median_of(rounds: list[dict[str, float]], keys: tuple[str, ...]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in rounds) for k in keys}


def ratio(ours: float, theirs: float) -> float | None:
    return round(ours / theirs, 3) if theirs else None
