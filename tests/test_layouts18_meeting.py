"""Layouts review 18 (2026-12-05), a meeting's decisions, attendance and page furniture (files in
tests/fixtures/layouts18/, copied from the review; the two PDFs made by bench/pdfgen.py).

The findings: Viborg prints an item's decisions newest first («Beslutning i Byrådet den 23. april 2025» above
the Økonomiudvalget's and Teknisk Udvalg's), and the item was left with no decision; a two-page PDF printing
its running header on page 2 only kept it in the decision ending page 1; Kalundborg's one footer «Kalundborg
Kommune, Kommunalbestyrelsen 26-03-2025, side 3» became the last item's decision; Silkeborg's «Mødt:» list
named nobody present; Ballerup's lines closing the minutes («Referent: …» / «Godkendt af formanden den 10.
juni 2025.») became Eventuelt's decision and gave it the outcome «Godkendt».
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture, read_written
from indexer.models import DECISION, EARLIER_DECISION
from indexer.outcome import ANDET, GODKENDT, TAGET_TIL_EFTERRETNING

LAYOUTS18 = FIXTURES / "layouts18"
read = partial(read_fixture, LAYOUTS18)

VIBORG = "viborg-byraadet-referat-2025-04-23.txt"
GULDBORGSUND = "guldborgsund-social-og-seniorudvalget-referat-2025-01-14.pdf"
BALLERUP = "ballerup-handicapraadet-referat-2025-06-03.pdf"
KALUNDBORG = "kalundborg-kommunalbestyrelsen-referat-2025-03-26.txt"
SILKEBORG = "silkeborg-udvalget-for-natur-og-miljoe-referat-2025-02-04.txt"


def _item(document, number: int):
    return next(p for p in document.passages if p.item_number == number)


# --- 1. decisions printed newest first ------------------------------------------------------------------

def test_this_councils_decision_printed_above_the_committees_is_the_decision():
    item = _item(read(VIBORG), 2)
    assert item.decision == ("Godkendt med 27 stemmer for og 3 imod.\nFor stemte: A, V, C, F, O, I, D og B\n"
                             "Imod stemte: Ø (3)")
    assert (item.outcome, item.decision_date) == (GODKENDT, "2025-04-23")
    assert [(s.key, s.label) for s in item.sections if s.key in (DECISION, EARLIER_DECISION)] == [
        (DECISION, "Beslutning i Byrådet den 23. april 2025"),
        (EARLIER_DECISION, "Beslutning i Økonomiudvalget den 9. april 2025"),
        (EARLIER_DECISION, "Beslutning i Teknisk Udvalg den 2. april 2025")]


NEWEST_FIRST = """Viborg Kommune
Byrådet
{kind}
Onsdag den 23.04.2025 kl. 17:00

1. Lokalplan nr. 612
Sagsnr.: 01.02.05-P16-4-24

{council_header}
{council_text}

Beslutning i Økonomiudvalget den 9. april 2025
Anbefales.

Beslutning i Teknisk Udvalg den 2. april 2025
Anbefales over for Økonomiudvalget.

Sagsfremstilling
Lokalplanen muliggør 48 rækkehuse.
"""


def test_this_councils_decision_is_found_wherever_it_stands_in_a_history(tmp_path):
    document = read_written(tmp_path, "viborg-byraadet-referat-2025-04-23.txt", NEWEST_FIRST.format(
        kind="Referat", council_header="Beslutning i Byrådet den 23. april 2025", council_text="Godkendt."))
    (item,) = document.passages
    assert (item.decision, item.outcome) == ("Godkendt.", GODKENDT)
    assert [s.text for s in item.sections if s.key == EARLIER_DECISION] == ["Anbefales.",
                                                                           "Anbefales over for Økonomiudvalget."]


def test_an_agendas_history_newest_first_stays_the_committees_recommendations(tmp_path):
    # an agenda of the council's meeting quotes the committees; this council has not decided yet
    document = read_written(tmp_path, "viborg-byraadet-dagsorden-2025-04-23.txt", NEWEST_FIRST.format(
        kind="Dagsorden", council_header="", council_text=""))
    (item,) = document.passages
    assert not item.has_decision
    assert [s.text for s in item.sections if s.key == EARLIER_DECISION] == ["Anbefales.",
                                                                           "Anbefales over for Økonomiudvalget."]


def test_an_earlier_sitting_of_this_council_newest_first_is_no_decision_of_this_meeting(tmp_path):
    # «Beslutning i Byrådet den 26. marts 2025»: the council sent the case back a month ago; no header
    # names this meeting's date, so the order decides as before
    document = read_written(tmp_path, "viborg-byraadet-referat-2025-04-23.txt", NEWEST_FIRST.format(
        kind="Referat", council_header="Beslutning i Byrådet den 26. marts 2025",
        council_text="Sendt tilbage til Økonomiudvalget."))
    (item,) = document.passages
    assert "Sendt tilbage til Økonomiudvalget." not in item.decision


# --- 4. a running header printed on one page of two --------------------------------------------------

def test_a_two_page_pdfs_running_header_on_page_two_is_no_items_text():
    for name, header in ((GULDBORGSUND, "Guldborgsund Kommune – Social- og Seniorudvalget – Referat 14.01.2025"),
                         (BALLERUP, "Ballerup Kommune – Handicaprådet – Referat 03.06.2025")):
        document = read(name)
        assert not [p.item_number for p in document.passages
                    if header in p.text or any(header in s.note for s in p.sections)], name
    assert _item(read(GULDBORGSUND), 4).decision == "Godkendt."


# --- 5. one footer closing a text file -----------------------------------------------------------------

def test_a_single_footer_naming_the_municipality_council_and_meeting_date_is_no_decision():
    document = read(KALUNDBORG)
    item = _item(document, 5)
    assert item.decision == "Godkendt."
    assert not [p.item_number for p in document.passages if "side 3" in p.text]


FOOTER_AT_END = """Kalundborg Kommune
Kommunalbestyrelsen
Referat
26-03-2025 kl. 18:00

Pkt. 1 Godkendelse af dagsorden
Beslutning
Godkendt.

{last}
"""


def test_a_line_ending_in_side_n_that_names_another_date_stays_the_decisions(tmp_path):
    # the meeting's own date makes it the document's footer; another date is what the decision refers to
    kept = "Kalundborg Kommune, Kommunalbestyrelsen 12-02-2025, side 3"
    document = read_written(tmp_path, "kalundborg-kommunalbestyrelsen-referat-2025-03-26.txt",
                            FOOTER_AT_END.format(last=kept))
    assert kept in document.passages[0].text
    document = read_written(tmp_path, "kalundborg-kommunalbestyrelsen-referat-2025-03-26.txt",
                            FOOTER_AT_END.format(last="Kalundborg Kommune, Kommunalbestyrelsen 26-03-2025, side 3"))
    assert document.passages[0].decision == "Godkendt."


# --- 7. «Mødt:» lists those present ----------------------------------------------------------------------

def test_moedt_lists_the_members_present():
    item = read(SILKEBORG).passages[1]  # «Sag 2 Vandløbsrestaurering i Funder Å»
    assert item.present == ("Helle Gade", "Anders Kjær", "Rune Vejlin Bruun", "Carsten Kirkeby")
    assert item.absent == ("Per Kristensen",)


MOEDT_OP = """Silkeborg Kommune
Udvalget for Natur og Miljø
REFERAT
Dato: 4. februar 2025
{present}

1. Godkendelse af dagsorden
Beslutning
Godkendt.
"""


def test_moedt_op_and_fremmoedt_list_the_members_present(tmp_path):
    for line in ("Mødt op: Helle Gade (A), Anders Kjær (V)", "Fremmødt: Helle Gade (A), Anders Kjær (V)",
                 "Fremmødte: Helle Gade (A), Anders Kjær (V)"):
        document = read_written(tmp_path, "silkeborg-udvalget-for-natur-og-miljoe-referat-2025-02-04.txt",
                                MOEDT_OP.format(present=line))
        assert document.passages[0].present == ("Helle Gade", "Anders Kjær"), line


# --- 9. the lines closing the minutes after the last item ----------------------------------------------

def test_the_lines_closing_the_minutes_are_no_part_of_eventuelt():
    item = _item(read(BALLERUP), 4)
    assert item.decision == ("Jens Wedel orienterede om DH's landsmøde. Næste møde er den 2. september 2025.\n"
                             "Bente Nielsen takkede Line Friis for sekretariatsbetjeningen.")
    assert item.outcome in (TAGET_TIL_EFTERRETNING, ANDET)
    assert item.outcome != GODKENDT


CLOSING = """Ballerup Kommune
Handicaprådet
Referat af møde den 3. juni 2025 kl. 16.00-18.00

Punkt 1. Godkendelse af dagsorden
Beslutning:
Godkendt.

Punkt 2. Eventuelt
Beslutning:
{decision}
"""


def test_a_constitutions_list_under_the_last_decision_stays_it(tmp_path):
    # «Formand: …» / «Referent: …» is what the council decided, not who signed (code review 41)
    decision = "Rådet konstituerede sig således:\nFormand: Bente Nielsen\nReferent: Line Friis\nNæstformand: Jens Wedel"
    document = read_written(tmp_path, "ballerup-handicapraadet-referat-2025-06-03.txt",
                            CLOSING.format(decision=decision))
    assert document.passages[1].decision == decision


def test_a_minute_taker_the_decision_names_after_a_colon_stays_it(tmp_path):
    decision = "Rådet valgte en ny referent:\nReferent: Line Friis\nValget gælder resten af 2025."
    document = read_written(tmp_path, "ballerup-handicapraadet-referat-2025-06-03.txt",
                            CLOSING.format(decision=decision))
    assert document.passages[1].decision == decision
