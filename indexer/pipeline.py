"""Chains the stages for one file: extract → clean → segment → enrich.

`read_document` is what the CLI's `extract`, the index updater and the tests call; errors
of one file surface as `ExtractError` (unreadable input) for the caller to turn into a
`Skipped` line, so one bad file never stops a run.
"""

from __future__ import annotations

from pathlib import Path

from indexer.clean import clean
from indexer.enrich import enrich
from indexer.extract import extract
from indexer.models import Document
from indexer.segment import segment
from indexer.settings import topics_file
from indexer.topics import default_tagger


def read_document(path: Path, root: Path) -> Document:
    """One file of the corpus as a Document with its passages (raises ExtractError)."""
    source = extract(path, root)
    lines = clean(source)
    return enrich(source, lines, segment(lines), default_tagger(topics_file()))
