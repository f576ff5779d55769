"""A PDF's bytes → the text of each page (pdfminer.six), with its failures in Danish.

pdfminer's own words (English exception texts with Python reprs of PDF objects) and its log
never reach the user; a stream that unpacks beyond `MAX_STREAM_BYTES` is refused.
"""

from __future__ import annotations

import io
import logging
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from indexer.files import ExtractError
from indexer.models import Page
from indexer.normalise import normalise

log = logging.getLogger(__name__)

OCR_HINT = "kør OCR først, fx ocrmypdf -l dan"


def pdf_pages(data: bytes) -> tuple[Page, ...]:
    """Text of each page as pdfminer's `extract_text` gives it (default LAParams), NFKC-normalised,
    with the lines at the page's top and bottom edges moved to its start and end (`edge_order`).

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
    buffer = io.StringIO()
    try:
        manager = PDFResourceManager()
        device = _edges_outermost(TextConverter)(manager, buffer, laparams=LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        # One pass over the document; the converter ends each page with "\f", which we drop.
        for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), start=1):
            interpreter.process_page(page)
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
        raise ExtractError(f"intet tekstlag (billed-/scannet PDF) – {OCR_HINT}")
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
    return EdgeOrder(tuple(edges[True]), tuple(rest), tuple(reversed(edges[False])))


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
