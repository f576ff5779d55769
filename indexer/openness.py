"""Whether each agenda item was discussed in the meeting's closed part (a privacy review).

Minutes mark an item of the closed part in one of these ways, all recognised by the conventions
(`indexer.conventions`) and, until this module, thrown away:

* its heading prints it, in brackets or before its title: "50 (Lukket) Salg af areal ved Industrivej"
  (EG/KMD), "3. (Lukket) Personalesag" (HTML), "7. Lukket sag: Køb af ejendom", "Lukket punkt: Klage …";
  or after its title (Copenhagen): "5. Salg af ejendommen … (2025-0045678) - lukket punkt";
* a marker line under the heading, alone or at the end of its field line: "Lukket sag" (SBSYS,
  FirstAgenda), "Lukket punkt" (EG, Netpublikator: "Sagsnr.: … Sagsbehandler: … Lukket punkt"), f2's
  "Lukket" (`conventions.OPENNESS_MARKER`);
* a group header right above it: "Lukket møde", "Lukkede sager", "Lukkede punkter", "Lukket dagsorden"
  (`conventions.GROUP_HEADER`): it and the items after it, until an "Åbent møde"/"Åbne sager" header;
* a singular marker right above its heading ("Lukket punkt" / "2. Personalesag"): that item only, no group.

The item's own mark wins over the group it stands in: an "Åbent punkt" under the heading is open.
A closed item printed with its title only says nothing was decided in the open; its page and hits
say it was closed (`Passage.closed`), and a search for «lukket» finds it (`search.schema.body_text`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from indexer import conventions as cv
from indexer.headings import Heading, fold_title
from indexer.models import Line

# "(Lukket)", "(Åben)" in a heading's line, after its number or at its end, as
# `conventions.openness_in_brackets` finds it in the title (which `conventions.clean_title` strips it from).
_BRACKETED = r"\((?P<word>(?i:åben|åbent|lukket))\)"
_IN_BRACKETS = (re.compile(rf"^(?:\S+\s+)?{_BRACKETED}\s"), re.compile(rf"\s{_BRACKETED}$"))
# "Lukket punkt: Klage over …", "Lukket sag - Ekspropriation", "LUKKET PUNKT: Personalesag": the title's start.
_TITLE_PREFIX = re.compile(r"^(?P<word>(?i:lukket|åbent|åben))\s+(?i:punkt|sag)\b")
# A marker line alone, or at the end of a field line ("… Sagsbehandler: Rikke Lund · Åbent punkt").
_MARKER_LINE = re.compile(rf"^(?P<word>{cv.OPENNESS_MARKER})\s*$")
_MARKER_AT_END = re.compile(rf"(?:\s|[{re.escape(cv.BULLETS_BETWEEN_FIELDS)}|])(?P<word>{cv.OPENNESS_MARKER})\s*$")


# "Lukket: Erstatningssag …" in the heading's line: the title's start, which `conventions.clean_title`
# strips the openness word from (so the heading's text, not its title, holds it).
_COLON_MARK = re.compile(r"(?<![\wæøåÆØÅ])(?P<word>(?i:lukket|åbent|åben))\s*:\s+(?P<rest>\S.*)$")


def _colon_mark(heading_text: str, title: str) -> str | None:
    """The openness word a heading prints with a colon right before its title ("Punkt 6 - Lukket:
    Erstatningssag"), or None. Only before the title: "Sag: Lukket: …" elsewhere in the line is no mark.

    >>> _colon_mark("Punkt 6 - Lukket: Erstatningssag vedr. vejafvanding", "Erstatningssag vedr. vejafvanding")
    'Lukket'
    >>> _colon_mark("6. Status: Lukket: X", "Status: Lukket: X"), _colon_mark("6. Eventuelt", "Eventuelt")
    (None, None)
    """
    match = _COLON_MARK.search(" ".join(heading_text.split()))
    if match is None or not title or not fold_title(match.group("rest")).startswith(fold_title(title)):
        return None
    return match.group("word")


def _closed_word(word: str) -> bool:
    return word.casefold().startswith("lukke")


def closed_items(lines: Sequence[Line], headings: Sequence[Heading], ends: Sequence[int],
                 skip: Collection[int] = ()) -> list[bool]:
    r"""For each item heading (its item ending before line `ends[k]`), whether the item is closed:
    its own mark (heading, marker line under it), else the group header last seen above it.
    Lines of the contents list (`skip`) name no group: its "Lukkede punkter" lists, not divides.

    >>> from indexer.segment import segment
    >>> text = ("1. Godkendelse af dagsorden\nSagsnr.: 23/100\nBeslutning\nGodkendt.\n\n"
    ...         "2 (Lukket) Salg af areal\n\n3. Personalesag\nSagsnr.: 23/102\nLukket punkt\nBeslutning\nGodkendt.\n\n"
    ...         "Lukket møde\n\n4. Klagesag\nSagsnr.: 23/103\nBeslutning\nAfvist.\n\n"
    ...         "Åbent møde\n\n5. Eventuelt\nSagsnr.: 23/104\nBeslutning\nIntet.")
    >>> [(item.number, item.closed) for item in segment([Line(t, 1, n) for n, t in enumerate(text.split("\n"), 1)]).items]
    [(1, False), (2, True), (3, True), (4, True), (5, False)]
    >>> toc = "Indhold\nÅbne dagsordenspunkter\n1. Godkendelse\nLukkede dagsordenspunkter\n\n1. Godkendelse\nBeslutning\nGodkendt."
    >>> [item.closed for item in segment([Line(t, 1, n) for n, t in enumerate(toc.split("\n"), 1)]).items]
    [False]
    """
    closed: list[bool] = []
    group = False
    after = 0  # where the text above the next heading may hold its group header
    for heading, end in zip(headings, ends):
        header = _group_header_above(lines, heading.index, after, skip)
        single = None
        if header is not None and _single_marker_above(lines, heading.index):
            # «Lukket punkt» / «2. Personalesag»: this item's mark, printed above it, no group (a code
            # review: every item after one closed item was marked closed)
            single, header = header, None
        if header and not closed and _names_both_parts(lines[:heading.index]):
            # Above the first item, after an «Åbne dagsordenspunkter» of the same front page: the
            # contents list's last group, empty («Lukkede dagsordenspunkter»), not a header of the
            # items below (an upgrade review: every item of the 2017 PDF minutes read as closed).
            header = None
        if header is not None:
            group = header
        own, zone_end = _own_mark(lines, heading, end)
        closed.append(own if own is not None else single if single is not None else group)
        after = zone_end
    return closed


# "Lukket punkt", "Åbent punkt", "Lukket sag", "Åben sag": one item's mark, not a group's ("Lukket møde")
_SINGLE_MARKER = re.compile(r"^(?i:åbent|åben|lukket)\s+(?i:punkt|sag)\s*:?$")


def _single_marker_above(lines: Sequence[Line], index: int) -> bool:
    """Whether the last text above line `index` is a singular marker ("Lukket punkt"), which marks
    the heading under it only."""
    k = index - 1
    while k >= 0 and not lines[k].text:
        k -= 1
    return k >= 0 and bool(_SINGLE_MARKER.match(lines[k].text))


def _names_both_parts(front: Sequence[Line]) -> bool:
    """Whether the lines before the first item name the meeting's open part as a group
    («Åbne dagsordenspunkter», «Åbent møde»): a contents list naming both parts."""
    return any(_OPEN_GROUP.match(line.text) for line in front)


_OPEN_GROUP = re.compile(r"(?i:åbne|åbent|åben)\s+(?i:dagsordenspunkter|punkter|sager|møde|dagsorden)\b")


def _group_header_above(lines: Sequence[Line], index: int, after: int, skip: Collection[int]) -> bool | None:
    """The openness the last text above line `index` (from line `after` on) says as a group header
    ("Lukkede sager" → True, "Åbne sager" → False), or None: no such header there."""
    k = index - 1
    while k >= after and not lines[k].text:
        k -= 1
    if k < after or k in skip:
        return None
    text = lines[k].text
    if not cv.GROUP_HEADER.match(text):
        return None
    words = text.casefold()
    if re.search(r"\blukke[dt]", words):
        return True
    if re.search(r"\båb(?:en|ent|ne)\b", words):
        return False
    return None  # "Sager til afgørelse": no openness


def _own_mark(lines: Sequence[Line], heading: Heading, end: int) -> tuple[bool | None, int]:
    """The item's own openness (None: it prints none) and the line after its marker zone: its
    heading's lines, then its field lines and marker lines, up to its first section or text."""
    mark: bool | None = None
    heading_text = " ".join(line.text for line in lines[heading.index:heading.body_start])
    found = next((m for pattern in _IN_BRACKETS if (m := pattern.search(heading_text))), None)
    if found:
        mark = _closed_word(found.group("word"))
    elif suffix := cv.OPENNESS_SUFFIX.search(heading_text.rstrip()):  # "Salg af ejendom (2025-0045678) - lukket punkt"
        mark = _closed_word(suffix.group("word") or suffix.group("word_"))
    if mark is None and (prefix := _TITLE_PREFIX.match(heading.title)):
        mark = _closed_word(prefix.group("word"))
    if mark is None and (word := _colon_mark(heading_text, heading.title)):
        mark = _closed_word(word)
    j = heading.body_start
    pending = 0
    while j < end:
        text = lines[j].text
        if not text:
            j += 1
            continue
        if cv.section_label(text) is not None or cv.decision_header(text) is not None:
            break
        if cv.RECOMMENDED_BY.match(text):  # "Indstilling fra Børn og Unge" among the field lines (Aarhus)
            j += 1
            continue
        alone = _MARKER_LINE.match(text)
        field = None if alone else cv.field_line(text)
        if alone:
            mark = _closed_word(alone.group("word"))
        elif field is not None:
            pending += len(field.pending)
            if at_end := _MARKER_AT_END.search(text):
                mark = _closed_word(at_end.group("word"))
        elif pending:
            pending -= 1  # a field's value under its label ("Sagsnr." / "24/00412")
        elif fold_title(text) != fold_title(heading.title):  # not the title repeated under it (eDoc)
            break
        j += 1
    return mark, j
