"""A code review of the day's segmentation rules (2026-12-05) built minutes and a report where
each new rule misfired; the texts are in tests/fixtures/codereview11/ (copied from the review)."""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture

read = partial(read_fixture, FIXTURES / "codereview11")


def test_a_decision_that_reads_til_efterretning_is_a_decision_not_a_group_header():
    document = read("a_purpose_2025-03-10.txt")
    decided = {p.item_number: p.decision for p in document.passages}
    assert decided[2] == "Til efterretning" and decided[3] == "Til orientering"


def test_a_committees_recommendation_and_the_councils_decision_of_one_day_stay_apart():
    (item,) = [p for p in read("b_byraad_2025-03-10.txt").passages if p.item_number == 2]
    assert item.decision.startswith("Forkastet.") and "Anbefales" not in item.decision
    assert any(s.key == "tidligere_beslutning" and s.text.startswith("Anbefales.") for s in item.sections)


def test_staff_with_name_particles_are_kept_and_staff_from_the_administration_are_not_members():
    staff = read("c_staff_2025-03-10.txt").passages[0]
    assert list(staff.present) == ["Karen Bisgaard", "Mads Ørum", "Lise Thorsen"]
    assert list(staff.staff) == ["Anne Hansen", "Jens von Holstein", "Maria de Jong", "Ahmad bin Said"]
    assert read("e_deltagere_2025-03-10.txt").passages[0].present == staff.present


def test_a_status_table_inside_an_item_is_its_text_not_items():
    document = read("f_table_2025-03-10.txt")
    assert [p.item_number for p in document.passages] == [1, 2, 3]
    assert document.passages[1].decision.startswith("Godkendt.") and "Sprogcafé" in document.passages[1].text
    assert not any("begynder forfra" in note for note in document.notices)


def test_a_quoted_letters_greeting_is_no_signature_of_the_report():
    document = read("h_strandby-integrationsraadet-aarsberetning-2023.txt")
    assert any("Byrådet vedtog modellen uændret den 12. december 2024" in p.text for p in document.passages)


# --- a second code review (codereview12): the report and HTML rules of the same day ------------------

read12 = partial(read_fixture, FIXTURES / "codereview12")


def _items(name: str) -> list[tuple[int | None, str]]:
    return [(p.item_number, p.title) for p in read12(name).passages]


def test_an_accordion_panel_its_style_opens_is_read_and_the_items_keep_their_decisions():
    """«.punkt-tekst{display:none} .punkt.aaben .punkt-tekst{display:block}»: every item's text was dropped."""
    assert [p.has_decision for p in read12("h1.html").passages] == [True, True]


def test_a_numbered_list_of_paragraphs_in_an_item_makes_no_items():
    assert _items("h8.html") == [(1, "Godkendelse af dagsorden"), (2, "Budgetopfølgning"), (3, "Eventuelt")]
    assert read12("h8.html").passages[1].decision == "Godkendt som indstillet."


def test_content_classes_named_like_danish_chrome_are_read():
    assert [n for n, _ in _items("h5.html")] == [1, 2, 3]  # «punkt social», «bund» around an item
    assert [n for n, _ in _items("h10.html")] == [1, 2]  # the page's «delside»


def test_an_agenda_about_the_annual_report_is_an_agenda():
    assert {p.doc_type for p in read12("a1.txt").passages} == {"dagsorden"}


def test_report_headings_with_abbreviations_and_under_a_prose_line_naming_the_report_are_sections():
    assert [t for _, t in _items("r4.txt")] == ["Indledning", "Høringssvar vedr. Budget 2025",
                                                 "Samarbejde inkl. Ældrerådet", "Økonomi"]
    assert [t for _, t in _items("r5.txt")] == ["Forord", "Rådets møder", "Økonomi"]


def test_a_lead_in_sentence_over_a_list_is_no_section():
    assert [t for _, t in _items("r1.txt")] == ["Rådets arbejde", "Økonomi", "Valg til ældrerådet"]


def test_the_last_point_of_a_list_in_the_last_item_above_a_signature_is_no_item():
    assert [n for n, _ in _items("m5.txt")] == [1, 2]
    assert "Tidsplan for budget 2026" in read12("m5.txt").passages[1].decision


def test_the_last_point_of_a_list_in_the_last_decision_above_a_signature_is_no_item(tmp_path):
    # code review 13: «3. Tilgængelighed» after «1. …» / «2. …», each point with a sentence under it,
    # and a signature closing the file became item 3 (the guard looked only at the line above it)
    from conftest import read_written

    text = ("Referat\n\nHandicaprådet\n\nMødedato: 12. marts 2024\n\n1. Godkendelse af dagsorden\n\nBeslutning:\n"
            "Godkendt.\n\n2. Høringssvar til budget 2025\n\nBeslutning:\nRådet afgav høringssvar med tre ønsker:\n\n"
            "1. Bedre transport\nRådet ønsker flere busser til de små byer.\n\n2. Flere hjælpemidler\n"
            "Rådet ønsker kortere ventetid på hjælpemidler.\n\n3. Tilgængelighed\nRådet ønsker ramper ved alle "
            "skoler og et bedre\ntilbud til kørestolsbrugere i hallerne\n\nMette Hansen\n")
    items = read_written(tmp_path, "handicapraadet.txt", text).passages
    assert [p.item_number for p in items] == [1, 2]
    assert "3. Tilgængelighed" in items[1].decision and "ramper ved alle skoler" in items[1].decision


# --- code review 14 (2026-12-05): today's rules misfiring on ordinary minutes ----------------------

@pytest.mark.parametrize("line", ["Personale / Arbejdsmiljø", "Kommunikation / Presse", "Tid / Emne / Ansvarlig",
                                  "Økonomi / Personale: Udgiften afholdes inden for rammen."])
def test_a_danish_line_with_slashes_is_no_label_in_several_languages(line):
    from indexer.parallel_languages import danish_wording

    assert danish_wording(line) == line


def test_a_title_with_a_slash_under_its_number_stays_the_items_title(tmp_path):
    from conftest import read_written

    text = ("Ravnby Kommune\nHovedudvalget\nReferat\nMødedato: 11.02.2025\n\nPkt. 1\nGodkendelse af dagsorden\n\n"
            "Beslutning:\nGodkendt.\n\nPkt. 2\nPersonale / Arbejdsmiljø\n\nSagsfremstilling:\nTrivselsmålingen er "
            "gennemført.\n\nBeslutning:\nTaget til efterretning.\n")
    items = read_written(tmp_path, "hovedudvalget.txt", text).passages
    assert [(p.item_number, p.title, p.decision) for p in items] == [
        (1, "Godkendelse af dagsorden", "Godkendt."), (2, "Personale / Arbejdsmiljø", "Taget til efterretning.")]


_LOKALRAAD = ("{0} fra møde i Egebæk Lokalråd\nMødedato: 12. marts 2025\n\n1. Godkendelse af dagsorden\n\n"
              "Dagsordenen er udsendt med indkaldelsen.\n\n2. Cykelsti langs Skolevej\n\nPer orienterer om status.\n\n"
              "{1}\n\n3. Eventuelt\n\nPunktet er åbent for alle.\n")


@pytest.mark.parametrize("story", ["Byrådet besluttede i 2022 at afsætte 3 mio. kr. til cykelstien.",
                                   "Byrådet besluttede at afsætte 3 mio. kr. til cykelstien.",
                                   "Lokalrådet godkendte sidste år et budget på 40.000 kr.",
                                   "Bestyrelsen godkendte tidligere et budget på 40.000 kr."])
def test_another_councils_or_an_earlier_decision_told_in_an_item_is_no_decision(tmp_path, story):
    from conftest import read_written

    minutes = read_written(tmp_path, "referat.txt", _LOKALRAAD.format("Referat", story)).passages
    assert not minutes[1].has_decision and story in minutes[1].text
    agenda = read_written(tmp_path, "dagsorden.txt", _LOKALRAAD.format("Dagsorden til møde", story).replace(
        "Dagsorden til møde fra møde", "Dagsorden til møde")).passages
    assert agenda[0].doc_type == "dagsorden" and not any(p.has_decision for p in agenda)


def test_a_case_handler_for_all_items_must_be_a_name(tmp_path):
    from conftest import read_written

    text = ("Ravnby Kommune\nTeknikudvalget\nReferat\nMødedato: 10.03.2025\n\nSagsbehandler for alle sager: se under "
            "de enkelte punkter\n\n1. Budget\nBeslutning:\nGodkendt.\n\n2. Vejnavne\nSagsbehandler: Mette Krogh\n"
            "Beslutning:\nGodkendt.\n")
    items = read_written(tmp_path, "teknik.txt", text).passages
    assert [p.case_handler for p in items] == [None, "Mette Krogh"]


def test_a_period_of_years_in_the_head_is_no_meeting_date(tmp_path):
    from conftest import read_written
    from indexer.dates import find_dates

    assert find_dates("Lejeaftale for perioden 01.01.2025-31.12.2029") == []
    text = "Ravnby Kommune\nØkonomiudvalget\nLejeaftale for perioden 01.01.2025-31.12.2029\n\n1. Lejeaftale\nBeslutning:\nGodkendt.\n"
    assert read_written(tmp_path, "leje.txt", text).passages[0].meeting_date is None


# --- code review 15 (2026-12-05): the narrowed rules of reviews 13 and 14 ---------------------------

CR15 = FIXTURES / "codereview15"


@pytest.mark.parametrize("council, outcome", [
    ("Egebæk Lokalråd", "Lokalrådet godkendte, at arbejdet udføres i 2026."),
    ("Egebæk Lokalråd", "Lokalrådet godkendte forslaget med de tidligere nævnte ændringer."),
    ("Egebæk Lokalråd", "Forslaget blev godkendt, så anlægget kan stå færdigt i 2026."),
    # a body named as the subject decides in its own minutes only (code review 32)
    ("Egebæk Bydelsråd", "Bydelsrådet besluttede at søge 75.000 kr. til cykelstien."),
    ("Byggeudvalget", "Byggeudvalget godkendte tilbuddet fra Hansen Byg.")])
def test_a_decision_naming_a_year_or_a_council_starting_by_by_is_still_a_decision(tmp_path, council, outcome):
    from conftest import read_written

    text = _LOKALRAAD.format("Referat", outcome).replace("Egebæk Lokalråd", council)
    items = read_written(tmp_path, "referat.txt", text).passages
    assert items[1].decision == outcome


def test_a_board_title_after_a_dash_or_colon_is_a_board_meeting():
    item = read_fixture(CR15, "board-title-with-dash.txt").passages[0]
    assert (item.council, item.municipality) == ("Bestyrelsen for Svendborg Forsyning A/S", "Svendborg")


@pytest.mark.parametrize("value, handler", [("kmo", "kmo"), ("Ib O'Neill", "Ib O'Neill"), ("Karen ter Horst", "Karen ter Horst")])
def test_a_case_handler_for_all_items_may_be_initials_or_a_name_with_particles(value, handler):
    from indexer import conventions as cv

    assert cv.every_item_handler(f"Sagsbehandler for alle sager: {value}") == handler


def test_a_click_opened_decision_of_the_last_item_is_its_decision():
    items = read_fixture(CR15, "click-opened-last-decision.html").passages
    assert [p.decision for p in items] == ["Godkendt.", "Udvalget godkendte tilbuddet fra Ravnby El."]


def test_a_case_line_with_its_openness_under_a_numbered_heading_is_a_field_line():
    items = read_fixture(CR15, "numbered-items-with-case-lines.txt").passages
    assert [(p.title, p.case_number, p.closed) for p in items] == [
        ("Vejbelysning på Skolevej", "24/1234", False), ("Salg af grund", "24/2222", True)]


# --- code review 16 (2026-12-05): one-item minutes whose head says «Status» or «Redegørelse» --------

@pytest.mark.parametrize("name, title, case", [
    ("b4_status_field.txt", "Vinterberedskab - ekstra bevilling", "25/4411"),
    ("a1_extra_status.txt", "Skolebyggeriet i Gjern - tillægsbevilling", "25/3412"),
    ("a6_redegoerelse.txt", "Revisionsberetning for 2024", "25/1001")])
def test_one_item_minutes_with_a_report_word_in_the_head_stay_minutes(name, title, case):
    (item,) = read_fixture(FIXTURES / "codereview16", name).passages
    assert (item.item_number, item.title, item.case_number, item.has_decision) == (1, title, case, True)


def test_a_contents_lists_signature_page_is_no_unfound_item(tmp_path):
    from conftest import read_written

    text = ("Skovbjerg Kommune\nReferat\nØkonomiudvalget\nMødedato: 12. marts 2025\n\nIndholdsfortegnelse\n"
            "1. Godkendelse af dagsorden  3\n2. Meddelelser  4\nUnderskriftsside  5\n\n1. Godkendelse af dagsorden\n"
            "Beslutning:\nGodkendt.\n\n2. Meddelelser\nBeslutning:\nTaget til efterretning.\n\nUnderskriftsside\nPeter Holm\n")
    document = read_written(tmp_path, "oeu.txt", text)
    assert len(document.passages) == 2 and not any("indholdsfortegnelsen" in n for n in document.notices)


# --- code review 17 (2026-12-05) ------------------------------------------------------------------

def test_an_annual_report_with_a_case_number_in_its_head_stays_a_report():
    document = read_fixture(FIXTURES / "codereview17", "report-with-case-number.txt")
    assert [(p.doc_type, p.title) for p in document.passages] == [
        ("årsberetning", "Forord"), ("årsberetning", "Rådets anbefalinger"), ("årsberetning", "Økonomi"),
        ("årsberetning", "Fremtiden")]
    assert any("holdt 10 møder" in p.text for p in document.passages)


@pytest.mark.parametrize("line", ["☐ Godkendt", "☒ Ikke godkendt", "✓ Flere hænder i plejen", "✔ Vedtaget"])
def test_ballot_boxes_and_check_marks_at_a_lines_start_are_kept(tmp_path, line):
    from conftest import read_written

    text = f"Ravnby Kommune\nÆldrerådet\nReferat\nMødedato: 11.02.2025\n\n1. Budget\nBeslutning:\n{line}\n"
    assert read_written(tmp_path, "aeldreraad.txt", text).passages[0].decision == line


def test_names_separated_by_bars_are_each_a_member(tmp_path):
    from conftest import read_written

    text = ("Ravnby Kommune\nÆldrerådet\nReferat\nMødedato: 11.02.2025\nTil stede: Anne Holm (A) | Carl Berg (O) | "
            "Dorte Lund (F)\n\n1. Budget\nBeslutning:\nGodkendt.\n")
    assert read_written(tmp_path, "aeldreraad.txt", text).passages[0].present == ("Anne Holm", "Carl Berg", "Dorte Lund")


def test_an_item_numbered_as_a_paragraph_is_headed_so_on_its_page_and_in_the_feed(tmp_path):
    # a news review: the citation said «§ 3», the page's heading, the feed and the item list «3.»
    from conftest import read_written

    text = "Ravnby Forsyning A/S\nReferat af bestyrelsesmøde\nMødedato: 11.02.2025\n\n§ 3. Udbud af slamhåndtering\nBeslutning:\nGodkendt.\n"
    (item,) = read_written(tmp_path, "forsyning.txt", text).passages
    assert (item.heading_number, item.item_reference) == ("§ 3", "§ 3")


def test_a_report_addressed_to_the_byraad_is_its_authors(tmp_path):
    from conftest import read_written

    text = ("Til Byrådet i Favrskov Kommune\n\nRedegørelse fra Handicaprådet for 2024\n\nForord\nRådet har i år "
            "holdt otte møder og afgivet tolv høringssvar til kommunen.\n")
    assert read_written(tmp_path, "redegoerelse.txt", text).passages[0].council == "Handicaprådet"
    letter = "Til Helsingør Byråd\n\nÆldrerådets beretning 2024\n\nForord\nRådet har i år holdt otte møder i alt.\n"
    assert read_written(tmp_path, "beretning.txt", letter).passages[0].council == "Ældrerådet"


# --- code review 18 (2026-12-05) ------------------------------------------------------------------

CR18 = FIXTURES / "codereview18"


def test_an_agendas_addressee_is_its_council_and_a_contents_lines_author_no_council():
    agenda = read_fixture(CR18, "byraadet-dagsorden-til-byraadet.txt").passages
    assert {(p.council, p.doc_type, p.has_decision) for p in agenda} == {("Byrådet", "dagsorden", False)}
    minutes = read_fixture(CR18, "byraadet-referat-hoeringssvar-i-indhold.txt").passages
    assert {p.council for p in minutes} == {"Byrådet"}


@pytest.mark.parametrize("outcome", ["Regnskabet blev godkendt.\nKassereren sender det til kommunen.",
                                     "Forslaget blev vedtaget med 5 stemmer mod 2.\nAnne Holm og Bo Lund stemte imod."])
def test_lines_after_a_prose_outcome_go_with_it(tmp_path, outcome):
    from conftest import read_written

    items = read_written(tmp_path, "referat.txt", _LOKALRAAD.format("Referat", outcome)).passages
    assert items[1].decision == outcome


def test_text_opened_by_a_vis_detaljer_button_is_read_and_the_button_is_no_title():
    items = read_fixture(CR18, "vis-detaljer.html").passages
    assert [(p.item_number, p.title) for p in items] == [(1, "Godkendelse af dagsorden"), (2, "Trafiksikkerhedsplan"),
                                                         (3, "Vejbelysning")]
    assert items[1].text.startswith("Forvaltningen har udarbejdet") and "Vis detaljer" not in items[1].text
