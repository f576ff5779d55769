"""One case followed through its meetings (a case review, 2026-12-05): «BESLUTNING» with the deciding
council and date on the line under it («Økonomiudvalget, 17.04.2024») names whose decision it is.

Only the date of that line was kept: an agenda quoting the committee's recommendation was filed as
minutes with a decision, and in the council's own minutes the committees' decisions before it were
joined into the council's, with the committee's date. Files: tests/fixtures/case_history/ (the
review's «Skovlund» case 24/11873 through Børne- og Ungeudvalget, Økonomiudvalget and Byrådet).
"""

from __future__ import annotations

from functools import partial

from conftest import FIXTURES, read_fixture, read_written
from indexer.models import DECISION, EARLIER_DECISION

read = partial(read_fixture, FIXTURES / "case_history")


def _decisions(passage) -> list[tuple[str, str, str | None, str]]:
    return [(s.key, s.label, s.date, s.text.split("\n")[0]) for s in passage.sections
            if s.key in (DECISION, EARLIER_DECISION)]


def test_an_agenda_quoting_a_committees_recommendation_is_an_agenda_without_a_decision():
    (item,) = read("skovlund-byraadet-dagsorden-2024-04-25.txt").passages
    assert item.doc_type == "dagsorden"
    assert not item.has_decision and item.decision == "" and item.decision_date is None
    assert _decisions(item) == [(EARLIER_DECISION, "Økonomiudvalget, 17.04.2024", "2024-04-17", "Anbefales.")]


def test_the_councils_decision_is_its_own_and_the_committees_before_it_are_earlier_decisions():
    (item,) = read("skovlund-byraadet-referat-2024-04-25.txt").passages
    assert item.doc_type == "referat" and item.council == "Byrådet"
    assert item.decision.startswith("Godkendt med 20 stemmer mod 5.") and "Anbefales" not in item.decision
    assert item.decision_date == "2024-04-25" and not item.decision_date_before_meeting
    assert _decisions(item)[0][:3] == (DECISION, "BESLUTNING", "2024-04-25")  # labelled as printed
    assert (EARLIER_DECISION, "Økonomiudvalget, 17.04.2024", "2024-04-17", "Anbefales.") in _decisions(item)


def test_a_committee_recommending_to_the_next_one_decides_at_its_own_meeting():
    (item,) = read("skovlund-oekonomiudvalget-referat-2024-04-17.txt").passages
    assert item.decision == "Anbefales." and item.decision_date == "2024-04-17"
    earlier = [d for d in _decisions(item) if d[0] == EARLIER_DECISION]
    assert [d[1:3] for d in earlier] == [("Børne- og Ungeudvalget, 09.04.2024", "2024-04-09")]


def test_a_committees_own_decisions_under_its_name_stay_its_decisions():
    document = read("skovlund-boerne-og-ungeudvalget-referat-2024-03-05.txt")
    decisions = [_decisions(p) for p in document.passages]
    assert all([(key, label, date) for key, label, date, _text in d] == [(DECISION, "BESLUTNING", "2024-03-05")]
               for d in decisions), decisions
    postponed = next(p for p in document.passages if p.decision.startswith("Udsat."))
    assert postponed.decision_date == "2024-03-05"


def test_a_decision_put_off_from_an_earlier_meeting_of_the_same_council_stays_its_decision(tmp_path):
    # the seed's trap: «BESLUTNING» / «Integrationsrådet 19.03.2015» in the minutes of 21.05.2015
    text = ("Hedelund Kommune\nIntegrationsrådet\nReferat\nMødedato: 21.05.2015\n\n"
            "5. Sprogcenter\n\nBESLUTNING\nIntegrationsrådet 19.03.2015\nGodkendt.\n\n"
            "6. Eventuelt\n\nBESLUTNING\nIntegrationsrådet, 21.05.2015\nIntet at bemærke.\n")
    first, second = read_written(tmp_path, "hedelund.txt", text).passages
    assert (first.decision, first.decision_date, first.sections[0].label) == ("Godkendt.", "2015-03-19", "BESLUTNING")
    assert (second.decision, second.decision_date) == ("Intet at bemærke.", "2015-05-21")


def test_the_page_names_an_earlier_committees_decision_as_one_and_a_web_pages_line_not_at_all(tmp_path):
    """A news review: «Økonomiudvalget, 17.04.2024» headed the quoted decision without saying it was one;
    «(linje 25)» of a web page pointed to no line of the file (its lines are those of the text read)."""
    import shutil

    from bs4 import BeautifulSoup

    from conftest import FIXTURES as fixtures
    from indexer.update import update_index
    from webui import create_app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(fixtures / "case_history" / "skovlund-byraadet-referat-2024-04-25.txt", corpus)
    shutil.copy(fixtures / "html5" / "09-iframe-srcdoc.html", corpus)
    update_index([corpus], tmp_path / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}).test_client()
    hits = client.get("/api/search", query_string={"q": "", "page_size": 50}).get_json()["hits"]
    byraad = next(h for h in hits if h["source"].startswith("skovlund"))
    page = BeautifulSoup(client.get(f"/passage/{byraad['id']}").get_data(as_text=True), "html.parser")
    headings = [h.get_text(" ", strip=True) for h in page.select("section.section h2")]
    assert "Tidligere beslutning · Økonomiudvalget, 17.04.2024" in headings
    web = next(h for h in hits if h["source"].endswith(".html"))
    facts = BeautifulSoup(client.get(f"/passage/{web['id']}").get_data(as_text=True), "html.parser").select_one("dl.facts")
    assert "linje" not in facts.get_text(" ", strip=True)


def test_a_member_who_left_for_one_item_is_not_said_to_have_missed_the_meeting(tmp_path):
    """A news review: «Thomas Johansen deltog ikke i behandlingen pga. inhabilitet» under one item put
    him under the meeting's «Fraværende» on that item's page, as if he had missed the meeting."""
    from bs4 import BeautifulSoup

    from indexer.update import update_index
    from webui import create_app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ravnby-oeu-referat-2025-03-10.txt").write_text(
        "Ravnby Kommune\nØkonomiudvalget\nReferat\nMødedato: 10.03.2025\nTil stede: Anne Holm, Bo Lund, Thomas Johansen\n"
        "Fraværende: Karen Vig\n\n1. Budget\nBeslutning:\nGodkendt.\n\n2. Salg af grund\nBeslutning:\nGodkendt.\n"
        "Thomas Johansen deltog ikke i behandlingen af punktet på grund af inhabilitet.\n", encoding="utf-8")
    update_index([corpus], tmp_path / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}).test_client()
    hits = client.get("/api/search", query_string={"q": "", "sort": "oldest"}).get_json()["hits"]

    def meeting_box(hit) -> dict[str, str]:
        page = BeautifulSoup(client.get(f"/passage/{hit['id']}").get_data(as_text=True), "html.parser")
        box = page.select_one("section.meeting dl")
        return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in box.select("dt")}

    first, second = sorted(hits, key=lambda h: h["item_number"])
    assert meeting_box(second)["Fraværende"] == "Karen Vig"
    assert meeting_box(second)["Deltog ikke i dette punkt"] == "Thomas Johansen"
    assert "Deltog ikke i dette punkt" not in meeting_box(first) and meeting_box(first)["Fraværende"] == "Karen Vig"
