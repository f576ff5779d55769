"""The fixture PDFs end to end (extract → clean → segment → enrich → index), as MANIFEST.md says.

Each good PDF must give its items with page numbers and metadata, with no running header or
footer text in any passage and words hyphenated at line ends joined; each bad PDF must be
skipped with its one-line reason while the run indexes the rest.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import norm
from indexer.models import DECISION, Document, Passage
from indexer.pipeline import read_document

PDFS = Path(__file__).resolve().parent / "fixtures" / "pdf"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GOOD = ("referat-2017-02-23.pdf", "referat-2015-05-21.pdf", "aarsberetning-2019.pdf", "referat-2026-06-04.pdf")
HEADERS = ("Integrationsrådet – Referat 23.02.2017", "Næstved Kommune · Integrationsrådet · 21.05.2015")
FOOTER_LINE = re.compile(r"^\s*(Side\s+)?\d+(\s+af\s+\d+)?\s*$", re.M)


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return {name: read_document(PDFS / name, PDFS) for name in GOOD}


def texts(passage: Passage) -> list[str]:
    """Every text a user can see of a passage."""
    return [passage.title, passage.text, *(s.text for s in passage.sections), *(s.label for s in passage.sections)]


def all_text(document: Document) -> str:
    return "\n".join(t for p in document.passages for t in texts(p))


# --- items, pages and metadata ----------------------------------------------------------------


def test_2017_minutes_items_pages_and_meeting(documents):
    doc = documents["referat-2017-02-23.pdf"]

    assert [(p.item_number, norm(p.title), p.page) for p in doc.passages] == [
        (1, "godkendelse af referatet", 2),
        (2, "nyt fra foreningerne", 3),
        (3, "mødeplan 2017", 4),
        (4, norm('Orientering om Projektet "Integrationsmentor med fokus på beskæftigelse"'), 5),
        (5, "rådets fokus punkter i 2017", 6),
        (6, "status på flygtninge", 7),
        (7, "nyt fra formanden", 8),
    ]  # the page-1 contents table gives no passages
    assert {(p.case_handler, p.case_number) for p in doc.passages} == {("Helle Waage-Jensen", "00.01.00-A21-1-14")}
    assert (doc.doc_type, doc.municipality, doc.council) == ("referat", "Næstved", "Integrationsrådet")
    assert (doc.meeting_date, doc.year, doc.place) == ("2017-02-23", 2017, "Rådmandshaven 20, mødelokale 2")
    assert (len(doc.present), len(doc.absent)) == (8, 6)
    assert "Jozef Szuster" in doc.present and "Gunver Nielsen" in doc.absent


def test_2015_minutes_items_with_a_missing_and_a_repeated_number(documents):
    doc = documents["referat-2015-05-21.pdf"]

    assert [(p.item_number, norm(p.title), p.case_handler, p.page) for p in doc.passages] == [
        (11, "godkendelse af referatet", "Helle Waage-Jensen", 1),
        (12, "nyt fra foreningerne", "Mette Jung Christensen", 2),
        (14, "foreningernes dag 2015", "Mette Jung Christensen", 3),
        (15, "modtagelse af flygtninge", "Mette Jung Christensen", 4),
        (16, "medborgerskabspolitikken", "Mette Jung Christensen", 7),
        (16, "meddelelser", "Mette Jung Christensen", 9),
        (17, "eventuelt", "Helle Waage-Jensen", 10),
    ]  # no item 26 from "26. september holder …", no items from "1) …" sub-points
    assert len({p.id for p in doc.passages}) == 7
    assert (doc.meeting_date, doc.municipality, doc.council) == ("2015-05-21", "Næstved", "Integrationsrådet")
    assert doc.passages[4].decision_date == "2015-03-19"


def test_2015_items_run_whole_across_page_breaks(documents):
    items = {(p.item_number, p.page): p for p in documents["referat-2015-05-21.pdf"].passages}

    refugees = items[15, 4].text  # pages 4-6
    assert "Informationsmøder" in refugees and "Der nedsættes en arbejdsgruppe bestående af Hiba, Finn og Sahre." in refugees
    citizenship = items[16, 7].text  # pages 7-8
    assert "Ambassadørkorps for medborgerskab" in citizenship
    assert "Punktet var udsat fra ordinært møde 19.03.2015" in items[16, 7].decision
    assert "26. september holder Nødhjælpsdepotet 25 års jubilæum" in items[16, 9].text


def test_2015_sections_know_their_pages_and_the_decision_is_pages_after_the_heading(documents):
    """What a reporter quotes is the decision: items 15 and 16 start on pages 4 and 7 and are
    decided on pages 6 and 8 (MANIFEST.md); their other sections start where the item does."""
    doc = documents["referat-2015-05-21.pdf"]

    assert [(p.item_number, p.page, p.decision_page) for p in doc.passages] == [
        (11, 1, 1), (12, 2, 2), (14, 3, 3), (15, 4, 6), (16, 7, 8), (16, 9, 9), (17, 10, 10)]
    refugees = doc.passages[3]
    assert refugees.section_pages() == {"beslutning": 6, "resume": 4, "indstilling": 4, "sagsfremstilling": 4}
    assert [(s.key, s.page) for s in refugees.sections][0] == (DECISION, 6)  # the decision first, with its own page


@pytest.mark.parametrize("name", GOOD)
def test_every_section_starts_between_its_items_page_and_the_next_items(documents, name):
    passages = documents[name].passages
    for passage, following in zip(passages, [*passages[1:], None]):
        last = following.page if following else float("inf")
        assert all(passage.page <= s.page <= last for s in passage.sections), (
            passage.title, passage.page, [(s.key, s.page) for s in passage.sections])


def test_the_same_minutes_as_text_have_no_section_pages(documents):
    text = read_document(SEEDS / "naestved-integrationsraadet-referat-2015-05-21.txt", SEEDS)
    assert text.passages and all(p.page is None and p.decision_page is None for p in text.passages)
    assert {s.page for p in text.passages for s in p.sections} == {None}


def test_section_pages_are_kept_in_the_stored_record(documents):
    """The index stores `to_record` as JSON and reads it back; a record stored before sections
    had pages reads as sections without one (cited at the item's page, as before)."""
    refugees = documents["referat-2015-05-21.pdf"].passages[3]
    stored = json.loads(json.dumps(refugees.to_record(), ensure_ascii=False))
    assert Passage.from_record(stored) == refugees and Passage.from_record(stored).decision_page == 6
    for section in stored["sections"]:
        del section["page"]
    older = Passage.from_record(stored)
    assert older.decision_page is None and older.page == 4 and older.text == refugees.text


def test_2019_report_sections_pages_and_two_column_page(documents):
    doc = documents["aarsberetning-2019.pdf"]
    sections = {norm(p.title): p for p in doc.passages}

    assert [(norm(p.title), p.page) for p in doc.passages] == [
        ("forord", 3),
        ("centrale temaer for perioden 2018 - 2021", 4),
        ("integrationsrådets møder i 2019", 4),
        ("dm i skills 2019 i næstved", 5),
        ("fællesmøde i vordingborg", 5),
        ("foreningernes dag 2019", 5),
        ("fokus på forebyggelse af negativ social kontrol", 6),
        ("repræsentantskabsmøde rådet for etniske minioriteter", 7),
    ]  # contents page: no passages; "29. oktober 2020." and "2021. Rådet …" are no items
    assert (doc.doc_type, doc.year, doc.meeting_date, doc.municipality) == ("årsberetning", 2019, None, "Næstved")
    # Column by column: the Vordingborg text is filed under its own heading, not under DM i Skills.
    assert "Fællesmødet den 25. april" in sections["fællesmøde i vordingborg"].text
    assert "Fællesmødet" not in sections["dm i skills 2019 i næstved"].text
    assert "http://rem.dk/news/vellykket-repraesentantskabsmode-den-21-sep-2019" in sections[
        "repræsentantskabsmøde rådet for etniske minioriteter"].text


def test_2026_minutes_punkt_items_wrapped_titles_and_sections(documents):
    doc = documents["referat-2026-06-04.pdf"]
    items = {p.item_number: p for p in doc.passages}

    assert [(p.item_number, p.page) for p in doc.passages] == [(9, 3), (10, 4), (11, 6), (12, 8), (13, 9), (14, 10), (15, 11)]
    assert norm(items[12].title) == norm("Inddragelse af eksterne fagpersoner i Integrationsrådets arbejde")
    assert norm(items[13].title) == norm("Drøftelse af ansøgningsmulighed vedrørende inddragelse af ekstern faglig viden")
    assert norm(items[14].title) == norm("Udpegning af repræsentant til Folkeoplysnings udvalget")
    assert all(p.sections[0].key == DECISION for p in doc.passages)
    # two «Beslutning» sections; the second is the unfilled form, no decision (layouts15, as the seed's twin)
    assert [s.key for s in items[14].sections if s.label == "Beslutning"] == [DECISION, "uudfyldt_beslutning"]
    assert (doc.municipality, doc.meeting_date, doc.place) == ("Roskilde", "2026-06-04", "B-206")
    # The list of those present wraps inside a name ("Bashir" / "Nawa") on the PDF page.
    assert len(doc.present) == 12 and "Bashir Nawa" in doc.present and "Nawa" not in doc.present


# --- no page chrome, joined words -------------------------------------------------------------


@pytest.mark.parametrize("name", GOOD)
def test_no_running_header_or_footer_reaches_any_passage(documents, name):
    for passage in documents[name].passages:
        assert passage.page is not None
        for text in texts(passage):
            assert not any(header in text for header in HEADERS), (passage.title, text[:80])
            assert not FOOTER_LINE.search(text), (passage.title, FOOTER_LINE.search(text))


# Every word pdfminer splits at a line end in the fixtures, found by comparing the extracted
# text with the .fodt sources (as check-extraction.py does). "x -|y" is the spaced form.
HYPHENATED = {
    "referat-2017-02-23.pdf": ["del-|tage", "arran-|geret", "ar-|bejdes", "de-|cember", "pro-|jektet", "lo-|kale",
                               "ople-|ver", "præ-|sentere", "Beskæf -|tigelsesudvalget"],
    "referat-2015-05-21.pdf": ["inter-|esse", "admini-|strationsbygningen", "op-|levelse", "må-|ned", "Vandre-|hjemmet",
                               "nabo-|skab", "beskæftigelses-|indsatsen", "såle-|des", "øko-|nomiske", "tilsig-|tede",
                               "med-|borgerskabet", "aktions-|læring", "Folkesko-|lereformen", "rammebe-|tingelserne",
                               "bestå-|ende", "Efterføl-|gende", "eksem-|pelvis", "famili -|erne", "for -|eninger",
                               "opmærk -|somme", "nytte -|haver", "na -|boer", "re -|geringen", "med -|arbejderne",
                               "branche -|pakkerne", "der -|med", "mi -|ste", "infor -|mationsaftener", "un -|der",
                               "udtræk -|kes"],
    "aarsberetning-2019.pdf": ["samar-|bejde", "medbor-|gere", "Inte-|grationsrådets", "Lol-|land", "Flygtninge-|hjælp",
                               "uden-|landske", "udar-|bejdet", "Integra-|tionsrådet", "ar-|rangement", "etni-|ske",
                               "sundheds-|væsen", "proce-|durerne", "re-|patriere", "Rådmandsha-|ven", "planlæg-|ningen",
                               "Integrationsrå-|dets", "Repræ-|sentantskabet"],
    "referat-2026-06-04.pdf": ["strate-|giske", "rele-|vante", "in-|tegrationsområdet", "Inter-|viewet", "repræsen-|tanter",
                               "politi-|kerne", "minoritetsbag-|grund", "fremhæ-|vet", "tilhørs-|forhold", "mi-|noritetsbaggrund",
                               "selvforsør-|gelse", "eksempel-|vis", "målgrup-|pen", "al-|tid", "be-|grænse", "vanske-|ligt",
                               "begre-|ber", "hen-|blik", "forbin-|delse", "Fol-|keoplysningsudvalget", "inklu-|derende",
                               "pågæl-|dende", "sammen-|hængen", "fællesskabs -|kultur", "septem -|ber", "Integra -|tionspuljen",
                               "stil -|ling"],
}


@pytest.mark.parametrize("name", GOOD)
def test_words_hyphenated_at_line_ends_are_joined(documents, name):
    text = all_text(documents[name])
    problems = []
    for split in HYPHENATED[name]:
        left, right = re.split(r" ?-\|", split)
        if re.search(rf"\b{left} ?- ?{right}", text) or (left + right) not in text:
            problems.append(f"{split} → {left + right}")
    assert not problems, problems


def test_real_hyphens_at_line_ends_are_kept(documents):
    minutes_2015 = all_text(documents["referat-2015-05-21.pdf"])
    minutes_2026 = all_text(documents["referat-2026-06-04.pdf"])

    assert "intro-møder" in minutes_2015 and "intromøder" not in minutes_2015
    assert "for- og næstforperson" in minutes_2026


# --- bad files in a real run ---------------------------------------------------------------------

BAD = {
    "empty.pdf": "tom fil (0 bytes)",
    "encrypted.pdf": "krypteret PDF – kræver adgangskode",
    "truncated.pdf": "beskadiget eller afkortet PDF (uventet filslutning)",
    "not-a-pdf.pdf": "ikke en PDF (starter med '<!DOCTYPE html', ligner HTML)",
    "scanned-no-text.pdf": "intet tekstlag (billed-/scannet PDF) – kør OCR først, fx ocrmypdf -l dan",
}


def test_a_folder_of_good_and_bad_pdfs_indexes_the_good_and_names_each_bad_one(tmp_path):
    from indexer.progress import format_summary
    from indexer.update import update_index
    from search import SearchRequest, open_index

    corpus = tmp_path / "pdf"
    corpus.mkdir()
    for pdf in PDFS.glob("*.pdf"):
        shutil.copy(pdf, corpus / pdf.name)

    report = update_index([corpus], tmp_path / "index")

    assert {s.source: s.reason for s in report.skipped} == BAD
    assert (report.seen, report.indexed, report.passages) == (9, 4, 7 + 7 + 8 + 7)
    summary = format_summary(report)
    assert all(f"  {name}: {reason}" in summary.splitlines() for name, reason in BAD.items())
    index = open_index(tmp_path / "index")
    assert sorted(index.sources()) == sorted(GOOD)
    hits = index.search(SearchRequest(query="flygtninge", page_size=50)).hits
    assert hits and all(h.source in GOOD and h.page for h in hits)
    refugees = next(h for h in hits if h.title == "Modtagelse af flygtninge")
    assert (refugees.source, refugees.page, refugees.item_number) == ("referat-2015-05-21.pdf", 4, 15)
    assert index.search(SearchRequest(query='"Siden blev ikke fundet"')).total == 0
