"""Date orders: every document's place among all by meeting date, newest or oldest first
(of one date the minutes before the agenda newest first, the agenda first oldest; the items of
one document in their own order; undated last), and its date as a number, read
from the `order` column once per generation (`Snapshot.rank`, `Snapshot.days`); and the order
the feed lists by, newest first in the index (`ADDED`, from the `first_indexed` column).
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from typing import Any

import numpy as np
from whoosh.searching import Searcher

from search.analysis import VALUE_SEPARATOR
from search.columns import column_values
from search.schema import FIRST_INDEXED, SAME_DAY_MARK_END, SAME_DAY_MARKS, SAME_DAY_OTHER

NEWEST, OLDEST = "newest", "oldest"
DAYS = "days"  # not an order: each document's date as the number YYYYMMDD, 0 when undated
# Not a sort of the page: the feed's, first indexed newest first (ties: as NEWEST). An index
# written before the column has no times, and lists as NEWEST.
ADDED = "added"
ADDED_AT = "added_at"  # not an order: when each document first entered the index, UTC seconds (0: not known)


def build_ranks(searcher: Searcher, copies: Mapping[int, tuple[int, bytes]] | None = None) -> dict[str, Any]:
    """`ranks_of` the index's order keys: meetings newest (and oldest) first, the items of one
    meeting in their own order, undated last; and each document's date (`DAYS`). `copies`
    (`Snapshot.copies`): an item indexed from several files entered the index when its first
    copy did (`earliest_of_copies`)."""
    keys: list[bytes] = []
    added: list[np.ndarray] = []
    for leaf, _offset in searcher.reader().leaf_readers():
        count = leaf.doc_count_all()
        if leaf.has_column("order"):
            keys.extend(column_values(leaf.column_reader("order", translate=False), count))
        else:
            keys.extend([b""] * count)
        added.append(_numbers(leaf.column_reader(FIRST_INDEXED, translate=False), count)
                     if FIRST_INDEXED in leaf.schema and leaf.has_column(FIRST_INDEXED) else np.zeros(count, dtype=np.int64))
    times = np.concatenate(added) if added else None
    if times is not None and copies:
        times = earliest_of_copies(times, copies)
    return ranks_of(keys, times)


def earliest_of_copies(times: np.ndarray, copies: Mapping[int, tuple[int, bytes]]) -> np.ndarray:
    """`times` (per docnum, 0: unknown) with each copy group's members at the group's earliest
    known time: a corrected minutes file indexed beside the first, its unchanged items copies,
    put those items at the top of «Senest tilføjet» and the feed as new (a newsdesk review).

    >>> earliest_of_copies(np.array([5, 9, 7, 0]), {1: (0, b"a"), 2: (0, b"b"), 3: (1, b"a")}).tolist()
    [5, 7, 7, 0]
    """
    docs = np.fromiter(copies, dtype=np.int64, count=len(copies))
    groups = np.fromiter((group for group, _rank in copies.values()), dtype=np.int64, count=len(copies))
    known = times[docs]
    big = np.iinfo(np.int64).max
    earliest = np.full(int(groups.max()) + 1, big, dtype=np.int64)
    np.minimum.at(earliest, groups, np.where(known > 0, known, big))
    out = times.copy()
    group_time = earliest[groups]
    out[docs] = np.where(group_time < big, group_time, known)
    return out


def _numbers(column: Any, count: int) -> np.ndarray:
    """Every document's value of a Whoosh `NumericColumn("Q")`, from its bytes at once where it
    has that layout (8 bytes a document, big-endian; the documents after the last value
    written have none, 0), else value by value."""
    names = ("_dbfile", "_basepos", "_count", "_fixedlen")
    if all(hasattr(column, name) for name in names) and column._fixedlen == 8 and column._count <= count:
        raw = column._dbfile.get(column._basepos, column._count * 8)
        if len(raw) == column._count * 8:
            values = np.zeros(count, dtype=np.int64)
            values[:column._count] = np.frombuffer(raw, dtype=">u8")
            return values
    return np.fromiter((int(v) for v in column), dtype=np.int64, count=count)


def ranks_of(keys: list[bytes], added: np.ndarray | None = None) -> dict[str, Any]:
    """`rank[docnum]` per date order (NEWEST, OLDEST) for each document's order key
    (`schema.order_key`: date, document and item, UTF-8, joined by VALUE_SEPARATOR; anything
    else counts as all three empty): by date (newest or oldest first, undated last), then
    document and item, then document number; under `DAYS` each key's date as YYYYMMDD (0: none).
    `added`: when each document first entered the index (0: not known), by which ADDED lists
    them, newest first and then as NEWEST (unknown last); kept under `ADDED_AT`.

    A document part opening with a same-day mark (`schema.SAME_DAY_MARKS`, "2:" minutes) sorts
    by it ascending under OLDEST (agenda first) but descending under NEWEST (minutes first: the
    decisions above the agenda of the same meeting), the items still in their order; a part
    without one counts as `SAME_DAY_OTHER`.

    Keys as the index writes them (an ISO date or none, then the document id and the
    zero-padded item) sort as bytes in the order of their three parts, so numpy sorts them
    whole and then by date (and mark) alone; other keys are split and sorted part by part.

    >>> SEP = VALUE_SEPARATOR.encode()
    >>> keys = [SEP.join([b"2020-01-01", b"a", b"2"]), SEP.join([b"2021-05-01", b"a", b"1"]), SEP.join([b"", b"b", b"1"])]
    >>> ranks = ranks_of(keys)
    >>> list(ranks[NEWEST]), list(ranks[OLDEST]), ranks[DAYS].tolist()
    ([1, 0, 2], [0, 1, 2], [20200101, 20210501, 0])
    >>> list(ranks_of(keys, np.array([5, 9, 9]))[ADDED]), list(ranks[ADDED])  # the 2020 item indexed last; no times
    ([2, 0, 1], [1, 0, 2])
    >>> same_day = [SEP.join([b"2021-05-01", mark, item]) for mark in (b"0:agenda", b"2:minutes") for item in (b"1", b"2")]
    >>> list(ranks_of(same_day)[NEWEST]), list(ranks_of(same_day)[OLDEST])
    ([2, 3, 0, 1], [0, 1, 2, 3])
    """
    if added is None or len(added) != len(keys):
        added = np.zeros(len(keys), dtype=np.int64)
    if not keys:
        return {NEWEST: array("I"), OLDEST: array("I"), ADDED: array("I"), DAYS: np.zeros(0, dtype=np.int32),
                ADDED_AT: added}
    whole = np.array(keys, dtype=bytes)
    dates = _iso_dates(keys, whole)
    if dates is not None:
        by_key = np.argsort(whole, kind="stable")  # (date, mark, document, item), then document number
        # Newest reverses the date and the same-day mark, not the document nor the item.
        day_and_mark = dates.astype(np.int64) * _MARKS + _same_day_marks(whole, dates)
        del whole
        in_order = dates[by_key]
        orders = {NEWEST: by_key[np.argsort(-day_and_mark[by_key], kind="stable")],  # undated (0) last
                  OLDEST: by_key[np.argsort(in_order == 0, kind="stable")]}
    else:
        orders = _orders_by_parts(keys)
        dates = np.fromiter((_day_number(key) for key in keys), dtype=np.int32, count=len(keys))
    ranks: dict[str, Any] = {DAYS: dates.astype(np.int32), ADDED_AT: added}
    newest = np.empty(len(keys), dtype=np.int64)
    newest[orders[NEWEST]] = np.arange(len(keys))
    orders[ADDED] = np.lexsort((newest, -added.astype(np.int64)))
    for sort, order in orders.items():
        rank = np.empty(len(keys), dtype=np.uint32)
        rank[order] = np.arange(len(keys), dtype=np.uint32)
        ranks[sort] = array("I", rank.tobytes())
    return ranks


_SEPARATOR_BYTE = ord(VALUE_SEPARATOR)
_MARKS = max(SAME_DAY_MARKS.values()) + 1  # same-day marks are the digits 0 .. _MARKS - 1
assert all(0 <= mark < _MARKS <= 10 for mark in (*SAME_DAY_MARKS.values(), SAME_DAY_OTHER))
_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9]  # of "YYYY-MM-DD"
_KEY_BLOCK = 65_536


def _iso_dates(keys: list[bytes], whole: np.ndarray) -> np.ndarray | None:
    """Each key's date as the number YYYYMMDD (0 for none) when every key is empty or an ISO
    date (or nothing) and two more parts, without other control characters or NUL bytes, so
    that the keys' byte order is their parts' order; else None."""
    size = whole.dtype.itemsize
    if size < 11:
        return None
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    matrix = whole.view(np.uint8).reshape(len(keys), size)  # each key padded with NUL bytes
    # No byte below the separator but the padding (a key's own NUL bytes count: numpy drops
    # trailing ones, but `lengths` has them), and two separators in every key but empty ones.
    # A block of keys at a time: whole, the comparisons took ~2 bytes per key byte (1M: 180 MB).
    below, separators = 0, np.empty(len(keys), dtype=np.int64)
    for start in range(0, len(keys), _KEY_BLOCK):
        block = matrix[start:start + _KEY_BLOCK]
        below += np.count_nonzero(block < _SEPARATOR_BYTE)
        separators[start:start + _KEY_BLOCK] = (block == _SEPARATOR_BYTE).sum(axis=1, dtype=np.int64)
    if below != matrix.size - int(lengths.sum()):
        return None
    filled = lengths > 0
    if np.any(separators[filled] != 2):
        return None
    dated = filled & (matrix[:, 0] != _SEPARATOR_BYTE)
    digits = matrix[:, _DIGITS].astype(np.int32) - ord("0")
    if np.any(matrix[dated, 10] != _SEPARATOR_BYTE) or np.any(matrix[:, [4, 7]][dated] != ord("-")) \
            or np.any((digits[dated] < 0) | (digits[dated] > 9)):
        return None
    number = digits @ np.array([10**7, 10**6, 10**5, 10**4, 1000, 100, 10, 1], dtype=np.int32)
    return np.where(dated, number, 0)


def _same_day_marks(whole: np.ndarray, dates: np.ndarray) -> np.ndarray:
    """Each key's same-day mark (`_same_day_mark`) read from the padded keys of `_iso_dates` at
    once: its document part opens after the date's 11 bytes, or after 1 when undated (an
    empty key reads padding: no mark)."""
    size = whole.dtype.itemsize
    matrix = whole.view(np.uint8).reshape(len(whole), size)
    start = np.where(matrix[:, 0] == _SEPARATOR_BYTE, 1, 11)
    fits = start + 1 < size
    start = np.minimum(start, size - 2)
    rows = np.arange(len(whole))
    digit = matrix[rows, start].astype(np.int64) - ord("0")
    marked = fits & (matrix[rows, start + 1] == ord(SAME_DAY_MARK_END)) & (digit >= 0) & (digit < _MARKS)
    return np.where(marked, digit, SAME_DAY_OTHER)


def _same_day_mark(document: str) -> int:
    """The same-day mark a key's document part opens with, else `SAME_DAY_OTHER`.

    >>> _same_day_mark("2:kommune-referat"), _same_day_mark("0:kommune-dagsorden"), _same_day_mark("10"), _same_day_mark("")
    (2, 0, 1, 1)
    """
    if len(document) > 1 and document[1] == SAME_DAY_MARK_END and document[0] in "0123456789" \
            and int(document[0]) < _MARKS:
        return int(document[0])
    return SAME_DAY_OTHER


def _day_number(key: bytes) -> int:
    """The date part of an order key as YYYYMMDD, 0 when it is none or not an ISO date."""
    day = key.decode("utf-8", "replace").split(VALUE_SEPARATOR)[0]
    digits = day.replace("-", "")
    return int(digits) if len(day) == 10 and day[4] == day[7] == "-" and digits.isdigit() and digits.isascii() else 0


def _orders_by_parts(keys: list[bytes]) -> dict[str, np.ndarray]:
    """The orders of `ranks_of` for any keys: each part replaced by its place among the part's
    distinct strings (Python's order), sorted by `np.lexsort`."""
    split = [raw.decode("utf-8").split(VALUE_SEPARATOR) if raw else () for raw in keys]
    dates, documents, items = zip(*(parts if len(parts) == 3 else ("", "", "") for parts in split))
    date, document, item = _order_codes(list(dates)), _order_codes(list(documents)), _order_codes(list(items))
    # "" sorts first among strings: its code is 0 when present
    undated = date == 0 if "" in dates else np.zeros(len(dates), dtype=bool)
    # The mark opens the document part, so the document's code orders by it already (oldest);
    # newest reverses it ahead of the document.
    mark = np.fromiter(map(_same_day_mark, documents), dtype=np.intp, count=len(documents))
    return {NEWEST: np.lexsort((item, document, -mark, -date)), OLDEST: np.lexsort((item, document, date, undated))}


def _order_codes(values: list[str]) -> np.ndarray:
    """Each value's place among the distinct values sorted (few: dates, documents, items)."""
    place = {value: k for k, value in enumerate(sorted(set(values)))}
    return np.fromiter(map(place.__getitem__, values), dtype=np.intp, count=len(values))
