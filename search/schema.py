"""The Whoosh schema, in one place, and how a passage or a source file becomes a Whoosh document.

The index holds two kinds of documents, told apart by `kind`:

* one per passage: the text fields (`title`, `decision`, `body`, all Danish-analysed),
  the facet fields (one per `search.facets.FACETS`, folded whole values for filtering plus
  a column of the display values for counting), `case_number`, `has_decision`, the sort
  key column `order`, and the lossless passage record as JSON (`record`), from which
  `Passage.from_record` rebuilds the passage and snippets are cut;
* one per source file: its `source`, `document_id` and a JSON `record` with the file's
  sha256, corpus root and whatever else the indexer passed (size, mtime, ...). Keeping it
  in the index makes it change in the same atomic commit as the file's passages.

Text is not stored a second time in Whoosh's stored fields: the record already has it.
Field boosts are applied at query time (`FIELD_BOOSTS`) so relevance tuning (issue 5)
needs no reindex.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import re
import struct
import unicodedata
import zlib
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from whoosh import columns
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from indexer import conventions as cv
from indexer.datafiles import DataFileError, Watched, content_lines, data_file
from indexer.dates import find_dates
from indexer.models import DAGSORDEN, REFERAT, Document, Passage, Section
from search.analysis import (VALUE_SEPARATOR, CaseNumberAnalyzer, DanishAnalyzer, DanishPositions, ExactValueAnalyzer,
                             NamePositions)
from search import danish, decompound
from search.danish import DATA_DIR, fold
from search.facets import FACETS

# Bump when fields or analysis change in a way an existing index cannot follow;
# `open_index` refuses (or, when writing, recreates) an index of another version.
# 3: `dates` and `item` fields; case handler and case number in `body` (issue 5).
# 4: compounds add their parts (`analysis.DecompoundFilter`).
# 5: the `routine` column.
# 6: a placeholder decision ("-") is no decision, titles are bounded, one-line files are split
#    (6890dd4, e0927ea): the stored passages of an older index would keep the old answers.
# 7: the decision's words are part of `copy_key`: minutes that decide differently are no copies;
#    topics are not counted from the council's own name ("Beskæftigelsesudvalget"); minutes in
#    layout 7, in capitals, with abbreviated decision headers, pandoc Markdown or wrapped titles
#    split as their conventions say (cc7d5b6 … 6054688). Not released between these: one bump.
# 8: `copy_key` holds a sketch of the text's words: passages of one name are copies only when
#    their texts agree; item headings, same-line section labels, decision headers, absent
#    lists, unlabelled places, '---' sections and layout 10's untitled items as the
#    conventions say (11ca334 … b892ca6); passage ids name the item (number and title), not
#    its place: the stored passages of an older index differ.
# 9: this session's metadata and segmentation fixes (document types from titles and contents
#    lists, unnumbered items, decision headers naming their council, attendance, municipality
#    names, two-digit and ranged dates, the meeting's end and signatures, 7f9d534 … 67a692c) and
#    the stem exclusions of 1d8e7d4/56269d0/297abc4: the passages and terms of an older index differ.
# 10: stems of "-kende/-vende/-sende" verbs, folded "-æde/-øde" words ("byrådsmøde"), neuter
#    "-t" adjectives, strong-verb decision words and compounds ending in a starred exclusion
#    ("beskæftigelsesindsats") joined (search/danish.py, stem exclusions):
#    the terms of an older index differ.
# 11: the fields `present` and `absent` (attendance, for "deltager:" and "fraværende:").
# 12: numbers as one term each (decimal commas, "§ 18", thousands groups: search/danish.py),
#    dates printed "21/05/2015", item-level absences and substitutes, staff names as words,
#    journal and document numbers kept, list items no longer swallowing the next heading:
#    the terms and passages of an older index differ.
# 13: items numbered «3a», «4.1», «5» without a dot, «Sag nr. N» above its title, «Dagsordenspunkt N»,
#    more field and decision labels (indexer/conventions.py: the unseen-layouts review), the
#    printed number `item_label` and the field `item` holding it; the time's «kl.» indexed as
#    «klokken», apart from «KL» (search/analysis.py TimeAbbreviationFilter); a PDF's printed page
#    numbers and each section's end page stored, and municipality, council and date read from
#    running headers too; tables and two-column labels, roman and «§ N.» item numbers: the
#    passages and terms of an older index differ.
# Not raised for a field that older indexes can do without, as the columns `first_indexed` (when
# each passage first entered the index, which the feed lists by), `changed_at` and its
# `fingerprint` (when the passage as shown last changed; 0 or absent: not known), and the facet
# `outcome` (an older index counts none and finds nothing by it until its rebuild): a
# raised version makes the next run recreate the index empty and rebuild it, the site answering
# 503 all the while (an hour at 1M passages), whereas a changed build stamp (READING_VERSION,
# ANALYSIS_VERSION, the release) rebuilds aside while the old index answers, and the rebuild
# commits this code's schema (`IndexWriter.clear`) with the new field.
# An older index is told by the schema pickled in its table of contents, which lacks the field:
# only there may its column be absent. Where the schema has it, every passage was written with
# a value, and a segment of passages without its file is damage (`search.segment_files`).
SCHEMA_VERSION = 13

PASSAGE = "passage"
FILE = "file"

# Text fields and their query-time weights, set from the relevance benchmark (see
# docs/relevance.md): a title match counts four times a body match; a decision match adds
# as much again as a body match (2 favoured agenda items over annual-report sections, which
# have no decision; a separate recommendation/Indstilling field measured no effect at any
# weight and is not indexed). The body holds the whole passage (title and decision
# included), so which passages match is decided by `body` alone; the others only add score.
TEXT_FIELDS: tuple[str, ...] = ("title", "decision", "body")
FIELD_BOOSTS: Mapping[str, float] = {"title": 4.0, "decision": 1.0, "body": 1.0}
ROUTINE_TITLES = data_file("routine_titles.txt", DATA_DIR / "routine_titles.txt")  # or $REFERATSOG_DATA's
# The data files whose contents shape what a build writes (stems, compound parts, the routine
# column): an index built under other contents answers differently, so an edit needs a
# whole build (`IndexWriter`'s `build_stamp`). `variants.txt` is read at query time only.
# The files actually read: those `$REFERATSOG_DATA` replaces are taken from there.
INDEX_DATA_FILES: tuple[Path, ...] = (
    danish._EXCLUSIONS_FILE, decompound.WORDS_FILE, decompound.LEXICON_FILE, ROUTINE_TITLES,
)


def _danish_text(analyzer: Any, positions: type[DanishPositions] = DanishPositions) -> TEXT:
    """A Danish text field: positions for phrases, written word by word (`DanishPositions`)."""
    field = TEXT(analyzer=analyzer)
    field.format = positions(field_boost=field.format.field_boost)
    return field


def build_schema() -> Schema:
    """A fresh schema object (Whoosh pickles it into the index's table of contents)."""
    danish = DanishAnalyzer()
    fields: dict[str, Any] = {
        "kind": ID(),
        "id": ID(stored=True, unique=True),
        "document_id": ID(stored=True),
        "source": ID(stored=True),
        "title": _danish_text(danish),
        "decision": _danish_text(danish),
        "body": _danish_text(danish),
        "routine": COLUMN(columns.BitColumn()),  # a routine item (Eventuelt, Godkendelse af dagsorden, ...)
        "case_number": KEYWORD(analyzer=CaseNumberAnalyzer()),
        # Every date of the passage as ISO values (meeting, decisions, dates written in the
        # text in any form), so a date finds its meeting however the user writes it.
        "dates": KEYWORD(analyzer=ExactValueAnalyzer()),
        # the agenda item's number and, where it says more, its number as printed (3 and 3a,
        # 4 and 4.1), for "punkt 15", "punkt 3a", "punkt 4" (its sub-items too)
        "item": KEYWORD(analyzer=ExactValueAnalyzer()),
        # Who attended the meeting and who was absent, for "deltager:" and "fraværende:" (a
        # reporter's attendance story). Not in `body`: each name would match every item of
        # every meeting the person sat in.
        "present": _danish_text(danish, NamePositions),  # a name per line, numbered apart
        "absent": _danish_text(danish, NamePositions),
        "has_decision": ID(),
        "order": COLUMN(columns.VarBytesColumn()),
        # When the passage's id first entered the index, UTC seconds since 1970 (0: not known):
        # minutes are indexed weeks after their meeting, and the feed lists what is new to it.
        FIRST_INDEXED: COLUMN(columns.NumericColumn("Q")),
        # When the passage as shown last changed, UTC seconds (0: not known), and the hash that
        # tells (`fingerprint`): a decision corrected in place keeps its id, and the feed shows
        # it as updated. Carried over like first_indexed while the hash is the same.
        CHANGED_AT: COLUMN(columns.NumericColumn("Q")),
        FINGERPRINT: COLUMN(columns.NumericColumn("Q")),
        COPY_KEY: COLUMN(columns.VarBytesColumn()),  # `copy_key`: the same item in another file
        "record": STORED(),
        # The passage's fields the record of release 0.2.0 did not have (`_ADDED_LATER`), as JSON,
        # only those that say more than their default: that release builds a passage from every
        # key of `record`, and one it did not know made each of its pages answer 500 while an
        # upgraded `referatsog index` committed beside it (an upgrade review).
        RECORD_LATER: STORED(),
    }
    for facet in FACETS:
        fields[facet.field] = facet.schema_field()
    return Schema(**fields)


# Which copy of an item a search shows when a meeting is indexed from several files (its
# text, its PDF, its web page): the PDF, as published and with page numbers, then HTML.
COPY_PREFERENCE = {".pdf": b"0", ".html": b"1", ".htm": b"1"}
COPY_KEY = "copy_key"
FIRST_INDEXED = "first_indexed"
CHANGED_AT = "changed_at"
FINGERPRINT = "fingerprint"
COPY_HASH_SIZE = 8
# A sketch of the passage's words after the preference: the `COPY_SKETCH` smallest CRC-32s of
# its distinct words, so two passages of one name are copies only when their texts agree too
# (two annual reports of one council and year may both have a "Forord", in other words).
COPY_SKETCH = 16
COPY_SKETCH_SIZE = 4 * COPY_SKETCH
COPY_KEY_SIZE = COPY_HASH_SIZE + 1 + COPY_SKETCH_SIZE  # hash, preference, sketch, then the source path
# Copies of one text agree in nearly all their words (a PDF and its text: 1.0 on the seeds, a
# photo caption or a corrected sentence costs a few per cent); different sections of one
# annual report share at most ~0.2 of theirs.
COPY_SIMILARITY = 0.5
_WORDS_RE = re.compile(r"[^\W_]+")
COPY_TEXT_CHARS = 800
COPY_WORDS = 40


def _word_list(text: str) -> list[str]:
    """The words copies are compared by: lower-cased, NFC, punctuation ignored."""
    return _WORDS_RE.findall(unicodedata.normalize("NFC", text).lower())


def _words(text: str) -> str:
    return " ".join(_word_list(text))


def copy_key(passage: Passage) -> bytes:
    """What two copies of one agenda item share, hashed, then the source's preference
    (`COPY_PREFERENCE`), a sketch of the text's words (`word_sketch`) and the path.

    A passage is named by its document (type, municipality, council, meeting date or year), its
    item number, its title and its decision's words, not by the rest of its text: a PDF and a
    text file of the minutes set the text differently (bullets, spacing, a photo caption). The
    decision is part of the name because two versions of one meeting's minutes that decide
    differently (a corrected "rettet referat") are not copies: a reader must find both. An
    untitled passage also by its first words; words are lower-cased, NFC, punctuation
    ignored. A passage with neither date nor year by its source, so undated meetings are
    never merged. Passages of one name are copies only when their sketches say their texts
    share at least `COPY_SIMILARITY` of their words (two reports' "Forord" of one council and
    year are not copies). Passages of one file are never copies of each other
    (`copies.build_copies`), however alike.

    >>> from search.examples import example_passage
    >>> a = example_passage(source="referat.txt")
    >>> b = example_passage(source="referat.pdf", line=3, page=2)
    >>> a_key, b_key = copy_key(a), copy_key(b)
    >>> a_key[:8] == b_key[:8], a_key[8:9] + a_key[COPY_KEY_SIZE:], b_key[8:9] + b_key[COPY_KEY_SIZE:]
    (True, b'2referat.txt', b'0referat.pdf')
    >>> undated = [example_passage(source=s, meeting_date=None, year=None) for s in ("a.txt", "b.txt")]
    >>> copy_key(undated[0])[:8] == copy_key(undated[1])[:8]
    False
    """
    title = _words(passage.title)
    parts = [passage.doc_type, passage.municipality or "", passage.council or "",
             passage.meeting_date or str(passage.year or ""), str(passage.item_number), title,
             _words(passage.decision)]
    if not title:
        parts.append(" ".join(_word_list(passage.text[:COPY_TEXT_CHARS])[:COPY_WORDS]))  # whole words: copies space them differently
    if not (passage.meeting_date or passage.year):
        parts.append(passage.source)
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=COPY_HASH_SIZE).digest()
    # Then the preference and the source path: which copy is shown must not depend on the
    # order files were written in (document numbers differ between builds).
    # A PDF by its content (it has pages), whatever its name: the web UI serves it as a PDF.
    preference = b"0" if passage.page is not None else COPY_PREFERENCE.get(
        PurePosixPath(passage.source).suffix.lower(), b"2")
    return digest + preference + word_sketch(passage.text) + passage.source.encode("utf-8")


def word_sketch(text: str) -> bytes:
    """The `COPY_SKETCH` smallest CRC-32s of the text's distinct words of three letters or more
    (lower-cased, NFC), big-endian, padded with 0xFFFFFFFF: a bottom-k sketch, from which
    `sketch_similarity` estimates how much of their words two texts share.

    >>> len(word_sketch("Rådet godkendte planen.")), word_sketch("") == bytes([255]) * COPY_SKETCH_SIZE
    (64, True)
    """
    words = {word for word in _word_list(text) if len(word) >= 3}
    smallest = heapq.nsmallest(COPY_SKETCH, {zlib.crc32(word.encode("utf-8")) for word in words})
    return struct.pack(f">{COPY_SKETCH}I", *smallest, *[0xFFFFFFFF] * (COPY_SKETCH - len(smallest)))


def sketch_similarity(a: bytes, b: bytes) -> float:
    """The share of their words two texts have in common (Jaccard), estimated from their
    `word_sketch`es: of the `COPY_SKETCH` smallest hashes of both, the share in both. Two
    texts without words are alike.

    >>> one = word_sketch("Integrationsrådet drøftede boligplacering af flygtninge i Næstved")
    >>> sketch_similarity(one, one), sketch_similarity(one, word_sketch("Budget for vejvedligeholdelse"))
    (1.0, 0.0)
    """
    first = {h for h in struct.unpack(f">{COPY_SKETCH}I", a) if h != 0xFFFFFFFF}
    second = {h for h in struct.unpack(f">{COPY_SKETCH}I", b) if h != 0xFFFFFFFF}
    if not first and not second:
        return 1.0
    union = heapq.nsmallest(COPY_SKETCH, first | second)
    return sum(1 for h in union if h in first and h in second) / len(union)


def sort_date(passage: Passage) -> str:
    """The date a passage sorts by: its meeting, else the end of its year (annual reports)."""
    if passage.meeting_date:
        return passage.meeting_date
    return f"{passage.year:04d}-12-31" if passage.year else ""


# A meeting's agenda and its minutes share a date: the document part of the order key opens
# with a mark ("0:" agenda, "1:" anything else, "2:" minutes) so that oldest lists the agenda
# (sent before the meeting) first, and newest, reading the mark backwards (`search.orders`),
# the minutes with the decisions first. Document ids are slugs and never hold a ":".
SAME_DAY_MARKS = {DAGSORDEN: 0, REFERAT: 2}
SAME_DAY_OTHER = 1
SAME_DAY_MARK_END = ":"


def order_key(passage: Passage) -> str:
    """Sort date, same-day mark with document, and position in one column value, split again
    by `search.orders.ranks_of`.

    >>> from types import SimpleNamespace
    >>> p = SimpleNamespace(document_id="d-referat", position=3, doc_type="referat", meeting_date="2025-03-12", year=2025)
    >>> order_key(p).split(VALUE_SEPARATOR)
    ['2025-03-12', '2:d-referat', '000000003']
    """
    mark = SAME_DAY_MARKS.get(passage.doc_type, SAME_DAY_OTHER)
    return (f"{sort_date(passage)}{VALUE_SEPARATOR}{mark}{SAME_DAY_MARK_END}{passage.document_id}"
            f"{VALUE_SEPARATOR}{passage.position:09d}")


# What a closed item's page and hits call it (`Passage.closed`), and the words its body adds for it.
CLOSED_LABEL = "Lukket punkt"


def body_text(passage: Passage) -> str:
    """The whole passage as one text: its title, decision and field lines too, so matching needs only `body`.

    The pipeline's `text` holds the sections (the decision among them) but not the heading
    nor the item's field lines; the case handler and case number are added back so that a
    name or a case number typed as a plain word finds the item.
    """
    parts = [passage.title, passage.text]
    if passage.decision and passage.decision not in passage.text:
        parts.append(passage.decision)
    parts.extend(value for value in (passage.case_handler, passage.case_number) if value)
    # What the passage page shows beside the text: a section's note ("Mogens Ravn deltog ikke
    # i behandlingen af punktet") and who was absent, so a name read there can be searched.
    # Not those present: every item of a meeting would match each of their names.
    notes = [s.note for s in passage.sections if s.note and s.note not in passage.text]
    parts.extend(notes)
    # A label that says more than the section's name, shown as its heading: an earlier
    # committee's decision quoted («Økonomiudvalget, 17. september 2019, pkt. 148»).
    parts.extend(s.label for s in passage.sections if _says_more(s.label) and s.label not in passage.text)
    # Each absentee once: named twice (the note, then the list), «Lise Warsame» ranked the
    # items of a meeting she missed above the ones she handled (a relevance review).
    said = "\n".join([passage.text, *notes])
    absent = [name for name in passage.absent if name not in said]
    if absent:
        parts.append(", ".join(absent))
    # The meeting's staff and minute-taker, named on its front page only: words of every item of it.
    if passage.staff:
        parts.append(", ".join(passage.staff))
    # An item of the meeting's closed part, as its page labels it: «lukket» finds it, though its
    # minutes print only its title ("50 (Lukket) Salg af areal" keeps no «Lukket» in the title).
    # The meeting's note above the first item («Rettelse: …», «Ekstraordinært møde»), as the page shows
    # it beside the item: «rettelse» finds every item of corrected minutes. Not in the shown text.
    if passage.meeting_note and passage.meeting_note not in passage.text:
        parts.append(passage.meeting_note)
    if passage.closed and CLOSED_LABEL.casefold() not in "\n".join(parts).casefold():
        parts.append(CLOSED_LABEL)
    return "\n\n".join(part for part in parts if part)


def _says_more(label: str) -> bool:
    """Whether a section's label names more than a section ("Beslutning", "Sagsfremstilling og
    indstilling"): a date, a number, a committee.

    >>> _says_more("BESLUTNING"), _says_more("Sagsfremstilling og indstilling"), _says_more("Økonomiudvalget, 17. september 2019, pkt. 148")
    (False, False, True)
    """
    return any(c.isdigit() for c in label) or len(label.split()) > 3


def routine_titles(path: Path | None = None) -> tuple[str, ...]:
    """The routine title beginnings of `data/routine_titles.txt` (or `path`), folded; a
    `DataFileError` for a file that cannot be read (an index build stops on it)."""
    return tuple(fold(line) for _number, line in content_lines(path or ROUTINE_TITLES))


# The routine titles as a running site or a search reads them (`search.ranking`): a file that
# cannot be read (saved as Latin-1) keeps the titles last read, said once, not an error on every query.
ROUTINE_READING: Watched[tuple[str, ...]] = Watched(
    lambda: ROUTINE_TITLES, routine_titles, (),
    kept="rutinepunkternes titler fra filen, som den sidst kunne læses, bruges fortsat",
    without="søger uden listen over rutinepunkter")


def current_routine_titles() -> tuple[str, ...]:
    """`routine_titles()` for a search: the last good reading if the file cannot be read now."""
    return ROUTINE_READING.get()


def is_routine(title: str) -> bool:
    """Whether an agenda item's title names a routine item (`data/routine_titles.txt`): begins
    with a line of it, whose last word may take an inflection ending but not run on into a
    compound (a petition «Underskriftindsamling …» is no «Underskrift»).

    >>> is_routine("Godkendelse af dagsordenen"), is_routine("Eventuelt"), is_routine("Eventuelle tilskud")
    (True, True, False)
    >>> is_routine("Underskrifter"), is_routine("Underskriftindsamling mod lukning af Egevej skole"), is_routine("Evt.")
    (True, False, True)
    >>> is_routine("Evt"), is_routine("Evt. ændring af lokalplan 12")
    (True, False)
    """
    return bool(_ROUTINE_RE.match(fold(title.strip())))


def passage_dates(passage: Passage) -> list[str]:
    """ISO dates of a passage: its meeting, its decisions, and every date written in its text.

    >>> from search.examples import example_passage
    >>> passage_dates(example_passage(body="Næste møde 23. februar 2017.", decision="Godkendt 19.03.2015."))
    ['2015-05-21', '2017-02-23', '2015-03-19']
    """
    values = [passage.meeting_date, passage.decision_date, *(s.date for s in passage.sections)]
    values += [found.isoformat() for found, _span in find_dates(passage.text)]
    return list(dict.fromkeys(v for v in values if v))


def text_fields(passage: Passage) -> dict[str, str]:
    """The passage's text fields as `passage_fields` writes them (`present` and `absent` only
    when it has them): also what the opening check of field lengths reads them as
    (`search.segment_files.check_field_lengths`)."""
    texts = {"title": passage.title, "decision": decision_text(passage), "body": body_text(passage)}
    if passage.present:  # the members there: the pipeline leaves out those listed as absent
        texts["present"] = "\n".join(passage.present)
    if passage.absent:
        texts["absent"] = "\n".join(passage.absent)
    return texts


def decision_text(passage: Passage) -> str:
    """What the decision field holds: each decision with the attendance note printed with it, and the
    record printed with it (`decision_record`): «Kun beslutninger» found a protokollat written inside a
    decision but not a «Mindretalsudtalelse:» under a label of its own (a layout review)."""
    record = decision_record(passage)
    return "\n\n".join(f"{s.note}\n{s.text}" if s.note else s.text
                       for s in passage.sections if s.is_decision or any(s is r for r in record))


def decision_record(passage: Passage) -> tuple[Section, ...]:
    """The decision's record as its own sections (`cv.DECISION_RECORD`: a protokoltilførsel, a minority's
    statement), those printed with a decision: after it, as the passage keeps them (decision first). It
    is searched and exported as part of the decision, shown as a section of its own, and tells nothing
    of the outcome (`Passage.outcome` reads the decision alone: a dissent does not undo an approval)."""
    record: list[Section] = []
    after = False  # a decision, or its record, came just before
    for s in passage.sections:
        if s.is_decision:
            after = True
        elif after and s.key in cv.DECISION_RECORD and s.text.strip():
            record.append(s)
        else:
            after = False
    return tuple(record)


# What a passage's record says of where it stands in its file, not of what it says: a line
# added to one item moves the next items' lines and pages, and every record holds its file's hash.
_PLACE = ("source_sha256", "position", "line", "page", "printed_pages")
_SECTION_PLACE = ("page", "end_page")
# Fields the record gained after its hash was first written, left out of it at their default value:
# an upgrade that adds one must not make every passage of the index read as changed (its
# `changed_at` now, the feed listing them all as updated). Only a value that says more counts.
_ADDED_LATER = {"closed": False, "period": None, "supplement": False, "meeting_note": None}
RECORD_LATER = "record_later"


def passage_record(passage: Passage) -> tuple[str, str | None]:
    """The passage's stored `record` (the fields release 0.2.0 reads) and `RECORD_LATER` (the
    later fields that differ from their default, as JSON; None when none does)."""
    record = passage.to_record()
    later = {name: record.pop(name) for name in _ADDED_LATER}
    later = {name: value for name, value in later.items() if value != _ADDED_LATER[name]}
    return json.dumps(record, ensure_ascii=False), json.dumps(later, ensure_ascii=False) if later else None


def stored_passage(stored: Mapping[str, Any]) -> Passage:
    """The passage of a document's stored fields: its `record` and `RECORD_LATER`."""
    record = json.loads(stored["record"])
    if later := stored.get(RECORD_LATER):
        record.update(json.loads(later))
    return Passage.from_record(record)


def fingerprint(passage: Passage) -> int:
    """A hash of the passage as shown (its record but where it stands, `_PLACE`), an unsigned
    64-bit number, never 0 (which the column reads as unknown): whether an item's title, text,
    decision or details changed between two writes (`CHANGED_AT`), and not a file's other items."""
    record = {k: v for k, v in passage.to_record().items()
              if k not in _PLACE and not (k in _ADDED_LATER and v == _ADDED_LATER[k])}
    record["sections"] = [{k: v for k, v in section.items() if k not in _SECTION_PLACE}
                          for section in record["sections"]]
    digest = hashlib.blake2b(json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8"), digest_size=8)
    return int.from_bytes(digest.digest(), "big") or 1


def passage_fields(passage: Passage, first_indexed: int = 0, changed_at: int = 0) -> dict[str, Any]:
    """The keyword arguments of `writer.add_document` for one passage; `first_indexed`: when its
    id first entered the index, `changed_at`: when its record last changed (UTC seconds,
    `index_writer.IndexWriter`), 0 when not known."""
    texts = text_fields(passage)
    doc: dict[str, Any] = {
        "kind": PASSAGE,
        "id": passage.id,
        "document_id": passage.document_id,
        "source": passage.source,
        "title": texts["title"],
        # With the attendance notes of its decisions («Simon Flyvholm deltog ikke i behandlingen
        # af punktet»): "Kun beslutninger" found more items than the search without it, by the
        # attendance lists, and said the name stood in no text (journalist review).
        "decision": texts["decision"],
        "body": texts["body"],
        "routine": is_routine(passage.title),
        "order": order_key(passage).encode("utf-8"),
        FIRST_INDEXED: first_indexed,
        CHANGED_AT: changed_at,
        FINGERPRINT: fingerprint(passage),
        COPY_KEY: copy_key(passage),
    }
    doc["record"], later = passage_record(passage)
    if later:
        doc[RECORD_LATER] = later
    if passage.case_number:
        doc["case_number"] = passage.case_number
    dates = passage_dates(passage)
    if dates:
        doc["dates"] = VALUE_SEPARATOR.join(dates)
    if passage.item_number is not None:
        numbers = [str(passage.item_number), passage.item_label]
        if passage.item_sign:  # "§3", as the text analyzer reads «§ 3» (`search.compile`)
            numbers.append(f"{passage.item_sign}{passage.printed_number}".lower())
        doc["item"] = VALUE_SEPARATOR.join(dict.fromkeys(filter(None, numbers)))
    if passage.has_decision:
        doc["has_decision"] = "1"
    for name in ("present", "absent"):
        if name in texts:
            doc[name] = texts[name]
    for facet in FACETS:
        values = facet.values(passage)
        if values:
            # The analyzer splits the joined string into whole values; the column keeps
            # the display spelling for counting.
            doc[facet.field] = VALUE_SEPARATOR.join(values)
    return doc


def file_fields(document: Document, root: Path, file_info: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments of `writer.add_document` for a source file's record."""
    record = {
        **{k: (str(v) if isinstance(v, Path) else v) for k, v in file_info.items()},
        "sha256": document.source_sha256,
        "root": str(root),
        "document_id": document.id,
        "doc_type": document.doc_type,
        "kind": document.kind,
        "passages": len(document.passages),
    }
    return {
        "kind": FILE,
        "document_id": document.id,
        "source": document.source,
        "record": json.dumps(record, ensure_ascii=False, default=str),
    }



def _routine_at_import() -> tuple[str, ...]:
    """The titles for `is_routine`; none from a file that cannot be read, without a word here: a
    search says so when it reads them (`current_routine_titles`), and an index build refuses the
    file before it reads a document (`indexer.datafiles.check_for_index`)."""
    try:
        return routine_titles()
    except DataFileError:
        return ()


_ROUTINE = _routine_at_import()
# A routine line, its last word with an inflection ending or none, then no more letters; a line
# that ends in a full stop, an abbreviation ("evt."), is the whole title, with or without it.
_ROUTINE_RE = re.compile("(?:" + "|".join(
    re.escape(line[:-1]) + r"\.?$" if line.endswith(".") else re.escape(line) + "(?:e|en|er|et|ne|ene|erne|s)?"
    for line in sorted(_ROUTINE, key=len, reverse=True)) + r")(?![^\W\d_])") if _ROUTINE else re.compile(r"(?!)")
