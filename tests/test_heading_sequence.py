"""Code review 27: a line in an item's text that names another case as a heading would («Sagen hænger
sammen med:» / «Sag 12: Trafikplan for bymidten», «Se også tidligere behandling:» / «Sag 7. Budget 2025
(Økonomiudvalget 3. februar 2025)») became an item of its own that took the real item's decision; the
numbers ran 1, 12, 2 and no note said so. Such a line breaks the items' sequence and is printed unlike
the items around it: it stays the item's text. The review's files are in tests/fixtures/heading_sequence/;
the near misses (items from 31, gaps, sub-items, two meetings in one file, «Punkt N:» agendas) keep
their items.

Code review 28: the rule dropped real last items numbered out of sequence: a closed item 8 under «LUKKET
DAGSORDEN», a supplement's item 20 under «Tillægsdagsorden:» or «Lukkede punkter», after items 1-3, went
into item 3's decision with a false notice that two items may be indexed as one. A heading with the
anchors its neighbours have, or under a group's header, is an item whatever its number.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written

HEADING_SEQUENCE = FIXTURES / "heading_sequence"
read = partial(read_fixture, HEADING_SEQUENCE)

_HEAD = "Ravnby Kommune\nØkonomiudvalget\nReferat\nMødedato: 12.03.2025\n\n"


def _items(document) -> list[tuple[int | None, str]]:
    return [(p.item_number, p.title) for p in document.passages]


# --- The review's minutes: a reference in «Sagens indhold» stays the item's text ------------------------


@pytest.mark.parametrize("name, line", [
    ("ravnby-sag-12-i-sagens-indhold.txt", "Sag 12: Trafikplan for bymidten"),
    ("ravnby-sag-nr-12-i-sagens-indhold.txt", "Sag nr. 12: Trafikplan for bymidten"),
    ("ravnby-punkt-12-i-sagens-indhold.txt", "Punkt 12: Trafikplan for bymidten"),
])
def test_case_named_in_the_first_items_text_is_no_item(name, line):
    document = read(name)
    assert _items(document) == [(1, "Parkeringsstrategi"), (2, "Budgetopfølgning")]
    first, second = document.passages
    assert first.decision == "Godkendt."
    assert first.outcome == "Godkendt"
    assert line in first.text
    assert second.decision == "Taget til efterretning."
    assert not document.notices


@pytest.mark.parametrize("name, line", [
    ("ravnby-sag-7-tidligere-behandling.txt", "Sag 7. Budget 2025 (Økonomiudvalget 3. februar 2025)"),
    ("ravnby-punkt-7-tidligere-behandling.txt", "Punkt 7. Budget 2025 (Økonomiudvalget 3. februar 2025)"),
])
def test_earlier_treatment_named_in_the_last_items_text_is_no_item(name, line):
    document = read(name)
    assert _items(document) == [(1, "Parkeringsstrategi"), (2, "Budgetopfølgning")]
    last = document.passages[-1]
    assert last.decision == "Taget til efterretning."
    assert last.outcome == "Taget til efterretning"
    assert line in last.text
    assert document.passages[0].decision == "Godkendt."
    assert not document.notices


# --- The same in other forms and places -------------------------------------------------------------------


def _minutes(first_text: str, last_text: str = "Budgettet fremlægges.", heading: str = "{n}. {title}") -> str:
    """Minutes of three items in the heading form `heading`, item 1's and item 3's «Sagens indhold» given."""
    def item(n: int, title: str, case: str, text: str, decision: str) -> str:
        return (heading.format(n=n, title=title) + f"\nSagsnr.: {case}\n\nSagens indhold\n{text}\n\n"
                f"Beslutning\n{decision}\n\n")
    return (_HEAD + item(1, "Parkeringsstrategi", "24/1234", first_text, "Godkendt.")
            + item(2, "Vejbelysning", "24/2345", "Belysningen udskiftes.", "Anbefales.")
            + item(3, "Budgetopfølgning", "24/5678", last_text, "Taget til efterretning."))


@pytest.mark.parametrize("reference", [
    # «N.» in the items' own form, announced by the line above
    "Sagen hænger sammen med:\n\n12. Trafikplan for bymidten",
    # «Punkt N» right under a line of text, no blank line between
    "Se også tidligere behandling:\nPunkt 7. Budget 2025 (Økonomiudvalget 3. februar 2025)",
    # a number below the item's: an earlier item of another meeting
    "Sagen blev udsat på sidste møde.\n\nSag 3: Parkeringsnormer",
])
def test_reference_between_items_stays_text(tmp_path, reference):
    document = read_written(tmp_path, "referat.txt", _minutes("Forslag til strategi. " + reference))
    assert [p.item_number for p in document.passages] == [1, 2, 3]
    assert document.passages[0].decision == "Godkendt."
    assert reference.splitlines()[-1] in document.passages[0].text
    assert not document.notices


def test_reference_in_the_items_own_form_without_a_case_number_stays_text(tmp_path):
    # «Sag 31:» items, each with its case number; «Sag 12:» in item 31's text has none
    text = _minutes("Forslag til strategi.\n\nSag 12: Trafikplan for bymidten", heading="Sag {n}: {title}")
    text = text.replace("Sag 1:", "Sag 31:").replace("Sag 2:", "Sag 32:").replace("Sag 3:", "Sag 33:")
    document = read_written(tmp_path, "referat.txt", text)
    assert _items(document) == [(31, "Parkeringsstrategi"), (32, "Vejbelysning"), (33, "Budgetopfølgning")]
    assert document.passages[0].decision == "Godkendt."


def test_reference_in_the_last_items_text_stays_text(tmp_path):
    document = read_written(tmp_path, "referat.txt", _minutes(
        "Forslag til strategi.", "Se også tidligere behandling:\n7. Budget 2025 (Økonomiudvalget 3. februar 2025)"))
    assert [p.item_number for p in document.passages] == [1, 2, 3]
    assert document.passages[-1].decision == "Taget til efterretning."


# --- Near misses: items that break no sequence, or are printed as items are --------------------------------


def test_items_numbered_from_31_in_the_year():
    document = read_fixture(FIXTURES / "layouts11", "lindved-boerne-og-skoleudvalget-dagsorden-2025-04-07.md")
    assert [p.item_number for p in document.passages] == [31, 32, 33, 34, 35]


@pytest.mark.parametrize("numbers", [(1, 2, 3, 5, 6), (1, 2, 6, 7), (1, 3, 4), (1, 2, 4)])
def test_items_with_numbers_left_out_keep_them(tmp_path, numbers):
    # «4 udgik», closed items not printed: a gap in the numbers is no reference
    text = _HEAD + "".join(f"{n}. Sag nummer {n}\nSagsnr.: 24/10{n:02d}\n\nSagens indhold\nTekst.\n\n"
                           "Beslutning\nGodkendt.\n\n" for n in numbers)
    assert [p.item_number for p in read_written(tmp_path, "referat.txt", text).passages] == list(numbers)


def test_eventuelt_after_a_closed_item_left_out_stays_an_item(tmp_path):
    # the last item, numbered past a closed item not printed, has no case number of its own
    text = _minutes("Forslag til strategi.") + "5. Eventuelt\n\nBeslutning\nIntet.\n"
    document = read_written(tmp_path, "referat.txt", text)
    assert _items(document)[-1] == (5, "Eventuelt")
    assert "Intet." in document.passages[-1].text


@pytest.mark.parametrize("labels", [("4", "4.1", "4.2", "5"), ("3", "3a", "4")])
def test_sub_items_keep_their_numbers(tmp_path, labels):
    text = _HEAD + "".join(f"{label} Sag {label}\nSagsnr.: 24/10{k}\n\nSagens indhold\nTekst.\n\n"
                           "Beslutning\nGodkendt.\n\n" for k, label in enumerate(labels))
    document = read_written(tmp_path, "referat.txt", text)
    assert [p.title for p in document.passages] == [f"Sag {label}" for label in labels]


_MEETING = "".join(f"{n}. Sag nummer {n}\nSagsnr.: 24/10{n:02d}\n\nSagens indhold\nTekst.\n\nBeslutning\nGodkendt.\n\n"
                   for n in (1, 2, 3))


def test_two_meetings_in_one_file_keep_their_items_and_the_note(tmp_path):
    meeting = _MEETING
    document = read_written(tmp_path, "referat.txt", _HEAD + meeting + "Mødedato: 9.04.2025\n\n" + meeting)
    assert [p.item_number for p in document.passages] == [1, 2, 3, 1, 2, 3]
    assert any("nummereringen begynder forfra" in note for note in document.notices)


def test_second_meeting_of_one_item_keeps_it_and_the_note(tmp_path):
    meeting = _MEETING
    second = "1. Valg af formand\nSagsnr.: 25/0001\n\nSagens indhold\nTekst.\n\nBeslutning\nGodkendt.\n"
    document = read_written(tmp_path, "referat.txt", _HEAD + meeting + second)
    assert [p.item_number for p in document.passages] == [1, 2, 3, 1]
    assert any("nummereringen begynder forfra" in note for note in document.notices)


def test_agenda_with_punkt_headings_in_order(tmp_path):
    text = ("Ravnby Kommune\nØkonomiudvalget\nDagsorden\nMødedato: 12.03.2025\n\n"
            + "".join(f"Punkt {n}: Sag nummer {n}\nSagsnr.: 24/10{n}\n\nSagens indhold\nTekst.\n\n"
                      "Indstilling\nDirektionen indstiller, at sagen godkendes.\n\n" for n in (12, 13, 14)))
    assert [p.item_number for p in read_written(tmp_path, "dagsorden.txt", text).passages] == [12, 13, 14]


def test_misnumbered_item_printed_as_the_items_stays_an_item(tmp_path):
    # its own form, paragraph and case number: an item, whatever its number; its text is not lost
    text = _minutes("Forslag til strategi.").replace("2. Vejbelysning", "12. Vejbelysning")
    document = read_written(tmp_path, "referat.txt", text)
    assert _items(document) == [(1, "Parkeringsstrategi"), (12, "Vejbelysning"), (3, "Budgetopfølgning")]
    assert document.passages[1].decision == "Anbefales."


# --- Code review 28: a last item numbered out of sequence, printed as an item is, stays an item -----------


@pytest.mark.parametrize("name, number, closed", [
    ("ravnby-lukket-dagsorden-punkt-8.txt", 8, True),            # «LUKKET DAGSORDEN» right above
    ("ravnby-tillaegsdagsorden-punkt-20.txt", 20, False),        # «Tillægsdagsorden:» right above
    ("ravnby-lukkede-punkter-punkt-20.txt", 20, True),           # «Lukkede punkter» right above
    ("ravnby-tillaegsdagsorden-afsnit-punkt-20.txt", 20, False),  # the header a paragraph of its own
])
def test_last_item_under_a_group_header_is_an_item(name, number, closed):
    document = read(name)
    assert _items(document) == [(1, "Godkendelse af dagsorden"), (2, "Parkeringsstrategi"),
                                (3, "Budgetopfølgning"), (number, "Salg af areal ved Havnevej")]
    third, last = document.passages[2:]
    assert third.decision == "Taget til efterretning."
    assert "Havnevej" not in third.text
    assert last.decision == "Godkendt."
    assert last.case_number == "24/9999"
    assert last.closed is closed
    assert not document.notices


@pytest.mark.parametrize("name, numbers", [
    ("ravnby-punkt-3-og-4-udgik.txt", [1, 2, 5, 6]),
    ("ravnby-punkt-1-5-og-20-21.txt", [1, 2, 3, 4, 5, 20, 21]),
    ("ravnby-punkt-4-behandlet-sidst.txt", [1, 2, 3, 5, 6, 4]),
])
def test_review_28_minutes_with_gaps_and_an_item_printed_last_keep_their_items(name, numbers):
    document = read(name)
    assert [p.item_number for p in document.passages] == numbers
    assert all(p.decision for p in document.passages if p.title != "Eventuelt")


@pytest.mark.parametrize("header", ["LUKKET DAGSORDEN", "Tillægsdagsorden:", "Supplerende punkter",
                                    "Supplerende punkter:", "LUKKEDE SAGER"])
def test_last_item_without_case_number_under_a_group_header_is_an_item(tmp_path, header):
    # no field lines as its neighbours have: the header above, not the item's text, sets it apart
    text = _minutes("Forslag til strategi.") + f"{header}\n8. Salg af areal ved Havnevej\n\nBeslutning\nGodkendt.\n"
    document = read_written(tmp_path, "referat.txt", text)
    assert _items(document)[-1] == (8, "Salg af areal ved Havnevej")
    assert document.passages[2].decision.startswith("Taget til efterretning.")
    assert "Havnevej" not in document.passages[2].text
    assert document.passages[-1].decision == "Godkendt."


def test_last_item_with_its_case_number_right_under_a_line_of_text_is_an_item(tmp_path):
    # its field lines and «Sagens indhold» as its neighbours have: no reference, though a line is above it
    text = (_minutes("Forslag til strategi.") + "Punktet blev behandlet efter pausen.\n"
            "8. Salg af areal ved Havnevej\nSagsnr.: 24/9999\n\nSagens indhold\nBud modtaget.\n\n"
            "Beslutning\nGodkendt.\n")
    document = read_written(tmp_path, "referat.txt", text)
    assert _items(document)[-1] == (8, "Salg af areal ved Havnevej")
    assert document.passages[-1].case_number == "24/9999"


@pytest.mark.parametrize("reference", [
    # announced by a sentence ending in «:», a paragraph of its own
    "Sagen hænger sammen med:\n\n12. Trafikplan for bymidten",
    # inside the decision's paragraph
    "Sagen ses i sammenhæng med\n12. Trafikplan for bymidten",
])
def test_reference_after_the_last_items_decision_stays_text(tmp_path, reference):
    text = _minutes("Forslag til strategi.").replace("Taget til efterretning.", "Taget til efterretning. " + reference)
    document = read_written(tmp_path, "referat.txt", text)
    assert [p.item_number for p in document.passages] == [1, 2, 3]
    assert "12. Trafikplan for bymidten" in document.passages[-1].text
