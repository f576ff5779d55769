"""A code review of the day's segmentation rules (2026-12-05) built minutes and a report where
each new rule misfired; the texts are in tests/fixtures/codereview11/ (copied from the review)."""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture

read = partial(read_fixture, FIXTURES / "codereview11")


def test_a_decision_that_reads_til_efterretning_is_a_decision_not_a_group_header():
    document = read("a_purpose_2025-03-10.txt")
    decided = {p.item_number: p.decision for p in document.passages}
    assert decided[2] == "Til efterretning" and decided[3] == "Til orientering"


def test_a_committees_recommendation_and_the_councils_decision_of_one_day_stay_apart():
    (item,) = [p for p in read("b_byraad_2025-03-10.txt").passages if p.item_number == 2]
    assert item.decision.startswith("Forkastet.") and "Anbefales" not in item.decision
    assert any(s.key == "tidligere_beslutning" and s.text.startswith("Anbefales.") for s in item.sections)


def test_staff_with_name_particles_are_kept_and_staff_from_the_administration_are_not_members():
    staff = read("c_staff_2025-03-10.txt").passages[0]
    assert list(staff.present) == ["Karen Bisgaard", "Mads Ørum", "Lise Thorsen"]
    assert list(staff.staff) == ["Anne Hansen", "Jens von Holstein", "Maria de Jong", "Ahmad bin Said"]
    assert read("e_deltagere_2025-03-10.txt").passages[0].present == staff.present


def test_a_status_table_inside_an_item_is_its_text_not_items():
    document = read("f_table_2025-03-10.txt")
    assert [p.item_number for p in document.passages] == [1, 2, 3]
    assert document.passages[1].decision.startswith("Godkendt.") and "Sprogcafé" in document.passages[1].text
    assert not any("begynder forfra" in note for note in document.notices)


def test_a_quoted_letters_greeting_is_no_signature_of_the_report():
    document = read("h_strandby-integrationsraadet-aarsberetning-2023.txt")
    assert any("Byrådet vedtog modellen uændret den 12. december 2024" in p.text for p in document.passages)
