"""File → pages of raw text: what kind a file is, and whether it is a council document at all.

Content decides how a file is read, not its name: a PDF is recognised by its `%PDF-` magic, an
HTML page by its markup, everything else is text in whatever encoding its bytes show. A file
that cannot be read raises `ExtractError` with a one-line Danish reason for the administrator;
no other exception leaves `extract`.

The work is shared out: `indexer.files` reads the bytes (the only place input files are
opened) and says in Danish why the OS would not give them, `indexer.decoding` turns text and
HTML bytes into str, `indexer.pdftext` reads PDF pages, `indexer.normalise` makes the text
canonical. Their public names are importable from here too, as callers always have.
"""

from __future__ import annotations

import codecs
import hashlib
import html
import os
import re
from pathlib import Path

from indexer import files
from indexer.decoding import decode_html, decode_text, text_encoding
from indexer.files import (
    MAX_BYTES, MAX_TEXT_CHARS, ExtractError, UnreadableFile, file_error_reason, index_write_error, link_reason,
    open_regular, os_error_text, read_bytes, read_failure,
)
from indexer.htmltext import read_page
from indexer.models import Page, SourceFile
from indexer.normalise import normalise, page_starts
from indexer.numbers import danish_number  # noqa: F401 (the pipeline's name for it, as before)
from indexer.pdftext import MAX_STREAM_BYTES, OCR_HINT, pdf_pages

__all__ = [
    "CUT_MARK", "MAX_BYTES", "MAX_STREAM_BYTES", "MAX_TEXT_CHARS", "OCR_HINT", "SUPPORTED_SUFFIXES", "ExtractError",
    "UnreadableFile", "cut_at", "danish_number", "decode_html", "decode_text", "extract", "file_error_reason",
    "html_text", "index_write_error", "is_candidate", "is_junk", "is_pdf", "is_pdf_file", "link_reason",
    "open_regular", "os_error_text", "read_failure", "unsupported_reason",
]

SUPPORTED_SUFFIXES: dict[str, str] = {
    ".pdf": "pdf",
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


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


# Types that turn up beside the minutes, by suffix: what the file is, and what to do to have
# it read (`unsupported_reason`). "{}" is the suffix.
_WORD = "Word-dokument ({}) – gem det som PDF for at få det med"
_SHEET = "Excel-regneark ({}) – bilag læses ikke"
_SLIDES = "PowerPoint-præsentation ({}) – gem den som PDF for at få den med"
_IMAGE = "billede ({}) – ingen tekst; kør OCR, hvis det er et scannet referat"
_KNOWN_TYPES: dict[str, str] = {
    **dict.fromkeys((".docx", ".doc", ".docm", ".dotx", ".dot"), _WORD),
    ".odt": "tekstdokument ({}) – gem det som PDF for at få det med",
    ".rtf": "RTF-dokument ({}) – gem det som PDF for at få det med",
    **dict.fromkeys((".xlsx", ".xls", ".xlsm", ".xlsb", ".ods"), _SHEET),
    ".csv": "CSV-fil ({}) – regneark og bilag læses ikke",
    **dict.fromkeys((".pptx", ".ppt", ".ppsx", ".pps", ".odp"), _SLIDES),
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".heic", ".webp"), _IMAGE),
    **dict.fromkeys((".msg", ".eml"), "e-mail ({}) – gem den som PDF for at få den med"),
    **dict.fromkeys((".zip", ".7z", ".rar"), "arkiv ({}) – pak det ud i mappen for at få filerne med"),
}


def unsupported_reason(path: Path) -> str:
    """The reason reported for a file whose type Referatsøg does not read: for the office and
    image files found beside minutes, what it is and what to do to have it read."""
    suffix = path.suffix.lower()
    if suffix in _OFFICE_SUFFIXES and (misnamed := _misnamed_office_file(path, suffix)):
        return misnamed
    if suffix in _KNOWN_TYPES:
        return _KNOWN_TYPES[suffix].format(suffix)
    return f"ukendt filtype '{suffix}'" if suffix else "ukendt filtype (ingen filendelse)"


# Office documents, which are ZIP archives or old OLE files: one that is neither may be text or
# a PDF saved under the name, which renaming has read (`_misnamed_office_file`).
_OFFICE_SUFFIXES = frozenset({".docx", ".doc", ".docm", ".dotx", ".dot", ".odt", ".xlsx", ".xls", ".xlsm", ".xlsb",
                              ".ods", ".pptx", ".ppt", ".ppsx", ".pps", ".odp"})


def _misnamed_office_file(path: Path, suffix: str) -> str | None:
    """For an office document's name over a PDF or a text (its first KB read), the reason with
    the renaming that has it read; None for what the name says, or when it cannot be read
    (reading it is not this run's business: the reason by its name then)."""
    try:
        with open_regular(path) as file:
            head = file.read(_PDF_HEAD)
    except (OSError, ExtractError):
        return None
    if not head or any(head.startswith(magic) for magic, _ in _SIGNATURES):
        return None
    if b"%PDF-" in head[:_PDF_HEAD] and _strip_bom(head).lstrip().startswith(b"%PDF-"):
        return f"filen hedder {suffix}, men er en PDF – omdøb den til .pdf for at få den med"
    if _is_texty(head) or _in_ascii(head) != head:
        return f"filen hedder {suffix}, men er tekst – omdøb den til .txt for at få den med"
    return None


def extract(path: Path, root: Path) -> SourceFile:
    """Read one file into pages of text; raise `ExtractError` for input that cannot be indexed.

    `source` is `path` relative to `root` with POSIX separators; a text or HTML file is one page.
    Its `notices` say when the content overruled the name, and when the text was longer than
    `MAX_TEXT_CHARS` and only its start is read.
    """
    source = path.relative_to(root).as_posix()
    _refuse_undecodable_name(source)
    data = read_bytes(path)
    kind = _sniff(data, path)
    notices = _misnamed(kind, path.suffix.lower())
    site_title = letterhead = ""
    page_breaks = False
    starts: tuple[int, ...] = ()
    if kind == "pdf":
        pages = _bounded_pages(pdf_pages(data, notices), notices)
    else:
        text = _bounded(decode_html(data) if kind == "html" else decode_text(data), notices)
        if kind == "html":
            text, site_title, letterhead = _visible_text_and_title(text)
        else:
            text = _drop_code(html.unescape(text) if path.suffix.lower() in _HTML_SUFFIXES else text)
        page_breaks = "\f" in text
        starts = page_starts(text)
        text = normalise(text, "NFC")
        if not text.strip():
            raise ExtractError("ingen tekst i filen (kun blanktegn)" if kind != "html" else "ingen synlig tekst i HTML-siden")
        pages = (Page(1, text),)
    _refuse_english(pages)
    return SourceFile(path=path, source=source, sha256=hashlib.sha256(data).hexdigest(), kind=kind, pages=pages,
                      notices=tuple(notices), site_title=normalise(site_title, "NFC").strip(),
                      site_letterhead=normalise(letterhead, "NFC").strip(), page_breaks=kind != "pdf" and page_breaks,
                      page_starts=starts)


_HTML_SUFFIXES = (".html", ".htm")


def _misnamed(kind: str, suffix: str) -> list[str]:
    """The notice for a file read as something else than its name says, with what renaming it
    changes: the web UI serves a source by its name (a page saved as .txt shows its markup),
    except a PDF, which it serves as a PDF whatever its name (see `is_pdf_file`)."""
    if kind == "pdf" and suffix != ".pdf":
        return [f"læst som PDF: filen hedder {suffix or '(ingen filendelse)'}, men er en PDF (omdøb den til .pdf)"]
    if kind == "html" and suffix == ".txt":
        return ["læst som HTML: filen er en webside gemt som .txt (omdøb den til .html, så kildefilen vises "
                "som side)"]
    if kind == "text" and suffix in _HTML_SUFFIXES:
        return [f"læst som tekst: filen hedder {suffix}, men er ikke HTML (omdøb den til .txt, så kildefilen "
                "vises med sine linjeskift)"]
    return []


# Marks where a text was cut (`_bounded`): the editors' sign for something left out.
CUT_MARK = "[…]"


def _bounded(text: str, notices: list[str]) -> str:
    """`text`, or its first `MAX_TEXT_CHARS` characters (to a line end, else a space) and
    `CUT_MARK`, with a notice: no council document comes near it (a 1,000-page PDF holds a few
    million), while a 50 MB file without line breaks took a quarter of an hour and a GB of
    memory to index as one passage. The bound is read at each call, so a test can lower it."""
    limit = files.MAX_TEXT_CHARS
    if len(text) <= limit:
        return text
    cut = cut_at(text, limit)
    notices.append(f"kun de første {danish_number(cut)} af filens {danish_number(len(text))} tegn er læst "
                   f"(grænsen er {danish_number(limit)} tegn pr. fil)")
    return f"{text[:cut]}\n{CUT_MARK}\n"


def _bounded_pages(pages: tuple[Page, ...], notices: list[str]) -> tuple[Page, ...]:
    """The pages of a PDF up to `MAX_TEXT_CHARS` characters in all (see `_bounded`)."""
    limit = files.MAX_TEXT_CHARS
    total = sum(len(page.text) for page in pages)
    if total <= limit:
        return pages
    kept: list[Page] = []
    read = 0
    for page in pages:
        if read + len(page.text) > limit:  # the last page read: cut
            cut = cut_at(page.text, limit - read)
            kept.append(Page(page.number, f"{page.text[:cut]}\n{CUT_MARK}\n", page.label))
            read += cut
            break
        kept.append(page)
        read += len(page.text)
    notices.append(f"kun de første {danish_number(read)} af filens {danish_number(total)} tegn er læst, til og "
                   f"med side {kept[-1].number} af {len(pages)} (grænsen er {danish_number(limit)} tegn pr. fil)")
    return tuple(kept)


def cut_at(text: str, limit: int) -> int:
    """Where to cut `text` to at most `limit` characters: at its last line break in the second
    half of them, else at its last space there, else at `limit`."""
    for separator in ("\n", " "):
        at = text.rfind(separator, limit // 2, limit)
        if at > 0:
            return at
    return limit


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


# Magic numbers of files that turn up in council folders under the wrong name.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "et ZIP-arkiv, fx et Word-dokument (.docx)"),
    (b"\xd0\xcf\x11\xe0", "et gammelt Office-dokument (.doc/.xls)"),
    (b"{\\rtf", "et RTF-dokument"),
    (b"\x89PNG", "et PNG-billede"),
    (b"\xff\xd8\xff", "et JPEG-billede"),
    (b"GIF8", "et GIF-billede"),
    (b"II*\x00", "et TIFF-billede"),
    (b"MM\x00*", "et TIFF-billede"),
)
# Blanks, an XML declaration (an XHTML page) and comments before the first element.
_BEFORE_MARKUP = rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<"
# A page: <!doctype html> or <html>, or without <html> (a CMS's export, a fragment saved by
# hand) an element of the head, which is never text or markdown. A .txt that is markup from its
# first character to its last is a page too; a markdown file may be (pandoc wraps its exports
# of web pages in raw <div>s) and stays markdown, whose reading strips the tags line by line.
_HTML_START = re.compile(_BEFORE_MARKUP + rb"(!doctype\s+html|html[\s>]|(head|body|meta|title)[\s>/])", re.I | re.S)
_HTML_BLOCK_START = re.compile(_BEFORE_MARKUP + rb"(div|p|table|section|article|main|h[1-6])[\s>]", re.I | re.S)
# What makes a file named .html a page: an element that gives a browser its lines or its
# document. One without any is plain text under that name, whose line breaks a browser (and
# the HTML reader) would run together into one paragraph: it is read as text.
_PAGE_MARKUP = re.compile(
    rb"<(!doctype\s|html|head|body|title|meta|p|div|br|hr|table|tr|li|ul|ol|dl|dt|dd|h[1-6]|pre|section|article"
    rb"|main|header|footer|nav|blockquote|center|address|form)[\s/>]", re.I)


def _sniff(data: bytes, path: Path) -> str:
    """The kind of file the bytes are. The name only chooses between text and markdown, and
    between page and text for a file that is markup in part (a fragment in .html is a page, a
    .txt with a tag or two is text)."""
    head = data[:_PDF_HEAD]
    if is_pdf(head, data[-_PDF_TAIL:]):
        return "pdf"
    suffix = path.suffix.lower()
    looks_like = next((what for magic, what in _SIGNATURES if data.startswith(magic)), None)
    markup = data if looks_like else _in_ascii(data)  # where markup is looked for: a UTF-16 page's too
    first = _strip_bom(markup[:1024])
    is_html = bool(_HTML_START.match(first)) or bool(
        suffix == ".txt" and _HTML_BLOCK_START.match(first) and markup.rstrip().endswith(b">"))
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
    if is_html:
        return "html"
    if suffix in _HTML_SUFFIXES:  # a page by its name, unless it holds nothing that makes one
        return "html" if _PAGE_MARKUP.search(markup) else "text"
    return SUPPORTED_SUFFIXES.get(suffix, "text")


_PDF_HEAD = 1024  # bytes at the start where a PDF's magic is looked for
_PDF_TAIL = 2048  # bytes at the end where its end-of-file marker is


def is_pdf(head: bytes, tail: bytes) -> bool:
    """Whether a file whose first `_PDF_HEAD` bytes are `head` and last `_PDF_TAIL` are `tail`
    is a PDF, whatever its name. Readers accept junk before the magic within the first KB; a
    text that merely mentions "%PDF-" is told apart by the missing end-of-file marker."""
    head = head[:_PDF_HEAD]
    return _strip_bom(head).lstrip().startswith(b"%PDF-") or (b"%PDF-" in head and b"%%EOF" in tail[-_PDF_TAIL:])


def is_pdf_file(path: Path | str) -> bool:
    """`is_pdf` of the file at `path`, reading only its start and end (the web UI asks it of a
    source named .txt, to serve a PDF saved under that name as a PDF). Raises `OSError` and
    `ExtractError` (not a regular file) as `open_regular` does."""
    with open_regular(path) as file:
        head = file.read(_PDF_HEAD)
        if b"%PDF-" not in head:
            return False
        size = os.fstat(file.fileno()).st_size
        file.seek(max(0, size - _PDF_TAIL))
        return is_pdf(head, file.read(_PDF_TAIL))


def _in_ascii(data: bytes) -> bytes:
    """`data` where ASCII is ASCII: UTF-16 and UTF-32 text (Notepad's "Unicode", told by a BOM
    or by NUL bytes) as UTF-8, so its markup is found as in any other file; else as it is."""
    if b"\x00" not in data[:64]:
        return data
    try:
        encoding = text_encoding(data)
    except ExtractError:  # binary: reading it will say so
        return data
    if not encoding.codec.startswith(("utf-16", "utf-32")):
        return data
    return encoding.decode(data).encode("utf-8", "replace")


def _strip_bom(data: bytes) -> bytes:
    return data[3:] if data.startswith(codecs.BOM_UTF8) else data


def _first_line(head: bytes) -> str:
    """The start of the first line as the user would see it, up to the first '>' of a tag."""
    line = _strip_bom(head).lstrip().split(b"\n", 1)[0].split(b">", 1)[0]
    text = line[:30].decode("utf-8", errors="replace")
    return "".join(c if c.isprintable() else "?" for c in text).strip()


def _is_texty(head: bytes) -> bool:
    return b"\x00" not in head and sum(b < 9 or 13 < b < 32 for b in head) == 0

# --- HTML ----------------------------------------------------------------------------------


# A web server's "not found" page saved under a document's name (a failed download).
_ERROR_PAGE = re.compile(r"\b404\b|\bikke fundet\b|\bnot found\b", re.I)


def html_text(data: bytes) -> str:
    """The visible text of an HTML page, one line per block (see `indexer.htmltext`).

    An error page is refused rather than indexed as minutes: its title or first line says so.
    """
    return _visible_text(decode_html(data))


def _visible_text(markup: str) -> str:
    return _visible_text_and_title(markup)[0]


def _visible_text_and_title(markup: str) -> tuple[str, str, str]:
    """The page's visible text, its `<title>` and its footer's letterhead line."""
    page = read_page(markup)
    first_line = page.text.strip().split("\n", 1)[0]
    if _ERROR_PAGE.search(page.title) or _ERROR_PAGE.search(first_line):
        raise ExtractError(f"en fejlside fra et websted, ikke et dokument («{page.title or first_line}»)")
    return page.text, page.title, page.letterhead

