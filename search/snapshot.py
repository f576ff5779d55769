"""What one generation of the index knows beyond Whoosh: facet ordinals, sort orders, passage set.

Built lazily from a reader the first time a search needs it and then shared by every
thread searching that generation (document numbers are the same for every reader of one
generation), so a web server pays for reading a column once per commit, not per request
or per thread. A snapshot never keeps a reader: callers pass their own.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable
from typing import TypeVar

from whoosh.query import Term
from whoosh.searching import Searcher

from search.analysis import VALUE_SEPARATOR
from search.facets import Facet, FacetColumn
from search.schema import PASSAGE

T = TypeVar("T")

NEWEST, OLDEST = "newest", "oldest"


class Snapshot:
    """Lazily computed, immutable per-generation data; thread-safe."""

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self._lock = threading.Lock()
        self._data: dict[str, object] = {}

    def _get(self, key: str, build: Callable[[], T]) -> T:
        value = self._data.get(key)
        if value is None:
            with self._lock:
                value = self._data.get(key)
                if value is None:
                    value = build()
                    self._data[key] = value
        return value  # type: ignore[return-value]

    def passages(self, searcher: Searcher) -> frozenset[int]:
        """Document numbers of every live passage (file records excluded)."""
        return self._get("passages", lambda: frozenset(searcher.docs_for_query(Term("kind", PASSAGE))))

    def with_decision(self, searcher: Searcher) -> frozenset[int]:
        """Document numbers of the passages that have a decision."""
        return self._get("with_decision", lambda: frozenset(searcher.docs_for_query(Term("has_decision", "1"))))

    def facet_column(self, searcher: Searcher, facet: Facet) -> FacetColumn:
        return self._get(f"facet:{facet.name}", lambda: FacetColumn.load(searcher.reader(), facet.field))

    def rank(self, searcher: Searcher, sort: str) -> array:
        """`rank[docnum]`: the document's place in the given date order (smaller comes first)."""
        return self._get(f"rank:{sort}", lambda: _build_rank(searcher, sort))


def _build_rank(searcher: Searcher, sort: str) -> array:
    """Meetings newest (or oldest) first, the items of one meeting in their own order, undated last."""
    keys: list[tuple[str, str, str]] = []
    for leaf, _offset in searcher.reader().leaf_readers():
        if not leaf.has_column("order"):
            keys.extend([("", "", "")] * leaf.doc_count_all())
            continue
        for raw in leaf.column_reader("order", translate=False):
            parts = raw.decode("utf-8").split(VALUE_SEPARATOR) if raw else ()
            keys.append(tuple(parts) if len(parts) == 3 else ("", "", ""))  # type: ignore[arg-type]
    docnums = sorted(range(len(keys)), key=lambda d: (keys[d][1], keys[d][2]))
    if sort == NEWEST:
        docnums.sort(key=lambda d: keys[d][0], reverse=True)  # stable: item order survives
    else:
        docnums.sort(key=lambda d: (keys[d][0] == "", keys[d][0]))
    rank = array("I", bytes(4 * len(keys)))
    for place, docnum in enumerate(docnums):
        rank[docnum] = place
    return rank
