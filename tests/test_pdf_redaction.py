"""From a privacy review: a PDF "redacted" with a filled black box drawn over the text keeps the
text in the file, and Referatsøg indexed and showed it. The text a dark box hides is left out,
with a note naming the page; light text on a dark banner, table rules and invisible text (an OCR
layer) are read as before.

The PDFs are written here as raw content streams, as the review's own script made them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.extract import ExtractError, extract
from conftest import raw_pdf
from indexer.pdftext import pdf_pages


def build_pdf(*contents: bytes) -> bytes:
    """A PDF with one page (A4, Helvetica as /F1) for each content stream."""
    return raw_pdf(contents, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
                   b"<< /Type /FontDescriptor /FontName /Helvetica /Flags 32 >>")


def lines(y: int, *texts: str, before: bytes = b"") -> bytes:
    """Text lines at 11 pt, 14 pt apart, the first with its baseline at `y` (x = 72); `before`:
    text-state operators (colour, render mode) inside the text object."""
    shown = b" T* ".join(b"(%s) Tj" % t.encode("cp1252") for t in texts)
    return b"BT " + before + b" /F1 11 Tf 14 TL 72 %d Td " % y + shown + b" ET"


HEAD = lines(780, "Kildeby Kommune", "", "Socialudvalget", "", "Referat", "", "Mødedato: 5. marts 2024", "",
             "1. Godkendelse af dagsorden", "Sagsnr.: 24/100", "", "Beslutning", "Godkendt.", "",
             "2. Lukket punkt: Personalesag", "Sagsnr.: 24/101", "", "Sagsfremstilling")
SECRET = "Borgeren Ole Madsen, CPR 120575-4321, klager."
SECRET_AT = 528  # the baseline of the line after HEAD
BLACK_BOX = b"0 g 70 524 400 14 re f"  # over the line at SECRET_AT: drawn after it, on top
TAIL = lines(440, "Beslutning", "Behandlet for lukkede døre.")


def redacted_page(*more: bytes) -> bytes:
    """The review's page: a line with a black box drawn over it, and `more` after."""
    return b"\n".join([HEAD, lines(SECRET_AT, SECRET), BLACK_BOX, *more, TAIL])


def read(tmp_path: Path, *contents: bytes) -> tuple[str, list[str]]:
    """The text of the PDF's pages (written to `tmp_path` as referat.pdf), and the notes its reading gave."""
    path = tmp_path / "referat.pdf"
    path.write_bytes(build_pdf(*contents))
    notes: list[str] = []
    pages = pdf_pages(path.read_bytes(), notes)
    return "\n".join(page.text for page in pages), notes


def test_text_under_a_black_box_is_left_out_with_a_note_naming_the_page(tmp_path: Path) -> None:
    text, notes = read(tmp_path, redacted_page())
    assert "Ole Madsen" not in text and "120575" not in text
    assert "Sagsfremstilling" in text and "Behandlet for lukkede døre." in text  # the rest is read
    assert notes == ["tekst under sort overstregning udeladt (side 1)"]


def test_the_file_read_for_the_index_leaves_it_out_and_names_the_pages(tmp_path: Path) -> None:
    clean = b"\n".join([HEAD, TAIL])
    path = tmp_path / "kildeby-socialudvalget-referat-2024-03-05.pdf"
    path.write_bytes(build_pdf(redacted_page(), clean, redacted_page()))
    source = extract(path, tmp_path)
    assert not any("Ole Madsen" in page.text or "120575-4321" in page.text for page in source.pages)
    assert "tekst under sort overstregning udeladt (side 1 og 3)" in source.notices


@pytest.mark.parametrize("colour", [b"0 g", b"0.2 g", b"0 0 0 rg", b"0.1 0.15 0.2 rg", b"0 0 0 1 k", b"0.8 0.8 0.8 0.8 k"],
                         ids=["gray-black", "gray-dark", "rgb-black", "rgb-near-black", "cmyk-black", "cmyk-rich-black"])
def test_a_near_black_box_in_any_device_colour_hides_the_text(tmp_path: Path, colour: bytes) -> None:
    page = b"\n".join([HEAD, lines(SECRET_AT, SECRET), colour + b" 70 524 400 14 re f", TAIL])
    text, notes = read(tmp_path, page)
    assert "Ole Madsen" not in text
    assert notes == ["tekst under sort overstregning udeladt (side 1)"]


def test_light_text_on_a_dark_banner_drawn_first_is_kept(tmp_path: Path) -> None:
    # A heading bar: the box first, white text on it; a box in mid gray over a line hides nothing.
    banner = b"0 g 70 406 400 16 re f\n" + lines(410, "Bilag: Budgetoversigt 2024", before=b"1 g")
    gray = lines(380, "Sagsbehandler: Jens Holm") + b"\n0.5 g 70 376 400 14 re f"
    text, notes = read(tmp_path, redacted_page(banner, gray))
    assert "Bilag: Budgetoversigt 2024" in text
    assert "Sagsbehandler: Jens Holm" in text
    assert "Ole Madsen" not in text  # while the black box on the same page still hides its line
    assert notes == ["tekst under sort overstregning udeladt (side 1)"]


def test_a_thin_black_rule_through_or_under_text_hides_nothing(tmp_path: Path) -> None:
    # Table rules and underlines: black, filled, drawn after the text, but covering a sliver of it.
    underlined = lines(410, "Indstilling: Forvaltningen indstiller, at sagen tages til efterretning.")
    rules = b"0 g 72 408 360 0.75 re f 72 412 360 1.5 re f 150 400 0.5 30 re f"
    text, notes = read(tmp_path, redacted_page(underlined, rules))
    assert "Indstilling: Forvaltningen indstiller, at sagen tages til efterretning." in text
    assert "Ole Madsen" not in text
    assert notes == ["tekst under sort overstregning udeladt (side 1)"]


def test_invisible_ocr_text_is_kept_even_over_a_dark_area(tmp_path: Path) -> None:
    # An OCR layer (render mode 3) in the default black, over a dark box drawn before it, and alone.
    ocr_on_dark = b"0 g 70 406 400 14 re f\n" + lines(410, "Bilagsnummer 7 vedlagt", before=b"3 Tr")
    ocr = lines(470, "Usynlig: Hanne Berg 030390-5678", before=b"3 Tr")
    text, notes = read(tmp_path, redacted_page(ocr_on_dark, ocr))
    assert "Bilagsnummer 7 vedlagt" in text
    assert "Usynlig: Hanne Berg 030390-5678" in text
    assert "Ole Madsen" not in text
    assert notes == ["tekst under sort overstregning udeladt (side 1)"]


def test_invisible_ocr_text_under_a_box_drawn_over_it_is_left_out(tmp_path: Path) -> None:
    # A scan's OCR layer blacked out afterwards with a drawing tool: the words are hidden on the page.
    page = b"\n".join([HEAD, lines(SECRET_AT, SECRET, before=b"3 Tr"), BLACK_BOX, TAIL])
    text, notes = read(tmp_path, page)
    assert "Ole Madsen" not in text and "Behandlet for lukkede døre." in text
    assert notes == ["tekst under sort overstregning udeladt (side 1)"]


def test_black_text_on_a_black_box_drawn_first_is_left_out(tmp_path: Path) -> None:
    # Unreadable on the page: the box is drawn, then the text in black on it.
    page = b"\n".join([HEAD, BLACK_BOX, lines(SECRET_AT, SECRET, before=b"0 g"), TAIL])
    text, notes = read(tmp_path, page)
    assert "Ole Madsen" not in text and "120575" not in text
    assert "Sagsfremstilling" in text and "Behandlet for lukkede døre." in text
    assert notes == ["tekst under sort overstregning udeladt (side 1)"]


def test_black_text_on_a_white_panel_over_a_black_frame_is_kept(tmp_path: Path) -> None:
    # A frame drawn as a black box with a white one inside it: the text on the white one is read.
    framed = b"0 g 66 400 408 26 re f 1 g 68 402 404 22 re f\n" + lines(410, "Mødet hævet kl. 17.30", before=b"0 g")
    text, notes = read(tmp_path, redacted_page(framed))
    assert "Mødet hævet kl. 17.30" in text
    assert "Ole Madsen" not in text
    assert notes == ["tekst under sort overstregning udeladt (side 1)"]


def test_a_box_over_a_name_in_a_line_leaves_the_rest_of_the_line_as_one_line(tmp_path: Path) -> None:
    page = b"\n".join([HEAD, lines(SECRET_AT, SECRET), b"0 g 118 524 62 14 re f", TAIL])  # over «Ole Madsen»
    text, notes = read(tmp_path, page)
    assert "Ole" not in text and "Madsen" not in text
    assert "Borgeren, CPR 120575-4321, klager." in text.splitlines()
    assert notes == ["tekst under sort overstregning udeladt (side 1)"]


def test_a_pdf_whose_every_word_is_under_black_boxes_says_so_not_that_it_is_scanned(tmp_path: Path) -> None:
    path = tmp_path / "referat.pdf"
    path.write_bytes(build_pdf(b"\n".join([lines(SECRET_AT, SECRET), BLACK_BOX])))
    with pytest.raises(ExtractError, match=r"^al tekst ligger under sort overstregning \(side 1\)$"):
        extract(path, tmp_path)
