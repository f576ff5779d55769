"""Code review 34: misfires of the layouts14 reading (files in tests/fixtures/codereview34/, copied from the
review; the review's variants of them written here).

The findings read here: a «side N af M» in lower case ending a sentence («… se oversigten side 2 af 3») was
taken for a page footer and the line dropped, a decision's only one; a line ending in a number after a column
gap or a dash and printed twice or more with a growing number was taken for a running footer — budget rows by
committee, pupil numbers by school, «I alt» rows, vote tallies «For stemte · 3», «Socialudvalget – 2» in a
report, «Fase – 1»; a «Bilag 1: …» line that a sentence introduces, inside a chapter, started a section; and
«Magistraten», named in the items' texts as the body recommending to the city council, outvoted Byrådet as
the document's council.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_rewritten, read_written

CODEREVIEW34 = FIXTURES / "codereview34"
LAYOUTS14 = FIXTURES / "layouts14"
read = partial(read_fixture, CODEREVIEW34)

SOCIAL = "kildemark_socialudvalget_2025-06-02.txt"
BUDGET = "kildemark_byraadet_2025-10-08.txt"
ELEVTAL = "kildemark_boerneudvalget_2025-02-04.txt"
ANLAEG = "kildemark_oekonomiudvalget_2025-03-12.txt"
AFSTEMNING = "kildemark_byraadet_2025-04-24.txt"
HANDICAP = "kildemark_handicapraadet_aarsberetning_2024.txt"
FASER = "kildemark_teknikudvalget_2025-05-06.txt"
INTEGRATION = "kildemark_integrationsraadet_aarsberetning_2024.txt"
AELDRE = "kildemark_aeldreraadet_aarsberetning_2024.txt"
AARHUS = "aarhus_referat_2025-09-03.txt"
SILKEBORG = "silkeborg3_handicapraadet_aarsberetning_2024.txt"


# --- 1. «side N af M» in lower case ending a sentence --------------------------------------------------------


def test_a_page_reference_ending_a_sentence_is_no_footer():
    tilsyn, orientering = read(SOCIAL).passages
    assert "Socialtilsynets konklusion om medicinhåndtering står i rapporten på side 4 af 12" in tilsyn.text
    assert orientering.decision == ("Direktøren orienterede om klagesager: der er kommet 3 klager, "
                                    "se oversigten side 2 af 3")


@pytest.mark.parametrize("footer", ["Kildemark Kommune – Referat – side 2 af 3", "Socialudvalget · 02-06-2025 · side 2 af 3",
                                    "Socialudvalget 02-06-2025        side 2 af 3", "side 2 af 3"])
def test_a_lower_case_footer_set_off_as_furniture_is_dropped(tmp_path, footer):
    """Near misses the other way: after a dash, a middle dot, a column gap, or alone, it is the page's footer."""
    orientering = read_rewritten(CODEREVIEW34, tmp_path, SOCIAL, lambda text: text.replace(
        "se oversigten side 2 af 3", f"se oversigten.\n\n{footer}")).passages[1]
    assert orientering.decision == "Direktøren orienterede om klagesager: der er kommet 3 klager, se oversigten."


@pytest.mark.parametrize("line", [
    # a decision's only line and a table's row, set off by a dash and a column gap (code review 36)
    "Godkendt med de ændringer, der fremgår af bilag 1 – side 2 af 3",
    "Høringssvar fra skolebestyrelsen    side 2 af 3"])
def test_a_set_off_page_reference_whose_head_names_no_document_stays(tmp_path, line):
    orientering = read_rewritten(CODEREVIEW34, tmp_path, SOCIAL, lambda text: text.replace(
        "se oversigten side 2 af 3", f"se oversigten.\n{line}")).passages[1]
    assert orientering.decision.endswith(" ".join(line.split())) or line in orientering.decision, orientering.decision


# --- 2-6. lines ending in a number that are no running footer ------------------------------------------------


def test_budget_rows_by_committee_stay():
    budget = read(BUDGET).passages[0]
    assert "Økonomiudvalget 312\nBørne- og Skoleudvalget 845\nSocialudvalget 640" in budget.text
    assert "Økonomiudvalget 318\nBørne- og Skoleudvalget 861\nSocialudvalget 655" in budget.text


def test_pupil_numbers_by_school_stay():
    elevtal = read(ELEVTAL).passages[0]
    for rows in ("Skovbakke Skole 410\nRosenhøj Skole 288", "Skovbakke Skole 415\nRosenhøj Skole 291",
                 "Skovbakke Skole 432\nRosenhøj Skole 296"):
        assert rows in elevtal.text


def test_total_rows_stay():
    assert [p.text.split("\n")[4] for p in read(ANLAEG).passages] == ["I alt 450", "I alt 780", "I alt 975"]


def test_vote_tallies_stay():
    afstemning = read(AFSTEMNING).passages[0]
    assert [line for line in afstemning.decision.split("\n") if line.startswith("For stemte")] == [
        "For stemte · 3", "For stemte · 11", "For stemte · 17"]


def test_meetings_counted_by_committee_in_a_report_stay():
    document = read(HANDICAP)
    assert [p.title for p in document.passages] == ["Indledning", "Møder", "Høringssvar"]
    assert document.passages[1].text == ("Antallet af møder med udvalgene:\n\nSocialudvalget – 2\nBørne- og Ungeudvalget – 1"
                                         "\n\nI 2024 deltog rådet desuden i dialogmøder med:\n\nSocialudvalget – 3\n"
                                         "Teknik- og Miljøudvalget – 1")


def test_numbered_phases_stay():
    faser = read(FASER).passages[0]
    assert [line for line in faser.text.split("\n") if line.startswith("Fase")] == ["Fase – 1", "Fase – 2", "Fase – 3"]


def test_numbered_chapter_lines_stay():
    """«Kapitel · 1» names no document: a chapter's number, not a page's."""
    document = read(INTEGRATION)
    kept = "\n".join(f"{p.title}\n{p.text}" for p in document.passages)
    assert [line for line in kept.split("\n") if line.startswith("Kapitel")] == ["Kapitel · 1", "Kapitel · 2", "Kapitel · 3"]


_PAGE = "Udvalget drøftede sagen og de økonomiske konsekvenser for de kommende år grundigt.\n" * 12


def _minutes(footers: list[str], separator: str = "") -> str:
    """Minutes of one long item whose pages end in `footers` (after `separator`, a form feed or none)."""
    pages = [f"{_PAGE}\n{footer}\n{separator}" for footer in footers]
    return ("Socialudvalget\n\nREFERAT\n\nDato: 02-06-2025\n\n\nPkt. 1 Budgetopfølgning\nSagsnr.: 25/00113\n\n"
            + "".join(pages) + "\nBeslutning\nTaget til efterretning.\n")


@pytest.mark.parametrize("footers", [
    ["Kildemark Kommune · Referat · 1", "Kildemark Kommune · Referat · 2", "Kildemark Kommune · Referat · 3"],
    ["Referat – Socialudvalget   2", "Referat – Socialudvalget   3"],
])
def test_a_running_footer_naming_the_document_a_page_apart_is_dropped(tmp_path, footers):
    item = read_written(tmp_path, "kildemark_socialudvalget_2025-06-02.txt", _minutes(footers)).passages[0]
    assert "Referat" not in item.text and item.decision == "Taget til efterretning."


def test_page_numbers_following_the_pages_are_dropped(tmp_path):
    """From page 3 on, a text's form feeds telling the pages: the numbers are the pages'."""
    footers = ["Referat · 3", "Referat · 4"]
    text = _minutes(["", "", *footers], separator="\f").replace("\n\n\f", "\n\f")
    item = read_written(tmp_path, "kildemark_socialudvalget_2025-06-02.txt", text).passages[0]
    assert "Referat ·" not in item.text


@pytest.mark.parametrize("footers", [
    # a council alone names no document
    ["Socialudvalget · 1", "Socialudvalget · 2", "Socialudvalget · 3"],
    # numbers that do not count the pages
    ["Kildemark Kommune · Referat · 1", "Kildemark Kommune · Referat · 3", "Kildemark Kommune · Referat · 5"],
    ["Kildemark Kommune · Referat · 7", "Kildemark Kommune · Referat · 8", "Kildemark Kommune · Referat · 9"],
])
def test_numbered_lines_that_count_no_pages_of_the_document_stay(tmp_path, footers):
    item = read_written(tmp_path, "kildemark_socialudvalget_2025-06-02.txt", _minutes(footers)).passages[0]
    assert [line for line in item.text.split("\n") if line in footers] == footers


def test_numbered_lines_naming_the_document_close_together_stay(tmp_path):
    """Near miss: «Referat · 1» / «Referat · 2» a few lines apart are a list of the minutes, not pages."""
    text = _minutes([]).replace("Sagsnr.: 25/00113\n\n", "Sagsnr.: 25/00113\n\nReferaterne:\n\nReferat · 1\n"
                                "Godkendt i marts.\nReferat · 2\nGodkendt i april.\n\n")
    item = read_written(tmp_path, "kildemark_socialudvalget_2025-06-02.txt", text).passages[0]
    assert "Referat · 1\nGodkendt i marts.\nReferat · 2" in item.text


# --- 7. «Bilag 1: …» inside a chapter --------------------------------------------------------------------------


_AELDRE_CHAPTERS = ["Indledning", "Arbejdsgruppe om demens", "Høringssvar", "Økonomi"]


def test_an_appendix_named_inside_a_chapter_is_no_section():
    document = read(AELDRE)
    assert [p.title for p in document.passages] == _AELDRE_CHAPTERS
    assert document.passages[1].text == ("Rådet nedsatte i foråret en arbejdsgruppe. Kommissoriet er vedlagt som:\n\n"
                                         "Bilag 1: Kommissorium for arbejdsgruppen\n\nArbejdsgruppen bestod af:\n\n"
                                         "Inge Lauridsen\nMartin Krogh\nJette Bang")


def test_an_appendix_line_a_numbered_chapter_follows_is_no_section(tmp_path):
    """Without the colon introducing it: chapter 3 after it says it is no appendix at the report's end."""
    document = read_rewritten(CODEREVIEW34, tmp_path, AELDRE, lambda text: text.replace(
        "Kommissoriet er vedlagt som:", "Kommissoriet er vedlagt."))
    assert [p.title for p in document.passages] == _AELDRE_CHAPTERS
    assert "Bilag 1: Kommissorium for arbejdsgruppen" in document.passages[1].text


def test_an_appendix_a_sentence_introduces_at_the_end_is_no_section(tmp_path):
    """The last chapter's «Medlemmerne er:» introduces «Bilag 1: …»: its text, though no chapter follows."""
    document = read_rewritten(LAYOUTS14, tmp_path, SILKEBORG, lambda text: text.replace(
        "Politikken blev evalueret i efteråret.\n", "Politikken blev evalueret i efteråret. Medlemmerne er:\n"))
    assert [p.title for p in document.passages][-1] == "Handicappolitikken"
    assert "Medlemmerne er:\n\nBilag 1: Rådets medlemmer\n\nJette Bang (formand), DH" in document.passages[-1].text


# --- 8. «Magistraten» recommending to the city council ---------------------------------------------------------


def test_the_body_recommending_to_the_council_is_not_the_documents_council():
    assert [p.council for p in read(AARHUS).passages] == ["Byrådet", "Byrådet", "Byrådet"]
