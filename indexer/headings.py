"""Numbered item headings: where each agenda item starts, with its number and title.

A heading counts only with its *anchor*: a heading-shaped line (`15. Title`, `3a Title`, `4.1 Title`,
`5 Title`, `Punkt 9: Title`, `Pkt. 58` / `Dagsordenspunkt 3` / `Sag nr. 13` + title, a title above
`Sag nr. 130`, a contents title) is an item heading when a field line, a section label, a decision
header or the repeated title follows within a few lines, before any other heading-shaped line, or
its title ends in its case number in brackets (`Title (2023-0112233)`, Copenhagen).
That one rule rejects `1. at …`, `1) …`, `29. oktober 2020.` and contents lists, in every layout
family (see tests/fixtures/layouts/LAYOUTS.md). The one heading without an anchor is the last
one, with nothing after it, when its number follows the item before it (`5. Eventuelt`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from indexer import conventions as cv
from indexer.models import Line

_MAX_TITLE_LINES = 3  # a title may wrap onto this many lines in all


@dataclass(frozen=True)
class Heading:
    """An item heading: its line, its number and title, and where the item's body starts."""

    index: int  # line index of the heading
    number: int | None
    title: str
    body_start: int  # first line index after the heading (and its title lines)
    split_at: int | None = None  # a heading that ends a longer line: text before it stays behind
    label: str | None = None  # the number as printed where it goes on after `number` ("3a", "4.1")


def find_item_headings(lines: Sequence[Line], contents: list[tuple[int | None, str]], skip: set[int]) -> list[Heading]:
    """The item headings of a document's lines, in order, outside its contents list's lines (`skip`)."""
    titles = {fold_title(title): number for number, title in contents if title}
    headings: list[Heading] = []
    last = _last_text(lines)
    i = 0
    while i < len(lines):
        heading = None if i in skip or not lines[i].text else _heading_at(lines, i, titles)
        if heading is None and i not in skip and lines[i].text[-1:] == ")":
            heading = _number_after_title(lines, i, headings[-1] if headings else None)
        if heading is None and headings and last is not None and i not in skip and 0 <= last - i <= _MAX_TITLE_LINES:
            heading = _closing_heading(lines, i, last, headings[-1])
        if heading:
            heading = _without_page_number(lines, heading, titles)
            headings.append(heading)
            i = heading.body_start
        else:
            i += 1
    return headings


def _heading_at(lines: Sequence[Line], i: int, contents: dict[str, int | None]) -> Heading | None:
    text = lines[i].text
    if cv.GROUP_HEADER.match(text):
        return None  # "II. LUKKEDE PUNKTER" groups the items after it
    match = cv.PKT_LINE.match(text) or cv.SAG_NR.match(text)
    if match:
        # "Pkt. 58", "Dagsordenspunkt 3", "Sag nr. 13" alone, the title on the next line(s). (A
        # "Sag nr." printed under its title has been read with that title, below.)
        return _number_line_heading(lines, i, int(match.group("number")), cv.item_label(match))
    for pattern in _NUMBERED_FORMS:
        match = pattern.match(text)
        if match:
            number = cv.heading_number(match)
            # A point of a list is numbered "2." or "2)", never "Punkt 2:": only a bare number after a
            # list's point or a section label needs a strong anchor (an agenda's empty "Beslutning:"
            # above "Punkt 3: Meddelelser" made that item its decision).
            listed = pattern is not cv.PUNKT_HEADING and (_continues_a_list(lines, i) or _opens_a_section(lines, i))
            heading = _titled_heading(lines, i, number, match.group("title"), strong_only=listed,
                                      label=cv.item_label(match))
            if heading and pattern is cv.PUNKT_HEADING:
                heading = replace(heading, title=cv.without_meeting_reference(heading.title))
            if heading or pattern is not cv.LABELLED_HEADING:
                break  # "5 Title" without its anchor may still be a title above "Sag nr." or in the contents
    else:
        heading = None
    if heading or match:
        return heading
    j = next_nonblank(lines, i + 1)
    if j is not None and j - i <= 2:
        sag = cv.SAG_NR.match(lines[j].text)
        if sag and not cv.label_of(text) and not cv.field_line(text) and not _number_above(lines, j):
            return Heading(i, int(sag.group("number")), cv.clean_title(text), j + 1)
    wrapped = _wrapped_title_above_sag_nr(lines, i)
    if wrapped:
        return wrapped
    return _contents_title_heading(lines, i, contents)


# The forms of a number and title on one line, in the order tried: "Punkt 3 Title", "3. Title" (and
# "§ 3. Title"), "3a Title", "38Title", "II. Title".
_NUMBERED_FORMS = (cv.PUNKT_HEADING, cv.NUMBERED_HEADING, cv.LABELLED_HEADING, cv.GLUED_HEADING, cv.ROMAN_HEADING)


def _number_after_title(lines: Sequence[Line], i: int, previous: Heading | None) -> Heading | None:
    """"Godkendelse af dagsorden (1)": a title with the item's number after it, starting a paragraph,
    with its anchor after it. The number must continue the items' sequence: the item before is
    numbered one less, or (the first item) the next number comes later in the same form, so that a
    title's own "(2)" stays in it."""
    match = _numbered_after(lines, i)
    if match is None:
        return None
    number = int(match.group("number"))
    if previous is not None:
        if previous.number != number - 1:
            return None
    elif not any((later := _numbered_after(lines, k)) and int(later.group("number")) == number + 1
                 for k in range(i + 1, len(lines)) if lines[k].text[-1:] == ")"):
        return None
    return Heading(i, number, cv.clean_title(match.group("title")), i + 1)


def _numbered_after(lines: Sequence[Line], i: int) -> re.Match[str] | None:
    """The match of a line "Title (N)" that starts a paragraph and has its anchor after it."""
    match = cv.NUMBER_AFTER_TITLE.match(lines[i].text)
    if match is None or (i > 0 and lines[i - 1].text) or cv.is_list_point(match.group("title")):
        return None
    if cv.is_sentence(match.group("title")) or not anchor_follows(lines, i + 1, match.group("title")):
        return None
    return match


def _number_line_heading(lines: Sequence[Line], i: int, number: int, label: str | None = None) -> Heading | None:
    """An item number on a line of its own ("Pkt. 58", "Dagsordenspunkt 3", "Sag nr. 13") with the
    title on the next line, wrapping onto up to `_MAX_TITLE_LINES` lines; valid only with its anchor."""
    j = next_nonblank(lines, i + 1)
    if j is None or j - i > 2 or not _can_title(lines[j].text):
        return None
    return _titled_heading(lines, i, number, lines[j].text, label=label, first=j, sentence=True)


def _can_title(text: str) -> bool:
    """Whether a line can be the title under an item number printed alone: no field line, label,
    decision header or other numbered heading."""
    return not (cv.field_line(text) is not None or cv.section_label(text) is not None
                or cv.decision_header(text) is not None or is_heading_shaped(text) or cv.SAG_NR.match(text))


def _number_above(lines: Sequence[Line], j: int) -> bool:
    """Whether the `Sag nr.` at line j numbers the title under it (the line above it closes the
    item before): that title has its anchor after it, and the `Sag nr.` itself has none."""
    k = next_nonblank(lines, j + 1)
    return k is not None and not _is_anchor(lines[k].text, "") and _number_line_heading(lines, j, 0) is not None


def _last_text(lines: Sequence[Line]) -> int | None:
    """The last line of the minutes' items: the last text before the signatures (`cv.CLOSING`), not
    counting "Mødet hævet kl. 18.30" and other attendance lines closing the minutes."""
    end = next((k for k, line in enumerate(lines) if line.text[:1] == "U" and cv.CLOSING.match(line.text)),
               len(lines))
    k = previous_nonblank(lines, end)
    while k is not None and cv.is_attendance(lines[k].text):
        k = previous_nonblank(lines, k)
    return k


def _closing_heading(lines: Sequence[Line], i: int, last: int, previous: Heading) -> Heading | None:
    """The last heading of the minutes, with nothing after its title ("5. Eventuelt" at the end of
    the file): no anchor follows it, so it counts only when its number follows the item's before it
    (4 → 5, 4.1 → 4.2, 3a → 3b). Else it would end the item before it, in its decision."""
    text = lines[i].text
    if i > 0 and lines[i - 1].text:
        return None  # not the start of a paragraph: the next point of a list, a line of text
    alone = cv.PKT_LINE.match(text) or cv.SAG_NR.match(text)
    if alone:
        match, first = alone, next_nonblank(lines, i + 1)
        if first is None or first > last or first - i > 2:
            return None
        title = " ".join(lines[k].text for k in range(first, last + 1))
        titles = [lines[k].text for k in range(first, last + 1)]
    else:
        match = next((m for p in _NUMBERED_FORMS if (m := p.match(text))), None)
        if match is None or cv.GROUP_HEADER.match(text):
            return None
        titles = [match.group("title"), *(lines[k].text for k in range(i + 1, last + 1))]
        title = " ".join(titles)
    if not all(titles) or not _can_title(titles[0]) or not all(_continues_title(t) for t in titles[1:]):
        return None
    if cv.is_list_point(title) or cv.is_sentence(title):
        return None
    number, label = cv.heading_number(match), cv.item_label(match)
    if not _follows(previous, number, label):
        return None
    return Heading(i, number, cv.clean_title(title), last + 1, label=label)


def _follows(previous: Heading, number: int, label: str | None) -> bool:
    """Whether an item numbered `number` (printed `label`) comes right after `previous`: the next
    number (4 → 5, 4.2 → 5), or the next letter or sub-number under the same one (3a → 3b, 4.1 → 4.2)."""
    if previous.number is None:
        return False
    if number == previous.number + 1:
        return True
    if number != previous.number or not label or not previous.label or not (
            label.startswith(str(number)) and previous.label.startswith(str(number))):
        return False  # "II" after "II": no letter or sub-number goes on after a roman numeral
    before, after = previous.label[len(str(number)):], label[len(str(number)):]
    if before[:1] == "." and after[:1] == ".":
        return int(after[1:]) == int(before[1:]) + 1
    return len(before) == len(after) == 1 and ord(after) == ord(before) + 1


_TRAILING_NUMBER = re.compile(r"^(?P<title>.*\S)\s+\d{1,3}$")


def _without_page_number(lines: Sequence[Line], heading: Heading, contents: dict[str, int | None]) -> Heading:
    """A heading printed with its page number ("41. Godkendelse af dagsorden 3"), without it.

    Only where the document tells: the contents list has the title without the number (and not
    with it), or the title repeated under the heading lacks it. Elsewhere "Lokalplan 12" keeps it.
    """
    match = _TRAILING_NUMBER.match(heading.title)
    if not match:
        return heading
    title = match.group("title")
    folded = fold_title(title)
    below = next_nonblank(lines, heading.body_start)
    if (folded in contents and fold_title(heading.title) not in contents) or (
            below is not None and fold_title(lines[below].text) == folded):
        return replace(heading, title=title)
    return heading


def _wrapped_title_above_sag_nr(lines: Sequence[Line], i: int) -> Heading | None:
    """A title wrapped over 2-3 lines right above `Sag nr. 130`, starting a paragraph at line i."""
    if i > 0 and lines[i - 1].text:
        return None  # not the start of a paragraph: only the line above `Sag nr.` is the title
    # Cheap test first (this runs for most lines): `Sag nr.` two or three lines down, no blank between.
    end = next((k for k in range(i + 2, min(i + _MAX_TITLE_LINES + 1, len(lines)))
                if lines[k].text[:3].lower() == "sag" and cv.SAG_NR.match(lines[k].text)), None)
    if end is None or not all(lines[k].text for k in range(i, end)):
        return None
    parts = [lines[k].text for k in range(i, end)]
    if any(cv.label_of(t) or cv.field_line(t) or cv.decision_header(t) for t in parts):
        return None
    if not all(_continues_title(t) for t in parts[:-1]) or _number_above(lines, end):
        return None
    number = int(cv.SAG_NR.match(lines[end].text).group("number"))
    return Heading(i, number, cv.clean_title(" ".join(parts)), end + 1)


def _continues_a_list(lines: Sequence[Line], i: int) -> bool:
    """Whether line i is the next point of a list in the paragraph above it ("2) …" / "3) …").

    Such a line needs a strong anchor (a field line or its title repeated): a section label
    after it ends the list, not a heading (f9 prints the decision above `Sagsfremstilling`).
    The point before it may begin in lower case ("1. anbefalingerne godkendes").
    """
    own = _numbering(lines[i].text)
    if own is None:  # "38Godkendelse af dagsorden": glued, no list point
        return False
    kind, number = own
    for k in range(i - 1, max(i - _LIST_REACH, -1), -1):
        text = lines[k].text
        if not text:
            return False
        if _numbering(text) == (kind, number - 1):
            return True
    return False


def _opens_a_section(lines: Sequence[Line], i: int) -> bool:
    """Whether line i is the first text under a section label ("Bilag" / "1. Oversigtskort over
    Solvænget"): the point of a list there needs a strong anchor too, as the next label
    ("Beslutning") follows it as it follows a heading."""
    k = previous_nonblank(lines, i)
    return k is not None and cv.label_of(lines[k].text) is not None


# "3. …", "3) …", "Punkt 3 …", "• Pkt. 3: …": the numbering of a line, its marker apart from the number
_NUMBERING = re.compile(rf"^{cv.BULLET}?(?P<word>(?i:punkt|pkt)\.?\s*)?(?P<number>\d{{1,3}})(?P<mark>[.):]?)\s")


def _numbering(text: str) -> tuple[tuple[bool, str], int] | None:
    """(its kind of numbering, its number) of a numbered line, whatever follows the number."""
    match = _NUMBERING.match(text)
    if not match:
        return None
    return (bool(match.group("word")), match.group("mark")), int(match.group("number"))


_LIST_REACH = 12  # lines above a numbered line searched for the list point before it


def _titled_heading(lines: Sequence[Line], i: int, number: int, title: str, strong_only: bool = False,
                    label: str | None = None, first: int | None = None, sentence: bool = False) -> Heading | None:
    """A numbered heading whose title may wrap; valid only if its anchor follows.

    `strong_only`: only a field line or the repeated title is its anchor (a list's next point).
    `first`: the line the title starts on, where the number stands alone on line i (else i).
    `sentence`: a title ending as a sentence does needs no strong anchor (its number stands alone).
    """
    if _is_contents_entry(lines[i].text):
        return None
    first = i if first is None else first
    parts = [title]
    j = first + 1
    while j < len(lines) and lines[j].text and len(parts) < _MAX_TITLE_LINES:
        text = lines[j].text
        if _is_anchor(text, " ".join(parts)) or is_heading_shaped(text) or not _continues_title(text):
            break
        parts.append(text)
        j += 1
    # Prefer the shortest title that has its anchor right after it. A point of a list ("1. at …")
    # is never a title; a finished sentence ("1. Forslaget godkendes.") only with a field line or
    # the repeated title under it, as a list at the end of a section is followed by a label.
    for count in range(1, len(parts) + 1):
        title_text = " ".join(parts[:count])
        if cv.is_list_point(title_text):
            continue
        strong = strong_only or (not sentence and cv.is_sentence(title_text))
        if anchor_follows(lines, first + count, title_text, strong_only=strong) or (
                count == len(parts) and cv.title_case_number(title_text)):  # "Title (2023-0112233)": its own anchor
            return Heading(i, number, cv.clean_title(title_text), first + count, label=label)
    return None


def _contents_title_heading(lines: Sequence[Line], i: int, contents: dict[str, int | None]) -> Heading | None:
    """An unnumbered heading that repeats a contents entry, possibly at the end of a longer line."""
    if not contents or not anchor_follows(lines, i + 1, "", fields_only=True):
        return None
    folded = fold_title(lines[i].text)
    for title, number in contents.items():
        if folded.endswith(title):
            cut = len(folded) - len(title)
            if cut and folded[cut - 1] != " ":
                continue
            original = " ".join(lines[i].text.split())
            split_at = len(original) - len(title) if cut else None
            return Heading(i, number, cv.clean_title(original[split_at or 0:]), i + 1, split_at)
    return None


def anchor_follows(lines: Sequence[Line], start: int, title: str, fields_only: bool = False,
                    strong_only: bool = False) -> bool:
    """Whether the first non-blank line after a heading's title is its anchor.

    `fields_only`: only a field line counts; `strong_only`: a field line or the repeated title
    (not a section label or decision header, which also follow any list at a section's end).
    """
    j = next_nonblank(lines, start)
    if j is None:
        return False
    text = lines[j].text
    if fields_only:
        return cv.field_line(text) is not None
    if strong_only:
        return cv.field_line(text) is not None or fold_title(text) == fold_title(title)
    return _is_anchor(text, title)


def _continues_title(text: str) -> bool:
    """A line that can be the wrapped end of a heading: short, and not a finished sentence."""
    return len(text.split()) <= 8 and not re.search(r"[.:;!?]$", text)


def _is_anchor(text: str, title: str) -> bool:
    return (
        cv.field_line(text) is not None
        or cv.section_label(text) is not None
        or cv.decision_header(text) is not None
        or fold_title(text) == fold_title(title)
        or fold_title(text) == fold_title(_TRAILING_NUMBER.sub(r"\g<title>", title))  # "3. Title 7" / "Title"
    )


def is_heading_shaped(text: str) -> bool:
    return any(p.match(text) for p in (cv.NUMBERED_HEADING, cv.PUNKT_HEADING, cv.PKT_LINE, cv.LABELLED_HEADING,
                                       cv.ROMAN_HEADING))


def _is_contents_entry(text: str) -> bool:
    return bool(cv.DOTTED_ENTRY.match(text))


def with_ends(headings: list[Heading], total: int) -> list[tuple[Heading, int]]:
    """Each heading with the index where its item ends (the next heading's line)."""
    ends = [h.index for h in headings[1:]] + [total]
    return list(zip(headings, ends))


# --- Small helpers -----------------------------------------------------------------------


def fold_title(text: str) -> str:
    return " ".join(cv.clean_title(text).casefold().split())


def next_nonblank(lines: Sequence[Line], start: int) -> int | None:
    for j in range(start, len(lines)):
        if lines[j].text:
            return j
    return None


def previous_nonblank(lines: Sequence[Line], i: int) -> int | None:
    for j in range(i - 1, -1, -1):
        if lines[j].text:
            return j
    return None
