"""Whoosh's segment writer with two changes: flushing postings looks each field length up
once, and records common terms' posting arrays beside the segment (`search.postings`).

When a segment is flushed, Whoosh's `FieldWriter.add_postings` asks the segment's per-document
reader for the length of the posting's field in the posting's document, for every posting
(the blocks record their shortest and longest document). Each answer takes four calls and a
column read: 5 % of a build's CPU. `SegmentWriter` here answers from one list per field, read
once, with the same values; everything else is Whoosh's.
"""

from __future__ import annotations

from typing import Any

from whoosh import writing

from search.postings import EXTENSION, PostingRecorder


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


class _FieldLengths:
    """The part of a per-document reader `add_postings` uses, one list per field."""

    def __init__(self, reader: Any, documents: int) -> None:
        self._reader = reader
        self._documents = documents
        self._fields: dict[str, list[Any]] = {}

    def doc_field_length(self, docnum: int, fieldname: str) -> Any:
        lengths = self._fields.get(fieldname)
        if lengths is None:
            read = self._reader.doc_field_length
            lengths = self._fields[fieldname] = [read(n, fieldname) for n in range(self._documents)]
        return lengths[docnum]

    def close(self) -> None:
        self._reader.close()
