"""One hit of a result page, from its stored passage: snippet, marks, decision and citation."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from whoosh.query import And, Term
from whoosh.searching import Searcher

from indexer import conventions as cv
from indexer.citation import citation, names_previous
from indexer.conventions import is_placeholder, without_closing_stop
from indexer.models import Passage, Section
from indexer.outcome import ANDET, decision_outcome
from search.api import Hit
from search.decompound import Lexicon
from search.highlight import excerpt, mark, snippet
from search.schema import PASSAGE, decision_record, stored_passage


def _hit(
    searcher: Searcher, docnum: int, score: float, terms: frozenset[str], phrases: frozenset[tuple[str, ...]],
    from_decision: bool, lexicon: Lexicon,
) -> Hit:
    passage = stored_passage(searcher.stored_fields(docnum))
    decided = _without_placeholders(passage.decision)
    decision = excerpt(decided)
    decision_html = mark(decision, terms, lexicon=lexicon, phrases=phrases) if decision else ""
    shown, snippet_from, snippet_label = _snippet(passage, decided, "<mark>" in decision_html, terms, phrases,
                                                  lexicon, from_decision and bool(decided))
    return Hit(
        id=passage.id,
        document_id=passage.document_id,
        title=passage.title,
        doc_type=passage.doc_type,
        municipality=passage.municipality,
        council=passage.council,
        meeting_date=passage.meeting_date,
        year=passage.year,
        item_number=passage.item_number,
        item_label=passage.item_label,
        item_sign=passage.item_sign,
        case_handler=passage.case_handler,
        case_number=passage.case_number,
        topics=passage.topics,
        source=passage.source,
        page=passage.page,
        line=passage.line,
        score=float(score),
        snippet=shown,
        decision=decision,
        decision_html=decision_html if snippet_from == "text" else "",
        title_html=mark(passage.title, terms, lexicon=lexicon, phrases=phrases),
        case_handler_html=mark(passage.case_handler, terms, lexicon=lexicon, phrases=phrases) if passage.case_handler else "",
        case_number_html=mark(passage.case_number, terms, lexicon=lexicon, phrases=phrases) if passage.case_number else "",
        snippet_from=snippet_from,
        snippet_label=snippet_label,
        decision_date=passage.decision_date,
        decision_page=passage.decision_page,
        decision_end_page=passage.decision_end_page,
        printed_page=passage.printed_page(passage.page),
        printed_decision_page=passage.printed_page(passage.decision_page),
        prints_other_pages=passage.prints_other_pages,
        decision_date_before_meeting=passage.decision_date_before_meeting,
        citation=citation(passage, _previous(searcher, docnum, passage) if names_previous(passage) else None),
        closed=passage.closed,
        outcome=passage.outcome,
        supplement=passage.supplement,
        period=passage.period,
    )


def row_hit(searcher: Searcher, docnum: int, score: float) -> Hit:
    """A hit as a spreadsheet's row needs it (`webui.exports`): the fields `_hit` gives but no
    snippet and no marks, and the whole decision with its record (`Hit.whole_decision`), from the
    stored record read once. A CSV of 5,000 hits cut and marked a snippet for each that no column
    shows, then read every record again for its decision (4–8 s at 100,000 passages)."""
    passage = stored_passage(searcher.stored_fields(docnum))
    return Hit(
        id=passage.id, document_id=passage.document_id, title=passage.title, doc_type=passage.doc_type,
        municipality=passage.municipality, council=passage.council, meeting_date=passage.meeting_date,
        year=passage.year, item_number=passage.item_number, item_label=passage.item_label,
        item_sign=passage.item_sign, case_handler=passage.case_handler, case_number=passage.case_number,
        topics=passage.topics, source=passage.source, page=passage.page, line=passage.line, score=float(score),
        snippet="", decision=excerpt(_without_placeholders(passage.decision)),
        decision_date=passage.decision_date, decision_page=passage.decision_page,
        decision_end_page=passage.decision_end_page, printed_page=passage.printed_page(passage.page),
        printed_decision_page=passage.printed_page(passage.decision_page),
        prints_other_pages=passage.prints_other_pages,
        decision_date_before_meeting=passage.decision_date_before_meeting,
        citation=citation(passage, _previous(searcher, docnum, passage) if names_previous(passage) else None),
        closed=passage.closed, outcome=passage.outcome, supplement=passage.supplement, period=passage.period,
        whole_decision=whole_decision(passage),
    )


def whole_decision(passage: Passage) -> str:
    """The decision and the record printed with it (`search.schema.decision_record`), each record under
    its label as printed, plain text; "" for an item without a decision. «Mindretalsudtalelse: Karsten
    Kjeldgaard (DF) ønsker følgende ført til protokol …» was left out of a spreadsheet's column, a
    «Protokollat fra Enhedslisten (Ø):» inside the decision's text kept."""
    if not passage.has_decision:
        return ""
    records = [f"{s.label.rstrip(':').strip()}: {s.text}" if s.label.strip() else s.text
               for s in decision_record(passage)]
    return "\n\n".join([passage.decision, *records])


OUTCOME_CHARS = 120  # the longest first line of a decision shown before a window cut from further on


def _with_outcome(decision: str, shown: str, terms: frozenset[str], phrases: frozenset[tuple[str, ...]],
                  lexicon: Lexicon) -> str:
    """A decision's snippet (HTML) with the decision's first line before it when the window was
    cut from further on: «…Søren Krogh (O) ønskede sin stemme ført til protokol» showed the dissent
    without what was decided, «Anbefalet.» (a journalist review). Only a short first line, the
    outcome as minutes write it: one that states an outcome (`decision_outcome`) or says what
    happened in one sentence («Sagen sendes tilbage til forvaltningen.», «Bifaldt.»,
    `_states_what_happened`); not when the window starts at the decision's start. «Polsk-dansk
    forening: Der har været et polsk kor …» or «Fokusområde 2017» put before the window read as
    what was decided (a citizen review).

    >>> from search.decompound import default_lexicon
    >>> _with_outcome("Anbefalet.\\nSøren Krogh (O) tog forbehold.", "…Søren <mark>Krogh</mark> (O) tog forbehold.",
    ...               frozenset({"krogh"}), frozenset(), default_lexicon())
    'Anbefalet. …Søren <mark>Krogh</mark> (O) tog forbehold.'
    >>> _with_outcome("Godkendt, som foreslået af Krogh.\\nMere.", "…som foreslået af <mark>Krogh</mark>. Mere.",
    ...               frozenset({"krogh"}), frozenset(), default_lexicon())
    '…som foreslået af <mark>Krogh</mark>. Mere.'
    >>> _with_outcome("Fokusområde 2017\\nDet blev besluttet at holde møde med Krogh.", "…holde møde med <mark>Krogh</mark>.",
    ...               frozenset({"krogh"}), frozenset(), default_lexicon())
    '…holde møde med <mark>Krogh</mark>.'
    >>> _with_outcome("Sagen sendes tilbage til forvaltningen.\\nKrogh tog forbehold.", "…<mark>Krogh</mark> tog forbehold.",
    ...               frozenset({"krogh"}), frozenset(), default_lexicon())
    'Sagen sendes tilbage til forvaltningen. …<mark>Krogh</mark> tog forbehold.'
    """
    if not shown.startswith("…"):
        return shown
    first = next((" ".join(line.split()) for line in decision.splitlines() if line.strip()), "")
    if not first or len(first) > OUTCOME_CHARS or not (
            decision_outcome(first) not in (None, ANDET) or _states_what_happened(first)):
        return shown
    # a window that starts inside the first line shows the rest of it already: not twice
    window = html.unescape(_TAG.sub("", shown)).lstrip("…").split()
    if " ".join(window[:_WINDOW_START]) in first:
        return shown
    return f"{mark(first, terms, lexicon=lexicon, phrases=phrases)} {shown}"


# A line that opens with a label: «Polsk-dansk forening: Der har været …», «Ad 2: …»
_LABELLED = re.compile(r"^[^\s:]+(?:\s+[^\s:]+){0,3}:(?:\s|$)")
# A sentence's end inside a line: a full stop, «!» or «?» after a word that is no abbreviation
# (`cv.TEXT_ABBREVIATIONS`) nor a day's number, before the next sentence's capital
_SENTENCE_END = re.compile(r"(?P<word>[^\s]+)[.!?]\s+(?=[A-ZÆØÅ0-9])")


def _states_what_happened(line: str) -> bool:
    """Whether a decision's first line is one whole sentence, ended by «.» or «!», not a
    «Label: …» line: «Administrationens indstilling blev fulgt.» is the outcome told in words;
    «Fokusområde 2017» heads, «Polsk-dansk forening: Der har været …» reports.

    >>> _states_what_happened("Sagen sendes tilbage til forvaltningen."), _states_what_happened("Bifaldt.")
    (True, True)
    >>> _states_what_happened("Fokusområde 2017"), _states_what_happened("Polsk-dansk forening: Der har været et kor.")
    (False, False)
    >>> _states_what_happened("Godkendt. Rådet tog forbehold."), _states_what_happened("Prisen er ca. 2.500 kr. om året.")
    (False, True)
    """
    if not line.endswith((".", "!")) or line.endswith("..") or _LABELLED.match(line):
        return False
    return not any(without_closing_stop(m.group("word") + ".") == m.group("word")
                   for m in _SENTENCE_END.finditer(line))


_TAG = re.compile(r"<[^>]+>")
_WINDOW_START = 3  # words of a window looked for in the first line


def _previous(searcher: Searcher, docnum: int, passage: Passage) -> Passage | None:
    """The item before `passage` in its document (None for the first), as the passage page
    finds it for an untitled item's citation. A document's passages are written one after
    another in their order (`index_writer`), so the document number before is tried first:
    one more stored record for a hit that needs it, the rare untitled item; else, where a
    rewrite left them apart, the document's passages are read."""
    if passage.position == 0:
        return None
    before = docnum - 1
    if before >= 0 and not searcher.reader().is_deleted(before):
        stored = searcher.stored_fields(before)
        # a passage of the same document ("id": a file's record has none)
        if "id" in stored and stored.get("document_id") == passage.document_id:
            candidate = stored_passage(stored)
            if candidate.position == passage.position - 1:
                return candidate
    query = And([Term("document_id", passage.document_id), Term("kind", PASSAGE)])
    earlier = (stored_passage(searcher.stored_fields(d)) for d in searcher.docs_for_query(query))
    return max((p for p in earlier if p.position < passage.position), key=lambda p: p.position, default=None)


def _snippet(passage: Passage, decided: str, decision_marked: bool, terms: frozenset[str],
             phrases: frozenset[tuple[str, ...]], lexicon: Lexicon, from_decision: bool) -> tuple[str, str, str]:
    """The hit's snippet (HTML), where it is cut from, "text", "decision" or "decision_record"
    (`Hit.snippet_from`), and, for a record, its label as printed (`Hit.snippet_label`).

    A text snippet is cut from the item's other sections: its decision stands below it in a line
    of its own (`decided`, its placeholders left out; `decision_marked`: that line marks a word
    of the query), and an item whose text was only its decision showed the same words twice.
    Where the query's words are in the decision alone, the text's start is shown above the
    marked decision line, or nothing when there is no other text; where they stand further on in
    the decision than its line shows, the hit is cut from the decision, as a decision search is,
    and shows it once."""
    if not from_decision:
        with_fields = _without_placeholders(_without_decision(_without_title(passage), passage))
        rest = _without_fields(with_fields, passage.sections)
        found = snippet(rest, terms, lexicon=lexicon, phrases=phrases)
        if "<mark>" not in found:
            in_fields = snippet(with_fields, terms, lexicon=lexicon, phrases=phrases) if with_fields != rest else ""
            # the query's words in a field alone («588-2021-61877»): shown there; else no word of the
            # query in the rest: its start, from its first sentence (a snippet without matches is the start)
            # (no word of the query in the rest, so none in its opening: no second search of it)
            found = in_fields if "<mark>" in in_fields else snippet(_opening(rest, passage.title), ())
        if "<mark>" in found or decision_marked:
            return found, "text", ""
        in_decision = snippet(decided, terms, lexicon=lexicon, phrases=phrases) if decided else ""
        if "<mark>" not in in_decision:
            if passage.meeting_note:  # found by the meeting's note (indexed with each item): the note says why
                noted = snippet(passage.meeting_note, terms, lexicon=lexicon, phrases=phrases)
                if "<mark>" in noted:
                    return f"Bemærkning til mødet: {noted}", "text", ""
            return found, "text", ""
    else:
        in_decision = snippet(decided, terms, lexicon=lexicon, phrases=phrases)
        if "<mark>" not in in_decision:
            # found by the record the decision field also searches (a minority's statement): cut from it and
            # labelled by it. Cut from decision and record as one text, DF's «Besparelsen bør findes i
            # administrationen» stood under «Beslutning» as if the committee had decided it (a web review).
            for section, text in _record(passage):
                in_record = snippet(text, terms, lexicon=lexicon, phrases=phrases)
                if "<mark>" in in_record:
                    return in_record, "decision_record", _record_label(section)
    return _with_outcome(decided, in_decision, terms, phrases, lexicon), "decision", ""


def _record(passage: Passage) -> list[tuple[Section, str]]:
    """The record printed with the decision (`search.schema.decision_record`: a minority's statement, a
    protokoltilførsel), as the decision field indexes it, each section with its text (placeholders left out)."""
    return [(s, text) for s in decision_record(passage) if (text := _without_placeholders(s.text))]


# A record's label where the section printed none of its own (its key read from a heading's spelling)
_RECORD_LABELS = {"mindretalsudtalelse": "Mindretalsudtalelse", "protokoltilfoersel": "Protokoltilførsel",
                  "protokolbemaerkning": "Protokolbemærkning"}


def _record_label(section: Section) -> str:
    """A record's label as printed, without its colon: «Mindretalsudtalelse».

    >>> _record_label(Section("mindretalsudtalelse", "Mindretalsudtalelse:", "DF ønsker …"))
    'Mindretalsudtalelse'
    >>> _record_label(Section("protokoltilfoersel", "", "V ønsker …"))
    'Protokoltilførsel'
    """
    return section.label.strip().rstrip(":").strip() or _RECORD_LABELS.get(section.key, "Protokoltilførsel")


def _without_placeholders(text: str) -> str:
    r"""`text` without the lines that only stand in for a missing text: the «-», «…» or «Ingen.»
    a template prints under an empty label (`is_placeholder`). Shown without their label, as a
    snippet shows a section, they read as a stray dash or a bare «Ingen».

    >>> _without_placeholders("Direktionen indstiller, at vinterberedskabet udvides.\n\n-\n\nIngen.\n\nBilag 1")
    'Direktionen indstiller, at vinterberedskabet udvides.\n\nBilag 1'
    """
    if not _SHORT_LINE.search(text):  # a placeholder is a short line: most texts have none to look at
        return text.strip()
    lines = [line for line in text.splitlines() if not (line.strip() and _placeholder(line))]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n){2,}")  # the blank lines left around a line taken out
# A line short enough to be a placeholder («Ingen beslutning.», «Ikke relevant», «-»), or one of no word at
# all («------»): `is_placeholder` is costly per line, and every hit's text and decision pass here.
_SHORT_LINE = re.compile(r"(?m)^[ \t]*(?:\S.{0,23}|[\W_]+)[ \t]*$")
_WORDLESS = re.compile(r"^[\W_]*$")


def _placeholder(line: str) -> bool:
    return (len(line.strip()) <= 24 or bool(_WORDLESS.match(line))) and is_placeholder(line)


def _without_decision(text: str, passage: Passage) -> str:
    """`text` without its decision sections' texts (shown below it in a hit of their own)."""
    for section in passage.sections:
        if section.is_decision and section.text.strip():
            text = text.replace(section.text.strip(), "", 1)
    return text


def _without_title(passage: Passage) -> str:
    """The passage text without a leading copy of its title (the result list shows the title)."""
    text = passage.text.lstrip()
    head, _, rest = text.partition("\n")
    return rest if passage.title and passage.title.strip() in head and rest.strip() else text


# Sections that hold a field's bare value: the journal and document numbers and the deciding body
# (`cv.FIELD_SECTIONS`), and the templates' «Kompetence» and «Sagsgang og sagstype». Shown
# without their label, as a snippet shows a section, «588-2021-61877» or «Integrationsrådet»
# said nothing of the item (a citizen review); the hit's case line names the case.
FIELD_KEYS = frozenset(key for key, _label in cv.FIELD_SECTIONS.values()) | {"kompetence", "sagsgang_og_sagstype"}


def _without_fields(text: str, sections: Sequence[Section]) -> str:
    r"""`text` without the lines that are a field section's value (`FIELD_KEYS`), whole lines only:
    a deciding body's name stays where a sentence names it.

    >>> fields = [Section("kompetence", "Kompetence", "Integrationsrådet"), Section("dokumentnummer", "Dokumentnr.", "588-2021-60412")]
    >>> _without_fields("Integrationsrådet\n\nIntegrationsrådet skal godkende dagsordenen.\n\n588-2021-60412", fields)
    'Integrationsrådet skal godkende dagsordenen.'
    """
    for section in sections:
        value = section.text.strip()
        if section.key in FIELD_KEYS and value:
            lines = r"[ \t]*\n\s*".join(r"\s+".join(map(re.escape, line.split()))
                                        for line in value.splitlines() if line.strip())
            text = re.sub(rf"(?m)^[ \t]*{lines}[ \t]*$", "", text, count=1)
    return _BLANK_LINES.sub("\n\n", text).strip()


def _opening(text: str, title: str) -> str:
    r"""`text` from its first line that says something, as a snippet without matches shows its
    start: without the label and field lines above it («Kompetenceudvalg: Integrationsrådet»,
    «Indstilling fra Børn og Unge», «Dato: 10. februar 2025», «1. Resume») and without a line that
    repeats the title (the result list shows it above). All of `text` where every line labels.

    >>> _opening("Kompetenceudvalg: Integrationsrådet\n\nAdministrationen indstiller, at rådet godkender.\n\n"
    ...          "Nyt fra foreningerne", "Nyt fra foreningerne")
    'Administrationen indstiller, at rådet godkender.'
    >>> _opening("Indstilling fra Børn og Unge\n\nDato: 10. februar 2025\n\n1. Resume\nBørn og Unge foreslår en ny skole.", "Ny skole")
    'Børn og Unge foreslår en ny skole.'

    A person's remark, a short line without a stop, is what the item says:

    >>> _opening("Karen: Ferie i juli\nBent: Ny postkasse ved hallen\nMødet sluttede kl. 21.", "Eventuelt")
    'Karen: Ferie i juli\nBent: Ny postkasse ved hallen\nMødet sluttede kl. 21.'
    """
    same = _folded(title)
    lines = [line for line in text.splitlines() if not (same and _folded(line) == same)]
    first = True
    for k, line in enumerate(lines):
        if not line.strip():
            continue
        if not _is_label_line(line, first):
            return _BLANK_LINES.sub("\n\n", "\n".join(lines[k:])).strip()
        first = False
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _folded(line: str) -> str:
    """A line as compared with the title: spacing, case and a closing colon or period aside."""
    return " ".join(line.split()).rstrip(":.").strip().casefold()


# Labels of a field printed «Label: value» that `cv.field_line` does not read as one: the case's
# kind, the date, the numbers' other spellings, the deciding body.
_FIELD_LABELS = frozenset({"kompetenceudvalg", "sagstype", "dato", "mødedato", "sagsnr", "sagsnummer", "journalnr",
                           "journalnummer", "j.nr", "beslutningskompetence"})
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+(?P<rest>\S.*)$")
# The department that recommends, on the line under the title: «Indstilling fra Børn og Unge»
_DEPARTMENT_LINE = re.compile(r"^\s*Indstilling fra [A-ZÆØÅ][^.!?:]*$")


def _is_label_line(line: str, first: bool) -> bool:
    """A line that is the item's boilerplate, not what it says: a field line (`cv.field_line`), a
    «Label: value» line of a known field (`_FIELD_LABELS`), a section's label alone or with a value
    that is no sentence («Kompetence: Byrådet»), a section's numbered label («1. Resume»), and,
    as the `first` line under the title, the recommending department («Indstilling fra …»).

    >>> _is_label_line("Sagstype: Høring", False), _is_label_line("Dok. 588-2021-60412", False)
    (True, True)
    >>> _is_label_line("Resume", False), _is_label_line("1. Resume", False), _is_label_line("Indstilling fra Børn og Unge", True)
    (True, True, True)

    A person's remark, a short line without a stop and a numbered heading are content:

    >>> _is_label_line("Karen: Ferie i juli", True), _is_label_line("Bålet tændes kl. 21", True)
    (False, False)
    >>> _is_label_line("Polsk-dansk forening: Der har været et polsk kor på besøg", True)
    False
    >>> _is_label_line("1. Afskaffelse af starthjælpen", True), _is_label_line("Indstilling fra Børn og Unge", False)
    (False, False)
    """
    line = " ".join(line.split())
    if not line:
        return False
    if cv.field_line(line) is not None:
        return True
    label, colon, value = line.partition(":")
    if colon and label.strip().rstrip(".").casefold() in _FIELD_LABELS:
        return True
    if (section := cv.section_label(line)) is not None:
        return not section[1] or not section[1].rstrip().endswith((".", "!", "?"))
    if numbered := _NUMBERED.match(line):  # «1. Resume» labels; «1. Afskaffelse af starthjælpen» heads what follows
        return cv.label_of(numbered.group("rest").strip()) is not None
    return first and bool(_DEPARTMENT_LINE.match(line))
