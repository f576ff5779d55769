"""Code review 28 of the layouts12 rules for items (files in tests/fixtures/review28_items/, copied from the
review, and small texts written here).

Two rules misfired. A dated line under a plain «Beslutning:» was taken for a body's header whatever word
began it: «Vedtaget den 12. marts 2025:» and «Godkendt 12. marts 2025:» opening the council's own decision
became an earlier committee's, and the item had no decision. And field lines closing an item were taken as
its own: where each item's fields are printed above its heading, every item got the next one's case number
and handler; and a case number a broken-off sentence refers to («… der behandles under» / «Sagsnr.:
23/0999») became the item's, cutting its decision short.

Code review 29 found the fixes went too far: a department dated under «Beslutning:» («Teknik og Miljø 3.
marts 2025:», Aarhus) was no longer a body, so its recommendation became the decision; and Copenhagen's
closing «Sagsbehandler:» / «Sagsnr.:» were lost after a paragraph ending without a full stop.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written

REVIEW28 = FIXTURES / "review28_items"
read = partial(read_fixture, REVIEW28)

_HEAD = "Testby Kommune\nByrådet\nReferat\nMødedato: 12. marts 2025\n\n"
_MERGED = "rumme starten på et andet punkt"  # the notice on an item's text holding another item's case number


# --- 1. a decision's dated first line names no body ---------------------------------------------------


def test_vedtaget_with_its_date_opens_the_councils_decision():
    document = read("ravnby-byraadet-referat-vedtaget-dato-og-tidligere-beslutning.txt")
    item = document.passages[0]
    assert item.decision == ("Vedtaget den 12. marts 2025:\n1) Lokalplanen vedtages endeligt.\n"
                             "2) Forvaltningen bemyndiges.")
    assert item.decision_date == "2025-03-12"
    assert item.sections_by_key()["tidligere_beslutning"] == "Indstillingen anbefales ikke."


def test_godkendt_with_its_date_opens_the_councils_decision():
    document = read("ravnby-byraadet-referat-godkendt-dato-over-beslutningen.txt")
    item = document.passages[0]
    assert item.decision == "Godkendt 12. marts 2025:\nByrådet godkendte lokalplanen med 25 stemmer for."
    assert item.decision_date == "2025-03-12"
    assert item.outcome == "Godkendt"
    assert item.sections_by_key()["tidligere_beslutning"] == "Anbefales."


@pytest.mark.parametrize("word", ["Besluttet", "Vedtaget", "Godkendt", "Anbefalet"])
def test_a_decisions_word_over_a_later_header_stays_the_decision(tmp_path, word):
    text = (_HEAD + "1. Skolestruktur\nSagsnr.: 24/1\n\nBeslutning:\n"
            f"{word} 3. marts 2025:\nIndstillingen blev anbefalet.\n\n"
            "Byrådets beslutning 12. marts 2025:\nIndstillingen blev forkastet.\n")
    item = read_written(tmp_path, "referat.txt", text).passages[0]
    assert item.decision.startswith(f"{word} 3. marts 2025:\nIndstillingen blev anbefalet.")


def test_a_body_dated_after_the_later_header_groups_nothing(tmp_path):
    # the council decided before the body's line: that line is no recommendation to it (a body that is no
    # council: «Magistraten 12. marts 2025:» is a council's decision header since the layouts14 review)
    text = (_HEAD + "1. Skolestruktur\nSagsnr.: 24/1\n\nBeslutning:\nDirektionen 12. marts 2025:\n"
            "Indstillingen blev godkendt.\n\nØkonomiudvalget 3. marts 2025:\nAnbefales.\n")
    item = read_written(tmp_path, "referat.txt", text).passages[0]
    assert item.decision == "Direktionen 12. marts 2025:\nIndstillingen blev godkendt."


# --- 3. field lines at an item's end that are not its own --------------------------------------------


def test_fields_printed_above_each_heading_are_not_the_item_befores():
    document = read("ravnby-teknik-referat-felter-over-punktoverskrifter.txt")
    assert [p.case_number for p in document.passages] == [None, None, None]
    assert [p.case_handler for p in document.passages] == [None, None, None]
    assert any(_MERGED in notice for notice in document.notices)


def test_fields_above_headings_after_a_blank_line_are_not_the_item_befores(tmp_path):
    # the head's last lines are item 1's fields: each item's fields stand above its heading
    text = _HEAD + "".join(f"Sagsnr.: 24/{n}111\nSagsbehandler: {who}\n\n{n}. {title}\n\nBeslutning\nGodkendt.\n\n"
                           for n, who, title in ((1, "Anne Holm", "Vejbelysning"), (2, "Peter Friis", "Affaldsplan"),
                                                 (3, "Lone Berg", "Trafikplan")))
    document = read_written(tmp_path, "referat.txt", text)
    assert [p.case_number for p in document.passages] == [None, None, None]
    assert [p.case_handler for p in document.passages] == [None, None, None]


def test_a_case_number_a_broken_off_sentence_refers_to_is_the_decisions_text():
    document = read("ravnby-teknik-referat-sagsnr-efter-afbrudt-saetning.txt")
    item = document.passages[0]
    assert item.case_number is None
    assert item.decision == ("Godkendt. Udvalget ønsker sagen set i sammenhæng med trafikplanen, der behandles "
                             "under Sagsnr.: 23/0999")
    assert any(_MERGED in notice for notice in document.notices)


def test_another_case_number_after_the_items_own_fields_stays_its_text():
    document = read("ravnby-teknik-referat-andet-sagsnr-efter-punktets-felter.txt")
    item = document.passages[0]
    assert (item.case_number, item.case_handler) == ("24/1111", "Anne Holm")
    assert "Sagsnr.: 24/2222" in item.text
    assert any(_MERGED in notice for notice in document.notices)


@pytest.mark.parametrize("decision", ["Godkendt.", "Godkendt", "Taget til efterretning"])
def test_fields_closing_an_item_after_its_decision_are_its_own(tmp_path, decision):
    text = (_HEAD + f"1. Budget\n\nSagsfremstilling\nBudgettet er lagt.\n\nBeslutning\n{decision}\n\n"
            "Sagsbehandler: Louise Brandt\nSagsnr.: 25/100\n\n2. Eventuelt\n\nBeslutning\nIntet.\n")
    item = read_written(tmp_path, "referat.txt", text).passages[0]
    assert (item.case_number, item.case_handler) == ("25/100", "Louise Brandt")
    assert item.decision == decision


# --- code review 29: a department dated under «Beslutning:»; fields after a paragraph without a full stop ---


@pytest.mark.parametrize("name, department", [
    ("aarhus-byraadet-referat-teknik-og-miljoe-dateret-under-beslutning.txt", "Teknik og Miljø"),
    ("aarhus-byraadet-referat-borgmesterens-afdeling-dateret-under-beslutning.txt", "Borgmesterens Afdeling"),
])
def test_a_department_dated_under_the_label_recommends_and_the_byraad_decides(name, department):
    item = read(name).passages[0]
    assert item.decision == "Indstillingen blev vedtaget."
    assert item.outcome == "Godkendt"
    assert item.sections_by_key()["tidligere_beslutning"] == "Indstillingen blev anbefalet."
    assert department not in item.decision


def test_copenhagens_closing_fields_after_a_paragraph_without_a_full_stop_are_the_items():
    document = read("koebenhavn-borgerrepraesentationen-referat-felter-efter-afsnit-uden-punktum.txt")
    by_number = {p.item_number: p for p in document.passages}
    # «Merindtægt: ca. 18,5 mio. kr. årligt» and «Forslagsstillerne orienteres om drøftelsen» close their items
    assert (by_number[3].case_number, by_number[3].case_handler) == ("2024-0987654", "Anders Kjær")
    assert (by_number[4].case_number, by_number[4].case_handler) == ("2025-0034567", "Pernille Holm")
    assert "Sagsbehandler" not in by_number[3].text + by_number[4].text
    assert by_number[3].text.endswith("Merindtægt: ca. 18,5 mio. kr. årligt")


@pytest.mark.parametrize("last_line", ["Merindtægt: ca. 18,5 mio. kr. årligt", "Sagen sendes i høring i 8 uger",
                                       "Forslagsstillerne orienteres om drøftelsen"])
def test_fields_closing_an_item_after_a_sentence_without_a_full_stop_are_its_own(tmp_path, last_line):
    text = (_HEAD + f"1. Budget\n\nBeslutning\nGodkendt.\n\nØkonomi\n{last_line}\n\n"
            "Sagsbehandler: Louise Brandt\nSagsnr.: 25/100\n\n2. Eventuelt\n\nBeslutning\nIntet.\n")
    item = read_written(tmp_path, "referat.txt", text).passages[0]
    assert (item.case_number, item.case_handler) == ("25/100", "Louise Brandt")
    assert item.text.endswith(last_line)


@pytest.mark.parametrize("broken_off", ["der behandles under", "som blev sendt til", "jf. sagen om", "se også,"])
def test_a_case_number_after_a_line_broken_off_stays_the_items_text(tmp_path, broken_off):
    text = (_HEAD + f"1. Budget\n\nBeslutning\nGodkendt. Sagen ses i sammenhæng med trafikplanen, {broken_off}\n\n"
            "Sagsnr.: 23/0999\n\n2. Eventuelt\n\nBeslutning\nIntet.\n")
    item = read_written(tmp_path, "referat.txt", text).passages[0]
    assert item.case_number is None
    assert "Sagsnr.: 23/0999" in item.text
