"""A search's hits as a spreadsheet: `/api/search.csv` and `referatsog search --csv`.

Every hit of the search (all pages, in the search's order) up to `CSV_MAX_ROWS`, one row each,
with Danish column names. Comma-separated and quoted as RFC 4180 says (Python's `csv`), lines
ending CRLF, UTF-8 with a byte order mark, without which Excel reads æ, ø and å as Latin-1.
Document text is untrusted: a cell that a spreadsheet would run as a formula is prefixed with
an apostrophe, also where a reader that splits on semicolons (Danish Excel) would start a cell
inside it (`guarded`); a cell longer than Excel takes is cut with a mark (`fitted`). The CLI builds the same rows without a Flask app (`csv_text`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from flask import Blueprint, Response, request, url_for

from indexer.numbers import danish_number
from search.api import FACETS, MAX_PAGE_SIZE, Hit, SearchRequest
from search.hits import whole_decision
from search.syntax import parse

from .errors import PageError
from .facets import doc_type_label
from .links import item_links
from .state import SearchState, absolute_url, request_state_without

if TYPE_CHECKING:
    from search import SearchIndex

# Rows in one file: a newsroom's spreadsheet of a search, not a copy of the index (the whole
# archive is 50 engine pages of 100 at most, one request's work).
CSV_MAX_ROWS = 5000
BOM = "\ufeff"
CSV_TYPE = "text/csv; charset=utf-8"
TRUNCATED_HEADER = "X-Referatsog-Truncated"
# Set when the search's hits are a guess (close spellings, compound parts): the page says so too.
APPROXIMATE_HEADER = "X-Referatsog-Approximate"
# Excel keeps at most this many characters in a cell and, opening a file, cuts the rest silently
# or spills it; counted in UTF-16 units, as Excel counts them.
CELL_MAX = 32767
CUT_MARK = " […]"
# The file name's words: a name a file system and a mail attachment take whole.
NAME_MAX = 60

# Column names as a Danish reader of the spreadsheet knows them, in the row's order. The kind
# and the period as the hit names them: «Tillægsdagsorden», and a season's report by its
# «2024-2025» beside its first year (`år`, the facet), not «Dagsorden» and «2024» alone (a web review).
COLUMNS: tuple[str, ...] = (
    "id", "titel", "dokumenttype", "kommune", "råd/udvalg", "mødedato", "år", "periode", "punkt", "sagsnr",
    "sagsbehandler", "emner", "beslutning", "udfald", "beslutningsdato", "lukket punkt", "kilde", "side i PDF",
    "citat", "link", "erstattet_af")

# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): = + - @ first,
# also after leading spaces or quotes, and tab or CR first; full-width forms too, which some
# locales of Excel take for the ASCII ones.
_FORMULA = "=+\\-@\uff1d\uff0b\uff0d\uff20"
_FORMULA_START = re.compile(rf"^(?:[\t\r]|[ \u00a0\"]*[{_FORMULA}])")
# Excel opened by a double-click splits on the locale's list separator, in Danish the semicolon,
# and reads a quote only at a cell's start: so after a ";" in a cell, and after a line break
# (a new row to it), a cell starts whose text the guard must see too; a quote there is taken
# for the quoting, not the text, so it is skipped. The apostrophe goes right after the ";" or
# the line break, before the quotes, so that the reader sees neither quoting nor formula.
# Inside a cell only what reads as a formula is guarded: = and @ always, + and - before a digit,
# a bracket, another formula sign, a cell reference, a function's name or DDE («-1 mio.», «+A1», «-SUM(»,
# «-cmd|»), not a list's «- at …» or
# «+ tillæg» bullets, which an importing reader shows as written (a code review: «'- at budgettet …»).
_INNER_FORMULA_START = re.compile(
    r"(?<=[;\r\n])(?=[ \t\u00a0\"]*(?:[=@\uff1d\uff20]|[+\-\uff0b\uff0d]\s*(?:[\d(=+\-@]|[A-Za-z]{1,3}\d|[A-Za-z]+[(|])))")


def guarded(cell: str) -> str:
    """`cell` as a spreadsheet shows it as text, never runs it: an apostrophe before a cell
    that would start a formula (OWASP's advice), and after a semicolon or line break inside it
    that a semicolon-splitting reader would take for a formula's start.

    >>> guarded('=HYPERLINK("http://x")'), guarded("-5 kr."), guarded("Godkendt"), guarded("")
    ('\\'=HYPERLINK("http://x")', "'-5 kr.", 'Godkendt', '')
    >>> guarded("Godkendt;=1+1;flygtninge"), guarded("Godkendt; alle 5")
    ("Godkendt;'=1+1;flygtninge", 'Godkendt; alle 5')
    >>> guarded("Indstilling:\\n- at budgettet godkendes;\\n-1 mio. kr. til parker")
    "Indstilling:\\n- at budgettet godkendes;\\n'-1 mio. kr. til parker"
    >>> guarded("a;-SUM(A1:A9)"), guarded("a\\n+A1")
    ("a;'-SUM(A1:A9)", "a\\n'+A1")
    """
    cell = _INNER_FORMULA_START.sub("'", cell)
    return "'" + cell if _FORMULA_START.match(cell) else cell


def _excel_length(text: str) -> int:
    """`text`'s length as Excel counts it: UTF-16 units, two for a character beyond the BMP."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def fitted(cell: str) -> str:
    """`cell` whole if Excel takes it, else cut to `CELL_MAX` with `CUT_MARK` at the end, so the
    reader sees that text is missing (the whole is on the item's page, the row's link).

    >>> fitted("kort") == "kort", len(fitted("x" * 40000)), fitted("x" * 40000)[-4:]
    (True, 32767, ' […]')
    """
    if len(cell) <= CELL_MAX // 2 or _excel_length(cell) <= CELL_MAX:  # at most two units a character
        return cell
    room = CELL_MAX - len(CUT_MARK)
    cut = cell[:room]
    while _excel_length(cut) > room:  # characters beyond the BMP count twice
        cut = cut[:room - (_excel_length(cut) - len(cut))]
    return cut + CUT_MARK


def all_hits(index: SearchIndex, search: SearchRequest, limit: int | None = None) -> tuple[list[Hit], int]:
    """The first `limit` (default `CSV_MAX_ROWS`) hits of `search` in its order, and the search's
    total (`searched_hits`)."""
    hits, total, _ = searched_hits(index, search, limit)
    return hits, total


def spelt_otherwise(hit: Hit, response: Any) -> bool:
    """Whether `hit` is shown after the exact ones for a close spelling only (`suggest.source_typos`:
    it lacks a word, the search is no guess): no row of a CSV, since a spreadsheet has no notice."""
    return bool(hit.missing) and not response.approximate


def searched_hits(index: SearchIndex, search: SearchRequest, limit: int | None = None
                  ) -> tuple[list[Hit], int, bool]:
    """`all_hits`, and whether the hits are approximate (a guess, as the page labels them).

    One search of the rows (`SearchIndex.rows`: no snippets, whole decisions), not one per page of
    the most a page gives: 50 searches of 100, each cutting and marking snippets that no column
    shows, took 4–8 s at 100,000 passages. The hits a close spelling alone finds are no rows and
    not counted (`spelt_otherwise`)."""
    limit = CSV_MAX_ROWS if limit is None else limit
    response = index.rows(search.with_changes(page=1, page_size=MAX_PAGE_SIZE, all_values=""), limit)
    typos = {hit.id for hit in response.hits if spelt_otherwise(hit, response)}
    hits: dict[str, Hit] = {}
    for hit in response.hits:
        if hit.id not in typos:
            hits.setdefault(hit.id, hit)
    return list(hits.values())[:limit], response.total - len(typos), response.approximate and response.total > 0


def full_decisions(index: SearchIndex, hits: Sequence[Hit]) -> dict[str, str]:
    """Each hit's whole decision (a page's hit carries only its first lines), plain text; "" for
    none: a row's own (`Hit.whole_decision`), else read from its passage."""
    found: dict[str, str] = {}
    for hit in hits:
        if hit.whole_decision is not None:
            found[hit.id] = hit.whole_decision
            continue
        passage = index.passage(hit.id)
        found[hit.id] = whole_decision(passage) if passage else hit.decision
    return found


def newer_versions(index: SearchIndex, hits: Sequence[Hit]) -> dict[str, str]:
    """Each hit superseded by a version of its item indexed later → that version's id, whatever
    else the search found (`SearchIndex.superseded_by`, the rule the search's hits follow): a
    spreadsheet showed both decisions with nothing to tell the old one (an API review). A row
    (`SearchIndex.rows`) says it already (`Hit.superseded_by`, by that rule): not looked up again."""
    rows = [hit for hit in hits if hit.whole_decision is not None]
    found = {hit.id: hit.superseded_by for hit in rows if hit.superseded_by}
    return found | index.superseded_by([hit.id for hit in hits if hit.whole_decision is None])


def row(hit: Hit, decision: str, link: str, newer: str = "") -> list[str]:
    """One hit as a row of `COLUMNS`, every cell of document text guarded and fitted to Excel;
    `newer`: the id of a later version of the item that supersedes it (`newer_versions`)."""
    cells = [
        hit.id, hit.title, doc_type_label(hit.doc_type, hit.supplement), hit.municipality or "", hit.council or "",
        hit.meeting_date or "", str(hit.year) if hit.year else "", hit.period or "", hit.item_reference or "",
        hit.case_number or "", hit.case_handler or "", "; ".join(hit.topics), decision, hit.outcome or "",
        hit.decision_date or "", "ja" if hit.closed else "nej", hit.source, str(hit.page) if hit.page else "",
        hit.citation, link, newer]
    return [fitted(guarded(cell)) for cell in cells]


def csv_text(hits: Iterable[Hit], decisions: dict[str, str], link: Callable[[Hit], str],
             newer: dict[str, str] | None = None) -> str:
    """The header row and a row per hit, as CSV text (CRLF line ends, no BOM); `newer`: the
    superseded hits' later versions (`newer_versions`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180: comma, quotes doubled, CRLF
    writer.writerow(COLUMNS)
    newer = newer or {}
    writer.writerows(row(hit, decisions.get(hit.id, hit.decision), link(hit), newer.get(hit.id, "")) for hit in hits)
    return out.getvalue()


def site_link(base_url: str) -> Callable[[Hit], str]:
    """A hit's page on the site at `base_url` (path prefix included); root-relative without one,
    as `referatsog search --json` writes its links."""
    root = base_url.rstrip("/")
    return lambda hit: item_links(hit.id, hit.document_id, hit.page, hit.decision_page, root)["html"]


def _query_words(query: str) -> list[str]:
    """The query's words as the search reads them, an excluded one as «uden ord»."""
    try:
        groups = parse(query).groups
    except Exception:  # a name is no reason to fail a download: the words as typed
        return [query]
    return [f"uden {clause.text}" if clause.negated else clause.text for group in groups for clause in group]


def _bounded(words: str, limit: int) -> str:
    """`words` within `limit` characters, cut after a whole word where one fits."""
    if len(words) <= limit:
        return words
    cut = words[:limit + 1].rsplit(" ", 1)[0]
    return cut if cut and len(cut) <= limit else words[:limit]


def download_name(search: SearchRequest, approximate: bool = False) -> tuple[str, str]:
    """The file name to save as: an ASCII one for every browser and one in UTF-8 (RFC 6266's
    `filename*`), both from the filters' values and the query's words (an excluded one as
    «uden-ord»), else «alle-punkter»; «-omtrentlig» at the end when the hits are approximate.

    >>> download_name(SearchRequest(query='"Næstved" flygtninge/bolig'))
    ('referatsog-naestved-flygtninge-bolig.csv', 'referatsog-n%C3%A6stved-flygtninge-bolig.csv')
    >>> download_name(SearchRequest(query="-flygtninge", filters={"municipality": ("Næstved",)}))[0]
    'referatsog-naestved-uden-flygtninge.csv'
    """
    said = [v for name in FACETS for v in search.filters.get(name, ())]
    said += _query_words(search.query) if search.query.strip() else []
    words = _bounded(" ".join(re.findall(r"\w+", " ".join(said).casefold())), NAME_MAX) or "alle punkter"
    if approximate:
        words += " omtrentlig"
    folded = unicodedata.normalize("NFKD", words.replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))
    ascii_words = re.sub(r"[^a-z0-9]+", "-", folded.encode("ascii", "ignore").decode()).strip("-") or "soegning"
    return f"referatsog-{ascii_words}.csv", quote(f"referatsog-{words.replace(' ', '-')}.csv", safe="")


def link_label(total: int, approximate: bool = False) -> str:
    """The search page's link to the CSV: what it gives when the search has more than the cap,
    and that its rows are approximate when the page's hits are."""
    what = " omtrentlige resultater" if approximate and total > 0 else ""
    if total > CSV_MAX_ROWS:
        return f"Hent de første {danish_number(CSV_MAX_ROWS)}{what} som CSV"
    return f"Hent de{what} som CSV" if what else "Hent som CSV"


bp = Blueprint("exports", __name__)

# The search page's parameters a spreadsheet of every hit has no use for: it is not paged, and
# lists no facets; a bad value of one (`page=abc` in a copied URL) is no error here.
CSV_IGNORES = ("page", "page_size", "all_values")


def csv_state() -> SearchState:
    """The search of the request's parameters, those in `CSV_IGNORES` not read (as `feed_state`)."""
    return request_state_without(CSV_IGNORES)


# Exports built at once by one process: waitress cannot stop a request whose client left, so
# abandoned downloads kept every thread busy (a plain search waited 47 s, `/healthz` 25 s). One
# more is answered 503 at once, and searches keep their threads.
CSV_CONCURRENT = 2
CSV_RETRY_SECONDS = 5  # Retry-After of that 503
BUSY_MESSAGE = "Der laves allerede for mange CSV-filer lige nu. Prøv igen om lidt."
_exports = threading.BoundedSemaphore(CSV_CONCURRENT)


def limit_exports(threads: int) -> None:
    """Exports at once in a process answering on `threads` threads (`referatsog serve`, before its
    workers fork): `CSV_CONCURRENT`, but never every thread, so a search always has one."""
    global _exports
    _exports = threading.BoundedSemaphore(max(1, min(CSV_CONCURRENT, threads - 1)))


@cache
def _code_stamp() -> str:
    """The code that writes the rows, as a deployment tells it apart: the names, sizes and times of
    the packages' source files (the same in every worker process, another after an upgrade)."""
    root = Path(__file__).resolve().parent.parent
    files = sorted(p for package in ("indexer", "search", "webui") for p in (root / package).rglob("*.py"))
    return hashlib.sha256(repr([(str(p.relative_to(root)), p.stat().st_size, p.stat().st_mtime_ns)
                                for p in files]).encode()).hexdigest()


def _data_stamp() -> list[tuple[str, int, int]]:
    """The data files as searches read them, shipped or in `$REFERATSOG_DATA`: names, times and
    sizes. Some are read again when edited, without a commit (the variants: `datafiles.Watched`)."""
    from indexer.settings import data_folder

    root = Path(__file__).resolve().parent.parent
    folders = [root / "search" / "data", root / "indexer" / "data", data_folder()]
    stamps = []
    for folder in filter(None, folders):
        try:
            stamps += [(str(p), (info := p.stat()).st_mtime_ns, info.st_size) for p in sorted(folder.iterdir())]
        except OSError:
            stamps.append((str(folder), 0, -1))
    return stamps


def export_tag(commit: object, state: SearchState) -> str:
    """The CSV's validator, known before it is built: the index's commit, the code and the data
    files the search reads, the search as read and the site's address the rows link to. HEAD and a
    revalidation with it (`If-None-Match`) were answered only after the whole file was built again,
    to compare its hash."""
    said = repr((commit, _code_stamp(), _data_stamp(), CSV_MAX_ROWS, state.request, state.url(),
                 absolute_url("passages.passage", passage_id="-")))
    return hashlib.sha256(said.encode("utf-8")).hexdigest()[:32]


@bp.get("/api/search.csv")
def search_csv() -> Response:
    """`/api/search`'s search as CSV: every hit, up to `CSV_MAX_ROWS`, in its order. A bad
    parameter raises `InvalidParameter`, answered as `/api/search` answers it (400, JSON); a
    revalidation of the same file 304 before any search; more than `CSV_CONCURRENT` at once 503."""
    from .index import get_index

    state = csv_state()
    search = state.request
    index = get_index()
    commit = index.newest_commit()
    tag = export_tag(commit, state)
    if request.if_none_match.contains_weak(tag):
        unchanged = Response(status=304, headers={"Cache-Control": "no-cache"})
        unchanged.set_etag(tag)
        return unchanged
    gate = _exports  # the one released, whatever `limit_exports` sets meanwhile
    if not gate.acquire(blocking=False):
        raise PageError(503, "export_busy", BUSY_MESSAGE, headers={"Retry-After": str(CSV_RETRY_SECONDS)})
    try:
        answer = _csv_answer(index, state, search)
    finally:
        gate.release()
    # As `json_response`: revalidated every time, 304 while the index gives the same rows.
    answer.headers["Cache-Control"] = "no-cache"
    if index.newest_commit() == commit:
        answer.set_etag(tag)
    else:  # a commit landed while it was built: its rows may be of either, so a tag of its bytes
        answer.add_etag()
    return answer.make_conditional(request)


def _csv_answer(index: SearchIndex, state: SearchState, search: SearchRequest) -> Response:
    """The CSV of `search` with its headers, built."""
    hits, total, approximate = searched_hits(index, search)
    text = csv_text(hits, full_decisions(index, hits),
                    lambda hit: absolute_url("passages.passage", passage_id=hit.id), newer_versions(index, hits))
    ascii_name, utf8_name = download_name(search, approximate)
    answer = Response((BOM + text).encode("utf-8"), headers={"Content-Type": CSV_TYPE})
    answer.headers["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{utf8_name}"
    answer.headers["Link"] = f'<{state.url()}>; rel="alternate"; type="text/html"'
    if total > len(hits):
        answer.headers[TRUNCATED_HEADER] = f"{len(hits)} af {total}"
    if approximate:
        answer.headers[APPROXIMATE_HEADER] = "1"
    return answer


def csv_url(state: SearchState) -> str:
    """The `/api/search.csv` address of a page's search: its parameters but the page's own."""
    params = {name: values for name, values in state.url_params().items() if name not in CSV_IGNORES}
    return url_for("exports.search_csv", **params)


@bp.app_context_processor
def csv_helpers() -> dict[str, object]:
    """`csv_url(state)` and `csv_label(total, approximate)` for the search page's link."""
    return {"csv_url": csv_url, "csv_label": link_label}
