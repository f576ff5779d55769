"""Layouts review 17 (2026-12-05), labels and fields (files in tests/fixtures/layouts17/, as the review gave them).

The findings: Horsens' agenda, whose decisions read «(Behandles på mødet)», was read as minutes deciding every
item; Esbjerg's «Sags-id: 25-002214» (and Aarhus' «Sags-id: SAG-2025-01887») was no field, glued onto the
title or left in the text; Bornholm's journal number under the heading («07.00.00P00-0012») was glued onto the
title, its «Hvad skal besluttes» was no section label and its «Bilag til sagen» list ran into the decision.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written

LAYOUTS17 = FIXTURES / "layouts17"
read = partial(read_fixture, LAYOUTS17)

HORSENS = "horsens-udvalget-for-teknik-og-miljoe-dagsorden-2025-05-12.txt"
ESBJERG = "esbjerg-plan-og-miljoeudvalget-referat-2025-03-03.txt"
AARHUS = "aarhus-aeldreraadet-referat-2025-05-14.txt"
BORNHOLM = "bornholm-teknik-og-miljoeudvalget-referat-2025-03-03.txt"


def _section(passage, key: str):
    return next(s for s in passage.sections if s.key == key)


def _agenda(decision: str) -> str:
    return ("Horsens Kommune\n\nDAGSORDEN\n\nUdvalget for Teknik og Miljø\n\nMødedato: 12.05.2025\n\n"
            "1. Trafiksikkerhedsplan 2025-2028\nSagsnr.: 24/031778\nSagsansvarlig: Thomas Dam Kjeldsen\n\n"
            "Indstilling\nDirektøren indstiller, at planen sendes i høring.\n\n"
            f"Beslutning\n{decision}\n\n"
            "2. Meddelelser\nSagsnr.: 25/004513\nSagsansvarlig: Camilla Bjerre\n\nSagsfremstilling\nIntet nyt.\n")


def test_an_agenda_whose_decisions_are_yet_to_be_made_is_an_agenda_deciding_nothing():
    document = read(HORSENS)
    assert document.doc_type == "dagsorden"
    assert [p.title for p in document.passages] == [
        "Godkendelse af dagsorden", "Trafiksikkerhedsplan 2025-2028",
        "Ansøgning om tilladelse til udvidelse af Stensballe Sand og Grus", "Busbetjening af Lund og Gedved",
        "Meddelelser"]
    assert not any(p.has_decision for p in document.passages)
    assert {p.outcome for p in document.passages} == {None}
    # the placeholder is kept as printed, under its label
    assert _section(document.passages[1], "beslutning").text == "(Behandles på mødet)"


@pytest.mark.parametrize("placeholder", ["(Afgøres på mødet)", "Afventer mødet", "(Beslutning træffes på mødet)"])
def test_other_placeholders_for_a_decision_yet_to_be_made_decide_nothing(tmp_path, placeholder):
    document = read_written(tmp_path, "horsens-dagsorden-2025-05-12.txt", _agenda(placeholder))
    assert document.doc_type == "dagsorden"
    assert not document.passages[0].has_decision


def test_a_decision_postponing_the_item_to_the_next_meeting_is_a_decision(tmp_path):
    document = read_written(tmp_path, "horsens-referat-2025-05-12.txt",
                            _agenda("Sagen behandles på næste møde.").replace("DAGSORDEN", "REFERAT"))
    assert document.doc_type == "referat"
    assert document.passages[0].has_decision


def test_a_case_number_labelled_sags_id_in_lower_case_is_the_items_case_number():
    passages = read(ESBJERG).passages
    assert [(p.title, p.case_number, p.case_handler) for p in passages] == [
        ("Godkendelse af dagsorden", "25-002214", "Lone Bech Sørensen"),
        ("Lokalplan nr. 4.09.03 Boliger ved Gammelby Ringvej", "24-018870", "Mads Kirkegaard"),
        ("Spildevandsplan 2025-2030", "23-041109", "Pernille Holst"),
        ("Klage over afslag på landzonetilladelse, Vesterhavsvej 112", "24-033501", "Mads Kirkegaard"),
        ("Meddelelser", "25-002215", "Lone Bech Sørensen"),
    ]


def test_a_sags_id_under_an_ad_pkt_heading_is_its_case_number_not_its_text():
    passages = {p.item_number: p for p in read(AARHUS).passages}
    assert passages[2].case_number == "SAG-2025-01887"
    assert passages[3].case_number == "SAG-2025-01902"
    assert "Sags-id" not in passages[2].text and "Sags-id" not in passages[3].text


@pytest.mark.parametrize("label", ["Sags-id", "SagsId", "SAGSNR.", "Sagsnummer"])
def test_a_case_number_label_in_any_case_is_a_field_never_the_title_wrapped(tmp_path, label):
    text = ("Plan & Miljøudvalget\nREFERAT\nMødedato: 03.03.2025\n\n"
            f"1. Spildevandsplan 2025-2030\n{label}: 23-041109\nSagsansvarlig: Pernille Holst\n\n"
            "Beslutning\nGodkendt.\n")
    passage, = read_written(tmp_path, "esbjerg-referat-2025-03-03.txt", text).passages
    assert (passage.title, passage.case_number) == ("Spildevandsplan 2025-2030", "23-041109")


def test_a_sags_id_label_alone_takes_its_number_from_the_next_line(tmp_path):
    text = ("Plan & Miljøudvalget\nREFERAT\nMødedato: 03.03.2025\n\n"
            "1. Spildevandsplan 2025-2030\nSags-id:\n23-041109\nSagsansvarlig: Pernille Holst\n\n"
            "Beslutning\nGodkendt.\n")
    passage, = read_written(tmp_path, "esbjerg-referat-2025-03-03.txt", text).passages
    assert (passage.title, passage.case_number, passage.case_handler) == (
        "Spildevandsplan 2025-2030", "23-041109", "Pernille Holst")


def test_bornholms_journal_number_under_the_heading_is_the_case_number_not_the_title():
    passages = read(BORNHOLM).passages
    assert [(p.item_number, p.title, p.case_number) for p in passages] == [
        (1, "Godkendelse af dagsorden", "00.01.00A00-0049"),
        (2, "Affaldsplan 2025-2036, endelig vedtagelse", "07.00.00P00-0012"),
        (3, "Vinterbekæmpelse - evaluering af sæson 2024/25", "05.01.12G01-0003"),
        (4, "Lukket punkt: Erstatningssag", None),
        (5, "Lukket punkt: Køb af areal ved Nexø Havn", None),
        (6, "Orientering og gensidig information", "00.01.00A00-0049"),
    ]


def test_bornholms_journal_number_labelled_is_read_whole(tmp_path):
    text = ("Teknik- og Miljøudvalget\n03-03-2025\nREFERAT\n\n"
            "1. Affaldsplan\nSagsnr.: 07.00.00P00-0012\nSagsbehandler: Henrik Mogensen\n\n"
            "Beslutning\nAnbefales.\n")
    passage, = read_written(tmp_path, "bornholm-referat-2025-03-03.txt", text).passages
    assert (passage.title, passage.case_number) == ("Affaldsplan", "07.00.00P00-0012")


def test_bilag_til_sagen_is_the_attachments_not_part_of_the_decision():
    affaldsplan = read(BORNHOLM).passages[1]
    assert affaldsplan.decision.startswith("Anbefales.")
    assert "Affaldsplan 2025-2036 (endelig)" not in affaldsplan.decision
    attachments = _section(affaldsplan, "bilag")
    assert attachments.label == "Bilag til sagen"
    assert attachments.text.startswith("1. Affaldsplan 2025-2036 (endelig)\n2. Høringssvar og bemærkninger")


def test_hvad_skal_besluttes_is_the_question_put_as_beslutningstema_is_not_the_decision():
    passages = read(BORNHOLM).passages
    for passage, question in ((passages[1], "Affaldsplan 2025-2036 skal vedtages endeligt efter offentlig høring."),
                              (passages[2], "Udvalget skal orienteres om vintersæsonen 2024/25.")):
        section = _section(passage, "beslutningstema")
        assert (section.label, section.text, section.is_decision) == ("Hvad skal besluttes", question, False)
        assert all(s.label for s in passage.sections)  # no unlabelled text starting «Hvad skal besluttes»
    assert passages[2].decision == "Taget til efterretning."
