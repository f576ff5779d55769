"""Everything that knows Whoosh: Danish analysis, the schema, the index and its queries.

The rest of Referatsøg uses only what is exported here and the plain types of `search.api`.

The exports are imported on first use, not with the package: `python -m search.decompound`
imports this package before it runs the module as `__main__`, and importing `search.index`
here pulled `search.decompound` in first (runpy's RuntimeWarning, and two copies of the module).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = [
    "FACETS",
    "SORTS",
    "FacetValue",
    "Hit",
    "IndexDamaged",
    "IndexLocked",
    "IndexMissing",
    "IndexWriteFailed",
    "IndexWriter",
    "InvalidParameter",
    "SearchError",
    "SearchIndex",
    "SearchRequest",
    "SearchResponse",
    "index_exists",
    "index_outdated",
    "open_index",
    "parse_request",
]
_NOT_FROM_API = {"IndexWriter": "search.index_writer", "SearchIndex": "search.index", "index_exists": "search.index_folder",
                 "index_outdated": "search.index", "open_index": "search.index"}
_HOME: dict[str, str] = {name: _NOT_FROM_API.get(name, "search.api") for name in __all__}

if TYPE_CHECKING:
    from search.api import (FACETS, SORTS, FacetValue, Hit, IndexDamaged, IndexLocked, IndexMissing, IndexWriteFailed,
                            InvalidParameter,
                            SearchError, SearchRequest, SearchResponse, parse_request)
    from search.index import SearchIndex, index_outdated, open_index
    from search.index_folder import index_exists
    from search.index_writer import IndexWriter


def __getattr__(name: str) -> Any:
    """An export, imported from its module the first time it is asked for (PEP 562)."""
    if name not in _HOME:
        raise AttributeError(f"module 'search' has no attribute {name!r}")
    value = getattr(import_module(_HOME[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})
