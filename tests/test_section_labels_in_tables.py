"""A section label printed as a table's column header is no section (a PDF review: i_hoering.pdf).

A PDF's text gives a table's cells one paragraph each, so the header row «Afsender | Høringssvar |
Forvaltningens bemærkning» of a consultation table came out as three short lines, and «Høringssvar»
alone on its line was read as a section: the rest of the item's text, the table and all, landed in a
bogus «Høringssvar» section. A label is a heading where it stands alone, with text under it; between
two header cells, text above the row and the table's rows below, it is a column's name.

Short lines under a sentence that ends in a colon are that sentence's list, though («Følgende foreninger
har søgt om tilskud:» / «Ballerup Boldklub» / «Skovlunde Idrætsforening» / «Høringssvar»): the label after
the list heads a section (a code review), unless a table's rows under the row show it a header row.

`fixtures/section_labels_in_tables/` holds minutes written as such a PDF reads (each cell a paragraph):
tables whose header rows name «Høringssvar», «Beslutning» and «Økonomi», genuine sections right after a
table, genuine «Høringssvar» sections, and genuine sections right after a list of names.
"""

from __future__ import annotations

import re
from functools import partial

import pytest
from conftest import FIXTURES, read_fixture

FOLDER = FIXTURES / "section_labels_in_tables"
read = partial(read_fixture, FOLDER)
TABLES = "hoeringstabel-plan-og-miljoeudvalget-referat-2025-09-02.txt"
SECTIONS = "hoeringssvar-afsnit-plan-og-miljoeudvalget-referat-2025-09-02.txt"
LISTS = "ballerup-kultur-og-fritidsudvalget-referat-2025-03-04.txt"  # the code review's minutes
LISTS_AND_TABLES = "lister-og-tabeller-vestrup-plan-og-miljoeudvalget-referat-2025-10-07.txt"


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


def test_a_label_after_a_list_of_applicants_under_a_colon_heads_its_section():
    """«Følgende foreninger har søgt om tilskud:» / «Ballerup Boldklub» / «Skovlunde Idrætsforening» /
    «Høringssvar» / «Folkeoplysningsudvalget» / «Udvalget anbefaler, at …»: the names are the sentence's list,
    and the consultation answer under «Høringssvar» is its section, not the rest of a table."""
    item = read(LISTS).passages[0]
    assert section(item, "tekst") == (
        "Følgende foreninger har søgt om tilskud:\n\nBallerup Boldklub\n\nSkovlunde Idrætsforening")
    assert item.sections_by_key()["høringssvar"] == (
        "Folkeoplysningsudvalget\n\nUdvalget anbefaler, at alle ansøgninger imødekommes, og at puljen fordeles ligeligt.")
    assert item.decision == "Godkendt"


def test_oekonomi_after_a_list_of_works_under_a_colon_heads_its_section():
    """«Projektet omfatter:» / «Nyt tag» / «Ny ventilation» / «Økonomi» / «Udgiften afholdes af anlægspuljen»."""
    item = read(LISTS).passages[1]
    assert section(item, "tekst") == "Projektet omfatter:\n\nNyt tag\n\nNy ventilation"
    assert item.sections_by_key()["økonomi"] == (
        "Udgiften afholdes af anlægspuljen\n\n"
        "Der er afsat 4,2 mio. kr. i budget 2025 til projektet, og rådgiverudgifter er indeholdt.")
    assert item.decision == "Godkendt. Valg af revisor udsættes til næste møde."


def test_a_section_of_several_paragraphs_after_a_list_under_a_colon_is_no_table():
    """Four paragraphs under «Økonomi» after a list of two works: one row of the list's width, not the
    table's rows a header row of four cells would have."""
    item = read(LISTS_AND_TABLES).passages[2]
    assert section(item, "tekst") == "Projektet omfatter:\n\nNyt tag\n\nNye vinduer"
    oekonomi = item.sections_by_key()["økonomi"]
    assert oekonomi.startswith("Udgiften afholdes af anlægspuljen\n\nDer er afsat 6,1 mio. kr.")
    assert oekonomi.endswith("Udbuddet forventes afsluttet i maj.")


def test_a_label_after_names_with_no_table_row_under_it_heads_its_section():
    """«Tilskuddet fordeles mellem to foreninger.» / two names / «Økonomi» / «Puljen til grønne initiativer» /
    one sentence: no colon above, but no table's row under the names either."""
    item = read(LISTS_AND_TABLES).passages[1]
    assert section(item, "tekst").endswith("Danmarks Naturfredningsforening\n\nFriluftsrådet")
    assert item.sections_by_key()["økonomi"] == (
        "Puljen til grønne initiativer\n\nDer er afsat 200.000 kr. i budget 2025.")


def test_a_hearing_table_introduced_by_a_colon_stays_a_table():
    """«Der er indkommet følgende høringssvar:» / «Afsender» / «Høringssvar» / «Forvaltningens bemærkning» and
    two rows of three cells under it: a header row, though a colon introduces it."""
    item = read(LISTS_AND_TABLES).passages[0]
    assert labels(item) == ["Beslutning", ""]
    text = section(item, "tekst")
    assert "følgende høringssvar:\n\nAfsender\n\nHøringssvar\n\nForvaltningens bemærkning\n\nVejdirektoratet" in text
    assert text.endswith("Imødekommes.")
    assert item.decision == "Godkendt"


_HEADING = re.compile(r"^\d+\. \S")  # «1. Tilskud til foreningslivet 2025»
_FIELD = re.compile(r"^(Sagsnr|Sagsbehandler)\.?:")  # the item's fields, not its text


def _item_bodies(name: str) -> list[list[str]]:
    """The non-blank lines under each item's heading in fixture `name`, its field lines left out."""
    bodies: list[list[str]] = []
    for line in (FOLDER / name).read_text(encoding="utf-8").splitlines():
        if _HEADING.match(line):
            bodies.append([])
        elif bodies and line.strip() and not _FIELD.match(line):
            bodies[-1].append(line.strip())
    return bodies


@pytest.mark.parametrize("name", [LISTS, LISTS_AND_TABLES, TABLES, SECTIONS])
def test_no_line_of_an_items_text_is_lost_between_its_sections(name):
    """Whichever line heads a section and whichever stays a table's cell, every line of an item is in the
    passage: a section label as a section's label, everything else in a section's text (or its note)."""
    passages = read(name).passages
    bodies = _item_bodies(name)
    assert len(passages) == len(bodies)
    for passage, body in zip(passages, bodies):
        kept = " ".join(" ".join(part.split()) for s in passage.sections for part in (s.label, s.text, s.note))
        lost = [line for line in body if " ".join(line.split()) not in kept]
        assert lost == [], passage.title
