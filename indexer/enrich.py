"""Segmented document → Document with passages: meeting metadata, ids, topics, decisions first.

Metadata comes from the document's front matter first (title page, `Mødedato`, `Sted`,
`Medlemmer`, ...), then from its text (the municipality named most often, the date the
decisions carry), so layouts without a head still get what can be known. A document without
agenda items has no head: its opening lines (title, labelled meeting lines) stand for one.

The document type is what the document calls itself (`_doc_type`); minutes that record this
council's decisions are minutes whatever their title, an annual report without the word must
read as one, and a document that says nothing is filed as minutes and claims no meeting.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePosixPath

from indexer import conventions as cv
from indexer.clean import reflow
from indexer.dates import find_dates, parse_date, parse_labelled_date, year_of
from indexer.models import (
    AARSBERETNING,
    DAGSORDEN,
    DECISION,
    EARLIER_DECISION,
    REFERAT,
    Document,
    Item,
    Line,
    Passage,
    Section,
    Segmented,
    SourceFile,
)
from indexer.topics import TopicTagger, default_tagger

_MUNICIPALITY = re.compile(r"\b([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)*) Kommunes?\b")
_NOT_A_NAME = {"Den", "Det", "En", "Et", "Hver", "Din", "Vores", "Jeres", "Samme", "Hele", "Anden", "Egen", "Ny", "Nye"}
_COUNCIL = re.compile(rf"(?<![\wæøåÆØÅ])({cv.COUNCIL_PATTERN})s?(?![\wæøåÆØÅ])")
_DATE_LABEL = re.compile(r"^(Mødedato|Dato|Mødedag|Mødetidspunkt|STARTTIDSPUNKT|Tidspunkt|Tid)\b", re.IGNORECASE)
_PLACE_LABELS = ("Mødested", "Sted", "Lokale", "Mødelokale", "STED")
_PRESENT_LABELS = ("Medlemmer", "Mødedeltagere", "Deltagere", "Til stede", "Tilstede", "Fremmødte")
_OTHER_HEAD_LABELS = (
    "Administrationen", "Referent", "Mødedato", "Tid", "Mødetid", "Mødetidspunkt", "Dato", "Tidspunkt",
    "Stedfortræder", "Indhold", "Indholdsfortegnelse", "UDVALG", "MØDE", "STARTTIDSPUNKT", "SLUTTIDSPUNKT",
) + _PLACE_LABELS
_ROLE_WORDS = {
    "formand", "næstformand", "forperson", "næstforperson", "forkvinde", "sekretær", "referent",
    "borgmester", "viceborgmester", "1. viceborgmester", "2. viceborgmester", "rådmand", "udvalgsformand",
    "suppleant", "stedfortræder",
}


def enrich(source: SourceFile, lines: Sequence[Line], segmented: Segmented, tagger: TopicTagger | None = None) -> Document:
    """Attach document metadata to every item and build the passages."""
    tagger = tagger or default_tagger()
    head = [line.text for line in segmented.head]
    body = [line.text for line in lines]
    report = segmented.kind == "report"
    # Minutes say what and when in the head above their first item; a document without items
    # (a report, minutes written as prose, a note) in the lines it opens with.
    opening = _opening(body) if report else head
    fields = head_fields(opening)
    meeting = _meeting_date(opening, fields, segmented.items)
    front = [*head, *opening] if report else head
    council = _council(front, body)
    decided = any(s.is_decision for item in segmented.items for s in _reclassify(item.sections, meeting, council))
    doc_type = _doc_type(opening, decided, _is_annual_report(report, fields, head, segmented.items))
    annual = report and doc_type == AARSBERETNING
    if annual:
        meeting = None  # a date in a report's title block is no meeting's
    if meeting:
        year = int(meeting[:4])
    elif doc_type == AARSBERETNING:
        year = _report_year(opening if report else head, segmented.items)
    else:  # minutes without a date: the year their title gives, not the years their items are about
        year = next((y for text in _title_lines(opening) if (y := year_of(text))), None)
    absent = _names(fields.get("absent", ""))
    present = tuple(n for n in _names(fields.get("present", "")) if n not in absent)
    document_id = _document_id(source.source)
    base = dict(
        doc_type=doc_type,
        municipality=_municipality(front, body),
        council=council,
        meeting_date=meeting,
        year=year,
        place=fields.get("place") or (None if annual else _unlabelled_place(opening, meeting)),
        present=present,
        absent=absent,
        source=source.source,
        source_sha256=source.sha256,
    )
    # Upper-case report headings take the document's own casing (`_true_case`): learned once
    # per document, and only when a heading needs it.
    casing = _casing(body) if report and any(_all_upper(item.title) for item in segmented.items) else {}
    passages = tuple(
        _passage(item, position, passage_id, document_id, base, meeting, tagger, report, casing, source.kind == "pdf")
        for position, (item, passage_id) in enumerate(
            zip(segmented.items, passage_ids(document_id, [(item.number, item.title) for item in segmented.items])))
    )
    case_numbers = {p.case_number for p in passages}
    return Document(
        id=document_id,
        kind=source.kind,
        case_number=case_numbers.pop() if len(case_numbers) == 1 else None,
        passages=passages,
        **base,
    )


def passage_ids(document_id: str, items: Sequence[tuple[int | None, str]]) -> list[str]:
    """Each item's id: its document's, then its number and the start of its title as a slug.

    An id names the item, not its place: a link or citation keeps pointing at the same item
    when the minutes are reindexed with an item added, removed or moved (a place-numbered id
    silently moved to the neighbouring item), and a retitled item gets a new id (a link to
    it says it is gone rather than show another item). Equal names in one document (item 16
    printed twice) get -2, -3, ….

    >>> passage_ids("referat-0785a4", [(15, "Modtagelse af flygtninge"), (None, "Forord"), (None, "Forord")])
    ['referat-0785a4-15-modtagelse-af-flygtninge', 'referat-0785a4-forord', 'referat-0785a4-forord-2']
    """
    ids: list[str] = []
    taken: set[str] = set()
    for number, title in items:
        name = _slug(title)
        if len(name) > PASSAGE_SLUG:  # cut at a word
            name = name[:PASSAGE_SLUG + 1].rsplit("-", 1)[0]
        parts = [str(number) if number is not None else "", name or "uden-titel"]
        base = f"{document_id}-" + "-".join(part for part in parts if part)
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        ids.append(candidate)
    return ids


def _passage(item: Item, position: int, passage_id: str, document_id: str, base: dict, meeting: str | None,
             tagger: TopicTagger, report: bool, casing: dict[str, str], is_pdf: bool) -> Passage:
    title = _true_case(item.title, casing) if report else item.title
    # The text is what the item says, in reading order: section texts without their labels,
    # so "BESLUTNING" printed in every item does not make every item match "beslutning".
    text = "\n\n".join(s.text for s in item.sections if s.text) if item.sections else reflow(
        line.text for line in item.lines)
    if len(title) > cv.TITLE_MAX:
        # A heading that runs on (a line with no breaks): shown cut, searchable whole in the text.
        text = f"{title}\n\n{text}" if text else title
        title = cv.shorten_title(title)
    sections = _decisions_first(_reclassify(item.sections, meeting, base["council"]))
    decision_dates = [s.date for s in sections if s.is_decision and s.date]  # a placeholder ("-") decides nothing
    return Passage(
        id=passage_id,
        document_id=document_id,
        position=position,
        item_number=item.number,
        title=title,
        case_handler=item.fields.get("case_handler"),
        case_number=item.fields.get("case_number"),
        topics=tagger.tag(title, text, council=base["council"]),
        line=item.start.number,
        page=item.start.page if is_pdf else None,
        sections=sections,
        text=text,
        decision_date=decision_dates[0] if decision_dates else None,
        **base,
    )


# --- Passage parts -----------------------------------------------------------------------


def _reclassify(sections: Sequence[Section], meeting: str | None, council: str | None = None) -> list[Section]:
    """A council-named decision dated before this meeting quotes an earlier committee.

    When another council made it, it is quoted even as the item's only decision: an agenda
    (dagsorden) prints the committees' recommendations before this council has decided.
    Otherwise only when another decision of this meeting remains, so an item decided on a
    deferred date (seed: "Integrationsrådet 19.03.2015" under BESLUTNING) keeps its decision.
    """
    named = [s for s in sections if s.key == DECISION and s.label and cv.label_of(s.label) is None]
    if not meeting or not named:
        return list(sections)
    earlier = [s for s in named if s.date and s.date < meeting and council and not _same_council(s.label, council)]
    current = [s for s in named if s.date in (None, meeting)]
    if len(named) >= 2 and current:
        earlier += [s for s in named if s not in current]
    return [
        Section(EARLIER_DECISION, s.label, s.text, s.date, s.note) if s in earlier else s
        for s in sections
    ]


def _same_council(header: str, council: str) -> bool:
    """Whether a decision header names this document's council, in full or by its initials.

    >>> [_same_council(h, "Byrådet") for h in ("Beslutning i Byrådet den 29-01-2019", "BR, 29.01.2019", "ØU, 16.01.2019")]
    [True, True, False]
    >>> _same_council("BIU's møde den 13. marts 2012:", "Beskæftigelses- og Integrationsudvalget")
    True
    """
    found = cv.decision_header(header)
    if found is None or not found.council:
        return True  # nothing to tell them apart by
    name = found.council
    if name.casefold() == council.casefold():
        return True
    return name.isupper() and len(name) <= 5 and name == _initials(council)


_PARTS = re.compile(r"-,?\s+(?:og\s+)?|\s+og\s+", re.IGNORECASE)
_COUNCIL_END = re.compile(r"(udvalget|udvalg|rådet|råd|bestyrelsen|bestyrelse|repræsentationen|magistraten)$", re.IGNORECASE)


def _initials(council: str) -> str:
    """'Økonomiudvalget' → 'ØU', 'Byrådet' → 'BR', 'Beskæftigelses- og Integrationsudvalget' → 'BIU'."""
    parts = [p for p in _PARTS.split(council) if p]
    letters = [p[0].upper() for p in parts]
    end = _COUNCIL_END.search(parts[-1]) if parts else None
    if end and end.start() > 0:
        letters.append(end.group(1)[0].upper())
    return "".join(letters)


def _decisions_first(sections: Sequence[Section]) -> tuple[Section, ...]:
    return tuple(sorted(sections, key=lambda s: 0 if s.key == DECISION else 1))


def _true_case(title: str, casing: dict[str, str]) -> str:
    """An upper-case heading in the casing the document itself uses for each word (`_casing`).

    "DM I SKILLS 2019 I NÆSTVED" → "DM i Skills 2019 i Næstved": each word takes its most
    frequent spelling in the document's mixed-case text; unknown words go lower case.

    >>> _true_case("DM I SKILLS 2019 I NÆSTVED", _casing(["DM i Skills i Næstved", "Skills er i gang"]))
    'DM i Skills 2019 i Næstved'
    """
    if not _all_upper(title):
        return title
    words = []
    for k, word in enumerate(title.split()):
        best = casing.get(word.lower(), word.lower())
        words.append(best[:1].upper() + best[1:] if k == 0 else best)
    return " ".join(words)


def _all_upper(title: str) -> bool:
    return not any(c.islower() for c in title)


def _casing(body: list[str]) -> dict[str, str]:
    """Each word's most frequent spelling in the lines that mix cases (upper-case lines tell
    nothing about casing), keyed by the lower-case word; ties go to the first seen."""
    seen: dict[str, Counter[str]] = {}
    for text in body:
        if _all_upper(text):
            continue
        for word in _WORD_RE.findall(text):
            seen.setdefault(word.lower(), Counter())[word] += 1
    return {lower: forms.most_common(1)[0][0] for lower, forms in seen.items()}


_WORD_RE = re.compile(r"[\wæøåÆØÅ]+")


def _document_id(source: str) -> str:
    """Readable and unique: the file name as a slug plus a short hash of the whole source path."""
    stem = PurePosixPath(source).with_suffix("").as_posix()
    digest = hashlib.sha1(source.encode("utf-8")).hexdigest()[:6]
    return f"{_slug(stem)[:60].strip('-')}-{digest}"


# Characters of a title in its passage's id (cut at a word).
PASSAGE_SLUG = 40
_DANISH_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def _slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by single hyphens: `Modtagelse af flygtninge`
    → `modtagelse-af-flygtninge` (æ, ø, å as ae, oe, aa; other letters without accents)."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_DANISH_ASCII))
    return re.sub(r"[^a-z0-9]+", "-", folded.encode("ascii", "ignore").decode("ascii")).strip("-")


# --- Document metadata -------------------------------------------------------------------


def head_fields(head: Sequence[str]) -> dict[str, str]:
    """Labelled values of the front matter: place, present, absent, date.

    Handles `Label: value`, `Label value`, a value continued on following lines, and the
    label-block form PDF tab stops produce (labels first, then the values in the same order).
    """
    out: dict[str, str] = {}
    pending: list[str] = []
    current: str | None = None
    for text in list(head) + [""]:
        label, value = _head_label(text)
        other = _OTHER_LABEL.match(text) if label is None else None
        if other and other.group("label").casefold() in _ROLE_WORDS:
            text, other = f"{other.group('label')} {text[other.end():].strip()}".strip(), None  # "Formand: Jens Hansen"
        if other:
            current = None  # "Fra forvaltningen:", "Gæster:": who else attended is no member's name
            continue
        if label is not None:
            current = None
            kind = _label_kind(label)
            if value:
                if kind == "place" and _names_the_room(label, text):
                    value = text  # "Mødelokale 3, Rådhuset": the label word is part of the name
                if kind:
                    out.setdefault(kind, value)
                    current = kind
            elif kind or label in _OTHER_HEAD_LABELS:
                pending.append(kind or "")
            continue
        if not text:
            if current and current in ("present", "absent") and out.get(current, "").endswith(","):
                continue
            current = None
            continue
        if pending:
            kind = pending.pop(0)
            if kind:
                out.setdefault(kind, text)
                current = kind if kind in ("present", "absent") else None
            continue
        if current in ("present", "absent"):
            out[current] = out[current] + _list_joiner(out[current]) + text
    return out


# A label the head has that none of ours is: "Fra administrationen:", "Øvrige deltagere:", "Gæster:".
_OTHER_LABEL = re.compile(r"^(?P<label>[A-ZÆØÅ][\wæøåÆØÅ.]*(?:\s+[\wæøåÆØÅ.]+){0,3}):(?:\s|$)")
_ROOM_LABELS = ("Mødelokale", "Lokale")


def _names_the_room(label: str, text: str) -> bool:
    """Whether a place label without a colon is the first word of the room's name.

    >>> _names_the_room("Mødelokale", "Mødelokale A, Havnsted Rådhus"), _names_the_room("Lokale", "Lokale: B-206")
    (True, False)
    """
    return label in _ROOM_LABELS and not text.startswith(label + ":")


def _list_joiner(so_far: str) -> str:
    """How a continuation line joins a list of names: after a comma, or inside a name that a
    PDF wrapped ("…, Bashir" + "Nawa, …": the last name of a comma list is one word so far),
    with a space; otherwise (one name per line) as a new name.

    >>> [_list_joiner(v) for v in ("A Hansen,", "A Hansen, Bashir", "A Hansen, B Nawa", "A Hansen", "A Hansen (A), formand")]
    [' ', ' ', ', ', ', ', ', ']
    """
    if so_far.endswith(","):
        return " "
    last = so_far.rsplit(",", 1)[-1].strip()
    if last.lower() in _ROLE_WORDS:
        return ", "  # "Kirsten Bach (A), formand" ends a member: the next line is the next one
    if "," in so_far and len(last.split()) == 1:
        return " "
    return ", "


# Longest first: "Afbud fra: …" is not "Afbud" with the value "fra: …".
_HEAD_LABELS = sorted(_PRESENT_LABELS + cv.ABSENT_LABELS + _OTHER_HEAD_LABELS, key=len, reverse=True)


def _head_label(text: str) -> tuple[str | None, str]:
    for label in _HEAD_LABELS:
        if text == label or text == label + ":":
            return label, ""
        for sep in (": ", " "):
            if text.startswith(label + sep):
                return label, text[len(label) + len(sep):].strip()
    return None, ""


def _label_kind(label: str) -> str | None:
    if label in _PRESENT_LABELS:
        return "present"
    if label in cv.ABSENT_LABELS:
        return "absent"
    if label in _PLACE_LABELS:
        return "place"
    if _DATE_LABEL.match(label):
        return "date"
    return None


# What a list of members says when it names nobody: "Fraværende: Ingen", "Afbud: Ingen afbud",
# "Fraværende: Alle mødt", "Til stede: Alle medlemmer".
_NOBODY = {"ingen", "intet", "alle", "ikke"}


def _names(value: str) -> tuple[str, ...]:
    """'Hanne Brix (formand), Said Mahmoudi (næstformand), …' → ('Hanne Brix', 'Said Mahmoudi', …).

    >>> _names("Ingen"), _names("Ingen afbud."), _names("Alle mødt"), _names("-"), _names("Jens Hansen og Ingelise Bo")
    ((), (), (), (), ('Jens Hansen', 'Ingelise Bo'))
    """
    value = re.sub(r"\([^)]*\)", "", value).rstrip(".")
    names = []
    for part in re.split(r",|\bog\b", value):
        name = _without_role(" ".join(part.split()).lstrip(cv.BULLETS + " "))
        # A name starts with a capital: "sag 129-138" (the items a member missed) and what is left of
        # "Suppleant for Brian Møller" ("for Brian Møller") are notes about a member, not members.
        if (name and name[0].isupper() and name.lower() not in _ROLE_WORDS and not name.isdigit()
                and name.split()[0].casefold() not in _NOBODY):
            names.append(name)
    return tuple(dict.fromkeys(names))


def _without_role(name: str) -> str:
    """'Formand Erik Nielsen' → 'Erik Nielsen': a role printed before a member's name.

    >>> _without_role("Næstformand Henrik Lauesen"), _without_role("Formand"), _without_role("Rådmandsen Ib")
    ('Henrik Lauesen', 'Formand', 'Rådmandsen Ib')
    """
    words = name.split()
    for size in (2, 1):  # "1. viceborgmester Ib Holm"
        if len(words) > size and " ".join(words[:size]).lower() in _ROLE_WORDS:
            return " ".join(words[size:])
    return name


_TITLE_LINES = 12  # a document says what it is within its first lines


def _title_lines(head: Sequence[str]) -> list[str]:
    """The head's first lines without its contents list: an agenda item listed there
    ("2. Årsberetning 2019 for Integrationsrådet") names no document type.

    >>> _title_lines(["Referat", "", "PUNKTER", "1. Godkendelse af dagsorden", "2. Årsberetning 2019", "Eventuelt.....7"])
    ['Referat']
    """
    return [text for text in head if text and not _is_contents_line(text)][:_TITLE_LINES]


def _is_contents_line(text: str) -> bool:
    return bool(cv.CONTENTS_HEADER.match(text) or cv.NUMBERED_ENTRY.match(text) or cv.DOTTED_ENTRY.match(text)
                or cv.CAPS_ENTRY.match(text))


def _doc_type(opening: Sequence[str], decided: bool, annual: bool) -> str:
    """What the document calls itself in its opening lines; else, without items, an annual
    report only where it reads as one (`_is_annual_report`); else minutes, the records the
    corpus is made of, which claims no meeting, date or council the document does not give.

    A document recording this council's decisions is its minutes, whatever its title:
    "Dagsorden med beslutninger" and "Åben dagsorden - beslutninger" are minutes; an agenda
    quotes only earlier committees.
    """
    first = " ".join(_title_lines(opening))
    if cv.ANNUAL_WORD.search(first):
        return AARSBERETNING
    if cv.AGENDA_WORD.search(first) and not cv.MINUTES_WORD.search(first) and not decided:
        return DAGSORDEN
    if annual and not cv.MINUTES_WORD.search(first) and not cv.AGENDA_WORD.search(first):
        return AARSBERETNING
    return REFERAT


def _is_annual_report(report: bool, fields: dict[str, str], head: Sequence[str], items: Sequence[Item]) -> bool:
    """A document without items reads as an annual report when it has sections and a year
    they are about (seed: "Visionen 2014-2017" … "Integrationsrådets møder 2015"), and no
    meeting lines (`Mødedato`, `Til stede`, `Afbud`) open it. A note of one paragraph, undated,
    is no annual report."""
    if not report or any(fields.get(kind) for kind in ("date", "present", "absent")):
        return False
    return len(items) >= 2 and _report_year(head, items) is not None


def _opening(body: Sequence[str]) -> list[str]:
    """A document's first lines up to its first paragraph of prose: its title and the lines
    under it that label the meeting (date, place, attendance).

    >>> _opening(["", "Referat af møde i Handicaprådet den 3. marts 2020", "Afbud: Kirsten Holm", "",
    ...           "Formanden bød velkommen, og dagsordenen blev godkendt.", "Rådet drøftede tilgængeligheden."])
    ['Referat af møde i Handicaprådet den 3. marts 2020', 'Afbud: Kirsten Holm']
    """
    out: list[str] = []
    for text in body:
        if not text:
            continue
        if out and _is_prose(text) and _head_label(text)[0] is None:
            break
        out.append(text)
        if len(out) >= _TITLE_LINES:
            break
    return out


def _is_prose(text: str) -> bool:
    return len(text.split()) > _TITLE_LINES or bool(re.search(r"[.!?]$", text))


# Dates a head gives for something other than the meeting: when the papers were sent out or
# published, approved or signed, and the next meeting.
_OTHER_DATE = re.compile(
    r"(?i)\b(?:udsendt|udsendelse|offentliggjort|publiceret|opdateret|godkendt|underskrevet|frist|næste\s+møde)")


def _meeting_date(head: Sequence[str], fields: dict[str, str], items: Sequence[Item]) -> str | None:
    """The labelled date of the front matter, else the first date of a line about the meeting,
    else its first date that is not of the papers' sending or publishing, else the decisions'
    own date.

    >>> _meeting_date(["Byrådet", "Udsendt den 26. april 2022", "Mødet holdes tirsdag den 3. maj 2022"], {}, [])
    '2022-05-03'
    """
    lines = [t for t in head if not _OTHER_DATE.search(t)]
    labelled = [fields.get("date", "")] + [t for t in head if _DATE_LABEL.match(t)]
    for text in labelled:  # a label says a date stands there: "Mødedato: 12.03.18" too
        found = parse_labelled_date(text)
        if found:
            return found.isoformat()
    for text in [t for t in lines if re.search(r"(?i)\bmød", t)] + lines:
        found = parse_date(text)
        if found:
            return found.isoformat()
    dates = Counter(s.date for item in items for s in item.sections if s.key == DECISION and s.date)
    return dates.most_common(1)[0][0] if dates else None


# A meeting place printed without a label names a room or building: "Byrådssalen, Rådhuset",
# "Mødelokale A, Havnsted Rådhus", "Udvalgsværelse 2", "Borgmesterens kontor", "via Teams".
_VENUE = re.compile(
    r"(?i)(?:rådhus(?:et)?|sal(?:en)?|lokale(?:t|r|rne)?|værelse(?:t)?|kontor(?:et)?)(?![\wæøå])|\bTeams\b"
)
# The time of day printed with a date or a place: "kl. 16:00", "- 16:30", "kl. 17.00-19.10", "16:00:00"
_TIME = r"(?:(?:kl\.?|klokken)\s*)?\d{1,2}[.:]\d{2}(?::\d{2})?(?:\s*[-–]\s*\d{1,2}[.:]\d{2})?"
_LEADING_TIME = re.compile(rf"^[\s,;\-–]*(?:(?i:kl\.?|klokken)\s*)?(?:{_TIME})?[\s,;\-–]*(?:(?:i|på)\s+)?")
_TRAILING_TIME = re.compile(rf"(?i)[\s,;\-–]*{_TIME}$")


def _unlabelled_place(head: Sequence[str], meeting: str | None) -> str | None:
    """The meeting place printed without a label right after the meeting's date.

    Some templates print the date line and then the place ("Tirsdag den 19. november 2019
    kl. 16:00" / "Mødelokale A, Havnsted Rådhus"), on the next line or, in a flattened PDF
    page, on the same line; others write "kl. 17.00 i Byrådssalen". Only a short line that
    names a room or building (`_VENUE`) counts: any other line after a date is no place.

    >>> _unlabelled_place(["Byrådet", "Tirsdag den 3. maj 2022 kl. 17.00", "", "Byrådssalen, Rådhuset"], "2022-05-03")
    'Byrådssalen, Rådhuset'
    >>> _unlabelled_place(["Referat fra mødet onsdag den 12. september 2012 kl. 17.00 i Byrådssalen"], "2012-09-12")
    'Byrådssalen'
    >>> _unlabelled_place(["Tirsdag den 3. maj 2022 kl. 17.00", "Ordinært møde"], "2022-05-03") is None
    True
    """
    if not meeting:
        return None
    for i, text in enumerate(head):
        spans = [span for when, span in find_dates(text) if when.isoformat() == meeting]
        if not spans:
            continue
        label, _ = _head_label(text)
        if label is not None and _label_kind(label) != "date":
            return None  # the date of another field ("Udsendt: …"): no convention to follow
        rest = _place_candidate(_LEADING_TIME.sub("", text[spans[0][1]:], count=1))
        if rest:
            return rest
        following = [k for k in range(i + 1, min(i + 3, len(head))) if head[k]]
        return _place_candidate(_LEADING_TIME.sub("", head[following[0]], count=1)) if following else None
    return None


def _place_candidate(text: str) -> str | None:
    """`text` as a meeting place, if it is one: short, no sentence, no label, no date, names a venue."""
    text = _TRAILING_TIME.sub("", " ".join(text.split())).strip(" ,;-–")
    if not text or len(text.split()) > 12 or text.endswith((".", ":", "!", "?")) or find_dates(text):
        return None
    label = _head_label(text)[0]
    if (label is not None and not _names_the_room(label, text)) or cv.label_of(text) or not _VENUE.search(text):
        return None
    return text


def _report_year(head: Sequence[str], items: Sequence[Item]) -> int | None:
    """A report's year: from its title ("Årsberetning 2019"), else the year its headings name most."""
    for text in head:
        if re.search(r"beretning|årsrapport", text, re.IGNORECASE) and year_of(text):
            return year_of(text)
    years = Counter(y for item in items if (y := year_of(item.title)))
    return years.most_common(1)[0][0] if years else None


# A title page's municipality in any case: "Havnsted Kommune", "HAVNSTED KOMMUNE", "LYNGBY-TAARBÆK KOMMUNE".
_HEAD_MUNICIPALITY = re.compile(
    r"^([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)*|[A-ZÆØÅ]{2,}(?:-[A-ZÆØÅ]{2,})*) (?:Kommunes?|KOMMUNES?)\b")


def _municipality(head: Sequence[str], body: Sequence[str]) -> str | None:
    """The municipality a title line starts with, else the one the head names, else the one
    the text names most often (an item about a neighbour names it more than its own).

    >>> _municipality(["HAVNSTED KOMMUNE", "REFERAT"], ["Vordingborg Kommune", "Vordingborg Kommune"])
    'Havnsted'
    >>> _municipality(["Referat", "Byrådet i Lyngby-Taarbæk Kommune"], ["Gentofte Kommune"])
    'Lyngby-Taarbæk'
    """
    for text in head:
        match = _HEAD_MUNICIPALITY.match(text)
        if match and match.group(1).title() not in _NOT_A_NAME:
            return match.group(1) if not match.group(1).isupper() else match.group(1).title()
    for text in head:
        found = [m for m in _MUNICIPALITY.findall(text) if m not in _NOT_A_NAME]
        if found:
            return found[0]
    counts = Counter(m for text in body for m in _MUNICIPALITY.findall(text) if m not in _NOT_A_NAME)
    return counts.most_common(1)[0][0] if counts else None


def _council(head: Sequence[str], body: Sequence[str]) -> str | None:
    for text in head:
        match = _COUNCIL.search(text)
        if match:
            return _council_name(match.group(1))
    counts = Counter(_council_name(m) for text in body for m in _COUNCIL.findall(text))
    return counts.most_common(1)[0][0] if counts else None


def _council_name(name: str) -> str:
    """'INTEGRATIONSRÅDET' → 'Integrationsrådet'; 'BESKÆFTIGELSES- OG INTEGRATIONSUDVALGET' likewise."""
    if name.isupper():
        parts = name.lower().split()
        name = " ".join(p if p == "og" else p[:1].upper() + p[1:] for p in parts)
    return name
