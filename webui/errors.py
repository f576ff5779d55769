"""Errors as users see them: Danish pages for people, JSON for `/api/`, never a traceback.

Every error carries an HTTP status, a machine-readable `code` and a Danish `message`;
the handler picks HTML, JSON or (for the feed) plain text by where the request went.
`json_response` is the one way `/api/` answers, errors included: UTF-8 said in the content
type, and a successful answer carries an ETag a client can revalidate with (`If-None-Match`
gives 304).
"""

from __future__ import annotations

import re

from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask, Response, current_app, make_response, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from search.api import IndexDamaged, IndexLocked, IndexMissing, InvalidParameter

from .state import request_search


class PageError(Exception):
    """An error a view raises on purpose, e.g. an unknown passage id."""

    def __init__(self, status: int, code: str, message: str, parameter: str | None = None, *,
                 details: Mapping[str, Any] | None = None, headers: Mapping[str, str] | None = None,
                 page_links: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.parameter = parameter
        self.details = dict(details or {})  # more fields of the JSON body, e.g. how many pages there are
        self.headers = dict(headers or {})
        self.page_links = page_links  # (text, URL) ways on that the HTML page offers, e.g. a cut link's document


# Danish texts for errors Werkzeug raises before our views run.
HTTP_MESSAGES = {
    400: ("bad_request", "Forespørgslen kunne ikke forstås."),
    404: ("not_found", "Siden findes ikke. Måske er adressen skrevet forkert, eller siden er flyttet."),
    405: ("method_not_allowed", "Den metode er ikke tilladt her."),
    416: ("range_not_satisfiable", "Den ønskede del af filen findes ikke; hent hele filen."),
}
INTERNAL = PageError(500, "internal_error", "Der skete en fejl på serveren. Prøv igen om lidt.")
TITLES = {302: "Adressen er afkortet", 400: "Ugyldig forespørgsel", 404: "Ikke fundet", 405: "Ikke tilladt",
          500: "Serverfejl", 503: "Søgningen er ikke klar"}


JSON_TYPE = "application/json; charset=utf-8"

# `referatsog serve` building the index while its workers answer (`mark_index_building`).
BUILDING_KEY = "referatsog.index_building"
BUILD_RETRY_SECONDS = 10  # Retry-After of a 503 while the index is being built
BUILDING_MESSAGE = "Søgeindekset bliver bygget lige nu. Prøv igen om lidt."


def mark_index_building(app: Flask, under_way: Callable[[], bool]) -> None:
    """Tell `app` that its index is being built while `under_way()` says so (`referatsog serve`
    on a first start): its 503 then says so and when to ask again, and the log does not tell the
    administrator to build an index that is already being built."""
    app.extensions[BUILDING_KEY] = under_way


def index_building() -> bool:
    """Whether the app's index is being built right now (see `mark_index_building`)."""
    under_way = current_app.extensions.get(BUILDING_KEY)
    return bool(under_way is not None and under_way())


def wants_json() -> bool:
    """Errors under `/api/` and of the status check (`/healthz`) are JSON, others HTML pages."""
    return request.path in ("/api", "/healthz") or request.path.startswith("/api/")


# The Atom feed's address is given to feed readers, which read neither an HTML error page nor
# the API's JSON: its errors are a few lines of plain text, in Danish, with the API's code.
FEED_PATH = "/feed"


def wants_text() -> bool:
    """Errors of the feed (`/feed`) are plain text."""
    return request.path == FEED_PATH


def text_error(error: PageError) -> str:
    """An error as the feed answers it: the page's title and message, then the API's code.

    Ugyldig forespørgsel
    Fra-datoen «igår» er ikke en dato. …
    Fejlkode: invalid_date (parameter: from)
    """
    code = f"Fejlkode: {error.code}" + (f" (parameter: {error.parameter})" if error.parameter else "")
    return f"{TITLES.get(error.status, 'Fejl')}\n{error.message}\n{code}\n"


def json_response(body: Any, status: int = 200, links: Mapping[str, str] | None = None) -> Response:
    """`body` as an `/api/` answer. `links` (rel -> URL) become one `Link` header (RFC 8288).

    A 200 answer gets an ETag of its bytes and `Cache-Control: no-cache`: a client may keep
    it, asks again before using it, and gets 304 without a body while the index gives the
    same answer. The answer follows the index, so no time-based caching.
    """
    response = current_app.json.response(body)
    response.status_code = status
    response.headers["Content-Type"] = JSON_TYPE
    if links:
        response.headers["Link"] = link_header(links)
    if status == 200 and request.method in ("GET", "HEAD"):  # an OPTIONS answer is not a resource's
        response.headers["Cache-Control"] = "no-cache"
        response.add_etag()
        response.make_conditional(request)
    return response


def link_header(links: Mapping[str, str]) -> str:
    """A `Link` header of rel -> URL; `alternate` is the HTML twin.

    >>> link_header({"alternate": "/?q=x", "next": "/api/search?q=x&page=2"})
    '</?q=x>; rel="alternate"; type="text/html", </api/search?q=x&page=2>; rel="next"'
    """
    return ", ".join(f'<{url}>; rel="{rel}"' + ('; type="text/html"' if rel == "alternate" else "")
                     for rel, url in links.items())


_PAGE_PATH = re.compile(r"(?<!/api)/(passage|document)/")


def _json_twin(url: str) -> str:
    """The API's URL of an item or document page's URL (under any path prefix); others as they are.

    >>> _json_twin("/passage/a-15"), _json_twin("/app/document/a"), _json_twin("/api/passage/a-15"), _json_twin("/")
    ('/api/passage/a-15', '/app/api/document/a', '/api/passage/a-15', '/')
    """
    return _PAGE_PATH.sub(r"/api/\1/", url, count=1)


def error_response(error: PageError) -> Response:
    if wants_json():
        body: dict[str, Any] = {"status": error.status, "code": error.code, "message": error.message}
        if error.parameter:
            body["parameter"] = error.parameter
        body.update(error.details)
        if error.page_links:  # the ways on the HTML page offers (a cut link's items and document), as JSON
            body["see_also"] = [{"text": text, "url": _json_twin(url)} for text, url in error.page_links]
        response = json_response(body, error.status)
    elif wants_text():
        response = make_response(text_error(error), error.status)
        response.mimetype = "text/plain"
    else:
        title = TITLES.get(error.status, "Fejl")
        response = make_response(render_template("errors/error.html", error=error, title=title,
                                                 search_url=search_url()))
        response.status_code = error.status
    response.headers.update(error.headers)
    return response


def json_options() -> Response | None:
    """OPTIONS under `/api/` (and `/healthz`) as JSON, like every other answer there: the
    methods the URL answers, in the body and in `Allow`. Elsewhere Flask's own (empty) answer.
    An unknown URL is left to routing, so it stays a JSON 404."""
    if request.method != "OPTIONS" or not wants_json() or request.routing_exception is not None:
        return None
    rule = request.url_rule
    if rule is None or not getattr(rule, "provide_automatic_options", False):
        return None
    allowed = sorted(current_app.make_default_options_response().allow)
    response = json_response({"status": 200, "allow": allowed})
    response.headers["Allow"] = ", ".join(allowed)
    return response


def search_url() -> str:
    """Where an error page's "Gå til søgningen" leads: back to the search the request carried
    (an item opened from a hit whose id is gone, a search while the index is being built),
    else the empty search page."""
    try:
        state = request_search()
    except Exception:  # noqa: BLE001 (an error page must render whatever the query string holds)
        current_app.logger.exception("Søgningen på %s kunne ikke læses til fejlsiden", request.path)
        state = None
    return state.url() if state else url_for("search.index")


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(PageError, error_response)
    app.before_request(json_options)

    @app.errorhandler(InvalidParameter)
    def invalid_parameter(error: InvalidParameter):
        return error_response(PageError(400, error.code, error.message, error.parameter))

    @app.errorhandler(IndexMissing)
    def index_missing(error: IndexMissing):
        if index_building():  # serve's first build: nothing to do but wait, for visitors and the log
            return error_response(PageError(503, "index_missing", BUILDING_MESSAGE, headers=_retry_later()))
        # Visitors read this, and an administrator opening a new site; the error's own line,
        # which names the folder, goes to the log, once per message: a long build is polled often.
        logged = current_app.extensions.setdefault("referatsog.missing_logged", set())
        if str(error) not in logged:
            logged.add(str(error))
            current_app.logger.warning("%s", error)
        if isinstance(error, IndexDamaged):  # a plain «referatsog index» refuses it: only --full rebuilds it
            return error_response(PageError(
                503, "index_missing",
                "Søgeindekset er ikke klar: det er beskadiget. Prøv igen senere. "
                "(Til administratoren: byg det forfra med «referatsog index --full».)"))
        return error_response(PageError(
            503, "index_missing",
            "Søgeindekset er ikke klar: det bliver bygget eller mangler. Prøv igen om lidt. "
            "(Til administratoren: byg det med «referatsog index».)"))

    @app.errorhandler(IndexLocked)
    def index_locked(error: IndexLocked):
        return error_response(PageError(503, "index_locked", BUILDING_MESSAGE, headers=_retry_later()))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        if status == 404 and (moved := _without_trailing_slash()) is not None:
            return moved
        code, message = HTTP_MESSAGES.get(status, ("http_error", "Forespørgslen kunne ikke gennemføres."))
        response = error_response(PageError(status, code, message))
        for name, value in error.get_headers():
            # What the client must know to ask again: the methods allowed, a file's length.
            if name in ("Allow", "Content-Range"):
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("Uventet fejl ved %s %s", request.method, request.full_path.rstrip("?"))
        return error_response(INTERNAL)


def _without_trailing_slash() -> Response | None:
    """A 301 to the address without its trailing slash when that is a page (`/passage/<id>/`: a
    pasted permalink picks one up); None otherwise, and for the API, whose clients are told
    their address is wrong (a JSON 404), not sent on."""
    path = request.path
    if len(path) < 2 or not path.endswith("/") or request.method not in ("GET", "HEAD") or wants_json():
        return None
    bare = path.rstrip("/")
    try:
        current_app.url_map.bind_to_environ(request.environ).match(bare, method="GET")
    except HTTPException:
        return None
    query = request.query_string.decode("latin-1")
    location = request.script_root + bare + (f"?{query}" if query else "")
    response = make_response("", 301)
    response.headers["Location"] = location
    return response


def _retry_later() -> dict[str, str]:
    """When a client (a browser, a proxy's health check) may ask again while the index is built."""
    return {"Retry-After": str(BUILD_RETRY_SECONDS)}
