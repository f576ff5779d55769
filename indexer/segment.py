"""Clean lines → agenda items (minutes) or sections (annual reports), driven by conventions.

A heading counts only with its *anchor*: a heading-shaped line (`15. Title`, `Punkt 9: Title`,
`Pkt. 58` + title, a title above `Sag nr. 130`, a contents title) is an item heading when a
field line, a section label, a decision header or the repeated title follows within a few
lines, before any other heading-shaped line. That one rule rejects `1. at …`, `1) …`,
`29. oktober 2020.` and contents lists, in every layout family (see tests/fixtures/layouts/LAYOUTS.md).
Where minutes print items without a title line (layout 10), an item's `Sagsfremstilling` or
`Indstilling` coming again after its decision starts an untitled item (`_with_restarts`); where
they print titles without numbers (an item exported alone), a title with a section label or
field lines under it starts one (`_unnumbered_headings`).

Documents without agenda items are reports: their sections start at upper-case headings or,
when the report has none, at short title-like lines between paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from indexer import conventions as cv
from indexer.clean import reflow
from indexer.dates import parse_labelled_date
from indexer.models import DECISION, EARLIER_DECISION, Item, Line, Section, Segmented

_MAX_TITLE_LINES = 3  # a title may wrap onto this many lines in all
_TITLE_LINE = 120  # a document's first line is its title only up to this length


@dataclass(frozen=True)
class _Heading:
    index: int  # line index of the heading
    number: int | None
    title: str
    body_start: int  # first line index after the heading (and its title lines)
    split_at: int | None = None  # a heading that ends a longer line: text before it stays behind


def segment(lines: Sequence[Line]) -> Segmented:
    """Split a document's clean lines into front matter and items."""
    contents, contents_lines = find_contents(lines)
    headings = _find_item_headings(lines, contents, contents_lines)
    split = [h for h in headings if h.split_at]
    if split:
        # A heading found at the end of a longer line (flattened pages): give it its own line.
        lines = _split_lines(lines, {h.index: h.split_at for h in split})
        contents, contents_lines = find_contents(lines)
        headings = _find_item_headings(lines, contents, contents_lines)
    if not headings:
        headings = _unnumbered_headings(lines, contents, contents_lines)
    if headings:
        headings = _with_restarts(lines, headings)
        # The signatures under the last item close the minutes: no part of that item.
        closing = next((k for k in range(headings[-1].body_start, len(lines)) if cv.CLOSING.match(lines[k].text)),
                       len(lines))
        items = tuple(_minutes_item(lines, h, end) for h, end in _with_ends(headings, closing))
        head = tuple(lines[: headings[0].index])
        return Segmented("minutes", head, items, tuple(contents))
    return _segment_report(lines, contents, contents_lines)


# --- Contents lists ----------------------------------------------------------------------


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
        if entry and not _anchor_follows(lines, i + 1, numbered.group("title")):
            entries.append(entry)
            covered.add(i)
            continue
        previous = max(covered) if covered else -1
        if entries and previous == i - 1 and lines[previous].text and not _is_heading_shaped(text):
            # A wrapped entry ("22. Forslag … på" / "sprogcentret (B) 6"): join its title.
            tail = re.sub(r"\s+\d{1,3}$", "", text)
            number, title = entries[-1]
            entries[-1] = (number, cv.clean_title(f"{title} {tail}"))
            covered.add(i)
            continue
        in_region = False
    return entries, covered


# --- Minutes -----------------------------------------------------------------------------


def _find_item_headings(lines: Sequence[Line], contents: list[tuple[int | None, str]], skip: set[int]) -> list[_Heading]:
    titles = {_fold_title(title): number for number, title in contents if title}
    headings: list[_Heading] = []
    i = 0
    while i < len(lines):
        heading = None if i in skip or not lines[i].text else _heading_at(lines, i, titles)
        if heading:
            heading = _without_page_number(lines, heading, titles)
            headings.append(heading)
            i = heading.body_start
        else:
            i += 1
    return headings


def _heading_at(lines: Sequence[Line], i: int, contents: dict[str, int | None]) -> _Heading | None:
    text = lines[i].text
    match = cv.PKT_LINE.match(text)
    if match:
        j = _next_nonblank(lines, i + 1)
        if j is not None and _anchor_follows(lines, j + 1, lines[j].text):
            return _Heading(i, int(match.group("number")), cv.clean_title(lines[j].text), j + 1)
        return None
    for pattern in (cv.PUNKT_HEADING, cv.NUMBERED_HEADING, cv.GLUED_HEADING):
        match = pattern.match(text)
        if match:
            number = int(match.group("number"))
            heading = _titled_heading(lines, i, number, match.group("title"),
                                      strong_only=_continues_a_list(lines, i) or _opens_a_section(lines, i))
            if heading and pattern is cv.PUNKT_HEADING:
                heading = replace(heading, title=cv.without_meeting_reference(heading.title))
            return heading
    j = _next_nonblank(lines, i + 1)
    if j is not None and j - i <= 2:
        sag = cv.SAG_NR.match(lines[j].text)
        if sag and not cv.label_of(text) and not cv.field_line(text):
            return _Heading(i, int(sag.group("number")), cv.clean_title(text), j)
    wrapped = _wrapped_title_above_sag_nr(lines, i)
    if wrapped:
        return wrapped
    return _contents_title_heading(lines, i, contents)


# Sections only an agenda item has: two of them under titles make a document minutes (or an
# agenda) even where its items carry no numbers. A report may have "Baggrund" or "Økonomi".
_ITEM_KEYS = frozenset({"resume", "indstilling", "sagsfremstilling", "beslutningstema", "sagens_kerne",
                        "beslutningskompetence", "kompetence", "sagsgang_og_sagstype", DECISION})
_LABELLED = re.compile(r"^[\wæøåÆØÅ.\-]+:\s")  # "Dato: …", "Sagsforløb: IR": a labelled line, no title
_REACH = 4  # lines from an unnumbered title to the section label under it (field lines between)
_OPENING = 12  # lines above the first title where a document says what it is


def _unnumbered_headings(lines: Sequence[Line], contents: list[tuple[int | None, str]], skip: set[int]) -> list[_Heading]:
    """Items printed without a number: an item exported alone, or a web page of items.

    A title is a short line starting a paragraph, with the item's field lines or a section
    label under it. The first counts only in a document that shows itself as minutes or an
    agenda: a decision, field lines under the title, or two sections only items have. A later
    one counts only where the section sequence starts again (its label is one the item has had).
    A contents list that numbers the titles gives their numbers.
    """
    candidates: list[tuple[int, str, bool]] = []  # title line, key of the label under it, field lines between
    for i, line in enumerate(lines):
        if i in skip or not line.text or (i > 0 and lines[i - 1].text) or not _is_unnumbered_title(line.text):
            continue
        j, fielded = _next_nonblank(lines, i + 1), False
        while j is not None and j - i <= _REACH and cv.field_line(lines[j].text) is not None:
            j, fielded = _next_nonblank(lines, j + 1), True
        key = _label_key(lines[j].text) if j is not None and j - i <= _REACH else None
        if key is not None:
            candidates.append((i, key, fielded))
    opening = [line.text for line in lines[:candidates[0][0] if candidates else 0] if line.text][:_OPENING]
    if not candidates or any(cv.ANNUAL_WORD.search(text) for text in opening):
        return []  # an annual report's "Beslutninger" heading is no item's decision
    keys = {key for line in lines if (key := _label_key(line.text))}
    if not (DECISION in keys or candidates[0][2] or len(keys & _ITEM_KEYS) >= 2):
        return []
    starts = [candidates[0][0]]
    for i, key, _ in candidates[1:]:
        if key in {k for line in lines[starts[-1]:i] if (k := _label_key(line.text))}:
            starts.append(i)
    numbers = {_fold_title(title): number for number, title in contents if title}
    return [_Heading(i, numbers.get(_fold_title(lines[i].text)), cv.clean_title(lines[i].text), i + 1) for i in starts]


def _is_unnumbered_title(text: str) -> bool:
    """A line that can title an item without a number: short, no sentence, label or field line."""
    return (len(text.split()) <= 15 and not re.search(r"[.:;!?,]$", text) and not _LABELLED.match(text)
            and _label_key(text) is None and cv.field_line(text) is None and not _is_heading_shaped(text))


def _label_key(text: str) -> str | None:
    """The section key of a label or decision header line, else None."""
    label = cv.section_label(text)
    if label is not None:
        return cv.section_key(label[0])
    return DECISION if cv.decision_header(text) else None


_TRAILING_NUMBER = re.compile(r"^(?P<title>.*\S)\s+\d{1,3}$")


def _without_page_number(lines: Sequence[Line], heading: _Heading, contents: dict[str, int | None]) -> _Heading:
    """A heading printed with its page number ("41. Godkendelse af dagsorden 3"), without it.

    Only where the document tells: the contents list has the title without the number (and not
    with it), or the title repeated under the heading lacks it. Elsewhere "Lokalplan 12" keeps it.
    """
    match = _TRAILING_NUMBER.match(heading.title)
    if not match:
        return heading
    title = match.group("title")
    folded = _fold_title(title)
    below = _next_nonblank(lines, heading.body_start)
    if (folded in contents and _fold_title(heading.title) not in contents) or (
            below is not None and _fold_title(lines[below].text) == folded):
        return replace(heading, title=title)
    return heading


def _wrapped_title_above_sag_nr(lines: Sequence[Line], i: int) -> _Heading | None:
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
    if not all(_continues_title(t) for t in parts[:-1]):
        return None
    number = int(cv.SAG_NR.match(lines[end].text).group("number"))
    return _Heading(i, number, cv.clean_title(" ".join(parts)), end)


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
    k = _previous_nonblank(lines, i)
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


def _titled_heading(lines: Sequence[Line], i: int, number: int, title: str, strong_only: bool = False) -> _Heading | None:
    """A numbered heading whose title may wrap; valid only if its anchor follows.

    `strong_only`: only a field line or the repeated title is its anchor (a list's next point).
    """
    if _is_contents_entry(lines[i].text):
        return None
    parts = [title]
    j = i + 1
    while j < len(lines) and lines[j].text and len(parts) < _MAX_TITLE_LINES:
        text = lines[j].text
        if _is_anchor(text, " ".join(parts)) or _is_heading_shaped(text) or not _continues_title(text):
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
        if _anchor_follows(lines, i + count, title_text, strong_only=strong_only or cv.is_sentence(title_text)):
            return _Heading(i, number, cv.clean_title(title_text), i + count)
    return None


def _contents_title_heading(lines: Sequence[Line], i: int, contents: dict[str, int | None]) -> _Heading | None:
    """An unnumbered heading that repeats a contents entry, possibly at the end of a longer line."""
    if not contents or not _anchor_follows(lines, i + 1, "", fields_only=True):
        return None
    folded = _fold_title(lines[i].text)
    for title, number in contents.items():
        if folded.endswith(title):
            cut = len(folded) - len(title)
            if cut and folded[cut - 1] != " ":
                continue
            original = " ".join(lines[i].text.split())
            split_at = len(original) - len(title) if cut else None
            return _Heading(i, number, cv.clean_title(original[split_at or 0:]), i + 1, split_at)
    return None


def _anchor_follows(lines: Sequence[Line], start: int, title: str, fields_only: bool = False,
                    strong_only: bool = False) -> bool:
    """Whether the first non-blank line after a heading's title is its anchor.

    `fields_only`: only a field line counts; `strong_only`: a field line or the repeated title
    (not a section label or decision header, which also follow any list at a section's end).
    """
    j = _next_nonblank(lines, start)
    if j is None:
        return False
    text = lines[j].text
    if fields_only:
        return cv.field_line(text) is not None
    if strong_only:
        return cv.field_line(text) is not None or _fold_title(text) == _fold_title(title)
    return _is_anchor(text, title)


def _continues_title(text: str) -> bool:
    """A line that can be the wrapped end of a heading: short, and not a finished sentence."""
    return len(text.split()) <= 8 and not re.search(r"[.:;!?]$", text)


def _is_anchor(text: str, title: str) -> bool:
    return (
        cv.field_line(text) is not None
        or cv.section_label(text) is not None
        or cv.decision_header(text) is not None
        or _fold_title(text) == _fold_title(title)
        or _fold_title(text) == _fold_title(_TRAILING_NUMBER.sub(r"\g<title>", title))  # "3. Title 7" / "Title"
    )


def _is_heading_shaped(text: str) -> bool:
    return any(p.match(text) for p in (cv.NUMBERED_HEADING, cv.PUNKT_HEADING, cv.PKT_LINE))


def _is_contents_entry(text: str) -> bool:
    return bool(cv.DOTTED_ENTRY.match(text))


def _minutes_item(lines: Sequence[Line], heading: _Heading, end: int) -> Item:
    body = list(lines[heading.body_start:end])
    first = next((k for k, line in enumerate(body) if line.text), None)
    if first is not None and heading.title and _fold_title(body[first].text) == _fold_title(heading.title):
        body = body[first + 1:]  # the title repeated under the heading (eDoc layouts), also after a blank line
    fields, rest = _item_fields(body)
    number = heading.number
    if number is None and "item_number" in fields:
        number = int(fields.pop("item_number"))
    fields.pop("item_number", None)
    start = lines[heading.index]
    # The field lines are metadata (case handler, case number), not part of the item's text.
    return Item(
        number=number,
        title=heading.title,
        start=start,
        lines=tuple(rest),
        sections=tuple(_sections(rest, number)),
        fields=fields,
    )


# Sections whose second appearance after an item's decision starts the next item (layout 10).
_RESTART_KEYS = frozenset({"sagsfremstilling", "indstilling"})


def _with_restarts(lines: Sequence[Line], headings: list[_Heading]) -> list[_Heading]:
    """The headings plus an untitled one where an item's section sequence starts again.

    Some minutes (LAYOUTS.md layout 10) print items without a title line: the only sign of a
    new item is a `Sagsfremstilling` or `Indstilling` that the item already had, coming after
    its plain `Beslutning` label. A council-named decision header does not count: the text
    after an earlier committee's decision still belongs to the item.
    """
    out: list[_Heading] = []
    for heading, end in _with_ends(headings, len(lines)):
        out.append(heading)
        seen: set[str] = set()
        decided = False
        for k in range(heading.body_start, end):
            found = cv.section_label(lines[k].text)
            if found is None:
                continue
            key = cv.section_key(found[0])
            if key in _RESTART_KEYS and key in seen and decided:
                out.append(_Heading(k, None, "", k))
                seen, decided = set(), False
            seen.add(key)
            decided = decided or key == DECISION
    return out


def _with_ends(headings: list[_Heading], total: int) -> list[tuple[_Heading, int]]:
    """Each heading with the index where its item ends (the next heading's line)."""
    ends = [h.index for h in headings[1:]] + [total]
    return list(zip(headings, ends))


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


def _item_fields(body: list[Line]) -> tuple[dict[str, str], list[Line]]:
    """Field lines at the top of an item → fields; the rest of the item."""
    fields: dict[str, str] = {}
    pending: list[str] = []
    k = 0
    while k < len(body):
        text = body[k].text
        if not text:
            k += 1
            continue
        parsed = cv.field_line(text)
        if parsed is not None:
            for name, value in parsed.fields.items():
                fields.setdefault(name, value)
            pending.extend(parsed.pending)
            k += 1
            continue
        if pending and not cv.section_label(text) and not cv.decision_header(text):
            name = pending.pop(0)
            fields.setdefault(name, cv.handler_name(text) if name == "case_handler" else text)
            k += 1
            continue
        break
    return fields, body[k:]


def _sections(body: list[Line], number: int | None = None) -> list[Section]:
    """Split an item's lines at section labels and decision headers (of item `number`)."""
    parts: list[tuple[str, str, str | None, list[str]]] = []  # key, label, date, lines
    named_decisions: list[int] = []
    numbered: dict[int, int | None] = {}  # named header → the item number it gives ("…, pkt. 61")
    plain_decision = False
    current: tuple[str, str, str | None, list[str]] = ("tekst", "", None, [])
    for line in body:
        text = line.text
        label, first = cv.section_label(text) or (None, "")  # first: "Godkendt." of "Beslutning: Godkendt."
        header = None if label else cv.decision_header(text)
        if label is not None:
            parts.append(current)
            key = cv.section_key(label)
            plain_decision = plain_decision or key == DECISION
            current = (key, label, None, [first] if first else [])
        elif header is not None and not (current[0] == DECISION and not any(current[3]) and current[2] is None):
            parts.append(current)
            named_decisions.append(len(parts))
            numbered[len(parts)] = header.item
            current = (DECISION, text, header.date, [])
        elif header is not None:
            # "Integrationsrådet, 21.05.2015" right under BESLUTNING: the decision's date.
            current = (current[0], current[1], header.date or "", current[3])
        else:
            current[3].append(text)
    parts.append(current)
    # A plain "Beslutning" label is this council's decision; council-named headers besides it
    # quote earlier committees. Without one, the header giving this item's number is this
    # council's (layout 8: "A header naming another committee or number quotes an earlier
    # decision"), wherever it stands; without such a number, the last named header.
    own = [k for k in named_decisions if number is not None and numbered[k] == number]
    if plain_decision:
        earlier = set(named_decisions)
    elif own and all(numbered[k] not in (None, number) for k in named_decisions if k > own[-1]):
        earlier = set(named_decisions) - {own[-1]}  # only other numbers after it
    else:
        earlier = set(named_decisions[:-1])
    sections = []
    for index, (key, label, date, texts) in enumerate(parts):
        if key == DECISION and index in earlier:
            key = EARLIER_DECISION
        note, texts = _split_attendance(texts) if key in (DECISION, EARLIER_DECISION) else ("", texts)
        date = date or _dated(note)
        text = reflow(texts)
        if key not in (DECISION, EARLIER_DECISION) and not _WORD.search(text):
            continue  # a label with nothing under it, or a template's "---" (f2); a decision keeps its dash
        sections.append(Section(key=key, label=label, text=text, date=date or None, note=note))
    return sections


_WORD = re.compile(r"\w")


_DATE_LINE = re.compile(r"^(?:Dato|DATO|Mødedato)\s*:\s*(?P<date>.+)$")


def _dated(note: str) -> str | None:
    """The date a decision's attendance lines give it (f2: "Beslutning fra Integrationsrådet" /
    "Dato: 25-11-2021" / "Sted: …"), as ISO, or None."""
    for line in note.split("\n"):
        match = _DATE_LINE.match(line)
        when = parse_labelled_date(match.group("date")) if match else None
        if when:
            return when.isoformat()
    return None


def _split_attendance(texts: list[str]) -> tuple[str, list[str]]:
    """Attendance lines opening or closing a decision become its note."""
    lines = list(texts)
    note: list[str] = []
    while lines and (not lines[0] or cv.is_attendance(lines[0])):
        if lines[0]:
            note.append(lines[0])
        lines.pop(0)
    tail: list[str] = []
    while lines and (not lines[-1] or cv.is_attendance(lines[-1])):
        if lines[-1]:
            tail.insert(0, lines[-1])
        lines.pop()
    return "\n".join(note + tail), lines


# --- Reports -----------------------------------------------------------------------------

_FUNCTION_WORDS = {"af", "og", "i", "til", "på", "med", "for", "at", "om", "den", "det", "de", "en", "et", "som", "fra"}
_URL = re.compile(r"(https?://|www\.)\S+")


def _segment_report(lines: Sequence[Line], contents: list, contents_lines: set[int]) -> Segmented:
    front_end = _front_matter_end(lines, contents_lines)
    candidates = [i for i in range(front_end, len(lines)) if i not in contents_lines]
    # A report's dominant heading style decides: upper-case headings alone, or (when short
    # title-like lines outnumber them) both. Photo captions look title-like, so a report with
    # upper-case headings does not also get title-like ones.
    caps = [i for i in candidates if _is_caps_heading(lines[i].text)]
    titled = [i for i in candidates if not _is_caps_heading(lines[i].text) and _is_title_heading(lines, i)]
    heads = sorted(caps + titled) if len(titled) > len(caps) else caps
    items = []
    for k, i in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else len(lines)
        body = [line for j, line in enumerate(lines[i + 1:end], i + 1) if j not in contents_lines]
        text = reflow(line.text for line in body)
        if not text:
            continue  # a heading with no text of its own ("AKTIVITETER I 2019")
        number, title = _report_heading(lines[i].text)
        items.append(Item(number, title, lines[i], tuple(body), ()))
    if not items:
        items = _whole_document(lines, front_end)
    head = tuple(lines[: heads[0]]) if heads else tuple(lines[:front_end])
    return Segmented("report", head, tuple(items), tuple(contents))


def _whole_document(lines: Sequence[Line], start: int) -> list[Item]:
    """No structure found: the document is one passage, titled by its first line.

    Only a short first line is a title. A longer one (a file written as one line, a
    paragraph) stays in the text, and the title is its beginning, cut at a word.
    """
    texts = [i for i in range(len(lines)) if lines[i].text]
    if not texts:
        return []
    begin = next((i for i in texts if i >= start), texts[0])
    body = list(lines[begin:texts[-1] + 1])  # blank lines kept: they end paragraphs
    first = body[0]
    if len(first.text) <= _TITLE_LINE:
        return [Item(None, first.text, first, tuple(body[1:]), ())]
    return [Item(None, cv.shorten_title(first.text, _TITLE_LINE), first, tuple(body), ())]


def _front_matter_end(lines: Sequence[Line], contents_lines: set[int]) -> int:
    """Title page and contents: up to the end of the contents list or of a run of bare headings.

    A run of three or more upper-case lines with no text between is a contents list whose page
    numbers were lost (PDF extraction); its last line may already be the first real heading,
    so the front matter ends just before it.
    """
    end = max(contents_lines) + 1 if contents_lines else 0
    run: list[int] = []
    for i, line in enumerate([*lines, Line("-", 0, 0)]):  # a sentinel closes the last run
        text = line.text
        if not text:
            continue
        if i in contents_lines or _is_caps_heading(text) or cv.DOCUMENT_TITLE.match(text):
            run.append(i)
            continue
        if len(run) >= 3:
            end = max(end, run[-1])
        run = []
    return end


def _is_caps_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4 or any(c.islower() for c in letters) or cv.DOCUMENT_TITLE.match(text):
        return False
    return len(text.split()) <= 12 and not re.search(r"[.,;]$", text) and cv.label_of(text) is None


def _report_heading(text: str) -> tuple[int | None, str]:
    """A report heading's number, if it has one ("2. Rådets møder i 2020"), and its title."""
    match = cv.NUMBERED_HEADING.match(text)
    return (int(match.group("number")), cv.clean_title(match.group("title"))) if match else (None, text)


def _is_title_heading(lines: Sequence[Line], i: int) -> bool:
    """A short title-like line that starts a paragraph and is followed by prose; its number
    apart ("2. Rådets møder i 2020")."""
    text = _report_heading(lines[i].text)[1]
    words = text.split()
    if not text or not text[0].isupper() or len(words) > 10 or _URL.search(text):
        return False
    if re.search(r"[.:;,!?]$", text) or text.count(",") > 1 or words[-1].lower() in _FUNCTION_WORDS:
        return False
    previous = _previous_nonblank(lines, i)
    if previous is not None and previous == i - 1:
        prev = lines[previous].text
        if not (re.search(r"[.!?]$", prev) or _URL.search(prev) or _is_caps_heading(prev)):
            return False
    following = _next_nonblank(lines, i + 1)
    return following is not None and len(lines[following].text.split()) >= 6


# --- Small helpers -----------------------------------------------------------------------


def _fold_title(text: str) -> str:
    return " ".join(cv.clean_title(text).casefold().split())


def _next_nonblank(lines: Sequence[Line], start: int) -> int | None:
    for j in range(start, len(lines)):
        if lines[j].text:
            return j
    return None


def _previous_nonblank(lines: Sequence[Line], i: int) -> int | None:
    for j in range(i - 1, -1, -1):
        if lines[j].text:
            return j
    return None
