"""Minutes of the boards of municipal companies (fælleskommunale selskaber, forsyninger): the
layouts9 review's metadata findings.

A board's minutes («Bestyrelsesmøde», «Referat af bestyrelsesmøde») are Bestyrelsen's; the
municipality is the one a company is named after or the text names as a kommune, never a guess;
a board member's role (bestyrelsesformand, medarbejderrepræsentant) is no part of the name; and
the management named «Fra direktionen:» / «Direktion:» are staff, without their job titles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.councils import company_town, council_of, municipality_of
from indexer.meeting import head_fields, meeting_people
from indexer.pipeline import read_document

FIXTURES = Path(__file__).parent / "fixtures" / "board_minutes"
VESTFORSYNING = "vestforsyning-bestyrelsen-referat-2024-11-27.txt"
SVENDBORG = "svendborg-vand-bestyrelsen-referat-2024-03-20.txt"


def passages(name: str):
    return read_document(FIXTURES / name, FIXTURES).passages


# --- Finding 1: council and municipality --------------------------------------------------------


@pytest.mark.parametrize("name, municipality, council", [
    (VESTFORSYNING, "Holstebro", "Bestyrelsen for Vestforsyning A/S"),
    (SVENDBORG, "Svendborg", "Bestyrelsen for Svendborg Forsyning A/S")])
def test_a_boards_minutes_are_its_companys_bestyrelses_of_the_municipality_the_text_names(name, municipality, council):
    # named by the company: a region's many boards were one facet value «Bestyrelsen» (a news review)
    found = passages(name)

    assert found
    assert {(p.municipality, p.council) for p in found} == {(municipality, council)}


@pytest.mark.parametrize("head", [
    ["Vestforsyning A/S", "Referat af bestyrelsesmøde"],
    ["Svendborg Forsyning A/S", "", "BESTYRELSESMØDE"],
    ["Bestyrelsen for Vestforsyning A/S", "Onsdag den 27. november 2024"],
    ["Referat fra bestyrelsens møde 12. marts 2025"],
])
def test_a_board_meeting_head_names_bestyrelsen(head):
    # The text names the kommune's council it reports to: not the board's own name.
    assert council_of(head, ["Sagen forelægges Holstebro Kommunalbestyrelse.", "Kommunalbestyrelsen"]).startswith("Bestyrelsen")


def test_a_council_the_head_names_is_kept_over_a_board_meeting():
    assert council_of(["Referat af bestyrelsesmøde", "Skolebestyrelsen ved Ravnby Skole"], []) == "Skolebestyrelsen"
    assert council_of(["Skolebestyrelsesmøde"], []) is None  # a school's board, not a company's


def test_a_company_named_after_a_municipality_gives_it_and_no_other_town_does():
    assert municipality_of(["Svendborg Forsyning A/S", "BESTYRELSESMØDE"], ["Faaborg-Midtfyn Kommune"]) == "Svendborg"
    # A company named after no municipality, and a text naming no kommune: no guess
    assert municipality_of(["Vestforsyning A/S", "Sted: Kaj Zartows Vej 5, Holstebro"], ["Holstebro midtby"]) is None
    assert [company_town(t) for t in ("Egebjerg Vandværk A/S", "Biogas Fyn ApS", "Aarhus Vand A/S")] == [
        None, None, "Aarhus"]
    # The head's kommune comes first
    assert municipality_of(["Aarhus Vand A/S", "Skanderborg Kommune"], []) == "Skanderborg"


# --- Finding 2: a board member's role -----------------------------------------------------------


def test_board_roles_are_no_part_of_a_members_name():
    present = {name for p in passages(VESTFORSYNING) for name in p.present}
    assert "Jens Kristian Yde" in present
    assert not any("formand" in name.lower() for name in present)

    fields = head_fields(["Deltagere: Medarbejderrepræsentant Lars Hornemann, bestyrelsesmedlem Ib Holm"])
    assert meeting_people(fields)[0] == ("Lars Hornemann", "Ib Holm")


# --- Finding 3: the management are staff --------------------------------------------------------


def test_the_management_named_fra_direktionen_are_staff_without_titles():
    found = passages(VESTFORSYNING)

    assert {p.staff for p in found} == {("Poul Erik Bak", "Hanne Skov")}
    assert not {"Poul Erik Bak", "Hanne Skov"} & {name for p in found for name in p.present}


def test_a_direktion_label_lists_staff():
    assert {p.staff for p in passages(SVENDBORG)} == {("Anders Mørk",)}


def test_direktionen_in_a_sentence_is_no_label():
    fields = head_fields(["Deltagere: Ib Holm", "", "Direktionen indstiller, at Bo Hansen deltager."])
    assert "staff" not in fields


def test_bestyrelsens_beslutning_labels_the_boards_decision(tmp_path):
    """«Bestyrelsens beslutning:» was no label: item 1's decision kept the label as text, item 2's
    decision was merged into its recommendation and the item had none."""
    path = tmp_path / "aarhus-vand-bestyrelsen-referat-2025-03-12.txt"
    path.write_text("Bestyrelsen for Aarhus Vand A/S\nReferat af bestyrelsesmøde 12. marts 2025\n\n"
                    "1. Godkendelse af dagsorden\nBestyrelsens beslutning:\nGodkendt.\n\n"
                    "2. Takststruktur 2026\nIndstilling:\nDirektionen indstiller, at takststrukturen godkendes.\n\n"
                    "BESTYRELSENS BESLUTNING\nTakststrukturen blev godkendt.\n", encoding="utf-8")
    passages = read_document(path, tmp_path).passages
    assert [p.sections_by_key() for p in passages] == [
        {"beslutning": "Godkendt."},
        {"beslutning": "Takststrukturen blev godkendt.",
         "indstilling": "Direktionen indstiller, at takststrukturen godkendes."}]
    assert [p.decision_date for p in passages] == ["2025-03-12", "2025-03-12"]
