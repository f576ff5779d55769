"""The query mix over HTTP: `referatsog serve` and the baseline server under 1 and 8 concurrent clients.

Each client is a thread with one keep-alive connection sending GETs back to back for a
fixed time; the servers run in their own processes and their RSS is sampled throughout.
"""

from __future__ import annotations

import http.client
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.generate import first_case_number, mix_filters
from bench.measure import LATENCY_KEYS, PYTHON, ROOT, RssSampler, median_of, ratio, rss, summary
from bench.queries import query_mix
from webui.serve import free_port, stop_server_process

if TYPE_CHECKING:
    from bench.run import Profile


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
    mix = query_mix(first_case_number(corpus), *mix_filters(corpus))
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
    warmup_errors: dict[str, list[str]] = {}
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
            if warm["errors"] and server == "referatsog":
                raise RuntimeError(f"{name}: errors while warming up: {warm['error_samples']}")
            # The baseline may time out at large sizes (1M: its MATCH over common words takes
            # seconds, queued behind 8 clients): that is a result, counted as errors, not a crash.
            warmup_errors[name] = warm["error_samples"] if warm["errors"] else []
            key = f"{clients}"
            results.setdefault(name, {}).setdefault(key, [])
        for _round in range(profile.http_rounds):
            for name, clients, prefix in configs:
                server = name.split("_")[0]
                paths = [prefix + q.params() for q in mix]
                results[name][f"{clients}"].append(load(processes[server][1], paths, clients, profile.http_seconds))
        memory = {name: {"rss_mb_end": rss(p.process) / 2**20 if (p := s[2]) else None} for name, s in processes.items()}
    finally:
        for name, (process, _port, sampler) in processes.items():
            peak = sampler.stop()
            memory_peak = peak
            stop_server_process(process)
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
            "round_seconds": profile.http_seconds, "warmup_errors": warmup_errors}
