"""The stored record stays readable by the release before (an upgrade review).

Release 0.2.0 builds a passage from every key of a stored `record` (`Passage(**record)`): when an
upgraded `referatsog index` committed records with the new key `closed` beside a 0.2.0 site still
serving, every page of that site answered 500, and rolling back was impossible. Fields added since
go into their own stored field (`schema.RECORD_LATER`), and a record's unknown keys are ignored
from now on, so the next field added breaks no release that reads it.
"""

from __future__ import annotations

import json
from dataclasses import replace

from indexer.models import Passage
from search.examples import example_passage
from search.schema import RECORD_LATER, passage_fields, stored_passage

# What release 0.2.0 (`0033a88`) reads: its `Passage` and `Section` fields, as it defined them.
RELEASE_0_2_0_PASSAGE = {
    "absent", "case_handler", "case_number", "council", "decision_date", "doc_type", "document_id", "id",
    "item_label", "item_number", "item_sign", "line", "meeting_date", "municipality", "page", "place",
    "position", "present", "printed_pages", "sections", "source", "source_sha256", "staff", "text", "title",
    "topics", "year"}
RELEASE_0_2_0_SECTION = {"date", "end_page", "key", "label", "note", "page", "text"}


def test_a_stored_record_holds_only_what_the_release_before_reads():
    for passage in (example_passage(), replace(example_passage(), closed=True)):
        stored = passage_fields(passage)
        record = json.loads(stored["record"])
        assert set(record) <= RELEASE_0_2_0_PASSAGE
        assert all(set(section) <= RELEASE_0_2_0_SECTION for section in record["sections"])


def test_a_closed_item_reads_back_closed_and_an_open_one_stores_nothing_more():
    closed = passage_fields(replace(example_passage(), closed=True))
    assert json.loads(closed[RECORD_LATER]) == {"closed": True}
    assert stored_passage(closed).closed is True
    opened = passage_fields(example_passage())
    assert RECORD_LATER not in opened and stored_passage(opened) == example_passage()


def test_a_later_releases_key_is_ignored():
    record = json.loads(passage_fields(example_passage())["record"])
    assert Passage.from_record({**record, "superseded_by": "x"}) == example_passage()
