"""When each passage first entered the index (`schema.FIRST_INDEXED`), kept across reindexing
and rebuilds, and the feed that lists by it: minutes indexed weeks after their meeting, or an
archive filled in, reach a search's subscribers however old their meeting."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from email.utils import format_datetime

import pytest

from conftest import SEEDS

ATOM = "{http://www.w3.org/2005/Atom}"
OLD_MEETING = "naestved-integrationsraadet-referat-2015-05-21.txt"
# The clock of each run (UTC seconds), set through `search.index_writer.utc_now`.
T1, T2, T3, T4, T5 = (int(datetime(2026, 3, day, 9, 15, tzinfo=timezone.utc).timestamp()) for day in (1, 2, 3, 4, 5))


def stamp(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def http_date(seconds: int) -> str:
    return format_datetime(datetime.fromtimestamp(seconds, tz=timezone.utc), usegmt=True)


@pytest.fixture
def clock(monkeypatch):
    """Sets the time the next indexing run writes: `clock(T2)`."""
    import search.index_writer

    def set_clock(seconds: int) -> None:
        monkeypatch.setattr(search.index_writer, "utc_now", lambda: seconds)

    return set_clock


def index_run(corpus, index_dir, **options):
    from indexer.update import update_index

    report = update_index([corpus], index_dir, **options)
    assert not report.skipped, report.skipped
    return report


def times(index_dir) -> dict[str, int]:
    """Every passage id of the index → its first-indexed time, UTC seconds."""
    from search import open_index

    with open_index(index_dir) as index:
        ids = [p.id for record in index.sources().values() for p in index.document(record["document_id"])]
        found = index.first_indexed(ids)
    assert set(found) == set(ids), "every passage has a time"
    return {pid: int(moment.timestamp()) for pid, moment in found.items()}


def site(index_dir, corpus):
    from webui import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir), "CORPUS_DIR": str(corpus)}).test_client()


def atom(response):
    import xml.etree.ElementTree as ET

    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.get_data())
    return root, root.findall(f"{ATOM}entry")


def later_corpus(tmp_path):
    """The seeds but the 2015 minutes, which a second run adds (`add_old_meeting`)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in SEEDS.iterdir():
        if path.name != OLD_MEETING:
            shutil.copy(path, corpus / path.name)
    return corpus


def add_old_meeting(corpus):
    shutil.copy(SEEDS / OLD_MEETING, corpus / OLD_MEETING)


def old_meeting_ids(index_dir) -> set[str]:
    from search import open_index

    with open_index(index_dir) as index:
        document_id = index.sources()[OLD_MEETING]["document_id"]
        return {p.id for p in index.document(document_id)}


def test_minutes_of_an_old_meeting_indexed_later_lead_the_feed(tmp_path, clock):
    corpus, index_dir = later_corpus(tmp_path), tmp_path / "index"
    clock(T1)
    index_run(corpus, index_dir)
    client = site(index_dir, corpus)
    before = client.get("/feed")
    root, entries = atom(before)
    assert {e.find(f"{ATOM}updated").text for e in entries} == {stamp(T1)}  # first indexed, not the meeting
    assert root.find(f"{ATOM}updated").text == stamp(T1) and before.headers["Last-Modified"] == http_date(T1)

    clock(T2)
    add_old_meeting(corpus)
    index_run(corpus, index_dir)
    after = client.get("/feed")
    root, entries = atom(after)
    added = old_meeting_ids(index_dir)
    # all 35 seed items fit: the 2015 meeting's items come first, older than every other minutes' meeting
    assert len(entries) == 35 and len(added) > 1
    first = entries[:len(added)]
    assert {e.find(f"{ATOM}link").get("href").split("/passage/")[1].split("?")[0] for e in first} == added
    assert {e.find(f"{ATOM}updated").text for e in first} == {stamp(T2)}
    assert {e.find(f"{ATOM}published").text for e in first} == {"2015-05-21T00:00:00Z"}  # still its meeting
    assert {e.find(f"{ATOM}updated").text for e in entries[len(added):]} == {stamp(T1)}
    # the meeting's items in its order, as the page lists one meeting
    numbers = [int(e.find(f"{ATOM}title").text.split(".")[0]) for e in first if e.find(f"{ATOM}title").text[0].isdigit()]
    assert numbers == sorted(numbers)
    # the feed moved with its new entries: a reader asking «since» the old date gets them
    assert root.find(f"{ATOM}updated").text == stamp(T2) and after.headers["Last-Modified"] == http_date(T2)
    assert client.get("/feed", headers={"If-Modified-Since": before.headers["Last-Modified"]}).status_code == 200
    assert client.get("/feed", headers={"If-Modified-Since": after.headers["Last-Modified"]}).status_code == 304
    # a search's feed too: «flygtninge» finds items of the 2015 meeting, which now lead it
    _, found = atom(client.get("/feed", query_string={"q": "flygtninge"}))
    assert found[0].find(f"{ATOM}updated").text == stamp(T2)


def test_first_indexed_times_survive_reindexing_changes_and_rebuilds(tmp_path, clock, monkeypatch):
    from search import open_index

    corpus, index_dir = later_corpus(tmp_path), tmp_path / "index"
    clock(T1)
    index_run(corpus, index_dir)
    clock(T2)
    add_old_meeting(corpus)
    index_run(corpus, index_dir)
    first = times(index_dir)
    added = old_meeting_ids(index_dir)
    assert {first[pid] for pid in added} == {T2} and {t for pid, t in first.items() if pid not in added} == {T1}

    clock(T3)  # nothing changed: no commit, every time as it was
    assert not index_run(corpus, index_dir).committed
    assert times(index_dir) == first

    # one item renamed: a new id, new to the index; the file's other items keep their ids and times
    with open_index(index_dir) as index:
        renamed = max((p for p in index.document(index.sources()[OLD_MEETING]["document_id"])),
                      key=lambda p: p.position)
    path = corpus / OLD_MEETING
    text = path.read_text(encoding="utf-8")
    assert renamed.title in text
    path.write_text(text.replace(renamed.title, renamed.title + " og budget"), encoding="utf-8")
    clock(T4)
    assert index_run(corpus, index_dir).indexed == 1
    changed = times(index_dir)
    new = set(changed) - set(first)
    assert renamed.id not in changed and new and all(changed[pid] == T4 for pid in new)
    kept = set(changed) & set(first)
    assert len(kept) == len(first) - 1 and all(changed[pid] == first[pid] for pid in kept)

    clock(T5)  # a whole rebuild reads every file again, and keeps when each item came
    assert index_run(corpus, index_dir, full=True).full
    assert times(index_dir) == changed
    # so does the rebuild after an upgrade whose stems or data changed (another build stamp)
    import indexer.update

    monkeypatch.setattr(indexer.update, "build_stamp", lambda: "another release")
    assert index_run(corpus, index_dir).rebuilt_because
    assert times(index_dir) == changed


def test_a_large_meeting_is_not_cut_partway(tmp_path, clock, monkeypatch):
    import webui.search_views

    corpus, index_dir = later_corpus(tmp_path), tmp_path / "index"
    clock(T1)
    index_run(corpus, index_dir)
    clock(T2)
    add_old_meeting(corpus)
    index_run(corpus, index_dir)
    added = old_meeting_ids(index_dir)
    client = site(index_dir, corpus)
    monkeypatch.setattr(webui.search_views, "FEED_SIZE", 3)
    _, entries = atom(client.get("/feed"))
    assert len(entries) == len(added) > 3  # the meeting whole, not its first 3 items
    assert {e.find(f"{ATOM}updated").text for e in entries} == {stamp(T2)}
    monkeypatch.setattr(webui.search_views, "FEED_MAX", 5)
    assert len(atom(client.get("/feed"))[1]) == 5  # but never more than the cap
    monkeypatch.setattr(webui.search_views, "FEED_SIZE", len(added))
    monkeypatch.setattr(webui.search_views, "FEED_MAX", 200)
    assert len(atom(client.get("/feed"))[1]) == len(added)  # a meeting ending at the cut pulls in no other


def test_an_index_without_times_feeds_by_meeting_date(tmp_path, clock):
    """Passages written without a time (0: as by a release before them) list newest meeting
    first and are dated by their meetings, as the feed did before."""
    clock(0)
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    index_dir = tmp_path / "index"
    index_run(corpus, index_dir)
    response = site(index_dir, corpus).get("/feed", query_string={"q": "flygtninge"})
    _, entries = atom(response)
    published = [e.find(f"{ATOM}published").text for e in entries if e.find(f"{ATOM}published") is not None]
    assert published == sorted(published, reverse=True)
    assert all(e.find(f"{ATOM}updated").text == e.find(f"{ATOM}published").text for e in entries
               if e.find(f"{ATOM}published") is not None and e.find(f"{ATOM}published").text < "2026")
    assert response.headers["Last-Modified"].endswith("00:00:00 GMT")
