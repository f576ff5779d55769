"""The search index as an app resource: opened once, shared by all request threads.

Opening a Whoosh index per request is slow (issue 6), so the app keeps one `SearchIndex`.
The engine gives each thread its own long-lived searcher and refreshes it cheaply when a
newer commit exists (its commits are transactional), so an administrator's reindex shows
up on the next request without a restart, and searches keep answering during a reindex.
The index is opened lazily, so the site can start (and explain) before one exists.
`referatsog serve` also keeps it warm (`start_warming`): what all searches of a new commit
share is built in the background, not by the first visitor's search.

`/healthz` (also `/api/status`) is for load balancers and monitoring: a small JSON answer,
200 with the index's generation, passages, documents, last commit time and whether this
release built it (`built_by_this_release`: false after an upgrade until a reindex) while the site
can search, 503 (`index_missing`) while it cannot. It reads counts the engine keeps per
generation and runs no search; it names no server path.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Blueprint, Flask, Response, current_app

from search.api import IndexDamaged, IndexMissing

if TYPE_CHECKING:
    from search import SearchIndex

EXTENSION_KEY = "referatsog.index"
STATUS_PATHS = ("/healthz", "/api/status")

bp = Blueprint("status", __name__)


class IndexResource:
    """Opens the index on first use; until one exists, every use raises `IndexMissing`."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()

    def get(self) -> SearchIndex:
        index = self._index
        if index is None:
            with self._lock:
                if self._index is None:
                    from search import open_index

                    self._index = open_index(self.index_dir)
                index = self._index
        return index

    def close(self) -> None:
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None


WARM_INTERVAL = 2.0  # seconds between two looks for a new commit


def start_warming(app: Flask, interval: float = WARM_INTERVAL) -> threading.Event:
    """Keep the app's index warm from a daemon thread: whenever a new commit appears, build
    what its searches share (`SearchIndex.warm_up`) before a visitor's search has to (1M
    passages: 2–3 s after every reindex), then choose the help page's examples of that commit
    (`help_examples`: some 60 searches, once per commit). Set the returned event to stop."""
    from .first_build import stamp_warning
    from .help_examples import help_examples

    resource: IndexResource = app.extensions[EXTENSION_KEY]
    stop = threading.Event()

    def run() -> None:
        reported = None
        commit = None
        while not stop.is_set():
            try:
                resource.get().warm_up()
                help_examples(resource.get)  # kept per commit: one look-up when nothing changed
                reported = None
                stats = resource.get().stats()
                if stats["commit"] != commit:  # a commit by another release (an upgrade or a downgrade
                    # run beside the site, a folder swapped in) changed the answers without a word in the log
                    if commit is not None and (warning := stamp_warning(stats["build_stamp"], resource.index_dir)):
                        logging.getLogger("referatsog").warning(warning.removeprefix("Advarsel: "))
                    commit = stats["commit"]
            except Exception as exc:  # noqa: BLE001 (no index yet, or a reindex in the way: try again)
                message = f"Søgeindekset kunne ikke forberedes ({type(exc).__name__}: {exc}); prøver igen."
                # no index yet is said by the 503 itself; a damaged one is the administrator's to mend
                if message != reported and (not isinstance(exc, IndexMissing) or isinstance(exc, IndexDamaged)):
                    logging.getLogger("referatsog").warning(message)
                reported = message
            stop.wait(interval)

    threading.Thread(target=run, name="index-warming", daemon=True).start()
    return stop


def init_app(app: Flask) -> None:
    """Attach one `IndexResource` to the app; views reach it through `get_index()`."""
    app.extensions[EXTENSION_KEY] = IndexResource(Path(app.config["INDEX_DIR"]).expanduser())


def get_index() -> SearchIndex:
    resource: IndexResource = current_app.extensions[EXTENSION_KEY]
    return resource.get()


@bp.get(STATUS_PATHS[0])
@bp.get(STATUS_PATHS[1])
def status() -> Response:
    """Whether the site can search, and which commit it searches (see the module docstring)."""
    from .errors import json_response

    from indexer.update import read_as_this_release

    from .first_build import built_by_newer_release

    stats = get_index().stats()  # IndexMissing: the error handlers answer 503 index_missing
    body = {"status": 200, "ready": True, "generation": stats["generation"], "passages": stats["passages"],
            "documents": stats["documents"], "last_commit": stats["last_commit"],
            # false after an upgrade until `referatsog index` has rebuilt: a monitor can tell
            "built_by_this_release": read_as_this_release(stats["build_stamp"]),
            # true when the new release rebuilt it and this site still runs the old one: restart it
            "index_newer_than_this_release": built_by_newer_release(stats["build_stamp"])}
    response = json_response(body)
    response.headers["Cache-Control"] = "no-store"
    return response
