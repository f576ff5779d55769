"""Items of the meeting's closed part (from a privacy review).

Danish minutes mark an item discussed behind closed doors: "50 (Lukket) Salg af areal ved Industrivej"
(EG/KMD), a "Lukket sag"/"Lukket punkt" line under its heading (SBSYS, EG, Netpublikator), f2's
"Lukket" line, a "Lukket møde"/"Lukkede sager"/"Lukkede punkter" header above the closed items, HTML
"<h3>3. (Lukket) Personalesag". The indexer recognised the markers and threw the information away:
a closed item printed with its title only said «Ingen beslutning registreret under punktet» (read as
"nothing was decided"), and nothing in JSON told a client it was closed. Now each passage carries
`closed`, its hit and page say «Lukket punkt», and a search for «lukket» finds it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, read_fixture, read_written, run

EXPORTS = FIXTURES / "system_exports"
read = partial(read_fixture, EXPORTS)


def closed_by_number(document) -> dict:
    return {p.item_number: p.closed for p in document.passages}


# --- Each marker form -------------------------------------------------------------------


def test_bracketed_heading_marks_the_item_closed():
    """EG/KMD: "50 (Lukket) Salg af areal ved Industrivej" (the marker leaves the title)."""
    document = read("b_eg_dagsorden_aahavn_byraadet_2025-04-24.txt")
    assert closed_by_number(document) == {45: False, 46: False, 47: False, 48: False, 49: False,
                                          50: True, 51: True, 52: False}
    assert {p.item_number: p.title for p in document.passages}[50] == "Salg af areal ved Industrivej"


def test_marker_line_under_the_heading_marks_the_item_closed():
    """SBSYS and FirstAgenda: "Lukket sag" under the heading; "Åben sag" under the others."""
    assert closed_by_number(read("d_sbsys_vesterkaer_teknikudvalget_2024-11-05.txt")) == {
        112: False, 113: False, 114: False, 115: True, 116: False}
    assert closed_by_number(read("a_firstagenda_skovbjerg_oekonomiudvalget_2025-03-12.txt")) == {
        1: False, 2: False, 3: False, 4: False, 5: False, 6: False, 7: True}


def test_marker_line_alone_without_the_word_in_the_title(tmp_path):
    """"Lukket sag" / "Lukket punkt" under a heading whose title does not say it."""
    text = ("Referat\nTeknikudvalget\nVesterkær Kommune\nMødedato: 5. november 2024\n\n"
            "Sag nr. 114 Spildevandsplan\nSagsnummer: 06.00.05-P15-1-23\nÅben sag\n\nBeslutning\nGodkendt.\n\n"
            "Sag nr. 115 Ekspropriation ved Møllevej\nLukket sag\n\nBeslutning\nGodkendt.\n\n"
            "Sag nr. 116 Salg af grund\nSagsnummer: 02.34.02-G01-1-25\nLukket punkt\n\nBeslutning\nGodkendt.\n")
    assert closed_by_number(read_written(tmp_path, "vesterkaer-teknikudvalget-referat-2024-11-05.txt", text)) == {
        114: False, 115: True, 116: True}


def test_f2_lukket_line_under_the_fields(tmp_path):
    """f2: "Lukket" alone after the case's field lines ("Åbent" under the open items)."""
    text = ("Fjordby Kommune\n\nReferat\n\nIntegrationsrådet\n\nMødedato:       25. november 2021\n\n"
            "44.    Orientering om beskæftigelsesindsatsen\n\nSag 588-2021-1502\nDok. 588-2021-57119\n"
            "Initialer: TBN\nÅbent\n\nBeslutning fra Integrationsrådet\nDato: 25-11-2021\n\nTaget til efterretning.\n\n\n"
            "45.    Henvendelse vedrørende konkret boligsag\n\nSag 588-2021-2517\nDok. 588-2021-61877\n"
            "Initialer: SKA\nLukket\n\nBeslutning fra Integrationsrådet\nDato: 25-11-2021\n\n"
            "Beslutningen fremgår af den lukkede protokol.\n")
    assert closed_by_number(read_written(tmp_path, "f2_fjordby_integrationsraadet_2021-11-25.txt", text)) == {
        44: False, 45: True}


def test_marker_at_the_end_of_the_field_line(tmp_path):
    """EG/Netpublikator: "Sagsnr.: … Sagsbehandler: … Lukket punkt" on one line."""
    text = ("Sølund Kommune\nKommunalbestyrelsen\nReferat\nMødedato: 25. september 2025\n\n"
            "129. Godkendelse af dagsorden\nSagsnr.: 00.01.00-A00-9-25   Sagsbehandler: Rikke Lund   Åbent punkt\n\n"
            "Beslutning\nGodkendt.\n\n"
            "130. Klage over tildeling af plejebolig\nSagsnr. 301540 · Sagsbehandler: Carsten Vinther · Lukket punkt\n\n"
            "Beslutning\nBehandlet.\n")
    assert closed_by_number(read_written(tmp_path, "soelund-kommunalbestyrelsen-referat-2025-09-25.txt", text)) == {
        129: False, 130: True}


def test_title_prefix_marks_the_item_closed(tmp_path):
    """"Lukket punkt: Klage …" as the title's start, under "Pkt. 62" (a prose title elsewhere is no mark)."""
    text = ("Mosevang Kommune\n\nÆldre- og Sundhedsudvalget\n\nReferat\n\nMandag, September 9, 2019 - 16:30\n\n\n"
            "Pkt. 61\nRekruttering af personale - status\nSagsnr. 295509 Ældre- og Sundhedsudvalget\n\n"
            "Indstilling\nDirektionen indstiller, at orienteringen tages til efterretning.\n\n"
            "Ældre- og Sundhedsudvalget, 09-09-2019, pkt. 61\nTaget til efterretning.\n\n\n"
            "Pkt. 62\nLukket punkt: Klage over tildeling af plejebolig\nSagsnr. 301540 Ældre- og Sundhedsudvalget\n\n"
            "Ældre- og Sundhedsudvalget, 09-09-2019, pkt. 62\nBehandlet.\n")
    assert closed_by_number(read_written(tmp_path, "mosevang-aeldre-og-sundhedsudvalget-referat-2019-09-09.txt",
                                         text)) == {61: False, 62: True}


def test_group_header_closes_the_items_below_until_an_open_header(tmp_path):
    """"Lukket møde" above the closed items, "Åbent møde" after them: only those between are closed."""
    text = ("Referat\nSocialudvalget\nRavnsø Kommune\nMødedato: 14. marts 2023\n\n"
            "1. Godkendelse af dagsorden\nSagsnr.: 23/100\n\nBeslutning\nGodkendt.\n\n"
            "Lukket møde\n\n"
            "2. Klage over afslag på hjælp\nSagsnr.: 23/101\n\nBeslutning\nKlagen blev afvist.\n\n"
            "3. Personalesag\nSagsnr.: 23/102\n\nBeslutning\nGodkendt.\n\n"
            "Åbent møde\n\n"
            "4. Eventuelt\nSagsnr.: 23/103\n\nBeslutning\nIntet.\n")
    assert closed_by_number(read_written(tmp_path, "ravnsoe-socialudvalget-referat-2023-03-14.txt", text)) == {
        1: False, 2: True, 3: True, 4: False}


def test_lukkede_punkter_header_and_contents_list():
    """Cicero: "Lukkede punkter" above the closed item numbered from 1 again; the contents list's own
    "Lukkede punkter" closes nothing."""
    document = read("g_cicero_fjordhavn_boerneudvalget_2025-01-14.txt")
    assert [(p.item_number, p.closed) for p in document.passages] == [
        (1, False), (2, False), (3, False), (4, False), (1, True)]


def test_lukkede_sager_header_and_an_open_marker_under_its_heading(tmp_path):
    """Under "Lukkede sager" every item is closed, except one whose own marker says "Åbent punkt"."""
    text = ("Referat\nByrådet\nLyngsø Kommune\nMødedato: 1. februar 2024\n\n"
            "1. Godkendelse af dagsorden\nSagsnr.: 24/0001\n\nBeslutning\nGodkendt.\n\n"
            "Lukkede sager\n\n"
            "2. Salg af ejendom\nSagsnr.: 24/0002\n\nBeslutning\nGodkendt.\n\n"
            "3. Orientering om byggeri\nSagsnr.: 24/0003\nÅbent punkt\n\nBeslutning\nTaget til efterretning.\n")
    assert closed_by_number(read_written(tmp_path, "lyngsoe-byraadet-referat-2024-02-01.txt", text)) == {
        1: False, 2: True, 3: False}


HTML = """<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Referat Byrådet 1. februar 2024</title></head>
<body><main>
<h1>Lyngsø Kommune</h1>
<h2>Byrådet</h2>
<p>Referat af mødet den 1. februar 2024 kl. 17.00</p>
<h3>1. Godkendelse af dagsorden</h3>
<p>Sagsnr.: 24/0001 Sagsbehandler: Pia Holm</p>
<h4>Beslutning</h4>
<p>Godkendt.</p>
<h3>2. Lukket punkt: Salg af ejendom</h3>
<p>Lukket punkt</p>
<h4>Beslutning</h4>
<p>Behandlet for lukkede døre.</p>
<h3>3. (Lukket) Personalesag</h3>
<h4>Beslutning</h4>
<p>Godkendt.</p>
<h3>4. Eventuelt</h3>
<p>Sagsnr.: 24/0004 Sagsbehandler: Pia Holm</p>
<h4>Beslutning</h4>
<p>Intet.</p>
</main></body></html>
"""


def test_html_bracketed_heading_and_marker_paragraph(tmp_path):
    document = read_written(tmp_path, "lyngsoe-byraadet-referat-2024-02-01.html", HTML)
    assert closed_by_number(document) == {1: False, 2: True, 3: True, 4: False}
    assert {p.item_number: p.title for p in document.passages}[3] == "Personalesag"


# --- The model and its JSON --------------------------------------------------------------


def test_passage_json_and_record_carry_closed_and_old_records_read_as_open():
    from indexer.models import Passage

    passage = next(p for p in read("b_eg_dagsorden_aahavn_byraadet_2025-04-24.txt").passages if p.item_number == 50)
    assert passage.to_json()["closed"] is True
    assert Passage.from_record(passage.to_record()).closed is True
    old = passage.to_record()
    del old["closed"]  # a record stored before the field
    assert Passage.from_record(old).closed is False
    assert replace(passage, closed=False).to_json()["closed"] is False


def test_fingerprint_of_an_open_item_is_as_before_the_field():
    """An upgrade adds `closed` to every record: an open item's hash (`changed_at`, the feed's
    «updated») stays what it was without the field; a closed item's, which its page now shows
    differently, changes."""
    import hashlib

    from search.schema import _ADDED_LATER, _PLACE, _SECTION_PLACE, fingerprint

    passage = next(p for p in read("b_eg_dagsorden_aahavn_byraadet_2025-04-24.txt").passages if p.item_number == 45)
    # (and without the fields added after it, at their defaults: `period`, `supplement`, `meeting_note`)
    record = {k: v for k, v in passage.to_record().items() if k not in _PLACE and k not in _ADDED_LATER}
    record["sections"] = [{k: v for k, v in s.items() if k not in _SECTION_PLACE} for s in record["sections"]]
    before = hashlib.blake2b(json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8"), digest_size=8)
    assert fingerprint(passage) == (int.from_bytes(before.digest(), "big") or 1)
    assert fingerprint(replace(passage, closed=True)) != fingerprint(passage)


def test_extract_json_and_text_mark_closed_items(runner):
    path = EXPORTS / "b_eg_dagsorden_aahavn_byraadet_2025-04-24.txt"
    result = run(runner, "extract", path, "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert {row["item_number"]: row["closed"] for row in rows}[50] is True
    assert {row["item_number"]: row["closed"] for row in rows}[45] is False
    text = run(runner, "extract", path).output
    after = text.split("50. Salg af areal ved Industrivej", 1)[1].splitlines()[1]
    assert "lukket punkt" in after
    assert "lukket punkt" not in text.split("45. Godkendelse af dagsorden", 1)[1].splitlines()[1]


# --- The index, the web and the CLI search ------------------------------------------------


@pytest.fixture(scope="module")
def closed_index(tmp_path_factory) -> tuple[Path, Path]:
    """The EG export (two title-only closed items), the HTML minutes (closed items with decisions)
    and the SBSYS export, indexed."""
    from indexer.update import update_index

    root = tmp_path_factory.mktemp("closed")
    corpus = root / "corpus"
    corpus.mkdir()
    for name in ("b_eg_dagsorden_aahavn_byraadet_2025-04-24.txt", "d_sbsys_vesterkaer_teknikudvalget_2024-11-05.txt"):
        (corpus / name).write_bytes((EXPORTS / name).read_bytes())
    (corpus / "lyngsoe-byraadet-referat-2024-02-01.html").write_text(HTML, encoding="utf-8")
    report = update_index([corpus], root / "index")
    assert not report.skipped, report.skipped
    return corpus, root / "index"


@pytest.fixture(scope="module")
def closed_client(closed_index):
    from webui import create_app

    corpus, index = closed_index
    return create_app({"TESTING": True, "INDEX_DIR": str(index), "CORPUS_DIR": str(corpus)}).test_client()


def api_hits(client, query: str) -> list[dict]:
    response = client.get("/api/search", query_string={"q": query, "page_size": 50})
    assert response.status_code == 200
    return response.get_json()["hits"]


def test_search_for_lukket_finds_closed_items_whose_text_lacks_the_word(closed_client):
    hits = api_hits(closed_client, "lukket")
    found = {(hit["source"], hit["item_number"]) for hit in hits}
    # "50 (Lukket) Salg af areal ved Industrivej", "51 (Lukket) Personalesag": titles only, no «lukket» left
    assert {("b_eg_dagsorden_aahavn_byraadet_2025-04-24.txt", 50), ("b_eg_dagsorden_aahavn_byraadet_2025-04-24.txt", 51),
            ("d_sbsys_vesterkaer_teknikudvalget_2024-11-05.txt", 115), ("lyngsoe-byraadet-referat-2024-02-01.html", 2),
            ("lyngsoe-byraadet-referat-2024-02-01.html", 3)} == found
    assert all(hit["closed"] is True for hit in hits)


def test_api_search_and_passage_carry_closed(closed_client):
    hits = api_hits(closed_client, "godkendelse dagsorden")
    assert hits and all(hit["closed"] is False for hit in hits)
    closed = next(hit for hit in api_hits(closed_client, "industrivej") if hit["title"] == "Salg af areal ved Industrivej")
    assert closed["closed"] is True
    assert closed_client.get(f"/api/passage/{closed['id']}").get_json()["closed"] is True
    assert closed_client.get(f"/api/passage/{hits[0]['id']}").get_json()["closed"] is False


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def hit_title(article) -> str:
    return " ".join(article.select_one("h3").get_text().split())  # the query's words in <mark>


def hit_article(page: BeautifulSoup, title: str):
    return next(a for a in page.select("ol.hits article") if hit_title(a) == title)


CLOSED_NOTE = "Punktet blev behandlet for lukkede døre; referatet gengiver ikke sagen."


def test_hit_of_a_title_only_closed_item_says_closed_not_undecided(closed_client):
    page = soup(closed_client.get("/", query_string={"q": "industrivej"}))
    article = hit_article(page, "Salg af areal ved Industrivej")
    assert article.select_one(".closed-label").get_text(strip=True) == "Lukket punkt"
    assert article.select_one(".no-decision-preview").get_text(strip=True) == CLOSED_NOTE
    assert "Ingen beslutning registreret" not in article.get_text()


def test_hit_of_a_closed_item_with_a_decision_shows_the_decision(closed_client):
    page = soup(closed_client.get("/", query_string={"q": "personalesag"}))
    article = hit_article(page, "Personalesag")  # the HTML's «3. (Lukket) Personalesag» / «Godkendt.» or EG's 51
    assert article.select_one(".closed-label") is not None
    articles = [a for a in page.select("ol.hits article") if hit_title(a) == "Personalesag"]
    decided = [a for a in articles if a.select_one(".decision-preview")]
    assert decided and "Godkendt." in decided[0].select_one(".decision-preview").get_text()
    assert not decided[0].select(".no-decision-preview")
    open_article = hit_article(soup(closed_client.get("/", query_string={"q": "eventuelt"})), "Eventuelt")
    assert open_article.select_one(".closed-label") is None


def test_passage_page_of_a_closed_item(closed_client):
    closed = next(hit for hit in api_hits(closed_client, "industrivej") if hit["title"] == "Salg af areal ved Industrivej")
    page = soup(closed_client.get(f"/passage/{closed['id']}"))
    assert page.select_one(".kicker .closed-label").get_text(strip=True) == "Lukket punkt"
    assert page.select_one(".no-decision").get_text(strip=True) == CLOSED_NOTE
    decided = next(hit for hit in api_hits(closed_client, "personalesag") if hit["decision"])
    page = soup(closed_client.get(f"/passage/{decided['id']}"))
    assert page.select_one(".kicker .closed-label") is not None
    assert page.select_one(".no-decision") is None and page.select_one(".decision") is not None
    open_hit = api_hits(closed_client, "godkendelse dagsorden")[0]
    assert soup(closed_client.get(f"/passage/{open_hit['id']}")).select_one(".closed-label") is None


def test_cli_search_marks_closed_items(runner, closed_index):
    _, index = closed_index
    result = run(runner, "search", "industrivej", "--index-dir", index)
    assert result.exit_code == 0, result.output
    meta = result.output.split("Salg af areal ved Industrivej", 1)[1].splitlines()[1]
    assert meta.rstrip().endswith("· lukket punkt")
    data = json.loads(run(runner, "search", "industrivej", "--json", "--index-dir", index).output)
    assert [hit["closed"] for hit in data["hits"] if hit["title"] == "Salg af areal ved Industrivej"] == [True]


def test_a_closed_item_with_text_but_no_decision_is_not_called_undecided(tmp_path):
    """«Lukket punkt» with a line of text and no decision said «Ingen beslutning registreret»
    (read as "nothing was decided"): the minutes leave the decision out, and the page says so."""
    from indexer.update import update_index
    from webui import create_app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "referat-2024-03-01.txt").write_text(
        "Fjordby Kommune\n\nREFERAT\n\nByrådet\n\nMødedato: 01.03.2024\n\n1. Godkendelse af dagsorden\n\n"
        "Beslutning\nGodkendt.\n\n2. Køb af ejendom\n\nLukket punkt\n\nSagen vedrører køb af en ejendom i byen.\n",
        encoding="utf-8")
    update_index([corpus], tmp_path / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}).test_client()
    [hit] = api_hits(client, "ejendom")
    assert hit["closed"] is True and not hit["decision"]
    note = "Punktet blev behandlet for lukkede døre; referatet gengiver ikke beslutningen."
    article = hit_article(soup(client.get("/", query_string={"q": "ejendom"})), "Køb af ejendom")
    assert article.select_one(".no-decision-preview").get_text(strip=True) == note
    page = soup(client.get(f"/passage/{hit['id']}"))
    assert [p.get_text(strip=True) for p in page.select(".no-decision")] == [note]
    assert "Sagen vedrører køb af en ejendom i byen." in page.select_one("article.passage").get_text()


def test_a_contents_lists_empty_closed_group_closes_no_item():
    """The 2017 PDF minutes' contents page lists «Åbne dagsordenspunkter» 1–7, then an empty
    «Lukkede dagsordenspunkter» right before item 1 on the next page: every item read as closed
    (an upgrade review). The Markdown of the same meeting had none closed."""
    from conftest import PDFS

    document = read_fixture(PDFS, "referat-2017-02-23.pdf")
    assert len(document.passages) == 7 and not any(p.closed for p in document.passages)
