"""One agenda item's lines → the item: its field lines (case handler, case number) and its sections.

Sections start at section labels and decision headers; a decision keeps its date and its
attendance lines as a note, and of an item's several decisions, earlier committees' are told
apart from this council's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from indexer import conventions as cv
from indexer.clean import reflow
from indexer.dates import parse_labelled_date
from indexer.headings import Heading, attachment_entry, closed_titles_end, closes_the_minutes, fold_title
from indexer.models import DECISION, EARLIER_DECISION, Item, Line, Section
from indexer.outcome import ANDET, decision_outcome


def minutes_item(lines: Sequence[Line], heading: Heading, end: int, fields_above: bool = False) -> Item:
    """The item from `heading` up to line `end`: its field lines as fields, the rest as its sections.
    `fields_above`: the minutes print each item's field lines above its heading (`fields_above_headings`)."""
    # "Lukkede sager", "II. LUKKEDE PUNKTER": the header of the items after this one, no part of it
    body = [Line("", line.page, line.number) if cv.GROUP_HEADER.match(line.text) else line
            for line in lines[heading.body_start:end]]
    body = _without_purpose_group(body)
    first = next((k for k, line in enumerate(body) if line.text), None)
    if first is not None and heading.title and fold_title(body[first].text) == fold_title(heading.title):
        body = body[first + 1:]  # the title repeated under the heading (eDoc layouts), also after a blank line
    fields, rest = _item_fields(body)
    # the fields closing an item are its own where the item ends at a blank line or the minutes' end, not
    # where the layout prints each item's fields above its heading (`fields_above_headings`)
    at_end = end >= len(lines) or bool(cv.CLOSING.match(lines[end].text))
    closing, kept = ({}, rest) if fields_above else _trailing_fields(rest, at_end)
    if len({closing.get("case_number"), fields.get("case_number")} - {None}) < 2:
        rest = kept
    else:
        closing = {}  # another case than the one under the heading: the next item's, or one referred to
    for name, value in closing.items():
        fields.setdefault(name, value)  # the fields under the heading first, where both print one
    number = heading.number
    if number is None and "item_number" in fields:
        number = int(fields.pop("item_number"))
    fields.pop("item_number", None)
    title = heading.title
    if in_title := cv.title_case_number(title):  # "Title (2023-0112233)": the case number is a field
        title = in_title[0]
        fields.setdefault("case_number", in_title[1])
    start = lines[heading.index]
    # The last item ends at the document's end or at its signatures (`indexer.segment`): only its decision
    # ends the minutes, so only there are «Næste møde:», «Referent:» closing lines (`_closes_minutes`).
    last = end >= len(lines) or bool(cv.CLOSING.match(lines[end].text))
    # an election's result printed as a list («Formand: Anne Holm» / «Referent: Bo Berg») is no signature (code review 43)
    sections, printed_under = _sections(rest, number, last, signed=last and not cv.ELECTION_TITLE.search(title))
    # A number field printed as a section of its own, at the item's end (Region Hovedstaden's
    # "JOURNALNUMMER" / "25004387"): the field, as if printed under the heading, not the item's text.
    for section in [s for s in sections if s.key in _FIELD_KEYS and _ONE_NUMBER.match(s.text)]:
        fields.setdefault(_FIELD_KEYS[section.key], section.text.strip())
        sections.remove(section)
    _case_from_journal(fields)
    sections = _unfilled_forms(_prose_decision(sections))
    # The field lines are metadata (case handler, case number), not part of the item's text.
    return Item(
        number=number,
        label=heading.label,
        title=title,
        start=start,
        lines=tuple(rest),
        sections=tuple(sections),
        fields=fields,
        printed_under=printed_under,
    )


# A decision section that is its template's sentence left unfilled: «Integrationsrådet udpeger følgende som
# tilforordnet i Folkeoplysningsudvalget:», one sentence ending in a colon with nothing listed after it.
UNFILLED_DECISION = "uudfyldt_beslutning"
UNFILLED_NOTE = "Ikke udfyldt i referatet: skabelonens tekst, ingen beslutning."
_UNFILLED_FORM = re.compile(r"^[^\n]*[^\s:]\s*:$")
_SENTENCE_END = re.compile(r"[.!?]\s+[A-ZÆØÅ]")


def _unfilled_forms(sections: list[Section]) -> list[Section]:
    """`sections` with a further decision section that is an unfilled form (`_UNFILLED_FORM`) made a section of
    its own, in its place, where the item has a filled decision besides it: it decides nothing (Roskilde's
    item 14 printed the real decision, «Rådet kunne ikke udpege en repræsentant …», first, and the form under
    a second «Beslutning» read as if someone had been appointed: layouts15 review). Its label as printed,
    its note says why it is no decision.

    >>> [(s.key, s.note) for s in _unfilled_forms([Section("beslutning", "Beslutning", "Udsat."),
    ...     Section("beslutning", "Beslutning", "Rådet udpeger følgende:")])][1]
    ('uudfyldt_beslutning', 'Ikke udfyldt i referatet: skabelonens tekst, ingen beslutning.')
    """
    def form(section: Section) -> bool:  # with attendance lines (its note) the decision was made at the meeting
        text = section.text.strip()
        return (section.key == DECISION and bool(_UNFILLED_FORM.match(text)) and not _SENTENCE_END.search(text)
                and not section.note)
    if not any(s.is_decision and not form(s) for s in sections):
        return sections
    return [replace(s, key=UNFILLED_DECISION, note=UNFILLED_NOTE) if form(s) else s for s in sections]


def _without_purpose_group(body: list[Line]) -> list[Line]:
    """`body` without a purpose group header as its last text ("Til drøftelse", "3. Til orientering",
    `cv.PURPOSE_GROUP`): the next item's heading follows it, so it groups the items after it. Directly
    under the title, with no text of the item before it, the same line is the item's anchor."""
    texts = [k for k, line in enumerate(body) if line.text]
    if len(texts) < 2 or not cv.PURPOSE_GROUP.match(body[texts[-1]].text):
        return body
    # Under a label it is that section's text: «Beslutning:» / «Til efterretning» is a decision,
    # among the commonest (a code review saw it dropped).
    above = body[texts[-2]].text.strip()
    if above.endswith(":") or cv.label_of(above) or cv.decision_header(above) or cv.inline_label(above):
        return body
    last = body[texts[-1]]
    return [*body[:texts[-1]], Line("", last.page, last.number), *body[texts[-1] + 1:]]


# section key -> field name: number fields printed as a label with the value under it (`cv.FIELD_SECTIONS`)
_FIELD_KEYS = {key: name for name, (key, _) in cv.FIELD_SECTIONS.items() if name != "decision_authority"}
_ONE_NUMBER = re.compile(r"^\s*[^\s,;]*\d[^\s,;]*\s*$")


# What a small council's minutes write as the outcome of an item without labels: a finished
# sentence saying what became of it («Referatet blev godkendt.», «Jens Vang blev valgt som
# ordstyrer.», «Sagen blev taget til efterretning.») or the outcome alone («Godkendt.»). Not a
# recommendation («… godkendes», «Det indstilles, at …»), which an agenda writes.
# The council deciding, named as the sentence's subject («Lokalrådet besluttede at søge 75.000 kr.»,
# «Bestyrelsen godkendte årsrapporten.», «Rådet vedtog at …»), and a thing approved without its verb
# («Referatet godkendt.»): the layouts9 review's local councils and boards. Only a council as the
# subject: «Kommunen godkendte i 2023 …» tells the item's story.
_DECIDING_BODY = cv.OWN_DECIDING_SUBJECT
# A decision of another time told in the item's account: «… godkendte sidste år …», «… besluttede i 2022 …»,
# «… blev godkendt tidligere …»: the time right after the verb. Elsewhere in the sentence it is what was
# decided («Lokalrådet godkendte, at arbejdet udføres i 2026.», «… med de tidligere nævnte ændringer»).
_EARLIER_TIME = re.compile(
    r"\b(?:besluttede|vedtog|godkendte|tiltrådte|anbefalede|afviste|bevilgede|valgte|udsatte|besluttet|godkendt"
    r"|vedtaget|tiltrådt|anbefalet|afvist|bevilget|valgt|udsat)\s+(?:allerede\s+)?"
    r"(?:i\s+(?:19|20)\d{2}|sidste\s+år|sidste\s+gang|i\s+fjor|tidligere|dengang|i\s+sin\s+tid|forrige\s+(?:år|møde|måned))\b",
    re.IGNORECASE)
_PROSE_OUTCOME = re.compile(
    r"\b(?:blev|er)\s+(?:enstemmigt\s+|herefter\s+|derefter\s+)?(?:godkendt|vedtaget|valgt|genvalgt|konstitueret|"
    r"anbefalet|afvist|forkastet|udsat|tiltrådt|bevilget|besluttet|taget\s+til\s+efterretning)\b"
    r"|^(?:Godkendt|Vedtaget|Tiltrådt|Anbefalet|Afvist|Udsat|Taget til efterretning)\b"
    rf"|^{_DECIDING_BODY}\s+(?:enstemmigt\s+|herefter\s+|derefter\s+)?"
    r"(?:besluttede|vedtog|godkendte|tiltrådte|anbefalede|afviste|bevilgede|valgte|udsatte|tog\s.{0,60}?\stil\s+efterretning)\b"
    r"|^[A-ZÆØÅ][\wæøå]*(?:et|en|erne|ne)\s+(?:enstemmigt\s+)?(?:godkendt|vedtaget|tiltrådt|taget\s+til\s+efterretning)\.$")
_PROSE_OUTCOME_CHARS = 300  # a longer last paragraph is the item's account, not its outcome


def _prose_decision(sections: list[Section]) -> list[Section]:
    """An item with only prose under its heading (no labels, `indexer.headings.prose_heading`):
    its last paragraph as its decision when it says what became of the item (`_PROSE_OUTCOME`),
    first, the rest its text. «1) Godkendelse af referat» / «Referatet blev godkendt.» was an item
    «Ingen beslutning registreret», left out of «Kun beslutninger» (a journalist review).

    >>> [(s.key, s.text) for s in _prose_decision([Section("tekst", "", "Formanden bød velkommen.\\n\\nReferatet blev godkendt.")])]
    [('beslutning', 'Referatet blev godkendt.'), ('tekst', 'Formanden bød velkommen.')]
    >>> [s.key for s in _prose_decision([Section("tekst", "", "Det indstilles, at referatet godkendes.")])]
    ['tekst']
    """
    if len(sections) != 1 or sections[0].key != "tekst":
        return sections
    text = sections[0]
    before, _, last = text.text.rpartition("\n\n")
    last = last.strip()
    # The outcome starts at the paragraph's first line saying it: lines above it, printed straight under
    # each other, are the account («Revisor gennemgik regnskabet.» / «Bestyrelsen godkendte årsrapporten.»:
    # a news review), lines after it go with it («Regnskabet blev godkendt.» / «Kassereren sender det …»:
    # code review 18).
    lines = last.split("\n")
    start = next((k for k, line in enumerate(lines) if _PROSE_OUTCOME.search(line)), None)
    if start is None:
        return sections
    account, last = "\n".join(lines[:start]).strip(), "\n".join(lines[start:]).strip()
    if not _is_prose_outcome(last):
        return sections
    before = f"{before}\n\n{account}" if before and account else before or account
    decision = Section(key=DECISION, label="", text=last, page=text.page)
    return [decision, replace(text, text=before.strip())] if before.strip() else [decision]


def _is_prose_outcome(paragraph: str) -> bool:
    return (0 < len(paragraph) <= _PROSE_OUTCOME_CHARS and paragraph.endswith(".") and bool(_PROSE_OUTCOME.search(paragraph))
            and not _EARLIER_TIME.search(paragraph))


def _case_from_journal(fields: dict[str, str]) -> None:
    """An item referenced by its journal number alone ("Journalnr.: 00.30.10-S55-1-25"): that is its
    case number (`cv.journal_case_number`)."""
    if "case_number" not in fields and "journal_number" in fields:
        case = cv.journal_case_number(fields["journal_number"])
        if case:
            fields["case_number"] = case


def _item_fields(body: list[Line]) -> tuple[dict[str, str], list[Line]]:
    """Field lines at the top of an item → fields; the rest of the item. The department recommending
    the item, printed among or above them («Indstilling fra Børn og Unge», `cv.RECOMMENDED_BY`), is
    the item's text (its first line): the fields under it are read all the same."""
    fields: dict[str, str] = {}
    responsible: set[str] = set()  # fields named under «Ansvarlig» (`cv.by_responsible`)
    pending: list[str] = []
    kept: list[Line] = []
    k = 0
    while k < len(body):
        text = body[k].text
        if not text:
            k += 1
            continue
        if cv.RECOMMENDED_BY.match(text):
            kept.append(body[k])
            k += 1
            continue
        parsed = cv.field_line(text)
        if parsed is not None:
            for name, value in parsed.fields.items():
                _add_field(fields, name, value, cv.by_responsible(text), responsible)
                if name in pending:  # the value under its label ("Sagsnr." / "24/00412"): the label is answered
                    pending.remove(name)
            pending.extend(parsed.pending)
            k += 1
            continue
        if pending and not cv.section_label(text) and not cv.decision_header(text):
            name = pending.pop(0)
            _add_field(fields, name, cv.handler_name(text) if name == "case_handler" else text, False, responsible)
            k += 1
            continue
        break
    if kept:
        return fields, [*kept, Line("", kept[-1].page, kept[-1].number), *body[k:]]
    return fields, body[k:]


def _add_field(fields: dict[str, str], name: str, value: str, by_responsible: bool, responsible: set[str]) -> None:
    """Field `name` read from a field line into `fields`: the first line naming it wins («Sagsnr.» over a
    case number quoted after it), except that a case handler under «Sagsbehandler» outranks one under
    «Ansvarlig» (`cv.by_responsible`), wherever each stands: «Ansvarlig: Vej og Park» / «Sagsbehandler:
    Henrik Mølgaard» is Henrik Mølgaard's case (layouts15 review). `responsible`: the fields so named."""
    if name == "case_handler" and name in responsible and not by_responsible:
        fields[name] = value
        responsible.discard(name)
    elif name not in fields:
        fields[name] = value
        if by_responsible and name == "case_handler":
            responsible.add(name)


# A line broken off mid-sentence: it ends on a word no sentence ends with (a preposition, conjunction,
# article or pronoun: «… der behandles under») or on a comma, colon or dash.
_BROKEN_OFF = re.compile(
    r"(?:(?<![\wæøåÆØÅ])(?i:under|af|til|og|i|på|med|for|om|fra|efter|ved|samt|eller|en|et|den|det|de|som|der|at"
    r"|se|jf|hos|mod|mellem|hvor|hvis|når|end|inden|uden|gennem|ifølge|iht|vedr|ang|mht|punkt|pkt|nr)"
    r"|[,:;\-–—])$")


def _trailing_fields(rest: list[Line], at_end: bool = True) -> tuple[dict[str, str], list[Line]]:
    """Field lines closing an item → fields; the item without them. Copenhagen prints «Sagsbehandler:
    Louise Brandt» / «Sagsnr.: 2025-0123456» as the item's last paragraph (layouts12 review: the case
    handler was lost, the lines left in the last section's text). Only a paragraph of field lines alone,
    naming the case or its handler: a field's words inside a sentence, or a list of documents
    («Dok. 588-2021-59870») under «Bilag», stay the item's text.

    Only such a paragraph between blank lines, or at the minutes' end (`at_end`): field lines running
    straight into the next heading are that item's, printed above it; and not after a sentence broken off
    (`_finished`): «… trafikplanen, der behandles under» / «Sagsnr.: 23/0999» names another case (review 28).
    The same paragraph right under a numbered attachment list (`_fields_under_attachments`) or right above
    the item's closing «Bilag» section (`_fields_above_attachments`) is read so too.
    """
    texts = [k for k, line in enumerate(rest) if line.text]
    if not texts:
        return {}, rest
    if not at_end and texts[-1] == len(rest) - 1:
        return {}, rest  # no blank line before the next heading
    last = _above_closing_lines(rest, texts) if at_end else texts[-1]
    if listed := _fields_under_attachments(rest, last) or _fields_above_attachments(rest, last):
        return listed
    start = _paragraph_start(rest, texts[-1])
    if start == 0 or start == texts[0]:
        return {}, rest  # the item's only paragraph: its text, or fields read at its top already
    fields = _case_fields(rest[start:texts[-1] + 1])
    above = next(k for k in range(start - 1, -1, -1) if rest[k].text)
    if not fields or not _finished(rest[above].text):
        return {}, rest
    return fields, rest[:start]


def _fields_under_attachments(rest: list[Line], last: int) -> tuple[dict[str, str], list[Line]] | None:
    """The field lines right under the item's numbered attachment list, no blank line between (Copenhagen:
    «Bilag» / «1. Lokalplanforslag» / «3. Høringsnotat» / «Sagsnr.: 25/11» / «Sagsbehandler: …», code
    review 36) → the fields, and the item without them; else None."""
    start = last
    while start > 0 and rest[start - 1].text and cv.field_line(rest[start - 1].text) is not None:
        start -= 1
    if start == 0 or not rest[start - 1].text or not attachment_entry(rest, start - 1):
        return None
    fields = _case_fields(rest[start:last + 1])
    # the lines closing the minutes under the fields («Mødet hævet kl. 17.45.») stay where they were
    tail = rest[last + 1:] if any(line.text for line in rest[last + 1:]) else []
    return (fields, rest[:start] + tail) if fields else None


def _fields_above_attachments(rest: list[Line], last: int) -> tuple[dict[str, str], list[Line]] | None:
    """The paragraph of field lines right above the item's closing «Bilag» section, its attachments listed
    down to `last` (Frederiksberg: «… serviceramme.» / «» / «Sagsnr.: 2024-0031270» / «Sagsansvarlig: Karsten
    Lind» / «» / «Bilag» / «Bilag 1: Projektbeskrivelse», layouts17 review) → the fields, and the item
    without them; else None. Read as the item's last paragraph is (`_trailing_fields`): field lines alone,
    after a finished sentence."""
    label = next((k for k in range(last, -1, -1) if rest[k].text and cv.section_label(rest[k].text, in_item=True)),
                 None)
    if label is None or cv.section_key(cv.section_label(rest[label].text, in_item=True)[0]) != "bilag":
        return None
    end = next((k for k in range(label - 1, -1, -1) if rest[k].text), None)
    if end is None:
        return None
    start = _paragraph_start(rest, end)
    if not all(_LABELLED.match(line.text) for line in rest[start:end + 1] if line.text):
        return None  # «Sagsbehandler Ole Kragh deltog under behandlingen.»: a sentence (code review 44)
    fields = _case_fields(rest[start:end + 1])
    above = next((k for k in range(start - 1, -1, -1) if rest[k].text), None)
    if not fields or above is None or not _finished(rest[above].text):
        return None
    return fields, rest[:start] + rest[end + 1:]


# A field line with its label's colon («Sagsansvarlig: Karsten Lind»): above a closing «Bilag» section only
# such lines are fields, where a sentence may open with the label's word («Ansvarlig for driften er …»).
_LABELLED = re.compile(r"^[^\s:][^:]{0,40}:\s*\S")


def _above_closing_lines(rest: list[Line], texts: list[int]) -> int:
    """The last line of the last item's text above the lines closing the minutes (`closes_the_minutes`:
    «Sagsnr.: 25/11» / «» / «Mødet hævet kl. 17.45.», code review 37); `texts`: its lines with text."""
    end = closed_titles_end(rest)
    below = [k for k in texts if closes_the_minutes(rest, k, end)]
    return max((k for k in texts if k < below[0]), default=texts[-1]) if below else texts[-1]


def _paragraph_start(lines: Sequence[Line], last: int) -> int:
    """The first line of the paragraph whose last line is `last`."""
    start = last
    while start > 0 and lines[start - 1].text:
        start -= 1
    return start


def _case_fields(paragraph: Sequence[Line]) -> dict[str, str]:
    """The fields of a paragraph of field lines alone that names the case or its handler; {} for other text."""
    parsed = [cv.field_line(line.text) for line in paragraph]
    if any(field is None or field.pending for field in parsed):
        return {}
    fields: dict[str, str] = {}
    responsible: set[str] = set()
    for line, field in zip(paragraph, parsed):
        for name, value in field.fields.items():
            _add_field(fields, name, value, cv.by_responsible(line.text), responsible)
    return fields if fields.keys() & {"case_number", "case_handler"} else {}


def _finished(text: str) -> bool:
    """Whether a line can close a paragraph of the item's text: anything but a sentence broken off
    («Godkendt.», «Merindtægt: ca. 18,5 mio. kr. årligt», «Forslagsstillerne orienteres om drøftelsen»;
    not «… der behandles under»: cr29 review, where a missing full stop lost an item its case handler)."""
    return not _BROKEN_OFF.search(text.strip())


def fields_above_headings(lines: Sequence[Line], first: Heading) -> bool:
    """Whether the minutes print each item's field lines above its heading («Sagsnr.: 24/1111» /
    «Sagsbehandler: Anne Holm» / «1. Vejbelysning»): the first item's field lines close the text before it.
    Then the field lines closing an item are the next item's (`_trailing_fields`; review 28)."""
    texts = [k for k in range(first.index) if lines[k].text]
    if not texts:
        return False
    return bool(_case_fields(lines[_paragraph_start(lines, texts[-1]):texts[-1] + 1]))


def _sections(body: list[Line], number: int | None = None, last: bool = False,
              signed: bool = False) -> tuple[list[Section], dict[str, str]]:
    """Split an item's lines at section labels and decision headers (of item `number`); and the
    labels that were a council's header line under a plain label («BESLUTNING» / «Økonomiudvalget,
    17.04.2024») mapped to that plain label (`Item.printed_under`). `last`: the minutes' last item,
    whose decision the closing lines end (`_closes_minutes`).

    Each section starts on the page of its label or header; the text before the first label
    on the page of its first line.
    """
    parts: list[tuple[str, str, str | None, list[str], int | None]] = []  # key, label, date, lines, page
    named_decisions: list[int] = []
    numbered: dict[int, int | None] = {}  # named header → the item number it gives ("…, pkt. 61")
    named: dict[int, tuple[str, str | None]] = {}  # named header → the council and date it names
    current: tuple[str, str, str | None, list[str], int | None] = ("tekst", "", None, [], None)
    printed_under: dict[str, str] = {}  # a header line made a label → the plain label printed above it
    texts = [line.text for line in body]
    opening = True  # still in the body's opening run, where weak labels are sections (`cv.opens_item`)
    # Named headers under a «Tidligere beslutning(er)» label, up to the next label: the label says they
    # quote earlier decisions (layouts15 review: an agenda's only header, «Teknik- og Miljøudvalget den 4.
    # september 2019, pkt. 87:», was taken for this meeting's decision and made the agenda minutes).
    quoted: set[int] = set()
    in_quoted = False
    for index, line in enumerate(body):
        text = line.text
        label, first = cv.section_label(text, in_item=True) or (None, "")  # first: "Godkendt." of "Beslutning: Godkendt."
        if label is not None and _column_header(texts, index):  # «Afsender / Høringssvar / Bemærkning»: a header row
            label, first = None, ""
        if label is not None and not cv.opens_item(label, opening):  # «Forslag» in a decision: its text
            label, first = None, ""
        header = None if label else cv.decision_header(text)
        if (label is not None and not cv.weak_label(label)) or header is not None or (
                label is None and text and not current[1]):  # another label, a header, or unlabelled text
            opening = False
        if header is None and label is None and current[0] == DECISION and not any(current[3]) and current[2] is None:
            header = _body_dated_under_label(texts, index)
        if label is not None:
            parts.append(current)
            key = cv.section_key(label)
            current = (key, label, None, [first] if first else [], line.page)
            in_quoted = False
        elif header is not None and not (current[0] == DECISION and not any(current[3]) and current[2] is None):
            in_quoted = in_quoted or current[0] == EARLIER_DECISION
            parts.append(current)
            if in_quoted:
                quoted.add(len(parts))
            named_decisions.append(len(parts))
            numbered[len(parts)] = header.item
            named[len(parts)] = (header.council, header.date)
            current = (DECISION, text, header.date, [], line.page)
        elif header is not None and header.council and header.date:
            # "Økonomiudvalget, 17.04.2024" right under BESLUTNING names whose decision it is and when,
            # as "Beslutning i Økonomiudvalget den 17.04.2024" does: that header is the label, so that
            # an agenda quoting a committee's recommendation is no decision, nor is an earlier
            # committee's in minutes (a case review). "Integrationsrådet, 21.05.2015" in that council's
            # own minutes stays its decision (`indexer.enrich._reclassify`).
            named_decisions.append(len(parts))
            numbered[len(parts)] = header.item
            named[len(parts)] = (header.council, header.date)
            printed_under[text] = current[1]
            current = (DECISION, text, header.date, current[3], current[4])
        elif header is not None:
            # "21.05.2015" right under BESLUTNING: the decision's date.
            current = (current[0], current[1], header.date or "", current[3], current[4])
        else:
            current[3].append(text)
            if current[4] is None and text:  # the unlabelled text before the first label
                current = (*current[:4], line.page)
    parts.append(current)
    parts = _statements_beside_decision(parts)
    # (a plain label whose header line named a council was given that header as its label, above)
    plain_decision = any(key == DECISION and cv.label_of(label, in_item=True) is not None for key, label, *_ in parts)
    # A plain "Beslutning" label is this council's decision; council-named headers besides it
    # quote earlier committees. Without one, the header giving this item's number is this
    # council's (layout 8: "A header naming another committee or number quotes an earlier
    # decision"), wherever it stands; without such a number, the last named header.
    # A header under «Tidligere beslutninger» is this council's only where it gives this item's number.
    quoted = {k for k in quoted if number is None or numbered[k] != number}
    candidates = [k for k in named_decisions if k not in quoted]
    own = [k for k in candidates if number is not None and numbered[k] == number]
    if plain_decision:
        earlier = set(named_decisions)
    elif own and all(numbered[k] not in (None, number) for k in candidates if k > own[-1]):
        earlier = set(named_decisions) - {own[-1]}  # only other numbers after it
    else:
        parts = _joint_decisions(parts, candidates, {k: v for k, v in named.items() if k not in quoted})
        candidates = [k for k in candidates if k < len(parts) and parts[k][0] == DECISION]
        earlier = set(candidates[:-1]) | quoted
    sections = []
    for index, (key, label, date, texts, page) in enumerate(parts):
        if key == DECISION and index in earlier:
            key = EARLIER_DECISION
        if key in cv.DECISION_RECORD:
            # «Fraværende: …» after a protokoltilførsel is the item's attendance, as it was below the
            # decision before the record was a section of its own: the decision's note, which says it
            tail, texts = _split_attendance(texts, last, opening=False)
            decision = next((k for k in range(len(sections) - 1, -1, -1) if sections[k].key == DECISION), None)
            if tail and decision is not None:
                sections[decision] = replace(sections[decision], note="\n".join(
                    t for t in (sections[decision].note, tail) if t))
                tail = ""
            note = tail
        else:
            note, texts = (_split_attendance(texts, last, signed=signed) if key in (DECISION, EARLIER_DECISION)
                           else ("", texts))
        date = date or (_dated(note) if key in (DECISION, EARLIER_DECISION) else None)
        text = reflow(texts)
        if not _WORD.search(text) and (key not in (DECISION, EARLIER_DECISION)
                                       or (cv.label_of(label) is not None and key == EARLIER_DECISION)):
            # a label with nothing under it, or a template's "---" (f2); a decision keeps its dash, but not
            # "Tidligere beslutninger" above the earlier committees' own headers
            continue
        sections.append(Section(key=key, label=label, text=text, date=date or None, note=note, page=page))
    return sections, printed_under


# A table's column header cell, as a PDF's text gives it: a paragraph of one short line, a name («Afsender»,
# «Forvaltningens bemærkning»), no punctuation or number, no label, field line or decision's wording.
_HEADER_CELL_WORDS = 4


def _header_cell(texts: Sequence[str], k: int) -> bool:
    """Whether line `k` of `texts` reads as a table's header cell (`_HEADER_CELL_WORDS`)."""
    text = texts[k]
    return (0 < k < len(texts) - 1 and not texts[k - 1] and not texts[k + 1]  # a paragraph of its own
            and len(text.split()) <= _HEADER_CELL_WORDS and text[:1].isupper()
            and not re.search(r"[\d.:;,!?()]", text)  # «Administrationen indstiller, at» begins a sentence
            and cv.section_label(text, in_item=True) is None and cv.field_line(text) is None
            and cv.decision_header(text) is None and not cv.is_attendance(text)
            and decision_outcome(text) == ANDET)  # «Godkendt», «Anbefales» under «Beslutning» decide


def _column_header(texts: Sequence[str], index: int) -> bool:
    """Whether the label at line `index` of an item's body (`texts`, blank lines included) is a table's
    column header, not a section: alone in its paragraph, without a colon, between two header cells
    (`_header_cell`) in the middle of a row («Afsender» / «Høringssvar» / «Forvaltningens bemærkning»),
    text above the row, not a label (short lines right under a label are that section's text: «Sagsgang og
    sagstype» / «Udvalget for Ældre og Sundhed» / «Beslutningssag»), and the table's rows below it
    (`_cells_below`). A heading stands alone: with text under it, not in a row of names.

    Short lines under a sentence that ends in a colon are its list («Følgende foreninger har søgt om
    tilskud:» / «Ballerup Boldklub» / «Skovlunde Idrætsforening» / «Høringssvar»), and the label after them
    heads a section; only a table's rows below, two of the row's full width at least, make them a header row
    («Der er indkommet følgende høringssvar:» / «Afsender» / «Høringssvar» / «Bemærkning» / its rows).

    >>> _column_header(["Der er tre svar.", "", "Afsender", "", "Høringssvar", "", "Bemærkning", "",
    ...                 "Vejdirektoratet", "", "Ingen bemærkninger.", "", "Tages til efterretning.", ""], 4)
    True
    >>> _column_header(["Der er tre svar.", "", "Høringssvar", "", "Vejdirektoratet har ingen bemærkninger.", ""], 2)
    False
    >>> _column_header(["Projektet omfatter:", "", "Nyt tag", "", "Ny ventilation", "", "Økonomi", "",
    ...                 "Udgiften afholdes af anlægspuljen", "", "Der er afsat 4,2 mio. kr.", ""], 6)
    False
    """
    def near(k: int, step: int) -> int | None:
        k += step
        while 0 <= k < len(texts) and not texts[k]:
            k += step
        return k if 0 <= k < len(texts) else None

    text = texts[index]
    if text.rstrip().endswith(":") or not (0 < index < len(texts) - 1) or texts[index - 1] or texts[index + 1]:
        return False
    before, after = near(index, -1), near(index, 1)
    if before is None or after is None or not (_header_cell(texts, before) and _header_cell(texts, after)):
        return False
    width = 3  # the cell before the label, the label, the cell after it
    above = near(before, -1)  # the row's first cell, then what stands above the row
    while above is not None and _header_cell(texts, above):
        width += 1
        above = near(above, -1)
    if above is None or cv.section_label(texts[above], in_item=True) is not None:
        return False
    cells = _cells_below(texts, after + 1)  # the table's rows, cell by cell
    if texts[above].rstrip().endswith(":"):
        # the colon's sentence starts the row, so its width is known: a list needs a table's rows to be one
        return cells >= 2 * width
    # without it the row may begin in a table above (its last cell a name): one row of the narrowest width
    return cells >= 3


def _cells_below(texts: Sequence[str], start: int) -> int:
    """How many paragraphs (a table's cells, as a PDF's text gives them) stand in `texts` from line
    `start` to the next section label or decision header, or the end.

    >>> _cells_below(["", "Vejdirektoratet", "", "Ingen bemærkninger", "til vejen.", "", "Beslutning", "", "Godkendt"], 0)
    2
    """
    count, blank = 0, True
    for text in texts[start:]:
        if text and (cv.section_label(text, in_item=True) is not None or cv.decision_header(text) is not None):
            break
        count += bool(text) and blank
        blank = not text
    return count


# A body that decides or recommends, named by capitalised words: a council or committee (`cv.COUNCIL_PATTERN`:
# «Byrådet», «Teknisk Udvalg», «Udvalget for Teknik og Miljø»), the administration or a department
# («Magistraten», «Teknik- og Miljøforvaltningen», Aarhus's «Teknik og Miljø», «Borgmesterens Afdeling»), a
# board («Bestyrelsen», «Repræsentantskabet») or an officer («Stadsdirektøren»): one to five words, «og» /
# «for» between them. A decision's word opening the line names no body (`_names_a_decision`; review 28).
_NAME_WORD = r"[A-ZÆØÅ][\wæøåÆØÅ\-]*"
_BODY = rf"(?:{cv.COUNCIL_PATTERN}|{_NAME_WORD}(?:\s+(?:(?:og|for)\s+)?{_NAME_WORD}){{0,4}})"
# "Magistraten 3. marts 2025:" (Aarhus): a body and a date, closed by a colon, on a line of its own.
_BODY_DATED = re.compile(
    rf"^(?P<council>{_BODY}),?\s+(?:(?i:den|d\.)\s+)?(?P<date>{cv.DATE_PATTERN})\s*:$")
# Words that open a decision without an outcome of their own («Besluttet 3. marts 2025:»).
_DECIDED = re.compile(r"(?i:besluttet|behandlet)$")


def _names_a_decision(name: str) -> bool:
    """Whether the words before a date open a decision («Vedtaget», «Godkendt», «Taget til efterretning»),
    not name a body: its first word, or all of them, is a decision's word."""
    first = name.split()[0]
    return any(decision_outcome(words) != ANDET or _DECIDED.match(words) for words in (first, name))


def _body_dated_under_label(texts: Sequence[str], index: int) -> cv.DecisionHeader | None:
    """Line `index`, the first under an empty plain decision label, as the header of the body it names
    when it names a body (`_BODY`) and a date («Magistraten 3. marts 2025:») and a decision header of the
    council deciding after it follows in the item («Byrådets beslutning 12. marts 2025:»). The label then
    groups the bodies' decisions, each under its header: the one naming this council and meeting is the
    decision (LAYOUTS.md rule 5), the rest quote earlier ones (layouts12 review: «Beslutning:» over them
    made the Magistrate's recommendation the decision, and the city council's own, dated one earlier). A
    body's name the conventions do not know (`cv.decision_header`) is a header only so, in a group of headers.

    The council is not known here (it is read after the items): the later header names no council (the
    minutes' own, «Beslutning 12. marts 2025:») or another body than this line, dated on or after it. A
    dated decision's first line («Vedtaget den 12. marts 2025:» over «Tidligere beslutning:» /
    «Økonomiudvalget den 3. marts 2025:») names no body, and stays the decision's text (review 28).
    """
    match = _BODY_DATED.match(texts[index])
    when = parse_labelled_date(match.group("date")) if match else None
    if when is None:
        return None
    council = match.group("council")
    if cv.label_of(council, in_item=True) is not None or _names_a_decision(council):
        return None
    for text in texts[index + 1:]:
        later = cv.decision_header(text)
        if (later is not None and later.date and later.date >= when.isoformat()
                and later.council.casefold() != council.casefold()):
            return cv.DecisionHeader(council=council, date=when.isoformat(), item=None)
    return None


def _statements_beside_decision(parts: list) -> list:
    """`parts` with "Referat", "Konklusion", "Ældrerådets udtalelse" (`cv.item_decision_label`) made
    sections of their own where the item prints its decision under a label of its own ("Beslutning",
    a council's header): then they are what was said, or the council's statement, not the decision."""
    def weak(label: str) -> str | None:
        return cv.item_decision_label(label.rstrip(":").rstrip()) if label else None
    if not any(key == DECISION and not weak(label) for key, label, *_ in parts):
        return parts
    return [(weak(label), label, *rest) if key == DECISION and weak(label) else (key, label, *rest)
            for key, label, *rest in parts]


_TOP_COUNCIL = re.compile(r"(?i)byråd|kommunalbestyrelse|regionsråd|borgerrepræsentation|bystyre")


def _joint_decisions(parts: list, named_decisions: list[int], named: dict[int, tuple[str, str | None]]) -> list:
    """`parts` with the last decision headers of a joint meeting made one decision: headers one after
    the other, each naming another committee and all the same date ("Beslutning i Børneudvalget den 24.
    februar 2025:" / "Anbefales." / "Beslutning i Skoleudvalget den 24. februar 2025:" / "Anbefales.").
    Committees deciding on one day at one meeting, none quotes an earlier decision (LAYOUTS.md: the
    decision is the one naming this council and date, and a joint meeting is each committee's): their
    texts in order, each under its own header, the first header the decision's label."""
    # the decision's record after the last header (a protokoltilførsel, `cv.DECISION_RECORD`) stays after it
    end = len(parts)
    while end > 1 and parts[end - 1][0] in cv.DECISION_RECORD:
        end -= 1
    if len(named_decisions) < 2 or named_decisions[-1] != end - 1:
        return parts
    last = named_decisions[-1]
    date = named[last][1]
    run = [last]
    while (run[0] - 1 in named and named[run[0] - 1][1] == date
           and named[run[0] - 1][0].casefold() not in {named[k][0].casefold() for k in run}):
        run.insert(0, run[0] - 1)
    if date is None or len(run) < 2:
        return parts
    # A city or regional council meets with no committee: «Beslutning i Økonomiudvalget den 10. marts» /
    # «Beslutning i Byrådet den 10. marts» is the committee's recommendation, then the council's own
    # decision on the same day, not one joint decision (a code review).
    if any(_TOP_COUNCIL.search(named[k][0]) for k in run):
        return parts
    key, label, when, texts, page = parts[run[0]]
    joined = list(texts)
    for k in run[1:]:
        joined += ["", parts[k][1], *parts[k][3]]
    return [*parts[:run[0]], (key, label, when, joined, page), *parts[end:]]


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


def _split_attendance(texts: list[str], last: bool = False, opening: bool = True,
                      signed: bool = False) -> tuple[str, list[str]]:
    """Attendance lines opening (`opening`) or closing a decision become its note; in the minutes' `last`
    item, the lines closing the minutes too (`_closes_minutes`)."""
    lines = list(texts)
    note: list[str] = []
    while opening and lines and (not lines[0] or cv.is_attendance(lines[0])):
        if lines[0]:
            note.append(lines[0])
        lines.pop(0)
    tail: list[str] = []
    if signed and (block := _signature_block(lines)):  # «Formand: Anne Holm» / «Referent: Bo Berg» under it
        tail, lines = [t for t in lines[-block:] if t], lines[:-block]
    while lines and (not lines[-1] or cv.is_attendance(lines[-1])
                     or (last and (_closes_minutes(lines) or _under_signatory(lines)))):
        if lines[-1]:
            tail.insert(0, lines[-1])
        lines.pop()
    # "Godkendt. Ahmed Ali deltog ikke i behandlingen af punktet.": the attendance after the decision, on its line
    split = cv.trailing_attendance(lines[-1]) if lines else None
    if split is not None:
        lines[-1] = split[0]
        tail[:0] = split[1]
    return "\n".join(note + tail), lines


def _signature_block(lines: list[str]) -> int:
    """How many of a last decision's last lines sign the minutes: the chair's «Formand: Anne Holm» with
    the minute-taker's «Referent: Bo Berg» (`cv.CHAIR_LINE`, `cv.is_closing_line`) under the decision's
    own text («Godkendt.», «Mødet hævet kl. 16.10.»: code review 42); 0 when they are a constitution's
    list, all the decision says or announced by a line ending in a colon («… således:»).

    >>> _signature_block(["Godkendt.", "Formand: Anne Holm", "Referent: Bo Berg"])
    2
    >>> _signature_block(["Formand: Anne Holm", "Referent: Bo Berg"]), _signature_block(["Således:", "", "Formand: A B", "Referent: C D"])
    (0, 0)
    """
    end = len(lines)
    while end > 0 and not lines[end - 1]:
        end -= 1
    k = end
    while k > 0 and lines[k - 1] and (cv.CHAIR_LINE.match(lines[k - 1]) or cv.is_closing_line(lines[k - 1])):
        k -= 1
    block = lines[k:end]
    if not any(cv.CHAIR_LINE.match(t) for t in block) or not any(cv.is_closing_line(t) for t in block):
        return 0
    above = next((t for t in reversed(lines[:k]) if t), None)
    if above is None or above.rstrip().endswith(":") or cv.ROLE_LINE.match(above):
        return 0
    return len(lines) - k


# How many lines may close the minutes under the minute-taker's or approver's line, and how long each.
_UNDER_SIGNATORY_LINES = 4
_UNDER_SIGNATORY_CHARS = 100
_CLOSING_WORDS = 3  # a sentence's: «Godkendt.» alone under «Referent: …» is a decision's word
# What such a line is about: the minutes and their approval, the meetings to come, where the papers are, the
# meeting's end and the chair's thanks for it. «Godkendt digitalt af formanden …», «Digitalt godkendt af …»,
# «Kommende møder: …», «Bilagene eftersendes …» close the minutes (code reviews 46, 47 and 49); «Valget blev
# godkendt af alle fremmødte.», «Forretningsordenen, jf. bilag 3, blev vedtaget.» are decisions (48).
_CLOSING_CUE = re.compile(
    r"(?i)\b(?:næste\s+møde|kommende\s+møde|møder\s+i\s+\d{4}|mødes\s+igen"
    r"|godkend\w*\b[^.]{0,30}\baf\s+(?:formand\w*|forperson\w*|forkvinde\w*|næstformand\w*|(?-i:[A-ZÆØÅ]))"
    r"|underskrevet|referat|protokol|deltagerliste|bilag\w*\b[^.]{0,40}\b(?:findes|ligger|kan\s+ses|eftersendes|udsendes|vedlægges)"
    r"|findes\s+på|hjemmeside|mødet\s+(?:slut|hævet|afsluttet)|ro\s+og\s+orden"
    r"|tak(?:ke\w*)?\s+for\s+(?:et\s+)?(?:godt\s+møde|fremmødet|i\s+dag|aftenen))|\w\.dk\b")
# A decision electing someone: a line under its «Referent: Line Friis» naming her is the election's own
# («Line Friis tager referat fra næste møde.»: code reviews 45 and 48), whatever its words.
_ELECTING = re.compile(r"(?i)\b(?:valg\s+af|valgte|valgt\s+(?:som|til)|genvalgt\w*|konstituer\w*)\b")


def _under_signatory(lines: list[str]) -> bool:
    """Whether the last decision's last line is among a few short lines under the line naming who took or
    approved the minutes, with the decision's own text above that line: they close the minutes too, in
    words of their own (Ballerup: «Referent: Line Friis» / «Deltagerliste og bilag findes på ballerup.dk» /
    «Næste møder i 2025: 2. september, …» / «Godkendt af formanden den 10. juni 2025.», layouts18 review;
    Eventuelt was given the outcome «Godkendt» by them). Not a constitution's list («Formand: Grethe Holm» /
    «Referent: Inge Lund»), nor lines under it that are labels or say nothing of the minutes (`_CLOSING_CUE`).

    >>> _under_signatory(["Intet.", "", "Referent: Line Friis", "Godkendt af formanden den 10. juni 2025."])
    True
    >>> _under_signatory(["Formand: Grethe Holm", "Referent: Inge Lund", "Godkendt."]), _under_signatory(["Godkendt."])
    (False, False)
    >>> _under_signatory(["Intet.", "Referent: Bo Berg", "Godkendt."]), _under_signatory(["Valg:", "Referent: Bo Berg", "Se bilag 1 og 2."])
    (False, False)
    """
    filled = [k for k, text in enumerate(lines) if text]
    for k in reversed(filled[-(_UNDER_SIGNATORY_LINES + 1):-1]):
        if not (cv.is_closing_line(lines[k]) and cv.is_signatory_line(lines[k])):
            continue
        below = [lines[j] for j in filled if j > k]
        above = [lines[j] for j in filled if j < k]
        if above and (cv.ROLE_LINE.match(above[-1]) or above[-1].rstrip().endswith(":")):
            return False  # a list the decision announces («Valg af referent:» / «Referent: Bo Berg» / «Godkendt.»)
        named = lines[k].partition(":")[2].split(",")[0].strip()  # «Referent: Line Friis, Sekretariatet»
        if named and any(_ELECTING.search(text) for text in above) and any(named in text for text in below):
            return False
        return (all(len(text) <= _UNDER_SIGNATORY_CHARS and len(text.split()) >= _CLOSING_WORDS
                    and cv.section_label(text, in_item=True) is None and cv.decision_header(text) is None
                    and _CLOSING_CUE.search(text) for text in below)
                and any(not cv.is_closing_line(text) and not cv.is_attendance(text) for text in above))
    return False


def _closes_minutes(lines: list[str]) -> bool:
    """Whether the decision's last line closes the minutes ("Referent: Mette Skov", "Godkendt af: …",
    `cv.is_closing_line`), with the decision's own text above it: a decision of only "Næste møde:
    7. april" stays one.

    >>> _closes_minutes(["Intet.", "", "Referent: Mette Skov"]), _closes_minutes(["Næste møde: 7. april."])
    (True, False)

    A signature under the meeting's end closes them too («Mødet hævet kl. 17.30.» / «Anne Holm» / «Formand»:
    code review 25, it was kept in the last decision): a name or role line with no label, after the end line.

    >>> _closes_minutes(["Godkendt.", "", "Mødet hævet kl. 17.30.", "", "Anne Holm", "Formand"]), _closes_minutes(["Godkendt", "Formand"])
    (True, False)
    >>> _closes_minutes(["Forvaltningen besvarede spørgsmål.", "Ole Riis (O) deltog ikke i behandlingen af punktet.", "Anbefales"])
    False
    """
    if _signature(lines[-1]):
        k = len(lines) - 1
        while k >= 0 and (not lines[k] or _signature(lines[k])):
            k -= 1
        # under the meeting's end only: «… deltog ikke i behandlingen» / «Anbefales» is a decision's end
        return k > 0 and bool(_MEETING_END.match(lines[k])) and any(t and not cv.is_attendance(t) for t in lines[:k])
    # «Referent: Inge Lund» right under «Formand: Grethe Holm»: a constitution's list, the decision (code review 41)
    if len(lines) > 1 and lines[-2] and cv.ROLE_LINE.match(lines[-2]):
        return False
    return cv.is_closing_line(lines[-1]) and any(
        t and not cv.is_closing_line(t) and not cv.is_attendance(t) for t in lines[:-1])


# A signature's line: a name or a role, a few capitalised words («Anne Holm», «Formand», «Bo Krogh (V)»),
# not a decision's word («Anbefales», «Godkendt», «Udsat»: code review 27).
_SIGNATURE = re.compile(r"^[A-ZÆØÅ][\wæøå\-]*(?: (?:[A-ZÆØÅ][\wæøå\-]*|\([A-ZÆØÅ]\))){0,3}$")
_MEETING_END = re.compile(r"^Mødet (?:blev )?(?:hævet|sluttede|afsluttedes|afsluttet|slut)\b")


def _signature(line: str) -> bool:
    return bool(_SIGNATURE.match(line)) and decision_outcome(line) == ANDET
