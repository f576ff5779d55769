"""Five new minutes layouts (a layouts review, 2026-12-05): each finding in the file that showed it
(tests/fixtures/layouts7/, copied from the review) and in small texts written here.

The findings: a contents list without dot leaders («36 (Åben) Godkendelse af dagsorden», «Pkt. 15 Title
   7») became a phantom item; recommendation and section labels other templates print («Forslag til
beslutning», «Direktionens indstilling», «Tidligere beslutninger», «Sagens indhold», «Økonomi og
finansiering», …) were text of the section before them; «Ansvarlig afdeling: Center for Økonomi» gave
the case handler «afdeling: Center for Økonomi»; and a head naming the council by its town («Herning
Byråd») gave no municipality and the council «Byråd».
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written
from indexer import conventions as cv

LAYOUTS7 = FIXTURES / "layouts7"
read = partial(read_fixture, LAYOUTS7)

_HEAD = "Ravnby Kommune\nØkonomiudvalget\nReferat\nMødedato: 11.02.2025\n\n"


def _items(document) -> list[tuple[int | None, str]]:
    return [(p.item_number, p.title) for p in document.passages]


def _sections(passage) -> list[tuple[str, str, str]]:
    return [(s.key, s.label, s.text) for s in passage.sections]


# --- 1. a contents list without dot leaders is no passage ----------------------------------------


def test_contents_entries_printed_as_headings_without_page_numbers():
    document = read("b_acadre_aaben_lukket_hjortsholm_byraadet_2024-11-27.txt")
    assert _items(document) == [(36, "Godkendelse af dagsorden"), (37, "Takster for 2025 på ældreområdet"),
                                (38, "Forslag til lokalplan 1.45 - boliger ved Møllebakken"), (39, "Køb af areal")]
    assert [p.closed for p in document.passages] == [False, False, False, True]
    assert document.passages[0].case_number == "00.01.00-A00-4-24"


def test_contents_entries_with_their_page_number_after_spaces():
    document = read("a_firstagenda_sagsid_vestergaard_oekonomiudvalget_2025-03-04.txt")
    assert _items(document) == [(12, "Godkendelse af dagsorden"), (13, "Budgetopfølgning pr. 31. januar 2025"),
                                (14, "Beslutning om salg af ejendommen Skolevej 4"),
                                (15, "Anlægsbevilling til ny daginstitution i Nørreby")]
    assert all(p.case_number for p in document.passages)


def test_a_heading_list_is_contents_only_where_its_headings_come_again(tmp_path):
    # the first item right under «Indhold», with its anchor: an item, not an entry
    text = (_HEAD + "Indhold\n\n5 (Åben) Tilskud til foreninger\nSagsnr.: 25/1\n\nBeslutning\nGodkendt.\n\n"
            "6 (Åben) Eventuelt\nSagsnr.: 25/2\n\nBeslutning\nIntet.\n")
    document = read_written(tmp_path, "ravnby_2025-02-11.txt", text)
    assert _items(document) == [(5, "Tilskud til foreninger"), (6, "Eventuelt")]
    assert document.passages[0].decision == "Godkendt."


# --- 2. recommendation and section labels --------------------------------------------------------


def test_labels_of_other_templates_open_their_sections():
    (passage,) = read("labels_probe.txt").passages
    keys = {label: key for key, label, _ in _sections(passage)}
    assert {label: keys.get(label) for label in (
        "Sagens indhold", "Direktionens indstilling", "Forvaltningens indstilling", "Administrationens indstilling",
        "Borgmesterens indstilling", "Indstilling fra direktionen", "Indstilling fra administrationen",
        "Forslag til beslutning", "Tidligere beslutninger", "Økonomi og finansiering",
        "Bevillingsmæssige konsekvenser")} == {
        "Sagens indhold": "sagsfremstilling", "Direktionens indstilling": "indstilling",
        "Forvaltningens indstilling": "indstilling", "Administrationens indstilling": "indstilling",
        "Borgmesterens indstilling": "indstilling", "Indstilling fra direktionen": "indstilling",
        "Indstilling fra administrationen": "indstilling", "Forslag til beslutning": "indstilling",
        "Tidligere beslutninger": "tidligere_beslutning", "Økonomi og finansiering": "økonomi",
        "Bevillingsmæssige konsekvenser": "økonomi"}
    texts = {label: text for _, label, text in _sections(passage)}
    assert texts["Sagens indhold"] == "Tekst nummer 1."
    assert texts["Direktionens indstilling"] == "Tekst nummer 2."
    assert passage.decision == "Godkendt."  # «Tidligere beslutninger» is no decision of this meeting
    assert {label: keys.get(label) for label in (
        "Forslag til indstilling", "Tidligere behandling", "Økonomiske og personalemæssige konsekvenser",
        "Høringssvar", "Sagens baggrund", "Lovgrundlag og kompetence")} == {
        "Forslag til indstilling": "indstilling", "Tidligere behandling": "tidligere_behandling",
        "Økonomiske og personalemæssige konsekvenser": "økonomiske_konsekvenser", "Høringssvar": "høringssvar",
        "Sagens baggrund": "baggrund", "Lovgrundlag og kompetence": "lovgrundlag"}
    assert texts["Tidligere behandling"] == "Tekst nummer 11." and texts["Høringssvar"] == "Tekst nummer 15."


def test_recommendation_label_ends_the_section_before_it():
    document = read("a_firstagenda_sagsid_vestergaard_oekonomiudvalget_2025-03-04.txt")
    sections = _sections(document.passages[1])
    assert ("økonomiske_konsekvenser", "Økonomiske konsekvenser",
            "Der forventes et samlet merforbrug på 4,2 mio. kr.") in sections
    assert [key for key, label, _ in sections if label == "Forslag til beslutning"] == ["indstilling"]
    # «Tidligere beslutninger» above the earlier committee's own header: no empty section of its own
    assert [(key, label) for key, label, _ in _sections(document.passages[2]) if key == "tidligere_beslutning"] == [
        ("tidligere_beslutning", "Teknik- og Miljøudvalget den 18. februar 2025, pkt. 22:")]


@pytest.mark.parametrize("line", [
    "Forslag til beslutning om nyt budget blev drøftet.",
    "Direktionens indstilling blev fulgt.",
    "Sagens indhold er beskrevet i bilaget.",
    "Tidligere beslutninger i sagen fremgår af bilag 2.",
])
def test_label_words_in_running_prose_are_text(line):
    assert cv.section_label(line) is None


def test_labels_as_printed_alone_in_capitals_or_with_their_text():
    assert cv.section_label("DIREKTIONENS INDSTILLING") == ("DIREKTIONENS INDSTILLING", "")
    assert cv.section_label("Forslag til beslutning: Godkendes.") == ("Forslag til beslutning", "Godkendes.")
    assert cv.section_key("Tidligere beslutning") == "tidligere_beslutning"


# --- 3. «Ansvarlig afdeling:» names a unit, no case handler -------------------------------------


def test_a_responsible_unit_is_no_case_handler():
    (passage,) = read("ansvarlig_afdeling_ravnby_2025-02-11.txt").passages
    assert passage.case_handler is None
    assert passage.case_number == "24/12345"
    assert "Center for Økonomi" not in passage.text


@pytest.mark.parametrize("line", ["Ansvarlig afdeling: Center for Økonomi", "Ansvarlig forvaltning: Teknik og Miljø",
                                  "Ansvarlig enhed: Løn og Personale", "ANSVARLIG AFDELING: Center for Økonomi",
                                  "Ansvarligt område: Ældre"])
def test_unit_lines_are_field_lines_without_a_case_handler(line):
    field = cv.field_line(line)
    assert field is not None and "case_handler" not in field.fields


@pytest.mark.parametrize("line, name", [("Ansvarlig chef: Lone Vest", "Lone Vest"),
                                        ("Ansvarlig: Direktionen", "Direktionen"),
                                        ("Sagsnr.: 24/1 • Ansvarlig chef: Lone Vest", "Lone Vest")])
def test_a_responsible_person_is_the_case_handler(line, name):
    assert cv.field_line(line).fields["case_handler"] == name


def test_a_case_handler_after_the_unit_line_wins(tmp_path):
    text = (_HEAD + "5. Tilskud til foreninger\nSagsnr.: 24/12345\nAnsvarlig afdeling: Center for Økonomi\n"
            "Sagsbehandler: Bo Ek\n\nSagsfremstilling\nTekst.\n\nBeslutning\nGodkendt.\n")
    (passage,) = read_written(tmp_path, "ravnby_2025-02-11.txt", text).passages
    assert passage.case_handler == "Bo Ek"


# --- 4. a council named by its town ----------------------------------------------------------------


def test_a_council_named_by_its_town_names_the_municipality():
    (passage,) = read("herning_byraad_2025-02-26.txt").passages
    assert (passage.municipality, passage.council) == ("Herning", "Byrådet")


@pytest.mark.parametrize("head, municipality, council", [
    ("Referat af ordinært møde i Herning Byråd", "Herning", "Byrådet"),
    ("Ravnby Kommunalbestyrelse", "Ravnby", "Kommunalbestyrelsen"),
    ("HERNING BYRÅD", "Herning", "Byrådet"),
])
def test_town_council_heads(tmp_path, head, municipality, council):
    text = (f"{head}\nReferat\nMødedato: 26.02.2025\n\n5. Tilskud til foreninger\nSagsnr.: 24/12345\n\n"
            "Beslutning\nGodkendt.\n")
    (passage,) = read_written(tmp_path, "referat_2025-02-26.txt", text).passages
    assert (passage.municipality, passage.council) == (municipality, council)


def test_a_town_council_in_the_text_is_not_the_documents(tmp_path):
    text = ("Ravnby Kommune\nØkonomiudvalget\nReferat\nMødedato: 11.02.2025\n\n5. Samarbejde\nSagsnr.: 24/1\n\n"
            "Sagsfremstilling\nHerning Byråd har foreslået et samarbejde.\n\nBeslutning\nGodkendt.\n")
    (passage,) = read_written(tmp_path, "ravnby_2025-02-11.txt", text).passages
    assert (passage.municipality, passage.council) == ("Ravnby", "Økonomiudvalget")


def test_an_entry_printed_as_a_heading_wraps_onto_its_dotted_page_line():
    # «49 (Åben) Forslag fra … om gratis» / «busbefordring for unge ..... 6»: one entry, no extra title
    document = read_fixture(FIXTURES / "system_exports", "b_eg_dagsorden_aahavn_byraadet_2025-04-24.txt")
    assert document.notices == ()
    assert (49, "Forslag fra Socialistisk Folkeparti (F) om gratis busbefordring for unge") in _items(document)
