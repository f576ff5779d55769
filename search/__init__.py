"""Everything that knows Whoosh: Danish analysis, the schema, the index and its queries.

The rest of Referatsøg uses only what is exported here and the plain types of `search.api`.
"""

from search.api import (
    FACETS,
    SORTS,
    FacetValue,
    Hit,
    IndexLocked,
    IndexMissing,
    IndexWriteFailed,
    InvalidParameter,
    SearchError,
    SearchRequest,
    SearchResponse,
    parse_request,
)
from search.index import IndexWriter, SearchIndex, index_exists, index_outdated, open_index

__all__ = [
    "FACETS",
    "SORTS",
    "FacetValue",
    "Hit",
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
