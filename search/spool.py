"""A build from nothing in two passes: spool the documents and count their words, then write.

The compound lexicon of an index is learned from its own corpus (`search.decompound`), and
a document can only be analysed once the lexicon is known, so `IndexWriter` keeps the
documents of a first build or a full rebuild in a `Spool` (an unnamed temporary file in the
index folder: it goes with the process, however the process ends) while their words are
counted, and writes them afterwards.

The second pass is where a build spends its time (Whoosh's writer is pure Python), so it
runs in two processes when there is enough to write: a forked helper writes the first half
of the spool into a segment of its own, while this process writes the rest into the
writer's segment and finishes it (flushes its postings) before waiting for the helper, so
both halves take the same work; both segments join the commit (`merge_with`), the helper's
first, so the documents stay in corpus order. The helper holds no lock of its own: it
shares the writer's, inherited with the fork, and exits when this process dies (it checks
twice a second), so a killed build leaves no process holding the index locked. An error in
the helper fails the build like any write error: nothing is committed.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from indexer.models import Document
from search import decompound
from search.api import IndexWriteFailed

WriteOne = Callable[[Any, Document, Path, dict[str, Any]], None]  # (whoosh writer, document, root, file info)
OnWrite = Callable[[int, int, str], None]  # (documents written, of total, source just written)

# Below this many documents a helper process costs more than it saves (~50 ms to fork and
# open the index; a document takes ~20 ms to write).
PARALLEL_MIN_DOCUMENTS = 64


class Spool:
    """Documents waiting for the lexicon, and the words they use."""

    def __init__(self, folder: Path) -> None:
        self._file = tempfile.TemporaryFile(dir=folder, prefix=".spool-")
        self._offsets: list[int] = []
        self._vocabulary = decompound.Vocabulary()
        self._helper: _Helper | None = None

    def add(self, document: Document, root: Path, file_info: dict[str, Any]) -> None:
        for passage in document.passages:
            self._vocabulary.add(passage.title)
            self._vocabulary.add(passage.text)
        self._offsets.append(self._file.tell())
        pickle.dump((document, root, file_info), self._file, pickle.HIGHEST_PROTOCOL)

    def lexicon(self) -> decompound.Lexicon:
        """The shipped lexicon plus every word the spooled documents use at least twice."""
        return decompound.default_lexicon().with_words(self._vocabulary.words())

    def write(
        self, writer: Any, ix: Any, options: dict[str, Any], write_one: WriteOne, on_write: OnWrite | None,
    ) -> list[Any]:
        """Write every spooled document into `writer` (of index `ix`, made with `options`, its
        schema's lexicon set); returns the finished segments for the commit (`merge_with`),
        in corpus order: the helper's, then the writer's own when a helper shared the work
        (the writer's own segment is otherwise left for the commit to flush)."""
        total = len(self._offsets)
        self._file.flush()
        helper = _Helper.start(self._file, self._offsets, ix, writer.schema, options, write_one) if _can_fork(total) else None
        self._helper = helper
        first = helper.count if helper else 0
        self._file.seek(self._offsets[first] if first < total else 0)
        for mine in range(1, total - first + 1):
            document, root, file_info = pickle.load(self._file)
            write_one(writer, document, root, file_info)
            if on_write is not None:
                on_write(mine + (helper.done.value if helper else 0), total, document.source)
        if helper is None:
            return []
        # Flush our own segment before waiting for the helper's: flushing postings is a
        # quarter of the writing, and the helper's half of the work includes its flush. The
        # writer's commit then adds no segment of its own (nothing left to flush).
        own = [writer._finalize_segment()] if writer._added else []
        writer._added = False
        segment = helper.finish()
        self._helper = None
        return [segment, *own]

    def close(self) -> None:
        if self._helper is not None:
            self._helper.stop()
            self._helper = None
        self._file.close()


def merge_with(segments: list[Any], policy: Callable[[Any, list[Any]], list[Any]]) -> Callable[[Any, list[Any]], list[Any]]:
    """A Whoosh merge policy: `policy`'s choice of the existing segments, then `segments`."""

    def merge(writer: Any, existing: list[Any]) -> list[Any]:
        return list(policy(writer, existing)) + list(segments)

    return merge


def fork_is_safe() -> bool:
    """Whether this process may fork helpers: on Linux (the spool's helper reopens the spool
    through /proc; fork is the default start method there), with no other threads (forking a
    threaded process can deadlock in a lock another thread held)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def _can_fork(total: int) -> bool:
    """A helper for this many documents: enough work, fork safe, and a second core to use."""
    return total >= PARALLEL_MIN_DOCUMENTS and fork_is_safe() and len(os.sched_getaffinity(0)) >= 2


class _Helper:
    """The forked process writing the first `count` spooled documents into its own segment."""

    def __init__(self, process: Any, connection: Any, done: Any, count: int) -> None:
        self.process = process
        self.connection = connection
        self.done = done  # documents written so far, shared memory
        self.count = count

    @classmethod
    def start(
        cls, spool: Any, offsets: list[int], ix: Any, schema: Any, options: dict[str, Any], write_one: WriteOne
    ) -> _Helper:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        count = _helper_share(spool, offsets)
        done = context.Value("i", 0, lock=False)
        receive, send = context.Pipe(duplex=False)
        job = (ix, schema, options, spool.fileno(), count, write_one, send, done, os.getpid())
        process = context.Process(target=_write_part, args=job, name="referatsog-writer", daemon=True)
        process.start()
        send.close()
        return cls(process, receive, done, count)

    def finish(self) -> Any:
        """The helper's segment, once it is written; raises if the helper failed."""
        try:
            kind, value = self.connection.recv()
        except EOFError:
            self.process.join()
            kind, value = "error", f"afsluttet med kode {self.process.exitcode}"
        self.process.join()
        if kind != "segment":
            raise IndexWriteFailed(f"Indekset kunne ikke skrives (hjælpeprocessen fejlede: {value}).")
        return value

    def stop(self) -> None:
        # SIGKILL, not SIGTERM: a helper forked just before loses a SIGTERM (Python clears a signal
        # that arrives before its after-fork hook has run) and would write its whole half first.
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


def _helper_share(spool: Any, offsets: list[int]) -> int:
    """How many spooled documents the helper takes: half the bytes (a proxy for the work),
    as a number of whole documents from the start."""
    end = spool.tell()
    half = end // 2
    return next((i for i, offset in enumerate(offsets) if offset >= half), len(offsets))


def _write_part(
    ix: Any, schema: Any, options: dict[str, Any], fileno: int, count: int, write_one: WriteOne,
    send: Any, done: Any, parent: int,
) -> None:
    """In the helper: write the first `count` spooled documents, send back the segment."""
    from search.writing import SegmentWriter

    start_as_helper(parent)
    try:
        writer = SegmentWriter(ix, _lk=False, **options)
        writer.schema = schema  # the parent's schema, lexicon set: the TOC's is the old one
        with open(f"/proc/self/fd/{fileno}", "rb") as spool:  # an offset of our own
            for _ in range(count):
                document, root, file_info = pickle.load(spool)
                write_one(writer, document, root, file_info)
                done.value += 1
        send.send(("segment", writer._finalize_segment()))
    except BaseException as error:  # noqa: BLE001 (reported to the parent, which fails the build)
        if isinstance(error, OSError):  # the disk, the folder: a reason in Danish, not the OS's English
            from indexer.extract import os_error_text

            send.send(("error", os_error_text(error)))
        else:  # a fault of ours: its name helps a bug report
            send.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        send.close()


def start_as_helper(parent: int) -> None:
    """In a forked helper (the spool's writer, `indexer.update`'s readers): leave Ctrl-C to the
    parent, which cancels the run and stops its helpers, and exit at once when the parent
    dies, so no helper outlives a killed run (nor keeps its inherited index lock)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            try:
                os.kill(parent, 0)
            except (ProcessLookupError, PermissionError):  # gone, or the pid is another's now
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
