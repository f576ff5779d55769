"""The baseline: the same passages and queries in SQLite FTS5, as a Datasette user would set it up.

Text is pre-stemmed with `search.danish.terms` (the same folding, stop words and stems as
Referatsøg), so both engines match the same words. One FTS5 table holds title, decision
and body; an ordinary table holds the facet columns (indexed) and the passage record; a
table holds the topics (multi-valued). A search runs, like a Datasette page with facets:

* the count of matching rows,
* one `GROUP BY` per facet over the matching rowids, each with the *other* facets' filters
  (the same disjunctive counts Referatsøg shows), top 50 values,
* the page: `ORDER BY bm25(fts, 4, 2, 1)` (Referatsøg's title^4/decision^2/body boosts),
  10 rows with `snippet()` over the (stemmed) body.

Each statement re-evaluates the MATCH, as Datasette's facet queries do. `serve()` puts the
same search behind waitress with as many threads as `referatsog serve`, one connection per
thread, answering JSON, so HTTP figures compare like with like.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from indexer.models import Document, Passage
from search import FACETS, danish
from search.schema import body_text

SNIPPET_TOKENS = 32
FACET_LIMIT = 50
_COLUMNS = {"municipality": "municipality", "council": "council", "year": "year", "case_handler": "case_handler",
            "doc_type": "doc_type", "outcome": "outcome"}

SCHEMA = """
CREATE TABLE passages (
    rowid INTEGER PRIMARY KEY, id TEXT, source TEXT, record TEXT,
    municipality TEXT, council TEXT, year TEXT, case_handler TEXT, doc_type TEXT, outcome TEXT,
    case_number TEXT, has_decision INTEGER, sort_date TEXT
);
CREATE TABLE topics (rowid INTEGER, topic TEXT);
CREATE VIRTUAL TABLE fts USING fts5(title, decision, body, tokenize = "unicode61 remove_diacritics 0");
"""
INDEXES = """
CREATE INDEX passages_source ON passages(source);
CREATE INDEX passages_municipality ON passages(municipality);
CREATE INDEX passages_council ON passages(council);
CREATE INDEX passages_year ON passages(year);
CREATE INDEX passages_case_handler ON passages(case_handler);
CREATE INDEX passages_doc_type ON passages(doc_type);
CREATE INDEX passages_outcome ON passages(outcome);
CREATE INDEX passages_case_number ON passages(case_number);
CREATE INDEX topics_rowid ON topics(rowid);
CREATE INDEX topics_topic ON topics(topic);
"""


def stems(text: str) -> str:
    """The text as Referatsøg matches it: folded, stop words out, stemmed, space-separated."""
    return " ".join(danish.terms(text))


class Loader:
    """Writes documents into a new baseline database (one transaction, indexes at the end)."""

    def __init__(self, path: Path) -> None:
        path.unlink(missing_ok=True)
        self.conn = sqlite3.connect(path)
        self.conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        self.rowid = 0
        self.seconds = 0.0  # time spent in SQLite and stemming, not in reading files

    def add(self, document: Document) -> int:
        started = time.perf_counter()
        rows, topics, texts = [], [], []
        for passage in document.passages:
            self.rowid += 1
            rows.append(_row(self.rowid, passage))
            topics += [(self.rowid, t) for t in passage.topics]
            texts.append((self.rowid, stems(passage.title), stems(passage.decision), stems(body_text(passage))))
        self.conn.executemany("INSERT INTO passages VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        self.conn.executemany("INSERT INTO topics VALUES (?,?)", topics)
        self.conn.executemany("INSERT INTO fts (rowid, title, decision, body) VALUES (?,?,?,?)", texts)
        self.seconds += time.perf_counter() - started
        return len(rows)

    def replace(self, document: Document) -> int:
        """Incremental update of one file: delete its passages, add the new ones."""
        started = time.perf_counter()
        old = [r for (r,) in self.conn.execute("SELECT rowid FROM passages WHERE source = ?", (document.source,))]
        self.rowid = self.conn.execute("SELECT max(rowid) FROM passages").fetchone()[0] or 0
        for table in ("passages", "topics", "fts"):
            self.conn.executemany(f"DELETE FROM {table} WHERE rowid = ?", [(r,) for r in old])
        self.seconds += time.perf_counter() - started
        return self.add(document)

    def finish(self, create_indexes: bool = True) -> None:
        started = time.perf_counter()
        if create_indexes:
            self.conn.executescript(INDEXES + "INSERT INTO fts(fts) VALUES ('optimize'); ANALYZE;")
        self.conn.commit()
        self.conn.close()
        self.seconds += time.perf_counter() - started


def open_existing(path: Path) -> Loader:
    loader = Loader.__new__(Loader)
    loader.conn = sqlite3.connect(path)
    loader.rowid = 0
    loader.seconds = 0.0
    return loader


def _row(rowid: int, p: Passage) -> tuple:
    sort_date = p.meeting_date or (f"{p.year:04d}-12-31" if p.year else "")
    record = json.dumps(p.to_record(), ensure_ascii=False)
    return (rowid, p.id, p.source, record, p.municipality, p.council, str(p.year) if p.year else None,
            p.case_handler, p.doc_type, p.outcome, (p.case_number or "").lower() or None, int(p.has_decision), sort_date)


# --- searching -----------------------------------------------------------------------------

_CASE = re.compile(r"^(?:sagsnr|case_number):(\S+)$")


def fts_query(text: str) -> tuple[str | None, str | None]:
    """(FTS5 MATCH string, case number) for a query of the mix: words AND-ed, "phrases" kept."""
    case = _CASE.match(text.strip())
    if case:
        return None, case.group(1).lower()
    parts = []
    for phrase, words in re.findall(r'"([^"]*)"|(\S+)', text):
        terms = danish.terms(phrase or words)
        if not terms:
            continue
        parts.append('"' + " ".join(terms) + '"' if phrase else " AND ".join(f'"{t}"' for t in terms))
    return (" AND ".join(parts) or None), None


def _where(match: str | None, case: str | None, filters: dict[str, tuple[str, ...]], skip: str | None = None) -> tuple[str, list]:
    clauses, args = [], []
    if match is not None:
        clauses.append("p.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
        args.append(match)
    if case is not None:
        clauses.append("p.case_number = ?")
        args.append(case)
    for name, values in filters.items():
        if name == skip or not values:
            continue
        marks = ",".join("?" * len(values))
        if name == "topic":
            clauses.append(f"p.rowid IN (SELECT rowid FROM topics WHERE topic IN ({marks}))")
        else:
            clauses.append(f"p.{_COLUMNS[name]} IN ({marks})")
        args += list(values)
    return (" AND ".join(clauses) or "1"), args


def search(conn: sqlite3.Connection, text: str, filters: dict[str, tuple[str, ...]], page_size: int = 10) -> dict[str, Any]:
    """Total, facet counts and one page of hits with snippets, as Referatsøg's search answers."""
    match, case = fts_query(text)
    where, args = _where(match, case, filters)
    total = conn.execute(f"SELECT count(*) FROM passages p WHERE {where}", args).fetchone()[0]
    facets: dict[str, dict[str, int]] = {}
    for name in FACETS:
        fw, fargs = _where(match, case, filters, skip=name)
        if name == "topic":
            sql = (f"SELECT t.topic, count(*) AS n FROM passages p JOIN topics t ON t.rowid = p.rowid "
                   f"WHERE {fw} GROUP BY t.topic ORDER BY n DESC LIMIT {FACET_LIMIT}")
        else:
            col = _COLUMNS[name]
            sql = (f"SELECT p.{col}, count(*) AS n FROM passages p WHERE {fw} AND p.{col} IS NOT NULL "
                   f"GROUP BY p.{col} ORDER BY n DESC LIMIT {FACET_LIMIT}")
        facets[name] = dict(conn.execute(sql, fargs).fetchall())
    if match is not None:
        hw, hargs = _where(None, case, filters)
        sql = (f"SELECT p.id, p.record, snippet(fts, 2, '<mark>', '</mark>', '…', {SNIPPET_TOKENS}), "
               f"bm25(fts, 4.0, 2.0, 1.0) AS score FROM fts JOIN passages p ON p.rowid = fts.rowid "
               f"WHERE fts MATCH ? AND {hw} ORDER BY score LIMIT ?")
        rows = conn.execute(sql, [match, *hargs, page_size]).fetchall()
    else:
        sql = (f"SELECT p.id, p.record, substr(fts.body, 1, 240), 0.0 FROM passages p JOIN fts ON fts.rowid = p.rowid "
               f"WHERE {where} ORDER BY p.sort_date DESC LIMIT ?")
        rows = conn.execute(sql, [*args, page_size]).fetchall()
    hits = []
    for pid, record, snip, score in rows:
        data = json.loads(record)
        hits.append({"id": pid, "title": data.get("title"), "municipality": data.get("municipality"),
                     "meeting_date": data.get("meeting_date"), "score": -score, "snippet": snip})
    return {"query": text, "total": total, "hits": hits, "facets": facets}


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    conn.execute("PRAGMA cache_size = -65536")  # 64 MB page cache, per connection
    return conn


# --- serving --------------------------------------------------------------------------------


def make_app(path: Path):  # noqa: ANN201 (a WSGI callable)
    local = threading.local()

    def app(environ: dict, start_response) -> Iterable[bytes]:  # noqa: ANN001
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = connect(path)
        params = parse_qs(environ.get("QUERY_STRING", ""))
        text = (params.get("q") or [""])[-1]
        filters = {name: tuple(params[name]) for name in FACETS if params.get(name)}
        body = json.dumps(search(conn, text, filters), ensure_ascii=False).encode("utf-8")
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    return app


def serve(path: Path, port: int, threads: int = 12) -> None:
    import waitress

    print(f"baseline on http://127.0.0.1:{port}/", flush=True)
    waitress.serve(make_app(path), host="127.0.0.1", port=port, threads=threads, ident="baseline")


def documents(paths: Iterable[Path], root: Path) -> Iterator[Document]:
    from indexer.pipeline import read_document

    for path in paths:
        yield read_document(path, root)
