"""Errors as users see them: Danish pages for people, JSON for `/api/`, never a traceback.

Every error carries an HTTP status, a machine-readable `code` and a Danish `message`;
the handler picks HTML or JSON by where the request went.
"""

from __future__ import annotations

from flask import Flask, Response, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from search.api import IndexLocked, IndexMissing, InvalidParameter


class PageError(Exception):
    """An error a view raises on purpose, e.g. an unknown passage id."""

    def __init__(self, status: int, code: str, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.parameter = parameter


# Danish texts for errors Werkzeug raises before our views run.
HTTP_MESSAGES = {
    400: ("bad_request", "Forespørgslen kunne ikke forstås."),
    404: ("not_found", "Siden findes ikke. Måske er adressen skrevet forkert, eller siden er flyttet."),
    405: ("method_not_allowed", "Den metode er ikke tilladt her."),
}
INTERNAL = PageError(500, "internal_error", "Der skete en fejl på serveren. Prøv igen om lidt.")
TITLES = {400: "Ugyldig forespørgsel", 404: "Ikke fundet", 405: "Ikke tilladt",
          500: "Serverfejl", 503: "Søgningen er ikke klar"}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(error: PageError) -> Response:
    if wants_json():
        body = {"status": error.status, "code": error.code, "message": error.message}
        if error.parameter:
            body["parameter"] = error.parameter
        response = jsonify(body)
    else:
        title = TITLES.get(error.status, "Fejl")
        response = make_response(render_template("errors/error.html", error=error, title=title))
    response.status_code = error.status
    return response


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(PageError, error_response)

    @app.errorhandler(InvalidParameter)
    def invalid_parameter(error: InvalidParameter):
        return error_response(PageError(400, error.code, error.message, error.parameter))

    @app.errorhandler(IndexMissing)
    def index_missing(error: IndexMissing):
        return error_response(PageError(
            503, "index_missing",
            "Der er ikke bygget noget søgeindeks endnu. Kør «referatsog index» og prøv igen."))

    @app.errorhandler(IndexLocked)
    def index_locked(error: IndexLocked):
        return error_response(PageError(
            503, "index_locked", "Søgeindekset bliver bygget lige nu. Prøv igen om lidt."))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        code, message = HTTP_MESSAGES.get(status, ("http_error", "Forespørgslen kunne ikke gennemføres."))
        response = error_response(PageError(status, code, message))
        for name, value in error.get_headers():
            if name == "Allow":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("Unhandled error on %s", request.path)
        return error_response(INTERNAL)
