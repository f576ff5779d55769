"""Segmentation and metadata: every seed and every layout family against its expected.json."""

from __future__ import annotations

import dataclasses
import re

import pytest

from conftest import LAYOUTS, SEEDS, load_expected, FIXTURES, SEED_FILES, norm
from indexer.models import DECISION, EARLIER_DECISION
from indexer.pipeline import MAX_PASSAGE_CHARS, read_document

SEED_CASES = [(SEED_FILES[name], spec) for name, spec in load_expected(FIXTURES / "seeds").items()]
LAYOUT_CASES = list(load_expected(LAYOUTS).items())
DOCUMENT_FIELDS = ("doc_type", "municipality", "council", "year", "meeting_date", "place", "case_number")


def check_against(document, spec) -> None:
    for name in DOCUMENT_FIELDS:
        if name in spec:
            assert getattr(document, name) == spec[name], name
    for name in ("present", "absent"):
        if name in spec:
            assert list(getattr(document, name)) == spec[name], name
    got = [(p.item_number, norm(p.title)) for p in document.passages]
    want = [(item["number"], norm(item["title"])) for item in spec["items"]]
    assert got == want
    for passage, item in zip(document.passages, spec["items"]):
        # An item without a case number of its own carries the document's (None if it has none);
        # the expected value never falls back to what the passage happens to hold.
        assert passage.case_number == item.get("case_number", spec.get("case_number")), (passage.title, "case_number")
        assert passage.case_handler == item.get("case_handler"), (passage.title, "case_handler")
        # Every passage carries the document's metadata.
        assert (passage.municipality, passage.council, passage.year) == (document.municipality, document.council, document.year)


@pytest.mark.parametrize(("filename", "spec"), SEED_CASES, ids=[c[0] for c in SEED_CASES])
def test_seed_yields_expected_items_and_metadata(filename, spec):
    check_against(read_document(SEEDS / filename, SEEDS), spec)


@pytest.mark.parametrize(("filename", "spec"), LAYOUT_CASES, ids=[c[0][:2] for c in LAYOUT_CASES])
def test_layout_family_yields_expected_items_and_metadata(filename, spec):
    check_against(read_document(LAYOUTS / filename, LAYOUTS), spec)


# --- Seed traps ------------------------------------------------------------------------


def by_title(document, title):
    return [p for p in document.passages if p.title == title]


def test_repeated_item_number_still_gives_unique_stable_ids(seed_documents):
    document = seed_documents["naestved-integrationsraadet-referat-2015-05-21.txt"]
    assert [p.item_number for p in document.passages].count(16) == 2
    assert 13 not in [p.item_number for p in document.passages]
    ids = [p.id for p in document.passages]
    assert len(set(ids)) == len(ids)
    again = read_document(SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt", SEEDS)
    assert [p.id for p in again.passages] == ids


def test_an_items_id_survives_an_item_added_before_it(tmp_path, seed_documents):
    """A citation's link keeps its item: the minutes reindexed with the missing item 13 added
    give every other item the id it had; ids name the item, not its place."""
    name = "naestved-integrationsraadet-referat-2015-05-21.txt"
    before = {p.title: p.id for p in seed_documents[name].passages}
    text = (SEEDS / name).read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if re.match(r"\s*14\.\s", line))
    item_13 = ("13. Drøftelse af ansøgningsmulighed\n\nSagsbehandler: Mette Jung Christensen\n\n"
               "Beslutning\n\nDrøftet.\n\n")
    (tmp_path / name).write_text(text.replace(heading, item_13 + heading, 1), encoding="utf-8")
    after = read_document(tmp_path / name, tmp_path)
    assert len(after.passages) == len(before) + 1
    assert {p.title: p.id for p in after.passages if p.title in before} == before
    assert before["Modtagelse af flygtninge"].endswith("-15-modtagelse-af-flygtninge")


def test_decision_sub_points_are_not_items(seed_documents):
    document = seed_documents["naestved-integrationsraadet-referat-2015-05-21.txt"]
    (item,) = by_title(document, "Foreningernes dag 2015")
    assert "1) Rådet fastholder dets deltagelse på dagen med en stand." in item.decision
    assert "1) Drøfter rådets deltagelse på dagen." in item.sections_by_key()["indstilling"]


def test_decision_keeps_its_own_date_when_it_differs_from_the_meeting(seed_documents):
    document = seed_documents["naestved-integrationsraadet-referat-2015-05-21.txt"]
    (first_16,) = by_title(document, "Medborgerskabspolitikken")
    assert document.meeting_date == "2015-05-21"
    assert first_16.decision_date == "2015-03-19"
    assert first_16.decision.startswith("Punktet var udsat fra ordinært møde 19.03.2015.")


def test_upper_case_section_labels_become_named_sections_with_the_decision_first(seed_documents):
    document = seed_documents["naestved-integrationsraadet-referat-2015-05-21.txt"]
    (item,) = by_title(document, "Modtagelse af flygtninge")
    assert [s.key for s in item.sections] == [DECISION, "resume", "indstilling", "sagsfremstilling"]
    assert item.sections[0].label == "BESLUTNING"
    assert "Der nedsættes en arbejdsgruppe bestående af Hiba, Finn og Sahre." in item.decision
    assert "Integrationsrådet, 21.05.2015" not in item.decision  # the date line is the decision's date


def test_markdown_contents_table_and_markup_do_not_reach_passages(seed_documents):
    document = seed_documents["naestved-integrationsraadet-referat-2017-02-23.md"]
    assert len(document.passages) == 7
    for passage in document.passages:
        for markup in ("**", "<u>", "</u>", "](#)", "| "):
            assert markup not in passage.title and markup not in passage.text
    (item6,) = by_title(document, "Status på flygtninge")
    assert item6.sections_by_key()["bilag"] == "- Oplæg - Integrationsrådet 23.2.2017"


def test_mixed_case_sections_and_two_decisions(seed_documents):
    document = seed_documents["roskilde-integrationsraadet-referat-2026-06-04.txt"]
    (item14,) = [p for p in document.passages if p.item_number == 14]
    # both «Beslutning» sections are kept, the decision first; the second holds only the unfilled form
    # «Integrationsrådet udpeger følgende som tilforordnet …:», in its place, and decides nothing (layouts15)
    printed = [s for s in item14.sections if s.label == "Beslutning"]
    assert len(printed) == 2 and item14.sections[0] == printed[0]
    assert [s.key for s in printed] == [DECISION, "uudfyldt_beslutning"] and not printed[1].is_decision
    assert "Rådet kunne ikke udpege en repræsentant" in item14.decision
    assert "Integrationsrådet udpeger følgende som tilforordnet" not in item14.decision
    assert "Integrationsrådet udpeger følgende som tilforordnet" in printed[1].text
    assert {"fremstilling", "indstilling", "beslutningskompetence"} <= set(item14.sections_by_key())
    (item12,) = [p for p in document.passages if p.item_number == 12]
    assert "1. at Integrationsrådet drøfter behovet" in item12.sections_by_key()["indstilling"]


def test_annual_report_contents_and_dates_are_not_sections(seed_documents):
    document = seed_documents["naestved-integrationsraadet-aarsberetning-2019.txt"]
    assert all(p.item_number is None for p in document.passages)
    (foreword,) = by_title(document, "Forord")
    assert "vært ved mødet d. 29. oktober 2020." in foreword.text
    assert len(document.passages) == 8
    (rem,) = [p for p in document.passages if p.title.startswith("Repræsentantskabsmøde")]
    assert "http://rem.dk/news/vellykket-repraesentantskabsmode-den-21-sep-2019" in rem.text


def test_report_with_title_like_headings_keeps_the_quoted_vision_as_text(seed_documents):
    document = seed_documents["naestved-integrationsraadet-aarsberetning-2015.txt"]
    (vision,) = by_title(document, "Visionen 2014-2017")
    assert "Udbrede kendskabet til oplevelse af Integration gennem venskab" in vision.text.replace("\n", " ")
    assert document.year == 2015


NUMBERED_REPORT = """Tornby Kommune

Årsberetning 2020

Handicaprådet

Indhold
1. Forord 2
2. Rådets møder i 2020 3
3. Høringssvar 4

1. Forord

Handicaprådet har i 2020 arbejdet under særlige vilkår på grund af covid-19. Rådet har holdt de fleste møder virtuelt.

2. Rådets møder i 2020

Rådet har holdt seks møder i 2020. Møderne har været holdt på rådhuset og virtuelt.

3. Høringssvar

Rådet har afgivet otte høringssvar, blandt andet om kvalitetsstandarder på ældreområdet.
"""


@pytest.mark.parametrize("contents", [True, False], ids=["with-contents", "without-contents"])
def test_an_annual_report_with_numbered_sections(tmp_path, contents):
    # '1. Forord' right under the contents list is the first section, not one more entry of the list (a list
    # names each entry once); each numbered heading starts a section titled without its number.
    text = NUMBERED_REPORT if contents else re.sub(r"Indhold\n(.+\n)+\n", "", NUMBERED_REPORT)
    path = tmp_path / "aarsberetning.txt"
    path.write_text(text, encoding="utf-8")
    document = read_document(path, tmp_path)
    assert (document.doc_type, document.year) == ("årsberetning", 2020)
    assert [(p.item_number, p.title) for p in document.passages] == [
        (1, "Forord"), (2, "Rådets møder i 2020"), (3, "Høringssvar")]
    assert document.passages[0].text.startswith("Handicaprådet har i 2020 arbejdet")


# --- Layout traps ----------------------------------------------------------------------


def layout(prefix: str):
    (path,) = LAYOUTS.glob(f"{prefix}_*.txt")
    return read_document(path, LAYOUTS)


def test_page_chrome_never_reaches_a_passage():
    chrome = re.compile(r"Side \d+ af \d+|Til toppen|Referat 27\.05\.2015|Forside ›|Tilgængelighedserklæring|Udskriv")
    for prefix in ("f1", "f4", "f5", "f6", "f9"):
        for passage in layout(prefix).passages:
            assert not chrome.search(passage.text), (prefix, passage.title)


def test_attendance_lines_open_a_decision_as_its_note():
    item4 = layout("f1").passages[3]
    decision = item4.sections[0]
    assert decision.note == "Fraværende: Jørn Holst-Larsen\nMogens Ravn deltog ikke i behandlingen af punktet."
    assert decision.text.startswith("Integrationsrådet afgiver følgende høringssvar:")
    item43 = layout("f2").passages[2]
    assert item43.decision.startswith("Godkendt. Gulnaz Rahimi erklærede sig inhabil")


def test_earlier_committee_decisions_are_kept_apart_from_this_councils():
    item20 = layout("f3").passages[3]
    earlier = [s for s in item20.sections if s.key == EARLIER_DECISION]
    assert [s.label for s in earlier] == ["Social- og Ældreudvalgets møde den 6. marts 2012:"]
    assert item20.decision == "Godkendt, idet udvalget ønsker en evaluering efter det første hold."
    assert item20.decision_date == "2012-03-13"
    item59 = layout("f8").passages[1]
    assert item59.decision.startswith("Godkendt, idet udgiften til mentortimer")
    assert [s.date for s in item59.sections if s.key == EARLIER_DECISION] == ["2019-08-27"]


def test_decision_before_body_does_not_end_the_item():
    item130 = layout("f9").passages[1]
    keys = [s.key for s in item130.sections]
    assert keys[0] == DECISION and "sagsfremstilling" in keys and "bilag" in keys
    assert keys.count(EARLIER_DECISION) == 2
    assert "Kommunalbestyrelsen besluttede den 2. februar 2016" in item130.sections_by_key()["sagsfremstilling"]


def test_hyphenation_at_line_end_is_joined_in_text_files():
    assert "Kommunalbestyrelsen skal vedtage" in layout("f9").passages[2].text
    assert "fritidsaktivitet" in layout("f6").passages[4].text


def test_flattened_pdf_pages_split_by_their_contents_list():
    document = layout("f5")
    item3 = document.passages[2]
    assert item3.decision == "Godkendt."
    assert item3.sections[0].note == "Fraværende: Ole Riis (O)"
    assert "Havnsted Kommune - Beskæftigelsesudvalget - Referat" not in item3.text


ALL_CASES = [(SEEDS, name, spec) for name, spec in SEED_CASES] + [(LAYOUTS, name, spec) for name, spec in LAYOUT_CASES]
ALL_IDS = [name for _, name, _ in ALL_CASES]
# The test's own notion of a contents list, independent of indexer.contents: a header line
# (or, in a flattened PDF page, the header word inside the line), a dotted leader with a page
# number, or a title padded out to a page number at the end of the line.
TOC_HEADER = re.compile(r"^\s*(Indholdsfortegnelse|Indhold|Punkter|PUNKTER)\s*$|Indholdsfortegnelse")
TOC_PAGE_NUMBER = re.compile(r"(\.{4,}|\s{2,}|\|\s*)\d{1,3}\s*\|?\s*$")
DOTTED_LEADER = re.compile(r"\.{4,}\s*\d+")
# Fixtures whose source prints a contents list (the rest have none).
WITH_CONTENTS_LIST = {
    "naestved-integrationsraadet-aarsberetning-2019.txt", "naestved-integrationsraadet-referat-2017-02-23.md",
    "roskilde-integrationsraadet-referat-2026-06-04.txt", *(name for name, _ in LAYOUT_CASES if name[:2] in {"f1", "f2", "f3", "f4", "f5", "f6"}),
}


def source_norm(text: str) -> str:
    """Source text compared with passages: markup (tags, table bars, emphasis) and spacing ignored."""
    return norm(re.sub(r"<[^>]+>|[*_|]", " ", text))


def contents_entry_lines(lines: list[str], spec) -> list[int]:
    """1-based numbers of the source lines that list an item in the contents list: the first
    line naming an item's title, when the title is named again later and that first line is
    a contents line (near a contents header, or ending in a page number)."""
    folded = [source_norm(line) for line in lines]
    headers = [i for i, line in enumerate(lines) if TOC_HEADER.search(line)]
    entries = []
    for item in spec["items"]:
        title = source_norm(item["title"])[:24]
        hits = [i for i, line in enumerate(folded) if title in line]
        if len(hits) < 2:
            continue
        first = hits[0]
        if any(0 <= first - h <= 15 for h in headers) or TOC_PAGE_NUMBER.search(lines[first]):
            entries.append(first + 1)
    return entries


@pytest.mark.parametrize(("folder", "filename", "spec"), ALL_CASES, ids=ALL_IDS)
def test_contents_list_is_no_passage_and_no_passages_text(folder, filename, spec):
    """A contents list neither becomes an item (its entry standing in for a lost heading) nor
    ends up in an item's text."""
    lines = (folder / filename).read_text(encoding="utf-8").split("\n")
    entries = contents_entry_lines(lines, spec)
    assert bool(entries) == (filename in WITH_CONTENTS_LIST), entries
    listed = sorted(set(entries))
    for passage in read_document(folder / filename, folder).passages:
        assert passage.line not in listed, (passage.title, passage.line, listed)
        text = source_norm(passage.text)
        assert not DOTTED_LEADER.search(passage.text), passage.title
        assert "indholdsfortegnelse" not in text, passage.title
        for before, after in zip(listed, listed[1:]):
            assert source_norm(lines[before - 1] + " " + lines[after - 1]) not in text, (passage.title, before)


# A flattened PDF (one line per page) prints no number at a body heading: the number comes
# from its contents list, and the line a passage points at is its page.
FLATTENED = {name for name, _ in LAYOUT_CASES if name.startswith("f5")}


@pytest.mark.parametrize(("folder", "filename", "spec"), ALL_CASES, ids=ALL_IDS)
def test_passage_line_points_at_its_heading_in_the_source(folder, filename, spec):
    source_lines = (folder / filename).read_text(encoding="utf-8").split("\n")
    for passage in read_document(folder / filename, folder).passages:
        heading = source_lines[passage.line - 1]
        next_line = source_lines[passage.line] if passage.line < len(source_lines) else ""
        title = source_norm(passage.title)[:20]
        # The title is on the heading line (a flattened page's contents entries "Title....2" do
        # not count), or right below a bare number line ("Pkt. 58").
        on_line = title in source_norm(re.sub(r"[^.]*\.{4,}\s*\d+", " ", heading))
        below_number = re.fullmatch(r"\W*(?:Punkt|Pkt\.)\s*\d+\W*", heading) and title in source_norm(next_line)
        assert on_line or below_number, (passage.title, passage.line, heading)
        if passage.item_number is None or filename in FLATTENED:
            continue
        # The number is the heading's own marker ("12.", "Punkt 9:", "Pkt. 58"), or a title
        # line's "Sag nr. 129" right below it; not just a digit somewhere on the line.
        marker = rf"\W*(?:Punkt\s+|Pkt\.\s*|Sag nr\.\s*)?{passage.item_number}\b"
        assert re.match(marker, heading) or re.match(rf"\s*Sag nr\.\s*{passage.item_number}\b", next_line), (
            passage.title, passage.line, heading)


def test_a_dash_under_beslutning_is_kept_as_printed_but_is_no_decision(seed_documents, seed_index):
    document = seed_documents["roskilde-integrationsraadet-referat-2026-06-04.txt"]
    (item9,) = [p for p in document.passages if p.item_number == 9]
    assert item9.sections_by_key()["beslutning"] == "-"  # the section as the minutes print it
    assert not item9.has_decision and item9.decision == ""
    (item10,) = [p for p in document.passages if p.item_number == 10]
    assert item10.has_decision
    # Decisions-only search leaves it out; read back from the index it still has none.
    from search import SearchRequest

    listed = {h.id for h in seed_index.search(SearchRequest(decisions_only=True, page_size=100)).hits}
    assert item10.id in listed and item9.id not in listed
    assert not seed_index.passage(item9.id).has_decision


@pytest.mark.parametrize("text", ["-", "–", "—", ".", "…", "- -", "Ingen", "Intet.", "Ingen beslutning"])
def test_placeholder_decisions_are_no_decision(text):
    from indexer.models import Section
    from search.examples import example_passage

    passage = example_passage(decision="Godkendt.")
    placeholder = dataclasses.replace(passage, sections=(Section(DECISION, "Beslutning", text),))
    assert not placeholder.has_decision and placeholder.decision == ""
    for real in ("Godkendt.", "Der var intet til eventuelt.", "Ingen bemærkninger, taget til efterretning."):
        decided = dataclasses.replace(passage, sections=(Section(DECISION, "Beslutning", real),))
        assert decided.has_decision and decided.decision == real


def test_a_placeholder_decision_under_a_dated_header_sets_no_decision_date(tmp_path):
    minutes = tmp_path / "havnsted-beskaeftigelsesudvalget-referat-2019-11-19.txt"
    minutes.write_text(
        "Havnsted Kommune\nReferat\nBeskæftigelsesudvalget\nTirsdag den 19. november 2019\n\n"
        "1. Godkendelse af dagsorden\nSagsnr.: 19/20417\nIndstilling\nJobcenterchefen indstiller, at dagsordenen godkendes.\n"
        "BESLUTNING I BESKÆFTIGELSESUDVALGET DEN 20-11-2019\n-\n\n"
        "2. Ledighed\nSagsnr.: 19/3318\nIndstilling\nJobcenterchefen indstiller, at orienteringen tages til efterretning.\n"
        "BESLUTNING I BESKÆFTIGELSESUDVALGET DEN 20-11-2019\nTaget til efterretning.\n",
        encoding="utf-8",
    )
    placeholder, decided = read_document(minutes, tmp_path).passages
    assert (placeholder.has_decision, placeholder.decision_date) == (False, None)
    assert (decided.has_decision, decided.decision_date) == (True, "2019-11-20")


# --- Text without line breaks -----------------------------------------------------------


@pytest.fixture
def one_line_file(tmp_path):
    """A seed with its newlines replaced by spaces (some exports write a file as one line)."""
    text = (SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt").read_text(encoding="utf-8")
    path = tmp_path / "one.txt"
    path.write_text(text.replace("\n", " "), encoding="utf-8")
    return path, text


def test_a_file_on_one_line_gets_a_short_title_and_keeps_all_its_text_in_paragraphs(one_line_file):
    path, original = one_line_file
    (passage,) = read_document(path, path.parent).passages
    assert len(passage.title) <= 120 and passage.title.endswith("…")
    assert passage.title.startswith("11. Godkendelse af referatet Sagsbehandler")
    # Nothing is lost: every word of the file is in the passage text, in order.
    assert passage.text.split() == original.split()
    paragraphs = passage.text.split("\n\n")
    assert len(paragraphs) > 10 and all(len(p) <= 1000 for p in paragraphs)
    assert paragraphs[1][0].isupper()  # broken at a sentence end


def test_a_huge_one_line_file_has_a_bounded_title(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Integrationsrådet drøftede boligsituationen for flygtninge i kommunen. " * 40_000, encoding="utf-8")
    (passage,) = read_document(path, tmp_path).passages
    assert len(passage.title) <= 120
    # Cut at the passage bound (2.8 million characters here; see tests/test_robustness.py).
    assert passage.text.endswith("[…]") and 900_000 < len(passage.text) <= MAX_PASSAGE_CHARS + 5
    assert max(len(p) for p in passage.text.split("\n\n")) <= 1000


def test_a_short_first_line_is_still_the_title_of_a_document_without_structure(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Notat om sprogcentret\n\nSprogcentret flytter til nye lokaler i foråret, og undervisningen fortsætter.\n",
                    encoding="utf-8")
    (passage,) = read_document(path, tmp_path).passages
    assert passage.title == "Notat om sprogcentret"
    assert passage.text == "Sprogcentret flytter til nye lokaler i foråret, og undervisningen fortsætter."


def test_a_note_without_items_or_date_is_no_annual_report(tmp_path):
    # An annual report is a council's account of a year: a note of one paragraph, with no year, no
    # council and no meeting, is filed as the corpus's plain records (minutes) and claims nothing else.
    path = tmp_path / "note.txt"
    path.write_text("Notat om sprogcentret\n\nSprogcentret flytter til nye lokaler i foråret, og undervisningen fortsætter.\n",
                    encoding="utf-8")
    document = read_document(path, tmp_path)
    assert (document.doc_type, document.meeting_date, document.year, document.council) == ("referat", None, None, None)


@pytest.mark.parametrize(("text", "doc_type", "year"), [
    ("Årsberetning 2020\n\nHandicaprådet har i 2020 holdt fire møder og afgivet seks høringssvar.\n", "årsberetning", 2020),
    ("Beretning for 2020\n\nHandicaprådet har i 2020 holdt fire møder og afgivet seks høringssvar.\n", "årsberetning", 2020),
])
def test_a_one_paragraph_report_that_calls_itself_one_is_an_annual_report(tmp_path, text, doc_type, year):
    path = tmp_path / "beretning.txt"
    path.write_text(text, encoding="utf-8")
    document = read_document(path, tmp_path)
    assert (document.doc_type, document.meeting_date, document.year) == (doc_type, None, year)


PROSE_MINUTES = """Referat af møde i Handicaprådet den 3. marts 2020

Til stede: Jens Hansen, Mette Olsen, Bo Ib Larsen
Afbud: Kirsten Holm

Formanden bød velkommen, og dagsordenen blev godkendt uden bemærkninger.

Rådet drøftede tilgængeligheden på det nye bibliotek. Rådet ønsker en besigtigelse inden indflytning.

Næste møde holdes den 5. maj 2020.
"""

BARE_AGENDA = """Dagsorden

Ældrerådet

Mødedato: Mandag den 3. februar 2020 kl. 10.00
Mødested: Rådhuset, mødelokale 1

Godkendelse af dagsorden

Orientering fra formanden

Budget 2021 - Ældrerådets ønsker

Eventuelt
"""


def test_minutes_written_as_prose_are_minutes_of_their_meeting(tmp_path):
    # A small council's minutes without numbered items: the title line names the meeting and its date.
    path = tmp_path / "handicapraadet.txt"
    path.write_text(PROSE_MINUTES, encoding="utf-8")
    document = read_document(path, tmp_path)
    assert (document.doc_type, document.council, document.meeting_date, document.year) == (
        "referat", "Handicaprådet", "2020-03-03", 2020)
    assert (document.present, document.absent) == (("Jens Hansen", "Mette Olsen", "Bo Ib Larsen"), ("Kirsten Holm",))
    assert "besigtigelse" in document.passages[0].text


@pytest.mark.parametrize("title", ["Mødereferat", "Beslutningsreferat", "MØDEREFERAT"])
def test_prose_minutes_titled_by_a_compound_are_minutes(tmp_path, title):
    path = tmp_path / "handicapraadet.txt"
    path.write_text(f"{title} Handicaprådet 3. marts 2020\n\nFormanden bød velkommen, og dagsordenen blev godkendt.\n\n"
                    "Rådet drøftede tilgængeligheden på det nye bibliotek.\n", encoding="utf-8")
    document = read_document(path, tmp_path)
    assert (document.doc_type, document.meeting_date) == ("referat", "2020-03-03")


def test_an_agenda_that_only_lists_its_points_is_an_agenda_of_its_meeting(tmp_path):
    path = tmp_path / "aeldreraadet.txt"
    path.write_text(BARE_AGENDA, encoding="utf-8")
    document = read_document(path, tmp_path)
    assert (document.doc_type, document.council, document.meeting_date, document.place) == (
        "dagsorden", "Ældrerådet", "2020-02-03", "Rådhuset, mødelokale 1")
    assert "Budget 2021 - Ældrerådets ønsker" in document.passages[0].text


def test_an_item_heading_that_runs_on_is_cut_and_stays_searchable_in_the_text(tmp_path):
    heading = "15. Orientering om " + " ".join(f"emne{n}" for n in range(200))  # long, yet one line
    path = tmp_path / "referat.txt"
    path.write_text(f"Referat\n\n{heading}\nSagsbehandler: Mette Jung\n\nBESLUTNING\nGodkendt.\n", encoding="utf-8")
    (passage,) = read_document(path, tmp_path).passages
    assert passage.item_number == 15 and len(passage.title) <= 200 and passage.title.endswith("…")
    assert "emne199" in passage.text and passage.decision == "Godkendt."


def test_a_one_line_file_is_found_with_a_snippet(one_line_file, tmp_path):
    from search import SearchRequest, open_index

    path, _ = one_line_file
    document = read_document(path, path.parent)
    index = open_index(tmp_path / "index", create=True)
    with index.writer() as writer:
        writer.add(document, path.parent)
    (hit,) = index.search(SearchRequest(query="komfuret")).hits
    assert "<mark>komfuret</mark>" in hit.snippet and len(hit.title) <= 120
    index.close()


# --- A meeting place printed without a label ------------------------------------------------------


def test_flattened_pdf_page_gives_the_place_after_the_date():
    # f5 page 1: '… Tirsdag den 19. november 2019 kl. 16:00 Mødelokale A, Havnsted Rådhus Medlemmer: …'
    assert layout("f5").place == "Mødelokale A, Havnsted Rådhus"


MINUTES_ITEM = "\n\n1. Godkendelse af dagsorden\nSagsnr.: 21/1021\n\nBeslutning\nGodkendt.\n"


@pytest.mark.parametrize(("head", "place"), [
    # the place on its own line under the date line, with or without a blank line between
    ("Tornby Kommune\nReferat\nBørne- og Skoleudvalget tirsdag den 14. december 2021 kl. 18:30\n\nByrådssalen, Rådhuset",
     "Byrådssalen, Rådhuset"),
    ("Tornby Kommune\nReferat\nSocialudvalget\nTirsdag den 14. december 2021\nMødelokale A, Tornby Rådhus",
     "Mødelokale A, Tornby Rådhus"),
    ("Tornby Kommune\nKommunalbestyrelsen\nReferat\n14. december 2021\n\nKommunalbestyrelsessalen kl. 11:30",
     "Kommunalbestyrelsessalen"),
    # on the date line: 'kl. 17.00 i …'
    ("Tornby Kommune\nReferat fra mødet i Socialudvalget tirsdag den 14. december 2021 kl. 17.00 i Udvalgsværelse 2",
     "Udvalgsværelse 2"),
    # what follows the date names no room or building, or is a sentence, or is not next to it
    ("Tornby Kommune\nReferat\nSocialudvalget\nTirsdag den 14. december 2021\nOrdinært møde", None),
    ("Tornby Kommune\nReferat\nSocialudvalget\nTirsdag den 14. december 2021\nMødet holdes i Byrådssalen.", None),
    ("Tornby Kommune\nReferat\nSocialudvalget\nTirsdag den 14. december 2021\nOrdinært møde\nByrådssalen", None),
    ("Tornby Kommune\nReferat\nSocialudvalget\nTirsdag den 14. december 2021\nHanne Brix (formand), Ali Nour", None),
])
def test_a_place_printed_without_a_label_right_after_the_date(tmp_path, head, place):
    path = tmp_path / "referat.txt"
    path.write_text(head + MINUTES_ITEM, encoding="utf-8")
    document = read_document(path, tmp_path)
    assert (document.meeting_date, document.place) == ("2021-12-14", place)
    assert [(p.item_number, p.title) for p in document.passages] == [(1, "Godkendelse af dagsorden")]


@pytest.mark.parametrize("sent", ["Udsendt den 26. april 2022", "Dagsordenen er offentliggjort 26.04.2022",
                                  "Referatet er godkendt den 26. april 2022", "Næste møde: 26. april 2022"])
def test_the_meeting_date_is_not_the_date_the_papers_were_sent_out(tmp_path, sent):
    # An agenda's head often says when it was sent or published, before the line about the meeting itself.
    path = tmp_path / "referat.txt"
    path.write_text(f"Tornby Kommune\nByrådet\nReferat\n{sent}\n"
                    "Mødet blev holdt tirsdag den 3. maj 2022 kl. 17.00 i Byrådssalen" + MINUTES_ITEM, encoding="utf-8")
    document = read_document(path, tmp_path)
    assert (document.meeting_date, document.place) == ("2022-05-03", "Byrådssalen")


@pytest.mark.parametrize("label", ["Mødedato: 12.03.18", "Dato: 12-03-18 kl. 16.00"])
def test_a_meeting_date_printed_with_a_two_digit_year(tmp_path, label):
    path = tmp_path / "referat.txt"
    path.write_text(f"Tornby Kommune\nReferat\nSocialudvalget\n{label}\nMødested: Mødelokale 4, Tornby Rådhus"
                    + MINUTES_ITEM, encoding="utf-8")
    document = read_document(path, tmp_path)
    assert (document.meeting_date, document.year) == ("2018-03-12", 2018)


UNDATED_MINUTES = """Tornby Kommune
Referat
Økonomiudvalget

1. Budget 2021 - 1. behandling
Sagsnr.: 20/1021

Beslutning
Oversendt til byrådet.

2. Regnskab 2021 for Tornby Havn
Sagsnr.: 20/1022

Beslutning
Godkendt.
"""


@pytest.mark.parametrize(("title", "year"), [("Referat", None), ("Referat af møde nr. 3/2020", 2020),
                                             ("Referat 2020", 2020)])
def test_undated_minutes_are_in_the_year_their_title_gives_not_the_year_their_items_are_about(tmp_path, title, year):
    # A period search puts minutes without a date in their year: 'Budget 2021' is decided in 2020, so the
    # items' years are no year of the meeting.
    path = tmp_path / "referat.txt"
    path.write_text(UNDATED_MINUTES.replace("Referat", title, 1), encoding="utf-8")
    document = read_document(path, tmp_path)
    assert (document.doc_type, document.meeting_date, document.year) == ("referat", None, year)


# --- Members and absentees as web pages list them --------------------------------------------------


@pytest.mark.parametrize(("head", "present", "absent", "date"), [
    # one bullet a member, with an empty party bracket
    ("Referat - Folkeoplysningsudvalget den 6. december 2021\n\nMødested: Tornby Idrætscenter, klublokalet\n\n"
     "Medlemmer\n\n • Arne Bech ()\n • Connie Wilhjelm ()\n • Erik Petersen ()\n\n"
     "Fraværende med afbud\n\n • Hanne Jæger ()\n • Kim Helmersen ()",
     ("Arne Bech", "Connie Wilhjelm", "Erik Petersen"), ("Hanne Jæger", "Kim Helmersen"), "2021-12-06"),
    # the role before the name, a deputy's note after it, and the items a member missed
    ("Kommunalbestyrelsen\n\n14-12-2021\n\nMedlemmer\n\nFormand Erik Nielsen (A)\nMichel Berg (A)\n"
     "Birgitte Glifberg (A), Suppleant for Brian Møller (A)\n\nFraværende\n\nBritt Jensen (A), sag 129-138\n"
     "Brian Møller (A), sag 129-138",
     ("Erik Nielsen", "Michel Berg", "Birgitte Glifberg"), ("Britt Jensen", "Brian Møller"), "2021-12-14"),
])
def test_members_and_absentees_are_names_only(tmp_path, head, present, absent, date):
    path = tmp_path / "referat.txt"
    path.write_text(head + MINUTES_ITEM, encoding="utf-8")
    document = read_document(path, tmp_path)
    assert (document.present, document.absent) == (present, absent)
    assert document.meeting_date == date


@pytest.mark.parametrize("nobody", ["Ingen", "Ingen.", "Ingen afbud", "Alle mødt", "-"])
def test_an_absence_line_that_names_nobody_lists_no_absentee(tmp_path, nobody):
    # 'Fraværende: Ingen' is how a full meeting is recorded: no member called 'Ingen' missed it.
    path = tmp_path / "referat.txt"
    path.write_text(f"Tornby Kommune\nReferat\nSocialudvalget\nMødedato: 14.12.2021\n"
                    f"Medlemmer: Arne Bech, Connie Wilhjelm\nFraværende: {nobody}" + MINUTES_ITEM, encoding="utf-8")
    document = read_document(path, tmp_path)
    assert (document.present, document.absent) == (("Arne Bech", "Connie Wilhjelm"), ())


NEIGHBOUR_ITEM = ("\n\n1. Samarbejde med Vordingborg Kommune om jobcentre\nSagsnr.: 19/20417\n\nSagsfremstilling\n"
                  "Vordingborg Kommune har foreslået et samarbejde. Vordingborg Kommune driver i dag to jobcentre, og "
                  "Vordingborg Kommune ønsker at dele udgifterne.\n\nBeslutning\nGodkendt.\n")


@pytest.mark.parametrize("name, faceted", [
    ("Havnsted", "Havnsted"),
    # "Københavns Kommune" is the official name; a reader filters by "København", as the
    # facet lists every other municipality by its place name.
    ("Københavns", "København"),
])
@pytest.mark.parametrize("head", [
    "{NAME} KOMMUNE\n\nREFERAT\n\nBeskæftigelsesudvalget\nMødedato: 19.11.2019",
    "Referat\nBeskæftigelsesudvalget i {name} Kommune\nMødedato: 19.11.2019",
])
def test_the_municipality_on_the_title_page_outweighs_a_neighbour_named_in_an_item(tmp_path, head, name, faceted):
    # A title page in capitals, or naming the municipality mid-line, still names the minutes' own municipality;
    # the text of an item about a neighbouring municipality names that one more often.
    path = tmp_path / "referat.txt"
    path.write_text(head.format(NAME=name.upper(), name=name) + NEIGHBOUR_ITEM, encoding="utf-8")
    document = read_document(path, tmp_path)
    assert (document.municipality, document.council, document.meeting_date) == (
        faceted, "Beskæftigelsesudvalget", "2019-11-19")


def test_prose_minutes_name_their_municipality_in_the_title_line(tmp_path):
    path = tmp_path / "handicapraadet.txt"
    path.write_text(PROSE_MINUTES.replace("i Handicaprådet", "i Handicaprådet, Tornby Kommune,")
                    + "\nRådet besøgte Vordingborg Kommune og Vordingborg Kommunes bibliotek.\n", encoding="utf-8")
    assert read_document(path, tmp_path).municipality == "Tornby"


@pytest.mark.parametrize("head", [
    "Deltagere: Jens Hansen (formand), Mette Olsen, Bo Larsen\nFra administrationen: Lise Hansen, Peter Holm\n"
    "Afbud: Kirsten Holm\nReferent: Lise Hansen",
    "Til stede:\nJens Hansen, formand\nMette Olsen\nBo Larsen\nFra forvaltningen:\nLise Hansen\n\nAfbud:\nKirsten Holm",
    "Til stede:\nFormand: Jens Hansen\nMette Olsen\nBo Larsen\nØvrige deltagere: Lise Hansen\nAfbud: Kirsten Holm",
])
def test_staff_and_guests_listed_under_the_members_are_not_members(tmp_path, head):
    # Small councils list who attended from the administration under the members; 'present' is the members.
    path = tmp_path / "referat.txt"
    path.write_text("Tornby Kommune\nReferat\nHandicaprådet\nMødedato: 4. juni 2026\n" + head + MINUTES_ITEM,
                    encoding="utf-8")
    document = read_document(path, tmp_path)
    assert (document.present, document.absent) == (("Jens Hansen", "Mette Olsen", "Bo Larsen"), ("Kirsten Holm",))


def test_a_section_printed_empty_as_a_dash_is_left_out_but_a_decision_keeps_it():
    # f2 (LAYOUTS.md): 'Empty sections show ---'. Like a label with nothing under it, such a section is
    # no part of the item's text (no '---' in snippets); under Beslutning a dash is kept as printed.
    document = layout("f2")
    first = document.passages[0]
    assert [s.key for s in first.sections] == [DECISION, "dokumentnummer", "kompetence", "beslutningstema",
                                               "sagsfremstilling", "lovgrundlag", "indstilling"]
    assert not any("---" in p.text or any(s.text == "---" for s in p.sections) for p in document.passages)
    assert "Administrationen indstiller, at dagsordenen godkendes." in first.text
