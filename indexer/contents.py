"""A document's contents list: its entries (number, title) and the lines it covers.

The entries name the items (a line repeating one is a heading, and a heading printed with its
page number is told by them: `indexer.headings`); the lines it covers are no item's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer import conventions as cv
from indexer.headings import anchor_follows, is_heading_shaped
from indexer.models import Line


def find_contents(lines: Sequence[Line]) -> tuple[list[tuple[int | None, str]], set[int]]:
    """Entries (number, title) of the document's contents list and the line indexes it covers."""
    entries: list[tuple[int | None, str]] = []
    covered: set[int] = set()
    in_region = False
    for i, line in enumerate(lines):
        text = line.text
        if cv.CONTENTS_HEADER.match(text):
            in_region, covered = True, covered | {i}
            continue
        # Both entry patterns end in a page number: most lines are ruled out by their last character.
        paged = text[-1:].isdigit()
        dotted = cv.DOTTED_ENTRY.match(text) if paged else None
        # "PUNKT 58" alone is an item's number, not the contents entry "PUNKT" on page 58
        caps = cv.CAPS_ENTRY.match(text) if paged and not dotted and not cv.PKT_LINE.match(text) else None
        if dotted or caps:
            match = dotted or caps
            number = match.groupdict().get("number")
            entries.append((int(number) if number else None, cv.clean_title(match.group("title"))))
            covered.add(i)
            continue
        if not in_region:
            continue
        if not text or cv.CONTENTS_SUBHEADER.match(text):
            covered.add(i)
            continue
        numbered = cv.NUMBERED_ENTRY.match(text)
        entry = (int(numbered.group("number")), cv.clean_title(numbered.group("title"))) if numbered else None
        if entry and entry in entries:
            in_region = False  # a contents list names each entry once: the list has ended at its first heading
            continue
        if entry and not anchor_follows(lines, i + 1, numbered.group("title")):
            entries.append(entry)
            covered.add(i)
            continue
        previous = max(covered) if covered else -1
        if entries and previous == i - 1 and lines[previous].text and not is_heading_shaped(text):
            # A wrapped entry ("22. Forslag … på" / "sprogcentret (B) 6"): join its title.
            tail = re.sub(r"\s+\d{1,3}$", "", text)
            number, title = entries[-1]
            entries[-1] = (number, cv.clean_title(f"{title} {tail}"))
            covered.add(i)
            continue
        in_region = False
    return entries, covered
