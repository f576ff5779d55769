"""Documents without agenda items → sections: annual reports, and notes or minutes written as prose.

Their sections start at upper-case headings or, when the report has none, at short
title-like lines between paragraphs; a document with neither is one passage.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from indexer import conventions as cv
from indexer.clean import reflow
from indexer.dates import DANISH_MONTH_PATTERN, DATE_PATTERN
from indexer.headings import next_nonblank, previous_nonblank
from indexer.models import Item, Line, Segmented

_TITLE_LINE = 120  # a document's first line is its title only up to this length
_FUNCTION_WORDS = {"af", "og", "i", "til", "på", "med", "for", "at", "om", "den", "det", "de", "en", "et", "som", "fra"}
_URL = re.compile(r"(https?://|www\.)\S+")


def segment_report(lines: Sequence[Line], contents: list, contents_lines: set[int]) -> Segmented:
    """A document without agenda items → its sections, after its front matter (title page, contents),
    up to the greeting and signature that may close it ("Med venlig hilsen" / a name / a title)."""
    closing = report_closing(lines)
    front_end, heads = report_headings(lines, contents_lines, contents)
    items = []
    carried: list[Line] = []
    parent: tuple[int | None, str] | None = None
    for k, i in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else closing
        body = [line for j, line in enumerate(lines[i + 1:end], i + 1) if j not in contents_lines]
        text = reflow(line.text for line in body)
        if not text:
            # a heading with no text of its own ("AKTIVITETER I 2019", left out); a chapter over its first
            # sub-chapter is their parent, the first part of its title; else it may be a line of text
            # taken for a heading, or a parent or sibling of the next (its level is gone), so its words
            # go on into the next section's text
            if parent is None and not carried and k + 1 < len(heads) and _heads_subsection(lines, i, heads[k + 1]):
                parent = report_heading(lines[i].text)  # the subsection's text follows: no empty section
            elif not _is_caps_heading(lines[i].text):
                carried += [lines[i], Line("", lines[i].page, lines[i].number)]
            continue
        number, title = report_heading(lines[i].text)
        if parent is not None:
            # «2. Rådets arbejde – 2.1 Høringssvar»: cited with its parent, as the report prints it under it
            number, title, parent = number if number is not None else parent[0], f"{parent[1]} – {title}", None
        items.append(Item(number, title, lines[i], tuple(carried + body), ()))
        carried = []
    if carried and items:  # the last heading: its words end the section above
        last = items[-1]
        items[-1] = dataclasses.replace(last, lines=last.lines + (Line("", last.start.page, last.start.number), *carried))
    if not items:
        items = _whole_document(lines, front_end)
    head = tuple(lines[: heads[0]]) if heads else tuple(lines[:front_end])
    # a subsection the contents list names («2.1 Medlemmer ..... 3») is found as a line of its section's text
    inner = [line.text for item in items for line in item.lines]
    notes = _unfound_sections([report_heading(lines[i].text)[1] for i in heads] + inner, contents) if heads else ()
    return Segmented("report", head, tuple(items), tuple(contents), notes)


def _heads_subsection(lines: Sequence[Line], i: int, sub: int) -> bool:
    """Whether a heading without text of its own is visibly its subheading's parent: a chapter over its
    first sub-chapter («2 Rådets arbejde» / «2.1 Høringssvar»). A heading's level (Markdown's «#» / «##»,
    <h2> / <h3>) is gone from the lines, and two headings written alike may be siblings: an image-only
    section's («## Billeder fra årets aktiviteter» / «## Økonomi», a code review) is no parent of the next.
    An upper-case heading without text is left out, as before («AKTIVITETER I 2015» / «Fællesmøder …»)."""
    return _opens_with_sub_chapter(lines[i].text, lines[sub].text)


def report_headings(lines: Sequence[Line], contents_lines: set[int],
                    contents: Sequence[tuple[int | None, str]] = ()) -> tuple[int, list[int]]:
    """Where a document's front matter ends, and the lines that head its sections after it.

    A report's dominant heading style decides: upper-case headings alone, or (when short
    title-like lines outnumber them) both. Photo captions look title-like, so a report with
    upper-case headings does not also get title-like ones. A title-like line is trusted without
    prose under it (a list, a table, a short intro follows) when the contents list names it or
    it continues the report's numbering ("1. Indledning", "2. Rådets medlemmer", "3. Økonomi");
    numbered lines with no text between them are a list's points, no headings (`_list_points`).
    """
    front_end = _front_matter_end(lines, contents_lines)
    closing = report_closing(lines)
    candidates = [i for i in range(front_end, closing) if i not in contents_lines]
    title = _title_line(lines)
    if title is not None and _title_page(lines, title):
        candidates = [i for i in candidates if i != title]  # «STATUS 2024» / «Integrationsrådet»: no section
    caps = [i for i in candidates if _is_caps_heading(lines[i].text)]
    shaped = [i for i in candidates if not _is_caps_heading(lines[i].text) and _is_title_shaped(lines, i)]
    # every numbered line, title-shaped or not: «1. Flere praktikpladser» / «2. En fast kontaktperson»
    # on consecutive lines (no full stop above point 2) are a list all the same
    points, chapters = _list_points(lines, candidates)
    # a chapter straight under one without text («3. Anbefalinger» / «4. Økonomi») is title-like too
    shaped = sorted({*chapters, *(i for i in shaped if i not in points)})
    trusted = _listed(lines, shaped, contents) | _numbered_run(lines, shaped) | _appendices(lines, shaped)
    # a Markdown heading heads its section whatever its text: a table, label lines, one short line
    trusted |= {i for i in shaped if lines[i].heading}
    inside = _appendix_sections(lines, shaped)  # an appendix's «1. Formål»: its text, no chapter
    titled = [i for i in shaped if (i in trusted or _is_followed_as_heading(lines, i)) and i not in inside]
    if any(report_heading(lines[i].text)[0] is None for i in titled):
        # beside headings of its shape, a short one over a numbered list or a table heads a section too
        # («Anbefalinger» / «1. Flere parkeringspladser»; «Budget» / «Post Budget Forbrug»)
        over = {i for i in shaped if report_heading(lines[i].text)[0] is None and _heads_list_or_table(lines, i)}
        # not a line right above another heading («Lone Dahl, formand» / «Rådets arbejde i tal» / a table)
        heads = {*titled, *over}
        titled = sorted(heads - {i for i in over if next_nonblank(lines, i + 1) in heads})
    return front_end, sorted(caps + titled) if len(titled) > len(caps) else caps


# The greeting that closes a report written as a letter, and the signature under it:
# "Med venlig hilsen", "Venlig hilsen", "På vegne af Handicaprådet", "På rådets vegne".
_GREETING = re.compile(r"^(?:(?:Med\s+)?(?:[Vv]enlig(?:st)?|[Kk]ærlig)\s+[Hh]ilsen|På\s+(?:vegne\s+af\s+\S.*|\S+\s+vegne))[,.]?$")
_SIGNATURE_LINES = 4  # at most this many lines (names, titles, a date) under the greeting


def report_closing(lines: Sequence[Line]) -> int:
    """Where a report's closing greeting and signature begin (as minutes end at `cv.CLOSING`), else
    its end: the signer's name is no section and no part of the last section's text.

    >>> report_closing([Line(t, 1, n) for n, t in enumerate(["Økonomi", "Budget.", "", "Med venlig hilsen", "Inger Holm", "Formand"], 1)])
    3
    """
    texts = [i for i, line in enumerate(lines) if line.text]
    for k, i in enumerate(texts):
        if len(texts) - k - 1 <= _SIGNATURE_LINES and _GREETING.match(lines[i].text) and len(lines[i].text.split()) <= 8:
            # a signature: names and titles; not a quoted letter's end followed by the report's own
            # sentence («Integrationsrådet«» / «Byrådet vedtog modellen …», a code review)
            if all(_signature_line(lines[j].text) for j in texts[k + 1:]):
                return i
    return len(lines)


def _signature_line(text: str) -> bool:
    """A line under a closing greeting that can be part of a signature: short, no sentence, no quote."""
    text = text.strip()
    return len(text.split()) <= 10 and not any(mark in text for mark in "«»\"“”") and not (
        text.endswith(".") and len(text.split()) > 4)


# A subsection's number before its title: «2.1 Medlemmer», «2.1. Medlemmer»
_SUB_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,2})+\.?\s+")


def _unfound_sections(titles: Sequence[str], contents: Sequence[tuple[int | None, str]]) -> tuple[str, ...]:
    """A note when the contents list names sections whose headings were not found in the text
    (as minutes' `_unfound_items`); a heading found without text of its own is found, and so is a
    subsection found as a line of its section («2.1 Medlemmer» under «2. Rådets sammensætning»).

    >>> _unfound_sections(["Rådets sammensætning", "Økonomi", "2.1 Medlemmer"], [(2, "Rådets sammensætning"),
    ...     (2, "Medlemmer"), (3, "Økonomi")])
    ()
    """
    listed = {_title_key(title) for _, title in contents if title}
    found = {_title_key(_SUB_NUMBER.sub("", report_heading(title)[1])) for title in titles if title}
    missing = listed - found
    if not missing:
        return ()
    return (f"indholdsfortegnelsen nævner {len(listed)} afsnit, men kun {len(listed) - len(missing)} blev fundet i "
            "teksten: afsnit med overskrifter i et ukendt format er ikke indekseret",)


def _whole_document(lines: Sequence[Line], start: int) -> list[Item]:
    """No structure found: the document is one passage, titled by its first line.

    Only a short first line is a title. A longer one (a file written as one line, a
    paragraph) stays in the text, and the title is its beginning, cut at a word.
    """
    texts = [i for i in range(len(lines)) if lines[i].text]
    if not texts:
        return []
    begin = next((i for i in texts if i >= start), texts[0])
    body = list(lines[begin:texts[-1] + 1])  # blank lines kept: they end paragraphs
    first = body[0]
    if len(first.text) <= _TITLE_LINE:
        return [Item(None, first.text, first, tuple(body[1:]), ())]
    return [Item(None, cv.shorten_title(first.text, _TITLE_LINE), first, tuple(body), ())]


def _front_matter_end(lines: Sequence[Line], contents_lines: set[int]) -> int:
    """Title page and contents: up to the end of the contents list or of a run of bare headings.

    A run of three or more upper-case lines with no text between is a contents list whose page
    numbers were lost (PDF extraction); its last line may already be the first real heading,
    so the front matter ends just before it.
    """
    end = max(contents_lines) + 1 if contents_lines else 0
    title = _title_line(lines)
    if title is not None:
        end = max(end, title)  # a letterhead above the title ("Ringsted Kommune") is no section
    run: list[int] = []
    for i, line in enumerate([*lines, Line("-", 0, 0)]):  # a sentinel closes the last run
        text = line.text
        if not text:
            continue
        if i in contents_lines or _is_caps_heading(text) or cv.DOCUMENT_TITLE.match(text):
            run.append(i)
            continue
        if len(run) >= 3:
            end = max(end, run[-1])
        run = []
    return end


# Section labels that head an agenda item's parts, never a report's chapter: an upper-case line
# so worded in a prose note is its label. Other labels are chapters of a report too: an annual
# report's «INDLEDNING» or «ØKONOMI» (its text was lost before the first heading it found).
_ITEM_LABELS = {"beslutning", "indstilling", "sagsfremstilling", "bilag", "resume", "beslutningskompetence",
                "kompetence", "beslutningstema", "sagens_kerne", "sagens_opståen", "supplerende_sagsfremstilling",
                "fremstilling"}


def _is_caps_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4 or _CAPTION.match(text) or any(c.islower() for c in letters) or cv.DOCUMENT_TITLE.match(text):
        return False
    label = cv.label_of(text)
    return (len(text.split()) <= 12 and not re.search(r"[.,;]$", text)
            and (label is None or cv.section_key(label) not in _ITEM_LABELS))


# A chapter numbered as a word processor numbers it, without the full stop: "2 Rådets arbejde i 2023"
# (its sub-chapters, "2.1 Høringssvar", stay in its text, as "2.1." does under "2.").
_BARE_NUMBER_HEADING = re.compile(r"^(?P<number>\d{1,2})\s+(?P<title>[A-ZÆØÅ].*)$")
# "Kapitel 2. Rådets arbejde i 2023", "KAPITEL 2: …": the chapter's number, the title after it.
_CHAPTER_HEADING = re.compile(r"^(?:Kapitel|KAPITEL)\s+(?P<number>\d{1,2})\s*[.:\-–]?\s+(?P<title>[A-ZÆØÅ].*)$")


def report_heading(text: str) -> tuple[int | None, str]:
    """A report heading's number, if it has one ("2. Rådets møder i 2020", "2 Rådets møder i
    2020"), and its title.

    >>> report_heading("2. Rådets møder i 2020"), report_heading("2 Rådets møder"), report_heading("2.1 Høringssvar")
    ((2, 'Rådets møder i 2020'), (2, 'Rådets møder'), (None, '2.1 Høringssvar'))
    >>> report_heading("Kapitel 2. Rådets arbejde i 2023")
    (2, 'Rådets arbejde i 2023')
    """
    match = cv.NUMBERED_HEADING.match(text) or _BARE_NUMBER_HEADING.match(text) or _CHAPTER_HEADING.match(text)
    return (int(match.group("number")), cv.clean_title(match.group("title"))) if match else (None, text)


def _is_title_heading(lines: Sequence[Line], i: int) -> bool:
    """A short title-like line that starts a paragraph and is followed by prose; its number
    apart ("2. Rådets møder i 2020")."""
    return _is_title_shaped(lines, i) and _is_followed_as_heading(lines, i)


# A sentence ending inside a line: the line is a wrapped paragraph's first ("… foreningsliv. Rådet"),
# also after a law's paragraph («… retssikkerhedslovens § 37 a. Rådet rådgiver»).
# an abbreviation's full stop ends no sentence: «Høringssvar vedr. Budget 2025» (a code review)
_SENTENCE_INSIDE = re.compile(r"\b(?!(?:vedr|inkl|ekskl|incl|excl|mht|evt|ang|pkt|osv|dvs|jf|ca|nr|kl|mv|bl)\.)"
                              r"[a-zæøå]{3,}[.!?]\s+[A-ZÆØÅ]|§\s*\d+(?:\s?[a-z])?\.\s+[A-ZÆØÅ]")
# A list's line: "- Budget 2025", "• Ny handicappolitik", "* Jens Madsen, formand"
_LIST_LINE = re.compile(r"^[-–•·▪◦‣●■*]\s+\S")


# A photo's caption: «Foto: Ældrerådet på besøg …», «Billede 2. Formanden taler …», «Fotograf: …», «Foto/Ritzau»
_CAPTION = re.compile(r"^(?i:foto|fotograf|billede|billedtekst|illustration)(?:\s*[:/]|\s+\d{1,3}\b)")


def _is_title_shaped(lines: Sequence[Line], i: int) -> bool:
    """A short title-like line that starts a paragraph, whatever follows it; never a photo's caption."""
    text = report_heading(lines[i].text)[1]
    words = text.split()
    if not text or _CAPTION.match(text) or not text[0].isupper() or len(words) > 10 or _URL.search(text):
        return False
    if re.search(r"[.:;,!?]$", text) or text.count(",") > 1 or words[-1].lower() in _FUNCTION_WORDS:
        return False
    if _SENTENCE_INSIDE.search(text) or (i + 1 < len(lines) and lines[i + 1].text[:1].islower()):
        return False  # a wrapped paragraph: its sentence goes on
    if _is_table_header(lines, i):
        return False
    previous = previous_nonblank(lines, i)
    if previous is not None and previous == i - 1:
        prev = lines[previous].text
        if not (re.search(r"[.!?]$", prev) or _URL.search(prev) or _is_caps_heading(prev)):
            return False
    return not _opens_paragraph_under_heading(lines, i, previous)


_WRAPPED_WORDS = 5  # a wrapped paragraph's first line holds a clause, no heading's few words
# A finite verb of a report's prose: a clause, which a heading (a topic, a noun's phrase) seldom is.
# A closed list: «-er» ends plural nouns too («Høringer», «Medlemmer»); «-ede» is a past tense.
_FINITE_VERB = re.compile(r"\b(?:er|var|har|havde|blev|bliver|kan|kunne|skal|skulle|vil|ville|må|måtte|får|fik|"
                          r"gør|gjorde|giver|gav|holder|holdt|mødte|deltog|deltager|arbejder|rådgiver|består|"
                          r"bestod|sidder|sad|[a-zæøå]{2,}ede)\b")
# A clause joined on after a comma: «… to dialogmøder, hvor vi mødte»
_SUBCLAUSE = re.compile(r",\s+(?:hvor|som|der|da|når|fordi|men|og|så|hvis|mens|selvom|idet)\b")


def _opens_paragraph_under_heading(lines: Sequence[Line], i: int, previous: int | None) -> bool:
    """Whether a line under a heading (a blank line between) is the first line of a wrapped paragraph:
    it goes on on the next line, reads as a clause (a finite verb, a clause after a comma) and is long,
    more than half the width of the text's other wrapped lines («Dialogmøder» / «I 2024 holdt rådet to
    dialogmøder, hvor vi mødte» / «Social- og Sundhedsudvalget om …»). The heading above is followed by
    a blank line: its text's lines are no heading. A long subheading is a topic, no clause, and the next
    line starts its text («Rådets arbejde i 2024» / «Samarbejdet med Sundheds- og Omsorgsudvalget om
    demensindsatsen» / «Rådet har holdt …», a code review); the next line's capital says nothing either
    way, as a paragraph's sentence may go on with a name (a council, a committee)."""
    if previous is None or previous == i - 1 or i + 1 >= len(lines) or not lines[i + 1].text:
        return False
    text, following = lines[i].text, lines[i + 1].text
    if len(text.split()) < _WRAPPED_WORDS or _LIST_LINE.match(following) or _NUMBERED_POINT.match(following):
        return False
    if not (_FINITE_VERB.search(text) or _SUBCLAUSE.search(text)):
        return False
    above = lines[previous].text
    if not (_is_caps_heading(above) or _is_title_shaped(lines, previous)):
        return False
    return 2 * len(text) > _text_width(lines)


# The last document's text width (`_text_width`): asked of every candidate line, it is measured once a
# document, not once a line (a report of 4,500 sections took 17 s, a code review). The lines themselves are
# kept beside it, as an id is only unique while its object lives; they are not changed while read.
_last_width: tuple[Sequence[Line] | None, int] = (None, 0)


def _text_width(lines: Sequence[Line]) -> int:
    """The usual length of a wrapped paragraph's lines: the median of the lines of prose (five words or
    more) that another line of text follows straight; 0 when no line wraps (an HTML page's paragraphs)."""
    global _last_width
    known, width = _last_width
    if known is lines:
        return width
    widths = sorted(len(line.text) for line, after in zip(lines, lines[1:])
                    if after.text and len(line.text.split()) >= _WRAPPED_WORDS and not _LIST_LINE.match(after.text))
    width = widths[len(widths) // 2] if widths else 0
    _last_width = (lines, width)
    return width


def _is_followed_as_heading(lines: Sequence[Line], i: int, parent: bool = True) -> bool:
    """Whether what follows a title-like line shows it heads a section: prose, its first
    sub-chapter, or a list (straight away or after a short intro: "Rådet har afgivet høringssvar om:").
    Also its first subheading, heading prose in turn: «Temaer i 2024» / «Beskæftigelse» / «Rådet har …»
    (a Markdown «#» over «##», an HTML <h2> over <h3>); one level only, as a list of short lines
    separated by blank lines is no nest of headings."""
    following = next_nonblank(lines, i + 1)
    if following is None:
        return False
    text = lines[following].text
    if len(text.split()) >= 6 or _opens_with_sub_chapter(lines[i].text, text):
        return True
    above = previous_nonblank(lines, i)
    # a parent ends the text of a section above it, no title page's line: not under the title or
    # a letterhead («Beretning for perioden 2022-2025» / «Handicaprådets arbejde i valgperioden» / «Indledning»)
    if parent and following > i + 1 and _may_head_subsections(lines[i].text) and above is not None \
            and not _is_caps_heading(lines[above].text) and not _is_title_shaped(lines, above) \
            and report_heading(text)[0] is None and not _is_caps_heading(text) \
            and _is_title_shaped(lines, following) and _is_followed_as_heading(lines, following, parent=False):
        return True
    if _LIST_LINE.match(text):  # a short heading over its list ("Medlemmer"), not a lead-in sentence
        return len(lines[i].text.split()) <= 4
    after = next_nonblank(lines, following + 1)
    return text.endswith(":") and after is not None and bool(_LIST_LINE.match(lines[after].text))


def _may_head_subsections(text: str) -> bool:
    """Whether a short line above a subheading may be their parent heading: a topic, unnumbered, not a
    signature's name or a name and title («Ahmad Yousef, formand» over the next heading), nor a date line
    («Publiceret 15. februar 2024» over «Forord»)."""
    from indexer.firstnames import first_names  # at first use: it reads $REFERATSOG_DATA (`indexer.firstnames`)

    words = text.split()
    person = len(words) > 1 and all(w[0].isupper() for w in words) and words[0].casefold() in first_names()
    return report_heading(text)[0] is None and "," not in text and not person and not re.search(DATE_PATTERN, text)


# «1. Flere ramper», «2) Bedre busser»; not a date («23. januar 2024 Beskæftigelsesindsats», a table's row)
_NUMBERED_POINT = re.compile(rf"^\d{{1,2}}[.)]\s+(?!{DANISH_MONTH_PATTERN}\b)\S")
# A row of a table that starts with a date: «15. januar 2024 Kvalitetsstandard …», «23.01.2024 Budget 2025»
_DATED_ROW = re.compile(rf"^\d{{1,2}}\.(?:\s*{DANISH_MONTH_PATTERN}\b|\d{{1,2}}\.\d{{2,4}}\b)")
_FIGURE = re.compile(r"^[-+]?\d[\d.,]*%?$")
_INTRO_WORDS = 6  # «Rådet anbefaler byrådet:»: a short intro before a list, no paragraph


def _heads_list_or_table(lines: Sequence[Line], i: int) -> bool:
    """Whether a short title-like line (a few words) stands over a numbered list or a table of figures,
    straight or after a short intro ending in ":"."""
    words = lines[i].text.split()
    if len(words) > 4:
        return False
    if _FIGURE.match(words[-1]) and any(_FIGURE.match(row[-1]) for row in _rows_below(lines, i, 2)):
        # a table's own row («Område 2023 2024» / «Møder 9 10»); the next row's cells may stand on
        # lines of their own («Høringssvar» / «14», a label split from its figure): a row is no heading
        return False
    above = previous_nonblank(lines, i)
    if above is not None and lines[above].text.endswith(":"):
        return False  # the header row of a table an intro announces («… følgende aktiviteter:» / «Aktivitet Antal»)
    following = next_nonblank(lines, i + 1)
    if following is not None and lines[following].text.endswith(":") and len(lines[following].text.split()) < _INTRO_WORDS:
        following = next_nonblank(lines, following + 1)
    if following is None:
        return False
    if _NUMBERED_POINT.match(lines[following].text) or _DATED_ROW.match(lines[following].text):
        # a list, numbered or dated («Møder» / «23. januar 2024 Budget 2025»); a table's header is not shaped
        return True
    # a table: of its first rows (consecutive lines), two or more are short and end in a figure
    rows = _rows_below(lines, following - 1, 3)
    figured = [row for row in rows if len(row) <= 6 and _FIGURE.match(row[-1])]
    if len(figured) >= 2 and len(words) >= 2 and all(len(row) == len(words) for row in rows):
        return False  # the header row naming a table's columns («Aktivitet Antal» / «Møder 11»)
    return len(figured) >= 2


_TABLE_ROWS = 2  # rows under a header that make a table
# A column of dates named: «Dato», «Mødedato», «Høringsdato», «Tidspunkt»
_DATE_COLUMN = re.compile(r"^(?i:\w*dato|tidspunkt)$")


def _is_table_header(lines: Sequence[Line], i: int) -> bool:
    """Whether a line names a table's columns over its rows, no heading: a few words, each a name or a
    figure («Dato Høring», «Post Budget Forbrug», «Område Tilskud 2022 Tilskud 2023»; a heading has small
    words: «Møder i 2024»), straight over rows that start with a date or end in a figure
    («15. januar 2024 Kvalitetsstandard for praktisk hjælp», «Kurser og konferencer 40.000 38.900»)."""
    words = lines[i].text.split()
    following = next_nonblank(lines, i + 1)
    if not 2 <= len(words) <= 6 or following is None or following - i > 2:  # a Markdown rule: a blank line
        return False
    rows = _rows_below(lines, i, _TABLE_ROWS)
    if len(rows) < _TABLE_ROWS:
        return False
    dated = all(_DATED_ROW.match(" ".join(row)) for row in rows)
    if dated and _DATE_COLUMN.match(words[0]):
        return True  # «Mødedato Hovedemne på mødet»: the dates' column named first, as they stand first
    return all(word[0].isupper() or _FIGURE.match(word) for word in words) and (
        dated or all(len(row) <= 8 and _FIGURE.match(row[-1]) for row in rows))


def _rows_below(lines: Sequence[Line], i: int, count: int) -> list[list[str]]:
    """The words of up to `count` lines after line i, a blank line at most between the rows (a Markdown rule)."""
    rows: list[list[str]] = []
    k = next_nonblank(lines, i + 1)
    while k is not None and len(rows) < count:
        rows.append(lines[k].text.split())
        after = next_nonblank(lines, k + 1)
        k = after if after is not None and after - k <= 2 else None
    return rows


def _listed(lines: Sequence[Line], shaped: Sequence[int], contents: Sequence[tuple[int | None, str]]) -> set[int]:
    """The title-like lines the contents list names ("3. Indsatser for nyankomne ..... 4")."""
    titles = {_title_key(title) for _, title in contents if title}
    return {i for i in shaped if _title_key(report_heading(lines[i].text)[1]) in titles}


def _title_key(title: str) -> str:
    """A title as a contents entry and its heading both give it: "- Forord" (a Markdown list of links), "FORORD"."""
    return cv.clean_title(title).lstrip(cv.BULLETS + " ").casefold()


# An appendix's heading: «Bilag 1: Rådets medlemmer», «Bilag 2 – Høringssvar i 2024», «Bilag A. Mødeplan».
_APPENDIX_HEADING = re.compile(r"^(?:Bilag|BILAG)\s+(?:\d{1,2}|[A-ZÆØÅ])\s*[.:\-–]\s+[A-ZÆØÅ]")


def _appendices(lines: Sequence[Line], shaped: Sequence[int]) -> set[int]:
    """The title-like lines that head an appendix («Bilag 1: Rådets medlemmer»), whatever follows: its
    members' names, a table, under it (the layouts14 review: the members were the last chapter's text).
    Not a list of the attachments («Bilag 1: Budget» / «Bilag 2: Regnskab», another appendix line next).
    Appendices come at a report's end: not one a numbered chapter follows, nor one a sentence introduces
    («Kommissoriet er vedlagt som:» / «Bilag 1: Kommissorium …», code review 34): the chapter's text. One
    with numbered sections of its own (`_appendix_sections`) may stand between chapters (code review 37)."""
    def appendix(k: int | None) -> bool:
        return k is not None and bool(_APPENDIX_HEADING.match(lines[k].text))

    inside = _appendix_sections(lines, shaped)
    last_chapter = max((i for i in shaped if i not in inside and report_heading(lines[i].text)[0] is not None),
                       default=-1)
    headings = [i for i in shaped if appendix(i)]
    sectioned = {max(h for h in headings if h < k) for k in inside}
    return {i for i in shaped if appendix(i) and (i > last_chapter or i in sectioned)
            and not appendix(next_nonblank(lines, i + 1))
            and not appendix(k := previous_nonblank(lines, i)) and (k is None or not lines[k].text.endswith(":"))}


def _appendix_sections(lines: Sequence[Line], shaped: Sequence[int]) -> set[int]:
    """The numbered title-like lines after an appendix's heading («Bilag 1: Rådets medlemmer») that
    number anew from 1 after the report's numbered chapters: an appendix's own sections («Bilag 2:
    Kommissorium …» / «1. Formål» / «2. Sammensætning», code review 36), neither chapters nor items.
    A number out of the appendix's sequence that continues the chapters' is a chapter again.

    >>> L = lambda *texts: [Line(t, 1, n) for n, t in enumerate(texts, 1)]
    >>> lines = L("1. Indledning", "Tekst.", "2. Økonomi", "Tekst.", "Bilag 1: Kommissorium", "1. Formål", "Tekst.")
    >>> sorted(_appendix_sections(lines, [0, 2, 4, 5]))
    [5]

    They end where the report's chapters resume, numbered on from the last before the appendix (code review 37):

    >>> lines = L("1. Indledning", "2. Høringssvar", "Bilag 1: Høringssvar", "1. Tilgængelighed", "2. Bostøtte",
    ...           "3. Kørsel", "4. Beskæftigelse", "3. Økonomi", "4. Rådets arbejde i 2025")
    >>> sorted(_appendix_sections(lines, range(9)))
    [3, 4, 5, 6]
    """
    chapter: int | None = None  # the number of the report's last chapter so far
    point: int | None = None  # the number of the appendix's last own section; None outside an appendix
    inside: set[int] = set()
    for i in shaped:
        if _APPENDIX_HEADING.match(lines[i].text):
            point = 0 if chapter is not None else None
            continue
        number = report_heading(lines[i].text)[0]
        if number is None:
            continue
        if (point == 0 and number != 1) or (point and chapter is not None and number == chapter + 1 != point + 1):
            # no own sections; or the report's numbering resumes («3. Økonomi» after chapter 2 and an
            # appendix's «1.» … «4.», code review 37): its chapters again
            point, chapter = None, number
        elif point is not None:
            point = number
            inside.add(i)
        else:
            chapter = number
    return inside


_NUMBERED_RUN = 3  # numbered title-like lines in sequence that make the report's chapters


def _numbered_run(lines: Sequence[Line], shaped: Sequence[int]) -> set[int]:
    """The longest run of title-like lines numbered in sequence (1, 2, 3, …; lines between that
    do not continue it are skipped), when it has at least `_NUMBERED_RUN`."""
    numbered = [(i, n) for i in shaped if (n := report_heading(lines[i].text)[0]) is not None
                and not _opens_other_sub_chapter(lines, i, n)]
    best: list[int] = []
    for k, (start, number) in enumerate(numbered):
        run, last = [start], number
        for i, n in numbered[k + 1:]:
            if n == last + 1:
                run, last = [*run, i], n
        if len(run) > len(best):
            best = run
    return set(best) if len(best) >= _NUMBERED_RUN else set()


def _list_points(lines: Sequence[Line], shaped: Sequence[int]) -> tuple[set[int], set[int]]:
    """Numbered title-like lines followed straight (blank lines aside) by the next number: the points of
    a list ("1. Bedre busser" / "2. Flere ramper" / "3. Kortere ventetid"), not chapters. A point with no
    text under it would be a section with no text, dropped with its words, so the list stays in the
    text of the section above. Also the runs that are chapters, not a list (see `continued`)."""
    at = {i: n for i in shaped if (n := report_heading(lines[i].text)[0]) is not None}
    order = sorted(at)
    points: set[int] = set()
    chapters: set[int] = set()
    k = 0
    while k < len(order):
        run = [order[k]]  # numbered lines each straight under the one before, counting up
        while k + len(run) < len(order) and next_nonblank(lines, run[-1] + 1) == order[k + len(run)] \
                and at[order[k + len(run)]] == at[run[-1]] + 1:
            run.append(order[k + len(run)])
        before, after = order[k - 1] if k else None, order[k + len(run)] if k + len(run) < len(order) else None
        k += len(run)
        if len(run) < 2:
            continue
        # chapters without text of their own («3. Anbefalinger» / «4. Økonomi» / text): the chapters'
        # numbering runs on into the run and past it, the run's last one with text under it (code review 16)
        # A run introduced by a line ending in «:» («Rådets mål for året var:») is that line's list (code review 17).
        introduced = (above := previous_nonblank(lines, run[0])) is not None and lines[above].text.endswith(":")
        continued = not introduced and (at[before] == at[run[0]] - 1 if before is not None else at[run[0]] == 1) and (
            after is not None and at[after] == at[run[-1]] + 1 and next_nonblank(lines, run[-1] + 1) != after)
        (chapters if continued else points).update(run)
    return points, chapters


def _opens_other_sub_chapter(lines: Sequence[Line], i: int, number: int) -> bool:
    """Whether a numbered line is followed by another chapter's sub-chapter ("3. Rådets arbejde" /
    "4.1 Økonomi"): a numbered paragraph, not chapter 3."""
    following = next_nonblank(lines, i + 1)
    sub = _SUB_CHAPTER.match(lines[following].text) if following is not None else None
    return sub is not None and int(sub.group("number")) != number


_OPENING_LINES = 4  # a report's title is among its first lines


def _title_line(lines: Sequence[Line]) -> int | None:
    """The report's own title among its first lines ("Beretning om Handicaprådets arbejde i året 2024"),
    which ends its front matter."""
    texts = [i for i, line in enumerate(lines) if line.text][:_OPENING_LINES]
    # a title, not a line of prose naming the report («Med denne beretning for 2024 vil rådet …»)
    return next((i for i in texts if len(lines[i].text) <= _TITLE_LINE and len(lines[i].text.split()) <= 10
                 and not re.search(r"[.,;!?]$|,\s", lines[i].text)
                 and (cv.ANNUAL_WORD.search(lines[i].text) or cv.DOCUMENT_TITLE.match(lines[i].text)
                      or _REPORT_TITLE.match(lines[i].text))), None)


# A report's title naming it otherwise: «STATUS 2024», «Status for integrationsindsatsen 2024», «Redegørelse fra
# Handicaprådet for 2024»
_REPORT_TITLE = re.compile(r"^(?:Status|STATUS|Redegørelse|REDEGØRELSE|Statusrapport|STATUSRAPPORT)\b")


def _title_page(lines: Sequence[Line], title: int) -> bool:
    """Whether a report's title line is followed by a title page's short lines (its council, a date) up to
    a heading, no paragraph: the title is no section (its lines stay the document's head)."""
    k = next_nonblank(lines, title + 1)
    shown = 0
    while k is not None and shown < 3:
        text = lines[k].text
        if _is_caps_heading(text) or _is_title_heading(lines, k):
            return True
        if len(text.split()) >= 6 or re.search(r"[.!?]$", text):
            return False
        shown += 1
        k = next_nonblank(lines, k + 1)
    return False


_SUB_CHAPTER = re.compile(r"^(?P<number>\d{1,3})\.\d{1,2}\.?\s+[A-ZÆØÅ]")


def _opens_with_sub_chapter(text: str, following: str) -> bool:
    """Whether a numbered chapter ("3. Rådets arbejde i 2023") is followed by its own first
    sub-chapter ("3.1 Høringssvar"): the strongest sign of a chapter heading.

    >>> _opens_with_sub_chapter("3. Rådets arbejde i 2023", "3.1 Høringssvar"), _opens_with_sub_chapter("3. Rådets arbejde", "4.1 Økonomi")
    (True, False)
    """
    number = report_heading(text)[0]
    sub = _SUB_CHAPTER.match(following)
    return number is not None and sub is not None and int(sub.group("number")) == number
