"""Code review 39 (2026-12-05): regressions of the readings of layouts review 16 and code review 38 in the tables
and page footers of minutes (files in tests/fixtures/codereview39_pages/, copied from the review; short variants
written here).

The findings: an agenda quoting a case's history in a table under the header row «| Beslutning | Dato |» became
minutes, the header's «Beslutning» read as the item's decision section; a table of figures under «| Økonomi | 2025 |»
opened a section «Økonomi»; a decision's only line «Økonomiudvalget godkendte referat 14.04.2025 – side 2 af 3»
was removed as a page footer, as its head named a council, the document and a date.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written

FOLDER = FIXTURES / "codereview39_pages"
read = partial(read_fixture, FOLDER)

HISTORY = "skovby-teknik-og-miljoeudvalget-2025-05-12-beslutningshistorik.txt"
FIGURES = "skovby-oekonomiudvalget-2025-05-12-oekonomitabel.txt"
DECISION = "skovby-oekonomiudvalget-2025-05-12-beslutning-foer-sidetal.txt"

HEAD = ("Skovby Kommune\nØkonomiudvalget\nReferat\n\nMødedato: 12. maj 2025\n\n"
        "1. Anlægsbevilling til ny daginstitution\nSagsnr.: 25/1001\nSagsfremstilling\nUdgifterne fordeler sig således:\n\n")
TAIL = "\nDer søges om frigivelse af det fulde beløb.\nBeslutning\nAnbefales godkendt.\n"


# --- 1. A header row naming columns, whatever its first cell says -------------------------------------------------


def test_a_history_of_decisions_in_an_agendas_table_is_the_case_text_not_a_decision():
    first, second = read(HISTORY).passages
    assert {first.doc_type, second.doc_type} == {"dagsorden"}
    assert not second.has_decision and second.outcome is None
    assert "beslutning" not in second.sections_by_key()
    assert second.sections_by_key()["sagsfremstilling"] == (
        "Sagen har tidligere været behandlet således:\n\nBeslutning Dato\n\n"
        "Udvalget frigav 2 mio. kr. til projektering 3. februar 2025\n"
        "Byrådet godkendte anlægsbevillingen 26. februar 2025\n\nProjektet er nu klar til udbud.")


def test_a_grid_tables_header_row_naming_columns_is_no_decision(tmp_path):
    """«| Beslutning | Dato |» over a grid table's «+====+» rule, a history under it: the case's text."""
    document = read_written(tmp_path, "skovby-oekonomiudvalget-2025-05-12.txt", HEAD + (
        "+------+------+\n| Beslutning | Dato |\n+======+======+\n"
        "| Udvalget frigav 2 mio. kr. | 3. februar 2025 |\n+------+------+\n") + TAIL)
    [item] = document.passages
    assert item.decision == "Anbefales godkendt."
    assert "Udvalget frigav 2 mio. kr." in item.sections_by_key()["sagsfremstilling"]


def test_a_decision_and_case_number_in_a_header_row_over_field_rows_still_read(tmp_path):
    """Near miss: «| Sagsnr. | 25/3901 |» / «|---|---|» / «| Beslutning | Udsat. |» is a field table, every row a pair."""
    document = read_written(tmp_path, "skovby-oekonomiudvalget-2025-05-12.md", (
        "# Økonomiudvalget – Referat\n\nMødedato: 12. maj 2025\n\n## 1. Ny skolestruktur i Hou\n\n"
        "| Sagsnr. | 25/3901 |\n|---|---|\n| Beslutning | Udsat. |\n"))
    [item] = document.passages
    assert (item.case_number, item.decision, item.outcome) == ("25/3901", "Udsat.", "Udsat")


# --- 2. A table of figures opens no section ------------------------------------------------------------------------


def test_an_economy_table_of_figures_stays_in_the_case_text():
    [item] = read(FIGURES).passages
    assert "økonomi" not in item.sections_by_key()
    assert item.sections_by_key()["sagsfremstilling"].endswith(
        "(1.000 kr.):\n\nØkonomi 2025\n\nProjektering 500\nByggeri 11.200\nI alt 11.700\n\n"
        "Der søges om frigivelse af det fulde beløb.")
    assert item.decision == "Anbefales godkendt."


@pytest.mark.parametrize("table", ["| Økonomi | 2025 |\n| Projektering | 500 |\n| I alt | 11.700 |\n",
                                   "| Økonomi | 11.700 |\n| Drift | 300 |\n"])
def test_a_label_beside_a_bare_figure_is_a_figure_without_a_header_row(tmp_path, table):
    [item] = read_written(tmp_path, "skovby-oekonomiudvalget-2025-05-12.md", HEAD + table + TAIL).passages
    assert "økonomi" not in item.sections_by_key()
    assert "Økonomi " in item.sections_by_key()["sagsfremstilling"]
    assert item.decision == "Anbefales godkendt."


# --- 3. A decision's sentence before «– side N af M» -----------------------------------------------------------------


def test_a_decision_naming_the_council_the_document_and_a_date_before_a_page_number_stays():
    first, second = read(DECISION).passages
    assert first.decision == "Økonomiudvalget godkendte referat 14.04.2025 – side 2 af 3"
    assert first.outcome == "Godkendt"
    assert (second.title, second.sections_by_key()) == ("Eventuelt", {"beslutning": "Intet."})


@pytest.mark.parametrize("line", ["Byrådet vedtog protokol 11. juni 2025 – side 2 af 3",
                                  "Økonomiudvalget anbefaler referat 14.04.2025 – side 2 af 3",
                                  "Socialudvalget besluttede dagsorden 02.06.2025 – side 1 af 1"])
def test_a_council_doing_something_is_a_sentence_not_a_footers_head(tmp_path, line):
    text = HEAD.replace("Udgifterne fordeler sig således:\n\n", "Sagen forelægges.\n") + f"Beslutning\n{line}\n"
    [item] = read_written(tmp_path, "referat.txt", text).passages
    assert item.decision == line


@pytest.mark.parametrize("head", ["Referat – Byrådet – 11.06.2025 – Åben del", "Byrådet · Referat · tirsdag 11. juni 2025",
                                  "Økonomiudvalget · godkendt referat · 14.04.2025"])
def test_footers_adding_a_weekday_or_the_meetings_part_are_still_footers(tmp_path, head):
    """Near miss: a weekday, «Åben del» or «godkendt» beside the document and the date is a footer's."""
    text = HEAD.replace("Udgifterne fordeler sig således:\n\n", "Sagen forelægges.\n") + (
        f"Beslutning\nGodkendt.\n\n{head} – side 1 af 1\n")
    [item] = read_written(tmp_path, "referat.txt", text).passages
    assert item.decision == "Godkendt."
    assert "side 1 af 1" not in item.text


def test_a_header_row_pair_over_a_decision_and_a_record_keeps_both(tmp_path):
    """Near miss: «| Sagsnr. |…|» / «|---|---|» / «| Beslutning |…|» / «| Protokollat |…|»: the record's row names
    no label, the table is a field table still, as its first rows say."""
    document = read_written(tmp_path, "skovby-oekonomiudvalget-2025-05-12.md", (
        "# Økonomiudvalget – Referat\n\nMødedato: 12. maj 2025\n\n## 1. Ny skolestruktur i Hou\n\n"
        "| Sagsnr. | 25/3901 |\n|---|---|\n| Beslutning | Godkendt. Mia Krog (SF) stemte imod. |\n"
        "| Protokollat | SF ønsker ført til protokol, at partiet ikke kan støtte en lukning. |\n"))
    [item] = document.passages
    assert item.case_number == "25/3901"
    assert item.decision.startswith("Godkendt. Mia Krog (SF) stemte imod.") and "SF ønsker ført til protokol" in item.decision
