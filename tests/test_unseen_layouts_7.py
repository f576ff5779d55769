"""Closed items, page breaks and table cells (from a code review and a PDF review, 2026-12-05): each
finding in the file that showed it (tests/fixtures/layouts7/, copied from the reviews) and in small
texts written here.

The findings: closed items printed by their title only under «Lukket møde» ended up in the decision
before them; a single «Lukket punkt» above one item's heading closed every later item; a decision's
numbered list going on at the top of the next page («3. Finansieringen blev godkendt … til protokol:»)
became an agenda item; an item number in a table cell of its own («45» / «Godkendelse af dagsorden» /
«Sagsnr. 25/00102») was no heading; a heading repeated on the next page with «(fortsat)» split its
item in two; and an attendance table's header row («Navn | Parti | Til stede | Bemærkning») gave the
member «Navn».
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture, read_written

LAYOUTS7 = FIXTURES / "layouts7"
read = partial(read_fixture, LAYOUTS7)

_HEAD = "Odder Kommune\nReferat\nByrådet\nMødedato: 08.06.2024\n\n"


def _items(document) -> list[tuple[int | None, str, bool]]:
    return [(p.item_number, p.title, p.closed) for p in document.passages]


# --- 1. closed items printed by their title only under «Lukket møde» -------------------------


def test_closed_titles_under_a_closed_meeting_header_are_items():
    document = read("odder-byraadet-referat-2024-06-08.txt")
    assert _items(document) == [(1, "Godkendelse af dagsorden", False), (2, "Budgetopfølgning", False),
                                (3, "Salg af areal ved Industrivej", True), (4, "Personalesag", True),
                                (5, "Klage over ansættelse", True)]
    assert document.passages[1].decision == "Taget til efterretning."


def test_closed_titles_before_the_open_part_again(tmp_path):
    # item 1's decision lists points of its own: they stay its text
    text = (_HEAD + "1. Godkendelse af dagsorden\nSagsnr.: 24/100\nBeslutning\nUdvalget besluttede:\n\n"
            "1. Dagsordenen godkendes\n\n2. Punkt 5 udgår\n\n"
            "Lukkede sager\n\n2. Personalesag\n\n3. Køb af ejendom\n\nÅbent møde\n\n"
            "4. Eventuelt\nSagsnr.: 24/104\nBeslutning\nIntet.\n")
    document = read_written(tmp_path, "odder-byraadet-referat-2024-06-08.txt", text)
    assert _items(document) == [(1, "Godkendelse af dagsorden", False), (2, "Personalesag", True),
                                (3, "Køb af ejendom", True), (4, "Eventuelt", False)]
    assert document.passages[0].decision == "Udvalget besluttede:\n\n1. Dagsordenen godkendes\n\n2. Punkt 5 udgår"


# --- 2. a single «Lukket punkt» above a heading marks that item only ---------------------------


def test_a_single_closed_marker_above_a_heading_closes_that_item_only():
    document = read("odder-byraadet-referat-2024-06-03.txt")
    assert [(p.item_number, p.closed) for p in document.passages] == [(1, False), (2, True), (3, False), (4, False)]


def test_a_closed_group_header_still_closes_the_items_after_it(tmp_path):
    text = (_HEAD + "1. Godkendelse af dagsorden\nSagsnr.: 24/100\nBeslutning\nGodkendt.\n\n"
            "Lukket punkt\n2. Personalesag\nSagsnr.: 24/101\nBeslutning\nGodkendt.\n\n"
            "3. Budget 2025\nSagsnr.: 24/102\nBeslutning\nOversendt.\n\n"
            "Lukkede punkter\n\n4. Klagesag\nSagsnr.: 24/103\nBeslutning\nAfvist.\n\n"
            "5. Ekspropriation\nSagsnr.: 24/104\nBeslutning\nGodkendt.\n")
    passages = read_written(tmp_path, "odder-byraadet-referat-2024-06-08.txt", text).passages
    assert [(p.item_number, p.closed) for p in passages] == [(1, False), (2, True), (3, False), (4, True), (5, True)]


# --- 3. a decision's numbered list going on at the top of the next page ------------------------


def test_a_decisions_list_point_on_the_next_page_is_no_item():
    passages = read("skovbjerg_oeu_sideskift3.pdf").passages
    assert [(p.item_number, p.title) for p in passages] == [
        (1, "Godkendelse af dagsorden"), (2, "Økonomirapportering pr. 28. februar 2025"),
        (3, "Anlægsbevilling til renovering af Skovbjerg Svømmehal")]
    assert "3. Finansieringen blev godkendt" in passages[1].decision


def test_a_decisions_list_point_repeating_the_next_items_number_in_text(tmp_path):
    text = ("Referat\nØkonomiudvalget\nMødedato: 12. marts 2025\n\n"
            "1. Godkendelse af dagsorden\nSagsnr.: 25/100\nBeslutning\nGodkendt.\n\n"
            "2. Økonomirapportering\nSagsnr.: 25/101\nBeslutning\nØkonomiudvalget besluttede:\n"
            "1. Rapporten blev taget til efterretning.\n2. Tillægsbevillingen blev anbefalet.\n\n\n"
            "3. Finansieringen blev godkendt, idet Lars Winther (Ø) ønskede sin stemme ført til protokol:\n"
            "\"Enhedslisten kan ikke støtte det.\"\n\nBilag\n\nØkonomirapport februar 2025\n\n"
            "3. Anlægsbevilling til svømmehallen\nSagsnr.: 25/102\nBeslutning\nAnbefales.\n")
    passages = read_written(tmp_path, "skovbjerg-oekonomiudvalget-referat-2025-03-12.txt", text).passages
    assert [p.item_number for p in passages] == [1, 2, 3]
    assert passages[2].title == "Anlægsbevilling til svømmehallen"
    assert "ønskede sin stemme ført til protokol" in passages[1].decision


# --- 4. an item number in a table cell of its own -------------------------------------------


def test_an_item_number_in_its_own_table_cell_numbers_the_item():
    passages = read("aahavn_byraadet_2025-04-24.pdf").passages
    assert [(p.item_number, p.title) for p in passages][:3] == [
        (45, "Godkendelse af dagsorden"), (46, "Regnskab 2024 - årsberetning"),
        (47, "Lukket punkt: Salg af areal ved havnen")]
    assert passages[0].decision == "Godkendt."


# --- 5. a heading repeated on the next page with «(fortsat)» --------------------------------


def test_a_heading_repeated_with_fortsat_continues_the_item():
    for name in ("aahavn_byraadet_2025-04-24.pdf", "aahavn_punkt.pdf"):
        document = read(name)
        regnskab = [p for p in document.passages if p.title.startswith("Regnskab 2024")]
        assert [p.title for p in regnskab] == ["Regnskab 2024 - årsberetning"], name
        assert "Overførslerne blev godkendt" in regnskab[0].decision
        assert "(fortsat)" not in regnskab[0].text


def test_a_numbered_heading_repeated_with_fortsat_in_text(tmp_path):
    text = ("Referat\nByrådet\nMødedato: 24.04.2025\n\n"
            "46. Regnskab 2024\nSagsnr.: 25/00321\nSagsfremstilling\nRegnskabet viser et overskud.\n\n"
            "46. Regnskab 2024 (fortsat)\nSagsnr.: 25/00321\nIndstilling\nDet indstilles, at regnskabet godkendes.\n"
            "Beslutning\nGodkendt.\n\n47. Meddelelser\nSagsnr.: 25/00400\nBeslutning\nTaget til efterretning.\n")
    document = read_written(tmp_path, "aahavn-byraadet-referat-2025-04-24.txt", text)
    assert [(p.item_number, p.title, p.decision) for p in document.passages] == [
        (46, "Regnskab 2024", "Godkendt."), (47, "Meddelelser", "Taget til efterretning.")]
    assert "(fortsat)" not in document.passages[0].text
    assert not any("starten på et andet punkt" in note for note in document.notices)


# --- 6. an attendance table's header row is no member -------------------------------------


def test_an_attendance_tables_header_row_is_no_member():
    passage = read("aahavn_byraadet_2025-04-24.pdf").passages[0]
    assert "Navn" not in passage.present
    assert set(passage.present) == {"Jens Ulrik Holm", "Birgit Sand", "Lone Vestergaard", "Maja Friis"}
    assert set(passage.absent) == {"Karim Haddad", "Per Skov"}


def test_an_attendance_table_a_row_a_line(tmp_path):
    text = ("Referat\nByrådet\nMødedato: 24.04.2025\n\nDeltagere\n\nNavn | Parti | Til stede | Bemærkning\n"
            "Jens Ulrik Holm | A | Ja | Borgmester\nKarim Haddad | A | Nej | Afbud\nBirgit Sand | V | Ja |\n\n"
            "1. Godkendelse af dagsorden\nSagsnr.: 25/100\nBeslutning\nGodkendt.\n")
    passage = read_written(tmp_path, "aahavn-byraadet-referat-2025-04-24.txt", text).passages[0]
    assert (set(passage.present), set(passage.absent)) == ({"Jens Ulrik Holm", "Birgit Sand"}, {"Karim Haddad"})


def test_an_items_long_heading_printed_twice_keeps_its_case_and_decision():
    """Item 2's long title (over 12 words), printed again over its «Bilag» below: the first
    heading was taken for a decision's list point, and item 2's case and decision went into
    item 1 (a code review of the page-split rule). The same title again is the item's own."""
    document = read_fixture(LAYOUTS7, "vejle-byraadet-referat-2024-04-10.txt")
    first, second = document.passages[0], document.passages[1]
    assert (first.item_number, first.text) == (1, "Godkendt.")
    assert second.item_number == 2 and "Enhedslisten foreslår et kulturhus." in second.text
    assert second.decision.startswith("Forslaget blev sendt til udvalget")


# --- A segmentation review of the day's changes --------------------------------------------


def test_a_pdftotext_texts_page_numbers_stay_out_of_its_items():
    """pdftotext's «…været» / «» / «2» / «\\fpræget af …»: the form feed is normalised away, and a
    bare number beside text was kept as a table's cell: «været 2 præget», «Godkendt.\\n\\n3»."""
    items = read("t6-skovlund-byraad-referat-2025-03-04.txt").passages
    assert "været præget af stigende udgifter" in " ".join(items[1].text.split())
    assert [p.text.rstrip()[-9:] for p in items] == ["Godkendt.", "Godkendt.", "Intet."]


def test_a_long_heading_repeated_shorter_at_a_page_top_stays_its_items():
    """Item 3's 18-word title, printed again shorter at the next page's top: taken for a list point
    of item 2's decision, which swallowed item 3's heading and first section."""
    items = read("t21-aabjerg-byraad-referat-2025-11-25.txt").passages
    second = next(p for p in items if p.item_number == 2)
    assert second.decision.rstrip().endswith("kassebeholdningen.") and "Anmodning om" not in second.decision
    assert any(p.item_number == 3 and "flere pladser i Nørreby" in p.text for p in items)


def test_items_a_decision_names_for_the_closed_part_are_not_items_twice():
    """«… to sager på lukket møde:» / «Lukket møde» / «2. Køb af ejendom» / «3. Personalesag» inside
    item 1's decision, the real items after it: they became empty duplicates, every later item closed."""
    items = read("t20-rinkby-byraad-referat-2025-08-26.txt").passages
    assert [p.item_number for p in items] == [1, 2, 3, 4]
    assert not next(p for p in items if p.item_number == 4).closed
