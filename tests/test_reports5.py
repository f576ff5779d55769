"""Annual reports the reports5 review found misread; the texts in tests/fixtures/reports5/ are copied
from the review (its corpus, and the variants it made to pin down causes).

- the first line of a wrapped paragraph under a heading («Handicaprådet er nedsat efter … § 37 a. Rådet
  rådgiver» / «Kommunalbestyrelsen i …») became the section's title, and the real heading its text;
- a table's header row over rows starting with a date («Dato Høring» / «15. januar 2024 …») became a
  section of its own, emptying «3. Høringssvar i 2024» (and then «Post Budget Forbrug» «4. Økonomi»);
- a heading with only subheadings under it («# Temaer i 2024» / «## Beskæftigelse», <h2> over <h3>)
  ended the text of the section above;
- a contents list naming subsections (2.1, 2.2) kept in their section's text gave a false note that
  sections were not indexed.
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture, read_rewritten, read_written
from indexer.citation import citation

FOLDER = FIXTURES / "reports5"
read = partial(read_fixture, FOLDER)


def titles(name: str) -> list[str]:
    return [p.title for p in read(name).passages]


def section(name: str, title: str):
    return next(p for p in read(name).passages if p.title == title)


def assert_no_empty_sections(document) -> None:
    assert all(p.text.strip() for p in document.passages), [p.title for p in document.passages if not p.text.strip()]


# --- 1. a wrapped paragraph's first line is text, not its section's title ----------------------------

def test_a_paragraph_under_a_heading_that_wraps_onto_a_name_stays_the_headings_text():
    name = "vordingborg-handicapraadet-beretning-2022-2025.txt"
    assert titles(name) == ["Indledning", "Rådets opgaver", "Medlemmer i perioden", "Tilgængelighed",
                            "Socialpsykiatri og botilbud", "Beskæftigelse", "Handicappolitik 2024-2028",
                            "Anbefalinger til det nye råd"]
    assert section(name, "Rådets opgaver").text == (
        "Handicaprådet er nedsat efter retssikkerhedslovens § 37 a. Rådet rådgiver Kommunalbestyrelsen i "
        "handicappolitiske spørgsmål og skal høres over alle initiativer, der har betydning for mennesker "
        "med handicap.")
    assert_no_empty_sections(read(name))


def test_a_wrapped_first_line_without_a_law_paragraph_is_text_too():
    name = "gribskov-aeldreraadet-aarsberetning-2024.txt"
    assert titles(name) == ["Forord", "Dialogmøder", "Økonomi"]
    assert " ".join(section(name, "Dialogmøder").text.split()).startswith(
        "I 2024 holdt rådet to dialogmøder, hvor vi mødte Social- og Sundhedsudvalget om hjemmeplejen")


def test_a_short_subheading_straight_over_its_text_still_heads_it(tmp_path):
    # a near miss: five words, far shorter than the text's lines, under a heading without text
    text = ("Ældrerådets årsberetning 2024\n\nForord\n\n"
            "Rådet har haft et godt år med mange møder, og vi takker byrådet for samarbejdet.\n\n"
            "Temaer i 2024\n\nSamarbejde med de politiske udvalg\n"
            "Rådet har holdt fire dialogmøder med Social- og Sundhedsudvalget og med\n"
            "Teknik- og Miljøudvalget om den kollektive trafik og om hjemmeplejen.\n")
    document = read_written(tmp_path, "test-aeldreraadet-aarsberetning-2024.txt", text)
    assert [p.title for p in document.passages] == ["Forord", "Temaer i 2024 – Samarbejde med de politiske udvalg"]
    assert document.passages[1].text.startswith("Rådet har holdt fire dialogmøder")


# --- 2. a table's header row is no heading ------------------------------------------------------------

def test_a_table_of_dated_rows_stays_in_its_numbered_section():
    name = "randers2-aeldreraadet-aarsberetning-2024.txt"
    document = read(name)
    assert [(p.item_number, p.title) for p in document.passages] == [
        (1, "Forord"), (2, "Rådets sammensætning"), (3, "Høringssvar i 2024"), (4, "Økonomi"),
        (5, "Aktiviteter og arrangementer"), (6, "Fokusområder for 2025")]
    hearings = section(name, "Høringssvar i 2024").text
    assert "Dato Høring\n15. januar 2024 Kvalitetsstandard for praktisk hjælp" in hearings
    assert "4. marts 2024 Budgetforslag til besparelser på madservice" in hearings
    assert hearings.endswith("Omsorgsudvalget fulgte anbefalingen.")
    economy = section(name, "Økonomi").text
    assert "Post Budget Forbrug\nMødeudgifter og forplejning 35.000 31.250" in economy
    assert economy.endswith("Det uforbrugte beløb på 15.475 kr. er overført til 2025.")
    assert citation(document.passages[2]) == "Ældrerådet, Randers Kommune, årsberetning 2024, afsnit 3: Høringssvar i 2024"


def test_a_markdown_table_of_meetings_stays_under_its_heading():
    name = "odense-integrationsraadet-aarsberetning-2024.md"
    assert "Dato Hovedemne" not in titles(name)
    meetings = section(name, "Rådets møder").text
    assert "Dato Hovedemne" in meetings
    assert "23. januar 2024 Beskæftigelsesindsats" in meetings
    assert meetings.endswith("10. december 2024 Årsberetning")


def test_a_table_header_with_small_words_stays_in_its_section_too():
    name = "odense3-integrationsraadet-aarsberetning-2024.md"
    assert "Mødedato Hovedemne på mødet" in section(name, "Rådets møder").text
    assert "Mødedato Hovedemne på mødet" not in titles(name)


def test_a_heading_over_a_list_of_dates_still_heads_it(tmp_path):
    # a near miss: a heading of its own words (small words in it), no column names, over dated lines
    text = ("Ældrerådet i Test Kommune\n\nÅrsberetning 2024\n\nForord\n\n"
            "Rådet har haft et godt år med mange møder og mange høringssvar til byrådet.\n\n"
            "Rådets møder i 2024\n\n23. januar 2024 Beskæftigelsesindsats\n12. marts 2024 Sprogcenter Odense\n"
            "14. maj 2024 Budget 2025\n\nØkonomi\n\nRådet brugte 30.000 kr. af sit budget på 40.000 kr. til kurser.\n")
    document = read_written(tmp_path, "test-aeldreraadet-aarsberetning-2024.txt", text)
    assert [p.title for p in document.passages] == ["Forord", "Rådets møder i 2024", "Økonomi"]
    assert document.passages[1].text.startswith("23. januar 2024 Beskæftigelsesindsats")


# --- 3. a heading with only subheadings under it -------------------------------------------------------

def test_a_markdown_heading_over_subheadings_is_the_first_subsections_parent():
    name = "odense-integrationsraadet-aarsberetning-2024.md"
    document = read(name)
    assert titles(name) == ["Formandens forord", "Om Integrationsrådet", "Rådets sammensætning", "Rådets møder",
                            "Temaer i 2024 – Beskæftigelse", "Danskundervisning", "Høringssvar",
                            "Samarbejde med foreninger"]
    assert not section(name, "Rådets møder").text.endswith("Temaer i 2024")
    assert section(name, "Temaer i 2024 – Beskæftigelse").text.startswith("Rådet har drøftet jobcentrets indsats")
    # a signature over the next heading is no parent: it stays in the foreword
    assert section(name, "Formandens forord").text.endswith("Ahmad Yousef, formand")
    assert_no_empty_sections(document)
    assert citation(document.passages[4]) == (
        "Integrationsrådet, Odense Kommune, årsberetning 2024: Temaer i 2024 – Beskæftigelse")


def test_an_html_h2_over_h3_is_the_first_subsections_parent():
    name = "viborg-folkeoplysningsudvalget-aarsrapport-2023.html"
    assert titles(name) == ["Forord", "Udvalgets medlemmer", "Tilskud i 2023", "Udviklingspuljen – Ansøgninger",
                            "Eksempler på projekter", "Høringssvar", "Kontakt"]
    assert section(name, "Tilskud i 2023").text.endswith("I alt 37.150.000 38.400.000")
    assert section(name, "Udviklingspuljen – Ansøgninger").text == (
        "Udvalget modtog 46 ansøgninger til udviklingspuljen og imødekom 29 af dem.")


def test_a_title_pages_subtitle_over_the_first_heading_is_no_parent():
    assert titles("vordingborg-handicapraadet-beretning-2022-2025.txt")[0] == "Indledning"
    # under a letterhead: «Vordingborg Kommune» / «Handicaprådets arbejde i 2024 – en beretning» / «Indledning»
    assert titles("vordingborg2-handicapraadet-beretning-2024.txt")[1:3] == ["Indledning", "Rådets opgaver"]


def test_a_signed_name_over_the_next_heading_is_no_parent(tmp_path):
    text = ("Integrationsrådets årsberetning 2024\n\nForord\n\n"
            "Rådet har haft et travlt år med mange møder og høringssvar til byrådet.\n\nAhmad Yousef\n\n"
            "Om rådet\n\nRådet har 15 medlemmer, der er valgt blandt borgerne i kommunen.\n\n"
            "Økonomi\n\nRådet brugte 30.000 kr. af sit budget på 40.000 kr. til kurser.\n")
    document = read_written(tmp_path, "test-integrationsraadet-aarsberetning-2024.txt", text)
    assert [p.title for p in document.passages] == ["Forord", "Om rådet", "Økonomi"]
    assert document.passages[0].text.endswith("Ahmad Yousef")


# --- 6. subsections the contents list names are found in their section ---------------------------------

def test_subsections_named_by_the_contents_and_kept_in_their_section_give_no_note():
    name = "randers-aeldreraadet-aarsberetning-2024.txt"
    document = read(name)
    assert not any("indholdsfortegnelsen" in note for note in document.notices), document.notices
    sections = section(name, "Rådets sammensætning").text
    assert "2.1 Medlemmer" in sections and "2.2 Sekretariat" in sections


def test_a_subsection_missing_from_the_text_is_still_noted(tmp_path):
    document = read_rewritten(FOLDER, tmp_path, "randers-aeldreraadet-aarsberetning-2024.txt",
                              lambda text: text.replace("2.2 Sekretariat\n", ""))
    assert any("indholdsfortegnelsen nævner 8 afsnit, men kun 7 blev fundet" in note for note in document.notices), \
        document.notices


# --- every report: no empty or junk sections -----------------------------------------------------------

def test_no_report_has_an_empty_section_or_a_table_header_for_a_title():
    for path in sorted(FOLDER.iterdir()):
        document = read(path.name)
        assert document.doc_type == "årsberetning", path.name
        assert_no_empty_sections(document)
        assert not any(p.title.startswith(("Dato ", "Post ", "Mødedato")) for p in document.passages), path.name
