"""Minutes as the meeting systems export them (the layouts5 review): FirstAgenda, EG, Acadre, SBSYS,
eDoc, Region Hovedstaden's template, Cicero, Netpublikator and KMD. Each file against its
expected.json, and each convention it showed, in variants of it.

The conventions: SBSYS's «Sag nr. 112 Title» (and «Sag nr. 112: Title») heading on one line; the
open/closed markers «Åben sag» / «Lukket sag» under a heading (anchors, never text or title); EG's
«50 (Lukket) Title», a closed item printed with its heading only, its marker no part of its title;
signature pages («Underskriftsside», «Udskrift» / «Udskriften bekræftes:») that close the minutes;
Region Hovedstaden's labels (POLITISK BEHANDLING, TIDSPLAN OG VIDERE PROCES, DIREKTØRPÅTEGNING,
BILAGSFORTEGNELSE) and its JOURNALNUMMER field with the value under it; «Acadre sagsnr.:»; a case
handler followed by «Åbent punkt» on the same line; Cicero's «Sagsresumé»; and the decision date of a
plain «Beslutning»: the meeting's. Before, the SBSYS file came out as one passage.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, assert_document_as_expected, load_expected, read_fixture, read_rewritten, read_written
from indexer import conventions as cv

EXPORTS = FIXTURES / "system_exports"
rewritten = partial(read_rewritten, EXPORTS)
EXPECTED = load_expected(EXPORTS)
DOCUMENT_FIELDS = ("municipality", "council", "meeting_date", "doc_type", "absent")
FIRSTAGENDA = "a_firstagenda_skovbjerg_oekonomiudvalget_2025-03-12.txt"
EG = "b_eg_dagsorden_aahavn_byraadet_2025-04-24.txt"
ACADRE = "c_acadre_lindeby_socialudvalget_2025-02-03.txt"
SBSYS = "d_sbsys_vesterkaer_teknikudvalget_2024-11-05.txt"
REGION_H = "f_regionh_forretningsudvalget_2025-06-10.txt"
CICERO = "g_cicero_fjordhavn_boerneudvalget_2025-01-14.txt"
NETPUBLIKATOR = "h_netpublikator_soelund_kommunalbestyrelsen_2025-09-25.html"
KMD = "i_kmd_egnsby_byraadet_2023-12-13.txt"
ONE_LINE_FIELDS = "v1_soelund_kommunalbestyrelsen_2025-09-25.txt"
REGION_H_COUNCIL = "v2_regionh_regionsraadet_2025-06-17.txt"
SBSYS_COLON = "v3_sbsys_vesterkaer_teknikudvalget_2024-11-05.txt"

read = partial(read_fixture, EXPORTS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_export_yields_the_expected_items(name):
    assert_document_as_expected(name, read(name), EXPECTED[name], DOCUMENT_FIELDS)


# --- SBSYS: «Sag nr. 112 Title» on one line --------------------------------------------------


SBSYS_ITEMS = [(112, "Godkendelse af dagsorden"), (113, "Vejvedligeholdelse 2025 - prioritering af asfaltpuljen"),
               (114, "Spildevandsplan 2025-2030, endelig vedtagelse"), (115, "Lukket sag - Ekspropriation"),
               (116, "Orientering")]


def test_sag_nr_and_title_on_one_line_is_the_items_heading():
    passages = read(SBSYS).passages
    assert [(p.item_number, p.title) for p in passages] == SBSYS_ITEMS
    orientering = passages[4]
    assert orientering.decision == "Taget til efterretning."
    assert "Formanden orienterede om borgermødet" in orientering.text
    assert "Sag nr. 116" not in passages[3].text  # item 116 is no longer inside item 115's decision


def test_sag_nr_with_a_colon_before_the_title():
    passages = read(SBSYS_COLON).passages
    assert [(p.item_number, p.title, p.case_number) for p in passages] == [
        (112, "Godkendelse af dagsorden", "24/1212"), (113, "Vejvedligeholdelse 2025", "24/1213")]


def test_sag_nr_headings_with_one_case_number_for_all_items(tmp_path):
    # (the reviewer's v4: every item printed with the same case number)
    document = rewritten(tmp_path, SBSYS, lambda t: t.replace("Sagsnummer: 05.01.00-G01-4-24", "Sagsnummer: 24/1212")
                         .replace("Sagsnummer: 06.00.05-P15-1-23", "Sagsnummer: 24/1212")
                         .replace("Sagsnummer: 00.01.00-A00-12-24", "Sagsnummer: 24/1212"))
    assert [(p.item_number, p.title) for p in document.passages] == SBSYS_ITEMS
    assert [p.case_number for p in document.passages] == ["24/1212", "24/1212", "24/1212", None, "24/1212"]


def test_sag_nr_headings_without_the_open_marker(tmp_path):
    # (the reviewer's v5: no «Åben sag» under the open items, only under the closed one)
    document = rewritten(tmp_path, SBSYS, lambda t: t.replace("Ida Thorsen\nÅben sag", "Ida Thorsen")
                         .replace("\nÅben sag\n", "\n"))
    assert [(p.item_number, p.title) for p in document.passages] == SBSYS_ITEMS
    spildevand = document.passages[2]
    assert "Sag nr. 115" not in spildevand.text and spildevand.decision == "Anbefales."


@pytest.mark.parametrize("line, fields", [
    ("Sag nr.: 22/14533", {"case_number": "22/14533"}),  # Odense: the case's number, no heading
    ("Sag nr. 130", {"item_number": "130"}),  # f9: the item's number, its title on the line above
])
def test_sag_nr_alone_keeps_its_meaning(line, fields):
    assert cv.PUNKT_HEADING.match(line) is None
    assert cv.field_line(line).fields == fields


def test_a_sag_nr_title_keeps_its_own_number():
    # "Punkt 3 Title 1/2019" ends in the meeting's reference (layout 7); after "Sag nr." a number is the title's
    match = cv.PUNKT_HEADING.match("Sag nr. 14 Lokalplan 12/2018")
    assert (match.group("number"), match.group("title")) == ("14", "Lokalplan 12/2018")


# --- «Åben sag» / «Lukket sag» under a heading ----------------------------------------------


@pytest.mark.parametrize("line", ["Åben sag", "Lukket sag", "Åbent punkt", "Lukket punkt", "LUKKET SAG"])
def test_open_and_closed_markers_are_anchors_without_fields(line):
    assert cv.field_line(line).fields == {}


def test_the_open_marker_is_no_text_and_the_closed_marker_no_title():
    passages = read(FIRSTAGENDA).passages
    assert not any("Åben sag" in p.text for p in passages)
    assert not any(s.text.startswith("Åben sag") for p in passages for s in p.sections)
    closed = passages[-1]
    assert (closed.item_number, closed.title, closed.decision) == (7, "Lukket sag: Køb af ejendom", "Godkendt.")


# --- EG/KMD: «50 (Lukket) Title» --------------------------------------------------------------


def test_closed_items_printed_with_their_heading_only_are_items():
    passages = read(EG).passages
    assert [p.item_number for p in passages] == [45, 46, 47, 48, 49, 50, 51, 52]
    forslag, areal, personale = passages[4], passages[5], passages[6]
    assert forslag.decision == "Forslaget blev forkastet med 2 stemmer for (F, Ø) og 6 imod."
    assert (areal.title, areal.has_decision, areal.text) == ("Salg af areal ved Industrivej", False, "")
    assert (personale.title, personale.has_decision) == ("Personalesag", False)


def test_the_open_or_closed_marker_in_brackets_is_no_part_of_the_title():
    titles = [p.title for p in read(EG).passages]
    assert not [t for t in titles if "Åben" in t or "Lukket" in t]
    assert titles[4] == "Forslag fra Socialistisk Folkeparti (F) om gratis busbefordring for unge"  # the party stays
    assert cv.clean_title("Personalesag (Lukket)") == "Personalesag"


def test_a_heading_repeating_a_contents_entry_is_an_item_without_its_marker(tmp_path):
    # the contents list names item 50 and 51; their headings without "(Lukket)" still start them
    document = rewritten(tmp_path, EG, lambda t: t.replace("\n50 (Lukket) Salg", "\n50 Salg")
                         .replace("\n51 (Lukket) Personalesag", "\n51 Personalesag"))
    passages = document.passages
    assert [p.item_number for p in passages] == [45, 46, 47, 48, 49, 50, 51, 52]
    assert passages[4].decision == "Forslaget blev forkastet med 2 stemmer for (F, Ø) og 6 imod."


def test_a_reports_numbered_chapters_in_its_contents_stay_sections(tmp_path):
    # a contents entry anchors a heading only in minutes: an annual report's chapters have no anchors
    text = ("Hedensted Kommune\n\nÆldrerådets årsberetning 2022\n\nIndholdsfortegnelse\n"
            "Forord ........ 2\n1. Ældrerådets sammensætning ........ 3\n1.1 Medlemmer ........ 3\n"
            "2. Høringssvar i 2022 ........ 4\n\nForord\n\nÆldrerådet har holdt 11 møder i 2022.\n\n"
            "1. Ældrerådets sammensætning\n\n1.1 Medlemmer\n\nRådet har 9 medlemmer.\n\n"
            "2. Høringssvar i 2022\n\nRådet har afgivet 14 høringssvar.\n")
    document = read_written(tmp_path, "hedensted-aeldreraadet-aarsberetning-2022.txt", text)
    assert document.doc_type == "årsberetning"
    assert not any(p.item_number == 1 and p.title == "Medlemmer" for p in document.passages)


# --- Signature pages close the minutes --------------------------------------------------------


@pytest.mark.parametrize("name, closing, last_decision", [
    (FIRSTAGENDA, "Underskriftsside", "Godkendt."),
    (SBSYS, "Underskriftsside", "Taget til efterretning."),
    (KMD, "Udskriften bekræftes", "Godkendt med den ændring, at mødet i juli udgår."),
    (ACADRE, "Underskrifter", "Direktøren orienterede om ny organisering af myndighedsafdelingen."),
])
def test_the_signature_page_is_no_part_of_the_last_item(name, closing, last_decision):
    last = read(name).passages[-1]
    assert last.decision == last_decision
    assert closing not in last.text and "Udskrift" not in last.text


@pytest.mark.parametrize("line", ["Underskriftsside", "UNDERSKRIFTSSIDE", "Udskrift", "Udskriften bekræftes:",
                                  "Udskriften bekræftes: Gert Andersen, borgmester"])
def test_signature_headers(line):
    assert cv.CLOSING.match(line)


# --- Region Hovedstaden ----------------------------------------------------------------------


def test_region_h_labels_are_sections_and_end_the_one_before():
    first = read(REGION_H).passages[0]
    sections = {s.key: s for s in first.sections}
    assert sections["indstilling"].text.endswith("2. at godkende de i sagen beskrevne omplaceringer.")
    assert sections["politisk_behandling"].text == "Forretningsudvalget behandlede sagen på mødet den 10. juni 2025."
    assert sections["kommunikation"].text == "Der planlægges ikke kommunikationsaktiviteter."
    assert sections["videre_proces"].text == "Næste budgetopfølgning forelægges i september 2025."
    assert sections["direktørpåtegning"].text == "Jens Gordon Clausen / Martin Magelund Rasmussen"
    assert sections["bilag"].text.startswith("1. Budgetopfølgning pr. 30. april 2025 - notat")
    assert first.decision == "1. Taget til efterretning.\n2. Godkendt."


def test_region_h_journalnummer_under_its_label_is_the_case_number():
    passages = read(REGION_H).passages
    assert [p.case_number for p in passages] == ["25004387", "25001120", "24067718", "25000215", None]
    assert not any("JOURNALNUMMER" in s.text for p in passages for s in p.sections)
    council = read(REGION_H_COUNCIL).passages[0]
    assert (council.decision, council.case_number) == ("Godkendt.", "25001120")


def test_capitals_headings_take_the_contents_lists_spelling():
    titles = [p.title for p in read(REGION_H).passages]
    assert titles == ["Budgetopfølgning pr. 30. april 2025", "Forslag til budget 2026 - første behandling",
                      "Anlægsbevilling til ny akutmodtagelse på Bispebjerg Hospital",
                      "Beslutning om fremtidig organisering af Akutberedskabet", "Meddelelser"]
    # without a contents list, the title stays as printed
    assert read(REGION_H_COUNCIL).passages[0].title == "GODKENDELSE AF DAGSORDEN"


# --- Field lines ------------------------------------------------------------------------------


def test_the_case_systems_name_before_sagsnr():
    passages = read(ACADRE).passages
    assert [(p.title, p.case_number) for p in passages][:2] == [
        ("Godkendelse af dagsorden", "25/00112"), ("Takster 2025 for botilbud efter serviceloven", "24/18877")]
    assert cv.field_line("Acadre sagsnr.: 24/18877").fields == {"case_number": "24/18877"}
    assert cv.field_line("Tidligere sagsnr.: 22/1234") is None  # another case's number


@pytest.mark.parametrize("line", [
    "Sagsnr.: 00.01.00-A00-9-25 Sagsbehandler: Rikke Lund Åbent punkt",
    "Sagsnr.: 00.01.00-A00-9-25   Sagsbehandler: Rikke Lund   Åbent punkt",
    "Sagsnr.: 00.01.00-A00-9-25 · Sagsbehandler: Rikke Lund · Lukket punkt",
])
def test_the_open_marker_ends_the_case_handlers_name(line):
    assert cv.field_line(line).fields == {"case_number": "00.01.00-A00-9-25", "case_handler": "Rikke Lund"}


@pytest.mark.parametrize("name", [NETPUBLIKATOR, ONE_LINE_FIELDS])
def test_case_handlers_on_a_field_line_with_the_open_marker(name):
    assert {p.case_handler for p in read(name).passages} <= {"Rikke Lund", "Carsten Vinther"}


def test_sagsresume_is_the_resume():
    skoledistrikter = read(CICERO).passages[1]
    resume = next(s for s in skoledistrikter.sections if s.key == "resume")
    assert (resume.label, resume.text) == (
        "Sagsresumé", "Udvalget skal tage stilling til nye skoledistrikter efter lukningen af Hedegård Skole.")
    assert cv.section_key("SAGSRESUMÉ") == "resume"


# --- The decision date of a plain «Beslutning» -----------------------------------------------


@pytest.mark.parametrize("name, date", [(ACADRE, "2025-02-03"), (SBSYS, "2024-11-05"), (REGION_H, "2025-06-10")])
def test_a_plain_decision_label_is_decided_on_the_meeting_date(name, date):
    passages = read(name).passages
    assert {p.decision_date for p in passages if p.has_decision} == {date}
    assert all(p.decision_date is None for p in passages if not p.has_decision)


MINUTES = """Åhavn Kommune

Byrådet

Referat

Mødedato: 24. april 2025

1. Godkendelse af dagsorden
Sagsnr.: 25/00001

{header}
Godkendt.
"""


@pytest.mark.parametrize("header, date", [
    ("Beslutning", "2025-04-24"),
    ("Byrådets beslutning", "2025-04-24"),
    ("Beslutning i Byrådet den 23-04-2025", "2025-04-23"),  # a dated header keeps its date
    ("Beslutning i Økonomiudvalget", None),  # another council's decision, undated: no date of this meeting
])
def test_the_decision_date_falls_back_to_the_meeting_only_for_this_councils_undated_decision(tmp_path, header, date):
    passage = read_written(tmp_path, "aahavn_byraadet_2025-04-24.txt", MINUTES.format(header=header)).passages[0]
    assert (passage.decision, passage.decision_date) == ("Godkendt.", date)


def test_without_a_meeting_date_a_plain_decision_has_none(tmp_path):
    text = MINUTES.format(header="Beslutning").replace("Mødedato: 24. april 2025\n", "")
    passage = read_written(tmp_path, "aahavn_byraadet.txt", text).passages[0]
    assert (passage.meeting_date, passage.decision_date) == (None, None)
