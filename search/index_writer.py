"""Write the index: add, replace and delete source files' passages in one atomic commit.

Atomicity. We rely on Whoosh's transactional commit instead of building aside and
swapping folders. A writer puts new documents into a *new* segment under a fresh name
and records deletions in new segment metadata; nothing a reader has open is modified.
The commit ends by writing the table of contents of the next generation to a temporary
file and renaming it into place (`whoosh.index.TOC.write`), and a reader only ever opens
the newest complete TOC. An exception (`cancel()`) or a killed process therefore leaves
the previous generation exactly as it was. A cancelled write removes the files it made
(new segments, a temporary TOC) before it releases the lock, and a writer removes a killed
one's when it starts (`search.writing.remove_uncommitted`), so a write that failed on a full
disk does not keep the disk full. An index whose first build never committed (generation 0,
as `open_index(create=True)` makes it) is not an index to readers: `IndexMissing`.
A full rebuild (`clear()`) happens in the same transaction: the new segment is committed
with Whoosh's `CLEAR` merge policy, so readers see the old index
until the new one is complete, never an empty one in between. A build from nothing may
write a second new segment in a helper process (`search.spool`); it too becomes visible
only through the same TOC, or not at all. Swapping folders would
add nothing for our single-folder layout and break readers that hold the old path.
Power loss: Whoosh itself never calls fsync; our writer (`search.writing.SegmentWriter`)
syncs the new generation's segment files and the TOC before the rename and the folder
after it, so the TOC that becomes current never names bytes that are not on the disk.

First indexed. Each passage keeps, in the column `first_indexed`, when its id first entered
the index: a writer looks the ids it writes up in the last commit and carries their times
over, whether it rewrites a changed file or rebuilds everything (`clear()`: the last commit
is still there to read until this one lands); an id it has not seen takes the run's time
(`indexed_at`), unless the caller pairs it with the old id it replaces (`carry_times`: a file
renamed or moved, or named from another root, an item's title fixed; `search.moved.pair`), whose
times it then takes, so a renamed item is not new to the feed. Documents with such new ids wait in
a temporary file until the commit (`_Deferred`), since the pairing needs every file of the run. An index written before the column (release 0.2.0 and earlier; `search.schema.SCHEMA_VERSION`
says why it was not raised) has nothing to carry: its rebuild gives each passage its meeting's
day (as the feed listed them until then), an undated one the rebuild's time; one recreated for
another schema version has nothing either, and its passages all take the rebuild's time.

Changed. Beside it, `changed_at`: when the passage as shown (its record but where it stands
in its file, by its hash `schema.fingerprint`) last changed, in the same look-up: carried over
while the id's hash is the same, else the run's time, so a decision corrected in place (same
file, same ids) reads as updated. An id the last commit holds without a hash (an index of this
schema version written before the column) is taken as unchanged: its `changed_at` stays as
before, or its `first_indexed`.
A commit that drops a passage or changes one records its time on the schema (`DROPPED_AT`): a
feed's newest entry may then be older than before, and the feed's date must not go back.

Locking: one writer at a time (`search.index_folder`).
"""

from __future__ import annotations

import pickle
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple

from whoosh.index import FileIndex, LockError
from whoosh.query import Term
from whoosh.reading import TermNotFound
from whoosh.searching import Searcher
from whoosh.writing import CLEAR, MERGE_SMALL

from indexer.models import Document
from search.analysis import use_compound_lexicon
from search.api import IndexLocked
from search.index_folder import INDEX_NAME, locked_message
from search.schema import (CHANGED_AT, FINGERPRINT, FIRST_INDEXED, PASSAGE, RECORD_LATER, build_schema, file_fields,
                           fingerprint, passage_fields)
from search.spool import Spool, merge_with
from search.writing import SegmentWriter, remove_uncommitted

# The schema attribute that holds a whole build's `build_stamp` (see `IndexWriter`).
BUILD_STAMP = "referatsog_build_stamp"
# The schema attribute that holds when a commit last removed a passage or changed one (UTC
# seconds): a feed's newest entry may then be older than before, and its date must not go back.
DROPPED_AT = "referatsog_dropped_at"
# The key under which `add` hands its passages' times (first indexed, changed) to `_write`
# within the file's details (which the spool keeps with the document); never part of the file's record.
_TIMES = "\x00first_indexed"
# The columns an index of this schema version may have been written without (`_write`): one of
# release 0.2.0 has none of them (`search.schema.SCHEMA_VERSION` says why it was not raised).
_LATER_COLUMNS = (FIRST_INDEXED, CHANGED_AT, FINGERPRINT)
# Facets added after release 0.3.0's schema (`search.schema.SCHEMA_VERSION` says why it stays): an
# index written before them gets them from the rebuild its changed build stamp starts.
_LATER_FACETS = ("outcome",)


def utc_now() -> int:
    """Now, as UTC seconds since 1970: a run's `indexed_at` (tests set the clock here)."""
    return int(time.time())


class IndexWriter:
    """Adds, replaces and deletes the passages of source files, in one atomic commit.

    Opened by `SearchIndex.writer()`, which hands it its Whoosh index `ix` and folder `path`.

    A writer that starts from nothing (a first build, or after `clear()`) learns the
    corpus's compounds: `add()` counts each document's words and keeps the document in a
    `search.spool.Spool`, and `commit()` first sets the lexicon (shipped words plus every
    word seen twice, `search.decompound`) on the writer's schema, then writes the spooled
    documents (in two processes when there are many), then commits. The lexicon is thus
    pickled with the schema into the same generation: readers and later incremental writers
    split compounds exactly as this build did. `on_write(done, total, source)` reports that
    second pass, which is where a full build spends its time.

    `build_stamp`: a caller's digest of whatever else shaped the terms (the data files of
    stemming and decompounding, its own vocabularies). A build from nothing records it on the
    schema, in the same commit; incremental writes keep it; `SearchIndex.build_stamp` reads it
    back, so a caller can tell that an edited data file needs a whole build.
    """

    def __init__(
        self, ix: FileIndex, path: Path, *, limitmb: int = 128,
        on_write: Callable[[int, int, str], None] | None = None, build_stamp: str | None = None,
        indexed_at: int | None = None,
    ) -> None:
        try:
            # Non-compound segments: a reader opens each segment file as a file, where a
            # compound segment would hand every searcher its own in-memory copy (see
            # `search.segment_files`).
            self._options = {"limitmb": limitmb, "compound": False}
            self._writer = SegmentWriter(ix, **self._options)
        except LockError:
            raise IndexLocked(locked_message(path)) from None
        self._path = path
        self._ix = ix
        self._sources: set[str] = set()
        self._cleared = False
        self._changed = False  # anything added, deleted or cleared (see `cancel_if_unchanged`)
        self._closed = False
        self._on_write = on_write
        self._build_stamp = build_stamp
        self._spool: Spool | None = None
        self._helper_segments: list[Any] = []  # written by the spool's helper process, for the commit
        self.indexed_at = utc_now() if indexed_at is None else indexed_at  # a new passage's `first_indexed`
        self._committed: Any = None  # a reader of the last commit, for the times to carry over
        self._passage_docs: frozenset[int] | None = None  # the last commit's passages (`_committed_passages`)
        # Whether this commit drops a passage or changes one: the committed passages it replaces
        # (of the files it adds or deletes; all, cleared) against those it writes again unchanged.
        self._replaced: set[str] = set()
        self._replaced_count = 0
        self._kept = 0
        # Ids new to the last commit, as shown (`_Shown`), until `carry_times` pairs them with old
        # ids; the times it carries over; and the documents holding them, written at the commit.
        self._pending: dict[str, _Shown] = {}
        self._carried: dict[str, tuple[int, int]] = {}
        self._kept_carried: dict[str, bool] = {}
        self._deferred: _Deferred | None = None
        self._dropped_at = getattr(ix.schema, DROPPED_AT, None)
        # A killed writer's files (the lock is ours now): they may be what filled the disk.
        committed = {segment.segment_id() for segment in self._writer.segments}
        remove_uncommitted(self._ix.storage, INDEX_NAME, committed | {self._writer.newsegment.segment_id()})
        if not any(segment.doc_count() for segment in self._writer.segments):  # a first build
            self._start_learning()
        self.passages_added = 0

    def add(self, document: Document, root: Path, **file_info: Any) -> int:
        """Replace everything indexed from `document.source` by this document; returns its passage count.

        `root` is the corpus folder the source path is relative to; `file_info` (size, mtime,
        ...) is kept with the source's record and returned by `SearchIndex.sources()`.
        """
        source = document.source
        if source in self._sources:
            raise ValueError(f"{source} is already part of this write")
        for passage in document.passages:
            if passage.source != source:
                raise ValueError(f"passage {passage.id} belongs to {passage.source}, not {source}")
        # Looked up now, in this process, before the file's old passages are deleted: the spool's
        # helper process writes without reading the last commit.
        self._count_replaced(source)
        times = self._times(document)
        file_info = {**file_info, _TIMES: times}
        if self._spool is not None:
            self._spool.add(document, Path(root), file_info)
        elif None in times:  # a new id: it may be an old one renamed or moved (`carry_times`), written at the commit
            self._deferred_file().add(document, Path(root), file_info)
        else:
            self._write(self._writer, document, Path(root), file_info)
        self._sources.add(source)
        self._changed = True
        self.passages_added += len(document.passages)
        return len(document.passages)

    def _write(self, writer: Any, document: Document, root: Path, file_info: dict[str, Any]) -> None:
        """Into a Whoosh writer (ours, or a spool helper's): the passages, then the file's record."""
        if not self._cleared:
            writer.delete_by_term("source", document.source)
        file_info = dict(file_info)
        now = (self.indexed_at, self.indexed_at)
        times = file_info.pop(_TIMES, None) or [now] * len(document.passages)
        # an id new to the last commit: an old one's times when `carry_times` paired them, else now
        times = [at or self._carried.get(passage.id, now) for passage, at in zip(document.passages, times)]
        # an incremental write keeps the committed schema: one without the later columns gets none
        missing = [name for name in (*_LATER_COLUMNS, RECORD_LATER, *_LATER_FACETS) if name not in writer.schema]
        for passage, (first_indexed, changed_at) in zip(document.passages, times):
            fields = passage_fields(passage, first_indexed, changed_at)
            for name in missing:
                fields.pop(name, None)
            writer.add_document(**fields)
        writer.add_document(**file_fields(document, root.resolve(), file_info))

    def _times(self, document: Document) -> list[tuple[int, int] | None]:
        """When each of the document's passages first entered the index and when it last
        changed, in one look-up of its id in the last commit: both carried over while its record
        hashes the same, else first indexed as before and changed now (`indexed_at`); a time the
        last commit does not know (0: written before the column) is now. An id the last commit
        lacks is None: its times are an old id's if `carry_times` pairs it with one, else now."""
        now = self.indexed_at
        if self._open_committed() is None:
            return [(now, now)] * len(document.passages)
        if FIRST_INDEXED not in self._committed[0].schema:
            # The rebuild of an index written before the times (release 0.2.0 and earlier): each item as
            # of its meeting, as the feed listed them until then, not the whole archive new at the
            # upgrade (an upgrade review); an undated one, or a meeting ahead, the rebuild's time.
            return [(at, at) for at in (_meeting_time(p.meeting_date, now) for p in document.passages)]
        times: list[tuple[int, int] | None] = []
        for passage in document.passages:
            first = changed = known = 0
            docnum = None
            for leaf, firsts, changes, hashes in self._committed[2]:
                if firsts is None:
                    continue
                try:
                    docnum = leaf.first_id("id", passage.id)
                except (KeyError, TermNotFound):  # not in this segment (or deleted from it)
                    continue
                first = firsts[docnum]
                changed = changes[docnum] if changes is not None else 0
                known = hashes[docnum] if hashes is not None else 0
                break
            if not first:
                if docnum is None:  # an id new to the index, maybe an old one's new name
                    self._pending[passage.id] = _Shown.of(passage)
                times.append(None if docnum is None else (now, now))
            elif known and known != fingerprint(passage) and not _only_topics_differ(leaf, docnum, passage):
                times.append((first, now))
            else:  # the same record, or one written without its hash: unchanged as far as known
                times.append((first, changed or first))
                self._kept += 1
        return times

    def carry_times(self, renamed: Mapping[str, str]) -> None:
        """Old passage id → its new id (a file renamed or moved, an item renumbered or its title
        fixed: `search.moved.pair`), before the commit: a new id takes its old id's first-indexed
        time, and its change time too while the passage is shown as before, so an item renamed or
        moved is not new to a feed or to `sort=added`. Several old ids of one new id: the earliest.
        Only between two passages of one meeting (`_Shown.meeting`): two files that swapped names
        paired their «Eventuelt» items by name and title, and each took the other meeting's time
        (a code review); an item of another meeting, or of its agenda, is another entry of the feed."""
        if not self._pending or self._open_committed() is None:
            return
        for old_id, new_id in renamed.items():
            shown = self._pending.get(new_id)
            if shown is None:
                continue
            for leaf, firsts, changes, hashes in self._committed[2]:
                if firsts is None:
                    continue
                try:
                    docnum = leaf.first_id("id", old_id)
                except (KeyError, TermNotFound):
                    continue
                first = firsts[docnum]
                old = _stored(leaf, docnum)
                if not first or old is None or _Shown.meeting_of(old) != shown.meeting:
                    break  # unreadable, or not the same meeting's: no time of its to carry
                known = hashes[docnum] if hashes is not None else 0
                same = not known or shown.same_as(old)
                at = (first, (changes[docnum] if changes is not None else 0) or first) if same else (first, self.indexed_at)
                earlier = self._carried.get(new_id)
                if earlier is None or at[0] < earlier[0]:
                    self._carried[new_id] = at
                    self._kept_carried[new_id] = same
                break
        self._kept += sum(self._kept_carried.values())
        self._kept_carried.clear()

    def _open_committed(self) -> Any:
        """(reader, searcher, each segment's columns) of the last commit, opened once; None
        before the first commit."""
        if self._committed is None and self._ix.latest_generation() != 0:
            reader = self._ix.reader()

            def column(leaf: Any, name: str) -> Any:
                return leaf.column_reader(name) if name in leaf.schema and leaf.has_column(name) else None

            # Segment by segment: Whoosh's reader of several segments reads a column by docnum
            # wrongly when one segment has none (one holding file records only).
            self._committed = (reader, Searcher(reader, closereader=False),
                               [(leaf, column(leaf, FIRST_INDEXED), column(leaf, CHANGED_AT), column(leaf, FINGERPRINT))
                                for leaf, _offset in reader.leaf_readers()])
        return self._committed

    def _count_replaced(self, source: str | None) -> None:
        """Count the committed passages this commit replaces: a source's (None: every one)."""
        if (self._cleared and source is not None) or source in self._replaced or self._open_committed() is None:
            return
        self._replaced.add(source)  # type: ignore[arg-type]
        # Not And(source, kind): Whoosh walks the whole kind:passage list for it, a full scan of the
        # index per file (a code review: removing 1,000 files of a 20k index took 5× as long).
        passages = self._committed_passages()
        if source is None:
            self._replaced_count += len(passages)
        else:
            self._replaced_count += sum(1 for d in self._committed[1].docs_for_query(Term("source", source))
                                        if d in passages)

    def _committed_passages(self) -> frozenset[int]:
        """The last commit's passages' document numbers, read once per writer."""
        if self._passage_docs is None:
            self._passage_docs = frozenset(self._committed[1].docs_for_query(Term("kind", PASSAGE)))
        return self._passage_docs

    def _close_committed(self) -> None:
        self._passage_docs = None
        if self._committed is not None:
            self._committed[1].close()
            self._committed[0].close()
            self._committed = None

    def delete(self, source: str) -> None:
        """Remove a source file's passages and record (as committed before this writer)."""
        if source in self._sources:
            raise ValueError(f"{source} was added in this write; delete it before adding, not after")
        self._changed = True
        self._count_replaced(source)
        if not self._cleared:
            self._writer.delete_by_term("source", source)

    def clear(self) -> None:
        """Drop everything committed before: the commit then holds only what this writer adds."""
        if self._sources:
            raise ValueError("clear() must come before the first add()")
        self._cleared = True
        self._changed = True
        # This code's schema, not the one pickled into the index: a rebuild is how a changed
        # analyzer (a filter added, see `search.analysis.ANALYSIS_VERSION`) reaches the index.
        # Safe before the first add: Whoosh's writer reads its fields from `schema` at each call.
        self._writer.schema = build_schema()
        self._count_replaced(None)
        self._start_learning()

    def commit(self) -> None:
        self._closed = True
        self._close_committed()  # every time is looked up (`add`); the commit may delete its files
        if self._replaced_count > self._kept:  # a passage gone, or changed (it may have left a search)
            self._dropped_at = self.indexed_at
        setattr(self._writer.schema, DROPPED_AT, self._dropped_at)  # kept by a rebuild's new schema too
        try:
            self._write_spooled()
            self._write_deferred()
            policy = CLEAR if self._cleared else MERGE_SMALL
            self._writer.commit(mergetype=merge_with(self._helper_segments, policy))
        except BaseException:
            self.cancel()  # its helper process stops writing before its files are removed
            raise
        finally:
            self._close_spool()
            self._close_deferred()

    def cancel_if_unchanged(self) -> bool:
        """Cancel, instead of committing, a write that added, deleted and cleared nothing, when
        the index has a commit: the last commit (its generation, its time) then stays the
        current one, so a run that changed nothing does not read as an update, and readers keep
        their per-commit caches. True when it cancelled; an index never committed (generation
        0, not an index to readers) is committed, empty, by the normal exit."""
        if self._closed or self._changed or self._ix.latest_generation() == 0:
            return False
        self.cancel()
        return True

    def cancel(self) -> None:
        self._closed = True
        self._close_committed()
        self._close_spool()
        self._close_deferred()
        self._abandon()

    def _start_learning(self) -> None:
        if self._spool is None:
            self._spool = Spool(self._path)

    def _write_spooled(self) -> None:
        """Learn the lexicon from the spooled documents' words, then write them by it."""
        if self._spool is None:
            return
        use_compound_lexicon(self._writer.schema, self._spool.lexicon())
        setattr(self._writer.schema, BUILD_STAMP, self._build_stamp)  # pickled with it, in this commit
        self._helper_segments = self._spool.write(self._writer, self._ix, self._options, self._write, self._on_write)

    def _deferred_file(self) -> _Deferred:
        if self._deferred is None:
            self._deferred = _Deferred(self._path)
        return self._deferred

    def _write_deferred(self) -> None:
        if self._deferred is not None:
            for document, root, file_info in self._deferred:
                self._write(self._writer, document, root, file_info)

    def _close_deferred(self) -> None:
        if self._deferred is not None:
            self._deferred.close()
            self._deferred = None

    def _close_spool(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def _abandon(self) -> None:
        """Cancel the write, remove the files it made, then release the lock.

        The committed generation is untouched. The new segments' files and a temporary TOC
        go (`remove_uncommitted`), so a write that failed on a full disk does not leave the
        disk full for the next attempt; under the lock, so no other writer's files are taken.
        """
        writer = self._writer
        lock = getattr(writer, "writelock", None)
        writer.writelock = None  # Whoosh's cancel would release it: released below, after the cleanup
        try:
            writer.cancel()
        except Exception:  # noqa: BLE001 (already failing, e.g. closing a file on a full disk)
            temporary = getattr(writer, "_tempstorage", None)
            if temporary is not None:
                try:
                    temporary.destroy()
                except Exception:  # noqa: BLE001
                    pass
        finally:
            try:
                remove_uncommitted(self._ix.storage, INDEX_NAME)
            except Exception:  # noqa: BLE001 (left for the next writer or commit to remove)
                pass
            if lock is not None:
                lock.release()

    def __enter__(self) -> IndexWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._closed:
            return
        if exc_type is None:
            self.commit()
        else:
            self.cancel()


def _meeting_time(meeting_date: str | None, now: int) -> int:
    """The UTC seconds of a meeting's day (midnight), or `now` for none or a day after it.

    >>> _meeting_time("2015-05-21", 2_000_000_000), _meeting_time(None, 7), _meeting_time("2099-01-01", 7)
    (1432166400, 7, 7)
    """
    if not meeting_date:
        return now
    try:
        at = int(datetime.fromisoformat(meeting_date).replace(tzinfo=timezone.utc).timestamp())
    except ValueError:
        return now
    return at if 0 < at < now else now


class _Shown(NamedTuple):
    """A passage with a new id as shown, to compare with its old id's (`IndexWriter.carry_times`):
    its names (which the old one had otherwise), its hash, its hash without its topics (a
    changed topic vocabulary changes no item, `_only_topics_differ`), and its meeting."""

    names: dict[str, str]
    whole: int
    without_topics: int
    meeting: tuple[Any, ...]

    @classmethod
    def of(cls, passage: Any) -> _Shown:
        names = {"id": passage.id, "document_id": passage.document_id, "source": passage.source}
        return cls(names, fingerprint(passage), fingerprint(replace(passage, topics=())), cls.meeting_of(passage))

    @staticmethod
    def meeting_of(passage: Any) -> tuple[Any, ...]:
        """The meeting a passage is of, and which of its documents (agenda, minutes): the year
        too, which tells two undated reports of one council apart."""
        return (passage.doc_type, passage.municipality, passage.council, passage.meeting_date, passage.year)

    def same_as(self, old: Any) -> bool:
        """Whether the old passage (`_stored`), under its new names, is shown as this one."""
        old = replace(old, **self.names)
        return fingerprint(old) == self.whole or fingerprint(replace(old, topics=())) == self.without_topics


def _stored(leaf: Any, docnum: int) -> Any:
    """The passage stored at `docnum`; None when it cannot be read."""
    from search.schema import stored_passage

    try:
        return stored_passage(leaf.stored_fields(docnum))
    except (KeyError, ValueError, TypeError):
        return None


class _Deferred:
    """Documents an incremental write keeps until its commit (an unnamed temporary file in the
    index folder), so that `IndexWriter.carry_times` can still give their new ids old times."""

    def __init__(self, folder: Path) -> None:
        self._file = tempfile.TemporaryFile(dir=folder, prefix=".deferred-")
        self._count = 0

    def add(self, document: Document, root: Path, file_info: dict[str, Any]) -> None:
        pickle.dump((document, root, file_info), self._file, pickle.HIGHEST_PROTOCOL)
        self._count += 1

    def __iter__(self) -> Iterator[tuple[Document, Path, dict[str, Any]]]:
        self._file.flush()
        self._file.seek(0)
        for _ in range(self._count):
            yield pickle.load(self._file)

    def close(self) -> None:
        self._file.close()


def _only_topics_differ(leaf: Any, docnum: int, passage: Any) -> bool:
    """Whether `passage` differs from the one stored at `docnum` only in its topics: a release (or
    an administrator) that changes the topic vocabulary tags the items anew, but none of them
    changed, and the feed must not list them as updated (an upgrade review: 15 of 105 items, two
    with the same topics in another order). Read only for a record whose hash differs."""
    from search.schema import stored_passage

    try:
        stored = stored_passage(leaf.stored_fields(docnum))
    except (KeyError, ValueError, TypeError):
        return False
    return fingerprint(replace(stored, topics=passage.topics)) == fingerprint(passage)
