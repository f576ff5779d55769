"""Segmented document → Document with passages: meeting metadata, ids, topics, decisions first.

Metadata comes from the document's front matter first (title page, `Mødedato`, `Sted`,
`Medlemmer`, ...), then from its text (the municipality named most often, the date the
decisions carry), so layouts without a head still get what can be known. A document without
agenda items has no head: its opening lines (title, labelled meeting lines) stand for one.

The parts are modules of their own: `indexer.meeting` reads the head (date, place,
attendance), `indexer.councils` names the municipality and council, `indexer.doctype` decides
what the document is, `indexer.ids` names documents and passages. Here they meet, and each
item becomes a passage with its decision first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from indexer import conventions as cv
from indexer.clean import reflow
from indexer.councils import council_of, municipality_of, same_council
from indexer.dates import year_of
from indexer.headings import fold_title
from indexer.doctype import document_type, is_annual_report, is_supplement, report_period, report_year, title_lines, titled_as_minutes
from indexer.ids import document_id_of, passage_ids
from indexer.meeting import (head_fields, impossible_meeting_date, item_people, meeting_date, meeting_people,
                             opening_lines, unlabelled_place)
from indexer.models import (
    AARSBERETNING,
    DAGSORDEN,
    DECISION,
    REFERAT,
    EARLIER_DECISION,
    Document,
    Item,
    Line,
    Passage,
    Section,
    Segmented,
    SourceFile,
)
from indexer.notes import after_item, closed_by_note, in_note, meeting_note
from indexer.pages import RunningChrome
from indexer.topics import TopicTagger, default_tagger
from search.danish import STOP_WORDS


def enrich(source: SourceFile, lines: Sequence[Line], segmented: Segmented, tagger: TopicTagger | None = None,
           chrome: RunningChrome | None = None, every_item: dict[str, str] | None = None) -> Document:
    """Attach document metadata to every item and build the passages.

    `chrome` is what the running headers and footers the cleaner took out said
    (`indexer.clean.running_chrome`): where the head and the text do not name the municipality,
    the council or the date, a header printed on every page often does ("Holbæk Kommune ·
    Byrådet · 12.03.2019"); and the page numbers it printed are what a PDF passage cites.
    `every_item` holds the fields the document names for all its items (`indexer.meeting.every_item_fields`):
    an item that names none of its own has them.
    """
    tagger = tagger or default_tagger()
    running = chrome.lines if chrome else ()
    head = [line.text for line in segmented.head]
    body = [line.text for line in lines]
    report = segmented.kind == "report"
    # Minutes say what and when in the head above their first item; a document without items
    # (a report, minutes written as prose, a note) in the lines it opens with.
    opening = opening_lines(body) if report else head
    # «Referent: …» under the last item names the minute-taker as the head would
    fields = head_fields([*opening, *(t for line in segmented.closing for t in ("", line.text))])
    # The head's date, else a running header's (not a footer's print date), else the decisions'.
    meeting = (meeting_date(opening, fields, ()) or meeting_date([t for t in running if not _NOT_MEETING.search(t)], {}, ())
               or meeting_date((), {}, segmented.items))
    front = [*head, *opening] if report else head
    council = council_of(front, body, running)
    # The document's kind first, from its title and its own decision labels: «Referat:», «Konklusion:», a
    # council's «bemærkninger» (`_weak_decision`) are a decision only in minutes, so they cannot make any.
    annual_report = is_annual_report(report, fields, front, segmented.items)
    # Minutes by their own title (or by nothing else): an undated «Beslutning i Byrådet:» quoted in an agenda
    # would otherwise make the agenda minutes by promoting itself (code review 39)
    titled = titled_as_minutes(opening, annual_report)
    decided = any(s.is_decision and not _weak_decision(s) and not cv.awaits_meeting(s.text)
                  for item in segmented.items for s in _reclassify(item.sections, meeting, council, titled))
    doc_type = document_type(opening, decided, annual_report)
    if doc_type == DAGSORDEN:  # «Afventer udvalgets behandling.» under an agenda's «Beslutning»: no decision
        segmented = replace(segmented, items=tuple(_awaiting_kept(item) for item in segmented.items))
    labelled = any(s.key == DECISION and not _weak_decision(s) for item in segmented.items for s in item.sections)
    items = [_with_weak_labels(item, doc_type == REFERAT, labelled, council) for item in segmented.items]
    own = _own_body(council, front)
    items = [_others_decision_as_text(item, own) for item in items]
    if doc_type == REFERAT and _unlabelled_minutes(segmented.items, body):
        items = [_with_agreement_decided(item, own) for item in items]
    annual = report and doc_type == AARSBERETNING
    if annual:
        meeting = None  # a date in a report's title block is no meeting's
    period = None  # a report's season («2024-2025»), which its citation names
    if meeting:
        year = int(meeting[:4])
    elif doc_type == AARSBERETNING:
        year = report_year(opening if report else head, segmented.items)
        period = report_period(opening if report else head) if year else None
    else:  # minutes without a date: the year their title gives, not the years their items are about
        year = next((y for text in title_lines(opening) if (y := year_of(text))), None)
    present, absent, staff = meeting_people(fields)
    document_id = document_id_of(source.source)
    # A correction or the meeting's kind above the first item, a break or a left-out item between
    # them; a report's opening is no meeting's.
    note = None if report else meeting_note(head, items)
    items = _with_note_told(items, note)
    base = dict(
        doc_type=doc_type,
        municipality=municipality_of(front, body, running),
        council=council,
        meeting_date=meeting,
        year=year,
        period=period,
        supplement=is_supplement(opening, doc_type, source.source),
        meeting_note=note,
        place=fields.get("place") or (None if annual else unlabelled_place(opening, meeting)),
        present=present,
        absent=absent,
        staff=staff,
        source=source.source,
        source_sha256=source.sha256,
    )
    # Upper-case report headings take the document's own casing (`_true_case`): learned once
    # per document, and only when a heading needs it.
    casing = _casing(body) if report and any(_all_upper(item.title) for item in segmented.items) else {}
    # Minutes' upper-case headings ("1. BUDGETOPFØLGNING PR. 30. APRIL 2025", Region Hovedstaden) take
    # the spelling their contents list prints them in, where it has one.
    listed = {} if report else {fold_title(title): cv.clean_title(title) for _, title in segmented.contents
                                if title and not _all_upper(title)}
    is_pdf = source.kind == "pdf"
    printed = dict(chrome.printed) if chrome and is_pdf else {}  # a text file's pseudo-pages are no pages
    if is_pdf:
        # Where no number is printed on a page (a chapter's first page), its page label says
        # what a reader's PDF viewer shows: "1" on PDF page 4 after front matter labelled i–iii.
        for page, number in source.numbered_labels.items():
            printed.setdefault(page, number)
    passages = tuple(
        _passage(item, position, passage_id, document_id, base, meeting, tagger, report, casing, is_pdf, printed, listed)
        for position, (item, passage_id) in enumerate(
            zip(items, passage_ids(document_id, [(_id_number(item), item.title) for item in items])))
    )
    if handler := (every_item or {}).get("case_handler"):
        passages = tuple(p if p.case_handler else replace(p, case_handler=handler) for p in passages)
    passages = _with_resumed(passages)
    case_numbers = {p.case_number for p in passages}
    notices = source.notices + segmented.notes
    if not meeting and (printed := impossible_meeting_date(opening, fields)):
        notices += (f"mødedatoen «{printed}» er ingen gyldig dato: dokumentet er indekseret uden mødedato",)
    if source.kind != "pdf" and not _council_document(base, passages):
        notices += (NOT_A_COUNCIL_DOCUMENT,)
        # No topic it does not name: a LÆSMIG.txt counted under «rådets arbejde» until moved.
        passages = tuple(replace(p, topics=tagger.tag(p.title, p.text, council=base["council"], fallback=False))
                         for p in passages)
    return Document(
        id=document_id,
        kind=source.kind,
        case_number=case_numbers.pop() if len(case_numbers) == 1 else None,
        passages=passages,
        notices=notices,
        **base,
    )


# An item taken up again later in the meeting, its heading printed again with a mark after its title:
# «3. Handleplan for rekruttering af sosu-personale (genoptaget)», «… (fortsat)». Not «(fortsættes)»,
# which the first part prints; a heading repeated at the next page's top is the same item
# (`indexer.segment._continued_title`), one resumed after other items a passage of its own.
RESUMED = re.compile(r"\s*\((?i:genoptaget|fortsat|forts\.)\)\s*$")


def _with_resumed(passages: Sequence[Passage]) -> tuple[Passage, ...]:
    """`passages` with each item resumed later in the meeting (`RESUMED`: the same number and, but for
    the mark, the same title as an item before it) given that item's case number and case handler where its
    heading prints none: «sagsnr:25-000119» found only the item's first part (a layout review). Its title
    stays as printed, mark and all: the mark is what tells the two parts apart in an item's identity
    (`search.moved.identity`), its feed entry and its citation (an API review: with the mark dropped, the
    feed kept one part and both parts cited alike). Each part keeps its own decision, and so its own
    outcome: the first part's «Udsat. Punktet genoptages senere på mødet» is still Udsat."""
    out: list[Passage] = []
    for passage in passages:
        bare, marked = RESUMED.subn("", passage.title)
        earlier = next((p for p in reversed(out)
                        if (p.item_number, p.item_label) == (passage.item_number, passage.item_label)
                        and fold_title(p.title) == fold_title(bare)),
                       None) if marked and bare.strip() and passage.item_number is not None else None
        if earlier is not None:
            passage = replace(passage, case_number=passage.case_number or earlier.case_number,
                              case_handler=passage.case_handler or earlier.case_handler)
        out.append(passage)
    return tuple(out)


_ID_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", ".": "-"})


def _id_number(item: Item) -> int | str | None:
    """What names an item in its passage id before its title: its number, or where the number as
    printed says more, that ("3a", "4.1" as "4-1"), so that items 3a and 3b are told apart by
    their number. An item printed as "15" keeps the id it has always had."""
    return item.label.lower().translate(_ID_LETTERS) if item.label else item.number


# A running line's date that is not the meeting's: when the page was printed or made.
_NOT_MEETING = re.compile(r"(?i)\b(?:udskr|print|dannet|genereret|oprettet|gemt)")


# The notice for a text without any sign of a council document (see `_council_document`).
NOT_A_COUNCIL_DOCUMENT = ("intet tegn på et rådsdokument (ingen kommune, mødedato eller dagsordenspunkter fundet) – "
                          "læg den uden for mappen eller i .referatsogignore")


def _with_note_told(items: Sequence[Item], note: str | None) -> list[Item]:
    """`items` as the meeting's note tells of them: a paragraph printed after an item's decision that is
    the meeting's note («Punkt 4 udgik af dagsordenen.», «Mødet blev afbrudt kl. 15.40 …») no longer part
    of that decision (a web review: it showed under «Beslutning», «Kun beslutninger» found it); an item the
    note says was taken behind closed doors («Punkt 5 blev behandlet for lukkede døre») closed, as its
    heading would mark it, so its page and the CSV agree with the note."""
    if not note:
        return list(items)
    closed = closed_by_note(note)
    told = []
    for item in items:
        taken = [p for p in after_item(item) if in_note(p, note)]
        if taken:
            item = _without_paragraphs(item, taken)
        if item.number in closed and not item.closed:
            item = replace(item, closed=True)
        told.append(item)
    return told


def _without_paragraphs(item: Item, taken: Sequence[str]) -> Item:
    """`item` without the paragraphs `taken` (as `indexer.notes.after_item` gives them) after the first of
    its last section's text, or of its lines where it has no sections; the rest as it was. What then ends
    the decision as an attendance or end line («Mødet hævet kl. 16.45.», printed above a correction taken
    out) is its note, as where nothing follows it (`indexer.items._split_attendance`)."""
    def kept(paragraph: str) -> bool:
        return " ".join(paragraph.split()) not in taken

    if item.sections:
        last = item.sections[-1]
        first, *rest = re.split(r"\n\s*\n", last.text)
        rest = [p for p in rest if kept(p)]
        ends: list[str] = []
        while rest and all(cv.is_attendance(line) for line in rest[-1].split("\n") if line.strip()):
            ends.insert(0, rest.pop().strip())
        note = "\n".join(t for t in (*ends, last.note) if t)
        return replace(item, sections=(*item.sections[:-1], replace(last, text="\n\n".join([first, *rest]), note=note)))
    groups: list[list[Line]] = [[]]  # the lines by paragraph, each with the blank lines above it
    for line in item.lines:
        if line.text.strip() and groups[-1] and not groups[-1][-1].text.strip():
            groups.append([])
        groups[-1].append(line)
    lines = [line for k, group in enumerate(groups)
             for line in group if k == 0 or kept(reflow(line.text for line in group))]
    return replace(item, lines=tuple(lines))


def _council_document(base: dict, passages: Sequence[Passage]) -> bool:
    """Whether anything of a council document was found: a municipality, a meeting date, an
    annual report, a numbered agenda item or a labelled section (Sagsfremstilling, Beslutning).

    A note to colleagues in the folder (LÆSMIG.txt: "Denne mappe indeholder referater fra
    Integrationsrådet …", a README in English too short to be refused as English) has none of
    them, and became a public "referat". A council it names is no sign: such a note names the
    council whose minutes lie beside it. It is still indexed, with a notice: minutes written as
    prose without a municipality or a date are rare, but losing them would be worse."""
    return bool(
        base["municipality"] or base["meeting_date"] or base["doc_type"] == AARSBERETNING
        or any(p.item_number is not None or p.sections for p in passages)
    )


def _passage(item: Item, position: int, passage_id: str, document_id: str, base: dict, meeting: str | None,
             tagger: TopicTagger, report: bool, casing: dict[str, str], is_pdf: bool,
             printed: dict[int, int], listed: dict[str, str] | None = None) -> Passage:
    title = _true_case(item.title, casing) if report else item.title
    if listed and _all_upper(title):
        title = listed.get(fold_title(title), title)
    # The numbers printed beside the case number (J.nr., Dokumentnr.) and who decides it: sections
    # of their own where their line stands, so the page and the JSON show them as printed.
    fields = _field_sections(item)
    own = (*fields, *_with_end_pages(item))
    # The text is what the item says, in reading order: section texts without their labels,
    # so "BESLUTNING" printed in every item does not make every item match "beslutning". The
    # numbers close it, as the case number closes `body`: found as written, and in a hit's snippet
    # when searched, not the start of every snippet ("KB · 731-2012-119004 · Dagsordenen …").
    text = "\n\n".join(s.text for s in (*item.sections, *fields) if s.text) if own else reflow(
        line.text for line in item.lines)
    if len(title) > cv.TITLE_MAX:
        # A heading that runs on (a line with no breaks): shown cut, searchable whole in the text.
        text = f"{title}\n\n{text}" if text else title
        title = cv.shorten_title(title)
    sections = _decisions_first(_as_printed_own(_reclassify(own, meeting, base["council"], base["doc_type"] == REFERAT),
                                                item.printed_under))
    # Who was away from this item, or sat in, as its own decision's note says (not a quoted
    # earlier committee's: `_reclassify` tells them apart): the item's attendance, not the meeting's.
    present, absent = item_people(base["present"], base["absent"], [s.note for s in sections if s.key == DECISION])
    if not is_pdf:  # a text file's lines are all on "page" 1: it has no pages to cite, as `page` says
        sections = tuple(replace(s, page=None, end_page=None) for s in sections)
    decision_dates = [s.date for s in sections if s.is_decision and s.date]  # a placeholder ("-") decides nothing
    if not decision_dates and meeting and any(_undated_own(s, base["council"]) for s in sections):
        # A plain "Beslutning" (or "Udvalgets beslutning") names no date and no other council: this
        # meeting's decision, made on the meeting's date.
        decision_dates = [meeting]
    return Passage(
        id=passage_id,
        document_id=document_id,
        position=position,
        item_number=item.number,
        item_label=item.label if item.label and item.label != str(item.number) else None,
        item_sign="§" if item.number is not None and cv.PARAGRAPH_NUMBERED.match(item.start.text) else None,
        title=title,
        case_handler=item.fields.get("case_handler"),
        case_number=item.fields.get("case_number"),
        topics=tagger.tag(title, text, council=base["council"]),
        line=item.start.number,
        page=item.start.page if is_pdf else None,
        sections=sections,
        text=text,
        decision_date=decision_dates[0] if decision_dates else None,
        printed_pages=_printed_pages(item, printed) if is_pdf else (),
        closed=item.closed,
        **{**base, "present": present, "absent": absent},
    )


def _weak_decision(section: Section) -> bool:
    """A decision under a label that is one only in minutes (`cv.item_decision_label`: «Referat»,
    «Konklusion», «Ældrerådets udtalelse»), not «Beslutning» or a council's header."""
    return section.key == DECISION and bool(section.label) and _weak_key(section.label) is not None


def _weak_key(label: str) -> str | None:
    return cv.item_decision_label(label.strip().rstrip(":").rstrip())


# An agenda's decision field saying it waits for the meeting (`cv.awaits_meeting`): kept under its label as
# printed, no decision.
AWAITING_DECISION = "afventer_beslutning"


def _awaiting_kept(item: Item) -> Item:
    """`item` of an agenda with its decision sections that wait for a treatment (`cv.awaits_meeting`) as
    sections of their own (`AWAITING_DECISION`), no decision: in minutes the same words are the decision to
    wait (code review 49), in an agenda the template's text (layouts review 19)."""
    if not any(s.key == DECISION and cv.awaits_meeting(s.text) for s in item.sections):
        return item
    return replace(item, sections=tuple(replace(s, key=AWAITING_DECISION) if s.key == DECISION and
                                        cv.awaits_meeting(s.text) else s for s in item.sections))


def _with_weak_labels(item: Item, minutes: bool, labelled: bool, council: str | None) -> Item:
    """`item` with its «Referat:», «Konklusion:», «…s bemærkninger:» sections (`_weak_decision`) its decision
    only where they can be: in minutes (an agenda's or a report's are its text, as «Rådets indstilling» is a
    recommendation); «Referat»/«Konklusion» only in minutes that print no decision under a label of their own
    (`labelled`: «Beslutning» elsewhere makes «Referat:» in a case text an account); a council's statement only
    as the document's own council's (`cv.statement_of_own_council`): another council's is a hearing answer."""
    sections = []
    for s in item.sections:
        key = _weak_key(s.label) if s.label else None
        if key is None or s.key not in (DECISION, key):
            sections.append(s)
            continue
        own = cv.statement_of_own_council(s.label, council)
        if s.key == DECISION and minutes and own and (key not in ("referat", "konklusion") or not labelled):
            sections.append(s)
            continue
        # no decision: its attendance or closing lines (`indexer.items._split_attendance`) are its text again
        text = "\n".join(t for t in (s.text, s.note) if t) if s.key == DECISION else s.text
        sections.append(replace(s, key=key if own else "høringssvar", text=text, note="", date=None))
    return item if sections == list(item.sections) else replace(item, sections=tuple(sections))


# What informal minutes (a youth council's, an association's) write where a decision stands: the meeting
# agreeing or deciding, said at a paragraph's start («Vi blev enige om at sende et høringssvar …», «Vi
# godkendte referatet …», «Rådet besluttede at …», «Det blev besluttet, at …»). Not the town's top council
# (`Byrådet besluttede …` reports its decision), not a decision of another time («Vi besluttede sidste gang
# …»), not one not taken («Vi besluttede ikke noget endnu»; «… ikke at …» is one).
_AGREEMENT = re.compile(
    rf"^(?:(?:Vi|{cv.OWN_DECIDING_SUBJECT})\s+(?:(?:blev|er\s+blevet)\s+enige\s+om|enedes\s+om|besluttede|vedtog"
    r"|godkendte)|Det\s+blev\s+(?:besluttet|vedtaget))\b"
    r"(?!,?\s+(?:(?:endnu\s+)?(?:ikke|intet)\b(?!\s+at\b)|sidste\s+(?:gang|år|møde)|tidligere|i\s+(?:19|20)\d\d))")
_AGREEMENT_CHARS = 400  # a decision is a sentence or two; a longer paragraph is the item's account
# The word a document prints where it labels decisions, anywhere in it (a title «Beslutningsprotokol» too).
_DECISION_WORD = re.compile(r"(?i)\bbeslutning")


def _unlabelled_minutes(items: Sequence[Item], body: Sequence[str]) -> bool:
    """Whether minutes are written as prose throughout: no item prints a labelled section (no «Beslutning»,
    «Referat:», «Sagsfremstilling»), and the word «beslutning» stands nowhere in the text. Only there is
    «Vi blev enige om …» an item's decision (`_with_agreement_decided`); where decisions are labelled, such a
    sentence is part of a case's account."""
    return (not any(s.label for item in items for s in item.sections)
            and not any(_DECISION_WORD.search(text) for text in body))


# The subjects of an agreement that name no particular body: the meeting itself, whoever holds it. A named
# one («Lokalrådet», «Generalforsamlingen», «Repræsentantskabet») is this meeting's only as the document's own
# (`_own_body`): a lokalråd's minutes report the residents' association's or the waterworks' decisions too.
_GENERIC_SUBJECT = re.compile(r"^(?:Vi|Det|Rådet|Udvalget|Bestyrelsen|Forsamlingen|Mødet)\b")
_NAMED_SUBJECT = re.compile(rf"^{cv.OWN_DECIDING_SUBJECT}(?=\s)")
_DEFINITE = re.compile(r"(?:et|en)$")


def _own_body(council: str | None, front: Sequence[str]) -> Callable[[str], bool]:
    """Whether a body named as a sentence's subject («Lokalrådet», «Generalforsamlingen») is the document's
    own: its council's name («Egebæk Lokalråd», «Lokalrådet i Hvide Sande») or its head's title lines («Referat
    af ordinær generalforsamling i …») name it, in any form («Repræsentantskabsmøde» for «Repræsentantskabet»).

    >>> own = _own_body("Egebæk Lokalråd", ["Referat af møde i Egebæk Lokalråd"])
    >>> own("Lokalrådet"), own("Generalforsamlingen"), own("Repræsentantskabet")
    (True, False, False)
    >>> _own_body(None, ["Referat af ordinær generalforsamling i Egebæk Borgerforening"])("Generalforsamlingen")
    True
    """
    names = " ".join([council or "", *title_lines(list(front))]).casefold()

    def own(name: str) -> bool:
        stem = _DEFINITE.sub("", name.casefold())
        return re.search(rf"(?<![\wæøå]){re.escape(stem)}", names) is not None
    return own


def _named_other(text: str, own: Callable[[str], bool]) -> bool:
    """Whether a sentence's subject is a body named (`_NAMED_SUBJECT`) that is not the document's own."""
    if _GENERIC_SUBJECT.match(text):
        return False
    named = _NAMED_SUBJECT.match(text)
    return named is not None and not own(named.group())


def _others_decision_as_text(item: Item, own: Callable[[str], bool]) -> Item:
    """`item` with a prose outcome (`indexer.items._prose_decision`, unlabelled) that another body took
    («Generalforsamlingen vedtog at hæve kontingentet.» in a lokalråd's minutes) as its text again: the item
    tells of it; the council decided nothing (code review 32)."""
    decided = [s for s in item.sections if s.key == DECISION and not s.label]
    if len(decided) != 1 or not _named_other(decided[0].text, own):
        return item
    rest = [s for s in item.sections if s is not decided[0]]
    if len(rest) > 1 or (rest and (rest[0].key != "tekst" or rest[0].label)):
        return item
    text = "\n\n".join(t for t in (rest[0].text if rest else "", decided[0].text) if t)
    return replace(item, sections=(Section(key="tekst", label="", text=text, page=(rest or decided)[0].page),))


def _with_agreement_decided(item: Item, own: Callable[[str], bool] = lambda name: True) -> Item:
    """`item`, when its text is unlabelled prose and records no decision, with the paragraphs opening with
    the meeting's agreement or decision (`_AGREEMENT`) as its decision, the rest its text. A youth council's
    «Vi blev enige om at skrive et brev til Teknik- og Miljøudvalget …» was an item «Ingen beslutning
    registreret», and left out of «Kun beslutninger» (layouts12 review). A line in a paragraph opening so
    begins it there: the lines above it are the account, as `indexer.items` reads a prose outcome."""
    if len(item.sections) != 1 or item.sections[0].key != "tekst" or item.sections[0].label:
        return item
    text = item.sections[0]
    decided: list[str] = []
    rest: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.text):
        lines = paragraph.strip().split("\n")
        start = next((k for k, line in enumerate(lines)
                      if _AGREEMENT.match(line.strip()) and not _named_other(line.strip(), own)), None)
        agreed = "\n".join(lines[start:]).strip() if start is not None else ""
        if agreed and len(agreed) <= _AGREEMENT_CHARS:
            decided.append(agreed)
            paragraph = "\n".join(lines[:start]).strip()
        if paragraph.strip():
            rest.append(paragraph.strip())
    if not decided:
        return item
    decision = Section(key=DECISION, label="", text="\n\n".join(decided), page=text.page, end_page=text.end_page)
    kept = [replace(text, text="\n\n".join(rest))] if rest else []
    return replace(item, sections=(decision, *kept))


def _field_sections(item: Item) -> list[Section]:
    """The item's journal and document numbers and deciding body (`cv.FIELD_SECTIONS`) as sections,
    on the page of its heading, where their field line stands."""
    return [Section(key=key, label=label, text=item.fields[name], page=item.start.page, end_page=item.start.page)
            for name, (key, label) in cv.FIELD_SECTIONS.items() if item.fields.get(name)]


# --- Passage parts -----------------------------------------------------------------------


def _with_end_pages(item: Item) -> tuple[Section, ...]:
    """The item's sections, each with the page its text ends on (`Section.end_page`): the page of
    its last line before the next section's label, so a decision that runs over a page break is
    cited by both pages. Where the next section's label is not found among the item's lines, the
    end is not known and is taken to be the start: a citation then names one page, not a wrong one.
    """
    lines = [line for line in item.lines if line.text.strip()]
    sections = item.sections
    starts: list[int | None] = []  # index in `lines` of each section's label (or first) line
    at = 0
    for s in sections:
        found = None
        if s.page is not None:
            for k in range(at, len(lines)):
                if lines[k].page > s.page:
                    break
                if lines[k].page == s.page and lines[k].text.startswith(s.label):
                    found = k
                    break
        starts.append(found)
        at = found + 1 if found is not None else at
    out = []
    for index, s in enumerate(sections):
        end = s.page
        begin = starts[index]
        stop = len(lines) if index + 1 == len(sections) else starts[index + 1]
        if begin is not None and stop is not None:
            # the last line of text before the next section: looked for from the end (one or two
            # calls per section; every line's label check was 7% of reading a file)
            last = next((line for line in reversed(lines[begin + 1:stop]) if not _bare_label(line.text)), None)
            end = max(s.page or 0, last.page) if last is not None else s.page
        out.append(replace(s, end_page=end))
    return tuple(out)


def _bare_label(text: str) -> bool:
    """A label or decision header alone on its line: the start of a section with nothing in it
    (left out of the sections), no text of the one before."""
    label = cv.section_label(text)
    return (label is not None and not label[1]) or (label is None and cv.decision_header(text) is not None)


def _printed_pages(item: Item, printed: dict[int, int]) -> tuple[tuple[int, int], ...]:
    """The page numbers printed on the pages the item spans (`Passage.printed_pages`)."""
    last = max((line.page for line in item.lines if line.text.strip()), default=item.start.page)
    return tuple((page, printed[page]) for page in range(item.start.page, max(last, item.start.page) + 1)
                 if page in printed)


def _reclassify(sections: Sequence[Section], meeting: str | None, council: str | None = None,
                minutes: bool = True) -> list[Section]:
    """A council-named decision dated before this meeting quotes an earlier committee.

    When another council made it, it is quoted even as the item's only decision: an agenda
    (dagsorden) prints the committees' recommendations before this council has decided.
    Otherwise only when another decision of this meeting remains, so an item decided on a
    deferred date (seed: "Integrationsrådet 19.03.2015" under BESLUTNING) keeps its decision.
    `minutes`: whether the document is minutes other than by this item's decision (`_own_after_quoted`).
    """
    sections = _others_recommendation(sections, meeting, council, minutes)
    sections = _own_after_quoted(_own_among_named(sections, meeting, council, minutes), meeting, council, minutes)
    named = [s for s in sections if s.key == DECISION and s.label and cv.label_of(s.label, in_item=True) is None]
    if not meeting or not named:
        return list(sections)
    earlier = [s for s in named if s.date and s.date < meeting and council and not same_council(s.label, council)]
    current = [s for s in named if s.date in (None, meeting)]
    if len(named) >= 2 and current:
        earlier += [s for s in named if s not in current]
    return [
        replace(s, key=EARLIER_DECISION) if s in earlier else s
        for s in sections
    ]


_RECOMMENDATION = re.compile(r"(?i)\banbefaling\b")


def _others_recommendation(sections: Sequence[Section], meeting: str | None, council: str | None,
                           minutes: bool = True) -> Sequence[Section]:
    """A council's «anbefaling» (`cv.decision_header`: «Økonomiudvalgets anbefaling») is a decision only in that
    council's own papers; in another's it quotes the council recommending, an earlier decision: a Byråd's agenda
    printing the committee's «Anbefales.» was filed as minutes, and in its minutes the recommendation printed
    under «Byrådets beslutning» took its place (code review 45). The same council is one whose name words are
    all the other's: «Økonomiudvalgets anbefaling» in the minutes of «Økonomi- og Erhvervsudvalget» is its own
    (code review 46); «Fritids- og Idrætsudvalgets» in Kultur- og Fritidsudvalget's papers another's, though
    they share «fritid» (code review 47). In minutes, where no decision is left, the one header naming this council, undated or
    of the meeting's day, is the decision; in an agenda it is quoted from an earlier meeting."""
    if not council:
        return sections
    quoted = [s for s in sections if s.key == DECISION and s.label and _RECOMMENDATION.search(s.label)
              and (header := cv.decision_header(s.label)) is not None and not same_council(s.label, council)
              and not _short_name_of(header.council, council)]
    if not quoted:
        return sections
    out = [replace(s, key=EARLIER_DECISION) if s in quoted else s for s in sections]
    if not minutes or any(s.key == DECISION for s in out):
        return out
    own = [s for s in out if s.key == EARLIER_DECISION and s.label and s.date in (None, meeting)
           and not _RECOMMENDATION.search(s.label) and cv.decision_header(s.label) is not None
           and same_council(s.label, council)]
    return [replace(s, key=DECISION) if s is own[0] else s for s in out] if len(own) == 1 else out


def _short_name_of(header: str, council: str) -> bool:
    """Whether a header's council may be the document's own under a shorter name: all its name words
    (`_council_words`) are the document council's, and both are a committee, or both a council («råd»).
    «Økonomiudvalgets» is «Økonomi- og Erhvervsudvalget»'s (code review 46); «Fritids- og Idrætsudvalgets» is
    not Kultur- og Fritidsudvalget's (47), nor «Social- og Sundhedsudvalgets» Socialudvalget's, nor
    «Ældrerådets» Sundheds- og Ældreudvalget's (48).

    >>> _short_name_of("Økonomiudvalget", "Økonomi- og Erhvervsudvalget"), _short_name_of("Klima- og Miljøudvalget", "Udvalget for Klima og Miljø")
    (True, True)
    >>> _short_name_of("Social- og Sundhedsudvalget", "Socialudvalget"), _short_name_of("Ældrerådet", "Sundheds- og Ældreudvalget")
    (False, False)
    """
    words, own = _council_words(header), _council_words(council)
    return bool(words) and words <= own and _body_kind(header) == _body_kind(council)


def _body_kind(name: str) -> str:
    """A council's kind by the word its name ends in: «udvalg», «råd», «bestyrelse», else ""."""
    found = re.findall(r"(udvalg|råd|bestyrelse)", name.casefold())
    return found[-1] if found else ""


# The words that name no council of its own: «Udvalget for Klima og Miljø», «Klima- og Miljøudvalgets».
_COUNCIL_GLUE = frozenset({"og", "for", "i", "de", "den", "det", "samt", "udvalget", "udvalg", "rådet", "råd",
                           "kommune", "kommunes"})


def _council_words(name: str) -> frozenset[str]:
    """The words of a council's name that tell it from others, without the «udvalg»/«råd» ending and a
    genitive or joining «s»: «Social-, Sundheds- og Ældreudvalget» → {social, sundhed, ældre}.

    >>> sorted(_council_words("Økonomi- og Erhvervsudvalget")), sorted(_council_words("Klima- og Miljøudvalgets"))
    (['erhverv', 'økonomi'], ['klima', 'miljø'])
    """
    words = set()
    for word in re.findall(r"[^\W\d_]+", name.casefold()):
        word = re.sub(r"(?:udvalg|råd|bestyrelse)(?:et|ets|en|ens)?$", "", word)
        word = word[:-1] if word.endswith("s") and len(word) > 4 else word
        if len(word) > 2 and word not in _COUNCIL_GLUE:
            words.add(word)
    return frozenset(words)


def _own_among_named(sections: Sequence[Section], meeting: str | None, council: str | None,
                     minutes: bool = True) -> Sequence[Section]:
    """In minutes, the header naming this council and this meeting's date is the decision among several
    council-named headers, wherever it stands (LAYOUTS.md rule 5): a history printed newest first, «Beslutning i
    Byrådet den 23. april 2025» / «Beslutning i Økonomiudvalget den 9. april 2025» / «Beslutning i Teknisk Udvalg
    den 2. april 2025», had the last header taken for the decision (`indexer.items._sections`), which then
    named another council on an earlier date and was quoted too, leaving the item undecided (layouts18 review).
    A decision under a plain label («Beslutning») or one naming this council and meeting already stays."""
    if not council or not meeting or not minutes:
        return sections

    def header_of(s: Section) -> bool:
        return bool(s.label) and cv.label_of(s.label, in_item=True) is None and cv.decision_header(s.label) is not None

    def own(s: Section) -> bool:
        return header_of(s) and s.date == meeting and same_council(s.label, council)

    decisions = [s for s in sections if s.key == DECISION]
    if not decisions or not all(header_of(s) and not own(s) for s in decisions):
        return sections
    dated = [s for s in sections if s.key == EARLIER_DECISION and own(s)]
    if len(dated) != 1:  # none, or this council twice on the day: the order decides, as before
        return sections
    return [replace(s, key=DECISION) if s is dated[0] else replace(s, key=EARLIER_DECISION) if s in decisions
            else s for s in sections]


def _own_after_quoted(sections: Sequence[Section], meeting: str | None, council: str | None,
                      minutes: bool = True) -> Sequence[Section]:
    """An item with no decision of its own, whose header quoted under «Tidligere beslutninger» names this
    document's council and this meeting's date: wherever it stands in the run, it is this meeting's decision
    («Beslutning i Byrådet den 11. juni 2025:» in Byrådet's minutes of that day, code review 38), printed
    last or first of a history newest first (code review 40): its date says whose it is. «Beslutning i <this
    council>:» with no date says no more than the council, so only its place does: the last header of the run,
    and only in `minutes` (a document that is minutes by its title, not by this decision). An undated header
    with another quoted after it is quoted, as is an earlier meeting's: an agenda's «Beslutning i Byrådet:» /
    «Sagen sendes tilbage …» above «Beslutning i Økonomiudvalget den 17. juni 2025:» made the agenda minutes
    (code review 39). Neither in an agenda by its title: it holds no decision of its meeting, and a same-day
    «Beslutning i Byrådet den 11. juni 2025:» quoted in it is the council's earlier sitting that day (code
    review 41: the agenda became minutes)."""
    if not council or not minutes or any(s.key == DECISION for s in sections):
        return sections
    quoted = [s for s in sections if s.key == EARLIER_DECISION]
    dated = [s for s in quoted if s.label and s.date is not None and s.date == meeting and same_council(s.label, council)]
    last = quoted[-1] if quoted else None
    if dated:
        own = dated[-1]
    elif (minutes and last is not None and last.label and last.date is None and same_council(last.label, council)
          and last.label.lstrip().lower().startswith("beslutning")):
        own = last
    else:
        return sections
    return [replace(s, key=DECISION) if s is own else s for s in sections]


def _as_printed_own(sections: Sequence[Section], printed_under: dict[str, str]) -> list[Section]:
    """This council's decisions labelled as printed: «BESLUTNING», not the header line under it
    («Integrationsrådet, 21.05.2015», which gives its date); an earlier committee's keeps that line,
    which says whose decision it quotes."""
    return [replace(s, label=printed_under[s.label]) if s.key == DECISION and s.label in printed_under else s
            for s in sections]


def _undated_own(section: Section, council: str | None) -> bool:
    """Whether a section is this council's decision under a header that names no date and no other
    council: a plain label ("Beslutning", "BESLUTNING") or "Udvalgets beslutning"."""
    if not section.is_decision or section.date:
        return False
    if cv.label_of(section.label, in_item=True) is not None:  # "Referat" too: an item's section label
        return True
    header = cv.decision_header(section.label)
    return header is not None and header.date is None and (
        not header.council or header.council in ("Udvalget", "Rådet", "UDVALGET", "RÅDET")
        or (council is not None and same_council(section.label, council)))


def _decisions_first(sections: Sequence[Section]) -> tuple[Section, ...]:
    """The decision first, with its record (a protokoltilførsel, `cv.DECISION_RECORD`) after it, as printed."""
    decided = any(s.key == DECISION for s in sections)
    return tuple(sorted(sections, key=lambda s: 0 if s.key == DECISION or (decided and s.key in cv.DECISION_RECORD)
                        else 1))


def _true_case(title: str, casing: dict[str, str]) -> str:
    """An upper-case heading in the casing the document itself uses for each word (`_casing`).

    "DM I SKILLS 2019 I NÆSTVED" → "DM i Skills 2019 i Næstved": each word takes its most
    frequent spelling in the document's mixed-case text; other words go lower case, except a
    short one that is no Danish word (`_is_acronym`): «SAMARBEJDE MED KL OG DH» → «Samarbejde med KL og DH».

    >>> _true_case("DM I SKILLS 2019 I NÆSTVED", _casing(["DM i Skills i Næstved", "Skills er i gang"]))
    'DM i Skills 2019 i Næstved'
    >>> _true_case("FOKUS I DET KOMMENDE ÅR", _casing(["", "Det har været et godt år."]))
    'Fokus i det kommende år'
    """
    if not _all_upper(title):
        return title
    words = []
    for k, word in enumerate(title.split()):
        lower = word.lower()
        best = casing.get(lower) or (word if _is_acronym(word) else lower)
        words.append(best[:1].upper() + best[1:] if k == 0 else best)
    return " ".join(words)


def _all_upper(title: str) -> bool:
    return not any(c.islower() for c in title)


# An acronym printed only in headings (KL, DH, SSP, BSU): two to four capitals, no Danish stop word
# («DET», «FOR», «MED»), as the document's other words are known from its text (`_casing`).
_ACRONYM = re.compile(r"[A-ZÆØÅ]{2,4}")


def _is_acronym(word: str) -> bool:
    return bool(_ACRONYM.fullmatch(word)) and word.lower() not in STOP_WORDS


def _casing(body: list[str]) -> dict[str, str]:
    """Each word's most frequent spelling in the lines that mix cases (upper-case lines tell
    nothing about casing), keyed by the lower-case word; ties go to the first seen.

    A word the document capitalises only at a sentence's start (`_sentence_starts`) is no proper
    noun: those capitals count as its lower case. «Det har været …» made «FOKUS I DET KOMMENDE ÅR»
    read «Fokus i Det kommende år» (a report review); «Rådet», printed so inside sentences too, keeps them."""
    seen: dict[str, Counter[str]] = {}
    inside: set[str] = set()  # spellings seen capitalised inside a sentence
    previous, gap = "", False  # the last line with text, and whether a blank line followed it
    for text in body:
        if not text.strip():
            gap = True
            continue
        if not _all_upper(text):
            starts = _sentence_starts(text, previous, gap)
            for match in _WORD_RE.finditer(text):
                word = match.group()
                seen.setdefault(word.lower(), Counter())[word] += 1
                if match.start() not in starts:
                    inside.add(word)
        previous, gap = text, False
    casing = {}
    for lower, forms in seen.items():
        counts: Counter[str] = Counter()
        for form, count in forms.items():  # in the order first seen
            capital_of_sentence = form[:1].isupper() and form[1:] == form[1:].lower() and form not in inside
            counts[lower if capital_of_sentence else form] += count
        casing[lower] = counts.most_common(1)[0][0]
    return casing


# Where a sentence starts within a line: after a full stop, a question or exclamation mark; after a list's bullet.
_SENTENCE_END = re.compile(r"(?:[.!?][»”\"')]?\s+|^\s*(?:[-–•▪*o]|\d{1,2}[.)])\s+)(?=\S)")
_ENDS_SENTENCE = re.compile(r"[.!?:][»”\"')]?\s*$")
_HEADING_WORDS = 6  # a line of at most so many words, set off by a blank line, is a heading or a label


def _sentence_starts(text: str, previous: str, gap: bool) -> set[int]:
    """Offsets in `text` where a sentence starts: the word after a full stop, a question or
    exclamation mark, or a list's bullet; and the line's first word where no line precedes it, the
    line before ends a sentence, or is a heading set off by a blank line. A line after one that
    ends mid-sentence continues it (a PDF's text has blank lines inside paragraphs)."""
    starts = {match.end() for match in _SENTENCE_END.finditer(text)}
    if not previous or _ENDS_SENTENCE.search(previous) or (
            gap and len(previous.split()) <= _HEADING_WORDS and not previous.rstrip().endswith((",", ";", "-", "–"))):
        starts.add(len(text) - len(text.lstrip()))
    return starts


_WORD_RE = re.compile(r"[\wæøåÆØÅ]+")
