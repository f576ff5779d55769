"""`referatsog eval --record-floors`: the measured figures, less 0.02 and rounded down to two
decimals, become the floors the relevance test holds the engine to (docs/relevance.md, "Run
it"). The floors are replaced, not merged: a deliberate trade-off may lower one, so the file
is not "never lowered" (search.relevance.floors_from).

The command writes `search.relevance.FLOORS`, a module constant with no option to move it:
the tests point it (and `load_floors`' default, bound to it at import) at a file in tmp_path,
so bench/relevance/floors.json is never touched.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import search.relevance as relevance
from indexer.cli import main

ROOT = Path(__file__).resolve().parent.parent
TOLERANCE = 1e-6  # the JSON rounds the measured figures to 4 decimals


@pytest.fixture
def floors_file(tmp_path, monkeypatch):
    path = tmp_path / "floors.json"
    monkeypatch.setattr(relevance, "FLOORS", path)
    return path


def measured_and_exit(*args: str) -> tuple[dict[str, dict[str, float]], int, str]:
    result = CliRunner().invoke(main, ["eval", "--json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    summary = json.loads(result.stdout)["summary"]
    measured = {t: {m: v for m, v in ms.items() if m != "queries"} for t, ms in summary.items()}
    return measured, result.exit_code, result.stderr


def test_recording_writes_the_measured_figures_less_the_margin_and_then_passes(floors_file):
    real_floors = (ROOT / "bench" / "relevance" / "floors.json").read_bytes()
    measured, code, err = measured_and_exit("--record-floors")

    assert code == 0 and "Under gulvet" not in err
    floors = json.loads(floors_file.read_text(encoding="utf-8"))["floors"]
    # every query type the run measured, and the overall figure, has a floor for every metric
    assert set(floors) == set(measured) and "overall" in floors and len(floors) > 5
    for type_, metrics in measured.items():
        assert set(floors[type_]) == set(relevance.METRICS) == set(metrics)
        for metric, value in metrics.items():
            floor = floors[type_][metric]
            assert round(floor, 2) == floor, (type_, metric, floor)
            # measured − 0.02, rounded down to the hundredth below (never below zero)
            assert max(0.0, value - 0.03) - TOLERANCE <= floor <= max(0.0, value - 0.02) + TOLERANCE, (
                type_, metric, value, floor)
    # the figures are real measurements, not zeros written over the file
    assert floors["overall"]["ndcg"] > 0.5 and floors["overall"]["recall"] > 0.5
    assert (ROOT / "bench" / "relevance" / "floors.json").read_bytes() == real_floors


def test_recording_replaces_floors_the_engine_does_not_reach_and_eval_alone_keeps_them(floors_file):
    unreachable = {"floors": {"overall": {"ndcg": 1.5, "mrr": 1.5, "recall": 1.5}}}
    floors_file.write_text(json.dumps(unreachable), encoding="utf-8")

    # without the flag the file is only read: the run is under its floor and says so
    measured, code, err = measured_and_exit()
    assert code == 1 and "Under gulvet: i alt: nDCG@10" in err
    assert json.loads(floors_file.read_text(encoding="utf-8")) == unreachable

    # with it, the floors are what was measured (lowered here: replaced, not kept at the maximum)
    measured, code, err = measured_and_exit("--record-floors")
    assert code == 0 and "Under gulvet" not in err
    overall = json.loads(floors_file.read_text(encoding="utf-8"))["floors"]["overall"]
    assert overall["ndcg"] <= measured["overall"]["ndcg"] - 0.02 + TOLERANCE < 1.5
