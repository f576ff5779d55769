"""The site's addresses of an agenda item, as plain paths: what a search hit links to.

One place for the URL layout of items, documents and source files that both the web API and
`referatsog search --json` write into each hit, so the two stay equal (the CLI, which knows no
site, writes them from the site's root; the API prefixes the path it is served under). The
Flask routes in `webui.passage_views` serve exactly these paths (a test holds them together).
No Flask import: the CLI uses this without building an app.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote


def item_links(passage_id: str, document_id: str, page: int | None, decision_page: int | None,
               root: str = "") -> dict[str, str]:
    """The links of an agenda item: its page and JSON, its document's, its source file (at the
    page where it starts, for a PDF) and what a citation links (at its decision's page).

    >>> item_links("a-1-budget", "a", 3, 4, root="/referatsog")["cited_source"]
    '/referatsog/source/a#page=4'
    """
    item, document = quote(passage_id, safe=""), quote(document_id, safe="")
    source = f"{root}/source/{document}"
    cited = decision_page or page
    return {
        "html": f"{root}/passage/{item}",
        "json": f"{root}/api/passage/{item}",
        "document": f"{root}/document/{document}",
        "document_json": f"{root}/api/document/{document}",
        "source": f"{source}#page={page}" if page else source,
        "cited_source": f"{source}#page={cited}" if cited else source,
    }


def with_hit_links(body: dict[str, Any], root: str = "") -> dict[str, Any]:
    """A search answer's JSON (`SearchResponse.to_json`) with each hit's `links`, in place."""
    for hit in body.get("hits", ()):
        hit["links"] = item_links(hit["id"], hit["document_id"], hit["page"], hit["decision_page"], root)
    return body
