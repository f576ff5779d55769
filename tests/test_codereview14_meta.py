"""Regressions a code review (codereview14) found in the rules of cb7eee4; the texts in tests/fixtures/codereview14/
are copied from the review.

- a company's name in the head («2. Overdragelse af … til Esbjerg Forsyning A/S», «Mødested: Kolding
  Spildevand A/S») made a Vejen committee's minutes Esbjerg's or Kolding's;
- «bestyrelsesmøde» in an agenda line made an Ældreråd's minutes Bestyrelsen's;
- a contact box and a help box a click opens were read into the last item's decision;
- a «Dagsorden:» list with no items found below was taken out of the text, its words lost.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture
from indexer.councils import BOARD, council_of, is_board_title, municipality_of, own_company_town
from indexer.contents import find_contents
from indexer.htmltext import visible_text
from indexer.models import Line

read = partial(read_fixture, FIXTURES / "codereview14")


# --- 3. a company's name in a committee's head -----------------------------------------------------

@pytest.mark.parametrize("name", ["c1.txt", "c1b.txt", "c1c.txt"])
def test_a_company_in_an_item_title_or_a_place_names_no_municipality(name):
    passages = read(name).passages
    assert len(passages) == 2
    assert {(p.municipality, p.council) for p in passages} == {("Vejen", "Teknik- og Miljøudvalget")}


def test_a_boards_own_company_still_gives_the_municipality():
    body = ["Sagen sendes til Faaborg-Midtfyn Kommune."]
    assert municipality_of(["Bestyrelsen for Svendborg Forsyning A/S", "Dato: 20. marts 2024"], body) == "Svendborg"
    assert municipality_of(["Svendborg Forsyning A/S / Referat af bestyrelsesmøde"], body) == "Svendborg"


def test_a_company_is_no_municipality_outside_a_boards_title_or_against_the_text():
    # a committee's minutes naming the company only as a title line: not a board's
    assert municipality_of(["Teknik- og Miljøudvalget", "Esbjerg Forsyning A/S"], ["Vejen Kommune"]) == "Vejen"
    # a board's own minutes are its company's town's, whatever kommuner its items deal with (code review 15)
    assert municipality_of(["Esbjerg Forsyning A/S", "Referat af bestyrelsesmøde"],
                           ["Vejen Kommune ejer ledningerne.", "Vejen Kommune overdrager dem."]) == "Esbjerg"


@pytest.mark.parametrize("line", [
    "2. Overdragelse af regnvandsledninger til Esbjerg Forsyning A/S",
    "Overdragelse af regnvandsledninger til Esbjerg Forsyning A/S",
    "Mødested: Kolding Spildevand A/S, Havnevej 4",
])
def test_an_item_title_or_a_place_is_no_own_company(line):
    assert own_company_town(line) is None


# --- 9. «bestyrelsesmøde» in an agenda line --------------------------------------------------------

def test_a_board_meeting_in_an_agenda_line_is_no_board():
    assert {p.council for p in read("c4.txt").passages} == {"Ældrerådet"}


@pytest.mark.parametrize("line", [
    "2. Orientering fra bestyrelsesmøde i Egebæk Boligselskab",
    "Orientering fra bestyrelsesmøde i Egebæk Boligselskab",
    "Bestyrelsen i Egebæk Boligselskab har solgt boligerne.",
])
def test_a_board_meeting_named_in_an_item_or_a_sentence_leaves_the_texts_council(line):
    assert not is_board_title(line)
    assert council_of(["Referat af møde 3. februar 2025", line], ["Ældrerådet", "Ældrerådet drøftede."]) == "Ældrerådet"


def test_a_board_meetings_title_still_names_bestyrelsen():
    assert council_of(["Svendborg Forsyning A/S / Referat af bestyrelsesmøde"], ["Kommunalbestyrelsen"]) == (
        f"{BOARD} for Svendborg Forsyning A/S")  # named by its company (a news review)
    assert council_of(["Ordinært bestyrelsesmøde"], ["Kommunalbestyrelsen"]) == BOARD


# --- 7. a contact box and a help box a click opens -------------------------------------------------

def test_a_contact_box_and_a_help_box_are_no_part_of_the_last_decision():
    passages = read("h1.html").passages
    assert [(p.item_number, p.title) for p in passages] == [(1, "Godkendelse af dagsorden"),
                                                          (2, "Høring om ældrepolitik")]
    last = passages[1]
    assert [s.key for s in last.sections] == ["beslutning", "sagsfremstilling"]
    assert last.decision == "Rådet afgiver høringssvar som drøftet."
    assert not any("7012 3456" in p.text or "Under hvert punkt" in p.text for p in passages)


_PAGE = ("<style>.skjult{display:none}</style><main><h1>Referat</h1><h2>1. Godkendelse</h2><h3>Beslutning</h3>"
         "<p>Godkendt.</p><h2>2. Budget</h2><p>Tekst.</p>")


def test_a_box_after_the_last_items_decision_is_chrome_by_its_place():
    # no chrome word: a box after the last item that adds no section of it is the site's
    markup = (_PAGE + "<h3>Beslutning</h3><p>Godkendt.</p>"
              "<a onclick=\"vis('b1')\">Sekretariatet</a><div id='b1' class='skjult'><p>Rådhuset, 7012 3456</p></div>"
              "<a onclick=\"vis('b2')\">Læsevejledning</a><div id='b2' class='skjult'><p>Beslutning</p>"
              "<p>Under hvert punkt står rådets beslutning.</p></div></main>")
    text = visible_text(markup)
    assert "7012 3456" not in text and "Under hvert punkt" not in text
    assert text.count("Beslutning") == 2


@pytest.mark.parametrize("markup, shown", [
    # the last item's own decision behind a click
    (_PAGE + "<button onclick=\"vis('x')\">Vis beslutning</button><div id='x' class='skjult'><h3>Beslutning</h3>"
             "<p>Taget til efterretning.</p></div></main>", "Taget til efterretning."),
    # a box between the items
    ("<style>.skjult{display:none}</style><main><h2>1. A</h2><a onclick=\"vis('x')\">Vis mere</a>"
     "<div id='x' class='skjult'><p>Lang tekst.</p></div><h2>2. B</h2><p>Tekst.</p></main>", "Lang tekst."),
])
def test_an_items_text_a_click_opens_is_still_read(markup, shown):
    assert shown in visible_text(markup)


# --- 10. «Dagsorden:» with no items below -----------------------------------------------------------

def test_an_agenda_list_answered_point_by_point_keeps_its_words():
    (passage,) = read("a3.txt").passages
    for words in ("1. Godkendelse af referat", "2. Byfest 2025", "3. Eventuelt", "Byfesten holdes 21. juni."):
        assert words in passage.text


def _lines(name: str) -> list[Line]:
    text = (FIXTURES / "codereview14" / name).read_text(encoding="utf-8")
    return [Line(t, 1, n) for n, t in enumerate(text.split("\n"), 1)]


def test_an_agenda_list_is_contents_only_when_its_items_are_found_below():
    assert find_contents(_lines("a3.txt")) == ([], set())
    # «Ad 1», «Ad 2», «Ad 3» below: the items by their numbers, the list is their contents
    entries, _ = find_contents(_lines("a2.txt"))
    assert entries == [(1, "Godkendelse af referat"), (2, "Byfest 2025"), (3, "Eventuelt")]
