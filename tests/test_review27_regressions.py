"""Misreadings a code review (27) found in the day's new rules, each as minutes a council prints."""

from __future__ import annotations

from indexer.pipeline import read_document

HEAD = ("Teknik- og Miljøudvalget\nReferat\nMødedato: 4. marts 2025\nMødested: Rådhuset\n\n")


def _items(tmp_path, body: str):
    path = tmp_path / "tarnby-teknik-og-miljoeudvalget-referat-2025-03-04.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    return {p.item_number: p for p in read_document(path, tmp_path).passages}


def test_a_decisions_last_word_after_an_attendance_line_is_no_signature(tmp_path):
    """«Anbefales» under «Ole Riis (O) deltog ikke …» was read as a signature and cut off."""
    items = _items(tmp_path, "1. Trafikplan\n\nSagsfremstilling\nForvaltningen har udarbejdet en plan.\n\n"
                             "Beslutning\nForvaltningen besvarede spørgsmål fra udvalget.\n"
                             "Ole Riis (O) deltog ikke i behandlingen af punktet.\nAnbefales\n")
    assert items[1].outcome == "Anbefalet"
    assert "Anbefales" in items[1].decision


def test_a_signature_under_the_meetings_end_still_closes_the_minutes(tmp_path):
    items = _items(tmp_path, "1. Trafikplan\n\nSagsfremstilling\nForvaltningen har udarbejdet en plan.\n\n"
                             "Beslutning\nGodkendt.\n\nMødet hævet kl. 17.30.\n\nAnne Holm\nFormand\n")
    assert items[1].decision == "Godkendt."


def test_an_item_closed_at_another_meeting_does_not_close_this_ones(tmp_path):
    """«Punkt 3 blev behandlet for lukkede døre på mødet den 5. februar» closed this meeting's open item 3."""
    items = _items(tmp_path, "1. Orientering\n\nSagsfremstilling\nFormanden orienterede.\n\nBeslutning\n"
                             "Taget til efterretning.\n\nPunkt 3 blev behandlet for lukkede døre på mødet den "
                             "5. februar.\n\n2. Vejbelysning\n\nSagsfremstilling\nNye lamper.\n\nBeslutning\nGodkendt.\n\n"
                             "3. Budgetopfølgning\n\nSagsfremstilling\nRegnskabet følger budgettet.\n\n"
                             "Beslutning\nGodkendt.\n")
    assert not items[3].closed
    items = _items(tmp_path, "1. Orientering\n\nSagsfremstilling\nFormanden orienterede.\n\nBeslutning\n"
                             "Taget til efterretning.\n\nPunkt 2 blev behandlet for lukkede døre.\n\n"
                             "2. Personalesag\n\nSagsfremstilling\nEn sag.\n\nBeslutning\nGodkendt.\n")
    assert items[2].closed


def test_a_supplementary_items_header_is_no_part_of_the_decision_above_it(tmp_path):
    """«Supplerende punkter» over a late item stayed at the end of the decision above it (code review 28)."""
    items = _items(tmp_path, "1. Vejbelysning\nSagsnr.: 24/1111\n\nBeslutning\nGodkendt.\n\n"
                             "2. Trafikplan\nSagsnr.: 24/1112\n\nBeslutning\nTaget til efterretning.\n\n"
                             "Supplerende punkter\n\n8. Salg af areal ved Havnevej\nSagsnr.: 24/9999\n\n"
                             "Beslutning\nGodkendt.\n")
    assert sorted(items) == [1, 2, 8]
    assert items[2].decision == "Taget til efterretning."


def test_fields_after_a_line_broken_off_on_a_reference_word_stay_text(tmp_path):
    """«…, se» / «Sagsnr.: 23/0999» gave the item another case's number (code review 30)."""
    for ending in ("se", "der blev behandlet hos", "som behandles sammen med punkt"):
        items = _items(tmp_path, "1. Vejbelysning\n\nSagsfremstilling\nLamperne skal skiftes.\n\nBeslutning\n"
                                 f"Godkendt. Udvalget ønsker sagen set i sammenhæng med trafikplanen, {ending}\n\n"
                                 "Sagsnr.: 23/0999\n")
        assert items[1].case_number is None, ending


def test_a_cut_excerpt_keeps_an_abbreviations_stop():
    from indexer.conventions import without_closing_stop
    from search.highlight import excerpt

    assert excerpt("Udgiften er ca. 25.000 kr.\nBeløbet udbetales i maj.", max_lines=1) == "Udgiften er ca. 25.000 kr.…"
    assert [without_closing_stop(t) for t in ("opgøres pr.", "m.fl.", "p.t.", "indtil videre.")] == [
        "opgøres pr.", "m.fl.", "p.t.", "indtil videre"]


def test_fields_after_a_complete_decision_without_a_stop_are_the_items(tmp_path):
    """«Udvalget godkendte sagen» (no stop) then «Sagsnr.: …» lost the item its case fields: «sagen»
    and «bilag» end sentences (code review 31)."""
    for decision in ("Udvalget godkendte sagen", "Godkendt som beskrevet i bilag"):
        items = _items(tmp_path, "1. Vejbelysning\n\nSagsfremstilling\nLamperne skal skiftes.\n\nBeslutning\n"
                                 f"{decision}\n\nSagsnr.: 23/0999\nSagsbehandler: Anne Holm\n")
        assert (items[1].case_number, items[1].case_handler) == ("23/0999", "Anne Holm"), decision
