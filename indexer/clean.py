"""Page text → clean lines: page chrome out, markup out, hyphenation joined, whitespace collapsed.

Every line keeps where it came from (page, line number), so a passage can cite its start.
Blank lines are kept as empty lines: report headings are recognised partly by the blank
line before them.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from functools import cached_property, lru_cache
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from indexer import conventions as cv
from indexer.councils import letterhead_lines, letterhead_name
from indexer.datafiles import content_lines, data_file, malformed
from indexer.dates import DANISH_MONTH_PATTERN, DATE_PATTERN, find_dates, parse_date
from indexer.htmltext import item_columns, item_lines
from indexer.models import Line, Page, SourceFile
from indexer.normalise import compatibility_form, page_starts
from indexer.parallel_languages import danish_wording
from indexer.pages import RunningChrome, find_running_chrome, shape, strip_running_chrome
from search.danish import fold, stem

# A grid table's border, «+------+------+», «+======+»: chrome as Markdown's «|---|---|» is (layouts16 review)
_GRID_BORDER = re.compile(r"^\+(?:[-=:]+\+)+$")
# Lines that are page chrome wherever they appear.
_CHROME = [
    re.compile(r"^Side\s+\d+(\s*(af|/)\s*\d+)?$", re.IGNORECASE),  # Side 3 af 8, Side 3, Side 3/8
    re.compile(r"^.{0,120}\bSide\s+\d+\s+af\s+\d+$"),  # "Børne- og Skoleudvalget 10-06-2020  Side 1 af 5"
    # In lower case only where a footer's head is read as one, on the raw lines (`_lower_page_footers`), or
    # with no head, after a dash or a bar alone («– side 1 af 2», code review 37).
    re.compile(r"^[-–—·|•][ \t]*side\s+\d+\s+af\s+\d+$", re.IGNORECASE),
    re.compile(r"^\d{1,3}$"),  # a bare page number
    re.compile(r"^(Til toppen|Tilbage til toppen|Til top)$", re.IGNORECASE),
    re.compile(r"^(Forside|Du er her)\b.*[›»>].*$"),  # breadcrumbs
    re.compile(r"^(Udskriv|Print)\b.{0,60}$", re.IGNORECASE),  # "Udskriv   Download referat som PDF"
    re.compile(r"^[-|\s:]*\|[-|\s:]*$"),  # markdown table borders and empty rows
    _GRID_BORDER,
    # a web page's date under its text, in a text or Markdown export of it; the HTML reader drops the element
    # by its class (`indexer.htmltext._CHROME_TOKEN`). After the last item it read as its decision (layouts16 review).
    re.compile(rf"^(?:Senest|Sidst)\s+(?:opdateret|ændret|redigeret)\s*:?\s*(?:(?:d\.|den)\s+)?"
               rf"(?:{DATE_PATTERN}|\d{{1,2}}[.\-/]\d{{1,2}}[.\-/]\d{{2,4}})(?:,?\s+(?:kl\.\s*)?\d{{1,2}}[.:]\d{{2}})?\.?$",
               re.IGNORECASE),
]
# The patterns above as one alternation, each keeping its own flags: one regex call per line
# instead of seven (this runs over every line of every file indexed).
_ANY_CHROME = re.compile("|".join(f"(?{'i' if p.flags & re.IGNORECASE else ''}:{p.pattern})" for p in _CHROME))
# A website footer: several " · "-separated parts naming contact or accessibility pages.
_SITE_FOOTER = re.compile(r"^(?=(?:[^·]+·){3})(?=.*\b(Kontakt|Tilgængelighed\w*|Cookie\w*|Privatliv\w*)\b).*$")
# (on a raw line: Markdown's emphasis may still close it, «*… – side 3 af 3*»; «side» in lower case as in
# `_CHROME`, only set off by a separator or a column gap, or alone)
_FOOTER_LINE = re.compile(r"(?:\bSide|(?:^[ \t*_]*(?:[-–—·|•][ \t]+)?|[ \t][-–—·|•][ \t]+|[ \t]{2,}|\t)(?i:side))"
                          r"\s+\d+\s+af\s+\d+[\s*_]*$")
# A footer with «side N af M» in lower case, read on a raw line: set off by a column gap, a dash, a middle
# dot or a bar («Socialudvalget 02-06-2025      side 2 af 3», «*Aarhus Kommune – Referat af Byrådets møde
# 11. juni 2025 – side 3 af 3*», the layouts14 review), Markdown's emphasis around it; a bullet («* Høringssvar
# fra Ældrerådet – side 1 af 3») is a list's line, no emphasis (code review 37).
_LOWER_PAGE_FOOTER = re.compile(r"^[ \t]*(?:[*_]+(?=\S))?(?P<head>\S.{0,120}?)(?:[ \t]{2,}|\t|[ \t][-–—·|•][ \t]+)"
                                r"side\s+\d+\s+af\s+\d+[ \t*_]*$")

# A running footer without «af M»: "Skovbjerg Kommune, Økonomiudvalget, 12. marts 2025   Side 5",
# "Lindeby Kommune - Socialudvalget - 03-02-2025 - Side 3". The page number follows a separator
# (a column gap, a dash, a bullet, a bar or a comma) after a head; prose that ends in a page
# reference ("jf. bilag side 5") has none. Matched on the raw lines, while column gaps still show.
_SIDE_FOOTER = re.compile(
    r"^[ \t]*(?P<head>\S(?:[^\n]*?\S)?)(?P<separator>[ \t]{2,}|\t|[ \t]+[-–—·|•][ \t]+|[ \t]*[,·|•][ \t]*)"
    r"(?P<side>(?i:side))[ \t]+(?P<number>\d{1,4})[ \t]*$",
    re.MULTILINE,
)
# A running footer printing its page number without «Side»: "Handicaprådet · Årsberetning 2024 · 3",
# "Handicaprådet | Årsberetning 2024 | 3", "Handicaprådet · Årsberetning 2024   3" (the layouts14 review). Set
# off by a column gap, or a dash, a middle dot, a bullet or a bar between spaces: "Bilag 3", "Punkt 3" have none.
_NUMBERED_FOOTER = re.compile(
    r"^[ \t]*(?P<head>\S(?:[^\n]*?\S)?)(?:[ \t]{2,}|\t|[ \t]+[-–—·|•][ \t]+)(?P<number>\d{1,4})[ \t]*$",
    re.MULTILINE,
)
# A footer printed once (no repeat to tell it by) is set off as a page's furniture is: after a
# column gap, or «Side» with its capital after a dash, a middle dot or a bar; not after a comma or
# an en dash of prose («Referat fra Byrådet 24. april 2025, side 3», «… 3. marts 2025 – side 2»).
_FOOTER_GAP = re.compile(r"[ \t]{2,}|\t")  # a footer's head set off from its number (not `_COLUMN_GAP`'s label columns)
_LONE_SEPARATOR = re.compile(r"[ \t]+[-·|•][ \t]+")
_FOOTER_HEAD = 120  # a running footer's head is a title line, never a paragraph
# What a footer's head names: the municipality or region, or the meeting's date (`_FOOTER_WHERE_WHEN`);
# printed on several pages, also only the council or the document ("Referat", "Dagsorden"). A head
# naming none of them is some other line ending in a page number.
_FOOTER_WHERE_WHEN = (
    re.compile(r"\b[A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)* (?:Regionsk|K)ommune\b"
               r"|\b[A-ZÆØÅ]{2,}(?:-[A-ZÆØÅ]{2,})* (?:REGIONS)?KOMMUNE\b|\bRegion(?:en)? [A-ZÆØÅ]"),
    re.compile(rf"{DATE_PATTERN}|(?<![\d.\-/])\d{{1,2}}[.\-/]\d{{1,2}}[.\-/]\d{{2}}(?![\d.\-/])"),
)
_FOOTER_NAMES = (
    *_FOOTER_WHERE_WHEN,
    # a council also in the genitive or a compound with its meeting: «Økonomiudvalgets møde», «Byrådsmøde»,
    # «Kommunalbestyrelsesmødet» (code review 37)
    re.compile(rf"(?<![\wæøåÆØÅ])(?:{cv.COUNCIL_PATTERN})(?:s?(?:møde|mødet|MØDE|MØDET)|s|S)?(?![\wæøåÆØÅ])"),
    cv.MINUTES_WORD,
    cv.AGENDA_WORD,
    re.compile(r"(?<![\wæøåÆØÅ])(?:[A-ZÆØÅ]?[a-zæøå]*[pP]rotokol(?:len)?|[A-ZÆØÅ]*PROTOKOL(?:LEN)?)(?![\wæøåÆØÅ])"),
)
# Besides its names, a footer's head says little: the meeting, the small words joining the names («Referat
# af Byrådets møde 11. juni 2025», «Referat fra mødet i Socialudvalget»), a number, a council's initials
# («ØU»). Any other word makes it a phrase ending in a page reference: «Høringssvar fra Ældrerådet», a table's
# row, «Godkendt med ændringer fra Ældrerådet», a decision (code review 37).
# Its rooms too: «mødesal 1», «byrådssalen», «Rådhuset» (code review 40). This is a closed list: a head
# whose lower-case words all come from it names the meeting and says nothing else.
_FOOTER_GLUE = re.compile(r"(?i:møde|mødet|af|fra|til|på|i|med|for|den|d|kl|nr|og|ordinært|ekstraordinært"
                          r"|[\wæøå]*(?:mødelokale|lokale|lokalet|sal|salen)|rådhus|rådhuset)"
                          r"|[A-ZÆØÅ]{2,5}|\d+")
# What a footer naming the document and the meeting's date adds in lower case besides its glue: a weekday, the
# part of the meeting («Åben del», «lukket dagsorden»), the document's state («godkendt referat»). Capitalised
# words (a place, «Rådhuset») are added as well; any other word in lower case is a sentence's (code review 39).
# So are its print stamp («udskrevet 12.06.2025»), what the agenda carries («Dagsorden med beslutninger») and the
# draft's state («Referat til godkendelse», «Udkast til referat», «Ikke godkendt referat», «revideret»: code review 41).
_FOOTER_ADDITION = re.compile(r"(?i:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|man|tir|tirs|ons|tor|tors|fre"
                              r"|lør|søn|åben|åbent|åbne|lukket|lukkede|del|offentlig|offentligt|godkendt|foreløbigt?"
                              r"|endeligt?|udskrevet|printet|opdateret|beslutninger|godkendelse|udkast|ikke|revideret"
                              r"|rettet|korrigeret|version)")
# The document named in lower case after its qualifier: «Offentligt referat», «Godkendt referat» (code review 38).
_DOCUMENT_WORD = re.compile(r"(?<![\wæøåÆØÅ])(?:referat|dagsorden|protokol)(?![\wæøåÆØÅ])")
_FOOTER_WORD = re.compile(r"[^\W_]+")  # a word of a footer's head, «Referat_endelig» two
# A numbered title before a page number is a contents entry ("3. Orientering fra Byrådet   side 5",
# "Pkt. 4 Budget  side 7"), never a footer: the contents are read to find the items.
_NUMBERED_TITLE = re.compile(r"^(?:\d{1,3}[.)]?\s+[A-ZÆØÅ\"“«]|(?i:pkt|punkt|sag\s+nr)\b)")
# A title names, a sentence tells: a head with more words in lower case (months aside: "12. marts
# 2025"; "og" of "Teknik- og Miljøudvalget" counts) is prose. A head printed on several pages may
# have one more ("Referat fra mødet i Byrådet").
_LOWER_WORD = re.compile(rf"(?<![\wæøåÆØÅ\-])(?!(?:{DANISH_MONTH_PATTERN})\b)[a-zæøå][\wæøå]*")
_LOWER_WORDS_ALONE, _LOWER_WORDS_REPEATED = 2, 3

# Markdown and stray inline markup found in text exports.
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
# Single emphasis, "*Fraværende:* Anders Dam" or "_Beslutning_": around words, never a bullet
# ("* punkt"), a product ("2*3") or a name with underscores ("bilag_2_kort.pdf").
_MD_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"
)
# Stray HTML in a text export: a tag HTML knows, bare or with attributes written name=value.
# Anything else in angle brackets is text: "Tilskud <under> 5000 kr", "a<b og c>d" were cut.
_HTML_TAG_NAMES = (
    "a|abbr|address|article|aside|b|big|blockquote|body|br|button|caption|center|cite|code|col|colgroup|dd|del|"
    "details|div|dl|dt|em|embed|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|"
    "ins|label|li|link|main|mark|meta|nav|noscript|object|ol|o:p|p|pre|q|s|script|section|small|span|strike|strong|"
    "style|sub|summary|sup|svg|table|tbody|td|tfoot|th|thead|time|title|tr|tt|u|ul"
)
# An attribute: name=value (quoted or not), or one of HTML's bare boolean names ("<td nowrap>",
# "<input checked>"); any bare word would make "a<b og c>d" a tag «b» again.
_BOOLEAN_ATTRIBUTES = "nowrap|checked|disabled|selected|hidden|open|required|readonly|multiple|noshade|compact|defer|async"
_ATTRIBUTE = (r"""\s+(?:[^<>="'\s]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s<>]+)"""
              rf"|(?:{_BOOLEAN_ATTRIBUTES})(?=[\s/>]))")
_TAG = re.compile(rf"</?(?:{_HTML_TAG_NAMES})(?:{_ATTRIBUTE})*\s*/?>", re.IGNORECASE)
_MD_HEADING = re.compile(r"^#{1,6}\s+")
# Markdown exports (pandoc) escape what would be markup: "1\. Godkendelse", "\- ikke en liste", "\*";
# a backslash at the end of a line is a hard line break.
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_HARD_BREAKS = re.compile(r"(?<=\S)\\$", re.MULTILINE)
_MD_TABLE_ROW = re.compile(r"^\|(.+)\|$")
# Pictographic emoji at a line's start, with their variation selectors, skin tones and joiners:
# «👥», «✅», «❤️», «👩‍💼». Not bullets or geometric shapes («•», «▪», «■»), which mark list lines, nor
# ballot boxes and check marks («☐ Godkendt / ☒ Ikke godkendt», «✓ Flere hænder»), which say
# something (code review 17): only the emoji planes and the emoji-styled symbols of the BMP.
_LEADING_EMOJI = re.compile(
    "^(?:[\u231a\u231b\u23e9-\u23f3\u23f8-\u23fa\u2600-\u2604\u260e\u2614\u2615\u261d\u263a\u2648-\u2653"
    "\u267f\u2693\u26a0\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2-\u26f5\u26fa\u26fd"
    "\u2705\u2709\u270a-\u270d\u2728\u274c\u274e\u2753-\u2755\u2757\u2764\u2795-\u2797\u27a1\u27b0\u27bf"
    "\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\U0001f000-\U0001faff][\ufe0e\ufe0f\u200d\u20e3]*\\s*)+")
# A rule between items or under a title: markdown's "---", "***", "___", a text file's "=====" or "- - -"
_RULE = re.compile(r"^(?:[-_=*~–—](?:\s?[-_=*~–—]){2,})$")

# A page flattened onto one line: "<index> <running header> … Side N af M".
_FLAT_PAGE = re.compile(r"^(?:(\d{1,3})\s+)?(.{200,}?)\s*\bSide\s+(\d+)\s+af\s+\d+\s*$")

_CONJUNCTIONS = {"og", "eller", "samt", "til", "såvel", "hhv", "henholdsvis"}


# The shipped list, or the one in $REFERATSOG_DATA (`indexer.datafiles.data_file`).
HYPHENATED_FILE = data_file("hyphenated.txt", Path(__file__).resolve().parent / "data" / "hyphenated.txt")


@lru_cache(maxsize=1)
def kept_hyphen_words() -> frozenset[str]:
    """Compounds that keep their hyphen when a line break falls on it (data file, editable).

    A file that cannot be read is a `DataFileError`, which `update_index` reads before any
    document (`indexer.datafiles.check_for_index`): not a fault of the document being cleaned."""
    words = set()
    for number, line in content_lines(HYPHENATED_FILE):
        # one compound with its hyphen: «børnehave uden bindestreg» matched nothing, said nothing
        if len(line.split()) != 1 or "-" not in line.strip("-"):
            raise malformed(HYPHENATED_FILE, number, line, "«ét ord med bindestreg pr. linje» (som «intro-møde»)")
        words.add(line.lower())
    return frozenset(words)


def clean(source: SourceFile) -> list[Line]:
    """All lines of a file, cleaned, in reading order."""
    pages = _normalised(source)
    if source.kind == "pdf":
        raw = _lines_of_pages(pages, strip_running_chrome(pages))
    else:
        raw = _text_lines(_text_of(pages), _page_starts(source))
    raw = _split_long_lines(_split_columns(_label_table_rows(_without_field_table_headers(
        _spaced_item_tables(_markdown_item_tables(_unflatten(raw)))))))
    soft_ends = {i for i, line in enumerate(raw) if _SOFT_HYPHEN_END.search(line.text)}  # before `_clean_line` drops them
    vocabulary = Vocabulary([line.text for line in raw])
    contents = _contents_table_rows(raw)
    # Labels printed in several languages («Afgørelse / Decision:») read as their Danish one
    lines = [Line(danish_wording(_clean_line(line.text, i in contents)), line.page, line.number,
                  bool(_MD_HEADING.match(line.text.lstrip()))) for i, line in enumerate(raw)]
    # A text with page breaks (pdftotext's form feeds, «2» / «\f» / «præget af …») prints its
    # page numbers beside text: there every bare number is one, as before (a segmentation review).
    paged = source.kind != "pdf" and (source.page_breaks or any("\f" in page.text for page in source.pages))
    numbers = _page_numbers_possible(lines) if source.kind == "pdf" else None if paged else _standing_alone(lines)
    lines = [line if not _is_chrome(line.text) or (numbers is not None and i not in numbers and _BARE_NUMBER.match(line.text))
             else Line("", line.page, line.number) for i, line in enumerate(lines)]
    if footers := set(_footer_texts(pages, source.kind, _page_starts(source))):
        # Running footers without «af M», which no chrome pattern alone may take (`_running_footers`)
        lines = [Line("", line.page, line.number) if line.text in footers else line for line in lines]
    letterheads = set(_letterheads([line.text for line in lines]))
    if letterheads:
        lines = [Line("", line.page, line.number) if " ".join(line.text.split()) in letterheads else line for line in lines]
    return join_hyphenation(_soft_hyphens_joined(lines, soft_ends), vocabulary)


def _letterheads(texts: Sequence[str]) -> list[str]:
    """The letterhead lines of a text, whitespace collapsed: a line that opens with the
    municipality's name and gives its address («Roskilde Kommune · Rådhusbuen 1 · 4000
    Roskilde · www.roskilde.dk»), among the last lines or printed more than once (once per
    page, in a text file). Page chrome, which ran into the last item's decision; it names
    the document's municipality (`running_chrome`, `indexer.councils.municipality_of`)."""
    return [text for text in dict.fromkeys(letterhead_lines(texts)) if letterhead_name(text)]


_BARE_NUMBER = re.compile(r"^\d{1,3}$")


def _standing_alone(lines: Sequence[Line]) -> set[int]:
    """Indexes of a text's lines where a bare number may be a page number printed into it (a PDF's
    text saved as .txt): a line of its own between blank lines. Beside another line it is a
    table's cell read one a line («Skoler» / «45» / «Ældre» / «120»), which a text lost, and a
    search for «ældre 120» said the number stood in no item (a code review)."""
    def apart(k: int) -> bool:  # no line there, a blank one, or page chrome (not another number)
        if k < 0 or k >= len(lines):
            return True
        text = lines[k].text
        return not text.strip() or (_is_chrome(text) and not _BARE_NUMBER.match(text))

    return {i for i, line in enumerate(lines) if _BARE_NUMBER.match(line.text) and apart(i - 1) and apart(i + 1)}


def _page_numbers_possible(lines: Sequence[Line]) -> set[int]:
    """Indexes of a PDF's lines where a bare number is page furniture: the first and last
    non-blank line of each page, and a run of bare numbers (a contents page's column of page
    numbers). Elsewhere a bare number is content: a table's count ("Ungdomsbolig", "4",
    "3.200 kr." come out as three lines), a vote tally, an amount."""
    text = [i for i, line in enumerate(lines) if line.text]
    found: set[int] = set()
    for k, i in enumerate(text):
        before, after = (text[k - 1] if k else None), (text[k + 1] if k + 1 < len(text) else None)
        if before is None or lines[before].page != lines[i].page or after is None or lines[after].page != lines[i].page:
            found.add(i)
        elif _BARE_NUMBER.match(lines[i].text) and (_BARE_NUMBER.match(lines[before].text) or _BARE_NUMBER.match(lines[after].text)):
            found.add(i)
    return found


def _lines_of_pages(original: Sequence[Page], stripped: Sequence[Page]) -> list[Line]:
    """Lines of the chrome-free pages, numbered as in the original pages.

    The chrome stripper blanks whole lines and keeps the others in place, so line k of a
    stripped page is line k of the original page.
    """
    out: list[Line] = []
    for page, kept in zip(original, stripped):
        kept_lines = kept.text.split("\n")
        if len(kept_lines) != len(page.text.split("\n")):
            raise ValueError(f"page {page.number}: chrome stripping must keep the line count")
        out.extend(Line(text, page.number, number) for number, text in enumerate(kept_lines, 1))
    return out


def running_chrome(source: SourceFile) -> RunningChrome:
    """The running headers and footers `clean` blanks out, with what they say and the page
    numbers they print (`indexer.pages.RunningChrome`): of a PDF's pages, or of the pseudo-pages
    a text file is cut into at its `Side N af M` lines and its other running footers (whose numbers
    name no page of a file)."""
    pages = _normalised(source)
    if source.kind == "pdf":
        chrome = find_running_chrome(pages)
    else:
        pseudo_pages, _ = _pseudo_pages(_text_of(pages), _page_starts(source))
        chrome = find_running_chrome(pseudo_pages) if len(pseudo_pages) >= _MIN_PSEUDO_PAGES else RunningChrome(())
    # A running footer without «af M», which `clean` blanks, too: it may name the municipality
    # (the first line of each shape, as `find_running_chrome` keeps them).
    first: dict[str, str] = {}
    for text in _footer_texts(pages, source.kind, _page_starts(source)):
        first.setdefault(shape(text), text)
    shapes = {shape(text) for text in chrome.lines}
    if footers := [text for key, text in first.items() if key not in shapes]:
        chrome = dataclasses.replace(chrome, lines=(*chrome.lines, *footers))
    # A letterhead, which `clean` blanks, is chrome too (a PDF's on its last page only, else it runs)
    texts = [line for page in pages for line in page.text.split("\n")]
    if letterheads := [text for text in _letterheads(texts) if text not in chrome.lines]:
        chrome = dataclasses.replace(chrome, lines=(*chrome.lines, *letterheads))
    if source.site_title:
        # A page's <title> is what a PDF's running header is: where the site names the municipality
        # (and often the council and date) that a page with its own <h1> may not print. Looked at
        # where the head and the text name none (`indexer.enrich`).
        chrome = dataclasses.replace(chrome, lines=(*chrome.lines, source.site_title))
    if source.site_letterhead:  # a web page's footer naming its municipality, dropped from the text as chrome
        chrome = dataclasses.replace(chrome, lines=(*chrome.lines, source.site_letterhead))
    return chrome


def _normalised(source: SourceFile) -> tuple[Page, ...]:
    return tuple(Page(p.number, compatibility_form(p.text), p.label) for p in source.pages)


def _text_of(pages: Sequence[Page]) -> str:
    """A text file's one page, its Markdown hard breaks off first: "Side 2 af 5\\" must still end its page."""
    return _MD_HARD_BREAKS.sub("", pages[0].text) if pages else ""


_MIN_PSEUDO_PAGES = 3  # too few pages to tell a running header from content


def _page_starts(source: SourceFile) -> frozenset[int]:
    """The lines of a text file that open a page after a form feed (`SourceFile.page_starts`; or its
    form feeds themselves, in a text not normalised)."""
    return frozenset(source.page_starts).union(*(page_starts(page.text) for page in source.pages[:1]))


def _pseudo_pages(text: str, opening_lines: frozenset[int] = frozenset()) -> tuple[list[Page], list[int]]:
    """A text file cut after each `Side N af M` footer and each running footer without «af M»
    (`_running_footers`), and before each line in `opening_lines` (after a form feed: pdftotext's
    page breaks, whose running header may print no page number, «Årsberetning 2024 · Ældrerådet»,
    a report review); and the index of each part's first line."""
    pseudo_pages: list[Page] = []
    starts: list[int] = []
    current: list[str] = []
    start = 0
    texts = text.split("\n")
    footers = set(_running_footers(texts, opening_lines))
    for index, line in enumerate(texts):
        if index in opening_lines and any(part.strip() for part in current):
            pseudo_pages.append(Page(len(pseudo_pages) + 1, "\n".join(current)))
            starts.append(start)
            current, start = [], index
        current.append(line)
        if (len(line) < 200 and _FOOTER_LINE.search(line)) or index in footers:  # the length first: the
            # regex rescans a long run of spaces from each of its positions (a redos review: 120 KB, two minutes)
            pseudo_pages.append(Page(len(pseudo_pages) + 1, "\n".join(current)))
            starts.append(start)
            current, start = [], index + 1
    pseudo_pages.append(Page(len(pseudo_pages) + 1, "\n".join(current)))
    starts.append(start)
    return pseudo_pages, starts


def _running_footers(texts: Sequence[str], page_starts: Collection[int] = ()) -> list[int]:
    """Indexes of the lines that are a running footer printing the page number without «af M»
    (`_SIDE_FOOTER`): "Skovbjerg Kommune, Økonomiudvalget, 12. marts 2025   Side 5". A text export
    keeps them where the page broke, inside an item (its economy section, its decision, before a
    trailing «Fraværende:» line that then was not seen to close the decision).

    Its head reads as a title, not a sentence (`_LOWER_WORD`) nor a contents entry
    (`_NUMBERED_TITLE`); and either the same head is printed with other page numbers elsewhere (a
    running line) and names the municipality, a council, a date or the document (`_FOOTER_NAMES`),
    or the line stands alone between blank lines (or a page's edge) with a head of fewer lower-case
    words naming the municipality or a date (`_FOOTER_WHERE_WHEN`): one footer left in a short export.
    """
    found: dict[str, list[tuple[int, int]]] = {}  # head, whitespace collapsed -> [(line index, page number)]
    set_off: set[int] = set()  # lines whose «Side» is set off as a footer's (`_LONE_SEPARATOR`)
    for index, line in enumerate(texts):
        if len(line) > 2 * _FOOTER_HEAD or not line.rstrip()[-1:].isdigit():
            continue  # one cheap test a line: nearly all lines end otherwise
        match = _SIDE_FOOTER.match(line)
        if not match or len(match.group("head")) > _FOOTER_HEAD:
            continue
        head = " ".join(match.group("head").split())
        if head[:1].isupper() or head[:1].isdigit():
            found.setdefault(head, []).append((index, int(match.group("number"))))
            separator = match.group("separator")
            if _FOOTER_GAP.fullmatch(separator) or (
                    match.group("side") == "Side" and _LONE_SEPARATOR.fullmatch(separator)):
                set_off.add(index)
    out: list[int] = []
    for head, occurrences in found.items():
        if head.endswith((".", ":", ";", "!", "?")) or _NUMBERED_TITLE.match(head):
            continue
        lower = len(_LOWER_WORD.findall(head))
        if len({number for _, number in occurrences}) >= 2:
            if lower <= _LOWER_WORDS_REPEATED and any(p.search(head) for p in _FOOTER_NAMES):
                out += [index for index, _ in occurrences]
        elif lower <= _LOWER_WORDS_ALONE and any(p.search(head) for p in _FOOTER_WHERE_WHEN):
            out += [index for index, _ in occurrences if index in set_off and _alone(texts, index)]
    return sorted({*out, *_numbered_footers(texts, page_starts), *_lower_page_footers(texts),
                   *_dated_closing_footers(texts, page_starts)})


def _numbered_footers(texts: Sequence[str], page_starts: Collection[int] = ()) -> list[int]:
    """Indexes of the lines that are a running footer printing the page number without «Side»
    (`_NUMBERED_FOOTER`): "Handicaprådet · Årsberetning 2024 · 3". Read as page numbers are printed
    (code review 34: budget rows, pupil numbers, vote tallies, «Fase – 1» were taken): the same head,
    read as a title (as `_running_footers` reads one), naming the document (`_names_document`), printed
    at least twice with numbers counting the pages: one up from each to the next, from page 1 or 2, or
    each the number of the page it stands on (`page_starts`, a text's form feeds); and a page's worth
    of text between each two (`_FOOTER_PAGE_LINES` lines), on the next page, or, where the head repeats
    the document's title lines (`_title_lines`), any text between (a short report's pages).

    >>> footer = "Handicaprådet · Årsberetning 2024 · "
    >>> _numbered_footers(["Handicaprådet", "Årsberetning 2024", "", "Tekst", f"{footer}1", "", "Tekst", f"{footer}2",
    ...                    "Tekst", f"{footer}3"])
    [4, 7, 9]
    >>> page = ["Tekst"] * 12
    >>> _numbered_footers([*page, "Referat · 2", *page, "Referat · 3"]), _numbered_footers([*page, "Udvalg · 2", *page, "Udvalg · 3"])
    ([12, 25], [])
    >>> _numbered_footers([*page, "I alt   450", *page, "I alt   780"]), _numbered_footers(["Runde · 1", "x", "Runde · 2"])
    ([], [])
    """
    found: dict[str, list[tuple[int, int]]] = {}  # head, whitespace collapsed -> [(line index, number)]
    for index, line in enumerate(texts):
        if len(line) > 2 * _FOOTER_HEAD or not line.rstrip()[-1:].isdigit():
            continue  # one cheap test a line: nearly all lines end otherwise
        match = _NUMBERED_FOOTER.match(line)
        if match and len(match.group("head")) <= _FOOTER_HEAD and match.group("head")[:1].isupper():
            found.setdefault(" ".join(match.group("head").split()), []).append((index, int(match.group("number"))))
    if not found:
        return []
    starts = sorted(page_starts)
    titles = _title_lines(texts)
    out: list[int] = []
    for head, occurrences in found.items():
        of_titles = _of_title_lines(head, titles)
        if (len(occurrences) < 2 or head.endswith((".", ":", ";", "!", "?")) or _NUMBERED_TITLE.match(head)
                or len(_LOWER_WORD.findall(head)) > _LOWER_WORDS_REPEATED
                or not (_names_document(head, titles) or of_titles)):
            continue
        numbers = [number for _, number in occurrences]
        pages = [bisect_right(starts, index) + 1 for index, _ in occurrences]
        counted = numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        # A footer printed on some pages only counts them with gaps («… 03-03-2025   1», «…   4», «…   6»: the
        # layouts17 review): only where its head is the document's title lines, a page's worth of text apart.
        gapped = of_titles and all(a < b for a, b in zip(numbers, numbers[1:]))
        if not (counted or gapped) or (numbers[0] not in (1, 2) and numbers != pages):
            continue
        titled = counted and all(part in titles for part in _FOOTER_PARTS.split(head))
        if all(page < later_page or titled and any(text.strip() for text in texts[index + 1:later])
               or sum(1 for text in texts[index + 1:later] if text.strip()) >= _FOOTER_PAGE_LINES
               for ((index, _), (later, _)), page, later_page in zip(zip(occurrences, occurrences[1:]), pages, pages[1:])):
            out += [index for index, _ in occurrences]
    return out


# A footer with no page number: the municipality's name, a column gap, a date («Frederiksberg Kommune      24.02.2025»)
_DATED_FOOTER = re.compile(
    r"^[ \t]*(?P<head>\S(?:[^\n]*?\S)?)(?:[ \t]{2,}|\t)(?P<date>\d{1,2}[.\-/]\d{1,2}[.\-/]\d{4})[ \t]*$")
_HEAD_DATE_LINES = 10  # the first lines of a document that give its meeting's date


def _dated_closing_footers(texts: Sequence[str], page_starts: Collection[int] = ()) -> list[int]:
    """Indexes of the footers, printed once, that close a page or the document: the municipality's name
    alone, a column gap and the meeting's own date, as the document's first lines give it («Frederiksberg
    Kommune      24.02.2025» under «Godkendt.», the layouts17 review); or a footer's head naming the
    municipality and the meeting's own date, then «side N» («Kalundborg Kommune, Kommunalbestyrelsen
    26-03-2025, side 3», the layouts18 review: with a comma and in lower case, one alone is not set off enough
    for `_running_footers`). Each a paragraph of its own as the last line of a page (before `page_starts`)
    or of the text. A date its head does not give, or other words, are the text's: a signature's place and
    date («Frederiksberg, 24.02.2025») has no gap, «Se Kalundborg Kommunes referat 26-03-2025, side 3» is a
    sentence.

    >>> head = ["Frederiksberg Kommune", "Kommunalbestyrelsen", "mandag den 24. februar 2025 kl. 19.00", ""]
    >>> _dated_closing_footers([*head, "Godkendt.", "", "Frederiksberg Kommune        24.02.2025", ""])
    [6]
    >>> _dated_closing_footers([*head, "Godkendt.", "", "Frederiksberg Kommune        25.02.2025"])
    []
    >>> _dated_closing_footers([*head, "Frederiksberg Kommune        24.02.2025", "", "Godkendt."])
    []
    >>> _dated_closing_footers([*head, "Godkendt.", "", "Frederiksberg Kommune, Kommunalbestyrelsen 24.02.2025, side 3"])
    [6]
    >>> _dated_closing_footers([*head, "Godkendt.", "", "Frederiksberg Kommune, Kommunalbestyrelsen 17.02.2025, side 3"])
    []
    """
    ends = {k - 1 for k in page_starts} | {len(texts) - 1}
    last_lines = set()  # the last line with text of each page and of the text
    for end in ends:
        k = end
        while k >= 0 and not texts[k].strip():
            k -= 1
        if k >= 0:
            last_lines.add(k)
    heads = {index: _closing_footer_head(texts[index]) for index in last_lines}
    if not any(footer for footer, _ in heads.values()):
        return []  # one cheap test first: nearly no text ends with such a line
    head = islice((text for text in texts if text.strip() and not _DATED_FOOTER.match(text)
                   and not _closing_footer_head(text)[0]), _HEAD_DATE_LINES)
    meeting = {found for text in head for found, _ in find_dates(text)}
    out = []
    for index in sorted(last_lines):
        footer, dates = heads[index]
        if footer and dates and all(day in meeting for day in dates) and (index == 0 or not texts[index - 1].strip()):
            out.append(index)
    return out


def _closing_footer_head(text: str) -> tuple[bool, tuple]:
    """(whether `text` is shaped as a footer `_dated_closing_footers` reads, the dates it prints)."""
    if not text.rstrip()[-1:].isdigit():
        return False, ()
    match = _DATED_FOOTER.match(text)
    if match:
        return (bool(_FOOTER_WHERE_WHEN[0].fullmatch(" ".join(match.group("head").split()))),
                tuple(day for day in [parse_date(match.group("date"))] if day))
    match = _SIDE_FOOTER.match(text)
    if not match or len(match.group("head")) > _FOOTER_HEAD:
        return False, ()
    head = " ".join(match.group("head").split())
    return (bool(head[:1].isupper() and _FOOTER_WHERE_WHEN[0].search(head) and _is_footer_head(head)),
            tuple(day for day, _ in find_dates(head)))


_FOOTER_PAGE_LINES = 12  # a page's worth of lines: fewer between two numbered lines are a list's or a table's
_FOOTER_PARTS = re.compile(r"\s+[-–—·|•]\s+|\s{2,}")  # the parts of a footer's head: «Handicaprådet · Årsberetning 2024»
_TITLE_LINES = 4  # the first lines that may be a document's title


def _title_lines(texts: Sequence[str]) -> set[str]:
    """The document's first non-blank lines, whitespace collapsed: its title lines («Handicaprådet»,
    «Årsberetning 2024»), which a running footer may repeat."""
    return set([" ".join(text.split()) for text in texts if text.strip()][:_TITLE_LINES])


def _of_title_lines(head: str, titles: set[str]) -> bool:
    """Whether a footer's head is two or more of the document's title lines (`_title_lines`) and nothing else:
    «Teknik- og Miljøudvalget 03-03-2025» under a document opening «Teknik- og Miljøudvalget» / «03-03-2025».
    One alone is no document's name («Socialudvalget», `_names_document`).

    >>> titles = {"BORNHOLMS REGIONSKOMMUNE", "Teknik- og Miljøudvalget", "03-03-2025", "REFERAT"}
    >>> [_of_title_lines(head, titles) for head in ("Teknik- og Miljøudvalget 03-03-2025", "Teknik- og Miljøudvalget",
    ...                                             "Teknik- og Miljøudvalget 03-03-2025 i alt")]
    [True, False, False]
    """
    rest, used = f" {head} ", 0
    for title in sorted(titles, key=len, reverse=True):
        if f" {title} " in rest:
            rest, used = rest.replace(f" {title} ", " ", 1), used + 1
    return used >= 2 and not _FOOTER_PARTS.sub("", rest).strip(" -–—·|•")


def _names_document(head: str, titles: set[str]) -> bool:
    """Whether a footer's head names the document: what it is («Referat», «Dagsorden», «Årsberetning»,
    «Beslutningsprotokol»), the municipality, or one of its title lines. A council or a date alone is
    no document's name: «Socialudvalget – 2» counts meetings with the committee, «Fase – 1» a phase.

    >>> titles = {"Handicaprådet", "Årsberetning 2024", "Møder med politikerne"}
    >>> [_names_document(head, titles) for head in ("Referat", "Silkeborg Kommune", "Møder med politikerne",
    ...                                              "Handicaprådet", "Socialudvalget")]
    [True, True, True, False, False]
    """
    return (any(p.search(head) for p in (cv.MINUTES_WORD, cv.AGENDA_WORD, cv.ANNUAL_WORD, _FOOTER_WHERE_WHEN[0]))
            or any(part in titles and not _COUNCIL_ALONE.fullmatch(part) for part in _FOOTER_PARTS.split(head)))


_COUNCIL_ALONE = re.compile(cv.COUNCIL_PATTERN)


def _lower_page_footers(texts: Sequence[str]) -> list[int]:
    """Indexes of the lines ending in «side N af M» in lower case, set off (`_LOWER_PAGE_FOOTER`) after a
    head read as a footer's: a title, not a sentence (`_LOWER_WORD`), naming the document, its
    municipality, a council or a date (`_FOOTER_NAMES`). Set off alone is not enough: «Godkendt med de
    ændringer, der fremgår af bilag 1 – side 2 af 3» was a decision's only line, and «Høringssvar fra
    skolebestyrelsen    side 2 af 3» a table's row (code review 36). Nor is a name in it: the head says
    nothing else (`_is_footer_head`), «Høringssvar fra Ældrerådet    side 1 af 3» is a row too (code review 37).

    >>> _lower_page_footers(["Socialudvalget 02-06-2025      side 2 af 3", "Se oversigten side 2 af 3",
    ...                      "*Aarhus Kommune – Referat af Byrådets møde 11. juni 2025 – side 3 af 3*",
    ...                      "Godkendt med de ændringer, der fremgår af bilag 1 – side 2 af 3",
    ...                      "Høringssvar fra skolebestyrelsen    side 2 af 3",
    ...                      "Høringssvar fra Ældrerådet    side 1 af 3", "Økonomiudvalgets møde – side 1 af 2"])
    [0, 2, 6]
    """
    out = []
    for index, line in enumerate(texts):
        if (len(line) <= 2 * _FOOTER_HEAD and line.rstrip(" \t*_")[-1:].isdigit()
                and (match := _LOWER_PAGE_FOOTER.match(line))):
            head = match.group("head")
            # the glue joining the names counts for nothing: «Referat af Byrådets møde onsdag den 11. juni 2025»
            # says no more than «Referat – Byrådet – onsdag 11.06.2025» (code review 40); `_is_footer_head`
            # vets every lower-case word against the closed lists
            lower = [word for word in _LOWER_WORD.findall(head) if not _FOOTER_GLUE.fullmatch(word)]
            if head[:1].isupper() and len(lower) <= _LOWER_WORDS_REPEATED and _is_footer_head(head):
                out.append(index)
    return out


def _is_footer_head(head: str) -> bool:
    """Whether a head before «side N af M» is a footer's: it opens with its names (`_FOOTER_NAMES`), a
    town or a qualifier directly before one («Aarhus Byråd», «Offentligt referat») or the meeting
    (`_FOOTER_GLUE`), and then says nothing but names and the words joining them, a town after «i»
    («Ældrerådet i Skovby»), or, naming the document and the meeting's date both, what a footer adds to
    them (a weekday, «Åben del», «Rådhuset»). A head opening with any other word is a phrase ending in a
    page reference: «Høringssvar fra Ældrerådet», «Godkendt med ændringer fra Ældrerådet» (code review 38).

    >>> [_is_footer_head(head) for head in ("Byrådsmøde", "Protokol", "Skovby Kommune · Referat · ØU · 12.03.2025",
    ...                                     "Ældrerådet i Skovby – Referat", "Ældrerådet · Referat · 3. juni 2025 · Rådhuset",
    ...                                     "Høringssvar fra Ældrerådet", "Godkendt med ændringer fra Ældrerådet")]
    [True, True, True, True, True, False, False]
    >>> [_is_footer_head(head) for head in ("Referat – Byrådet – 11.06.2025 – Åben del", "Byrådet vedtog protokol 11. juni 2025",
    ...                                     "Økonomiudvalget godkendte referat 14.04.2025")]
    [True, False, False]
    """
    spans = sorted(match.span() for pattern in (*_FOOTER_NAMES, _DOCUMENT_WORD) for match in pattern.finditer(head))
    if not spans:
        return False
    named = [False] * len(head)
    for start, end in spans:
        named[start:end] = [True] * (end - start)
    words = [word for word in _FOOTER_WORD.finditer(head) if not named[word.start()]]
    dated_document = (_FOOTER_WHERE_WHEN[1].search(head) is not None
                      and any(p.search(head) for p in (cv.MINUTES_WORD, cv.AGENDA_WORD, _FOOTER_NAMES[-1], _DOCUMENT_WORD)))

    def before_name(word: re.Match[str]) -> bool:  # «Aarhus Byråd», «Offentligt referat»: one word, then a name
        return word.group()[:1].isupper() and any(start == word.end() + 1 for start, _ in spans)

    def town(index: int) -> bool:  # «Ældrerådet i Skovby»: a capitalised word after «i», ending its part
        word = words[index]
        after = head[word.end():]
        return (word.group()[:1].isupper() and index > 0 and words[index - 1].group() == "i"
                and (not after.strip(" \t") or _FOOTER_PARTS.match(after) is not None))

    def addition(word: re.Match[str]) -> bool:  # «Tirsdag», «Åben del», «Rådhuset»: what a dated document's footer adds
        return word.group()[:1].isupper() or _FOOTER_ADDITION.fullmatch(word.group()) is not None

    first = min(spans[0][0], words[0].start() if words else len(head))
    # («Udkast til referat – …», «Ikke godkendt referat – …»: a dated document's state opens its footer, code review 41)
    if first < spans[0][0] and not (_FOOTER_GLUE.fullmatch(words[0].group()) or before_name(words[0])
                                    or dated_document and _FOOTER_ADDITION.fullmatch(words[0].group())):
        return False  # opens with a phrase's word: «Høringssvar fra …», «Godkendt med …»
    # any other word in lower case is a sentence's, a verb after the council's name: «Økonomiudvalget godkendte
    # referat 14.04.2025» is a decision (code review 39)
    return all(_FOOTER_GLUE.fullmatch(word.group()) or before_name(word) or town(index)
               or dated_document and addition(word) for index, word in enumerate(words))


def _alone(texts: Sequence[str], index: int) -> bool:
    """Whether a line is a paragraph of its own: blank (or nothing) above and below it."""
    return all(not (0 <= k < len(texts)) or not texts[k].strip() for k in (index - 1, index + 1))


def _footer_texts(pages: Sequence[Page], kind: str, page_starts: Collection[int] = ()) -> list[str]:
    """The running footers without «af M» (`_running_footers`) of a file as `clean` writes them, in
    order: of a PDF's pages with a blank line between them (a page's edge is a paragraph's), of a
    text file whole (`page_starts`: the lines after its form feeds)."""
    if kind != "pdf":
        texts = _text_of(pages).split("\n")
    else:
        texts, starts = [], []
        for page in pages:
            starts.append(len(texts))
            texts += [*page.text.split("\n"), ""]
        page_starts = starts[1:]
    return list(dict.fromkeys(_clean_line(texts[index]) for index in _running_footers(texts, page_starts)))


def _text_lines(text: str, opening_lines: frozenset[int] = frozenset()) -> list[Line]:
    """Lines of a text file; running headers removed on pseudo-pages cut at its footers and form feeds (`_pseudo_pages`)."""
    pseudo_pages, starts = _pseudo_pages(text, opening_lines)
    if len(pseudo_pages) < _MIN_PSEUDO_PAGES:
        return [Line(line, 1, n) for n, line in enumerate(text.split("\n"), 1)]
    lines = _lines_of_pages(pseudo_pages, strip_running_chrome(pseudo_pages))
    # Back to file line numbers: a text file has one real page.
    return [Line(line.text, 1, starts[line.page - 1] + line.number) for line in lines]


def _clean_line(text: str, contents: bool = False) -> str:
    """A line without markup; `contents`: a row of a Markdown table that reads as contents
    (`_contents_table_rows`), whose entries become dotted-leader lines."""
    text = text.replace("\u00ad", "").replace("\u00a0", " ").replace("\t", " ").strip()
    if text and text[0] >= "\u2300":  # one comparison a line: most start with a letter below it
        # an emoji before a heading or a label («📌 1. Godkendelse …», «✅ Beslutning», «👥 Til stede:»)
        # hid it from every convention; one inside the text is kept (html5 review)
        text = _LEADING_EMOJI.sub("", text)
    # Each markup pattern only where its first character occurs: this runs on every line.
    if text.startswith("|"):
        row = _MD_TABLE_ROW.match(text)
        if row:
            text = _table_row(row.group(1), contents)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", _MD_HARD_BREAKS.sub("", text))
    if text.startswith("#"):
        text = _MD_HEADING.sub("", text.strip())
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _MD_BOLD.sub(r"\2", text)
    if "*" in text or "_" in text:
        text = _MD_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    if "<" in text:
        text = _TAG.sub("", text)
    if _RULE.match(text):
        return ""
    return " ".join(text.split())


def _table_row(inner: str, contents: bool = False) -> str:
    """A markdown table row as text; a contents row (number | title | page) of a table that reads
    as contents as a dotted-leader entry."""
    cells = [c.strip() for c in inner.split("|")]
    cells = [c for c in cells if c]
    if all(re.fullmatch(r":?-+:?", c) for c in cells):
        return ""  # the |---|---| rule under a header row
    if contents and _contents_entry(cells):
        return " ".join(cells[:-1]) + " ..... " + cells[-1]
    return "  ".join(cells)


def _contents_entry(cells: Sequence[str]) -> bool:
    """Whether a table row's cells are shaped as a contents entry: a title and its page, a number
    before it at most («1. | Forord | 2»); a row with more figures («| Møder | 10 | 11 |») is not."""
    title = cells[-2] if len(cells) >= 2 else ""
    return bool(len(cells) in (2, 3) and cells[-1].isdigit() and len(cells[-1]) <= 3
                and re.search(r"[^\W\d_]", title) and not re.fullmatch(r"[\d.,\s%-]+", title)
                and all(re.fullmatch(r"\d{1,3}(?:\.\d{1,2})?\.?", c) for c in cells[:-2]))


_CONTENTS_WORD = re.compile(r"(?:indhold(?:sfortegnelse)?|side(?:tal|nr\.?)?|s\.)\s*:?", re.IGNORECASE)
_LEADING_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,2})*\.?\s+")


def _contents_table_rows(lines: Sequence[Line]) -> set[int]:
    """The rows of the Markdown tables that read as contents lists. Shaped row by row, a two-column
    table of figures («| Møder | 11 |») read as contents entries and all above it was lost (code
    review 16); the table decides: a header naming «Indhold»/«Side», a heading «Indhold» above it,
    rows numbering their titles («| 1. | Forord | 2 |»), or pages that rise with titles that come
    again below as headings."""
    if not any(line.text.lstrip().startswith("|") for line in lines):
        return set()
    rows: set[int] = set()
    i = 0
    while i < len(lines):
        if _table_cells(lines[i].text) is None:
            i += 1
            continue
        start = i
        while i < len(lines) and _table_cells(lines[i].text) is not None:
            i += 1
        run = [k for k in range(start, i) if not _is_table_rule(lines[k].text)]
        headed = start + 1 < i and _is_table_rule(lines[start + 1].text)
        header = [c for c in _table_cells(lines[start].text) or [] if c] if headed else []
        entries = [(k, cells) for k in run if (cells := [c for c in _table_cells(lines[k].text) or [] if c])
                   and _contents_entry(cells)]
        if not entries:
            continue
        above = next((_clean_line(lines[k].text) for k in range(start - 1, max(start - 4, -1), -1)
                      if lines[k].text.strip()), "")
        pages = [int(cells[-1]) for _, cells in entries]
        numbered = all(len(cells) == 3 for _, cells in entries)
        reads = (any(_CONTENTS_WORD.fullmatch(c) for c in header) or bool(re.fullmatch(r"indhold(?:sfortegnelse)?:?", above, re.I))
                 or (numbered and pages == sorted(pages)))
        if not reads and len(entries) >= 2 and pages == sorted(pages):
            seen = {_LEADING_NUMBER.sub("", _clean_line(line.text)).casefold() for line in lines[i:]}
            titles = [_LEADING_NUMBER.sub("", _clean_line(cells[-2])).casefold() for _, cells in entries]
            reads = 2 * sum(t in seen for t in titles) > len(titles)  # most of them
        if reads:
            rows.update(k for k, _ in entries)
    return rows


_CELL_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _markdown_item_tables(lines: list[Line]) -> list[Line]:
    """Markdown tables of agenda items, a row per item under a header row naming the item number
    and title columns ("| Pkt. | Emne | Sagsnr. | Beslutning |"), as the lines segmentation reads,
    as an HTML table of items is read (`indexer.htmltext.item_lines`); `<br>` breaks a cell's lines."""
    tables: list[tuple[int, int, list[tuple[str, str]]]] = []
    rule = _TABLE_RULE.match
    for i in [i for i, line in enumerate(lines) if rule(line.text)]:  # one C-level pass over the lines
        header = _table_cells(lines[i - 1].text) if i and (not tables or i > tables[-1][1]) else None
        columns = item_columns(header) if header is not None and _is_table_rule(lines[i].text) else None
        if columns is None:
            continue
        end = i + 1
        while end < len(lines) and _table_cells(lines[end].text) is not None:
            end += 1
        tables.append((i - 1, end, columns))
    if not tables:
        return lines
    out: list[Line] = []
    done = 0
    for start, end, columns in tables:
        out += lines[done:start]
        out += [Line("", line.page, line.number) for line in lines[start:start + 2]]  # header row and rule
        for row in lines[start + 2:end]:
            cells = [[part.strip() for part in _CELL_BREAK.split(cell) if part.strip()]
                     for cell in _table_cells(row.text) or []]
            out += [Line(text, row.page, row.number) for text in item_lines(columns, cells)]
            out.append(Line("", row.page, row.number))
        done = end
    return out + lines[done:]


# A table of agenda items flattened to text (a PDF's decision record, «Beslutningsprotokol»): a header row
# whose cells stand apart by column gaps names an item number, a title and a field or decision column
# («Pkt.   Sag   Sagsnr.   Beslutning», `item_columns`); each row starts with the item's number in the
# first column, and the lines under it (blank in the number's column) go on with its cells, each word
# in the column it starts under.
_SPACED_GAP = re.compile(r" {2,}|\t")


def _spaced_cells(text: str) -> list[tuple[int, str]]:
    """A line's cells as (column, text), split at its column gaps."""
    text = text.expandtabs(8)
    cells, at = [], 0
    for part in _SPACED_GAP.split(text):
        start = text.index(part, at) if part else at
        if part.strip():
            cells.append((start + len(part) - len(part.lstrip()), part.strip()))
        at = start + len(part)
    return cells


def _spaced_item_tables(lines: list[Line]) -> list[Line]:
    """Tables of agenda items flattened to text (see `_SPACED_GAP`), as the lines segmentation reads,
    as a Markdown or HTML table of items is read (`indexer.htmltext.item_lines`)."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        if _opens_items(lines[i].text):  # a table after this is inside an item: its text (a status table)
            return out + lines[i:]
        header = _spaced_cells(lines[i].text) if _SPACED_GAP.search(lines[i].text.strip()) else []
        columns = item_columns([text for _, text in header], declared=False) if len(header) >= 3 else None
        if columns is None or columns[0][0] != "number":
            out.append(lines[i])
            i += 1
            continue
        starts = [at for at, _ in header]
        rows: list[tuple[Line, list[list[str]]]] = []
        k = i + 1
        while k < len(lines):
            cells = _spaced_cells(lines[k].text)
            if not cells:
                k += 1
                continue
            if cells[0][0] < starts[1] - 1:  # the number's column: a new row, or the table's end
                if not re.fullmatch(r"\d{1,3}[.)]?", cells[0][1]):
                    break
                rows.append((lines[k], [[] for _ in columns]))
            elif not rows:
                break
            for at, text in cells:
                column = max(c for c, start in enumerate(starts) if start - 1 <= at or c == 0)
                rows[-1][1][column].append(text)
            k += 1
        if not rows:
            out.append(lines[i])
            i += 1
            continue
        out.append(Line("", lines[i].page, lines[i].number))  # the header row
        for first, cells in rows:
            # the title wraps in its narrow column ("Vejnavn til nyt boligområde ved" / "Kirkebakken"): one title
            cells = [[" ".join(cell)] if kind == "title" and cell else cell for (kind, _), cell in zip(columns, cells)]
            out += [Line(text, first.page, first.number) for text in item_lines(columns, cells)]
            out.append(Line("", first.page, first.number))
        i = k
    return out


def _opens_items(text: str) -> bool:
    """Whether a line is an agenda item's heading or a section label: a table of items flattened to
    text is the document's list of items, before any of them; one inside an item («Nr.  Emne
    Beslutning» / «1  Sprogcafé  Iværksat») made fake items of its rows (a code review)."""
    text = text.strip()
    return bool(text) and bool(cv.NUMBERED_HEADING.match(text) or cv.PUNKT_HEADING.match(text)
                               or cv.label_of(text) or cv.inline_label(text))


def _without_field_table_headers(lines: list[Line]) -> list[Line]:
    """Markdown tables of field/value pairs without their header row ("| Felt | Værdi |"), and a case's
    facts as columns as field lines.

    Such a table prints an item's field lines ("| Sagsnr. | 24/0201 |"); its header row names no
    field and would stand between the item's heading and its field lines, its anchor. A table of
    two columns whose rows include a field line (`conventions.field_line`) is one; other tables
    keep their header row, which says what their columns hold.

    A row of field names over one row of values («| Sagsnummer | Ansvarlig |» / «| 25/002211-4 | Niels
    Højberg Kirk |», Aarhus: the layouts14 review) is the case's facts as eDoc's HTML prints them
    (`indexer.htmltext._fact_lines`): read as one field line a value, "Sagsnummer: 25/002211-4". Only
    where every header cell names a field (`_names_field`) and exactly one row follows.
    """
    headers: set[int] = set()
    facts: dict[int, list[str]] = {}  # a row of values -> its field lines
    rule = _TABLE_RULE.match
    k = 0  # the end of the last table read: its rows are looked at once
    for i in [i for i, line in enumerate(lines) if rule(line.text)]:  # one C-level pass over the lines
        if i < k or not (i and _table_cells(lines[i - 1].text) is not None and _is_table_rule(lines[i].text)):
            continue
        header, rows = _table_cells(lines[i - 1].text), []
        k = i + 1
        while k < len(lines) and (cells := _table_cells(lines[k].text)) is not None:
            rows.append(cells)
            k += 1
        if header is None:
            continue
        if len(rows) == 1 and len(rows[0]) == len(header) and all(map(_names_field, header)):
            headers.add(i - 1)
            facts[i + 1] = [f"{name.rstrip(':').strip()}: {value}" for name, value in zip(header, rows[0]) if value]
        elif len(header) == 2 and rows and all(len(row) == 2 for row in rows) and any(
                cv.field_line(f"{name.rstrip(':')}: {value}") for name, value in rows):
            # unless the «header» is the first pair, as Pandoc makes a Word table without one: «| Sagsnr. |
            # 25/1234 |» over the rule (code review 41: the case number was lost)
            if not (cv.field_line(f"{header[0].rstrip(':')}: {header[1]}") and not _names_column(header[1])):
                headers.add(i - 1)
    if not headers:
        return lines
    out: list[Line] = []
    for i, line in enumerate(lines):
        if i in facts:
            out += [Line(text, line.page, line.number) for text in facts[i]]
        else:
            out.append(Line("", line.page, line.number) if i in headers else line)
    return out


def _label_table_rows(lines: list[Line]) -> list[Line]:
    """A table of field/value pairs that also prints an item's sections («| Sagsnr. | 25/4410 |», «| Beslutning |
    Godkendt |», Markdown's or a grid table's between «+----+----+» borders): a row whose first cell is a section
    label (`conventions.label_of`) as the label's line and the cell's text, as the section is printed
    elsewhere; joined on one line, «Beslutning Godkendt» was no label and the decision was lost (layouts16
    review). Only a table of two columns whose first row names a field or a section, or a field under a header
    row: a table of figures with «| Økonomi | 500 |» somewhere in it keeps its rows, and a label beside a bare
    figure is none. A header row naming columns («| Beslutning | Dato |», `_names_column`) is no pair, whatever its
    first cell; one with a text beside its label («| Beslutning | Godkendt |») is one. A row with an empty first cell goes on with
    the cell above it (a grid table's wrapped cell) and is left as text; a header row naming neither is dropped.
    """
    split: dict[int, list[str]] = {}  # a label's row -> the label's line and its text; a header's -> none
    i = 0
    while i < len(lines):
        if not _in_table(lines[i].text):
            i += 1
            continue
        start = i
        while i < len(lines) and _in_table(lines[i].text):
            i += 1
        rows = [(k, cells) for k in range(start, i) if (cells := _table_cells(lines[k].text)) is not None
                and not _is_table_rule(lines[k].text) and any(cells)]
        if not rows or any(len(cells) != 2 for _, cells in rows):
            continue
        # a header row, above Markdown's rule or a grid table's «+====+», names the columns («| Felt | Værdi |»,
        # «| Beslutning | Dato |», «| Økonomi | 2025 |»), whatever its first cell says; it is a field/value pair
        # only where it is one and so is the row under it, if any («| Beslutning | Godkendt |» / «|---|---|», Odder's
        # table of one pair): a history of decisions or a table of figures under it keeps its rows (code review 39)
        # a header row only where its cells are column names (`_names_column`): a label beside a text is a pair
        # whatever follows it: «| Beslutning | Godkendt |» / «|---|---|» / «| Fraværende | Anne Holm |», Word's and
        # Pandoc's decision table (code review 40)
        header = {k for k, cells in rows if k + 1 < i and _header_rule(lines[k + 1].text)
                  and all(_names_column(_clean_line(cell)) for cell in cells)}
        body = [(k, cells) for k, cells in rows if k not in header]
        if not body:
            continue
        first = _clean_line(body[0][1][0])  # «| **Beslutning** | … |»: the label under its markup
        # under a header, a field's row first, as `_without_field_table_headers` reads a field table: «| Møder |
        # 11 |» over «| Høringssvar | 14 |» is a table of figures whose header row names no column
        if not (_names_field(first) if header else _names_row(first, body[0][1][1])):
            continue
        split.update((k, [cells[0], cells[1]] if cells[1] else [cells[0]])
                     for k, cells in body if cells[0] and cv.label_of(_clean_line(cells[0])) and _text_like(cells[1]))
        # the header would stand between the item's heading and its fields, as `_without_field_table_headers`
        # says of a Markdown table's
        split.update((k, []) for k in header)
    if not split:
        return lines
    out: list[Line] = []
    for k, line in enumerate(lines):
        out += [Line(text, line.page, line.number) for text in split[k] or [""]] if k in split else [line]
    return out


def _names_row(cell: str, value: str = "") -> bool:
    """Whether a table's row is a field line or a section: its first cell names a field, or a section
    whose text (`value`) reads as text; «| Økonomi | 2025 |» and «| Økonomi | 500 |» are figures.

    >>> [_names_row(*row) for row in (("Sagsnr.", "25/4410"), ("Beslutning", "Godkendt"), ("Beslutning", ""),
    ...                               ("Økonomi", "2025"), ("Økonomi", "11.200"), ("Projektering", "500"))]
    [True, True, True, False, False, False]
    """
    return bool(cell) and bool(_names_field(cell) or cv.label_of(cell) and _text_like(value))


def _names_column(cell: str) -> bool:
    """Whether a header row's cell names a column: a field's or a section's name («Sagsnr.», «Beslutning») or
    a word tables name their columns by («Dato», «Værdi», «Navn»); no number, sentence or full stop. «Godkendt»,
    «Ø stemte imod», «2025» and «25/3901» are values: the row above the rule is a pair then (code review 40).

    >>> [_names_column(cell) for cell in ("Dato", "Værdi", "Beslutning", "Sagsnr.", "Godkendt", "2025", "Udsat.")]
    [True, True, True, True, False, False, False]
    """
    name = " ".join(cell.split()).rstrip(":")
    if not name or any(c.isdigit() for c in name) or len(name.split()) > _COLUMN_NAME_WORDS:
        return False
    return bool(_COLUMN_NAME.fullmatch(name) or _names_field(name) or not name.endswith(".") and cv.label_of(name))


# What tables name their columns by, besides an item's fields and sections: a closed list, as a column's name is
# a noun for what the column holds; a decision's word («Godkendt», «Udsat») is no column's.
_COLUMN_NAME = re.compile(r"(?i:felt|værdi|navn|navne|dato|datoer|år|periode|tidspunkt|emne|titel|overskrift|tekst"
                          r"|indhold|beskrivelse|bemærkning|bemærkninger|kommentar|kommentarer|note|noter|status"
                          r"|beløb|antal|udvalg|organ|mødedato|møde|sag|punkt|nr|type|kategori|oplysning|oplysninger"
                          r"|forslag|ansvarlig|frist|parti|stemmer|kilde|henvisning)")
_COLUMN_NAME_WORDS = 3


def _text_like(value: str) -> bool:
    """Whether a table's cell beside a section label can be the section's text: empty (the text follows)
    or with a letter in it; a bare number, amount or year is a figure."""
    return not value.strip() or any(c.isalpha() for c in value)


def _header_rule(text: str) -> bool:
    """Whether a line is the rule under a table's header row: Markdown's «|---|---|», a grid table's «+===+===+»."""
    return _is_table_rule(text) or ("=" in text and _GRID_BORDER.match(text.strip()) is not None)


def _in_table(text: str) -> bool:
    """Whether a line is a table's: a Markdown row or rule, or a grid table's border."""
    text = text.strip()
    return text[:1] in ("|", "+") and (_table_cells(text) is not None or _GRID_BORDER.match(text) is not None)


def _names_field(header: str) -> bool:
    """Whether a table's header cell names an item's field ("Sagsnummer", "Sagsbehandler", "Dokumentnr."):
    a field line with it as its label and a value («Sagsnummer: 24/1») reads a field."""
    name = " ".join(header.split()).rstrip(":").strip()
    field = cv.field_line(f"{name}: 24/1") if name else None
    return field is not None and bool(field.fields)


_TABLE_RULE = re.compile(r"\s*\|\s*:?-")  # "|---|---|", "| :--- | ---: |": a rule's start


def _table_cells(text: str) -> list[str] | None:
    """The cells of a Markdown table row, or None for another line."""
    row = _MD_TABLE_ROW.match(text.strip())
    return [cell.strip() for cell in row.group(1).split("|")] if row else None


def _is_table_rule(text: str) -> bool:
    cells = _table_cells(text)
    return bool(cells) and all(re.fullmatch(r":?-+:?", cell) for cell in cells)


def _is_chrome(text: str) -> bool:
    return bool(text) and (_ANY_CHROME.match(text) is not None or _SITE_FOOTER.match(text) is not None
                           or (text[:1] in "Ss" and _page_first_footer(text)))


# A footer opening with its page number, its names after a separator: «Side 1 af 1 · Odense Kommune ·
# By- og Kulturudvalget · 04.02.2025» (a cleaned line: whitespace collapsed, emphasis gone).
_PAGE_FIRST_FOOTER = re.compile(r"^(?i:side)\s+\d+\s+af\s+\d+\s+[-–—·|•]\s+(?P<head>\S.{0,%d})$" % _FOOTER_HEAD)


def _page_first_footer(text: str) -> bool:
    """Whether a line is a footer printing «Side N af M» first, then what a footer's head names and nothing
    else (`_is_footer_head`): after the last item it read as its decision (layouts17 review). «Side 3 af 8 –
    se tabellen» is a reference.

    >>> [_page_first_footer(t) for t in ("Side 1 af 1 · Odense Kommune · By- og Kulturudvalget · 04.02.2025",
    ...                                  "Side 2 af 3 - Referat - Byrådet", "Side 3 af 8 - se tabellen nedenfor")]
    [True, True, False]
    """
    match = _PAGE_FIRST_FOOTER.match(text)
    return match is not None and _is_footer_head(match.group("head").rstrip(" *_"))


class Vocabulary:
    """The words a document uses elsewhere, to tell a split word from a real hyphen or dash.

    The halves of words split at line ends are not counted as words of their own, or every
    fragment ("famili", "erne") would look known. Counted when first asked: only a line
    ending in a hyphen asks, and most text files have none (3 % of a build's CPU went into
    counting the words of every file).
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = lines

    @cached_property
    def words(self) -> frozenset[str]:
        lines = self._lines
        # Counted by C-level calls (a file's every line).
        tokens = list(map(str.lower, _VOCABULARY_TOKEN.findall("\n".join(lines))))
        counts = Counter(tokens)
        counts.update(part for token in tokens if "-" in token for part in token.split("-"))
        for a, b in zip(lines, lines[1:]):
            if not a.endswith("-"):
                continue
            end, start = _line_end_hyphen(a), _LINE_START_WORD.match(b)
            if end and start:
                counts[end.word.lower()] -= 1
                counts[start.group(1).lower()] -= 1
        return frozenset(w for w, n in counts.items() if n > 0)

    @cached_property
    def stems(self) -> frozenset[str]:
        """The stems of the words (only asked for when a line ends in a hyphen)."""
        return frozenset(stem(fold(w)) for w in self.words)

    def knows(self, word: str) -> bool:
        word = word.lower()
        return word in self.words

    def knows_form_of(self, word: str) -> bool:
        """The word or another inflection of it ("familierne" when "familier" occurs)."""
        return self.knows(word) or stem(fold(word.lower())) in self.stems


_VOCABULARY_TOKEN = re.compile(r"\w+(?:-\w+)*")


# --- Hyphenation -----------------------------------------------------------------------

class _HyphenEnd(NamedTuple):
    """A line ending in a hyphen: its last token's part before the word (`prefix`), the word, whether a
    space stands before the hyphen, and where the word starts."""

    prefix: str
    word: str
    spaced: bool
    start: int


def _line_end_hyphen(text: str) -> _HyphenEnd | None:
    """What `(\\S*?)(\\w+)( ?)-$` finds, read from the line's end: that regex searched a long token with
    no spaces from each of its positions, cubic in its length (a redos review: a 10 KB file took a minute).

    >>> _line_end_hyphen("en integra-"), _line_end_hyphen("(Beskæftigelses -"), _line_end_hyphen("a--")
    (_HyphenEnd(prefix='', word='integra', spaced=False, start=3), _HyphenEnd(prefix='(', word='Beskæftigelses', spaced=True, start=1), None)
    >>> _line_end_hyphen("x  -"), _line_end_hyphen("ord"), _line_end_hyphen("e-mail-")
    (None, None, _HyphenEnd(prefix='e-', word='mail', spaced=False, start=2))
    """
    if not text.endswith("-"):
        return None
    end = len(text) - 1
    spaced = end > 0 and text[end - 1] == " "
    if spaced:
        end -= 1
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):  # as `\w` reads
        start -= 1
    if start == end:
        return None
    token = start
    while token > 0 and not text[token - 1].isspace():
        token -= 1
    return _HyphenEnd(text[token:start], text[start:end], spaced, start)


_LINE_START_WORD = re.compile(r"^(\w[\w\-]*)([^\w\s]*)(.*)$")


def join_hyphenation(lines: Sequence[Line], vocabulary: Vocabulary | None = None) -> list[Line]:
    """Join words split by a hyphen at a line end, keeping real hyphens.

    `integra-` + `tion` → `integration`; `Beskæftigelses-` + `og` keeps `Beskæftigelses- og`;
    `Waage-` + `Jensen` keeps the hyphen (a name); a hyphen after a space is a dash unless the
    joined word is known from the document. The completed word stays on the first line.
    """
    out = list(lines)
    vocabulary = vocabulary or Vocabulary([line.text for line in lines])
    for i in range(len(out)):
        match = _line_end_hyphen(out[i].text)
        if not match:
            continue
        j = _next_text_line(out, i)
        if j is None:
            continue
        start = _LINE_START_WORD.match(out[j].text)
        if not start:
            continue
        prefix, left, spaced = match.prefix, match.word, match.spaced
        right, punctuation, rest = start.group(1), start.group(2), start.group(3)
        joined = _join(prefix, left, right, spaced, vocabulary)
        if joined is None:
            continue
        head = out[i].text[: match.start]
        out[i] = Line(head + joined + punctuation, out[i].page, out[i].number)
        out[j] = Line(rest.strip(), out[j].page, out[j].number)
    return out


# A soft hyphen at a line's end (spaces after it too): the word goes on, whatever its halves
# (a hyphen that stays is printed as one). Its lines are noted before `_clean_line` deletes the
# soft hyphen («flygt» + «ninge» reached `join_hyphenation` as two words: «flygt ninge»), and
# joined after the page chrome is blanked: a page break's «Side 1 af 2» between the halves was
# glued into the word («flygtSide»).
_SOFT_HYPHEN_END = re.compile(r"\u00ad[\s\u00ad]*$")
_FIRST_WORD = re.compile(r"\s*(\S+)\s*(.*)$")
_SOFT_HYPHEN_GAP = 8  # blank lines (a page's footer and header blanked) the word may go on across


def _soft_hyphens_joined(lines: list[Line], ends: set[int]) -> list[Line]:
    """Words broken at a soft hyphen at the end of the lines `ends`, whole on the first line (as
    `join_hyphenation`), across blank lines; a word broken twice («ud», «dan», «nelse») too.

    >>> lines = [Line("af flygt", 1, 1), Line("", 1, 2), Line("ninge, som", 2, 3), Line("ud", 2, 4), Line("dan", 2, 5), Line("nelse", 2, 6)]
    >>> [line.text for line in _soft_hyphens_joined(lines, {0, 3, 4})]
    ['af flygtninge,', '', 'som', 'uddannelse', '', '']
    """
    out = list(lines)
    for i in sorted(ends):
        while out[i].text:  # empty: its word went to the line before (a word broken twice)
            j = next((k for k in range(i + 1, min(len(out), i + 1 + _SOFT_HYPHEN_GAP)) if out[k].text.strip()), None)
            if j is None:
                break
            first = _FIRST_WORD.match(out[j].text)
            out[i] = Line(out[i].text.rstrip() + first.group(1), out[i].page, out[i].number)
            out[j] = Line(first.group(2), out[j].page, out[j].number)
            if j not in ends or out[j].text:  # the word ended on line j
                break
    return out


def _next_text_line(lines: Sequence[Line], i: int) -> int | None:
    """The next non-blank line, allowing one blank line between (some extractions double-space)."""
    if i + 1 < len(lines) and lines[i + 1].text:
        return i + 1
    if i + 2 < len(lines) and not lines[i + 1].text and lines[i + 2].text:
        return i + 2
    return None


def _join(prefix: str, left: str, right: str, spaced: bool, vocabulary: Vocabulary) -> str | None:
    """The text that replaces `left-` + `right`, or None to leave both lines alone."""
    whole = left + right
    hyphenated = f"{left}-{right}"
    if "://" in prefix or prefix.startswith("www.") or "/" in prefix:
        return hyphenated  # a URL broken at one of its own hyphens
    if right.lower() in _CONJUNCTIONS:
        return None  # "for- og næstforperson": a suspended compound, the hyphen is real
    if spaced:
        # pdfminer writes "na -" where justification put a gap before the hyphen. A spaced
        # hyphen between two words the document uses on their own is a dash ("Congo - der"),
        # and so is one after a number ("Integrationspolitik 2020-2023 -" + "endelig vedtagelse").
        if left[-1].isdigit():
            return None
        if vocabulary.knows_form_of(whole):
            return whole
        return None if vocabulary.knows(left) and vocabulary.knows(right) else whole
    if right[:1].isupper() or left.isupper() or any(c.isdigit() for c in left + right):
        return hyphenated  # names (Waage-Jensen), acronyms (IT-, VM-), numbers (COVID-19)
    if hyphenated.lower() in kept_hyphen_words():
        return hyphenated
    if vocabulary.knows(hyphenated) and not vocabulary.knows_form_of(whole):
        return hyphenated
    return whole  # the common case: a word hyphenated by the typesetter


# --- Pages flattened onto one line (some PDF-to-text exports) ----------------------------

# Where a flattened page is broken back into lines: before field lines, around decision
# headers, section labels (followed by a capitalised sentence) and contents entries.
_FLAT_BREAKS = [
    (re.compile(r"\s+(?=(?:Sagsnr\.?|Sagsnummer|SagsID):\s)"), "\n"),
    (re.compile(r"\s+(?=(?:Fraværende|Medlemmer):\s)"), "\n"),
    # "Fraværende: Ole Riis (O) Godkendt.": an attendance list ends at its last party letter.
    (re.compile(r"(Fraværende:[^:]*?\([A-ZÆØÅ]{1,2}\))\s+(?=[A-ZÆØÅ])"), r"\1\n"),
    (re.compile(r"\s*\b(BESLUTNING I [A-ZÆØÅ\- ]+? DEN \d{1,2}-\d{1,2}-\d{4})\s*"), r"\n\1\n"),
    (re.compile(r"\s*\b(Indholdsfortegnelse)\s*"), r"\n\1\n"),
    (re.compile(r"(\.{4,}\d{1,3})\s+"), r"\1\n"),
    (
        re.compile(
            r"\s+\b(Beslutningstema|Indstilling|Sagsfremstilling|Økonomi|Resumé|Bilag|Lovgrundlag|Beslutning)"
            r"\s+(?=[A-ZÆØÅ])"
        ),
        r"\n\1\n",
    ),
]


def _break_flat(text: str) -> list[str]:
    for pattern, replacement in _FLAT_BREAKS:
        text = pattern.sub(replacement, text)
    return text.split("\n")


def _unflatten(lines: list[Line]) -> list[Line]:
    """Restore line structure where each page of a PDF export became one long line.

    The page index and `Side N af M` are dropped, the running header common to pages 2..n is
    dropped, and the text is broken before the field lines, section labels and contents
    entries that the segmenter reads line by line.
    """
    flat = [(i, _FLAT_PAGE.match(line.text.strip())) for i, line in enumerate(lines)]
    flat = [(i, m) for i, m in flat if m]
    if len(flat) < 2:
        return lines
    bodies = {i: m.group(2) for i, m in flat}
    header = _common_prefix([bodies[i].split() for i, _ in flat[1:]])
    out: list[Line] = []
    for i, line in enumerate(lines):
        if i not in bodies:
            out.append(line)
            continue
        words = bodies[i].split()
        if header and words[: len(header)] == header:
            words = words[len(header):]
        page = int(dict(flat)[i].group(3))
        for part in _break_flat(" ".join(words)):
            if part and part.strip():
                out.append(Line(part.strip(), page, line.number))
        out.append(Line("", page, line.number))
    return out



# --- Text with no line breaks --------------------------------------------------------------

# Real lines are at most a paragraph (the fixtures' longest: ~500 characters). A longer one is
# a file written without line breaks (or with one per page): it is broken into paragraphs of
# at most `_PARAGRAPH` characters, at sentence ends where there are any, else between words.
_LONG_LINE = 2000
_PARAGRAPH = 1000
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZÆØÅ0-9\"“«(])")


def _split_long_lines(lines: list[Line]) -> list[Line]:
    if all(len(line.text) <= _LONG_LINE for line in lines):
        return lines
    out: list[Line] = []
    for line in lines:
        if len(line.text) <= _LONG_LINE:
            out.append(line)
            continue
        for k, part in enumerate(_paragraphs(line.text)):
            if k:
                out.append(Line("", line.page, line.number))  # a paragraph break
            out.append(Line(part, line.page, line.number))
    return out


def _paragraphs(text: str) -> list[str]:
    """`text` in pieces of at most `_PARAGRAPH` characters, each ending at a sentence end when
    one falls in its second half, else at a space, else (one endless word) anywhere.

    >>> [(len(p) <= _PARAGRAPH, p[-4:]) for p in _paragraphs("Et ord. " * 300)]
    [(True, 'ord.'), (True, 'ord.'), (True, 'ord.')]
    >>> [len(p) for p in _paragraphs("x" * 2500)]
    [1000, 1000, 500]
    """
    parts: list[str] = []
    start, end = 0, len(text)
    while end - start > _PARAGRAPH:
        window = text[start:start + _PARAGRAPH]
        cut = 0
        for match in _SENTENCE_END.finditer(window, _PARAGRAPH // 2):
            cut = match.start() + 1
        if not cut:
            space = window.rfind(" ", _PARAGRAPH // 2)
            cut = space if space > 0 else _PARAGRAPH
        part = window[:cut].strip()
        if part:
            parts.append(part)
        start += cut
    rest = text[start:].strip()
    if rest:
        parts.append(rest)
    return parts

# --- Two columns flattened to text -----------------------------------------------------------

# Some templates print an item in two columns, the section label in the left one and its text in
# the right one; flattened to text, a line reads "Beslutning       Godkendt." and the text's next
# lines are indented to the right column. Whitespace is collapsed later (`_clean_line`), so the
# label is split from its text here, while the column gap still shows. The gap is a tab or two
# or more spaces; a single space where the label fills its column ("Sagsfremstilling Forvaltningen
# har …"), when the text starts at the right column of the file's other such lines or the next line
# is indented to it. The text starts as a sentence does (a capital, a digit, a quote): a justified
# line of prose («Indstilling  af  planen») is no column.
_COLUMN_GAP = re.compile(r"\t[ \t]*| {2,}")
_COLUMN_TEXT = re.compile(r"[A-ZÆØÅ0-9\"“”«'(]")
_MAX_LABEL_WORDS = 4  # "Indstilling og beslutning", "Udtalelser og høring"
# A line that may be one: a label's first word, then a gap and more (one regex call a line, as
# this looks at every line).
_LABEL_FIRST_WORDS = {form.split()[0] for label in cv.SECTION_LABELS for form in (label, label.upper())}
_COLUMN_CANDIDATE = re.compile(rf"(?:{'|'.join(sorted(map(re.escape, _LABEL_FIRST_WORDS), key=len, reverse=True))})[ \t]+\S")


def _column_split(text: str) -> tuple[str, str, int, bool] | None:
    """A line that is a section label in the left column and text in the right one, as (label as
    printed, the text, the text's column, whether the gap alone shows the columns); else None."""
    if len(text) > _LONG_LINE:  # a file on one line: no columns
        return None
    gap = _COLUMN_GAP.search(text)
    if gap and cv.label_of(text[:gap.start()]) and not text[:gap.start()].endswith(":"):
        label, rest = text[:gap.start()], text[gap.end():]
        wide = True
    else:
        words = text.split(" ", _MAX_LABEL_WORDS)
        count = next((n for n in range(1, min(len(words), _MAX_LABEL_WORDS + 1))
                      if cv.label_of(" ".join(words[:n])) and not words[n - 1].endswith(":")), None)
        if count is None:
            return None
        label, rest = " ".join(words[:count]), " ".join(words[count:])
        wide = False
    if not rest.strip() or not _COLUMN_TEXT.match(rest):
        return None
    return label, rest.strip(), len(text[:len(text) - len(rest)].expandtabs()), wide


def _indent(text: str) -> int:
    return len(text.expandtabs()) - len(text.expandtabs().lstrip(" "))


def _split_columns(lines: list[Line]) -> list[Line]:
    """Lines of two columns (see `_COLUMN_GAP`) split into the label's line and the text's."""
    match = _COLUMN_CANDIDATE.match
    found = {i: split for i, line in enumerate(lines) if match(line.text) and (split := _column_split(line.text))}
    if not found:
        return lines
    columns = {column for _, _, column, wide in found.values() if wide}
    out: list[Line] = []
    for i, line in enumerate(lines):
        split = found.get(i)
        if split:
            label, rest, column, wide = split
            following = next((lines[k].text for k in range(i + 1, len(lines)) if lines[k].text.strip()), "")
            if wide or column in columns or (_indent(following) == column and following.strip()):
                out += [Line(label, line.page, line.number), Line(rest, line.page, line.number)]
                continue
        out.append(line)
    return out


def _common_prefix(pages: list[list[str]]) -> list[str]:
    if len(pages) < 2:
        return []
    prefix = pages[0]
    for words in pages[1:]:
        n = 0
        while n < min(len(prefix), len(words)) and prefix[n] == words[n]:
            n += 1
        prefix = prefix[:n]
    return prefix if len(prefix) >= 3 else []


def reflow(lines: Iterable[str]) -> str:
    """Lines → paragraphs: a wrapped sentence is joined, other line breaks are kept.

    PDF-derived text breaks every visual line (sometimes with blank lines between), so a line
    starting in lower case after a line without closing punctuation continues the sentence.
    Blank lines separate paragraphs unless a sentence runs across them.
    """
    paragraphs: list[list[str]] = []
    blank = True
    for text in lines:
        if not text:
            blank = True
            continue
        if paragraphs and _continues(paragraphs[-1][-1], text, after_blank=blank):
            paragraphs[-1][-1] += " " + text
        elif paragraphs and not blank:
            paragraphs[-1].append(text)
        else:
            paragraphs.append([text])
        blank = False
    return "\n\n".join("\n".join(p) for p in paragraphs)


_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:d|bl\.a|f\.eks|jf|ca|kl|nr|pkt|mv|m\.v|mht|vedr|evt|inkl|ekskl|tlf|st)\.$")


# A day's ordinal ending a line ("den 18.") and a month's name, in lower case, starting the next.
_ORDINAL_END = re.compile(r"(?:^|\s)\d{1,2}\.$")
_MONTH_START = re.compile(rf"(?=[a-z])(?:{DANISH_MONTH_PATTERN})\b")
_ABBREVIATION_TAIL = 10  # longer than any match of _ABBREVIATION_END (" ekskl.": 7)
_QUOTED_TAIL = 8  # a full stop and its closing marks («.”)»)
_CLOSING = (".", ":", "!", "?", ";")
# A sentence's end inside closing quotes or brackets («… i lokalplanområdet."», «… godkendt.»», «(se
# bilag.)»; Danish quotes may close with «: »Byrådet …«): the quoted sentence ends the line as a full stop
# does; joined to the next, a quoted amendment took the decision on it («Ændringsforslaget blev forkastet
# …») into its own line.
_CLOSING_QUOTED = re.compile(r"[.:!?;][\"'”’»«›‹)\]]+$")
_WRAPPED_LINE = 60  # a line this long without closing punctuation was wrapped, not a heading


def _continues(previous: str, text: str, after_blank: bool = False) -> bool:
    # `previous` is the paragraph so far, so only its end is looked at: searched whole, a
    # long paragraph cost time in the square of its lines.
    if _ABBREVIATION_END.search(previous, max(0, len(previous) - _ABBREVIATION_TAIL)):  # "mødet d." + "29. oktober 2020."
        return text[:1].islower() or text[:1].isdigit()
    if not after_blank and _ORDINAL_END.search(previous, max(0, len(previous) - 4)) and _MONTH_START.match(text):
        return True  # "senest den 18." + "juni 2026.": a date wrapped after its day
    if previous.endswith(_CLOSING) or _is_list_item(text):
        return False
    if _CLOSING_QUOTED.search(previous, max(0, len(previous) - _QUOTED_TAIL)):
        # a quoted sentence's end; a line in lower case after it goes on a sentence whose bracket
        # ended in an abbreviation («… (ca. 20 mio. kr.)» + «til anlæg …»)
        return text[:1].islower()
    if after_blank and _is_list_item(previous):
        # A list item rarely ends in punctuation, so its length says nothing of wrapping: after
        # a blank line, a capitalised line is the next heading or paragraph ("• … helbred
        # m.m.)" + "" + "Branchepakker"), not the item's last words.
        return text[:1].islower()
    return text[:1].islower() or len(previous) >= _WRAPPED_LINE


def _is_list_item(text: str) -> bool:
    return bool(_LIST_ITEM.match(text))


# "- ", "• ", "1) ", "2. ", "a) ": not a date at a line start ("7. september. Flere …").
_LIST_ITEM = re.compile(rf"([-•o▪*]\s|\d{{1,2}}[.)]\s(?!\s*{DANISH_MONTH_PATTERN}\b)|[a-z]\)\s)")
