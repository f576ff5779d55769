"""A data-quality sweep's findings (2026-12-05), each in the file that showed it (tests/fixtures/sweep2/,
copied from the sweep) or a shipped fixture it also touched, and in small texts written here.

The findings: the last entry of an item's numbered «Bilag» list, with the item's «Sagsbehandler:» and
«Sagsnr.:» under it, became an item of its own that took those fields; an item's heading printed again
at the next page's top without «(fortsat)» split the item in two, its first part without its decision;
a table cell of names one under another («Til stede:» | «Anne Holm (A)<br>Peter Sand (V)») ran them
together into one name; and a municipality named only beside its council («Vejle Ungdomsråd»,
«Handicaprådet, Vejle») was not found, the council left in the indefinite form.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written
from indexer.councils import council_of, municipality_of

SWEEP2 = FIXTURES / "sweep2"
read = partial(read_fixture, SWEEP2)

_HEAD = "Ravnby Kommune\nReferat\nTeknik- og Miljøudvalget\nMødedato: 12. marts 2025\n\n"


# --- 1. a numbered list of attachments above the item's fields ----------------------------------


def test_the_last_attachment_above_the_items_fields_is_no_item():
    """«Bilag» / «1. Lokalplanforslag Havnevej» / «2. Miljøscreening» / «3. Høringsnotat» /
    «Sagsbehandler: Louise Brandt» / «Sagsnr.: 2025-0123456», then «3. Vintertjeneste»: «3. Høringsnotat»
    became item 3, with item 2's case handler and case number."""
    items = read("ravnby-teknik-referat-bilagsliste-over-felterne.txt").passages
    assert [(p.item_number, p.title) for p in items] == [
        (1, "Godkendelse af dagsorden"), (2, "Lokalplan for Havnevej"), (3, "Vintertjeneste")]
    havnevej = items[1]
    assert (havnevej.case_number, havnevej.case_handler) == ("2025-0123456", "Louise Brandt")
    assert havnevej.sections_by_key()["bilag"].endswith("3. Høringsnotat")


def test_copenhagens_second_attachment_numbered_as_its_item_is_no_item():
    """«Bilag» / «1. Lokalplanforslag Sydhavnsvej» / «2. Kommuneplantillæg nr. 12» under item 2: item 2 twice."""
    items = read_fixture(FIXTURES / "review28_items",
                         "koebenhavn-borgerrepraesentationen-referat-felter-efter-afsnit-uden-punktum.txt").passages
    assert [p.item_number for p in items] == [1, 2, 3, 4, 5]
    assert (items[1].case_number, items[1].case_handler) == ("2025-0123456", "Louise Brandt")


def test_a_list_under_another_label_or_after_a_blank_line_keeps_its_item(tmp_path):
    """Only a list right under «Bilag», one entry a line: the next item after a blank line is an item,
    though its number goes on from the list's («Bilag» / «1. Skitse» / «» / «2. Vintertjeneste»)."""
    text = (_HEAD + "1. Lokalplan\nSagsnr.: 25/1\n\nBeslutning\nGodkendt.\n\nBilag\n1. Skitse\n\n"
            "2. Vintertjeneste\nSagsnr.: 25/2\n\nBeslutning\nTaget til efterretning.\n")
    items = read_written(tmp_path, "ravnby-teknik-referat-2025-03-12.txt", text).passages
    assert [(p.item_number, p.title, p.case_number) for p in items] == [
        (1, "Lokalplan", "25/1"), (2, "Vintertjeneste", "25/2")]


# --- 2. an item's heading printed again at the next page's top ----------------------------------


def test_a_heading_printed_again_on_the_next_page_continues_its_item():
    """«2. Ny daginstitution i Nørreby» / «Sagsnr.: 25/102» … «Side 1 af 2» / the same again: two
    passages, the first without the decision."""
    items = read("ravnby-byraadet-referat-overskrift-gentaget-paa-ny-side.txt").passages
    assert [p.item_number for p in items] == [1, 2]
    daycare = items[1]
    assert daycare.id.endswith("-2-ny-daginstitution-i-noerreby")
    assert daycare.decision == "Godkendt."
    assert "flere pladser i Nørreby" in daycare.text and "38 mio. kr." in daycare.text
    assert "Sagsnr." not in daycare.text and "Ny daginstitution" not in daycare.text


def test_a_long_heading_printed_again_shorter_with_its_case_number_is_one_item():
    """Åbjerg: item 3's long title printed again shorter at the next page's top, under the same Sagsnr."""
    items = read_fixture(FIXTURES / "layouts7", "t21-aabjerg-byraad-referat-2025-11-25.txt").passages
    assert [p.item_number for p in items] == [1, 2, 3, 4]
    assert items[2].decision == "Godkendt." and "flere pladser i Nørreby" in items[2].text


def test_a_heading_printed_again_over_the_items_attachments_is_one_item():
    """Vejle: items 2 and 3 each printed again, with their Sagsnr., over their «Bilag»."""
    items = read_fixture(FIXTURES / "layouts7", "vejle-byraadet-referat-2024-04-10.txt").passages
    assert [p.item_number for p in items] == [1, 2, 3, 4]
    assert items[1].sections_by_key()["bilag"] == "Bilag 1: Forslaget" and items[1].decision.startswith("Forslaget blev sendt")


def test_the_same_number_with_another_case_number_or_title_is_not_merged(tmp_path):
    """A repeated number under another case number, or with another title, stays an item of its own
    (the document's «nummereret igen» note tells of it)."""
    text = (_HEAD + "2. Budget 2026\nSagsnr.: 25/1\n\nBeslutning\nGodkendt.\n\n"
            "2. Budget 2026\nSagsnr.: 25/9\n\nBeslutning\nUdsat.\n\n"
            "2. Vintertjeneste\nSagsnr.: 25/3\n\nBeslutning\nGodkendt.\n")
    items = read_written(tmp_path, "ravnby-teknik-referat-2025-03-12.txt", text).passages
    assert [(p.item_number, p.case_number) for p in items] == [(2, "25/1"), (2, "25/9"), (2, "25/3")]


# --- 3. names one under another in a table cell --------------------------------------------------


def test_names_one_a_line_in_a_table_cell_are_each_a_member():
    document = read("skovlund-boerneudvalg-referat-deltagere-i-tabelcelle.html")
    first = document.passages[0]
    assert first.present == ("Anne Holm", "Peter Sand", "Karen Lund")
    assert first.absent == ("Mette Friis", "Ole Bech")


def test_a_printed_pages_table_of_attendance_gives_each_name():
    """The HTML a PDF fixture was printed from: «Medlemmer til stede:» | «Anne Holm (A), formand<br>Peter
    Sand (V)<br>…»: Anne Holm was lost, the absent and the staff each one run-together name."""
    [item] = read_fixture(FIXTURES / "pdf_printed", "l_facts_wrap.html").passages
    assert item.present == ("Anne Holm", "Peter Sand", "Karen Lund")
    assert item.absent == ("Mette Friis", "Ole Bech")
    assert item.staff == ("Rasmus Dam", "Tina Krog")


def test_a_place_over_two_lines_in_a_cell_stays_one_value(tmp_path):
    html = ("<html><body><h1>Referat – Børne- og Skoleudvalget, Skovlund Kommune</h1><p>Mødedato: 12. marts 2025</p>"
            "<table><tr><td>Mødested:</td><td>Rådhuset<br>Mødelokale 2</td></tr>"
            "<tr><td>Til stede:</td><td>Anne Holm (A)</td></tr></table>"
            "<h2>1. Godkendelse af dagsorden</h2><h3>Beslutning</h3><p>Godkendt.</p></body></html>")
    [item] = read_written(tmp_path, "skovlund-referat.html", html).passages
    assert (item.place, item.present) == ("Rådhuset Mødelokale 2", ("Anne Holm",))


# --- 4. a municipality named beside its council --------------------------------------------------


@pytest.mark.parametrize("head, municipality, council", [
    (["Referat af møde i Vejle Ungdomsråd"], "Vejle", "Ungdomsrådet"),
    (["Vejle Ældreråd"], "Vejle", "Ældrerådet"),
    (["Vejle Handicapråd – referat"], "Vejle", "Handicaprådet"),
    (["Handicaprådet, Vejle"], "Vejle", "Handicaprådet"),
    (["Referat – Byrådet i Vejle"], "Vejle", "Byrådet"),
    (["VEJLE HANDICAPRÅD"], "Vejle", "Handicaprådet"),
])
def test_a_municipality_named_beside_its_council(head, municipality, council):
    assert (municipality_of(head, []), council_of(head, [])) == (municipality, council)


@pytest.mark.parametrize("head, council", [
    (["Egebæk Landsbyråd"], "Egebæk Landsbyråd"),  # a village's council: no municipality
    (["Ældrerådet i Vejle har udtalt sig om sagen"], "Ældrerådet"),  # a sentence, not a title
    (["Ravnby Ungdomsråd"], "Ungdomsrådet"),  # not one of the 98: no municipality, the council all the same
])
def test_no_municipality_from_a_village_a_sentence_or_an_unknown_name(head, council):
    assert (municipality_of(head, []), council_of(head, [])) == (None, council)


def test_a_councils_minutes_headed_with_its_municipality_after_a_comma():
    items = read("vejle-handicapraadet-referat-2025-03-10.txt").passages
    assert {(p.municipality, p.council) for p in items} == {("Vejle", "Handicaprådet")}
