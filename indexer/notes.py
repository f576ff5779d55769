"""A note about the meeting or its document, printed above the first item, between items or after them.

Minutes say above their first item what a reader of any item should know: that they were
corrected («Rettelse: Referatet er rettet den 14. marts 2025, punkt 2 …»), that the meeting was an
extraordinary one, a theme meeting, the constituent one or a joint one, cancelled, moved or held
online («Mødet var indkaldt med kort varsel …», «Ændret mødetidspunkt: kl. 15.00»), or that an item
was left out or taken behind closed doors («Punkt 7 udgik af dagsordenen»). The head's metadata
lines (council, date, place, attendance, agenda and contents lists) are read elsewhere
(`indexer.meeting`); only these kinds of note are kept, narrowly, as printed.

Between and after the items (where the reading leaves such a line at the end of the item above it)
only what happened at the meeting is a note: a break («Mødet blev afbrudt kl. 18.30 og genoptaget
kl. 18.50»), an item left out, added or taken behind closed doors, a correction. The meeting's routine
end («Mødet hævet kl. 18.45») is none, and neither is what an item's own text says of it («Sagen
udsættes til næste møde», «Punktet udgår»): its outcome tells that (`indexer.outcome`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.clean import reflow
from indexer.models import DECISION, Item

# A correction of the document: a paragraph opening with its marker, or a sentence saying so.
_CORRECTION = re.compile(
    r"(?:Rettelse(?:sblad)?|Berigtigelse)(?:\s*[:.\-–]|\s*$|\s+(?:den|d\.|pr\.)\s"
    r"|\s+(?:til|af|i|vedr\.?|vedrørende)\s+(?:referat|dagsorden|protokol|beslutningsprotokol|mødet|punkt))"
    r"|Rettet(?:\s*[:.\-–]|\s+(?:den|d\.|pr\.|\d))"
    r"|(?:NB|Bemærk|OBS)\s*[:!]"
    r"|Referatet\s+(?:er|blev)\s+(?:blevet\s+)?(?:rettet|ændret)\b")
_CORRECTION_SENTENCE = re.compile(r"(?:^|[.!?]\s+)Referatet\s+(?:er|blev)\s+(?:blevet\s+)?(?:rettet|ændret)\b")
# An error in the document as sent out, told by itself («Ved en fejl stod der i den udsendte version, at
# …»): a correction only where it names the document or its version; «Ved en fejl blev der opkrævet for
# meget» is a case's account (layouts12 review).
_BY_MISTAKE = re.compile(r"(?i)^(?:(?:NB|Bemærk|OBS)\s*[:!]\s*)?Ved\s+en\s+fejl\b(?=.*?\b(?:referat(?:et)?|dagsorden(?:en)?"
                         r"|protokol(?:len)?|(?:ud|frem)sendte|offentliggjorte|version(?:en)?)\b)")
# A paragraph about the meeting itself: «Mødet blev aflyst», «Mødet blev holdt som virtuelt møde».
_MEETING = re.compile(
    r"Mødet\s+(?:er|var|blev)\s+(?:blevet\s+)?"
    r"(?:aflyst|flyttet|rykket|fremrykket|udsat|afbrudt|suspenderet"
    r"|(?:af)?holdt\s+som\s+(?:et\s+)?(?:virtuelt|online|telefon)[- ]?møde"
    r"|indkaldt\s+med\s+kort\s+varsel)\b")
# The meeting's kind, in the title or a line of its own: an extraordinary one, a theme meeting (no
# decisions), the constituent one after an election, a joint meeting of two councils.
# A meeting with others keeps whose it was, as printed up to its date, time or place («Fællesmøde mellem
# Børneudvalget og Skoleudvalget den 3. marts», «… med Ældrerådet kl. 15.00», «… i Byrådssalen»).
_WHEN_OR_WHERE = (r"den|d\.|kl\.|i|på|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|januar|februar|marts"
                  r"|april|maj|juni|juli|august|september|oktober|november|december")
_KIND = re.compile(r"(?i)\b(?P<kind>ekstraordinær(?:t\s+møde|\s+generalforsamling)|temamøde"
                   r"|konstituerende\s+[\wæøå-]*møde|fællesmøde)\b"
                   r"(?P<whose>\s+(?:mellem|med)\s+[^\d,–(:]+?"
                   rf"(?=\s*(?:$|\d|,|–|\(|:)|\s+(?:{_WHEN_OR_WHERE})(?![\wæøå])))?")
# What may stand before the kind in the document's title: its name and the council's («Referat af
# temamøde …», «Byrådet 3. marts 2025 – ekstraordinært møde»), not a label or a time («Næste møde: Temamøde om …»,
# «Kl. 15.30-16.45: Temamøde om budget 2026»): a mention of another meeting (code review 25).
_BEFORE_KIND = re.compile(r"(?i)^(?!.*(?::|\bkl\.|\d[.:]\d{2}))")
# A line announcing a list below it («Dagsorden», «Indhold»): its unnumbered items follow, no kind of the meeting's.
_LIST_HEADER = re.compile(r"(?i)^(?:dagsorden(?:spunkter)?|indhold(?:sfortegnelse)?|punkter|sager)\s*:?$")
# A changed time or place of this meeting, labelled: «Ændret mødetidspunkt: kl. 15.00», «Nyt mødested:
# Byrådssalen», «Bemærk: nyt mødested». Not a title saying so of something else («Nyt mødested for
# Ældrerådets borgermøder», a contents list's line; «Nyt lokale til borgerservice drøftes under punkt 4»:
# code review 25); a sentence («Mødet er flyttet …») is `_MEETING`'s.
_CHANGED_WHAT = r"(?:ændret|nyt?)\s+(?:møde)?(?:tidspunkt|sted|dato|tid|lokale|mødelokale)\b"
_CHANGED = re.compile(rf"(?i)(?:NB|Bemærk|OBS)\s*[:!]?\s*{_CHANGED_WHAT}|{_CHANGED_WHAT}\s*:")
# A fact about an item as the meeting took it, said of the item by its number («Punkt 7 udgik af
# dagsordenen», «Punkt 5 blev behandlet for lukkede døre», «Punkt 8 blev tilføjet dagsordenen»).
_NUMBERS = r"(?P<numbers>\d{1,3}(?:\s*(?:,|og|-|–)\s*\d{1,3})*)"
_ITEM_FACT = re.compile(
    rf"(?:Punkt(?:erne)?|Pkt\.?|Dagsordenspunkt(?:erne)?|Sag(?:erne)?\s+nr\.?)\s*{_NUMBERS}\s+"
    r"(?:(?P<left>(?:udgik|udgår|(?:er|blev)\s+(?:udgået|trukket))(?:\s+(?:af|fra)\s+dagsordenen)?"
    r"|(?:er|blev)\s+taget\s+(?:af|fra)\s+dagsordenen)"
    r"|(?:er|blev)\s+(?:(?:behandlet|drøftet)\s+)?(?P<closed>for\s+lukkede\s+døre)"
    r"|(?:er|blev)\s+(?:tilføjet|optaget\s+på|sat\s+på)(?:\s+dagsordenen)?)\b")
# What an item's own text says when it was left out: it tells that itself (its outcome is Udsat).
_OWN_LEFT_OUT = re.compile(r"(?i)\b(?:udgår|udgik|udgået|trukket|(?:taget|tages)\s+(?:af|fra)\s+dagsordenen)\b")
# A break in the meeting, told after the item it fell in: what happened there, not the routine end.
_BREAK = re.compile(r"Mødet\s+(?:blev\s+|var\s+)?(?:afbrudt|suspenderet|genoptaget)\b")
# A break is told by its time («Mødet blev afbrudt kl. 18.30 og genoptaget kl. 18.50»): a paragraph
# without one, or naming another meeting or event («… af en brandalarm under borgermødet, og formanden
# beklagede …»), is an item's text (code review 25).
_TIME = re.compile(r"\bkl\.\s*\d{1,2}(?:[.:]\d{2})?\b")
_OTHER_MEETING = re.compile(r"(?i)(?<![\wæøå])(?!mødet\b)[\wæøå-]*møde(?:t|r|rne)?(?![\wæøå])"
                            r"|\b(?:arrangement|konference|høring|besøg)\w*")
_SHORT_BREAK = 160
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


def meeting_note(head: Sequence[str], items: Sequence[Item] = ()) -> str | None:
    """The notes about the meeting or the document among the lines above the first item and at the
    end of its items (`items`), as printed (paragraphs joined by blank lines, at most about `MAX_NOTE`
    characters); None when there is none.

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
    if kind := next((found for line in _title_lines(head) if not _LISTED.match(line) and (found := _KIND.search(line))
                     and _BEFORE_KIND.match(line[:found.start()])), None):
        whose = kind.group("whose") or ""
        notes.append(kind.group("kind")[:1].upper() + kind.group("kind")[1:].lower()
                     + (whose.lower() if whose.isupper() else whose))
    for first, paragraph in _paragraphs(head):
        if _MEETING.match(first) and not _CORRECTION.match(first) and len(paragraph) > _SHORT:
            continue  # a text about the meeting, not a note on it
        if _REMINDER.match(first) and not (_ABOUT_CHANGE.search(paragraph) or _says_corrected(paragraph)):
            continue  # «NB: Husk at medbringe iPad»
        if _told_by_the_item(paragraph, items):
            continue
        if paragraph not in notes:
            notes.append(paragraph)
    for paragraph in (found for item in items for found in after_item(item)):
        if paragraph not in notes and not _told_by_the_item(paragraph, items):
            notes.append(paragraph)
    if not notes:
        return None
    return _capped("\n\n".join(notes))


def in_note(paragraph: str, note: str | None) -> bool:
    r"""Whether `paragraph` (as `after_item` gives it) is one of `note`'s paragraphs, the last maybe cut
    (`_capped`).

    >>> in_note("Punkt 4 udgik af dagsordenen.", "Temamøde\n\nPunkt 4 udgik af dagsordenen."), in_note("Punkt 4", "Temamøde")
    (True, False)
    """
    return bool(note) and any(paragraph == own or own.endswith(" …") and paragraph.startswith(own[:-2])
                              for own in note.split("\n\n"))


def closed_by_note(note: str | None) -> set[int]:
    r"""The numbers of the items `note` says were taken behind closed doors («Punkt 4 blev behandlet for
    lukkede døre»), so that they are marked closed as their headings would mark them (`indexer.openness`).

    >>> sorted(closed_by_note("Temamøde\n\nPunkterne 4-6 og 9 blev behandlet for lukkede døre."))
    [4, 5, 6, 9]
    >>> closed_by_note("Punkt 7 udgik af dagsordenen."), closed_by_note(None)
    (set(), set())

    Not where the sentence goes on to another meeting's («… for lukkede døre på mødet den 5. februar»:
    code review 27, it closed this meeting's open item 3).

    >>> closed_by_note("Punkt 3 blev behandlet for lukkede døre på mødet den 5. februar."), closed_by_note(
    ...     "Punkt 3 blev behandlet for lukkede døre, da sagen er en personsag.")
    (set(), {3})
    """
    found: set[int] = set()
    for paragraph in (note or "").split("\n\n"):
        if (fact := _ITEM_FACT.match(paragraph)) and fact.group("closed") \
                and not _ANOTHER_MEETING.search(paragraph[fact.end():]):
            found |= _named(fact.group("numbers"))
    return found


# What follows an item fact when it tells of another meeting: a date, «mødet den», «sidste/forrige møde»
# (not a number of another kind: «… jf. punkt 4 i forretningsordenen»).
_ANOTHER_MEETING = re.compile(
    r"(?i)\bmøde|\btidligere\b|\bsidst|\bforrige\b|\bden\s+\d|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
    r"|\d{1,2}\.?\s*(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-z]*\b")


def _named(numbers: str) -> set[int]:
    """The item numbers a fact names: «4», «3 og 4», «4-6» (each between)."""
    named: set[int] = set()
    for part in re.split(r"\s*(?:,|og)\s*", numbers):
        ends = [int(n) for n in re.findall(r"\d{1,3}", part)]
        if len(ends) == 2 and ends[0] < ends[1] <= ends[0] + 50:
            named |= set(range(ends[0], ends[1] + 1))
        else:
            named |= set(ends)
    return named


def after_item(item: Item) -> list[str]:
    """The notes printed after `item`'s own text, which the reading leaves at the end of it: the
    paragraphs of its last section after the first (the decision itself), or of its text after the
    first where it has no sections, that open with a break, a fact about an item by its number or a
    correction. Its case text above its last section is never read: «Mødet blev udsat til
    efteråret» there is another meeting's."""
    text = item.sections[-1].text if item.sections else reflow(line.text for line in item.lines)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return [p for p in paragraphs[1:]
            if len(p) <= _SHORT
            and (_a_break(p) or _ITEM_FACT.match(p) or _CORRECTION.match(p) and not _REMINDER.match(p)
                 or _says_corrected(p))]


def _says_corrected(paragraph: str) -> bool:
    """Whether `paragraph` says the document was corrected («Referatet er rettet 14. marts 2025.», «Ved en
    fejl stod der i den udsendte version, at …»), also behind a reminder's marker («Bemærk: Ved en fejl …»),
    where «Bemærk: Husk …» is no note (layouts12 review: such a correction stayed in the decision above it).

    >>> _says_corrected("Bemærk: Ved en fejl stod der i den udsendte version, at indstillingen blev vedtaget.")
    True
    >>> _says_corrected("Bemærk: Husk at referatet skal underskrives."), _says_corrected("Ved en fejl blev der opkrævet for meget.")
    (False, False)
    """
    return bool(_CORRECTION_SENTENCE.search(paragraph) or _BY_MISTAKE.match(paragraph))


def _a_break(paragraph: str) -> bool:
    """A short line telling when this meeting broke off («Mødet blev afbrudt kl. 18.30 og genoptaget kl.
    18.50»), not a paragraph about what happened at another meeting or event.

    >>> _a_break("Mødet blev suspenderet fra kl. 17.40 til kl. 18.05."), _a_break("Mødet blev afbrudt af en brandalarm.")
    (True, False)
    >>> _a_break("Mødet blev afbrudt kl. 19.10 under borgermødet, og formanden beklagede forløbet.")
    False
    """
    return (bool(_BREAK.match(paragraph)) and len(paragraph) <= _SHORT_BREAK and bool(_TIME.search(paragraph))
            and not _OTHER_MEETING.search(paragraph))


def _told_by_the_item(paragraph: str, items: Sequence[Item]) -> bool:
    """Whether what `paragraph` says of items by their numbers each of them says itself: an item
    named as left out whose own text says it is, one named as taken behind closed doors that the
    reading marks closed (`indexer.openness`). Told twice, the note adds nothing."""
    fact = _ITEM_FACT.match(paragraph)
    if not fact or not (fact.group("left") or fact.group("closed")) or len(paragraph.rstrip(" .")) > fact.end():
        return False  # a note saying more than the fact keeps it
    named = _named(fact.group("numbers"))
    own = {item.number: item for item in items if item.number in named}
    if set(own) != named:
        return False  # an item left out is often not printed at all: the note is all that tells it
    return all(item.closed if fact.group("closed") else bool(_OWN_LEFT_OUT.search(_own_text(item)))
               for item in own.values())


def _own_text(item: Item) -> str:
    """`item`'s title and decision (its text where it has no sections) without what `after_item` takes
    as notes: where its outcome is read, not its case text («Den gamle ordning udgår»)."""
    notes = set(after_item(item))
    text = "\n\n".join(s.text for s in item.sections if s.key == DECISION) if item.sections else reflow(
        line.text for line in item.lines)
    return item.title + "\n" + "\n".join(p for p in re.split(r"\n\s*\n", text) if " ".join(p.split()) not in notes)


def _title_lines(head: Sequence[str]) -> list[str]:
    """The head's first lines, where the meeting's kind is printed, up to a line announcing a list
    («Dagsorden:»: its unnumbered items follow, «Ekstraordinær generalforsamling i … A/S» one of them)."""
    lines = []
    for line in (line.strip() for line in head if line.strip()):
        if len(lines) == _TITLE_LINES or line.endswith(":") or _LIST_HEADER.match(line) and _dated(lines):
            break  # «Dagsorden» opening the title is the document's name, after the date a list's header
        if not line.endswith("."):  # a sentence («Der var indkaldt til ekstraordinært møde for …») tells of another
            lines.append(line)
    return lines


def _dated(lines: Sequence[str]) -> bool:
    return any(any(c.isdigit() for c in line) for line in lines)


def _paragraphs(head: Sequence[str]) -> list[tuple[str, str]]:
    """The head's paragraphs that open with a note's marker, each as its first line and its text:
    from that line to a blank or labelled line, reflowed (a wrapped sentence joined). A line of a
    contents list opens none."""
    found: list[list[str]] = []
    current: list[str] | None = None
    listing = False  # under «Indhold», «Dagsorden»: the items' titles, up to the next labelled line
    for raw in head:
        text = raw.strip()
        if current is not None and (not text or _LABELLED.match(text) and not _opens(text)):
            current = None
        if not text:
            continue
        if _LIST_HEADER.match(text):
            listing = True
        elif _LABELLED.match(text) and not _CHANGED.match(text):
            listing = False  # the head's next field («Mødested: …») ends the list
        if _opens(text) and not (listing and _CHANGED.match(text)):  # a list's «Nyt mødested: …» names an item
            current = [text]
            found.append(current)
        elif current is not None:
            current.append(text)
    return [(lines[0], " ".join(reflow(lines).split())) for lines in found]


def _opens(text: str) -> bool:
    return not _CONTENTS_LINE.search(text) and bool(
        _CORRECTION.match(text) or _says_corrected(text) or _MEETING.match(text) or _CHANGED.match(text)
        or _ITEM_FACT.match(text))


def _capped(text: str) -> str:
    """`text`, or its first `MAX_NOTE` characters cut at a word with «…».

    >>> _capped("ord " * 200)[-5:], len(_capped("ord " * 200)) <= MAX_NOTE + 1
    ('ord …', True)
    """
    if len(text) <= MAX_NOTE:
        return text
    return text[:MAX_NOTE].rsplit(None, 1)[0] + " …"
