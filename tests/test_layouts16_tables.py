"""Layouts review 16: a decision printed as a table's row, and a web page's «Senest opdateret» under the last
item (files in tests/fixtures/layouts16_tables/, copied from the review; short variants written here).

Ikast-Brande's minutes print each item's case number, case handler and decision in grid tables («+-----+-----+»
borders, «| Beslutning | Godkendt. Rikke Vad (F) stemte imod. |»); Odder's Markdown minutes the same in pipe
tables under an empty header row («| | |» / «|---|---|» / «| Beslutning | Godkendt |»). The row read as one
line, «Beslutning Godkendt», no label: no item had a decision, and the grid borders stuck to the titles. Faxe's
Markdown export of a web page ends in «[Til toppen](#top)» and «Senest opdateret 5. februar 2025», which read
as the last item's decision.
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture, read_written

FOLDER = FIXTURES / "layouts16_tables"
read = partial(read_fixture, FOLDER)

IKAST = "ikast-brande-kultur-og-fritidsudvalget-referat-2025-04-08.txt"
ODDER = "odder-boerne-og-ungeudvalget-referat-2025-09-02.md"
FAXE = "faxe-aeldreraadet-referat-2025-02-03.md"

HEAD = """# Børne- og Ungeudvalget – Referat

Mødedato: 2. september 2025, kl. 15.00

## 1. Ny skolestruktur i Hou

### Sagsfremstilling

Elevtallet i Hou Skole er faldet.

"""


def test_a_decision_in_a_grid_tables_row_is_the_items_decision():
    items = read(IKAST).passages
    assert [p.title for p in items] == [
        "Godkendelse af dagsorden", "Tilskud til renovering af Brande Svømmehal", "Folkeoplysningspolitik 2025-2028",
        "Nedlæggelse af Bording Bibliotek", "Eventuelt"]
    assert [p.decision for p in items[:4]] == [
        "Godkendt", "Godkendt. Rikke Vad (F) stemte imod.", "Udsat til næste møde.",
        # a cell wrapped onto the grid's next row goes on in the decision
        "Afvist. Udvalget ønsker at bevare betjente åbningstider i Bording."]
    assert [p.outcome for p in items[:4]] == ["Godkendt", "Godkendt", "Udsat", "Afvist"]
    # the recommendation above the table ends with its own text, no table's row or border after it
    assert items[1].sections_by_key()["indstilling"] == "Administrationen indstiller, at der bevilges 1,2 mio. kr. fra puljen."
    # «Eventuelt»'s «Intet.» is its decision section, read as a plain «Beslutning» / «Intet.» is: nothing decided
    assert items[4].sections_by_key() == {"beslutning": "Intet."}
    # the rows naming fields still read as fields
    assert [(p.case_number, p.case_handler) for p in items[:2]] == [("25-002233", "Tove Kjær"), ("24-019981", "Peter Husted")]
    assert not any("+---" in p.text or "+---" in p.title for p in items)


def test_a_decision_in_a_markdown_tables_row_is_the_items_decision():
    first, second, last = read(ODDER).passages
    assert (first.decision, first.outcome) == ("Godkendt", "Godkendt")
    assert first.case_number == "25/4410"
    assert second.decision.startswith("Godkendt. Mia Krog (SF) stemte imod.")
    assert second.outcome == "Godkendt"
    # the record's row under the decision's («| Protokollat | … |») stays with the decision
    assert "SF ønsker ført til protokol" in second.decision
    assert second.sections_by_key()["indstilling"] == (
        "Forvaltningen indstiller, at forslaget sendes i høring i skolebestyrelserne.")
    assert last.sections_by_key() == {"beslutning": "Intet"}


def test_a_label_in_bold_in_a_tables_first_cell_and_a_grid_tables_header_row(tmp_path):
    bold = read_written(tmp_path, "odder-boerne-og-ungeudvalget-referat-2025-09-02.md", HEAD + (
        "| **Sagsnr.** | 25/3901 |\n|---|---|\n| **Beslutning** | Udsat. |\n"))
    [item] = bold.passages
    assert (item.decision, item.outcome) == ("Udsat.", "Udsat")
    grid = read_written(tmp_path, "odder-boerne-og-ungeudvalget-referat-2025-09-03.txt", (
        "Børne- og Ungeudvalget\nReferat\n\nMødedato: 3. september 2025\n\nPunkt 1. Ny skolestruktur i Hou\n"
        "+------+------+\n| Felt | Indhold |\n+======+======+\n| Sagsnr. | 25/3901 |\n+------+------+\n"
        "Sagsfremstilling\nElevtallet i Hou Skole er faldet.\n"
        "+------+------+\n| Beslutning | Godkendt. |\n+------+------+\n"))
    [item] = grid.passages
    assert (item.title, item.decision, item.case_number) == ("Ny skolestruktur i Hou", "Godkendt.", "25/3901")
    assert item.sections_by_key()["sagsfremstilling"] == "Elevtallet i Hou Skole er faldet."


def test_a_table_of_figures_with_a_labels_word_in_a_row_keeps_its_rows(tmp_path):
    """«| Økonomi | 500 |» under «| Drift | 300 |»: a table of figures, no section «Økonomi»."""
    document = read_written(tmp_path, "odder-boerne-og-ungeudvalget-referat-2025-09-02.md", HEAD + (
        "Udgifterne fordeler sig således:\n\n| Drift | 300 |\n| Økonomi | 500 |\n\n### Beslutning\n\nGodkendt\n"))
    [item] = document.passages
    assert "økonomi" not in item.sections_by_key()
    assert item.sections_by_key()["sagsfremstilling"].endswith("Udgifterne fordeler sig således:\n\nDrift 300\nØkonomi 500")
    assert item.decision == "Godkendt"


def test_a_web_pages_update_date_under_the_last_item_is_no_part_of_its_decision():
    last = read(FAXE).passages[-1]
    assert last.title == "Eventuelt"
    assert last.decision == "Intet til referat."
    assert not any("opdateret" in p.text or "toppen" in p.text for p in read(FAXE).passages)


def test_update_dates_in_other_forms_are_chrome_and_a_sentence_about_an_update_is_text(tmp_path):
    document = read_written(tmp_path, "faxe-aeldreraadet-referat-2025-02-03.md", HEAD + (
        "Senest opdateret 5. februar 2025 blev planen sendt til rådet.\n\n"
        "### Beslutning\n\nGodkendt.\n\nSidst opdateret: 05.02.2025 kl. 10.32\n\nSenest ændret d. 5/2-2025\n"))
    [item] = document.passages
    assert item.decision == "Godkendt."
    assert item.sections_by_key()["sagsfremstilling"] == (
        "Elevtallet i Hou Skole er faldet.\n\nSenest opdateret 5. februar 2025 blev planen sendt til rådet.")


def test_a_label_in_a_markdown_tables_header_row_is_the_decision(tmp_path):
    """«| Beslutning | Godkendt |» / «|---|---|»: a table of one pair, written as its header row."""
    document = read_written(tmp_path, "odder-boerne-og-ungeudvalget-referat-2025-09-02.md", HEAD + (
        "| Beslutning | Godkendt |\n|---|---|\n"))
    [item] = document.passages
    assert (item.decision, item.outcome) == ("Godkendt", "Godkendt")


def test_a_label_in_a_table_of_figures_under_its_header_row_stays_a_figure(tmp_path):
    """«| Møder | 11 |» / «|---|---|» / «| Høringssvar | 14 |»: a council's year in figures, no «Høringssvar» section."""
    document = read_written(tmp_path, "odder-boerne-og-ungeudvalget-referat-2025-09-02.md", HEAD + (
        "| Møder | 11 |\n|---|---|\n| Høringssvar | 14 |\n\n### Beslutning\n\nGodkendt\n"))
    [item] = document.passages
    assert "høringssvar" not in item.sections_by_key()
    assert item.sections_by_key()["sagsfremstilling"].endswith("Møder 11\n\nHøringssvar 14")
    assert item.decision == "Godkendt"
