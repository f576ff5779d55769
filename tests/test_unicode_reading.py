"""Unicode a word processor, a web page or a Mac leaves in minutes, read as the writer meant it.

An en dash, figure dash or minus sign inside a case number or a name is its hyphen (the text keeps
its dashes); a soft hyphen at a line's end joins the word's halves; NEL breaks a line; a file
named in NFD (macOS) has a readable id of its own.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from conftest import read_written
from indexer.clean import clean
from indexer.models import Page, SourceFile

EN, FIGURE, MINUS, SOFT, NEL = "\u2013", "\u2012", "\u2212", "\u00ad", "\u0085"

MINUTES = f"""Referat
Integrationsrådet, 21.05.2015

1. Budget 2015{EN}2016

Sagsbehandler Søren Ørum{EN}Ågesen

Sagsnr 27.12.00{EN}G01{EN}3{EN}15

SAGSFREMSTILLING

Punkt 3 {EN} Budget for 2015{EN}2016 blev drøftet.

BESLUTNING

Godkendt

2. Nyt fra foreningerne

Sagsbehandler Søren Ørum-Ågesen

Sagsnr 00.01.00{MINUS}A21{FIGURE}1{EN}14

SAGSFREMSTILLING

Foreningerne orienterede.

BESLUTNING

Taget til efterretning

3. Orientering

Sagsnr.
588{EN}2021{EN}1874

SAGSFREMSTILLING

Intet.

BESLUTNING

Taget til efterretning
"""


def _by_number(document) -> dict:
    return {p.item_number: p for p in document.passages}


def test_dashes_inside_case_numbers_are_hyphens_and_titles_and_text_keep_theirs(tmp_path):
    items = _by_number(read_written(tmp_path, "referat.txt", MINUTES))
    assert items[1].case_number == "27.12.00-G01-3-15"
    assert items[2].case_number == "00.01.00-A21-1-14"  # minus sign and figure dash
    assert items[3].case_number == "588-2021-1874"  # the value under its label
    # a range and a dash between words are the text's own
    assert items[1].title == f"Budget 2015{EN}2016"
    assert f"Punkt 3 {EN} Budget for 2015{EN}2016 blev drøftet." in items[1].text


def test_an_en_dash_in_a_case_handlers_name_is_the_hyphenated_name(tmp_path):
    items = _by_number(read_written(tmp_path, "referat.txt", MINUTES))
    assert items[1].case_handler == items[2].case_handler == "Søren Ørum-Ågesen"


def _soft_hyphen_minutes(after: str) -> str:
    return (f"1. Modtagelse af flygtninge\n\nSagsnr 00.01.00-A21-1-14\n\nSAGSFREMSTILLING\n\n"
            f"Kommunen modtager flygt{SOFT}{after}\nninge i år og integra{SOFT}{after}\ntion{SOFT}\nsindsatsen går godt.\n\n"
            f"BESLUTNING\n\nGodkendt\n")


@pytest.mark.parametrize("name", ["referat.txt", "referat.md"])
@pytest.mark.parametrize("after", ["", "  ", "\u00a0 \t"])
def test_a_soft_hyphen_at_a_line_end_joins_the_word(tmp_path, name, after):
    (item,) = read_written(tmp_path, name, _soft_hyphen_minutes(after)).passages
    assert "Kommunen modtager flygtninge i år og integrationsindsatsen går godt." in " ".join(item.text.split())
    assert SOFT not in item.text


def test_a_soft_hyphen_at_a_pdf_lines_end_joins_the_word_across_a_page_break():
    pages = (Page(1, f"Kommunen modtager flygt{SOFT}\nninge i år, og integra{SOFT}"), Page(2, "tionen går godt."))
    source = SourceFile(path=Path("/corpus/a.pdf"), source="a.pdf", sha256="", kind="pdf", pages=pages)
    words = " ".join(line.text for line in clean(source) if line.text)
    assert words == "Kommunen modtager flygtninge i år, og integrationen går godt."


def test_nel_breaks_lines_as_a_newline_does(tmp_path):
    (tmp_path / "nel").mkdir()
    (tmp_path / "lf").mkdir()
    nel = read_written(tmp_path / "nel", "referat.txt", MINUTES.replace("\n", NEL))
    lf = read_written(tmp_path / "lf", "referat.txt", MINUTES)
    assert [(p.item_number, p.title, p.case_number, p.text) for p in nel.passages] == \
        [(p.item_number, p.title, p.case_number, p.text) for p in lf.passages]
    assert [p.item_number for p in nel.passages] == [1, 2, 3]


def test_a_file_named_in_nfd_has_a_readable_id_of_its_own(tmp_path):
    """macOS writes «å» in a name as «a» and a combining ring: it slugged as «a». On Linux the NFD
    and NFC spellings are two files, so they keep two ids (one id for both mixed two meetings
    on one document page: a code review)."""
    name = "integrationsrådet-referat.txt"
    nfd = read_written(tmp_path, unicodedata.normalize("NFD", name), MINUTES)
    nfc = read_written(tmp_path, unicodedata.normalize("NFC", name), MINUTES)
    assert nfd.passages[0].source != nfc.passages[0].source  # the names differ as bytes
    assert nfd.passages[0].document_id != nfc.passages[0].document_id
    assert not {p.id for p in nfd.passages} & {p.id for p in nfc.passages}
    assert nfd.passages[0].id.startswith("integrationsraadet-referat-")


def test_a_soft_hyphen_before_a_page_footer_joins_the_word_not_the_footer(tmp_path):
    """«drøf\u00ad» / «Side 1 af 2» / «tet»: the footer was glued into the word («drøfSide») and
    stayed in the item, as it does not with an ordinary hyphen (a code review)."""
    text = MINUTES.replace("drøftet", "drøf\u00ad\nSide 1 af 2\ntet", 1)
    assert text != MINUTES
    document = read_written(tmp_path, "referat.txt", text)
    plain = read_written(tmp_path, "plain.txt", MINUTES)
    assert [p.text for p in document.passages] == [p.text for p in plain.passages]
    assert not any("Side" in p.text for p in document.passages)

