"""Code review 32: misfires of the layouts13 reading changes (files in tests/fixtures/codereview32/, copied from
the review, and small texts written here).

The findings read here: Kolding's weak labels «Forslag»/«Beskrivelse» cut a decision quoting a motion or a
table's header row into an untitled passage, made prose minutes «labelled» (so «Vi blev enige om …» decided
nothing) and moved a case account's sub-headings into the recommendation; the joint-committee name took a
meeting's two parties («mellem Landsbyerne og Teknikudvalget», «borgmester Jakob Lund og Teknikudvalget») for one
committee; a named body of another association («Generalforsamlingen vedtog …», «Repræsentantskabet godkendte
…») was recorded as a lokalråd's own decision; and «Beslutning - Teknik- og Miljøudvalget - 18.03.2025» was no
decision header.
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written

CR32 = FIXTURES / "codereview32"
read = partial(read_fixture, CR32)


def _item(document, number: int):
    return next(p for p in document.passages if p.item_number == number)


def _section(passage, key: str) -> str | None:
    return next((s.text for s in passage.sections if s.key == key), None)


# --- 1. «Forslag»/«Beskrivelse» are labels only in an item's opening run ---------------------------------------


def test_a_motion_quoted_in_a_decision_stays_in_the_decision():
    document = read("f1_byraadet_referat_2025-03-10.txt")
    assert [p.item_number for p in document.passages] == [1, 2, 3]  # no untitled passage cut from a decision
    decision = _item(document, 2).decision
    assert decision.startswith("Venstre stillede følgende ændringsforslag:\nForslag\nDer afsættes yderligere 2 mio. kr.")
    assert decision.endswith("Ændringsforslaget faldt. Indstillingen blev herefter godkendt.")
    assert _section(_item(document, 2), "indstilling") == (
        "Direktionen indstiller, at der gives en anlægsbevilling på 12 mio. kr.")


def test_a_tables_header_row_in_a_decision_stays_in_the_decision():
    decision = _item(read("f1_byraadet_referat_2025-03-10.txt"), 3).decision
    assert "Projekt\nBeskrivelse\nBeløb\nNørregade" in decision
    assert decision.endswith("0,4 mio. kr.")


@pytest.mark.parametrize("name, number, decision", [
    ("u1_ungdomsraad_referat_2025-03-10.txt", 1,
     "Vi blev enige om at sende et brev til Kultur- og Fritidsudvalget om en ny skatepark ved stadion."),
    ("u1_ungdomsraad_referat_2025-03-10.txt", 2, "Vi blev enige om at gå videre med koncerten."),
    ("k2_lokalraad_referat_2025-03-18.txt", 2, "Lokalrådet besluttede at sende ansøgningen."),
])
def test_a_proposal_line_in_prose_minutes_leaves_their_decisions_to_be_read(name, number, decision):
    passage = _item(read(name), number)
    assert passage.decision == decision
    assert _section(passage, "indstilling") is None


def test_a_case_accounts_sub_headings_are_not_the_recommendation():
    passage = _item(read("f2_teknikudvalget_referat_2025-03-10.txt"), 2)
    assert _section(passage, "indstilling") == "Forvaltningen indstiller, at udvalget godkender projektforslaget."
    assert "Arkitekterne foreslår" not in (_section(passage, "sagsfremstilling") or "") + _section(passage, "indstilling")
    assert "Forslag\nArkitekterne foreslår, at parkeringen flyttes til Havnegade." in passage.text
    assert passage.decision == "Godkendt."


def test_kolding_labels_open_the_item_one_after_the_other():
    document = read("k1_referat_2025-03-18.txt")
    cykelsti = _item(document, 2)
    assert _section(cykelsti, "sagsfremstilling") == "Der er afsat 4 mio. kr."
    assert _section(cykelsti, "indstilling") == "Direktøren foreslår, at projektet godkendes."
    assert _section(_item(document, 3), "indstilling") == "Direktøren foreslår, at vejnavnet godkendes."


def test_a_weak_label_after_another_label_is_text():
    from indexer.conventions import opens_item, weak_label

    assert weak_label("Forslag") and weak_label("BESKRIVELSE:") and not weak_label("Forslag til beslutning")
    assert opens_item("Beskrivelse", opening=True) and not opens_item("Beskrivelse", opening=False)
    assert opens_item("Sagsfremstilling", opening=False)


def test_an_untitled_layouts_restart_is_not_made_by_a_motion_after_the_decision():
    from indexer.models import Line
    from indexer.unnumbered import with_restarts
    from indexer.headings import Heading

    texts = ["Sagsfremstilling", "Tekst.", "Indstilling", "Godkendes.", "Beslutning", "V stillede forslag:",
             "Forslag", "Mere.", "Godkendt."]
    lines = [Line(text, 1, k) for k, text in enumerate(texts)]
    assert len(with_restarts(lines, [Heading(0, None, "", 0)])) == 1


# --- 4. Kolding's dash header naming the committee ------------------------------------------------------------


def test_a_decision_header_with_the_committee_between_dashes():
    from indexer.conventions import decision_header

    header = decision_header("Beslutning - Teknik- og Miljøudvalget - 18.03.2025")
    assert (header.council, header.date) == ("Teknik- og Miljøudvalget", "2025-03-18")
    assert decision_header("Beslutning - Godkendt - 18.03.2025") is None
    assert _item(read("k1_referat_2025-03-18.txt"), 2).decision == "Godkendt."


# --- 2. A meeting's two parties are not one joint committee ---------------------------------------------------


@pytest.mark.parametrize("name, council", [
    ("h1_dagsorden_2025-03-10.txt", "Teknikudvalget"),  # «dialogmøde mellem Landsbyerne og Teknikudvalget»
    ("h3_referat_2025-03-10.txt", "Børneudvalget"),  # «fællesmøde mellem Skolebestyrelserne og Børneudvalget»
    ("h4_dagsorden_2025-03-10.txt", "Teknikudvalget"),  # «mellem borgmester Jakob Lund og Teknikudvalget»
])
def test_a_meeting_between_two_parties_is_the_committees(name, council):
    assert {p.council for p in read(name).passages} == {council}


@pytest.mark.parametrize("text, councils", [
    ("Venstre og Teknikudvalget", ["Teknikudvalget"]),
    ("Borgerne og Teknikudvalget", ["Teknikudvalget"]),
    ("Kommunaldirektør og Teknikudvalget", ["Teknikudvalget"]),
    ("DGI og Teknikudvalget", ["Teknikudvalget"]),
    ("Jens og Marianne og Kulturudvalget", ["Kulturudvalget"]),
    ("Dialogmøde mellem Landsbyerne og Teknikudvalget", ["Teknikudvalget"]),
    ("Møde mellem Plan og Teknikudvalget", ["Teknikudvalget"]),
    # the committees of several fields keep their names
    ("Teknik & Byggeudvalget", ["Teknik & Byggeudvalget"]), ("Teknik og Byggeudvalget", ["Teknik og Byggeudvalget"]),
    ("Kultur og Fritidsudvalget", ["Kultur og Fritidsudvalget"]),
    ("Social og Sundhedsudvalget", ["Social og Sundhedsudvalget"]),
    ("Klima, Natur og Miljøudvalget", ["Klima, Natur og Miljøudvalget"]),
    ("Børn & Familieudvalget", ["Børn & Familieudvalget"]), ("KULTUR OG FRITIDSUDVALGET", ["KULTUR OG FRITIDSUDVALGET"]),
])
def test_only_fields_make_a_joint_committee(text, councils):
    from indexer.councils import _COUNCIL

    assert _COUNCIL.findall(text) == councils


@pytest.mark.parametrize("head, council", [
    (["Vejle Kommune", "Dagsorden for møde mellem København og Teknikudvalget"], "Teknikudvalget"),
    (["Vejle Kommune", "Dialogmøde mellem borgmester Jakob Lund og Teknikudvalget"], "Teknikudvalget"),
    (["Esbjerg Kommune", "Kultur og Fritidsudvalget"], "Kultur og Fritidsudvalget"),  # the council's line alone
])
def test_a_name_joined_by_og_is_a_committee_where_the_document_names_it_so(head, council):
    from indexer.councils import council_of

    assert council_of(head, [*head, "1. Velkomst", "Formanden bød velkommen."]) == council


def test_a_name_joined_by_og_recurring_in_a_decision_header_is_the_council():
    from indexer.councils import council_of

    head = ["Esbjerg Kommune", "Referat fra Kultur og Fritidsudvalget"]
    body = [*head, "1. Godkendelse", "Beslutning i Kultur og Fritidsudvalget den 12-03-2025", "Godkendt."]
    assert council_of(head, body) == "Kultur og Fritidsudvalget"


# --- 3. Another body's decision reported in a lokalråd's minutes ----------------------------------------------


def test_another_associations_decision_is_the_lokalraads_account():
    document = read("g2_lokalraad_referat_2025-03-10.txt")
    assert not _item(document, 1).has_decision  # «Generalforsamlingen vedtog at hæve kontingentet …»
    assert not _item(document, 2).has_decision  # «Repræsentantskabet godkendte regnskabet …» (the waterworks)
    assert "Generalforsamlingen vedtog at hæve kontingentet til 150 kr." in _item(document, 1).text
    assert _item(document, 3).decision == "Mødet besluttede at holde julemarked 30. november."


def test_a_general_assemblys_minutes_decide_by_its_name():
    document = read("gf_generalforsamling_referat_2025-03-10.txt")
    assert _item(document, 2).decision == "Generalforsamlingen vedtog de nye vedtægter."
    assert _item(document, 3).decision == "Generalforsamlingen vedtog at hæve kontingentet til 150 kr."


def test_another_bodys_outcome_as_an_items_last_paragraph_is_no_decision(tmp_path):
    # the item's prose outcome (`indexer.items`) names a body: only the document's own decides
    text = ("Referat af møde i Egebæk Lokalråd\nDato: 10. marts 2025\n\n1) Nyt fra Vandværket\n"
            "Per fortalte om vandværkets møde.\n\nRepræsentantskabet godkendte regnskabet.\n\n"
            "2) Legeplads\nKassereren har søgt puljen.\n\nLokalrådet godkendte ansøgningen.\n")
    document = read_written(tmp_path, "egebaek-lokalraad-referat-2025-03-10.txt", text)
    assert not _item(document, 1).has_decision
    assert _item(document, 2).decision == "Lokalrådet godkendte ansøgningen."


def test_a_text_without_a_council_in_its_head_counts_a_joint_name_only_where_it_recurs():
    from indexer.councils import council_of

    assert council_of([], ["Dialogmøde mellem borgmester Jakob Lund og Teknikudvalget", "Formanden bød velkommen."]) == (
        "Teknikudvalget")
    assert council_of([], ["Referat fra Kultur og Fritidsudvalget",
                           "Beslutning i Kultur og Fritidsudvalget den 1. marts 2025"]) == "Kultur og Fritidsudvalget"
