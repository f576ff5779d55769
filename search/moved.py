"""Old passage and document ids → their present ids, kept beside the index.

A passage's id names its file (path and name) and its item's number and title
(`indexer.ids`), so renaming or moving a file, or fixing a typo in an item's title, gives
new ids: citations, bookmarks and the feed's entry ids would answer 404. Each indexing run
pairs the passages of a removed or changed file with the new ones (`pair`) and, once its
commit has succeeded, records old id → new id in `MOVED_FILE` (`record`); the web UI asks
`SearchIndex.moved` for an id it does not know and answers 301.

Pairing is careful: a 404 is better than a redirect to another item.

* A removed file whose content (sha256) equals that of exactly one newly added file is the
  same document renamed or moved: the documents pair, and their passages by position (the
  same text gives the same items; their titles must agree).
* A removed file replaced by the same minutes in another file (its PDF beside the text, then
  the text removed; or both in one run): every item has its copy in one file that stays, or
  one new file has the same numbers and titles in order.
* Else item by item, whichever run indexed the file that stays (a corrected copy «rettet»
  indexed beside the minutes, the original removed later): an item pairs with its copy in a
  file that stays (`SearchIndex.copies`), else with the one item of another file that is the
  same agenda item (`identity`: document type, municipality, council, meeting date, number
  and title; a removed agenda's item also with the minutes' item). An item with neither
  pairs with nothing, and the document with the one that took most of its items. The
  candidates are the passages of that meeting (`SearchIndex.meeting_passages`: a query by its date,
  municipality and council), not every passage of the index.
* A changed file at the same path: its passages whose ids are gone pair with new passages
  (whose ids are new) when unambiguous — the same title under another number (renumbered),
  or the same item number (or, with as many items as before, the same place and number)
  with a title that is nearly the same (a typo fixed), or a numberless item titled with the
  other's number in front («06 – Lukket punkt: …», as an older release read item 6). An item
  deleted pairs with nothing.

The file is JSON, written to a temporary file and renamed into place, only after the
index's commit (an interrupted or failed run records nothing). Chains collapse (a→b, then
b→c gives a→c), entries whose target no longer exists or whose old id is live again are
dropped, and each map keeps at most `MAX_ENTRIES` (the newest). A `--full` rebuild keeps
the map and adds the pairs it finds: it reads the old passages from the last commit like
any run.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indexer.models import DAGSORDEN, REFERAT, item_reference
from search.index_folder import MOVED_FILE

if TYPE_CHECKING:
    from indexer.models import Document, Passage
    from search.index import SearchIndex

MAX_ENTRIES = 50_000  # per map: old ids live for many reindexes, not forever
PASSAGE, DOCUMENT = "passages", "documents"
# How alike an old and a new title must be to pair by number (difflib's ratio): a fixed typo
# is ~0.9, another item under the same number far less.
SIMILAR = 0.75


@dataclass(frozen=True)
class Item:
    """What pairing needs of a passage."""

    id: str
    position: int
    number: int | None
    title: str
    identity: tuple[str, ...] | None = None  # `identity`: the agenda item in whichever file


@dataclass(frozen=True)
class Written:
    """What pairing needs of a document written in this run."""

    document_id: str
    sha256: str
    items: tuple[Item, ...]


@dataclass
class Moves:
    passages: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.passages or self.documents)


def written(document: Document) -> Written:
    return Written(document.id, document.source_sha256, _items(document.passages))


def _items(passages: Iterable[Passage]) -> tuple[Item, ...]:
    return tuple(sorted((Item(p.id, p.position, p.item_number, p.title, identity(p)) for p in passages),
                        key=lambda i: i.position))


def identity(passage: Passage) -> tuple[str, ...] | None:
    """The agenda item a passage is, whatever file it was read from: its document's type,
    municipality, council and meeting date, its number as printed and its title (case and
    punctuation ignored), as the feed names an entry (`webui.search_views.entry_id`). None
    without a meeting date, number or municipality: nothing then tells the item apart from another.

    >>> from search.examples import example_passage
    >>> a = identity(example_passage("Modtagelse af  flygtninge", source="referat.txt", item_number=15))
    >>> a == identity(example_passage("modtagelse af flygtninge.", source="referat-rettet.md", item_number=15))
    True
    >>> a[:4] + a[-2:]
    ('referat', 'Næstved', 'Integrationsrådet', '2015-05-21', 'punkt 15', 'modtagelse af flygtninge')
    >>> identity(example_passage(meeting_date=None)) is None
    True
    """
    # Nor without a municipality: «Byrådet» of two towns on one date were one meeting (a code review).
    if not passage.meeting_date or passage.item_number is None or not passage.municipality:
        return None
    title = " ".join(re.findall(r"\w+", passage.title.casefold()))
    number = item_reference(passage.item_number, passage.item_label, passage.item_sign, passage.doc_type) or ""
    return (passage.doc_type, passage.municipality or "", passage.council or "", passage.meeting_date, number, title)


def pair(index: SearchIndex, previous: Mapping[str, Mapping[str, Any]], removed: Iterable[str],
         added: Mapping[str, Written]) -> Moves:
    """The moves of one run, read from the last commit of `index` (call before it commits).

    `previous`: the sources' records as committed (`SearchIndex.sources`); `removed`: sources
    that leave the index; `added`: what was written for sources that are new or changed."""
    moves = Moves()

    def old_items(source: str) -> tuple[Item, ...]:
        document_id = previous[source].get("document_id")
        return _items(index.document(document_id)) if isinstance(document_id, str) else ()

    # Renamed or moved: a removed file's content is exactly one new file's.
    new_files = [w for s, w in added.items() if s not in previous]
    new_by_sha = Counter(w.sha256 for w in new_files)
    new_of_sha = {w.sha256: w for w in new_files}
    removed = [s for s in removed if s in previous]
    old_by_sha = Counter(previous[s].get("sha256") for s in removed)
    unpaired = []
    for source in removed:
        sha = previous[source].get("sha256")
        old = old_items(source)
        new = new_of_sha.get(sha) if sha and new_by_sha[sha] == 1 and old_by_sha[sha] == 1 else None
        if new is None or len(old) != len(new.items) or any(o.title != n.title for o, n in zip(old, new.items)):
            unpaired.append((source, old))
            continue
        if not old:
            continue
        moves.documents[previous[source]["document_id"]] = new.document_id
        moves.passages.update((o.id, n.id) for o, n in zip(old, new.items) if o.id != n.id)
    # Replaced by the same minutes in another file: every item of the removed file is, item for
    # item, one file's that stays (its copy, `SearchIndex.copies`: the PDF indexed beside the
    # text, then the text removed) or that is new in this run with the same numbers and titles.
    gone = {previous[s].get("document_id") for s in removed}
    # Files changed in this run: their committed passages are old; their new items are in `added`.
    rewritten = {previous[s].get("document_id") for s in added if s in previous}
    fresh = _by_identity((w.document_id, w.items) for w in added.values()) if unpaired else {}
    for source, old in unpaired:
        target = (_copied_into(index, old, gone) or _same_items(old, new_files)
                  or _same_agenda_items(index, old, gone | rewritten, fresh))
        if target is not None:
            document_id, pairs = target
            if document_id is not None:
                moves.documents[previous[source]["document_id"]] = document_id
            moves.passages.update(pairs)
    # Changed in place: item by item, where sure. And a file the same but named otherwise by this
    # release (its document id changed in a rebuild: a name in NFD slugged anew): its document too.
    for source, new in added.items():
        if source not in previous:
            continue
        # (A file the same and named alike is here only when a rebuild gave some of its items
        # other ids: `indexer.update` adds it then.)
        renamed = previous[source].get("document_id") != new.document_id
        if renamed and isinstance(previous[source].get("document_id"), str):
            moves.documents[previous[source]["document_id"]] = new.document_id
        old = old_items(source)
        if _meetings(old).isdisjoint(_meetings(new.items)) and _meetings(old) and _meetings(new.items):
            # Another meeting's minutes under the same name (two files that swapped names): its
            # «Eventuelt» is no old «Eventuelt» renumbered (code review 33: redirects and the
            # feed's first-indexed times crossed meetings)
            continue
        moves.passages.update(_pair_items(old, new.items))
    return moves


def _meetings(items: Iterable[Item]) -> set[tuple[str, ...]]:
    """The meetings (document type, municipality, council, date) `items` are of, as far as known."""
    return {item.identity[:4] for item in items if item.identity is not None}


def _copied_into(index: SearchIndex, old: tuple[Item, ...], gone: set[str | None]) -> tuple[str, dict[str, str]] | None:
    """The one staying document that holds a copy of each of `old`'s items, and the pairs; None
    when an item has no copy, or the copies are in several documents (not one file's twin)."""
    if not old:
        return None
    pairs: dict[str, str] = {}
    documents = set()
    for item in old:
        copies = [p for p in index.copies(item.id) if p.document_id not in gone]
        if len(copies) != 1:
            return None
        documents.add(copies[0].document_id)
        pairs[item.id] = copies[0].id
    return (documents.pop(), pairs) if len(documents) == 1 else None


def _same_items(old: tuple[Item, ...], new_files: list[Written]) -> tuple[str, dict[str, str]] | None:
    """The one file new in this run whose items have `old`'s numbers and titles, in order."""
    if not old:
        return None
    signature = [(o.number, o.title) for o in old]
    matches = [w for w in new_files if [(n.number, n.title) for n in w.items] == signature]
    if len(matches) != 1:
        return None
    return matches[0].document_id, {o.id: n.id for o, n in zip(old, matches[0].items) if o.id != n.id}


Identities = dict[tuple[str, ...], dict[str, list[str]]]  # identity → document → its passages' ids


def _by_identity(documents: Iterable[tuple[str, Iterable[Item]]], into: Identities | None = None) -> Identities:
    found: Identities = {} if into is None else into
    for document_id, items in documents:
        for item in items:
            if item.identity is not None:
                found.setdefault(item.identity, {}).setdefault(document_id, []).append(item.id)
    return found


def _same_agenda_items(index: SearchIndex, old: tuple[Item, ...], excluded: set[str | None],
                       fresh: Identities) -> tuple[str | None, dict[str, str]] | None:
    """Item by item, where each of `old` went: its copy in a document that stays, else the
    one item of the same `identity` in a document that stays or is written in this run
    (`fresh`; for an agenda's item, then the minutes' item). `excluded`: documents whose
    committed passages leave the index or are replaced in this run. The document that took
    most items (None on a tie), and the pairs; None when no item went anywhere."""
    if not old:
        return None
    by_identity = {key: {d: list(ids) for d, ids in documents.items()} for key, documents in fresh.items()}
    twice = {key for key, n in Counter(o.identity for o in old).items() if n > 1}
    meetings = {key[1:4] for key in (o.identity for o in old) if key is not None}
    for municipality, council, date in sorted(meetings):
        staying = [p for p in index.meeting_passages(date, municipality, council) if p.document_id not in excluded]
        _by_identity(((p.document_id, _items([p])) for p in staying), by_identity)

    def same_item(item: Item) -> dict[str, list[str]]:
        if item.identity is None or item.identity in twice:  # printed twice: which one went where is a guess
            return {}
        found = by_identity.get(item.identity, {})
        if not found and item.identity[0] == DAGSORDEN:  # the agenda's item, decided
            found = by_identity.get((REFERAT, *item.identity[1:]), {})
        return {d: ids for d, ids in found.items() if len(ids) == 1}  # likewise in the file that stays

    matches: dict[str, dict[str, str]] = {}  # old id → document → its item
    copied: set[str] = set()  # matched by an exact copy, not by identity alone
    for item in old:
        copies = [p for p in index.copies(item.id) if p.document_id not in excluded]
        found = {p.document_id: p.id for p in copies} or {d: ids[0] for d, ids in same_item(item).items()}
        if found:
            matches[item.id] = found
            copied.update([item.id] if copies else [])
    if not matches:
        return None
    # An item in several files (the minutes' text and PDF) is the same item in each: it goes
    # where most of the others go, so that the document's items stay together.
    taken = Counter(d for found in matches.values() for d in found)
    chosen = {old_id: max(found, key=lambda d: (taken[d], d)) for old_id, found in matches.items()}
    # The document goes where more than half of its items went: one item of three in another
    # file sent the whole document there. And an item matched by identity alone only goes with
    # it: the open and the closed minutes of one meeting both have a «1. Godkendelse af
    # dagsorden», and the open one's went to the closed one's (a code review).
    ranked = Counter(chosen.values()).most_common(1)
    document_id = ranked[0][0] if 2 * ranked[0][1] > len(old) else None
    pairs = {old_id: matches[old_id][d] for old_id, d in chosen.items() if old_id in copied or d == document_id}
    return (document_id, pairs) if pairs else None


def _pair_items(old: tuple[Item, ...], new: tuple[Item, ...]) -> dict[str, str]:
    old_ids, new_ids = {o.id for o in old}, {n.id for n in new}
    gone = [o for o in old if o.id not in new_ids]
    fresh = [n for n in new if n.id not in old_ids]
    pairs: dict[str, str] = {}

    def unique(items: list[Item], key: Callable[[Item], Any]) -> dict[Any, Item]:
        counts = Counter(key(i) for i in items)
        return {key(i): i for i in items if counts[key(i)] == 1}

    def take(o: Item, n: Item) -> None:
        if o.id not in pairs and n.id not in pairs.values():
            pairs[o.id] = n.id

    # The same title under another number: renumbered.
    gone_titles, fresh_titles = unique(gone, lambda i: i.title), unique(fresh, lambda i: i.title)
    for title, o in gone_titles.items():
        if title in fresh_titles:
            take(o, fresh_titles[title])
    # The heading's number read into the title by one release and as the item's number by the
    # other (0.5.0's numberless «06 – Lukket punkt: …», now item 6 «Lukket punkt: …»): its old
    # address answered 404 after the upgrade (an upgrade review). Either way round.
    for titled, numbered in ((gone, fresh), (fresh, gone)):
        by_title = unique([i for i in titled if (t := _number_in_title(i.title)) and i.number in (None, t[0])],
                          lambda i: _number_in_title(i.title))
        by_number = unique([i for i in numbered if i.number is not None], lambda i: (i.number, i.title))
        for key, item in by_title.items():
            if key in by_number:
                take(*((item, by_number[key]) if titled is gone else (by_number[key], item)))
    # The same number (or place and number, as many items as before), nearly the same title.
    if len(old) == len(new):
        by_place = {n.position: n for n in fresh}
        for o in gone:
            n = by_place.get(o.position)
            if n is not None and n.number == o.number and _similar(o.title, n.title):
                take(o, n)
    gone_numbers = unique([o for o in gone if o.number is not None], lambda i: i.number)
    fresh_numbers = unique([n for n in fresh if n.number is not None], lambda i: i.number)
    for number, o in gone_numbers.items():
        n = fresh_numbers.get(number)
        if n is not None and _similar(o.title, n.title):
            take(o, n)
    # Two items read as one now (a heading printed again after another committee's decision,
    # read by an older release as a second item of the same number and title): the old one that
    # is gone is the one item left of that number and title (an upgrade review: it answered 404).
    staying = unique([n for n in new if n.id in old_ids and n.number is not None], lambda i: (i.number, i.title))
    for o in gone:
        n = staying.get((o.number, o.title))
        if n is not None and o.id not in pairs:
            pairs[o.id] = n.id
    return pairs


# A title that begins with its item's number: «06 – Lukket punkt», «6. Budget», «Pkt. 6 Budget».
_NUMBER_IN_TITLE = re.compile(r"(?:pkt\.?\s*|punkt\s+)?0*(\d+)\s*(?:[.):]|[–—-])?\s+(\S.*)", re.IGNORECASE)


def _number_in_title(title: str) -> tuple[int, str] | None:
    """The number a title begins with and the title after it; None when it begins with none.

    >>> _number_in_title("06 – Lukket punkt: Salg af ejendommen"), _number_in_title("Pkt. 7 Budget 2026")
    ((6, 'Lukket punkt: Salg af ejendommen'), (7, 'Budget 2026'))
    >>> _number_in_title("12. Orientering"), _number_in_title("Budget 2026")
    ((12, 'Orientering'), None)
    """
    match = _NUMBER_IN_TITLE.fullmatch(title.strip())
    return (int(match[1]), match[2]) if match else None


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio() >= SIMILAR


# --- the file ---------------------------------------------------------------------------------

def load(folder: Path) -> dict[str, dict[str, str]]:
    """Both maps of the index in `folder`; empty when there is no (readable) file."""
    try:
        data = json.loads((Path(folder) / MOVED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {PASSAGE: {}, DOCUMENT: {}}
    out: dict[str, dict[str, str]] = {}
    for kind in (PASSAGE, DOCUMENT):
        entries = data.get(kind) if isinstance(data, dict) else None
        out[kind] = ({k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, str)}
                     if isinstance(entries, dict) else {})
    return out


_cache: dict[str, tuple[tuple[int, int], dict[str, dict[str, str]]]] = {}


def lookup(folder: Path, kind: str, old_id: str) -> str | None:
    """The present id recorded for `old_id` (`kind`: PASSAGE or DOCUMENT), or None. The file
    is read again only when it changed."""
    path = Path(folder) / MOVED_FILE
    try:
        info = path.stat()
    except OSError:
        return None
    key = (info.st_mtime_ns, info.st_size)
    cached = _cache.get(str(path))
    if cached is None or cached[0] != key:
        cached = (key, load(folder))
        _cache[str(path)] = cached
    return cached[1][kind].get(old_id)


def record(index: SearchIndex, moves: Moves) -> None:
    """Add this run's moves to the file beside `index` (call after its commit): chains
    collapsed, dead or live-again entries dropped, the newest `MAX_ENTRIES` kept."""
    if not moves:  # nothing new: the map is left alone (a lookup checks its target anyway)
        return
    folder = Path(index.path)
    maps = load(folder)
    exists = index.has_id
    out: dict[str, dict[str, str]] = {}
    for kind, new in ((PASSAGE, moves.passages), (DOCUMENT, moves.documents)):
        merged = {old: new.get(target, target) for old, target in maps[kind].items()}  # a→b, b→c: a→c
        for old, target in new.items():
            merged.pop(old, None)  # newest last: the cap keeps it
            merged[old] = target
        kept = {old: target for old, target in merged.items()
                if old != target and exists(kind, target) and not exists(kind, old)}
        out[kind] = dict(list(kept.items())[-MAX_ENTRIES:])
    if out == maps:
        return
    temporary = folder / f"{MOVED_FILE}.tmp"
    temporary.write_text(json.dumps(out, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, folder / MOVED_FILE)
