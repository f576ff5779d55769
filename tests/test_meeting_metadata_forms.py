"""Meeting metadata in the forms the metadata4 review found misread (findings 5–10).

A day and month printed without a year take the one year the title gives; a local council keeps
its area's name; a letterhead left at the text's end names the document's municipality, not a
neighbour its items name; a list of attendance that names a group names no person; staff listed
after "Desuden deltog:" are staff, without their job titles; a place printed without a label is
capitalised as a name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.councils import council_of, municipality_of
from indexer.meeting import head_fields, meeting_date, meeting_people, member_names
from indexer.pipeline import read_document


def read(tmp_path: Path, text: str, name: str = "referat.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(path, tmp_path)


ITEM = "\n1. Godkendelse af dagsorden\nSagsnr.: 25/1\n\nBeslutning\nGodkendt.\n"


# --- Finding 5: the year only in the title ---------------------------------------------------


@pytest.mark.parametrize("head", [
    "Ældrerådet i Aalborg Kommune – referat 2025\n\nMøde 3. marts\nSted: Aalborg Rådhus, mødelokale 3\n",
    "Ældrerådet 2025\nReferat\nMødedato: Mandag den 3. marts kl. 10.00\nSted: Rådhuset\n",
])
def test_a_day_and_month_take_the_one_year_of_the_title(tmp_path, head):
    document = read(tmp_path, head + ITEM)

    assert (document.meeting_date, document.year) == ("2025-03-03", 2025)


@pytest.mark.parametrize("head", [
    "Ældrerådet\nReferat\nMødedato: Mandag den 3. marts kl. 10.00\n",  # no year at all
    "Ældrerådet 2025\nBudget 2026\nMødedato: 3. marts\n",  # two years: which one is not known
    "Ældrerådet 2025\nMødedato: Tirsdag den 3. marts\n",  # 3 March 2025 is a Monday: another year is meant
])
def test_no_year_is_guessed(tmp_path, head):
    assert read(tmp_path, head + ITEM).meeting_date is None


def test_a_full_date_is_read_as_before():
    assert meeting_date(["Ældrerådet 2024", "Mødedato: 3. marts 2025"], {}, []) == "2025-03-03"


# --- Finding 6: Copenhagen's local councils and named councils ------------------------------


@pytest.mark.parametrize("line, council", [
    ("Amager Øst Lokaludvalg", "Amager Øst Lokaludvalg"),
    ("Referat - Vesterbro Lokaludvalg", "Vesterbro Lokaludvalg"),
    ("Christianshavns Lokaludvalg", "Christianshavns Lokaludvalg"),
    ("Brønshøj-Husum Lokaludvalg", "Brønshøj-Husum Lokaludvalg"),
    ("Lokaludvalget for Bispebjerg", "Lokaludvalget for Bispebjerg"),
    ("LOKALUDVALGET FOR BISPEBJERG", "Lokaludvalget for Bispebjerg"),
    ("Lokalrådet i Hvide Sande", "Lokalrådet i Hvide Sande"),
    ("Det Rådgivende Udvalg", "Det Rådgivende Udvalg"),
    ("Det Lokale Beskæftigelsesråd", "Det Lokale Beskæftigelsesråd"),
    # the facet's names stay as they were
    ("Byrådet", "Byrådet"),
    ("Referat af Økonomiudvalgets møde", "Økonomiudvalget"),
    ("Børne- og Ungeudvalget", "Børne- og Ungeudvalget"),
    ("Klima-, Teknik- og Miljøudvalget", "Klima-, Teknik- og Miljøudvalget"),
    ("Udvalget for Børn og Unge", "Udvalget for Børn og Unge"),
    ("Teknisk Udvalg", "Teknisk Udvalg"),
    # no word of a title or sentence glued on, no municipality taken for an area
    ("Referat Vesterbro Lokaludvalg", "Vesterbro Lokaludvalg"),
    ("Derfor Vesterbro Lokaludvalg", "Vesterbro Lokaludvalg"),
    ("Lokaludvalget i Københavns Kommune", "Lokaludvalget"),
    ("Lokaludvalget bevilger 25.000 kr.", "Lokaludvalget"),
])
def test_a_council_keeps_its_whole_name(line, council):
    assert council_of([line], []) == council


def test_a_local_councils_minutes_name_it_whole(tmp_path):
    document = read(tmp_path, "Københavns Kommune\nAmager Øst Lokaludvalg\n\n"
                              "Referat af lokaludvalgsmøde torsdag den 6. marts 2025 kl. 18.30-21.00\n" + ITEM)

    assert (document.municipality, document.council, document.meeting_date) == (
        "København", "Amager Øst Lokaludvalg", "2025-03-06")


# --- Finding 7: the letterhead left at the end ----------------------------------------------


def test_the_letterhead_names_the_municipality_not_a_neighbour(tmp_path):
    document = read(tmp_path, (
        "Teknik- og Miljøudvalget\nReferat\nMødedato: 5. marts 2025\nMødested: Rådhuset, lokale 3\n\n"
        "1. Fælles busrute med Lejre Kommune\nSagsnr.: 25/777\nSagsbehandler: Per Holt\n\n"
        "Sagsfremstilling\nLejre Kommune har foreslået en fælles busrute. Lejre Kommune betaler halvdelen.\n\n"
        "Beslutning\nGodkendt.\n\nRoskilde Kommune · Rådhusbuen 1 · 4000 Roskilde · www.roskilde.dk\n"))

    assert document.municipality == "Roskilde"
    (item,) = document.passages
    assert item.sections[0].text == "Godkendt."  # the letterhead is page chrome, not the decision's
    assert "Rådhusbuen" not in item.text


def test_a_letterhead_on_every_page_of_a_text_is_chrome_and_names_the_municipality(tmp_path):
    letterhead = "Roskilde Kommune · Rådhusbuen 1 · 4000 Roskilde · www.roskilde.dk"
    document = read(tmp_path, (
        "Teknik- og Miljøudvalget\nReferat\nMødedato: 5. marts 2025\n\n"
        f"1. Fælles busrute med Lejre Kommune\nSagsnr.: 25/777\n\nSagsfremstilling\nLejre Kommune betaler.\n{letterhead}\n\n"
        f"Beslutning\nGodkendt.\n\n2. Eventuelt\nSagsnr.: 25/778\n\nBeslutning\nIntet.\n{letterhead}\n"))

    assert document.municipality == "Roskilde"
    assert [p.item_number for p in document.passages] == [1, 2]
    assert not any("Rådhusbuen" in p.text for p in document.passages)


def test_a_line_about_the_municipality_in_the_text_is_kept(tmp_path):
    document = read(tmp_path, (
        "Teknik- og Miljøudvalget\nReferat\nMødedato: 5. marts 2025\n\n"
        "1. Henvendelse\nSagsnr.: 25/777\n\nSagsfremstilling\n"
        "Roskilde Kommune har den 3. marts modtaget en henvendelse fra borgerforeningen.\n\nBeslutning\nTaget til efterretning.\n"))

    assert "Roskilde Kommune har den 3. marts modtaget" in document.passages[0].text


def test_a_neighbour_named_at_the_end_without_an_address_is_no_letterhead():
    body = ["Lejre Kommune har foreslået en fælles busrute.", "Roskilde Kommune", "Beslutning", "Sagen sendes til Lejre Kommune."]

    assert municipality_of(["Referat"], body) == "Lejre"  # named most often, as before


def test_the_head_still_comes_first():
    assert municipality_of(["Roskilde Kommune"], ["Lejre Kommune · 4320 Lejre · www.lejre.dk"]) == "Roskilde"


# --- Finding 8: a group is no person ------------------------------------------------------


@pytest.mark.parametrize("value", [
    "Hele kommunalbestyrelsen", "Hele udvalget", "Samtlige medlemmer", "Udvalgets medlemmer", "Der var ingen afbud",
    "Alle medlemmer", "Ingen afbud.",
])
def test_a_group_names_no_person(value):
    assert member_names(value) == ()


def test_a_list_of_names_is_read_as_before():
    assert member_names("Borgmester Dorte West (V), Jørgen Krogh (A), Mona Lisa Lund (S)") == (
        "Dorte West", "Jørgen Krogh", "Mona Lisa Lund")


def test_the_whole_council_present_is_nobody_by_name(tmp_path):
    document = read(tmp_path, "Kommunalbestyrelsen\nReferat\nMødedato: 27. februar 2025\n"
                              "Deltagere: Hele kommunalbestyrelsen\n" + ITEM)

    assert (document.present, document.absent) == ((), ())


def test_the_member_excepted_from_the_whole_is_absent():
    fields = head_fields(["Til stede: Byrådets medlemmer, dog ikke Jens Hansen"])

    assert meeting_people(fields) == ((), ("Jens Hansen",), ())


def test_an_exception_that_is_no_name_is_no_absence():
    fields = head_fields(["Til stede: Ib Holm, Tove Bech, dog ikke under punkt 5"])

    assert meeting_people(fields)[1] == ()


# --- Finding 9: who else attended --------------------------------------------------------


@pytest.mark.parametrize("label", ["Desuden deltog", "Endvidere deltog", "Herudover deltog", "Fra administrationen deltog"])
def test_who_else_attended_is_staff_without_titles(tmp_path, label):
    document = read(tmp_path, "Økonomiudvalget\nReferat\nMødedato: 10. marts 2025\n"
                              "Deltagere: Kasper Vilstrup, Ulla Mølgaard\n"
                              f"{label}: Kommunaldirektør Mads Holm og økonomichef Rikke Storm\n" + ITEM)

    assert document.present == ("Kasper Vilstrup", "Ulla Mølgaard")
    assert document.staff == ("Mads Holm", "Rikke Storm")


def test_titles_after_names_and_the_minute_taker():
    fields = head_fields(["Desuden deltog: Kommunaldirektør Ole Friis, referent Anna Holt, Bo Lind, Direktør"])

    assert meeting_people(fields)[2] == ("Ole Friis", "Anna Holt", "Bo Lind")


# --- Finding 10: a place without a label -------------------------------------------------


def test_a_place_printed_without_a_label_is_capitalised(tmp_path):
    document = read(tmp_path, "REFERAT\naf mødet i Byrådet\ntirsdag den 25. februar 2025 kl. 17.00 i byrådssalen\n\n"
                              "Herning Kommune\n" + ITEM)

    assert (document.meeting_date, document.place) == ("2025-02-25", "Byrådssalen")
