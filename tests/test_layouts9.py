"""Layouts review 9 (2026-12-05): each finding in the file that showed it (tests/fixtures/layouts9/,
copied from the review) and in small texts written here.

The findings: items after the last item with a label or field line («Ad 4. …», «Pkt. 4 – …», «§ 4 …»,
only prose under them) went into that item's decision, silently; «Dagsorden:» over the items' numbered
list on the front page was no contents list; short minutes with only «Pkt. N – Title» headings lost
item 1 (an item's «Årsrapport» read as the document's title: an annual report); «Sag: 24/1234 – Title»
as every item's heading was not found; «Dagsordenspunkt N: Title» on one line was no heading.
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture, read_written

LAYOUTS9 = FIXTURES / "layouts9"
read = partial(read_fixture, LAYOUTS9)

_HEAD = "Ravnby Kommune\nØkonomiudvalget\nReferat\nMødedato: 11.02.2025\n\n"


def _items(document) -> list[tuple[int | None, str]]:
    return [(p.item_number, p.title) for p in document.passages]


def _decisions(document) -> list[str | None]:
    return [p.decision for p in document.passages]


# --- 1. items after the last labelled one ----------------------------------------------------------


def test_ad_items_after_the_last_labelled_one():
    document = read("vestforsyning-bestyrelsen-referat-2024-11-27.txt")
    assert _items(document) == [(1, "Godkendelse af dagsorden og referat fra seneste møde"),
                                (2, "Budget og takster 2025 for vand og spildevand"), (3, "Investeringsplan 2025-2028"),
                                (4, "Status på klimatilpasning i Holstebro midtby"), (5, "Eventuelt")]
    assert document.passages[2].decision == ("Godkendt. Bestyrelsen bad om at få en kvartalsvis status på de store "
                                             "anlægsprojekter.")
    assert document.passages[3].decision == "Orienteringen blev taget til efterretning."
    assert "Næste møde afholdes den 12. marts 2025." in document.passages[4].text
    assert document.passages[2].case_number == "2024-1190"


def test_pkt_items_after_the_one_with_a_case_number():
    document = read("aeroe-handicapraadet-referat-2024-10-02.txt")
    assert _items(document) == [(1, "Godkendelse af dagsorden"),
                                (2, "Godkendelse af referat fra mødet den 28. august 2024"),
                                (3, "Høring: Kvalitetsstandard for hjælpemidler 2025"),
                                (4, "Tilgængelighed på færgerne"), (5, "Meddelelser og eventuelt")]
    assert document.passages[2].case_number == "24/2178"
    assert "Ærøfærgerne" not in document.passages[2].text
    assert "Ærøfærgerne" in document.passages[3].text


def test_paragraph_items_after_the_one_with_a_decision():
    document = read("svendborg-vand-bestyrelsen-referat-2024-03-20.txt")
    assert _items(document) == [(1, "Godkendelse af dagsorden"), (2, "Årsrapport 2023"),
                                (3, "Udbud af slamhåndtering"), (4, "Meddelelser fra direktionen"), (5, "Eventuelt")]
    assert document.passages[2].decision == "Bestyrelsen tiltrådte indstillingen."
    assert document.passages[2].case_number == "24-0311"
    assert "Personaleforhold" in document.passages[3].text


def test_a_numbered_list_in_the_last_decision_stays_its_text(tmp_path):
    # the decision's own «1.»/«2.» and a «3.» continuing the items' numbers: a list, not item 3
    text = (_HEAD + "1. Godkendelse af dagsorden\n\nBeslutning:\nGodkendt.\n\n2. Eventuelt\n\nBeslutning:\n"
            "Der blev orienteret om to forhold.\n\n1. Ny direktør tiltræder 1. april.\n\n"
            "3. Tidsplan for budget 2026\nBudgetseminaret holdes den 2. juni.\nByrådet behandler budgettet i oktober.\n"
            "Høringen af MED-udvalgene sker i august.\nBorgermødet holdes i september.\n")
    document = read_written(tmp_path, "ravnby-referat-2025-02-11.txt", text)
    assert [n for n, _ in _items(document)] == [1, 2]
    assert "3. Tidsplan for budget 2026" in document.passages[1].decision


def test_a_paragraph_in_another_form_after_the_last_item_stays_its_text(tmp_path):
    # «Ad 3.» items: a «3. …» paragraph under the last one is no item of theirs
    text = (_HEAD + "Ad 1. Godkendelse af dagsorden\n\nBeslutning:\nGodkendt.\n\n"
            "Ad 2. Budget 2026\n\nSagsnr.: 25/1187\n\nBeslutning:\nGodkendt med disse bemærkninger.\n\n"
            "3. Anlægsplan\nUdvalget ønsker en ny plan.\nPlanen skal omfatte skoler og veje.\n"
            "Den forelægges i maj.\nØkonomien indgår i budget 2027.\n")
    document = read_written(tmp_path, "ravnby-referat-2025-02-11.txt", text)
    assert [n for n, _ in _items(document)] == [1, 2]
    assert "3. Anlægsplan" in document.passages[1].decision


# --- 2. «Dagsorden:» over the items' list is a contents list -----------------------------------------


def test_dagsorden_list_names_items_not_found():
    # item 4's heading without its number: the list under «Dagsorden:» names five items, four were found
    document = read("vestforsyning-ukendt-overskrift-referat-2024-11-27.txt")
    assert [n for n, _ in _items(document)] == [1, 2, 3, 5]
    assert any(n.startswith("indholdsfortegnelsen nævner 5 punkter, men kun 4 blev fundet i teksten")
               for n in document.notices)


def test_dagsorden_list_with_every_item_found_gets_no_note():
    document = read("vestforsyning-bestyrelsen-referat-2024-11-27.txt")
    assert not [n for n in document.notices if "indholdsfortegnelsen" in n]


def test_a_dagsorden_list_is_no_items_text(tmp_path):
    text = (_HEAD + "Dagsorden:\n1. Godkendelse af dagsorden\n2. Eventuelt\n\n1. Godkendelse af dagsorden\n\n"
            "Beslutning:\nGodkendt.\n\n2. Eventuelt\n\nIntet.\n")
    document = read_written(tmp_path, "ravnby-referat-2025-02-11.txt", text)
    assert _items(document) == [(1, "Godkendelse af dagsorden"), (2, "Eventuelt")]
    assert not document.notices


# --- 3. short minutes with «Pkt. N – Title» headings and prose under them ----------------------------


def test_pkt_dash_headings_with_prose_only():
    document = read("soenderho-pkt-prose-referat-2024-09-10.txt")
    assert _items(document) == [(1, "Godkendelse af referat"), (2, "Trafiksikkerhed"), (3, "Bænke ved havnen"),
                                (4, "Årsrapport"), (5, "Skiltning"), (6, "Eventuelt")]
    assert document.passages[0].decision == "Referatet blev godkendt."
    assert {p.doc_type for p in document.passages} == {"referat"}


def test_an_attendance_line_is_no_title():
    document = read("soenderho-til-stede-referat-2024-09-10.txt")
    assert [n for n, _ in _items(document)] == [1, 2, 3, 4, 5, 6]
    assert not any("Til stede" in (p.title or "") for p in document.passages)
    assert document.passages[0].present == ("Lars Brinch", "Inge Bojsen")


# --- 4. «Sag: 24/1234 – Title» as every item's heading -----------------------------------------------


def test_case_number_headings():
    document = read("sag-kolon-teknikudvalget-referat-2024-05-14.txt")
    assert [p.title for p in document.passages] == [
        "Godkendelse af dagsorden", "Vejbelysning – udskiftning til LED, etape 3", "Naturpleje på Harboøre Tange",
        "Orientering om vinterberedskab 2023/24"]
    assert [p.case_number for p in document.passages] == ["24/1234", "23/9876", "24/0457", "24/1301"]
    assert [p.case_handler for p in document.passages] == [None, "Kirsten Ravn", "Peter Skov Nielsen", "Kirsten Ravn"]
    assert _decisions(document) == ["Godkendt.", "Anbefales til Økonomiudvalget.", "Godkendt.",
                                    "Taget til efterretning."]
    assert not document.notices


def test_one_case_line_inside_an_item_stays_its_text(tmp_path):
    text = (_HEAD + "1. Godkendelse af dagsorden\n\nBeslutning:\nGodkendt.\n\n2. Vejbelysning\n\nSagsfremstilling:\n"
            "Projektet hænger sammen med en tidligere sag.\n\nSag: 23/9876 – Vejbelysning etape 2\nSagsbehandler: Kirsten Ravn\n\n"
            "Beslutning:\nGodkendt.\n")
    document = read_written(tmp_path, "ravnby-referat-2025-02-11.txt", text)
    assert _items(document) == [(1, "Godkendelse af dagsorden"), (2, "Vejbelysning")]


# --- 5. «Dagsordenspunkt N: Title» on one line ---------------------------------------------------------


def _holbaek(name: str) -> None:
    document = read(name)
    assert _items(document) == [(1, "Godkendelse af dagsorden"),
                                (2, "Høring – Budget 2025-2028 for Ældre, Sundhed og Omsorg"),
                                (3, "Demensvenlig kommune – status"), (4, "Eventuelt")]
    assert [p.case_number for p in document.passages] == [None, "27.00.00-S55-3-24", "29.30.00-P20-1-23", None]
    assert _decisions(document)[:3] == [
        "Godkendt.", "Ældrerådet kan ikke anbefale omlægningen af rengøring til hver 3. uge. Høringssvaret udarbejdes af "
        "formandskabet og udsendes til godkendelse pr. mail inden 1. juli.",
        "Orienteringen taget til efterretning. Ældrerådet ønsker en ny status i 2025."]
    assert not document.notices


def test_dagsordenspunkt_headings_in_markdown():
    _holbaek("holbaek-aeldreraadet-referat-2024-06-18.md")


def test_dagsordenspunkt_headings_in_text():
    _holbaek("holbaek-aeldreraadet-tekst-referat-2024-06-18.txt")


def test_item_1_right_under_the_heads_last_line():
    # «Referent: Inge Bojsen» / «1) Godkendelse af referat», «Til stede: …» / «Pkt. 1 – …»: no blank line between
    for name in ("soenderho-uden-tom-linje-referat-2024-09-10.txt",
                 "handicapraadet-pkt-under-til-stede-referat-2024-10-02.txt"):
        document = read(name)
        assert _items(document) == [(1, "Godkendelse af referat"), (2, "Trafiksikkerhed"), (3, "Bænke ved havnen"),
                                    (4, "Årsrapport"), (5, "Skiltning"), (6, "Eventuelt")]
        assert document.passages[0].decision == "Referatet blev godkendt."


def test_a_decision_line_above_a_numbered_line_is_no_head(tmp_path):
    # «Beslutning: Godkendt.» / «1. Skatepark»: a point under the item's decision, not item 1 again
    text = ("Lokalrådet\nReferat af møde 11. februar 2025\n\n1. Ønsker til budget\nRådet drøftede ønskerne.\nBeslutning: Godkendt.\n"
            "1. Skatepark\nRådet støtter forslaget.\n\n2. Trafik\nDer er målt høj fart.\n\n3. Eventuelt\nIntet.\n")
    document = read_written(tmp_path, "lokalraad-referat-2025-02-11.txt", text)
    assert _items(document) == [(1, "Ønsker til budget"), (2, "Trafik"), (3, "Eventuelt")]
