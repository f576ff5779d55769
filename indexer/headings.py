"""Numbered item headings: where each agenda item starts, with its number and title.

A heading counts only with its *anchor*: a heading-shaped line (`15. Title`, `3a Title`, `4.1 Title`,
`5 Title`, `Punkt 9: Title`, `Pkt. 58` / `Dagsordenspunkt 3` / `Sag nr. 13` + title, a title above
`Sag nr. 130`, a contents title) is an item heading when a field line, a section label, a decision
header or the repeated title follows within a few lines, before any other heading-shaped line, or
its title ends in its case number in brackets (`Title (2023-0112233)`, Copenhagen).
That one rule rejects `1. at …`, `1) …`, `29. oktober 2020.` and contents lists, in every layout
family (see tests/fixtures/layouts/LAYOUTS.md). Headings without an anchor: the last one, with
nothing or a line of text after it, when its number follows the item before it (`5. Eventuelt` /
`Intet.`); and items with only prose under them at a paragraph's start that number the items from 1
up to the first anchored one (`1) Godkendelse af referat` / `Referatet blev godkendt.`), fill the gap
between two anchored ones, or go on after the last one in its form (`Ad 4. Title` / prose, after
`Ad 3. Title` / `Sagsnr.: …`), or, in minutes with no anchored heading at all, run 1, 2, 3
(`prose_headings`). Minutes without item numbers may print
each item's case number as its heading (`Sag: 24/1234 – Title`, `case_headings`), or under the title
(`Title` / `Sag: 24/1234 – Åben sag`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from indexer import conventions as cv
from indexer.models import DECISION, Line

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
    case_number: str | None = None  # the case number a heading prints as the item's ("Sag: 24/1234 – Title")


def find_item_headings(lines: Sequence[Line], contents: list[tuple[int | None, str]], skip: set[int]) -> list[Heading]:
    """The item headings of a document's lines, in order, outside its contents list's lines (`skip`)."""
    titles = {fold_title(title): number for number, title in contents if title}
    headings = _scan(lines, titles, skip)
    found = {(h.number, fold_title(h.title)) for h in headings}
    if headings and any((number, title) not in found for title, number in titles.items() if number is not None):
        # Minutes (their items have anchored headings) whose contents list names an item not found:
        # a heading repeating a contents entry, number and title, is that item even with nothing under
        # it (a closed item printed with its heading only). Not in a report: its numbered chapters,
        # listed in its contents, have no anchors, and stay its sections.
        headings = _scan(lines, titles, skip, listed=True)
    headings = _without_references(lines, headings, titles)
    headings = _prose_items_between(lines, _prose_items_before(lines, headings, skip), skip)
    headings = _prose_items_after(lines, headings, skip)
    return _under_group_titles(lines, _closed_titles(lines, _without_decision_points(lines, headings), skip), skip)


def _under_group_titles(lines: Sequence[Line], headings: list[Heading], skip: set[int]) -> list[Heading]:
    """The headings with sub-items («4.1», «4.2»; «5a», «5b») under the numbered title that groups them:
    «4. Vejprojekter 2025» alone as the last text above «4.1 Ombygning …», with no anchor of its own (no
    item 4 was found). It is no text of the item above (a layouts16 review: item 3's «Indstilling» ended in
    «4. Vejprojekter 2025», and only item 3 was found by «Vejprojekter»): the first sub-item starts at it,
    and each sub-item's title is cited under it, «Vejprojekter 2025 – Ombygning …», as a report's
    sub-chapter is under its chapter (`indexer.reports`)."""
    out: list[Heading] = []
    group: tuple[int, str] | None = None  # the number and title of the group the last sub-item is under
    for heading in headings:
        before = out[-1] if out else None
        sub = (heading.number is not None and heading.label is not None and heading.label != str(heading.number)
               and heading.label.startswith(str(heading.number)))
        if not sub or (group is not None and group[0] != heading.number):
            group = None
        if sub and group is None and heading.split_at is None and (before is None or (
                before.number is not None and before.number < heading.number)):
            k = _group_title_above(lines, heading, before.body_start if before else 0, skip)
            if k is not None:
                group = (heading.number, cv.clean_title(_group_title(lines[k].text)))
                heading = replace(heading, index=k)
        if sub and group is not None:
            heading = replace(heading, title=f"{group[1]} – {heading.title}")
        out.append(heading)
    return out


def _group_title(text: str) -> str:
    """The title of a numbered line «4. Vejprojekter 2025» or «4 Vejprojekter 2025»."""
    match = cv.NUMBERED_HEADING.match(text) or cv.LABELLED_HEADING.match(text)
    return match.group("title") if match else text


def _group_title_above(lines: Sequence[Line], heading: Heading, start: int, skip: set[int]) -> int | None:
    """The line of the numbered title grouping a sub-item («4. Vejprojekter 2025» over «4.1 …»): the last
    text above its heading, after line `start`, a paragraph of its own numbered as the sub-item, a title
    (no sentence, no list's point, no label, field or group header: «Til drøftelse» over «2.1 …» is left to
    `indexer.items`), and no list's last point («2. …» / «3. …» in the item above's text)."""
    k = previous_nonblank(lines, heading.index)
    if k is None or k < start or k in skip or (k > 0 and lines[k - 1].text):
        return None
    text = lines[k].text
    match = cv.NUMBERED_HEADING.match(text) or cv.LABELLED_HEADING.match(text)
    if match is None or int(match.group("number")) != heading.number or match.groupdict().get("sub"):
        return None
    title = match.group("title")
    if (title.rstrip()[-1:] in (":", ";", ",") or cv.is_sentence(title) or cv.is_list_point(title) or cv.field_line(text) is not None
            or cv.label_of(text) is not None or cv.GROUP_HEADER.match(text) or cv.PURPOSE_GROUP.match(text)
            or cv.decision_header(text)):
        return None
    above = previous_nonblank(lines, k)
    if above is not None and above >= start and (point := _numbering(lines[above].text)) is not None \
            and point[1] == heading.number - 1:
        return None  # a numbered list's last point in the text above
    return k


# Items a document leaves out between two it prints (closed items, an item withdrawn: 3, 5, 6 when 4 udgik):
# the next item may be numbered up to this many more than the one before and still continue its sequence.
_LEFT_OUT = 3


def _without_references(lines: Sequence[Line], headings: list[Heading],
                        contents: dict[str, int | None]) -> list[Heading]:
    """The headings without a line in an item's text that names another case as a heading would:
    «Sagen hænger sammen med:» / «Sag 12: Trafikplan for bymidten» or «Se også tidligere behandling:» /
    «Sag 7. Budget 2025 (Økonomiudvalget 3. februar 2025)» above the item's «Beslutning» (code review 27:
    a new item 12 took item 1's decision, the numbers ran 1, 12, 2, no note). Such a line breaks the
    items' sequence (`_breaks_sequence`) and lacks an anchor the items around it have (`_printed_apart`,
    `_without_fields`); one that the contents list names, that a sequence goes on from (a second
    meeting's items from 1, `indexer.segment._numbered_again`), or that has every anchor its neighbours
    have (`_anchored_as`: a closed item 8 or a supplement's item 20 after items 1-3, code review 28) is
    an item. After the last item only a line with no anchor at all, set in the text (`_set_in_text`), is
    dropped: a last item numbered out of sequence is common (closed items, «Tillægsdagsorden»)."""
    out: list[Heading] = []
    for k, heading in enumerate(headings):
        before = out[-1] if out else None
        after = headings[k + 1] if k + 1 < len(headings) else None
        if (before is not None and _breaks_sequence(out, heading, after)
                and fold_title(heading.title) not in contents
                and any(lines[j].text for j in range(before.body_start, heading.index))):  # in the item's text
            neighbours = [before, after] if after is not None else out[-2:]
            own = _anchors(lines, heading, before)
            if not _anchored_as(lines, own, neighbours) and (
                    # between two items in sequence, any missing anchor tells; after the last, only
                    # a line without any, set in the text (a last «Eventuelt» often has no case number)
                    _printed_apart(lines, heading, neighbours) or _without_fields(lines, heading, neighbours)
                    if after is not None else not own and _set_in_text(lines, heading, neighbours)):
                continue
        out.append(heading)
    return out


def _fits_after(previous: Heading, heading: Heading, left_out: int = _LEFT_OUT) -> bool:
    """Whether `heading`'s number continues the sequence after `previous`: the next number, or one a few
    items left out further on, or the same one with a letter or sub-number (4 → 4.1, 3a → 3b).

    >>> item = lambda number, label=None: Heading(0, number, "", 1, label=label)
    >>> [_fits_after(item(3), item(n)) for n in (4, 5, 7, 8, 12, 2, 3)]
    [True, True, True, False, False, False, False]
    >>> _fits_after(item(4), item(4, "4.1")), _fits_after(item(2), item(4), left_out=0)
    (True, False)
    """
    if previous.number is None or heading.number is None:
        return False
    if heading.number == previous.number:
        return bool(heading.label)
    return previous.number < heading.number <= previous.number + 1 + left_out


def _breaks_sequence(out: list[Heading], heading: Heading, after: Heading | None) -> bool:
    """Whether `heading` breaks the sequence the item headings around it form. Between the item before
    (`out[-1]`) and the next one, which continues it (`_fits_after`): numbered outside the two (1, 12, 2).
    After the last item, whose number continues the one before it: numbered neither next nor 1 (1, 2, 7;
    `_without_references` asks more of such a line before it drops it). A gap left by closed items
    (1, 2, 6, 7) forms no sequence to break, and a second meeting's items (1, 2, 3, 1, 2) go on from
    their first: both keep their headings."""
    before = out[-1]
    if heading.number is None or before.number is None:
        return False
    if after is not None:
        return (_fits_after(before, after) and not _fits_after(heading, after)
                and not before.number <= heading.number <= (after.number or 0))
    return (len(out) >= 2 and _fits_after(out[-2], before) and heading.number != 1
            and not _fits_after(before, heading, left_out=0))


# The anchors an item heading may have, in the order they follow it: field lines («Sagsnr.: 24/1234»),
# then a section label («Sagens indhold», «Beslutning»).
_FIELDS, _SECTION = "fields", "section"


def _anchors(lines: Sequence[Line], heading: Heading, before: Heading | None = None) -> set[str]:
    """The anchors under a heading: field lines right under it, a section label right under it or them.
    With `before`, the item the heading may belong to, a section label counts only where it repeats one
    of that item's («Sagens indhold» again, or «Beslutning» after its «Beslutning»): one it has not had
    yet («Se også:» / «7. Budget 2025» / «Beslutning» after its «Sagens indhold») goes on with it.

    >>> L = lambda *texts: [Line(t, 1, n) for n, t in enumerate(texts, 1)]
    >>> lines = L("1. A", "Sagens indhold", "Tekst.", "", "7. B", "", "Beslutning", "Godkendt.",
    ...           "8. C", "Sagsnr.: 24/1", "", "Sagens indhold")
    >>> first, seventh, eighth = Heading(0, 1, "A", 1), Heading(4, 7, "B", 5), Heading(8, 8, "C", 9)
    >>> sorted(_anchors(lines, seventh)), _anchors(lines, seventh, first), sorted(_anchors(lines, eighth, first))
    (['section'], set(), ['fields', 'section'])
    """
    found: set[str] = set()
    j = next_nonblank(lines, heading.body_start)
    end = heading.body_start + 8  # «soon after»: a heading's field block is a few lines long
    while j is not None and j < end and (cv.field_line(lines[j].text) is not None or _recommended_by(lines, j)):
        found.add(_FIELDS)
        j = next_nonblank(lines, j + 1)
    label = cv.section_label(lines[j].text) if j is not None and j < end else None
    if label is not None and (before is None or cv.section_key(label[0]) in _section_keys(lines, before, heading)):
        found.add(_SECTION)
    return found


def _section_keys(lines: Sequence[Line], before: Heading, heading: Heading) -> set[str]:
    """The sections the item `before` has had by the line of `heading`."""
    return {cv.section_key(label[0]) for j in range(before.body_start, heading.index)
            if lines[j].text and (label := cv.section_label(lines[j].text)) is not None}


def _anchored_as(lines: Sequence[Line], own: set[str], neighbours: list[Heading]) -> bool:
    """Whether a heading with the anchors `own` has every anchor the item headings around it have
    (`_anchors`), field lines among them: printed as an item is, whatever its number («LUKKET DAGSORDEN»
    / «8. Salg af areal ved Havnevej» / «Sagsnr.: 24/9999» after items 1-3). A section label alone is no
    such sign: it follows a line of text at a section's end as well."""
    theirs = set.intersection(*(_anchors(lines, h) for h in neighbours)) if neighbours else set()
    return _FIELDS in theirs and theirs <= own


def _printed_apart(lines: Sequence[Line], heading: Heading, neighbours: list[Heading]) -> bool:
    """Whether a heading is printed unlike the item headings around it (`neighbours`), as a line of
    text is: in another form («Sag 12:» among «1.», «2.»: `_heading_form`), announced by the line above
    it («… hænger sammen med:», `_announced`), or inside a paragraph where they start one. Not under a
    header of a group of items («Tillægsdagsorden:», «LUKKET DAGSORDEN»: `_group_header`)."""
    forms = {_heading_form(lines[h.index].text) for h in neighbours}
    if len(forms) == 1 and _heading_form(lines[heading.index].text) not in forms:
        return True
    return _set_in_text(lines, heading, neighbours)


def _set_in_text(lines: Sequence[Line], heading: Heading, neighbours: list[Heading]) -> bool:
    """Whether a heading is set in the text as a line of it is: announced by a sentence ending in ":"
    above it («Se også tidligere behandling:», `_announced`), or inside a paragraph where the item
    headings around it (`neighbours`) start one; not under a group's header (`_group_header`)."""
    k = previous_nonblank(lines, heading.index)
    if k is not None and _group_header(lines[k].text):
        return False
    if _announced(lines, heading.index):
        return True
    starts = [h.index == 0 or not lines[h.index - 1].text for h in neighbours]
    return all(starts) and bool(lines[heading.index - 1].text)


# A header naming a group of items added or set apart, beyond `cv.GROUP_HEADER`: «Supplerende punkter»,
# «Tillægspunkter:», «Øvrige sager».
_ITEM_GROUP = re.compile(
    r"^(?i:(?:supplerende|yderligere|øvrige|ekstra|nye|tilføjede|efteranmeldte|fortrolige|lukkede|åbne)\s+"
    r"(?:punkter|sager|dagsordenspunkter)|tillægs(?:punkter|sager|dagsordenspunkter))\s*:?$")


def _group_header(text: str) -> bool:
    """Whether a line heads a group of items rather than being a line of an item's text: a group's
    header («LUKKET DAGSORDEN», «Tillægsdagsorden:», «Supplerende punkter», `cv.GROUP_HEADER`,
    `cv.PURPOSE_GROUP`), or a short line in upper case that is no section label.

    >>> [_group_header(t) for t in ("Tillægsdagsorden:", "LUKKET DAGSORDEN", "Supplerende punkter:", "ØVRIGE")]
    [True, True, True, True]
    >>> [_group_header(t) for t in ("Se også tidligere behandling:", "BESLUTNING", "Sagen hænger sammen med:")]
    [False, False, False]
    """
    if cv.GROUP_HEADER.match(text) or cv.PURPOSE_GROUP.match(text) or _ITEM_GROUP.match(text):
        return True
    return (text.isupper() and len(text.split()) <= 6 and not text.endswith(".")
            and cv.section_label(text) is None and cv.field_line(text) is None)


def _without_fields(lines: Sequence[Line], heading: Heading, neighbours: list[Heading]) -> bool:
    """Whether the item headings around a heading have field lines under them («Sagsnr.: 24/1234»), and
    it has none."""
    return (all(anchor_follows(lines, h.body_start, "", fields_only=True) for h in neighbours)
            and not anchor_follows(lines, heading.body_start, "", fields_only=True))


def _without_decision_points(lines: Sequence[Line], headings: list[Heading]) -> list[Heading]:
    """The headings without the points of a decision's numbered list taken for one: "3. Finansieringen
    blev godkendt, idet … til protokol:" at the top of a page, inside item 2's decision (its "1." and
    "2." on the page before), with the real "3. Anlægsbevilling …" later (a PDF review). Such a point
    repeats the next heading's number, stands under the item before's decision, and reads as a sentence."""
    out: list[Heading] = []
    for k, heading in enumerate(headings):
        after = headings[k + 1] if k + 1 < len(headings) else None
        before = out[-1] if out else None
        if (before is not None and after is not None and heading.number is not None and not heading.label
                and after.number == heading.number and not after.label
                # the same title again below, whole or cut short, is the item's own heading printed
                # twice, not a list point (item 2's case and decision went into item 1, a code review);
                # and a point of a list has no field line under it («Sagsnr.: 25/102»)
                and fold_title(after.title).split()[:2] != fold_title(heading.title).split()[:2]
                and not _field_line_under(lines, heading)
                and _reads_as_sentence(lines, heading) and _in_decision(lines, before.body_start, heading.index)):
            continue
        out.append(heading)
    return out


def _field_line_under(lines: Sequence[Line], heading: Heading) -> bool:
    """Whether the first text under a heading is a field line («Sagsnr.: 25/102»): an item's heading."""
    k = next_nonblank(lines, heading.body_start)
    return k is not None and cv.field_line(lines[k].text) is not None


def _reads_as_sentence(lines: Sequence[Line], heading: Heading) -> bool:
    """Whether a heading's lines read as a sentence: a line ends in ":" or ".", or the title is long."""
    texts = [lines[k].text.rstrip("\"”»' ") for k in range(heading.index, heading.body_start) if lines[k].text]
    return (any(t.endswith((":", ".")) and not t.endswith("..") for t in texts)
            or len(heading.title.split()) > 12)


def _in_decision(lines: Sequence[Line], start: int, end: int) -> bool:
    """Whether the last section label or decision header between lines `start` and `end` opens a decision."""
    for k in range(end - 1, start - 1, -1):
        text = lines[k].text
        if not text:
            continue
        if cv.decision_header(text) is not None:
            return True
        label = cv.label_of(text)
        if label is not None:
            return cv.section_key(label) == DECISION
    return False


def _closed_titles(lines: Sequence[Line], headings: list[Heading], skip: set[int]) -> list[Heading]:
    """The headings with the closed items printed by their title only under a closed part's group
    header: "Lukket møde" / "3. Salg af areal ved Industrivej" / "4. Personalesag" after item 2, nothing
    under any of them (a code review: item 2's decision swallowed them). Each is a numbered line
    alone, continuing the items' numbers (N + 1, N + 2, …) from the item before the header, with only
    the next such line, a group header or the next heading after it: a decision's numbered list
    follows no group header, and each point of one has its text after it."""
    out: list[Heading] = []
    for heading, after in zip(headings, [*headings[1:], None]):
        out.append(heading)
        if heading.number is None or heading.label:
            continue
        stop = after.index if after is not None else closed_titles_end(lines)
        header = next((k for k in range(heading.body_start, stop)
                       if k not in skip and cv.GROUP_HEADER.match(lines[k].text)
                       and re.search(r"\blukke[dt]", lines[k].text.casefold())), None)
        if header is None:
            continue
        found: list[Heading] = []
        number = heading.number
        k = next_nonblank(lines, header + 1)
        while k is not None and k < stop:
            text = lines[k].text
            match = cv.NUMBERED_HEADING.match(text) or cv.LABELLED_HEADING.match(text)
            if (match is None or cv.item_label(match) or cv.heading_number(match) != number + 1
                    or cv.is_list_point(match.group("title")) or cv.is_sentence(match.group("title"))
                    or match.group("title").rstrip()[-1:] in (":", ";", ",")):
                break
            below = next_nonblank(lines, k + 1)
            if below is not None and below < stop and not (_ends_closed_titles(lines[below].text)
                                                           or is_heading_shaped(lines[below].text)):
                break  # text under it: a point of a list, or an item whose heading is of another kind
            number += 1
            found.append(Heading(k, number, cv.clean_title(match.group("title")), k + 1))
            k = below
        later = {h.number for h in headings if h.index > heading.index}
        if any(h.number in later for h in found):
            # the numbers of headings that follow: a decision naming the items it sends to the
            # closed part («… to sager på lukket møde:» / «Lukket møde» / «2. Køb af ejendom»),
            # whose real items come after it (a segmentation review: duplicates, all closed)
            continue
        if found and (k is None or k >= stop or _ends_closed_titles(lines[k].text)):
            out.extend(found)  # the titles run up to the next heading or group header, or the end
    return out


def title_only_items(lines: Sequence[Line], headings: list[Heading], skip: set[int]) -> list[Heading]:
    """The headings with the items printed by their numbered title only, nothing under it, that stand
    in the expected sequence: «1. Godkendelse af dagsorden» above item 2; «3. Meddelelser» / «LUKKEDE
    SAGER» / «4. Salg af grund …» after item 2's text; «Sag nr. 3: Lukket punkt: Ejendomssalg» between
    items 2 and 4 (a review: each went silently into the item before, or was lost). They count only
    as the last paragraphs of the text before an item (or of the last item), nothing but such titles
    and group headers there (`_title_run`), printed in the form of the items' headings, numbered 1 …
    N − 1 above the first item N, N + 1 … M − 1 between items N and M, N + 1, N + 2, … after the last
    item: a numbered list in an item's text has text under its points, or other numbers. Called by
    `indexer.segment` on `find_item_headings`' headings once they are known to be minutes': a report's
    list of title-only points above its one anchored «3. …» is no run of items."""
    if not headings:
        return headings
    out: list[Heading] = []
    first = headings[0]
    if first.number is not None and not first.label and first.number >= 2:
        out.extend(_title_run(lines, 0, first.index, skip, first, 1, first.number - 1))
    for heading, after in zip(headings, [*headings[1:], None]):
        out.append(heading)
        if heading.number is None or heading.label:
            continue
        if after is None:
            end = _last_text(lines)
            if end is not None and end >= heading.body_start:
                out.extend(_title_run(lines, heading.body_start, end + 1, skip, heading, heading.number + 1, None))
        elif after.number is not None and not after.label and after.number - heading.number >= 2:
            out.extend(_title_run(lines, heading.body_start, after.index, skip, heading,
                                  heading.number + 1, after.number - 1))
    return out


def _title_run(lines: Sequence[Line], start: int, stop: int, skip: set[int], beside: Heading,
               first: int, last: int | None) -> list[Heading]:
    """The title-only headings ending lines start … stop − 1: the longest tail of them made only of
    numbered titles with nothing under them (`prose_heading`, `alone`) and group headers («LUKKEDE
    SAGER»), printed in `beside`'s form, when they number `first` … `last` (`last` None: as many as
    there are, after the last item); else none."""
    form = _heading_form(lines[beside.index].text)
    for k in range(start, stop):
        if not lines[k].text or (k > start and lines[k - 1].text):
            continue  # the tail starts a paragraph
        found: list[Heading] = []
        j: int | None = k
        while j is not None and j < stop:
            if j not in skip and cv.GROUP_HEADER.match(lines[j].text):
                j = next_nonblank(lines, j + 1)
                continue
            heading = prose_heading(lines, j, skip, alone=True)
            if heading is None or heading.label or _heading_form(lines[j].text) != form:
                break
            found.append(heading)
            j = next_nonblank(lines, heading.body_start)
        if j is not None and j < stop:
            continue  # text after it: not the tail
        wanted = list(range(first, first + len(found) if last is None else last + 1))
        if (not found or [h.number for h in found] != wanted or _announced(lines, found[0].index)
                or _under_header(lines, found[0].index) or _quoted(lines, found[0].index)):
            return []
        return found
    return []


def _ends_closed_titles(text: str) -> bool:
    """A line after a closed part's titles: a group header ("Åbent møde"), or the meeting's end
    ("Mødet hævet kl. 18.30")."""
    return bool(cv.GROUP_HEADER.match(text)) or cv.is_attendance(text)


def closed_titles_end(lines: Sequence[Line]) -> int:
    """Where the last item's lines end for `_closed_titles`: the signatures (`cv.CLOSING`), or the end."""
    return next((k for k, line in enumerate(lines) if line.text[:1] == "U" and cv.CLOSING.match(line.text)),
                len(lines))


def _scan(lines: Sequence[Line], titles: dict[str, int | None], skip: set[int], listed: bool = False) -> list[Heading]:
    """The headings found line by line (`_heading_at`); `listed`: a contents entry is an anchor."""
    headings: list[Heading] = []
    last = _last_text(lines)
    above_case: dict[str, str] | None = None  # the case fields at the top of the last heading's item (`_top_case`)
    i = 0
    while i < len(lines):
        expected = headings[-1].number + 1 if headings and headings[-1].number is not None else None
        heading = None if i in skip or not lines[i].text else _heading_at(lines, i, titles, listed, expected, above_case)
        if heading is None and i not in skip and lines[i].text[-1:] == ")":
            heading = _number_after_title(lines, i, headings[-1] if headings else None)
        if heading is None and i not in skip and lines[i].text.isdigit():
            heading = _bare_number_heading(lines, i, headings[-1] if headings else None)
        if heading is None and headings and last is not None and i not in skip and _near_end(lines, i, last, headings[-1]):
            heading = _closing_heading(lines, i, last, headings[-1])
        if heading:
            heading = _without_page_number(lines, heading, titles)
            headings.append(heading)
            above_case = _top_case(lines, heading)
            i = heading.body_start
        else:
            i += 1
    return headings


def _prose_items_before(lines: Sequence[Line], headings: list[Heading], skip: set[int]) -> list[Heading]:
    """The headings with the items before the first one that have only prose under them, no anchor:
    "1) Godkendelse af referat" / "Referatet blev godkendt." above "2) Tilgængelighed …" / "Sagsbehandler: …".
    They count when they number the items from 1 up to the first one found (item N): a run 1 … N − 1
    of numbered paragraphs (`prose_heading`, `_numbered_run`) above it, or none of them does (a head's
    stray "3. Title" is no such run). Only above the first item: a numbered paragraph inside an item
    is its text, and a gap in the numbers there is noted (`indexer.segment._skipped_numbers`)."""
    if not headings or headings[0].number is None or headings[0].number < 2 or headings[0].label:
        return headings
    first = headings[0]
    candidates = [h for k in range(first.index) if (h := prose_heading(lines, k, skip)) is not None]
    run = _numbered_run(candidates, first.number - 1)
    return run + headings if run and run[-1].number == first.number - 1 else headings


def _prose_items_between(lines: Sequence[Line], headings: list[Heading], skip: set[int]) -> list[Heading]:
    """The headings with the items between two of them that have only prose under them: "2.
    Meddelelser fra formanden" / "Formanden orienterer om …" in the text of item 1, with item 3 next
    (an agenda prints an item to be told, not decided). They count when the numbered paragraphs
    (`prose_heading`) in the text between items N and M are exactly N + 1 … M − 1, in order, none of
    them announced by a line ending in ":" (`_announced`) or quoted (`_quoted`): a numbered list in the
    text (a decision's "1. …", "2. …") brings other numbers and leaves the gap as it is, noted
    (`indexer.segment._skipped_numbers`)."""
    out: list[Heading] = []
    for heading, after in zip(headings, [*headings[1:], None]):
        out.append(heading)
        if (after is None or heading.number is None or after.number is None or heading.label or after.label
                or after.number - heading.number < 2):
            continue
        found = [h for k in range(heading.body_start, after.index)
                 if (h := prose_heading(lines, k, skip)) is not None]
        wanted = list(range(heading.number + 1, after.number))
        if ([h.number for h in found] == wanted and not any(h.label or _announced(lines, h.index) for h in found)
                and not _quoted(lines, found[0].index)):
            out.extend(found)
    return out


def _prose_items_after(lines: Sequence[Line], headings: list[Heading], skip: set[int]) -> list[Heading]:
    """The headings with the items after the last one that have only prose under them: "Ad 4. Status
    på klimatilpasning" / "Orientering: …" and "Ad 5. Eventuelt" / "Næste møde …" under "Ad 3. …" /
    "Sagsnr.: …" (a review: they went into item 3's decision, silently). They count when the
    numbered paragraphs (`prose_heading`) in the last item's text printed in the last heading's form
    ("Ad N.", "§ N", "Pkt. N –") number on from it, N + 1, N + 2, …, each one more than the one
    before, none announced by a line ending in ":" (`_announced`) or a sentence saying the text quotes
    them (`_quoted`: «Ændringerne fremgår nedenfor.» / «§ 4 Økonomiudvalget», a statute's paragraphs),
    and no other line is numbered in that form there: a list in the decision numbers from 1, or in
    another form, and stays its text."""
    if not headings or headings[-1].number is None or headings[-1].label:
        return headings
    last = headings[-1]
    form = _heading_form(lines[last.index].text)
    if form is None:
        return headings
    # every line numbered in that form counts: a decision's "1. …", "2. …" sentences above a
    # "3. Tidsplan" (a code review) are a list, its "3." no item
    shaped = [k for k in range(last.body_start, closed_titles_end(lines))
              if k not in skip and lines[k].text and _heading_form(lines[k].text) == form]
    found = [h for k in shaped if (h := prose_heading(lines, k, skip)) is not None]
    numbers = [h.number for h in found]
    if (not found or len(found) != len(shaped)
            or numbers != list(range(last.number + 1, last.number + 1 + len(found)))
            or any(h.label or _announced(lines, h.index) for h in found) or _quoted(lines, found[0].index)):
        return headings
    return headings + found


# The last sentence of a text that says the paragraphs after it are its own: "Ændringerne fremgår
# nedenfor.", "… med følgende ændringer.", "§ 4 affattes herefter således.", "Bestemmelsen lyder herefter."
# (a heading's "Godkendt."; "… på det følgende møde." points to no text)
_QUOTING = re.compile(
    r"\b(?:nedenfor|nedenstående|som\s+følger)\b"
    r"|\b(?:herunder|således|følgende(?:\s+(?:ændringer|ændring|tekst|ordlyd|bestemmelser|bestemmelse|formulering))?"
    r"|lyder(?:\s+(?:herefter|nu|fremover))?)\s*[.:]?$", re.IGNORECASE)


def _quoted(lines: Sequence[Line], i: int) -> bool:
    """Whether the paragraph at line i is quoted by the text above it: that text ends in a sentence
    announcing what follows (`_QUOTING`: «Ændringerne fremgår nedenfor.» / «§ 4 Økonomiudvalget», a
    statute's paragraphs quoted in the last item's decision, a code review). Numbered paragraphs with
    only prose under them after the last anchored item are its items only on their numbers; a text
    that says they are its own wins."""
    end = previous_nonblank(lines, i)
    if end is None:
        return False
    start = end
    while start > 0 and lines[start - 1].text:
        start -= 1
    paragraph = " ".join(lines[k].text for k in range(start, end + 1))
    last = re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ§])", paragraph)[-1]
    return bool(_QUOTING.search(last))


# What a heading prints around its number: "Ad 3. Title" → ("ad", "."), "§ 3 Title" → ("§", ""),
# "Pkt. 3 – Title" → ("pkt.", "–"); the items of one document are printed alike.
_FORM = re.compile(r"^(?P<before>\D{0,20}?)\s*\d{1,3}\s*(?P<after>[.):]?\s*[-–]?)\s")


def _heading_form(text: str) -> tuple[str, str] | None:
    """What a heading-shaped line prints around its number, or None.

    >>> [_heading_form(t) for t in ("Ad 3. Budget", "§ 4 Meddelelser", "Pkt. 4 – Færgerne", "5. Eventuelt")]
    [('ad', '.'), ('§', ''), ('pkt.', '–'), ('', '.')]
    """
    match = _FORM.match(text)
    if match is None:
        return None
    return match.group("before").strip().casefold(), "".join(match.group("after").split())


def prose_headings(lines: Sequence[Line], skip: set[int]) -> list[Heading]:
    """The item headings of minutes whose items all have only prose under them, no anchor (a small
    council's "1. Godkendelse af dagsorden" / "Dagsordenen blev godkendt.", "2. Ungdomsbudget 2025" /
    …): a run of numbered paragraphs 1, 2, … (`prose_heading`, `_numbered_run`), at least two.
    Used only where the document calls itself minutes or an agenda (`indexer.segment`): a report's
    numbered chapters are its sections."""
    run = _numbered_run([h for k in range(len(lines)) if (h := prose_heading(lines, k, skip)) is not None])
    return run if len(run) >= 2 else []


def case_headings(lines: Sequence[Line], skip: set[int]) -> list[Heading]:
    """The item headings of minutes that print each item's case number as its heading, the title
    after a dash ("Sag: 24/1234 – Godkendelse af dagsorden" / "Beslutning: Godkendt.", "Sag: 23/9876 –
    Vejbelysning" / "Sagsbehandler: Kirsten Ravn"), no item number. Each starts a paragraph, with its
    anchor under it (`anchor_follows`), two at least: used only where no numbered heading was found
    (`indexer.segment`), so a single such line inside an item stays its text."""
    found = []
    for i, line in enumerate(lines):
        if i in skip or line.text[:3].casefold() != "sag":
            continue
        match = cv.CASE_HEADING.match(line.text)
        if match is None:
            continue
        if _case_line_mark(match.group("title")):
            # «Vejbelysning på Skolevej» / «Sag: 24/1234 – Åben sag»: an openness marker or purpose after
            # the dash is no title but the field line under the item's title, the paragraph above (a code
            # review: two items titled «Åben sag», their titles lost)
            title = _title_above(lines, i, skip)
            if title is None or not anchor_follows(lines, i + 1, ""):
                continue
            found.append(Heading(title, None, " ".join(cv.clean_title(lines[k].text) for k in range(title, i)
                                                       if lines[k].text), i + 1, case_number=match.group("case")))
            continue
        if ((i > 0 and lines[i - 1].text) or cv.is_list_point(match.group("title"))
                or cv.is_sentence(match.group("title")) or not anchor_follows(lines, i + 1, match.group("title"))):
            continue
        found.append(Heading(i, None, cv.clean_title(match.group("title")), i + 1, case_number=match.group("case")))
    return found if len(found) >= 2 else []


# What a case line may print after its dash instead of a title: the item's openness ("Åben sag",
# `conventions.OPENNESS_MARKER`) or what the council is asked to do ("Til beslutning", `conventions.PURPOSE_GROUP`)
_OPENNESS_ALONE = re.compile(rf"^{cv.OPENNESS_MARKER}$")


def _case_line_mark(text: str) -> bool:
    """Whether the text after a case line's dash is a marker, no title.

    >>> [_case_line_mark(t) for t in ("Åben sag", "Lukket punkt", "Til beslutning.", "Lukket sag: Køb", "Vejbelysning")]
    [True, True, True, False, False]
    """
    text = text.strip().rstrip(".").rstrip()
    return bool(_OPENNESS_ALONE.match(text) or cv.PURPOSE_GROUP.match(text))


def case_line_closed(lines: Sequence[Line], heading: Heading) -> bool | None:
    """Whether the case line under a heading's title says the item is closed («Sag: 24/1234 – Lukket
    sag»: True, «– Åben sag»: False), or None: the item's own mark, which `indexer.openness` does not
    see there (the line is part of the heading, `case_headings`)."""
    k = heading.body_start - 1
    if heading.case_number is None or k <= heading.index:
        return None
    match = cv.CASE_HEADING.match(lines[k].text)
    if match is None or not _OPENNESS_ALONE.match(match.group("title").strip().rstrip(".").rstrip()):
        return None
    return match.group("title").casefold().startswith("lukke")


def _title_above(lines: Sequence[Line], i: int, skip: set[int]) -> int | None:
    """Where the title above a case line at line i starts: the paragraph right above it (at most one
    blank line between), up to `_MAX_TITLE_LINES` lines, that reads as a title, not as the item
    before's text («Godkendt.»), a label or a field line; else None."""
    end = previous_nonblank(lines, i)
    if end is None or i - end > 2:
        return None
    start = end
    while start > 0 and lines[start - 1].text:
        start -= 1
    texts = [lines[k].text for k in range(start, end + 1)]
    if (end - start + 1 > _MAX_TITLE_LINES or any(k in skip for k in range(start, end + 1))
            or cv.GROUP_HEADER.match(texts[0]) or cv.is_list_point(texts[0])
            # a head's «Mødedato: …», a decision's «Godkendt.»: no title
            or any(not _can_title(t) or cv.is_attendance(t) or _HEAD_LINE.match(t) for t in texts)
            or not all(_continues_title(t) for t in texts[1:]) or re.search(r"[.:;!?]$", texts[-1])):
        return None
    return start


def _numbered_run(candidates: list[Heading], highest: int | None = None) -> list[Heading]:
    """The items' run among numbered paragraphs: from the "1." nearest above the first "2." after a
    "1." (a stray "1." of the head above it is none of them), each next number the first one after
    the number before it, up to `highest`. The items run in order through the text: a numbered list
    in an item's text (each point a paragraph, "1. Skatepark" / "Rådet støtter forslaget.") numbers
    from 1 again and is skipped, being below the item's number."""
    plain = [h for h in candidates if h.number is not None and not h.label]
    ones = [k for k, h in enumerate(plain) if h.number == 1]
    if not ones:
        return []
    two = next((k for k, h in enumerate(plain) if h.number == 2 and k > ones[0]), None)
    start = max(k for k in ones if two is None or k < two)
    run = [plain[start]]
    for heading in plain[start + 1:]:
        if highest is not None and run[-1].number >= highest:
            break
        if heading.number == run[-1].number + 1:
            run.append(heading)
    # A "1." with prose under it right above the run's, with nothing numbered between them, is
    # another reading: «1. Godkendelse» / «1. Skatepark» / «2. Koncert» / «2. Ungdomsbudget» took a
    # list in item 1's text for the items, and item 1's text was lost. Two readings: no guess.
    if start > 0 and plain[start - 1].number == 1:
        return []
    return run


def prose_heading(lines: Sequence[Line], i: int, skip: set[int], alone: bool = False) -> Heading | None:
    """A heading-shaped line starting a paragraph, with prose under it and no anchor needed: "Pkt. 1 Valg
    af ordstyrer" / "Jens Vang blev valgt som ordstyrer." (or "Pkt. 1" alone, its title on the next line),
    as a heading; None where it cannot title an item ("1. at …", "1. Forslaget godkendes.", "Følgende blev
    drøftet:"), or is a contents entry or a group header. Valid only as one of a run of item numbers
    (`_prose_items_before`, `prose_headings`). It starts a paragraph, or is item 1 right under the
    head's last labelled line ("Til stede: …" / "Pkt. 1 – Godkendelse af referat"). `alone`: whatever
    is under it (the caller wants a title with nothing under it, `_title_run`)."""
    text = lines[i].text
    if i in skip or not text:
        return None
    # not the start of a paragraph: the next point of a list, a line of text; but item 1 may follow the
    # head's last line ("Referent: Inge Bojsen" / "1) Godkendelse af referat", a review)
    under_head = (i > 0 and bool(lines[i - 1].text) and _HEAD_LINE.match(lines[i - 1].text) is not None
                  and cv.section_label(lines[i - 1].text) is None)  # "Beslutning: Godkendt." is an item's
    if i > 0 and lines[i - 1].text and not under_head:
        return None
    if cv.GROUP_HEADER.match(text) or _is_contents_entry(text):
        return None
    match = cv.PKT_LINE.match(text)
    if match:
        if i + 1 >= len(lines) or not lines[i + 1].text or not _can_title(lines[i + 1].text):
            return None
        title, body_start = lines[i + 1].text, i + 2
    else:
        match = next((m for p in _NUMBERED_FORMS if (m := p.match(text))), None)
        # (a title after its number may be a label's word: "1. Indledning", "3. Økonomi")
        if match is None or cv.field_line(match.group("title")) is not None or cv.decision_header(match.group("title")):
            return None
        title, body_start = match.group("title"), i + 1
    if cv.is_list_point(title) or cv.is_sentence(title) or title.rstrip()[-1:] in (":", ";", ","):
        return None
    below = next_nonblank(lines, body_start)
    if not alone and (below is None or is_heading_shaped(lines[below].text)
                      or cv.GROUP_HEADER.match(lines[below].text)):
        return None  # no prose under it: a point of a list, each a paragraph ("1. Skatepark" / "" / "2. Koncert")
    if match.re is cv.PUNKT_HEADING and not match.groupdict().get("sag"):
        title = cv.without_meeting_reference(title)
    if under_head and (cv.heading_number(match) != 1 or cv.item_label(match)):
        return None
    return Heading(i, cv.heading_number(match), cv.clean_title(title), body_start, label=cv.item_label(match))


# A head's labelled line ("Til stede: …", "Afbud: …", "Referent: Inge Bojsen", "Mødested: …") right above item 1
_HEAD_LINE = re.compile(r"^[A-ZÆØÅ][a-zæøå]+(?: [a-zæøå]+)?\s*:\s+\S")


def _heading_at(lines: Sequence[Line], i: int, contents: dict[str, int | None], listed: bool = False,
                expected: int | None = None, above_case: dict[str, str] | None = None) -> Heading | None:
    """The heading at line i, or None; `expected`: the next item's number after the headings found above,
    `above_case`: the case number printed at the top of the item above (`_top_case`)."""
    text = lines[i].text
    if cv.GROUP_HEADER.match(text):
        return None  # "II. LUKKEDE PUNKTER" groups the items after it
    if _attachment_entry(lines, i, expected, above_case):
        return None  # «Bilag» / «1. …» / «2. …» / «3. Høringsnotat» / «Sagsbehandler: …»: the item's own fields follow
    match = cv.PKT_LINE.match(text) or cv.SAG_NR.match(text)
    if match:
        # "Pkt. 58", "Dagsordenspunkt 3", "Sag nr. 13" alone, the title on the next line(s). (A
        # "Sag nr." printed under its title has been read with that title, below.)
        return _number_line_heading(lines, i, int(match.group("number")), cv.item_label(match),
                                    match.groupdict().get("case"))
    for pattern in _NUMBERED_FORMS:
        match = pattern.match(text)
        if match and match.groupdict().get("dagsordenspunkt") and i > 0 and lines[i - 1].text:
            # "Godkendt." / "Dagsordenspunkt 3: Grunden udbydes til salg": a decision's line naming an item
            return None
        if match:
            number = cv.heading_number(match)
            # A point of a list is numbered "2." or "2)", never "Punkt 2:": only a bare number after a
            # list's point or a section label needs a strong anchor (an agenda's empty "Beslutning:"
            # above "Punkt 3: Meddelelser" made that item its decision).
            in_list = pattern is not cv.PUNKT_HEADING and (_continues_a_list(lines, i) or _opens_a_section(lines, i))
            heading = _titled_heading(lines, i, number, match.group("title"), strong_only=in_list,
                                      label=cv.item_label(match))
            if heading is None and not in_list and pattern is not cv.GLUED_HEADING:
                heading = _self_anchored(lines, i, number, match.group("title"), contents if listed else {},
                                         cv.item_label(match))
            if heading and pattern is cv.PUNKT_HEADING and not match.groupdict().get("sag"):
                heading = replace(heading, title=cv.without_meeting_reference(heading.title))
            if heading or pattern is not cv.LABELLED_HEADING:
                break  # "5 Title" without its anchor may still be a title above "Sag nr." or in the contents
    else:
        heading = None
    if heading or match:
        return heading
    sag = cv.SAG_TITLE_HEADING.match(text)
    if sag:
        # "Sag 2 Title": a field line under it, or the number after the last heading's ("Sag 5 Eventuelt" /
        # "Beslutning"), as `PUNKT_HEADING`'s "Sag 2: Title" needs no such anchor
        number = int(sag.group("number"))
        heading = _titled_heading(lines, i, number, sag.group("title"), strong_only=number != expected)
        if heading:
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


def _self_anchored(lines: Sequence[Line], i: int, number: int, title: str, contents: dict[str, int | None],
                   label: str | None) -> Heading | None:
    """A numbered heading with no anchor after it that is an item all the same: its title prints the
    item's openness in brackets ("50 (Lukket) Salg af areal ved Industrivej", EG/KMD: a closed item is
    printed with its heading only), or the contents list names it under the same number (`contents`,
    given only for minutes: `find_item_headings`). Only at a
    paragraph's start, never a list's point or a sentence: else a closed item's heading ends up in the
    decision of the item before it."""
    if (i > 0 and lines[i - 1].text) or _is_contents_entry(lines[i].text):
        return None
    if cv.is_list_point(title) or cv.is_sentence(title):
        return None
    if not (cv.openness_in_brackets(title) or (fold_title(title) in contents and contents[fold_title(title)] == number)):
        return None
    return Heading(i, number, cv.clean_title(title), i + 1, label=label)


_BARE_NUMBER = re.compile(r"^\d{1,3}$")


def _bare_number_heading(lines: Sequence[Line], i: int, previous: Heading | None) -> Heading | None:
    """"45" alone on a line (an item number in a table cell of its own, left of the title), the title on
    the next line and a field line under it ("Sagsnr. 25/00102"): the heading "45 Godkendelse af
    dagsorden" (a PDF review). A bare number is as often a page number: only with a field line under
    its title, and continuing the items' numbers (the first one: the next number comes later alike)."""
    if not _BARE_NUMBER.match(lines[i].text):
        return None
    number = int(lines[i].text)
    if previous is not None:
        if previous.number is None or number != previous.number + 1:
            return None
    elif not any(lines[k].text == str(number + 1) and _bare_titled(lines, k) for k in range(i + 1, len(lines))):
        return None
    return _bare_titled(lines, i)


def _bare_titled(lines: Sequence[Line], i: int) -> Heading | None:
    """The heading of a bare number at line i with its title under it and a field line under that."""
    j = next_nonblank(lines, i + 1)
    if j is None or j - i > 2 or not _can_title(lines[j].text) or lines[j].text.isdigit():
        return None
    title = lines[j].text
    if cv.is_list_point(title) or cv.is_sentence(title) or title[-1:] in (":", ";", ","):
        return None
    if not anchor_follows(lines, j + 1, title, fields_only=True):
        return None
    return Heading(i, int(lines[i].text), cv.clean_title(title), j + 1)


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


def _number_line_heading(lines: Sequence[Line], i: int, number: int, label: str | None = None,
                         case: str | None = None) -> Heading | None:
    """An item number on a line of its own ("Pkt. 58", "Dagsordenspunkt 3", "Sag nr. 13") with the
    title on the next line, wrapping onto up to `_MAX_TITLE_LINES` lines; valid only with its anchor.
    `case`: the case number printed in brackets after the number ("Punkt 11 (2025-0991234)"), the
    item's own anchor; a closed item's title is its marker ("Lukket punkt"), left in its body to mark it."""
    j = next_nonblank(lines, i + 1)
    if j is None or j - i > 2:
        return None
    if case and re.fullmatch(cv.OPENNESS_MARKER, lines[j].text):
        return Heading(i, number, lines[j].text, j, label=label, case_number=case)
    if not _can_title(lines[j].text):
        return None
    heading = _titled_heading(lines, i, number, lines[j].text, label=label, first=j, sentence=True)
    if case and heading is None and not cv.is_list_point(lines[j].text):
        heading = Heading(i, number, cv.clean_title(lines[j].text), j + 1, label=label)
    return replace(heading, case_number=case) if heading and case else heading


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


def _near_end(lines: Sequence[Line], i: int, last: int, previous: Heading) -> bool:
    """Whether line i is close enough to the minutes' last text to be the last item's heading: at
    most `_MAX_TITLE_LINES` lines from it to the last text, or to the text above a short closing
    line ("3. Eventuelt" / "" / "Intet." / "" / "Ulla Friis": a signature, "Formand", "Referent: Pia
    Møller" or a footer's "Om cookies" under the item's text does not push the heading out)."""
    if 0 <= last - i <= _MAX_TITLE_LINES:
        return True
    above = previous_nonblank(lines, last)
    if not (above is not None and 0 <= above - i <= _MAX_TITLE_LINES and _closing_line(lines[last].text)):
        return False
    # not the next point of a numbered list in the last item's text («2. …» / «3. Tidsplan …»: a code
    # review), also with the previous point's own text between them («2. Flere hjælpemidler» / «Rådet
    # ønsker …» / «3. Tilgængelighed»: code review 13)
    before = previous_nonblank(lines, i)
    if before is not None and _LIST_POINT.match(lines[before].text):
        return False
    number = _LIST_POINT.match(lines[i].text)
    point = int(number.group(1)) - 1 if number else 0
    return not (point >= 1 and any(re.match(rf"{point}[.)]\s", lines[k].text) for k in range(previous.body_start, i)))


_LIST_POINT = re.compile(r"^(\d{1,3})[.)]\s")


def _closing_line(text: str) -> bool:
    """A short line closing the minutes under the last item's text: a name, a role, a footer's link
    ("Ulla Friis", "Formand", "Referent: Pia Møller", "Om cookies"); no sentence, no numbered point."""
    return (len(text.split()) <= 4 and not re.search(r"[.!?]$", text) and not is_heading_shaped(text)
            and not re.match(r"\d", text))


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
        titles = [lines[k].text for k in range(first, last + 1)]
    else:
        match = next((m for p in _NUMBERED_FORMS if (m := p.match(text))), None)
        if match is None or cv.GROUP_HEADER.match(text):
            return None
        first, titles = i, [match.group("title"), *(lines[k].text for k in range(i + 1, last + 1))]
    # The title runs to the last line ("5. Eventuelt" / "og evaluering"), or its first lines do and
    # the rest is the item's text: "Punkt 2 Eventuelt" / "Ingen bemærkninger." (a finished sentence,
    # or a blank line under an HTML <h2>, ends the title).
    count = next((n for n in range(len(titles), 0, -1) if all(titles[:n]) and _can_title(titles[0])
                  and all(_continues_title(t) for t in titles[1:n])), 0)
    title = " ".join(titles[:count])
    if not count or cv.is_list_point(title) or cv.is_sentence(title) or _announced(lines, i) or _lists_attachments(lines, i):
        return None
    number, label = cv.heading_number(match), cv.item_label(match)
    if not _follows(previous, number, label):
        return None
    return Heading(i, number, cv.clean_title(title), first + count, label=label)


def _announced(lines: Sequence[Line], i: int) -> bool:
    """Whether the paragraph at line i is a point a line of text announced ("Godkendt med disse
    ændringer:" / "" / "2. Tidsplanen rettes"), not a heading. A label ("Beslutning:"), decision header
    ("Økonomiudvalget, 17. september 2019, pkt. 148:"), field or attendance line ("Fraværende:") is no such line."""
    k = previous_nonblank(lines, i)
    if k is None or not lines[k].text.endswith(":"):
        return False
    text = lines[k].text
    return not (cv.label_of(text) or cv.decision_header(text) or cv.field_line(text) or cv.is_attendance(text))


# A header over an item's list of attachments: «Bilag» (a section label), «Bilagsliste», «Vedlagte bilag»
_ATTACHMENTS = re.compile(r"(?i)^(?:vedlagte\s+bilag|bilagsliste|bilagsoversigt|liste\s+over\s+bilag|oversigt\s+over\s+bilag)\s*:?$")


def _lists_attachments(lines: Sequence[Line], i: int) -> bool:
    """Whether the paragraph at line i is the first entry under an attachments header: «Bilag» / «» /
    «3. Budgetnotat» after the last item is its attachment, numbered by chance as the next item
    (code review 19). Only that label: «Beslutning» left empty in an agenda may precede the next item.

    >>> L = lambda *texts: [Line(t, 1, n) for n, t in enumerate(texts, 1)]
    >>> _lists_attachments(L("Bilag:", "", "3. Skitse"), 2), _lists_attachments(L("Vedlagte bilag", "3. Skitse"), 1)
    (True, True)
    >>> _lists_attachments(L("Godkendt.", "", "3. Eventuelt"), 2), _lists_attachments(L("Beslutning", "", "3. Eventuelt"), 2)
    (False, False)
    """
    k = previous_nonblank(lines, i)
    if k is None:
        return False
    text = lines[k].text
    label = cv.label_of(text)
    return bool(_ATTACHMENTS.match(text)) or (label is not None and cv.section_key(label) == "bilag")


def _attachment_entry(lines: Sequence[Line], i: int, expected: int | None = None,
                      above_case: dict[str, str] | None = None) -> bool:
    """Whether line i is an entry of a numbered list right under an attachments header: «Bilag» /
    «1. Lokalplanforslag» / «2. Miljøscreening» / «3. Høringsnotat», one line each, numbered 1, 2, 3
    … from the header down. Each is an attachment, however its number falls: «3. Høringsnotat» above
    the item's «Sagsbehandler:» and «Sagsnr.:» (Copenhagen prints them under the list) is no item 3
    taking those fields (a sweep). A list with blank lines between its entries is not read so: the
    next item may follow the list that way («Bilag» / «1. Skitse» / «» / «2. Vintertjeneste»).

    But the list may end with the next item's heading printed right under it: the entry numbered as
    the next item (`expected`), with its own field line or section label under it, and no heading
    further down numbered so (code review 35: «Bilag» / «1. Dagsorden» / «2. Kloakering af Havnevej» /
    «Sagsnr.: 25/2» lost item 2 into item 1). Fields alone under that entry, to the minutes' end, are
    the item's above (`_fields_end_the_minutes`), unless that item printed another case number at its
    top (`above_case`): «2. Lokalplan» / «Sagsnr.: 25/10» / … / «Bilag» / «1. Lokalplanforslag» /
    «2. Miljøscreening» / «3. Salg af grund (lukket punkt)» / «Sagsnr.: 25/11» is a closed item 3
    (code review 37).

    >>> L = lambda *texts: [Line(t, 1, n) for n, t in enumerate(texts, 1)]
    >>> lines = L("Bilag", "1. Lokalplanforslag", "2. Miljøscreening", "3. Høringsnotat", "", "3. Vintertjeneste")
    >>> [_attachment_entry(lines, i) for i in (1, 2, 3, 5)]
    [True, True, True, False]
    >>> _attachment_entry(L("Beslutning", "1. Godkendt", "2. Høringsnotat"), 2)
    False
    >>> lines = L("Bilag", "1. Dagsorden", "2. Kloakering", "Sagsnr.: 25/2", "Beslutning", "Godkendt.")
    >>> [_attachment_entry(lines, i, 2) for i in (1, 2)], _attachment_entry(lines, 2, 3)
    ([True, False], True)
    >>> lines = L("Bilag", "1. Lokalplanforslag", "2. Salg af grund", "Sagsnr.: 25/11")
    >>> _attachment_entry(lines, 2, 2), _attachment_entry(lines, 2, 2, {"case_number": "25/11"}), _attachment_entry(lines, 2, 2, {"case_number": "25/10"})
    (True, True, False)
    """
    own = _numbering(lines[i].text)
    if own is None or own[0][0] or own[1] > _LIST_REACH:
        return False  # "Punkt 3 …" is a heading's form, not a list's
    kind, number = own
    k = i
    for before in range(number - 1, 0, -1):
        k -= 1
        if k < 0 or _numbering(lines[k].text) != (kind, before):
            return False
    if not _lists_attachments(lines, k):
        return False
    return not (number == expected and _anchored_under(lines, i) and not _numbered_again_below(lines, i, own)
                and not (number > 1 and _fields_end_the_minutes(lines, i) and _same_case(_case_below(lines, i), above_case)))


def attachment_entry(lines: Sequence[Line], i: int) -> bool:
    """Whether line i is an entry of a numbered attachment list right under «Bilag» (`_attachment_entry`)."""
    return _attachment_entry(lines, i)


def _anchored_under(lines: Sequence[Line], i: int) -> bool:
    """Whether a field line («Sagsnr.: 25/2») or a section label («Beslutning») follows line i before a
    blank or numbered line: an item's heading has its anchor right under it, an attachment has none."""
    for k in range(i + 1, len(lines)):
        text = lines[k].text
        if not text or _numbering(text) is not None:
            return False
        if cv.field_line(text) is not None or cv.label_of(text) is not None:
            return True
    return False


# The fields an item prints at its top, and those under a numbered line, that tell two items apart.
_CASE_FIELDS = ("case_number", "case_handler")


def _top_case(lines: Sequence[Line], heading: Heading) -> dict[str, str]:
    """The case number and case handler an item prints at its top: in its heading, or in the field lines
    right under it («2. Lokalplan for Havnevej» / «Sagsnr.: 25/10» / «Sagsbehandler: Henrik Mølgaard»)."""
    k = next_nonblank(lines, heading.body_start)
    fields = {} if k is None else _case_below(lines, k - 1)
    if heading.case_number:
        fields["case_number"] = heading.case_number
    return fields


def _case_below(lines: Sequence[Line], i: int) -> dict[str, str]:
    """The case number and case handler in the field lines right under line i, those found."""
    fields: dict[str, str] = {}
    k = i + 1
    while k < len(lines) and (found := cv.field_line(lines[k].text)) is not None:
        for name in _CASE_FIELDS:
            if found.fields.get(name):
                fields.setdefault(name, found.fields[name])
        k += 1
    return fields


def _same_case(below: dict[str, str], above: dict[str, str] | None) -> bool:
    """Whether fields printed under a numbered line may be those of the item printing `above` at its
    top: each of case number and case handler missing on either side (Copenhagen prints them under the
    attachments only) or the same. «3. Eventuelt» / «Sagsnr.: 25/10» / «Sagsbehandler: Pia Sørensen»
    under an item of Henrik Mølgaard's is an item of its own (a judge's review)."""
    return not above or all(below.get(name) is None or above.get(name) is None or below[name] == above[name]
                            for name in _CASE_FIELDS)


def _fields_end_the_minutes(lines: Sequence[Line], i: int) -> bool:
    """Whether only field lines follow line i, right under it, to the minutes' end: the last item's own
    fields, printed after its attachment list (Copenhagen: «Bilag» / «1. Lokalplanforslag» /
    «2. Miljøscreening» / «3. Høringsnotat» / «Sagsnr.: 25/11» / «Sagsbehandler: …», code review 36).
    An item's heading there has a label or text under its fields. The lines closing the minutes may
    follow: their signatures (`cv.CLOSING`), the meeting's end (`cv.is_attendance`: «Mødet hævet kl.
    17.45.»), who took them or the next meeting (`cv.is_closing_line`: «Referent: …», «Næste møde: …»),
    and a name or role signing under those (`_closing_line`; code review 37).

    >>> L = lambda *texts: [Line(t, 1, n) for n, t in enumerate(texts, 1)]
    >>> _fields_end_the_minutes(L("Bilag", "1. Skitse", "2. Notat", "Sagsnr.: 25/11", ""), 2)
    True
    >>> _fields_end_the_minutes(L("Bilag", "1. Skitse", "2. Kloakering", "Sagsnr.: 25/2", "", "Beslutning"), 2)
    False
    >>> _fields_end_the_minutes(L("Bilag", "1. Skitse", "2. Notat", "Sagsnr.: 25/11", "", "Mødet hævet kl. 17.45.",
    ...                           "", "Anne Holm", "Formand"), 2)
    True
    >>> _fields_end_the_minutes(L("Bilag", "1. Skitse", "2. Notat", "Sagsnr.: 25/11", "", "Referent: Jens Hansen"), 2)
    True
    """
    k = i + 1
    if k >= len(lines) or cv.field_line(lines[k].text) is None:
        return False
    while k < len(lines) and lines[k].text and cv.field_line(lines[k].text) is not None:
        k += 1
    return closes_the_minutes(lines, k)


def closes_the_minutes(lines: Sequence[Line], k: int, end: int | None = None) -> bool:
    """Whether the lines from k on only close the minutes, up to their signatures (`cv.CLOSING`) or
    end: the meeting's end (`cv.is_attendance`: «Mødet hævet kl. 17.45.»), who took them or the next
    meeting (`cv.is_closing_line`: «Referent: …», «Næste møde: …»), a name or role signing under those
    (`_closing_line`), blank lines; or nothing.

    >>> L = lambda *texts: [Line(t, 1, n) for n, t in enumerate(texts, 1)]
    >>> lines = L("Godkendt.", "", "Mødet hævet kl. 17.45.", "", "Anne Holm", "Formand", "Underskrifter:", "Bo Berg")
    >>> [closes_the_minutes(lines, k) for k in (0, 1, 4, 8)]
    [False, True, False, True]
    """
    closed = False  # a signature's name or role only under a line closing the minutes
    # `end`: `closed_titles_end(lines)`, computed once by a caller asking of every line (a redos review:
    # an item of 64,000 lines took minutes, scanning them all again for each)
    for line in lines[k:closed_titles_end(lines) if end is None else end]:
        text = line.text
        if not text:
            continue
        if cv.is_attendance(text) or cv.is_closing_line(text):
            closed = True
        elif not (closed and _closing_line(text) and cv.label_of(text) is None):
            return False
    return True


def _numbered_again_below(lines: Sequence[Line], i: int, own: tuple[tuple[bool, str], int]) -> bool:
    """Whether a paragraph further down starts with line i's number (its kind of numbering too) before
    the number after it: that one is the item («3. Høringsnotat» / «Sagsbehandler: …» / «» /
    «3. Vintertjeneste»: the fields under the list are the item's above, printed after its attachments)."""
    kind, number = own
    for k in range(i + 1, len(lines)):
        found = _numbering(lines[k].text)
        if found == (kind, number + 1):
            return False
        if found == own and not _continues_a_list(lines, k):
            return True
    return False


def _under_header(lines: Sequence[Line], i: int) -> bool:
    """Whether the paragraph at line i comes right under an attachments header (`_lists_attachments`)
    or a council's decision header («Økonomiudvalget, 3. februar 2025, pkt. 7:»): what follows is
    its list or its decision, numbered by chance as the next item (code review 19). Not a bare
    label: «Beslutning» left empty in an agenda may precede the next, title-only item."""
    k = previous_nonblank(lines, i)
    return k is not None and (_lists_attachments(lines, i) or bool(cv.decision_header(lines[k].text)))


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
_NUMBERING = re.compile(
    rf"^{cv.BULLET}?(?P<word>(?i:dagsordenspunkt|punkt|pkt)\.?\s*)?(?P<number>\d{{1,3}})(?P<mark>[.):]?)\s")


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
        if (_is_anchor(text, " ".join(parts)) or _recommended_by(lines, j) or is_heading_shaped(text)
                or not _continues_title(text)):
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
    if _recommended_by(lines, j):
        j += 1  # "Indstilling fra Børn og Unge" / "Sagsnr.: …": the field lines under it anchor the heading
    text = lines[j].text
    if fields_only:
        return cv.field_line(text) is not None
    if strong_only:
        return cv.field_line(text) is not None or fold_title(text) == fold_title(title)
    return _is_anchor(text, title)


def _recommended_by(lines: Sequence[Line], j: int) -> bool:
    """Whether line j names the department recommending the item, right above its field lines
    ("Indstilling fra Borgmesterens Afdeling" / "Sagsnr.: 24/012345-17", Aarhus; `cv.RECOMMENDED_BY`): part
    of the field block that anchors a heading (layouts12 review: no item of those minutes was found). Not
    alone: in an item's text, under a list's point, it anchors nothing."""
    return (cv.RECOMMENDED_BY.match(lines[j].text) is not None and j + 1 < len(lines)
            and cv.field_line(lines[j + 1].text) is not None)


def _continues_title(text: str) -> bool:
    """A line that can be the wrapped end of a heading: short, not a finished sentence, and not a field line
    (`cv.field_line`), which follows the title as its anchor (layouts17 review: «Sags-id: 25-002214»).

    >>> _continues_title("og evaluering af sæson 2024/25"), _continues_title("Sags-id: 25-002214")
    (True, False)
    >>> _continues_title("Sagsbehandler: Henrik Mogensen"), _continues_title("Boliger ved Gammelby Ringvej:")
    (False, False)
    """
    return len(text.split()) <= 8 and not re.search(r"[.:;!?]$", text) and cv.field_line(text) is None


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
