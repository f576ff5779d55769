"""Items the minutes print without a numbered heading: titles without numbers, and items
without a title line.

Where minutes print items without a title line (layout 10), an item's `Sagsfremstilling` or
`Indstilling` coming again after its decision starts an untitled item (`with_restarts`); where
they print titles without numbers (an item exported alone), a title with a section label or
field lines under it starts one (`unnumbered_headings`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from indexer import conventions as cv
from indexer.headings import Heading, fold_title, is_heading_shaped, next_nonblank, with_ends
from indexer.models import DECISION, Line

# Sections only an agenda item has: two of them under titles make a document minutes (or an
# agenda) even where its items carry no numbers. A report may have "Baggrund" or "Økonomi".
_ITEM_KEYS = frozenset({"resume", "indstilling", "sagsfremstilling", "beslutningstema", "sagens_kerne",
                        "beslutningskompetence", "kompetence", "sagsgang_og_sagstype", DECISION})
_LABELLED = re.compile(r"^[\wæøåÆØÅ.\-]+:\s")  # "Dato: …", "Sagsforløb: IR": a labelled line, no title
_REACH = 4  # lines from an unnumbered title to the section label under it (field lines between)
_OPENING = 12  # lines above the first title where a document says what it is


def unnumbered_headings(lines: Sequence[Line], contents: list[tuple[int | None, str]], skip: set[int]) -> list[Heading]:
    """Items printed without a number: an item exported alone, or a web page of items.

    A title is a short line starting a paragraph, with the item's field lines or a section
    label under it. The first counts only in a document that shows itself as minutes or an
    agenda: a decision, field lines under the title, or two sections only items have. A later
    one counts where its own case number or handler is under it, or where the section sequence
    starts again (its label is one the item has had).
    A contents list that numbers the titles gives their numbers.
    """
    # title line, key of the label under it, field lines between, a case number or handler among them
    candidates: list[tuple[int, str, bool, bool]] = []
    for i, line in enumerate(lines):
        if i in skip or not line.text or (i > 0 and lines[i - 1].text) or not _is_unnumbered_title(line.text):
            continue
        j, fielded, cased = next_nonblank(lines, i + 1), False, False
        while j is not None and j - i <= _REACH and cv.field_line(lines[j].text) is not None:
            cased = cased or _has_case(lines[j].text)
            j, fielded = next_nonblank(lines, j + 1), True
        key = _label_key(lines[j].text) if j is not None and j - i <= _REACH else None
        if key is not None:
            candidates.append((i, key, fielded, cased))
    opening = [line.text for line in lines[:candidates[0][0] if candidates else 0] if line.text][:_OPENING]
    if not candidates or any(cv.ANNUAL_WORD.search(text) for text in opening):
        return []  # an annual report's "Beslutninger" heading is no item's decision
    keys = {key for line in lines if (key := _label_key(line.text))}
    if not (DECISION in keys or candidates[0][2] or len(keys & _ITEM_KEYS) >= 2):
        return []
    starts = [candidates[0][0]]
    for i, key, _, cased in candidates[1:]:
        # Its own case number or handler under it (every item has its own), or a section the
        # item before has had: "Budget 2025" opening with «Indstilling» after an item without one.
        if cased or key in {k for line in lines[starts[-1]:i] if (k := _label_key(line.text))}:
            starts.append(i)
    numbers = {fold_title(title): number for number, title in contents if title}
    return _running_numbered([Heading(i, numbers.get(fold_title(lines[i].text)), cv.clean_title(lines[i].text), i + 1)
                              for i in starts])


def _running_numbered(headings: list[Heading]) -> list[Heading]:
    """Titles that all start with the item's running number in the year ("13/2024 Lokalplan 4-2-118",
    Aalborg): that number is the item's, the rest its title. Only when every title has it (two at
    least): one such title may be a plan's or a case's number."""
    found = [cv.RUNNING_NUMBER_HEADING.match(h.title) for h in headings]
    if len(headings) < 2 or not all(found):
        return headings
    return [replace(h, number=int(m.group("number")), title=m.group("title")) for h, m in zip(headings, found)]


def _is_unnumbered_title(text: str) -> bool:
    """A line that can title an item without a number: short, no sentence, label or field line."""
    return (len(text.split()) <= 15 and not re.search(r"[.:;!?,]$", text) and not _LABELLED.match(text)
            and _label_key(text) is None and cv.field_line(text) is None and not is_heading_shaped(text))


def _label_key(text: str) -> str | None:
    """The section key of a label or decision header line, else None."""
    label = cv.section_label(text)
    if label is not None:
        return cv.section_key(label[0])
    return DECISION if cv.decision_header(text) else None


def is_decision_line(text: str) -> bool:
    """A decision's label or a header that says it is one ("Beslutning", "Afgørelse", "BESLUTNING I
    ØKONOMIUDVALGET DEN 3. MARTS 2025", "Udvalgets beslutning"): not "Beslutninger" (an annual
    report's heading too), nor "Integrationsrådet d. 04-06-2026", a decision's date line that
    titles a document's front page too.

    >>> [is_decision_line(t) for t in ("Afgørelse", "Beslutning: Godkendt.", "Udvalgets beslutning",
    ...  "Beslutninger", "Integrationsrådet d. 04-06-2026", "Godkendt.")]
    [True, True, True, False, False, False]
    """
    label = cv.section_label(text)
    if label is not None:
        return cv.section_key(label[0]) == DECISION and label[0].casefold() != "beslutninger"
    return cv.decision_header(text) is not None and _DECISION_WORD.search(text) is not None


_DECISION_WORD = re.compile(r"(?i:beslutning|afgørelse)")


def is_item_line(text: str) -> bool:
    """A line only an agenda item has: its case number or handler, a section label only items have,
    or its decision."""
    field = cv.field_line(text)
    if field is not None:
        return bool({"case_number", "case_handler"} & {*field.fields, *field.pending})
    return (_label_key(text) in _ITEM_KEYS - {DECISION}) or is_decision_line(text)


_TITLE_PARAGRAPH = 4  # lines of a paragraph that titles an item ("Emne 2" and a title wrapped onto 3 lines)


def decided_headings(lines: Sequence[Line], skip: set[int]) -> list[Heading]:
    """Items of minutes that record decisions under headings in no known form.

    An item's title is a short paragraph (up to `_TITLE_PARAGRAPH` lines of a few words, no
    sentence) right above a line only items have (`is_item_line`). The first starts the first
    item; a later one, once the item before has had its decision or where its own case number or
    handler follows (every item has its own). Without such a title, the text from the first
    item line on is one untitled item.
    """
    starts: list[Heading] = []
    decided = False
    i = 0
    while i < len(lines):
        if i in skip or not lines[i].text or (i > 0 and lines[i - 1].text):
            decided = decided or (bool(lines[i].text) and is_decision_line(lines[i].text))
            i += 1
            continue
        end = i
        while end < len(lines) and lines[end].text:
            end += 1
        paragraph = [line.text for line in lines[i:end]]
        below = next_nonblank(lines, end)
        titled = (below is not None and below not in skip and len(paragraph) <= _TITLE_PARAGRAPH
                  and all(_is_unnumbered_title(t) or is_heading_shaped(t) or cv.PKT_LINE.match(t) for t in paragraph)
                  and is_item_line(lines[below].text))
        if titled and (not starts or decided or _has_case(lines[below].text)):
            starts.append(Heading(i, None, cv.clean_title(" ".join(paragraph)), end))
            decided = False
            i = end
            continue
        decided = decided or any(is_decision_line(t) for t in paragraph)
        i = end
    if starts:
        return starts
    first = next((k for k, line in enumerate(lines) if k not in skip and line.text and is_item_line(line.text)), None)
    return [] if first is None else [Heading(first, None, "", first)]


def _has_case(text: str) -> bool:
    field = cv.field_line(text)
    return field is not None and bool({"case_number", "case_handler"} & {*field.fields, *field.pending})


# Sections whose second appearance after an item's decision starts the next item (layout 10).
_RESTART_KEYS = frozenset({"sagsfremstilling", "indstilling"})


def with_restarts(lines: Sequence[Line], headings: list[Heading]) -> list[Heading]:
    """The headings plus an untitled one where an item's section sequence starts again.

    Some minutes (LAYOUTS.md layout 10) print items without a title line: the only sign of a
    new item is a `Sagsfremstilling` or `Indstilling` that the item already had, coming after
    its plain `Beslutning` label. A council-named decision header does not count: the text
    after an earlier committee's decision still belongs to the item.
    """
    out: list[Heading] = []
    for heading, end in with_ends(headings, len(lines)):
        out.append(heading)
        seen: set[str] = set()
        decided = False
        opening = True  # weak labels («Forslag») are sections only in the body's opening run (`cv.opens_item`)
        for k in range(heading.body_start, end):
            found = cv.section_label(lines[k].text)
            if found is None or not cv.opens_item(found[0], opening):
                opening = opening and (not lines[k].text or cv.field_line(lines[k].text) is not None
                                       or (found is None and bool(seen)))
                continue
            opening = opening and cv.weak_label(found[0])
            key = cv.section_key(found[0])
            if key in _RESTART_KEYS and key in seen and decided:
                out.append(Heading(k, None, "", k))
                seen, decided = set(), False
            seen.add(key)
            decided = decided or key == DECISION
    return out
