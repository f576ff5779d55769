"""What a query that finds nothing costs ("Mente du …?" and the approximate hits), measured
against a baseline commit in the same run.

    python -m bench.typos INDEX_DIR [--baseline DIR] [--rounds 7]

The baseline is an export of another commit (`git archive COMMIT | tar -x -C DIR`); this
tree is measured against it over the same index. Each round starts one process per side,
alternating sides so load on the machine falls on both alike; a process opens the index,
runs one matching query (readers open, nothing of the fallback warm), then measures CPU time:

* `cold`: the first misspelt query of the process (nothing of the fallback cached: the first
  typo query after a commit or a restart);
* `other`: then a second misspelt query of other words (what a busy server pays);
* `repeat`: the first query again, median of five (paging through its approximate hits,
  clicking a facet).

Prints per side and measure the median over the rounds and the ratio this tree / baseline,
and checks that both sides answer alike (suggestion, notice, total, hit ids).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Eight misspelt words each (the most a query has looked up): typos in the query, swapped
# letters, æ/ø/å typed as a/o, a name; words the seeds and the synthetic archives both use.
FIRST = "integrtion flygtnige boligplasering socail kontorl beskaftigelse Vordinborg radet"
OTHER = "dagsordnen refreat indstilnig økonmoi borgeer udvalgte kommunne medborgerskab"
MEASURES = ("cold", "other", "repeat")


def worker(index_dir: str) -> dict:
    from search import SearchRequest, open_index

    assert Path(sys.modules["search"].__file__).resolve().parent.parent == Path(os.environ["PYTHONPATH"]).resolve()
    index = open_index(index_dir)

    def timed(query: str) -> tuple[float, dict]:
        start = time.process_time()
        response = index.search(SearchRequest(query=query))
        spent = time.process_time() - start
        return spent, {"suggestion": response.suggestion, "notice": response.notice, "total": response.total,
                       "hits": [h.id for h in response.hits]}

    index.search(SearchRequest(query="flygtninge"))
    cold, first = timed(FIRST)
    other, second = timed(OTHER)
    repeat = statistics.median(timed(FIRST)[0] for _ in range(5))
    return {"cold": cold, "other": other, "repeat": repeat, "answers": [first, second]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.typos", description=__doc__.split("\n")[0])
    parser.add_argument("index_dir")
    parser.add_argument("--baseline", type=Path, required=True, help="an export of the baseline commit")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.index_dir)))
        return 0
    sides = {"baseline": args.baseline.resolve(), "this tree": ROOT}
    runs: dict[str, list[dict]] = {side: [] for side in sides}
    for _ in range(args.rounds):
        for side, source in sides.items():
            env = dict(os.environ, PYTHONPATH=str(source))
            # This file as a script, the engine from the side's source (PYTHONPATH comes first).
            out = subprocess.run([sys.executable, __file__, str(Path(args.index_dir).resolve()),
                                  "--baseline", str(args.baseline), "--worker"],
                                 cwd=source, env=env, capture_output=True, text=True, check=True)
            runs[side].append(json.loads(out.stdout))
    alike = runs["baseline"][0]["answers"] == runs["this tree"][0]["answers"]
    print(f"{args.index_dir}: {args.rounds} rounds, CPU ms, median (min-max)")
    print(f"{'':10}" + "".join(f"{side:>26}" for side in sides) + f"{'ratio':>8}")
    for measure in MEASURES:
        cells, medians = [], []
        for side in sides:
            values = [1000 * run[measure] for run in runs[side]]
            medians.append(statistics.median(values))
            cells.append(f"{medians[-1]:8.1f} ({min(values):.1f}-{max(values):.1f})")
        print(f"{measure:10}" + "".join(f"{c:>26}" for c in cells) + f"{medians[1] / medians[0]:8.2f}")
    print("answers alike:", alike)
    for side in sides:
        print(f"  {side}: {runs[side][0]['answers'][0]['suggestion']!r} / {runs[side][0]['answers'][1]['suggestion']!r}")
    return 0 if alike else 1


if __name__ == "__main__":
    sys.exit(main())
