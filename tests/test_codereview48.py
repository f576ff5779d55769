"""Code review 48 (2026-12-05) of code review 47's fixes: an elderly council's «anbefaling» taken for the
elderly committee's, a longer committee name («Social- og Sundhedsudvalgets») for the shorter one
(Socialudvalget), an election's and a constitution's lines under «Referent:» cut while the chair's thanks were
kept, and «1. ordinære møde» in a PDF's head taken for item 1 so that the once-printed header stayed.
"""

from __future__ import annotations

from conftest import FIXTURES, read_fixture

FOLDER = FIXTURES / "codereview48"


def read(name: str):
    return read_fixture(FOLDER, name)


def test_a_council_is_no_committee_of_the_same_word():
    (item,) = read("aarhus-sundheds-og-aeldreudvalget-dagsorden-aeldreraadets-anbefaling.txt").passages
    assert (item.doc_type, item.has_decision) == ("dagsorden", False)


def test_a_longer_committee_name_is_another_committee():
    (item,) = read("odense-socialudvalget-referat-social-og-sundhedsudvalgets-anbefaling.txt").passages
    assert not item.has_decision
    assert [s.label for s in item.sections if s.key == "tidligere_beslutning"] == ["Social- og Sundhedsudvalgets anbefaling"]


def test_an_elections_and_a_constitutions_lines_under_the_minute_taker_stay():
    election = read("ballerup-referat-valg-af-referent-tager-referat.txt").passages[-1]
    assert election.decision.endswith("Line Friis tager referat fra næste møde.")
    constitution = read("ballerup-referat-konstituering-bilag-under-referent.txt").passages[-1]
    assert constitution.decision.endswith("Forretningsordenen, jf. bilag 3, blev vedtaget.")


def test_the_chairs_thanks_under_the_minute_taker_close_the_minutes():
    eventuelt = read("ballerup-referat-formanden-takkede.txt").passages[-1]
    assert (eventuelt.has_decision, eventuelt.outcome) == (False, None)


def test_an_ordinal_meeting_line_in_the_head_is_no_item():
    passages = read("guldborgsund-aeldreraadet-referat-1-ordinaere-moede.pdf").passages
    assert not any("Referat 08.01.2025" in p.text for p in passages)
