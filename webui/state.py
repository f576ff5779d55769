"""Page state <-> URL: every search page state is a bookmarkable query string.

A `SearchRequest` is the state; this module turns it back into URL parameters and derives
the neighbouring states a page links to (a facet value added or removed, another sort,
another page), always in the same parameter order so equal states have equal URLs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes, urlencode

from flask import current_app, request, url_for

from indexer.numbers import danish_number
from search.api import (FACET_LABELS, FACETS, MAX_FILTER_VALUES, MAX_QUERY_LENGTH, InvalidParameter, SearchRequest,
                        parse_request)
from search.danish import fold
from search.syntax import FIELD_ALIASES

# The facet whose every value the page lists (its «Vis alle N»), not only the most frequent:
# a view of the same hits, kept by every link of the page, as the sort is.
ALL_VALUES = "all_values"
# Every URL parameter the search page and /api/search read; any other is ignored.
PARAMETERS: tuple[str, ...] = ("q", *FACETS, "decisions_only", "from", "to", "sort", "page", "page_size", ALL_VALUES)
# Characters of all facet values of one request together. Every link of the search page (each
# facet value, chip, sort and page: some 350 on a large index) repeats the whole state, so six
# facets of 20 values of 200 characters each made one 120 KB request a 35 MB page and a 360 KB
# Link header. Twenty municipalities, councils and topics at a time take a third of this.
MAX_FILTER_CHARACTERS = 1000


def value_key(value: str) -> str:
    """Facet values match the way the engine matches them: `naestved` selects `Næstved`."""
    return fold(value.strip())


def absolute_url(endpoint: str, **values: object) -> str:
    """An absolute URL, for links read away from the site (a feed, a pasted citation): on
    `BASE_URL` when it is set, else on the request's scheme and host (which a client sets
    itself, or a trusted proxy). `BASE_URL` includes any path prefix, so the request's own
    prefix (`SCRIPT_NAME`) is not added twice."""
    base = str(current_app.config.get("BASE_URL") or "").rstrip("/")
    if not base:
        return url_for(endpoint, _external=True, **values)
    path = url_for(endpoint, **values)
    root = request.script_root
    if root and path.startswith(root + "/"):
        path = path[len(root):]
    return base + path


def undecodable(query_string: bytes) -> list[str]:
    """The known parameters whose value in the raw query string is not UTF-8 once
    percent-decoded (`%E6` for æ in Latin-1), in URL order, each once.

    Werkzeug keeps such bytes as the text `%E6`, which would be searched for as written.

    >>> undecodable(b"q=N%E6stved&page=2&q=b%C3%B8rn&sort=%FF&x=%FF")
    ['q', 'sort']
    """
    names: list[str] = []
    for pair in query_string.split(b"&"):
        name, _, value = pair.partition(b"=")
        try:
            key = unquote_to_bytes(name.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            continue  # not a parameter we read
        if key not in PARAMETERS or key in names:
            continue
        try:
            unquote_to_bytes(value.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            names.append(key)
    return names


def encoding_error(name: str) -> InvalidParameter:
    """The Danish error for a parameter whose value is not UTF-8."""
    what = {"q": "Søgningen", **{facet: f"{FACET_LABELS[facet]}-filteret" for facet in FACETS}}.get(name, f"Parameteren «{name}»")
    return InvalidParameter(name, f"{what} indeholder tegn, der ikke er kodet som UTF-8 (fx æ, ø eller å fra et "
                                  "ældre program). Adressen skal være kodet som UTF-8.", "invalid_encoding")


def parse_args(args: Mapping[str, Sequence[str]], default_page_size: int) -> SearchRequest:
    """`parse_request` with the site's page size when the URL gives none; the facet values
    together are bounded (`MAX_FILTER_CHARACTERS`), the facet that passes the bound named.
    `sort` is read in any case (`NEWEST`, `Nyeste`), as the command line's --sort and
    `decisions_only=JA` are; the state, and so every link and permalink, has its canonical
    lower-case name."""
    params = {name: list(values) for name, values in args.items()}
    if params.get("sort"):
        params["sort"] = [value.lower() for value in params["sort"]]
    if not params.get("page_size"):
        params["page_size"] = [str(default_page_size)]
    request = parse_request(params)
    used = 0
    for name in FACETS:
        used += sum(len(value) for value in request.filters.get(name, ()))
        if used > MAX_FILTER_CHARACTERS:
            raise InvalidParameter(name, f"Der er valgt for mange filtre på én gang: værdierne må tilsammen højst være "
                                         f"{danish_number(MAX_FILTER_CHARACTERS)} tegn. Fjern nogle af dem.",
                                   "too_many_filter_values")
    return request


# Names people give the search's URL parameters: the command line's (`--limit`, `--case-handler`)
# and Danish words. `kommune=Næstved` or `limit=100` was answered unfiltered, ten hits, without a word.
_PARAMETER_NAMES = {"limit": "page_size", "query": "q", "soeg": "q", "side": "page", "fra": "from", "til": "to",
                    "sortering": "sort", "beslutninger": "decisions_only", "kun_beslutninger": "decisions_only",
                    "decisions": "decisions_only", "per_page": "page_size", "perpage": "page_size",
                    "size": "page_size", "pagesize": "page_size"}
# Names of a count of hits to skip (`offset=10`), which other APIs page by: no page number, so not read as
# one, but said (an API review: `offset=10` answered the first page without a word).
_OFFSET_NAMES = frozenset({"offset", "start", "skip"})


def request_state_without(ignored: Sequence[str]) -> SearchState:
    """The search of the request's parameters but `ignored` ones, which are not read at all, so a bad
    one (`page=abc` in a copied URL) is no error: what a feed or a CSV of a search has no use for."""
    not_utf8 = [name for name in undecodable(request.query_string) if name not in ignored]
    if not_utf8:
        raise encoding_error(not_utf8[0])
    args = {name: values for name, values in request.args.to_dict(flat=False).items() if name not in ignored}
    page_size = int(current_app.config["PAGE_SIZE"])
    return SearchState(parse_args(args, page_size), page_size)


def unknown_parameters(names: Sequence[str]) -> str | None:
    """A Danish notice for URL parameters the search does not read but that name one it does
    (`kommune`, `Municipality`, `case-handler`, `limit`) or a field of the query (`titel`); None
    when there are none. Others (`utm_source`, `fbclid` from a shared link) are ignored silently.

    >>> unknown_parameters(["q", "kommune", "utm_source", "limit"])
    'Parametrene «kommune» (hedder municipality) og «limit» (hedder page_size) kendes ikke og blev ignoreret.'
    >>> unknown_parameters(["titel"]), unknown_parameters(["fbclid", "_"])
    ('Parameteren «titel» kendes ikke og blev ignoreret: skriv titel:… i søgefeltet.', None)

    A count of hits to skip is no page number: named, not read as one.

    >>> unknown_parameters(["offset", "per_page"])
    'Parametrene «per_page» (hedder page_size) og «offset» kendes ikke og blev ignoreret: vælg siden med page (1, 2, 3 …), ikke med et antal hits at springe over.'
    """
    said: list[str] = []
    fields: list[str] = []
    offsets: list[str] = []
    for name in dict.fromkeys(names):
        if name in PARAMETERS:
            continue
        key = fold(name.strip().lower()).replace("-", "_")
        meant = key if key in PARAMETERS else _PARAMETER_NAMES.get(key) or FIELD_ALIASES.get(key)
        if meant in PARAMETERS:
            said.append(f"«{name[:40]}» (hedder {meant})")
        elif meant:  # a field of the query only: title, decision, case number, date, item, attendance
            fields.append(name[:40])
        elif key in _OFFSET_NAMES:
            offsets.append(name[:40])
    if not said and not fields and not offsets:
        return None
    listed = [*said, *(f"«{name}»" for name in [*fields, *offsets])]
    text = (f"{'Parameteren' if len(listed) == 1 else 'Parametrene'} {', '.join(listed[:-1])}"
            f"{' og ' if len(listed) > 1 else ''}{listed[-1]} kendes ikke og blev ignoreret")
    hints = [f"skriv {fields[0].lower()}:… i søgefeltet"] if fields else []
    if offsets:
        hints.append("vælg siden med page (1, 2, 3 …), ikke med et antal hits at springe over")
    return text + (": " + "; ".join(hints) if hints else "") + "."


@dataclass(frozen=True)
class SearchState:
    """A request plus what is needed to write it as a URL (the default page size)."""

    request: SearchRequest
    default_page_size: int

    @property
    def all_values(self) -> str:
        """The facet the page lists with every value (`SearchRequest.all_values`), "" for none."""
        return self.request.all_values

    def params(self, request: SearchRequest | None = None) -> list[tuple[str, str]]:
        """URL parameters of `request` (default: this state), defaults left out."""
        r = request or self.request
        out: list[tuple[str, str]] = [("q", r.query)] if r.query else []
        for name in FACETS:
            out.extend((name, value) for value in r.filters.get(name, ()))
        if r.decisions_only:
            out.append(("decisions_only", "1"))
        if r.date_from:
            out.append(("from", r.date_from))
        if r.date_to:
            out.append(("to", r.date_to))
        if r.sort != "relevance":
            out.append(("sort", r.sort))
        if r.page != 1:
            out.append(("page", str(r.page)))
        if r.page_size != self.default_page_size:
            out.append(("page_size", str(r.page_size)))
        if r.all_values:
            out.append((ALL_VALUES, r.all_values))
        return out

    def url(self, request: SearchRequest | None = None, endpoint: str = "search.index") -> str:
        query = urlencode(self.params(request))
        base = url_for(endpoint)
        return f"{base}?{query}" if query else base

    def url_params(self, request: SearchRequest | None = None) -> dict[str, list[str]]:
        """`params` as `url_for` takes repeated parameters: a list of values per name."""
        out: dict[str, list[str]] = {}
        for name, value in self.params(request):
            out.setdefault(name, []).append(value)
        return out

    def api_url(self, request: SearchRequest | None = None) -> str:
        return self.url(request, endpoint="search.api_search")

    def feed_url(self, external: bool = False) -> str:
        """The search's Atom feed (`/feed`): what is searched and filtered, not the sort or
        page, since a feed lists the newest items."""
        params = {name: values for name, values in self.url_params().items()
                  if name not in ("sort", "page", "page_size", ALL_VALUES)}
        return absolute_url("search.feed", **params) if external else url_for("search.feed", **params)

    def follow_url(self) -> str:
        """The page that explains how to follow the search in a feed reader (`/foelg`): the
        whole state, so its way back returns to these hits; its feed takes what it needs."""
        return self.url(endpoint="search.follow")

    def api_page_links(self, pages: int) -> dict[str, str]:
        """/api/search URLs of the first, previous, next and last page (RFC 8288 rels), as
        far as they exist; a page past the last links to the first and the last."""
        page = self.request.page
        links = {"first": self.api_url(self.request.with_changes(page=1))}
        if 1 < page <= pages:
            links["prev"] = self.api_url(self.request.with_changes(page=page - 1))
        if page < pages:
            links["next"] = self.api_url(self.request.with_changes(page=page + 1))
        links["last"] = self.api_url(self.request.with_changes(page=pages))
        return links

    # Neighbouring states. Any change of what is searched starts again at page 1.
    def _filters_with(self, name: str, values: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        filters = {k: v for k, v in self.request.filters.items() if v}
        if values:
            filters[name] = values
        else:
            filters.pop(name, None)
        return filters

    def selected(self, name: str) -> tuple[str, ...]:
        return tuple(self.request.filters.get(name, ()))

    def is_selected(self, name: str, value: str) -> bool:
        return value_key(value) in {value_key(v) for v in self.selected(name)}

    def with_value(self, name: str, value: str) -> str:
        if self.is_selected(name, value):
            return self.url(self.request.with_changes(page=1))
        values = self.selected(name) + (value,)
        return self.url(self.request.with_changes(filters=self._filters_with(name, values), page=1))

    def without_value(self, name: str, value: str) -> str:
        values = tuple(v for v in self.selected(name) if value_key(v) != value_key(value))
        return self.url(self.request.with_changes(filters=self._filters_with(name, values), page=1))

    def can_add(self, name: str, value: str) -> bool:
        """Whether the page may offer `value` of facet `name` as a filter to add: a search
        takes MAX_FILTER_VALUES of a facet and MAX_FILTER_CHARACTERS of all of them, and a
        link past either led to an error page."""
        if self.is_selected(name, value):
            return True
        used = sum(len(v) for values in self.request.filters.values() for v in values)
        return len(self.selected(name)) < MAX_FILTER_VALUES and used + len(value.strip()) <= MAX_FILTER_CHARACTERS

    def listing_all(self, name: str) -> str:
        """This page with every value of facet `name` listed (its «Vis alle N»), back at the
        facet; on the same page of hits, which do not change."""
        return self.url(self.request.with_changes(all_values=name)) + f"#facet-{name}"

    def listing_fewer(self) -> str:
        """This page with the facets' most frequent values only («Vis færre»), back at the facet."""
        return self.url(self.request.with_changes(all_values="")) + f"#facet-{self.all_values}"

    def without_filters(self) -> str:
        return self.url(self.request.with_changes(filters={}, decisions_only=False, date_from="", date_to="", page=1))

    def with_period(self, date_from: str, date_to: str) -> str:
        return self.url(self.request.with_changes(date_from=date_from, date_to=date_to, page=1))

    def with_decisions_only(self, on: bool) -> str:
        return self.url(self.request.with_changes(decisions_only=on, page=1))

    def with_sort(self, sort: str) -> str:
        return self.url(self.request.with_changes(sort=sort, page=1))

    def with_page(self, page: int) -> str:
        return self.url(self.request.with_changes(page=page))

    def with_query(self, query: str) -> str:
        return self.url(self.request.with_changes(query=query, page=1))

    @property
    def has_filters(self) -> bool:
        r = self.request
        return any(r.filters.values()) or r.decisions_only or bool(r.date_from or r.date_to)


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None marks a gap ("…")
    url: str
    current: bool = False


def pagination(state: SearchState, pages: int, window: int = 2) -> list[PageLink]:
    """Page links around the current page, always with the first and last page."""
    current = state.request.page
    wanted = {1, pages} | set(range(max(1, current - window), min(pages, current + window) + 1))
    links: list[PageLink] = []
    previous = 0
    for number in sorted(wanted):
        if number - previous > 1:
            links.append(PageLink(None, ""))
        links.append(PageLink(number, state.with_page(number), number == current))
        previous = number
    return links


def without_invalid(params: dict[str, list[str]], default_page_size: int) -> SearchRequest:
    """The request of `params` with each parameter the search page would refuse left out (an
    overlong query cut short instead): the most of a copied or hand-edited URL that can be
    searched. `params` is changed; each pass mends one parameter."""
    for _ in range(len(params) + 1):
        try:
            return parse_args(params, default_page_size)
        except InvalidParameter as error:
            if error.code == "query_too_long":
                params["q"] = [(params.get("q") or [""])[-1][:MAX_QUERY_LENGTH]]
            elif error.code == "too_many_filter_values" and (kept := _first_values(params, error.parameter, default_page_size)):
                # a 21st value chosen: the first 20 stay, not none of them
                params[error.parameter] = kept
            elif len(values := params.get(error.parameter or "", [])) > 1:
                # `year=2015&year=abc`: the valid values stay («abc» alone goes)
                params[error.parameter] = [value for value in values if _valid(error.parameter, value, default_page_size)]
                if not params[error.parameter] or params[error.parameter] == values:
                    params.pop(error.parameter, None)
            else:
                params.pop(error.parameter, None)
    return SearchRequest(page_size=default_page_size)  # pragma: no cover (each pass mends one)


def _first_values(params: dict[str, list[str]], name: str, default_page_size: int) -> list[str]:
    """The first values of facet `name` that a search takes along with the other parameters:
    at most MAX_FILTER_VALUES different ones, and within MAX_FILTER_CHARACTERS.

    >>> len(_first_values({"topic": [f"emne {n}" for n in range(25)]}, "topic", 10))
    20
    >>> _first_values({"topic": ["a", "A", "b"] + ["x" * 150] * 7}, "topic", 10)[:3]
    ['a', 'A', 'b']
    """
    keys: set[str] = set()
    kept: list[str] = []
    for value in params.get(name, []):
        key = value_key(value)
        if key and key not in keys:  # blank and repeated values count as none, as the engine reads them
            if len(keys) == MAX_FILTER_VALUES:
                break
            keys.add(key)
        kept.append(value)
    while kept and _too_many(params, name, kept, default_page_size):  # too many characters: the last ones go
        kept.pop()
    return kept


def _too_many(params: dict[str, list[str]], name: str, values: list[str], default_page_size: int) -> bool:
    """Whether `params` with these `values` of facet `name` are too many filter values for the search page."""
    try:
        parse_args({**params, name: values}, default_page_size)
    except InvalidParameter as error:
        return error.code == "too_many_filter_values" and error.parameter == name
    return False


def _valid(name: str, value: str, default_page_size: int) -> bool:
    """Whether the parameter `name` with this one value passes the search page's checks."""
    try:
        parse_args({name: [value]}, default_page_size)
    except InvalidParameter:
        return False
    return True


def opened_from(args: Mapping[str, Sequence[str]], not_utf8: Sequence[str], default_page_size: int) -> SearchState | None:
    """The search a passage or document page was opened from: the search page's parameters,
    which its hits carry along, so that the page's way back (and on, to the neighbouring items)
    returns to the same hits, filters, period, sort and page. A parameter the search page would
    refuse is left out rather than refusing the page; None when there is no search to return to."""
    params = {name: list(values) for name, values in args.items() if name in PARAMETERS and name not in not_utf8}
    state = SearchState(without_invalid(params, default_page_size), default_page_size)
    return state if state.params() else None


def request_search() -> SearchState | None:
    """The search the current request carries in its query string (a hit's link to its item
    does), read as `opened_from` reads it; None when it carries none."""
    page_size = int(current_app.config["PAGE_SIZE"])
    return opened_from(request.args.to_dict(flat=False), undecodable(request.query_string), page_size)


def hidden_fields(state: SearchState) -> list[tuple[str, str]]:
    """State the search form must carry along (filters, sort, page size), not the query itself."""
    return [(k, v) for k, v in state.params() if k not in ("q", "decisions_only", "page")]


def period_fields(state: SearchState) -> list[tuple[str, str]]:
    """State the period form must carry along: everything but the period and the page."""
    return [(k, v) for k, v in state.params() if k not in ("from", "to", "page")]
