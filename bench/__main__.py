"""`python -m bench quick | full | size N | generate N | table`: Referatsøg's benchmarks.

    python -m bench quick            # 1k and 10k passages, a few minutes
    python -m bench full             # 10k and 100k (add --with-1m for a million)
    python -m bench size 1000        # one size with the quick settings
    python -m bench generate 100000  # only write the corpus (bench/corpus/100000)
    python -m bench table            # the results table of bench/results/*.json, as Markdown

Corpora go to bench/corpus/, indexes to bench/work/ (both git-ignored), results to
bench/results/<date>-<size>.json. See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench import run

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("quick", "full", "size", "generate", "table"))
    parser.add_argument("size", nargs="?", type=int)
    parser.add_argument("--corpus-dir", type=Path, default=ROOT / "bench" / "corpus")
    parser.add_argument("--work-dir", type=Path, default=ROOT / "bench" / "work")
    parser.add_argument("--results-dir", type=Path, default=run.RESULTS)
    parser.add_argument("--with-1m", action="store_true", help="full suite: also a million passages")
    args = parser.parse_args(argv)

    if args.command == "generate":
        from bench.generate import generate

        print(generate(args.size, args.corpus_dir / str(args.size)))
        return 0
    if args.command == "table":
        from bench.report import table

        print(table(args.results_dir))
        return 0
    if args.command == "size":
        plans = {args.size: run.QUICK.get(args.size) or run.FULL.get(args.size) or run.Profile()}
        suite = "size"
    elif args.command == "quick":
        plans, suite = run.QUICK, "quick"
    else:
        plans = {k: v for k, v in run.FULL.items() if k < 1_000_000 or args.with_1m}
        suite = "full"
    for size, profile in plans.items():
        path = run.run_size(size, profile, suite, args.corpus_dir, args.work_dir, args.results_dir)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
