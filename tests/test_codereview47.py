"""Code review 47 (2026-12-05) of code review 46's fixes: another committee sharing one word of the council's
name («Fritids- og Idrætsudvalgets» in Kultur- og Fritidsudvalget's agenda) read as the council, an election's
lines under «Referent:» cut, lines about the minutes naming the minute-taker kept in Eventuelt's decision, and a
page-2 heading taken for a running header when item 1's heading was «Punkt 1 - …».
"""

from __future__ import annotations

from conftest import FIXTURES, read_fixture

FOLDER = FIXTURES / "codereview47"


def read(name: str):
    return read_fixture(FOLDER, name)


def test_a_committee_sharing_a_word_of_the_councils_name_is_another_committee():
    agenda = read("kolding-kultur-og-fritidsudvalget-dagsorden-andet-udvalgs-anbefaling.txt")
    (item,) = agenda.passages
    assert (item.doc_type, item.has_decision) == ("dagsorden", False)
    assert [s.label for s in item.sections if s.key == "tidligere_beslutning"] == ["Fritids- og Idrætsudvalgets anbefaling"]
    minutes = read("aarhus-boerne-og-ungeudvalget-referat-boerne-og-skoleudvalgets-anbefaling.txt")
    assert not minutes.passages[0].has_decision


def test_an_elections_lines_under_the_minute_takers_line_stay_its_decision():
    item = read("ballerup-referat-valg-af-referent-og-suppleant.txt").passages[-1]
    assert item.decision.endswith("Referent: Line Friis\nSuppleant for referenten: Bo Berg Hansen")


def test_lines_about_the_minutes_close_them_whoever_they_name():
    for name in ("ballerup-referat-godkendt-af-referenten.txt", "ballerup-referat-kommende-moeder-under-referent.txt"):
        eventuelt = read(name).passages[-1]
        assert (eventuelt.has_decision, eventuelt.outcome) == (False, None), name


def test_a_heading_opening_page_two_stays_when_item_one_is_numbered_with_a_dash():
    (item,) = [p for p in read("guldborgsund-referat-punkt-1-tankestreg-overskrift-side-2.pdf").passages
               if p.item_number == 1]
    assert "Referat fra Ældrerådets møde 08.01.2025" in item.text
