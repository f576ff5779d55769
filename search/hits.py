"""One hit of a result page, from its stored passage: snippet, marks, decision and citation."""

from __future__ import annotations

import html
import re

from whoosh.query import And, Term
from whoosh.searching import Searcher

from indexer.citation import citation, names_previous
from indexer.conventions import is_placeholder
from indexer.models import Passage
from search.api import Hit
from search.decompound import Lexicon
from search.highlight import excerpt, mark, snippet
from search.schema import PASSAGE, stored_passage


def _hit(
    searcher: Searcher, docnum: int, score: float, terms: frozenset[str], phrases: frozenset[tuple[str, ...]],
    from_decision: bool, lexicon: Lexicon,
) -> Hit:
    passage = stored_passage(searcher.stored_fields(docnum))
    decided = _without_placeholders(passage.decision)
    decision = excerpt(decided)
    decision_html = mark(decision, terms, lexicon=lexicon, phrases=phrases) if decision else ""
    shown, snippet_from = _snippet(passage, decided, "<mark>" in decision_html, terms, phrases, lexicon,
                                   from_decision and bool(decided))
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


OUTCOME_CHARS = 120  # the longest first line of a decision shown before a window cut from further on


def _with_outcome(decision: str, shown: str, terms: frozenset[str], phrases: frozenset[tuple[str, ...]],
                  lexicon: Lexicon) -> str:
    """A decision's snippet (HTML) with the decision's first line before it when the window was
    cut from further on: «…Søren Krogh (O) ønskede sin stemme ført til protokol» showed the dissent
    without what was decided, «Anbefalet.» (a journalist review). Only a short first line, the
    outcome as minutes write it; not when the window starts at the decision's start.

    >>> from search.decompound import default_lexicon
    >>> _with_outcome("Anbefalet.\\nSøren Krogh (O) tog forbehold.", "…Søren <mark>Krogh</mark> (O) tog forbehold.",
    ...               frozenset({"krogh"}), frozenset(), default_lexicon())
    'Anbefalet. …Søren <mark>Krogh</mark> (O) tog forbehold.'
    >>> _with_outcome("Godkendt, som foreslået af Krogh.\\nMere.", "…som foreslået af <mark>Krogh</mark>. Mere.",
    ...               frozenset({"krogh"}), frozenset(), default_lexicon())
    '…som foreslået af <mark>Krogh</mark>. Mere.'
    """
    if not shown.startswith("…"):
        return shown
    first = next((" ".join(line.split()) for line in decision.splitlines() if line.strip()), "")
    if not first or len(first) > OUTCOME_CHARS:
        return shown
    # a window that starts inside the first line shows the rest of it already: not twice
    window = html.unescape(_TAG.sub("", shown)).lstrip("…").split()
    if " ".join(window[:_WINDOW_START]) in first:
        return shown
    return f"{mark(first, terms, lexicon=lexicon, phrases=phrases)} {shown}"


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
             phrases: frozenset[tuple[str, ...]], lexicon: Lexicon, from_decision: bool) -> tuple[str, str]:
    """The hit's snippet (HTML) and where it is cut from, "text" or "decision" (`Hit.snippet_from`).

    A text snippet is cut from the item's other sections: its decision stands below it in a line
    of its own (`decided`, its placeholders left out; `decision_marked`: that line marks a word
    of the query), and an item whose text was only its decision showed the same words twice.
    Where the query's words are in the decision alone, the text's start is shown above the
    marked decision line, or nothing when there is no other text; where they stand further on in
    the decision than its line shows, the hit is cut from the decision, as a decision search is,
    and shows it once."""
    if not from_decision:
        rest = _without_placeholders(_without_decision(_without_title(passage), passage))
        # no word of the query in the rest: its start (a snippet without matches is the start)
        found = snippet(rest, terms, lexicon=lexicon, phrases=phrases)
        if "<mark>" in found or decision_marked:
            return found, "text"
        in_decision = snippet(decided, terms, lexicon=lexicon, phrases=phrases) if decided else ""
        if "<mark>" not in in_decision:
            if passage.meeting_note:  # found by the meeting's note (indexed with each item): the note says why
                noted = snippet(passage.meeting_note, terms, lexicon=lexicon, phrases=phrases)
                if "<mark>" in noted:
                    return f"Bemærkning til mødet: {noted}", "text"
            return found, "text"
    else:
        in_decision = snippet(decided, terms, lexicon=lexicon, phrases=phrases)
    return _with_outcome(decided, in_decision, terms, phrases, lexicon), "decision"


def _without_placeholders(text: str) -> str:
    r"""`text` without the lines that only stand in for a missing text: the «-», «…» or «Ingen.»
    a template prints under an empty label (`is_placeholder`). Shown without their label, as a
    snippet shows a section, they read as a stray dash or a bare «Ingen».

    >>> _without_placeholders("Direktionen indstiller, at vinterberedskabet udvides.\n\n-\n\nIngen.\n\nBilag 1")
    'Direktionen indstiller, at vinterberedskabet udvides.\n\nBilag 1'
    """
    lines = [line for line in text.splitlines() if not (line.strip() and is_placeholder(line))]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n){2,}")  # the blank lines left around a line taken out


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
