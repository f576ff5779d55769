"""Who attended, who handled the case, and where the last decision ends (from the layouts11 review,
2026-12): each finding in the reviewer's minutes that showed it (tests/fixtures/layouts11/) and
in small texts written here.

The findings: a member's role after a comma that the role words did not list («Heino Knudsen (A),
regionsrådsformand») took the next line's member for the rest of his name; a case handler printed
after the unit («Sagsansvarlig: Koncernøkonomi, Kirsten Vang») gave the unit and lost the person, and
one printed with a job title («Ansvarlig: Jobcenterchef Anders Kvist») kept the title; and «Mødet
hævet kl. 21:35», its time written with a colon, stayed in the last item's decision.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, index_copies, read_fixture, read_written

LAYOUTS11 = FIXTURES / "layouts11"  # the reviewer's minutes, shared with test_layouts11
read = partial(read_fixture, LAYOUTS11)

REGION = "region-sjaelland-regionsraadet-referat-2025-03-24.txt"
BAKKEBY = "bakkeby-oekonomiudvalget-referat-2025-03-12.txt"
TAARNHOEJ = "taarnhoej-kommunalbestyrelsen-referat-2025-02-27.txt"


def _item(document, number: int):
    return next(p for p in document.passages if p.item_number == number and p.text)


# --- 1. a member's role after a comma ends that member ------------------------------------------


def test_the_member_after_the_regional_council_chair_is_present():
    document = read(REGION)
    first = _item(document, 1)
    assert first.present == ("Heino Knudsen", "Anders Hansen", "Peter Jacobsen", "Stine Mærsk", "Per Brix")
    assert first.absent == ("Lotte Grøn",)


@pytest.mark.parametrize("role", ["regionsrådsformand", "borgmester", "næstforperson", "sekretær",
                                  "udvalgsnæstformand", "byrådsmedlem", "Regionsrådsformand", "tilforordnet"])
def test_any_role_after_a_comma_ends_the_member(tmp_path, role):
    text = (f"Fjordby Kommune\nReferat\nByrådet\nMødedato: 3. marts 2025\n\nDeltagere:\nHeino Knudsen (A), {role}\n"
            "Anders Hansen (V)\nLotte Grøn (F)\n\n1. Godkendelse af dagsorden\nSagsnr.: 25/1\n\nBeslutning\nGodkendt.\n")
    document = read_written(tmp_path, "fjordby-byraadet-referat-2025-03-03.txt", text)
    assert document.passages[0].present == ("Heino Knudsen", "Anders Hansen", "Lotte Grøn")


def test_a_name_a_line_wrapped_after_a_comma_is_still_one_member(tmp_path):
    # «…, Bashir» / «Nawa, …»: a first name at the line's end goes on with the next line (as before)
    text = ("Fjordby Kommune\nReferat\nByrådet\nMødedato: 3. marts 2025\n\nDeltagere: Anne Holm (A), Bashir\n"
            "Nawa (V), Lotte Grøn (F)\n\n1. Godkendelse af dagsorden\nSagsnr.: 25/1\n\nBeslutning\nGodkendt.\n")
    document = read_written(tmp_path, "fjordby-byraadet-referat-2025-03-03.txt", text)
    assert document.passages[0].present == ("Anne Holm", "Bashir Nawa", "Lotte Grøn")


# --- 2. the case handler is the person, not the unit or the title -------------------------------


def test_a_case_handler_printed_after_the_unit_is_the_person():
    document = read(REGION)
    assert [(p.item_number, p.case_handler) for p in document.passages if p.text] == [
        (1, "Regionssekretariatet"), (2, "Kirsten Vang"), (3, "Morten Lykke"), (4, "Nina Eskildsen"),
        (5, "Koncernjura")]  # a unit alone stays as printed


def test_a_case_handlers_job_title_is_no_part_of_the_name():
    document = read(BAKKEBY)
    assert [(p.item_number, p.case_handler) for p in document.passages] == [
        (1, "Sekretariatet"), (2, "Thomas Ravn"), (3, "Signe Mølgaard"), (4, "Gitte Bro"), (5, "Anders Kvist"),
        (6, "Sekretariatet")]  # «Thomas Ravn, Ejendomme og Anlæg»: the person first, as before


@pytest.mark.parametrize("printed, handler", [
    ("Sagsbehandler: Ejendomme og Anlæg, Thomas Ravn", "Thomas Ravn"),
    ("Sagsbehandler: Center for Økonomi - Lise Holm", "Lise Holm"),
    ("Sagsbehandler: Økonomi, afdelingsleder Bo Ek", "Bo Ek"),
    ("Sagsbehandler: Adm. direktør Poul Erik Bak", "Poul Erik Bak"),
    ("Sagsbehandler: Kirsten Vang (Koncernøkonomi)", "Kirsten Vang"),
    ("Sagsbehandler: Jobcenter", "Jobcenter"),
    ("Sagsbehandler: Borgerservice, Afdeling Nord", "Borgerservice"),
    ("Sagsbehandler: Jens Hansen, Ib Holm", "Jens Hansen"),
    # the code review of this fix: initials first, two units, a unit's comma (tests/test_case_handler_names.py)
    ("Sagsbehandler: ANBE, Myndighed Voksne", "ANBE"),
    ("Sagsbehandler: Plan og Byg, Distrikt Nord", "Plan og Byg"),
    ("Sagsbehandler: Center for Børn, Unge og Familier", "Center for Børn, Unge og Familier"),
    ("Sagsbehandler: Hjemmeplejen, Mette Holm", "Mette Holm"),
])
def test_the_case_handler_as_printed_in_other_orders(tmp_path, printed, handler):
    text = (f"Fjordby Kommune\nReferat\nByrådet\nMødedato: 3. marts 2025\n\n1. Budgetopfølgning\nSagsnr.: 25/1\n"
            f"{printed}\n\nSagsfremstilling\nBudgettet blev gennemgået.\n\nBeslutning\nGodkendt.\n")
    document = read_written(tmp_path, "fjordby-byraadet-referat-2025-03-03.txt", text)
    assert document.passages[0].case_handler == handler


def test_the_case_handler_after_the_unit_is_found_by_name(tmp_path):
    from search import SearchRequest, open_index

    _, index_dir = index_copies(tmp_path, [LAYOUTS11 / REGION])
    index = open_index(index_dir)
    try:
        found = index.search(SearchRequest(query="Kirsten Vang"))
        assert [(h.item_number, h.case_handler) for h in found.hits] == [(2, "Kirsten Vang")]
        assert "Kirsten Vang" in {v.value for v in found.facets["case_handler"]}
        narrowed = index.search(SearchRequest(query="akuthus", filters={"case_handler": ("Morten Lykke",)}))
        assert [(h.item_number, h.title) for h in narrowed.hits] == [
            (3, "Nyt akuthus i Holbæk - projektforslag og bevilling")]
    finally:
        index.close()


# --- 3. the meeting's end, its time written with a colon, closes the last decision ----------------


def test_the_meeting_closed_at_a_time_with_a_colon_is_no_part_of_the_last_decision():
    last = read(TAARNHOEJ).passages[-1]
    assert (last.item_number, last.title, last.decision) == (7, "Personalesag", "Udsat.")
    assert "hævet" not in last.text
    assert last.sections[-1].note == "Mødet hævet kl. 21:35"


@pytest.mark.parametrize("closing", ["Mødet hævet kl. 21:35", "Mødet blev hævet kl. 18:05.", "Mødet sluttede kl. 20:10",
                                     "Mødet hævet kl. 18.30."])
def test_the_meeting_end_after_a_blank_line_is_cut_from_the_decision(tmp_path, closing):
    text = ("Fjordby Kommune\nReferat\nByrådet\nMødedato: 3. marts 2025\n\n1. Budgetopfølgning\nSagsnr.: 25/1\n\n"
            f"Beslutning\nGodkendt med bemærkninger.\n\n{closing}\n")
    document = read_written(tmp_path, "fjordby-byraadet-referat-2025-03-03.txt", text)
    assert document.passages[-1].decision == "Godkendt med bemærkninger."
