"""Running footers that print the page number without «af M» (the layouts5 review, finding 8).

A text export of First Agenda or Acadre minutes keeps the footer where the page broke:
«Skovbjerg Kommune, Økonomiudvalget, 12. marts 2025   Side 5», «Lindeby Kommune - Socialudvalget -
03-02-2025 - Side 3». It landed in the item running over the break: in its economy section, in its
decision (before a trailing «Fraværende:» line, which then was not seen to close the decision). Such
a line is chrome: a head naming the municipality, council or date, a separator, «Side N»; printed
again with other page numbers, or standing alone. Prose ending in a page reference stays.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from indexer.clean import _running_footers, running_chrome
from indexer.pipeline import read_document
from indexer.extract import extract

FOOTERS = FIXTURES / "running_footers"
REPEATED = FOOTERS / "ravnsholt_oekonomiudvalget_2025-03-12.txt"  # three footers, and a running header
ALONE = FOOTERS / "kildemark_socialudvalget_2025-02-03.txt"  # one footer


def passages(path: Path):
    return read_document(path, path.parent).passages


def test_repeated_footers_leave_the_items():
    items = passages(REPEATED)
    assert [p.item_number for p in items] == [1, 2, 3]
    text = "\n".join(p.text for p in items)
    assert "Side" not in text
    economy = next(s.text for s in items[1].sections if s.key == "økonomi")
    assert economy == "Tillægsbevillingen på 3,2 mio. kr. finansieres af kassebeholdningen."


def test_a_footer_cuts_a_pseudo_page_so_the_running_header_is_seen():
    # «Økonomiudvalget - Referat 12.03.2025» opens each page after a footer: with the file cut into
    # pages at the footers, it is the top line of two pages of three, a running header.
    items = passages(REPEATED)
    assert all("Referat 12.03.2025" not in p.text for p in items)
    assert items[1].decision == "Taget til efterretning."
    assert [p.line for p in items] == [13, 25, 47]  # still the file's line numbers


def test_a_single_footer_standing_alone_leaves_the_decision_and_its_attendance_line():
    items = passages(ALONE)
    assert [p.item_number for p in items] == [1, 2, 3]
    assert items[1].decision == "Taget til efterretning. Udvalget ønsker en opfølgning i juni 2025."
    assert items[1].absent == ("Frank Lund",)
    assert all("Side 3" not in p.text for p in items)


def test_prose_ending_in_a_page_reference_stays():
    repeated, alone = passages(REPEATED), passages(ALONE)
    assert "Forbruget er gennemgået, jf. bilag side 5.\nSe bilag 2, side 7" in repeated[1].text
    # names a council and a date, but is a sentence (lower-case words): text
    assert "Socialudvalget behandlede sagen den 3. december 2024, side 5" in alone[1].text


@pytest.mark.parametrize("lines, expected", [
    # a footer printed on several pages, the head the same
    (["A", "", "Holby Kommune, Byrådet, 1. maj 2025   Side 2", "B", "Holby Kommune, Byrådet, 1. maj 2025   Side 3"], [2, 4]),
    # a column gap, a bullet, a bar before «Side»; «side» in lower case
    (["", "Byrådet 01-05-2025    side 4", ""], [1]),
    (["", "Holby Kommune · Referat · Side 4", ""], [1]),
    (["", "Holby Kommune | Byrådet | Side 4", ""], [1]),
    # one footer inside a paragraph: not alone, not repeated
    (["Godkendt.", "Holby Kommune - Byrådet - Side 4", "Fraværende: Ib"], []),
    # no separator, or a head naming no municipality, council, date or document
    (["", "jf. bilag side 5", "", "Se bilag 2, side 7", "", "Se bilag 2, side 9", ""], []),
    # a sentence naming a council and a date
    (["", "Byrådet godkendte planen den 1. maj 2025, side 5", ""], []),
    # a paragraph of prose citing a page, set off by a comma or an en dash, not a footer's gap
    (["", "Referat fra Byrådet 24. april 2025, side 3", ""], []),
    (["", "Sagen blev behandlet 3. marts 2025 – side 2", ""], []),
    (["", "Godkendt af Vejle Kommune, side 2", ""], []),
    # naming only the council or the document: a running line when printed again, alone not
    (["Referat - Byrådet   Side 4", "x", "Referat - Byrådet   Side 5"], [0, 2]),
    (["", "Referat - Byrådet   Side 4", ""], []),
    # a contents entry, each on its own paragraph
    (["", "3. Orientering fra Byrådet 1. maj 2025   side 5", "", "Pkt. 4 Holby Kommunes budget  side 7", ""], []),
    # the same page number twice, not alone: no running line
    (["x", "Holby Kommune - Byrådet - Side 4", "y", "Holby Kommune - Byrådet - Side 4", "z"], []),
])
def test_what_is_a_running_footer(lines, expected):
    assert _running_footers(lines) == expected


def test_the_footer_still_names_the_municipality():
    # The footer is the only line naming Kildemark Kommune: blanked in the text, it is running
    # chrome, where the metadata readers look (`indexer.enrich`).
    chrome = running_chrome(extract(ALONE, ALONE.parent))
    assert "Kildemark Kommune - Socialudvalget - 03-02-2025 - Side 3" in chrome.lines
    assert {p.municipality for p in passages(ALONE)} == {"Kildemark"}


@pytest.mark.parametrize("gap", ["   ", " \t", "\t"])
def test_a_footer_set_off_by_spaces_or_a_tab_is_chrome_either_way(tmp_path, gap):
    # «Hedelund Kommune, 12. marts 2025 \tSide 3»: the footers' own gap was rebound by the label columns'
    # gap of the same name further down the module, which a space before the tab does not match (a
    # code-health review)
    text = ("Referat\nØkonomiudvalget, Hedelund Kommune\nMødedato: 12. marts 2025\n\nPunkt 1. Budgetopfølgning\n\n"
            "Sagsfremstilling\nForvaltningen orienterer om budgettet for vejene.\n\n"
            f"Hedelund Kommune, 12. marts 2025{gap}Side 3\n\nBeslutning\nGodkendt.\n\n"
            "Punkt 2. Cykelsti\n\nSagsfremstilling\nEn cykelsti ved skolen.\n\nBeslutning\nAnbefalet.\n")
    (tmp_path / "referat.txt").write_text(text, encoding="utf-8")
    first, second = passages(tmp_path / "referat.txt")
    assert "Side 3" not in first.text
    assert (first.decision, second.decision) == ("Godkendt.", "Anbefalet.")
