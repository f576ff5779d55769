"""The versions of an agenda item: the same item (`moved.identity`: document type, municipality,
council, meeting date, number as printed, title) in another document, such as corrected minutes
(«…-rettet.pdf») whose text or decision differs, so that they are no copies of each other.

One rule for every answer that tells a reader a decision was superseded (the search's hits in
HTML, JSON and the terminal, the CSV download, an item's page): the version indexed last
supersedes the others, whatever page of the results it falls on or whether the search found it
at all (an API review: a hit's `superseded_by` depended on which page it was read from).
Versions indexed at once are not told apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh.query import And, Query, Term
from whoosh.searching import Searcher

from indexer.models import Passage
from search.facets import FACETS_BY_NAME
from search.moved import identity
from search.schema import PASSAGE, stored_passage
from search.snapshot import Snapshot


def meeting_query(date: str, municipality: str | None, council: str | None, item: str | None = None) -> Query:
    """The passages that name `date` (`dates`: a meeting's date and dates in the text) of that
    municipality and council, copies included; with `item`, only those numbered so: found by
    their terms, not by reading every passage."""
    terms: list[Query] = [Term("kind", PASSAGE), Term("dates", date.lower())]
    terms += [FACETS_BY_NAME[name].filter_query([value]) for name, value in
              (("municipality", municipality), ("council", council)) if value and value.strip()]
    if item:
        terms.append(Term("item", item.lower()))
    return And(terms)


def _shown_copy(searcher: Searcher, snapshot: Snapshot, docnum: int) -> int:
    """Of `docnum`'s copy group, the copy a search shows (the best-ranked)."""
    ranks = snapshot.copies(searcher)
    return min([docnum, *snapshot.copies_of(searcher, docnum)], key=lambda n: ranks.get(n, (0, b""))[1])


def other_versions(searcher: Searcher, snapshot: Snapshot, docnum: int,
                   this: Passage | None = None) -> list[tuple[int, Passage]]:
    """`docnum`'s item in the other documents that hold it: one passage per copy group, the copy a
    search shows, in first-indexed order (oldest first; ties and unknown times by id). Empty for
    an item without an identity. `this`: `docnum`'s passage, when already read."""
    this = this or stored_passage(searcher.stored_fields(docnum))
    key = identity(this)
    if key is None or this.meeting_date is None or this.item_number is None:
        return []
    seen = {docnum, *snapshot.copies_of(searcher, docnum)}
    candidates = [d for d in _dated_items(searcher, snapshot, this.meeting_date, str(this.item_number)) if d not in seen]
    found: list[tuple[int, Passage]] = []
    for d in candidates:  # mostly none: an item stands in one document of its meeting
        if d in seen:
            continue
        seen.update([d, *snapshot.copies_of(searcher, d)])
        best = _shown_copy(searcher, snapshot, d)
        other = stored_passage(searcher.stored_fields(best))
        if other.document_id != this.document_id and identity(other) == key:
            found.append((best, other))
    added = snapshot.added_at(searcher)
    never = float("inf")
    return sorted(found, key=lambda pair: (_time(added, pair[0]) or never, pair[1].id))


def _dated_items(searcher: Searcher, snapshot: Snapshot, date: str, item: str) -> frozenset[int]:
    """The live passages that name `date` and are numbered `item`, from the snapshot's cached
    postings (Whoosh's `docs_for_query` listed both terms' postings for every hit: ~20 ms a hit
    at 10k passages; an item number is in every meeting)."""
    return snapshot.docs(searcher, And([Term("dates", date.lower()), Term("item", item.lower())])) & snapshot.passages(searcher)


def superseded(searcher: Searcher, snapshot: Snapshot, passages: Iterable[tuple[int, Passage | None]]) -> dict[int, str]:
    """Each of `passages` (document number, and its passage or hit when already read) that a
    version of its item indexed later supersedes → that version's passage id: the one version
    indexed last, strictly after this one (versions indexed at once, or without a time, are not
    told apart)."""
    added = snapshot.added_at(searcher)
    found: dict[int, str] = {}
    for docnum, this in passages:
        mine = _time(added, docnum)
        if not mine:
            continue
        versions = other_versions(searcher, snapshot, docnum, this)
        times = [_time(added, d) or mine for d, _ in versions]
        if versions and (newest := max(times)) > mine and times.count(newest) == 1:
            found[docnum] = versions[times.index(newest)][1].id
    return found


def _time(added: object, docnum: int) -> int:
    """When `docnum` first entered the index, UTC seconds (0: not known)."""
    return int(added[docnum]) if docnum < len(added) else 0  # type: ignore[index, arg-type]
