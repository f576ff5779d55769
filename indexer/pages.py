"""Running headers and footers: lines a layout repeats at the top or bottom of every page.

`Integrationsrådet – Referat 23.02.2017`, `Side 3 af 8`, a bare `3` under the text: they are
page furniture, not minutes, and would otherwise land inside passages (and split an item that
runs across a page break). A line is chrome when the same *shape* (digits may change) is the
outermost line on many pages; it is then removed where it sits near that edge.

Pure and generic: pages in, pages out. It works on PDF pages and equally on the pseudo-pages
a segmenter cuts from a text file at its `Side N af M` lines.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import takewhile

from indexer.dates import find_dates
from indexer.models import Page

# How far from the edge a known chrome line may sit: pdfminer sometimes puts a long heading
# before the header (page 5 of the 2017 minutes), and headers/footers can have 2-3 lines.
WINDOW = 3
MAX_CHROME_LINES = 3

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
# Where a number that changes from page to page may be a page number: alone ("3", "- 3 -"),
# after a page word ("Side 3 af 8", "side 3", "Page 3", "s. 3"), or ending a running line after a
# separator ("Handicaprådet · Årsberetning 2024 · 3", "… | 3": pdftotext's pages of the layouts14 review).
_PAGE_NUMBER_SHAPE = re.compile(r"^[\W_]*#[\W_]*$|\b(?:[Ss]ide|[Pp]age|s\.)\s*#|\s[-–—·|•]\s#$")


@dataclass(frozen=True)
class _Chrome:
    """A running line: its digit groups that are page numbers, and the values of all groups
    (page numbers as printed number minus page number, the others as printed)."""

    page_groups: frozenset[int]
    profile: tuple[int, ...]


@dataclass(frozen=True)
class RunningChrome:
    """What `find_running_chrome` found: the pages with their running lines blanked, what those
    lines said, and the page numbers they printed.

    `lines` keeps one line of each running shape (the first seen), in page order: a running
    header is often the only place a document names its municipality ("Holbæk Kommune ·
    Byrådet · 12.03.2019"), so the metadata readers may look there although the passages do not.
    `printed` maps a physical page (1-based) to the number a running line prints on it, where
    one does: after an unnumbered cover, page 3 prints "Side 2".
    """

    pages: tuple[Page, ...]
    lines: tuple[str, ...] = ()
    printed: tuple[tuple[int, int], ...] = ()


def strip_running_chrome(pages: Sequence[Page]) -> tuple[Page, ...]:
    """Return the pages with running headers and footers blanked out (`find_running_chrome`)."""
    return find_running_chrome(pages).pages


def find_running_chrome(pages: Sequence[Page]) -> RunningChrome:
    """Find the running headers and footers of `pages` and blank them out.

    Chrome lines become empty lines rather than disappearing, so line numbers within a page
    (and in a text file cut into pseudo-pages) still point at the source. Prefers leaving a
    header in to cutting content out: a shape with digits (dates, page numbers) must be the
    outermost line on at least half the pages, one without digits on 80% of them (or, at the
    top, of the odd pages, with another on 80% of the even ones: left and right pages); a number
    that changes from page to page must be a page number (bare, or after `Side`/`Page`) that
    follows the page numbering, so a `Pkt. 12` opening every page stays; and a second header
    or footer line counts only where it touches the first (no blank line between), so the
    decision that happens to end every page is not peeled off after the footer.

    The cleaner and the pipeline both ask for the same pages: the last answers are kept.
    """
    return _find_running_chrome(tuple(pages))


@lru_cache(maxsize=4)
def _find_running_chrome(pages: tuple[Page, ...]) -> RunningChrome:
    lines = [page.text.split("\n") for page in pages]
    removed: list[set[int]] = [set() for _ in pages]
    said: dict[str, tuple[int, int, str]] = {}  # shape -> where the first line of that shape removed stands, and it
    printed: dict[int, int] = {}  # page index -> the page number printed on it
    for i, n, number in _browser_lines(pages, lines):  # a browser's own header and footer, on any number of pages
        removed[i].add(n)
        if number is not None:
            printed.setdefault(i, number)
        text = _SPACE.sub(" ", lines[i][n]).strip()
        said[shape(text)] = min(said.get(shape(text), (i, n, text)), (i, n, text))
    for top in (True, False):
        edge: dict[int, int] = {}  # page index -> the chrome line found last at this edge
        for depth in range(MAX_CHROME_LINES):
            candidates = _candidates(lines, removed, edge, top, first=depth == 0)
            chrome = _running_chrome(pages, lines, candidates, top)
            if not chrome:
                break
            for i, positions in candidates.items():
                for n in positions:
                    if _is_chrome(lines[i][n], pages[i].number, chrome):
                        removed[i].add(n)
                        edge[i] = n
                        text = _SPACE.sub(" ", lines[i][n]).strip()
                        said[shape(text)] = min(said.get(shape(text), (i, n, text)), (i, n, text))
                        number = _printed_number(lines[i][n], chrome)
                        if number is not None:
                            printed.setdefault(i, number)
    for i, n in _identity_headers(lines, removed):
        removed[i].add(n)
        text = _SPACE.sub(" ", lines[i][n]).strip()
        said[shape(text)] = min(said.get(shape(text), (i, n, text)), (i, n, text))
    return RunningChrome(
        pages=tuple(
            Page(page.number, "\n".join("" if n in removed[i] else line for n, line in enumerate(lines[i])), page.label)
            if removed[i]
            else page
            for i, page in enumerate(pages)
        ),
        lines=tuple(text for _, _, text in sorted(said.values())),
        printed=tuple((pages[i].number, number) for i, number in sorted(printed.items())),
    )


# Page 1's head, where minutes name their municipality, council, kind and meeting date; and how long a
# running header repeating them may be.
_HEAD_LINES = 8
_IDENTITY_MAX = 120
_IDENTITY_WORDS = 3
_LETTERS = re.compile(r"[^\W\d_]+")
# An item's heading, «1. Godkendelse af dagsorden», «Punkt 1:», where a document's head ends.
# «Punkt 1 - Orientering …», «Punkt 1: 2. behandling …» (code review 47); a bare number before a capital only:
# «3. juni 2025 kl. 16.00» is the head's date (46), «1. ordinære møde» and «2. sal, mødelokale 4» are no items (48).
_ITEM_START = re.compile(r"^\s*(?:(?:[Pp]unkt|PUNKT|[Pp]kt\.|Sag)\s*\d{1,3}[.:)]?\s+\S|\d{1,3}[.:)]?\s+[A-ZÆØÅ\"“«])")
# In any case, and at a compound's end: «Mødereferat», «– referat –» (code review 46).
_DOCUMENT_NAME = re.compile(r"(?i)(?:kommune|\bregion|referat|dagsorden|protokol)\b")


def _identity_headers(lines: list[list[str]], removed: list[set[int]]) -> list[tuple[int, int]]:
    """(page index, line) of a running header seen too rarely to be found by its repeats: a page's first
    line, on a page after the first, that says again only what page 1's head says of the document (its
    municipality, council, kind and meeting date) and names that date. A generator or a template prints the
    header from page 2 on, so a two-page document has it once («Guldborgsund Kommune – Social- og
    Seniorudvalget – Referat 14.01.2025» over page 2, the layouts18 review), and it stayed in the decision
    ending page 1. Text of the minutes is no such line: it says something the head does not (an item's
    title, a decision's words), and a line with a page number («Side 2») is left to `_running_chrome`.

    >>> _identity_headers([["Ballerup Kommune", "Handicaprådet", "Referat af møde den 3. juni 2025"],
    ...                    ["Ballerup Kommune – Handicaprådet – Referat 03.06.2025", "Godkendt."]], [set(), set()])
    [(1, 0)]
    >>> _identity_headers([["Ballerup Kommune", "Handicaprådet", "Referat af møde den 3. juni 2025"],
    ...                    ["Handicaprådet godkendte referatet af 03.06.2025"]], [set(), set()])
    []
    """
    # The head above the first item: an item's own decision header there («Beslutning i Kommunalbestyrelsen
    # den 26. marts 2025») said page 2's first line, another item's decision header, again (code review 45)
    head = list(takewhile(lambda line: not _ITEM_START.match(line), [line for line in lines[0] if line.strip()]))[
        :_HEAD_LINES] if lines else []
    words = {word.casefold() for line in head for word in _LETTERS.findall(line)}
    dates = {day for line in head for day, _ in find_dates(line)}
    found: list[tuple[int, int]] = []
    for i in range(1, len(lines)):
        first = next((n for n, line in enumerate(lines[i]) if line.strip()), None)
        if first is None or first in removed[i]:
            continue
        text = _SPACE.sub(" ", lines[i][first]).strip()
        if _DOCUMENT_NAME.search(text) and _repeats_identity(text, words, dates):
            found.append((i, first))
    return found


def _repeats_identity(text: str, words: set[str], dates: set) -> bool:
    """Whether `text` names one of the head's `dates` and otherwise only the head's `words`, enough of them."""
    if len(text) > _IDENTITY_MAX:
        return False
    named = find_dates(text)
    if not named or any(day not in dates for day, _ in named):
        return False
    rest = text
    for _, (start, end) in reversed(named):
        rest = rest[:start] + " " + rest[end:]
    own = _LETTERS.findall(rest)
    return (len([w for w in own if len(w) > 2]) >= _IDENTITY_WORDS
            and all(word.casefold() in words for word in own) and not _DIGITS.search(rest))


# What a browser prints around a page it was asked to print with its header and footer: the
# address of the page (file:///…, http://…) and «N/M» at the foot, the date and time at the head.
_URL_LINE = re.compile(r"(?:file|https?)://\S+")
_COUNTER_LINE = re.compile(r"(\d+)\s*/\s*(\d+)")
_DATE_TIME_LINE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?")


def _browser_lines(pages: Sequence[Page], lines: list[list[str]]) -> list[tuple[int, int, int | None]]:
    """(page index, line, the page number it prints or None) of the lines a browser printed as its footer and header: an address
    alone on a line among a page's last `WINDOW` lines, the «N/M» counter there that numbers
    that page, and on such a page a date and time alone among its first lines with the title
    on the line touching it. A browser prints
    them on every page, so they are chrome whatever the number of pages (one page or two give
    the running-line finder too few to go by)."""
    found: list[tuple[int, int, int | None]] = []
    for i, page_lines in enumerate(lines):
        filled = [n for n, line in enumerate(page_lines) if line.strip()]
        bottom, top = filled[::-1][:WINDOW], filled[:WINDOW - 1]
        urls = [n for n in bottom if _URL_LINE.fullmatch(page_lines[n].strip())]
        counters = [n for n in bottom if (c := _COUNTER_LINE.fullmatch(page_lines[n].strip()))
                    and int(c[1]) == pages[i].number and int(c[2]) >= pages[i].number]
        if not urls or not counters:
            # An address alone near the foot is also a text's own («… kan genses på:» /
            # «https://vestrup.dk/webtv»), which went as chrome, and a date line at the top then
            # took the meeting's time and place with it (a PDF review): a browser's footer
            # prints its page counter beside the address.
            continue
        dates = [n for n in top if _DATE_TIME_LINE.fullmatch(page_lines[n].strip())]
        # the page's title, printed beside the date (`pdftext.edge_order` puts it on the next line)
        dates += [n + 1 for n in dates[:1] if n + 1 < len(page_lines) and page_lines[n + 1].strip()]
        found += [(i, n, None) for n in urls + dates] + [(i, n, pages[i].number) for n in counters]
    return found


def _printed_number(line: str, chrome: dict[str, _Chrome]) -> int | None:
    """The page number a running line prints: its one digit group that follows the pages."""
    found = chrome.get(shape(line))
    if found is None or len(found.page_groups) != 1:
        return None
    (group,) = found.page_groups
    return _numbers(line)[group]


def shape(line: str) -> str:
    """A line with its whitespace collapsed and each run of digits replaced by `#`."""
    return _DIGITS.sub("#", _SPACE.sub(" ", line).strip())


def _candidates(lines: list[list[str]], removed: list[set[int]], edge: dict[int, int], top: bool, first: bool) -> dict[int, list[int]]:
    """Per page, the line positions that may be chrome, outermost first.

    First round: the WINDOW outermost non-blank lines. Later rounds: only the line touching
    the chrome line found before, on pages where one was found.
    """
    out: dict[int, list[int]] = {}
    for i, page_lines in enumerate(lines):
        if first:
            remaining = [n for n, line in enumerate(page_lines) if line.strip() and n not in removed[i]]
            out[i] = remaining[:WINDOW] if top else remaining[::-1][:WINDOW]
        elif i in edge:
            n = edge[i] + (1 if top else -1)
            if 0 <= n < len(page_lines) and page_lines[n].strip() and n not in removed[i]:
                out[i] = [n]
    return {i: positions for i, positions in out.items() if positions}


def _running_chrome(pages: Sequence[Page], lines: list[list[str]], candidates: dict[int, list[int]],
                    top: bool = True) -> dict[str, _Chrome]:
    """The shapes that are the outermost candidate on enough pages (at the top, also a pair
    of shapes that alternate between left and right pages)."""
    by_shape: dict[str, list[tuple[int, tuple[int, ...]]]] = {}  # shape -> [(page number, digit values)]
    for i, positions in candidates.items():
        line = lines[i][positions[0]]
        by_shape.setdefault(shape(line), []).append((pages[i].number, _numbers(line)))
    with_text = [pages[i].number for i, page_lines in enumerate(lines) if any(line.strip() for line in page_lines)]
    total = len(with_text)
    on_side = {parity: sum(1 for n in with_text if n % 2 == parity) for parity in (0, 1)}
    # Shapes without digits on (nearly) every page of one side alone, even or odd, by side.
    sided: dict[int, set[str]] = {0: set(), 1: set()}
    for found, occurrences in by_shape.items():
        parities = {number % 2 for number, _ in occurrences}
        if top and "#" not in found and len(parities) == 1:
            (parity,) = parities
            if len(occurrences) >= max(3, math.ceil(on_side[parity] * 0.8)):
                sided[parity].add(found)
    chrome: dict[str, _Chrome] = {}
    for found, occurrences in by_shape.items():
        needed = max(2, math.ceil(total / 2)) if "#" in found else max(3, math.ceil(total * 0.8))
        if total == 2 and top:
            # Two pages: the same line at the top of both is the header. Not at the foot: the
            # pages may both end with the same decision, «Godkendt» without its full stop
            # among them, which was lost as a footer (a PDF review).
            needed = 2
        if len(occurrences) < needed and any(found in sided[p] and sided[1 - p] for p in (0, 1)):
            # A header on every left page and another on every right one ("Sønderå Kommune"
            # on even pages, the council's name on odd ones, as a book prints them). One side's
            # alone is not enough: an item that always runs over to an odd page starts each
            # odd page with text of the same shape. Only at the top: pages that end with
            # "Godkendt." and "Taget til efterretning." by turns end with decisions.
            needed = len(occurrences)
        if len(occurrences) < needed:
            continue
        groups = len(occurrences[0][1])
        page_groups = frozenset(j for j in range(groups) if len({values[j] for _, values in occurrences}) > 1)
        if page_groups and not _PAGE_NUMBER_SHAPE.search(found):
            continue  # a number that changes but is no page number: "Pkt. #", "#. Godkendelse"
        profile, count = Counter(_profile(v, number, page_groups) for number, v in occurrences).most_common(1)[0]
        if count >= needed:
            chrome[found] = _Chrome(page_groups, profile)
    return chrome


def _numbers(line: str) -> tuple[int, ...]:
    return tuple(int(d) for d in _DIGITS.findall(line))


def _profile(values: tuple[int, ...], page_number: int, page_groups: frozenset[int]) -> tuple[int, ...]:
    return tuple(v - page_number if j in page_groups else v for j, v in enumerate(values))


def _is_chrome(line: str, page_number: int, chrome: dict[str, _Chrome]) -> bool:
    found = chrome.get(shape(line))
    return found is not None and _profile(_numbers(line), page_number, found.page_groups) == found.profile
