"""Code review 37: page footers and an appendix's own sections (files in tests/fixtures/codereview37_pages/,
copied from the review; the review's variants of them written here).

The findings read here: a report's chapters after an appendix with numbered points of its own («Bilag 1:
Høringssvar …» / «1. Tilgængelighed» … «4. Beskæftigelse» / «3. Økonomi») were swallowed into the appendix;
a row «Høringssvar fra Ældrerådet    side 1 af 3» and a decision's only line «Godkendt med ændringer fra
Ældrerådet – side 2 af 3» were dropped as page footers, as their heads name a council, and so was a Markdown
bullet «* Høringssvar fra … – side 1 af 3»; a footer whose head is a council in the genitive or a compound
(«Økonomiudvalgets møde – side 1 af 2», «Byrådsmøde», «Protokol») stayed in an item's text, and so did one
with no head at all («– side 1 af 2»).
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_rewritten

CODEREVIEW37 = FIXTURES / "codereview37_pages"
read = partial(read_fixture, CODEREVIEW37)

HANDICAP = "skovby_handicapraadet_aarsberetning_2024.txt"
SUNDHED = "skovby_sundhedsudvalget_2025-06-02.txt"
SUNDHED_MD = "skovby_sundhedsudvalget_2025-06-02.md"
OEKONOMI = "skovby_oekonomiudvalget_2025-03-12.txt"


# --- 1. an appendix's own sections end where the report's chapters resume -------------------------------------

def test_chapters_after_an_appendix_with_numbered_points_stay_chapters():
    sections = read(HANDICAP).passages
    assert [(p.item_number, p.title) for p in sections] == [
        (1, "Indledning"), (2, "Rådets høringssvar til budget 2025"),
        (None, "Bilag 1: Høringssvar af 2. september 2024"), (3, "Økonomi"), (4, "Rådets arbejde i 2025")]
    appendix, economy, plans = sections[2:]
    assert appendix.text.startswith("1. Tilgængelighed")
    assert appendix.text.endswith("4. Beskæftigelse\n\nRådet foreslår flere fleksjob i kommunen.")
    assert "Økonomi" not in appendix.text and "handicappolitik" not in appendix.text
    assert economy.text == "Rådet brugte 31.000 kr. af sin pulje på 40.000 kr."
    assert plans.text == "Rådet vil i 2025 arbejde med en ny handicappolitik."


def test_an_appendix_at_the_end_keeps_all_its_numbered_points(tmp_path):
    """Near miss: with no chapter after it, the appendix's «3. Kørsel» (which would continue chapter 2) is its own."""
    sections = read_rewritten(CODEREVIEW37, tmp_path, HANDICAP, lambda text: text.split("\n3. Økonomi")[0]).passages
    assert [p.title for p in sections][-1] == "Bilag 1: Høringssvar af 2. september 2024"
    assert "3. Kørsel" in sections[-1].text and "4. Beskæftigelse" in sections[-1].text


# --- 2. a head naming a council in a phrase is no footer's ------------------------------------------------------

def test_rows_and_a_decision_ending_in_a_page_reference_stay():
    item = read(SUNDHED).passages[1]
    assert item.sections_by_key()["sagsfremstilling"].endswith(
        "Høringssvar fra Ældrerådet side 1 af 3\nHøringssvar fra Handicaprådet side 2 af 3\n"
        "Høringssvar fra Skolebestyrelsen side 3 af 3")
    assert item.has_decision
    assert item.decision == "Godkendt med ændringer fra Ældrerådet – side 2 af 3"


def test_a_markdown_list_of_consultation_replies_stays():
    item = read(SUNDHED_MD).passages[1]
    for reply in ("Høringssvar fra Ældrerådet – side 1 af 3", "Høringssvar fra Handicaprådet – side 2 af 3",
                  "Høringssvar fra Skovby Kommunes MED-udvalg – side 3 af 3"):
        assert reply in item.text


@pytest.mark.parametrize("footer", ["Social- og Sundhedsudvalget 02-06-2025      side 2 af 3",
                                    "Skovby Kommune – Referat – side 2 af 3"])
def test_a_footer_among_the_rows_is_still_dropped(tmp_path, footer):
    """Near miss: a footer whose head is only the council and the date, or the municipality and the document."""
    item = read_rewritten(CODEREVIEW37, tmp_path, SUNDHED, lambda text: text.replace(
        "Høringssvar fra Skolebestyrelsen    side 3 af 3\n", f"Høringssvar fra Skolebestyrelsen    side 3 af 3\n\n{footer}\n"
    )).passages[1]
    assert "side 2 af 3\nHøringssvar fra Skolebestyrelsen side 3 af 3" in item.text
    assert "Skovby Kommune – Referat" not in item.text and "02-06-2025" not in item.text


# --- 3. a council in the genitive or a compound, or the protocol, heads a footer --------------------------------

def test_a_footer_naming_the_committee_in_the_genitive_is_dropped():
    item = read(OEKONOMI).passages[1]
    assert "side 1 af 2" not in item.text and "Økonomiudvalgets møde" not in item.text
    assert item.sections_by_key()["sagsfremstilling"].endswith(
        "administrative konti.\n\nAnlægsområdet forventes at have et merforbrug på 3,1 mio. kr.")


@pytest.mark.parametrize("footer", ["Byrådsmøde – side 1 af 2", "Kommunalbestyrelsesmødet | side 1 af 2",
                                    "Ældrerådsmøde – side 1 af 2", "Protokol – side 1 af 2",
                                    # 4. a footer with no head
                                    "– side 1 af 2", "| side 1 af 2"])
def test_other_footers_mid_item_are_dropped(tmp_path, footer):
    item = read_rewritten(CODEREVIEW37, tmp_path, OEKONOMI, lambda text: text.replace(
        "Økonomiudvalgets møde – side 1 af 2", footer)).passages[1]
    assert "side 1 af 2" not in item.text
    assert item.sections_by_key()["sagsfremstilling"].endswith(
        "administrative konti.\n\nAnlægsområdet forventes at have et merforbrug på 3,1 mio. kr.")


def test_a_page_reference_in_a_sentence_still_stays(tmp_path):
    """Near miss (code review 34): «… se Økonomiudvalgets oversigt side 1 af 2» is a sentence, not a footer."""
    item = read_rewritten(CODEREVIEW37, tmp_path, OEKONOMI, lambda text: text.replace(
        "Økonomiudvalgets møde – side 1 af 2", "Detaljerne fremgår af Økonomiudvalgets oversigt – side 1 af 2")).passages[1]
    assert "Detaljerne fremgår af Økonomiudvalgets oversigt – side 1 af 2" in item.text
