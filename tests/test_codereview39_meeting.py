"""Code review 39 (2026-12-05): regressions of code review 38 and layouts review 16 in reading a meeting's
municipality, its decisions and its closing lines (files in tests/fixtures/codereview39_meeting/, copied from
the review; short variants written here).

The findings: «temamøde på Aabenraa Rådhus» in a contents entry filed Tønder's committee, whose text names
«Tønder Kommune» three times, under Aabenraa; an agenda's quoted, undated «Beslutning i Byrådet:» above a later
committee's recommendation was promoted to this meeting's decision and made the agenda minutes; «Referent: Anne
Holm» printed right under the last item's «Intet.» stayed that item's text and the minute-taker was lost.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written

CR39 = FIXTURES / "codereview39_meeting"
read = partial(read_fixture, CR39)

ITEMS = ("\n\n1. Godkendelse af dagsorden\nDagsordenen blev godkendt.\n\n"
         "2. Trafikplan\nSagsfremstilling\n{text}\nBeslutning\nUdvalget deltager.\n")


# --- 1. A town hall names the municipality only on the place line, and only where no «X Kommune» does --------


def test_a_town_hall_in_an_items_title_names_no_municipality():
    document = read("teknisk-udvalg-referat-2025-03-04-temamoede-paa-aabenraa-raadhus.txt")
    assert {p.municipality for p in document.passages} == {"Tønder"}


@pytest.mark.parametrize("place", ["Mødested: Odder Rådhus", "Mødedato: 4. marts 2025  Mødested: Odder Rådhus"])
def test_the_place_line_still_names_the_municipality_by_its_town_hall(tmp_path, place):
    text = f"Teknisk Udvalg\nReferat\n\nMødedato: 4. marts 2025\n{place}" + ITEMS.format(text="Udvalget drøftede planen.")
    assert {p.municipality for p in read_written(tmp_path, "referat.txt", text).passages} == {"Odder"}


def test_a_meeting_is_filed_under_the_town_hall_its_place_line_names(tmp_path):
    """Code review 40: the place line wins over the kommuner the text names, which are mostly partners («en
    samarbejdsaftale med Aarhus Kommune» in Odder's minutes); a meeting at another municipality's town hall is rare."""
    text = ("Teknisk Udvalg\nReferat\n\nMødedato: 4. marts 2025\nMødested: Aabenraa Rådhus"
            + ITEMS.format(text="Tønder Kommune og Aabenraa Kommune holder et fælles temamøde. Tønder Kommune betaler."))
    assert {p.municipality for p in read_written(tmp_path, "referat.txt", text).passages} == {"Aabenraa"}


def test_a_town_hall_outside_the_place_line_names_none(tmp_path):
    text = ("Teknisk Udvalg\nReferat\n\nMødedato: 4. marts 2025\nMødested: Byrådssalen\n\n"
            "Punkter:\n1. Godkendelse af dagsorden\n2. Trafikplan – temamøde på Aabenraa Rådhus"
            + ITEMS.format(text="Udvalget holder et fælles temamøde om trafikplanen."))
    assert {p.municipality for p in read_written(tmp_path, "referat.txt", text).passages} == {None}


# --- 2. Only the last quoted header, and an undated one only in minutes, is this meeting's decision ----------


def test_an_agendas_quoted_undated_decision_of_this_council_stays_quoted():
    document = read("skovby-byraadet-dagsorden-2025-06-25-udateret-beslutning.txt")
    assert {p.doc_type for p in document.passages} == {"dagsorden"}
    assert not any(p.has_decision for p in document.passages)
    bevilling = document.passages[0]
    assert [s.label for s in bevilling.sections if s.key == "tidligere_beslutning"] == [
        "Beslutning i Økonomiudvalget den 8. april 2025:", "Beslutning i Byrådet:",
        "Beslutning i Økonomiudvalget den 17. juni 2025:"]


AGENDA = ("Skovby Kommune\n\nByrådet\n\n{title}\n\nMødedato: 25. juni 2025\n\n"
          "5. Anlægsbevilling til ny daginstitution\nSagsnr.: 25/10\n\nSagsfremstilling\nDer søges om en bevilling.\n\n"
          "Tidligere beslutninger\nBeslutning i Økonomiudvalget den 8. april 2025:\nAnbefales.\n\n{quoted}")


def test_an_agenda_ending_its_quoted_decisions_with_an_undated_one_of_this_council_stays_an_agenda(tmp_path):
    text = AGENDA.format(title="Dagsorden", quoted="Beslutning i Byrådet:\nSagen sendes tilbage til Økonomiudvalget.\n")
    (bevilling,) = read_written(tmp_path, "byraadet-dagsorden.txt", text).passages
    assert bevilling.doc_type == "dagsorden" and not bevilling.has_decision


def test_a_quoted_decision_of_this_council_with_a_later_one_after_it_is_no_decision_of_this_meeting(tmp_path):
    text = AGENDA.format(title="Referat", quoted="Beslutning i Byrådet:\nSagen sendes tilbage til Økonomiudvalget.\n\n"
                                                 "Beslutning i Økonomiudvalget den 17. juni 2025:\nAnbefales.\n")
    (bevilling,) = read_written(tmp_path, "byraadet-referat.txt", text).passages
    assert not bevilling.has_decision


def test_minutes_ending_their_quoted_decisions_with_this_councils_undated_one_have_it_as_the_decision(tmp_path):
    # near miss: the same item in minutes by their title
    text = AGENDA.format(title="Referat", quoted="Beslutning i Byrådet:\nBevillingen gives.\n")
    (bevilling,) = read_written(tmp_path, "byraadet-referat.txt", text).passages
    assert bevilling.doc_type == "referat" and bevilling.decision == "Bevillingen gives."


# --- 3. The document's last lines naming the minute-taker close it, a blank line above them or not ----------


def test_a_minute_taker_right_under_the_last_items_text_is_staff():
    document = read("skovby-aeldreraadet-referat-2025-06-03-referent-uden-luft.txt")
    eventuelt = document.passages[-1]
    assert eventuelt.text == "Intet." and eventuelt.staff == ("Anne Holm",)


HEAD = ("Skovby Kommune\nÆldrerådet\n\nReferat\n\nMødedato: 3. juni 2025\nDeltagere: Anne Holm, Bo Berg\n\n"
        "1. Godkendelse af dagsorden\nDagsordenen blev godkendt.\n\n")


@pytest.mark.parametrize("closing, kept", [
    ("Referent: Lise Krogh\nGodkendt af: Formand Grethe Holm", "Intet."),
    ("Næste møde: 11. juni 2026\nReferent: Lise Krogh", "Intet.\nNæste møde: 11. juni 2026"),  # the item's text
])
def test_closing_lines_right_under_the_last_items_text_are_cut(tmp_path, closing, kept):
    text = HEAD + f"2. Eventuelt\nIntet.\n{closing}\n"
    eventuelt = read_written(tmp_path, "referat.txt", text).passages[-1]
    assert eventuelt.text == kept and "Lise Krogh" in eventuelt.staff


def test_copenhagens_minute_taker_under_a_staff_line_is_staff():
    document = read_fixture(FIXTURES / "codereview38", "koebenhavn-kultur-og-fritidsudvalget-referat-2025-06-12-underskrifter.txt")
    eventuelt = document.passages[-1]
    assert eventuelt.text == "Udvalget drøftede sommerens arrangementer.\nTil stede fra forvaltningen: Sofie Dahl"
    assert "Karen Nørgaard" in eventuelt.staff


@pytest.mark.parametrize("roles", ["Formand: Anne Holm\nNæstformand: Bo Berg", "Formand: Anne Holm\nKasserer: Bo Berg"])
def test_a_minute_taker_ending_a_list_of_roles_stays_the_items_text(tmp_path, roles):
    text = HEAD + f"2. Konstituering\nRådet konstituerede sig således:\n{roles}\nReferent: Lise Krogh\n"
    konstituering = read_written(tmp_path, "referat.txt", text).passages[-1]
    assert konstituering.text.endswith("Referent: Lise Krogh") and konstituering.staff == ()


def test_a_minute_taker_in_the_middle_of_an_item_stays_its_text(tmp_path):
    text = HEAD + ("2. Konstituering\nFormand: Anne Holm\nReferent: Lise Krogh\nRådet drøftede sin forretningsorden.\n")
    konstituering = read_written(tmp_path, "referat.txt", text).passages[-1]
    assert konstituering.text.endswith("Referent: Lise Krogh\nRådet drøftede sin forretningsorden.")
    assert konstituering.staff == ()
