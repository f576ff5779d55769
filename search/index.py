"""Open and read the Referatsøg index: a Whoosh index in one folder.

`open_index` finds (or makes) the index of this code's schema version in a folder
(`search.index_folder`); a `SearchIndex` searches it and reads passages and source records
back, and opens an `IndexWriter` (`search.index_writer`: atomic commits, one writer at a
time).

Threads. Whoosh searchers hold file positions and caches, so they are not shared between
threads: each thread gets its own long-lived searcher (`threading.local`), reused across
requests and reopened when another commit is the newest. The check is one directory listing
and one `stat` of the commit's table of contents per search (~10 µs; `_commit`: a folder
swapped in place may repeat a generation number), so every search sees the latest commit
and `refresh()` is only a way to pay that cost early. A commit whose files do not open is a
damaged index (`IndexDamaged`), answered at once while it is the newest. Searchers of ended
threads, and idle threads' searchers of an older commit (never one in use: `_reads`), are
closed when another thread opens one. What is expensive to derive per commit (facet
ordinals, date order) is computed once and shared by all threads through
`search.snapshot.Snapshot`. A new searcher opens all its segment files at once
(`search.segment_files`), so a commit that deletes replaced segments does not pull a file
from under it.
"""

from __future__ import annotations

import errno
import functools
import gc
import itertools
import json
import os
import pickle
import struct
import threading
import time
import warnings
import weakref
from datetime import datetime, timezone
from pathlib import Path
from collections.abc import Callable
from typing import Any, TypeVar

from whoosh import index as whoosh_index
from whoosh.index import EmptyIndexError, FileIndex
from whoosh.query import And, Term
from whoosh.searching import Searcher

from indexer.models import Passage
from search import danish, decompound, versions
from search.analysis import compound_lexicon
from search.api import IndexDamaged, IndexLocked, IndexMissing, IndexWriteFailed, SearchRequest, SearchResponse
from search.highlight import Marker
# Names of the folder and the writer, importable from here as before the split.
from search.index_folder import (INDEX_NAME, VERSION_FILE, damaged, index_exists, is_index_folder, locked_message,
                                 not_index_files, open_current, remembered_folders, storage_lock, write_version)
from search.index_writer import BUILD_STAMP, DROPPED_AT, IndexWriter
from search.query import query_marker, run_search
from search.ranking import prior
from search.schema import CHANGED_AT, FILE, PASSAGE, build_schema, stored_passage
from search.segment_files import (check_columns, check_postings, is_length_fault, is_read_error, length_fault_file,
                                  named, open_segment_files, read_columns, reading)
from search.snapshot import Snapshot, term_cache_bytes

# A commit as the site tells commits apart (`SearchIndex._commit`): generation number, and the
# TOC file's device, inode, modification time (ns) and size.
Commit = tuple[int, int, int, int, int]
T = TypeVar("T")
DAMAGE_RECHECK = 5.0  # seconds a damaged commit is answered as such before its files are tried again


def index_outdated(path: str | Path) -> bool:
    """Whether `path` holds an index this code cannot read (another schema version): the next
    `open_index(create=True)` replaces it with an empty one, to be rebuilt whole."""
    path = Path(path).expanduser()
    try:
        return index_exists(path) and open_current(path) is None
    except IndexDamaged:  # damaged, not outdated: it is said so where it is opened
        return False


def foreign_files_problem(path: str | Path) -> str | None:
    """Why `path` cannot take an index because it holds other files (a folder of documents),
    in one Danish line without a full stop, or None. `open_index(create=True)` refuses such a
    folder with it; a command checks it before it says anything else (serve before it
    announces the site)."""
    from indexer.progress import printable

    path = Path(path).expanduser()
    strangers = not_index_files(path)
    if not strangers:
        return None
    return (f"mappen {printable(str(path))} rummer andre filer end et søgeindeks (fx {printable(strangers[0])}); "
            "vælg en tom eller ny mappe til indekset (--index-dir)")


def check_readable(path: Path, ix: Any) -> set[str]:
    """The ids of the segments read through; raise `IndexDamaged` when the files of the index's last commit do not read: one gone, or
    cut short (a copy that stopped), naming the file. Every search had failed with «uventet
    fejl», `/healthz` answered 500, and even a full rebuild failed, reading the old passages
    first. Reads a little of every segment, each kind of file on its own so that the one that
    fails is named: its first and last stored records, its first term of each text field, the
    column files it must have, and the first and last posting lists of each field."""
    # A reader that fails half-way leaves its files open, closed as the error and its frames
    # go: quietly, not as ResourceWarnings from the garbage collector later.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            try:
                reader = ix.reader()
            except Exception as error:  # noqa: BLE001 - opening the commit's files; a fault is raised again
                if not is_read_error(error):
                    raise
                raise named(error, _unreadable_terms(ix) or str(path)) from error
            verified = set()
            with reader:
                for leaf, _offset in reader.leaf_readers():
                    count = leaf.doc_count_all()
                    if not count:
                        continue
                    segment = leaf.segment()
                    reading(lambda: _stored_records(leaf, count, segment), segment.make_filename("._stored.col"))
                    reading(lambda: [next(iter(leaf.lexicon(field)), None) for field in ("title", "body")],
                            segment.make_filename(".trm"))
                    check_columns(leaf, reader.schema)
                    check_postings(leaf)
                    read_columns(leaf, reader.schema)
                    verified.add(segment.segment_id())
            return verified
        except OSError as error:
            missing = getattr(error, "filename", None)
            missing = None if missing == str(path) else missing
        gc.collect()
    raise damaged(path, missing)


def _toc_name(ix: Any) -> str:
    """The file name of the index's newest table of contents (`_MAIN_<generation>.toc`)."""
    return f"_{INDEX_NAME}_{ix.latest_generation()}.toc"


def _stored_records(leaf: Any, count: int, segment: Any) -> None:
    for docnum in {0, count - 1}:
        if leaf.stored_fields(docnum) is None:  # Whoosh reads a missing record file as none
            raise FileNotFoundError(errno.ENOENT, "stored fields", segment.make_filename("._stored.col"))


def _unreadable_terms(ix: Any) -> str | None:
    """The terms file of the first segment of the commit whose terms file does not open (read
    as the reader opens it), or None: Whoosh's error names no file."""
    try:
        segments = ix._read_toc().segments
    except Exception:  # noqa: BLE001 - the table of contents itself: `open_current` names it
        return None
    for segment in segments:
        try:
            segment.codec().terms_reader(ix.storage, segment).close()
        except Exception as error:  # noqa: BLE001 - reading one file
            if isinstance(error, OSError) and getattr(error, "filename", None):
                return str(error.filename)
            return segment.make_filename(".trm")
    return None


def _refresh_data_files() -> None:
    """The stem-exclusion list and the routine titles read again when their files changed (each
    module drops its own memos of them): a new commit may be the rebuild that an edit forced, and
    queries must be stemmed as that index was written."""
    from search import ranking

    danish.refresh_exclusions()
    ranking.refresh_routine_titles()


def served_source(root: str, source: str, corpus: Path | None) -> Path | None:
    """The file of the source name `source` indexed from the folder `root` (absolute, as it was
    at indexing), links resolved, if it is a file; None otherwise.

    Without `corpus`, only inside `root`. With one, only inside `corpus`: first under `root`,
    where that lies in `corpus` (an index of a subfolder of it: «naestved/referat.txt» is not the
    «referat.txt» of another municipality one level up, which a code review was served); then
    `source` under `corpus`, since the corpus folder is where source files are served from, and
    a share mounted elsewhere, a container or a restore moves it away from `root` (every source
    link answered 404 though --corpus named the new place). `source` is named from the common
    folder of the paths indexed (`indexer.corpus.corpus_root`), so `index a b` is served from
    their common folder.

    >>> served_source("/nowhere", "../etc/passwd", None) is None
    True
    """
    try:
        if corpus is None:
            bases = [Path(root).resolve()]
            folder = bases[0]
        else:
            folder = corpus.expanduser().resolve()
            bases = [Path(root).resolve(), folder]
        for base in bases:
            candidate = (base / source).resolve()
            if candidate.is_relative_to(base) and candidate.is_relative_to(folder) and candidate.is_file():
                return candidate
    except (OSError, RuntimeError):  # unreadable, or a ring of links
        pass
    return None


def open_index(path: str | Path, *, create: bool = False, recreate_damaged: bool = False) -> SearchIndex:
    """Open the index in `path`; with `create`, make it (and the folder) when absent.

    An index written by another schema version is refused (`IndexMissing`) when reading
    and recreated empty when `create` is set, so the next indexing run rebuilds it. A damaged
    one (`IndexDamaged`) likewise with `recreate_damaged` (a full build, which reads nothing
    of it), and is refused otherwise.
    """
    path = Path(path).expanduser()
    damaged = False
    try:
        ix = open_current(path)
    except IndexDamaged:  # its marker or its table of contents does not read
        if not (create and recreate_damaged):
            raise
        ix, damaged = None, True
    if ix is not None and (create or ix.latest_generation() > 0):
        try:
            # The segments read through here need not be again by the first searcher (`open_segment_files`)
            return SearchIndex(path, ix, verified=check_readable(path, ix))
        except IndexDamaged:
            if not (create and recreate_damaged):
                raise
            damaged = True
    if not create:
        if ix is not None:  # created, but no build was ever committed (the first one failed)
            raise IndexMissing(f"Der er intet indeks i {path}. Byg det med «referatsog index».")
        if index_exists(path):
            raise IndexMissing(
                f"Indekset i {path} er bygget af en anden version af Referatsøg. Byg det igen med «referatsog index»."
            )
        raise IndexMissing(f"Der er intet indeks i {path}. Byg det med «referatsog index».")
    foreign = foreign_files_problem(path)
    if foreign:
        raise IndexWriteFailed(f"{foreign[0].upper()}{foreign[1:]}.")
    path.mkdir(parents=True, exist_ok=True)
    writers_lock = storage_lock(path)  # the writers' lock: never recreate under a running writer
    if not writers_lock.acquire(blocking=False):
        raise IndexLocked(locked_message(path))
    try:
        ix = None if damaged else open_current(path)  # another process may have created it while we looked
        if ix is None:
            kept = remembered_folders(path)  # read before the old index's table of contents goes
            whoosh_index.create_in(str(path), build_schema(), indexname=INDEX_NAME)
            write_version(path, kept)
            # Opened again, not the object `create_in` returned: that one answers every later
            # generation with the schema it was made with, where a rebuild commits a new one.
            ix = whoosh_index.open_dir(str(path), indexname=INDEX_NAME)
    finally:
        writers_lock.release()
    return SearchIndex(path, ix)


def _reads(method: Callable[..., T]) -> Callable[..., T]:
    """Mark this thread's searcher in use while `method` runs, so that another thread opening a
    newer commit does not close it (`SearchIndex._searcher`): marked under the lock before the
    searcher is looked at, so a searcher is either closed before (and reopened) or left alone."""

    @functools.wraps(method)
    def reading(self: SearchIndex, *args: Any, **kwargs: Any) -> T:
        ident = threading.get_ident()
        with self._lock:
            self._busy[ident] = self._busy.get(ident, 0) + 1
        try:
            return method(self, *args, **kwargs)
        except Exception as error:  # noqa: BLE001 - raised again unless the index's files are found damaged
            if not is_read_error(error):
                raise
            problem = self._damage_of(error)
            if problem is None:  # the files read: a fault in the code, raised as it is
                raise
            raise problem from None
        finally:
            with self._lock:
                if self._busy[ident] > 1:
                    self._busy[ident] -= 1
                else:
                    del self._busy[ident]

    return reading


class SearchIndex:
    """A Referatsøg index: search it, read passages and source records, open a writer."""

    def __init__(self, path: Path, ix: FileIndex, verified: set[str] = frozenset()) -> None:
        self.path = path
        self._ix = ix
        self._local = threading.local()
        self._lock = threading.Lock()
        self._searchers: dict[int, Searcher] = {}  # thread id -> its searcher, to close them all
        self._snapshots: dict[Commit, Snapshot] = {}
        self._first_seen: dict[Commit, int] = {}  # commit -> order first seen: the newest of one generation number
        self._damaged: tuple[Commit, str, float] | None = None  # a commit whose files did not open, why, when
        # The commit the data files were last read again for: each thread opens a commit's first
        # searcher of its own, and reading them then took up an edit no rebuild had followed.
        self._data_files_read_for: Commit | None = None
        self._data_files_lock = threading.Lock()
        # Segments whose files were read through once (`open_segment_files`): segment files never
        # change, so each thread's searcher of a later commit opens them without reading them again.
        self._verified_segments: set[str] = set(verified)
        self._opened: dict[int, Commit] = {}  # thread id -> the commit its searcher reads
        self._busy: dict[int, int] = {}  # thread id -> how many `_reads` calls it is inside (its searcher in use)
        # Searchers hold open files: close them when this object goes, even unclosed.
        weakref.finalize(self, _close_searchers, self._searchers, self._lock)

    # Reading

    @_reads
    def search(self, request: SearchRequest) -> SearchResponse:
        """Answer one request (see `search.query.run_search`)."""
        searcher = self._searcher()
        return run_search(searcher, request, self._snapshot(searcher))

    @_reads
    def rows(self, request: SearchRequest, limit: int) -> SearchResponse:
        """The first `limit` hits of `request` in its order, whatever its page, as a spreadsheet's
        rows (`run_search`'s `rows`): one search, hits without snippets, with whole decisions."""
        searcher = self._searcher()
        return run_search(searcher, request, self._snapshot(searcher), rows=max(1, limit))

    def newest_commit(self) -> Commit:
        """The newest commit in the folder, as searches tell commits apart (`_commit`): what the
        answers built from the index stay the same for (an export's validator, before it is built)."""
        return self._commit()

    @_reads
    def warm_up(self) -> bool:
        """Build what the newest generation's searches share (`Snapshot.warm`) before a search
        needs it; True if there was anything to build. A server calls this now and then, so
        that after a reindex the first visitor does not wait (1M passages: 2–3 s), and the
        ranking's multipliers built from those parts (`ranking.prior`)."""
        searcher = self._searcher()
        snapshot = self._snapshot(searcher)
        built = snapshot.warm(searcher)
        prior(searcher, snapshot)  # kept per generation: a no-op once built
        return built

    @_reads
    def marker(self, query: str) -> Marker:
        """Marks `query`'s words in a passage's text as its hits mark them (`query_marker`):
        `index.marker(q)(text)` is escaped HTML with `<mark>`; false when nothing is marked."""
        searcher = self._searcher()
        return query_marker(searcher, query, self._snapshot(searcher))

    @_reads
    def passage(self, passage_id: str) -> Passage | None:
        stored = self._searcher().document(id=passage_id)
        return stored_passage(stored) if stored else None

    @_reads
    def copies(self, passage_id: str) -> list[Passage]:
        """The same agenda item indexed from other files (`schema.copy_key`: its PDF, web page
        or text), the copy a search shows first; empty when there is none or the id is unknown."""
        searcher = self._searcher()
        docnum = searcher.document_number(id=passage_id)
        if docnum is None:
            return []
        this = searcher.stored_fields(docnum)["source"]
        others = (stored_passage(searcher.stored_fields(d))
                  for d in self._snapshot(searcher).copies_of(searcher, docnum))
        return [p for p in others if p.source != this]

    @_reads
    def has_passages(self, passage_ids: list[str]) -> bool:
        """Whether every one of these ids is a passage of the index (a term look-up each)."""
        searcher = self._searcher()
        return all(searcher.document_number(id=passage_id) is not None for passage_id in passage_ids)

    @_reads
    def versions(self, passage_id: str) -> list[Passage]:
        """The same agenda item in other versions of its document (`search.versions`): corrected
        minutes whose text or decision differs, so they are no copies. One passage per copy
        group, the copy a search shows, in first-indexed order (oldest first; ties by id). Empty
        for an unknown id or an item without an identity."""
        searcher = self._searcher()
        docnum = searcher.document_number(id=passage_id)
        if docnum is None:
            return []
        return [passage for _, passage in versions.other_versions(searcher, self._snapshot(searcher), docnum)]

    @_reads
    def superseded_by(self, passage_ids: list[str]) -> dict[str, str]:
        """Each of these passages that a version of its item indexed later supersedes → that
        version's id (`search.versions.superseded`), as the search's hits say it."""
        searcher = self._searcher()
        docnums = {d: passage_id for passage_id in passage_ids
                   if (d := searcher.document_number(id=passage_id)) is not None}
        later = versions.superseded(searcher, self._snapshot(searcher), ((d, None) for d in docnums))
        return {docnums[d]: newer for d, newer in later.items()}

    @_reads
    def document(self, document_id: str) -> list[Passage]:
        """The passages of one document in their order in the document."""
        searcher = self._searcher()
        query = And([Term("document_id", document_id), Term("kind", PASSAGE)])
        passages = [stored_passage(searcher.stored_fields(d)) for d in searcher.docs_for_query(query)]
        return sorted(passages, key=lambda p: p.position)

    @_reads
    def first_indexed(self, passage_ids: list[str]) -> dict[str, datetime]:
        """When each of these passages first entered the index (`schema.FIRST_INDEXED`), UTC;
        an id not indexed, or without a time (an index written before them), is left out."""
        return self._first_indexed(self._searcher(), passage_ids)

    def _first_indexed(self, searcher: Searcher, passage_ids: list[str]) -> dict[str, datetime]:
        added = self._snapshot(searcher).added_at(searcher)
        found = {}
        for passage_id in passage_ids:
            docnum = searcher.document_number(id=passage_id)
            if docnum is not None and docnum < len(added) and added[docnum] > 0:
                found[passage_id] = datetime.fromtimestamp(int(added[docnum]), tz=timezone.utc)
        return found

    @_reads
    def meeting_passages(self, date: str, municipality: str, council: str) -> list[Passage]:
        """The passages that name `date` (`dates`: a meeting's date and dates in the text) of
        that municipality and council, copies included: one meeting's files, found by their
        terms, not by reading every passage (`search.moved` pairs a removed file's items so)."""
        searcher = self._searcher()
        return [stored_passage(searcher.stored_fields(d))
                for d in searcher.docs_for_query(versions.meeting_query(date, municipality, council))]

    @_reads
    def changed_at(self, passage_ids: list[str]) -> dict[str, datetime]:
        """When each of these passages as shown last changed (`schema.CHANGED_AT`; of copies, the
        earliest copy's), UTC; without
        that time (an index written before it) when it first entered the index; an id with
        neither is left out. Read for the few ids asked, each from its own segment's column:
        Whoosh's reader of several segments misreads a column one of them lacks."""
        searcher = self._searcher()
        leaves = searcher.reader().leaf_readers()
        columns: dict[int, Any] = {}
        snapshot = self._snapshot(searcher)

        def changed_of(docnum: int) -> int:
            for i, (leaf, offset) in enumerate(leaves):
                if offset <= docnum < offset + leaf.doc_count_all():
                    if i not in columns:
                        columns[i] = (leaf.column_reader(CHANGED_AT) if CHANGED_AT in leaf.schema
                                      and leaf.has_column(CHANGED_AT) else None)
                    return int(columns[i][docnum - offset]) if columns[i] is not None else 0
            return 0

        found = {}
        for passage_id, first in self._first_indexed(searcher, passage_ids).items():
            docnum = searcher.document_number(id=passage_id)
            # An item in several files (copies: alike texts, the same decision) last changed when
            # its earliest copy did: a corrected file's unchanged items came up as updated.
            times = [t for d in ([docnum, *snapshot.copies_of(searcher, docnum)] if docnum is not None else [])
                     if (t := changed_of(d))]
            changed = min(times) if times else 0
            found[passage_id] = datetime.fromtimestamp(changed, tz=timezone.utc) if changed else first
        return found

    @_reads
    def sources(self) -> dict[str, dict[str, Any]]:
        """Every indexed source file → its record: sha256, root, document_id, passages, + what the indexer gave."""
        searcher = self._searcher()
        out = {}
        for docnum in searcher.docs_for_query(Term("kind", FILE)):
            stored = searcher.stored_fields(docnum)
            out[stored["source"]] = json.loads(stored["record"])
        return out

    @_reads
    def source_files(self, limit: int, corpus: Path | None = None) -> list[Path | None]:
        """Where the first `limit` indexed source files were read from (the corpus folder each
        was indexed from joined with its source name), in index order; whether each is still
        there is the caller's question. With `corpus`, the file `source_file` serves for each
        from that folder, None where it serves none. Reads `limit` stored records, not every one."""
        searcher = self._searcher()
        found: list[Path | None] = []
        for docnum in itertools.islice(searcher.docs_for_query(Term("kind", FILE)), max(0, limit)):
            stored = searcher.stored_fields(docnum)
            root = json.loads(stored["record"])["root"]
            source = stored["source"]
            found.append(Path(root) / source if corpus is None else served_source(root, source, corpus))
        return found

    @_reads
    def source_file(self, document_id: str, corpus: Path | None = None) -> Path | None:
        """The source file of a document (`served_source`): inside the corpus folder `corpus`,
        else inside the corpus root it was indexed from; None when there is none."""
        searcher = self._searcher()
        stored = searcher.document(document_id=document_id, kind=FILE)
        if not stored:
            return None
        return served_source(json.loads(stored["record"])["root"], stored["source"], corpus)

    def moved(self, old_id: str, kind: str = "passages") -> str | None:
        """The present id of a passage (`kind` "passages") or document ("documents") that an
        earlier run indexed under `old_id` (`search.moved`), if it still exists; else None."""
        from search import moved

        new_id = moved.lookup(self.path, kind, old_id)
        return new_id if new_id is not None and self.has_id(kind, new_id) else None

    @_reads
    def has_id(self, kind: str, id_: str) -> bool:
        """Whether a passage ("passages") or a document ("documents") of this id is indexed."""
        searcher = self._searcher()
        if kind == "documents":
            return searcher.document_number(document_id=id_, kind=FILE) is not None
        return searcher.document_number(id=id_, kind=PASSAGE) is not None

    @_reads
    def stats(self) -> dict[str, Any]:
        searcher = self._searcher()
        snapshot = self._snapshot(searcher)  # the counts are kept per generation: /healthz runs no query
        modified = datetime.fromtimestamp(self._ix.last_modified(), tz=timezone.utc)
        return {
            "path": str(self.path),
            "documents": len(snapshot.files(searcher)),
            "passages": len(snapshot.passages(searcher)),
            # UTC written with "Z", like every other timestamp the API and the feed give
            "last_commit": modified.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "generation": self._local.commit[0],
            "commit": self._local.commit,  # more than the number: a folder swapped in may have the same one
            "segments": len(searcher.reader().leaf_readers()),
            "compound_stems": len(compound_lexicon(searcher.schema)),
            # how this generation's last whole build read and analysed (`IndexWriter`'s build_stamp)
            "build_stamp": getattr(searcher.schema, BUILD_STAMP, None),
            # when a commit last removed or changed a passage (`IndexWriter`), for the feed's date
            "dropped_at": datetime.fromtimestamp(dropped, tz=timezone.utc)
            if (dropped := getattr(searcher.schema, DROPPED_AT, None)) else None,
        }

    def refresh(self) -> bool:
        """Make this thread's searcher see the newest commit; True if there was one. Searches do this themselves."""
        before = getattr(self._local, "searcher", None)
        return self._searcher() is not before

    def close(self) -> None:
        """Close every searcher this index opened, in any thread (call at shutdown)."""
        _close_searchers(self._searchers, self._lock)
        with self._lock:
            self._snapshots.clear()
            self._opened.clear()
        self._local = threading.local()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _commit(self) -> Commit:
        """The newest commit in the folder: its generation number and its TOC file's identity.

        The number alone does not tell commits apart: an index folder swapped in place (a
        backup restored, `cp -a` of another index) may have the same one, and the site went on
        answering from the old folder, one answer mixing the new hits with the old facets. A
        commit writes a new TOC file, so its inode, time and size change with it (one `stat`).
        """
        generation = self._ix.latest_generation()
        try:
            toc = os.stat(self.path / f"_{INDEX_NAME}_{generation}.toc")
        except OSError:  # replaced or removed since the listing: the next look sees what came instead
            return (generation, 0, 0, 0, -1)
        return (generation, toc.st_dev, toc.st_ino, toc.st_mtime_ns, toc.st_size)

    def _damage_of(self, error: BaseException) -> IndexDamaged | None:
        """`IndexDamaged` when `error`, raised while this thread's searcher read the index, came
        from its files (one cut short under a running site: Whoosh's «Block tag error b''» on
        every search, a 500 each, while `/healthz` said ready), remembered for the commit as
        `_open_searcher` remembers a commit whose files do not open; None when they read (the
        error is a fault in the code, not damage)."""
        commit = getattr(self._local, "commit", None)
        try:
            check_readable(self.path, self._ix)
        except IndexDamaged as problem:
            self._verified_segments.clear()  # read through again when opened again
            if commit is not None and commit == self._commit():
                self._damaged = (commit, str(problem), time.monotonic())
            return problem
        if is_length_fault(error):  # a length file cut short where no check reaches: damage all the same, named
            problem = damaged(self.path, length_fault_file(error))
            if commit is not None and commit == self._commit():
                self._damaged = (commit, str(problem), time.monotonic())
            return problem
        return None

    def _searcher(self) -> Searcher:
        """This thread's searcher, reopened when another commit is the newest (`_commit`).

        Not Whoosh's `Searcher.refresh()`: in whoosh-reloaded 2.7.5 its reader reuse adds
        the old reader's segments to the new ones, so deleted documents come back.
        A commit whose files do not open (`IndexDamaged`) is remembered until another one
        appears, or for `DAMAGE_RECHECK` seconds (a file put back): requests are answered at
        once, and every thread says the same, not only those that had no searcher yet.
        """
        latest = self._commit()
        damage = self._damaged
        if damage is not None and damage[0] == latest and time.monotonic() - damage[2] < DAMAGE_RECHECK:
            raise IndexDamaged(damage[1])  # a new one: raising one object again grows its traceback
        searcher: Searcher | None = getattr(self._local, "searcher", None)
        ident = threading.get_ident()
        # Still registered: another thread takes an idle one out under the lock before closing it.
        # A call inside a call (`_reads` twice) keeps its searcher, whatever was committed since.
        # A commit found damaged is opened again once its time is up (a file put back), not
        # answered from a searcher of it: `/healthz`, which reads no postings, said ready.
        recheck = damage is not None and damage[0] == latest and self._busy.get(ident, 0) <= 1
        if searcher is not None and self._searchers.get(ident) is searcher and not searcher.is_closed and (
                self._local.commit == latest and not recheck or self._busy.get(ident, 0) > 1):
            return searcher
        fresh, latest = self._open_searcher(latest)
        if recheck and self._damaged is damage:  # its files open and read again
            self._damaged = None
        with self._lock:
            stale = [self._searchers.pop(ident)] if ident in self._searchers else []
            alive = {thread.ident for thread in threading.enumerate()}
            # Ended threads', and idle threads' of an older commit: a waitress thread keeps its
            # searcher until its next request, and with it the files a rebuild deleted (disk
            # space not freed). Never one in use (`_reads`): its thread reopens when it next reads.
            stale += [self._searchers.pop(i) for i in list(self._searchers)
                      if i not in alive or not self._busy.get(i) and self._opened.get(i) != latest]
            for i in list(self._opened):
                if i not in self._searchers:
                    del self._opened[i]
            self._searchers[ident] = fresh
            self._opened[ident] = latest
            # A commit no searcher reads any more: its snapshot's posting arrays map deleted
            # files. One still in use lives on with the call holding it, caching nothing more.
            for key in [key for key in self._snapshots if key != latest and key not in self._opened.values()]:
                self._snapshots.pop(key).cache.retire()
        for old in stale:
            old.close()
        self._local.searcher = fresh
        self._local.commit = latest
        return fresh

    def _open_searcher(self, commit: Commit, attempts: int = 5) -> tuple[Searcher, Commit]:
        """A new searcher of the newest commit with all its files open (`open_segment_files`),
        and that commit (`_commit`, the same before and after opening: the caches of one
        commit are shared by every thread, so a searcher must be of the commit it says).

        Files that do not open while no other commit appeared are a damaged index
        (`IndexDamaged`, remembered for the commit). Not `FileIndex.searcher()`: it sleeps and
        retries ten times on any missing file (0.45 s), and a damaged index answered every
        request after 2.3 s with a traceback in the log.
        """
        if commit != self._data_files_read_for:  # a new commit: perhaps the rebuild an edit forced
            # Marked once read: a thread opening the same commit meanwhile waits for the new
            # stems instead of searching with the old ones (a code review).
            with self._data_files_lock:
                if commit != self._data_files_read_for:
                    _refresh_data_files()
                    self._data_files_read_for = commit
        for _attempt in range(attempts):
            failed: tuple[str | None] | None = None  # the file that did not open (its path, if known)
            # A reader that fails half-way leaves the files it opened to the garbage collector:
            # closed here, quietly, as `check_readable` does.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ResourceWarning)
                reader = None
                try:
                    toc = reading(self._ix._read_toc, _toc_name(self._ix))
                    reader = FileIndex._reader(self._ix.storage, toc.schema, toc.segments, toc.generation)
                    searcher = Searcher(reader, fromindex=self._ix)
                    open_segment_files(searcher, self._verified_segments)
                except EmptyIndexError:  # the folder was emptied or removed under a running site
                    raise IndexMissing(
                        f"Der er intet indeks i {self.path} længere (mappen er tømt eller fjernet). "
                        "Byg det med «referatsog index»."
                    ) from None
                except (OSError, EOFError, struct.error, pickle.UnpicklingError) as error:
                    if reader is not None:
                        reader.close()
                    failed = (getattr(error, "filename", None),)
                if failed is not None:
                    gc.collect()
            if failed is not None:
                now = self._commit()
                if now != commit:  # a commit deleted a file between the TOC and opening it: take the newer one
                    commit = now
                    continue
                problem = damaged(self.path, failed[0])
                self._damaged = (commit, str(problem), time.monotonic())
                raise problem
            now = self._commit()
            if now == commit:
                return searcher, commit
            searcher.close()  # another commit (or folder) came while opening: open that one
            commit = now
        raise damaged(self.path, None)  # commits kept coming faster than the files opened

    def _snapshot(self, searcher: Searcher) -> Snapshot:
        commit = self._local.commit if getattr(self._local, "searcher", None) is searcher else (-1, 0, 0, 0, -1)
        with self._lock:
            snapshot = self._snapshots.get(commit)
            if snapshot is None:
                snapshot = Snapshot(commit[0], term_cache_bytes(searcher.doc_count_all()))
                self._snapshots[commit] = snapshot
                self._first_seen.setdefault(commit, len(self._first_seen))

                # Newest last: by generation number, then by when first seen (a folder swapped in
                # with the same number is newer), so a thread lagging behind does not count as new.
                def age(key: Commit) -> tuple[int, int]:
                    return key[0], self._first_seen[key]

                # Keep the newest few: threads may briefly lag one commit behind.
                for old in sorted(self._snapshots, key=age)[:-3]:
                    del self._snapshots[old]
                oldest = min(key[0] for key in self._snapshots)
                for key in [key for key in self._first_seen if key[0] < oldest]:
                    del self._first_seen[key]
                newest = max(self._snapshots, key=age)
                for key, kept in self._snapshots.items():
                    if key != newest:
                        kept.cache.retire()  # only the newest commit holds cached postings
        return snapshot

    # Writing

    def writer(
        self, *, limitmb: int = 128, on_write: Callable[[int, int, str], None] | None = None,
        build_stamp: str | None = None, indexed_at: int | None = None,
    ) -> IndexWriter:
        """A context manager that commits on normal exit and cancels on an exception.

        Raises `IndexLocked` at once when another writer holds the index (one process writes:
        Whoosh's multiprocess writer forks workers that outlive a killed run holding the lock,
        docs/benchmarks.md). `on_write`, `build_stamp`: see
        `IndexWriter`; `indexed_at`: when new passages first entered the index (UTC seconds, now by default).
        """
        return IndexWriter(self._ix, self.path, limitmb=limitmb, on_write=on_write, build_stamp=build_stamp,
                           indexed_at=indexed_at)

    @property
    def build_stamp(self) -> str | None:
        """What the caller said its last whole build was made with (`IndexWriter`'s
        `build_stamp`), None for an index built before stamps or without one."""
        return getattr(self._ix.schema, BUILD_STAMP, None)

    def compound_lexicon(self) -> decompound.Lexicon:
        """The lexicon this index splits compounds by (learned at its last full build)."""
        return compound_lexicon(self._ix.schema)


def _close_searchers(searchers: dict[int, Searcher], lock: threading.Lock) -> None:
    with lock:
        for searcher in searchers.values():
            if not searcher.is_closed:
                searcher.close()
        searchers.clear()


__all__ = ["BUILD_STAMP", "INDEX_NAME", "VERSION_FILE", "IndexWriter", "SearchIndex", "foreign_files_problem",
           "index_exists", "index_outdated", "is_index_folder", "open_index"]
