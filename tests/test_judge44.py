"""A judge's pass over the session's reviewer documents (reading at the session's start against the
release's): the two regressions it found (files in tests/fixtures/judge44/).

- «Bilag» / «1. Lokalplanforslag» / «2. Miljøscreening» / «3. Eventuelt» / «Sagsnr.: 25/10» /
  «Sagsbehandler: Pia Sørensen» under an item of Henrik Mølgaard's was read as the item's attachment
  list and its fields: the item 3 was lost. Fields under a numbered line are the item's above only
  where its case number and case handler agree with those printed at its top.
- An election item's «Formand: Anne Holm» / «Referent: Bo Berg», set apart under an empty
  «Fraværende:», was cut as the minutes' signature: the result of the election was lost.
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture

read = partial(read_fixture, FIXTURES / "judge44")


def test_an_item_whose_case_handler_differs_is_no_attachment_of_the_item_above():
    passages = read("skovby-eventuelt-under-bilagsliste.txt").passages
    assert [(p.item_number, p.title, p.case_handler) for p in passages][-2:] == [
        (2, "Lokalplan for Havnevej", "Henrik Mølgaard"), (3, "Eventuelt", "Pia Sørensen")]


def test_an_election_items_list_is_its_result_even_set_apart():
    election = read("aeldreraad-valg-fravaerende-tom.txt").passages[-1]
    assert election.outcome == "Valg"
    assert election.text.endswith("Formand: Anne Holm\nReferent: Bo Berg") and election.staff == ()
