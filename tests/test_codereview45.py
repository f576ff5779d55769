"""Code review 45 (2026-12-05) of the layouts18 reading rules: a committee's «anbefaling» read as the decision in
another council's agenda and minutes, a PDF's decision header at the top of page 2 taken for a running header,
an election's decision under «Referent:» cut off, and «Stedfortræder: Ikke indkaldt» read as a stand-in.
"""

from __future__ import annotations

from conftest import FIXTURES, read_fixture, read_written

FOLDER = FIXTURES / "codereview45"


def read(name: str):
    return read_fixture(FOLDER, name)


def test_a_committees_recommendation_in_the_councils_agenda_decides_nothing():
    agenda = read("viborg-byraadet-dagsorden-oekonomiudvalgets-anbefaling.txt")
    assert {p.doc_type for p in agenda.passages} == {"dagsorden"}
    for item in agenda.passages:
        assert not item.has_decision
        assert item.sections_by_key()["tidligere_beslutning"] == "Anbefales."


def test_the_councils_decision_stays_the_decision_above_the_committees_recommendation():
    item = read("viborg-byraadet-referat-beslutning-over-anbefaling.txt").passages[1]
    assert (item.decision, item.outcome) == ("Taget til efterretning.", "Taget til efterretning")
    assert item.sections_by_key()["tidligere_beslutning"] == "Anbefales over for Byrådet."


def test_another_committees_recommendation_is_no_decision_of_this_committee():
    item = read("soenderborg-oekonomiudvalget-referat-andet-udvalgs-anbefaling.txt").passages[0]
    assert not item.has_decision
    assert [s.label for s in item.sections if s.key == "tidligere_beslutning"] == ["Børne- og Skoleudvalgets anbefaling"]


def test_the_committees_own_recommendation_is_its_decision(tmp_path):
    text = ("Sønderborg Kommune\nØkonomiudvalget\nReferat\nTirsdag den 11. marts 2025\n\n"
            "Punkt 1: Salg af jord\nSagsnr.: 25/2312\n\nSagsfremstilling\nDer er modtaget et tilbud.\n\n"
            "Økonomiudvalgets anbefaling\nAnbefales over for Byrådet.\n")
    (item,) = read_written(tmp_path, "oekonomiudvalget.txt", text).passages
    assert (item.decision, item.outcome) == ("Anbefales over for Byrådet.", "Anbefalet")


def test_a_decision_header_opening_page_two_of_a_pdf_is_no_running_header():
    item = read("kalundborg-referat-beslutning-oeverst-paa-side-2.pdf").passages[1]
    assert (item.title, item.decision, item.decision_page) == ("Salg af grund", "Godkendt med 25 stemmer mod 4.", 2)


def test_an_elections_decision_under_the_minute_takers_line_stays_the_decision():
    item = read("ballerup-referat-valg-under-referent.txt").passages[1]
    assert item.decision.endswith("Line Friis overtager opgaven fra 1. august 2025.")


def test_no_stand_in_is_no_name(tmp_path):
    text = ("Silkeborg Kommune\nUdvalget for Natur og Miljø\nReferat\n4. februar 2025\n"
            "Afbud: Per Kristensen (C) - Stedfortræder: Ikke indkaldt\n\n1. Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n")
    (item,) = read_written(tmp_path, "referat.txt", text).passages
    assert not any("Ikke" in name or "indkaldt" in name for name in (*item.absent, *item.present))
