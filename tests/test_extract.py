"""extract(): real files in, pages of text out, or one clear Danish line for bad input."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import unicodedata
from pathlib import Path

import pytest

from indexer.extract import ExtractError, decode_text, extract, is_candidate, is_junk, unsupported_reason
from indexer.normalise import normalise

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PDFS = FIXTURES / "pdf"
INPUTS = FIXTURES / "inputs"
LAYOUTS = FIXTURES / "layouts"
HTML_MINUTES = INPUTS / "boegeskov-integrationsraadet-referat-2016-09-14.html"
LATIN1_MINUTES = INPUTS / "lyngsoe-beskaeftigelses-og-integrationsudvalget-2012-03-13-latin1.txt"

GOOD_PDFS = {"referat-2017-02-23.pdf": 8, "referat-2015-05-21.pdf": 10, "aarsberetning-2019.pdf": 8, "referat-2026-06-04.pdf": 11}
BAD_FILES = {
    "empty.pdf": "tom fil (0 bytes)",
    "encrypted.pdf": "krypteret PDF – kræver adgangskode",
    "truncated.pdf": "beskadiget eller afkortet PDF (uventet filslutning)",
    "not-a-pdf.pdf": "ikke en PDF (starter med '<!DOCTYPE html', ligner HTML)",
    "scanned-no-text.pdf": "intet tekstlag (billed-/scannet PDF) – kør OCR først, fx ocrmypdf -l dan",
}


def reason_for(path: Path, root: Path | None = None) -> str:
    with pytest.raises(ExtractError) as caught:
        extract(path, root or path.parent)
    assert "\n" not in caught.value.reason
    return caught.value.reason


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- PDF -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name,page_count", GOOD_PDFS.items())
def test_a_good_pdf_gives_one_page_per_pdf_page_with_danish_letters_intact(name, page_count):
    source = extract(PDFS / name, PDFS)

    assert (source.kind, source.source, source.page_count) == ("pdf", name, page_count)
    assert [p.number for p in source.pages] == list(range(1, page_count + 1))
    assert source.sha256 == hashlib.sha256((PDFS / name).read_bytes()).hexdigest()
    text = "".join(p.text for p in source.pages)
    assert "\f" not in text and "\ufffd" not in text
    assert not any(0xFB00 <= ord(c) <= 0xFB06 or unicodedata.combining(c) for c in text)
    assert "Integrationsråd" in text and sum(text.count(c) for c in "æøåÆØÅ") > 100


def test_ligature_words_come_out_as_plain_letters():
    text = "\n".join(p.text for p in extract(PDFS / "referat-2017-02-23.pdf", PDFS).pages)

    assert "det officielle referat fra mødet og afløser den udsendte dagsorden" in text
    assert "flygtninge" in text


def test_compatibility_characters_are_nfkc_normalised_and_danish_letters_survive():
    assert normalise("\ufb01nans \ufb02ygtninge a\u030a", "NFKC") == "finans flygtninge å"
    assert normalise("Æblerød, Ørsted, Århus", "NFKC") == "Æblerød, Ørsted, Århus"


def test_an_item_heading_that_opens_a_page_is_on_that_page_not_glued_to_the_previous():
    pages = extract(PDFS / "referat-2026-06-04.pdf", PDFS).pages

    assert pages[2].text.startswith("Punkt 9: Beslutninger om dagsordenen")
    assert pages[3].text.startswith("Punkt 10: Orientering fra for- og næstforperson")


def test_the_two_column_page_reads_the_left_column_then_the_right():
    page5 = extract(PDFS / "aarsberetning-2019.pdf", PDFS).pages[4].text

    skills = page5.index("DM I SKILLS 2019 I NÆSTVED")
    vordingborg = page5.index("FÆLLESMØDE I VORDINGBORG")
    assert skills < page5.index("På årets første møde tog rådet en beslutning") < vordingborg
    assert vordingborg < page5.index("Fællesmødet den 25. april")
    assert vordingborg < page5.index("FORENINGERNES DAG 2019")


@pytest.mark.parametrize("name,reason", BAD_FILES.items())
def test_each_bad_fixture_pdf_is_refused_with_its_one_line_reason(name, reason):
    assert reason_for(PDFS / name) == reason


def test_a_pdf_that_breaks_anywhere_raises_extract_error_and_nothing_else(tmp_path):
    data = (PDFS / "referat-2015-05-21.pdf").read_bytes()
    # A PDF cut short anywhere has lost its cross-reference table and trailer: it is refused
    # with one line, never read as (partly) empty and never with another exception.
    for cut in (8, 200, 1000, len(data) // 3, len(data) - 100):
        assert reason_for(write(tmp_path, f"cut-{cut}.pdf", data[:cut]), tmp_path), cut
    # Noise in the middle may leave a readable document: then it is read, with its own text;
    # otherwise it is refused with one line. Nothing else gets out.
    garbled = data[:2000] + bytes(range(256)) * 20 + data[7000:]
    try:
        source = extract(write(tmp_path, "garbled.pdf", garbled), tmp_path)
    except ExtractError as e:
        assert e.reason and "\n" not in e.reason
    else:
        assert source.kind == "pdf"
        assert "Godkendelse af referatet" in "".join(page.text for page in source.pages)


def test_a_file_that_is_not_what_its_name_says_is_named_for_what_it_is(tmp_path):
    assert reason_for(write(tmp_path, "referat.pdf", b"PK\x03\x04" + b"\0" * 100)) == (
        "ikke en PDF (ligner et ZIP-arkiv, fx et Word-dokument (.docx))"
    )
    assert reason_for(write(tmp_path, "referat2.pdf", "Referat fra mødet\n".encode())) == (
        "ikke en PDF (starter med 'Referat fra mødet', ligner tekst)"
    )
    assert reason_for(write(tmp_path, "logo.txt", b"\x89PNG\r\n\x1a\n" + b"\0" * 50)) == "ikke en tekstfil (ligner et PNG-billede)"


def test_content_decides_how_a_misnamed_file_is_read(tmp_path):
    pdf_as_txt = tmp_path / "referat.txt"
    shutil.copy(PDFS / "referat-2015-05-21.pdf", pdf_as_txt)
    html_as_txt = write(tmp_path, "side.txt", b"<!DOCTYPE html><html><body><p>R\xc3\xa5det</p></body></html>")

    note = write(tmp_path, "note.txt", b"Filer der starter med %PDF-1.4 er PDF'er.\n")

    assert extract(pdf_as_txt, tmp_path).kind == "pdf"
    assert extract(note, tmp_path).kind == "text"
    assert (extract(html_as_txt, tmp_path).kind, extract(html_as_txt, tmp_path).pages[0].text) == ("html", "Rådet\n")


# --- files the OS will not give us -------------------------------------------------------------


def test_a_missing_file_a_folder_and_an_empty_file_each_get_one_line(tmp_path):
    (tmp_path / "mappe.pdf").mkdir()

    assert reason_for(tmp_path / "forsvundet.pdf") == "filen forsvandt under indekseringen"
    assert reason_for(tmp_path / "mappe.pdf") == "er en mappe, ikke en fil"
    assert reason_for(write(tmp_path, "tom.txt", b"")) == "tom fil (0 bytes)"
    assert reason_for(write(tmp_path, "blank.txt", b" \r\n\t\n")) == "ingen tekst i filen (kun blanktegn)"


def test_an_unreadable_file_is_reported_as_such(tmp_path, monkeypatch):
    path = write(tmp_path, "hemmelig.txt", b"Referat")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the open fail the way it does for others
        real_open = os.open

        def denied(file, *args, **kwargs):
            if os.fspath(file) == str(path):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(os, "open", denied)

    assert reason_for(path) == "ingen læseadgang"  # in Danish only: not the OS's English "Permission denied"


@pytest.mark.parametrize(
    "error,reason",
    [
        (OSError(errno.EIO, "Input/output error"), "kan ikke læses (læsefejl (I/O-fejl) – disken eller drevet kan være beskadiget)"),
        (OSError(errno.ESTALE, "Stale file handle"), "kan ikke læses (netværksdrevet svarer ikke)"),
        (OSError(errno.ENOTSUP, "Operation not supported"), "kan ikke læses (systemfejl ENOTSUP)"),
        (OSError("no errno at all"), "kan ikke læses (ukendt systemfejl)"),
    ],
)
def test_an_os_error_while_reading_is_told_in_danish_never_in_the_oss_english(tmp_path, monkeypatch, error, reason):
    path = write(tmp_path, "referat.txt", b"Referat")
    real_open = os.open

    def failing(file, *args, **kwargs):
        if os.fspath(file) == str(path):
            raise error
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing)

    assert reason_for(path) == reason


def test_source_is_the_posix_path_relative_to_the_root(tmp_path):
    path = tmp_path / "2017" / "feb" / "referat.txt"
    path.parent.mkdir(parents=True)
    path.write_text("1. Godkendelse af dagsorden\n", encoding="utf-8")

    assert extract(path, tmp_path).source == "2017/feb/referat.txt"


# --- which files are candidates ------------------------------------------------------------------


def test_supported_junk_and_unknown_files_are_told_apart():
    assert all(is_candidate(Path(n)) for n in ("a.pdf", "b.PDF", "c.txt", "d.md", "e.html", "f.htm"))
    assert all(is_junk(Path(n)) for n in ("~$referat.docx", ".DS_Store", "referat.pdf.part", "notes.txt~", "Thumbs.db"))
    assert not is_candidate(Path("~$referat.txt")) and not is_candidate(Path("referat.docx"))
    assert unsupported_reason(Path("referat.docx")) == "Word-dokument (.docx) – gem det som PDF for at få det med"
    assert unsupported_reason(Path("kort.dwg")) == "ukendt filtype '.dwg'"
    assert unsupported_reason(Path("README")) == "ukendt filtype (ingen filendelse)"


# --- text in any encoding ----------------------------------------------------------------------

DANISH = "Fraværende: Søren Ærø – Rådet godkendte æblerne på mødet for 1.500 €.\n"


@pytest.mark.parametrize(
    "encoded",
    [
        DANISH.encode("utf-8"),
        b"\xef\xbb\xbf" + DANISH.encode("utf-8"),
        DANISH.encode("utf-16"),  # with BOM, little-endian here
        b"\xfe\xff" + DANISH.encode("utf-16-be"),
        DANISH.encode("utf-16-le"),  # no BOM: told from where the NUL bytes sit
        DANISH.encode("cp1252"),  # – and € are Windows-1252 bytes 0x96 and 0x80
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "cp1252"],
)
def test_text_comes_out_with_correct_danish_letters_whatever_the_encoding(tmp_path, encoded):
    assert extract(write(tmp_path, "referat.txt", encoded), tmp_path).pages[0].text == DANISH


def test_a_short_legacy_line_is_read_as_windows_1252_not_guessed():
    # charset-normalizer calls these bytes cp1250 and returns "Rĺdet ... ćblerne ... mřdet"
    assert decode_text("Rådet godkendte æblerne på mødet.".encode("cp1252")) == "Rådet godkendte æblerne på mødet."


def test_a_utf8_file_with_a_few_legacy_bytes_keeps_both_readable():
    mixed = "Rådet mødes i Næstved.\n".encode() + "Fraværende: Søren\n".encode("cp1252")

    assert decode_text(mixed) == "Rådet mødes i Næstved.\nFraværende: Søren\n"


def test_the_latin1_fixture_reads_with_correct_letters_and_unix_newlines():
    source = extract(LATIN1_MINUTES, INPUTS)
    original = (LAYOUTS / "f3_lyngsoe_beskaeftigelses_og_integrationsudvalget_2012-03-13.txt").read_text(encoding="utf-8")

    assert b"\r\n" in LATIN1_MINUTES.read_bytes() and b"\xe6" in LATIN1_MINUTES.read_bytes()  # really legacy bytes
    assert (source.kind, source.page_count) == ("text", 1)
    assert source.pages[0].text == original
    assert "Beskæftigelses- og Integrationsudvalget" in source.pages[0].text


def test_newlines_control_characters_and_decomposed_letters_are_normalised(tmp_path):
    data = "Linje 1\r\nLinje 2\rLinje 3\fLinje 4 a\u030a\n\x1a".encode()

    assert extract(write(tmp_path, "r.txt", data), tmp_path).pages[0].text == "Linje 1\nLinje 2\nLinje 3 Linje 4 å\n"


def test_binary_data_under_a_text_name_is_refused(tmp_path):
    assert reason_for(write(tmp_path, "data.txt", bytes(range(256)) * 4)) == "binær fil, ikke tekst (indeholder NUL-bytes)"


def test_markdown_is_its_own_kind(tmp_path):
    assert extract(write(tmp_path, "referat.md", b"# Referat\n"), tmp_path).kind == "markdown"


# --- HTML -------------------------------------------------------------------------------------


def html_lines() -> list[str]:
    source = extract(HTML_MINUTES, INPUTS)
    assert (source.kind, source.page_count) == ("html", 1)
    return source.pages[0].text.split("\n")


def test_html_minutes_keep_their_structure_as_lines():
    lines = html_lines()

    assert lines[0] == "Integrationsrådet - Referat"
    for line in (
        "Dato: 14. september 2016",  # <dt>/<dd> share a line
        "Punkter",
        "1. Godkendelse af dagsorden",  # <ol> items numbered as a browser shows them
        "2. Beslutning om nyt kommissorium for Integrationsrådet",  # a heading on its own line
        "Resume",
        "Sagsforløb: IR/BE/BY",
        "- at rådets medlemstal nedsættes fra 11 til 9,",  # <ul> items
        "1) Rådet ønsker at bevare 11 medlemmer, så de største sproggrupper fortsat er repræsenteret.",  # <br>
        "Fraværende: Hassan Jaber",
        "Bøgeskov Gartneri\t3",  # table rows, cells tab-separated
        "Til toppen",  # single-line chrome is the cleaner's job
    ):
        assert line in lines, line
    assert lines.count("Beslutning") == 5
    assert lines.count("3. Midlertidige boliger til flygtninge på Egevej") == 2  # contents and heading
    heading = len(lines) - 1 - lines[::-1].index("3. Midlertidige boliger til flygtninge på Egevej")
    assert lines[heading - 1] == lines[heading + 1] == ""  # set apart like a browser's margins


def test_html_page_chrome_scripts_and_hidden_markup_are_left_out():
    text = "\n".join(html_lines())

    for chrome in ("Gå til indhold", "cookies", "Hovedmenu", "Borger", "Erhverv", "Forside", "Søg på",
                   "Tilgængelighedserklæring", "Rådhustorvet", "dataLayer", "visually-hidden", "&shy;", "<"):
        assert chrome not in text, chrome
    assert "10 pavillonboliger på Egevej med plads til 28 personer" in text  # &shy; and &nbsp; resolved


def test_html_without_main_drops_page_header_and_footer_but_keeps_an_articles_own_header(tmp_path):
    page = """<html><body><header>Kommunens logo</header><div role="navigation">Menu</div>
    <article><header><h1>7. Eventuelt</h1></header><p>Intet.</p><footer>Sagsnr 15/2231</footer></article>
    <p hidden>skjult</p><div style="display: none">skjult</div><footer>Adresse og telefon</footer></body></html>"""

    text = extract(write(tmp_path, "r.html", page.encode()), tmp_path).pages[0].text

    assert text == "7. Eventuelt\n\nIntet.\n\nSagsnr 15/2231\n"


def test_html_declared_latin1_is_read_as_windows_1252_like_a_browser(tmp_path):
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Rådet – mødet</p></body></html>'

    assert extract(write(tmp_path, "r.htm", page.encode("cp1252")), tmp_path).pages[0].text == "Rådet – mødet\n"


def test_html_without_a_declaration_uses_the_text_rule(tmp_path):
    page = "<html><body><p>Fraværende: Søren</p></body></html>"

    assert extract(write(tmp_path, "r.html", page.encode("cp1252")), tmp_path).pages[0].text == "Fraværende: Søren\n"


def test_an_html_page_with_no_visible_text_is_refused(tmp_path):
    page = b"<html><head><title>Referat</title><script>var x;</script></head><body><nav>Menu</nav></body></html>"

    assert reason_for(write(tmp_path, "r.html", page)) == "ingen synlig tekst i HTML-siden"


def test_a_saved_not_found_page_is_refused_not_indexed_as_minutes(tmp_path):
    page = (PDFS / "not-a-pdf.pdf").read_bytes()  # the Danish 404 page behind the fake PDF

    assert reason_for(write(tmp_path, "referat-2017-05-18.html", page)) == (
        "en fejlside fra et websted, ikke et dokument («Siden blev ikke fundet – Næstved Kommune»)"
    )


def test_an_english_file_is_refused_not_indexed_as_minutes():
    """A README or manifest beside the minutes (the fixtures' MANIFEST.md) is not a council
    record: indexed, it became an annual report of the municipality its text names."""
    assert reason_for(PDFS / "MANIFEST.md") == "engelsk tekst, ikke et dansk rådsdokument (331 engelske og 17 danske småord)"


def test_danish_minutes_quoting_english_are_read(tmp_path):
    minutes = (LAYOUTS / "f1_hedelund_integrationsraadet_2015-05-27.txt").read_text(encoding="utf-8")
    quote = "The project is one of the best that we have seen, and it will be shown to the council. " * 6
    source = extract(write(tmp_path, "referat.txt", (minutes + "\n\n" + quote).encode("utf-8")), tmp_path)
    assert quote.strip() in source.pages[0].text
    one_line = "Punkt 3: Welcome to the council, and the project is one of the best."
    assert extract(write(tmp_path, "kort.txt", one_line.encode("utf-8")), tmp_path).pages  # too short to tell: read


# --- through the pipeline: the same minutes as the text layouts ----------------------------------


def layout_expectation(name: str) -> dict:
    return json.loads((LAYOUTS / "expected.json").read_text(encoding="utf-8"))[name]


@pytest.mark.parametrize(
    "path,layout",
    [
        (HTML_MINUTES, "f4_boegeskov_integrationsraadet_2016-09-14.txt"),
        (LATIN1_MINUTES, "f3_lyngsoe_beskaeftigelses_og_integrationsudvalget_2012-03-13.txt"),
    ],
    ids=["html", "latin-1"],
)
def test_html_and_legacy_text_minutes_segment_like_their_text_layouts(path, layout):
    from indexer.pipeline import read_document

    expected = layout_expectation(layout)
    document = read_document(path, INPUTS)

    assert [(p.item_number, p.title) for p in document.passages] == [(i["number"], i["title"]) for i in expected["items"]]
    assert [p.case_number for p in document.passages] == [i.get("case_number") for i in expected["items"]]
    for field in ("doc_type", "municipality", "council", "meeting_date", "year"):
        assert getattr(document, field) == expected[field], field
    assert all(p.has_decision for p in document.passages)
    text = "\n".join(p.text for p in document.passages)
    assert "æ" in text and "ø" in text and "å" in text and "\ufffd" not in text
    for chrome in ("Til toppen", "Udskriv", "Forside", "Tilgængelighedserklæring", "cookies"):
        assert chrome not in text

