"""Open and read the Referatsøg index: a Whoosh index in one folder.

`open_index` finds (or makes) the index of this code's schema version in a folder
(`search.index_folder`); a `SearchIndex` searches it and reads passages and source records
back, and opens an `IndexWriter` (`search.index_writer`: atomic commits, one writer at a
time).

Threads. Whoosh searchers hold file positions and caches, so they are not shared between
threads: each thread gets its own long-lived searcher (`threading.local`), reused across
requests and reopened when a newer generation exists. The check is one directory listing
per search (~10 µs), so every search sees the latest commit and `refresh()` is only a
way to pay that cost early. Searchers of ended threads are closed when another thread
opens one. What is expensive to derive per generation (facet ordinals, date order) is
computed once and shared by all threads through `search.snapshot.Snapshot`. A new searcher
opens all its segment files at once (`search.segment_files`), so a commit that deletes
replaced segments does not pull a file from under it.
"""

from __future__ import annotations

import itertools
import json
import threading
import weakref
from datetime import datetime, timezone
from pathlib import Path
from collections.abc import Callable
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import EmptyIndexError, FileIndex
from whoosh.query import And, Term
from whoosh.searching import Searcher

from indexer.models import Passage
from search import decompound
from search.analysis import compound_lexicon
from search.api import IndexDamaged, IndexLocked, IndexMissing, IndexWriteFailed, SearchRequest, SearchResponse
from search.highlight import Marker
# Names of the folder and the writer, importable from here as before the split.
from search.index_folder import (INDEX_NAME, VERSION_FILE, index_exists, is_index_folder, locked_message,
                                 not_index_files, open_current, storage_lock, write_version)
from search.index_writer import BUILD_STAMP, IndexWriter
from search.query import query_marker, run_search
from search.ranking import prior
from search.schema import FILE, PASSAGE, build_schema
from search.segment_files import open_segment_files
from search.snapshot import Snapshot, term_cache_bytes


def index_outdated(path: str | Path) -> bool:
    """Whether `path` holds an index this code cannot read (another schema version): the next
    `open_index(create=True)` replaces it with an empty one, to be rebuilt whole."""
    path = Path(path).expanduser()
    return index_exists(path) and open_current(path) is None


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


def check_readable(path: Path, ix: Any) -> None:
    """Raise `IndexDamaged` when the files of the index's last commit do not read: one gone, or
    cut short (a copy that stopped). Every search had failed with «uventet fejl», `/healthz`
    answered 500, and even a full rebuild failed, reading the old passages first. Reads a little
    of every segment: its first and last stored records and its first term of each text field."""
    import gc
    import pickle
    import struct
    import warnings

    missing: str | None = ""
    # A reader that fails half-way leaves its files open, closed as the error and its frames
    # go: quietly, not as ResourceWarnings from the garbage collector later.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            with ix.reader() as reader:
                for leaf, _offset in reader.leaf_readers():
                    count = leaf.doc_count_all()
                    if not count:
                        continue
                    for docnum in {0, count - 1}:
                        if leaf.stored_fields(docnum) is None:  # Whoosh reads a missing record file as none
                            raise FileNotFoundError(None, "stored fields", str(path))
                    for field in ("title", "body"):
                        next(iter(leaf.lexicon(field)), None)
            return
        except (OSError, EOFError, struct.error, pickle.UnpicklingError, ValueError, TypeError, UnicodeError,
                KeyError, IndexError) as error:
            missing = getattr(error, "filename", None)
        gc.collect()
    from indexer.progress import printable

    what = f"{printable(Path(missing).name)} mangler eller kan ikke læses" if missing else "dets filer kan ikke læses"
    raise IndexDamaged(f"Indekset i {printable(str(path))} er beskadiget: {what}. "
                       f"Byg det forfra med «referatsog index --full --index-dir {printable(str(path))}».")


def open_index(path: str | Path, *, create: bool = False, recreate_damaged: bool = False) -> SearchIndex:
    """Open the index in `path`; with `create`, make it (and the folder) when absent.

    An index written by another schema version is refused (`IndexMissing`) when reading
    and recreated empty when `create` is set, so the next indexing run rebuilds it. A damaged
    one (`IndexDamaged`) likewise with `recreate_damaged` (a full build, which reads nothing
    of it), and is refused otherwise.
    """
    path = Path(path).expanduser()
    ix = open_current(path)
    damaged = False
    if ix is not None and (create or ix.latest_generation() > 0):
        try:
            check_readable(path, ix)
            return SearchIndex(path, ix)
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
            whoosh_index.create_in(str(path), build_schema(), indexname=INDEX_NAME)
            write_version(path)
            # Opened again, not the object `create_in` returned: that one answers every later
            # generation with the schema it was made with, where a rebuild commits a new one.
            ix = whoosh_index.open_dir(str(path), indexname=INDEX_NAME)
    finally:
        writers_lock.release()
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
        searcher = self._searcher()
        return query_marker(searcher, query, self._snapshot(searcher))

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

    def first_indexed(self, passage_ids: list[str]) -> dict[str, datetime]:
        """When each of these passages first entered the index (`schema.FIRST_INDEXED`), UTC;
        an id not indexed, or without a time (an index written before them), is left out."""
        searcher = self._searcher()
        added = self._snapshot(searcher).added_at(searcher)
        found = {}
        for passage_id in passage_ids:
            docnum = searcher.document_number(id=passage_id)
            if docnum is not None and docnum < len(added) and added[docnum] > 0:
                found[passage_id] = datetime.fromtimestamp(int(added[docnum]), tz=timezone.utc)
        return found

    def sources(self) -> dict[str, dict[str, Any]]:
        """Every indexed source file → its record: sha256, root, document_id, passages, + what the indexer gave."""
        searcher = self._searcher()
        out = {}
        for docnum in searcher.docs_for_query(Term("kind", FILE)):
            stored = searcher.stored_fields(docnum)
            out[stored["source"]] = json.loads(stored["record"])
        return out

    def source_files(self, limit: int) -> list[Path]:
        """Where the first `limit` indexed source files were read from (the corpus folder each
        was indexed from joined with its source name), in index order; whether each is still
        there is the caller's question. Reads `limit` stored records, not every one."""
        searcher = self._searcher()
        found = []
        for docnum in itertools.islice(searcher.docs_for_query(Term("kind", FILE)), max(0, limit)):
            stored = searcher.stored_fields(docnum)
            found.append(Path(json.loads(stored["record"])["root"]) / stored["source"])
        return found

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

    def moved(self, old_id: str, kind: str = "passages") -> str | None:
        """The present id of a passage (`kind` "passages") or document ("documents") that an
        earlier run indexed under `old_id` (`search.moved`), if it still exists; else None."""
        from search import moved

        new_id = moved.lookup(self.path, kind, old_id)
        return new_id if new_id is not None and self.has_id(kind, new_id) else None

    def has_id(self, kind: str, id_: str) -> bool:
        """Whether a passage ("passages") or a document ("documents") of this id is indexed."""
        searcher = self._searcher()
        if kind == "documents":
            return searcher.document_number(document_id=id_, kind=FILE) is not None
        return searcher.document_number(id=id_, kind=PASSAGE) is not None

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
            # how this generation's last whole build read and analysed (`IndexWriter`'s build_stamp)
            "build_stamp": getattr(searcher.schema, BUILD_STAMP, None),
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
        """A new searcher of the newest generation with all its files open (`open_segment_files`)."""
        for attempt in range(attempts):
            searcher = None
            try:
                searcher = self._ix.searcher()
                open_segment_files(searcher)
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
        build_stamp: str | None = None, indexed_at: int | None = None,
    ) -> IndexWriter:
        """A context manager that commits on normal exit and cancels on an exception.

        Raises `IndexLocked` at once when another writer holds the index. `procs` > 1 uses
        Whoosh's multiprocessing writer for bulk builds. `on_write`, `build_stamp`: see
        `IndexWriter`; `indexed_at`: when new passages first entered the index (UTC seconds, now by default).
        """
        return IndexWriter(self._ix, self.path, procs=procs, limitmb=limitmb, on_write=on_write, build_stamp=build_stamp,
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
