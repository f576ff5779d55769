"""The domain model: what a council document is made of, as plain frozen dataclasses.

Each pipeline stage takes and returns these (extract -> SourceFile, clean -> Line,
segment -> Segmented/Item, enrich -> Document/Passage), so stages can be tested alone
and the search engine never sees a file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from indexer.conventions import is_placeholder
from indexer.outcome import decision_outcome

# Document types, as the product names them to users.
REFERAT = "referat"
DAGSORDEN = "dagsorden"
AARSBERETNING = "årsberetning"
DOC_TYPES = (REFERAT, DAGSORDEN, AARSBERETNING)

# The canonical key of the decision section. Other keys are the section label in lower case
# ("indstilling", "sagsfremstilling", "resume", "bilag", "beslutningskompetence", ...).
DECISION = "beslutning"
# Decisions of other committees quoted inside an item ("Økonomiudvalget, 17. september 2019, pkt. 148:").
EARLIER_DECISION = "tidligere_beslutning"


@dataclass(frozen=True)
class Page:
    """The text of one page of a source file (a text file is one page)."""

    number: int  # 1-based
    text: str
    label: str | None = None  # a PDF's page label, the number its viewer shows ("iii", "1"), where it has them


@dataclass(frozen=True)
class SourceFile:
    """A file read from the corpus: its identity and its pages of raw text.

    >>> SourceFile(path=Path("/corpus/a.txt"), source="a.txt", sha256="ab12", kind="text",
    ...            pages=(Page(1, "1. Godkendelse af dagsorden"),)).page_count
    1
    """

    path: Path
    source: str  # path relative to the corpus root, POSIX separators
    sha256: str
    kind: str  # "pdf" | "text" | "markdown" | "html"
    pages: tuple[Page, ...]
    notices: tuple[str, ...] = ()  # how the file was read, where the administrator should know (see `Notice`)
    # An HTML page's <title>, where a site names itself ("Referat – Socialudvalget – Fjordby Kommune"):
    # read as a running header is (`indexer.clean.running_chrome`), never as text. "" otherwise.
    site_title: str = ""
    # An HTML page's footer line naming the municipality with its address (`indexer.htmltext.HtmlPage`):
    # read as a running footer is, never as text. "" otherwise.
    site_letterhead: str = ""
    # Whether a text file held page breaks (form feeds: a PDF's text saved by pdftotext), which
    # normalising takes out: its bare numbers beside text are page numbers (`indexer.clean`).
    page_breaks: bool = False
    # The lines (0-based, as `indexer.normalise.page_starts` counts them) that open a page after a
    # form feed: there a running header without a page number is told by its repeats (`indexer.clean`).
    page_starts: tuple[int, ...] = ()

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def numbered_labels(self) -> dict[int, int]:
        """Page → the number its PDF page label gives, where the label is a number: after a
        front matter labelled "i"–"iii", PDF page 4 is labelled (and shown by a viewer as) "1"."""
        # ASCII digits, few: "²".isdigit() is true and int() refuses it; 5,000 digits too (a hostile
        # label): either stopped the whole file.
        return {page.number: int(page.label) for page in self.pages
                if page.label and page.label.isascii() and page.label.isdecimal() and len(page.label) <= 6}


@dataclass(frozen=True)
class Line:
    """One cleaned line of text with where it came from, so a passage can cite its start."""

    text: str
    page: int  # 1-based page number (always 1 for text files)
    number: int  # 1-based line number in the source file (text) or within the page (PDF)
    # Printed as a Markdown heading («### Rådets sammensætning»), whose marker cleaning takes off the text
    heading: bool = False


@dataclass(frozen=True)
class Section:
    """A named part of an agenda item: Beslutning, Indstilling, Sagsfremstilling, ...

    >>> Section(key="beslutning", label="BESLUTNING", text="Godkendt.", date="2015-05-21", page=6).page
    6
    """

    key: str  # canonical key, e.g. "beslutning", "indstilling", "sagsfremstilling"
    label: str  # the label as printed, e.g. "BESLUTNING" or "Beslutning i Børne- og Skoleudvalget den 10-06-2020"
    text: str
    date: str | None = None  # ISO date of a decision header, where the header gives one
    note: str = ""  # attendance lines that open a decision ("Fraværende: Hassan Jaber")
    # Page where the section starts (its label, or its first line): an item's decision is often
    # pages after its heading. The segmenter takes it from its lines; a passage of a file without
    # pages (text, markdown, HTML) has None, as its `Passage.page`.
    page: int | None = None
    # Page where the section ends, as `page` (its last line of text); None where `page` is, and in a
    # record stored before sections had an end.
    end_page: int | None = None

    @property
    def is_decision(self) -> bool:
        """This council's decision with something decided: not "-" or "Ingen" left by the template.

        >>> Section("beslutning", "Beslutning", "-").is_decision, Section("beslutning", "Beslutning", "Godkendt.").is_decision
        (False, True)
        """
        return self.key == DECISION and not is_placeholder(self.text)


@dataclass(frozen=True)
class Item:
    """An agenda item (or report section) as the segmenter found it, before enrichment."""

    number: int | None
    title: str
    start: Line  # the heading line
    lines: tuple[Line, ...]  # the item's text lines after its heading and field lines, chrome removed
    sections: tuple[Section, ...]  # in document order
    fields: dict[str, str] = field(default_factory=dict)  # "case_handler", "case_number", ...
    label: str | None = None  # the number as printed, where it goes on after `number` ("3a", "4.1")
    closed: bool = False  # discussed in the meeting's closed part (`indexer.openness`)
    # A decision's label that is the council's header line printed under a plain label («BESLUTNING» /
    # «Økonomiudvalget, 17.04.2024») → that plain label: the header tells whose decision it is
    # (`indexer.enrich._reclassify`); this council's own decision is then labelled as printed.
    printed_under: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Segmented:
    """A document split into its front matter and its items."""

    kind: str  # "minutes" | "report"
    head: tuple[Line, ...]  # lines before the first item (title page, attendance, contents)
    items: tuple[Item, ...]
    contents: tuple[tuple[int | None, str], ...] = ()  # (number, title) from a table of contents
    # What the administrator should know of how the document was split: items it seems to have
    # that were not found (see `Document.notices`), one Danish line each.
    notes: tuple[str, ...] = ()
    # The lines under the last item naming who took or signed the minutes («Referent: Susanne Beck»): the
    # meeting's, as its head's lines are (`indexer.segment`).
    closing: tuple[Line, ...] = ()


def heading_number(item_number: int | None, item_label: str | None, item_sign: str | None = None) -> str | None:
    """An item's number as its heading shows it: with a full stop ("15.", "II."), except a number
    printed with a letter or a sub-number after it ("3a", "4.1"), which carries none; "§ 3" where a
    protocol numbers its items as paragraphs (its citation's «§ 3»: a news review read «3.» on the page).

    >>> heading_number(3, None, "§"), heading_number(3, "3a", "§")
    ('§ 3', '§ 3a')
    """
    if item_number is None:
        return None
    if item_sign:
        return f"{item_sign} {item_label or item_number}"
    if item_label and not item_label.isalpha():
        return item_label
    return f"{item_label or item_number}."


def item_reference(item_number: int | None, item_label: str | None, item_sign: str | None = None,
                   doc_type: str | None = None) -> str | None:
    """How an item is referred to, as its minutes number it: "punkt 15", "punkt 3a", or "§ 3"
    where a protocol numbers its items as paragraphs; an annual report's section is "afsnit 4",
    as the pages call it. None for an item without a number.

    >>> item_reference(15, None), item_reference(3, "3a"), item_reference(3, None, "§"), item_reference(None, None)
    ('punkt 15', 'punkt 3a', '§ 3', None)
    >>> item_reference(4, None, None, AARSBERETNING)
    'afsnit 4'
    """
    if item_number is None:
        return None
    unit = item_sign or ("afsnit" if doc_type == AARSBERETNING else "punkt")
    return f"{unit} {item_label or item_number}"


@dataclass(frozen=True)
class Passage:
    """The unit Referatsøg indexes and shows: one agenda item or one report section.

    >>> p = Passage(id="naestved-referat-2015-05-21-3fa9c2-04", document_id="naestved-referat-2015-05-21-3fa9c2",
    ...     position=3, doc_type="referat", municipality="Næstved", council="Integrationsrådet",
    ...     meeting_date="2015-05-21", year=2015, item_number=15, title="Modtagelse af flygtninge",
    ...     case_handler="Mette Jung Christensen", case_number="00.01.00-A21-1-14", place=None,
    ...     present=(), absent=(), topics=("flygtninge", "bolig"), source="naestved-referat-2015-05-21.txt",
    ...     source_sha256="0" * 64, line=180, page=None,
    ...     sections=(Section("beslutning", "BESLUTNING", "Der nedsættes en arbejdsgruppe."),),
    ...     text="Modtagelse af flygtninge ...")
    >>> p.decision
    'Der nedsættes en arbejdsgruppe.'
    """

    id: str
    document_id: str
    position: int  # 0-based order within the document
    doc_type: str
    municipality: str | None
    council: str | None
    meeting_date: str | None  # ISO 8601
    year: int | None
    item_number: int | None
    title: str
    case_handler: str | None
    case_number: str | None
    place: str | None
    present: tuple[str, ...]
    absent: tuple[str, ...]
    topics: tuple[str, ...]
    source: str
    source_sha256: str
    line: int  # line where the item starts (text files) or line within its page (PDF)
    page: int | None  # page where the item starts (PDF), None for text files
    sections: tuple[Section, ...]  # the decision first, then document order
    text: str  # the whole item, cleaned
    decision_date: str | None = None  # ISO date of this council's decision, when it differs or is given
    # Others the meeting's front page names, no members: administration staff, the minute-taker.
    staff: tuple[str, ...] = ()
    # The item's number as printed, where it says more than `item_number`: "3a", "3b" (items added to
    # the agenda) and "4.1", "4.2" (items under topic 4) have the `item_number` 3 or 4, which sorts and
    # filters. None where the number is printed as `item_number` ("15") or there is none.
    item_label: str | None = None
    # The page numbers the document prints on the pages this passage spans, as (page, printed number)
    # in page order, where a running header or footer prints one: after an unnumbered cover, PDF page 3
    # prints "Side 2". Empty for files without pages and where no number is printed.
    printed_pages: tuple[tuple[int, int], ...] = ()
    # "§" where the heading numbers the item as a protocol's paragraph ("§ 3. Høring …"), so a
    # search for «§ 3» finds it; None for every other numbering.
    item_sign: str | None = None
    # Whether the item was discussed in the meeting's closed part ("50 (Lukket) Salg af areal", a "Lukket
    # punkt" line under its heading, or a "Lukket møde"/"Lukkede sager" header above it: `indexer.openness`):
    # its minutes then print little or nothing of it, which is no sign that nothing was decided. A record
    # stored before the field has none: False.
    closed: bool = False
    # An annual report's period as a reader writes it, normalised ("2024-2025" for «2024/25», «2024-25»):
    # the citation names it, while `year` (its first year) stays the facet. None for a single year, and
    # in a record stored before the field.
    period: str | None = None
    # A supplementary agenda or minutes («Tillægsdagsorden», «Tillægsreferat» as the document's own title,
    # or in its file name): `doc_type` stays dagsorden/referat for the facet; the citation says which.
    supplement: bool = False
    # What the document prints about the meeting or itself between its head and its first item
    # (`indexer.notes`): a correction («Rettelse: Referatet er rettet den 14. marts 2025 …»), an
    # extraordinary, cancelled, moved or online meeting; the same on every item of the document.
    # None where there is none, and in a record stored before the field.
    meeting_note: str | None = None

    @property
    def printed_number(self) -> str | None:
        """The item's number as the minutes print it, for citations and headings: "3a", "15", or None.

        >>> from dataclasses import replace
        >>> p = Passage(id="x", document_id="d", position=0, doc_type="referat", municipality=None, council=None,
        ...     meeting_date=None, year=None, item_number=3, title="Godkendelse af dagsorden", case_handler=None,
        ...     case_number=None, place=None, present=(), absent=(), topics=(), source="a.txt", source_sha256="",
        ...     line=1, page=None, sections=(), text="", item_label="3a")
        >>> p.printed_number, replace(p, item_label=None).printed_number, replace(p, item_number=None, item_label=None).printed_number
        ('3a', '3', None)
        """
        if self.item_label:
            return self.item_label
        return None if self.item_number is None else str(self.item_number)

    @property
    def item_reference(self) -> str | None:
        """"punkt 15", "punkt 3a", "§ 3", "afsnit 4" (`item_reference`), for citations and meta lines."""
        return item_reference(self.item_number, self.item_label, self.item_sign, self.doc_type)

    @property
    def heading_number(self) -> str | None:
        """The number as an item's heading shows it before the title: "15.", "II.", but "3a" and
        "4.1" as printed (`heading_number`).

        >>> heading_number(15, None), heading_number(2, "II"), heading_number(3, "3a"), heading_number(None, None)
        ('15.', 'II.', '3a', None)
        """
        return heading_number(self.item_number, self.item_label, self.item_sign)

    @property
    def decision(self) -> str:
        """The decision text (all Beslutning sections of this council, joined)."""
        return "\n\n".join(s.text for s in self.sections if s.is_decision)

    @property
    def outcome(self) -> str | None:
        """What the decision says became of the item («Godkendt», «Udsat», …: `indexer.outcome`);
        None without a recorded decision. Read from the decision each time, so a stored record of
        any release has it."""
        return decision_outcome(self.decision) if self.has_decision else None

    @property
    def has_decision(self) -> bool:
        """Whether a decision is recorded: a section that only says "-" (`Section.is_decision`) is none."""
        return any(s.is_decision for s in self.sections)

    @property
    def decision_page(self) -> int | None:
        """The page where the decision starts (its first section, when there are several), or
        None: no decision, a file without pages, or a record stored before sections had pages."""
        return next((s.page for s in self.sections if s.is_decision), None)

    @property
    def decision_end_page(self) -> int | None:
        """The page where the decision ends (its last section's end, when there are several), or
        None where `decision_page` is None. A record stored before sections had an end ends where
        it starts."""
        ends = [s.end_page or s.page for s in self.sections if s.is_decision and s.page is not None]
        return max(ends) if ends else None

    @property
    def decision_date_before_meeting(self) -> bool:
        """Whether the decision is dated before the meeting whose minutes hold it: an item deferred
        from an earlier meeting, decided under that meeting's dated heading.

        >>> p = Passage(id="x", document_id="d", position=0, doc_type="referat", municipality=None, council=None,
        ...     meeting_date="2015-05-21", year=2015, item_number=16, title="Medborgerskabspolitikken",
        ...     case_handler=None, case_number=None, place=None, present=(), absent=(), topics=(), source="a.pdf",
        ...     source_sha256="", line=1, page=7, sections=(), text="", decision_date="2015-03-19")
        >>> from dataclasses import replace
        >>> p.decision_date_before_meeting, replace(p, decision_date="2015-05-21").decision_date_before_meeting
        (True, False)
        """
        return bool(self.decision_date and self.meeting_date and self.decision_date < self.meeting_date)

    @property
    def prints_other_pages(self) -> bool:
        """Whether the PDF prints page numbers other than its own on this passage's pages (after an
        unnumbered cover, PDF page 3 prints "Side 2"): the citation then names its pages «PDF-side»
        (`indexer.citation.cited_pages`), and so must every other place that names them."""
        return any(number != page for page, number in self.printed_pages)

    def printed_page(self, page: int | None) -> int | None:
        """The number the document prints on `page` (a physical page of this passage), or None."""
        return dict(self.printed_pages).get(page) if page is not None else None

    def section_pages(self) -> dict[str, int | None]:
        """Page where each key's section starts, keyed as `sections_by_key` (a repeated key: its
        first section, the decision first); None for files without pages."""
        out: dict[str, int | None] = {}
        for s in self.sections:
            out.setdefault(s.key, s.page)
        return out

    def sections_by_key(self) -> dict[str, str]:
        """Sections as an ordered mapping key -> text; repeated keys are joined (decision first)."""
        out: dict[str, str] = {}
        for s in self.sections:
            text = s.text
            out[s.key] = f"{out[s.key]}\n\n{text}" if s.key in out and text else (out.get(s.key) or text)
        return out

    def to_json(self) -> dict[str, Any]:
        """The public JSON shape (CLI `extract --json`, API): fields, `sections` as an object of
        texts with `section_pages` beside it, `section_details`, `text`."""
        return {
            "id": self.id,
            "document_id": self.document_id,
            "doc_type": self.doc_type,
            # A «Tillægsdagsorden» or «Tillægsreferat»: `doc_type` is still dagsorden or referat.
            "supplement": self.supplement,
            # A correction or the meeting's kind, printed above the first item (None: no such note).
            "meeting_note": self.meeting_note,
            "municipality": self.municipality,
            "council": self.council,
            "meeting_date": self.meeting_date,
            "year": self.year,
            # An annual report's period ("2024-2025"; None for a single year): `year` is its first year.
            "period": self.period,
            "item_number": self.item_number,
            "item_label": self.item_label,
            "title": self.title,
            "case_handler": self.case_handler,
            "case_number": self.case_number,
            "place": self.place,
            "present": list(self.present),
            "absent": list(self.absent),
            "staff": list(self.staff),
            "topics": list(self.topics),
            "source": self.source,
            "source_sha256": self.source_sha256,
            "line": self.line,
            "page": self.page,
            "decision_date": self.decision_date,
            # An item deferred from an earlier meeting is decided under that meeting's dated heading.
            "decision_date_before_meeting": self.decision_date_before_meeting,
            "has_decision": self.has_decision,
            # What the decision says became of the item: «Godkendt», «Udsat», … (`indexer.outcome`).
            "outcome": self.outcome,
            # Discussed in the meeting's closed part: the minutes print little or nothing of it.
            "closed": self.closed,
            "sections": self.sections_by_key(),
            # Beside `sections`, not inside it, so that its values stay texts for those who read them.
            "section_pages": self.section_pages(),
            # Where the decision ends (a decision that runs over a page break), as `page` a PDF page.
            "decision_end_page": self.decision_end_page,
            # The number printed on the item's first page, and on each page it spans ("3": 2: PDF page
            # 3 prints "Side 2"), where the document prints them; a citation names the printed number.
            "printed_page": self.printed_page(self.page),
            "printed_pages": {str(page): number for page, number in self.printed_pages},
            # In order, with what `sections` (one text per key) leaves out: each section's
            # printed label, its date, its note (who did not take part) and its page, and whether
            # it is a recorded decision, as the passage page shows them.
            "section_details": [
                {"key": s.key, "label": s.label, "date": s.date, "note": s.note, "is_decision": s.is_decision,
                 "page": s.page, "end_page": s.end_page, "text": s.text}
                for s in self.sections
            ],
            "text": self.text,
        }

    def to_record(self) -> dict[str, Any]:
        """A lossless dict (sections with labels, dates and notes) for storage in the index."""
        return asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Passage:
        """The passage of a `to_record` dict; a section stored without its page (or end) has none.
        A key this release does not know (a later release's field, read during a rollback) is
        left out: release 0.2.0 answered 500 on every page of an index a later one had written."""
        known = {f.name for f in fields(cls)}
        data = {name: value for name, value in record.items() if name in known}
        data["sections"] = tuple(Section(**s) for s in data["sections"])
        data["printed_pages"] = tuple((int(page), int(number)) for page, number in data.get("printed_pages", ()))
        for name in ("present", "absent", "topics", "staff"):
            data[name] = tuple(data.get(name, ()))  # a record stored before `staff` has none
        return cls(**data)


@dataclass(frozen=True)
class Document:
    """A council document after enrichment: its meeting metadata and its passages."""

    id: str
    source: str
    source_sha256: str
    kind: str  # file kind: "pdf" | "text" | "markdown" | "html"
    doc_type: str
    municipality: str | None
    council: str | None
    meeting_date: str | None
    year: int | None
    place: str | None
    present: tuple[str, ...]
    absent: tuple[str, ...]
    case_number: str | None  # the case number all items share, if they share one
    passages: tuple[Passage, ...]
    notices: tuple[str, ...] = ()  # how the file was read, where the administrator should know (see `Notice`)
    staff: tuple[str, ...] = ()  # as `Passage.staff`
    period: str | None = None  # as `Passage.period`
    supplement: bool = False  # as `Passage.supplement`
    meeting_note: str | None = None  # as `Passage.meeting_note`


@dataclass(frozen=True)
class Skipped:
    """A file the pipeline could not index, with a one-line reason for the administrator."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class Notice:
    """A file that was indexed, with a one-line note for the administrator on how it was read:
    by its content rather than its name, or not to its end (a text past the size bound)."""

    source: str
    note: str

    def __str__(self) -> str:
        return f"{self.source}: {self.note}"
