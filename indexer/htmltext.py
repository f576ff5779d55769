"""HTML page → the text a reader sees, one line per block, with the site's chrome left out.

Municipalities publish minutes as web pages inside a site template (menus, breadcrumbs, cookie
banners, footers). Segmentation needs the minutes' own lines: headings, paragraphs, list items
and table rows each on their own line, as in the text exports it already reads (a table that
only lays out the page, as old sites and printed pages do, is read as the blocks it holds).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag, XMLParsedAsHTMLWarning
from bs4.element import PreformattedString

from indexer import conventions as cv
from indexer.councils import letterhead_name
from indexer.meeting import head_fields, member_names

# Page chrome: never part of the minutes. `nav` covers menus and breadcrumbs; `header` and
# `footer` count only at page level (inside an article they hold the article's own title/notes).
# A <button> is chrome unless it is an accordion's toggle (`_is_toggle`); an iframe's `srcdoc` and a
# template holding the minutes are read before (`_inline_srcdocs`, `_read_content_templates`).
_DROP_TAGS = frozenset(
    "head title script style noscript template iframe object embed svg canvas select option input textarea nav".split()
)
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search"})
# Breadcrumbs by their English or Danish name ("crumbs", "brødkrumme", "brodkrumme", "broedkrumme").
_CHROME_NAMES = re.compile(r"breadcrumb|crumbs?\b|crumb[-_]|br(?:ø|oe?)dkrumme|skip-?link|cookie", re.I)
# Chrome by a whole class token or id (never a substring: "menu" is chrome, "referat-menupunkt" is
# not): site footers built of <div>s ("footer", "site-footer", Netpublicator's "np-footer", but not
# a content component's "card-footer"), the cookieconsent library's banner ("cc-window"), menus
# ("topmenu", "main-menu", "leftMenu"), share and feedback widgets, print links and the page's
# "Senest opdateret" line (a date of the web page, not of the meeting); Danish names of a footer
# ("sidefod", "bund", "sidebund") and of a share widget ("del-siden", "social-links", "some-links"), and
# Cookie Information's consent banner ("coiOverlay", "coi-banner__wrapper").
# Region names a page gives one element by its id («<div id="bund">», «id="social"»); as a class the
# same word may tag content («<div class="punkt social">»).
_CHROME_ID = re.compile(r"(?i)bund|social|some|delsiden?")
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CHROME_TOKEN = re.compile(
    r"(?i)(?:(?!(?:card|panel|modal|table|item|article|post|entry|accordion|box|has|with|no)[-_])[a-z]+[-_]?)?footer"
    r"(?:[-_][a-z]+)*"
    # Danish names only with a chrome word or a suffix: a bare «bund», «social», «delside» may name content
    # (a code review: an item tagged «punkt social» and a page's «delside» were dropped)
    r"|sidefod(?:[-_][a-z]+)*|sidebund(?:[-_][a-z]+)*|bund[-_](?:wrapper|container|links?|info)"
    r"|cc-(?:window|banner|revoke|grower)|coi(?:[-_][\w-]+|overlay\w*)"
    r"|(?:social|some)[-_](?:links?|media|icons?|buttons?)|del[-_](?:siden|artikel)(?:[-_][a-z]+)*"
    r"|(?:top|main|mega|site|left|right|side|sub|service|primary|secondary|global|mobile)?[-_]?menu(?:[-_]?(?:wrapper|container|bar|list|items?))?"
    r"|(?:social|some)?[-_]?(?:share|sharing)(?:[-_](?:buttons?|links?|bar|box|tools|widget))?"
    r"|(?:page|site)?[-_]?feedback(?:[-_](?:form|box|widget|wrapper))?"
    r"|print[-_]?(?:links?|version|button)|(?:last|page)[-_]?(?:updated|modified)"
    # share widgets by their library's names (AddToAny «a2a_kit», AddThis «addthis_inline_share_toolbox»,
    # ShareThis) and Drupal's blocks of them, of a contact box («block-views-blockkontaktboks») and the
    # page's «Sidst opdateret» field («field--name-field-updated»): after the last item, they read as its decision
    r"|a2a[-_][\w-]+|addthis(?:[-_][\w-]+)?|sharethis(?:[-_][\w-]+)?"
    r"|block[-_](?:addtoany|addthis|sharethis|social[-_]?[\w-]*|share[\w-]*)"
    r"|block[-_](?:views[-_]block[-_]?)?(?:kontakt|contact)[\w-]*"
    r"|field--name-(?:field[-_])?(?:updated|last[-_]?updated|changed|(?:sidst|senest)[-_]?opdateret|opdateret)")
# Text only a screen reader reads ("(åbner i nyt vindue)"): not what the page shows, unless it is
# a label the page shows by other means (an icon before "23/1021" read as "Sagsnr.:").
_SCREEN_READER_ONLY = frozenset({"sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text",
                                 "element-invisible", "hidden-visually"})
# A widget that asks the reader about the page: "Fandt du det, du søgte?", "Var siden nyttig?"
_FEEDBACK_TEXT = re.compile(r"(?i)^\s*(?:fandt du (?:det|hvad),? du (?:søgte|ledte efter)"
                            r"|var (?:denne side|siden|indholdet) (?:nyttig|brugbar|hjælpsom))")
_SECTIONING = frozenset({"article", "aside", "main", "nav", "section"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.I)
# Hidden until opened: an accordion's or a tab's panel holds the minutes (an item's text under its
# heading), shown by a click, so it is read though hidden (`hidden`, `aria-hidden`, `display:none`).
_PANEL_TOKENS = frozenset({"collapse", "accordion-collapse", "accordion-body", "accordion-content",
                           "accordion-panel", "panel-collapse", "panel-body", "tab-pane", "tabpanel"})
_PANEL_ROLES = frozenset({"tabpanel", "region"})
# What marks a panel some element's `aria-controls` opens (`_mark_panels`).
_CONTROLLED = "data-referatsog-controlled"
# What marks a <button> over a block a click opens (`_opened_by_click`): its text is the item's heading.
_TOGGLE = "data-referatsog-toggle"
_ARIA_CONTROLS = re.compile(r"(?i)aria-controls")
# An accordion's toggle is a <button> holding the item's heading; other buttons ("Ok", "Ja", "Søg") are chrome.
_TOGGLE_TOKENS = re.compile(r"(?i)accordion|collaps|panel|expand")
# Blocks that start a new line, and those that also stand apart by a blank line (like a browser's margins).
_BLOCK = frozenset(
    "address article aside body button caption center details dialog div dl fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu ol p pre section summary table tbody tfoot "
    "thead tr ul".split()
)
_PARAGRAPH = frozenset("p h1 h2 h3 h4 h5 h6 ul ol dl table blockquote pre figure hr".split())
_SPACES = re.compile(r"[ \t\n\r\f]+")


@dataclass(frozen=True)
class HtmlPage:
    """What extraction needs of a page: its `<title>` (whitespace collapsed) and its visible text,
    and the municipality's letterhead line of its footer, if it has one («Søholt Kommune ·
    Rådhuspladsen 2 · 8888 Søholt»): chrome, not text, but where a site names its municipality."""

    title: str
    text: str
    letterhead: str = ""


def visible_text(markup: str) -> str:
    """The text a reader sees (see `read_page`)."""
    return read_page(markup).text


def read_page(markup: str) -> HtmlPage:
    """The page's title and the text a reader sees, with enough structure for segmentation.

    Blocks and `<br>` become lines, headings and paragraphs are set apart by a blank line, list
    items become `- ` / `N. ` lines, table rows become lines with tab-separated cells, a `dt`/`dd`
    pair is a field line («Sagstype: Høring», `_Lines._label_term`), unless its term is a number («1.
    Godkendelse af dagsorden»: an agenda as a `dl`, its items' headings); a table of agenda items (one
    row per item, under a header row naming the item number and title columns) becomes item
    headings, field lines and sections (`_read_item_tables`); a table that lays out the page (a
    cell of headings and paragraphs) is read as the blocks it holds (`_is_layout`); case facts as
    a row of field names over a row of values become field lines (`_fact_lines`). Only `<main>` is
    read when the page has one: by definition everything outside it repeats across the site;
    unless it holds only the page's hero, and the items stand after it (`_has_item_heading`).
    Scripts, styles, menus, breadcrumbs, cookie banners, share and feedback widgets, sidebars,
    buttons, hidden elements and page-level header/footer are dropped (`_is_chrome`), except the
    page's title block when the text read has no `<h1>` of its own (`_page_heading`): its first
    lines, and a block before `<main>` that holds the meeting's facts (`_facts_before`: who
    attended or sent apologies, by name; not a contact or staff box). An accordion's or a tab's panel is read
    though hidden, and its toggle button's text (the item's heading) as a line of its own; so is a
    block the page's style or its `hidden`, `aria-hidden` or inline `display:none` hides and a
    click opens (`_opened_by_click`: inline `onclick`, a toggle over it; `_mark_opened`), and one
    `hidden="until-found"`.
    An `<iframe srcdoc>`'s document is read in its place (`_inline_srcdocs`), and so is a `<template>`
    holding the minutes' text (`_read_content_templates`).
    """
    with warnings.catch_warnings():  # bs4 warns about input shapes, not about anything we can fix
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(markup, "html.parser")
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    if "srcdoc" in markup:
        _inline_srcdocs(soup)
    if "<template" in markup:
        _read_content_templates(soup)
    if _ARIA_CONTROLS.search(markup):  # (no walk of the tree for the many pages without toggles)
        _mark_panels(soup)
    if "hidden" in markup or "display" in markup:
        _mark_opened(soup)
    if "display" in markup or "d-none" in markup:
        _mark_hidden(soup)
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    whole = soup.body or soup
    start = main if main is not None and main.get_text(strip=True) else whole
    _read_item_tables(soup, start)
    read = _walk(start)
    text = read.result()
    if start is not whole and not _has_item_heading(text):
        # A <main> that holds only the page's hero (its title and date) while the items stand in a
        # <div> after it: the minutes are outside <main>, so the whole page is read.
        _read_item_tables(soup, whole)
        page = _walk(whole)
        page_text = page.result()
        if _has_item_heading(page_text) or len(text) < _HERO_CHARS and len(page_text) > _FAR_MORE * len(text):
            start, read, text = whole, page, page_text
    heading = "" if read.h1 else _page_heading(soup, start, title, text)
    if start is not whole:
        text = _with_meeting_facts(text, _facts_before(start, f"{heading}\n{text}"))
    return HtmlPage(title, f"{heading}\n\n{text}" if heading else text, _letterhead(soup))


# How deep iframes inside a srcdoc's document are read (each level is a page parsed again), and how many
# srcdocs of a page are parsed at most: minutes embed one document (or one per item), not thousands, and
# each is parsed again (40,000 widgets' srcdocs took 5 s); the frames beyond stay dropped.
_SRCDOC_DEPTH = 3
_SRCDOC_FRAMES = 200


def _inline_srcdocs(soup: BeautifulSoup) -> None:
    """Read an `<iframe srcdoc="…">`'s document (a site that embeds the minutes' HTML in its page) as
    the page's content in its place: its body, without its head, when it holds the minutes
    (`_holds_minutes`, the srcdocs in it read first); an embedded video's or map's stays dropped, as
    does an iframe with only a `src` (another page, not this file's: `_DROP_TAGS`)."""
    _inline_frames(soup, _SRCDOC_DEPTH, [_SRCDOC_FRAMES])


def _inline_frames(document: BeautifulSoup, depth: int, budget: list[int]) -> None:
    """`_inline_srcdocs` for `document`, `depth` levels of frames down, parsing at most `budget[0]` srcdocs."""
    if depth <= 0 or budget[0] <= 0:
        return
    for frame in document.find_all("iframe", srcdoc=True, limit=budget[0]):
        if budget[0] <= 0:
            return
        budget[0] -= 1
        inner = BeautifulSoup(str(frame["srcdoc"]), "html.parser")
        for head in inner.find_all(("head", "title")):
            head.decompose()
        _inline_frames(inner, depth - 1, budget)  # (a wrapper document holding the minutes' frame holds them)
        body = inner.body or inner
        if not _holds_minutes(_render_inner(body)):
            continue
        # The frame becomes the block in place: `replace_with` looks the frame up among its siblings,
        # quadratic on a page of many frames (40,000 took 23 s).
        frame.name = "div"
        frame.attrs = {}
        frame.clear()
        frame.extend(list(body.contents))


# What a <template> or a srcdoc holding the page's own text has, in earnest: two item headings, a section
# label with text under it (or after it: «Beslutning: Godkendt.»), a case's field line or a meeting fact.
# One numbered line or one label is a UI's too (a cookie list's «1. Nødvendige cookies», an attachment
# row's «Bilag»), and a placeholder («{{navn}}», «${size}», «<%= url %>») is a script's template.
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\$\{[^}\n]*\}|<%.*?%>")
_MEETING_FACT = re.compile(r"(?i)^(?:møde)?(?:dato|tid|tidspunkt|sted|lokale|mødelokale)\s*:\s*\S")


def _holds_minutes(text: str) -> bool:
    if _PLACEHOLDER.search(text):
        return False
    lines = [line for line in (line.strip() for line in text.split("\n")) if line]
    headings = 0
    for i, line in enumerate(lines):
        if _reads_as_item_heading(line):
            headings += 1
            if headings >= 2:
                return True
        elif label := cv.section_label(line):
            after = lines[i + 1] if i + 1 < len(lines) else ""
            if label[1] or after and not cv.section_label(after) and not _reads_as_item_heading(after):
                return True
        elif cv.field_line(line) or cv.is_attendance(line) or _MEETING_FACT.match(line) or cv.decision_header(line):
            return True
    return False


# A template or hidden block the site names as its UI: a cookie or consent banner, a modal, a menu, a
# picker, a search or share box (by a word of a class or id: «consent-tpl», «picker-list», «cc-banner-wrap»).
_UI_WORD = re.compile(r"(?i)cookies?|consent|samtykke|gdpr|banner|modal|popup|overlay|menu|menus|hamburger|nav|navigation"
                      r"|picker|dropdown|search|søg|share|sharing|deling")
_NAME_WORDS = re.compile(r"[^\W_]+")


def _named_ui(tag: Tag) -> bool:
    """Whether `tag`, or the one element wrapping its contents, is named as the site's UI (`_UI_WORD`); not
    by an element further in (an item's body holding its own share buttons is the item's)."""
    children = [child for child in tag.contents if isinstance(child, Tag)]
    for node in (tag, *children[:len(children) == 1]):
        names = " ".join([*(node.get("class") or []), str(node.get("id") or "")]) if node.attrs else ""
        if names and any(_UI_WORD.fullmatch(word) for word in _NAME_WORDS.findall(names)):
            return True
    return False


def _read_content_templates(soup: BeautifulSoup) -> None:
    """Read a <template> holding the page's content, which a script puts on the page (an item's text
    under its heading, on a click; the meeting's facts): its text is the minutes (`_holds_minutes`). A
    template of the site's UI (a row, a toast, «Indlæser…», a cookie consent's choices) stays dropped
    (`_DROP_TAGS`)."""
    for template in soup.find_all("template"):
        if template.find_parent("template") is None and not _named_ui(template) \
                and _holds_minutes(_render_inner(template)):
            template.name = "div"


def _render_inner(tag: Tag) -> str:
    """The lines of `tag`'s contents, read as if it were a block (a template's own tag is dropped)."""
    name, tag.name = tag.name, "div"
    try:
        return _render(tag)
    finally:
        tag.name = name


def _letterhead(soup: BeautifulSoup) -> str:
    """The first line of a page-level footer (`<footer>`, `role="contentinfo"`, a footer class)
    that opens with a municipality's name and gives its address (`indexer.councils.letterhead_name`),
    whitespace collapsed; "" when there is none."""
    footers = soup.find_all(lambda tag: tag.name == "footer" or tag.get("role") == "contentinfo"
                            or any(_CHROME_TOKEN.fullmatch(c) and "footer" in c.lower() for c in tag.get("class") or []))
    for footer in footers:
        # its lines, and its text as one line (name and address in separate <span>s)
        for line in (*footer.get_text("\n").split("\n"), footer.get_text(" ")):
            line = " ".join(line.split())
            if line and letterhead_name(line):
                return line
    return ""


# A <main> of fewer characters is a hero at most; one whose page has that many times more text
# outside it does not hold the minutes.
_HERO_CHARS = 300
_FAR_MORE = 5
_ITEM_HEADINGS = (cv.NUMBERED_HEADING, cv.PUNKT_HEADING, cv.PKT_LINE)


def _has_item_heading(text: str) -> bool:
    """Whether `text` has a line that reads as an agenda item's heading ("1. Godkendelse af dagsorden")."""
    return any(pattern.match(line) for line in text.split("\n") for pattern in _ITEM_HEADINGS)


def _mark_panels(soup: BeautifulSoup) -> None:
    """Mark the elements some toggle's `aria-controls` names: panels, read though hidden (`_is_panel`);
    not a box of the site's (`_is_chrome_box`: a «Del siden» share panel after the last decision), whose
    toggle is chrome too."""
    toggles: dict[str, list[Tag]] = {}
    for toggle in soup.find_all(attrs={"aria-controls": True}):
        for name in str(toggle["aria-controls"]).split():
            toggles.setdefault(name, []).append(toggle)
    if toggles:  # (`find_all(id=list)` compares each element with each id: slow on a long agenda)
        clicks: _Clicks | None = None
        for panel in soup.find_all(id=True):
            if panel["id"] not in toggles:
                continue
            classes = panel.get("class") or []
            if isinstance(classes, str):
                classes = classes.split()
            if clicks is None:
                clicks = _Clicks(soup)
            if _is_chrome_box(panel, classes, toggles[panel["id"]], clicks):
                _hide_toggles(toggles[panel["id"]])
                continue
            panel[_CONTROLLED] = ""


def _page_heading(soup: BeautifulSoup, start: Tag, title: str, text: str) -> str:
    """The page's title block, for text read without one: what names the document (council,
    meeting, date, municipality) above the minutes.

    A page's main heading is its `<h1>`. When the text read has none, the title block is the
    `<h1>` the site template prints outside `<main>` (in the page-level `<header>`) with the
    lines beside it (`_title_container`), and the page's `<title>`, where a site names itself
    ("… - Fjordlund Kommune"), unless the block or the text opens with it. "" for a page
    without text. Only the page's first few `<h1>` are looked at: a title block comes first.
    """
    if not text.strip():
        return ""  # a page without text stays one: a title alone is no document
    block = next((lines for h1 in soup.find_all("h1", limit=_FIRST_H1)  # none in `start` is read
                  if _in_title_block(h1)
                  and (lines := _render(_title_container(h1, start), banner=True).strip())), "")
    first = (block or text).strip().split("\n", 1)[0]
    return "\n\n".join(part for part in (block, title if title != first else "") if part)


_FIRST_H1 = 5
# How far above its `<h1>` a title block's container is looked for (`_title_container`).
_TITLE_LEVELS = 6


def _inside(tag: Tag, ancestor: Tag) -> bool:
    return tag is ancestor or any(parent is ancestor for parent in tag.parents)


def _in_title_block(tag: Tag) -> bool:
    """Whether `tag` is a title block's: neither it nor a parent is chrome, the page-level header
    excepted (menus, breadcrumbs, footers, hidden and `<head>` elements are)."""
    return not any(_is_chrome(node, banner=True) for node in (tag, *tag.parents) if node.name != "[document]")


def _title_container(h1: Tag, start: Tag) -> Tag:
    """What holds a title block: the `<h1>` and what stands beside it, i.e. its first parent
    with more text than the heading (the date line of `<header><h1>Integrationsrådet</h1><p>…`),
    no further up than the page-level header or `hgroup`; never what holds the text read, the
    body, or a menu or form of the header."""
    own = _render(h1, banner=True).strip()
    for _, node in zip(range(_TITLE_LEVELS), h1.parents):
        if node.name in ("body", "html", "[document]") or node.name in _BANNER_CHROME or _inside(start, node):
            break
        if node.name in ("header", "hgroup") or node.get("role") == "banner" or (
                _render(node, banner=True).strip() != own):
            return node
    return h1


# Inside a page-level header, what is never its title block: the site's menus, search and widgets.
_BANNER_CHROME = frozenset("ul ol menu form".split())


# The meeting's facts a page prints before its <main> («<section class="deltagere"><dl><dt>Afbud</dt>…»):
# part of the minutes' head, as in a text export, though the site keeps them out of <main>. Only who
# attended or was away, by name (`meeting.head_fields`, `member_names`), names the block as the minutes':
# a place, a case's fields or a caseworker alone are what a site's contact and staff boxes print too
# (code review 28: «Sted: Rådhustorvet 1» became the meeting's place, «Sagsbehandler: …» a false notice).
_ATTENDANCE_KINDS = ("present", "absent", "substitute")
# A contact box's words, as a line's label or a line of its own («Telefon: 70 12 34 56», «Kontakt»): never
# the meeting's facts.
_CONTACT_WORD = re.compile(r"(?i)(?<![\wæøå])(?:kontakt[\wæøå]*|telefon[\wæøå]*|tlf|e-?mail|mail|adresse"
                           r"|åbningstid(?:er)?|cvr|ean)(?![\wæøå])")
_EMAIL = re.compile(r"\S+@\S+\.\w")
# A box by its class or id: a contact, staff or sidebar widget («contact-box», «staff-box», «sidebar-box»).
_CONTACT_BOX = re.compile(
    r"(?i)kontakt|contact|staff|medarbejder|employee|sagsbehandler|ansvarlig|vcard|side-?bar|sidepanel")
# A labelled line («Afbud: Kirsten Lykke», «Referent:»), and a line going on with a list of names.
_LABELLED = re.compile(r"^[A-ZÆØÅ][\wæøåÆØÅ.\- ]{0,40}:(?:\s|$)")
_NAME_LINE = 80
# How far into the blocks before <main> a block of facts is looked for (a wrapper's wrapper's block), and
# how many blocks are looked at: a head's few, not the thousands a page may print before its <main>
# (each is read: 20,000 took 3 s).
_FACT_LEVELS = 3
_FACT_BLOCKS = 200


def _facts_before(main: Tag, read: str) -> list[str]:
    """The lines of the blocks before `main` that hold the meeting's facts (`_holds_facts`), in the
    page's order, found among the page's blocks before `main` and the blocks those hold; none of the
    site's chrome (`_is_chrome`: menus, banners, footers, cookie notices), nor a block whose lines the
    text `read` already has (the title block's)."""
    seen = {line.strip() for line in read.split("\n") if line.strip()}
    chain = [node for node in (main, *main.parents) if node.name not in ("body", "html", "[document]")]
    blocks: list[list[str]] = []
    budget = [_FACT_BLOCKS]
    for node in chain:  # nearest <main> first (the budget spent there), then put in the page's order
        for sibling in node.previous_siblings:
            if isinstance(sibling, Tag):
                blocks += reversed(_fact_blocks(sibling, _FACT_LEVELS, budget))
    out: list[str] = []
    for lines in reversed(blocks):
        if not set(lines) <= seen:
            out += ["", *lines] if out else lines
    return out


def _fact_blocks(tag: Tag, levels: int, budget: list[int]) -> list[list[str]]:
    """`tag`'s lines if it holds the meeting's facts, else those of the blocks in it that do (looking at
    `budget[0]` blocks at most)."""
    if budget[0] <= 0 or _is_chrome(tag) or _is_contact_box(tag):
        return []
    budget[0] -= 1
    lines = [line.strip() for line in _render(tag).split("\n") if line.strip()]
    if not lines:
        return []
    if _holds_facts(lines):
        return [lines]
    if levels <= 1:
        return []
    return [block for child in tag.children if isinstance(child, Tag)
            for block in _fact_blocks(child, levels - 1, budget)]


def _is_contact_box(tag: Tag) -> bool:
    """Whether `tag`'s class or id names a contact, staff or sidebar widget («contact-box», «staff-box»)."""
    return bool(_CONTACT_BOX.search(" ".join([str(tag.get("id") or ""), *(tag.get("class") or [])])))


def _holds_facts(lines: list[str]) -> bool:
    """Whether a block's lines are the meeting's facts: each a labelled line («Afbud: Kirsten Lykke») or
    a case's field line, or a short line going on with the list above it (names under «Deltagere:»), and
    they name who attended or was away (`head_fields`, `member_names`), with the date, place or
    minute-taker if any. A block with a sentence among its lines (a cookie notice, a help text), with a
    contact box's words («Telefon: …», «Kontakt», an e-mail address) or without the attendance (a staff
    box's «Sagsbehandler: …», a contact box's «Sted: …») is none."""
    if not (_LABELLED.match(lines[0]) or cv.field_line(lines[0])):
        return False
    if not all(_LABELLED.match(line) or cv.field_line(line) or len(line) <= _NAME_LINE and ":" not in line
               and not line.endswith((".", "!", "?")) for line in lines):
        return False
    if any(_is_prose(line.split(":", 1)[-1]) for line in lines):
        return False  # «Afbud: Husk at melde afbud til sekretariatet senest dagen før.»
    if any(_CONTACT_WORD.search(line.split(":", 1)[0]) or _EMAIL.search(line) for line in lines):
        return False
    fields = head_fields(lines)
    return any(member_names(fields.get(kind, "")) for kind in _ATTENDANCE_KINDS)


def _is_prose(value: str) -> bool:
    """Whether a labelled line's value is a sentence, not names or a place: most of its words, four or
    more, in lower case («Husk at melde afbud …»; not «Bent Sørensen (formand), Inger Juul»)."""
    words = value.split()
    return len(words) >= 4 and 2 * sum(word[:1].islower() for word in words) > len(words)


def _with_meeting_facts(text: str, facts: list[str]) -> str:
    """`text` with the meeting's `facts` in its head: before its first item heading, else first."""
    if not facts:
        return text
    lines = text.split("\n")
    at = next((i for i, line in enumerate(lines) if any(p.match(line) for p in _ITEM_HEADINGS)), 0)
    return "\n".join([*lines[:at], *facts, "", *lines[at:]])



def _is_chrome(tag: Tag, banner: bool = False) -> bool:
    """Whether `tag` is page chrome. With `banner`, where the title block may stand: the
    page-level header (`role="banner"`) is not chrome."""
    name = tag.name
    if name in _DROP_TAGS:
        return True
    attrs = tag.attrs
    classes: list[str] = []
    role = None
    if attrs:  # most elements of a page have none: the checks by attribute are skipped
        classes = attrs.get("class") or []
        if isinstance(classes, str):  # a class attribute bs4 did not split (a tag made by hand)
            classes = classes.split()
        role = attrs.get("role")
        if (_hidden_attr(attrs) or attrs.get("aria-hidden") == "true" or _HIDDEN_STYLE.search(attrs.get("style") or "")
                or name == "dialog" and "open" not in attrs) \
                and not _is_panel(tag, classes, role):
            return True
        if role in _CHROME_ROLES and not (banner and role == "banner"):
            return True
        if _chrome_names(tuple(classes), attrs.get("id") or "", attrs.get("aria-label") or ""):
            return True
        if _SCREEN_READER_ONLY.intersection(classes):
            text = " ".join(tag.get_text(" ").split())
            return not (cv.field_line(text) or cv.label_of(text.rstrip(":").strip()))
    if name == "button":
        return banner or not _is_toggle(tag, classes)
    if name in _FEEDBACK_TAGS and _FEEDBACK_TEXT.match(
            next((str(c) for c in tag.contents if type(c) is NavigableString and c.strip()), "")):
        return True
    if name == "aside" or role == "complementary":  # a sidebar, unless an article's or item's own (a fact box)
        return tag.find_parent(("article", "section")) is None
    if banner and name == "header":
        return False
    return name in ("header", "footer") and tag.find_parent(_SECTIONING) is None


_FEEDBACK_TAGS = frozenset("div p form section span".split())


def _hidden_attr(attrs: dict) -> bool:
    """Whether the `hidden` attribute hides the element: `hidden="until-found"` is text the browser's
    find-in-page opens, content by definition."""
    value = attrs.get("hidden")
    return value is not None and str(value).strip().casefold() != "until-found"


# The blocks a page hides by an attribute (`hidden`, `aria-hidden`, `style="display:none"`) and a click
# opens: an item's text (not an icon's `aria-hidden` <span>, nor a widget's inline pieces).
_OPENED_BLOCKS = frozenset("div section article p ul ol dl table blockquote".split())
# What marks an element hidden by its attributes that a click opens (`_mark_opened`): a panel.
_OPENED = "data-referatsog-opened"


def _mark_opened(soup: BeautifulSoup) -> None:
    """Mark the blocks hidden by an attribute that a visitor opens with a click (`_opened_by_click`, as
    for a class-hidden block: «<h2 onclick="aabn(1)">1. …</h2><div hidden>», a toggle button over it, a
    page script clicking its item's heading): the item's text, read as a panel (`_is_panel`). Chrome
    stays hidden: a dialog, a cookie notice or menu by name, a site's contact or help box."""
    clicks: _Clicks | None = None
    for tag in soup.find_all(_OPENED_BLOCKS):
        attrs = tag.attrs
        if not attrs or not (_hidden_attr(attrs) or attrs.get("aria-hidden") == "true"
                             or _HIDDEN_STYLE.search(attrs.get("style") or "")):
            continue
        classes = attrs.get("class") or []
        if isinstance(classes, str):
            classes = classes.split()
        if _is_panel(tag, classes, attrs.get("role")):
            continue
        if clicks is None:  # (read once, and only for a page that hides a block)
            clicks = _Clicks(soup)
        if _opened_by_click(tag, classes, clicks, by_attribute=True):
            tag[_OPENED] = ""


# Classes that hide an element: Bootstrap's "d-none", and those the page's own <style> sets to
# `display:none` by a simple rule (".skjult{display:none}"): `_mark_hidden`. Bootstrap's
# "d-none d-md-block" shows the element on a wider screen: not hidden.
_HIDING_CLASSES = frozenset({"d-none"})
_SHOWN_AT_WIDTH = re.compile(r"^d-(?:sm|md|lg|xl|xxl|print)-(?!none)")
_STYLE_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_CLASS = re.compile(r"^\.([A-Za-z_][\w-]*)$")


def _mark_hidden(soup: BeautifulSoup) -> None:
    """Mark the elements a hiding class hides (`_HIDING_CLASSES`, `_style_hidden`) `hidden`, as the
    page's own hidden elements (`_is_chrome`: dropped, unless an accordion's or a tab's panel).
    An element a click opens (`_opened_by_click`) is the minutes' text a visitor reads: not hidden."""
    hiding = _HIDING_CLASSES | _style_hidden(soup)
    clicks: _Clicks | None = None
    for tag in soup.find_all(class_=True):
        classes = tag.get("class") or []
        if isinstance(classes, str):
            classes = classes.split()
        if any(c in hiding for c in classes) and not any(_SHOWN_AT_WIDTH.match(c) for c in classes):
            if clicks is None:  # (read once, and only for a page that hides something)
                clicks = _Clicks(soup)
            if not _opened_by_click(tag, classes, clicks):
                tag["hidden"] = ""


# What an inline handler or a toggle names as the element it opens: "vis('p1')", "#p1", "p1".
_NAMED_ID = re.compile(r"""['"#]([A-Za-z_][\w:.-]*)""")
_TARGET_ATTRS = ("onclick", "aria-controls", "data-target", "data-bs-target", "href")
# A page script that opens something on a click («$('.punkt-titel').click(…slideToggle…)»).
_CLICK_SCRIPT = re.compile(r"(?i)click|toggle|slide")
# A toggle that is a menu's, a search's or the site's chrome opens no minutes.
_CHROME_TOGGLE = re.compile(r"(?i)menu|nav|search|søg|cookie|samtykke|consent|print|share|del-|hamburger|picker")
# A box a click opens that is the site's, not the minutes': contact, help, info, share, print («Kontakt
# sekretariatet», id="hjaelp"), by a word of its id, class, handler or its toggle's first word.
_CHROME_BOX_WORD = re.compile(r"(?:kontakt|contact|hj(?:æ|ae)lp|help)[a-zæøå]*|info(?:boks|box)?|del|share|print|udskriv")
_WORDS = re.compile(r"[a-zæøå]+")
# A modal's or a popup's box opens on a click too, but over the page: the site's, not an item's text.
_MODAL = re.compile(r"(?i)modal(?:[-_](?:dialog|window|box|overlay))?|lightbox|popup|pop-up|overlay")


class _Clicks:
    """What opens a page's blocks on a click: the toggles naming each id, the scripts that react to clicks,
    and (read when first asked) the elements in document order and the last item heading's place."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.soup = soup
        self.toggles: dict[str, list[Tag]] = {}
        for attr in _TARGET_ATTRS:
            for toggle in soup.find_all(attrs={attr: True}):
                value = str(toggle[attr])
                if attr == "href" and not (value.startswith("#") and (
                        toggle.has_attr("data-toggle") or toggle.has_attr("data-bs-toggle"))):
                    continue  # an in-page link ("#top") opens nothing
                for name in value.split() if attr == "aria-controls" else _NAMED_ID.findall(value):
                    self.toggles.setdefault(name, []).append(toggle)
        scripts = " ".join(script.get_text() for script in soup.find_all("script"))
        self.scripts = scripts if _CLICK_SCRIPT.search(scripts) else ""
        self._order: dict[int, int] | None = None
        self._tags: list[Tag] = []
        self._last_item = -1
        self._first_label: dict[str, int] = {}  # each section label after the last item heading: its first place
        self._wrappers: dict[int, bool] = {}

    def place(self, tag: Tag) -> int:
        """`tag`'s place in the document."""
        if self._order is None:
            self._tags = self.soup.find_all(True)
            self._order = {id(t): i for i, t in enumerate(self._tags)}
            self._last_item = max((i for i, t in enumerate(self._tags) if t.name in _ITEM_TAGS
                                   and _reads_as_item_heading(t.get_text(" ", strip=True))), default=-1)
            # (read once: a page hiding many blocks after its last item heading asked for each of them)
            for i in range(self._last_item + 1, len(self._tags)) if self._last_item >= 0 else ():
                other = self._tags[i]
                if other.name in _LABEL_TAGS and (label := cv.section_label(other.get_text(" ", strip=True))):
                    self._first_label.setdefault(label[0].casefold(), i)
        return self._order.get(id(tag), -1)

    def is_wrapper(self, tag: Tag) -> bool:
        """Whether `tag` wraps the page (two item headings, or its <h1>): its `onclick` («closeAll()») opens
        none of the blocks in it."""
        key = id(tag)
        if key not in self._wrappers:
            headings = 0
            for node in tag.find_all(_ITEM_TAGS):
                if node.name == "h1" or _reads_as_item_heading(node.get_text(" ", strip=True)):
                    headings += 1 + (node.name == "h1")
                    if headings >= 2:
                        break
            self._wrappers[key] = headings >= 2
        return self._wrappers[key]

    def after_the_items(self, tag: Tag) -> bool:
        """Whether `tag` stands after the page's last item heading (none: no item structure to tell by)."""
        return self.place(tag) > self._last_item >= 0

    def labels_since_last_item(self, tag: Tag) -> set[str]:
        """The section labels printed between the last item heading and `tag`."""
        place = self.place(tag)
        return {label for label, first in self._first_label.items() if first < place}


_ITEM_TAGS = frozenset("h1 h2 h3 h4 h5 h6 dt summary button p strong b a".split())
_LABEL_TAGS = frozenset("h1 h2 h3 h4 h5 h6 dt p strong b".split())


def _reads_as_item_heading(text: str) -> bool:
    return 0 < len(text) <= 200 and _has_item_heading(text)


# What holds an accordion's button: a heading, a definition list's term, a <details>' summary. Its own
# name: a later `_HEADINGS` of the layout tables rebound this one, and `<dt><button>` items were lost
# (a code-health review).
_TOGGLE_HOLDERS = frozenset("h1 h2 h3 h4 h5 h6 dt summary".split())


def _is_click_toggle(tag: Tag) -> bool:
    """Whether `tag`, the line over a hidden block, is what a visitor clicks to open it: it (or an element
    in it) has `onclick`, `aria-expanded` or `aria-controls`, or it is a <button> or a heading holding
    one; not a menu's, a search's, a cookie notice's or a print link."""
    for toggle in (tag, *tag.find_all(True, limit=10)):
        names = " ".join([*(toggle.get("class") or []), str(toggle.get("id") or ""), str(toggle.get("onclick") or "")])
        if toggle.has_attr("aria-haspopup") or _CHROME_TOGGLE.search(names) or _chrome_names(
                tuple(toggle.get("class") or []), str(toggle.get("id") or ""), ""):
            if toggle is tag:
                return False
            continue
        if toggle.has_attr("onclick") or toggle.has_attr("aria-expanded") or toggle.has_attr("aria-controls"):
            return True
        if toggle.name == "button" and (toggle is tag or tag.name in _TOGGLE_HOLDERS):
            return True
    return False


def _opened_by_click(tag: Tag, classes: list[str], clicks: _Clicks, by_attribute: bool = False) -> bool:
    """Whether a visitor opens a class-hidden `tag` with a click (an accordion opened by inline JavaScript:
    «<h2 onclick="vis('p1')">1. …</h2><div class="punkt-indhold" id="p1">»): a handler or toggle names its
    id, the line over it (or its parent) is a toggle, or a page script clicks open its class or its
    heading's. A dialog is no such panel; chrome by name is dropped anyway (`_is_chrome`); so is a box
    of the site's (`_is_chrome_box`: a contact or help box after the last item's decision, a code review).
    A block hidden `by_attribute` is opened only when it is the minutes' text (`_is_item_text`): a page hides
    its meeting picker, mobile menu and cookie banner so too, above the minutes (a code review)."""
    if tag.name == "dialog" or tag.get("role") in ("dialog", "alertdialog") or str(tag.get("aria-modal")) == "true" \
            or any(_MODAL.fullmatch(c) for c in classes) \
            or _chrome_names(tuple(classes), str(tag.get("id") or ""), str(tag.get("aria-label") or "")):
        return False
    heading = tag.find_previous_sibling(True)
    parent = tag.parent
    ident = str(tag.get("id") or "")
    scripts = clicks.scripts
    opened = (ident and ident in clicks.toggles or heading is not None and _is_click_toggle(heading)
              or isinstance(parent, Tag) and parent.name not in ("body", "html", "main") and parent.has_attr("onclick")
              and not clicks.is_wrapper(parent)
              or bool(scripts) and (any(re.search(rf"\.{re.escape(name)}(?![\w-])", scripts)
                                        for name in [*classes, *((heading.get("class") or []) if heading is not None else [])]
                                        if name not in _HIDING_CLASSES and not _chrome_names((name,), "", ""))
                                    # «.punkt h2» clicked: the heading by its item block's class and its tag
                                    or heading is not None and isinstance(parent, Tag) and any(
                                        re.search(rf"\.{re.escape(name)}\s+{heading.name}(?![\w-])", scripts)
                                        for name in parent.get("class") or [] if not _chrome_names((name,), "", ""))))
    if not opened:
        return False
    toggles = [*clicks.toggles.get(ident, ()), *([heading] if heading is not None else [])]
    if by_attribute and not _is_item_text(tag, toggles):
        return False
    if _is_chrome_box(tag, classes, toggles, clicks):
        _hide_toggles(clicks.toggles.get(ident, ()))  # its link («Hjælp til at læse referatet») is chrome too
        return False
    if heading is not None:  # the buttons over it hold the item's heading (`_is_toggle`)
        for button in [heading] * (heading.name == "button") + heading.find_all("button", limit=3):
            if _MORE.match(button.get_text(" ", strip=True)):
                button["hidden"] = ""  # «Vis detaljer», «Læs mere»: the page's control, no heading (code review 18)
            else:
                button[_TOGGLE] = ""
    return True


def _hide_toggles(toggles) -> None:
    """Hide the links and buttons that open a box of the site's (not an item's heading)."""
    for toggle in toggles:
        if toggle.name in ("a", "button", "span") and not _reads_as_item_heading(toggle.get_text(" ", strip=True)):
            toggle["hidden"] = ""


# A toggle's verb before the label it opens («Vis beslutning», «Læs sagsfremstilling»), and a toggle that
# opens the rest of the text above it («Læs mere», «Vis hele teksten»).
_TOGGLE_VERB = re.compile(r"(?i)^(?:vis|se|læs|skjul|åbn|fold\s+ud)\s+")
_MORE = re.compile(r"(?i)^(?:vis|se|læs|fold)\s+(?:mere|hele|ud|resten|detaljer|punktet|teksten|sagen)\b")  # «Vis detaljer» too


def _toggle_label(text: str) -> tuple[str, str] | None:
    """The section label a toggle's text names («Vis beslutning»: Beslutning)."""
    text = _TOGGLE_VERB.sub("", text.strip())[:80]
    return cv.section_label(text[:1].upper() + text[1:]) if text else None


def _is_item_text(tag: Tag, toggles: list[Tag]) -> bool:
    """Whether a hidden block a click opens is the minutes' text: it holds an item heading, a section label,
    a decision or a field line, or its toggle is an item heading, a label («Vis beslutning») or «Læs mere»; and neither
    it nor its toggle is named as the site's UI (a menu, a picker, a cookie banner: `_named_ui`)."""
    if _named_ui(tag) or any(_named_ui(toggle) for toggle in toggles):
        return False
    for toggle in toggles:
        text = toggle.get_text(" ", strip=True)
        if _reads_as_item_heading(text) or _toggle_label(text) or _MORE.match(text):
            return True
    return any(_reads_as_item_heading(line) or cv.section_label(line) or cv.field_line(line) or cv.decision_header(line)
               for line in (line.strip() for line in tag.get_text("\n").split("\n")) if line)


def _is_chrome_box(tag: Tag, classes: list[str], toggles: list[Tag], clicks: _Clicks) -> bool:
    """Whether a block a click opens is the site's box, not an item's text: its toggle opens no item («1. …»)
    and it holds none, and its id, class, handler or toggle's first word names a contact, help, info, share
    or print box; or, standing after the last item heading, it holds no section the last item has not
    printed yet (a contact box's address; a help box's «Beslutning» line gave a second decision)."""
    texts = [toggle.get_text(" ", strip=True) for toggle in toggles]
    lines = [line.strip() for line in tag.get_text("\n").split("\n") if line.strip()]
    if any(_reads_as_item_heading(text) for text in texts) or any(_reads_as_item_heading(line) for line in lines):
        return False
    names = [str(tag.get("id") or ""), *classes]
    for toggle in toggles:
        names += [str(toggle.get("id") or ""), *(toggle.get("class") or []), str(toggle.get("onclick") or "")]
    words = [w for name in names for w in _WORDS.findall(name.casefold())]
    words += [first[0] for text in texts if (first := _WORDS.findall(text.casefold()[:40]))]
    if any(_CHROME_BOX_WORD.fullmatch(word) for word in words):
        return True
    if not clicks.after_the_items(tag) or any(_MORE.match(text) for text in texts):
        return False  # («Læs mere» opens the rest of the last item's text)
    # the toggle's own text is the box's label when it is one («Beslutning» opening the last decision: code
    # review 15; «Vis beslutning» too)
    labels = {label[0].casefold() for label in [*map(_toggle_label, texts), *map(cv.section_label, lines)] if label}
    return not labels - clicks.labels_since_last_item(tag)


def _style_hidden(soup: BeautifulSoup) -> set[str]:
    """The classes the page's <style> hides outright: a rule `.class{…display:none…}` (or a list of
    such selectors) outside any @media block; a rule for a screen width or for print is no such one."""
    hidden: set[str] = set()
    shown: set[str] = set()  # classes another rule shows («.punkt.aaben .punkt-tekst{display:block}»): a panel
    for style in soup.find_all("style"):
        css = re.sub(r"/\*.*?\*/", "", style.get_text(), flags=re.S)
        css = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)
        for selectors, body in _STYLE_RULE.findall(css):
            if re.search(r"display\s*:\s*none", body, re.I):
                hidden.update(m.group(1) for sel in selectors.split(",") if (m := _SIMPLE_CLASS.match(sel.strip())))
            elif re.search(r"display\s*:", body, re.I):
                shown.update(re.findall(r"\.([\w-]+)", selectors))
    return hidden - shown


@lru_cache(maxsize=4096)
def _chrome_names(classes: tuple[str, ...], ident: str, label: str) -> bool:
    """Whether an element's classes, id or `aria-label` name chrome (a site repeats a few names
    on every element: each is looked at once)."""
    return bool(_CHROME_NAMES.search(" ".join((*classes, ident, label)))) or any(
        _CHROME_TOKEN.fullmatch(token) for token in (*classes, ident) if token) or bool(
        ident and _CHROME_ID.fullmatch(ident))


def _is_panel(tag: Tag, classes: list[str], role: str | None) -> bool:
    """Whether a hidden `tag` is an accordion's or a tab's panel (read though hidden)."""
    return (role in _PANEL_ROLES or tag.has_attr(_CONTROLLED) or tag.has_attr(_OPENED)
            or any(token.casefold() in _PANEL_TOKENS for token in classes))


def _is_toggle(tag: Tag, classes: list[str]) -> bool:
    """Whether a <button> opens an accordion's or a tab's panel: its text is the item's heading.
    A menu's or a search's toggle ("Menu", aria-haspopup) is none."""
    if tag.has_attr("aria-haspopup") or any(re.search(r"(?i)menu|nav|search|søg", token) for token in classes):
        return False
    return (tag.has_attr("aria-expanded") or tag.has_attr("aria-controls")
            or any(_TOGGLE_TOKENS.search(token) for token in classes)
            or tag.has_attr(_TOGGLE))



# A section given only by its block's class (`<div class="beslutning">`, no "Beslutning" line):
# the section's label, as a line of its own before the block's text (`_class_label`).
_CLASS_LABELS = {"beslutning": "Beslutning", "indstilling": "Indstilling", "sagsfremstilling": "Sagsfremstilling",
                 "resume": "Resumé", "resumé": "Resumé", "bilag": "Bilag"}
# The blocks that hold a section (a list item or a row "bilag" is one of its entries, not the section).
_SECTION_BLOCKS = frozenset("div section article p blockquote".split())


def _class_label(tag: Tag) -> str | None:
    """The label of the section a block holds by its class ("beslutning"), where the block does not
    print one itself: its first line is no section label ("Beslutning", "Beslutning: Godkendt.",
    "Indstilling fra forvaltningen") nor decision header ("Økonomiudvalget, 17. september 2019, pkt. 148:")."""
    label = _class_label_of(tag)
    if label is None:
        return None
    first = next((line.strip() for line in tag.get_text("\n").split("\n") if line.strip()), "")
    if not first or cv.section_label(first) or cv.decision_header(first):
        return None
    if tag.find_parent(lambda t: t is not tag and _class_label_of(t) == label):
        return None  # within a block of the same section: labelled once
    return label


def _class_label_of(tag: Tag) -> str | None:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = classes.split()
    return next((_CLASS_LABELS[c.casefold()] for c in classes if c.casefold() in _CLASS_LABELS), None)


def _render(start: Tag, banner: bool = False) -> str:
    """The lines of `start` (`banner`: of a title block, in the page-level header but without
    its menus and forms)."""
    return _walk(start, banner).result()


def _walk(start: Tag, banner: bool = False) -> _Lines:
    """Walk the tree without recursion (deeply nested pages must not crash) and build lines."""
    out = _Lines()
    stack: list[tuple[Tag | NavigableString, bool]] = [(start, False)]
    while stack:
        node, closing = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # comments, doctype, CDATA
                out.text(str(node))
            continue
        if closing:
            out.close(node.name)
            continue
        if node is not start and (_is_chrome(node, banner) or banner and node.name in _BANNER_CHROME):
            continue
        out.open(node)
        label = _class_label(node) if node.name in _SECTION_BLOCKS and not out.cell and not out.pre else None
        if label:
            out.label(label)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents) if isinstance(child, (Tag, NavigableString)))
    return out


# --- Agenda items as table rows --------------------------------------------------------

# Some sites print the minutes as one table, a row per item under a header row: "Pkt. | Emne |
# Sagsnr. | Beslutning". The columns are read by their headers: the item number and the title
# (a cell's first line; the rest of the cell is the item's text), a field ("Sagsnr.",
# "Sagsbehandler": whatever `conventions.field_line` reads as "<header>: <value>"), a section
# ("Beslutning", "Indstilling": a section label) or anything else ("<header>: <value>" as text).
_NUMBER_HEADERS = frozenset({"pkt", "punkt", "nr", "nummer", "pkt. nr", "punkt nr", "dagsordenspunkt"})
_TITLE_HEADERS = frozenset({"emne", "sag", "titel", "overskrift", "sagstitel", "sagens titel", "punktets titel",
                            "dagsordenspunkt titel"})
# A column that holds the decision under another name than a section label.
_SECTION_ALIASES = {"referat": "Beslutning"}
# "1", "1.", "Pkt. 3", "3a", "4.1": an item's number as a table prints it.
_ITEM_NUMBER = re.compile(r"^(?:(?i:pkt|punkt)\.?\s*)?(?P<number>\d{1,3}(?:[a-zæøå]|\.\d{1,2})?)[.)]?$")


def _cells(row: Tag) -> list[Tag]:
    """A row's own cells: its `<td>` and `<th>` children, read from its contents (bs4's
    `find_all(…, recursive=False)` cost 1.6 s on 20 tables of 3,000 rows, this 0.1 s)."""
    return [child for child in row.contents if isinstance(child, Tag) and child.name in ("td", "th")]


def _read_item_tables(soup: BeautifulSoup, start: Tag) -> None:
    """Replace each table of agenda items in `start` by the lines segmentation reads, per row:
    `Pkt. N`, the title (twice: the repeated title is an item's anchor, as eDoc prints it),
    the field lines, the rest of the title cell, then each section's label and text. A layout
    table (`_is_layout`) is read as the blocks it holds, and the tables inside it are looked
    at in turn, as if it were not there. Other tables (`item_columns`: no header row naming a
    number, a title and a field or section column) stay as they are."""
    for table in _outer_tables(start):
        rows = _rows(table)
        columns = _item_columns(rows[0]) if rows else None
        if columns is None:
            facts = _fact_lines(rows)
            if facts:
                table.replace_with(_lines_tag(soup, facts))
            continue
        block = soup.new_tag("div")
        caption = table.find("caption", recursive=False)
        if caption is not None:
            block.append(_lines_tag(soup, _cell_lines(caption)))
        for row in rows[1:]:
            block.append(_lines_tag(soup, _item_lines(columns, _cells(row))))
        table.replace_with(block)


def _fact_lines(rows: list[Tag]) -> list[str] | None:
    """A case's facts as a table of columns (eDoc: «Sagsnr. | Sagsbehandler | Dokumentnr.» over
    one row of values) as field lines, "Sagsnr.: 15.00.00-A00-3-21", one a line: as a row of
    values under a row of names the facts are no field lines, and segmentation misses the
    item they anchor. Only a header row whose every cell names a field (`_column`) over exactly
    one row of as many cells; None for any other table (data, or a list of several cases)."""
    if len(rows) != 2:
        return None
    header, values = (_cells(row) for row in rows)
    if len(header) != len(values) or any(_holds_table(cell) for cell in (*header, *values)):
        return None
    names = [" ".join(cell.get_text(" ").split()) for cell in header]
    columns = [_column(name) for name in names]
    if not all(column is not None and column[0] == "field" for column in columns):
        return None
    lines = [(name, " ".join(cell.get_text(" ").split())) for (_, name), cell in zip(columns, values)]
    return [f"{name}: {value}" for name, value in lines if value]


def _outer_tables(start: Tag) -> list[Tag]:
    """The tables in `start` that are in no other table but a layout table (a table in a data
    table's cell is read as the cell's text, as every block in such a cell is), found without
    descending into any other table: a page may nest thousands of them, and each is looked at
    once. Each layout table met on the way is unwrapped (`_unwrap_layout`) and descended into:
    old sites and printed pages wrap the whole page, or each item, in a table, and the minutes'
    headings, paragraphs and tables are inside its cells."""
    tables: list[Tag] = []
    stack = [child for child in reversed(start.contents) if isinstance(child, Tag)]
    while stack:
        node = stack.pop()
        if node.name == "table" and not node.has_attr(_LAYOUT):
            rows = _rows(node)
            # A table of items holds blocks in its cells too: its header row says what it is.
            if rows and _item_columns(rows[0]) is not None or not _is_layout(rows):
                tables.append(node)
                continue
            _unwrap_layout(node, rows)
        stack.extend(child for child in reversed(node.contents) if isinstance(child, Tag))
    return tables


# --- Layout tables ------------------------------------------------------------------------

# What marks a layout table already unwrapped (a page may be read twice: `<main>`, then the whole).
_LAYOUT = "data-referatsog-layout"
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())


def _is_layout(rows: list[Tag]) -> bool:
    """Whether a table with these rows lays out a page rather than holding data: one column of
    boxes (a page or an item in one big cell), or a cell holding blocks (`_holds_blocks`: a
    heading, a table, several paragraphs), unless a header row of `<th>` cells or a `<thead>`
    declares the columns of a data table. A data table's cells are short (a number, a name, a
    date) and a row is read as one line; a layout table's cells hold the minutes' own
    headings and paragraphs, which a row of one line runs together (losing every heading and
    decision inside it)."""
    if not rows:
        return False
    first = _cells(rows[0])
    if rows[0].parent.name == "thead" or len(first) > 1 and all(cell.name == "th" for cell in first):
        return False  # declared a data table by its header row
    cells = [_cells(row) for row in rows]
    if all(len(row) <= 1 for row in cells):
        return True
    return any(_holds_blocks(cell) for row in cells for cell in row)


def _holds_blocks(cell: Tag) -> bool:
    """Whether a cell holds block content: a heading, a table, or two or more blocks of text
    (paragraphs, lists, rules, or `<div>`s with text of their own). A data cell holds at most one
    (Word wraps every cell's text in a `<p>`; a list of names in a "Deltagere" cell is one).
    Found without descending into a paragraph, a list or a table inside the cell: each table of
    a deeply nested page is looked at once."""
    units = 0
    stack = [child for child in cell.contents if isinstance(child, Tag)]
    while stack:
        node = stack.pop()
        name = node.name
        if name in _HEADINGS or name == "table":
            return True
        if name in _PARAGRAPH:
            units += 1
        elif name in _BLOCK and any(type(child) is NavigableString and child.strip() for child in node.contents):
            units += 1
            stack.extend(child for child in node.contents if isinstance(child, Tag))
        else:
            stack.extend(child for child in node.contents if isinstance(child, Tag))
        if units > 1:
            return True
    return False


def _holds_table(cell: Tag) -> bool:
    """Whether a cell holds a table, looked for without descending into one: bs4's `find` first
    walks to the cell's last descendant, as long as the page is deep, for each table in it."""
    stack = [child for child in cell.contents if isinstance(child, Tag)]
    while stack:
        node = stack.pop()
        if node.name == "table":
            return True
        stack.extend(child for child in node.contents if isinstance(child, Tag))
    return False


def _unwrap_layout(table: Tag, rows: list[Tag]) -> None:
    """Read a layout table as the blocks it holds: each row with a block cell, and every row of a
    one-column table, becomes `<div>`s (a row, and in it each cell, a block, as the body's own
    blocks are read); a row of short cells ("Mødedato: | 05-10-2021") stays a row, one line of
    tab-separated cells, as a field table's rows are read."""
    table[_LAYOUT] = ""
    one_column = all(len(_cells(row)) <= 1 for row in rows)
    for row in rows:
        cells = _cells(row)
        if one_column or any(_holds_blocks(cell) for cell in cells):
            row.name = "div"
            for cell in cells:
                cell.name = "div"


def _rows(table: Tag) -> list[Tag]:
    """The table's own rows, in `<thead>`, `<tbody>`, `<tfoot>` or directly under it (not those of a
    table inside a cell: looked for among children only, as a page may nest tables deep)."""
    rows: list[Tag] = []
    for child in table.find_all(recursive=False):
        if child.name == "tr":
            rows.append(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            rows += child.find_all("tr", recursive=False)
    return rows


def _column(header: str) -> tuple[str, str] | None:
    """What a column holds by its header: ("number", ""), ("title", ""), ("field", header as printed)
    or ("section", label); None for a column segmentation has no name for."""
    name = " ".join(header.split()).rstrip(":").strip()
    key = name.rstrip(".").casefold()
    if key in _NUMBER_HEADERS:
        return "number", ""
    if key in _TITLE_HEADERS:
        return "title", ""
    field = cv.field_line(f"{name}: 24/1") if name else None
    if field is not None and field.fields:
        return "field", name
    for part in name.split("/"):
        label = cv.label_of(part.strip()) or _SECTION_ALIASES.get(part.strip().casefold())
        if label:
            return "section", label
    return None


def _item_columns(header: Tag) -> list[tuple[str, str]] | None:
    """The columns of an item table whose first row is `header`, or None for another table: a
    header row is of `<th>` cells or in `<thead>`, or of cells that all name a known column."""
    cells = _cells(header)
    if any(_holds_table(cell) for cell in cells):
        return None  # a header names its column; a cell holding a table is no header
    # (a row of `_rows` is a child of its table or of a `<thead>`: its parent says, where looking
    # through all its parents would take as long as the page is deep, for each table in it)
    declared = header.parent.name == "thead" or all(cell.name == "th" for cell in cells)
    return item_columns([" ".join(cell.get_text(" ").split()) for cell in cells], declared)


def item_columns(headers: list[str], declared: bool = True) -> list[tuple[str, str]] | None:
    """The columns of an item table by its header row's cells (`_column`; ("other", header) for a
    column no convention names), or None for another table: it names one item number column, a
    title column and a field or section column (a contents table, «Pkt. | Emne | Side», or a list
    of attachments, «Nr. | Titel», has none). A row not `declared` a header row (by its markup) is
    one only if every cell names a known column."""
    columns = [_column(text) for text in headers]
    kinds = [column[0] for column in columns if column]
    if kinds.count("number") != 1 or "title" not in kinds or not {"field", "section"} & set(kinds):
        return None
    if not declared and not all(column is not None or not text for column, text in zip(columns, headers)):
        return None
    return [column or ("other", text) for column, text in zip(columns, headers)]


def _item_lines(columns: list[tuple[str, str]], cells: list[Tag]) -> list[str]:
    return item_lines(columns, [_cell_lines(cell) for cell in cells])


def item_lines(columns: list[tuple[str, str]], lines: list[list[str]]) -> list[str]:
    """A row of an item table, each cell's lines, as lines segmentation reads (see
    `_read_item_tables`); a row without an item number or title (a group header such as
    "Lukkede punkter") as its cells' lines."""
    by_kind: dict[str, list[str]] = {}
    for (kind, _), cell in zip(columns, lines):
        by_kind.setdefault(kind, cell)
    number = _ITEM_NUMBER.match(" ".join(by_kind.get("number", [])).strip())
    title = by_kind.get("title", [])
    if len(lines) != len(columns) or number is None or not title:
        return [line for cell in lines for line in cell]
    out = [f"Pkt. {number.group('number')}", title[0], title[0]]
    out += [f"{name}: {' '.join(cell)}" for (kind, name), cell in zip(columns, lines) if kind == "field" and cell]
    out += title[1:]
    for (kind, name), cell in zip(columns, lines):
        if kind == "other" and cell:
            out += [f"{name}: {cell[0]}" if name else cell[0], *cell[1:]]
    for (kind, label), cell in zip(columns, lines):
        if kind == "section" and cell:
            out += [label, *cell]
    return out


def _cell_lines(cell: Tag) -> list[str]:
    """A cell's text as lines: `<br>` and blocks break lines inside it (a row of a table does not)."""
    cell.name = "div"
    return [line for line in _render(cell).split("\n") if line.strip()]


def _lines_tag(soup: BeautifulSoup, lines: list[str]) -> Tag:
    """A paragraph of `lines`, one block each (the walker reads them as lines)."""
    paragraph = soup.new_tag("p")
    for line in lines:
        div = soup.new_tag("div")
        div.string = line
        paragraph.append(div)
    return paragraph


# A <dt>'s term that is only a number or a point's marker: «1.», «2)», «3», «Punkt 3», «Pkt. 3»,
# «Sag nr. 12», «§ 4», «a.», «IV.».
_TERM_MARKER = re.compile(
    r"(?i)^(?:(?:punkt|pkt\.?|dagsordenspunkt|sag)\s*(?:nr\.?\s*)?)?\d{1,3}[a-zæøå]?[.):]?$"
    r"|^§\s*\d{1,3}[a-zæøå]?\.?$|^(?:[a-zæøå]|[ivx]{1,5})[.)]$")


def _numbers_an_item(line: str) -> bool:
    """Whether a line read as an agenda item's heading («2. Budget 2026»), not a numbered point of a text
    («1. at der bevilges …», «2. Der etableres en sti.»)."""
    match = next((m for pattern in _ITEM_HEADINGS if (m := pattern.match(line))), None)
    if match is None:
        return False
    title = match.groupdict().get("title") or ""
    return not (cv.is_sentence(title) or cv.is_list_point(title))


# An item's number at the end of the text read ("2.", "3)", "4a.", "Punkt 1", "Pkt. 5"), glued to the next
# element's word (`_Lines.text`; a bare number only after an item label, and before a capital letter).
_GLUED_NUMBER = re.compile(r"(?:^|\s)\d{1,3}[a-z]?[.)]$")
_GLUED_ITEM_NUMBER = re.compile(r"(?:^|\s)(?i:punkt|pkt\.?|dagsordenspunkt|sag)\s*\d{1,3}[a-z]?$")


# A `<br>` in a data table's cell, until its row is read (`_row_lines`)
_CELL_BREAK = "\x1e"
# Who a row's label cell lists, one a line in the cell beside it
_NAME_KINDS = ("present", "absent", "substitute", "staff")


def _row_lines(row: str) -> list[str]:
    """A table row's line whose cells hold `<br>`s (`_CELL_BREAK`): a label cell beside a cell of names
    («Til stede:» | «Anne Holm (A)<br>Peter Sand (V)») as the label's line and a line a name, as the
    same list in a paragraph reads (a sweep: the names ran together into one, «Anne Holm Peter Sand»);
    any other row as one line, each `<br>` a space («Mødested:» | «Rådhuset<br>Byrådssalen»).

    >>> _row_lines("Til stede:\\tAnne Holm (A)\\x1ePeter Sand (V)")
    ['Til stede:', 'Anne Holm (A)', 'Peter Sand (V)']
    >>> _row_lines("Mødested:\\tRådhuset\\x1eByrådssalen")
    ['Mødested:\\tRådhuset Byrådssalen']
    """
    cells = row.split("\t")
    if len(cells) == 2 and _CELL_BREAK not in cells[0]:
        label = " ".join(cells[0].split())
        names = [" ".join(piece.split()) for piece in cells[1].split(_CELL_BREAK) if piece.strip()]
        if label.endswith(":") and len(names) > 1:
            fields = head_fields([label, *names])
            if any(member_names(fields.get(kind, "")) for kind in _NAME_KINDS):
                return [label, *names]
    return [row.replace(_CELL_BREAK, " ")]


class _Lines:
    """Accumulates inline text into the current line and breaks lines at block boundaries."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.lists: list[int | None] = []  # None for <ul>, the last number used for <ol>
        self.pre = 0  # inside <pre>: keep the text's own line breaks and spaces
        self.cell = 0  # inside a data table's cell: blocks are inline, so a row stays one line
        self.row_cells = 0
        self.h1 = False  # a main heading was read: the page's title is in the text
        self.bullet = False  # the line being read opens with a list item's "- "
        self.number = ""  # the line being read holds only a numbered list item's "N. " so far
        self.heading_number = False  # … kept before a heading or toggle it numbers (`_boundary`)
        self.tag_edge = False  # an inline element opened or closed since the last text
        self.term = False  # the line being read opens with a <dt>'s term
        self.term_end: int | None = None  # where in `parts` that term ends, its <dd>'s text not read yet
        self.marker_term = False  # … and that term is an item's number («1.», «Punkt 3»), no label
        self.list_start = 0  # where in `lines` the <dl> being read starts
        self.agenda_list: bool | None = None  # whether that <dl> is the agenda's items (`flush`), once asked

    def text(self, text: str) -> None:
        text = text.replace("\u00ad", "").replace("\u200b", "").replace("\xa0", " ")  # soft hyphen, zero-width and no-break space
        if self.tag_edge and self.parts and text[:1].isalpha() and (
                _GLUED_NUMBER.search(self.parts[-1]) or text[:1].isupper() and _GLUED_ITEM_NUMBER.search(self.parts[-1])):
            # "<span>2.</span><span>Høring …</span>": the site sets the number apart by its style, a
            # reader sees "2. Høring …" (a word split over tags, "<b>Bes</b>lutning", stays one word).
            self.parts.append(" ")
        self.tag_edge = False
        if self.term_end is not None and text.strip():
            self._label_term()
        if self.heading_number and self.number and "".join(self.parts).strip() == self.number:
            # a heading that prints its own number («<li><h2><button>2. Klimaplan»): one number, not «2. 2.»
            if re.match(rf"\s*{re.escape(self.number)}(?:\s|$)", text):
                self.parts = []
            elif text.strip():
                self.heading_number = False
        if not self.pre:
            self.parts.append(_SPACES.sub(" ", text))
            return
        for i, piece in enumerate(text.split("\n")):
            if i:
                self.flush(keep_empty=True)
            self.parts.append(piece)

    def open(self, tag: Tag) -> None:
        name = tag.name
        self.tag_edge = True
        self.h1 = self.h1 or name == "h1"
        if name in ("td", "th"):
            self.parts.append("\t" if self.row_cells else "")
            self.row_cells += 1
            self.cell += 1
        elif name == "tr":
            self.flush()
            self.row_cells = 0
        elif self.cell:
            if name == "br":
                self.parts.append(_CELL_BREAK)  # a space, or a line where the cell lists names (`_row_lines`)
            elif name in _BLOCK or name in _PARAGRAPH or name in ("dt", "dd"):
                self.parts.append(" ")
        elif name == "br":
            self.flush(keep_empty=True)
        elif name == "dd":
            if self.term and "".join(self.parts).strip():
                self.term_end = len(self.parts)
            self.term = False
            self.parts.append(" ")
        elif name == "li":
            self.flush()
            number = self.lists[-1] if self.lists else None
            if number is None:
                self.parts.append("- ")
                self.bullet = True
            else:
                self.lists[-1] = number + 1
                self.parts.append(f"{number + 1}. ")
                self.number = f"{number + 1}."
        else:
            self._boundary(name)
            if name == "dt":
                self.term = True
            elif name == "dl":
                self.list_start, self.agenda_list = len(self.lines), None
            if name in ("ul", "menu"):
                self.lists.append(None)
            elif name == "ol":
                start = str(tag.get("start") or "1").strip()
                self.lists.append(int(start) - 1 if start.lstrip("-").isdigit() else 0)
            elif name == "pre":
                self.pre += 1

    def close(self, name: str) -> None:
        self.tag_edge = True
        if name in ("td", "th"):
            self.cell -= 1
        elif name == "tr":
            self.flush()
        elif self.cell:
            if name in _BLOCK or name in _PARAGRAPH:
                self.parts.append(" ")
        elif name == "dt":
            return  # its <dd> continues the line
        elif name in ("dd", "li"):
            self.flush()
        else:
            self._boundary(name)
            if name in ("ul", "ol", "menu") and self.lists:
                self.lists.pop()
            elif name == "pre":
                self.pre -= 1

    def _label_term(self) -> None:
        """A term and its description on one line read as a field line, «Sagstype: Høring», as a
        browser sets them apart (a label over its value) and a text export prints them; not
        «Sagstype Høring», a line of text."""
        at, self.term_end = self.term_end, None
        term = "".join(self.parts[:at]).rstrip()  # (a space between </dt> and <dd> is no part of it)
        # a number or a point's marker («1.», «2)», «Punkt 3», «§ 4», «a.») numbers its description,
        # «1. Godkendelse af dagsorden», as a list's item: no «1.: …»
        self.marker_term = bool(_TERM_MARKER.match(term.strip()))
        self.parts[:at] = [term if term.endswith(":") or self.marker_term else f"{term}:", " "]

    def _agenda_list(self) -> bool:
        """Whether the <dl> being read lists the agenda's items: no item heading stands before it. After one
        its numbered terms are points of that item's text («2. Trafikplan» / <dt>3.</dt><dd>Fortove</dd>:
        no item 3), as a numbered list's are."""
        if self.agenda_list is None:
            self.agenda_list = not any(_numbers_an_item(line) for line in self.lines[:self.list_start])
        return self.agenda_list

    def label(self, label: str) -> None:
        """A section label as a paragraph of its own (a block whose class names its section)."""
        self.flush()
        if self.lines and self.lines[-1]:
            self.lines.append("")
        self.lines.extend((label, ""))

    def _boundary(self, name: str) -> None:
        """A block starts or ends here; called before a list is pushed and before it is popped."""
        if self.number and (name in _HEADING_TAGS or name == "button") and "".join(self.parts).strip() == self.number:
            # A list item's number before the heading it holds ("<li><h2>Godkendelse af dagsorden</h2>"),
            # or before an accordion's toggle (`<li><h2><button aria-expanded>…`, a button being a block):
            # it numbers the heading ("1. Godkendelse af dagsorden"), as a browser shows it. Not a <p>: a
            # numbered list of points in an item's text would make its points items (a code review).
            if name in _PARAGRAPH and self.lines and self.lines[-1]:
                self.lines.append("")
            self.heading_number = True
            return
        if name in _PARAGRAPH and not (name in ("ul", "ol") and self.lists):  # nested lists: no gap
            self.flush()
            if self.lines and self.lines[-1]:
                self.lines.append("")
        elif name in _BLOCK or name == "dt":
            self.flush()

    def flush(self, keep_empty: bool = False) -> None:
        line = "".join(self.parts)
        self.parts = []
        self.number = ""
        self.heading_number = False
        self.term = False
        self.term_end = None
        marker_term, self.marker_term = self.marker_term, False
        if _CELL_BREAK in line:
            rows = _row_lines(line)
            if len(rows) > 1:
                self.lines.extend(rows)
                return
            line = rows[0]
        if not self.pre:
            line = "\t".join(re.sub(" {2,}", " ", cell).strip() for cell in line.split("\t")).strip()
        if marker_term and self.lines and self.lines[-1] and _numbers_an_item(line) and self._agenda_list():
            # a list of the agenda's items as terms (<dt>2.</dt><dd>Budget 2026</dd>): each a heading, set
            # apart as a browser shows a term, not a line in the text of the item before it
            self.lines.append("")
        if self.bullet:
            # A case's facts as a list ("<li>Sagsnr.: 25/3318</li>") are field lines, as printed
            # elsewhere; behind a bullet segmentation read them as text.
            self.bullet = False
            if line.startswith("- ") and cv.field_line(line[2:]):
                line = line[2:]
        if line or keep_empty:
            self.lines.append(line.rstrip())

    def result(self) -> str:
        self.flush()
        text = "\n".join(self.lines)
        return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
