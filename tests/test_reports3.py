"""Annual reports in layouts the report segmenter misread (the reports3 review of 2026-12-05).

A short heading followed by a list, a table or a short intro is a section when the contents
list names it, when it continues the report's numbering, or when a list follows; the first
line of a wrapped paragraph («… foreningsliv. Rådet» / «har haft fokus …») is no heading; the
greeting and signature closing a report («Med venlig hilsen» / a name / a title) are no section
and no part of the last one; a letterhead above the report's title is no section, and a title
«… – beretning for året 2024» makes an annual report. A contents list naming sections not found
gets a note.
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture
from indexer.models import Line
from indexer.reports import segment_report

FOLDER = FIXTURES / "reports3"
RINGSTED = "ringsted-handicapraadet-beretning-2024.txt"
HORSENS = "horsens-integrationsraadet-aarsberetning-2023.md"
SILKEBORG = "silkeborg-aeldreraadet-aarsberetning-2024.txt"

read = partial(read_fixture, FOLDER)


def titles(name: str) -> list[str]:
    return [p.title for p in read(name).passages]


def passage(name: str, title: str):
    return next(p for p in read(name).passages if p.title == title)


# --- P1: a short heading over a list, a table or a short intro ------------------------------------

def test_a_heading_over_a_short_intro_and_a_list_is_a_section():
    assert titles(RINGSTED) == ["Forord", "Møder", "Høringer", "Tilgængelighed", "Handicappris", "Medlemmer"]
    assert passage(RINGSTED, "Høringer").text.startswith("Rådet har afgivet høringssvar om:\n• Budget 2025")
    assert "Høringer" not in passage(RINGSTED, "Møder").text
    assert passage(RINGSTED, "Medlemmer").text.startswith("* Jens Madsen, formand (DH)")


def test_markdown_chapters_named_in_the_contents_are_sections_over_a_table_or_a_list():
    document = read(HORSENS)
    assert [(p.item_number, p.title) for p in document.passages] == [
        (1, "Forord"), (2, "Rådets møder i 2023"), (3, "Indsatser for nyankomne"),
        (4, "Kulturdage og arrangementer"), (5, "Medlemmer")]
    chapters = {p.item_number: p for p in document.passages}
    assert "Sprogcafé 120 40 i job" in chapters[3].text and "Sprogcafé" not in chapters[2].text
    assert chapters[5].text.startswith("- Amina Hassan, formand")
    assert not [n for n in document.notices if "indholdsfortegnelsen" in n]


def test_chapters_numbered_in_sequence_are_sections_whatever_follows():
    document = read("v13-numbered-short.txt")
    assert [(p.item_number, p.title) for p in document.passages] == [
        (1, "Indledning"), (2, "Rådets medlemmer"), (3, "Økonomi"), (4, "Fremtiden")]
    assert document.passages[1].text.startswith("Inger Holm (formand)")
    assert document.passages[2].text.startswith("Budget: 95.000 kr.")


def test_a_numbered_line_over_another_chapters_sub_chapter_is_not_trusted_by_the_numbering():
    lines = [Line(t, 1, n) for n, t in enumerate([
        "1. Indledning", "", "Rådet har holdt mange møder i løbet af året og afgivet høringssvar.", "",
        "2. Økonomi", "", "Rådets budget blev overholdt i året, og der var et lille overskud.", "",
        "3. Høringer", "", "4.1 Budget", "", "Rådet afgav høringssvar om budgettet for det kommende år.", "",
        "4. Fremtiden", "", "Rådet vil arbejde for en bedre demensindsats i de kommende år."], 1)]
    assert 3 not in [item.number for item in segment_report(lines, [], set()).items]


# --- P2: a wrapped paragraph's first line ---------------------------------------------------------

def test_a_wrapped_paragraphs_first_line_is_no_heading_and_the_real_heading_is_kept():
    chapters = {p.item_number: p for p in read(HORSENS).passages}
    assert chapters[1].title == "Forord"
    assert chapters[1].text.startswith("Integrationsrådet har i 2023 arbejdet med beskæftigelse og foreningsliv. Rådet har")


def test_a_wrapped_line_with_a_sentence_end_inside_stays_in_its_chapter():
    document = read(SILKEBORG)
    assert [p.item_number for p in document.passages] == [1, 2, 3, 4, 5]
    assert not [p for p in document.passages if p.title.startswith("Karen Vestergaard")]
    assert "Karen Vestergaard udtrådte i marts 2024" in document.passages[1].text


# --- P3: the closing greeting and signature -------------------------------------------------------

def test_a_signature_is_no_section_and_no_part_of_the_last_section():
    for name, last in (("v10-signature.txt", "Medlemmer"), ("v11-silkeborg-sig.txt", "Økonomi"), (SILKEBORG, "Økonomi")):
        document = read(name)
        assert document.passages[-1].title == last, name
        assert not [p for p in document.passages if p.title in ("Jens Madsen", "Inger Holm")], name
        text = document.passages[-1].text
        assert "hilsen" not in text and "På vegne af" not in text and "Formand for" not in text, name


# --- P4: letterhead and title ---------------------------------------------------------------------

def test_a_letterhead_above_a_long_title_is_no_section():
    for name in ("v7-longtitle.txt", "v8-aarsb-longtitle.txt", "v6-head2.txt"):
        document = read(name)
        assert [p.title for p in document.passages][:2] == ["Forord", "Møder"], name
        assert {p.doc_type for p in document.passages} == {"årsberetning"}, name


def test_a_lower_case_beretning_before_its_year_makes_an_annual_report():
    from indexer.conventions import ANNUAL_WORD

    assert ANNUAL_WORD.search("Handicaprådet i Ringsted Kommune – beretning for året 2024")
    assert ANNUAL_WORD.search("Ældrerådets beretning for perioden 2023-2024")
    assert not ANNUAL_WORD.search("Rådet drøftede formandens beretning")


# --- P5: sections the contents list names but the text does not give ------------------------------

def test_a_contents_list_naming_unfound_sections_gets_a_note():
    lines = [Line(t, 1, n) for n, t in enumerate([
        "Årsberetning 2023", "", "Indhold", "1. Forord ........ 2", "2. Møder ........ 3", "3. Økonomi ........ 4", "",
        "1. Forord", "", "Rådet har i 2023 arbejdet med beskæftigelse og foreningsliv i kommunen.", "",
        "2. Møder", "", "Rådet har holdt seks møder i løbet af året på rådhuset i Horsens."], 1)]
    from indexer.contents import find_contents

    contents, covered = find_contents(lines)
    segmented = segment_report(lines, contents, covered)
    assert [item.title for item in segmented.items] == ["Forord", "Møder"]
    assert segmented.notes == ("indholdsfortegnelsen nævner 3 afsnit, men kun 2 blev fundet i teksten: "
                               "afsnit med overskrifter i et ukendt format er ikke indekseret",)


def test_a_markdown_list_of_links_as_contents_names_the_sections_found():
    document = read("v14-md-linktoc.md")
    assert [p.title for p in document.passages] == ["Forord", "Rådets møder i 2023", "Kulturdage"]
    assert not [n for n in document.notices if "indholdsfortegnelsen" in n]
