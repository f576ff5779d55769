"""HTML page → the text a reader sees, one line per block, with the site's chrome left out.

Municipalities publish minutes as web pages inside a site template (menus, breadcrumbs, cookie
banners, footers). Segmentation needs the minutes' own lines: headings, paragraphs, list items
and table rows each on their own line, as in the text exports it already reads.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag, XMLParsedAsHTMLWarning
from bs4.element import PreformattedString

from indexer import conventions as cv

# Page chrome: never part of the minutes. `nav` covers menus and breadcrumbs; `header` and
# `footer` count only at page level (inside an article they hold the article's own title/notes).
_DROP_TAGS = frozenset(
    "head title script style noscript template iframe object embed svg canvas button select option input textarea nav".split()
)
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search"})
_CHROME_NAMES = re.compile(r"breadcrumb|skip-?link|cookie", re.I)
_SECTIONING = frozenset({"article", "aside", "main", "nav", "section"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Blocks that start a new line, and those that also stand apart by a blank line (like a browser's margins).
_BLOCK = frozenset(
    "address article aside body caption center details dialog div dl fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu ol p pre section summary table tbody tfoot "
    "thead tr ul".split()
)
_PARAGRAPH = frozenset("p h1 h2 h3 h4 h5 h6 ul ol dl table blockquote pre figure hr".split())
_SPACES = re.compile(r"[ \t\n\r\f]+")


@dataclass(frozen=True)
class HtmlPage:
    """What extraction needs of a page: its `<title>` (whitespace collapsed) and its visible text."""

    title: str
    text: str


def visible_text(markup: str) -> str:
    """The text a reader sees (see `read_page`)."""
    return read_page(markup).text


def read_page(markup: str) -> HtmlPage:
    """The page's title and the text a reader sees, with enough structure for segmentation.

    Blocks and `<br>` become lines, headings and paragraphs are set apart by a blank line, list
    items become `- ` / `N. ` lines, table rows become lines with tab-separated cells, `dt`/`dd`
    pairs share a line; a table of agenda items (one row per item, under a header row naming
    the item number and title columns) becomes item headings, field lines and sections
    (`_read_item_tables`). Only `<main>` is read when the page has one: by definition everything
    outside it repeats across the site. Scripts, styles, menus, breadcrumbs, cookie banners,
    hidden elements and page-level header/footer are dropped, except the page's title block
    when the text read has no `<h1>` of its own (`_page_heading`): its first lines.
    """
    with warnings.catch_warnings():  # bs4 warns about input shapes, not about anything we can fix
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(markup, "html.parser")
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    start = main if main is not None and main.get_text(strip=True) else (soup.body or soup)
    _read_item_tables(soup, start)
    read = _walk(start)
    text = read.result()
    heading = "" if read.h1 else _page_heading(soup, start, title, text)
    return HtmlPage(title, f"{heading}\n\n{text}" if heading else text)


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


def _is_chrome(tag: Tag, banner: bool = False) -> bool:
    """Whether `tag` is page chrome. With `banner`, where the title block may stand: the
    page-level header (`role="banner"`) is not chrome."""
    name = tag.name
    if name in _DROP_TAGS or tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    role = tag.get("role")
    if role in _CHROME_ROLES and not (banner and role == "banner") or _HIDDEN_STYLE.search(tag.get("style") or ""):
        return True
    names = " ".join(tag.get("class") or []) + " " + (tag.get("id") or "")
    if _CHROME_NAMES.search(names):
        return True
    if banner and name == "header":
        return False
    return name in ("header", "footer") and tag.find_parent(_SECTIONING) is None


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
_CELLS = ["td", "th"]


def _read_item_tables(soup: BeautifulSoup, start: Tag) -> None:
    """Replace each table of agenda items in `start` by the lines segmentation reads, per row:
    `Pkt. N`, the title (twice: the repeated title is an item's anchor, as eDoc prints it),
    the field lines, the rest of the title cell, then each section's label and text. Other
    tables (`item_columns`: no header row naming a number, a title and a field or section
    column) stay as they are."""
    for table in _outer_tables(start):
        rows = _rows(table)
        columns = _item_columns(rows[0]) if rows else None
        if columns is None:
            continue
        block = soup.new_tag("div")
        caption = table.find("caption", recursive=False)
        if caption is not None:
            block.append(_lines_tag(soup, _cell_lines(caption)))
        for row in rows[1:]:
            block.append(_lines_tag(soup, _item_lines(columns, row.find_all(_CELLS, recursive=False))))
        table.replace_with(block)


def _outer_tables(start: Tag) -> list[Tag]:
    """The tables in `start` that are in no other table (a table in a cell is read as the cell's
    text, as every block in a cell is), found without descending into any table: a page may
    nest thousands of them, and each is looked at once."""
    tables: list[Tag] = []
    stack = [child for child in reversed(start.contents) if isinstance(child, Tag)]
    while stack:
        node = stack.pop()
        if node.name == "table":
            tables.append(node)
        else:
            stack.extend(child for child in reversed(node.contents) if isinstance(child, Tag))
    return tables


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
    cells = header.find_all(_CELLS, recursive=False)
    if any(cell.find("table") for cell in cells):
        return None  # a header names its column; a cell holding a table is no header
    declared = header.find_parent("thead") is not None or all(cell.name == "th" for cell in cells)
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


class _Lines:
    """Accumulates inline text into the current line and breaks lines at block boundaries."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.lists: list[int | None] = []  # None for <ul>, the last number used for <ol>
        self.pre = 0  # inside <pre>: keep the text's own line breaks and spaces
        self.cell = 0  # inside a table cell: blocks are inline, so a row stays one line
        self.row_cells = 0
        self.h1 = False  # a main heading was read: the page's title is in the text

    def text(self, text: str) -> None:
        text = text.replace("\u00ad", "").replace("\u200b", "").replace("\xa0", " ")  # soft hyphen, zero-width and no-break space
        if not self.pre:
            self.parts.append(_SPACES.sub(" ", text))
            return
        for i, piece in enumerate(text.split("\n")):
            if i:
                self.flush(keep_empty=True)
            self.parts.append(piece)

    def open(self, tag: Tag) -> None:
        name = tag.name
        self.h1 = self.h1 or name == "h1"
        if name in ("td", "th"):
            self.parts.append("\t" if self.row_cells else "")
            self.row_cells += 1
            self.cell += 1
        elif name == "tr":
            self.flush()
            self.row_cells = 0
        elif self.cell:
            if name in _BLOCK or name in _PARAGRAPH or name in ("br", "dt", "dd"):
                self.parts.append(" ")
        elif name == "br":
            self.flush(keep_empty=True)
        elif name == "dd":
            self.parts.append(" ")
        elif name == "li":
            self.flush()
            number = self.lists[-1] if self.lists else None
            if number is None:
                self.parts.append("- ")
            else:
                self.lists[-1] = number + 1
                self.parts.append(f"{number + 1}. ")
        else:
            self._boundary(name)
            if name in ("ul", "menu"):
                self.lists.append(None)
            elif name == "ol":
                start = str(tag.get("start") or "1").strip()
                self.lists.append(int(start) - 1 if start.lstrip("-").isdigit() else 0)
            elif name == "pre":
                self.pre += 1

    def close(self, name: str) -> None:
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

    def _boundary(self, name: str) -> None:
        """A block starts or ends here; called before a list is pushed and before it is popped."""
        if name in _PARAGRAPH and not (name in ("ul", "ol") and self.lists):  # nested lists: no gap
            self.flush()
            if self.lines and self.lines[-1]:
                self.lines.append("")
        elif name in _BLOCK or name == "dt":
            self.flush()

    def flush(self, keep_empty: bool = False) -> None:
        line = "".join(self.parts)
        self.parts = []
        if not self.pre:
            line = "\t".join(re.sub(" {2,}", " ", cell).strip() for cell in line.split("\t")).strip()
        if line or keep_empty:
            self.lines.append(line.rstrip())

    def result(self) -> str:
        self.flush()
        text = "\n".join(self.lines)
        return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
