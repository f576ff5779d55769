"""From a PDF review (minutes printed by Chromium): text set side by side read in the wrong order,
a 2-page document's running header and a browser's address footer kept in the last decision,
unused soft hyphens read as spaces, and a translucent dark tint taken for a redaction.

The PDFs in `fixtures/pdf_printed/` are the review's, each printed by headless Chromium from the
HTML beside it (`chromium --headless --print-to-pdf`, the e_edoc one with Chromium's own header
and footer). The translucent box is a raw content stream written here.
"""

from __future__ import annotations


from conftest import FIXTURES
from indexer.pages import strip_running_chrome
from indexer.models import Page
from indexer import pdftext
from indexer.pdftext import Box, pdf_pages
from indexer.pipeline import read_document
from test_pdf_redaction import HEAD, TAIL, build_pdf, lines

PRINTED = FIXTURES / "pdf_printed"


def passages(name: str):
    return read_document(PRINTED / name, PRINTED).passages


def section(passage, key: str) -> str:
    return next(s.text for s in passage.sections if s.key == key)


# --- 1. Columns -------------------------------------------------------------------------------

def test_a_decision_under_two_columns_does_not_take_the_right_columns_text():
    """«Sagsfremstilling» and «Økonomi» each in two CSS columns (the «Økonomi» ones justified),
    then a full-width «Beslutning»: each column is read before what stands under it."""
    (item,) = passages("svoemmehal-to-spalter.pdf")
    assert section(item, "beslutning") == "Anbefales over for Byrådet."
    case = section(item, "sagsfremstilling")
    assert case.startswith("VENSTRE-A") and "HØJRE-B Renoveringen udføres i to etaper" in case
    economy = section(item, "økonomi")
    assert economy.startswith("VENSTRE-C")
    # the justified right column keeps its words in their order
    assert "HØJRE-D Renoveringen udføres i to etaper, så skolesvømning kan fortsætte i det lille bassin. " \
           "Første etape omfatter tag og ventilation, anden etape bassin og omklædning." in economy


def test_present_and_absent_lists_side_by_side_on_a_cover_are_both_read():
    """«Til stede» and «Fraværende» set side by side (flex) above item 1."""
    items = passages("mosevang_kfu_2025-04-02.pdf")
    assert [p.item_number for p in items] == [1, 2]
    assert items[0].absent == ("Jonas Krogh", "Line Bisgaard")
    assert "Hanne Kjær" in items[0].present
    assert items[0].case_number == "00.22.04-A00-1-25"
    assert "Fraværende" not in items[0].text and "Jonas Krogh" not in items[0].text


def box(x0: float, y0: float, x1: float, y1: float, lines: int = 1) -> Box:
    return Box(x0, y0, x1, y1, lines)


def test_columns_are_read_left_then_right_and_a_full_width_line_ends_them():
    heading = box(60, 700, 300, 712)
    left, right = box(60, 560, 280, 680, 8), box(310, 600, 530, 690, 6)
    decision = box(60, 520, 200, 532)
    # pdfminer's order: the decision before the right column
    assert pdftext.column_order([heading, left, decision, right], [0, 1, 2, 3]) == [0, 1, 3, 2]


def test_a_heading_in_the_right_column_beside_a_blank_stays_in_its_column():
    """Both columns end a paragraph at the same height, the left one blank (a picture) beside a
    heading of the right one: still one set of columns."""
    left_top, left_low = box(70, 520, 290, 730, 13), box(70, 240, 290, 400, 4)
    right_top, right_head, right_low = box(316, 480, 540, 750, 7), box(316, 453, 450, 465), box(316, 240, 540, 445, 13)
    boxes = [left_top, left_low, right_top, right_head, right_low]
    assert pdftext.column_order(boxes, [0, 1, 2, 3, 4]) == [0, 1, 2, 3, 4]


def test_a_label_and_its_value_side_by_side_keep_pdfminers_order():
    """Field rows («Sagsnr. | 24/01877», «Sagsbehandler | …»): one line each, no columns."""
    boxes = [box(64, 728, 101, 738), box(64, 712, 139, 722), box(150, 728, 198, 738), box(150, 712, 235, 722)]
    assert pdftext.column_order(boxes, [0, 2, 1, 3]) == [0, 2, 1, 3]


# --- 2. Running header of a 2-page PDF; a browser's footer ---------------------------------------

def test_a_two_page_documents_running_header_stays_out_of_the_last_decision():
    items = passages("bakkeby_handicapraadet_2025-05-06.pdf")
    assert [p.item_number for p in items] == [1, 2, 3]
    assert section(items[1], "beslutning") == "Rådet sender et høringssvar til Banedanmark."
    assert not any("Handicaprådet · Referat" in p.text for p in items)


def test_the_same_closing_sentence_at_the_foot_of_two_pages_is_no_footer():
    pages = [Page(1, "Referat\n1. Punkt\nBeslutning\nGodkendt."), Page(2, "2. Punkt\nBeslutning\nGodkendt.")]
    assert strip_running_chrome(pages) == tuple(pages)
    header = [Page(1, "Bakkeby Kommune · Referat\n1. Punkt\nGodkendt."), Page(2, "Bakkeby Kommune · Referat\n2. Punkt\nGodkendt.")]
    assert [p.text.split("\n")[0] for p in strip_running_chrome(header)] == ["", ""]


def test_a_browsers_address_footer_is_chrome_on_two_pages():
    items = passages("e_edoc_bakkeby_teknikudvalget_2025-05-05_dagsorden.pdf")
    assert not any("file://" in p.text or "e_edoc_bakkeby" in p.text for p in items)
    assert [p.item_number for p in items] == [1, 2, 3, 4, 5]


def test_a_browsers_header_and_footer_are_chrome_on_one_page():
    page = Page(1, "12/5/26, 2:31 AM\nReferat.html\n\n1. Godkendelse af dagsorden\nGodkendt.\n\n"
                   "http://127.0.0.1:8123/referat.html\n1/1")
    (stripped,) = strip_running_chrome([page])
    assert [line for line in stripped.text.split("\n") if line] == ["1. Godkendelse af dagsorden", "Godkendt."]


# --- 3. Unused soft hyphens ---------------------------------------------------------------------

def test_unused_soft_hyphens_printed_by_chromium_join_their_words():
    (item,) = passages("bloede-bindestreger.pdf")
    flat = " ".join(item.text.split())
    for word in ("specialundervisningsområdet", "hjemmeplejens", "økonomiudvalget", "budgetlægningen"):
        assert word in flat
    assert "special undervisning" not in flat and "hjemme plejens" not in flat
    assert "specialundervisningen og hjemmeplejen" in flat  # the justified paragraph above


# --- 4. A translucent dark box -------------------------------------------------------------------

def pdf_with_tint(content: bytes, alpha: bytes) -> bytes:
    """`build_pdf`'s one page with an ExtGState /GS1 of fill alpha `alpha`."""
    return build_pdf(content).replace(
        b"/Resources << /Font << /F1 3 0 R >> >>",
        b"/Resources << /Font << /F1 3 0 R >> /ExtGState << /GS1 << /ca %s /CA %s >> >> >>" % (alpha, alpha))


def test_text_under_a_translucent_dark_tint_is_read_and_an_opaque_box_still_hides():
    line = lines(528, "Budgettet for 2025 blev vedtaget med 15 stemmer mod 4.")
    tint = b"q /GS1 gs 0 g 70 524 400 14 re f Q"
    notes: list[str] = []
    (page,) = pdf_pages(pdf_with_tint(b"\n".join([HEAD, line, tint, TAIL]), b"0.15"), notes)
    assert "vedtaget med 15 stemmer" in page.text and notes == []
    # the same box at alpha 0.8 hides; after Q the alpha is 1 again
    for alpha, content in ((b"0.8", tint), (b"0.15", b"q /GS1 gs Q 0 g 70 524 400 14 re f")):
        notes = []
        (page,) = pdf_pages(pdf_with_tint(b"\n".join([HEAD, line, content, TAIL]), alpha), notes)
        assert "vedtaget" not in page.text and notes


# --- What the column order and the chrome rules must leave alone (a second PDF review) ----------


def test_a_facts_table_with_wrapped_labels_is_read_row_by_row():
    """«Medlemmer<br>til stede:», «Fraværende med afbud:»: read column by column, all labels came
    before all values, and the meeting place became «med afbud:»."""
    [item] = passages("l_facts_wrap.pdf")
    assert item.place == "Mødelokale 2, Rådhuset"
    assert item.present == ("Anne Holm", "Peter Sand", "Karen Lund")


def test_a_consultation_table_keeps_each_sender_beside_its_response():
    [item] = passages("i_hoering.pdf")
    text = " ".join(item.text.split())
    assert text.index("Grundejerforeningen Engen") < text.index("Ønsker") < text.index("Vejdirektoratet")


def test_two_pages_ending_in_the_same_decision_keep_it():
    """Both pages end with «Godkendt» (no full stop): taken for a two-page footer, both decisions were lost."""
    items = passages("j_twopage_godkendt.pdf")
    assert [p.has_decision for p in items] == [True, True]
    assert all(p.decision.rstrip(".").endswith("Godkendt") for p in items)


def test_an_address_alone_at_a_pages_foot_is_the_texts_own():
    """«… kan genses på kommunens hjemmeside:» / «https://vestrup.dk/webtv»: dropped as a browser's
    footer, which also took the meeting's time and place at the top for its date header."""
    items = passages("o_url_date.pdf")
    assert items[1].text.endswith("https://vestrup.dk/webtv")
    assert {p.place for p in items} == {"Byrådssalen, Rådhuset, Vestrup Kommune"}
