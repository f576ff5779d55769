"""Layouts review 8 (2026-12-05): each finding in the file that showed it (tests/fixtures/layouts8/,
copied from the review) and in small texts written here.

The findings: purpose group headers («Til drøftelse», «3. Til orientering») were text of the decision
before them; a joint meeting's decision header («Beslutning i Børneudvalget og Skoleudvalget den …:») was
no decision, and of two committees' headers of the meeting's date one became an earlier decision; a label's
qualifier («Sagsbehandler på alle punkter:», «Sagsbehandler / Case officer:») was read into the case
handler; a joint meeting's two lists of members («Medlemmer af Børneudvalget: …») lost all but one name;
«Journal nr.:» gave no case number, Greenland's municipalities («Kommune Kujalleq», «Qeqqata Kommunia»)
none, and a minute-taker's unit («Referent: Lone Dalsgaard, Sundhed og Omsorg») was read as names.
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture, read_written
from indexer import conventions as cv
from indexer.councils import municipality_of
from indexer.meeting import head_fields, meeting_people

LAYOUTS8 = FIXTURES / "layouts8"
read = partial(read_fixture, LAYOUTS8)

_HEAD = "Ravnby Kommune\nØkonomiudvalget\nReferat\nMødedato: 11.02.2025\n\n"


def _decisions(document) -> list[str | None]:
    return [p.decision for p in document.passages]


# --- P1. purpose group headers group the items after them ------------------------------------------


def test_numbered_purpose_groups_are_no_part_of_the_decision_before_them():
    document = read("f_folkeoplysning_themed_1_1_vesterlund_2025-01-29.txt")
    assert [p.item_label for p in document.passages] == ["1.1", "1.2", "2.1", "3.1", "3.2"]
    assert document.passages[2].decision == ("Udvalget drøftede processen og ønsker et dialogmøde med "
                                             "foreningerne i marts.")
    assert not any("Til drøftelse" in p.text or "Til orientering" in p.text for p in document.passages)


def test_bare_purpose_groups_between_items():
    document = read("purpose_groups_vesterlund_2025-01-29.txt")
    assert _decisions(document) == ["Godkendt.", "Drøftet.", "Taget til efterretning."]


def test_a_purpose_under_the_title_stays_the_items_anchor(tmp_path):
    text = (_HEAD + "1. Budgetopfølgning\nTil orientering\n\nSagsfremstilling:\nRegnskabet viser et overskud.\n\n"
            "Beslutning:\nTaget til efterretning.\n\n"
            "2. Salg af grund\nTil beslutning\n\nBeslutning:\nGodkendt.\n")
    document = read_written(tmp_path, "ravnby_2025-02-11.txt", text)
    assert [(p.item_number, p.title) for p in document.passages] == [(1, "Budgetopfølgning"), (2, "Salg af grund")]
    assert _decisions(document) == ["Taget til efterretning.", "Godkendt."]


# --- P2. a joint meeting's decisions ------------------------------------------------------------------


def test_a_decision_header_naming_two_committees():
    header = cv.decision_header("Beslutning i Børneudvalget og Skoleudvalget den 24. februar 2025:")
    assert header is not None and header.date == "2025-02-24"
    assert cv.decision_header("Beslutning i Børneudvalget, Skoleudvalget og Kulturudvalget den 24-02-2025") is not None
    document = read("f_faellesmoede_boerne_skole_strandby_2025-02-24.txt")
    assert [p.has_decision for p in document.passages] == [True, True, True]
    assert document.passages[0].decision == "Godkendt."
    assert document.passages[2].decision.startswith("Taget til efterretning.")


def test_two_committees_deciding_at_one_meeting_are_both_the_decision():
    passage = read("f_faellesmoede_boerne_skole_strandby_2025-02-24.txt").passages[1]
    assert [s.key for s in passage.sections].count("tidligere_beslutning") == 0
    assert passage.decision.startswith("Anbefales.\n\nBeslutning i Skoleudvalget den 24. februar 2025:\nAnbefales.")


def test_an_earlier_committees_decision_of_another_date_stays_earlier(tmp_path):
    text = (_HEAD + "1. Lokalplan 12\nSagsnr.: 25/1\n\nBeslutning i Teknikudvalget den 3. februar 2025:\nAnbefales.\n\n"
            "Beslutning i Økonomiudvalget den 11. februar 2025:\nGodkendt.\n")
    passage = read_written(tmp_path, "ravnby_2025-02-11.txt", text).passages[0]
    assert passage.decision == "Godkendt."
    assert [s.key for s in passage.sections].count("tidligere_beslutning") == 1


# --- P3. a qualifier of the case handler's label --------------------------------------------------


def test_case_handler_label_with_a_qualifier_or_translation():
    assert cv.field_line("Sagsbehandler på alle punkter: Kirsten Møller").fields == {"case_handler": "Kirsten Møller"}
    assert cv.field_line("Sagsbehandler / Case officer: Pipaluk Heilmann").fields == {"case_handler": "Pipaluk Heilmann"}
    assert cv.field_line("Sagsbehandler Rikke Lund").fields == {"case_handler": "Rikke Lund"}
    document = read("g2_plain_kujalleq_2025-04-10.txt")
    assert document.passages[0].case_handler == "Pipaluk Heilmann"


def test_a_case_handler_for_all_items_is_every_items_and_no_items_text():
    document = read("f_beslutningsprotokol_pdf_table_roennebaek_2025-02-11.txt")
    assert [p.case_handler for p in document.passages] == ["Kirsten Møller"] * 4
    assert document.passages[-1].decision == "Udsat til næste møde."
    assert not any("alle punkter" in p.text for p in document.passages)


def test_a_case_handler_for_all_items_in_the_head_leaves_an_items_own(tmp_path):
    text = (_HEAD + "Sagsbehandler for alle sager: Rikke Lund, Teknik og Miljø\n\n"
            "1. Budget\nSagsbehandler: Ib Holm\nBeslutning:\nGodkendt.\n\n2. Vejnavne\nBeslutning:\nGodkendt.\n")
    document = read_written(tmp_path, "ravnby.txt", text)
    assert [p.case_handler for p in document.passages] == ["Ib Holm", "Rikke Lund"]


# --- P4. a joint meeting's members ------------------------------------------------------------------


def test_each_committees_members_at_a_joint_meeting():
    document = read("f_faellesmoede_boerne_skole_strandby_2025-02-24.txt")
    assert document.passages[0].present == ("Karen Bisgaard", "Mads Ørum", "Peter Nygaard", "Hanne Vestergaard")
    assert document.passages[0].absent == ("Lise Thorsen", "Ali Yilmaz")
    fields = head_fields(["Medlemmer af Børneudvalget:", "Karen Bisgaard, Mads Ørum", "Medlemmer af Skoleudvalget:",
                          "Peter Nygaard"])
    assert fields == {"present": "Karen Bisgaard, Mads Ørum, Peter Nygaard"}


# --- P6. journal number, Greenland's municipalities, a minute-taker's unit -------------------------------


def test_journal_nr_in_two_words_is_the_case_number():
    document = read("g2_plain_kujalleq_2025-04-10.txt")
    assert document.passages[0].case_number == "2025-1123"


def test_greenland_municipalities():
    assert municipality_of(["Kommune Kujalleq", "Referat"], []) == "Kujalleq"
    assert municipality_of(["Qeqqata Kommunia"], []) == "Qeqqata"
    assert municipality_of(["Referat"], ["Kommune Kujalleq har"]) is None
    assert read("g2_plain_kujalleq_2025-04-10.txt").passages[0].municipality == "Kujalleq"


def test_a_minute_takers_unit_is_no_name():
    assert meeting_people({"staff": "Lone Dalsgaard, Sundhed og Omsorg"})[2] == ("Lone Dalsgaard",)
    assert meeting_people({"staff": "Rebecca Helqvist, Ib Holm"})[2] == ("Rebecca Helqvist", "Ib Holm")
    assert read("f_aeldreraad_word_bullets_egebjerg_2025-03-03.txt").passages[0].staff == ("Lone Dalsgaard",)


# --- P5. a decision record's table flattened to text ----------------------------------------------------


def test_an_item_table_flattened_to_text_gives_an_item_a_row():
    document = read("f_beslutningsprotokol_pdf_table_roennebaek_2025-02-11.txt")
    assert [(p.item_number, p.title, p.case_number) for p in document.passages] == [
        (1, "Godkendelse af dagsorden", "25/00211"),
        (2, "Vejnavn til nyt boligområde ved Kirkebakken", "24/08812"),
        (3, "Trafiksikkerhedsplan 2025-2028", "24/07710"),
        (4, "Ansøgning om tilskud til naturpleje, Rønnebæk Enge", "25/00519")]
    assert document.passages[0].decision == "Godkendt."
    assert document.passages[2].decision.startswith("Anbefales over for Økonomiudvalget")
    # the protocol remark is its own section beside the decision, not part of it (layouts10 review)
    assert "Protokoltilførsel" not in document.passages[2].decision
    assert document.passages[2].sections_by_key()["protokoltilfoersel"].startswith("V kan ikke støtte")
    assert document.passages[3].decision.startswith("Udsat til næste møde.")


def test_a_contents_table_flattened_to_text_stays_text(tmp_path):
    text = (_HEAD + "Pkt.   Emne                          Side\n\n1      Godkendelse af dagsorden      2\n\n"
            "1. Godkendelse af dagsorden\nSagsnr.: 25/1\n\nBeslutning:\nGodkendt.\n")
    document = read_written(tmp_path, "ravnby_2025-02-11.txt", text)
    assert [(p.item_number, p.title) for p in document.passages] == [(1, "Godkendelse af dagsorden")]
    assert document.passages[0].decision == "Godkendt."
