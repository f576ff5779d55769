"""The access log: one line per request, in the combined log format (as nginx and Apache
write it) plus the milliseconds the app took, on the `referatsog.access` logger:

10.0.0.7 - - [03/Dec/2026:11:09:56 +0000] "GET /?q=bolig HTTP/1.1" 200 18631 "-" "curl/8.5" 12ms

`AccessLog` writes the line of every request the app answers, except a status check
(`/healthz`, `/api/status`) answered 200: a load balancer polling every few seconds filled
the log with thousands of identical lines a day that hid the searches; a check answered
otherwise (503 while no index is built) keeps its line. `log_refusal` writes the line of a
request that waitress refuses before the app sees it (`webui.refusals`: a body or headers
too large, a malformed request), so that those, too, leave their line.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import quote

from .index import STATUS_PATHS

ACCESS_LOGGER = "referatsog.access"
# Characters of a request's target kept in its line (a 431's is 256 KB; a query string the app
# answers may be as long: `?q=integration&junk=` and 250,000 letters wrote a line of 250 KB, so
# a client could fill the disk at the cost of its requests), and of its Referer and User-Agent.
TARGET_KEPT = 1000
MAX_HEADER_FIELD = 500


class AccessLog:
    """WSGI middleware: one line per request on the `referatsog.access` logger (see above).

    The client address is the proxy's unless the app trusts it (`REFERATSOG_TRUSTED_PROXIES`),
    whose `ProxyFix` puts the client's in the environment. Bytes are the `Content-Length`.
    """

    def __init__(self, app: Callable[..., Iterable[bytes]], logger: logging.Logger | None = None) -> None:
        self.app = app
        self.logger = logger or logging.getLogger(ACCESS_LOGGER)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        started = time.perf_counter()
        seen: dict[str, Any] = {"status": "500", "length": "-"}

        def recording_start_response(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
            seen["status"] = status.split(" ", 1)[0]
            seen["length"] = next((v for k, v in headers if k.lower() == "content-length"), "-")
            return start_response(status, headers, *args)

        try:
            return self.app(environ, recording_start_response)
        finally:
            self._log(environ, seen, time.perf_counter() - started)

    def _log(self, environ: dict[str, Any], seen: dict[str, Any], seconds: float) -> None:
        if seen["status"] == "200" and environ.get("PATH_INFO", "") in STATUS_PATHS:
            return
        path = (environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")).encode("latin-1", "replace")
        query = environ.get("QUERY_STRING")
        _line(self.logger, environ.get("REMOTE_ADDR") or "-", environ.get("REQUEST_METHOD", "-"),
              quote(path, safe="/:@!$&'()*+,;=~%") + (f"?{query}" if query else ""), environ.get("SERVER_PROTOCOL", "-"),
              seen["status"], seen["length"], environ.get("HTTP_REFERER", "-"), environ.get("HTTP_USER_AGENT", "-"),
              seconds)


def log_refusal(remote: str, first_line: str, headers: dict[str, str], status: int, length: int) -> None:
    """The line of a request waitress refused itself: what it read of the request line
    (`first_line`; the target is cut at `TARGET_KEPT` characters, as every line's is) and of the headers."""
    logger = logging.getLogger(ACCESS_LOGGER)
    parts = first_line.split(" ")
    method, target, protocol = (parts + ["-", "-", "-"])[:3] if first_line else ("-", "-", "-")
    _line(logger, remote or "-", method, target, protocol, str(status), str(length),
          headers.get("REFERER", "-"), headers.get("USER_AGENT", "-"), 0.0)


def _line(logger: logging.Logger, remote: str, method: str, target: str, protocol: str, status: str, length: str,
          referer: str, agent: str, seconds: float) -> None:
    if not logger.isEnabledFor(logging.INFO):
        return
    target, referer, agent = _cut(target, TARGET_KEPT), _cut(referer, MAX_HEADER_FIELD), _cut(agent, MAX_HEADER_FIELD)
    when = time.strftime("%d/%b/%Y:%H:%M:%S %z", time.localtime())
    logger.info('%s - - [%s] "%s %s %s" %s %s "%s" "%s" %dms', _quoted(remote), when, _quoted(method), _quoted(target),
                _quoted(protocol), status, length, _quoted(referer), _quoted(agent), round(seconds * 1000))


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _quoted(text: str) -> str:
    """A request's text as one log field: no quotes, spaces or control characters to forge lines with."""
    return "".join(c if c.isprintable() and c not in ' "\\' else f"\\x{ord(c):02x}" for c in text)
