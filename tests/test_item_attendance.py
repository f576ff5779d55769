"""Who took part in each item, and the numbers printed beside its case number, as a reporter checks them.

A member away from one item ("Fraværende: Fatima Osmani, Peter Juul" under item 45's decision,
"Mogens Ravn deltog ikke i behandlingen af punktet") is absent there, not "til stede"; a substitute
named on the front page sat at the meeting; the staff it names can be searched; a journal (KLE) or
document number found in an access-to-documents reply leads back to its item.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import LAYOUTS, SEEDS, run

LAYOUT_FILES = {
    "hedelund": "f1_hedelund_integrationsraadet_2015-05-27.txt",
    "fjordby": "f2_fjordby_integrationsraadet_2021-11-25.txt",
    "lyngsoe": "f3_lyngsoe_beskaeftigelses_og_integrationsudvalget_2012-03-13.txt",
    "kildeholm": "f6_kildeholm_boerne_og_skoleudvalget_2020-06-10.txt",
    "mosevang": "f8_mosevang_aeldre_og_sundhedsudvalget_2019-09-09.txt",
    "ravnsoe": "f9_ravnsoe_kommunalbestyrelsen_2019-10-01.txt",
}
NAESTVED_2017 = "naestved-integrationsraadet-referat-2017-02-23.md"


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory) -> tuple[Path, Path]:
    """(corpus, index) of six layouts and the Næstved minutes of 23 February 2017."""
    from indexer.update import update_index

    root = tmp_path_factory.mktemp("attendance")
    corpus = root / "corpus"
    corpus.mkdir()
    for name in LAYOUT_FILES.values():
        shutil.copy(LAYOUTS / name, corpus / name)
    shutil.copy(SEEDS / NAESTVED_2017, corpus / NAESTVED_2017)
    report = update_index([corpus], root / "index")
    assert not report.skipped, report.skipped
    return corpus, root / "index"


@pytest.fixture(scope="module")
def index(newsroom):
    from search import open_index

    return open_index(newsroom[1])


@pytest.fixture
def client(newsroom):
    from webui import create_app

    corpus, index_dir = newsroom
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()


def search(index, query: str):
    from search.api import parse_request

    return index.search(parse_request({"q": [query], "page_size": ["100"]}))


def found(index, query: str) -> list[tuple[str, int | None]]:
    """(source file, item number) of every hit, in the order given."""
    return [(hit.source, hit.item_number) for hit in search(index, query).hits]


def items(key: str, *numbers: int) -> set[tuple[str, int]]:
    return {(LAYOUT_FILES[key], n) for n in numbers}


def passage_of(index, source: str, number: int):
    hit = next(h for h in search(index, "").hits if (h.source, h.item_number) == (source, number))
    return index.passage(hit.id)


def facts(client, passage_id: str) -> dict[str, list[str]]:
    """The passage page's "Mødet" facts: label -> the names listed."""
    response = client.get(f"/passage/{passage_id}")
    assert response.status_code == 200
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return {div.dt.get_text(strip=True): [li.get_text() for li in div.select("li")]
            for div in page.select("aside dl.facts div")}


# --- Absent from one item -------------------------------------------------------------------


def test_a_member_away_from_one_item_is_found_absent_there_and_present_at_the_others(index):
    # Fjordby item 45: "Beslutning fra Integrationsrådet / … / Fraværende: Fatima Osmani, Peter Juul"
    assert found(index, 'fraværende:"Peter Juul"') == [(LAYOUT_FILES["fjordby"], 45)]
    assert set(found(index, 'deltager:"Peter Juul"')) == items("fjordby", 41, 42, 43, 44)
    # The member away from the whole meeting stays absent at every item.
    assert set(found(index, 'fraværende:"Fatima Osmani"')) == items("fjordby", 41, 42, 43, 44, 45)


@pytest.mark.parametrize(("query", "expected"), [
    # "Beslutning i Børne- og Skoleudvalget den 10-06-2020 / Fraværende: Simon Aagaard": this meeting's
    # decision (its council, its date), on a front page that lists nobody
    ('fraværende:"Simon Aagaard"', items("kildeholm", 2, 3, 4, 5)),
    ('fraværende:"Mogens Ravn"', items("hedelund", 4)),  # "Mogens Ravn deltog ikke i behandlingen af punktet."
    ('fraværende:"Inger Lund"', items("mosevang", 60)),
    # "Fraværende: Susanne Holm (O)." under each decision: the party letter is no part of the name
    ('fraværende:"Susanne Holm"', items("lyngsoe", 17, 18, 19, 20, 21, 22)),
])
def test_an_absence_written_under_an_items_decision_is_found_by_fravaerende(index, query, expected):
    assert set(found(index, query)) == expected


def test_an_absence_in_a_decision_quoted_from_another_committee_is_not_this_meetings(index):
    # Ravnsø 130: "Social- og Integrationsudvalget, 4. september 2019, pkt. 77: … Fraværende: Jesper
    # Bundgaard (A)"; Lyngsø 20: "Social- og Ældreudvalgets møde den 6. marts 2012: … Fraværende: Ib
    # Grønlund (V)". They missed another committee's meeting, not this one.
    assert found(index, 'fraværende:"Jesper Bundgaard"') == []
    assert found(index, 'fraværende:"Ib Grønlund"') == []
    assert found(index, '"Ib Grønlund"') == [(LAYOUT_FILES["lyngsoe"], 20)]  # the note is still searchable text


def test_the_passage_page_lists_an_item_absentee_as_absent_not_present(index, client):
    passage = passage_of(index, LAYOUT_FILES["fjordby"], 45)
    shown = facts(client, passage.id)
    assert "Peter Juul" not in shown["Til stede"]
    # the meeting's absentee, and apart from her the one who left for this item (a news review)
    assert shown["Fraværende"] == ["Fatima Osmani"] and shown["Deltog ikke i dette punkt"] == ["Peter Juul"]
    twin = client.get(f"/api/passage/{passage.id}").get_json()
    assert twin["absent"] == ["Fatima Osmani", "Peter Juul"] and "Peter Juul" not in twin["present"]
    # The item before it, where he took part, still lists him.
    assert "Peter Juul" in facts(client, passage_of(index, LAYOUT_FILES["fjordby"], 44).id)["Til stede"]


def test_a_name_on_the_same_meetings_list_is_not_said_to_be_at_other_meetings(index):
    # Found by item 45's note; the list names him at items 41-44 of that same meeting only.
    notice = search(index, "Peter Juul").notice
    assert ('«Peter Juul» står også på deltagerlisten ved mødets andre punkter: søg deltager:"Peter Juul" for dem.'
            in notice) and "andre møder" not in notice


def test_a_name_listed_at_another_meeting_is_still_said_to_be_at_other_meetings(tmp_path):
    from search import open_index
    from search.examples import example_document, example_passage as P

    index = open_index(tmp_path / "index", create=True)
    with index.writer() as writer:
        for doc in (
            example_document("fjordby-2021.txt", [P("Boligplacering", "Kvoten for 2022.", meeting_date="2021-11-25",
                                                    year=2021, present=("Nadia Farouk", "Bent Lykke"))]),
            example_document("fjordby-2022.txt", [P("Foreningspuljen", "Nadia Farouk orienterede.", meeting_date="2022-01-20",
                                                    year=2022, present=("Nadia Farouk", "Bent Lykke"))]),
        ):
            writer.add(doc, tmp_path)
    try:
        assert search(index, "Nadia Farouk").notice == (
            '«Nadia Farouk» står også på deltagerlisten ved andre møder: søg deltager:"Nadia Farouk" for dem.')
    finally:
        index.close()


# --- Who else the front page names ----------------------------------------------------------


def test_a_substitute_named_on_the_front_page_sat_at_the_meeting(index, client):
    # Ravnsø: "Fraværende: Tove Bech Larsen (V) / Stedfortræder: Carsten Lind (V)"
    ravnsoe = items("ravnsoe", 129, 130, 131, 132, 133)
    assert set(found(index, 'deltager:"Carsten Lind"')) == ravnsoe
    answer = search(index, "Carsten Lind")
    assert {(h.source, h.item_number) for h in answer.hits} == ravnsoe
    assert "deltagerlister" in answer.notice
    passage = passage_of(index, LAYOUT_FILES["ravnsoe"], 131)
    assert passage.present == ("Carsten Lind (stedfortræder)",) and passage.absent == ("Tove Bech Larsen",)
    assert facts(client, passage.id)["Til stede"] == ["Carsten Lind (stedfortræder)"]
    page = BeautifulSoup(client.get(f"/passage/{passage.id}").get_data(as_text=True), "html.parser")
    link = next(a for a in page.select("aside dl.facts a") if a.get_text() == "Carsten Lind (stedfortræder)")
    assert 'deltager:"Carsten Lind"' in link["href"].replace("%22", '"').replace("%3A", ":").replace("+", " ")


def test_the_passage_page_names_the_staff_apart_from_the_members(index, client):
    passage = passage_of(index, NAESTVED_2017, 3)
    shown = facts(client, passage.id)
    assert shown["Fra administrationen"] == ["Rebecca Helqvist", "Helle Waage-Jensen"]
    assert "Rebecca Helqvist" not in shown["Til stede"]


def test_staff_named_on_the_front_page_are_words_of_the_meeting_not_members(index):
    # Næstved 23.02.2017: "Administrationen / Rebecca Helqvist / Helle Waage-Jensen", "Referent / Helle Waage-Jensen"
    meeting = {(NAESTVED_2017, n) for n in range(1, 8)}
    assert set(found(index, "Helqvist")) == meeting
    assert set(found(index, '"Rebecca Helqvist"')) == meeting
    assert found(index, 'deltager:"Rebecca Helqvist"') == []
    passage = passage_of(index, NAESTVED_2017, 3)
    assert passage.staff == ("Rebecca Helqvist", "Helle Waage-Jensen")
    assert "Rebecca Helqvist" not in passage.present and len(passage.present) == 8


# --- Numbers beside the case number ---------------------------------------------------------


@pytest.mark.parametrize(("query", "expected"), [
    ("15.20.15", items("lyngsoe", 20)),  # "Sagsnr.: 731-2012-10870   J.nr.: 15.20.15   Dokumentnr.: 731-2012-119004"
    ("27.20.00", items("lyngsoe", 19)),
    ("731-2012-119004", items("lyngsoe", 20)),
    ("731-2012-120455", items("lyngsoe", 17)),
    ("588-2021-59870", items("fjordby", 42)),  # "Dok. 588-2021-59870"
])
def test_journal_and_document_numbers_find_their_item(index, query, expected):
    assert set(found(index, query)) == expected


def test_a_hit_shows_the_number_it_was_found_by_and_no_hit_opens_with_numbers(index):
    hit = search(index, "15.20.15").hits[0]
    assert "<mark>15.20.15</mark>" in hit.snippet
    # Found by something else, an item's snippet starts with what it says, not "KB · " or its J.nr.
    agenda = next(h for h in search(index, 'deltager:"Carsten Lind"').hits if h.item_number == 129)
    assert agenda.snippet.startswith("Kommunalbestyrelsen skal godkende dagsordenen for mødet.")
    for hit in search(index, "integrationsprogrammet").hits:
        assert not hit.snippet.startswith(("00.01.00", "27.20.00", "731-")), hit.snippet


def test_kb_finds_the_closed_item_that_says_only_who_decides_it(index):
    # Ravnsø 133 "Lukket punkt: Køb af ejendom" says only "Beslutningskompetence: KB"
    assert (LAYOUT_FILES["ravnsoe"], 133) in found(index, "KB")


def test_the_numbers_are_shown_on_the_passage_page_and_in_its_json(index, client):
    passage = passage_of(index, LAYOUT_FILES["lyngsoe"], 20)
    assert passage.case_number == "731-2012-10870"
    twin = client.get(f"/api/passage/{passage.id}").get_json()
    assert twin["sections"]["journalnummer"] == "15.20.15"
    assert twin["sections"]["dokumentnummer"] == "731-2012-119004"
    page = BeautifulSoup(client.get(f"/passage/{passage.id}").get_data(as_text=True), "html.parser")
    sections = {s.h2.get_text(strip=True): s.select_one(".text").get_text(strip=True) for s in page.select("section.section")}
    assert sections["J.nr."] == "15.20.15" and sections["Dokumentnr."] == "731-2012-119004"


def test_extract_shows_the_numbers_and_the_items_attendance(runner):
    lines = run(runner, "extract", LAYOUTS / LAYOUT_FILES["lyngsoe"], "--json").output.splitlines()
    item20 = next(p for p in map(json.loads, lines) if p["item_number"] == 20)
    assert (item20["sections"]["journalnummer"], item20["sections"]["dokumentnummer"]) == ("15.20.15", "731-2012-119004")
    assert "15.20.15" in item20["text"]
    lines = run(runner, "extract", LAYOUTS / LAYOUT_FILES["fjordby"], "--json").output.splitlines()
    item45 = next(p for p in map(json.loads, lines) if p["item_number"] == 45)
    assert item45["absent"] == ["Fatima Osmani", "Peter Juul"] and "Peter Juul" not in item45["present"]
    assert item45["sections"]["dokumentnummer"] == "588-2021-61877"


def test_an_absentee_named_in_a_note_is_a_word_of_the_item_once():
    """Named in the decision's note and again from the list, «Lise Warsame» ranked the items of
    a meeting she missed above the ones she handled (a relevance review)."""
    from dataclasses import replace

    from indexer.models import DECISION, Section
    from search.examples import example_passage
    from search.schema import body_text

    item = example_passage("Budget", "Om budgettet.", absent=("Lise Warsame", "Ole Riis"))
    noted = replace(item, sections=(Section(DECISION, "Beslutning", "Godkendt.", note="Fraværende: Lise Warsame"),
                                    *item.sections[1:]))
    text = body_text(noted)
    assert text.count("Lise Warsame") == 1 and text.count("Ole Riis") == 1


def test_a_members_name_written_with_an_en_dash_is_the_hyphenated_name(tmp_path):
    """«Hanne Ørum–Ågesen» on the attendance list (a word processor's dash) was another person
    than the «Ørum-Ågesen» a reporter types (noted among the gaps): names on attendance lists take
    the hyphen, as case handlers' names and case numbers do."""
    from conftest import read_written

    text = ("Fjordby Kommune\n\nREFERAT\n\nIntegrationsrådet\n\nMødedato: 01.03.2024\n\n"
            "Deltagere: Hanne Ørum\u2013Ågesen, Peter Lund\nFraværende: Lise Holm\u2011Nielsen\n\n"
            "1. Boliger\n\nSagsfremstilling\nTekst om boliger.\n\nBeslutning\nTaget til efterretning.\n")
    [item] = read_written(tmp_path, "referat.txt", text).passages
    assert item.present == ("Hanne Ørum-Ågesen", "Peter Lund") and item.absent == ("Lise Holm-Nielsen",)
