"""Code review 35 of the sweep fixes (f4b786a), each in the reviewer's file (tests/fixtures/codereview35/)
or a small text written here.

The findings: an attachment list right above the next item's heading took that heading as its last
entry («Bilag» / «1. Dagsorden» / «2. Kloakering af Havnevej» / «Sagsnr.: 25/2»: item 2 lost into item 1);
a heading printed again was joined to the item above it even where another meeting or the meeting's
closed part came between (two meetings' «1. Godkendelse af dagsorden», «2. Eventuelt» open and closed);
a council named beside a town in the head outweighed the head's own «X Kommune», and a guest's, a joint
meeting's or a partner's council named the municipality; and «Vejle Børne- og Ungeråd» became
«Børne- og ungerådet» beside the head's «Børne- og Ungerådet»: two facet values for one council.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written
from indexer.councils import council_of, municipality_of

FOLDER = FIXTURES / "codereview35"
read = partial(read_fixture, FOLDER)

_HEAD = "Ravnby Kommune\nReferat\nÆldrerådet\nMødedato: 12. marts 2025\n\n"


# --- 1. an attachment list right above the next item's heading ----------------------------------


def test_the_next_item_under_an_attachment_list_is_an_item():
    """«Bilag» / «1. Dagsorden» / «2. Kloakering af Havnevej» / «Sagsnr.: 25/2»: item 2 with its case
    number and decision, not the last attachment of item 1."""
    items = read("ravnby-teknik-referat-bilagsliste-over-naeste-punkt.txt").passages
    assert [(p.item_number, p.title, p.case_number, p.decision) for p in items] == [
        (1, "Godkendelse af dagsorden", "25/1", "Godkendt."),
        (2, "Kloakering af Havnevej", "25/2", "Godkendt."),
        (3, "Vintertjeneste", "25/3", "Taget til efterretning.")]
    assert items[0].text.endswith("1. Dagsorden") and "Kloakering" not in items[0].text


def test_the_last_item_under_a_longer_attachment_list_is_an_item():
    """«Bilag» / «1. Lokalplanforslag» / «2. Miljøscreening» / «3. Vintertjeneste 2025/26» / «Sagsnr.: 25/3»:
    item 3, its decision no part of item 2's."""
    items = read("ravnby-teknik-referat-bilagsliste-over-sidste-punkt.txt").passages
    assert [(p.item_number, p.title, p.case_number) for p in items] == [
        (1, "Godkendelse af dagsorden", "25/1"), (2, "Lokalplan for Havnevej", "25/2"), (3, "Vintertjeneste 2025/26", "25/3")]
    assert items[1].decision == "Godkendt." and items[2].decision == "Taget til efterretning."
    assert items[1].text.endswith("2. Miljøscreening")


def test_an_entry_numbered_as_the_next_item_stays_an_attachment_where_that_item_follows(tmp_path):
    """«3. Høringsnotat» with item 2's fields right under it (no blank line) is still item 2's attachment:
    «3. Vintertjeneste» further down is item 3."""
    text = (_HEAD + "1. Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n\n2. Lokalplan for Havnevej\n\n"
            "Beslutning\nGodkendt.\n\nBilag\n1. Lokalplanforslag\n2. Miljøscreening\n3. Høringsnotat\n"
            "Sagsbehandler: Louise Brandt\nSagsnr.: 25/2\n\n3. Vintertjeneste\nSagsnr.: 25/3\n\n"
            "Beslutning\nTaget til efterretning.\n")
    items = read_written(tmp_path, "ravnby-aeldreraad-referat-2025-03-12.txt", text).passages
    assert [(p.item_number, p.title) for p in items] == [
        (1, "Godkendelse af dagsorden"), (2, "Lokalplan for Havnevej"), (3, "Vintertjeneste")]
    assert "3. Høringsnotat" in items[1].text and items[2].case_number == "25/3"


# --- 2. the same heading twice, with another meeting or the closed part between ----------------


def test_two_meetings_first_items_in_one_file_stay_two_items():
    """«Ekstraordinært møde kl. 15.00» / «1. Godkendelse af dagsorden» … «Ordinært møde kl. 16.00» /
    «1. Godkendelse af dagsorden»: two items, each with its own decision."""
    items = read("ravnby-aeldreraad-referat-to-moeder-i-en-fil.txt").passages
    assert [p.item_number for p in items] == [1, 1, 2]
    assert items[1].decision == "Godkendt med tilføjelse af punkt om busruter."
    assert "busruter" not in items[0].decision


def test_an_item_open_and_again_after_lukket_moede_stays_two_items():
    """«2. Eventuelt» / «Intet.» then «Lukket møde» / «2. Eventuelt» / «Drøftet.»: the closed one kept apart."""
    items = read("ravnby-byraadet-referat-eventuelt-aabent-og-lukket.txt").passages
    assert [(p.item_number, p.sections_by_key()["beslutning"], p.closed) for p in items] == [
        (1, "Godkendt.", False), (2, "Intet.", False), (2, "Drøftet.", True)]


def test_a_heading_again_on_the_next_page_without_case_number_continues_its_item(tmp_path):
    """Without a case number a page break tells it: «2. Ny busrute» / text / next page / «2. Ny busrute» /
    the rest and the decision, one item."""
    text = (_HEAD + "1. Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n\n2. Ny busrute\n\nSagsfremstilling\n"
            "Der er behov for en busrute.\n\f2. Ny busrute\n\nRuten koster 2 mio. kr.\n\nBeslutning\nGodkendt.\n")
    items = read_written(tmp_path, "ravnby-aeldreraad-referat-2025-03-12.txt", text).passages
    assert [p.item_number for p in items] == [1, 2]
    assert items[1].decision == "Godkendt." and "en busrute" in items[1].text and "2 mio. kr." in items[1].text


@pytest.mark.parametrize("between", ["\n\n", "\n\f"])
def test_the_same_heading_after_its_decision_without_case_number_is_another_item(tmp_path, between):
    """«2. Orientering» decided, then «2. Orientering» again with its own decision (on the same page or the
    next): two items, as printed."""
    text = (_HEAD + "1. Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n\n2. Orientering\n\nSagsfremstilling\n"
            "Formanden orienterede om budgettet.\n\nBeslutning\nTaget til efterretning." + between
            + "2. Orientering\n\nSagsfremstilling\nForvaltningen orienterede om ventelister.\n\nBeslutning\nDrøftet.\n")
    items = read_written(tmp_path, "ravnby-aeldreraad-referat-2025-03-12.txt", text).passages
    assert [(p.item_number, p.decision) for p in items] == [
        (1, "Godkendt."), (2, "Taget til efterretning."), (2, "Drøftet.")]


# --- 3. the municipality of a head naming other councils ----------------------------------------


@pytest.mark.parametrize("name, municipality", [
    # «Handicaprådet – Silkeborg Kommune» over «Gæst: Formand for Viborg Handicapråd, Jens Hansen»
    ("silkeborg-handicapraadet-referat-gaest-fra-viborg.txt", "Silkeborg"),
    # «Referat – Ældrerådet, Herning Kommune» over «Fællesmøde med Holstebro Ældreråd»
    ("herning-aeldreraadet-referat-faellesmoede-med-holstebro.txt", "Herning"),
    # «Fællesmøde med Ældrerådet i Holstebro» in the head, «Herning Kommune» twice in the text
    ("herning-aeldreraadet-referat-faellesmoede-uden-kommune.txt", "Herning"),
    # «Referat fra Ældrerådet i Vejle og Handicaprådet i Fredericia»: a joint meeting, not Fredericia's; Vejle's
    # by «Mødested: Vejle Rådhus» alone (layouts16: a town hall names its municipality)
    ("vejle-aeldreraad-referat-to-raad-og.txt", "Vejle"),
])
def test_a_guests_or_partners_council_names_no_municipality(name, municipality):
    items = read(name).passages
    assert {p.municipality for p in items} == {municipality}


@pytest.mark.parametrize("head", [
    ["Fællesmøde med Holstebro Ældreråd"], ["Gæst: Formand for Viborg Handicapråd, Jens Hansen"],
    ["Referat fra Ældrerådet i Vejle og Handicaprådet i Fredericia"], ["Vejle Ældreråd og Fredericia Handicapråd"],
])
def test_a_council_beside_a_town_not_on_the_title_line_names_no_municipality(head):
    assert municipality_of(head, []) is None


def test_the_heads_kommune_outweighs_a_council_beside_a_town():
    assert municipality_of(["Referat – Ældrerådet, Herning Kommune", "Fællesmøde med Holstebro Ældreråd"], []) == "Herning"


# --- 4. the council's name as printed ------------------------------------------------------------


def test_a_council_named_beside_its_town_keeps_its_printed_case():
    """«Vejle Børne- og Ungeråd» and «Børne- og Ungerådet» / «Vejle Kommune»: one council, one spelling."""
    named_by_town = read("vejle-boerne-og-ungeraad-referat.txt").passages
    named_alone = read("vejle-boerne-og-ungeraadet-kommune-referat.txt").passages
    assert {(p.municipality, p.council) for p in named_by_town} == {("Vejle", "Børne- og Ungerådet")}
    assert {(p.municipality, p.council) for p in named_alone} == {("Vejle", "Børne- og Ungerådet")}
    assert council_of(["VEJLE BØRNE- OG UNGERÅD"], []) == "Børne- og Ungerådet"


@pytest.mark.parametrize("title", [
    "Møde i Vejle Ungdomsråd", "Referat, Vejle Ungdomsråd", "Referat, Ungdomsrådet i Vejle",
    "Beslutningsreferat – Vejle Ungdomsråd", "Referat fra temamøde i Vejle Ungdomsråd",
    "Referat 3. marts 2025 – Vejle Ungdomsråd"])
def test_title_lines_of_other_shapes_still_name_the_municipality(title):
    # the title-line rule of code review 35 took none of these (code review 36)
    from indexer.councils import municipal_council

    assert municipal_council(title) == ("Vejle", "Ungdomsrådet")


# --- code review 36: the remaining misreadings (tests/fixtures/codereview36/) ----------------------

read36 = partial(read_fixture, FIXTURES / "codereview36")


def test_the_last_items_fields_under_its_attachment_list_are_its_own():
    """The last item ends «Bilag» / «1. Lokalplanforslag» / «2. Miljøscreening» / «3. Høringsnotat» /
    «Sagsnr.: 25/11» / «Sagsbehandler: Jens Hansen» (Copenhagen prints the fields after the list): no
    item 3 «Høringsnotat» taking them; item 2 has its case number and its attachments."""
    items = read36("koebenhavn-teknik-referat-felter-under-sidste-bilagsliste.txt").passages
    assert [(p.item_number, p.title, p.case_number) for p in items] == [
        (1, "Godkendelse af dagsorden", "25/10"), (2, "Lokalplan 1234 for boliger ved Skovvej", "25/11")]
    assert items[1].text.endswith("3. Høringsnotat") and "Sagsnr" not in items[1].text
    assert items[1].case_handler == "Jens Hansen"


def test_an_earlier_committees_decision_does_not_end_an_item_printed_again():
    """Item 2 «Beslutning i Økonomiudvalget den 12. marts 2025», a page break, «2. Trafikhandleplan
    2025-2028» again and «Beslutning i Byrådet …»: one item 2, the Byråd's decision its own."""
    items = read36("ravnby-byraadet-referat-punkt-gentaget-efter-oekonomiudvalget.txt").passages
    assert [(p.item_number, p.title) for p in items] == [
        (1, "Godkendelse af dagsorden"), (2, "Trafikhandleplan 2025-2028"), (3, "Eventuelt")]
    assert items[1].decision == "Godkendt. Enhedslisten stemte imod."
    assert items[1].sections_by_key()["tidligere_beslutning"] == "Indstillingen anbefales."


def test_an_appendix_numbered_anew_keeps_its_sections():
    """Chapters 1–3, then «Bilag 1: Rådets medlemmer» and «Bilag 2: Kommissorium …» with its own «1. Formål»
    / «2. Sammensætning» / «3. Tidsplan»: two appendices after the chapters, the sections their text."""
    items = read36("vejle-aeldreraad-aarsberetning-bilag-med-egne-afsnit.txt").passages
    assert [(p.item_number, p.title) for p in items] == [
        (1, "Indledning"), (2, "Høringssvar"), (3, "Økonomi"), (None, "Bilag 1: Rådets medlemmer"),
        (None, "Bilag 2: Kommissorium for arbejdsgruppen om demens")]
    assert "Rådets medlemmer" not in items[2].text and "Martin Krogh" in items[3].text
    assert "1. Formål" in items[4].text and "december 2025" in items[4].text
