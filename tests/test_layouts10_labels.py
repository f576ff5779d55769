"""Layouts review 10 (2026-12-05), the labels: each finding in the file that showed it
(tests/fixtures/layouts10_labels/, copied from the review, trimmed) and in small texts written here.

The findings: a decision printed under «Referat:», «Konklusion:», «Ældrerådets udtalelse:», «Beslutning/referat:»
was lost (merged into the section above, or left as text with «Referat:» its only word); «Protokoltilførsel:» and
«Mindretalsudtalelse:» stayed inside the decision, so an attendance line above them was not read; a closing line
after the last decision («Referent: …», «Godkendt af: …» under «Mødet hævet …») went into that decision.
A code review of that fix (cr19): those labels made agendas and annual reports «decided» (an agenda filed as
minutes), «Referat:» in a committee's case text was its decision, an absence line after a protokoltilførsel was
lost, and «Næste møde:» left every item's decision, not only the last.
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture, read_written

LAYOUTS10 = FIXTURES / "layouts10_labels"
read = partial(read_fixture, LAYOUTS10)

_HEAD = "Tornby Kommune\nÆldrerådet\nReferat\nMødedato: 03.03.2026\n\n"


def _keys(passage) -> list[tuple[str, str]]:
    return [(s.key, s.label) for s in passage.sections]


# --- 1. decision labels of small councils ------------------------------------------------------------


def test_referat_labels_the_decision():
    first, second, third = read("repro-referat-label.txt").passages
    assert (first.decision, _keys(first)) == ("Godkendt.", [("beslutning", "Referat")])
    assert second.decision == "Ældrerådet kan ikke anbefale forslaget."
    assert second.sections_by_key()["baggrund"] == "Standarden reducerer rengøring fra hver 2. til hver 3. uge."
    assert (third.sections[0].key, third.sections[0].text) == ("beslutning", "Intet.")


def test_referat_under_a_document_head_that_says_referat():
    document = read("tornby-aeldreraadet-referat-2026-03-03.txt")
    assert [p.has_decision for p in document.passages] == [True, True, True, False]
    second = document.passages[1]
    assert second.decision.startswith("Ældrerådet kan ikke anbefale forslaget.")
    assert "Referat" not in second.sections_by_key()["baggrund"]
    assert second.decision_date == "2026-03-03"  # a plain label: this meeting's decision
    assert ("mindretalsudtalelse", "Mindretalsudtalelse") in _keys(second)
    assert "Poul Erik Dam" not in second.decision


def test_referat_heading_in_html():
    document = read("bredsted-handicapraadet-referat-2026-02-24.html")
    second = document.passages[1]
    assert second.decision.startswith("Handicaprådet anbefaler, at der også etableres lift")
    assert second.sections_by_key()["indstilling"] == (
        "Administrationen indstiller, at Handicaprådet afgiver bemærkninger til skitseprojektet.")
    # the decision first, its record right after it
    assert [s.key for s in second.sections][:2] == ["beslutning", "protokoltilfoersel"]


def test_other_decision_labels(tmp_path):
    def written(labels):
        text = _HEAD + "".join(
            f"Punkt {k} – Sag {k}\nSagsnr.: 27.12.00-P35-{k}-26\n\nBaggrund:\nTekst {k}.\n\n{label}\nSvar {k}.\n\n"
            for k, label in enumerate(labels, 1))
        return read_written(tmp_path, "tornby-aeldreraadet-referat-2026-03-03.txt", text)
    # the labels minutes print their decisions under when they print no «Beslutning» (cr19: with it,
    # «Konklusion:» is the case text's); «Handicaprådets bemærkninger» in the Ældreråd's minutes is another
    # council's statement, a hearing answer
    document = written(("Konklusion:", "Ældrerådets udtalelse:", "Handicaprådets bemærkninger:", "Rådets bemærkninger"))
    assert [p.decision for p in document.passages] == ["Svar 1.", "Svar 2.", "", "Svar 4."]
    assert document.passages[2].sections_by_key()["høringssvar"] == "Svar 3."
    document = written(("Beslutning/referat:", "Drøftelse og beslutning:", "Ældrerådets udtalelse:", "Konklusion:"))
    assert [p.decision for p in document.passages] == ["Svar 1.", "Svar 2.", "Svar 3.", ""]


def test_a_statement_beside_the_decision_is_a_section(tmp_path):
    text = _HEAD + ("Punkt 1 – Høring om busplan\nSagsnr.: 27.12.00-P35-1-26\n\nÆldrerådets udtalelse:\n"
                    "Rådet ønsker flere ture.\n\nBeslutning:\nHøringssvaret blev godkendt.\n")
    passage = read_written(tmp_path, "tornby-aeldreraadet-referat-2026-03-03.txt", text).passages[0]
    assert passage.decision == "Høringssvaret blev godkendt."
    assert passage.sections_by_key()["udtalelse"] == "Rådet ønsker flere ture."


# --- 2. the decision's record --------------------------------------------------------------------------


def test_protokoltilfoersel_after_attendance_line():
    document = read("repro-protokoltilfoersel-fravaer.txt")
    second = document.passages[1]
    assert second.decision == "Godkendt som indstillet."
    assert "Lone Bech" in second.absent and "Lone Bech" not in second.present
    assert second.sections_by_key()["protokoltilfoersel"] == "Ali Hassan ønskede tilført protokollen, at rammen bør hæves."
    assert [s.key for s in second.sections] == ["beslutning", "protokoltilfoersel", "indstilling"]
    assert [s.is_decision for s in second.sections] == [True, False, False]
    assert "Lone Bech" in document.passages[2].present


def test_mindretalsudtalelse_leaves_the_decision():
    second = read("region-sjaelland-regionsraadet-referat-2026-03-17.txt").passages[1]
    assert second.decision == "Indstillingen blev godkendt.\nFor stemte: A, V, F, Ø, C (35)\nImod stemte: O, D (4)"
    assert second.sections_by_key()["mindretalsudtalelse"].startswith("Dansk Folkeparti og Danmarksdemokraterne")


# --- 3. closing lines after the last decision ------------------------------------------------------


def test_referent_line_leaves_the_last_decision():
    last = read("repro-referent-footer.txt").passages[-1]
    assert last.sections[0].text == "Intet."
    assert "Referent: Mette Skov" in last.sections[0].note


def test_signature_after_meeting_closed_leaves_the_last_decision():
    last = read("region-sjaelland-regionsraadet-referat-2026-03-17.txt").passages[-1]
    assert last.sections[0].text == "Intet."
    assert last.sections[0].note == "Mødet hævet kl. 16.40.\nGodkendt af: Regionsrådsformand Karin Wulff"
    assert "Karin Wulff" not in last.text.split("Intet.")[0]


def test_next_meeting_and_referent_under_referat_label():
    last = read("tornby-aeldreraadet-referat-2026-03-03.txt").passages[-1]
    assert last.sections[0].text == "Intet."
    assert last.sections[0].note == "Næste møde: tirsdag den 7. april 2026 kl. 14.00.\nReferent: Mette Skov"


def test_a_decision_that_is_only_a_closing_shape_stays(tmp_path):
    text = _HEAD + ("Punkt 1 – Godkendelse af dagsorden\nBeslutning:\nGodkendt.\n\n"
                    "Punkt 2 – Næste møde\nBeslutning:\nNæste møde: 7. april 2026.\n\n"
                    "Punkt 3 – Eventuelt\nBeslutning:\nGodkendt af udvalget.\n")
    document = read_written(tmp_path, "tornby-aeldreraadet-referat-2026-03-03.txt", text)
    assert [p.decision for p in document.passages] == ["Godkendt.", "Næste møde: 7. april 2026.",
                                                       "Godkendt af udvalget."]


# --- 4. code review cr19: weak labels only in minutes; the record's attendance; closing lines at the end ---------


def test_an_agenda_with_a_hearing_answer_and_a_conclusion_stays_an_agenda():
    document = read("kirkeskov-kommunalbestyrelsen-dagsorden-2026-03-26.txt")
    assert document.doc_type == "dagsorden"
    second, third = document.passages[1], document.passages[2]
    assert not second.has_decision and not third.has_decision
    # another council's statement: a hearing answer; a conclusion: the case text's, both as printed
    assert _keys(second) == [("sagsfremstilling", "Sagsfremstilling"), ("høringssvar", "Handicaprådets bemærkninger"),
                             ("indstilling", "Indstilling")]
    assert third.sections_by_key()["konklusion"].startswith("Analysen viser")


def test_referat_in_a_case_text_of_minutes_with_beslutning_is_no_decision():
    first, second = read("kirkeskov-socialudvalget-referat-label-i-sagsfremstilling.txt").passages
    assert not first.has_decision
    assert first.sections_by_key()["referat"] == "Referatet fra mødet er vedlagt som bilag."
    assert second.decision == "Godkendt."


def test_referat_in_an_annual_report_is_no_decision():
    document = read("kirkeskov-aeldreraadet-aarsberetning-2025.txt")
    assert document.doc_type == "årsberetning"
    assert [p.has_decision for p in document.passages] == [False, False, False]
    assert document.passages[1].sections_by_key()["referat"].startswith("Referater af alle møder")


def test_another_councils_statement_in_minutes_is_a_hearing_answer(tmp_path):
    text = ("Kirkeskov Kommune\nSocialudvalget\nReferat\nMødedato: torsdag den 26. marts 2026\n\n"
            "1. Høring om madservice\nSagsnr.: 26/00412\n\nHandicaprådets bemærkninger:\n"
            "Handicaprådet kan ikke anbefale forslaget.\n")
    passage = read_written(tmp_path, "kirkeskov-socialudvalget-referat-2026-03-26.txt", text).passages[0]
    assert not passage.has_decision
    assert passage.sections_by_key()["høringssvar"] == "Handicaprådet kan ikke anbefale forslaget."


def test_absence_after_protokoltilfoersel_is_read():
    first = read("kirkeskov-socialudvalget-fravaer-efter-protokoltilfoersel.txt").passages[0]
    assert list(first.absent) == ["Inge Mølgaard"]
    assert first.sections_by_key()["protokoltilfoersel"] == "Hans Berg (V) kan ikke godkende indstillingen."
    assert first.decision == "Godkendt."


def test_next_meeting_leaves_only_the_last_decision():
    first, last = read("kirkeskov-socialudvalget-naeste-moede-i-beslutning.txt").passages
    assert first.decision.endswith("Næste møde: 7. april kl. 16.00 på rådhuset, hvor budgettet behandles.")
    assert first.sections[0].note == ""
    assert last.decision == "Formanden orienterede om temadagen."
    assert last.sections[0].note == "Næste møde: 7. april\nReferent: Mette Skov"
