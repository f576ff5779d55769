"""Minutes whose labels and item headings are printed in several languages at once (Greenland's
municipalities: «Ulloq / Dato / Date:», «Punkt 01 / Item 01 – Titel / Title», «Afgørelse / Decision:»)
read as the Danish template prints them; and rules between items («---», «=====») are no text.

The layouts8 review found such minutes read with every item's decision, recommendation, attendance and
place lost (the trilingual markdown yielded no item at all): tests/fixtures/layouts8/g2_plain_… and g3_….
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written
from indexer.parallel_languages import danish_wording

read = partial(read_fixture, FIXTURES / "layouts8")

_HEAD = "Ravnby Kommune\nØkonomiudvalget\nReferat\nMødedato: 11.02.2025\n\n"


@pytest.mark.parametrize("printed, danish", [
    ("Ulloq / Dato / Date: 10. april 2025, kl. 13:00", "Dato: 10. april 2025, kl. 13:00"),
    ("Peqataasut / Til stede / Present: Hans Kristiansen", "Til stede: Hans Kristiansen"),
    ("Afgørelse / Decision:", "Afgørelse:"),
    ("Indstilling / Recommendation", "Indstilling"),
    ("Decision / Beslutning: Godkendt.", "Beslutning: Godkendt."),
    ("Journal nr. / Case no.: 2025-1123", "Journal nr.: 2025-1123"),
    ("Punkt 01 / Item 01 – Godkendelse af dagsorden / Approval of the agenda", "Punkt 01 – Godkendelse af dagsorden"),
    ("Oqaluuserisassaq 3 / Punkt 3: Aningaasat / Budget 2026", "Punkt 3: Budget 2026"),
    # a title with slashes of its own, not one per language, stays whole
    ("Punkt 4 / Item 4 – Skole / dagtilbud / fritid / sport", "Punkt 4 – Skole / dagtilbud / fritid / sport"),
])
def test_a_label_in_several_languages_reads_as_its_danish_one(printed, danish):
    assert danish_wording(printed) == danish


@pytest.mark.parametrize("line", [
    "Skole / dagtilbud: status for 2025",  # no part is a Danish label
    "Børn / Unge",
    "Punkt 3 / Item 4 – Budget",  # two numbers: no one item's number in two languages
    "Udvalget / administrationen drøftede sagen: enighed",  # a sentence, not a label
    "Beslutning: Godkendt / Approved",  # already Danish: the text after a label keeps every language
])
def test_other_lines_with_slashes_are_left_as_they_are(line):
    assert danish_wording(line) == line


def test_trilingual_markdown_minutes_yield_each_item_with_its_decision():
    document = read("g3_trilingual_markdown_qaqortoq_2025-04-10.md")
    items = document.passages
    assert [(p.item_number, p.title) for p in items] == [
        (1, "Godkendelse af dagsorden"), (2, "Budgetopfølgning 1. kvartal 2025"),
        (3, "Ansøgning om tillægsbevilling til havneanlæg")]
    assert [p.decision for p in items][0] == "Godkendt. / Approved."  # no markdown rule («---») after it
    assert items[2].decision == "Anbefales over for Kommunalbestyrelsen."
    assert items[1].sections_by_key()["indstilling"].startswith("Administrationen indstiller")
    assert items[1].sections_by_key()["baggrund"].startswith("Forbruget pr. 31. marts 2025")
    assert [p.case_number for p in items] == ["2025-1123", "2025-0877", "2024-4410"]
    assert items[2].case_handler == "Kaali Jeremiassen"
    assert (items[0].municipality, items[0].council, items[0].meeting_date) == ("Kujalleq", "Økonomiudvalget", "2025-04-10")


def test_trilingual_meeting_head_gives_place_and_attendance():
    item = read("g2_plain_kujalleq_2025-04-10.txt").passages[0]
    assert item.place == "Mødelokalet, Kommunekontoret, Qaqortoq"
    assert item.present == ("Hans Kristiansen", "Nivi Olsen", "Aviaja Lynge")
    assert item.absent == ("Malik Petersen",)
    assert item.decision == "Godkendt. / Approved."
    assert item.sections_by_key()["indstilling"] == "Det indstilles, at dagsordenen godkendes."
    assert "Recommendation" not in item.text and "Decision" not in item.text


@pytest.mark.parametrize("rule", ["---", "***", "___", "=====", "- - -", "——————"])
def test_a_rule_between_items_is_no_text_of_either(tmp_path, rule):
    text = _HEAD + f"1. Budget\nBeslutning:\nGodkendt.\n\n{rule}\n\n2. Eventuelt\nBeslutning:\nDrøftet.\n"
    document = read_written(tmp_path, "ravnby.txt", text)
    assert [p.decision for p in document.passages] == ["Godkendt.", "Drøftet."]
    assert not any(rule in p.text for p in document.passages)
