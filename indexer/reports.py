"""Documents without agenda items → sections: annual reports, and notes or minutes written as prose.

Their sections start at upper-case headings or, when the report has none, at short
title-like lines between paragraphs; a document with neither is one passage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer import conventions as cv
from indexer.clean import reflow
from indexer.headings import next_nonblank, previous_nonblank
from indexer.models import Item, Line, Segmented

_TITLE_LINE = 120  # a document's first line is its title only up to this length
_FUNCTION_WORDS = {"af", "og", "i", "til", "på", "med", "for", "at", "om", "den", "det", "de", "en", "et", "som", "fra"}
_URL = re.compile(r"(https?://|www\.)\S+")


def segment_report(lines: Sequence[Line], contents: list, contents_lines: set[int]) -> Segmented:
    """A document without agenda items → its sections, after its front matter (title page, contents)."""
    front_end, heads = report_headings(lines, contents_lines)
    items = []
    for k, i in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else len(lines)
        body = [line for j, line in enumerate(lines[i + 1:end], i + 1) if j not in contents_lines]
        text = reflow(line.text for line in body)
        if not text:
            continue  # a heading with no text of its own ("AKTIVITETER I 2019")
        number, title = report_heading(lines[i].text)
        items.append(Item(number, title, lines[i], tuple(body), ()))
    if not items:
        items = _whole_document(lines, front_end)
    head = tuple(lines[: heads[0]]) if heads else tuple(lines[:front_end])
    return Segmented("report", head, tuple(items), tuple(contents))


def report_headings(lines: Sequence[Line], contents_lines: set[int]) -> tuple[int, list[int]]:
    """Where a document's front matter ends, and the lines that head its sections after it.

    A report's dominant heading style decides: upper-case headings alone, or (when short
    title-like lines outnumber them) both. Photo captions look title-like, so a report with
    upper-case headings does not also get title-like ones.
    """
    front_end = _front_matter_end(lines, contents_lines)
    candidates = [i for i in range(front_end, len(lines)) if i not in contents_lines]
    caps = [i for i in candidates if _is_caps_heading(lines[i].text)]
    titled = [i for i in candidates if not _is_caps_heading(lines[i].text) and _is_title_heading(lines, i)]
    return front_end, sorted(caps + titled) if len(titled) > len(caps) else caps


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
    if len(letters) < 4 or any(c.islower() for c in letters) or cv.DOCUMENT_TITLE.match(text):
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
    text = report_heading(lines[i].text)[1]
    words = text.split()
    if not text or not text[0].isupper() or len(words) > 10 or _URL.search(text):
        return False
    if re.search(r"[.:;,!?]$", text) or text.count(",") > 1 or words[-1].lower() in _FUNCTION_WORDS:
        return False
    previous = previous_nonblank(lines, i)
    if previous is not None and previous == i - 1:
        prev = lines[previous].text
        if not (re.search(r"[.!?]$", prev) or _URL.search(prev) or _is_caps_heading(prev)):
            return False
    following = next_nonblank(lines, i + 1)
    return following is not None and (len(lines[following].text.split()) >= 6 or _opens_with_sub_chapter(
        lines[i].text, lines[following].text))


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
