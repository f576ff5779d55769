"""A PDF's bytes → the text of each page (pdfminer.six), with its failures in Danish.

pdfminer's own words (English exception texts with Python reprs of PDF objects) and its log
never reach the user; a stream that unpacks beyond `MAX_STREAM_BYTES` is refused.
"""

from __future__ import annotations

import bisect
import io
import logging
import math
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from indexer.files import ExtractError
from indexer.models import Page
from indexer.normalise import normalise

log = logging.getLogger(__name__)

OCR_HINT = "kør OCR først, fx ocrmypdf -l dan"


def pdf_pages(data: bytes, notices: list[str] | None = None) -> tuple[Page, ...]:
    """Text of each page as pdfminer's `extract_text` gives it (default LAParams), NFKC-normalised,
    with the lines at the page's top and bottom edges moved to its start and end (`edge_order`),
    and without the text a black box hides (`_hidden_chars`): `REDACTED_NOTE` on `notices` names
    the pages where text was left out.

    pdfminer's own words (English exception texts with Python reprs of PDF objects) never
    reach the user: each failure becomes a short Danish reason, its details go to the debug log.
    """
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.psexceptions import PSEOF, PSException

    _bound_pdf_streams()
    pages: list[Page] = []
    redacted: list[int] = []  # pages with text under a black box, left out
    buffer = io.StringIO()
    try:
        manager = PDFResourceManager()
        device = _redactions_left_out(_spaces_as_printed(_edges_outermost(TextConverter)))(manager, buffer, laparams=LAParams())
        interpreter = _with_fill_alpha(PDFPageInterpreter)(manager, device)
        # One pass over the document; the converter ends each page with "\f", which we drop.
        for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), start=1):
            interpreter.process_page(page)
            if device.hid_text:
                redacted.append(number)
            label = page.label if isinstance(page.label, str) and page.label.strip() else None
            pages.append(Page(number, normalise(buffer.getvalue().rstrip("\f"), "NFKC"), label))
            buffer.seek(0)
            buffer.truncate()
    except PDFPasswordIncorrect:  # pdfminer gives no message at all
        raise ExtractError("krypteret PDF – kræver adgangskode") from None
    except PDFEncryptionError as e:
        log.debug("unsupported PDF encryption", exc_info=e)
        raise ExtractError("krypteret PDF med en kryptering, der ikke understøttes") from None
    except PSEOF:
        raise ExtractError("beskadiget eller afkortet PDF (uventet filslutning)") from None
    except _StreamTooLarge:
        raise ExtractError(f"PDF med indhold, der fylder over {MAX_STREAM_BYTES // 2**20} MB udpakket"
                           f"{_on_page(pages)} (en beskadiget fil eller en 'zip-bombe')") from None
    except PSException as e:  # all pdfminer errors share this base, PDFSyntaxError included
        log.debug("damaged PDF", exc_info=e)
        raise ExtractError(f"beskadiget PDF{_on_page(pages)} ({_pdf_fault(e)})") from None
    except RecursionError:
        raise ExtractError(f"beskadiget PDF{_on_page(pages)} (objekter der henviser til sig selv)") from None
    except MemoryError:
        raise ExtractError(f"PDF kunne ikke læses{_on_page(pages)} (ikke nok hukommelse)") from None
    except Exception as e:  # pdfminer on hostile input can fail with anything (KeyError, TypeError, …)
        log.debug("PDF reader failed", exc_info=e)
        raise ExtractError(f"beskadiget PDF{_on_page(pages)} (PDF-læseren kan ikke tolke filen)") from None
    if not pages:
        raise ExtractError("PDF uden sider")
    if not any(p.text.strip() for p in pages):
        if redacted:
            raise ExtractError(f"al tekst ligger under sort overstregning (side {_and([str(n) for n in redacted])})")
        raise ExtractError(f"intet tekstlag (billed-/scannet PDF) – {OCR_HINT}")
    if redacted and notices is not None:
        notices.append(REDACTED_NOTE.format(_and([str(n) for n in redacted])))
    return tuple(pages)


@dataclass(frozen=True)
class Box:
    """A text box's place on the page (PDF points, y upwards) and how many lines it holds."""

    x0: float
    y0: float
    x1: float
    y1: float
    lines: int


EDGE_BAND = 0.15  # of the page's height: where running headers and footers stand
MAX_EDGE_LINES = 2  # lines (of one or more boxes side by side) moved at each edge


@dataclass(frozen=True)
class EdgeOrder:
    """How to read a page's text boxes (their indexes in pdfminer's order): the lines at the
    top edge (outermost first; each a group of boxes side by side, left to right), the rest
    in pdfminer's order, and the lines at the bottom edge (innermost first)."""

    top: tuple[tuple[int, ...], ...]
    rest: tuple[int, ...]
    bottom: tuple[tuple[int, ...], ...]

    def flat(self) -> list[int]:
        return [i for group in self.top for i in group] + list(self.rest) + [i for group in self.bottom for i in group]


def edge_order(boxes: Sequence[Box], height: float) -> EdgeOrder:
    """The order to read `boxes` in: pdfminer's, with the one-line boxes that stand above
    (below) all the other text, in the page's top (bottom) band, first (last).

    pdfminer orders boxes by its own layout analysis, which can put a running header after
    the footer, or between an item's heading and its field lines; a browser prints its header
    and footer as separate boxes side by side (date and title; address and «3/8»). Running
    lines are found at the page's edges (`indexer.pages`), so they must stand there, and the
    parts of one printed line must stand together. Only lines apart from all other text
    move: the top of a column or a paragraph of several lines stays where pdfminer put it.
    """
    rest = list(range(len(boxes)))
    edges: dict[bool, list[tuple[int, ...]]] = {True: [], False: []}
    for at_top in (True, False):
        for _ in range(MAX_EDGE_LINES):
            group = _edge_line(boxes, rest, height, at_top)
            if not group:
                break
            edges[at_top].append(group)
            rest = [i for i in rest if i not in group]
    return EdgeOrder(tuple(edges[True]), tuple(column_order(boxes, rest)), tuple(reversed(edges[False])))


def column_order(boxes: Sequence[Box], indexes: Sequence[int]) -> list[int]:
    """`indexes` (pdfminer's order) in reading order by regions: the page is cut into bands
    with no box reaching across the blank between them, read top to bottom, and a band into
    columns with no box reaching across the gap between them, read left to right, each cut
    again in the same way (an XY cut); a part that cannot be cut keeps pdfminer's order.

    pdfminer's own order (`boxes_flow`) can read a box of the right column after the
    full-width text below the columns («Beslutning» taking the right column's text) or after
    the next heading (a cover's «Fraværende» list after item 1). Only a band cut into columns
    that both hold several lines of text changes pdfminer's order; a label and its value side
    by side, or a table's cells, keep it."""
    order = list(indexes)
    if len(order) < 3:
        return order
    cut = _xy_cut(boxes, order)
    return cut if cut is not None else order


_MAX_CUTS = 40  # columns within columns (and bands within them) read by `column_order`


def _xy_cut(boxes: Sequence[Box], indexes: list[int]) -> list[int] | None:
    """The reading order of `indexes` by `column_order`'s cuts, or None where no band holds
    columns of several lines each (pdfminer's order stands)."""
    changed = False
    rank = {i: n for n, i in enumerate(indexes)}

    def columns(part: list[int]) -> list[list[int]] | None:
        """`part` cut into columns, when at least two of them hold a paragraph of several lines
        (a table's cells side by side, a label and its value, are one line each)."""
        cut = _split(boxes, part, vertical=False)
        several = sum(1 for column in cut if any(boxes[i].lines >= 2 for i in column))
        return cut if len(cut) > 1 and several >= 2 and not _table_rows(boxes, cut) else None

    def by_columns(cut: list[list[int]], depth: int) -> list[int]:
        nonlocal changed
        changed = True
        return [i for column in cut for i in read(column, depth + 1)]

    def read(part: list[int], depth: int = 0) -> list[int]:
        bands = _split(boxes, part, vertical=True)
        if depth > _MAX_CUTS:  # columns within columns that deep are no page's layout
            return sorted(part, key=rank.__getitem__)
        if len(bands) == 1:
            cut = columns(part)
            return by_columns(cut, depth) if cut else sorted(part, key=rank.__getitem__)
        # Bands that are each cut into columns, one after the other, with the same gutters
        # (both columns happen to end a paragraph at the same height) are one set of columns.
        runs: list[list[list[int]]] = []
        spans: list[tuple[float, float]] = []  # the last run's columns, left to right
        columned = False  # whether a band of the last run is cut into columns
        for band in bands:
            own = _spans([(boxes[i].x0, boxes[i].x1) for i in band])
            # a heading in the right column where the left one is blank (under a picture)
            # belongs to the columns; one at the left margin ends them (a full-width heading)
            inset = bool(spans) and own[0][0] > spans[0][0] + 1
            joined = _spans(spans + own)
            if runs and columned and (len(own) > 1 or inset) and len(joined) > 1:
                runs[-1].append(band)
                spans = joined
            else:
                runs.append([band])
                spans, columned = own, False
            columned = columned or len(own) > 1
        out: list[int] = []
        for run in runs:
            cut = columns([i for band in run for i in band]) if len(run) > 1 else None
            out += by_columns(cut, depth) if cut else [i for band in run for i in read(band, depth + 1)]
        return out

    order = read(indexes)
    return order if changed else None


# Rows side by side in this many places make columns a table: its cells are read row by row, as
# pdfminer reads them (a meeting-facts table with wrapped labels, an attendance table, a
# consultation table «Afsender | Høringssvar | Bemærkning»: read column by column, their rows
# came apart, «Mødested» taking «med afbud:» (a PDF review)). Two lists side by side under
# their headings align in two places at most.
TABLE_ROWS = 3
_ALIGNED = 2.0  # points: cells of one row start, or are centred, at the same height


def _table_rows(boxes: Sequence[Box], cut: list[list[int]]) -> bool:
    """Whether the columns `cut` are a table: boxes of two columns or more begin (top-aligned
    cells) or are centred (middle-aligned cells) at the same height in `TABLE_ROWS` places."""
    def rows(key: Callable[[Box], float]) -> int:
        heights = sorted((key(boxes[i]), n) for n, column in enumerate(cut) for i in column)
        places, k = 0, 0
        while k < len(heights):
            j = k
            while j + 1 < len(heights) and heights[j + 1][0] - heights[k][0] <= _ALIGNED:
                j += 1
            places += len({n for _, n in heights[k:j + 1]}) > 1
            k = j + 1
        return places

    return rows(lambda b: b.y1) >= TABLE_ROWS or rows(lambda b: (b.y0 + b.y1) / 2) >= TABLE_ROWS


def _spans(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The x-ranges `spans` cover, joined where they overlap, left to right (as `_split` cuts columns)."""
    joined: list[tuple[float, float]] = []
    for x0, x1 in sorted(spans):
        if joined and x0 < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], x1))
        else:
            joined.append((x0, x1))
    return joined


def _split(boxes: Sequence[Box], part: list[int], vertical: bool) -> list[list[int]]:
    """`part` cut at every blank no box reaches across: into bands top to bottom (`vertical`)
    or into columns left to right."""
    if vertical:
        ranked = sorted(part, key=lambda i: -boxes[i].y1)
    else:
        ranked = sorted(part, key=lambda i: boxes[i].x0)
    groups: list[list[int]] = []
    edge = 0.0
    for i in ranked:
        b = boxes[i]
        if groups and (b.y1 <= edge if vertical else b.x0 >= edge):
            groups.append([i])
            edge = b.y0 if vertical else b.x1
        elif groups:
            groups[-1].append(i)
            edge = min(edge, b.y0) if vertical else max(edge, b.x1)
        else:
            groups.append([i])
            edge = b.y0 if vertical else b.x1
    return groups


def _edge_line(boxes: Sequence[Box], rest: list[int], height: float, at_top: bool) -> tuple[int, ...]:
    """The boxes of the outermost line among `rest` (left to right) when that line is one-line
    boxes in the band at that edge with no other box reaching it; else ()."""
    if len(rest) < 2:
        return ()
    outer = max(rest, key=lambda i: boxes[i].y1) if at_top else min(rest, key=lambda i: boxes[i].y0)
    low, high = boxes[outer].y0, boxes[outer].y1
    group = [i for i in rest if boxes[i].y0 < high and boxes[i].y1 > low]  # side by side with it
    others = [boxes[i] for i in rest if i not in group]
    if not others or any(boxes[i].lines != 1 for i in group):
        return ()
    if at_top:
        inside = (min(boxes[i].y0 for i in group) >= height * (1 - EDGE_BAND)
                  and max(b.y1 for b in others) <= min(boxes[i].y0 for i in group))
    else:
        inside = (max(boxes[i].y1 for i in group) <= height * EDGE_BAND
                  and min(b.y0 for b in others) >= max(boxes[i].y1 for i in group))
    return tuple(sorted(group, key=lambda i: boxes[i].x0)) if inside else ()


def _edges_outermost(converter: type) -> type:
    """`converter` (pdfminer's TextConverter) writing each page's text boxes in `edge_order`,
    the boxes of one edge line as lines that touch (no blank line between them, as the lines
    of one box), so the running-chrome finder takes them as one header or footer."""
    from pdfminer.layout import LTContainer, LTText, LTTextBox, LTTextLine

    class EdgesOutermost(converter):  # type: ignore[misc,valid-type]
        def receive_layout(self, ltpage: object) -> None:
            objects = list(ltpage)  # type: ignore[call-overload]
            at = [n for n, o in enumerate(objects) if isinstance(o, LTTextBox)]
            boxes = [Box(o.x0, o.y0, o.x1, o.y1, sum(isinstance(c, LTTextLine) for c in o))
                     for o in (objects[n] for n in at)]
            order = edge_order(boxes, ltpage.height)  # type: ignore[attr-defined]
            if order.flat() == list(range(len(boxes))) and not any(len(g) > 1 for g in order.top + order.bottom):
                return super().receive_layout(ltpage)  # type: ignore[no-any-return]
            write = self.write_text

            def render(item: object) -> None:  # TextConverter's, without images
                if isinstance(item, LTContainer):
                    for child in item:
                        render(child)
                elif isinstance(item, LTText):
                    write(item.get_text())
                if isinstance(item, LTTextBox):
                    write("\n")

            def line(group: tuple[int, ...]) -> None:
                for i in group:
                    for child in objects[at[i]]:
                        render(child)
                write("\n")

            for group in order.top:
                line(group)
            moved = {at[i] for group in order.top + order.bottom for i in group}
            body = iter([objects[at[i]] for i in order.rest])
            for n, item in enumerate(objects):
                if n not in moved:
                    render(next(body) if isinstance(item, LTTextBox) else item)
            for group in order.bottom:
                line(group)
            write("\f")

    return EdgesOutermost


# A browser prints a justified line as words set apart by a space glyph of its usual width and a
# gap after it: in a narrow column the gap can pass pdfminer's `char_margin`, which breaks the
# line into pieces read out of order («etape  bassin» after the paragraph). An unused soft hyphen
# (&shy;) is printed by Chromium as a space glyph that does not advance: the next letter stands
# where the space begins, and pdfminer reads «special undervisningen».
JUSTIFIED_GAP = 8.0  # of the font size: the widest gap after a space still taken as one line's (a long word moved to the next line)
_SAME_LINE = 0.2  # points: baselines this close are one line


def _spaces_as_printed(converter: type) -> type:
    """`converter` (a pdfminer PDFLayoutAnalyzer) reading the characters of a page, in the
    order the content stream paints them, before its layout analysis: a space glyph that the
    next letter on its line overlaps by half its width or more (an unused soft hyphen) is left
    out, and one followed on its line by a gap of at most `JUSTIFIED_GAP` font sizes (justified
    text) is widened to the next letter, so the words of the line stay one line."""
    from pdfminer.layout import LTChar, LTContainer

    def mend(container: object) -> None:
        objs = container._objs  # type: ignore[attr-defined]
        drop: set[int] = set()
        for n in range(len(objs) - 1):
            space, after = objs[n], objs[n + 1]
            if isinstance(space, LTContainer):
                mend(space)
                continue
            if not (isinstance(space, LTChar) and isinstance(after, LTChar) and space.get_text() == " "
                    and not after.get_text().isspace() and abs(space.y0 - after.y0) <= _SAME_LINE
                    and space.upright and after.upright and space.width > 0):
                continue
            if after.x0 <= space.x1 - space.width / 2 and after.x0 >= space.x0 - _SAME_LINE:
                drop.add(n)
            elif space.x1 < after.x0 <= space.x1 + JUSTIFIED_GAP * max(space.size, after.size):
                space.set_bbox((space.x0, space.y0, after.x0, space.y1))
        if objs and isinstance(objs[-1], LTContainer):
            mend(objs[-1])
        if drop:
            container._objs = [o for n, o in enumerate(objs) if n not in drop]  # type: ignore[attr-defined]

    class SpacesAsPrinted(converter):  # type: ignore[misc,valid-type]
        def end_page(self, page: object) -> None:
            mend(self.cur_item)
            super().end_page(page)

    return SpacesAsPrinted


# A municipality that "redacts" a PDF by drawing a filled black box over a name or a CPR number
# leaves the text in the file: pdfminer reads it as any other, and Referatsøg would index and show
# it. The text a dark box hides is left out: a box drawn over it (after it in the content stream),
# or one drawn under it when the text is dark too (black on black); light text on a dark banner
# (box first, text after) is read, and so is invisible text (render mode 3 or 7: an OCR layer).
REDACTED_NOTE = "tekst under sort overstregning udeladt (side {})"
DARK = 0.25  # a colour whose every channel (gray, R, G, B; CMYK as RGB) is at most this is near black
COVERED = 0.6  # of a character's box a dark box must cover to hide it: rules and thin lines never do
_CELL = 24.0  # points: the side of the squares of the page the dark boxes are sorted into
_INVISIBLE = (3, 7)  # text render modes that paint nothing


OPAQUE = 0.5  # the fill alpha (ExtGState /ca) from which a dark box hides what is under it


def _with_fill_alpha(interpreter: type) -> type:
    """`interpreter` (pdfminer's PDFPageInterpreter) keeping the fill alpha (`/ca` of an
    ExtGState set with `gs`; pdfminer ignores `gs`) as `fill_alpha` of its graphic state, which
    `q`/`Q` save and restore with the rest: a translucent dark box (a highlighter's tint, a
    shadow) is drawn over text a reader still sees, and does not redact it."""
    from pdfminer.pdfinterp import PDFGraphicState
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import literal_name

    class AlphaState(PDFGraphicState):
        fill_alpha = 1.0

        def copy(self) -> "AlphaState":
            state = AlphaState()
            state.__dict__.update(self.__dict__)
            return state

    class WithFillAlpha(interpreter):  # type: ignore[misc,valid-type]
        def init_state(self, ctm: object) -> None:
            super().init_state(ctm)
            self.graphicstate = AlphaState()

        def do_gs(self, name: object) -> None:
            try:
                states = resolve1((self.resources or {}).get("ExtGState"))
                found = resolve1(states.get(literal_name(name))) if isinstance(states, dict) else None
                alpha = resolve1(found.get("ca")) if isinstance(found, dict) else None
            except Exception:  # a damaged resource dictionary sets nothing, as pdfminer's own do_gs
                return
            if isinstance(alpha, (int, float)) and not isinstance(alpha, bool) and math.isfinite(alpha):
                self.graphicstate.fill_alpha = min(1.0, max(0.0, float(alpha)))

    return WithFillAlpha


def _is_dark(color: object, space: object) -> bool:
    """Whether a colour in a colour space (pdfminer's `PDFColorSpace`) is black or near black;
    False for colour spaces whose values say nothing by themselves (Indexed, Separation, Pattern …)."""
    values = color if isinstance(color, (tuple, list)) else (color,)
    if not values or not all(isinstance(v, (int, float)) for v in values):
        return False
    name, n = getattr(space, "name", None), getattr(space, "ncomponents", 0)
    if len(values) == 1 and (name in ("DeviceGray", "CalGray") or (name == "ICCBased" and n == 1)):
        return values[0] <= DARK
    if len(values) == 3 and (name in ("DeviceRGB", "CalRGB") or (name == "ICCBased" and n == 3)):
        return max(values) <= DARK
    if len(values) == 4 and (name == "DeviceCMYK" or (name == "ICCBased" and n == 4)):
        c, m, y, k = values
        return max((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)) <= DARK
    return False


def _redactions_left_out(converter: type) -> type:
    """`converter` (a pdfminer PDFLayoutAnalyzer) without the characters a dark box hides
    (`_hidden_chars`); `hid_text` says whether the page just read lost any (other than blanks).

    pdfminer's LTPage after analysis holds text boxes first and drawings after, so the order in
    which they were painted is read before: each is added to the page as the content stream
    paints it. Filled rectangles and the characters of invisible or stroked text are noted as
    they are painted; a page without a dark filled rectangle costs nothing more. The hidden
    characters stay in their places through the layout analysis, so the rest of the page is laid
    out as before, and are taken out of its lines after (`_prune`); the rectangles go before it.
    """
    from pdfminer.converter import PDFLayoutAnalyzer
    from pdfminer.layout import LTRect

    class RedactionsLeftOut(converter):  # type: ignore[misc,valid-type]
        hid_text = False

        def begin_page(self, page: object, ctm: object) -> None:
            self.hid_text = False
            self._hidden: set[int] = set()  # ids of the chars found hidden, at the page's end
            self._filled: dict[int, bool] = {}  # id of each filled rectangle → whether it is dark
            self._holders: dict[int, object] = {}  # the page or figures they were put in, by id
            self._ink: dict[int, bool | None] = {}  # id of a char not filled: dark stroke, or None: invisible
            super().begin_page(page, ctm)

        def paint_path(self, gstate: object, stroke: bool, fill: bool, evenodd: bool, path: object) -> None:
            # TextConverter keeps no drawings; a filled rectangle is kept until the page's end.
            if not fill:
                return super().paint_path(gstate, stroke, fill, evenodd, path)  # type: ignore[no-any-return]
            holder = self.cur_item
            start = len(holder._objs)
            PDFLayoutAnalyzer.paint_path(self, gstate, stroke, fill, evenodd, path)  # type: ignore[arg-type]
            dark = (_is_dark(gstate.ncolor, gstate.ncs)  # type: ignore[attr-defined]
                    and getattr(gstate, "fill_alpha", 1.0) >= OPAQUE)
            for item in holder._objs[start:]:
                if isinstance(item, LTRect):
                    self._filled[id(item)] = dark
            self._holders[id(holder)] = holder

        def render_string(self, textstate: object, seq: object, ncs: object, graphicstate: object) -> None:
            mode = textstate.render  # type: ignore[attr-defined]
            if mode in (0, 2, 4, 6):  # filled: the char's own graphic state gives its colour
                return super().render_string(textstate, seq, ncs, graphicstate)  # type: ignore[no-any-return]
            objects = self.cur_item._objs
            start = len(objects)
            super().render_string(textstate, seq, ncs, graphicstate)
            stroke = graphicstate.scolor, graphicstate.scs  # type: ignore[attr-defined]
            ink = None if mode in _INVISIBLE else _is_dark(*stroke)
            for item in objects[start:]:
                self._ink[id(item)] = ink

        def end_page(self, page: object) -> None:
            if any(self._filled.values()):
                self._hidden = _hidden_chars(self.cur_item, self._filled, self._ink)
            for holder in self._holders.values():  # the drawings go: the layout is pdfminer's as before
                holder._objs = [o for o in holder._objs if id(o) not in self._filled]  # type: ignore[attr-defined]
            self._filled, self._holders, self._ink = {}, {}, {}
            super().end_page(page)  # analyses the layout, hidden characters in their places, and writes it

        def receive_layout(self, ltpage: object) -> None:
            if self._hidden:
                self.hid_text = _prune(ltpage, self._hidden)
                self._hidden = set()
            super().receive_layout(ltpage)

    return RedactionsLeftOut


def _hidden_chars(ltpage: object, filled: dict[int, bool], ink: dict[int, bool | None]) -> set[int]:
    """The ids of the characters on `ltpage` (before layout analysis: its items and its figures'
    in the order they were painted) that a dark filled rectangle hides: one covering at least
    `COVERED` of the character's box, painted after it, or painted before it with the character
    dark and no lighter filled rectangle covering it painted between. `filled`: the page's
    filled rectangles (by id) and whether each is dark; `ink`: characters not filled (by id),
    whether stroked dark or None when invisible."""
    from pdfminer.layout import LTChar, LTContainer

    painted: list[tuple[object, object]] = []  # (item, the container holding it), as painted

    def walk(container: object) -> None:
        for item in container._objs:  # type: ignore[attr-defined]
            if isinstance(item, LTChar) or id(item) in filled:
                painted.append((item, container))
            elif isinstance(item, LTContainer):
                walk(item)

    walk(ltpage)
    cells = {c for item, _ in painted if isinstance(item, LTChar) and (c := _cell(item)) is not None}
    if not cells:
        return set()
    # A box covering COVERED (over half) of a char's width and height holds its centre: each dark
    # box is listed in the cells of the page it reaches that hold a char's centre.
    dark: dict[tuple[int, int], list[tuple[int, object]]] = {}  # cell → (order, rectangle) of dark ones
    light: list[tuple[int, object]] = []  # in the order painted
    for at, (item, _) in enumerate(painted):
        if isinstance(item, LTChar) or not all(map(math.isfinite, item.bbox)):  # type: ignore[attr-defined]
            continue
        if filled[id(item)]:
            left, right = int(item.x0 // _CELL), int(item.x1 // _CELL)  # type: ignore[attr-defined]
            low, high = int(item.y0 // _CELL), int(item.y1 // _CELL)  # type: ignore[attr-defined]
            if (right - left + 1) * (high - low + 1) <= len(cells):
                reached = [(x, y) for x in range(left, right + 1) for y in range(low, high + 1) if (x, y) in cells]
            else:
                reached = [(x, y) for x, y in cells if left <= x <= right and low <= y <= high]
            for cell in reached:
                dark.setdefault(cell, []).append((at, item))
        else:
            light.append((at, item))
    light_order = [at for at, _ in light]
    hidden: set[int] = set()
    for at, (char, _) in enumerate(painted):
        if not isinstance(char, LTChar) or (cell := _cell(char)) not in dark:
            continue
        # Invisible text (an OCR layer) is read, also over a dark area drawn before it, but not
        # under a box drawn over it: a scan blacked out with a drawing tool after OCR.
        invisible = id(char) in ink and ink[id(char)] is None
        x, y = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2
        under = -1  # the last dark box covering it painted before it
        over = False
        for drawn, box in dark[cell]:
            if box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1 and _covers(box, char):  # type: ignore[attr-defined]
                if drawn > at:
                    over = True
                    break
                under = max(under, drawn)
        if not over:
            if under < 0 or invisible:
                continue
            gstate = char.graphicstate
            if not (ink[id(char)] if id(char) in ink else _is_dark(gstate.ncolor, gstate.ncs)):  # light on dark
                continue
            between = light[bisect.bisect_right(light_order, under):bisect.bisect_left(light_order, at)]
            if any(_covers(box, char) for _, box in between):  # a lighter box between: the text is on it
                continue
        hidden.add(id(char))
    return hidden


def _prune(container: object, hidden: set[int]) -> bool:
    """Take the `hidden` characters (by id) out of the analysed layout in `container`: a line
    left without a character but blanks goes, and so does a text box left without lines; in a
    line that keeps some, the spaces pdfminer put around the ones taken out become one. Whether
    any character but a blank was taken out."""
    from pdfminer.layout import LTAnno, LTChar, LTContainer, LTTextBox, LTTextLine

    words = False
    kept_items = []
    for item in container._objs:  # type: ignore[attr-defined]
        if isinstance(item, LTChar):
            if id(item) in hidden:
                words = words or not item.get_text().isspace()
                continue
        elif isinstance(item, LTTextLine):
            if not any(id(o) in hidden for o in item):
                kept_items.append(item)
                continue
            kept: list[object] = []
            for o in item:
                if id(o) in hidden:
                    words = words or not o.get_text().isspace()
                elif not (isinstance(o, LTAnno) and o.get_text() == " "
                          and (not kept or kept[-1].get_text().isspace())):  # a space after a space
                    kept.append(o)
            if not any(isinstance(o, LTChar) and not o.get_text().isspace() for o in kept):
                continue
            item._objs = kept
        elif isinstance(item, LTContainer):
            words = _prune(item, hidden) or words
            if isinstance(item, LTTextBox):
                lines = list(item)
                if not lines:
                    continue
                item.set_bbox((min(line.x0 for line in lines), min(line.y0 for line in lines),
                               max(line.x1 for line in lines), max(line.y1 for line in lines)))
        kept_items.append(item)
    container._objs = kept_items  # type: ignore[attr-defined]
    return words


def _cell(char: object) -> tuple[int, int] | None:
    """The cell of the page (`_CELL` square) holding a character's centre; None off any page."""
    x, y = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2  # type: ignore[attr-defined]
    return (int(x // _CELL), int(y // _CELL)) if math.isfinite(x) and math.isfinite(y) else None


def _covers(box: object, char: object) -> bool:
    """Whether `box` covers at least `COVERED` of `char`'s box (its centre, for a char without area)."""
    x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1  # type: ignore[attr-defined]
    cx0, cy0, cx1, cy1 = char.x0, char.y0, char.x1, char.y1  # type: ignore[attr-defined]
    area = (cx1 - cx0) * (cy1 - cy0)
    if area <= 0:
        return x0 <= (cx0 + cx1) / 2 <= x1 and y0 <= (cy0 + cy1) / 2 <= y1
    width, height = min(x1, cx1) - max(x0, cx0), min(y1, cy1) - max(y0, cy0)
    return width > 0 and height > 0 and width * height >= COVERED * area


def _and(items: list[str]) -> str:
    """«2», «2 og 5», «2, 3 og 5»."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} og {items[-1]}"


# pdfminer unpacks each compressed stream whole (zlib.decompress) and keeps it: a few hundred KB
# of PDF unpacked to 300 MB held 700 MB of memory, a few MB of it would have the OS kill the whole
# run. A page's content or a font is a few MB at most; a stream that unpacks to more is refused.
MAX_STREAM_BYTES = 128 * 2**20


class _StreamTooLarge(Exception):
    """A compressed PDF stream unpacks to more than MAX_STREAM_BYTES."""


class _BoundedInflater:
    """A zlib decompressor object that stops at MAX_STREAM_BYTES of output."""

    def __init__(self, inner: object) -> None:
        self._inner = inner
        self._total = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = MAX_STREAM_BYTES + 1 - self._total
        out = self._inner.decompress(data, min(max_length, room) if max_length else room)  # type: ignore[attr-defined]
        self._total += len(out)
        if self._total > MAX_STREAM_BYTES:
            raise _StreamTooLarge
        return out  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)


class _BoundedZlib:
    """zlib as pdfminer's stream decoder sees it, with every stream's unpacked size bounded;
    the same answers (and `zlib.error`s) as zlib for every stream within the bound."""

    def decompress(self, data: bytes, *args: object, **kwargs: object) -> bytes:
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, MAX_STREAM_BYTES + 1)
        if len(out) > MAX_STREAM_BYTES:
            raise _StreamTooLarge
        if not inflater.eof:  # as zlib.decompress says of a stream that stops short
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def decompressobj(self, *args: object, **kwargs: object) -> _BoundedInflater:
        return _BoundedInflater(zlib.decompressobj(*args, **kwargs))  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> object:
        return getattr(zlib, name)


def _bound_pdf_streams() -> None:
    """Give pdfminer's stream decoder the bounded zlib (once; pdfminer is only used here)."""
    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, _BoundedZlib):
        pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment]


def _on_page(pages: list[Page]) -> str:
    """Where reading stopped: on the page after the last one read, if any was."""
    return f" på side {len(pages) + 1}" if pages else ""


def _pdf_fault(error: Exception) -> str:
    """pdfminer's complaint in a few Danish words (its message quotes raw PDF objects, so only
    its fixed opening is looked at)."""
    if str(error).startswith(("No /Root", "No /Pages", "Trailer not found", "Unexpected EOF")) or "XRef" in type(error).__name__:
        return "dokumentets opbygning mangler eller er ødelagt"
    return "ugyldig opbygning"


class _PdfminerToDebug(logging.Handler):
    """pdfminer's log, which would otherwise reach stderr without a file name (Python's last-resort
    handler): kept out of the user's sight, passed on as debug records of this module."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING and log.isEnabledFor(logging.DEBUG):
            try:
                log.debug("pdfminer (%s): %s", record.name, record.getMessage())
            except Exception:  # a malformed record must not break reading
                pass


_pdfminer_log = logging.getLogger("pdfminer")
_pdfminer_log.addHandler(_PdfminerToDebug())
_pdfminer_log.propagate = False  # an application's root handler (e.g. the web server's) shows nothing either
