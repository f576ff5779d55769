"""Code review 42: regressions of code review 41's fixes (files in tests/fixtures/codereview42/, the
reviewer's, renamed so that no file name gives a municipality or document type away).

- The town hall was read only from a head line opening with a weekday or a date: «Referat af mødet
  onsdag den 11. juni 2025 kl. 17.00 i Byrådssalen, Odder Rådhus» named no municipality. A line with a
  date or an hour is the date line unless it is an agenda's entry (numbered or bulleted).
- Any «fællesmøde» in the head turned the town hall off, an agenda entry «3. Fællesmøde med Ældrerådet»
  and a joint meeting of one municipality's councils too: only a joint meeting's head line counts, and
  then the text's count decides only when it names another municipality most.
- «Dagsorden med beslutninger» is minutes by its title, so its own dated decision is promoted.
- An empty «Fraværende:» over the signature was read as a line announcing a constitution.
- «Godkendt.» / «Formand: Anne Holm» / «Referent: Bo Berg» under the last decision (no blank line, or
  after «Mødet hævet …») is the minutes' signature, not an election's result.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture

read = partial(read_fixture, FIXTURES / "codereview42")


@pytest.mark.parametrize("name", ["byraadet-datolinje-raadhus.txt", "udvalg-faellesmoede-i-punktliste.txt",
                                  "faellesmoede-samme-kommune.txt"])
def test_the_town_hall_on_the_date_line_or_of_a_joint_meeting_in_one_municipality(name):
    assert {p.municipality for p in read(name).passages} == {"Odder"}


def test_an_agenda_with_its_decisions_is_minutes_with_its_own_dated_decision():
    document = read("byraadet-dagsorden-med-beslutninger.txt")
    assert {p.doc_type for p in document.passages} == {"referat"}
    assert document.passages[0].has_decision and document.passages[0].outcome == "Godkendt"


def test_an_empty_attendance_label_announces_nothing():
    last = read("referat-fravaerende-tom-over-underskrift.txt").passages[-1]
    assert last.outcome == "Taget til efterretning" and last.decision == "Taget til efterretning."
    assert "Formand: Anne Holm" not in last.text and last.staff == ("Bo Berg",)


@pytest.mark.parametrize("name, outcome", [("referat-underskrift-under-beslutning.txt", "Godkendt"),
                                           ("referat-underskrift-efter-moedet-haevet.txt", "Taget til efterretning")])
def test_a_signature_under_the_last_decision_is_no_election(name, outcome):
    last = read(name).passages[-1]
    assert last.outcome == outcome
    assert "Formand: Anne Holm" not in last.decision and "Referent: Bo Berg" not in last.decision
