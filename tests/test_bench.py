"""The benchmarks keep working: a tiny archive through every step, checked for shape and sanity.

No timing is asserted here (the machine is shared and noisy); only that every figure the
docs quote exists and is a real measurement (positive, ordered percentiles, no errors),
and that the generated files segment exactly as generated.
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # bench/ is not an installed package; plain `pytest` does not add the root
    sys.path.insert(0, str(ROOT))

from bench.generate import check, generate, generate_pdfs, load_manifest, mix_filters  # noqa: E402
from bench.queries import query_mix  # noqa: E402


def test_the_generator_is_deterministic_and_segments_exactly_as_generated(tmp_path):
    first = generate(150, tmp_path / "a", seed=3)
    second = generate(150, tmp_path / "b", seed=3)

    assert first["passages"] == second["passages"] == 150
    a_files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.txt"))
    assert a_files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.txt"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in a_files)
    checked, problems = check(tmp_path / "a")
    assert problems == []
    assert checked == first["files"]
    families = {doc.family for doc in load_manifest(tmp_path / "a")}
    assert len(families) >= 4  # several layouts, not one


def test_generated_pdf_minutes_segment_exactly_as_generated(tmp_path):
    info = generate_pdfs(3, tmp_path / "pdf")

    checked, problems = check(tmp_path / "pdf")
    assert problems == [] and checked == 3
    assert info["pages"] > 3  # running headers and footers on several pages, stripped by the indexer


@pytest.mark.slow
def test_the_smoke_suite_runs_every_step_and_writes_a_sane_results_file(tmp_path):
    results = tmp_path / "results"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "smoke", "--corpus-dir", str(tmp_path / "corpus"),
         "--work-dir", str(tmp_path / "work"), "--results-dir", str(results)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (path,) = results.glob("*-200.json")
    data = json.loads(path.read_text(encoding="utf-8"))

    assert data["size"] == 200 and data["corpus"]["passages"] == 200 and data["corpus"]["mismatch_count"] == 0
    assert {"cpu", "cores", "python", "whoosh", "sqlite", "git_commit"} <= set(data["machine"])

    for engine in ("referatsog", "baseline"):
        build = data["indexing"]["median"][engine]
        assert build["seconds"] > 0 and build["peak_rss_mb"] > 0 and build["index_bytes"] > 0
        assert data["incremental"]["median"][engine]["seconds"] > 0
        fn = data["query_function"]["median"][engine]
        assert 0 < fn["p50"] <= fn["p95"] <= fn["p99"]
        for clients in ("1", "2"):
            http = data["http"]["median"][engine][clients]
            assert 0 < http["p50"] <= http["p95"] <= http["p99"] and http["throughput_rps"] > 0
            assert http["errors_total"] == 0
    assert [run["passages"] for run in data["indexing"]["runs"]["referatsog"]] == [200]
    assert data["incremental"]["runs"]["referatsog"][0]["unchanged"] == data["corpus"]["files"] - 1
    assert set(data["indexing"]["ratio"]) >= {"seconds", "passages_per_s", "peak_rss_mb", "index_bytes"}
    assert data["query_function"]["ratio"]["p95"] > 0
    cold = data["query_function"]["cold"]  # every request with an empty term cache
    assert 0 < cold["median"]["p50"] <= cold["median"]["p95"] and len(cold["raw_ms"][0]) == 21

    per_query = data["query_function"]["per_query"]
    assert len(per_query) == len(query_mix("x", "y", "2020")) == 21
    # The filters name values the corpus holds: its biggest municipality, and that one's biggest year.
    corpus = tmp_path / "corpus" / "200"
    passages_in: Counter[tuple[str, str]] = Counter()
    for doc in load_manifest(corpus):
        passages_in[doc.municipality, str(doc.year)] += len(doc.passages)
    town, year = mix_filters(corpus)
    assert sum(n for (t, _), n in passages_in.items() if t == town) == max(
        sum(n for (t, _), n in passages_in.items() if t == other) for other, _ in passages_in)
    assert passages_in[town, year] > 0
    assert {tuple(sorted((k, tuple(v)) for k, v in q["filters"].items())) for q in per_query} == {
        (), (("municipality", (town,)),), (("municipality", (town,)), ("year", (year,)))}

    # The engines agree. The baseline ANDs the same stems (search.danish.terms) in SQLite FTS5, so
    # Referatsøg finds at least what it finds; Referatsøg's analysis also matches variants and
    # compound parts, so it may find more, but boundedly (at this size at most half as many
    # again, plus one). A case number and a phrase are matched alike: exactly the same count.
    for q in per_query:
        ours, theirs = q["referatsog_total"], q["baseline_total"]
        assert theirs <= ours <= 1.5 * theirs + 1, q
        if q["kind"] in ("case number", "phrase"):
            assert ours == theirs, q
    # Most queries find something in both engines, filtered ones included: a filter that names no
    # document (0 = 0) would make the comparison empty.
    found = [q for q in per_query if q["referatsog_total"] > 0 and q["baseline_total"] > 0]
    assert len(found) >= 10, [(q["kind"], q["filters"]) for q in per_query if q not in found]
    assert sum(1 for q in found if q["filters"]) >= 5
    for kind in ("common word", "very common word", "two words"):
        assert all(q in found for q in per_query if q["kind"] == kind), kind
    # A filter narrows: each filtered count is at most the count without it, in both engines.
    for engine in ("referatsog_total", "baseline_total"):
        for kind in {q["kind"] for q in per_query}:
            counts = [q[engine] for q in per_query if q["kind"] == kind]  # 0, 1 and 2 filters
            assert counts[0] >= counts[1] >= counts[2], (engine, kind, counts)
    assert "index_rate_ge_2000_per_s" in data["targets"]

    pdf = data["pdf"]  # the PDF path: generated PDF minutes, segmented as generated, built
    assert pdf["corpus"]["files"] == 2 and pdf["corpus"]["mismatch_count"] == 0 and pdf["corpus"]["pages"] >= 2
    assert pdf["median"]["referatsog"]["passages_per_s"] > 0 and pdf["median"]["referatsog"]["pages_per_s"] > 0
    assert [run["passages"] for run in pdf["runs"]["referatsog"]] == [pdf["corpus"]["passages"]]


def test_a_second_run_of_the_day_keeps_the_first_and_the_table_shows_the_newer(tmp_path):
    from bench.report import latest_by_size
    from bench.run import results_path

    first = results_path(tmp_path, "2026-12-01", 100000, "abc1234")
    assert first.name == "2026-12-01-100000.json"
    first.write_text(json.dumps({"size": 100000, "date": "2026-12-01T06:49:50+00:00"}), encoding="utf-8")
    second = results_path(tmp_path, "2026-12-01", 100000, "def5678")
    assert second.name == "2026-12-01-100000-def5678.json"
    second.write_text(json.dumps({"size": 100000, "date": "2026-12-01T07:17:33+00:00"}), encoding="utf-8")
    assert results_path(tmp_path, "2026-12-01", 100000, "def5678").name == "2026-12-01-100000-def5678-2.json"
    # The newer run sorts first by name ("-" before "."), but is chosen by when it started.
    assert latest_by_size(tmp_path)[100000]["_file"] == "2026-12-01-100000-def5678.json"
