"""Citations: pure functions over `Passage`, no web or index.

The passage page, the JSON API and the search's hits (`search.api.Hit.citation`) build a
citation here, so a reporter reads the same words wherever an item is shown.
"""

from __future__ import annotations

from indexer.dates import danish_date, long_date
from indexer.models import AARSBERETNING, DAGSORDEN, Passage

# Municipalities whose official names are not "<place> Kommune": the index names them by
# their place (`indexer.councils`), a citation by their official name.
OFFICIAL_NAMES = {"København": "Københavns Kommune", "Vesthimmerland": "Vesthimmerlands Kommune",
                  "Bornholm": "Bornholms Regionskommune"}


def municipality_name(municipality: str | None) -> str:
    """The municipality's official name: 'Næstved' -> 'Næstved Kommune', 'København' ->
    'Københavns Kommune'; names that already say it are kept.

    >>> municipality_name("Næstved"), municipality_name("København"), municipality_name("Vesthimmerland")
    ('Næstved Kommune', 'Københavns Kommune', 'Vesthimmerlands Kommune')
    """
    if not municipality:
        return ""
    if municipality in OFFICIAL_NAMES:
        return OFFICIAL_NAMES[municipality]
    if "kommune" in municipality.casefold() or "region" in municipality.casefold():
        return municipality
    return f"{municipality} Kommune"


def citation(p: Passage, previous: Passage | None = None) -> str:
    """A citation a reporter can paste, with whatever the passage knows. An item with neither
    number nor title is named by the item before it (`previous`), where a reader of the
    document finds it.

    >>> from indexer.models import Passage
    >>> p = Passage(id="x", document_id="d", position=0, doc_type="referat", municipality="Næstved",
    ...     council="Integrationsrådet", meeting_date="2015-05-21", year=2015, item_number=15,
    ...     title="Modtagelse af flygtninge", case_handler=None, case_number=None, place=None,
    ...     present=(), absent=(), topics=(), source="a.txt", source_sha256="", line=1, page=None,
    ...     sections=(), text="")
    >>> citation(p)
    'Integrationsrådet, Næstved Kommune, referat af mødet 21.05.2015, punkt 15: Modtagelse af flygtninge'

    An item numbered "3a" or "4.1" is cited by its number as printed (`Passage.item_label`):

    >>> from dataclasses import replace
    >>> citation(replace(p, item_number=3, item_label="3a", title="Godkendelse af dagsorden"))
    'Integrationsrådet, Næstved Kommune, referat af mødet 21.05.2015, punkt 3a: Godkendelse af dagsorden'

    A supplementary agenda is cited as one, and a report for a season by its period:

    >>> citation(replace(p, doc_type="dagsorden", supplement=True))
    'Integrationsrådet, Næstved Kommune, tillægsdagsorden til mødet 21.05.2015, punkt 15: Modtagelse af flygtninge'
    >>> citation(replace(p, doc_type="årsberetning", meeting_date=None, year=2024, period="2024-2025",
    ...     item_number=None, title="Indledning"))
    'Integrationsrådet, Næstved Kommune, årsberetning 2024-2025: Indledning'
    """
    parts = [part for part in (p.council, municipality_name(p.municipality)) if part]
    if p.doc_type == AARSBERETNING:
        when = p.period or p.year
        parts.append(f"årsberetning {when}" if when else "årsberetning")
    else:
        kind = "dagsorden til mødet" if p.doc_type == DAGSORDEN else "referat af mødet"
        if p.supplement:
            kind = f"tillægs{kind}"
        if p.meeting_date:
            parts.append(f"{kind} {danish_date(p.meeting_date)}")
        elif p.year:
            parts.append(f"{kind} i {p.year}")
        else:
            parts.append(kind.replace(" af mødet", "").replace(" til mødet", ""))
    head = ", ".join(parts)
    head = head[:1].upper() + head[1:]
    title = p.title.strip()
    if p.item_reference is not None:
        head = f"{head}, {p.item_reference}"  # as printed: "punkt 3a", "punkt 4.1", "§ 3"
    elif names_previous(p):
        head = f"{head}, {untitled_place(p, previous)}"
    cited = f"{head}: {title}" if title else head
    # A PDF's page is where a reader finds the item in the document as published, by the number
    # printed on it.
    return f"{cited} ({cited_pages(p)})" if p.page is not None else cited


def citation_gaps(p: Passage) -> tuple[str, ...]:
    """What a citation of `p` lacks because its document does not say it (the citation leaves it
    out): the council, the municipality, the meeting's date (a report's year), the item's number
    (minutes and agendas). «Socialudvalget, referat, punkt 1: …» read as a whole citation.

    >>> from indexer.models import Passage
    >>> p = Passage(id="x", document_id="d", position=0, doc_type="referat", municipality=None,
    ...     council="Socialudvalget", meeting_date=None, year=None, item_number=1, title="Takster",
    ...     case_handler=None, case_number=None, place=None, present=(), absent=(), topics=(),
    ...     source="a.txt", source_sha256="", line=1, page=None, sections=(), text="")
    >>> citation_gaps(p)
    ('kommune', 'mødedato')
    """
    report = p.doc_type == AARSBERETNING
    gaps = [name for name, known in (
        ("råd eller udvalg", p.council), ("kommune", p.municipality),
        ("år" if report else "mødedato", p.year if report else p.meeting_date),
        ("punktnummer", report or p.item_reference is not None)) if not known]
    return tuple(gaps)


def gaps_said(gaps: tuple[str, ...]) -> str:
    """`citation_gaps` as a sentence for the reader of a citation ("" when none).

    >>> gaps_said(("kommune", "mødedato")), gaps_said(())
    ('Dokumentet angiver ikke kommune og mødedato; henvisningen mangler dem. Tjek kilden.', '')
    """
    if not gaps:
        return ""
    listed = gaps[0] if len(gaps) == 1 else f"{', '.join(gaps[:-1])} og {gaps[-1]}"
    return f"Dokumentet angiver ikke {listed}; henvisningen mangler {'det' if len(gaps) == 1 else 'dem'}. Tjek kilden."


def cited_pages(p: Passage) -> str:
    """The pages a citation names: where the item starts, and where its decision stands when that
    is a later page or runs over a page break (what a reporter quotes is the decision).

    >>> from indexer.models import Passage, Section
    >>> def item(page, decision_page, decision_end=None, printed=()):
    ...     return Passage(id="x", document_id="d", position=0, doc_type="referat", municipality=None,
    ...         council=None, meeting_date=None, year=None, item_number=15, title="Modtagelse af flygtninge",
    ...         case_handler=None, case_number=None, place=None, present=(), absent=(), topics=(),
    ...         source="a.pdf", source_sha256="", line=1, page=page, text="", printed_pages=printed,
    ...         sections=(Section("beslutning", "BESLUTNING", "Godkendt.", page=decision_page, end_page=decision_end),))
    >>> cited_pages(item(4, 6)), cited_pages(item(9, 9)), cited_pages(item(4, None))
    ('s. 4, beslutningen s. 6', 's. 9', 's. 4')
    >>> cited_pages(item(6, 6, 7)), cited_pages(item(4, 6, 7))
    ('s. 6, beslutningen s. 6–7', 's. 4, beslutningen s. 6–7')

    Pages are named by the numbers the document prints on them (`Passage.printed_pages`), and where
    those are not the PDF's own page numbers, the PDF pages to open follow: after an unnumbered
    cover, PDF page 3 prints "Side 2". A page printed without a number in such a document (the
    cover) is named by its PDF page alone.

    >>> cited_pages(item(3, 3, printed=((3, 2),))), cited_pages(item(3, 3, 4, printed=((3, 2), (4, 3))))
    ('s. 2; PDF-side 3', 's. 2, beslutningen s. 2–3; PDF-side 3–4')
    >>> cited_pages(item(1, 2, printed=((2, 1),))), cited_pages(item(9, 9, printed=((9, 9),)))
    ('PDF-side 1, beslutningen PDF-side 2', 's. 9')
    """
    first = p.page
    decision = p.decision_page
    end = max(p.decision_end_page or decision, decision) if decision is not None else None
    cited = [(first, first)]
    if decision is not None and first is not None and end is not None and (decision > first or end > decision):
        cited.append((decision, end))
    printed = dict(p.printed_pages)
    pages = [page for span in cited for page in span]
    plain = _with_decision([_span(a, b) for a, b in cited], "s. ")
    if all(page in printed for page in pages):
        if all(printed[page] == page for page in pages):
            return plain
        refs = _with_decision([_span(printed[a], printed[b]) for a, b in cited], "s. ")
        return f"{refs}; PDF-side {_span(first, cited[-1][1])}"
    if p.prints_other_pages:
        return _with_decision([_span(a, b) for a, b in cited], "PDF-side ")
    return plain  # no number printed, or each as the PDF's


def _span(first: int | None, last: int | None) -> str:
    return f"{first}" if first == last else f"{first}–{last}"


def _with_decision(spans: list[str], unit: str) -> str:
    """'s. 4' or 's. 4, beslutningen s. 6–7'."""
    return f"{unit}{spans[0]}" + (f", beslutningen {unit}{spans[1]}" if len(spans) > 1 else "")


def names_previous(p: Passage) -> bool:
    """Whether `p`'s citation names the item before it: an item printed with neither number nor
    title (only then does `citation` read its `previous`, so only then need a caller find it).

    >>> from indexer.models import Passage
    >>> def item(number, title):
    ...     return Passage(id="x", document_id="d", position=2, doc_type="referat", municipality=None,
    ...         council=None, meeting_date=None, year=None, item_number=number, title=title, case_handler=None,
    ...         case_number=None, place=None, present=(), absent=(), topics=(), source="a.txt", source_sha256="",
    ...         line=1, page=None, sections=(), text="")
    >>> names_previous(item(None, " ")), names_previous(item(15, "")), names_previous(item(None, "Forord"))
    (True, False, False)
    """
    return p.item_number is None and not p.title.strip()


def untitled_place(p: Passage, previous: Passage | None) -> str:
    """Where an item printed without number and title stands: after the item before it, or
    by its place in the document.

    >>> from indexer.models import Passage
    >>> def item(number, title, position):
    ...     return Passage(id="x", document_id="d", position=position, doc_type="referat", municipality=None,
    ...         council=None, meeting_date=None, year=None, item_number=number, title=title, case_handler=None,
    ...         case_number=None, place=None, present=(), absent=(), topics=(), source="a.txt", source_sha256="",
    ...         line=1, page=None, sections=(), text="")
    >>> untitled_place(item(None, "", 2), item(39, "Støtte", 1)), untitled_place(item(None, "", 0), None)
    ('punktet uden titel efter punkt 39', '1. punkt (uden nummer og titel)')
    """
    unit = "afsnittet" if p.doc_type == AARSBERETNING else "punktet"
    if previous is not None and previous.item_reference is not None:
        return f"{unit} uden titel efter {previous.item_reference}"
    if previous is not None and previous.title.strip():
        return f"{unit} uden titel efter »{previous.title.strip()}«"
    return f"{p.position + 1}. {unit[:-2]} (uden nummer og titel)"


def document_title(p: Passage) -> str:
    """A document's heading from any of its passages, e.g. 'Referat: Integrationsrådet, 21. maj 2015'.

    >>> from dataclasses import replace
    >>> from indexer.models import Passage
    >>> p = Passage(id="x", document_id="d", position=0, doc_type="dagsorden", municipality="Vejle", council="Byrådet",
    ...     meeting_date="2025-03-12", year=2025, item_number=1, title="Salg", case_handler=None, case_number=None,
    ...     place=None, present=(), absent=(), topics=(), source="a.txt", source_sha256="", line=1, page=None,
    ...     sections=(), text="", supplement=True)
    >>> document_title(p)
    'Tillægsdagsorden: Byrådet, Vejle Kommune, 12. marts 2025'
    >>> document_title(replace(p, doc_type="årsberetning", meeting_date=None, year=2024, period="2024-2025", supplement=False))
    'Årsberetning 2024-2025: Byrådet, Vejle Kommune'
    """
    kind = {AARSBERETNING: "Årsberetning", DAGSORDEN: "Dagsorden"}.get(p.doc_type, "Referat")
    if p.supplement and p.doc_type != AARSBERETNING:
        kind = f"Tillægs{kind.lower()}"
    who = ", ".join(part for part in (p.council, municipality_name(p.municipality)) if part)
    when = str(p.period or p.year or "") if p.doc_type == AARSBERETNING else long_date(p.meeting_date) or str(p.year or "")
    if p.doc_type == AARSBERETNING and when:
        kind = f"{kind} {when}"
        when = ""
    return f"{kind}: {', '.join(part for part in (who, when) if part)}" if who or when else kind
