"""Posting arrays beside Whoosh's segments: common terms' document numbers and weights, raw.

A search needs every posting of each of its words (the hit count and the facet counts are
over the whole result set). Whoosh keeps postings in blocks of 128, each a zlib-compressed
pickle of the ids, the weights *and* the positions, so reading a word that occurs in 80,000
passages costs ~70 ms of unpickling, mostly positions the search does not use: the first
request for a common word after each commit was slow (100k passages: cold p95 ~220 ms).

When a segment is flushed (`search.writing.SegmentWriter`), the postings stream past on
their way to Whoosh's writer; `PostingRecorder` keeps, for each term of at least
`MIN_POSTINGS` postings, its document numbers (uint32) and weights (float32) and writes them
to `<segment>.arrays`, which reads back with one slice of a memory map. Rarer terms stay with
Whoosh: their blocks are few and cheap. The file is named after its segment, so Whoosh's own
clean-up deletes it with the segment; a segment without one (an index written before this
file existed) is read from Whoosh's blocks as before, with the same result.

Layout: ``MAGIC``, then per term its ids and weights (native byte order, recorded in the
magic), then a pickled ``{(field, btext): (offset, count)}`` table, then the table's offset
as 8 bytes and ``MAGIC`` again.
"""

from __future__ import annotations

import mmap
import pickle
import struct
import sys
from array import array
from collections.abc import Iterable, Iterator
from typing import Any

EXTENSION = ".arrays"
MAGIC = b"RSPA1" + (b"LE" if sys.byteorder == "little" else b"BE") + b"\n"
MIN_POSTINGS = 128  # one Whoosh block: below this, Whoosh's read costs well under a millisecond
_FOOTER = struct.Struct("<Q")

Posting = tuple[str, bytes, int, float, Any]  # Whoosh's (fieldname, btext, docnum, weight, value)


class PostingRecorder:
    """Passes Whoosh's sorted postings through unchanged, writing common terms' arrays to `file`."""

    def __init__(self, file: Any, min_postings: int | None = None) -> None:
        self._file = file
        self._min = MIN_POSTINGS if min_postings is None else min_postings
        self._table: dict[tuple[str, bytes], tuple[int, int]] = {}
        self._offset = len(MAGIC)
        file.write(MAGIC)

    def record(self, items: Iterable[Posting]) -> Iterator[Posting]:
        """`items`, unchanged; each term's postings are kept until the next term starts."""
        field = text = None
        ids, weights = array("I"), array("f")
        add_id, add_weight = ids.append, weights.append
        for item in items:
            if item[1] != text or item[0] != field:
                self._term(field, text, ids, weights)
                field, text = item[0], item[1]
                ids, weights = array("I"), array("f")
                add_id, add_weight = ids.append, weights.append
            if item[2] >= 0:  # docnum -1: a word for Whoosh's spelling graph, not a posting
                add_id(item[2])
                add_weight(item[3])
            yield item
        self._term(field, text, ids, weights)

    def _term(self, field: str | None, text: bytes | None, ids: array, weights: array) -> None:
        if field is None or text is None or len(ids) < self._min:
            return
        self._file.write(ids.tobytes())
        self._file.write(weights.tobytes())
        self._table[(field, text)] = (self._offset, len(ids))
        self._offset += 8 * len(ids)

    def close(self) -> None:
        """Writes the table and the footer, and closes the file."""
        self._file.write(pickle.dumps(self._table, protocol=pickle.HIGHEST_PROTOCOL))
        self._file.write(_FOOTER.pack(self._offset) + MAGIC)
        self._file.close()


class PostingArrays:
    """One segment's `.arrays` file, memory-mapped: `get(field, btext)` gives (ids, weights) or None."""

    def __init__(self, data: Any) -> None:
        self._data = data
        end = len(data) - len(MAGIC)
        if len(data) < 2 * len(MAGIC) + _FOOTER.size or data[: len(MAGIC)] != MAGIC or data[end:] != MAGIC:
            raise ValueError("not a posting arrays file of this byte order")
        (start,) = _FOOTER.unpack(data[end - _FOOTER.size : end])
        self._table: dict[tuple[str, bytes], tuple[int, int]] = pickle.loads(data[start : end - _FOOTER.size])

    @classmethod
    def open(cls, path: str) -> PostingArrays | None:
        """The arrays of the file at `path`, or None when there is none (or it is unreadable)."""
        try:
            with open(path, "rb") as f:
                data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            return cls(data)
        except (OSError, ValueError, pickle.UnpicklingError, EOFError):
            return None

    def get(self, field: str, text: bytes) -> tuple[array, array] | None:
        """The term's document numbers (segment-local) and weights, or None when not recorded."""
        place = self._table.get((field, text))
        if place is None:
            return None
        offset, count = place
        ids, weights = array("I"), array("f")
        ids.frombytes(self._data[offset : offset + 4 * count])
        weights.frombytes(self._data[offset + 4 * count : offset + 8 * count])
        return ids, weights
