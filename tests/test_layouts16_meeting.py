"""Layouts review 16: a joint meeting's members listed under each committee's bare name, and a head naming
its municipality only by its town hall (files in tests/fixtures/layouts16_meeting/, copied from the review).

The findings read here: Vejen's joint meeting of Børne- og Familieudvalget and Skoleudvalget printed
«Børne- og Familieudvalget: Karin Sørensen (V), formand, …» / «Skoleudvalget: Thomas Bjerre (V), formand, …»:
no member was found present, and `deltager:"Thomas Bjerre"` found nothing («Medlemmer af Skoleudvalget:»
was read). Odder's minutes named the municipality only in «Mødested: Odder Rådhus»: no municipality.
"""

from __future__ import annotations

import shutil
from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written

LAYOUTS16 = FIXTURES / "layouts16_meeting"
read = partial(read_fixture, LAYOUTS16)

VEJEN = "vejen-faellesmoede-boerne-og-skoleudvalget-referat-2025-06-17.txt"
ODDER = "odder-boerne-og-ungeudvalget-referat-2025-09-02.md"

_ITEM = "\n\n1. Godkendelse af dagsorden\nSagsnr.: 25/1\n\nBeslutning:\nGodkendt.\n"


# --- 1. a joint meeting's members under each committee's name -------------------------------------------


def test_each_committees_members_under_its_bare_name_are_present_unless_absent():
    for passage in read(VEJEN).passages:
        assert passage.present == ("Karin Sørensen", "Bo Haslund", "Thomas Bjerre", "Maria Lund", "Jesper Kirk")
        assert passage.absent == ("Lene Krog",)
        assert passage.staff == ("Hanne Bech",)


def test_a_member_of_the_second_committee_is_found_as_a_participant(tmp_path):
    from indexer.update import update_index
    from search import open_index
    from search.api import parse_request

    corpus = tmp_path / "referater"
    corpus.mkdir()
    shutil.copy(LAYOUTS16 / VEJEN, corpus / VEJEN)
    update_index([corpus], tmp_path / "index")
    hits = open_index(tmp_path / "index").search(parse_request({"q": ['deltager:"Thomas Bjerre"'], "page_size": ["100"]})).hits
    assert sorted(hit.item_number for hit in hits) == [p.item_number for p in read(VEJEN).passages]


@pytest.mark.parametrize("line", [
    "Økonomiudvalget: 12. marts 2025",
    "Byrådet: Referat",
    "Byrådet: Mødet blev holdt på rådhuset",
    "Sekretariatet for Handicaprådet: Ib Holm",
])
def test_a_councils_name_before_anything_but_a_list_of_names_lists_no_members(tmp_path, line):
    head = f"Ravnby Kommune\n\nReferat\n\nMødedato: 12. marts 2025\n{line}\nTil stede: Ib Holm, Bo Hjort"
    (passage,) = read_written(tmp_path, "ravnby_2025-03-12.txt", head + _ITEM).passages
    assert passage.present == ("Ib Holm", "Bo Hjort")


def test_a_council_named_by_its_members_line_adds_to_those_present(tmp_path):
    head = ("Ravnby Kommune\n\nReferat\n\nMødedato: 12. marts 2025\n"
            "Kommunalbestyrelsen: Anne Holm (A), borgmester, Jens von Holstein (V)\nAfbud: Jens von Holstein (V)")
    (passage,) = read_written(tmp_path, "ravnby_2025-03-12.txt", head + _ITEM).passages
    assert (passage.present, passage.absent) == (("Anne Holm",), ("Jens von Holstein",))


def test_a_joint_meeting_is_filed_under_the_council_its_title_names_first():
    assert {p.council for p in read(VEJEN).passages} == {"Børne- og Familieudvalget"}


# --- 2. the municipality named by its town hall --------------------------------------------------------


def test_the_town_hall_of_a_municipality_names_it():
    assert {(p.municipality, p.council) for p in read(ODDER).passages} == {("Odder", "Børne- og Ungeudvalget")}


@pytest.mark.parametrize("place, municipality", [
    ("Københavns Rådhus, værelse 57", "København"),
    ("ODDER RÅDHUS", "Odder"),
    ("Ravnby Rådhus", None),  # no municipality of the 98: a word's ending is no evidence here
    ("Gamle Rådhus, Torvet 1", None),
    ("Rådhuset, Odder", None),
])
def test_only_a_municipalitys_own_town_hall_names_it(tmp_path, place, municipality):
    text = f"Referat\n\nSocialudvalget\n\nMødedato: 12. marts 2025\nMødested: {place}" + _ITEM
    (passage,) = read_written(tmp_path, "referat_2025-03-12.txt", text).passages
    assert passage.municipality == municipality


def test_a_kommune_the_head_names_outweighs_the_town_hall(tmp_path):
    text = "Skanderborg Kommune\n\nReferat\n\nSocialudvalget\n\nMødedato: 12. marts 2025\nMødested: Odder Rådhus" + _ITEM
    (passage,) = read_written(tmp_path, "referat_2025-03-12.txt", text).passages
    assert passage.municipality == "Skanderborg"
