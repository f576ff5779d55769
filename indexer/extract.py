"""File → pages of raw text: the only place that reads input files.

Content decides how a file is read, not its name: a PDF is recognised by its `%PDF-` magic, an
HTML page by its markup, everything else is text in whatever encoding its bytes show. A file
that cannot be read raises `ExtractError` with a one-line Danish reason for the administrator;
no other exception leaves `extract`.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import io
import logging
import os
import re
import stat
import unicodedata
import zlib
from pathlib import Path

from indexer.htmltext import read_page
from indexer.models import Page, SourceFile

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: dict[str, str] = {
    ".pdf": "pdf",
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
MAX_BYTES = 200 * 1024 * 1024  # a council PDF is a few MB; anything this big is not minutes

OCR_HINT = "kør OCR først, f.eks. ocrmypdf -l dan"


class ExtractError(Exception):
    """A file that cannot be indexed; `reason` is one Danish line for the administrator."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UnreadableFile(ExtractError):
    """The OS would not give us the file's bytes (no access, I/O error, a network share gone
    away): nothing is known about its content, so what was indexed from it before is kept."""


def read_failure(error: OSError, path: Path | str) -> ExtractError:
    """The ExtractError for an OS error while opening or reading `path`: `UnreadableFile`,
    unless the file is gone (vanished, or a link that leads nowhere), which is plain."""
    reason = file_error_reason(error, path)
    if error.errno in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR) or link_reason(path):
        return ExtractError(reason)
    return UnreadableFile(reason)


def is_junk(path: Path) -> bool:
    """Hidden files and editor/OS leftovers: skipped silently, never reported."""
    name = path.name
    return (
        name.startswith((".", "~$", ".~lock."))
        or name.endswith(("~", ".tmp", ".swp", ".part", ".crdownload"))
        or (len(name) > 2 and name.startswith("#") and name.endswith("#"))  # Emacs's auto-save of an open file
        or name.lower() in ("thumbs.db", "desktop.ini")
    )


def is_candidate(path: Path) -> bool:
    """Whether a file found in a folder should be read (by name only; content is checked later)."""
    return not is_junk(path) and path.suffix.lower() in SUPPORTED_SUFFIXES


def unsupported_reason(path: Path) -> str:
    """The reason reported for a file whose type Referatsøg does not read."""
    return f"ukendt filtype '{path.suffix.lower()}'" if path.suffix else "ukendt filtype (ingen filendelse)"


def extract(path: Path, root: Path) -> SourceFile:
    """Read one file into pages of text; raise `ExtractError` for input that cannot be indexed.

    `source` is `path` relative to `root` with POSIX separators; a text or HTML file is one page.
    """
    source = path.relative_to(root).as_posix()
    _refuse_undecodable_name(source)
    data = _read_bytes(path)
    kind = _sniff(data, path)
    if kind == "pdf":
        pages = _pdf_pages(data)
    else:
        text = html_text(data) if kind == "html" else _drop_code(decode_text(data))
        text = _normalise(text, "NFC")
        if not text.strip():
            raise ExtractError("ingen tekst i filen (kun blanktegn)" if kind != "html" else "ingen synlig tekst i HTML-siden")
        pages = (Page(1, text),)
    _refuse_english(pages)
    return SourceFile(path=path, source=source, sha256=hashlib.sha256(data).hexdigest(), kind=kind, pages=pages)


_CODE_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)


def _drop_code(text: str) -> str:
    """A text or markdown file's <script> and <style> elements out (markup stripped later would
    leave their code as words), their line breaks kept so line numbers still match the file."""
    if "</" not in text:
        return text
    return _CODE_BLOCK.sub(lambda m: "\n" * m.group().count("\n"), text)


def _refuse_undecodable_name(source: str) -> None:
    """A name with bytes that are not UTF-8 (copied from an old Windows share or a ZIP file):
    Linux allows it, but the index, the web links and JSON hold text, so it cannot be a source.
    Python keeps such bytes as lone surrogates; the summary shows them as \\xNN."""
    try:
        source.encode("utf-8")
    except UnicodeEncodeError:
        raise ExtractError("navnet har tegn, der ikke er UTF-8 (vist som \\xNN) – omdøb filen eller mappen") from None


# Short words frequent in one language and not used in the other ("at", "to", "for", "i"
# and "in" are left out: both languages have them).
_ENGLISH_WORDS = frozenset(
    "the and of is are was were be been this that these those with from which what it its by an as on not or "
    "have has will would can should must".split()
)
_DANISH_WORDS = frozenset(
    "og det en er til som på de med af den der ikke har vil kan skal blev være var efter om også fra eller hvor "
    "når".split()
)
_LANGUAGE_SAMPLE = 20_000  # characters read from the start of a file (~2,500 words)
_LETTERS = re.compile(r"[^\W\d_]+")


def _refuse_english(pages: tuple[Page, ...]) -> None:
    """Refuse a file that is plainly English: a README or manifest in the folder, not minutes.

    Indexed, it became an "annual report" of whichever municipality its text named. Danish
    records quote English (project names, titles) without coming near the threshold: the seeds
    and layouts have at most 6 of these English words against 99 or more Danish ones, English
    files 127 or more against 22 or fewer. This runs on every file: a text without " the " is
not counted at all, and the rest with C-level calls.
    """
    sample: list[str] = []
    size = 0
    for page in pages:
        sample.append(page.text)
        size += len(page.text)
        if size >= _LANGUAGE_SAMPLE:
            break
    text = "\n".join(sample)[:_LANGUAGE_SAMPLE].lower()
    if " the " not in text:  # no English text is without it; a Danish one is seldom with it
        return
    words = _LETTERS.findall(text)
    english = sum(map(_ENGLISH_WORDS.__contains__, words))
    danish = sum(map(_DANISH_WORDS.__contains__, words))
    if english >= 30 and english > 2 * danish:
        raise ExtractError(f"engelsk tekst, ikke et dansk rådsdokument ({english} engelske og {danish} danske småord)")


# --- reading -------------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    """All bytes of the file, with every OS failure turned into one clear line.

    What is checked is the file opened, not the name looked up before (a FIFO put in a file's
    place between the two would block the run forever), and no more than `MAX_BYTES` is read
    (a file that grows while it is read, a log being written, would otherwise never end).
    """
    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size == 0:
                raise ExtractError("tom fil (0 bytes)")
            if size > MAX_BYTES:
                raise ExtractError(f"for stor ({size // 2**20} MB; grænsen er {MAX_BYTES // 2**20} MB)")
            data = bytearray(handle.read(size))
            while len(data) <= MAX_BYTES:  # it grew while we read: up to the limit, not forever
                more = handle.read(1 << 20)
                if not more:
                    break
                data += more
    except OSError as e:
        raise read_failure(e, path) from None
    if not data:  # emptied between stat and read
        raise ExtractError("tom fil (0 bytes)")
    if len(data) > MAX_BYTES:
        raise ExtractError(f"for stor (voksede under læsningen; grænsen er {MAX_BYTES // 2**20} MB)")
    return bytes(data)


def open_regular(path: Path | str) -> io.BufferedReader:
    """`path` opened for reading if it is a regular file; else `ExtractError` with the reason.

    Opened without blocking (a FIFO with no writer, a device), then checked through the open
    descriptor, so nothing can be swapped in between the check and the read.
    """
    _refuse_irregular(os.stat(path).st_mode)  # a device is not even opened (a tape rewinds on open)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        _refuse_irregular(os.fstat(fd).st_mode)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _refuse_irregular(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise ExtractError("er en mappe, ikke en fil")
    if not stat.S_ISREG(mode):
        raise ExtractError("ikke en almindelig fil (enhed, socket eller pipe)")


# The OS's own messages (strerror) are English; these say the same in Danish.
_OS_ERRORS: dict[int, str] = {
    errno.EACCES: "ingen adgang",
    errno.EPERM: "ingen adgang",
    errno.ELOOP: "symbolsk link i ring",
    errno.ENOENT: "findes ikke",
    errno.ENOTDIR: "en del af stien er ikke en mappe",
    errno.EISDIR: "er en mappe, ikke en fil",
    errno.ENAMETOOLONG: "stien er for lang",
    errno.EIO: "læsefejl (I/O-fejl) – disken eller drevet kan være beskadiget",
    errno.ENXIO: "enheden findes ikke",
    errno.ENODEV: "enheden findes ikke",
    errno.ENOMEM: "ikke nok hukommelse",
    errno.EMFILE: "for mange åbne filer",
    errno.ENFILE: "for mange åbne filer",
    errno.EBUSY: "filen er optaget",
    errno.ETXTBSY: "filen er optaget",
    errno.EAGAIN: "filen er midlertidigt utilgængelig",
    errno.EINTR: "afbrudt",
    errno.EINVAL: "ugyldigt filnavn eller ugyldig fil",
    errno.EILSEQ: "filnavnet har ugyldige tegn",
    errno.ESTALE: "netværksdrevet svarer ikke",
    errno.ETIMEDOUT: "netværksdrevet svarer ikke",
    errno.EHOSTDOWN: "netværksdrevet svarer ikke",
    errno.EHOSTUNREACH: "netværksdrevet svarer ikke",
    errno.ENOTCONN: "netværksdrevet svarer ikke",
    errno.ECONNABORTED: "netværksdrevet svarer ikke",
    errno.ECONNRESET: "netværksdrevet svarer ikke",
    errno.ENOSPC: "disken er fuld",
    errno.EDQUOT: "diskkvoten er opbrugt",
    errno.EROFS: "filsystemet er skrivebeskyttet",
    errno.EEXIST: "findes allerede",
    errno.ENOTEMPTY: "mappen er ikke tom",
}


def os_error_text(error: OSError) -> str:
    """What an OS error means, in Danish (never the OS's English `strerror`)."""
    if error.errno in _OS_ERRORS:
        return _OS_ERRORS[error.errno]
    code = errno.errorcode.get(error.errno) if error.errno is not None else None
    return f"systemfejl {code}" if code else "ukendt systemfejl"


def index_write_error(error: OSError, index_dir: Path | str) -> str:
    """Why the index folder could not be written (disk full, no access), in Danish, naming the
    file the OS named or else the folder: what `referatsog index` and `serve` both say."""
    from indexer.progress import printable

    return f"indekset kunne ikke skrives: {printable(str(error.filename or index_dir))}: {os_error_text(error)}"


def file_error_reason(error: OSError, path: Path | str | None = None) -> str:
    """The Danish reason for a file the OS would not give us; `path`: to tell a symbolic link's faults."""
    if path is not None and os.path.islink(path) and error.errno in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR):
        return link_reason(path) or "filen forsvandt under indekseringen"
    if error.errno == errno.ENOENT:
        return "filen forsvandt under indekseringen"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "ingen læseadgang"
    if error.errno == errno.EISDIR:
        return "er en mappe, ikke en fil"
    return f"kan ikke læses ({os_error_text(error)})"


def link_reason(path: Path | str) -> str | None:
    """Why a symbolic link cannot be followed (dangling or looping), or None when it can (or is none)."""
    try:
        os.stat(path)
    except OSError as e:
        if not os.path.islink(path):
            return None
        if e.errno == errno.ELOOP:
            return "symbolsk link i ring"
        if e.errno in (errno.ENOENT, errno.ENOTDIR):
            return "symbolsk link peger på en fil, der ikke findes"
        return f"symbolsk link kan ikke følges ({os_error_text(e)})"
    return None


# Magic numbers of files that turn up in council folders under the wrong name.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "et ZIP-arkiv, f.eks. et Word-dokument (.docx)"),
    (b"\xd0\xcf\x11\xe0", "et gammelt Office-dokument (.doc/.xls)"),
    (b"{\\rtf", "et RTF-dokument"),
    (b"\x89PNG", "et PNG-billede"),
    (b"\xff\xd8\xff", "et JPEG-billede"),
    (b"GIF8", "et GIF-billede"),
    (b"II*\x00", "et TIFF-billede"),
    (b"MM\x00*", "et TIFF-billede"),
)
_BEFORE_MARKUP = rb"\s*(<!--.*?-->\s*)*<"  # blanks and comments before the first element
# A page: <!doctype html> or <html>, or without <html> (a CMS's export, a fragment saved by
# hand) an element of the head, which is never text or markdown. A .txt that is markup from its
# first character to its last is a page too; a markdown file may be (pandoc wraps its exports
# of web pages in raw <div>s) and stays markdown, whose reading strips the tags line by line.
_HTML_START = re.compile(_BEFORE_MARKUP + rb"(!doctype\s+html|html[\s>]|(head|body|meta|title)[\s>/])", re.I | re.S)
_HTML_BLOCK_START = re.compile(_BEFORE_MARKUP + rb"(div|p|table|section|article|main|h[1-6])[\s>]", re.I | re.S)


def _sniff(data: bytes, path: Path) -> str:
    """The kind of file the bytes are; the name only chooses between text and markdown."""
    head = data[:1024]
    # Readers accept junk before the magic within the first KB; a text that merely mentions
    # "%PDF-" is told apart by the missing end-of-file marker.
    start = _strip_bom(head)
    if start.lstrip().startswith(b"%PDF-") or (b"%PDF-" in head and b"%%EOF" in data[-2048:]):
        return "pdf"
    suffix = path.suffix.lower()
    looks_like = next((what for magic, what in _SIGNATURES if data.startswith(magic)), None)
    is_html = bool(_HTML_START.match(start)) or bool(
        suffix == ".txt" and _HTML_BLOCK_START.match(start) and data.rstrip().endswith(b">"))
    if suffix == ".pdf":
        # A .pdf that is not one is nearly always a failed download (an error page saved under
        # the document's name): report it rather than index the error page as minutes.
        if looks_like is None:
            first = _first_line(head)
            looks_like = "HTML" if is_html or first.startswith("<") else "tekst" if _is_texty(head) else "binære data"
            raise ExtractError(f"ikke en PDF (starter med '{first}', ligner {looks_like})")
        raise ExtractError(f"ikke en PDF (ligner {looks_like})")
    if looks_like is not None:
        raise ExtractError(f"ikke en tekstfil (ligner {looks_like})")
    if is_html or suffix in (".html", ".htm"):
        return "html"
    return SUPPORTED_SUFFIXES.get(suffix, "text")


def _strip_bom(data: bytes) -> bytes:
    return data[3:] if data.startswith(codecs.BOM_UTF8) else data


def _first_line(head: bytes) -> str:
    """The start of the first line as the user would see it, up to the first '>' of a tag."""
    line = _strip_bom(head).lstrip().split(b"\n", 1)[0].split(b">", 1)[0]
    text = line[:30].decode("utf-8", errors="replace")
    return "".join(c if c.isprintable() else "?" for c in text).strip()


def _is_texty(head: bytes) -> bool:
    return b"\x00" not in head and sum(b < 9 or 13 < b < 32 for b in head) == 0


# --- PDF -----------------------------------------------------------------------------------


def _pdf_pages(data: bytes) -> tuple[Page, ...]:
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
            pages.append(Page(number, _normalise(buffer.getvalue().rstrip("\f"), "NFKC")))
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


# --- text ----------------------------------------------------------------------------------

# Windows-1252 leaves five bytes unassigned; Latin-1 reads them as control characters.
codecs.register_error("referatsog.latin1", lambda e: (e.object[e.start : e.end].decode("latin-1"), e.end))  # type: ignore[attr-defined]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_text(data: bytes) -> str:
    """Decode a text file: BOM, else strict UTF-8, else DOS code page 865 or Windows-1252.

    Danish letters make the rule reliable: æ ø å in Latin-1/1252 are bytes that can never
    form valid UTF-8 followed by a plain letter, so a legacy file always fails the UTF-8 test.
    A file that is mostly valid UTF-8 with a few legacy bytes (two editors, one file) keeps
    its UTF-8 and reads only the stray bytes as Windows-1252. Old Danish DOS files (code page
    865) are told from Windows-1252 by where their letters sit (see `_is_dos_danish`).
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    sample = data[:4096]
    if b"\x00" in sample:
        utf16 = _decode_utf16_without_bom(data)
        if utf16 is not None:
            return utf16
    if _is_binary(sample):
        raise ExtractError("binær fil, ikke tekst (indeholder NUL-bytes)" if b"\x00" in sample else
                           "binær fil, ikke tekst (indeholder styretegn)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sequences = list(_UTF8_SEQUENCE.finditer(data))
    stray = sum(b >= 0x80 for b in data) - sum(len(m.group()) for m in sequences)
    if len(sequences) <= stray:
        if _is_dos_danish(data):
            return data.decode("cp865")
        if _is_mac_danish(data):
            return data.decode("mac_roman")
        return data.decode("cp1252", errors="referatsog.latin1")
    parts, pos = [], 0
    for m in sequences:
        parts.append(data[pos : m.start()].decode("cp1252", errors="referatsog.latin1"))
        parts.append(m.group().decode("utf-8", errors="replace"))
        pos = m.end()
    parts.append(data[pos:].decode("cp1252", errors="referatsog.latin1"))
    return "".join(parts)


# Inside a word (an ASCII letter on both sides) DOS code page 865 has its Danish letters where
# Windows-1252 has typographic marks that never sit between letters: 865's æ ø å é ä ö ü
# are 1252's ‘ › † ‚ „ ” and an unassigned byte. The capitals Æ Ø Å count only between
# capitals: Æ is 1252's ’, the apostrophe of "it’s". Windows-1252's own letters (0xC0-0xFF)
# are box drawing, Greek and maths signs in 865, which never sit inside a word either.
_DOS_LOWER_IN_WORD = re.compile(rb"(?<=[A-Za-z])[\x81\x82\x84\x86\x91\x94\x9b](?=[a-z])")
_DOS_UPPER_IN_WORD = re.compile(rb"(?<=[A-Z])[\x8f\x92\x9d](?=[A-Z])")
_WINDOWS_IN_WORD = re.compile(rb"(?<=[A-Za-z])[\xc0-\xd6\xd8-\xf6\xf8-\xff](?=[A-Za-z])")


def _is_dos_danish(data: bytes) -> bool:
    """Whether a legacy (not UTF-8) text is DOS code page 865 rather than Windows-1252."""
    dos = len(_DOS_LOWER_IN_WORD.findall(data)) + len(_DOS_UPPER_IN_WORD.findall(data))
    return dos > 0 and dos > len(_WINDOWS_IN_WORD.findall(data))


# Mac OS Roman (files from classic Mac OS and old Mac exports) has æ ø å at 0xBE 0xBF 0x8C, which
# Windows-1252 reads as ¾ ¿ Œ: signs that never sit between two lower-case letters.
_MAC_IN_WORD = re.compile(rb"(?<=[a-z])[\xbe\xbf\x8c](?=[a-z])")


def _is_mac_danish(data: bytes) -> bool:
    """Whether a legacy text (neither UTF-8 nor DOS) is Mac OS Roman rather than Windows-1252."""
    mac = len(_MAC_IN_WORD.findall(data))
    return mac > 0 and mac > len(_WINDOWS_IN_WORD.findall(data))


def _decode_utf16_without_bom(data: bytes) -> str | None:
    """Text with NUL bytes is UTF-16 when they sit on one side of each pair; else None."""
    sample = data[:4096]
    pairs = max(1, len(sample) // 2)
    even, odd = sample[0::2].count(0) / pairs, sample[1::2].count(0) / pairs
    if odd > 0.7 and even < 0.05:
        return data.decode("utf-16-le", errors="replace")
    if even > 0.7 and odd < 0.05:
        return data.decode("utf-16-be", errors="replace")
    return None


# Control bytes that text files do hold: tab, line feed, vertical tab, form feed, carriage return, DOS EOF.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1a")


def _is_binary(sample: bytes) -> bool:
    """Binary data has control bytes all through it (random or compressed data: one byte in ten);
    a text has none, or a stray NUL or two (a crashed editor, a tool that padded the file),
    which are dropped rather than costing the whole file."""
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls > max(2, len(sample) // 200)


# C0 and C1 controls except \t and \n (after \r is gone), and the invisible format characters
# that editors, word processors and web pages leave inside words: zero-width space and
# (non-)joiners, direction marks and embeddings, word joiner, a BOM in the middle of a text
# (two files joined). Inside "Sags\u200bbehandler" or "flygt\u2060ninge" they hid the word
# from search and the field line from segmentation (a whole document became one passage).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Line breaks other than \n and \r: Word's manual line break (vertical tab), Unicode's line and
# paragraph separators. Without them a file written with them was one line: one passage.
_OTHER_BREAKS = re.compile(r"[\x0b\u2028\u2029]")
_FORM_FEED_IN_LINE = re.compile(r"(?<=[^\s])\f+(?=[^\s])")


def _normalise(text: str, form: str) -> str:
    """Newlines to \\n, control and invisible format characters out, Unicode form `form`.

    Form feeds are not turned into newlines, so line numbers match an editor's: one between
    two words is a space (removed, it glued them: "3\\fLinje" became "3Linje"), others go.
    """
    text = _OTHER_BREAKS.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    if "\f" in text:
        text = _FORM_FEED_IN_LINE.sub(" ", text)
    return unicodedata.normalize(form, _CONTROL.sub("", text)).translate(_HYPHENS)


# Unicode's hyphen and Word's non-breaking hyphen (Ctrl+Shift+-) are the hyphen: in a case
# number '00.01.00‑A21‑1‑14' they cut it to '00.01.00', and 'Waage‑Jensen' became a second
# case handler beside 'Waage-Jensen'.
_HYPHENS = {0x2010: "-", 0x2011: "-"}


# --- HTML ----------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_WHATWG_1252 = {"latin1", "latin-1", "iso-8859-1", "iso8859-1", "l1", "ascii", "us-ascii", "windows-1252", "cp1252"}


# A web server's "not found" page saved under a document's name (a failed download).
_ERROR_PAGE = re.compile(r"\b404\b|\bikke fundet\b|\bnot found\b", re.I)


def html_text(data: bytes) -> str:
    """The visible text of an HTML page, one line per block (see `indexer.htmltext`).

    An error page is refused rather than indexed as minutes: its title or first line says so.
    """
    page = read_page(_decode_html(data))
    first_line = page.text.strip().split("\n", 1)[0]
    if _ERROR_PAGE.search(page.title) or _ERROR_PAGE.search(first_line):
        raise ExtractError(f"en fejlside fra et websted, ikke et dokument («{page.title or first_line}»)")
    return page.text


def _decode_html(data: bytes) -> str:
    """A BOM, else UTF-8 when the bytes are UTF-8, else the page's own `<meta charset>`, else
    the text rule (never a statistical guess).

    A page saved from a site whose server says UTF-8 (the HTTP header wins in a browser) while
    its template still declares ISO-8859-1 is UTF-8 on disk: read by its declaration it was
    mojibake ('IntegrationsrÃ¥det', found by no search). Legacy text with letters beyond ASCII
    is practically never valid UTF-8 (see `decode_text`), so valid UTF-8 overrules the meta.
    """
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return decode_text(data)
    if not data.isascii():
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    match = _META_CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii").lower() if match else ""
    if declared in _WHATWG_1252:  # browsers read "latin-1" pages as Windows-1252
        return data.decode("cp1252", errors="referatsog.latin1")
    if declared and not declared.startswith("utf"):
        try:
            if codecs.lookup(declared).name not in _NOT_WEB_CHARSETS:
                return data.decode(declared, errors="replace")
        except (LookupError, UnicodeError, ValueError):  # unknown, or a codec that cannot replace
            pass
    return decode_text(data)


# Python's codecs that no web page is written in: `data.decode` knows them by name, and with
# them a page's declaration failed the file with Python's English (idna, punycode, undefined)
# or read its backslashes as escapes (unicode_escape).
_NOT_WEB_CHARSETS = frozenset(
    "idna punycode undefined unicode-escape raw-unicode-escape unicode_escape raw_unicode_escape".split()
)

