"""The search page `/` and its JSON twin `/api/search`: same parameters, same engine call."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from search.api import MAX_QUERY_LENGTH, SORT_LABELS, SORTS, InvalidParameter, SearchRequest, SearchResponse

from .facets import Chip, chips, facet_groups
from .index import get_index
from .state import SearchState, hidden_fields, pagination, parse_args

bp = Blueprint("search", __name__)


def current_state() -> SearchState:
    """The page state from the URL; raises `InvalidParameter` (Danish message) when bad."""
    page_size = int(current_app.config["PAGE_SIZE"])
    return SearchState(parse_args(request.args.to_dict(flat=False), page_size), page_size)


def run_search(state: SearchState) -> SearchResponse:
    return get_index().search(state.request)


@bp.get("/")
def index() -> Response | tuple[str, int] | str:
    """The search page. A bad parameter re-renders the page with a Danish explanation."""
    try:
        state = current_state()
    except InvalidParameter as error:
        page_size = int(current_app.config["PAGE_SIZE"])
        query = request.args.get("q", "")[:MAX_QUERY_LENGTH]
        state = SearchState(SearchRequest(query=query, page_size=page_size), page_size)
        return render_template("search/index.html", state=state, response=None, error=error,
                               hidden=[]), 400
    response = run_search(state)
    r = state.request
    first = (r.page - 1) * r.page_size + 1
    return render_template(
        "search/index.html",
        state=state,
        response=response,
        error=None,
        hidden=hidden_fields(state),
        groups=facet_groups(response.facets, state),
        chips=active_chips(state),
        sorts=[(key, SORT_LABELS[key], state.with_sort(key)) for key in SORTS],
        pages=pagination(state, response.pages),
        first=first,
        last=first + len(response.hits) - 1,
    )


def active_chips(state: SearchState) -> list[Chip]:
    """Facet values, then the decisions-only switch: every active filter can be removed in one click."""
    found = chips(state)
    if state.request.decisions_only:
        found.append(Chip("", "Kun beslutninger", state.with_decisions_only(False)))
    return found


@bp.get("/api/search")
def api_search() -> Response:
    """`SearchResponse.to_json()`, exactly what `referatsog search --json` prints."""
    state = current_state()
    response = jsonify(run_search(state).to_json())
    response.headers["Link"] = f'<{state.url()}>; rel="alternate"; type="text/html"'
    return response
