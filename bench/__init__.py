"""Referatsøg's benchmarks: a synthetic archive, indexing and query runs, an SQLite FTS5 baseline.

Run with `python -m bench` (see bench/__main__.py and docs/benchmarks.md).
"""
