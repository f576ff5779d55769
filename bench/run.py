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

import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import psutil

from bench import generate as gen
from bench.generate import first_case_number, mix_filters
from bench.http_load import http_bench
from bench.measure import LATENCY_KEYS, ROOT, disk_bytes, job, log, median_of, ratio, summary

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
    pdf_files: int = 0  # also build a set of this many PDF minutes (the PDF path)


# The test suite's smoke run (tests/test_bench.py): every step, tiny, a few seconds.
SMOKE = {200: Profile(updates=1, rounds=1, reps=1, http_rounds=1, http_seconds=0.5, http_clients=(1, 2), check_sample=None,
                      pdf_files=2)}
QUICK = {1_000: Profile(http_rounds=2, http_seconds=2.0, check_sample=None, pdf_files=20),
         10_000: Profile(http_rounds=3, http_seconds=3.0, check_sample=300)}
FULL = {10_000: Profile(builds=3, rounds=5, reps=3, http_rounds=5, http_seconds=6.0, check_sample=None, pdf_files=20),
        100_000: Profile(builds=1, rounds=5, reps=3, http_rounds=5, http_seconds=8.0, check_sample=500),
        1_000_000: Profile(builds=1, updates=2, rounds=3, reps=2, http_rounds=3, http_seconds=8.0, check_sample=500)}


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


def pdf_indexing(base: Path, work: Path, profile: Profile) -> dict[str, Any]:
    """The PDF path: a set of generated PDF minutes, checked through the pipeline, built by both engines."""
    out = base / f"pdf-{profile.pdf_files}"
    info_file = out / "corpus.json"
    if not (info_file.exists() and json.loads(info_file.read_text()).get("files") == profile.pdf_files):
        shutil.rmtree(out, ignore_errors=True)
        gen.generate_pdfs(profile.pdf_files, out)
    info = json.loads(info_file.read_text())
    checked, problems = gen.check(out)
    if problems:
        raise RuntimeError(f"the pipeline does not segment the generated PDFs as generated: {problems[:5]}")
    index_dir, db = work / "pdf-index", work / "pdf-baseline.sqlite"
    runs: dict[str, list[dict]] = {"referatsog": [], "baseline": []}
    for _ in range(profile.builds):
        shutil.rmtree(index_dir, ignore_errors=True)
        out_ours, peak = job("build", str(out / "docs"), str(index_dir))
        runs["referatsog"].append({"seconds": out_ours["seconds"], "passages": out_ours["passages"],
                                   "passages_per_s": out_ours["passages"] / out_ours["seconds"],
                                   "pages_per_s": info["pages"] / out_ours["seconds"], "peak_rss_mb": peak,
                                   "index_bytes": disk_bytes(index_dir)})
        out_base, peak = job("baseline-build", str(out / "docs"), str(db))
        runs["baseline"].append({"seconds": out_base["seconds"], "passages": out_base["passages"],
                                 "passages_per_s": out_base["passages"] / out_base["seconds"],
                                 "pages_per_s": info["pages"] / out_base["seconds"], "peak_rss_mb": peak,
                                 "index_bytes": disk_bytes(db)})
    keys = ("seconds", "passages_per_s", "pages_per_s", "peak_rss_mb", "index_bytes")
    medians = {name: median_of(r, keys) for name, r in runs.items()}
    log(f"PDF set: {info['files']} files, {info['pages']} pages, {info['passages']} passages in "
        f"{medians['referatsog']['seconds']:.1f} s")
    return {"corpus": dict(info, checked_files=checked, mismatch_count=0), "runs": runs, "median": medians,
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

def query_function(corpus: Path, work: Path, profile: Profile) -> dict[str, Any]:
    case = first_case_number(corpus)
    out, peak = job("query-function", str(work / "index"), str(work / "baseline.sqlite"), case,
                    *mix_filters(corpus), str(profile.rounds), str(profile.reps))
    rounds = {name: [summary(r) for r in rs] for name, rs in out["rounds"].items()}
    medians = {name: median_of(r, LATENCY_KEYS) for name, r in rounds.items()}
    mix = out["mix"]
    per_query = [
        {**q, "referatsog_ms": out["per_query_median_ms"]["referatsog"][k], "baseline_ms": out["per_query_median_ms"]["baseline"][k],
         "referatsog_cold_ms": out["cold_per_query_median_ms"][k],
         "referatsog_total": out["totals"]["referatsog"][k], "baseline_total": out["totals"]["baseline"][k]}
        for k, q in enumerate(mix)
    ]
    cold = median_of([summary(r) for r in out["cold_rounds"]], LATENCY_KEYS)
    return {"rounds": rounds, "raw_ms": out["rounds"], "median": medians, "per_query": per_query,
            "cold": {"raw_ms": out["cold_rounds"], "median": cold,
                     "ratio": {k: ratio(cold[k], medians["baseline"][k]) for k in LATENCY_KEYS}},
            "rss_mb": out["rss_mb"], "peak_rss_mb": peak,
            "ratio": {k: ratio(medians["referatsog"][k], medians["baseline"][k]) for k in LATENCY_KEYS}}


# --- targets ---------------------------------------------------------------------------------------


def targets(size: int, result: dict[str, Any]) -> dict[str, Any]:
    """The issue's targets that apply at this size, each with the figure reached."""
    out: dict[str, Any] = {}
    build = result["indexing"].get("median", {}).get("referatsog")  # absent when the indexes were reused
    if build:
        out["index_rate_ge_2000_per_s"] = {"value": round(build["passages_per_s"]), "met": build["passages_per_s"] >= 2000}
    fn = result["query_function"]["median"]["referatsog"]
    fn_ratio = result["query_function"]["ratio"]["p95"]
    out["p95_vs_baseline_le_2x"] = {"value": fn_ratio, "met": fn_ratio is not None and fn_ratio <= 2}
    if size >= 100_000 and build:
        out["index_100k_under_60_s"] = {"value": round(build["seconds"] * 100_000 / size, 1),
                                        "met": build["seconds"] * 100_000 / size < 60}
    if size == 100_000:
        inc = result["incremental"]["median"]["referatsog"]["seconds"]
        out["incremental_under_2_s"] = {"value": round(inc, 2), "met": inc < 2}
        out["function_p50_le_30_ms"] = {"value": round(fn["p50"], 1), "met": fn["p50"] <= 30}
        out["function_p95_le_100_ms"] = {"value": round(fn["p95"], 1), "met": fn["p95"] <= 100}
        cold = result["query_function"]["cold"]["median"]
        out["function_p50_le_30_ms_cold_cache"] = {"value": round(cold["p50"], 1), "met": cold["p50"] <= 30}
        out["function_p95_le_100_ms_cold_cache"] = {"value": round(cold["p95"], 1), "met": cold["p95"] <= 100}
        http8 = result["http"]["median"]["referatsog"].get("8")
        if http8:
            ok = http8["p95"] <= 150 and http8["errors_total"] == 0
            out["http_8_clients_p95_le_150_ms_no_errors"] = {"value": round(http8["p95"], 1), "errors": http8["errors_total"], "met": ok}
    if size >= 1_000_000:
        out["function_p95_le_500_ms_at_1m"] = {"value": round(fn["p95"], 1), "met": fn["p95"] <= 500}
        cold = result["query_function"]["cold"]["median"]
        out["function_p95_le_500_ms_at_1m_cold_cache"] = {"value": round(cold["p95"], 1), "met": cold["p95"] <= 500}
    return out


# --- one size ---------------------------------------------------------------------------------------


def results_path(results_dir: Path, day: str, size: int, commit: str) -> Path:
    """`<day>-<size>.json`; a later run of the same day and size (a `--reuse-indexes` run after a
    full one, say) gets `<day>-<size>-<commit>.json`, and never overwrites an earlier file."""
    path = results_dir / f"{day}-{size}.json"
    n = 1
    while path.exists():
        path = results_dir / f"{day}-{size}-{commit}{'' if n == 1 else f'-{n}'}.json"
        n += 1
    return path


def run_size(
    size: int, profile: Profile, suite: str, base: Path, work_base: Path, results_dir: Path = RESULTS,
    *, reuse_indexes: bool = False,
) -> Path:
    """Every phase at one size; what is measured so far is saved after each phase
    (`<date>-<size>.partial.json`), so a failure late in a long run keeps the rest."""
    started = time.monotonic()
    result: dict[str, Any] = {"schema": 1, "suite": suite, "size": size,
                              "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                              "machine": machine(), "profile": asdict(profile)}
    results_dir.mkdir(parents=True, exist_ok=True)
    path = results_path(results_dir, datetime.now().strftime("%Y-%m-%d"), size, result["machine"]["git_commit"])
    partial = path.with_suffix(".partial.json")

    def save(target: Path) -> None:
        target.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    corpus, info = corpus_for(size, base, profile)
    result["corpus"] = info
    work = work_base / f"{size}"
    work.mkdir(parents=True, exist_ok=True)
    if reuse_indexes and (work / "index").is_dir() and (work / "baseline.sqlite").is_file():
        log("reusing the indexes built by an earlier run (no build measured)")
        result["indexing"] = {"reused": True, "index_bytes": {"referatsog": disk_bytes(work / "index"),
                                                              "baseline": disk_bytes(work / "baseline.sqlite")}}
    else:
        result["indexing"] = indexing(corpus, work, profile)
    save(partial)
    if profile.pdf_files:
        log(f"PDF set of {profile.pdf_files} minutes")
        result["pdf"] = pdf_indexing(base, work, profile)
    log("incremental reindex of one changed file")
    result["incremental"] = incremental(corpus, work, profile)
    save(partial)
    log("query mix through the query functions")
    result["query_function"] = query_function(corpus, work, profile)
    save(partial)
    log("query mix over HTTP")
    result["http"] = http_bench(corpus, work, profile)
    result["targets"] = targets(size, result)
    result["seconds"] = round(time.monotonic() - started, 1)
    save(path)
    partial.unlink(missing_ok=True)
    log(f"size {size} done in {result['seconds']} s: {path}")
    return path
