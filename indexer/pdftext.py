"""A PDF's bytes → the text of each page (pdfminer.six), with its failures in Danish.

pdfminer's own words (English exception texts with Python reprs of PDF objects) and its log
never reach the user; a stream that unpacks beyond `MAX_STREAM_BYTES` is refused.
"""

from __future__ import annotations

import io
import logging
import zlib

from indexer.files import ExtractError
from indexer.models import Page
from indexer.normalise import normalise

log = logging.getLogger(__name__)

OCR_HINT = "kør OCR først, f.eks. ocrmypdf -l dan"


def pdf_pages(data: bytes) -> tuple[Page, ...]:
    """Text of each page as pdfminer's `extract_text` gives it (default LAParams), NFKC-normalised.

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
        device = TextConverter(manager, buffer, laparams=LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        # One pass over the document; the converter ends each page with "\f", which we drop.
        for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data)), start=1):
            interpreter.process_page(page)
            pages.append(Page(number, normalise(buffer.getvalue().rstrip("\f"), "NFKC")))
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
