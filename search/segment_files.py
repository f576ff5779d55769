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
import pickle
import struct
import zlib
from typing import Any

from whoosh.codec.whoosh3 import _lenfield
from whoosh.reading import TermNotFound
from whoosh.system import pack_ushort
from whoosh.searching import Searcher

from search.schema import CHANGED_AT, FINGERPRINT, FIRST_INDEXED, stored_passage, text_fields

# Columns every passage has a value of (`schema.passage_fields`): a segment holding passages
# has their files. Whoosh answers a missing column file as a column nobody wrote, so a deleted
# «order» file sorted every hit as undated instead of saying the index was damaged. Checked only
# where the index's own schema has the field: an older index's lacks the later three
# (`schema.SCHEMA_VERSION`), and a deleted `first_indexed` file of a current one made the
# feed fall back to meeting dates, silently (code review 13).
_PASSAGE_COLUMNS = ("order", "routine", "copy_key", FIRST_INDEXED, CHANGED_AT, FINGERPRINT)


def open_segment_files(searcher: Searcher, verified: set[str] | None = None) -> None:
    """Open every file of the searcher's segments now, and remember which exist.

    A non-compound segment reader opens its column files (stored records, field lengths,
    facet and sort columns) lazily and asks the folder whether a column file exists each
    time a column is read. A commit deletes the files of the segments it merged away, so a
    searcher still answering a request for the previous generation could find a file gone
    (a column read as absent, or an error). Opened here, the files stay readable after
    deletion (POSIX), and existence is answered from the listing taken at opening.
    Raises OSError when a file vanished before it could be opened (a commit in between).
    The column files each segment must have are checked, and its files read through (postings,
    each column's first and last value: ~16 ms for 10k passages) except for the segments named
    in `verified`, to which those that read are added.
    """
    schema = searcher.schema
    for leaf, _offset in searcher.reader().leaf_readers():
        perdoc = getattr(leaf, "_perdoc", None)
        if perdoc is None or not leaf.doc_count_all():
            continue
        if not leaf.segment().is_compound():
            perdoc._storage = _FilesAtOpening(perdoc._storage)
        reading(lambda: leaf.stored_fields(0), leaf.segment().make_filename("._stored.col"))
        check_columns(leaf, schema)  # a file deleted since: as its existence is frozen here, every time
        segment = leaf.segment().segment_id()
        if verified is not None and segment in verified:
            _open_columns(leaf, schema)
            continue
        check_postings(leaf)
        read_columns(leaf, schema)
        if verified is not None:
            verified.add(segment)


def _open_columns(leaf: Any, schema: Any) -> None:
    """Open each column file of the segment of `leaf` (Whoosh opens them at their first read)."""
    for name, field in schema.items():
        if field.scorable:
            leaf.doc_field_length(0, name)
        if field.column_type is not None and leaf.has_column(name):
            leaf.column_reader(name)


def read_columns(leaf: Any, schema: Any) -> None:
    """Read the first and last value of each column file of the segment of `leaf` (field
    lengths, facet and sort columns), each on its own, so that one that does not read (cut
    short) is named (`named`) where Whoosh's error names none. (A column of fixed-width values
    cut short is not always found: Whoosh writes no trailing default values, so a short one
    reads as defaults.)"""
    count = leaf.doc_count_all()
    segment = leaf.segment()
    last = max(count - 1, 0)
    for name, field in schema.items():
        if field.scorable and leaf._perdoc.has_column(_lenfield(name)):
            reading(lambda: (leaf.doc_field_length(0, name), leaf.doc_field_length(last, name)),
                    segment.make_filename(f".{_lenfield(name)}.col"))
        if field.column_type is not None and leaf.has_column(name):
            reading(lambda: _first_and_last(leaf.column_reader(name), last), segment.make_filename(f".{name}.col"))
    check_body_lengths(leaf, schema)
    check_field_lengths(leaf, schema)


def check_body_lengths(leaf: Any, schema: Any, reach: int = 64) -> None:
    """Raise `SegmentFileDamaged` naming the body's length file when the segment's last passage
    has no body length: every passage has a body (its title at least), and Whoosh writes no
    length for a segment's last documents without one, so a length file cut short reads as
    lengths of 0 from the cut on, and Whoosh's scorer then fails on every query reaching them
    («uventet fejl (TypeError …)», a 500 each: an administrator review). Looks back over at most
    `reach` documents (file records, which have no body, follow their passages)."""
    if "body" not in schema or not leaf._perdoc.has_column(_lenfield("body")):
        return
    for docnum in range(leaf.doc_count_all() - 1, max(leaf.doc_count_all() - 1 - reach, -1), -1):
        stored = leaf.stored_fields(docnum)
        if stored and "id" in stored:  # a passage (file records store no id)
            if not leaf.doc_field_length(docnum, "body"):
                raise SegmentFileDamaged(leaf.segment().make_filename(f".{_lenfield('body')}.col"))
            return


def check_field_lengths(leaf: Any, schema: Any, reach: int = 64) -> None:
    """Raise `SegmentFileDamaged` naming a scored field's length file (title, decision, present,
    absent) cut short: the last passage within `reach` whose text in the field the index holds
    must have a length there. A title's file cut short opened as healthy, and a search reaching
    the cut said only «dets filer kan ikke læses» (code review 13). Which passage holds the field
    is read from its stored record, and confirmed in the field's postings before a length of 0
    is called damage: an index written by an older release may have analysed that text otherwise."""
    perdoc = leaf._perdoc
    pending = {name: field for name, field in schema.items()
               if field.scorable and name != "body" and perdoc.has_column(_lenfield(name))}
    count = leaf.doc_count_all()
    checked_times = None
    for docnum in range(count - 1, max(count - 1 - reach, -1), -1):
        if not pending and checked_times:
            return
        stored = leaf.stored_fields(docnum)
        if not stored or "id" not in stored or "record" not in stored:  # a file record
            continue
        if checked_times is None:
            checked_times = _check_times(leaf, schema, docnum)
        try:
            texts = text_fields(stored_passage(stored))
        except Exception:  # noqa: BLE001 - a record this code cannot read: the search says so, not this check
            return
        for name in list(pending):
            terms = list(dict.fromkeys(pending[name].process_text(texts.get(name, ""), mode="index")))
            if not terms:
                continue
            del pending[name]  # this passage is the field's last within reach: checked here alone
            if leaf.doc_field_length(docnum, name):
                continue
            if any(_posted(leaf, name, term, docnum) for term in terms[:8]):
                raise SegmentFileDamaged(leaf.segment().make_filename(f".{_lenfield(name)}.col"))


def _check_times(leaf: Any, schema: Any, docnum: int) -> bool:
    """Raise `SegmentFileDamaged` naming a time or fingerprint column cut short. `docnum` is the
    segment's last passage. Every passage has a fingerprint (never 0), so that file must reach it.
    The times may be 0 («not known», which Whoosh does not write, so such a column ends early), but
    a time column holding some values and fewer than the fingerprints was cut: its missing values
    read 0, which the next build took for «not known» and gave half the archive's items the build's
    time, new in the feed (an upgrade review). True once checked."""
    def held(name: str) -> tuple[int | None, str]:
        file_name = leaf.segment().make_filename(f".{name}.col")
        if name not in schema or not leaf.has_column(name):
            return None, file_name
        column = reading(lambda: leaf.column_reader(name, translate=False), file_name)
        return getattr(column, "_count", None), file_name  # fixed-width values the file holds (Whoosh's reader)

    fingerprints, file_name = held(FINGERPRINT)
    if fingerprints is None:
        return True
    if docnum >= fingerprints:
        raise SegmentFileDamaged(file_name)
    for name in (FIRST_INDEXED, CHANGED_AT):
        count, file_name = held(name)
        if count and count < fingerprints:
            raise SegmentFileDamaged(file_name)
    return True


def _posted(leaf: Any, name: str, term: str, docnum: int) -> bool:
    """Whether document `docnum` of the segment has `term` in the field `name`."""
    def find() -> bool:
        try:
            matcher = leaf.postings(name, term)
        except TermNotFound:  # the term is not in the field here
            return False
        matcher.skip_to(docnum)
        return matcher.is_active() and matcher.id() == docnum

    return reading(find, leaf.segment().make_filename(".pst"))


def length_fault_file(error: BaseException) -> str | None:
    """The length file (`_<field>_len.col` of its segment) whose missing length Whoosh's scorer
    met in `error` (`is_length_fault`), found in the scorer's frame; None when not found. The
    site's log and `search` said only «dets filer kan ikke læses» (code review 13)."""
    trace = error.__traceback__
    while trace is not None:
        scorer = trace.tb_frame.f_locals.get("self")
        dfl = getattr(scorer, "dfl", None)  # `WeightLengthScorer.setup`'s lambda over its searcher and field
        code, cells = getattr(dfl, "__code__", None), getattr(dfl, "__closure__", None)
        if code is not None and cells:
            try:
                free = dict(zip(code.co_freevars, (cell.cell_contents for cell in cells)))
            except ValueError:  # a cell not yet filled
                free = {}
            reader = getattr(free.get("searcher"), "reader", lambda: None)()
            if isinstance(free.get("fieldname"), str) and hasattr(reader, "segment"):
                return reader.segment().make_filename(f".{_lenfield(free['fieldname'])}.col")
        trace = trace.tb_next
    return None


def is_length_fault(error: BaseException) -> bool:
    """Whether `error` is Whoosh's scorer meeting a document without a field length where it
    matched a term of the field (a length file cut short; an intact index never has one)."""
    if not isinstance(error, TypeError) or "NoneType" not in str(error):
        return False
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename.endswith(("whoosh/scoring.py", "whoosh\\scoring.py")):
            return True
        trace = trace.tb_next
    return False


def _first_and_last(column: Any, last: int) -> None:
    column[0]
    column[last]


def reading(read: Any, filename: str) -> Any:
    """Run `read`, which reads the index file `filename`; what Whoosh raises when that file does
    not read becomes an OSError naming it (`named`). A fault in the code is raised as it is."""
    try:
        return read()
    except Exception as error:  # noqa: BLE001 - Whoosh's errors reading one file
        if not is_read_error(error):
            raise
        raise named(error, filename) from error


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


class SegmentFileDamaged(OSError):
    """A segment file that is there but does not read as its segment says (cut short): an
    OSError naming it, as the error of a missing one does, so that the index is said to be
    damaged in one line naming the file (Whoosh's own errors name none)."""

    def __init__(self, filename: str, reason: str = "the file is cut short or does not read") -> None:
        super().__init__(errno.EIO, reason, filename)


def check_postings(leaf: Any) -> None:
    """Raise `SegmentFileDamaged` naming the segment's postings file when the posting lists of
    the first or last term of a field do not read or end beyond the file: a postings file cut
    short (a copy that stopped) failed every search with «Block tag error», `/healthz` said
    ready, and even a full rebuild failed reading the old passages. Posting lists are written
    in the terms' order, so the last term's ends the file: a file cut anywhere is found, with a
    few reads per field."""
    terms = getattr(leaf, "_terms", None)
    tindex = getattr(terms, "_tindex", None)
    if tindex is None or not hasattr(tindex, "indexlen") or not leaf.doc_count_all():
        return
    segment = leaf.segment()
    name = segment.make_filename(".pst")
    try:
        postfile = terms._postfile
        postfile.seek(0, 2)
        size = postfile.tell()
        for fieldname, number in terms._fieldmap.items():
            if fieldname not in leaf.schema:
                continue
            first = _key_index(tindex, pack_ushort(number))
            end = _key_index(tindex, pack_ushort(number + 1)) if number < 65535 else tindex.indexlen
            for at in {first, end - 1} if end > first else ():
                key = tindex.key_at(tindex._get_pos(tindex.indexbase + at * tindex.indexsize))
                terminfo = terms.term_info(fieldname, key[2:])
                if terminfo.is_inlined():
                    continue
                offset, length = terminfo.extent()
                length = length[0] if isinstance(length, tuple) else length  # whoosh3 reads it back as a 1-tuple
                if offset + length > size:
                    raise SegmentFileDamaged(name)
                terms._codec.postings_reader(postfile, terminfo, leaf.schema[fieldname].format)
    except Exception as error:  # noqa: BLE001 - Whoosh's errors reading one file; a fault is raised again
        if not is_read_error(error):
            raise
        raise named(error, name) from error


# What Whoosh raises reading an index file that ends early or holds other bytes (besides its
# bare `Exception`, which `is_read_error` tells from the rest).
READ_ERRORS = (OSError, EOFError, struct.error, pickle.UnpicklingError, zlib.error, ValueError, TypeError,
               UnicodeError, KeyError, IndexError)


def is_read_error(error: BaseException) -> bool:
    """Whether `error` is what Whoosh raises reading a file that does not read: one of
    `READ_ERRORS`, or its bare `Exception` (never a subclass: a fault in the code is one)."""
    return isinstance(error, READ_ERRORS) or type(error) is Exception


def named(error: BaseException, filename: str) -> OSError:
    """`error`, raised reading the segment file `filename`, as an OSError naming a file: its
    own when it names one (a missing file), else `filename`."""
    if isinstance(error, OSError) and getattr(error, "filename", None):
        return error
    return SegmentFileDamaged(filename)


def _key_index(tindex: Any, key: bytes) -> int:
    """The index, in the terms file's ordered array of keys, of the first key at or after `key`."""
    lo, hi = 0, tindex.indexlen
    while lo < hi:
        mid = (lo + hi) // 2
        if tindex.key_at(tindex._get_pos(tindex.indexbase + mid * tindex.indexsize)) < key:
            lo = mid + 1
        else:
            hi = mid
    return lo


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
