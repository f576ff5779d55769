"""Code review 37 of the reading rules, its item findings (tests/fixtures/codereview37_items/ and small texts
written here).

The findings: a closed last item printed right under the item above's attachment list, with its own case
number, was read as that item's attachment and its fields («3. Salg af grund … (lukket punkt)» / «Sagsnr.:
25/11» under item 2 printing «Sagsnr.: 25/10» at its top); Copenhagen's fields under the last item's
attachment list made a phantom item «Høringsnotat» as soon as a closing line followed («Mødet hævet kl.
17.45.»); and a decision header naming the document's council in another form («Beslutning i Teknik- og
Miljøudvalget» in the Teknik og Miljøudvalg's minutes, «Beslutning i Byråd» in the Byråd's) was taken for
another council's.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written
from indexer.councils import same_council

FOLDER = FIXTURES / "codereview37_items"
read = partial(read_fixture, FOLDER)

_SKOVBY = (FOLDER / "skovby-byraadet-referat-lukket-punkt-under-bilagsliste.txt").read_text(encoding="utf-8")
_KOEBENHAVN = (FOLDER / "koebenhavn-br-referat-felter-under-bilagsliste-moedet-haevet.txt").read_text(encoding="utf-8")
_KOEBENHAVN_FIELDS = _KOEBENHAVN.split("\nMødet hævet")[0].rstrip("\n") + "\n"


# --- 1. a closed last item under the attachment list of the item above -------------------------


def test_a_closed_item_with_its_own_case_number_under_an_attachment_list_is_an_item():
    """Item 2 prints «Sagsnr.: 25/10» at its top; «Bilag» / «1. Lokalplanforslag» / «2. Miljøscreening» /
    «3. Salg af grund på Industrivej (lukket punkt)» / «Sagsnr.: 25/11» ends the minutes: item 3, the
    closed sale, with its own case number, not item 2's last attachment."""
    document = read("skovby-byraadet-referat-lukket-punkt-under-bilagsliste.txt")
    items = document.passages
    assert [(p.item_number, p.title, p.case_number) for p in items] == [
        (1, "Godkendelse af dagsorden", "25/1"), (2, "Lokalplan for Havnevej", "25/10"),
        (3, "Salg af grund på Industrivej", "25/11")]
    assert items[1].text.endswith("2. Miljøscreening") and "Industrivej" not in items[1].text
    assert items[1].decision == "Godkendt."
    assert not document.notices  # no «et punkts tekst ser ud til at rumme starten på et andet punkt»


def test_a_closed_item_under_an_attachment_list_before_the_signatures_is_an_item(tmp_path):
    """The same minutes closed by «Underskrifter:» and the members' names: item 3 still, the names no
    part of it."""
    text = _SKOVBY + "\nUnderskrifter:\nJens Hansen (A), formand\nMette Holm (V)\n"
    items = read_written(tmp_path, "skovby-byraadet-referat-underskrifter.txt", text).passages
    assert [(p.item_number, p.case_number) for p in items] == [(1, "25/1"), (2, "25/10"), (3, "25/11")]
    assert "Mette Holm" not in items[2].text and "Industrivej" not in items[1].text


def test_the_items_own_case_number_printed_again_under_its_attachments_is_its_field(tmp_path):
    """«Sagsnr.: 25/10» under the list, as at item 2's top: item 2's own fields printed again, the list's
    «3. …» its third attachment, no item 3."""
    text = _SKOVBY.replace("Sagsnr.: 25/11", "Sagsnr.: 25/10").replace(
        "3. Salg af grund på Industrivej (lukket punkt)", "3. Høringsnotat")
    items = read_written(tmp_path, "skovby-byraadet-referat-samme-sagsnr.txt", text).passages
    assert [(p.item_number, p.case_number) for p in items] == [(1, "25/1"), (2, "25/10")]
    assert items[1].text.endswith("3. Høringsnotat")


# --- 2. Copenhagen's fields under the last attachment list, a closing line after them ----------------


def test_the_last_items_fields_under_its_attachments_before_the_meetings_end_are_its_own():
    """«Bilag» / … / «3. Høringsnotat» / «Sagsnr.: 2025-0011223» / «Sagsbehandler: Jens Hansen» / «» /
    «Mødet hævet kl. 17.45.»: item 2's case number and handler, no item «Høringsnotat»."""
    document = read("koebenhavn-br-referat-felter-under-bilagsliste-moedet-haevet.txt")
    items = document.passages
    assert [(p.item_number, p.title) for p in items] == [(1, "Godkendelse af dagsorden"), (2, "Lokalplan for Havnevej")]
    assert (items[1].case_number, items[1].case_handler) == ("2025-0011223", "Jens Hansen")
    assert "3. Høringsnotat" in items[1].text and "Sagsnr" not in items[1].text
    assert not document.notices  # no «et punkts tekst ser ud til at rumme starten på et andet punkt»


@pytest.mark.parametrize("closing", [
    "Næste møde: 10. april 2025",
    "Referent: Jens Hansen",
    "Mødet sluttede kl. 17.45",
    "Mødet hævet kl. 17.45.\n\nAnne Holm\nOverborgmester",
])
def test_the_last_items_fields_under_its_attachments_before_other_closing_lines_are_its_own(tmp_path, closing):
    """The same fields, the minutes closed by the next meeting's date, the minutes' taker, the meeting's
    end or a signature under it: still item 2's, no item «Høringsnotat»."""
    text = _KOEBENHAVN_FIELDS + "\n" + closing + "\n"
    items = read_written(tmp_path, "koebenhavn-br-referat-afslutning.txt", text).passages
    assert [p.item_number for p in items] == [1, 2]
    assert (items[1].case_number, items[1].case_handler) == ("2025-0011223", "Jens Hansen")
    assert "Sagsnr" not in items[1].text


def test_an_item_with_its_decision_under_an_attachment_list_stays_an_item_before_the_meetings_end(tmp_path):
    """«3. Vintertjeneste» / «Sagsnr.: 2025-0011224» / «» / «Beslutning» / «Godkendt.» under the list,
    then «Mødet hævet kl. 17.45.»: item 3, its fields no part of item 2."""
    text = (_KOEBENHAVN_FIELDS.replace("3. Høringsnotat\nSagsnr.: 2025-0011223\nSagsbehandler: Jens Hansen\n",
                                       "3. Vintertjeneste\nSagsnr.: 2025-0011224\n\nBeslutning\nGodkendt.\n")
            + "\nMødet hævet kl. 17.45.\n")
    items = read_written(tmp_path, "koebenhavn-br-referat-tredje-punkt.txt", text).passages
    assert [(p.item_number, p.title, p.case_number) for p in items][1:] == [
        (2, "Lokalplan for Havnevej", None), (3, "Vintertjeneste", "2025-0011224")]


# --- 3. the council's own decision header in another form ---------------------------------------


@pytest.mark.parametrize("header, council", [
    ("Beslutning i Teknik- og Miljøudvalget den 12-05-2025", "Teknik og Miljøudvalget"),
    ("Beslutning i Byråd den 20-03-2025", "Byrådet"),
    ("Beslutning i Kommunalbestyrelse den 20-03-2025", "Kommunalbestyrelsen"),
])
def test_a_decision_header_names_the_council_with_or_without_hyphen_and_article(header, council):
    assert same_council(header, council)


def test_a_decision_header_naming_another_council_stays_anothers():
    assert not same_council("Beslutning i Økonomiudvalg den 12-05-2025", "Teknik og Miljøudvalget")
    assert not same_council("Beslutning i Teknik- og Miljøudvalget den 12-05-2025", "Byrådet")


def test_an_item_resumed_after_the_councils_own_decision_is_not_joined_to_it():
    """Item 2 decided «Udsat til næste møde.» under «Beslutning i Teknik- og Miljøudvalget den 12-05-2025»
    in the Teknik og Miljøudvalg's minutes, then printed again, resumed and decided: the committee's own
    decision ends the first, two passages each with its decision (not one, the postponement made an
    earlier committee's)."""
    items = read("ravnby-teknik-referat-punkt-genoptaget-samme-moede.txt").passages
    assert [(p.item_number, p.decision) for p in items] == [
        (1, "Godkendt."), (2, "Udsat til næste møde."), (2, "Godkendt.")]
    assert all("tidligere_beslutning" not in p.sections_by_key() for p in items)
