"""Layouts review 17 (2026-12-05), an item's fields and a meeting's head and footers (files in
tests/fixtures/layouts17/, copied from the review).

The findings: Frederiksberg prints an item's «Sagsnr.» / «Sagsansvarlig» above its closing «Bilag»
section, and item 42 lost both, kept them in its economy section's text and got a note of merged items;
«Mødet hævet kl. 21.35» under «Fraværende: Laura Lindahl (B)» became an absent member; Odense's Markdown
footer «Side 1 af 1 · Odense Kommune · …», opening with its page number, became the last item's decision, and
so did Frederiksberg's closing «Frederiksberg Kommune      24.02.2025» and Bornholm's page footers «Teknik- og
Miljøudvalget 03-03-2025      4», printed on pages 1, 4 and 6 only.
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture, read_written

LAYOUTS17 = FIXTURES / "layouts17"
read = partial(read_fixture, LAYOUTS17)

FREDERIKSBERG = "frederiksberg-kommunalbestyrelsen-referat-2025-02-24.txt"
ODENSE = "odense-by-og-kulturudvalget-referat-2025-02-04.md"
BORNHOLM = "bornholm-teknik-og-miljoeudvalget-referat-2025-03-03.txt"


def _item(document, number: int):
    return next(p for p in document.passages if p.item_number == number)


def _section(passage, key: str) -> str:
    return next(s.text for s in passage.sections if s.key == key)


# --- 1. the fields above a closing «Bilag» section -------------------------------------------------------

def test_fields_above_the_closing_attachments_are_the_items():
    document = read(FREDERIKSBERG)
    item = _item(document, 42)
    assert (item.case_number, item.case_handler) == ("2024-0031270", "Karsten Lind")
    assert _section(item, "økonomi") == ("Anlægsudgiften på 24,5 mio. kr. afholdes af Frederiksberg Forsyning "
                                         "og påvirker ikke kommunens serviceramme.")
    assert _section(item, "bilag") == "Bilag 1: Projektbeskrivelse Grøndals Park\nBilag 2: Tidsplan"
    # the item's own case number is no sign of two items read as one
    assert not [n for n in document.notices if "starten på et andet punkt" in n], document.notices
    # the items printing them as their last paragraph, as before
    assert [(p.item_number, p.case_number, p.case_handler) for p in document.passages if p.item_number in (43, 44)] == [
        (43, "2024-0044102", "Signe Kaas Holm"), (44, "2025-0004411", "Jonas Meldgaard")]


ABOVE_ATTACHMENTS = """Referat
Teknik- og Miljøudvalget
Mødedato: 3. marts 2025

1. Vejbelysning på Havnevej
Sagsfremstilling
Belysningen udskiftes til LED{end}

Beslutning
Godkendt.

Sagsnr.: 25/1234
Sagsbehandler: Henrik Mølgaard

Bilag:
Skitse over Havnevej
Notat om belysningens økonomi

2. Meddelelser
Beslutning
Taget til efterretning.
"""


def test_fields_above_attachments_labelled_with_a_colon(tmp_path):
    item = _item(read_written(tmp_path, "above.txt", ABOVE_ATTACHMENTS.format(end=".")), 1)
    assert (item.case_number, item.case_handler) == ("25/1234", "Henrik Mølgaard")
    assert _section(item, "beslutning") == "Godkendt."
    assert _section(item, "bilag") == "Skitse over Havnevej\nNotat om belysningens økonomi"


def test_fields_after_a_sentence_broken_off_stay_its_text(tmp_path):
    # «… som behandles under» / «Sagsnr.: 25/1234» names another case: the text's, no field
    text = ABOVE_ATTACHMENTS.replace("Godkendt.", "Godkendt, idet sagen ses sammen med den der behandles under")
    item = _item(read_written(tmp_path, "broken.txt", text.format(end=".")), 1)
    assert item.case_number is None
    assert "Sagsnr.: 25/1234" in _section(item, "beslutning")


# --- 2. what follows a list of names in the meeting's head -----------------------------------------------

HEAD = """Frederiksberg Kommune
Kommunalbestyrelsen

Referat fra ordinært møde
mandag den 24. februar 2025 kl. 19.00

Fraværende: Laura Lindahl (B)
{after}

Godkendelse af dagsorden
Sag nr. 41
Beslutningskompetence: KB

Beslutning
Godkendt.
"""


def test_the_meeting_ending_under_the_absent_is_no_member(tmp_path):
    assert _item(read(FREDERIKSBERG), 41).absent == ("Laura Lindahl",)
    endings = ("Mødet hævet kl. 21.35", "Mødet sluttede kl. 21.15", "Mødet blev afsluttet kl. 22.00",
               "Mødet startede kl. 19.05", "Næste møde: 24. marts 2025")
    for number, after in enumerate(endings):
        document = read_written(tmp_path, f"head-{number}.txt", HEAD.format(after=after))
        assert [p.absent for p in document.passages] == [("Laura Lindahl",)], after


def test_a_name_continuing_the_list_still_counts(tmp_path):
    document = read_written(tmp_path, "more.txt", HEAD.format(after="Peter Holm (A)"))
    assert [p.absent for p in document.passages] == [("Laura Lindahl", "Peter Holm")]


# --- 3. a footer opening with «Side N af M» --------------------------------------------------------------

def test_a_footer_opening_with_its_page_number_is_no_decision():
    item = _item(read(ODENSE), 5)
    assert _section(item, "beslutning") == "Intet."
    assert not item.has_decision  # «Intet.» under «Eventuelt»: nothing decided


def test_such_a_footer_without_emphasis_is_dropped_and_a_reference_kept(tmp_path):
    text = ("# By- og Kulturudvalget\n\n## Referat\n\n**Mødetidspunkt:** Tirsdag den 4. februar 2025, kl. 8.30\n\n"
            "### 1. Tilskud til Kulturnat\n\n**Sagsnr.:** 25/00412\n\n**Beslutning**\n\n{decision}\n\n---\n\n"
            "Side 1 af 1 · Odense Kommune · By- og Kulturudvalget · 04.02.2025\n")
    item = _item(read_written(tmp_path, "footer.md", text.format(decision="Godkendt.")), 1)
    assert _section(item, "beslutning") == "Godkendt."
    kept = _item(read_written(tmp_path, "reference.md", text.format(
        decision="Godkendt.\n\nSide 3 af 8 - se tabellen over tilskud")), 1)
    assert "Side 3 af 8 - se tabellen over tilskud" in _section(kept, "beslutning")


# --- 4. a closing footer of the municipality's name and the meeting's date -------------------------------

def test_the_closing_footer_with_the_meetings_date_is_no_decision():
    assert _section(_item(read(FREDERIKSBERG), 45), "beslutning") == "Godkendt."


def test_a_closing_line_with_another_date_or_no_gap_stays(tmp_path):
    text = (LAYOUTS17 / FREDERIKSBERG).read_text(encoding="utf-8")
    for number, (footer, kept) in enumerate((
            ("Frederiksberg Kommune                                    24.02.2025", None),
            ("Frederiksberg Kommune                                    03.03.2025", "Frederiksberg Kommune 03.03.2025"),
            ("Frederiksberg Kommune, 24.02.2025", "Frederiksberg Kommune, 24.02.2025"))):
        changed = text.replace("Frederiksberg Kommune                                    24.02.2025", footer)
        decision = _section(_item(read_written(tmp_path, f"closing-{number}.txt", changed), 45), "beslutning")
        assert decision == ("Godkendt." if kept is None else f"Godkendt.\n\n{kept}"), footer


# --- 5. page footers printed on some pages only -----------------------------------------------------------

def test_footers_repeating_the_title_lines_on_some_pages_are_dropped():
    document = read(BORNHOLM)
    assert not [p.item_number for p in document.passages
                for s in p.sections if "03-03-2025" in s.text], "a page footer left in an item"
    assert _section(_item(document, 5), "beslutning") == "Oversendes til Økonomi- og Erhvervsudvalget."
    assert _section(_item(document, 2), "beslutning").startswith("Anbefales.\nEt mindretal (F) stemte imod")


def test_such_numbers_under_another_head_stay(tmp_path):
    # the committee's name with another date than the title's, counting something: a table's rows
    text = (LAYOUTS17 / BORNHOLM).read_text(encoding="utf-8")
    changed = text.replace("Teknik- og Miljøudvalget 03-03-2025    ", "Teknik- og Miljøudvalget 10-03-2025    ")
    document = read_written(tmp_path, BORNHOLM, changed)
    assert "Teknik- og Miljøudvalget 10-03-2025 6" in _section(_item(document, 5), "beslutning")
