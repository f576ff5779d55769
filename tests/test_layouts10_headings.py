"""Layouts review 10 (2026-12-05), headings: items printed by their numbered title only, nothing
under them, in the numbers' sequence, were lost or went silently into the item before (files in
tests/fixtures/layouts10_headings/, copied from the review, and small texts written here).

The findings: «3. Meddelelser» / «LUKKEDE SAGER» / «4. Salg af grund …» after item 2 became item 2's
text (also «II. …» / «III. LUKKEDE SAGER» headers); a title-only item 1 above item 2 was dropped;
«Sag nr. 3: Lukket punkt: Ejendomssalg» (or «Pkt. 3 …», «Punkt 3: …», «3. …») between items 2 and 4
ended item 2's decision. Numbered lists in an item's text stay its text.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written

LAYOUTS10 = FIXTURES / "layouts10_headings"
read = partial(read_fixture, LAYOUTS10)

_HEAD = "Ravnby Kommune\nØkonomiudvalget\nReferat\nMødedato: 11.02.2025\n\n"


def _items(document) -> list[tuple[int | None, str, bool]]:
    return [(p.item_number, p.title, p.closed) for p in document.passages]


# --- 1. title-only items around a group header --------------------------------------------------


def test_title_only_item_before_a_lukkede_sager_header():
    document = read("repro-lukkede-sager.txt")
    assert _items(document) == [(1, "Godkendelse af dagsorden", False),
                                (2, "Kvartalsrapport for beskæftigelsesområdet", False),
                                (3, "Meddelelser", False), (4, "Salg af grund på Industrivej 12", True)]
    item2 = document.passages[1]
    assert "Meddelelser" not in item2.text and "Industrivej" not in item2.text
    assert item2.text.endswith("Direktionen indstiller, at orienteringen tages til efterretning.")


def test_roman_group_headers_after_the_last_item():
    document = read("kirkeskov-kommunalbestyrelsen-dagsorden-2026-03-26.txt")
    assert [(n, closed) for n, _, closed in _items(document)] == [
        (1, False), (2, False), (3, False), (4, False), (5, False), (6, True)]
    assert _items(document)[4:] == [(5, "Meddelelser", False), (6, "Salg af grund på Industrivej 12", True)]
    item4 = document.passages[3]
    assert "Meddelelser" not in item4.text and "LUKKEDE" not in item4.text
    # the «Bilag» list under item 2 stays its text
    assert document.passages[1].text.endswith("1. Skitseprojekt Nørreby\n2. Tidsplan")


# --- 2. a title-only item 1 ------------------------------------------------------------------------


def test_title_only_item_one_above_item_two():
    document = read("repro-punkt1-uden-tekst.txt")
    assert _items(document) == [(1, "Godkendelse af dagsorden", False),
                                (2, "Kvartalsrapport for beskæftigelsesområdet", False),
                                (3, "Meddelelser", False), (4, "Eventuelt", False)]


# --- 3. a closed item printed by its title only between two items ---------------------------------


def test_sag_nr_closed_title_between_items():
    document = read("region-sjaelland-regionsraadet-referat-2026-03-17.txt")
    # a closed item keeps «Lukket punkt: …» in its title, as f8 prints it (LAYOUTS.md)
    assert _items(document) == [(1, "Godkendelse af dagsorden", False), (2, "Ny akutklinik i Frederikssund", False),
                                (3, "Lukket punkt: Ejendomssalg", True), (4, "Eventuelt", False)]
    # the minority's statement after the decision is its own section (tests/test_layouts10_labels.py)
    assert document.passages[1].decision.endswith("Imod stemte: O, D (4)")
    assert document.passages[1].sections_by_key()["mindretalsudtalelse"].endswith("placeres i Helsingør.")
    assert "Ejendomssalg" not in document.passages[1].text
    assert not any("springer over" in note for note in document.notices)


@pytest.mark.parametrize("form", ["Pkt. {n} ", "Punkt {n}: ", "{n}. ", "Pkt. {n}\n"])
def test_closed_title_between_items_in_other_forms(tmp_path, form):
    text = (LAYOUTS10 / "region-sjaelland-regionsraadet-referat-2026-03-17.txt").read_text(encoding="utf-8")
    for n in (1, 2, 3, 4):
        text = text.replace(f"Sag nr. {n}: ", form.format(n=n))
    document = read_written(tmp_path, "region-sjaelland-regionsraadet-referat-2026-03-17.txt", text)
    assert _items(document)[2] == (3, "Lukket punkt: Ejendomssalg", True)
    assert [n for n, _, _ in _items(document)] == [1, 2, 3, 4]
    assert "Ejendomssalg" not in document.passages[1].text


# --- numbered lists in an item's text stay its text ------------------------------------------------


def test_announced_list_after_the_last_item_stays_its_decision(tmp_path):
    text = _HEAD + ("1. Godkendelse af dagsorden\nSagsnr.: 25/1\n\nBeslutning\nGodkendt.\n\n"
                    "2. Trafikplan\nSagsnr.: 25/2\n\nBeslutning\nUdvalget prioriterer:\n\n"
                    "3. Cykelsti ved skolen\n\n4. Fortov på Bakkevej\n")
    document = read_written(tmp_path, "ravnby-oekonomiudvalget-referat-2025-02-11.txt", text)
    assert [n for n, _, _ in _items(document)] == [1, 2]
    assert document.passages[1].decision.endswith("3. Cykelsti ved skolen\n\n4. Fortov på Bakkevej")


def test_list_from_one_after_the_last_item_stays_its_decision(tmp_path):
    text = _HEAD + ("1. Godkendelse af dagsorden\nSagsnr.: 25/1\n\nBeslutning\nGodkendt.\n\n"
                    "2. Ungdomsråd\nSagsnr.: 25/2\n\nBeslutning\nRådet valgte to projekter.\n\n1. Skatepark\n\n2. Koncert\n")
    document = read_written(tmp_path, "ravnby-oekonomiudvalget-referat-2025-02-11.txt", text)
    assert [n for n, _, _ in _items(document)] == [1, 2]
    assert document.passages[1].decision.endswith("1. Skatepark\n\n2. Koncert")


# --- code review 19: a numbered attachment under «Bilag» is no title-only item -------------------


def _sections(passage) -> dict[str, str]:
    return {s.key: s.text for s in passage.sections}


def test_attachment_numbered_as_the_next_item_stays_in_its_bilag():
    # «Bilag» / «2. Kvartalsrapport Q4» between items 1 and 3: item 1's attachment, item 2 noted missing
    document = read("repro-bilag-efter-beslutning-nummer-2.txt")
    assert [(p.item_number, p.title) for p in document.passages] == [
        (1, "Kvartalsrapport for beskæftigelsesområdet"), (3, "Budget 2027")]
    assert _sections(document.passages[0])["bilag"] == "2. Kvartalsrapport Q4"
    assert any("springer over punkt 2" in n for n in document.notices)


@pytest.mark.parametrize("name", ["repro-bilag-kolon-efter-sidste-punkt.txt", "repro-bilag-efter-sidste-punkt.txt"])
def test_attachments_after_the_last_item_stay_in_its_bilag(name):
    # «Bilag(:)» / «3. …» / «4. …» after item 2: its attachment list, numbered on by chance (`_closing_heading`)
    document = read(name)
    assert [p.item_number for p in document.passages] == [1, 2]
    bilag = _sections(document.passages[1])["bilag"]
    assert bilag.startswith("3. ") and "\n\n4. " in bilag


@pytest.mark.parametrize("header", ["Bilag:", "BILAG", "Bilagsliste", "Vedlagte bilag", "Bilagsfortegnelse",
                                    "Oversigt over bilag:"])
def test_no_title_only_item_under_an_attachments_header(tmp_path, header):
    text = _HEAD + ("1. Kvartalsrapport\nSagsnr.: 25/1\n\nBeslutning\nTaget til efterretning.\n\n"
                    f"{header}\n\n2. Kvartalsrapport Q4\n\n3. Budget 2026\nSagsnr.: 25/2\n\nBeslutning\nGodkendt.\n")
    document = read_written(tmp_path, "ravnby-oekonomiudvalget-referat-2025-02-11.txt", text)
    assert [p.item_number for p in document.passages] == [1, 3]
    assert "2. Kvartalsrapport Q4" in document.passages[0].text


def test_no_title_only_item_after_a_decision_header_ending_in_a_colon(tmp_path):
    # a line ending in «:» announces what is under it («Økonomiudvalget, 3. februar 2025, pkt. 7:»)
    text = _HEAD + ("1. Kvartalsrapport\nSagsnr.: 25/1\n\nBeslutning\nTaget til efterretning.\n\n"
                    "Økonomiudvalget, 3. februar 2025, pkt. 7:\n\n2. Kvartalsrapport Q4\n\n"
                    "3. Budget 2026\nSagsnr.: 25/2\n\nBeslutning\nGodkendt.\n")
    document = read_written(tmp_path, "ravnby-oekonomiudvalget-referat-2025-02-11.txt", text)
    assert [p.item_number for p in document.passages] == [1, 3]


def test_title_only_item_after_a_decision_still_an_item(tmp_path):
    # the decision's text, not a label, above it: still item 2 (4582beb)
    text = _HEAD + ("1. Kvartalsrapport\nSagsnr.: 25/1\n\nBeslutning\nTaget til efterretning.\n\n"
                    "2. Meddelelser\n\n3. Budget 2026\nSagsnr.: 25/2\n\nBeslutning\nGodkendt.\n")
    document = read_written(tmp_path, "ravnby-oekonomiudvalget-referat-2025-02-11.txt", text)
    assert [(p.item_number, p.title) for p in document.passages] == [
        (1, "Kvartalsrapport"), (2, "Meddelelser"), (3, "Budget 2026")]


def test_a_title_only_item_after_an_agenda_s_empty_decision_label_is_an_item(tmp_path):
    """An agenda prints «Beslutning» empty under each item: the next item's title-only heading after
    it is the next item, not the label's text (only an attachments header or a decision header is)."""
    text = ("Økonomiudvalget\nDagsorden\nMødedato: 11. februar 2025\n\n"
            "1. Kvartalsrapport\nSagsnr.: 25/1\n\nIndstilling\nDirektionen indstiller, at rapporten tages til efterretning.\n\n"
            "Beslutning\n\n2. Meddelelser\n\n3. Budget 2026\nSagsnr.: 25/2\n\nIndstilling\nDirektionen indstiller, at budgettet godkendes.\n\n"
            "Beslutning\n")
    document = read_written(tmp_path, "ravnby-oekonomiudvalget-dagsorden-2025-02-11.txt", text)
    assert [(p.item_number, p.title) for p in document.passages] == [
        (1, "Kvartalsrapport"), (2, "Meddelelser"), (3, "Budget 2026")]
