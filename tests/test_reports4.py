"""Annual reports the reports4 review found misread; the texts in tests/fixtures/reports4/ are copied
from the review.

- a numbered list ending its section («3. En fast kontaktperson …» / «Økonomi») was read as a minutes
  item, and the report before it was lost;
- a Markdown table of figures («| Møder | 10 | 11 |») was read as a contents list, and all above it lost;
- a list's points on consecutive lines without full stops: point 1 became a section;
- a contents list with its page numbers after spaces or tabs («Forord      2») was not recognised;
- photo captions («Foto: …», «Billede 2. …») became sections;
- a «STATUS 2024» title page became a section; «Redegørelse … for 2024» gave no year;
- a short heading over a numbered list or a table went into the section above.
"""

from __future__ import annotations

import re
from functools import partial

from conftest import FIXTURES, read_fixture, read_written
from indexer.clean import clean
from indexer.contents import find_contents
from indexer.extract import extract

FOLDER = FIXTURES / "reports4"
read = partial(read_fixture, FOLDER)


def titles(name: str) -> list[str]:
    return [p.title for p in read(name).passages]


def section(name: str, title: str):
    return next(p for p in read(name).passages if p.title == title)


def words_of_passages(document) -> set[str]:
    return {w for p in document.passages for w in re.findall(r"\w+", f"{p.title} {p.item_number or ''} {p.text}")}


def assert_lines_kept(name: str, *lines: str) -> None:
    """Every word of these lines is in some passage (title or text)."""
    have = words_of_passages(read(name))
    missing = [w for line in lines for w in re.findall(r"\w+", line) if w not in have]
    assert not missing, missing


# --- 1. a numbered list ending its section is no minutes item ---------------------------------------

def test_a_list_ending_its_section_does_not_make_the_report_minutes():
    name = "lolland4-handicapraadet-aarsberetning-2024.txt"
    document = read(name)
    assert [p.title for p in document.passages] == ["Forord", "Anbefalinger", "Økonomi"]
    assert [p.item_number for p in document.passages] == [None, None, None]
    text = section(name, "Anbefalinger").text
    for point in ("1. Flere handicapparkeringspladser ved rådhuset", "2. Bedre skiltning på stationerne",
                  "3. En fast kontaktperson i jobcentret"):
        assert point in text
    assert section(name, "Økonomi").text.startswith("Rådet brugte 30.000 kr.")
    assert "otte møder" in section(name, "Forord").text


def test_a_list_after_a_lead_in_ending_its_section_is_kept_too():
    name = "lolland5-handicapraadet-aarsberetning-2024.txt"
    assert titles(name) == ["Forord", "Anbefalinger", "Økonomi"]
    assert_lines_kept(name, "Rådet anbefaler byrådet at arbejde for følgende i 2025:",
                      "1. Flere handicapparkeringspladser ved rådhuset", "3. En fast kontaktperson i jobcentret")


def test_minutes_with_a_numbered_list_in_an_item_stay_minutes():
    document = read("silkeborg-aeldreraadet-referat-2024-03-12.txt")
    assert document.doc_type == "referat"
    assert [p.item_number for p in document.passages] == [1, 2, 3]
    assert "1. Forord\n2. Året i tal\n3. Anbefalinger" in document.passages[1].text


def test_a_one_item_minutes_with_a_decision_stays_minutes(tmp_path):
    text = ("Referat af møde i Ældrerådet\n\n1. Budget 2025\n\nSagsfremstilling:\nRådet drøftede budgettet.\n\n"
            "Beslutning:\nGodkendt.\n")
    document = read_written(tmp_path, "aeldreraadet-referat-2024-03-12.txt", text)
    assert [(p.item_number, p.title) for p in document.passages] == [(1, "Budget 2025")]


# --- 2. a Markdown table of figures is no contents list ---------------------------------------------

def test_a_markdown_table_of_figures_is_no_contents_list():
    name = "kolding-aeldreraadet-aarsberetning-2023.md"
    document = read(name)
    assert not any("indholdsfortegnelsen" in n for n in document.notices)
    assert titles(name)[:2] == ["Forord", "Rådets arbejde i tal"]
    assert "Lone Dahl, formand" in section(name, "Forord").text
    assert "Møder 10 11" in section(name, "Rådets arbejde i tal").text
    assert_lines_kept(name, "Ældrerådet har i 2023 haft et aktivt år.", "Borgerhenvendelser 42 57", "Temaer")


def test_a_markdown_contents_table_is_still_read_as_one(tmp_path):
    text = ("# Årsberetning 2024\n\n| Indhold | Side |\n|---|---|\n| Forord | 2 |\n| Økonomi | 3 |\n\n"
            "## Forord\n\nRådet har haft et travlt år med mange møder og høringssvar.\n\n"
            "## Økonomi\n\nRådet har brugt 20.000 kr. af sit budget på kurser.\n")
    document = read_written(tmp_path, "aeldreraadet-aarsberetning-2024.md", text)
    assert [p.title for p in document.passages] == ["Forord", "Økonomi"]
    assert not any("Side" in p.text or "..." in p.text for p in document.passages)


# --- 3. a list's points on consecutive lines without full stops ---------------------------------------

def test_consecutive_numbered_points_without_full_stops_stay_in_their_chapter():
    name = "odsherred-handicapraadet-aarsberetning-2024-2025.txt"
    document = read(name)
    assert [(p.item_number, p.title) for p in document.passages] == [
        (1, "Indledning"), (2, "Rådets arbejde"), (3, "Økonomi"), (4, "Fremtiden")]
    assert ("1. Flere virksomhedspraktikker for borgere med autisme\n2. En fast kontaktperson i jobcentret\n"
            "3. Årlig opfølgning i rådet") in section(name, "Rådets arbejde").text


def test_a_list_after_an_intro_keeps_its_heading_and_first_point():
    name = "lolland2-handicapraadet-aarsberetning-2024.txt"
    assert titles(name) == ["Forord", "Anbefalinger", "Økonomi"]
    assert "1. Flere handicapparkeringspladser ved rådhuset\n2. En fast" in section(name, "Anbefalinger").text


def test_an_html_ordered_list_is_no_section():
    name = "aalborg-handicapraadet-aarsberetning-2024.html"
    assert titles(name) == ["Forord", "Rådets anbefalinger", "Tal for året", "Handicapprisen"]
    assert "1. Flere pladser i specialklasser" in section(name, "Rådets anbefalinger").text
    assert "Møder 9 10" in section(name, "Tal for året").text


# --- 4. a contents list with page numbers after spaces or tabs --------------------------------------

def test_a_contents_list_without_dot_leaders_is_recognised():
    for name in ("herning-aeldreraadet-aarsberetning-2024.txt", "herning4-aeldreraadet-aarsberetning-2024.txt"):
        path = FOLDER / name
        entries, _ = find_contents(clean(extract(path, FOLDER)))
        assert [title for _, title in entries] == ["Forord", "Rådets sammensætning", "Arbejdet i udvalgene",
                                                   "Ældrerådets anbefalinger", "Økonomi"], name
        found = titles(name)
        assert {"Arbejdet i udvalgene", "Ældrerådets anbefalinger", "Økonomi"} <= set(found), name
        assert "7" not in found and not any(p.text.strip() == "7" for p in read(name).passages)


# --- 5. photo captions --------------------------------------------------------------------------------

def test_photo_captions_are_no_sections():
    name = "svendborg-aeldreraadet-aarsberetning-2024.txt"
    assert titles(name) == ["Forord", "Besøg på plejecentrene", "Høringssvar"]
    text = section(name, "Besøg på plejecentrene").text
    assert "Foto: Ældrerådet på besøg på Plejecenter Egebo" in text
    assert "Billede 2. Formanden taler med beboere i Tåsinge" in text


# --- 6. a «STATUS 2024» title page; «Redegørelse … for 2024» ---------------------------------------

def test_a_status_title_page_is_no_section():
    document = read("aarhus-integrationsraadet-status-2024.txt")
    assert [p.title for p in document.passages][0] == "Indledning"
    assert "Status 2024" not in [p.title for p in document.passages]
    assert (document.doc_type, document.year) == ("årsberetning", 2024)


def test_a_redegoerelse_takes_its_year_from_its_title():
    assert read("favrskov-redegoerelse-handicapraadet-2024.txt").year == 2024


# --- 7. a short heading over a numbered list or a table ----------------------------------------------

def test_a_short_heading_over_a_numbered_list_or_a_table_is_a_section():
    name = "esbjerg-handicapraadet-beretning-2024.txt"
    assert titles(name) == ["Forord", "Vigtigste resultater", "Handicappolitikken", "Budget", "Handicapprisen"]
    assert "1. At der er etableret et nyt aflastningstilbud i Ribe." in section(name, "Vigtigste resultater").text
    assert "Mødeudgifter 20.000 17.450" in section(name, "Budget").text
