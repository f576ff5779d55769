"""Code review 43: regressions of code review 42's fixes (files in tests/fixtures/codereview43/, the
reviewer's, renamed so that no file name gives a municipality or document type away).

- Any head line with a date counted as the meeting's date line: «Næste møde: 2. september 2025 på
  Aabenraa Rådhus», «Referatet fra mødet 3. juni 2025 på Aarhus Rådhus blev godkendt.» and an unnumbered
  contents entry with a town hall named the municipality. The date line gives the meeting's hour or is
  labelled as its date; another meeting's line never counts.
- «Dagsorden – referat følger» read as «Dagsorden og referat» (minutes): only a title ending in the
  agenda's decisions is minutes by its title.
- «Valgt:» over a blank line and the list of the elected no longer announced the list (one word).
- «Godkendt.» / «Formand: Anne Holm» / «Referent: Bo Berg» in an item electing them is the election's
  result, not the minutes' signature.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture

read = partial(read_fixture, FIXTURES / "codereview43")


@pytest.mark.parametrize("name, municipality", [("udvalg-naeste-moede-andet-raadhus.txt", "Tønder"),
                                                ("udvalg-forrige-referat-godkendt-andet-raadhus.txt", "Odder"),
                                                ("udvalg-indhold-uden-numre.txt", "Tønder")])
def test_another_meetings_town_hall_names_no_municipality(name, municipality):
    assert {p.municipality for p in read(name).passages} == {municipality}


def test_an_agenda_whose_minutes_follow_stays_an_agenda():
    document = read("byraadet-dagsorden-referat-foelger.txt")
    assert {p.doc_type for p in document.passages} == {"dagsorden"}
    assert not any(p.has_decision for p in document.passages)


def test_a_one_word_label_announces_the_list_of_the_elected():
    election = read("aeldreraad-valgt-kolon.txt").passages[-1]
    assert election.decision.endswith("Valgt:\n\nFormand: Anne Holm\nReferent: Bo Berg")
    assert election.staff == ()


def test_an_election_items_list_under_its_decision_is_its_result():
    election = read("aeldreraad-valg-godkendt-liste.txt").passages[-1]
    assert election.outcome == "Valg"
    assert election.decision.endswith("Godkendt.\nFormand: Anne Holm\nReferent: Bo Berg")
