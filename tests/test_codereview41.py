"""Code review 41: regressions of code review 40's readings (files in tests/fixtures/codereview41/, the
reviewer's, renamed so that no file name gives a municipality away).

- A constitution printed as the last decision, under «Beslutning» or «… således:» and a blank line,
  was cut as the minutes' closing: the decision lost its list, or the item its text.
- A bulleted agenda entry «- Trafikplan 2030 – temamøde på Aabenraa Rådhus den 25. marts 2025» was
  read as the meeting's date line, and a joint meeting at the neighbour's town hall went to the
  neighbour: a town hall counts on a labelled place line or the date line that opens the head's line,
  and not for a «fællesmøde».
- An agenda quoting «Beslutning i Byrådet den 11. juni 2025:» (an earlier sitting that day) first in
  its «Tidligere beslutninger» became minutes with that decision.
- A one-time footer with the draft's state («Referat til godkendelse – Byrådet – 11.06.2025 – side 2
  af 3», «Udkast til referat», «Ikke godkendt referat») stayed in the text.
- A Word table without a header row, as Pandoc prints it («| Sagsnr. | 25/1234 |» over the rule), lost
  its first pair.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture

read = partial(read_fixture, FIXTURES / "codereview41")


def _last(name: str):
    return read(name).passages[-1]


@pytest.mark.parametrize("name", ["skovby-aeldreraadet-konstituering-under-beslutning.txt",
                                  "skovby-aeldreraadet-konstituering-kolon.txt"])
def test_a_constitution_as_the_last_decision_keeps_its_list(name):
    election = _last(name)
    assert election.has_decision and election.outcome == "Valg"
    assert election.decision.endswith("Formand: Grethe Holm\nReferent: Inge Lund")
    assert election.staff == ()


def test_a_constitution_announced_by_a_sentence_without_a_label_stays_the_items_text():
    election = _last("skovby-aeldreraadet-konstituering-uden-label.txt")
    assert election.text.endswith("således:\n\nFormand: Grethe Holm\nReferent: Inge Lund")
    assert election.staff == ()


def test_a_bulleted_agenda_entry_at_another_town_hall_names_no_municipality():
    assert {p.municipality for p in read("teknik-dagsorden-punktliste-raadhus.txt").passages} == {"Tønder"}


def test_a_joint_meeting_at_the_neighbours_town_hall_is_filed_by_its_text():
    assert {p.municipality for p in read("boerne-og-unge-faellesmoede-naboens-raadhus.txt").passages} == {"Odder"}


def test_an_agenda_quoting_the_councils_decision_of_the_same_day_stays_an_agenda():
    document = read("skovby-byraadet-dagsorden-samme-dag-citeret.txt")
    assert {p.doc_type for p in document.passages} == {"dagsorden"}
    assert not any(p.has_decision for p in document.passages)


def test_a_footer_with_the_drafts_state_is_removed():
    document = read("skovby-byraadet-referat-til-godkendelse-fod.txt")
    assert not any("side 2 af 3" in p.text for p in document.passages)


@pytest.mark.parametrize("head", ["Udkast til referat – Byrådet – 11.06.2025", "Ikke godkendt referat – Byrådet – 11.06.2025",
                                  "Referat – Byrådet – 11.06.2025 – revideret"])
def test_other_draft_states_head_a_footer(head):
    from indexer.clean import _is_footer_head

    assert _is_footer_head(head)


@pytest.mark.parametrize("head", ["Godkendt med ændringer på Byrådets møde 11.06.2025", "Godkendt på Byrådets møde 11.06.2025",
                                  "Udsat til Byrådets møde den 25.06.2025"])
def test_a_decision_naming_a_meeting_is_no_footer(head):
    from indexer.clean import _is_footer_head

    assert not _is_footer_head(head)


def test_a_field_table_without_a_header_row_keeps_its_first_pair():
    item = read("teknik-referat-felttabel-uden-overskrift.md").passages[-1]
    assert (item.case_number, item.case_handler) == ("25/1234", "Jens Dahl")
