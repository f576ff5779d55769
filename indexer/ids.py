"""Document and passage ids: readable slugs of a file's path, and of each item's number and
title within its document."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from pathlib import PurePosixPath


def passage_ids(document_id: str, items: Sequence[tuple[int | None, str]]) -> list[str]:
    """Each item's id: its document's, then its number and the start of its title as a slug.

    An id names the item, not its place: a link or citation keeps pointing at the same item
    when the minutes are reindexed with an item added, removed or moved (a place-numbered id
    silently moved to the neighbouring item), and a retitled item gets a new id (the reindex
    that sees the retitling records old -> new, search.moved, and the old link redirects;
    an item it cannot pair with certainty says it is gone rather than show another item). Equal names in one document (item 16
    printed twice) get -2, -3, ….

    >>> passage_ids("referat-0785a4", [(15, "Modtagelse af flygtninge"), (None, "Forord"), (None, "Forord")])
    ['referat-0785a4-15-modtagelse-af-flygtninge', 'referat-0785a4-forord', 'referat-0785a4-forord-2']
    """
    ids: list[str] = []
    taken: set[str] = set()
    for number, title in items:
        name = _slug(title)
        if len(name) > PASSAGE_SLUG:  # cut at a word
            name = name[:PASSAGE_SLUG + 1].rsplit("-", 1)[0]
        parts = [str(number) if number is not None else "", name or "uden-titel"]
        base = f"{document_id}-" + "-".join(part for part in parts if part)
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        ids.append(candidate)
    return ids


def document_id_of(source: str) -> str:
    """Readable and unique: the file name as a slug plus a short hash of the whole source path.

    The slug reads the name in NFC: macOS writes «å» in a file name as «a» and a combining ring
    (NFD), which slugged as «a» («integrationsradet»). The hash is of the path as it is: on Linux
    the NFD and NFC spellings are two files (a folder copied from a Mac beside a copy saved
    again), and one id for both mixed two meetings on one document page.

    >>> document_id_of("integrationsra\u030adet/referat.txt")[:-6], document_id_of("integrationsr\u00e5det/referat.txt")[:-6]
    ('integrationsraadet-referat-', 'integrationsraadet-referat-')
    >>> document_id_of("integrationsra\u030adet/referat.txt") != document_id_of("integrationsr\u00e5det/referat.txt")
    True
    """
    stem = PurePosixPath(unicodedata.normalize("NFC", source)).with_suffix("").as_posix()
    digest = hashlib.sha1(source.encode("utf-8", "surrogateescape")).hexdigest()[:6]
    return f"{_slug(stem)[:60].strip('-')}-{digest}"


# Characters of a title in its passage's id (cut at a word).
PASSAGE_SLUG = 40
_DANISH_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def _slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by single hyphens: `Modtagelse af flygtninge`
    → `modtagelse-af-flygtninge` (æ, ø, å as ae, oe, aa; other letters without accents)."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text).lower().translate(_DANISH_ASCII))
    return re.sub(r"[^a-z0-9]+", "-", folded.encode("ascii", "ignore").decode("ascii")).strip("-")
