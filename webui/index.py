"""The search index as an app resource: opened once, shared by all request threads.

Opening a Whoosh searcher per request is slow (issue 6), so the app keeps one
`SearchIndex` and asks it to `refresh()` at most every `INDEX_REFRESH_SECONDS`; the
engine makes refresh cheap and swaps in a new searcher only when the index changed, so
an administrator's reindex shows up without a restart and searches keep answering.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask, current_app

if TYPE_CHECKING:
    from search import SearchIndex

EXTENSION_KEY = "referatsog.index"


class IndexResource:
    """Lazily opens the index (so the site can start before one exists) and refreshes it."""

    def __init__(self, index_dir: Path, refresh_seconds: float) -> None:
        self.index_dir = index_dir
        self.refresh_seconds = refresh_seconds
        self._index: SearchIndex | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def get(self) -> SearchIndex:
        """The shared index, refreshed when due; raises `IndexMissing` if there is none yet."""
        now = time.monotonic()
        index = self._index
        if index is not None and now - self._checked < self.refresh_seconds:
            return index
        with self._lock:
            if self._index is None:
                from search import open_index

                self._index = open_index(self.index_dir)
            elif now - self._checked >= self.refresh_seconds:
                self._index.refresh()
            self._checked = time.monotonic()
            return self._index


def init_app(app: Flask) -> None:
    """Attach one `IndexResource` to the app; views reach it through `get_index()`."""
    app.extensions[EXTENSION_KEY] = IndexResource(
        Path(app.config["INDEX_DIR"]).expanduser(), float(app.config["INDEX_REFRESH_SECONDS"])
    )


def get_index() -> SearchIndex:
    resource: IndexResource = current_app.extensions[EXTENSION_KEY]
    return resource.get()
