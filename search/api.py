"""The search engine's public vocabulary: requests, responses, hits and facet counts.

Plain dataclasses, no Whoosh types: the CLI and the web UI speak only these, so the
engine behind them can change without touching either.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from indexer.dates import danish_date, parse_month, parse_typed_date  # the one date module, shared with the indexer
from indexer.numbers import danish_number  # counts and limits in the Danish way users read
from indexer.normalise import compatibility_form, normalise  # the texts' canonical form: a query must be read in it too
from indexer.models import heading_number, item_reference  # one rule for how an item is numbered and referred to
from indexer.outcome import OUTCOMES  # noqa: F401  (the outcome facet's values, in the order they are listed)
from search.danish import fold

# Facets in display order, by their URL/API parameter name.
FACETS: tuple[str, ...] = ("municipality", "council", "year", "case_handler", "topic", "doc_type", "outcome")
# Danish labels for users.
FACET_LABELS: dict[str, str] = {
    "municipality": "Kommune",
    "council": "Råd/udvalg",
    "year": "År",
    "case_handler": "Sagsbehandler",
    "topic": "Emne",
    "doc_type": "Dokumenttype",
    "outcome": "Udfald",  # what the decision says became of the item (`indexer.outcome`)
}
# `added`: the items that entered the index last first, as the feed lists them (a newsroom's tool
# asking what is new had to read the feed; an API review).
SORTS: tuple[str, ...] = ("relevance", "newest", "oldest", "added")
SORT_LABELS: dict[str, str] = {"relevance": "Relevans", "newest": "Nyeste", "oldest": "Ældste",
                               "added": "Senest tilføjet"}
MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000  # a page number beyond any search's last page (a URL may say anything)
MAX_QUERY_LENGTH = 500
# A facet takes a handful of values; a URL with hundreds would make every facet link on the
# page repeat them all (a page that grows with the square of their number).
MAX_FILTER_VALUES = 20
MAX_FILTER_VALUE_LENGTH = 200
# One message for a sort that is none, on the page and in the API alike, naming every sort by the
# page's labels (the page said three, leaving out «Senest tilføjet»).
SORT_MESSAGE = (f"Den sortering findes ikke. Vælg {', '.join(SORT_LABELS[s].lower() for s in SORTS[:-1])} "
                f"eller {SORT_LABELS[SORTS[-1]].lower()}.")
# The Danish words a user types for the sorts (the page's labels), taken as the sorts they name.
DANISH_SORTS: dict[str, str] = {"relevans": "relevance", "nyeste": "newest", "ældste": "oldest", "aeldste": "oldest",
                                "tilføjet": "added", "tilfoejet": "added"}

# Control characters have no place in a query or a facet value, and a page must not carry
# them (a NUL makes the HTML invalid): each becomes a space. So do Unicode's line and
# paragraph separators, line breaks that no HTTP header may hold (a file's download name).
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# The soft hyphen, which `indexer.clean` (and `indexer.htmltext`) take out of every line of a
# text: a word copied from a PDF or a council's web page (`&shy;`) carries it.
SOFT_HYPHEN = "\u00ad"
_NUMBER_RE = re.compile(r"[+-]?[0-9]+")
_ISO_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _valid_iso(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def without_controls(text: str) -> str:
    """`text` with control characters (NUL, escape, line breaks …) as spaces, and read as the
    indexer reads a text: the invisible characters it removes (zero-width space and joiners,
    direction marks, word joiner, BOM: `indexer.normalise`; the soft hyphen: `indexer.clean`)
    gone, Unicode's hyphens as "-", NFC. «flygt\u00adninge» pasted from a web page found
    nothing, though the indexed texts hold «flygtninge».

    >>> without_controls("a" + chr(0) + "b" + chr(27) + "c")
    'a b c'
    >>> without_controls("flygt\u00adninge"), without_controls("flygt\u200bninge"), without_controls("\ufeff")
    ('flygtninge', 'flygtninge', '')
    """
    # Controls first: `normalise` removes a NUL where a query (and a page) wants a space.
    return normalise(_CONTROL_RE.sub(" ", text), "NFC").replace(SOFT_HYPHEN, "")


# Quotes and signs as word processors, phones and other languages type them: Danish »…« and
# «…», German „…“, typographic “…”, and an exclusion's dash or minus sign ("–bolig", "−bolig").
_TYPOGRAPHIC_QUOTES_RE = re.compile("[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]")
_DASH_SIGN_RE = re.compile(r"(^|\s)[\u2013\u2014\u2212](?=[^\W_])")
_DASH_IN_WORD_RE = re.compile(r"(?<=[^\W_])[\u2013\u2014\u2212](?=[^\W_])")
# Ligatures a PDF viewer copies ("ﬂygtninge") and full-width letters and digits: the indexer
# reads PDF text in NFKC, so a query must read these so too.
_COMPATIBILITY_RE = re.compile("[\ufb00-\ufb06\uff01-\uff5e]+")


def as_typed_query(text: str) -> str:
    """A query with its quotes, exclusion signs and compatibility letters as the query syntax
    reads them (`"`, `-`, plain letters): «fokus punkter» is a phrase, –bolig an exclusion.

    >>> as_typed_query("»fokus punkter« –bolig"), as_typed_query("„fokus punkter“ \u2212bolig"), as_typed_query("\ufb02ygtninge")
    ('"fokus punkter" -bolig', '"fokus punkter" -bolig', 'flygtninge')
    >>> as_typed_query("Godkendt – dog"), as_typed_query("ＦＬＹＧＴＮＩＮＧＥ"), as_typed_query("588\u20132021\u20131874")
    ('Godkendt – dog', 'FLYGTNINGE', '588-2021-1874')
    """
    text = _TYPOGRAPHIC_QUOTES_RE.sub('"', text)
    # A dash between alphanumerics, as a word processor or a PDF gives a copied case number
    # ("588–2021–1874"), is a hyphen: the query's syntax reads case numbers and ranges by it.
    text = _DASH_IN_WORD_RE.sub("-", _DASH_SIGN_RE.sub(lambda m: m.group(1) + "-", text))
    return _COMPATIBILITY_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


class SearchError(Exception):
    """Base class of the errors the search package raises on purpose."""


class InvalidParameter(SearchError):
    """A request parameter has a value the engine cannot use.

    `message` is Danish, for users; `code` is machine-readable.
    """

    def __init__(self, parameter: str, message: str, code: str = "invalid_parameter") -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message
        self.code = code


class IndexMissing(SearchError):
    """There is no index at the given folder yet."""


class IndexDamaged(IndexMissing):
    """The index's files are not all there (a segment file deleted, a copy cut short): it cannot
    be searched, and a full build recreates it (`referatsog index --full`). As good as missing
    to a reader: the site answers 503."""


class IndexLocked(SearchError):
    """Another process is writing to the index right now."""


class IndexWriteFailed(SearchError):
    """Writing the index failed (disk full, a helper process failed); nothing was committed.

    The message is Danish, for the administrator.
    """


@dataclass(frozen=True)
class SearchRequest:
    """What the user asked for. Every field maps 1:1 to a URL parameter."""

    query: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # facet -> values (OR within, AND across)
    decisions_only: bool = False
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10
    # A period of meeting dates, ISO, both ends included ("" for open); an annual report is in
    # it when its year overlaps it. URL parameters `from` and `to`.
    date_from: str = ""
    date_to: str = ""
    # The facet listed with every value its hits have, not its first `Facet.limit` ("" for none):
    # a page's «Vis alle N». Only that facet pays for its long tail (thousands of case handlers).
    all_values: str = ""

    def __post_init__(self) -> None:
        # `parse_request` reads the Danish forms; a request built in code must give ISO dates. Anything
        # else reached the engine: "21.05.2015" raised int()'s ValueError from deep inside the search,
        # "2015-5-1" searched a period of nonsense numbers without a word.
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value and not (isinstance(value, str) and _ISO_DATE_RE.fullmatch(value) and _valid_iso(value)):
                raise ValueError(f"SearchRequest.{name} must be an ISO date (YYYY-MM-DD) or empty, not {value!r}"
                                 " (parse_request reads the other forms)")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"SearchRequest.date_to ({self.date_to}) is before date_from ({self.date_from})")

    def with_changes(self, **changes: Any) -> SearchRequest:
        """This request with `changes` (field names); every other field kept."""
        return replace(self, **changes)


@dataclass(frozen=True)
class Hit:
    """One matching passage, with what a result list shows."""

    id: str
    document_id: str
    title: str
    doc_type: str
    municipality: str | None
    council: str | None
    meeting_date: str | None
    year: int | None
    item_number: int | None
    case_handler: str | None
    case_number: str | None
    topics: tuple[str, ...]
    source: str
    page: int | None
    line: int
    score: float
    snippet: str  # HTML: document text escaped, matches wrapped in <mark>
    decision: str  # the decision's first lines, plain text ("" when the item has none)
    title_html: str = ""  # HTML: the title escaped, words matching the query wrapped in <mark>
    # HTML, the same for the case handler and case number: a search by name or case number
    # shows why the item matched even when the text does not repeat it.
    case_handler_html: str = ""
    case_number_html: str = ""
    # HTML, `decision` with the query's words marked, so a reporter scanning a hit list sees
    # whether the decision itself names them ("" when the snippet is the decision already).
    decision_html: str = ""
    # Where `snippet` was cut: "decision" (decisions_only, every word searched in the decision, or
    # the words only in the decision past its first lines: it then stands for the decision's first
    # lines) or "text" (the item's text besides its decision, which `decision` shows).
    snippet_from: str = "text"
    # Where `snippet_from` is "decision_record": the snippet was cut from the record printed with the
    # decision, which `decisions_only` searches too (a minority's statement), and this is its label as
    # printed («Mindretalsudtalelse»), shown instead of «Beslutning»; "" otherwise.
    snippet_label: str = ""
    # What a reporter needs to cite the hit without fetching its passage: the decision's date
    # (ISO; `Passage.decision_date`), the page its decision starts on (a PDF's, else None) and
    # the citation the passage page shows (`indexer.citation.citation`).
    decision_date: str | None = None
    decision_page: int | None = None
    decision_end_page: int | None = None  # where the decision ends, when a PDF's (a later page: it runs on)
    # The number the PDF prints on the item's first page and the decision's, where the document
    # prints page numbers (None otherwise); the citation names these, `page` is the PDF's own.
    printed_page: int | None = None
    printed_decision_page: int | None = None
    # As `Passage.prints_other_pages`: its pages are named «PDF-side», as its citation names them.
    # Not to be told from the two above: an item on an unnumbered cover has no printed number of its
    # own, but runs onto a page printed "Side 1", so its citation says «PDF-side 1».
    prints_other_pages: bool = False
    decision_date_before_meeting: bool = False  # an item deferred from an earlier meeting (`Passage`)
    citation: str = ""
    # The item's number as printed where it says more than `item_number` ("3a", "4.1"; else None).
    item_label: str | None = None
    item_sign: str | None = None  # "§" for an item numbered "§ 3." (`Passage.item_sign`)

    @property
    def item_reference(self) -> str | None:
        """"punkt 15", "punkt 3a", "§ 3", as `Passage.item_reference`."""
        return item_reference(self.item_number, self.item_label, self.item_sign, self.doc_type)

    @property
    def printed_number(self) -> str | None:
        """The item's number as the minutes print it ("3a", "15"), as `Passage.printed_number`."""
        return self.item_label or (None if self.item_number is None else str(self.item_number))

    @property
    def heading_number(self) -> str | None:
        """The number as the item's heading shows it ("15.", "II.", "3a"), as `Passage.heading_number`."""
        return heading_number(self.item_number, self.item_label, self.item_sign)
    # The query's words, as typed, that this passage does not hold: set on the approximate
    # hits of a query no passage holds every word of (`search.partial`), and on the hits shown
    # after the exact ones for holding a word's rare misspelt form (`suggest.source_typos`).
    missing: tuple[str, ...] = ()
    # Discussed in the meeting's closed part (`Passage.closed`): a hit without text says so, not «no decision».
    closed: bool = False
    # What the decision says became of the item («Godkendt», «Udsat», …; None without a decision).
    outcome: str | None = None
    # A supplementary agenda or minutes («Tillægsdagsorden»: `Passage.supplement`), as the hit names its kind.
    supplement: bool = False
    # A season's annual report's period («2024-2025»: `Passage.period`), as the hit names its year.
    period: str | None = None
    # The id of another version of this item among the same page's hits, indexed after it (the
    # corrected minutes beside the first: `query._mark_superseded`); None otherwise.
    superseded_by: str | None = None
    # When the item entered the index (of copies, the first), UTC ISO («2026-12-05T02:00:33Z»);
    # None in an index written before the time was kept. What «Senest tilføjet» lists by.
    first_indexed: str | None = None
    # The whole decision with the record printed with it, plain text ("" without a decision): set
    # on a spreadsheet's rows (`search.hits.row_hit`), which have no snippet; None on a page's hits.
    whole_decision: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document_id": self.document_id,
            "title": self.title,
            "doc_type": self.doc_type,
            "municipality": self.municipality,
            "council": self.council,
            "meeting_date": self.meeting_date,
            "year": self.year,
            "item_number": self.item_number,
            "item_label": self.item_label,
            "item_sign": self.item_sign,
            "case_handler": self.case_handler,
            "case_number": self.case_number,
            "topics": list(self.topics),
            "source": self.source,
            "page": self.page,
            "line": self.line,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "snippet_from": self.snippet_from,
            "snippet_label": self.snippet_label,
            "title_html": self.title_html,
            "case_handler_html": self.case_handler_html,
            "case_number_html": self.case_number_html,
            "decision": self.decision,
            "decision_html": self.decision_html,
            "decision_date": self.decision_date,
            "decision_page": self.decision_page,
            "decision_end_page": self.decision_end_page,
            "printed_page": self.printed_page,
            "printed_decision_page": self.printed_decision_page,
            "prints_other_pages": self.prints_other_pages,
            "decision_date_before_meeting": self.decision_date_before_meeting,
            "citation": self.citation,
            "missing": list(self.missing),
            "closed": self.closed,
            "outcome": self.outcome,
            "supplement": self.supplement,
            "period": self.period,
            "superseded_by": self.superseded_by,
            "first_indexed": self.first_indexed,
        }


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool = False
    # Results a click on this value adds to the search, for an unselected value of a
    # multi-valued facet (topics) that has a selection: values of one facet are ORed, and an
    # item with this value and a selected one is in the results already. None elsewhere (a
    # single-valued facet's values share no items: its count is what a click adds).
    adds: int | None = None


@dataclass(frozen=True)
class Widening:
    """What a search that found nothing finds with one of its filters taken off: a facet (all
    its values), an end of the period (`from`, `to`) or `decisions_only`. A reporter with
    «Kun beslutninger» on saw «uden dem kan der være resultater» and had to try each filter."""

    parameter: str  # a facet's name, "from", "to" or "decisions_only"
    total: int

    def to_json(self) -> dict[str, Any]:
        return {"parameter": self.parameter, "total": self.total}


@dataclass(frozen=True)
class FilterSuggestion:
    """A filter value no passage has and the value of the index it names (`Facet.close_value`): «Godkent»
    for «Godkendt». The notice named it; a value typed in the URL had no link to follow (a web review)."""

    parameter: str  # the facet's name, the URL parameter
    value: str  # as given
    suggestion: str  # as the index spells it
    request: SearchRequest  # the same search with that one value swapped (page 1); not in the JSON

    def to_json(self) -> dict[str, Any]:
        return {"parameter": self.parameter, "value": self.value, "suggestion": self.suggestion}


@dataclass(frozen=True)
class SearchResponse:
    """The answer: one page of hits and the facet counts of the whole result set."""

    request: SearchRequest
    total: int
    hits: tuple[Hit, ...]
    facets: Mapping[str, tuple[FacetValue, ...]]  # facet -> values, most frequent first
    suggestion: str | None = None  # "Mente du …?" when the query finds nothing
    approximate: bool = False  # hits come from a fuzzy fallback, not exact matches
    notice: str | None = None  # Danish note for the user, e.g. how a malformed query was read
    # How the hits are ordered: the sort asked for, except that "relevance" without words to
    # rank by (facet values, dates, case numbers, exclusions alone, or nothing) is "newest".
    order: str = "relevance"
    # A search that found nothing with filters on: what each filter taken off finds (found ones only).
    widenings: tuple[Widening, ...] = ()
    # Those filters whose removal finds nothing either, counted exactly (a facet with one value,
    # an end of the period, «Kun beslutninger» when the whole items find nothing without a guess):
    # the empty page says «giver stadig 0 resultater» beside them. Not in the JSON, whose
    # `widenings` leave them out.
    still_empty: frozenset[str] = frozenset()
    # facet -> how many values the hits have beyond those in `facets` (a facet lists its first
    # `Facet.limit` and the selected ones): only facets with more
    facets_more: Mapping[str, int] = field(default_factory=dict)
    # A search of one year that misses reports whose period reaches into it (the year facet holds a
    # report's first year): the same search over that year's period, which finds them; the web
    # page links to it beside the notice that names them.
    period_search: SearchRequest | None = None
    # Filter values no passage has, each with the value it names when there is one: the page links to it
    filter_suggestions: tuple[FilterSuggestion, ...] = ()

    @property
    def pages(self) -> int:
        size = self.request.page_size
        return max(1, -(-self.total // size))

    @property
    def past_last_page(self) -> bool:
        """The request asked for a page after the last one; a search that found nothing has one
        page (with no hits), so its page 2 is past the last too, as the CLI's README says."""
        return self.request.page > self.pages

    @property
    def past_last_message(self) -> str:
        """What the API and the CLI say about a page after the last one (in Danish)."""
        pages = self.pages
        return f"Side {self.request.page} findes ikke i denne søgning; den har {pages} {'side' if pages == 1 else 'sider'}."

    def filter_values(self, name: str) -> list[str]:
        """The values of filter `name` as its facet spells them («naestved», «NÆSTVED» → «Næstved»),
        once each, so a client finds the selected entries among the `facets` keys; a value the
        facet does not list stays as given."""
        spelt = {fold(fv.value.strip()): fv.value for fv in self.facets.get(name, ())}
        return list(dict.fromkeys(spelt.get(fold(value.strip()), value) for value in self.request.filters[name]))

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.request.query,
            "total": self.total,
            "page": self.request.page,
            "page_size": self.request.page_size,
            "pages": self.pages,
            "sort": self.request.sort,
            "order": self.order,
            "decisions_only": self.request.decisions_only,
            "filters": {k: self.filter_values(k) for k, v in self.request.filters.items() if v},
            "from": self.request.date_from or None,
            "to": self.request.date_to or None,
            "suggestion": self.suggestion,
            "filter_suggestions": [f.to_json() for f in self.filter_suggestions],
            "approximate": self.approximate,
            "notice": self.notice,
            "hits": [h.to_json() for h in self.hits],
            "facets": {name: {fv.value: fv.count for fv in values} for name, values in self.facets.items()},
            "facets_more": dict(self.facets_more),
            "widenings": [w.to_json() for w in self.widenings],
        }


def parse_request(params: Mapping[str, Sequence[str]]) -> SearchRequest:
    """Build a request from URL-style parameters (each a list of values); Danish errors.

    >>> parse_request({"q": ["flygtninge"], "municipality": ["Næstved"], "page": ["2"]}).page
    2
    """
    def one(name: str, default: str = "") -> str:
        values = params.get(name) or []
        return without_controls(values[-1]).strip() if values else default

    query = as_typed_query(one("q"))
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidParameter("q", f"Søgningen er for lang (højst {MAX_QUERY_LENGTH} tegn).", "query_too_long")
    filters: dict[str, tuple[str, ...]] = {}
    for name in FACETS:
        values = _facet_values(name, params.get(name, []))
        if name == "year":
            for v in values:
                if not is_year(v):
                    raise InvalidParameter("year", f"År skal være et årstal med fire cifre, ikke «{v}».", "invalid_year")
        if values:
            filters[name] = values
    sort = one("sort", "relevance") or "relevance"
    sort = DANISH_SORTS.get(sort.lower(), sort.lower())  # any case, as the CLI takes it
    if sort not in SORTS:
        raise InvalidParameter("sort", SORT_MESSAGE, "invalid_sort")
    page = _positive_int(one("page", "1") or "1", "page", "Siden", MAX_PAGE)
    page_size = _positive_int(one("page_size", "10") or "10", "page_size", "Antal pr. side", MAX_PAGE_SIZE)
    decisions = one("decisions_only", "").lower()
    if decisions not in ("", "0", "1", "true", "false", "on", "off", "yes", "no", "ja", "nej"):
        raise InvalidParameter("decisions_only", "Kun beslutninger skal være 1 eller 0.", "invalid_decisions_only")
    all_values = one("all_values").lower()
    if all_values and all_values not in FACETS:
        raise InvalidParameter("all_values", f"«Vis alle» findes ikke for «{all_values[:40]}». Vælg et af filtrene "
                                             f"{', '.join(FACETS)}.", "invalid_all_values")
    date_from, date_to = period_end(one("from"), "from"), period_end(one("to"), "to")
    if date_from and date_to and date_from > date_to:
        raise InvalidParameter("to", f"Perioden slutter ({danish_date(date_to)}), før den begynder ({danish_date(date_from)}).",
                               "invalid_period")
    return SearchRequest(
        query=query,
        filters=filters,
        decisions_only=decisions in ("1", "true", "on", "yes", "ja"),
        sort=sort,
        page=page,
        page_size=page_size,
        date_from=date_from,
        date_to=date_to,
        all_values=all_values,
    )


def period_end(text: str, name: str) -> str:
    """One end of a period as an ISO date ("" for none): a date in any form the query box
    reads (`2019-05-21`, `21.05.2019`, `21/05/2019`, `21. maj 2019`, `21.5.19`), or a month
    (`maj 2019`, `2019-05`, `05.2019`) or a year, which starts (`from`) or ends (`to`) with it.

    >>> period_end("21. maj 2019", "from"), period_end("2019", "from"), period_end("2019", "to")
    ('2019-05-21', '2019-01-01', '2019-12-31')
    >>> period_end("21/05/2019", "from"), period_end("1/1-17", "from"), period_end("2019-5-2", "to")
    ('2019-05-21', '2017-01-01', '2019-05-02')
    >>> period_end("Maj 2019", "from"), period_end("02.2020", "to"), period_end("2019-02", "to")
    ('2019-05-01', '2020-02-29', '2019-02-28')
    """
    if not text:
        return ""
    label = "Fra-datoen" if name == "from" else "Til-datoen"
    years = [int(y) for y in re.findall(r"(?<!\d)\d{4}(?!\d)", text)]
    if years and not all(year in PERIOD_YEARS for year in years):  # in any form: "1850", "01.01.1850", "1. januar 1850"
        raise InvalidParameter(name, f"{label} «{text.strip()[:40]}» ligger uden for de år, der kan søges i "
                                     f"({PERIOD_YEARS[0]}–{PERIOD_YEARS[-1]}).", "invalid_date")
    if is_year(text):
        return f"{text}-01-01" if name == "from" else f"{text}-12-31"
    if (typed := parse_typed_date(text)) is not None:  # as the query box reads it: one parser for both
        return typed.value.isoformat()
    if (month := parse_month(text.replace("–", "-"))) is not None:  # «2026–06»: a word processor's dash
        year, number = month
        return date(year, number, 1 if name == "from" else calendar.monthrange(year, number)[1]).isoformat()
    raise InvalidParameter(name, f"{label} «{text[:40]}» er ikke en dato. Skriv den som 21.05.2019, 2019-05-21, "
                                 "maj 2019 eller et årstal.", "invalid_date")


# The years a period (and a range of years in the query, `år:2015-2019`) may name.
PERIOD_YEARS = range(1900, 2101)


def is_year(text: str) -> bool:
    """A year as four ASCII digits (`str.isdigit` also takes full-width and Arabic digits).

    >>> is_year("2015"), is_year(" 2015 "), is_year("２０１５"), is_year("15")
    (True, True, False, False)
    """
    text = text.strip()
    return len(text) == 4 and text.isascii() and text.isdigit()


def _facet_values(name: str, raw: Sequence[str]) -> tuple[str, ...]:
    """A facet's values as the engine matches them: blank ones dropped, and one of each
    (`naestved` and `Næstved` are one value, as the engine folds both); bounded. A value is read
    in the indexed texts' form: compatibility characters as plain ones (full-width letters, a
    no-break space, as copied from a PDF or a web page) and any run of spaces as one space.
    «René\u00a0Sørensen» found nothing, said «findes ikke» about a name shown just as indexed.

    >>> _facet_values("case_handler", ["René\u00a0Sørensen", "Ｒｅｎé  Sørensen ", "René\u202fSørensen"])
    ('René Sørensen',)
    """
    values: dict[str, str] = {}
    for value in raw:
        value = " ".join(compatibility_form(without_controls(value or "")).split())
        if len(value) > MAX_FILTER_VALUE_LENGTH:
            raise InvalidParameter(name, f"{FACET_LABELS[name]}: en værdi må højst være {MAX_FILTER_VALUE_LENGTH} tegn.",
                                   "filter_value_too_long")
        if value:
            values.setdefault(fold(value), value)
    if len(values) > MAX_FILTER_VALUES:
        raise InvalidParameter(name, f"{FACET_LABELS[name]}: højst {MAX_FILTER_VALUES} værdier ad gangen.",
                               "too_many_filter_values")
    return tuple(values.values())


def _positive_int(raw: str, name: str, label: str, highest: int) -> int:
    # ASCII digits only: int() also takes "1_0" and Arabic or full-width digits. The value is
    # quoted cut short (a URL may carry 200 KB of it), and a number of more digits than any
    # page has is out of range before int() refuses it (over 4,300 digits: a ValueError, a 500).
    if not _NUMBER_RE.fullmatch(raw):
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise InvalidParameter(name, f"{label} skal være et helt tal, ikke «{shown}».", f"invalid_{name}")
    digits = raw.lstrip("+-").lstrip("0") or "0"
    value = (-1 if raw.startswith("-") else 1) * int(digits) if len(digits) <= 6 else 10**7
    if value < 1 or value > highest:
        raise InvalidParameter(name, f"{label} skal være mellem 1 og {danish_number(highest)}.", f"invalid_{name}")
    return value
