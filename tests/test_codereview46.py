"""Code review 46 (2026-12-05) of code review 45's fixes: a committee's own «anbefaling» demoted where its
header spells the committee otherwise than the document does, an old undated Byråd decision quoted in an
agenda promoted, lines under «Referent:» in Eventuelt's decision again, and a running header printed once
from page 2 kept again where the head's date line looked like an item or the header said «Mødereferat».
(Its search findings are in test_fallbacks.)
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, read_fixture

FOLDER = FIXTURES / "codereview46"


def read(name: str):
    return read_fixture(FOLDER, name)


@pytest.mark.parametrize("name, label", [
    ("oekonomi-og-erhvervsudvalget-referat-egen-anbefaling.txt", "Økonomiudvalgets anbefaling"),
    ("udvalget-for-klima-og-miljoe-referat-egen-anbefaling.txt", "Klima- og Miljøudvalgets anbefaling")])
def test_a_committees_recommendation_under_another_form_of_its_name_is_its_decision(name, label):
    item = read(name).passages[0]
    assert (item.has_decision, item.outcome) == (True, "Anbefalet")
    assert item.sections[0].label == label


def test_an_agenda_quoting_the_councils_earlier_decision_and_a_recommendation_decides_nothing():
    agenda = read("viborg-byraadet-dagsorden-tidligere-beslutning-over-anbefaling.txt")
    item = agenda.passages[0]
    assert (item.doc_type, item.has_decision) == ("dagsorden", False)
    assert [s.label for s in item.sections if s.key == "tidligere_beslutning"] == [
        "Byrådets beslutning", "Økonomiudvalgets anbefaling"]


def test_a_digital_approval_under_the_minute_takers_line_closes_the_minutes():
    eventuelt = read("ballerup-referat-godkendt-digitalt-under-referent.txt").passages[-1]
    assert (eventuelt.has_decision, eventuelt.outcome) == (False, None)  # «Intet.»: no decision
    assert eventuelt.sections[0].text == "Intet."


@pytest.mark.parametrize("name", ["ballerup-handicapraadet-referat-dato-i-hovedet.pdf",
                                  "guldborgsund-moedereferat-sidehoved.pdf"])
def test_a_header_printed_once_from_page_two_is_chrome(name):
    passages = read(name).passages
    assert not any("03.06.2025" in p.text or "Mødereferat" in p.text for p in passages)
    assert passages[1].decision in ("Rådet anbefaler en ny rampe.", "Taget til efterretning.")
