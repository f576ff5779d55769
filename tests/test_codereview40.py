"""Code review 40 (2026-12-05): regressions of code review 39 in reading decision tables, one-time page footers,
a meeting's municipality by its town hall, a newest-first history of decisions and the minutes' closing lines
(files in tests/fixtures/codereview40/, copied from the review; short variants written here).

The findings: «| Beslutning | Godkendt |» over a table's rule was read as a header naming columns and the decision
was lost; footers with «til», «på», «med», a room or a print date («udskrevet 12.06.2025») stayed in the text;
Odder's minutes were filed under Aarhus, a partner its text names, or under none; «Beslutning i Byrådet den 11.
juni 2025:» printed first of a newest-first history stayed quoted; «Formand: Anne Holm» / «Referent: Lise Krogh»
set apart under the last item's «Intet.» became the decision's text.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written

read = partial(read_fixture, FIXTURES / "codereview40")

HEAD = ("Skovby Kommune\n\nByrådet - Referat\n\nDato: 11. juni 2025\n\nPunkter\n1. Tilskud til fællesspisning\n\n\n"
        "1. Tilskud til fællesspisning\n\nResume\nForeningen Fællesbordet søger om 25.000 kr.\n\n")


# --- 1. A header row names columns; a label beside a text is a pair --------------------------------------------


def test_a_decision_table_over_a_rule_keeps_its_decision():
    [item] = read("skovby-byraadet-referat-2025-06-11-beslutningstabel.txt").passages
    assert (item.has_decision, item.outcome) == (True, "Godkendt")
    assert item.decision.startswith("Godkendt")


def test_a_decision_table_with_a_vote_keeps_its_decision():
    first = read("skovby-byraadet-referat-2025-06-11-beslutningstabel-afstemning.txt").passages[0]
    assert first.outcome == "Godkendt" and "21 for, 4 imod" in first.decision


@pytest.mark.parametrize("row", ["| Afstemning | 7-0 |", "| Bemærkning | Enstemmigt |", "| Mindretal | Ø stemte imod |",
                                 "| Bilag | 2 |", "| Økonomi | 25.000 |", "| Fraværende | Anne Holm |"])
def test_a_decision_row_over_a_rule_is_the_decision_whatever_row_follows(tmp_path, row):
    text = HEAD + f"| Beslutning | Godkendt |\n|---|---|\n{row}\n\nTil toppen\n"
    [item] = read_written(tmp_path, "referat.txt", text).passages
    assert item.outcome == "Godkendt" and item.decision.startswith("Godkendt")


def test_a_header_row_naming_columns_is_still_no_decision(tmp_path):
    """Near miss: «| Beslutning | Dato |» names two columns; the history under it is the case's text."""
    text = HEAD.replace("Resume\n", "Sagsfremstilling\n") + (
        "| Beslutning | Dato |\n|---|---|\n| Udvalget frigav 2 mio. kr. | 3. februar 2025 |\n")
    [item] = read_written(tmp_path, "dagsorden.txt", text.replace("Referat", "Dagsorden")).passages
    assert not item.has_decision


# --- 2. A one-time footer's head: names, and lower-case words from a closed list ------------------------------


@pytest.mark.parametrize("name, footer", [
    ("skovby-byraadet-dagsorden-2025-06-11-sidefod-til.txt", "Dagsorden til Byrådets møde 11.06.2025"),
    ("skovby-byraadet-referat-2025-06-11-sidefod-ordinaert-moede.txt", "Referat af ordinært møde i Byrådet"),
    ("skovby-byraadet-referat-2025-06-11-sidefod-udskrevet.txt", "udskrevet 12.06.2025")])
def test_one_time_footers_are_no_text(name, footer):
    document = read(name)
    assert not any(footer in p.text or "side 2 af 3" in p.text for p in document.passages)


@pytest.mark.parametrize("head", ["Referat til Byrådets møde 11.06.2025", "Referat – Byrådet – 11.06.2025 – mødesal 1",
                                  "Referat – Byrådet – 11.06.2025 – byrådssalen",
                                  "Referat fra Byrådets møde på Rådhuset 11.06.2025",
                                  "Referat af Byrådets møde ons. 11.06.2025",
                                  "Dagsorden med beslutninger – Byrådet – 11.06.2025",
                                  "Referat af Byrådets møde onsdag den 11. juni 2025",
                                  "Ældrerådets møde 3. juni 2025 på Rådhuset"])
def test_footers_with_glue_rooms_and_weekdays_are_footers(tmp_path, head):
    text = HEAD + f"Beslutning\nGodkendt.\n\n{head} – side 1 af 1\n"
    [item] = read_written(tmp_path, "referat.txt", text).passages
    assert item.decision == "Godkendt."
    assert "side 1 af 1" not in item.text


@pytest.mark.parametrize("line", ["Høringssvar fra Ældrerådet – side 2 af 3",
                                  "Godkendt med ændringer fra Ældrerådet – side 2 af 3",
                                  "Økonomiudvalget godkendte referat 14.04.2025 – side 2 af 3",
                                  "Detaljerne fremgår af Økonomiudvalgets oversigt – side 1 af 2"])
def test_a_phrase_ending_in_a_page_reference_stays_the_decision(tmp_path, line):
    """Near miss: a word outside the footer's closed list (a verb, «høringssvar», «oversigt») makes it text."""
    [item] = read_written(tmp_path, "referat.txt", HEAD + f"Beslutning\n{line}\n").passages
    assert item.decision == line


# --- 3. A town hall where the meeting is held, ahead of the partners the text names ---------------------------


@pytest.mark.parametrize("name", ["byraadet-referat-2025-06-11-moedested.txt", "byraadet-referat-2025-06-11-hovedlinje.txt",
                                  "byraadet-referat-2025-06-11-adresse.txt"])
def test_odders_minutes_are_odders(name):
    assert {p.municipality for p in read(name).passages} == {"Odder"}


# --- 4. This meeting's dated header is the decision wherever it stands ----------------------------------------


def test_a_newest_first_history_gives_this_meetings_decision():
    [item] = read("skovby-byraadet-referat-2025-06-11-nyeste-foerst.txt").passages
    assert (item.decision, item.outcome) == ("Godkendt.", "Godkendt")


def test_an_earlier_meetings_header_first_stays_quoted(tmp_path):
    """Near miss: the first header is this council's, but of an earlier meeting: quoted still."""
    text = HEAD.replace("Resume\n", "Tidligere beslutninger\n\nBeslutning i Byrådet den 28. maj 2025:\nUdsat.\n\n"
                        "Beslutning i Økonomiudvalget den 2. juni 2025:\nAnbefales.\n\nResume\n")
    [item] = read_written(tmp_path, "dagsorden.txt", text.replace("Referat", "Dagsorden")).passages
    assert not item.has_decision


# --- 5. A signing block set apart under the last item is the closing ------------------------------------------


def test_a_chair_and_minute_taker_set_apart_close_the_minutes():
    last = read("skovby-aeldreraadet-referat-2025-06-03-formand-referent.txt").passages[-1]
    assert last.sections_by_key()["beslutning"] == "Intet."
    assert "Lise Krogh" in last.staff


def test_a_constitution_under_its_decision_label_stays_the_decision():
    """Near miss: «Formand: …» / «Næstformand: …» right under «Beslutning» is what was decided."""
    last = read("skovby-aeldreraadet-referat-konstituering.txt").passages[-1]
    assert last.decision.startswith("Formand: Anne Holm\nNæstformand: Bo Berg")
