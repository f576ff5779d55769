"""Run the benchmarks for one corpus size and write `bench/results/<date>-<size>.json`.

Order of one size: generate (or reuse) the corpus and check a sample through the real
pipeline; full builds of Referatsøg and of the baseline, alternating; incremental reindex
of one changed file, both engines; the query mix through both query functions (rounds
interleaved); the query mix over HTTP against `referatsog serve` and the baseline server,
1 and 8 concurrent clients. Every job runs in its own process; every figure is a median
over repeated runs, and each Referatsøg figure has its baseline figure from the same
minutes as a ratio.
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import psutil

from bench import generate as gen
from bench.queries import query_mix

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results"


@dataclass(frozen=True)
class Profile:
    """How hard to measure one size: repeats and durations."""

    builds: int = 1  # full builds per engine
    updates: int = 3  # incremental runs per engine
    rounds: int = 3  # query-function rounds per engine
    reps: int = 2  # passes through the mix per round
    http_rounds: int = 3
    http_seconds: float = 3.0  # per round and client count
    http_clients: tuple[int, ...] = (1, 8)
    html: bool = True  # also the HTML search page at the highest client count
    check_sample: int | None = 200  # files checked through the pipeline (None: all)


# The test suite's smoke run (tests/test_bench.py): every step, tiny, a few seconds.
SMOKE = {200: Profile(updates=1, rounds=1, reps=1, http_rounds=1, http_seconds=0.5, http_clients=(1, 2), check_sample=None)}
QUICK = {1_000: Profile(http_rounds=2, http_seconds=2.0, check_sample=None),
         10_000: Profile(http_rounds=3, http_seconds=3.0, check_sample=300)}
FULL = {10_000: Profile(builds=3, rounds=5, reps=3, http_rounds=5, http_seconds=6.0, check_sample=None),
        100_000: Profile(builds=1, rounds=5, reps=3, http_rounds=5, http_seconds=8.0, check_sample=500),
        1_000_000: Profile(builds=1, updates=2, rounds=3, reps=2, http_rounds=3, http_seconds=8.0, check_sample=500)}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- helpers -------------------------------------------------------------------------------------


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
                self.peak = max(self.peak, sum(_rss(p) for p in tree))
            except psutil.Error:
                pass
            self._stop.wait(0.05)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20


def _rss(process: psutil.Process) -> int:
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def machine() -> dict[str, Any]:
    import snowballstemmer
    import whoosh

    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    return {
        "cpu": model, "cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1), "platform": platform.platform(),
        "python": platform.python_version(), "whoosh": whoosh.versionstring(), "sqlite": sqlite3.sqlite_version,
        "stemmer": type(snowballstemmer.stemmer("danish")).__module__ + "." + type(snowballstemmer.stemmer("danish")).__name__,
        # A snapshot run measures exactly one commit; a working-tree run says which product
        # files differed from it (others edit the engine in the same tree).
        "git_commit": os.environ.get("REFERATSOG_BENCH_SNAPSHOT") or git("rev-parse", "--short", "HEAD"),
        "code": "commit snapshot" if os.environ.get("REFERATSOG_BENCH_SNAPSHOT") else "working tree",
        "uncommitted": [] if os.environ.get("REFERATSOG_BENCH_SNAPSHOT") else [
            line[3:] for line in git("status", "--porcelain").splitlines()
            if line[3:].startswith(("search/", "indexer/", "webui/"))],
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


# --- the corpus ----------------------------------------------------------------------------------


def corpus_for(size: int, base: Path, profile: Profile) -> tuple[Path, dict]:
    """Generate the corpus of `size` passages (reused when already there) and check it."""
    out = base / f"{size}"
    info_file = out / "corpus.json"
    if info_file.exists() and json.loads(info_file.read_text()).get("passages") == size:
        info = json.loads(info_file.read_text())
        log(f"corpus {size}: reusing {out}")
    else:
        shutil.rmtree(out, ignore_errors=True)
        log(f"corpus {size}: generating into {out}")
        info = gen.generate(size, out)
    started = time.monotonic()
    checked, problems = gen.check(out, profile.check_sample)
    info = dict(info, checked_files=checked, check_seconds=round(time.monotonic() - started, 1), mismatches=problems[:20],
                mismatch_count=len(problems))
    if problems:
        raise RuntimeError(f"the pipeline does not segment the generated files as generated: {problems[:5]}")
    log(f"corpus {size}: {info['files']} files, {info['passages']} passages, {checked} checked, 0 mismatches")
    return out, info


def first_case_number(corpus: Path) -> str:
    for doc in gen.load_manifest(corpus):
        for p in doc.passages:
            if p.case_number:
                return p.case_number
    raise RuntimeError("no case number in the corpus")


# --- indexing -------------------------------------------------------------------------------------


def indexing(corpus: Path, work: Path, profile: Profile) -> dict[str, Any]:
    docs = corpus / "docs"
    index_dir, db = work / "index", work / "baseline.sqlite"
    runs: dict[str, list[dict]] = {"referatsog": [], "baseline": []}
    for k in range(profile.builds):
        shutil.rmtree(index_dir, ignore_errors=True)
        log(f"full build {k + 1}/{profile.builds}: referatsog")
        out, peak = job("build", str(docs), str(index_dir))
        runs["referatsog"].append({"seconds": out["seconds"], "passages": out["passages"],
                                   "passages_per_s": out["passages"] / out["seconds"], "peak_rss_mb": peak,
                                   "index_bytes": disk_bytes(index_dir)})
        log(f"  {out['passages']} passages in {out['seconds']:.1f} s; baseline")
        out, peak = job("baseline-build", str(docs), str(db))
        runs["baseline"].append({"seconds": out["seconds"], "sqlite_seconds": out["sqlite_seconds"],
                                 "passages": out["passages"], "passages_per_s": out["passages"] / out["seconds"],
                                 "peak_rss_mb": peak, "index_bytes": disk_bytes(db)})
        log(f"  baseline {out['passages']} passages in {out['seconds']:.1f} s")
    keys = ("seconds", "passages_per_s", "peak_rss_mb", "index_bytes")
    medians = {name: median_of(r, keys) for name, r in runs.items()}
    medians["baseline"]["sqlite_seconds"] = statistics.median(r["sqlite_seconds"] for r in runs["baseline"])
    return {"runs": runs, "median": medians,
            "ratio": {k: ratio(medians["referatsog"][k], medians["baseline"][k]) for k in keys}}


def incremental(corpus: Path, work: Path, profile: Profile) -> dict[str, Any]:
    """Change one file (a sentence added to its last item) and reindex; the file changes each run."""
    docs = corpus / "docs"
    target = docs / gen.load_manifest(corpus)[0].path
    original = target.read_text(encoding="utf-8")
    runs: dict[str, list[dict]] = {"referatsog": [], "baseline": []}
    try:
        for k in range(profile.updates):
            target.write_text(original + f"\nTilføjet ved genindeksering nummer {k + 1}.\n", encoding="utf-8")
            started = time.perf_counter()
            out, peak = job("update", str(docs), str(work / "index"))
            wall = time.perf_counter() - started
            if out["files"] != 1:
                raise RuntimeError(f"incremental run re-read {out['files']} files, not 1 (was the index "
                                   "rebuilt because its schema changed under the run?)")
            runs["referatsog"].append({"seconds": out["seconds"], "process_seconds": wall, "peak_rss_mb": peak,
                                       "unchanged": out["unchanged"]})
            started = time.perf_counter()
            out, peak = job("baseline-update", str(docs), str(work / "baseline.sqlite"), str(target))
            runs["baseline"].append({"seconds": out["seconds"], "process_seconds": time.perf_counter() - started,
                                     "peak_rss_mb": peak})
    finally:
        target.write_text(original, encoding="utf-8")
    keys = ("seconds", "process_seconds", "peak_rss_mb")
    medians = {name: median_of(r, keys) for name, r in runs.items()}
    return {"file": str(target.relative_to(docs)), "runs": runs, "median": medians,
            "ratio": {k: ratio(medians["referatsog"][k], medians["baseline"][k]) for k in keys},
            "note": "Referatsøg scans the whole corpus (stat of every file) to find the change; the baseline is told the file."}


# --- queries ---------------------------------------------------------------------------------------

LATENCY_KEYS = ("p50", "p95", "p99", "mean")


def query_function(corpus: Path, work: Path, profile: Profile) -> dict[str, Any]:
    case = first_case_number(corpus)
    out, peak = job("query-function", str(work / "index"), str(work / "baseline.sqlite"), case,
                    str(profile.rounds), str(profile.reps))
    rounds = {name: [summary(r) for r in rs] for name, rs in out["rounds"].items()}
    medians = {name: median_of(r, LATENCY_KEYS) for name, r in rounds.items()}
    mix = out["mix"]
    per_query = [
        {**q, "referatsog_ms": out["per_query_median_ms"]["referatsog"][k], "baseline_ms": out["per_query_median_ms"]["baseline"][k],
         "referatsog_total": out["totals"]["referatsog"][k], "baseline_total": out["totals"]["baseline"][k]}
        for k, q in enumerate(mix)
    ]
    return {"rounds": rounds, "raw_ms": out["rounds"], "median": medians, "per_query": per_query,
            "rss_mb": out["rss_mb"], "peak_rss_mb": peak,
            "ratio": {k: ratio(medians["referatsog"][k], medians["baseline"][k]) for k in LATENCY_KEYS}}


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server on port {port} did not start")


def load(port: int, paths: list[str], clients: int, seconds: float, max_requests: int = 100_000) -> dict[str, Any]:
    """`clients` threads, each a keep-alive connection sending GETs back to back for `seconds`."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    counter = iter(range(max_requests))

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        k = offset
        while time.perf_counter() < deadline and next(counter, None) is not None:
            path = paths[k % len(paths)]
            k += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    with lock:
                        errors.append(f"{response.status} {path}")
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors.append(f"{type(error).__name__} {path}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append((time.perf_counter() - started) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i * 3,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {**summary(latencies), "throughput_rps": len(latencies) / elapsed, "errors": len(errors),
            "error_samples": errors[:5]}


def http_bench(corpus: Path, work: Path, profile: Profile) -> dict[str, Any]:
    mix = query_mix(first_case_number(corpus))
    servers = {
        "referatsog": ([str(Path(PYTHON).parent / "referatsog"), "serve", "--port", "{port}", "--index-dir",
                        str(work / "index")], "/api/search?"),
        "baseline": ([PYTHON, "-m", "bench.worker", "baseline-serve", str(work / "baseline.sqlite"), "{port}"], "/?"),
    }
    configs = [(name, clients, prefix) for clients in profile.http_clients for name, (_, prefix) in servers.items()]
    if profile.html:
        configs.append(("referatsog_html", max(profile.http_clients), "/?"))
    processes: dict[str, tuple[subprocess.Popen, int, RssSampler]] = {}
    results: dict[str, dict[str, list[dict]]] = {}
    try:
        for name, (command, _) in servers.items():
            port = free_port()
            process = subprocess.Popen([c.format(port=port) for c in command], cwd=ROOT, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.PIPE, text=True)
            _wait_for_port(port, process)
            processes[name] = (process, port, RssSampler(process.pid))
        for name, clients, prefix in configs:
            server = name.split("_")[0]
            port = processes[server][1]
            paths = [prefix + q.params() for q in mix]
            # Every server thread opens its searcher and snapshot before anything is measured.
            warm = load(port, paths, max(profile.http_clients), min(2.0, profile.http_seconds))
            if warm["errors"]:
                raise RuntimeError(f"{name}: errors while warming up: {warm['error_samples']}")
            key = f"{clients}"
            results.setdefault(name, {}).setdefault(key, [])
        for _round in range(profile.http_rounds):
            for name, clients, prefix in configs:
                server = name.split("_")[0]
                paths = [prefix + q.params() for q in mix]
                results[name][f"{clients}"].append(load(processes[server][1], paths, clients, profile.http_seconds))
        memory = {name: {"rss_mb_end": _rss(p.process) / 2**20 if (p := s[2]) else None} for name, s in processes.items()}
    finally:
        for name, (process, _port, sampler) in processes.items():
            peak = sampler.stop()
            memory_peak = peak
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stderr:
                process.stderr.close()
            results.setdefault("_memory", {})[name] = memory_peak  # type: ignore[assignment]
    peaks = results.pop("_memory")
    keys = LATENCY_KEYS + ("throughput_rps", "errors")
    medians = {name: {c: median_of(rs, keys) for c, rs in by_clients.items()} for name, by_clients in results.items()}
    for name in medians:
        for c in medians[name]:
            medians[name][c]["errors_total"] = sum(r["errors"] for r in results[name][c])
    ratios = {c: {k: ratio(medians["referatsog"][c][k], medians["baseline"][c][k]) for k in LATENCY_KEYS + ("throughput_rps",)}
              for c in medians["referatsog"]}
    return {"rounds": results, "median": medians, "ratio": ratios,
            "server_peak_rss_mb": peaks, "server_rss_mb_end": {k: v["rss_mb_end"] for k, v in memory.items()},
            "endpoints": {"referatsog": "/api/search (JSON)", "referatsog_html": "/ (the search page)",
                          "baseline": "/ (JSON, same fields)"},
            "round_seconds": profile.http_seconds}


# --- targets ---------------------------------------------------------------------------------------


def targets(size: int, result: dict[str, Any]) -> dict[str, Any]:
    """The issue's targets that apply at this size, each with the figure reached."""
    out: dict[str, Any] = {}
    build = result["indexing"]["median"]["referatsog"]
    out["index_rate_ge_2000_per_s"] = {"value": round(build["passages_per_s"]), "met": build["passages_per_s"] >= 2000}
    fn = result["query_function"]["median"]["referatsog"]
    fn_ratio = result["query_function"]["ratio"]["p95"]
    out["p95_vs_baseline_le_2x"] = {"value": fn_ratio, "met": fn_ratio is not None and fn_ratio <= 2}
    if size >= 100_000:
        out["index_100k_under_60_s"] = {"value": round(build["seconds"] * 100_000 / size, 1),
                                        "met": build["seconds"] * 100_000 / size < 60}
    if size == 100_000:
        inc = result["incremental"]["median"]["referatsog"]["seconds"]
        out["incremental_under_2_s"] = {"value": round(inc, 2), "met": inc < 2}
        out["function_p50_le_30_ms"] = {"value": round(fn["p50"], 1), "met": fn["p50"] <= 30}
        out["function_p95_le_100_ms"] = {"value": round(fn["p95"], 1), "met": fn["p95"] <= 100}
        http8 = result["http"]["median"]["referatsog"].get("8")
        if http8:
            ok = http8["p95"] <= 150 and http8["errors_total"] == 0
            out["http_8_clients_p95_le_150_ms_no_errors"] = {"value": round(http8["p95"], 1), "errors": http8["errors_total"], "met": ok}
    if size >= 1_000_000:
        out["function_p95_le_500_ms_at_1m"] = {"value": round(fn["p95"], 1), "met": fn["p95"] <= 500}
    return out


# --- one size ---------------------------------------------------------------------------------------


def run_size(size: int, profile: Profile, suite: str, base: Path, work_base: Path, results_dir: Path = RESULTS) -> Path:
    started = time.monotonic()
    result: dict[str, Any] = {"schema": 1, "suite": suite, "size": size,
                              "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                              "machine": machine(), "profile": asdict(profile)}
    corpus, info = corpus_for(size, base, profile)
    result["corpus"] = info
    work = work_base / f"{size}"
    work.mkdir(parents=True, exist_ok=True)
    result["indexing"] = indexing(corpus, work, profile)
    log("incremental reindex of one changed file")
    result["incremental"] = incremental(corpus, work, profile)
    log("query mix through the query functions")
    result["query_function"] = query_function(corpus, work, profile)
    log("query mix over HTTP")
    result["http"] = http_bench(corpus, work, profile)
    result["targets"] = targets(size, result)
    result["seconds"] = round(time.monotonic() - started, 1)
    results_dir.mkdir(parents=True, exist_ok=True)
    path = results_dir / f"{datetime.now().strftime('%Y-%m-%d')}-{size}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    log(f"size {size} done in {result['seconds']} s: {path}")
    return path
