"""Layouts review 14: Aarhus's minutes in Markdown and Silkeborg's annual report as text (files in
tests/fixtures/layouts14/, copied from the review; the review's variants of them written here).

The findings read here: «Beslutning i Magistraten den 12. maj 2025» was no decision header (the council word
alone, «Magistraten», named no council), so the Magistrat's decision ran on in the committee's before it; a
Markdown table of field names over one row of values («| Sagsnummer | Ansvarlig |») gave no case number and
no handler, but a section of its own; a footer «… – side 3 af 3» in lower case stayed in the last decision; a
running footer numbering its pages without «Side» («Handicaprådet · Årsberetning 2024 · 2») stayed in the
chapters' text, also between pdftotext's form feeds; and an appendix «Bilag 1: Rådets medlemmer» was the last
chapter's text.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_rewritten, read_written

LAYOUTS14 = FIXTURES / "layouts14"
read = partial(read_fixture, LAYOUTS14)

AARHUS_MAJ = "aarhus_byraadet_referat_2025-05-14.md"
AARHUS_JUNI = "aarhus_byraadet_referat_2025-06-11.md"
SILKEBORG = "silkeborg3_handicapraadet_aarsberetning_2024.txt"
FOOTER = "Handicaprådet · Årsberetning 2024 · "


def _sections(passage, key: str) -> list[tuple[str, str | None, str]]:
    return [(s.label, s.date, s.text) for s in passage.sections if s.key == key]


# --- 1. «Magistraten»: a council's name that is the council word alone ---------------------------------


def test_the_magistrats_decision_is_an_earlier_decision_of_its_own():
    lokalplan = read(AARHUS_MAJ).passages[1]
    assert lokalplan.council == "Byrådet"
    assert _sections(lokalplan, "tidligere_beslutning") == [
        ("Beslutning i Teknisk Udvalg den 5. maj 2025", "2025-05-05",
         "Udvalget anbefaler indstillingen. Enhedslisten tager forbehold."),
        ("Beslutning i Magistraten den 12. maj 2025", "2025-05-12", "Magistraten anbefaler indstillingen.")]
    assert lokalplan.decision == "Indstillingen blev vedtaget med 27 stemmer for og 3 imod (Ø)."


@pytest.mark.parametrize("header", ["Beslutning i Magistraten den 12-05-2025", "Magistratens beslutning den 12. maj 2025",
                                    "BESLUTNING I MAGISTRATEN DEN 12-05-2025"])
def test_the_magistrats_header_written_otherwise(tmp_path, header):
    lokalplan = read_rewritten(LAYOUTS14, tmp_path, AARHUS_MAJ, lambda text: text.replace(
        "**Beslutning i Magistraten den 12. maj 2025**", f"**{header}**")).passages[1]
    assert [(date, text) for _, date, text in _sections(lokalplan, "tidligere_beslutning")][1:] == [
        ("2025-05-12", "Magistraten anbefaler indstillingen.")]


def test_the_magistrat_in_a_sentence_is_no_header(tmp_path):
    """Near miss: the Magistrat named as a sentence's subject stays the committee's decision's text."""
    lokalplan = read_rewritten(LAYOUTS14, tmp_path, AARHUS_MAJ, lambda text: text.replace(
        "**Beslutning i Magistraten den 12. maj 2025**\n\n", "")).passages[1]
    assert _sections(lokalplan, "tidligere_beslutning") == [
        ("Beslutning i Teknisk Udvalg den 5. maj 2025", "2025-05-05",
         "Udvalget anbefaler indstillingen. Enhedslisten tager forbehold.\n\nMagistraten anbefaler indstillingen.")]


# --- 2. a case's facts as a Markdown table's columns ---------------------------------------------------


def test_field_names_over_a_row_of_values_are_the_items_fields():
    document = read(AARHUS_JUNI)
    assert [(p.item_number, p.case_number, p.case_handler) for p in document.passages] == [
        (1, "25/002211-4", "Niels Højberg Kirk"), (2, "25/008812-2", "Teknik og Miljø"), (3, None, None)]
    assert not [p.title for p in document.passages if "Sagsnummer" in p.text or any(s.key == "tekst" for s in p.sections)]


def test_a_table_whose_header_names_no_field_keeps_its_rows(tmp_path):
    """Near miss: a data table («| Parti | Stemmer |») is no case's facts; its header row stays with its values."""
    document = read_rewritten(LAYOUTS14, tmp_path, AARHUS_JUNI, lambda text: text.replace(
        "| Sagsnummer | Ansvarlig |\n|---|---|\n| 25/008812-2 | Teknik og Miljø |",
        "| Parti | Stemmer |\n|---|---|\n| Ø | 3 |"))
    opsigelse = document.passages[1]
    assert (opsigelse.case_number, opsigelse.case_handler) == (None, None)
    assert "Parti Stemmer" in opsigelse.text and "Ø 3" in opsigelse.text


# --- 3. «side N af M» in lower case ----------------------------------------------------------------------


def test_a_footer_with_side_in_lower_case_is_no_decision():
    last = read(AARHUS_JUNI).passages[-1]
    assert last.decision == "Der var to spørgsmål om parkering i Latinerkvarteret, som rådmanden besvarede."
    assert "side 3 af 3" not in last.text


def test_a_page_reference_in_a_sentence_stays(tmp_path):
    """Near miss: «se side 3» without «af M» is the text's own reference."""
    last = read_rewritten(LAYOUTS14, tmp_path, AARHUS_JUNI, lambda text: text.replace(
        "*Aarhus Kommune – Referat af Byrådets møde 11. juni 2025 – side 3 af 3*", "Kortet er vist på side 3.")).passages[-1]
    assert last.decision.endswith("Kortet er vist på side 3.")


# --- 4. a running footer numbering its pages without «Side» ----------------------------------------------


_CHAPTERS = [("Formandens forord", "Handicaprådet har i 2024 haft fokus på tilgængelighed og boliger.\n\nJette Bang, formand"),
             ("Indledning", "Årsberetningen gives til byrådet hvert år i marts."),
             ("Rådets arbejde", "2.1 Høringssvar\n\nRådet har afgivet 19 høringssvar.\n\n2.2 Møder med udvalgene\n\n"
                                "Rådet mødtes to gange med Social- og Sundhedsudvalget."),
             ("Handicappolitikken", "Politikken blev evalueret i efteråret."),
             ("Bilag 1: Rådets medlemmer", "Jette Bang (formand), DH\nSøren Møller (næstformand), byrådet\n"
                                           "Inge Lauridsen, DH\nMartin Krogh, byrådet")]


def test_a_running_footer_without_side_is_dropped_and_the_appendix_is_a_section():
    document = read(SILKEBORG)
    assert [(p.title, p.text) for p in document.passages] == _CHAPTERS
    assert document.passages[0].council == "Handicaprådet"


@pytest.mark.parametrize("change", [
    pytest.param(lambda text: text.replace(" · 1\n", " | 1\n").replace(" · 2\n", " | 2\n").replace(" · 3\n", " | 3\n")
                 .replace("Handicaprådet · Årsberetning 2024 |", "Handicaprådet | Årsberetning 2024 |"), id="bars"),
    pytest.param(lambda text: text.replace("2024 · ", "2024   "), id="column-gap"),
    pytest.param(lambda text: text.replace(f"{FOOTER}1\n", f"{FOOTER}1\n\f").replace(f"{FOOTER}2\n", f"{FOOTER}2\n\f"),
                 id="form-feeds"),
    # twice only: the head names the council, as a «Side N» footer's must
    pytest.param(lambda text: text.replace(f"{FOOTER}1\n", ""), id="twice"),
])
def test_the_running_footer_printed_otherwise(tmp_path, change):
    document = read_rewritten(LAYOUTS14, tmp_path, SILKEBORG, change)
    assert [(p.title, p.text) for p in document.passages] == _CHAPTERS


def test_form_feeds_alone_tell_the_footer_at_each_pages_end():
    """pdftotext's pages (`indexer.pages.find_running_chrome`): the number after the middle dot at each
    page's foot follows the pages, a page number."""
    from indexer.models import Page
    from indexer.pages import find_running_chrome

    pages = [Page(n, f"Kapitel {n}\n\nRådet har holdt {n + 3} møder.\n\n{FOOTER}{n}") for n in (1, 2, 3)]
    chrome = find_running_chrome(pages)
    assert chrome.lines == (f"{FOOTER}1",)
    assert all(FOOTER not in page.text for page in chrome.pages)


def test_numbered_lines_that_are_no_footer_stay(tmp_path):
    """Near misses: a list of rounds numbered one under the other, and numbers that do not count up."""
    text = ("Handicaprådet\nÅrsberetning 2024\n\n1. Møder\n\nRådet har holdt møder i disse runder hele året:\n\n"
            "Dialogrunde · 1\nDialogrunde · 2\nDialogrunde · 3\n\n"
            "2. Høringer\n\nRådet har afgivet høringssvar om mange sager i løbet af året.\n\n"
            "Høringsrunde · 4\n\nRådet svarede hurtigt på alle høringer i år.\n\nHøringsrunde · 2\n\n"
            "Rådet svarede igen hurtigt på alle høringer.\n\nHøringsrunde · 7\n\n"
            "3. Økonomi\n\nRådet har brugt 28.000 kr. af sit budget på 30.000 kr.\n")
    document = read_written(tmp_path, "handicapraadet_aarsberetning_2024.txt", text)
    assert "Dialogrunde · 1\nDialogrunde · 2\nDialogrunde · 3" in document.passages[0].text
    kept = "\n".join(f"{p.title}\n{p.text}" for p in document.passages)  # lines of text or headings: not dropped
    assert [line for line in kept.split("\n") if line.startswith("Høringsrunde")] == [
        "Høringsrunde · 4", "Høringsrunde · 2", "Høringsrunde · 7"]


# --- 5. an appendix's heading ----------------------------------------------------------------------------


def test_a_list_of_attachments_is_no_appendix(tmp_path):
    """Near miss: «Bilag 1: …» / «Bilag 2: …» one under the other name the attachments, in their chapter's text."""
    document = read_rewritten(LAYOUTS14, tmp_path, SILKEBORG, lambda text: text.replace(
        "Politikken blev evalueret i efteråret.\n",
        "Politikken blev evalueret i efteråret.\n\nBilag 1: Evaluering\nBilag 2: Handleplan\n"))
    politik = next(p for p in document.passages if p.title == "Handicappolitikken")
    assert "Bilag 1: Evaluering\nBilag 2: Handleplan" in politik.text
