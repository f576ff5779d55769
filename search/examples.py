"""Example passages and documents that double as test data for small indexes.

Tests of the engine (and of anything built on it) need documents without running the
pipeline over files; these builders make valid ones with one line per difference.

>>> p = example_passage(title="Modtagelse af flygtninge", decision="Godkendt.")
>>> p.decision, p.text.splitlines()[0]
('Godkendt.', 'Modtagelse af flygtninge')
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from indexer.models import DECISION, Document, Passage, Section


def example_passage(
    title: str = "Eventuelt",
    body: str = "",
    decision: str = "",
    *,
    source: str = "naestved-referat-2015-05-21.txt",
    position: int = 0,
    **fields: Any,
) -> Passage:
    """A passage of a Næstved Integrationsrådet meeting; `fields` override any Passage field."""
    document_id = fields.pop("document_id", _document_id(source))
    sections = []
    if decision:
        sections.append(Section(DECISION, "BESLUTNING", decision))
    if body:
        sections.append(Section("sagsfremstilling", "SAGSFREMSTILLING", body))
    text = "\n\n".join(part for part in (title, body, "BESLUTNING" if decision else "", decision) if part)
    values: dict[str, Any] = {
        "id": f"{document_id}-{position:02d}",
        "document_id": document_id,
        "position": position,
        "doc_type": "referat",
        "municipality": "Næstved",
        "council": "Integrationsrådet",
        "meeting_date": "2015-05-21",
        "year": 2015,
        "item_number": position + 1,
        "title": title,
        "case_handler": "Mette Jung Christensen",
        "case_number": "00.01.00-A21-1-14",
        "place": None,
        "present": (),
        "absent": (),
        "topics": (),
        "source": source,
        "source_sha256": hashlib.sha256(source.encode()).hexdigest(),
        "line": 1 + 10 * position,
        "page": None,
        "sections": tuple(sections),
        "text": text,
    }
    values.update(fields)
    return Passage(**values)


def example_document(source: str, passages: Sequence[Passage], **fields: Any) -> Document:
    """A document holding `passages`, renumbered in order and moved to `source`."""
    document_id = fields.pop("id", _document_id(source))
    sha256 = fields.pop("source_sha256", hashlib.sha256(source.encode()).hexdigest())
    placed = tuple(
        replace(p, source=source, source_sha256=sha256, document_id=document_id, position=i, id=f"{document_id}-{i:02d}")
        for i, p in enumerate(passages)
    )
    first = placed[0] if placed else example_passage(source=source)
    values: dict[str, Any] = {
        "id": document_id,
        "source": source,
        "source_sha256": sha256,
        "kind": "text",
        "doc_type": first.doc_type,
        "municipality": first.municipality,
        "council": first.council,
        "meeting_date": first.meeting_date,
        "year": first.year,
        "place": None,
        "present": (),
        "absent": (),
        "case_number": first.case_number,
        "passages": placed,
    }
    values.update(fields)
    return Document(**values)


def _document_id(source: str) -> str:
    stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return f"{stem}-{hashlib.sha256(source.encode()).hexdigest()[:6]}"
