"""Layouts review 15 (2026-12-05), items and their ends (files in tests/fixtures/layouts15_items/, copied
from the review).

The findings: Copenhagen's «Punkt 11 (2025-0991234)» with the title on the next line lost items and put the
case number in the title; prose minutes titled «Protokol» lost their last items; «Referent:», «Ref.:», a
signature or the body's address footer under the last item (with no decision) was read as that item's text.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_rewritten, read_written

LAYOUTS15 = FIXTURES / "layouts15_items"
read = partial(read_fixture, LAYOUTS15)

KK_SUNDHED = "koebenhavn-sundheds-og-omsorgsudvalget-referat-2026-03-12.txt"
GENTOFTE = "gentofte-handicapraadet-referat-2026-03-05.txt"
BISPEBJERG = "koebenhavn-bispebjerg-lokaludvalg-referat-2026-02-10.txt"
SKIVE = "skive-landdistriktsraadet-referat-2026-03-19.txt"


def _items(document) -> list[tuple[int | None, str, str | None]]:
    return [(p.item_number, p.title, p.case_number) for p in document.passages]


def _section(passage, key: str) -> str | None:
    return next((s.text for s in passage.sections if s.key == key), None)


# --- 1. «Punkt 11 (2025-0991234)» / title on the next line -------------------------------------------


def test_punkt_with_case_number_in_brackets_takes_its_title_from_the_next_line():
    document = read("koebenhavn-punkt-sagsnr-i-parentes.txt")
    assert _items(document) == [
        (11, "Forebyggelse af ensomhed blandt ældre – evaluering af besøgsvenner", "2025-0991234"),
        (12, "Høring om sundhedsråd", "2026-0012299"),
    ]
    assert not document.notices  # no item left out
    assert document.passages[0].decision == "Indstillingen blev godkendt."


def test_copenhagen_committee_minutes_every_item_titled_and_numbered():
    document = read(KK_SUNDHED)
    assert _items(document) == [
        (10, "Godkendelse af dagsorden", "2026-0034121"),
        (11, "Forebyggelse af ensomhed blandt ældre – evaluering af besøgsvenner", "2025-0991234"),
        (12, "Høring om Sundhedsstrukturreformen – sundhedsråd i Region Hovedstaden", "2026-0012299"),
        (13, "Lukket punkt", "2026-0040001"),
    ]
    # the title is no section of the item's text
    assert "tekst" not in [s.key for s in document.passages[1].sections]
    # «Lukket punkt» titles the closed item and marks it closed
    assert [p.closed for p in document.passages] == [False, False, False, True]
    assert document.passages[3].decision == "Godkendt."


def test_copenhagen_signature_under_an_item_is_no_part_of_it():
    item = read(KK_SUNDHED).passages[1]
    assert _section(item, "videre_proces") == "Budgetnotatet forelægges udvalget i maj 2026."
    assert "Jens Hansen" not in item.text and "Marie Lund" not in item.text


def test_a_bracket_without_a_case_number_gives_none(tmp_path):
    # «Punkt 4 (fortsat)» names no case: no case number from its bracket
    text = ("Københavns Kommune\nSocialudvalget\nREFERAT\nfra møde den 12. marts 2026\n\n"
            "Punkt 3 (2026-0012299)\nBudgetopfølgning\n\nBeslutning\nGodkendt.\n\n"
            "Punkt 4 (fortsat)\nBudgetopfølgning\n\nBeslutning\nTaget til efterretning.\n")
    document = read_written(tmp_path, "referat.txt", text)
    assert _items(document)[0] == (3, "Budgetopfølgning", "2026-0012299")
    assert [(p.item_number, p.case_number) for p in document.passages] == [(3, "2026-0012299"), (4, None)]


# --- 2. «Protokol» is a minutes word ------------------------------------------------------------------


def test_prose_minutes_titled_protokol_keep_all_their_items():
    document = read(GENTOFTE)
    assert [(p.item_number, p.title) for p in document.passages] == [
        (1, "Godkendelse af dagsorden"), (2, "Tilgængelighed på Gentofte Hovedbibliotek"),
        (3, "Høring: Kvalitetsstandard for hjælpemidler 2026"), (4, "Meddelelser"), (5, "Eventuelt")]
    assert "Meddelelser" not in document.passages[2].text
    assert document.passages[0].doc_type == "referat"
    assert document.passages[0].absent == ("Mikkel Holst", "Charlotte Weber")


@pytest.mark.parametrize("title", ["Mødeprotokol", "PROTOKOL", "Referat", "Beslutningsprotokol"])
def test_other_minutes_titles_read_alike(tmp_path, title):
    document = read_rewritten(LAYOUTS15, tmp_path, GENTOFTE, lambda t: t.replace("\nProtokol\n", f"\n{title}\n"))
    assert [p.item_number for p in document.passages] == [1, 2, 3, 4, 5]


# --- 3. the lines closing the minutes under the last item ---------------------------------------------


def test_minute_taker_under_the_last_item_is_no_text():
    eventuelt = read(GENTOFTE).passages[-1]
    assert eventuelt.text == "Intet."


def test_ref_abbreviated_names_the_minute_taker_and_fra_kommunen_names_staff():
    document = read(SKIVE)
    eventuelt = document.passages[-1]
    # «Næste møde: …» is all the item says: its text
    assert eventuelt.text == "Næste møde: 11. juni 2026 i Selde."
    assert document.passages[0].staff == ("Malene Riis",)


def test_minute_taker_only_under_the_last_item_fills_staff(tmp_path):
    document = read_rewritten(LAYOUTS15, tmp_path, SKIVE,
                              lambda t: t.replace("Fra kommunen: landdistriktskoordinator Malene Riis\n", ""))
    assert document.passages[0].staff == ("Malene Riis",)
    assert "Malene Riis" not in document.passages[-1].text


def test_address_footer_repeating_the_body_is_no_text():
    eventuelt = read(BISPEBJERG).passages[-1]
    assert (eventuelt.item_number, eventuelt.title) == (5, "Eventuelt")
    assert eventuelt.text == "Næste møde er den 10. marts 2026."


def test_closing_line_that_is_all_the_item_says_stays_its_text(tmp_path):
    # an «Eventuelt» of only «Referent: …» keeps it: nothing else tells what it held
    text = ("Gentofte Kommune\nHandicaprådet\n\nProtokol\n\nMøde torsdag den 5. marts 2026\n\n"
            "1. Godkendelse af dagsorden\nGodkendt.\n\n2. Meddelelser\nFormanden orienterede.\n\n"
            "3. Eventuelt\nReferent: Susanne Beck\n")
    document = read_written(tmp_path, "protokol.txt", text)
    assert document.passages[-1].text == "Referent: Susanne Beck"
