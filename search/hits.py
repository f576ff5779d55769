"""One hit of a result page, from its stored passage: snippet, marks, decision and citation."""

from __future__ import annotations

import html
import re

from whoosh.query import And, Term
from whoosh.searching import Searcher

from indexer.citation import citation, names_previous
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
    from_decision = from_decision and bool(passage.decision)
    decision = excerpt(passage.decision)
    if from_decision:
        shown = _with_outcome(passage.decision, snippet(passage.decision, terms, lexicon=lexicon, phrases=phrases),
                              terms, phrases, lexicon)
    else:
        shown = _body_snippet(passage, terms, phrases, lexicon)
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
        decision_html=mark(decision, terms, lexicon=lexicon, phrases=phrases) if decision and not from_decision else "",
        title_html=mark(passage.title, terms, lexicon=lexicon, phrases=phrases),
        case_handler_html=mark(passage.case_handler, terms, lexicon=lexicon, phrases=phrases) if passage.case_handler else "",
        case_number_html=mark(passage.case_number, terms, lexicon=lexicon, phrases=phrases) if passage.case_number else "",
        snippet_from="decision" if from_decision else "text",
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


def _body_snippet(passage: Passage, terms: frozenset[str], phrases: frozenset[tuple[str, ...]], lexicon: Lexicon) -> str:
    """The snippet over the text, shown above the decision's own preview. Where the text has
    none of the query's words (an item found by its title or a filter), its start without the
    decision: in a short item the start ran on into the decision, and the hit said it twice."""
    text = _without_title(passage)
    found = snippet(text, terms, lexicon=lexicon, phrases=phrases)
    if "<mark>" in found:
        return found
    if passage.meeting_note:  # found by the meeting's note (indexed with each item): the note says why
        noted = snippet(passage.meeting_note, terms, lexicon=lexicon, phrases=phrases)
        if "<mark>" in noted:
            return f"Bemærkning til mødet: {noted}"
    rest = _without_decision(text, passage)
    # no word of the query in the text, so none in the rest of it: its start, not a second search
    return found if rest == text else snippet(rest, ())


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
