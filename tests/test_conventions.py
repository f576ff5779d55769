"""Minutes that follow the conventions of tests/fixtures/layouts/LAYOUTS.md without being one of
its samples: layout 7 (no sample there) and the ways municipalities vary the others.

Each test reads a whole document through the pipeline and checks the split a reader expects:
the items, their numbers, titles, case numbers, decisions and the meeting's metadata.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.models import DECISION, EARLIER_DECISION
from indexer.pipeline import read_document

FIXTURES = Path(__file__).resolve().parent / "fixtures"
INPUTS = FIXTURES / "inputs"
LAYOUTS = FIXTURES / "layouts"

F7_MINUTES = INPUTS / "aalunde-byraadet-referat-2019-01-29.txt"


def items(document) -> list[tuple[int | None, str, str | None]]:
    return [(p.item_number, p.title, p.case_number) for p in document.passages]


# --- Layout 7 `f7-punkt-sagsid` ------------------------------------------------------------------

F7_ITEMS = [
    (1, "Godkendelse af dagsorden", "18/2732"),
    (2, "Boligsocial helhedsplan for Nørrevang 2019-2022", "18/1954"),
    (3, "Beslutning om etablering af sprogcafé på Ålunde Bibliotek", "18/3310"),
    (4, "Orientering om modtagelse af flygtninge i 2019", "19/0112"),
    (5, "Lukket punkt: Salg af byggegrund, Engtoften 14", "18/2987"),
]


@pytest.fixture(scope="module")
def f7():
    return read_document(F7_MINUTES, INPUTS)


def test_f7_items_split_at_punkt_headings_without_their_meeting_reference(f7):
    assert items(f7) == F7_ITEMS
    assert [p.line for p in f7.passages] == [24, 41, 83, 109, 129]  # the headings, not the contents list
    assert all(p.case_handler is None for p in f7.passages)


def test_f7_meeting_metadata_comes_from_the_head(f7):
    assert (f7.doc_type, f7.municipality, f7.council, f7.meeting_date, f7.year) == (
        "referat", "Ålunde", "Byrådet", "2019-01-29", 2019)
    assert f7.place == "Byrådssalen, Ålunde Rådhus, Torvegade 1"
    assert f7.absent == ("Kim Ravnkilde",)


def test_f7_sections_start_with_indledning_and_the_decision_comes_first(f7):
    first = f7.passages[0]
    assert [s.key for s in first.sections] == [DECISION, "indledning", "indstilling"]
    assert first.sections_by_key()["indledning"] == "Byrådet skal godkende dagsordenen for mødet."
    assert (first.decision, first.decision_date) == ("Godkendt.", "2019-01-29")
    assert first.sections[0].note == "Ej til stede: Kim Ravnkilde (O)"
    # The field lines are metadata, not text.
    assert "SagsID" not in first.text and "Sagen afgøres i" not in first.text


def test_f7_earlier_committees_decisions_are_quoted_not_this_councils(f7):
    plan = f7.passages[1]
    assert plan.decision == "Godkendt. Jens Peter Bloch (Ø) stemte imod indstillingens punkt 2."
    assert plan.decision_date == "2019-01-29"
    earlier = [(s.label, s.date, s.note, s.text) for s in plan.sections if s.key == EARLIER_DECISION]
    assert earlier == [
        ("Beslutning i Social- og Integrationsudvalget den 09-01-2019", "2019-01-09",
         "Ej til stede: Ditte Aagaard (F)", "Anbefales over for Økonomiudvalget og Byrådet."),
        ("Beslutning i Økonomiudvalget den 16-01-2019", "2019-01-16", "", "Anbefales."),
    ]
    assert "1) Uddannelse og livschancer" in plan.sections_by_key()["sagsfremstilling"]


def test_f7_attendance_sentences_are_the_decisions_note(f7):
    cafe = f7.passages[2]
    assert cafe.sections[0].note == (
        "Ej til stede: Kim Ravnkilde (O)\nHanne Thygesen (C) deltog ikke i behandlingen af punktet.")
    assert cafe.decision == "Godkendt."


def test_f7_closed_item_has_only_its_decision(f7):
    closed = f7.passages[4]
    assert [s.key for s in closed.sections] == [DECISION]
    assert closed.decision == "Godkendt."


@pytest.mark.parametrize("field", ["SagsID/Sagsnummer: 18/2732", "SagsID / Sagsnummer: 18/2732",
                                   "Sagsnummer: 18/2732", "SagsID: 18/2732", "Sagsnr./SagsID 18/2732"])
def test_f7_case_number_field_in_each_spelling(tmp_path, field):
    text = F7_MINUTES.read_text(encoding="utf-8").replace("SagsID/Sagsnummer: 18/2732", field)
    path = tmp_path / F7_MINUTES.name
    path.write_text(text, encoding="utf-8")
    assert items(read_document(path, tmp_path)) == F7_ITEMS


def test_f7_the_mayors_title_in_the_members_list_is_no_name(f7):
    assert f7.present == ("Lars Ebbesen", "Marianne Skov", "Yusuf Demir", "Hanne Thygesen", "Ditte Aagaard",
                          "Jens Peter Bloch")
