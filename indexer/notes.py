"""A note about the meeting or its document, printed between the head and the first item.

Minutes say above their first item what a reader of any item should know: that they were
corrected («Rettelse: Referatet er rettet den 14. marts 2025, punkt 2 …»), that the meeting was an
extraordinary one, cancelled, moved or held online («Mødet var indkaldt med kort varsel …»). The
head's metadata lines (council, date, place, attendance, agenda and contents lists) are read
elsewhere (`indexer.meeting`); only these kinds of note are kept, narrowly, as printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.clean import reflow

# A correction of the document: a paragraph opening with its marker, or a sentence saying so.
_CORRECTION = re.compile(
    r"(?:Rettelse(?:sblad)?|Berigtigelse)(?:\s*[:.\-–]|\s*$|\s+(?:den|d\.|pr\.)\s"
    r"|\s+(?:til|af|i|vedr\.?|vedrørende)\s+(?:referat|dagsorden|protokol|beslutningsprotokol|mødet|punkt))"
    r"|Rettet(?:\s*[:.\-–]|\s+(?:den|d\.|pr\.|\d))"
    r"|(?:NB|Bemærk|OBS)\s*[:!]"
    r"|Referatet\s+(?:er|blev)\s+(?:blevet\s+)?(?:rettet|ændret)\b")
_CORRECTION_SENTENCE = re.compile(r"(?:^|[.!?]\s+)Referatet\s+(?:er|blev)\s+(?:blevet\s+)?(?:rettet|ændret)\b")
# A paragraph about the meeting itself: «Mødet blev aflyst», «Mødet blev holdt som virtuelt møde».
_MEETING = re.compile(
    r"Mødet\s+(?:er|var|blev)\s+(?:blevet\s+)?"
    r"(?:aflyst|flyttet|udsat|afbrudt|(?:af)?holdt\s+som\s+(?:et\s+)?(?:virtuelt|online|telefon)[- ]?møde"
    r"|indkaldt\s+med\s+kort\s+varsel)\b")
# The meeting's kind, in the title or a line of its own.
_KIND = re.compile(r"(?i)\bekstraordinær(?:t\s+møde|\s+generalforsamling)\b")
# A labelled line of the head («Mødested: Rådhuset», «Fraværende: …»), which ends a note's paragraph.
_LABELLED = re.compile(r"^[A-ZÆØÅ][\wæøå.\- ]{0,25}:\s")
_TITLE_LINES = 6  # the council, the document's title, date and time: where a meeting's kind is printed
# A line of a contents list («OBS: lukkede punkter ..... 5»): the document's parts, no note (code review 22).
_CONTENTS_LINE = re.compile(r"(?:\.{3,}|…|\s{2,}|\t)\s*\d{1,3}$")
# «NB:», «Bemærk:», «OBS:» open reminders as often as notes («NB: Husk iPad»): a note only when it is
# about the document, the meeting or an item, or says something was corrected, changed or moved
# (code review 22).
_REMINDER = re.compile(r"(?:NB|Bemærk|OBS)\s*[:!]")
_ABOUT_CHANGE = re.compile(r"(?i)\b(?:rettet|rettelse|ændret|ændring|korrigeret|berigtiget|aflyst|flyttet|udsat|erstatter"
                           r"|mødet|punkt(?:et)?|referatet|dagsordenen|protokollen)\b")
_LISTED = re.compile(r"^(?:\d|[-•*–]\s|(?:Punkt|Pkt\.?)\s*\d)")
_SHORT = 300  # a paragraph about the meeting is a sentence or two, not a text
MAX_NOTE = 600


def meeting_note(head: Sequence[str]) -> str | None:
    """The notes about the meeting or the document among the lines above the first item, as printed
    (paragraphs joined by blank lines, at most about `MAX_NOTE` characters); None when there is none.

    >>> print(meeting_note(["Økonomiudvalget", "Referat af ekstraordinært møde 12. marts 2025", "Mødested: Rådhuset",
    ...     "", "Rettelse: Referatet er rettet den 14. marts 2025,", "punkt 2, beløbet er 4,2 mio. kr.", ""]))
    Ekstraordinært møde
    <BLANKLINE>
    Rettelse: Referatet er rettet den 14. marts 2025, punkt 2, beløbet er 4,2 mio. kr.
    >>> print(meeting_note(["Byrådet", "Mødedato: 3. maj 2025", "Mødet blev aflyst."]))
    Mødet blev aflyst.
    >>> meeting_note(["Byrådet", "Referat af mødet 3. maj 2025", "Mødested: Rådhuset", "Dagsorden", "Rettelse af takster"])
    >>> meeting_note(["Bestyrelsen", "Referat 3. maj 2025", "3. Ekstraordinær generalforsamling i Fjernvarme A/S"])
    """
    notes: list[str] = []
    # The kind in the title lines only: an item named in an agenda list below them («3. Ekstraordinær
    # generalforsamling i Fjernvarme A/S») is the item's, not the meeting's.
    if kind := next((found for line in _title_lines(head) if not _LISTED.match(line) and (found := _KIND.search(line))),
                    None):
        notes.append(kind.group(0)[:1].upper() + kind.group(0)[1:].lower())
    for first, paragraph in _paragraphs(head):
        if _MEETING.match(first) and not _CORRECTION.match(first) and len(paragraph) > _SHORT:
            continue  # a text about the meeting, not a note on it
        if _REMINDER.match(first) and not _ABOUT_CHANGE.search(paragraph):
            continue  # «NB: Husk at medbringe iPad»
        if paragraph not in notes:
            notes.append(paragraph)
    if not notes:
        return None
    return _capped("\n\n".join(notes))


def _title_lines(head: Sequence[str]) -> list[str]:
    """The head's first lines, where the meeting's kind is printed, up to a line announcing a list
    («Dagsorden:»: its unnumbered items follow, «Ekstraordinær generalforsamling i … A/S» one of them)."""
    lines = []
    for line in (line.strip() for line in head if line.strip()):
        if len(lines) == _TITLE_LINES or line.endswith(":"):
            break
        if not line.endswith("."):  # a sentence («Der var indkaldt til ekstraordinært møde for …») tells of another
            lines.append(line)
    return lines


def _paragraphs(head: Sequence[str]) -> list[tuple[str, str]]:
    """The head's paragraphs that open with a note's marker, each as its first line and its text:
    from that line to a blank or labelled line, reflowed (a wrapped sentence joined). A line of a
    contents list opens none."""
    found: list[list[str]] = []
    current: list[str] | None = None
    for raw in head:
        text = raw.strip()
        if current is not None and (not text or _LABELLED.match(text) and not _opens(text)):
            current = None
        if not text:
            continue
        if _opens(text):
            current = [text]
            found.append(current)
        elif current is not None:
            current.append(text)
    return [(lines[0], " ".join(reflow(lines).split())) for lines in found]


def _opens(text: str) -> bool:
    return not _CONTENTS_LINE.search(text) and bool(
        _CORRECTION.match(text) or _CORRECTION_SENTENCE.search(text) or _MEETING.match(text))


def _capped(text: str) -> str:
    """`text`, or its first `MAX_NOTE` characters cut at a word with «…».

    >>> _capped("ord " * 200)[-5:], len(_capped("ord " * 200)) <= MAX_NOTE + 1
    ('ord …', True)
    """
    if len(text) <= MAX_NOTE:
        return text
    return text[:MAX_NOTE].rsplit(None, 1)[0] + " …"
