"""Open, read and write the Referatsøg index: a Whoosh index in one folder.

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

Locking. One writer at a time, by Whoosh's `WRITELOCK`, an `fcntl.flock` on a file in the
index folder: the kernel releases it when the holding process dies, so a crashed indexer
never leaves a stale lock. A second writer fails at once with `IndexLocked`.

Threads. Whoosh searchers hold file positions and caches, so they are not shared between
threads: each thread gets its own long-lived searcher (`threading.local`), reused across
requests and reopened when a newer generation exists. The check is one directory listing
per search (~10 µs), so every search sees the latest commit and `refresh()` is only a
way to pay that cost early. Searchers of ended threads are closed when another thread
opens one. What is expensive to derive per generation (facet ordinals, date order) is
computed once and shared by all threads through `search.snapshot.Snapshot`.

Segment files. Writers write non-compound segments (`compound=False`): each segment is a
handful of plain files (terms, postings, one per column) that every searcher opens and
reads through the page cache, shared by all threads and processes. A compound segment (one
`.seg` file) would be memory-mapped, but Whoosh hands each reader a `BytesIO` *copy* of
every sub-file, so each per-thread searcher held a copy of the whole index (6.8 GB for 12
threads at 100k passages; see docs/engine-performance.md). Indexes written before this
change keep their compound segments and stay readable as they are; the next full build
(`referatsog index --full`) or a merge that rewrites a segment writes it non-compound.
Atomicity is unchanged: the new segment's files carry the new segment's name and only the
renamed TOC makes them visible. Because a reader opens column files lazily and a commit
deletes the files of replaced segments, a new searcher opens all its files at once
(`_open_segment_files`); an open file stays readable after deletion on POSIX systems.
"""

from __future__ import annotations

import json
import pickle
import threading
import warnings
import weakref
from datetime import datetime, timezone
from pathlib import Path
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import EmptyIndexError, FileIndex, LockError
from whoosh.query import And, Term
from whoosh.searching import Searcher
from whoosh.writing import CLEAR, MERGE_SMALL

from indexer.models import Document, Passage
from search import decompound
from search.analysis import compound_lexicon, use_compound_lexicon
from search.api import IndexLocked, IndexMissing, IndexWriteFailed, SearchRequest, SearchResponse
from search.highlight import Marker
from search.query import query_marker, run_search
from search.ranking import prior
from search.schema import FILE, PASSAGE, SCHEMA_VERSION, build_schema, file_fields, passage_fields
from search.snapshot import Snapshot, term_cache_bytes
from search.spool import Spool, merge_with
from search.writing import SegmentWriter, remove_uncommitted

INDEX_NAME = "MAIN"
VERSION_FILE = "referatsog-index.json"
# The schema attribute that holds a whole build's `build_stamp` (see `IndexWriter`).
BUILD_STAMP = "referatsog_build_stamp"


def is_index_folder(names: Iterable[str]) -> bool:
    """Whether a folder holding files of these names holds a Referatsøg index (of any version)."""
    toc = f"_{INDEX_NAME}_"
    return any(name == VERSION_FILE or name.startswith(toc) and name.endswith(".toc") for name in names)


def index_exists(path: str | Path) -> bool:
    """Whether `path` holds a Referatsøg index (of any schema version).

    Looks for a table of contents by name: Whoosh's own `exists_in` unpickles the schema,
    which fails outright for an index whose analyzer classes this code no longer has.
    """
    return Path(path).is_dir() and any(Path(path).glob(f"_{INDEX_NAME}_*.toc"))  # not is_index_folder: the marker alone is no index


def index_outdated(path: str | Path) -> bool:
    """Whether `path` holds an index this code cannot read (another schema version): the next
    `open_index(create=True)` replaces it with an empty one, to be rebuilt whole."""
    path = Path(path).expanduser()
    return index_exists(path) and _open_current(path) is None


def open_index(path: str | Path, *, create: bool = False) -> SearchIndex:
    """Open the index in `path`; with `create`, make it (and the folder) when absent.

    An index written by another schema version is refused (`IndexMissing`) when reading
    and recreated empty when `create` is set, so the next indexing run rebuilds it.
    """
    path = Path(path).expanduser()
    ix = _open_current(path)
    if ix is not None and (create or ix.latest_generation() > 0):
        return SearchIndex(path, ix)
    if not create:
        if ix is not None:  # created, but no build was ever committed (the first one failed)
            raise IndexMissing(f"Der er intet indeks i {path}. Byg det med «referatsog index».")
        if index_exists(path):
            raise IndexMissing(
                f"Indekset i {path} er bygget af en anden version af Referatsøg. Byg det igen med «referatsog index»."
            )
        raise IndexMissing(f"Der er intet indeks i {path}. Byg det med «referatsog index».")
    strangers = _not_index_files(path)
    if strangers:
        raise IndexWriteFailed(
            f"Mappen {path} rummer andre filer end et søgeindeks (fx {strangers[0]}); "
            "vælg en tom eller ny mappe til indekset (--index-dir)."
        )
    path.mkdir(parents=True, exist_ok=True)
    storage_lock = _storage_lock(path)  # the writers' lock: never recreate under a running writer
    if not storage_lock.acquire(blocking=False):
        raise IndexLocked(_locked_message(path))
    try:
        ix = _open_current(path)  # another process may have created it while we looked
        if ix is None:
            ix = whoosh_index.create_in(str(path), build_schema(), indexname=INDEX_NAME)
            marker = path / f"{VERSION_FILE}.tmp"
            marker.write_text(json.dumps({"schema_version": SCHEMA_VERSION}) + "\n", encoding="utf-8")
            marker.replace(path / VERSION_FILE)
    finally:
        storage_lock.release()
    return SearchIndex(path, ix)


class SearchIndex:
    """A Referatsøg index: search it, read passages and source records, open a writer."""

    def __init__(self, path: Path, ix: FileIndex) -> None:
        self.path = path
        self._ix = ix
        self._local = threading.local()
        self._lock = threading.Lock()
        self._searchers: dict[int, Searcher] = {}  # thread id -> its searcher, to close them all
        self._snapshots: dict[int, Snapshot] = {}
        # Searchers hold open files: close them when this object goes, even unclosed.
        weakref.finalize(self, _close_searchers, self._searchers, self._lock)

    # Reading

    def search(self, request: SearchRequest) -> SearchResponse:
        """Answer one request (see `search.query.run_search`)."""
        searcher = self._searcher()
        return run_search(searcher, request, self._snapshot(searcher))

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

    def marker(self, query: str) -> Marker:
        """Marks `query`'s words in a passage's text as its hits mark them (`query_marker`):
        `index.marker(q)(text)` is escaped HTML with `<mark>`; false when nothing is marked."""
        return query_marker(self._searcher(), query)

    def passage(self, passage_id: str) -> Passage | None:
        stored = self._searcher().document(id=passage_id)
        return Passage.from_record(json.loads(stored["record"])) if stored else None

    def copies(self, passage_id: str) -> list[Passage]:
        """The same agenda item indexed from other files (`schema.copy_key`: its PDF, web page
        or text), the copy a search shows first; empty when there is none or the id is unknown."""
        searcher = self._searcher()
        docnum = searcher.document_number(id=passage_id)
        if docnum is None:
            return []
        this = searcher.stored_fields(docnum)["source"]
        others = (Passage.from_record(json.loads(searcher.stored_fields(d)["record"]))
                  for d in self._snapshot(searcher).copies_of(searcher, docnum))
        return [p for p in others if p.source != this]

    def document(self, document_id: str) -> list[Passage]:
        """The passages of one document in their order in the document."""
        searcher = self._searcher()
        query = And([Term("document_id", document_id), Term("kind", PASSAGE)])
        passages = [Passage.from_record(json.loads(searcher.stored_fields(d)["record"])) for d in searcher.docs_for_query(query)]
        return sorted(passages, key=lambda p: p.position)

    def sources(self) -> dict[str, dict[str, Any]]:
        """Every indexed source file → its record: sha256, root, document_id, passages, + what the indexer gave."""
        searcher = self._searcher()
        out = {}
        for docnum in searcher.docs_for_query(Term("kind", FILE)):
            stored = searcher.stored_fields(docnum)
            out[stored["source"]] = json.loads(stored["record"])
        return out

    def source_file(self, document_id: str) -> Path | None:
        """The source file of a document, only if it exists inside the corpus root it was indexed from."""
        searcher = self._searcher()
        stored = searcher.document(document_id=document_id, kind=FILE)
        if not stored:
            return None
        root = Path(json.loads(stored["record"])["root"]).resolve()
        candidate = (root / stored["source"]).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
        return None

    def stats(self) -> dict[str, Any]:
        searcher = self._searcher()
        snapshot = self._snapshot(searcher)  # the counts are kept per generation: /healthz runs no query
        modified = datetime.fromtimestamp(self._ix.last_modified(), tz=timezone.utc)
        return {
            "path": str(self.path),
            "documents": len(snapshot.files(searcher)),
            "passages": len(snapshot.passages(searcher)),
            "last_commit": modified.isoformat(timespec="seconds"),
            "generation": self._local.generation,
            "segments": len(searcher.reader().leaf_readers()),
            "compound_stems": len(compound_lexicon(searcher.schema)),
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
        self._local = threading.local()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _searcher(self) -> Searcher:
        """This thread's searcher, reopened when a newer generation was committed.

        Not Whoosh's `Searcher.refresh()`: in whoosh-reloaded 2.7.5 its reader reuse adds
        the old reader's segments to the new ones, so deleted documents come back.
        """
        latest = self._ix.latest_generation()
        searcher: Searcher | None = getattr(self._local, "searcher", None)
        if searcher is not None and not searcher.is_closed and self._local.generation == latest:
            return searcher
        fresh = self._open_searcher()
        with self._lock:
            stale = [self._searchers.pop(ident)] if (ident := threading.get_ident()) in self._searchers else []
            alive = {thread.ident for thread in threading.enumerate()}
            stale += [self._searchers.pop(i) for i in list(self._searchers) if i not in alive]  # ended threads
            self._searchers[ident] = fresh
        for old in stale:
            old.close()
        generation = fresh.reader().generation()
        self._local.searcher = fresh
        self._local.generation = latest if generation is None else generation
        return fresh

    def _open_searcher(self, attempts: int = 5) -> Searcher:
        """A new searcher of the newest generation with all its files open (`_open_segment_files`)."""
        for attempt in range(attempts):
            searcher = None
            try:
                searcher = self._ix.searcher()
                _open_segment_files(searcher)
                return searcher
            except EmptyIndexError:  # the folder was emptied or removed under a running site
                raise IndexMissing(
                    f"Der er intet indeks i {self.path} længere (mappen er tømt eller fjernet). "
                    "Byg det med «referatsog index»."
                ) from None
            except OSError:  # a commit deleted a file between the TOC and opening it: take the newer one
                if searcher is not None:
                    searcher.close()
                if attempt == attempts - 1:
                    raise
        raise AssertionError("unreachable")

    def _snapshot(self, searcher: Searcher) -> Snapshot:
        generation = self._local.generation if getattr(self._local, "searcher", None) is searcher else -1
        with self._lock:
            snapshot = self._snapshots.get(generation)
            if snapshot is None:
                snapshot = Snapshot(generation, term_cache_bytes(searcher.doc_count_all()))
                # Keep the newest few: threads may briefly lag one commit behind.
                for old in sorted(self._snapshots)[:-2]:
                    del self._snapshots[old]
                self._snapshots[generation] = snapshot
                newest = max(self._snapshots)
                for older, kept in self._snapshots.items():
                    if older < newest:
                        kept.cache.retire()  # only the newest generation holds cached postings
        return snapshot

    # Writing

    def writer(
        self, *, procs: int = 1, limitmb: int = 128, on_write: Callable[[int, int, str], None] | None = None,
        build_stamp: str | None = None,
    ) -> IndexWriter:
        """A context manager that commits on normal exit and cancels on an exception.

        Raises `IndexLocked` at once when another writer holds the index. `procs` > 1 uses
        Whoosh's multiprocessing writer for bulk builds. `on_write`, `build_stamp`: see
        `IndexWriter`.
        """
        return IndexWriter(self, procs=procs, limitmb=limitmb, on_write=on_write, build_stamp=build_stamp)

    @property
    def build_stamp(self) -> str | None:
        """What the caller said its last whole build was made with (`IndexWriter`'s
        `build_stamp`), None for an index built before stamps or without one."""
        return getattr(self._ix.schema, BUILD_STAMP, None)

    def compound_lexicon(self) -> decompound.Lexicon:
        """The lexicon this index splits compounds by (learned at its last full build)."""
        return compound_lexicon(self._ix.schema)


class IndexWriter:
    """Adds, replaces and deletes the passages of source files, in one atomic commit.

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
        self, index: SearchIndex, *, procs: int = 1, limitmb: int = 128,
        on_write: Callable[[int, int, str], None] | None = None, build_stamp: str | None = None,
    ) -> None:
        try:
            # Non-compound segments: a reader opens each segment file as a file, where a
            # compound segment would hand every searcher its own in-memory copy (see the
            # module docstring, "Segment files").
            self._options = {"limitmb": limitmb, "compound": False}
            self._writer = (
                index._ix.writer(procs=procs, **self._options) if procs > 1 else SegmentWriter(index._ix, **self._options)
            )
        except LockError:
            raise IndexLocked(_locked_message(index.path)) from None
        self._path = index.path
        self._ix = index._ix
        self._sources: set[str] = set()
        self._cleared = False
        self._closed = False
        self._on_write = on_write
        self._build_stamp = build_stamp
        self._spool: Spool | None = None
        self._helper_segments: list[Any] = []  # written by the spool's helper process, for the commit
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
        if self._spool is not None:
            self._spool.add(document, Path(root), file_info)
        else:
            self._write(self._writer, document, Path(root), file_info)
        self._sources.add(source)
        self.passages_added += len(document.passages)
        return len(document.passages)

    def _write(self, writer: Any, document: Document, root: Path, file_info: dict[str, Any]) -> None:
        """Into a Whoosh writer (ours, or a spool helper's): the passages, then the file's record."""
        if not self._cleared:
            writer.delete_by_term("source", document.source)
        for passage in document.passages:
            writer.add_document(**passage_fields(passage))
        writer.add_document(**file_fields(document, root.resolve(), file_info))

    def delete(self, source: str) -> None:
        """Remove a source file's passages and record (as committed before this writer)."""
        if source in self._sources:
            raise ValueError(f"{source} was added in this write; delete it before adding, not after")
        if not self._cleared:
            self._writer.delete_by_term("source", source)

    def clear(self) -> None:
        """Drop everything committed before: the commit then holds only what this writer adds."""
        if self._sources:
            raise ValueError("clear() must come before the first add()")
        self._cleared = True
        self._start_learning()

    def commit(self) -> None:
        self._closed = True
        try:
            self._write_spooled()
            policy = CLEAR if self._cleared else MERGE_SMALL
            self._writer.commit(mergetype=merge_with(self._helper_segments, policy))
        except BaseException:
            self.cancel()  # its helper process stops writing before its files are removed
            raise
        finally:
            self._close_spool()

    def cancel(self) -> None:
        self._closed = True
        self._close_spool()
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


def _close_searchers(searchers: dict[int, Searcher], lock: threading.Lock) -> None:
    with lock:
        for searcher in searchers.values():
            if not searcher.is_closed:
                searcher.close()
        searchers.clear()


def _open_segment_files(searcher: Searcher) -> None:
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
        for name, field in schema.items():
            if field.scorable:
                leaf.doc_field_length(0, name)
            if field.column_type is not None and leaf.has_column(name):
                leaf.column_reader(name)


class _FilesAtOpening:
    """A storage whose file listing is frozen at creation; everything else is the storage's."""

    def __init__(self, storage: Any) -> None:
        self._storage = storage
        self._names = frozenset(storage.list())

    def file_exists(self, name: str) -> bool:
        return name in self._names

    def __getattr__(self, name: str) -> Any:
        return getattr(self._storage, name)


def _not_index_files(path: Path) -> list[str]:
    """Names in `path` that no index (of any version, whole or half-written) would hold: an
    index folder pointed at a folder of documents must not fill it with index files."""
    if index_exists(path) or not path.is_dir():
        return []
    ours = (INDEX_NAME, f"_{INDEX_NAME}", VERSION_FILE, ".")  # hidden files: .keep, .nfs…
    return sorted(e.name for e in path.iterdir() if not e.name.startswith(ours) and e.name != "lost+found")


def _storage_lock(path: Path) -> Any:
    from whoosh.filedb.filestore import FileStorage

    return FileStorage(str(path)).lock(f"{INDEX_NAME}_WRITELOCK")


def _locked_message(path: Path) -> str:
    return f"Indekset i {path} opdateres allerede af en anden proces. Prøv igen, når den er færdig."


def _open_current(path: Path) -> FileIndex | None:
    """The index in `path` if it is of this code's schema version and readable, else None."""
    if not index_exists(path):
        return None
    try:
        version = json.loads((path / VERSION_FILE).read_text(encoding="utf-8"))["schema_version"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if version != SCHEMA_VERSION:
        return None
    with warnings.catch_warnings():
        # When unpickling fails, Whoosh's TOC.read leaves its file to be closed by the collector.
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return whoosh_index.open_dir(str(path), indexname=INDEX_NAME)
        except (AttributeError, ImportError, pickle.UnpicklingError):  # analyzer classes renamed, no version bump
            pass
    return None


__all__ = ["INDEX_NAME", "IndexWriter", "SearchIndex", "index_exists", "index_outdated", "open_index"]

