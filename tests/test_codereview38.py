"""Code review 38 (2026-12-05): regressions of the readings of code review 37 and layouts review 15 (files in
tests/fixtures/codereview38/, copied from the review; short variants written here).

The findings: a footer printed once («Skovby Ældreråd · Referat · 3.6.2025 – side 1 af 1») was kept in the
last decision, as its head named a town, a weekday, «Offentligt», «Åben del» or a place beside its names; this
meeting's own decision printed after the quoted ones under «Tidligere beslutninger» was taken for an earlier
one; «Ref.: Lov om social service § 81 a», «Godkendt af: Byrådet den 28. maj 2025» and a «Referent:» line in an
item's list of roles were cut from the last item and read as the meeting's staff; an agenda's sentence «Protokol
fra seneste møde er vedlagt som bilag.» made it minutes; Copenhagen's signatures under each item were lost.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written

CR38 = FIXTURES / "codereview38"
read = partial(read_fixture, CR38)

HEAD = "Skovby Kommune\nÆldrerådet\n\nReferat\n\nMødedato: 3. juni 2025\nDeltagere: Anne Holm, Bo Berg\n\n"


# --- 1. A footer printed once, its head naming a town, a weekday, «Åben del» or a place ---------------------


@pytest.mark.parametrize("name, footer", [
    ("skovby-aeldreraad-referat-2025-06-03-engangsfod.txt", "Skovby Ældreråd · Referat · 3.6.2025 – side 1 af 1"),
    ("skovby-aeldreraadet-referat-2025-06-03-ugedag-i-fod.txt", "Ældrerådet · Referat · Tirsdag 3. juni 2025 – side 1 af 1"),
])
def test_a_footer_printed_once_is_no_part_of_the_last_decision(name, footer):
    (item,) = read(name).passages
    assert item.decision == "Rådet afgav høringssvar."
    assert footer not in item.text and "side 1 af 1" not in item.text


@pytest.mark.parametrize("head", [
    "Aarhus Byråd – Referat 11. juni 2025", "Ældrerådet i Skovby – Referat",
    "Referat · Ældrerådet · Tirsdag 3. juni 2025", "Offentligt referat · Socialudvalget · 02.06.2025",
    "Referat – Byrådet – 11.06.2025 – Åben del", "Ældrerådet · Referat · 3. juni 2025 · Rådhuset"])
def test_footer_heads_naming_a_town_a_weekday_or_a_place_are_footers(tmp_path, head):
    text = HEAD + f"1. Meddelelser\n\nBeslutning\nTaget til efterretning.\n\n{head} – side 1 af 1\n"
    (item,) = read_written(tmp_path, "referat.txt", text).passages
    assert item.decision == "Taget til efterretning."
    assert "side 1 af 1" not in item.text


@pytest.mark.parametrize("line", ["Godkendt med ændringer fra Ældrerådet – side 2 af 3",
                                  "Høringssvar fra Ældrerådet – side 2 af 3", "Bilag fra Ældrerådet – side 2 af 3"])
def test_a_phrase_ending_in_a_page_reference_stays_the_decision(tmp_path, line):
    # near miss: it opens with a word that is no name («Godkendt med», «Høringssvar fra»)
    text = HEAD + f"1. Høring om kvalitetsstandard\n\nBeslutning\n{line}\n"
    (item,) = read_written(tmp_path, "referat.txt", text).passages
    assert item.decision == line


# --- 2. This meeting's decision after the quoted ones under «Tidligere beslutninger» --------------------------


def test_this_councils_decision_of_the_meetings_date_ends_the_quoted_decisions():
    lokalplan = read("skovby-byraadet-referat-2025-06-11-tidligere-beslutninger.txt").passages[0]
    assert lokalplan.has_decision and lokalplan.decision == "Vedtaget endeligt."
    assert lokalplan.decision_date == "2025-06-11"
    assert [(s.label, s.text) for s in lokalplan.sections if s.key == "tidligere_beslutning"] == [
        ("Teknik- og Miljøudvalget den 4. marts 2025:", "Anbefales."),
        ("Byrådet den 26. marts 2025:", "Sendt i offentlig høring.")]


def test_beslutning_i_this_council_without_a_date_is_the_decision(tmp_path):
    text = (CR38 / "skovby-byraadet-referat-2025-06-11-tidligere-beslutninger.txt").read_text(encoding="utf-8")
    text = text.replace("Beslutning i Byrådet den 11. juni 2025:", "Beslutning i Byrådet:")
    lokalplan = read_written(tmp_path, "byraadet-referat.txt", text).passages[0]
    assert lokalplan.decision == "Vedtaget endeligt."


def test_an_agenda_quoting_this_councils_earlier_decision_stays_an_agenda(tmp_path):
    # near miss: «Byrådet den 26. marts 2025» is this council's, of an earlier meeting
    document = read("skovby-byraadet-dagsorden-2025-06-25-tidligere-beslutninger.txt")
    assert {p.doc_type for p in document.passages} == {"dagsorden"}
    assert not any(p.has_decision for p in document.passages)
    text = (CR38 / "skovby-byraadet-referat-2025-06-11-tidligere-beslutninger.txt").read_text(encoding="utf-8")
    text = text.replace("Referat\n", "Dagsorden\n").replace("Beslutning i Byrådet den 11. juni 2025:\nVedtaget endeligt.\n\n", "")
    lokalplan = read_written(tmp_path, "byraadet-dagsorden.txt", text).passages[0]
    assert lokalplan.doc_type == "dagsorden" and not lokalplan.has_decision


# --- 3. Only a closing set apart, naming a person, is the minute-taker -------------------------------------


def test_a_reference_labelled_ref_stays_the_items_text():
    document = read("skovby-aeldreraadet-referat-2025-06-03-ref-lovhenvisning.txt")
    assert document.passages[-1].text.endswith("Ref.: Lov om social service § 81 a")
    assert document.passages[0].staff == ()


def test_a_reference_under_the_last_decision_is_no_staff_and_stays_its_text():
    document = read("skovby-socialudvalget-referat-2025-06-03-ref-under-beslutning.txt")
    assert "Ref.: Serviceloven § 83 og Socialudvalgets beslutning 4. marts 2025" in document.passages[-1].text
    assert document.passages[0].staff == ()


def test_approved_by_a_council_stays_the_items_text():
    document = read("skovby-handicapraadet-referat-2025-06-03-godkendt-af-byraadet.txt")
    assert document.passages[-1].text.endswith("Godkendt af: Byrådet den 28. maj 2025")


def test_a_referent_in_an_items_list_of_roles_stays_its_text():
    document = read("skovby-aeldreraadet-referat-2025-06-03-konstituering.txt")
    konstituering = document.passages[-1]
    assert konstituering.text.endswith("Formand: Anne Holm\nNæstformand: Bo Berg\nReferent: Lise Krogh")
    assert document.passages[0].staff == ()


def test_a_minute_taker_set_apart_under_the_last_item_is_still_staff(tmp_path):
    text = HEAD + "1. Meddelelser\nFormanden orienterede.\n\n2. Eventuelt\nIntet.\n\nReferent: Lise Krogh\n"
    item = read_written(tmp_path, "referat.txt", text).passages[-1]
    assert item.text == "Intet." and item.staff == ("Lise Krogh",)


# --- 4. «Protokol»/«Referat» in an agenda's sentence names no document -------------------------------------


@pytest.mark.parametrize("name", ["skovby-handicapraadet-dagsorden-2025-06-03-protokol-vedlagt.txt",
                                  "skovby-handicapraadet-dagsorden-2025-06-03-referat-vedlagt.txt",
                                  "skovby-handicapraadet-dagsorden-2025-06-03-protokol-udsendes.txt"])
def test_an_agenda_mentioning_the_last_minutes_stays_an_agenda(name):
    assert {p.doc_type for p in read(name).passages} == {"dagsorden"}


@pytest.mark.parametrize("title", ["Protokol", "Protokol for Handicaprådet 3. juni 2025"])
def test_protokol_as_a_title_still_makes_minutes(tmp_path, title):
    text = f"Skovby Kommune\nHandicaprådet\n{title}\n\nMødedato: 3. juni 2025\n\n1. Meddelelser\nFormanden orienterede.\n"
    assert read_written(tmp_path, "protokol.txt", text).passages[0].doc_type == "referat"


# --- 5. Copenhagen's signatures under each item are the meeting's staff ----------------------------------


def test_signatures_under_the_items_are_kept_as_staff():
    document = read("koebenhavn-kultur-og-fritidsudvalget-referat-2025-06-12-underskrifter.txt")
    pulje = document.passages[0]
    assert pulje.decision == "Indstillingen blev godkendt."
    assert "Jens Hansen" not in pulje.text
    assert set(pulje.staff) >= {"Jens Hansen", "Marie Lund"}
