"""Layouts review 15: an agenda quoting «Tidligere beslutninger», «Ansvarlig» beside «Sagsbehandler»,
«Forvaltningens vurdering» and an unfilled decision form (files in tests/fixtures/layouts15/, copied from
the review; the review's short variants written here).

The findings read here: Hjørring's agenda quotes an earlier meeting's decision under «Tidligere beslutninger»
(«Teknik- og Miljøudvalget den 4. september 2019, pkt. 87:»): it was taken for this meeting's decision and
made the agenda minutes; «Ansvarlig: Vej og Park» above «Sagsbehandler: Henrik Mølgaard» made the unit the
case handler; Hillerød's «Forvaltningens vurdering» was no label, its text merged into the resumé; and
Roskilde's item 14 printed, under a second «Beslutning», the form «Integrationsrådet udpeger følgende som
tilforordnet i Folkeoplysningsudvalget:» left unfilled, which was read as part of the decision.
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture, read_written

LAYOUTS15 = FIXTURES / "layouts15"
read = partial(read_fixture, LAYOUTS15)

HJOERRING = "hjoerring-teknik-og-miljoeudvalget-dagsorden-2026-05-06.txt"
HILLEROED = "hilleroed-folkeoplysningsudvalget-referat-2026-01-27.txt"

AGENDA_HEAD = """Hjørring Kommune
DAGSORDEN
Teknik- og Miljøudvalget
Mødedato: Onsdag den 6. maj 2026

2. Vintertjeneste - serviceniveau 2026/27
Sagsid.: 25/21345
"""
AGENDA_BODY = """
Sagsfremstilling
Der foreslås et nyt serviceniveau.

Tidligere beslutninger
Teknik- og Miljøudvalget den 4. september 2019, pkt. 87:
Serviceniveauet blev godkendt.

Indstilling
Direktøren indstiller, at serviceniveauet godkendes.
"""


def _keys(passage) -> list[str]:
    return [s.key for s in passage.sections]


# --- 1. «Tidligere beslutninger»: the quoted headers are no decision of this meeting ------------------------


def test_an_agenda_quoting_an_earlier_decision_stays_an_agenda():
    document = read(HJOERRING)
    vinter, trafik = document.passages[1], document.passages[2]
    assert [p.doc_type for p in document.passages] == ["dagsorden"] * 4
    assert not vinter.has_decision and vinter.decision == "" and vinter.decision_date is None
    assert [(s.label, s.date, s.text) for s in vinter.sections if s.key == "tidligere_beslutning"] == [
        ("Teknik- og Miljøudvalget den 4. september 2019, pkt. 87:", "2019-09-04", "Serviceniveauet blev godkendt.")]
    # in its place, between the account and the economy, as printed
    assert _keys(vinter) == ["sagsfremstilling", "tidligere_beslutning", "økonomiske_konsekvenser", "indstilling", "bilag"]
    assert not trafik.has_decision
    assert "Udvalget godkendte, at planforslaget sendes i høring." in trafik.sections_by_key()["tidligere_beslutning"]


def test_the_reviewers_short_agenda_has_no_decision(tmp_path):
    (item,) = read_written(tmp_path, "agenda.txt", AGENDA_HEAD + "Sagsbehandler: Henrik Mølgaard\n" + AGENDA_BODY).passages
    assert item.doc_type == "dagsorden" and not item.has_decision and item.outcome is None
    assert item.sections_by_key()["tidligere_beslutning"] == "Serviceniveauet blev godkendt."


def test_two_quoted_meetings_under_one_label_are_both_earlier(tmp_path):
    body = AGENDA_BODY.replace("Serviceniveauet blev godkendt.\n", "Serviceniveauet blev godkendt.\n\n"
                               "Teknik- og Miljøudvalget den 2. marts 2022, pkt. 31:\nServiceniveauet blev fastholdt.\n")
    (item,) = read_written(tmp_path, "agenda.txt", AGENDA_HEAD + body).passages
    assert item.doc_type == "dagsorden" and not item.has_decision
    assert [s.label for s in item.sections if s.key == "tidligere_beslutning"] == [
        "Teknik- og Miljøudvalget den 4. september 2019, pkt. 87:", "Teknik- og Miljøudvalget den 2. marts 2022, pkt. 31:"]


def test_minutes_deciding_after_the_quoted_decision_keep_their_own(tmp_path):
    text = (AGENDA_HEAD.replace("DAGSORDEN", "REFERAT") + AGENDA_BODY
            + "\nBeslutning i Teknik- og Miljøudvalget den 6. maj 2026\nGodkendt.\n")
    (item,) = read_written(tmp_path, "referat.txt", text).passages
    assert item.doc_type == "referat" and item.decision == "Godkendt." and item.decision_date == "2026-05-06"
    assert item.sections_by_key()["tidligere_beslutning"] == "Serviceniveauet blev godkendt."


# --- 2. «Sagsbehandler» outranks «Ansvarlig» -------------------------------------------------------------------


def test_the_case_handler_is_the_person_under_sagsbehandler_not_the_unit_under_ansvarlig(tmp_path):
    first = read_written(tmp_path, "a.txt", AGENDA_HEAD + "Ansvarlig: Vej og Park\nSagsbehandler: Henrik Mølgaard\n"
                         + AGENDA_BODY).passages[0]
    second = read_written(tmp_path, "b.txt", AGENDA_HEAD + "Sagsbehandler: Henrik Mølgaard\nAnsvarlig: Vej og Park\n"
                          + AGENDA_BODY).passages[0]
    under = read_written(tmp_path, "c.txt", AGENDA_HEAD + "Ansvarlig: Vej og Park\nSagsbehandler:\nHenrik Mølgaard\n"
                         + AGENDA_BODY).passages[0]
    assert (first.case_handler, second.case_handler, under.case_handler) == ("Henrik Mølgaard",) * 3
    assert first.case_number == "25/21345"


def test_hjoerrings_items_name_their_case_handlers():
    assert [p.case_handler for p in read(HJOERRING).passages] == [
        "Pia Larsen", "Henrik Mølgaard", "Camilla Østergaard", "Jesper Kolind"]


def test_ansvarlig_alone_names_the_case_handler_as_before():
    # Hillerød prints «Ansvarlig:» only: a person (items 2, 3) or, for the chair's items, the unit
    assert [p.case_handler for p in read(HILLEROED).passages] == [
        "Kultur og Fritid", "Marianne Toft", "Marianne Toft", "Kultur og Fritid"]


# --- 3. «Forvaltningens vurdering» is a section --------------------------------------------------------------


def test_forvaltningens_vurdering_is_a_section_of_its_own():
    lokaletilskud = read(HILLEROED).passages[1]
    sections = lokaletilskud.sections_by_key()
    assert [s.label for s in lokaletilskud.sections if s.key == "vurdering"] == ["Forvaltningens vurdering"]
    assert sections["vurdering"].startswith("Forvaltningen vurderer, at alle ansøgninger opfylder betingelserne.")
    assert "vurdering" not in sections["resume"].casefold()
    assert sections["resume"].endswith("rammen er 3,9 mio. kr.")


def test_the_administrations_and_directors_assessments_are_sections(tmp_path):
    text = AGENDA_HEAD + AGENDA_BODY.replace(
        "Tidligere beslutninger", "ADMINISTRATIONENS VURDERING\nDet anbefales.\n\nDirektionens vurdering\nEnig.\n\n"
                                  "Tidligere beslutninger")
    (item,) = read_written(tmp_path, "agenda.txt", text).passages
    assert [(s.label, s.text) for s in item.sections if s.key == "vurdering"] == [
        ("ADMINISTRATIONENS VURDERING", "Det anbefales."), ("Direktionens vurdering", "Enig.")]
    assert item.sections_by_key()["sagsfremstilling"] == "Der foreslås et nyt serviceniveau."


# --- 4. An unfilled decision form is no decision -------------------------------------------------------------


def test_roskildes_unfilled_appointment_form_is_no_part_of_the_decision(seed_documents):
    document = seed_documents["roskilde-integrationsraadet-referat-2026-06-04.txt"]
    (item14,) = [p for p in document.passages if p.item_number == 14]
    assert item14.decision.startswith("Rådet kunne ikke udpege en repræsentant til Folkeoplysningsudvalget")
    assert "udpeger følgende" not in item14.decision
    (form,) = [s for s in item14.sections if s.label == "Beslutning" and not s.is_decision]
    assert form.text == "Integrationsrådet udpeger følgende som tilforordnet i Folkeoplysningsudvalget:"
    assert form.note == "Ikke udfyldt i referatet: skabelonens tekst, ingen beslutning."
    # kept where it was printed: after the recommendation, before «Beslutningskompetence»
    assert _keys(item14) == ["beslutning", "fremstilling", "indstilling", "uudfyldt_beslutning", "beslutningskompetence"]


MINUTES = """Fjordby Kommune
Referat
Integrationsrådet
Dato: 4. juni 2026

Punkt 1: Udpegning af repræsentant

Beslutning

{first}

Indstilling:

Der indstilles at rådet udpeger en repræsentant.

Beslutning

{second}
"""


def test_a_decision_with_its_list_after_the_colon_stays_a_decision(tmp_path):
    text = MINUTES.format(first="Udsat.", second="Integrationsrådet udpeger følgende:\nAmina Hassan")
    (item,) = read_written(tmp_path, "referat.txt", text).passages
    assert item.decision == "Udsat.\n\nIntegrationsrådet udpeger følgende:\nAmina Hassan"


def test_a_form_is_read_as_unfilled_only_beside_a_filled_decision(tmp_path):
    filled = read_written(tmp_path, "a.txt", MINUTES.format(first="Udsat.", second="Rådet udpeger følgende:")).passages[0]
    alone = read_written(tmp_path, "b.txt", MINUTES.format(first="-", second="Rådet udpeger følgende:")).passages[0]
    assert filled.decision == "Udsat." and filled.outcome == "Udsat"
    assert alone.decision == "Rådet udpeger følgende:"
