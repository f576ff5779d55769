"""Layouts review 13: Randers prints its item headings as «01 – Title» (the number, a dash, the title), in its
contents list and above each item (files in tests/fixtures/layouts13_randers/, copied from the review, and
small texts written here).

The findings read here: «01 – Godkendelse af dagsorden» was no heading, so items 1-5 were not indexed, item 6
came out unnumbered and took item 7 into its decision; and a contents list without page numbers cut the number
a title ends in («3. Lokalplan 712» became «Lokalplan», «Salg af ejendommen Vestergade 14» lost its 14).
"""

from __future__ import annotations

import re
from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_rewritten, read_written

RANDERS = FIXTURES / "layouts13_randers"
read = partial(read_fixture, RANDERS)
MINUTES = "randers_byraadet_referat_2025-04-28.txt"

TITLES = ["Godkendelse af dagsorden", "Regnskab 2024 for Randers Kommune", "Lokalplan 712 – Boliger ved Tronholmen",
          "Beslutning om ny takststruktur for Randers Svømmeland", "Ansøgning om kommunegaranti – Randers Fjernvarme",
          "Lukket punkt: Salg af ejendommen Vestergade 14", "Supplerende punkt: Valg af nyt medlem til Ældrerådet"]
CASES = ["EMN-2025-00211", "EMN-2025-00098", "EMN-2024-04511", "EMN-2025-00340", "EMN-2025-00377", "EMN-2025-00102",
         "EMN-2025-00455"]


def _items(document) -> list[tuple[int | None, str]]:
    return [(p.item_number, p.title) for p in document.passages]


# --- 1. «01 – Title»: a number, a dash and the title as the item's heading ------------------------------


def _assert_randers_items(document):
    assert _items(document) == list(enumerate(TITLES, 1))
    assert [p.case_number for p in document.passages] == CASES
    assert [p.case_handler for p in document.passages] == [
        "Lene Vad Kristensen", "Søren Holst Bech", "Anja Frost Mikkelsen", "Peter Lind", "Søren Holst Bech",
        "Hanne Bruun", "Lene Vad Kristensen"]
    assert [p.closed for p in document.passages] == [False] * 5 + [True, False]
    decisions = [p.decision for p in document.passages]
    assert decisions[0] == "Godkendt med den bemærkning, at punkt 7 blev optaget som supplerende punkt."
    assert decisions[1] == "Godkendt."
    assert decisions[2].startswith("Godkendt med 28 stemmer for.")
    assert decisions[3] == "Sagen blev sendt tilbage til Kultur- og Fritidsudvalget."
    assert decisions[4].startswith("Godkendt.")
    # the closed item's decision ends before item 7's heading
    assert decisions[5] == "Godkendt."
    assert decisions[6] == "Birthe Krogh blev valgt."


def test_randers_items_headed_number_dash_title():
    document = read(MINUTES)
    _assert_randers_items(document)
    assert all(p.item_label is None for p in document.passages)  # «01» is item 1, printed with its zero
    # «Mødet hævet» and the signatures are no item's decision
    assert "Underskrifter" not in document.passages[-1].text


@pytest.mark.parametrize("dash", ["–", "-", "—"])
def test_number_dash_title_without_leading_zero(tmp_path, dash):
    # «1 – Title», «1 - Title», «1 — Title»: the same headings
    document = read_rewritten(RANDERS, tmp_path, MINUTES, lambda text: re.sub(r"(?m)^0(\d) – ", rf"\1 {dash} ", text))
    _assert_randers_items(document)


_HEAD = "Randers Kommune\nByrådet\nREFERAT\nMødedato: 28.4.2025\n\n"


@pytest.mark.parametrize("line", ["1 - 2 gange om ugen", "2025 – et år med store forandringer", "3 - 0 i kampen mod AGF",
                                  "86 42 12 00 – Borgerservice"])
def test_number_dash_line_in_an_item_stays_its_text(tmp_path, line):
    # a line of text starting with a number and a dash, above a section label, is no item heading
    text = (_HEAD + "1 – Godkendelse af dagsorden\nSags-ID: EMN-2025-00211\n\nSagsfremstilling\nTræning:\n\n"
            f"{line}\n\nBeslutning\nGodkendt.\n\n2 – Eventuelt\nSags-ID: EMN-2025-00212\n\nBeslutning\nIntet.\n")
    document = read_written(tmp_path, "randers_byraadet_referat_2025-04-28.txt", text)
    assert _items(document) == [(1, "Godkendelse af dagsorden"), (2, "Eventuelt")]
    assert line in document.passages[0].text
    assert document.passages[0].decision == "Godkendt."


def test_number_dash_list_in_an_item_stays_its_text(tmp_path):
    # the points of a list printed as «1 – …» / «2 – …» under a label are the item's text
    text = (_HEAD + "1 – Godkendelse af dagsorden\nSags-ID: EMN-2025-00211\n\nIndstilling\nDirektøren indstiller, at\n"
            "1 – Regnskabet godkendes\n2 – Overførslerne godkendes\n\nBeslutning\nGodkendt.\n\n"
            "2 – Eventuelt\nSags-ID: EMN-2025-00212\n\nBeslutning\nIntet.\n")
    document = read_written(tmp_path, "randers_byraadet_referat_2025-04-28.txt", text)
    assert _items(document) == [(1, "Godkendelse af dagsorden"), (2, "Eventuelt")]
    assert "2 – Overførslerne godkendes" in document.passages[0].text


# --- 2. a contents list without page numbers keeps the numbers its titles end in -----------------------


def test_contents_without_pages_keeps_the_titles_numbers():
    document = read("randers_byraadet_referat_2025-04-28_indhold.txt")
    assert _items(document) == [(1, "Godkendelse af dagsorden"), (2, "Salg af ejendommen Vestergade 14"),
                                (3, "Lokalplan 712")]
    assert [p.case_number for p in document.passages] == ["25/1", "25/2", "25/3"]


def test_randers_minutes_with_full_stops_keep_the_title_number(tmp_path):
    # the same minutes with «6. Lukket punkt: Salg af ejendommen Vestergade 14» in the contents and above the item
    document = read_rewritten(RANDERS, tmp_path, MINUTES, lambda text: re.sub(r"(?m)^0(\d) – ", r"\1. ", text))
    _assert_randers_items(document)


@pytest.mark.parametrize("listed, pages", [
    # a paged list: the number after each title is its page, also after a title ending in a number
    ("Indhold\n1. Godkendelse af dagsorden 2\n2. Salg af ejendommen Vestergade 14 3\n3. Lokalplan 712 5\n", (2, 3, 5)),
    # a list of the items without pages: a title's own number stays
    ("Dagsorden:\n1. Godkendelse af dagsorden\n2. Salg af ejendommen Vestergade 14\n3. Lokalplan 712\n", ("", "", "")),
])
def test_a_contents_list_loses_page_numbers_but_not_the_titles_own(tmp_path, listed, pages):
    titles = ("Godkendelse af dagsorden", "Salg af ejendommen Vestergade 14", "Lokalplan 712")
    items = "".join(f"{n}. {title} {page}".rstrip() + f"\nSagsnr.: 25/{n}\n\nBeslutning\nGodkendt.\n\n"
                    for n, (title, page) in enumerate(zip(titles, pages), start=1))
    document = read_written(tmp_path, "randers_byraadet_referat_2025-04-28.txt", _HEAD + listed + "\n" + items)
    assert _items(document) == list(enumerate(titles, start=1))
