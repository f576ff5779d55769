"""Chains the stages for one file: extract → clean → segment → enrich.

`read_document` is what the CLI's `extract`, the index updater and the tests call; errors
of one file surface as `ExtractError` (unreadable input) for the caller to turn into a
`Skipped` line, so one bad file never stops a run.

One passage holds at most `MAX_PASSAGE_CHARS` characters: an item beyond it (a data dump
pasted into the minutes, a file without any structure) is cut, with a notice.

Reading one file has a time limit: a few hundred bytes of PDF can send the reader round a
reference loop for ever, or make it lay out millions of glyphs on one page, and a run of
10,000 files must not wait on one of them (nor `referatsog extract` hang).
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

from indexer.clean import clean, running_chrome
from indexer.enrich import enrich
from indexer.extract import CUT_MARK, ExtractError, cut_at, danish_number, extract
from indexer.meeting import every_item_fields
from indexer.models import Document, Passage, Section
from indexer.personal import mask_lines
from indexer.segment import segment
from indexer.settings import topics_file
from indexer.topics import default_tagger

# Seconds one file may take, plus so many per MB: a 10-page council PDF takes well under a
# second, a 500-page one well under a minute; a file that takes longer is damaged or hostile.
READ_SECONDS = 120.0
READ_SECONDS_PER_MB = 30.0

# How files are read into passages. Raise it with any change that makes an unchanged file
# give other passages or metadata (a new heading convention, a field line, a date form): the
# index records it (`indexer.update.build_stamp`) and the next `referatsog index` after an
# upgrade reads every file again, instead of keeping the old passages of files that did not
# change beside the new ones of files that did.
READING_VERSION = 25  # 3: items numbered «§ 3.» (item_sign); 4: an HTML page's <title> as its running header;
# 5: headings «Ad 3. Title», «Ad pkt. 3 Title»; a note that is no council document gets no fallback topic;
# an unnumbered title with its own case number under it starts an item; 6: a bare case number under a
# title, «Sag nr.: 22/14533», «Punkt nr. 2 - Title», «Title (2023-0112233)», lettered group headers,
# «Sagsbeskrivelse», «…s beslutning i mødet den …», two-digit years in decision headers, Bornholm;
# 7: agendas (an empty «Beslutning:», «Indkaldelse», «Til beslutning»), report chapters worded as
# labels or numbered «1 Indledning» or «Kapitel 2.», a report period's year; 8: topic exceptions
# («-forældre»: words that merely contain a keyword), the item-gap note and «Kapitel» after 7's bump; PDF lines
# at the page edges read first/last, headers on alternate pages, bare numbers inside a page kept, a field
# value under its label, «Godkendt. Fraværende: X» as the item's attendance; a decision's attendance
# note searched as part of it (Kun beslutninger); HTML accordions, div chrome, list field lines, fractions;
# 9: items with only prose under their headings (a run 1 … N − 1 above item N, or 1, 2, 3 in minutes
# without anchors, or exactly filling a gap between two items), the last item's one line of text, «Lukket møde»/«Åbent møde»/«Åben dagsorden» as group headers;
# a day and month completed by the title's one year, local councils' names, a letterhead as chrome naming the
# municipality, groups on attendance lists («Hele udvalget») no people, «Desuden deltog:» as staff; meeting
# systems' exports: «Sag nr. 112 Title», «Åben sag»/«Lukket sag», «50 (Lukket) Title», signature pages, Region
# H's labels and «Journalnummer», «Acadre sagsnr.:», «Sagsresumé», an undated own «Beslutning» dated by the meeting;
# HTML layout tables read as the page's blocks, a case-facts table as field lines; a prose item's last
# paragraph saying what became of it («Referatet blev godkendt.») as its decision
# 10: a dash inside a case number or name («27.12.00–G01–3–15», «Ørum–Ågesen») as its hyphen, a soft hyphen at a
# line's end joining the word (across a page's blanked footer), NEL as a line break, the id of a file named in NFD
# (macOS) slugged as its NFC name («integrationsraadet», not «integrationsradet»)
# 11: CPR numbers masked in the text read (`indexer.personal`), ids of titles that printed one;
# a region named at the head as the municipality («Region Midtjylland»), «… deltog ikke i behandlingen af
# punktet på grund af inhabilitet», «Tillægsdagsorden» as a group header, «Rådets indstilling» as a label, front
# pages' «Meldt afbud:» and «A og B var fraværende.», «13/2024 Title» headings (layouts6 review);
# an item of the meeting's closed part («50 (Lukket) Title», «Lukket sag»/«Lukket punkt»/«Lukket» under its
# heading, a «Lukket møde»/«Lukkede sager» header above it) marked `closed`, and «Lukket punkt» searchable in its body; PDF text under a dark box drawn over it left out;
# an en dash or non-breaking hyphen inside an attendance list's name as its hyphen
# title-only closed items, a lone «Lukket punkt», «45» cells, «(fortsat)», page-split decision lists, «Navn» rows;
# PDF columns side by side read column by column, justified and soft-hyphenated words whole, 2-page and browser chrome;
# a text's bare numbers beside other lines (a table's cells) kept, unless the text has page breaks (pdftotext)
# 12 (layouts7): undotted contents lists, «Forslag til beslutning»-type labels, «Ansvarlig afdeling:», «Herning Byråd»
# and (layouts8, unreleased 12): «Til drøftelse»/«3. Til orientering» group headers, joint meetings' decisions and
# «Medlemmer af X:» lists, «Sagsbehandler på alle punkter:», «Journal nr.», «Kommune Kujalleq», a staff member's unit,
# item tables flattened to text («Pkt.   Sag   Sagsnr.   Beslutning»)
# and (reports3): report sections under short headings (numbered runs, contents entries, a list below),
# no wrapped sentence as a heading, a report's signature and letterhead not sections, «beretning for 2024»
# and (html4): the last item above a one-line signature, Danish-named page chrome (breadcrumbs, «sidefod»,
# share widgets, consent dialogs, classes the page's style hides), sections given by class, «<ol><li><h2>» numbers
# 13: labels and item headings printed in several languages («Afgørelse / Decision:», «Punkt 01 / Item 01 – …»)
# read as their Danish one; rules between items («---», «=====») no text; «Sagsbehandler på alle punkter:» every item's
# a council's line under «BESLUTNING» («Økonomiudvalget, 17.04.2024») naming whose decision it is
# a prose item's outcome as the council's own sentence («Lokalrådet besluttede at …», «Referatet godkendt.»)
# a company board's minutes: «Bestyrelsen», the municipality its name opens with, «Fra direktionen:» staff
# (layouts9) prose items after the last anchored one, «Dagsorden:» lists, «Sag: 24/1234 – Title» and
# «Dagsordenspunkt 3: Title» headings, a short head's title read above the first heading
# a meeting date «04.06.2026-05.06.2026», a title's «1. kvartal 2025» its year
# (reports4) a report's closing numbered list no minutes, figure tables no contents, consecutive numbered lines
# a list, undotted contents with page numbers, captions no headings, «STATUS 2024» titles
# (html5) bodies hidden by attribute and opened by a click, <iframe srcdoc>, content <template>s, accordion
# buttons in numbered lists, share/contact widgets; «·»-separated facts, room numbers, leading emoji
# 14: the facet `outcome` (what each decision says became of the item: `indexer.outcome`), indexed with every passage;
# (layouts10) «Referat:», «Konklusion:», «Ældrerådets udtalelse:» as an item's decision label, «Protokoltilførsel»
# and «Mindretalsudtalelse» sections beside the decision, «Referent:»/«Godkendt af:» closing lines out of the
# last decision, title-only items numbered next in sequence (above a «LUKKEDE SAGER» header, a first item);
# a season report's `period`, a supplement's `supplement`, the meeting's note above its first item
# (`indexer.notes`), the same-day order of minutes and agendas
# 15: a table's column header cell («Afsender / Høringssvar / Bemærkning») no section label; meeting notes
# between and after the items (breaks, items left out or closed), theme/constituent/joint meetings, a note
# leaving the decision it was printed under, items closed by a note; (layouts11) «Udvalgets beslutning den …»,
# «Sag 31: Title», contents under «Sager til beslutning», «Evt.» titles, roles as compounds in attendance,
# the person of «unit, person» case handlers (first names), «Mødet hævet kl. 21:35» and signatures closing
# the minutes
# 16: an agreement in unlabelled minutes by the bodies a prose outcome names («Mødet besluttede …»)
# (layouts13) «01 – Title» item headings, a contents list's trailing numbers pages only where it reads as paged,
# committees named «Teknik & Byggeudvalget»/«Kultur og Fritidsudvalget», «Forslag»/«Beskrivelse» labels alone on
# their line, «Punkt 6 - Lukket: Title» closed, «Beslutning - 18.03.2025»; (code review 32) «Forslag»/«Beskrivelse»
# labels only in an item's opening run, an «og» committee name the council only where the document names it again,
# another named body's decision («Generalforsamlingen vedtog …» in a lokalråd's minutes) no decision of this meeting
# (layouts14) «Beslutning i Magistraten den …», a Markdown table of field names over one row of values, «side N af M»
# in lower case, a running footer «Handicaprådet · Årsberetning 2024 · 2» without «Side», a report's «Bilag 1: …» section
# (sweep2) numbered «Bilag» lists no items, an item heading printed again its continuation, <br> in an attendance
# cell a line break, «Vejle Ungdomsråd»/«Ældrerådet i Vejle» naming the municipality, advisory councils definite
# (code review 34) a lower-case «side N af M» a footer only after a separator or alone; a numbered footer only
# naming the document, counting pages from 1, a page apart; «Bilag N:» a section only after the last chapter;
# «Magistraten» no document council by mentions
# (code review 35) an entry under «Bilag» with its own fields is the next item; a heading printed again continues
# its item only with the same case number or across a page break; the head's «X Kommune» before «Ældrerådet i X»
# (code review 36) a lower-case «side N af M» set off after a head naming the document, a council or a date only;
# «Møde i …», «Referat, …», «Beslutningsreferat – …» title lines naming the municipality
# 17: fields after the last item's attachment list its own; a heading printed again after an earlier
# committee's decision the same item; a report's appendix with its own numbered sections
# 18 (code review 37, layouts15): a footer's head alone («Høringssvar fra Ældrerådet … side 2 af 3» is text),
# genitive council heads and «Protokol», headless «– side N af M»; report chapters resume after an appendix; a
# closed last item under an attachment list by its own case number; fields above closing lines; council names
# compared as names; quoted «Tidligere beslutninger» headers earlier; «Sagsbehandler» over «Ansvarlig»;
# «Forvaltningens vurdering»; an unfilled decision form («…:») beside a decision no decision; «Punkt N (sagsnr.)»
# with the title below; «Protokol» minutes; signatory lines and address footers under the last item the closing
# 19 (layouts16, code review 38): a table row «| Beslutning | … |» the decision, grid borders and «Senest opdateret»
# chrome; a dissent after the decision indexed with it; a resumed «(genoptaget)» item's case number; joint meetings'
# members under a committee's bare name; «<Town> Rådhus»; group titles over sub-items; Markdown report headings;
# footer heads with a town, weekday or place; this meeting's decision after quoted ones; closing lines name people
# 20 (code reviews 39-40, api38): column headers name columns, figures no sections; footer heads with prepositions,
# rooms and print dates, a council's verb a sentence; the town hall on the meeting's place line; this meeting's dated
# decision anywhere among quoted ones; a last «Referent:» or set-apart «Formand:/Referent:» block the closing; a
# resumed item keeps «(genoptaget)»; topics «trafik og veje», «plan og byggeri»
# 21 (code review 41): a constitution as the last decision; the town hall on a place or date line, no joint meeting's;
# no promoted decision in an agenda; a draft's state heads a footer; a header-less field table keeps its first pair
# 22 (code review 42): the town hall on any date line but an agenda entry's, a joint meeting's by the text's count;
# «Dagsorden med beslutninger» minutes by its title; a signature block under the last decision no election
# 23 (code review 43): the date line gives the meeting's hour or is labelled so, never another meeting's; an agenda's
# title ending in its decisions; «Valgt:» announces a list; an election item's list is its result, not a signature
# 24 (a judge's pass): fields under a numbered line are the item's above only where case number and handler agree;
# an election item's list set apart is its result
# 25 (layouts review 17): an agenda's «Referat sendes ud efter mødet» names no minutes; items behind a
# <dt>/<summary> button; an earlier decision dated with an abbreviated month («12. dec. 2022»); case fields
# above a closing «Bilag»; «Mødet hævet» ends a name list; «Side N af M · …» footers; a municipality+date
# closing footer; title-line footers on some pages only; a footer's «space+tab» gap; field labels in any
# case after their capital («Sags-id»); Bornholm's «07.00.00P00-0012»; «(Behandles på mødet)» no decision;
# «Bilag til sagen», «Hvad skal besluttes» labels; a field line never continues a title; (layouts review 18)
# «Acadre-sag:» case labels, no meeting reference cut from a field's value; «Økonomiudvalgets anbefaling» a
# decision header; stand-ins after the absent member («- i stedet mødte X»), «m.fl.»; anchored «Sag N Title»;
# this council's dated decision among quoted ones printed newest first; a PDF header printed once from page 2
# repeating page 1's head; «…, side N» closing footer; «Mødt:»; short closing lines under «Referent:»;
# (code review 44) only labelled fields above «Bilag», unbracketed pending placeholders bare, «Hvad skal besluttes?»;
# (code review 45) another council's «anbefaling» quoted; once-printed headers name the document, head above item 1;
# lines under «Referent:» close the minutes when about them (`_CLOSING_CUE`); «Stedfortræder: Ikke …» no stand-in;
# (code reviews 46, 47) a council's own «anbefaling» where one name's words are all the other's; no promotion in
# agendas; a head's date line is no item, «Punkt 1 - …» is; «Mødereferat» names the document; (code review 48)
# a shorter name of the same kind only; an election's lines under «Referent:» its own; a bare «1. ordinære» no item;
# (layouts review 19) «Ingen beslutning endnu.» a placeholder, «Afventer udvalgets behandling.» one in agendas only
# (code review 49: in minutes the decision to wait); a report's year on the line under its title unless a date;
# closing cues «godkendt … af formanden», «bilag … eftersendes», the chair's thanks for the meeting only;
# an election keeps under «Referent: X» the lines naming X


def read_document(path: Path, root: Path) -> Document:
    """One file of the corpus as a Document with its passages (raises ExtractError)."""
    seconds = time_limit_for(path)
    try:
        with _time_limit(seconds):
            source = extract(path, root)
            lines, masked = mask_lines(clean(source), source.kind)  # no CPR number reaches the index
            if masked:
                source = dataclasses.replace(source, notices=source.notices + (masked,))
            lines, every_item = every_item_fields(lines)  # «Sagsbehandler på alle punkter: …»
            document = enrich(source, lines, segment(lines), default_tagger(topics_file()), running_chrome(source),
                              every_item)
            return _bounded_passages(document, document.notices)  # the file's, and enrich's
    except _TimeUp:
        raise ExtractError(f"opgivet efter {_seconds(seconds)}: filen tager for lang tid at læse "
                           "(en beskadiget eller usædvanlig tung fil)") from None


# Characters of one passage (its text, and its sections together): some 400 pages, far beyond
# any agenda item or report section (the seeds' longest is 7,000). A passage is indexed, stored
# and shown whole: one of 50 million took a quarter of an hour and a GB of memory to index.
MAX_PASSAGE_CHARS = 1_000_000


def _bounded_passages(document: Document, notices: tuple[str, ...]) -> Document:
    """`document` with each passage cut to `MAX_PASSAGE_CHARS` (read at each call, so a test
    can lower it) and a notice for each passage cut, after the file's own `notices`."""
    limit = MAX_PASSAGE_CHARS
    sizes = {p.id: max(len(p.text), sum(len(s.text) for s in p.sections)) for p in document.passages}
    long = [p for p in document.passages if sizes[p.id] > limit]
    for passage in long:
        name = passage.item_reference or "afsnittet"
        notices += (f"{name} «{passage.title}» er afkortet: kun de første {danish_number(limit)} af dets "
                    f"{danish_number(sizes[passage.id])} tegn er indekseret",)
    if long:
        cut = {p.id for p in long}
        document = dataclasses.replace(document, passages=tuple(
            _cut_passage(p, limit) if p.id in cut else p for p in document.passages))
    return dataclasses.replace(document, notices=notices) if notices else document


def _cut_passage(passage: Passage, limit: int) -> Passage:
    """The passage's text cut to `limit` characters and its sections to as many together, in
    their order (the decision first, so it is kept), each cut one ending in `CUT_MARK`."""
    sections: list[Section] = []
    room = limit
    for section in passage.sections:
        if room <= 0:
            break
        if len(section.text) > room:
            section = dataclasses.replace(section, text=_cut_text(section.text, room))
        sections.append(section)
        room -= len(section.text)
    return dataclasses.replace(passage, text=_cut_text(passage.text, limit), sections=tuple(sections))


def _cut_text(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[:cut_at(text, limit)]}\n\n{CUT_MARK}"


def time_limit_for(path: Path) -> float:
    """The seconds reading `path` may take (`READ_SECONDS` and `READ_SECONDS_PER_MB` of its size)."""
    try:
        size = os.stat(path).st_size
    except (OSError, ValueError):  # reading it will say what is wrong
        size = 0
    return READ_SECONDS + READ_SECONDS_PER_MB * size / 2**20


def _seconds(seconds: float) -> str:
    whole = math.ceil(seconds)
    return f"{whole // 60} min" if whole >= 120 and whole % 60 == 0 else f"{whole} s"


class _TimeUp(BaseException):
    """The time limit of one file ran out (a BaseException: readers catch `Exception` broadly)."""


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise `_TimeUp` in the block when it runs longer than `seconds` (SIGALRM, so only in the
    main thread, where update_index's reading processes and the CLI read; elsewhere, or while
    another timer is set, there is no limit). Pure-Python loops are interrupted; a single long
    call into C (zlib, a regex) ends first."""
    if (seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0):
        yield
        return
    armed = True

    def expire(signum: int, frame: object) -> None:
        if armed:  # not after the block ended and before the timer was stopped
            raise _TimeUp

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
