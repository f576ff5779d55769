"""Passage, document and source pages, each with a JSON twin under `/api/`.

Ids come from the index; a source file is found by document id through the engine's
`source_file()` and must lie inside the configured corpus folder. No path a user types
ever reaches the file system.
"""

from __future__ import annotations

import codecs
import io
import mimetypes
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote_from_bytes

from flask import Blueprint, Response, current_app, render_template, request, send_file, url_for
from markupsafe import Markup
from werkzeug.http import parse_range_header

from indexer.citation import citation_gaps, gaps_said
from indexer.decoding import TextEncoding, read_encoding
from indexer.enrich import RESUMED  # the one rule of a resumed item's mark, which also gives it its case
from indexer.extract import ExtractError, is_pdf_file, open_regular
from indexer.files import os_error_text
from indexer.headings import fold_title
from indexer.models import AARSBERETNING, DAGSORDEN, REFERAT, Passage
from search.api import MAX_QUERY_LENGTH, Hit, SearchRequest, as_typed_query, without_controls
from search.orders import ADDED

from .corpus_paths import inside_corpus
from .errors import PageError, error_response, json_response, wants_json
from .formatting import citation, danish_day, document_title, shown_text, snippet_html
from .index import get_index
from .links import item_links
from .state import SearchState, absolute_url, request_search, undecodable

bp = Blueprint("passages", __name__)

# Text-like sources are shown as plain text; HTML sources are sandboxed (no scripts, no forms).
# Every suffix the indexer reads (`indexer.extract.SUPPORTED_SUFFIXES`) is here: another type
# would be guessed from the name and downloaded.
SOURCE_TYPES = {".txt": "text/plain", ".md": "text/plain", ".markdown": "text/plain", ".pdf": "application/pdf",
                ".html": "text/html", ".htm": "text/html"}
# A council's web page is shown as published, but on our origin: `sandbox` without
# allow-scripts/allow-same-origin gives it an opaque origin where no script, form, popup or
# automatic redirect runs, so it can reach neither our pages nor their visitors; it loads
# nothing either (its images point at the council's site), not even from our origin, where an
# <img> could make each reader's browser run a search of the page's choosing.
SANDBOX_CSP = ("sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


# How another version of an agenda item relates to the one shown, by when each entered the
# index: the later one is usually the correction («…-rettet.pdf»), but the page says only when.
NEWER, OLDER, SAME_TIME = "newer", "older", "same_time"


@dataclass(frozen=True)
class Version:
    """The same agenda item in another version of its document (corrected minutes): a text or
    decision that differs, so no copy. `relation` to the item shown: `NEWER`, `OLDER`,
    `SAME_TIME` (one first build indexed both: which is the correction cannot be told), or
    None when either time is unknown (an index written before first-indexed times)."""

    passage: Passage
    first_indexed: datetime | None
    relation: str | None

    @property
    def indexed_on(self) -> str | None:
        """The ISO date it entered the index, in Danish time (the page's readers' calendar)."""
        return danish_day(self.first_indexed) if self.first_indexed else None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.passage.id, "source": self.passage.source, "page": self.passage.page,
                "first_indexed": _iso_utc(self.first_indexed), "relation": self.relation,
                "links": passage_links(self.passage)}


def _iso_utc(moment: datetime | None) -> str | None:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z") if moment else None


def versions_of(passage: Passage) -> tuple[Version, ...]:
    """`passage`'s item in the other versions of its document (`SearchIndex.versions`),
    oldest first, each with how it relates to `passage` in time."""
    others = get_index().versions(passage.id)
    if not others:
        return ()
    times = get_index().first_indexed([passage.id, *(o.id for o in others)])
    mine = times.get(passage.id)

    def relation(moment: datetime | None) -> str | None:
        if mine is None or moment is None:
            return None
        return NEWER if moment > mine else OLDER if moment < mine else SAME_TIME

    return tuple(Version(o, times.get(o.id), relation(times.get(o.id))) for o in others)


@dataclass(frozen=True)
class PassageContext:
    """A passage with its place in the document: what the passage page shows around it."""

    passage: Passage
    siblings: tuple[Passage, ...]
    previous: Passage | None
    next: Passage | None
    copies: tuple[Passage, ...] = ()  # the same agenda item in other files (its PDF, web page, text)
    versions: tuple[Version, ...] = ()  # the same agenda item in another version of the document

    @property
    def away_from_item(self) -> tuple[str, ...]:
        """Those absent at this item but not at every item of the meeting: they left for it (recused,
        «deltog ikke i behandlingen»), which the meeting's «Fraværende» said as if they missed the
        meeting (a news review). None for a document of one item: nothing to tell them apart by."""
        others = [s for s in self.siblings if s.id != self.passage.id]
        return tuple(name for name in self.passage.absent if others and any(name not in s.absent for s in others))

    @property
    def resumed_later(self) -> Passage | None:
        """The part of this item taken up again later in the meeting (`resumed_part`), for its first part."""
        return resumed_part(self.passage, self.siblings, later=True)

    @property
    def begun_earlier(self) -> Passage | None:
        """The item's first part, earlier in the meeting, for a part taken up again (`resumed_part`)."""
        return resumed_part(self.passage, self.siblings, later=False)

    @property
    def newer_versions(self) -> tuple[Version, ...]:
        return tuple(v for v in self.versions if v.relation == NEWER)

    @property
    def unit(self) -> tuple[str, str]:
        """What one passage is called here: (singular, plural)."""
        if self.passage.doc_type == AARSBERETNING:
            return "afsnit", "afsnit"
        return "punkt", "punkter"

    @property
    def unit_definite(self) -> str:
        """The passage with the definite article: 'punktet', 'afsnittet'."""
        return "afsnittet" if self.passage.doc_type == AARSBERETNING else "punktet"


def resumed_part(passage: Passage, siblings: Sequence[Passage], later: bool) -> Passage | None:
    """The other part of an item taken up again later in the same meeting: an item printed again under its
    number and title with a mark after it, «3. Handleplan for rekruttering af sosu-personale (genoptaget)»
    (`indexer.enrich.RESUMED`, the rule that gives that part its case number). `later`: for the first part,
    the next part after it; else, for a marked part, the part before it. The first part's «Udsat» pointed
    nowhere, and the decision stood further down the meeting (a web review)."""
    if passage.item_number is None:
        return None

    def bare(title: str) -> tuple[str, bool]:
        unmarked, marked = RESUMED.subn("", title)
        return fold_title(unmarked), bool(marked)

    title, marked = bare(passage.title)
    if not title or (marked and later):
        return None  # a marked part's later part, a third sitting, is found from that part
    same = [p for p in siblings if p.id != passage.id and p.document_id == passage.document_id
            and (p.item_number, p.item_label) == (passage.item_number, passage.item_label)
            and bare(p.title)[0] == title]
    if later:
        return min((p for p in same if p.position > passage.position and bare(p.title)[1]),
                   key=lambda p: p.position, default=None)
    if not marked:
        return None
    return max((p for p in same if p.position < passage.position), key=lambda p: p.position, default=None)


class PassageMoved(Exception):
    """An id of the old form, or one cut after its item number, that names a passage under its
    present id (`numbered_passage`), or an id an earlier indexing run gave it (its file renamed
    or moved, its title fixed: `SearchIndex.moved`). For a document (`document`), `passage` is
    its first passage."""

    def __init__(self, old_id: str, passage: Passage, document: bool = False, certain: bool = True) -> None:
        super().__init__(old_id)
        self.old_id = old_id
        self.passage = passage
        self.document = document
        # False for a permalink cut after its item number (`…-15`): the item of that number is
        # the likely one, answered with 302, never a permanent redirect a client would keep
        self.certain = certain


def load_passage(passage_id: str) -> Passage:
    """The passage of an id; `PassageMoved` for an old id of a passage, else a 404."""
    passage = get_index().passage(passage_id)
    if passage is None:
        _rescue(passage_id, passage_id)
        # An id that begins with a renamed document's old id: the same rescue as under its present id (an
        # API review: the old id given whole redirected; cut, or with a full stop after it, a 404 without a link)
        if (renamed := _in_renamed_document(passage_id)) is not None:
            if (present := get_index().passage(renamed)) is not None:
                raise PassageMoved(passage_id, present)
            _rescue(passage_id, renamed)
        raise PageError(404, "unknown_passage", "Punktet findes ikke (længere). Måske er adressen skrevet forkert eller "
                                                "afkortet, eller punktet er fjernet fra søgningen.",
                        page_links=cut_link_document(renamed or passage_id))
    return passage


def _rescue(asked: str, passage_id: str) -> None:
    """`PassageMoved` (for `asked`) to the item `passage_id`, an id no passage has, names: with a pasted
    link's punctuation after it, in an older form or cut after its number, an id an earlier run gave
    it, or cut inside its title part; else nothing."""
    if (bare := _without_punctuation(passage_id)) and (pasted := get_index().passage(bare)) is not None:
        raise PassageMoved(asked, pasted)  # `…-flygtninge.`: a sentence's full stop came along
    if (numbered := numbered_passage(passage_id)) is not None:
        raise PassageMoved(asked, numbered.passage, certain=numbered.certain)
    if (new_id := get_index().moved(passage_id)) is not None and (renamed := get_index().passage(new_id)) is not None:
        raise PassageMoved(asked, renamed)
    if (cut := slug_cut_passage(passage_id)) is not None:  # after the ids a passage had for sure
        raise PassageMoved(asked, cut, certain=False)


def _in_renamed_document(passage_id: str) -> str | None:
    """`passage_id` with the id of a document indexed now under another (`SearchIndex.moved`: its
    file renamed or moved) that it begins with, the longest, replaced by the present one; None when
    it begins with no such id."""
    parts = passage_id.split("-")
    for end in range(min(len(parts) - 1, 40), 0, -1):
        old = "-".join(parts[:end])
        if (present := get_index().moved(old, "documents")) is not None:
            return "-".join([present, *parts[end:]])
    return None


def slug_cut_passage(passage_id: str) -> Passage | None:
    """The one item of a known document whose id begins with `passage_id` cut inside its title
    part (`<document id>-15-modtagelse-af-`, `…-3a-godk`, `…-ii-hoering`, `…-4-1-traf`: an e-mail
    client wraps long addresses at a hyphen), or cut right after its number as printed (`…-ii`,
    `…-4-1`, `…-102-` as `…-102`); None when no item's id or several begin so, or the cut is
    not past the item's number. A lone `…-i` names no item: too likely a cut word."""
    cut = passage_id.rstrip("-")
    if cut != passage_id and (numbered := numbered_passage(cut)) is not None:
        return numbered.passage  # `…-102-`: the wrapped line ends at the hyphen after the number
    parts = cut.split("-")
    for end in range(min(len(parts) - 1, 40), 0, -1):
        document_id = "-".join(parts[:end])
        if not get_index().has_id("documents", document_id):
            continue
        rest = "-".join(parts[end:])
        passages = get_index().document(document_id)
        bare = [p for p in passages if _number_slug(p) == rest]
        if bare:
            return bare[0] if len(bare) == 1 and rest != "i" else None
        begun = [p for p in passages if p.id.startswith(cut)
                 and (number := _number_slug(p)) and rest.startswith(number + "-") and len(rest) > len(number) + 1]
        return begun[0] if len(begun) == 1 else None
    return None


def _number_slug(p: Passage) -> str | None:
    """An item's number as its id spells it: "15", "3a", "4-1" (4.1), "ii" (II); None for none."""
    number = p.printed_number
    return re.sub(r"[^\w]+", "-", number.lower()).strip("-") or None if number else None


# The most items a cut address may name and each be linked (`cut_link_document`).
MAX_CANDIDATES = 5


def cut_link_document(passage_id: str) -> tuple[tuple[str, str], ...]:
    """For an id that begins with a document's id (a permalink wrapped or cut in an e-mail:
    `<document id>-15-modtage`), a link to that document, where the reader finds the item;
    else nothing. The longest such beginning, tried at each hyphen. Before it, a link to each
    item the cut address may name, where it names a few: minutes that number two items 16
    (`<document id>-16`), or two titles that begin alike after the cut."""
    parts = passage_id.split("-")
    # from the whole id: a document's id given as an item's (a hit's `document_id` sent to /api/passage)
    for end in range(min(len(parts), 40), 0, -1):
        document_id = "-".join(parts[:end])
        passages = get_index().document(document_id) if get_index().has_id("documents", document_id) else []
        if passages:
            rest = "-".join(parts[end:]).rstrip("-")
            cut = passage_id.rstrip("-")
            named = [p for p in passages if rest and (number := _number_slug(p)) and (
                number == rest or p.id.startswith(cut) and rest.startswith(number + "-"))]
            shown = named if len(named) > 1 else []  # one would have been answered with a redirect
            if not named:  # the number right, the title part another (mistyped, or the title renamed):
                shown = _numbered_as(passages, rest)  # the items of that number, never a redirect
            items = tuple((f"{_capitalised(p.item_reference or 'punktet')}: {p.title or '(uden titel)'}",
                           url_for("passages.passage", passage_id=p.id))
                          for p in shown) if len(shown) <= MAX_CANDIDATES else ()
            return (*items, (f"Se dokumentet: {document_title(passages[0])}",
                             url_for("passages.document", document_id=document_id)))
    return ()


def _numbered_as(passages: list[Passage], rest: str) -> list[Passage]:
    """The items whose number begins `rest` (`15-forkert-titel`), the longest number only: "4-1"
    before "4" of `4-1-titel`."""
    numbered = [(len(number), p) for p in passages if (number := _number_slug(p)) and rest.startswith(number + "-")]
    longest = max((length for length, _ in numbered), default=0)
    return [p for length, p in numbered if length == longest]


def _capitalised(text: str) -> str:
    """"Punkt 3a", "§ 3", "Afsnit 4": the first letter only (str.capitalize lowers "II")."""
    return text[:1].upper() + text[1:]


# Until c43f9ff a passage's id was its document's id and its place in the document, counted
# from 01 in at least two digits (`…-referat-2015-05-21-0785a4-04`: the fourth item); ids now
# name the item (`…-0785a4-15-modtagelse-af-flygtninge`). Links published then (articles,
# citations, feed readers) must keep working, and a new id cut after its number (`…-0785a4-15`,
# an e-mail's wrapped line, a typed "punkt 15") means item 15, whatever its place.
_NUMBER_TAIL = re.compile(r"(?P<document>.+)-(?P<digits>\d{1,5}[a-zæøå]?)")  # "3a": an item printed so


@dataclass(frozen=True)
class Numbered:
    """The item an id `<document id>-<digits>` names, and whether that is certain."""

    passage: Passage
    certain: bool


def numbered_passage(passage_id: str) -> Numbered | None:
    """The item of a known document that an id `<document id>-<digits>` names (`numbered_item`);
    None for an id of another form or of an unknown document."""
    match = _NUMBER_TAIL.fullmatch(passage_id)
    if match is None:
        return None
    passages = get_index().document(match["document"])
    return numbered_item(match["digits"], passages) if passages else None


def numbered_item(digits: str, passages: Sequence[Passage]) -> Numbered | None:
    """The item of a document (`passages`) that `<document id>-<digits>` names:

    * the item numbered `digits`, when the document has exactly one (a new id cut after its
      number; "15", never "015"): certain only when the old form names it too (item 15 is the
      fifteenth), else the likely item, not a permanent address;
    * else, for the old form (`04`, `15`, `123`: the place, from 01, at least two digits), the
      item at that place, certainly;
    * else None: no such item, or two items printed with that number (which one is unknown).

    `…-3` in minutes of items 11–17 was sent permanently to the third item, 14, as if it were
    an old id, though old ids were never written "3"; `…-15` to nothing, though item 15 exists.
    """
    place = int(digits) if digits.isdigit() else 0
    old = None
    if digits == f"{place:02d}" and place >= 1:
        old = next((p for p in passages if p.position == place - 1), None)
    numbered = [p for p in passages if p.printed_number == digits]
    if len(numbered) == 1:
        return Numbered(numbered[0], certain=old is not None and old.id == numbered[0].id)
    if numbered:
        return None
    return Numbered(old, certain=True) if old is not None else None


@bp.errorhandler(PassageMoved)
def passage_moved(moved: PassageMoved) -> Response:
    """301 to the passage's present address, page or JSON as asked, query string kept (the
    search a hit carried along); the JSON answer says so in the API's shape."""
    if moved.document:
        url = url_for(request.endpoint or ".document", document_id=moved.passage.document_id)
    else:
        url = url_for(request.endpoint or ".passage", passage_id=moved.passage.id)
    if request.query_string:
        url += "?" + quote_from_bytes(request.query_string, safe="/?:@&=+$,;%!*'()~")
    if not moved.certain:
        return cut_id_found(moved, url)
    if wants_json() and moved.document:
        response = json_response({"status": 301, "code": "document_moved",
                                  "message": f"Dokumentet «{shown_id(moved.old_id)}» har fået en ny adresse: {moved.passage.document_id}.",
                                  "location": url}, 301)
    elif wants_json():
        response = json_response({"status": 301, "code": "passage_moved",
                                  "message": f"Punktet «{shown_id(moved.old_id)}» har fået en ny adresse: {moved.passage.id}.",
                                  "location": url}, 301)
    else:
        shown = replace(moved.passage, title=document_title(moved.passage)) if moved.document else moved.passage
        response = Response(render_template("passages/moved.html", url=url, p=shown), 301)
    response.headers["Location"] = url
    return response


def cut_id_found(moved: PassageMoved, url: str) -> Response:
    """302 to the item a cut id most likely names (`numbered_item`): a client follows it, but
    keeps asking at the cut address, where a reindex may find another answer. The body says
    so (a page for a person, the API's shape for a program)."""
    p = moved.passage
    title = p.title or "(uden titel)"
    reference = _capitalised(p.item_reference or "punktet")
    message = (f"Adressen «{shown_id(moved.old_id)}» er afkortet. {reference} i dokumentet "
               f"«{document_title(p)}» er «{title}».")
    links = ((f"{reference}: {title}", url),
             (f"Se dokumentet: {document_title(p)}", url_for("passages.document", document_id=p.document_id)))
    return error_response(PageError(302, "cut_passage_id", message, details={"location": url},
                                    headers={"Location": url}, page_links=links))


def shown_id(text: str, limit: int = 80) -> str:
    """An id from the URL as an error message may quote it: no control characters, bounded."""
    text = without_controls(text)
    return text if len(text) <= limit else text[:limit] + "…"


def _without_punctuation(address_id: str) -> str | None:
    """An id without the punctuation a pasted link picks up at its end («.», «)», «,»), when it
    had any: ids are letters, digits and hyphens."""
    bare = address_id.rstrip(".,;:!?)]}>'\"»")
    return bare if bare and bare != address_id else None


def load_document(document_id: str) -> tuple[Passage, ...]:
    passages = tuple(get_index().document(document_id))
    if not passages and (bare := _without_punctuation(document_id)) and (pasted := get_index().document(bare)):
        raise PassageMoved(document_id, pasted[0], document=True)
    if not passages:
        moved_document(document_id)
        raise PageError(404, "unknown_document", "Dokumentet findes ikke (længere). Måske er adressen skrevet forkert "
                                                 "eller afkortet, eller dokumentet er fjernet fra søgningen.")
    return passages


def moved_document(document_id: str) -> None:
    """`PassageMoved` (for a document) when an earlier indexing run gave `document_id` to a
    document indexed now under another id (its file renamed or moved); else nothing."""
    new_id = get_index().moved(document_id, "documents")
    passages = get_index().document(new_id) if new_id is not None else []
    if passages:
        raise PassageMoved(document_id, passages[0], document=True)


def passage_context(passage: Passage) -> PassageContext:
    siblings = tuple(get_index().document(passage.document_id)) or (passage,)
    ids = [p.id for p in siblings]
    at = ids.index(passage.id) if passage.id in ids else -1
    previous = siblings[at - 1] if at > 0 else None
    following = siblings[at + 1] if 0 <= at < len(siblings) - 1 else None
    return PassageContext(passage, siblings, previous, following, tuple(get_index().copies(passage.id)),
                          versions_of(passage))


def source_url(passage: Passage, page: int | None = None) -> str:
    """The source file's URL; PDFs open at `page`, by default the passage's (where it starts)."""
    url = url_for("passages.source", document_id=passage.document_id)
    page = page or passage.page
    return f"{url}#page={page}" if page else url


def cited_page(passage: Passage) -> int | None:
    """The page a citation's source link opens: the decision's, which is what a reporter quotes
    (often pages after the heading), else where the item starts; None for a file without pages."""
    if passage.page is None:
        return None
    return passage.decision_page or passage.page


def prints_other_pages(item: Passage | Hit) -> bool:
    """Whether a passage's (or a hit's) PDF prints page numbers other than its own on the item's
    pages: after an unnumbered cover, PDF page 3 prints "Side 2". The citation then names the
    printed number («s. 2; PDF-side 3»), so a bare «side 3» beside it would contradict it."""
    return item.prints_other_pages


@bp.app_template_global()
def case_handler_url(item: Passage) -> str:
    """The search for every item of the passage's case handler in its municipality: a name (or a
    pair of initials, «MJC») is no one person across councils, and the link mixed two of them."""
    return url_for("search.index", municipality=item.municipality or None, case_handler=item.case_handler)


@bp.app_template_global()
def page_name(item: Passage | Hit, first: int, last: int | None = None, capital: bool = False) -> str:
    """A PDF page (or span) as the pages and the hit list name it beside the citation: «side 3»,
    «side 3–4», or «PDF-side 3» where the document prints other numbers (`prints_other_pages`).

    >>> from indexer.models import Passage
    >>> p = Passage(id="x", document_id="d", position=0, doc_type="referat", municipality=None, council=None,
    ...     meeting_date=None, year=None, item_number=102, title="Salg", case_handler=None, case_number=None,
    ...     place=None, present=(), absent=(), topics=(), source="a.pdf", source_sha256="", line=1, page=3,
    ...     sections=(), text="", printed_pages=((3, 2), (4, 3)))
    >>> page_name(p, 3, 4), page_name(p, 3, capital=True), page_name(replace(p, printed_pages=((3, 3),)), 3, 3, True)
    ('PDF-side 3–4', 'PDF-side 3', 'Side 3')
    """
    span = f"{first}–{last}" if last is not None and last != first else f"{first}"
    if prints_other_pages(item):
        return f"PDF-side {span}"
    return f"{'Side' if capital else 'side'} {span}"


def passage_links(passage: Passage) -> dict[str, str]:
    """Permalinks of a passage: its page and JSON, its document's, its source file, and the
    source at the page its citation names (`webui.links`, as a search hit's)."""
    return item_links(passage.id, passage.document_id, passage.page, passage.decision_page, request.script_root)


FIRST_MARK = "foerste-markering"


@dataclass(frozen=True)
class Marks:
    """A passage's title and texts with the words of the search it was opened from marked
    (escaped HTML with `<mark>`, from the engine), as its page shows them: also a decision's
    attendance note and the meeting's place and people, by which a name search finds items
    whose text does not name them."""

    query: str
    title: Markup
    sections: tuple[Markup, ...]  # in the passage's order
    text: Markup | None  # a passage without sections: its text
    anchor: str | None = None  # `FIRST_MARK` once `anchored` has named the first mark in the texts
    notes: tuple[Markup, ...] = ()  # each section's note ("Fraværende: …"), "" for none
    meeting: tuple[tuple[str, Markup], ...] = ()  # ("case_handler" | … | "absent" | "meeting_note", marked)

    @property
    def people(self) -> dict[str, Markup]:
        return dict(self.meeting)

    @property
    def found(self) -> bool:
        """Whether any word of the search stands on this page's item (it may have matched by a
        field the page does not show, or be another file's copy of the hit)."""
        # "<mark" also finds the first mark once `anchored` has given it an id: an item whose
        # only mark it was said the search's words were not in it
        return any("<mark" in html for html in (self.title, *self._in_order()))

    def _in_order(self) -> list[Markup]:
        """The marked texts below the title in the page's order: each section's note and text,
        the text of a passage without sections, then the meeting's facts beside them."""
        texts = [html for note, section in zip(self.notes or [Markup("")] * len(self.sections), self.sections)
                 for html in (note, section)]
        return [*texts, *([self.text] if self.text is not None else []), *(html for _, html in self.meeting)]

    def anchored(self) -> Marks:
        """These marks with the first one below the title named `FIRST_MARK`, for the page's
        "go to the first mark" link: a long item may have it screens further down."""
        texts = self._in_order()
        at = next((i for i, html in enumerate(texts) if "<mark>" in html), None)
        if at is None:
            return self
        texts[at] = Markup(str(texts[at]).replace("<mark>", f'<mark id="{FIRST_MARK}">', 1))
        count = len(self.sections)
        notes = tuple(texts[0:2 * count:2]) if self.notes else ()
        sections = tuple(texts[1:2 * count:2])
        rest = texts[2 * count:]
        text = rest.pop(0) if self.text is not None else None
        meeting = tuple((key, html) for (key, _), html in zip(self.meeting, rest))
        return replace(self, notes=notes, sections=sections, text=text, meeting=meeting, anchor=FIRST_MARK)

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "found": self.found, "title_html": str(self.title),
                "sections_html": [str(s) for s in self.sections], "text_html": None if self.text is None else str(self.text),
                "notes_html": [str(n) for n in self.notes], "meeting_html": {key: str(html) for key, html in self.meeting}}


# `?mark=0`: the item opened from a search, shown without its marks ("Vis uden markering"),
# so that the page keeps its way back to the search.
MARK_PARAMETER = "mark"
_OFF = ("0", "false", "off", "no", "nej")


def marking_off() -> bool:
    """Whether the URL asks for the item without the search's marks (`mark=0`)."""
    return request.args.get(MARK_PARAMETER, "").strip().lower() in _OFF


def searched_marks(p: Passage, shown: Callable[[str], str] = str) -> Marks | None:
    """The marks of the search a passage page was opened from (`?q=`, as a hit links it), of
    each text as `shown` cuts it; None when there is none or it has no word to mark."""
    # a query that is not UTF-8 (`?q=%ff`) is no search: the search page refuses it, this page ignores it
    if "q" in undecodable(request.query_string):
        return None
    query = as_typed_query(without_controls(request.args.get("q", "")))[:MAX_QUERY_LENGTH].strip()  # as the search read it
    marker = get_index().marker(query) if query else None
    if not marker:
        return None

    def marked(text: str) -> Markup:
        return snippet_html(marker(shown(text)))

    # the case's facts too: a search by case number or case handler marks them, and the page said
    # the search's words were not in the item (a web review)
    meeting = (("case_handler", p.case_handler or ""), ("case_number", p.case_number or ""), ("place", p.place or ""),
               ("present", ", ".join(p.present)), ("absent", ", ".join(p.absent)),
               ("meeting_note", p.meeting_note or ""))  # indexed with each item: a search may have found it there
    return Marks(query, marked(p.title), tuple(marked(s.text) for s in p.sections),
                 None if p.sections else marked(p.text), notes=tuple(marked(s.note) if s.note else Markup("") for s in p.sections),
                 meeting=tuple((key, _lines(marked(value)) if key == "meeting_note" else marked(value))
                               for key, value in meeting if value))


def _lines(html: Markup) -> Markup:
    """Marked text (escaped, `<mark>` added) with its line breaks shown: a note's paragraphs."""
    return Markup(str(html).replace("\n", "<br>"))


@dataclass(frozen=True)
class Minutes:
    """The minutes of the meeting an agenda was sent out for, as far as the index holds them:
    an agenda holds no decision, and a reporter wants what was decided."""

    url: str  # the search for the minutes' items of that meeting
    count: int  # how many items they have
    item: Hit | None  # the agenda item's own entry in them (the same title), if there is one


def _title_key(title: str) -> str:
    return " ".join(title.casefold().split())


def minutes_of(p: Passage) -> Minutes | None:
    """The minutes of an agenda item's meeting (same municipality, council and date); None
    for anything but a dated agenda item."""
    return _of_meeting(p, REFERAT) if p.doc_type == DAGSORDEN else None


def agenda_of(p: Passage) -> Minutes | None:
    """The agenda of a minutes item's meeting, the other way round: where the item was put
    before the council (its recommendation as sent out); None for anything but dated minutes."""
    return _of_meeting(p, DAGSORDEN) if p.doc_type == REFERAT else None


def _of_meeting(p: Passage, doc_type: str) -> Minutes | None:
    """The `doc_type` document of `p`'s meeting, and its item of `p`'s title. Of two versions (the
    minutes and their corrected copy, «…-rettet.pdf», both indexed), the one indexed last: the
    agenda linked the superseded decision (a review of a meeting's documents)."""
    # Without a municipality, «Byrådet» on a date is any town's (a code review linked another's).
    if not p.meeting_date or not p.municipality:
        return None
    filters = {"doc_type": (doc_type,), "municipality": (p.municipality,)}
    filters.update({"council": (p.council,)} if p.council else {})
    page_size = int(current_app.config["PAGE_SIZE"])
    meeting = SearchRequest(filters=filters, date_from=p.meeting_date, date_to=p.meeting_date, sort="oldest",
                            page_size=page_size)
    response = get_index().search(meeting.with_changes(sort=ADDED, page_size=100))
    same = [hit for hit in response.hits if _title_key(hit.title) == _title_key(p.title)]
    if len({hit.document_id for hit in same}) > 1:
        # Two versions indexed at the same time (a first build of an archive): which one is the
        # correction cannot be told, so neither is linked; the meeting's items are (a code review).
        times = get_index().first_indexed([hit.id for hit in same])
        newest = [hit for hit in same if times.get(hit.id) == max(times.values(), default=None)]
        same = newest[:1] if len({hit.document_id for hit in newest}) == 1 else []
    return Minutes(SearchState(meeting, page_size).url(), response.total, same[0] if same else None)


def return_links(state: SearchState | None) -> dict[str, Any]:
    """What a passage or document page needs to keep the search it was opened from: the URL
    back to its hits and the parameters its links to other items and the document carry."""
    carry = state.url_params() if state else {}
    if carry and marking_off():  # a reader who turned the marks off reads on without them
        carry = {**carry, MARK_PARAMETER: "0"}
    return {"search": state, "back_url": state.url() if state else url_for("search.index"), "carry": carry}


@bp.get("/passage/<passage_id>")
def passage(passage_id: str) -> str:
    context = passage_context(load_passage(passage_id))
    p = context.passage
    marks = searched_marks(p, shown_text)
    returns = return_links(request_search())
    # "Vis uden markering" / "Markér dem": the same page, search and all, with or without `mark=0`
    off = marking_off()
    search_params = {name: value for name, value in returns["carry"].items() if name != MARK_PARAMETER}
    toggle_url = url_for("passages.passage", passage_id=p.id, **search_params, **({} if off else {MARK_PARAMETER: "0"}))
    unmarked_query = marks.query if marks and off else ""
    marks = marks.anchored() if marks and not off else None
    page = cited_page(p)
    return render_template("passages/passage.html", ctx=context, p=p, toggle_url=toggle_url, unmarked_query=unmarked_query,
                           citation=citation(p, context.previous), citation_gaps=gaps_said(citation_gaps(p)),
                           source_url=source_url(p),
                           cited_page=page, cited_source_url=source_url(p, page),
                           section_source_url=lambda at: source_url(p, at),
                           permalink=absolute_url("passages.passage", passage_id=p.id),
                           source_permalink=absolute_url("passages.source", document_id=p.document_id)
                           + (f"#page={page}" if page else ""),
                           doc_title=document_title(p), marks=marks, minutes=minutes_of(p), agenda=agenda_of(p),
                           query=marks.query if marks else "", **returns)


@bp.get("/api/passage/<passage_id>")
def api_passage(passage_id: str) -> Response:
    context = passage_context(load_passage(passage_id))
    p = context.passage
    links: dict[str, str | None] = {**passage_links(p)}
    # what the page's citation links: the decision's page, often pages after the item's start
    links["cited_source"] = source_url(p, cited_page(p))
    for rel, neighbour in (("previous", context.previous), ("next", context.next)):
        links[rel] = url_for(".passage", passage_id=neighbour.id) if neighbour else None
        links[f"{rel}_json"] = url_for(".api_passage", passage_id=neighbour.id) if neighbour else None
    # The HTML twin of this answer: the page as opened with the same search (its marks), as the
    # page names this JSON with them; `links.html` stays the item's plain permalink.
    header = {"alternate": url_for(".passage", passage_id=p.id, **return_links(request_search())["carry"]),
              "prev": links["previous_json"], "next": links["next_json"]}
    # An agenda holds no decision: the minutes of its meeting do (the page says so and links them).
    minutes = minutes_of(p)
    # null when the index holds none of them, as the page says («… ikke i søgeindekset»)
    links["minutes"] = minutes.url if minutes and minutes.count else None
    links["minutes_item"] = url_for(".passage", passage_id=minutes.item.id) if minutes and minutes.item else None
    links["minutes_item_json"] = url_for(".api_passage", passage_id=minutes.item.id) if minutes and minutes.item else None
    agenda = agenda_of(p)  # a minutes item's agenda item: the recommendation as sent out
    links["agenda_item"] = url_for(".passage", passage_id=agenda.item.id) if agenda and agenda.item else None
    links["agenda_item_json"] = url_for(".api_passage", passage_id=agenda.item.id) if agenda and agenda.item else None
    # an item taken up again later in the meeting, «(genoptaget)»: its parts point at each other, as
    # the page's «Punktet blev genoptaget senere på mødet» does (the decision may stand in the other)
    for rel, part in (("resumed_later", context.resumed_later), ("begun_earlier", context.begun_earlier)):
        links[rel] = url_for(".passage", passage_id=part.id) if part else None
        links[f"{rel}_json"] = url_for(".api_passage", passage_id=part.id) if part else None
    copies = [{"id": c.id, "source": c.source, "page": c.page, "links": passage_links(c)} for c in context.copies]
    page = cited_page(p)
    # What a script needs to cite the item as the page does, without building addresses: the
    # absolute permalink and the source opened at the cited page (a journalist review).
    body = {**p.to_json(), "decision_page": p.decision_page, "citation": citation(p, context.previous),
            "citation_gaps": list(citation_gaps(p)),
            "permalink": absolute_url("passages.passage", passage_id=p.id),
            "cited_source_permalink": absolute_url("passages.source", document_id=p.document_id)
            + (f"#page={page}" if page else ""),
            "copies": copies, "versions": [v.to_json() for v in context.versions],
            # when it entered the index and when what it says last changed (the feed's <published>
            # is the meeting, its <updated> this): what a client polling for news compares
            "first_indexed": _iso_utc(get_index().first_indexed([p.id]).get(p.id)),
            "changed_at": _iso_utc(get_index().changed_at([p.id]).get(p.id)), "links": links}
    marks = None if marking_off() else searched_marks(p)
    if marks:  # the page's marks, for a client showing the item opened from a search
        body["marked"] = marks.to_json()
    return json_response(body, links={rel: url for rel, url in header.items() if url})


@bp.get("/document/<document_id>")
def document(document_id: str) -> str:
    passages = load_document(document_id)
    return render_template("passages/document.html", passages=passages, first=passages[0],
                           title=document_title(passages[0]), document_id=document_id,
                           other=other_meeting_document(passages[0]),
                           source_url=source_url(passages[0]).split("#")[0], **return_links(request_search()))


@bp.get("/api/document/<document_id>")
def api_document(document_id: str) -> Response:
    passages = load_document(document_id)
    return json_response(document_json(document_id, passages),
                         links={"alternate": url_for(".document", document_id=document_id)})


def other_meeting_document(first: Passage) -> tuple[str, Minutes] | None:
    """The meeting's other document, as its items link it: an agenda's minutes, minutes' agenda
    (the search for that document of the meeting); None when the index holds none. The item
    pages linked both ways, the document pages neither (a newsdesk review)."""
    if first.doc_type == DAGSORDEN:
        name, found = "minutes", minutes_of(first)
    elif first.doc_type == REFERAT:
        name, found = "agenda", agenda_of(first)
    else:
        return None
    return (name, found) if found and found.count else None


def document_json(document_id: str, passages: tuple[Passage, ...]) -> dict[str, Any]:
    first = passages[0]
    other = other_meeting_document(first)
    return {
        "id": document_id,
        "title": document_title(first),
        "doc_type": first.doc_type,
        "supplement": first.supplement,  # as `Passage.supplement`
        "meeting_note": first.meeting_note,  # as `Passage.meeting_note`
        "municipality": first.municipality,
        "council": first.council,
        "meeting_date": first.meeting_date,
        "year": first.year,
        "period": first.period,  # as `Passage.period`
        "place": first.place,
        "present": list(first.present),
        "absent": list(first.absent),
        "source": first.source,
        "source_sha256": first.source_sha256,
        "passages": [
            {"id": p.id, "position": p.position, "item_number": p.item_number, "item_label": p.item_label, "title": p.title,
             "has_decision": p.has_decision, "decision": p.decision if p.has_decision else "", "outcome": p.outcome, "closed": p.closed,
             "case_handler": p.case_handler, "case_number": p.case_number,
             "page": p.page, "decision_page": p.decision_page, "line": p.line, "links": passage_links(p)}
            for p in passages
        ],
        "links": {
            "html": url_for(".document", document_id=document_id),
            "json": url_for(".api_document", document_id=document_id),
            "source": url_for(".source", document_id=document_id),
            # the meeting's minutes (of an agenda) or agenda (of minutes): the search for them
            "minutes": other[1].url if other and other[0] == "minutes" else None,
            "agenda": other[1].url if other and other[0] == "agenda" else None,
        },
    }


@bp.get("/source/<document_id>")
def source(document_id: str) -> Response:
    """The indexed source file of a document, by id, from inside the corpus folder only.

    A text source is served in the encoding the indexer read it in, under the name browsers
    know it by; one they know by no name (DOS 865, UTF-32, UTF-8 with stray Windows-1252
    bytes, a page's rarer charset) is transcoded to UTF-8 as it is sent."""
    # A corpus folder named (--corpus, REFERATSOG_CORPUS) is looked in by the file's source name:
    # it may have moved since indexing. Else the folder recorded at indexing, which follows a reindex.
    named = Path(current_app.config["CORPUS_DIR"]) if current_app.config.get("CORPUS_NAMED") else None
    path = get_index().source_file(document_id, corpus=named)
    if path is None:
        moved_document(document_id)
    if path is None or not (inside_corpus(path, Path(current_app.config["CORPUS_DIR"]))  # defence in depth
                            or not current_app.config.get("CORPUS_NAMED") and _inside_indexed_corpus(path)):
        raise PageError(404, "unknown_source", "Kildefilen findes ikke, eller den er ikke en del af søgeindekset.")
    _ignore_unusable_range()
    try:
        return _send_source(path)
    except OSError as error:  # no access for the server's user, an I/O error, a share gone
        current_app.logger.warning("Kildefilen %s kan ikke læses: %s", path, os_error_text(error))
        raise PageError(500, "source_unreadable", "Kildefilen kan ikke læses på serveren lige nu.") from None


def _inside_indexed_corpus(path: Path) -> bool:
    """Whether `path` lies in the folder the index was last built from, as it says now: the site
    fixed its corpus folder at start, and after «referatsog index ANDEN-MAPPE --full» every source
    link answered 404 until a restart, though the hits were the new folder's. Asked only where
    no corpus folder was named: one named outright is the only one served from."""
    from indexer.settings import indexed_corpus

    root = indexed_corpus(Path(current_app.config["INDEX_DIR"]).expanduser())
    return root is not None and inside_corpus(path, root)


def _ignore_unusable_range() -> None:
    """Drop a Range header that is malformed, asks for several ranges or for a unit other than
    bytes: RFC 9110 has a server
    ignore it and send the whole file (werkzeug answered 416); one range past the end is
    still a 416 that names the file's length."""
    raw = request.environ.get("HTTP_RANGE")
    if raw is not None:
        parsed = parse_range_header(raw)
        if parsed is None or parsed.units != "bytes" or len(parsed.ranges) != 1:
            request.environ.pop("HTTP_RANGE")


def _send_source(path: Path) -> Response:
    suffix = path.suffix.lower()
    mimetype = SOURCE_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if mimetype.startswith("text/"):
        stat = path.stat()
        if _is_pdf(str(path), stat.st_mtime_ns, stat.st_size):  # a PDF saved as .txt: the indexer read it as one
            mimetype = "application/pdf"
    # A Linux file name may hold a line break, which no header may: it would be a 500.
    name = without_controls(path.name)
    if not mimetype.startswith("text/"):
        return send_file(path, mimetype=mimetype, download_name=name, as_attachment=suffix not in SOURCE_TYPES,
                         conditional=True)
    encoding = _source_encoding(str(path), stat.st_mtime_ns, stat.st_size, mimetype == "text/html")
    if encoding.web_name:
        response = send_file(path, mimetype=mimetype, download_name=name, conditional=True)
        response.headers["Content-Type"] = f"{mimetype}; charset={encoding.web_name}"
    else:
        response = send_file(_Utf8Reader(path, encoding), mimetype=mimetype, download_name=name, conditional=True,
                             etag=f"{stat.st_mtime_ns}-{stat.st_size}-utf-8", last_modified=stat.st_mtime)
        response.headers["Content-Type"] = f"{mimetype}; charset=utf-8"
        response.headers["Accept-Ranges"] = "none"  # byte ranges of the file are not those of what is sent
    if mimetype == "text/html":
        response.headers["Content-Security-Policy"] = SANDBOX_CSP
    return response


@lru_cache(maxsize=1024)
def _is_pdf(path: str, mtime_ns: int, size: int) -> bool:
    """Whether a source named as text is a PDF by its content, as the indexer tells it
    (`indexer.extract.is_pdf`), found once per version of the file (`mtime_ns`, `size`)."""
    try:
        return is_pdf_file(path)
    except ExtractError:
        return False


@lru_cache(maxsize=1024)
def _source_encoding(path: str, mtime_ns: int, size: int, html: bool) -> TextEncoding:
    """The encoding the indexer reads the file in (`indexer.decoding`), found once per version
    of the file (`mtime_ns`, `size`), not on every request; a UTF-8 file is read in pieces (a
    text source may be up to the indexer's 200 MB). Bytes it would refuse are sent as UTF-8."""
    try:
        with open_regular(path) as file:
            return read_encoding(file, html=html)
    except ExtractError:
        return TextEncoding("utf-8", "replace", web_name="utf-8")


class _Utf8Reader(io.RawIOBase):
    """A text file read in `encoding` and given out as UTF-8, a piece at a time."""

    def __init__(self, path: Path, encoding: TextEncoding) -> None:
        super().__init__()
        self._file = open_regular(path)
        self._decoder = codecs.getincrementaldecoder(encoding.codec)(errors=encoding.errors)
        self._pending = memoryview(b"")
        self._ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending and not self._ended:
            block = self._file.read(1 << 16)
            self._ended = not block
            self._pending = memoryview(self._decoder.decode(block, final=self._ended).encode("utf-8", "replace"))
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def close(self) -> None:
        self._file.close()
        super().close()
