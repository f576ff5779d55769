"""A section label printed as a table's column header is no section (a PDF review: i_hoering.pdf).

A PDF's text gives a table's cells one paragraph each, so the header row «Afsender | Høringssvar |
Forvaltningens bemærkning» of a consultation table came out as three short lines, and «Høringssvar»
alone on its line was read as a section: the rest of the item's text, the table and all, landed in a
bogus «Høringssvar» section. A label is a heading where it stands alone, with text under it; between
two header cells, text above the row and the table's rows below, it is a column's name.

`fixtures/section_labels_in_tables/` holds minutes written as such a PDF reads (each cell a paragraph):
tables whose header rows name «Høringssvar», «Beslutning» and «Økonomi», genuine sections right after a
table, and genuine «Høringssvar» sections.
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture

FOLDER = FIXTURES / "section_labels_in_tables"
read = partial(read_fixture, FOLDER)
TABLES = "hoeringstabel-plan-og-miljoeudvalget-referat-2025-09-02.txt"
SECTIONS = "hoeringssvar-afsnit-plan-og-miljoeudvalget-referat-2025-09-02.txt"


def labels(passage) -> list[str]:
    return [s.label for s in passage.sections]


def section(passage, key: str) -> str:
    return next(s.text for s in passage.sections if s.key == key)


def test_a_consultation_tables_header_cell_is_no_section_in_the_printed_pdf():
    [item] = read_fixture(FIXTURES / "pdf_printed", "i_hoering.pdf").passages
    assert "høringssvar" not in item.sections_by_key()
    text = section(item, "tekst")
    # the table stays the item's text, under its header row, each sender beside the answer
    assert text.startswith("Der er indkommet tre høringssvar.")
    assert text.index("Afsender") < text.index("Høringssvar") < text.index("Forvaltningens bemærkning")
    assert text.index("Vejdirektoratet") < text.index("Ingen bemærkninger til adgangsforholdene") < text.index(
        "Tages til efterretning.")
    # «Beslutning» right after the table is still the decision
    assert item.decision == "Lokalplanen vedtages endeligt med de foreslåede ændringer."
    assert item.outcome == "Godkendt"


def test_a_hearing_table_stays_the_items_text_and_its_decision_follows():
    item = read(TABLES).passages[0]
    assert labels(item) == ["Beslutning", ""]
    text = section(item, "tekst")
    assert "Høringspart\n\nHøringssvar\n\nForvaltningens bemærkning" in text
    assert text.endswith("Imødekommes ikke")
    # the table's last cell and the decision's first line are short as header cells, and text follows: a
    # decision's wording («Godkendt») is no column's name
    assert item.decision == "Godkendt\n\nUdvalget ønsker at se vejprojektet inden sommerferien."


def test_beslutning_and_oekonomi_as_column_headers_are_no_sections():
    item = read(TABLES).passages[1]
    assert [s.key for s in item.sections] == ["beslutning", "tekst"]
    text = section(item, "tekst")
    assert "Projekt\n\nBeslutning\n\nAnsvarlig" in text and "Projekt\n\nØkonomi\n\nAnsvarlig" in text
    assert text.endswith("Vej og Park")
    # the decision is the one under the genuine «Beslutning», not a table's column
    assert item.decision == "Udvalget tog status til efterretning."
    assert item.outcome == "Taget til efterretning"


def test_a_section_with_a_short_text_right_after_a_list_of_names_stays_a_section():
    """«Skolestien» / «Økonomi» / «Ingen» / «Beslutning»: short lines around a label, but a label under it,
    no table's rows: «Økonomi» heads its section."""
    item = read(TABLES).passages[2]
    assert item.sections_by_key()["økonomi"] == "Ingen"
    assert section(item, "tekst").endswith("Engen\n\nSkolestien")
    assert item.decision == "Godkendt"


def test_a_genuine_hoeringssvar_section_is_still_a_section():
    first, second, _ = read(SECTIONS).passages
    assert first.sections_by_key()["høringssvar"].startswith("Der er indkommet to høringssvar.")
    # the answers listed under the label, one sender a line: the label has text above it, no header row
    assert second.sections_by_key()["høringssvar"] == "Vejdirektoratet\n\nIngen bemærkninger."
    assert [p.decision for p in (first, second)] == ["Godkendt", "Godkendt"]


def test_a_label_after_a_sections_short_lines_is_no_column_header():
    """«Sagsgang og sagstype» / «Plan- og Miljøudvalget» / «Beslutningssag» / «Høringssvar» / «Miljøstyrelsen»
    (an eDoc template as its PDF reads): short lines on both sides of the label, but those above it are the
    text of the label above them, no table's header row."""
    item = read(SECTIONS).passages[2]
    assert item.sections_by_key()["sagsgang_og_sagstype"] == "Plan- og Miljøudvalget\n\nBeslutningssag"
    assert item.sections_by_key()["høringssvar"] == (
        "Miljøstyrelsen\n\nUdvalget bakker op om planens mål for genanvendelse.")
    assert item.decision == "Godkendt"
