"""Clean lines → agenda items (minutes) or sections (annual reports), driven by conventions.

Each step has a module of its own: the contents list first (`indexer.contents`: its entries
name the items, its lines are none of them), then the item headings (`indexer.headings`: a
heading counts only with its anchor), titles printed without numbers where there are no
headings, and untitled items where an item's section sequence starts again
(`indexer.unnumbered`); each item's field lines and sections (`indexer.items`). A document
without agenda items is a report (`indexer.reports`).
"""

from __future__ import annotations

from collections.abc import Sequence

from indexer import conventions as cv
from indexer.contents import find_contents
from indexer.headings import find_item_headings, with_ends
from indexer.items import minutes_item
from indexer.models import Line, Segmented
from indexer.reports import segment_report
from indexer.unnumbered import unnumbered_headings, with_restarts


def segment(lines: Sequence[Line]) -> Segmented:
    """Split a document's clean lines into front matter and items."""
    contents, contents_lines = find_contents(lines)
    headings = find_item_headings(lines, contents, contents_lines)
    split = [h for h in headings if h.split_at]
    if split:
        # A heading found at the end of a longer line (flattened pages): give it its own line.
        lines = _split_lines(lines, {h.index: h.split_at for h in split})
        contents, contents_lines = find_contents(lines)
        headings = find_item_headings(lines, contents, contents_lines)
    if not headings:
        headings = unnumbered_headings(lines, contents, contents_lines)
    if headings:
        headings = with_restarts(lines, headings)
        # The signatures under the last item close the minutes: no part of that item.
        closing = next((k for k in range(headings[-1].body_start, len(lines)) if cv.CLOSING.match(lines[k].text)),
                       len(lines))
        items = tuple(minutes_item(lines, h, end) for h, end in with_ends(headings, closing))
        head = tuple(lines[: headings[0].index])
        return Segmented("minutes", head, items, tuple(contents))
    return segment_report(lines, contents, contents_lines)


def _split_lines(lines: Sequence[Line], cuts: dict[int, int]) -> list[Line]:
    out: list[Line] = []
    for i, line in enumerate(lines):
        if i in cuts:
            text = " ".join(line.text.split())
            out.append(Line(text[: cuts[i]].strip(), line.page, line.number))
            out.append(Line(text[cuts[i]:].strip(), line.page, line.number))
        else:
            out.append(line)
    return out
