"""Whoosh's segment writer with three changes: flushing postings looks each field length up
once, records common terms' posting arrays beside the segment (`search.postings`), and a
commit is durable.

Durability. Whoosh writes a commit's table of contents (TOC) to a temporary file and renames
it into place, but never calls fsync: after a power loss the new name could point at a TOC
whose bytes, or whose segments' bytes, never reached the disk, and the index would not open.
`_commit_toc` here first syncs every file of the generation's segments, then the TOC's
temporary file before its rename, then the folder after it (POSIX: a rename is durable once
its directory is synced). A crash at any point leaves the previous generation or the new
one, both complete.

When a segment is flushed, Whoosh's `FieldWriter.add_postings` asks the segment's per-document
reader for the length of the posting's field in the posting's document, for every posting
(the blocks record their shortest and longest document). Each answer takes four calls and a
column read: 5 % of a build's CPU. `SegmentWriter` here answers from one list per field, the
column read in one piece, with the same values; everything else is Whoosh's.
"""

from __future__ import annotations

import os
import re
from typing import Any

from whoosh import writing
from whoosh.index import TOC, clean_files

from search.columns import byte_lengths, length_bytes
from search.postings import EXTENSION, PostingRecorder

# Whoosh's `doc_field_length` of a length byte.
_LENGTH_OF_BYTE = byte_lengths(None)


class SegmentWriter(writing.SegmentWriter):
    """`whoosh.writing.SegmentWriter` whose flush reads each document's field lengths once
    and writes the segment's posting arrays."""

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = _FieldLengths(self.per_document_reader(), self.docnum) if self.codec.length_stats else None
        recorder = PostingRecorder(self.newsegment.create_file(self.storage, EXTENSION))
        self.fieldwriter.add_postings(self.schema, lengths, recorder.record(self.pool.iter_postings()))
        recorder.close()
        self.fieldwriter.close()
        if lengths is not None:
            lengths.close()

    def _commit_toc(self, segments: list[Any]) -> None:
        folder = getattr(self.storage, "folder", None)
        if folder is None:  # an in-memory storage: nothing to make durable
            super()._commit_toc(segments)
            return
        names = tuple(f"{segment.segment_id()}." for segment in segments)
        for name in sorted(os.listdir(folder)):
            if name.startswith(names):
                fsync_path(os.path.join(folder, name))
        TOC(self.schema, segments, self.generation).write(_DurableRename(self.storage), self.indexname)
        clean_files(self.storage, self.indexname, self.generation, segments)



def remove_uncommitted(storage: Any, indexname: str, committed: set[str] | None = None) -> list[str]:
    """Delete what no committed generation uses: files of segments the newest table of
    contents does not name (a cancelled or killed write's) and temporary TOC files.

    Only for the holder of the write lock: then no other writer is making files, and the
    newest TOC (or `committed`, the names of its segments) is all a reader can open. A
    commit cleans these up too (Whoosh's `clean_files`), but a write that failed because
    the disk is full must not leave the disk full for the next attempt. When the TOC
    cannot be read, nothing is deleted. Returns the names deleted.
    """
    if committed is None:
        try:
            committed = {segment.segment_id() for segment in TOC.read(storage, indexname).segments}
        except Exception:  # noqa: BLE001 (cannot tell what is committed: keep everything)
            return []
    segment_file = TOC._segment_pattern(indexname)
    temporary_toc = re.compile(rf"^_{re.escape(indexname)}_\d+\.toc\..+$")
    removed = []
    for name in storage.list():
        match = segment_file.match(name)
        if (match and match.group(1) not in committed) or temporary_toc.match(name):
            try:
                storage.delete_file(name)
            except OSError:
                continue
            removed.append(name)
    return removed

def fsync_path(path: str) -> None:
    """Flush a file's (or a folder's) data and metadata to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _DurableRename:
    """The storage as `TOC.write` uses it, whose rename syncs the file before and the folder after."""

    def __init__(self, storage: Any) -> None:
        self._storage = storage

    def __getattr__(self, name: str) -> Any:
        return getattr(self._storage, name)

    def rename_file(self, frm: str, to: str, safe: bool = False) -> None:
        folder = self._storage.folder
        fsync_path(os.path.join(folder, frm))
        self._storage.rename_file(frm, to, safe=safe)
        fsync_path(folder)


class _FieldLengths:
    """The part of a per-document reader `add_postings` uses, one list per field."""

    def __init__(self, reader: Any, documents: int) -> None:
        self._reader = reader
        self._documents = documents
        self._fields: dict[str, list[Any]] = {}

    def doc_field_length(self, docnum: int, fieldname: str) -> Any:
        lengths = self._fields.get(fieldname)
        if lengths is None:
            lengths = self._fields[fieldname] = self._read(fieldname)
        return lengths[docnum]

    def _read(self, fieldname: str) -> list[Any]:
        """What `doc_field_length(n, fieldname)` answers for every document: 0 without a length
        column, None for a length byte of 0, else the byte's length; the column read whole."""
        try:
            raw = length_bytes(self._reader, fieldname, self._documents)
        except AttributeError:  # pragma: no cover (another codec)
            read = self._reader.doc_field_length
            return [read(n, fieldname) for n in range(self._documents)]
        return [0] * self._documents if raw is None else list(map(_LENGTH_OF_BYTE.__getitem__, raw))

    def close(self) -> None:
        self._reader.close()
