"""Referatsøg's web UI: a Flask application factory with one blueprint per area.

`create_app(config)` wires config (see `webui.config`), the shared search index
(`webui.index`, with the `/healthz` status), the search and passage blueprints, Danish
error pages and security headers. Serve it with `webui.serve.serve` (waitress), never
Flask's debug server.

Every URL the site writes (links, `Link` headers, JSON permalinks, static files) comes
from `url_for`, so it follows the WSGI `SCRIPT_NAME`: under a path prefix such as
`https://example.dk/referatsog/` the links carry the prefix. Behind a reverse proxy,
`TRUSTED_PROXIES` (`REFERATSOG_TRUSTED_PROXIES`, 0 by default) says how many proxies'
`X-Forwarded-For/-Proto/-Host/-Port/-Prefix` headers to believe (werkzeug's `ProxyFix`);
with 0 they are ignored, since any client can send them. Absolute links (the feed, a
citation's addresses) come from `webui.state.absolute_url`: on `BASE_URL`
(`REFERATSOG_BASE_URL`) when set, not on the client's `Host` header.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

from indexer.outcome import decision_label, shown_in_part
from search.highlight import excerpt

from . import formatting, index
from .config import load_config
from .errors import register_error_handlers
from .facets import doc_type_label

# Nothing is loaded from another host: the product must work offline and leak no searches.
CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",  # no interest-cohort: browsers dropped FLoC and warn about it
}


API_CORS_HEADERS = {"Access-Control-Allow-Origin": "*",
                    "Access-Control-Expose-Headers": "Link, ETag, Retry-After, Content-Language, X-Referatsog-Truncated, X-Referatsog-Approximate"}
API_PREFLIGHT_HEADERS = {"Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
                         "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
                         "Access-Control-Max-Age": "86400"}


def create_app(config: Mapping[str, Any] | None = None, instance_path: str | None = None) -> Flask:
    """Build the app; `config` (e.g. INDEX_DIR, CORPUS_DIR, TESTING) overrides everything else.

    `instance_path` replaces Flask's default instance folder (where `config.py` may live).
    """
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    load_config(app, config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # Danish letters as themselves
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep the engine's field order
    # "/passage//id" would be answered by Werkzeug's own redirect page, in English (and HTML
    # under /api/): without merging, such a URL is simply not found, in Danish.
    app.url_map.merge_slashes = False

    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies,  # type: ignore[method-assign]
                                x_port=proxies, x_prefix=proxies)

    index.init_app(app)
    register_error_handlers(app)
    _register_template_helpers(app)

    from . import exports, passage_views, search_views

    app.register_blueprint(search_views.bp)
    app.register_blueprint(exports.bp)
    app.register_blueprint(passage_views.bp)
    app.register_blueprint(index.bp)

    @app.after_request
    def security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            # Built-in PDF viewers may refuse to render under a page CSP; a PDF runs none of our code.
            if name == "Content-Security-Policy" and response.mimetype == "application/pdf":
                continue
            response.headers.setdefault(name, value)
        if request.path == "/api" or request.path.startswith("/api/"):
            # A public, read-only API without cookies or logins: a newsroom's page on another host
            # may call it from the browser, read the paging Link and revalidate with the ETag.
            response.headers.update(API_CORS_HEADERS)
            if request.method == "OPTIONS":  # a preflight (a request that sends If-None-Match)
                response.headers.update(API_PREFLIGHT_HEADERS)
        if _not_for_search_engines():
            response.headers.setdefault("X-Robots-Tag", "noindex")
        if response.status_code >= 400:
            # An error says how things stood at that moment (an index being built, an id from an
            # older commit): a browser or proxy must not keep answering with it.
            response.headers["Cache-Control"] = "no-store"
        return response

    return app


# Pages a search engine should not list (`robots.txt` asks crawlers not to fetch them too): a
# search's results, a person's name or case typed into the query, become pages of their own in a
# search engine when a link to them is crawled (a privacy review); the API, the feeds and the
# "Følg" page answer searches as well. Items, documents, the front page and help are public records.
_SEARCH_PATHS = ("/feed", "/foelg")


def _not_for_search_engines() -> bool:
    path = request.path
    return (path == "/api" or path.startswith("/api/") or path in _SEARCH_PATHS
            or (path == "/" and bool(request.args)))


def _register_template_helpers(app: Flask) -> None:
    app.add_template_filter(formatting.snippet_html, "snippet_html")
    app.add_template_filter(formatting.long_date, "long_date")
    app.add_template_filter(formatting.added_day, "added_day")
    app.add_template_filter(formatting.shown_text, "shown_text")
    app.add_template_filter(formatting.danish_date, "short_date")
    app.add_template_filter(formatting.count_label, "count_label")
    app.add_template_filter(formatting.danish_number, "number")
    app.add_template_filter(formatting.municipality_name, "municipality_name")
    app.add_template_global(formatting.person_query, "person_query")
    app.add_template_global(formatting.people_shown, "people_shown")
    app.add_template_filter(formatting.section_label, "section_label")
    app.add_template_filter(doc_type_label, "doc_type_label")
    app.add_template_filter(decision_label, "decision_label")  # «Beslutning (udsat)»: one rule for every view
    app.add_template_filter(shown_in_part, "shown_in_part")  # its «uddrag»: a decision shown in part
    # a decision preview compacted as the hit list's is (`Hit.decision`): no blank lines of the source
    app.add_template_filter(excerpt, "excerpt")
