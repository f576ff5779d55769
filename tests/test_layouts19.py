"""Layouts review 19 (2026-12-05): agendas and annual reports in conventions not seen before (Holbæk, Greve,
Køge, Frederikshavn, Struer, Middelfart, Varde, Tønder; variants from Nyborg, Norddjurs and Egedal). An agenda
printing «Afventer udvalgets behandling.» under «Beslutning» was filed as minutes with an outcome «Udsat»;
a report whose year stood on the line under its title had none.
"""

from __future__ import annotations

from conftest import FIXTURES, read_fixture, read_written

FOLDER = FIXTURES / "layouts19"


def read(name: str):
    return read_fixture(FOLDER, name)


def test_an_agendas_decision_field_waiting_for_the_meeting_decides_nothing():
    agenda = read("nyborg-kultur-og-fritidsudvalget-dagsorden-afventer-behandling.txt")
    assert {p.doc_type for p in agenda.passages} == {"dagsorden"}
    assert not any(p.has_decision for p in agenda.passages)


def test_no_decision_yet_is_no_decision(tmp_path):
    text = ("Nyborg Kommune\nDagsorden\nKultur- og Fritidsudvalget\nMødedato: 3. december 2025\n\n"
            "1. Godkendelse af dagsorden\nSagsnr.: 25/5501\n\nIndstilling\nForvaltningen indstiller, at dagsordenen "
            "godkendes.\n\nBeslutning\nIngen beslutning endnu.\n")
    (item,) = read_written(tmp_path, "dagsorden.txt", text).passages
    assert (item.doc_type, item.has_decision, item.outcome) == ("dagsorden", False, None)


def test_a_reports_year_on_the_line_under_its_title_is_its_year():
    for name, year in (("norddjurs-handicapraadet-beretning-aar-paa-egen-linje.txt", 2024),
                       ("egedal-aeldreraadet-aarsberetning-aar-i-undertitel.txt", 2025)):
        report = read(name)
        assert {(p.doc_type, p.year) for p in report.passages} == {("årsberetning", year)}, name
