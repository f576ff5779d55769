"""A note about the meeting or its document printed between the head and the first item (a
journalist's review): a correction («Rettelse: Referatet er rettet …»), an extraordinary, cancelled,
moved or online meeting. It was lost: «rettelse» or «ekstraordinært møde» found nothing, and an item's
page did not say its minutes were corrected. Now `meeting_note`, on every item of the document, in
the JSON, searchable (the body, not the shown text) and on the passage and document pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import api, client_of, read_written, run, soup
from indexer.models import Passage
from indexer.pipeline import read_document
from search.schema import RECORD_LATER, passage_record, stored_passage

FIXTURES = Path(__file__).parent / "fixtures"
RAVNBY = FIXTURES / "meeting_notes" / "ravnby-oekonomiudvalget-referat-2025-03-12.txt"
SEEDS = Path(__file__).parent.parent / "seeds"
RAVNBY_NOTE = ("Ekstraordinært møde\n\n"
               "Rettelse: Referatet er rettet den 14. marts 2025, punkt 2, beløbet er 4,2 mio. kr.\n\n"
               "Mødet var indkaldt med kort varsel på grund af hastesagen om skolebyggeriet.")

MINUTES = """Teknik- og Miljøudvalget
{title}
Mødested: Rådhuset, mødelokale 2
Til stede: Anne Holm, Bo Krogh

{note}

1. Godkendelse af dagsorden
Beslutning:
Godkendt.

2. Vinterberedskab
Beslutning:
Udvalget godkendte en ekstra bevilling.
"""


def _note(tmp_path, note: str, title: str = "Referat af mødet 12. marts 2025") -> str | None:
    document = read_written(tmp_path, "aarhus-teknik-og-miljoeudvalget-referat-2025-03-12.txt",
                            MINUTES.format(title=title, note=note))
    assert [p.item_number for p in document.passages] == [1, 2]
    assert len({p.meeting_note for p in document.passages}) == 1  # every item carries the same
    assert document.meeting_note == document.passages[0].meeting_note
    return document.meeting_note


def test_the_example_keeps_its_correction_kind_and_short_notice(runner):
    result = run(runner, "extract", RAVNBY, "--json")
    assert result.exit_code == 0, result.output
    passages = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [p["title"] for p in passages] == ["Godkendelse af dagsorden", "Skolebyggeri"]
    assert {p["meeting_note"] for p in passages} == {RAVNBY_NOTE}
    assert list(passages[0]).index("meeting_note") == list(passages[0]).index("supplement") + 1
    assert passages[0]["place"] == "Rådhuset"  # the head's metadata stays where it was read


@pytest.mark.parametrize("note", [
    "Rettelse: Referatet er rettet den 14. marts 2025, punkt 2, beløbet er 4,2 mio. kr.",
    "Rettet den 14. marts 2025: punkt 2 er tilføjet en protokoltilførsel.",
    "Rettelsesblad: Punkt 2 er rettet.",
    "Berigtigelse: Beløbet i punkt 2 er 4,2 mio. kr.",
    "NB: Referatet er godkendt af formanden.",
    "Bemærk: Punkt 2 blev behandlet før punkt 1.",
    "OBS: Mødet starter i mødelokale 3.",
    "Referatet er ændret den 14. marts 2025, da en bilagsliste manglede.",
    "Mødet blev aflyst.",
    "Mødet er flyttet til den 19. marts 2025.",
    "Mødet blev udsat en time.",
    "Mødet blev afbrudt kl. 18.30 på grund af brandalarm.",
    "Mødet blev holdt som virtuelt møde.",
    "Mødet blev holdt som telefonmøde.",
    "Mødet var indkaldt med kort varsel på grund af hastesagen om skolebyggeriet.",
])
def test_each_kind_of_note_is_kept_as_printed(tmp_path, note):
    assert _note(tmp_path, note) == note


def test_a_wrapped_note_is_one_paragraph_and_notes_are_joined_by_blank_lines(tmp_path):
    note = "Rettelse: Referatet er rettet den 14. marts 2025,\npunkt 2, beløbet er 4,2 mio. kr.\n\nMødet blev holdt som onlinemøde."
    assert _note(tmp_path, note) == ("Rettelse: Referatet er rettet den 14. marts 2025, punkt 2, beløbet er 4,2 mio. kr."
                                     "\n\nMødet blev holdt som onlinemøde.")


@pytest.mark.parametrize(("title", "kind"), [
    ("Referat af ekstraordinært møde 12. marts 2025", "Ekstraordinært møde"),
    ("EKSTRAORDINÆRT MØDE 12. marts 2025", "Ekstraordinært møde"),
    ("Referat af ekstraordinær generalforsamling 12. marts 2025", "Ekstraordinær generalforsamling")])
def test_the_meetings_kind_in_the_title_is_a_note(tmp_path, title, kind):
    assert _note(tmp_path, "", title=title) == kind


def test_a_long_note_is_cut_at_a_word(tmp_path):
    note = _note(tmp_path, "Rettelse: " + "beløbet i punkt 2 er rettet, " * 40)
    assert note.startswith("Rettelse: beløbet") and note.endswith(" …") and len(note) <= 602


@pytest.mark.parametrize("note", [
    "",
    "Dagsorden\nRettelse af takstblad\nVinterberedskab",  # an agenda list names items, no note
    "Mødet afholdes på rådhuset.",  # about the meeting, no kind of note
    "Fraværende: Lene Sand",
    "Referent: Per Kjær",
])
def test_ordinary_minutes_have_no_note(tmp_path, note):
    assert _note(tmp_path, note) is None


def test_no_seed_and_no_report_has_a_note():
    for path in sorted(SEEDS.iterdir()):
        if path.suffix in (".txt", ".md", ".html", ".pdf"):
            assert read_document(path, SEEDS).meeting_note is None, path.name
    report = FIXTURES / "reports4" / "odsherred-handicapraadet-aarsberetning-2024-2025.txt"
    assert {p.meeting_note for p in read_document(report, report.parent).passages} == {None}


def test_a_corrected_fixture_has_its_correction():
    path = FIXTURES / "case_history" / "skovlund-byraadet-referat-2024-04-25-rettet.txt"
    assert read_document(path, path.parent).meeting_note == (
        "Rettelse: Referatet er rettet den 29.04.2024. I punkt 9 var beløbet og stemmetallet angivet forkert.")


# --- stored records ---------------------------------------------------------------------------


def test_a_record_leaves_the_note_out_at_its_default_and_keeps_it_otherwise():
    with_note = read_document(RAVNBY, RAVNBY.parent).passages[0]
    record, later = passage_record(with_note)
    assert "meeting_note" not in json.loads(record)
    assert json.loads(later)["meeting_note"] == RAVNBY_NOTE
    assert stored_passage({"record": record, RECORD_LATER: later}) == with_note
    plain = read_document(SEEDS / "roskilde-integrationsraadet-referat-2026-06-04.txt", SEEDS).passages[0]
    record, later = passage_record(plain)
    assert "meeting_note" not in json.loads(record) and (later is None or "meeting_note" not in json.loads(later))


def test_a_record_stored_before_the_field_reads_back_without_a_note():
    record = read_document(RAVNBY, RAVNBY.parent).passages[0].to_record()
    del record["meeting_note"]
    assert Passage.from_record(record).meeting_note is None
    assert stored_passage({"record": json.dumps(record)}).meeting_note is None


# --- search and pages -------------------------------------------------------------------------


# A text file's tags are taken out when it is read: a note with markup is made at enrichment.
SCRIPTED_NOTE = "Rettelse: <script>alert(1)</script> punkt 2 er rettet.\nBeløbet er 0,8 mio. kr."
SCRIPTED = MINUTES.format(title="Referat af mødet 12. marts 2025", note="Rettelse: punkt 2 er rettet.")


@pytest.fixture(scope="module")
def notes_client(tmp_path_factory):
    root = tmp_path_factory.mktemp("meeting_notes")
    scripted_minutes = root / "aarhus-teknik-og-miljoeudvalget-referat-2025-03-12.txt"
    scripted_minutes.write_text(SCRIPTED, encoding="utf-8")
    import indexer.enrich
    real = indexer.enrich.meeting_note

    def scripted(head):
        note = real(head)
        return SCRIPTED_NOTE if note and "punkt 2 er rettet." in note and "mødelokale 2" in "\n".join(head) else note

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(indexer.enrich, "meeting_note", scripted)
        return client_of(root, [RAVNBY, scripted_minutes, SEEDS / "roskilde-integrationsraadet-referat-2026-06-04.txt"])


def test_the_notes_words_find_the_meetings_items(notes_client):
    titles = {h["title"] for h in api(notes_client, q="rettelse", limit=50)["hits"]}
    assert {"Godkendelse af dagsorden", "Skolebyggeri"} <= titles
    kind = api(notes_client, q='"ekstraordinært møde"', limit=50)["hits"]
    assert {h["title"] for h in kind} == {"Godkendelse af dagsorden", "Skolebyggeri"}
    assert {h["title"] for h in api(notes_client, q="kort varsel", limit=50)["hits"]} == {
        "Godkendelse af dagsorden", "Skolebyggeri"}


def test_the_note_is_not_in_the_shown_text(notes_client):
    passage = read_document(RAVNBY, RAVNBY.parent).passages[0]
    body = notes_client.get(f"/api/passage/{passage.id}").get_json()
    assert body["meeting_note"] == RAVNBY_NOTE
    assert "Rettelse" not in body["text"]
    assert "Rettelse" not in json.dumps(body["sections"], ensure_ascii=False)


def _fact(page, name: str):
    for fact in page.select("dl.facts > div"):
        if fact.dt.get_text(strip=True) == name:
            return fact.dd
    return None


def test_the_passage_and_document_pages_show_the_note(notes_client):
    passage = read_document(RAVNBY, RAVNBY.parent).passages[1]
    note = _fact(soup(notes_client.get(f"/passage/{passage.id}")), "Bemærkning til mødet")
    assert note is not None and len(note.find_all("br")) == 4  # three paragraphs, their lines kept
    assert re.sub(r"\s+", " ", note.get_text(" ")).strip() == re.sub(r"\s+", " ", RAVNBY_NOTE)
    document = soup(notes_client.get(f"/document/{passage.document_id}"))
    assert "Rettelse: Referatet er rettet" in _fact(document, "Bemærkning til mødet").get_text()
    body = notes_client.get(f"/api/document/{passage.document_id}").get_json()
    assert body["meeting_note"] == RAVNBY_NOTE


def test_the_note_is_escaped_on_the_page(notes_client):
    hits = api(notes_client, q="vinterberedskab")["hits"]
    response = notes_client.get(hits[0]["url"] if "url" in hits[0] else f"/passage/{hits[0]['id']}")
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    note = _fact(soup(response), "Bemærkning til mødet")
    assert note.get_text() == SCRIPTED_NOTE.replace("\n", "")
    assert len(note.find_all("br")) == 1 and not note.find("script")


def test_minutes_without_a_note_show_none(notes_client):
    hits = api(notes_client, q="integrationsrådet", municipality="Roskilde")["hits"]
    page = soup(notes_client.get(f"/passage/{hits[0]['id']}"))
    assert _fact(page, "Bemærkning til mødet") is None


# --- code review 22 -------------------------------------------------------------------------------

@pytest.mark.parametrize("note", [
    "Indholdsfortegnelse\n1. Godkendelse ..... 2\nOBS: lukkede punkter ..... 5",  # a contents list's line
    "NB: Husk at medbringe iPad og opladeren.",  # a reminder, not about the meeting or a change
    "Dagsorden:\nEkstraordinær generalforsamling i Ravnby Fjernvarme A/S\nRegnskab 2024",  # a list's line
    "Der var indkaldt til ekstraordinært møde for Ravnby Boligselskab onsdag, se punkt 4.",  # another's meeting
])
def test_what_only_looks_like_a_note_is_none(tmp_path, note):
    assert _note(tmp_path, note) is None


def test_a_correction_heading_on_its_own_line_keeps_its_text(tmp_path):
    assert _note(tmp_path, "Rettelse\nProtokollen er rettet i punkt 1.") == "Rettelse Protokollen er rettet i punkt 1."


def test_the_meetings_kind_on_a_line_of_its_own_below_the_head_is_a_note(tmp_path):
    text = ("Referat\nRavnby Kommune\nÆldrerådet\nMødedato: 12. marts 2025\nEkstraordinært møde\n\n"
            "1. Godkendelse af dagsorden\nBeslutning:\nGodkendt.\n\n2. Vinterberedskab\nBeslutning:\nGodkendt.\n")
    document = read_written(tmp_path, "ravnby-aeldreraadet-referat-2025-03-12.txt", text)
    assert document.meeting_note == "Ekstraordinært møde"


def test_a_hit_found_by_the_note_shows_the_note_marked_and_its_page_marks_it(notes_client):
    hit = next(h for h in api(notes_client, q="varsel", limit=50)["hits"] if h["title"] == "Skolebyggeri")
    assert hit["snippet"].startswith("Bemærkning til mødet: ") and "<mark>varsel</mark>" in hit["snippet"]
    page = notes_client.get(f"/api/passage/{hit['id']}", query_string={"q": "varsel"}).get_json()
    assert page["marked"]["found"] is True
    html = notes_client.get(f"/passage/{hit['id']}", query_string={"q": "varsel"}).get_data(as_text=True)
    assert "<mark" in html.split("Bemærkning til mødet", 1)[1].split("</dd>", 1)[0]


def test_the_note_marked_for_a_search_is_escaped_too(notes_client):
    hit = api(notes_client, q="vinterberedskab")["hits"][0]
    response = notes_client.get(f"/passage/{hit['id']}", query_string={"q": "rettet"})
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    note = _fact(soup(response), "Bemærkning til mødet")
    assert note.find("mark") and not note.find("script") and len(note.find_all("br")) == 1
