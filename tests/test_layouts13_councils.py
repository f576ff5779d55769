"""Layouts review 13: Esbjerg's and Kolding's minutes (files in tests/fixtures/layouts13/, copied from the review,
and small texts written here).

The findings read here: a committee named «Teknik & Byggeudvalget» / «Kultur og Fritidsudvalget» (the fields
without the hyphen) was no council, so the document's council was «Byggeudvalget» and its decision headers
(«Beslutning i Teknik & Byggeudvalget den 12-03-2025») no headers: every decision was the item's text, and an
earlier committee's decision stayed in the case's account; Kolding's «Forslag» (the recommendation) and
«Beskrivelse» (the case's account) were no labels; «Punkt 6 - Lukket: Erstatningssag …» was not closed and kept
«Lukket:» in its title; and «Beslutning - 18.03.2025» (the label, a dash, the date) was no decision header.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_rewritten, read_written

LAYOUTS13 = FIXTURES / "layouts13"
read = partial(read_fixture, LAYOUTS13)

ESBJERG_REFERAT = "esbjerg_teknik_og_byggeudvalget_referat_2025-03-12.txt"
ESBJERG_DAGSORDEN = "esbjerg_boerne_og_familieudvalget_dagsorden_2025-05-06.md"
KOLDING = "kolding_teknik_og_miljoeudvalget_referat_2025-03-18.html"


def _items(document) -> list[tuple[int | None, str, bool]]:
    return [(p.item_number, p.title, p.closed) for p in document.passages]


def _section(passage, key: str) -> str | None:
    return next((s.text for s in passage.sections if s.key == key), None)


# --- 1. «Teknik & Byggeudvalget»: a committee of two fields without the hyphen ---------------------------


def test_esbjerg_minutes_are_the_committees_and_every_item_has_its_decision():
    document = read(ESBJERG_REFERAT)
    first = document.passages[0]
    assert (first.municipality, first.council, first.meeting_date, first.doc_type) == (
        "Esbjerg", "Teknik & Byggeudvalget", "2025-03-12", "referat")
    assert _items(document) == [(1, "Godkendelse af dagsorden", False), (2, "Trafikplan for Esbjerg midtby", False),
                                (3, "Anlægsbevilling til renovering af Exnersgade", False),
                                (4, "Vinterberedskab - ændret serviceniveau", False),
                                (5, "Orientering om byggesagsbehandlingstider", False),
                                (6, "Erstatningssag vedr. vejafvanding", True), (7, "Eventuelt", False)]
    assert [p.decision for p in document.passages] == [
        "Godkendt.", "Godkendt med Plan & Miljøudvalgets bemærkning.\nKaren Marie Jespersen (O) stemte imod.",
        "Anbefales.", "Sagen blev udsat.", "Taget til efterretning.", "Godkendt.",
        "Jakob Lund (A) spurgte til status på parkeringshuset ved banegården."]
    assert [p.case_handler for p in document.passages][:3] == ["Rikke Lauridsen", "Niels Ole Bundgaard", "Camilla Thorup"]
    assert all(p.absent == ("Lene Brejnholt",) for p in document.passages)
    assert not any("Side " in p.text for p in document.passages)  # the running footers


def test_an_earlier_committees_decision_is_not_the_case_account_nor_the_decision():
    trafikplan = read(ESBJERG_REFERAT).passages[1]
    assert _section(trafikplan, "tidligere_beslutning") == (
        "Plan & Miljøudvalget anbefaler planen med den bemærkning, at varelevering skal sikres.")
    assert _section(trafikplan, "sagsfremstilling") == (
        "Forslaget til trafikplan har været i høring hos Plan & Miljøudvalget og Handicaprådet. "
        "Planen indebærer, at Kongensgade lukkes for gennemkørsel.")
    assert _section(trafikplan, "indstilling") == "Teknik & Miljø indstiller, at Teknik & Byggeudvalget godkender trafikplanen."


def test_esbjerg_agenda_names_its_committee_with_an_ampersand():
    document = read(ESBJERG_DAGSORDEN)
    assert {(p.municipality, p.council, p.meeting_date, p.doc_type) for p in document.passages} == {
        ("Esbjerg", "Børn & Familieudvalget", "2025-05-06", "dagsorden")}
    assert [(n, closed) for n, _, closed in _items(document)] == [(n, n == 6) for n in range(1, 8)]
    assert not any(p.decision for p in document.passages)
    assert document.passages[0].absent == ("Karsten Degn",)
    # «over for Økonomiudvalget og Byrådet» in a recommendation: two councils, neither the document's
    assert _section(document.passages[2], "indstilling").endswith("over for Økonomiudvalget og Byrådet anbefaler den nye tildelingsmodel.")


_COMMITTEE_MINUTES = ("Testby Kommune\n\nReferat\n{name}\n\nMødedato: 12. marts 2025\n\n"
                      "Punkt 1 - Godkendelse af dagsorden\nSagsnr.: 25/1\n\nBeslutning i {name} den 12-03-2025\nGodkendt.\n\n"
                      "Punkt 2 - Lokalplan 12\nSagsnr.: 25/2\n\nSagsfremstilling\nPlanen har været i høring.\n\n"
                      "Indstilling\nForvaltningen indstiller, at udvalget over for Økonomiudvalget og Byrådet anbefaler planen.\n\n"
                      "Beslutning i {name} den 12-03-2025\nAnbefales.\n")


@pytest.mark.parametrize("name", ["Teknik og Byggeudvalget", "Teknik & Byggeudvalget", "Børn & Familieudvalget",
                                  "Kultur og Fritidsudvalget", "Social og Sundhedsudvalget", "Klima, Natur og Miljøudvalget",
                                  "Teknik- og Byggeudvalget"])
def test_committee_of_several_fields_decides_under_its_own_name(tmp_path, name):
    document = read_written(tmp_path, "referat.txt", _COMMITTEE_MINUTES.format(name=name))
    assert {p.council for p in document.passages} == {name}
    assert [p.decision for p in document.passages] == ["Godkendt.", "Anbefales."]
    assert _section(document.passages[1], "sagsfremstilling") == "Planen har været i høring."


@pytest.mark.parametrize("body, councils", [
    ("Sagen sendes over for Økonomiudvalget og Byrådet.", ["Økonomiudvalget", "Byrådet"]),
    ("Byrådet og Økonomiudvalget holdt fællesmøde.", ["Byrådet", "Økonomiudvalget"]),
    ("Forvaltningen og Teknikudvalget var enige.", ["Teknikudvalget"]),
    ("Borgmester og Teknikudvalget var enige.", ["Teknikudvalget"]),
    ("Jakob Lund og Økonomiudvalget var enige.", ["Økonomiudvalget"]),
])
def test_two_councils_named_together_in_prose_stay_two(body, councils):
    from indexer.councils import _COUNCIL

    assert _COUNCIL.findall(body) == councils


def test_a_long_list_of_capitalised_words_is_read_in_linear_time():
    import time

    from indexer.councils import council_of

    started = time.monotonic()
    # «A, B, C, …» over a whole line: each word's list was scanned to the line's end (10 s for 32 KB)
    assert council_of([], ["Ab, " * 8000, "Teknik, " * 4000 + "og Byggeudvalget"]) == "Byggeudvalget"
    assert time.monotonic() - started < 2


def test_a_joint_meetings_header_still_names_both_councils():
    from indexer.conventions import decision_header

    assert decision_header("Beslutning i Byrådet og Økonomiudvalget den 1. marts 2025").council == (
        "Byrådet og Økonomiudvalget")
    assert decision_header("Beslutning i Teknik & Byggeudvalget den 12-03-2025").council == "Teknik & Byggeudvalget"


def test_committee_with_ampersand_is_known_by_its_initials():
    from indexer.councils import same_council

    assert same_council("TBU, 12.03.2025", "Teknik & Byggeudvalget")
    assert not same_council("Beslutning i Plan & Miljøudvalget den 03-03-2025", "Teknik & Byggeudvalget")


# --- 2. Kolding's «Forslag» and «Beskrivelse» ------------------------------------------------------------


def test_kolding_forslag_is_the_recommendation_and_beskrivelse_the_case_account():
    document = read(KOLDING)
    assert {(p.municipality, p.council, p.meeting_date, p.doc_type) for p in document.passages} == {
        ("Kolding", "Teknik- og Miljøudvalget", "2025-03-18", "referat")}
    plan = document.passages[1]
    assert _section(plan, "indstilling") == (
        "By- og Udviklingsforvaltningen foreslår, at Teknik- og Miljøudvalget over for Økonomiudvalget og Byrådet "
        "anbefaler,\n\n1. at trafiksikkerhedsplanen vedtages,\n2. at der afsættes 6 mio. kr. årligt i planperioden.")
    # a paragraph starting «Beslutning om …» stays in the account
    assert _section(plan, "sagsfremstilling") == (
        "Planen har været i offentlig høring i seks uger. Der kom 42 høringssvar, flest om skoleveje i Vamdrup og "
        "Lunderskov.\n\nBeslutning om rækkefølgen af projekterne træffes årligt af udvalget.")
    assert plan.decision == "Anbefales."
    assert _section(document.passages[6], "sagsfremstilling").startswith("- Kolding Havn: ny havneplan")
    assert not any(_section(p, "tekst") for p in document.passages)
    assert [closed for _, _, closed in _items(document)] == [n == 6 for n in range(1, 8)]


@pytest.mark.parametrize("line", ["Forslag: Der etableres en ny cykelsti.", "Forslag til ny skolestruktur blev drøftet.",
                                  "Beskrivelse: se bilag 2."])
def test_forslag_and_beskrivelse_with_text_after_them_are_text(tmp_path, line):
    text = ("Testby Kommune\nTeknikudvalget\nReferat\nMødedato: 12. marts 2025\n\n"
            "1. Cykelsti\nSagsnr.: 25/1\n\nSagsfremstilling\nSagen er rejst af borgerne.\n" + line + "\n\n"
            "Beslutning\nGodkendt.\n")
    (passage,) = read_written(tmp_path, "referat.txt", text).passages
    assert _section(passage, "sagsfremstilling") == "Sagen er rejst af borgerne.\n" + line
    assert passage.decision == "Godkendt."


# --- 3. «Lukket: Title» -----------------------------------------------------------------------------------


@pytest.mark.parametrize("heading", ["Punkt 2 - Lukket: Erstatningssag", "2. Lukket: Erstatningssag",
                                     "Punkt 2 - LUKKET: Erstatningssag"])
def test_openness_word_and_colon_before_the_title_close_the_item(tmp_path, heading):
    text = ("Testby Kommune\nTeknikudvalget\nReferat\nMødedato: 12. marts 2025\n\n"
            "Punkt 1 - Godkendelse af dagsorden\nSagsnr.: 25/1\n\nBeslutning\nGodkendt.\n\n"
            f"{heading}\nSagsnr.: 25/2\n\nBeslutning\nGodkendt.\n\n"
            "Punkt 3 - Eventuelt\nSagsnr.: 25/3\n\nBeslutning\nIntet.\n")
    document = read_written(tmp_path, "referat.txt", text.replace("Punkt 1 - ", "1. ").replace("Punkt 3 - ", "3. ")
                            if heading.startswith("2.") else text)
    assert _items(document) == [(1, "Godkendelse af dagsorden", False), (2, "Erstatningssag", True), (3, "Eventuelt", False)]


def test_a_closed_item_named_lukket_punkt_keeps_its_title():
    document = read(KOLDING)
    assert _items(document)[5] == (6, "Lukket punkt: Ekspropriation til cykelsti langs Vejlevej", True)


# --- 4. «Beslutning - 18.03.2025» -------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["Beslutning - 18.03.2025", "Beslutning – 18. marts 2025"])
def test_decision_header_with_a_dash_before_its_date(tmp_path, header):
    document = read_rewritten(LAYOUTS13, tmp_path, KOLDING,
                              lambda text: text.replace("Beslutning i Teknik- og Miljøudvalget den 18.03.2025", header))
    assert [p.decision for p in document.passages] == [
        "Godkendt.", "Anbefales.", "Anbefales, idet udvalget ønsker en status i 1. kvartal 2026.",
        "Taget til efterretning.", "Udsat til næste møde med henblik på besigtigelse.", "Godkendt.",
        "Orienteringen blev taget til efterretning."]
    assert not any(_section(p, "tekst") for p in document.passages)
