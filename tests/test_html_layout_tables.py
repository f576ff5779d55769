"""Minutes inside a page-layout table (the decisions5 review, finding 1).

Old sites and printed pages wrap the whole page, or each item, in a `<table>`: a menu cell and a
content cell, or one big cell per item. Every block in a table cell was read as inline text, so
the page became one row, one line: the eDoc page gave one passage without item number or
decision, and the printed page left each decision inside a text section. A layout table is now
read as the blocks it holds, as if it were not there; a data table (short cells, a header row)
and a field table stay rows of tab-separated cells. eDoc's case facts as a row of names over a
row of values («Sagsnr. | Sagsbehandler | Dokumentnr.») become field lines, which anchor the item.
"""

from __future__ import annotations

import time
from functools import partial

import pytest

from conftest import FIXTURES, read_fixture
from indexer.htmltext import read_page

HTML = FIXTURES / "html_minutes"
EDOC = "edoc-div-footer-menu-referat-2021-10-05.htm"
PRINTED = "printed-page-print-date-referat-2020-02-18.html"

read = partial(read_fixture, HTML)


def text(markup: str) -> str:
    return read_page(markup).text


# --- The review's two pages ---------------------------------------------------------------------

def test_an_edoc_page_in_a_layout_table_gives_its_items_each_with_its_decision():
    document = read(EDOC)
    assert [(p.item_number, p.title, p.case_number, p.case_handler, p.decision) for p in document.passages] == [
        (1, "Meddelelser", "15.00.00-A00-3-21", "Karin Dahl", "Til efterretning."),
        (2, "Jobcentrets indsats for ledige over 50 år", "15.20.00-P20-7-21", "Henrik Æbelø", "Godkendt."),
    ]
    assert all(p.has_decision for p in document.passages)
    assert (document.council, document.meeting_date) == ("Beskæftigelsesudvalget", "2021-10-05")
    assert not document.notices
    second = document.passages[1]
    assert "Anders Holm" in second.absent  # «deltog ikke i behandlingen», read as in any minutes
    assert "seniorjobpulje" in next(s.text for s in second.sections if s.label == "Indstilling")
    # The text no longer runs together, and the menu cell is still chrome.
    assert "Til efterretning. 2." not in second.text + document.passages[0].text
    assert "Søg i dagsordener" not in " ".join(p.text for p in document.passages)


def test_a_printed_page_s_decisions_are_decisions_not_text():
    passages = read(PRINTED).passages
    assert [(p.item_number, p.case_number, p.decision) for p in passages] == [
        (1, "05.01.00-P15-1-19", "Godkendt."), (2, "07.01.00-G01-2-20", "Udsat til næste møde.")]
    for passage in passages:
        # The decision is a section of its own, not the end of the case's text section.
        assert "Beslutning" not in passage.text
        assert [s.label for s in passage.sections if passage.decision in s.text] == ["Beslutning"]
        assert {s.label for s in passage.sections} == {"Sagsfremstilling", "Beslutning"}
    assert {p.meeting_date for p in passages} == {"2020-02-18"}


def test_a_layout_table_reads_as_if_it_were_not_there():
    markup = (HTML / EDOC).read_bytes().decode("cp1252")
    start = markup.index('<table class="pageLayout"')
    content = markup.index('<td class="contentCell" valign="top">') + len('<td class="contentCell" valign="top">')
    unwrapped = markup[:start] + markup[content:].replace("</td></tr></table>\n<div class=\"footer\"",
                                                          "\n<div class=\"footer\"")
    assert text(markup) == text(unwrapped)
    # The data table of amounts inside the layout stays a table: a row per line, cells apart.
    assert "År\tBudget (kr.)\tForbrug (kr.)\n2020\t1.200.000\t1.450.000\n" in text(markup)


# --- Layout tables ---------------------------------------------------------------------------------

@pytest.mark.parametrize("markup, expected", [
    # A menu cell and a content cell of headings and paragraphs.
    ("<table><tr><td><ul class='menu'><li>Forside</li></ul></td><td><h2>1. Meddelelser</h2><p>Beslutning</p>"
     "<p>Til efterretning.</p></td></tr></table>", "1. Meddelelser\n\nBeslutning\n\nTil efterretning.\n"),
    # One big cell: its line breaks are lines.
    ("<table><tr><td>Beslutning<br>Godkendt.</td></tr></table>", "Beslutning\nGodkendt.\n"),
    # One cell per item, several paragraphs in each.
    ("<table><tr><td><p>Punkt 1 - Budget</p><p>Godkendt.</p></td></tr>"
     "<tr><td><p>Punkt 2 - Takster</p><p>Udsat.</p></td></tr></table>",
     "Punkt 1 - Budget\n\nGodkendt.\n\nPunkt 2 - Takster\n\nUdsat.\n"),
])
def test_a_layout_table_is_read_as_the_blocks_it_holds(markup, expected):
    assert text(f"<body>{markup}</body>") == expected


def test_a_layout_table_s_rows_of_short_cells_stay_field_lines():
    page = text("<body><table><tr><td colspan=2><h1>Byrådet</h1></td></tr>"
                "<tr><td>Mødedato:</td><td>05-10-2021</td></tr>"
                "<tr><td colspan=2><h2>1. Meddelelser</h2><p>Intet.</p></td></tr></table></body>")
    assert page == "Byrådet\n\nMødedato:\t05-10-2021\n\n1. Meddelelser\n\nIntet.\n"


def test_a_table_of_items_inside_a_layout_table_is_read_as_items():
    page = text("<body><table><tr><td><h1>Byrådet</h1><p>Referat 3. maj 2024</p>"
                "<table><tr><th>Pkt.</th><th>Emne</th><th>Beslutning</th></tr>"
                "<tr><td>1</td><td>Budget</td><td>Godkendt.</td></tr></table></td></tr></table></body>")
    assert "Pkt. 1\nBudget\nBudget\nBeslutning\nGodkendt." in page


# --- Data tables stay tables ---------------------------------------------------------------------

@pytest.mark.parametrize("markup, expected", [
    # Word wraps each cell's text in a paragraph: one block is no layout.
    ("<table><tr><td><p>År</p></td><td><p>Beløb</p></td></tr><tr><td><p>2024</p></td><td><p>120.000 kr.</p></td></tr>"
     "</table>", "År\tBeløb\n2024\t120.000 kr.\n"),
    # A header row of <th> declares a data table, whatever a cell holds.
    ("<table><tr><th>År</th><th>Note</th></tr><tr><td>2024</td><td><p>Forbrug.</p><p>Skøn.</p></td></tr></table>",
     "År\tNote\n2024\tForbrug. Skøn.\n"),
    # A field table, and a list of names in a cell.
    ("<table><tr><td>Deltagere:</td><td><ul><li>Ib Holm</li><li>Eva Lund</li></ul></td></tr>"
     "<tr><td>Afbud:</td><td>Jens Bak</td></tr></table>", "Deltagere:\tIb Holm Eva Lund\nAfbud:\tJens Bak\n"),
    ("<table><tr><td>Sagsnr.</td><td>24/1021</td></tr><tr><td>Sagsbehandler</td><td>Lene Kragh</td></tr></table>",
     "Sagsnr.\t24/1021\nSagsbehandler\tLene Kragh\n"),
])
def test_a_data_table_stays_rows_of_cells(markup, expected):
    assert text(f"<body>{markup}</body>") == expected


# --- Case facts as columns -------------------------------------------------------------------------

def test_case_facts_as_a_row_of_names_over_a_row_of_values_are_field_lines():
    page = text("<body><table><tr><th>Sagsnr.</th><th>Sagsbehandler</th><th>Dokumentnr.</th></tr>"
                "<tr><td>24/1021</td><td>Lene Kragh</td><td></td></tr></table></body>")
    assert page == "Sagsnr.: 24/1021\nSagsbehandler: Lene Kragh\n"


@pytest.mark.parametrize("markup", [
    # Several cases: a list, not one item's facts.
    "<table><tr><th>Sagsnr.</th><th>Sagsbehandler</th></tr><tr><td>24/1</td><td>Ib Holm</td></tr>"
    "<tr><td>24/2</td><td>Eva Lund</td></tr></table>",
    # A column that names no field.
    "<table><tr><th>Sagsnr.</th><th>Beløb</th></tr><tr><td>24/1</td><td>120.000 kr.</td></tr></table>",
])
def test_other_tables_under_field_names_stay_tables(markup):
    assert "\t" in text(f"<body>{markup}</body>")


# --- Hostile nesting -------------------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["<td><p>a</p>", "<td>a</td><td>", "<td><p>a</p><p>b</p></td><td>"])
def test_deeply_nested_layout_tables_are_read_in_time(cell):
    depth = 3000
    started = time.monotonic()
    page = text("<body>" + f"<table><tr>{cell}" * depth + "x" + "</td></tr></table>" * depth + "</body>")
    assert time.monotonic() - started < 15  # each table is looked at once (about 1 s here)
    assert page.rstrip().endswith("x") and page.count("a") >= depth
