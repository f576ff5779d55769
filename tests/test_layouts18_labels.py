"""Layouts review 18 (2026-12-05), labels and heads (files in tests/fixtures/layouts18/, as the review gave them).

The findings: Sønderborg's «Acadre-sag: 25/2311» was no field, so the title ran on into it and its case number
was cut off as a meeting reference; its «Økonomiudvalgets anbefaling» was no decision; Kalundborg's
«Afbud: Henrik Mølgaard (Ø) - i stedet mødte Lisbeth Holm (Ø)» made the stand-in part of the absent member's
name, and «… Jørgen Kelstrup (O) m.fl.» kept «m.fl» in his; Silkeborg's headings «Sag 2 Vandløbsrestaurering i
Funder Å» lost their numbers.
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture, read_written

from indexer.models import EARLIER_DECISION

LAYOUTS18 = FIXTURES / "layouts18"
read = partial(read_fixture, LAYOUTS18)
SOENDERBORG = "soenderborg-oekonomiudvalget-referat-2025-03-11.txt"
KALUNDBORG = "kalundborg-kommunalbestyrelsen-referat-2025-03-26.txt"
SILKEBORG = "silkeborg-udvalget-for-natur-og-miljoe-referat-2025-02-04.txt"


# --- «Acadre-sag: 25/2311»: the case number by its system's name ------------------------------------------


def test_a_case_named_by_its_system_is_the_items_case_number_and_no_part_of_its_title():
    items = read(SOENDERBORG).passages
    assert [(p.item_number, p.case_number) for p in items] == [
        (1, "25/1022"), (2, "25/2311"), (3, "24/18876"), (4, "25/3345"), (5, "25/4410")]
    assert [p.title for p in items][:4] == ["Godkendelse af dagsorden", "Økonomirapport pr. 28. februar 2025",
                                            "Salg af erhvervsjord ved Vestermark", "Anlægsbevilling til skolen i Broager"]
    assert all("Acadre" not in p.title and "Acadre" not in p.id for p in items)


def test_other_case_systems_named_so_label_the_case_number(tmp_path):
    for label in ("SBSYS-sag:", "GO sag:", "Sag i Acadre:", "eDoc-sag:"):
        document = read_written(tmp_path, "referat.txt", f"""Referat
Økonomiudvalget
Mødedato: 11. marts 2025

Punkt 1: Godkendelse af dagsorden
{label} 25/1022
Beslutning
Godkendt.

Punkt 2: Budgetopfølgning
{label} 25/2025
Beslutning
Godkendt.
""")
        items = document.passages
        assert [(p.title, p.case_number) for p in items] == [
            ("Godkendelse af dagsorden", "25/1022"), ("Budgetopfølgning", "25/2025")], label


def test_a_case_number_run_on_into_a_title_is_not_cut_off_as_a_meeting_reference(tmp_path):
    # a field not known (here «Journal-sag:») runs on into the title: its number, a year's shape, stays
    # there; only layout 7's «… 1/2019» after the title is the meeting's reference
    document = read_written(tmp_path, "referat.txt", """Referat
Økonomiudvalget
Mødedato: 11. marts 2025

Punkt 1: Godkendelse af dagsorden
Journal-sag: 25/2025
Beslutning
Godkendt.

Punkt 2: Budgetopfølgning
Journal-sag: 25/2024
Beslutning
Godkendt.
""")
    assert [p.title for p in document.passages] == ["Godkendelse af dagsorden Journal-sag: 25/2025",
                                                    "Budgetopfølgning Journal-sag: 25/2024"]


# --- «Økonomiudvalgets anbefaling»: a committee's decision as it puts it ---------------------------------


def test_a_committees_recommendation_in_its_own_minutes_is_its_decision():
    items = {p.item_number: p for p in read(SOENDERBORG).passages}
    assert items[2].decision == ("Anbefales over for Byrådet.\n"
                                 "Et mindretal (Ø) stemte imod, idet der ønskes en tilførsel til ældreområdet.")
    assert [s.label for s in items[2].sections if s.is_decision] == ["Økonomiudvalgets anbefaling"]
    assert (items[2].outcome, items[4].outcome) == ("Anbefalet", "Anbefalet")
    assert items[4].decision == "Anbefales."
    assert not any("1. at" in s.text for s in items[2].sections if s.is_decision)


BYRAAD = """Sønderborg Kommune
Byrådet
Referat
Mødedato: Onsdag den 26. marts 2025

Punkt 1: Økonomirapport pr. 28. februar 2025
Acadre-sag: 25/2311
Sagsansvarlig: Mads Kjærgaard Pedersen
Økonomiudvalgets anbefaling
Anbefales over for Byrådet.
Byrådets beslutning
Godkendt.
Resumé
Økonomirapporten viser et forventet merforbrug.

Punkt 2: Anlægsbevilling til skolen i Broager
Acadre-sag: 25/3345
Sagsansvarlig: Henrik Frost
{recommendation}
Vi anbefaler bevillingen.
Byrådets beslutning
Godkendt.
"""


def test_a_committees_recommendation_in_the_councils_minutes_is_an_earlier_decision(tmp_path):
    first = read_written(tmp_path, "byraad.txt", BYRAAD.format(recommendation="Økonomiudvalgets anbefaling")).passages[0]
    assert (first.decision, first.outcome) == ("Godkendt.", "Godkendt")
    assert [(s.key, s.text) for s in first.sections if s.label == "Økonomiudvalgets anbefaling"] == [
        (EARLIER_DECISION, "Anbefales over for Byrådet.")]


def test_the_administrations_recommendation_is_no_decision(tmp_path):
    for who in ("Forvaltningens anbefaling", "Administrationens anbefaling"):
        second = read_written(tmp_path, "byraad.txt", BYRAAD.format(recommendation=who)).passages[1]
        assert second.decision == "Godkendt.", who
        assert f"{who}\nVi anbefaler bevillingen." in second.text, who
        assert not any(s.label == who for s in second.sections), who


# --- «Afbud: A - i stedet mødte B», «… m.fl.» ----------------------------------------------------------


def test_a_stand_in_named_after_the_absent_member_is_present_and_the_member_absent():
    head = read(KALUNDBORG).passages[0]
    assert head.absent == ("Henrik Mølgaard",)
    assert "Lisbeth Holm (stedfortræder)" in head.present
    assert not any("stedet" in name for name in (*head.present, *head.absent))


def test_and_others_ending_a_list_of_members_is_no_part_of_a_name():
    head = read(KALUNDBORG).passages[0]
    assert "Jørgen Kelstrup" in head.present
    assert not any("m.fl" in name for name in head.present)


def test_a_stand_in_in_brackets_or_labelled_after_the_absent_member(tmp_path):
    for line in ("Afbud: Bo Hjort (V) (i stedet mødte Anne Winge (V)), Ib Holm (A)",
                 "Afbud: Bo Hjort (V), stedfortræder: Anne Winge (V), Ib Holm (A)",
                 "Afbud: Bo Hjort (V) - Anne Winge (V) deltog i stedet, Ib Holm (A)"):
        document = read_written(tmp_path, "referat.txt", f"""Referat
Kommunalbestyrelsen
26-03-2025 kl. 18:00

Til stede: Martin Damm (V), Bo Hjort (V), Ib Holm (A), Per Lund (C)
{line}

Pkt. 1 Godkendelse af dagsorden
Sagsnr.: 25-003012
Beslutning
Godkendt.
""")
        head = document.passages[0]
        assert head.absent == ("Bo Hjort", "Ib Holm"), line
        assert head.present == ("Martin Damm", "Per Lund", "Anne Winge (stedfortræder)"), line


def test_a_stand_in_named_so_in_an_items_decision_sits_in_at_that_item(tmp_path):
    document = read_written(tmp_path, "referat.txt", """Referat
Kommunalbestyrelsen
26-03-2025 kl. 18:00

Til stede: Martin Damm (V), Bo Hjort (V), Per Lund (C)

Pkt. 1 Godkendelse af dagsorden
Sagsnr.: 25-003012
Beslutning
Godkendt.
Afbud: Bo Hjort (V) - i stedet mødte Anne Winge (V)
""")
    item = document.passages[0]
    assert item.absent == ("Bo Hjort",)
    assert "Anne Winge (stedfortræder)" in item.present and "Bo Hjort" not in item.present


# --- «Sag 2 Title» over its «Sagsnummer:» -----------------------------------------------------------------


def test_a_sag_number_heading_anchored_by_its_fields_numbers_the_item():
    items = read(SILKEBORG).passages
    assert [(p.item_number, p.title) for p in items] == [
        (1, "Godkendelse af dagsorden"), (2, "Vandløbsrestaurering i Funder Å"),
        (3, "Tilsyn med landbrug 2024 - orientering"), (4, "Forslag fra Enhedslisten om pesticidfri kommune"),
        (5, "Eventuelt")]
    assert items[1].case_number == "06.02.03-P19-7-23" and "Intet." in items[4].text


def test_a_sentence_starting_sag_and_a_number_without_fields_under_it_is_no_heading(tmp_path):
    document = read_written(tmp_path, "referat.txt", """Referat
Udvalget for Natur og Miljø
Dato: 4. februar 2025

Sag 1 Godkendelse af dagsorden
Sagsnummer: 00.22.04-A00-3-25
Beslutning
Godkendt.

Sag 2 Vandløbsrestaurering i Funder Å
Sagsnummer: 06.02.03-P19-7-23
Baggrund
Projektet blev udskudt i 2023.

Sag 12 Byrådet behandlede i 2023 som en del af vandplanen
Beslutning
Udvalget godkendte indstillingen.
""")
    assert [p.item_number for p in document.passages] == [1, 2]
    assert "Sag 12 Byrådet behandlede i 2023" in document.passages[1].text
