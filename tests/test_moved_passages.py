"""Old addresses keep working: after a file is renamed or moved, or an item's title is fixed,
and the index is updated, the old /passage/, /document/ and /source/ addresses (and their
JSON twins) answer 301 to the new ones (`search.moved`); an item that is gone answers 404."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SEEDS, run
from search import IndexWriter, open_index
from search.moved import MOVED_FILE

MINUTES_2015 = "naestved-integrationsraadet-referat-2015-05-21.txt"


def build(runner, corpus: Path, index_dir: Path):
    result = run(runner, "index", corpus, "--index-dir", index_dir, "-q")
    assert result.exit_code == 0, result.output
    return result


def ids(index_dir: Path) -> dict[str, tuple[str, list[str]]]:
    """Each indexed source → its document id and its passages' ids in order."""
    index = open_index(index_dir)
    try:
        return {source: (record["document_id"], [p.id for p in index.document(record["document_id"])])
                for source, record in index.sources().items()}
    finally:
        index.close()


def client_of(index_dir: Path, corpus: Path):
    from webui import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()


@pytest.fixture
def one_file(tmp_path) -> tuple[Path, Path]:
    corpus = tmp_path / "referater"
    corpus.mkdir()
    shutil.copy(SEEDS / MINUTES_2015, corpus / MINUTES_2015)
    return corpus, tmp_path / "idx"


def test_a_renamed_file_s_old_addresses_redirect_to_the_new_ones(runner, one_file):
    corpus, index_dir = one_file
    build(runner, corpus, index_dir)
    (old_document, old_passages), = ids(index_dir).values()
    (corpus / "2015").mkdir()
    (corpus / MINUTES_2015).rename(corpus / "2015" / "integrationsraadet-2015-05-21.txt")
    build(runner, corpus, index_dir)
    (new_document, new_passages), = ids(index_dir).values()
    assert new_document != old_document and len(new_passages) == len(old_passages)
    client = client_of(index_dir, corpus)

    for old, new in zip(old_passages, new_passages):
        answer = client.get(f"/passage/{old}?q=flygtninge")
        assert answer.status_code == 301 and answer.headers["Location"] == f"/passage/{new}?q=flygtninge"
        assert "Siden er flyttet" in answer.get_data(as_text=True)
        assert client.get(answer.headers["Location"]).status_code == 200
    api = client.get(f"/api/passage/{old_passages[0]}")
    assert api.status_code == 301 and api.headers["Location"] == f"/api/passage/{new_passages[0]}"
    body = api.get_json()
    assert body["code"] == "passage_moved" and body["location"] == api.headers["Location"]

    for path in ("/document/{}", "/api/document/{}", "/source/{}"):
        answer = client.get(path.format(old_document))
        assert answer.status_code == 301, path
        assert answer.headers["Location"] == path.format(new_document)
        followed = client.get(answer.headers["Location"])
        assert followed.status_code == 200
        followed.close()  # /source streams its file
    assert client.get(f"/api/document/{old_document}").get_json()["code"] == "document_moved"
    assert client.get("/passage/" + old_passages[0] + "x").status_code == 404


def test_a_fixed_title_s_old_passage_id_redirects_and_a_deleted_item_s_does_not(runner, one_file):
    corpus, index_dir = one_file
    build(runner, corpus, index_dir)
    (document, before), = ids(index_dir).values()
    path = corpus / MINUTES_2015
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    deleted = next(line for line in lines if line.strip().startswith("14. Foreningernes dag"))
    start = lines.index(deleted)
    end = next(i for i, line in enumerate(lines) if line.strip().startswith("15. Modtagelse"))
    text = "".join(lines[:start] + lines[end:])
    path.write_text(text.replace(" 12. Nyt fra foreningerne", " 12. Nyt fra foreningernes"), encoding="utf-8")
    build(runner, corpus, index_dir)
    (same_document, after), = ids(index_dir).values()
    assert same_document == document
    retitled_old = next(i for i in before if "-12-nyt-fra-foreningerne" in i and i not in after)
    retitled_new = next(i for i in after if "-12-nyt-fra-foreningernes" in i)
    gone = next(i for i in before if "-14-foreningernes-dag" in i)
    client = client_of(index_dir, corpus)

    answer = client.get(f"/passage/{retitled_old}")
    assert answer.status_code == 301 and answer.headers["Location"] == f"/passage/{retitled_new}"
    assert client.get(answer.headers["Location"]).status_code == 200
    assert client.get(f"/passage/{gone}").status_code == 404
    assert client.get(f"/api/passage/{gone}").status_code == 404
    recorded = json.loads((index_dir / MOVED_FILE).read_text(encoding="utf-8"))
    assert recorded["passages"] == {retitled_old: retitled_new} and recorded["documents"] == {}


def test_a_failed_run_records_nothing(runner, one_file, monkeypatch):
    corpus, index_dir = one_file
    build(runner, corpus, index_dir)
    (old_document, old_passages), = ids(index_dir).values()
    (corpus / MINUTES_2015).rename(corpus / "omdoebt.txt")

    def fails(self):
        self.cancel()
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(IndexWriter, "commit", fails)
    assert run(runner, "index", corpus, "--index-dir", index_dir, "-q").exit_code != 0
    monkeypatch.undo()
    assert not (index_dir / MOVED_FILE).exists()
    assert ids(index_dir) == {MINUTES_2015: (old_document, old_passages)}
    client = client_of(index_dir, corpus)
    assert client.get(f"/passage/{old_passages[0]}").status_code == 200


def test_chains_collapse_and_a_full_rebuild_keeps_the_map(runner, one_file):
    corpus, index_dir = one_file
    build(runner, corpus, index_dir)
    (first_document, first), = ids(index_dir).values()
    (corpus / MINUTES_2015).rename(corpus / "b.txt")
    build(runner, corpus, index_dir)
    (corpus / "b.txt").rename(corpus / "c.txt")
    build(runner, corpus, index_dir)
    (last_document, last), = ids(index_dir).values()
    recorded = json.loads((index_dir / MOVED_FILE).read_text(encoding="utf-8"))
    assert recorded["documents"] == {first_document: last_document, ids_of_b(first_document, recorded): last_document}
    assert all(recorded["passages"][old] == new for old, new in zip(first, last))
    assert set(recorded["passages"].values()) == set(last)

    run(runner, "index", corpus, "--index-dir", index_dir, "-q", "--full")
    client = client_of(index_dir, corpus)
    answer = client.get(f"/document/{first_document}")
    assert answer.status_code == 301 and answer.headers["Location"] == f"/document/{last_document}"
    answer = client.get(f"/passage/{first[1]}")
    assert answer.status_code == 301 and answer.headers["Location"] == f"/passage/{last[1]}"

    (corpus / "c.txt").rename(corpus / MINUTES_2015)  # back: the first ids are live again
    build(runner, corpus, index_dir)
    recorded = json.loads((index_dir / MOVED_FILE).read_text(encoding="utf-8"))
    assert first_document not in recorded["documents"] and not set(first) & set(recorded["passages"])
    assert client.get(f"/passage/{first[1]}").status_code == 200
    assert client.get(f"/passage/{last[1]}").headers["Location"] == f"/passage/{first[1]}"


def ids_of_b(first_document: str, recorded: dict) -> str:
    (b,) = set(recorded["documents"]) - {first_document}
    assert b.startswith("b-")
    return b


def test_an_index_folder_left_with_only_its_map_is_built_again(runner, one_file):
    """The map is one of the index's own files: a folder emptied but for it is no stranger's."""
    corpus, index_dir = one_file
    build(runner, corpus, index_dir)
    (corpus / MINUTES_2015).rename(corpus / "omdoebt.txt")
    build(runner, corpus, index_dir)
    for path in index_dir.iterdir():
        if path.name != MOVED_FILE:
            path.unlink()
    build(runner, corpus, index_dir)
    assert list(ids(index_dir)) == ["omdoebt.txt"]


def test_each_map_keeps_only_its_newest_entries(runner, one_file, monkeypatch):
    """README: chains collapsed, 50,000 per kind kept; the oldest old ids are the ones dropped.
    With the cap at 3, a file renamed five times keeps its three latest old document ids."""
    import search.moved

    monkeypatch.setattr(search.moved, "MAX_ENTRIES", 3)
    corpus, index_dir = one_file
    build(runner, corpus, index_dir)
    old_documents, old_passages = [], []
    name = MINUTES_2015
    for step in range(1, 6):
        (document, passages), = ids(index_dir).values()
        old_documents.append(document)
        old_passages.append(passages)
        (corpus / name).rename(corpus / f"omdoebt-{step}.txt")
        name = f"omdoebt-{step}.txt"
        build(runner, corpus, index_dir)
    (last_document, last_passages), = ids(index_dir).values()
    assert len(set(old_documents + [last_document])) == 6

    recorded = json.loads((index_dir / MOVED_FILE).read_text(encoding="utf-8"))
    assert recorded["documents"] == {old: last_document for old in old_documents[-3:]}
    assert list(recorded["passages"]) == old_passages[-1][-3:]  # the newest run's last three
    client = client_of(index_dir, corpus)
    for old in old_documents[-3:]:
        answer = client.get(f"/document/{old}")
        assert answer.status_code == 301 and answer.headers["Location"] == f"/document/{last_document}"
    for old in old_documents[:2]:
        assert client.get(f"/document/{old}").status_code == 404
    assert client.get(f"/passage/{old_passages[-1][-1]}").headers["Location"] == f"/passage/{last_passages[-1]}"
    # an old passage id whose own entry was dropped is still found through its document's (API review 38:
    # a renamed document's old ids are read as its present one's); with both entries dropped, a 404
    assert client.get(f"/passage/{old_passages[-1][0]}").headers["Location"] == f"/passage/{last_passages[0]}"
    assert client.get(f"/passage/{old_passages[0][0]}").status_code == 404


@pytest.mark.parametrize("together", [False, True])
def test_minutes_replaced_by_their_pdf_redirect_to_the_pdfs_items(runner, one_file, together):
    """A municipality replaces its text minutes by the PDF: the PDF indexed beside the text
    (copies of each item), then the text removed; or both in one run. Every old address
    answered 404 with no way on (the contents differ, so no rename was seen)."""
    from conftest import PDFS

    corpus, index_dir = one_file
    build(runner, corpus, index_dir)
    (old_document, old_passages), = ids(index_dir).values()
    shutil.copy(PDFS / "referat-2015-05-21.pdf", corpus / "referat-2015-05-21.pdf")
    if not together:
        build(runner, corpus, index_dir)  # both files: each item has its copy in the other
    (corpus / MINUTES_2015).unlink()
    summary = build(runner, corpus, index_dir).stdout
    (new_document, new_passages), = ids(index_dir).values()
    assert new_document != old_document and len(new_passages) == len(old_passages)
    # the summary tells this from a delete-and-add, which leaves the old links 404
    assert (f"Viderestillet: {len(old_passages)} gamle punktadresser fører nu til de nye (omdøbte, flyttede eller "
            "erstattede filer, rettede titler).") in summary
    client = client_of(index_dir, corpus)
    for old, new in zip(old_passages, new_passages):
        answer = client.get(f"/passage/{old}")
        assert answer.status_code == 301 and answer.headers["Location"].endswith(f"/passage/{new}")
    assert client.get(f"/document/{old_document}").headers["Location"].endswith(f"/document/{new_document}")


def test_a_removed_file_whose_items_are_in_several_files_redirects_nowhere(runner, one_file):
    corpus, index_dir = one_file
    other = "naestved-integrationsraadet-referat-2017-02-23.md"
    shutil.copy(SEEDS / other, corpus / other)
    build(runner, corpus, index_dir)
    removed = ids(index_dir)[other]
    (corpus / other).unlink()
    assert "Viderestillet" not in build(runner, corpus, index_dir).stdout
    client = client_of(index_dir, corpus)
    assert client.get(f"/passage/{removed[1][0]}").status_code == 404  # a deleted file: no twin, no redirect


MINUTES_2017 = "naestved-integrationsraadet-referat-2017-02-23.md"
CORRECTED_2017 = "naestved-integrationsraadet-referat-2017-02-23-rettet.md"


def corrected_minutes() -> str:
    """The 2017 minutes with item 1's decision changed: a «rettet referat», no copy of item 1."""
    text = (SEEDS / MINUTES_2017).read_text(encoding="utf-8")
    assert text.count("Referatet godkendt.") == 1
    return text.replace("Referatet godkendt.", "Referatet godkendt med en rettelse under punkt 3.")


@pytest.mark.parametrize("together", [False, True])
def test_minutes_replaced_by_a_corrected_copy_redirect_item_by_item(runner, tmp_path, together):
    """Corrected minutes indexed beside the original (six items copies, one decided otherwise),
    and the original removed then or in a later run: every item, the changed one too (the same
    meeting, number and title), and the document redirect to the corrected file's."""
    corpus, index_dir = tmp_path / "referater", tmp_path / "idx"
    corpus.mkdir()
    shutil.copy(SEEDS / MINUTES_2017, corpus / MINUTES_2017)
    build(runner, corpus, index_dir)
    old_document, old_passages = ids(index_dir)[MINUTES_2017]
    (corpus / CORRECTED_2017).write_text(corrected_minutes(), encoding="utf-8")
    if not together:
        build(runner, corpus, index_dir)
    (corpus / MINUTES_2017).unlink()
    summary = build(runner, corpus, index_dir).stdout
    (new_document, new_passages), = ids(index_dir).values()
    assert len(old_passages) == len(new_passages) == 7
    assert "1 fjernet" in summary
    assert "Viderestillet: 7 gamle punktadresser fører nu til de nye" in summary
    client = client_of(index_dir, corpus)
    for old, new in zip(old_passages, new_passages):
        answer = client.get(f"/passage/{old}")
        assert answer.status_code == 301 and answer.headers["Location"] == f"/passage/{new}"
    for path in ("/document/{}", "/api/document/{}", "/source/{}"):
        answer = client.get(path.format(old_document))
        assert answer.status_code == 301 and answer.headers["Location"] == path.format(new_document), path


def agenda_of(minutes: str, *, last_title: str) -> str:
    """The agenda of those minutes: called so, without decisions, its last item titled
    `last_title` (an item the minutes do not have when the title differs)."""
    kept, deciding = [], False
    for line in minutes.replace("Referat for Integrationsrådet", "Dagsorden for Integrationsrådet").splitlines():
        if line.strip() == "BESLUTNING":
            deciding = True
        elif deciding and line[:2].rstrip(".").isdigit() and ". " in line[:4]:
            deciding = False
        if not deciding:
            kept.append(line)
    return "\n".join(kept).replace("7. Nyt fra formanden", f"7. {last_title}") + "\n"


def test_a_removed_agenda_redirects_to_the_minutes_items_and_an_item_without_them_does_not(runner, tmp_path):
    corpus, index_dir = tmp_path / "referater", tmp_path / "idx"
    corpus.mkdir()
    agenda = "naestved-integrationsraadet-dagsorden-2017-02-23.md"
    minutes = (SEEDS / MINUTES_2017).read_text(encoding="utf-8")
    (corpus / agenda).write_text(agenda_of(minutes, last_title="Orientering fra borgmesteren"), encoding="utf-8")
    shutil.copy(SEEDS / MINUTES_2017, corpus / MINUTES_2017)
    build(runner, corpus, index_dir)
    before = ids(index_dir)
    agenda_document, agenda_passages = before[agenda]
    minutes_document, minutes_passages = before[MINUTES_2017]
    index = open_index(index_dir)
    try:
        assert {p.doc_type for p in index.document(agenda_document)} == {"dagsorden"}
    finally:
        index.close()
    (corpus / agenda).unlink()
    summary = build(runner, corpus, index_dir).stdout
    assert "Viderestillet: 6 gamle punktadresser" in summary
    client = client_of(index_dir, corpus)
    for old, new in zip(agenda_passages[:6], minutes_passages[:6]):
        answer = client.get(f"/passage/{old}")
        assert answer.status_code == 301 and answer.headers["Location"] == f"/passage/{new}"
    assert "-7-orientering-fra-borgmesteren" in agenda_passages[6]
    assert client.get(f"/passage/{agenda_passages[6]}").status_code == 404  # no such item in the minutes
    answer = client.get(f"/document/{agenda_document}")
    assert answer.status_code == 301 and answer.headers["Location"] == f"/document/{minutes_document}"


def test_a_removed_file_of_another_meeting_s_items_redirects_nowhere(runner, tmp_path):
    """Same municipality, council, numbers and titles, another meeting date: no counterpart."""
    corpus, index_dir = tmp_path / "referater", tmp_path / "idx"
    corpus.mkdir()
    minutes = (SEEDS / MINUTES_2017).read_text(encoding="utf-8")
    assert minutes.count("23. februar 2017") >= 1
    other = "naestved-integrationsraadet-referat-2017-03-23.md"
    (corpus / other).write_text(minutes.replace("23. februar 2017", "23. marts 2017"), encoding="utf-8")
    shutil.copy(SEEDS / MINUTES_2017, corpus / MINUTES_2017)
    build(runner, corpus, index_dir)
    removed = ids(index_dir)[MINUTES_2017]
    (corpus / MINUTES_2017).unlink()
    assert "Viderestillet" not in build(runner, corpus, index_dir).stdout
    client = client_of(index_dir, corpus)
    assert all(client.get(f"/passage/{old}").status_code == 404 for old in removed[1])
    assert client.get(f"/document/{removed[0]}").status_code == 404


def test_a_removed_files_item_matched_by_identity_alone_goes_only_with_most_of_its_items(runner, tmp_path):
    """The open and the closed minutes of one meeting both have a «1. Godkendelse af referatet»,
    with another text: the open one's went to the closed one's, and its whole document with it,
    one item of seven (a code review). Alone, an identity is no evidence: neither redirects."""
    corpus, index_dir = tmp_path / "referater", tmp_path / "idx"
    corpus.mkdir()
    minutes = (SEEDS / MINUTES_2017).read_text(encoding="utf-8")
    head = minutes[:minutes.index("\n2. Nyt fra foreningerne")].replace("Referatet godkendt.", "Godkendt uden bemærkninger.")
    assert head != minutes[:minutes.index("\n2. Nyt fra foreningerne")]
    closed = "naestved-integrationsraadet-referat-lukket-2017-02-23.md"
    (corpus / closed).write_text(head + "\n\n2. Personalesag\n\nBeslutning\n\nDrøftet.\n\nNæstved Kommune\n", encoding="utf-8")
    shutil.copy(SEEDS / MINUTES_2017, corpus / MINUTES_2017)
    build(runner, corpus, index_dir)
    with open_index(index_dir) as index:  # the two files' first items are one item by identity
        assert {p.municipality for record in index.sources().values() for p in index.document(record["document_id"])} == {"Næstved"}
    removed = ids(index_dir)[MINUTES_2017]
    (corpus / MINUTES_2017).unlink()
    assert "Viderestillet" not in build(runner, corpus, index_dir).stdout
    client = client_of(index_dir, corpus)
    assert client.get(f"/passage/{removed[1][0]}").status_code == 404
    assert client.get(f"/document/{removed[0]}").status_code == 404


def test_items_of_a_meeting_without_a_municipality_have_no_identity(runner, tmp_path):
    """«Byrådet» of two towns on one date, neither naming its municipality: removing one
    redirected its items and document to the other town's (a code review)."""
    corpus, index_dir = tmp_path / "referater", tmp_path / "idx"
    minutes = "Byrådet\n\nReferat af mødet den 12.03.2024\n\n1. Budget 2025\n\nBeslutning\n\n{}\n\n2. Skolestruktur\n\nBeslutning\n\n{}\n"
    for town, words in (("a", ("Godkendt.", "Udsat.")), ("b", ("Vedtaget.", "Afvist."))):
        (corpus / town).mkdir(parents=True)
        (corpus / town / "referat.txt").write_text(minutes.format(*words), encoding="utf-8")
    build(runner, corpus, index_dir)
    removed = ids(index_dir)["a/referat.txt"]
    shutil.rmtree(corpus / "a")
    assert "Viderestillet" not in build(runner, corpus, index_dir).stdout
    client = client_of(index_dir, corpus)
    assert all(client.get(f"/passage/{old}").status_code == 404 for old in removed[1])


def test_a_rebuild_that_names_an_unchanged_files_items_otherwise_redirects_the_old_ids(runner, one_file, monkeypatch):
    """A release that names a file's document otherwise (a name in NFD slugged «integrationsradet»
    by 0.1.0, «integrationsraadet» now) rebuilt it with new ids and recorded nothing: the content
    had not changed, so nothing was paired, and every bookmark answered 404 (a code review)."""
    import indexer.enrich
    import indexer.pipeline

    corpus, index_dir = one_file
    named = indexer.enrich.document_id_of
    monkeypatch.setattr(indexer.enrich, "document_id_of", lambda source: "gammel-" + named(source))
    monkeypatch.setattr(indexer.pipeline, "READING_VERSION", indexer.pipeline.READING_VERSION - 1)
    build(runner, corpus, index_dir)  # as the release before named it
    old_document, old_items = ids(index_dir)[MINUTES_2015]
    monkeypatch.undo()
    result = build(runner, corpus, index_dir)  # this release's rebuild: the same file, other ids
    new_document, new_items = ids(index_dir)[MINUTES_2015]
    assert old_document.startswith("gammel-") and new_document == old_document.removeprefix("gammel-")
    client = client_of(index_dir, corpus)
    assert client.get(f"/document/{old_document}").headers["Location"].endswith(f"/document/{new_document}")
    assert [client.get(f"/passage/{old}").headers["Location"].rsplit("/", 1)[-1] for old in old_items] == new_items
    assert "Viderestillet" in result.stdout or "Viderestillet" in result.output


RANDERS = Path(__file__).parent / "fixtures" / "layouts13_randers" / "randers_byraadet_referat_2025-04-28.txt"


def test_an_item_an_older_release_titled_with_its_number_keeps_its_address_after_the_upgrade(tmp_path, monkeypatch):
    """0.5.0 read the Randers minutes as one numberless passage «06 – Lukket punkt: Salg af
    ejendommen Vestergade 14»; the release after reads item 6 «Lukket punkt: Salg af ejendommen
    Vestergade 14». Its old address answered 404, and the feed listed it as new (an upgrade review)."""
    from dataclasses import replace

    import indexer.pipeline
    from indexer.ids import passage_ids
    from indexer.update import update_index
    from search import moved

    corpus = tmp_path / "referater"
    corpus.mkdir()
    shutil.copy(RANDERS, corpus / RANDERS.name)
    index_dir = tmp_path / "idx"
    read = indexer.pipeline.read_document

    def as_the_older_release(path, root):  # item 6 alone, its heading's number part of its title
        document = read(path, root)
        item = next(p for p in document.passages if p.item_number == 6)
        title = f"06 – {item.title}"
        old = replace(item, id=passage_ids(document.id, [(None, title)])[0], item_number=None, title=title, position=0)
        return replace(document, passages=(old,))

    with monkeypatch.context() as older:
        older.setattr(indexer.pipeline, "READING_VERSION", indexer.pipeline.READING_VERSION - 1)
        older.setattr(indexer.pipeline, "read_document", as_the_older_release)
        update_index([corpus], index_dir, workers=1)
    (document_id, (old_id,)), = ids(index_dir).values()
    assert old_id.endswith("-06-lukket-punkt-salg-af-ejendommen")
    with open_index(index_dir) as index:
        first_seen = index.first_indexed([old_id])[old_id]

    update_index([corpus], index_dir, workers=1)  # the upgrade's rebuild

    new_id = moved.lookup(index_dir, moved.PASSAGE, old_id)
    assert new_id is not None and new_id.endswith("-6-lukket-punkt-salg-af-ejendommen")
    with open_index(index_dir) as index:
        assert [p.title for p in index.document(document_id) if p.id == new_id] == [
            "Lukket punkt: Salg af ejendommen Vestergade 14"]
        assert index.first_indexed([new_id])[new_id] == first_seen  # not new to the feed
    client = client_of(index_dir, corpus)
    answer = client.get(f"/passage/{old_id}")
    assert answer.status_code == 301 and answer.headers["Location"] == f"/passage/{new_id}"


def test_an_item_titled_with_another_number_pairs_with_nothing():
    """Pairing stays careful: «05 – …» is not item 6, and two old items that would both be it are a guess."""
    from search.moved import Item, _pair_items

    new = (Item("d-6-lukket", 0, 6, "Lukket punkt: Salg"), Item("d-7-valg", 1, 7, "Valg af medlem"))
    assert _pair_items((Item("d-05-lukket", 0, None, "05 – Lukket punkt: Salg"),), new) == {}
    assert _pair_items((Item("d-06-lukket", 0, None, "Pkt. 6 Lukket punkt: Salg"),), new) == {"d-06-lukket": "d-6-lukket"}
    twice = (Item("d-06-lukket", 0, None, "06 – Lukket punkt: Salg"), Item("d-6-lukket-x", 1, None, "6. Lukket punkt: Salg"))
    assert _pair_items(twice, new) == {}


def test_two_files_that_swap_names_redirect_nothing_across_meetings(runner, tmp_path):
    """Two minutes swapping file names: each file «changed in place», and its old «Eventuelt» paired
    with the other meeting's «Eventuelt» by title (code review 33); an old address must 404 rather
    than lead to another meeting's item."""
    corpus, index_dir = tmp_path / "c", tmp_path / "idx"
    corpus.mkdir()
    shutil.copy(SEEDS / MINUTES_2015, corpus / "a.txt")
    shutil.copy(SEEDS / "roskilde-integrationsraadet-referat-2026-06-04.txt", corpus / "b.txt")
    build(runner, corpus, index_dir)
    before = ids(index_dir)
    (corpus / "a.txt").rename(corpus / "tmp.txt")
    (corpus / "b.txt").rename(corpus / "a.txt")
    (corpus / "tmp.txt").rename(corpus / "b.txt")
    build(runner, corpus, index_dir)
    after = ids(index_dir)
    assert before != after  # the items' ids name their numbers: the swap gave them new ids

    recorded = json.loads((index_dir / MOVED_FILE).read_text(encoding="utf-8")) if (index_dir / MOVED_FILE).exists() else {}
    meeting_of = {pid: source for source, (_, passages) in before.items() for pid in passages}
    now_of = {pid: source for source, (_, passages) in after.items() for pid in passages}
    for old_id, new_id in recorded.get("passages", {}).items():
        # a.txt's old items were Næstved's; its new ones are Roskilde's: no redirect joins them
        assert meeting_of[old_id] != now_of.get(new_id), (old_id, new_id)
