"""What one generation of the index knows beyond Whoosh: facet ordinals, sort orders, passage set.

Built lazily from a reader the first time a search needs it and then shared by every
thread searching that generation (document numbers are the same for every reader of one
generation), so a web server pays for reading a column once per commit, not per request
or per thread. A snapshot never keeps a reader: callers pass their own.

Besides these fixed per-generation values a snapshot holds a bounded cache (`TermCache`,
least recently used first out, by estimated bytes; `TERM_CACHE_BYTES`) of what requests
read from posting lists: each term's postings as arrays (`Postings`: document numbers and
weights, read a block at a time instead of a matcher step per document) and the document
sets of terms, phrases and other queries (`docs`), so the matching set of AND-ed words is
an intersection of cached sets in C. A new generation gets a new snapshot and so an empty
cache: nothing cached can outlive the commit it was read from. `SearchIndex` retires the
caches of older snapshots when a newer generation appears.
"""

from __future__ import annotations

import os
import sys
import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict
from itertools import accumulate, chain, compress
from json import loads as loads_json
from pickle import loads
from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

from whoosh.formats import Positions
from whoosh.system import _INT_SIZE
from whoosh.matching import FilterMatcher
from whoosh.query import And, NullQuery, Or, Phrase, Query, Term
from whoosh.reading import TermNotFound
from whoosh.searching import Searcher

from search.columns import byte_lengths, length_bytes, set_bits
from search.copies import build_copies, group_copies
from search.facets import FACETS, FACETS_BY_NAME, SMALL_SET, Facet, FacetColumn, sorted_docnums
from search.orders import ADDED_AT, DAYS, NEWEST, OLDEST, build_ranks
from search.postings import EXTENSION, PostingArrays
from search.schema import FILE, PASSAGE, RECORD_LATER, TEXT_FIELDS

T = TypeVar("T")


# The term cache's budget per generation (estimated bytes of cached postings and sets):
# at least 64 MB, and 256 bytes per document above that. One value may take a quarter of
# the budget, and a common word's matching set costs ~70 bytes per match (a frozenset of
# ints), so a fixed 64 MB cached nothing of the words in 40 % of a million passages: every
# request rebuilt their sets, and warm requests cost as much as cold ones (1M: p95 1.65 s).
TERM_CACHE_BYTES = 64 * 2**20
TERM_CACHE_BYTES_PER_DOCUMENT = 256


def term_cache_bytes(documents: int) -> int:
    """The term cache's budget for an index of `documents` documents.

    >>> term_cache_bytes(100_000) // 2**20, term_cache_bytes(1_000_000) // 2**20
    (64, 244)
    """
    return max(TERM_CACHE_BYTES, documents * TERM_CACHE_BYTES_PER_DOCUMENT)


@dataclass(frozen=True)
class Postings:
    """One term's postings in the whole index: ascending document numbers and their weights."""

    ids: array  # "I": index-wide document numbers, deleted documents left out
    weights: array  # "f": the posting weights, as Whoosh's matchers return them

    def leaf(self, start: int, end: int) -> tuple[int, int]:
        """The slice of the postings whose document numbers lie in [start, end)."""
        return bisect_left(self.ids, start), bisect_left(self.ids, end)

    def nbytes(self) -> int:
        return 8 * len(self.ids) + 200


class TermCache:
    """A thread-safe LRU map bounded by the estimated size of its values."""

    def __init__(self, budget: int = TERM_CACHE_BYTES) -> None:
        self.budget = budget
        self.used = 0
        self.hits = self.misses = 0
        self._lock = threading.Lock()
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()

    def get(self, key: Hashable, build: Callable[[], T], size: Callable[[T], int]) -> T:
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return item[0]  # type: ignore[no-any-return]
            self.misses += 1
        value = build()  # outside the lock: other threads keep answering meanwhile
        nbytes = size(value)
        with self._lock:
            if nbytes <= self.budget // 4 and key not in self._items:
                self._items[key] = (value, nbytes)
                self.used += nbytes
                while self.used > self.budget:
                    _key, (_value, freed) = self._items.popitem(last=False)
                    self.used -= freed
        return value

    def retire(self) -> None:
        """Drop everything and cache nothing more (the generation is no longer the newest)."""
        with self._lock:
            self.budget = 0
            self._items.clear()
            self.used = 0


def set_bytes(docs: frozenset[int]) -> int:
    """Estimated memory of a set of document numbers: its table and its int objects."""
    return sys.getsizeof(docs) + 32 * len(docs)


class Snapshot:
    """Lazily computed, immutable per-generation data; thread-safe."""

    def __init__(self, generation: int, cache_bytes: int = TERM_CACHE_BYTES) -> None:
        self.generation = generation
        self._lock = threading.RLock()  # a value may be built from another (norms from lengths)
        self._data: dict[str, object] = {}
        # Estimated bytes of the kept parts whose `kept` call was given a size: kept beside the
        # term cache, outside its budget, for the generation's life.
        self.kept_bytes: dict[str, int] = {}
        self.cache = TermCache(cache_bytes)

    def kept(self, key: str, build: Callable[[], T], size: Callable[[T], int] | None = None) -> T:
        """The part of this generation under `key`, built by `build()` once (by one thread)
        and kept; a `build` that returns None is called again next time. `size`: its estimated
        bytes, recorded in `kept_bytes`."""
        value = self._data.get(key)
        if value is None:
            with self._lock:
                value = self._data.get(key)
                if value is None:
                    value = build()
                    self._data[key] = value
                    if size is not None and value is not None:
                        self.kept_bytes[key] = size(value)
        return value  # type: ignore[return-value]

    def warm(self, searcher: Searcher) -> bool:
        """Build every part that searches of this generation share, whatever they ask: facet
        columns, passage and decision sets, routine items, field lengths, posting arrays and
        both date orders (1M: 2–3 s, paid otherwise by the first searches after a commit).
        True if this call built them."""
        built = False

        def build() -> bool:
            nonlocal built
            for facet in FACETS:
                self.facet_column(searcher, facet)
            self.passages(searcher)
            self.copies(searcher)
            self.with_decision(searcher)
            self.routine_mask(searcher)
            self.posting_arrays(searcher)
            for field in TEXT_FIELDS:
                self.field_lengths(searcher, field)
            for sort in (NEWEST, OLDEST):
                self.rank(searcher, sort)
            self.season_ends(searcher)
            built = True
            return True

        self.kept("warm", build)
        return built

    def season_ends(self, searcher: Searcher) -> dict[int, int]:
        """Per document number of an annual report that covers more than its year («2024-2025»,
        `Passage.period`), its last year: a period of dates holds it when any of its years overlap
        (`query.period_docs`). Read from the reports' stored records (where a report's period is
        alone), a few per cent of an archive's passages: 100k, some 90 ms."""

        def build() -> dict[int, int]:
            from indexer.models import AARSBERETNING

            doc_types = self.facet_column(searcher, FACETS_BY_NAME["doc_type"])
            annual = [o for o, labels in enumerate(doc_types.labels) if AARSBERETNING in labels]
            ends = {}
            for doc in np.flatnonzero(np.isin(doc_types.ords_np[:searcher.doc_count_all()], annual)).tolist():
                later = searcher.stored_fields(doc).get(RECORD_LATER)
                period = loads_json(later).get("period") if later else None
                last = period.rpartition("-")[2] if isinstance(period, str) else ""
                if last.isdigit():
                    ends[doc] = int(last)
            return ends

        return self.kept("season-ends", build)

    def copies(self, searcher: Searcher) -> dict[int, tuple[int, bytes]]:
        """Live passages that have a copy in another file (the same agenda item: `schema.copy_key`),
        each mapped to its group and its rank in the group (preference, then source path; the
        passages of one source share it). A search shows, of each group, the matching passages
        of the best-ranked source among those that matched (`query._without_copies`)."""
        return self.kept("copies", lambda: build_copies(searcher))

    def copies_of(self, searcher: Searcher, docnum: int) -> list[int]:
        """The other passages of `docnum`'s copy group, best-ranked first (empty if it has none)."""
        copies = self.copies(searcher)
        if docnum not in copies:
            return []
        groups = self.kept("copy_groups", lambda: group_copies(copies))
        return [d for d in groups[copies[docnum][0]] if d != docnum]

    def passages(self, searcher: Searcher) -> frozenset[int]:
        """Document numbers of every live passage (file records excluded)."""
        return self.kept("passages", lambda: self._term_docs(searcher, "kind", PASSAGE))

    def files(self, searcher: Searcher) -> frozenset[int]:
        """Document numbers of every live file record (one per indexed source file)."""
        return self.kept("files", lambda: self._term_docs(searcher, "kind", FILE))

    def hits_array(self, searcher: Searcher, key: Hashable, hits: frozenset[int]) -> Collection[int]:
        """`hits` as facets and scoring take them (`facets.docnum_array`: ascending, or the set
        itself when small), cached under `key`, which must name exactly this set in this
        generation (a query's matching set before facet filters): repeating a search, or
        browsing every passage, converts nothing."""
        if len(hits) < SMALL_SET:
            return hits
        return self.cache.get(("hits-array", key), lambda: sorted_docnums(hits, searcher.doc_count_all()),
                              lambda found: found.nbytes + 100)

    def with_decision(self, searcher: Searcher) -> frozenset[int]:
        """Document numbers of the passages that have a decision."""
        return self.kept("with_decision", lambda: self._term_docs(searcher, "has_decision", "1"))

    def _term_docs(self, searcher: Searcher, field: str, text: str) -> frozenset[int]:
        """A term's live documents, from the posting arrays where the segments have them (a term
        in every passage: ~0.4 s at 1M through Whoosh's matcher, ~0.05 s from the arrays)."""
        return frozenset(read_postings(searcher, field, text, self.posting_arrays(searcher)).ids)

    def facet_column(self, searcher: Searcher, facet: Facet) -> FacetColumn:
        return self.kept(f"facet:{facet.name}", lambda: FacetColumn.load(searcher.reader(), facet.field))

    def rank(self, searcher: Searcher, sort: str) -> array:
        """`rank[docnum]`: the document's place in the given date order (smaller comes first).
        Both orders are built at once: they share reading and sorting the order keys."""
        return self._ranks(searcher)[sort]

    def days(self, searcher: Searcher) -> np.ndarray:
        """`days[docnum]`: the date a document sorts by as the number YYYYMMDD (0: undated),
        read with the date orders (`rank`)."""
        return self._ranks(searcher)[DAYS]

    def added_at(self, searcher: Searcher) -> np.ndarray:
        """`added_at[docnum]`: when the document first entered the index, UTC seconds (0: not
        known, as in an index written before the column), read with the date orders (`rank`)."""
        return self._ranks(searcher)[ADDED_AT]

    def _ranks(self, searcher: Searcher) -> dict[str, Any]:
        return self.kept("ranks", lambda: build_ranks(searcher, self.copies(searcher)))


    def routine(self, searcher: Searcher) -> frozenset[int]:
        """Document numbers of routine agenda items (the `routine` column)."""
        return self.kept("routine", lambda: _column_docs(searcher, "routine"))

    def routine_mask(self, searcher: Searcher) -> np.ndarray:
        """`routine` as a boolean per document number."""
        def build() -> np.ndarray:
            mask = np.zeros(searcher.doc_count_all(), dtype=bool)
            routine = self.routine(searcher)
            mask[np.fromiter(routine, dtype=np.intp, count=len(routine))] = True
            return mask

        return self.kept("routine-mask", build)

    def field_lengths(self, searcher: Searcher, field: str) -> array:
        """`lengths[docnum]`: the field's length as Whoosh's scorer reads it (1 where absent)."""
        return self.kept(f"lengths:{field}", lambda: _build_lengths(searcher, field))

    def postings(self, searcher: Searcher, field: str, text: str | bytes) -> Postings:
        """A term's postings (cached)."""
        key = ("postings", field, text)
        return self.cache.get(key, lambda: read_postings(searcher, field, text, self.posting_arrays(searcher)),
                              Postings.nbytes)

    def posting_arrays(self, searcher: Searcher) -> list[PostingArrays | None]:
        """Each segment's posting arrays (`search.postings`), None for a segment without them."""
        return self.kept("posting-arrays", lambda: [_open_arrays(leaf) for leaf, _ in searcher.reader().leaf_readers()])

    def docs(self, searcher: Searcher, query: Query) -> frozenset[int]:
        """Document numbers matching `query` (what `docs_for_query` gives), from cached parts.

        Terms come from their cached postings, AND and OR are set operations in C, and any
        other query (phrases, prefixes) is answered by Whoosh once and cached whole.
        """
        if isinstance(query, Term):
            return self.cache.get(("docs", query.fieldname, query.text),
                                  lambda: frozenset(self.postings(searcher, query.fieldname, query.text).ids), set_bytes)
        if isinstance(query, And) and query.subqueries and type(query) is And:
            parts = sorted((self.docs(searcher, q) for q in query.subqueries), key=len)
            result = parts[0]
            for part in parts[1:]:
                if not result:
                    break
                result = result & part
            return result
        if isinstance(query, Or) and type(query) is Or and query.subqueries:
            return frozenset().union(*(self.docs(searcher, q) for q in query.subqueries))
        if query is NullQuery:
            return frozenset()
        if type(query) is Phrase and len(query.words) > 1 and not query.char_ranges and query.boost == 1.0:
            return self.cache.get(("phrase", query.fieldname, tuple(query.words), query.slop),
                                  lambda: self._phrase_docs(searcher, query), set_bytes)
        key = ("query", query)
        return self.cache.get(key, lambda: frozenset(searcher.docs_for_query(query)), set_bytes)


    def _phrase_docs(self, searcher: Searcher, query: Phrase) -> frozenset[int]:
        """Documents where the phrase occurs: Whoosh's phrase test on the candidates' positions.

        Candidates are the documents holding every word (cached sets, intersected in C);
        each candidate's positions are decoded from the cached postings and tested as
        Whoosh's `SpanNear2` tests them (`_spans_match`), without its matcher tree.
        """
        field, words = query.fieldname, list(query.words)
        schema_field = searcher.schema[field] if field in searcher.schema else None
        if schema_field is None or not schema_field.format or not schema_field.format.supports("positions"):
            return frozenset(searcher.docs_for_query(query))
        sets = sorted((self.docs(searcher, Term(field, w)) for w in words), key=len)
        candidates = sets[0]
        for other in sets[1:]:
            candidates = candidates & other
        if not candidates:
            return frozenset()
        positions = [self.cache.get(("positions", field, w), lambda w=w: read_positions(searcher, field, w),
                                    lambda pv: pv[0].nbytes() + sum(map(len, pv[1])) + 33 * len(pv[1]))
                     for w in words]
        if query.slop == 1:
            return _consecutive_docs(candidates, positions, schema_field.format)
        decode = _position_decoder(schema_field.format)
        found = []
        for d in candidates:
            lists = []
            for postings, values in positions:
                i = bisect_left(postings.ids, d)
                lists.append(decode(values[i]))
            if _spans_match(lists, query.slop):
                found.append(d)
        return frozenset(found)


def _consecutive_docs(candidates: frozenset[int], positions: list[tuple[Postings, list[bytes]]], format_: Any) -> frozenset[int]:
    """The candidates holding the phrase with slop 1: word k at p + k for some position p of
    word 0 (what `_spans_match` answers for slop 1, where a span grows only by a word right
    after its end), for all candidates at once. Each word's positions become keys
    (candidate, position - k) and the keys of all words are intersected (1M, a three-word
    phrase in 38,805 passages: a loop per candidate took ~150 ms per field, this ~45)."""
    docs = np.sort(np.fromiter(candidates, dtype=np.int64, count=len(candidates)))
    row = np.arange(len(docs), dtype=np.int64)
    starts: np.ndarray | None = None
    for k, (postings, values) in enumerate(positions):
        at = np.searchsorted(np.frombuffer(postings.ids, dtype=np.uint32), docs)
        counts, flat = _decode_positions(values, at.tolist(), format_)
        keys = (np.repeat(row, counts) << 32) | (flat + (len(positions) - k))  # + len: never negative
        starts = keys if starts is None else np.intersect1d(starts, keys)  # a position may repeat
        if not len(starts):
            return frozenset()
    assert starts is not None
    return frozenset(docs[np.unique(starts >> 32)].tolist())


_PICKLE_2, _STOP = b"\x80\x02", ord(".")
_UNPICKLE_CHUNK = 256  # few enough new lists at once that the cyclic GC stays in its youngest generation


def _decode_positions(values: list[bytes], at: list[int], format_: Any) -> tuple[np.ndarray, np.ndarray]:
    """The positions of the postings `values[i]` for i in `at`: each one's count, and all of
    them in a row, ascending within each posting.

    For Whoosh's `Positions` encoding (a count, then a protocol-2 pickle of the deltas, its
    STOP opcode sometimes cut) the pickles' bodies, each of which builds one list, are joined
    into one pickle of a tuple per chunk: one `loads` per 256 postings instead of one each,
    and the deltas are summed per posting by numpy.
    """
    picked = [values[i] for i in at]
    counts, flat = array("q"), array("q")
    whooshs = type(format_).encode is Positions.encode and type(format_).decode_positions is Positions.decode_positions
    if whooshs and picked and picked[0][_INT_SIZE:_INT_SIZE + 2] == _PICKLE_2:  # as `Positions.encode` makes every value
        start = _INT_SIZE + 2
        for i in range(0, len(picked), _UNPICKLE_CHUNK):
            chunk = picked[i:i + _UNPICKLE_CHUNK]
            lists = loads(_PICKLE_2 + b"(" + b"".join([v[start:-1] if v[-1] == _STOP else v[start:] for v in chunk]) + b"t.")
            counts.extend(map(len, lists))
            flat.extend(chain.from_iterable(lists))
        sizes = np.frombuffer(counts, dtype=np.int64)
        summed = np.concatenate(([0], np.cumsum(np.frombuffer(flat, dtype=np.int64))))
        firsts = np.cumsum(sizes) - sizes  # where each posting's deltas begin in `flat`
        return sizes, summed[1:] - np.repeat(summed[firsts], sizes)
    decode = _position_decoder(format_)
    for value in picked:
        decoded = decode(value)
        counts.append(len(decoded))
        flat.extend(decoded)
    return np.frombuffer(counts, dtype=np.int64), np.frombuffer(flat, dtype=np.int64)


def _position_decoder(format_: Any) -> Callable[[bytes], list[int]]:
    """The format's `decode_positions`; for Whoosh's `Positions` encoding (a count, then a
    pickled list of deltas) the same list summed in C instead of a Python loop."""
    if type(format_).decode_positions is not Positions.decode_positions:
        return format_.decode_positions  # type: ignore[no-any-return]

    def decode(value: bytes) -> list[int]:
        return list(accumulate(loads(value[_INT_SIZE:] if value.endswith(b".") else value[_INT_SIZE:] + b".")))

    return decode


def _spans_match(positions: list[list[int]], slop: int) -> bool:
    """Whoosh's `SpanNear2Matcher._get_spans` (ordered, mindist 1) on position lists: is there a span?

    Spans are (start, end) pairs; the distance of two spans is 0 when they overlap, else the
    gap between them; each next word must follow the span so far at a distance in 1..slop.
    """
    aspans = [(p, p) for p in positions[0]]
    i = 1
    while i < len(positions) and aspans:
        bspans = [(p, p) for p in positions[i]]
        spans = set()
        for a_start, a_end in aspans:
            j = bisect_left(bspans, (a_start, -1))  # the first span starting at or after a_start
            while j < len(bspans):
                b_start, b_end = bspans[j]
                j += 1
                if b_end < a_start - slop or a_start > b_start:
                    continue
                if b_start > a_end + slop:
                    break
                overlaps = (a_start <= b_start <= a_end or a_start <= b_end <= a_end
                            or b_start <= a_start <= b_end or b_start <= a_end <= b_end)
                dist = 0 if overlaps else (b_start - a_end if a_end < b_start else a_start - b_end)
                if 1 <= dist <= slop:
                    spans.add((min(a_start, b_start), max(a_end, b_end)))
        aspans = sorted(spans)
        i += 1
    return i == len(positions) and bool(aspans)


def read_postings(
    searcher: Searcher, field: str, text: str | bytes, arrays: list[PostingArrays | None] | None = None
) -> Postings:
    """Every live posting of one term: from a segment's posting arrays where they hold the term
    (`arrays`, one per segment in reader order), else read a block at a time from Whoosh's."""
    return _read_postings(searcher, field, text, with_values=False, arrays=arrays)[0]


def read_positions(searcher: Searcher, field: str, text: str | bytes) -> tuple[Postings, list[bytes]]:
    """A term's postings and, aligned with them, each posting's encoded positions."""
    return _read_postings(searcher, field, text, with_values=True)


def _open_arrays(leaf: Any) -> PostingArrays | None:
    folder = getattr(leaf.storage(), "folder", None)
    if folder is None:
        return None
    return PostingArrays.open(os.path.join(folder, leaf.segment().make_filename(EXTENSION)))


def _read_postings(
    searcher: Searcher, field: str, text: str | bytes, with_values: bool, arrays: list[PostingArrays | None] | None = None
) -> tuple[Postings, list[bytes]]:
    leaves = searcher.reader().leaf_readers()
    arrays = arrays if arrays and not with_values and field in searcher.schema else [None] * len(leaves)
    btext = searcher.schema[field].to_bytes(text) if isinstance(text, str) and any(arrays) else text
    ids, weights = array("I"), array("f")
    values: list[bytes] = []
    for (leaf, offset), segment_arrays in zip(leaves, arrays, strict=True):
        recorded = segment_arrays.get(field, btext) if segment_arrays is not None else None  # type: ignore[arg-type]
        if recorded is None:
            local_ids, local_weights, local_values = _leaf_postings(leaf, field, text, with_values)
            ids.extend(local_ids if not offset else [i + offset for i in local_ids])
        else:
            (local_ids, local_weights), local_values = _live(leaf, *recorded), []
            ids.extend(local_ids if not offset else array("I", (np.frombuffer(local_ids, dtype=np.uint32)
                                                                 + np.uint32(offset)).tobytes()))
        weights.extend(local_weights)
        values.extend(local_values)
    return Postings(ids, weights), values


def _live(leaf: Any, ids: array, weights: array) -> tuple[array, array]:
    """A segment's recorded postings without those of its deleted documents."""
    if not leaf.has_deletions():
        return ids, weights
    local = np.frombuffer(ids, dtype=np.uint32)
    keep = ~np.isin(local, np.fromiter(leaf.deleted_docs_set, dtype=np.uint32))
    return array("I", local[keep].tobytes()), array("f", np.frombuffer(weights, dtype=np.float32)[keep].tobytes())


def _leaf_postings(leaf: Any, field: str, text: str | bytes, with_values: bool) -> tuple[Any, Any, list[bytes]]:
    """One segment's live postings of a term from Whoosh's blocks (segment-local numbers)."""
    try:
        matcher = leaf.postings(field, text)
    except TermNotFound:
        return [], [], []
    deleted: frozenset[int] = frozenset()
    if isinstance(matcher, FilterMatcher):  # the segment has deleted documents
        deleted = leaf.deleted_docs_set
        matcher = matcher.child
    local_ids, local_weights, local_values = _read_blocks(matcher, with_values)
    if deleted:
        keep = [i not in deleted for i in local_ids]
        local_ids = list(compress(local_ids, keep))
        local_weights = list(compress(local_weights, keep))
        local_values = list(compress(local_values, keep))
    return local_ids, local_weights, local_values


def _read_blocks(matcher: Any, with_values: bool) -> tuple[Any, Any, list[bytes]]:
    """A leaf matcher's ids, weights (and encoded values). Whoosh's own block reader when it is
    one (a block per step, not a Python call per posting), else its public API."""
    ids: list[int] = []
    weights = array("f")
    values: list[bytes] = []
    if all(hasattr(matcher, name) for name in ("_read_ids", "_read_weights", "_read_values", "_next_block")):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            if with_values:
                matcher._read_values()
                values.extend(matcher._values)
            matcher._next_block()
        return ids, weights, values
    while matcher.is_active():  # pragma: no cover (other codecs)
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if with_values:
            values.append(matcher.value())
        matcher.next()
    return ids, weights, values


def _column_docs(searcher: Searcher, field: str) -> frozenset[int]:
    docs: list[int] = []
    for leaf, offset in searcher.reader().leaf_readers():
        if leaf.has_column(field):
            column = leaf.column_reader(field, translate=False)
            found = set_bits(column, leaf.doc_count_all())
            if found is None:
                docs.extend(offset + d for d, value in enumerate(column) if value)
            else:
                docs.extend((found + offset).tolist())
    return frozenset(docs)


# A length byte's length, 1 for 0 (Whoosh's `doc_field_length(..., default=1)` of an empty field).
_LENGTH_OF_BYTE = np.array(byte_lengths(1), dtype=np.uint32)


def _build_lengths(searcher: Searcher, field: str) -> array:
    """Every document's length of `field`, as `doc_field_length(docnum, field, 1)` gives it."""
    lengths = array("I")
    for leaf, _offset in searcher.reader().leaf_readers():
        count = leaf.doc_count_all()
        try:  # the length column's bytes at once (one length byte per document)
            raw = length_bytes(leaf._perdoc, field, count)
            raw = bytes(count) if raw is None else raw
            lengths.frombytes(_LENGTH_OF_BYTE[np.frombuffer(raw, dtype=np.uint8)].tobytes())
        except AttributeError:  # pragma: no cover (another codec)
            length = leaf.doc_field_length
            lengths.extend(length(d, field, 1) or 1 for d in range(count))
    return lengths
