"""Code review 49 (2026-12-05) of review 48's and layouts review 19's fixes: «Afventer Byrådets behandling.»
lost as a committee's decision in its minutes, «den valgte løsning» taken for an election so that the closing
lines stayed in the decision, «Digitalt godkendt af formanden …» and «Bilagene eftersendes …» no closing
lines, a report's adoption date read as its year, and a council's thanks for its cooperation cut as the
chair's closing thanks.
"""

from __future__ import annotations

from conftest import FIXTURES, read_fixture

FOLDER = FIXTURES / "codereview49"


def read(name: str):
    return read_fixture(FOLDER, name)


def test_waiting_for_the_councils_treatment_is_a_committees_decision_in_its_minutes():
    item = read("oekonomiudvalget-referat-afventer-byraadets-behandling.txt").passages[1]
    assert (item.doc_type, item.has_decision, item.outcome) == ("referat", True, "Udsat")


def test_closing_lines_under_the_minute_taker_close_the_minutes_after_any_decision():
    for name, decision in (("handicapraadet-referat-valgte-loesning-og-afslutning.txt",
                            "Rådet anbefalede den valgte løsning med en fast rampe."),
                           ("handicapraadet-referat-valg-og-afslutning.txt", "Rådet valgte Bo Berg som næstformand."),
                           ("handicapraadet-referat-digitalt-godkendt.txt", "Høringssvaret blev drøftet."),
                           ("handicapraadet-referat-bilagene-eftersendes.txt", "Høringssvaret blev drøftet.")):
        assert read(name).passages[-1].decision == decision, name


def test_a_councils_thanks_for_its_cooperation_is_its_decision():
    item = read("handicapraadet-referat-takker-for-samarbejde.txt").passages[-1]
    assert item.decision.endswith("Rådet takker for et godt samarbejde med forvaltningen om tilgængelighed.")


def test_a_reports_adoption_date_under_its_title_is_no_year_of_the_report():
    report = read("handicapraadet-beretning-vedtaget-dato.txt")
    assert {(p.doc_type, p.year) for p in report.passages} == {("årsberetning", 2024)}
