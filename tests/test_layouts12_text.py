"""Layouts review 12 (2026-12-05), how text is read: files in tests/fixtures/layouts12_text/, copied from the
review, and small texts and pages written here.

The findings: a line ending in a quoted sentence («… i lokalplanområdet."») was joined to the next as if
wrapped, so the decision on an amendment («Ændringsforslaget blev forkastet …») read as the amendment's
own words and an adopted lokalplan read «Afvist» (3); an HTML page's attendance list before its <main>
was dropped with the site's chrome (5); a <dt>/<dd> pair read as text, «Sagstype Høring», not as a
field line (11).

Code review 28 of those fixes: a site's contact or staff box before <main> («Sted: Rådhustorvet 1 …»,
«Sagsbehandler: Lars Kjær») was read as the meeting's facts, a false place and a notice of case fields before
item 1 (6); a <dt> that is an item's number read as a label, «1.: Godkendelse af dagsorden», and no item was
found (8).
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_shared_fixture, shared_fixture, read_written
from indexer.clean import reflow
from indexer.htmltext import read_page

LAYOUTS12 = FIXTURES / "layouts12_text"
SHARED = FIXTURES / "layouts12"  # the review's own files, read there (not copied here)


fixture = partial(shared_fixture, LAYOUTS12, SHARED)
read = partial(read_shared_fixture, LAYOUTS12, SHARED)


KOEBENHAVN = "koebenhavn-borgerrepraesentationen-referat-2025-03-13.txt"
NORREBY = "norreby-seniorraadet-referat-2025-01-28.html"
# code review 28's pages: a contact box, a staff box, the agenda as a <dl>
STAFF_BOX = "norreby-seniorraadet-referat-2025-01-28-sagsbehandlerboks.html"
CASE_BOX = "norreby-seniorraadet-referat-2025-01-28-kontaktboks-med-sagsnr.html"
PLACE_BOX = "norreby-seniorraadet-referat-2025-01-28-kontaktboks-med-sted.html"
AGENDA_DL = "norreby-seniorraadet-referat-2025-01-28-punkter-som-dl.html"
AGENDA_DL_PUNKT = "norreby-seniorraadet-referat-2025-01-28-punkter-som-dl-punkt.html"


# --- 3. A quoted sentence ends its line --------------------------------------------------------------


def test_an_amendment_quoted_in_the_decision_keeps_the_vote_on_it_apart():
    item = read(KOEBENHAVN).passages[1]
    assert item.item_number == 2
    lines = item.decision.split("\n")
    assert lines[1] == ('"Borgerrepræsentationen pålægger forvaltningen at indarbejde minimum 25 pct. '
                        'almene boliger i lokalplanområdet."')
    assert lines[2] == "Ændringsforslaget blev forkastet med følgende resultat:"
    # the amendment was rejected, the lokalplan adopted
    assert item.outcome == "Godkendt"


_AMENDMENT = ("Testby Kommune\nByrådet\nReferat af møde 13. marts 2025\n\n1. Lokalplan for Sydhavnsvej\n\n"
              "Sagsnr.: 2025-0123456\n\nBeslutning\nÆndringsforslag stillet af Enhedslisten:\n"
              "{open}Byrådet pålægger forvaltningen at indarbejde almene boliger i hele lokalplanområdet."
              "{close}\n"
              "Ændringsforslaget blev forkastet med følgende resultat:\nFor stemte: 11\n\n"
              "Herefter blev indstillingen godkendt.\n")


@pytest.mark.parametrize("open_, close",
                         [('"', '"'), ("»", "«"), ("«", "»"), ("“", "”"), ("(", ")"), ("'", "'")])
def test_each_closing_quote_or_bracket_after_the_full_stop_ends_the_line(tmp_path, open_, close):
    item = read_written(tmp_path, "testby-byraadet-referat-2025-03-13.txt",
                        _AMENDMENT.format(open=open_, close=close)).passages[0]
    assert "\nÆndringsforslaget blev forkastet med følgende resultat:\n" in item.decision
    assert item.outcome == "Godkendt"


def test_a_long_line_without_punctuation_still_joins_the_next_as_wrapped():
    first = "Udvalget besluttede at sende forslaget til lokalplan i høring hos Handicaprådet og"
    assert len(first) >= 60
    assert reflow([first, "Ældrerådet inden den endelige vedtagelse."]) == (
        first + " Ældrerådet inden den endelige vedtagelse.")


@pytest.mark.parametrize("first, second", [
    # a quoted sentence ends the line, and the sentence quoting it goes on in lower case
    ('Formanden oplyste på mødet, at borgmesteren havde skrevet: "Vi venter på svar."',
     "men der er intet svar endnu."),
    # a bracket ending in an abbreviation, and the sentence goes on
    ("Anlægsudgiften til den nye daginstitution er anslået (inkl. moms ca. 20 mio. kr.)", "og afholdes af puljen."),
])
def test_a_line_in_lower_case_after_a_closing_mark_goes_on_the_sentence(first, second):
    assert reflow([first, second]) == f"{first} {second}"


def test_a_quoted_sentence_inside_a_paragraph_is_left_as_it_is():
    lines = ['Borgmesteren sagde: "Vi går videre med sagen." Det blev taget til efterretning af udvalget,',
             "der ønsker en ny orientering."]
    assert reflow(lines) == " ".join(lines)


# --- 5. The meeting's attendance before <main> ---------------------------------------------------------


def test_the_attendance_list_before_main_is_the_meetings():
    document = read(NORREBY)
    assert [p.item_number for p in document.passages] == [1, 2, 3, 4]
    for item in document.passages:
        assert item.present == ("Bent Sørensen", "Inger Juul", "Poul Erik Dam", "Grethe Vinther", "Ole Skovgaard")
        assert item.absent == ("Kirsten Lykke",)
        assert item.staff == ("Mette Bjerre",)
        # the head's lines, no item's text
        assert "Afbud" not in item.text and "Deltagere" not in item.text
    assert document.passages[0].title == "Høring om kvalitetsstandard for praktisk hjælp 2025"


def test_the_attendance_block_stands_in_the_head_after_the_title_block():
    lines = read_page((fixture(NORREBY)).read_text(encoding="utf-8")).text.split("\n")
    afbud = lines.index("Afbud: Kirsten Lykke")
    assert lines.index("Seniorrådet") < afbud < lines.index("1. Høring om kvalitetsstandard for praktisk hjælp 2025")
    assert lines[afbud - 1].startswith("Deltagere: Bent Sørensen (formand)")
    assert lines[afbud + 1] == "Referent: Mette Bjerre, Sundhed og Ældre"


def _page(before: str, main: str = "", after: str = "") -> str:
    main = main or ("<h1>Teknisk Udvalg</h1><p>Referat af møde 3. marts 2025</p>"
                    "<h2>1. Godkendelse af dagsorden</h2><h3>Beslutning</h3><p>Godkendt.</p>")
    return (f"<!DOCTYPE html><html lang='da'><head><title>Teknisk Udvalg - Lyngby Kommune</title></head><body>"
            f"{before}<main>{main}</main>{after}</body></html>")


_CHROME = (
    "<nav><ul><li><a href='/'>Forside</a></li><li><a href='/politik'>Politik</a></li></ul></nav>"
    "<div class='cookie-notice'>Cookies: Vi bruger cookies til statistik. <button>OK</button></div>"
    "<div class='kontakt'><p>Telefon: 70 10 20 30</p><p>E-mail: post@lyngby.dk</p></div>"
    "<div class='intro'><p>Her finder du referater fra alle udvalg.</p></div>"
)
_FOOTER = "<footer><p>Fraværende: ingen · Lyngby Kommune · Torvet 1 · 2800 Lyngby</p></footer>"


def test_menus_cookie_text_contact_boxes_and_footers_outside_main_stay_out():
    text = read_page(_page(_CHROME, after=_FOOTER)).text
    for chrome in ("Forside", "Cookies", "Telefon", "E-mail", "Her finder du", "Torvet 1"):
        assert chrome not in text, chrome


def test_facts_before_main_go_into_the_head_of_a_main_with_its_own_title(tmp_path):
    facts = ("<div class='moede-info'><dl><dt>Mødested</dt><dd>Rådhuset, mødelokale 2</dd>"
             "<dt>Fraværende</dt><dd>Ib Holm (V)</dd></dl></div>")
    lines = read_page(_page(_CHROME + facts, after=_FOOTER)).text.split("\n")
    assert lines.index("Fraværende: Ib Holm (V)") < lines.index("1. Godkendelse af dagsorden")
    assert lines.index("Teknisk Udvalg") < lines.index("Mødested: Rådhuset, mødelokale 2")
    assert "Forside" not in lines and "Telefon: 70 10 20 30" not in lines

    (tmp_path / "lyngby-teknisk-udvalg-referat-2025-03-03.html").write_text(
        _page(_CHROME + facts, after=_FOOTER), encoding="utf-8")
    from indexer.pipeline import read_document
    item = read_document(tmp_path / "lyngby-teknisk-udvalg-referat-2025-03-03.html", tmp_path).passages[0]
    assert (item.item_number, item.absent, item.place) == (1, ("Ib Holm",), "Rådhuset, mødelokale 2")


def test_a_block_before_main_of_sentences_with_a_label_stays_out():
    # a notice naming «Afbud» in a sentence is no list of the meeting's facts
    notice = "<div class='notice'><p>Afbud: Husk at melde afbud til sekretariatet senest dagen før.</p></div>"
    text = read_page(_page(notice)).text
    assert "Husk at melde afbud" not in text


# --- Code review 28, 6: a contact or staff box before <main> is no meeting fact ---------------------------


def test_a_contact_boxs_address_is_not_the_meetings_place():
    document = read(PLACE_BOX)
    assert document.place is None
    assert document.present == ("Bent Sørensen", "Inger Juul", "Ole Hansen")
    assert not any("Rådhustorvet" in item.text or "Telefon" in item.text for item in document.passages)


@pytest.mark.parametrize("name, box_words", [
    (STAFF_BOX, ("Lars Kjær", "Sekretær", "Mette Nielsen", "Telefon")),
    (CASE_BOX, ("Ansvarlig", "Afdeling", "00.01.00-A00-1-24", "Kontakt")),
])
def test_a_staff_box_before_main_is_neither_the_head_nor_a_notice(name, box_words):
    document = read(name)
    assert document.notices == ()
    assert document.place == "Rådhuset, mødelokale 2"
    assert [(item.item_number, item.title) for item in document.passages] == [
        (1, "Godkendelse af dagsorden"), (2, "Budget 2026")]
    text = read_page((fixture(name)).read_text(encoding="utf-8")).text
    for word in box_words:
        assert word not in text, word


_ATTENDANCE = "<dt>Deltagere</dt><dd>Ib Holm (V), Bo Hjort (A)</dd><dt>Afbud</dt><dd>Per Lund (C)</dd>"


@pytest.mark.parametrize("box", [
    # the meeting's place and date alone: a contact box prints an address so
    "<div class='moede-info'><dl><dt>Mødested</dt><dd>Rådhuset, mødelokale 2</dd>"
    "<dt>Dato</dt><dd>3. marts 2025</dd></dl></div>",
    # a case's fields or the minute-taker alone
    "<div class='sagsinfo'><dl><dt>Sagsnr.</dt><dd>25/1234</dd><dt>Sagsbehandler</dt><dd>Lars Kjær</dd></dl></div>",
    "<div class='info'><p>Referent: Mette Bjerre</p></div>",
    # who sent apologies, named by nobody
    "<div class='deltagere'><dl><dt>Afbud</dt><dd>Ingen</dd></dl></div>",
    # attendance with a contact box's words or an e-mail address
    f"<div class='deltagere'><dl>{_ATTENDANCE}<dt>Telefon</dt><dd>70 10 20 30</dd></dl></div>",
    f"<div class='deltagere'><dl>{_ATTENDANCE}<dt>Åbningstider</dt><dd>Man-fre 10-15</dd></dl></div>",
    f"<div class='deltagere'><dl>{_ATTENDANCE}<dt>Referent</dt><dd>Mette Bjerre, mb@lyngby.dk</dd></dl></div>",
    # attendance in a box the site names a contact, staff or sidebar widget
    f"<div class='contact-card'><dl>{_ATTENDANCE}</dl></div>",
    f"<div class='sidebar'><section><dl>{_ATTENDANCE}</dl></section></div>",
    f"<div id='medarbejdere'><dl>{_ATTENDANCE}</dl></div>",
])
def test_a_block_before_main_without_the_meetings_attendance_or_in_a_contact_box_stays_out(box):
    lines = read_page(_page(box)).text.split("\n")
    assert not any(word in line for line in lines
                   for word in ("Rådhuset", "25/1234", "Lars Kjær", "Mette Bjerre", "Ingen", "Ib Holm", "Telefon"))


@pytest.mark.parametrize("box", [
    f"<section class='deltagere'><dl>{_ATTENDANCE}</dl></section>",
    f"<div class='moede-info'><dl><dt>Mødested</dt><dd>Rådhuset, mødelokale 2</dd>{_ATTENDANCE}</dl></div>",
    "<div class='moede'><p>Til stede:</p><p>Ib Holm (V)</p><p>Bo Hjort (A)</p><p>Afbud: Per Lund (C)</p></div>",
])
def test_the_meetings_attendance_before_main_with_its_place_is_read(box):
    lines = read_page(_page(box)).text.split("\n")
    assert any(line.startswith(("Deltagere: Ib Holm", "Til stede:")) for line in lines)
    assert lines.index("Afbud: Per Lund (C)") < lines.index("1. Godkendelse af dagsorden")


# --- 11. A <dt>/<dd> pair is a field line --------------------------------------------------------------


def test_a_terms_description_reads_as_its_field_line():
    document = read(NORREBY)
    first = document.passages[0]
    assert first.sections_by_key()["tekst"] == "Sagstype: Høring"
    assert "Sagstype Høring" not in first.text
    assert (first.case_number, first.case_handler) == ("27.12.00-P20-4-24", "Lars Holmgaard")
    lines = read_page((fixture(NORREBY)).read_text(encoding="utf-8")).text.split("\n")
    assert ["Sagsnr.: 29.30.00-A00-1-25", "Sagsbehandler: Hanne Kristoffersen", "Sagstype: Orientering"] == \
        lines[lines.index("2. Orientering om ny demensstrategi") + 2:][:3]


def test_a_term_in_inline_markup_reads_as_its_field_line_too():
    page = _page("", main=("<h1>Teknisk Udvalg</h1><h2>1. Vejbelysning</h2><dl>"
                           "<dt><span class='label'>Sagstype</span></dt>\n <dd><span>Beslutning</span></dd></dl>"
                           "<h3>Beslutning</h3><p>Godkendt.</p>"))
    assert "Sagstype: Beslutning" in read_page(page).text.split("\n")


def test_a_term_with_its_colon_or_over_paragraphs_is_left_as_printed():
    page = _page("", main=("<h1>Teknisk Udvalg</h1><dl><dt>Dato:</dt> <dd>3. marts 2025</dd></dl>"
                           "<h2>1. Vejbelysning</h2><dl><dt>Sagsfremstilling</dt><dd><p>Lamperne skiftes.</p></dd>"
                           "<dt>Beslutning</dt><dd><p>Godkendt.</p></dd></dl>"))
    lines = read_page(page).text.split("\n")
    assert "Dato: 3. marts 2025" in lines
    assert lines[lines.index("1. Vejbelysning"):] == [
        "1. Vejbelysning", "", "Sagsfremstilling", "", "Lamperne skiftes.", "", "Beslutning", "", "Godkendt.", ""]


# --- Code review 28, 8: a <dt> that is an item's number is no label ---------------------------------------


@pytest.mark.parametrize("name, first", [(AGENDA_DL, "1. Godkendelse af dagsorden"),
                                         (AGENDA_DL_PUNKT, "Punkt 1 Godkendelse af dagsorden")])
def test_an_agenda_printed_as_terms_and_descriptions_has_its_items(name, first):
    document = read(name)
    assert [(item.item_number, item.title) for item in document.passages] == [
        (1, "Godkendelse af dagsorden"), (2, "Budget 2026"), (3, "Eventuelt")]
    assert document.notices == ()
    assert document.passages[1].decision == "Taget til efterretning."
    assert first in read_page((fixture(name)).read_text(encoding="utf-8")).text.split("\n")


@pytest.mark.parametrize("term", ["2)", "§ 4", "a.", "Pkt. 3", "IV."])
def test_a_terms_number_or_marker_numbers_its_description(term):
    page = _page("", main=f"<h1>Teknisk Udvalg</h1><p>Indstillingen:</p><dl><dt>{term}</dt><dd>Vejbelysning</dd></dl>")
    assert f"{term} Vejbelysning" in read_page(page).text.split("\n")


def test_numbered_terms_in_an_items_text_are_its_points_not_items(tmp_path):
    page = _page("", main=("<h1>Teknisk Udvalg</h1><p>Referat af møde 3. marts 2025</p>"
                           "<h2>1. Godkendelse af dagsorden</h2><p>Beslutning: Godkendt.</p>"
                           "<h2>2. Trafikplan</h2><p>Planen har tre dele:</p>"
                           "<dl><dt>1.</dt><dd>Vejbelysning</dd><dt>2.</dt><dd>Cykelstier</dd>"
                           "<dt>3.</dt><dd>Fortove</dd></dl><p>Beslutning: Taget til efterretning.</p>"
                           "<h2>3. Eventuelt</h2><p>Beslutning: Intet.</p>"))
    document = read_written(tmp_path, "lyngby-teknisk-udvalg-referat-2025-03-03.html", page)
    assert [(item.item_number, item.title) for item in document.passages] == [
        (1, "Godkendelse af dagsorden"), (2, "Trafikplan"), (3, "Eventuelt")]
    assert "1. Vejbelysning\n2. Cykelstier\n3. Fortove" in document.passages[1].text
