"""A search's hits as a spreadsheet: `/api/search.csv` and `referatsog search --csv`.

Every hit of the search (all pages, in the search's order) up to `CSV_MAX_ROWS`, one row each,
with Danish column names. Comma-separated and quoted as RFC 4180 says (Python's `csv`), lines
ending CRLF, UTF-8 with a byte order mark, without which Excel reads æ, ø and å as Latin-1.
Document text is untrusted: a cell that a spreadsheet would run as a formula is prefixed with
an apostrophe (`guarded`). The CLI builds the same rows without a Flask app (`csv_text`).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import quote

from flask import Blueprint, Response, current_app, request, url_for

from search.api import FACETS, MAX_PAGE_SIZE, Hit, SearchRequest

from .links import item_links
from .state import SearchState, absolute_url, encoding_error, parse_args, undecodable

if TYPE_CHECKING:
    from search import SearchIndex

# Rows in one file: a newsroom's spreadsheet of a search, not a copy of the index (the whole
# archive is 50 engine pages of 100 at most, one request's work).
CSV_MAX_ROWS = 5000
BOM = "\ufeff"
CSV_TYPE = "text/csv; charset=utf-8"
TRUNCATED_HEADER = "X-Referatsog-Truncated"

# Column names as a Danish reader of the spreadsheet knows them, in the row's order.
COLUMNS: tuple[str, ...] = (
    "id", "titel", "dokumenttype", "kommune", "råd/udvalg", "mødedato", "år", "punkt", "sagsnr",
    "sagsbehandler", "emner", "beslutning", "beslutningsdato", "lukket punkt", "kilde", "side i PDF",
    "citat", "link")

_DOC_TYPES = {"referat": "Referat", "dagsorden": "Dagsorden", "årsberetning": "Årsberetning"}

# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): = + - @ first,
# also after leading spaces, and tab or CR first; full-width forms too, which some locales
# of Excel take for the ASCII ones.
_FORMULA_START = re.compile(r"^(?:[\t\r]|[ \u00a0]*[=+\-@\uff1d\uff0b\uff0d\uff20])")


def guarded(cell: str) -> str:
    """`cell` as a spreadsheet shows it as text, never runs it: an apostrophe before a cell
    that would start a formula (OWASP's advice).

    >>> guarded('=HYPERLINK("http://x")'), guarded("-5 kr."), guarded("Godkendt"), guarded("")
    ('\\'=HYPERLINK("http://x")', "'-5 kr.", 'Godkendt', '')
    """
    return "'" + cell if _FORMULA_START.match(cell) else cell


def all_hits(index: SearchIndex, search: SearchRequest, limit: int | None = None) -> tuple[list[Hit], int]:
    """The first `limit` (default `CSV_MAX_ROWS`) hits of `search` in its order, fetched in pages of the most the engine
    gives, and the search's total. An id seen on an earlier page (a reindex landed between two
    pages) is not listed twice."""
    limit = CSV_MAX_ROWS if limit is None else limit
    hits: dict[str, Hit] = {}
    total, page = 0, 1
    while True:
        response = index.search(search.with_changes(page=page, page_size=MAX_PAGE_SIZE, all_values=""))
        total = response.total
        for hit in response.hits:
            hits.setdefault(hit.id, hit)
        if len(hits) >= min(total, limit) or len(response.hits) < MAX_PAGE_SIZE:
            break
        page += 1
    return list(hits.values())[:limit], total


def full_decisions(index: SearchIndex, hits: Sequence[Hit]) -> dict[str, str]:
    """Each hit's whole decision (a hit carries only its first lines), plain text; "" for none."""
    found: dict[str, str] = {}
    for hit in hits:
        passage = index.passage(hit.id)
        found[hit.id] = (passage.decision if passage.has_decision else "") if passage else hit.decision
    return found


def row(hit: Hit, decision: str, link: str) -> list[str]:
    """One hit as a row of `COLUMNS`, every cell of document text guarded."""
    cells = [
        hit.id, hit.title, _DOC_TYPES.get(hit.doc_type, hit.doc_type), hit.municipality or "", hit.council or "",
        hit.meeting_date or "", str(hit.year) if hit.year else "", hit.item_reference or "", hit.case_number or "",
        hit.case_handler or "", "; ".join(hit.topics), decision, hit.decision_date or "",
        "ja" if hit.closed else "nej", hit.source, str(hit.page) if hit.page else "", hit.citation, link]
    return [guarded(cell) for cell in cells]


def csv_text(hits: Iterable[Hit], decisions: dict[str, str], link: Callable[[Hit], str]) -> str:
    """The header row and a row per hit, as CSV text (CRLF line ends, no BOM)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180: comma, quotes doubled, CRLF
    writer.writerow(COLUMNS)
    writer.writerows(row(hit, decisions.get(hit.id, hit.decision), link(hit)) for hit in hits)
    return out.getvalue()


def site_link(base_url: str) -> Callable[[Hit], str]:
    """A hit's page on the site at `base_url` (path prefix included); root-relative without one,
    as `referatsog search --json` writes its links."""
    root = base_url.rstrip("/")
    return lambda hit: item_links(hit.id, hit.document_id, hit.page, hit.decision_page, root)["html"]


def download_name(search: SearchRequest) -> tuple[str, str]:
    """The file name to save as: an ASCII one for every browser and one in UTF-8 (RFC 6266's
    `filename*`), both from the query, else the filters' values, else «alle-punkter».

    >>> download_name(SearchRequest(query='"Næstved" flygtninge/bolig'))
    ('referatsog-naestved-flygtninge-bolig.csv', 'referatsog-n%C3%A6stved-flygtninge-bolig.csv')
    """
    words = search.query or " ".join(v for name in FACETS for v in search.filters.get(name, ()))
    words = " ".join(re.findall(r"\w+", words.casefold()))[:60].strip() or "alle punkter"
    folded = unicodedata.normalize("NFKD", words.replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))
    ascii_words = re.sub(r"[^a-z0-9]+", "-", folded.encode("ascii", "ignore").decode()).strip("-") or "soegning"
    return f"referatsog-{ascii_words}.csv", quote(f"referatsog-{words.replace(' ', '-')}.csv", safe="")


def link_label(total: int) -> str:
    """The search page's link to the CSV: what it gives when the search has more than the cap."""
    if total > CSV_MAX_ROWS:
        return f"Hent de første {CSV_MAX_ROWS:,} som CSV".replace(",", ".")
    return "Hent som CSV"


bp = Blueprint("exports", __name__)

# The search page's parameters a spreadsheet of every hit has no use for: it is not paged, and
# lists no facets; a bad value of one (`page=abc` in a copied URL) is no error here.
CSV_IGNORES = ("page", "page_size", "all_values")


def csv_state() -> SearchState:
    """The search of the request's parameters, those in `CSV_IGNORES` not read (as `feed_state`)."""
    not_utf8 = [name for name in undecodable(request.query_string) if name not in CSV_IGNORES]
    if not_utf8:
        raise encoding_error(not_utf8[0])
    args = {name: values for name, values in request.args.to_dict(flat=False).items() if name not in CSV_IGNORES}
    page_size = int(current_app.config["PAGE_SIZE"])
    return SearchState(parse_args(args, page_size), page_size)


@bp.get("/api/search.csv")
def search_csv() -> Response:
    """`/api/search`'s search as CSV: every hit, up to `CSV_MAX_ROWS`, in its order. A bad
    parameter raises `InvalidParameter`, answered as `/api/search` answers it (400, JSON)."""
    from .index import get_index

    state = csv_state()
    search = state.request
    index = get_index()
    hits, total = all_hits(index, search)
    text = csv_text(hits, full_decisions(index, hits),
                    lambda hit: absolute_url("passages.passage", passage_id=hit.id))
    ascii_name, utf8_name = download_name(search)
    answer = Response((BOM + text).encode("utf-8"), headers={"Content-Type": CSV_TYPE})
    answer.headers["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{utf8_name}"
    answer.headers["Link"] = f'<{state.url()}>; rel="alternate"; type="text/html"'
    if total > len(hits):
        answer.headers[TRUNCATED_HEADER] = f"{len(hits)} af {total}"
    # As `json_response`: revalidated every time, 304 while the index gives the same rows.
    answer.headers["Cache-Control"] = "no-cache"
    answer.add_etag()
    return answer.make_conditional(request)


def csv_url(state: SearchState) -> str:
    """The `/api/search.csv` address of a page's search: its parameters but the page's own."""
    params = {name: values for name, values in state.url_params().items() if name not in CSV_IGNORES}
    return url_for("exports.search_csv", **params)


@bp.app_context_processor
def csv_helpers() -> dict[str, object]:
    """`csv_url(state)` and `csv_label(total)` for the search page's link."""
    return {"csv_url": csv_url, "csv_label": link_label}
