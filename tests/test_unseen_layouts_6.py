"""Minutes of new council bodies and layouts (the layouts6 review of 2026-12-05): each finding of
the review, in the file that showed it (tests/fixtures/layouts6/, copied from the review's corpus)
and in variants of it.

The findings: a region's minutes took the kommune their text names most (or none) as their
municipality; «X deltog ikke i behandlingen af punktet på grund af inhabilitet» was no attendance
line; «Tillægsdagsorden» between items became part of the decision above it; «Rådets indstilling»
was no section label, beside «Rådets beslutning»; front pages' «Meldt afbud: …», «Følgende havde
meldt afbud: …» and «A og B var fraværende.» named nobody absent; a list of names ending «(DH).»
gave «Peter Frandsen .»; and Aalborg's «13/2024 Title» headings had no item number.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written
from indexer import conventions as cv
from indexer.citation import citation, municipality_name
from indexer.meeting import member_names

LAYOUTS6 = FIXTURES / "layouts6"
read = partial(read_fixture, LAYOUTS6)


# --- a region's minutes are the region's ------------------------------------------------------


def test_a_region_named_at_the_head_is_the_municipality_not_the_kommune_the_text_names_most():
    passages = read("rm_regionsraadet_2024-03-20.txt").passages  # names Skive Kommune, Lemvig Kommune
    assert {p.municipality for p in passages} == {"Region Midtjylland"}
    assert {p.council for p in passages} == {"Regionsrådet"}


def test_a_region_named_in_a_web_pages_title_is_the_municipality():
    passages = read("regionh_regionsraadet_2024-06-18.html").passages  # "Regionsrådet 18-06-2024 - Region Hovedstaden"
    assert {p.municipality for p in passages} == {"Region Hovedstaden"}


def test_a_regions_minutes_are_cited_by_the_regions_name_without_kommune():
    passage = read("rm_regionsraadet_2024-03-20.txt").passages[1]
    assert municipality_name(passage.municipality) == "Region Midtjylland"  # the web kicker's filter
    assert "Region Midtjylland," in citation(passage)
    assert "Kommune" not in citation(passage)


@pytest.mark.parametrize("head", ["REGION SYDDANMARK", "Region Syddanmark"])
def test_a_region_in_capitals_at_the_head_is_named_as_a_reader_looks_for_it(tmp_path, head):
    text = (f"{head}\n\nRegionsrådet\n\nReferat\n\nMødedato: 12. marts 2024\n\n"
            "1. Godkendelse af dagsorden\nSagsnr.: 24/00412\n\nBeslutning\nGodkendt.\n\n"
            "2. Samarbejde med Vejle Kommune om akutberedskab\nSagsnr.: 24/00413\n\n"
            "Sagsfremstilling\nVejle Kommune og Fredericia Kommune deltager. Vejle Kommune betaler halvdelen.\n\n"
            "Beslutning\nGodkendt.\n")
    assert {p.municipality for p in read_written(tmp_path, "rsd.txt", text).passages} == {"Region Syddanmark"}


def test_a_region_the_text_alone_names_is_no_kommunes_municipality(tmp_path):
    text = ("Vejle Kommune\n\nØkonomiudvalget\n\nReferat\n\nMødedato: 12. marts 2024\n\n"
            "1. Aftale med Region Syddanmark om nærhospital\nSagsnr.: 24/00412\n\n"
            "Sagsfremstilling\nRegion Syddanmark og Region Syddanmarks sygehuse har foreslået aftalen.\n\n"
            "Beslutning\nGodkendt.\n")
    assert {p.municipality for p in read_written(tmp_path, "vejle.txt", text).passages} == {"Vejle"}


# --- an absence from an item, with its reason ------------------------------------------------


def test_an_absence_from_an_item_with_its_reason_after_the_decision_makes_the_member_absent_there():
    passages = read("kbh_lokaludvalg_amager_oest_2024-04-16.txt").passages
    puljen = passages[1]
    assert "Ole Brandt" in puljen.absent and "Ole Brandt" not in puljen.present
    assert puljen.sections_by_key()["beslutning"] == "Godkendt."  # the attendance is the decision's note
    assert "Ole Brandt" not in passages[0].absent and "Ole Brandt" not in passages[2].absent


@pytest.mark.parametrize("reason", ["på grund af inhabilitet", "pga. inhabilitet", ", da han var inhabil"])
def test_the_reason_for_an_absence_may_follow_the_item(reason):
    sentence = f"Ole Brandt deltog ikke i behandlingen af punktet{'' if reason[0] == ',' else ' '}{reason}."
    assert cv.item_attendance(sentence) == ("Ole Brandt", "")
    assert cv.trailing_attendance(f"Godkendt. {sentence}") == ("Godkendt.", (sentence,))


def test_another_object_of_the_handling_is_still_no_absence_from_the_item():
    assert cv.item_attendance("Ole Brandt deltog ikke i behandlingen af ansøgningen fra klubben, da han var inhabil.") == ("", "")


# --- «Tillægsdagsorden» groups the items after it ----------------------------------------------


def test_a_supplementary_agenda_header_between_items_belongs_to_no_item():
    passages = read("vejle_oekonomiudvalget_2024-04-08.txt").passages
    assert [p.item_number for p in passages] == [45, 46, 47, 48, 49]
    assert passages[2].sections_by_key()["beslutning"] == "Godkendt."
    assert not any("Tillægsdagsorden" in p.text for p in passages)


@pytest.mark.parametrize("header", ["Tillægsdagsorden", "Tillægsdagsorden:", "Tillægsreferat", "TILLÆGSDAGSORDEN"])
def test_supplementary_agenda_headers_are_group_headers(tmp_path, header):
    text = ("Vejle Kommune\n\nØkonomiudvalget\n\nReferat\n\nMødedato: 8. april 2024\n\n"
            "Punkt 47: Salg af erhvervsgrund\nSagsnr.: 02.34.02-G01-88-23\n\nBeslutning\nGodkendt.\n\n"
            f"{header}\n\n"
            "Punkt 48: Vinterberedskab\nSagsnr.: 05.01.10-Ø00-2-24\n\nBeslutning\nAnbefales.\n")
    passages = read_written(tmp_path, "vejle.txt", text).passages
    assert [p.sections_by_key()["beslutning"] for p in passages] == ["Godkendt.", "Anbefales."]


def test_a_title_that_starts_with_the_word_is_no_group_header():
    assert not cv.GROUP_HEADER.match("Tillægsdagsorden til byrådets møde")


# --- a council's recommendation is a section label --------------------------------------------


def test_a_councils_recommendation_is_the_items_recommendation():
    hearing = read("silkeborg_aeldreraadet_2024-05-13.md").passages[1]
    assert hearing.sections_by_key()["indstilling"].startswith("Ældrerådet kan ikke anbefale ændringen")
    assert "Ældrerådet kan ikke" not in hearing.sections_by_key()["sagsfremstilling"]
    letbane = read("aarhus_handicapraadet_2024-02-07.html").passages[1]
    assert letbane.sections_by_key()["indstilling"].startswith("Handicaprådet anbefaler")


@pytest.mark.parametrize("label", ["Rådets indstilling", "Ældrerådets indstilling", "Udvalgets indstilling",
                                   "HANDICAPRÅDETS INDSTILLING", "Rådets indstilling:"])
def test_councils_recommendations_are_labels(label):
    assert cv.section_label(label) is not None
    assert cv.section_key(cv.section_label(label)[0]) == "indstilling"


def test_a_sentence_about_a_councils_recommendation_is_text():
    assert cv.section_label("Rådets indstilling blev fulgt") is None


# --- front pages' absence wordings ------------------------------------------------------------

_FRONT = ("Vejle Kommune\n\nØkonomiudvalget\n\nReferat\n\nMødedato: 8. april 2024\nMødested: Byrådssalen\n\n"
          "Medlemmer: Jens Ejner Christensen (V), Flemming Torp (A), Sofie Valbjørn (A), Kasper Ærenlund (F)\n"
          "{absence}\n\n"
          "Punkt 45: Godkendelse af dagsorden\nSagsnr.: 00.01.00-A00-12-24\n\nBeslutning\nGodkendt.\n")


@pytest.mark.parametrize("absence", ["Meldt afbud: Sofie Valbjørn og Kasper Ærenlund.",
                                     "Følgende havde meldt afbud: Sofie Valbjørn og Kasper Ærenlund.",
                                     "Sofie Valbjørn og Kasper Ærenlund var fraværende.",
                                     "Afbud fra Sofie Valbjørn og Kasper Ærenlund."])
def test_front_page_absence_wordings_name_the_absent(tmp_path, absence):
    passage = read_written(tmp_path, "vejle.txt", _FRONT.format(absence=absence)).passages[0]
    assert passage.absent == ("Sofie Valbjørn", "Kasper Ærenlund")
    assert passage.present == ("Jens Ejner Christensen", "Flemming Torp")


# --- a list of names ending in a party's letters and a full stop --------------------------------


def test_a_name_before_the_lists_full_stop_has_none():
    assert member_names("Lone Hansen (DH) og Peter Frandsen (DH). ") == ("Lone Hansen", "Peter Frandsen")


def test_two_absence_labels_give_clean_names():
    passage = read("aarhus_handicapraadet_2024-02-07.html").passages[0]
    assert passage.absent == ("Lone Hansen", "Peter Frandsen", "Sofie Winther")


# --- «13/2024 Title»: the item's running number in the year (Aalborg) -------------------------


def test_headings_that_all_start_with_a_running_number_have_it_as_their_item_number():
    passages = read("aalborg_teknik_og_miljoeudvalget_2024-03-14.txt").passages
    assert [(p.item_number, p.title) for p in passages] == [
        (12, "Godkendelse af dagsorden"),
        (13, "Lokalplan 4-2-118, Boliger ved Gigantium"),
        (14, "Vejvedligeholdelse 2024 - prioritering af asfaltpuljen"),
    ]


def test_one_title_starting_with_a_number_and_year_keeps_it(tmp_path):
    text = ("Aalborg Kommune\n\nTeknik- og Miljøudvalget\n\nReferat\n\nMødedato 14.03.2024\n\n"
            "Godkendelse af dagsorden\nSagsnr.: 2024-000112\n\nBeslutning:\nGodkendt.\n\n"
            "3/2015 Lokalplan for Gigantium, ændring\nSagsnr.: 2023-045521\n\nBeslutning:\nVedtaget.\n")
    titles = [p.title for p in read_written(tmp_path, "aalborg.txt", text).passages]
    assert titles == ["Godkendelse af dagsorden", "3/2015 Lokalplan for Gigantium, ændring"]
