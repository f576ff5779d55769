"""Small councils' minutes (the metadata4 review of 2025-03): items with only prose under their
headings, a last item with one line of text, and the open and closed parts of a meeting.

An item with only prose under its heading ("1) Godkendelse af referat fra sidste møde" /
"Referatet blev godkendt.") has no anchor: it counts as one of the run of items 1 … N − 1 above
the first anchored item N, or, in minutes where no item has an anchor, as one of a run 1, 2, 3.
The last item's one line of text ("Punkt 2 Eventuelt" / "Ingen bemærkninger.") is its text, not
part of its title (nor of the decision before it). "Lukket møde", "Åbent møde", "Åben dagsorden"
alone on a line divide the meeting as "Lukkede punkter" does: no part of a decision, and the
closed part may number its items from 1 again.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written
from indexer.models import Line
from indexer.segment import segment

FOLDER = FIXTURES / "small_councils"
RANDERS = "randers-handicapraadet-referat-2025-03-03.txt"  # 1) prose, 2) anchored, 3) one line
AMAGER = "koebenhavn-amager-oest-lokaludvalg-referat-2025-03-06.txt"  # Pkt. 1 prose, Pkt. 2 anchored
AEROE = "aeroe-ungdomsraadet-referat-2025-03-04.txt"  # every item prose only
AALBORG = "aalborg-aeldreraadet-referat-2025-03-03.txt"  # Punkt 2 Eventuelt / Ingen bemærkninger.
VIBORG = "viborg-aeldreraadet-referat-2025-03-12.html"  # <h2>Pkt. 2 Eventuelt</h2><p>…</p>
AARHUS = "aarhus-oekonomiudvalget-referat-2025-03-03.txt"  # Lukket møde above Punkt 3.
SILKEBORG = "silkeborg-teknik-og-miljoeudvalget-referat-2025-03-03.txt"  # Lukket møde, then 1. again
GREVE = "greve-kommunalbestyrelsen-dagsorden-2025-03-17.txt"  # agenda, empty Beslutning, Lukket møde

read = partial(read_fixture, FOLDER)


def outline(document) -> list[tuple]:
    return [(p.doc_type, p.item_number, p.title) for p in document.passages]


def read_text(tmp_path, text: str, name: str = "referat.txt"):
    return read_written(tmp_path, name, text)


# --- Items with only prose under their headings -------------------------------------------------


def test_a_first_item_with_only_prose_under_it_is_an_item():
    document = read(RANDERS)
    assert outline(document) == [
        ("referat", 1, "Godkendelse af referat fra sidste møde"),
        ("referat", 2, "Tilgængelighed på nyt bibliotek"),
        ("referat", 3, "Eventuelt")]
    first, second, third = document.passages
    assert first.text == "Referatet blev godkendt."
    assert first.decision == "Referatet blev godkendt."  # prose saying what became of the item
    assert second.case_handler == "Anne Sand"
    assert second.decision == "Handicaprådet afgiver høringssvar som drøftet."
    assert third.text == "Intet."
    assert not document.notices


def test_a_pkt_item_with_only_prose_under_it_is_an_item():
    document = read(AMAGER)
    assert outline(document) == [
        ("referat", 1, "Valg af ordstyrer og referent"),
        ("referat", 2, "Puljeansøgninger")]
    assert document.passages[0].text == "Jens Vang blev valgt som ordstyrer."
    assert document.passages[1].case_number == "2025-0012345"
    assert document.passages[1].decision == "Lokaludvalget bevilger 25.000 kr. til Sundby Sommerfest."
    assert not document.notices


def test_a_run_of_prose_items_above_the_first_anchored_item_are_items(tmp_path):
    document = read_text(tmp_path, "Referat\nÆldrerådet\n\nPunkt 1: Godkendelse af dagsorden\nGodkendt.\n\n"
                                   "Punkt 2: Meddelelser\nFormanden orienterede.\n\n"
                                   "Punkt 3: Høring om madservice\nSagsnr.: 25/1\n\nBeslutning\nRådet afgiver høringssvar.\n")
    assert [(p.item_number, p.title, p.text) for p in document.passages] == [
        (1, "Godkendelse af dagsorden", "Godkendt."),
        (2, "Meddelelser", "Formanden orienterede."),
        (3, "Høring om madservice", "Rådet afgiver høringssvar.")]


def test_the_heads_agenda_list_is_not_the_first_item(tmp_path):
    # "1. Godkendelse af dagsorden" under «Dagsorden:» is a point of the list; item 1 is the one
    # nearest above item 2
    document = read_text(tmp_path, "Referat\nByrådet\n\nDagsorden:\n1. Godkendelse af dagsorden\n2. Budget\n\n"
                                   "1. Godkendelse af dagsorden\nGodkendt.\n\n"
                                   "2. Budget\nSagsnr.: 25/1\n\nBeslutning\nGodkendt.\n")
    assert [(p.item_number, p.title, p.text) for p in document.passages] == [
        (1, "Godkendelse af dagsorden", "Godkendt."), (2, "Budget", "Godkendt.")]
    assert document.passages[0].line == 8


def test_minutes_whose_items_all_have_only_prose_are_minutes_not_a_report():
    document = read(AEROE)
    assert outline(document) == [
        ("referat", 1, "Godkendelse af dagsorden"),
        ("referat", 2, "Ungdomsbudget 2025"),
        ("referat", 3, "Eventuelt")]
    assert [p.text for p in document.passages] == [
        "Dagsordenen blev godkendt uden bemærkninger.",
        "Rådet drøftede fordelingen af de 50.000 kr. Der afsættes 20.000 kr. til skatepark.",
        "Næste møde er 1. april."]
    assert document.meeting_date == "2025-03-04"


def test_a_numbered_list_in_a_prose_item_stays_its_text(tmp_path):
    # the points of a list, each a paragraph, number from 1 again: below item 2's number, not items
    document = read_text(tmp_path, "Ungdomsrådet\nReferat fra møde den 4. marts 2025\n\n"
                                   "1. Godkendelse af dagsorden\nGodkendt.\n\n"
                                   "2. Ungdomsbudget 2025\nRådet fordelte pengene således:\n\n"
                                   "1. Skatepark\n\n2. Koncert i parken\nBeløbene udbetales i maj.\n\n"
                                   "3. Eventuelt\nIntet.\n")
    assert [(p.item_number, p.title) for p in document.passages] == [
        (1, "Godkendelse af dagsorden"), (2, "Ungdomsbudget 2025"), (3, "Eventuelt")]
    assert "2. Koncert i parken" in document.passages[1].text


def test_numbered_chapters_of_an_annual_report_stay_its_sections():
    # only a document calling itself minutes or an agenda takes a run of numbered paragraphs as items
    body = ["", "1. Indledning", "Rådet har holdt seks møder i 2024.", "", "2. Rådets arbejde",
            "Rådet har arbejdet med skateparken.", "", "3. Økonomi", "Rådet har brugt 40.000 kr."]
    lines = lambda title: [Line(text, 1, k) for k, text in enumerate([title, *body], 1)]  # noqa: E731
    assert segment(lines("Ungdomsrådets årsberetning 2024")).kind == "report"
    minutes = segment(lines("Referat fra møde den 4. marts 2025"))
    assert minutes.kind == "minutes"
    assert [(item.number, item.title) for item in minutes.items] == [
        (1, "Indledning"), (2, "Rådets arbejde"), (3, "Økonomi")]


def test_a_numbered_paragraph_in_the_head_without_a_run_to_the_first_item_is_noted(tmp_path):
    # item 2 not printed (closed): "1." is no run 1 … 2 above item 3, so it stays in the head, noted
    document = read_text(tmp_path, "Referat\nHandicaprådet\n\n1. Godkendelse af referat\nReferatet blev godkendt.\n\n"
                                   "3. Tilgængelighed på biblioteket\nSagsbehandler: Anne Sand\n\n"
                                   "Beslutning\nGodkendt.\n")
    assert [p.item_number for p in document.passages] == [3]
    assert any("har en nummereret overskrift uden sagsnummer" in n and "linje 4" in n for n in document.notices)


# --- The last item's one line of text ----------------------------------------------------------


def test_the_last_items_one_line_of_text_is_its_text_not_the_decision_before():
    document = read(AALBORG)
    assert outline(document) == [
        ("referat", 1, "Madservice til hjemmeboende ældre"),
        ("referat", 2, "Eventuelt")]
    assert document.passages[0].decision == "Ældrerådet anbefaler standarden med bemærkninger om valgfrihed."
    assert document.passages[1].text == "Ingen bemærkninger."
    assert not document.passages[1].has_decision


def test_the_last_items_paragraph_in_html_is_its_text():
    document = read(VIBORG)
    assert outline(document) == [
        ("referat", 1, "Høring om kvalitetsstandard for rehabilitering"),
        ("referat", 2, "Eventuelt")]
    assert document.passages[0].decision == "Ældrerådet tilslutter sig forslaget."
    assert document.passages[1].text == "Næste møde holdes 9. april 2025."


def test_a_point_the_decision_announces_stays_in_the_decision(tmp_path):
    document = read_text(tmp_path, "Referat\nByrådet\n\n1. Budget 2026\nSagsnr.: 25/1\n\n"
                                   "Beslutning\nGodkendt med denne ændring:\n\n2. Tidsplanen rettes\nAfsnittet om økonomi udgår.\n")
    assert [(p.item_number, p.title) for p in document.passages] == [(1, "Budget 2026")]
    assert document.passages[0].decision.endswith("2. Tidsplanen rettes\nAfsnittet om økonomi udgår.")


# --- Open and closed parts of a meeting ----------------------------------------------------------


def test_lukket_moede_is_no_part_of_the_decision_before_it():
    document = read(AARHUS)
    assert [p.item_number for p in document.passages] == [1, 2, 3]
    assert document.passages[1].decision == "Taget til efterretning."
    assert all("Lukket møde" not in p.text and "Åbent møde" not in p.text for p in document.passages)


def test_an_agendas_closed_part_makes_it_no_minutes():
    document = read(GREVE)
    assert outline(document) == [
        ("dagsorden", 1, "Godkendelse af dagsorden"),
        ("dagsorden", 2, "Takstblad for Greve Bibliotek 2025"),
        ("dagsorden", 3, "Personalesag")]
    assert not any(p.has_decision for p in document.passages)
    assert all("Lukket møde" not in p.text for p in document.passages)


def test_items_numbered_from_1_again_after_lukket_moede_are_one_meeting():
    document = read(SILKEBORG)
    assert [(p.item_number, p.title) for p in document.passages] == [
        (1, "Lokalplan nr. 142 for boligområde ved Søholt"),
        (2, "Vintertjeneste 2024/25 - status"),
        (1, "Ekspropriation til cykelsti")]
    assert document.passages[1].decision == "Taget til efterretning."
    assert document.passages[2].decision == "Indstilling godkendt."
    assert not [n for n in document.notices if "begynder forfra" in n]
    assert len({p.id for p in document.passages}) == 3


def test_a_repeated_item_under_the_closed_part_gets_its_own_id(tmp_path):
    document = read_text(tmp_path, "Referat\nByrådet\n\nÅben dagsorden\n\n1. Godkendelse af dagsorden\nSagsnr.: 25/1\n\n"
                                   "Beslutning\nGodkendt.\n\nLukket dagsorden\n\n1. Godkendelse af dagsorden\n"
                                   "Sagsnr.: 25/2\n\nBeslutning\nGodkendt.\n")
    assert [p.item_number for p in document.passages] == [1, 1]
    assert [p.decision for p in document.passages] == ["Godkendt.", "Godkendt."]
    assert len({p.id for p in document.passages}) == 2
    assert not [n for n in document.notices if "begynder forfra" in n]


def test_numbering_from_1_again_without_a_divider_is_still_noted(tmp_path):
    document = read_text(tmp_path, "Referat\nByrådet\n\n1. Budget\nSagsnr.: 25/1\n\nBeslutning\nGodkendt.\n\n"
                                   "2. Lokalplan 12\nSagsnr.: 25/2\n\nBeslutning\nGodkendt.\n\n"
                                   "1. Takster\nSagsnr.: 25/3\n\nBeslutning\nGodkendt.\n")
    assert [p.item_number for p in document.passages] == [1, 2, 1]
    assert any("begynder forfra med punkt 1" in n for n in document.notices)


def test_a_numbered_list_in_the_first_items_text_is_no_run_of_items(tmp_path):
    # «1. Godkendelse» / «1. Skatepark» / «2. Koncert» / «2. Ungdomsbudget» / «3. Eventuelt»: the list's
    # points were taken for the items and the first item's text was lost (a code review)
    document = read_text(tmp_path, "Ungdomsrådet\nReferat fra møde den 4. marts 2025\n\n"
                                   "1. Godkendelse af dagsorden\nDagsordenen blev godkendt med to nye punkter.\n\n"
                                   "1. Skatepark ved hallen\nRådet støtter forslaget.\n\n"
                                   "2. Koncert i juni\nRådet vil hjælpe med planlægningen.\n\n"
                                   "2. Ungdomsbudget 2025\nRådet fordelte puljen som foreslået.\n\n3. Eventuelt\nIntet.\n")
    said = "\n".join(f"{p.title}\n{p.text}" for p in document.passages)
    for line in ("Dagsordenen blev godkendt med to nye punkter.", "Rådet støtter forslaget.",
                 "Rådet fordelte puljen som foreslået.", "Intet."):
        assert line in said, line  # nothing lost
    assert "Skatepark ved hallen" not in [p.title for p in document.passages]


def test_an_items_prose_saying_what_became_of_it_is_its_decision():
    # «Referatet blev godkendt.» was «Ingen beslutning registreret» and left out of «Kun beslutninger»
    first = read(RANDERS).passages[0]
    assert first.has_decision and first.decision == "Referatet blev godkendt."
    assert first.sections[0].key == "beslutning"
    amager = read("koebenhavn-amager-oest-lokaludvalg-referat-2025-03-06.txt")
    assert amager.passages[0].decision == "Jens Vang blev valgt som ordstyrer."


def test_prose_that_recommends_or_tells_is_no_decision(tmp_path):
    document = read_text(tmp_path, "Ældrerådet\nDagsorden\n\n1. Godkendelse af referat\nDet indstilles, at referatet godkendes.\n\n"
                                   "2. Meddelelser\nFormanden orienterede om messen.\n\n3. Eventuelt\nIntet.\n")
    assert [p.has_decision for p in document.passages] == [False, False, False]


# --- the layouts9 review: outcomes written as the council's own sentence ---------------------------

_LOKALRAAD = ("Sønderho Lokalråd\nReferat af møde tirsdag d. 10. september 2024 kl. 19.00\n\n"
              "1) Godkendelse af referat\n{0}\n\n2) Trafiksikkerhed\nDer er målt høj fart på Landevejen.\n\n{1}\n\n"
              "3) Eventuelt\nIntet.\n")


@pytest.mark.parametrize("outcome", [
    "Det blev besluttet at skrive til Teknisk Udvalg.",
    "Lokalrådet besluttede at søge 75.000 kr.",
    "Bestyrelsen godkendte regnskabet.",
    "Bestyrelsen godkendte årsrapporten.",  # an item's word, not the title of an annual report
    "Rådet vedtog at rette henvendelse til kommunen.",
    "Udvalget tog orienteringen om hastighedsmålingerne til efterretning.",
])
def test_a_prose_items_last_sentence_naming_the_council_deciding_is_its_decision(tmp_path, outcome):
    items = read_written(tmp_path, "soenderho.txt", _LOKALRAAD.format("Referatet godkendt.", outcome)).passages
    assert [p.decision for p in items[:2]] == ["Referatet godkendt.", outcome]
    assert "Der er målt høj fart" in items[1].text and items[1].text.count(outcome) == 1


@pytest.mark.parametrize("story", [
    "Kommunen godkendte i 2023 en trafikplan for vejen.",  # someone else deciding: the item's story
    "Karen besluttede at undersøge sagen nærmere.",
    "Lokalrådet bakker op om ansøgningen.",
])
def test_a_prose_items_last_sentence_about_others_stays_its_text(tmp_path, story):
    items = read_written(tmp_path, "soenderho.txt", _LOKALRAAD.format("Referatet blev godkendt.", story)).passages
    assert not items[1].has_decision and story in items[1].text


def test_an_outcome_on_the_last_line_under_the_account_is_the_decision_not_the_account(tmp_path):
    # a news review: «Revisor gennemgik regnskabet.» / «Bestyrelsen godkendte årsrapporten.» in one
    # paragraph was no decision, and «Der er målt …» / «Det blev besluttet …» made both the decision
    text = _LOKALRAAD.format("Referatet godkendt.", "Revisor gennemgik regnskabet.\nBestyrelsen godkendte årsrapporten.")
    items = read_written(tmp_path, "soenderho.txt", text).passages
    assert items[1].decision == "Bestyrelsen godkendte årsrapporten."
    assert "Revisor gennemgik regnskabet." in items[1].text
    text = _LOKALRAAD.format("Referatet godkendt.", "Der er målt høj fart.\nDet blev besluttet at skrive til kommunen.")
    assert read_written(tmp_path, "soenderho2.txt", text).passages[1].decision == "Det blev besluttet at skrive til kommunen."
