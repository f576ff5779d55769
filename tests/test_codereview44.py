"""Code review 44 (2026-12-05) of the session's reading rules: sentences above a closing «Bilag» section
read as case fields and cut from the item, a real postponement in minutes read as an agenda's placeholder,
and «Hvad skal besluttes?» with its question mark no label. (Its agenda phrasings are in test_layouts17.)
"""

from __future__ import annotations

from conftest import FIXTURES, read_fixture

FOLDER = FIXTURES / "codereview44"


def items(name: str):
    return read_fixture(FOLDER, name).passages


def test_a_sentence_opening_with_a_field_word_above_the_attachments_stays_in_the_decision():
    for name, sentence in (("svendborg-referat-sagsbehandler-saetning-over-bilag.txt",
                            "Sagsbehandler Ole Kragh deltog under behandlingen af punktet."),
                           ("svendborg-referat-ansvarlig-saetning-over-bilag.txt",
                            "Ansvarlig for projektet bliver Natur og Miljø.")):
        item = items(name)[1]
        assert item.decision == f"Udvalget godkendte projektbeskrivelsen.\n\n{sentence}", name
        assert sentence in item.text


def test_sentences_above_the_attachments_are_no_case_handler():
    first, second = items("referat-saetninger-over-bilag-i-sagsfremstilling.txt")
    assert "Ansvarlig for driften er Vej og Park." in first.text
    assert second.case_handler is None
    assert second.sections_by_key()["sagsfremstilling"].endswith("Sagsbehandlere Park og Vej har gennemgået ruterne")


def test_a_council_deciding_to_wait_is_a_postponement_not_a_placeholder():
    item = items("vejle-referat-sagen-afventer.txt")[1]
    assert (item.has_decision, item.outcome, item.decision) == (True, "Udsat", "Sagen afventer udvalgets behandling.")


def test_what_is_to_be_decided_asked_as_a_question_is_a_label():
    item = items("bornholm-referat-hvad-skal-besluttes-spoergsmaal.txt")[0]
    assert item.sections_by_key()["beslutningstema"] == "Udvalget skal godkende dagsordenen."
    assert item.decision == "Godkendt."
