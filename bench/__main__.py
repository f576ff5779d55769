"""`python -m bench quick | full | size N | generate N | table`: Referatsøg's benchmarks.

    python -m bench quick            # 1k and 10k passages, a few minutes
    python -m bench full             # 10k and 100k (add --with-1m for a million)
    python -m bench size 1000        # one size with the quick settings
    python -m bench smoke            # 200 passages, every step, seconds (tests/test_bench.py)
    python -m bench generate 100000  # only write the corpus (bench/corpus/100000)
    python -m bench table            # the results table of bench/results/*.json, as Markdown

Corpora go to bench/corpus/, indexes to bench/work/ (both git-ignored), results to
bench/results/<date>-<size>.json. See docs/benchmarks.md.

quick, full and size measure the last commit, not the working tree: other engineers edit
the engine in the same tree while a run takes minutes, and a half-edited schema would
rebuild the index under the benchmark. The commit is exported with `git archive` into
bench/work/src-<commit>/ and the run continues from there (`--working-tree` to measure
uncommitted code instead; smoke always uses the working tree).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from bench import run

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("quick", "full", "size", "smoke", "generate", "table"))
    parser.add_argument("size", nargs="?", type=int)
    parser.add_argument("--corpus-dir", type=Path, default=ROOT / "bench" / "corpus")
    parser.add_argument("--work-dir", type=Path, default=ROOT / "bench" / "work")
    parser.add_argument("--results-dir", type=Path, default=run.RESULTS)
    parser.add_argument("--with-1m", action="store_true", help="full suite: also a million passages")
    parser.add_argument("--working-tree", action="store_true", help="measure uncommitted code, not the last commit")
    parser.add_argument("--reuse-indexes", action="store_true",
                        help="size: query an earlier run's indexes instead of building them (no build figures)")
    args = parser.parse_args(argv)

    if args.command in ("quick", "full", "size") and not args.working_tree and not os.environ.get(SNAPSHOT_ENV):
        return _from_snapshot(args, sys.argv[1:] if argv is None else argv)

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
    elif args.command == "smoke":
        plans, suite = run.SMOKE, "smoke"
    elif args.command == "quick":
        plans, suite = run.QUICK, "quick"
    else:
        plans = {k: v for k, v in run.FULL.items() if k < 1_000_000 or args.with_1m}
        suite = "full"
    for size, profile in plans.items():
        path = run.run_size(size, profile, suite, args.corpus_dir, args.work_dir, args.results_dir,
                            reuse_indexes=args.reuse_indexes)
        print(path)
    return 0


SNAPSHOT_ENV = "REFERATSOG_BENCH_SNAPSHOT"


def _from_snapshot(args: argparse.Namespace, argv: list[str]) -> int:
    """Re-run this command from an export of HEAD (results and data still go to this tree)."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.strip()
    source = args.work_dir.resolve() / f"src-{commit}"
    if not source.exists():
        partial = source.with_name(source.name + ".part")
        partial.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(partial)], input=archive, check=True)
        partial.rename(source)
    env = dict(os.environ, PYTHONPATH=str(source), **{SNAPSHOT_ENV: commit})
    dirs = ["--corpus-dir", str(args.corpus_dir.resolve()), "--work-dir", str(args.work_dir.resolve()),
            "--results-dir", str(args.results_dir.resolve())]
    print(f"measuring commit {commit} from {source}", file=sys.stderr, flush=True)
    return subprocess.run([sys.executable, "-m", "bench", *argv, *dirs], cwd=source, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
