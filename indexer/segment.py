"""Clean lines → agenda items (minutes) or sections (annual reports), driven by conventions.

Each step has a module of its own: the contents list first (`indexer.contents`: its entries
name the items, its lines are none of them), then the item headings (`indexer.headings`: a
heading counts only with its anchor), titles printed without numbers where there are no
headings, and untitled items where an item's section sequence starts again
(`indexer.unnumbered`); each item's field lines and sections (`indexer.items`). A document
without agenda items is a report (`indexer.reports`), unless it records decisions: minutes
whose headings are in no known form are split where case numbers and decisions show items, with a note.
Where a document shows more items than were found, a note says so (`Segmented.notes`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from indexer import conventions as cv
from indexer.contents import find_contents
from indexer.councils import council_of, same_council
from indexer.doctype import title_lines
from indexer.headings import (Heading, case_headings, case_line_closed, find_item_headings, fold_title,
                              is_heading_shaped, next_nonblank, previous_nonblank, prose_heading, prose_headings,
                              title_only_items, with_ends)
from indexer.items import fields_above_headings, minutes_item
from indexer.models import DECISION, Item, Line, Segmented
from indexer.openness import closed_items
from indexer.reports import segment_report
from indexer.unnumbered import decided_headings, is_decision_line, unnumbered_headings, with_restarts

_OPENING = 30  # lines a document opens with, where its title lines are (blank lines among them)


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
    if len(headings) == 1 and _report_not_minutes(lines):
        # One numbered line anchored only by the heading under it («3. En fast kontaktperson» /
        # «Økonomi»): a report's list point, not an item; minutes would swallow the whole report.
        return segment_report(lines, contents, contents_lines)
    # Minutes' items printed by their numbered title only, in the numbers' sequence («1. Godkendelse af
    # dagsorden» above item 2, «3. Meddelelser» / «LUKKEDE SAGER» / «4. Salg …» after it); not before
    # the test above: a report's title-only list points would pass for items.
    headings = title_only_items(lines, headings, contents_lines)
    if not headings:
        # "Sag: 24/1234 – Title" over every item: the case number printed as its heading
        headings = case_headings(lines, contents_lines)
    if not headings:
        headings = unnumbered_headings(lines, contents, contents_lines)
    if not headings and _names_meeting(lines):
        # A small council's minutes, every item only prose under its heading: the run of numbered
        # paragraphs 1, 2, 3 is its items (a report's numbered chapters are its sections).
        headings = prose_headings(lines, contents_lines)
    notes: tuple[str, ...] = ()
    if not headings and _decides(lines):
        # Decisions make minutes, never an annual report's sections titled by decision headers.
        headings = decided_headings(lines, contents_lines)
        notes = (NO_ITEM_HEADINGS,)
    if not headings:
        return segment_report(lines, contents, contents_lines)
    headings = with_restarts(lines, headings)
    headings, lines = _without_continued(lines, headings)
    # The signatures under the last item close the minutes: no part of that item.
    closing = next((k for k in range(headings[-1].body_start, len(lines)) if cv.CLOSING.match(lines[k].text)),
                   len(lines))
    # Copenhagen signs each item's text «Jens Hansen» / «/ Marie Lund»: no part of it
    ends = [(h, _signed_end(lines, h, end)) for h, end in with_ends(headings, closing)]
    # ... but their names are the meeting's (the director and the head of office): its staff
    signed = [line for (_, end), (_, signed_end) in zip(with_ends(headings, closing), ends)
              for line in _signature_lines(lines, signed_end, end)]
    above = fields_above_headings(lines, headings[0])  # then an item's closing field lines are the next one's
    items = tuple(_with_case(minutes_item(lines, h, end, above), h) for h, end in ends)
    # The lines closing the minutes under a last item with no decision («Referent: …», an address footer):
    # no part of its text (a decision's own closing lines become its note: `indexer.items`).
    cut = _minutes_closing(lines, ends[-1][0], ends[-1][1], head=lines[: headings[0].index])
    # Only what is set apart as the closing (under a decision, its note: out of its text as well)
    signatories = [line for line in lines[cut:ends[-1][1]] if cv.is_signatory_line(line.text)]
    # a chair's line signing them (`cv.CHAIR_LINE`) is no decision's note, as `indexer.items` reads one: out of it too
    if cut < ends[-1][1] and (not any(s.key == DECISION for s in items[-1].sections)
                              or any(cv.CHAIR_LINE.match(line.text) for line in lines[cut:ends[-1][1]])):
        signed += _signature_lines(lines, cut, ends[-1][1])
        ends[-1] = (ends[-1][0], cut)
        items = (*items[:-1], _with_case(minutes_item(lines, ends[-1][0], cut, above), ends[-1][0]))
    # Which items the meeting discussed behind closed doors: their minutes print little of them.
    closed = closed_items(lines, headings, [end for _, end in ends], contents_lines)
    # «Title» / «Sag: 24/1234 – Lukket sag»: the case line's marker is the item's own (`case_headings`)
    closed = [shut if (own := case_line_closed(lines, h)) is None else own for h, shut in zip(headings, closed)]
    items = tuple(replace(item, closed=True) if shut else item for item, shut in zip(items, closed))
    head = tuple(lines[: headings[0].index])
    groups = {k for k in range(1, len(headings)) if _opens_group(lines, headings[k - 1], headings[k])}
    notes += (_unfound_items(head, items, contents, contents_lines) + _merged_items(items)
              + _numbered_again(items, groups) + _skipped_numbers(items))
    return Segmented("minutes", head, items, tuple(contents), notes, closing=(*signatories, *_signed_staff(signed)))


# The note for minutes split without item headings (`decided_headings`).
NO_ITEM_HEADINGS = ("ingen punktoverskrifter i et kendt format, men beslutninger: punkterne er fundet ved deres "
                    "sagsnumre og beslutninger og kan være slået sammen eller delt forkert")


# "(fortsat)", "(fortsættes)", "(fortsat fra forrige side)": a heading repeated at the top of the next page
_CONTINUED = re.compile(r"\s*\((?i:fortsat|fortsættes|forts\.)(?:\s+(?i:fra\s+forrige\s+side))?\)")


def _continued_title(title: str, previous: str) -> bool:
    """Whether `title` is `previous` printed again with "(fortsat)" in it (after the title, before a
    case number a table's row put on the same line).

    >>> _continued_title("Regnskab 2024 (fortsat)", "Regnskab 2024"), _continued_title("Regnskab 2024", "Regnskab 2024")
    (True, False)
    """
    without, found = _CONTINUED.subn("", title)
    return found == 1 and fold_title(without) == fold_title(previous)


def _case_under(lines: Sequence[Line], heading: Heading) -> str | None:
    """The case number a heading prints, or the first field lines under it (blank lines between)."""
    if heading.case_number:
        return heading.case_number
    k = next_nonblank(lines, heading.body_start)
    while k is not None and (found := cv.field_line(lines[k].text)) is not None:
        if found.fields.get("case_number"):
            return found.fields["case_number"]
        k = next_nonblank(lines, k + 1)
    return None


def _printed_again(lines: Sequence[Line], heading: Heading, previous: Heading, council: str | None = None) -> bool:
    """Whether `heading` is `previous` printed again without "(fortsat)": at the next page's top, or
    over the item's «Bilag» (a sweep: «2. Ny daginstitution i Nørreby» / «Sagsnr.: 25/102» twice made
    two passages, the first without its decision). The same number, and the same title, or its start
    where both print the same case number (a long title shortened at the page's top); never two case
    numbers.

    Only where nothing between the two ends the item (code review 35: two meetings' «1. Godkendelse af
    dagsorden» in one file, or «2. Eventuelt» open and again after «Lukket møde», were made one item):
    no group or meeting header between them, and the same case number under both, or else a page break
    and no decision between (a heading printed again at the page's top comes before the item's decision).
    An earlier committee's decision between is none (`_decides_here`; `council`: the document's)."""
    if heading.number is None or (heading.number, heading.label) != (previous.number, previous.label):
        return False
    title, before = fold_title(heading.title), fold_title(previous.title)
    if not title or not before:
        return False
    case, earlier = _case_under(lines, heading), _case_under(lines, previous)
    if case and earlier and case != earlier:
        return False
    between = [line.text for line in lines[previous.body_start:heading.index] if line.text]
    if any(cv.GROUP_HEADER.match(text) or _MEETING_HEADER.match(text) for text in between):
        return False
    same_case = bool(case) and case == earlier
    # (a text file's lines are all on its one page: its form feeds are gone, only the decision tells)
    paged = lines[-1].page > 1 if lines else False
    if not same_case and ((paged and lines[heading.index].page == lines[previous.index].page)
                          or any(_decides_here(text, council) for text in between)):
        return False
    if title == before:
        return True
    return same_case and len(title.split()) >= 3 and before.startswith(title + " ")


# A meeting's own header line inside the minutes: «Ordinært møde kl. 16.00», «Ekstraordinært møde»,
# «Møde den 12. marts 2025», «Fællesmøde kl. 15»: the items after it are another meeting's
_MEETING_HEADER = re.compile(
    r"^(?i:(?:[a-zæøå]+\s+)?[a-zæøå]*møde)(?:\s+(?i:kl\.?|den|d\.|\d).*)?\s*:?$")


def _decides_here(text: str, council: str | None = None) -> bool:
    """Whether a line gives a decision: its label («Beslutning») or a council's decision header. Not an
    earlier committee's, a header naming another council than the document's (`council`): «Beslutning i
    Økonomiudvalget den 12. marts 2025» in the Byråd's minutes, the item's own decision still to come
    under its heading printed again (code review 36).

    >>> [_decides_here(t, "Byrådet") for t in ("Beslutning", "Beslutning i Byrådet den 20. marts 2025", "Beslutning i Økonomiudvalget den 12. marts 2025")]
    [True, True, False]
    """
    found = cv.section_label(text)
    if found is not None and cv.section_key(found[0]) == DECISION:
        return True
    return cv.decision_header(text) is not None and (council is None or same_council(text, council))


def _without_continued(lines: Sequence[Line], headings: Sequence[Heading]) -> tuple[list[Heading], Sequence[Line]]:
    """The headings without those repeating the item's heading at the top of the next page, "46 Regnskab
    2024 - årsberetning (fortsat)" under "46 Regnskab 2024 - årsberetning" (a PDF review: the item was
    split in two, its first part without its decision), or printing it again as it was (`_printed_again`):
    the item goes on there. The lines of the repeated heading and the field lines under it are blanked:
    no text of the item."""
    out: list[Heading] = []
    blank: set[int] = set()
    # the document's council, as its head names it: another's decision header is an earlier committee's
    council = council_of([line.text for line in lines[:headings[0].index] if line.text], []) if headings else None

    def repeated(start: int, end: int) -> None:  # the repeated heading's lines and its field lines under it
        k = end
        while k < len(lines) and lines[k].text and cv.field_line(lines[k].text) is not None:
            k += 1
        if k == end and (j := next_nonblank(lines, end)) is not None and cv.field_line(lines[j].text) is not None:
            k = j  # «2. Title» / «» / «Sagsnr.: 24/00202»: its field lines under a blank line
            while k < len(lines) and lines[k].text and cv.field_line(lines[k].text) is not None:
                k += 1
        blank.update(range(start, k))

    for heading in headings:
        if out and heading.title and out[-1].title and (
                (_continued_title(heading.title, out[-1].title) and heading.number in (None, out[-1].number))
                or _printed_again(lines, heading, out[-1], council)):
            repeated(heading.index, heading.body_start)
            continue
        out.append(heading)
    for heading, after in zip(out, [*out[1:], None]):
        # a repeated title no heading was found for (its number printed apart, or not at all)
        for k in range(heading.body_start, len(lines) if after is None else after.index):
            if "(forts" in lines[k].text.casefold() and _continued_title(lines[k].text, heading.title) and (
                    (j := next_nonblank(lines, k + 1)) is not None and cv.field_line(lines[j].text) is not None):
                repeated(k, k + 1)
    if blank:
        lines = [Line("", line.page, line.number) if k in blank else line for k, line in enumerate(lines)]
    return out, lines


def _decides(lines: Sequence[Line]) -> bool:
    """Whether the document records decisions (`is_decision_line`) and does not call itself an
    annual report in its title lines ("Integrationsrådets årsberetning 2024": a report quotes
    decisions)."""
    if any(_ANNUAL.search(text) for text in _opening_titles(lines)):
        return False
    return any(is_decision_line(line.text) for line in lines if line.text)


_ANNUAL = re.compile(r"(?i:beretning|årsrapport)")
# What a report calls itself in its title lines: «Årsberetning 2024», «Status 2024», «Redegørelse fra …»
# Labels only an agenda item has: a report may have «Økonomi» or «Baggrund» chapters, not these
_ITEM_ONLY_LABELS = {"beslutning", "indstilling", "sagsfremstilling", "beslutningskompetence", "beslutningstema",
                     "sagens_kerne", "supplerende_sagsfremstilling"}


def _report_not_minutes(lines: Sequence[Line]) -> bool:
    """Whether a document with one item heading is a report, not minutes: no meeting named, no decision
    or agenda-item label line, and a title calling it a report or no field or attendance line either."""
    if _names_meeting(lines):
        return False
    # A decision or an agenda item's label outweighs a title: «Status: Endelig», «Status på skolebyggeriet»
    # or «Redegørelse fra revisionen» in a committee's head above its one item with «Beslutning» (code
    # review 16). A field or attendance line does not: an annual report's head may print its «Sagsnr.:»
    # (code review 17); it tells minutes only where no title calls the document a report.
    fields = False
    for line in lines:
        text = line.text
        if not text:
            continue
        label = cv.label_of(text)
        if is_decision_line(text) or (label is not None and cv.section_key(label) in _ITEM_ONLY_LABELS):
            return False
        fields = fields or cv.field_line(text) is not None or cv.is_attendance(text)
    if any(_REPORT_TITLE.search(text) for text in _opening_titles(lines)):
        return True
    return not fields


_REPORT_TITLE = re.compile(r"(?i:beretning|årsrapport|\bstatus\b|redegørelse)")


# A letterhead or footer line: the council's name, its address and web address between bullets or bars
# («Bispebjerg Lokaludvalg · Bispebjerg Torv 1, 2400 København NV · bispebjerglokaludvalg.kk.dk»).
_FOOTER_PARTS = re.compile(rf"\s+[{re.escape(cv.BULLETS_BETWEEN_FIELDS)}|]\s+")
_POSTCODE_OR_WEB = re.compile(r"(?:^|,\s*)\d{4}\s+[A-ZÆØÅ]|\b(?:www\.)?[\w.-]+\.(?:dk|com|net|org)\b")


def _address_footer(text: str, head: Sequence[Line]) -> bool:
    """Whether `text` is an address line naming the body the minutes' head names first: the body's
    name, then its postal or web address («Bispebjerg Lokaludvalg · Bispebjerg Torv 1, 2400 København NV»).

    >>> head = [Line("Bispebjerg Lokaludvalg", 1, 1), Line("Københavns Kommune", 1, 2)]
    >>> _address_footer("Bispebjerg Lokaludvalg · Bispebjerg Torv 1, 2400 København NV · bispebjerglokaludvalg.kk.dk", head)
    True
    >>> _address_footer("Bispebjerg Lokaludvalg · næste møde 10. marts", head), _address_footer("Torv 1, 2400 København NV", head)
    (False, False)
    """
    parts = _FOOTER_PARTS.split(text)
    names = {fold_title(line.text) for line in head[:_OPENING] if line.text}
    return (len(parts) >= 2 and fold_title(parts[0]) in names
            and any(_POSTCODE_OR_WEB.search(part) for part in parts[1:]))


# A name with no label ("Jens Hansen"), the first line of Copenhagen's signature "Jens Hansen" / "/ Marie Lund"
_SIGNATURE_NAME = re.compile(r"^[A-ZÆØÅ][\wæøå'’\-]+(?:\s+[A-ZÆØÅ][\wæøå'’\-]+){1,3}$")
_CO_SIGNATURE = re.compile(r"^/\s*[A-ZÆØÅ][\wæøå'’\-]+(?:\s+[A-ZÆØÅ][\wæøå'’\-]+){1,3}$")


def _signature(lines: Sequence[Line], k: int, start: int) -> int | None:
    """The first line of a signature whose co-signature is line k («Jens Hansen» / «/ Marie Lund»,
    Copenhagen: the director and the head of office under each item), not above line `start`."""
    if not _CO_SIGNATURE.match(lines[k].text) or k - 1 < start or not _SIGNATURE_NAME.match(lines[k - 1].text):
        return None
    return k - 1


def _signature_lines(lines: Sequence[Line], start: int, end: int) -> list[Line]:
    """The lines of the signatures (`_signature`) between `start` and `end`: both names of each."""
    return [lines[k] for j in range(start, end)
            if lines[j].text and (first := _signature(lines, j, start)) is not None for k in (first, j)]


# Copenhagen's signatures are the administration's (the director and the head of office): the meeting's
# staff, as the head's «Fra forvaltningen:» names them (code review 38: they were cut and lost).
_SIGNED_STAFF = "Fra forvaltningen"


def _signed_staff(signed: Sequence[Line]) -> tuple[Line, ...]:
    """The signatures' names as one closing line of staff, each name once: «Fra forvaltningen: Jens Hansen, Marie Lund»."""
    names = list(dict.fromkeys(line.text.lstrip("/ ").strip() for line in signed))
    return (Line(f"{_SIGNED_STAFF}: {', '.join(names)}", signed[0].page, signed[0].number),) if names else ()


def _signed_end(lines: Sequence[Line], heading: Heading, end: int) -> int:
    """Where an item ends: before the signature under its text, if it has one (`_signature`), and
    only where the item's own text is above it."""
    k = previous_nonblank(lines, end)
    j = _signature(lines, k, heading.body_start) if k is not None else None
    if j is None:
        return end
    above = previous_nonblank(lines, j)
    return j if above is not None and above >= heading.body_start else end


def _minutes_closing(lines: Sequence[Line], heading: Heading, end: int, head: Sequence[Line]) -> int:
    """Where the lines closing the minutes start under the last item's text, before `end` (`end`
    where there are none): the minute-taker and whoever approved them («Referent: Susanne Beck»,
    «Ref.: Malene Riis», `cv.is_signatory_line`), a signature («Jens Hansen» / «/ Marie Lund»), the
    body's address footer. «Næste møde: 11. juni 2026» stays the item's text (often all an «Eventuelt»
    says), and so does a closing line that is all the item prints, and closing lines that end a list of
    roles printed as the item's text (`_set_apart`)."""
    cut, k = _closing_block(lines, heading.body_start, end, head, chair=False)
    # «Formand: Anne Holm» over «Referent: Lise Krogh» signs the minutes only in a block of its own, set apart by a
    # blank line from the last item's «Intet.» (code review 40); right under «Beslutning» it is a constitution's
    # list, the decision's text (code review 38)
    # list, the decision's text (code review 38), and so it is under a line announcing it: «Beslutning» or
    # «Rådet konstituerede sig således:» over a blank line (code review 41)
    chaired, above = _closing_block(lines, heading.body_start, end, head, chair=True)
    if (chaired < cut and above is not None and above >= heading.body_start and not lines[chaired - 1].text
            and not _announces(lines[above].text) and not cv.ELECTION_TITLE.search(heading.title)
            and any(cv.is_signatory_line(line.text) for line in lines[chaired:end])):
        cut, k = chaired, above
    if k is None or k < heading.body_start:  # nothing of the item's own above: its first closing line is its text
        cut = next((j for j in range(cut + 1, end) if lines[j].text), end)
    elif not _set_apart(lines, cut, heading.body_start):  # the item's own lines («Formand: …» / «Referent: …»)
        cut = end
    return cut


def _closing_block(lines: Sequence[Line], body_start: int, end: int, head: Sequence[Line],
                   chair: bool) -> tuple[int, int | None]:
    """The first of the closing lines read upwards from `end` (signatory lines, a signature, the body's address
    footer; with `chair`, also the chair's «Formand: Anne Holm»), and the last line above them (None if none)."""
    cut, k = end, previous_nonblank(lines, end)
    while k is not None and k >= body_start:
        text = lines[k].text
        if (j := _signature(lines, k, body_start)) is not None:
            k = j
        elif not (cv.is_signatory_line(text) or _address_footer(text, head) or chair and cv.CHAIR_LINE.match(text)):
            break
        cut, k = k, previous_nonblank(lines, k)
    return cut, k


def _announces(text: str) -> bool:
    """Whether a line announces the lines under it as its content: a section label («Beslutning») or a
    sentence ending in a colon («Rådet konstituerede sig således:»)."""
    # not an attendance label left empty («Fraværende:», «Afbud:»: code review 42); «Valgt:» does (code review 43)
    return (text.rstrip().endswith(":") and not cv.is_attendance(text)) \
        or cv.label_of(text.strip(), in_item=True) is not None




def _set_apart(lines: Sequence[Line], start: int, body_start: int) -> bool:
    """Whether the closing lines from `start`, the document's last, are apart from the item's text: unless
    they go on a list of roles printed right above them (`cv.ROLE_LINE`): a constitution's «Formand: Anne Holm»
    / «Næstformand: Bo Berg» / «Referent: Lise Krogh» is the item's text (code review 38). Set apart by a blank
    line or not: «Intet.» / «Referent: Anne Holm» under the last item names the minute-taker (code review 39).
    A «Næste møde: …» line printed right over them opens the closing (`cv.is_closing_line`)."""
    top = start
    while top - 1 >= body_start and lines[top - 1].text and cv.is_closing_line(lines[top - 1].text):
        top -= 1
    return top < start or top - 1 < body_start or not lines[top - 1].text or not cv.ROLE_LINE.match(lines[top - 1].text)




def _names_meeting(lines: Sequence[Line]) -> bool:
    """Whether the document calls itself minutes or an agenda in its title lines ("Referat fra møde den
    4. marts 2025"), and not an annual report."""
    first = " ".join(_opening_titles(lines))
    return bool(cv.MINUTES_WORD.search(first) or cv.AGENDA_WORD.search(first)) and not _ANNUAL.search(first)


def _with_case(item: Item, heading: Heading) -> Item:
    """The item with the case number its heading prints ("Sag: 24/1234 – Title") as its field, unless
    a field line under it gives one."""
    if heading.case_number is None or "case_number" in item.fields:
        return item
    return replace(item, fields={**item.fields, "case_number": heading.case_number})


def _opening_titles(lines: Sequence[Line]) -> list[str]:
    """The title lines a document opens with (`title_lines`), above its first heading-shaped line: a
    short council's minutes reach their items within the opening lines, and «Pkt. 4 – Årsrapport» /
    «Bestyrelsen godkendte årsrapporten.» (a review: the minutes were read as an annual report, and
    item 1 lost) are an item's, not what the document calls itself."""
    opening = lines[:_OPENING]
    end = next((k for k, line in enumerate(opening) if line.text and is_heading_shaped(line.text)), len(opening))
    return title_lines([line.text for line in opening[:end]])


def _opens_group(lines: Sequence[Line], previous: Heading, heading: Heading) -> bool:
    """Whether a group header ("Lukket møde", "Lukkede sager") is the last text above `heading`, after
    the item before it: the items after it may be numbered from 1 again (`_numbered_again`)."""
    k = previous_nonblank(lines, heading.index)
    if k is None or k < previous.body_start:
        return False
    if cv.PURPOSE_GROUP.match(lines[k].text):  # "Til orientering" after the item's text, not its anchor
        return any(lines[j].text for j in range(previous.body_start, k))
    return bool(cv.GROUP_HEADER.match(lines[k].text))


def _unfound_items(head: Sequence[Line], items: Sequence[Item], contents: Sequence[tuple[int | None, str]],
                   skip: Collection[int] = ()) -> tuple[str, ...]:
    """Notes where the minutes show more items than were found: the lines above the first item
    hold an item's case number, case handler or decision (its heading is in a form not known),
    or a numbered paragraph below the first item's number that no run down to 1 took ("1. Godkendelse
    af referat" / "Godkendt." above item 3, item 2 not printed: `indexer.headings._prose_items_before`),
    or the contents list names more items than the text gave."""
    notes = []
    shown = next((line for line in head if line.text and _is_head_item_line(line.text)), None)
    if shown is not None:
        notes.append(f"teksten før første punkt har sagsnumre, sagsbehandlere eller beslutninger ({_where(shown)}): "
                     "punkter med overskrifter i et ukendt format er ikke indekseret")
    first = items[0].number if items else None
    numbered = None if first is None else next(
        (line for k, line in enumerate(head)
         if (h := prose_heading(head, k, skip)) is not None and h.number is not None and h.number < first), None)
    if numbered is not None:
        notes.append(f"teksten før første punkt (punkt {first}) har en nummereret overskrift uden sagsnummer, afsnit "
                     f"eller beslutning under sig ({_where(numbered)}): det punkt er ikke indekseret")
    # the signature page a contents list names («Underskriftsside 13») is no item
    listed = len({cv.clean_title(title).casefold() for _, title in contents if title and not cv.CLOSING.match(title)})
    if listed > len(items):
        notes.append(f"indholdsfortegnelsen nævner {listed} punkter, men kun {len(items)} blev fundet i teksten: "
                     "punkter med overskrifter i et ukendt format er ikke indekseret")
    return tuple(notes)


def _where(line: Line) -> str:
    return f"side {line.page}, linje {line.number}" if line.page > 1 else f"linje {line.number}"


def _numbered_again(items: Sequence[Item], groups: Collection[int] = ()) -> tuple[str, ...]:
    """A note where the items' numbering starts again at 1 after higher numbers: two meetings'
    minutes in one file (joined by a script, or a PDF of a whole month), all indexed under the
    first meeting's date, council and attendance. Not after a group header (`groups`: the items'
    indexes a "Lukket møde" or "Lukkede sager" stands above): a meeting's closed part may number
    its items from 1 again."""
    highest = 0
    for index, item in enumerate(items):
        if index in groups:
            highest = 0
        if item.number == 1 and highest >= 2:
            line = item.start
            where = f"side {line.page}, linje {line.number}" if line.page > 1 else f"linje {line.number}"
            return (f"nummereringen begynder forfra med punkt 1 ({where}): rummer filen flere møder? Alle punkter er "
                    "indekseret under det første mødes dato og råd – del filen i én fil pr. møde",)
        highest = max(highest, item.number or 0)
    return ()


def _skipped_numbers(items: Sequence[Item]) -> tuple[str, ...]:
    """A note where the items' numbers skip one (1, then 3) and the missing one's heading stands
    in the text of the item before ("2. Meddelelser fra formanden" with only prose under it, as
    agendas print an item to be told, not decided): that item is indexed as part of the one before.
    Only then: public minutes skip the numbers of closed items, whose headings are not printed."""
    found = []
    for item, after in zip(items, items[1:]):
        if item.number is None or after.number is None or after.number <= item.number + 1:
            continue
        missing = item.number + 1
        line = next((line for line in item.lines if line.text and _numbered(line.text) == missing), None)
        if line is not None:
            found.append(f"punkt {missing} ({f'side {line.page}, ' if line.page > 1 else ''}linje {line.number})")
    if not found:
        return ()
    return (f"nummereringen springer over {', '.join(found[:_MERGED_SHOWN])}, hvis overskrift står i teksten til "
            "punktet før uden sagsnummer, afsnit eller beslutning under sig: det er indekseret som en del af det punkt",)


def _numbered(text: str) -> int | None:
    """The number a heading-shaped line begins with ("2. Meddelelser", "Punkt 2: …"), or None."""
    match = cv.NUMBERED_HEADING.match(text) or cv.PUNKT_HEADING.match(text)
    return int(match.group("number")) if match and not cv.is_list_point(match.group("title")) else None


_MERGED_SHOWN = 3  # lines a note names where items seem merged


def _merged_items(items: Sequence[Item]) -> tuple[str, ...]:
    """A note where an item's text holds the start of another item: a case number other than the
    item's own, or a title line right above a case number or case handler ("§ 3. Høring …" /
    "Sagsnr.: 23/20110" inside item 2's decision). A heading in a form not known was missed there,
    and two items are indexed as one."""
    found = [line for item in items if (line := _other_item_start(item)) is not None]
    if not found:
        return ()
    where = ", ".join(f"side {line.page}, linje {line.number}" if line.page > 1 else f"linje {line.number}"
                      for line in found[:_MERGED_SHOWN])
    more = f" og {len(found) - _MERGED_SHOWN} steder til" if len(found) > _MERGED_SHOWN else ""
    return (f"et punkts tekst ser ud til at rumme starten på et andet punkt (en overskrift med sagsnummer "
            f"eller et andet sagsnummer, {where}{more}): en punktoverskrift i et ukendt format er måske ikke fundet, "
            "og to punkter kan være indekseret som ét",)


def _other_item_start(item: Item) -> Line | None:
    """The first line of `item`'s text that starts another item (`_merged_items`), or None."""
    lines = item.lines
    for k, line in enumerate(lines):
        field = cv.field_line(line.text) if line.text else None
        if field is None:
            continue
        case = field.fields.get("case_number")
        above = lines[k - 1] if k > 0 else None
        if above is not None and above.text and _is_title_line(above.text) and not (
                item.title and _continued_title(above.text, item.title)) and (
                {"case_number", "case_handler"} & {*field.fields, *field.pending}):
            return above
        if case and case != item.fields.get("case_number"):
            return line
    return None


def _is_title_line(text: str) -> bool:
    """A line that can title an item: a few words, no sentence, no label or field line."""
    return (len(text.split()) <= 15 and not re.search(r"[.:;,!?]$", text) and cv.section_label(text) is None
            and cv.field_line(text) is None)


def _is_head_item_line(text: str) -> bool:
    """A line of the head only an agenda item has: its case number or handler, or its decision."""
    field = cv.field_line(text)
    if field is not None:
        return bool({"case_number", "case_handler"} & {*field.fields, *field.pending})
    return is_decision_line(text)


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
