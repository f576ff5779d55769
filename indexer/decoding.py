"""A text or HTML file's bytes → str: which encoding the bytes are in, decided from the bytes.

Text: a BOM, else UTF-8, else UTF-16 without a BOM (told by its NUL bytes), else a legacy
Danish code page (see `decode_text`). HTML: the same, except that a page's own `<meta charset>`
is believed when its bytes are not UTF-8 (see `decode_html`).
"""

from __future__ import annotations

import codecs
import re

from indexer.files import ExtractError

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


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_WHATWG_1252 = {"latin1", "latin-1", "iso-8859-1", "iso8859-1", "l1", "ascii", "us-ascii", "windows-1252", "cp1252"}


def decode_html(data: bytes) -> str:
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

