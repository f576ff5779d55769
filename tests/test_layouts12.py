"""Layouts review 12: minutes in layouts not seen before (files in tests/fixtures/layouts12/, copied from
the review, and small texts written here).

The findings read here: Aarhus prints «Indstilling fra Borgmesterens Afdeling» between an item's title and
its field lines, which was no anchor, so no item had a heading; its «Beslutning:» groups the Magistrate's
recommendation and the city council's own dated decision, and the recommendation was taken as the decision;
«Punkt 2 · Title» (a middle dot, em dash or bar after the number) was no heading; Copenhagen's field lines
closing an item («Sagsbehandler: …» / «Sagsnr.: …») were lost; and its «… (2025-0045678) - lukket punkt»
was not closed, kept the words in its title and lost its case number.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written

LAYOUTS12 = FIXTURES / "layouts12"
read = partial(read_fixture, LAYOUTS12)


def _items(document) -> list[tuple[int | None, str]]:
    return [(p.item_number, p.title) for p in document.passages]


_HEAD = "Testby Kommune\nByrådet\nReferat\nMødedato: 12. marts 2025\n\n"


# --- 1. «Indstilling fra <afdeling>» under the title (Aarhus) ----------------------------------------


def test_aarhus_items_have_their_headings_and_fields():
    document = read("aarhus-byraadet-referat-2025-03-12.txt")
    assert _items(document) == [(1, "Budgetopfølgning pr. 31. december 2024"),
                                (2, "Ny skolestruktur i Gellerup og Tovshøj"),
                                (3, "Forslag fra Enhedslisten om gratis bustransport for unge under 18 år"),
                                (4, "Valg af medlem til Ældrerådet efter udtræden")]
    assert [p.case_number for p in document.passages] == ["24/012345-17", "23/087654-42", "25/004321-3", "25/005555-1"]
    assert [p.case_handler for p in document.passages] == ["Kristian Lund Madsen", "Maja Thøgersen", "Jonas Ravn",
                                                           "Kristian Lund Madsen"]
    assert not document.notices
    # the recommending department is the item's text, found by a search for it
    assert document.passages[1].text.startswith("Indstilling fra Børn og Unge")


_ITEM = "Punkt 1\nBudgetopfølgning 2024\n{gap}{unit}\nSagsnr.: 24/012345-17\nSagsbehandler: Kristian Lund Madsen\n\n" \
        "Beslutning:\nGodkendt.\n\nPunkt 2\nEventuelt\n{gap}{unit2}\nSagsnr.: 24/012345-18\n\nBeslutning:\nIntet.\n"


@pytest.mark.parametrize("gap", ["", "\n"])
@pytest.mark.parametrize("unit", ["Indstilling fra Borgmesterens Afdeling", "Indstilling fra Teknik og Miljø",
                                  "INDSTILLING FRA BØRN OG UNGE"])
def test_recommending_department_anchors_the_heading(tmp_path, gap, unit):
    text = _HEAD + _ITEM.format(gap=gap, unit=unit, unit2="Indstilling fra Sociale Forhold og Beskæftigelse")
    document = read_written(tmp_path, "referat.txt", text)
    assert _items(document) == [(1, "Budgetopfølgning 2024"), (2, "Eventuelt")]  # the title stops above it
    assert document.passages[0].case_number == "24/012345-17"
    assert document.passages[0].case_handler == "Kristian Lund Madsen"
    assert document.passages[0].decision == "Godkendt."


def test_closed_marker_under_the_recommending_department(tmp_path):
    text = _HEAD + _ITEM.format(gap="", unit="Indstilling fra Borgmesterens Afdeling",
                                unit2="Indstilling fra Borgmesterens Afdeling\nLukket punkt")
    document = read_written(tmp_path, "referat.txt", text)
    assert [(p.item_number, p.title, p.closed) for p in document.passages] == [
        (1, "Budgetopfølgning 2024", False), (2, "Eventuelt", True)]


@pytest.mark.parametrize("line", ["Indstilling fra Borgmesterens Afdeling", "Indstilling fra Borgmesterens Afdeling blev drøftet."])
def test_recommending_department_in_an_items_text_anchors_nothing(tmp_path, line):
    # under a list's point, with text under it (no field line): the item's text, no item «2. Baggrund»
    text = (_HEAD + "1. Budgetopfølgning 2024\nSagsnr.: 24/1\n\nSagsfremstilling\nSagen har to dele:\n2. Baggrund\n"
            f"{line}\nDer er afsat 3 mio. kr.\n\nBeslutning\nGodkendt.\n")
    document = read_written(tmp_path, "referat.txt", text)
    assert [p.item_number for p in document.passages] == [1]
    assert document.passages[0].decision == "Godkendt."
    assert line in document.passages[0].text


# --- 2. «Beslutning:» over the bodies' dated headers (Aarhus) -----------------------------------------


def test_aarhus_decision_is_the_city_councils_dated_one():
    document = read("aarhus-byraadet-referat-2025-03-12.txt")
    assert [p.outcome for p in document.passages] == ["Godkendt", "Afvist", "Afvist", "Valg"]
    item1, item2 = document.passages[:2]
    assert item1.decision == "Indstillingen blev vedtaget."
    assert item1.decision_date == "2025-03-12"
    assert item1.sections_by_key()["tidligere_beslutning"] == "Indstillingen blev anbefalet."
    assert item2.decision.startswith("Indstillingen blev forkastet med 16 stemmer for")
    earlier = item2.sections_by_key()["tidligere_beslutning"]
    assert earlier == "Indstillingen blev anbefalet.\nRådmand Thomas Medom (F) tog forbehold."


# Any body named by capitalised words, dated under the plain label, recommends (the code reviews 28, 29:
# a council, the administration, a department, a board), and the council's dated header decides.
@pytest.mark.parametrize("body", ["Magistraten", "Økonomiudvalget", "Direktionen", "Teknik- og Miljøforvaltningen",
                                  "Bestyrelsen", "Repræsentantskabet", "Stadsdirektøren",
                                  "Udvalget for Teknik og Miljø"])
def test_plain_label_groups_dated_headers(tmp_path, body):
    text = (_HEAD + "1. Skolestruktur\nSagsnr.: 24/1\n\nSagsfremstilling\nTo skoler lægges sammen.\n\n"
            f"Beslutning:\n{body} 3. marts 2025:\nIndstillingen blev anbefalet.\n\n"
            "Byrådets beslutning 12. marts 2025:\nIndstillingen blev forkastet.\n")
    item = read_written(tmp_path, "referat.txt", text).passages[0]
    assert item.decision == "Indstillingen blev forkastet."
    assert item.outcome == "Afvist"
    assert item.sections_by_key()["tidligere_beslutning"] == "Indstillingen blev anbefalet."


def test_a_dated_line_without_a_header_after_it_stays_the_decisions_text(tmp_path):
    # no dated decision header follows: «Direktionen 3. marts 2025:» groups nothing («Magistraten 3. marts 2025:»
    # is a council's decision header since the layouts14 review, as «Økonomiudvalget 3. marts 2025:» is)
    text = (_HEAD + "1. Skolestruktur\nSagsnr.: 24/1\n\nBeslutning:\nDirektionen 3. marts 2025:\n"
            "Indstillingen blev anbefalet.\n")
    item = read_written(tmp_path, "referat.txt", text).passages[0]
    assert item.decision == "Direktionen 3. marts 2025:\nIndstillingen blev anbefalet."
    assert "tidligere_beslutning" not in item.sections_by_key()


# --- 4. «Punkt 2 · Title», «Punkt 2 — Title», «Punkt 2 | Title» ---------------------------------------


def test_vejlby_middle_dot_headings():
    document = read("vejlby-folkeoplysningsudvalget-referat-2025-04-02.md")
    assert _items(document) == [(1, "Godkendelse af dagsorden"), (2, "Fordeling af aktivitetstilskud, 1. runde 2025"),
                                (3, "Ansøgning om lokaletilskud – Vejlby Rideklub"),
                                (4, "Budget 2026 – drøftelse af prioriteringer"), (5, "Eventuelt")]
    assert [p.case_number for p in document.passages] == ["25/1021", "25/1188", "24/3310", "25/0890", None]
    assert document.passages[2].outcome == "Afvist"


@pytest.mark.parametrize("separator", ["·", "—", "|"])
def test_separators_between_number_and_title(tmp_path, separator):
    text = _HEAD + "".join(f"Punkt {n} {separator} {t}\nSagsnr.: 25/{n}00\n\nBeslutning\nGodkendt.\n\n"
                           for n, t in ((1, "Godkendelse af dagsorden"), (2, "Budget 2026")))
    document = read_written(tmp_path, "referat.txt", text)
    assert _items(document) == [(1, "Godkendelse af dagsorden"), (2, "Budget 2026")]


@pytest.mark.parametrize("line", ["| Punkt 2 | Budget 2026 | 3 mio. kr. |", "Punkt 2 · i indstillingen udgår"])
def test_table_rows_and_sentences_are_no_headings(tmp_path, line):
    text = (_HEAD + "Punkt 1 · Godkendelse af dagsorden\nSagsnr.: 25/100\n\nSagsfremstilling\nOversigt:\n\n"
            f"| Punkt | Emne | Beløb |\n|---|---|---|\n{line}\n| Punkt 4 | Anlæg | 2 mio. kr. |\n\n"
            "Sagen drøftes.\n\nBeslutning\nGodkendt.\n")
    document = read_written(tmp_path, "referat.txt", text)
    assert _items(document) == [(1, "Godkendelse af dagsorden")]
    assert document.passages[0].decision == "Godkendt."


# --- 7. field lines closing an item (Copenhagen) ------------------------------------------------------


def test_copenhagen_case_handler_printed_at_the_items_end():
    document = read("koebenhavn-borgerrepraesentationen-referat-2025-03-13.txt")
    assert [p.case_handler for p in document.passages] == [None, "Louise Brandt", "Anders Kjær", "Pernille Holm", None]
    item2 = document.passages[1]
    assert item2.case_number == "2025-0123456"
    assert item2.sections_by_key()["videre_proces"] == (
        "Forslaget sendes i offentlig høring i 8 uger. Teknik- og Miljøforvaltningen forventer at fremlægge "
        "lokalplanen til endelig vedtagelse i 4. kvartal 2025.")
    assert "Sagsbehandler" not in item2.text


def test_fields_at_the_end_do_not_override_those_under_the_heading(tmp_path):
    text = (_HEAD + "1. Budget\nSagsnr.: 25/100\nSagsbehandler: Anne Holm\n\nBeslutning\nGodkendt.\n\n"
            "Sagsbehandler: Bo Krogh\nSagsnr.: 25/999\n")
    item = read_written(tmp_path, "referat.txt", text).passages[0]
    assert (item.case_number, item.case_handler) == ("25/100", "Anne Holm")


@pytest.mark.parametrize("tail", ["Spørgsmål rettes til\nSagsbehandler: Louise Brandt",
                                  "Sagsbehandleren er Louise Brandt, Teknik- og Miljøforvaltningen.",
                                  "Dok. 588-2021-59870"])
def test_text_closing_an_item_stays_text(tmp_path, tail):
    text = (_HEAD + "1. Budget\n\nSagsfremstilling\nBudgettet er lagt.\n\nBeslutning\nGodkendt.\n\n"
            f"Bilag\nOversigt over budgettet\n\n{tail}\n")
    item = read_written(tmp_path, "referat.txt", text).passages[0]
    assert item.case_handler is None and item.case_number is None
    assert tail.split("\n")[-1] in item.text


# --- 8. «… (2025-0045678) - lukket punkt» (Copenhagen) -------------------------------------------------


def test_copenhagen_closed_item_by_its_title_suffix():
    document = read("koebenhavn-borgerrepraesentationen-referat-2025-03-13.txt")
    assert [p.closed for p in document.passages] == [False, False, False, False, True]
    item5 = document.passages[4]
    assert item5.title == "Salg af ejendommen Amagerbrogade 150"
    assert item5.case_number == "2025-0045678"


@pytest.mark.parametrize("heading, closed, title", [
    ("2. Salg af grund (2025-0045678) - lukket punkt", True, "Salg af grund"),
    ("2. Salg af grund – Lukket punkt", True, "Salg af grund"),
    ("2. Personalesag (lukket punkt)", True, "Personalesag"),
    ("2. Salg af grund - åbent punkt", False, "Salg af grund"),
    ("2. Klage over lukket punkt", False, "Klage over lukket punkt"),
])
def test_openness_after_the_title(tmp_path, heading, closed, title):
    text = (_HEAD + "1. Godkendelse af dagsorden\nSagsnr.: 2025-0000001\n\nBeslutning\nGodkendt.\n\n"
            f"{heading}\nSagsnr.: 2025-0000002\n\nBeslutning\nGodkendt.\n")
    document = read_written(tmp_path, "referat.txt", text)
    assert [(p.item_number, p.title, p.closed) for p in document.passages] == [
        (1, "Godkendelse af dagsorden", False), (2, title, closed)]
