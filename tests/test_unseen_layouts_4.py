"""Minutes in nine more municipalities' layouts (the layouts2 review of 2026-12-04): each file
against its expected.json, and each convention it showed, in variants of it.

The conventions: a case number printed alone under the title, without a label (Aalborg); «Sag
nr.: 22/14533», the case's number, beside «Sag nr. 130», the item's (Odense); «Punkt nr. 2 -
Title» (Frederiksberg); «Sagsbeskrivelse» as a section label, after the decision (Aalborg);
lettered group headers («B. Sager til afgørelse i udvalget», «C. Orientering», Odense);
«Bornholms Regionskommune»; Copenhagen's title with its case number in brackets and «…udvalgets
beslutning i mødet den 4. maj 2023»; and a decision header's date with a two-digit year
(Fredericia). Before, the Aalborg file lost every item but its last, and Copenhagen's lost its
decisions.
"""

from __future__ import annotations

from functools import partial


import pytest

from conftest import FIXTURES, assert_document_as_expected, load_expected, read_fixture, read_rewritten, run
from indexer import conventions as cv
from indexer.citation import citation

UNSEEN = FIXTURES / "unseen_layouts_4"
rewritten = partial(read_rewritten, UNSEEN)
EXPECTED = load_expected(UNSEEN)
DOCUMENT_FIELDS = ("municipality", "council", "meeting_date", "absent")
AALBORG = "aalborg_by_og_landskabsudvalget_2023-05-04.txt"
BORNHOLM = "bornholm_kommunalbestyrelsen_2023-04-27.txt"
FREDERICIA = "fredericia_byraadet_2022-05-02.txt"
FREDERIKSBERG = "frederiksberg_kultur_og_fritidsudvalget_2022-05-02.txt"
KOEBENHAVN = "koebenhavn_kultur_og_fritidsudvalget_2023-05-04.md"
ODENSE = "odense_by_og_kulturudvalget_2022-11-15.txt"


read = partial(read_fixture, UNSEEN)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_layout_yields_the_expected_items(name):
    assert_document_as_expected(name, read(name), EXPECTED[name], DOCUMENT_FIELDS)


# --- a case number alone under the title (Aalborg) -------------------------------------------


def test_a_bare_case_number_under_the_title_anchors_the_heading_and_is_the_case_number():
    passages = read(AALBORG).passages
    assert [p.item_number for p in passages] == [1, 2, 3, 4]
    hasserisvej = passages[1]
    assert hasserisvej.title.startswith("Lokalplan 4-4-112, Boliger ved Hasserisvej")
    assert hasserisvej.case_number == "2022-018877"
    assert "2022-018877" not in hasserisvej.text  # a field, not the item's text


@pytest.mark.parametrize("line", ["2022-018877", "22/14533", "731-2012-10870", "00.01.00-A21-1-14"])
def test_the_case_systems_numbers_alone_on_a_line_are_case_numbers(line):
    assert cv.field_line(line).fields == {"case_number": line}


@pytest.mark.parametrize("line", ["2019-2022", "21.05.2015", "2023-05-04", "21/5", "15.20.15", "150.000", "2022"])
def test_dates_years_amounts_and_kle_codes_alone_on_a_line_are_no_field(line):
    assert cv.field_line(line) is None


def test_without_its_case_number_the_aalborg_heading_is_found_by_the_gap_it_fills(tmp_path):
    # the case number is its anchor; without it, «Punkt 2.» still fills the gap between items 1
    # and 3 exactly, at the start of a paragraph (`indexer.headings._prose_items_between`)
    document = rewritten(tmp_path, AALBORG, lambda text: text.replace("\n2022-018877\n", "\n"))
    hasserisvej = next(p for p in document.passages if p.item_number == 2)
    assert hasserisvej.title.startswith("Lokalplan 4-4-112, Boliger ved Hasserisvej")
    assert hasserisvej.case_number is None and hasserisvej.decision.startswith("Godkendt.")
    # item 3's case number gone too: both fill the gap between items 1 and 4, in order
    both = rewritten(tmp_path, AALBORG, lambda text: text.replace("\n2022-018877\n", "\n").replace(
        "\n2023-001290\n", "\n"))
    assert [p.item_number for p in both.passages] == [1, 2, 3, 4]


def test_sagsbeskrivelse_after_the_decision_is_not_part_of_the_decision():
    hasserisvej = read(AALBORG).passages[1]
    assert hasserisvej.decision == "Godkendt.\nJan Nymark Thaysen (V) tog forbehold."
    assert "offentlig høring" in hasserisvej.sections_by_key()["sagsfremstilling"]
    assert cv.section_key("Sagsbeskrivelse") == "sagsfremstilling"


def test_a_searcher_finds_the_items_the_aalborg_file_lost(runner, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / AALBORG).write_bytes((UNSEEN / AALBORG).read_bytes())
    assert run(runner, "index", corpus, "--index-dir", tmp_path / "idx").exit_code == 0
    for query, title in (("Hasserisvej", "Lokalplan 4-4-112"), ("Sohngårdsholmsvej", "Lukket punkt: Ekspropriation"),
                         ("sagsnr:2022-018877", "Lokalplan 4-4-112")):
        result = run(runner, "search", query, "--json", "--index-dir", tmp_path / "idx")
        hits = __import__("json").loads(result.stdout)["hits"]
        assert hits and hits[0]["title"].startswith(title), query


# --- Odense: «Sag nr.: 22/14533», lettered group headers ----------------------------------


def test_sag_nr_with_a_case_numbers_shape_is_the_case_number_not_the_title():
    first = read(ODENSE).passages[0]
    assert first.title == "Anlægsbevilling til renovering af Odense Koncerthus"
    assert first.case_number == "22/14533"
    assert cv.field_line("Sag nr. 130").fields == {"item_number": "130"}  # the item's number, as before


def test_lettered_group_headers_are_no_items_text():
    passages = read(ODENSE).passages
    assert passages[0].sections_by_key()["bilag"] == "1. Tilstandsrapport\n2. Tidsplan"
    assert not any("Sager til afgørelse" in p.text or "Orientering" in p.text.split("\n")[-1] for p in passages)


@pytest.mark.parametrize("line", ["A. Sager til afgørelse i byrådet", "B. Sager til afgørelse i udvalget",
                                  "C. Orientering", "Sager til beslutning", "D) Sager til orientering",
                                  "Åbne sager", "II. LUKKEDE PUNKTER"])
def test_group_headers(line):
    assert cv.GROUP_HEADER.match(line)


@pytest.mark.parametrize("line", ["IV. Orientering", "4. Orientering", "Orientering", "Meddelelser",
                                  "Sager til afgørelse skal sendes i høring"])
def test_items_and_sentences_are_no_group_headers(line):
    # minutes numbered in roman numerals have an item "IV. Orientering"
    assert not cv.GROUP_HEADER.match(line)


# --- Frederiksberg: «Punkt nr. 2 - Title» ---------------------------------------------------


def test_punkt_nr_headings_are_numbered_items():
    passages = read(FREDERIKSBERG).passages
    assert [(p.item_number, p.title) for p in passages][:2] == [
        (1, "Godkendelse af dagsorden"), (2, "Tilskud til Frederiksberg Musikfestival 2022")]
    assert passages[1].id.endswith("-ac499e-2-tilskud-til-frederiksberg-musikfestival")  # not «punkt-nr-2-…»
    assert cv.PKT_LINE.match("Punkt nr. 3") and cv.PUNKT_HEADING.match("PUNKT NR. 3: Eventuelt")


# --- Bornholm ----------------------------------------------------------------------------------


def test_bornholms_regionskommune_is_the_municipality_bornholm_cited_by_its_official_name():
    passage = read(BORNHOLM).passages[0]
    assert passage.municipality == "Bornholm"
    assert citation(passage).startswith("Kommunalbestyrelsen, Bornholms Regionskommune, referat af mødet 27.04.2023")


# --- Copenhagen: the case number in the title's brackets, the committee's dated decision -------


def test_copenhagens_title_carries_its_case_number_and_the_decision_is_found():
    passages = read(KOEBENHAVN).passages
    assert [(p.item_number, p.title, p.case_number) for p in passages] == [
        (1, "Udmøntning af pulje til idrætsfaciliteter", "2023-0112233"),
        (2, "Lukket punkt: Lejekontrakt for Kulturhuset Islands Brygge", "2023-0099871")]
    assert passages[0].decision == "Indstillingen blev godkendt uden afstemning."
    assert "haltid" in passages[0].sections_by_key()["problemstilling"]  # the sections after the decision stay apart


def test_without_the_summary_sentence_the_closed_item_is_still_an_item_of_its_own(tmp_path):
    document = rewritten(tmp_path, KOEBENHAVN, lambda text: text.replace(
        "Udvalget skal tage stilling til, hvordan puljen på 20 mio. kr. til idrætsfaciliteter fordeles.\n\n", ""))
    assert [p.item_number for p in document.passages] == [1, 2]
    assert "Lejekontrakt" not in document.passages[0].text


@pytest.mark.parametrize("header", ["Kultur- og Fritidsudvalgets beslutning i mødet den 4. maj 2023",
                                    "Kultur- og Fritidsudvalgets beslutning den 4. maj 2023",
                                    "Kultur- og Fritidsudvalgets beslutning på mødet den 4. maj 2023"])
def test_the_committees_dated_decision_header_in_its_forms(header):
    found = cv.decision_header(header)
    assert (found.council, found.date) == ("Kultur- og Fritidsudvalget", "2023-05-04")


def test_a_bracket_that_is_no_case_number_stays_in_the_title():
    assert cv.title_case_number("Lokalplan 4-4-112 (2. forelæggelse)") is None
    assert cv.title_case_number("Helhedsplan (2019-2022)") is None


# --- Fredericia: a two-digit year in the decision header -------------------------------------


def test_a_decision_headers_two_digit_year_is_read():
    passages = read(FREDERICIA).passages
    assert [(p.decision, p.decision_date) for p in passages] == [("Godkendt.", "2022-05-02"), ("Godkendt.", "2022-05-02")]
    assert passages[1].sections_by_key()["tidligere_beslutning"].startswith("Anbefales.")


def test_a_kle_code_after_beslutning_is_no_dated_header():
    assert cv.decision_header("Beslutning 00.01.00") is None
    assert cv.decision_header("Beslutning i ØU den 31.02.19") is None
