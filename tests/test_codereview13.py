"""Regressions a code review (codereview13) found against 29dd20b; the texts in tests/fixtures/codereview13/
are copied from the review.

- an annual report's short numbered list points («1. Bedre busser» / «2. Flere ramper») became chapters
  with no text, and were dropped with their words;
- an HTML page's item bodies hidden by a class of its style and opened by inline JavaScript were
  dropped as hidden, with every item and decision;
- «Deltagere fra Familierådgivningen:», «Til stede fra sekretariatet for Handicaprådet:» added staff to
  the members present;
- any capitalised word before «Byråd» («Lukket Byråd», «Temamøde Byråd») became the municipality.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written
from indexer.htmltext import visible_text
from indexer.meeting import head_fields

read = partial(read_fixture, FIXTURES / "codereview13")


# --- 1. numbered list points in an annual report -------------------------------------------------

def test_short_numbered_list_points_stay_in_their_sections_text():
    document = read("aars.txt")
    assert [p.title for p in document.passages] == ["Indledning", "Rådets arbejde", "Økonomi"]
    text = document.passages[1].text
    for point in ("1. Bedre busser", "2. Flere ramper", "3. Kortere ventetid", "Rådet vil fortsat arbejde"):
        assert point in text


def test_a_recommendations_list_point_is_not_lost():
    """codereview11's report: «2. Bedre boligplacering af nyankomne» was in no passage."""
    document = read_fixture(FIXTURES / "codereview11", "h_strandby-integrationsraadet-aarsberetning-2023.txt")
    (section,) = [p for p in document.passages if p.title == "Rådets anbefalinger"]
    assert "1. Flere hold på sprogcentret\n\n2. Bedre boligplacering af nyankomne\n\n3. En fast mentorordning" in section.text


def test_a_title_like_line_with_no_text_under_it_keeps_its_words(tmp_path):
    text = ("Årsberetning 2024 for Handicaprådet\n\nIndledning\n\nHandicaprådet har i 2024 holdt seks møder og "
            "afgivet mange høringssvar til kommunen.\n\nHøringer\n\nHøringssvar om den nye skolestruktur i kommunen\n\n"
            "Rådet afgav høringssvar om skolestrukturen og om transporten af elever med handicap.\n\nØkonomi\n\n"
            "Rådet har brugt 20.000 kr. af sit budget på kurser og transport til medlemmerne.\n")
    document = read_written(tmp_path, "aarsberetning-2024.txt", text)
    # its words open its subheading's text: no visible parent, as «2» over «2.1» (code review 28, finding 5)
    assert any(p.text.startswith("Høringer\n") for p in document.passages)


# --- 2. item bodies an inline click opens ----------------------------------------------------------

def test_item_bodies_opened_by_an_inline_onclick_are_read():
    document = read("hid1.html")
    assert [(p.item_number, p.title) for p in document.passages] == [
        (1, "Godkendelse af dagsorden"), (2, "Høringssvar til budget 2025")]
    assert [p.has_decision for p in document.passages] == [True, True]
    assert "Rådet afgav høringssvar om transport." in document.passages[1].text


_HIDING = "<style>.pi{display:none}</style>"


@pytest.mark.parametrize("markup", [
    _HIDING + '<div><button onclick="vis(this)">1. Godkendelse</button><div class="pi">Godkendt.</div></div>',
    _HIDING + '<h2><button class="knap">1. Godkendelse</button></h2><div class="pi">Godkendt.</div>',
    _HIDING + '<h2 aria-expanded="false">1. Godkendelse</h2><div class="pi">Godkendt.</div>',
    _HIDING + '<script>$(".pt").click(function(){$(this).next().slideToggle()})</script>'
              '<h2 class="pt">1. Godkendelse</h2><div class="pi">Godkendt.</div>',
    _HIDING + '<div onclick="this.classList.toggle(\'aaben\')"><h2>1. Godkendelse</h2><div class="pi">Godkendt.</div></div>',
])
def test_an_accordion_a_click_opens_is_read_with_its_heading(markup):
    assert visible_text(markup).split() == ["1.", "Godkendelse", "Godkendt."]


@pytest.mark.parametrize("markup", [
    _HIDING + '<div class="cookie-notice">Cookies <button>OK</button></div><div class="pi">Intern note</div>',
    _HIDING + '<p><a onclick="window.print()">Udskriv</a></p><div class="pi">Intern note</div>',
    _HIDING + '<p>Godkendt.</p><div class="pi">Intern note</div>',
    '<style>.dlg{display:none}</style><button onclick="document.getElementById(\'d\').showModal()">Vis</button>'
    '<dialog id="d" class="dlg">Intern note</dialog>',
    '<style>.cookie-box{display:none}</style><button onclick="vis(\'c\')">Vis</button>'
    '<div id="c" class="cookie-box">Intern note</div>',
])
def test_hidden_chrome_stays_hidden(markup):
    assert "Intern note" not in visible_text(markup)


# --- 3. staff listed «fra» a unit --------------------------------------------------------------------

@pytest.mark.parametrize("name", ["members.txt", "members2.txt"])
def test_staff_from_a_unit_or_a_councils_secretariat_are_no_members(name):
    for passage in read(name).passages:
        assert list(passage.present) == ["Ole Hansen", "Bente Nielsen", "Karl Berg"]


@pytest.mark.parametrize("line", [
    "Medlemmer af Teknik- og Miljøudvalget: Karen Bisgaard, Mads Ørum",
    "Medlemmer af Udvalget for Klima og Miljø: Karen Bisgaard, Mads Ørum",
    "Deltagere fra Kommunalbestyrelsen: Karen Bisgaard, Mads Ørum",
])
def test_a_joint_meetings_second_council_still_adds_its_members(line):
    fields = head_fields(["Medlemmer af Børneudvalget: Lise Thorsen", line])
    assert fields["present"].split(", ") == ["Lise Thorsen", "Karen Bisgaard", "Mads Ørum"]


# --- 4. the word before «Byråd» ----------------------------------------------------------------------

def _minutes(head: str, text: str = "") -> str:
    return (f"Referat\n\n{head}\n\nMødedato: 12. marts 2024\n\n1. Godkendelse af dagsorden\n\n{text}"
            "Beslutning:\nGodkendt.\n")


def test_a_closed_meetings_council_names_no_municipality():
    assert {(p.municipality, p.council) for p in read("br.txt").passages} == {(None, "Byrådet")}


@pytest.mark.parametrize("word", ["Ekstraordinært", "Temamøde", "Åbent", "Budgetseminar", "LUKKET"])
def test_a_meetings_kind_before_byraad_is_no_municipality(tmp_path, word):
    (passage,) = read_written(tmp_path, "referat_2024-03-12.txt", _minutes(f"{word} Byråd")).passages
    assert (passage.municipality, passage.council) == (None, "Byrådet")


@pytest.mark.parametrize("head, text, municipality", [
    ("Herning Byråd", "", "Herning"),
    ("SILKEBORG BYRÅD", "", "Silkeborg"),
    ("Egebæk Byråd", "", "Egebæk"),  # a place name's ending
    # the document gives the town as a kommune's name (the text's count alone would say Herning)
    ("Solvang Byråd", "Solvang Kommune og Herning Kommune deler en rute, som Herning Kommune kører.\n\n", "Solvang"),
])
def test_a_town_before_byraad_is_the_municipality(tmp_path, head, text, municipality):
    (passage,) = read_written(tmp_path, "referat_2024-03-12.txt", _minutes(head, text)).passages
    assert (passage.municipality, passage.council) == (municipality, "Byrådet")
