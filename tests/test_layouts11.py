"""Layouts review 11 (2026-12-05): minutes and agendas in layouts not seen before (files in
tests/fixtures/layouts11/, copied from the review, and small texts written here).

The findings: «Udvalgets beslutning den 12. marts 2025:» was no decision header, so another committee's
decision above it became the item's; «Sag 31: Title» was no item heading; a numbered list of the items
under «Sager til beslutning» made a phantom item and a false note that the numbers start over; «Ad 6)
Evt.» was no item heading (the abbreviation's full stop read as a sentence's end).
"""

from __future__ import annotations

from functools import partial

import pytest

from conftest import FIXTURES, read_fixture, read_written

LAYOUTS11 = FIXTURES / "layouts11"
read = partial(read_fixture, LAYOUTS11)


def _items(document) -> list[tuple[int | None, str]]:
    return [(p.item_number, p.title) for p in document.passages]


# --- 1. «Udvalgets beslutning den …»: the council's own decision, dated ------------------------------


def test_udvalgets_dated_decision_is_the_items_decision():
    document = read("bakkeby-oekonomiudvalget-referat-2025-03-12.txt")
    assert [p.item_number for p in document.passages] == [1, 2, 3, 4, 5, 6]
    outcomes = [(p.item_number, p.outcome) for p in document.passages]
    assert outcomes[:5] == [(1, "Godkendt"), (2, "Anbefalet"), (3, "Afvist"), (4, "Udsat"),
                            (5, "Taget til efterretning")]
    item3 = document.passages[2]
    assert item3.decision.startswith("Ikke godkendt. Sagen sendes tilbage til Teknik- og Miljøudvalget")
    assert item3.sections_by_key()["tidligere_beslutning"] == "Anbefales godkendt."
    assert "Udvalgets beslutning" not in item3.sections_by_key()["indstilling"]
    assert document.passages[3].decision == "Udsat til næste møde, idet udvalget ønsker en risikovurdering."
    assert not document.notices


_HEAD = "Ravnby Kommune\nØkonomiudvalget\nReferat\nMødedato: 12.03.2025\n\n"


@pytest.mark.parametrize("council", ["Udvalgets", "Rådets", "Bestyrelsens", "UDVALGETS"])
def test_own_council_dated_header_under_another_committees(tmp_path, council):
    text = (_HEAD + "1. Parkeringsstrategi\nSagsnr.: 24/1234\n\nSagens indhold\nForslag til strategi.\n\n"
            "Teknik- og Miljøudvalgets beslutning den 3. marts 2025:\nAnbefales godkendt.\n\n"
            f"{council} beslutning den 12. marts 2025:\nIkke godkendt.\n")
    item = read_written(tmp_path, "referat.txt", text).passages[0]
    assert item.decision == "Ikke godkendt."
    assert item.outcome == "Afvist"
    assert item.sections_by_key()["tidligere_beslutning"] == "Anbefales godkendt."


@pytest.mark.parametrize("line", ["Rådets møde den 12. marts 2025", "Udvalgets beslutning den 12. marts 2025 blev fulgt."])
def test_sentences_about_a_council_stay_text(tmp_path, line):
    text = (_HEAD + "1. Parkeringsstrategi\nSagsnr.: 24/1234\n\nSagens indhold\n" + line + "\n\n"
            "Beslutning\nGodkendt.\n")
    item = read_written(tmp_path, "referat.txt", text).passages[0]
    assert item.decision == "Godkendt."
    assert line in item.sections_by_key()["sagsfremstilling"]


# --- 2. «Sag 31: Title» -----------------------------------------------------------------------


def test_sag_n_colon_headings_in_markdown():
    document = read("lindved-boerne-og-skoleudvalget-dagsorden-2025-04-07.md")
    assert _items(document) == [(31, "Godkendelse af dagsorden"), (32, "Høring om ny skolestruktur i Lindved Vest"),
                                (33, "Kvalitetsrapport for folkeskolerne 2023/24"),
                                (34, "Ansøgning fra Kærby Friskole om tilskud til legeplads"), (35, "Meddelelser")]
    item32 = document.passages[1]
    assert item32.sections_by_key()["økonomi"] == "Model 2 forventes at give en besparelse på 3,1 mio. kr. årligt fra 2027."
    assert item32.case_number == "17.01.00-P20-1-24"
    assert not any(p.has_decision for p in document.passages)  # an agenda: proposals only
    assert not document.notices


@pytest.mark.parametrize("form", ["Sag {n}: {t}", "Sag {n}. {t}", "Sag {n} – {t}", "SAG {n}: {t}"])
def test_sag_n_headings_in_plain_text(tmp_path, form):
    items = [(12, "Godkendelse af dagsorden"), (13, "Budgetopfølgning"), (14, "Eventuelt")]
    text = _HEAD + "".join(form.format(n=n, t=t) + f"\nSagsnr.: 25/{n}00\n\nBeslutning\nGodkendt.\n\n"
                           for n, t in items)
    document = read_written(tmp_path, "referat.txt", text)
    assert _items(document) == items
    assert [p.case_number for p in document.passages] == ["25/1200", "25/1300", "25/1400"]


@pytest.mark.parametrize("line", ["Sag 13 blev udsat til næste møde.", "Sag: 24/1234", "Sagsnr.: 24/1234",
                                  "Sag 13 Byrådet besluttede at udsætte sagen."])
def test_lines_about_a_sag_are_no_headings(tmp_path, line):
    text = (_HEAD + "Sag 12: Godkendelse af dagsorden\nSagsnr.: 25/1200\n\nBeslutning\nGodkendt.\n" + line + "\n\n"
            "Sag 14: Eventuelt\nSagsnr.: 25/1400\n\nBeslutning\nIntet.\n")
    document = read_written(tmp_path, "referat.txt", text)
    assert [p.item_number for p in document.passages] == [12, 14]
    assert line in document.passages[0].text


# --- 3. the items' list under «Sager til beslutning» -------------------------------------------------


def test_items_list_under_sager_til_beslutning_is_contents():
    document = read("region-sjaelland-regionsraadet-referat-2025-03-24.txt")
    assert _items(document) == [(1, "Godkendelse af dagsorden"), (2, "Økonomirapport 1 2025"),
                                (3, "Nyt akuthus i Holbæk - projektforslag og bevilling"),
                                (4, "Høringssvar til Sundhedsstrukturkommissionens anbefalinger"),
                                (5, "Lukket sag: Erstatningssag")]
    assert [p.closed for p in document.passages] == [False, False, False, False, True]
    assert [p.outcome for p in document.passages] == ["Godkendt", "Godkendt", "Udsat", "Høringssvar", "Godkendt"]
    assert document.passages[1].sections_by_key()["tidligere_beslutning"] == "Anbefalet."
    assert not document.notices  # no «nummereringen begynder forfra»


_ITEMS = ("Sag nr.: 1\nGodkendelse af dagsorden\nSagsnummer: 25-000118\n\nBeslutning\nGodkendt.\n\n"
          "Sag nr.: 2\nBudget 2026\nSagsnummer: 25-000412\n\nBeslutning\nGodkendt.\n\n"
          "Sag nr.: 3\nMeddelelser\nSagsnummer: 25-000413\n\nBeslutning\nTaget til efterretning.\n\n"
          "Sag nr.: 4\nErstatningssag\nSagsnummer: 24-021774\n\nBeslutning\nGodkendt.\n")


@pytest.mark.parametrize("header", ["Sager til beslutning", "Punkter til beslutning", "Åbne sager", "Dagsorden"])
def test_items_list_under_a_group_header(tmp_path, header):
    text = (_HEAD + f"{header}\n1. Godkendelse af dagsorden\n2. Budget 2026\n3. Meddelelser\n4. Erstatningssag\n\n\n"
            + _ITEMS)
    document = read_written(tmp_path, "referat.txt", text)
    assert _items(document) == [(1, "Godkendelse af dagsorden"), (2, "Budget 2026"), (3, "Meddelelser"),
                                (4, "Erstatningssag")]
    assert not document.notices


@pytest.mark.parametrize("between", ["\n", "\n\n"])
def test_items_lists_of_several_groups(tmp_path, between):
    text = (_HEAD + "Sager til beslutning\n1. Godkendelse af dagsorden\n2. Budget 2026\n" + between[1:]
            + "Sager til orientering\n3. Meddelelser\n" + between[1:] + "Lukkede sager\n4. Erstatningssag\n\n\n"
            + _ITEMS)
    document = read_written(tmp_path, "referat.txt", text)
    assert _items(document) == [(1, "Godkendelse af dagsorden"), (2, "Budget 2026"), (3, "Meddelelser"),
                                (4, "Erstatningssag")]
    assert not document.notices


def test_group_header_above_its_first_item_stays_a_group_header(tmp_path):
    # the header's numbered line is the item's heading, with its anchor: no list of the items
    text = (_HEAD + "Sager til beslutning\n1. Godkendelse af dagsorden\nSagsnr.: 25/100\n\nBeslutning\nGodkendt.\n\n"
            "2. Budget 2026\nSagsnr.: 25/200\n\nBeslutning\nGodkendt.\n\n"
            "Lukkede sager\n3. Erstatningssag\nSagsnr.: 25/300\n\nBeslutning\nGodkendt.\n")
    document = read_written(tmp_path, "referat.txt", text)
    assert [(p.item_number, p.closed) for p in document.passages] == [(1, False), (2, False), (3, True)]
    assert document.passages[0].decision == "Godkendt."


def test_numbered_answers_under_a_group_header_stay_items(tmp_path):
    # minutes that answer the list point by point: no items printed below it, no contents list
    text = (_HEAD + "Sager til beslutning\n1. Godkendelse af dagsorden\n2. Budget 2026\n\n"
            "Referat\n1. Dagsordenen blev godkendt.\n2. Budgettet blev godkendt.\n")
    document = read_written(tmp_path, "referat.txt", text)
    assert "Budget 2026" in " ".join(p.title + " " + p.text for p in document.passages)


# --- 4. «Ad 6) Evt.» ----------------------------------------------------------------------------


def test_ad_n_evt_abbreviated_is_an_item():
    document = read("vestrup-lokalraad-referat-2025-03-04.txt")
    assert _items(document) == [(1, "Velkomst og godkendelse af dagsorden"), (2, "Nyt fra kommunen"),
                                (3, "Trafiksikkerhed på Skolevej"), (4, "Sankthans 2025"), (5, "Økonomi"),
                                (6, "Evt.")]
    assert "hundeefterladenskaber" not in document.passages[4].text
    assert "hundeefterladenskaber" in document.passages[5].text
    assert document.passages[2].decision.startswith("Bent skriver et brev til Teknik- og Miljøudvalget")


@pytest.mark.parametrize("form", ["Ad {n}) Evt.", "{n}. Evt.", "Punkt {n}: Evt."])
def test_evt_abbreviated_in_other_forms(tmp_path, form):
    text = ("Vestrup Lokalråd\nReferat af møde 4. marts 2025\n\n"
            + form.format(n=1).replace("Evt.", "Godkendelse af dagsorden") + "\nDagsorden godkendt.\n\n"
            + form.format(n=2).replace("Evt.", "Økonomi") + "\nRegnskabet blev gennemgået.\n\n"
            + form.format(n=3) + "\nKlager over hundeefterladenskaber på stien.\n")
    document = read_written(tmp_path, "referat.txt", text)
    assert [(p.item_number, p.title) for p in document.passages][-1] == (3, "Evt.")
    assert "hundeefterladenskaber" not in document.passages[1].text


def test_sentence_ending_in_a_word_stays_text(tmp_path):
    # «6) Vi tager det op igen.» ends a sentence: no item 6 from a list in item 5's text
    text = ("Vestrup Lokalråd\nReferat af møde 4. marts 2025\n\n"
            "Ad 1) Godkendelse af dagsorden\nDagsorden godkendt.\n\n"
            "Ad 2) Økonomi\nRegnskabet blev gennemgået.\n\n"
            "Ad 3) Vi tager det op igen.\nKlager over hundeefterladenskaber på stien.\n")
    document = read_written(tmp_path, "referat.txt", text)
    assert [p.item_number for p in document.passages] == [1, 2]


# --- the other files read as before -----------------------------------------------------------------


def test_taarnhoej_contents_and_closed_items():
    document = read("taarnhoej-kommunalbestyrelsen-referat-2025-02-27.txt")
    assert [(p.item_number, p.closed) for p in document.passages] == [
        (1, False), (2, False), (3, False), (4, False), (5, False), (6, True), (7, True)]
    assert document.passages[2].sections_by_key()["tidligere_beslutning"] == "Anbefales."
    assert document.passages[4].outcome == "Afvist"
    assert not document.notices


def test_holmstrup_html_items():
    document = read("holmstrup-handicapraadet-referat-2025-02-19.html")
    assert [p.item_number for p in document.passages] == [1, 2, 3, 4, 5]
    assert document.passages[1].outcome == "Høringssvar"
    assert document.passages[4].decision == "Orienteringen blev taget til efterretning."


def test_contents_list_of_sag_n_entries(tmp_path):
    text = (_HEAD + "Indhold\nSag 31: Godkendelse af dagsorden ..... 2\nSag 32: Budget 2026 ..... 3\n\n"
            "Sag 31: Godkendelse af dagsorden\nSagsnr.: 25/3100\n\nBeslutning\nGodkendt.\n\n"
            "Sag 32: Budget 2026\nSagsnr.: 25/3200\n\nBeslutning\nGodkendt.\n")
    document = read_written(tmp_path, "referat.txt", text)
    assert _items(document) == [(31, "Godkendelse af dagsorden"), (32, "Budget 2026")]
    assert not document.notices
