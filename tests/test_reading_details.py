"""Reading details code review 16 and the html5 review found; the files in
tests/fixtures/reading_details/ are copied from the reviews.

- a two-column Markdown table of figures («| Møder | 11 |») was read as a contents list, and the
  sections above it were lost;
- in HTML, the first row of a two-column table of figures («Møder 11») became a section heading;
- chapters without text of their own straight above the next («3. Anbefalinger» / «4. Økonomi»)
  were read as a list and merged into the chapter above;
- meeting facts on one line between «·», «•» or «|» gave a wrong place and lost who was absent;
- a room's number («lokale 1.08») was cut from the place as a time of day;
- an emoji before an item heading, a section label or an attendance label hid it.
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture
from indexer.clean import clean
from indexer.meeting import _place_candidate, label_parts
from indexer.models import Page, SourceFile

FOLDER = FIXTURES / "reading_details"
read = partial(read_fixture, FOLDER)


def sections(name: str) -> list[tuple[str, str]]:
    return [(p.title, p.text) for p in read(name).passages]


def cleaned(text: str) -> list[str]:
    from pathlib import Path

    source = SourceFile(Path("/x/a.md"), "a.md", "0" * 64, "text", (Page(1, text),))
    return [line.text for line in clean(source)]


# --- A. a Markdown table of figures is no contents list ----------------------------------------------

def test_a_two_column_markdown_table_of_figures_keeps_the_sections_above_it():
    document = read("c1_md_figs2.md")
    assert not any("indholdsfortegnelsen" in n for n in document.notices)
    assert [title for title, _ in sections("c1_md_figs2.md")] == [
        "Forord", "Rådets arbejde i tal", "Økonomi", "Anbefalinger"]
    figures = dict(sections("c1_md_figs2.md"))["Rådets arbejde i tal"]
    assert "Møder 11" in figures and "Høringssvar 14" in figures and "....." not in figures


def test_a_table_of_figures_without_a_header_row_keeps_its_sections():
    document = read("c3_md_figs_nohdr.md")
    assert not any("indholdsfortegnelsen" in n for n in document.notices)
    assert [title for title, _ in sections("c3_md_figs_nohdr.md")] == ["Forord", "Rådets arbejde i tal", "Økonomi"]
    assert "Besøg på plejecentre 3" in dict(sections("c3_md_figs_nohdr.md"))["Rådets arbejde i tal"]


def test_a_markdown_table_that_reads_as_contents_is_still_one():
    # a header naming «Indhold» / «Side»
    assert [title for title, _ in sections("c2_md_contents.md")] == ["Forord", "Rådets medlemmer", "Årets temaer"]
    assert cleaned("| Indhold | Side |\n|---|---|\n| Forord | 2 |")[2] == "Forord ..... 2"
    # under a heading «Indhold»
    assert cleaned("## Indhold\n\n| Forord | 2 |\n| Økonomi | 3 |")[2:4] == ["Forord ..... 2", "Økonomi ..... 3"]
    # rising pages, titles that come again below
    assert cleaned("| Forord | 2 |\n| Økonomi | 3 |\n\n## Forord\n\nTekst.\n\n## Økonomi")[:2] == [
        "Forord ..... 2", "Økonomi ..... 3"]
    # the same rows, read alone: figures
    assert cleaned("| Forord | 2 |\n| Økonomi | 3 |")[:2] == ["Forord 2", "Økonomi 3"]
    assert cleaned("| Møder | 11 |\n| Høringssvar | 14 |\n\n## Møder")[:2] == ["Møder 11", "Høringssvar 14"]


# --- B. a table's row is no heading ----------------------------------------------------------------------

def test_the_first_row_of_an_html_table_of_figures_is_no_heading():
    found = sections("c5_html_figs2.html")
    assert [title for title, _ in found][:2] == ["Forord", "Rådets arbejde i tal"]
    assert "Møder 11" in dict(found)["Rådets arbejde i tal"]
    assert not any(title.startswith("Møder") for title, _ in found)


# --- C. chapters without text are no list ---------------------------------------------------------------

def test_a_chapter_without_text_above_the_next_is_no_list_point():
    found = [(p.item_number, p.title) for p in read("e1_chapters.txt").passages]
    assert found == [(1, "Forord"), (2, "Rådets møder"), (4, "Økonomi"), (5, "Fremtiden")]
    chapter_2 = read("e1_chapters.txt").passages[1].text
    assert "Økonomi" not in chapter_2 and "Anbefalinger" not in chapter_2


def test_a_numbered_list_inside_a_chapter_stays_its_text():
    found = read("e2_chapters_sub.txt").passages
    assert [(p.item_number, p.title) for p in found] == [
        (1, "Indledning"), (2, "Rådets arbejde"), (3, "Rådets anbefalinger til byrådet"), (4, "Økonomi")]
    assert "1. Flere plejeboliger" in found[2].text and "3. Flere aktivitetsmedarbejdere" in found[2].text


# --- D. facts between «·», «•», «|» ----------------------------------------------------------------------

def test_meeting_facts_between_separator_marks_are_each_read():
    for name, place, absent in (("08-cp1252.html", "Rådhuset, Sønderborg", ["Søren Ærø"]),
                                ("11-dots.txt", "Byrådssalen, Ringe", ["Hans Munk"])):
        passages = read(name).passages
        assert passages and all(p.place == place and list(p.absent) == absent for p in passages), name
    assert label_parts("Dato: 3. februar 2025 • Sted: Rådhuset | Fraværende: Bo Hjort") == [
        "Dato: 3. februar 2025", "Sted: Rådhuset", "Fraværende: Bo Hjort"]


# --- E. a room's number is no time ---------------------------------------------------------------------

def test_a_rooms_number_is_no_time_of_day():
    assert all(p.place == "Rådhuset, lokale 1.08" for p in read("12-place.txt").passages)
    assert _place_candidate("Rådhuset, lokale 1.08") == "Rådhuset, lokale 1.08"
    assert _place_candidate("Rådhuset, mødelokale 2.14") == "Rådhuset, mødelokale 2.14"
    assert _place_candidate("Byrådssalen kl. 17.00") == "Byrådssalen"  # a time still goes
    assert _place_candidate("Rådhuset, lokale 2 kl. 16.30") == "Rådhuset, lokale 2"


# --- F. an emoji before a heading or a label ------------------------------------------------------------

def test_an_emoji_before_headings_and_labels_is_dropped():
    for name in ("07-svg-emoji.html", "07b-emoji-labels.html"):
        passages = read(name).passages
        assert [(p.item_number, p.title) for p in passages] == [
            (1, "Godkendelse af dagsorden"), (2, "Høring: Kvalitetsstandard for hjemmehjælp"),
            (3, "Meddelelser fra formanden"), (4, "Eventuelt")], name
        assert all(list(p.present) == ["Birthe Juul", "Knud Aagaard", "Inge Holst"] for p in passages)
        assert all(list(p.absent) == ["Poul Kragh"] for p in passages)
        assert all(p.has_decision for p in passages)
        assert passages[0].decision == "Godkendt 👍"  # an emoji inside the text is kept


def test_only_a_leading_emoji_goes():
    assert cleaned("👩\u200d💼 Til stede: Ib Holm 👍\n✅\ufe0f Beslutning\n• Punkt")[:3] == [
        "Til stede: Ib Holm 👍", "Beslutning", "• Punkt"]
