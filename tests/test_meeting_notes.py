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

from conftest import api, client_of, read_fixture, read_written, run, soup
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

    def scripted(head, items=()):
        note = real(head, items)
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


# --- notes between and after the items, and more kinds of meeting --------------------------------

NOTES = FIXTURES / "meeting_notes"


def _document(name: str):
    return read_fixture(NOTES, name)


def _notes_of(document) -> set[str | None]:
    return {p.meeting_note for p in document.passages}


def test_a_break_and_a_closed_item_between_the_items_are_the_meetings_notes():
    document = _document("ravnby-byraadet-referat-2025-05-22.txt")
    assert [p.item_number for p in document.passages] == [1, 2, 3, 4, 5, 6]
    assert _notes_of(document) == {
        "Punkt 7 udgik af dagsordenen.\n\n"
        "Mødet blev afbrudt kl. 18.30 på grund af brandalarm og genoptaget kl. 18.50.\n\n"
        "Punkt 5 blev behandlet for lukkede døre."}
    # Not a note: another meeting in item 2's case text, the theme meeting item 3 is about, its
    # postponed date (item 3's own outcome) and the routine end of the meeting.
    for words in ("borgerne", "efteråret", "Temamøde", "udsættes", "hævet"):
        assert words not in document.meeting_note


def test_a_theme_meeting_with_a_changed_time():
    document = _document("ravnby-klima-og-miljoeudvalget-referat-2025-09-03.txt")
    assert _notes_of(document) == {
        "Temamøde\n\nÆndret mødetidspunkt: Mødet begynder kl. 15.00 og ikke som planlagt kl. 16.00."}
    assert document.meeting_date == "2025-09-03" and document.passages[0].place == "Ravnby Forsyning, Havnevej 4"


def test_the_constituent_meeting_with_a_suspension_and_an_added_item():
    document = _document("ravnby-byraadet-referat-2026-01-02.txt")
    assert _notes_of(document) == {
        "Konstituerende møde\n\n"
        "Mødet blev suspenderet kl. 17.40 og genoptaget kl. 18.05.\n\n"
        "Punkt 5 blev tilføjet dagsordenen på mødet."}
    assert [p.outcome for p in document.passages] == ["Valg", "Valg", "Godkendt", "Valg", "Valg"]


def test_a_joint_meeting_names_its_councils():
    document = read_fixture(FIXTURES / "layouts8", "f_faellesmoede_boerne_skole_strandby_2025-02-24.txt")
    assert _notes_of(document) == {"Fællesmøde mellem Børneudvalget og Skoleudvalget"}


def test_notes_printed_as_paragraphs_between_html_items_and_a_correction_after_them():
    document = _document("solby-oekonomiudvalget-referat-2025-04-08.html")
    assert [p.item_number for p in document.passages] == [1, 2, 3]
    assert _notes_of(document) == {
        "Punkt 4 udgik af dagsordenen.\n\n"
        "Mødet blev afbrudt kl. 15.40 og genoptaget kl. 16.10, da et medlem blev syg.\n\n"
        "Rettelse den 10. april 2025: I punkt 3 er bevillingen rettet fra 12 til 21 mio. kr."}
    assert document.passages[2].outcome == "Anbefalet"  # item 3's own postponed part is no note


def test_what_the_items_say_of_themselves_and_the_routine_end_are_no_note():
    """A theme meeting named by an item, «Sagen udsættes til næste møde», «Mødet hævet kl. 17.30»; and
    item 3 left out, item 4 closed, each told also by the item itself («Punktet udgår», «(Lukket)»)."""
    document = _document("ravnby-teknik-og-miljoeudvalget-referat-2025-06-10.txt")
    assert [(p.item_number, p.closed, p.outcome) for p in document.passages] == [
        (1, False, "Godkendt"), (2, False, "Andet"), (3, False, "Udsat"), (4, True, "Udsat")]
    assert _notes_of(document) == {None}


@pytest.mark.parametrize(("title", "kind"), [
    ("Referat af temamøde 12. marts 2025", "Temamøde"),
    ("TEMAMØDE 12. marts 2025", "Temamøde"),
    ("Referat af konstituerende møde 12. marts 2025", "Konstituerende møde"),
    ("Konstituerende byrådsmøde 12. marts 2025", "Konstituerende byrådsmøde"),
    ("Referat af fællesmøde 12. marts 2025", "Fællesmøde"),
    ("Fællesmøde med Ældrerådet 12. marts 2025", "Fællesmøde med Ældrerådet"),
    ("FÆLLESMØDE MED ÆLDRERÅDET 12. MARTS 2025", "Fællesmøde med ældrerådet")])
def test_more_kinds_of_meeting_in_the_title(tmp_path, title, kind):
    assert _note(tmp_path, "", title=title) == kind


@pytest.mark.parametrize("note", [
    "Ændret mødetidspunkt: kl. 15.00",
    "Nyt mødested: Byrådssalen",
    "NB: Ændret mødested – mødet holdes i Byrådssalen.",
    "Mødet er flyttet til den 19. marts 2025 kl. 16.00.",
    "Mødet er rykket til kl. 15.00.",
    "Punkt 7 udgik af dagsordenen.",
    "Punkterne 3 og 4 blev taget af dagsordenen.",
    "Punkt 2 blev behandlet for lukkede døre.",
    "Pkt. 8 blev tilføjet dagsordenen efter udsendelsen.",
])
def test_a_changed_time_or_place_and_an_item_left_out_above_the_items_are_notes(tmp_path, note):
    assert _note(tmp_path, note) == note


@pytest.mark.parametrize("note", [
    "Dagsorden\nTemamøde om klima i 2027\nVinterberedskab",  # an unnumbered agenda list's item
    "Punkt 2 blev taget til efterretning.",  # an item's outcome, told by the item
    "Mødet starter kl. 16.00.",  # the time as planned
])
def test_near_misses_above_the_items_are_no_note(tmp_path, note):
    assert _note(tmp_path, note) is None


def test_a_title_opening_with_the_documents_name_still_gives_the_kind(tmp_path):
    text = ("Dagsorden\nRavnby Kommune\nÆldrerådet\nTemamøde 12. marts 2025\n\n"
            "1. Demensvenlig kommune\nBeslutning:\nDrøftet.\n\n2. Eventuelt\nBeslutning:\nIntet.\n")
    assert read_written(tmp_path, "ravnby-aeldreraadet-dagsorden-2025-03-12.txt", text).meeting_note == "Temamøde"


@pytest.mark.parametrize(("after", "note"), [
    ("Mødet hævet kl. 17.30.", None),
    ("Sagen udsættes til næste møde.", None),
    ("Mødet sluttede kl. 17.30.", None),
    *[(note, note) for note in ("Mødet blev afbrudt kl. 17.10 og genoptaget kl. 17.20.",
                                "Punkt 2 blev behandlet for lukkede døre.")],
])
def test_a_line_after_the_first_items_decision(tmp_path, after, note):
    text = MINUTES.format(title="Referat af mødet 12. marts 2025", note="").replace(
        "Godkendt.\n", f"Godkendt.\n\n{after}\n", 1)
    document = read_written(tmp_path, "aarhus-teknik-og-miljoeudvalget-referat-2025-03-12.txt", text)
    assert [p.item_number for p in document.passages] == [1, 2]
    assert _notes_of(document) == {note}


def test_an_item_left_out_is_told_by_its_decision_not_its_case_text(tmp_path):
    text = MINUTES.format(title="Referat af mødet 12. marts 2025", note="Punkt 2 udgik af dagsordenen.").replace(
        "2. Vinterberedskab\nBeslutning:\nUdvalget godkendte en ekstra bevilling.\n",
        "2. Vinterberedskab\nSagsfremstilling:\nDen gamle vagtordning udgår i 2026.\n")
    document = read_written(tmp_path, "aarhus-teknik-og-miljoeudvalget-referat-2025-03-12.txt", text)
    assert [p.item_number for p in document.passages] == [1, 2]
    assert _notes_of(document) == {"Punkt 2 udgik af dagsordenen."}
    said = text.replace("udgår i 2026.\n", "udgår i 2026.\nBeslutning:\nPunktet udgår.\n")
    assert _notes_of(read_written(tmp_path, "aarhus-teknik-og-miljoeudvalget-referat-2025-03-12.txt", said)) == {None}


# --- code review 25 -------------------------------------------------------------------------------


def test_a_contents_lists_entry_about_a_new_place_is_no_note():
    """«Indhold» / «Nyt mødested for Ældrerådets borgermøder»: an item's title, not this meeting's place."""
    document = _document("vestby-aeldreraadet-referat-2025-04-08.txt")
    assert [p.title for p in document.passages][1] == "Nyt mødested for Ældrerådets borgermøder"
    assert _notes_of(document) == {None}


@pytest.mark.parametrize("note", [
    "Nyt lokale til borgerservice drøftes under punkt 4.",  # a subject, not this meeting's room
    "Dagsorden\nNyt mødested: forslag fra formanden\nVinterberedskab",  # a list's line, labelled or not
    "Næste møde: Temamøde om budget den 2. april 2025",  # another meeting's kind, after a label
    "Forud for mødet: Temamøde om klimaplanen",
])
def test_near_misses_of_a_changed_place_or_a_kind_are_no_note(tmp_path, note):
    assert _note(tmp_path, note) is None


def test_a_theme_meeting_before_an_ordinary_one_is_not_its_kind():
    """«Kl. 15.30-16.45: Temamøde om budget 2026 i Byrådssalen» before an ordinary council meeting."""
    document = _document("vestby-byraadet-referat-2025-06-19.txt")
    assert "Temamøde" not in document.meeting_note


@pytest.mark.parametrize(("title", "kind"), [
    ("Temamøde i Byrådet 3. marts 2025", "Temamøde"),
    ("Referat af temamøde 3. marts 2025", "Temamøde"),
    ("Økonomiudvalget 3. marts 2025 – ekstraordinært møde", "Ekstraordinært møde"),  # a date is no time
    ("Forud for mødet kl. 15.00 temamøde om klimaplanen", None),
    ("Kl. 15.30-16.45: Temamøde om budget 2026 i Byrådssalen", None),
    ("Fællesmøde med Ældrerådet kl. 15.00", "Fællesmøde med Ældrerådet"),
    ("Fællesmøde med Ældrerådet i Byrådssalen", "Fællesmøde med Ældrerådet"),
    ("Fællesmøde med Ældrerådet tirsdag den 4. marts 2025", "Fællesmøde med Ældrerådet"),
    ("Fællesmøde mellem Økonomiudvalget og Ældrerådet d. 4. marts 2025", "Fællesmøde mellem Økonomiudvalget og Ældrerådet"),
    ("Fællesmøde med Ældrerådet og Handicaprådet marts 2025", "Fællesmøde med Ældrerådet og Handicaprådet"),
])
def test_the_kind_is_the_titles_and_a_joint_meetings_councils_end_before_its_date_or_place(tmp_path, title, kind):
    assert _note(tmp_path, "", title=title) == kind


def test_a_joint_meeting_dated_in_its_title_names_only_its_councils():
    document = _document("vestby-boerneudvalget-referat-2025-03-03.txt")
    assert _notes_of(document) == {"Fællesmøde mellem Børneudvalget og Skoleudvalget"}


def test_a_paragraph_about_another_event_after_a_decision_is_the_items():
    """«Mødet blev afbrudt af en brandalarm under borgermødet, og formanden beklagede …»: item 4's text."""
    document = _document("vestby-kultur-og-fritidsudvalget-referat-2025-03-04.txt")
    assert _notes_of(document) == {None}
    assert "borgermødet" in document.passages[3].sections[0].text


@pytest.mark.parametrize(("after", "note"), [
    ("Mødet blev afbrudt af en brandalarm under borgermødet, og formanden beklagede forløbet.", None),
    ("Mødet blev afbrudt kl. 19.10 under borgermødet i hallen.", None),
    ("Mødet blev afbrudt, da formanden måtte gå.", None),  # no time: no fact of the meeting's course
    ("Mødet blev suspenderet fra kl. 17.40 til kl. 18.05.", "Mødet blev suspenderet fra kl. 17.40 til kl. 18.05."),
])
def test_a_break_after_a_decision_is_a_short_line_with_its_time(tmp_path, after, note):
    text = MINUTES.format(title="Referat af mødet 12. marts 2025", note="").replace(
        "Godkendt.\n", f"Godkendt.\n\n{after}\n", 1)
    document = read_written(tmp_path, "aarhus-teknik-og-miljoeudvalget-referat-2025-03-12.txt", text)
    assert _notes_of(document) == {note}
    assert (after in document.passages[0].text) == (note is None)  # the item's text, or the meeting's note


def test_a_note_after_an_item_is_no_longer_its_decision():
    """The web review: «Punkt 4 udgik af dagsordenen.» showed under item 1's «Beslutning»."""
    document = _document("solby-oekonomiudvalget-referat-2025-04-08.html")
    decisions = [[(s.text, s.note) for s in p.sections if s.key == "beslutning"] for p in document.passages]
    assert decisions == [
        [("Godkendt.", "")],
        [("Taget til efterretning.", "")],
        [("Anbefales. Sagen udsættes til næste møde for så vidt angår tidsplanen.", "Mødet hævet kl. 16.45.")]]
    for passage in document.passages:
        assert "udgik" not in passage.text and "afbrudt" not in passage.text and "Rettelse" not in passage.text
    assert document.passages[0].outcome == "Godkendt" and document.passages[2].outcome == "Anbefalet"


def test_a_note_after_an_item_without_sections_is_no_longer_its_text(tmp_path):
    text = ("Teknik- og Miljøudvalget\nReferat af mødet 12. marts 2025\n\n1. Godkendelse af dagsorden\nGodkendt.\n\n"
            "Punkt 3 udgik af dagsordenen.\n\n2. Vinterberedskab\nUdvalget godkendte en ekstra bevilling.\n")
    document = read_written(tmp_path, "aarhus-teknik-og-miljoeudvalget-referat-2025-03-12.txt", text)
    assert _notes_of(document) == {"Punkt 3 udgik af dagsordenen."}
    assert document.passages[0].text == "Godkendt."


def test_the_notes_paragraph_found_by_decisions_only_is_the_notes_not_a_decisions(tmp_path):
    client = client_of(tmp_path, [NOTES / "solby-oekonomiudvalget-referat-2025-04-08.html"])
    assert api(client, q="udgik", decisions_only="1")["hits"] == []
    assert len(api(client, q="udgik")["hits"]) == 3  # the note, on every item


def test_the_signature_under_the_meetings_end_is_no_part_of_the_last_decision():
    document = _document("ravnby-teknik-og-miljoeudvalget-referat-2025-06-10.txt")
    last = document.passages[-1].sections[0]
    assert (last.text, last.note) == ("Sagen udsættes til næste møde.\n\nPunkt 4 blev behandlet for lukkede døre.",
                                      "Mødet hævet kl. 17.30.\nAnne Holm\nFormand")


def test_an_item_the_note_takes_behind_closed_doors_is_closed():
    document = _document("ravnby-byraadet-referat-2025-05-22.txt")
    assert [(p.item_number, p.closed) for p in document.passages] == [
        (1, False), (2, False), (3, False), (4, False), (5, True), (6, False)]
    assert "Punkt 5 blev behandlet for lukkede døre." in document.meeting_note  # the note still tells it
    vestby = _document("vestby-byraadet-referat-2025-06-19.txt")
    assert [(p.item_number, p.closed) for p in vestby.passages] == [(1, False), (2, False), (3, False), (4, True)]
    assert vestby.meeting_note == ("Punkt 4 blev behandlet for lukkede døre efter ønske fra ansøgeren, "
                                   "jf. punkt 4 i forretningsordenen.")
    assert "lukkede døre" not in vestby.passages[2].text  # item 3's decision is its own again


@pytest.mark.parametrize(("note", "closed"), [
    ("Punkterne 1 og 2 blev behandlet for lukkede døre.", [True, True]),
    ("Punkt 2 udgik af dagsordenen.", [False, False]),  # left out, not closed
    ("Punkt 2 blev taget til efterretning for lukkede døre.", [False, False]),  # no fact of the item's kind
])
def test_items_named_closed_by_a_note_above_the_items(tmp_path, note, closed):
    document = read_written(tmp_path, "aarhus-teknik-og-miljoeudvalget-referat-2025-03-12.txt",
                            MINUTES.format(title="Referat af mødet 12. marts 2025", note=note))
    assert [p.closed for p in document.passages] == closed
