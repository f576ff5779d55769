"""A new searcher opens every file of its segments at once, so a later commit cannot take one away.

Segment files. Writers write non-compound segments (`compound=False`, `search.index_writer`):
each segment is a handful of plain files (terms, postings, one per column) that every
searcher opens and reads through the page cache, shared by all threads and processes. A
compound segment (one `.seg` file) would be memory-mapped, but Whoosh hands each reader a
`BytesIO` *copy* of every sub-file, so each per-thread searcher held a copy of the whole
index (6.8 GB for 12 threads at 100k passages; see docs/engine-performance.md). Indexes
written before this change keep their compound segments and stay readable as they are; the
next full build (`referatsog index --full`) or a merge that rewrites a segment writes it
non-compound. Atomicity is unchanged: the new segment's files carry the new segment's name
and only the renamed TOC makes them visible. Because a reader opens column files lazily and
a commit deletes the files of replaced segments, a new searcher opens all its files at once
(`open_segment_files`); an open file stays readable after deletion on POSIX systems.
"""

from __future__ import annotations

import errno
from typing import Any

from whoosh.codec.whoosh3 import _lenfield
from whoosh.searching import Searcher

# Columns every passage has a value of (`schema.passage_fields`): a segment holding passages
# has their files. Whoosh answers a missing column file as a column nobody wrote, so a deleted
# «order» file sorted every hit as undated instead of saying the index was damaged.
_PASSAGE_COLUMNS = ("order", "routine", "copy_key")


def open_segment_files(searcher: Searcher) -> None:
    """Open every file of the searcher's segments now, and remember which exist.

    A non-compound segment reader opens its column files (stored records, field lengths,
    facet and sort columns) lazily and asks the folder whether a column file exists each
    time a column is read. A commit deletes the files of the segments it merged away, so a
    searcher still answering a request for the previous generation could find a file gone
    (a column read as absent, or an error). Opened here, the files stay readable after
    deletion (POSIX), and existence is answered from the listing taken at opening.
    Raises OSError when a file vanished before it could be opened (a commit in between).
    """
    schema = searcher.schema
    for leaf, _offset in searcher.reader().leaf_readers():
        perdoc = getattr(leaf, "_perdoc", None)
        if perdoc is None or not leaf.doc_count_all():
            continue
        if not leaf.segment().is_compound():
            perdoc._storage = _FilesAtOpening(perdoc._storage)
        leaf.stored_fields(0)
        check_columns(leaf, schema)
        for name, field in schema.items():
            if field.scorable:
                leaf.doc_field_length(0, name)
            if field.column_type is not None and leaf.has_column(name):
                leaf.column_reader(name)


def check_columns(leaf: Any, schema: Any) -> None:
    """Raise FileNotFoundError naming the first column file the segment of `leaf` must have and
    lacks: Whoosh reads a missing one as a column nobody wrote (every length 0, every facet
    value empty) and answers on, wrongly."""
    perdoc = getattr(leaf, "_perdoc", None)
    if perdoc is None or not leaf.doc_count_all():
        return
    holds_passages = "kind" in schema and leaf.doc_frequency("kind", "passage") > 0
    for name, field in schema.items():
        if field.scorable and _has_terms(leaf, name) and not perdoc.has_column(_lenfield(name)):
            _missing(leaf, _lenfield(name))  # the field lengths BM25 divides by
        if field.column_type is None or leaf.has_column(name):
            continue
        # a facet's column (municipality, year, …) exists wherever its field has a value
        if (holds_passages and name in _PASSAGE_COLUMNS) or (field.indexed and _has_terms(leaf, name)):
            _missing(leaf, name)


def _missing(leaf: Any, column: str) -> None:
    raise FileNotFoundError(errno.ENOENT, "a column file of the segment is missing",
                            leaf.segment().make_filename(f".{column}.col"))


def _has_terms(leaf: Any, name: str) -> bool:
    """Whether any document of the segment has a term in the field `name`."""
    try:
        return next(iter(leaf.lexicon(name)), None) is not None
    except Exception:  # Whoosh raises a codec-specific error for a field without terms
        return False


class _FilesAtOpening:
    """A storage whose file listing is frozen at creation; everything else is the storage's."""

    def __init__(self, storage: Any) -> None:
        self._storage = storage
        self._names = frozenset(storage.list())

    def file_exists(self, name: str) -> bool:
        return name in self._names

    def __getattr__(self, name: str) -> Any:
        return getattr(self._storage, name)
