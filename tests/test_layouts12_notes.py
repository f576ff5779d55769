"""A correction printed after a decision, and informal minutes' attendance and decisions (from the layouts12
review, findings 6 and 9): the reviewer's files (tests/fixtures/layouts12_notes/) and small texts written here.

The findings: «Bemærk: Ved en fejl stod der i den udsendte version, at indstillingen blev vedtaget. Referatet er
rettet 14. marts 2025.» after an item's decision stayed in that decision and was no meeting note (every «Bemærk:»
paragraph was taken for a reminder); a youth council's «Med: …» / «Ikke med: …» were read as nobody's attendance,
and its «Vi blev enige om at sende et høringssvar …» as no decision, so three of its items were «Ingen beslutning
registreret».
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_shared_fixture, shared_fixture, read_written
from indexer.meeting import head_fields, meeting_people

LAYOUTS12 = FIXTURES / "layouts12_notes"
SHARED = FIXTURES / "layouts12"  # the review's own files, read there (not copied here)


fixture = partial(shared_fixture, LAYOUTS12, SHARED)
read = partial(read_shared_fixture, LAYOUTS12, SHARED)


TESTBY = "testby-byraadet-referat-2025-03-13.txt"
SOLBJERG = "solbjerg-ungdomsraadet-referat-2025-02-20.txt"


def _item(document, number: int):
    return next(p for p in document.passages if p.item_number == number)


def _minutes(after_decision: str) -> str:
    return ("Testby Kommune\nByrådet\nReferat af møde 13. marts 2025\n\n1. Ny skolestruktur\n\nSagsnr.: 2025-0123456\n\n"
            f"Beslutning\nIndstillingen blev forkastet.\n\n{after_decision}\n\n2. Eventuelt\n\nSagsnr.: 2025-1\n\n"
            "Beslutning\nIntet.\n")


# --- 6. a correction after a decision is the meeting's note, no part of the decision ---------------


def test_a_correction_after_a_decision_is_the_meetings_note_and_leaves_the_decision():
    document = read(TESTBY)
    first = _item(document, 1)
    correction = ("Bemærk: Ved en fejl stod der i den udsendte version, at indstillingen blev vedtaget. "
                  "Referatet er rettet 14. marts 2025.")
    assert first.meeting_note == correction
    assert first.sections_by_key()["beslutning"] == "Indstillingen blev forkastet med 16 stemmer for og 15 imod."
    assert "Ved en fejl" not in first.text  # shown once, as the note, not as the item's text too


def test_a_mistake_in_the_minutes_told_without_a_marker_is_a_note_too(tmp_path):
    document = read_written(tmp_path, "testby-byraadet-referat-2025-03-13.txt", _minutes(
        "Ved en fejl stod der i den udsendte version af referatet, at indstillingen blev vedtaget."))
    assert document.meeting_note == "Ved en fejl stod der i den udsendte version af referatet, at indstillingen blev vedtaget."
    assert _item(document, 1).sections_by_key()["beslutning"] == "Indstillingen blev forkastet."


def test_a_reminder_after_a_decision_stays_in_it_and_is_no_note(tmp_path):
    document = read_written(tmp_path, "testby-byraadet-referat-2025-03-13.txt", _minutes(
        "Bemærk: Husk at underskrive referatet efter mødet."))
    assert document.meeting_note is None
    assert "Husk at underskrive" in _item(document, 1).sections_by_key()["beslutning"]


def test_a_mistake_in_the_case_is_the_decisions_text_not_a_correction_of_the_minutes(tmp_path):
    document = read_written(tmp_path, "testby-byraadet-referat-2025-03-13.txt", _minutes(
        "Ved en fejl er der opkrævet for meget i forældrebetaling i 2024, og beløbet tilbagebetales."))
    assert document.meeting_note is None
    assert "opkrævet for meget" in _item(document, 1).sections_by_key()["beslutning"]


# --- 9a. «Med:» / «Ikke med:» say who came ------------------------------------------------------


def test_a_youth_councils_med_and_ikke_med_are_its_attendance():
    document = read(SOLBJERG)
    assert document.present == ("Freja", "Mathias", "Noor", "Oliver", "Ida", "William")
    assert document.absent == ("Emil",)
    assert document.staff == ("Sofie",)  # «Sofie fra kommunen tog referat»: the minute-taker, no member


def test_til_stede_and_afbud_are_read_in_informal_minutes_as_in_formal_ones(tmp_path):
    text = ("Referat fra Ungdomsrådet i Solbjerg Kommune\nTorsdag d. 20/2-2025 kl. 16-18\n\n"
            "Til stede: Freja, Mathias, Noor\nAfbud: Emil\n\n1) Velkommen\nVi godkendte referatet fra januar.\n")
    document = read_written(tmp_path, "solbjerg-ungdomsraadet-referat-2025-02-20.txt", text)
    assert (document.present, document.absent) == (("Freja", "Mathias", "Noor"), ("Emil",))


def test_med_is_attendance_only_as_a_labelled_list_of_names():
    assert meeting_people(head_fields(["Med: Freja, Mathias og Noor", "Ikke med: Emil (syg)"]))[:2] == (
        ("Freja", "Mathias", "Noor"), ("Emil",))
    for line in ("Med: 7 stemmer for og 2 imod", "Med venlig hilsen", "Med: henblik på en ny skatepark",
                 "Ikke med: alle var der"):
        assert head_fields([line]) == {}, line


# --- 9b. «Vi blev enige om …» in minutes without decision labels ---------------------------------


def test_what_a_youth_council_agreed_is_its_items_decision():
    document = read(SOLBJERG)
    decided = {p.item_number: p.sections_by_key().get("beslutning") for p in document.passages if p.has_decision}
    assert decided == {
        1: "Vi godkendte referatet fra januar uden ændringer.",
        2: "Vi blev enige om at skrive et brev til Teknik- og Miljøudvalget og bede dem om at sætte penge af til en "
           "ny skatepark. Freja og Mathias skriver brevet.",
        3: "Vi blev enige om at sende et høringssvar hvor vi siger nej til at skære i linje 12. Ida skriver det.",
    }
    # what they talked about stays the item's text, after the decision
    assert _item(document, 2).sections_by_key()["tekst"].startswith("Vi snakkede om at skateparken")
    assert _item(document, 1).outcome == "Godkendt"


def test_nothing_decided_yet_is_no_decision():
    document = read(SOLBJERG)
    assert not _item(document, 4).has_decision  # «Vi besluttede ikke noget endnu, vi tager det op igen …»
    assert not _item(document, 5).has_decision


def _youth_minutes(kind: str, paragraph: str) -> str:
    return (f"{kind} fra Ungdomsrådet i Solbjerg Kommune\nTorsdag d. 20/2-2025 kl. 16-18\n\n"
            f"1) Skatepark ved stationen\nSkateparken er i dårlig stand.\n\n{paragraph}\n\n"
            "2) Evt.\nIda spurgte om nye sofaer.\n")


@pytest.mark.parametrize("sentence", [
    "Rådet besluttede at skrive til Teknik- og Miljøudvalget.", "Det blev besluttet, at Freja skriver et brev.",
    "Vi besluttede ikke at søge puljen i år.", "Vi er blevet enige om at holde et valgmøde i april."])
def test_the_council_deciding_or_it_being_decided_is_a_decision_too(tmp_path, sentence):
    document = read_written(tmp_path, "solbjerg-ungdomsraadet-referat-2025-02-20.txt", _youth_minutes("Referat", sentence))
    assert _item(document, 1).sections_by_key().get("beslutning") == sentence


def test_an_agreement_above_the_items_last_paragraph_is_its_decision(tmp_path):
    document = read_written(tmp_path, "solbjerg-ungdomsraadet-referat-2025-02-20.txt", _youth_minutes(
        "Referat", "Vi blev enige om at skrive et brev til udvalget.\n\nMathias har taget billeder af rampen."))
    sections = _item(document, 1).sections_by_key()
    assert sections["beslutning"] == "Vi blev enige om at skrive et brev til udvalget."
    assert sections["tekst"] == "Skateparken er i dårlig stand.\n\nMathias har taget billeder af rampen."


@pytest.mark.parametrize("agreement", [
    "Vi blev enige om at skrive et brev til udvalget.",
    # the bodies an item's prose outcome names as its subject (`cv.OWN_DECIDING_SUBJECT`) agree here too, the
    # meeting itself and the document's own council by name
    "Mødet besluttede at skrive et brev til udvalget.", "Ungdomsrådet besluttede at skrive et brev til udvalget."])
def test_an_agreement_above_the_items_last_paragraph_is_its_decision_whoever_agreed(tmp_path, agreement):
    document = read_written(tmp_path, "solbjerg-ungdomsraadet-referat-2025-02-20.txt", _youth_minutes(
        "Referat", f"{agreement}\n\nMathias har taget billeder af rampen."))
    assert _item(document, 1).sections_by_key()["beslutning"] == agreement


@pytest.mark.parametrize("agreement", ["Generalforsamlingen vedtog de nye vedtægter.",
                                       "Repræsentantskabet godkendte regnskabet."])
def test_another_named_body_agreeing_in_a_youth_councils_minutes_is_no_decision_of_it(tmp_path, agreement):
    # a body the youth council reports on (code review 32): its decision is the item's account
    document = read_written(tmp_path, "solbjerg-ungdomsraadet-referat-2025-02-20.txt", _youth_minutes(
        "Referat", f"{agreement}\n\nMathias har taget billeder af rampen."))
    assert not _item(document, 1).has_decision
    assert agreement in _item(document, 1).sections_by_key()["tekst"]


def test_a_general_assemblys_own_minutes_record_its_decisions_by_its_name(tmp_path):
    document = read_written(tmp_path, "egebaek-borgerforening-referat-2025-03-10.txt", (
        "Referat af ordinær generalforsamling i Egebæk Borgerforening\nDato: 10. marts 2025\n\n"
        "1) Vedtægter\nGeneralforsamlingen vedtog de nye vedtægter.\n\nKassereren sender dem til kommunen.\n\n"
        "2) Evt.\nIda spurgte om nye borde.\n"))
    assert _item(document, 1).sections_by_key()["beslutning"] == "Generalforsamlingen vedtog de nye vedtægter."


def test_an_earlier_decision_told_in_the_account_is_none(tmp_path):
    document = read_written(tmp_path, "solbjerg-ungdomsraadet-referat-2025-02-20.txt", _youth_minutes(
        "Referat", "Vi besluttede sidste gang at skrive til udvalget, men der er ikke sket noget."))
    assert not _item(document, 1).has_decision


def test_an_agenda_proposing_or_telling_of_an_agreement_decides_nothing(tmp_path):
    for sentence in ("Vi foreslår at skrive et brev til Teknik- og Miljøudvalget.",
                     "Vi blev enige om at skrive et brev til Teknik- og Miljøudvalget."):
        document = read_written(tmp_path, "solbjerg-ungdomsraadet-dagsorden-2025-02-20.txt",
                                _youth_minutes("Dagsorden", sentence))
        assert document.doc_type == "dagsorden"
        assert not any(p.has_decision for p in document.passages), sentence


def test_minutes_with_decision_labels_keep_an_agreement_in_the_case_text(tmp_path):
    text = ("Solbjerg Kommune\nUngdomsrådet\nReferat af møde 20. februar 2025\n\n1. Skatepark ved stationen\n\n"
            "Sagsfremstilling\nPå sidste møde: Vi blev enige om at skrive et brev til udvalget.\n\n"
            "Vi blev enige om at bede forvaltningen om et overslag.\n\n"
            "Beslutning\nRådet tog orienteringen til efterretning.\n")
    document = read_written(tmp_path, "solbjerg-ungdomsraadet-referat-2025-02-20.txt", text)
    sections = _item(document, 1).sections_by_key()
    assert sections["beslutning"] == "Rådet tog orienteringen til efterretning."
    assert "bede forvaltningen om et overslag" in sections["sagsfremstilling"]


def test_minutes_printing_beslutning_anywhere_read_no_agreement_as_a_decision(tmp_path):
    text = _youth_minutes("Referat", "Vi blev enige om at skrive et brev til udvalget.").replace(
        "2) Evt.\nIda spurgte om nye sofaer.", "2) Evt.\nIda spurgte om nye sofaer.\nBeslutning: Sofie undersøger det.")
    document = read_written(tmp_path, "solbjerg-ungdomsraadet-referat-2025-02-20.txt", text)
    assert "Vi blev enige om" not in (_item(document, 1).sections_by_key().get("beslutning") or "")
