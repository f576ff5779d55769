"""When each passage first entered the index (`schema.FIRST_INDEXED`), kept across reindexing
and rebuilds, and the feed that lists by it: minutes indexed weeks after their meeting, or an
archive filled in, reach a search's subscribers however old their meeting."""

from __future__ import annotations

import json
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


def times(index_dir, which: str = "first_indexed") -> dict[str, int]:
    """Every passage id of the index → its first-indexed time (`which`: or `changed_at`), UTC seconds."""
    from search import open_index

    with open_index(index_dir) as index:
        ids = [p.id for record in index.sources().values() for p in index.document(record["document_id"])]
        found = getattr(index, which)(ids)
    assert set(found) == set(ids), "every passage has a time"
    return {pid: int(moment.timestamp()) for pid, moment in found.items()}


def changed_times(index_dir) -> dict[str, int]:
    """Every passage id of the index → when it last changed, UTC seconds."""
    return times(index_dir, "changed_at")


def not_modified(client, earlier, **query) -> bool:
    """Whether a reader that fetched `earlier` gets 304 by its ETag; a changed feed is never 304
    to a reader asking by date either (its <updated> as If-Modified-Since, both validators)."""
    dated = atom(earlier)[0].find(f"{ATOM}updated").text
    since, etag = http_date(int(datetime.fromisoformat(dated[:-1] + "+00:00").timestamp())), earlier.headers["ETag"]
    by_etag = client.get("/feed", query_string=query, headers={"If-None-Match": etag}).status_code
    for headers in ({"If-Modified-Since": since}, {"If-Modified-Since": since, "If-None-Match": etag}):
        answer = client.get("/feed", query_string=query, headers=headers).status_code
        assert answer == 200 or by_etag == 304, (headers, answer)
    assert by_etag in (200, 304)
    return by_etag == 304


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


def indexed_in_two_runs(tmp_path, clock):
    """The seeds indexed at T1 but the 2015 minutes, which a second run at T2 adds: (corpus, index)."""
    corpus, index_dir = later_corpus(tmp_path), tmp_path / "index"
    clock(T1)
    index_run(corpus, index_dir)
    clock(T2)
    add_old_meeting(corpus)
    index_run(corpus, index_dir)
    return corpus, index_dir


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
    assert root.find(f"{ATOM}updated").text == stamp(T1)
    assert "Last-Modified" not in before.headers  # no date is right for it (`feed`): the ETag is

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
    # the feed moved with its new entries: a reader asking with the old validators gets them
    assert root.find(f"{ATOM}updated").text == stamp(T2)
    assert not_modified(client, before) is False and not_modified(client, after) is True
    # a search's feed too: «flygtninge» finds items of the 2015 meeting, which now lead it
    _, found = atom(client.get("/feed", query_string={"q": "flygtninge"}))
    assert found[0].find(f"{ATOM}updated").text == stamp(T2)


def test_first_indexed_times_survive_reindexing_changes_and_rebuilds(tmp_path, clock, monkeypatch):
    from search import open_index

    corpus, index_dir = indexed_in_two_runs(tmp_path, clock)
    first = times(index_dir)
    added = old_meeting_ids(index_dir)
    assert {first[pid] for pid in added} == {T2} and {t for pid, t in first.items() if pid not in added} == {T1}

    assert changed_times(index_dir) == first  # nothing changed since it was indexed

    clock(T3)  # nothing changed: no commit, every time as it was
    assert not index_run(corpus, index_dir).committed
    assert times(index_dir) == first and changed_times(index_dir) == first

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

    last_changed = changed_times(index_dir)
    assert last_changed == changed  # the file's other items kept their records too

    clock(T5)  # a whole rebuild reads every file again, and keeps when each item came and changed
    assert index_run(corpus, index_dir, full=True).full
    assert times(index_dir) == changed and changed_times(index_dir) == last_changed
    # so does the rebuild after an upgrade whose stems or data changed (another build stamp)
    import indexer.update

    monkeypatch.setattr(indexer.update, "build_stamp", lambda: "another release")
    assert index_run(corpus, index_dir).rebuilt_because
    assert times(index_dir) == changed and changed_times(index_dir) == last_changed


def test_a_large_meeting_is_not_cut_partway(tmp_path, clock, monkeypatch):
    import webui.search_views

    corpus, index_dir = indexed_in_two_runs(tmp_path, clock)
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
    root, _ = atom(response)
    assert root.find(f"{ATOM}updated").text.endswith("T00:00:00Z")  # its newest meeting's day


def corrected_decision(index_dir, corpus):
    """Corrects, in its minutes file, one item's decision where its first line is written once:
    the same file, the same items and ids, another decision. Returns the item's id."""
    from search import open_index

    with open_index(index_dir) as index:
        for source, record in sorted(index.sources().items()):
            path = corpus / source
            if path.suffix != ".txt":
                continue
            text = path.read_text(encoding="utf-8")
            for passage in index.document(record["document_id"]):
                lines = [s.text.splitlines()[0] for s in passage.sections if s.is_decision and s.text.strip()]
                if lines and len(lines[0]) > 20 and text.count(lines[0]) == 1:
                    corrected = text.replace(lines[0], lines[0] + " Rettet: med 7 stemmer mod 2.")
                    path.write_text(corrected, encoding="utf-8")
                    return passage.id
    raise AssertionError("no decision to correct")


def seeds_indexed(tmp_path, clock):
    """The seeds indexed at T1: (corpus, index folder, a test client of the site)."""
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(SEEDS, corpus)
    clock(T1)
    index_run(corpus, index_dir)
    return corpus, index_dir, site(index_dir, corpus)


def entry_ids(entries) -> list[str]:
    return [e.find(f"{ATOM}link").get("href").split("/passage/")[1].split("?")[0] for e in entries]


def test_a_decision_corrected_in_place_updates_its_entry(tmp_path, clock):
    corpus, index_dir, client = seeds_indexed(tmp_path, clock)
    before = client.get("/feed")
    _, old_entries = atom(before)
    first = times(index_dir)

    corrected = corrected_decision(index_dir, corpus)
    clock(T2)
    assert index_run(corpus, index_dir).indexed == 1
    assert times(index_dir) == first  # the same ids, first indexed when they were
    assert {pid for pid, t in changed_times(index_dir).items() if t != T1} == {corrected}

    after = client.get("/feed")
    root, entries = atom(after)
    # the same entries in the same places (by first indexed, not by change), that one updated
    assert entry_ids(entries) == entry_ids(old_entries)
    updated = {pid: e.find(f"{ATOM}updated").text for pid, e in zip(entry_ids(entries), entries)}
    assert updated.pop(corrected) == stamp(T2) and set(updated.values()) == {stamp(T1)}
    summary = dict(zip(entry_ids(entries), entries))[corrected].find(f"{ATOM}summary").text
    assert "Rettet" in summary
    assert root.find(f"{ATOM}updated").text == stamp(T2)
    assert not_modified(client, before) is False and not_modified(client, after) is True

    clock(T3)  # indexed again unchanged, or rebuilt: every time as it was
    assert not index_run(corpus, index_dir).committed
    assert index_run(corpus, index_dir, full=True).full
    assert times(index_dir) == first and changed_times(index_dir)[corrected] == T2
    assert not_modified(client, after) is True


def test_a_removed_file_never_leaves_the_feed_not_modified(tmp_path, clock):
    corpus, index_dir, client = seeds_indexed(tmp_path, clock)
    gone = old_meeting_ids(index_dir)
    before = client.get("/feed")
    searched = client.get("/feed", query_string={"q": "flygtninge"})
    assert gone & set(entry_ids(atom(searched)[1]))

    clock(T2)
    (corpus / OLD_MEETING).unlink()
    index_run(corpus, index_dir)
    after = client.get("/feed")
    root, entries = atom(after)
    assert not gone & set(entry_ids(entries)) and len(entries) == len(atom(before)[1]) - len(gone)
    # the newest remaining entry is no newer, but the feed's date does not go back: it changed
    assert root.find(f"{ATOM}updated").text == stamp(T2)
    assert not_modified(client, before) is False and not_modified(client, after) is True
    assert not_modified(client, searched, q="flygtninge") is False

    clock(T3)  # another file added later: the feed's date moves on, never back
    shutil.copy(SEEDS / OLD_MEETING, corpus / "igen.txt")
    index_run(corpus, index_dir)
    assert atom(client.get("/feed"))[0].find(f"{ATOM}updated").text == stamp(T3)


def test_an_index_without_change_times_dates_entries_by_first_indexed(tmp_path, clock, monkeypatch):
    """An index of this schema version written before `changed_at` and its hash: read as
    unknown, each entry updated when first indexed; a later write adds them for what it writes."""
    import search.index
    import search.index_writer
    from search.schema import CHANGED_AT, FINGERPRINT, build_schema

    def without_change_times():
        schema = build_schema()
        schema.remove(CHANGED_AT)
        schema.remove(FINGERPRINT)
        return schema

    monkeypatch.setattr(search.index, "build_schema", without_change_times)
    monkeypatch.setattr(search.index_writer, "build_schema", without_change_times)
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    index_dir = tmp_path / "index"
    clock(T1)
    index_run(corpus, index_dir)
    first = times(index_dir)
    assert changed_times(index_dir) == first
    monkeypatch.undo()
    clock(T2)
    corrected = corrected_decision(index_dir, corpus)
    assert index_run(corpus, index_dir).indexed == 1  # into the old schema: no hash to compare
    assert times(index_dir) == first and changed_times(index_dir) == first
    _, entries = atom(site(index_dir, corpus).get("/feed"))
    assert {e.find(f"{ATOM}updated").text for e in entries} == {stamp(T1)} and corrected in entry_ids(entries)
    clock(T3)  # a whole build writes them: unknown before, the records count as unchanged
    assert index_run(corpus, index_dir, full=True).full
    assert times(index_dir) == first and changed_times(index_dir) == first


# --- What is new, through the API ---------------------------------------------------------------
# A newsroom's tool polling for new items could only read the feed: the API refused the feed's
# order (400 invalid_sort) and a passage's JSON had no time (an API review).


def test_the_api_and_the_cli_list_the_items_indexed_last_first(tmp_path, clock, runner):
    from conftest import run

    corpus, index_dir = indexed_in_two_runs(tmp_path, clock)
    client = site(index_dir, corpus)
    added = old_meeting_ids(index_dir)
    body = client.get("/api/search", query_string={"sort": "added", "page_size": 100}).get_json()
    assert body["order"] == "added"
    assert {h["id"] for h in body["hits"][:len(added)]} == added  # a 2015 meeting, yet first
    _, entries = atom(client.get("/feed"))
    assert [h["id"] for h in body["hits"]] == [e.find(f"{ATOM}link").get("href").split("/passage/")[1].split("?")[0]
                                              for e in entries]  # the feed's order
    danish = client.get("/api/search", query_string={"sort": "Tilføjet", "page_size": 100}).get_json()
    assert danish["hits"] == body["hits"]
    cli = json.loads(run(runner, "search", "", "--sort", "tilføjet", "--limit", "100", "--json",
                         "--index-dir", str(index_dir)).output)
    assert [h["id"] for h in cli["hits"]] == [h["id"] for h in body["hits"]]


def test_the_feeds_page_lists_in_the_feeds_order(tmp_path, clock):
    corpus, index_dir = indexed_in_two_runs(tmp_path, clock)
    client = site(index_dir, corpus)
    root, _ = atom(client.get("/feed", query_string={"q": "flygtninge"}))
    page = next(link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "alternate")
    assert page == "http://localhost/?q=flygtninge&sort=added"
    assert "Senest tilføjet" in client.get(page).get_data(as_text=True)


def test_a_passages_json_says_when_it_was_indexed_and_last_changed(tmp_path, clock):
    corpus, index_dir = indexed_in_two_runs(tmp_path, clock)
    client = site(index_dir, corpus)
    old = client.get(f"/api/passage/{sorted(old_meeting_ids(index_dir))[0]}").get_json()
    assert (old["first_indexed"], old["changed_at"]) == (stamp(T2), stamp(T2))
    other = next(h for h in client.get("/api/search", query_string={"page_size": 100}).get_json()["hits"]
                 if h["id"] not in old_meeting_ids(index_dir))
    assert client.get(other["links"]["json"]).get_json()["first_indexed"] == stamp(T1)


# --- A corrected copy of minutes beside the first ------------------------------------------------
# The desk's morning (a newsdesk review): corrected minutes indexed beside the first, one decision
# changed. The unchanged items, copies now shown from the corrected file, came up at the top of
# the feed and «Senest tilføjet» as updated; the changed item's two versions were two entries
# with one Atom id, the superseded decision among them.


def corrected_beside_the_first(tmp_path, clock):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    text = (SEEDS / OLD_MEETING).read_text(encoding="utf-8")
    (corpus / OLD_MEETING).write_text(text, encoding="utf-8")
    clock(T1)
    index_run(corpus, index_dir)
    clock(T2)
    opening = "Når man laver indsamlinger er det vigtigt"
    corrected = text.replace(opening, "Dog udsat til næste møde. " + opening)
    (corpus / OLD_MEETING.replace(".txt", "-rettet.txt")).write_text(corrected, encoding="utf-8")
    index_run(corpus, index_dir)
    return site(index_dir, corpus)


def test_a_corrected_copy_brings_only_its_changed_item_up_as_new(tmp_path, clock):
    client = corrected_beside_the_first(tmp_path, clock)
    _, entries = atom(client.get("/feed"))
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(ids) == len(set(ids))  # one entry per item
    first = entries[0]
    assert first.find(f"{ATOM}title").text.endswith("Modtagelse af flygtninge")
    assert first.find(f"{ATOM}updated").text == stamp(T2) and "-rettet-" in first.find(f"{ATOM}link").get("href")
    assert "Dog udsat til næste møde." in first.find(f"{ATOM}summary").text
    assert {e.find(f"{ATOM}updated").text for e in entries[1:]} == {stamp(T1)}  # the rest, unchanged
    hits = client.get("/api/search", query_string={"sort": "added", "page_size": 100}).get_json()["hits"]
    assert hits[0]["id"] == first.find(f"{ATOM}link").get("href").split("/passage/")[1].split("?")[0]
    assert [h["title"] for h in hits].count("Modtagelse af flygtninge") == 2  # the search finds both versions
    added = [client.get(h["links"]["json"]).get_json()["first_indexed"] for h in hits[1:]]
    assert set(added) == {stamp(T1)}  # the unchanged items entered the index with the first file


def test_senest_tilfoejet_says_when_each_item_entered_the_search(tmp_path, clock):
    """A desk could not see where yesterday ends in «Senest tilføjet»: the hits showed only the
    meeting date and the JSON had no time (a newsdesk review)."""
    corpus, index_dir = indexed_in_two_runs(tmp_path, clock)
    client = site(index_dir, corpus)
    hits = client.get("/api/search", query_string={"sort": "added", "page_size": 100}).get_json()["hits"]
    added = old_meeting_ids(index_dir)
    assert {h["first_indexed"] for h in hits if h["id"] in added} == {stamp(T2)}
    assert {h["first_indexed"] for h in hits if h["id"] not in added} == {stamp(T1)}
    page = client.get("/", query_string={"sort": "added"}).get_data(as_text=True)
    assert '<span class="added">Tilføjet <time datetime="2026-03-02T09:15:00Z">2. marts 2026</time></span>' in page
    assert 'class="added"' not in client.get("/", query_string={"sort": "newest"}).get_data(as_text=True)


def test_an_entry_is_published_at_its_meeting_never_later_than_its_update_nor_on_an_invented_day(tmp_path, clock):
    """A dates review: minutes printing only «juni 2026» were published on 31 December 2026, a date
    no document printed and in the future; an agenda of a meeting weeks ahead was published after
    its own <updated>. Now: no <published> without a meeting date, and never after <updated>."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ungeraadet-juni.txt").write_text(
        "Søholt Kommune\nUngerådet\nReferat\njuni 2026\n\n1. Ungdomsklub\nBeslutning:\nGodkendt.\n", encoding="utf-8")
    (corpus / "byraadet-dagsorden.txt").write_text(
        "Søholt Kommune\nByrådet\nDagsorden\nMødedato: 12.01.2027\n\n1. Budgetopfølgning\nSagsfremstilling:\n"
        "Opfølgning på budgettet.\n", encoding="utf-8")
    clock(T1)
    index_run(corpus, tmp_path / "index")
    _root, entries = atom(site(tmp_path / "index", corpus).get("/feed"))
    by_title = {e.find(f"{ATOM}title").text: e for e in entries}
    month_only = by_title["1. Ungdomsklub"]
    assert month_only.find(f"{ATOM}published") is None
    agenda = by_title["Dagsorden: 1. Budgetopfølgning"]
    assert agenda.find(f"{ATOM}published").text == agenda.find(f"{ATOM}updated").text == stamp(T1)


def test_a_new_topic_vocabulary_changes_no_items_time(tmp_path, clock, monkeypatch):
    """A release whose topics.txt changed re-tagged 15 of 105 items and the feed listed them as
    updated, two with the same topics in another order (an upgrade review): tags are not the item."""
    corpus, index_dir = later_corpus(tmp_path), tmp_path / "index"
    clock(T1)
    index_run(corpus, index_dir)
    before = changed_times(index_dir)
    extra = tmp_path / "emner.txt"
    extra.write_text("flugt og ophold: flygtning, asyl, ophold\n", encoding="utf-8")
    monkeypatch.setenv("REFERATSOG_TOPICS", str(extra))
    clock(T2)
    report = index_run(corpus, index_dir)
    assert report.rebuilt_because  # another vocabulary: the whole index read again

    from search import open_index

    with open_index(index_dir) as index:
        retagged = [p for record in index.sources().values() for p in index.document(record["document_id"])
                    if "flugt og ophold" in p.topics]
    assert retagged  # the items were tagged anew
    assert changed_times(index_dir) == before  # and none of them changed


def feed_as_read(client) -> list[tuple[str, str, str]]:
    """The feed's entries in order, as a reader keeps them: (entry id, title, updated)."""
    return [(e.find(f"{ATOM}id").text, e.find(f"{ATOM}title").text, e.find(f"{ATOM}updated").text)
            for e in atom(client.get("/feed"))[1]]


def added_order(client) -> list[tuple[str, str, str]]:
    """`/api/search?sort=added`: each item's title, meeting and first-indexed time, newest first."""
    hits = client.get("/api/search", query_string={"sort": "added", "page_size": 100}).get_json()["hits"]
    return [(h["title"], h["meeting_date"] or "", h["first_indexed"]) for h in hits]


def test_a_renamed_file_or_a_second_folder_shows_no_old_item_as_new(tmp_path, clock):
    """Renaming a minutes file, or naming a second folder beside the first (the README's way of
    growing an archive), gives the old items new ids; they stay as old as they were."""
    from indexer.update import update_index

    corpus, index_dir, client = seeds_indexed(tmp_path, clock)
    first, changed = times(index_dir), changed_times(index_dir)
    feed, added = feed_as_read(client), added_order(client)
    assert len(feed) == len(first) and {t for _, _, t in feed} == {stamp(T1)}

    clock(T2)  # renamed: its items get new ids (and the old addresses redirect)
    (corpus / OLD_MEETING).rename(corpus / "naestved-ir-2015-05-21.txt")
    report = index_run(corpus, index_dir)
    assert report.redirected > 0
    assert set(times(index_dir)) != set(first)
    assert sorted(times(index_dir).values()) == sorted(first.values())
    assert sorted(changed_times(index_dir).values()) == sorted(changed.values())
    assert feed_as_read(client) == feed and added_order(client) == added

    clock(T3)  # a second folder named beside the first: every source is named anew, from their parent
    second = tmp_path / "corpus2"
    second.mkdir()
    shutil.copy(SEEDS / OLD_MEETING, second / "ny-kopi.txt")
    (second / "ny-kopi.txt").write_text((SEEDS / OLD_MEETING).read_text(encoding="utf-8")
                                        .replace("2015", "2016"), encoding="utf-8")
    report = update_index([corpus, second], index_dir)
    assert not report.skipped and report.redirected > 0
    now = times(index_dir)
    new = {pid for pid in now if "ny-kopi" in pid}
    assert new and {now[pid] for pid in new} == {T3}
    assert sorted(t for pid, t in now.items() if pid not in new) == sorted(first.values())
    assert {t for pid, t in changed_times(index_dir).items() if pid not in new} == {T1}
    # the old entries keep their places and dates; the new meeting's lead
    later = feed_as_read(client)
    assert [e for e in later if e[2] != stamp(T3)] == feed
    assert [a for a in added_order(client) if a[2] != stamp(T3)] == added


NEW_MEETING = "roskilde-integrationsraadet-referat-2026-06-04.txt"


def meeting_times(index_dir) -> dict[tuple[str, str, str], dict[str, int]]:
    """Each meeting (municipality, meeting date, document type) → its items' titles → first-indexed time."""
    from search import open_index

    found: dict[tuple[str, str, str], dict[str, int]] = {}
    with open_index(index_dir) as index:
        passages = [p for record in index.sources().values() for p in index.document(record["document_id"])]
        firsts = index.first_indexed([p.id for p in passages])
    for p in passages:
        found.setdefault((p.municipality, p.meeting_date, p.doc_type), {})[p.title] = int(firsts[p.id].timestamp())
    return found


def test_two_files_that_swap_names_never_take_each_others_times(tmp_path, clock):
    """Two minutes files that swap names (a.txt ↔ b.txt): each «Eventuelt» is no other
    meeting's «Eventuelt», and no item takes the other meeting's first-indexed time (a code
    review: Roskilde's «Eventuelt» took Næstved's, and Næstved's Roskilde's)."""
    corpus, index_dir = tmp_path / "c2", tmp_path / "c2idx"
    corpus.mkdir()
    clock(T1)
    shutil.copy(SEEDS / OLD_MEETING, corpus / "a.txt")
    index_run(corpus, index_dir)
    clock(T2)
    shutil.copy(SEEDS / NEW_MEETING, corpus / "b.txt")
    index_run(corpus, index_dir)
    before = meeting_times(index_dir)
    naestved, roskilde = (("Næstved", "2015-05-21", "referat"), ("Roskilde", "2026-06-04", "referat"))
    assert set(before[naestved].values()) == {T1} and set(before[roskilde].values()) == {T2}
    assert "Eventuelt" in before[naestved] and "Eventuelt" in before[roskilde]

    clock(T3)
    (corpus / "a.txt").rename(corpus / "tmp")
    (corpus / "b.txt").rename(corpus / "a.txt")
    (corpus / "tmp").rename(corpus / "b.txt")
    index_run(corpus, index_dir)
    after = meeting_times(index_dir)
    assert after.keys() == before.keys()
    # never the other meeting's time: each meeting's items are as old as before, or new now
    assert set(after[naestved].values()) <= {T1, T3}, after[naestved]
    assert set(after[roskilde].values()) <= {T2, T3}, after[roskilde]
