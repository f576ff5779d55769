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
    # An entry whose title may end in its page number or in a number of its own ("3. Lokalplan 712"): the
    # number and the title with it, by the entry's index; the list's pages, one per entry (None: none)
    numbered_end: dict[int, tuple[int, str]] = {}
    pages: list[int | None] = []
    covered: set[int] = set()
    in_region = False
    later = _Headings(lines)
    wrapped = -2  # the line of a heading-shaped entry without its page number (`_heading_entry`)
    list_end, list_last = -1, 0  # the last line of the items' list under a list header (`_agenda_list`), its last number
    for i, line in enumerate(lines):
        text = line.text
        if cv.CONTENTS_HEADER.match(text):
            in_region, covered = True, covered | {i}
            continue
        if not in_region and line.page <= 1 and (cv.AGENDA_LIST_HEADER.match(text) or cv.GROUP_HEADER.match(text)):
            # a group's list right after the list before it ("Sager til beslutning" / "1. …" / "2. …" / "" /
            # "Sager til orientering" / "3. …") numbers on from it
            goes_on = list_end >= 0 and all(not lines[k].text for k in range(list_end + 1, i))
            listed = _agenda_list(lines, i, list_last + 1 if goes_on else 1)
            if listed:
                numbered = [entry for _, entry in listed if entry is not None]
                for k, entry in listed:
                    if entry is not None:
                        _add_entry(entries, pages, numbered_end, entry, cv.NUMBERED_ENTRY.match(lines[k].text)
                                   or cv.PUNKT_HEADING.match(lines[k].text))
                covered |= {i, *(k for k, _ in listed)}
                list_end, list_last = listed[-1][0], numbered[-1][0]
                continue
        # Both entry patterns end in a page number: most lines are ruled out by their last character.
        paged = text[-1:].isdigit()
        dotted = cv.DOTTED_ENTRY.match(text) if paged else None
        # "PUNKT 58" alone is an item's number, not the contents entry "PUNKT" on page 58
        caps = cv.CAPS_ENTRY.match(text) if paged and not dotted and not cv.PKT_LINE.match(text) else None
        if dotted or caps:
            match = dotted or caps
            number = match.groupdict().get("number")
            if number is None and wrapped == i - 1:
                # "49 (Åben) Forslag fra … om gratis" / "busbefordring for unge ..... 6": the entry's end
                entries[-1] = (entries[-1][0], cv.clean_title(f"{entries[-1][1]} {match.group('title')}"))
                pages[-1] = int(match.group("page"))
            else:
                entries.append((int(number) if number else None, cv.clean_title(match.group("title"))))
                pages.append(int(match.group("page")))
            covered.add(i)
            continue
        if not in_region:
            continue
        if not text or cv.CONTENTS_SUBHEADER.match(text):
            covered.add(i)
            continue
        if i in covered:
            continue  # a page number an entry took from the line below (`_plain_entry`)
        plain = _plain_entry(lines, i, entries)
        if plain is not None:
            entries.append((None, plain[0]))
            pages.append(int(plain[2]))
            covered |= plain[1]
            continue
        numbered = cv.NUMBERED_ENTRY.match(text)
        entry = (int(numbered.group("number")), cv.clean_title(numbered.group("title"))) if numbered else None
        if entry and entry in entries:
            in_region = False  # a contents list names each entry once: the list has ended at its first heading
            continue
        if entry and not anchor_follows(lines, i + 1, numbered.group("title")):
            _add_entry(entries, pages, numbered_end, entry, numbered)
            covered.add(i)
            continue
        listed = _heading_entry(lines, i, entries, covered, later)
        if listed == _LIST_ENDS:
            in_region = False
            continue
        if listed is not None:
            _add_entry(entries, pages, numbered_end, listed, cv.HEADING_ENTRY.match(text))
            covered.add(i)
            if not cv.HEADING_ENTRY.match(text).group("page"):
                wrapped = i  # its title may go on, with the page number, on the next line
            continue
        previous = max(covered) if covered else -1
        if entries and previous == i - 1 and lines[previous].text and not is_heading_shaped(text):
            # A wrapped entry ("22. Forslag … på" / "sprogcentret (B) 6"): join its title.
            tail = re.sub(r"\s+\d{1,3}$", "", text)
            number, title = entries[-1]
            entries[-1] = (number, cv.clean_title(f"{title} {tail}"))
            if tail != text:
                pages[-1] = int(text[len(tail):])
                numbered_end[len(entries) - 1] = (pages[-1], cv.clean_title(f"{title} {text}"))
            covered.add(i)
            continue
        in_region = False
    if numbered_end and not _reads_paged(pages, lines):
        # "2. Salg af ejendommen Vestergade 14" in a list without page numbers: the number is the title's
        for k, (_, whole) in numbered_end.items():
            entries[k] = (entries[k][0], whole)
    return entries, covered


def _add_entry(entries: list[tuple[int | None, str]], pages: list[int | None],
               numbered_end: dict[int, tuple[int, str]], entry: tuple[int | None, str], match: re.Match[str]) -> None:
    """Add a contents entry read by `match` (`cv.NUMBERED_ENTRY`, `cv.HEADING_ENTRY`), its title without
    the number it may end in, noting that number as its page and the title with it (`_reads_paged`)."""
    entries.append(entry)
    page = match.groupdict().get("page")
    pages.append(int(page) if page else None)
    if page:
        numbered_end[len(entries) - 1] = (int(page), cv.clean_title(f"{match.group('title')} {page}"))


def _reads_paged(pages: Sequence[int | None], lines: Sequence[Line]) -> bool:
    """Whether a contents list's entries end in page numbers (`pages`, one per entry, None for an
    entry without a number at its end): most do, and their numbers never fall and stay within what
    the document could number its pages (its pages if it has more than one, else its lines of text).
    Else a number at an entry's end is its title's: «3. Lokalplan 712», «2. Salg af ejendommen
    Vestergade 14» in a list without pages (a layouts13 review: the titles lost their numbers).

    >>> L = [Line("x", 1, n) for n in range(1, 40)]
    >>> _reads_paged([2, 3, 5], L), _reads_paged([None, 14, None], L), _reads_paged([2, None, 7], L)
    (True, False, True)
    >>> _reads_paged([2, 12, 7], L), _reads_paged([2, 3, 712], L)
    (False, False)
    """
    printed = [page for page in pages if page is not None]
    if 2 * len(printed) <= len(pages):
        return False
    last_page = max((line.page for line in lines), default=1)
    bound = last_page + 10 if last_page > 1 else sum(1 for line in lines if line.text)
    return all(1 <= a <= b for a, b in zip(printed, printed[1:])) and 1 <= printed[0] and printed[-1] <= bound


def _agenda_list(lines: Sequence[Line], i: int, first: int = 1) -> list[tuple[int, tuple[int, str] | None]]:
    """The entries (line index, (number, title)) of the items' list right under a list header at line i
    ("Dagsorden:", or a group's header, `cv.GROUP_HEADER`: "Sager til beslutning", "Åbne sager"): the lines
    after it, with no blank line between, numbered `first`, `first` + 1, … ("1. Godkendelse af dagsorden",
    "• Punkt 2 – Budget 2025"), at least two (one where the list goes on from a list above, `first` > 1);
    a group's header among them is the list's too (entry None). Else none: a title line "Dagsorden" above
    the items, "1. Godkendelse af dagsorden" / "Dagsordenen blev godkendt.", a group header above its
    first item's heading ("Sager til beslutning" / "1. Title" / "Sagsnr.: …")."""
    found: list[tuple[int, tuple[int, str] | None]] = []
    numbers = 0
    k = i + 1
    while k < len(lines) and lines[k].text:
        if cv.GROUP_HEADER.match(lines[k].text) and numbers:
            found.append((k, None))  # "Sager til orientering" between two groups' entries
            k += 1
            continue
        match = cv.NUMBERED_ENTRY.match(lines[k].text) or cv.PUNKT_HEADING.match(lines[k].text)
        if match is None or cv.item_label(match) or cv.heading_number(match) != first + numbers:
            break
        found.append((k, (first + numbers, cv.clean_title(match.group("title")))))
        numbers += 1
        k += 1
    while found and found[-1][1] is None:
        found.pop()  # a group's header last: the next group's header, above its items
    if numbers < (2 if first == 1 else 1) or (k < len(lines) and lines[k].text):
        return []  # the list ends at a blank line: a line of another kind under it makes it no list of items
    # A contents list only when the items it names are found below (at least half of them: one heading may
    # be printed otherwise); minutes that answer the list point by point («1. Referatet blev godkendt.»)
    # have no such items, and the list's words are their text (a code review: they were lost).
    below = sum(_printed_below(lines, k, *entry) for _, entry in found if entry is not None)
    return found if 2 * below >= numbers else []


_NUMBER_BEFORE = re.compile(r"(?<![\d.])(\d{1,3})(?!\d)")


# An item's heading by its number alone: "Ad 1", "Punkt 1:", "Pkt. 1".
_NUMBER_ALONE = re.compile(r"(?i)^(?:ad|punkt|pkt\.?)\s*(\d{1,3})\s*[.:)]?$")


def _printed_below(lines: Sequence[Line], start: int, number: int, title: str) -> bool:
    """Whether a line from `start` on is the item's heading: its title on a line of its own, after its
    number ("1. Godkendelse af dagsorden", "Ad 1. …", "• Punkt 1 – …", "Punkt 1: …") or alone, or its
    number alone ("Ad 1")."""
    key = title.casefold().rstrip(" .:")
    if not key:
        return False
    for line in lines[start:]:
        alone = _NUMBER_ALONE.match(line.text.strip())
        if alone and int(alone.group(1)) == number:
            return True
        text = line.text.casefold()
        at = text.find(key)
        if at < 0 or len(text) > len(key) + 40:
            continue
        before, after = text[:at], text[at + len(key):]
        if any(int(n) == number for n in _NUMBER_BEFORE.findall(before)) or not before.strip(
                " \t•·-–*") and not after.strip(" .:"):
            return True
    return False


# «Forord                2» (spaces or tabs before the page, no leaders): «Forord 2» once cleaned
_PLAIN_ENTRY = re.compile(r"^(?P<title>[A-ZÆØÅ][^.:;!?]*?[^\W\d_])\s+(?P<page>\d{1,3})$")
_PLAIN_WORDS = 8  # a contents entry's title is short


def _plain_entry(lines: Sequence[Line], i: int,
                 entries: list[tuple[int | None, str]]) -> tuple[str, set[int], str] | None:
    """An entry without number and dot leaders inside a contents list, «Forord 2», or «Økonomi» with its page
    «7» on the line below (a label and its value are cut in two when cleaned), and the lines it covers: only
    where its title is printed below on a line of its own (the section's heading) and the pages rise; and its page."""
    text = lines[i].text
    match = _PLAIN_ENTRY.match(text)
    covers = {i}
    if match is None and i + 1 < len(lines) and re.fullmatch(r"\d{1,3}", lines[i + 1].text):
        match = _PLAIN_ENTRY.match(f"{text} {lines[i + 1].text}")
        covers = {i, i + 1}
    if match is None or len(match.group("title").split()) > _PLAIN_WORDS:
        return None
    title = cv.clean_title(match.group("title"))
    key = title.casefold()
    if any(key == listed.casefold() for _, listed in entries):
        return None  # a contents list names each entry once
    above = _PLAIN_ENTRY.match(lines[i - 1].text) if i > 0 else None
    if above is not None and int(above.group("page")) > int(match.group("page")):
        return None  # a table of figures, not pages
    if not any(line.text.casefold() == key for line in lines[max(covers) + 1:]):
        return None
    return title, covers, match.group("page")


_LIST_ENDS = (None, "")  # `_heading_entry`: the line is the first item's heading, the list has ended


def _heading_entry(lines: Sequence[Line], i: int, entries: list[tuple[int | None, str]], covered: set[int],
                   later: _Headings) -> tuple[int | None, str] | None:
    """The entry a contents list prints as the item's heading is printed, without dot leaders ("36 (Åben)
    Godkendelse af dagsorden", "Pkt. 15 Title      7"), or None; `_LIST_ENDS` at the first item's heading.

    Such a line is a heading elsewhere, and may have an anchor after it (the "Åbent punkt" above the first
    item): it is an entry where the same number and title come again below as an item's heading with its
    anchor (the tell of a list of the headings), or it goes on a run of such entries, line after line."""
    match = cv.HEADING_ENTRY.match(lines[i].text)
    if match is None:
        return None
    number, title = int(match.group("number")), match.group("title")
    whole = f"{title} {match.group('page')}" if match.group("page") else title
    forms = [(number, cv.clean_title(whole)), (number, cv.clean_title(title))]
    if any(form in entries for form in forms):
        return _LIST_ENDS  # a contents list names each entry once
    for form in forms:
        if later.below(i, form):
            return form
    if entries and (i - 1) in covered and lines[i - 1].text and not anchor_follows(lines, i + 1, title):
        return forms[0] if match.group("page") is None else forms[1]
    return None


class _Headings:
    """The lines printed as an item's heading with its anchor under it, (number, title) → line indexes,
    read the first time they are asked for (most documents have no contents list)."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self._lines = lines
        self._found: dict[tuple[int, str], list[int]] | None = None

    def below(self, i: int, entry: tuple[int, str]) -> bool:
        """Whether `entry` is printed as an item's heading, with its anchor, below line i."""
        if self._found is None:
            self._found = {}
            for k, line in enumerate(self._lines):
                match = cv.HEADING_ENTRY.match(line.text)
                if match and (cv.openness_in_brackets(match.group("title"))
                              or anchor_follows(self._lines, k + 1, match.group("title"))):
                    key = (int(match.group("number")), cv.clean_title(match.group("title")))
                    self._found.setdefault(key, []).append(k)
        return any(k > i for k in self._found.get(entry, ()))
