"""Minutes in layouts the segmenter was not written against (the layouts3 review): each file
against the reviewer's expected.json, and each convention it showed, in variants of them.

The conventions: items numbered «§ 3.», in roman numerals («II.», `item_label` "II") or after their
title («Godkendelse af dagsorden (1)»); group headers («Lukkede sager», «II. LUKKEDE PUNKTER») that
are no item's text; a member away from the item named after the decision on its line; a case
handler between two fields of one line; a report chapter opening with its first sub-chapter;
«Teknisk Udvalg» as a council; and a note where an item holds the start of another.

The HTML table file, the Markdown file and the two-column file's sections are read by
`indexer.clean`/`indexer.htmltext` (tests/test_tables_and_columns.py); of the two-column file
this file checks the council only.
"""

from __future__ import annotations

from functools import partial

import re

import pytest

from conftest import FIXTURES, assert_item_fields, load_expected, norm, read_fixture, read_rewritten
from indexer import conventions as cv
from indexer.citation import citation
from indexer.segment import NO_ITEM_HEADINGS

UNSEEN = FIXTURES / "unseen_layouts_3"
rewritten = partial(read_rewritten, UNSEEN)
EXPECTED = load_expected(UNSEEN)
# The files whose items this file checks (the others' layouts are read by indexer.clean/htmltext).
MINE = sorted(EXPECTED)  # every file, the table and two-column ones too (tests/test_tables_and_columns.py)
DOCUMENT_FIELDS = ("doc_type", "municipality", "council", "meeting_date", "year", "absent")
AASTED = "aasted_byraadet_2024-03-12.txt"
BIRKEDAL = "birkedal_kultur_og_fritidsudvalget_2024-03-12.txt"
EGEBJERG = "egebjerg_integrationsraadet_2024-04-16.txt"
FUGLSANG = "fuglsang_beskaeftigelsesudvalget_dagsorden_2024-05-06.txt"
GUDHJEM = "gudhjem_teknisk_udvalg_2024-06-03.txt"
HAVNOE = "havnoe_social_og_sundhedsudvalget_2024-03-12.txt"
JUELSMINDE = "juelsminde_integrationsraad_aarsberetning_2023.txt"
KIRKEBY = "kirkeby_aeldreraadet_2024-10-08.txt"
MERGED_NOTE = "et punkts tekst ser ud til at rumme starten på et andet punkt"


read = partial(read_fixture, UNSEEN)


def field(document, name):
    value = getattr(document, name, None)
    if value is None:  # the head's fields live on the passages
        value = getattr(document.passages[0], name)
    return list(value) if isinstance(value, tuple) else value


@pytest.mark.parametrize("name", MINE)
def test_each_unseen_layout_yields_the_expected_items(name):
    spec = EXPECTED[name]
    document = read(name)
    for key in DOCUMENT_FIELDS:
        if key in spec:
            assert field(document, key) == spec[key], (name, key)
    got = [(p.item_number, p.item_label, norm(p.title)) for p in document.passages]
    assert got == [(item.get("number"), item.get("item_label"), norm(item["title"])) for item in spec["items"]]
    assert_item_fields(document.passages, spec["items"])
    for passage, item in zip(document.passages, spec["items"]):
        # who was away from this item besides the meeting's absent members
        assert [n for n in passage.absent if n not in spec.get("absent", [])] == item.get("absent_at_item", [])
    assert not [n for n in document.notices if "ukendt format" in n or n == NO_ITEM_HEADINGS]


def test_a_committee_named_by_an_adjective_and_udvalg_is_the_council():
    assert field(read(GUDHJEM), "council") == EXPECTED[GUDHJEM]["council"] == "Teknisk Udvalg"


@pytest.mark.parametrize("name, council", [("Socialt Udvalg", "Socialt Udvalg"), ("Udvalg for Teknik", "Udvalg for Teknik"),
                                           ("TEKNISK UDVALG", "Teknisk Udvalg"), ("Dette Udvalg", None)])
def test_councils_named_in_two_words_on_a_line_of_their_own(tmp_path, name, council):
    document = rewritten(tmp_path, GUDHJEM, lambda text: text.replace(
        "Gudhjem Kommune                                        Teknisk Udvalg\n", f"Gudhjem Kommune\n{name}\n"))
    assert field(document, "council") == council


# --- «§ 3.», roman numerals, «Title (N)» ---------------------------------------------------------


def test_paragraph_sign_items_are_numbered_and_each_keeps_its_own_decision():
    document = read(EGEBJERG)
    assert [p.item_number for p in document.passages] == [1, 2, 3, 4, 5]
    assert not any("§" in p.title for p in document.passages)
    second, third = document.passages[1], document.passages[2]
    assert "Høring" not in second.text and "23/20110" not in second.text
    assert third.case_number == "23/20110" and "forældresamarbejde" in third.sections_by_key()["sagsfremstilling"]


def test_a_paragraph_reference_in_running_text_is_no_heading(tmp_path):
    document = rewritten(tmp_path, EGEBJERG, lambda text: text.replace(
        "Lena Petersen orienterede om", "§ 17. Kommunalbestyrelsen nedsætter rådet efter loven.\nLena Petersen orienterede om"))
    assert [p.item_number for p in document.passages] == [1, 2, 3, 4, 5]
    assert "§ 17. Kommunalbestyrelsen" in document.passages[3].sections_by_key()["sagsfremstilling"]


def test_roman_numerals_are_item_numbers_printed_as_numerals():
    document = read(KIRKEBY)
    assert [(p.item_number, p.item_label) for p in document.passages] == [(1, "I"), (2, "II"), (3, "III"), (4, "IV")]
    second = document.passages[1]
    assert second.case_number == "24/9930" and "Kvalitetsstandard" not in document.passages[0].text
    assert second.id[len(document.id) + 1:].startswith("ii-hoering-kvalitetsstandard-for-praktisk")
    assert citation(second).endswith(", punkt II: Høring: Kvalitetsstandard for praktisk hjælp 2025")
    assert len({p.id for p in document.passages}) == 4


def test_roman_and_arabic_numbers_give_the_same_items(tmp_path):
    values = {"I": 1, "II": 2, "III": 3, "IV": 4}
    arabic = rewritten(tmp_path, KIRKEBY, lambda text: re.sub(r"(?m)^(I|II|III|IV)\. ",
                                                             lambda m: f"{values[m.group(1)]}. ", text),
                       "kirkeby_arabic.txt")
    roman = read(KIRKEBY)
    assert [(p.item_number, p.title, p.decision, p.case_number) for p in arabic.passages] == [
        (p.item_number, p.title, p.decision, p.case_number) for p in roman.passages]
    assert all(p.item_label is None for p in arabic.passages)


def test_a_roman_numeral_line_without_its_anchor_stays_text(tmp_path):
    document = rewritten(tmp_path, KIRKEBY, lambda text: text.replace(
        "Rådet bemærkede,", "I. Rådet bemærkede følgende\nRådet bemærkede,"))
    assert [p.item_label for p in document.passages] == ["I", "II", "III", "IV"]
    assert "I. Rådet bemærkede følgende" in document.passages[1].sections_by_key()["sagsfremstilling"]


def test_the_number_after_the_title_numbers_the_item_and_leaves_the_title():
    document = read(BIRKEDAL)
    assert [(p.item_number, p.title) for p in document.passages] == [
        (1, "Godkendelse af dagsorden"), (2, "Tilskud til foreningers integrationsarbejde 2024"),
        (3, "Nyt kunstgræsanlæg ved Vestskolen"), (4, "Meddelelser")]
    assert "24/2780" not in document.passages[0].text


def test_a_number_after_the_title_that_does_not_continue_the_sequence_is_no_heading(tmp_path):
    # Item 3 printed «(9)» after item 2: not the next number, so no heading (nor is «Meddelelser (4)» after
    # it): its title and case number stay in item 2, where its restarted Sagsfremstilling starts an
    # untitled item, and the note tells.
    document = rewritten(tmp_path, BIRKEDAL, lambda text: text.replace("Vestskolen (3)", "Vestskolen (9)"))
    assert [p.item_number for p in document.passages] == [1, 2, None]
    assert "Nyt kunstgræsanlæg ved Vestskolen (9)\nSagsnr.: 23/14455" in document.passages[1].text
    assert any(n.startswith(MERGED_NOTE) and "linje 44" in n for n in document.notices)


def test_a_title_ending_in_a_number_in_brackets_without_a_sequence_keeps_it(tmp_path):
    document = rewritten(tmp_path, BIRKEDAL, lambda text: re.sub(r" \([1-4]\)\n", "\n", text).replace(
        "Godkendelse af dagsorden\n", "1. Godkendelse af dagsorden\n").replace(
        "Tilskud til foreningers integrationsarbejde 2024\n", "2. Tilskud til foreningers integrationsarbejde (2024)\n"))
    assert document.passages[1].title == "Tilskud til foreningers integrationsarbejde (2024)"


# --- Group headers -------------------------------------------------------------------------------


def test_group_headers_are_neither_items_nor_text_of_the_item_before():
    aasted = read(AASTED)
    assert "Lukkede sager" not in aasted.passages[2].text
    assert aasted.passages[2].sections_by_key()["bilag"] == "1. Landstal 2024 fra Udlændingestyrelsen"
    fuglsang = read(FUGLSANG)
    assert [p.item_number for p in fuglsang.passages] == [12, 13, 14, 15]
    assert not any("PUNKTER" in p.text for p in fuglsang.passages)
    assert fuglsang.passages[2].text.endswith("budgetseminaret.")


@pytest.mark.parametrize("header", ["Lukkede punkter", "LUKKEDE SAGER", "B. Lukkede sager", "III. Lukkede dagsordenspunkter"])
def test_group_headers_in_any_case_and_numbering(tmp_path, header):
    document = rewritten(tmp_path, AASTED, lambda text: text.replace("\nLukkede sager\n", f"\n{header}\n"))
    assert [p.item_number for p in document.passages] == [1, 2, 3, 4, 5]
    assert header not in document.passages[2].text


# --- Attendance on the decision's line, the handler between fields -------------------------------


def test_a_member_away_from_the_item_after_the_decision_on_its_line(tmp_path):
    document = read(HAVNOE)
    second = document.passages[1]
    assert second.decision == "Godkendt."
    assert "Ahmed Ali" in second.absent and "Ahmed Ali" not in second.present
    assert all("Ahmed Ali" in p.present for p in (document.passages[0], document.passages[2]))
    own_line = rewritten(tmp_path, HAVNOE, lambda text: text.replace(
        "Godkendt. Ahmed Ali deltog", "Godkendt.\r\nAhmed Ali deltog"))
    assert [(p.absent, p.present, p.decision) for p in own_line.passages] == [
        (p.absent, p.present, p.decision) for p in document.passages]


def test_a_decision_that_only_mentions_a_member_keeps_its_text(tmp_path):
    document = rewritten(tmp_path, HAVNOE, lambda text: text.replace(
        "Godkendt. Ahmed Ali deltog ikke i behandlingen af punktet.", "Godkendt. Ahmed Ali stemte imod."))
    assert document.passages[1].decision == "Godkendt. Ahmed Ali stemte imod."
    assert "Ahmed Ali" in document.passages[1].present


@pytest.mark.parametrize("line", [
    "Sagsnr.: 24/2201 • Sagsbehandler: Pia Nørgaard • Dokumentnr.: 24/2201-3",
    "Sagsnr.: 24/2201  Sagsbehandler: Pia Nørgaard  Dokumentnr.: 24/2201-3",
    "Sagsnr.: 24/2201 Sagsbehandler: Pia Nørgaard Dokumentnr.: 24/2201-3",
    "Sagsnr.: 24/2201 | Sagsbehandler: Pia Nørgaard | Dokumentnr.: 24/2201-3",
])
def test_the_case_handler_between_two_fields_of_one_line(line):
    assert cv.field_line(line).fields == {"case_number": "24/2201", "case_handler": "Pia Nørgaard",
                                          "document_number": "24/2201-3"}


def test_firstagenda_items_name_their_handlers():
    assert [p.case_handler for p in read(AASTED).passages] == [
        "Pia Nørgaard", "Kasper Lund", "Amira Saleh", "Jonas Holt", "Pia Nørgaard"]


# --- Report chapters ---------------------------------------------------------------------------------


def test_a_chapter_opening_with_its_first_sub_chapter_is_a_chapter():
    document = read(JUELSMINDE)
    chapters = {p.item_number: p for p in document.passages}
    assert "Rådets arbejde" not in chapters[2].text and "Høringssvar" not in chapters[2].text
    assert chapters[3].title == "Rådets arbejde i 2023"
    assert "3.1 Høringssvar" in chapters[3].text and "3.2 Temamøde om beskæftigelse" in chapters[3].text


def test_a_chapter_followed_by_another_chapters_sub_number_is_no_heading(tmp_path):
    document = rewritten(tmp_path, JUELSMINDE, lambda text: text.replace("3.1 Høringssvar", "4.1 Høringssvar"))
    assert 3 not in [p.item_number for p in document.passages]


# --- A heading missed is told ---------------------------------------------------------------------


def test_an_item_holding_another_items_heading_and_case_number_is_told(tmp_path):
    # («Tema 3 Høring»: no heading form; «Sag 3 - Høring» is one, tests/test_layouts11.py, and «Sag 3 Høring»
    # above its «Sagsnr.» too, tests/test_layouts18_labels.py)
    document = rewritten(tmp_path, EGEBJERG, lambda text: text.replace("§ 3. Høring", "Tema 3 Høring"))
    assert [p.item_number for p in document.passages] == [1, 2, 4, 5]
    notes = [n for n in document.notices if n.startswith(MERGED_NOTE)]
    assert len(notes) == 1 and "(en overskrift med sagsnummer eller et andet sagsnummer, linje 24)" in notes[0]


def test_an_item_holding_another_case_number_is_told(tmp_path):
    # No title line above it: the other case number alone shows the item missed.
    document = rewritten(tmp_path, KIRKEBY, lambda text: text.replace(
        "III. Orientering fra formanden\n", "Orienteringen fra formanden fulgte.\nSagsnr.: 24/9931\n"))
    assert [p.item_label for p in document.passages] == ["I", "II", "IV"]
    assert any(n.startswith(MERGED_NOTE) and "linje 20" in n for n in document.notices)


def test_the_same_case_number_again_in_an_item_is_not_told(tmp_path):
    document = rewritten(tmp_path, EGEBJERG, lambda text: text.replace(
        "Rådet afgiver høringssvar som drøftet.", "Rådet afgiver høringssvar som drøftet.\nSagsnr.: 23/20110"))
    assert not [n for n in document.notices if n.startswith(MERGED_NOTE)]


def test_a_numbered_report_section_is_cited_as_a_section_not_an_item():
    """Juelsminde's annual report numbers its chapters; the citation said «punkt 4» of a report
    whose pages call them «afsnit»."""
    document = read(JUELSMINDE)
    numbered = [p for p in document.passages if p.item_number is not None]
    assert numbered and all(p.doc_type == "årsberetning" for p in numbered)
    for p in numbered:
        assert p.item_reference == f"afsnit {p.printed_number}"
        assert f", afsnit {p.printed_number}: " in citation(p) and ", punkt " not in citation(p)
